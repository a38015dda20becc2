"""Railway stations read from how their names are built: a list of stations closed by its count, a transliterated
name the segmenter glues to the station word, a station of a kind of traffic (货运站), never a common word."""

from __future__ import annotations

import pytest
from helpers import found

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.station_names import common_short_form, kind_of_station


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a counted list of stations: each item is a station (the count matches the items)
        (
            "全线设集宁南、察右后旗东、商都北3个车站。",
            [("集宁南", "station"), ("察右后旗东", "station"), ("商都北", "station")],
        ),
        (
            "新线设白音塔拉、哈达图、巴彦花三个火车站。",
            [("白音塔拉", "station"), ("哈达图", "station"), ("巴彦花", "station")],
        ),
        # the count does not match the items: no list of stations
        ("全线设集宁南、商都北3个车站。", []),
    ],
)
def test_counted_lists_of_stations(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s, k) for s, k in found(gazetteer, text) if k == "station"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the segmenter glues the station word to the last characters of a name it lacks (哈达/图站)
        ("新建铁路在哈达图站与既有线接轨。", ["哈达图站"]),
        # a station of a kind of traffic after a name
        ("铁路专用线在巴彦花货运站接轨。", ["巴彦花货运站"]),
        # a common word before the kind of station is no place, even when a unit's short form (铁路街道)
        ("推进铁路货运站建设。", []),
        ("铁路客运站和汽车客运站同步建设。", []),
        # common words ending in 站 are no stations; nor single describing characters before a station word
        ("实施老旧火车站和老旧厂区改造，保障列车运行。", []),
        ("铁路沿线设置加油站和服务站。", []),
    ],
)
def test_station_names_built_from_words(gazetteer: Gazetteer, text: str, expected: list[str]) -> None:
    assert [s for s, k in found(gazetteer, text) if k == "station"] == expected


def test_common_short_form(gazetteer: Gazetteer) -> None:
    finder = gazetteer.finder
    assert common_short_form("铁路", finder)  # a noun, no name of the gazetteer
    assert not finder.ids_or_short("铁路")  # a kind of place is no short form of 铁路街道
    assert not common_short_form("通辽", finder)  # a place word of the dictionary
    assert not common_short_form("乌兰浩特", finder)  # a full name of the gazetteer
    assert kind_of_station("货运站") and not kind_of_station("东站")
