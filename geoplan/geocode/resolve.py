"""Resolve place mentions to gazetteer places: rank candidates, fall back to a known parent.

Ranking, strongest first:

1. **jurisdiction** — a candidate inside the plan's issuing banner or league beats a namesake elsewhere
   (then one inside the issuer's league, then one in Inner Mongolia, then a neighbouring county);
2. **context** — a candidate inside a banner/league named in the same sentence, then the same paragraph;
3. **type** — the candidate's type agrees with the type the suffix implies (…口岸 -> port);
4. **prior** — the gazetteer's own score, then admin level (league/banner before towns).

A name the gazetteer lacks keeps its type and is resolved to the nearest known parent — the place named
inside it ('鄂尔多斯' in '鄂尔多斯综合保税区'), else a place named before it in the same clause, else the
issuer — with precision 'banner'/'league' (or 'town') and a reason.  It never gets an invented point.
"""

from __future__ import annotations

import bisect
import functools
import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy

from geoplan.geocode.context import LISTED_STATION_RULE, OUTSIDE_HEAD_RULE, OWN_PROVINCE, UNIT_CLASS_RULES
from geoplan.geocode.gazetteer import OWN_LOCATION_PRECISIONS, unit_stem
from geoplan.geocode.mentions import (
    FACILITY_TYPES,
    INITIALS_ROAD_RULE,
    LANDSCAPE_ROUTE_SUFFIXES,
    OUTSIDE_ID_PREFIXES,
    SUFFIX_TYPES,
    Mention,
    is_generic,
)
from geoplan.geocode.segment import NAME_FLAGS, known, tag
from geoplan.geocode.sounds import same_sounds
from geoplan.geocode.stems import COMPASS_CHARS, MOUNTAIN_SIDE_RULE, PROVINCE_PART_RULE

#: weights of the ranking rules (each a separate order of magnitude so the strongest rule decides).
W_JURISDICTION = 1000.0
W_LEAGUE = 300.0
W_REGION = 50.0
W_SENTENCE = 100.0
W_PARAGRAPH = 30.0
W_TYPE = 10.0
W_PRIOR = 1.0
#: breaks a tie only: a namesake a recorded line named after the name runs through.
W_LINE = 0.01
#: admin level prior for bare names (a banner name is more often meant than a village of that name).
TYPE_PRIOR = {
    "league": 0.9,
    "banner": 0.8,
    "province": 0.7,
    "town": 0.5,
    "port": 0.5,
    "park": 0.5,
    "village": 0.1,
}
#: levels of the units a name written right after one lies in (a place of the same level or above does not).
UNIT_LEVELS = {"banner": 1, "league": 2}
#: types that can stand for 'the place a thing is in' when a name is unknown.
ADMIN_TYPES = frozenset({"province", "league", "banner"})
PARENT_TYPES = frozenset({"league", "banner", "town", "park", "port"})
#: recorded natural places and sights a longer name may open with in full ('呼伦湖金海岸景区'): the place so named
#: lies at the one the gazetteer records, in whichever league (small namesakes go unrecorded), when it lies in one
#: league (a wall or a desert across leagues says little about where a place named after it is).
_LANDMARK_TYPES = frozenset({"lake", "reserve", "wetland", "desert", "sandy_land", "scenic"})
#: what may contain a place of a given type (a town is in a banner, not in another town).
PARENT_TYPES_OF = {
    "town": frozenset({"league", "banner"}),
    "village": frozenset({"league", "banner", "town"}),
    "corridor": frozenset(),  # a belt or city cluster holds the places named beside it, never lies in one
}
#: distances (degrees) between the plan's league and places/leagues, cached across plans, per gazetteer (dropped
#: with it: a new gazetteer, such as one with a user's overlay, never reads an old one's distances).
_DISTANCES: weakref.WeakKeyDictionary[Any, dict[tuple[str | None, str], float]] = weakref.WeakKeyDictionary()
#: types whose places span leagues (or are leagues): the plan's league is no prior for them.
SPANNING_TYPES = frozenset(
    "province league mountain river desert sandy_land grassland region road railway corridor".split()
)
#: natural kinds among the spanning types whose record may lie in one league (a grassland, a hill, a desert).
NATURAL_ONE_LEAGUE_TYPES = frozenset({"grassland", "mountain", "desert", "sandy_land"})
#: class words of landforms wide enough that an unrecorded one is as likely the nation's as the plan's own (plains,
#: plateaus, basins, ranges).
_WIDE_LANDFORM_WORDS = frozenset({"平原", "高原", "盆地", "山脉"})
#: rules of roads named after the city they serve (a ring road '三环路', a bypass '南绕城公路') or by the initials of
#: their local ends (a tourist road '热阿线'): the unit's own.
CITY_ROAD_RULES = frozenset({"ring-road", INITIALS_ROAD_RULE})
#: kinds of natural places a province outside the region may name ('青海湖'): the province locates them.
_NAMED_BY_PROVINCE_KINDS = frozenset({"lake", "river", "mountain", "desert"})
#: rules of small waters named by settlers after their home province ('山西沟', '河北渠'): the text's own.
_LOCAL_WATER_RULES = frozenset({"suffix:沟", "suffix:渠", "suffix:河沟"})
#: the rule of a name resolved by its sounds to a gazetteer name written with other characters (sounds.py), before
#: the rule that chose among the places so named ('spelling:only-candidate').
SPELLING_RULE = "spelling"
#: the rule of a place the gazetteer lacks located by a place its name holds ('雅布赖湖' by 雅布赖镇, '青海湖' by
#: 青海省): an inference the text may correct (places._placed_where_said).
NAMED_INSIDE_RULE = "parent:named-inside"
#: the rule of a name located at the unit written right before it (the gazetteer lacks it, or has only namesakes
#: outside that unit).
WRITTEN_BEFORE_RULE = "parent:written-before"
#: rules of small landforms named by a class word of their own (a gully 'X沟', a volcano 'X火山'): an unrecorded one
#: lies near where the text is, unlike a river, a range or a famous mountain, which may be far away ('祁连山',
#: '阿尔卑斯山').
LOCAL_LANDFORM_RULES = frozenset({"suffix:沟", "suffix:火山"})
#: natural places a text about a banner describes: one the gazetteer lacks, named by a name the segmenter does not
#: know, lies in that banner (Resolver._local_feature).
LOCAL_NATURAL_TYPES = frozenset({"mountain", "river", "desert", "sandy_land", "grassland"})
#: official suffixes of towns: a qualifier ending in one is a town written as such, not a word that starts a name.
TOWN_SUFFIXES = ("镇", "苏木", "乡", "街道")
#: mention types of places outside the region: a name of these the gazetteer lacks gets no parent inside it
#: (a neighbouring city by its abbreviation, '京、津、唐' of geocode.abbreviated, is one).
OUTSIDE_KINDS = frozenset({"foreign", "neighbour"})
#: types of places that lie where the place named in them lies, outside the region too ('锦州港', '北京站',
#: '天津滨海机场', a dam or reservoir: '青铜峡水利枢纽'): a street, park or town named after a far city ('北京路')
#: is a namesake at home instead.
LIES_IN_ITS_NAMESAKE = frozenset({"port", "station", "airport", "dam", "reservoir", "water_project"})
#: the gazetteer records every open port of entry of the region: a port it lacks, named by no place of the region,
#: is a sea port (the region has no sea), or a port elsewhere when a text other than the region's own plan names it
#: or its phrase names places outside (a plan's own unrecorded land port may be a planned one: its issuer).
RECORDED_IN_FULL = frozenset({"port"})
#: how far (degrees, ≈ 100 km) outside the plan's league a county of a neighbouring province may lie unqualified.
NEAR_DEGREES = 1.0
#: how far (degrees, ≈ 10 km) outside the plan's league a town named by its short form may lie without evidence.
NEAR_TOWN_DEGREES = 0.1
#: how far apart (degrees) two units' simplified polygons may be and still border each other.
BORDER_DEGREES = 0.05
#: towns of the text's own banner named in one sentence that make a namesake elsewhere in it the banner's own.
OWN_TOWNS_AROUND = 2
#: types whose namesakes are many (城关镇, 新华街道): outside the plan's league they need context to be trusted.
LOCAL_TYPES = frozenset({"town", "village"})
#: types whose places are often named for their look or side (桌子山, 狼山, 东山, 月亮湖): one recorded at a single
#: point (a hill, not a range drawn as a line) whose name is a common word has namesakes in other leagues, as a town
#: has; lakes and sights too (the 月亮湖 of 阿拉善 is not the 月亮湖 of a text about 扎兰屯).
LOOK_NAMED_TYPES = frozenset({"mountain", "river", "lake", "scenic"})
#: of those, lakes and sights named by two characters are famous ones of their own ('长城', '岱海'), never namesakes.
_LOOK_NAMED_SIGHT_TYPES, _LOOK_NAMED_SIGHT_LENGTH = frozenset({"lake", "scenic"}), 3


@functools.cache
def named_for_its_look(name: str) -> bool:
    """Whether a hill's or river's ``name`` is a side or common words and its class character ('东山', '桌子山',
    '狼山', '新开河'): what stands before the last character is compass characters, one dictionary word of the
    segmenter that is no name, or single characters that are no names ('新' + '开': a new cut); 贺兰山 and 乌拉山
    are proper names, each of one range."""
    stem = name[:-1]
    if stem and COMPASS_CHARS.issuperset(stem):
        return True
    words = tag(stem)
    if len(words) > 1:
        return all(len(word) == 1 and flag not in NAME_FLAGS for word, flag in words)
    return len(words) == 1 and known(stem) and words[0][1] not in NAME_FLAGS


#: suffix types that are the same kind of thing in the gazetteer's vocabulary.
COMPATIBLE_TYPES = {
    "town": {"town"},
    "village": {"village"},
    "lake": {"lake", "wetland", "reservoir", "town"},
    "park": {"park", "subpark"},
    "reserve": {"reserve", "national_park"},
    "road": {"road", "corridor"},
    "railway": {"railway"},
    "desert": {"desert", "sandy_land"},
    "sandy_land": {"sandy_land", "desert"},
}
_SENTENCE_CODES = tuple(ord(c) for c in "。；！？!?;\n")
_CLAUSE_CODES = tuple(ord(c) for c in "，,：:")
#: what joins the two ends of a stretch ('白云矿区至百灵庙', '通辽—霍林郭勒'): a place written right before one is
#: the far end of the stretch, not a place the names after it lie in.
_RANGE_CODES = tuple(ord(c) for c in "至到—－～~")
#: a place described as a neighbour ('西接X', '东靠X', '毗邻X'; 'X接壤', '与X交界') is not where the text's
#: places lie: the end of a compass word with a verb of position before the name, a verb of bordering after it.
_NEIGHBOUR_BEFORE = re.compile(r"(?:[东南西北](?:[接邻靠临依连]|毗邻|紧邻)|毗邻|紧邻|相邻|邻近|比邻)$")
_NEIGHBOUR_AFTER = re.compile(r"接壤|交界|毗邻|相邻|为邻|相连")


@dataclass(unsafe_hash=True, slots=True)
class ResolvedMention:
    """A mention and what it resolved to.

    ``place`` is the place itself (``rule`` not starting with 'parent'), a known parent (``rule`` starting
    with 'parent:'; ``precision`` then says how coarse), or None (unresolved; ``reason`` says why).  A value like
    :class:`~geoplan.geocode.mentions.Mention` (never changed once built; not frozen, and
    with slots, for the same reasons).
    """

    surface: str
    start: int
    end: int
    type: str | None
    place: Any | None  # geoplan.geocode.gazetteer.Place
    precision: str | None
    confidence: float
    rule: str
    reason: str

    @classmethod
    def of(
        cls,
        mention: Mention,
        type: str | None,  # noqa: A002 - the field's name
        place: Any | None,
        precision: str | None,
        confidence: float,
        rule: str,
        reason: str,
    ) -> ResolvedMention:
        """What ``mention`` resolved to, at its span and surface."""
        return cls(
            mention.surface, mention.start, mention.end, type, place, precision, confidence, rule, reason
        )

    @property
    def level(self) -> str:
        """'own' (resolved to the place itself), 'parent' (to a place containing it) or 'none'."""
        if self.place is None:
            return "none"
        return "parent" if self.rule.startswith("parent") else "own"


@dataclass
class TextIndex:
    """Sentence and clause boundaries of a text, for context lookups."""

    sentence_starts: list[int]
    clause_starts: list[int]
    paragraph_starts: list[int]
    #: offsets of the characters that join a stretch's two ends (:data:`_RANGE_CODES`)
    range_marks: frozenset[int] = frozenset()
    #: the text itself, read around a name by :meth:`as_neighbour`
    text: str = ""

    @classmethod
    def of(cls, text: str, paragraph_starts: Sequence[int] = ()) -> TextIndex:
        codes = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)
        sentence_ends = numpy.zeros(codes.shape, dtype=bool)
        for code in _SENTENCE_CODES:
            sentence_ends |= codes == code
        clause_ends = sentence_ends.copy()
        for code in _CLAUSE_CODES:
            clause_ends |= codes == code
        sentences = [0, *(numpy.flatnonzero(sentence_ends) + 1).tolist()]
        clauses = [0, *(numpy.flatnonzero(clause_ends) + 1).tolist()]
        paragraphs = sorted({0, *paragraph_starts}) if paragraph_starts else sentences
        range_marks = numpy.zeros(codes.shape, dtype=bool)
        for code in _RANGE_CODES:
            range_marks |= codes == code
        return cls(
            sentences,
            clauses,
            paragraphs,
            frozenset(numpy.flatnonzero(range_marks).tolist()),
            text,
        )

    def as_neighbour(self, start: int, end: int) -> bool:
        """Whether the name at ``start:end`` is written as a neighbour of the place described ('西接X', 'X接壤')."""
        return bool(
            _NEIGHBOUR_BEFORE.search(self.text, max(0, start - 3), start)
            or _NEIGHBOUR_AFTER.match(self.text, end)
        )

    def sentence(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def clause(self, offset: int) -> int:
        return bisect.bisect_right(self.clause_starts, offset) - 1

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    def locate(self, offsets: Sequence[int]) -> tuple[list[int], list[int], list[int]]:
        """The sentence, clause and paragraph of each of ``offsets`` (what :meth:`sentence`, :meth:`clause` and
        :meth:`paragraph` say, for many offsets in one vectorised search each)."""
        points = numpy.asarray(offsets, dtype=numpy.int64)
        sentences, clauses, paragraphs = (
            (numpy.searchsorted(starts, points, side="right") - 1).tolist() for starts in self._start_arrays
        )
        return sentences, clauses, paragraphs

    @functools.cached_property
    def _start_arrays(self) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """The sentence, clause and paragraph starts as arrays, converted on the first :meth:`locate` (a plan's
        mentions and its organisation heads are located with the same index)."""
        return tuple(  # type: ignore[return-value]
            numpy.asarray(starts, dtype=numpy.int64)
            for starts in (self.sentence_starts, self.clause_starts, self.paragraph_starts)
        )


class Resolver:
    """Resolves mentions of one plan against a gazetteer (jurisdiction from the plan's metadata)."""

    def __init__(
        self, gazetteer: Any, issuer: str | None, parent: str | None = None, unit: Any | None = None
    ) -> None:
        """``issuer``/``parent``: the plan's issuer and its league, by name; ``unit``: the unit a text without an
        issuer is about (:func:`geoplan.geocode.textunit.text_unit`), taken as its jurisdiction instead."""
        self.gazetteer = gazetteer
        self._distances = _DISTANCES.setdefault(gazetteer, {})
        self.issuer = self._admin(issuer, parent)
        #: how the jurisdiction is known: the plan's 'issuing' unit or the 'text's own' unit (named in its head)
        self.issuer_role = "issuing"
        if self.issuer is None and unit is not None:
            self.issuer, self.issuer_role = unit, "text's own"
        self.issuer_id: str | None = self.issuer.id if self.issuer is not None else None
        league = self.issuer.league_id if self.issuer is not None else None
        self.league_id: str | None = league or (self.issuer_id if self._is_league(self.issuer) else None)
        self._places: dict[str, Any] = {}
        self._candidates: dict[tuple[str, tuple[str, ...]], list[tuple[Any, float]]] = {}

    # -- gazetteer access -----------------------------------------------------------------------------
    def place(self, place_id: str) -> Any | None:
        if place_id not in self._places:
            try:
                self._places[place_id] = self.gazetteer.get(place_id)
            except (KeyError, LookupError, ValueError):
                self._places[place_id] = None
        return self._places[place_id]

    def _admin(self, name: str | None, parent: str | None) -> Any | None:
        if not name:
            return None
        tries = [name]
        if parent and name.startswith(parent):
            tries.append(name[len(parent) :])
        for attempt in tries:
            found = self.gazetteer.lookup(attempt, types=["league", "banner"])
            if found:
                if parent and len(found) > 1:
                    parent_places = self.gazetteer.lookup(parent, types=["league"])
                    parent_ids = {p.place.id for p in parent_places}
                    inside = [c for c in found if parent_ids.intersection(c.place.parent_ids)]
                    if inside:
                        return inside[0].place
                return found[0].place
        return None

    def _far_namesake(
        self, place: Any, mention: Mention, parts: dict[str, float], line_end: bool = False
    ) -> bool:
        """A town/village outside the plan's league (not just across its border, nor — for a line's end, its only
        record — in a league next to it), or a hill named for its look in a league not next to it, with nothing
        around it pointing there."""
        if not self.league_id or parts["context"] > 0:
            return False
        if place.type in LOOK_NAMED_TYPES and place.geometry.geom_type == "Point":
            if not named_for_its_look(place.name) or (
                place.type in _LOOK_NAMED_SIGHT_TYPES and len(place.name) < _LOOK_NAMED_SIGHT_LENGTH
            ):
                return False  # a proper name: the one hill of the name, wherever the text is from
            # a hill named for its look known in a league not even next to the plan's: a namesake
            return self.league_id not in place.parent_ids and not self._adjacent(place)
        if place.type not in LOCAL_TYPES:
            return False
        if line_end and len(mention.place_ids) == 1 and self._adjacent(place):
            return False  # '巴彦乌拉至大板北': a line runs on into the next league
        return self.league_id not in place.parent_ids and not self._just_across(place, mention)

    def _near_before_far(
        self, mention: Mention, ranked: list[tuple[float, dict[str, float], Any]], line_end: bool
    ) -> list[tuple[float, dict[str, float], Any]]:
        """Namesakes tied on every rule: one that is no far namesake (:meth:`_far_namesake`) comes first, so a
        hill of a league next to the plan's (乌海's 桌子山 in a 鄂尔多斯 plan) is not lost to its namesake farther off
        (卓资县's) that merely sorts first."""
        tied = [item for item in ranked if item[0] == ranked[0][0]]
        if len(tied) < 2 or not self._far_namesake(ranked[0][2], mention, ranked[0][1], line_end):
            return ranked
        near = [item for item in tied if not self._far_namesake(item[2], mention, item[1], line_end)]
        return [*near, *(item for item in ranked if item not in near)] if near else ranked

    def _just_across(self, place: Any, mention: Mention) -> bool:
        """Whether ``place``, the only record of a town's name, lies just across the plan's league's border (people
        there name it by its short form); a short form several towns share ('巴音镇') is no such evidence."""
        return (
            place.type in LOCAL_TYPES
            and len(mention.place_ids) == 1
            and self._distance(place) <= NEAR_TOWN_DEGREES
        )

    def _contains(self, qualifier: Any, mention: Mention, named_around: Iterable[str] = ()) -> bool:
        """Whether the place named inside a name is where the named thing lies (not a namesake); a town of another
        league or banner is no namesake when the sentence names it in full (``named_around``: the ids the
        sentence's places give: '…以前的红格尔图镇，红格尔图火车站…')."""
        if mention.rule == PROVINCE_PART_RULE:
            return True  # a province's part ('黑龙江西部', '内蒙古东部') lies in it
        suffix = mention.rule.partition(":")[2]
        qualifier_end = mention.surface.find(mention.qualifier or "") + len(mention.qualifier or "")
        remainder = mention.surface[max(qualifier_end, 0) : len(mention.surface) - len(suffix)]
        if mention.type == "station" and remainder in COMPASS_CHARS:
            remainder = ""  # '临河西': the station on that side of the place, which lies there
        if qualifier.id.startswith(OUTSIDE_ID_PREFIXES) and qualifier.id != OWN_PROVINCE:
            # a port, station or airport named after a place outside lies there ('锦州港', '天津港')
            return mention.type in LIES_IN_ITS_NAMESAKE and (remainder == "" or is_generic(remainder))
        unit_like = qualifier.type == "banner" or (
            qualifier.type == "region" and qualifier.league_id is not None
        )
        if (
            unit_like
            and self.league_id
            and qualifier.league_id != self.league_id
            and mention.qualifier != qualifier.name
            and (not is_generic(remainder) or (qualifier.type == "banner" and self.league_id in named_around))
        ):
            # another league's banner stem starting a longer name ('赛罕' of '赛罕塔拉'), or starting a name in a
            # sentence that names the text's own league or its banners ('库伦古城位于察右后旗境内'): a namesake
            return False
        if qualifier.type in ADMIN_TYPES or unit_like:
            # '呼和浩特镇' is a town named after a city, not a town in it; a region of one league is named like a
            # unit ('乌拉盖草原' after 乌拉盖管理区, the league's county-level district)
            return not (remainder == "" and mention.type in {"town", "village"})
        if mention.rule == LISTED_STATION_RULE and len(mention.qualifier_ids) == 1:
            return remainder == ""  # a line's stop named after the one town of its name, in whichever league
        if suffix in LANDSCAPE_ROUTE_SUFFIXES and qualifier.league_id is None:
            return True  # '黄河几字弯风景大道': a landscape spanning leagues is no other league's namesake
        named_here = qualifier.id in named_around
        if (
            qualifier.type in _LANDMARK_TYPES
            and qualifier.league_id is not None
            and mention.qualifier == qualifier.name
        ):
            return True  # '呼伦湖金海岸景区': a sight named after a recorded lake or reserve, written in full, lies at it
        if self.league_id and qualifier.league_id != self.league_id and not named_here:
            return False  # a town of that name in another league: a namesake
        if (
            self.issuer is not None
            and self.issuer.type == "banner"
            and self.issuer_role == "issuing"
            and qualifier.banner_id != self.issuer_id
            and not named_here
        ):
            return False  # a banner's plan names its own places: a town of another banner is a namesake
        if (
            qualifier.type == "town"
            and (mention.qualifier or "").endswith(TOWN_SUFFIXES)
            and mention.type not in LOCAL_TYPES
        ):
            return True  # a town written with its suffix before a name ('巴音镇查干布尔嘎斯沟'): the thing lies in it
        if suffix in LANDSCAPE_ROUTE_SUFFIXES:
            return True  # '响沙湾景区旅游公路', '黄河几字弯风景大道': the route leads to or runs through the place
        return remainder == "" or is_generic(remainder)  # '巴音温都尔沙漠' is not in a town '巴音…'

    @staticmethod
    def _is_league(place: Any | None) -> bool:
        return place is not None and place.type == "league"

    def candidates(self, mention: Mention) -> list[tuple[Any, float]]:
        """Gazetteer places a mention may mean, with the gazetteer's own score."""
        key = (mention.surface, mention.place_ids)
        if key not in self._candidates:
            self._candidates[key] = self._find_candidates(mention)
        return self._candidates[key]

    def _find_candidates(self, mention: Mention) -> list[tuple[Any, float]]:
        places: dict[str, tuple[Any, float]] = {}
        for place_id in mention.place_ids:
            place = self.place(place_id)
            if place is not None:
                places[place.id] = (place, 1.0)
        return list(places.values())

    # -- ranking --------------------------------------------------------------------------------------
    def rank(
        self,
        mention: Mention,
        candidates: list[tuple[Any, float]],
        sentence_ids: set[str],
        paragraph_ids: set[str],
    ) -> list[tuple[float, dict[str, float], Any]]:
        """Candidates with their total score and the score of each rule, best first."""
        ranked = []
        for place, prior in candidates:
            ancestors = {place.id, *place.parent_ids}
            parts = {
                "jurisdiction": self._jurisdiction(place, ancestors),
                "context": W_SENTENCE * bool(sentence_ids & ancestors - {place.id})
                + W_PARAGRAPH * bool(paragraph_ids & ancestors - {place.id}),
                "type": W_TYPE * _type_agrees(mention.type, place.type),
                "prior": W_PRIOR
                * (prior + TYPE_PRIOR.get(place.type, 0.3) - _subdistrict_by_stem(mention, place)),
            }
            ranked.append((sum(parts.values()), parts, place))
        ranked.sort(key=lambda item: (-item[0], item[2].id))
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            ranked = self._lines_break_tie(mention.surface, ranked)
        return ranked

    def _lines_break_tie(
        self, surface: str, ranked: list[tuple[float, dict[str, float], Any]]
    ) -> list[tuple[float, dict[str, float], Any]]:
        """Namesakes tied on every rule: the one a recorded road or railway named after ``surface`` runs through
        ('巴彦乌拉' of 巴新铁路, 巴彦乌拉—新邱铁路) is the one texts mean; still tied, the order stands."""
        vertices = _vertices_of_lines_named(self.gazetteer, surface)
        if not vertices:
            return ranked
        rescored = []
        for score, parts, place in ranked:
            on_line = W_LINE * (tuple(place.point.coords[0]) in vertices)
            rescored.append((score + on_line, {**parts, "line": on_line}, place))
        rescored.sort(key=lambda item: (-item[0], item[2].id))
        return rescored

    def _jurisdiction(self, place: Any, ancestors: set[str]) -> float:
        if self.issuer_id and self.issuer_id in ancestors:
            return W_JURISDICTION
        if self.league_id and self.league_id in ancestors:
            return W_LEAGUE
        if place.type != "neighbour" and (place.province or "").startswith("内蒙古"):
            return W_REGION
        return 0.0

    def resolve(
        self,
        mention: Mention,
        sentence_ids: set[str] = frozenset(),  # type: ignore[assignment]
        paragraph_ids: set[str] = frozenset(),  # type: ignore[assignment]
        clause_places: Sequence[Any] = (),
        issuer_fallback: bool = True,
        written_in: Any | None = None,
    ) -> ResolvedMention:
        """Resolve one mention; ``*_ids`` are places (and their parents) named around it; ``written_in`` is the
        league or banner written right before it ('赤峰市' in '赤峰市新城区'), see :meth:`_in_unit_before`.

        ``issuer_fallback=False`` (corridor waypoints: a line's end need not lie in the issuer) leaves a name
        unresolved rather than placing it in the issuing banner/league.  A place outside the plan's league
        needs evidence (see :meth:`_outside`), else a bare name is unresolved, 'outside jurisdiction', and a
        name whose suffix says its kind ('巴音镇') is located in the plan's own area."""
        candidates = self.candidates(mention)
        # a name of other characters of the same sounds; not a gazetteer name a rule let go ('金界壕' of a wall's part)
        if (
            not candidates
            and not self.gazetteer.finder.ids(mention.surface)
            and (heard := same_sounds(self.gazetteer, mention.surface, mention.type))
        ):
            found = self.resolve(
                replace(mention, place_ids=heard),
                sentence_ids,
                paragraph_ids,
                clause_places,
                issuer_fallback,
                written_in,
            )
            if found.place is not None and not found.rule.startswith("parent"):
                # '吉兰太镇' is 吉兰泰镇 written with other characters of the same sounds
                return replace(
                    found,
                    rule=f"{SPELLING_RULE}:{found.rule}",
                    reason=f"'{mention.surface}' not in the gazetteer; {found.place.name} sounds the same; "
                    f"{found.reason}",
                )
        if written_in is not None and (found := self._in_unit_before(mention, candidates, written_in)):
            return found
        around = sentence_ids | paragraph_ids if paragraph_ids is not sentence_ids else sentence_ids
        if len(candidates) == 1 and mention.type is None:  # the common case: one bare gazetteer name
            place = candidates[0][0]
            context = not around.isdisjoint(place.parent_ids)
            if self._outside(place, mention, around, not issuer_fallback):
                if not (issuer_fallback and place.type == "town" and _says_its_kind(mention)):
                    return self._refused(mention, place)  # a bare name: nothing says what it is
                # '赛汉塔拉苏木' among the text's own sumu: a town of its kind, in the text's own area (ranked below)
            elif not self._far_namesake(place, mention, {"context": float(context)}, not issuer_fallback):
                return ResolvedMention.of(
                    mention,
                    place.type,
                    place,
                    place.precision,
                    0.9,
                    "only-candidate",
                    f"1 candidate; only-candidate chose {place.id}",
                )
        if candidates:
            ranked = self._near_before_far(
                mention, self.rank(mention, candidates, sentence_ids, paragraph_ids), not issuer_fallback
            )
            score, parts, place = ranked[0]
            outside = self._outside(place, mention, around, not issuer_fallback)
            if outside and (
                not _says_its_kind(mention) or not issuer_fallback or mention.type in LIES_IN_ITS_NAMESAKE
            ):
                return self._refused(mention, place)  # a station named after a place outside lies there
            # '巴音镇' of its kind: in the plan's own area
            if outside or self._far_namesake(place, mention, parts, not issuer_fallback):
                fallback = self._to_parent(
                    mention, sentence_ids, paragraph_ids, clause_places, issuer_fallback
                )
                outside = self.issuer.name if self.issuer else "the plan"
                return replace(
                    fallback,
                    type=fallback.type or place.type,
                    reason=f"only namesakes outside {outside} ({place.id}); {fallback.reason}",
                )
            rule, confidence = _decision(ranked)
            reason = f"{len(ranked)} candidate(s); {rule} chose {place.id}"
            return ResolvedMention.of(
                mention,
                mention.type or place.type,
                place,
                place.precision,
                confidence,
                rule,
                reason,
            )
        if written_in is not None and lies_outside(written_in):
            return ResolvedMention.of(
                mention,
                mention.type,
                written_in,
                written_in.precision,
                0.5,
                WRITTEN_BEFORE_RULE,
                f"'{mention.surface}' not in the gazetteer; written right after {written_in.name}, outside the "
                "region, so located there",
            )
        return self._to_parent(mention, sentence_ids, paragraph_ids, clause_places, issuer_fallback)

    def _in_unit_before(
        self, mention: Mention, candidates: list[tuple[Any, float]], unit: Any
    ) -> ResolvedMention | None:
        """A name written right after a league or banner lies in it ('赤峰市新城区', '某旗某镇'): the one candidate
        inside that unit is taken; when none is and none lies even in the unit's league, the candidates are
        namesakes elsewhere and the name is located in the unit written before it (one in a banner bordering it
        may have moved: the ranking decides; one in a banner further off is a namesake).  Not for names of the
        unit's own level or above
        ('呼和浩特包头' is two cities), nor for places spanning units (rivers, ranges), nor for places outside the
        region ('二连浩特蒙古国…', '额济纳旗酒泉市': a country or another province's city lies where it is)."""
        level = UNIT_LEVELS.get(unit.type)
        if level is None or not candidates or self.gazetteer.is_former_name(mention.surface):
            # '乌兰察布盟喀尔喀右翼旗': a unit by its former name belongs to the past extents of the units around
            # it, not to today's (达茂旗 lies in 包头市 now); its one record decides
            return None
        places = [place for place, _ in candidates]
        if any(
            (p.type in SPANNING_TYPES and not p.banner_id)  # one inside a banner spans no units
            or UNIT_LEVELS.get(p.type, 0) >= level
            or p.id.startswith(OUTSIDE_ID_PREFIXES)
            for p in places
        ):
            return None
        inside = [p for p in places if unit.id in p.parent_ids]
        if len(inside) == 1:
            place = inside[0]
            return ResolvedMention.of(
                mention,
                mention.type or place.type,
                place,
                place.precision,
                0.85,
                "written-in",
                f"{len(places)} candidate(s); written right after {unit.name}, the one inside it: {place.id}",
            )
        league = unit.id if unit.type == "league" else unit.league_id
        if inside or any(self._borders(unit, p.banner_id) for p in places if league in p.parent_ids):
            return None  # several inside, or one in a neighbouring banner (moved?): the ranking decides
        namesakes = ", ".join(p.id for p in places)
        return ResolvedMention.of(
            mention,
            mention.type or places[0].type,
            unit,
            unit.type,
            0.5,
            WRITTEN_BEFORE_RULE,
            f"'{mention.surface}' written right after {unit.name}, so located in it; the gazetteer's "
            f"{namesakes} lie(s) outside it",
        )

    def _named_by_outside_province(self, mention: Mention) -> Any | None:
        """The province outside the region whose name opens the name of a lake, river, mountain or desert the
        gazetteer lacks ('青海湖', '山西芦芽山'): the name itself is the evidence the outside province is meant.
        Gullies and streets named after a province ('山西沟', '山西路': settlers' and a city's names) are the text's
        own."""
        if mention.type not in _NAMED_BY_PROVINCE_KINDS or mention.rule in _LOCAL_WATER_RULES:
            return None
        for length in (3, 2):
            ids = self.gazetteer.finder.ids(mention.surface[:length])
            if (
                len(mention.surface) > length
                and ids
                and all(pid.startswith("province:") and pid != OWN_PROVINCE for pid in ids)
            ):
                return self.place(ids[0])
        return None

    def _named_by_stem(self, mention: Mention) -> tuple[Any, str] | None:
        """The town or banner of the plan's league (a banner plan's own banner) whose name or stem starts a name
        the gazetteer lacks ('乌兰木伦煤炭工业小镇' → 乌兰木伦镇), for things that lie in one place (not ranges,
        rivers, towns), or whose stem the whole name is ('百灵庙' → 百灵庙镇); the longest start that names anything
        decides."""
        spanning = mention.type in SPANNING_TYPES and mention.rule != "spur"  # a spur lies at what it serves
        if not self.league_id or spanning or mention.type in LOCAL_TYPES:
            return None
        surface, finder = mention.surface, self.gazetteer.finder
        # the whole name is the stem of a town named after it ('百灵庙' → 百灵庙镇: the temple lies in its town)
        for length in (len(surface), *range(len(surface) - 2, 1, -1)):
            ids = finder.ids_or_short(surface[:length])
            if not ids:
                continue
            places = [p for p in map(self.place, ids) if p is not None and p.type in ("town", "banner")]
            own_banner = self.issuer.type == "banner" and self.issuer_role == "issuing"  # type: ignore[union-attr]
            scope = self.issuer_id if own_banner else self.league_id  # a banner's plan names its own places
            inside = [p for p in places if scope in {p.id, *p.parent_ids}]
            return (inside[0], surface[:length]) if len(inside) == 1 == len(ids) else None
        return None

    def _finer_than_region(self, mention: Mention, region: Any, why: str) -> tuple[Any, str]:
        """A name that starts with the region's own name ('内蒙古集宁…物流园区') says little by it: a unit named
        right after it locates the name ('集宁' → 集宁区), else the plan's or text's own unit inside the region."""
        rest = mention.surface[len(mention.qualifier or "") :]
        if found := _unit_named_first(rest, self.gazetteer.finder):
            stem, unit_id = found
            unit = self.place(unit_id)
            if unit is not None:
                return (
                    unit,
                    f"'{mention.surface}' not in the gazetteer; located by '{stem}' after the region's name",
                )
        if self.issuer is not None and region.id in self.issuer.parent_ids:
            return self.issuer, (
                f"'{mention.surface}' not in the gazetteer; the region's name in it says no more than the "
                f"{self.issuer_role} {self.issuer.type} {self.issuer.name}, where it is located"
            )
        return region, why

    # -- jurisdiction -----------------------------------------------------------------------------------
    def _outside(self, place: Any, mention: Mention, around: set[str], line_end: bool) -> bool:
        """Whether ``place`` lies outside the plan's jurisdiction with no evidence for it.

        The plan's league is the prior.  Outside it a match needs evidence: the place's full official name
        (an alias or short form is not enough), a place containing it named in the name or around it, or — for the short name of
        a banner, a league or a line's end — a league next to the plan's.  Outside the region only a province, a prefecture
        city, a line's end or a county near the plan's league is taken without a qualifier."""
        if self.league_id is None or (
            place.type in SPANNING_TYPES and not self._other_name_of_one_league(place, mention)
        ):
            return False
        if place.league_id is None and place.province.startswith("内蒙古") and place.type != "province":
            return False  # a place of the region drawn across leagues ('阿尔山·柴河旅游景区'): the plan's league is in it
        ancestors = {place.id, *place.parent_ids}
        if self.league_id in ancestors or mention.qualifier_ids:
            return False
        if place.type == "town" and self._among_own_towns(around):
            return True  # '辖…A苏木、B苏木、C苏木': named with the towns of the text's own banner, it is one of them
        if (around & ancestors) - {place.id}:
            return False
        if place.type == "neighbour" or not (place.province or "").startswith("内蒙古"):
            if (
                line_end
                or place.adcode.endswith("00")
                or len(mention.surface) > 2
                or mention.rule == OUTSIDE_HEAD_RULE
            ):
                # a place of its own written right after a short name ('杭州西湖') says the outside city is meant
                return False
            if place.type == "foreign" and (mention.surface == place.name or place.precision == "country"):
                return False  # a country or world region named in full ('日本', '中亚'), or a country by its
                # common short name ('蒙古' for 蒙古国): it is where it is, and no place of the region shares it
            return self._distance(place) > NEAR_DEGREES
        if (mention.surface == place.name and not _common_town_name(place)) or (
            place.type == "banner" and place.name.startswith(mention.surface)
        ):
            return False  # the full name, or a banner's name without its suffix (二连浩特)
        if place.type in FACILITY_TYPES and self._named_with_its_unit(place, mention):
            return False  # '乌兰浩特机场': a facility named with the unit it serves, written in the name
        if self._just_across(place, mention):
            return False
        return not ((line_end or place.type in ADMIN_TYPES) and self._adjacent(place))

    def _among_own_towns(self, around: set[str]) -> bool:
        """Whether the sentence names :data:`OWN_TOWNS_AROUND` or more towns of the banner the text is about: a town
        named there by a name a town elsewhere holds (a former sumu merged away, a common Mongolian name) is the
        banner's own, not the namesake leagues away."""
        if self.issuer is None or self.issuer.type != "banner":
            return False
        prefix = f"town:{self.issuer.id.removeprefix('banner:')}:"
        return sum(pid.startswith(prefix) for pid in around) >= OWN_TOWNS_AROUND

    def _named_with_its_unit(self, place: Any, mention: Mention) -> bool:
        """Whether ``mention`` opens with the name (or its stem) of the banner or league ``place`` lies in, three
        characters or more ('乌兰浩特机场' of 乌兰浩特市's airport): the name says where the facility is."""
        for unit_id in (place.banner_id, place.league_id):
            unit = self.place(unit_id) if unit_id else None
            if unit is None:
                continue
            stem = unit_stem(unit.name)
            if len(stem) >= 3 and mention.surface.startswith(stem):
                return True
        return False

    @staticmethod
    def _other_name_of_one_league(place: Any, mention: Mention) -> bool:
        """Whether ``mention`` names a natural place of one league by another name than its own ('灰腾梁' of
        辉腾锡勒草原, not opening as it does): such a name is often a local place's elsewhere, so outside the
        league it needs evidence as a town's does."""
        return (
            place.type in NATURAL_ONE_LEAGUE_TYPES
            and place.league_id is not None
            and mention.surface[:2] != place.name[:2]  # '库布齐', '呼伦贝尔大草原': forms of the name
        )

    def gives_context(self, mention: Mention, place: Any) -> bool:
        """Whether an unambiguous mention may stand as context for its neighbours: inside the plan's league, or
        named in full (a short form outside would otherwise vouch for itself)."""
        if self.league_id is None or self.league_id in {place.id, *place.parent_ids}:
            return True
        return mention.surface == place.name and not _common_town_name(place)

    def _distance(self, place: Any) -> float:
        """Degrees from ``place``'s point to the plan's league (cached per place)."""
        key = (self.league_id, place.id)
        if key not in self._distances:
            self._distances[key] = place.point.distance(self.place(self.league_id).geometry)  # type: ignore[arg-type, union-attr]
        return self._distances[key]

    def _adjacent(self, place: Any) -> bool:
        """Whether ``place`` lies in a league that borders the plan's league (cached per pair of leagues)."""
        if not place.league_id:
            return False
        key = (self.league_id, place.league_id)
        if key not in self._distances:
            league = self.place(place.league_id)
            own = self.place(self.league_id)  # type: ignore[arg-type]
            self._distances[key] = league.geometry.distance(own.geometry) if league and own else float("inf")
        return self._distances[key] < BORDER_DEGREES

    def _borders(self, unit: Any, banner_id: str | None) -> bool:
        """Whether the banner ``banner_id`` borders (or is) the banner ``unit`` (cached per pair)."""
        if banner_id is None or unit.type != "banner":
            return False
        key = (unit.id, banner_id)
        if key not in self._distances:
            banner = self.place(banner_id)
            self._distances[key] = (
                banner.geometry.distance(unit.geometry) if banner is not None else float("inf")
            )
        return self._distances[key] < BORDER_DEGREES

    def _refused(self, mention: Mention, place: Any) -> ResolvedMention:
        where = self.place(self.league_id).name if self.league_id else "the plan's league"  # type: ignore[union-attr]
        return ResolvedMention.of(
            mention,
            mention.type or place.type,
            None,
            None,
            0.0,
            "unresolved",
            f"outside jurisdiction: '{mention.surface}' matches only {place.name} ({place.id}), outside {where} "
            "with no qualifier, full name or context pointing there",
        )

    def _own_province_part(self) -> Any | None:
        """The league the text is about (itself, or the league of its banner or town); the region when the text
        is about the region; None when it is about a place outside it (a provincial road is the region's only
        then)."""
        if self.issuer is None:
            return None
        if self.league_id is not None:
            return self.place(self.league_id)
        return self.issuer if self.issuer.id == OWN_PROVINCE else None

    def _may_lie_anywhere(self, mention: Mention) -> bool:
        """Whether an unrecorded name may lie far from the unit a plain text is about: a text about a banner
        names rivers, mountains and regions of elsewhere ('伏尔加河', '辽西山地'); a plan names its own (a city's
        ring road or bypass lies in the text's unit; a spur railway lies at the mine or plant it serves, the text's).
        A stop of a listed line is named after the place it serves, which its name does not say here: it may lie
        anywhere along the line."""
        if mention.rule.removeprefix("suffix:") in _WIDE_LANDFORM_WORDS:
            # '汾渭平原' in a plan's air-quality chapter, '巴颜喀拉山脉' where the 黄河 rises: one of the nation's
            # landforms, not the issuer's
            return True
        return mention.rule == LISTED_STATION_RULE or (
            self.issuer_role != "issuing"
            and mention.type in SPANNING_TYPES
            and mention.rule != "spur"
            and mention.rule not in CITY_ROAD_RULES
            and mention.rule not in LOCAL_LANDFORM_RULES
            and not self._local_feature(mention)
        )

    def _local_feature(self, mention: Mention) -> bool:
        """Whether an unrecorded natural place named in a text about one banner lies in it: a mountain, river,
        desert or grassland whose name the segmenter's dictionary does not know ('达克图山', '那仁河': the hills and
        streams a banner's text describes), unlike a famous one elsewhere ('阿尔卑斯山', '伏尔加河', '祁连山' are
        words of the dictionary) or one named after a place word ('辽西山地', '天池山')."""
        if self.issuer is None or self.issuer.type != "banner" or mention.type not in LOCAL_NATURAL_TYPES:
            return False
        suffix = mention.rule.partition(":")[2] if mention.rule.startswith("suffix:") else ""
        stem = mention.surface[: len(mention.surface) - len(suffix)] if suffix else mention.surface
        return not known(mention.surface) and not any(flag == "ns" for word, flag in tag(stem) if known(word))

    def _to_parent(
        self,
        mention: Mention,
        sentence_ids: set[str],
        paragraph_ids: set[str],
        clause_places: Sequence[Any],
        issuer_fallback: bool = True,
    ) -> ResolvedMention:
        parent, rule, why = None, "", ""
        if mention.rule in UNIT_CLASS_RULES:
            return unresolved(
                mention,
                f"unit not recorded: '{mention.surface}' names a county-level unit the gazetteer lacks (a former "
                "unit, or one outside the region); where it lies is not known",
            )
        if mention.type in OUTSIDE_KINDS:  # '俄蒙欧': places outside the region have no parent inside it
            return unresolved(
                mention,
                f"outside place not recorded: '{mention.surface}' names {mention.type} places outside the region "
                "that the gazetteer lacks; no parent inside the region",
            )
        if mention.qualifier_ids:
            qualifier = Mention(
                mention.qualifier or "", mention.start, mention.start, None, "q", mention.qualifier_ids
            )
            ranked = self.rank(qualifier, self.candidates(qualifier), sentence_ids, paragraph_ids)
            if (
                ranked
                and self._contains(ranked[0][2], mention, sentence_ids)
                # '纺织产业园' in a text of 赤峰: the stem of a town of another league, no evidence it is meant
                and not self._outside(ranked[0][2], qualifier, sentence_ids | paragraph_ids, False)
                and not _common_word_stem(qualifier.surface, ranked[0][2])
            ):
                parent, rule = ranked[0][2], NAMED_INSIDE_RULE
                where = (
                    "in its name" if (mention.qualifier or "") in mention.surface else "written with its name"
                )
                why = f"'{mention.surface}' not in the gazetteer; located by '{mention.qualifier}' {where}"
        if parent is None and (province := self._named_by_outside_province(mention)) is not None:
            parent, rule = province, NAMED_INSIDE_RULE
            why = f"'{mention.surface}' not in the gazetteer; located by the province '{province.name}' its name opens with"
        if (
            parent is not None
            and parent.type == "province"
            and parent.id == OWN_PROVINCE
            and mention.rule != PROVINCE_PART_RULE  # '内蒙古西部': the province's west, no finer unit
        ):
            parent, why = self._finer_than_region(mention, parent, why)
        if (
            parent is None
            and mention.type in RECORDED_IN_FULL
            and not mention.qualifier_ids
            and (
                mention.rule == "suffix:港"
                or self.issuer_role != "issuing"
                or any(p.id.startswith(OUTSIDE_ID_PREFIXES) and p.id != OWN_PROVINCE for p in clause_places)
            )
        ):
            return unresolved(
                mention,
                f"outside the region: '{mention.surface}' is none of the region's {mention.type}s (all are "
                "recorded) and names no place of the region; where outside is not known",
            )
        if parent is None and mention.rule != LISTED_STATION_RULE:
            # a listed station's phrase names the line's other stops, not where it lies
            allowed = PARENT_TYPES_OF.get(mention.type or "", PARENT_TYPES)
            for place in reversed(clause_places):
                if place.type in allowed:
                    parent, rule = place, "parent:same-phrase"
                    why = (
                        f"'{mention.surface}' not in the gazetteer; located by '{place.name}' named before it"
                    )
                    break
        if parent is None and issuer_fallback and (found := self._named_by_stem(mention)):
            parent, stem = found
            rule = NAMED_INSIDE_RULE
            why = f"'{mention.surface}' not in the gazetteer; located by '{stem}' ({parent.name}) its name starts with"
        if parent is None and issuer_fallback and self._may_lie_anywhere(mention) and _local_road(mention):
            banners = {pid for pid in sentence_ids if pid.startswith("banner:")}
            named = self.place(banners.pop()) if len(banners) == 1 else None
            parent, rule = named or self.issuer, "parent:local-road"
            where = (
                f"the banner {named.name} its sentence names"
                if named is not None
                else f"the {self.issuer_role} {self.issuer.type} {self.issuer.name}"  # type: ignore[union-attr]
            )
            why = (
                f"'{mention.surface}' is a county or township road the gazetteer has no path for; located in "
                f"{where}"
            )
        if (
            parent is None
            and issuer_fallback
            and self._may_lie_anywhere(mention)
            and _provincial_road(mention)
        ):
            parent = self._own_province_part()
            if parent is not None:
                unit = self.issuer
                where = f"the {self.issuer_role} {unit.type} {unit.name}"  # type: ignore[union-attr]
                if unit is not parent:
                    where = f"the {parent.type} {parent.name} of {where}"
                rule = "parent:provincial-road"
                why = (
                    f"'{mention.surface}' is a provincial road the gazetteer has no path for; located no finer than "
                    f"{where}"
                )
        if (
            parent is None
            and self.issuer is not None
            and issuer_fallback
            and not self._may_lie_anywhere(mention)
        ):
            parent, rule = self.issuer, "parent:issuer"
            why = (
                f"'{mention.surface}' not in the gazetteer; located in the {self.issuer_role} "
                f"{self.issuer.type} {self.issuer.name}"
            )
        if parent is None and mention.rule == MOUNTAIN_SIDE_RULE and mention.qualifier_ids:
            # '大兴安岭东麓' with no unit named before it nor a unit the text is about: the side lies on the range, drawn as the range is
            parent, rule = self.place(mention.qualifier_ids[0]), "parent:range"
            why = f"'{mention.surface}' is a side of {mention.qualifier}; located at the range"
        if parent is None:
            return unresolved(mention, f"'{mention.surface}' not in the gazetteer and no known parent")
        precision = parent_precision(parent)
        confidence = 0.5 if rule != "parent:issuer" else 0.3
        return ResolvedMention.of(
            mention,
            mention.type,
            parent,
            precision,
            confidence,
            rule,
            why,
        )


def parent_precision(parent: Any) -> str:
    """The precision of a place located by ``parent``: its unit's level for a league or banner, 'town' for a town
    located by its own point or extent; a town located no finer than its banner gives that banner's precision (it
    stands at the banner's point), any other parent its own precision."""
    if parent.type in {"banner", "league"}:
        return parent.type
    if parent.type == "town" and parent.precision in OWN_LOCATION_PRECISIONS:
        return "town"
    return parent.precision


#: a provincial road by its number: '省道 217 线', '省道S311', 'S215', '101省道' (a road of the region's own network).
_PROVINCIAL_ROAD = re.compile(r"(?:省道\s*S?\s*“?\d{1,4}”?\s*线?|S\s*\d{1,4}|\d{1,4}\s*省道)")


#: a county or township road by its code, or a county road by its number: 'X503', 'Y001', '县道 718 线' (the route
#: rules write township roads by their Y code only).
_LOCAL_ROAD = re.compile(r"(?:[XY]\d{3}|县道\s*\d{1,4})\s*线?")


def _local_road(mention: Mention) -> bool:
    """Whether ``mention`` is a county or township road written by its code (it lies in the county that builds it)."""
    return (
        mention.type == "road"
        and (mention.rule or "").startswith("route")
        and _LOCAL_ROAD.fullmatch(mention.surface) is not None
    )


def _provincial_road(mention: Mention) -> bool:
    """Whether ``mention`` is a provincial road written by its number (a route the route rules found)."""
    return (
        mention.type == "road"
        and (mention.rule or "").startswith("route")
        and _PROVINCIAL_ROAD.fullmatch(mention.surface) is not None
    )


def _unit_named_first(surface: str, finder: Any) -> tuple[str, str] | None:
    """The league or banner (its name or stem, e.g. '集宁') that starts ``surface``, with its id; None unless one."""
    for length in range(min(len(surface) - 1, MAX_UNIT_NAME), 1, -1):
        units = [
            pid for pid in finder.ids_or_short(surface[:length]) if pid.startswith(("league:", "banner:"))
        ]
        if len(units) == 1:
            return surface[:length], units[0]
    return None


#: longest league or banner name looked for after the region's name.
MAX_UNIT_NAME = 9


#: the longest full name of a town that many towns share or a text may mean as words ('新镇', '城关镇'): outside
#: the plan's league it is no evidence by itself.
COMMON_TOWN_NAME_MAX = 3


def _common_town_name(place: Any) -> bool:
    """Whether ``place`` is a town whose full name is too short to point outside the plan's league by itself."""
    return place.type == "town" and len(place.name) <= COMMON_TOWN_NAME_MAX


def _says_its_kind(mention: Mention) -> bool:
    """Whether the name itself says what kind of place it is (a suffix: '巴音镇', '某某口岸')."""
    return mention.type is not None or mention.surface.endswith(_KIND_SUFFIXES)


_KIND_SUFFIXES = tuple(SUFFIX_TYPES)


#: how much less likely a town's stem alone means its urban subdistrict (…街道) than its town (…镇, …苏木).
SUBDISTRICT_STEM_PENALTY = 0.1


def _subdistrict_by_stem(mention: Mention, place: Any) -> float:
    """A subdistrict is named in full ('锡尼街道'); its stem alone ('锡尼') more likely means a town of that stem."""
    by_stem = place.name.endswith("街道") and not mention.surface.endswith("街道")
    return SUBDISTRICT_STEM_PENALTY if by_stem else 0.0


def _type_agrees(implied: str | None, actual: str) -> float:
    if implied is None:
        return 0.0
    if actual == implied or actual in COMPATIBLE_TYPES.get(implied, ()):
        return 1.0
    return -1.0


def _decision(ranked: list[tuple[float, dict[str, float], Any]]) -> tuple[str, float]:
    """Which rule separated the winner from the runner-up, and how confident that makes us."""
    if len(ranked) == 1:
        return "only-candidate", 0.9
    (_, best, _), (_, second, _) = ranked[0], ranked[1]
    for rule in ("jurisdiction", "context", "type", "prior", "line"):
        if best.get(rule, 0.0) > second.get(rule, 0.0) + 1e-9:
            confidence = {"jurisdiction": 0.85, "context": 0.75, "type": 0.7, "prior": 0.5, "line": 0.45}[
                rule
            ]
            return rule, confidence
    return "tie", 0.4


#: per gazetteer (dropped with it): each road and railway record's names and the vertices of its line, and the
#: vertices found per surface.
_LINES: weakref.WeakKeyDictionary[
    Any,
    tuple[
        list[tuple[tuple[str, ...], frozenset[tuple[float, float]]]],
        dict[str, frozenset[tuple[float, float]]],
    ],
] = weakref.WeakKeyDictionary()


def _vertices_of_lines_named(gazetteer: Any, surface: str) -> frozenset[tuple[float, float]]:
    """The vertices of the recorded lines (roads, railways) whose name or an alias holds ``surface``."""
    cached = _LINES.get(gazetteer)
    if cached is None:
        lines = [
            ((place.name, *place.aliases), frozenset(place.geometry.coords))
            for place in gazetteer.records(["road", "railway"])
            if getattr(place.geometry, "geom_type", "") == "LineString"
        ]
        cached = _LINES[gazetteer] = (lines, {})
    memo = cached[1]
    if surface not in memo:
        found: set[tuple[float, float]] = set()
        for names, vertices in cached[0]:
            if any(surface in name for name in names):
                found |= vertices
        memo[surface] = frozenset(found)
    return memo[surface]


def context_ids(places: Iterable[Any]) -> set[str]:
    """Ids of places and all their parents."""
    if places == ():
        return set()  # the common case: a sentence that names no context place
    ids: set[str] = set()
    for place in places:
        if place is not None:
            ids.add(place.id)
            ids.update(place.parent_ids)
    return {i for i in ids if not i.startswith("province:")}  # the region is everyone's parent


def lies_outside(place: Any) -> bool:
    """Whether ``place`` is a province, county, city or country outside the region."""
    return place.id.startswith(OUTSIDE_ID_PREFIXES) and place.id != OWN_PROVINCE


def _common_word_stem(surface: str, place: Any) -> bool:
    """Whether ``surface``, found inside a longer name, is a township's stem that is a common word ('纺织' of
    纺织街道 in '纺织产业园': the industry, not the subdistrict named after a mill), not its name or a proper noun."""
    if place.type != "town" or surface == place.name:
        return False
    words = tag(surface)
    return len(words) == 1 and known(surface) and words[0][1] not in NAME_FLAGS


def unresolved(mention: Mention, why: str) -> ResolvedMention:
    """A mention left unresolved, with the reason in words."""
    return ResolvedMention.of(mention, mention.type, None, None, 0.0, "unresolved", why)
