"""A bare outside name before a place the segmenter reads as a common noun is still a province."""

from __future__ import annotations

from geoplan.geocode.context import refine
from geoplan.geocode.gazetteer import Gazetteer


def _surfaces(gazetteer: Gazetteer, text: str) -> list[str]:
    finder = gazetteer.finder
    return [m.surface for m in refine(text, finder.find(text), finder)]


def test_a_province_before_its_city_read_as_a_noun_is_taken(gazetteer: Gazetteer) -> None:
    # jieba tags 酒泉 (a city of 甘肃) as a common noun here; it is a gazetteer name
    assert _surfaces(gazetteer, "我旗南靠甘肃酒泉，北连蒙古国。") == ["甘肃", "酒泉", "蒙古国"]


def test_a_province_before_a_noun_that_names_no_place_is_not_taken(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "引种青海云杉。") == []
