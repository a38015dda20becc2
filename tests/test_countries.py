"""Countries of the world (gazetteer/countries.csv): CLDR names at their GeoNames capitals, found in texts."""

from __future__ import annotations

import csv
import unicodedata

import pytest

from geoplan.geocode import cities_build, countries_build
from geoplan.geocode.context import refine
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.segment import word_before_place
from geoplan.resources import GAZETTEER_DIR

#: capitals as GeoNames states them (www.geonames.org/<id>/): id, latitude, longitude.
CAPITALS = {
    "哈萨克斯坦": (1526273, 51.1801, 71.44598),  # Astana
    "德国": (2950159, 52.52437, 13.41053),  # Berlin
    "老挝": (1651944, 17.96667, 102.6),  # Vientiane
    "泰国": (1609350, 13.75398, 100.50144),  # Bangkok
    "菲律宾": (1701668, 14.6042, 120.9822),  # Manila
    "越南": (1581130, 21.0245, 105.84117),  # Hanoi
}


def _rows() -> list[dict[str, str]]:
    with (GAZETTEER_DIR / countries_build.OUTPUT).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _surfaces(gazetteer: Gazetteer, text: str) -> list[str]:
    finder = gazetteer.finder
    return [m.surface for m in refine(text, finder.find(text), finder)]


@pytest.mark.parametrize("name", sorted(CAPITALS))
def test_a_country_stands_at_its_geonames_capital(gazetteer: Gazetteer, name: str) -> None:
    geonames_id, lat, lon = CAPITALS[name]
    place = gazetteer.get(f"foreign:{name}")
    assert place.type == "foreign" and place.precision == "country"
    assert place.point.y == pytest.approx(lat, abs=0.001) and place.point.x == pytest.approx(lon, abs=0.001)
    assert f"GeoNames {geonames_id} " in place.geometry_source and "CC BY 4.0" in place.geometry_source


def test_every_row_is_one_sourced_country_named_once(gazetteer: Gazetteer) -> None:
    rows = _rows()
    assert len(rows) > 200
    for row in rows:
        assert row["precision"] == "country" and row["geometry_source"].startswith("GeoNames ")
        assert "ISO 3166-1" in row["note"] and "CLDR" in row["note"]
        for form in [row["name"], *filter(None, row["aliases"].split(";"))]:
            # the index holds names as NFKC-normalised (刚果（金） as 刚果(金))
            assert gazetteer.finder.ids(unicodedata.normalize("NFKC", form)) == (row["id"],), form


def test_the_curated_countries_keep_their_ids_and_forms(gazetteer: Gazetteer) -> None:
    ids = {row["id"] for row in _rows()}
    assert gazetteer.finder.ids("蒙古") == (
        "foreign:蒙古国",
    )  # CLDR's name for MN merges into the curated record
    for kept in (
        "foreign:蒙古国",
        "foreign:俄罗斯",
        "foreign:日本",
        "foreign:韩国",
        "foreign:美国",
        "foreign:意大利",
    ):
        assert kept not in ids and gazetteer.get(kept).type == "foreign"
    assert "foreign:蒙古" not in ids


def test_antarctica_is_a_continent_at_its_geonames_point(gazetteer: Gazetteer) -> None:
    # AQ has no capital; like the other continents it stands at GeoNames 6255152 (-78.15856, 16.40626)
    place = gazetteer.get("foreign:南极洲")
    assert "6255152" in place.geometry_source
    assert (round(place.point.x, 3), round(place.point.y, 3)) == (16.406, -78.159)


def test_china_and_non_countries_are_not_foreign_records() -> None:
    names = {row["name"] for row in _rows()}
    assert not names & {"中国", "台湾", "中国香港特别行政区", "中国澳门特别行政区", "欧盟", "世界", "联合国"}


def test_a_country_named_like_a_place_of_the_region_is_left_out(gazetteer: Gazetteer) -> None:
    # Bahrain's and Montenegro's Chinese names begin 巴林左旗 and 黑山头镇
    assert {row["name"] for row in _rows()}.isdisjoint({"巴林", "黑山"})
    assert gazetteer.finder.ids("巴林") == ()


def test_a_trade_partner_list_is_read_country_by_country(gazetteer: Gazetteer) -> None:
    text = "对外贸易伙伴扩大到菲律宾、老挝、越南、泰国、哈萨克斯坦、白俄罗斯、德国和刚果金等国家。"
    assert _surfaces(gazetteer, text) == [
        "菲律宾", "老挝", "越南", "泰国", "哈萨克斯坦", "白俄罗斯", "德国", "刚果金",
    ]  # fmt: skip
    assert gazetteer.finder.ids("刚果金") == ("foreign:刚果（金）",)
    # CLDR's own form, with the full-width brackets texts write
    assert _surfaces(gazetteer, "与刚果（布）开展合作。") == ["刚果（布）"]


def test_a_country_before_one_of_its_cities_is_taken(gazetteer: Gazetteer) -> None:
    """The country is a place, and the city written right after it a place of its own (located in the country)."""
    assert _surfaces(gazetteer, "中欧班列通达德国杜伊斯堡。") == ["德国", "杜伊斯堡"]


def test_words_that_only_look_like_countries_are_not_countries(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "朝鲜族群众载歌载舞，马里兰大学代表团来访。") == []
    assert not {"中非", "南非"} & set(_surfaces(gazetteer, "推进中非合作论坛成果落实，湖南非遗展开幕。"))
    assert _surfaces(gazetteer, "与印度尼西亚开展合作。") == ["印度尼西亚"]  # never 印度 inside it
    assert _surfaces(gazetteer, "巴林左旗的巴林石。") == ["巴林左旗"]


def test_bracketed_cldr_names_give_the_forms_texts_write() -> None:
    assert countries_build.forms("刚果（金）") == ("刚果金",)
    assert countries_build.forms("科科斯（基林）群岛") == ("科科斯群岛",)
    assert countries_build.forms("德国") == ()


def test_the_capital_is_found_by_name_then_alternate_name_most_populous_first() -> None:
    cities = [
        {"name": "Washington", "population": 4000, "alternatenames": []},
        {"name": "Washington", "population": 690000, "alternatenames": []},
        {"name": "Brasília", "population": 2200000, "alternatenames": ["Brasilia"]},
        {"name": "Porecatu", "population": 11000, "alternatenames": ["Brasilia"]},
    ]
    assert countries_build.capital("Washington", cities)["population"] == 690000
    assert countries_build.capital("Brasilia", cities)["name"] == "Brasília"
    assert (
        countries_build.capital(" ", cities) is None and countries_build.capital("Melekeok", cities) is None
    )


def test_the_build_merges_leaves_out_and_locates(
    gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CLDR's names for a few codes (what Babel gives for zh_Hans_CN), so the build runs without Babel
    names = {"MN": "蒙古", "BH": "巴林", "CN": "中国", "LA": "老挝", "AQ": "南极洲", "EU": "欧盟"}
    monkeypatch.setattr(countries_build, "territory_names", lambda: ("CLDR via Babel (test)", names))
    # the shipped table's own records do not count as known (a rebuild writes them again); nothing is written
    rows, left_out = countries_build.build_rows(gazetteer, GAZETTEER_DIR)
    assert [(r["id"], r["lon"], r["lat"]) for r in rows] == [("foreign:老挝", "102.60000", "17.96667")]
    assert "GeoNames 1651944 (Vientiane)" in rows[0]["geometry_source"]
    assert [line.split(":")[0] for line in left_out] == ["AQ 南极洲", "BH 巴林", "MN 蒙古"]
    assert "merged with foreign:蒙古国" in left_out[2] and "homonym of banner:150422" in left_out[1]


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("通达德国杜伊斯堡。", 2, True),
        ("与越南河内合作", 1, True),
        ("浓浓的蒙古元素", 3, False),
        ("的蒙古大汗国国徽", 1, False),
    ],
)
def test_a_country_word_before_a_place_word(text: str, start: int, expected: bool) -> None:
    assert word_before_place(text, start, start + 2) is expected


def test_a_former_name_of_a_country_is_that_country(gazetteer: Gazetteer) -> None:
    assert gazetteer.finder.ids("蒙古人民共和国") == ("foreign:蒙古国",)
    assert _surfaces(gazetteer, "北与蒙古人民共和国接壤。") == ["蒙古人民共和国"]


def test_the_cldr_notice_is_the_one_cldr_49_ships() -> None:
    """The Unicode License v3 notice beside the names is CLDR's own, as Babel 2.19.0 ships it with CLDR 49's data
    (babel/locale-data/LICENSE.unicode): CLDR's copyright line runs from 2004, the year CLDR began (1991-… is the
    Unicode Character Database's line), and the text ends with its SPDX identifier."""
    notice = (GAZETTEER_DIR / "CLDR-LICENSE.txt").read_text(encoding="utf-8")
    lines = notice.splitlines()
    assert "CLDR 49" in notice and "UNICODE LICENSE V3" in lines
    assert [line for line in lines if line.startswith("Copyright")] == ["Copyright © 2004-2025 Unicode, Inc."]
    assert lines[-1] == "SPDX-License-Identifier: Unicode-3.0"
    rows = _rows()
    assert rows and all("CLDR 49" in row["note"] for row in rows)


def test_a_zones_city_is_found_by_its_name_in_the_zone_then_by_alternate_name() -> None:
    cities = [
        {"name": "Warsaw", "population": 1700000, "timezone": "Europe/Warsaw", "alternatenames": []},
        {"name": "Warsaw", "population": 9000, "timezone": "America/Chicago", "alternatenames": []},
        {"name": "Kyiv", "population": 2800000, "timezone": "Europe/Kyiv", "alternatenames": ["Kiev"]},
    ]
    assert cities_build.zone_city("Europe/Warsaw", cities)["population"] == 1700000
    assert cities_build.zone_city("Europe/Kiev", cities) is None  # another zone's city is never taken
    cities[2]["timezone"] = "Europe/Kiev"
    assert cities_build.zone_city("Europe/Kiev", cities)["name"] == "Kyiv"
    assert cities_build.zone_city("Asia/Kuala_Lumpur", cities) is None


def test_the_world_cities_build_leaves_out_and_locates(
    gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CLDR's exemplar cities and territory names for a few zones (what Babel gives), so the build runs without Babel
    zones = {"Europe/Warsaw": "华沙", "Europe/Moscow": "莫斯科", "Asia/Shanghai": "上海"}
    monkeypatch.setattr(cities_build, "zone_cities", lambda: ("CLDR via Babel (test)", zones))
    monkeypatch.setattr(
        cities_build, "territory_names", lambda: ("CLDR (test)", {"PL": "波兰", "RU": "俄罗斯"})
    )
    rows, left_out = cities_build.build_rows(gazetteer, GAZETTEER_DIR)
    # Warsaw is GeoNames 756135 at 52.22977 N, 21.01178 E; China's cities are never foreign
    assert [(r["id"], r["parent"], r["lon"], r["lat"], r["precision"]) for r in rows] == [
        ("foreign:华沙", "foreign:波兰", "21.01178", "52.22977", "town")
    ]
    assert "GeoNames 756135 (Warsaw)" in rows[0]["geometry_source"]
    assert left_out == ["Europe/Moscow 莫斯科: a name of foreign:莫斯科"]
