"""Issue 15 items 4 and 5 (i21p): zones, scenic areas and named regions of every league, one record per place.

Each record cites the page it was read on and lies in the unit that page names (its league where the page names
no banner); a page's lon/lat range is kept as the record's extent; a named region outside the region is drawn from
the units its page lists; 乌兰淖尔国家湿地公园 is one record, and the plans keep resolving it."""

from __future__ import annotations

import pytest
from helpers import assert_at_league, assert_under_banner, found

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import PlanPlaces

#: record -> the banner its page puts it in
UNDER_BANNER = {
    "park:阿拉善盟乌兰布和生态沙产业示范区": "阿拉善左旗",
    "subpark:七苏木中欧班列枢纽物流基地": "集宁区",
    "subpark:科右中旗东达百利舸城乡统筹产业园区": "科尔沁右翼中旗",
    "park:大雁矿区": "鄂温克族自治旗",
    "park:内蒙古绿色高新碳材料产业园": "太仆寺旗",
    "park:锡林浩特市预制菜产业园": "锡林浩特市",
    "park:玉泉区绿色食品加工产业园": "玉泉区",
    "scenic:乌海湖休闲度假旅游区": "海勃湾区",
    "mountain:黄花沟火山群": "察哈尔右翼中旗",
    "scenic:不冻河水利风景区": "商都县",
    "scenic:大石架冰川石林地质公园": "商都县",
    "scenic:南湖湿地生态园": "商都县",
    "scenic:不冻河风情园": "商都县",
    "scenic:柏盛园度假村": "奈曼旗",
}
#: record -> the league it sits at (its page names no banner)
AT_LEAGUE = {
    "park:呼和浩特市裕隆经济开发区": "呼和浩特市",
    "park:呼和浩特沙良物流园": "呼和浩特市",
    "park:呼铁同洲物流园": "乌海市",
    "scenic:甘德尔山生态文明景区": "乌海市",
}


@pytest.mark.parametrize(("record", "banner"), sorted(UNDER_BANNER.items()))
def test_a_record_lies_in_the_banner_its_page_names(gazetteer: Gazetteer, record: str, banner: str) -> None:
    assert_under_banner(gazetteer, record, banner)
    assert "record: http" in gazetteer.get(record).note


@pytest.mark.parametrize(("record", "league"), sorted(AT_LEAGUE.items()))
def test_a_record_whose_page_names_no_banner_sits_at_its_league(
    gazetteer: Gazetteer, record: str, league: str
) -> None:
    assert_at_league(gazetteer, record, league)
    assert "no banner" in gazetteer.get(record).note


def test_a_stated_range_is_kept_as_the_extent(gazetteer: Gazetteer) -> None:
    """The 乌兰布和 zone's page states E106°33′54.9″–106°51′24.9″, N39°40′02.8″–40°13′40.5″: a strip too long
    for a point (banner precision), its range kept."""
    place = gazetteer.get("park:阿拉善盟乌兰布和生态沙产业示范区")
    assert place.extent == pytest.approx((106.56525, 39.66744, 106.85692, 40.22792), abs=1e-5)
    assert place.precision == "banner"


def test_a_zone_gives_its_banner_a_record(gazetteer: Gazetteer) -> None:
    """鄂温克族自治旗 and 太仆寺旗 had no zone record before; 大雁矿区 is at its address 大雁镇's banner."""
    banners = {gazetteer.get(p.banner_id).name for p in gazetteer.records(["park", "subpark"]) if p.banner_id}
    assert {"鄂温克族自治旗", "太仆寺旗", "玉泉区"} <= banners


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("位于阿拉善盟乌兰布和生态沙产业示范区", "park:阿拉善盟乌兰布和生态沙产业示范区"),
        ("七苏木中欧班列枢纽物流基地项目正式启动", "subpark:七苏木中欧班列枢纽物流基地"),
        ("游览乌海湖休闲度假旅游区", "scenic:乌海湖休闲度假旅游区"),
    ],
)
def test_the_full_names_are_found_in_text(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert any(expected in ids for _, _, ids in found(gazetteer, text, ("surface", "type", "place_ids")))


def test_one_record_of_the_wetland_park(gazetteer: Gazetteer) -> None:
    """乌兰淖尔国家湿地公园 is the 达拉特旗 park: one record holds both names."""
    assert "wetland:乌兰淖尔国家湿地公园" not in gazetteer
    ids = {c.place.id for c in gazetteer.lookup("乌兰淖尔国家湿地公园")}
    assert ids == {"wetland:内蒙古达拉特旗乌兰淖尔国家湿地公园"}
    assert_under_banner(gazetteer, "wetland:内蒙古达拉特旗乌兰淖尔国家湿地公园", "达拉特旗")


def test_the_plans_keep_resolving_the_wetland_park(parsed: dict[str, PlanPlaces]) -> None:
    """The 鄂尔多斯 plan's 乌兰淖尔国家湿地公园 resolves to the merged record; the 锡林郭勒 plan's road end 乌兰淖尔
    (another place) stays outside the jurisdiction (tests/test_unseen.py)."""
    mentions = [m for m in parsed["003"].mentions if m.surface == "乌兰淖尔国家湿地公园"]
    assert mentions and all(m.place.id == "wetland:内蒙古达拉特旗乌兰淖尔国家湿地公园" for m in mentions)


def test_named_regions_are_drawn_from_their_units(gazetteer: Gazetteer) -> None:
    """陕北 (榆林 and 延安) no finer than 陕西; 东北老工业基地 over its three provinces, outside the region; Eurasia at the
    midpoint of GeoNames' points of Asia and Europe (a foreign place: a representative point)."""
    north = gazetteer.get("region:陕北")
    assert north.precision == "province" and north.parent_ids == ("province:610000",)
    base = gazetteer.get("region:东北老工业基地")
    assert not base.geometry.intersects(gazetteer.get("province:150000").geometry)
    eurasia, asia, europe = (gazetteer.get(f"foreign:{n}") for n in ("欧亚大陆", "亚洲", "欧洲"))
    assert eurasia.precision == "country" and "GeoNames" in eurasia.geometry_source
    assert europe.point.x < eurasia.point.x < asia.point.x


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("畅通欧亚大陆", [("欧亚大陆", None)]),
        ("毗邻东北老工业基地", [("东北老工业基地", None)]),
        ("巴彦淖尔盟的后套及陕北的一部分", [("巴彦淖尔盟", None), ("后套", None), ("陕北", None)]),
        # the segmenter's one place word 欧亚大陆桥 (a corridor) holds no mention of the continent
        ("地处第一欧亚大陆桥的交通要冲", []),
    ],
)
def test_named_regions_in_text(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str | None]]
) -> None:
    """Names of records are found by the gazetteer (no class type of their own)."""
    assert found(gazetteer, text) == expected


def test_a_field_over_two_banners_is_their_hull(gazetteer: Gazetteer) -> None:
    """The 察哈尔 volcanic field spans the two banners its page names: a schematic outline touching both."""
    field = gazetteer.get("mountain:察哈尔火山群")
    assert field.precision == "schematic"
    for banner in ("察哈尔右翼后旗", "察哈尔右翼中旗"):
        unit = next(p for p in gazetteer.records(["banner"]) if p.name == banner)
        assert field.geometry.intersects(unit.geometry)
