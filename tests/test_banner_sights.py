"""Issue 15 item 4 (harvests of 2026-12-01): the museums, temples, heritage sites and scenic areas of individual
banners, the national key cultural relic sites and the rated (4A) scenic areas of the region, each a sourced record under the banner its page
names, with no coordinate of its own (sentences written for these tests)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import resolved_ids

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.resources import GAZETTEER_DIR

_ROWS = [
    row
    for name in ("scenic_banners.csv", "scenic_relics.csv", "scenic_rated.csv")
    for row in csv.DictReader((GAZETTEER_DIR / name).open(encoding="utf-8"))
]


def test_every_row_cites_its_page_and_states_no_coordinate() -> None:
    assert len(_ROWS) >= 120
    for row in _ROWS:
        assert row["note"].startswith("record: http"), row["id"]
        assert "(read 2026-12-01)" in row["note"], row["id"]
        assert not row["lon"] and not row["lat"] and not row["at"], row["id"]


@pytest.mark.parametrize("row", _ROWS, ids=lambda row: row["id"])
def test_each_record_lies_in_the_banner_its_page_names(gazetteer: Gazetteer, row: dict[str, str]) -> None:
    """Under the banner its page names, at the banner's precision; a management area (乌拉盖管理区), which has no
    polygon of its own, leaves its sights at its league's."""
    place = gazetteer.get(row["id"])
    parent = gazetteer.get(place.parent_ids[0])
    assert parent.name == row["parent"]
    assert place.precision == ("banner" if parent.type == "banner" else "league")


def test_a_banner_text_names_its_sights(gazetteer: Gazetteer, tmp_path: Path) -> None:
    ids = resolved_ids(
        gazetteer,
        tmp_path,
        "巴林右旗国民经济和社会发展第十四个五年规划纲要",
        "修缮巴林王府，扩建巴林右旗博物馆。",
    )
    assert ids["巴林王府"] == "scenic:巴林亲王府"
    assert ids["巴林右旗博物馆"] == "scenic:巴林右旗博物馆"


def test_a_banner_text_names_its_relic_sites(gazetteer: Gazetteer, tmp_path: Path) -> None:
    ids = resolved_ids(
        gazetteer,
        tmp_path,
        "巴林右旗国民经济和社会发展第十四个五年规划纲要",
        "保护辽庆陵和辽怀陵，展示庆陵出土文物。",
    )
    assert ids["辽庆陵"] == ids["庆陵"] == "scenic:辽庆陵"
    assert ids["辽怀陵"] == "scenic:辽怀陵"
