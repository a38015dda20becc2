"""Places written right after a foreign place: the run of name words after the country or province, ended by a
boundary (a mark, a function word, a verb, a line word, a class word of places), never a common noun after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from geoplan.geocode.context import refine
from geoplan.geocode.foreign_after import place_class_word, with_places_after_foreign
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read


def _after(gazetteer: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    finder = gazetteer.finder
    return [
        (m.surface, m.qualifier)
        for m in with_places_after_foreign(text, refine(text, finder.find(text), finder), finder.ids)
        if m.rule == "foreign:after"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a transliterated name after the country, ended by a mark, a conjunction or a verb (names the gazetteer
        # lacks: 达兰扎达嘎德, 后贝加尔斯克 and 乔巴山 are records of foreign_border.csv now)
        ("考察团抵达蒙古国曼达勒戈壁，双方会谈。", [("曼达勒戈壁", "蒙古国")]),
        ("俄罗斯普里阿尔贡斯克与额尔古纳隔河相望。", [("普里阿尔贡斯克", "俄罗斯")]),
        # after a province of the country; the one-character unit word is not part of the name as written here
        ("与蒙古国东戈壁省曼达赫市开展合作。", [("曼达赫", "东戈壁省")]),
        # a line to the place: the place is the run alone
        ("规划建设至蒙古珠恩巴音铁路。", [("珠恩巴音", "蒙古")]),
        # a class word of places joins the name
        ("俄罗斯哈巴罗夫斯克边疆区代表团来访。", [("哈巴罗夫斯克边疆区", "俄罗斯")]),
        # no place: a common noun, a clause of position, a known name, nothing but common words
        ("俄罗斯普京总统访华。", []),
        ("它北接蒙古国南临京津地区。", []),
        ("经蒙古国乌兰巴托至俄罗斯。", []),
        ("引入5家俄罗斯州级旗舰店。", []),
        ("蒙古国留学生来访。", []),
    ],
)
def test_places_after_foreign(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert _after(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the gazetteer lacks written after the country (and its province) is split from them
        ("开发蒙古国那林苏海特煤田。", ["蒙古国", "那林苏海特煤田"]),
        ("连接蒙古国南戈壁省塔本陶勒盖煤矿。", ["蒙古国", "南戈壁省", "塔本陶勒盖煤矿"]),
        # the country's alias that also means Mongolian, a region's name, a common word after it: one name
        ("蒙古王城文旅休闲小镇建成运营。", ["蒙古王城文旅休闲小镇"]),
        ("位于东北亚经济圈腹地。", ["东北亚经济圈"]),
    ],
)
def test_names_split_from_the_foreign_place_before_them(
    gazetteer: Gazetteer, text: str, expected: list[str]
) -> None:
    finder = gazetteer.finder
    mentions = with_places_after_foreign(text, refine(text, finder.find(text), finder), finder.ids)
    assert [m.surface for m in mentions] == expected


def test_class_words() -> None:
    assert place_class_word("煤田") and place_class_word("口岸") and place_class_word("边疆区")
    assert not place_class_word("铁路") and not place_class_word("总统")


def test_located_at_the_foreign_place_before_it(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """Never inside the region: at the country it is written after, at that precision, saying so."""
    plan = tmp_path / "plan.txt"
    plan.write_text("锡林郭勒盟规划\n第一章 总则\n北边是蒙古国曼达勒戈壁，双方开展贸易。\n", encoding="utf-8")
    mention = next(m for m in geoparse(read(plan), gazetteer).mentions if m.surface == "曼达勒戈壁")
    assert mention.type == "foreign"
    assert mention.place is not None and mention.place.id == "foreign:蒙古国"
    assert mention.precision == "country" and "蒙古国" in mention.reason
