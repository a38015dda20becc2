"""Issue 15 item 4, waters and stations of every league: the harvested rivers, lakes, reservoirs and water schemes
(`water_region.csv`) and main-line stations (`stations.csv`) load with their page, a parent in the region and an
honest precision; a page's stated point, course or town locates them; and sentences name them whole."""

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

REGION = "province:150000"
#: the date this harvest read its pages; its rows say so in their note.
READ = "(read 2026-11-30)"
#: the stations this harvest added (the rest of stations.csv is older).
NEW_STATIONS = (
    "station:扎赉诺尔站", "station:伊图里河站", "station:阿龙山站", "station:白云鄂博站", "station:包头北站",
    "station:昌吉高勒站", "station:萨拉齐站", "station:大雁站", "station:汇流河站",
)  # fmt: skip


def _rows(name: str) -> list[dict[str, str]]:
    with (GAZETTEER_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _harvested() -> list[dict[str, str]]:
    return _rows("water_region.csv") + [r for r in _rows("stations.csv") if r["id"] in NEW_STATIONS]


def test_the_harvest_covers_every_water_type_and_the_eight_leagues(gazetteer: Gazetteer) -> None:
    rows = _harvested()
    assert len(rows) >= 60
    assert {row["type"] for row in rows} >= {"river", "lake", "reservoir", "water_project", "station"}
    places = [gazetteer.get(row["id"]) for row in rows if row["type"] != "water_project"]
    # a water drawn across leagues lies in none of them (its note names them)
    leagues = {gazetteer.get(place.league_id).name for place in places if place.league_id is not None}
    assert all("spans leagues" in place.note for place in places if place.league_id is None)
    assert leagues >= {"赤峰市", "通辽市", "呼伦贝尔市", "兴安盟", "乌兰察布市", "阿拉善盟", "包头市"}


def test_every_harvested_record_cites_its_page_and_invents_no_coordinate(gazetteer: Gazetteer) -> None:
    for row in _harvested():
        assert row["note"].startswith("record: http") and READ in row["note"], row["id"]
        assert not (row["lon"] or row["lat"] or row["at"]), row["id"]  # points come only from locations/
        if row["schematic"]:
            assert row["schematic"].startswith("line:") and "per http" in row["geometry_source"], row["id"]
        place = gazetteer.get(row["id"])
        assert REGION in place.parent_ids or place.parent_ids == (REGION,), row["id"]
        assert place.precision in {"point", "town", "banner", "league", "schematic"}, row["id"]


def test_a_record_whose_page_names_no_banner_is_at_its_league_and_says_so(gazetteer: Gazetteer) -> None:
    at_league = [row for row in _harvested() if gazetteer.get(row["id"]).precision == "league"]
    assert len(at_league) >= 15
    for row in at_league:
        place = gazetteer.get(row["id"])
        assert place.parent_ids[0].startswith("league:") and "located at its league" in place.note, row["id"]
        assert place.geometry.equals(gazetteer.get(place.parent_ids[0]).point), row["id"]


@pytest.mark.parametrize(
    ("record", "banner"),
    [
        ("river:百岔河", "克什克腾旗"), ("river:黑城子河", "敖汉旗"), ("river:黑里河", "宁城县"),
        ("reservoir:宝力高水库", "阿鲁科尔沁旗"), ("reservoir:文得根水利枢纽", "扎赉特旗"),
        ("river:阿力得尔河", "科尔沁右翼前旗"), ("river:诺敏河", "莫力达瓦达斡尔族自治旗"),
        ("river:济沁河", "扎兰屯市"), ("river:弓坝河", "凉城县"), ("river:古力古台河", "巴林右旗"),
        ("lake:奈曼西湖", "奈曼旗"), ("lake:岗更诺尔", "克什克腾旗"), ("station:白云鄂博站", "白云鄂博矿区"),
        ("station:大雁站", "鄂温克族自治旗"), ("station:乌兰察布站", "察哈尔右翼前旗"),
        ("reservoir:绰勒水利枢纽", "扎赉特旗"), ("reservoir:昆都仑水库", "九原区"), ("lake:巴丹湖", "阿拉善右旗"),
        ("reservoir:都西庙水库", "科尔沁左翼中旗"), ("river:阿龙山河", "根河市"),
    ],
)  # fmt: skip
def test_a_record_lies_under_the_banner_its_page_names(
    gazetteer: Gazetteer, record: str, banner: str
) -> None:
    assert_under_banner(gazetteer, record, banner)


@pytest.mark.parametrize(
    ("record", "lon", "lat", "banner"),
    [
        ("lake:乌兰忽少海子", 113.26667, 41.51667, "察哈尔右翼后旗"),  # 41°31′N 113°16′E
        ("lake:额日央川吉音淖尔", 101.6, 41.95, "额济纳旗"),  # 41°57′N 101°36′E
        ("lake:中泉子芒硝湖", 102.7, 39.31667, "阿拉善右旗"),  # 39°19′N 102°42′E
        ("station:阿龙山站", 121.87326, 51.68575, "根河市"),  # 51°41'8.70" 121°52'23.75"
        ("station:萨拉齐站", 110.52582, 40.56361, "土默特右旗"),  # 40°33′48.99″ 110°31′32.96″
        ("station:阿尔山北站", 119.80235, 47.28151, "阿尔山市"),  # 47°16′53″ 119°48′08″
    ],
)  # fmt: skip
def test_a_stated_point_locates_the_record_inside_its_banner(
    gazetteer: Gazetteer, record: str, lon: float, lat: float, banner: str
) -> None:
    place = gazetteer.get(record)
    assert place.precision == "point" and (place.point.x, place.point.y) == pytest.approx(
        (lon, lat), abs=1e-5
    )
    assert gazetteer.get(place.banner_id).name == banner and "read 2026-11-30" in place.geometry_source


def test_a_rounded_point_says_how_far_it_can_be() -> None:
    """A whole minute of latitude is about 1.85 km: the lake's point is good to about half of it; the station's
    hundredth of a second to the 10 m floor."""
    gazetteer = Gazetteer.load()
    assert 500 < gazetteer.get("lake:乌兰忽少海子").precision_m < 1500
    assert gazetteer.get("station:阿龙山站").precision_m < 100


def test_a_station_named_after_a_district_is_placed_where_its_page_puts_it(gazetteer: Gazetteer) -> None:
    """扎赉诺尔站 lies in 满洲里市, not in the 扎赉诺尔区 it is named after: its stated point is 1.25 km outside
    the district, as its second page says."""
    station = gazetteer.get("station:扎赉诺尔站")
    assert gazetteer.get(station.banner_id).name == "满洲里市" and station.precision == "point"
    district = gazetteer.lookup("扎赉诺尔区")[0].place
    assert not district.geometry.contains(station.point)


@pytest.mark.parametrize(
    ("station", "town"), [("station:伊图里河站", "伊图里河镇"), ("station:阿尔山站", "温泉街道")]
)
def test_a_station_whose_page_names_its_town_is_at_that_towns_point(
    gazetteer: Gazetteer, station: str, town: str
) -> None:
    place, town_place = gazetteer.get(station), gazetteer.lookup(town)[0].place
    assert place.precision == "town" and place.point.equals(town_place.point)
    assert "address → town" in place.geometry_source


def test_a_finer_fact_supersedes_the_older_one_which_stays_recorded() -> None:
    """阿尔山北站: the 伊尔施镇 address of the second harvest is rejected by hand for the stated point."""
    facts = [f for f in locations.read_facts(GAZETTEER_DIR / "locations") if f.row["name"] == "阿尔山北站"]
    assert sorted((f.row["kind"], f.status) for f in facts) == [
        ("address", "rejected"),
        ("point", "accepted"),
    ]
    (old,) = [f for f in facts if f.status == "rejected"]
    assert old.reason.startswith("superseded by the point")


@pytest.mark.parametrize(
    ("record", "units"),
    [
        ("river:乌尔逊河", ("新巴尔虎右旗", "新巴尔虎左旗")), ("river:塔布河", ("固阳县", "四子王旗")),
        ("river:五当沟", ("石拐区", "土默特右旗")), ("water_project:引绰济辽工程", ("扎赉特旗", "科尔沁区")),
        ("river:黑风河", ("正蓝旗", "多伦县")), ("river:罕达罕河", ("扎兰屯市", "扎赉特旗", "龙江县")),
        ("river:达尔沁河", ("敖汉旗", "奈曼旗")),
    ],
)  # fmt: skip
def test_a_water_crossing_banners_is_a_line_through_the_units_its_page_names(
    gazetteer: Gazetteer, record: str, units: tuple[str, ...]
) -> None:
    place = gazetteer.get(record)
    assert place.precision == "schematic" and place.geometry.geom_type == "LineString"
    points = [tuple(gazetteer.lookup(unit)[0].place.point.coords[0]) for unit in units]
    assert list(place.geometry.coords) == points


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("加强百岔河、碧流河、查干木伦河综合治理。", {"river:百岔河", "river:碧流河", "river:查干木伦河"}),
        ("实施引绰济辽工程，建设文得根水利枢纽。", {"water_project:引绰济辽工程", "reservoir:文得根水利枢纽"}),
        ("乌尔逊河、克鲁伦河注入呼伦湖。", {"river:乌尔逊河", "river:克鲁伦河", "lake:呼伦湖"}),
        ("开行扎赉诺尔站至伊图里河站、阿龙山站的列车。",
         {"station:扎赉诺尔站", "station:伊图里河站", "station:阿龙山站"}),
        ("保护乌兰忽少海子湿地，治理塔布河、五当沟。", {"lake:乌兰忽少海子", "river:塔布河", "river:五当沟"}),
        ("改造萨拉齐站和白云鄂博站。", {"station:萨拉齐站", "station:白云鄂博站"}),
    ],
)  # fmt: skip
def test_a_sentence_naming_harvested_places_finds_them_whole(
    finder: MentionFinder, sentence: str, expected: set[str]
) -> None:
    mentions = finder.find(sentence)
    found = {place_id for m in mentions for place_id in m.place_ids}
    assert expected <= found, found
    names = {m.surface for m in mentions}
    assert "木伦河" not in names and "扎赉诺尔" not in names  # no piece of a longer name


def test_a_river_and_a_town_of_one_stem_stay_two_records(gazetteer: Gazetteer, finder: MentionFinder) -> None:
    found = {m.surface: m.place_ids for m in finder.find("黑里河镇位于黑里河畔。")}
    assert found["黑里河"] == ("river:黑里河",)
    assert found["黑里河镇"] == (gazetteer.lookup("黑里河镇")[0].place.id,)
    assert gazetteer.get(found["黑里河镇"][0]).type == "town"


def test_a_plan_of_the_league_resolves_harvested_waters_and_stations(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "兴安盟国民经济和社会发展第十四个五年规划纲要\n第一章 水利\n"
        "推进引绰济辽工程，治理阿力得尔河、海勒斯台河，改造阿尔山站。\n",
        encoding="utf-8",
    )
    resolved = {m.surface: m for m in geoparse(read(plan), gazetteer).mentions}
    assert (
        resolved["阿力得尔河"].place.id == "river:阿力得尔河" and resolved["阿力得尔河"].precision == "banner"
    )
    assert resolved["海勒斯台河"].place.id == "river:海勒斯台河"
    assert resolved["阿尔山站"].place.id == "station:阿尔山站" and resolved["阿尔山站"].precision == "town"
    assert resolved["引绰济辽工程"].place.id == "water_project:引绰济辽工程"


def test_a_name_whose_page_names_no_banner_is_left_to_the_town_it_begins_with(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """八里罕河: its page names only the league, and a league record would place it less finely than the town its
    name begins with (八里罕镇 of 宁城县) places an unknown name; so it is no record, and a plan of the banner locates it
    at that town."""
    assert not [c for c in gazetteer.lookup("八里罕河") if c.place.name == "八里罕河"]
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "宁城县国民经济和社会发展第十四个五年规划纲要\n第一章 水利\n治理八里罕河。\n", encoding="utf-8"
    )
    (river,) = [m for m in geoparse(read(plan), gazetteer).mentions if m.surface == "八里罕河"]
    assert gazetteer.get(river.place.banner_id).name == "宁城县"
