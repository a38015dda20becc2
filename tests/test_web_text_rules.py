"""Issue 15, rules found on development texts of public web pages of the eight leagues no reference plan covers
(news, encyclopedia and travel pages): each a general rule, checked on sentences written for these tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import found, resolved_ids

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import geoparse
from geoplan.geocode.sounds import same_sounds, sounds
from geoplan.read.plan import read
from geoplan.resources import GAZETTEER_DIR


def _surfaces(gazetteer: Gazetteer, text: str) -> list[str]:
    return [surface for surface, _ in found(gazetteer, text)]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a country before a person's noun says whose the person is
        ("元代意大利旅行家曾途经黑城", []),
        ("俄罗斯商人来访，学者来自蒙古国", ["蒙古国"]),
        ("产品出口到意大利", ["意大利"]),
    ],
)
def test_a_country_before_a_persons_noun_is_a_nationality(
    gazetteer: Gazetteer, text: str, kept: list[str]
) -> None:
    assert _surfaces(gazetteer, text) == kept


def test_a_proper_word_opens_a_transliterated_name(gazetteer: Gazetteer) -> None:
    """'纳林' (a proper word jieba tags nz) + '苏海特' (transliterated syllables) + 煤田: the whole run names the
    field; an nz word before no transliteration ('波状高原') opens no name."""
    assert found(gazetteer, "开发纳林苏海特煤田") == [("纳林苏海特煤田", "mine")]
    assert found(gazetteer, "形成波状高原") == []


@pytest.mark.parametrize(
    ("text", "walls"),
    [
        ("保存着秦长城遗址和明代的烽火台", ["秦长城遗址"]),
        ("还有金代长城——金界壕", ["金代长城", "金界壕"]),
        ("打造黄金长城旅游带", []),
    ],
)
def test_walls_of_a_dynasty_with_their_site_word(gazetteer: Gazetteer, text: str, walls: list[str]) -> None:
    assert [s for s, kind in found(gazetteer, text) if kind == "scenic"] == walls


def test_a_place_heading_a_factorys_name_is_no_mention(gazetteer: Gazetteer) -> None:
    """'乌海化工厂': a works named after the city; '乌海厂区' (厂 starting a longer word) is no works."""
    assert _surfaces(gazetteer, "西卓子山水泥厂、乌海化工厂等国营企业") == []
    assert _surfaces(gazetteer, "乌海厂区改造") == ["乌海"]


def test_villages_and_communities_are_below_the_mapped_level(gazetteer: Gazetteer) -> None:
    """The bracketed names after a count of villages or communities are theirs, and a known name before 社区
    names a community (乌兰布和社区 is no desert); the town itself stays."""
    text = "乌斯太镇下辖2个社区（乌兰布和、巴彦敖包）、2个嘎查(巴音敖包、乌斯太)。设有乌兰布和社区。"
    assert _surfaces(gazetteer, text) == ["乌斯太镇"]


def test_a_towns_other_form_then_its_class_word_is_that_town(gazetteer: Gazetteer) -> None:
    """'拉布大林镇': the seat's variant form (拉布大林, of 拉布达林街道) and 镇 are one name of it, not a town
    '大林镇' of another league."""
    assert [
        (m.surface, m.place_ids) for m in gazetteer.finder.find("返回额尔古纳市政府所在地拉布大林镇，再坐车")
    ] == [
        ("额尔古纳市", ("banner:150784",)),
        ("拉布大林镇", ("town:150784:拉布达林街道",)),
    ]


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("这条东北-西南向的公路途经室韦", []),
        ("山脉呈西南—东北走向", []),
        ("振兴东北，对接西北", ["东北", "西北"]),
    ],
)
def test_a_course_between_two_directions_names_no_region(
    gazetteer: Gazetteer, text: str, regions: list[str]
) -> None:
    assert [s for s, kind in found(gazetteer, text) if kind == "region"] == regions


def test_minzu_opening_a_list_item_closes_no_list_of_peoples(gazetteer: Gazetteer) -> None:
    """'科尔沁草原、民族风情': 民族 starts the next item; a list closed by '等N个民族' is one of peoples."""
    assert _surfaces(gazetteer, "风光秀丽的科尔沁草原、民族风情浓郁的成吉思汗庙") == [
        "科尔沁草原",
        "成吉思汗庙",
    ]
    assert _surfaces(gazetteer, "鄂温克、达斡尔、蒙古、汉等21个民族") == []


def test_the_seat_of_a_leagues_bodies_is_the_league(gazetteer: Gazetteer) -> None:
    """'X盟盟委、盟行署所在地': where the league's committee and administration sit, a place (the annotation
    guide's seat of government); an office holder's title is not."""
    assert _surfaces(gazetteer, "乌兰浩特是兴安盟盟委、盟行署所在地") == ["乌兰浩特", "兴安盟"]
    assert _surfaces(gazetteer, "兴安盟委书记讲话") == []


def test_a_river_named_by_common_words_far_from_its_league_needs_evidence(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """新开河 ('the new cut') of 通辽 named in a 呼伦贝尔 text is a namesake there, not the 通辽 river (it is
    located in the text's own league); in a 通辽 text it is that river; a river's proper name (霍林河) is taken
    anywhere."""
    far = resolved_ids(gazetteer, tmp_path, "呼伦贝尔市水利规划", "新开河与霍林河为主要调节河流。")
    assert far["新开河"] == "league:150700" and far["霍林河"] == "river:霍林河"
    home = resolved_ids(gazetteer, tmp_path, "通辽市水利规划", "治理新开河河道。")
    assert home["新开河"] == "river:新开河"


def test_an_abbreviated_common_phrase_is_no_item_of_a_list_of_names(gazetteer: Gazetteer) -> None:
    """'军工企业、老石旦煤矿': an item jieba reads as one dictionary abbreviation shares no class word."""
    assert found(gazetteer, "系统的军工企业、老石旦煤矿") == [("老石旦煤矿", "mine")]


def test_the_central_plains_are_a_region_at_their_province(gazetteer: Gazetteer, tmp_path: Path) -> None:
    ids = resolved_ids(gazetteer, tmp_path, "包头市概况", "沟通北方草原与中原地区，连接中原腹地。")
    assert ids["中原地区"] == ids["中原"] == "region:中原"
    place = gazetteer.get("region:中原")
    assert place.precision == "province" and "http" in place.note


@pytest.mark.parametrize(
    ("text", "sight"),
    [
        ("镇内设有乌兰布统古战场", "乌兰布统古战场"),  # a battlefield's class word
        ("还有百岔川岩画", "百岔川岩画"),  # 还有 ('there is also') opens no name
        ("境内建有百岔川岩画", "百岔川岩画"),
    ],
)
def test_heritage_sights_after_verbs_of_having(gazetteer: Gazetteer, text: str, sight: str) -> None:
    assert found(gazetteer, text) == [(sight, "scenic")]


def test_two_places_joined_by_a_dot_name_one_sight(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'A·B旅游景区': one sight named after two places, located by the unit that heads it."""
    plan = tmp_path / "plan.txt"
    plan.write_text("兴安盟规划\n第一章 总则\n推进阿尔山·柴河旅游景区建设。\n", encoding="utf-8")
    [sight] = geoparse(read(plan), gazetteer).mentions[1:]
    assert (sight.surface, sight.type) == ("阿尔山·柴河旅游景区", "scenic")
    assert sight.place is not None and sight.place.id == "banner:152202"


_DISTRICT_ROWS = list(csv.DictReader((GAZETTEER_DIR / "places_districts.csv").open(encoding="utf-8")))


def test_the_district_harvest_cites_a_page_for_every_row() -> None:
    """The ninth harvest (city parks, museums, rivers and stations of districts and banners the earlier ones
    covered least): each row a page's fact; coordinates only where the page states them."""
    assert len(_DISTRICT_ROWS) >= 100
    for row in _DISTRICT_ROWS:
        assert row["note"].startswith("record: http") and "(read 2026-12-02)" in row["note"], row["id"]
        assert bool(row["lon"]) == bool(row["geometry_source"]) == (row["precision"] == "point"), row["id"]


@pytest.mark.parametrize("row", _DISTRICT_ROWS, ids=lambda row: row["id"])
def test_each_district_record_lies_where_its_page_puts_it(gazetteer: Gazetteer, row: dict[str, str]) -> None:
    """Under the banner (or league) its page names; a stated point inside that unit."""
    place = gazetteer.get(row["id"])
    parent = gazetteer.get(place.parent_ids[0])
    assert parent.name == row["parent"]
    if row["lon"]:
        assert place.precision == "point"
        assert parent.geometry.buffer(0.02).contains(place.point)
    else:
        assert place.precision == ("banner" if parent.type == "banner" else "league")


def test_a_district_text_locates_its_park(gazetteer: Gazetteer, tmp_path: Path) -> None:
    ids = resolved_ids(
        gazetteer, tmp_path, "包头市青山区国民经济和社会发展第十四个五年规划纲要", "改造一机公园。"
    )
    place = gazetteer.get(ids["一机公园"])
    assert gazetteer.get(place.banner_id).name == "青山区"


def test_a_river_then_a_unit_in_full_before_a_town_are_three_mentions(gazetteer: Gazetteer) -> None:
    """'黄河乌达区桥西镇': the river, the district and its town, not one town named after the river."""
    assert [(m.surface, m.type) for m in gazetteer.finder.find("黄河乌达区桥西镇乌兰木头段突发凌汛")] == [
        ("黄河", None),
        ("乌达区", None),
        ("桥西镇", "town"),
    ]


def test_a_verb_before_a_run_of_township_class_words_names_no_township(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "重新编制科左中旗调整苏木乡镇行政区划方案，撤并苏木乡镇") == ["科左中旗"]


def test_a_short_form_after_a_mongolian_first_word_is_no_township(gazetteer: Gazetteer) -> None:
    """'哈拉敖包、巴什哈拉敖包': 敖包 (short for a township) ends a hill's longer name there."""
    assert _surfaces(gazetteer, "山脉有文公山、哈拉敖包、巴什哈拉敖包等") == ["文公山", "巴什哈拉敖包"]


def test_a_local_name_running_on_with_zi_is_no_known_place(gazetteer: Gazetteer) -> None:
    """'灯笼河子至乌兰布统': the locality 灯笼河子, not the 灯笼河 grassland."""
    assert "灯笼河" not in _surfaces(gazetteer, "实施省道304线灯笼河子至乌兰布统项目")


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        (
            "建设国道111线萨力巴至新惠、省道304线灯笼河子至乌兰布统两个项目",
            [["萨力巴", "新惠"], ["灯笼河子", "乌兰布统"]],
        ),
        ("G303经棚至锡林浩特段改扩建", [["经棚", "锡林浩特"]]),
    ],
)
def test_a_numbered_roads_section_needs_no_section_word(text: str, ends: list[list[str]]) -> None:
    """A route number right before 'A至B' makes the pair its section, with or without 段; a count after the last
    end ('两个项目') is no part of it."""
    from geoplan.geocode.corridors import find_corridors

    found = find_corridors(text)
    assert [[w.surface for w in c.waypoints] for c in found] == ends
    assert {c.kind for c in found} == {"road"}


@pytest.mark.parametrize(
    ("text", "river", "banner"),
    [("实施甘河治理工程", "甘河", "鄂伦春自治旗"), ("三是音河治理工程", "音河", "阿荣旗")],
)
def test_rivers_of_one_character_stems_are_records(
    gazetteer: Gazetteer, tmp_path: Path, text: str, river: str, banner: str
) -> None:
    ids = resolved_ids(gazetteer, tmp_path, "呼伦贝尔市水利规划", text)
    place = gazetteer.get(ids[river])
    assert place.type == "river" and gazetteer.get(place.banner_id).name == banner


def test_wide_landforms_a_plan_names_are_not_put_at_its_issuer(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'汾渭平原' (the air-quality chapters' plain of 山西 and 陕西) is a sourced region; an unrecorded plain a
    plan names is left unplaced rather than put at the issuing league."""
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "巴彦淖尔市国民经济和社会发展第十四个五年规划纲要\n第一章 总则\n对标汾渭平原大气污染防治，借鉴渭北平原经验。\n",
        encoding="utf-8",
    )
    found = {m.surface: m for m in geoparse(read(plan), gazetteer).mentions}
    assert found["汾渭平原"].place.id == "region:汾渭平原"
    assert found["汾渭平原"].place.parent_ids == ("province:140000", "province:610000")
    assert found["渭北平原"].place is None


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a town's short form opening with a stem-break character (将) names the bridge with the river
        ("公路工程项目为将军尧黄河公路大桥、美将公路拓宽改造工程", ["将军尧黄河公路大桥"]),
        ("边境线长671公里，下辖两镇、两乡、两个办事处", []),  # counts of units, no names
        ("经过建设，镇容镇貌大有改观", []),  # the town's look (as 市容市貌)
        ("乌兰察布机场铁路建设办公室主任讲话", []),  # an office named after the airport
    ],
)
def test_rules_from_plan_like_web_texts(gazetteer: Gazetteer, text: str, kept: list[str]) -> None:
    assert _surfaces(gazetteer, text) == kept


def test_a_province_after_a_verb_of_leaving_is_the_place(gazetteer: Gazetteer) -> None:
    """'出宁夏后': 出 (out of) is a preposition of motion; its object is the place, though no name's end follows."""
    assert _surfaces(gazetteer, "黄河在奔涌出宁夏后，进入内蒙古") == ["黄河", "宁夏", "内蒙古"]
    assert _surfaces(gazetteer, "推出健康平台") == []


def test_a_range_the_segmenter_joins_to_its_class_word(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'巴颜喀拉山' + '脉': jieba reads the range's name with the first character of 山脉; the range is named in full,
    and an unrecorded range a plan names is left unplaced, not put at the issuer."""
    assert found(gazetteer, "九曲黄河从巴颜喀拉山脉起步") == [("黄河", None), ("巴颜喀拉山脉", "mountain")]
    ids = resolved_ids(
        gazetteer, tmp_path, "乌海市国民经济和社会发展第十四个五年规划纲要", "黄河从巴颜喀拉山脉起步。"
    )
    assert "巴颜喀拉山脉" not in ids


def test_an_adverb_of_all_closes_a_list_of_places(gazetteer: Gazetteer) -> None:
    """'A、B、承德都有列车直达': 都 (all) after the last item closes the list, so its short outside name is a place
    as its neighbours are; '突出蒙古元素' keeps 出 inside its verb."""
    assert _surfaces(gazetteer, "至沈阳、大连、锦州、承德都有列车直达") == ["沈阳", "大连", "锦州", "承德"]
    assert _surfaces(gazetteer, "突出蒙古元素") == []


def _corridors(gazetteer: Gazetteer, folder: Path, title: str, text: str) -> list[tuple[str, list[str]]]:
    plan = folder / "plan.txt"
    plan.write_text(f"{title}\n第一章 总则\n{text}\n", encoding="utf-8")
    places = geoparse(read(plan), gazetteer)
    return [
        (c.kind, [w.place.id if w.place is not None else w.surface for w in c.waypoints])
        for c in places.corridors
    ]


def test_a_high_speed_railway_named_by_its_ends_is_a_railway(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'A至B高速铁路' is a railway, its whole name the line (高速 alone ends a road)."""
    corridors = _corridors(
        gazetteer, tmp_path, "乌兰察布市交通规划", "建设集宁至大同高速铁路和集宁至大同高速。"
    )
    assert corridors == [
        ("railway", ["banner:150902", "neighbour:140200"]),
        ("road", ["banner:150902", "neighbour:140200"]),
    ]


def test_a_line_named_by_its_ends_written_one_after_another(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'通辽白城乌兰浩特齐齐哈尔高速铁路': the names of four places with no mark between them are the line's ends, as
    'A至B至C' would be; a league before a banner of its own is the line's address, and a one-character initial
    makes an abbreviated name (集通铁路), neither of them ends."""
    text = "推进通辽白城乌兰浩特齐齐哈尔高速铁路建设，建设巴彦淖尔乌拉特后旗铁路专用线，改造集通铁路。"
    corridors = _corridors(gazetteer, tmp_path, "通辽市交通规划", text)
    assert corridors[0] == (
        "railway",
        ["league:150500", "neighbour:220800", "banner:152201", "neighbour:230200"],
    )
    assert corridors[1:] == [
        ("railway", ["banner:150902", "league:150500"])
    ]  # 集通: the named line's own ends


def test_a_direction_after_a_former_unit_is_its_part(gazetteer: Gazetteer) -> None:
    """'原土默特旗西部地区': the west of a banner the gazetteer lacks, not the country's western region."""
    assert found(gazetteer, "由原土默特旗西部地区置土默特右旗") == [
        ("土默特旗", "banner"),
        ("土默特右旗", None),
    ]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("光绪年间在旗内双流镇设府", [("双流镇", "town")]),  # 'within the banner'
        ("苏木政府驻沙日扎嘎查。总人口515户", [("沙日扎嘎查", "village")]),  # 'the government sits at'
        ("有世界最大响沙区、最密沙漠湖群", []),  # a superlative opens no name
    ],
)
def test_words_of_place_and_superlatives_open_no_name(
    gazetteer: Gazetteer, text: str, kept: list[tuple[str, str]]
) -> None:
    assert found(gazetteer, text) == kept


def test_a_former_place_lies_where_the_bracket_says_it_lies_today(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'双流镇（今吉林省洮南市）': located in the county the bracket names, not in the text's own banner."""
    ids = resolved_ids(
        gazetteer, tmp_path, "科尔沁右翼前旗概况", "光绪三十年在旗内双流镇（今吉林省洮南市）置洮南府。"
    )
    assert ids["双流镇"] == "neighbour:220881"


def test_a_subdistricts_office_heading_its_entry_is_the_subdistrict(gazetteer: Gazetteer) -> None:
    """'X街道办事处：' opening a line heads an entry on the subdistrict; inside a sentence the office is a body."""
    text = "九原区概况\n赛汗街道办事处：东起210国道，南至包兰铁路。\n赛汗街道办事处负责辖区服务。"
    assert [s for s in _surfaces(gazetteer, text) if s.endswith("街道")] == ["赛汗街道"]


def test_parts_of_a_sight_named_in_common_words_are_no_places(gazetteer: Gazetteer) -> None:
    """'石林分为…、围城、民俗生活娱乐5大景区': parts named by common words; a list of named areas stays."""
    surfaces = _surfaces(gazetteer, "克什克腾旗的石林分为月亮城堡、围城、民俗生活娱乐3大景区。")
    assert "围城" not in surfaces and "民俗生活娱乐" not in surfaces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("达里诺尔火山群为东北九大火山群之一", [("达里诺尔火山群", "mountain"), ("东北", "region")]),
        ("与旧粗鲁海图口岸隔额尔古纳界河相望", [("旧粗鲁海图口岸", None), ("额尔古纳界河", "river")]),
        ("坐落在额尔古纳河、根河河畔", [("额尔古纳河", None), ("根河", None)]),
    ],
)
def test_volcano_fields_border_rivers_and_river_banks(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]
) -> None:
    """'X火山群' a field of volcanoes; 'X界河' the river X河 on the border; '根河河畔' the river 根河 and its bank."""
    assert found(gazetteer, text) == expected


def test_a_country_before_a_port_is_its_address(gazetteer: Gazetteer) -> None:
    """'蒙古国松布尔口岸': the country and the port; '蒙古国口岸' (the country's ports, none named): the country."""
    assert found(gazetteer, "建设阿尔山口岸至蒙古国松布尔口岸的桥梁") == [
        ("阿尔山口岸", None),
        ("蒙古国", None),
        ("松布尔口岸", "port"),
    ]
    assert found(gazetteer, "东部连线蒙古国口岸") == [("蒙古国", None)]


def test_the_regions_short_name_needs_no_end(gazetteer: Gazetteer) -> None:
    """'内蒙风情': the region's own two-character name before a noun (a far place's short name needs an end)."""
    assert found(gazetteer, "可以体验传统的内蒙风情") == [("内蒙", None)]
    assert found(gazetteer, "健康平台") == []


def test_a_direction_and_a_verb_of_motion_end_no_line(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'沿通赤高速西行至X': going west, no line from '西行' to X; X stays a mention."""
    corridors = _corridors(gazetteer, tmp_path, "奈曼旗概况", "沿通赤高速西行至大沁他拉镇南出口。")
    assert corridors == []


def test_an_entrys_location_field_locates_its_sights(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'地区：库伦旗' in an entry's fields locates the unrecorded sights its other fields name; the next entry (its
    lines run together by the reader) has no such field, so its sights are not put there."""
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "通辽市旅游景点介绍\n库伦三大寺\n类型：文物保护单位\n地区：库伦旗\n特色：包括白塔寺、萨尔达坝寺。\n"
        "某某山地草原\n类型：自然景观\n特色：包括哈日巴拉寺。\n",
        encoding="utf-8",
    )
    ids = {m.surface: m.place.id for m in geoparse(read(plan), gazetteer).mentions if m.place is not None}
    assert ids["白塔寺"] == ids["萨尔达坝寺"] == "banner:150524"
    assert ids["哈日巴拉寺"] == "league:150500"


def test_a_place_and_common_words_in_a_list_of_sights_is_the_place(gazetteer: Gazetteer) -> None:
    """'黄河沿岸风光' among sights: the river (the scenery of its banks is no sight of its own); a class word after
    the place makes a sight named after it ('黄河湿地公园')."""
    surfaces = _surfaces(gazetteer, "境内还有黄河沿岸风光、胡杨岛等旅游景观。有黄河湿地公园、乌海湖等景点。")
    assert surfaces[0] == "黄河" and "黄河湿地公园" in surfaces


@pytest.mark.parametrize("text", ["“科尔沁”源自蒙古语，意为“带弓箭的人”", "为藏汉结合式庙，现设博物馆。"])
def test_a_names_origin_and_a_verb_before_a_class_word_name_nothing(gazetteer: Gazetteer, text: str) -> None:
    assert found(gazetteer, text) == []


def test_a_far_provinces_short_name_before_a_compass_part(gazetteer: Gazetteer) -> None:
    """'宁夏北部地区': the province's short name and its part, one region (located at the province), and the part is
    no county of it."""
    assert found(gazetteer, "内蒙古西南部地区及宁夏北部地区拥有了一条公路") == [
        ("内蒙古西南部地区", "region"),
        ("宁夏北部地区", "region"),
    ]


def test_pinyin_glosses_and_doubled_dashes_are_read_through(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A page printing pinyin after characters ('內(nèi)蒙古') names the same places, reported as written with the
    glosses inside them; a doubled dash between names ('伊敏――伊尔施', '海拉尔——满洲里') joins a line's ends."""
    plan = tmp_path / "plan.txt"
    text = "呼倫貝爾新聞\n內(nèi)蒙古興安盟的鐵路從此有了北出口。伊敏――伊爾施鐵路、海拉尔——满洲里铁路開通。\n"
    plan.write_text(text, encoding="utf-8")
    places = geoparse(read(plan), gazetteer)
    written = read(plan).text
    surfaces = [m.surface for m in places.mentions]
    assert "內(nèi)蒙古" in surfaces and "興安盟" in surfaces
    assert all(written[m.start : m.end] == m.surface for m in places.mentions)
    assert [[w.surface for w in c.waypoints] for c in places.corridors] == [
        ["伊敏", "伊爾施"],
        ["海拉尔", "满洲里"],
    ]
    assert all(written[w.start : w.end] == w.surface for c in places.corridors for w in c.waypoints)


def test_a_kind_of_line_is_no_short_form_of_a_subdistrict(gazetteer: Gazetteer) -> None:
    """'铁路' is no short name of 铁路街道: '铁路大通道' names no corridor."""
    assert found(gazetteer, "成为蒙东地区一条新的铁路大通道") == [("蒙东地区", None)]


def test_a_banners_bare_stem_after_a_conjunction_ends_a_list(gazetteer: Gazetteer) -> None:
    """'海勃湾、乌达和海南': the last item after 和 is the district 海南区, as the others are its siblings; a name
    holding 和 stays whole ('兴和')."""
    kept = found(
        gazetteer, "乌海市分别为海勃湾、乌达和海南。乌兰察布有丰镇、兴和。", ("surface", "place_ids")
    )
    assert ("海南", ("banner:150303",)) in kept and ("兴和", ("banner:150924",)) in kept


def test_taiwan_is_a_province(gazetteer: Gazetteer) -> None:
    assert [
        s for s in _surfaces(gazetteer, "面积相当于3个台湾省。游客来自日本、台湾、北京等地。") if "台湾" in s
    ] == [
        "台湾省",
        "台湾",
    ]
    assert gazetteer.get("province:710000").precision == "province"


def test_a_negated_verb_opens_no_name(gazetteer: Gazetteer) -> None:
    """'兴安盟科右中旗没有温泉': the league, the banner, and no spring named after them."""
    assert _surfaces(gazetteer, "兴安盟科右中旗没有温泉。") == ["兴安盟", "科右中旗"]


def test_a_town_a_unit_lists_among_its_divisions_lies_in_it(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'X旗辖…：A镇、…、铁西街道': a subdistrict the gazetteer records only elsewhere (铁西街道 of 乌兰浩特市 …) is the
    listing unit's own, located in it; a town recorded in the unit stays itself."""
    text = "敖汉旗辖2个街道、13个镇：新惠镇、四家子镇、铁西街道、温泉街道。铁西街道位于乌兰浩特市。"
    plan = tmp_path / "plan.txt"
    plan.write_text(f"敖汉旗概况\n{text}\n", encoding="utf-8")
    mentions = [m for m in geoparse(read(plan), gazetteer).mentions if m.type == "town"]
    ids = [(m.surface, m.place.id, m.rule == "parent:listed-division") for m in mentions]
    assert ids[:4] == [
        ("新惠镇", "town:150430:新惠镇", False),
        ("四家子镇", "town:150430:四家子镇", False),
        ("铁西街道", "banner:150430", True),
        ("温泉街道", "banner:150430", True),
    ]
    assert ids[4][2] is False  # after the list's sentence, the name is read as any other


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("到辉腾锡勒草原策马奔腾", ["辉腾锡勒草原"]),  # riding there, no breed of the grassland
        ("在辉腾锡勒草原骑马", ["辉腾锡勒草原"]),
        ("集江南水乡的灵秀与内蒙古大草原的深邃", ["内蒙古"]),  # 水乡 is a word, no township
        ("设太平乡", ["太平乡"]),
    ],
)
def test_words_of_riding_and_homes_end_no_name(gazetteer: Gazetteer, text: str, kept: list[str]) -> None:
    assert _surfaces(gazetteer, text) == kept


def test_our_port_before_the_foreign_port_it_faces(gazetteer: Gazetteer) -> None:
    """'策克-西伯库伦口岸': the name before the dash is our port 策克口岸; the foreign port is its own mention."""
    assert found(gazetteer, "开放的策克-西伯库伦口岸", ("surface", "place_ids")) == [
        ("策克", ("port:策克口岸",)),
        ("西伯库伦口岸", ("foreign:西伯库伦口岸",)),
    ]


@pytest.mark.parametrize(
    ("name", "record", "unit"),
    [
        ("铁西街道", "town:150429:铁西街道", "banner:150429"),  # a subdistrict of 宁城县
        ("五角枫自然保护区", "reserve:代钦塔拉五角枫自然保护区", "banner:152222"),
        ("莫力庙沙湖", "scenic:莫力庙沙湖旅游区", "banner:150502"),
        ("赛汗塔拉公园", "scenic:赛汗塔拉生态园", "banner:150207"),  # the place-name record: 九原区
        ("乌兰哈达火山", "scenic:乌兰哈达火山地质公园", "banner:150928"),
        ("查尔森水库", "reservoir:察尔森水库", "banner:152221"),  # a variant writing of 察尔森
        ("南海公园", "reserve:内蒙古南海子湿地自然保护区", "banner:150202"),
    ],
)
def test_places_a_second_page_locates(gazetteer: Gazetteer, name: str, record: str, unit: str) -> None:
    """Records and forms added from pages read on 2026-12-02 (cited in their rows), each in the unit its page names."""
    assert record in gazetteer.finder.ids(name)
    assert gazetteer.get(record).parent_ids[0] == unit
    rows = [
        row
        for file in (
            "aliases.csv",
            "towns_units.csv",
            "reserves_region.csv",
            "places_districts.csv",
            "scenic_region.csv",
        )
        for row in csv.DictReader((GAZETTEER_DIR / file).open(encoding="utf-8"))
        if name in (row.get("alias"), row.get("name"), *(row.get("aliases") or "").split(";"))
    ]
    assert rows and all("(read 2026-12-02)" in row["note"] for row in rows)


def test_a_line_of_spam_names_no_place(gazetteer: Gazetteer) -> None:
    """Spam at a page's top ('亚洲欧美…久久…一区二区在线观看') names no place, up to its last spam word (the reader may
    join the page's next line to it); a plan's 精品 and 一区 are no spam."""
    spam = (
        "亚洲欧美日韩久久精品第一区,一区二区三区在线观看人民网>>内蒙古频道>>通辽\n乌海市产品出口日本和欧美。"
    )
    assert _surfaces(gazetteer, spam) == ["内蒙古", "通辽", "乌海市", "日本", "欧美"]
    plan = "打造文旅精品线路，建设一区多园，产品出口日本。"
    assert _surfaces(gazetteer, plan) == ["日本"]


def test_a_province_in_full_before_the_count_closing_its_list(gazetteer: Gazetteer) -> None:
    """'横跨内蒙古、吉林、辽宁三省区': 辽宁 is the province in full (not 辽 and 宁), and the count is no county of it;
    a run of abbreviations before the count stays one province each ('辽吉黑蒙四省区')."""
    assert _surfaces(gazetteer, "科尔沁沙地横跨内蒙古、吉林、辽宁三省区") == [
        "科尔沁沙地",
        "内蒙古",
        "吉林",
        "辽宁",
    ]
    assert _surfaces(gazetteer, "辽吉黑蒙四省区") == ["辽", "吉", "黑", "蒙"]


@pytest.mark.parametrize("text", ["建设健康乌拉特后旗，实现健康发展。", "建设法治乌拉特后旗，推进依法治旗。"])
def test_a_verb_ending_a_common_word_sets_up_no_unit(gazetteer: Gazetteer, text: str) -> None:
    """'建设健康X旗': 设 ends the verb 建设 (to build a healthy banner), no former unit '健康X旗' is set up."""
    assert _surfaces(gazetteer, text) == ["乌拉特后旗"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "达里诺尔火山群为东北九大火山群之一",
            ["达里诺尔火山群", "东北"],
        ),  # the region a ranking count ranks in
        ("从海拉尔至东北中南部地区", ["海拉尔", "东北"]),  # the region a part word divides
        ("位于市区东北部", []),  # a direction
    ],
)
def test_the_northeast_before_a_ranking_or_its_part(gazetteer: Gazetteer, text: str, kept: list[str]) -> None:
    assert _surfaces(gazetteer, text) == kept


def test_spam_words_after_a_place_still_make_the_line_spam(gazetteer: Gazetteer) -> None:
    """A spam line whose country's name comes after names the furniture rules add later ('…视频网站,亚洲…') names
    no place either: the page's furniture is left out of every mention, the ones the finder alone sees too."""
    text = "久久精品www人人爽,男人的天堂av女优,亚洲最大福利视频网站\n赤峰市建设高铁。"
    assert _surfaces(gazetteer, text) == ["赤峰市"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("来自赤峰旅游网的消息，赤峰今年游客增加。", ["赤峰"]),  # a website named after the place
        (
            "乌海市政府网\n乌海市位于黄河岸边。",
            ["乌海市", "黄河"],
        ),  # the government's website, even as a heading
        ("加快赤峰旅游网络建设。", ["赤峰"]),  # a network, no website
    ],
)
def test_a_website_named_after_a_place_is_no_mention(
    gazetteer: Gazetteer, text: str, kept: list[str]
) -> None:
    assert _surfaces(gazetteer, text) == kept


@pytest.mark.parametrize(
    "text",
    [
        "各位代表：现在，听取新巴尔虎左旗人民政府工作报告，请予审议。",  # the report of the unit's government
        "新巴尔虎左旗第十五届人民代表大会第二次会议在阿木古郎镇开幕，代表们审议了报告。",  # the assembly's session
        "兴安盟盟府所在地，也是乌兰浩特市党委和政府的所在地。",  # the seat of two bodies joined by 和
    ],
)
def test_a_units_report_session_or_seat_names_the_unit(gazetteer: Gazetteer, text: str) -> None:
    surfaces = _surfaces(gazetteer, text)
    assert "新巴尔虎左旗" in surfaces or "乌兰浩特市" in surfaces


def test_a_kind_of_place_before_a_dash_of_apposition_is_no_line_end(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'蒙东地区的重要城市——赤峰正式接入全国高铁网': the dash sets off the city named, no railway runs from a place
    '城市'; a hyphen between ends named by kind words still joins a line ('莫林-戈壁-图克木公路')."""
    plan = tmp_path / "page.txt"
    plan.write_text(
        "赤峰高铁开通\n作为蒙东地区的重要城市——赤峰正式接入全国高铁网，市民出行更方便。\n", encoding="utf-8"
    )
    places = geoparse(read(plan), gazetteer)
    assert not places.corridors
    assert "赤峰" in [m.surface for m in places.mentions]


def test_an_end_opened_by_an_adverb_and_a_verb_reads_as_prose() -> None:
    """'正式接入全国': an adverb of two characters and a verb after it open a clause, no place's name."""
    from geoplan.geocode.segment import reads_as_prose

    assert reads_as_prose("正式接入全国")
    assert not reads_as_prose("巴音花")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "  1. ^ 满洲里口岸. 中国(内蒙古)国际贸易单一窗口. [2021-01-28].\n满洲里市位于呼伦贝尔。",
            ["满洲里市", "呼伦贝尔"],
        ),
        ("内蒙在线 版权所有\n包头市位于黄河北岸。", ["包头市", "黄河"]),
    ],
)
def test_a_wiki_reference_or_copyright_line_names_no_place(
    gazetteer: Gazetteer, text: str, kept: list[str]
) -> None:
    """A wiki page's reference entry cites another page's title; a copyright line names the site."""
    assert _surfaces(gazetteer, text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("新巴尔虎左奇位于内蒙古自治区东北部。", [("新巴尔虎左奇", "banner:150726")]),
        ("阿拉善左奇东南高西北低。", [("阿拉善左奇", "banner:152921")]),
        ("阿拉善左旗奇石很多。", [("阿拉善左旗", "banner:152921")]),  # 奇石: a word of its own
    ],
)
def test_a_banner_written_with_the_homophone_of_its_class_word(
    gazetteer: Gazetteer, text: str, kept: list[tuple[str, str]]
) -> None:
    """Some pages write 奇 for 旗 after a banner's wing: the banner, as written."""
    mentions = found(gazetteer, text, ("surface", "place_ids"))
    assert [(surface, ids[0]) for surface, ids in mentions if ids and ids[0].startswith("banner:")] == kept


def test_an_avenue_named_after_a_river_is_a_street(gazetteer: Gazetteer) -> None:
    """'区人民政府驻霍林河大街': a street of the city named after the river, no mention of the river."""
    assert found(gazetteer, "区人民政府驻霍林河大街。") == [("霍林河大街", "road")]


def test_a_township_named_by_two_words_joined_with_a_dot(gazetteer: Gazetteer) -> None:
    """'呼布尔·宝力格苏木': two Mongolian words joined by a dot name one township."""
    assert _surfaces(gazetteer, "辖甘珠尔苏木、呼布尔·宝力格苏木、季布·胡朗图苏木。")[1:] == [
        "呼布尔·宝力格苏木",
        "季布·胡朗图苏木",
    ]


def test_a_market_after_a_province_is_no_county(gazetteer: Gazetteer) -> None:
    """'北京花卉市场': 市 starts the word 市场, no county-level city '花卉市' of Beijing."""
    assert _surfaces(gazetteer, "在北京花卉市场上出售。") == ["北京"]


def test_landform_kinds_make_no_grassland_name(gazetteer: Gazetteer) -> None:
    """'高山草原', '中低山地': kinds of land, no named grassland or region."""
    assert _surfaces(gazetteer, "在高山草原上策马奔腾，中低山地占四成。") == []


def test_a_route_code_after_a_coded_name_starts_the_next_name(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'G6京藏高速' as a heading, then 'G6京藏高速，又称…' (the reader joins them): the second code opens the next
    name, it is no second code of the first ('荣乌高速G18' still is one route named twice)."""
    page = tmp_path / "page.txt"
    page.write_text(
        "引言\n\n包头拥有发达的高速公路网络，本文介绍主要线路。\n\n主要高速公路线路\n\n1. G6京藏高速\n\n"
        "G6京藏高速,又称京藏高速公路,是国家高速公路主干线。荣乌高速G18通车。\n",
        encoding="utf-8",
    )
    surfaces = [m.surface for m in geoparse(read(page), gazetteer).mentions]
    assert surfaces.count("G6京藏高速") == 2 and "荣乌高速G18" in surfaces


def test_a_units_stem_in_a_text_naming_the_unit_in_full(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """One sense per text: in a text on 卓资县 the stem '卓资' standing alone is the county, and in one on 海南区
    '海南地区' is the district's area; a text that does not name the unit in full reads neither."""
    ids = resolved_ids(gazetteer, tmp_path, "卓资县概况", "卓资县历史悠久。卓资，因山得名。")
    assert ids.get("卓资") == "banner:150921"
    ids = resolved_ids(
        gazetteer, tmp_path, "乌海市概况", "海南区地处台地西部，桌子山成为海南地区东缘的屏障。"
    )
    assert ids.get("海南地区") == "banner:150303"
    assert "卓资" not in resolved_ids(gazetteer, tmp_path, "概况", "卓资，因山得名。")


@pytest.mark.parametrize(
    ("record", "banner"),
    [
        ("town:150927:元山子乡", "察哈尔右翼中旗"),  # a former township of the same name as one of 丰镇市
        ("scenic:孝庄博物馆", "科尔沁左翼中旗"),
        ("scenic:嘎达梅林纪念馆", "科尔沁左翼中旗"),
        ("scenic:汤格尔庙", "科尔沁左翼中旗"),
    ],
)
def test_places_a_third_page_locates(gazetteer: Gazetteer, record: str, banner: str) -> None:
    """Records from the third fact-check of development-set places (pages read 2026-12-02, cited in the rows)."""
    place = gazetteer.get(record)
    assert gazetteer.get(place.banner_id).name == banner and "(read 2026-12-02)" in place.note


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("内蒙古赤峰高速什么时候通车", ["内蒙古", "赤峰"]),  # the expressways of a place, no route
        ("包头高速出口拥堵", ["包头"]),
        ("呼包高速通车，赤峰绕城高速开工", ["呼包高速", "赤峰绕城高速"]),  # initials; a name of its own
    ],
)
def test_an_expressway_word_after_units_names_no_route(
    gazetteer: Gazetteer, text: str, kept: list[str]
) -> None:
    assert _surfaces(gazetteer, text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("金代，属上京路临潢府及东北路招讨司、咸平路咸平府管辖。", []),  # circuits of the Jin
        ("元代，由辽阳行省开元路、中书省泰宁路和宁昌路管辖。", []),
        ("沿建设路向北，经新华路到达火车站。", ["新华路"]),  # streets of today
    ],
)
def test_a_dynastys_circuit_is_no_street(gazetteer: Gazetteer, text: str, kept: list[str]) -> None:
    """'X路' in a sentence on the Liao, Jin or Yuan is the dynasty's circuit, a region of the past, no street."""
    assert _surfaces(gazetteer, text) == kept


def test_townships_of_a_table_flattened_into_a_line(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'人口(人):科布尔镇26638得胜乡9254…五号乡4214…': each name before its figure is a township, whatever its
    words (得胜 reads as a verb, 五号 as a count elsewhere), a longer one in place of a shorter it holds
    ('白海子乡', not 海子乡 of another banner)."""
    text = "人口(人):科布尔镇26638得胜乡9254五号乡4214二号地乡4530白海子乡10070人,三城局乡7227人。"
    ids = resolved_ids(gazetteer, tmp_path, "察哈尔右翼中旗概况", text)
    for name in ("得胜乡", "五号乡", "二号地乡", "白海子乡", "三城局乡"):
        assert ids.get(name) == "banner:150927", name
    assert "海子乡" not in ids
    assert "得胜乡" not in _surfaces(gazetteer, "我军在得胜乡9254名群众的支持下取得胜利。")


def test_quoted_sights_written_with_no_mark_between(gazetteer: Gazetteer) -> None:
    """'“双驼峰”“卧龙峰”“佛手山”和“神葱岩”': a list of quoted sights needs no 、 between them; quoted slogans
    written so stay none."""
    text = "景区内“双驼峰”“卧龙峰”“佛手山”和“神葱岩”堪称奇观，坚持“绿水青山”“金山银山”“生态优先”。"
    assert _surfaces(gazetteer, text) == ["双驼峰", "卧龙峰", "佛手山", "神葱岩"]


def test_a_river_or_lake_with_its_basin_word_is_one_mention(gazetteer: Gazetteer) -> None:
    """'嫩江流域', '呼伦湖流域': the basin, one span with 流域 (as the tuned plans' annotations have 乌梁素海流域)."""
    assert _surfaces(gazetteer, "辽代，嫩江流域归上京道；实施呼伦湖流域生态综合治理。") == [
        "嫩江流域",
        "呼伦湖流域",
    ]


def test_a_count_after_a_list_of_abbreviations_ends_its_last_item(gazetteer: Gazetteer) -> None:
    """'京、蒙、辽三地': the count closing the list ends its last item (jieba reads 辽三地 as one word)."""
    assert _surfaces(gazetteer, "也让京、蒙、辽三地联系进一步加强。") == ["京", "蒙", "辽"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "东邻达茂旗石宝镇、南连固阳县、北与百灵庙镇、明安镇接壤。",
            ["达茂旗", "石宝镇", "固阳县", "百灵庙镇", "明安镇"],
        ),
        ("西靠本旗巴音花镇，南连本旗达尔汗苏木。", ["巴音花镇", "达尔汗苏木"]),  # 本旗: this banner
    ],
)
def test_a_side_with_and_or_this_unit_before_a_township_is_prose(
    gazetteer: Gazetteer, text: str, kept: list[str]
) -> None:
    assert _surfaces(gazetteer, text) == kept


def test_a_chains_ends_without_a_time_word_or_a_demonstrative(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'当达茂旗巴音花——满都拉——蒙古国赛音山达这一线路': 当 (when) opens the clause and 这 (this) follows the last
    end; neither is part of a place's name."""
    page = tmp_path / "page.txt"
    page.write_text(
        "口岸铁路\n谋划跨境铁路建设，当达茂旗巴音花——满都拉——蒙古国赛音山达这一线路的铁路建成后，将打通通道。\n",
        encoding="utf-8",
    )
    (corridor,) = geoparse(read(page), gazetteer).corridors
    assert [w.surface for w in corridor.waypoints] == ["巴音花", "满都拉", "赛音山达"]


def test_a_common_word_opening_a_clause_is_no_banners_stem(gazetteer: Gazetteer) -> None:
    """'白云时而傍山升腾': clouds, not 白云鄂博矿区's stem; '凉城位于…' still names 凉城县."""
    assert _surfaces(gazetteer, "山头薄雾缭绕，白云时而傍山升腾。凉城位于乌兰察布市。") == [
        "凉城",
        "乌兰察布市",
    ]


def test_a_region_named_after_its_people_written_with_its_tribe_word(gazetteer: Gazetteer) -> None:
    """'科尔沁部牧地': the tribe, no mention of the region; '科尔沁部分地区' (部分: part) still names it."""
    assert _surfaces(gazetteer, "明末，成为科尔沁部牧地。科尔沁部分地区干旱。") == ["科尔沁"]


def test_a_news_or_information_website_after_a_place(gazetteer: Gazetteer) -> None:
    """'河南旅游资讯网', '包头新闻网': websites named after a place; '内蒙古公路网' is a network, the place stays."""
    assert _surfaces(gazetteer, "来源:河南旅游资讯网。包头新闻网报道。建设内蒙古公路网。") == ["内蒙古"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("高中有察哈尔右翼中旗一中和察右中旗蒙中。", []),  # schools named after the banner
        ("金,属西京路。", []),  # the Jin's circuit, a comma after the dynasty
        ("著名的三十二连山，位于二连浩特。", ["三十二连山", "二连浩特"]),  # a count holding 二连; its record
    ],
)
def test_schools_circuits_and_counts_hold_no_place(gazetteer: Gazetteer, text: str, kept: list[str]) -> None:
    assert _surfaces(gazetteer, text) == kept


def test_a_townships_stem_before_its_urban_area(gazetteer: Gazetteer) -> None:
    """'天义城区' after the text named 天义镇: the township's urban area, the township."""
    text = "旅游的核心区域集中天义镇及周边。博物馆位于天义城区西部。"
    assert found(gazetteer, text, ("surface", "place_ids"))[-1] == ("天义", ("town:150429:天义镇",))


@pytest.mark.parametrize(
    ("name", "record", "banner"),
    [
        ("红花尔基森林公园", "scenic:红花尔基樟子松国家森林公园", "鄂温克族自治旗"),
        ("海拉尔西山国家森林公园", "scenic:海拉尔国家森林公园", "海拉尔区"),
        ("沙埠古松", "scenic:海拉尔国家森林公园", "海拉尔区"),
        ("敖汉温泉", "scenic:敖汉温泉城", "敖汉旗"),
        ("三十二连山", "mountain:三十二连山", "敖汉旗"),
    ],
)
def test_places_a_fourth_page_locates(gazetteer: Gazetteer, name: str, record: str, banner: str) -> None:
    """Records from the fourth fact-check of development-set places (pages read 2026-12-02, cited in the rows)."""
    assert gazetteer.finder.ids(name) == (record,)
    place = gazetteer.get(record)
    assert gazetteer.get(place.banner_id).name == banner and "(read 2026-12-02)" in place.note


def test_a_river_with_the_word_of_its_system_is_one_mention(gazetteer: Gazetteer) -> None:
    """'滦河水系' (the river's system), like '嫩江流域': one span with 水系, for a recorded river and for one its class
    word names ('大凌河'); '内陆水系' (inland drainage) names no river."""
    assert _surfaces(gazetteer, "河流分别属内陆水系、滦河水系、大凌河水系、西拉木伦河水系。") == [
        "滦河水系",
        "大凌河水系",
        "西拉木伦河水系",
    ]


def test_more_sides_and_parts_of_a_range_are_one_mention(gazetteer: Gazetteer) -> None:
    """A range's spur ('余脉'), section ('南段山脉'), side ('南侧') and its land right after the name ('山地') are one
    mention with the range's name; a side before 山地 ends the mention ('…中段东南麓' of '…中段东南麓山地')."""
    assert _surfaces(
        gazetteer,
        "山区属大兴安岭余脉，地处大兴安岭山地与燕山山地交接，发源于努鲁儿虎山南侧，分布于大兴安岭南段山脉西部，"
        "地处大兴安岭中段东南麓山地。",
    ) == [
        "大兴安岭余脉",
        "大兴安岭山地",
        "燕山山地",
        "努鲁儿虎山南侧",
        "大兴安岭南段山脉",
        "大兴安岭中段东南麓",
    ]


def test_an_ordinal_of_channels_opens_a_rivers_name(gazetteer: Gazetteer) -> None:
    """'二道沙河' (the second sandy channel): 二道 is part of the name, not a count before a kind ('一处遗址',
    '三大产业园区' stay counts)."""
    assert _surfaces(gazetteer, "居住在二道沙河附近的市民；二道沙河是黄河的一级支流。") == [
        "二道沙河",
        "二道沙河",
        "黄河",
    ]


def test_a_river_heading_a_villages_name_is_no_mention(gazetteer: Gazetteer) -> None:
    """'二道沙河南村', '黄河村': a village named after a river is below the level geoplan maps, and the river
    inside its name is no mention of the river; '黄河沿岸村庄' names the river."""
    assert _surfaces(gazetteer, "辖二道沙河南村、二道沙河北村、黄河村。") == []
    assert _surfaces(gazetteer, "黄河沿岸村庄。") == ["黄河"]


def test_a_lines_end_named_after_a_river_is_the_town_of_that_name(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'通辽至霍林河': a line runs to a settlement, not to a river; the places named after the river (霍林河煤田,
    霍林河机场) lie in one banner, where the end is located (霍林郭勒市, built as 霍林河), and the river's name
    written there is that end; a commodity before the line's word is no part of the end ('霍林河天然气管道')."""
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "通辽市概况\n第一章 交通\n通霍铁路从通辽市至霍林河。建设通辽至霍林河天然气管道。霍林河发源于山地。\n",
        "utf-8",
    )
    places = geoparse(read(plan), gazetteer)
    located = [(m.surface, m.place.id) for m in places.mentions if m.surface == "霍林河"]
    assert located == [("霍林河", "banner:150581"), ("霍林河", "banner:150581"), ("霍林河", "river:霍林河")]
    assert [[w.surface for w in c.waypoints] for c in places.corridors] == [
        ["通辽市", "霍林河"],
        ["通辽", "霍林河"],
    ]


def test_a_banner_named_by_its_side_written_with_its_wing(gazetteer: Gazetteer) -> None:
    """'巴林左翼旗' (the wing written in full, as the banner was named) is 巴林左旗, not a short form cut at 左."""
    assert found(gazetteer, "定旗地域为巴林左翼旗、巴林右翼旗。", ("surface", "place_ids")) == [
        ("巴林左翼旗", ("banner:150422",)),
        ("巴林右翼旗", ("banner:150423",)),
    ]


def test_a_place_in_a_documents_number_is_no_mention(gazetteer: Gazetteer) -> None:
    """'乌海政发〔2023〕22号': the issuer's short name in a document's number names no place the text speaks of."""
    assert _surfaces(gazetteer, "发文字号：乌海政发〔2023〕22号。乌海市发展很快。") == ["乌海市"]


def test_a_chains_first_end_keeps_the_name_found_whole(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'改造将军衙署至公主府公路': 将 of 将军衙署 is no verb before the end; the end is the name found whole."""
    page = tmp_path / "page.txt"
    page.write_text("交通\n改造将军衙署至公主府公路。\n", encoding="utf-8")
    (corridor,) = geoparse(read(page), gazetteer).corridors
    assert [w.surface for w in corridor.waypoints] == ["将军衙署", "公主府"]


def test_a_route_to_follow_names_its_stops_and_draws_no_line(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'旅游线路：A——B——C': a route a visitor follows, no power line; its stops that read as names are mentions
    ('公主府', which no record holds), a stop opened by a verb is none ('赴草原')."""
    page = tmp_path / "page.txt"
    page.write_text("旅游\n旅游线路：大召——公主府——赴草原。\n", encoding="utf-8")
    places = geoparse(read(page), gazetteer)
    assert places.corridors == []
    assert [m.surface for m in places.mentions] == ["大召", "公主府"]
    # a stop no record names is left unplaced (a route may leave the region), not put in the text's own unit
    page.write_text("乌兰察布旅游\n冬季旅游线路：三亚——海口——乌兰察布。\n", encoding="utf-8")
    stops = {m.surface: m.place for m in geoparse(read(page), gazetteer).mentions}
    assert stops["海口"] is None


def test_the_particle_zhe_of_traditional_writing_opens_no_name(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'標誌著珠斯花至…鐵路': traditional writing's 著 is the particle 着 there, so the line's first end is 珠斯花."""
    page = tmp_path / "page.txt"
    page.write_text("鐵路\n標誌著珠斯花至珠恩嘎達布其鐵路全線貫通。\n", encoding="utf-8")
    (corridor,) = geoparse(read(page), gazetteer).corridors
    assert [w.surface for w in corridor.waypoints] == ["珠斯花", "珠恩嘎達布其"]


def test_a_foreign_towns_class_word_ends_its_name(gazetteer: Gazetteer) -> None:
    """'蒙古国扎门乌德市隔界相望': the segmenter writes 市 with the name; the name ends there, not at the verb."""
    assert _surfaces(gazetteer, "二连浩特与蒙古国扎门乌德市隔界相望。") == [
        "二连浩特",
        "蒙古国",
        "扎门乌德市",
    ]


def test_a_kind_of_line_apposed_to_a_chain_is_no_end(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'首条动车组列车运行线——长春至白城至乌兰浩特快速铁路': the words before the dash say what kind of line the
    chain after it is; the line runs from 长春."""
    page = tmp_path / "page.txt"
    page.write_text(
        "铁路\n自治区首条跨区域动车组列车运行线——长春至白城至乌兰浩特快速铁路开通。\n", encoding="utf-8"
    )
    (corridor,) = geoparse(read(page), gazetteer).corridors
    assert [w.surface for w in corridor.waypoints] == ["长春", "白城", "乌兰浩特"]


def test_inside_a_town_is_no_part_of_its_streets_name(gazetteer: Gazetteer) -> None:
    """'大沁他拉镇内王府街': 内 (inside) the town, the street 王府街."""
    assert _surfaces(gazetteer, "驱车至大沁他拉镇内王府街北侧即到。") == ["大沁他拉镇", "王府街"]


def test_a_long_short_form_before_a_copula_or_preposition(gazetteer: Gazetteer) -> None:
    """'批准甘其毛都为…': a short form of four characters or more ends before 为/是/在/于 or the language its
    name is explained in; a two-character one still needs a mark or a verb of its own after it."""
    assert _surfaces(gazetteer, "自治区批准甘其毛都为边境贸易过货点。") == ["甘其毛都"]
    assert _surfaces(gazetteer, "甘其毛都蒙语意为一棵树。") == ["甘其毛都"]


def test_a_compass_region_joined_to_a_region_by_a_conjunction(gazetteer: Gazetteer) -> None:
    """'连接华北和西北': a compass word joined by 和 to a region of the country is a region too ('西北和北边'
    stays two directions)."""
    assert _surfaces(gazetteer, "包头是连接华北和西北重要枢纽。") == ["包头", "华北", "西北"]
    assert _surfaces(gazetteer, "西北和北边分别与兴安盟相连。") == ["兴安盟"]


def test_regions_joined_before_a_class_word_share_it(gazetteer: Gazetteer) -> None:
    """'东北与华北经济区': 经济区 is both regions', each written as its stem; '东北经济区' alone stays whole."""
    assert _surfaces(gazetteer, "赤峰地处东北与华北经济区的结合部。") == ["赤峰", "东北", "华北"]
    assert _surfaces(gazetteer, "兴安盟在国内处于东北经济区。") == ["兴安盟", "东北经济区"]
    # 地区 too ('东北和华北地区'); a macro-region alone keeps it ('西北地区')
    assert _surfaces(gazetteer, "属东北和华北地区的交汇处，面向西北地区。") == ["东北", "华北", "西北地区"]


def test_a_short_outside_name_before_its_city_or_a_journeys_start(gazetteer: Gazetteer) -> None:
    """'从辽宁沈阳出发': a province's two-character name right before one of its cities, and the city before
    出发, are names that end there."""
    assert _surfaces(gazetteer, "早上从辽宁沈阳出发，前往赤峰。") == ["辽宁", "沈阳", "赤峰"]


def test_a_short_outside_name_after_a_verb_of_arriving(gazetteer: Gazetteer) -> None:
    """'抵达银川后': the object of a verb of arriving is a place, as after a preposition of motion."""
    assert _surfaces(gazetteer, "列车抵达银川后返回。货物到达天津后装船。") == ["银川", "天津"]


def test_provinces_abbreviated_before_their_count_over_a_regions_name(gazetteer: Gazetteer) -> None:
    """'毗邻晋陕宁三省区': before the count of provinces each abbreviation is its province (the annotation guide),
    though the run spells a region's recorded name."""
    assert _surfaces(gazetteer, "鄂尔多斯毗邻晋陕宁三省区。") == ["鄂尔多斯", "晋", "陕", "宁"]


def test_a_border_checkpoint_named_after_its_port_is_a_body(gazetteer: Gazetteer) -> None:
    """'珠恩嘎达布其边检站常驻东乌珠穆沁旗': a border checkpoint named after the port is a body, as a customs
    house is; the banner stays."""
    assert _surfaces(gazetteer, "珠恩嘎达布其边检站常驻东乌珠穆沁旗。") == ["东乌珠穆沁旗"]


def test_a_foreign_units_full_name_is_no_part_of_a_longer_word(gazetteer: Gazetteer) -> None:
    """'蒙古国南戈壁省汉博格德县…': the segmenter joins 省 to the next character, but a unit's full name ends at its
    class word; a short outside name inside a word stays none ('海市蜃楼')."""
    surfaces = _surfaces(gazetteer, "甘其毛都口岸与蒙古国南戈壁省汉博格德县嘎顺苏海图口岸相对应。")
    assert "南戈壁省" in surfaces
    assert _surfaces(gazetteer, "沙漠里常见海市蜃楼。") == []


def test_a_capitals_name_after_its_title(gazetteer: Gazetteer) -> None:
    """'距首都北京最近': the capital's title, then its two-character name, which ends there."""
    assert _surfaces(gazetteer, "二连浩特是距首都北京最近的陆路口岸。") == ["二连浩特", "北京"]


def test_the_issuers_signature_over_a_date_names_no_place(gazetteer: Gazetteer) -> None:
    """A body's name on its own line over a date line at the end of a text signs it (the issuer); the same line
    heading a text names the place it is about."""
    signed = (
        "计划\n一、总体情况\n全盟经济平稳运行。\n锡林浩特市发展较快。\n锡林郭勒盟行政公署\n2024年3月12日\n"
    )
    assert _surfaces(gazetteer, signed) == ["锡林浩特市"]
    assert _surfaces(gazetteer, "锡林郭勒盟行政公署\n2024年3月12日\n全盟经济平稳运行。\n") == ["锡林郭勒盟"]


def test_a_style_named_after_a_country_is_no_mention_of_it(gazetteer: Gazetteer) -> None:
    """'充满俄罗斯风情的小城': a style named after the country; '出口俄罗斯' names the country."""
    assert _surfaces(gazetteer, "海拉尔是一座充满俄罗斯风情的小城，产品出口俄罗斯。") == ["海拉尔", "俄罗斯"]


def test_a_sessions_time_and_an_office_holders_byline_name_no_place(gazetteer: Gazetteer) -> None:
    """'X市第四届人民代表大会第一次会议以来' dates from the assembly's session (the occasion line '在X市…会议上'
    names the place); a byline 'X市人民政府代理市长 姓名' gives the speaker's office."""
    report = (
        "政府工作报告\n——2022年2月25日在呼伦贝尔市第五届人民代表大会第一次会议上\n呼伦贝尔市人民政府代理市长 某某\n"
        "各位代表：\n呼伦贝尔市第四届人民代表大会第一次会议以来的四年，海拉尔区发展很快。\n"
    )
    assert _surfaces(gazetteer, report) == ["呼伦贝尔市", "海拉尔区"]


def test_the_old_wall_is_the_recorded_wall_and_a_dynastys_wall_lies_in_it(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'古长城' is the Great Wall the gazetteer records; '明长城', a part of it, in a banner's plan lies in that
    banner (its stretch of the wall)."""
    located = resolved_ids(gazetteer, tmp_path, "文物保护", "保护古长城。")
    assert located == {"古长城": "scenic:长城"}
    located = resolved_ids(gazetteer, tmp_path, "乌拉特后旗文物保护规划", "保护古长城和明长城遗址。")
    assert located == {"乌拉特后旗": "banner:150825", "古长城": "scenic:长城", "明长城遗址": "banner:150825"}


def test_the_sides_a_count_of_places_stands_on_are_no_names(gazetteer: Gazetteer) -> None:
    """'南北两座沙山': the compass sides of the counted places, no list of names."""
    assert _surfaces(gazetteer, "景区有湖泊、南北两座沙山。") == []


def test_a_run_of_initials_starts_a_word(gazetteer: Gazetteer) -> None:
    """'陆海联运大通道': 海联运 ends the word 陆海 (land and sea), no initials of places; '呼包鄂榆经济圈' is."""
    assert _surfaces(gazetteer, "打造面向欧洲的陆海联运大通道。") == ["欧洲"]
    assert _surfaces(gazetteer, "融入呼包鄂榆经济圈。") == ["呼包鄂榆经济圈"]


def test_a_national_desert_park_is_named_with_its_rank(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "新建恩格贝国家沙漠公园1处。") == [("恩格贝国家沙漠公园", "scenic")]


def test_the_middle_slope_of_a_range_is_a_side_of_it(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "林区位于大兴安岭中麓。") == [("大兴安岭中麓", "mountain")]


def test_a_chains_last_end_stops_before_the_land_around_it(gazetteer: Gazetteer) -> None:
    """'…—X沙漠边缘治理任务': the edge of the desert and the prose after it are no part of the end's name."""
    from geoplan.geocode.corridors import find_corridors

    ends = [
        [w.surface for w in c.waypoints]
        for c in find_corridors("推进河西走廊—巴丹吉林沙漠边缘治理攻坚任务。")
    ]
    assert ends == [["河西走廊", "巴丹吉林沙漠"]]


def test_a_leagues_name_before_port_is_its_ports(gazetteer: Gazetteer) -> None:
    """'居呼伦贝尔市口岸第二位': the league's ports, no port's name; a port town's name before 口岸 names its port."""
    assert found(gazetteer, "货运量居呼伦贝尔市口岸第二位。") == [("呼伦贝尔市", None)]
    assert _surfaces(gazetteer, "二连浩特市口岸是公路口岸。") == ["二连浩特市口岸"]


def test_a_class_word_before_history_names_no_place(gazetteer: Gazetteer) -> None:
    """'写入兰州铁路史': the history of the railways of a city, which is the mention."""
    assert _surfaces(gazetteer, "这趟列车写入了兰州铁路史。") == ["兰州"]


def test_a_short_outside_name_joined_to_a_place_before_it(gazetteer: Gazetteer) -> None:
    """'呼和浩特与西安之间', '北京、天津、太原一起': a short outside name joined by a list mark or a conjunction to a
    place is one more place, though no name's end follows it; inside a word it stays none ('发展和长治久安')."""
    assert _surfaces(gazetteer, "呼和浩特与西安之间开行动车。") == ["呼和浩特", "西安"]
    assert _surfaces(gazetteer, "与北京、天津、太原一起列入名单。") == ["北京", "天津", "太原"]
    assert _surfaces(gazetteer, "促进包头发展和长治久安。") == ["包头"]


def test_descriptive_words_after_a_place_make_no_name(gazetteer: Gazetteer) -> None:
    """'岱海主要景区', 'X大型主题公园': the place's main sights, no name of one; the place stays."""
    assert found(gazetteer, "岱海主要景区已开放。") == [("岱海", None)]


def test_a_name_after_a_places_side_is_its_own(gazetteer: Gazetteer) -> None:
    """'岱海南岸碧海银滩景区': the lake, and a sight named on its side."""
    assert found(gazetteer, "游览岱海南岸碧海银滩景区。") == [("岱海", None), ("碧海银滩景区", "scenic")]


def test_a_temple_written_after_its_township(gazetteer: Gazetteer) -> None:
    """'巴音花苏木查干庙': the township, then the temple in it, each a mention."""
    assert found(gazetteer, "原址在巴音花苏木查干庙。") == [("巴音花苏木", "town"), ("查干庙", "scenic")]


def test_a_townships_short_form_after_a_dynasty_is_a_site_of_that_time(gazetteer: Gazetteer) -> None:
    """'清代王爷府': a prince's mansion of the Qing, not the township 王爷府镇 (written in full it is)."""
    assert _surfaces(gazetteer, "奈曼旗清代王爷府，现为博物馆。") == ["奈曼旗"]
    assert _surfaces(gazetteer, "前往王爷府镇。") == ["王爷府镇"]


def test_provinces_meeting_point_with_a_possessive_names_a_border(gazetteer: Gazetteer) -> None:
    """'处于蒙冀辽三省的交汇处' says where a place lies, as '三省区交汇处' does: no province mentions."""
    assert _surfaces(gazetteer, "赤峰处于蒙冀辽三省的交汇处。") == ["赤峰"]


def test_regions_named_by_their_cities_outside_the_region(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """河西走廊 and 晋北 are recorded regions of 甘肃 and 山西 (sourced, located no finer than their province)."""
    located = resolved_ids(gazetteer, tmp_path, "阿拉善右旗概况", "旗境南接河西走廊，游客多来自晋北地区。")
    assert located["河西走廊"] == "region:河西走廊" and located["晋北地区"] == "region:晋北"
    for record in ("region:河西走廊", "region:晋北"):
        place = gazetteer.get(record)
        assert place.geometry is not None and place.league_id is None


def test_lines_listed_by_their_initials_alone(gazetteer: Gazetteer) -> None:
    """'加快集大原、包银、太锡等项目': items that with a line word name recorded lines are those lines when two or
    more do; a lone pair of initials or a list of places is no line."""
    assert found(gazetteer, "加快集大原、包银、太锡等项目进度。") == [
        ("集大原", "railway"),
        ("包银", "railway"),
        ("太锡", "railway"),
    ]
    assert _surfaces(gazetteer, "推进包银项目。") == []
    assert _surfaces(gazetteer, "建设包头、乌海。") == ["包头", "乌海"]


def test_a_dam_named_after_a_place_outside_lies_there(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'上距青铜峡水利枢纽200km' in a text of 乌海: the dam named after 青铜峡 (宁夏) lies there, as a port or a
    station named after an outside city does — not in the text's own league."""
    located = resolved_ids(gazetteer, tmp_path, "乌海市水利", "海勃湾水利枢纽上距青铜峡水利枢纽200km。")
    assert located["青铜峡水利枢纽"] == "neighbour:640381"


def test_the_qin_road_and_the_tombs_other_name_are_records(gazetteer: Gazetteer) -> None:
    """秦直道 (a line through the banners its page names, in two leagues) and 青冢 (the other name of 昭君墓)."""
    road = gazetteer.get("scenic:秦直道")
    assert road.geometry.geom_type == "LineString" and road.league_id is None
    assert [c.place.id for c in gazetteer.lookup("青冢")] == ["scenic:昭君博物院"]


def test_an_aimag_behind_the_border_aimags_is_recorded(gazetteer: Gazetteer) -> None:
    """'辐射蒙古国苏赫巴托省、东方省和肯特省': 肯特省 is a Mongolian aimag, at its capital's GeoNames point."""
    assert found(gazetteer, "辐射苏赫巴托省、东方省和肯特省。") == [
        ("苏赫巴托省", None),
        ("东方省", None),
        ("肯特省", None),
    ]
    assert gazetteer.get("foreign:肯特省").precision == "province"


def test_units_written_before_an_ethnic_township_are_its_address(gazetteer: Gazetteer) -> None:
    """'赤峰市松山区当铺地满族乡': the league and the banner, then the township with its people (not '满族乡')."""
    assert _surfaces(gazetteer, "位于赤峰市松山区当铺地满族乡。") == ["赤峰市", "松山区", "当铺地满族乡"]


def test_a_district_written_after_its_city_before_a_street(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'呼和浩特市新城区新华东街': the city, its district, then the street, which lies in the district."""
    assert _surfaces(gazetteer, "地址：呼和浩特市新城区新华东街27号。") == [
        "呼和浩特市",
        "新城区",
        "新华东街",
    ]
    located = resolved_ids(gazetteer, tmp_path, "呼和浩特市旅游", "地址：呼和浩特市新城区新华东街27号。")
    assert located["新华东街"] == "banner:150102"


def test_a_world_regions_countries_name_the_region(gazetteer: Gazetteer) -> None:
    """'通往东欧国家' (one word of the segmenter's), '与西欧各国相连', '联通中亚、西亚': the world region is named."""
    assert _surfaces(gazetteer, "这是通往东欧国家的通道。") == ["东欧"]
    assert _surfaces(gazetteer, "铁路与西欧各国相连。") == ["西欧"]
    assert _surfaces(gazetteer, "向西联通中亚、西亚到达欧洲。") == ["中亚", "西亚", "欧洲"]


def test_two_cities_paired_before_hutong_are_linked_not_an_interchange(gazetteer: Gazetteer) -> None:
    """'包头与银川互通的线路': the verb 'link up' after two cities; a road paired with another road before 互通 names
    an interchange ('G6高速与东二环互通')."""
    assert found(gazetteer, "包头与银川互通的这条线路已通车。") == [("包头", None), ("银川", None)]
    assert ("东二环互通", "road") in found(gazetteer, "G6高速与东二环互通等工程建成。")


def test_a_quoted_name_whose_origin_is_explained_names_no_place(gazetteer: Gazetteer) -> None:
    """'“赤峰”因…山峰而得名': the name's origin is explained, as with '“X”意为'; '“赤峰”因此…' is no such clause."""
    assert _surfaces(gazetteer, "“赤峰”因城区东北角有一座赭红色的山峰而得名。") == []
    assert _surfaces(gazetteer, "“赤峰”因此成为热点。") == ["赤峰"]


def test_the_regions_full_name_and_a_unit_before_a_sight_are_its_address(gazetteer: Gazetteer) -> None:
    """'内蒙古自治区乌海市X风景区': the region, the league, then the sight (three mentions), as after the short name;
    a designation's official name after the region's name stays whole."""
    assert _surfaces(gazetteer, "内蒙古自治区乌海市龙凤湾水利风景区已开放。") == [
        "内蒙古自治区",
        "乌海市",
        "龙凤湾水利风景区",
    ]
    assert _surfaces(gazetteer, "内蒙古萨拉乌苏国家湿地公园已开放。") == ["内蒙古萨拉乌苏国家湿地公园"]


def test_a_range_and_its_side_after_another_natural_name(gazetteer: Gazetteer) -> None:
    """'内蒙古高原阴山山脉东南麓': the plateau, then the range with its side — not one name of a mountain."""
    assert _surfaces(gazetteer, "卓资县位于内蒙古高原阴山山脉东南麓。") == [
        "卓资县",
        "内蒙古高原",
        "阴山山脉东南麓",
    ]


def test_a_settlements_name_before_a_class_word_names_the_place_there(gazetteer: Gazetteer) -> None:
    """'雅布赖湖' (jieba reads a verb in 雅布赖, the name of a town): the lake named after the town."""
    assert found(gazetteer, "雅布赖湖水面不大。") == [("雅布赖湖", "lake")]


def test_an_old_temples_epithet_is_no_part_of_its_name(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "千年古刹双福寺始建于康熙年间。") == ["双福寺"]


def test_an_outside_citys_name_before_its_suburbs_or_a_sight_of_it(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'北京郊区', '北京北海公园' (each one word of jieba's): the city is named, and the sight lies there."""
    assert _surfaces(gazetteer, "雁栖湖位于北京郊区。") == ["雁栖湖", "北京"]
    assert _surfaces(gazetteer, "与北京北海公园白塔遥相呼应。") == ["北京", "北海公园"]
    located = resolved_ids(gazetteer, tmp_path, "通辽市旅游", "与北京北海公园白塔遥相呼应。")
    assert located["北海公园"] == "province:110000"


def test_a_place_said_to_lie_after_a_comma(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'雁栖湖，位于北京郊区': the comma before 位于 still says where the lake lies (not the text's own banner)."""
    located = resolved_ids(gazetteer, tmp_path, "克什克腾旗旅游", "雁栖湖，位于北京郊区的燕山脚下。")
    assert located["雁栖湖"] == "province:110000"


def test_a_unit_of_the_region_written_after_another_province_is_that_provinces(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'因与陕西省醴泉县同名': a namesake of a former name of 突泉县, in 陕西; '吉林省通榆县' keeps its record."""
    located = resolved_ids(
        gazetteer, tmp_path, "突泉县概况", "1914年，因与陕西省醴泉县同名，改称突泉县。与吉林省通榆县交界。"
    )
    assert located["醴泉县"] == "province:610000"
    assert located["突泉县"] == "banner:152224"
    assert located["通榆县"] == "neighbour:220822"


def test_a_regions_heartland_names_the_region(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "向南延伸到东北和华北腹地。") == ["东北", "华北"]


def test_a_designation_named_after_a_banner_is_a_place(gazetteer: Gazetteer) -> None:
    """'额尔古纳国家森林公园': the rank opens a designation named after the banner (the gazetteer lacks it); the
    tourism of a banner ('乌拉特后旗景区') names no place."""
    assert found(gazetteer, "额尔古纳国家森林公园：观赏森林。") == [("额尔古纳国家森林公园", "scenic")]
    assert _surfaces(gazetteer, "乌拉特后旗景区很多。") == ["乌拉特后旗"]


def test_a_short_foreign_name_ending_a_longer_transliteration_is_none(gazetteer: Gazetteer) -> None:
    """'澳大利西亚' (jieba: 澳大利 + 西亚) is no 西亚; 东亚 (recorded as the other world regions are) is named, and a
    country's own name before a province stays ('中国福建')."""
    assert _surfaces(gazetteer, "这里是东亚-澳大利西亚候鸟迁徙路线上的停歇地。") == ["东亚"]
    assert "福建" in _surfaces(gazetteer, "它南起中国福建武夷山。")


def test_a_culture_named_after_its_site_is_no_gully(gazetteer: Gazetteer) -> None:
    """'赵宝沟文化', '朱开沟文化': archaeological cultures, no gullies; '五道沟常年有水' names one."""
    assert _surfaces(gazetteer, "赵宝沟文化距今约七千年。") == []
    assert _surfaces(gazetteer, "有距今4000年的朱开沟文化。") == []
    assert found(gazetteer, "五道沟常年有水。") == [("五道沟", "river")]


@pytest.mark.parametrize(
    ("text", "summits"),
    [
        ("主峰大桦背海拔2322米。", ["大桦背"]),
        ("最高点是小青山，海拔1909米。", ["小青山"]),
        ("全旗最高点海拔1500米。", []),
        ("最高峰在东部，海拔1800米。", []),
    ],
)
def test_a_summit_named_between_its_rank_and_its_height(
    gazetteer: Gazetteer, text: str, summits: list[str]
) -> None:
    assert [s for s, kind in found(gazetteer, text) if kind == "mountain"] == summits


def test_the_unit_a_text_says_a_place_lies_in_corrects_an_inference(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'雅布赖湖位于阿拉善左旗': the text's word beats the town its name holds (雅布赖镇 of 阿拉善右旗), which stands
    where the text agrees; a sight said to lie in another banner than the text's own lies there."""
    located = resolved_ids(gazetteer, tmp_path, "阿拉善左旗旅游", "雅布赖湖位于阿拉善左旗。")
    assert located["雅布赖湖"] == "banner:152921"
    located = resolved_ids(gazetteer, tmp_path, "阿拉善左旗旅游", "雅布赖湖位于阿拉善右旗雅布赖镇。")
    assert located["雅布赖湖"] == "town:152922:雅布赖镇"
    located = resolved_ids(gazetteer, tmp_path, "阿拉善左旗旅游", "乌海湖水利风景区，位于海勃湾区。")
    assert located["乌海湖水利风景区"] == "banner:150302"


def test_a_list_of_offices_names_the_subdistricts(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'辖好里堡办事处、河东办事处': each office in a list of a unit's divisions stands for its subdistrict (the
    annotation guide), a town mention of its name, resolved to the subdistrict of the unit; one office in prose, a
    liaison office and a body's office name no subdistrict."""
    text = "根河市辖好里堡办事处、河东办事处、河西办事处、森工办事处。"
    assert found(gazetteer, text) == [
        ("根河市", None),
        ("好里堡", "town"),
        ("河东", "town"),
        ("河西", "town"),
        ("森工", "town"),
    ]
    located = resolved_ids(gazetteer, tmp_path, "根河市概况", text)
    assert located["河东"] == "town:150785:河东街道"  # not 包头's 河东街道 or 河东镇
    assert located["森工"] == "town:150785:森工街道"
    assert _surfaces(gazetteer, "下辖地区：正阳办事处、向阳办事处") == ["正阳", "向阳"]
    assert _surfaces(gazetteer, "在河东办事处召开会议") == []
    assert _surfaces(gazetteer, "鄂尔多斯市驻京办事处、驻呼办事处") == []
    assert _surfaces(gazetteer, "管委会办事处、林业局办事处") == []


def test_a_subdistrict_an_act_makes_is_a_division(gazetteer: Gazetteer) -> None:
    """'将X镇变更为X街道办事处': the subdistrict the change makes is named with its office, as in a list."""
    assert _surfaces(gazetteer, "将好里堡镇变更为好里堡街道办事处") == ["好里堡镇", "好里堡街道"]


def test_the_body_a_farm_belongs_to_is_no_part_of_its_name(gazetteer: Gazetteer) -> None:
    """'大兴安岭农场管理局诺敏河农场': the administration is a body; the farm's name starts after it, and the
    administration itself ('X农场管理局') is no farm."""
    assert _surfaces(gazetteer, "境内有大兴安岭农场管理局诺敏河农场、大兴安岭农场管理局宜里农场") == [
        "诺敏河农场",
        "宜里农场",
    ]
    assert [s for s, kind in found(gazetteer, "海拉尔农牧场管理局谢尔塔拉农场") if kind == "town"] == [
        "谢尔塔拉农场"
    ]


@pytest.mark.parametrize(
    ("text", "reserves"),
    [
        ("荷叶花湿地水禽自然保护区位于扎鲁特旗东南部", ["荷叶花湿地水禽自然保护区"]),
        ("在荷叶花湿地水禽自然保护区观测到候鸟", ["荷叶花湿地水禽自然保护区"]),
        ("区内湿地水禽自然保护区", []),
        ("全旗湿地自然保护区", []),
        ("建立湿地水禽自然保护区", []),
        ("森林和野生动物类型自然保护区", []),
    ],
)
def test_a_reserve_named_by_common_words_before_what_it_keeps(
    gazetteer: Gazetteer, text: str, reserves: list[str]
) -> None:
    """A name of common words ('荷叶花') before the words of what a reserve keeps (湿地, 水禽) names the reserve;
    words of where or which ('区内', '全旗') or the descriptors alone name a kind of reserve."""
    assert [s for s, kind in found(gazetteer, text) if kind == "reserve"] == reserves


def test_a_name_written_with_other_characters_of_the_same_sounds(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """A transcription the gazetteer lacks finds the place whose name sounds the same, of its own type (太/泰,
    巴音/巴彦, 峰/锋), ranked as any name: said so in its rule; a name of another type or of two characters is not
    compared."""
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "阿拉善左旗概况\n第一章 总则\n阿拉善左旗吉兰太镇和巴音木仁苏木。巴林左旗先峰乡。吉兰太河。\n",
        encoding="utf-8",
    )
    by_surface = {m.surface: m for m in geoparse(read(plan), gazetteer).mentions}
    assert by_surface["吉兰太镇"].place.id == "town:152921:吉兰泰镇"
    assert by_surface["吉兰太镇"].rule.startswith("spelling:")
    assert "吉兰泰镇 sounds the same" in by_surface["吉兰太镇"].reason
    assert by_surface["巴音木仁苏木"].place.id == "town:152921:巴彦木仁苏木"
    assert by_surface["先峰乡"].place.id == "town:150421:先锋乡"
    assert not by_surface["吉兰太河"].rule.startswith("spelling")  # no river sounds so


def test_the_sounds_of_a_name(gazetteer: Gazetteer) -> None:
    assert sounds("吉兰太镇") == sounds("吉兰泰镇") == "ji-lan-tai-zhen"
    assert sounds("巴音") == sounds("巴彦")
    assert same_sounds(gazetteer, "吉兰太镇", "town") == ("town:152921:吉兰泰镇",)
    assert same_sounds(gazetteer, "吉兰太镇", "river") == ()
    assert same_sounds(gazetteer, "乌海", "town") == ()  # two characters: too many namesakes by sound


def test_a_road_named_by_two_initials(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'热阿线', '达达线': two initials and 线 in a sentence about roads name roads, every occurrence, in the text's
    unit; a kind of line ('边境线', '精品线', '沿线', '生态红线'), a route ('线路') or a railway the gazetteer names
    ('京包线') is no such road."""
    text = "热阿线与达达线是克什克腾旗的两条旅游公路。热阿线上的风光。"
    assert [s for s, kind in found(gazetteer, text) if kind == "road"] == ["热阿线", "达达线", "热阿线"]
    located = resolved_ids(gazetteer, tmp_path, "克什克腾旗旅游", text)
    assert located["热阿线"] == "banner:150425"
    for text in (
        "沿边境线的公路",
        "十大自驾游精品线",
        "公路沿线绿化",
        "守住生态红线，建设国道",
        "根据线路指示自驾",
    ):
        assert [s for s, kind in found(gazetteer, text) if kind == "road"] == [], text
    assert found(gazetteer, "京包线和集二线是自驾公路的旁线") == [("京包线", None), ("集二线", None)]


def test_a_list_of_streets_names_them(gazetteer: Gazetteer) -> None:
    """Three or more streets in a list are streets though their names are common words ('民族路', '团结路'); the
    first starts after the verb before it, the last ends at its class word; kinds of road are none."""
    text = "已完成民族路、麦新路、环城东路、新开大街的拓宽改造和新华街、东风街、团结路、曙光路油路翻修建设"
    assert _surfaces(gazetteer, text) == [
        "民族路",
        "麦新路",
        "环城东路",
        "新开大街",
        "新华街",
        "东风街",
        "团结路",
        "曙光路",
    ]
    assert _surfaces(gazetteer, "完善快速路、主干路、次干路、支路网络") == []
    assert _surfaces(gazetteer, "民族路、团结路") == []  # two are no list of streets by themselves


def test_a_county_level_city_written_as_the_county_it_was(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'漠河县' (漠河市 since 2018), '丰镇县' (丰镇市 since 1990): the county a city was before is the city; a county
    of its own beside a city of the name ('承德县') stays the county."""
    assert resolved_ids(gazetteer, tmp_path, "根河市概况", "北接黑龙江省大兴安岭地区漠河县。")["漠河县"] == (
        "neighbour:232701"
    )
    assert (
        resolved_ids(gazetteer, tmp_path, "丰镇市概况", "1990年撤销丰镇县，设立丰镇市。")["丰镇县"]
        == "banner:150981"
    )
    assert resolved_ids(gazetteer, tmp_path, "赤峰市概况", "南接承德县。")["承德县"] == "neighbour:130821"


def test_a_commune_is_the_township_it_became(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'乌力吉公社' (1958-1983): a people's commune named by a township's stem is that township's former self,
    located at it; a commune named by a common word ('人民公社') names none."""
    text = "1958年属巴彦木仁公社;1983年改巴彦木仁苏木。1958年设乌力吉公社。成立人民公社。"
    assert [s for s, kind in found(gazetteer, text) if kind == "town"] == ["巴彦木仁公社", "乌力吉公社"]
    located = resolved_ids(gazetteer, tmp_path, "阿拉善左旗概况", text)
    assert located["乌力吉公社"] == "town:152921:乌力吉苏木"


def test_an_outside_city_heading_a_sight_named_by_common_words(gazetteer: Gazetteer) -> None:
    """'首都北京大真觉寺': the city the segmenter reads as a place word, then a name of its own that is no one
    place word (大/真觉/寺), are two mentions, as '杭州西湖' is."""
    assert _surfaces(gazetteer, "和首都北京大真觉寺五塔相比") == ["北京", "大真觉寺"]


def test_a_natural_place_named_by_a_province_outside_lies_there(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'青海湖': a lake, river, mountain or desert whose name opens with a province outside the region lies in that
    province, never in the text's own banner; a gully named so by settlers ('山西沟') is the text's own."""
    located = resolved_ids(gazetteer, tmp_path, "海勃湾区概况", "青海湖的湖水很清。山西沟在区内。")
    assert located["青海湖"] == "province:630000"
    assert located["山西沟"] == "banner:150302"


def test_a_sight_named_for_its_look_far_away_is_a_namesake(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'月亮湖' in a text about 扎兰屯 is no sight of 阿拉善 (a name of common words, a league far off): not placed
    there; in a text about 阿拉善 it is that lake."""
    text = "柴河风景区有原始森林，也有月亮湖、水帘洞等景点。"
    assert resolved_ids(gazetteer, tmp_path, "扎兰屯市旅游", text).get("月亮湖") != "scenic:月亮湖"
    assert (
        resolved_ids(gazetteer, tmp_path, "阿拉善左旗旅游", "腾格里沙漠中有月亮湖。")["月亮湖"]
        == "scenic:月亮湖"
    )


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("保护区南部为小腾格里沙地的东段。", [("小腾格里沙地", "sandy_land")]),
        ("沿线有元上都遗址~小扎格斯台淖尔~桑根达来镇。", [("小扎格斯台淖尔", "lake")]),
        (
            "景区有大乌里雅斯台沟、小乌里雅斯台沟。",
            [("大乌里雅斯台沟", "river"), ("小乌里雅斯台沟", "river")],
        ),
        # a size word after another word ends a phrase ('最大'), and a name that opens with one is kept as it is
        ("这是全国最大淡水湖呼伦湖。", [("呼伦湖", None)]),
        ("北依大青山。", [("大青山", None)]),
    ],
)
def test_a_size_word_opening_a_natural_places_name(
    gazetteer: Gazetteer, text: str, named: list[tuple[str, str | None]]
) -> None:
    """'小腾格里沙地' (the small desert beside the great 腾格里), '大/小乌里雅斯台沟': 大 or 小 opening a phrase
    before a natural place's name opens the name of another place, one mention."""
    kept = [(s, kind) for s, kind in found(gazetteer, text) if s != "元上都遗址" and s != "桑根达来镇"]
    assert kept == named


def test_a_place_named_with_a_size_word_is_not_the_place_it_is_named_after(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'小腾格里沙地' is no part of 腾格里沙漠 (a desert of 阿拉善, far off): it is located only approximately by the
    name it holds, never as that desert itself."""
    plan = tmp_path / "plan.txt"
    plan.write_text("克什克腾旗概况\n第一章 总则\n保护区南部为小腾格里沙地的东段。\n", encoding="utf-8")
    mention = next(m for m in geoparse(read(plan), gazetteer).mentions if m.surface == "小腾格里沙地")
    assert mention.level != "own"


def test_a_listed_subdistrict_named_by_an_ordinal_keeps_its_name(gazetteer: Gazetteer) -> None:
    """'下设第一街道办事处、第二街道办事处': each office is its subdistrict, the ordinal its name ('第一街道' of
    扎赉诺尔区); the list's item never starts after the ordinal ('街道办事处' names nothing)."""
    text = "扎赉诺尔区下设第一街道办事处、第二街道办事处。"
    assert _surfaces(gazetteer, text) == ["扎赉诺尔区", "第一街道", "第二街道"]


def test_a_town_the_address_list_writes_short_is_found_by_its_full_name(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'可可以力更镇', the seat of 武川县, which the 2019 address list writes 可镇: the full name is that town, not a
    fragment ('力更镇') cut at the function character inside the transliteration."""
    located = resolved_ids(gazetteer, tmp_path, "武川县概况", "县政府驻可可以力更镇。")
    assert located == {"武川县": "banner:150125", "可可以力更镇": "town:150125:可镇"}


@pytest.mark.parametrize(
    ("text", "sights"),
    [
        # a kind of sight before another class word names none
        ("有一座建筑于金代的古城遗址。这座古城遗址呈方形。", []),
        ("建设王府遗址公园。", []),
        # a named one keeps its name
        ("保护元上都古城遗址。", ["元上都古城遗址"]),
        # a unit's old walled town: one sight named after the unit (not the unit and a town's short form 古城)
        ("托克托古城是现存最早的古城之一，还有清水河古城。", ["托克托古城", "清水河古城"]),
    ],
)
def test_sights_named_by_kind_words_and_old_walled_towns(
    gazetteer: Gazetteer, text: str, sights: list[str]
) -> None:
    kept = found(gazetteer, text)
    assert [s for s, kind in kept if kind == "scenic"] == sights
    assert not any(kind == "town" for _, kind in kept)


def test_a_line_from_the_whole_country_or_a_phrase_is_no_corridor(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'中国到蒙古国边境的铁路线': the whole country and a phrase ending in 的 are no ends of a line; the names in
    it stay mentions of their own."""
    plan = tmp_path / "plan.txt"
    plan.write_text("包头市概况\n第一章 总则\n包满铁路作为中国到蒙古国边境的铁路线。\n", encoding="utf-8")
    places = geoparse(read(plan), gazetteer)
    assert places.corridors == [] or all(
        w.surface not in {"中国", "边境的"} for c in places.corridors for w in c.waypoints
    )
    assert "边境的" not in [m.surface for m in places.mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the end of a date and a preposition after it open no name
        ("该地系1954年3月6日自土默特旗第七区转移而来。", [("土默特旗", "banner")]),
        # the body a line belongs to is no part of the line's name
        ("营运者为中国铁路呼和浩特局集团包满铁路。", [("包满铁路", "railway")]),
        # a rank between a reserve's name and what it keeps
        ("保护区有沙地、七道桥自治区级胡杨林保护区。", [("七道桥自治区级胡杨林保护区", "reserve")]),
        # a word giving a shared name, and a place word, end the words before a town's class word
        ("与双井、沙口俱称境内巨镇。", []),
    ],
)
def test_prose_before_a_class_word_is_no_part_of_the_name(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(s, kind) for s, kind in found(gazetteer, text) if kind] == expected


def test_a_unit_and_a_word_before_a_heritage_class_word_name_no_sight(gazetteer: Gazetteer) -> None:
    """'大沁他拉镇内王府街': the town, then 内 and a street named 王府街; no sight '大沁他拉镇内王府'."""
    assert _surfaces(gazetteer, "至大沁他拉镇内王府街北侧即到。") == ["大沁他拉镇", "王府街"]


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        # a part of a line said in common words before a dash of apposition is no end
        ("自治区批复了省际大通道的最后一段——二连浩特至赛汉塔拉段。", ["二连浩特", "赛汉塔拉"]),
        # the network of a kind of line is no part of the first end
        ("国家高速公路网珲春至乌兰浩特高速公路。", ["珲春", "乌兰浩特"]),
        # a phrase holding a particle is no end: no line from 赤峰 to '凌源的赤凌'
        ("赤峰到凌源的赤凌高铁专线开工。", None),
    ],
)
def test_the_ends_of_a_line_are_names(
    gazetteer: Gazetteer, tmp_path: Path, text: str, ends: list[str] | None
) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(f"兴安盟概况\n第一章 总则\n{text}\n", encoding="utf-8")
    chains = [
        [w.surface for w in c.waypoints]
        for c in geoparse(read(plan), gazetteer).corridors
        if c.rule == "chain"
    ]
    assert chains == ([ends] if ends else [])


def test_a_passenger_line_named_by_initials(gazetteer: Gazetteer) -> None:
    """'京通客运专线': a passenger line named by its ends' initials, as 'X铁路' is; a recorded one ('哈齐客运专线')
    is its record."""
    assert found(gazetteer, "京通客运专线直达北京。", ("surface", "type")) == [
        ("京通客运专线", "railway"),
        ("北京", None),
    ]
    assert found(gazetteer, "哈齐客运专线", ("surface", "place_ids")) == [
        ("哈齐客运专线", ("railway:哈齐客专",))
    ]


def test_a_new_district_by_its_former_name(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'康巴什新区' (康巴什区 since 2016) is the district, not its short form and a word."""
    located = resolved_ids(gazetteer, tmp_path, "鄂尔多斯市概况", "距鄂尔多斯市康巴什新区约16公里。")
    assert located["康巴什新区"] == "banner:150603"


def test_commanderies_of_the_empires(gazetteer: Gazetteer) -> None:
    """'秦设九原郡', '改称五原郡', '、代郡、': a commandery named after a verb of setting up, belonging or renaming,
    or in a list, is one mention (not the district 九原 and a word); a determiner's or a count's is none."""
    text = "秦设九原郡，西汉改称五原郡。设置了云中、代郡、雁门三郡。该郡辖十县。"
    assert [s for s, kind in found(gazetteer, text) if kind == "region"] == ["九原郡", "五原郡", "代郡"]


def test_a_unit_by_its_former_name_after_a_league_is_its_record(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'乌兰察布盟喀尔喀右翼旗' (Qing times): the banner written by its former name is 达茂旗, today in 包头市, not a
    namesake put in today's 乌兰察布市; a name the gazetteer lacks after a league is still located in it."""
    located = resolved_ids(gazetteer, tmp_path, "达茂旗概况", "清代,旗境属乌兰察布盟喀尔喀右翼旗。")
    assert located["喀尔喀右翼旗"] == "banner:150223"
    assert gazetteer.is_former_name("喀尔喀右翼旗") and not gazetteer.is_former_name("达尔罕茂明安联合旗")


def test_a_continent_setting_the_scope_of_a_ranking_is_no_place(gazetteer: Gazetteer) -> None:
    """'亚洲最大的沙漠水库', '亚洲第一': the continent only sets the scope of the ranking; named as a place it
    stays ('销往亚洲和欧洲')."""
    assert _surfaces(gazetteer, "亚洲最大的沙漠水库。列为亚洲第一湖。产品销往亚洲和欧洲。") == [
        "亚洲",
        "欧洲",
    ]


def test_a_former_township_ends_a_road_section(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'国道209线赛汉塔拉至都呼木段': 都呼木 (a township of 苏尼特右旗 until the mergers, towns_former.csv) is the
    section's second end, located at its banner; a township's former class word is that town ('乌审召苏木')."""
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "锡林郭勒盟规划\n第一章 总则\n研究推进国道209线赛汉塔拉至都呼木段公路。\n", encoding="utf-8"
    )
    corridors = geoparse(read(plan), gazetteer).corridors
    ends = [(w.surface, w.place.id if w.place else None) for c in corridors for w in c.waypoints]
    assert ends == [("赛汉塔拉", "town:152524:赛汉塔拉镇"), ("都呼木", "town:152524:都呼木苏木")]
    assert [c.place.id for c in gazetteer.lookup("乌审召苏木")] == ["town:150626:乌审召镇"]
