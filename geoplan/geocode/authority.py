"""Import the user's layers (township boundaries, development zones, project coordinates) into the overlay.

:func:`read_layer` opens a Shapefile (also zipped; DBF in GBK/GB18030 or UTF-8, with or without ``.cpg``),
GeoPackage, GeoJSON, KML, CSV or XLSX (lon/lat or x/y columns); :func:`prepare_import` brings its coordinates
to WGS-84 (:mod:`geoplan.geocode.coords`) and matches every row to the gazetteer (:class:`Matcher`): the
result lists matched, new, ambiguous, unmatched and refused rows — nothing is dropped silently.

Names are met the way real layers write them: a county or league prefix (陈旗巴彦库仁镇), 街道办事处 for
街道, 苏木乡 / 乡 / 民族乡 for 苏木, aliases and short forms; a township name the 2019 list lacks (a merger,
a renaming) becomes a new record in its banner. The parent field may hold names or 行政区划代码.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geoplan.errors import InputError, first_line
from geoplan.geocode.coords import (
    Conversion,
    check_geographic,
    check_projected,
    conversion_for,
    coordinates,
    parse_crs,
    sniff_projected,
)
from geoplan.geocode.gazetteer import TYPES, Gazetteer, Place, inner_point, normalize
from geoplan.geocode.overlay import OverlayRecord, precision_of
from geoplan.limits import check_container

REGION_ID = "province:150000"
#: how far (degrees, ≈ 2 km) a point may lie outside its banner's simplified polygon and still belong to it
BORDER_TOLERANCE = 0.02
#: --kind words that are not gazetteer types
KIND_ALIASES = {"route": "road"}
KINDS = (*TYPES, *KIND_ALIASES)
#: coordinate column pairs of CSV/XLSX tables (compared lower-case), first found wins
COORDINATE_COLUMNS = (
    ("lon", "lat"), ("lng", "lat"), ("longitude", "latitude"), ("经度", "纬度"), ("x", "y"), ("东坐标", "北坐标"),
)  # fmt: skip
_VECTOR_SUFFIXES = {".shp", ".zip", ".gpkg", ".geojson", ".json", ".kml"}
_TABLE_SUFFIXES = {".csv", ".xlsx"}
#: town-name endings that are written several ways: the written form -> the gazetteer's form
_TOWN_ENDINGS = (("街道办事处", "街道"), ("办事处", "街道"), ("苏木乡", "苏木"))
_TOWN_SUFFIX = re.compile(r"(街道|民族乡|苏木|镇|乡)$")
_ETHNIC = re.compile(r"(鄂温克族?|达斡尔族?|鄂伦春族?|俄罗斯族?|蒙古族?|回族|满族)$")
_CODE = re.compile(r"^\d{6}(\d{3}(\d{3})?)?$")


@dataclass
class Layer:
    """A layer as read: its rows (name, parent, geometry in the file's CRS), the CRS it declares, provenance."""

    frame: gpd.GeoDataFrame
    crs: object  # pyproj CRS or None
    file: str
    layer: str
    fids: list[str]
    problems: dict[int, str] = field(default_factory=dict)  # row -> why it has no geometry


@dataclass
class Row:
    """One row's outcome."""

    index: int
    fid: str
    name: str
    parent: str
    status: str  # matched | new | ambiguous | unmatched | refused
    reason: str = ""
    place_id: str = ""
    candidates: str = ""
    geometry: BaseGeometry | None = None
    banner: Place | None = None


@dataclass
class ImportPlan:
    """What an import would write, and the rows it will not."""

    rows: list[Row]
    records: list[OverlayRecord]
    conversion: Conversion

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def reported(self) -> list[Row]:
        return [row for row in self.rows if row.status in ("ambiguous", "unmatched", "refused")]


# -- reading ---------------------------------------------------------------------------------------
def read_layer(path: Path, *, layer: str | None = None, encoding: str | None = None) -> Layer:
    """The features of ``path`` (one layer of it) with the CRS the file declares (None when it has none)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in _TABLE_SUFFIXES:
        return _read_table(path, layer, encoding)
    if suffix not in _VECTOR_SUFFIXES:
        raise InputError(
            f"{path.name}: unknown format; give a .shp, .zip, .gpkg, .geojson, .kml, .csv or .xlsx file"
        )
    source, dbf = str(path), None
    if suffix == ".zip":
        check_container(path, "shp-zip")
        source, dbf = _zipped_shapefile(path)
    elif suffix == ".gpkg":
        check_container(path, "gpkg")
    elif suffix == ".shp":
        dbf = path.with_suffix(".dbf")
    try:
        layers = [name for name, _ in pyogrio.list_layers(source)]
    except Exception as error:  # pyogrio's DataSourceError and friends
        raise InputError(f"{path.name}: not a readable {suffix[1:]} file ({first_line(error)})") from None
    if layer is None and len(layers) > 1:
        raise InputError(f"{path.name}: {len(layers)} layers ({', '.join(layers)}); choose one with --layer")
    chosen = layer or (layers[0] if layers else "")
    if chosen not in layers:
        raise InputError(f"{path.name}: no layer {chosen!r}; it has {', '.join(layers) or 'none'}")
    options = {}
    if dbf is not None:
        options["encoding"] = encoding or _dbf_encoding(path, dbf)
    elif encoding:
        options["encoding"] = encoding
    try:
        frame = pyogrio.read_dataframe(source, layer=chosen, fid_as_index=True, **options)
    except UnicodeDecodeError:
        raise InputError(
            f"{path.name}: the attribute table does not decode as {options.get('encoding')}"
        ) from None
    except Exception as error:
        raise InputError(f"{path.name}: cannot read layer {chosen!r} ({first_line(error)})") from None
    fids = [str(i) for i in frame.index]
    return Layer(frame.reset_index(drop=True), frame.crs, path.name, chosen, fids)


def _zipped_shapefile(path: Path) -> tuple[str, tuple[Path, str]]:
    with zipfile.ZipFile(path) as archive:
        shps = [n for n in archive.namelist() if n.lower().endswith(".shp")]
    if len(shps) != 1:
        raise InputError(f"{path.name}: holds {len(shps)} .shp files; zip exactly one Shapefile")
    return f"/vsizip/{path}/{shps[0]}", (path, shps[0][:-4])


def _dbf_encoding(path: Path, dbf: Path | tuple[Path, str]) -> str:
    """The DBF's encoding: its .cpg when it has one (checked), else UTF-8 or GB18030, whichever decodes it."""
    if isinstance(dbf, tuple):
        archive_path, stem = dbf
        with zipfile.ZipFile(archive_path) as archive:
            names = {n.lower(): n for n in archive.namelist()}
            data = archive.read(names[stem.lower() + ".dbf"]) if stem.lower() + ".dbf" in names else b""
            cpg_name = names.get(stem.lower() + ".cpg")
            cpg = archive.read(cpg_name).decode("ascii", "replace").strip() if cpg_name else ""
    else:
        data = dbf.read_bytes() if dbf.is_file() else b""
        cpg_path = dbf.with_suffix(".cpg")
        cpg = cpg_path.read_text(encoding="ascii", errors="replace").strip() if cpg_path.is_file() else ""
    if not data:
        raise InputError(f"{path.name}: no .dbf attribute table beside the .shp")
    header = int.from_bytes(data[8:10], "little")
    records = data[header:]
    tried = [cpg] if cpg else ["utf-8", "gb18030"]
    for encoding in tried:
        try:
            records.decode(_codec(encoding))
            return _codec(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    named = f"as its .cpg says ({cpg})" if cpg else "as UTF-8 or GBK/GB18030"
    raise InputError(f"{path.name}: the DBF does not decode {named}; name its encoding with --encoding")


def _codec(name: str) -> str:
    """A .cpg value as a Python codec name ('936' and 'GBK' → gb18030, a superset)."""
    key = name.strip().lower().replace("-", "")
    if key in ("936", "cp936", "gbk", "gb2312", "gb18030", "ansi936"):
        return "gb18030"
    if key in ("65001", "utf8"):
        return "utf-8"
    return name.strip()


def _read_table(path: Path, sheet: str | None, encoding: str | None) -> Layer:
    if path.suffix.lower() == ".xlsx":
        check_container(path, "xlsx")
        try:
            table = pd.read_excel(path, sheet_name=sheet or 0, dtype=str, engine="openpyxl")
        except ValueError as error:
            raise InputError(f"{path.name}: {first_line(error)}") from None
        except Exception as error:  # openpyxl: a damaged workbook
            raise InputError(f"{path.name}: not a readable XLSX workbook ({first_line(error)})") from None
        layer = sheet or "sheet 1"
    else:
        table = _read_csv(path, encoding)
        layer = ""
    table = table.fillna("")
    table.columns = [str(c).strip() for c in table.columns]
    lower = {c.lower(): c for c in table.columns}
    pair = next(((lower[x], lower[y]) for x, y in COORDINATE_COLUMNS if x in lower and y in lower), None)
    if pair is None:
        raise InputError(
            f"{path.name}: no coordinate columns (lon/lat, x/y, 经度/纬度); it has {', '.join(table.columns)}"
        )
    geometries, problems = [], {}
    for index, (x, y) in enumerate(zip(table[pair[0]], table[pair[1]], strict=True)):
        try:
            geometries.append(Point(float(x), float(y)))
        except ValueError:
            geometries.append(None)
            problems[index] = f"no number in {pair[0]}/{pair[1]} ({x!r}, {y!r})"
    frame = gpd.GeoDataFrame(table, geometry=geometries)
    fids = [f"row {i + 2}" for i in range(len(table))]  # the spreadsheet's row number (row 1: the header)
    return Layer(frame, None, path.name, layer, fids, problems)


def _read_csv(path: Path, encoding: str | None) -> pd.DataFrame:
    for candidate in [encoding] if encoding else ["utf-8-sig", "gb18030"]:
        try:
            return pd.read_csv(path, dtype=str, encoding=candidate, keep_default_na=False)
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            raise InputError(f"{path.name}: not a readable CSV table ({first_line(error)})") from None
    raise InputError(
        f"{path.name}: does not decode as {encoding or 'UTF-8 or GB18030'}; name it with --encoding"
    )


# -- matching --------------------------------------------------------------------------------------
class Matcher:
    """Finds the gazetteer place each row means, within its parent banner."""

    def __init__(self, gazetteer: Gazetteer, kind: str):
        self.gz = gazetteer
        self.kind = kind
        self.banners = list(gazetteer.records(["banner"]))
        self.by_adcode = {p.adcode: p for p in gazetteer.records(["banner", "league"]) if p.adcode}
        self.region = gazetteer.get(REGION_ID)
        shapely.prepare(self.region.geometry)
        for banner in self.banners:
            shapely.prepare(banner.geometry)
        self.towns: dict[str, list[Place]] = {}
        for town in gazetteer.records(["town"]):
            self.towns.setdefault(town.banner_id or "", []).append(town)

    def parent(self, value: str) -> Place | None:
        """A banner or league from a name ('陈巴尔虎旗', '陈旗') or a 行政区划代码 (6, 9 or 12 digits)."""
        text = normalize(str(value)).removesuffix(".0")
        if not text:
            return None
        if _CODE.match(text):
            return self.by_adcode.get(text[:6]) or self.by_adcode.get(text[:4] + "00")
        candidates = self.gz.lookup(text, types=["banner", "league"])
        if not candidates or (len(candidates) > 1 and candidates[0].score == candidates[1].score):
            return None
        return candidates[0].place

    def banner_at(self, point: Point, within: Place | None = None) -> Place | None:
        """The banner holding ``point`` (inside ``within`` when a league is given), else the nearest within
        :data:`BORDER_TOLERANCE`."""
        banners = [b for b in self.banners if within is None or within.id in (b.id, *b.parent_ids)]
        for banner in banners:
            if banner.geometry.contains(point):
                return banner
        near = [(b.geometry.distance(point), b.id, b) for b in banners]
        near = [n for n in near if n[0] <= BORDER_TOLERANCE]
        return min(near)[2] if near else None

    def match(self, name: str, banner: Place) -> tuple[str, list[Place], str]:
        """('matched', [place], how) | ('ambiguous', candidates, why) | ('new', [], why) for a name in a banner."""
        written = normalize(name)
        stripped = self._strip_prefixes(written, banner)
        if self.kind == "town":
            found = self._match_town(written, banner)
            return found if found[0] != "new" or stripped == written else self._match_town(stripped, banner)
        inside = self._inside(written, banner) or self._inside(stripped, banner)
        if len(inside) == 1:
            return "matched", inside, "name or alias in its banner"
        if inside:
            return "ambiguous", inside, f"{len(inside)} {self.kind} places of that name in {banner.name}"
        return "new", [], f"no {self.kind} of that name in {banner.name}"

    def _inside(self, key: str, banner: Place) -> list[Place]:
        """Places of the kind named ``key`` (name, alias, short form) inside ``banner``."""
        return [
            c.place
            for c in self.gz.lookup(key, within=banner.id, types=[self.kind])
            if banner.id in (c.place.id, *c.place.parent_ids) or banner.geometry.contains(c.place.point)
        ]

    def _strip_prefixes(self, key: str, banner: Place) -> str:
        """Drop a leading league and/or banner name or short form ('陈旗巴彦库仁镇' → '巴彦库仁镇')."""
        units = [banner, *self.gz.parents(banner)]
        changed = True
        while changed:
            changed = False
            for unit in units:
                forms = sorted({unit.name, *unit.aliases}, key=len, reverse=True)
                for form in forms:
                    if len(form) >= 2 and key.startswith(form) and len(key) - len(form) >= 2:
                        key, changed = key[len(form) :], True
                        break
        return key

    def _match_town(self, key: str, banner: Place) -> tuple[str, list[Place], str]:
        towns = self.towns.get(banner.id, [])
        written = _town_form(key)
        exact = [t for t in towns if normalize(t.name) == written]
        if len(exact) == 1:
            return "matched", exact, "name in its banner"
        core = _town_core(written)
        same_core = [t for t in towns if _town_core(normalize(t.name)) == core]
        if len(same_core) == 1:
            return "matched", same_core, f"same name with another ending ({same_core[0].name})"
        if same_core:
            return (
                "ambiguous",
                same_core,
                f"{len(same_core)} townships of {banner.name} share the name {core}",
            )
        aliased = {
            c.place.id: c.place
            for c in self.gz.lookup(key, within=banner.id, types=["town"])
            if c.place.banner_id == banner.id and c.score >= 1.0
        }
        if len(aliased) == 1:
            return "matched", list(aliased.values()), "alias or short form in its banner"
        if aliased:
            return "ambiguous", list(aliased.values()), f"short form shared by {len(aliased)} townships"
        return "new", [], f"not in the township list of {banner.name} (merged or renamed since 2019?)"


def _town_form(key: str) -> str:
    for written, official in _TOWN_ENDINGS:
        if key.endswith(written):
            return key[: -len(written)] + official
    return key


def _town_core(key: str) -> str:
    """The name without its ending and ethnic qualifier (苏木 / 乡 / 民族乡 / 镇 / 街道 compared as one)."""
    stem = _TOWN_SUFFIX.sub("", key)
    stem = stem.removesuffix("民族") if key.endswith("民族乡") else stem
    return _ETHNIC.sub("", stem) if len(_ETHNIC.sub("", stem)) >= 2 else stem


# -- the import ------------------------------------------------------------------------------------
def prepare_import(
    layer: Layer,
    gazetteer: Gazetteer,
    *,
    kind: str,
    name_field: str,
    parent_field: str | None = None,
    crs: str | None = None,
    licence: str = "",
) -> ImportPlan:
    """Convert and match every row of ``layer``; raises :class:`InputError` for a layer that cannot be used."""
    kind = KIND_ALIASES.get(kind, kind)
    frame = layer.frame
    if frame.empty:
        raise InputError(f"{layer.file}: the layer {layer.layer or ''} has no features".replace("  ", " "))
    for wanted, what in ((name_field, "--name-field"), (parent_field, "--parent-field")):
        if wanted and wanted not in frame.columns:
            fields = ", ".join(c for c in frame.columns if c != "geometry")
            raise InputError(f"{layer.file}: no field {wanted!r} for {what}; fields: {fields}")
    matcher = Matcher(gazetteer, kind)
    names = [str(v).strip() for v in frame[name_field]]
    parents_raw = [str(v).strip() for v in frame[parent_field]] if parent_field else [""] * len(frame)
    parents = [matcher.parent(v) if v else None for v in parents_raw]
    conversion = _choose_conversion(layer, crs, parents, matcher)
    rows: list[Row] = []
    for index, (name, raw_parent, parent) in enumerate(zip(names, parents_raw, parents, strict=True)):
        row = Row(index, layer.fids[index], name, raw_parent, "unmatched")
        rows.append(row)
        source = frame.geometry.iloc[index]
        if source is None or source.is_empty:
            row.reason = layer.problems.get(index, "no geometry")
            continue
        row.geometry = geometry = conversion.transform(source)
        if not name:
            row.reason = "empty name"
            continue
        point = inner_point(geometry)
        if not matcher.region.geometry.buffer(BORDER_TOLERANCE).contains(point):
            row.status, row.reason = "refused", "outside Inner Mongolia"
            continue
        if raw_parent and parent is None:
            row.reason = f"parent {raw_parent!r}: no banner or league of that name or code"
            continue
        banner = (
            parent if parent is not None and parent.type == "banner" else matcher.banner_at(point, parent)
        )
        if banner is None:
            row.reason = f"point is not inside {parent.name if parent else 'any banner'}"
            continue
        if (
            parent is not None
            and parent.type == "banner"
            and banner.geometry.distance(point) > BORDER_TOLERANCE
        ):
            row.reason = f"point lies outside its parent {banner.name}"
            continue
        status, candidates, how = matcher.match(name, banner)
        row.status, row.reason = status, how
        row.candidates = "; ".join(f"{c.name} ({c.id})" for c in candidates)
        if status == "matched":
            row.place_id = candidates[0].id
        elif status == "new":
            row.place_id = _new_id(kind, name, banner, gazetteer, matcher)
        row.parent = row.parent or banner.name
        row.banner = banner
    _refuse_duplicates(rows, layer.file)
    records = [
        _record(row, kind, layer, conversion, licence) for row in rows if row.status in ("matched", "new")
    ]
    if not records and rows and all(r.status == "refused" for r in rows):
        raise InputError(
            f"{layer.file}: none of its {len(rows)} points falls inside Inner Mongolia in {conversion.crs}; "
            "check the CRS (--crs)"
        )
    return ImportPlan(rows, records, conversion)


def _choose_conversion(
    layer: Layer, crs: str | None, parents: list[Place | None], matcher: Matcher
) -> Conversion:
    """The conversion named by --crs, else the file's CRS, else the Gauss-Krüger zone the eastings' size (and,
    without a zone prefix, where the points fall) tells; refuses coordinates that contradict the CRS."""
    present = [g for g in layer.frame.geometry if g is not None and not g.is_empty]
    xs, ys = coordinates(present)
    chosen = parse_crs(crs) if crs else layer.crs
    region = matcher.region.geometry.bounds
    if chosen is None:
        zones = sniff_projected(xs, ys)
        if zones is None:
            raise InputError(
                f"{layer.file}: no CRS in the file and none given: pass --crs (EPSG:4490, EPSG:4326, gcj02, bd09 …)"
            )
        chosen = zones[0] if len(zones) == 1 else _best_zone(zones, present, parents, matcher, layer.file)
    if isinstance(chosen, str) or chosen.is_geographic:
        check_geographic(xs, ys, chosen if isinstance(chosen, str) else f"EPSG:{chosen.to_epsg()}", region)
    else:
        check_projected(xs, ys, chosen.name)
    return conversion_for(chosen)


def _best_zone(zones, geometries, parents, matcher: Matcher, file: str):
    """The zone that puts the most points inside their parent banners (or the region, without parents)."""
    points = [inner_point(g) for g in geometries]
    areas = [p.geometry if p is not None else matcher.region.geometry for p in parents]
    scores = []
    for zone in zones:
        moved = [conversion_for(zone).transform(p) for p in points]
        scores.append(
            sum(area.buffer(BORDER_TOLERANCE).contains(p) for p, area in zip(moved, areas, strict=False))
        )
    order = np.argsort(scores)[::-1]
    best, second = scores[order[0]], scores[order[1]]
    if best == 0 or best == second:
        raise InputError(
            f"{file}: 6-digit eastings without zone prefix and no CRS: the zone cannot be told"
            f"{'' if any(parents) else ' without a parent field'}; pass --crs (EPSG:4534–4554)"
        )
    return zones[order[0]]


def _new_id(kind: str, name: str, banner: Place, gazetteer: Gazetteer, matcher: Matcher) -> str:
    if kind == "town":
        return f"town:{banner.adcode}:{_town_form(matcher._strip_prefixes(normalize(name), banner))}"
    key = normalize(name)
    plain = f"{kind}:{key}"
    return plain if plain not in gazetteer else f"{kind}:{banner.adcode}:{key}"


def _refuse_duplicates(rows: list[Row], file: str) -> None:
    seen: dict[str, Row] = {}
    for row in rows:
        if row.status not in ("matched", "new"):
            continue
        first = seen.setdefault(row.place_id, row)
        if first is not row:
            raise InputError(
                f"{file}: duplicate names: features {first.fid} ({first.name}) and {row.fid} ({row.name}) "
                f"are both {row.place_id}"
            )


def _record(row: Row, kind: str, layer: Layer, conversion: Conversion, licence: str) -> OverlayRecord:
    geometry = row.geometry
    return OverlayRecord(
        place_id=row.place_id,
        name=row.place_id.rsplit(":", 1)[-1] if row.status == "new" else row.candidates.split(" (")[0],
        type=kind,
        parent_id=row.banner.id,
        status=row.status,
        precision=precision_of(kind, geometry),
        geometry=geometry,
        source_name=row.name,
        source_file=layer.file,
        source_layer=layer.layer,
        source_fid=row.fid,
        crs=conversion.crs,
        conversion=conversion.method,
        licence=licence,
    )
