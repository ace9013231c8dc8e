"""Camera coverage on hand-built cases whose watched area is known exactly."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point, box

from geo.coverage import coverage, watched_layer
from geo.schema import DEFAULT_RANGE_M, RD_NEW, WGS84

# Two 1 km squares side by side, in RD New near Amersfoort.
X0, Y0 = 155_000.0, 463_000.0


def squares() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code": ["A", "B"], "name": ["West", "Oost"]},
                            geometry=[box(X0, Y0, X0 + 1000, Y0 + 1000), box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000)],
                            crs=RD_NEW)


def cameras(*specs: tuple[float, float, float, float, float], sensor_type: str = "camera") -> gpd.GeoDataFrame:
    """Cameras from (x, y, direction, field_of_view, range_m), NaN for unknown."""
    x, y, direction, fov, rng = (np.array(v, float) for v in zip(*specs, strict=True))
    return gpd.GeoDataFrame({"sensor_type": [sensor_type] * len(x), "direction": direction,
                             "field_of_view": fov, "range_m": rng},
                            geometry=gpd.points_from_xy(x, y), crs=RD_NEW)


def row(cov, code: str):
    table = cov.neighbourhoods
    return table.loc[table["code"] == code].iloc[0]


def within_1_percent(value: float, expected: float) -> bool:
    return abs(value - expected) <= 0.01 * expected


def test_a_cone_covers_its_analytic_area_within_1_percent() -> None:
    cov = coverage(cameras((X0 + 500, Y0 + 500, 45, 60, 120)), squares())
    expected = math.pi * 120**2 * 60 / 360
    assert within_1_percent(row(cov, "A")["covered_m2"], expected)
    assert within_1_percent(row(cov, "A")["share"], expected / 1e6)
    assert row(cov, "B")["covered_m2"] == 0


@pytest.mark.parametrize("fov", [10, 90, 200, 359])
def test_cones_of_any_opening_cover_their_analytic_area(fov: float) -> None:
    cov = coverage(cameras((X0 + 500, Y0 + 500, 300, fov, 200)), squares())
    assert within_1_percent(cov.covered_m2, math.pi * 200**2 * fov / 360)


def test_a_camera_without_direction_counts_as_a_full_circle_of_the_default_range() -> None:
    cov = coverage(cameras((X0 + 500, Y0 + 500, math.nan, math.nan, math.nan)), squares())
    assert within_1_percent(cov.covered_m2, math.pi * DEFAULT_RANGE_M["camera"] ** 2)
    assert (cov.undirected, row(cov, "A")["undirected"], row(cov, "A")["cameras"]) == (1, 1, 1)


def test_a_camera_with_a_direction_is_not_counted_as_undirected() -> None:
    cov = coverage(cameras((X0 + 500, Y0 + 500, 90, 60, 50)), squares())
    assert (cov.cameras, cov.undirected) == (1, 0)


def test_the_default_field_of_view_applies_when_only_the_direction_is_known() -> None:
    cov = coverage(cameras((X0 + 500, Y0 + 500, 90, math.nan, 100)), squares())
    assert within_1_percent(cov.covered_m2, math.pi * 100**2 * 60 / 360)


def test_overlapping_cones_count_once() -> None:
    one = cameras((X0 + 500, Y0 + 500, 0, 90, 100))
    twice = cameras((X0 + 500, Y0 + 500, 0, 90, 100), (X0 + 500, Y0 + 500, 0, 90, 100))
    assert math.isclose(coverage(twice, squares()).covered_m2, coverage(one, squares()).covered_m2, rel_tol=1e-9)


def test_a_cone_across_a_border_is_split_between_the_neighbourhoods() -> None:
    # On the border between A and B, looking north with 90°: half the cone lies on each side.
    cov = coverage(cameras((X0 + 1000, Y0 + 500, 0, 90, 200)), squares())
    half = math.pi * 200**2 * 90 / 360 / 2
    assert within_1_percent(row(cov, "A")["covered_m2"], half)
    assert within_1_percent(row(cov, "B")["covered_m2"], half)


def test_a_cone_is_clipped_at_the_edge_of_the_city() -> None:
    # At the west edge looking west: the whole cone lies outside every neighbourhood.
    cov = coverage(cameras((X0, Y0 + 500, 270, 60, 100)), squares())
    assert cov.covered_m2 < 1e-6


def test_the_city_wide_share_is_the_watched_area_over_the_total_area() -> None:
    cov = coverage(cameras((X0 + 500, Y0 + 500, math.nan, 360, 100), (X0 + 1500, Y0 + 500, 0, 90, 100)), squares())
    assert math.isclose(cov.area_m2, 2e6)
    assert math.isclose(cov.share, (row(cov, "A")["covered_m2"] + row(cov, "B")["covered_m2"]) / 2e6)
    assert within_1_percent(cov.share, (math.pi * 100**2 * 1.25) / 2e6)


def test_anpr_cameras_count_and_other_sensors_do_not() -> None:
    reg = cameras((X0 + 500, Y0 + 500, 0, 60, 50))
    assert coverage(reg.assign(sensor_type="anpr"), squares()).cameras == 1
    cov = coverage(reg.assign(sensor_type="air"), squares())
    assert (cov.cameras, cov.covered_m2) == (0, 0)


def test_mobile_cameras_with_an_area_are_left_out_and_counted() -> None:
    reg = cameras((X0 + 500, Y0 + 500, 0, 60, 50), sensor_type="anpr")
    reg.loc[1] = ["anpr", np.nan, np.nan, np.nan, box(X0, Y0, X0 + 300, Y0 + 300)]
    cov = coverage(reg, squares())
    assert (cov.cameras, cov.mobile) == (1, 1)
    assert within_1_percent(cov.covered_m2, math.pi * 50**2 / 6)


def test_inputs_in_wgs84_are_measured_in_rd_new() -> None:
    reg = cameras((X0 + 500, Y0 + 500, 45, 60, 120))
    in_rd = coverage(reg, squares()).covered_m2
    in_wgs84 = coverage(reg.to_crs(WGS84), squares().to_crs(WGS84)).covered_m2
    assert within_1_percent(in_wgs84, in_rd)
    assert within_1_percent(in_wgs84, math.pi * 120**2 / 6)


def test_no_cameras_means_nothing_watched() -> None:
    cov = coverage(cameras((X0 + 500, Y0 + 500, 0, 60, 50), sensor_type="air").iloc[:0], squares())
    assert (cov.cameras, cov.share) == (0, 0.0)
    assert list(cov.neighbourhoods["share"]) == [0.0, 0.0]


def test_cameras_are_counted_in_the_neighbourhood_they_stand_in() -> None:
    reg = cameras((X0 + 100, Y0 + 100, 0, 60, 50), (X0 + 1500, Y0 + 100, 0, 60, 50), (X0 + 1600, Y0 + 100, 0, 60, 50),
                  (X0 + 5000, Y0, 0, 60, 50))
    cov = coverage(reg, squares())
    assert list(cov.neighbourhoods["cameras"]) == [1, 2]
    assert cov.cameras == 4  # the one outside the city still counts as a camera, for no neighbourhood


def test_the_watched_layer_holds_only_watched_neighbourhoods_in_wgs84() -> None:
    layer = watched_layer(coverage(cameras((X0 + 1500, Y0 + 500, 0, 60, 50)), squares()))
    assert list(layer["code"]) == ["B"]
    assert layer.crs.equals(WGS84)
    assert layer.geometry.iloc[0].representative_point().within(squares().to_crs(WGS84).geometry.iloc[1])


def test_the_table_keeps_the_neighbourhoods_order_and_names() -> None:
    cov = coverage(cameras((X0 + 500, Y0 + 500, 0, 60, 50)), squares().iloc[::-1])
    assert list(cov.neighbourhoods["code"]) == ["B", "A"]
    assert list(cov.neighbourhoods["name"]) == ["Oost", "West"]
    assert cov.neighbourhoods.crs.equals(RD_NEW)


def test_the_watched_area_lies_in_the_direction_the_camera_looks() -> None:
    watched = row(coverage(cameras((X0 + 500, Y0 + 500, 0, 60, 100)), squares()), "A").geometry
    assert watched.contains(Point(X0 + 500, Y0 + 550))  # north of it
    assert not watched.contains(Point(X0 + 500, Y0 + 450))  # behind it


def test_rd_geometries_worked_out_elsewhere_give_the_same_coverage() -> None:
    from geo.dataset import load_demo

    data = load_demo()
    cameras_only = data.registrations[data.registrations["sensor_type"] == "camera"]
    given = coverage(cameras_only, data.neighbourhoods, rd_geometries=data.rd_of(cameras_only),
                     neighbourhoods_rd=data.neighbourhoods_rd)
    expected = coverage(cameras_only, data.neighbourhoods)
    assert given.neighbourhoods.drop(columns="geometry").equals(expected.neighbourhoods.drop(columns="geometry"))
    assert (given.cameras, given.undirected, given.mobile) == (expected.cameras, expected.undirected, expected.mobile)


def test_coordinates_kept_by_the_caller_give_the_same_coverage_as_the_geometries() -> None:
    reg = cameras((X0 + 500, Y0 + 500, 0, 60, 50), (X0 + 990, Y0 + 500, np.nan, np.nan, 30.0),
                  (X0 + 1500, Y0 + 200, 270, 90, 80))
    reg.loc[3] = ["camera", np.nan, np.nan, np.nan, box(X0, Y0, X0 + 300, Y0 + 300)]
    xy = np.column_stack([shapely.get_x(reg.geometry.array), shapely.get_y(reg.geometry.array)])
    xy[3] = np.nan  # not a point
    by_xy, by_geometry = coverage(reg, squares(), rd_xy=xy), coverage(reg, squares())
    assert (by_xy.cameras, by_xy.undirected, by_xy.mobile) == (by_geometry.cameras, by_geometry.undirected,
                                                               by_geometry.mobile)
    assert by_xy.neighbourhoods.drop(columns="geometry").equals(by_geometry.neighbourhoods.drop(columns="geometry"))
