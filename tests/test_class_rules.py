"""Issue 15, recall by class rules: names the gazetteer lacks, found by their class word and a name test on what
stands before it (sentences written for these tests, none copied from a plan or a corpus text)."""

from __future__ import annotations

import pytest

from geoplan.geocode.context import refine
from geoplan.geocode.mentions import MentionFinder


def _found(finder: MentionFinder, text: str) -> list[tuple[str, str | None]]:
    return [(m.surface, m.type) for m in refine(text, finder.find(text), finder)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a transliterated name jieba does not know, after a common noun and a verb
        ("北面有一条支流叫乌兰图嘎河。", [("乌兰图嘎河", "river")]),
        ("发源于塔木察格布拉格河上游", [("塔木察格布拉格河", "river")]),
        # items of a list, each with its own class word
        ("两岸汇入阿日哈沙特河、巴音查干河", [("阿日哈沙特河", "river"), ("巴音查干河", "river")]),
        # the country written before the name is its address, not part of it
        ("延伸到中国呼吉尔图河附近", [("呼吉尔图河", "river")]),
        # common words before 河 are kinds of river, not names
        ("保护好家乡的母亲河", []),
        ("这里是两国的界河", []),
        ("开凿运河，整治河道", []),
        ("加强河湖长制和大小河流治理", []),
    ],
)
def test_rivers_named_by_a_name_run(
    finder: MentionFinder, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "加快沙日乌苏干渠和巴音图嘎灌区续建配套",
            [("沙日乌苏干渠", "water_project"), ("巴音图嘎灌区", "water_project")],
        ),
        ("建设乌力吉图水利枢纽工程", [("乌力吉图水利枢纽", "dam")]),
        # no name before the class word: a kind of works
        ("整修干渠和支渠，完善大中型灌区配套", []),
        ("推进现代化灌区建设", []),
    ],
)
def test_water_works_named_by_a_name_run(
    finder: MentionFinder, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(finder, text) == expected
