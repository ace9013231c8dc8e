"""AppTest of the sensor page (/sensor?id=...), and of what the start and neighbourhood pages say changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import store
from geo.schema import DEMO_NEIGHBOURHOODS
from tests.app.conftest import html_text, open_page, page_text
from tests.unit.test_changes import CENTRUM, row, write

CAMERA, PLANNED, AREA = "VBS-0082", "VBS-1830", "VBS-0397"





def test_a_camera_answers_what_why_who_personal_data_and_until_when_first() -> None:
    at = open_page("pages/sensor.py", id=CAMERA)
    assert not at.exception
    first = next(h.value for h in at.html if "zb-sensor-title" in h.value)  # the three-second part
    for words in ("Camera Marktstraat", "Wat is het?", "Waarvoor?", "Wie is verantwoordelijk?",
                  "Gegevens over mensen?", "publieke taak", "Tot wanneer?"):
        assert words in first, words
    text = page_text(at)
    assert "Bezwaar of klacht" in text and "https://autoriteitpersoonsgegevens.nl" in text
    assert at.get("download_button")[0].proto.label == "Bordje (PDF)"


def test_the_page_speaks_english_when_the_link_says_so() -> None:
    at = open_page("pages/sensor.py", lang="en", id=CAMERA)
    assert "Who is responsible?" in html_text(at) and "Objection or complaint" in page_text(at)


def test_a_planned_entry_says_so() -> None:
    at = open_page("pages/sensor.py", id=PLANNED)
    assert any("Gepland" in i.value for i in at.info)


def test_an_unknown_id_says_so_in_plain_words_and_offers_the_search() -> None:
    at = open_page("pages/sensor.py", id="<script>window.__xss=1</script>")
    assert not at.exception
    assert at.title[0].value == "Deze sensor kennen we niet"
    assert "<script>" not in page_text(at)  # the id is never shown back
    at.text_input(key="sensor.search").input("Marktstraat").run()
    assert any("Camera Marktstraat" in str(p.proto.label) for p in at.get("page_link"))


def test_without_an_id_the_page_offers_the_search() -> None:
    at = open_page("pages/sensor.py")
    assert not at.exception and at.text_input(key="sensor.search")


@pytest.fixture
def two_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "s.gpkg"
    store.import_register(write(tmp_path, "v1.csv", [row("C0", "Camera nul"), row("C1", "Camera een")]),
                          DEMO_NEIGHBOURHOODS, store=target)
    store.import_register(write(tmp_path, "v2.csv", [row("C1", "Camera één"), row("N1", "Nieuwe camera",
                                                                                      at=CENTRUM)]),
                          DEMO_NEIGHBOURHOODS, store=target)
    monkeypatch.setenv("ZICHTBAAR_DB", str(target))
    return target


def test_the_start_page_says_what_changed_at_the_last_import(two_imports: Path) -> None:
    at = open_page(None)
    assert not at.exception
    assert "Wat is er nieuw?" in [h.value for h in at.subheader]
    assert any("kwam er 1 registratie bij, ging er 1 af en veranderde er 1" in m.value for m in at.markdown)
    assert any("(app/static/feeds/register-nl.xml)" in m.value for m in at.markdown)
    # Worked out once from the two registers (a store without records yet) and kept beside the version.
    assert (two_imports.parent / "s.gpkg.versions" / "v2.changes.json").exists()


def test_each_languages_feed_has_its_own_lines(two_imports: Path) -> None:
    from geo.feeds import STATIC_DIR
    from geo.schema import PROJECT_DIR

    assert not open_page(None).exception
    folder = PROJECT_DIR / STATIC_DIR / "feeds"
    assert "New: Nieuwe camera (N1)" in (folder / "register-en.xml").read_text(encoding="utf-8")
    assert "Nieuw: Nieuwe camera (N1)" in (folder / "register-nl.xml").read_text(encoding="utf-8")


def test_a_neighbourhood_page_lists_what_changed_there(two_imports: Path) -> None:
    at = open_page("pages/buurt.py", start={"code": "BU99990001"})
    assert not at.exception
    assert "Wat veranderde hier?" in [h.value for h in at.subheader]
    assert "Nieuw: Nieuwe camera (N1)" in html_text(at)
    assert any("(app/static/feeds/buurt-BU99990001-nl.xml)" in m.value for m in at.markdown)
