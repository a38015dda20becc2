"""Sourced location facts: ``gazetteer/locations/*.csv``, checked and applied to gazetteer records.

Each row states one fact a public page gives about where a place is (see ``gazetteer/README.md``):

- ``point``: a coordinate -> precision ``point``, ``precision_m`` the rounding of the stated numbers;
- ``extent``: lon/lat ranges -> the centre, precision ``extent`` with the half-diagonal as ``precision_m``
  and the extent kept on the place; wider than :data:`MAX_EXTENT_M` centre to corner it counts as no
  better than the banner (precision ``banner``, extent still kept);
- ``address``: the township it lies in -> that town's location when the town has its own (precision
  ``town``, both sources cited), else the record stays where it is and the address is kept in its note;
- ``none``: nothing located yet (the page is recorded so the next person need not search again).

Only ``accepted`` rows are applied.  :func:`review` re-runs the checks (record found, usable datum, inside
the parent banner, not coarser than what the record already has) and gives each row its status;
``geoplan gazetteer locations --write`` stores them.  A row a reviewer rejected by hand (a reason not
starting with ``check:``) stays rejected.
"""

from __future__ import annotations

import csv
import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geoplan.errors import GazetteerError
from geoplan.io import atomic_path

LOCATIONS_DIR = "locations"
COLUMNS = (
    "record", "name", "type", "parent", "kind", "lon", "lat", "lon_min", "lon_max", "lat_min", "lat_max",
    "address_town", "datum", "page_url", "date_read", "checked_by", "status", "reason", "note",
)  # fmt: skip
KINDS = ("point", "extent", "address", "none")
STATUSES = ("accepted", "rejected", "open")
#: Datums a fact may be applied in: WGS-84 and CGCS2000 agree to well under a metre here; 'unknown' is
#: Chinese text with no hint (see the datum section of gazetteer/README.md).  GCJ-02 / BD-09 rows must be
#: converted before they are accepted.
USABLE_DATUMS = ("wgs84", "cgcs2000", "unknown")
DATUMS = (*USABLE_DATUMS, "gcj02", "bd09")
#: An extent wider than this from centre to corner is no better than the banner.
MAX_EXTENT_M = 20_000.0
#: How far outside its parent's polygon a place may lie: boundary places (ports sit on the border line);
#: every other place gets the rounding of its stated numbers plus the polygons' simplification.
BOUNDARY_TOLERANCE_M = {"port": 5_000.0}
SIMPLIFICATION_M = 100.0
#: No stated point is taken as finer than this, whatever its decimals.
MIN_PRECISION_M = 10.0
METRES_PER_DEGREE = 111_320.0
#: Finest first; a fact that would make a record coarser than it is is not applied.
_RANK = {"point": 0, "extent": 1, "town": 2, "schematic": 3, "banner": 4, "league": 5, "province": 6}
_CHECK = "check: "


@dataclass(frozen=True)
class Fact:
    """One row of a locations file."""

    file: str
    line: int
    row: Mapping[str, str]

    def __getattr__(self, name: str) -> str:
        if name in COLUMNS:
            return self.row.get(name, "")
        raise AttributeError(name)

    @property
    def where(self) -> str:
        return f"locations/{self.file}:{self.line}"

    def extent(self) -> tuple[float, float, float, float]:
        """(lon_min, lat_min, lon_max, lat_max)."""
        lon_min, lat_min, lon_max, lat_max = (
            float(self.row[k]) for k in ("lon_min", "lat_min", "lon_max", "lat_max")
        )
        if not (lon_min < lon_max and lat_min < lat_max):
            raise GazetteerError(f"{self.where}: extent minimum not below maximum")
        return lon_min, lat_min, lon_max, lat_max


@dataclass(frozen=True)
class Location:
    """What a fact makes of a record: geometry, precision and source (None geometry: the record stays)."""

    geometry: BaseGeometry | None
    precision: str
    precision_m: float | None
    source: str
    extent: tuple[float, float, float, float] | None = None
    note: str = ""


# -- reading -------------------------------------------------------------------------------------
def read_facts(directory: Path) -> list[Fact]:
    """Every row of ``directory/*.csv`` (an empty list when there is no such folder)."""
    facts: list[Fact] = []
    for path in sorted(directory.glob("*.csv")) if directory.is_dir() else []:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = set(COLUMNS) - set(reader.fieldnames or ())
            if missing:
                raise GazetteerError(f"locations/{path.name}: missing column(s) {', '.join(sorted(missing))}")
            for line, row in enumerate(reader, start=2):
                fact = Fact(path.name, line, {k: (v or "").strip() for k, v in row.items() if k})
                _validate(fact)
                facts.append(fact)
    return facts


def _validate(fact: Fact) -> None:
    for column, allowed in (("kind", KINDS), ("status", STATUSES), ("datum", ("", *DATUMS))):
        if fact.row[column] not in allowed:
            raise GazetteerError(
                f"{fact.where}: {column} {fact.row[column]!r} not one of {', '.join(allowed)}"
            )
    if fact.status == "accepted":
        empty = [c for c in ("name", "type", "page_url", "date_read", "checked_by") if not fact.row[c]]
        if empty:
            raise GazetteerError(f"{fact.where}: accepted without {', '.join(empty)}")
    if fact.status == "rejected" and not fact.reason:
        raise GazetteerError(f"{fact.where}: rejected without a reason")


# -- geometry of a fact --------------------------------------------------------------------------
def _stated_step(value: float) -> float:
    """The coarsest step a stated coordinate is consistent with: a whole minute, 0.01°, a whole second,
    0.001° … 1e-5° (a value written to 5 decimals may still be a rounded minute or second)."""
    for step in (1 / 60, 0.01, 1 / 3600, 0.001, 1e-4):
        if abs(value / step - round(value / step)) < 0.05:
            return step
    return 1e-5


def half_diagonal_m(lon_span: float, lat_span: float, lat: float) -> float:
    """Centre-to-corner distance of a lon/lat box, in metres (local equirectangular)."""
    dx = lon_span / 2 * math.cos(math.radians(lat)) * METRES_PER_DEGREE
    dy = lat_span / 2 * METRES_PER_DEGREE
    return math.hypot(dx, dy)


def rounding_m(lon: float, lat: float) -> float:
    """Half-diagonal of the cell the stated numbers round to (a minute-rounded point: about 1.1 km)."""
    return round(max(half_diagonal_m(_stated_step(lon), _stated_step(lat), lat), MIN_PRECISION_M), 0)


def distance_m(geometry: BaseGeometry, point: Point) -> float:
    """Metres from ``point`` to ``geometry`` (0 inside)."""
    if geometry.contains(point):
        return 0.0
    nearest = nearest_points(geometry, point)[0]
    dx = (nearest.x - point.x) * math.cos(math.radians(point.y)) * METRES_PER_DEGREE
    return math.hypot(dx, (nearest.y - point.y) * METRES_PER_DEGREE)


def _datum_text(fact: Fact) -> str:
    return "datum unknown" if fact.datum in ("", "unknown") else f"datum {fact.datum}"


def locate(fact: Fact, place, places: Mapping[str, object], towns: TownIndex | None = None) -> Location:
    """The location a fact gives ``place`` (``places``: every record by id, for address -> town; ``towns``: their
    :func:`towns_by_name`, when the caller has it)."""
    cite = f"{fact.page_url} ({_datum_text(fact)}; read {fact.date_read}, checked by {fact.checked_by})"
    if fact.kind == "point":
        lon, lat = float(fact.lon), float(fact.lat)
        return Location(Point(lon, lat), "point", rounding_m(lon, lat), cite)
    if fact.kind == "extent":
        lon_min, lat_min, lon_max, lat_max = extent = fact.extent()
        centre = Point((lon_min + lon_max) / 2, (lat_min + lat_max) / 2)
        half = round(half_diagonal_m(lon_max - lon_min, lat_max - lat_min, centre.y), 0)
        wide = half > MAX_EXTENT_M
        source = f"centre of the extent {lon_min}–{lon_max}°E, {lat_min}–{lat_max}°N at {cite}"
        note = f"extent {half / 1000:.0f} km centre to corner: no better than the banner" if wide else ""
        return Location(centre, "banner" if wide else "extent", half, source, extent, note)
    if fact.kind == "address":
        town = _address_town(fact, place, places, towns)
        if town is not None and town.precision in ("point", "extent", "town"):
            source = f"address → town: {fact.page_url} places it in {town.name}; town point: {town.geometry_source}"
            return Location(town.point, "town", None, source)
        why = "not a located town" if town is not None else "no township record of that name in the banner"
        return Location(None, place.precision, place.precision_m, place.geometry_source,
                        note=f"address {fact.address_town} ({why}) per {fact.page_url}")  # fmt: skip
    raise GazetteerError(f"{fact.where}: kind {fact.kind!r} locates nothing")


#: township record ids by name (see :func:`towns_by_name`).
TownIndex = Mapping[str, Sequence[str]]


def towns_by_name(places: Mapping[str, object]) -> dict[str, list[str]]:
    """The ids of the township records by name: what an address is looked up in (a record keeps its name and
    type when a location is applied, so the index stays true while facts are applied)."""
    towns: dict[str, list[str]] = {}
    for place_id, place in places.items():
        if place.type == "town":
            towns.setdefault(place.name, []).append(place_id)
    return towns


def _address_town(fact: Fact, place, places: Mapping[str, object], towns: TownIndex | None = None):
    """The township record named by the address, inside the place's banner (None when not exactly one)."""
    names = [n for n in fact.address_town.split(";") if n]
    banners = {p for p in place.parent_ids if p.startswith("banner:")}
    if len(names) != 1 or not banners:
        return None
    named = (towns if towns is not None else towns_by_name(places)).get(names[0], ())
    found = [town for town in map(places.__getitem__, named) if town.banner_id in banners]
    return found[0] if len(found) == 1 else None


# -- checks --------------------------------------------------------------------------------------
def tolerance_m(place_type: str, location: Location) -> float:
    """How far outside the parent polygon a location may lie (see :data:`BOUNDARY_TOLERANCE_M`)."""
    stated = location.precision_m if location.precision == "point" and location.precision_m else 0.0
    return BOUNDARY_TOLERANCE_M.get(place_type, stated + SIMPLIFICATION_M)


def parent_area(place, places: Mapping[str, object]):
    """The polygon a place must lie in: its banner's, else its league's (None when it has neither)."""
    parent_id = place.banner_id or place.league_id
    return places.get(parent_id) if parent_id else None


def problem(fact: Fact, place, places: Mapping[str, object], towns: TownIndex | None = None) -> str | None:
    """Why a fact cannot be applied to ``place`` (None when it can; ``towns``: as for :func:`locate`)."""
    if fact.kind == "none":
        return "no location stated"
    if fact.datum not in USABLE_DATUMS and fact.kind != "address":
        return f"datum {fact.datum or 'missing'}: convert to WGS-84 first"
    if place.precision == "schematic":
        return "the record keeps its schematic outline (an area drawn from sourced facts)"
    location = locate(fact, place, places, towns)
    if location.geometry is None:  # an address in a town not located: kept in the note of a banner record
        finer = _RANK.get(place.precision, 9) < _RANK["banner"]
        return f"not finer than the record's own {place.precision} location" if finer else None
    parent = parent_area(place, places)
    if parent is None:
        return "the record has no parent banner or league to check against"
    outside = distance_m(parent.geometry, location.geometry)
    allowed = tolerance_m(place.type, location)
    if outside > allowed:
        return f"{outside / 1000:.1f} km outside {parent.name} (tolerance {allowed / 1000:.1f} km)"
    if _RANK.get(location.precision, 9) > _RANK.get(place.precision, 9):
        return f"not finer than the record's own {place.precision} location ({place.geometry_source})"
    return None


def apply(place, location: Location):
    """``place`` with the location (only a note when the location keeps the geometry)."""
    note = "; ".join(filter(None, [place.note, location.note]))
    if location.geometry is None:
        return dataclasses.replace(place, note=note)
    # the fallback's own words ('no sourced point: located at its parent') no longer hold
    kept = [part for part in place.note.split("; ") if part and not part.startswith("no sourced")]
    note = "; ".join([*kept, *filter(None, [location.note])])
    return dataclasses.replace(
        place,
        geometry=location.geometry,
        geometry_source=location.source,
        precision=location.precision,
        precision_m=location.precision_m,
        extent=location.extent,
        note=note,
    )


# -- matching and review ------------------------------------------------------------------------
def match(fact: Fact, places: Mapping[str, object], name_key) -> object | None:
    """The record a fact is about: by ``record`` id, else by name (or alias) and parent banner name."""
    if fact.record:
        return places.get(fact.record)
    key = name_key(fact.name)
    hits = [
        p
        for p in places.values()
        if key in {name_key(p.name), *map(name_key, p.aliases)}
        and (not fact.type or p.type == fact.type)
        and any(getattr(places.get(pid), "name", None) == fact.parent for pid in p.parent_ids)
    ]
    return hits[0] if len(hits) == 1 else None


def apply_accepted(facts: Iterable[Fact], places: dict[str, object], name_key, done: set[int]) -> None:
    """Apply every accepted fact whose record is in ``places`` (in place); ``done`` holds facts applied.

    A fact that fails its checks is an error (run ``geoplan gazetteer locations --write``), except one
    that is merely not finer than the record's present location: the finer location stays.
    """
    towns = towns_by_name(places)
    for fact in facts:
        if fact.status != "accepted" or id(fact) in done:
            continue
        place = match(fact, places, name_key)
        if place is None:
            continue
        done.add(id(fact))
        reason = problem(fact, place, places, towns)
        if reason is not None and reason.startswith("not finer"):
            continue
        if reason is not None:
            raise GazetteerError(f"{fact.where}: accepted but {reason}")
        places[place.id] = apply(place, locate(fact, place, places, towns))


def review(facts: Iterable[Fact], places: Mapping[str, object], name_key) -> list[tuple[Fact, str, str]]:
    """(fact, status, reason) for every fact, checked against records without location facts applied."""
    results = []
    for fact in facts:
        if fact.status == "rejected" and not fact.reason.startswith(_CHECK):
            results.append((fact, "rejected", fact.reason))  # a reviewer's decision stays
            continue
        if fact.kind == "none":
            results.append((fact, "open", "no location stated"))
            continue
        place = match(fact, places, name_key)
        if place is None:
            results.append((fact, "open", "no gazetteer record: add one to the curated CSV, set record"))
            continue
        reason = problem(fact, place, places)
        results.append((fact, "accepted", "") if reason is None else (fact, "rejected", _CHECK + reason))
    return results


def write_reviewed(directory: Path, results: Iterable[tuple[Fact, str, str]], places, name_key) -> list[Path]:
    """Rewrite the locations files with each row's status, reason and record id (atomically)."""
    by_file: dict[str, list[dict[str, str]]] = {}
    for fact, status, reason in results:
        row = dict(fact.row, status=status, reason=reason)
        place = match(fact, places, name_key)
        if place is not None and not row["record"]:
            row["record"] = place.id
        by_file.setdefault(fact.file, []).append(row)
    written = []
    for name, rows in by_file.items():
        with atomic_path(directory / name) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({c: r.get(c, "") for c in COLUMNS} for r in rows)
        written.append(directory / name)
    return written
