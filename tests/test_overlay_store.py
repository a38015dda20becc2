"""The overlay's two stores: transactional writes (two writers at once lose nothing), withdrawal (undo) that
keeps the record, and the same gazetteer read back — a GeoPackage file and a real PostGIS server."""

from __future__ import annotations

import multiprocessing
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from shapely.geometry import Point

from geoplan.cli import cli
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.overlay import (
    GpkgOverlay,
    OverlayRecord,
    PostgisOverlay,
    open_overlay,
    with_overlay,
)

if TYPE_CHECKING:
    from pg_server import PgServer

pytest_plugins = ["pg_server"]  # the postgis_server fixture

WRITERS, RECORDS_EACH = 2, 40
TOWN = "town:150825:潮格温都尔镇"


def correction(writer: int, number: int) -> OverlayRecord:
    return OverlayRecord(
        place_id=TOWN,
        name="潮格温都尔镇",
        type="town",
        parent_id="banner:150825",
        status="correction",
        precision="point",
        geometry=Point(106.0 + writer / 10 + number / 1000, 41.5),
        note=f"writer {writer} fix {number}",
        imported_by=f"writer-{writer}",
    )


def _write_many(spec: str, writer: int, start: multiprocessing.synchronize.Event) -> None:
    overlay = open_overlay(spec)
    start.wait()
    for number in range(RECORDS_EACH):  # one transaction each, interleaved with the other writer's
        overlay.add([correction(writer, number)])


def concurrent_writes(spec: str) -> None:
    context = multiprocessing.get_context("spawn")  # a fresh interpreter each: separate connections
    start = context.Event()
    workers = [context.Process(target=_write_many, args=(spec, w, start)) for w in range(WRITERS)]
    # Streamlit's AppTest (run by other test files in this process) leaves the app script as
    # sys.modules["__main__"], and spawn re-runs the parent's __main__ in each child: the whole app, 10-30 s
    # before the first write. The writers start from a bare __main__ instead; they write just the same.
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
        for worker in workers:
            worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=240)
        assert worker.exitcode == 0


def check_nothing_lost(overlay) -> None:
    records = overlay.records()
    assert len(records) == WRITERS * RECORDS_EACH
    assert len({r.uid for r in records}) == len(records)
    assert {r.note for r in records} == {
        f"writer {w} fix {n}" for w in range(WRITERS) for n in range(RECORDS_EACH)
    }
    for writer in range(WRITERS):  # each writer's records in its own order
        fids = [r.fid for r in records if r.imported_by == f"writer-{writer}"]
        assert fids == sorted(fids)


def test_two_writers_to_one_geopackage_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared" / "overlay.gpkg"
    concurrent_writes(str(path))
    check_nothing_lost(GpkgOverlay(path))


@pytest.mark.postgis
def test_two_writers_to_postgis_lose_nothing(postgis_server: PgServer) -> None:
    concurrent_writes(postgis_server.dsn)
    overlay = PostgisOverlay(postgis_server.dsn)
    check_nothing_lost(overlay)


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def empty_overlay(request, tmp_path):
    if request.param == "gpkg":
        return GpkgOverlay(tmp_path / "overlay.gpkg")
    server = request.getfixturevalue("postgis_server")
    overlay = PostgisOverlay(server.dsn)
    for record in overlay.records():  # the session's server is shared: start from no live record
        overlay.withdraw(record.uid)
    return overlay


def test_the_latest_live_record_wins_and_undo_restores_the_previous(
    empty_overlay, shipped_gazetteer: Gazetteer
):
    shipped = shipped_gazetteer.get(TOWN)
    first, second = empty_overlay.add([correction(0, 1)])[0], empty_overlay.add([correction(0, 2)])[0]
    assert with_overlay(shipped_gazetteer, empty_overlay.records()).get(TOWN).geometry.equals(second.geometry)
    withdrawn = empty_overlay.withdraw(second.uid, user="reviewer")
    assert withdrawn.withdrawn_by == "reviewer" and withdrawn.withdrawn_at
    place = with_overlay(shipped_gazetteer, empty_overlay.records()).get(TOWN)
    assert place.geometry.equals(first.geometry) and place.geometry_source == first.citation()
    assert place.precision == "point" and "writer 0 fix 1" in place.geometry_source
    empty_overlay.withdraw(first.uid)
    assert with_overlay(shipped_gazetteer, empty_overlay.records()).get(TOWN) == shipped
    assert len(empty_overlay.records(withdrawn=True)) >= 2  # undo hides; the history stays


@pytest.mark.postgis
def test_cli_reads_the_postgis_overlay_from_the_environment(
    postgis_server: PgServer, plan_files, monkeypatch
):
    overlay = PostgisOverlay(postgis_server.dsn)
    for record in overlay.records():
        overlay.withdraw(record.uid)
    saved = overlay.add([correction(1, 7)])[0]
    plan = next(p for p in plan_files if p.name.startswith("002"))
    monkeypatch.setenv("GEOPLAN_DSN", postgis_server.dsn)
    result = CliRunner().invoke(cli, ["places", str(plan)])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if ",潮格温都尔镇," in line)
    assert f"overlay record {saved.uid}" in row and ",106.107,41.5,point," in row
    fixes = CliRunner().invoke(cli, ["gazetteer", "fixes"])
    assert fixes.exit_code == 0 and "writer 1 fix 7" in fixes.output
    shipped = CliRunner().invoke(cli, ["places", str(plan), "--no-overlay"])
    assert "overlay record" not in shipped.stdout
