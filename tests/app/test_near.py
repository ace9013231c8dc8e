"""AppTest of "Wat wordt hier gemeten?": a place from a link, a tap, the device or an address; nearest first."""

from __future__ import annotations

import json
import logging
import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.geocode import ENV_URL
from geo.nearby import Spot, nearby, spot_view
from tests.app.conftest import open_page
from tests.unit.test_geocode import PLACES, GeocoderStandIn, free_port

#: A spot in the demo city's centre with a scan car's area, cameras and many sensors around it.
CENTRE = {"lat": "52.47", "lon": "5.55"}
CARD_ID = re.compile(r'<article class="zb-card[^"]*" data-id="([^"]+)"')


def near_page(lang: str = "nl", **query: str) -> AppTest:
    return open_page("pages/hier.py", lang=lang, **query)


def card_ids(at: AppTest) -> list[str]:
    return [i for h in at.get("html") for i in CARD_ID.findall(h.value)]


def html_text(at: AppTest) -> str:
    return "\n".join(h.value for h in at.get("html"))


def text(at: AppTest) -> str:
    """Every visible text, with non-breaking spaces (between a number and its unit) as spaces."""
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.info]
    parts += [m.value for m in at.warning] + [m.value for m in at.title] + [m.value for m in at.text]
    return ("\n".join(parts + [m.value for m in at.subheader]) + "\n" + html_text(at)).replace("\xa0", " ")


def component_args(at: AppTest, name: str) -> dict:
    """The JSON arguments of the custom component `name` (the map, the location button)."""
    for el in at.main:
        proto = getattr(el, "proto", None)
        if proto is not None and getattr(proto, "component_name", "").endswith(name):
            return json.loads(proto.json_args)
    raise AssertionError(f"no component {name}")


def expected_ids(lat: float, lon: float, radius: int) -> list[str]:
    from geo.dataset import load_demo

    return nearby(load_demo().registrations, Spot(lat, lon), radius)["id"].tolist()


def search_for(at: AppTest, query: str) -> AppTest:
    at.text_input(key="near.query").input(query)
    return at.button[0].click().run()  # the form's submit button


# ---------------------------------------------------------------- opening the page


@pytest.mark.parametrize(("lang", "title", "prompt"), [
    ("nl", "Wat wordt hier gemeten?", "Kies eerst een plek"),
    ("en", "What is measured here?", "First choose a place"),
])
def test_without_a_place_the_page_asks_for_one(lang: str, title: str, prompt: str) -> None:
    at = near_page(lang)
    assert not at.exception
    assert at.title[0].value == title
    assert prompt in text(at)
    assert card_ids(at) == []


def test_a_shared_link_lists_the_registrations_nearest_first() -> None:
    at = near_page(**CENTRE, r="250")
    assert not at.exception
    assert card_ids(at) == expected_ids(52.47, 5.55, 250)[:20]
    assert "Binnen 250 m staan" in text(at)


@pytest.mark.parametrize("radius", [100, 500])
def test_the_radius_in_the_link_chooses_the_circle(radius: int) -> None:
    at = near_page(**CENTRE, r=str(radius))
    assert at.button_group(key="near.radius").value == radius
    assert f"Binnen {radius} m" in text(at)
    assert card_ids(at) == expected_ids(52.47, 5.55, radius)[:20]


def test_junk_in_the_link_is_ignored_and_the_address_bar_cleaned() -> None:
    at = near_page(lat="52.4700001", lon="5.55", r="nonsense")
    assert not at.exception
    assert at.button_group(key="near.radius").value == 250
    spot = (at.query_params["spot_lat"], at.query_params["spot_lon"], at.query_params["r"])
    assert spot == ("52.47000", "5.55000", "250")


def test_a_link_to_a_place_abroad_shows_no_list() -> None:
    at = near_page(lat="48.85", lon="2.35", r="100")
    assert not at.exception
    assert card_ids(at) == []
    assert "Kies eerst een plek" in text(at)


def test_the_cards_are_in_english_on_an_english_link() -> None:
    at = near_page("en", **CENTRE, r="100")
    body = text(at)
    assert "Within 100 m there" in body
    assert "Licence-plate camera of Gemeente Voorbeeldstad, at this spot." in body
    assert "This spot lies in the area where this sensor works." in body


def test_the_summary_links_to_the_neighbourhood_page() -> None:
    at = near_page("en", **CENTRE, r="250")
    link = at.get("page_link")[0].proto
    assert (link.page, link.query_string) == ("buurt", "code=BU99990001&lang=en")
    assert link.label == "More about the neighbourhood Centrum"


def test_the_page_says_the_location_stays_private() -> None:
    assert "we bewaren en loggen ze niet" in text(near_page())


@pytest.mark.parametrize("radius", [100, 250, 500])
def test_the_map_shows_the_circle_around_the_spot(radius: int) -> None:
    at = near_page(**CENTRE, r=str(radius))
    args = component_args(at, "st_folium")
    assert args["center"] == [52.47, 5.55]
    assert args["zoom"] == spot_view(Spot(52.47, 5.55), radius, 360, 380).zoom
    assert f'"radius": {radius}' in args["feature_group"]
    assert "L.zbRegistrations(" in args["feature_group"]


def test_the_map_reruns_only_on_a_tap_and_leaves_the_link_alone() -> None:
    args = component_args(near_page(**CENTRE, r="250"), "st_folium")
    assert args["returned_objects"] == ["last_clicked"]
    # The main map's URL sync would write the map's centre into lat/lon, which here mean the chosen spot.
    assert "zbUrlSync" not in args["script"]


def test_the_map_and_the_location_button_load_nothing_from_outside() -> None:
    args = component_args(near_page(**CENTRE, r="250"), "st_folium")
    links = [*args["css_links"], *(args["js_links"] if isinstance(args["js_links"], list)
                                    else re.findall(r"'([^']+)'", args["js_links"]))]
    assert links
    assert not [u for u in links if "//" in u]  # all relative: served by the app itself
    assert "<script src" not in args["header"]
    # Map tiles only from PDOK, the same service that answers an address search (as the page promises).
    tiles = re.findall(r"L\.tileLayer\(\s*\"([^\"]+)\"", args["script"])
    assert tiles
    assert all(u.startswith("https://service.pdok.nl/") for u in tiles)


def test_the_location_button_is_translated() -> None:
    args = component_args(near_page("en"), "zichtbaar_geolocation")
    assert args["label"] == "Use my location"
    assert "did not allow" in args["denied"]


# ---------------------------------------------------------------- changing the place or the radius


def test_changing_the_radius_changes_the_list_and_the_link() -> None:
    at = near_page(**CENTRE, r="250")
    at.button_group(key="near.radius").set_value(100).run()
    assert not at.exception
    assert at.query_params["r"] == "100"
    assert "Binnen 100 m sta" in text(at)
    assert card_ids(at) == expected_ids(52.47, 5.55, 100)[:20]


def test_a_tap_on_the_map_chooses_that_spot() -> None:
    at = near_page(**CENTRE, r="100")
    at.session_state["near.map"] = {"last_clicked": {"lat": 52.4786, "lng": 5.5321}}
    at.run()
    assert not at.exception
    assert (at.query_params["spot_lat"], at.query_params["spot_lon"]) == ("52.47860", "5.53210")
    assert card_ids(at) == expected_ids(52.4786, 5.5321, 100)[:20]
    assert card_ids(at) != expected_ids(52.47, 5.55, 100)[:20]


def test_a_tap_outside_the_netherlands_is_explained() -> None:
    at = near_page(**CENTRE, r="100")
    at.session_state["near.map"] = {"last_clicked": {"lat": 50.0, "lng": 2.0}}
    at.run()
    assert "Die plek ligt niet in Nederland" in text(at)
    assert at.query_params["spot_lat"] == "52.47000"


def test_the_devices_location_chooses_that_spot() -> None:
    at = near_page(r="100")
    at.session_state["near.locate"] = {"lat": 52.4786, "lon": 5.5321, "accuracy": 12.0, "at": 1}
    at.run()
    assert not at.exception
    assert (at.query_params["spot_lat"], at.query_params["spot_lon"]) == ("52.47860", "5.53210")
    assert card_ids(at) == expected_ids(52.4786, 5.5321, 100)[:20]


def test_show_more_adds_cards() -> None:
    at = near_page(**CENTRE, r="500")
    assert len(card_ids(at)) == 20
    at.button(key="near.more").click().run()
    assert card_ids(at) == expected_ids(52.47, 5.55, 500)[:40]


def test_the_place_is_kept_when_coming_back_from_another_page() -> None:
    at = near_page(**CENTRE, r="100")
    at.switch_page("pages/home.py")
    at.query_params.pop("spot_lat", None)
    at.query_params.pop("spot_lon", None)
    at.run()
    at.switch_page("pages/hier.py").run()
    assert at.query_params["spot_lat"] == "52.47000"
    assert card_ids(at) == expected_ids(52.47, 5.55, 100)[:20]


# ---------------------------------------------------------------- searching an address


def test_searching_an_address_chooses_it_in_one_step(geocoder: GeocoderStandIn) -> None:
    at = search_for(near_page(r="100"), "Molenstraat 131")
    assert not at.exception
    assert (at.query_params["spot_lat"], at.query_params["spot_lon"]) == ("52.46979", "5.56451")
    assert "Molenstraat 131, 8225BB Voorbeeldstad" in text(at)
    assert card_ids(at) == expected_ids(52.46979, 5.56451, 100)[:20]


def test_other_matches_are_offered_as_buttons(geocoder: GeocoderStandIn) -> None:
    at = search_for(near_page(r="100"), "Markt")
    offered = [b.label for b in at.button if b.key and b.key.startswith("near.pick.")]
    assert offered == ["Markt 3, 8224AA Voorbeeldstad"]
    at.button(key="near.pick.adr-markt-3").click().run()
    _, _, _, lon, lat = next(p for p in PLACES if p[0] == "adr-markt-3")
    assert (float(at.query_params["spot_lat"]), float(at.query_params["spot_lon"])) == (lat, lon)


def test_an_address_that_is_not_found_is_said_plainly(geocoder: GeocoderStandIn) -> None:
    at = search_for(near_page(), "Nergensstraat 99")
    assert "Geen plek gevonden" in text(at)
    assert "spot_lat" not in at.query_params and "lat" not in at.query_params


def test_offline_address_search_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_URL, f"http://127.0.0.1:{free_port()}/locatieserver")
    at = search_for(near_page("en"), "Markt 1")
    assert not at.exception
    assert "Searching by address does not work right now" in text(at)


def test_no_place_or_query_is_logged_at_any_level(geocoder: GeocoderStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every record of every logger at every level, including Streamlit's own (which do not propagate).
    records: list[logging.LogRecord] = []
    handle = logging.Logger.handle
    monkeypatch.setattr(logging.Logger, "isEnabledFor", lambda self, level: True)
    monkeypatch.setattr(logging.Logger, "handle", lambda self, record: (records.append(record), handle(self, record)))
    at = search_for(near_page(lat="52.4712", lon="5.5534", r="100"), "Molenstraat 131")
    at.session_state["near.map"] = {"last_clicked": {"lat": 52.4786, "lng": 5.5321}}
    at.session_state["near.locate"] = {"lat": 52.4699, "lon": 5.5402, "accuracy": 12.0, "at": 7}
    at.run()
    assert not at.exception
    assert records  # the net catches something: Streamlit logs at debug level
    logged = "\n".join(str(r.getMessage()) + str(r.args) for r in records)
    for secret in ("Molenstraat", "52.4712", "5.5534", "52.4786", "5.5321", "52.46979", "52.4699", "5.5402"):
        assert secret not in logged
