"""Issue 15, span boundaries on unseen text: where a name ends and where the name inside a longer phrase starts
(sentences written for these tests, none copied from a plan or a corpus text)."""

from __future__ import annotations

import pytest
from helpers import found

from geoplan.geocode.mentions import MentionFinder

_found = found


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # the network word written after a route's code is part of the road's name
        ("公路与G207国道相接。", "G207国道"),
        ("沿S312省道向北行驶。", "S312省道"),
        # no network word after the code: the code alone
        ("沿G207向北行驶。", "G207"),
        # an expressway's own name after its number: one name as written
        ("G7京新高速穿境而过。", "G7京新高速"),
    ],
)
def test_a_network_word_after_a_route_code_belongs_to_it(
    finder: MentionFinder, text: str, surface: str
) -> None:
    roads = [s for s, t in _found(finder, text) if t == "road"]
    assert roads[0] == surface


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a league's own two-character name before a line word: the league's network, the league the mention
        ("他说乌海高铁将于明年开通。", [("乌海", None)]),
        ("目前赤峰高速客流增加。", [("赤峰", None)]),
        # two ends' initials before the line word stay a named line (京哈: no record; 京沈高铁 is one now)
        ("京哈高铁通车。", [("京哈高铁", "railway")]),
    ],
)
def test_a_league_name_before_a_line_word_is_the_league(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a banner written with its class word before a head word: the banner's land, the banner the mention
        ("近年来达茂旗草原植被明显恢复。", [("达茂旗", None)]),
        ("全力保护陈巴尔虎旗草原生态。", [("陈巴尔虎旗", None)]),
    ],
)
def test_a_unit_written_in_full_names_no_place_after_it(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_a_bare_stem_before_a_head_word_still_names_the_place(finder: MentionFinder) -> None:
    found = _found(finder, "游客来到达茂草原观光。")
    assert found == [("达茂草原", "grassland")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a county-level unit glued before the park it hosts: the park's full name, one mention
        ("企业纷纷落户海勃湾区千里山工业园区。", [("海勃湾区千里山工业园区", None)]),
        ("名单包括土左旗金山开发区和玉泉区。", [("土左旗金山开发区", None), ("玉泉区", None)]),
        # a league's name before a park stays a mention of its own
        ("乌海市乌达产业园加快建设。", [("乌海市", None), ("乌达产业园", None)]),
        # something between the unit and the park: two mentions
        ("海勃湾区的千里山工业园区发展很快。", [("海勃湾区", None), ("千里山工业园区", None)]),
    ],
)
def test_a_park_written_after_its_host_unit_is_one_name(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare unit name followed by a banner's tail: one banner (a past one, or a form the gazetteer lacks)
        ("1947年额尔古纳旗成立，1966年分设左右两旗。", [("额尔古纳旗", "banner")]),
        ("达茂联合旗位于包头北部。", [("达茂联合旗", "banner"), ("包头", None)]),
        ("清代设巴林旗。", [("巴林旗", "banner")]),
        # 旗 starting a longer word is no banner's tail; a name with its class word takes no tail
        ("阿拉善盟旗下企业增多。", [("阿拉善盟", None)]),
    ],
)
def test_a_banner_tail_after_a_bare_unit_name_is_one_banner(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 山地 right after a mountain range: the range's land, one mention with it; a part of the range between
        # them ends the mention (the side of the range, its land a common word after it)
        ("该旗地处大兴安岭山地。", [("大兴安岭山地", "mountain")]),
        ("该旗地处大兴安岭中段西麓山地。", [("大兴安岭中段西麓", "mountain")]),
        # 山地 after a region's name is a region of its own
        ("位于辽西山地北缘。", [("辽西山地", "region")]),
    ],
)
def test_mountain_land_after_a_range_is_the_range(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a facility named after the place it stands at is one name, not the place
        ("扎鲁特换流站年内投运。", [("扎鲁特换流站", "other")]),
        ("车辆驶出赤峰玉龙收费站。", [("赤峰玉龙收费站", "other")]),
        ("察哈尔右翼前旗特大桥顺利合龙。", [("察哈尔右翼前旗特大桥", "other")]),
        # a bridge written with the river's name alone is a bridge over the river: the river is the mention
        ("两条新建黄河大桥通道开工。", [("黄河", None)]),
        # no place before the class word: no facility
        ("加快虚拟电厂建设。", []),
    ],
)
def test_a_facility_named_after_a_place_is_one_name(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a recorded site's name written with the rest of its class word: the name as written
        ("今黑山头古城遗址保存完好。", [("黑山头古城遗址", None)]),
        ("这里发现了陈国公主墓葬。", [("陈国公主墓葬", None)]),
        # the recorded name alone, before a verb
        ("陈国公主墓位于奈曼旗。", [("陈国公主墓", None), ("奈曼旗", None)]),
    ],
)
def test_a_site_name_keeps_the_rest_of_its_class_word(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected
