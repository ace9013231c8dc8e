"""The density grid and the Gi* hotspot test on planted patterns."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import box

from geo.errors import UserFacingError
from geo.hotspots import (
    MIN_POINTS,
    SHAPES,
    HotspotError,
    cells_layer,
    grid,
    hex_cell,
    hotspots,
    places,
)
from geo.schema import RD_NEW, WGS84

X0, Y0 = 150_000.0, 460_000.0
SIDE = 5_000.0


def city() -> gpd.GeoDataFrame:
    """A 5 x 5 km city of four neighbourhoods in RD New."""
    half = SIDE / 2
    parts = [box(X0 + dx, Y0 + dy, X0 + dx + half, Y0 + dy + half) for dx in (0, half) for dy in (0, half)]
    return gpd.GeoDataFrame({"code": list("ABCD")}, geometry=parts, crs=RD_NEW)


def points(xy: np.ndarray) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=RD_NEW)


def uniform(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).uniform([X0, Y0], [X0 + SIDE, Y0 + SIDE], (n, 2))


def planted(seed: int = 7) -> tuple[np.ndarray, tuple[float, float]]:
    """A uniform background with a tight cluster of 60 registrations around one spot."""
    spot = (X0 + 3_700.0, Y0 + 1_300.0)
    cluster = np.random.default_rng(seed + 1).normal(spot, 80.0, (60, 2))
    return np.vstack([uniform(200, seed), cluster]), spot


def hot_cells(result) -> gpd.GeoDataFrame:
    return result.cells[result.cells["cluster"] == "hot"]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("cell_size", [250, 500])
def test_a_planted_cluster_is_found(shape: str, cell_size: int) -> None:
    xy, spot = planted()
    result = hotspots(points(xy), city(), cell_size_m=cell_size, shape=shape)
    hot = hot_cells(result)
    assert result.tested
    assert hot.geometry.intersects(shapely.Point(spot)).any()
    # Every hot cell lies near the planted spot, none elsewhere in the city.
    assert (hot.geometry.distance(shapely.Point(spot)) < 2 * cell_size).all()


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_uniform_pattern_is_not_flagged(shape: str, seed: int) -> None:
    result = hotspots(points(uniform(400, seed)), city(), cell_size_m=500, shape=shape)
    assert result.tested
    assert (result.hot, result.cold) == (0, 0)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_sparse_uniform_pattern_on_a_fine_grid_is_not_flagged(shape: str) -> None:
    # 50 registrations over 2,500 cells: two of them side by side are no hotspot.
    result = hotspots(points(uniform(50, 4)), city(), cell_size_m=100, shape=shape)
    assert (result.hot, result.cold) == (0, 0)


def test_an_empty_half_of_the_city_is_a_cold_spot() -> None:
    xy = uniform(400, 5)
    xy[:, 0] = X0 + (xy[:, 0] - X0) / 2  # every registration in the west half
    result = hotspots(points(xy), city(), cell_size_m=500, shape="square")
    cold = result.cells[result.cells["cluster"] == "cold"]
    assert len(cold) > 0
    assert (cold.geometry.centroid.x > X0 + SIDE / 2).all()


def test_cells_on_the_edge_of_the_area_count_only_their_part_inside() -> None:
    # A city whose edge cuts cells in half: the halves are not cold for holding half as many registrations.
    half_cells = gpd.GeoDataFrame({"code": ["A"]}, geometry=[box(X0, Y0, X0 + 4750, Y0 + 4750)], crs=RD_NEW)
    xy = np.random.default_rng(6).uniform([X0, Y0], [X0 + 4750, Y0 + 4750], (2000, 2))
    result = hotspots(points(xy), half_cells, cell_size_m=500, shape="square")
    assert (result.hot, result.cold) == (0, 0)


def test_a_perfectly_even_pattern_is_not_tested() -> None:
    # One registration in the middle of every 500 m square: no variation, nothing to find.
    centres = np.array([(X0 + 250 + 500 * i, Y0 + 250 + 500 * j) for i in range(10) for j in range(10)])
    result = hotspots(points(centres), city(), cell_size_m=500, shape="square")
    assert not result.tested
    assert (result.cells["cluster"] == "").all()
    assert result.cells["z"].isna().all()


def test_the_test_gives_the_same_result_every_time() -> None:
    xy, _ = planted()
    first = hotspots(points(xy), city(), cell_size_m=250)
    second = hotspots(points(xy), city(), cell_size_m=250)
    assert first.cells.drop(columns="geometry").equals(second.cells.drop(columns="geometry"))


def test_too_few_registrations_are_not_tested() -> None:
    result = hotspots(points(uniform(MIN_POINTS - 1, 0)), city(), cell_size_m=500)
    assert not result.tested
    assert result.hot == 0


def test_every_registration_inside_the_area_is_counted_once() -> None:
    xy, _ = planted()
    for shape in SHAPES:
        result = hotspots(points(xy), city(), cell_size_m=250, shape=shape)
        assert result.cells["count"].sum() == len(xy) == result.points


def test_registrations_outside_the_neighbourhoods_are_left_out_and_counted() -> None:
    xy = np.vstack([uniform(50, 0), [[X0 - 10, Y0 + 100], [X0 + SIDE + 3000, Y0]]])
    result = hotspots(points(xy), city(), cell_size_m=500)
    assert (result.points, result.outside) == (50, 2)


def test_the_grid_covers_the_whole_area_with_empty_cells_too() -> None:
    result = hotspots(points(uniform(10, 0)), city(), cell_size_m=500, shape="square")
    assert len(result.cells) == 100
    assert (result.cells["count"] == 0).sum() >= 90


def test_an_area_registration_counts_once_at_a_point_on_its_surface() -> None:
    reg = gpd.GeoDataFrame(geometry=[box(X0 + 100, Y0 + 100, X0 + 400, Y0 + 300)], crs=RD_NEW)
    result = hotspots(reg, city(), cell_size_m=500, shape="square")
    assert result.cells["count"].sum() == 1


def test_wgs84_registrations_land_in_the_same_cells() -> None:
    xy, _ = planted()
    in_rd = hotspots(points(xy), city(), cell_size_m=500)
    in_wgs84 = hotspots(points(xy).to_crs(WGS84), city(), cell_size_m=500)
    assert in_rd.cells["count"].tolist() == in_wgs84.cells["count"].tolist()


def test_without_an_area_the_grid_covers_the_registrations() -> None:
    xy, _ = planted()
    result = hotspots(points(xy), cell_size_m=500, shape="square")
    assert (result.points, result.outside) == (len(xy), 0)


@pytest.mark.parametrize(("shape", "area"), [("square", 250.0**2), ("hexagon", np.sqrt(3) / 2 * 250.0**2)])
def test_cells_have_the_size_chosen(shape: str, area: float) -> None:
    _, _, cells = grid((X0, Y0, X0 + 1000, Y0 + 1000), 250, shape)
    assert np.allclose(shapely.area(cells), area)


def test_hexagon_cells_tile_the_area_without_gaps_or_overlaps() -> None:
    _, _, cells = grid((X0, Y0, X0 + 2000, Y0 + 2000), 250, "hexagon")
    union = shapely.union_all(cells)
    assert union.covers(box(X0, Y0, X0 + 2000, Y0 + 2000))
    assert np.isclose(union.area, shapely.area(cells).sum())


def test_a_point_goes_to_the_hexagon_whose_centre_is_nearest() -> None:
    rng = np.random.default_rng(3)
    x, y = rng.uniform(-5000, 5000, 2000), rng.uniform(-5000, 5000, 2000)
    q, r = hex_cell(x, y, 300.0)
    i, j, cells = grid((-5600, -5600, 5600, 5600), 300.0, "hexagon")
    lookup = {(a, b): c for a, b, c in zip(i.tolist(), j.tolist(), cells, strict=True)}
    assert all(lookup[(a, b)].covers(shapely.Point(px, py))
               for a, b, px, py in zip(q.tolist(), r.tolist(), x, y, strict=True))


def test_the_grid_is_anchored_so_cells_do_not_move_with_the_data() -> None:
    _, _, a = grid((X0, Y0, X0 + 1000, Y0 + 1000), 500, "square")
    _, _, b = grid((X0 + 100, Y0 + 100, X0 + 900, Y0 + 900), 500, "square")
    assert {c.wkt for c in b} <= {c.wkt for c in a}


def test_too_many_cells_is_a_user_facing_error() -> None:
    huge = gpd.GeoDataFrame({"code": ["X"]}, geometry=[box(0, 0, 100_000, 100_000)], crs=RD_NEW)
    with pytest.raises(HotspotError) as info:
        hotspots(points(uniform(10, 0)), huge, cell_size_m=100)
    assert isinstance(info.value, UserFacingError)
    assert "12.000" in info.value.message("nl") and "12,000" in info.value.message("en")  # MAX_CELLS, written by Babel
    assert "Kies grotere vakken" in info.value.message("nl")
    assert "Choose larger cells" in info.value.message("en")


def test_an_unknown_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown grid shape"):
        hotspots(points(uniform(10, 0)), city(), shape="triangle")


def test_the_map_layer_holds_cells_with_registrations_or_a_cluster_in_wgs84() -> None:
    xy, _ = planted()
    result = hotspots(points(xy), city(), cell_size_m=500)
    layer = cells_layer(result)
    assert layer.crs.equals(WGS84)
    assert ((layer["count"] > 0) | (layer["cluster"] != "")).all()
    assert layer["count"].sum() == len(xy)


def test_rd_geometries_worked_out_elsewhere_give_the_same_hotspots() -> None:
    from geo.dataset import load_demo

    data = load_demo()
    reg = data.registrations.iloc[::2]
    given = hotspots(reg, data.neighbourhoods, rd_geometries=data.rd_of(reg), area_rd=data.neighbourhoods_rd)
    expected = hotspots(reg, data.neighbourhoods)
    assert given.cells.drop(columns="geometry").equals(expected.cells.drop(columns="geometry"))
    assert (given.hot, given.cold, given.outside) == (expected.hot, expected.cold, expected.outside)
    assert places(given, data.neighbourhoods, "nl", data.neighbourhoods_rd).equals(
        places(expected, data.neighbourhoods, "nl"))


def test_coordinates_kept_by_the_caller_give_the_same_cells_as_the_geometries() -> None:
    reg = points(np.vstack([uniform(150, 3), np.random.default_rng(4).normal([X0 + 1250, Y0 + 1250], 60, (60, 2)),
                            [[X0 - 500, Y0 - 500]]]))
    reg.loc[len(reg)] = [box(X0 + 100, Y0 + 100, X0 + 400, Y0 + 300)]
    xy = np.column_stack([shapely.get_x(reg.geometry.array), shapely.get_y(reg.geometry.array)])
    xy[-1] = np.nan  # an area: worked out from its geometry
    by_xy = hotspots(reg, city(), cell_size_m=500, shape="square", rd_xy=xy)
    by_geometry = hotspots(reg, city(), cell_size_m=500, shape="square")
    assert (by_xy.points, by_xy.outside) == (by_geometry.points, by_geometry.outside)
    assert by_xy.cells.drop(columns="geometry").equals(by_geometry.cells.drop(columns="geometry"))
