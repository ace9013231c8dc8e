"""Tests for geo.choropleth: classes, palette, legend labels, measures, titles and ranking."""

from __future__ import annotations

import math

import numpy as np
import pytest

from geo.choropleth import (
    NO_DATA,
    PALETTES,
    Classes,
    choices,
    classify,
    counts_of,
    measure_values,
    ranking,
    shown_value,
    text_colour,
    title,
)
from geo.summary import NeighbourhoodSummary


def summary(code: str | None, total: int, area: float | None = 1.0, population: int | None = 1000,
            types: dict[str, int] | None = None, purposes: dict[str, int] | None = None,
            name: str | None = None) -> NeighbourhoodSummary:
    return NeighbourhoodSummary(code, name or str(code), population, area, total, None, None, 0,
                                types or {}, purposes or {}, {}, {}, {}, "", "")


def luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ---------------------------------------------------------------- classes


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 6])
def test_classify_makes_at_most_k_classes(k: int) -> None:
    values = np.random.default_rng(k).lognormal(size=200).tolist()
    classes = classify(values, k=k)
    assert 1 <= len(classes.upper) <= k
    assert classes.colours == PALETTES[len(classes.upper)]


def test_every_known_value_falls_in_the_class_whose_range_holds_it() -> None:
    values = np.random.default_rng(1).lognormal(size=300).tolist()
    classes = classify(values)
    for v in values:
        i = classes.index(v)
        assert classes.lower[i] <= v <= classes.upper[i]


def test_classes_are_ordered_and_do_not_overlap() -> None:
    classes = classify(np.random.default_rng(2).exponential(size=150).tolist())
    for i in range(1, len(classes.upper)):
        assert classes.upper[i - 1] < classes.lower[i]
        assert classes.lower[i] <= classes.upper[i]


def test_class_counts_add_up_to_the_known_values() -> None:
    classes = classify([1, 2, 3, None, 40, 50, float("nan")])
    assert sum(classes.counts) == 5
    assert classes.unknown == 2


def test_fewer_distinct_values_than_classes_gives_one_class_per_value() -> None:
    classes = classify([0, 0, 0, 7, 7], k=5)
    assert classes.lower == (0.0, 7.0)
    assert classes.upper == (0.0, 7.0)


def test_no_known_values_give_no_classes_and_grey() -> None:
    classes = classify([None, None])
    assert classes.upper == ()
    assert classes.colour(3.0) == NO_DATA
    assert classes.legend("nl") == [(NO_DATA, "Geen gegevens")]


def test_unknown_value_is_grey_and_says_no_data_in_the_legend() -> None:
    classes = classify([1, 2, None])
    assert classes.colour(None) == NO_DATA
    assert classes.legend("en")[-1] == (NO_DATA, "No data")


def test_zero_is_a_value_not_missing_data() -> None:
    classes = classify([0, 0, 5, 10])
    assert classes.colour(0) != NO_DATA
    assert classes.index(0) == 0


def test_classify_of_many_values_is_deterministic() -> None:
    # Above the sampling threshold the breaks come from order statistics, not random samples.
    values = np.random.default_rng(3).lognormal(size=5000).tolist()
    assert classify(values) == classify(values)


def test_classify_separates_clear_groups() -> None:
    classes = classify([1, 1.2, 1.1, 10, 10.5, 11, 100, 101], k=3)
    assert classes.upper == (1.2, 11.0, 101.0)


def test_k_outside_the_palettes_range_is_refused() -> None:
    with pytest.raises(ValueError, match="k must be"):
        classify([1, 2, 3], k=9)


# ---------------------------------------------------------------- palette and legend


@pytest.mark.parametrize("k", sorted(PALETTES))
def test_palette_is_sequential_light_to_dark(k: int) -> None:
    lums = [luminance(c) for c in PALETTES[k]]
    assert lums == sorted(lums, reverse=True)
    assert len(set(PALETTES[k])) == k


def test_no_data_grey_differs_from_every_palette_colour() -> None:
    assert all(NO_DATA not in colours for colours in PALETTES.values())


@pytest.mark.parametrize("colour", sorted({c for cs in PALETTES.values() for c in cs} | {NO_DATA}))
def test_text_on_every_fill_is_readable(colour: str) -> None:
    assert contrast(text_colour(colour), colour) >= 4.5  # WCAG AA for normal text


def test_legend_states_every_class_with_its_range() -> None:
    classes = classify([0, 0.5, 1, 12, 14, 15], k=2)
    assert classes.labels("nl") == ["0 – 1", "12 – 15"]
    assert [colour for colour, _ in classes.legend("nl")] == list(PALETTES[2])


def test_legend_uses_the_decimal_comma_in_dutch_and_the_point_in_english() -> None:
    classes = classify([0.25, 0.5, 3.5, 4.5], k=2)
    assert classes.labels("nl") == ["0,25 – 0,5", "3,5 – 4,5"]
    assert classes.labels("en") == ["0.25 – 0.5", "3.5 – 4.5"]


def test_legend_adds_decimals_when_rounding_would_merge_classes() -> None:
    labels = classify([10.2, 10.4, 10.6, 10.8], k=4).labels("en")
    assert len(set(labels)) == 4
    assert labels[0] == "10.2"


def test_single_value_class_shows_one_number() -> None:
    assert classify([5, 5, 5]).labels("en") == ["5"]


# ---------------------------------------------------------------- measures


def test_per_km2_divides_by_the_area() -> None:
    assert measure_values([summary("A", 6, area=2.0)], "per_km2") == [3.0]


def test_per_1000_residents_divides_by_the_population() -> None:
    assert measure_values([summary("A", 6, population=3000)], "per_1000_residents") == [2.0]


@pytest.mark.parametrize("population", [None, 0])
def test_per_1000_residents_is_unknown_without_residents(population: int | None) -> None:
    assert measure_values([summary("A", 6, population=population)], "per_1000_residents") == [None]


def test_per_km2_is_unknown_without_an_area() -> None:
    assert measure_values([summary("A", 6, area=None)], "per_km2") == [None]


def test_narrowing_counts_only_that_sensor_type() -> None:
    s = summary("A", 5, types={"camera": 2, "air": 3})
    assert counts_of([s], "sensor_type", "camera") == [2]
    assert measure_values([s], "per_km2", "sensor_type", "camera") == [2.0]


def test_narrowing_to_an_absent_purpose_counts_zero() -> None:
    assert counts_of([summary("A", 5, purposes={"safety": 5})], "purpose", "parking") == [0]


def test_unknown_measure_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown measure"):
        measure_values([summary("A", 1)], "per_street")


def test_choices_list_only_codes_that_occur_in_code_list_order() -> None:
    summaries = [summary("A", 3, types={"air": 1, "camera": 2}), summary("B", 1, types={"anpr": 1, "sound": 0})]
    assert choices("sensor_type", summaries) == ["camera", "anpr", "air"]


# ---------------------------------------------------------------- ranking


def test_ranking_puts_the_highest_first_and_ties_share_a_rank() -> None:
    frame = ranking([summary("A", 1), summary("B", 4), summary("C", 4), summary("D", 2)], "per_km2")
    assert frame["code"].tolist() == ["B", "C", "D", "A"]
    assert frame["rank"].tolist() == [1, 1, 3, 4]


def test_ranking_puts_unknown_values_last_without_a_rank() -> None:
    frame = ranking([summary("A", 1, population=None), summary("B", 4)], "per_1000_residents")
    assert frame["code"].tolist() == ["B", "A"]
    assert frame["rank"].isna().tolist() == [False, True]
    assert frame["colour"].iloc[-1] == NO_DATA


def test_ranking_leaves_out_the_registrations_outside_every_neighbourhood() -> None:
    frame = ranking([summary("A", 1), summary(None, 9, area=None, population=None)], "per_km2")
    assert frame["code"].tolist() == ["A"]


def test_ranking_keeps_names_exactly_as_written() -> None:
    name = "<b>Buurt</b> =1+1 **vet**"
    assert ranking([summary("A", 1, name=name)], "per_km2")["name"].tolist() == [name]


def test_ranking_colours_match_the_classes() -> None:
    summaries = [summary(c, n) for c, n in zip("ABCDEF", [1, 2, 3, 50, 60, 70], strict=True)]
    classes = classify(measure_values(summaries, "per_km2"), k=2)
    frame = ranking(summaries, "per_km2", classes=classes)
    assert frame.set_index("code")["colour"].to_dict() == {
        "A": PALETTES[2][0], "B": PALETTES[2][0], "C": PALETTES[2][0],
        "D": PALETTES[2][1], "E": PALETTES[2][1], "F": PALETTES[2][1]}


# ---------------------------------------------------------------- titles and URL values


def test_title_names_the_measure_and_the_narrowing() -> None:
    assert title("per_km2", "nl") == "Registraties per km²"
    assert title("per_1000_residents", "nl", "purpose", "parking") == "Parkeren per 1.000 inwoners"


def test_a_count_is_the_default_measure_and_says_what_it_counts() -> None:
    assert title("count", "en") == "Number of registrations"
    assert title("count", "nl", "sensor_type", "anpr") == "Aantal registraties: Kentekencamera"
    assert measure_values([summary("A", 6, area=2.0)], "count") == [6.0]
    assert shown_value(1, "count", "nl") == "1 registratie"
    assert shown_value(2.5, "per_1000_residents", "en") == "2.5 per 1,000 residents"


# ---------------------------------------------------------------- on the demo city


def test_every_demo_neighbourhood_gets_a_class_colour_per_km2() -> None:
    from geo.dataset import load_demo
    from geo.summary import summarise

    data = load_demo()
    inside = [s for s in summarise(data.registrations, data.neighbourhoods) if s.code is not None]
    values = measure_values(inside, "per_km2")
    classes = classify(values)
    assert len(classes.upper) == 5
    assert all(classes.colour(v) in PALETTES[5] for v in values)
    assert sum(classes.counts) == len(inside)
    # The industrial estate has no residents: grey per 1,000 residents, not the lightest class.
    per_res = measure_values(inside, "per_1000_residents")
    assert any(v is None for v in per_res)
    assert isinstance(classify(per_res), Classes)
    assert not any(isinstance(v, float) and math.isnan(v) for v in values)
