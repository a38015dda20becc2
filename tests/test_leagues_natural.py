"""Issue 15 item 4, natural places and towns of the eight leagues no reference plan covers: the harvested records
(rivers, lakes, mountains, wetland parks, forest parks, heritage sites, township-level farms and forestry bureaus)
load with a cited page, a parent in their league and an honest precision; a page's stated point, extent or town
locates them; names shared with a town stay apart; and they are found in sentences."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import assert_under_banner

from geoplan.geocode import locations
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read
from geoplan.resources import GAZETTEER_DIR

#: the leagues no reference plan covers, by their adcode.
EIGHT_LEAGUES = {
    "league:150400": "赤峰市", "league:150500": "通辽市", "league:150700": "呼伦贝尔市", "league:152200": "兴安盟",
    "league:150900": "乌兰察布市", "league:152900": "阿拉善盟", "league:150200": "包头市", "league:150300": "乌海市",
}  # fmt: skip
HARVEST_FILES = ("natural.csv", "reserves_region.csv", "scenic_region.csv", "towns_units.csv")
#: the date this harvest read its pages; its rows say so in their note.
READ = "(read 2026-11-30)"


#: who checked the later (sixth) harvest of every league, tested in ``test_league_nature_records.py``
LATER_HARVEST = "i19x"


def _harvested() -> list[dict[str, str]]:
    """This harvest's rows: read that day, and not rows of the later harvest (whose location rows it checked)."""
    later = {
        fact.record
        for fact in locations.read_facts(GAZETTEER_DIR / locations.LOCATIONS_DIR)
        if fact.checked_by.startswith(LATER_HARVEST)
    }
    rows = []
    for name in HARVEST_FILES:
        with (GAZETTEER_DIR / name).open(encoding="utf-8", newline="") as handle:
            rows += [row for row in csv.DictReader(handle) if READ in row["note"] and row["id"] not in later]
    return rows


def test_the_harvest_covers_every_league_and_type() -> None:
    rows = _harvested()
    assert len(rows) >= 100
    types = {row["type"] for row in rows}
    assert types >= {"river", "lake", "mountain", "wetland", "reserve", "scenic", "town"}


def test_every_harvested_record_cites_its_page_and_invents_no_coordinate(gazetteer: Gazetteer) -> None:
    for row in _harvested():
        assert row["note"].startswith("record: http"), row["id"]
        # a point comes only from a page's fact in locations/, never from the record's row
        assert not (row["lon"] or row["lat"] or row["at"]), row["id"]
        if row["schematic"]:
            assert "http" in row["geometry_source"], row["id"]  # the page giving the ordered course
        place = gazetteer.get(row["id"])
        # in one of the eight leagues, or drawn across leagues and then in none of them (the note says which)
        assert place.league_id in EIGHT_LEAGUES or (
            place.league_id is None and "spans leagues" in place.note
        ), row["id"]
        assert place.precision in {"point", "extent", "town", "banner", "league", "schematic"}, row["id"]


def test_a_record_whose_page_names_no_banner_is_at_its_league_and_says_so(gazetteer: Gazetteer) -> None:
    at_league = [row for row in _harvested() if gazetteer.get(row["id"]).precision == "league"]
    assert len(at_league) >= 7  # 古鲁乃湖 placed in its banner by a second page (2026-12-02)
    for row in at_league:
        place = gazetteer.get(row["id"])
        assert place.parent_ids[0] in EIGHT_LEAGUES and "located at its league" in place.note, row["id"]


@pytest.mark.parametrize(
    ("record", "banner"),
    [
        ("river:伊敏河", "鄂温克族自治旗"), ("river:归流河", "科尔沁右翼前旗"), ("river:锡伯河", "喀喇沁旗"),
        ("river:绰尔河", "扎赉特旗"), ("river:乌力吉木仁河", "巴林左旗"), ("lake:吉兰泰盐湖", "阿拉善左旗"),
        ("mountain:春坤山", "固阳县"), ("wetland:内蒙古霍林郭勒静湖国家湿地公园", "霍林郭勒市"),
        ("scenic:辽中京遗址", "宁城县"), ("scenic:嘎仙洞", "鄂伦春自治旗"), ("scenic:梅力更召", "九原区"),
        ("scenic:雀儿沟岩画", "海南区"), ("town:150526:乌日根塔拉农场", "扎鲁特旗"),
        ("town:150723:甘河林业局", "鄂伦春自治旗"),
    ],
)  # fmt: skip
def test_a_record_lies_under_the_banner_its_page_names(
    gazetteer: Gazetteer, record: str, banner: str
) -> None:
    assert_under_banner(gazetteer, record, banner)


def test_a_stated_point_locates_the_lake(gazetteer: Gazetteer) -> None:
    """The page's 105°42′E 39°45′N: a point rounded to the minute (half a minute of latitude ≈ 0.9 km)."""
    lake = gazetteer.get("lake:吉兰泰盐湖")
    assert lake.precision == "point" and (lake.point.x, lake.point.y) == pytest.approx((105.7, 39.75))
    assert 500 < lake.precision_m < 1500


def test_a_page_naming_the_town_locates_a_record_at_that_towns_point(gazetteer: Gazetteer) -> None:
    bureau = gazetteer.get("town:150785:金河林业局")
    town = gazetteer.get("town:150785:金河镇")
    assert town.precision == "town" and bureau.precision == "town" and bureau.point.equals(town.point)
    assert "address → town" in bureau.geometry_source


def test_a_wide_stated_extent_is_kept_but_locates_only_at_the_banner(gazetteer: Gazetteer) -> None:
    bureau = gazetteer.get("town:150723:克一河林业局")
    assert bureau.precision == "banner"
    assert bureau.extent == pytest.approx((122.21667, 50.15, 123.00833, 50.78111))


def test_an_extent_whose_centre_lies_outside_the_parent_is_rejected() -> None:
    (fact,) = [f for f in locations.read_facts(GAZETTEER_DIR / "locations") if f.row["name"] == "南木林业局"]
    assert fact.status == "rejected" and "outside 扎兰屯市" in fact.reason


@pytest.mark.parametrize(
    ("river", "town", "banner"),
    [
        ("river:伊敏河", "town:150724:伊敏河镇", "鄂温克族自治旗"),
        ("river:归流河", "town:152221:归流河镇", "科尔沁右翼前旗"),
        ("river:阿里河", "town:150723:阿里河镇", "鄂伦春自治旗"),
    ],
)
def test_a_river_and_a_town_of_one_stem_stay_two_records(
    gazetteer: Gazetteer, finder: MentionFinder, river: str, town: str, banner: str
) -> None:
    river_name, town_name = gazetteer.get(river).name, gazetteer.get(town).name
    assert gazetteer.lookup(river_name)[0].place.id == river
    assert gazetteer.lookup(town_name)[0].place.id == town
    found = {m.surface: m.place_ids for m in finder.find(f"{town_name}位于{river_name}畔。")}
    assert found[town_name] == (town,) and found[river_name] == (river,)
    assert gazetteer.get(gazetteer.get(river).banner_id).name == banner


def test_a_name_of_two_leagues_keeps_each_parent(gazetteer: Gazetteer) -> None:
    """新开河 (a river of 通辽) and 新开河镇 (a town of 满洲里市)."""
    river, town = gazetteer.get("river:新开河"), gazetteer.lookup("新开河镇")[0].place
    assert river.parent_ids[0] == "league:150500" and town.banner_id == "banner:150781"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("实施绰尔河、雅鲁河防洪治理工程。", {"river:绰尔河", "river:雅鲁河"}),
        ("推进辽中京遗址和辽庆州白塔保护展示。", {"scenic:辽中京遗址", "scenic:辽庆州白塔"}),
        ("建设内蒙古奈曼孟家段国家湿地公园。", {"wetland:内蒙古奈曼孟家段国家湿地公园"}),
        ("阿尔山林业局和五岔沟林业局推进天然林保护。", {"town:152202:阿尔山林业局", "town:152202:五岔沟林业局"}),
        ("提升海拉尔国家森林公园，保护嘎仙洞。", {"scenic:海拉尔国家森林公园", "scenic:嘎仙洞"}),
        ("开发吉兰泰盐湖和延福寺旅游资源。", {"lake:吉兰泰盐湖", "scenic:延福寺"}),
    ],
)  # fmt: skip
def test_a_sentence_naming_harvested_places_finds_them(
    finder: MentionFinder, sentence: str, expected: set[str]
) -> None:
    found = {place_id for m in finder.find(sentence) for place_id in m.place_ids}
    assert expected <= found, found


def test_a_plan_of_the_league_resolves_a_river_to_its_banner(gazetteer: Gazetteer, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "赤峰市国民经济和社会发展第十四个五年规划纲要\n第一章 生态\n加强锡伯河、英金河综合治理，保护喀喇沁亲王府。\n",
        encoding="utf-8",
    )
    resolved = {m.surface: m for m in geoparse(read(plan), gazetteer).mentions}
    assert resolved["锡伯河"].place.id == "river:锡伯河" and resolved["锡伯河"].precision == "banner"
    assert resolved["英金河"].place.id == "river:英金河" and resolved["英金河"].precision == "league"
    assert resolved["喀喇沁亲王府"].place.id == "scenic:喀喇沁亲王府"


@pytest.mark.parametrize(
    ("short", "town"),
    [
        ("当铺地乡", "town:150404:当铺地满族乡"), ("新发乡", "town:150721:新发朝鲜民族乡"),
        ("三河乡", "town:150784:三河回族乡"), ("满族屯乡", "town:152221:满族屯满族乡"),
        ("杜拉尔乡", "town:150722:杜拉尔鄂温克民族乡"),
    ],
)  # fmt: skip
def test_an_ethnic_township_answers_to_its_name_without_the_nationality(
    gazetteer: Gazetteer, short: str, town: str
) -> None:
    assert gazetteer.lookup(short)[0].place.id == town


def test_a_township_named_after_a_nationality_has_no_short_form(gazetteer: Gazetteer) -> None:
    """民族团结乡 ('national unity') and 鄂温克民族苏木 name no place before the nationality: nothing to shorten."""
    assert "民族团结乡" in gazetteer.get("town:150924:民族团结乡").name
    assert not [a for a in gazetteer.get("town:150924:民族团结乡").aliases if a.endswith("乡")]
    assert not gazetteer.get("town:150725:鄂温克民族苏木").aliases


@pytest.mark.parametrize(
    ("town", "banner"),
    [
        ("town:150403:元宝山镇", "元宝山区"), ("town:150424:林西镇", "林西县"), ("town:150523:开鲁镇", "开鲁县"),
        ("town:150524:库伦镇", "库伦旗"), ("town:150921:卓资山镇", "卓资县"), ("town:152224:突泉镇", "突泉县"),
        ("town:152531:多伦诺尔镇", "多伦县"), ("town:150622:准格尔召镇", "准格尔旗"),
        ("town:150626:乌审召镇", "乌审旗"), ("town:150627:伊金霍洛镇", "伊金霍洛旗"),
        ("town:150721:兴安镇", "阿荣旗"),
    ],
)  # fmt: skip
def test_a_township_named_after_its_banner_is_present_in_every_league(
    gazetteer: Gazetteer, town: str, banner: str
) -> None:
    """The class of 乌审召镇: a township whose name begins with its banner's stem keeps its whole name."""
    place = gazetteer.get(town)
    assert place.type == "town" and gazetteer.get(place.banner_id).name == banner
