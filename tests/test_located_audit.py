"""Issue 15 (i24l): an audit of the dev sets' located-wrong and unlocated places, each decided by a public page.

Records added or changed by the audit resolve where their page puts them, on a sentence of the kind texts write;
every one cites its page (read 2026-11-30); a name two places bear (桌子山 of 乌海 and of 卓资县) resolves to the one
of the text's league; the stripped forms of a name that opens with the region's name (博物院) and a former county's
bare stem that is a common word (醴泉, a sweet spring) are no places."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_under_banner, found, resolved_ids

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read

#: record -> the banner its page names
UNDER_BANNER = {
    "river:莫尔格勒河": "陈巴尔虎旗",
    "river:少郎河": "翁牛特旗",
    "reservoir:文得根水利枢纽": "扎赉特旗",
    "station:通辽站": "科尔沁区",
    "station:赤峰站": "松山区",
    "scenic:内蒙古博物院": "新城区",
    "scenic:陶赖图葛根庙": "科尔沁右翼前旗",
    "mountain:150921:桌子山": "卓资县",
    "mountain:桌子山": "海勃湾区",
    "railway:海勒斯壕铁路专用线": "伊金霍洛旗",
    "scenic:昭君岛": "九原区",
    "mountain:必鲁图沙峰": "阿拉善右旗",
    "reserve:内蒙古南海子湿地自然保护区": "东河区",
    "town:152524:都仁乌力吉苏木": "苏尼特右旗",
    "scenic:大榆树明星沟": "卓资县",
}

#: plan titles of a league, so the jurisdiction prior is that league
TITLE = "{}国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"


@pytest.mark.parametrize(("record", "banner"), sorted(UNDER_BANNER.items()))
def test_an_audited_record_lies_in_the_banner_its_page_names(
    gazetteer: Gazetteer, record: str, banner: str
) -> None:
    assert_under_banner(gazetteer, record, banner)
    assert "read 2026-11-30" in gazetteer.get(record).note


@pytest.mark.parametrize(
    ("form", "record"),
    [
        ("文得根水库", "reservoir:文得根水利枢纽"),  # the reservoir of the works, named so by its page
        ("通辽北站", "station:通辽站"),  # the north station of the 1920s became 通辽站
        ("通辽南站", "station:通辽站"),
        ("内蒙古自治区博物馆", "scenic:内蒙古博物院"),  # its name before 2007
        ("醴泉县", "banner:152224"),  # 突泉县's name in 1909-1914 and 1937-1946
        ("包头市郊区", "banner:150207"),  # 九原区's name until 2000
        ("昭君岛", "scenic:昭君岛"),  # an area of the wetland park, in 九原区, no longer a form of the park
        ("包头南海湿地景区", "reserve:内蒙古南海子湿地自然保护区"),  # the 4A area is the reserve
    ],
)
def test_a_form_a_page_gives_finds_the_record(gazetteer: Gazetteer, form: str, record: str | None) -> None:
    found_ids = [m.place.id for m in gazetteer.lookup(form)]
    assert (found_ids[0] if found_ids else None) == record


def test_the_wetland_park_keeps_its_own_name_without_the_island(gazetteer: Gazetteer) -> None:
    park = gazetteer.get("wetland:内蒙古包头黄河国家湿地公园")
    assert "昭君岛" not in park.aliases and "包头黄河湿地公园" in park.aliases


def test_a_range_no_page_puts_in_one_district_stays_at_its_league(gazetteer: Gazetteer) -> None:
    """甘德尔山 runs from 海勃湾区 south into 海南区 by its pages: no district for its main peak, so its league."""
    place = gazetteer.get("mountain:甘德尔山")
    assert place.banner_id is None and gazetteer.get(place.league_id).name == "乌海市"
    assert "海南区" in place.note


def test_the_bare_gegen_temple_name_stays_the_town(gazetteer: Gazetteer) -> None:
    """The monastery is a record by its full name; 葛根庙 of a railway section ('葛根庙至乌兰浩特段') is the town,
    which its division code (152201) puts in 乌兰浩特市."""
    assert gazetteer.lookup("葛根庙")[0].place.id == "town:152201:葛根庙镇"
    assert gazetteer.lookup("陶赖图葛根庙")[0].place.id == "scenic:陶赖图葛根庙"


@pytest.mark.parametrize(
    ("league", "text", "surface", "record"),
    [
        (
            "乌兰察布市",
            "卓资县依托桌子山发展山地旅游，登桌子山可俯瞰大黑河。",
            "桌子山",
            "mountain:150921:桌子山",
        ),
        ("乌海市", "桌子山、甘德尔山和五虎山南北纵列，将全市分割成三山夹两谷。", "桌子山", "mountain:桌子山"),
        ("呼伦贝尔市", "海拉尔河北岸支流有库里多尔河、莫尔格勒河。", "莫尔格勒河", "river:莫尔格勒河"),
        ("兴安盟", "文得根水库项目力争年内通过审查。", "文得根水库", "reservoir:文得根水利枢纽"),
        ("兴安盟", "宣统元年析旗地置醴泉县，划归洮南府。", "醴泉县", "banner:152224"),
        ("通辽市", "日军占领通辽北站，次日占领通辽南站。", "通辽北站", "station:通辽站"),
        ("呼和浩特市", "内蒙古博物院很大，展厅有好几个。", "内蒙古博物院", "scenic:内蒙古博物院"),
        ("包头市", "昭君岛片区退耕还湿工程位于九原区昭君岛恢复重建区。", "昭君岛", "scenic:昭君岛"),
        ("阿拉善盟", "巴丹吉林腹地的必鲁图沙峰高度1611米。", "必鲁图沙峰", "mountain:必鲁图沙峰"),
        (
            "锡林郭勒盟",
            "主线在朱日和北、都仁乌力吉、镶黄旗、化德北设置互通式立交。",
            "都仁乌力吉",
            "town:152524:都仁乌力吉苏木",
        ),
        (
            "鄂尔多斯市",
            "海勒斯壕铁路专用线项目在伊金霍洛旗开工。",
            "海勒斯壕铁路专用线",
            "railway:海勒斯壕铁路专用线",
        ),
    ],
)
def test_a_plan_of_the_league_resolves_the_audited_place(
    gazetteer: Gazetteer, tmp_path: Path, league: str, text: str, surface: str, record: str
) -> None:
    assert resolved_ids(gazetteer, tmp_path, TITLE.format(league), text).get(surface) == record


def test_a_museum_name_without_the_region_is_no_place(gazetteer: Gazetteer) -> None:
    """内蒙古博物院 read without the region's name is the bare 博物院: never a surface, so another museum is no
    mention of it."""
    for text in ("南海子将筹建湿地博物馆。", "以乌海博物院为景观结构中心"):
        assert not any(
            "scenic:内蒙古博物院" in ids for _, ids in found(gazetteer, text, ("surface", "place_ids"))
        )


def test_a_sweet_spring_is_no_former_county(gazetteer: Gazetteer) -> None:
    """醴泉 is a word (a sweet spring): the former county's bare stem is not read alone."""
    assert found(gazetteer, "因其水味甘洌，故誉其为醴泉。", ("surface", "place_ids")) == []


def test_a_hill_of_a_league_next_door_wins_the_tie_with_a_farther_namesake(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """In a 鄂尔多斯 plan 桌子山 is 乌海's range (乌海 borders 鄂尔多斯), not its namesake of 卓资县 two leagues off,
    though the two tie on every rule and 卓资县's sorts first."""
    ids = resolved_ids(gazetteer, tmp_path, TITLE.format("鄂尔多斯市"), "推进桌子山采空区综合治理。")
    assert ids.get("桌子山") == "mountain:桌子山"


def test_the_ordos_plan_keeps_the_wuhai_hill(gazetteer: Gazetteer, plans_dir: Path) -> None:
    """Plan 003 (鄂尔多斯市) names 桌子山 among coal fields: the 乌海 range, as before the 卓资县 record."""
    (plan,) = plans_dir.glob("003_*.txt")
    mentions = [m for m in geoparse(read(plan), gazetteer).mentions if m.surface == "桌子山"]
    assert mentions and all(m.place is not None and m.place.id == "mountain:桌子山" for m in mentions)
