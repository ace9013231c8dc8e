"""A large register's view on the server (geo.viewgrid): every filtered registration in the view is drawn exactly
once, as its own icon or in one cluster's count, at every zoom."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo.mapping import CLUSTER_MAX_ZOOM
from geo.viewgrid import MAX_ICONS, Anchors, ViewBox, server_clusters, view_draw


@pytest.fixture(scope="module")
def anchors() -> Anchors:
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(4.75, 5.05, 50_000), rng.uniform(52.28, 52.43, 50_000)
    geoms = shapely.points(lon, lat)
    geoms[:500] = shapely.box(lon[:500], lat[:500], lon[:500] + 0.002, lat[:500] + 0.001)  # some areas
    geoms[500:520] = shapely.points(4.9, 52.37)  # twenty on one pole
    return Anchors.of(geoms)


@pytest.mark.parametrize("zoom", [8, 11, 13, 15, 16, 18, 19])
def test_clusters_and_icons_add_up_to_the_filtered_registrations_in_the_padded_view(anchors, zoom) -> None:
    mask = np.random.default_rng(zoom).random(len(anchors.lat)) < 0.3
    view = ViewBox.around(52.37, 4.9, zoom, 1280, 620)
    draw = view_draw(anchors, mask, view, CLUSTER_MAX_ZOOM)
    inside = mask & draw.box.contains(anchors)
    assert draw.total == int(inside.sum()) == int(draw.cluster_n.sum()) + len(draw.singles)
    assert mask[draw.singles].all() and draw.box.contains(anchors)[draw.singles].all()
    assert len(set(draw.singles.tolist())) == len(draw.singles)
    assert (draw.cluster_n >= 2).all()
    assert len(draw.singles) <= max(MAX_ICONS, 1) or zoom <= CLUSTER_MAX_ZOOM
    # A cluster sits where its registrations are: inside the view it was made for.
    assert ((draw.cluster_lon >= draw.box.west) & (draw.cluster_lon <= draw.box.east)).all()
    assert ((draw.cluster_lat >= draw.box.south) & (draw.cluster_lat <= draw.box.north)).all()


def test_zoomed_out_much_travels_as_counts_and_at_street_level_one_by_one(anchors) -> None:
    mask = np.ones(len(anchors.lat), dtype=bool)
    city = view_draw(anchors, mask, ViewBox.around(52.355, 4.9, 11, 1280, 620), CLUSTER_MAX_ZOOM)
    assert len(city.singles) + len(city.cluster_n) < 1000 < city.total
    street = view_draw(anchors, mask, ViewBox.around(52.37, 4.9, 19, 1280, 620), CLUSTER_MAX_ZOOM)
    assert len(street.cluster_n) == 0 and set(range(500, 520)) <= set(street.singles.tolist())


def test_a_street_with_too_many_icons_is_still_grouped(anchors) -> None:
    mask = np.ones(len(anchors.lat), dtype=bool)
    dense = view_draw(anchors, mask, ViewBox.around(52.355, 4.9, 16, 3000, 3000), CLUSTER_MAX_ZOOM)
    assert dense.total > MAX_ICONS and len(dense.cluster_n) > 0
    assert dense.total == int(dense.cluster_n.sum()) + len(dense.singles)


def test_an_empty_filter_draws_nothing(anchors) -> None:
    draw = view_draw(anchors, np.zeros(len(anchors.lat), bool), ViewBox.around(52.37, 4.9, 12, 800, 600), 15)
    assert draw.total == 0 and len(draw.singles) == 0 and len(draw.cluster_n) == 0


def test_which_registers_are_clustered_on_the_server(monkeypatch) -> None:
    assert not server_clusters(20_000) and server_clusters(20_001)
    monkeypatch.setenv("ZICHTBAAR_SERVER_CLUSTERS_FROM", "0")
    assert server_clusters(1)
    monkeypatch.setenv("ZICHTBAAR_SERVER_CLUSTERS_FROM", "many")  # not a number: the default
    assert not server_clusters(5)


@pytest.mark.parametrize("zoom", [9, 12, 14])
def test_drawn_groups_do_not_pile_up_on_each_other(anchors, zoom) -> None:
    from scipy.spatial import cKDTree

    from geo.viewgrid import CLUSTER_RADIUS_PX, MERGE_SHARE, mercator

    draw = view_draw(anchors, np.ones(len(anchors.lat), bool), ViewBox.around(52.355, 4.9, zoom, 1280, 620), 15)
    lon = np.r_[draw.cluster_lon, anchors.lon[draw.singles]]
    lat = np.r_[draw.cluster_lat, anchors.lat[draw.singles]]
    x, y = mercator(lon, lat)
    scale = 256 * 2.0 ** zoom
    pairs = cKDTree(np.column_stack([x * scale, y * scale])).query_pairs(CLUSTER_RADIUS_PX * MERGE_SHARE / 2)
    assert not pairs  # no two groups or icons within half the merging distance of each other
    assert draw.total == int(draw.cluster_n.sum()) + len(draw.singles)
