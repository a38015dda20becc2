"""Issue 15, recall: named features a class word after the name cannot find (features.py), on the reference plans
and on sentences of their general form."""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import Point

from geoplan.geocode.corridors import find_corridors
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import Mention, MentionFinder
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read


@pytest.fixture(scope="module")
def parsed(plan_files: list[Path], finder: MentionFinder) -> dict[str, list[Mention]]:
    """The mentions found in each reference plan (before resolution: their rule says which rule found them)."""
    return {path.name[:3]: finder.find(read(path).text) for path in plan_files}


def _typed(mentions: list[Mention], kind: str, rule: str) -> list[str]:
    return [m.surface for m in mentions if m.type == kind and m.rule.startswith(rule)]


def test_grid_works_named_by_station_and_voltage(parsed: dict[str, list[Mention]]) -> None:
    """Plan 001 lists its transmission projects by substation and voltage (two lists, 13 items); plan 002 names a
    220 kV substation with 变电站; voltages that describe a network (盟内 500 千伏环网 in plan 000) are no names."""
    stations = _typed(parsed["001"], "power_line", "grid:voltage")
    assert {"鸿盛", "察哈尔", "毫沁营", "胜利", "北垣", "阿尔泰", "中山"} <= set(stations)
    assert (
        len(stations) == 13 and stations.count("联通") == 2 and "科技城" in stations
    )  # every item of both lists
    assert any(
        s.replace(" ", "") == "青山220千伏变电站" for s in _typed(parsed["002"], "power_line", "grid:")
    )
    assert _typed(parsed["000"], "power_line", "grid:voltage") == []
    for places in parsed.values():
        for surface in _typed(places, "power_line", "grid:voltage"):
            assert not surface[0].isdigit() and ("千伏" not in surface or surface.endswith("站"))


def test_uhv_lines_named_by_their_end(parsed: dict[str, list[Mention]]) -> None:
    """Plan 002 names its ultra-high-voltage line by the town it leaves from (上海庙, 鄂托克前旗), three times."""
    lines = _typed(parsed["002"], "power_line", "grid:uhv")
    assert lines.count("上海庙特高压") == 2 and "上海庙特高压外送通道" in lines
    assert all(line.startswith("上海庙") for line in lines)  # never '新开辟特高压外送通道'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("重点推进巴彦 500 千伏、新华 220 千伏等输变电工程", ["巴彦", "新华"]),
        ("新建锡林 220千伏变电站", ["锡林 220千伏变电站"]),
        ("延伸覆盖 10 千伏及以下农网", []),
        ("盟内 500 千伏环网实现闭合", []),
        ("新建及改造220千伏变电站5座", []),
        ("建成张北—胜利特高压交流工程", []),
        ("谋划建设特高压三期工程", []),
    ],
)
def test_grid_work_names(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert [m.surface for m in finder.find(text) if m.rule.startswith("grid:")] == expected


def test_belts_and_zones_named_by_places(parsed: dict[str, list[Mention]]) -> None:
    """Economic belts named by their places' initials (plan 002: 呼包银榆经济带 and …经济区) or by a proper name
    (plan 003: 长江经济带); planning blocks named by a landmark (plan 001: 北二环区块, three times). A belt the
    gazetteer records (呼包银榆经济区, 长江经济带) is found by its record, not by its class word."""
    belts_002 = _typed(parsed["002"], "corridor", "zone:")
    assert {"呼包银榆经济带", "中俄蒙经济走廊"} <= set(belts_002)
    assert "呼包银榆经济区" in [m.surface for m in parsed["002"] if "region:呼包银经济带" in m.place_ids]
    assert "长江经济带" in [m.surface for m in parsed["003"] if "region:长江经济带" in m.place_ids]
    assert _typed(parsed["001"], "region", "zone:区块").count("北二环区块") == 3
    for places in parsed.values():
        for surface in _typed(places, "region", "zone:") + _typed(places, "corridor", "zone:"):
            assert surface[0] not in "一二三四五六七八九十和"  # '五大区块', '…和中蒙俄经济走廊'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("融入呼包鄂榆经济带建设", ["呼包鄂榆经济带"]),
        ("参与中蒙俄国际陆海大通道建设", ["中蒙俄国际陆海大通道"]),
        ("构建五大区块发展格局", []),
        ("加快城市群和都市圈建设", []),
        ("形成沿线经济带", []),
    ],
)
def test_belt_and_zone_names(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert [m.surface for m in finder.find(text) if m.rule.startswith("zone:")] == expected


def test_features_keep_the_place_named_in_them(parsed: dict[str, list[Mention]]) -> None:
    """A feature named after a gazetteer place carries it as its qualifier (上海庙 -> 上海庙镇), so the resolver
    can locate it there; a station named by a common word has none."""
    lines = [m for m in parsed["002"] if m.rule == "grid:uhv"]
    assert lines and all(
        m.qualifier == "上海庙" and m.qualifier_ids == ("town:150623:上海庙镇",) for m in lines
    )
    belts = [m for m in parsed["003"] if m.surface == "长江经济带"]
    assert belts and all(m.qualifier is None for m in belts)


def test_features_resolve_in_a_plan(plan_files: list[Path], gazetteer: Gazetteer) -> None:
    """Every feature mention of a plan is located (at least by the plan's banner), none is dropped."""
    path = next(p for p in plan_files if p.name.startswith("001"))
    places = geoparse(read(path), gazetteer)
    stations = [m for m in places.mentions if m.type == "power_line" and m.surface in {"鸿盛", "察哈尔"}]
    assert len(stations) == 4 and all(m.place is not None for m in stations)


def test_works_named_by_their_class_word(parsed: dict[str, list[Mention]]) -> None:
    """Pumped-storage stations are reservoirs (plan 000: 多伦县双山…, with its banner; plan 001: 哈拉沁…, twice),
    flood works are water projects (plan 002), a ring road keeps the banner it rings (plan 000, twice), a loop
    road the area it crosses, an interchange its name (plan 003)."""
    kinds = {(m.surface, m.type) for plan in parsed.values() for m in plan}
    assert ("多伦县双山抽水蓄能电站", "reservoir") in kinds
    assert [m.surface for m in parsed["001"] if m.type == "reservoir"].count("哈拉沁抽水蓄能电站") == 2
    assert {("呼和镇北山坡截洪沟", "water_project"), ("广林滞洪区", "water_project")} <= kinds
    assert [m.surface for m in parsed["000"] if m.type == "road"].count("太仆寺旗绕城公路") == 2
    assert ("浑善达克沙地大环线", "road") in kinds and ("昭君互通", "road") in kinds


def test_zones_of_a_kind_need_a_place_in_their_name(parsed: dict[str, list[Mention]]) -> None:
    """'X试验区' and 'X贸易区' name a zone only with a gazetteer place in X (plan 000: 二连浩特跨境电子商务综合试验区);
    自由贸易试验区 and 开发开放试验区 are kinds of zone."""
    zones = [m for plan in parsed.values() for m in plan if m.surface.endswith(("试验区", "贸易区"))]
    assert "二连浩特跨境电子商务综合试验区" in {m.surface for m in zones}
    assert all(m.qualifier for m in zones)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实施乌兰浩特绕城公路改造", [("乌兰浩特绕城公路", "road")]),
        # a direction after the place is part of a bypass's name; a link road is named after what it links
        ("建设乌兰浩特北绕城公路", [("乌兰浩特北绕城公路", "road")]),
        ("修通白狼镇连接线", [("白狼镇连接线", "road")]),
        ("完善机场连接线", []),
        # a number with 线 joined to a route written in full is a route of the same network
        ("国道110线和208线在此交汇", [("国道110线", "road"), ("208线", "road")]),
        ("推进锡林浩特抽水蓄能电站前期工作", [("锡林浩特抽水蓄能电站", "reservoir")]),
        ("复制推广自由贸易试验区经验", []),
        ("推动无人驾驶航空试验区建设", []),
        ("促进区域互联互通", []),
    ],
)
def test_work_names(finder: MentionFinder, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.surface, m.type) for m in finder.find(text) if m.type] == expected


def test_the_link_road_of_a_route_is_the_route(finder: MentionFinder) -> None:
    """'X高速连接线' is the link of a named route: the route is the mention, no road named 'X高速连接线'."""
    assert [m.surface for m in finder.find("建设呼北高速连接线")] == ["呼北高速"]


def test_spur_railways_named_after_their_facility(parsed: dict[str, list[Mention]]) -> None:
    """Plan 000 lists spur lines named after the mine, plant or park they serve (four, one of them after 朱日和's
    park, located there); plan 002 names two after a company. A line between two places is a corridor."""
    spurs = {m.surface: m for m in parsed["000"] if m.rule == "spur"}
    assert {
        "吉林郭勒矿区二号露天矿铁路",
        "苏能白音华电厂铁路",
        "朱日和工业园区铁路",
        "白音华二号矿铁路",
    } <= set(spurs)
    assert spurs["朱日和工业园区铁路"].qualifier_ids == ("town:152524:朱日和镇",)
    assert {"黑猫煤化工铁路专用线", "黑猫煤化工有限公司铁路专用线"} <= {
        m.surface for m in parsed["002"] if m.rule == "spur"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建设锡林浩特电厂铁路专用线", ["锡林浩特电厂铁路专用线"]),
        ("新建煤矿铁路专用线", []),
        ("推进现代煤化工铁路专用线建设", []),
        ("加快甲地至乙地煤矿铁路建设", []),
        # a spur named after its owner or place alone: the owner must hold a name
        ("建成呼和陶勒盖铁路专用线", ["呼和陶勒盖铁路专用线"]),
        ("推进大宗货物运输铁路专用线建设", []),
        # a spur named after the coal or coal power of a place ('X煤炭', 'X煤电'), a commodity alone names none
        ("扎哈淖尔煤炭铁路专用线获批", ["扎哈淖尔煤炭铁路专用线"]),
        ("建设白音华煤电铁路专用线", ["白音华煤电铁路专用线"]),
        ("推进煤炭铁路专用线建设", []),
    ],
)
def test_spur_names(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert [m.surface for m in finder.find(text) if m.rule == "spur"] == expected


def test_lines_named_by_bracketed_initials(plan_files: list[Path], gazetteer: Gazetteer) -> None:
    """Plan 003 names a railway by its ends' first characters, each expanded in brackets: one railway whose ends
    are 上海庙镇 (the bracket names it) and 靖边县 (character and bracket); 上海庙 inside is no mention of its own."""
    path = next(p for p in plan_files if p.name.startswith("003"))
    places = geoparse(read(path), gazetteer)
    lines = [c for c in places.corridors if c.name == "新（上海庙）靖（边）线"]
    assert len(lines) == 2 and all(c.kind == "railway" and c.rule == "named" for c in lines)
    ends = [w.place.name if w.place else None for w in lines[0].waypoints]
    assert ends == ["上海庙镇", "靖边县"]
    inside = [m for m in places.mentions for c in lines if c.start <= m.start and m.end <= c.end]
    assert inside == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建设包（头）银（川）高铁", [("包（头）银（川）高铁", "railway", ("包头", "银川"))]),
        ("推进呼（和浩特）（市区）建设", []),
    ],
)
def test_bracketed_line_names(text: str, expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    found = [c for c in find_corridors(text) if "（" in c.name]
    assert [(c.name, c.kind, tuple(w.surface for w in c.waypoints)) for c in found] == expected


def test_institutions_and_sites_named_by_their_class_word(parsed: dict[str, list[Mention]]) -> None:
    """Museums, theatres, rock carvings, a canyon and a revolutionary base area are scenic places when a name
    stands before their class word (plans 001, 002, 003); 文博园 and 营地 need a proper name (plan 002)."""
    scenic = {m.surface for plan in parsed.values() for m in plan if m.type == "scenic"}
    assert {"公主府博物馆", "内蒙古艺术剧院", "内蒙古科学技术馆", "红山口摩崖石刻"} <= scenic
    assert {"黄河大峡谷", "桃力民革命抗日根据地", "乌拉特蒙古包文博园", "宝日汗图自驾游营地"} <= scenic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建设海拉尔博物馆", ["海拉尔博物馆"]),
        ("推进智慧博物馆建设", []),
        ("建设一批研学营地", []),
        ("打造红色教育基地", []),
    ],
)
def test_scenic_class_word_names(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert [m.surface for m in finder.find(text) if m.type == "scenic"] == expected


def test_water_records_of_the_reference_plans(gazetteer: Gazetteer, parsed: dict[str, list[Mention]]) -> None:
    """滦河 (its upper course turns in 多伦县) and 总排干 (the 河套 district's main drain, type water_project)
    have sourced records without coordinates: they take their parent unit's point, and plans 000 and 002 name
    them."""
    river = gazetteer.get("river:滦河")
    drain = gazetteer.get("water_project:总排干")
    assert river.precision == "banner" and gazetteer.get(river.banner_id).name == "多伦县"
    assert drain.precision == "league" and drain.parent_ids[0] == "league:150800"
    assert "总排干沟" in drain.aliases
    assert any(m.place_ids == ("river:滦河",) for m in parsed["000"])
    assert any(m.place_ids == ("water_project:总排干",) for m in parsed["002"])


@pytest.mark.parametrize(
    ("name", "route_id", "ends"),
    [
        ("包神铁路", "railway:包神铁路", ("九原区", "神木市")),
        ("甘泉铁路", "railway:甘泉铁路", ("九原区", "甘其毛都口岸")),
        ("通霍铁路", "railway:通霍铁路", ("科尔沁区", "霍林郭勒市")),
        ("东乌铁路", "railway:东乌铁路", ("东胜区", "乌海市")),
    ],
)
def test_railways_of_every_league(
    gazetteer: Gazetteer, name: str, route_id: str, ends: tuple[str, str]
) -> None:
    """Railways crossing the region outside the reference plans' areas have sourced records: their common name
    finds them, and their schematic line runs from the first to the last waypoint the cited page lists."""
    place = gazetteer.lookup(name)[0].place
    assert place.id == route_id and place.precision == "schematic" and "record: http" in place.note
    line = place.geometry
    first, last = (gazetteer.lookup(end)[0].place.geometry for end in ends)
    assert first.distance(Point(line.coords[0])) < 1e-6 and last.distance(Point(line.coords[-1])) < 1e-6


def test_named_line_east_wu_runs_to_wuhai() -> None:
    """东乌铁路 abbreviates 东胜 and 乌海 (the cited page), not 乌审旗."""
    line = next(c for c in find_corridors("推进东乌铁路扩能改造") if c.name == "东乌铁路")
    assert [w.surface for w in line.waypoints] == ["东胜", "乌海"]


def test_roads_named_by_number_or_area(parsed: dict[str, list[Mention]]) -> None:
    """Plan 000 names a tourist road by the grassland and a number; plan 002 a scenic byway by the area it
    crosses (the area is part of its name); plan 000 a flash-flood gully with its banner before it."""
    roads = {m.surface.replace(" ", "") for plan in parsed.values() for m in plan if m.type == "road"}
    assert {"草原99号公路", "乌拉特戈壁草原风景道"} <= roads
    rivers = {m.surface for m in parsed["000"] if m.type == "river"}
    assert "西乌珠穆沁旗道伦达坝山洪沟" in rivers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("打造阿尔山 1 号旅游公路", ["阿尔山 1 号旅游公路"]),
        ("建设草原1号公路", ["草原1号公路"]),
        ("新建3号公路", []),
        ("完善全市 5 号公路", []),
    ],
)
def test_numbered_road_names(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert [m.surface for m in finder.find(text) if m.rule == "numbered-road"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("改造乌兰察布东站站房", [("乌兰察布东站", "station", "乌兰察布")]),
        ("新建霍林郭勒西站", [("霍林郭勒西站", "station", "霍林郭勒")]),
        ("建设城东站点", []),
        ("完善赤峰南站台", []),
    ],
)
def test_stations_named_by_place_and_direction(
    finder: MentionFinder, text: str, expected: list[tuple[str, str, str]]
) -> None:
    """'X东站' is a railway station of the place X (its qualifier) where X is a gazetteer unit or town."""
    found = [(m.surface, m.type, m.qualifier) for m in finder.find(text) if m.rule == "station:direction"]
    assert found == expected


def test_directional_stations_keep_their_records(finder: MentionFinder) -> None:
    """A station the gazetteer has (呼和浩特东站) stays its own record, not a new mention."""
    found = finder.find("开行呼和浩特东站至包头东站动车")
    assert [(m.surface, m.place_ids) for m in found if m.type is None or m.type == "station"][:2] == [
        ("呼和浩特东站", ("station:呼和浩特东站",)),
        ("包头东站", ("station:包头东站",)),
    ]


@pytest.mark.parametrize(
    ("name", "place_id", "parent"),
    [
        ("哈素海", "lake:哈素海", "土默特左旗"),
        ("贡格尔草原", "grassland:贡格尔草原", "克什克腾旗"),
        ("杜尔伯特草原", "grassland:杜尔伯特草原", "四子王旗"),
        ("霍林河", "river:霍林河", "内蒙古自治区"),  # its page: from 扎鲁特旗 (通辽) through 科右中旗 (兴安)
        ("洮儿河", "river:洮儿河", "兴安盟"),
        ("黄岗梁", "mountain:黄岗梁", "克什克腾旗"),
        ("雅布赖山", "mountain:雅布赖山", "阿拉善右旗"),
        ("蛮汗山", "mountain:蛮汉山", "乌兰察布市"),
    ],
)
def test_natural_places_of_every_league(
    gazetteer: Gazetteer, finder: MentionFinder, name: str, place_id: str, parent: str
) -> None:
    """Lakes, grasslands and rivers of leagues no reference plan covers have sourced records under their unit."""
    place = gazetteer.get(place_id)
    assert (
        gazetteer.get(place.parent_ids[0]).name == parent and "record:" in place.note and "http" in place.note
    )
    assert [m.place_ids for m in finder.find(f"保护{name}生态")] == [(place_id,)]


def test_barga_grassland_spans_its_three_banners(gazetteer: Gazetteer) -> None:
    """巴尔虎草原 is drawn as the hull of the three Barga banners the cited page names it after."""
    hull = gazetteer.get("grassland:巴尔虎草原").geometry
    for banner in ("陈巴尔虎旗", "新巴尔虎左旗", "新巴尔虎右旗"):
        assert hull.contains(gazetteer.lookup(banner)[0].place.geometry.representative_point())


def test_a_line_end_after_its_banner_is_cut_after_the_banner_not_inside_it(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'阿拉善左旗锡林高勒至通古淖尔农村公路': the start is 锡林高勒 after its banner, not '左旗锡林高勒' after the
    league's short form 阿拉善 read inside the banner's name."""
    path = tmp_path / "阿拉善盟交通概况.txt"
    path.write_text("阿拉善左旗锡林高勒至通古淖尔农村公路建设现场。\n", encoding="utf-8")
    places = geoparse(read(path), gazetteer)
    ends = [w.surface for c in places.corridors for w in c.waypoints]
    assert ends == ["锡林高勒", "通古淖尔"]
    assert [m.surface for m in places.mentions if m.end <= 9] == ["阿拉善左旗", "锡林高勒"]


def test_a_line_end_written_a_via_b_is_two_waypoints(plan_files: list[Path], gazetteer: Gazetteer) -> None:
    """Plan 004's '甘其毛都经海流图至乌拉山高速公路': from 甘其毛都 via 海流图 to 乌拉山, three waypoints in order; a
    name holding 经 (经棚) is one end."""
    places = geoparse(read(next(p for p in plan_files if p.name.startswith("004"))), gazetteer)
    road = next(c for c in places.corridors if c.name.startswith("甘其毛都经海流图"))
    assert [w.surface for w in road.waypoints] == ["甘其毛都", "海流图", "乌拉山"]
    assert [w.place.name for w in road.waypoints[:2]] == ["甘其毛都镇", "海流图镇"]
    assert [(w.start, w.end) for w in road.waypoints] == sorted((w.start, w.end) for w in road.waypoints)


def test_line_ends_written_after_their_province_or_league(
    plan_files: list[Path], gazetteer: Gazetteer
) -> None:
    """Plan 003 writes a road's end after its province ('…至陕西小壕图'), plan 000 a pipeline's start after its
    region and league ('蒙西乌兰察布化德—多伦'): the end is the waypoint, the names before it mentions of their own."""
    places = {p.name[:3]: geoparse(read(p), gazetteer) for p in plan_files if p.name[:3] in {"000", "003"}}
    ends = {w.surface for c in places["003"].corridors for w in c.waypoints}
    assert "小壕图" in ends and "陕西小壕图" not in ends
    assert any(
        m.surface == "陕西" and m.place is not None and m.place.type == "province"
        for m in places["003"].mentions
    )
    pipelines = [c for c in places["000"].corridors if "化德—多伦" in c.name]
    assert len(pipelines) == 2
    for pipeline in pipelines:
        start = pipeline.waypoints[0]
        assert start.surface == "化德" and start.place is not None and start.place.name == "化德县"
        heads = [m for m in places["000"].mentions if pipeline.start <= m.start and m.end <= start.start]
        assert "乌兰察布" in {m.surface for m in heads}


def test_a_unit_before_a_known_feature_says_where_it_is(parsed: dict[str, list[Mention]]) -> None:
    """Plan 001 writes a reserve after its district (回民区…自然保护区), plan 000 a heritage site after its banner,
    plan 003 a river after a banner: the unit and the feature are two mentions, the feature keeps its record."""
    reserve = next(m for m in parsed["001"] if m.surface == "大青山自然保护区")
    assert reserve.place_ids == ("reserve:内蒙古大青山国家级自然保护区",)
    assert any(m.surface == "回民区" and m.end == reserve.start for m in parsed["001"])
    assert any(m.surface == "元上都遗址" for m in parsed["000"])
    assert not any(
        m.surface.endswith(("旗元上都遗址", "旗黄河")) for plan in ("000", "003") for m in parsed[plan]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推进正蓝旗元上都遗址保护", ["正蓝旗", "元上都遗址"]),
        ("推动东胜区鄂尔多斯机场改扩建", ["东胜区", "鄂尔多斯机场"]),
        ("治理准格尔旗黄河段", ["准格尔旗", "黄河"]),
        ("乌兰察布市四子王旗", ["乌兰察布市", "四子王旗"]),
    ],
)
def test_unit_prefixes(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert [m.surface for m in finder.find(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("吸引港澳、蒙古、日本等地客商", [("蒙古", ("foreign:蒙古国",))]),
        ("传承蒙古族文化", []),
        ("建设蒙古包营地", []),
        ("地处蒙古高原", []),
    ],
)
def test_mongolia_by_its_short_name(
    finder: MentionFinder, text: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    """蒙古 alone names the country only where a name can end (a list), never inside 蒙古族 or 蒙古包."""
    assert [
        (m.surface, m.place_ids) for m in finder.find(text) if m.place_ids == ("foreign:蒙古国",)
    ] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推动中蒙二连浩特—扎门乌德经济合作区封关运行", [("中蒙二连浩特—扎门乌德经济合作区", "二连浩特")]),
        ("建设二连浩特—扎门乌德经济合作区", [("二连浩特—扎门乌德经济合作区", "二连浩特")]),
        ("加快产业—科技合作区建设", []),
    ],
)
def test_cross_border_zones_named_by_both_sides(
    finder: MentionFinder, text: str, expected: list[tuple[str, str]]
) -> None:
    """A zone named by the places on both sides of the border is one park, located by our side."""
    assert [(m.surface, m.qualifier) for m in finder.find(text) if m.rule == "zone:paired"] == expected


def test_substation_works_in_a_grid_sentence(parsed: dict[str, list[Mention]]) -> None:
    """Plan 000 lists substation extensions in its grid works ('X站扩建'): the station is the mention, located by
    the banner in its name when there is one."""
    works = {m.surface: m for m in parsed["000"] if m.rule == "grid:station"}
    assert set(works) == {"白音高勒站", "苏尼特左旗站"}
    assert works["苏尼特左旗站"].qualifier == "苏尼特左旗"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电网强化工程：实施锡林 500 千伏站扩建、巴彦站扩建。", ["巴彦站"]),
        ("实施客运站改造、巴彦站扩建。", []),
    ],
)
def test_substation_work_names(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert [m.surface for m in finder.find(text) if m.rule == "grid:station"] == expected


def test_towns_written_short_after_their_banner(parsed: dict[str, list[Mention]]) -> None:
    """Plan 003 writes a town by its short form right after its banner in a list (鄂托克前旗城川), plan 002 before
    a project's words (乌拉特后旗巴音宝力格…): the banner vouches for the short form."""
    towns_003 = {m.surface: m.place_ids for m in parsed["003"] if m.rule == "town-after-banner"}
    assert towns_003.get("城川") == ("town:150623:城川镇",)
    assert any(m.surface == "巴音宝力格" and m.rule == "town-after-banner" for m in parsed["002"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("支持鄂托克前旗城川、达拉特旗建设通用机场", ["城川"]),
        ("支持乌审旗城川建设", []),
    ],
)
def test_short_towns_need_their_own_banner(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert [m.surface for m in finder.find(text) if m.rule == "town-after-banner"] == expected


def test_the_north_end_of_the_haoji_railway(gazetteer: Gazetteer) -> None:
    """浩勒报吉 (a corridor end in plan 003) is the 浩吉铁路's northern station, in 乌审旗 (the routes harvest's page)."""
    place = gazetteer.lookup("浩勒报吉")[0].place
    assert place.id == "station:浩勒报吉南站" and gazetteer.get(place.banner_id).name == "乌审旗"


def test_streets_before_a_locative(parsed: dict[str, list[Mention]]) -> None:
    """Plan 001 names streets right before a locative jieba joins to the suffix (福苑路南延伸段, 呼锡路下穿,
    哲里木路北延伸段): the street's name ends before the locative."""
    streets = {m.surface for m in parsed["001"] if m.type == "street"}
    assert {"福苑路", "呼锡路", "哲里木路"} <= streets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推进新华路北延伸段建设", ["新华路"]),
        ("铺设新华大街供水管网", ["新华大街"]),
        ("完善城市道路北段", []),
        ("建设港口物流", []),
    ],
)
def test_street_names_before_locatives(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert [m.surface for m in finder.find(text) if m.type in {"street", "port"}] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("谋划哈拉沁东路跨北二环工程", ["北二环"]),
        ("打通东三环路断头路", ["东三环路"]),
        ("北二环区块以完整社区理念开发", []),
        ("推进西二环保护工程", []),
        ("抓好三环节", []),
        ("建成北二环", ["北二环"]),
        # an express ring road by its number, and the city's bypass with no side (its one bypass), are roads
        ("通过互通立交与三环快速路、绕城高速无缝衔接", ["三环快速路", "绕城高速"]),
        ("坚持快速发展，绕城而过", []),
        # written after its city, it is that city's: one mention
        ("建设呼和浩特三环快速路", ["呼和浩特三环快速路"]),
    ],
)
def test_ring_roads(finder: MentionFinder, text: str, expected: list[str]) -> None:
    """A city's ring road named by its side and number is a road; a block named after it is a region."""
    assert [m.surface for m in finder.find(text) if m.rule == "ring-road"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依托贝子庙与善因寺等古建筑", ["善因寺"]),
        ("修缮梵宗寺、荟福寺", ["梵宗寺", "荟福寺"]),
        ("建设清真寺", []),
        ("推进寺庙修缮", []),
        ("保护古寺", []),
    ],
)
def test_temples_named_by_their_class_word(finder: MentionFinder, text: str, expected: list[str]) -> None:
    """'X寺' is a scenic place where X is a proper name and 寺 ends a word (not 寺庙, 清真寺 or 古寺); a temple the
    gazetteer knows is found by its record."""
    temples = [m for m in finder.find(text) if m.surface.endswith("寺")]
    scenic = [
        m.surface for m in temples if m.type == "scenic" or any(p.startswith("scenic:") for p in m.place_ids)
    ]
    assert scenic == expected
