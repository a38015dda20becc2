"""Lists of railway stations read from how they are written: items closed by 等车站 / 等站点, items introduced after a
count of stations in the same sentence, an item written as a place and its compass side, two items run together;
and station-like words that name no station (a count of yards, one common word before 收费站)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import found, resolved_ids

from geoplan.geocode.context import station_item_place
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.segment import opens_with_count


def _stations(gazetteer: Gazetteer, text: str) -> list[tuple[str, int, int]]:
    return [
        (s, a, b)
        for s, k, a, b in found(gazetteer, text, ("surface", "type", "start", "end"))
        if k == "station"
    ]


def test_items_closed_by_a_station_word_are_stations(gazetteer: Gazetteer, tmp_path: Path) -> None:
    text = "新线自集宁出发，途经察右后旗东、商都北、化德、镶黄旗西等车站。"
    # the verb before the first item is not part of it, even where the segmenter reads 途经 as a noun
    assert _stations(gazetteer, text) == [
        ("察右后旗东", 10, 15),
        ("商都北", 16, 19),
        ("化德", 20, 22),
        ("镶黄旗西", 23, 27),
    ]
    ids = resolved_ids(gazetteer, tmp_path, "铁路建设简报", text)
    assert ids["察右后旗东"] == gazetteer.finder.ids("察哈尔右翼后旗")[0]
    assert ids["商都北"] == gazetteer.finder.ids("商都县")[0]
    assert ids["镶黄旗西"] == gazetteer.finder.ids("镶黄旗")[0]


def test_a_list_of_stations_at_the_start_of_a_text(gazetteer: Gazetteer) -> None:
    # the first station's name opens the text (offset 0): it is read whole, as anywhere else; 白音 is a noun of the
    # segmenter's dictionary, but 白音套海 is the town, and 西 the side of its station
    for text in ("白音套海西、巴彦高勒、磴口等车站。", "途经白音套海西、巴彦高勒、磴口等车站。"):
        offset = text.index("白")
        assert _stations(gazetteer, text)[0] == ("白音套海西", offset, offset + 5)


def test_station_word_closes_only_as_a_word(gazetteer: Gazetteer) -> None:
    # 站台 after 等 is another word: no list of stations
    assert _stations(gazetteer, "改造临河西、五原南等站台。") == []
    assert [s for s, _, _ in _stations(gazetteer, "改造临河西、五原南等站点。")] == ["临河西", "五原南"]


def test_stations_outside_the_region_lie_at_their_county(gazetteer: Gazetteer, tmp_path: Path) -> None:
    text = "线路经由赤峰、建平北、承德等车站。"
    assert [s for s, _, _ in _stations(gazetteer, text)] == ["赤峰", "建平北", "承德"]
    ids = resolved_ids(gazetteer, tmp_path, "铁路建设简报", text)
    assert ids["赤峰"] == "station:赤峰站"  # a place read whole is its station when one is recorded
    assert gazetteer.get(ids["建平北"]).name == "建平县"
    assert gazetteer.get(ids["承德"]).name == "承德市"


def test_a_count_of_the_sentence_heads_a_list_after_a_remark(gazetteer: Gazetteer, tmp_path: Path) -> None:
    # six items: the fourth is two stations written without their separator
    text = "本线共设6个站点，其中2座为既有车站改造，分别是：临河西、杭锦后旗东、五原南、乌拉特前旗北巴彦淖尔北、磴口东。"
    assert [s for s, _, _ in _stations(gazetteer, text)] == [
        "临河西",
        "杭锦后旗东",
        "五原南",
        "乌拉特前旗北",
        "巴彦淖尔北",
        "磴口东",
    ]
    ids = resolved_ids(gazetteer, tmp_path, "铁路建设简报", text)
    assert gazetteer.get(ids["乌拉特前旗北"]).name == "乌拉特前旗"
    assert gazetteer.get(ids["巴彦淖尔北"]).name == "巴彦淖尔市"
    assert gazetteer.get(ids["磴口东"]).name == "磴口县"
    # no count of the sentence equals the items: no list of stations
    assert (
        _stations(gazetteer, "本线共设5个站点，其中2座为既有车站改造，分别是：临河西、杭锦后旗东、五原南。")
        == []
    )


def test_towns_and_unknown_names_in_a_list_of_stations(gazetteer: Gazetteer, tmp_path: Path) -> None:
    text = "铁路途经白彦花、乌拉特前旗西、呼和乌苏等车站。"
    assert [s for s, _, _ in _stations(gazetteer, text)] == ["白彦花", "乌拉特前旗西", "呼和乌苏"]
    plan = tmp_path / "plan.txt"
    plan.write_text(f"铁路建设简报\n第一章 总则\n{text}\n", encoding="utf-8")
    from geoplan.geocode.places import geoparse
    from geoplan.read.plan import read

    by_surface = {m.surface: m for m in geoparse(read(plan), gazetteer).mentions}
    town = by_surface["白彦花"]
    assert town.type == "station" and town.place is not None and town.place.name == "白彦花镇"
    # a name the gazetteer lacks stays unresolved: not the town its first characters name, not the line's
    # other stops, not the text's unit
    assert by_surface["呼和乌苏"].type == "station" and by_surface["呼和乌苏"].place is None


def test_station_item_place(gazetteer: Gazetteer) -> None:
    finder = gazetteer.finder
    assert station_item_place("临河西", finder) == ("临河", finder.ids_or_short("临河"))
    # a league and a banner of it written together: the banner
    assert station_item_place("乌海海勃湾", finder) == ("海勃湾", finder.ids("海勃湾区"))
    # a province and a city of it: the city
    place = station_item_place("辽宁朝阳", finder)
    assert place is not None and gazetteer.get(place[1][0]).name == "朝阳市"
    # a compass character ending a two-character item is the name's own
    assert station_item_place("林西", finder) == ("林西", finder.ids_or_short("林西"))
    # a name before which the characters are no place containing it
    assert station_item_place("呼和乌苏", finder) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lone numeral before a name the gazetteer lacks opens the name (a count would have a measure word)
        ("列车驶出乌兰察布市八苏木站。", ["八苏木站"]),
        # a count of a kind of station is no station's name
        ("通辽是全国铁路五大编组站之一。", []),
    ],
)
def test_station_names_and_counts(gazetteer: Gazetteer, text: str, expected: list[str]) -> None:
    assert [s for s, _, _ in _stations(gazetteer, text)] == expected


def test_a_run_opening_with_a_count_is_counted() -> None:
    assert opens_with_count("六大编组站") and opens_with_count("两个站")
    assert not opens_with_count("七苏木站") and not opens_with_count("大板站")


def test_one_common_word_before_a_facility_word_is_a_kind(gazetteer: Gazetteer) -> None:
    text = "高速公路设1处主线收费站和2处匝道收费站，达拉特收费站同时开通。"
    assert [s for s, k in found(gazetteer, text) if k == "other"] == ["达拉特收费站"]


def test_station_of_a_county_after_its_province(gazetteer: Gazetteer, tmp_path: Path) -> None:
    # 朝阳 alone is the city of 辽宁; after 北京 it is the district of Beijing, and the station's name starts there
    assert _stations(gazetteer, "列车终到北京朝阳站。") == [("北京朝阳站", 4, 9)]
    ids = resolved_ids(gazetteer, tmp_path, "铁路建设简报", "列车终到北京朝阳站。")
    place = gazetteer.get(ids["北京朝阳站"])
    assert place.name == "朝阳区" and gazetteer.get(place.parent_ids[0]).name == "北京市"
    # the province written before a city of its own stays a mention of its own
    assert _stations(gazetteer, "列车终到辽宁朝阳站。") == [("朝阳站", 6, 9)]


def test_stops_of_a_train_are_stations(gazetteer: Gazetteer) -> None:
    # the verb of stopping introduces the stations; the last ends before the localizer and the verb going on
    assert _stations(gazetteer, "该次列车经停集宁南、丰镇、大同南后抵达终点。") == [
        ("集宁南", 6, 9),
        ("丰镇", 10, 12),
        ("大同南", 13, 16),
    ]
    # an item running into prose that is no place before the verb is none
    assert _stations(gazetteer, "该次列车经停集宁南、丰镇、各地后抵达终点。") == [
        ("集宁南", 6, 9),
        ("丰镇", 10, 12),
    ]


def test_items_share_the_station_word_of_the_last(gazetteer: Gazetteer, tmp_path: Path) -> None:
    text = "沿线设丰镇站、凉城、察右前旗东站。"
    assert _stations(gazetteer, text) == [("丰镇站", 3, 6), ("凉城", 7, 9), ("察右前旗东站", 10, 16)]
    ids = resolved_ids(gazetteer, tmp_path, "铁路建设简报", text)
    assert gazetteer.get(ids["凉城"]).name == "凉城县"
    # a list of units with no station word after them stays a list of units
    assert _stations(gazetteer, "线路连接丰镇、凉城、察右前旗。") == []


def test_stations_outside_the_region_recorded_at_their_unit(gazetteer: Gazetteer) -> None:
    # no page states a point: each stands at the unit its page names, with that unit's precision
    for record, unit, precision in (
        ("station:建平站", "建平县", "banner"),
        ("station:喀左站", "喀喇沁左翼蒙古族自治县", "banner"),
        ("station:承德南站", "承德市", "league"),
        ("station:新民北站", "新民市", "banner"),
    ):
        place = gazetteer.get(record)
        parent = gazetteer.get(place.parent_ids[0])
        assert parent.name == unit and place.precision == precision
        assert place.point.equals(parent.point) and "record: http" in place.note
    # a list item that is a recorded station's place and its side takes the record
    assert [s for s, _, _ in _stations(gazetteer, "改造建平、承德南等车站。")] == ["建平", "承德南"]
    ids = {m.surface: m.place_ids for m in gazetteer.finder.find("列车抵达承德南站。")}
    assert ids["承德南站"] == ("station:承德南站",)


def test_two_stations_named_by_their_sides_share_the_station_word(gazetteer: Gazetteer) -> None:
    # 'X东至Y南站': the trip from one station to the other; the first takes the record of its name and 站
    mentions = found(gazetteer, "乘高铁呼和浩特东至太原南站最快3小时。", ("surface", "type", "place_ids"))
    assert ("呼和浩特东", "station", ("station:呼和浩特东站",)) in mentions
    # from a place (no side) to a station: the place stays a place
    assert found(gazetteer, "从赤峰至通辽站需要2小时。") == [("赤峰", None), ("通辽站", None)]


def test_a_station_named_after_a_place_of_another_league_lies_there(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    # the name holds the city the station is named after: evidence enough outside the text's league (乌兰察布市)
    text = "乌兰察布至大同南站最快40分钟可达，呼和浩特东至太原南站最快3小时。"
    ids = resolved_ids(gazetteer, tmp_path, "乌兰察布市交通简报", text)
    assert ids["乌兰察布"] == "league:150900"  # the text's own league
    assert ids["呼和浩特东"] == "station:呼和浩特东站"
    assert gazetteer.get("station:呼和浩特东站").league_id == "league:150100"


def test_stations_counted_by_the_bare_station_word(gazetteer: Gazetteer) -> None:
    assert [s for s, _, _ in _stations(gazetteer, "本期新建集宁南、丰镇、凉城西三站。")] == [
        "集宁南",
        "丰镇",
        "凉城西",
    ]
    # words between the count and 站 make another kind of station: the places stay places
    assert _stations(gazetteer, "在临河、五原建设2个加油站。") == []


def test_a_count_of_toll_stations_is_not_a_count_of_stations(gazetteer: Gazetteer) -> None:
    # 收费站 is a class word of its own: the bare station word inside it counts nothing
    text = "全线共有3个收费站，分别是临河西、五原南、磴口东。"
    assert _stations(gazetteer, text) == []
    assert [k for s, k in found(gazetteer, text) if s == "五原南"] == ["road"]


def test_stops_after_passing_in_a_sentence_about_a_train_are_stations(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    # 途经 introduces a train's stops when the sentence names a train before it; the last stop ends at the verb
    # that goes on with the trip (到达), and a place after that verb with its side is a station too
    text = "本次列车从朔州东站出发，途经山阴南、应县西、怀仁东、大同南、丰镇北、乌兰察布到达呼和浩特东。"
    assert [s for s, _, _ in _stations(gazetteer, text)] == [
        "朔州东站",
        "山阴南",
        "应县西",
        "怀仁东",
        "大同南",
        "丰镇北",
        "乌兰察布",
        "呼和浩特东",
    ]
    ids = resolved_ids(gazetteer, tmp_path, "铁路建设简报", text)
    # stations outside the region lie at their county or city (大同 is a word, but its side makes it a station)
    assert gazetteer.get(ids["山阴南"]).name == "山阴县"
    assert gazetteer.get(ids["应县西"]).name == "应县"
    assert gazetteer.get(ids["大同南"]).name == "大同市"
    assert ids["丰镇北"] == gazetteer.finder.ids("丰镇市")[0]
    # a place of the list written without a side is its station (the record of its name and 站)
    assert ids["乌兰察布"] == "station:乌兰察布站"
    assert ids["呼和浩特东"] == "station:呼和浩特东站"


@pytest.mark.parametrize(
    "text",
    [
        "该公路途经呼和浩特、乌兰察布、丰镇北，全长200公里。",  # a road's waypoints: no train in the sentence
        "包银高铁沿途经过包头市、巴彦淖尔市、乌海市。",  # 沿途 + 经过: no verb 途经; 高铁 names the line
        "列车经过调整，途经各地、沿线城市。",  # a train, but no place's name in the list
    ],
)
def test_passing_introduces_no_stations_without_a_train(gazetteer: Gazetteer, text: str) -> None:
    assert _stations(gazetteer, text) == []


def test_a_place_and_its_side_after_a_verb_of_a_trains_trip_is_a_station(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = "欢迎乘坐由朔州东开往呼和浩特东的G4408次列车。"
    assert _stations(gazetteer, text) == [("朔州东", 5, 8), ("呼和浩特东", 10, 15)]
    ids = resolved_ids(gazetteer, tmp_path, "铁路建设简报", text)
    assert gazetteer.get(ids["朔州东"]).name == "朔州市"
    assert ids["呼和浩特东"] == "station:呼和浩特东站"
    # the train's number counted by 次 is no road's number; a time word after a road's number leaves it a road
    assert all(m[1] != "road" for m in found(gazetteer, text))
    assert ("S215", "road") in found(gazetteer, "省道S215次年通车。")
    # a relative part of a unit ('东部') and a side with no place before it are no stations
    assert _stations(gazetteer, "列车驶入呼和浩特东部，由北向南开往包头。") == []
    # no train in the sentence (a station is none): a place and a side is no station
    assert _stations(gazetteer, "车队由朔州东开往呼和浩特东。") == []
    assert _stations(gazetteer, "火车站位于临河西，交通便利。") == []
