"""Issue 15: named regions of China that plans reference (national urban agglomerations, strategy belts, the
statistical west and the east coast), each a schematic hull of the units its cited page names; a plan sentence
written here finds and resolves them, and a belt's class word does not hide the recorded name."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import resolved_ids
from shapely.geometry import Point

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.resources import GAZETTEER_DIR

FILE = GAZETTEER_DIR / "urban_agglomerations.csv"
#: record id -> a city its page names, whose own point must lie in the record's hull
MEMBERS = {
    "region:珠三角": "neighbour:440300",  # 深圳市
    "region:关中平原城市群": "neighbour:610100",  # 西安市
    "region:中原城市群": "neighbour:410100",  # 郑州市
    "region:哈长城市群": "neighbour:230100",  # 哈尔滨市
    "region:兰西城市群": "neighbour:620100",  # 兰州市
    "region:宁夏沿黄城市群": "neighbour:640100",  # 银川市
    "region:山西中部城市群": "neighbour:140100",  # 太原市
    "region:呼包鄂榆城市群": "league:150100",  # 呼和浩特市
    "region:汾渭平原": "neighbour:610500",  # 渭南市
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _rows() -> list[dict[str, str]]:
    with FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_each_record_cites_its_page_and_draws_only_a_schematic_hull(gazetteer: Gazetteer) -> None:
    rows = _rows()
    assert len(rows) == 13
    for row in rows:
        assert "page: http" in row["geometry_source"], row["id"]
        assert row["lon"] == row["lat"] == "", row["id"]
        assert row["schematic"].startswith("hull:"), row["id"]
        assert gazetteer.get(row["id"]).precision == "schematic"


@pytest.mark.parametrize(("record_id", "member_id"), MEMBERS.items())
def test_the_hull_covers_a_member_city(gazetteer: Gazetteer, record_id: str, member_id: str) -> None:
    member = gazetteer.get(member_id)
    assert gazetteer.get(record_id).geometry.buffer(1e-6).contains(Point(member.point.x, member.point.y))


def test_the_west_leaves_the_region_itself_out(gazetteer: Gazetteer) -> None:
    hohhot = gazetteer.get("league:150100").point
    assert not gazetteer.get("region:西部地区").geometry.contains(hohhot)


def test_a_plan_sentence_resolves_each_named_region(gazetteer: Gazetteer, tmp_path: Path) -> None:
    resolved = resolved_ids(
        gazetteer,
        tmp_path,
        "锡林郭勒盟国民经济和社会发展第十四个五年规划纲要",
        ""
        "对接关中平原城市群、中原城市群、哈长城市群、兰西城市群、宁夏沿黄城市群和山西中部城市群，"
        "融入呼包鄂榆城市群，联通珠江三角洲、长江经济带、西部地区和东部沿海地区。",
    )
    for name in (
        "关中平原城市群", "中原城市群", "哈长城市群", "兰西城市群", "宁夏沿黄城市群", "山西中部城市群",
        "呼包鄂榆城市群", "长江经济带", "西部地区", "东部沿海地区",
    ):  # fmt: skip
        assert resolved.get(name) == f"region:{name}", (name, resolved)
    assert resolved.get("珠江三角洲") == "region:珠三角"
