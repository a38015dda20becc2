"""Where a mention's place lies: units written before a town or a facility, on sentences written for these tests.

A banner's or league's name is never part of a town's official name: '宁城县山头乡' is the banner and the town, two
mentions, and the banner locates the town.  A facility with a name of its own takes the unit written before it as
its address ('阿尔山市' + '阿尔山机场'); one named only by its unit and class word is one mention ('X旗通用机场').
"""

from __future__ import annotations

from pathlib import Path

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import PlanPlaces, geoparse
from geoplan.geocode.textunit import text_unit
from geoplan.read.plan import read

NINGCHENG = "banner:150429"  # 宁城县 (Chifeng)
OTOG = "banner:150624"  # 鄂托克旗 (Ordos)
KAILU = "banner:150523"  # 开鲁县 (Tongliao)
ARXAN = "banner:152202"  # 阿尔山市 (Hinggan)
ARUN = "banner:150721"  # 阿荣旗 (Hulunbuir)
HULUNBUIR = "league:150700"


def _parse(gazetteer: Gazetteer, tmp_path: Path, text: str) -> PlanPlaces:
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    return geoparse(read(path), gazetteer)


def _surfaces(places: PlanPlaces) -> list[str]:
    return [m.surface for m in places.mentions]


def _only(places: PlanPlaces, surface: str):
    found = [m for m in places.mentions if m.surface == surface]
    assert len(found) == 1, _surfaces(places)
    return found[0]


def test_a_banner_before_an_unrecorded_town_is_a_mention_of_its_own_and_locates_it(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    places = _parse(gazetteer, tmp_path, "今年春季，宁城县山头乡新修了三条牧道。\n")
    assert _surfaces(places) == ["宁城县", "山头乡"]
    town = _only(places, "山头乡")
    assert town.type == "town"
    assert town.place.id == NINGCHENG
    assert "宁城县" in town.reason


def test_a_banner_of_another_league_written_before_a_town_places_it_there(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    places = _parse(gazetteer, tmp_path, "乌海市海南区\n海南区北面是鄂托克旗碱柜乡的草场。\n")
    assert "鄂托克旗" in _surfaces(places)
    assert _only(places, "碱柜乡").place.id == OTOG


def test_a_recorded_town_holding_a_conjunction_character_stays_whole(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    places = _parse(gazetteer, tmp_path, "养殖场建在开鲁县义和塔拉镇东边。\n")
    assert _surfaces(places) == ["开鲁县", "义和塔拉镇"]
    town = _only(places, "义和塔拉镇")
    assert town.place.type == "town"
    assert town.place.banner_id == KAILU


def test_a_unit_before_a_facility_with_a_name_of_its_own_is_its_address(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    places = _parse(gazetteer, tmp_path, "代表团参观了阿尔山市阿尔山机场的新航站楼。\n")
    assert _surfaces(places) == ["阿尔山市", "阿尔山机场"]
    airport = _only(places, "阿尔山机场")
    assert airport.place.type == "airport"
    assert airport.place.banner_id == ARXAN


def test_a_facility_named_by_its_unit_and_class_word_is_one_mention(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    places = _parse(gazetteer, tmp_path, "规划建设宁城县通用机场。\n")
    assert _surfaces(places) == ["宁城县通用机场"]
    assert _only(places, "宁城县通用机场").place.banner_id == NINGCHENG


def test_a_long_districts_short_form_is_that_district(gazetteer: Gazetteer, tmp_path: Path) -> None:
    places = _parse(gazetteer, tmp_path, "包头市\n新建的两所学校分别位于昆区和白云区。\n")
    assert _only(places, "昆区").place.name == "昆都仑区"
    assert _only(places, "白云区").place.name == "白云鄂博矿区"


def test_a_head_writing_an_address_down_to_a_banner_is_about_that_banner(gazetteer: Gazetteer) -> None:
    text = "内蒙古呼伦贝尔市阿荣旗\n\n全旗今年新修乡村公路一百公里。\n"
    assert text_unit(text, gazetteer.finder.find(text), gazetteer).id == ARUN
    text = "呼伦贝尔市\n阿荣旗今年新修乡村公路一百公里。\n"  # the banner is not part of the head's address
    assert text_unit(text, gazetteer.finder.find(text), gazetteer).id == HULUNBUIR


def test_a_place_the_head_reaches_or_borders_is_not_the_texts_unit(gazetteer: Gazetteer) -> None:
    # the head names 阿尔山市 as a destination and 阿荣旗 as a neighbour first; the text is about 开鲁县
    text = "交通\n县城向西至阿尔山市有班车，北与阿荣旗相邻。开鲁县地处平原，县城设在开鲁镇。\n"
    assert text_unit(text, gazetteer.finder.find(text), gazetteer).id == KAILU
    text = "交通\n开鲁县城向西至阿尔山市有班车。\n"
    assert text_unit(text, gazetteer.finder.find(text), gazetteer).id == KAILU


def test_a_place_named_again_without_its_unit_is_the_place_named_first(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    places = _parse(
        gazetteer, tmp_path, "园区\n\n包头黄河国家湿地公园面积很大。去年黄河国家湿地公园游客增多。\n"
    )
    first, again = (m for m in places.mentions if m.surface.endswith("黄河国家湿地公园"))
    assert first.level == "own" and again.place is first.place
    assert again.rule == "named-again"
    # named first: the shorter name alone is not taken for a later, longer one
    places = _parse(gazetteer, tmp_path, "园区\n\n黄河国家湿地公园游客增多。包头黄河国家湿地公园面积很大。\n")
    assert places.mentions[0].rule != "named-again"


def test_an_unrecorded_town_of_a_text_about_a_banner_is_located_in_that_banner(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    places = _parse(gazetteer, tmp_path, "内蒙古呼伦贝尔市阿荣旗\n\n东山乡今年新修乡村公路一百公里。\n")
    town = _only(places, "东山乡")
    assert town.place.id == ARUN
    assert "阿荣旗" in town.reason


def test_a_district_name_two_cities_share_is_the_one_of_the_texts_city(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """赤峰's 新城区 is the new city area in 松山区 (a region record), 呼和浩特's a district of its own."""
    chifeng = _only(_parse(gazetteer, tmp_path, "赤峰市\n今年新城区新建了三所小学。\n"), "新城区")
    assert chifeng.place.type == "region"
    assert gazetteer.get(chifeng.place.banner_id).name == "松山区"
    hohhot = _only(_parse(gazetteer, tmp_path, "呼和浩特市\n今年新城区新建了三所小学。\n"), "新城区")
    assert hohhot.place.id == "banner:150102"


def test_a_former_town_name_is_that_town(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """那吉屯 became 那吉镇, the seat of 阿荣旗."""
    places = _parse(gazetteer, tmp_path, "新建公路从那吉屯至尼尔基。\n")
    assert _only(places, "那吉屯").place.id == "town:150721:那吉镇"


def test_a_farm_is_a_unit_of_its_own_only_when_named_after_a_known_place(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    places = _parse(gazetteer, tmp_path, "那吉屯农场今年扩种大豆，各地也要支持家庭农场发展。\n")
    assert _surfaces(places) == ["那吉屯农场"]
    farm = _only(places, "那吉屯农场")
    assert farm.type == "town" and farm.place.banner_id == ARUN


def test_an_unrecorded_name_ending_an_address_outside_the_region_lies_there(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """A text about 兴安盟 giving an office's address in 北京: the street is in 北京's 海淀区, not in 兴安盟."""
    places = _parse(gazetteer, tmp_path, "兴安盟\n\n展会的北京办事处设在北京市海淀区中关村大街。\n")
    street = _only(places, "中关村大街")
    assert street.place is not None and street.place.name == "海淀区"
    assert street.place.league_id is None and "outside the region" in street.reason


def test_an_unrecorded_belt_of_several_places_is_not_put_in_the_texts_unit(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """A text about 赤峰 naming a city cluster elsewhere: the cluster holds 赤峰 (or lies beside it), never in it. A
    cluster the gazetteer records under that name (京津冀城市群 of 京津冀, 东北经济区 of 东北地区) is that record; one it
    does not record stays an unresolved belt."""
    text = "赤峰市\n\n赤峰市主动对接京津冀城市群、东北经济区和辽中南城市群的产业转移。\n"
    places = _parse(gazetteer, tmp_path, text)
    for name, record in (("京津冀城市群", "region:京津冀"), ("东北经济区", "region:东北地区")):
        belt = _only(places, name)
        assert belt.place is not None and belt.place.id == record
    unrecorded = _only(places, "辽中南城市群")
    assert unrecorded.type == "corridor" and unrecorded.place is None


def test_a_towns_short_form_ending_a_longer_unrecorded_name_is_not_that_town(gazetteer: Gazetteer) -> None:
    """格日苏木 is a short form of 格日朝鲁苏木; written after more name characters it ends another sumu's name."""
    finder = gazetteer.finder
    assert [m.surface for m in finder.find("合并了吉兰泰镇、巴彦洪格日苏木的两个嘎查。")] == [
        "吉兰泰镇",
        "巴彦洪格日苏木",
    ]
    assert [m.surface for m in finder.find("推进巴音镇建设。")] == ["巴音镇"]


def test_plan_000s_airport_written_after_its_banner_lies_in_that_banner(
    parsed: dict[str, PlanPlaces],
) -> None:
    """Plan 000 (锡林郭勒盟) names 西乌珠穆沁旗巴拉嘎尔机场: an airport of 西乌珠穆沁旗, not of 赤峰's 阿鲁科尔沁旗."""
    airports = [m for m in parsed["000"].mentions if m.surface.endswith("巴拉嘎尔机场")]
    assert airports
    for airport in airports:
        assert airport.place.type == "airport"
        assert airport.place.banner_id == "banner:152526"  # 西乌珠穆沁旗
        assert airport.place.league_id == "league:152500"  # 锡林郭勒盟


def test_a_route_named_after_the_place_it_leads_to_lies_at_that_place(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """A tourist road or a scenic byway named after a sight or a landscape (its class word and more words between)
    is located at that place, at its precision, with the reason; the same words after a unit name a kind of road."""
    places = _parse(
        gazetteer,
        tmp_path,
        "鄂尔多斯市今年建设响沙湾景区旅游公路，打造黄河几字弯风景大道，完善达拉特旗旅游公路。\n",
    )
    road = _only(places, "响沙湾景区旅游公路")
    assert (
        road.type == "road" and road.place is not None and road.place.id == gazetteer.finder.ids("响沙湾")[0]
    )
    assert road.reason == "'响沙湾景区旅游公路' not in the gazetteer; located by '响沙湾' in its name"
    byway = _only(places, "黄河几字弯风景大道")
    assert byway.place is not None and byway.place.name == "黄河几字弯" and byway.precision == "schematic"
    assert "达拉特旗旅游公路" not in _surfaces(places) and "达拉特旗" in _surfaces(places)


def test_a_gully_of_a_text_about_a_unit_lies_in_that_unit(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A text about 阿尔山市 (named in its head) names gullies and a river the gazetteer lacks: a gully lies where
    the text is, located in its unit, and so does a river whose name is no word of the segmenter's dictionary (苏呼河);
    a famous river elsewhere ('伏尔加河', a dictionary word) may be far away and stays unplaced."""
    text = "阿尔山市简介\n这里的矿泉集中分布在金江沟、银江沟一带。苏呼河发源于大兴安岭，不像伏尔加河。\n"
    places = _parse(gazetteer, tmp_path, text)
    for surface in ("金江沟", "银江沟", "苏呼河"):
        mention = _only(places, surface)
        assert mention.place is not None and mention.place.id == ARXAN, mention
        assert "text's own" in mention.reason
    assert _only(places, "伏尔加河").place is None


def test_a_place_of_a_province_outside_written_with_de(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'青海的塔尔寺': an unrecorded temple written after a province outside the region and 的 lies in that province,
    not in the unit the text is about."""
    text = "包头美岱召简介\n它与西藏的布达拉宫、青海的塔尔寺齐名，是藏传佛教的名寺。\n"
    temple = _only(_parse(gazetteer, tmp_path, text), "塔尔寺")
    assert temple.place is not None and temple.place.id == "province:630000", temple
    assert temple.rule == "parent:written-before"


def test_a_feature_drawn_across_leagues_lies_in_none_of_them(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A range or a river whose schematic line runs through units of several leagues (大青山: 包头 and 呼和浩特)
    is the region's, not the league of the first unit its row names; a text of one of those leagues still takes
    it, and a scenic area drawn across two leagues is not refused as lying outside the text's league."""
    range_ = gazetteer.get("mountain:大青山")
    assert range_.league_id is None and range_.banner_id is None
    assert range_.parent_ids == ("province:150000",) and "spans leagues: 包头市; 呼和浩特市" in range_.note
    places = _parse(gazetteer, tmp_path, "土默特右旗旅游介绍\n美岱召北依大青山，南临黄河。\n")
    assert _only(places, "大青山").place.id == "mountain:大青山"
    assert _only(places, "黄河").place.league_id is None
    places = _parse(gazetteer, tmp_path, "阿尔山市旅游介绍\n冬季到阿尔山—柴河景区观赏雪景。\n")
    assert _only(places, "阿尔山—柴河景区").place.id == "scenic:阿尔山·柴河旅游景区"
