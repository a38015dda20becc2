"""Corridor grammar on sentences of the reference plans (read from disk, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geoplan.geocode.corridors import ROUTE_KIND, find_corridors, route_of


def _line_with(plan_files: list[Path], prefix: str, needle: str) -> str:
    for path in plan_files:
        if path.name.startswith(prefix):
            for line in path.read_text(encoding="utf-8").splitlines():
                if needle in line:
                    return line
    pytest.fail(f"no line with {needle!r} in plan {prefix}")


def _corridor(text: str, first: str, kind: str):
    for corridor in find_corridors(text):
        if corridor.waypoints and corridor.waypoints[0].surface == first and corridor.kind == kind:
            return corridor
    found = [(c.name, c.kind) for c in find_corridors(text)]
    pytest.fail(f"no {kind} corridor starting at {first!r}; found {found}")


@pytest.mark.parametrize(
    ("prefix", "needle", "first", "route", "kind", "waypoints"),
    [
        ("003", "S215锡尼镇", "锡尼镇", "S215", "road", ["锡尼镇", "乌审召"]),
        ("003", "G210古城", "古城", "G210", "road", ["古城", "树林召"]),
        ("003", "乌海至宁东", "乌海", None, "road", ["乌海", "宁东"]),
        ("003", "阳四圪咀至十二连城", "阳四圪咀", None, "road", ["阳四圪咀", "十二连城", "吉格斯太"]),
        ("003", "S215 通史", "通史", "S215", "road", ["通史", "海则畔"]),
        ("003", "解放滩至图克", "解放滩", None, "road", ["解放滩", "图克工业园区"]),
        ("000", "国道 207 线锡林浩特", "锡林浩特", "G207", "road", ["锡林浩特", "巴拉嘎尔高勒", "白音华"]),
        ("000", "太子城至锡林浩特铁路", "太子城", None, "railway", ["太子城", "锡林浩特"]),
        ("003", "乌审旗至榆林铁路", "乌审旗", None, "railway", ["乌审旗", "榆林"]),
        ("003", "贯通乌海—芒哈图", "乌海", None, "power_line", ["乌海", "芒哈图", "乌审", "红庆河"]),
        ("003", "乌审—芒哈图双回", "乌审", None, "power_line", ["乌审", "芒哈图"]),
        ("002", "莫林—图克木公路", "莫林", None, "road", ["莫林", "图克木"]),
        ("000", "多伦至承德 1000", "多伦", None, "power_line", ["多伦", "承德"]),
        ("000", "张北—胜利特高压", "张北", None, "power_line", ["张北", "胜利"]),
        ("002", "省道 213 川井", "川井", "S213", "road", ["川井", "达拉盖山口"]),
    ],
)
def test_chain_corridors(plan_files, prefix, needle, first, route, kind, waypoints):
    corridor = _corridor(_line_with(plan_files, prefix, needle), first, kind)
    assert [w.surface for w in corridor.waypoints] == waypoints
    assert corridor.route == route


@pytest.mark.parametrize(
    ("prefix", "needle", "name", "kind", "waypoints"),
    [
        ("000", "集二铁路复线", "集二铁路", "railway", ["集宁", "二连浩特"]),
        ("003", "包兰铁路、", "包兰铁路", "railway", ["包头", "兰州"]),
        ("000", "中蒙俄经济走廊", "中蒙俄经济走廊", "corridor", ["北京", "二连浩特", "乌兰巴托", "乌兰乌德"]),
    ],
)
def test_named_lines(plan_files, prefix, needle, name, kind, waypoints):
    found = {c.name: c for c in find_corridors(_line_with(plan_files, prefix, needle))}
    assert name in found
    assert found[name].kind == kind
    assert [w.surface for w in found[name].waypoints] == waypoints


def test_named_expressway_keeps_route_number():
    (corridor,) = [c for c in find_corridors("，积极对接京藏高速公路，") if c.rule == "named"]
    assert (corridor.route, corridor.kind, corridor.name) == ("G6", "road", "京藏高速公路")


def test_every_named_line_of_a_sentence_is_read():
    found = [
        (c.name, c.start) for c in find_corridors("，呼准铁路和呼准鄂铁路、呼鄂城际，") if c.rule == "named"
    ]
    assert found == [
        ("呼准铁路", 1),
        ("呼准鄂铁路", 6),
        ("呼鄂城际", 12),
    ]  # two sharing their first characters


def test_corridors_from_the_finders_one_pass_are_those_of_a_scan_of_their_own(plan_files, finder):
    """The connectors and named lines the finder's automaton found are the ones a scan of the text finds."""
    for path in plan_files:
        text = path.read_text(encoding="utf-8")
        assert find_corridors(text, finder.word_hits(text)) == find_corridors(text)


def test_waypoints_point_into_the_text(plan_files):
    text = _line_with(plan_files, "003", "S215锡尼镇")
    for corridor in find_corridors(text):
        for waypoint in corridor.waypoints:
            if waypoint.rule == "waypoint":
                assert text[waypoint.start : waypoint.end] == waypoint.surface


@pytest.mark.parametrize(
    "text",
    [
        "2021—2025年新建学校",
        "英模文化—红色教育—特色民俗文化精品线路",
        "每班50—100人",
        "掌握1至3项运动技能",
        "该铁路向西南终至月牙树湾站",  # 终至: 'ends at', no line from a place 'X终'
    ],
)
def test_no_corridor_in_ranges_or_theme_lists(text):
    assert find_corridors(text) == []


def test_a_sightseeing_route_through_sights_is_no_power_line():
    """'风景线路：A—B—C': a route through sights a visitor follows; 线路 there is no transmission line (a power line's
    chain keeps its kind: '乌审—芒哈图500千伏线路')."""
    assert [c.kind for c in find_corridors("风景线路：大召寺—五塔寺—席力图召—昭君博物院")] == [ROUTE_KIND]
    assert [c.kind for c in find_corridors("Day1、经棚镇-热水塘-黄岗梁林场线路概览")] == [ROUTE_KIND]
    # a transport route between two cities is no power line either (a web page's comma, ASCII)
    assert [c.kind for c in find_corridors("赤峰至通辽,这是一条重要交通线路。")] != ["power_line"]
    assert [c.kind for c in find_corridors("建成乌审—芒哈图500千伏线路")] == ["power_line"]


@pytest.mark.parametrize(
    "text",
    [
        "建设锡林浩特至二连浩特\n集宁至二连浩特铁路",  # the line word on the next line
        "锡林浩特至二连浩特，集宁至二连浩特铁路",  # in the next clause
    ],
)
def test_a_chain_takes_its_kind_from_its_own_clause(text):
    assert [(c.name, c.kind) for c in find_corridors(text)] == [("集宁至二连浩特铁路", "railway")]


def test_chain_of_lines_is_not_a_chain_of_places():
    assert [c for c in find_corridors("，形成包鄂榆高铁—呼包高铁—呼鄂城际环线，") if c.rule == "chain"] == []


@pytest.mark.parametrize(
    ("text", "route"),
    [("国道 207 线", "G207"), ("S215", "S215"), ("省道 221 线", "S221"), ("G1612线", "G1612")],
)
def test_route_numbers(text, route):
    assert route_of(text) == route


def test_an_areas_bounds_are_no_lines() -> None:
    """'东至X，南至Y，西至Z': a text naming three or four sides of an area gives its bounds, no line from 'X东'
    (web texts write ASCII commas, which do not end a line's name)."""
    assert find_corridors("规划范围东至乌兰察布路,南至南绕城高速,西至金河镇,北至大青山。") == []


def test_lines_whose_ends_end_in_a_compass_word_stay_lines() -> None:
    """Stations and towns named 'X西', 'X北' end lines; two compass words before 至 make no area's bounds."""
    found = find_corridors("建设蒙西至三北羊场、锡尼北至临河铁路。")
    assert [[w.surface for w in c.waypoints] for c in found] == [["蒙西", "三北羊场"], ["锡尼北", "临河"]]


def test_a_preposition_after_a_lines_end_ends_it() -> None:
    """'A至B由X压缩到Y': 由 (from) after the end is prose; inside a word ('双路由', routings) it is not."""
    found = find_corridors("本线路建成后满洲里至大连由26小时压缩到12小时。")
    assert [[w.surface for w in c.waypoints] for c in found] == [["满洲里", "大连"]]


def test_the_stretch_between_two_ends_ends_at_its_locative() -> None:
    """'A至B间只通普速列车': 间 (between) after the last end closes the stretch; the line word of the clause
    (快速铁路) gives its kind, and a verb glued to the first end after a break ('以来白城') is prose."""
    found = find_corridors("改造后的快速铁路彻底结束了长期以来白城至乌兰浩特间只通普速列车的历史")
    assert [(c.kind, [w.surface for w in c.waypoints]) for c in found] == [("railway", ["白城", "乌兰浩特"])]


@pytest.mark.parametrize("comma", [",", "，"])
def test_a_line_word_in_another_clause_gives_no_kind(comma: str) -> None:
    """Web texts write ASCII commas: like a full-width one, it ends the clause whose line word would give a pair of
    ends its kind ('铁路建成通车,A至B由…'); a comma between digits ('1,200') is a number's."""
    assert find_corridors(f"铁路建成通车{comma}满洲里至大连由26小时压缩到12小时。") == []
    found = find_corridors("全长1,200公里的铁路满洲里至大连段")
    assert [[w.surface for w in c.waypoints] for c in found] == [["满洲里", "大连"]]
