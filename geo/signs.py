"""Printable signs: one per registration (A6 or A4) and an area board per neighbourhood, black-and-white safe.

After the Dutch guideline for communicating about sensors in public space: an icon for what it measures, whether
it processes personal data, the owner, the purpose in one line, and a QR code to the registration's own page
(`<base-url>/sensor?id=<id>`, geo.viewstate.sensor_url). Every text from the register is printed literally (fpdf2
text, never markup), shrunk or shortened until it fits its place: a sign is always one page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from geo.codes import label
from geo.facts import Facts
from geo.factsheet import _FONT_FILES, FONT, FONT_DIR, _fonts_present, _Icons, _plain
from geo.qr import qr_png
from geo.schema import split_codes
from geo.sensor import status_note
from geo.summary import count_label
from geo.text import LANGS, LOCALES, lower_first, text, words
from geo.viewstate import MAX_CODE_LENGTH, public_url, sensor_url

#: Page sizes in mm (portrait): A6 for a lamp post, A4 for a wall or a board.
SIZES: Mapping[str, tuple[float, float]] = {"a6": (105.0, 148.0), "a4": (210.0, 297.0)}
DEFAULT_SIZE = "a6"
_BLACK = "#000000"
_WHITE = "#ffffff"
#: The board's sentence names this many kinds; more are summed up as "n others".
_KINDS_NAMED = 3


def sign_filename(reg_id: str, lang: str, size: str = DEFAULT_SIZE) -> str:
    """A safe file name for a registration's sign; characters outside [A-Za-z0-9_-] become _.

    >>> sign_filename("VBS-0001", "nl"), sign_filename("../a b", "en", "a4")
    ('bordje-VBS-0001-nl-a6.pdf', 'bordje-___a_b-en-a4.pdf')
    """
    return f"bordje-{re.sub(r'[^A-Za-z0-9_-]', '_', reg_id)[:MAX_CODE_LENGTH]}-{lang}-{size}.pdf"


def board_filename(code: str, lang: str) -> str:
    """A safe file name for a neighbourhood's area board.

    >>> board_filename("BU99990001", "nl")
    'buurtbord-BU99990001-nl.pdf'
    """
    return f"buurtbord-{re.sub(r'[^A-Za-z0-9_-]', '_', code)[:MAX_CODE_LENGTH]}-{lang}.pdf"


def _pdf(size: str, lang: str, title: str):
    from fpdf import FPDF  # imported on first use: the app's other pages never need it

    if size not in SIZES:
        raise ValueError(f"size must be one of {tuple(SIZES)}, not {size!r}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    _fonts_present()
    pdf = FPDF(orientation="P", unit="mm", format=SIZES[size])
    for style in ("", "B"):  # a sign has no italics: loading a font is most of a sign's time
        pdf.add_font(FONT, style, str(FONT_DIR / _FONT_FILES[style]))
    pdf.alias_nb_pages(None)  # register text may hold "{nb}": print it, never the page count
    pdf.set_auto_page_break(False)
    pdf.set_title(_plain(title))
    pdf.set_author("Zichtbaar")
    pdf.set_lang(LOCALES[lang].replace("_", "-"))
    pdf.set_text_color(_BLACK)
    pdf.add_page()
    return pdf


def _one_line(value: object) -> str:
    return " ".join(_plain(value).split())


def _fit(pdf, value: str, width: float, size: float, style: str = "", lines: int = 1,
         smallest: float = 0.0) -> tuple[str, float]:
    """(text, font size) so that `value` takes at most `lines` lines of `width` mm: first the font shrinks (down to
    `smallest`, default 70 % of `size`), then the text is cut with an ellipsis."""
    smallest = smallest or size * 0.7
    font = size
    while True:
        pdf.set_font(FONT, style, font)
        if len(pdf.multi_cell(width, font * 0.45, value, dry_run=True, output="LINES")) <= lines:
            return value, font
        if font - 0.5 < smallest:
            break
        font -= 0.5
    cut = value
    while cut and len(pdf.multi_cell(width, font * 0.45, cut + "…", dry_run=True, output="LINES")) > lines:
        cut = cut[: max(0, int(len(cut) * 0.9) - 1)]
    return cut.rstrip() + "…", font


def _write(pdf, x: float, width: float, value: str, size: float, style: str = "", lines: int = 1,
           fill: bool = False, align: str = "L", smallest: float = 0.0) -> None:
    """`value` at (x, current y), fitted into `lines` lines of `width` mm (see `_fit`); y moves below it."""
    shown, font = _fit(pdf, value, width, size, style, lines, smallest)
    pdf.set_font(FONT, style, font)
    pdf.set_x(x)
    pdf.multi_cell(width, font * 0.45, shown, align=align, fill=fill, new_x="LMARGIN", new_y="NEXT")


def _value(record: Mapping[str, object], name: str) -> str:
    v = record.get(name)
    if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
        return ""
    return _one_line(v)


def sign_pdf(record: Mapping[str, object], lang: str, size: str = DEFAULT_SIZE, base_url: str | None = None) -> bytes:
    """The sign of one registration as a one-page PDF (A6 or A4), in Dutch or English.

    Examples
    --------
    >>> sign_pdf({"id": "C 1", "name": "Camera", "sensor_type": "camera", "purpose": "safety",
    ...           "owner": "Gemeente", "personal_data": True}, "nl")[:5]
    b'%PDF-'
    """
    w, h = SIZES[size] if size in SIZES else SIZES[DEFAULT_SIZE]
    s = w / SIZES["a6"][0]  # everything scales with the page
    margin = 6 * s
    inner = w - 2 * margin
    reg_id = _value(record, "id")
    kind_code = _value(record, "sensor_type") or "other"
    pdf = _pdf(size, lang, text("sign.title", lang, id=reg_id))
    pdf.set_margins(margin, margin, margin)
    # A heavy frame: the sign reads as one thing on a busy lamp post.
    pdf.set_line_width(0.8 * s)
    pdf.set_draw_color(_BLACK)
    pdf.rect(margin / 2, margin / 2, w - margin, h - margin)

    # The icon, black, with what it is beside it.
    icon = 22 * s
    _Icons(pdf).draw(kind_code, _BLACK, margin + icon / 2, margin + icon / 2, icon)
    pdf.set_xy(margin + icon + 4 * s, margin + 1 * s)
    col = inner - icon - 4 * s
    _write(pdf, margin + icon + 4 * s, col, text("sign.here", lang), 9 * s)
    _write(pdf, margin + icon + 4 * s, col, label("sensor_type", kind_code, lang), 15 * s, "B", lines=2)
    pdf.set_y(max(pdf.get_y(), margin + icon) + 3 * s)

    # Personal data: white on black when yes, so that it stands out in black and white too.
    personal = bool(record.get("personal_data")) and record.get("personal_data") is not pd.NA
    pdf.set_fill_color(_BLACK if personal else _WHITE)
    pdf.set_text_color(_WHITE if personal else _BLACK)
    top = pdf.get_y()
    _write(pdf, margin, inner, text("sign.personal.yes" if personal else "sign.personal.no", lang), 12 * s, "B",
           fill=True, align="C")
    pdf.set_text_color(_BLACK)
    pdf.set_line_width(0.5 * s)
    pdf.rect(margin, top, inner, pdf.get_y() - top)
    pdf.ln(3 * s)

    purposes = [lower_first(label("purpose", c, lang)) for c in split_codes(_value(record, "purpose"))]
    _write(pdf, margin, inner, text("sign.purpose", lang, purposes=", ".join(purposes) or "–"), 10.5 * s)
    pdf.ln(1.5 * s)
    _write(pdf, margin, inner, text("sign.owner", lang, owner=_value(record, "owner") or "–"), 10.5 * s, "B",
           lines=2)
    pdf.ln(1.5 * s)
    _write(pdf, margin, inner, _value(record, "name") or reg_id, 9 * s, lines=2)
    note = status_note(record, lang)
    if note:
        pdf.ln(1 * s)
        _write(pdf, margin, inner, note, 9 * s, "B", lines=2)

    # The QR code at the bottom, the address written out beside it.
    qr = 40 * s
    qr_top = h - margin - qr
    if pdf.get_y() > qr_top - 2 * s:  # the texts above are fitted to their lines; this never happens
        raise ValueError("the sign's texts do not fit above its QR code")
    url = sensor_url(reg_id, base_url)
    pdf.image(io.BytesIO(qr_png(url)), x=margin - 2 * s, y=qr_top, w=qr, h=qr)
    x = margin + qr
    col = inner - qr + 2 * s
    pdf.set_y(qr_top + 3 * s)
    _write(pdf, x, col, text("sign.scan", lang), 9.5 * s, "B", lines=4)
    pdf.ln(1.5 * s)
    _write(pdf, x, col, url, 6.5 * s, lines=4)
    pdf.ln(1 * s)
    _write(pdf, x, col, text("sign.id", lang, id=reg_id), 7 * s, lines=2)
    return bytes(pdf.output())


def write_signs(registrations: pd.DataFrame, folder: str | Path, lang: str, size: str = DEFAULT_SIZE,
                base_url: str | None = None, jobs: int = 1) -> list[Path]:
    """Write the sign of every registration into `folder`; return their paths (distinct even when two ids differ
    only in characters a file name cannot hold). `jobs` processes share the work: a sign costs about 0.15 s of
    CPU, most of it reading the fonts, which every PDF does anew."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    work: list[tuple[Path, dict, str, str, str | None]] = []
    taken: set[str] = set()
    for record in registrations.drop(columns="geometry", errors="ignore").to_dict("records"):
        name = sign_filename(str(record.get("id", "")), lang, size)
        stem, n = name[:-4], 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}.pdf"
        taken.add(name)
        work.append((folder / name, record, lang, size, base_url))
    if jobs > 1 and len(work) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(_write_sign, work, chunksize=max(1, len(work) // (jobs * 8))))
    return [_write_sign(w) for w in work]


def _write_sign(work: tuple[Path, dict, str, str, str | None]) -> Path:
    path, record, lang, size, base_url = work
    path.write_bytes(sign_pdf(record, lang, size, base_url))
    return path


def board_pdf(facts: Facts, lang: str, base_url: str | None = None) -> bytes:
    """A neighbourhood's area board as one A4 page: its name, what is measured there in one sentence, the
    registrations grouped by kind with their icons, and a QR code to the neighbourhood's page.

    >>> from geo.dataset import load_demo
    >>> from geo.facts import neighbourhood_facts
    >>> board_pdf(neighbourhood_facts(load_demo(), "BU99990002"), "en")[:5]
    b'%PDF-'
    """
    w, h = SIZES["a4"]
    margin = 15.0
    inner = w - 2 * margin
    pdf = _pdf("a4", lang, text("board.title", lang, name=facts.name))
    pdf.set_margins(margin, margin, margin)
    pdf.set_line_width(1.2)
    pdf.rect(margin / 2, margin / 2, w - margin, h - margin)
    pdf.set_y(margin)
    _write(pdf, margin, inner, text("board.title", lang, name=_one_line(facts.name)), 24, "B", lines=2)
    pdf.ln(2)
    reg = facts.registrations
    by_kind = reg["sensor_type"].astype(str).value_counts() if len(reg) else pd.Series(dtype=int)
    # The largest kinds by name, the rest summed up: one sentence, however busy the neighbourhood.
    listed = [count_label(int(n), c, lang) for c, n in by_kind.head(_KINDS_NAMED + 1).items()]
    if len(by_kind) > _KINDS_NAMED + 1:
        listed = listed[:_KINDS_NAMED] + [text("summary.what.others", lang, n=int(by_kind.iloc[_KINDS_NAMED:].sum()))]
    sentence = (text("board.what", lang, n=len(reg), listed=words(listed, lang)) if len(reg)
                else text("board.nothing", lang))
    _write(pdf, margin, inner, sentence, 13, lines=5)
    personal = int(reg["personal_data"].fillna(False).astype(bool).sum()) if len(reg) else 0
    if len(reg):
        _write(pdf, margin, inner, text("board.personal", lang, n=personal), 13, "B", lines=2)
    pdf.ln(4)

    qr = 48.0
    qr_top = h - margin - qr
    # The kinds in two columns, each with its icon, its count and the first names.
    icons = _Icons(pdf)
    col_w, row_h = inner / 2, 19.0
    rows = max(1, int((qr_top - 6 - pdf.get_y()) // row_h))
    top = pdf.get_y()
    kinds = list(by_kind.items())
    shown = kinds[: rows * 2]
    for i, (code, n) in enumerate(shown):
        x = margin + (i % 2) * col_w
        y = top + (i // 2) * row_h
        icons.draw(code, _BLACK, x + 5, y + 5, 10)
        names = reg.loc[reg["sensor_type"].astype(str) == code, "name"].astype(str).head(3).map(_one_line).tolist()
        more = int(n) - len(names)
        pdf.set_xy(x + 12, y)
        _write(pdf, x + 12, col_w - 14, count_label(int(n), code, lang), 11.5, "B")
        line = ", ".join(names) + (" " + text("board.more", lang, n=more) if more > 0 else "")
        _write(pdf, x + 12, col_w - 14, line, 8.5, lines=2, smallest=8.5)
    if len(kinds) > len(shown):
        pdf.set_y(top + rows * row_h)
        _write(pdf, margin, inner, text("board.more", lang, n=sum(int(n) for _, n in kinds[len(shown):])), 9)

    url = public_url("buurt", {"code": facts.code}, base_url)
    pdf.set_draw_color(_BLACK)
    pdf.set_line_width(0.4)
    pdf.line(margin, qr_top - 3, w - margin, qr_top - 3)
    pdf.image(io.BytesIO(qr_png(url)), x=margin - 3, y=qr_top, w=qr, h=qr)
    pdf.set_y(qr_top + 4)
    _write(pdf, margin + qr + 2, inner - qr - 2, text("board.scan", lang), 13, "B", lines=3)
    pdf.ln(2)
    _write(pdf, margin + qr + 2, inner - qr - 2, url, 9, lines=3)
    return bytes(pdf.output())
