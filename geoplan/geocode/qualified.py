"""County-level units elsewhere in China, named after their province or city ('黑龙江省嫩江县', '北京市朝阳区').

Their names alone meet more words and namesakes than places, so the gazetteer holds them in
``gazetteer/qualified/`` and the finder does not look for them (except a county-level city's full name the
segmenter reads as a place, ``aliases`` there).  Here a unit's full name (or an autonomous county's name without
its peoples, 围场满族蒙古族自治县 -> 围场县) written right after its province or prefecture city is one mention;
when the finder took province, unit and more as one name (an address: '北京市朝阳区X路'), that name is split.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from functools import cache

from geoplan.geocode.gazetteer import DERIVED_FILE, QUALIFIED_DIR
from geoplan.geocode.lexicon import without_peoples
from geoplan.geocode.mentions import Mention, MentionFinder
from geoplan.resources import GAZETTEER_DIR

#: the rule name of the mentions made here.
RULE = "qualified"
#: an autonomous county's suffix; its common form drops its peoples and 自治 (围场满族蒙古族自治县 -> 围场县).
AUTONOMOUS_COUNTY = "自治县"
#: suffixes of prefecture-level units, dropped for the stem read after their province.
CITY_SUFFIXES = ("自治州", "地区", "市", "盟")
#: a province-level unit's suffix, dropped for its short name (河北省 -> 河北, 宁夏回族自治区 -> 宁夏).
PROVINCE_SUFFIX = re.compile(r"(维吾尔自治区|回族自治区|壮族自治区|特别行政区|自治区|省|市)$")
#: the region's own province (never an outside qualifier).
OWN_PROVINCE = "province:150000"
#: the most characters of a province or city name read before a unit inside a longer name.
MAX_QUALIFIER = 8


def _short_forms(name: str) -> list[str]:
    """An autonomous county's common forms: without its peoples and 自治 (杜尔伯特蒙古族自治县 -> 杜尔伯特县), and a
    longer stem's first two characters with 县 (前郭尔罗斯… -> 前郭县); none for other names.  Read only after
    the county's province or city, a form nobody writes costs nothing."""
    stem = without_peoples(name, AUTONOMOUS_COUNTY)
    if stem is None:
        return []
    return [stem + "县", *([stem[:2] + "县"] if len(stem) > 3 else [])]


def _city_stem(row: dict[str, str]) -> str | None:
    """A prefecture city's name without its suffix (合肥市 -> 合肥), read only after its province ('安徽合肥')."""
    if row["precision"] != "league":
        return None
    for suffix in CITY_SUFFIXES:
        stem = row["name"].removesuffix(suffix)
        if stem != row["name"] and len(stem) >= 2:
            return stem
    return None


@cache
def unit_forms() -> dict[str, dict[str, str]]:
    """Province or city id -> {written form of a county-level unit in it -> the unit's id}: the units of
    ``gazetteer/qualified/`` in full or short form, and the short form of the neighbouring provinces' autonomous
    counties the derived gazetteer holds (their full names are found like any name)."""
    forms: dict[str, dict[str, str]] = {}

    def add(place_id: str, parent: str, written: Iterable[str]) -> None:
        province = f"province:{place_id.partition(':')[2][:2]}0000"
        for qualifier in {parent, province}:
            for form in written:
                forms.setdefault(qualifier, {}).setdefault(form, place_id)

    for path in sorted((GAZETTEER_DIR / QUALIFIED_DIR).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                stem = _city_stem(row)
                add(
                    row["id"],
                    row["parent"],
                    [row["name"], *_short_forms(row["name"]), *([stem] if stem else [])],
                )
    derived = json.loads((GAZETTEER_DIR / DERIVED_FILE).read_text(encoding="utf-8"))["records"]
    for record in derived:
        shorts = _short_forms(record["name"]) if record["type"] == "neighbour" else []
        if shorts and record["parent_ids"]:
            add(record["id"], record["parent_ids"][0], shorts)
    return forms


@cache
def province_names() -> dict[str, str]:
    """Name and short name (河北省, 河北) -> id of every province-level unit outside the region."""
    derived = json.loads((GAZETTEER_DIR / DERIVED_FILE).read_text(encoding="utf-8"))["records"]
    rows = [(r["id"], r["name"]) for r in derived if r["type"] == "province"]
    with (GAZETTEER_DIR / "provinces.csv").open(encoding="utf-8", newline="") as handle:
        rows += [(row["id"], row["name"]) for row in csv.DictReader(handle)]
    names: dict[str, str] = {}
    for place_id, name in rows:
        if place_id != OWN_PROVINCE:
            names[name] = place_id
            short = PROVINCE_SUFFIX.sub("", name)
            if len(short) >= 2:
                names.setdefault(short, place_id)
    return names


def provinces_before_units(text: str, found: list[Mention]) -> list[Mention]:
    """A province written right before a place of it that was found ('河北承德', '山东烟台市'): the province's
    short name is a mention there even where it is no name alone (河北 'north of the river' is a stop word)."""
    names = province_names()
    added: list[Mention] = []
    for mention in found:
        codes = {i.partition(":")[2][:2] for i in mention.place_ids if i.startswith("neighbour:")}
        if len(codes) != 1:
            continue
        for length in (3, 2, 4, 5, 7, 8):  # 河北省, 河北, 黑龙江, 黑龙江省, 宁夏回族自治区 …
            start = mention.start - length
            place_id = names.get(text[max(start, 0) : mention.start]) if start >= 0 else None
            if place_id is not None and place_id == f"province:{next(iter(codes))}0000":
                added.append(
                    Mention(text[start : mention.start], start, mention.start, None, "gazetteer", (place_id,))
                )
                break
    return added


def _unit_at(text: str, position: int, qualifier_ids: Iterable[str]) -> tuple[str, str] | None:
    """(form, id) of the longest unit of one of ``qualifier_ids`` written at ``position``."""
    best: tuple[str, str] | None = None
    forms = unit_forms()
    for qualifier in qualifier_ids:
        for form, place_id in forms.get(qualifier, {}).items():
            if text.startswith(form, position) and (best is None or len(form) > len(best[0])):
                best = (form, place_id)
    return best


def qualified_units(text: str, kept: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Mentions of the units written right after a mention of their province or city, and of the province or
    city and the rest when one longer name held them (to replace that name)."""
    found: list[Mention] = []
    for mention in kept:
        unit = _unit_at(text, mention.end, mention.place_ids)
        if unit is not None:
            form, place_id = unit
            found.append(Mention(form, mention.end, mention.end + len(form), None, RULE, (place_id,)))
            continue
        found.extend(_split(text, mention, finder))
    return found


def heads_unit(text: str, mention: Mention) -> bool:
    """Whether one of the mention's places has a unit written right after it (the segmenter may read
    '上海市浦东新区' as one word: the province is still a name of its own there)."""
    return _unit_at(text, mention.end, mention.place_ids) is not None


@cache
def qualifier_ids() -> frozenset[str]:
    """The ids of the provinces and cities holding units (the keys of :func:`unit_forms`)."""
    return frozenset(unit_forms())


@cache
def _openings(names: frozenset[str]) -> frozenset[str]:
    """The first two characters of each of ``names`` (a cheap test before trying every length)."""
    return frozenset(name[:2] for name in names)


def _qualifier_at(text: str, position: int, end: int, finder: MentionFinder) -> tuple[int, tuple[str, ...]]:
    """(length, ids) of the longest province or city name (one holding units) at ``position`` before ``end``."""
    wanted = qualifier_ids()
    names = finder.names_of(wanted)
    if text[position : position + 2] not in _openings(names):
        return 0, ()  # no such name starts here (most mentions)
    for length in range(min(MAX_QUALIFIER, end - position), 1, -1):
        window = text[position : position + length]
        if window in names:
            return length, tuple(i for i in finder.ids(window) if i in wanted)
    return 0, ()


def _split(text: str, mention: Mention, finder: MentionFinder) -> list[Mention]:
    """A longer name that starts with a province or city (and its cities) and one of their units: those, and the
    rest when the finder's rule named it by a class word."""
    parts: list[Mention] = []
    position = mention.start
    while position < mention.end:
        length, ids = _qualifier_at(text, position, mention.end, finder)
        if not length:
            return []
        parts.append(
            Mention(text[position : position + length], position, position + length, None, "gazetteer", ids)
        )
        position += length
        unit = _unit_at(text, position, ids)
        if unit is None:
            continue
        form, place_id = unit
        end = position + len(form)
        if end > mention.end:
            return []
        parts.append(Mention(form, position, end, None, RULE, (place_id,)))
        rest = text[end : mention.end]
        if len(rest) >= 3 and mention.type is not None:
            parts.append(Mention(rest, end, mention.end, mention.type, mention.rule))
        return parts
    return []
