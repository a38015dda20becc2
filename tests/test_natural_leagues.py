"""Issue 15 item 4 (i21n): geoparks, forest parks, scenic areas, lakes and mountains of 赤峰, 呼伦贝尔, 兴安, 阿拉善
and 包头, the leagues the earlier harvests covered least.

Each record of ``gazetteer/natural_leagues.csv`` cites the page it was read on and lies in the banner that page
names (its league where the page names none); the short forms the pages use find the record, names another place
holds (a town, a city of 安徽) do not; a coordinate is there only where a page states it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import assert_at_league, assert_under_banner, found, resolved_ids

from geoplan.geocode.gazetteer import Gazetteer

HARVEST = Path(__file__).resolve().parents[1] / "gazetteer" / "natural_leagues.csv"
FIVE_LEAGUES = {"赤峰市", "呼伦贝尔市", "兴安盟", "阿拉善盟", "包头市"}

#: record -> the banner its page puts it in
UNDER_BANNER = {
    "scenic:克什克腾世界地质公园": "克什克腾旗",
    "scenic:黄岗梁国家森林公园": "克什克腾旗",
    "scenic:西拉沐沦大峡谷": "克什克腾旗",
    "lake:将军泡子": "克什克腾旗",
    "scenic:美林谷": "喀喇沁旗",
    "scenic:道须沟风景区": "宁城县",
    "scenic:巴林石矿山公园": "巴林右旗",
    "scenic:罕山风景区": "阿鲁科尔沁旗",
    "scenic:宁城热水温泉": "宁城县",
    "lake:呼和诺尔湖": "陈巴尔虎旗",
    "scenic:呼和诺尔旅游景区": "陈巴尔虎旗",
    "scenic:莫尔格勒河景区": "陈巴尔虎旗",
    "scenic:呼伦贝尔草原国家公园": "陈巴尔虎旗",
    "scenic:诺门罕战争遗址": "新巴尔虎左旗",
    "lake:诺干湖": "新巴尔虎左旗",
    "scenic:诺干湖旅游度假区": "新巴尔虎左旗",
    "scenic:额尔古纳风景名胜区": "额尔古纳市",
    "mountain:奥克里堆山": "根河市",
    "scenic:冷极村": "根河市",
    "scenic:阿尔山世界地质公园": "阿尔山市",
    "mountain:罕查干山": "科尔沁右翼中旗",
    "lake:腾格里沙漠天鹅湖": "阿拉善左旗",
    "scenic:定远营古城": "阿拉善左旗",
    "scenic:固阳秦长城遗址": "固阳县",
    "scenic:马鞍山生态旅游区": "固阳县",
    "scenic:后坝古城": "石拐区",
    "scenic:大井古铜矿遗址": "林西县",
    "mountain:九佛山": "林西县",
    "mountain:大莫古图山": "林西县",
    "scenic:萨仁诺尔旅游度假区": "敖汉旗",
    "scenic:赛罕乌拉自然生态和辽文化旅游度假区": "巴林右旗",
    "scenic:中国达斡尔民族园": "莫力达瓦达斡尔族自治旗",
    "scenic:哈乌尔河景区": "额尔古纳市",
    "scenic:奥洛契庄园": "额尔古纳市",
    "mountain:白狼峰": "阿尔山市",
    "scenic:白狼林俗村": "阿尔山市",
    "mountain:老头山": "突泉县",
    "scenic:杜西沟景区": "突泉县",
    "reservoir:明星水库": "突泉县",
    "scenic:巴丹吉林庙": "阿拉善右旗",
    "scenic:库日木图庙": "阿拉善右旗",
    "scenic:西部梦幻峡谷": "阿拉善左旗",
    "scenic:人根峰": "阿拉善左旗",
    "scenic:黑城弱水胡杨风景区": "额济纳旗",
    "scenic:转龙藏": "东河区",
    "scenic:妙法禅寺": "东河区",
    "scenic:绰源国家森林公园": "牙克石市",
    # an existing record moved from its league to the banner a page names
    "scenic:紫蒙湖旅游景区": "宁城县",
}
#: record -> the league it sits at (its page names no single banner)
AT_LEAGUE = {
    "scenic:巴尔虎蒙古部落景区": "呼伦贝尔市",
    "scenic:阿拉善沙漠世界地质公园": "阿拉善盟",
}


def _harvested_ids() -> list[str]:
    with HARVEST.open(encoding="utf-8", newline="") as handle:
        return [row["id"] for row in csv.DictReader(handle)]


def test_every_harvested_record_is_tested_and_sourced(gazetteer: Gazetteer) -> None:
    ids = _harvested_ids()
    assert set(ids) == (set(UNDER_BANNER) | set(AT_LEAGUE)) - {"scenic:紫蒙湖旅游景区"}
    for record in ids:
        place = gazetteer.get(record)
        assert "record: http" in place.note and "(read 2026-11-30)" in place.note
        assert gazetteer.get(place.league_id).name in FIVE_LEAGUES


@pytest.mark.parametrize(("record", "banner"), sorted(UNDER_BANNER.items()))
def test_a_record_lies_in_the_banner_its_page_names(gazetteer: Gazetteer, record: str, banner: str) -> None:
    assert_under_banner(gazetteer, record, banner)
    assert "http" in gazetteer.get(record).note


@pytest.mark.parametrize(("record", "league"), sorted(AT_LEAGUE.items()))
def test_a_record_whose_page_names_no_banner_sits_at_its_league(
    gazetteer: Gazetteer, record: str, league: str
) -> None:
    assert_at_league(gazetteer, record, league)
    assert "names no" in gazetteer.get(record).note


@pytest.mark.parametrize(
    ("form", "record"),
    [
        ("内蒙古克什克腾世界地质公园", "scenic:克什克腾世界地质公园"),
        ("克什克腾国家地质公园", "scenic:克什克腾世界地质公园"),
        ("道须沟", "scenic:道须沟风景区"),
        ("黑里河道须沟旅游景区", "scenic:道须沟风景区"),
        ("诺门罕战役遗址", "scenic:诺门罕战争遗址"),
        ("莫日格勒河景区", "scenic:莫尔格勒河景区"),
        ("呼和诺尔草原旅游度假区", "scenic:呼和诺尔旅游景区"),
        ("阿拉善世界地质公园", "scenic:阿拉善沙漠世界地质公园"),
        ("阿尔山火山温泉国家地质公园", "scenic:阿尔山世界地质公园"),
        ("定远营旅游景区", "scenic:定远营古城"),
        ("固阳秦长城", "scenic:固阳秦长城遗址"),
        ("固阳马鞍山", "scenic:马鞍山生态旅游区"),
        ("扎赉诺尔国家矿山公园", "scenic:扎赉诺尔矿山公园"),
        ("大黑山自然保护区", "reserve:内蒙古大黑山国家级自然保护区"),
        ("五角枫生态旅游景区", "scenic:代钦塔拉五角枫景区"),
        ("纳文湖", "reservoir:尼尔基水库"),
        ("达斡尔民族园", "scenic:中国达斡尔民族园"),
        ("白狼峰景区", "mountain:白狼峰"),
        ("明星湖", "reservoir:明星水库"),
        ("西部梦幻大峡谷", "scenic:西部梦幻峡谷"),
        ("黑城弱水胡杨林景区", "scenic:黑城弱水胡杨风景区"),
    ],
)
def test_a_form_the_pages_use_finds_the_record(gazetteer: Gazetteer, form: str, record: str) -> None:
    assert gazetteer.lookup(form)[0].place.id == record


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("呼和诺尔", "town:150725:呼和诺尔镇"),  # the lake is 呼和诺尔湖; the bare name is the town
        ("定远营", "town:152921:巴彦浩特镇"),  # the former name of the town, not the walled-town scenic area
        ("马鞍山", "neighbour:340500"),  # a city of 安徽, not the 固阳县 area
        ("葛根庙", "town:152201:葛根庙镇"),  # texts name the town (a railway section end), not its monastery
    ],
)
def test_a_name_another_place_holds_is_no_form(gazetteer: Gazetteer, name: str, other: str) -> None:
    assert gazetteer.lookup(name)[0].place.id == other
    assert not any(m.place.id.startswith(("scenic:", "lake:")) for m in gazetteer.lookup(name))


def test_the_bare_swan_lake_finds_no_lake_of_alxa(gazetteer: Gazetteer) -> None:
    """天鹅湖 names lakes of several leagues: only the full 腾格里沙漠天鹅湖 is the 阿拉善左旗 lake."""
    assert all(m.place.id != "lake:腾格里沙漠天鹅湖" for m in gazetteer.lookup("天鹅湖"))


def test_a_stated_range_is_the_extent(gazetteer: Gazetteer) -> None:
    """The 道须沟 page states E118°17′–118°22′, N41°26′–41°28′: an extent of whole minutes inside 宁城县."""
    place = gazetteer.get("scenic:道须沟风景区")
    assert place.extent == pytest.approx((118.28333, 41.43333, 118.36667, 41.46667), abs=1e-5)
    assert place.precision == "extent"
    assert place.point.x == pytest.approx(118.325, abs=1e-5) and place.point.y == pytest.approx(
        41.45, abs=1e-5
    )


def test_a_stated_point_is_the_point(gazetteer: Gazetteer) -> None:
    """The 热水塘 resort page states E117°43′30″, N43°27′30″ (about 30 km north-east of 经棚镇)."""
    place = gazetteer.get("scenic:热水塘温泉")
    assert place.precision == "point"
    assert (place.point.x, place.point.y) == pytest.approx((117.725, 43.45833), abs=1e-5)
    assert_under_banner(gazetteer, "scenic:热水塘温泉", "克什克腾旗")


def test_an_address_in_a_located_town_puts_the_record_at_the_town(gazetteer: Gazetteer) -> None:
    place, town = gazetteer.get("scenic:定远营古城"), gazetteer.get("town:152921:巴彦浩特镇")
    assert place.precision == "town" and place.point.equals(town.point)


def test_an_address_in_a_town_without_a_point_leaves_the_banner(gazetteer: Gazetteer) -> None:
    """美林镇, 白狼镇 and 官地镇 have no point of their own yet: the records stay at their banner."""
    for record in ("scenic:美林谷", "mountain:白狼峰", "scenic:大井古铜矿遗址"):
        assert gazetteer.get(record).precision == "banner"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("提升克什克腾世界地质公园、黄岗梁国家森林公园品质", "scenic:克什克腾世界地质公园"),
        ("推进诺门罕战役遗址保护利用", "scenic:诺门罕战争遗址"),
        ("依托阿拉善沙漠世界地质公园发展沙漠旅游", "scenic:阿拉善沙漠世界地质公园"),
        ("游览道须沟风景区和诺干湖", "lake:诺干湖"),
    ],
)
def test_the_names_are_found_in_text(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert any(expected in ids for _, ids in found(gazetteer, text, ("surface", "place_ids")))


def test_a_plan_of_the_league_resolves_its_scenic_areas(gazetteer: Gazetteer, tmp_path: Path) -> None:
    ids = resolved_ids(
        gazetteer,
        tmp_path,
        "赤峰市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
        "重点建设克什克腾世界地质公园、道须沟风景区和美林谷，提升紫蒙湖旅游景区。",
    )
    assert ids.get("克什克腾世界地质公园") == "scenic:克什克腾世界地质公园"
    assert ids.get("道须沟风景区") == "scenic:道须沟风景区"
    assert ids.get("美林谷") == "scenic:美林谷"
    assert ids.get("紫蒙湖旅游景区") == "scenic:紫蒙湖旅游景区"
