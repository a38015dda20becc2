"""Geometry rules of features, on real gazetteer records: point, multipoint, line, polygon, issuer area."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest
from shapely.geometry import LineString

from geoplan.extract.features import (
    Located,
    geometry_precision,
    issuer_area,
    locate_project,
    point_precision,
    project_row,
)
from geoplan.extract.projects import Project
from geoplan.geocode.gazetteer import Gazetteer


@dataclass(frozen=True)
class Mention:
    surface: str
    start: int
    end: int
    place: object
    level: str = "own"  # 'own' | 'parent' | 'none', as geoplan.geocode.places.ResolvedMention


@dataclass(frozen=True)
class Corridor:
    name: str
    start: int
    end: int
    waypoints: tuple


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def _place(gazetteer, name):
    (candidate, *_) = gazetteer.lookup(name)
    return candidate.place


def _project(name="项目", kind="project", mentions=(), corridors=(), issuer_level="league") -> Project:
    return Project(
        feature_id="x:1:1",
        name=name,
        kind=kind,
        sector="energy",
        layer="industry",
        action="",
        plan="x.txt",
        issuer="锡林郭勒盟",
        issuer_level=issuer_level,
        plan_kind="15th",
        period="2026-2030",
        chapter="第一章 总则",
        section="",
        box="1",
        box_title="重点项目",
        item=1,
        page=3,
        start=0,
        end=10,
        excerpt="…",
        mentions=tuple(Mention(p.name, i, i + 1, p) for i, p in enumerate(mentions)),
        corridors=corridors,
    )


def test_one_place_gives_its_point(gazetteer):
    airport = _place(gazetteer, "锡林浩特机场")
    located = locate_project(_project(mentions=[airport]), None, set())
    assert located.geometry.geom_type == "Point"
    assert (located.basis, located.precision) == ("place point", "point")


def test_a_town_without_coordinates_borrows_its_parent(gazetteer):
    town = _place(gazetteer, "潮格温都尔镇")  # no sourced point: the record borrows 乌拉特后旗's
    located = locate_project(_project(mentions=[town], issuer_level="banner"), None, set())
    assert (located.basis, located.precision) == ("parent centroid", "banner")
    assert located.geometry.distance(gazetteer.get("banner:150825").point) < 1e-5  # 乌拉特后旗, to 5 decimals


def test_several_places_give_a_multipoint(gazetteer):
    places = [_place(gazetteer, "多伦县"), _place(gazetteer, "二连浩特市")]
    project = _project(mentions=places)
    located = locate_project(project, None, set())
    assert located.geometry.geom_type == "MultiPoint" and len(located.geometry.geoms) == 2
    row = project_row(project, located, gazetteer)
    assert row["place_ids"].count(";") == 1 and row["banner"] == "" and row["approximate"] == 1


def test_an_area_project_takes_the_polygon(gazetteer):
    sandy = _place(gazetteer, "浑善达克沙地")
    located = locate_project(_project(mentions=[sandy]), None, set())
    assert located.geometry.geom_type in {"Polygon", "MultiPolygon"}
    assert (located.basis, located.precision) == ("schematic", "schematic")  # an outline derived from facts


def test_a_corridor_is_a_line_through_its_waypoints(gazetteer):
    waypoints = (
        Mention("多伦", 0, 2, _place(gazetteer, "多伦县")),
        Mention("锡林浩特", 3, 7, _place(gazetteer, "锡林浩特市")),
    )
    project = _project(corridors=(Corridor("多伦—锡林浩特", 0, 7, waypoints),))
    located = locate_project(project, None, set())
    assert located.geometry.geom_type == "LineString" and len(located.geometry.coords) == 2
    assert (located.basis, located.precision) == ("waypoints", "schematic")


def test_a_waypoint_placed_at_its_parent_is_left_out_of_the_line(gazetteer):
    waypoints = (
        Mention("多伦", 0, 2, _place(gazetteer, "多伦县")),
        Mention("某某营子", 3, 7, _place(gazetteer, "正蓝旗"), level="parent"),
        Mention("锡林浩特", 8, 12, _place(gazetteer, "锡林浩特市")),
    )
    project = _project(corridors=(Corridor("多伦—某某营子—锡林浩特", 0, 12, waypoints),))
    located = locate_project(project, None, set())
    assert located.geometry.geom_type == "LineString" and len(located.geometry.coords) == 2
    assert [p.name for p in located.places] == ["多伦县", "锡林浩特市"]


def test_no_place_gives_the_issuer_area(gazetteer):
    issuer = _place(gazetteer, "锡林郭勒盟")
    project = _project()
    located = locate_project(project, issuer, {issuer.id})
    assert located.geometry.equals(issuer.geometry)
    assert (located.basis, located.precision) == ("issuer area", "league")
    row = project_row(project, located, gazetteer)
    assert row["league"] == issuer.name and row["locations"] == ""


def test_the_issuer_itself_is_no_location(gazetteer):
    issuer = _place(gazetteer, "锡林郭勒盟")
    located = locate_project(_project(mentions=[issuer]), issuer, {issuer.id})
    assert located.basis == "issuer area"


def test_a_belt_follows_its_river(gazetteer):
    river = _place(gazetteer, "黄河")
    located = locate_project(_project(name="一带", kind="layout", mentions=[river]), None, set())
    assert located.geometry.geom_type in {"LineString", "MultiLineString"}
    assert (located.basis, located.precision) == ("schematic", "schematic")


def test_a_core_is_an_outline(gazetteer):
    places = [_place(gazetteer, "多伦县"), _place(gazetteer, "锡林浩特机场")]
    located = locate_project(_project(name="一核", kind="layout", mentions=places), None, set())
    assert located.geometry.geom_type in {"Polygon", "MultiPolygon"}


def test_issuer_area_without_a_record_is_empty():
    assert issuer_area(None, "banner").geometry.is_empty


def test_several_areas_give_their_union(gazetteer):
    areas = [_place(gazetteer, "库布其沙漠"), _place(gazetteer, "毛乌素沙地")]
    located = locate_project(_project(mentions=areas), None, set())
    assert located.geometry.geom_type in {"Polygon", "MultiPolygon"}
    assert all(located.geometry.buffer(1e-6).covers(area.geometry) for area in areas)


def test_precision_describes_the_point_used(gazetteer):
    """A record that states town precision but sits on its banner's point is drawn at banner precision."""
    banner = gazetteer.get("banner:150824")  # 乌拉特中旗
    stated_town = dataclasses.replace(
        banner,
        id="park:测试园区",
        name="测试园区",
        type="park",
        precision="town",
        parent_ids=(banner.id, *banner.parent_ids),
    )
    assert stated_town.point.equals(banner.point)
    assert point_precision(stated_town, gazetteer) == "banner"
    located = Located(stated_town.point, "place point", "town", (stated_town,))
    assert geometry_precision(located, gazetteer) == ("banner", "parent centroid")
    own_town = next(p for p in gazetteer.records(["town"]) if p.precision == "town")
    assert point_precision(own_town, gazetteer) == "town"
    line = Located(
        LineString([own_town.point, stated_town.point]), "waypoints", "schematic", (own_town, stated_town)
    )
    assert geometry_precision(line, gazetteer) == ("banner", "waypoints")


def test_a_route_locates_a_project_by_its_part_in_the_issuers_area(gazetteer):
    """A league's project on G6 lies on G6 inside that league (the middle of the part there), not at the middle of
    the whole line, which lies in another league."""
    issuer = _place(gazetteer, "巴彦淖尔市")
    route = gazetteer.get("road:G6")
    assert not issuer.geometry.contains(route.point)  # the line's middle is elsewhere
    located = locate_project(_project(mentions=[route]), issuer, {issuer.id})
    assert located.geometry.geom_type == "Point" and issuer.geometry.buffer(1e-9).contains(located.geometry)
    assert route.geometry.distance(located.geometry) < 1e-9 and [p.id for p in located.places] == ["road:G6"]


def test_a_route_that_does_not_reach_the_issuer_locates_nothing(gazetteer):
    """G335's recorded line (乌兰花—集宁) does not reach 巴彦淖尔: a 巴彦淖尔 project on G335 falls to the issuer's
    area, never to a point some 400 km away; a layout element keeps the whole line."""
    issuer = _place(gazetteer, "巴彦淖尔市")
    route = gazetteer.get("road:G335")
    assert not route.geometry.intersects(issuer.geometry)
    located = locate_project(_project(mentions=[route]), issuer, {issuer.id})
    assert (located.basis, located.geometry.equals(issuer.geometry)) == ("issuer area", True)
    belt = locate_project(_project(name="一带", kind="layout", mentions=[route]), issuer, {issuer.id})
    assert belt.geometry.equals(route.geometry)
