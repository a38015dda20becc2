"""Quantities of a project ('160万千瓦', '500千伏', '2—3个', '年产5万吨') parsed and normalised.

:func:`parse_quantities` finds every number-with-unit in a text and returns :class:`Quantity`
records whose ``value_si``/``unit_si`` are comparable across plans (power in MW, energy in kWh,
voltage in kV, length in km, area in ha, money in CNY, mass in t, volume in m3, coal in tce;
counts keep their measure word).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import cache

from geoplan.geocode.lexicon import alternation

#: unit text -> (normalised unit, factor from the unit to the normalised unit)
_BASE_UNITS: dict[str, tuple[str, float]] = {
    # power
    "千瓦": ("MW", 1e-3),
    "kW": ("MW", 1e-3),
    "KW": ("MW", 1e-3),
    "兆瓦": ("MW", 1.0),
    "MW": ("MW", 1.0),
    "吉瓦": ("MW", 1e3),
    "GW": ("MW", 1e3),
    # energy
    "千瓦时": ("kWh", 1.0),
    "kWh": ("kWh", 1.0),
    "度": ("kWh", 1.0),
    "MWh": ("kWh", 1e3),
    "GWh": ("kWh", 1e6),
    # voltage
    "千伏": ("kV", 1.0),
    "kV": ("kV", 1.0),
    "KV": ("kV", 1.0),
    # length
    "公里": ("km", 1.0),
    "千米": ("km", 1.0),
    "km": ("km", 1.0),
    "米": ("km", 1e-3),
    # area
    "平方公里": ("ha", 100.0),
    "平方千米": ("ha", 100.0),
    "km²": ("ha", 100.0),
    "平方米": ("ha", 1e-4),
    "㎡": ("ha", 1e-4),
    "公顷": ("ha", 1.0),
    "亩": ("ha", 1 / 15),
    # volume
    "立方米": ("m3", 1.0),
    "m³": ("m3", 1.0),
    # mass and coal
    "吨标准煤": ("tce", 1.0),
    "吨标煤": ("tce", 1.0),
    "蒸吨": ("蒸吨", 1.0),
    "吨": ("t", 1.0),
    "公斤": ("t", 1e-3),
    "千克": ("t", 1e-3),
    "斤": ("t", 5e-4),
    # money
    "元": ("CNY", 1.0),
    # computing
    "PFLOPS": ("PFLOPS", 1.0),
}
#: measure words of counts (the normalised unit is the word itself)
_COUNT_WORDS = (
    "座 个 处 家 台 套 条 所 户 头 只 匹 峰 辆 张 床 名 项 栋 间 架 列 对 批 支 块 片 口 根 "
    "孔 眼 棵 株 人次 人 部 层 级 类 种 期"
).split()
#: measure words that a Chinese numeral may count ('两台', '十二个'); others are words or names
_CHINESE_COUNTS = frozenset("个 座 处 家 台 套 条 所 户 头 只 匹 峰 辆 张 名 项".split())
#: counts that read well only with a number before them (never with 一, which is too often an article)
_MASS_UNITS = {"t", "tce"}
_PREFIXES: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
}
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 1e4, "亿": 1e8}

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千]+"
_NUMBER = rf"(?:{_ARABIC}|{_CHINESE})"
_RANGE_SEP = r"\s*(?:—{1,2}|–|-|~|～|至|到)\s*"
_UNIT_ALTERNATIVES = "|".join(
    re.escape(unit) for unit in sorted([*_BASE_UNITS, *_COUNT_WORDS], key=len, reverse=True)
)
_PREFIX_ALTERNATIVES = "|".join(sorted(_PREFIXES, key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?P<factor>\d+(?:\.\d+)?\s*[×xX*＊]\s*)?"
    rf"(?P<sign>±\s*)?"
    rf"(?P<low>{_NUMBER})(?:{_RANGE_SEP}(?P<high>{_NUMBER}))?(?:\s*(?P<approx>多|余))?"
    rf"\s*(?P<prefix>{_PREFIX_ALTERNATIVES})?\s*(?P<unit>{_UNIT_ALTERNATIVES})"
    rf"(?P<per_year>\s*/\s*年)?"
)
#: text right after a unit that shows it was not a measure (年 in '5年', 元 in '元素' …)
_CLAUSE_BREAK = re.compile(r"[，,；;。：:）)]")


@cache
def _not_a_unit_after() -> re.Pattern[str]:
    """Text right after a unit that shows it was not a measure (``gazetteer/lexicon/not_a_unit_after.txt``)."""
    return re.compile(rf"^(?:{alternation('not_a_unit_after')})")


@cache
def _per_year_before() -> re.Pattern[str]:
    """'年产', '年处理能力达到' … right before a quantity: it is a yearly rate (``per_year_verbs.txt``)."""
    return re.compile(rf"年(?:{alternation('per_year_verbs')})(?:能力)?(?:达到|为)?\s*$")


@dataclass(frozen=True)
class Quantity:
    """One quantity: the text as printed, its value and unit, and the normalised value and unit."""

    text: str
    value: float
    unit: str
    value_si: float
    unit_si: str
    value_max: float | None = None  # upper bound of a range ('2—3个')

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def chinese_number(text: str) -> float | None:
    """The value of a Chinese numeral ('十二' -> 12, '两' -> 2, '三千' -> 3000), None if not one."""
    if not text:
        return None
    total, section, digit = 0.0, 0.0, None
    for char in text:
        if char in _CN_DIGITS:
            if digit is not None:  # '二〇二五'-style digit strings
                digit = digit * 10 + _CN_DIGITS[char]
            else:
                digit = _CN_DIGITS[char]
        elif char in _CN_SMALL:
            section += (digit if digit is not None else 1) * _CN_SMALL[char]
            digit = None
        elif char in _CN_BIG:
            total += (section + (digit or 0)) * _CN_BIG[char]
            section, digit = 0.0, None
        else:
            return None
    return total + section + (digit or 0)


def _number(text: str) -> float | None:
    if text[0].isdigit():
        return float(text.replace(",", ""))
    return chinese_number(text)


def _normalised_unit(unit: str, per_year: bool) -> tuple[str, float]:
    if unit in _BASE_UNITS:
        unit_si, factor = _BASE_UNITS[unit]
    else:
        unit_si, factor = unit, 1.0
    if per_year and unit_si in _MASS_UNITS | {"m3", "kWh"}:
        unit_si = f"{unit_si}/a"
    return unit_si, factor


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in reading order.

    >>> [q.value_si for q in parse_quantities("建设160万千瓦风电项目和500千伏变电站")]
    [1600.0, 500.0]
    """
    found: list[Quantity] = []
    previous_end, previous_per_year = -1, False
    for match in _QUANTITY.finditer(text):
        low_text, unit = match["low"], match["unit"]
        is_chinese = not low_text[0].isdigit()
        if not _plausible(text, match, is_chinese):
            continue
        low = _number(low_text)
        high = _number(match["high"]) if match["high"] else None
        if low is None or (match["high"] and high is None):
            continue
        factor = float(re.sub(r"[^\d.]", "", match["factor"])) if match["factor"] else 1.0
        multiplier = _PREFIXES.get(match["prefix"] or "", 1.0)
        per_year = (
            bool(match["per_year"])
            or bool(_per_year_before().search(text[max(0, match.start() - 8) : match.start()]))
            or (previous_per_year and not _CLAUSE_BREAK.search(text[previous_end : match.start()]))
        )
        previous_end, previous_per_year = match.end(), per_year
        unit_si, unit_factor = _normalised_unit(unit, per_year)
        display_unit = f"{match['prefix'] or ''}{unit}{'/年' if match['per_year'] else ''}"
        scale = multiplier * unit_factor
        found.append(
            Quantity(
                text=re.sub(r"\s+", "", match.group(0)),
                value=factor * low,
                unit=display_unit,
                value_si=_round(factor * low * scale),
                unit_si=unit_si,
                value_max=_round(high * factor) if high is not None else None,
            )
        )
    return found


def _plausible(text: str, match: re.Match[str], is_chinese: bool) -> bool:
    """False for look-alikes: ordinals ('第三个'), words ('一体化'), years, unit-like word starts."""
    before = text[match.start() - 1] if match.start() > 0 else ""
    after = text[match.end() : match.end() + 2]
    unit = match["unit"]
    if before == "第" or (before.isascii() and before.isalnum()):
        return False
    if unit in {"元", "度"} and _not_a_unit_after().match(after):
        return False
    if unit == "人" and after[:1] == "制":
        return False  # '11人制足球场'

    if unit == "度" and not match["prefix"]:
        return False  # '30度' is an angle or a temperature; electricity comes in 万度/亿度
    if is_chinese:
        low = match["low"]
        if unit not in _COUNT_WORDS and not match["prefix"] and len(low) == 1 and low in "一两":
            return False
        if unit not in _CHINESE_COUNTS and not match["prefix"] and unit not in _BASE_UNITS:
            return False  # '一级', '二期', '四眼井', '五间房', '百人': words and names, not measures
    return True


def _round(value: float) -> float:
    return float(f"{value:.10g}")


def quantities_json(quantities: list[Quantity] | tuple[Quantity, ...]) -> str:
    """The JSON list of the ``quantities`` column."""
    return json.dumps([q.as_dict() for q in quantities], ensure_ascii=False, sort_keys=True)


def quantities_text(quantities: list[Quantity] | tuple[Quantity, ...]) -> str:
    """A human summary: '100万千瓦; 500千伏'."""
    return "; ".join(q.text for q in quantities)
