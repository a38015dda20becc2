"""The atlas: every layer of one or more plans, as GeoDataFrames in EPSG:4326.

CONTRACT (stable; the app, the exports and the static maps read it): a GeoPackage whose tables are
the layers of ``layers/layers.yaml``, each with one geometry type (a mixed layer as
``<id>_point``/``_line``/``_polygon``, see :mod:`geoplan.atlas.tables`), plus QGIS ``layer_styles``.
Thematic layers carry :data:`FEATURE_COLUMNS`; base layers carry :data:`BASE_COLUMNS`, and ``leagues`` and
``banners`` also the per-plan summary columns ``<scope>_<metric>`` of :mod:`geoplan.atlas.summary`.
``read_atlas`` returns ``{layer_id: GeoDataFrame}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geoplan.atlas.tables import group_tables, layer_of_table, tables_of_layers
from geoplan.errors import AtlasReadError, InputError, first_line
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.resources import DEFAULT_ATLAS

CRS = "EPSG:4326"
STYLES_TABLE = "layer_styles"

#: Columns of every feature of a thematic layer (projects, places, schematic layouts).
FEATURE_COLUMNS: dict[str, str] = {
    "feature_id": "stable id: '<plan stem>:<box number or p>:<item or paragraph number>[:<n>]'",
    "name": "名称 — project or place name: what a list or a map label shows (a project's own title, 30 characters as a rule)",
    "description": "说明 — the project's text after its name, its description ('' for places and for items that are only a name)",
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
    "plans": "every plan naming the feature, joined by ';' (one feature per linked project: see atlas/links.py)",
    "sources": "JSON list of each plan's own wording: {plan, issuer, plan_kind, feature_id, name, box, item, page, excerpt}",
    "carryover": "1 when plans of two periods of one issuer name it (a 14th-plan project carried over into the 15th)",
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
    """Read every layer (or the named ones) of an atlas GeoPackage, in EPSG:4326.

    A layer's one-geometry-type tables (``industry_point``, ``industry_line`` …) come back as one
    frame under the layer id (:func:`geoplan.atlas.tables.group_tables`).
    """
    path = Path(path or DEFAULT_ATLAS)
    if not path.is_file():
        raise AtlasReadError(
            f"{path}: no such atlas (build one with 'geoplan build PLAN... --out {path.name}')"
        )
    try:
        available = [name for name, _ in pyogrio.list_layers(path)]
    except Exception as error:  # pyogrio raises DataSourceError and friends
        raise AtlasReadError(f"{path}: not a readable GeoPackage: {first_line(error)}") from None
    present = list(dict.fromkeys(layer_of_table(name)[0] for name in available if name != STYLES_TABLE))
    wanted = layers or present
    unknown = sorted(set(wanted) - set(present))
    if unknown:
        raise AtlasReadError(f"{path}: no layer {', '.join(unknown)}; it has {', '.join(present) or 'none'}")
    tables = {}
    for name in tables_of_layers(available, list(wanted)):
        try:
            frame = gpd.read_file(path, layer=name, engine="pyogrio")
        except Exception as error:  # a corrupt page of the SQLite file surfaces here
            raise AtlasReadError(f"{path}: table {name} is unreadable: {first_line(error)}") from None
        tables[name] = frame.to_crs(CRS) if frame.crs is not None and frame.crs != CRS else frame
    grouped = group_tables(tables)
    return {name: grouped[name] for name in wanted}


#: the words a user gives for a plan period, by ``plan_kind``
PERIOD_WORDS: dict[str, tuple[str, ...]] = {
    "14th": ("十四五", "14th", "14", "2021-2025"),
    "15th": ("十五五", "15th", "15", "2026-2030"),
}


def atlas_plans(layers: dict[str, gpd.GeoDataFrame]) -> dict[str, str]:
    """The plan file names the thematic features of ``layers`` come from, each with its issuer ('' when the
    rows do not say)."""
    plans: dict[str, str] = {}
    for frame in layers.values():
        if "plan" not in frame.columns:
            continue
        columns = ["plan", "issuer"] if "issuer" in frame.columns else ["plan"]
        for row in frame[columns].drop_duplicates().itertuples(index=False):
            name, issuer = str(row[0] or ""), row[1] if len(row) > 1 else ""
            if name and name != "nan" and not plans.get(name):
                plans[name] = issuer if isinstance(issuer, str) else ""
    return plans


def plan_names(requested: Iterable[str], known: Iterable[str] | Mapping[str, str]) -> set[str]:
    """The plan file names of ``known`` that ``requested`` names: each by its file name, its stem, or the
    start of exactly one plan's name ('004' for '004_6b20b77d51383257.txt').  A name matching no plan, or the
    start of several, is an :class:`InputError` that lists the plans (with their issuers when ``known`` maps
    each name to its issuer, as :func:`atlas_plans` does: the file names alone do not say which is which)."""
    issuers = known if isinstance(known, Mapping) else {}
    known = sorted(set(known))
    chosen: set[str] = set()
    for plan in requested:
        wanted = {plan, Path(plan).name, Path(plan).stem}
        exact = [name for name in known if name in wanted or Path(name).stem in wanted]
        matched = exact or [name for name in known if name.startswith(Path(plan).name)]
        if len(matched) != 1 and not exact:
            how = "matches several plans" if matched else "matches no plan"
            listing = ", ".join(f"{n} ({issuers[n]})" if issuers.get(n) else n for n in known) or "none"
            raise InputError(
                f"plan {plan!r} {how} (give a file name or its start); plans in the atlas: {listing}"
            )
        chosen.update(matched)
    return chosen


def period_mask(frame: gpd.GeoDataFrame, periods: Iterable[str]) -> pd.Series:
    """Rows of the given periods: '十四五' / '14th' / '2021-2025' (matched on ``plan_kind`` or ``period``)."""
    wanted = {p.strip().replace("“", "").replace("”", "") for p in periods if p.strip()}
    kinds = {kind for kind, words in PERIOD_WORDS.items() if wanted & set(words)}
    keep = pd.Series(False, index=frame.index)
    if "plan_kind" in frame.columns:
        keep |= frame["plan_kind"].astype(str).isin(kinds | wanted)
    if "period" in frame.columns:
        keep |= frame["period"].astype(str).isin(wanted)
    return keep


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
