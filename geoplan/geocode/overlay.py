"""The overlay: places the user brought (imports) or set on the map (corrections), kept apart from the
shipped gazetteer and read on top of it.

Two stores, one interface (:class:`Overlay`): a GeoPackage file (:class:`GpkgOverlay`, written with
SQLite transactions, so two writers at once both land) or a table in PostGIS (:class:`PostgisOverlay`,
schema ``geoplan_overlay``: apart from the atlas schema, which ``store push`` replaces whole).
:func:`open_overlay` picks one: ``--overlay PATH`` (or a ``postgresql://`` DSN), else ``$GEOPLAN_OVERLAY``,
else ``$GEOPLAN_DSN``, else ``overlay.gpkg`` in the user's data folder.

Every :class:`OverlayRecord` keeps its provenance (file, layer, feature id, when, by whom, licence); a
correction can be withdrawn (undo), which keeps the record and hides it. :func:`with_overlay` returns a new
:class:`~geoplan.geocode.gazetteer.Gazetteer` whose places are replaced or added by the live records, the
latest record of a place winning.

>>> overlay = open_overlay("overlay.gpkg")                     # doctest: +SKIP
>>> gazetteer = with_overlay(Gazetteer.load(), overlay.records())  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import getpass
import os
import sqlite3
import struct
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import platformdirs
import psycopg
import shapely
from shapely.geometry.base import BaseGeometry

from geoplan.dsn import PgTarget, dsn_label
from geoplan.errors import InputError, StoreError
from geoplan.geocode.gazetteer import Gazetteer, Place

OVERLAY_ENV = "GEOPLAN_OVERLAY"
DSN_ENV = "GEOPLAN_DSN"
USER_ENV = "GEOPLAN_USER"
TABLE = "overlay"
PG_SCHEMA = "geoplan_overlay"
SRS_ID = 4326
BUSY_TIMEOUT_S = 60.0
#: the columns of a record, in order (the geometry travels apart, as WKB)
COLUMNS = (
    "uid", "place_id", "name", "type", "parent_id", "status", "precision", "source_name",
    "source_file", "source_layer", "source_fid", "crs", "conversion", "imported_at", "imported_by",
    "licence", "note", "withdrawn_at", "withdrawn_by",
)  # fmt: skip
STATUSES = ("matched", "new", "correction")
_GPKG_APPLICATION_ID = 0x47504B47  # 'GPKG'
_GPKG_USER_VERSION = 10300


@dataclass(frozen=True)
class OverlayRecord:
    """One place from the user: its geometry (EPSG:4326) and where it came from."""

    place_id: str  # the gazetteer id it corrects or adds
    name: str
    type: str
    parent_id: str  # its banner (or league) id
    status: (
        str  # matched (an existing place) | new (a place the gazetteer lacks) | correction (set on the map)
    )
    precision: str
    geometry: BaseGeometry = dataclasses.field(repr=False, compare=False)
    source_name: str = ""  # the name as the file wrote it
    source_file: str = ""
    source_layer: str = ""
    source_fid: str = ""
    crs: str = ""
    conversion: str = ""  # the method (and its stated accuracy) that brought the coordinates to WGS-84
    imported_at: str = ""
    imported_by: str = ""
    licence: str = ""
    note: str = ""
    uid: str = ""
    withdrawn_at: str = ""
    withdrawn_by: str = ""
    fid: int = 0

    def citation(self) -> str:
        """The ``geometry_source`` of the place this record sets: the overlay record and its provenance."""
        if self.status == "correction":
            origin = f"set on the map by {self.imported_by} at {self.imported_at}; source: {self.note}"
        else:
            fid = f" feature {self.source_fid}" if self.source_fid else ""
            layer = f" layer {self.source_layer}" if self.source_layer else ""
            crs = f"; {self.crs}" + (f" ({self.conversion})" if self.conversion else "")
            origin = (
                f"{self.source_file}{layer}{fid}{crs}; imported by {self.imported_by} at {self.imported_at}; "
                f"licence: {self.licence}"
            )
        return f"overlay record {self.uid}: {origin}"


def stamp(record: OverlayRecord, user: str | None = None) -> OverlayRecord:
    """The record with a fresh uid, the time now (UTC) and the user (``$GEOPLAN_USER`` or the login)."""
    return dataclasses.replace(
        record,
        uid=uuid.uuid4().hex,
        imported_at=record.imported_at or now(),
        imported_by=record.imported_by or user or current_user(),
    )


def precision_of(place_type: str, geometry: BaseGeometry) -> str:
    """The precision a user's geometry gives: 'town' for a township's polygon (its inner point stands for it),
    'point' for a point, a line or the outline of the place itself."""
    return "town" if place_type == "town" and geometry.geom_type in ("Polygon", "MultiPolygon") else "point"


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def current_user() -> str:
    """Who is writing: ``$GEOPLAN_USER``, else the login name."""
    try:
        return os.environ.get(USER_ENV) or getpass.getuser()
    except OSError:  # no login name (a container without a passwd entry)
        return "unknown"


class Overlay(Protocol):
    """What both stores offer."""

    label: str

    def add(self, records: Sequence[OverlayRecord]) -> list[OverlayRecord]: ...

    def records(self, *, withdrawn: bool = False) -> list[OverlayRecord]: ...

    def withdraw(self, uid: str, user: str | None = None) -> OverlayRecord: ...

    def version(self) -> str: ...


def default_path() -> Path:
    """``overlay.gpkg`` in the user's data folder (``$XDG_DATA_HOME/geoplan`` on Linux)."""
    return platformdirs.user_data_path("geoplan") / "overlay.gpkg"


def open_overlay(spec: str | os.PathLike[str] | None = None) -> Overlay:
    """The overlay named by ``spec`` (a path or a ``postgresql://`` DSN), else by the environment."""
    chosen = str(spec) if spec else os.environ.get(OVERLAY_ENV) or os.environ.get(DSN_ENV) or default_path()
    text = str(chosen)
    if text.startswith(("postgresql://", "postgres://")) or (not spec and chosen == os.environ.get(DSN_ENV)):
        return PostgisOverlay(text)
    return GpkgOverlay(Path(text).expanduser())


def with_overlay(gazetteer: Gazetteer, records: Iterable[OverlayRecord]) -> Gazetteer:
    """A new gazetteer: each live record replaces the place of its id (or adds it); the latest record wins."""
    latest: dict[str, OverlayRecord] = {}
    for record in sorted(records, key=lambda r: r.fid):
        if not record.withdrawn_at:
            latest[record.place_id] = record
    places = []
    for record in latest.values():
        known = record.place_id in gazetteer
        base = gazetteer.get(record.place_id) if known else None
        parent = gazetteer.get(record.parent_id) if record.parent_id in gazetteer else None
        parent_ids = base.parent_ids if base else ((parent.id, *parent.parent_ids) if parent else ())
        note = f"overlay {record.status}" + (f"; {record.note}" if record.note else "")
        places.append(
            Place(
                id=record.place_id,
                name=base.name if base else record.name,
                type=base.type if base else record.type,
                aliases=base.aliases if base else (),
                parent_ids=parent_ids,
                adcode=base.adcode if base else "",
                province=base.province if base else (parent.province if parent else ""),
                geometry=record.geometry,
                geometry_source=record.citation(),
                precision=record.precision,
                precision_m=None,
                note=note,
            )
        )
    return gazetteer.with_places(places)


# -- GeoPackage ----------------------------------------------------------------------------------
def _gpkg_blob(geometry: BaseGeometry) -> bytes:
    """A GeoPackage geometry: header (magic, version 0, little-endian, no envelope, srs id) + WKB."""
    flags = 0x01 | (0x10 if geometry.is_empty else 0)
    return b"GP" + bytes([0, flags]) + struct.pack("<i", SRS_ID) + shapely.to_wkb(geometry, byte_order=1)


def _from_gpkg_blob(blob: bytes) -> BaseGeometry:
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0x07]
    return shapely.from_wkb(blob[8 + envelope :])


_TEXT_COLUMNS = ",\n  ".join(f"{c} TEXT NOT NULL DEFAULT ''" for c in COLUMNS if c != "uid")
_GPKG_SCHEMA = f"""
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE {TABLE} (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom GEOMETRY,
  uid TEXT NOT NULL UNIQUE,
  {_TEXT_COLUMNS});
"""


class GpkgOverlay:
    """The overlay as one GeoPackage (layer ``overlay``, readable by QGIS and GDAL).

    Every write is one SQLite ``BEGIN IMMEDIATE`` transaction: a second writer waits (up to
    :data:`BUSY_TIMEOUT_S`) and then lands; nothing is lost and a failed write leaves the file unchanged.
    """

    def __init__(self, path: Path):
        self.path = path
        self.label = str(path)

    def _connect(self) -> sqlite3.Connection:
        try:
            return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as error:
            raise InputError(f"{self.path}: cannot open the overlay ({error})") from None

    def _ensure(self, conn: sqlite3.Connection) -> None:
        """Create the GeoPackage tables when the file is new (inside the caller's transaction)."""
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [TABLE]).fetchone():
            return
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise InputError(f"{self.path}: not a geoplan overlay (it has other tables and no {TABLE!r})")
        # imported here, not at the top: pyproj's transformer database is loaded only when reprojecting
        from pyproj import CRS

        conn.execute(f"PRAGMA application_id = {_GPKG_APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {_GPKG_USER_VERSION}")
        for statement in _GPKG_SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.executemany(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
            [
                ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian"),
                ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic"),
                ("WGS 84 geodetic", SRS_ID, "EPSG", SRS_ID, CRS.from_epsg(SRS_ID).to_wkt(), "WGS 84"),
            ],
        )
        conn.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
            "VALUES (?, 'features', ?, 'geoplan overlay: imported and corrected places', ?)",
            [TABLE, TABLE, SRS_ID],
        )
        conn.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'GEOMETRY', ?, 0, 0)", [TABLE, SRS_ID]
        )

    def add(self, records: Sequence[OverlayRecord]) -> list[OverlayRecord]:
        """Append records in one transaction; returns them with their uid, time, user and fid."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        stamped = [r if r.uid else stamp(r) for r in records]
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                self._ensure(conn)
                placeholders = ", ".join("?" for _ in range(len(COLUMNS) + 1))
                saved = []
                for record in stamped:
                    cursor = conn.execute(
                        f"INSERT INTO {TABLE} (geom, {', '.join(COLUMNS)}) VALUES ({placeholders})",
                        [_gpkg_blob(record.geometry), *(getattr(record, c) for c in COLUMNS)],
                    )
                    saved.append(dataclasses.replace(record, fid=cursor.lastrowid))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise StoreError(
                f"{self.path}: cannot write the overlay ({error}); nothing was written"
            ) from None
        finally:
            conn.close()
        return saved

    def records(self, *, withdrawn: bool = False) -> list[OverlayRecord]:
        """Every record in write order (withdrawn ones only when asked)."""
        if not self.path.is_file():
            return []
        conn = self._connect()
        try:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [TABLE]).fetchone():
                return []
            where = "" if withdrawn else "WHERE withdrawn_at = ''"
            rows = conn.execute(f"SELECT fid, geom, {', '.join(COLUMNS)} FROM {TABLE} {where} ORDER BY fid")
            return [
                OverlayRecord(
                    fid=row[0], geometry=_from_gpkg_blob(row[1]), **dict(zip(COLUMNS, row[2:], strict=True))
                )
                for row in rows
            ]
        except sqlite3.DatabaseError as error:
            raise InputError(f"{self.path}: not a readable overlay ({error})") from None
        finally:
            conn.close()

    def withdraw(self, uid: str, user: str | None = None) -> OverlayRecord:
        """Hide a record (undo); it stays in the file with who withdrew it and when."""
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            changed = conn.execute(
                f"UPDATE {TABLE} SET withdrawn_at = ?, withdrawn_by = ? WHERE uid = ? AND withdrawn_at = ''",
                [now(), user or current_user(), uid],
            ).rowcount
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot write the overlay ({error})") from None
        finally:
            conn.close()
        if not changed:
            raise InputError(f"{self.path}: no live overlay record {uid!r}")
        return next(r for r in self.records(withdrawn=True) if r.uid == uid)

    def version(self) -> str:
        """Changes whenever the overlay does (for caches)."""
        if not self.path.is_file():
            return "empty"
        stat = self.path.stat()
        return f"{stat.st_mtime_ns}:{stat.st_size}"


# -- PostGIS -------------------------------------------------------------------------------------
class PostgisOverlay:
    """The overlay as the table ``geoplan_overlay.overlay`` of a PostGIS database, shared by a team.

    Each write is one transaction; the schema and table are created on first use under an advisory lock.
    """

    def __init__(self, dsn: str):
        self.dsn = dsn
        self.label = f"PostGIS {dsn_label(dsn)} schema {PG_SCHEMA}"

    def _connect(self):
        target = PgTarget.parse(self.dsn)
        try:
            return target.connect()
        except psycopg.Error as error:
            raise StoreError(target.failure("cannot connect", error)) from None

    def _ensure(self, cur) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext('geoplan.overlay'))")
        columns = ", ".join(f"{c} text NOT NULL DEFAULT ''" for c in COLUMNS if c != "uid")
        cur.execute(f"CREATE SCHEMA IF NOT EXISTS {PG_SCHEMA}")
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {PG_SCHEMA}.{TABLE} (fid bigserial PRIMARY KEY, "
            f"geom geometry(Geometry, {SRS_ID}) NOT NULL, uid text NOT NULL UNIQUE, {columns})"
        )

    def _run(self, action: str, work):
        try:
            with self._connect() as conn, conn.cursor() as cur, conn.transaction():
                return work(cur)
        except psycopg.Error as error:
            raise StoreError(f"{self.label}: cannot {action} ({str(error).splitlines()[0]})") from None

    def add(self, records: Sequence[OverlayRecord]) -> list[OverlayRecord]:
        stamped = [r if r.uid else stamp(r) for r in records]

        def work(cur) -> list[OverlayRecord]:
            self._ensure(cur)
            saved = []
            for record in stamped:
                cur.execute(
                    f"INSERT INTO {PG_SCHEMA}.{TABLE} (geom, {', '.join(COLUMNS)}) "
                    f"VALUES (ST_GeomFromWKB(%s, {SRS_ID}), {', '.join('%s' for _ in COLUMNS)}) RETURNING fid",
                    [shapely.to_wkb(record.geometry), *(getattr(record, c) for c in COLUMNS)],
                )
                saved.append(dataclasses.replace(record, fid=cur.fetchone()[0]))
            return saved

        return self._run("write the overlay", work)

    def records(self, *, withdrawn: bool = False) -> list[OverlayRecord]:
        def work(cur) -> list[OverlayRecord]:
            cur.execute("SELECT to_regclass(%s)", [f"{PG_SCHEMA}.{TABLE}"])
            if cur.fetchone()[0] is None:
                return []
            where = "" if withdrawn else "WHERE withdrawn_at = ''"
            cur.execute(
                f"SELECT fid, ST_AsBinary(geom), {', '.join(COLUMNS)} FROM {PG_SCHEMA}.{TABLE} {where} ORDER BY fid"
            )
            return [
                OverlayRecord(
                    fid=row[0],
                    geometry=shapely.from_wkb(bytes(row[1])),
                    **dict(zip(COLUMNS, row[2:], strict=True)),
                )
                for row in cur.fetchall()
            ]

        return self._run("read the overlay", work)

    def withdraw(self, uid: str, user: str | None = None) -> OverlayRecord:
        def work(cur) -> int:
            self._ensure(cur)
            cur.execute(
                f"UPDATE {PG_SCHEMA}.{TABLE} SET withdrawn_at = %s, withdrawn_by = %s "
                "WHERE uid = %s AND withdrawn_at = ''",
                [now(), user or current_user(), uid],
            )
            return cur.rowcount

        if not self._run("write the overlay", work):
            raise InputError(f"{self.label}: no live overlay record {uid!r}")
        return next(r for r in self.records(withdrawn=True) if r.uid == uid)

    def version(self) -> str:
        def work(cur) -> str:
            cur.execute("SELECT to_regclass(%s)", [f"{PG_SCHEMA}.{TABLE}"])
            if cur.fetchone()[0] is None:
                return "empty"
            cur.execute(f"SELECT count(*), max(fid), max(withdrawn_at) FROM {PG_SCHEMA}.{TABLE}")
            return ":".join(map(str, cur.fetchone()))

        return self._run("read the overlay", work)
