"""Projects of the reference plans: every item of every project box, with its metadata.

The expected counts are what a reader counts in the plans' project boxes (专栏 … 项目/工程), one
project per item, and one per named project where an item lists several ('A项目、B项目', 'A铁路，
B公路'; a category list such as 'A、B等项目' is one).  Indicator tables (主要指标), layout boxes
(格局/空间结构/布局) and other boxes (技术方向, 园区定位) hold no projects.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from geoplan.extract.classify import known_sectors
from geoplan.extract.projects import (
    INDICATOR,
    LAYOUT,
    box_kind,
    box_projects,
    extract_projects,
    location_report,
)
from geoplan.layers import load_layers
from geoplan.read.plan import read
from geoplan.resources import REFERENCE_PLANS

# plan prefix -> (project boxes, box projects) counted by reading the boxes
EXPECTED = {
    "000": (33, 150),  # 锡林郭勒盟 15th: boxes 2-18, 20-35 (1 is a layout, 19 technology directions)
    "001": (15, 40),  # 新城区 15th: boxes 2-16 (1 is the indicator table)
    "002": (30, 301),  # 乌拉特后旗 14th: boxes 3-1 … 11-1 (1 and 2 are indicator tables)
    "003": (18, 111),  # 鄂尔多斯 14th: (1 indicators; 2, 11, 17 layouts; 10 park profiles)
}
# (plan prefix, box) -> projects, for boxes whose lines list several projects
EXPECTED_BOXES = {
    ("000", "9"): 7,
    ("000", "23"): 8,
    ("000", "24"): 20,
    ("000", "26"): 13,
    ("001", "2"): 7,
    ("002", "3-1"): 12,
    ("002", "4-1"): 16,
    ("002", "4-2"): 10,
    ("002", "4-3"): 10,
    ("002", "4-6"): 38,
    ("002", "4-8"): 39,
    ("002", "6-2"): 33,
    ("002", "7-5"): 20,
    ("003", "13"): 19,
    ("003", "15"): 15,
    ("003", "16"): 3,
}


@cache
def _plan(prefix: str):
    (path,) = sorted(Path(REFERENCE_PLANS).glob(f"{prefix}_*.txt"))
    return read(path)


@cache
def _box_projects(prefix: str):
    return tuple(box_projects(_plan(prefix)))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_box_item_is_a_project(prefix):
    boxes, count = EXPECTED[prefix]
    projects = [p for p in _box_projects(prefix) if p.kind == "project"]
    assert len({p.box for p in projects}) == boxes
    assert len(projects) == count


@pytest.mark.parametrize(("prefix", "box"), sorted(EXPECTED_BOXES))
def test_lines_listing_several_projects_yield_several(prefix, box):
    projects = [p for p in _box_projects(prefix) if p.box == box and p.kind == "project"]
    assert len(projects) == EXPECTED_BOXES[(prefix, box)]


def test_named_projects_of_a_list():
    names = {p.name for p in _box_projects("002") if p.box == "4-3"}
    assert {"600万千瓦平价上网风电项目", "30万千瓦分散式风电项目", "1000兆瓦平价上网光伏项目"} <= names
    railways = [p.name for p in _box_projects("003") if p.box == "15"]
    assert "包兰铁路" in railways and "乌审旗至榆林铁路" in railways
    assert len(railways) == len(set(railways))  # '其中新建…' names one again, not a new one


def test_a_title_and_its_description_are_one_project():
    (first, *_) = [p for p in _box_projects("000") if p.box == "2"]
    assert first.name.startswith("浑善达克沙地综合治理巩固提升项目")
    assert "乌珠穆沁沙地" in first.excerpt


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_indicator_and_layout_boxes_hold_no_projects(prefix):
    plan = _plan(prefix)
    skipped = {b.number for b in plan.boxes if box_kind(b) in (INDICATOR, LAYOUT)}
    assert skipped
    assert not [p for p in _box_projects(prefix) if p.box in skipped and p.kind == "project"]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_metadata_is_filled(prefix):
    plan = _plan(prefix)
    layers = {d.id for d in load_layers() if d.group == "thematic"}
    projects = _box_projects(prefix)
    for project in projects:
        assert project.plan == plan.name and project.issuer == plan.meta.issuer
        assert project.period == f"{plan.meta.period[0]}-{plan.meta.period[1]}"
        assert project.plan_kind in {"14th", "15th"}
        assert project.chapter.startswith("第"), project.feature_id
        assert project.box and project.box_title and project.item >= 1
        assert project.page >= 0
        assert project.sector in known_sectors() and project.layer in layers
        assert project.name and project.excerpt
        assert project.feature_id.startswith(f"{plan.path.stem}:{project.box}:")
    ids = [p.feature_id for p in projects]
    assert len(ids) == len(set(ids))
    if prefix != "003":  # 003's text has neither page numbers nor a table of contents
        assert all(p.page > 0 for p in projects)


def test_sectors_and_actions_of_known_projects():
    by_name = {p.name: p for p in _box_projects("002")}
    assert by_name["600万千瓦平价上网风电项目"].sector == "energy"
    assert by_name["乌拉特后旗工业园区至甘其毛都口岸铁路建设项目"].layer == "infrastructure"
    assert by_name["8万亩高标准农田建设项目"].layer == "agriculture"
    assert by_name["巴音温都尔沙漠综合治理及国家沙漠公园建设项目"].layer == "ecology"
    assert by_name["北京京能集团公司新建两台2×1000MW热电机组项目"].action == "新建"
    assert by_name["锌冶炼项目"].action == "扩建"
    assert by_name["8万亩高标准农田建设项目"].action == "建设"


def test_quantities_travel_with_their_project():
    by_name = {p.name: p for p in _box_projects("002")}
    (power,) = by_name["30万千瓦分散式风电项目"].quantities
    assert (power.value_si, power.unit_si) == (300, "MW")


def test_ids_are_stable_across_reads():
    first = [p.feature_id for p in _box_projects("003")]
    again = [p.feature_id for p in box_projects(_plan("003"))]
    assert first == again


def test_location_report_lists_the_unlocated():
    projects = list(_box_projects("001"))
    report = location_report(projects)
    assert report["projects"] == len(projects)
    assert report["located_finer"] + len(report["issuer_only"]) == report["projects"]
    assert {"feature_id", "name", "plan", "reason"} <= set(report["issuer_only"][0])


def test_extract_without_places_gives_box_projects_only():
    projects = extract_projects(_plan("001"))
    assert Counter(p.box for p in projects)[""] == 0
    assert len(projects) == len(_box_projects("001"))
