"""Issue 15, facilities named after a place ('X变电站', 'X牧场', 'X黄河大桥'): one mention of type 'other', located
at the place it is named after (sentences written for these tests, none copied from a plan or a corpus text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import found

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.lexicon import words
from geoplan.geocode.mentions import SUFFIX_TYPES, MentionFinder
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read


def test_the_class_words_are_a_reviewed_list_of_their_own() -> None:
    class_words = words("facility_class_words")
    assert {"变电站", "牧场", "收费站"} <= set(class_words)
    assert all(SUFFIX_TYPES[word] == "other" for word in class_words)
    # the spur-railway facilities and the organisations have their own lists: no word twice
    assert not set(class_words) & set(words("organisation_words"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town's short form, then the class word: the substation is the one mention, the town none of its own
        ("年内投运图克变电站。", [("图克变电站", "other")]),
        # a name run the dictionary lacks before a ranch
        ("东边是查干敖包牧场的草场。", [("查干敖包牧场", "other")]),
        # a banner and a river inside a bridge's name: one bridge
        ("开工建设杭锦旗黄河大桥。", [("杭锦旗黄河大桥", "other")]),
        # a river before a power plant
        ("扩建纳林河热电厂二期。", [("纳林河热电厂", "other")]),
        # a lake's name ends in its class word (淖尔): the plant named after the lake is still one name
        ("哈达图淖尔电厂明年并网。", [("哈达图淖尔电厂", "other")]),
        # a name run before the river a bridge crosses names the bridge, river included
        ("规划中的敖包湾黄河大桥已立项。", [("敖包湾黄河大桥", "other")]),
        # after a route's name an interchange's name starts after the route word (interchanges stay roads)
        ("两路在甲乙一级公路巴拉贡互通立交处相交。", [("巴拉贡互通", "road")]),
        # after a verb the river alone names a bridge over the river: the river is the mention
        ("开工建设黄河大桥。", [("黄河", None)]),
    ],
)
def test_a_facility_named_after_a_place_is_one_mention(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a count before the class word: a kind of facility counted, no name
        "规划建设三大变电站。",
        # one common word says which kind of ranch
        "鼓励发展家庭牧场。",
        # a common word before the toll station
        "拆除主线收费站。",
    ],
)
def test_a_count_or_a_common_word_names_no_facility(finder: MentionFinder, text: str) -> None:
    assert [m for m in found(finder, text) if m[1] == "other"] == []


def test_a_facility_is_located_at_the_town_it_is_named_after(gazetteer: Gazetteer, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("鄂尔多斯市电网规划\n第一章 总则\n年内投运乌审召变电站。\n", encoding="utf-8")
    mentions = {m.surface: m for m in geoparse(read(plan), gazetteer).mentions}
    station = mentions["乌审召变电站"]
    assert station.place is not None and station.place.name == "乌审召镇"
    town = gazetteer.get(station.place.id)  # the town's own location, else its banner's point
    assert station.precision == ("town" if town.precision in ("point", "extent", "town") else town.precision)
    assert "乌审召" in station.reason
    assert gazetteer.get(station.place.banner_id).name == "乌审旗"


def test_a_facility_named_by_an_unknown_name_is_located_in_the_texts_unit(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("鄂尔多斯市农牧业规划\n第一章 总则\n查干敖包牧场扩大了种畜繁育。\n", encoding="utf-8")
    mentions = {m.surface: m for m in geoparse(read(plan), gazetteer).mentions}
    ranch = mentions["查干敖包牧场"]
    assert ranch.type == "other"
    assert ranch.place is not None and ranch.place.name == "鄂尔多斯市" and ranch.precision == "league"
