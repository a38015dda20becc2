"""Issue 15 item 4, every route: the national roads, expressways, railways and stations of gazetteer/routes.csv and
stations.csv are sourced records whose waypoints lie in the region, found under every common form of their name
and number, and a numbered road's section ('G303经棚至锡林浩特段') is drawn as the part of its route between its ends."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import shapely
from helpers import resolved_ids

from geoplan.geocode.corridors import find_corridors
from geoplan.geocode.gazetteer import Gazetteer, route_number_forms
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import corridor_line, geoparse, route_section
from geoplan.read.plan import read
from geoplan.resources import GAZETTEER_DIR

REGION = "province:150000"
#: records added from the second harvest of routes and stations (issue 15, item 4).
NEW_LINES = (
    "road:G303", "road:G233", "road:G242", "road:G306", "road:G1816", "railway:牙林铁路", "railway:朝乌铁路",
    "railway:嫩林铁路", "railway:吉兰泰铁路", "railway:张集铁路", "railway:新上铁路", "railway:赤大白铁路",
    "railway:太锡铁路", "railway:嘉策铁路", "railway:包鄂榆高铁", "railway:通乌齐高铁", "railway:齐海满客专",
    "railway:锡多铁路", "railway:蓝多铁路", "road:G2515", "road:G209", "road:G335", "road:准兴重载高速公路",
    "road:阿荣旗至北海省际通道", "road:呼市至兴和至尚义运煤专线", "road:霍林郭勒至阿力得尔一级公路", "road:乌新高速公路",
    "railway:珠珠铁路", "railway:呼包高铁", "railway:霍林郭勒至阿尔山铁路", "road:呼伦贝尔—阿拉善高速公路",
    "railway:伊敏支线铁路", "railway:海林铁路", "road:G332", "road:G241",
)  # fmt: skip
#: the third harvest's lines and the waypoints their pages state, in order (issue 15, item 4).
STATED_ORDER = {
    "road:G209": ("苏尼特左旗", "苏尼特右旗", "乌兰花镇", "武川县", "新城区"),
    "road:G335": ("乌兰花镇", "察哈尔右翼中旗", "集宁区"),
    "road:准兴重载高速公路": ("准格尔旗", "兴和县"),
    "road:阿荣旗至北海省际通道": ("阿荣旗", "鲁北镇", "大板镇", "白音察干镇"),
    "road:呼市至兴和至尚义运煤专线": ("榆林镇", "黄合少镇", "卓资县", "凉城县", "察哈尔右翼前旗", "兴和县"),
    "road:霍林郭勒至阿力得尔一级公路": ("霍林郭勒市", "哈日诺尔苏木", "阿力得尔苏木"),
    "road:乌新高速公路": ("乌兰浩特市", "扎兰屯市"),
    "railway:珠珠铁路": ("霍林郭勒市", "珠恩嘎达布其口岸"),
    "railway:呼包高铁": ("新城区", "九原区"),
    "railway:霍林郭勒至阿尔山铁路": ("霍林郭勒市", "阿尔山市"),
    "road:呼伦贝尔—阿拉善高速公路": ("呼伦贝尔市", "阿拉善盟"),
    "railway:准神铁路": ("准格尔旗", "伊金霍洛旗"),
    "railway:伊敏支线铁路": ("海拉尔区", "鄂温克族自治旗"),
    "railway:海林铁路": ("哈克镇", "陈巴尔虎旗", "黑山头口岸"),
    "road:G241": ("新城区", "和林格尔县"),
    "road:G1817": ("海南区", "宗别立镇", "巴彦浩特镇", "巴润别立镇"),
    "road:G332": (
        "鄂伦春自治旗",
        "伊图里河镇",
        "根河市",
        "额尔古纳市",
        "海拉尔区",
        "新巴尔虎左旗",
        "额布都格口岸",
    ),
    "road:G331": (
        "额尔古纳市",
        "二连浩特市",
        "乌拉特中旗",
        "乌拉特后旗",
        "阿拉善左旗",
        "阿拉善右旗",
        "额济纳旗",
    ),
}
#: records whose page states only their league in the region: located at the league.
AT_THEIR_LEAGUE = {
    "road:G12": "兴安盟",
    "railway:锦赤铁路": "赤峰市",
    "railway:东台铁路": "鄂尔多斯市",
    "railway:呼朔太高铁": "呼和浩特市",
}
#: records whose page states a single place in the region (or ends in one banner): located at their banner.
AT_THEIR_BANNER = {
    "road:G305": "西乌珠穆沁旗", "road:G232": "牙克石市", "railway:鄂上铁路": "鄂托克前旗",
    "railway:延榆鄂高铁": "伊金霍洛旗", "railway:甘其毛都至嘎顺苏海图铁路": "乌拉特中旗",
    "railway:天策铁路": "额济纳旗", "railway:策克—西伯库伦口岸跨境铁路": "额济纳旗",
    "road:G1015": "科尔沁右翼中旗", "road:G45:奈曼至营口联络线": "奈曼旗", "railway:额哈铁路": "额济纳旗",
    "railway:浩吉铁路": "乌审旗", "railway:准朔铁路": "准格尔旗", "road:G302": "乌兰浩特市",
}  # fmt: skip


def _rows(name: str) -> list[dict[str, str]]:
    with (GAZETTEER_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("file", ["routes.csv", "stations.csv"])
def test_every_route_and_station_record_cites_its_page(file: str) -> None:
    rows = _rows(file)
    assert len(rows) >= {"routes.csv": 80, "stations.csv": 36}[file]
    for row in rows:
        assert "http" in row["note"] + row["geometry_source"], row["id"]
        if row["schematic"]:
            assert "http" in row["geometry_source"], row["id"]  # the page listing the waypoints


def test_every_waypoint_of_a_route_line_is_a_record_inside_the_region(gazetteer: Gazetteer) -> None:
    """Each waypoint is a record of the region; an older line may end at a neighbouring unit (包神 at 神木), a
    record of this harvest never does."""
    region = gazetteer.get(REGION).geometry
    for row in _rows("routes.csv"):
        kind, _, refs = row["schematic"].partition(":")
        if kind != "line":
            continue
        for ref in refs.split(";"):
            place = gazetteer.get(ref)
            if place.type == "neighbour" and row["id"] not in NEW_LINES:
                continue
            assert REGION in place.parent_ids and region.buffer(0.01).contains(place.point), (row["id"], ref)


@pytest.mark.parametrize("route_id", NEW_LINES)
def test_a_new_route_is_a_schematic_line_of_distinct_points_in_the_region(
    gazetteer: Gazetteer, route_id: str
) -> None:
    route = gazetteer.get(route_id)
    assert route.geometry.geom_type == "LineString" and route.precision == "schematic"
    assert len(set(route.geometry.coords)) >= 2 and route.geometry.length > 0.1
    region = gazetteer.get(REGION).geometry.buffer(
        0.01
    )  # vertices: a line may cross a neighbour (通乌齐 via 白城)
    assert all(region.contains(shapely.Point(xy)) for xy in route.geometry.coords)


@pytest.mark.parametrize(("route_id", "banner"), sorted(AT_THEIR_BANNER.items()))
def test_a_route_with_one_stated_place_is_at_its_banner(
    gazetteer: Gazetteer, route_id: str, banner: str
) -> None:
    route = gazetteer.get(route_id)
    parent = gazetteer.get(route.parent_ids[0])
    assert (parent.name, route.precision) == (banner, "banner") and "located at" in route.note


@pytest.mark.parametrize(("route_id", "league"), sorted(AT_THEIR_LEAGUE.items()))
def test_a_route_with_only_its_league_stated_is_at_its_league(
    gazetteer: Gazetteer, route_id: str, league: str
) -> None:
    route = gazetteer.get(route_id)
    assert (gazetteer.get(route.parent_ids[0]).name, route.precision) == (league, "league")
    assert (
        route.geometry.equals(gazetteer.get(route.parent_ids[0]).point)
        and "located at its league" in route.note
    )


@pytest.mark.parametrize(("route_id", "waypoints"), sorted(STATED_ORDER.items()))
def test_a_new_route_runs_through_its_stated_waypoints_in_order(
    gazetteer: Gazetteer, route_id: str, waypoints: tuple[str, ...]
) -> None:
    """The line's vertices are the points of the places its page names, in the page's order, and the row says so."""
    route = gazetteer.get(route_id)
    points = []
    for name in waypoints:
        (place,) = {c.place.id: c.place for c in gazetteer.lookup(name) if c.place.name == name}.values()
        points.append(tuple(place.point.coords[0]))
    assert list(route.geometry.coords) == points
    (row,) = [r for r in _rows("routes.csv") if r["id"] == route_id]
    assert row["geometry_source"].startswith("ordered waypoints " + "—".join(waypoints) + " per http")


def test_stations_have_a_parent_in_the_region_and_an_honest_precision(gazetteer: Gazetteer) -> None:
    for row in _rows("stations.csv"):
        station = gazetteer.get(row["id"])
        assert REGION in station.parent_ids, row["id"]
        if not (row["lon"] or row["at"]):
            assert station.precision in {"point", "extent", "town", "banner", "league"}, row["id"]


def test_route_number_forms() -> None:
    assert route_number_forms("road:G303") == ("G303", "G303线", "303国道", "国道303", "国道303线")
    assert route_number_forms("road:S215") == ("S215", "S215线", "215省道", "省道215", "省道215线")
    assert route_number_forms("road:G1816") == ("G1816", "G1816线")  # an expressway is no 国道
    assert (
        route_number_forms("road:G45:奈曼至营口联络线") == () and route_number_forms("railway:京包铁路") == ()
    )


def test_a_numbered_road_answers_to_its_number_forms_without_listing_them(gazetteer: Gazetteer) -> None:
    """road:G303's row lists no alias at all: every form comes from its number."""
    (row,) = [r for r in _rows("routes.csv") if r["id"] == "road:G303"]
    assert row["aliases"] == ""
    for form in ("G303", "G303线", "303国道", "国道303", "国道303线"):
        assert gazetteer.lookup(form)[0].place.id == "road:G303", form


@pytest.mark.parametrize(
    ("sentence", "route"),
    [
        ("推进G303改扩建。", "road:G303"), ("推进303国道改扩建。", "road:G303"),
        ("推进国道303线改扩建。", "road:G303"), ("推进国道 303 线改扩建。", "road:G303"),
        ("推进G303线改扩建。", "road:G303"), ("建设国道242线临河过境段。", "road:G242"),
        ("推进233国道提质。", "road:G233"), ("加快G1816乌玛高速建设。", "road:G1816"),
        ("建成乌玛高速公路。", "road:G1816"), ("实施赤凌一级公路改造。", "road:G306"),
        ("推进乌吉铁路扩能。", "railway:吉兰泰铁路"), ("开行牙林线旅游列车。", "railway:牙林铁路"),
        ("完善张集铁路。", "railway:张集铁路"), ("开通呼张客专。", "railway:张呼高铁"),
        ("赤大白铁路电气化改造。", "railway:赤大白铁路"), ("新陶铁路开通客运。", "railway:新上铁路"),
        ("延伸朝乌铁路。", "railway:朝乌铁路"), ("改造嫩林铁路。", "railway:嫩林铁路"),
        ("扩建二连站。", "station:二连站"), ("赤峰高铁站改造。", "station:赤峰站"),
        ("通辽高铁站投用。", "station:通辽站"), ("满归站改造。", "station:满归站"),
        ("嘉策铁路扩能改造。", "railway:嘉策铁路"), ("推进齐海满客专前期工作。", "railway:齐海满客专"),
        ("谋划通乌齐高铁。", "railway:通乌齐高铁"), ("开工建设包鄂榆高铁。", "railway:包鄂榆高铁"),
        ("锡多铁路复线建成。", "railway:锡多铁路"), ("研究G2515前期工作。", "road:G2515"),
        ("推进209国道改造。", "road:G209"), ("国道335线提质改造。", "road:G335"),
        ("准兴重载高速建成通车。", "road:准兴重载高速公路"), ("建成霍阿一级公路。", "road:霍林郭勒至阿力得尔一级公路"),
        ("乌新高速公路开通运营。", "road:乌新高速公路"), ("锦赤铁路扩能。", "railway:锦赤铁路"),
        ("呼市兴和尚义运煤专线建成。", "road:呼市至兴和至尚义运煤专线"), ("扩建锦赤线。", "railway:锦赤铁路"),
    ],
)  # fmt: skip
def test_a_sentence_naming_a_route_by_a_common_form_finds_it(
    finder: MentionFinder, sentence: str, route: str
) -> None:
    assert any(route in m.place_ids for m in finder.find(sentence)), [
        (m.surface, m.place_ids) for m in finder.find(sentence)
    ]


def test_a_route_short_name_that_is_a_common_word_is_no_alias(finder: MentionFinder) -> None:
    """新上线 ('newly launched') is how texts say the 新上 railway's line too, but it is a common word: not a form."""
    assert not finder.find("该平台新上线一批服务。") and finder.find("新上铁路开通客运。")


def test_a_first_waypoint_starting_with_a_leading_word_keeps_it() -> None:
    """'经' leads verbs away ('经包头至银川'), but 经棚 is a name: a trim never leaves fewer than two characters."""
    (corridor,) = find_corridors("推进国道303线经棚至锡林浩特段公路建设")
    assert corridor.route == "G303" and [w.surface for w in corridor.waypoints] == ["经棚", "锡林浩特"]
    for sentence in ("推进经包头至银川铁路建设", "加快建设包头至银川铁路"):  # words before a longer name go
        (via,) = find_corridors(sentence)
        assert [w.surface for w in via.waypoints] == ["包头", "银川"]


def test_a_numbered_section_without_a_kind_word_is_a_road() -> None:
    (corridor,) = find_corridors("推进G303经棚至锡林浩特段改扩建")
    assert (corridor.route, corridor.kind) == ("G303", "road")
    assert not find_corridors("推进经棚至锡林浩特段改扩建")  # no number, no kind word: no line


@pytest.mark.parametrize(
    ("league", "sentence", "first", "through"),
    [
        ("赤峰市", "推进国道303线经棚至锡林浩特段公路建设。", "town:150425:经棚镇", None),
        ("赤峰市", "建设G233经棚至乌兰布统段公路。", "town:150425:经棚镇", None),
        ("巴彦淖尔市", "推进G331二连浩特至乌拉特后旗段公路建设。", "banner:152501", "banner:150824"),
        ("巴彦淖尔市", "建设国道331线乌拉特中旗至额济纳旗段。", "banner:150824", "banner:152922"),
        ("乌兰察布市", "实施G209苏尼特右旗至武川段改造。", "banner:152524", "town:150929:乌兰花镇"),
        ("乌兰察布市", "推进国道335线乌兰花至集宁段公路建设。", "town:150929:乌兰花镇", "banner:150927"),
        ("乌海市", "推进G18棋盘井至海南区段建设。", "town:150624:棋盘井镇", "town:150303:巴音陶亥镇"),
        ("呼伦贝尔市", "实施国道332线根河至海拉尔段改造。", "banner:150785", "banner:150784"),
    ],
)  # fmt: skip
def test_a_section_of_a_route_is_drawn_along_it(
    gazetteer: Gazetteer, tmp_path: Path, league: str, sentence: str, first: str, through: str | None
) -> None:
    """The section runs from its first named end along the route's line to its last, through the route's waypoints
    between them (G331 from 二连浩特 to 乌拉特后旗 passes 乌拉特中旗), not straight across."""
    plan = tmp_path / "plan.txt"
    plan.write_text(
        f"{league}国民经济和社会发展第十四个五年规划纲要\n第一章 交通\n{sentence}\n", encoding="utf-8"
    )
    (corridor,) = geoparse(read(plan), gazetteer).corridors
    route = gazetteer.get(f"road:{corridor.route}")
    assert corridor.waypoints[0].place.id == first
    start, end = (w.place.point for w in (corridor.waypoints[0], corridor.waypoints[-1]))
    section = route_section(route.geometry, (start.x, start.y), (end.x, end.y))
    line = corridor_line(corridor)
    assert section is not None and line is not None
    assert shapely.hausdorff_distance(line, section) < 1e-9 and line.coords[0] == (start.x, start.y)
    if through is not None:
        assert tuple(gazetteer.get(through).point.coords[0]) in line.coords


@pytest.mark.parametrize(
    ("sentence", "listed"),
    [
        ("加快110、208国道改造。", [("110", "road:G110"), ("208国道", "road:G208")]),
        ("推进109、110、210国道建设。", [("109", "road:G109"), ("110", "road:G110"), ("210国道", "road:G210")]),
        ("推进国道110、208线建设。", [("国道110", "road:G110"), ("208", "road:G208")]),
        ("推进G209、G335改造。", [("G209", "road:G209"), ("G335", "road:G335")]),
        ("推进G6、G7扩容改造。", [("G6", "road:G6"), ("G7", "road:G7")]),
        ("京藏、二广高速公路扩能。", [("京藏", "road:G6"), ("二广高速公路", "road:G55")]),
    ],
)  # fmt: skip
def test_each_number_or_name_of_a_route_list_is_its_route(
    finder: MentionFinder, sentence: str, listed: list[tuple[str, str]]
) -> None:
    """A list of route numbers sharing one network word ('110、208国道': G110 and G208) or one kind word (京藏、二广
    高速公路) names every listed route, each by its own number or name."""
    found = [(m.surface, m.place_ids) for m in finder.find(sentence) if m.type == "road" or m.place_ids]
    assert [(surface, ids[0]) for surface, ids in found if ids] == listed, found


@pytest.mark.parametrize(
    "sentence",
    [
        "2019、2020年国道建设投资增长。",
        "新改建110、120公里国道。",
        "建成国道110、2条省道。",
        "G6、12个服务区改造。",
    ],
)
def test_numbers_that_are_years_or_quantities_are_no_routes(finder: MentionFinder, sentence: str) -> None:
    numbers = [m.surface for m in finder.find(sentence) if m.rule == "route:list"]
    assert numbers == []


def test_a_listed_number_resolves_to_its_route_in_a_plan(gazetteer: Gazetteer, tmp_path: Path) -> None:
    resolved = resolved_ids(
        gazetteer,
        tmp_path,
        "乌兰察布市国民经济和社会发展第十四个五年规划纲要",
        "推进110、208国道和国道209、335线改造。",
    )
    assert {k: v for k, v in resolved.items() if v.startswith("road:")} == {
        "110": "road:G110", "208国道": "road:G208", "国道209": "road:G209", "335": "road:G335",
    }  # fmt: skip


def test_an_inter_provincial_corridor_is_a_road_named_by_its_ends(finder: MentionFinder) -> None:
    """省际(大)通道 is a class of road like 高速公路: a name before it makes one road mention (呼满: 呼和浩特—满洲里),
    the class word alone or after a verb or a region is none."""
    (mention,) = [m for m in finder.find("加快呼满省际大通道建设。") if m.type == "road"]
    assert (mention.surface, mention.rule) == ("呼满省际大通道", "suffix:省际大通道")
    known = finder.find("建成阿荣旗至北海省际通道。")
    assert [m.place_ids for m in known if m.surface == "阿荣旗至北海省际通道"] == [
        ("road:阿荣旗至北海省际通道",)
    ]
    for sentence in ("构建省际大通道。", "打造连接东北的省际大通道。", "积极推进省际通道建设。"):
        assert not [m for m in finder.find(sentence) if m.type == "road"], sentence


def test_a_counted_list_of_planned_lines_names_each_line(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'呼包、包鄂榆、呼朔太、齐海满4条高铁': each item with the class word is a line's record, not a line sharing
    an alias (呼包铁路 is the older 集包 double line) nor the plan's league."""
    resolved = resolved_ids(
        gazetteer,
        tmp_path,
        "呼和浩特市国民经济和社会发展第十五个五年规划纲要",
        "推进呼包、包鄂榆、呼朔太、齐海满4条高铁建设。",
    )
    assert {k: v for k, v in resolved.items() if v.startswith("railway:")} == {
        "呼包": "railway:呼包高铁", "包鄂榆": "railway:包鄂榆高铁", "呼朔太": "railway:呼朔太高铁",
        "齐海满": "railway:齐海满客专",
    }  # fmt: skip


def test_a_line_named_by_its_initials_before_a_line_of_another_class_word(finder: MentionFinder) -> None:
    """'京新、准兴运煤专用通道': the item before a coal road is a line too, the one its initials and a line word name
    (京新 + 高速: G7); 运煤专用通道 is a road class word (the bare class word after a verb is none)."""
    found = {
        m.surface: m.place_ids for m in finder.find("随着京新、准兴运煤专用通道等一批重大公路项目建成。")
    }
    assert found == {"京新": ("road:G7",), "准兴运煤专用通道": ()}
    assert not finder.find("开辟运煤专用通道。")


def test_every_route_is_located_finer_than_the_region(gazetteer: Gazetteer) -> None:
    """Each route record is a line through its waypoints or sits at the town, banner or league its page states: none is
    left at the region's point."""
    rows = _rows("routes.csv")
    assert len(rows) >= 110
    for row in rows:
        assert gazetteer.get(row["id"]).precision in {"schematic", "town", "banner", "league"}, row["id"]


def test_a_lines_end_named_by_a_shared_stem_is_the_one_its_page_places(gazetteer: Gazetteer) -> None:
    """巴新铁路 starts at 巴彦乌拉 of 西乌珠穆沁旗 (its page: 'West Ujimqin, Xilingol'; the former 巴彦乌拉镇 is now
    巴拉嘎尔高勒镇), not at 苏尼特左旗's namesake 巴彦乌拉苏木 some 350 km west."""
    line = gazetteer.get("railway:巴新铁路").geometry
    west_ujimqin = gazetteer.get("town:152526:巴拉嘎尔高勒镇").point
    sunid_left = gazetteer.get("town:152523:巴彦乌拉苏木").point
    assert line.distance(west_ujimqin) < 1e-6 and line.distance(sunid_left) > 2.0
