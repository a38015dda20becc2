"""Issue 15, parks on text never seen: a park named by a proper stem, words of its industry and a class word; a
street, a league and a locative clause around a park (sentences written for these tests, none copied from a plan or
a corpus text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import found

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a river's name, then nouns of the park's industry, then the class word: one park
        ("当年成立霍林河清洁能源循环经济工业园区。", [("霍林河清洁能源循环经济工业园区", "park")]),
        # a transliterated stem the gazetteer lacks, nouns and a verb inside the description ('装备制造')
        ("会上决定建设阿奇新能源装备制造产业园。", [("阿奇新能源装备制造产业园", "park")]),
        # a town's short form after its banner names a base of an industry: banner, town and base are one park
        ("项目落在准格尔旗大路煤制油基地。", [("准格尔旗大路煤制油基地", "park")]),
        # a town's short form the segmenter splits, then an industry word
        ("北侧紧邻哈日诺尔精细化工园区。", [("哈日诺尔精细化工园区", "park")]),
        # a league in full names its development zone with the zone's industry
        ("兴安盟农畜产品开发区今年扩区。", [("兴安盟农畜产品开发区", "park")]),
    ],
)
def test_a_park_named_by_its_stem_and_industry(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # words of an industry with no proper name before them name a kind of park
        "今年要建设绿色农畜产品精深加工产业园。",
        # prose ('大力发展') before the class word is no name
        "各旗县要大力发展园区经济。",
        # a company's park is named after the company (the guide skips companies)
        "签约项目有华泰能源有限公司工业园区热电项目。",
        # a dictionary word the segmenter tags as a name is no park's stem ('无人驾驶')
        "推动无人驾驶航空试验区建设。",
        # a base after a name the gazetteer lacks is a kind of base
        "新建青少年军事训练基地一处。",
        # units of each kind before a class word
        "推进各旗县区工业园提档升级。",
    ],
)
def test_descriptions_without_a_proper_name_are_no_park(finder: MentionFinder, text: str) -> None:
    assert [m for m in found(finder, text) if m[1] == "park"] == []


def test_a_base_after_a_towns_full_name_leaves_the_town(finder: MentionFinder) -> None:
    # the town's full name before a base says where the base is: the town is the mention, no base is named
    assert found(finder, "潮格温都尔镇多功能训练基地已投用。") == [("潮格温都尔镇", None)]


def test_a_street_after_a_park_is_the_parks_street(finder: MentionFinder) -> None:
    assert found(finder, "企业搬到巴音敖包工业园区迎宾路北侧。") == [
        ("巴音敖包工业园区", "park"),
        ("迎宾路", "street"),
    ]


def test_a_league_before_a_park(finder: MentionFinder) -> None:
    # the league's short name is the park's first word; in full before a town it is the address
    assert found(finder, "赤峰松山物流园区完成扩建。") == [("赤峰松山物流园区", None)]
    assert found(finder, "企业位于通辽市木里图镇工业园区。") == [
        ("通辽市", None),
        ("木里图镇工业园区", "park"),
    ]


def test_the_park_after_another_parks_class_word(finder: MentionFinder) -> None:
    # 园区 right after a park's class word is the park as a common noun: the name ends with the first class word
    assert found(finder, "服务鄂西物流园园区内企业。") == [("鄂西物流园", "park")]


@pytest.mark.parametrize("verb", ["位于", "落户于"])
def test_a_park_the_text_says_lies_in_a_town(gazetteer: Gazetteer, tmp_path: Path, verb: str) -> None:
    # a park the gazetteer lacks, then '位于' (or '落户于': 于 belongs to the verb) and the units it lies in: located
    # at the finest of them, with the reason
    plan = tmp_path / "plan.txt"
    plan.write_text(
        f"园区简介\n第一章 总则\n蒙通跨境保税物流园{verb}通辽市木里图镇,占地三百亩。\n", encoding="utf-8"
    )
    mentions = {m.surface: m for m in geoparse(read(plan), gazetteer).mentions}
    park = mentions["蒙通跨境保税物流园"]
    assert park.place is not None and park.place.name == "木里图镇"
    # the town has no point of its own (it stands at its banner's): the park is no finer than that, as any place
    # located by a parent is
    assert park.rule == "parent:said-to-lie" and park.precision == park.place.precision == "banner"
    assert verb in park.reason
    assert gazetteer.get(park.place.banner_id).name == "科尔沁区"


def test_the_zarud_parks_stand_at_their_banner(gazetteer: Gazetteer) -> None:
    for name in ("扎哈淖尔工业园区", "鲁北工业园区"):
        (record,) = gazetteer.finder.ids(name)
        place = gazetteer.get(record)
        assert place.type == "park" and place.precision == "banner"
        assert gazetteer.get(place.banner_id).name == "扎鲁特旗"
        assert "zxyzs.com" in place.note


@pytest.mark.parametrize(
    ("sentence", "name", "unit"),
    [
        # a sight or a natural place the gazetteer lacks, said to lie in a banner: located there
        ("塔布嘎沟景区位于察哈尔右翼中旗，是避暑胜地。", "塔布嘎沟景区", "察哈尔右翼中旗"),
        ("巴润哈达湖坐落在察哈尔右翼后旗境内。", "巴润哈达湖", "察哈尔右翼后旗"),
    ],
)
def test_a_sight_the_text_says_lies_in_a_banner(
    gazetteer: Gazetteer, tmp_path: Path, sentence: str, name: str, unit: str
) -> None:
    mentions = _guide_mentions(gazetteer, tmp_path, sentence)
    assert mentions[name].place is not None and mentions[name].place.name == unit
    assert mentions[name].rule == "parent:said-to-lie"


def test_a_sight_said_to_lie_in_a_league_only_is_no_finer(gazetteer: Gazetteer, tmp_path: Path) -> None:
    mentions = _guide_mentions(gazetteer, tmp_path, "塔布嘎沟景区位于乌兰察布市，是避暑胜地。")
    assert mentions["塔布嘎沟景区"].rule != "parent:said-to-lie"


def _guide_mentions(gazetteer: Gazetteer, folder: Path, sentence: str) -> dict[str, Any]:
    """Surface -> resolved mention of a travel guide of 乌兰察布市 whose one chapter holds ``sentence``."""
    plan = folder / "plan.txt"
    plan.write_text(f"乌兰察布市旅游指南\n第一章 总则\n{sentence}\n", encoding="utf-8")
    return {m.surface: m for m in geoparse(read(plan), gazetteer).mentions}
