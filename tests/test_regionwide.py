"""Issue 15, region-wide reach: harvested route, station and outside-place records, county names shortened in
lists, every official township, and names inside refused longer names — on the reference plans and the gazetteer."""

from __future__ import annotations

import re

import pytest

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.gazetteer_build import official_town_name
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import PlanPlaces, corridor_line, route_section
from geoplan.resources import GAZETTEER_DIR


@pytest.mark.parametrize(
    ("form", "route"),
    [
        ("G65", "road:G65"), ("包茂高速", "road:G65"), ("包茂高速公路", "road:G65"),
        ("210国道", "road:G210"), ("国道210线", "road:G210"), ("G210", "road:G210"),
        ("京包铁路", "railway:京包铁路"), ("京包线", "railway:京包铁路"), ("包银高铁", "railway:包银高铁"),
    ],
)  # fmt: skip
def test_a_route_under_each_common_form(gazetteer: Gazetteer, form: str, route: str) -> None:
    assert gazetteer.lookup(form)[0].place.id == route


def test_a_route_is_a_sourced_schematic_line_through_its_waypoints(gazetteer: Gazetteer) -> None:
    route = gazetteer.get("road:G65")  # waypoints 九原区 — 康巴什区, page cited
    assert route.geometry.geom_type == "LineString" and route.precision == "schematic"
    assert "http" in route.geometry_source
    start, end = route.geometry.coords[0], route.geometry.coords[-1]
    assert start == tuple(gazetteer.lookup("九原区")[0].place.point.coords[0])
    assert end == tuple(gazetteer.lookup("康巴什区")[0].place.point.coords[0])


@pytest.mark.parametrize(
    ("text", "record"), [("北依大青山脉", "mountain:大青山"), ("西濒黄河东枕桌子山脉", "mountain:桌子山")]
)
def test_a_range_written_with_shanmai_is_its_record(finder: MentionFinder, text: str, record: str) -> None:
    """'大青山脉': a range's name written with 山脉, sharing its 山, is the range's record (prose before it stays out)."""
    assert [m.place_ids for m in finder.find(text) if m.surface.endswith("山脉")] == [(record,)]


@pytest.mark.parametrize(
    ("form", "route"),
    [("京兰通道", "railway:京兰通道"), ("呼南高铁", "railway:呼南通道"), ("准东铁路", "railway:准格尔—东胜铁路"),
     ("集凉高速", "road:集宁至凉城高速公路"), ("千里草原风景大道", "road:千里草原风景大道")],
)  # fmt: skip
def test_named_routes_without_a_number_are_sourced_lines(gazetteer: Gazetteer, form: str, route: str) -> None:
    """High-speed rail channels, tourist roads and lines named without a G/S number: a line through the places
    their page names, the page cited."""
    place = gazetteer.lookup(form)[0].place
    assert place.id == route and place.geometry.geom_type == "LineString" and "http" in place.geometry_source


@pytest.mark.parametrize(
    ("form", "banner"),
    [("将军衙署", "新城区"), ("满洲里国门", "满洲里市"), ("通辽市博物馆", "科尔沁区"), ("锡林九曲", "锡林浩特市")],
)  # fmt: skip
def test_well_known_sights_of_every_league_lie_in_their_banner(
    gazetteer: Gazetteer, form: str, banner: str
) -> None:
    """The best-known sights a text about a league names, each under the banner its page names, the page cited."""
    place = gazetteer.lookup(form)[0].place
    assert place.type == "scenic" and gazetteer.get(place.banner_id).name == banner
    assert "http" in place.note


@pytest.mark.parametrize(
    ("form", "banner"), [("文公山", "达尔罕茂明安联合旗"), ("辉河", "鄂温克族自治旗"), ("拐子湖", "额济纳旗")]
)
def test_the_main_hills_rivers_and_lakes_of_banners_are_records(
    gazetteer: Gazetteer, form: str, banner: str
) -> None:
    """The main natural features a banner's own pages name lie in that banner, the page cited."""
    place = gazetteer.lookup(form)[0].place
    assert place.type in {"mountain", "river", "lake"} and gazetteer.get(place.banner_id).name == banner
    assert "http" in place.note


def test_the_inter_provincial_corridor_is_a_named_road_across_five_leagues(
    gazetteer: Gazetteer, finder: MentionFinder
) -> None:
    """'省际大通道' (also '省际通道') is one named trunk road, drawn from 白音察干镇 to 阿荣旗's seat through the towns
    its pages name; it crosses five leagues, so it lies in none of them."""
    road = gazetteer.get("road:内蒙古省际大通道")
    assert road.geometry.geom_type == "LineString" and road.precision == "schematic"
    assert road.league_id is None and "spans leagues" in road.note and "http" in road.geometry_source
    start, end = road.geometry.coords[0], road.geometry.coords[-1]
    assert start == tuple(gazetteer.get("town:150928:白音察干镇").point.coords[0])
    assert end == tuple(gazetteer.get("town:150721:那吉镇").point.coords[0])
    text = "304国道、省际大通道穿过全镇，省际通道与鲁宝公路贯穿南北"
    assert [m.place_ids for m in finder.find(text) if "通道" in m.surface] == [("road:内蒙古省际大通道",)] * 2


def test_routes_in_the_plans_resolve_to_their_records(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 004 names G6 (京藏高速公路), G7 (京新高速), 临哈铁路 and 包银高铁: each is its route record, not the
    league; a route outside the plan's league is no 'outside jurisdiction' namesake (routes span leagues)."""
    own = {m.surface: m.place.id for m in parsed["004"].mentions if m.level == "own" and m.place is not None}
    assert own.get("临哈铁路") == "railway:临哈铁路" and own.get("包银高铁") == "railway:包银高铁"
    assert own.get("京藏高速公路") == "road:G6" and own.get("京新高速") == "road:G7"


def test_generic_road_words_are_no_line_names(parsed: dict[str, PlanPlaces], finder: MentionFinder) -> None:
    """An unanchored short line name must abbreviate its ends: each character starts a place's name (集二, 临哈),
    so 货物公路 or 收费公路 are descriptions."""
    surfaces = {m.surface for m in parsed["004"].mentions}
    assert not surfaces & {"货物公路", "收费公路"} and "甘泉铁路" in surfaces
    assert not finder.find("推行农村牧区公路")


def test_a_section_is_the_part_of_its_route_between_its_ends() -> None:
    from shapely.geometry import LineString

    route = LineString([(0, 0), (1, 0), (2, 0), (3, 0)])
    section = route_section(route, (0.9, 0.05), (2.2, -0.05))
    assert list(section.coords) == [(0.9, 0.05), (0.9, 0.0), (1.0, 0.0), (2.0, 0.0), (2.2, 0.0), (2.2, -0.05)]
    assert route_section(route, (0.9, 0.05), (2.2, 5.0)) is None  # an end far off the route


def test_a_section_of_a_known_route_follows_it(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 003's 'G210 古城至树林召段' carries G210's line; drawn through it when both ends lie near it."""
    sections = [c for c in parsed["003"].corridors if c.route == "G210"]
    assert sections and all(c.route_line is not None for c in sections)
    for corridor in sections:
        line = corridor_line(corridor)
        assert line is None or line.coords[0] == corridor.waypoints[0].place.point.coords[0]


@pytest.mark.parametrize(
    ("name", "kind", "precision"),
    [("蒙古国", "foreign", "country"), ("嘎顺苏海图口岸", "foreign", "province"), ("北京", "province", "province"),
     ("京津冀", "region", "schematic"), ("扎门乌德", "foreign", "town")],
)  # fmt: skip
def test_outside_places_have_honest_sourced_records(
    gazetteer: Gazetteer, name: str, kind: str, precision: str
) -> None:
    place = gazetteer.lookup(name)[0].place
    assert (place.type, place.precision) == (kind, precision) and place.geometry_source


def test_the_mongolian_port_is_in_mongolia_not_wuhai(gazetteer: Gazetteer) -> None:
    port = gazetteer.lookup("嘎顺苏海图")[0].place
    assert port.id == "foreign:嘎顺苏海图口岸" and "foreign:蒙古国" in port.parent_ids
    assert port.point.y < 45 and 100 < port.point.x < 107  # the point of 南戈壁省's capital


def test_the_mongolian_counterpart_port_is_one_record_in_mongolia(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 000's 毕其格图口岸 (facing 珠恩嘎达布其) is the Mongolian port's one record, never a port of 锡林郭勒."""
    mentions = [m for m in parsed["000"].mentions if m.surface.startswith("毕其格图")]
    assert mentions and all("foreign:蒙古国" in m.place.parent_ids for m in mentions)


def test_record_sources_are_public_addresses_not_local_files() -> None:
    """A record's source is a page or a package anyone can check, never a path on the machine it was made on."""
    local = re.compile(r"(?<![\w.])/(?:work|home|tmp|root)/")
    cited = [
        (path.name, line.split(",", 1)[0])
        for path in sorted(GAZETTEER_DIR.rglob("*.csv"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if local.search(line)
    ]
    assert cited == []


def test_the_mongolian_port_in_plan_004(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 004's 嘎顺苏海图 (facing 甘其毛都) is the Mongolian port, never 乌海's 苏海图街道."""
    mentions = [m for m in parsed["004"].mentions if "苏海图" in m.surface]
    assert mentions and all(m.place is not None and m.place.id == "foreign:嘎顺苏海图口岸" for m in mentions)


def test_outside_places_in_the_plans(parsed: dict[str, PlanPlaces]) -> None:
    """蒙古国 and 京津冀 are found; 自治区 alone is never a place; 上海庙 is not 上海."""
    by_surface = {m.surface: m for places in parsed.values() for m in places.mentions}
    assert by_surface["蒙古国"].place.id == "foreign:蒙古国"
    assert by_surface["京津冀"].place.id == "region:京津冀"
    assert "自治区" not in by_surface and "上海" not in by_surface


def test_shortened_county_names_in_a_list(finder: MentionFinder) -> None:
    found = {m.surface: m.place_ids for m in finder.find("推进临河、五原、磴口等地协同发展")}
    assert found == {"临河": ("banner:150802",), "五原": ("banner:150821",), "磴口": ("banner:150822",)}
    assert not finder.find("五原地区")  # a bare stem outside a list stays a word
    assert not [m for m in finder.find("开鲁、五原两地") if m.rule == "list-stem"]  # two leagues: no list


def test_every_official_township_is_present(gazetteer: Gazetteer) -> None:
    assert official_town_name("乌审召镇", "乌审旗", ["乌审"]) == "乌审召镇"
    assert official_town_name("阿尔山市白狼镇", "阿尔山市") == "白狼镇"
    place = gazetteer.lookup("乌审召镇")[0].place
    assert place.type == "town" and place.banner_id == "banner:150626"


def test_a_name_inside_a_refused_longer_name_is_no_place(finder: MentionFinder) -> None:
    # the heritage sites are names of their own (X石窟, X城址); the town 十二连城 inside one is no mention
    assert [m.surface for m in finder.find("阿尔寨石窟、十二连城城址等遗址")] == [
        "阿尔寨石窟",
        "十二连城城址",
    ]
    assert [m.surface for m in finder.find("阳四圪咀至十二连城至吉格斯太")] == ["十二连城", "吉格斯太"]


def test_a_mountain_flank_is_one_region_mention(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 002's 阴山南麓 (guide: named regions such as 阴山北麓) is one region mention, not the mountain 阴山."""
    flanks = [m for m in parsed["002"].mentions if m.surface == "阴山南麓"]
    assert flanks and all(m.type == "region" for m in flanks)


@pytest.mark.parametrize(
    ("name", "provinces"),
    [
        ("松嫩平原", {"黑龙江省", "吉林省"}),
        ("东北平原", {"黑龙江省", "吉林省", "辽宁省"}),
        ("松花江", {"黑龙江省"}),
    ],
)
def test_landforms_and_rivers_east_of_the_region_lie_in_their_provinces(
    gazetteer: Gazetteer, name: str, provinces: set[str]
) -> None:
    """Plains and rivers east of the 大兴安岭 that texts of 呼伦贝尔 and 兴安 name: schematic, in no league of the
    region, drawn from the points of the provinces they lie in."""
    (place_id,) = gazetteer.finder.ids(name)
    place = gazetteer.get(place_id)
    assert place.league_id is None and place.precision == "schematic"
    assert {gazetteer.get(pid).name for pid in place.parent_ids if pid.startswith("province:")} == provinces
