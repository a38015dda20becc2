"""What a static map draws: projected layers, the place it zooms to, water from the gazetteer, labels, sources."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import geopandas as gpd
from pyproj import CRS
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from geoplan.atlas.schema import places_frame
from geoplan.errors import InputError
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.layers import load_layers
from geoplan.output.render.labels import LabelCandidate
from geoplan.output.selection import covers

WATER_TYPES = ["lake", "river", "reservoir"]
ADMIN_SUFFIXES = ("自治旗", "自治县", "旗", "县", "市", "区", "盟")
PLAN_KINDS = {"14th": "“十四五”", "15th": "“十五五”"}
TOWN_LABEL_SPAN_M = 400_000.0


@dataclass(frozen=True)
class PlaceExtent:
    """The place a map zooms to: its name, projected geometry and where it was found."""

    name: str
    geometry: BaseGeometry
    source: str


def project_layers(layers: dict[str, gpd.GeoDataFrame], crs: CRS) -> dict[str, gpd.GeoDataFrame]:
    """Every layer in the map CRS, without empty or missing geometries."""
    projected = {}
    for name, frame in layers.items():
        frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
        if frame.crs is None:
            frame = frame.set_crs("EPSG:4326")
        projected[name] = frame.to_crs(crs)
    return projected


def _core(name: str) -> str:
    for suffix in ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def resolve_place(
    name: str,
    layers: dict[str, gpd.GeoDataFrame],
    crs: CRS,
    notes: list[str],
    gazetteer: Gazetteer | None = None,
) -> PlaceExtent:
    """A league or banner of the atlas (also without its suffix: 鄂尔多斯 = 鄂尔多斯市), a town or place of the
    atlas, or else a place of ``gazetteer`` (when given); :class:`InputError` when none has that name."""
    wanted = name.strip()
    if not wanted:
        raise InputError("empty place name")
    passes = (("leagues", "banners"), ("towns", "places"))
    for layer_ids in passes:
        for match in (lambda n: n == wanted, lambda n: _core(n) == _core(wanted)):
            for layer_id in layer_ids:
                frame = layers.get(layer_id)
                if frame is None or frame.empty or "name" not in frame.columns:
                    continue
                hits = frame[frame["name"].astype(str).map(match) & frame.geometry.notna()]
                if not hits.empty:
                    if len(hits) > 1:
                        notes.append(f"{wanted}: {len(hits)} matches in {layer_id}; using the first")
                    geometry = hits.iloc[:1].set_crs(hits.crs or "EPSG:4326", allow_override=True).to_crs(crs)
                    return PlaceExtent(str(hits.iloc[0]["name"]), geometry.geometry.iloc[0], layer_id)
    if gazetteer is not None:
        candidates = gazetteer.lookup(wanted)
        if candidates:
            place = candidates[0].place
            geometry = gpd.GeoSeries([place.geometry], crs="EPSG:4326").to_crs(crs).iloc[0]
            return PlaceExtent(place.name, geometry, "gazetteer")
    raise InputError(
        f"unknown place {wanted!r}: not a league, banner or place of the atlas nor in the gazetteer"
    )


def load_water(gazetteer: Gazetteer, crs: CRS, extent: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    """Lakes, reservoirs and rivers of ``gazetteer`` inside ``extent`` (projected to ``crs``).

    A river known only by the banners it spans has their hull for a geometry: that is where it runs, not
    water, so it is left out (drawn, it reads as a lake the size of those banners)."""
    frame = places_frame(gazetteer, types=WATER_TYPES)
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    hull = (frame["type"] == "river") & frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])
    frame = frame[~hull]
    if frame.empty:
        return frame
    minx, miny, maxx, maxy = extent
    return frame.to_crs(crs).cx[minx:maxx, miny:maxy]


def plan_entries(layers: dict[str, gpd.GeoDataFrame]) -> list[tuple[str, str, str]]:
    """(plan file, issuer, period word such as “十四五”) of every plan with features, sorted by file."""
    plans: dict[str, tuple[str, str]] = {}
    for frame in layers.values():
        if "plan" not in frame.columns or frame.empty:
            continue
        for row in frame[["plan", "issuer", "plan_kind"]].drop_duplicates().itertuples(index=False):
            plans.setdefault(str(row.plan), (str(row.issuer or ""), PLAN_KINDS.get(str(row.plan_kind), "")))
    return [(plan, issuer, kind) for plan, (issuer, kind) in sorted(plans.items())]


def plan_titles(layers: dict[str, gpd.GeoDataFrame]) -> list[str]:
    """Each plan drawn as '<issuer><period>规划纲要' (its file name when the issuer is unknown)."""
    names = [f"{issuer}{kind}规划纲要" if issuer else plan for plan, issuer, kind in plan_entries(layers)]
    return list(dict.fromkeys(names))


#: thematic layers a title names at most; a map of more of them is one of 重点项目
TITLE_LAYERS = 2


def drawn_subject(layers: dict[str, gpd.GeoDataFrame]) -> str:
    """What a title says the map shows: the titles of the thematic layers drawn, when they are one or two
    of the thematic layers (a map of 产业园区与产业项目 alone), else 重点项目."""
    thematic = [d for d in load_layers() if d.group == "thematic"]
    drawn = [d.title for d in thematic if d.id in layers and not layers[d.id].empty]
    return "、".join(drawn) if 0 < len(drawn) <= TITLE_LAYERS < len(thematic) else "重点项目"


def plans_summary(layers: dict[str, gpd.GeoDataFrame], shown: int = 4) -> tuple[str, str]:
    """(source text naming the plans drawn, default title): the title keeps the plans' issuers (up to
    three, else their count), period and what is drawn (:func:`drawn_subject`)."""
    entries = plan_entries(layers)
    if not entries:
        return "地名库", "内蒙古自治区地名示意图"
    names = plan_titles(layers)
    text = "、".join(names[:shown]) + (f"等{len(names)}部规划" if len(names) > shown else "")
    issuers = list(dict.fromkeys(issuer for _, issuer, _ in entries if issuer))
    kinds = {kind for _, _, kind in entries if kind}
    kind = kinds.pop() if len(kinds) == 1 else ""
    subject = drawn_subject(layers)
    if len(issuers) == 1:
        return text, f"{issuers[0]}{kind}规划{subject}示意图"
    if 1 < len(issuers) <= 3:
        return text, f"{'、'.join(issuers)}{kind}规划{subject}示意图"
    return text, f"内蒙古自治区{len(names)}部{kind}规划{subject}示意图"


def single_issuer(layers: dict[str, gpd.GeoDataFrame]) -> str | None:
    """The issuer when every thematic feature comes from plans of one issuing unit, else None."""
    issuers = {issuer for _, issuer, _ in plan_entries(layers) if issuer}
    return issuers.pop() if len(issuers) == 1 else None


def _referenced_places(projected: dict[str, gpd.GeoDataFrame]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for frame in projected.values():
        if "place_ids" in frame.columns:
            for value in frame["place_ids"].dropna().astype(str):
                counts.update(p for p in value.split(";") if p)
    return counts


def _area_candidates(
    frame: gpd.GeoDataFrame | None, view, fontsize: float, color: str
) -> list[LabelCandidate]:
    if frame is None or frame.empty:
        return []
    out = []
    for name, geometry in zip(frame["name"].astype(str), frame.geometry, strict=True):
        visible = geometry.intersection(view)
        if visible.is_empty or visible.area < view.area * 0.002:
            continue
        point = visible.representative_point()
        out.append(LabelCandidate(name, point.x, point.y, fontsize, color, area=True))
    return out


def water_label_candidates(
    water: gpd.GeoDataFrame, extent: tuple[float, float, float, float]
) -> list[LabelCandidate]:
    """River names at the middle of their visible course (a schematic band needs its name)."""
    view = box(*extent)
    out = []
    for name, geometry in zip(water["name"].astype(str), water.geometry, strict=True):
        if geometry.geom_type not in ("LineString", "MultiLineString"):
            continue
        visible = geometry.intersection(view)
        if visible.is_empty or visible.length <= 0:
            continue
        if visible.geom_type == "MultiLineString":
            visible = max(visible.geoms, key=lambda part: part.length)
        point = visible.interpolate(0.5, normalized=True)
        out.append(LabelCandidate(name, point.x, point.y, 7.0, "#2f6fa8"))
    return out


def names_whole_map(geometries: gpd.GeoSeries, subject: BaseGeometry | None) -> list[bool]:
    """Whether each geometry is an area covering the map's subject (:func:`geoplan.output.selection.covers`):
    the place the map is framed on, or the region it shows.  Such a place (the region on the region's map, a league on its own
    map, or any place containing it) is the map itself: the title names it, and its label would stand at an
    arbitrary inner point (the region's representative point lies in one league)."""
    if subject is None or subject.is_empty or subject.area <= 0:
        return [False] * len(geometries)
    return [covers(geometry, subject) for geometry in geometries]


def label_candidates(
    projected: dict[str, gpd.GeoDataFrame],
    extent: tuple[float, float, float, float],
    focus: PlaceExtent | None,
    water: list[LabelCandidate] | None = None,
    region: BaseGeometry | None = None,
) -> list[LabelCandidate]:
    """Labels in priority order: leagues (when several show), rivers, places the plans name most, banners,
    towns.  A place naming the whole map (:func:`names_whole_map` of the framed place, else of ``region`` in
    view) is not labelled among the places: the framed place is labelled once, first."""
    view = box(*extent)
    subject = focus.geometry if focus is not None else (region.intersection(view) if region else None)
    candidates: list[LabelCandidate] = []
    leagues = _area_candidates(projected.get("leagues"), view, 9.5, "#4a4a4a")
    if len(leagues) >= 2:
        candidates += leagues
    candidates += water or []
    places = projected.get("places")
    if places is not None and not places.empty:
        referenced = _referenced_places(projected)
        named = places
        if "plans" in places.columns:
            named = places[places["plans"].fillna("").astype(str).str.len() > 0]
        if named.empty:  # an atlas without plan references: label the places themselves
            named = places
        if "precision" in named.columns:  # a town placed at its banner's centre is not labelled there
            coarse = named["precision"].astype(str).isin(["banner", "league", "province"]) & (
                named.geom_type == "Point"
            )
            named = named[~coarse]
        named = named[[not whole for whole in names_whole_map(named.geometry, subject)]]
        points = named.geometry.representative_point()
        ranked = sorted(
            zip(named["place_id"].astype(str), named["name"].astype(str), points, strict=True),
            key=lambda row: -referenced.get(row[0], 0),
        )
        candidates += [
            LabelCandidate(name, p.x, p.y, 7.0, "#1a1a1a") for _, name, p in ranked if view.contains(p)
        ]
    candidates += _area_candidates(projected.get("banners"), view, 7.0, "#6e6e6e")
    minx, _, maxx, _ = extent
    towns = projected.get("towns")
    if towns is not None and not towns.empty and maxx - minx < TOWN_LABEL_SPAN_M:
        points = towns.geometry.representative_point()
        candidates += [
            LabelCandidate(name, p.x, p.y, 6.0, "#555555")
            for name, p in zip(towns["name"].astype(str), points, strict=True)
            if view.contains(p)
        ]
    if focus is not None:
        point = focus.geometry.representative_point()
        candidates.insert(
            0, LabelCandidate(focus.name, point.x, point.y, 10.0, "#111111", area=focus.geometry.area > 0)
        )
    return candidates
