"""Signs and area boards (geo.signs): one page each, text literal, a QR code that opens exactly the right page."""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from geo.cli import main
from geo.dataset import load_demo, load_files
from geo.facts import neighbourhood_facts
from geo.schema import DEMO_NEIGHBOURHOODS
from geo.signs import SIZES, board_pdf, sign_filename, sign_pdf, write_signs
from geo.viewstate import sensor_url
from tests.fixtures.hostile import write_hostile_register

BASE = "https://zichtbaar.example"
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                   reason="poppler-utils (pdftoppm) is not installed")


@cache
def demo() -> pd.DataFrame:
    return load_demo().registrations.drop(columns="geometry")


def record(reg_id: str) -> dict:
    reg = demo()
    return reg[reg["id"] == reg_id].iloc[0].to_dict()


def render(pdf: bytes, folder: Path, dpi: int = 150):
    from PIL import Image

    path = folder / "sign.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(path), str(folder / "page")], check=True,
                   timeout=60)
    return Image.open(folder / "page.png").convert("L")


def qr_codes(image) -> list[str]:
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(image)]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@needs_poppler
@pytest.mark.parametrize(("reg_id", "size"), [("VBS-0082", "a6"), ("VBS-0082", "a4"), ("A/B &?=é #1", "a6")])
def test_the_qr_code_opens_exactly_the_registrations_page(tmp_path: Path, reg_id: str, size: str) -> None:
    sign = sign_pdf({**record("VBS-0082"), "id": reg_id}, "nl", size, base_url=BASE + "/")
    expected = sensor_url(reg_id, BASE)
    assert qr_codes(render(sign, tmp_path)) == [expected]
    assert expected.startswith(f"{BASE}/sensor?id=")


def test_the_qr_url_encodes_the_id() -> None:
    assert sensor_url("A/B &?=é #1", BASE) == f"{BASE}/sensor?id=A%2FB%20%26%3F%3D%C3%A9%20%231"


def test_the_base_url_comes_from_the_environment_else_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZICHTBAAR_PUBLIC_URL", raising=False)
    assert sensor_url("X") == "http://localhost:8501/sensor?id=X"
    monkeypatch.setenv("ZICHTBAAR_PUBLIC_URL", "https://register.example/")
    assert sensor_url("X") == "https://register.example/sensor?id=X"


@pytest.mark.parametrize(("lang", "words"), [("nl", ("Verwerkt persoonsgegevens", "Doel: openbare orde")),
                                              ("en", ("Processes personal data", "Purpose: public order"))])
def test_a_sign_says_personal_data_purpose_and_owner(lang: str, words: tuple[str, ...]) -> None:
    text = pdf_text(sign_pdf(record("VBS-0082"), lang))
    for word in (*words, "Gemeente Voorbeeldstad", "VBS-0082"):
        assert word in " ".join(text.split()), word


def test_a_sign_without_personal_data_says_so() -> None:
    assert "Geen persoonsgegevens" in pdf_text(sign_pdf(record("VBS-0001"), "nl"))


def test_a_planned_sign_says_it_is_planned() -> None:
    assert "Gepland" in pdf_text(sign_pdf(record("VBS-1830"), "nl"))


def demanding() -> list[str]:
    """Demo ids that ask most of the layout: each sensor type and status, the longest names, owners, purposes."""
    reg = demo()
    picks = set(reg.groupby(["sensor_type", "status"])["id"].first())
    for column in ("name", "owner", "purpose", "description"):
        picks |= set(reg.loc[reg[column].fillna("").astype(str).str.len().nlargest(3).index, "id"])
    return sorted(picks)


@needs_poppler
@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_kind_of_demo_sign_fits_one_page_inside_its_frame(tmp_path: Path, size: str) -> None:
    """One page each (sign_pdf refuses a layout that would overflow), and nothing drawn outside the frame."""
    ids = demanding()
    for reg_id in ids:
        sign = sign_pdf(record(reg_id), "en", size)
        assert len(PdfReader(io.BytesIO(sign)).pages) == 1, reg_id
    image = render(sign_pdf(record(ids[0]), "nl", size), tmp_path, dpi=40)
    w, h = image.size
    edge = 2  # the margin outside the frame, in pixels at 40 dpi
    strips = [image.crop((0, 0, w, edge)), image.crop((0, h - edge, w, h)), image.crop((0, 0, edge, h)),
              image.crop((w - edge, 0, w, h))]
    assert all(s.getextrema()[0] > 200 for s in strips)


def test_every_demo_sign_fits_its_page_when_written_all_at_once(tmp_path: Path) -> None:
    """`--all` on a slice of the demo (the whole register is bench/bench_signs.py's): one one-page PDF each."""
    reg = demo().head(40)
    paths = write_signs(reg, tmp_path, "nl", jobs=2)
    assert len(paths) == len(reg) == len(set(paths))
    assert all(len(PdfReader(p).pages) == 1 for p in paths)
    assert [p.name for p in paths] == [f"bordje-{i}-nl-a6.pdf" for i in reg["id"]]


@pytest.fixture(scope="module")
def hostile() -> pd.DataFrame:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        data = load_files(write_hostile_register(folder), DEMO_NEIGHBOURHOODS)
    return data.registrations.drop(columns="geometry")


def test_hostile_text_is_printed_literally_and_fits(hostile: pd.DataFrame) -> None:
    for rec in hostile.to_dict("records"):
        sign = sign_pdf(rec, "nl")
        assert len(PdfReader(io.BytesIO(sign)).pages) == 1
        assert b"/JavaScript" not in sign and b"/URI" not in sign
    script = hostile[hostile["owner"].astype(str).str.startswith("<script>")]
    if len(script):
        assert "<script>" in pdf_text(sign_pdf(script.iloc[0].to_dict(), "nl"))


def test_filenames_of_signs_are_safe_and_distinct(tmp_path: Path) -> None:
    assert sign_filename("../x y", "nl") == "bordje-___x_y-nl-a6.pdf"
    reg = pd.DataFrame([{**record("VBS-0001"), "id": "A/B"}, {**record("VBS-0001"), "id": "A_B"}])
    paths = write_signs(reg, tmp_path, "nl")
    assert len({p.name for p in paths}) == 2


@needs_poppler
def test_the_area_board_opens_the_neighbourhoods_page(tmp_path: Path) -> None:
    facts = neighbourhood_facts(load_demo(), "BU99990001")
    board = board_pdf(facts, "nl", base_url=BASE)
    assert len(PdfReader(io.BytesIO(board)).pages) == 1
    assert qr_codes(render(board, tmp_path, dpi=100)) == [f"{BASE}/buurt?code=BU99990001"]
    text = " ".join(pdf_text(board).split())
    assert facts.name in text and "sensoren en camera's in het register" in text


def test_cli_writes_a_sign_and_refuses_an_unknown_id(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from geo.schema import DEMO_REGISTER

    files = ["--register", str(DEMO_REGISTER), "--neighbourhoods", str(DEMO_NEIGHBOURHOODS)]
    out = tmp_path / "s.pdf"
    assert main(["sign", "VBS-0082", "-o", str(out), "--lang", "en", "--size", "a4", *files]) == 0
    assert PdfReader(out).pages[0].mediabox.width == pytest.approx(210 / 25.4 * 72, rel=0.01)
    assert main(["sign", "NOPE", *files]) == 2
    assert "NOPE" in capsys.readouterr().err
    board = tmp_path / "b.pdf"
    assert main(["board", "BU99990001", "-o", str(board), *files]) == 0
    assert board.read_bytes()[:5] == b"%PDF-"
