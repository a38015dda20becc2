"""The mention finder: suffix rules, trimming, enumerations, generic words (pure string work)."""

from __future__ import annotations

import re

import pytest

from geoplan.errors import GeoplanError
from geoplan.geocode.features import FEATURE_WORDS
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import Alphabet, MentionFinder
from geoplan.geocode.stems import (
    ANCHORED_MIN_TEXT,
    core_of,
    finditer_anchored,
    is_generic,
    leading_trim,
    word_alternation,
)

NAMES = [
    ("鄂尔多斯", "league:150600"),
    ("乌拉特后旗", "banner:150825"),
    ("二连浩特", "banner:152501"),
    ("乌兰布和沙漠", "desert:ulanbuh"),
    ("合作", "neighbour:623001"),
    ("安宁", "neighbour:530181"),
    ("城区", "neighbour:440000"),
    ("自治区", "province:150000"),
    ("棋盘井镇", "town:150624:qipanjing"),
    ("集宁区", "banner:150902"),  # 集二铁路 abbreviates its ends: 集宁, 二连浩特
]


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return MentionFinder(NAMES)


def surfaces(finder: MentionFinder, text: str) -> list[tuple[str, str | None]]:
    return [(m.surface, m.type) for m in finder.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("，加快推进珠恩嘎达布其口岸建设。", [("珠恩嘎达布其口岸", "port")]),
        ("，依托锡林浩特机场，", [("锡林浩特机场", "airport")]),
        ("。以潮格温都尔镇为重点", [("潮格温都尔镇", "town")]),
        ("，支持乌盖苏木发展，", [("乌盖苏木", "town")]),
        ("，治理库布其沙漠，", [("库布其沙漠", "desert")]),
        ("，保护毛乌素沙地，", [("毛乌素沙地", "sandy_land")]),
        ("，实施西山湾水库工程", [("西山湾水库", "reservoir")]),
        ("，创建多伦湖旅游度假区", [("多伦湖旅游度假区", "scenic")]),  # the outermost name (GUIDE.md)
        ("，推进集二铁路复线建设", [("集二铁路", "railway")]),
    ],
)
def test_suffix_names_lose_leading_verbs(finder, text, expected):
    assert surfaces(finder, text) == expected


def test_enumeration_splits_into_each_town(finder):
    assert surfaces(finder, "，将巴音镇、呼和镇、乌盖苏木打造成") == [
        ("巴音镇", "town"),
        ("呼和镇", "town"),
        ("乌盖苏木", "town"),
    ]


def test_shared_suffix_enumeration_uses_the_gazetteer(finder):
    found = surfaces(finder, "，以乌兰布和、巴音温都尔沙漠边缘为重点")
    assert ("乌兰布和", "desert") in found
    assert ("巴音温都尔沙漠", "desert") in found


def test_name_starts_at_the_place_named_inside(finder):
    (mention,) = finder.find("，依托鄂尔多斯综合保税区，")
    assert (mention.surface, mention.type, mention.qualifier) == ("鄂尔多斯综合保税区", "park", "鄂尔多斯")
    assert mention.qualifier_ids == ("league:150600",)


def test_short_form_of_a_town_anchors_a_park(finder):
    (mention,) = finder.find("；打造棋盘井产业园，")
    assert (mention.surface, mention.qualifier, mention.qualifier_ids) == (
        "棋盘井产业园",
        "棋盘井",
        ("town:150624:qipanjing",),
    )


@pytest.mark.parametrize(
    "text",
    [
        "，强化工业园区建设，",
        "，实现旗、苏木镇、嘎查三级联动",
        "，推动城乡融合，",
        "，中心城区提质，",
        "，深化区域合作，",
        "，确保社会安宁，",
        "，人为核心的新型城镇化",
        "，推进城镇建设，健全苏木乡镇服务",
        "，创建自治区级高水平工业园区，",
        "，打造高新技术产业园，打造装备制造产业园",
        "，重点实施各类园区、开发区建设，",
        "，推进山水林田湖草沙一体化保护",
        "，新建高速公路，推进农村公路",
    ],
)
def test_generic_words_are_never_places(finder, text):
    assert surfaces(finder, text) == []


def test_road_after_a_connector_is_left_to_the_corridor_grammar(finder):
    assert surfaces(finder, "，加快推进S215锡尼镇至乌审召段二级公路项目") == [
        ("S215", "road"),
        ("锡尼镇", "town"),
    ]


def test_line_of_a_named_place_is_not_a_named_line(finder):
    found = surfaces(finder, "，加快实施二连浩特经济合作区跨境铁路专用线")
    assert found == [("二连浩特经济合作区", "park")]


def test_offsets_index_the_text(finder):
    text = "，依托鄂尔多斯综合保税区和乌拉特后旗工业园区，推进珠恩嘎达布其口岸建设"
    for mention in finder.find(text):
        assert text[mention.start : mention.end] == mention.surface


@pytest.mark.parametrize(
    ("stem", "trim"),
    [("加快推进珠恩嘎达布其", 4), ("依托鄂尔多斯", 2), ("潮格温都尔", 0), ("重点建设锡尼", 4)],
)
def test_leading_trim(stem, trim):
    assert leading_trim(stem) == trim


@pytest.mark.parametrize(
    ("stem", "generic"), [("工业", True), ("新型城", True), ("东胜", False), ("鄂尔多斯空港物流", False)]
)
def test_is_generic(stem, generic):
    assert is_generic(stem) is generic


def test_core_keeps_two_character_names():
    assert core_of("新街") == "新街"
    assert core_of("专业铁路物流") == ""


def test_anchored_matches_are_the_leftmost_non_overlapping_ones():
    closer = re.compile("[二三四]{1,2}个?省区?")
    text = "蒙冀辽三省区交汇，陕甘宁青四个省区，二三四省和本省"
    found = [m.group() for m in finditer_anchored(closer, text, "省", range(1, 4))]
    # in '二三四省' the first match starts at 三 (二三 is not followed by 省); '本省' has no numeral before 省
    assert found == ["三省区", "四个省区", "三四省"]
    assert found == [m.group() for m in closer.finditer(text)]
    long_text = text * (ANCHORED_MIN_TEXT // len(text) + 1)  # long enough to be read from its anchors
    anchored = finditer_anchored(closer, long_text, "省", range(1, 4))
    assert [m.span() for m in anchored] == [m.span() for m in closer.finditer(long_text)]


def test_anchored_matches_equal_a_full_scan_on_the_plans(plan_files):
    bracketed = re.compile(r"[\u4e00-\u9fff][（(][\u4e00-\u9fff]{1,6}[）)]")
    for path in plan_files:
        text = path.read_text(encoding="utf-8")
        expected = [m.span() for m in bracketed.finditer(text)]
        assert expected  # the plans write aliases in brackets
        assert [m.span() for m in finditer_anchored(bracketed, text, "（(", (1,))] == expected


def test_occurrences_are_character_offsets_of_every_word(finder):
    # characters outside the names (𠀀 is beyond the basic plane, 'G6' is ASCII) keep every offset in place
    text = "𠀀G6，鄂尔多斯综合保税区和集宁区"
    found = finder.occurrences(text)
    assert all(text[end - len(word) : end] == word for end, word in found)
    assert (8, "鄂尔多斯") in found and (17, "集宁区") in found
    assert [end for end, _ in found] == sorted(end for end, _ in found)


@pytest.mark.parametrize(
    "words",
    [
        ("经济区", "区块"),  # overlapping in '经济区块': the leftmost wins
        ("区块", "经济区"),
        ("合作区", "贸易区"),
        ("千伏", "kV", "KV"),
        ("号旅游公路", "号公路"),
        ("金长城", "明长城", "金界壕"),
    ],
)
def test_word_hits_are_what_a_regex_of_the_words_finds(finder, words):
    text = "呼包鄂榆经济区块、经济区，二连浩特—扎门乌德经济合作区贸易区；500千伏、220kV。1号公路、2号旅游公路，金长城金界壕"
    assert all(word in FEATURE_WORDS for word in words)
    spans = finder.word_hits(text).spans(words)
    assert spans == [m.span() for m in re.finditer("|".join(words), text)]
    assert spans  # every case finds something


def test_route_numbers_by_letter_network_word_and_list(finder):
    text = "沿G6、S215和国道 207 线，110、208国道及县道 718"
    found = [(m.surface, m.start, m.rule) for m in finder.find(text) if m.type == "road"]
    assert found == [
        ("G6", 1, "route"),
        ("S215", 4, "route"),
        ("国道 207 线", 9, "route"),
        ("110", 18, "route:list"),
        ("208国道", 22, "route"),
        ("县道 718", 28, "route"),
    ]
    assert [m.surface for m in finder.find("5G基站，G3.5")] == []  # parts of longer codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the 线 after a network word and its number is part of the name, as written
        ("向东接国道303线后北上", ("国道303线", 3, "road:G303")),
        # a number in quotes between the network word and 线 is one name
        ("国道“304”线横贯南北", ("国道“304”线", 0, "road:G304")),
        # a quoted number before the network word: the quotes mark the number as the name
        ("全旗有“302”国道经过", ("302", 4, "road:G302")),
        # a national road's number with 国 alone (its 道 dropped) before a conjunction
        ("沿111国和省道北行", ("111国", 1, "road:G111")),
    ],
)
def test_route_numbers_as_written(gazetteer, text, expected):
    found = [(m.surface, m.start, m.place_ids) for m in gazetteer.finder.find(text) if m.type == "road"]
    surface, start, place = expected
    assert [(s, b) for s, b, _ in found] == [(surface, start)]
    assert found[0][2] == (place,)


def test_a_number_and_guo_is_no_road_inside_a_word(gazetteer):
    """'国' after a number starts a word of its own ('国家', '国际'): no road."""
    text = "建成111国家级示范点和208国际班列"
    assert [m.surface for m in gazetteer.finder.find(text) if m.type == "road"] == []


def test_word_hits_refuse_a_word_the_automaton_does_not_look_for(finder):
    with pytest.raises(GeoplanError, match="not among the words looked for: 湖"):
        finder.word_hits("乌梁素海湖").spans(("湖",))


def test_word_alternation_prefers_the_longest_word_like_a_sorted_alternation():
    words = ["加快", "加快推进", "推进", "加强", "加"]
    trie = re.compile(word_alternation(words))
    flat = re.compile("|".join(sorted(words, key=len, reverse=True)))
    text = "加快推进建设，加强保护，加大投入，推进"
    assert [m.group() for m in trie.finditer(text)] == ["加快推进", "加强", "加", "推进"]
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
    # on backtracking the shorter words are tried in turn: '加快' then ends the text
    tail = re.compile(word_alternation(words) + "$")
    assert tail.search("要加快").group() == "加快"
    assert re.compile(word_alternation(words) + "*").match("加快推进加强推进工作").end() == 8


def test_a_lone_surrogate_in_a_long_text_is_one_character(gazetteer):
    """A broken character (a lone surrogate from a bad decode) neither stops nor shifts the scan."""
    text = "赤峰市\ud800" + "包头市" * 30
    found = [(m.surface, m.start) for m in gazetteer.finder.find(text)]
    assert found[:2] == [("赤峰市", 0), ("包头市", 4)] and len(found) == 31


def test_short_prefix_is_the_longest_short_form_starting_the_stem():
    # short forms of two lengths share their first two characters ('棋盘' of 棋盘镇, '棋盘井' of 棋盘井镇)
    finder = MentionFinder([("棋盘井镇", "town:a"), ("棋盘镇", "town:b"), ("树林召镇", "town:c")])
    assert finder._short_prefix("棋盘井东") == "棋盘井"
    assert finder._short_prefix("棋盘山") == "棋盘"
    assert finder._short_prefix("棋盘") == "棋盘"
    assert finder._short_prefix("树林") is None  # shorter than the only short form starting with these two
    assert finder._short_prefix("棋") is None
    assert finder._short_prefix("") is None
    # the same answer as trying every prefix, longest first
    for stem in ("棋盘井东", "棋盘山", "树林召东", "树林召", "乌兰", "棋盘井"):
        every = next((stem[:n] for n in range(len(stem), 1, -1) if stem[:n] in finder._short), None)
        assert finder._short_prefix(stem) == every


def test_names_in_remembers_what_find_reads_in_a_short_text(monkeypatch):
    import geoplan.geocode.mentions as mentions

    finder = MentionFinder(NAMES)
    found = finder.names_in("鄂尔多斯综合保税区")
    assert list(found) == finder.find("鄂尔多斯综合保税区")
    assert finder.names_in("鄂尔多斯综合保税区") is found  # read once
    # at most NAMES_IN_MEMO texts are kept: the oldest goes first
    monkeypatch.setattr(mentions, "NAMES_IN_MEMO", 2)
    finder.names_in("集宁区")
    finder.names_in("二连浩特")
    assert list(finder._names_in) == ["集宁区", "二连浩特"]
    assert finder.names_in("集宁区") == tuple(finder.find("集宁区"))


@pytest.mark.parametrize("repeats", [1, 3])  # shorter and longer than Alphabet.SHORT: both readings
def test_occurrences_are_every_word_looked_for_at_every_place_it_ends(finder, repeats):
    text = "𠀀 G6 2021—2025年，鄂尔多斯综合保税区和\ud800集宁区。乌梁素海湖" * repeats
    assert (len(text) < Alphabet.SHORT) == (repeats == 1)
    found = finder.occurrences(text)
    every = [
        (end, word)
        for word in finder._words
        for end in range(len(word), len(text) + 1)
        if text.startswith(word, end - len(word))
    ]
    assert sorted(found) == sorted(every)
    assert [end for end, _ in found] == sorted(end for end, _ in found)  # in order of end
    assert (25, "综合保税区") in found and (25, "保税区") in found  # overlapping words too
    assert (30, "集宁区") in found  # a lone surrogate before it is one character
    assert finder.occurrences("") == []


def test_alphabet_widths():
    assert Alphabet(["ab"]).width == 1
    many = "".join(chr(0x4E00 + i) for i in range(200))  # more characters than one byte can tell apart
    alphabet = Alphabet([many])
    assert alphabet.width == 2
    text = "x" + many[:3] + "𠀀"
    encoded = alphabet.encode(text)
    assert len(encoded) == 2 * len(text)
    assert encoded[2:8] == alphabet.word(many[:3])
    assert encoded[:2] == encoded[-2:] == b"\x00\x00"  # characters of no word
    long_text = text * Alphabet.SHORT  # mapped by numpy, not character by character: the same reading
    assert alphabet.encode(long_text) == encoded * Alphabet.SHORT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("。棋盘井位于西部。", [("棋盘井", None)]),  # the clause's subject (a short form: typed on resolving)
        ("\n棋盘井是一座工业重镇。", [("棋盘井", None)]),
        ("，棋盘井同时获得新生。", [("棋盘井", None)]),  # a conjunction may stand before the verb
        ("。棋盘井工业发展很快。", []),  # no verb follows: a short form needs a name's end
        ("，推动棋盘井发展。", []),  # not a clause's subject: the verb belongs to another clause
    ],
)
def test_short_form_of_a_town_as_the_subject_of_a_verb(finder, text, expected):
    assert surfaces(finder, text) == expected


def test_bare_stem_of_a_banner_as_the_subject_of_a_verb():
    finder = MentionFinder([("五原县", "banner:150821"), ("磴口县", "banner:150822")])
    found = [(m.surface, m.place_ids) for m in finder.find("。五原位于河套平原腹地。")]
    assert found == [("五原", ("banner:150821",))]
    assert finder.find("，五原发展很快。") == []  # '发展' is no verb of a clause '五原' opens (a noun here)
    assert finder.find("，推动五原发展。") == []  # mid-clause: a stem alone is a name only in a list


def test_short_item_of_a_list_next_to_a_found_place():
    finder = MentionFinder([("罕山镇", "town:150526:罕山镇"), ("阿其玛山", "mountain:阿其玛山")])

    def found(text: str) -> list[str]:
        return [m.surface for m in finder.find(text)]

    assert found("，境内名山有罕山、阿其玛山。") == ["罕山", "阿其玛山"]  # the first item, at a word's start
    assert found("，北与阿其玛山、罕山等地相邻。") == ["阿其玛山", "罕山"]  # the last item, before 等
    assert found("，境内有罕山林场。") == []  # alone, a two-character short form needs a name's end
    assert found("，阿其玛山、罕山坡等。") == [
        "阿其玛山"
    ]  # "罕山坡" runs on: no whole item of two characters


def test_short_form_filling_the_brackets_after_a_known_place():
    """'克什克腾(经棚)': the seat's short form in brackets after its banner is a mention; alone, or with more than a
    short form in the brackets, it is not."""
    finder = MentionFinder([("克什克腾旗", "banner:150425"), ("经棚镇", "town:150425:经棚镇")])

    def found(text: str) -> list[str]:
        return [m.surface for m in finder.find(text)]

    assert found("，新建克什克腾(经棚)至乌兰布统段。") == ["克什克腾", "经棚"]
    assert found("，新建克什克腾（经棚）至乌兰布统段。") == ["克什克腾", "经棚"]
    assert found("，经棚发展很快。") == []
    assert found("，新建克什克腾(经棚等地)至乌兰布统段。") == ["克什克腾"]


def test_a_transliterated_name_keeps_a_syllable_read_as_a_verb(gazetteer: Gazetteer) -> None:
    """'辉腾席勒草原': jieba reads 辉/腾/席勒, 腾 a verb; between two syllables read as names it is a syllable of
    the name, which starts at 辉 (not '席勒草原')."""
    assert [m.surface for m in gazetteer.finder.find("阴山支脉的辉腾席勒草原上。")][-1] == "辉腾席勒草原"
    assert [m.surface for m in gazetteer.finder.find("位于辉腾席勒草原。")] == ["辉腾席勒草原"]
