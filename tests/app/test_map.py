"""AppTest of the map page: every filter, the URL round trip, a click's detail, the list, the table."""

from __future__ import annotations

import json
import re
from datetime import date

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from geo.dataset import Dataset
from geo.filters import Filters, apply
from geo.join import assign_neighbourhood
from tests.app.conftest import open_page
from ui.map_page import MAP_KEY

PAYLOAD = re.compile(r"L\.zbRegistrations\(\s*(\{.*?\}),\s*\{", re.DOTALL)


@pytest.fixture(scope="module")
def data() -> Dataset:
    from ui.loaders import dataset

    return dataset()


def map_page(lang: str = "nl", **query: str | list[str]) -> AppTest:
    return open_page("pages/kaart.py", lang=lang, **query)


def map_args(at: AppTest) -> dict:
    (element,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    return json.loads(element.proto.json_args)


def map_widget_key(at: AppTest) -> str:
    (element,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    return element.proto.id.rsplit("-", 1)[1]


def shown_ids(at: AppTest) -> list[str]:
    """The ids in the registrations layer that the map was sent."""
    payload = json.loads(PAYLOAD.search(map_args(at)["feature_group"]).group(1))
    return [p[4] for p in payload["p"]]


def expected_ids(data: Dataset, filters: Filters) -> list[str]:
    nb = assign_neighbourhood(data.registrations, data.neighbourhoods)
    return data.registrations["id"][apply(data.registrations, filters, nb)].tolist()


def url(at: AppTest, key: str) -> list[str]:
    """A URL parameter's values, as a list (one value or a repeated parameter)."""
    value = at.query_params.get(key)
    return [] if value is None else list(value) if isinstance(value, list) else [value]


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.get("html")]
    parts += [m.value for m in at.error] + [m.value for m in at.warning] + [m.value for m in at.info]
    return "\n".join(str(p) for p in parts)


def click(at: AppTest, tooltip: str, count: int = 1) -> AppTest:
    """What the browser sends when a registration is clicked: its tooltip text and a click count."""
    at.session_state[map_widget_key(at)] = {"last_object_clicked_tooltip": tooltip,
                                             "last_object_clicked_count": count}
    return at.run()


def some(data: Dataset, column: str, value: object) -> str:
    return str(data.registrations.loc[data.registrations[column] == value, "id"].iloc[0])


# --- the page itself ---

@pytest.mark.parametrize(("lang", "phrase"), [("nl", "registraties"), ("en", "registrations")])
def test_map_page_runs_in_both_languages(lang: str, phrase: str) -> None:
    at = map_page(lang)
    assert not at.exception
    assert phrase in page_text(at)


def test_map_gets_every_registration_without_filters(data: Dataset) -> None:
    at = map_page()
    assert sorted(shown_ids(at)) == sorted(data.registrations["id"])


def test_map_reruns_only_on_clicks_not_on_panning() -> None:
    assert map_args(map_page())["returned_objects"] == ["last_object_clicked_tooltip", "last_object_clicked_count"]


def test_map_front_end_files_come_from_the_app() -> None:
    args = map_args(map_page())
    links = args["js_links"] + args["css_links"]
    assert links
    assert all(link.startswith("../ui.assets.zb_assets/") for link in links)


def test_junk_in_the_url_does_not_break_the_page() -> None:
    at = map_page(f_purpose="<script>", f_active_on="2025-13-45", z="NaN", lat="x", lon="", base="space",
                  sel="does-not-exist", f_owner="Nobody", f_neighbourhood="BU0")
    assert not at.exception
    assert at.multiselect(key="f_owner").value == []


# --- every filter, set through its widget; the map, the count and the URL follow ---

@pytest.mark.parametrize(("key", "value", "filters", "param"), [
    ("f_purpose", ["traffic", "parking"], Filters(purpose=("traffic", "parking")), "traffic,parking"),
    ("f_data_types", ["licence_plates"], Filters(data_types=("licence_plates",)), "licence_plates"),
    ("f_legal_basis", ["public_task"], Filters(legal_basis=("public_task",)), "public_task"),
    ("f_sensor_type", ["camera", "anpr"], Filters(sensor_type=("camera", "anpr")), "camera,anpr"),
    ("f_status", ["planned"], Filters(status=("planned",)), "planned"),
])
def test_code_filter_narrows_the_map_and_is_written_to_the_url(data, key, value, filters, param) -> None:
    at = map_page()
    at.multiselect(key=key).set_value(value).run()
    assert not at.exception
    assert shown_ids(at) == expected_ids(data, filters)
    assert url(at, key) == [param]


def test_owner_filter_narrows_the_map(data: Dataset) -> None:
    owner = data.registrations["owner"].value_counts().index[-1]
    at = map_page()
    at.multiselect(key="f_owner").set_value([owner]).run()
    assert shown_ids(at) == expected_ids(data, Filters(owner=(owner,)))
    assert url(at, "f_owner") == [owner]


def test_personal_data_filter_narrows_the_map(data: Dataset) -> None:
    at = map_page()
    at.segmented_control(key="f_personal_data").set_value("yes").run()
    assert shown_ids(at) == expected_ids(data, Filters(personal_data=True))
    assert url(at, "f_personal_data") == ["yes"]


def test_active_on_date_filter_narrows_the_map(data: Dataset) -> None:
    at = map_page()
    at.checkbox(key="f_active_on_use").check().run()
    at.date_input(key="f_active_on").set_value(date(2019, 1, 1)).run()
    assert shown_ids(at) == expected_ids(data, Filters(active_on=date(2019, 1, 1)))
    assert url(at, "f_active_on") == ["2019-01-01"]


def test_neighbourhood_filter_narrows_the_map_and_moves_it_there(data: Dataset) -> None:
    code = str(data.neighbourhoods["code"].iloc[0])
    at = map_page()
    at.multiselect(key="f_neighbourhood").set_value([code]).run()
    assert shown_ids(at) == expected_ids(data, Filters(neighbourhood=(code,)))
    assert map_args(at)["center"] is not None
    assert url(at, "f_neighbourhood") == [code]


def test_free_text_filter_searches_names(data: Dataset) -> None:
    at = map_page()
    at.text_input(key="f_text").input("Kerkstraat").run()
    ids = shown_ids(at)
    assert ids == expected_ids(data, Filters(text="Kerkstraat"))
    assert 0 < len(ids) < len(data.registrations)
    assert url(at, "f_text") == ["Kerkstraat"]


def test_options_show_how_many_registrations_they_leave(data: Dataset) -> None:
    at = map_page()
    n_cameras = int((data.registrations["sensor_type"] == "camera").sum())
    assert f"Camera ({n_cameras})" in at.multiselect(key="f_sensor_type").options


def test_count_is_shown_for_the_filtered_set(data: Dataset) -> None:
    at = map_page()
    at.multiselect(key="f_sensor_type").set_value(["camera"]).run()
    n = int((data.registrations["sensor_type"] == "camera").sum())
    assert f"**{n}** van {len(data.registrations):,}".replace(",", ".") in page_text(at)


def test_no_match_says_so() -> None:
    at = map_page()
    at.text_input(key="f_text").input("zzzz-nothing-like-this").run()
    assert shown_ids(at) == []
    assert "Geen registraties" in page_text(at)


def test_reset_clears_every_filter_and_the_url() -> None:
    at = map_page(f_purpose="safety", f_personal_data="yes", f_text="camera")
    at.button(key="f_reset").click().run()
    assert not at.exception
    assert at.multiselect(key="f_purpose").value == []
    assert at.text_input(key="f_text").value == ""
    assert not any(k.startswith("f_") for k in at.query_params)


# --- the URL round trip: a shared link reproduces the view ---

def test_shared_link_sets_the_widgets_and_the_map(data: Dataset) -> None:
    at = map_page(f_sensor_type="camera,anpr", f_personal_data="yes", f_text="straat")
    assert at.multiselect(key="f_sensor_type").value == ["camera", "anpr"]
    assert at.segmented_control(key="f_personal_data").value == "yes"
    filters = Filters(sensor_type=("camera", "anpr"), personal_data=True, text="straat")
    assert shown_ids(at) == expected_ids(data, filters)


def test_url_round_trip_reproduces_filters_selection_and_view(data: Dataset) -> None:
    chosen = some(data, "sensor_type", "camera")
    first = map_page(lat="52.47", lon="5.55", z="16", base="none")
    first.multiselect(key="f_purpose").set_value(["safety"]).run()
    first.segmented_control(key="f_personal_data").set_value("yes").run()
    click(first, f"Camera · {chosen}")
    shared = {k: url(first, k) for k in first.query_params}
    assert shared["sel"] == [chosen]

    second = map_page(**{k: v[0] if len(v) == 1 else v for k, v in shared.items() if k != "lang"})
    assert shown_ids(second) == shown_ids(first)
    assert chosen in page_text(second)
    script = map_args(second)["script"]
    assert "[52.47, 5.55]" in script
    assert '"zoom": 16' in script
    assert "tile.openstreetmap.org" not in re.sub(r"var tile_layer\w+ = L\.tileLayer\([^;]*;", "", script)


def test_base_none_adds_no_tiles_to_the_map() -> None:
    script = map_args(map_page(base="none"))["script"]
    assert not re.search(r"tile_layer_\w+\.addTo\(", script)


# --- selecting a registration ---

def test_clicking_a_registration_shows_its_details_and_puts_it_in_the_url(data: Dataset) -> None:
    chosen = some(data, "sensor_type", "camera")
    row = data.registrations.set_index("id").loc[chosen]
    at = click(map_page(), f"Camera · {chosen}")
    assert not at.exception
    text = page_text(at)
    assert str(row["name"]).replace("'", "&#x27;") in text or str(row["name"]) in text
    assert "Waarvoor?" in text
    assert "Op welke grond?" in text
    assert url(at, "sel") == [chosen]


def test_clicking_the_same_registration_again_selects_it_again(data: Dataset) -> None:
    first, second = data.registrations["id"].iloc[:2]
    at = click(map_page(), f"X · {first}", count=1)
    at.selectbox(key="map_choose").set_value(second).run()
    assert url(at, "sel") == [second]
    at = click(at, f"X · {first}", count=2)
    assert url(at, "sel") == [first]


def test_choosing_from_the_list_shows_details_and_centres_the_map(data: Dataset) -> None:
    chosen = str(data.registrations["id"].iloc[5])
    at = map_page()
    at.selectbox(key="map_choose").set_value(chosen).run()
    assert url(at, "sel") == [chosen]
    assert map_args(at)["center"] is not None
    assert map_args(at)["zoom"] == 18


def test_close_button_clears_the_selection(data: Dataset) -> None:
    at = map_page(sel=str(data.registrations["id"].iloc[0]))
    at.button(key="map_close").click().run()
    assert "sel" not in at.query_params


def test_flags_are_shown_prominently(data: Dataset) -> None:
    from geo.principles import flag_frame

    flags = flag_frame(data.registrations)
    flagged = data.registrations["id"][flags["no_council_decision"]].iloc[0]
    at = map_page(sel=str(flagged))
    assert any("Geen raadsbesluit" in e.value for e in at.error)


def test_detail_escapes_text_and_links_only_http(data: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = '<img src=x onerror="window.__xss=1">'
    reg = data.registrations.copy()
    reg.loc[reg.index[0], ["name", "description", "algorithm_register_url"]] = [hostile, hostile,
                                                                                  "javascript:alert(1)"]
    patched = Dataset(reg, data.neighbourhoods, data.municipality, data.is_demo, data.updated, data.source)
    monkeypatch.setattr("ui.loaders.dataset", lambda lean=False: patched)
    at = map_page(sel=str(reg["id"].iloc[0]))
    html = "\n".join(h.value for h in at.get("html"))
    assert "<img" not in html
    assert "&lt;img" in html
    assert 'href="javascript' not in html


def test_detail_names_the_linked_algorithm_and_its_status(data: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.algorithms import AlgorithmEntry, AlgorithmRegister

    url = "https://algoritmes.overheid.nl/nl/algoritme/scanauto/12345678"
    register = AlgorithmRegister((AlgorithmEntry("12345678", "Scanauto <parkeren>", status="out_of_use",
                                                 status_text="Buiten gebruik"),))
    reg = data.registrations.copy()
    reg.loc[reg.index[0], "algorithm_register_url"] = url
    patched = Dataset(reg, data.neighbourhoods, data.municipality, data.is_demo, data.updated, data.source)
    monkeypatch.setattr("ui.loaders.dataset", lambda lean=False: patched)
    monkeypatch.setattr("ui.map_page.algorithm_register", lambda: register)
    at = map_page("en", sel=str(reg["id"].iloc[0]))
    html = "\n".join(h.value for h in at.get("html"))
    assert "Scanauto &lt;parkeren&gt; (Out of use)" in html


# --- the table and downloads ---

def test_table_tab_shows_the_filtered_set_with_downloads(data: Dataset) -> None:
    at = map_page(f_sensor_type="camera")
    at.session_state["map_tab"] = "Tabel en downloads"
    at.run()
    assert not at.exception
    (table,) = at.dataframe
    assert len(table.value) == int((data.registrations["sensor_type"] == "camera").sum())
    assert len(at.get("download_button")) == 2


def test_a_long_table_shows_its_first_rows_and_says_the_downloads_hold_all(data, monkeypatch) -> None:
    import ui.map_page

    monkeypatch.setattr(ui.map_page, "TABLE_MAX", 25)
    at = map_page(f_sensor_type="camera")
    at.session_state["map_tab"] = "Tabel en downloads"
    at.run()
    (table,) = at.dataframe
    cameras = data.registrations.loc[data.registrations["sensor_type"] == "camera", "id"]
    assert table.value.iloc[:, 0].tolist()[:3] == cameras.tolist()[:3] and len(table.value) == 25
    assert f"De tabel toont de eerste 25 van de {len(cameras)}." in page_text(at)
    assert len(at.get("download_button")) == 2


def test_filtered_mask_matches_the_library(data: Dataset) -> None:
    # The page and geo.filters agree on a combination of several filters.
    at = map_page(f_purpose="safety,enforcement", f_status="active", f_personal_data="yes")
    filters = Filters(purpose=("safety", "enforcement"), status=("active",), personal_data=True)
    assert np.array_equal(np.sort(shown_ids(at)), np.sort(expected_ids(data, filters)))


# --- the principles filter, as the policy page's links set it ---

def test_principles_filter_from_a_link_shows_those_registrations_and_says_why(data: Dataset) -> None:
    from geo.principles import principle_counts

    at = map_page(f_flag="democratic")
    assert not at.exception
    (row,) = [r for r in principle_counts(data.registrations) if r.code == "democratic"]
    assert row.count > 0
    assert shown_ids(at) == list(row.ids) == expected_ids(data, Filters(flag=("democratic",)))
    assert at.multiselect(key="f_flag").value == ["democratic"]
    assert any("Democratisch besluit" in i.value for i in at.info)
    at.button(key="map_flag_clear").click().run()
    assert not at.exception
    assert len(shown_ids(at)) == len(data.registrations)
    assert url(at, "f_flag") == []
    assert not any("Democratisch besluit" in i.value for i in at.info)


def test_principles_filter_is_a_sidebar_filter_with_counts(data: Dataset) -> None:
    from geo.principles import principle_counts

    at = map_page("en")
    box = at.multiselect(key="f_flag")
    assert box.label == "Falls short of principle"
    assert box.options == [f"{name} ({row.count:,})" for name, row in zip(
        ["No biometrics", "Careful use of data", "Democratic decision-making", "Regular evaluation",
         "Explaining to residents", "In the algorithm register"], principle_counts(data.registrations), strict=True)]
    box.set_value(["biometrics", "communication"]).run()
    assert shown_ids(at) == expected_ids(data, Filters(flag=("biometrics", "communication")))
    assert url(at, "f_flag") == ["biometrics,communication"]


# --- a large register: clustered on the server, one view at a time (geo/viewgrid.py) ---

def test_a_large_register_sends_the_view_the_map_shows_and_the_next_one_it_reports(data, monkeypatch) -> None:
    from geo.viewgrid import Anchors, ViewBox

    monkeypatch.setenv("ZICHTBAAR_SERVER_CLUSTERS_FROM", "0")  # the demo goes the way a million would
    at = map_page(lat="52.4703", lon="5.5497", z="13", f_sensor_type="camera")
    args = map_args(at)
    # Panning and zooming report the view: the next run sends what that view needs.
    assert args["returned_objects"][-2:] == ["bounds", "zoom"]
    payload = json.loads(PAYLOAD.search(args["feature_group"]).group(1))
    view = payload["v"]
    assert view["z"] == 13 and payload["c"], "clusters at zoom 13"
    reg = data.registrations
    cameras = (reg["sensor_type"] == "camera").to_numpy()
    anchors = Anchors.of(np.asarray(reg.geometry.array))
    in_view = cameras & ViewBox(*view["b"], view["z"]).contains(anchors)
    assert sum(c[2] for c in payload["c"]) + len(payload["p"]) == view["n"] == int(in_view.sum())
    assert len(payload["p"]) < view["n"], "most of them travel as counts, not as icons"

    # The map reports a street-level view: every camera in it comes as its own icon, and only those.
    reported = {"bounds": {"_southWest": {"lat": 52.466, "lng": 5.540}, "_northEast": {"lat": 52.474, "lng": 5.560}},
                "zoom": 17}
    at.session_state[map_widget_key(at)] = reported
    at.session_state[MAP_KEY] = reported  # what st_folium's on_change copies there in a browser
    at.run()
    payload = json.loads(PAYLOAD.search(map_args(at)["feature_group"]).group(1))
    view = payload["v"]
    box = ViewBox(5.540, 52.466, 5.560, 52.474, 17).padded()
    assert view["z"] == 17 and view["b"] == [box.west, box.south, box.east, box.north] and not payload["c"]
    expected = reg.loc[cameras & box.contains(anchors), "id"].tolist()
    assert sorted(p[4] for p in payload["p"]) == sorted(expected) and expected


@pytest.mark.parametrize("reported", [
    {"bounds": {"_southWest": {"lat": "NaN", "lng": 4.8}, "_northEast": {"lat": 52.4, "lng": 5.0}}, "zoom": 12},
    {"bounds": {"_southWest": {"lat": -1e308, "lng": -1e308}, "_northEast": {"lat": 1e308, "lng": 1e308}},
     "zoom": 10 ** 9},
    {"bounds": "junk", "zoom": None},
])
def test_a_large_register_takes_whatever_view_a_browser_reports_without_harm(monkeypatch, reported) -> None:
    monkeypatch.setenv("ZICHTBAAR_SERVER_CLUSTERS_FROM", "0")
    at = map_page()
    at.session_state[map_widget_key(at)] = reported
    at.session_state[MAP_KEY] = reported
    at.run()
    assert not at.exception
    payload = json.loads(PAYLOAD.search(map_args(at)["feature_group"]).group(1))
    assert 0 <= payload["v"]["z"] <= 19
