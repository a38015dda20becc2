"""Records added for places public texts name: each in its banner, each with the page that says so.

A record without a coordinate is located at its parent banner (precision 'banner'); its note cites the page read.
"""

from __future__ import annotations

import csv
import re

import pytest

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.resources import GAZETTEER_DIR

_PAGE = re.compile(r"https?://\S+ \(read \d{4}-\d{2}-\d{2}\)")


@pytest.mark.parametrize(
    ("name", "record", "banner"),
    [
        ("曼德拉山", "mountain:曼德拉山", "阿拉善右旗"),
        ("龙首山", "mountain:龙首山", "阿拉善右旗"),
        ("玉龙沙湖", "lake:玉龙沙湖", "翁牛特旗"),
        ("孝庄园", "scenic:孝庄园文化旅游区", "科尔沁左翼中旗"),
        ("达尔罕亲王府", "scenic:达尔罕亲王府", "科尔沁左翼中旗"),
        ("特金罕山", "reserve:罕山国家级自然保护区", "扎鲁特旗"),
        ("赤峰市资源型城市经济转型开发试验区", "park:赤峰市资源型城市经济转型开发试验区", "元宝山区"),
        ("莎木佳镇", "town:150207:莎木佳镇", "九原区"),
        ("哈业脑包乡", "town:150207:哈业脑包乡", "九原区"),
        ("古城湾乡", "town:150207:古城湾乡", "九原区"),
        ("新城乡", "town:150207:新城镇", "九原区"),
        ("鄂尔多斯综合保税区", "park:鄂尔多斯综合保税区", "伊金霍洛旗"),
        ("白音华苏木", "town:152526:白音华苏木", "西乌珠穆沁旗"),
    ],
)
def test_a_named_place_has_its_record_in_its_banner_with_its_page(
    gazetteer: Gazetteer, name: str, record: str, banner: str
) -> None:
    found = gazetteer.lookup(name)
    assert found and found[0].place.id == record
    place = found[0].place
    assert gazetteer.get(place.banner_id).name == banner
    assert _PAGE.search(place.note), place.note  # the page that states the record


@pytest.mark.parametrize(
    ("former", "town"),
    [
        ("额肯呼都格镇", "town:152922:巴丹吉林镇"),  # the seat of 阿拉善右旗 before
        ("巴彦乌拉镇", "town:152526:巴拉嘎尔高勒镇"),  # the seat of 西乌珠穆沁旗 before the 2005 merger
    ],
)
def test_a_towns_former_name_is_that_town(gazetteer: Gazetteer, former: str, town: str) -> None:
    """Former names of towns (pages in context/aliases.csv)."""
    assert [c.place.id for c in gazetteer.lookup(former)] == [town]


def _rows(file_name: str) -> list[dict[str, str]]:
    with (GAZETTEER_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", _rows("towns_former.csv"), ids=lambda row: row["id"])
def test_a_former_township_says_so_cites_its_page_and_has_no_invented_point(
    gazetteer: Gazetteer, row: dict[str, str]
) -> None:
    assert row["note"].startswith("former township") and _PAGE.search(row["note"])
    assert not (row["lon"] or row["lat"] or row["at"] or row["schematic"])
    place = gazetteer.get(row["id"])
    parent = gazetteer.get(place.banner_id)
    assert (parent.name, place.precision, place.point) == (row["parent"], "banner", parent.point)


def test_a_former_name_of_a_town_cites_its_pages() -> None:
    rows = [r for r in _rows("context/aliases.csv") if r["target"].startswith("town:")]
    assert rows
    for row in rows:
        assert row["kind"] == "former" and _PAGE.search(row["note"]), row
