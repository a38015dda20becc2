"""The unit a plain text is about: the league or banner its title or first lines name.

A plan names its issuer in its title (``geoplan.read.meta``); a web page, a news item or an encyclopedia entry
does not, yet it is as much about one unit (``赤峰：草原上的高铁新地标``, ``阿拉善右旗地广人稀…``).  That unit is
the text's jurisdiction: namesakes elsewhere need evidence, and a name the gazetteer lacks is located in it when
nothing nearer places it.  It is the first league or banner named unambiguously in the text's head — its first
:data:`HEAD_LINES` non-blank lines, at most :data:`HEAD_CHARS` characters — unless most of its names lie
elsewhere; a text whose head names no such unit is about the league holding two thirds of its names, else it has
none.  A league so found narrows to one of its banners when two thirds of the names that lie in one of its
banners lie in that one (``扎旗位于通辽市西北部…``: the text is about 扎鲁特旗).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from geoplan.geocode.mentions import LANDSCAPE_ROUTE_SUFFIXES, Mention

#: how much of a text is its head (title and first lines).
HEAD_LINES = 5
HEAD_CHARS = 300
#: the kinds of unit a text can be about.
UNIT_TYPES = frozenset({"league", "banner"})
#: share of a text's single-league names its head unit's league must hold.
MIN_SHARE = 0.5
#: a text without a unit in its head is about a league holding this share of its names, and this many.
DOMINANT_SHARE = 2 / 3
DOMINANT_MIN = 5


#: what stands right before a place the text's unit reaches or borders, not the unit itself: a preposition of
#: destination or distance ('西至X', '距X'), a word of bordering ('北接X', '南邻X'), a direction and 与 ('东与X接壤').
_DESTINATION_BEFORE = re.compile(r"(?:[至到距往邻接临靠]|[东西南北]与)$")


def head_end(text: str) -> int:
    """The offset where the head of ``text`` (its first :data:`HEAD_LINES` non-blank lines) ends."""
    seen, position = 0, 0
    while position < len(text) and seen < HEAD_LINES:
        newline = text.find("\n", position)
        end = len(text) if newline < 0 else newline
        seen += bool(text[position:end].strip())
        position = end + 1
    return min(position, len(text), HEAD_CHARS)


def text_unit(text: str, mentions: Sequence[Mention], gazetteer: Any) -> Any | None:
    """The unit ``text`` is about (see the module docstring), or None.

    ``mentions`` are the text's mentions, left to right; a name inside a longer one counts by its qualifier
    ('赤峰市' in '赤峰市某某开发区')."""
    leagues = _leagues_named(mentions, gazetteer)
    total = sum(leagues.values())
    unit = _head_unit(text, mentions, gazetteer)
    if unit is not None and leagues[unit.league_id or unit.id] < MIN_SHARE * total:
        unit = None  # '鄂尔多斯市对口帮扶兴安盟…': the head's first unit is not what the names are about
    if unit is None and leagues:
        league_id, count = leagues.most_common(1)[0]
        if count < max(DOMINANT_MIN, DOMINANT_SHARE * total):
            return None
        unit = gazetteer.get(league_id)
    if unit is None:
        return None
    return _dominant_banner(mentions, gazetteer, unit) if unit.type == "league" else unit


def _dominant_banner(mentions: Iterable[Mention], gazetteer: Any, league: Any) -> Any:
    """The banner of ``league`` holding two thirds of the text's names that lie in one of its banners (at least
    :data:`DOMINANT_MIN`), else ``league``: a text whose head gives the league as an address ('扎旗位于通辽市
    西北部') but whose names lie in one banner is about that banner."""
    counts: Counter[str] = Counter()
    for mention in mentions:
        banners = {place.banner_id for place in _places(gazetteer, _named_ids(mention))}
        if len(banners) == 1 and None not in banners:
            counts[banners.pop()] += 1  # type: ignore[index]
    if not counts:
        return league
    banner_id, count = counts.most_common(1)[0]
    banner = gazetteer.get(banner_id)
    if banner.league_id == league.id and count >= max(DOMINANT_MIN, DOMINANT_SHARE * sum(counts.values())):
        return banner
    return league


def _head_unit(text: str, mentions: Iterable[Mention], gazetteer: Any) -> Any | None:
    """The first league or banner the head of ``text`` names unambiguously; when it is an address written
    down to a banner ('呼伦贝尔市阿荣旗'), the innermost unit of it."""
    end = head_end(text)
    unit, unit_end = None, -1
    for mention in mentions:
        if mention.start >= end:
            break
        if unit is None and _DESTINATION_BEFORE.search(text, max(0, mention.start - 2), mention.start):
            continue  # '西至乌兰浩特108公里', '东与泰来县接壤': a place the text's unit reaches or borders
        if unit is not None:
            inner = _unit_of(mention, gazetteer) if mention.start == unit_end else None
            if inner is None or unit.id not in inner.parent_ids:
                return unit
            unit, unit_end = inner, mention.end
            continue
        unit = _unit_of(mention, gazetteer)
        unit_end = mention.end
    return unit


def _unit_of(mention: Mention, gazetteer: Any) -> Any | None:
    """The one league or banner ``mention`` (or the qualifier inside it) names, else None."""
    for ids in (mention.place_ids, mention.qualifier_ids):
        units = [place for place in _places(gazetteer, ids) if place.type in UNIT_TYPES]
        if len(units) == 1:
            return units[0]
    return None


def _leagues_named(mentions: Iterable[Mention], gazetteer: Any) -> Counter[str]:
    """How many of the mentions name places of one league only, per league id."""
    counts: Counter[str] = Counter()
    for mention in mentions:
        leagues = {_league_id(place) for place in _places(gazetteer, _named_ids(mention))}
        if len(leagues) == 1 and None not in leagues:
            counts[leagues.pop()] += 1  # type: ignore[index]
    return counts


def _named_ids(mention: Mention) -> tuple[str, ...]:
    """The places ``mention`` names: its own; a route named after the landscape or the place it leads to
    ('X森林公园旅游公路', 'X盟千里草原风景大道') names that place too."""
    if mention.place_ids or mention.rule.removeprefix("suffix:") not in LANDSCAPE_ROUTE_SUFFIXES:
        return mention.place_ids
    return mention.qualifier_ids


def _league_id(place: Any) -> str | None:
    return place.id if place.type == "league" else place.league_id


def _places(gazetteer: Any, ids: Iterable[str]) -> list[Any]:
    found = []
    for place_id in ids:
        try:
            found.append(gazetteer.get(place_id))
        except (KeyError, LookupError, ValueError):
            continue
    return found
