"""Issue 15, span boundaries: where a name found by its class word starts when prose is glued before it (sentences
written for these tests, none copied from a plan or a corpus text)."""

from __future__ import annotations

import pytest
from helpers import found

from geoplan.geocode.corridors import find_corridors
from geoplan.geocode.mentions import MentionFinder

_found = found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-character verb after a word of prose: the seat of a government is the town after it
        ("该旗人民政府驻敖包吐鲁镇。", [("敖包吐鲁镇", "town")]),
        # a time word ('今'): the present name of an old seat
        ("清代设治所,治今敖包吐鲁镇。", [("敖包吐鲁镇", "town")]),
        # the time word opening a bracketed present name: the heritage place's name starts after it
        ("旧址设在办事处（今阿贵庙）。", [("阿贵庙", "scenic")]),
        # words that introduce a name ('又称', '原名'), whatever flag the segmenter gives them
        ("山下有一座小庙(又称巴彦宝格德寺)。", [("巴彦宝格德寺", "scenic")]),
        ("湖泊原名呼和乌苏海子。", [("呼和乌苏海子", "lake")]),
        # single-character verbs inside a transliteration the segmenter split are part of the name
        ("学校搬到了达来库布镇。", [("达来库布镇", "town")]),
        # an address from the province down: the province and each unit are mentions, the town its own name
        (
            "项目落在内蒙古兴安盟阿尔山市伊尔施镇。",
            [("内蒙古", None), ("兴安盟", None), ("阿尔山市", None), ("伊尔施镇", "town")],
        ),
        # a verb after prose before a name whose first word is a common one ('白音' of 白音胡硕)
        ("原苏木人民政府驻白音胡硕嘎查。", [("白音胡硕嘎查", "village")]),
        # a side of the unit written before the name, and a seat moved to it
        ("地势西高东低，西北部敖都图苏木境内多山。", [("敖都图苏木", "town")]),
        ("1956年旗府迁治塔布嘎镇。", [("塔布嘎镇", "town")]),
        # a township's former (or present) name: 原 (今) says when, the name follows
        ("该镇由原塔布嘎苏木和原敖都图乡合并而成。", [("塔布嘎苏木", "town"), ("敖都图乡", "town")]),
        ("石林位于阿拉善右旗原塔布嘎苏木境内。", [("阿拉善右旗", None), ("塔布嘎苏木", "town")]),
        # a word that gives another name ('亦称'): the name follows it
        ("该湖称南海，亦称塔布嘎海子。", [("塔布嘎海子", "lake")]),
        # a visit's verb: the place visited follows it
        ("游客参观延寿寺。", [("延寿寺", "scenic")]),
        ("我们驱车前往巴润哈达湖。", [("巴润哈达湖", "lake")]),
        # a side and a boundary verb ('东接', '南邻'), alone or opening the items of a list of townships
        ("该乡东接塔布嘎乡。", [("塔布嘎乡", "town")]),
        (
            "该乡东接塔布嘎乡、南邻敖都图乡，西靠巴润哈达乡。",
            [("塔布嘎乡", "town"), ("敖都图乡", "town"), ("巴润哈达乡", "town")],
        ),
        # a Mongolian first word before a name opening with another ('查干苏木' is a short form of a record)
        ("该嘎查隶属巴音查干苏木。", [("巴音查干苏木", "town")]),
    ],
)
def test_prose_before_a_name_is_no_part_of_it(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def _waypoints(text: str) -> list[list[str]]:
    return [[w.surface for w in c.waypoints] for c in find_corridors(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun, a noun and a preposition before the first end: '该工程由X至Y'
        ("该工程由达拉特旗至东胜区的公路年内开工。", [["达拉特旗", "东胜区"]]),
        # a stretch word ('西段') and a count ('最后一段') before the first end
        ("这条高速西段临河至额济纳段已建成。", [["临河", "额济纳"]]),
        ("这条高速最后一段棋盘井至乌海段通车。", [["棋盘井", "乌海"]]),
        # a verb before the first end, a conjunction after an earlier phrase
        ("计划修通阿尔山至乌兰浩特的铁路。", [["阿尔山", "乌兰浩特"]]),
        ("开行货运班列和赤峰至锦州的铁路运输。", [["赤峰", "锦州"]]),
        # common nouns before a dictionary name; not before a run the dictionary lacks (白音 starts 白音查干)
        ("重点工程项目通辽至鲁北铁路开工。", [["通辽", "鲁北"]]),
        ("G5511白音查干至乌兰浩特高速公路。", [["白音查干", "乌兰浩特"]]),
        # verbs and adverbs after the last end: '最快', '组成'
        ("高铁开通后集宁至大同南站最快40分钟。", [["集宁", "大同南站"]]),
        ("由包头至固阳县组成的一级公路。", [["包头", "固阳县"]]),
        # a count of sections after the last end ('三段'); a transliteration's last character stays (尼尔基)
        ("这条高速由东胜至阿镇、阿镇至锡尼镇两段组成。", [["东胜", "阿镇"], ["阿镇", "锡尼镇"]]),
        ("扎兰屯至尼尔基的铁路。", [["扎兰屯", "尼尔基"]]),
    ],
)
def test_corridor_ends_start_and_end_at_names(text: str, expected: list[list[str]]) -> None:
    assert _waypoints(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two towns written one after the other, no separator: each is a name of its own
        ("辖区内有巨日合镇巴雅尔吐胡硕镇等乡镇。", ["巨日合镇", "巴雅尔吐胡硕镇"]),
        # a village after its town's full name: the town and the village
        ("项目在代钦塔拉苏木布日很忙哈嘎查实施。", ["代钦塔拉苏木", "布日很忙哈嘎查"]),
    ],
)
def test_units_written_together_are_two_names(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert [surface for surface, _ in _found(finder, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the whole town ('全镇'), roads to the units ('旗通苏木镇'): no town is named after the known name
        ("包兰铁路横穿全镇。", [("包兰铁路", None)]),
        ("今年乌拉特中旗通苏木镇公路全部硬化。", [("乌拉特中旗", None)]),
        # a street after its town's full name: the town, then the street's own name
        ("公司位于萨拉齐镇敕勒川大街8号。", [("萨拉齐镇", None), ("敕勒川大街", "street")]),
    ],
)
def test_words_after_a_known_name_before_a_unit_word(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_two_names_joined_inside_a_list_item(finder: MentionFinder) -> None:
    """'A、B及C、D等景点': 及 joins two names inside an item that is not the last one; each is a name."""
    found = [surface for surface, _ in _found(finder, "景区内有仙人洞、卧龙石及青石沟、拉僧庙遗址等景点。")]
    assert found == ["仙人洞", "卧龙石", "青石沟", "拉僧庙遗址"]


def test_a_spur_line_ends_after_its_line_words(finder: MentionFinder) -> None:
    """'X铁路专用线': a railway spur is named with both line words, not cut after 铁路."""
    found = _found(finder, "园区建成巴音敖包铁路专用线。")
    assert found == [("巴音敖包铁路专用线", "railway")]


def test_a_dictionary_place_after_a_known_one_is_a_second_name(finder: MentionFinder) -> None:
    """'大兴安岭松嫩平原': two places written together; 松嫩平原 is a name of its own, not one 大兴安岭 qualifies."""
    found = [surface for surface, _ in _found(finder, "该市位于大兴安岭松嫩平原之间。")]
    assert found == ["大兴安岭", "松嫩平原"]


def test_a_country_before_a_corridor_end_is_a_mention_of_its_own(finder: MentionFinder) -> None:
    """'A至蒙古国B的铁路': the country says where the far end lies; the end is B, the country a mention too."""
    from geoplan.geocode.places import _split_waypoints

    (corridor,) = find_corridors("规划修建二连浩特至蒙古国乔巴山的铁路。")
    split, heads = _split_waypoints(corridor, finder)
    assert [w.surface for w in split.waypoints] == ["二连浩特", "乔巴山"]
    assert [h.surface for h in heads] == ["蒙古国"]


def test_a_corridor_end_named_by_a_place_and_a_class_word_is_one_end(finder: MentionFinder) -> None:
    """'X国际陆港至Y港': the inland port is named by its city and a class word, one end (not the city and a bare
    '国际陆港'); a province before an end's own name still qualifies it."""
    from geoplan.geocode.places import _split_waypoints

    (corridor,) = find_corridors("建设通辽国际陆港至锦州港铁路。")
    split, heads = _split_waypoints(corridor, finder)
    assert [w.surface for w in split.waypoints] == ["通辽国际陆港", "锦州港"] and heads == []
    (corridor,) = find_corridors("修建二连浩特至蒙古国乔巴山的铁路。")
    assert [h.surface for h in _split_waypoints(corridor, finder)[1]] == ["蒙古国"]


def test_an_inland_port_is_a_park_named_after_its_place(finder: MentionFinder) -> None:
    """'X国际陆港', 'X内陆港': a logistics hub named after its city or banner, one park mention."""
    found = _found(finder, "支持多伦内陆港建设，打造包头国际陆港。")
    assert found == [("多伦内陆港", "park"), ("包头国际陆港", "park")]


def test_a_province_before_a_qualified_airport_is_its_address(finder: MentionFinder) -> None:
    """'内蒙古呼和浩特X机场': the province is the address, the airport's name starts with its city."""
    found = _found(finder, "内蒙古乌兰察布集宁新机场航班增加。")
    assert found == [("内蒙古", None), ("乌兰察布集宁新机场", "airport")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a region, its host unit in brackets, then common words and the class word: one park as written
        ("推进蒙东（通辽）新能源装备产业基地建设。", [("蒙东（通辽）新能源装备产业基地", "park")]),
        ("蒙西(鄂尔多斯)现代煤化工产业园开工。", [("蒙西(鄂尔多斯)现代煤化工产业园", "park")]),
        # a verb inside the name used as a noun ('制造') does not end it
        ("建设蒙西（乌海）精细化工制造产业园。", [("蒙西（乌海）精细化工制造产业园", "park")]),
        # a county-level unit written before it stays its address, a mention of its own
        (
            "项目位于赤峰市松山区蒙东（赤峰）绿色食品产业基地内。",
            [("赤峰市", None), ("松山区", None), ("蒙东（赤峰）绿色食品产业基地", "park")],
        ),
    ],
)
def test_a_park_with_its_host_in_brackets_is_one_name(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    """'X（Y）Z产业基地': the bracketed unit hosts the park; the name is written across the brackets."""
    assert _found(finder, text) == expected


def test_a_park_with_its_host_in_brackets_is_located_by_it(finder: MentionFinder) -> None:
    """The bracketed unit locates the park (its qualifier), not the region before it."""
    text = "推进蒙东（通辽）新能源装备产业基地建设。"
    (park,) = [m for m in finder.find(text) if m.type == "park"]
    assert (park.qualifier, park.qualifier_ids) == ("通辽", ("league:150500",))


def test_brackets_after_a_place_before_a_clause_make_no_park(finder: MentionFinder) -> None:
    """A verb between the brackets and the class word ends the name: the places stand alone."""
    found = _found(finder, "通辽（科尔沁区）召开会议部署产业园建设。")
    assert ("通辽（科尔沁区）召开会议部署产业园", "park") not in found
    assert ("通辽", None) in found


@pytest.mark.parametrize(
    "text",
    [
        # a variant of a town's whole name (白音胡硕镇, a record's alias of 巴彦呼舒镇) after prose the segmenter does
        # not know ('迁治', '迁驻') or a noun of place ('驻地'): the prose is no head of a longer name
        "1965年旗政府迁治白音胡硕镇。",
        "旗人民政府迁驻白音胡硕镇。",
        "科尔沁右翼中旗驻地白音胡硕镇。",
    ],
)
def test_prose_before_a_towns_variant_name_is_no_part_of_it(finder: MentionFinder, text: str) -> None:
    assert ("白音胡硕镇", None) in _found(finder, text)
    assert not any(
        surface.endswith("白音胡硕镇") and surface != "白音胡硕镇" for surface, _ in _found(finder, text)
    )


def test_a_chains_first_end_written_after_its_league_and_banner(finder: MentionFinder) -> None:
    """'在X盟Y旗A至B农村公路': the league and banner in full before the first end are its address; the chain runs
    from A (thirteen characters back from 至 were cut mid-name before)."""
    text = "在阿拉善盟阿拉善左旗锡林高勒至通古淖尔农村公路建设现场"
    (corridor,) = find_corridors(text)
    assert corridor.name.startswith("阿拉善盟")
    assert corridor.waypoints[0].surface.endswith("锡林高勒")
