"""A neighbourhood's printable A4 fact sheet (PDF), with a static map drawn without internet.

Its facts come from geo.facts, its words from geo.text (`sheet.*`)."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.codes import label
from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.facts import Facts, contacts, neighbourhood_facts
from geo.join import join, to_rd
from geo.mapping import PURPOSE_COLOURS, PURPOSE_ORDER, TYPE_ORDER, icon_purpose, icon_svg
from geo.principles import FLAG_REASONS
from geo.qr import qr_png
from geo.summary import city_summary, summarise
from geo.text import LANGS, LOCALES, day, number, text
from geo.viewstate import MAX_CODE_LENGTH, public_url

#: Where the DejaVu fonts are (Debian/Ubuntu: fonts-dejavu-core); they cover Latin, Greek, Cyrillic,
#: Hebrew, Arabic and many symbols, so any registration text prints.
FONT_DIR = Path(os.environ.get("ZICHTBAAR_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
FONT = "DejaVu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}

# Page geometry of A4 in mm.
_MARGIN = 15.0
_WIDTH = 210.0 - 2 * _MARGIN
_INK = "#1a1a1a"
_MUTED = "#555555"
_RULE = "#c8c8c8"
_HIGHLIGHT = "#253494"  # the neighbourhood's outline: the darkest class of the overview's palette
_AREA_FILL = "#ffffcc"
_NEIGHBOUR_FILL = "#e6e6e6"
_NEIGHBOUR_LINE = "#9a9a9a"
_FLAG = "#a63603"
_LEGEND_GREY = "#4A4A4A"  # as geo.mapping.legend_html
# Control characters cannot be drawn; a tab becomes a space and line breaks stay line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def factsheet_filename(code: str, lang: str) -> str:
    """A safe file name for a neighbourhood's fact sheet; characters outside [A-Za-z0-9_-] become _.

    >>> factsheet_filename("BU99990001", "nl"), factsheet_filename("../x y", "en")
    ('zichtbaar-BU99990001-nl.pdf', 'zichtbaar-___x_y-en.pdf')
    """
    return f"zichtbaar-{re.sub(r'[^A-Za-z0-9_-]', '_', code)[:MAX_CODE_LENGTH]}-{lang}.pdf"


def write_factsheets(data: Dataset, folder: str | Path, lang: str, codes_: Iterable[str] | None = None,
                     today: date | None = None) -> list[Path]:
    """Write the fact sheets of `codes_` (every neighbourhood when None) into `folder`; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    summaries = summarise(data.registrations, data.neighbourhoods, today)
    city = city_summary(data.registrations, data.neighbourhoods, today)
    members = join(data.registrations, data.neighbourhoods)
    written = []
    for code in codes_ if codes_ is not None else data.neighbourhoods["code"].astype(str):
        facts = neighbourhood_facts(data, code, summaries=summaries, city=city, members=members, today=today)
        path = folder / factsheet_filename(code, lang)
        path.write_bytes(factsheet_pdf(facts, lang, today))
        written.append(path)
    return written


# ---------------------------------------------------------------- the PDF


def factsheet_pdf(facts: Facts, lang: str, today: date | None = None, base_url: str | None = None) -> bytes:
    """The fact sheet of one neighbourhood as two A4 pages, in Dutch ("nl") or English ("en").

    Page one: the map, the figures and the summary. Page two: what does not fit the principles, whom to ask,
    and a QR code to the neighbourhood's page (`base_url`, default $ZICHTBAAR_PUBLIC_URL) where every
    registration is listed. Every text from the register is printed as it is: no markup, no {nb} page alias.

    Examples
    --------
    >>> from geo.dataset import load_demo
    >>> facts = neighbourhood_facts(load_demo(), "BU99990002")
    >>> factsheet_pdf(facts, "en")[:5]
    b'%PDF-'
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    today = today or date.today()
    pdf = _Sheet(facts, lang)
    pdf.add_page()
    _heading(pdf, facts, lang, today)
    _map_and_figures(pdf, facts, lang)
    _section(pdf, text("sheet.summary", lang))
    pdf.body(_fit(facts.summary.text(lang), 900))
    # Page two holds what it can and says where the rest is: the sheet is two pages, whatever the register.
    pdf.add_page()
    pdf.set_auto_page_break(False)
    qr_top = pdf.h - _MARGIN - 5 - _QR_SIZE - 2
    middle = pdf.get_y() + (qr_top - pdf.get_y()) * 0.55
    _flags(pdf, facts, lang, bottom=middle)
    _questions(pdf, facts, lang, bottom=qr_top - 4)
    _qr_block(pdf, facts, lang, public_url("buurt", {"code": facts.code, "lang": lang}, base_url), qr_top)
    return bytes(pdf.output())


def _plain(label_text: object) -> str:
    """Register text as it can be drawn: line breaks kept, tabs as spaces, control characters dropped."""
    s = str(label_text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", s)


def _fonts_present() -> None:
    missing = [f for f in _FONT_FILES.values() if not (FONT_DIR / f).is_file()]
    if missing:
        raise UserFacingError("error.sheet.fonts", files=", ".join(missing), folder=str(FONT_DIR))


def _fpdf_class() -> type:
    from fpdf import FPDF  # imported on first use: the app's other pages never need it

    class Sheet(FPDF):
        """A4 with the fact sheet's fonts, a footer, and helpers for literal text."""

        def __init__(self, facts: Facts, lang: str) -> None:
            super().__init__(orientation="P", unit="mm", format="A4")
            _fonts_present()
            for style, file in _FONT_FILES.items():
                self.add_font(FONT, style, str(FONT_DIR / file))
            # Register text may contain "{nb}": never let fpdf2 replace it with the page count.
            self.alias_nb_pages(None)
            self.set_margins(_MARGIN, _MARGIN, _MARGIN)
            self.set_auto_page_break(True, margin=_MARGIN + 5)
            # not self.lang: FPDF.set_lang keeps the document language there
            self.facts, self.sheet_lang = facts, lang
            self.set_title(_plain(text("sheet.title", lang, name=facts.name)))
            self.set_author("Zichtbaar")
            self.set_lang(LOCALES[lang].replace("_", "-"))
            self.set_font(FONT, size=10)
            self.set_text_color(_INK)
            self.icons = _Icons(self)

        def multi_cell(self, w: float, h: float | None = None, text: str = "", **kwargs):
            # Left-aligned unless asked: fpdf2 justifies by default, which spreads short table cells.
            kwargs.setdefault("align", "L")
            return super().multi_cell(w, h, text, **kwargs)

        def footer(self) -> None:
            self.set_y(-_MARGIN)
            self.set_font(FONT, size=7.5)
            self.set_text_color(_MUTED)
            name = _plain(self.facts.name)
            name = name if len(name) <= 60 else name[:59] + "…"  # a footer has one line
            self.cell(0, 5, text("sheet.page", self.sheet_lang, name=name, page=self.page_no()), align="C")
            self.set_text_color(_INK)

        def body(self, label_text: str, size: float = 10, style: str = "", colour: str = _INK,
                 height: float | None = None) -> None:
            self.set_font(FONT, style, size)
            self.set_text_color(colour)
            self.multi_cell(0, height or size * 0.5, _plain(label_text), new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(_INK)

        def text_height(self, w: float, h: float, label_text: str) -> float:
            return float(self.multi_cell(w, h, _plain(label_text), dry_run=True, output="HEIGHT"))

    return Sheet


class _Icons:
    """The web map's icons (geo.mapping.icon_svg) as PDF vectors: each icon is converted once, then stamped.

    fpdf2 converts an SVG and draws it in about 8 ms; a busy neighbourhood has hundreds of icons. So each
    (type, colour, size) is rendered to PDF operators once and repeated with a translation. This uses
    three private fpdf2 members (_resource_catalog, _current_graphic_style, _out), pinned by the
    version bounds in requirements.txt and checked by the tests (the PNG render shows the icons).
    """

    def __init__(self, pdf) -> None:
        self.pdf = pdf
        self.rendered: dict[tuple[str, str, float], str] = {}
        self.indexed: set[tuple[tuple[str, str, float], int]] = set()

    def draw(self, sensor_type: str, colour: str, cx: float, cy: float, size: float) -> None:
        from fpdf.drawing import DrawingContext, Point, Transform
        from fpdf.svg import SVGObject

        pdf = self.pdf
        kind = sensor_type if sensor_type in TYPE_ORDER else "other"
        key = (kind, colour, size)
        if key not in self.rendered:
            _, _, path = SVGObject(icon_svg(kind, colour)).transform_to_rect_viewport(
                1, size, size, ignore_svg_top_attrs=True)
            path.transform = path.transform @ Transform.translation(0, 0)
            context = DrawingContext()
            context.add_item(path)
            self.rendered[key] = context.render(pdf._resource_catalog, Point(0, 0), pdf.k, pdf.h,
                                                pdf._current_graphic_style())
        stamp = (f"q 1 0 0 1 {(cx - size / 2) * pdf.k:.2f} {-(cy - size / 2) * pdf.k:.2f} cm "
                 f"{self.rendered[key]} Q")
        pdf._out(stamp)
        if (key, pdf.page) not in self.indexed:  # the graphics states it uses, once per page
            pdf._resource_catalog.index_stream_resources(stamp, pdf.page)
            self.indexed.add((key, pdf.page))


def _Sheet(facts: Facts, lang: str):
    return _fpdf_class()(facts, lang)


def _section(pdf, title: str, need: float = 20) -> None:
    """A section heading, on a new page when fewer than `need` mm would follow it on this one."""
    if pdf.will_page_break(need):
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, "B", 13)
    pdf.set_text_color(_HIGHLIGHT)
    pdf.multi_cell(0, 7, _plain(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(_INK)
    pdf.ln(1)


def _heading(pdf, facts: Facts, lang: str, today: date) -> None:
    pdf.set_font(FONT, "B", 9)
    pdf.set_text_color(_MUTED)
    pdf.cell(0, 5, "ZICHTBAAR", new_x="LMARGIN", new_y="NEXT")
    pdf.body(text("sheet.title", lang, name=facts.name), size=20, style="B", height=9)
    sub = (text("sheet.subtitle", lang, municipality=facts.municipality, code=facts.code) if facts.municipality
           else text("sheet.subtitle.nomun", lang, code=facts.code))
    pdf.body(sub, size=10, colour=_MUTED, height=5.5)
    dates = (text("sheet.dates", lang, updated=day(facts.updated, lang), today=day(today, lang)) if facts.updated
             else text("sheet.dates.noupdate", lang, today=day(today, lang)))
    pdf.body(dates, size=9, colour=_MUTED, height=5)
    if facts.is_demo:
        pdf.ln(1.5)
        pdf.set_fill_color("#fff3cd")
        pdf.set_draw_color("#e0a800")
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(0, 6, text("sheet.demo", lang), border=1, fill=True, padding=(1, 2),
                       new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _map_and_figures(pdf, facts: Facts, lang: str) -> None:
    """The static map on the left, the figures on the right, the legend under the map."""
    top = pdf.get_y()
    map_w, map_h = 118.0, 100.0
    _static_map(pdf, facts, _MARGIN, top, map_w, map_h)
    fig_x = _MARGIN + map_w + 6
    fig_w = _WIDTH - map_w - 6
    pdf.set_xy(fig_x, top)
    pdf.set_font(FONT, "B", 12)
    pdf.set_text_color(_HIGHLIGHT)
    pdf.cell(fig_w, 7, text("sheet.figures", lang), new_x="LEFT", new_y="NEXT")
    s, city = facts.summary, facts.city
    rows = [
        (text("sheet.fig.total", lang), number(s.total, lang, 0), None),
        (text("sheet.fig.per_km2", lang), number(s.per_km2, lang), number(city.per_km2, lang)),
        (text("sheet.fig.per_1000", lang), number(s.per_1000_residents, lang),
         number(city.per_1000_residents, lang)),
        (text("sheet.fig.personal", lang), number(s.personal_data, lang, 0), None),
        (text("sheet.fig.population", lang), number(s.population, lang, 0), None),
        (text("sheet.fig.area", lang), f"{number(s.area_km2, lang)} km²", None),
    ]
    for caption, value, city_value in rows:
        pdf.set_x(fig_x)
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(_MUTED)
        pdf.multi_cell(fig_w, 4.2, caption, new_x="LEFT", new_y="NEXT")
        pdf.set_font(FONT, "B", 15)
        pdf.set_text_color(_INK)
        pdf.cell(fig_w, 7.5, value, new_x="LEFT", new_y="NEXT")
        if city_value is not None:
            pdf.set_font(FONT, "", 8.5)
            pdf.set_text_color(_MUTED)
            pdf.cell(fig_w, 4.2, text("sheet.fig.city", lang, value=city_value), new_x="LEFT", new_y="NEXT")
        pdf.ln(1.2)
    pdf.set_text_color(_INK)
    pdf.set_xy(_MARGIN, top + map_h + 2)
    _legend(pdf, facts, lang)


def _legend(pdf, facts: Facts, lang: str) -> None:
    """As the web map's legend: shape and glyph tell the sensor type, colour the (first) purpose."""
    reg = facts.registrations
    areas = reg.loc[reg.geom_type != "Point", "sensor_type"].value_counts().to_dict() if len(reg) else {}
    types = []
    for c, n in facts.summary.by_sensor_type.items():
        if n:
            entry = f"{label('sensor_type', c, lang)} ({number(n, lang, 0)}"
            if areas.get(c):
                entry += text("sheet.map.areas", lang, n=areas[c])
            types.append((c, entry + ")"))
    firsts = set(reg["purpose"].map(icon_purpose)) if len(reg) else set()
    purposes = [(c, label("purpose", c, lang)) for c in PURPOSE_ORDER if c in firsts]
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(_MUTED)
    pdf.multi_cell(0, 4, text("sheet.map.note", lang), new_x="LMARGIN", new_y="NEXT")
    for heading, items, draw in ((text("sheet.legend.types", lang), types, "icon"),
                                 (text("sheet.legend.purposes", lang), purposes, "swatch")):
        if not items:
            continue
        pdf.set_font(FONT, "B", 8)
        pdf.set_text_color(_INK)
        pdf.cell(0, 5, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 8)
        widest = max(pdf.get_string_width(entry) for _, entry in items) + 7
        per_row = max(1, min(3, int(_WIDTH // widest)))
        col_w, row_h = _WIDTH / per_row, 4.8
        y0 = pdf.get_y()
        for i, (code, entry) in enumerate(items):
            x = _MARGIN + (i % per_row) * col_w
            y = y0 + (i // per_row) * row_h
            if draw == "icon":
                pdf.icons.draw(code, _LEGEND_GREY, x + 1.8, y + row_h / 2, 3.6)
            else:
                pdf.set_fill_color(PURPOSE_COLOURS[code])
                pdf.rect(x + 0.2, y + row_h / 2 - 1.5, 3.2, 3.0, style="F")
            pdf.set_xy(x + 4.8, y)
            pdf.cell(col_w - 5, row_h, entry)
        pdf.set_xy(_MARGIN, y0 + math.ceil(len(items) / per_row) * row_h + 0.5)


def _static_map(pdf, facts: Facts, x: float, y: float, w: float, h: float) -> None:
    """The neighbourhood, its neighbours in grey and its registrations as symbols, in RD New metres."""
    area = to_rd(gpd.GeoSeries([facts.area], crs=facts.neighbours.crs or "EPSG:4326"))[0]
    if area is None or area.is_empty:
        return
    minx, miny, maxx, maxy = area.bounds
    span_x, span_y = max(maxx - minx, 50.0), max(maxy - miny, 50.0)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    # Fit the outline with a margin, keeping metres square: the map must not distort the buurt.
    scale = min(w / (span_x * 1.12), h / (span_y * 1.12))  # mm per metre
    half_w, half_h = w / scale / 2, h / scale / 2
    box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)

    def to_page(xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return x + (xs - box[0]) * scale, y + (box[3] - ys) * scale

    pdf.set_fill_color("#fbfbfb")
    pdf.rect(x, y, w, h, style="F")
    # local_context restores fpdf2's idea of the colours together with the PDF's (rect_clip alone
    # restores only the PDF's, and text drawn after the map then came out in the wrong colour).
    with pdf.local_context(), pdf.rect_clip(x=x, y=y, w=w, h=h):
        neighbours = to_rd(facts.neighbours) if len(facts.neighbours) else np.empty(0, dtype=object)
        for geom in neighbours:
            _polygon(pdf, geom, to_page, _NEIGHBOUR_FILL, _NEIGHBOUR_LINE, 0.25)
        _polygon(pdf, area, to_page, _AREA_FILL, _HIGHLIGHT, 0.8)
        _neighbour_names(pdf, facts, neighbours, to_page, (x, y, w, h))
        reg = facts.registrations
        if len(reg):
            geoms = to_rd(reg)
            types = reg["sensor_type"].astype(str).to_numpy()
            colours = np.array([PURPOSE_COLOURS[icon_purpose(v)] for v in reg["purpose"]], dtype=object)
            is_point = shapely.get_type_id(geoms) == 0
            for geom, colour in zip(geoms[~is_point], colours[~is_point], strict=True):
                # An area (a scan car's zone) may cover the whole map: a faint tint and a dashed edge.
                pdf.set_dash_pattern(dash=1.6, gap=1.0)
                _polygon(pdf, geom, to_page, colour, colour, 0.6, opacity=0.07)
                pdf.set_dash_pattern()
            px, py = to_page(shapely.get_x(geoms[is_point]), shapely.get_y(geoms[is_point]))
            for sx, sy, kind, colour in zip(px, py, types[is_point], colours[is_point], strict=True):
                pdf.icons.draw(kind, colour, float(sx), float(sy), 3.6)
        _scale_bar(pdf, scale, x + 3, y + h - 4)
        _north_arrow(pdf, x + w - 7, y + 3)
    pdf.set_draw_color(_MUTED)
    pdf.set_line_width(0.3)
    pdf.rect(x, y, w, h)


def _polygon(pdf, geom: BaseGeometry, to_page, fill: str, line: str, width: float,
             opacity: float | None = None) -> None:
    """A (multi)polygon with holes as one even-odd filled path."""
    from fpdf.enums import PathPaintRule

    parts = getattr(geom, "geoms", [geom])
    with pdf.new_path() as path:
        path.style.fill_color = fill
        path.style.stroke_color = line
        path.style.stroke_width = width
        if opacity is not None:
            path.style.fill_opacity = opacity
        path.style.paint_rule = PathPaintRule.STROKE_FILL_EVENODD
        for part in parts:
            if part.geom_type != "Polygon" or part.is_empty:
                continue
            for ring in (part.exterior, *part.interiors):
                xy = np.asarray(ring.coords)
                px, py = to_page(xy[:, 0], xy[:, 1])
                path.move_to(float(px[0]), float(py[0]))
                for a, b in zip(px[1:], py[1:], strict=True):
                    path.line_to(float(a), float(b))
                path.close()


def _neighbour_names(pdf, facts: Facts, neighbours: np.ndarray, to_page, frame: tuple) -> None:
    """Grey names of the neighbouring buurten at a point inside each, when that point is on the map."""
    x, y, w, h = frame
    pdf.set_font(FONT, "I", 6.5)
    pdf.set_text_color("#7a7a7a")
    for geom, name in zip(neighbours, facts.neighbours["name"].astype(str), strict=True):
        if geom is None or geom.is_empty:
            continue
        pt = geom.representative_point()
        px, py = to_page(np.array([pt.x]), np.array([pt.y]))
        label_text = _plain(name).replace("\n", " ")
        # A label, not the record: the list has it all.
        label_text = label_text if len(label_text) <= 40 else label_text[:39] + "…"
        tw = pdf.get_string_width(label_text)
        if x + 2 < px[0] - tw / 2 and px[0] + tw / 2 < x + w - 2 and y + 3 < py[0] < y + h - 3:
            pdf.text(float(px[0] - tw / 2), float(py[0]), label_text)
    pdf.set_text_color(_INK)


def _scale_bar(pdf, scale: float, x: float, y: float) -> None:
    """A scale bar of a round number of metres, about a quarter of the map wide."""
    target = 28 / scale  # metres in about 28 mm
    metres = max((m for m in (25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000) if m <= target),
                 default=25)
    length = metres * scale
    label_text = f"{metres} m" if metres < 1000 else f"{metres // 1000} km"
    pdf.set_fill_color("#ffffff")
    pdf.rect(x - 1.5, y - 5, length + 3, 6.5, style="F")
    pdf.set_draw_color(_INK)
    pdf.set_line_width(0.5)
    pdf.line(x, y, x + length, y)
    pdf.line(x, y - 1.2, x, y)
    pdf.line(x + length, y - 1.2, x + length, y)
    pdf.set_font(FONT, "", 6.5)
    pdf.text(x, y - 1.8, label_text)


def _north_arrow(pdf, x: float, y: float) -> None:
    pdf.set_fill_color(_INK)
    pdf.set_draw_color(_INK)
    pdf.polygon([(x + 2, y), (x + 3.6, y + 5), (x + 2, y + 4), (x + 0.4, y + 5)], style="DF")
    pdf.set_font(FONT, "B", 7)
    pdf.text(x + 0.9, y + 8.3, "N")


#: The QR code's side on the sheet, in mm: big enough for any phone at arm's length.
_QR_SIZE = 34.0
#: A register text on page two is shortened to this many characters (the web page shows it whole).
_ENTRY_CHARS = 110


def _fit(value: object, limit: int) -> str:
    """Register text on one line and at most `limit` characters, literally otherwise."""
    line = " ".join(_plain(value).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _lines(pdf, entries: list[tuple[str, str]], bottom: float, more_key: str, lang: str, indent: float = 4) -> None:
    """Print (style, text) entries while they fit above `bottom`; then one line saying how many more there are."""
    line_h = 4.6
    for i, (style, entry) in enumerate(entries):
        pdf.set_font(FONT, style, 9)
        height = pdf.text_height(_WIDTH - indent, line_h, entry)
        room_for_more = line_h if i < len(entries) - 1 else 0
        if pdf.get_y() + height + room_for_more > bottom:
            pdf.set_x(_MARGIN + indent)
            pdf.set_font(FONT, "I", 9)
            pdf.multi_cell(_WIDTH - indent, line_h, text(more_key, lang, n=len(entries) - i),
                           new_x="LMARGIN", new_y="NEXT")
            return
        pdf.set_x(_MARGIN + indent)
        pdf.multi_cell(_WIDTH - indent, line_h, entry, new_x="LMARGIN", new_y="NEXT")


def _flags(pdf, facts: Facts, lang: str, bottom: float) -> None:
    """What does not fit the principles, by reason; each entry with its place and reference to tell it apart."""
    _section(pdf, text("sheet.flags", lang))
    flagged = facts.flagged
    if flagged.empty:
        pdf.body(text("sheet.flags.none", lang), size=9.5)
        return
    entries: list[tuple[str, str]] = []
    for key in FLAG_REASONS:
        rows = flagged[[key in keys for keys in flagged["flags"]]]
        if rows.empty:
            continue
        entries.append(("B", f"{text(f'reason.{key}', lang)} ({number(len(rows), lang, 0)})"))
        entries += [("", "• " + text("sheet.flag.entry", lang, name=_fit(r.name, _ENTRY_CHARS),
                                     where=_fit(r.where, 60) or "–", id=_fit(r.id, 40)))
                    for r in rows.itertuples()]
    pdf.set_text_color(_INK)
    _lines(pdf, entries, bottom, "sheet.flags.more", lang)


def _questions(pdf, facts: Facts, lang: str, bottom: float) -> None:
    """Whom to ask: every owner with how many registrations it has here and its contacts."""
    found = contacts(facts.registrations)
    _section(pdf, text("sheet.questions", lang))
    pdf.body(text("sheet.questions.text", lang), size=9.5, height=5)
    entries: list[tuple[str, str]] = []
    for owner, n, addresses in found:
        entries.append(("B", text("sheet.questions.owner", lang, owner=_fit(owner, _ENTRY_CHARS), n=n)))
        entries.append(("", ", ".join(_fit(a, 60) for a in addresses[:3]) if addresses
                        else text("sheet.questions.nocontact", lang)))
    if facts.municipality:
        entries.append(("", text("sheet.questions.municipality", lang, municipality=facts.municipality)))
    _lines(pdf, entries, bottom, "sheet.questions.more", lang)


def _qr_block(pdf, facts: Facts, lang: str, url: str, top: float) -> None:
    """A QR code to the neighbourhood's page, with the address written out beside it."""
    import io

    pdf.set_draw_color(_RULE)
    pdf.line(_MARGIN, top - 2, _MARGIN + _WIDTH, top - 2)
    pdf.image(io.BytesIO(qr_png(url)), x=_MARGIN, y=top, w=_QR_SIZE, h=_QR_SIZE)
    x = _MARGIN + _QR_SIZE + 6
    pdf.set_xy(x, top + 2)
    pdf.set_font(FONT, "B", 12)
    pdf.set_text_color(_HIGHLIGHT)
    pdf.multi_cell(_WIDTH - _QR_SIZE - 6, 6, text("sheet.qr.title", lang), new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT, "", 9.5)
    pdf.set_text_color(_INK)
    pdf.multi_cell(_WIDTH - _QR_SIZE - 6, 4.8, text("sheet.qr.text", lang, n=len(facts.registrations)),
                   new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT, "", 8.5)
    pdf.multi_cell(_WIDTH - _QR_SIZE - 6, 4.4, url, new_x="LEFT", new_y="NEXT")


