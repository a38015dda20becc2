"""Issue 15 item 4 (sixth harvest): sourced records of the natural places, forest parks, scenic areas and zones of
the eight leagues no reference plan covers, then of 锡林郭勒, 呼和浩特, 鄂尔多斯 and 巴彦淖尔. Each row cites the page it was read on and states no coordinate of
its own; a page's address puts a record at its town, and a sentence written here resolves the records in their
units. Two places held twice are one record each now (汗马, 黑山头)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import found, resolved_ids

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.locations import LOCATIONS_DIR, read_facts
from geoplan.resources import GAZETTEER_DIR

#: record id -> the unit it lies in (a league where the page names no banner)
PARENT = {
    "scenic:马鞍山国家森林公园": "banner:150428",  # 喀喇沁旗
    "scenic:桦木沟国家森林公园": "banner:150425",  # 克什克腾旗
    "scenic:哈达门国家森林公园": "banner:150125",  # 武川县
    "scenic:乌素图国家森林公园": "league:150100",  # 呼和浩特市
    "scenic:苏木山森林公园": "banner:150924",  # 兴和县
    "scenic:广宗寺": "banner:152921",  # 阿拉善左旗
    "scenic:敖鲁古雅使鹿部落景区": "banner:150785",  # 根河市
    "scenic:怪树林": "banner:152923",  # 额济纳旗
    "scenic:大漠胡杨林景区": "banner:152923",
    "scenic:沃布格德音淖尔景区": "banner:152923",
    "scenic:银沙湾旅游区": "banner:150524",  # 库伦旗
    "scenic:赛汗塔拉生态园": "banner:150207",  # 九原区 (a second page, the national place-name record, names it)
    "scenic:阿尔丁植物园": "banner:150203",  # 昆都仑区
    "scenic:薛刚山旅游区": "banner:150981",  # 丰镇市
    "scenic:老虎山生态公园": "banner:150902",  # 集宁区
    "scenic:满巴拉僧庙": "banner:150303",  # 海南区
    "scenic:胡杨岛": "banner:150302",  # 海勃湾区
    "scenic:蒙古之源·蒙兀室韦文化旅游景区": "banner:150784",  # 额尔古纳市
    "scenic:金帐汗蒙古部落": "league:150700",  # 呼伦贝尔市
    "scenic:好森沟": "banner:152202",  # 阿尔山市 (a second page, 2026-12-02)
    "scenic:喇嘛山景区": "banner:150783",  # 扎兰屯市
    "scenic:杨树沟地下瀑布群": "banner:152223",  # 扎赉特旗
    "scenic:扎赉诺尔矿山公园": "banner:150703",  # 扎赉诺尔区
    "scenic:曼德拉山岩画": "banner:152922",  # 阿拉善右旗
    "scenic:海森楚鲁怪石林": "banner:152922",
    "mountain:九峰山": "banner:150221",  # 土默特右旗
    "mountain:蒙格罕山": "banner:152222",  # 科尔沁右翼中旗
    "desert:宝古图沙漠": "banner:150525",  # 奈曼旗
    "wetland:内蒙古索尔奇国家湿地公园": "banner:150721",  # 阿荣旗
    "park:巴彦浩特园区": "banner:152921",  # 阿拉善左旗
    "town:152921:乌斯太镇": "banner:152921",
    "scenic:额日布盖大峡谷": "banner:152922",  # 阿拉善右旗
    "scenic:特布希庙": "banner:152922",
    "scenic:御马苑旅游区": "banner:152527",  # 太仆寺旗
    "scenic:玛拉盖庙": "banner:152527",
    "scenic:哈音海尔瓦庙": "banner:152528",  # 镶黄旗
    "scenic:乌里雅斯台": "banner:152522",  # 阿巴嘎旗
    "scenic:杨都庙": "banner:152522",
    "mountain:宝格都山": "banner:152522",
    "mountain:海日罕山": "banner:152522",
    "scenic:乌里雅斯太山景区": "banner:152525",  # 东乌珠穆沁旗
    "mountain:宝格达山": "banner:152525",
    "scenic:金斯太洞穴遗址": "banner:152525",
    "scenic:五塔寺": "banner:150104",  # 玉泉区
    "scenic:乌素图召": "banner:150103",  # 回民区 (a second page, 2026-12-02)
    "scenic:宝尔汗佛塔": "banner:150104",  # 玉泉区 (the district government's page)
    "scenic:乌拉山国家森林公园": "banner:150823",  # 乌拉特前旗
    "scenic:苏泊罕大草原旅游区": "banner:150627",  # 伊金霍洛旗
    "scenic:蒙古源流文化产业园": "banner:150627",
    "scenic:内蒙古佛教文化博览园": "banner:150627",
    "scenic:朱开沟遗址": "banner:150627",
    "wetland:红海子湿地": "banner:150627",
    "park:苏尼特左旗芒来循环经济产业园区": "banner:152523",  # 苏尼特左旗
    "scenic:大渡口生态旅游区": "banner:152531",  # 多伦县
    "scenic:诺尔古建筑群": "banner:152531",
    "scenic:南沙梁景区": "banner:152531",
    "scenic:榆木川景区": "banner:152531",
    "scenic:多伦文化公园": "banner:152531",
    "scenic:姑娘湖旅游区": "banner:152531",
    "scenic:西山湾景区": "banner:152531",
    "scenic:滦源殿": "banner:152531",
    "scenic:乌和尔沁敖包森林公园": "banner:152530",  # 正蓝旗
    "scenic:忽必烈夏宫": "banner:152530",
    "scenic:白音查干敖包": "banner:152530",
    "scenic:侍郎城": "banner:152530",
    "scenic:高格斯台风景区": "banner:152530",
    "grassland:金莲川": "banner:152530",
    "scenic:伊林驿站": "banner:152501",  # 二连浩特市
    "scenic:二连盆地白垩纪恐龙国家地质公园": "banner:152501",
    "scenic:蓝天蒙古大营": "banner:150928",  # 察哈尔右翼后旗
    "scenic:阿贵乌拉旅游区": "banner:150928",
    "scenic:玉龙沙湖旅游度假区": "banner:150426",  # 翁牛特旗
    "scenic:奈曼王府博物馆": "banner:150525",  # 奈曼旗
    "scenic:双合尔山白塔": "banner:150522",  # 科尔沁左翼后旗
    "scenic:辉特淖尔草原旅游区": "banner:150581",  # 霍林郭勒市
    "scenic:可汗山": "banner:150581",
    "scenic:鸿雁湖旅游区": "banner:150581",
    "scenic:麦新纪念馆": "banner:150523",  # 开鲁县
    "scenic:巴彦呼硕草原风情旅游区": "banner:150724",  # 鄂温克族自治旗
    "scenic:五一会议旧址": "banner:152201",  # 乌兰浩特市
    "scenic:红召九龙湾": "banner:150921",  # 卓资县
    "scenic:大榆树民俗风情景区": "banner:150921",
    "scenic:二龙什台国家森林公园": "banner:150925",  # 凉城县
    "scenic:五当召国家森林公园": "banner:150205",  # 石拐区
    "scenic:黑大门国家森林公园": "banner:150125",  # 武川县
    "scenic:伊克萨玛国家森林公园": "banner:150785",  # 根河市
    "scenic:达尔滨湖国家森林公园": "banner:150723",  # 鄂伦春自治旗
    "scenic:神指峡": "banner:150723",
    "scenic:红花尔基樟子松国家森林公园": "banner:150724",  # 鄂温克族自治旗
    "scenic:福因寺": "banner:152921",  # 阿拉善左旗 (a second page, 2026-12-02)
    "scenic:北方兵器城": "banner:150204",  # 青山区
    "scenic:石门风景区": "league:150200",  # 包头市
    "scenic:梅力更自然生态风景区": "banner:150207",  # 九原区 (a second page, 2026-12-02)
    "scenic:岱海旅游度假区": "banner:150925",  # 凉城县
    "scenic:岱海温泉": "banner:150925",
    "scenic:大青山第四纪冰川遗迹公园": "banner:150425",  # 克什克腾旗
    "scenic:平顶山冰斗群": "banner:150425",
    "scenic:腾格里塔拉草原火山生态旅游区": "banner:150928",  # 察哈尔右翼后旗
    "scenic:根培庙": "banner:150421",  # 阿鲁科尔沁旗
    "scenic:耶律羽之家族墓": "banner:150421",
    "grassland:乌兰毛都草原": "banner:152221",  # 科尔沁右翼前旗
    "mountain:大仙山": "banner:150222",  # 固阳县
    "scenic:黄河滩岛": "league:150300",  # 乌海市
    "scenic:大中滩景区": "league:150300",
    "scenic:李华中滩景区": "league:150300",
    "scenic:三潭峡": "banner:152202",  # 阿尔山市
    "scenic:海神圣泉旅游度假区": "banner:152202",
    "scenic:玫瑰峰": "banner:152202",
    "scenic:龟背岩": "banner:152202",
}
#: record id -> the town a page says it is in (each town has a point of its own)
ADDRESS = {
    "scenic:满巴拉僧庙": "town:150303:拉僧庙镇",
    "scenic:蒙古之源·蒙兀室韦文化旅游景区": "town:150784:蒙兀室韦苏木",
    "mountain:蒙格罕山": "town:152222:巴彦呼舒镇",
    "wetland:内蒙古索尔奇国家湿地公园": "town:150721:复兴镇",
    "scenic:玉龙沙湖旅游度假区": "town:150426:乌丹镇",
    "scenic:奈曼王府博物馆": "town:150525:大沁他拉镇",
    "scenic:达尔滨湖国家森林公园": "town:150723:诺敏镇",
    "scenic:红花尔基樟子松国家森林公园": "town:150724:红花尔基镇",
}
#: record id -> the town a page says it is in, a town with no point of its own yet (the record stays at its banner)
ADDRESS_UNLOCATED = {
    "scenic:乌里雅斯台": "洪格尔高勒镇",
    "scenic:乌拉山国家森林公园": "白彦花镇",
    "scenic:平顶山冰斗群": "万合永镇",
    "grassland:乌兰毛都草原": "乌兰毛都苏木",
}
FILES = ("scenic_region.csv", "natural.csv", "reserves_region.csv", "parks_region.csv", "towns_units.csv")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _rows() -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for file in FILES:
        with (GAZETTEER_DIR / file).open(encoding="utf-8", newline="") as handle:
            rows |= {row["id"]: row for row in csv.DictReader(handle) if row["id"] in PARENT}
    return rows


@pytest.mark.parametrize(("record_id", "parent"), PARENT.items())
def test_each_record_cites_its_page_and_lies_in_its_unit(
    gazetteer: Gazetteer, record_id: str, parent: str
) -> None:
    row = _rows()[record_id]
    assert row["note"].startswith("record: http") and "(read 2026-11-30)" in row["note"]
    assert row["lon"] == row["lat"] == row["at"] == row["schematic"] == ""
    place = gazetteer.get(record_id)
    assert place.parent_ids[0] == parent
    expected = "town" if record_id in ADDRESS else parent.split(":")[0]
    assert place.precision == expected


@pytest.mark.parametrize(("record_id", "town"), ADDRESS.items())
def test_an_address_puts_the_record_at_its_town(gazetteer: Gazetteer, record_id: str, town: str) -> None:
    place, seat = gazetteer.get(record_id), gazetteer.get(town)
    assert place.point.distance(seat.point) == 0
    assert seat.id.split(":")[1] == place.parent_ids[0].split(":")[1]


def test_every_new_record_has_one_location_row_with_its_page() -> None:
    facts = [f for f in read_facts(GAZETTEER_DIR / LOCATIONS_DIR) if f.record in PARENT]
    assert sorted(f.record for f in facts) == sorted(PARENT)
    rows = _rows()
    for fact in facts:
        assert fact.page_url in rows[fact.record]["note"]
        address = fact.record in ADDRESS or fact.record in ADDRESS_UNLOCATED
        assert fact.kind == ("address" if address else "extent" if fact.type == "town" else "none")
        if fact.record in ADDRESS_UNLOCATED:
            assert fact.address_town == ADDRESS_UNLOCATED[fact.record] and fact.status == "accepted"
    (town,) = [f for f in facts if f.type == "town"]
    # the town's stated extent lies outside its banner: rejected by the check, never applied
    assert town.status == "rejected" and town.reason.startswith("check: ")


@pytest.mark.parametrize(
    ("form", "target"),
    [
        ("汗马国家级自然保护区", "reserve:内蒙古大兴安岭汗马国家级自然保护区"),
        ("黑山头城址", "scenic:黑山头古城遗址"),
        ("哈萨尔古城", "scenic:黑山头古城遗址"),
        ("阿拉善经济开发区", "park:阿拉善高新技术产业开发区"),
        ("南寺旅游区", "scenic:广宗寺"),
        ("老人湖景区", "scenic:沃布格德音淖尔景区"),
        ("五小滩景区", "scenic:胡杨岛"),
        ("珠日河疏林草原", "scenic:珠日河草原旅游区"),
        ("奈曼王府", "scenic:奈曼王府博物馆"),
        ("蛮汉山国家森林公园", "scenic:二龙什台国家森林公园"),
        ("福音寺", "scenic:福因寺"),
        ("好森沟风景区", "scenic:好森沟"),
        ("李华滩", "scenic:李华中滩景区"),
        # the resort's names were the lake's aliases before the resort had a record of its own
        ("玉龙沙湖旅游度假区", "scenic:玉龙沙湖旅游度假区"),
        ("玉龙沙湖旅游区", "scenic:玉龙沙湖旅游度假区"),
        ("玉龙沙湖", "lake:玉龙沙湖"),
    ],
)
def test_one_record_per_place_answers_to_its_other_names(
    gazetteer: Gazetteer, form: str, target: str
) -> None:
    assert [c.place.id for c in gazetteer.lookup(form)] == [target]


def test_the_merged_second_records_are_gone(gazetteer: Gazetteer) -> None:
    assert "reserve:汗马国家级自然保护区" not in gazetteer
    assert "scenic:黑山头城址" not in gazetteer


def test_the_alxa_zone_takes_its_address_town_but_stays_at_the_banner(gazetteer: Gazetteer) -> None:
    park = gazetteer.get("park:阿拉善高新技术产业开发区")
    assert park.precision == "banner"  # 乌斯太镇 has no point of its own yet
    assert "乌斯太镇" in park.note


def test_a_text_of_alxa_resolves_the_new_places(gazetteer: Gazetteer, tmp_path: Path) -> None:
    resolved = resolved_ids(
        gazetteer,
        tmp_path,
        "阿拉善盟文化旅游发展规划",
        "提升贺兰山南寺旅游区和广宗寺，保护额济纳旗怪树林、大漠胡杨林景区，开发阿拉善右旗海森楚鲁怪石林、曼德拉山岩画。",
    )
    for surface, record in [
        ("贺兰山南寺旅游区", "scenic:广宗寺"),
        ("广宗寺", "scenic:广宗寺"),
        ("怪树林", "scenic:怪树林"),
        ("大漠胡杨林景区", "scenic:大漠胡杨林景区"),
        ("海森楚鲁怪石林", "scenic:海森楚鲁怪石林"),
        ("曼德拉山岩画", "scenic:曼德拉山岩画"),
    ]:
        assert resolved.get(surface) == record, surface


def test_a_text_of_the_eastern_leagues_resolves_the_new_places(gazetteer: Gazetteer, tmp_path: Path) -> None:
    resolved = resolved_ids(
        gazetteer,
        tmp_path,
        "通辽市旅游发展规划",
        "建设库伦旗银沙湾旅游区、奈曼旗宝古图沙漠，联动喀喇沁旗马鞍山国家森林公园、科右中旗蒙格罕山和阿荣旗内蒙古索尔奇国家湿地公园。",
    )
    assert resolved.get("银沙湾旅游区") == "scenic:银沙湾旅游区"
    assert resolved.get("宝古图沙漠") == "desert:宝古图沙漠"
    assert resolved.get("马鞍山国家森林公园") == "scenic:马鞍山国家森林公园"
    assert resolved.get("蒙格罕山") == "mountain:蒙格罕山"
    assert resolved.get("内蒙古索尔奇国家湿地公园") == "wetland:内蒙古索尔奇国家湿地公园"


def test_the_monastery_s_bare_short_form_is_no_name(gazetteer: Gazetteer) -> None:
    # 南寺 stands inside 河南寺庙 and names villages (南寺村): only its longer forms are names
    assert not [m for m in found(gazetteer, "河南寺庙众多，南寺村在村南。", ("surface",)) if "南寺" in m[0]]


def test_a_text_of_xilingol_resolves_the_new_places(gazetteer: Gazetteer, tmp_path: Path) -> None:
    resolved = resolved_ids(
        gazetteer,
        tmp_path,
        "锡林郭勒盟旅游发展规划",
        "提升多伦县南沙梁景区、姑娘湖旅游区，正蓝旗忽必烈夏宫、金莲川草原，太仆寺旗御马苑旅游区，阿巴嘎旗宝格都山。",
    )
    assert resolved.get("南沙梁景区") == "scenic:南沙梁景区"
    assert resolved.get("姑娘湖旅游区") == "scenic:姑娘湖旅游区"
    assert resolved.get("忽必烈夏宫") == "scenic:忽必烈夏宫"
    assert resolved.get("金莲川草原") == "grassland:金莲川"
    assert resolved.get("御马苑旅游区") == "scenic:御马苑旅游区"
    assert resolved.get("宝格都山") == "mountain:宝格都山"
