"""The stem primitives both mention rules share: the :class:`Mention` value, stem breaks and class words, and the
tests that tell a name's stem from prose ('推进', '工业', '个乡镇').

:mod:`geoplan.geocode.mentions` (the gazetteer scan and the suffix rules) and :mod:`geoplan.geocode.features`
(names a class word after them cannot find) both build on these; neither imports the other's internals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol, TypeVar

from geoplan.errors import GeoplanError
from geoplan.geocode.lexicon import era_pattern, organisation_words, words


def word_alternation(words: Iterable[str]) -> str:
    """A regex (source) matching any of ``words`` exactly as their alternation longest first does
    (``'|'.join(sorted(words, key=len, reverse=True))``: at each position the longest word first, then the shorter
    ones on backtracking), written as a trie — '(?:加(?:快(?:推进)?|强)|推进)' — so that the engine reads one character
    per level instead of trying hundreds of words in turn."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def source(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + source(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body  # the longer words first, then the one ending here

    return f"(?:{source(trie)})"


def is_han(char: str) -> bool:
    """Whether the one character ``char`` is a CJK ideograph of the ranges the rules read (U+3400–U+9FFF; a
    comparison, not a regex call: the rules ask it of thousands of single characters)."""
    return "\u3400" <= char <= "\u9fff"


#: characters that end a stem when walking back from a suffix (function words, list markers).
STEM_BREAKS = frozenset("的、与及或了着等于对将把被从向为是以")
#: corridor connectors: a road/railway stem behind one of these belongs to a corridor (see corridors.py).
CORRIDOR_BREAKS = frozenset("至到—－-~～")

#: verbs and modifiers trimmed from the front of a stem (longest first when applied).
LEADING_WORDS: tuple[str, ...] = tuple(sorted(words("leading_words"), key=len, reverse=True))

#: words that say what kind of place something is, not which one; a stem made only of these is generic.
GENERIC_WORDS: tuple[str, ...] = tuple(sorted(words("kind_words"), key=len, reverse=True))
#: verbs that end a stem when they occur inside it (the name starts after the last one).
INNER_VERBS: tuple[str, ...] = tuple(word for word in LEADING_WORDS if len(word) >= 2)
#: characters rare in proper names but common in the prose around them (counters, function words).
#: counters and amounts: never the first or last character of a name ('个乡镇', '亿元园区').
COUNTER_CHARS = frozenset("个亿元万年条座家处项")
#: a count ends no name either ('汉古尔河两镇': two towns)
_COUNTER_LAST_CHARS = COUNTER_CHARS - {"年"} | {"两"}
#: a count of great ones ends no name ('科尔沁和浑善达克两大沙地': two great sandy lands, each named before it)
_GREAT_COUNT_END = re.compile("[两二三四五六七八九十几数多]大$")
#: 之 writes an honorific ('葡萄之乡', '书法之城'), as 的 writes a description
IMPROPER_CHARS = frozenset("的之批强化性点级类型各每些所有不没立进出事聚带等符合以上下我此该这那病险时最")
_LEADING_RE = re.compile(f"{word_alternation(LEADING_WORDS)}*")
_INNER_VERB_RE = re.compile(word_alternation(INNER_VERBS))
_GENERIC_ALT = word_alternation(GENERIC_WORDS)
_GENERIC_LONG_ALT = word_alternation(w for w in GENERIC_WORDS if len(w) > 1)
_GENERIC_HEAD = re.compile(_GENERIC_ALT)
_GENERIC_TAIL = re.compile(f"{_GENERIC_ALT}$")
_GENERIC_HEAD_LONG = re.compile(_GENERIC_LONG_ALT)
_GENERIC_TAIL_LONG = re.compile(f"{_GENERIC_LONG_ALT}$")

#: Mongolian first words after which a town's name is commonly shortened ('巴音宝力格镇' -> '巴音镇').
MONGOLIAN_HEADS = frozenset(
    "巴音 巴彦 呼和 潮格 乌兰 查干 额尔 哈拉 乌力 白音 宝日 阿日 锡林 赛罕 图克 乌日 宝力 阿拉 乌审 "
    "苏尼 那仁 额很 新呼 满都 达来 巴润 准格 伊和 格日 吉日 温都".split()
)

#: id prefixes of places whose official names hold their unit ('X旗工业园区', 'X旗通用机场'): a banner or town
#: written right before one is part of its one mention.  Before a lake, a reservoir or a reserve the unit only
#: says where it is ('X旗Y水库' is two mentions), and so it does before a place with a name of its own
#: ('阿尔山市阿尔山机场'); a banner's or league's name is never part of a town's ('宁城县山头乡' is two mentions).
UNIT_NAMED_IDS = ("park:", "subpark:", "airport:", "port:", "station:")


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


SpanT = TypeVar("SpanT", bound=_Span)


@dataclass(unsafe_hash=True, slots=True)
class Mention:
    """A place name found in text (offsets are half-open ``[start, end)`` into the text searched).

    A value, never changed once built (use :func:`dataclasses.replace`); hashed by its fields.  Not declared
    frozen only because a frozen dataclass takes several times longer to build, and a plan builds thousands; its
    fields are slots (no dict per object: built and read faster, and the rules read them again and again)."""

    surface: str
    start: int
    end: int
    type: str | None  # the type the suffix implies (None for a bare gazetteer name)
    rule: str  # 'gazetteer' | 'suffix:<suffix>' | 'enumeration:<suffix>'
    place_ids: tuple[str, ...] = ()  # gazetteer ids whose name or alias is exactly ``surface``
    qualifier: str | None = (
        None  # leading gazetteer name inside a suffix name ('鄂尔多斯' in '鄂尔多斯综合保税区')
    )
    qualifier_ids: tuple[str, ...] = ()


#: connectors between a line's waypoints ('A至B', 'A—B'), read by the corridor rules.
SEPARATORS = "至—－–-~～"
#: the four compass directions, written before a name or a verb of position ('东至', '北接').
COMPASS_CHARS = frozenset("东西南北")
#: verbs of position written after a compass word ('东临', '西接', '北靠'): what lies beyond, no part of a name
#: (a name opening with one there may be the verb and the start of the next name: '东临河北' is not 临河).
POSITION_VERBS = frozenset("临邻接靠连濒")
#: the list mark and the conjunctions that join the items of a list of places, lines or numbers ('长春、沈阳',
#: '包头与银川', '集二、集通铁路').
ITEM_JOINERS = frozenset("、和与及")
#: words saying the countries of a region of the world, written right after its name ('东欧国家', '西欧各国').
COUNTRIES_OF = ("国家", "各国")
#: an era or dynasty (its pattern) and one ending where a search stops ('清代王爷府', '西汉至'), and how far back
#: such an era can start.
ERA = era_pattern()
ERA_BEFORE = re.compile(f"{ERA}$")
ERA_REACH = 6
#: a part of a place by its compass side, right after the place's name ('北部', '西南部').
COMPASS_PART = re.compile("[东西南北中]{1,2}部")
#: the rule of a province named with its relative part ('内蒙古西部'): a region located at the province itself.
PROVINCE_PART_RULE = "province_part"
#: the rule of a mountain range named with its side ('大兴安岭东麓'): a mountain, located as a name the gazetteer
#: lacks (at the unit written before it, else at the range).
MOUNTAIN_SIDE_RULE = "mountain_side"
#: the marks opening a quoted text.
QUOTE_OPENERS = ("“", "「")
#: the words every closer of a run of province abbreviations holds ('三省区', '交汇', '交界', '地区', '两地', '等地';
#: see :func:`geoplan.geocode.context.province_runs`): where such a run is looked for.
RUN_CLOSER_WORDS = ("省", "交汇", "界", "地区", "两地", "等地")


class WordHits:
    """Where each of a set of fixed words occurs in one text, taken from the mention finder's one automaton pass
    (:meth:`~geoplan.geocode.mentions.MentionFinder.occurrences`, which looks for these words too): a rule anchored
    on a few fixed words ('经济带', '千伏', '合作区') reads their spans here instead of scanning the whole text
    again with a regex of its own."""

    def __init__(self, occurrences: Iterable[tuple[int, str]], words: Collection[str]) -> None:
        """``occurrences``: ``(end, word)`` of every word the automaton found; ``words``: the fixed words kept."""
        self._words = words
        self._ends: dict[str, list[int]] = {}
        for end, word in occurrences:
            if word in words:
                self._ends.setdefault(word, []).append(end)

    @classmethod
    def scan(cls, text: str, words: Collection[str]) -> WordHits:
        """The occurrences of ``words`` in a text the finder has not read, each word looked for on its own."""
        occurrences = []
        for word in words:
            at = text.find(word)
            while at >= 0:
                occurrences.append((at + len(word), word))
                at = text.find(word, at + 1)
        return cls(occurrences, words)

    def spans(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """The spans of ``words`` as ``re.finditer`` of their alternation, in this order, finds them: leftmost
        first, the earlier of ``words`` where several start together, none overlapping."""
        spans: list[tuple[int, int]] = []
        last_end = -1
        for start, end in self.starts(words):
            if start >= last_end:
                spans.append((start, end))
                last_end = end
        return spans

    def starts(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """At each position where one of ``words`` starts, the span of the earliest of them (in this order) that
        does, left to right, overlapping spans included: what ``re.match`` of their alternation finds there."""
        unknown = [word for word in words if word not in self._words]
        if unknown:
            raise GeoplanError(f"not among the words looked for: {', '.join(unknown)}")
        hits = sorted(
            (end - len(word), order, end)
            for order, word in enumerate(words)
            for end in self._ends.get(word, ())
        )
        found: list[tuple[int, int]] = []
        for start, _, end in hits:
            if not found or found[-1][0] != start:
                found.append((start, end))
        return found

    def finditer(self, pattern: re.Pattern[str], text: str, words: Sequence[str]) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text)`` for a ``pattern`` that can only start where one of ``words``
        starts: only those starts are tried."""
        yield from matches_from(pattern, text, (start for start, _ in self.starts(words)))


#: shortest text that :func:`finditer_anchored` looks for anchors in (shorter ones are scanned directly).
ANCHORED_MIN_TEXT = 200


def finditer_anchored(
    pattern: re.Pattern[str], text: str, anchors: str, offsets: Iterable[int]
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, for a ``pattern`` that can only start ``offset`` characters (one
    of ``offsets``) before one of the rare characters ``anchors``: only those starts are tried, so a pattern that
    opens with a broad character class ('[\u3400-\u9fff][（(]…', '[二三…]个?省') scans a long text at the speed of
    ``str.find``."""
    if len(text) < ANCHORED_MIN_TEXT:
        yield from pattern.finditer(text)  # a few characters: scanning them costs less than finding anchors
        return
    steps = tuple(offsets)
    starts = sorted({at - step for at in _positions(text, anchors) for step in steps if at >= step})
    yield from matches_from(pattern, text, starts)


def matches_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` would give, trying ``pattern`` only at ``starts`` (ascending): a
    start inside the last match is skipped, as finditer goes on after it."""
    done = 0
    for start in starts:
        if start < done:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            done = max(match.end(), start + 1)


def _positions(text: str, chars: str) -> list[int]:
    """Every position in ``text`` of any of ``chars``."""
    found: list[int] = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    return found


def after_last_verb(text: str, window_start: int, s_start: int, known_at: Mapping[int, Mention]) -> int:
    """Move the window start past the last verb inside it ('呼和镇创建绿色果蔬产业园' -> '绿色果蔬产业园')."""
    first = _INNER_VERB_RE.search(text, window_start + 1, s_start)
    if first is None:
        return window_start  # the common case: no verb, nothing to look up
    verbs = list(_INNER_VERB_RE.finditer(text, first.start(), s_start))
    covered: set[int] = set()
    for position in range(window_start, s_start):
        hit = known_at.get(position)
        if hit is not None:
            covered.update(range(hit.start, hit.end))
    best = window_start
    for match in verbs:
        if not covered.intersection(range(match.start(), match.end())):
            best = match.end()
    return best


def leading_trim(stem: str) -> int:
    """How many leading characters of ``stem`` are verbs, modifiers or counters to drop (推进, 加快建设 …)."""
    return _LEADING_RE.match(stem).end()  # type: ignore[union-attr]


#: distinct stems whose core is remembered (a plan's suffix names repeat their stems).
CORE_CACHE_SIZE = 16384


@lru_cache(maxsize=CORE_CACHE_SIZE)
def core_of(stem: str) -> str:
    """``stem`` without the generic words at its front and back ('专业铁路物流' -> ''); remembered per stem."""
    rest = stem
    while rest:
        # a one-character word does not make a two-character name generic ('东胜', '新街')
        head, tail = (
            (_GENERIC_HEAD_LONG, _GENERIC_TAIL_LONG) if len(rest) == 2 else (_GENERIC_HEAD, _GENERIC_TAIL)
        )
        match = head.match(rest) or tail.search(rest)
        if match is None:
            return rest
        rest = rest[: match.start()] + rest[match.end() :]
    return rest


def is_generic(stem: str) -> bool:
    """True when ``stem`` says only what kind of place it is ('工业', '苏木', '新型城' …)."""
    return len(core_of(stem)) < 2


def ends_in_count(stem: str) -> bool:
    """Whether ``stem`` ends with a counter or an amount ('两' of '汉古尔河两镇', '家' of '三家园区', '两大' of
    'X和Y两大沙地')."""
    return stem[-1:] in _COUNTER_LAST_CHARS or _GREAT_COUNT_END.search(stem) is not None


def is_proper_stem(stem: str) -> bool:
    """A stem that can name a place the gazetteer lacks: not generic, no counter/function characters."""
    return (  # the character tests first: they are cheaper than the generic words' regexes
        IMPROPER_CHARS.isdisjoint(stem)
        and stem[:1] not in COUNTER_CHARS
        and not ends_in_count(stem)  # '多松年' is a name
        and 2 <= len(core_of(stem))
    )


def merged_with_prefix(mentions: list[Mention], joins: Callable[[Mention, Mention], bool]) -> list[Mention]:
    """``mentions`` where one written right before the next that ``joins(prefix, mention)`` accepts becomes part of
    that one outermost mention: the later mention keeps its type, rule and records, the prefix becomes its
    qualifier ('X旗' + '工业园区', '黄河' + 'X水利枢纽')."""
    merged: list[Mention] = []
    for mention in mentions:
        prefix = merged[-1] if merged else None
        if prefix is not None and prefix.end == mention.start and joins(prefix, mention):
            merged[-1] = Mention(
                prefix.surface + mention.surface,
                prefix.start,
                mention.end,
                mention.type,
                mention.rule,
                mention.place_ids,
                prefix.surface,
                prefix.place_ids,
            )
            continue
        merged.append(mention)
    return merged


@cache
def organisation_re() -> re.Pattern[str]:
    """The words that make a place's name before them an organisation's (:func:`lexicon.organisation_words`: bodies
    and office holders' titles), longest first."""
    return re.compile(word_alternation(organisation_words()))
