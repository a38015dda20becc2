"""Quantities parsed and normalised right on a sample of real box items of the reference plans.

Each case names the plan (file-name prefix), the box number and a short substring of the item;
the expected quantity (printed text, normalised value, normalised unit) is what the plan says.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

import pytest

from geoplan.extract.quantities import chinese_number, parse_quantities, quantities_json, quantities_text

HA_PER_MU = 1 / 15

# (plan prefix, box, substring of the item, expected text, value_si, unit_si)
SAMPLE = [
    ("002", "4-3", "上海庙特高压", "160万千瓦", 1600, "MW"),
    ("002", "4-3", "平价上网风电", "600万千瓦", 6000, "MW"),
    ("002", "4-3", "分散式风电", "30万千瓦", 300, "MW"),
    ("002", "4-3", "平价上网光伏", "1000兆瓦", 1000, "MW"),
    ("002", "4-3", "风光储能项目", "50万千瓦", 500, "MW"),
    ("002", "4-3", "热电机组", "2×1000MW", 2000, "MW"),
    ("002", "4-1", "铁矿采选扩建", "300万吨", 3_000_000, "t"),
    ("002", "4-1", "导电铜杆", "5万吨", 50_000, "t/a"),
    ("002", "4-1", "镍矿采选", "45万吨/年", 450_000, "t/a"),
    ("002", "4-1", "钢结构加工", "4000吨", 4000, "t/a"),
    ("002", "4-2", "焦炭", "880万吨", 8_800_000, "t/a"),
    ("002", "4-2", "焦炭", "100万吨", 1_000_000, "t/a"),
    ("002", "4-2", "雕白块", "20000吨/年", 20_000, "t/a"),
    ("002", "4-6", "高标准农田建设项目", "8万亩", 80_000 * HA_PER_MU, "ha"),
    ("002", "4-6", "耕地轮作休耕", "6万亩", 60_000 * HA_PER_MU, "ha"),
    ("002", "4-6", "湖羊养殖园区", "30万只", 300_000, "只"),
    ("002", "4-6", "智慧牧场", "200个", 200, "个"),
    ("002", "4-6", "托驼所", "2个", 2, "个"),
    ("000", "9", "煤矿项目", "12个", 12, "个"),
    ("000", "9", "煤矿项目", "1亿吨/年", 100_000_000, "t/a"),
    ("000", "9", "风光基地项目", "500万千瓦", 5000, "MW"),
    ("000", "9", "风光基地项目", "千万千瓦", 10_000, "MW"),
    ("000", "9", "大型煤电机组", "3个", 3, "个"),
    ("000", "22", "卫生户厕", "1.5万个", 15_000, "个"),
    ("000", "26", "联络线工程", "1000千伏", 1000, "kV"),
    ("000", "26", "电网工程", "500千伏", 500, "kV"),
    ("000", "29", "技能大师工作室", "10个", 10, "个"),
    ("003", "3", "十大孔兑", "2806.16平方千米", 280_616, "ha"),
    ("003", "3", "十大孔兑", "147座", 147, "座"),
    ("003", "3", "十大孔兑", "3514千米", 3514, "km"),
    ("003", "3", "十大孔兑", "1241眼", 1241, "眼"),
    ("003", "3", "十大孔兑", "18.59万株", 185_900, "株"),
    ("003", "3", "十大孔兑", "672.05万立方米", 6_720_500, "m3"),
    ("003", "3", "预警广播站", "53.18亿元", 5_318_000_000, "CNY"),
    ("003", "16", "500kV", "2座", 2, "座"),
    ("003", "16", "500kV", "500kV", 500, "kV"),
    ("003", "16", "220kV", "220kV", 220, "kV"),
]


@cache
def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def _item_line(plans_dir: Path, prefix: str, box: str, needle: str) -> str:
    """The first line after the heading of box ``box`` that contains ``needle``."""
    (path,) = sorted(plans_dir.glob(f"{prefix}_*.txt"))
    lines = _lines(path)
    heading = re.compile(rf"专栏\s*{re.escape(box)}(?![\d-])")
    start = next(i for i, line in enumerate(lines) if heading.search(line))
    return next(line for line in lines[start + 1 :] if needle in line)


@pytest.mark.parametrize(("prefix", "box", "needle", "text", "value_si", "unit_si"), SAMPLE)
def test_sample_quantity(plans_dir, prefix, box, needle, text, value_si, unit_si):
    line = _item_line(plans_dir, prefix, box, needle)
    found = {q.text: q for q in parse_quantities(line)}
    assert text in found, f"{text} not in {sorted(found)}"
    assert found[text].unit_si == unit_si
    assert math.isclose(found[text].value_si, value_si, rel_tol=1e-6)


def test_sample_is_large_and_spans_plans():
    assert len(SAMPLE) >= 30
    assert len({prefix for prefix, *_ in SAMPLE}) >= 3


def test_range_keeps_both_bounds(plans_dir):
    line = _item_line(plans_dir, "003", "3", "生态监测点")
    (points,) = [q for q in parse_quantities(line) if q.unit == "处" and q.value_max]
    assert (points.value, points.value_max) == (50, 100)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("积极争取 2—3 个试点", [("2—3个", 2, "个")]),
        ("新建两台机组", [("两台", 2, "台")]),
        ("建设十二个站点", [("十二个", 12, "个")]),
        ("累计 2200 多亿元", [("2200多亿元", 2.2e11, "CNY")]),
        ("年外送电量100亿度", [("100亿度", 1e10, "kWh")]),
        ("到2030年，第三个阶段，一体化", []),
        ("新建 1 站 2 站", []),
        ("四眼井、五间房、百人百马、11人制足球场", []),
        ("±800千伏特高压", [("±800千伏", 800, "kV")]),
        ("总长 35.6 公里", [("35.6公里", 35.6, "km")]),
        ("标煤 5万吨标准煤", [("5万吨标准煤", 50_000, "tce")]),
    ],
)
def test_parse_examples(text, expected):
    got = [(q.text, q.value_si, q.unit_si) for q in parse_quantities(text)]
    assert len(got) == len(expected)
    for (t, v, u), (et, ev, eu) in zip(got, expected, strict=True):
        assert (t, u) == (et, eu)
        assert math.isclose(v, ev, rel_tol=1e-9)


@pytest.mark.parametrize(
    ("text", "value"), [("十", 10), ("十二", 12), ("两", 2), ("三千", 3000), ("二十五", 25), ("x", None)]
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


def test_json_and_summary():
    quantities = parse_quantities("建设160万千瓦风电和500千伏变电站")
    assert quantities_text(quantities) == "160万千瓦; 500千伏"
    assert '"unit_si": "MW"' in quantities_json(quantities)
