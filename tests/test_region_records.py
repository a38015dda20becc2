"""Issue 15, sourced records of the fourth round (i16g): railways still missing (通让, 大郑, 唐包, 博林, 准池, the
通齐 forms of the planned 通乌齐 line), mountains, heritage sites, gas and coal fields, former townships and renamed or
variant town names the region's texts use. Each loads with its cited page and an honest precision, and a plan
sentence written here finds and resolves it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import resolved_ids

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder
from geoplan.resources import GAZETTEER_DIR

#: record id -> (curated file, parent it must have, precision it must have)
RECORDS = {
    "railway:通让铁路": ("routes.csv", "league:150500", "league"),
    "railway:大郑铁路": ("routes.csv", "league:150500", "league"),
    "railway:唐包铁路": ("routes.csv", "province:150000", "schematic"),
    "railway:博林铁路": ("routes.csv", "banner:150782", "town"),  # at 博克图镇, the one place its page names
    "railway:准池铁路": ("routes.csv", "banner:150622", "banner"),
    "mountain:燕山": ("natural.csv", "province:150000", "schematic"),  # drawn across 赤峰 and 通辽
    "mountain:土贵乌拉山": ("natural.csv", "banner:150926", "banner"),
    "scenic:甘珠尔庙": ("scenic_region.csv", "banner:150726", "banner"),
    "scenic:陈国公主墓": ("scenic_region.csv", "banner:150525", "banner"),
    "scenic:黑城城址": ("scenic_region.csv", "banner:150429", "banner"),
    "scenic:法轮寺": ("scenic_region.csv", "banner:150429", "banner"),
    "mine:苏里格气田": ("mines_reservoirs.csv", "banner:150626", "banner"),
    "mine:东胜气田": ("mines_reservoirs.csv", "league:150600", "league"),
    "mine:大牛地气田": ("mines_reservoirs.csv", "province:150000", "province"),
    "mine:公乌素煤矿": ("mines_reservoirs.csv", "banner:150303", "banner"),
    "mine:神东煤田": ("mines_reservoirs.csv", "league:150600", "league"),
    "town:150526:联合屯镇": ("towns_former.csv", "banner:150526", "banner"),
    "town:152921:古拉本敖包镇": ("towns_former.csv", "banner:152921", "banner"),
    "town:150526:嘎达苏种畜场": ("towns_units.csv", "banner:150526", "banner"),
    "scenic:鸡鹿塞遗址": ("scenic.csv", "banner:150822", "banner"),
    "scenic:高阙塞遗址": ("scenic.csv", "banner:150825", "banner"),
    "airport:呼和浩特盛乐国际机场": ("airports.csv", "banner:150123", "banner"),
    "mountain:伊勒呼里山": ("natural.csv", "banner:150723", "banner"),
    "mountain:老道山": ("natural.csv", "banner:150525", "banner"),
    "road:G338": ("routes.csv", "province:150000", "schematic"),
    "station:宁城站": ("stations.csv", "banner:150429", "banner"),
    "scenic:酒泉卫星发射中心": ("scenic_region.csv", "banner:152923", "point"),  # its page states a point
    "mountain:必鲁图沙峰": ("natural.csv", "banner:152922", "banner"),  # a page names 阿拉善右旗 (i24l)
    "scenic:席力图召": ("scenic.csv", "banner:150104", "banner"),
    "wetland:小白河": ("reserves_region.csv", "league:150200", "league"),
    "lake:南海湖": ("reserves_region.csv", "banner:150202", "banner"),
    "mountain:阿巴该图山": ("natural.csv", "banner:150781", "banner"),
    "scenic:金界壕": ("scenic.csv", "province:150000", "schematic"),
    "scenic:梵宗寺": ("scenic_region.csv", "banner:150426", "town"),  # its page puts it at 乌丹镇
    "scenic:敖伦苏木古城遗址": ("scenic_region.csv", "banner:150223", "banner"),
    "scenic:汇宗寺": ("scenic.csv", "banner:152531", "banner"),
    "town:150926:土贵乡": ("towns_former.csv", "banner:150926", "banner"),
}  # fmt: skip


def _row(file: str, record_id: str) -> dict[str, str]:
    with (GAZETTEER_DIR / file).open(encoding="utf-8", newline="") as handle:
        (row,) = [row for row in csv.DictReader(handle) if row["id"] == record_id]
    return row


@pytest.mark.parametrize(("record_id", "expected"), RECORDS.items())
def test_each_record_cites_its_page_and_states_no_coordinate_of_its_own(
    gazetteer: Gazetteer, record_id: str, expected: tuple[str, str, str]
) -> None:
    file, parent, precision = expected
    row = _row(file, record_id)
    assert "http" in row["note"] and "(read 2026-11-30)" in row["note"]
    assert not (
        row["lon"] or row["lat"] or row["at"]
    )  # located by its parent, its waypoints or a page's fact
    place = gazetteer.get(record_id)
    assert place.parent_ids[0] == parent and place.precision == precision


def test_a_former_township_names_what_it_merged_into_or_says_it_is_not_stated() -> None:
    with (GAZETTEER_DIR / "towns_former.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if "(read 2026-11-30)" in row["note"]]
    assert len(rows) >= 14
    for row in rows:
        assert row["note"].startswith("former township: ")
        assert "merged into" in row["note"] or "not stated" in row["note"] or "split from" in row["note"]


@pytest.mark.parametrize(
    ("name", "town"),
    [
        ("右北平镇", "town:150429:甸子镇"), ("白音胡硕镇", "town:152222:巴彦呼舒镇"),
        ("嘉尔格勒赛汉镇", "town:152921:嘉尔嘎勒赛汉镇"), ("巴雅尔吐胡硕镇", "town:150526:巴雅尔图胡硕镇"),
        ("拉布达林镇", "town:150784:拉布达林街道"), ("巧什营镇", "town:150123:巧什营乡"), ("土贵镇", "town:150926:土贵乌拉镇"), ("阿木古浪镇", "town:150726:阿木古郎镇"),
    ],
)  # fmt: skip
def test_a_renamed_or_variant_town_name_finds_the_listed_town(
    gazetteer: Gazetteer, name: str, town: str
) -> None:
    assert gazetteer.lookup(name)[0].place.id == town


def test_an_update_gave_the_planned_line_its_other_names(gazetteer: Gazetteer) -> None:
    for form in ("通齐高铁", "通齐高速铁路", "齐齐哈尔至通辽高速铁路", "通乌齐高铁"):
        assert gazetteer.lookup(form)[0].place.id == "railway:通乌齐高铁"
    for form in ("赤承高速", "承赤高速公路", "大广高速"):  # an update row added the first two to G45
        assert gazetteer.lookup(form)[0].place.id == "road:G45"
    assert gazetteer.lookup("满洲里国家重点开发开放试验区")[0].place.id == "park:满洲里重点开发开放试验区"
    assert gazetteer.get("railway:通乌齐高铁").precision == "schematic"  # its line is kept


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("改造通让铁路和大郑线，扩能唐包线。", {"railway:通让铁路", "railway:大郑铁路", "railway:唐包铁路"}),
        ("谋划通齐高铁，提升准池铁路运能。", {"railway:通乌齐高铁", "railway:准池铁路"}),
        ("保护甘珠尔庙、陈国公主墓和法轮寺。", {"scenic:甘珠尔庙", "scenic:陈国公主墓", "scenic:法轮寺"}),
        ("稳定苏里格气田和大牛地气田产量。", {"mine:苏里格气田", "mine:大牛地气田"}),
        ("保护成吉思汗边墙、阿尔寨石窟和汇宗寺。", {"scenic:金界壕", "scenic:阿尔寨石窟", "scenic:汇宗寺"}),
        ("建成呼和浩特盛乐国际机场，修缮鸡鹿塞和高阙塞。", {"airport:呼和浩特盛乐国际机场", "scenic:鸡鹿塞遗址", "scenic:高阙塞遗址"}),
    ],
)  # fmt: skip
def test_a_sentence_naming_the_records_finds_them(
    finder: MentionFinder, sentence: str, expected: set[str]
) -> None:
    found = {place_id for m in finder.find(sentence) for place_id in m.place_ids}
    assert expected <= found, found


def test_a_plan_of_the_league_resolves_the_heritage_site_and_the_renamed_town(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    resolved = resolved_ids(
        gazetteer,
        tmp_path,
        "赤峰市国民经济和社会发展第十四个五年规划纲要",
        "保护右北平镇黑城城址和燕山生态。",
    )
    assert resolved.get("黑城城址") == "scenic:黑城城址"
    assert resolved.get("右北平镇") == "town:150429:甸子镇"
    assert resolved.get("燕山") == "mountain:燕山"
