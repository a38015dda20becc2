"""The PostGIS store against a real throwaway PostgreSQL/PostGIS server (see ``pg_server.py``)."""

from __future__ import annotations

import json
import threading
import time
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import pyogrio
import pytest
from click.testing import CliRunner
from geopandas.testing import assert_geodataframe_equal
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from geoplan.atlas.schema import BASE_COLUMNS, FEATURE_COLUMNS, read_atlas
from geoplan.atlas.tables import split_layers
from geoplan.cli import cli
from geoplan.errors import AtlasError, DsnError, InputError, StoreError
from geoplan.layers import load_layers
from geoplan.output.store import CATALOG_TABLE, STAGING_SUFFIX, list_postgis, read_postgis, write_postgis

if TYPE_CHECKING:
    from pg_server import PgServer

pytestmark = pytest.mark.postgis
pytest_plugins = ["pg_server"]  # the postgis_server fixture

TRICKY_TEXT = "鄂尔多斯\t准格尔旗\n'引号' \"双引号\" back\\slash \\N 100%"
INT_COLUMNS = {"item", "page", "approximate"}


def _feature_rows(layer: str, count: int) -> list[dict[str, object]]:
    rows = []
    for number in range(count):
        row: dict[str, object] = {column: "" for column in FEATURE_COLUMNS}
        row.update({column: number for column in INT_COLUMNS})
        row.update(
            feature_id=f"测试规划:{layer}:{number}",
            name=f"{layer}示范项目{number}号",
            kind="project",
            layer=layer,
            excerpt=TRICKY_TEXT if number == 0 else f"建设{number}万千瓦",
            quantities=json.dumps([{"text": "100万千瓦", "value": 100}], ensure_ascii=False),
            section=None if number == 1 else "第二节 示例",
        )
        rows.append(row)
    return rows


def _base_rows(names: list[str]) -> list[dict[str, object]]:
    return [
        {**{column: "" for column in BASE_COLUMNS}, "place_id": f"test:{name}", "name": name, "type": "town"}
        for name in names
    ]


def _frame(
    rows: list[dict[str, object]], columns: dict[str, str], geometries: list, crs: str
) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(rows, columns=list(columns), geometry=geometries, crs=crs)
    for column in INT_COLUMNS & set(frame.columns):
        frame[column] = frame[column].astype("int64")
    for column in set(frame.columns) - INT_COLUMNS - {"geometry"}:
        frame[column] = frame[column].astype("str")
    return frame


@pytest.fixture(scope="module")
def atlas() -> dict[str, gpd.GeoDataFrame]:
    """A small atlas with the agreed columns, every geometry kind, Chinese and COPY-hostile text."""
    square = Polygon([(108, 39), (109, 39), (109, 40), (108, 40)])
    two_squares = MultiPolygon([square, Polygon([(110, 41), (111, 41), (111, 42), (110, 42)])])
    lines = [LineString([(12_000_000, 4_800_000), (12_100_000, 4_900_000)]) for _ in range(3)]
    frames = {
        "leagues": _frame(
            _base_rows(["鄂尔多斯市", "乌海市"]), BASE_COLUMNS, [two_squares, square], "EPSG:4326"
        ),
        "towns": _frame(
            _base_rows(["东胜", "达拉特", "无坐标"]),
            BASE_COLUMNS,
            [Point(109.98, 39.82), Point(110.04, 40.4), None],
            "EPSG:4326",
        ),
        "industry": _frame(
            _feature_rows("industry", 4),
            FEATURE_COLUMNS,
            [Point(109.1, 39.5), Point(109.2, 39.6), LineString([(109, 39), (110, 40)]), square],
            "EPSG:4326",
        ),
        "infrastructure": _frame(_feature_rows("infrastructure", 3), FEATURE_COLUMNS, lines, "EPSG:3857"),
    }
    empty = {  # every other layer of layers.yaml, without rows
        "thematic": lambda layer: _frame(_feature_rows(layer, 0), FEATURE_COLUMNS, [], "EPSG:4326"),
        "base": lambda layer: _frame([], BASE_COLUMNS, [], "EPSG:4326"),
    }
    return {d.id: frames[d.id] if d.id in frames else empty[d.group](d.id) for d in load_layers()}


def _key(frame: gpd.GeoDataFrame) -> str:
    return "feature_id" if "feature_id" in frame.columns else "place_id"


def assert_same_atlas(expected: dict[str, gpd.GeoDataFrame], actual: dict[str, gpd.GeoDataFrame]) -> None:
    assert list(actual) == list(expected)
    for name, frame in expected.items():
        frame = frame.to_crs("EPSG:4326").sort_values(_key(frame)).reset_index(drop=True)
        try:
            assert_geodataframe_equal(actual[name], frame)
        except AssertionError as error:
            raise AssertionError(f"layer {name}: {error}") from None


def _query(server: PgServer, query: str, params: list[object] | None = None) -> list[tuple]:
    with psycopg.connect(server.admin_dsn, autocommit=True) as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def _schemas(server: PgServer) -> set[str]:
    return {name for (name,) in _query(server, "SELECT nspname FROM pg_namespace")}


# ------------------------------------------------------------------------------------------ round trips


def test_round_trip_keeps_counts_values_text_and_geometries(postgis_server: PgServer, atlas) -> None:
    write_postgis(atlas, postgis_server.dsn, schema="t_round")
    back = read_postgis(postgis_server.dsn, schema="t_round")
    assert_same_atlas(atlas, back)
    assert back["industry"].loc[0, "excerpt"] == TRICKY_TEXT
    assert back["towns"].geometry.isna().sum() == 1
    assert back["infrastructure"].crs == "EPSG:4326"
    assert back["infrastructure"].total_bounds[0] == pytest.approx(107.8, abs=0.1)  # reprojected from 3857


def test_round_trip_of_other_column_types(postgis_server: PgServer) -> None:
    frame = gpd.GeoDataFrame(
        {
            "place_id": ["甲", "乙"],
            "updated": pd.to_datetime(["2025-01-02 03:04:05", None]),
            "updated_utc": pd.to_datetime(["2025-01-02 03:04:05+08:00", None], utc=True),
            "checked": [True, False],
            "count": pd.array([1, None], dtype="Int64"),
            "share": [0.25, np.nan],
            "note": ["有", None],
        },
        geometry=[Point(110, 40, 1200), Point(111, 41, 900)],
        crs="EPSG:4326",
    )
    write_postgis({"extra": frame}, postgis_server.dsn, schema="t_types")
    assert_same_atlas({"extra": frame}, read_postgis(postgis_server.dsn, schema="t_types"))
    assert list_postgis(postgis_server.dsn, schema="t_types")[0].geometry_type == "POINTZ"


def test_read_selected_layers_and_unknown_layer(postgis_server: PgServer, atlas) -> None:
    write_postgis(atlas, postgis_server.dsn, schema="t_select")
    back = read_postgis(postgis_server.dsn, schema="t_select", layers=["towns", "leagues"])
    assert list(back) == ["towns", "leagues"]
    with pytest.raises(AtlasError, match="no layer nowhere"):
        read_postgis(postgis_server.dsn, schema="t_select", layers=["nowhere"])
    with pytest.raises(AtlasError, match="holds no geoplan atlas"):
        read_postgis(postgis_server.dsn, schema="t_never_pushed")


def test_shipped_atlas_round_trip(postgis_server: PgServer, atlas_path) -> None:
    layers = read_atlas(atlas_path)
    broken = [name for name, frame in layers.items() if frame[_key(frame)].duplicated().any()]
    if broken:
        with pytest.raises(InputError, match="not unique"):
            write_postgis(layers, postgis_server.dsn, schema="t_shipped")
        pytest.xfail(f"the shipped atlas repeats keys in {', '.join(broken)}; ids must be unique to push it")
    write_postgis(layers, postgis_server.dsn, schema="t_shipped")
    assert_same_atlas(layers, read_postgis(postgis_server.dsn, schema="t_shipped"))


def test_tables_have_gist_index_primary_key_and_srid(postgis_server: PgServer, atlas) -> None:
    write_postgis(atlas, postgis_server.dsn, schema="t_index")
    tables = {name: frame for name, (frame, _) in split_layers(atlas).items()}
    for name, frame in tables.items():
        gist = _query(
            postgis_server,
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 't_index' AND tablename = %s AND indexdef ~* 'USING gist'",
            [name],
        )
        assert len(gist) == 1 and "(geometry)" in gist[0][0], name
        primary_key = _query(
            postgis_server,
            """SELECT a.attname FROM pg_constraint c
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
               WHERE c.contype = 'p' AND c.conrelid = format('t_index.%%I', %s::text)::regclass""",
            [name],
        )
        assert primary_key == [(_key(frame),)], name
    srids = _query(
        postgis_server,
        "SELECT f_table_name, srid, type FROM geometry_columns WHERE f_table_schema = 't_index'",
    )
    assert {table for table, _, _ in srids} == set(tables)
    assert {srid for _, srid, _ in srids} == {4326}
    kinds = dict((table, kind) for table, _, kind in srids)
    assert kinds["towns"] == "POINT"  # one geometry type per table, even for an empty one
    assert kinds["ecology_line"] == "MULTILINESTRING" and "GEOMETRY" not in kinds.values()


def test_info_lists_layers_with_counts(postgis_server: PgServer, atlas) -> None:
    write_postgis(atlas, postgis_server.dsn, schema="t_info")
    stored = list_postgis(postgis_server.dsn, schema="t_info")
    assert [(entry.layer, entry.features) for entry in stored] == [
        (name, len(frame)) for name, (frame, _) in split_layers(atlas).items()
    ]
    assert {entry.key_column for entry in stored if entry.group == "thematic"} == {"feature_id"}


# ------------------------------------------------------------------------------------------ failures


def test_failed_push_leaves_previous_atlas_intact(postgis_server: PgServer, atlas) -> None:
    write_postgis(atlas, postgis_server.dsn, schema="t_failed")
    bad = {name: frame.copy() for name, frame in atlas.items()}
    bad["infrastructure"].loc[1, "name"] = "含有\x00的名称"  # PostgreSQL text cannot hold NUL: fails mid-push
    bad["industry"].loc[0, "name"] = "已被改写"
    with pytest.raises(
        StoreError, match="loading layer 'infrastructure_.*previous atlas is unchanged"
    ) as caught:
        write_postgis(bad, postgis_server.dsn, schema="t_failed")
    assert "\n" not in str(caught.value) and postgis_server.password not in str(caught.value)
    assert_same_atlas(atlas, read_postgis(postgis_server.dsn, schema="t_failed"))
    assert "t_failed" + STAGING_SUFFIX not in _schemas(postgis_server)


def test_connection_dropped_mid_push_leaves_previous_atlas_intact(postgis_server: PgServer, atlas) -> None:
    write_postgis(atlas, postgis_server.dsn, schema="t_drop")
    changed = {name: frame.assign(name="新名称") for name, frame in atlas.items()}
    failures: list[BaseException] = []

    def push() -> None:
        try:
            write_postgis(changed, postgis_server.dsn, schema="t_drop")
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            failures.append(error)

    with psycopg.connect(postgis_server.admin_dsn) as reader:  # a reader holds the old table open...
        reader.execute("SELECT count(*) FROM t_drop.industry_point").fetchone()
        pusher = threading.Thread(target=push)
        pusher.start()
        deadline = time.monotonic() + 20
        pid = None
        while pid is None and time.monotonic() < deadline:  # ...so the push waits at the swap, staging loaded
            rows = _query(
                postgis_server,
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'geoplan' AND wait_event_type = 'Lock'",
            )
            pid = rows[0][0] if rows else time.sleep(0.05)
        assert pid is not None, "the push never reached the swap"
        _query(postgis_server, "SELECT pg_terminate_backend(%s)", [pid])  # the connection drops
        pusher.join(30)
        reader.rollback()
    assert len(failures) == 1 and isinstance(failures[0], StoreError), failures
    assert "swapping in schema 't_drop'" in str(failures[0]) and "previous atlas is unchanged" in str(
        failures[0]
    )
    assert postgis_server.password not in str(failures[0])
    assert_same_atlas(atlas, read_postgis(postgis_server.dsn, schema="t_drop"))
    assert "t_drop" + STAGING_SUFFIX not in _schemas(postgis_server)


#: rounds of two concurrent pushes under a busy reader (one round caught a swap error about 1 in 12)
MIX_ROUNDS = 4


def test_readers_never_see_a_mix_of_two_pushes(postgis_server: PgServer, atlas) -> None:
    versions = {
        f"版本{number}": {name: frame.assign(name=f"版本{number}") for name, frame in atlas.items()}
        for number in range(3)
    }
    write_postgis(versions["版本0"], postgis_server.dsn, schema="t_concurrent")
    errors: list[BaseException] = []
    seen = []

    def push(version: str) -> None:
        try:
            write_postgis(versions[version], postgis_server.dsn, schema="t_concurrent")
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            errors.append(error)

    for _ in range(MIX_ROUNDS):
        pushers = [threading.Thread(target=push, args=(version,)) for version in list(versions)[1:]]
        for pusher in pushers:
            pusher.start()
        reads = 0
        while any(pusher.is_alive() for pusher in pushers) or not reads:
            snapshot = read_postgis(postgis_server.dsn, schema="t_concurrent")
            seen.append({name for frame in snapshot.values() for name in frame["name"]})
            reads += 1
        for pusher in pushers:
            pusher.join()
    assert errors == []
    assert all(len(names) == 1 for names in seen), seen
    final = read_postgis(postgis_server.dsn, schema="t_concurrent")
    assert len({name for frame in final.values() for name in frame["name"]}) == 1


def test_a_reader_waiting_on_the_swap_reads_the_new_atlas(postgis_server: PgServer, atlas) -> None:
    """The exact window: a reader arrives while a push holds the swap lock, dropped the old schema and
    renamed the new one in; when the push commits, the reader gets the new atlas, not an error."""
    old = {name: frame.assign(name="旧") for name, frame in atlas.items()}
    new = {name: frame.assign(name="新") for name, frame in atlas.items()}
    write_postgis(old, postgis_server.dsn, schema="t_window")
    write_postgis(new, postgis_server.dsn, schema="t_window_new")  # what the push swaps in
    result: list[object] = []
    with psycopg.connect(postgis_server.admin_dsn) as pusher:
        pusher.execute(f"LOCK TABLE t_window.{CATALOG_TABLE} IN ACCESS EXCLUSIVE MODE")
        reader = threading.Thread(
            target=lambda: result.append(_read_or_error(postgis_server.dsn, "t_window")), daemon=True
        )
        reader.start()
        time.sleep(0.5)  # the reader now waits on the catalog lock
        pusher.execute("DROP SCHEMA t_window CASCADE")
        pusher.execute("ALTER SCHEMA t_window_new RENAME TO t_window")
        assert reader.is_alive()
        pusher.commit()
    reader.join(30)
    assert isinstance(result[0], dict), result
    assert {name for frame in result[0].values() for name in frame["name"]} == {"新"}


def test_a_read_that_meets_a_swap_is_retried(postgis_server: PgServer, atlas, monkeypatch) -> None:
    """Whatever object vanishes under a reader during a swap, the read starts again on the new atlas."""
    from geoplan.output import store

    write_postgis(atlas, postgis_server.dsn, schema="t_retry")
    real = store._read_catalog
    calls = []

    def vanishing(cur, schema):
        calls.append(schema)
        if len(calls) < 3:
            raise psycopg.errors.UndefinedTable("relation t_retry.industry does not exist")
        return real(cur, schema)

    monkeypatch.setattr(store, "_read_catalog", vanishing)
    assert set(read_postgis(postgis_server.dsn, schema="t_retry")) == set(atlas)
    assert len(calls) == 3


def _read_or_error(dsn: str, schema: str) -> object:
    try:
        return read_postgis(dsn, schema=schema)
    except Exception as error:  # noqa: BLE001 - the test inspects it
        return error


def test_grants_survive_a_push(postgis_server: PgServer, atlas) -> None:
    write_postgis(atlas, postgis_server.dsn, schema="t_grants")
    _query(postgis_server, "DROP ROLE IF EXISTS t_grants_reader; CREATE ROLE t_grants_reader")
    _query(postgis_server, "GRANT USAGE ON SCHEMA t_grants TO t_grants_reader")
    _query(postgis_server, "GRANT SELECT ON t_grants.industry_point TO t_grants_reader")
    write_postgis(atlas, postgis_server.dsn, schema="t_grants")
    rights = _query(
        postgis_server,
        """SELECT has_schema_privilege('t_grants_reader', 't_grants', 'USAGE'),
                  has_table_privilege('t_grants_reader', 't_grants.industry_point', 'SELECT'),
                  has_table_privilege('t_grants_reader', 't_grants.towns', 'SELECT')""",
    )
    assert rights == [(True, True, False)]


@pytest.fixture(scope="module")
def pushed_once(postgis_server: PgServer, atlas) -> None:
    """The atlas in schema t_input, pushed once for the tests that must leave it unchanged."""
    write_postgis(atlas, postgis_server.dsn, schema="t_input")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda layers: layers["towns"].assign(place_id="test:同一"), "not unique"),
        (lambda layers: layers["towns"].drop(columns="place_id"), "lacks its key column 'place_id'"),
        (lambda layers: layers["towns"].set_crs(None, allow_override=True), "has no CRS"),
        (
            lambda layers: layers["towns"].assign(extra=[1, "二", None]),
            "column 'extra' holds mixed-integer values",
        ),
    ],
    ids=["duplicate-key", "no-key", "no-crs", "mixed-column"],
)
def test_unusable_layer_is_input_error_and_nothing_changes(
    postgis_server: PgServer, atlas, pushed_once, change, message
) -> None:
    with pytest.raises(InputError, match=message):
        write_postgis({**atlas, "towns": change(atlas)}, postgis_server.dsn, schema="t_input")
    assert_same_atlas(atlas, read_postgis(postgis_server.dsn, schema="t_input"))


def test_refuses_schemas_geoplan_did_not_write(postgis_server: PgServer, atlas) -> None:
    with pytest.raises(InputError, match="reserved"):
        write_postgis(atlas, postgis_server.dsn, schema="public")
    _query(
        postgis_server,
        "CREATE SCHEMA t_foreign; CREATE TABLE t_foreign.keep (id int); GRANT ALL ON SCHEMA t_foreign TO PUBLIC",
    )
    _query(postgis_server, "GRANT ALL ON t_foreign.keep TO PUBLIC")
    with pytest.raises(StoreError, match="holds tables geoplan did not write"):
        write_postgis(atlas, postgis_server.dsn, schema="t_foreign")
    assert _query(postgis_server, "SELECT to_regclass('t_foreign.keep') IS NOT NULL") == [(True,)]


def test_database_without_postgis_gives_clear_error(postgis_server: PgServer, atlas) -> None:
    _query(postgis_server, "DROP DATABASE IF EXISTS t_plain")
    _query(postgis_server, "CREATE DATABASE t_plain OWNER geoplan_test")
    plain = postgis_server.dsn.rsplit("/", 1)[0] + "/t_plain"
    with pytest.raises(StoreError, match="has no PostGIS.*CREATE EXTENSION postgis") as caught:
        write_postgis(atlas, plain, schema="t_plain")
    assert postgis_server.password not in str(caught.value)


# ------------------------------------------------------------------------------------------ CLI


@pytest.fixture()
def atlas_file(tmp_path, atlas):
    path = tmp_path / "atlas.gpkg"
    for name, frame in atlas.items():
        pyogrio.write_dataframe(frame.to_crs("EPSG:4326"), path, layer=name, driver="GPKG")
    return path


def _invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_cli_push_info_pull(postgis_server: PgServer, atlas, atlas_file, tmp_path) -> None:
    dsn = postgis_server.dsn
    pushed = _invoke("store", "push", str(atlas_file), "--schema", "t_cli", env={"GEOPLAN_DSN": dsn})
    assert pushed.exit_code == 0, pushed.output
    layers, features = len(atlas), sum(len(frame) for frame in atlas.values())
    assert f"pushed {layers} layers ({features} features)" in pushed.output
    assert postgis_server.password not in pushed.output
    info = _invoke("store", "info", "--dsn", dsn, "--schema", "t_cli", "--json")
    assert info.exit_code == 0, info.output
    assert {row["layer"]: row["features"] for row in json.loads(info.stdout)} == {
        n: len(f) for n, (f, _) in split_layers(atlas).items()
    }
    text = _invoke("store", "info", "--dsn", dsn, "--schema", "t_cli")
    tables = len(split_layers(atlas))
    assert (
        f"{layers} layers ({tables} tables), {features} features" in text.output
        and "产业园区与产业项目" in text.output
    )
    out = tmp_path / "pulled.gpkg"
    pulled = _invoke("store", "pull", "--dsn", dsn, "--schema", "t_cli", "--out", str(out))
    assert pulled.exit_code == 0, pulled.output
    assert_same_atlas(read_atlas(atlas_file), read_atlas(out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas.gpkg", "pulled.gpkg"]


def test_cli_pull_is_atomic_and_never_overwrites_unasked(postgis_server: PgServer, atlas, tmp_path) -> None:
    write_postgis(atlas, postgis_server.dsn, schema="t_pull")
    out = tmp_path / "existing.gpkg"
    out.write_bytes(b"previous contents")
    refused = _invoke("store", "pull", "--dsn", postgis_server.dsn, "--schema", "t_pull", "--out", str(out))
    assert refused.exit_code == 2 and "--overwrite" in refused.stderr
    failed = _invoke(
        "store", "pull", "--dsn", postgis_server.dsn, "--schema", "t_none", "--out", str(out), "--overwrite"
    )
    assert failed.exit_code == 1 and "holds no geoplan atlas" in failed.stderr
    assert out.read_bytes() == b"previous contents" and [p.name for p in tmp_path.iterdir()] == [
        "existing.gpkg"
    ]
    replaced = _invoke(
        "store", "pull", "--dsn", postgis_server.dsn, "--schema", "t_pull", "--out", str(out), "--overwrite"
    )
    assert replaced.exit_code == 0, replaced.output
    assert [name for name, _ in pyogrio.list_layers(out)] == [*split_layers(atlas), "layer_styles"]
    assert [p.name for p in tmp_path.iterdir()] == ["existing.gpkg"]


def test_cli_bad_dsn_gives_one_line_without_password(postgis_server: PgServer, atlas_file) -> None:
    secret = "Sup3r-Secret-pw"
    wrong_password = postgis_server.dsn.replace(postgis_server.password, secret)
    closed_port = f"postgresql://geoplan_test:{secret}@127.0.0.1:1/geoplan_test"
    cases = [
        (wrong_password, 1, "password authentication failed"),
        (closed_port, 1, "127.0.0.1:1"),
        (f"host=127.0.0.1 password={secret} dbname", 2, "invalid PostGIS DSN"),
        (f"postgresql://geoplan_test:{secret}@127.0.0.1:notaport/db", 1, "port"),
    ]
    for dsn, exit_code, message in cases:
        for args in (
            ["push", str(atlas_file)],
            ["info"],
            ["pull", "--out", str(atlas_file.with_name("x.gpkg"))],
        ):
            result = _invoke("store", *args, "--dsn", dsn)
            assert result.exit_code == exit_code, (dsn, args, result.output)
            assert message in result.stderr, result.stderr
            assert result.stderr.strip().count("\n") == 0, result.stderr
            assert secret not in result.output and postgis_server.password not in result.output
    assert not atlas_file.with_name("x.gpkg").exists()


def test_cli_requires_a_dsn(monkeypatch) -> None:
    monkeypatch.delenv("GEOPLAN_DSN", raising=False)
    result = _invoke("store", "info")
    assert result.exit_code == 2 and "GEOPLAN_DSN" in result.stderr
    with pytest.raises(DsnError):
        list_postgis("   ")


def test_catalog_table_is_not_a_layer(postgis_server: PgServer, atlas) -> None:
    write_postgis(atlas, postgis_server.dsn, schema="t_catalog")
    assert CATALOG_TABLE not in read_postgis(postgis_server.dsn, schema="t_catalog")
