"""AppTest of the city overview (/buurten): the choropleth, its legend, the ranking and opening a neighbourhood."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from geo.choropleth import PALETTES
from geo.dataset import load_demo
from tests.app.conftest import open_page


def open_overview(lang: str, **query: str) -> AppTest:
    return open_page("pages/buurten.py", lang=lang, start=query)


def click(at: AppTest, feature: dict) -> AppTest:
    """What the browser sends when a neighbourhood is clicked: the feature under the pointer."""
    (element,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    at.session_state[element.proto.id.rsplit("-", 1)[1]] = {"last_active_drawing": feature}
    return at.run()


def legend(at: AppTest) -> str:
    return next(h.value for h in at.html if "zb-legend" in h.value)


def choropleth(at: AppTest) -> dict:
    """The FeatureCollection the map draws, read back from the layer's script."""
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    script = json.loads(component.proto.json_args)["feature_group"]
    start = script.index("L.geoJSON(") + len("L.geoJSON(")
    return json.JSONDecoder().raw_decode(script[start:].lstrip())[0]


@pytest.mark.parametrize(("lang", "title", "heading"), [
    ("nl", "Buurten vergelijken", "Aantal registraties"),
    ("en", "Compare neighbourhoods", "Number of registrations"),
])
def test_overview_runs_in_both_languages(lang: str, title: str, heading: str) -> None:
    at = open_overview(lang=lang)
    assert not at.exception
    assert at.title[0].value == title
    assert heading in [h.value for h in at.subheader]


def test_map_colours_every_neighbourhood_with_the_palette() -> None:
    at = open_overview(lang="nl")
    features = choropleth(at)["features"]
    assert len(features) == len(load_demo().neighbourhoods)
    assert {f["properties"]["c"] for f in features} <= set(PALETTES[5])
    assert all(f["properties"]["code"].startswith("BU9999") for f in features)


def test_legend_states_every_class_and_how_many_neighbourhoods_it_holds() -> None:
    at = open_overview(lang="nl")
    text = legend(at)
    assert text.count("<li") == 5
    for colour in PALETTES[5]:
        assert colour in text
    assert "buurt" in text
    assert "Legenda: Aantal registraties" in text


def test_per_1000_residents_greys_out_the_neighbourhoods_without_residents() -> None:
    at = open_overview(lang="nl")
    at.button_group(key="overview.measure").set_value("per_1000_residents").run()
    assert not at.exception
    assert "Registraties per 1.000 inwoners" in [h.value for h in at.subheader]
    assert "Geen gegevens" in legend(at)
    assert at.query_params["measure"] == "per_1000_residents"


def test_narrowing_to_a_sensor_type_recolours_and_retitles() -> None:
    at = open_overview(lang="en")
    at.selectbox(key="overview.what").set_value("sensor_type:camera").run()
    assert "Number of registrations: Camera" in [h.value for h in at.subheader]
    at.button_group(key="overview.measure").set_value("per_km2").run()
    assert "Camera per km²" in [h.value for h in at.subheader]
    assert at.query_params["what"] == "sensor_type:camera"


def test_choice_in_the_url_is_taken_on_opening() -> None:
    at = open_overview(lang="nl", measure="per_1000_residents", what="purpose:parking")
    assert "Parkeren per 1.000 inwoners" in [h.value for h in at.subheader]


def test_junk_in_the_url_falls_back_to_all_counted() -> None:
    at = open_overview(lang="nl", measure="<script>", what="sensor_type:'; DROP")
    assert not at.exception
    assert "Aantal registraties" in [h.value for h in at.subheader]


def test_ranking_lists_every_neighbourhood_highest_first() -> None:
    at = open_overview(lang="en")
    table = at.dataframe[0].value
    assert len(table) == len(load_demo().neighbourhoods)
    assert table["Rank"].iloc[0] == 1
    assert table["Neighbourhood"].iloc[0] == "Centrum"


def test_choosing_a_neighbourhood_opens_its_page() -> None:
    at = open_overview(lang="en")
    at.selectbox(key="overview.pick").set_value("BU99990002").run()
    assert not at.exception
    assert at.query_params["code"] == "BU99990002"
    assert any(">Oude Haven</h1>" in h.value for h in at.html)
    assert at.query_params["lang"] == "en"


def test_clicking_a_neighbourhood_on_the_map_opens_its_page() -> None:
    at = open_overview(lang="nl")
    click(at, {"type": "Feature", "properties": {"code": "BU99990005"}})
    assert at.query_params["code"] == "BU99990005"
    assert any(">Stationskwartier</h1>" in h.value for h in at.html)


def test_a_forged_map_click_is_ignored() -> None:
    at = open_overview(lang="nl")
    click(at, {"properties": {"code": "<img src=x>"}})
    assert not at.exception
    assert "code" not in at.query_params
    assert at.title[0].value == "Buurten vergelijken"
