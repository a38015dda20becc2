"""Geometry and attribute rows of map features: projects, layout elements and named places.

Rules (see the projects issue): a point at the most precise location; a multipoint for several
locations; a line through the waypoints of a corridor; the place's polygon (or schematic outline)
for area projects and layout elements; the issuer's area, at the issuer's precision, when a project
names no place finer than the issuer.  Every row records ``geometry_basis`` and ``precision``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from geoplan.extract.projects import Project, is_finer
from geoplan.extract.quantities import quantities_json, quantities_text
from geoplan.geocode.gazetteer import APPROXIMATE_PRECISIONS
from geoplan.geocode.lexicon import words
from geoplan.geocode.places import PRECISION_ORDER, corridor_line
from geoplan.geocode.reach import is_far

#: place types that are areas: a project there takes the place's polygon when it has one
AREA_TYPES = frozenset(
    {
        "desert",
        "sandy_land",
        "reserve",
        "national_park",
        "lake",
        "wetland",
        "grassland",
        "park",
        "subpark",
        "mine",
    }
)
#: place types that are routes: a route locates a project only by its part in the issuer's area
ROUTE_TYPES = frozenset({"road", "railway"})
_COARSENESS = {precision: rank for rank, precision in enumerate(PRECISION_ORDER)}
_ISSUER_PRECISION = {"league": "league", "banner": "banner", "district": "banner"}


@dataclass(frozen=True)
class Located:
    """The geometry of a feature and how it was obtained."""

    geometry: BaseGeometry
    basis: str  # place point | parent centroid | waypoints | polygon | schematic | issuer area
    precision: str  # point | extent | town | banner | league | province | schematic
    places: tuple[Any, ...]  # the places the geometry comes from (empty for the issuer area)
    area_of: Any = None  # the issuer, for an issuer-area geometry


def _is_polygonal(geometry: BaseGeometry | None) -> bool:
    return (
        geometry is not None and geometry.geom_type in {"Polygon", "MultiPolygon"} and not geometry.is_empty
    )


def _coarsest(places: Iterable[Any]) -> str:
    return max(
        (p.precision for p in places),
        key=lambda p: _COARSENESS.get(p, len(PRECISION_ORDER) - 1),
        default="league",
    )


def _point_basis(place: Any) -> str:
    """'place point' when the place has its own coordinates, 'parent centroid' when it borrows its parent's."""
    own = place.type in {"league", "banner", "province"} or place.precision in {
        "point",
        "extent",
        "town",
        "schematic",
    }
    own = own or place.extent is not None  # the centre of a sourced extent wider than 20 km
    return "place point" if own else "parent centroid"


def place_geometry(place: Any) -> tuple[BaseGeometry, str]:
    """The geometry a feature at one place takes, and its basis: an area's polygon (or schematic outline),
    else the place's point."""
    if place.type in AREA_TYPES and _is_polygonal(place.geometry):
        return place.geometry, ("schematic" if place.precision == "schematic" else "polygon")
    return place.point, _point_basis(place)


def _corridor_line(corridors: Sequence[Any]) -> BaseGeometry | None:
    # only waypoints located at their own place: a waypoint that fell back to its banner's point
    # would draw a long false segment
    lines = [line for line in map(corridor_line, corridors) if line is not None]
    if not lines:
        return None
    return lines[0] if len(lines) == 1 else MultiLineString(lines)


def locate_project(project: Project, issuer: Any | None, issuer_ids: set[str]) -> Located:
    """Where a project goes on the map (see the module docstring for the rules)."""
    line = _corridor_line(project.corridors)
    if line is not None:
        waypoint_places = tuple(w.place for c in project.corridors for w in c.waypoints if w.level == "own")
        return Located(line, "waypoints", "schematic", waypoint_places)
    finer = _in_issuer(
        [p for p in project.places if is_finer(p, project.issuer_level, issuer_ids)], issuer, project.kind
    )
    if project.kind == "layout":
        return _schematic(project, finer or project.places, issuer)
    if not finer:
        return issuer_area(issuer, project.issuer_level)
    if len(finer) == 1:
        geometry, basis = place_geometry(finer[0])
        return Located(geometry, basis, finer[0].precision, (finer[0],))
    if all(p.type in AREA_TYPES and _is_polygonal(p.geometry) for p in finer):  # several deserts, reserves …
        basis = "schematic" if any(p.precision == "schematic" for p in finer) else "polygon"
        area = shapely.union_all([p.geometry for p in finer])
        return Located(area, basis, _coarsest(finer), tuple(finer))
    points = MultiPoint([(p.point.x, p.point.y) for p in finer])
    basis = "place point" if all(_point_basis(p) == "place point" for p in finer) else "parent centroid"
    return Located(points, basis, _coarsest(finer), tuple(finer))


def _in_issuer(places: list[Any], issuer: Any | None, kind: str) -> list[Any]:
    """A route locates a project only by its part inside the issuer's area: a league's project on G6 lies on G6
    in that league, not at the line's middle elsewhere, and a route whose recorded line does not reach the
    issuer's area locates nothing (the project falls to its other places or the issuer's area).  Layout
    elements (belts along a road) keep the whole line."""
    if kind == "layout" or issuer is None or not _is_polygonal(issuer.geometry):
        return places
    kept = []
    for place in places:
        if place.type not in ROUTE_TYPES or not _is_linear(place.geometry):
            kept.append(place)
            continue
        parts = [g for g in shapely.get_parts(place.geometry.intersection(issuer.geometry)) if _is_linear(g)]
        if parts:
            kept.append(replace(place, geometry=parts[0] if len(parts) == 1 else MultiLineString(parts)))
    return kept


def _is_linear(geometry: BaseGeometry | None) -> bool:
    return (
        geometry is not None
        and geometry.geom_type in {"LineString", "MultiLineString"}
        and not geometry.is_empty
    )


def _schematic(project: Project, places: Sequence[Any], issuer: Any | None) -> Located:
    """A layout element: for a belt, axis or corridor ('带', '轴', '廊') the lines of its rivers and
    roads, else a line through its places; for a core or zone the outline of its places (never places far
    outside the region)."""
    places = [p for p in places if not is_far(p)]
    if not places:
        return issuer_area(issuer, project.issuer_level)
    if any(word in project.name for word in words("line_shape_words")):
        lines = [p.geometry for p in places if _is_linear(p.geometry)]
        if lines:
            return Located(shapely.union_all(lines), "schematic", "schematic", tuple(places))
        if len(places) >= 2:
            line = LineString([(p.point.x, p.point.y) for p in places])
            return Located(line, "schematic", "schematic", tuple(places))
    parts = [p.geometry if _is_polygonal(p.geometry) else p.point for p in places]
    outline = shapely.union_all(parts)
    if not _is_polygonal(outline):
        outline = outline.convex_hull
    if not _is_polygonal(outline):  # one or two points: a small schematic disc (~5 km)
        outline = outline.buffer(0.05)
    return Located(outline, "schematic", "schematic", tuple(places))


def issuer_area(issuer: Any | None, issuer_level: str) -> Located:
    """The issuer's polygon (or point) at the issuer's precision."""
    precision = _ISSUER_PRECISION.get(issuer_level, "league")
    if issuer is None:
        return Located(Point(), "issuer area", precision, ())
    geometry = issuer.geometry if _is_polygonal(issuer.geometry) else issuer.point
    return Located(geometry, "issuer area", precision, (), area_of=issuer)


#: bases whose geometry is built from the places' points (not their polygons)
_POINT_BASES = frozenset({"place point", "parent centroid", "waypoints"})
_OWN_POINT_TYPES = frozenset({"league", "banner", "province"})


def point_precision(place: Any, gazetteer: Any) -> str:
    """The precision of ``place.point``: the place's own, or its banner's / league's when the point is
    the parent's point (a record whose coordinates were borrowed, whatever precision it states)."""
    precision = place.precision
    if place.type in _OWN_POINT_TYPES or place.point is None or place.point.is_empty:
        return precision
    for parent_id, parent_precision in ((place.banner_id, "banner"), (place.league_id, "league")):
        if not parent_id or parent_id not in gazetteer:
            continue
        parent = gazetteer.get(parent_id)
        if (
            parent.point is not None
            and not parent.point.is_empty
            and place.point.distance(parent.point) < 1e-6
        ):
            return _coarsest([place, _Precision(parent_precision)])
    return precision


@dataclass(frozen=True)
class _Precision:
    precision: str


def geometry_precision(located: Located, gazetteer: Any) -> tuple[str, str]:
    """(precision, basis) that describe the geometry actually used: a point, multipoint or waypoint line
    is no finer than the coarsest point it is drawn through."""
    if located.basis not in _POINT_BASES or not located.places:
        return located.precision, located.basis
    own = [point_precision(p, gazetteer) for p in located.places]
    precision = _coarsest([_Precision(located.precision), *map(_Precision, own)])
    borrowed = any(mine != place.precision for mine, place in zip(own, located.places, strict=True))
    basis = "parent centroid" if borrowed and located.basis == "place point" else located.basis
    return precision, basis


def _parent_names(places: Sequence[Any], gazetteer: Any) -> tuple[str, str]:
    """Banner and league of the places: a name when they all share it, '' otherwise."""

    def name_of(place_id: str | None) -> str:
        if not place_id:
            return ""
        try:
            return gazetteer.get(place_id).name
        except Exception:  # an id without a record: leave the column empty
            return ""

    banners = {p.id if p.type == "banner" else p.banner_id for p in places}
    leagues = {p.id if p.type == "league" else p.league_id for p in places}
    banner = name_of(next(iter(banners))) if len(banners) == 1 else ""
    league = name_of(next(iter(leagues))) if len(leagues) == 1 else ""
    return banner, league


def project_row(project: Project, located: Located, gazetteer: Any) -> dict[str, Any]:
    """The attribute row (FEATURE_COLUMNS + geometry) of a project or layout element."""
    places = located.places or tuple(project.places)
    precision, basis = geometry_precision(located, gazetteer)
    located_in = located.places or ((located.area_of,) if located.area_of is not None else ())
    banner, league = _parent_names(located_in, gazetteer) if located_in else ("", "")
    return {
        "feature_id": project.feature_id,
        "name": project.name,
        "description": project.description,
        "kind": project.kind,
        "layer": project.layer,
        "sector": project.sector,
        "action": project.action,
        "plan": project.plan,
        "issuer": project.issuer,
        "issuer_level": project.issuer_level,
        "plan_kind": project.plan_kind,
        "period": project.period,
        "chapter": project.chapter,
        "section": project.section,
        "box": project.box,
        "box_title": project.box_title,
        "item": project.item,
        "page": project.page,
        "quantities": quantities_json(project.quantities),
        "quantities_text": quantities_text(project.quantities),
        "locations": "、".join(dict.fromkeys(p.name for p in places)),
        "place_ids": ";".join(dict.fromkeys(p.id for p in places)),
        "banner": banner,
        "league": league,
        "precision": precision,
        "geometry_basis": basis,
        "approximate": int(precision in APPROXIMATE_PRECISIONS),
        "excerpt": project.excerpt,
        "geometry": located.geometry,
    }


def place_row(
    place: Any, layer: str, sector: str, gazetteer: Any, provenance: dict[str, Any]
) -> dict[str, Any]:
    """The row of a named place (desert, park, reserve …) in a thematic layer.

    ``provenance`` holds the plan fields and the first mention's chapter/section/page/excerpt.
    """
    geometry, basis = place_geometry(place)
    if basis in ("polygon", "schematic"):
        precision = place.precision
    else:  # a point: no finer than the place it really stands on (see geometry_precision)
        precision, basis = geometry_precision(Located(geometry, basis, place.precision, (place,)), gazetteer)
    banner, league = _parent_names((place,), gazetteer)
    return {
        "feature_id": provenance["feature_id"],
        "name": place.name,
        "description": "",
        "kind": "place",
        "layer": layer,
        "sector": sector,
        "action": "",
        "plan": provenance["plan"],
        "issuer": provenance["issuer"],
        "issuer_level": provenance["issuer_level"],
        "plan_kind": provenance["plan_kind"],
        "period": provenance["period"],
        "chapter": provenance.get("chapter", ""),
        "section": provenance.get("section", ""),
        "box": provenance.get("box", ""),
        "box_title": provenance.get("box_title", ""),
        "item": provenance.get("item", 0),
        "page": provenance.get("page", 0),
        "quantities": "[]",
        "quantities_text": "",
        "locations": place.name,
        "place_ids": place.id,
        "banner": banner,
        "league": league,
        "precision": precision,
        "geometry_basis": basis,
        "approximate": int(precision in APPROXIMATE_PRECISIONS),
        "excerpt": provenance.get("excerpt", ""),
        "geometry": geometry,
    }
