"""One neighbourhood's facts, and its printable A4 fact sheet (PDF) with a static map drawn without internet."""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from babel.dates import format_date
from shapely.geometry.base import BaseGeometry

from geo.choropleth import format_value
from geo.codes import GDPR_ARTICLE, codes, label
from geo.dataset import Dataset
from geo.errors import UserFacingError
from geo.flags import FLAGS, flag_frame
from geo.join import join, to_rd
from geo.mapping import PURPOSE_COLOURS, PURPOSE_ORDER, TYPE_ORDER, icon_svg
from geo.schema import split_codes
from geo.summary import NeighbourhoodSummary, city_summary, summarise

#: Where the DejaVu fonts are (Debian/Ubuntu: fonts-dejavu-core); they cover Latin, Greek, Cyrillic,
#: Hebrew, Arabic and many symbols, so any registration text prints.
FONT_DIR = Path(os.environ.get("ZICHTBAAR_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
FONT = "DejaVu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}

#: The longest neighbourhood code accepted from a URL or the command line; anything longer is junk.
MAX_CODE_LENGTH = 64

#: The fact sheet's own words, key -> (Dutch, English). Dutch at B1 level.
TEXT: dict[str, tuple[str, str]] = {
    "title": ("Sensoren en camera's in {name}", "Sensors and cameras in {name}"),
    "subtitle": ("{municipality} · buurtcode {code}", "{municipality} · neighbourhood code {code}"),
    "subtitle.nomun": ("Buurtcode {code}", "Neighbourhood code {code}"),
    "dates": ("Register bijgewerkt op {updated}. Dit blad is gemaakt op {today}.",
              "Register last updated on {updated}. This sheet was made on {today}."),
    "dates.noupdate": ("Dit blad is gemaakt op {today}.", "This sheet was made on {today}."),
    "demo": ("Voorbeeld met verzonnen gegevens. Deze gemeente en deze sensoren bestaan niet.",
             "Example with made-up data. This municipality and these sensors do not exist."),
    "map.title": ("Kaart van de buurt", "Map of the neighbourhood"),
    "map.note": ("Grijs: de buurten eromheen. Elk teken is een registratie. Een gebied (bijvoorbeeld "
                 "van een scanauto) heeft een gestippelde rand.",
                 "Grey: the neighbourhoods around it. Each symbol is a registration. An area (for "
                 "example of a scan car) has a dotted edge."),
    "legend.types": ("Soort sensor (vorm en teken)", "Type of sensor (shape and sign)"),
    "legend.purposes": ("Doel (kleur)", "Purpose (colour)"),
    "map.areas": (", waarvan {n} gebied", ", {n} of them an area"),
    "figures": ("De cijfers", "The figures"),
    "fig.total": ("Registraties", "Registrations"),
    "fig.per_km2": ("Per km²", "Per km²"),
    "fig.per_1000": ("Per 1.000 inwoners", "Per 1,000 residents"),
    "fig.personal": ("Verwerken persoonsgegevens", "Process personal data"),
    "fig.population": ("Inwoners", "Residents"),
    "fig.area": ("Oppervlakte", "Area"),
    "fig.city": ("stad: {value}", "city: {value}"),
    "summary": ("In het kort", "In short"),
    "by.sensor_type": ("Soort sensor", "Type of sensor"),
    "by.purpose": ("Doel", "Purpose"),
    "by.data_types": ("Soort gegevens", "Type of data"),
    "by.legal_basis": ("Grondslag (AVG)", "Legal basis (GDPR)"),
    "flags": ("Wat niet past bij de afspraken", "What does not fit the principles"),
    "flags.none": ("Alle registraties in deze buurt passen bij de afspraken.",
                   "All registrations in this neighbourhood fit the principles."),
    "questions": ("Vragen?", "Questions?"),
    "questions.text": ("Hebt u een vraag over een sensor of camera in deze buurt? Neem dan contact op met "
                       "de eigenaar:",
                       "Do you have a question about a sensor or camera in this neighbourhood? Please "
                       "contact its owner:"),
    "questions.municipality": ("U kunt ook altijd terecht bij de gemeente {municipality}.",
                               "You can always ask the municipality of {municipality} as well."),
    "questions.nocontact": ("geen contact opgegeven", "no contact given"),
    "list": ("Alle registraties in deze buurt ({n})", "All registrations in this neighbourhood ({n})"),
    "list.none": ("In deze buurt is niets geregistreerd.", "Nothing is registered in this neighbourhood."),
    "col.name": ("Naam", "Name"),
    "col.type": ("Soort", "Type"),
    "col.purpose": ("Doel", "Purpose"),
    "col.legal_basis": ("Grondslag", "Legal basis"),
    "col.owner": ("Eigenaar", "Owner"),
    "page": ("Zichtbaar · {name} · pagina {page}", "Zichtbaar · {name} · page {page}"),
    "basis.article": ("AVG art. 6 lid 1{letter}", "GDPR art. 6(1)({letter})"),
    "basis.none": ("Geen persoonsgegevens", "No personal data"),
    "list.letters": ("De letter bij de grondslag is het onderdeel van artikel 6 lid 1 van de AVG.",
                     "The letter after the legal basis is the point of article 6(1) of the GDPR."),
}

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


class UnknownNeighbourhood(UserFacingError):
    """A neighbourhood code that is not in the register's neighbourhoods."""


@dataclass(frozen=True)
class Facts:
    """Everything the neighbourhood page and the fact sheet show about one neighbourhood.

    Attributes
    ----------
    summary, city : the neighbourhood's summary and the whole city's, for comparison.
    registrations : the registrations in it (an area registration in every neighbourhood it overlaps),
        EPSG:4326, ordered by sensor type (code-list order) and then name.
    flags : geo.flags.flag_frame of `registrations`, aligned with it.
    area : the neighbourhood's outline, EPSG:4326.
    neighbours : code, name, geometry (EPSG:4326) of the other neighbourhoods near it, for context.
    municipality, is_demo, updated : from the Dataset.
    """

    summary: NeighbourhoodSummary
    city: NeighbourhoodSummary
    registrations: gpd.GeoDataFrame
    flags: pd.DataFrame
    area: BaseGeometry
    neighbours: gpd.GeoDataFrame
    municipality: str
    is_demo: bool
    updated: datetime | None

    @property
    def code(self) -> str:
        return str(self.summary.code)

    @property
    def name(self) -> str:
        return self.summary.name

    @property
    def flagged(self) -> pd.DataFrame:
        """The flagged registrations: id, name and the keys of their flags (in FLAGS order)."""
        any_flag = self.flags.any(axis=1)
        rows = self.registrations.loc[any_flag]
        keys = [[k for k in FLAGS if self.flags.at[i, k]] for i in rows.index]
        return pd.DataFrame({"id": rows["id"].to_list(), "name": rows["name"].to_list(), "flags": keys})


def find_code(neighbourhoods: pd.DataFrame, raw: object) -> str | None:
    """The neighbourhood code that `raw` (from a URL or command line) names, or None.

    Surrounding spaces and letter case are forgiven; anything else (junk, markup, overlong) is None.

    >>> import pandas as pd
    >>> nb = pd.DataFrame({"code": ["BU99990001", "BU99990002"]})
    >>> find_code(nb, " bu99990002 "), find_code(nb, "<script>"), find_code(nb, None)
    ('BU99990002', None, None)
    """
    if not isinstance(raw, str) or not raw.strip() or len(raw) > MAX_CODE_LENGTH:
        return None
    wanted = raw.strip()
    known = neighbourhoods["code"].astype(str)
    if (known == wanted).any():
        return wanted
    folded = known[known.str.casefold() == wanted.casefold()]
    return str(folded.iloc[0]) if len(folded) else None


def step_code(codes: Sequence[str], code: str | None, step: int) -> str:
    """The code `step` places after `code` in `codes` (before it when negative), wrapping round.

    An unknown or missing `code` counts as the first. Computed from where the viewer is *now*, so a
    quick second press moves on from the neighbourhood the first press reached.

    >>> step_code(["a", "b", "c"], "a", -1), step_code(["a", "b", "c"], "c", 1), step_code(["a", "b"], None, 1)
    ('c', 'a', 'b')
    """
    if not codes:
        raise ValueError("no neighbourhoods to step through")
    i = list(codes).index(code) if code in codes else 0
    return codes[(i + step) % len(codes)]


def neighbourhood_facts(
    data: Dataset, code: str, *, summaries: Sequence[NeighbourhoodSummary] | None = None,
    city: NeighbourhoodSummary | None = None, members: pd.DataFrame | None = None, today: date | None = None,
) -> Facts:
    """Collect the facts of neighbourhood `code`; the costly parts may be passed in when already computed.

    Parameters
    ----------
    data : the register and its neighbourhoods.
    code : a neighbourhood code as in `data.neighbourhoods` (see `find_code`).
    summaries, city : geo.summary.summarise and city_summary of `data` (computed when None).
    members : geo.join.join of `data` (computed when None).
    today : the date flags are judged on.

    Raises
    ------
    UnknownNeighbourhood : `code` is not one of the neighbourhoods.

    Examples
    --------
    >>> from geo.dataset import load_demo
    >>> facts = neighbourhood_facts(load_demo(date(2026, 11, 28)), "BU99990001", today=date(2026, 11, 28))
    >>> facts.name, facts.summary.total == len(facts.registrations)
    ('Centrum', True)
    """
    nb = data.neighbourhoods
    match = np.flatnonzero(nb["code"].astype(str).to_numpy() == str(code))
    if not len(match):
        raise UnknownNeighbourhood(
            "Deze buurt staat niet in het register. Kies een buurt uit het overzicht.",
            "This neighbourhood is not in the register. Choose one from the overview.")
    pos = int(match[0])
    reg = data.registrations
    if summaries is None:
        summaries = summarise(reg, nb, today)
    summary = next(s for s in summaries if s.code == code)
    if city is None:
        city = city_summary(reg, nb, today)
    if members is None:
        members = join(reg, nb)
    inside = reg.loc[members.loc[members["code"] == code, "reg_index"].to_numpy()]
    inside = inside.loc[~inside.index.duplicated()]
    order = _type_rank(inside["sensor_type"]) * 1.0
    inside = inside.assign(_rank=order, _name=inside["name"].astype(str).str.casefold()).sort_values(
        ["_rank", "_name"], kind="stable").drop(columns=["_rank", "_name"])
    area = nb.geometry.iloc[pos]
    return Facts(summary, city, inside, flag_frame(inside, today), area, _neighbours(nb, pos),
                 data.municipality, data.is_demo, data.updated)


def outline_layer(area: BaseGeometry) -> folium.GeoJson:
    """The neighbourhood's outline for the web map: the same dark blue as on the sheet, a light fill.

    Only the geometry travels (no properties), so no register text reaches the map this way.

    >>> from shapely.geometry import box
    >>> outline_layer(box(5.5, 52.4, 5.51, 52.41)).data["properties"]
    {}
    """
    shape = json.loads(shapely.to_geojson(shapely.set_precision(area, 1e-6)))
    return folium.GeoJson({"type": "Feature", "properties": {}, "geometry": shape}, interactive=False,
                          control=False, style={"color": _HIGHLIGHT, "weight": 4, "opacity": 0.95,
                                                "fillColor": _AREA_FILL, "fillOpacity": 0.25})


def map_mask(data: Dataset, facts: Facts) -> np.ndarray:
    """Which of the register's registrations (by position) lie in the neighbourhood: for the map's payload."""
    return data.registrations.index.isin(facts.registrations.index)


def registration_table(registrations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The registrations as residents read them: codes replaced by labels, lists joined with commas.

    Columns: id, name, sensor_type, purpose, data_types, personal_data (bool), legal_basis, owner,
    status, contact. Text stays exactly as the register has it.

    >>> import pandas as pd
    >>> reg = pd.DataFrame({"id": ["A1"], "name": ["<b>Cam</b>"], "sensor_type": ["anpr"],
    ...     "purpose": ["enforcement|parking"], "data_types": ["licence_plates"], "personal_data": [True],
    ...     "legal_basis": ["public_task"], "owner": ["Gemeente"], "status": ["active"], "contact": [""]})
    >>> row = registration_table(reg, "nl").iloc[0]
    >>> row["name"], row["sensor_type"], row["purpose"], row["legal_basis"]
    ('<b>Cam</b>', 'Kentekencamera', 'Handhaving, Parkeren', 'Publieke taak (AVG art. 6 lid 1e)')
    """
    return pd.DataFrame({
        "id": registrations["id"].astype(str).to_numpy(),
        "name": registrations["name"].astype(str).to_numpy(),
        "sensor_type": [label("sensor_type", c, lang) for c in registrations["sensor_type"]],
        "purpose": [labels("purpose", v, lang) for v in registrations["purpose"]],
        "data_types": [labels("data_types", v, lang) for v in registrations["data_types"]],
        "personal_data": registrations["personal_data"].astype(bool).to_numpy(),
        "legal_basis": [legal_basis_text(c, lang) for c in registrations["legal_basis"]],
        "owner": registrations["owner"].astype(str).to_numpy(),
        "status": [label("status", c, lang) for c in registrations["status"]],
        "contact": registrations["contact"].astype(str).to_numpy(),
    })


def labels(field: str, value: object, lang: str) -> str:
    """A `|`-list of codes as labels joined by commas.

    >>> labels("purpose", "safety|traffic", "en")
    'Public order and safety, Traffic and mobility'
    """
    return ", ".join(label(field, c, lang) for c in split_codes(value if isinstance(value, str) else ""))


def legal_basis_text(code: str, lang: str, short: bool = False) -> str:
    """The legal basis with its GDPR article letter, when it has one; `short` for narrow table columns.

    >>> legal_basis_text("consent", "en"), legal_basis_text("none", "nl")
    ('Consent (GDPR art. 6(1)(a))', 'Niet van toepassing: geen persoonsgegevens')
    >>> legal_basis_text("public_task", "nl", short=True), legal_basis_text("none", "en", short=True)
    ('Publieke taak (e)', 'No personal data')
    """
    if short and code == "none":
        return _t("basis.none", lang)
    text = label("legal_basis", code, lang)
    letter = GDPR_ARTICLE.get(code)
    if not letter:
        return text
    return f"{text} ({letter})" if short else f"{text} ({_t('basis.article', lang, letter=letter)})"


def counted(summary: NeighbourhoodSummary, field: str, lang: str) -> list[tuple[str, int]]:
    """(label, number) of one of the summary's counts, largest first; field is sensor_type, purpose,
    data_types or legal_basis.

    >>> from geo.summary import NeighbourhoodSummary
    >>> s = NeighbourhoodSummary("A", "A", None, 1.0, 3, 3.0, None, 0, {"camera": 1, "air": 2}, {}, {},
    ...     {}, {}, "", "")
    >>> counted(s, "sensor_type", "en")
    [('Air-quality sensor', 2), ('Camera', 1)]
    """
    source = {"sensor_type": summary.by_sensor_type, "purpose": summary.by_purpose,
              "data_types": summary.by_data_type, "legal_basis": summary.by_legal_basis}[field]
    ranked = sorted(source.items(), key=lambda item: -item[1])  # stable: code-list order among equals
    return [(label(field, c, lang), int(n)) for c, n in ranked if n]


def contacts(registrations: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """Each owner in the registrations with its distinct contacts, the owner with most registrations first.

    >>> import pandas as pd
    >>> reg = pd.DataFrame({"owner": ["Gemeente", "Waterschap", "Gemeente"],
    ...                     "contact": ["info@gemeente.example", "", "info@gemeente.example"]})
    >>> contacts(reg)
    [('Gemeente', ['info@gemeente.example']), ('Waterschap', [])]
    """
    out = []
    for owner in registrations["owner"].astype(str).value_counts(sort=True).index:
        found = registrations.loc[registrations["owner"].astype(str) == owner, "contact"].astype(str).str.strip()
        out.append((owner, list(dict.fromkeys(c for c in found if c))))
    return out


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


def factsheet_pdf(facts: Facts, lang: str, today: date | None = None) -> bytes:
    """The fact sheet of one neighbourhood as an A4 PDF, in Dutch ("nl") or English ("en").

    Every text from the register is printed as it is: no markup, no {nb} page alias, no links.

    Examples
    --------
    >>> from geo.dataset import load_demo
    >>> facts = neighbourhood_facts(load_demo(), "BU99990002")
    >>> factsheet_pdf(facts, "en")[:5]
    b'%PDF-'
    """
    if lang not in ("nl", "en"):
        raise ValueError(f"lang must be 'nl' or 'en', not {lang!r}")
    today = today or date.today()
    pdf = _Sheet(facts, lang)
    pdf.add_page()
    _heading(pdf, facts, lang, today)
    _map_and_figures(pdf, facts, lang)
    _section(pdf, _t("summary", lang))
    pdf.body(facts.summary.text(lang))
    _questions(pdf, facts, lang)
    _charts(pdf, facts, lang)
    _flags(pdf, facts, lang)
    _registrations(pdf, facts, lang)
    return bytes(pdf.output())


def _t(key: str, lang: str, **params: object) -> str:
    nl, en = TEXT[key]
    text = nl if lang == "nl" else en
    return text.format(**params) if params else text


def _plain(text: object) -> str:
    """Register text as it can be drawn: line breaks kept, tabs as spaces, control characters dropped."""
    s = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", s)


def _date(day: date | datetime, lang: str) -> str:
    day = day.date() if isinstance(day, datetime) else day
    return format_date(day, format="long", locale="nl_NL" if lang == "nl" else "en_GB")


def _fonts_present() -> None:
    missing = [f for f in _FONT_FILES.values() if not (FONT_DIR / f).is_file()]
    if missing:
        raise UserFacingError(
            f"De lettertypen voor het feitenblad ontbreken ({', '.join(missing)} in {FONT_DIR}). "
            "Installeer het pakket fonts-dejavu-core of zet ZICHTBAAR_FONT_DIR.",
            f"The fonts for the fact sheet are missing ({', '.join(missing)} in {FONT_DIR}). "
            "Install the package fonts-dejavu-core or set ZICHTBAAR_FONT_DIR.")


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
            self.set_title(_plain(_t("title", lang, name=facts.name)))
            self.set_author("Zichtbaar")
            self.set_lang("nl-NL" if lang == "nl" else "en-GB")
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
            self.cell(0, 5, _t("page", self.sheet_lang, name=name, page=self.page_no()), align="C")
            self.set_text_color(_INK)

        def body(self, text: str, size: float = 10, style: str = "", colour: str = _INK,
                 height: float | None = None) -> None:
            self.set_font(FONT, style, size)
            self.set_text_color(colour)
            self.multi_cell(0, height or size * 0.5, _plain(text), new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(_INK)

        def text_height(self, w: float, h: float, text: str) -> float:
            return float(self.multi_cell(w, h, _plain(text), dry_run=True, output="HEIGHT"))

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
    pdf.body(_t("title", lang, name=facts.name), size=20, style="B", height=9)
    sub = (_t("subtitle", lang, municipality=facts.municipality, code=facts.code) if facts.municipality
           else _t("subtitle.nomun", lang, code=facts.code))
    pdf.body(sub, size=10, colour=_MUTED, height=5.5)
    dates = (_t("dates", lang, updated=_date(facts.updated, lang), today=_date(today, lang)) if facts.updated
             else _t("dates.noupdate", lang, today=_date(today, lang)))
    pdf.body(dates, size=9, colour=_MUTED, height=5)
    if facts.is_demo:
        pdf.ln(1.5)
        pdf.set_fill_color("#fff3cd")
        pdf.set_draw_color("#e0a800")
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(0, 6, _t("demo", lang), border=1, fill=True, padding=(1, 2),
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
    pdf.cell(fig_w, 7, _t("figures", lang), new_x="LEFT", new_y="NEXT")
    s, city = facts.summary, facts.city
    rows = [
        (_t("fig.total", lang), format_value(s.total, lang, 0), None),
        (_t("fig.per_km2", lang), format_value(s.per_km2, lang), format_value(city.per_km2, lang)),
        (_t("fig.per_1000", lang), format_value(s.per_1000_residents, lang),
         format_value(city.per_1000_residents, lang)),
        (_t("fig.personal", lang), format_value(s.personal_data, lang, 0), None),
        (_t("fig.population", lang), format_value(s.population, lang, 0), None),
        (_t("fig.area", lang), f"{format_value(s.area_km2, lang)} km²", None),
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
            pdf.cell(fig_w, 4.2, _t("fig.city", lang, value=city_value), new_x="LEFT", new_y="NEXT")
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
            text = f"{label('sensor_type', c, lang)} ({format_value(n, lang, 0)}"
            if areas.get(c):
                text += _t("map.areas", lang, n=format_value(areas[c], lang, 0))
            types.append((c, text + ")"))
    firsts = set(reg["purpose"].map(first_purpose)) if len(reg) else set()
    purposes = [(c, label("purpose", c, lang)) for c in PURPOSE_ORDER if c in firsts]
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(_MUTED)
    pdf.multi_cell(0, 4, _t("map.note", lang), new_x="LMARGIN", new_y="NEXT")
    for heading, items, draw in ((_t("legend.types", lang), types, "icon"),
                                 (_t("legend.purposes", lang), purposes, "swatch")):
        if not items:
            continue
        pdf.set_font(FONT, "B", 8)
        pdf.set_text_color(_INK)
        pdf.cell(0, 5, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 8)
        widest = max(pdf.get_string_width(text) for _, text in items) + 7
        per_row = max(1, min(3, int(_WIDTH // widest)))
        col_w, row_h = _WIDTH / per_row, 4.8
        y0 = pdf.get_y()
        for i, (code, text) in enumerate(items):
            x = _MARGIN + (i % per_row) * col_w
            y = y0 + (i // per_row) * row_h
            if draw == "icon":
                pdf.icons.draw(code, _LEGEND_GREY, x + 1.8, y + row_h / 2, 3.6)
            else:
                pdf.set_fill_color(PURPOSE_COLOURS[code])
                pdf.rect(x + 0.2, y + row_h / 2 - 1.5, 3.2, 3.0, style="F")
            pdf.set_xy(x + 4.8, y)
            pdf.cell(col_w - 5, row_h, text)
        pdf.set_xy(_MARGIN, y0 + math.ceil(len(items) / per_row) * row_h + 0.5)


def first_purpose(value: object) -> str:
    """The purpose a registration is coloured by on every map: its first, as in geo.mapping.

    >>> first_purpose("parking|enforcement"), first_purpose(""), first_purpose("spying")
    ('parking', 'other', 'other')
    """
    found = split_codes(value if isinstance(value, str) else "")
    return found[0] if found and found[0] in PURPOSE_COLOURS else "other"


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
            colours = np.array([PURPOSE_COLOURS[first_purpose(v)] for v in reg["purpose"]], dtype=object)
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
        text = _plain(name).replace("\n", " ")
        text = text if len(text) <= 40 else text[:39] + "…"  # a label, not the record: the list has it all
        tw = pdf.get_string_width(text)
        if x + 2 < px[0] - tw / 2 and px[0] + tw / 2 < x + w - 2 and y + 3 < py[0] < y + h - 3:
            pdf.text(float(px[0] - tw / 2), float(py[0]), text)
    pdf.set_text_color(_INK)


def _scale_bar(pdf, scale: float, x: float, y: float) -> None:
    """A scale bar of a round number of metres, about a quarter of the map wide."""
    target = 28 / scale  # metres in about 28 mm
    metres = max((m for m in (25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000) if m <= target),
                 default=25)
    length = metres * scale
    text = f"{metres} m" if metres < 1000 else f"{metres // 1000} km"
    pdf.set_fill_color("#ffffff")
    pdf.rect(x - 1.5, y - 5, length + 3, 6.5, style="F")
    pdf.set_draw_color(_INK)
    pdf.set_line_width(0.5)
    pdf.line(x, y, x + length, y)
    pdf.line(x, y - 1.2, x, y)
    pdf.line(x + length, y - 1.2, x + length, y)
    pdf.set_font(FONT, "", 6.5)
    pdf.text(x, y - 1.8, text)


def _north_arrow(pdf, x: float, y: float) -> None:
    pdf.set_fill_color(_INK)
    pdf.set_draw_color(_INK)
    pdf.polygon([(x + 2, y), (x + 3.6, y + 5), (x + 2, y + 4), (x + 0.4, y + 5)], style="DF")
    pdf.set_font(FONT, "B", 7)
    pdf.text(x + 0.9, y + 8.3, "N")


def _charts(pdf, facts: Facts, lang: str) -> None:
    """Four bar charts in two columns: sensor type and purpose, then data type and legal basis."""
    col_w, gap = (_WIDTH - 8) / 2, 8
    for pair in (("sensor_type", "purpose"), ("data_types", "legal_basis")):
        data = [counted(facts.summary, f, lang) for f in pair]
        heights = [_chart_height(pdf, rows, col_w) for rows in data]
        if pdf.will_page_break(max(heights) + 4):
            pdf.add_page()
        top = pdf.get_y() + 2
        for i, (field, rows) in enumerate(zip(pair, data, strict=True)):
            _bar_chart(pdf, _t(f"by.{field}", lang), rows, _MARGIN + i * (col_w + gap), top, col_w, lang)
        pdf.set_xy(_MARGIN, top + max(heights))


_LABEL_W = 0.52  # share of a chart's width for its labels
_ROW_LINE = 3.6


def _chart_height(pdf, rows: list[tuple[str, int]], w: float) -> float:
    pdf.set_font(FONT, "", 8)
    return 8 + sum(max(pdf.text_height(w * _LABEL_W, _ROW_LINE, text), 4.6) + 0.8 for text, _ in rows)


def _bar_chart(pdf, title: str, rows: list[tuple[str, int]], x: float, y: float, w: float, lang: str) -> None:
    pdf.set_xy(x, y)
    pdf.set_font(FONT, "B", 10)
    pdf.set_text_color(_HIGHLIGHT)
    pdf.cell(w, 6, title)
    pdf.set_text_color(_INK)
    top = y + 8
    largest = max((n for _, n in rows), default=1) or 1
    bar_x = x + w * _LABEL_W + 2
    bar_w = w - w * _LABEL_W - 12
    pdf.set_font(FONT, "", 8)
    for text, n in rows:
        row_h = max(pdf.text_height(w * _LABEL_W, _ROW_LINE, text), 4.6)
        pdf.set_xy(x, top)
        pdf.multi_cell(w * _LABEL_W, _ROW_LINE, _plain(text))
        length = max(bar_w * n / largest, 0.6)
        pdf.set_fill_color("#41b6c4")
        pdf.rect(bar_x, top + 0.6, length, 3.0, style="F")
        pdf.set_xy(bar_x + length + 1, top)
        pdf.cell(12, _ROW_LINE, format_value(n, lang, 0))
        top += row_h + 0.8


def _flags(pdf, facts: Facts, lang: str) -> None:
    _section(pdf, _t("flags", lang))
    flagged = facts.flagged
    if flagged.empty:
        pdf.body(_t("flags.none", lang), size=9.5)
        return
    for key, (nl, en) in FLAGS.items():
        names = [n for n, keys in zip(flagged["name"], flagged["flags"], strict=True) if key in keys]
        if not names:
            continue
        if pdf.will_page_break(12):
            pdf.add_page()
        pdf.body(f"{nl if lang == 'nl' else en} ({format_value(len(names), lang, 0)})", size=9.5, style="B",
                 colour=_FLAG, height=5)
        for name in names:
            pdf.set_x(_MARGIN + 4)
            pdf.set_font(FONT, "", 9)
            pdf.multi_cell(_WIDTH - 4, 4.4, "• " + _plain(name), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


def _questions(pdf, facts: Facts, lang: str) -> None:
    found = contacts(facts.registrations)
    # Kept together on one page when it fits: residents tear off or photograph this part.
    _section(pdf, _t("questions", lang), need=min(30 + 10 * len(found), 120))
    pdf.body(_t("questions.text", lang), size=9.5, height=5)
    for owner, addresses in found:
        pdf.set_x(_MARGIN + 4)
        pdf.set_font(FONT, "B", 9.5)
        pdf.multi_cell(_WIDTH - 4, 5, _plain(owner), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(_MARGIN + 4)
        pdf.set_font(FONT, "", 9.5)
        text = "\n".join(addresses) if addresses else _t("questions.nocontact", lang)
        pdf.multi_cell(_WIDTH - 4, 4.6, _plain(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)
    if facts.municipality:
        pdf.body(_t("questions.municipality", lang, municipality=facts.municipality), size=9.5, height=5)


_COLUMNS = (("name", 0.28), ("type", 0.18), ("purpose", 0.19), ("legal_basis", 0.19), ("owner", 0.16))
_SYMBOL_W = 5.0


def _registrations(pdf, facts: Facts, lang: str) -> None:
    reg = facts.registrations
    _section(pdf, _t("list", lang, n=format_value(len(reg), lang, 0)), need=30)
    if not len(reg):
        pdf.body(_t("list.none", lang), size=9.5)
        return
    pdf.body(_t("list.letters", lang), size=8, colour=_MUTED, height=4)
    pdf.ln(1)
    table = registration_table(reg, lang)
    table["legal_basis"] = [legal_basis_text(c, lang, short=True) for c in reg["legal_basis"]]
    colours = [PURPOSE_COLOURS[first_purpose(v)] for v in reg["purpose"]]
    widths = [(_WIDTH - _SYMBOL_W) * share for _, share in _COLUMNS]
    headers = [_t(f"col.{key}", lang) for key, _ in _COLUMNS]
    _table_header(pdf, headers, widths)
    line = 3.8
    measured: dict[tuple[float, str], float] = {}

    def cell_height(w: float, text: str) -> float:
        # Types, purposes, bases and owners repeat: measuring each distinct text once halves the time.
        if (w, text) not in measured:
            measured[w, text] = pdf.text_height(w - 1, line, text)
        return measured[w, text]

    pdf.set_font(FONT, "", 8)
    for i, row in enumerate(table.itertuples(index=False)):
        cells = [row.name, row.sensor_type, row.purpose, row.legal_basis, row.owner]
        height = max(cell_height(w, c) for w, c in zip(widths, cells, strict=True)) + 1.6
        usable = pdf.h - 2 * _MARGIN - 5 - 12
        if height > usable:
            # Taller than a page: print the row as running text that may break across pages.
            _long_row(pdf, cells, headers, str(reg["sensor_type"].iloc[i]), colours[i])
            continue
        if pdf.will_page_break(height):
            pdf.add_page()
            _table_header(pdf, headers, widths)
            pdf.set_font(FONT, "", 8)
        y = pdf.get_y()
        if i % 2:
            pdf.set_fill_color("#f3f6fa")
            pdf.rect(_MARGIN, y, _WIDTH, height, style="F")
        pdf.icons.draw(str(reg["sensor_type"].iloc[i]), colours[i], _MARGIN + 2, y + 2.7, 3.4)
        x = _MARGIN + _SYMBOL_W
        for w, c in zip(widths, cells, strict=True):
            pdf.set_xy(x, y + 0.8)
            pdf.multi_cell(w - 1, line, _plain(c))
            x += w
        pdf.set_xy(_MARGIN, y + height)
    pdf.set_draw_color(_RULE)
    pdf.line(_MARGIN, pdf.get_y(), _MARGIN + _WIDTH, pdf.get_y())


def _table_header(pdf, headers: list[str], widths: list[float]) -> None:
    pdf.set_font(FONT, "B", 8)
    pdf.set_fill_color("#e8edf5")
    y = pdf.get_y()
    pdf.rect(_MARGIN, y, _WIDTH, 6, style="F")
    x = _MARGIN + _SYMBOL_W
    for w, text in zip(widths, headers, strict=True):
        pdf.set_xy(x, y + 0.8)
        pdf.cell(w - 1, 4.4, text)
        x += w
    pdf.set_xy(_MARGIN, y + 6)


def _long_row(pdf, cells: list[str], headers: list[str], sensor_type: str, colour: str) -> None:
    pdf.ln(1)
    pdf.icons.draw(sensor_type, colour, _MARGIN + 2, pdf.get_y() + 2.7, 3.4)
    pdf.set_x(_MARGIN + _SYMBOL_W)
    pdf.set_font(FONT, "", 8)
    pdf.multi_cell(_WIDTH - _SYMBOL_W, 3.8, _plain(cells[0]), new_x="LMARGIN", new_y="NEXT")
    for head, text in zip(headers[1:], cells[1:], strict=True):
        pdf.set_x(_MARGIN + _SYMBOL_W)
        pdf.multi_cell(_WIDTH - _SYMBOL_W, 3.8, f"{head}: {_plain(text)}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _type_rank(types: pd.Series) -> np.ndarray:
    order = {c: i for i, c in enumerate(codes("sensor_type"))}
    return types.map(lambda c: order.get(c, len(order))).to_numpy()


def _neighbours(nb: gpd.GeoDataFrame, pos: int) -> gpd.GeoDataFrame:
    """The other neighbourhoods within reach of the map around neighbourhood `pos`."""
    geoms = to_rd(nb)
    target = geoms[pos]
    if target is None or target.is_empty:
        return nb.iloc[0:0][["code", "name", "geometry"]]
    minx, miny, maxx, maxy = target.bounds
    # The map may show up to about the larger side of the buurt around it (aspect ratio and margin).
    reach = max(maxx - minx, maxy - miny)
    window = shapely.box(minx - reach, miny - reach, maxx + reach, maxy + reach)
    near = shapely.intersects(geoms, window)
    near[pos] = False
    return nb.loc[near, ["code", "name", "geometry"]]
