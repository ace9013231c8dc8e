"""Tests for geo.join: registrations to neighbourhoods on the real Amsterdam buurten and on small squares."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, Point, box

from geo.join import assign_neighbourhood, join, join_positions, to_rd
from geo.schema import RD_NEW, WGS84

# In ../shared/realdata (the `realdata` fixture).
AMSTERDAM = "amsterdam_buurten_gebieden_api.geojson"


@pytest.fixture(scope="module")
def amsterdam(realdata: Path) -> gpd.GeoDataFrame:
    """The 518 buurten as geo.neighbourhoods will deliver them: code, name, population, geometry."""
    raw = gpd.read_file(realdata / AMSTERDAM)
    return gpd.GeoDataFrame(
        {"code": raw["cbsCode"], "name": raw["naam"], "population": pd.array([pd.NA] * len(raw), "Int64")},
        geometry=raw.geometry, crs=raw.crs,
    )


@pytest.fixture(scope="module")
def random_points(amsterdam: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """3,000 seeded points over the city's bounding box and a margin around it, so some lie outside."""
    rng = np.random.default_rng(20240601)
    minx, miny, maxx, maxy = amsterdam.total_bounds
    lon = rng.uniform(minx - 0.02, maxx + 0.02, 3000)
    lat = rng.uniform(miny - 0.02, maxy + 0.02, 3000)
    return gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs=WGS84)


@pytest.fixture
def squares() -> gpd.GeoDataFrame:
    """Two 100 m squares in RD New sharing the edge x = 100; the right one has the lower code."""
    return gpd.GeoDataFrame({"code": ["B", "A"]}, geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)],
                            crs=RD_NEW)


def rd(geoms: list, crs: str = RD_NEW) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(geometry=geoms, crs=crs)


def brute_force_codes(points: gpd.GeoDataFrame, buurten: gpd.GeoDataFrame) -> list[str | None]:
    """The code of the buurt that contains each point, testing every polygon; None outside."""
    pts = points.to_crs(RD_NEW).geometry.array
    polygons = buurten.to_crs(RD_NEW).geometry.array
    found: list[str | None] = [None] * len(pts)
    for code, polygon in zip(buurten["code"], polygons, strict=True):
        for k in np.flatnonzero(shapely.contains(polygon, pts)):
            assert found[k] is None, "a random point lies in two buurten"
            found[k] = code
    return found


def shared_vertex(buurten: gpd.GeoDataFrame, how_many: int) -> tuple[Point, list[str]]:
    """A corner shared by exactly `how_many` buurten, and their codes."""
    coords, owner = shapely.get_coordinates(buurten.geometry.array, return_index=True)
    corners = pd.DataFrame({"x": coords[:, 0], "y": coords[:, 1], "owner": owner}).drop_duplicates()
    sharing = corners.groupby(["x", "y"])["owner"].agg(list)
    (x, y), owners = next((xy, o) for xy, o in sharing.items() if len(o) == how_many)
    return Point(x, y), sorted(buurten["code"].iloc[owners])


def test_every_random_point_gets_exactly_one_row(random_points, amsterdam):
    pairs = join(random_points, amsterdam)
    assert pairs["reg_index"].tolist() == random_points.index.tolist()


def test_random_points_get_the_buurt_that_contains_them(random_points, amsterdam):
    pairs = join(random_points, amsterdam)
    assert pairs["code"].tolist() == brute_force_codes(random_points, amsterdam)


def test_random_points_include_some_inside_and_some_outside(random_points, amsterdam):
    codes = join(random_points, amsterdam)["code"]
    assert 0 < codes.isna().sum() < len(codes)


def test_point_outside_every_buurt_gets_code_none(amsterdam):
    pairs = join(rd([Point(5.5, 52.0)], WGS84), amsterdam)
    assert pairs.to_dict("list") == {"reg_index": [0], "code": [None]}


def test_point_on_corner_of_two_buurten_goes_to_the_lowest_code(amsterdam):
    corner, codes = shared_vertex(amsterdam, 2)
    pairs = join(rd([corner], WGS84), amsterdam)
    assert pairs["code"].tolist() == [codes[0]]


def test_point_on_corner_of_three_buurten_goes_to_the_lowest_code(amsterdam):
    corner, codes = shared_vertex(amsterdam, 3)
    pairs = join(rd([corner], WGS84), amsterdam)
    assert pairs["code"].tolist() == [codes[0]]


def test_point_on_shared_edge_goes_to_the_lowest_code_not_the_first_row(squares):
    assert join(rd([Point(100, 50)]), squares)["code"].tolist() == ["A"]


def test_point_on_outer_edge_belongs_to_its_buurt(squares):
    assert join(rd([Point(0, 50)]), squares)["code"].tolist() == ["B"]


def test_area_is_in_every_buurt_it_overlaps(amsterdam):
    centre = gpd.GeoSeries([Point(4.8897, 52.3731)], crs=WGS84).to_crs(RD_NEW)
    area = centre.buffer(600).to_crs(WGS84)
    buurten_rd = amsterdam.to_crs(RD_NEW)
    expected = sorted(
        code for code, polygon in zip(amsterdam["code"], buurten_rd.geometry, strict=True)
        if polygon.intersection(centre.buffer(600).iloc[0]).area > 0
    )
    pairs = join(rd(list(area), WGS84), amsterdam)
    assert len(expected) > 5
    assert pairs["code"].tolist() == expected


def test_area_shaped_like_a_buurt_is_not_in_the_buurten_it_touches(amsterdam):
    pairs = join(rd(list(amsterdam.geometry), WGS84), amsterdam)
    assert pairs["code"].tolist() == amsterdam["code"].tolist()


def test_area_touching_a_square_along_its_edge_is_not_in_it(squares):
    assert join(rd([box(100, 0, 150, 100)]), squares)["code"].tolist() == ["A"]


def test_area_rows_come_in_code_order(squares):
    assert join(rd([box(50, 10, 150, 20)]), squares)["code"].tolist() == ["A", "B"]


def test_area_outside_every_buurt_gets_code_none(squares):
    assert join(rd([box(500, 500, 600, 600)]), squares)["code"].tolist() == [None]


def test_mixed_registrations_keep_their_order_and_none_is_lost(squares):
    reg = rd([box(50, 10, 150, 20), Point(500, 0), Point(150, 50), box(300, 0, 400, 10)])
    pairs = join(reg, squares)
    assert pairs.to_dict("list") == {"reg_index": [0, 0, 1, 2, 3], "code": ["A", "B", None, "A", None]}


def test_reg_index_holds_the_registrations_index_labels(squares):
    reg = gpd.GeoDataFrame(geometry=[Point(150, 50), Point(50, 50)], index=["x", "y"], crs=RD_NEW)
    assert join(reg, squares)["reg_index"].tolist() == ["x", "y"]


def test_line_registration_gets_one_buurt_the_lowest_code(squares):
    assert join(rd([LineString([(10, 10), (190, 10)])]), squares)["code"].tolist() == ["A"]


def test_missing_geometry_counts_as_outside(squares):
    assert join(rd([None, Point(50, 50)]), squares)["code"].tolist() == [None, "B"]


def test_no_registrations_give_an_empty_table(squares):
    pairs = join(rd([]), squares)
    assert pairs.empty
    assert list(pairs.columns) == ["reg_index", "code"]


def test_registrations_in_rd_new_give_the_same_codes_as_in_wgs84(random_points, amsterdam):
    in_rd = join(random_points.to_crs(RD_NEW), amsterdam)["code"]
    assert in_rd.tolist() == join(random_points, amsterdam)["code"].tolist()


def test_neighbourhoods_in_rd_new_give_the_same_codes(random_points, amsterdam):
    in_rd = join(random_points, amsterdam.to_crs(RD_NEW))["code"]
    assert in_rd.tolist() == join(random_points, amsterdam)["code"].tolist()


def test_registrations_without_crs_are_refused(squares):
    with pytest.raises(ValueError, match="no CRS"):
        join(gpd.GeoDataFrame(geometry=[Point(50, 50)]), squares)


def test_join_positions_mark_outside_with_minus_one(squares):
    reg_pos, nb_pos = join_positions(rd([Point(500, 0), Point(150, 50)]), squares)
    assert sorted(zip(reg_pos.tolist(), nb_pos.tolist(), strict=True)) == [(0, -1), (1, 1)]


def test_assign_gives_an_area_the_buurt_it_overlaps_most(squares):
    assert assign_neighbourhood(rd([box(90, 0, 180, 10)]), squares).tolist() == ["A"]
    assert assign_neighbourhood(rd([box(20, 0, 110, 10)]), squares).tolist() == ["B"]


def test_assign_breaks_an_equal_overlap_by_the_lowest_code(squares):
    assert assign_neighbourhood(rd([box(50, 0, 150, 10)]), squares).tolist() == ["A"]


def test_assign_gives_points_the_same_code_as_join(random_points, amsterdam):
    assigned = assign_neighbourhood(random_points, amsterdam)
    assert assigned.tolist() == join(random_points, amsterdam)["code"].tolist()


def test_assign_keeps_the_registrations_index_and_none_outside(squares):
    reg = gpd.GeoDataFrame(geometry=[Point(500, 0), Point(50, 50)], index=[7, 3], crs=RD_NEW)
    assigned = assign_neighbourhood(reg, squares)
    assert assigned.to_dict() == {7: None, 3: "B"}


def test_assign_gives_an_area_over_many_real_buurten_the_largest_overlap(amsterdam):
    centre = gpd.GeoSeries([Point(4.8897, 52.3731)], crs=WGS84).to_crs(RD_NEW)
    circle = centre.buffer(600).iloc[0]
    overlaps = amsterdam.to_crs(RD_NEW).intersection(circle).area
    area = gpd.GeoSeries([circle], crs=RD_NEW).to_crs(WGS84)
    assigned = assign_neighbourhood(rd(list(area), WGS84), amsterdam)
    assert assigned.tolist() == [amsterdam["code"].iloc[int(np.argmax(overlaps))]]


@pytest.fixture(scope="module")
def mixed(amsterdam: gpd.GeoDataFrame, random_points: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The random points, areas over several buurten, a line and a missing geometry, with a string index."""
    areas = gpd.GeoSeries([Point(4.8897, 52.3731), Point(4.93, 52.36)], crs=WGS84).to_crs(RD_NEW).buffer(400)
    geoms = [*random_points.geometry.iloc[:400], *areas.to_crs(WGS84), LineString([(4.88, 52.37), (4.9, 52.37)]),
             None]
    return gpd.GeoDataFrame(geometry=geoms, index=[f"r{i}" for i in range(len(geoms))], crs=WGS84)


def test_precomputed_rd_geometries_give_the_same_join(mixed, amsterdam):
    rd_reg, rd_nb = to_rd(mixed), to_rd(amsterdam)
    kept = {"rd_geometries": rd_reg, "neighbourhoods_rd": rd_nb}
    assert join(mixed, amsterdam, **kept).equals(join(mixed, amsterdam))
    assert assign_neighbourhood(mixed, amsterdam, **kept).equals(assign_neighbourhood(mixed, amsterdam))
    assert all(np.array_equal(a, b) for a, b in zip(join_positions(mixed, amsterdam, **kept),
                                                    join_positions(mixed, amsterdam), strict=True))


def test_the_join_table_from_pairs_is_the_join(mixed, amsterdam):
    reg_pos, nb_pos = join_positions(mixed, amsterdam)
    shuffled = np.random.default_rng(2).permutation(len(reg_pos))  # a store's pairs come in any order
    table = join(mixed, amsterdam, pairs=(reg_pos[shuffled], nb_pos[shuffled]))
    assert table.equals(join(mixed, amsterdam))
    assert table["reg_index"].value_counts().max() >= 2


def test_misaligned_rd_geometries_are_refused_by_the_join(squares):
    with pytest.raises(ValueError, match="aligned"):
        join(rd([Point(50, 50)]), squares, rd_geometries=np.array([], dtype=object))
