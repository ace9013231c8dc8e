"""PDOK buurten: parsing WFS answers the tests write themselves, and fetching without any network."""

from __future__ import annotations

import io
import json
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from shapely.geometry import box

from geo import pdok
from geo.neighbourhoods import NeighbourhoodReadError
from geo.pdok import (
    BoundariesUnavailable,
    buurten_url,
    fetch_buurten,
    municipality_code,
    parse_buurten_response,
)


def rd_square(x: float, y: float, size: float = 500) -> list[list[list[float]]]:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def wfs_feature(code: str, name: str | None, x: float, **figures: object) -> dict:
    return {
        "type": "Feature",
        "id": f"buurten.{code}",
        "geometry": {"type": "Polygon", "coordinates": rd_square(x, 470000)},
        "properties": {
            "buurtcode": code,
            "buurtnaam": name,
            "gemeentecode": "GM0233",
            "water": "NEE",
            **figures,
        },
    }


def wfs_answer(features: list[dict], **extra: object) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
            "features": features,
            **extra,
        }
    ).encode("utf-8")


ERMELO_ANSWER = wfs_answer(
    [
        wfs_feature("BU02330000", "Ermelo", 170000, aantal_inwoners=10790, mannen=5215, vrouwen=5575),
        wfs_feature(
            "BU02330105", "Verspreide huizen Staverden", 171000, aantal_inwoners=None, mannen=15, vrouwen=10
        ),
        wfs_feature(
            "BU02339997", None, 172000, aantal_inwoners=-99999999, mannen=-99999999, vrouwen=-99999999
        ),
    ]
)


class FakeResponse(io.BytesIO):
    def __enter__(self) -> FakeResponse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def serve(monkeypatch, *answers: bytes) -> list[str]:
    urls: list[str] = []
    pages = list(answers)

    def fake_urlopen(request, timeout=None):
        urls.append(request.full_url)
        return FakeResponse(pages.pop(0))

    monkeypatch.setattr(pdok, "urlopen", fake_urlopen)
    return urls


def fail_with(monkeypatch, error: BaseException) -> None:
    def fake_urlopen(request, timeout=None):
        raise error

    monkeypatch.setattr(pdok, "urlopen", fake_urlopen)


# --- Parsing ----------------------------------------------------------------------------------------


def test_parse_gives_code_name_population_geometry_in_wgs84():
    buurten = parse_buurten_response(ERMELO_ANSWER)
    assert list(buurten.columns) == ["code", "name", "population", "geometry"]
    assert buurten.crs.to_epsg() == 4326
    assert buurten["code"].tolist() == ["BU02330000", "BU02330105", "BU02339997"]


def test_parse_converts_rd_new_to_degrees_in_ermelo():
    buurten = parse_buurten_response(ERMELO_ANSWER)
    assert all(g.within(box(5.5, 52.2, 5.8, 52.4)) for g in buurten.geometry)


def test_parse_reads_aantal_inwoners():
    assert parse_buurten_response(ERMELO_ANSWER)["population"][0] == 10790


def test_parse_falls_back_to_mannen_plus_vrouwen():
    assert parse_buurten_response(ERMELO_ANSWER)["population"][1] == 25


def test_parse_treats_missing_value_code_as_unknown():
    buurten = parse_buurten_response(ERMELO_ANSWER)
    assert buurten["population"][2] is pd.NA
    assert buurten["name"][2] == "BU02339997"


def test_parse_without_crs_member_still_recognises_rd_new():
    answer = json.loads(ERMELO_ANSWER)
    del answer["crs"]
    buurten = parse_buurten_response(json.dumps(answer).encode())
    assert all(g.within(box(5.5, 52.2, 5.8, 52.4)) for g in buurten.geometry)


def test_parse_xml_exception_report_raises_read_error():
    report = b'<?xml version="1.0"?><ows:ExceptionReport><ows:Exception/></ows:ExceptionReport>'
    with pytest.raises(NeighbourhoodReadError) as info:
        parse_buurten_response(report)
    assert "PDOK" in info.value.message("nl")
    assert "PDOK" in info.value.message("en")


def test_parse_broken_json_raises_read_error():
    with pytest.raises(NeighbourhoodReadError):
        parse_buurten_response(b'{"type": "FeatureCollection", "features": [')


# --- Fetching, with urlopen replaced ---------------------------------------------------------------


def test_fetch_offline_raises_boundaries_unavailable_in_both_languages(monkeypatch):
    fail_with(monkeypatch, URLError("[Errno -3] Temporary failure in name resolution"))
    with pytest.raises(BoundariesUnavailable) as info:
        fetch_buurten("GM0233")
    error = info.value
    assert "PDOK" in error.message("nl")
    assert "niet bereikbaar" in error.message("nl")
    assert "PDOK" in error.message("en")
    assert "cannot be reached" in error.message("en")
    assert "buurtenbestand" in error.message("nl")
    assert "neighbourhood file" in error.message("en")


def test_fetch_timeout_raises_boundaries_unavailable(monkeypatch):
    fail_with(monkeypatch, TimeoutError("timed out"))
    with pytest.raises(BoundariesUnavailable):
        fetch_buurten("0233", timeout=0.1)


def test_fetch_http_error_names_the_status(monkeypatch):
    fail_with(monkeypatch, HTTPError("https://service.pdok.nl", 503, "Service Unavailable", {}, None))
    with pytest.raises(BoundariesUnavailable, match="HTTP 503"):
        fetch_buurten("GM0233", 2023)


def test_boundaries_unavailable_is_a_neighbourhood_read_error():
    assert issubclass(BoundariesUnavailable, NeighbourhoodReadError)


def test_fetch_parses_the_answer(monkeypatch):
    serve(monkeypatch, ERMELO_ANSWER)
    assert fetch_buurten("GM0233")["code"].tolist() == ["BU02330000", "BU02330105", "BU02339997"]


def test_fetch_asks_for_one_municipality_in_rd_new_as_json(monkeypatch):
    urls = serve(monkeypatch, ERMELO_ANSWER)
    fetch_buurten("233", year=2023)
    url = urlparse(urls[0])
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert url.netloc == "service.pdok.nl"
    assert url.path == "/cbs/wijkenbuurten/2023/wfs/v1_0"
    assert query["typeNames"] == "wijkenbuurten:buurten"
    assert query["request"] == "GetFeature"
    assert query["outputFormat"] == "application/json"
    assert query["srsName"] == "EPSG:28992"
    assert "<ValueReference>gemeentecode</ValueReference>" in query["filter"]
    assert "<Literal>GM0233</Literal>" in query["filter"]


def test_fetch_uses_the_default_year_when_none_is_given(monkeypatch):
    urls = serve(monkeypatch, ERMELO_ANSWER)
    fetch_buurten("GM0233")
    assert f"/wijkenbuurten/{pdok.DEFAULT_YEAR}/" in urls[0]


def test_fetch_follows_pages_until_a_short_one(monkeypatch):
    monkeypatch.setattr(pdok, "PAGE_SIZE", 2)
    features = json.loads(ERMELO_ANSWER)["features"]
    urls = serve(monkeypatch, wfs_answer(features[:2]), wfs_answer(features[2:]))
    assert len(fetch_buurten("GM0233")) == 3
    assert [parse_qs(urlparse(u).query)["startIndex"][0] for u in urls] == ["0", "2"]


def test_fetch_follows_number_matched_when_pdok_caps_a_page(monkeypatch):
    features = json.loads(ERMELO_ANSWER)["features"]
    urls = serve(monkeypatch, wfs_answer(features[:2], numberMatched=3), wfs_answer(features[2:], numberMatched=3))
    assert len(fetch_buurten("GM0233")) == 3
    assert [parse_qs(urlparse(u).query)["startIndex"][0] for u in urls] == ["0", "2"]


def test_fetch_of_unknown_municipality_says_so(monkeypatch):
    serve(monkeypatch, wfs_answer([]))
    with pytest.raises(NeighbourhoodReadError, match="GM9999") as info:
        fetch_buurten("GM9999")
    assert not isinstance(info.value, BoundariesUnavailable)


# --- Municipality codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [("GM0233", "GM0233"), ("gm0233", "GM0233"), ("0233", "GM0233"), ("233", "GM0233"), (363, "GM0363")],
)
def test_municipality_code_normalises(value, code):
    assert municipality_code(value) == code


@pytest.mark.parametrize("value", ["", "Ermelo", "GM12345", "BU02330000", "GM02 33"])
def test_municipality_code_rejects_other_text(value):
    with pytest.raises(NeighbourhoodReadError):
        municipality_code(value)


def test_invalid_code_fails_before_any_request(monkeypatch):
    urls = serve(monkeypatch)
    with pytest.raises(NeighbourhoodReadError):
        fetch_buurten("Ermelo")
    assert urls == []


def test_buurten_url_pages_with_start_index():
    assert parse_qs(urlparse(buurten_url("GM0233", 2023, start_index=1000)).query)["startIndex"] == ["1000"]
