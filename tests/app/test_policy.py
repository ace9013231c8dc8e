"""AppTest of the policy page: principles, hotspots, camera coverage and trends, in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.principles import PRINCIPLES
from geo.text import TEXT
from geo.text import text as words
from tests.app.conftest import open_page
from tests.conftest import PROJECT_DIR

SECTIONS = ("principles", "hotspots", "coverage", "trends")


def policy_page(lang: str = "nl", section: str | None = None) -> AppTest:
    at = open_page("pages/beleid.py", lang=lang)
    if section:
        at.button_group(key="policy.section").set_value(section)
        at.run()
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.info]
    return "\n".join(parts + [m.value for m in at.subheader] + [m.value for m in at.title])


def map_args(at: AppTest) -> dict:
    """The arguments of the page's one st_folium map."""
    import json

    maps = [e for e in at.get("component_instance") if e.proto.component_name == "streamlit_folium.st_folium"]
    assert len(maps) == 1
    return json.loads(maps[0].proto.json_args)


def demo():
    from geo.dataset import load_demo

    return load_demo()


@pytest.mark.parametrize(("lang", "title", "demo_word"), [("nl", "Beleid", "verzonnen"), ("en", "Policy", "made-up")])
def test_the_page_runs_in_both_languages_and_says_the_data_is_made_up(lang: str, title: str, demo_word: str) -> None:
    at = policy_page(lang)
    assert not at.exception
    assert at.title[0].value.startswith(title)
    assert demo_word in text(at)


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_section_runs(section: str, lang: str) -> None:
    at = policy_page(lang, section)
    assert not at.exception
    assert at.subheader


def test_principles_show_one_row_per_principle_with_its_count() -> None:
    from geo.principles import principle_counts

    at = policy_page("en")
    expected = {c.code: c.count for c in principle_counts(demo().registrations)}
    page = text(at)
    for code, _count in expected.items():
        assert words(f"principle.{code}", "en") in page
    shown = [m.value for m in at.metric]
    assert shown == [str(expected[p.code]) for p in PRINCIPLES]


def test_the_registrations_falling_short_are_listed_with_their_reasons() -> None:
    at = policy_page("nl")
    tables = [d.value for d in at.dataframe]
    assert tables, "a principle with shortfalls lists its registrations"
    listed = {rid for table in tables for rid in table["Kenmerk"]}
    from geo.principles import principle_frame

    reg = demo().registrations
    assert listed == set(reg.loc[principle_frame(reg).any(axis=1), "id"])
    reasons = {r for table in tables for cell in table["Wat ontbreekt"] for r in cell.split(", ")}
    assert "Geen raadsbesluit" in reasons


def test_the_page_documents_what_long_unchecked_means() -> None:
    assert "meer dan 2 jaar geleden" in text(policy_page("nl"))


def test_hotspots_explain_the_test_in_one_sentence() -> None:
    at = policy_page("nl", "hotspots")
    explanation = at.info[-1].value
    assert explanation == words("policy.hotspots.explain", "nl")
    assert explanation.count(". ") == 0
    assert explanation.endswith(".")
    assert "Getis-Ord Gi*" in text(at)


def test_the_cell_size_and_shape_change_the_grid() -> None:
    at = policy_page("en", "hotspots")
    cells_250 = int(metrics(at)["Cells"].replace(",", ""))
    at.select_slider(key="policy.hotspots.size").set_value(500).run()
    cells_500 = int(metrics(at)["Cells"].replace(",", ""))
    at.button_group(key="policy.hotspots.shape").set_value("square").run()
    cells_square = int(metrics(at)["Cells"].replace(",", ""))
    assert not at.exception
    assert cells_500 < cells_250
    assert cells_square != cells_500


def test_hotspots_are_drawn_on_a_map_with_leaflet_from_the_app() -> None:
    args = map_args(policy_page("nl", "hotspots"))
    links = args["js_links"] + args["css_links"]
    assert links
    assert all(link.startswith("../") for link in links)  # served by the app, never a CDN
    assert "geo_json" in args["feature_group"]
    assert "registraties in dit vak" in args["feature_group"]
    assert args["returned_objects"] == []  # panning reruns nothing


def test_hotspot_counts_match_the_library() -> None:
    from geo.hotspots import hotspots

    data = demo()
    result = hotspots(data.registrations, data.neighbourhoods, cell_size_m=250, shape="hexagon")
    shown = metrics(policy_page("en", "hotspots"))
    assert shown["Many sensors (red)"] == str(result.hot)
    assert shown["Few sensors (blue)"] == str(result.cold)


def test_coverage_shows_the_city_wide_share_and_a_row_per_neighbourhood() -> None:
    from geo.coverage import coverage

    data = demo()
    cov = coverage(data.registrations, data.neighbourhoods)
    at = policy_page("en", "coverage")
    assert metrics(at)["Share of the city watched"] == f"{100 * cov.share:.1f}%"
    assert metrics(at)["Cameras"] == str(cov.cameras)
    table = at.dataframe[0].value
    assert len(table) == len(data.neighbourhoods)
    assert table["Watched"].is_monotonic_decreasing


def test_coverage_draws_the_watched_area_and_the_cameras() -> None:
    args = map_args(policy_page("en", "coverage"))
    assert "watched" in args["feature_group"]  # the tooltip of the watched area
    assert "zbRegistrations" in args["feature_group"]  # the cameras themselves, with their cones
    assert all(link.startswith("../") for link in args["js_links"])


@pytest.mark.parametrize(("grouped_from", "grouped"), [(None, False), (10, True)])
def test_coverage_groups_the_cameras_only_when_there_are_thousands(monkeypatch, grouped_from, grouped) -> None:
    # Each camera on its own, cones at every zoom; more than GROUPED_FROM (the demo has fewer) grouped until street
    # level: a browser took half a minute to draw 15,000 with their cones.
    import ui.policy
    from geo.coverage import GROUPED_FROM

    data = demo()
    cameras = int(data.registrations["sensor_type"].isin(["camera", "anpr"]).sum())
    assert 10 < cameras <= GROUPED_FROM
    if grouped_from is not None:
        monkeypatch.setattr(ui.policy, "GROUPED_FROM", grouped_from)
    layer = map_args(policy_page("en", "coverage"))["feature_group"]
    assert ('"clusterMaxZoom":15' in layer) is grouped and ('"clusterMaxZoom":0' in layer) is not grouped
    assert '"coneZoom":0' in layer


def test_the_principles_tables_link_each_registration_to_the_map() -> None:
    at = policy_page("nl")
    links = [url for d in at.dataframe for url in d.value["Kaart"]]
    assert links
    assert all(url.startswith("kaart?sel=") and url.endswith("&lang=nl") for url in links)


def test_each_principle_count_links_to_the_map_filtered_to_those_registrations() -> None:
    from geo.principles import principle_counts

    at = policy_page("en")
    links = list(at.get("page_link"))
    rows = [r for r in principle_counts(demo().registrations) if r.count]
    assert rows
    shown = [link for link in links if "on the map" in link.proto.label and "f_flag" in link.proto.query_string]
    assert [link.proto.label for link in shown] == [f"Show these {r.count:,} on the map" for r in rows]
    assert [link.proto.query_string for link in shown] == [f"f_flag={r.code}&lang=en" for r in rows]


def test_filters_from_the_map_narrow_the_page() -> None:
    # In the URL from the first run on (the filters live in the session) and again on the policy page.
    at = open_page("pages/beleid.py", lang="en", start={"f_sensor_type": "camera"}, f_sensor_type="camera")
    cameras = int((demo().registrations["sensor_type"] == "camera").sum())
    assert not at.exception
    assert f"{cameras} of the" in text(at)


def test_coverage_says_how_cameras_without_a_direction_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.dataset

    original = geo.dataset.load_files

    def without_directions(*args, **kwargs):
        data = original(*args, **kwargs)
        data.registrations["direction"] = float("nan")
        return data

    monkeypatch.setenv("ZICHTBAAR_REGISTER", str(PROJECT_DIR / "data" / "demo_register.csv"))
    monkeypatch.setenv("ZICHTBAAR_NEIGHBOURHOODS", str(PROJECT_DIR / "data" / "demo_buurten.geojson"))
    monkeypatch.setattr("ui.loaders.load_files", without_directions)
    from ui.loaders import _from_files

    _from_files.clear()
    try:
        page = text(policy_page("nl", "coverage"))
    finally:
        _from_files.clear()
    assert "kijkrichting niet bekend" in page
    assert "hele cirkel" in page


def test_trends_chart_the_registrations_per_quarter() -> None:
    at = policy_page("en", "trends")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    table = at.dataframe[0].value
    assert table["Added"].sum() == demo().registrations["active_from"].notna().sum()
    assert (table["Net"] == table["Added"] - table["Removed"]).all()
    assert "Planned" in set(table["When"])


@pytest.mark.parametrize("key", [f"principle.{p.code}" for p in PRINCIPLES]
                         + [f"principle.{p.code}.rule" for p in PRINCIPLES]
                         + [f"reason.{r}" for p in PRINCIPLES for r in p.reasons])
def test_every_principle_and_reason_has_dutch_and_english_text(key: str) -> None:
    nl, en = TEXT[key]
    assert nl.strip()
    assert en.strip()
