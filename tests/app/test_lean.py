"""AppTest of the pages that work on a register's facts (geo.store.lean): the map, the start page, near-me and the
overview say on a lean PostGIS register exactly what they say on the whole register, and never load it whole."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from geo import store
from geo.schema import DEMO_NEIGHBOURHOODS, DEMO_REGISTER
from geo.store.lean import LEAN_ENV
from tests.app.conftest import open_page, page_text
from tests.app.test_near import component_args
from tests.unit.conftest import PG_ENV, postgis_store
from ui.loaders import dataset

CAMERA = "VBS-0082"


@pytest.fixture(scope="module")
def demo_pg() -> Iterator[str]:
    import os

    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"${PG_ENV} is not set; `bash .ci/postgis.sh` starts PostGIS and prints the URL")
    with postgis_store(base) as url:
        store.import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=url, municipality="Voorbeeldstad",
                              is_demo=True)
        yield url


def both(monkeypatch: pytest.MonkeyPatch, url: str, path: str | None, tab: str | None = None,
         **query: str) -> tuple[AppTest, AppTest]:
    """The page run on the whole register, then on its facts (the whole register may then not be read)."""
    monkeypatch.setenv("ZICHTBAAR_DB", url)
    whole = _run(path, tab, **query)
    monkeypatch.setenv(LEAN_ENV, "0")

    def refuse(*args, **kwargs):
        raise AssertionError("a lean page read the whole register")

    with monkeypatch.context() as mp:
        mp.setattr(store.PostGISStore, "read", refuse)
        lean = _run(path, tab, **query)
        assert store.is_lean(dataset(lean=True))  # what the run was given
    assert not whole.exception and not lean.exception, [e.message for e in [*whole.exception, *lean.exception]]
    return whole, lean


def _run(path: str | None, tab: str | None, **query: str) -> AppTest:
    at = open_page(path, **query)
    if tab is not None:
        at.session_state["map_tab"] = tab
        at.run()
    return at


@pytest.mark.parametrize("query", [{}, {"f_sensor_type": "camera", "f_text": "camera"}, {"sel": CAMERA},
                                   {"f_flag": "democratic", "f_neighbourhood": "BU99990004"}])
def test_the_map_on_facts_says_and_draws_what_it_does_on_the_whole_register(demo_pg, monkeypatch, query) -> None:
    monkeypatch.setenv("ZICHTBAAR_SERVER_CLUSTERS_FROM", "0")  # both send the view: the same payload
    whole, lean = both(monkeypatch, demo_pg, "pages/kaart.py", **query)
    assert page_text(lean) == page_text(whole)
    assert component_args(lean, "st_folium")["feature_group"] == component_args(whole, "st_folium")["feature_group"]
    assert [s.options for s in lean.selectbox] == [s.options for s in whole.selectbox]
    assert [m.options for m in lean.multiselect] == [m.options for m in whole.multiselect]
    if "sel" in query:
        assert "Camera" in page_text(lean)


def test_the_maps_table_on_facts_is_the_same_table(demo_pg, monkeypatch) -> None:
    whole, lean = both(monkeypatch, demo_pg, "pages/kaart.py", "Tabel en downloads", f_sensor_type="camera")
    (a,), (b,) = whole.dataframe, lean.dataframe
    assert len(a.value) > 50 and a.value.equals(b.value)


@pytest.mark.parametrize(("path", "query"), [
    (None, {}), ("pages/hier.py", {"lat": "52.47", "lon": "5.55", "r": "250"}), ("pages/buurten.py", {}),
    ("pages/buurt.py", {"code": "BU99990001"}), ("pages/presentatie.py", {"code": "BU99990002"}),
    ("pages/sensor.py", {"id": CAMERA}), ("pages/sensor.py", {"id": "VBS-nope"}), ("pages/controle.py", {}),
])
def test_the_other_pages_on_facts_say_what_they_say_on_the_whole_register(demo_pg, monkeypatch, path,
                                                                          query) -> None:
    whole, lean = both(monkeypatch, demo_pg, path, **query)
    assert page_text(lean) == page_text(whole)
    assert [(m.label, m.value) for m in lean.metric] == [(m.label, m.value) for m in whole.metric]
    for a, b in zip(whole.dataframe, lean.dataframe, strict=True):
        assert a.value.equals(b.value)


def test_an_unknown_sign_offers_the_same_search_on_facts(demo_pg, monkeypatch) -> None:
    monkeypatch.setenv("ZICHTBAAR_DB", demo_pg)
    whole = open_page("pages/sensor.py", id="VBS-nope")
    whole.text_input(key="sensor.search").input("markt").run()
    monkeypatch.setenv(LEAN_ENV, "0")
    lean = open_page("pages/sensor.py", id="VBS-nope")
    lean.text_input(key="sensor.search").input("markt").run()
    links = [str(p.proto.label) for p in whole.get("page_link")]
    assert len(links) > 2 and links == [str(p.proto.label) for p in lean.get("page_link")]


@pytest.mark.parametrize("query", [
    {"section": "principles"}, {"section": "principles", "f_sensor_type": "camera", "f_text": "camera"},
    {"section": "hotspots"}, {"section": "hotspots", "f_purpose": "safety"}, {"section": "coverage"},
    {"section": "coverage", "f_neighbourhood": "BU99990001"}, {"section": "trends"}, {"section": "reports"},
])
def test_the_policy_page_on_facts_says_and_draws_what_it_does_on_the_whole_register(demo_pg, monkeypatch,
                                                                                    query) -> None:
    whole, lean = both(monkeypatch, demo_pg, "pages/beleid.py", **query)
    assert page_text(lean) == page_text(whole)
    assert [(m.label, m.value) for m in lean.metric] == [(m.label, m.value) for m in whole.metric]
    assert len(lean.dataframe) == len(whole.dataframe)
    for a, b in zip(whole.dataframe, lean.dataframe, strict=True):
        assert a.value.equals(b.value)
    maps = [component_args(at, "st_folium") for at in (whole, lean)] if query["section"] in {
        "hotspots", "coverage"} else []
    if maps:
        assert maps[0]["feature_group"] == maps[1]["feature_group"]
    if query["section"] == "principles":
        assert len(lean.dataframe) >= 3  # the first registrations that fall short, their names from the database
