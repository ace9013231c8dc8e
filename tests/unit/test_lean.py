"""A register too large for every app server to hold (geo.store.lean): on PostGIS, a server keeps the facts and asks
the database for the rows it shows. The facts must give exactly what the whole register gives in memory."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest

from geo import store
from geo.filters import CHOICE_FIELDS, FilterIndex, Filters, apply, option_counts
from geo.join import assign_neighbourhood
from geo.nearby import nearby
from geo.principles import flag_frame, principle_frame
from geo.schema import DEMO_NEIGHBOURHOODS, DEMO_REGISTER
from geo.store.lean import FACT_COLUMNS, LEAN_ENV, is_lean
from geo.summary import city_summary, summarise
from geo.viewgrid import Anchors
from geo.viewstate import Spot
from tests.unit.conftest import postgis_store


@pytest.fixture(scope="module")
def demo_pg(pg_base: str) -> Iterator[str]:
    """The demo register imported into a PostGIS store of its own (one import for the module)."""
    with postgis_store(pg_base) as url:
        store.import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=url, municipality="Voorbeeldstad")
        yield url


@pytest.fixture(scope="module")
def both(demo_pg: str) -> tuple[store.Dataset, store.Dataset]:
    """(the whole register, its lean read), of the same version."""
    full = store.read_store(demo_pg)
    mp = pytest.MonkeyPatch()
    mp.setenv(LEAN_ENV, "0")
    try:
        lean = store.read_store(demo_pg, lean=True)
    finally:
        mp.undo()
    return full, lean


def test_a_lean_read_keeps_facts_and_leaves_names_texts_and_shapes_in_the_database(both) -> None:
    full, lean = both
    assert is_lean(lean) and not is_lean(full)
    assert len(lean.registrations) == len(full.registrations) == 1965
    assert tuple(lean.registrations.columns) == FACT_COLUMNS
    assert not {"id", "name", "contact", "geometry"} & set(FACT_COLUMNS)
    assert str(lean.registrations["owner"].dtype) == "category"
    assert (lean.version, lean.municipality, lean.source, lean.updated) == \
        (full.version, full.municipality, full.source, full.updated)
    # A description is kept only as there or not: what the principles read of it.
    blank = (full.registrations["description"].str.strip() == "").sum()
    assert (lean.registrations["description"] == "").sum() == blank


def test_the_import_leaves_the_facts_and_they_are_what_the_registrations_give(demo_pg: str, both) -> None:
    from geo.store.lean import from_blobs

    _, lean = both
    target = store.open_store(demo_pg)
    blobs = target.facts(version=lean.version)
    assert blobs is not None and sum(len(b) for b in blobs.values()) < 1_000_000
    # A version imported before there were facts: worked out from its registrations when read.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(store.PostGISStore, "facts", lambda self, version: None)
        mp.setenv(LEAN_ENV, "0")
        worked_out = store.read_store(demo_pg, lean=True)
    kept = from_blobs(blobs)
    pd.testing.assert_frame_equal(worked_out.registrations, lean.registrations)
    pd.testing.assert_frame_equal(kept["facts"], lean.registrations)
    assert worked_out.derived["bounds"] == lean.derived["bounds"]
    assert np.array_equal(worked_out.derived["kind"], lean.derived["kind"])
    assert codes(worked_out) == codes(lean)
    for a, b in zip(worked_out.derived["pairs"], lean.derived["pairs"], strict=True):
        assert np.array_equal(a, b)


def test_the_facts_go_with_their_version(pg_store: str, tmp_path) -> None:
    from tests.unit.test_store import register

    one, two = register(tmp_path, 3, name="a.csv"), register(tmp_path, 4, name="b.csv")
    store.import_register(one, DEMO_NEIGHBOURHOODS, store=pg_store, keep=1)
    store.import_register(two, DEMO_NEIGHBOURHOODS, store=pg_store, keep=1)
    target = store.open_store(pg_store)
    assert [r.version for r in target.versions()] == [2]
    assert target.facts(version=2) is not None
    with pytest.raises(store.VersionUnavailable):
        target.facts(version=1)


def test_below_the_threshold_and_on_a_geopackage_the_register_is_read_whole(demo_pg: str, tmp_path) -> None:
    assert not is_lean(store.read_store(demo_pg, lean=True))  # 1,965 < 20,000
    gpkg = tmp_path / "s.gpkg"
    store.import_register(DEMO_REGISTER, DEMO_NEIGHBOURHOODS, store=gpkg)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(LEAN_ENV, "0")
        assert not is_lean(store.read_store(gpkg, lean=True))


def test_the_facts_give_the_same_filters_flags_and_principles(both) -> None:
    full, lean = both
    nb_codes = tuple(full.neighbourhoods["code"])
    whole = FilterIndex.build(full.registrations, assign_neighbourhood(full.registrations, full.neighbourhoods),
                              nb_codes)
    facts = FilterIndex.build(lean.registrations, pd.Series(lean.derived["neighbourhood"]), nb_codes,
                              search=lambda words: store.search(lean, words))
    assert whole.options == facts.options
    for filters in (Filters(), Filters(sensor_type=("camera",), personal_data=True), Filters(flag=("democratic",)),
                    Filters(purpose=("safety", "traffic"), status=("active",)), Filters(text="camera parkeer"),
                    Filters(neighbourhood=(nb_codes[3], "")), Filters(owner=(whole.options["owner"][0],))):
        same = apply(full.registrations, filters, index=whole) == apply(lean.registrations, filters, index=facts)
        assert same.all()
        assert option_counts(full.registrations, filters, index=whole) == \
            option_counts(lean.registrations, filters, index=facts)
    assert flag_frame(full.registrations).equals(flag_frame(lean.registrations))
    assert principle_frame(full.registrations).equals(principle_frame(lean.registrations))
    assert set(CHOICE_FIELDS) <= set(facts.options)


def test_the_facts_give_the_same_summaries(both) -> None:
    full, lean = both
    pairs = store.neighbourhood_pairs(full)
    assert [s.__dict__ for s in summarise(full.registrations, full.neighbourhoods, pairs=pairs)] == \
        [s.__dict__ for s in summarise(lean.registrations, lean.neighbourhoods, pairs=store.neighbourhood_pairs(lean))]
    assert city_summary(full.registrations, full.neighbourhoods).__dict__ == \
        city_summary(lean.registrations, lean.neighbourhoods).__dict__


def codes(data: store.Dataset) -> list[str | None]:
    """Each registration's neighbourhood code as a lean Dataset keeps it (None outside)."""
    return [None if pd.isna(c) else str(c) for c in pd.Series(data.derived["neighbourhood"]).astype(object)]


def test_anchors_bounds_and_each_registrations_neighbourhood_are_as_in_memory(both) -> None:
    full, lean = both
    whole = Anchors.of(np.asarray(full.registrations.geometry.array))
    for k in ("lat", "lon", "x", "y"):
        assert np.array_equal(getattr(whole, k), getattr(lean.derived["anchors"], k))
    assert store.total_bounds(lean) == tuple(full.registrations.total_bounds)
    assert codes(lean) == assign_neighbourhood(full.registrations, full.neighbourhoods).tolist()


def test_rows_come_from_the_database_in_the_order_asked_with_every_column(both) -> None:
    full, lean = both
    asked = np.array([1200, 5, 0, 1964])
    got = store.rows(lean, asked)
    want = store.rows(full, asked)
    assert got.index.tolist() == asked.tolist() == want.index.tolist()
    assert list(got.columns) == list(want.columns)
    for column in got.columns:
        if column == "geometry":
            assert all(a.equals_exact(b, 0) for a, b in zip(got.geometry, want.geometry, strict=True))
        else:
            assert got[column].astype(object).equals(want[column].astype(object)), column
    assert store.rows(lean, np.array([], dtype=int)).empty


def test_an_id_and_words_are_looked_up_by_the_database(both) -> None:
    full, lean = both
    some = str(full.registrations["id"].iloc[77])
    assert store.position_of(lean, some) == store.position_of(full, some) == 77
    assert store.position_of(lean, "VBS-no-such") is None and store.position_of(lean, "") is None
    assert store.search(lean, ["vbs-"]).all()  # in every id: every registration
    # A word with SQL in it is a word, nothing more.
    assert not store.search(lean, ["'; drop table import_log; --"]).any()


def test_near_a_spot_a_lean_register_answers_as_the_whole_one(both) -> None:
    full, lean = both
    spot = Spot(52.47, 5.55)
    got, want = store.nearby(lean, spot, 250), nearby(full.registrations, spot, 250)
    assert len(want) and got["id"].tolist() == want["id"].tolist()
    assert got.index.tolist() == want.index.tolist()
    assert np.allclose(got["distance_m"], want["distance_m"])


def test_facts_kept_without_the_shapes_kinds_are_worked_out_again(demo_pg: str, both) -> None:
    import io

    from geo.store.lean import BLOBS

    _, lean = both
    blobs = store.open_store(demo_pg).facts(version=lean.version)
    with np.load(io.BytesIO(blobs[BLOBS[1]])) as z:
        older = {k: z[k] for k in z.files if k != "kind"}
    buffer = io.BytesIO()
    np.savez(buffer, **older)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(store.PostGISStore, "facts", lambda self, version: {**blobs, BLOBS[1]: buffer.getvalue()})
        mp.setenv(LEAN_ENV, "0")
        again = store.read_store(demo_pg, lean=True)
    assert np.array_equal(again.derived["kind"], lean.derived["kind"])


def test_which_are_points_and_where_they_lie_in_rd_new_as_in_memory(both) -> None:
    full, lean = both
    assert np.array_equal(store.point_mask(lean), store.point_mask(full))
    kinds = set(full.registrations.geometry.geom_type)
    assert "Point" in kinds and len(kinds) > 1  # the demo has areas and lines too: read from the database
    some = np.arange(0, len(full.registrations), 3)
    (a, xy_a), (b, xy_b) = store.points_rd(full, some), store.points_rd(lean, some)
    assert np.array_equal(xy_a, xy_b, equal_nan=True)  # a point's coordinates from its anchor, reprojected alike
    other = ~np.isfinite(xy_a[:, 0])
    assert [g.equals(h) for g, h in zip(a.geometry[other], b.geometry[other], strict=True)] == [True] * other.sum()
    assert b.geometry[~other].isna().all()  # a point's shape is not fetched


def test_hotspots_and_camera_coverage_on_facts_are_as_in_memory(both) -> None:
    from geo.hotspots import hotspots

    full, lean = both
    some = np.flatnonzero(full.registrations["purpose"].astype(str).str.contains("safety").to_numpy())

    def spots(data: store.Dataset):
        shapes, xy = store.points_rd(data, some)
        return hotspots(shapes, data.neighbourhoods, cell_size_m=250, rd_xy=xy)

    got, want = spots(lean), spots(full)
    pd.testing.assert_frame_equal(got.cells, want.cells)
    assert (got.hot, got.cold, got.outside) == (want.hot, want.cold, want.outside) and want.hot
    cov_lean, cov_full = store.camera_coverage(lean, some), store.camera_coverage(full, some)
    assert (cov_lean.cameras, cov_lean.undirected, cov_lean.mobile) == (cov_full.cameras, cov_full.undirected,
                                                                        cov_full.mobile)
    assert cov_full.cameras > 10
    pd.testing.assert_frame_equal(cov_lean.neighbourhoods, cov_full.neighbourhoods)
