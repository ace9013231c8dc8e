"""geo.viewstate: the URL form of every page's state; round trips and junk that must never crash it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.filters import OUTSIDE, Filters
from geo.viewstate import (
    BASE_MAPS,
    MAX_TEXT,
    MapView,
    OverviewState,
    ViewState,
    format_overview,
    format_params,
    parse,
    parse_overview,
)

FULL = ViewState(
    filters=Filters(
        purpose=("safety", "traffic"), data_types=("licence_plates",), legal_basis=("public_task",),
        sensor_type=("camera", "anpr"), owner=("Gemeente Voorbeeldstad", "Politie, eenheid Midden"),
        personal_data=False, status=("active",), active_on=date(2025, 3, 1),
        neighbourhood=("BU99990001", OUTSIDE), text="station & markt", flag=("biometrics", "democratic"),
    ),
    selected="CAM-1 / a&b",
    view=MapView(52.123456, 4.9, 15),
    base="none",
)


def to_query(params: dict[str, str | list[str]]) -> dict[str, list[str]]:
    """What st.query_params.get_all hands over: every value as a list."""
    return {k: v if isinstance(v, list) else [v] for k, v in params.items()}


def test_full_state_round_trips() -> None:
    assert parse(to_query(format_params(FULL))) == FULL


def test_round_trip_through_a_real_url_encoding() -> None:
    from urllib.parse import parse_qs, urlencode

    url = urlencode(format_params(FULL), doseq=True)
    assert parse(parse_qs(url, keep_blank_values=True)) == FULL


def test_default_state_writes_no_parameters() -> None:
    assert format_params(ViewState()) == {}
    assert parse({}) == ViewState()


def test_filters_use_f_prefixed_parameters() -> None:
    params = format_params(FULL)
    assert {k for k in params if not k.startswith("f_")} == {"sel", "lat", "lon", "z", "base"}


def test_codes_accept_repeated_and_comma_separated_values() -> None:
    assert parse({"f_purpose": ["safety", "traffic,waste"]}).filters.purpose == ("safety", "traffic", "waste")


def test_owner_names_keep_their_commas() -> None:
    assert parse({"f_owner": ["A, B", "C"]}).filters.owner == ("A, B", "C")


@pytest.mark.parametrize(("params", "expected"), [
    ({"f_purpose": "spying,safety"}, ViewState(Filters(purpose=("safety",)))),
    ({"f_sensor_type": "<script>alert(1)</script>"}, ViewState()),
    ({"f_personal_data": "maybe"}, ViewState()),
    ({"f_personal_data": "JA"}, ViewState(Filters(personal_data=True))),
    ({"f_active_on": "2025-02-30"}, ViewState()),
    ({"f_active_on": "yesterday"}, ViewState()),
    ({"z": "99", "lat": "52", "lon": "5"}, ViewState()),
    ({"lat": "nan", "lon": "5", "z": "10"}, ViewState()),
    ({"lat": "1e309", "lon": "5", "z": "10"}, ViewState()),
    ({"lat": "52", "lon": "5"}, ViewState()),
    ({"lat": "91", "lon": "5", "z": "10"}, ViewState()),
    ({"base": "satellite"}, ViewState()),
    ({"sel": "  "}, ViewState()),
    ({"f_text": "a\x00b\nc"}, ViewState(Filters(text="abc"))),
    ({"f_purpose": ["safety", "safety"]}, ViewState(Filters(purpose=("safety",)))),
    ({"f_flag": "biometrics,privacy,<b>"}, ViewState(Filters(flag=("biometrics",)))),
    ({"f_flag": ["evaluation", "communication"]}, ViewState(Filters(flag=("evaluation", "communication")))),
])
def test_invalid_values_are_ignored(params, expected) -> None:
    assert parse(params) == expected


def test_zoom_is_rounded_to_a_whole_level() -> None:
    assert parse({"lat": "52.1", "lon": "5.2", "z": "12.6"}).view == MapView(52.1, 5.2, 13)


def test_long_text_is_cut() -> None:
    assert len(parse({"f_text": "x" * 5000}).filters.text) == MAX_TEXT


def test_other_parameters_are_left_alone() -> None:
    assert parse({"lang": "en", "foo": "bar"}) == ViewState()


@pytest.mark.parametrize("base", BASE_MAPS)
def test_every_base_map_round_trips(base: str) -> None:
    assert parse(to_query(format_params(ViewState(base=base)))).base == base


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["f_purpose", "f_owner", "f_personal_data", "f_active_on", "f_text",
                                        "f_neighbourhood", "sel", "lat", "lon", "z", "base", "f_status", "f_flag",
                                        "x"]),
                       st.one_of(st.text(max_size=30), st.lists(st.text(max_size=10), max_size=4))))
def test_any_query_parses_without_error_and_round_trips(params) -> None:
    state = parse(params)
    assert parse(to_query(format_params(state))) == state


def test_the_principles_filter_is_written_as_f_flag() -> None:
    assert format_params(ViewState(Filters(flag=("data_use",)))) == {"f_flag": "data_use"}


# ---------------------------------------------------------------- the overview's choice (/buurten)


@pytest.mark.parametrize(("measure", "what", "expected"), [
    ("per_km2", "all", ("per_km2", None, None)),
    ("per_1000_residents", "sensor_type:anpr", ("per_1000_residents", "sensor_type", "anpr")),
    ("count", "purpose:parking", ("count", "purpose", "parking")),
    ("<script>", "sensor_type:camera", ("count", "sensor_type", "camera")),
    ("per_km2", "sensor_type:spy", ("per_km2", None, None)),
    ("per_km2", "owner:Gemeente", ("per_km2", None, None)),
    (None, None, ("count", None, None)),
    (["per_km2"], ["all"], ("per_km2", None, None)),
])
def test_the_overview_takes_only_known_choices(measure: object, what: object, expected: tuple) -> None:
    params = {k: v for k, v in (("measure", measure), ("what", what)) if v is not None}
    state = parse_overview(params)
    assert (state.measure, state.field, state.code) == expected


def test_the_overview_link_is_the_inverse_of_its_parse() -> None:
    for state in [OverviewState("per_km2", "sensor_type", "camera"), OverviewState("count", "purpose", "waste"),
                  OverviewState()]:
        assert parse_overview(format_overview(state)) == state
