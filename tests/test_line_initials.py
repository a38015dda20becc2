"""Lines named by their ends' initials and a line word, never a common word ending in 线."""

from __future__ import annotations

import pytest

from geoplan.geocode.context import refine
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.line_initials import lines_of_initials


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("项目是国家高速公路网大广线的重要路段。", [("大广线", "road")]),
        ("新线在齐齐哈尔与哈齐客专接轨。", [("哈齐客专", "railway")]),
        ("改变铁路通道（兰新线）一线牵的格局。", [("兰新线", "railway")]),
        # common words ending in 线, a line to a town written in full, a verb jieba tags as a place
        ("提升草原大环线，推动盟内干线公路提质，加强无线电频率协调。", []),
        ("推进漠河—满归铁路建设，按照新建铁路和既有线改造。", []),
    ],
)
def test_lines_of_initials(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    finder = gazetteer.finder
    found = lines_of_initials(text, refine(text, finder.find(text), finder), finder)
    assert [(m.surface, m.type) for m in found] == expected
