"""County-level units elsewhere in China, named after their province or city ('黑龙江省嫩江县', '北京市朝阳区').

Their names alone meet more words and namesakes than places, so the gazetteer holds them in
``gazetteer/qualified/`` and the finder does not look for them (except a county-level city's full name the
segmenter reads as a place, ``aliases`` there).  Here a unit's full name (or an autonomous county's name without
its peoples, 围场满族蒙古族自治县 -> 围场县) written right after its province or prefecture city is one mention;
when the finder took province, unit and more as one name (an address: '北京市朝阳区X路'), that name is split.
The forms are read from the records of the gazetteer loaded (:class:`QualifiedForms`, built once with its finder),
so a user's own gazetteer directory is the one read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from geoplan.geocode.lexicon import without_peoples
from geoplan.geocode.segment import COUNT_NUMERALS, at_word_bounds
from geoplan.geocode.stems import COMPASS_PART, Mention, is_generic, is_proper_stem

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


def _city_stem(name: str, precision: str) -> str | None:
    """A prefecture city's name without its suffix (合肥市 -> 合肥), read only after its province ('安徽合肥')."""
    if precision != "league":
        return None
    for suffix in CITY_SUFFIXES:
        stem = name.removesuffix(suffix)
        if stem != name and len(stem) >= 2:
            return stem
    return None


@dataclass(frozen=True)
class QualifiedForms:
    """How a gazetteer's units elsewhere in China are written after their province or city, read from its own
    records (never from the shipped directory behind the caller's back).

    ``units``: province or city id -> {written form of a county-level unit in it -> the unit's id}: the units the
    gazetteer holds only as qualified (``gazetteer/qualified/``) in full or short form, and the short form of the
    neighbouring provinces' autonomous counties (their full names are found like any name); ``provinces``: name
    and short name (河北省, 河北) -> id of every province-level unit outside the region."""

    units: dict[str, dict[str, str]] = field(default_factory=dict)
    provinces: dict[str, str] = field(default_factory=dict)
    #: the ids of the provinces and cities holding units (the keys of ``units``).
    qualifier_ids: frozenset[str] = frozenset()

    @classmethod
    def of(cls, gazetteer: Any) -> QualifiedForms:
        """The forms of ``gazetteer`` (a :class:`~geoplan.geocode.gazetteer.Gazetteer`)."""
        units: dict[str, dict[str, str]] = {}

        def add(place_id: str, parent: str, written: Iterable[str]) -> None:
            province = f"province:{place_id.partition(':')[2][:2]}0000"
            for qualifier in {parent, province}:
                for form in written:
                    units.setdefault(qualifier, {}).setdefault(form, place_id)

        qualified = frozenset(gazetteer.qualified_ids)
        for place in map(
            gazetteer.get, gazetteer.qualified_ids
        ):  # the qualified units first: their forms win
            stem = _city_stem(place.name, place.precision)
            add(
                place.id,
                place.parent_ids[0],
                [place.name, *_short_forms(place.name), *([stem] if stem else [])],
            )
        for place in gazetteer.records(("neighbour",)):
            shorts = _short_forms(place.name) if place.id not in qualified else []
            if shorts and place.parent_ids:
                add(place.id, place.parent_ids[0], shorts)
        provinces: dict[str, str] = {}
        for place in gazetteer.records(("province",)):
            if place.id != OWN_PROVINCE:
                provinces[place.name] = place.id
                short = PROVINCE_SUFFIX.sub("", place.name)
                if len(short) >= 2:
                    provinces.setdefault(short, place.id)
        return cls(units, provinces, frozenset(units))


class MentionFinder(Protocol):
    """What is read here of a :class:`~geoplan.geocode.mentions.MentionFinder` (which holds the forms itself:
    mentions imports this module)."""

    @property
    def qualified(self) -> QualifiedForms: ...

    def names_of(self, wanted: frozenset[str]) -> frozenset[str]: ...

    def ids(self, surface: str) -> tuple[str, ...]: ...


def provinces_before_units(text: str, found: list[Mention], finder: MentionFinder) -> list[Mention]:
    """A province written right before a place of it that was found ('河北承德', '山东烟台市'): the province's
    short name is a mention there even where it is no name alone (河北 'north of the river' is a stop word)."""
    names = finder.qualified.provinces
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


def unit_at(
    text: str, position: int, qualifier_ids: Iterable[str], forms: dict[str, dict[str, str]]
) -> tuple[str, str] | None:
    """(form, id) of the longest unit of one of ``qualifier_ids`` written at ``position`` (``forms``: the
    finder's :attr:`QualifiedForms.units`)."""
    best: tuple[str, str] | None = None
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
        unit = unit_at(text, mention.end, mention.place_ids, finder.qualified.units)
        if unit is not None:
            form, place_id = unit
            found.append(Mention(form, mention.end, mention.end + len(form), None, RULE, (place_id,)))
            continue
        found.extend(_split(text, mention, finder))
    return found


def heads_unit(text: str, mention: Mention, finder: MentionFinder) -> bool:
    """Whether one of the mention's places has a unit written right after it (the segmenter may read
    '上海市浦东新区' as one word: the province is still a name of its own there)."""
    return unit_at(text, mention.end, mention.place_ids, finder.qualified.units) is not None


@cache
def _openings(names: frozenset[str]) -> frozenset[str]:
    """The first two characters of each of ``names`` (a cheap test before trying every length)."""
    return frozenset(name[:2] for name in names)


def _qualifier_at(text: str, position: int, end: int, finder: MentionFinder) -> tuple[int, tuple[str, ...]]:
    """(length, ids) of the longest province or city name (one holding units) at ``position`` before ``end``."""
    wanted = finder.qualified.qualifier_ids
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
        unit = unit_at(text, position, ids, finder.qualified.units)
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


#: a county-level unit written in full right after its province ('X省Y县'): a two- or three-character stem and
#: the unit's class word.
_UNIT_AFTER = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:县|市|区|旗)")
#: county stems listed right after their province and closed by a verb of adjacency ('X省A、B交界'): the list
#: says they are the neighbouring province's counties, written without their class word.
_STEMS_AFTER = re.compile(
    r"([\u4e00-\u9fff]{2,3})((?:、[\u4e00-\u9fff]{2,3})*)(?=交界|接壤|毗邻|相邻|相连|为邻)"
)
#: numerals that start a count, never a county's name.
_COUNT_CHARS = frozenset(COUNT_NUMERALS)
#: the rule name of the units the gazetteer lacks, found by their province before them.
UNKNOWN_RULE = "qualified:unknown"


def units_after_provinces(text: str, found: list[Mention], finder: MentionFinder) -> list[Mention]:
    """County-level units the gazetteer lacks, written right after a province outside the region ('X省Y县', and
    the stems of 'X省A、B交界'): places of that province (type 'neighbour', no ids; the first is located in the
    province it is written after, see resolve's 'parent:written-before', the others stay unresolved)."""
    starts = {m.start for m in found}
    added: list[Mention] = []
    for mention in found:
        if len(mention.surface) < 2 or not all(  # a one-character abbreviation heads no address ('蒙宁交界')
            i.startswith("province:") and i != OWN_PROVINCE for i in mention.place_ids or ("",)
        ):
            continue
        end = mention.end
        if end in starts or COMPASS_PART.match(text, end) or text[end : end + 1] in _COUNT_CHARS:
            # a unit the gazetteer knows follows, a part of the province ('宁夏北部地区'), or the count closing
            # a list of provinces ('吉林、辽宁三省区')
            continue
        unit = _UNIT_AFTER.match(text, end)
        if unit is not None and _is_stem(unit.group(1)) and at_word_bounds(text, end, unit.end()):
            # not where the class word starts a longer word ('北京花卉市场': a market, no city '花卉市')
            added.append(Mention(unit.group(), end, unit.end(), "neighbour", UNKNOWN_RULE))
            continue
        listed = _STEMS_AFTER.match(text, end)
        if listed is None:
            continue
        items = [listed.group(1), *listed.group(2).split("、")[1:]]
        if not all(_is_stem(item) for item in items):
            continue
        position = end
        for item in items:
            added.append(Mention(item, position, position + len(item), "neighbour", UNKNOWN_RULE))
            position += len(item) + 1
    return added


def _is_stem(stem: str) -> bool:
    """Whether ``stem`` can be a county's name (no generic word, function or counting character: not '各县')."""
    return is_proper_stem(stem) and not is_generic(stem)
