"""Geoparse a plan: find every place mention and corridor, resolve them, and tabulate the places.

>>> from geoplan.read.plan import read                      # doctest: +SKIP
>>> from geoplan.geocode.gazetteer import Gazetteer             # doctest: +SKIP
>>> places = geoparse(read("plan.txt"), Gazetteer.load())  # doctest: +SKIP
>>> places.in_span(0, 500)                             # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter, is_
from typing import Any

from geoplan.geocode.context import HAN_CHAR, OWN_PROVINCE, refine
from geoplan.geocode.corridors import ROUTE_KIND, CorridorMatch, find_corridors, split_last
from geoplan.geocode.lexicon import words
from geoplan.geocode.mentions import (
    COUNTY_CLASS_CHARS,
    SUFFIX_TYPES,
    Mention,
    MentionFinder,
    SpanIndex,
    is_generic,
    names_spelling,
)
from geoplan.geocode.reach import is_far
from geoplan.geocode.resolve import (
    LOCAL_TYPES,
    NAMED_INSIDE_RULE,
    WRITTEN_BEFORE_RULE,
    ResolvedMention,
    Resolver,
    TextIndex,
    context_ids,
    lies_outside,
    parent_precision,
    unresolved,
)
from geoplan.geocode.segment import (
    OWN_COUNTRY,
    describes_line,
    forget_windows,
    holds_name_word,
    one_common_word,
    reads_as_prose,
    tag,
)
from geoplan.geocode.stems import core_of, is_han
from geoplan.geocode.textunit import text_unit
from geoplan.read.script import compacted, simplified

#: columns of the places CSV, in order.
PLACE_COLUMNS = (
    "plan",
    "name",
    "canonical",
    "type",
    "banner",
    "league",
    "lon",
    "lat",
    "precision",
    "source",
    "confidence",
    "mentions",
    "first_section",
)
#: types whose unresolved names the coverage report counts (issue 5's target list).
TARGET_TYPES = ("town", "port", "park", "airport", "railway", "road")

#: precisions from finest to coarsest.
PRECISION_ORDER = ("point", "extent", "town", "schematic", "banner", "league", "province", "country")


@dataclass(frozen=True)
class Corridor:
    """A line named by its ends: route number, kind and waypoints (resolved, in order)."""

    name: str
    route: str | None
    kind: str
    start: int
    end: int
    waypoints: list[ResolvedMention]
    rule: str = "chain"
    #: the route record's line when the corridor is a section of a known route ('G210古城至树林召段')
    route_line: Any = None

    @property
    def resolved_waypoints(self) -> list[ResolvedMention]:
        """Waypoints with a place (own level or parent)."""
        return [w for w in self.waypoints if w.place is not None]


@dataclass
class PlanPlaces:
    """Everything :func:`geoparse` found in one plan."""

    plan: Any
    mentions: list[ResolvedMention] = field(default_factory=list)
    corridors: list[Corridor] = field(default_factory=list)
    gazetteer: Any = field(default=None, repr=False)
    issuer: Any = field(default=None, repr=False)  # the issuing banner/league (gazetteer Place), if known
    #: names heading an organisation's name ('X旗第一中学'): no place mentions, but they locate its projects
    organisation_heads: list[ResolvedMention] = field(default_factory=list, repr=False)

    def in_span(self, start: int, end: int) -> tuple[list[ResolvedMention], list[Corridor]]:
        """The mentions and corridors that lie inside ``[start, end)``."""
        starts = [m.start for m in self.mentions]
        low = bisect.bisect_left(starts, start)
        mentions = [m for m in self.mentions[low:] if m.start < end and m.end <= end]
        corridors = [c for c in self.corridors if c.start >= start and c.end <= end]
        return mentions, corridors

    def located_in(self, start: int, end: int) -> tuple[tuple[ResolvedMention, ...], tuple[Corridor, ...]]:
        """The mentions resolved to a place and the corridors inside ``[start, end)``, in text order."""
        mentions, starts = self._located
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        inside = tuple(m for m in mentions[first:last] if m.end <= end)
        corridors, corridor_starts = self._corridors_by_start
        first = bisect.bisect_left(corridor_starts, start)
        last = bisect.bisect_left(corridor_starts, end)
        # in their own order (the index holds (start, position, corridor)): bisection keeps extraction linear
        within = sorted(entry[1:] for entry in corridors[first:last] if entry[2].end <= end)
        return inside, tuple(corridor for _, corridor in within)

    @functools.cached_property
    def _corridors_by_start(self) -> tuple[list[tuple[int, int, Corridor]], list[int]]:
        """The corridors as (start, position, corridor) sorted by start, and their starts."""
        entries = sorted(((c.start, i, c) for i, c in enumerate(self.corridors)), key=lambda e: e[:2])
        return entries, [entry[0] for entry in entries]

    @functools.cached_property
    def _located(self) -> tuple[list[ResolvedMention], list[int]]:
        """The mentions (and organisation heads) resolved to a place, sorted by span, and their starts (built on
        first use)."""
        located = (m for m in (*self.mentions, *self.organisation_heads) if m.place is not None)
        mentions = sorted(located, key=attrgetter("start", "end"))
        return mentions, [m.start for m in mentions]


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (if it runs) for the duration of the block.

    Geoparsing allocates tens of thousands of short-lived objects (matches, mentions, tuples) and builds no
    reference cycles, so reference counting frees them all; left running, the collector would be triggered by
    the allocations and walk the gazetteer's long-lived objects again and again for nothing.  The switch is
    process-wide: threads geoparsing at once (app sessions) may see it off a little longer or turn it back on a
    little earlier, which changes when cycles are collected, never what is found."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def geoparse(plan: Any, gazetteer: Any) -> PlanPlaces:
    """Find, resolve and tabulate the places of ``plan`` (a :class:`geoplan.read.model.Plan`)."""
    with _cyclic_gc_paused():
        return _geoparse(plan, gazetteer)


def forget_texts(gazetteer: Any) -> None:
    """Drop what geoparsing remembers of the texts it has read, kept across calls: the segmenter's windows
    (:func:`~geoplan.geocode.segment.tag`) and its memos of the blocks, unknown runs, words and characters in them
    (:func:`~geoplan.geocode.segment.forget_windows`), the stems' cores (:func:`~geoplan.geocode.stems.core_of`) and the
    finder's line ends (:meth:`~geoplan.geocode.mentions.MentionFinder.names_in`).  What is found never changes;
    the next text is parsed as if none had been read before (the geoparse bench's fresh passes)."""
    forget_windows()
    core_of.cache_clear()
    gazetteer.finder.forget_texts()


def _geoparse(plan: Any, gazetteer: Any) -> PlanPlaces:
    finder = gazetteer.finder
    meta = plan.meta
    # the same offsets: names are found in simplified writing, and reported as written
    text, origin = compacted(simplified(plan.text))
    occurrences = finder.occurrences(text)
    hits = finder.word_hits(text, occurrences)
    organisations: list[Mention] = []
    found_mentions = refine(
        text, finder.find(text, occurrences, hits), finder, organisations, occurrences, hits
    )
    issuer = getattr(meta, "issuer", None)
    unit = None if issuer else text_unit(text, found_mentions, gazetteer)
    resolver = Resolver(gazetteer, issuer, getattr(meta, "parent", None), unit)
    paragraph_starts = [p.start for p in getattr(plan, "paragraphs", ())]
    if origin is not None:  # the paragraphs' starts in the text without its glosses
        paragraph_starts = [bisect.bisect_left(origin, start) for start in paragraph_starts]
    index = TextIndex.of(text, paragraph_starts)
    # one corridor pass: the spans steer resolution, the matches are resolved below
    found_mentions, joined = _lines_of_joined_ends(found_mentions, finder, gazetteer)
    found, stops = _lines_and_stops(
        sorted((*find_corridors(text, hits), *joined), key=attrgetter("start")), found_mentions, finder, text
    )
    mentions = resolve_mentions(
        found_mentions, resolver, index, SpanIndex((c.start, c.end) for c, _ in found)
    )
    by_sentence: dict[int, list[Any]] = {}
    for mention in mentions:
        if mention.level == "own":
            by_sentence.setdefault(index.sentence(mention.start), []).append(mention.place)
    corridors = [
        _in_its_county(
            _resolve_corridor(
                c,
                finder,
                resolver,
                context_ids(by_sentence.get(index.sentence(c.start), ())),
                finder.names_in,
            ),
            text,
            resolver,
        )
        for c, _ in found
    ]
    located_ends = {
        (w.start, w.end): w for c in corridors for w in c.waypoints if w.rule in _ENDS_LOCATING_THEIR_NAME
    }
    if located_ends:
        # the name of a county road's end, found on its own too, is located as that end; so is a river's name
        # written as a line's end (the town named after it)
        mentions = [
            replace(end, type=end.type if end.rule == _RIVER_TOWN_RULE else m.type or end.type)
            if (end := located_ends.get((m.start, m.end))) is not None
            and (m.place is None or end.rule == _RIVER_TOWN_RULE)
            else m
            for m in mentions
        ]
    taken = {(m.start, m.end) for m in mentions}
    for corridor, heads in found:
        context = context_ids(by_sentence.get(index.sentence(corridor.start), ()))
        mentions.extend(
            resolver.resolve(head, context, context, issuer_fallback=False)
            for head in heads
            if (head.start, head.end) not in taken
        )
    covered = SpanIndex(taken)
    for stop in stops:
        if not covered.overlaps(stop.start, stop.end):
            context = context_ids(by_sentence.get(index.sentence(stop.start), ()))
            # a route to follow may leave the region ('海口-乌兰察布'): a stop no record names stays unplaced, as
            # a line's end does, rather than in the text's own unit
            mentions.append(resolver.resolve(stop, context, context, issuer_fallback=False))
    mentions.sort(key=attrgetter("start", "end"))
    mentions = _placed_by_field(text, _placed_today(text, _placed_where_said(text, mentions)))
    mentions = _after_outside_province(_listed_divisions(text, mentions, gazetteer))
    mentions = _located_by_list_mates(text, mentions, gazetteer)
    mentions, corridors = _lines_named_by_their_ends(mentions, corridors)
    mentions = _roads_named_by_initials(mentions, corridors, gazetteer)
    mentions = _without_line_names(_without_waypoint_tails(mentions, corridors), corridors)
    organisation_heads = resolve_mentions(organisations, resolver, index) if organisations else []
    if origin is not None:  # back to the offsets of the text as written, glosses and all
        mentions = [_moved(m, origin) for m in mentions]
        organisation_heads = [_moved(m, origin) for m in organisation_heads]
        corridors = [
            replace(
                c,
                start=origin[c.start],
                end=origin[c.end - 1] + 1,
                waypoints=[_moved(w, origin) for w in c.waypoints],
            )
            for c in corridors
        ]
    if text is not plan.text:
        mentions, organisation_heads = (
            _as_written(mentions, plan.text),
            _as_written(organisation_heads, plan.text),
        )
        corridors = [_corridor_as_written(c, plan.text) for c in corridors]
    return PlanPlaces(plan, mentions, corridors, gazetteer, resolver.issuer, organisation_heads)


#: the kinds of place a line named by its ends written one after another runs between (towns, banners, leagues
#: and cities elsewhere in China).
_JOINED_END_PREFIXES = ("league:", "banner:", "neighbour:", "town:")
#: shortest end of such a line, in characters (a one-character initial makes an abbreviated name: 集通, 包兰).
_JOINED_END_MIN = 2


def _lines_of_joined_ends(
    mentions: list[Mention], finder: MentionFinder, gazetteer: Any
) -> tuple[list[Mention], list[CorridorMatch]]:
    """An unrecorded railway or road whose name is its ends' names written one after another, with no mark between
    them ('通辽白城乌兰浩特齐齐哈尔高速铁路'), is a line named by its ends, like 'A至B至C铁路': a chain of those
    ends (the line's mention gives way to it).  Every end is a whole known name of a town, banner, league or city,
    none lying in another (a league's name before a banner's is its address, not an end)."""
    kept: list[Mention] = []
    lines: list[CorridorMatch] = []
    for mention in mentions:
        ends = None
        if mention.type in ("railway", "road") and not mention.place_ids:
            head, kind, _ = split_last(mention.surface)
            if kind == mention.type and mention.surface.startswith(head):
                ends = _joined_names(head, finder, gazetteer)
        if ends is None:
            kept.append(mention)
            continue
        waypoints, start = [], mention.start
        for name, ids in ends:
            waypoints.append(Mention(name, start, start + len(name), None, "waypoint", ids))
            start += len(name)
        lines.append(
            CorridorMatch(
                mention.surface, None, mention.type, mention.start, mention.end, tuple(waypoints), "chain"
            )
        )
    return kept, lines


def _joined_names(
    head: str, finder: MentionFinder, gazetteer: Any
) -> list[tuple[str, tuple[str, ...]]] | None:
    """``head`` read as two or more names of places a line can join, in the fewest pieces, none of them lying in
    another; None when it cannot be so read."""
    pieces = names_spelling(head, finder, _JOINED_END_PREFIXES, _JOINED_END_MIN)
    if pieces is None or len(pieces) < 2:
        return None
    areas = [
        {pid for i in ids if (p := gazetteer.get(i)) is not None for pid in (i, *p.parent_ids)}
        for _, ids in pieces
    ]
    for index, (_, ids) in enumerate(pieces):
        if any(set(ids) & area for other, area in enumerate(areas) if other != index):
            return None  # '巴彦淖尔乌拉特后旗…': an address, not two ends
    return pieces


#: what ends a list's item after a place it holds: the list mark, right away or after one character of the item
#: ('昆都仑花、': 昆都仑 matched in the item's name); such a place is a sibling of the items after it, no container.
_LIST_ITEM_END = re.compile(r"[\u3400-\u9fff]?、")
#: verbs that say where the place named before them lies ('X物流园位于Y镇', 'X园落户于Y镇', 'X湖，位于Y'; longer first:
#: the units must follow the verb right away).
_LIES_AT = re.compile(r"[:：,，]?\s*(?:位于|坐落于|坐落在|地处|落户于|落户)")
#: kinds of place the unit a text says something lies in locates, when their own record does not (parks, sights and
#: natural places: '黄花沟景区位于察哈尔右翼中旗').
_PLACED_WHERE_SAID = frozenset(
    {"park", "scenic", "lake", "mountain", "wetland", "reserve", "grassland", "reservoir", "desert", "river"}
)
#: units, finest last, that locate a place said to lie in them.
_UNIT_RANK = {"league": 1, "neighbour": 2, "banner": 2, "town": 3}


def _placed_where_said(text: str, mentions: list[ResolvedMention]) -> list[ResolvedMention]:
    """A park, sight or natural place the gazetteer lacks, located no finer than a league, followed by a verb that
    says where it lies and the units written after it ('X物流园位于Y市Z镇工业园区', 'X：位于阜新市'): located at the
    finest of those units (a place located by its unit counts as that unit), with the reason; a sight or natural
    place said to lie in a league only stays where it was.  A place located by a place its name holds ('雅布赖湖'
    by 雅布赖镇 of 阿拉善右旗) that the text says lies in another unit ('雅布赖湖位于阿拉善左旗') lies there."""
    out = list(mentions)
    for index, mention in enumerate(out):
        if mention.type not in _PLACED_WHERE_SAID or mention.rule.startswith(
            ("only-candidate", "written-in")
        ):
            continue
        by_its_name = mention.rule == NAMED_INSIDE_RULE
        if (
            mention.place is not None
            and mention.place.type != "league"
            and mention.rule != "parent:issuer"
            and not by_its_name
        ):
            continue
        said = _LIES_AT.match(text, mention.end)
        if said is None:
            continue
        unit, _ = _units_written_from(out, index + 1, said.end())
        if unit is None:
            continue
        if by_its_name:
            if unit.id in (mention.place.id, *mention.place.parent_ids) or unit.type == "league":
                continue  # the text agrees with the place its name holds, or says no finer unit
        elif mention.place is not None and (
            unit.id == mention.place.id
            if mention.rule == "parent:issuer"
            else unit.type == mention.place.type
        ):
            continue  # the text's own unit, which the text names; or a league said for a league
        if mention.type != "park" and unit.type == "league":
            continue  # a sight or natural place said to lie in a league only: no finer than it was
        out[index] = _located_in(
            mention,
            unit,
            "parent:said-to-lie",
            f"where the text says it lies ('{said.group().lstrip(':：,， ')}')",
        )
    return out


def _units_written_from(mentions: list[ResolvedMention], index: int, position: int) -> tuple[Any | None, int]:
    """The finest unit (league, banner, town; the later of two as fine) the located mentions from ``index`` on name,
    written one right after another from ``position`` ('Y市Z镇'), and where they end."""
    unit = None
    for after in mentions[index:]:
        if after.start != position or after.place is None:
            break
        if _UNIT_RANK.get(after.place.type, 0) >= _UNIT_RANK.get(unit.type if unit else "", 0):
            unit = after.place
        position = after.end
    return unit, position


def _located_in(mention: ResolvedMention, unit: Any, rule: str, where: str) -> ResolvedMention:
    """``mention``, a place the gazetteer lacks (or locates only coarsely), located in ``unit`` by ``rule``; ``where``
    says how the text names the unit."""
    return _relocated(
        mention, unit, rule, f"'{mention.surface}' not in the gazetteer; located in {unit.name}, {where}"
    )


def _relocated(mention: ResolvedMention, unit: Any, rule: str, reason: str) -> ResolvedMention:
    """``mention`` located at ``unit`` (at the unit's precision, half confident) by ``rule``, for ``reason``."""
    return replace(
        mention, place=unit, precision=parent_precision(unit), confidence=0.5, rule=rule, reason=reason
    )


def _after_outside_province(mentions: list[ResolvedMention]) -> list[ResolvedMention]:
    """A unit of the region written right after the full name of another province ('因与陕西省醴泉县同名': a
    namesake of 突泉县's former name) is that province's place, not the region's: located in the province the
    text names, with the reason (no county record of it is at hand)."""
    out = list(mentions)
    for index in range(1, len(out)):
        before, mention = out[index - 1], out[index]
        province, place = before.place, mention.place
        if (
            before.end != mention.start
            or province is None
            or place is None
            or province.type != "province"
            or not lies_outside(province)
            or not before.surface.endswith("省")
            or OWN_PROVINCE not in place.parent_ids
            or province.id in place.parent_ids
        ):
            continue
        out[index] = _relocated(
            mention,
            province,
            WRITTEN_BEFORE_RULE,
            f"'{mention.surface}' written right after {province.name}: a place of that province, not {place.name} "
            "of the region",
        )
    return out


#: a unit's word for the divisions it holds ('宁城县辖3个街道、13个镇：A镇、B街道', 'X旗下辖A、B'), right after its name.
_HOLDS_DIVISIONS = re.compile(r"(?:下|现|共|今)?辖(?!区|境|内)")
#: how far after the unit its list of divisions may run: to the end of its sentence.
_DIVISION_LIST_END = re.compile(r"[。；;\n]")


def _listed_divisions(text: str, mentions: list[ResolvedMention], gazetteer: Any) -> list[ResolvedMention]:
    """A town listed among the divisions a banner or league says it holds ('宁城县辖…：天义镇、…、铁西街道') lies
    in that unit: a namesake the gazetteer places in another unit ('铁西街道' of 乌兰浩特) is not it, and the town
    is located in the unit that lists it, with the reason."""
    out = list(mentions)
    for index, unit_mention in enumerate(out):
        unit = unit_mention.place
        if unit is None or unit.type not in ("banner", "league") or unit_mention.level != "own":
            continue
        holds = _HOLDS_DIVISIONS.match(text, unit_mention.end)
        if holds is None:
            continue
        stop = _DIVISION_LIST_END.search(text, holds.end())
        end = stop.start() if stop else len(text)
        for later in range(index + 1, len(out)):
            town = out[later]
            if town.start >= end:
                break
            place = town.place
            if town.type != "town" or place is None or unit.id in (place.id, *place.parent_ids):
                continue
            namesake = place.name + (
                f" of {gazetteer.get(place.parent_ids[0]).name}" if place.parent_ids else ""
            )
            out[later] = _located_in(
                town,
                unit,
                "parent:listed-division",
                f"which lists it among its divisions (the gazetteer's namesake is {namesake})",
            )
    return out


#: kinds of place a list of sights may hold: an unrecorded one lies where the recorded ones beside it lie.
_LISTED_SIGHT_TYPES = frozenset(
    {"scenic", "lake", "reserve", "wetland", "mountain", "grassland", "reservoir"}
)
#: recorded places of one banner a list must hold (and none of another) to locate its unrecorded sights there.
LIST_MATES_MIN = 2


def _located_by_list_mates(
    text: str, mentions: list[ResolvedMention], gazetteer: Any
) -> list[ResolvedMention]:
    """A sight the gazetteer lacks, listed with recorded sights that all lie in one banner ('…由A、B、C、D组成'
    with A, C recorded in one banner), lies in that banner too: located there rather than no finer than the league
    the text is about, with the reason.  A list whose recorded places lie in two banners or more locates nothing.
    So with a list of places abroad ('蒙古国A口岸、B煤田'): an unrecorded item lies in their country, not in the
    text's own unit."""
    out = list(mentions)
    run: list[int] = []
    for index in range(len(out) + 1):
        if index < len(out) and run and text[out[run[-1]].end : out[index].start].strip(" \u3000") == "、":
            run.append(index)
            continue
        if len(run) > LIST_MATES_MIN:
            _locate_run(out, run, gazetteer)
        if len(run) >= 2:
            _locate_run_abroad(out, run, gazetteer)
        run = [index]
    return out


def _locate_run(out: list[ResolvedMention], run: list[int], gazetteer: Any) -> None:
    """Locate the unrecorded sights of one list (``run``: indices into ``out``) in the banner its recorded ones share."""
    placed = [
        out[i].place
        for i in run
        if out[i].level == "own" and out[i].place is not None and out[i].place.type != "banner"
    ]
    banners = {place.banner_id for place in placed}
    if len(banners) != 1 or None in banners or len(placed) < LIST_MATES_MIN:
        return
    banner = gazetteer.get(banners.pop())
    for i in run:
        mention = out[i]
        if (
            mention.type in _LISTED_SIGHT_TYPES
            and mention.level != "own"
            and mention.place is not None
            and mention.place.type == "league"
            and mention.place.id == banner.league_id
        ):
            out[i] = _located_in(
                mention, banner, "parent:list-mates", "where the recorded places listed with it lie"
            )


def _locate_run_abroad(out: list[ResolvedMention], run: list[int], gazetteer: Any) -> None:
    """Locate the items of one list that fell back to a unit of the region (the text's own, or one named before the
    list) in the country its other items lie in, when every one of them placed otherwise lies in that one country."""
    countries: set[str] = set()
    for i in run:
        place = out[i].place
        if place is None or out[i].rule in _FALLBACK_RULES:
            continue
        inside = [pid for pid in (place.id, *place.parent_ids) if pid.startswith("foreign:")]
        country = next((pid for pid in inside if gazetteer.get(pid).precision == "country"), None)
        if country is None:
            return  # a place of the region (or of no country) in the list: it is no list of places abroad
        countries.add(country)
    if len(countries) != 1:
        return
    country = gazetteer.get(countries.pop())
    for i in run:
        if out[i].rule in _FALLBACK_RULES:
            out[i] = _located_in(out[i], country, "parent:list-mates", "where the places listed with it lie")


#: how an unrecorded name falls back to a unit of the region: the text's own, or the last one its phrase names.
_FALLBACK_RULES = frozenset({"parent:issuer", "parent:same-phrase"})


#: the label of an entry's field that says where the entry's place lies ('地区：库伦旗', '地址：X镇'), at a line's start.
_WHERE_FIELD = re.compile(r"(?:所在地区|所在地|地区|地址|位置|地点)\s*[:：]\s*")
#: how many lines above a place its entry's location field may stand.
FIELD_REACH = 4


def _placed_by_field(text: str, mentions: list[ResolvedMention]) -> list[ResolvedMention]:
    """A park, sight or natural place the gazetteer lacks, located no finer than a league, in an entry whose field
    line above it says where the entry lies ('库伦三大寺 / 类型：… / 地区：库伦旗 / 特色：包括白塔寺、…'): located at
    the finest unit that field names first, with the reason.  A field on the place's own line counts first (the
    reader joins an entry's short lines); above it, the entry's title (a line without a field) or the last field of
    the entry before (a sentence) ends the search."""
    starts = [m.start for m in mentions]
    out = list(mentions)
    for index, mention in enumerate(out):
        if mention.type not in _PLACED_WHERE_SAID:
            continue
        if mention.place is not None and mention.place.type != "league" and mention.rule != "parent:issuer":
            continue
        line_start = text.rfind("\n", 0, mention.start) + 1
        own = [
            f for f in _WHERE_FIELD.finditer(text, line_start, mention.start) if _opens_field(text, f.start())
        ]
        unit = _first_unit_at(out, starts, own[-1].end()) if own else None
        for _ in range(FIELD_REACH if not own else 0):
            if line_start == 0:
                break
            above = text.rfind("\n", 0, line_start - 1) + 1
            field = _WHERE_FIELD.match(text, above)
            if field is not None:
                unit = _first_unit_at(out, starts, field.end())
                break
            line = text[above : line_start - 1].rstrip()
            if (":" not in line and "：" not in line) or line.endswith(_SENTENCE_END):
                break  # the entry's title, or the last field of the entry before: the fields above are another's
            line_start = above
        if unit is None or (mention.place is not None and unit.type == mention.place.type):
            continue
        out[index] = _located_in(
            mention, unit, "parent:entry-field", "which its entry's location field names"
        )
    return out


#: what ends a sentence, and the last field of an entry ('特色：…。').
_SENTENCE_END = ("。", "！", "？")


def _opens_field(text: str, position: int) -> bool:
    """Whether a field's label at ``position`` opens a field ('…草原类型：自然景观地区：X', lines the reader joined):
    anywhere but after a word it ends in prose ('所在的地区：', '位于地区：')."""
    return position == 0 or text[position - 1] == "\n" or text[position - 1] not in "的在于"


def _first_unit_at(mentions: list[ResolvedMention], starts: list[int], position: int) -> Any | None:
    """The finest banner or town of the mentions written one after another from ``position`` (a league alone is
    not finer than what an unrecorded place already has)."""
    unit, _ = _units_written_from(mentions, bisect.bisect_left(starts, position), position)
    return unit if unit is not None and unit.type != "league" else None


#: a bracket after a former place's name that says where it lies today ('双流镇（今吉林省洮南市）').
_LIES_TODAY = re.compile(r"[（(]今(?:属|为|在|位于)?")


def _placed_today(text: str, mentions: list[ResolvedMention]) -> list[ResolvedMention]:
    """A place the gazetteer lacks (or locates only by a parent) followed by a bracket saying where it lies today
    ('在旗内双流镇（今吉林省洮南市）置洮南府'): located at the finest unit written there, with the reason."""
    out = list(mentions)
    for index, mention in enumerate(out):
        if mention.level == "own":
            continue
        said = _LIES_TODAY.match(text, mention.end)
        if said is None:
            continue
        unit, position = _units_written_from(out, index + 1, said.end())
        if unit is None or text[position : position + 1] not in "）)":
            continue
        out[index] = _located_in(mention, unit, "parent:lies-today", "where the text says it lies today")
    return out


def _as_written(mentions: list[ResolvedMention], text: str) -> list[ResolvedMention]:
    """``mentions`` with their surfaces as ``text`` writes them (a text in traditional characters): only the
    mentions the conversion changed are copied (a text with a few traditional characters keeps most as found)."""
    return [
        m if (written := text[m.start : m.end]) == m.surface else replace(m, surface=written)
        for m in mentions
    ]


def _moved(mention: ResolvedMention, origin: list[int]) -> ResolvedMention:
    """``mention`` at the offsets of the text its glosses were taken from (``origin``: see
    :func:`~geoplan.read.script.compacted`); a gloss after its last character stays out of it."""
    return replace(mention, start=origin[mention.start], end=origin[mention.end - 1] + 1)


def _corridor_as_written(corridor: Corridor, text: str) -> Corridor:
    """``corridor`` with its name and waypoints as ``text`` writes them (itself when the conversion left its span
    unchanged)."""
    name = text[corridor.start : corridor.end]
    waypoints = _as_written(corridor.waypoints, text)
    if name == corridor.name and all(map(is_, waypoints, corridor.waypoints)):
        return corridor
    return replace(corridor, name=name, waypoints=waypoints)


#: mention types a corridor describes better (its own row, with waypoints).
LINE_TYPES = frozenset({"road", "railway", "power_line"})


#: a road named by its two ends' first characters and a road word ('开保公路', '突洮油路', '霍阿一级公路').
_INITIALS_ROAD = re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff])(?:一级|二级)?(?:公路|油路|高速公路|高速)")


def _roads_named_by_initials(
    mentions: list[ResolvedMention], corridors: list[Corridor], gazetteer: Any
) -> list[ResolvedMention]:
    """An unrecorded road named by its ends' first characters ('甲乙公路') whose ends the text writes as a line
    elsewhere ('甲镇至乙县…'): located in the unit holding both ends (their banner, else their league)."""
    pairs = [
        (c.waypoints[0].place, c.waypoints[1].place, c.waypoints[0].surface, c.waypoints[1].surface)
        for c in corridors
        if c.rule == "chain" and len(c.waypoints) == 2 and all(w.place is not None for w in c.waypoints)
    ]
    if not pairs:
        return mentions
    out = []
    for mention in mentions:
        match = _INITIALS_ROAD.fullmatch(mention.surface) if mention.place is None else None
        found = None
        if match is not None and mention.type == "road":
            initials = {match.group(1, 2), match.group(2, 1)}
            found = next((p for p in pairs if (p[2][0], p[3][0]) in initials), None)
        unit = _unit_holding(found[0], found[1], gazetteer) if found is not None else None
        if unit is None:
            out.append(mention)
            continue
        reason = (
            f"'{mention.surface}' is named by the first characters of its ends {found[2]} and {found[3]}, written "  # type: ignore[index]
            f"in the text as a line; located in {unit.name}, which holds both"
        )
        out.append(
            replace(
                mention,
                place=unit,
                precision=unit.type,
                confidence=0.5,
                rule="parent:named-ends",
                reason=reason,
            )
        )
    return out


def _unit_holding(first: Any, second: Any, gazetteer: Any) -> Any | None:
    """The banner holding both places, else the league holding both, else None."""
    for prefix in ("banner:", "league:"):
        ids = [
            {pid for pid in (place.id, *place.parent_ids) if pid.startswith(prefix)}
            for place in (first, second)
        ]
        common = ids[0] & ids[1]
        if len(common) == 1:
            return gazetteer.get(common.pop())
    return None


def _lines_named_by_their_ends(
    mentions: list[ResolvedMention], corridors: list[Corridor]
) -> tuple[list[ResolvedMention], list[Corridor]]:
    """A recorded line whose name is its ends joined ('A至B一级公路', a record's name) is the corridor of those
    ends, as any line so named: its ends are the mentions, and the record's line becomes the corridor's line (one
    row, with waypoints, not a second mention of the whole name)."""
    chains = {(c.start, c.end): i for i, c in enumerate(corridors) if c.rule == "chain"}
    if not chains:
        return mentions, corridors
    kept: list[ResolvedMention] = []
    corridors = list(corridors)
    for mention in mentions:
        i = chains.get((mention.start, mention.end))
        place = mention.place
        if i is None or mention.type not in LINE_TYPES or mention.level != "own" or place is None:
            kept.append(mention)
            continue
        corridor = corridors[i]
        line = getattr(place, "geometry", None)
        if corridor.route_line is None and getattr(line, "geom_type", "") == "LineString":
            corridors[i] = replace(corridor, route_line=line)
    return kept, corridors


def _without_line_names(mentions: list[ResolvedMention], corridors: list[Corridor]) -> list[ResolvedMention]:
    """Drop suffix-found road/railway names that a corridor covers ('集二铁路' is the corridor itself)."""
    spans = sorted((c.start, c.end) for c in corridors)
    starts = [s for s, _ in spans]
    bracketed = SpanIndex((c.start, c.end) for c in corridors if c.rule == "named" and "（" in c.name)
    kept = []
    for mention in mentions:
        if bracketed.covers(mention.start, mention.end):
            continue  # '上海庙' inside '新（上海庙）靖（边）线' expands the line's name: the line is the mention
        if mention.type in LINE_TYPES and mention.level != "own":
            i = bisect.bisect_right(starts, mention.start) - 1
            if i >= 0 and spans[i][1] >= mention.end:
                continue
        kept.append(mention)
    return kept


def _without_waypoint_tails(
    mentions: list[ResolvedMention], corridors: list[Corridor]
) -> list[ResolvedMention]:
    """Drop a name found at the end of a chain's waypoint one character longer ('白音他拉' in the end '查白音他拉'):
    no name is one character long, so the waypoint, cut at the chain's connector, is the one name written there."""
    tails = {(w.start + 1, w.end) for c in corridors if c.rule == "chain" for w in c.waypoints}
    return [m for m in mentions if (m.start, m.end) not in tails] if tails else mentions


def resolve_mentions(
    mentions: list[Mention], resolver: Resolver, index: TextIndex, lines: SpanIndex | None = None
) -> list[ResolvedMention]:
    """Two passes: unambiguous names first (they become context), then the rest with that context.  A place is
    where the names after it in its clause lie unless it is a line's end: written before 至 ('A至B'), or inside a
    corridor of ``lines`` ('…至甘其毛都口岸铁路、X专用线': the port ends the first line, X is not in it)."""
    by_sentence: dict[int, list[Any]] = {}
    by_paragraph: dict[int, list[Any]] = {}
    outside_subjects: dict[int, Any] = {}
    sentences, clauses, paragraphs = index.locate([m.start for m in mentions])
    for number, (mention, sentence, paragraph) in enumerate(
        zip(mentions, sentences, paragraphs, strict=True)
    ):
        candidates = resolver.candidates(mention)
        if len(candidates) == 1:
            place = candidates[0][0]
            if (
                lies_outside(place)
                and (number == 0 or sentences[number - 1] != sentence)
                and not HAN_CHAR.search(index.text, index.sentence_starts[sentence], mention.start)
            ):
                outside_subjects[sentence] = place  # '阜新市拥有…': the sentence is about a city outside
            if (
                place.type in {"league", "banner", "town"}
                and resolver.gives_context(mention, place)
                and not index.as_neighbour(mention.start, mention.end)
            ):
                by_sentence.setdefault(sentence, []).append(place)
                by_paragraph.setdefault(paragraph, []).append(place)
    resolved: list[ResolvedMention] = []
    # the shorter names a park or sight resolved to its own record may be written by again
    named_in_full: dict[str, ResolvedMention] = {}
    clause_places: list[Any] = []
    current_clause = -1
    previous: ResolvedMention | None = None
    sentence_context: dict[int, set[str]] = {}
    paragraph_context: dict[int, set[str]] = {}
    for mention, sentence, clause, paragraph in zip(mentions, sentences, clauses, paragraphs, strict=True):
        if clause != current_clause:
            clause_places, current_clause = [], clause
        if sentence not in sentence_context:
            sentence_context[sentence] = context_ids(by_sentence.get(sentence, ()))
        if paragraph not in paragraph_context:
            paragraph_context[paragraph] = context_ids(by_paragraph.get(paragraph, ()))
        sentence_ids, paragraph_ids = sentence_context[sentence], paragraph_context[paragraph]
        result = resolver.resolve(
            mention,
            sentence_ids,
            paragraph_ids,
            clause_places,
            written_in=_unit_right_before(previous, mention, index.text),
        )
        if (
            result.rule == "parent:issuer"
            and (subject := outside_subjects.get(sentence)) is not None
            and not by_sentence.get(sentence)
        ):
            # '阜新市拥有…海州露天矿、瑞应寺…': a name the gazetteer lacks in a sentence about a city outside the
            # region, which names no place of it, is not the text's own unit's
            result = unresolved(
                mention,
                f"outside the region: '{mention.surface}' not in the gazetteer, in a sentence about {subject.name}, "
                "outside the region, that names no place of it",
            )
        if result.rule == "parent:issuer" and mention.type == "mine" and _imported_from(index, sentence):
            # '经口岸进口的矿点主要有X铁矿': mines a port imports from lie across the border, not in the text's unit
            result = unresolved(
                mention,
                f"outside the region: '{mention.surface}' not in the gazetteer, a mine named in a sentence about "
                "imports, which lies across the border",
            )
        if result.level != "own" and (earlier := _named_before(named_in_full, mention)) is not None:
            result = ResolvedMention.of(
                mention,
                earlier.type,
                earlier.place,
                earlier.precision,
                earlier.confidence,
                "named-again",
                f"'{mention.surface}' named before in full as '{earlier.surface}' ({earlier.place.id})",
            )
        resolved.append(result)
        _register_full_name(named_in_full, result)
        previous = result
        if (
            result.level == "own"
            and result.end not in index.range_marks
            and not (lines is not None and lines.covers(result.start, result.end))
            and not _LIST_ITEM_END.match(index.text, result.end)  # a list's item is its neighbours' sibling
        ):
            clause_places.append(result.place)
    return resolved


#: words of importing goods across the border ('进口', '进境'): the mines a sentence with them names are abroad.
_IMPORT_WORDS = ("进口", "进境")


def _imported_from(index: TextIndex, sentence: int) -> bool:
    """Whether sentence ``sentence`` of the text is about goods imported across the border."""
    starts = index.sentence_starts
    end = starts[sentence + 1] if sentence + 1 < len(starts) else len(index.text)
    body = index.text[starts[sentence] : end]
    return any(word in body for word in _IMPORT_WORDS)


#: place types a text names again without the unit or qualifier it first wrote before them.
_NAMED_AGAIN_TYPES = frozenset(
    {"park", "subpark", "scenic", "reserve", "wetland", "port", "airport", "station"}
)


def _register_full_name(named_in_full: dict[str, ResolvedMention], result: ResolvedMention) -> None:
    """Remember ``result``, resolved to a park, sight, reserve or facility of its own, under each shorter name it
    ends with (two or more characters fewer): a later mention by that name is the same place."""
    if result.level != "own" or result.place.type not in _NAMED_AGAIN_TYPES:
        return
    for cut in range(2, len(result.surface) - 1):
        named_in_full[result.surface[cut:]] = result


def _named_before(named_in_full: dict[str, ResolvedMention], mention: Mention) -> ResolvedMention | None:
    """The latest earlier mention resolved to its own record whose name is ``mention``'s, a class-word name the
    gazetteer lacks, with two or more characters before it ('赤峰红山经济开发区' … '红山经济开发区'): the text
    names the same place again without its unit."""
    if not mention.rule.startswith("suffix:") or mention.place_ids:
        return None
    return named_in_full.get(mention.surface)


def _unit_right_before(previous: ResolvedMention | None, mention: Mention, text: str = "") -> Any | None:
    """The league or banner a mention is written right after, with nothing between ('赤峰市' + '新城区'), or the
    place outside the region ending an address before it ('北京市朝阳区' + a street), also with 的 between ('青海的塔尔寺':
    the temple of that province) or the class character of the unit read by its short form ('平鲁' + '县' +
    '郭家窑乡')."""
    if previous is None:
        return None
    place = previous.place
    if previous.level != "own":
        # '山西省' + '平鲁县' (located there, written after it) + '郭家窑乡': the address goes on outside the region
        chained = (
            previous.rule == WRITTEN_BEFORE_RULE and previous.end == mention.start and lies_outside(place)
        )
        return place if chained else None
    if previous.end == mention.start:
        return place if place.type in ("league", "banner") or lies_outside(place) else None
    between = text[previous.end : mention.start] if previous.end + 1 == mention.start else ""
    return place if between and between in _OUTSIDE_ADDRESS_GLUE and lies_outside(place) else None


#: what may stand between a place outside the region and a name it is the address of: a possessive, or the class
#: character of a unit written by its short form ('辽源' + '县' + '通辽镇').
_OUTSIDE_ADDRESS_GLUE = COUNTY_CLASS_CHARS | {"的"}


#: kinds of place whose name may stand before a line's end as its qualifier ('陕西小壕图', '乌兰察布化德').
_QUALIFYING_ID_PREFIXES = ("province:", "league:", "region:", "foreign:")


def _lines_and_stops(
    matches: list[CorridorMatch], mentions: list[Mention], finder: MentionFinder, text: str
) -> tuple[list[tuple[CorridorMatch, list[Mention]]], list[Mention]]:
    """The corridor matches whose ends are names, each with the names qualifying its ends (see
    :func:`_split_waypoints`), and the stops of the routes to follow among them (mentions of their own, no line)."""
    starts = [m.start for m in mentions]
    lines: list[tuple[CorridorMatch, list[Mention]]] = []
    stops: list[Mention] = []
    for match in matches:
        whole = _without_apposed_kind(_first_end_whole(match, mentions, starts, text), finder, text)
        corridor, heads = _split_waypoints(whole, finder)
        if not _ends_are_names(corridor, finder, text):
            continue
        if corridor.kind == ROUTE_KIND:
            stops.extend((*heads, *(w for w in _stops(corridor) if _stop_is_a_name(w, finder))))
        else:
            lines.append((corridor, heads))
    return lines, stops


#: the character that names a route by its stops ('呼伦湖-额尔古纳线').
_LINE_CHAR = "线"
#: longest stop of a route to follow read as a name the gazetteer lacks, in characters ('热水塘', '公主府'; not
#: '五道沟农家乐旅游').
STOP_NAME_MAX = 5
#: jieba flags of a stop's first word that make it prose ('赴草原'), and of its last word ('…旅游').
_STOP_PROSE_FLAGS = frozenset({"v", "vn", "vd", "d", "p", "c", "r", "u", "m"})


def _stops(route: CorridorMatch) -> tuple[Mention, ...]:
    """The stops of a route to follow, the last without the 线 that names the route ('根河-莫尔道嘎线')."""
    *others, last = route.waypoints
    if last.surface.endswith(_LINE_CHAR) and len(last.surface) > 2:
        last = replace(last, surface=last.surface[:-1], end=last.end - 1)
    return (*others, last)


def _stop_is_a_name(stop: Mention, finder: MentionFinder) -> bool:
    """Whether a stop of a route to follow ('Day1、经棚镇-热水塘-黄岗梁林场') names a place: a known name, or a
    short run that is neither one common word nor opened or closed by prose ('赴草原', '五道沟农家乐旅游')."""
    surface = stop.surface
    if finder.ids_or_short(surface):
        return True
    if (
        not 2 < len(surface) <= STOP_NAME_MAX
        or not all(map(is_han, surface))
        or reads_as_prose(surface)
        or one_common_word(surface)
    ):
        return False
    words = tag(surface)
    return words[0][1] not in _STOP_PROSE_FLAGS and not (
        len(words[-1][0]) > 1 and words[-1][1] in _STOP_PROSE_FLAGS
    )


#: characters before a chain's first end in which a name found on its own may begin.
_FIRST_END_REACH = 4


def _first_end_whole(
    corridor: CorridorMatch, mentions: Sequence[Mention], starts: Sequence[int], text: str
) -> CorridorMatch:
    """``corridor`` with its first end starting where a name found on its own starts, when that name begins just
    before the end and closes inside it: the words cut from the front of the end as prose were the name's own
    ('经棚镇-热水塘' is 经棚镇, not 棚镇 after the verb 经; '将军衙署——公主府' is 将军衙署)."""
    if corridor.rule != "chain" or not corridor.waypoints:
        return corridor
    first = corridor.waypoints[0]
    low = bisect.bisect_left(starts, first.start - _FIRST_END_REACH)
    high = bisect.bisect_left(starts, first.start)
    whole = next((m for m in mentions[low:high] if first.start < m.end <= first.end and m.place_ids), None)
    if whole is None:
        return corridor
    waypoint = replace(first, surface=text[whole.start : first.end], start=whole.start)
    return replace(
        corridor,
        name=text[whole.start : corridor.end],
        start=whole.start,
        waypoints=(waypoint, *corridor.waypoints[1:]),
    )


def _split_waypoints(corridor: CorridorMatch, finder: MentionFinder) -> tuple[CorridorMatch, list[Mention]]:
    """A chain's end written after the province, league or region it lies in ('至陕西小壕图', '蒙西乌兰察布化德—')
    is the end itself; the names before it are mentions of their own (they qualify where the end is). A name made
    of a place's name and a class word ('X国际陆港', 'X综合保税区') is one end."""
    if corridor.rule != "chain":
        return corridor, []
    heads: list[Mention] = []
    waypoints: list[Mention] = []
    for waypoint in _via_split(corridor.waypoints, finder):
        surface, start = waypoint.surface, waypoint.start
        own_heads = len(heads)
        while not finder.ids_or_short(surface):
            head = _qualifying_head(surface, finder)
            if head is None or surface[len(head) :] in SUFFIX_TYPES:
                break  # no qualifier, or the name is the head and a class word ('X国际陆港'): one place
            if reads_as_prose(surface[len(head) :]):
                surface = (
                    head  # 'X首条…铁路': the head is the end, the words after it (a count) say which line
                )
                break
            heads.append(
                Mention(head, start, start + len(head), None, "waypoint-qualifier", finder.ids(head))
            )
            surface, start = surface[len(head) :], start + len(head)
        if surface == waypoint.surface:
            waypoints.append(waypoint)
            continue
        cut = replace(waypoint, surface=surface, start=start, end=start + len(surface))
        last = heads[-1] if len(heads) > own_heads else None
        if last is not None and all(pid.startswith("banner:") for pid in last.place_ids):
            # a village or town after its banner's name lies in that banner
            cut = replace(cut, qualifier=last.surface, qualifier_ids=last.place_ids)
        waypoints.append(cut)
    changed = len(waypoints) != len(corridor.waypoints) or any(
        w is not c for w, c in zip(waypoints, corridor.waypoints, strict=True)
    )
    return (replace(corridor, waypoints=tuple(waypoints)) if changed else corridor), heads


#: the word between two waypoints of a chain that names a place passed on the way ('A经B至C': from A via B to C).
_VIA = "经"


def _via_split(waypoints: Sequence[Mention], finder: MentionFinder) -> list[Mention]:
    """``waypoints`` with an end written 'A经B' ('集宁经大同至原平', '甘其毛都经海流图至乌拉山') read as two
    waypoints in order, A and then B, when both are known names; an end whose name holds 经 ('经棚') stays."""
    out: list[Mention] = []
    for waypoint in waypoints:
        surface = waypoint.surface
        cut = surface.find(_VIA, 2)
        if cut < 0 or finder.ids_or_short(surface) or len(surface) - cut - 1 < 2:
            out.append(waypoint)
            continue
        first, second = surface[:cut], surface[cut + 1 :]
        if not (finder.ids_or_short(first) and finder.ids_or_short(second)):
            out.append(waypoint)
            continue
        start = waypoint.start
        out.append(replace(waypoint, surface=first, end=start + cut))
        out.append(replace(waypoint, surface=second, start=start + cut + 1))
    return out


def _ends_are_names(corridor: CorridorMatch, finder: MentionFinder, text: str) -> bool:
    """Whether every end of a chain may name a place: an end no name of the gazetteer's ends and that reads as
    a piece of a clause ('由10小时左右缩短至最快2小时', '已通至X', '运送至X': a time, an adverb, a verb before
    至) or only a kind of place before a dash of apposition (:func:`_apposed_kind`) makes the chain no line named
    by its ends (the names in it stay mentions of their own)."""
    return corridor.rule != "chain" or not any(
        _COMPASS_MOTION.fullmatch(w.surface)
        or _apposed_kind(text, w, finder)
        # '中国到蒙古国边境的铁路', '赤峰到凌源的赤凌高铁': the whole country, or a phrase holding a particle, is no end
        # of a line
        or w.surface in OWN_COUNTRY
        or (_PARTICLE in w.surface and not finder.ids_or_short(w.surface))
        or (
            reads_as_prose(w.surface)
            and not finder.ids_or_short(w.surface)
            and not finder.names_in(w.surface)
        )
        for w in corridor.waypoints
    )


#: the particle of a phrase of a clause ('边境的', '凌源的赤凌'), never in a place's name.
_PARTICLE = "的"


def _without_apposed_kind(corridor: CorridorMatch, finder: MentionFinder, text: str) -> CorridorMatch:
    """``corridor`` without a first end that only says a kind before a dash of apposition, when two ends or more
    are left ('首条动车组列车运行线——长春至白城至乌兰浩特快速铁路' runs from 长春)."""
    if corridor.rule != "chain" or len(corridor.waypoints) < 3:
        return corridor
    first, second = corridor.waypoints[:2]
    if not _apposed_kind(text, first, finder):
        return corridor
    return replace(
        corridor, name=text[second.start : corridor.end], start=second.start, waypoints=corridor.waypoints[1:]
    )


#: dashes that also set off an apposition in prose ('重要城市——赤峰', read as one dash): a hyphen does not.
_APPOSITION_DASHES = frozenset("—―")


def _apposed_kind(text: str, waypoint: Mention, finder: MentionFinder) -> bool:
    """Whether ``waypoint`` only says a kind of place (no name of the gazetteer's) before a dash that may set off
    an apposition: '蒙东地区的重要城市——赤峰' names the city, '重点工程项目——X高速公路' the project, no line from a
    place '城市' or '项目' (a hyphen joins the
    ends of a line, kind words too: '莫林-戈壁-图克木公路')."""
    return (
        text[waypoint.end : waypoint.end + 1] in _APPOSITION_DASHES
        and (
            is_generic(waypoint.surface)
            or waypoint.surface.endswith(_PROJECT_WORDS)
            or waypoint.surface.endswith(_LINE_CHAR)  # '首条动车组列车运行线——A至B铁路': the kind of line
            # '省际大通道的最后一段——A至B段': a part of a line said in common words, no place
            or not holds_name_word(text, waypoint.start, waypoint.end)
        )
        and not finder.ids_or_short(waypoint.surface)
    )


#: words that name a project as such: '重点工程项目——X高速公路' sets off the project's name, no line from '项目'.
_PROJECT_WORDS = words("project_words")


#: a direction and a verb of motion ('沿X高速西行至Y', '北上至Y'): a way of going, no end of a line.
_COMPASS_MOTION = re.compile(r"[东西南北]{1,2}[行上下进去走]")


#: what ends the name of a place inside a banner ('城壕村', '呼和嘎查', 'X镇'): a banner's name written before it
#: qualifies it ('准格尔旗城壕村' is the village 城壕村 of 准格尔旗).
_PLACE_IN_BANNER_ENDINGS = ("村", "嘎查", "镇", "苏木", "乡")


def _name_before_line_words(surface: str, finder: MentionFinder) -> tuple[str, tuple[str, ...]] | None:
    """The longest known name (or short form) starting ``surface`` when the rest only describes the line: common
    words, the last maybe one character ('二级路': grade and road; '既有线')."""
    for length in range(len(surface) - 2, 1, -1):
        ids = finder.ids_or_short(surface[:length])
        if ids:
            rest = surface[length:]
            return (surface[:length], ids) if describes_line(rest) else None
    return None


def _qualifying_head(surface: str, finder: MentionFinder) -> str | None:
    """The longest province, league or region name starting ``surface`` and leaving two or more characters (a
    banner's name too, before a village's or town's name or a known place's). The longest known name starting
    ``surface`` is the only candidate: a shorter one inside it is no head ('阿拉善' of '阿拉善左旗锡林高勒')."""
    prefixes = _QUALIFYING_ID_PREFIXES
    for length in range(len(surface) - 2, 1, -1):
        ids = finder.ids(surface[:length])
        if not ids:
            continue
        rest = surface[length:]
        if all(pid.startswith(prefixes) for pid in ids) or (
            all(pid.startswith("banner:") for pid in ids)
            and (rest.endswith(_PLACE_IN_BANNER_ENDINGS) or finder.ids_or_short(rest))
        ):
            return surface[:length]
        return None
    return None


def _resolve_corridor(
    corridor: CorridorMatch,
    finder: MentionFinder,
    resolver: Resolver,
    sentence_ids: set[str],
    names_in: Callable[[str], Sequence[Mention]],
) -> Corridor:
    """``corridor`` with its waypoints resolved; ``names_in``: the finder's ``find`` (or a memo of it:
    :meth:`MentionFinder.names_in`).  An end that names a waypoint of its route's recorded line ('G18棋盘井至海南区段':
    棋盘井镇 is on G18) is that waypoint, wherever the plan is from: the route's record is the evidence."""
    route = resolver.place(f"{corridor.kind}:{corridor.route}") if corridor.route else None
    line = getattr(route, "geometry", None)
    if getattr(line, "geom_type", "") != "LineString":
        line = None
    waypoints = [
        _on_route(w, finder, resolver, route, line)
        or _off_route(_resolve_waypoint(w, finder, resolver, sentence_ids, names_in), resolver, route, line)
        for w in corridor.waypoints
    ]
    return Corridor(
        corridor.name,
        corridor.route,
        corridor.kind,
        corridor.start,
        corridor.end,
        waypoints,
        corridor.rule,
        line,
    )


def _on_route(
    waypoint: Mention, finder: MentionFinder, resolver: Resolver, route: Any, line: Any | None
) -> ResolvedMention | None:
    """The one place a waypoint's name or short form names that is a vertex of its route's line, else None."""
    if line is None:
        return None
    vertices = set(line.coords)
    places = [p for pid in finder.ids_or_short(waypoint.surface) if (p := resolver.place(pid)) is not None]
    on_line = [p for p in places if tuple(p.point.coords[0]) in vertices]
    if len(on_line) != 1:
        return None
    (place,) = on_line
    reason = f"a waypoint of {route.id}'s line; route-waypoint chose {place.id}"
    return ResolvedMention.of(waypoint, place.type, place, place.precision, 0.9, "route-waypoint", reason)


#: a county road's number written right before its ends ('县道 725 A-B', 'X725 A—B'): the road lies in its county.
_COUNTY_ROAD = re.compile(r"(?:县道\s*[XＸ]?|[XＸ])\s*\d{1,4}\s*线?\s*$")


def _in_its_county(corridor: Corridor, text: str, resolver: Resolver) -> Corridor:
    """A county road's ends ('县道 725 呼和温都尔-乌兰哈少公路') lie in the county (banner) that builds it: in a banner's
    plan or a text about one, an end the gazetteer does not place is located in that banner, saying why."""
    issuer = resolver.issuer
    if issuer is None or issuer.type != "banner" or all(w.place is not None for w in corridor.waypoints):
        return corridor
    if not _COUNTY_ROAD.search(text[max(0, corridor.start - 12) : corridor.start]):
        return corridor
    why = f"a county road's end: located in the {resolver.issuer_role} banner {issuer.name}, whose road it is"
    waypoints = [
        w
        if w.place is not None
        else replace(
            w,
            place=issuer,
            precision="banner",
            confidence=0.5,
            rule="parent:county-road",
            reason=f"{w.reason}; {why}",
        )
        for w in corridor.waypoints
    ]
    return replace(corridor, waypoints=waypoints)


#: how far (degrees, ≈ 100 km) from its route's recorded line a section's end outside the plan's league may lie.
OFF_ROUTE_DEGREES = 1.0


def _off_route(
    waypoint: ResolvedMention, resolver: Resolver, route: Any, line: Any | None
) -> ResolvedMention:
    """A section's end ('G210古城至树林召段') resolved to a town outside the plan's league far from its route's
    recorded line is a namesake, not the end: left unresolved, saying so."""
    place = waypoint.place
    if line is None or place is None or waypoint.level != "own" or resolver.league_id is None:
        return waypoint
    if place.type not in LOCAL_TYPES or resolver.league_id in {place.id, *place.parent_ids}:
        return waypoint  # a city or country the route runs to ('京藏高速' to 拉萨) lies beyond its line
    off = place.point.distance(line)
    if off <= OFF_ROUTE_DEGREES:
        return waypoint
    return replace(
        waypoint,
        place=None,
        precision=None,
        confidence=0.0,
        rule="unresolved",
        reason=f"'{waypoint.surface}' matches {place.name} ({place.id}), outside the plan's league and "
        f"{off:.1f}° from {route.id}'s line: a namesake, not this section's end",
    )


#: the rule of a line's end named after a river, located at the banner of the places of that name.
_RIVER_TOWN_RULE = "parent:river-town"
#: rules of a line's end whose located place the mention of its name takes too.
_ENDS_LOCATING_THEIR_NAME = frozenset({"parent:county-road", _RIVER_TOWN_RULE})


def _river_towns_banner(river: str, finder: MentionFinder, resolver: Resolver) -> Any | None:
    """The one banner of the region where every recorded place named after ``river`` lies ('霍林河煤田',
    '霍林河机场' in 霍林郭勒市); None when there are none, or they lie in more banners than one."""
    banners = set()
    for surface in finder.surfaces_starting(river):
        for pid in finder.ids(surface):
            place = resolver.place(pid)
            if place is None or place.type == "river" or place.banner_id is None:
                continue
            banners.add(place.banner_id)
    return resolver.place(banners.pop()) if len(banners) == 1 else None


def _resolve_waypoint(
    waypoint: Mention,
    finder: MentionFinder,
    resolver: Resolver,
    context: set[str],
    names_in: Callable[[str], Sequence[Mention]],
) -> ResolvedMention:
    """A waypoint is the place it names: its own name, a short form ('锡尼' for 锡尼镇), else a name that
    ends it ('蒙西乌兰察布化德' -> 化德); a name only at its start ('乌审' in '乌审召') is just a parent."""
    surface, start, end, rule = waypoint.surface, waypoint.start, waypoint.end, waypoint.rule
    ids = finder.ids_or_short(surface)
    if not ids and rule.startswith("abbreviation:"):  # '新（上海庙）': the bracket names the end
        expansion = rule.removeprefix("abbreviation:")
        if finder.ids_or_short(expansion):
            surface, ids = expansion, finder.ids_or_short(expansion)
    if not ids and surface[-1] in "东西南北" and len(surface) >= 3:
        ids = finder.ids_or_short(surface[:-1])  # '锡尼北' (a station north of 锡尼镇)
    if not ids and (named := _name_before_line_words(surface, finder)) is not None:
        # '宝龙山二级路', '白云鄂博既有线': a place's name (宝龙山 of 宝龙山镇), then words describing the line there
        surface, ids = named
        end = start + len(surface)
    if (
        ids
        and all(pid.startswith("river:") for pid in ids)
        and (banner := _river_towns_banner(surface, finder, resolver))
    ):
        # '通辽至霍林河': a line's end is a settlement, not a river; the places named after the river (霍林河煤田,
        # 霍林河机场) lie in one banner, the town's (霍林郭勒市, built as 霍林河)
        reason = f"a line's end named after the river {surface}: located in {banner.name}, where the places of that name lie"
        return ResolvedMention.of(waypoint, None, banner, "banner", 0.5, _RIVER_TOWN_RULE, reason)
    if ids:
        return resolver.resolve(
            Mention(surface, start, end, None, rule, ids), context, context, issuer_fallback=False
        )
    inner = [m for m in names_in(surface) if m.place_ids or m.type]
    rest = surface[inner[-1].end :] if inner else ""
    if (
        rest
        and len(rest) >= 2
        and _tiled_by_names(inner, single=True)
        and (rest_ids := finder.ids_or_short(rest))
    ):
        # '蒙西乌兰察布化德—多伦': names in a row, the last a short form (化德 of 化德县) and the line's end
        return resolver.resolve(
            Mention(rest, end - len(rest), end, None, rule, rest_ids), context, context, issuer_fallback=False
        )
    if inner and (inner[-1].end == len(surface) or is_generic(surface[inner[-1].end :])):
        chosen = inner[-1]
        if chosen.end == len(surface) and _tiled_by_names(inner[:-1] + [chosen]):
            # '蒙西乌兰察布镶黄旗—…': names in a row, the last one the line's end (the others qualify it)
            surface, start = chosen.surface, start + chosen.start
        mention = Mention(
            surface,
            start,
            end,
            chosen.type,
            chosen.rule,
            chosen.place_ids,
            chosen.qualifier,
            chosen.qualifier_ids,
        )
        if chosen.place_ids and chosen.surface != surface:
            mention = Mention(surface, start, end, chosen.type, "waypoint-inner", chosen.place_ids)
        return resolver.resolve(mention, context, context, issuer_fallback=False)
    qualifier = inner[0] if inner and inner[0].start == 0 and inner[0].place_ids else None
    mention = Mention(
        surface,
        start,
        end,
        None,
        rule,
        (),
        qualifier.surface if qualifier else waypoint.qualifier,
        qualifier.place_ids if qualifier else waypoint.qualifier_ids,
    )
    return resolver.resolve(mention, context, context, issuer_fallback=False)


# -- the places table -----------------------------------------------------------------------------------


def place_rows(places: PlanPlaces) -> list[dict[str, object]]:
    """One row per distinct (plan, place name, place) with the columns of :data:`PLACE_COLUMNS`: a name two places
    share in one text ('白音华' the township and the zone, '醴泉县' of 陕西 and 突泉县's former name) is two rows."""
    plan = places.plan
    rows = [_row(plan, group, places) for _name, group in place_groups(places)]
    for corridor in _distinct_corridors(places.corridors):
        rows.append(_corridor_row(plan, corridor, places.issuer))
    rows.sort(key=lambda row: (row["first_offset"], row["name"]))
    for row in rows:
        del row["first_offset"]
    return rows


def place_groups(places: PlanPlaces) -> list[tuple[str, list[ResolvedMention]]]:
    """The mentions of a text as the places table lists them: per name as written, then per place (see
    :func:`_by_place`), each group with its name, names in order of first mention."""
    by_name: dict[str, list[ResolvedMention]] = {}
    for mention in places.mentions:
        by_name.setdefault(mention.surface, []).append(mention)
    return [(name, group) for name, named in by_name.items() for group in _by_place(named)]


def _by_place(mentions: list[ResolvedMention]) -> list[list[ResolvedMention]]:
    """The mentions of one name grouped by the place each resolves to; a mention left unresolved, or located only at
    a unit holding another group's place (the text's banner as a fallback, the town's record elsewhere), joins that
    group: the same place, once known less finely.  A unit the name itself resolves to stays a row of its own
    ('多伦' the banner, and once the zone the text calls by it)."""
    groups: dict[str | None, list[ResolvedMention]] = {}
    for mention in mentions:
        groups.setdefault(mention.place.id if mention.place is not None else None, []).append(mention)
    if len(groups) == 1:
        return list(groups.values())
    places = {m.place.id: m.place for m in mentions if m.place is not None}
    for coarse in [None, *places]:
        if coarse is not None and any(m.level == "own" for m in groups.get(coarse, ())):
            continue
        finer = next(
            (
                pid
                for pid, place in places.items()
                if pid != coarse and pid in groups and (coarse is None or coarse in place.parent_ids)
            ),
            None,
        )
        if coarse in groups and finer is not None:
            groups[finer].extend(groups.pop(coarse))
    return [sorted(group, key=attrgetter("start")) for group in groups.values()]


def distinct_levels(places: PlanPlaces) -> list[tuple[str, str, str]]:
    """(name, type, level) per distinct place name and place (as :func:`place_rows` lists them) and corridor;
    level is 'own', 'parent' or 'none'."""
    found = []
    for name, group in place_groups(places):
        best = _best(group)
        found.append((name, best.type or "", best.level))
    for corridor in _distinct_corridors(places.corridors):
        found.append((corridor.name, corridor.kind, corridor_level(corridor, places.issuer)))
    return found


def corridor_level(corridor: Corridor, issuer: Any = None) -> str:
    """'own' when two waypoints or more lie at their own place, else 'parent' (some waypoint located, or the
    plan's issuer as the area the line is planned in), else 'none'."""
    own = sum(1 for w in corridor.waypoints if w.level == "own")
    if own >= 2:
        return "own"
    return "parent" if issuer is not None or any(w.place is not None for w in corridor.waypoints) else "none"


def coverage(all_places: Iterable[PlanPlaces]) -> dict[str, dict[str, int]]:
    """Per type: distinct (plan, name) found, resolved at own level, resolved to a parent, unresolved."""
    table: dict[str, dict[str, int]] = {}
    for places in all_places:
        for _name, kind, level in distinct_levels(places):
            counts = table.setdefault(kind or "unknown", {"found": 0, "own": 0, "parent": 0, "none": 0})
            counts["found"] += 1
            counts[level] += 1
    return dict(sorted(table.items()))


def _best(group: list[ResolvedMention]) -> ResolvedMention:
    """The most trustworthy resolution among the mentions of one name."""
    rank = {"own": 2, "parent": 1, "none": 0}
    return max(group, key=lambda m: (rank[m.level], m.confidence, -m.start))


def _row(plan: Any, group: list[ResolvedMention], places: PlanPlaces) -> dict[str, object]:
    best = _best(group)
    place = best.place
    first = min(m.start for m in group)
    row: dict[str, object] = {
        "plan": plan.name,
        "name": best.surface,
        "canonical": "",
        "type": best.type or "",
        "banner": "",
        "league": "",
        "lon": "",
        "lat": "",
        "precision": best.precision or "",
        "source": "",
        "confidence": round(best.confidence, 2),
        "mentions": len(group),
        "first_section": _section_title(plan, first),
        "first_offset": first,
    }
    if place is None:
        row["source"] = f"unresolved: {best.reason}"
        return row
    _fill_admin(row, place, places)
    point = place.point
    row["lon"], row["lat"] = round(point.x, 5), round(point.y, 5)
    if best.level == "own":
        row["canonical"] = place.name
        row["source"] = f"{place.geometry_source} [{best.rule}]"
    else:
        row["source"] = f"{best.rule}: {best.reason}; point of {place.name} ({place.geometry_source})"
    return row


def _fill_admin(row: dict[str, object], place: Any, places: PlanPlaces) -> None:
    for key, place_id in (("banner", place.banner_id), ("league", place.league_id)):
        if place_id == place.id:
            row[key] = place.name
        elif place_id:
            parent = _get(places.gazetteer, place_id)
            row[key] = parent.name if parent is not None else ""


def _get(gazetteer: Any, place_id: str) -> Any | None:
    if gazetteer is None:
        return None
    try:
        return gazetteer.get(place_id)
    except (KeyError, LookupError, ValueError):
        return None


def _distinct_corridors(corridors: Iterable[Corridor]) -> list[Corridor]:
    seen: dict[str, Corridor] = {}
    for corridor in corridors:
        seen.setdefault(corridor.name, corridor)
    return list(seen.values())


def _corridor_row(plan: Any, corridor: Corridor, issuer: Any = None) -> dict[str, object]:
    resolved = [w for w in corridor.waypoints if w.level == "own"]
    names = " > ".join(w.surface for w in corridor.waypoints)
    row: dict[str, object] = {
        "plan": plan.name,
        "name": corridor.name,
        "canonical": corridor.route or "",
        "type": corridor.kind,
        "banner": "",
        "league": "",
        "lon": "",
        "lat": "",
        "precision": "",
        "source": "",
        "confidence": 0.0,
        "mentions": 1,
        "first_section": _section_title(plan, corridor.start),
        "first_offset": corridor.start,
    }
    if len(resolved) >= 2:
        line = corridor_line(corridor)
        middle = line.interpolate(0.5, normalized=True) if line is not None else resolved[0].place.point
        row["lon"], row["lat"] = round(middle.x, 5), round(middle.y, 5)
        row["precision"] = "schematic"
        row["confidence"] = round(min(w.confidence for w in resolved), 2)
        through = (
            f"the recorded line of {corridor.route}"
            if line is not None and line is corridor.route_line
            else "the line through them"
        )
        row["source"] = (
            f"corridor [{corridor.rule}]: {names} ({len(resolved)}/{len(corridor.waypoints)} waypoints located); "
            f"point = middle of {through}"
        )
        return row
    located = [w for w in corridor.waypoints if w.place is not None]
    if not located and issuer is None:
        row["source"] = f"unresolved: corridor {names} has no located waypoint"
        return row
    if not located:
        row["lon"], row["lat"] = round(issuer.point.x, 5), round(issuer.point.y, 5)
        row["precision"], row["confidence"] = issuer.type, 0.3
        row["banner" if issuer.type == "banner" else "league"] = issuer.name
        row["source"] = (
            f"parent:issuer: no waypoint of {names} in the gazetteer; planned in {issuer.name} "
            f"(point of {issuer.name}, {issuer.geometry_source})"
        )
        return row
    anchor = located[0]
    row["lon"], row["lat"] = round(anchor.place.point.x, 5), round(anchor.place.point.y, 5)
    row["precision"] = max((w.precision or "" for w in located), key=_precision_rank)
    row["confidence"] = round(min(w.confidence for w in located), 2)
    row["source"] = (
        f"parent: corridor {names} has {len(resolved)} waypoint(s) at their own place; "
        f"point of {anchor.place.name} ({anchor.surface})"
    )
    return row


def corridor_line(corridor: Corridor) -> Any | None:
    """The schematic line through the waypoints located at their own place, leaving out those far outside the
    region (None with fewer than two); a route named whole (rule 'named') with a recorded line is that line."""
    # imported here, not at the top: shapely loads only when a geometry is built
    from shapely.geometry import LineString

    points = [
        (w.place.point.x, w.place.point.y)
        for w in corridor.waypoints
        if w.level == "own" and not is_far(w.place)
    ]
    points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    route_line = getattr(corridor, "route_line", None)  # duck-typed corridors may lack it
    if route_line is not None and getattr(corridor, "rule", "") == "named":
        return route_line  # a route named whole ('京藏高速公路'): its recorded line in the region, not its far ends
    if len(points) < 2:
        return None
    if route_line is not None:
        section = route_section(route_line, points[0], points[-1])
        if section is not None:
            return section
    return LineString(points)


#: a section's ends must lie this close to its route's schematic line (degrees, ≈ 30 km).
SECTION_REACH_DEG = 0.3


def route_section(route: Any, first: tuple[float, float], last: tuple[float, float]) -> Any | None:
    """The part of a route's line between the points nearest a section's two ends, with the ends joined on;
    None when an end lies far from the route (then the section is drawn through its waypoints)."""
    # imported here, not at the top: shapely loads only when a geometry is built
    from shapely.geometry import LineString, Point
    from shapely.ops import substring

    ends = [Point(first), Point(last)]
    if any(route.distance(end) > SECTION_REACH_DEG for end in ends):
        return None
    a, b = (route.project(end) for end in ends)
    middle = substring(route, min(a, b), max(a, b))
    inner = list(middle.coords) if middle.geom_type == "LineString" else [middle.coords[0]]
    if a > b:
        inner.reverse()
    coords = [first, *inner, last]
    coords = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
    return LineString(coords) if len(coords) >= 2 else None


def _precision_rank(precision: str | None) -> int:
    return PRECISION_ORDER.index(precision) if precision in PRECISION_ORDER else 0


def _section_title(plan: Any, offset: int) -> str:
    outline = plan.outline_at(offset)
    for level in ("chapter", "part", "section"):
        section = outline.get(level)
        if section is not None:
            return section.title
    return ""


def _tiled_by_names(inner: list[Mention], single: bool = False) -> bool:
    """Whether gazetteer names (two or more, or one with ``single``) follow one another from the start of a
    waypoint."""
    if len(inner) < (1 if single else 2) or inner[0].start != 0:
        return False
    return all(m.place_ids for m in inner) and all(
        a.end == b.start for a, b in zip(inner, inner[1:], strict=False)
    )
