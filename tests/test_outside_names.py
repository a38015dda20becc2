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


def test_a_short_outside_name_after_a_preposition_of_place_is_taken(gazetteer: Gazetteer) -> None:
    # the object of 从, 距, 经, 往, 到 … standing as a word of its own is a place, though a verb follows it
    assert _surfaces(gazetteer, "他们从北京驾车来到草原。") == ["北京"]
    assert _surfaces(gazetteer, "这里距银川仅百余公里。") == ["银川"]
    assert _surfaces(gazetteer, "游客从西安乘机抵达。") == ["西安"]
    assert _surfaces(gazetteer, "列车经大同开往太原。") == ["大同", "太原"]


def test_a_short_outside_name_inside_a_word_after_a_preposition_is_not_taken(gazetteer: Gazetteer) -> None:
    # '健康平台' holds 康平, '长治久安' holds 长治: no word of their own after the preposition
    assert _surfaces(gazetteer, "从健康平台获取数据。") == []
    assert _surfaces(gazetteer, "离长治久安还有距离。") == []


def test_a_city_stem_that_is_a_word_is_a_place_in_a_list_of_outside_places(gazetteer: Gazetteer) -> None:
    # 合肥 and 芜湖 are matched alone only by their full names (合肥市, 芜湖市); beside 南京 in a 、-list of places
    # outside the region, each bare stem is that city too
    finder = gazetteer.finder
    text = "产品销往合肥、芜湖、南京等地。"
    found = {m.surface: m.place_ids for m in refine(text, finder.find(text), finder)}
    assert found == {"合肥": finder.ids("合肥市"), "芜湖": finder.ids("芜湖市"), "南京": finder.ids("南京")}
    # not beside a place of the region, nor beside common words
    assert _surfaces(gazetteer, "推进包头、合肥两地合作。") == ["包头"]
    assert _surfaces(gazetteer, "经营水果、哈密、西瓜等。") == []
