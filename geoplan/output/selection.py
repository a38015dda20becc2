"""Pure filtering, search and counting over atlas frames (what the web app shows).

An atlas is ``{layer_id: GeoDataFrame}`` as :func:`geoplan.atlas.schema.read_atlas` returns it.  Nothing here
draws or reads files; every function returns new frames and leaves its inputs untouched.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geoplan.extract.features import place_geometry
from geoplan.geocode.gazetteer import APPROXIMATE_PRECISIONS, PRECISIONS
from geoplan.layers import load_layers

Atlas = Mapping[str, gpd.GeoDataFrame]

#: Base layers that form the background and are never filtered away by plan/sector/… filters.
BOUNDARY_LAYERS = ("leagues", "banners")


@dataclass(frozen=True)
class Filters:
    """What the user chose; an empty tuple means "all"."""

    layers: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    leagues: tuple[str, ...] = ()
    banners: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    min_plans: int = 0  # thematic features named in at least this many plans (0 or 1: all)


@dataclass(frozen=True)
class SearchHit:
    """One search result: what it is and where to zoom."""

    label: str
    kind: str  # 'project' | 'place' | 'gazetteer'
    layer: str  # atlas layer id ('' for gazetteer records not in the atlas)
    key: str  # feature_id or place_id
    bounds: tuple[float, float, float, float]  # minx, miny, maxx, maxy (EPSG:4326)
    detail: str = ""
    score: float = field(default=0.0, compare=False)


def thematic_ids() -> list[str]:
    return [d.id for d in load_layers() if d.group == "thematic"]


def is_thematic(layer_id: str) -> bool:
    return layer_id in set(thematic_ids())


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].fillna("").astype(str)
    return pd.Series([""] * len(frame), index=frame.index, dtype=object)


def _split(values: pd.Series, sep: str) -> pd.Series:
    return values.map(lambda text: {part.strip() for part in text.split(sep) if part.strip()})


def filter_layer(layer_id: str, frame: gpd.GeoDataFrame, filters: Filters) -> gpd.GeoDataFrame:
    """The rows of one layer that pass ``filters`` (boundary layers pass whole)."""
    if layer_id in BOUNDARY_LAYERS or frame.empty:
        return frame
    keep = pd.Series(True, index=frame.index)
    thematic = is_thematic(layer_id) or "plan" in frame.columns
    by_column = {"league": filters.leagues, "banner": filters.banners, "precision": filters.precisions}
    if thematic:
        by_column.update(sector=filters.sectors, action=filters.actions)
    for column, wanted in by_column.items():
        if wanted:
            keep &= _column(frame, column).isin(wanted)
    if thematic:
        named_in = plans_of(frame)
        if filters.plans:
            keep &= named_in.map(lambda names: bool(set(names) & set(filters.plans)))
        if filters.min_plans > 1:
            keep &= named_in.map(len) >= filters.min_plans
    if not thematic:
        if filters.plans:
            plans = set(filters.plans)
            keep &= _split(_column(frame, "plans"), ";").map(lambda names: bool(names & plans))
        if filters.sectors or filters.actions:
            keep &= False  # base records carry no sector or action
    return frame[keep]


def plans_of(frame: pd.DataFrame) -> pd.Series:
    """The plans naming each thematic feature: its ``plans`` list (a linked project), else its ``plan``."""
    listed = _column(frame, "plans")
    single = _column(frame, "plan")
    return pd.Series(
        [
            tuple(p for p in many.split(";") if p) or ((one,) if one else ())
            for many, one in zip(listed, single, strict=True)
        ],
        index=frame.index,
        dtype=object,
    )


def sources_rows(sources: str) -> list[dict[str, str]]:
    """The ``sources`` column of a feature (a JSON list) as rows of text; [] when empty or unreadable."""
    try:
        parsed = json.loads(sources) if sources else []
    except json.JSONDecodeError:
        return []
    return [
        {key: str(value) for key, value in source.items()} for source in parsed if isinstance(source, dict)
    ]


def plan_counts(atlas: Atlas) -> list[int]:
    """The distinct numbers of plans naming a thematic feature (for the "named in N plans" filter)."""
    found = {
        len(names) for layer_id, frame in atlas.items() if is_thematic(layer_id) for names in plans_of(frame)
    }
    return sorted(found - {0})


def plan_issuers(atlas: Atlas) -> dict[str, tuple[str, str, str]]:
    """(issuer, issuer level, plan kind) of each plan of the thematic layers (for the plan hierarchy)."""
    found: dict[str, tuple[str, str, str]] = {}
    for layer_id, frame in atlas.items():
        if not is_thematic(layer_id) or frame.empty:
            continue
        columns = [_column(frame, c) for c in ("plan", "issuer", "issuer_level", "plan_kind")]
        for plan, issuer, level, kind in zip(*columns, strict=True):
            found.setdefault(plan, (issuer, level, kind))
    return found


def filter_atlas(atlas: Atlas, filters: Filters) -> dict[str, gpd.GeoDataFrame]:
    """The layers the user chose, each reduced to its rows passing ``filters``."""
    chosen = [layer_id for layer_id in atlas if not filters.layers or layer_id in filters.layers]
    return {layer_id: filter_layer(layer_id, atlas[layer_id], filters) for layer_id in chosen}


def options(atlas: Atlas) -> dict[str, list[str]]:
    """Distinct values offered by each filter (sorted, blanks dropped)."""

    def distinct(frames: Iterable[pd.DataFrame], column: str, sep: str | None = None) -> list[str]:
        values: set[str] = set()
        for frame in frames:
            series = _column(frame, column)
            values.update(*_split(series, sep)) if sep else values.update(series)
        return sorted(value for value in values if value)

    thematic = [frame for layer_id, frame in atlas.items() if is_thematic(layer_id)]
    base = [frame for layer_id, frame in atlas.items() if not is_thematic(layer_id)]
    return {
        "layers": list(atlas),
        "plans": sorted(
            set(distinct(thematic, "plan"))
            | set(distinct(thematic, "plans", ";"))
            | set(distinct(base, "plans", ";"))
        ),
        "leagues": distinct(atlas.values(), "league"),
        "banners": distinct(atlas.values(), "banner"),
        "sectors": distinct(thematic, "sector"),
        "actions": distinct(thematic, "action"),
        "precisions": [p for p in PRECISIONS if p in set(distinct(atlas.values(), "precision"))],
    }


def banners_of(atlas: Atlas, leagues: Iterable[str]) -> list[str]:
    """Banner names whose league is one of ``leagues`` (all banners when none given)."""
    wanted = set(leagues)
    names: set[str] = set()
    for frame in atlas.values():
        banner, league = _column(frame, "banner"), _column(frame, "league")
        names.update(banner[league.isin(wanted)] if wanted else banner)
    return sorted(name for name in names if name)


def counts(atlas: Atlas) -> dict[str, int]:
    """What a map of ``atlas`` draws, as the web map's layer control and the app's sidebar both show it:
    see :func:`tally` (``atlas`` is split into the region and the context beyond it first)."""
    return tally(*split_context(atlas))


def outside_key(layer_id: str) -> str:
    """The :func:`tally` key of a layer's features beyond the region (the map's entry ``…（区外）``)."""
    return f"{layer_id}{OUTSIDE_SUFFIX}"


#: what the key of a layer's features beyond the region adds to its id.
OUTSIDE_SUFFIX = "@outside"


def tally(inside: Atlas, outside: Atlas) -> dict[str, int]:
    """Counts of one map's entries (``inside`` and ``outside`` as :func:`split_context` returns them): rows
    per layer drawn in the region, :func:`outside_key` per layer for its features beyond it, ``features``
    (every thematic row) and ``approximate`` (thematic rows placed approximately).  The one count of a
    selection: the web map titles its layers with it and the app's sidebar lists it."""
    result = {layer_id: len(frame) for layer_id, frame in inside.items()}
    result.update({outside_key(layer_id): len(frame) for layer_id, frame in outside.items()})
    thematic = [
        frame for part in (inside, outside) for layer_id, frame in part.items() if is_thematic(layer_id)
    ]
    result["features"] = sum(len(frame) for frame in thematic)
    result["approximate"] = int(sum(approximate_mask(frame).sum() for frame in thematic))
    return result


def approximate_mask(frame: pd.DataFrame) -> pd.Series:
    """True where a feature's location is approximate (see :data:`~geoplan.geocode.gazetteer.APPROXIMATE_PRECISIONS`)."""
    flag = pd.Series(False, index=frame.index)
    if "approximate" in frame.columns:
        flag |= pd.to_numeric(frame["approximate"], errors="coerce").fillna(0).astype(int) == 1
    return flag | _column(frame, "precision").isin(APPROXIMATE_PRECISIONS)


def merge_atlases(old: Atlas, new: Atlas) -> dict[str, gpd.GeoDataFrame]:
    """``old`` with ``new`` added: rows with the same id (feature_id / place_id) are replaced by new ones."""
    merged = dict(old)
    for layer_id, frame in new.items():
        if layer_id not in merged or merged[layer_id].empty:
            merged[layer_id] = frame
            continue
        if frame.empty:
            continue
        key = "feature_id" if "feature_id" in frame.columns else "place_id"
        base = merged[layer_id].to_crs(frame.crs) if frame.crs is not None else merged[layer_id]
        kept = base[~_column(base, key).isin(set(_column(frame, key)))]
        merged[layer_id] = gpd.GeoDataFrame(pd.concat([kept, frame], ignore_index=True), crs=frame.crs)
    return merged


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _score(query: str, name: str) -> float:
    """3 for an exact match, 2 for a prefix, 1 for a substring, 0 otherwise; shorter names rank first."""
    folded = _fold(name)
    if not folded or query not in folded:
        return 0.0
    base = 3.0 if folded == query else 2.0 if folded.startswith(query) else 1.0
    return base + len(query) / (len(folded) + 1)


def _bounds(geometry) -> tuple[float, float, float, float]:
    return tuple(float(v) for v in geometry.bounds)  # type: ignore[return-value]


def search(
    query: str,
    atlas: Atlas,
    gazetteer_names: Callable[[], Iterable[tuple[str, str, object]]] | None = None,
    limit: int = 20,
) -> list[SearchHit]:
    """Projects and places whose name contains ``query`` (case/width-insensitive), best first.

    Searches the atlas (thematic ``name`` and ``locations``, base ``name``) and, when given,
    ``gazetteer_names()`` yielding ``(surface form, place_id, geometry)`` for places not in the atlas.
    """
    folded = _fold(query)
    if not folded:
        return []
    hits: dict[tuple[str, str], SearchHit] = {}

    def offer(hit: SearchHit) -> None:
        key = (hit.layer, hit.key)
        if key not in hits or hits[key].score < hit.score:
            hits[key] = hit

    seen_places: set[str] = set()
    for layer_id, frame in atlas.items():
        if frame.empty:
            continue
        thematic = is_thematic(layer_id)
        names = _column(frame, "name")
        extra = _column(frame, "locations") if thematic else _column(frame, "banner")
        ids = _column(frame, "feature_id" if thematic else "place_id")
        seen_places.update(ids if not thematic else ())
        for row, name, where, key in zip(frame.itertuples(index=False), names, extra, ids, strict=True):
            score = max(_score(folded, name), 0.5 * _score(folded, where) if thematic else 0.0)
            if score and row.geometry is not None and not row.geometry.is_empty:
                offer(
                    SearchHit(
                        label=name,
                        kind="project" if thematic else "place",
                        layer=layer_id,
                        key=key,
                        bounds=_bounds(row.geometry),
                        detail=where,
                        score=score + (0.1 if thematic else 0.0),
                    )
                )
    if gazetteer_names is not None:
        for surface, place_id, geometry in gazetteer_names():
            if place_id in seen_places:
                continue
            score = _score(folded, surface)
            if score and geometry is not None and not geometry.is_empty:
                offer(SearchHit(surface, "gazetteer", "", place_id, _bounds(geometry), score=score - 0.05))
    return sorted(hits.values(), key=lambda hit: (-hit.score, hit.label, hit.layer, hit.key))[:limit]


#: Columns of the feature table, in order.
TABLE_COLUMNS = (
    "layer",
    "name",
    "description",
    "issuer",
    "plan",
    "sector",
    "action",
    "quantities_text",
    "locations",
    "league",
    "banner",
    "precision",
    "feature_id",
)


def feature_table(atlas: Atlas) -> pd.DataFrame:
    """One row per thematic feature of ``atlas`` (no geometry), in :data:`TABLE_COLUMNS` order."""
    frames = []
    for layer_id, frame in atlas.items():
        if not is_thematic(layer_id) or frame.empty:
            continue
        table = pd.DataFrame({column: _column(frame, column) for column in TABLE_COLUMNS})
        table["layer"] = layer_id
        frames.append(table)
    if not frames:
        return pd.DataFrame(columns=list(TABLE_COLUMNS))
    return pd.concat(frames, ignore_index=True)


def feature_bounds(atlas: Atlas, layer_id: str, key: str) -> tuple[float, float, float, float] | None:
    """Bounds of the feature ``key`` (feature_id or place_id) of ``layer_id``; None when absent."""
    frame = atlas.get(layer_id)
    if frame is None or frame.empty:
        return None
    column = "feature_id" if "feature_id" in frame.columns else "place_id"
    rows = frame[_column(frame, column) == key]
    if rows.empty:
        return None
    return tuple(float(v) for v in rows.total_bounds)  # type: ignore[return-value]


def atlas_bounds(atlas: Atlas) -> tuple[float, float, float, float] | None:
    """The extent to show: the leagues and banners the atlas holds (the region, or the leagues a filter
    kept), else every non-empty layer together; None for an empty atlas.  A corridor running on to another
    province or a place across the border does not widen the view past the region."""
    frames = [atlas[name] for name in ("leagues", "banners") if name in atlas and not atlas[name].empty]
    boxes = [frame.total_bounds for frame in frames or [f for f in atlas.values() if not f.empty]]
    if not boxes:
        return None
    return (
        float(min(b[0] for b in boxes)),
        float(min(b[1] for b in boxes)),
        float(max(b[2] for b in boxes)),
        float(max(b[3] for b in boxes)),
    )


def view_bounds(atlas: Atlas, filters: Filters) -> tuple[float, float, float, float] | None:
    """The extent a filtered map opens on: the chosen banners, else the chosen leagues, else the issuers of the
    chosen plans (their league or banner, as the static map frames one issuer's plans), else
    :func:`atlas_bounds`.  Boundaries are never filtered away, so the region's extent would ignore the choice."""
    areas: list[Any] = []
    if filters.banners or filters.leagues:
        layer, names = ("banners", filters.banners) if filters.banners else ("leagues", filters.leagues)
        frame = atlas.get(layer)
        if frame is not None and not frame.empty:
            areas = list(frame.geometry[frame["name"].astype(str).isin(names)])
    elif filters.plans:
        issuers = {issuer for plan, (issuer, _, _) in plan_issuers(atlas).items() if plan in filters.plans}
        for layer in ("leagues", "banners"):
            frame = atlas.get(layer)
            if frame is not None and not frame.empty:
                names = frame["name"].astype(str)
                if "league" in frame.columns:  # a district is named with its city ('呼和浩特市新城区')
                    names = names.where(names.isin(issuers), frame["league"].astype(str) + names)
                areas.extend(frame.geometry[names.isin(issuers)])
    areas = [area for area in areas if area is not None and not area.is_empty]
    if not areas:
        return atlas_bounds(atlas)
    return tuple(float(v) for v in shapely.total_bounds(np.asarray(areas)))  # type: ignore[return-value]


ISSUER_AREA = "issuer area"  # geometry_basis of a project a plan names without a place


#: share of an area (the region, a map's subject) a place must cover to stand for the whole of it
REGION_SHARE = 0.9


def covers(geometry: Any, subject: Any) -> bool:
    """Whether ``geometry`` is an area covering :data:`REGION_SHARE` of the area ``subject`` (same CRS)."""
    return geometry.area > 0 and geometry.intersection(subject).area >= REGION_SHARE * subject.area


def covers_region(frame: gpd.GeoDataFrame, region: Any | None) -> np.ndarray:
    """Whether each feature is an area covering :data:`REGION_SHARE` of ``region`` (lon/lat)."""
    covering = np.zeros(len(frame), dtype=bool)
    if region is None or frame.empty or region.area <= 0:
        return covering
    rminx, rminy, rmaxx, rmaxy = region.bounds
    bounds = frame.geometry.bounds.to_numpy()
    spans = (bounds[:, 2] - bounds[:, 0] >= REGION_SHARE * (rmaxx - rminx)) & (
        bounds[:, 3] - bounds[:, 1] >= REGION_SHARE * (rmaxy - rminy)
    )
    for i in np.flatnonzero(spans):  # only areas as wide and tall as the region are measured
        covering[i] = covers(frame.geometry.iloc[i], region)
    return covering


def without_issuer_area(atlas: Atlas) -> tuple[dict[str, gpd.GeoDataFrame], pd.DataFrame]:
    """(the atlas without its issuer-area projects, those projects as a table of name, plan, layer).

    A project a plan names without a place covers the plan's whole issuer area: piled on the map, such
    polygons hide everything under them, so the app lists them instead.  So does a project placed at the
    region as a whole (an area covering :data:`REGION_SHARE` of it: 五个基地 of 内蒙古自治区), whose polygon
    took every click on the map."""
    kept: dict[str, gpd.GeoDataFrame] = {}
    rows = []
    region = region_union(atlas)
    for layer_id, frame in atlas.items():
        if not is_thematic(layer_id) or frame.empty or "geometry_basis" not in frame.columns:
            kept[layer_id] = frame
            continue
        area = (frame["geometry_basis"].astype(str) == ISSUER_AREA).to_numpy() | covers_region(frame, region)
        kept[layer_id] = frame[~area]
        if area.any():
            rows.append(
                pd.DataFrame(
                    {
                        "name": _column(frame[area], "name"),
                        "plan": _column(frame[area], "plan"),
                        "layer": layer_id,
                        "feature_id": _column(frame[area], "feature_id"),
                    }
                )
            )
    table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["name", "plan", "layer"])
    return kept, table


#: Layers whose features lying mostly outside the region are context, not the plan's map (a macro-region's hull
#: such as 东北地区, a neighbouring city, a foreign capital): drawn only on request.
CONTEXT_LAYERS = ("places",)
#: the kinds of place that are context when outside: a lake or a town outside (红碱淖, a town a user moved
#: across the border) is still drawn where it is.
CONTEXT_TYPES = ("province", "neighbour", "foreign", "region")
#: share of a feature (area, length or points) outside the region above which it counts as outside.
OUTSIDE_SHARE = 0.5
#: a point this close to the region (degrees, about 10 km) is inside: border ports stand on the line.
BORDER_TOLERANCE_DEG = 0.1


#: simplification (degrees, about 1 km) of the areas before their union: the region's outline is for
#: telling inside from outside and for the static map's inset, not for measuring.
REGION_SIMPLIFY_DEG = 0.01


def region_union(atlas: Atlas) -> Any | None:
    """Inner Mongolia as the union of the atlas's leagues (else its banners), simplified by
    :data:`REGION_SIMPLIFY_DEG`, in lon/lat; None without either.  The one place the union is computed:
    the web map's split of context places and the static map (its split and its inset) both take it here."""
    for name in ("leagues", "banners"):
        frame = atlas.get(name)
        if frame is None or frame.empty:
            continue
        polygons = frame.geometry[frame.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy()]
        if not polygons.empty:
            return shapely.union_all(shapely.make_valid(polygons.simplify(REGION_SIMPLIFY_DEG).values))
    return None


def region_outline(atlas: Atlas, union: Any | None = None) -> Any | None:
    """The region (``union``, else :func:`region_union` of ``atlas``) widened by :data:`BORDER_TOLERANCE_DEG`;
    None without leagues or banners."""
    union = union if union is not None else region_union(atlas)
    return None if union is None else shapely.buffer(union, BORDER_TOLERANCE_DEG)


def outside_region(frame: gpd.GeoDataFrame, region: Any) -> pd.Series:
    """Which features lie mostly (more than :data:`OUTSIDE_SHARE`) outside ``region``: by area for areas, by
    length for lines, by count for points.  Features without a geometry are inside."""
    geometries = np.asarray(frame.geometry.values)
    inside = shapely.intersection(geometries, region)
    share = np.ones(len(geometries))
    areas = shapely.area(geometries)
    lengths = shapely.length(geometries)
    polygonal = areas > 0
    linear = ~polygonal & (lengths > 0)
    share[polygonal] = shapely.area(inside[polygonal]) / areas[polygonal]
    share[linear] = shapely.length(inside[linear]) / lengths[linear]
    points = ~polygonal & ~linear & ~shapely.is_empty(geometries) & ~shapely.is_missing(geometries)
    if points.any():
        parts = shapely.get_num_geometries(geometries[points])
        kept = np.where(shapely.is_empty(inside[points]), 0, shapely.get_num_geometries(inside[points]))
        share[points] = kept / np.maximum(parts, 1)
    return pd.Series(share < 1 - OUTSIDE_SHARE, index=frame.index)


def split_context(
    atlas: Atlas, union: Any | None = None
) -> tuple[dict[str, gpd.GeoDataFrame], dict[str, gpd.GeoDataFrame]]:
    """(the atlas with the context layers' outside features taken out, those features by layer; only
    non-empty ones).  ``union`` is the region if the caller has it (:func:`region_union`).  Without leagues
    or banners to tell the region by, nothing is taken out."""
    region = region_outline(atlas, union)
    kept, outside = dict(atlas), {}
    if region is None:
        return kept, outside
    for layer_id in CONTEXT_LAYERS:
        frame = atlas.get(layer_id)
        if frame is None or frame.empty:
            continue
        mask = outside_region(frame, region)
        if "type" in frame.columns:
            mask &= frame["type"].astype(str).isin(CONTEXT_TYPES)
        if mask.any():
            kept[layer_id], outside[layer_id] = frame[~mask], frame[mask]
    return kept, outside


BASE_LAYERS = ("leagues", "banners", "towns")
#: Precision of a hit -> (the area layer it is shown at, the caption saying so).
AREA_VIEWS = {
    "banner": ("banners", "banner", "位置约略：按旗县范围显示"),
    "league": ("leagues", "league", "位置约略：按盟市范围显示"),
}


def precision_area(atlas: Atlas, hit: SearchHit) -> tuple[Any, str] | None:
    """For a hit known only to banner or league precision: (the area's geometry, a caption); else None.

    The map then shows the whole banner (or league) with its boundary, not a point at street scale.  A place
    whose own level is its precision (a league at league precision, a banner at banner precision) is that
    area, exactly located: None."""
    frame = atlas.get(hit.layer)
    area_layer = None
    if frame is not None and not frame.empty and "precision" in frame.columns:
        column = "feature_id" if "feature_id" in frame.columns else "place_id"
        rows = frame[frame[column].astype(str) == hit.key]
        if not rows.empty:
            row = rows.iloc[0]
            precision = str(row.get("precision", ""))
            view = AREA_VIEWS.get(precision) if str(row.get("type", "")) != precision else None
            if view is not None:
                area_layer, name_column, caption = view
                name = str(row.get(name_column, "") or "")
    if area_layer is None or not name or area_layer not in atlas:
        return None
    areas = atlas[area_layer]
    match = areas[areas["name"].astype(str) == name]
    if match.empty:
        return None
    return match.geometry.iloc[0], caption


def loaded_bounds(layers: Atlas) -> tuple[float, float, float, float] | None:
    """The extent of newly loaded data: its features outside the base layers (leagues, banners, towns),
    else :func:`atlas_bounds`; None when nothing has a geometry."""
    boxes = [
        frame.total_bounds
        for name, frame in layers.items()
        if name not in BASE_LAYERS and not frame.empty and frame.geometry.notna().any()
    ]
    if not boxes:
        return atlas_bounds(layers)
    return (
        float(min(b[0] for b in boxes)),
        float(min(b[1] for b in boxes)),
        float(max(b[2] for b in boxes)),
        float(max(b[3] for b in boxes)),
    )


def feature_record(atlas: Atlas, layer_id: str, key: str) -> dict[str, str]:
    """Every attribute (not the geometry) of the feature ``key`` of ``layer_id``, as text; {} when absent."""
    frame = atlas.get(layer_id)
    if frame is None or frame.empty:
        return {}
    column = "feature_id" if "feature_id" in frame.columns else "place_id"
    rows = frame[_column(frame, column) == key]
    if rows.empty:
        return {}
    row = rows.iloc[0].drop(labels=[frame.geometry.name])
    return {name: "" if pd.isna(value) else str(value) for name, value in row.items()}


#: bases a project row keeps when it stood at one place: only those rows follow a moved place
_ONE_PLACE_BASES = frozenset({"place point", "parent centroid", "polygon"})


def relocate(atlas: Atlas, gazetteer: Any, place_ids: Iterable[str]) -> dict[str, gpd.GeoDataFrame]:
    """The atlas with the places ``place_ids`` (as ``gazetteer`` now has them: an overlay's corrections) moved:
    their base-layer rows, and the thematic rows that stand at that one place, take the new geometry,
    precision, basis and source. A rebuild (``geoplan build``) gives the same for every other feature."""
    moved = {pid: gazetteer.get(pid) for pid in place_ids if pid in gazetteer}
    result = {}
    for layer_id, frame in atlas.items():
        key = "place_id" if "place_id" in frame.columns else "place_ids"
        if key not in frame.columns or not moved:
            result[layer_id] = frame
            continue
        hits = frame[key].astype(str).isin(moved)
        if key == "place_ids" and "geometry_basis" in frame.columns:
            hits &= frame["geometry_basis"].isin(_ONE_PLACE_BASES)
        if not hits.any():
            result[layer_id] = frame
            continue
        frame = frame.copy()
        for index in frame.index[hits]:
            place = moved[str(frame.at[index, key])]
            if key == "place_id":
                frame.at[index, "geometry"] = place.geometry
                frame.at[index, "geometry_source"] = place.geometry_source
            else:
                geometry, basis = place_geometry(place)
                frame.at[index, "geometry"] = geometry
                frame.at[index, "geometry_basis"] = basis
                frame.at[index, "approximate"] = int(place.precision in APPROXIMATE_PRECISIONS)
            frame.at[index, "precision"] = place.precision
        result[layer_id] = frame
    return result
