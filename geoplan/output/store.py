"""The server store: the atlas in PostGIS, one table per layer and geometry type (EPSG:4326, GiST index,
primary key), named as in the GeoPackage (``leagues``, ``industry_point``, ``industry_line`` …).

:func:`write_postgis` loads every layer into a staging schema inside one transaction and swaps it in
at the end, so a reader sees the previous atlas or the new one, never half of each; a failed push
(bad data, a dropped connection, a full disk) rolls back and leaves the previous atlas intact.
Rows travel through ``COPY`` with the geometry as hex EWKB (psycopg 3), so geoplan needs neither
SQLAlchemy nor GeoAlchemy2.  A catalog table, ``<schema>._geoplan_layers``, records each layer's
order, title, group, key column and geometry type; :func:`read_postgis` reads it back.

>>> write_postgis(read_atlas(), "postgresql://geoplan@db.example/atlas")   # doctest: +SKIP
>>> read_postgis("postgresql://geoplan@db.example/atlas", layers=["industry"])   # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely
from psycopg import sql

from geoplan import __version__
from geoplan.atlas.tables import group_tables, layer_of_table, split_layers
from geoplan.dsn import PgTarget
from geoplan.errors import AtlasError, InputError, StoreError, one_line
from geoplan.layers import load_layers

_T = TypeVar("_T")

SRID = 4326
CRS = f"EPSG:{SRID}"
CATALOG_TABLE = "_geoplan_layers"
STAGING_SUFFIX = "__staging"
KEY_COLUMNS = {"thematic": "feature_id", "base": "place_id"}
SWAP_LOCK_TIMEOUT = "60s"  # how long a push waits for readers of the old atlas before giving up
_MAX_IDENTIFIER_BYTES = 63
_RESERVED_SCHEMAS = {"public", "information_schema", "topology", "tiger", "tiger_data"}

#: numpy dtype kind -> PostgreSQL column type (strings are checked separately and become text).
_COLUMN_TYPES = {"i": "bigint", "u": "bigint", "f": "double precision", "b": "boolean"}
#: pandas.api.types.infer_dtype of an object/string column -> PostgreSQL column type.
_INFERRED_TYPES = {
    "string": "text",
    "empty": "text",
    "boolean": "boolean",
    "integer": "bigint",
    "floating": "double precision",
    "mixed-integer-float": "double precision",
}
#: PostgreSQL type name -> pandas dtype on the way back.
_READ_DTYPES = {
    "int2": "int64",
    "int4": "int64",
    "int8": "int64",
    "float4": "float64",
    "float8": "float64",
    "numeric": "float64",
    "bool": "bool",
    "text": "str",
    "varchar": "str",
    "bpchar": "str",
}
_NULLABLE_DTYPES = {"int64": "Int64", "bool": "boolean"}
_TYPMOD_NAMES = {
    "Point": "POINT",
    "LineString": "LINESTRING",
    "Polygon": "POLYGON",
    "MultiPoint": "MULTIPOINT",
    "MultiLineString": "MULTILINESTRING",
    "MultiPolygon": "MULTIPOLYGON",
    "GeometryCollection": "GEOMETRYCOLLECTION",
}
_CATALOG_COLUMNS = (
    "position",
    "layer",
    "title",
    "layer_group",
    "key_column",
    "geometry_column",
    "geometry_type",
    "features",
    "geoplan_version",
)
_GRANTABLE = {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "USAGE", "CREATE"}


@dataclass(frozen=True)
class StoredLayer:
    """One layer of an atlas in PostGIS, as ``geoplan store info`` lists it."""

    layer: str
    title: str
    group: str
    key_column: str
    geometry_type: str
    features: int
    pushed_at: datetime | None


@dataclass(frozen=True)
class _Table:
    """A layer checked and ready to load: frame in EPSG:4326 and its column types."""

    layer: str
    title: str
    group: str
    key: str
    geometry_column: str
    geometry_type: str
    columns: tuple[tuple[str, str], ...]  # (name, PostgreSQL type), in frame order, geometry included
    frame: gpd.GeoDataFrame = field(repr=False)


# --------------------------------------------------------------------------------------------- public API


def write_postgis(layers: dict[str, gpd.GeoDataFrame], dsn: str, schema: str = "geoplan") -> None:
    """Replace the atlas in ``schema`` with ``layers``: all of them or, on any failure, none.

    Each layer becomes a table ``schema.<layer id>`` with a ``geometry(<type>, 4326)`` column, a
    GiST index on it and a primary key (``feature_id`` for thematic layers, ``place_id`` for base
    layers).  Grants on the old schema and its tables are carried over to the new ones.

    Raises :class:`InputError` for unusable layers (before connecting), :class:`DsnError` for a
    malformed DSN and :class:`StoreError` when the server cannot be reached or refuses the data.
    """
    _check_schema_name(schema)
    target = PgTarget.parse(dsn)
    if not layers:
        raise InputError("nothing to push: no layers given")
    tables = [_prepare(name, frame, geometry_type) for name, (frame, geometry_type) in _split(layers).items()]
    staging = schema + STAGING_SUFFIX
    step = "connecting"
    try:
        with target.connect() as conn, conn.cursor() as cur:
            with conn.transaction():
                step = "preparing the staging schema"
                cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"geoplan.output.store:{schema}"])
                _ensure_postgis(cur, target)
                replaces_atlas = _check_replaceable(cur, schema, target)
                cur.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(staging)))
                cur.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(staging)))
                _create_catalog(cur, staging)
                for position, table in enumerate(tables):
                    step = f"loading layer {table.layer!r}"
                    _load(cur, staging, table, position)
                step = f"carrying over the grants of schema {schema!r}"
                grants = _grants(cur, schema, staging, [table.layer for table in tables])
                for statement in grants:
                    cur.execute(statement)
                step = f"swapping in schema {schema!r}"
                cur.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(SWAP_LOCK_TIMEOUT)))
                if replaces_atlas:  # readers lock the catalog first (see _snapshot): wait for them there
                    cur.execute(
                        sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(
                            sql.Identifier(schema, CATALOG_TABLE)
                        )
                    )
                cur.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
                cur.execute(
                    sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(
                        sql.Identifier(staging), sql.Identifier(schema)
                    )
                )
                step = "committing"
    except psycopg.Error as error:
        if step == "connecting":
            raise StoreError(target.failure("cannot connect", error)) from None
        outcome = (
            "the outcome is unknown: check with 'geoplan store info'"
            if step == "committing"
            else "the previous atlas is unchanged"
        )
        raise StoreError(
            target.failure(f"push to schema {schema!r} failed while {step} ({outcome})", error)
        ) from None


def read_postgis(
    dsn: str, schema: str = "geoplan", layers: list[str] | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """Read every layer (or the named ones) of the atlas in ``schema``, in push order, EPSG:4326.

    All layers come from one consistent snapshot; a layer's one-geometry-type tables come back as one
    frame, its rows ordered by the layer's key column.
    Raises :class:`AtlasError` when the schema holds no atlas or lacks a layer.
    """
    _check_schema_name(schema, reading=True)
    target = PgTarget.parse(dsn)

    def work(cur: psycopg.Cursor) -> dict[str, gpd.GeoDataFrame]:
        catalog = _read_catalog(cur, schema)
        wanted = _select_layers(catalog, layers, schema, target)
        tables = {entry["layer"]: _read_layer(cur, schema, entry, target) for entry in wanted}
        keys = {layer_of_table(str(entry["layer"]))[0]: str(entry["key_column"]) for entry in wanted}
        grouped = group_tables(tables)
        return {name: _sorted(grouped[name], keys[name]) for name in (layers or grouped)}

    return _consistent_read(target, schema, work)


def _sorted(frame: gpd.GeoDataFrame, key: str) -> gpd.GeoDataFrame:
    """The layer's rows ordered by its key column (its tables come back one after another)."""
    return frame.sort_values(key, kind="stable").reset_index(drop=True) if key in frame else frame


def list_postgis(dsn: str, schema: str = "geoplan") -> list[StoredLayer]:
    """The layers of the atlas in ``schema`` with their live feature counts, in push order."""
    _check_schema_name(schema, reading=True)
    target = PgTarget.parse(dsn)
    return _consistent_read(target, schema, lambda cur: _stored_layers(cur, schema))


def _stored_layers(cur: psycopg.Cursor, schema: str) -> list[StoredLayer]:
    stored = []
    for entry in _read_catalog(cur, schema):
        cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(schema, entry["layer"])))
        (features,) = cur.fetchone()
        stored.append(
            StoredLayer(
                layer=entry["layer"],
                title=entry["title"],
                group=entry["layer_group"],
                key_column=entry["key_column"],
                geometry_type=entry["geometry_type"],
                features=int(features),
                pushed_at=entry["pushed_at"],
            )
        )
    return stored


# --------------------------------------------------------------------------------------------- checks


def _check_identifier(name: object, what: str) -> str:
    if not isinstance(name, str) or not name:
        raise InputError(f"{what} {name!r} is not a usable name")
    if "\x00" in name or len(name.encode("utf-8")) > _MAX_IDENTIFIER_BYTES:
        raise InputError(
            f"{what} {name!r} is longer than PostgreSQL's {_MAX_IDENTIFIER_BYTES} bytes or holds NUL"
        )
    return name


def _check_schema_name(schema: str, *, reading: bool = False) -> None:
    _check_identifier(schema, "schema")
    if len((schema + STAGING_SUFFIX).encode("utf-8")) > _MAX_IDENTIFIER_BYTES:
        raise InputError(f"schema name {schema!r} is too long (at most {_MAX_IDENTIFIER_BYTES - 9} bytes)")
    if not reading and (schema.lower() in _RESERVED_SCHEMAS or schema.lower().startswith("pg_")):
        raise InputError(
            f"schema {schema!r} is reserved; geoplan replaces its schema on every push, use another"
        )


def _split(layers: dict[str, gpd.GeoDataFrame]) -> dict[str, tuple[gpd.GeoDataFrame, str]]:
    """The layers as one-geometry-type tables (``industry_point`` …, see :mod:`geoplan.atlas.tables`)."""
    for layer, frame in layers.items():
        if not isinstance(frame, gpd.GeoDataFrame) or frame._geometry_column_name not in frame.columns:
            raise InputError(f"layer {layer!r} is not a GeoDataFrame with a geometry column")
        if frame.crs is None:
            raise InputError(f"layer {layer!r} has no CRS; set it (the atlas is {CRS})")
    try:
        return split_layers(layers)
    except AtlasError as error:
        raise InputError(str(error)) from None


def _prepare(layer: str, frame: gpd.GeoDataFrame, declared: str | None = None) -> _Table:
    """Check one table and work out its definition; raise InputError on anything unusable.

    ``declared``: the table's one geometry type (``MultiPoint`` …) when known, else read from the rows."""
    _check_identifier(layer, "layer")
    if layer == CATALOG_TABLE:
        raise InputError(f"layer name {layer!r} is reserved for geoplan's catalog table")
    if not isinstance(frame, gpd.GeoDataFrame) or frame._geometry_column_name not in frame.columns:
        raise InputError(f"layer {layer!r} is not a GeoDataFrame with a geometry column")
    if frame.crs is None:
        raise InputError(f"layer {layer!r} has no CRS; set it (the atlas is {CRS})")
    if frame.crs != CRS:
        frame = frame.to_crs(CRS)
    if frame.columns.has_duplicates:
        raise InputError(f"layer {layer!r} has duplicate column names")
    definitions = {definition.id: definition for definition in load_layers()}
    layer_id, family = layer_of_table(layer)
    definition = definitions.get(layer_id)
    if definition is not None:
        group = definition.group
        title = definition.title + (f" ({family})" if family and layer != layer_id else "")
    elif KEY_COLUMNS["thematic"] in frame.columns:
        group, title = "thematic", layer
    else:
        group, title = "base", layer
    key = KEY_COLUMNS[group]
    _check_key(layer, frame, key)
    geometry_column = frame.geometry.name
    geometry_type = _geometry_type(layer, frame.geometry)
    if declared is not None:
        geometry_type = _TYPMOD_NAMES[declared] + geometry_type.removeprefix(geometry_type.rstrip("Z"))
    columns = []
    for name in frame.columns:
        _check_identifier(name, f"layer {layer!r}: column")
        if name == geometry_column:
            columns.append((name, f"geometry({geometry_type}, {SRID})"))
        else:
            columns.append((name, _column_type(layer, name, frame[name])))
    return _Table(
        layer=layer,
        title=title,
        group=group,
        key=key,
        geometry_column=geometry_column,
        geometry_type=geometry_type,
        columns=tuple(columns),
        frame=frame,
    )


def _check_key(layer: str, frame: pd.DataFrame, key: str) -> None:
    if key not in frame.columns:
        raise InputError(f"layer {layer!r} lacks its key column {key!r}")
    values = frame[key]
    if values.isna().any():
        raise InputError(f"layer {layer!r}: {int(values.isna().sum())} rows have no {key}")
    duplicated = values[values.duplicated()].unique()
    if len(duplicated):
        examples = ", ".join(map(str, duplicated[:3]))
        raise InputError(f"layer {layer!r}: {len(duplicated)} {key} values are not unique (e.g. {examples})")


def _column_type(layer: str, name: str, values: pd.Series) -> str:
    kind = values.dtype.kind
    if kind in _COLUMN_TYPES:
        return _COLUMN_TYPES[kind]
    if kind == "M":
        return "timestamptz" if getattr(values.dtype, "tz", None) is not None else "timestamp"
    inferred = pd.api.types.infer_dtype(values, skipna=True)
    if inferred not in _INFERRED_TYPES:
        raise InputError(
            f"layer {layer!r}: column {name!r} holds {inferred} values; "
            "only text, numbers, booleans and timestamps can be stored"
        )
    return _INFERRED_TYPES[inferred]


def _geometry_type(layer: str, geometries: gpd.GeoSeries) -> str:
    """The column type for the layer's geometries: e.g. ``POINT``, ``POLYGONZ`` or ``GEOMETRY``."""
    present = geometries[geometries.notna()]
    names = {_TYPMOD_NAMES.get(name, "GEOMETRY") for name in present.geom_type}
    base = names.pop() if len(names) == 1 else "GEOMETRY"
    dimensions = set(present[~present.is_empty].has_z)
    if len(dimensions) > 1:
        raise InputError(f"layer {layer!r} mixes 2D and 3D geometries")
    return base + ("Z" if dimensions == {True} else "")


# --------------------------------------------------------------------------------------------- writing


def _ensure_postgis(cur: psycopg.Cursor, target: PgTarget) -> None:
    cur.execute("SELECT to_regtype('geometry') IS NOT NULL")
    if cur.fetchone()[0]:
        return
    try:
        with cur.connection.transaction():
            cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    except psycopg.Error as error:
        raise StoreError(
            f"PostGIS {target.label}: the database has no PostGIS and geoplan may not add it ({one_line(error)}); "
            "ask an administrator to run CREATE EXTENSION postgis"
        ) from None


def _check_replaceable(cur: psycopg.Cursor, schema: str, target: PgTarget) -> bool:
    """Whether ``schema`` holds an atlas; refuse to drop a schema holding tables geoplan did not write."""
    cur.execute(
        """SELECT to_regclass(format('%%I.%%I', n.nspname, %s::text)) IS NOT NULL,
                  (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid)
           FROM pg_namespace n WHERE n.nspname = %s""",
        [CATALOG_TABLE, schema],
    )
    row = cur.fetchone()
    if row is not None and not row[0] and row[1] > 0:
        raise StoreError(
            f"PostGIS {target.label}: schema {schema!r} exists and holds tables geoplan did not write; "
            "push to another schema"
        )
    return row is not None and bool(row[0])


def _create_catalog(cur: psycopg.Cursor, staging: str) -> None:
    cur.execute(
        sql.SQL(
            """CREATE TABLE {} (
                 position integer NOT NULL, layer text PRIMARY KEY, title text NOT NULL,
                 layer_group text NOT NULL, key_column text NOT NULL, geometry_column text NOT NULL,
                 geometry_type text NOT NULL, features bigint NOT NULL,
                 pushed_at timestamptz NOT NULL DEFAULT now(), geoplan_version text NOT NULL)"""
        ).format(sql.Identifier(staging, CATALOG_TABLE))
    )


def _load(cur: psycopg.Cursor, staging: str, table: _Table, position: int) -> None:
    """Create one layer's table in the staging schema, copy its rows, add key, index and catalog row."""
    ident = sql.Identifier(staging, table.layer)
    definition = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(column_type))
        for name, column_type in table.columns
    )
    cur.execute(sql.SQL("CREATE TABLE {} ({})").format(ident, definition))
    names = sql.SQL(", ").join(sql.Identifier(name) for name in _copy_columns(table))
    with cur.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(ident, names)) as copy:
        for row in _rows(table):
            copy.write_row(row)
    catalog_row = [
        position,
        table.layer,
        table.title,
        table.group,
        table.key,
        table.geometry_column,
        table.geometry_type,
        len(table.frame),
        __version__,
    ]
    finish = [  # one round trip: statements without parameters may travel together
        sql.SQL("ALTER TABLE {} ADD PRIMARY KEY ({})").format(ident, sql.Identifier(table.key)),
        sql.SQL("CREATE INDEX ON {} USING gist ({})").format(ident, sql.Identifier(table.geometry_column)),
        sql.SQL("COMMENT ON TABLE {} IS {}").format(ident, sql.Literal(f"geoplan layer: {table.title}")),
        sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
            sql.Identifier(staging, CATALOG_TABLE),
            sql.SQL(", ").join(map(sql.Identifier, _CATALOG_COLUMNS)),
            sql.SQL(", ").join(map(sql.Literal, catalog_row)),
        ),
        sql.SQL("ANALYZE {}").format(ident),
    ]
    cur.execute(sql.SQL("; ").join(finish))


def _rows(table: _Table) -> Iterator[tuple[object, ...]]:
    """Rows in :func:`_copy_columns` order: Python values (None when missing), then hex EWKB (SRID 4326)."""
    columns = [_python_values(table.frame[name]) for name in _copy_columns(table)[:-1]]
    geometries = shapely.set_srid(np.asarray(table.frame.geometry.array, dtype=object), SRID)
    columns.append(shapely.to_wkb(geometries, hex=True, include_srid=True).tolist())
    return zip(*columns, strict=True)


def _python_values(series: pd.Series) -> list[object]:
    """The column as Python scalars, with None for every kind of missing value (NaN, NaT, NA)."""
    values = series.astype(object).tolist()
    missing = series.isna().to_numpy()
    if missing.any():
        values = [None if absent else value for value, absent in zip(values, missing, strict=True)]
    return values


def _copy_columns(table: _Table) -> list[str]:
    return [name for name, _ in table.columns if name != table.geometry_column] + [table.geometry_column]


def _grants(cur: psycopg.Cursor, schema: str, staging: str, tables: list[str]) -> list[sql.Composed]:
    """GRANT statements that give the new schema and tables the privileges the old ones had."""
    cur.execute(
        """SELECT NULL::text, r.rolname, a.privilege_type, a.is_grantable
           FROM pg_namespace n CROSS JOIN aclexplode(n.nspacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
           WHERE n.nspname = %s
           UNION ALL
           SELECT c.relname, r.rolname, a.privilege_type, a.is_grantable
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
           WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND c.relname = ANY(%s)""",
        [schema, schema, [*tables, CATALOG_TABLE]],
    )
    statements = []
    for table, role, privilege, grantable in cur.fetchall():
        if privilege not in _GRANTABLE:
            continue
        on = (
            sql.SQL("SCHEMA {}").format(sql.Identifier(staging))
            if table is None
            else sql.Identifier(staging, table)
        )
        grantee = sql.SQL("PUBLIC") if role is None else sql.Identifier(role)
        option = sql.SQL(" WITH GRANT OPTION") if grantable else sql.SQL("")
        statements.append(sql.SQL("GRANT {} ON {} TO {}{}").format(sql.SQL(privilege), on, grantee, option))
    return statements


# --------------------------------------------------------------------------------------------- reading


#: errors a reader meets only when a push swaps the schema under it (its objects vanish): the read
#: is retried on the new atlas, so readers never see the swap
_SWAP_ERRORS = (
    psycopg.errors.UndefinedTable,
    psycopg.errors.InvalidSchemaName,
    psycopg.errors.UndefinedObject,
    psycopg.errors.InternalError_,  # "could not open relation with OID …", "cache lookup failed"
)
SWAP_RETRIES = 6


class _SwapInProgress(Exception):
    """A read met a schema swap; it is retried."""


def _consistent_read(target: PgTarget, schema: str, work: Callable[[psycopg.Cursor], _T]) -> _T:
    """``work`` on one consistent snapshot of the atlas in ``schema``, retried when a push's schema
    swap pulled objects from under it (see :data:`_SWAP_ERRORS`)."""
    for attempt in range(SWAP_RETRIES):
        try:
            with _snapshot(target, schema, last_try=attempt == SWAP_RETRIES - 1) as cur:
                return work(cur)
        except _SwapInProgress:
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable: the last try raises instead of retrying")  # pragma: no cover


@contextmanager
def _snapshot(target: PgTarget, schema: str, *, last_try: bool = True) -> Iterator[psycopg.Cursor]:
    """A cursor on one consistent state of the atlas in ``schema``; psycopg errors become StoreErrors.

    The transaction is read-only and repeatable-read, and locks the catalog table before its snapshot
    is taken (LOCK takes none): a push must lock that table to swap schemas, so no push can commit
    while we read, and a push that committed before the lock is wholly visible.
    """
    try:
        conn = target.connect()
    except psycopg.Error as error:
        raise StoreError(target.failure("cannot connect", error)) from None
    try:
        with conn:
            conn.read_only = True
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            with conn.transaction(), conn.cursor() as cur:
                try:
                    cur.execute(
                        sql.SQL("LOCK TABLE {} IN ACCESS SHARE MODE").format(
                            sql.Identifier(schema, CATALOG_TABLE)
                        )
                    )
                except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
                    if not last_try:
                        # a push swapping the schema in may hide it for an instant: look again before saying
                        # there is none
                        raise _SwapInProgress() from None
                    raise AtlasError(
                        f"PostGIS {target.label}: schema {schema!r} holds no geoplan atlas "
                        "(push one with 'geoplan store push')"
                    ) from None
                yield cur
    except _SWAP_ERRORS as error:
        if last_try:
            raise StoreError(target.failure(f"cannot read schema {schema!r}", error)) from None
        raise _SwapInProgress() from None
    except psycopg.Error as error:
        raise StoreError(target.failure(f"cannot read schema {schema!r}", error)) from None


def _read_catalog(cur: psycopg.Cursor, schema: str) -> list[dict[str, object]]:
    cur.execute(
        sql.SQL(
            """SELECT layer, title, layer_group, key_column, geometry_column, geometry_type, pushed_at
               FROM {} ORDER BY position"""
        ).format(sql.Identifier(schema, CATALOG_TABLE))
    )
    names = [column.name for column in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _select_layers(
    catalog: list[dict[str, object]], layers: Iterable[str] | None, schema: str, target: PgTarget
) -> list[dict[str, object]]:
    """The catalog entries of the tables holding ``layers`` (layer ids or table names)."""
    if layers is None:
        return catalog
    layers = list(layers)
    present = list(dict.fromkeys(layer_of_table(str(entry["layer"]))[0] for entry in catalog))
    unknown = [name for name in layers if name not in present]
    if unknown:
        raise AtlasError(
            f"PostGIS {target.label}: schema {schema!r} has no layer {', '.join(unknown)}; "
            f"it has {', '.join(present) or 'none'}"
        )
    return [entry for entry in catalog if layer_of_table(str(entry["layer"]))[0] in layers]


def _read_layer(
    cur: psycopg.Cursor, schema: str, entry: dict[str, object], target: PgTarget
) -> gpd.GeoDataFrame:
    layer = str(entry["layer"])
    cur.execute(
        """SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
           WHERE a.attrelid = to_regclass(format('%%I.%%I', %s::text, %s::text))
             AND a.attnum > 0 AND NOT a.attisdropped
           ORDER BY a.attnum""",
        [schema, layer],
    )
    columns = cur.fetchall()
    geometry_column = str(entry["geometry_column"])
    if geometry_column not in {name for name, _ in columns}:
        raise AtlasError(
            f"PostGIS {target.label}: table {schema}.{layer} is missing or has no {geometry_column!r}"
        )
    select = sql.SQL(", ").join(
        sql.SQL("ST_AsBinary({})").format(sql.Identifier(name))
        if name == geometry_column
        else sql.Identifier(name)
        for name, _ in columns
    )
    cur.execute(
        sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
            select, sql.Identifier(schema, layer), sql.Identifier(str(entry["key_column"]))
        )
    )
    rows = cur.fetchall()
    values_by_column = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    data: dict[str, object] = {}
    for (name, type_name), values in zip(columns, values_by_column, strict=True):
        if name == geometry_column:
            data[name] = gpd.GeoSeries(shapely.from_wkb(np.array(values, dtype=object)), crs=CRS)
        else:
            data[name] = _series(values, type_name)
    return gpd.GeoDataFrame(data, geometry=geometry_column, crs=CRS)


def _series(values: tuple[object, ...], type_name: str) -> pd.Series:
    if type_name == "timestamptz":
        return pd.Series(pd.to_datetime(list(values), utc=True), dtype="datetime64[us, UTC]")
    dtype = _READ_DTYPES.get(type_name)
    if dtype is None:
        return pd.Series(values, dtype="datetime64[us]" if type_name == "timestamp" else None)
    if dtype in _NULLABLE_DTYPES and any(value is None for value in values):
        dtype = _NULLABLE_DTYPES[dtype]
    return pd.Series(values, dtype=dtype)
