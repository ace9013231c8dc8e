"""Tests for geo.geocode against a local stand-in of PDOK's Locatieserver that the test starts: never the internet."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

import geo.geocode
from geo.errors import UserFacingError
from geo.geocode import (
    DEFAULT_URL,
    ENV_URL,
    MAX_QUERY,
    GeocoderUnavailable,
    Place,
    Suggestion,
    base_url,
    clean_query,
    lookup,
    parse_lookup,
    parse_point,
    parse_suggest,
    search,
    suggest,
)

#: The stand-in's places in the fictional demo city: (id, weergavenaam, type, lon, lat).
PLACES: list[tuple[str, str, str, float, float]] = [
    ("adr-markt-1", "Markt 1, 8224AA Voorbeeldstad", "adres", 5.55, 52.47),
    ("adr-markt-3", "Markt 3, 8224AA Voorbeeldstad", "adres", 5.5503, 52.4702),
    ("pcd-8224AA", "8224AA Voorbeeldstad", "postcode", 5.5502, 52.4701),
    ("adr-molen-131", "Molenstraat 131, 8225BB Voorbeeldstad", "adres", 5.564513, 52.469786),
]
ALLOWED = {"suggest": {"q", "rows", "fq"}, "lookup": {"id", "fl"}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class GeocoderStandIn:
    """A local imitation of the Locatieserver's /suggest and /lookup, answering in its JSON format.

    Attributes
    ----------
    url : the base URL to put in $ZICHTBAAR_GEOCODER_URL.
    requests : every request's path and parameters, in order (to check what was sent).
    mode : "ok", "error" (HTTP 500), "html" (not JSON) or "slow" (answers after `delay` seconds).
    """

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, list[str]]]] = []
        self.mode = "ok"
        self.delay = 2.0
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/bzk/locatieserver/search/v3_1"
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                stand_in.answer(self)

            def log_message(self, *args: object) -> None:  # a stand-in for a geocoder must not log queries either
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        endpoint = parts.path.rsplit("/", 1)[-1]
        params = parse_qs(parts.query)
        self.requests.append((endpoint, params))
        if self.mode == "slow":
            time.sleep(self.delay)
        if self.mode == "error":
            self.send(handler, 500, b"<html>Internal Server Error</html>", "text/html")
            return
        if self.mode == "html":
            self.send(handler, 200, b"<html>maintenance</html>", "text/html")
            return
        if endpoint not in ALLOWED or set(params) - ALLOWED[endpoint]:
            # The real v3.1 refuses parameters outside its OpenAPI specification.
            self.send(handler, 400, json.dumps({"error": "bad request"}).encode(), "application/json")
            return
        if endpoint == "suggest":
            words = params.get("q", [""])[0].casefold().replace(" ", "")
            docs = [{"type": kind, "weergavenaam": name, "id": pid, "score": 10.0 - i}
                    for i, (pid, name, kind, _, _) in enumerate(PLACES)
                    if words and words in name.casefold().replace(" ", "").replace(",", "")]
            rows = int(params.get("rows", ["10"])[0])
            body = {"response": {"numFound": len(docs), "start": 0, "maxScore": 10.0, "numFoundExact": True,
                                 "docs": docs[:rows]}, "highlighting": {}}
        else:
            wanted = params.get("id", [""])[0]
            docs = [{"id": pid, "weergavenaam": name, "type": kind, "centroide_ll": f"POINT({lon} {lat})"}
                    for pid, name, kind, lon, lat in PLACES if pid == wanted]
            body = {"response": {"numFound": len(docs), "start": 0, "maxScore": 1.0, "numFoundExact": True,
                                 "docs": docs}}
        self.send(handler, 200, json.dumps(body).encode(), "application/json")

    @staticmethod
    def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", kind)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test): nothing to answer

    @contextmanager
    def running(self) -> Iterator[GeocoderStandIn]:
        thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()
            thread.join(5)


@pytest.fixture
def geocoder(monkeypatch: pytest.MonkeyPatch) -> Iterator[GeocoderStandIn]:
    with GeocoderStandIn().running() as stand_in:
        monkeypatch.setenv(ENV_URL, stand_in.url)
        yield stand_in


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    # A port nobody listens on: the connection is refused at once, as when the machine is offline.
    monkeypatch.setenv(ENV_URL, f"http://127.0.0.1:{free_port()}/locatieserver")


# ---------------------------------------------------------------- against the stand-in


def test_suggest_returns_the_geocoders_matches_best_first(geocoder: GeocoderStandIn) -> None:
    found = suggest("Markt")
    assert [s.label for s in found] == ["Markt 1, 8224AA Voorbeeldstad", "Markt 3, 8224AA Voorbeeldstad"]
    assert found[0] == Suggestion("adr-markt-1", "Markt 1, 8224AA Voorbeeldstad", "adres")


def test_suggest_sends_only_parameters_the_locatieserver_accepts(geocoder: GeocoderStandIn) -> None:
    suggest("8224 AA")
    endpoint, params = geocoder.requests[-1]
    assert endpoint == "suggest"
    assert set(params) == {"q", "rows", "fq"}
    assert params["q"] == ["8224 AA"]


def test_lookup_gives_the_centre_of_a_suggestion(geocoder: GeocoderStandIn) -> None:
    assert lookup("pcd-8224AA") == Place("8224AA Voorbeeldstad", 52.4701, 5.5502, "postcode")


def test_an_unknown_id_looks_up_nothing(geocoder: GeocoderStandIn) -> None:
    assert lookup("adr-does-not-exist") is None


def test_search_looks_up_the_best_match_in_one_step(geocoder: GeocoderStandIn) -> None:
    place, found = search("molenstraat 131")
    assert place == Place("Molenstraat 131, 8225BB Voorbeeldstad", 52.469786, 5.564513, "adres")
    assert [s.id for s in found] == ["adr-molen-131"]
    assert [e for e, _ in geocoder.requests] == ["suggest", "lookup"]


def test_search_without_a_match_finds_nothing_and_looks_up_nothing(geocoder: GeocoderStandIn) -> None:
    assert search("Nergensstraat 99") == (None, [])
    assert [e for e, _ in geocoder.requests] == ["suggest"]


def test_an_empty_query_asks_the_geocoder_nothing(geocoder: GeocoderStandIn) -> None:
    assert search("   ") == (None, [])
    assert geocoder.requests == []


def test_a_long_query_is_cut_before_it_is_sent(geocoder: GeocoderStandIn) -> None:
    suggest("Markt " * 100)
    assert len(geocoder.requests[-1][1]["q"][0]) == MAX_QUERY


# ---------------------------------------------------------------- when it fails


def test_offline_gives_one_clear_sentence_in_both_languages(offline: None) -> None:
    with pytest.raises(GeocoderUnavailable) as caught:
        suggest("Markt 1")
    assert isinstance(caught.value, UserFacingError)
    assert "PDOK" in caught.value.message("nl")
    assert "Tik op de kaart" in caught.value.message("nl")
    assert "Tap the map" in caught.value.message("en")


def test_the_error_does_not_carry_what_the_resident_typed(offline: None) -> None:
    with pytest.raises(GeocoderUnavailable) as caught:
        search("Geheimstraat 12")
    assert "Geheimstraat" not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__  # the URL with the query is not chained into a traceback


@pytest.mark.parametrize("mode", ["error", "html"])
def test_an_error_or_unreadable_answer_counts_as_unavailable(geocoder: GeocoderStandIn, mode: str) -> None:
    geocoder.mode = mode
    with pytest.raises(GeocoderUnavailable):
        search("Markt")


def test_a_slow_geocoder_is_given_up_on(geocoder: GeocoderStandIn) -> None:
    geocoder.mode, geocoder.delay = "slow", 2.0
    started = time.monotonic()
    with pytest.raises(GeocoderUnavailable):
        suggest("Markt", timeout=0.3)
    assert time.monotonic() - started < 1.9


def test_nothing_is_logged_about_a_query(geocoder: GeocoderStandIn, caplog: pytest.LogCaptureFixture,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    search("Markt 1")
    monkeypatch.setenv(ENV_URL, f"http://127.0.0.1:{free_port()}/x")
    with pytest.raises(GeocoderUnavailable):
        search("Markt 1")
    assert not [r for r in caplog.records if "Markt" in r.getMessage()]


def test_the_module_has_no_logger() -> None:
    assert not hasattr(geo.geocode, "logging")
    assert not hasattr(geo.geocode, "logger")


# ---------------------------------------------------------------- configuration


def test_the_default_geocoder_is_pdok(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_URL, raising=False)
    assert base_url() == DEFAULT_URL == "https://api.pdok.nl/bzk/locatieserver/search/v3_1"


def test_the_environment_chooses_another_geocoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_URL, "http://127.0.0.1:9/ls/")
    assert base_url() == "http://127.0.0.1:9/ls"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/ls", "javascript:alert(1)"])
def test_a_geocoder_url_that_is_not_http_is_refused(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv(ENV_URL, url)
    with pytest.raises(ValueError, match=ENV_URL):
        base_url()


# ---------------------------------------------------------------- pure parsing


def test_suggestions_without_an_id_or_name_are_skipped() -> None:
    payload = json.dumps({"response": {"docs": [
        {"id": "a", "weergavenaam": "A", "type": "weg"}, {"id": "", "weergavenaam": "B"},
        {"weergavenaam": "C"}, {"id": "d", "weergavenaam": "  "}, "junk", {"id": "e", "weergavenaam": " E "},
    ]}}).encode()
    assert parse_suggest(payload) == [Suggestion("a", "A", "weg"), Suggestion("e", "E", "")]


@pytest.mark.parametrize("payload", [b"", b"not json", b"[]", b'{"response": {}}', b'{"response": {"docs": 3}}',
                                     b"\xff\xfe"])
def test_an_answer_that_is_not_the_locatieservers_is_refused(payload: bytes) -> None:
    with pytest.raises(GeocoderUnavailable):
        parse_suggest(payload)
    with pytest.raises(GeocoderUnavailable):
        parse_lookup(payload)


def test_lookup_skips_documents_without_a_usable_centre() -> None:
    payload = json.dumps({"response": {"docs": [
        {"id": "a", "weergavenaam": "A", "centroide_ll": "POLYGON((1 2, 3 4))"},
        {"id": "b", "weergavenaam": "B", "type": "weg", "centroide_ll": "POINT(5.1 52.1)"},
    ]}}).encode()
    assert parse_lookup(payload) == Place("B", 52.1, 5.1, "weg")


@pytest.mark.parametrize(("wkt", "expected"), [
    ("POINT(5.55 52.47)", (5.55, 52.47)),
    ("point ( 5.55   52.47 )", (5.55, 52.47)),
    ("POINT(-1e-3 5e1)", (-0.001, 50.0)),
    ("POINT(200 52)", None),
    ("POINT(5.55)", None),
    ("POINT(5.55 52.47) junk", None),
    ("", None),
    (42, None),
])
def test_wkt_points_are_parsed_strictly(wkt: object, expected: tuple[float, float] | None) -> None:
    assert parse_point(wkt) == expected


@pytest.mark.parametrize(("text", "expected"), [("  1234   AB  ", "1234 AB"), ("\tMarkt\n1", "Markt 1"), ("", "")])
def test_queries_are_cleaned_before_sending(text: str, expected: str) -> None:
    assert clean_query(text) == expected
