"""County-level units elsewhere in China: named after their province or city, never by a bare name."""

from __future__ import annotations

import csv
import shutil
from functools import partial
from pathlib import Path

import pytest
from helpers import found

from geoplan.geocode.context import refine
from geoplan.geocode.gazetteer import QUALIFIED_DIR, Gazetteer
from geoplan.geocode.outside_build import CITY_OUTPUT, COUNTY_OUTPUT, county_rows, full_name_rows
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read
from geoplan.resources import GAZETTEER_DIR

_found = partial(found, fields=("surface", "place_ids"))


def test_a_district_after_its_province_level_city_is_a_place(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "展会在上海市浦东新区举行。")
    assert [s for s, _ in found] == ["上海市", "浦东新区"]
    place = gazetteer.get(found[1][1][0])
    assert place.name == "浦东新区" and place.type == "neighbour" and place.precision == "banner"
    assert place.parent_ids[0] == "province:310000" and "district.geojson" in place.geometry_source


def test_a_county_after_its_city_is_a_place_of_that_city(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "客商来自山东省青岛市黄岛区。")
    assert [s for s, _ in found] == ["山东省", "青岛市", "黄岛区"]
    assert gazetteer.get(found[2][1][0]).parent_ids[0] == "neighbour:370200"


def test_an_address_is_split_into_its_units_and_street(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "地址：广东省深圳市南山区科技南路八号。")
    assert [s for s, _ in found] == ["广东省", "深圳市", "南山区", "科技南路"]
    assert gazetteer.get(found[2][1][0]).parent_ids[0] == "neighbour:440300"
    assert [s for s, _ in _found(gazetteer, "他在北京市海淀区工作。")] == ["北京市", "海淀区"]


def test_a_bare_county_name_is_no_place(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "他在黄岛区工作，后来去了浦东新区。") == []


def test_a_county_level_city_read_as_a_place_is_found_alone(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "货物经珲春市出境。")
    assert [s for s, _ in found] == ["珲春市"]
    assert gazetteer.get(found[0][1][0]).parent_ids[0] == "neighbour:222400"
    assert _found(gazetteer, "货物经珲春出境。") == []  # never by the bare stem
    assert _found(gazetteer, "发展沿海城市的贸易。") == []  # 海城市 is matched only after its province


def test_the_counties_table_is_what_its_builder_makes(gazetteer: Gazetteer) -> None:
    assert COUNTY_OUTPUT.startswith(QUALIFIED_DIR + "/")
    with (GAZETTEER_DIR / COUNTY_OUTPUT).open(encoding="utf-8", newline="") as handle:
        shipped = [(r["id"], r["name"], r["aliases"], r["parent"], r["lat"]) for r in csv.DictReader(handle)]
    built = [(r["id"], r["name"], r["aliases"], r["parent"], r["lat"]) for r in county_rows(gazetteer)]
    assert shipped == built and len(shipped) > 2000


def test_a_city_whose_stem_is_a_word_is_found_by_its_full_name_only(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "航线通达合肥市、烟台市。")
    assert [s for s, _ in found] == ["合肥市", "烟台市"]
    place = gazetteer.get(found[0][1][0])
    assert place.precision == "league" and place.parent_ids == ("province:340000",)
    assert _found(gazetteer, "航线通达合肥、烟台。") == []
    assert _found(gazetteer, "游览黄山市场。") == []  # 黄山市 inside a longer word
    found = _found(gazetteer, "安徽省合肥市蜀山区。")
    assert [s for s, _ in found] == ["安徽省", "合肥市", "蜀山区"]
    assert gazetteer.get(found[2][1][0]).parent_ids[0] == "neighbour:340100"


def test_the_full_name_cities_table_is_what_its_builder_makes(gazetteer: Gazetteer) -> None:
    with (GAZETTEER_DIR / CITY_OUTPUT).open(encoding="utf-8", newline="") as handle:
        shipped = [(r["id"], r["name"], r["aliases"], r["lat"]) for r in csv.DictReader(handle)]
    built = [(r["id"], r["name"], r["aliases"], r["lat"]) for r in full_name_rows(gazetteer)]
    assert shipped == built and all(name == alias for _, name, alias, _ in shipped) and len(shipped) > 50


def test_a_neighbouring_autonomous_county_in_its_common_form_after_its_province(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "河北省围场县与我旗接壤。")
    assert [s for s, _ in found] == ["河北省", "围场县"]
    assert gazetteer.get(found[1][1][0]).name == "围场满族蒙古族自治县"
    assert _found(gazetteer, "围场县与我旗接壤。") == []  # the common form alone is no name of the gazetteer


def test_a_city_stem_is_read_after_its_province_stem(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "客商来自安徽合肥。")
    assert [s for s, _ in found] == ["安徽", "合肥"]
    assert gazetteer.get(found[1][1][0]).name == "合肥市"


def test_a_province_right_before_a_place_of_it_is_a_mention(gazetteer: Gazetteer) -> None:
    # 河北 and 山东 alone are stop words (河北: 'north of the river'); before a place of the province they name it
    found = _found(gazetteer, "客商来自山东烟台市和河北张家口。")
    assert [(s, ids[0]) for s, ids in found] == [
        ("山东", "province:370000"),
        ("烟台市", "neighbour:370600"),
        ("河北", "province:130000"),
        ("张家口", "neighbour:130700"),
    ]
    assert [s for s, _ in _found(gazetteer, "黄河北岸的村庄。")] == ["黄河"]


@pytest.mark.parametrize(
    ("text", "written", "official"),
    [
        ("黑龙江省杜尔伯特县与我旗接壤。", "杜尔伯特县", "杜尔伯特蒙古族自治县"),
        ("吉林省前郭县与我旗接壤。", "前郭县", "前郭尔罗斯蒙古族自治县"),
        ("吉林省前郭尔罗斯县与我旗接壤。", "前郭尔罗斯县", "前郭尔罗斯蒙古族自治县"),
    ],
)
def test_an_autonomous_county_without_its_peoples(gazetteer, text, written, official) -> None:
    """The common form drops the peoples before 自治县, however long the county's own name is."""
    found = dict(_found(gazetteer, text))
    assert gazetteer.get(found[written][0]).name == official


def test_the_units_come_from_the_gazetteer_loaded_not_the_shipped_directory(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """A user's own gazetteer directory without 黄岛区 finds no 黄岛区 after its city; the shipped one does."""
    text = "客商来自山东省青岛市黄岛区。"
    assert "黄岛区" in [s for s, _ in _found(gazetteer, text)]
    own = tmp_path / "gazetteer"
    shutil.copytree(GAZETTEER_DIR, own)
    counties = own / COUNTY_OUTPUT
    with counties.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, [r for r in reader if r["name"] != "黄岛区"]
    with counties.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields or [])
        writer.writeheader()
        writer.writerows(rows)
    users = Gazetteer.load(own)
    assert users.finder.qualified.units != gazetteer.finder.qualified.units
    assert [s for s, _ in _found(users, text)] == ["山东省", "青岛市"]


def _parse(gazetteer: Gazetteer, tmp_path: Path, text: str):
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    return geoparse(read(path), gazetteer)


def test_a_county_the_gazetteer_lacks_after_its_province_lies_in_that_province(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'X省Y县' names a county of X even when the gazetteer lacks it (a former county, a renamed one): it is
    located in the province, with the province's precision and a reason that says so."""
    places = _parse(gazetteer, tmp_path, "某旗概况\n该旗南与河北省青泉县毗邻，东与辽宁省建安、宁源交界。\n")
    found = {m.surface: m for m in places.mentions}
    assert {"河北省", "青泉县", "辽宁省", "建安", "宁源"} <= set(found)
    county = found["青泉县"]
    assert county.place is not None and county.place.id == "province:130000"
    assert county.precision == "province" and "written right after 河北省" in county.reason
    assert found["建安"].place is not None and found["建安"].place.id == "province:210000"
    assert found["宁源"].place is None  # not written right after the province: unresolved, never the issuer


@pytest.mark.parametrize(
    "text",
    [
        "支持河北省各县市发展。",  # a generic word, not a county's name
        "向河北省输送电力。",
        "地处蒙宁交界地区。",  # a one-character abbreviation heads no address
    ],
)
def test_no_county_without_a_name_after_the_province(gazetteer: Gazetteer, text: str) -> None:
    assert all(
        m.rule != "qualified:unknown" for m in refine(text, gazetteer.finder.find(text), gazetteer.finder)
    )


@pytest.mark.parametrize(
    ("text", "chain", "township", "county"),
    [
        # a province, a county-level city the gazetteer holds, then a township it lacks
        ("他出生于黑龙江省讷河市二克浅乡，后随父母迁居莫旗。", ["黑龙江省", "讷河市"], "二克浅乡", "讷河市"),
        # an autonomous county in full after its province and city
        (
            "他是河北省承德市围场满族蒙古族自治县御道口乡人。",
            ["河北省", "承德市", "围场满族蒙古族自治县"],
            "御道口乡",
            "围场满族蒙古族自治县",
        ),
        # the same county in its common form, held only as qualified (found after its city by qualified_units)
        (
            "他是河北省承德市围场县御道口乡人。",
            ["河北省", "承德市", "围场县"],
            "御道口乡",
            "围场满族蒙古族自治县",
        ),
        # a township whose name ends in a town name of the region (新镇 of 奈曼旗)
        ("导弹发射场位于甘肃金塔县鼎新镇境内。", ["甘肃", "金塔县"], "鼎新镇", "金塔县"),
    ],
)
def test_a_township_after_units_outside_the_region_is_its_own_mention_at_its_county(
    gazetteer: Gazetteer, tmp_path: Path, text: str, chain: list[str], township: str, county: str
) -> None:
    """'X省Y市Z乡': each unit of the address chain is a mention of its own, and the township is one too, located at
    the county written right before it (its precision, a reason that says so); no town of the region is matched
    inside its name."""
    places = _parse(gazetteer, tmp_path, "某旗概况\n" + text + "\n")
    outside = [m for m in places.mentions if m.surface in {*chain, township} or "新镇" in m.surface]
    assert [m.surface for m in outside] == [*chain, township]
    mention = outside[-1]
    assert mention.type == "town" and mention.place is not None
    assert mention.place.name == county and mention.place.type == "neighbour"
    assert mention.precision == "banner" == mention.place.precision
    assert f"written right after {gazetteer.get(mention.place.id).name}, outside the region" in mention.reason
    assert not any(m.place is not None and m.place.type == "town" for m in places.mentions)


@pytest.mark.parametrize(
    ("text", "township", "located_at"),
    [
        # a city outside the region read by its short form, then the class character of its former county
        ("1914年属奉天省辽源县管辖，曾为辽源县通辽镇。", "通辽镇", "辽源市"),
        # a county the gazetteer lacks after its province (located at the province), then its township
        ("浑河发源于山西省平鲁县郭家窑乡料八山。", "郭家窑乡", "山西省"),
    ],
)
def test_a_township_after_an_outside_unit_and_its_class_character(
    gazetteer: Gazetteer, tmp_path: Path, text: str, township: str, located_at: str
) -> None:
    """'辽源' + '县' + '通辽镇': the unit's class character is part of the address, not of the township's name, and
    the township is located where its address is, outside the region (not at a place of the text's own league)."""
    places = _parse(gazetteer, tmp_path, "某旗概况\n" + text + "\n")
    towns = [m for m in places.mentions if m.type == "town"]
    assert [m.surface for m in towns] == [township]
    assert towns[0].place is not None and towns[0].place.name == located_at
    assert "written right after" in towns[0].reason


@pytest.mark.parametrize("text", ["黑龙江省讷河市各乡镇。", "支持黑龙江省讷河市城乡发展。"])
def test_no_township_without_a_name_after_an_outside_unit(gazetteer: Gazetteer, text: str) -> None:
    assert [s for s, _ in _found(gazetteer, text)] == ["黑龙江省", "讷河市"]


def test_an_address_in_a_list_of_towns_stays_its_units(gazetteer: Gazetteer) -> None:
    # the items share 镇, but the second is the region's province, banner and town written one after another: no
    # one name of a town
    text = "两地分别是黑龙江省甘南县兴十四镇、内蒙古阿荣旗亚东镇。"
    assert [s for s, _ in _found(gazetteer, text)] == [
        "黑龙江省",
        "甘南县",
        "兴十四镇",
        "内蒙古",
        "阿荣旗",
        "亚东镇",
    ]
