"""The atlas: every layer of one or more plans, as GeoDataFrames in EPSG:4326.

CONTRACT (stable; the app, the exports and the static maps read it): a GeoPackage whose layer
names are the ids in ``layers/layers.yaml``.  Thematic layers carry :data:`FEATURE_COLUMNS`;
base layers carry :data:`BASE_COLUMNS`.  ``read_atlas`` returns ``{layer_id: GeoDataFrame}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pyogrio

from geoplan.errors import AtlasError
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.resources import DEFAULT_ATLAS

CRS = "EPSG:4326"

#: Columns of every feature of a thematic layer (projects, places, schematic layouts).
FEATURE_COLUMNS: dict[str, str] = {
    "feature_id": "stable id: '<plan stem>:<box number or p>:<item or paragraph number>[:<n>]'",
    "name": "project or place name",
    "kind": "project | place | layout",
    "layer": "thematic layer id",
    "sector": "sector id (see layers.yaml sectors)",
    "action": "新建 / 扩建 / 改造 / 提升 / 推进 / 争取 / 规划 … ('' when none)",
    "plan": "plan file name",
    "issuer": "issuing unit's full name",
    "issuer_level": "league | banner | district",
    "plan_kind": "14th | 15th",
    "period": "'2021-2025'",
    "chapter": "'第五章 加快发展方式绿色转型'",
    "section": "'第二节 …' ('' when none)",
    "box": "box number ('' for body sentences)",
    "box_title": "box title",
    "item": "item number within the box / paragraph index",
    "page": "printed page (0 when unknown)",
    "quantities": "JSON list of {text, value, unit, value_si, unit_si}",
    "quantities_text": "human summary, e.g. '100万千瓦; 500千伏'",
    "locations": "resolved place names joined by '、'",
    "place_ids": "gazetteer ids joined by ';'",
    "banner": "banner/county of the location ('' when several or none)",
    "league": "league/city of the location",
    "precision": "point | extent | town | banner | league | province | schematic",
    "geometry_basis": "place point | parent centroid | waypoints | polygon | schematic | issuer area",
    "approximate": "1 when precision is banner/league/province/schematic, else 0 (point, extent, town)",
    "excerpt": "source excerpt (the item or sentence)",
}

#: Columns of base layers (leagues, banners, towns, places).
BASE_COLUMNS: dict[str, str] = {
    "place_id": "gazetteer id",
    "name": "official name",
    "type": "gazetteer type",
    "adcode": "administrative code ('' when none)",
    "banner": "parent banner name",
    "league": "parent league name",
    "precision": "point | extent | town | banner | league | province | schematic",
    "geometry_source": "where the geometry comes from",
    "plans": "plans naming the place, joined by ';' ('' for pure base records)",
}


def read_atlas(
    path: str | Path | None = None, layers: list[str] | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """Read every layer (or the named ones) of an atlas GeoPackage, in EPSG:4326."""
    path = Path(path or DEFAULT_ATLAS)
    if not path.is_file():
        raise AtlasError(f"{path}: no such atlas (build one with 'geoplan build PLAN... --out {path.name}')")
    try:
        available = [name for name, _ in pyogrio.list_layers(path)]
    except Exception as error:  # pyogrio raises DataSourceError and friends
        raise AtlasError(f"{path}: not a readable GeoPackage: {error}") from None
    wanted = layers or available
    unknown = sorted(set(wanted) - set(available))
    if unknown:
        raise AtlasError(f"{path}: no layer {', '.join(unknown)}; it has {', '.join(available)}")
    frames = {}
    for name in wanted:
        frame = gpd.read_file(path, layer=name, engine="pyogrio")
        frames[name] = frame.to_crs(CRS) if frame.crs is not None and frame.crs != CRS else frame
    return frames


def places_frame(gazetteer: Gazetteer, types: Iterable[str] | None = None) -> gpd.GeoDataFrame:
    """The gazetteer's places (of ``types``) as a GeoDataFrame (EPSG:4326) with the columns of the base layers."""
    rows = []
    geometries = []
    for place in gazetteer.records(types):
        banner = gazetteer.get(place.banner_id) if place.banner_id in gazetteer else None
        league = gazetteer.get(place.league_id) if place.league_id in gazetteer else None
        rows.append(
            {
                "place_id": place.id,
                "name": place.name,
                "type": place.type,
                "adcode": place.adcode,
                "banner": banner.name if banner else "",
                "league": league.name if league else "",
                "precision": place.precision,
                "geometry_source": place.geometry_source,
                "plans": "",
            }
        )
        geometries.append(place.geometry)
    return gpd.GeoDataFrame(rows, columns=list(BASE_COLUMNS), geometry=geometries, crs=CRS)
