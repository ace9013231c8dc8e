"""Tests for geo.factsheet: a neighbourhood's facts, the A4 PDF (read back with pypdf, page 1 rendered to PNG)
and the `factsheet` command."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from functools import cache
from pathlib import Path

import geopandas as gpd
import pytest
from pypdf import PdfReader

import geo.factsheet
from geo.cli import main
from geo.dataset import Dataset, load_demo, load_files
from geo.errors import UserFacingError
from geo.facts import (
    UnknownNeighbourhood,
    contacts,
    legal_basis_text,
    neighbourhood_facts,
    registration_table,
    step_code,
)
from geo.factsheet import factsheet_filename, factsheet_pdf
from geo.mapping import PURPOSE_COLOURS, icon_purpose
from geo.schema import DEMO_NEIGHBOURHOODS, DEMO_REGISTER
from geo.text import number as format_value
from geo.viewstate import neighbourhood_code
from tests.fixtures.hostile import (
    CLOSERS,
    FORMULAS,
    IMG,
    LONG,
    MARKDOWN_LINK,
    MULTILINE,
    SCRIPT,
    TEMPLATE,
    ZERO_WIDTH,
    write_hostile_register,
)

TODAY = date(2026, 11, 28)
CENTRUM = "BU99990001"
SMALL = "BU99990105"  # Nieuwe Landen: 18 registrations, population unknown
A4_POINTS = (595.28, 841.89)
FOOTER = re.compile(r"\n?Zichtbaar · [^\n]* · (pagina|page) \d+\s*$")


@cache
def demo() -> Dataset:
    return load_demo(TODAY)


@cache
def hostile(folder: str) -> Dataset:
    return load_files(write_hostile_register(Path(folder)), DEMO_NEIGHBOURHOODS, municipality="Voorbeeldstad")


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return hostile(str(tmp_path_factory.mktemp("hostile")))


@cache
def demo_pdf(code: str, lang: str) -> bytes:
    return factsheet_pdf(neighbourhood_facts(demo(), code, today=TODAY), lang, TODAY)


def pdf_text(pdf: bytes) -> str:
    """The text of every page without its footer, so that text running on over a page break reads on."""
    pages = (page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return "\n".join(FOOTER.sub("", text) for text in pages)


def squeeze(text: str) -> str:
    """Text without any whitespace: the PDF wraps long lines wherever it must."""
    return re.sub(r"\s+", "", text)


def facts_with_registrations(data: Dataset) -> list:
    """The facts of every neighbourhood that holds registrations, the summaries computed once."""
    from geo.join import join
    from geo.summary import city_summary, summarise

    reg, nb = data.registrations, data.neighbourhoods
    shared = {"summaries": summarise(reg, nb, TODAY), "city": city_summary(reg, nb, TODAY), "members": join(reg, nb)}
    facts = [neighbourhood_facts(data, c, today=TODAY, **shared) for c in nb["code"]]
    return [f for f in facts if len(f.registrations)]


# ---------------------------------------------------------------- facts


def test_facts_hold_exactly_the_registrations_the_summary_counts() -> None:
    facts = neighbourhood_facts(demo(), CENTRUM, today=TODAY)
    assert facts.name == "Centrum"
    assert len(facts.registrations) == facts.summary.total == 214
    assert facts.flags.index.equals(facts.registrations.index)


def test_an_area_registration_belongs_to_every_neighbourhood_it_overlaps() -> None:
    data = demo()
    areas = data.registrations[data.registrations.geom_type != "Point"]
    holding = [f.code for f in facts_with_registrations(data) if f.registrations.index.isin(areas.index).any()]
    assert len(holding) > len(areas)


def test_registrations_are_ordered_by_type_then_name() -> None:
    reg = neighbourhood_facts(demo(), CENTRUM, today=TODAY).registrations
    assert reg["sensor_type"].iloc[0] == "camera"
    cameras = reg.loc[reg["sensor_type"] == "camera", "name"].str.casefold().tolist()
    assert cameras == sorted(cameras)


def test_neighbours_are_the_buurten_around_it_not_itself() -> None:
    facts = neighbourhood_facts(demo(), CENTRUM, today=TODAY)
    assert CENTRUM not in set(facts.neighbours["code"])
    assert len(facts.neighbours) >= 3


def test_flagged_lists_each_flagged_registration_with_its_flags() -> None:
    facts = neighbourhood_facts(demo(), CENTRUM, today=TODAY)
    flagged = facts.flagged
    assert len(flagged) == int(facts.flags.any(axis=1).sum())
    assert all(keys for keys in flagged["flags"])


def test_unknown_code_is_a_user_facing_error_in_both_languages() -> None:
    with pytest.raises(UnknownNeighbourhood) as err:
        neighbourhood_facts(demo(), "BU00000000")
    assert isinstance(err.value, UserFacingError)
    assert "buurt" in err.value.message("nl")
    assert "neighbourhood" in err.value.message("en")


@pytest.mark.parametrize(("raw", "expected"), [
    ("BU99990001", "BU99990001"),
    ("  bu99990001 ", "BU99990001"),
    ("BU00000000", None),
    ("<script>alert(1)</script>", None),
    ("", None),
    ("BU99990001" * 20, None),
    (None, None),
    (["BU99990001"], None),
])
def test_find_code_accepts_known_codes_only(raw: object, expected: str | None) -> None:
    assert neighbourhood_code(raw, demo().neighbourhoods["code"].astype(str).tolist()) == expected


def test_registration_table_shows_labels_and_keeps_text_literal() -> None:
    reg = neighbourhood_facts(demo(), CENTRUM, today=TODAY).registrations.head(3).copy()
    reg["name"] = [SCRIPT, FORMULAS[0], MARKDOWN_LINK]
    table = registration_table(reg, "en")
    assert table["name"].tolist() == [SCRIPT, FORMULAS[0], MARKDOWN_LINK]
    assert table["sensor_type"].iloc[0] == "Camera"


def test_legal_basis_names_the_gdpr_article() -> None:
    assert legal_basis_text("public_task", "nl") == "Publieke taak (AVG art. 6 lid 1e)"
    assert legal_basis_text("unknown", "en") == "Unknown"


def test_contacts_list_each_owner_once_with_its_contacts() -> None:
    found = {owner: (n, addresses) for owner, n, addresses in
             contacts(neighbourhood_facts(demo(), CENTRUM, today=TODAY).registrations)}
    assert found["Gemeente Voorbeeldstad"][1] == ["privacy@voorbeeldstad.example"]
    assert sum(n for n, _ in found.values()) == len(neighbourhood_facts(demo(), CENTRUM, today=TODAY).registrations)


@pytest.mark.parametrize(("code", "name"), [
    ("BU99990001", "zichtbaar-BU99990001-nl.pdf"),
    ("../../etc/passwd", "zichtbaar-______etc_passwd-nl.pdf"),
    ("BU 1/2", "zichtbaar-BU_1_2-nl.pdf"),
])
def test_factsheet_filename_is_safe(code: str, name: str) -> None:
    assert factsheet_filename(code, "nl") == name


# ---------------------------------------------------------------- the PDF


def test_pdf_is_a4_portrait() -> None:
    reader = PdfReader(io.BytesIO(demo_pdf(CENTRUM, "nl")))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_POINTS, abs=0.5)


@pytest.mark.parametrize(("lang", "title"), [
    ("nl", "Sensoren en camera's in Centrum"),
    ("en", "Sensors and cameras in Centrum"),
])
def test_pdf_has_the_title_in_its_language(lang: str, title: str) -> None:
    assert title in pdf_text(demo_pdf(CENTRUM, lang))


def test_pdf_states_the_dates() -> None:
    text = pdf_text(demo_pdf(CENTRUM, "nl"))
    assert "28 november 2026" in text


def test_pdf_shows_the_figures_beside_the_city() -> None:
    facts = neighbourhood_facts(demo(), CENTRUM, today=TODAY)
    text = pdf_text(demo_pdf(CENTRUM, "nl"))
    s, city = facts.summary, facts.city
    for figure in (format_value(s.total, "nl", 0), format_value(s.per_km2, "nl"),
                   format_value(s.per_1000_residents, "nl"), format_value(s.personal_data, "nl", 0),
                   f"stad: {format_value(city.per_km2, 'nl')}",
                   f"stad: {format_value(city.per_1000_residents, 'nl')}"):
        assert figure in text


def test_pdf_holds_the_plain_language_summary() -> None:
    facts = neighbourhood_facts(demo(), CENTRUM, today=TODAY)
    assert squeeze(facts.summary.text("en")) in squeeze(pdf_text(demo_pdf(CENTRUM, "en")))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_demo_sheet_is_two_pages(lang: str) -> None:
    """Page one: map, figures, summary; page two: the flags, whom to ask, and a QR code to the rest."""
    data = demo()
    for code in data.neighbourhoods["code"].astype(str):
        reader = PdfReader(io.BytesIO(factsheet_pdf(neighbourhood_facts(data, code, today=TODAY), lang, TODAY)))
        assert len(reader.pages) == 2, code


def test_pdf_page_two_tells_flagged_registrations_apart_by_place_and_reference() -> None:
    facts = neighbourhood_facts(demo(), CENTRUM, today=TODAY)
    page_two = PdfReader(io.BytesIO(demo_pdf(CENTRUM, "nl"))).pages[1].extract_text()
    flagged = facts.flagged
    assert len(flagged)
    for row in flagged.itertuples():
        assert squeeze(f"{row.name}, {row.where} ({row.id})") in squeeze(page_two)


def test_pdf_legend_names_the_purposes() -> None:
    assert squeeze("Public order and safety") in squeeze(pdf_text(demo_pdf(CENTRUM, "en")))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_the_qr_code_opens_the_neighbourhoods_page(tmp_path: Path) -> None:
    import zxingcpp
    from PIL import Image

    facts = neighbourhood_facts(demo(), CENTRUM, today=TODAY)
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(factsheet_pdf(facts, "en", TODAY, base_url="https://zichtbaar.example/"))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "p")], check=True)
    image = Image.open(next(tmp_path.glob("p*.png")))
    found = [r.text for r in zxingcpp.read_barcodes(image)]
    assert found == ["https://zichtbaar.example/buurt?code=BU99990001&lang=en"]


def test_pdf_says_where_residents_can_ask_questions() -> None:
    text = pdf_text(demo_pdf(CENTRUM, "nl"))
    assert "Vragen?" in text
    assert "privacy@voorbeeldstad.example" in text


def test_pdf_says_the_demo_data_is_made_up() -> None:
    assert "verzonnen" in pdf_text(demo_pdf(CENTRUM, "nl"))


def test_pdf_map_is_drawn_as_vectors_with_no_images_or_links() -> None:
    page = PdfReader(io.BytesIO(demo_pdf(CENTRUM, "nl"))).pages[0]
    xobjects = page.get("/Resources", {}).get("/XObject", {})
    assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
    assert "/Annots" not in page


def test_pdf_of_an_empty_neighbourhood_says_nothing_is_registered() -> None:
    data = demo()
    empty = Dataset(data.registrations.iloc[0:0], data.neighbourhoods, "Voorbeeldstad", True, data.updated, "x")
    pdf = factsheet_pdf(neighbourhood_facts(empty, CENTRUM, today=TODAY), "en", TODAY)
    assert "Nothing is registered in Centrum." in pdf_text(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2


def flagged_names(data: Dataset, code: str, names: list[str]) -> Dataset:
    """`data` with the first registrations of `code` renamed to `names` and made to fall short of a principle
    (a camera without a council decision), so that page two lists them."""
    reg = data.registrations.copy()
    rows = neighbourhood_facts(data, code, today=TODAY).registrations.index[:len(names)]
    reg.loc[rows, "name"] = names
    reg.loc[rows, "sensor_type"] = "camera"
    reg.loc[rows, "council_decision"] = ""
    return Dataset(reg, data.neighbourhoods, "Voorbeeldstad", True, data.updated, "x")


def test_pdf_prints_hostile_names_literally(hostile_data: Dataset) -> None:
    literal = [IMG, SCRIPT, FORMULAS[0], CLOSERS, MARKDOWN_LINK, TEMPLATE]
    seen = ""
    for facts in facts_with_registrations(hostile_data):
        text = squeeze(pdf_text(factsheet_pdf(facts, "nl", TODAY)))
        # Right-to-left text is stored in visual order (no text shaping), so it is left out here. Page two shortens
        # a name to one line; the web page shows it whole.
        missing = [n for n in facts.flagged["name"] if "\u202e" not in n and squeeze(n[:100]) not in text]
        assert missing == [], facts.code
        seen += text
    changed = flagged_names(demo(), SMALL, literal)
    seen += squeeze(pdf_text(factsheet_pdf(neighbourhood_facts(changed, SMALL, today=TODAY), "nl", TODAY)))
    for payload in literal:
        assert squeeze(payload[:100]) in seen, payload


def test_pdf_shortens_a_10000_character_name_and_stays_two_pages(hostile_data: Dataset) -> None:
    changed = flagged_names(demo(), SMALL, [LONG])
    pdf = factsheet_pdf(neighbourhood_facts(changed, SMALL, today=TODAY), "en", TODAY)
    assert squeeze(LONG[:100]) in squeeze(pdf_text(pdf))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2


def test_pdf_does_not_replace_nb_in_data_with_the_page_count() -> None:
    changed = flagged_names(demo(), SMALL, ["Camera {nb} pagina's"])
    text = pdf_text(factsheet_pdf(neighbourhood_facts(changed, SMALL, today=TODAY), "nl", TODAY))
    assert "Camera {nb} pagina's" in text


def test_pdf_keeps_invisible_characters_and_puts_line_breaks_and_tabs_on_one_line() -> None:
    changed = flagged_names(demo(), SMALL, [MULTILINE, ZERO_WIDTH])
    text = squeeze(pdf_text(factsheet_pdf(neighbourhood_facts(changed, SMALL, today=TODAY), "en", TODAY)))
    assert squeeze(MULTILINE) in text
    assert squeeze(ZERO_WIDTH) in text


def test_pdf_refuses_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="lang"):
        factsheet_pdf(neighbourhood_facts(demo(), CENTRUM, today=TODAY), "de")


def test_missing_fonts_are_a_user_facing_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(geo.factsheet, "FONT_DIR", tmp_path)
    with pytest.raises(UserFacingError, match="fonts-dejavu-core"):
        factsheet_pdf(neighbourhood_facts(demo(), CENTRUM, today=TODAY), "nl")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_first_page_renders_to_a_png_with_the_map(tmp_path: Path) -> None:
    from PIL import Image

    pdf = tmp_path / "centrum.pdf"
    pdf.write_bytes(demo_pdf(CENTRUM, "nl"))
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "page1")], check=True, timeout=60)
    image = Image.open(tmp_path / "page1.png").convert("RGB")
    w, h = image.size
    assert h / w == pytest.approx(297 / 210, rel=0.01)
    colours = {c for _, c in image.getcolors(maxcolors=w * h)}

    def drawn(hex_colour: str) -> bool:
        want = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        return any(all(abs(a - b) < 20 for a, b in zip(c, want, strict=True)) for c in colours)

    # The neighbourhood's dark-blue outline, and the icons in the web map's purpose colours.
    assert drawn("#253494")
    reg = neighbourhood_facts(demo(), CENTRUM, today=TODAY).registrations
    assert drawn(PURPOSE_COLOURS[icon_purpose(reg["purpose"].mode().iloc[0])])
    assert drawn(PURPOSE_COLOURS["safety"])


# ---------------------------------------------------------------- the command


def small_files(folder: Path, codes: tuple[str, ...] = ("BU99990001", "BU99990403")) -> tuple[Path, Path]:
    """The demo register with just a few neighbourhoods, so that --all stays quick."""
    nb = gpd.read_file(DEMO_NEIGHBOURHOODS)
    column = next(c for c in ("buurtcode", "code", "cbsCode") if c in nb.columns)
    path = folder / "buurten.geojson"
    nb[nb[column].isin(codes)].to_file(path, driver="GeoJSON")
    return DEMO_REGISTER, path


def test_cli_writes_one_neighbourhood_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register, buurten = small_files(tmp_path)
    out = tmp_path / "sheet.pdf"
    assert main(["factsheet", "BU99990403", "-o", str(out), "--lang", "en", "--register", str(register),
                 "--neighbourhoods", str(buurten)]) == 0
    assert squeeze("Sensors and cameras in Bedrijventerrein De Vaart") in squeeze(pdf_text(out.read_bytes()))
    assert str(out) in capsys.readouterr().out


def test_cli_names_the_file_after_the_code_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    register, buurten = small_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["factsheet", "bu99990001", "--register", str(register), "--neighbourhoods", str(buurten)]) == 0
    assert (tmp_path / "zichtbaar-BU99990001-nl.pdf").is_file()


def test_cli_all_writes_one_pdf_per_neighbourhood(tmp_path: Path) -> None:
    register, buurten = small_files(tmp_path)
    folder = tmp_path / "bladen"
    assert main(["factsheet", "--all", "-o", str(folder), "--register", str(register),
                 "--neighbourhoods", str(buurten)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["zichtbaar-BU99990001-nl.pdf",
                                                        "zichtbaar-BU99990403-nl.pdf"]


def test_cli_reads_the_store(tmp_path: Path) -> None:
    from geo.store import ensure_demo_store

    store = ensure_demo_store(tmp_path / "register.gpkg")
    out = tmp_path / "centrum.pdf"
    assert main(["factsheet", CENTRUM, "-o", str(out), "--store", str(store)]) == 0
    assert "Centrum" in pdf_text(out.read_bytes())


def test_cli_unknown_code_says_so_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register, buurten = small_files(tmp_path)
    code = "BU\x1b[2J<b>"
    assert main(["factsheet", code, "--register", str(register), "--neighbourhoods", str(buurten)]) == 2
    err = capsys.readouterr().err
    assert "staat niet in het register" in err
    assert "is not in the register" in err
    assert "\x1b" not in err  # a terminal escape from the command line is shown, not obeyed


def test_cli_needs_a_code_or_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["factsheet"]) == 2
    assert "--all" in capsys.readouterr().err


@pytest.mark.parametrize(("code", "step", "expected"), [
    ("b", 1, "c"), ("b", -1, "a"), ("c", 1, "a"), ("a", -1, "c"), ("a", 4, "b"),
    (None, 1, "b"), ("zz", -1, "c"),
])
def test_step_code_moves_from_the_current_code_and_wraps(code, step, expected) -> None:
    assert step_code(["a", "b", "c"], code, step) == expected


def test_step_code_without_neighbourhoods_is_an_error() -> None:
    with pytest.raises(ValueError, match="no neighbourhoods"):
        step_code([], None, 1)
