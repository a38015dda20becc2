"""Issue 15: scenic places named by a proper stem, words describing them and a scenic class word."""

from __future__ import annotations

import pytest

from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import PlanPlaces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("城区建成了南山生态公园，供市民休憩", [("南山生态公园", "scenic", "scenic-described:公园")]),
        ("北山生态公园年内对外开放", [("北山生态公园", "scenic", "scenic-described:公园")]),
    ],
)
def test_a_stem_then_descriptive_words_then_a_scenic_class_word(
    finder: MentionFinder, text: str, expected: list[tuple[str, str, str]]
) -> None:
    """A name run (南山) with common words of its kind (生态) before a scenic class word is one scenic place."""
    assert [(m.surface, m.type, m.rule) for m in finder.find(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "大力发展生态旅游景区",  # descriptive words only: a kind of place
        "乌审旗生态旅游景区接待游客",  # a banner's scenic places of a kind, no name
    ],
)
def test_descriptive_words_without_a_proper_stem_name_no_scenic_place(
    finder: MentionFinder, text: str
) -> None:
    assert not any(m.rule.startswith("scenic-described") for m in finder.find(text))


def test_a_described_scenic_place_in_plan_002_is_placed_in_its_banner(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 002 (乌拉特后旗) names a museum of its banner's folk culture: one scenic mention the gazetteer lacks,
    placed at the issuing banner with the reason said."""
    mention = next(m for m in parsed["002"].mentions if m.surface == "乌拉特民俗文化博物馆")
    assert mention.type == "scenic" and mention.place is not None
    assert mention.place.id == "banner:150825"
    assert "not in the gazetteer" in mention.reason


def test_a_scenic_class_word_running_into_a_longer_word_names_nothing(finder: MentionFinder) -> None:
    """'…旅游区域品牌' : 旅游区 runs into 区域; the described rule takes no place there (the region stands)."""
    found = finder.find("推进呼包鄂乌旅游区域品牌共建")
    assert [m.surface for m in found] == ["呼包鄂乌"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开工建设黑石岭历史文化园", ["黑石岭历史文化园"]),
        ("建设草原文化园", []),
    ],
)
def test_a_culture_park_is_a_scenic_class_word(finder: MentionFinder, text: str, expected: list[str]) -> None:
    """文化园 ends a scenic place's name after a proper stem; after common words only it is a kind of park."""
    assert [m.surface for m in finder.find(text) if m.type == "scenic"] == expected
