"""Corridor grammar: lines named by their ends ('A至B铁路', 'A—B—C', 'G210古城至树林召段公路', named lines).

:func:`find_corridors` reads a text and returns :class:`CorridorMatch` objects: the route number
('G210', 'S215', '国道207'), the kind ('railway', 'road', 'power_line', 'pipeline', 'corridor'), and the
waypoints in order as :class:`~geoplan.geocode.mentions.Mention` objects (offsets into the text), ready to be
resolved.  Named lines whose name is an abbreviation of their ends (集二铁路 = 集宁—二连浩特) are expanded
from :data:`NAMED_LINES`, a small reviewed table; their waypoints carry the offsets of the name itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from geoplan.geocode.lexicon import words
from geoplan.geocode.mentions import (
    SEPARATORS,
    STEM_BREAKS,
    Mention,
    WordHits,
    after_last_verb,
    finditer_anchored,
    is_generic,
    is_han,
    leading_trim,
    leftmost_longest,
)
from geoplan.geocode.named_lines import NAMED_LINES
from geoplan.geocode.segment import (
    NAME_FLAGS,
    at_word_bounds,
    holds_name_word,
    known,
    opens_with_count,
    tag,
    tagged_spans,
)
from geoplan.geocode.stems import COMPASS_CHARS, ERA, ERA_BEFORE, ERA_REACH, organisation_re

#: what a corridor is, by the word that ends it (longest first).
KIND_WORDS: dict[str, str] = {
    "干线铁路": "railway",
    "铁路专用线": "railway",
    "铁路专运线": "railway",
    "城际铁路": "railway",
    "高速铁路": "railway",  # before 高速: 'A至B高速铁路' is a railway
    "高速公路": "road",
    "输气管道": "pipeline",
    "长输管道": "pipeline",
    "输电通道": "power_line",
    "外送通道": "power_line",
    "联络线": "railway",
    "专用线": "railway",
    "铁路": "railway",
    "高铁": "railway",
    "动车": "railway",
    "公路": "road",
    "油路": "road",  # an asphalt road, the older word ('A至B油路')
    "高速": "road",
    "线路": "power_line",
    "管道": "pipeline",
    "通道": "corridor",
    "走廊": "corridor",
    "干线": "corridor",
}
#: road grades, classes and qualifiers between the last waypoint and the kind word (农村公路, 省际通道: classes of
#: road, as 城际 is of railway).
GRADE_WORDS = (
    "国家",
    "一级",
    "二级",
    "三级",
    "四级",
    "高速",
    "城际",
    "省际",
    "农村",
    "快速",
    "普通",
    "重载",
    "双回",
    "单回",
)
#: words that describe the line, not the place, at the end of the last waypoint ('锦州港输氢管道').
TAIL_WORDS = tuple(sorted(words("line_tail_words"), key=len, reverse=True))
_TAIL_RE = re.compile("|".join(map(re.escape, ("段", *TAIL_WORDS))))
#: a bracket closing a waypoint's name ('海则畔（蒙陕界）').
_TRAILING_BRACKET = re.compile(r"[（(][^）)]*[）)]$")
_KIND_RE = re.compile("|".join(map(re.escape, KIND_WORDS)))
#: a route number before a line's first end: 'G210', '国道 210 线', and the number written first ('210国道')
_ROUTE_RE = re.compile(r"(?:([GS])\s*(\d{1,4})|(国道|省道)\s*(\d{1,4})|(\d{1,4})\s*(国道|省道))\s*线?\s*$")
#: the class word of a route written after its number ('210国道'), which a first waypoint does not start with.
_NUMBERED_ROUTE_WORD = re.compile(r"(?<=\d)\s*(?:国道|省道|县道)线?")
_VOLTAGE_RE = re.compile(r"\d{2,4}\s*千伏|特高压|电网|输电|外送电")
#: longest waypoint, in characters.
MAX_WAYPOINT = 16


@dataclass(frozen=True)
class CorridorMatch:
    """A corridor found in text: ordered waypoints (unresolved) and what kind of line joins them."""

    name: str
    route: str | None
    kind: str
    start: int
    end: int
    waypoints: tuple[Mention, ...] = field(default=())
    rule: str = "chain"  # 'chain' | 'named'


#: a line named by its ends' first characters, each expanded in brackets ('新（上海庙）靖（边）线').
_BRACKETED = re.compile(
    r"(?:[\u3400-\u9fff][（(][\u3400-\u9fff]{1,6}[）)]){2,4}(?P<kind>铁路|高铁|高速公路|高速|公路|线)"
)
_BRACKET_PART = re.compile(r"([\u3400-\u9fff])[（(]([\u3400-\u9fff]{1,6})[）)]")
#: a bracketed name starts one character before an opening bracket (looked for first: brackets are rare).
_OPENING_BRACKETS = "（("
#: the kind of line each ending word of a bracketed name says.
_BRACKETED_KINDS = {
    "铁路": "railway",
    "高铁": "railway",
    "线": "railway",
    "高速公路": "road",
    "高速": "road",
    "公路": "road",
    "油路": "road",
}


def find_corridors(text: str, hits: WordHits | None = None) -> list[CorridorMatch]:
    """Every corridor in ``text``: chains joined by 至/—, named lines and bracketed abbreviations, left to right;
    ``hits``: where the CORRIDOR_WORDS occur in ``text`` (the finder's ``word_hits``, when the caller has them)."""
    if hits is None:
        hits = WordHits.scan(text, CORRIDOR_WORDS)
    return leftmost_longest(
        [
            *_chains(text, hits),
            *_named(text, hits),
            *_bracketed(text),
            *_initials_then_ends(text),
            *_to_chains(text),
        ]
    )


#: an end, then the kind of line, right after 到 ('赤峰到承德高速公路'): in speech, 到 joins a line's ends as 至 does.
_TO_END_AND_LINE = re.compile(
    r"[\u4e00-\u9fff]{2,6}?(?:高速公路|高速铁路|高速(?![发增度率宽运成化])|高铁|铁路|公路)"
)
#: 到 of a verb ('来到', '达到', '通到'): no connector of two ends.
_TO_VERBS = frozenset("来达回走通得受遇直做等提感看想用延连送运")


def _to_chains(text: str) -> list[CorridorMatch]:
    """Lines named by their ends joined by 到, the kind of line right after the second ('赤峰到承德高速公路',
    '赤峰到通辽高速'): two ends, as 'A至B高速公路'."""
    found: list[CorridorMatch] = []
    index = text.find("到")
    while index > 0:
        after = _TO_END_AND_LINE.match(text, index + 1)
        if after is not None and is_han(text[index - 1]) and text[index - 1] not in _TO_VERBS:
            if "到" not in after.group() and "至" not in after.group():
                start = _walk_back(text, index)
                start += _trim_front(text, start, index)
                corridor = _build_chain(text, [(start, index), (index + 1, after.end())])
                if corridor is not None:
                    found.append(corridor)
        index = text.find("到", index + 1)
    return found


def _bracketed(text: str) -> list[CorridorMatch]:
    """'新（上海庙）靖（边）线': a line named by one character per end, each expanded in brackets; an end is the
    character and its bracket ('靖（边）' -> 靖边), or the bracket alone when that names the place ('新（上海庙）'
    -> 上海庙, rule ``abbreviation:<bracket>`` lets the resolver fall back to it).  The whole span is the line's
    name (rule 'named')."""
    found: list[CorridorMatch] = []
    for match in finditer_anchored(_BRACKETED, text, _OPENING_BRACKETS, (1,)):
        start, end = match.span()
        waypoints = tuple(
            Mention(part.group(1) + part.group(2), start, end, None, f"abbreviation:{part.group(2)}")
            for part in _BRACKET_PART.finditer(text, start, match.start("kind"))
        )
        kind = _BRACKETED_KINDS[match.group("kind")]
        found.append(CorridorMatch(text[start:end], None, kind, start, end, waypoints, "named"))
    return found


#: a line named by its ends' first characters, its ends written in full in the brackets after it ('甲乙（甲镇—乙县）
#: 公路'): the whole span is the line, the bracketed ends its waypoints.
_INITIALS_THEN_ENDS = re.compile(
    r"([\u3400-\u9fff])([\u3400-\u9fff])[（(]([\u3400-\u9fff]{2,8})[—–\-至]{1,2}([\u3400-\u9fff]{2,8})[）)]"
    r"(?P<kind>铁路|高铁|高速公路|高速|公路|油路)"
)


def _initials_then_ends(text: str) -> list[CorridorMatch]:
    """'突洮（突泉—洮南）油路': a line named by its two ends' first characters, each end starting with its initial in
    the brackets right after; the ends are waypoints at their own offsets."""
    found: list[CorridorMatch] = []
    for match in finditer_anchored(_INITIALS_THEN_ENDS, text, _OPENING_BRACKETS, (2,)):
        first, second = match.group(3), match.group(4)
        if not (first.startswith(match.group(1)) and second.startswith(match.group(2))):
            continue
        if organisation_re().match(text, match.end()):
            continue  # '甲乙（甲—乙）铁路公司': a company named after the line
        waypoints = tuple(
            Mention(match.group(group), match.start(group), match.end(group), None, "waypoint")
            for group in (3, 4)
        )
        kind = _BRACKETED_KINDS[match.group("kind")]
        start, end = match.span()
        found.append(CorridorMatch(text[start:end], None, kind, start, end, waypoints, "named"))
    return found


def _chains(text: str, hits: WordHits) -> list[CorridorMatch]:
    found: list[CorridorMatch] = []
    separators = [start for start, _ in hits.spans(tuple(SEPARATORS))]
    position = 0
    length = len(text)
    while True:
        sep = _next_separator(text, position, separators)
        if sep < 0:
            return found
        first_start = _walk_back(text, sep)
        first_start += _trim_front(text, first_start, sep)
        points = [(first_start, sep)]
        cursor = sep + 1
        while True:
            seg_end = _walk_forward(text, cursor)
            if seg_end < length and text[seg_end] in SEPARATORS and _is_separator(text, seg_end):
                line_word = _KIND_RE.search(text, cursor, seg_end)
                if line_word is not None and line_word.end() < seg_end:
                    # '二连浩特至广州国家高速公路集宁至…': the line word ends this chain; a new one starts after it
                    points.append((cursor, line_word.end()))
                    break
                points.append((cursor, seg_end))
                cursor = seg_end + 1
                continue
            points.append((cursor, seg_end))
            break
        corridor = _build_chain(text, points)
        if corridor is not None:
            found.append(corridor)
            position = corridor.end
        else:
            position = max(sep + 1, points[-1][0])


#: words holding 至 that are no connector ('甚至', '以至', '直至', '乃至', '至今'; '终至': ends at).
_ZHI_WORDS = ("甚至", "以至", "直至", "乃至", "及至", "至今", "至少", "至关", "至此", "终至")


#: a compass direction to another and a word of course after it ('西北至东南走向', '东至西流向'): how a line or
#: a landform runs, no ends of a line.
_DIRECTION_SPAN = re.compile("[东南西北]{0,2}[东南西北]至[东南西北]{1,2}(?:走向|方向|流向|向|延伸|倾斜)")
#: a compass word before 至: one side of an area's bounds ('东至X，南至Y'), not a line's connector.
_BOUND_RE = re.compile("[东南西北]至")
#: characters either side of a compass word + 至 in which the other sides make the text a list of an area's bounds.
BOUNDS_REACH = 40
#: sides named in one sentence that make it an area's bounds: lines named by ends may share a compass word or two
#: ('X西至Y、Z北至W': stations 'X西', 'Z北'), an area's bounds name three or four.
BOUNDS_SIDES = 3


#: an era after 至 ('至唐朝', '至民国'); with one before it (ERA_BEFORE: '西汉至', '清代至'), a time span.
_ERA_AFTER = re.compile(ERA)


def _is_separator(text: str, index: int) -> bool:
    if index <= 0 or index + 1 >= len(text):
        return False
    if text[index] == "至" and (
        text[index - 1 : index + 1] in _ZHI_WORDS or text[index : index + 2] in _ZHI_WORDS
    ):
        return False  # '宁夏甚至新疆': 至 inside a word
    if text[index] == "至" and _bounds_of_an_area(text, index):
        return False  # '范围东至X，南至Y': the area's eastern bound is X
    if text[index] == "至" and _DIRECTION_SPAN.match(text, max(0, index - 2)):
        return False  # '呈西北至东南走向': a direction, not a line from one place to another
    if _ERA_AFTER.match(text, index + 1) and ERA_BEFORE.search(text, max(0, index - ERA_REACH), index):
        return False  # '西汉至唐朝', '清代至民国': a time span between two eras
    return (is_han(text[index - 1]) or text[index - 1] in "）)") and is_han(text[index + 1])


def _bounds_of_an_area(text: str, index: int) -> bool:
    """Whether the 至 at ``index`` follows a compass word and the sentence names :data:`BOUNDS_SIDES` sides so
    within :data:`BOUNDS_REACH` characters: the text lists an area's bounds ('东至X，南至Y，西至Z'), and '东至' says
    which side, not that a line runs from a place 'X东' (a station 'X东' before 至 stays a line's end)."""
    if text[index - 1] not in COMPASS_CHARS:
        return False
    low, high = max(0, index - BOUNDS_REACH), min(len(text), index + BOUNDS_REACH)
    window = text[low:high]
    own = index - 1 - low
    sentence_breaks = [i for i, char in enumerate(window) if char in "。；;\n"]
    first = max((i for i in sentence_breaks if i < own), default=-1)
    last = min((i for i in sentence_breaks if i > own), default=len(window))
    sides = {m.group()[0] for m in _BOUND_RE.finditer(window) if first < m.start() < last}
    return len(sides) >= BOUNDS_SIDES


def _next_separator(text: str, position: int, separators: list[int]) -> int:
    """The first of the sorted ``separators`` (positions of connector characters) at or after ``position`` that
    joins two names; -1 when none does."""
    for index in range(bisect_left(separators, position), len(separators)):
        if _is_separator(text, separators[index]):
            return separators[index]
    return -1


def _walk_back(text: str, index: int) -> int:
    position = index
    while position > 0 and index - position < MAX_WAYPOINT:
        char = text[position - 1]
        if not is_han(char) or char in STEM_BREAKS or char in SEPARATORS:
            break
        position -= 1
    return position


def _walk_forward(text: str, index: int) -> int:
    position = index
    while position < len(text) and position - index < MAX_WAYPOINT + 8:
        char = text[position]
        if char in "（(":  # '（蒙陕界）' / '（内蒙段）' inside the last segment
            # only a close within 10 characters counts: never search the rest of the text
            bound = position + 11
            close = min(
                (i for i in (text.find("）", position, bound), text.find(")", position, bound)) if i > 0),
                default=-1,
            )
            if 0 < close - position <= 10:
                position = close + 1
                continue
        if not is_han(char) or char in STEM_BREAKS or char in SEPARATORS:
            break
        if char in "由间" and position > index + 1 and at_word_bounds(text, position, position + 1):
            # '满洲里至大连由26小时压缩到12小时': a preposition after the end (not '路由', a routing); 'A至B间':
            # the stretch between the ends
            break
        if char == "和" and position > index + 1 and text[position - 1] not in "呼布":
            break  # a conjunction after a name of two or more characters ('兴和' is one name)
        position += 1
    return position


def _trim_front(text: str, start: int, end: int) -> int:
    """Characters to drop at the front of the first waypoint (verbs, '包括', a route's '线')."""
    moved = after_last_verb(text, start, end, {}) - start
    if (
        start
        and (route_word := _NUMBERED_ROUTE_WORD.match(text, start)) is not None
        and route_word.end() < end
    ):
        moved = max(moved, route_word.end() - start)  # '210国道满都拉口岸至…': the route, then the first end
    kinds = list(_KIND_RE.finditer(text, start + moved, end))
    if kinds and kinds[-1].end() < end - 1:  # '包茂高速公路包头至东胜段', '500千伏线路乌审—芒哈图'
        moved = kinds[-1].end() - start
        if text[start + moved] in _KIND_TAILS and start + moved < end - 2:
            moved += 1  # '国家高速公路网珲春至…': the network of lines of the kind, then the first end
    prose = _prose_before_name(text, start + moved, end)
    # the segmenter's words decide where the name starts when it sees prose before it; the list of leading
    # words may cut inside a word ('重点工程项目通辽' -> '目通辽')
    return moved + (prose or _name_keeping_trim(text[start + moved : end]))


#: a character after a kind of line that makes the network of such lines ('高速公路网').
_KIND_TAILS = frozenset("网")
#: flags of the dictionary words of prose before a first waypoint's name: verbs, adverbs, adjectives, pronouns,
#: locatives, place words, counts and times ('修通X', '境内X', '最后一段X').
_PROSE_FLAGS = frozenset({"v", "vd", "d", "a", "ad", "r", "f", "s", "m", "q", "t", "l", "i"})
#: flags of one-character words of prose: prepositions, conjunctions, pronouns, particles and times ('由X', '和X',
#: '当X'); a one-character adverb is prose only where nothing but prose stands before it ('并就X'; not 都 of
#: '满都拉图').
_PROSE_CHAR_FLAGS = frozenset({"p", "c", "r", "u", "uj", "t"})


def _prose_before_name(text: str, start: int, end: int) -> int:
    """Characters of prose before the name of a first waypoint ('该项目由东河区', '东段临河', '最后一段X'): up to the
    last word of prose (see :data:`_PROSE_FLAGS`) that a name word of two or more characters follows, or past the
    common nouns written before a dictionary name ('单体项目巴林'; not before a run jieba does not know: 白音 of
    '白音查干' starts a name).  0 when no prose stands there ('白云矿区' stays whole)."""
    words = tagged_spans(text, start, end)
    cut = start
    by_nouns = False
    for word_start, word_end, word, flag in words:
        if word_end > end - 2:
            break  # a name of two or more characters is left
        if len(word) == 1:
            # a preposition, conjunction, pronoun or particle; a locative written after other words ('开通后X')
            after_words = word_start > 0 and is_han(text[word_start - 1])
            prose = (
                flag in _PROSE_CHAR_FLAGS
                or (flag == "f" and after_words)
                or (flag in ("d", "v") and word_start == cut)  # '来' of '以来白城', cut at the break 以
            )
            noun = False
        else:
            prose = known(word) and (flag in _PROSE_FLAGS or word.endswith("段"))
            noun = known(word) and word_start == cut and flag not in NAME_FLAGS
        if prose or noun:
            cut, by_nouns = word_end, not prose
    if cut == start or not holds_name_word(text, cut, end):
        return 0
    if by_nouns and not all(known(w) and f in NAME_FLAGS for s, _, w, f in words if s >= cut):
        return 0
    return cut - start


def _name_keeping_trim(segment: str) -> int:
    """The leading words to drop from a first waypoint, as :func:`leading_trim`, but never so many that fewer
    than two characters are left: a name starting with such a word keeps it ('G303线经棚至…' -> 经棚, not 棚); all
    of them when the segment is nothing else ('通车至…')."""
    trim = leading_trim(segment)
    if trim == len(segment):
        return trim  # '通车至包头': the words before the connector are all verbs, no place
    while trim and len(segment) - trim < 2:
        trim = next((k for k in range(trim - 1, -1, -1) if leading_trim(segment[:k]) == k), 0)
    return trim


def _strip_tail(name: str) -> str:
    changed = True
    while changed:
        if not name.endswith(TAIL_WORDS):
            return name  # the common case, in one call: no tail word to strip
        changed = False
        for word in TAIL_WORDS:
            if name.endswith(word) and len(name) > len(word):
                name, changed = name[: -len(word)], True
    return name


def split_last(segment: str) -> tuple[str, str | None, str]:
    """'图克工业园区一级公路' -> ('图克工业园区', 'road', '一级公路'); no kind word -> (segment, None, '')."""
    match = _KIND_RE.search(segment)
    if match is None:
        cut = _TAIL_RE.search(segment, 2)
        head = segment[: cut.start()] if cut else segment  # '胜利特高压交流工程…' -> '胜利'
        return _strip_tail(_TRAILING_BRACKET.sub("", head)), None, ""  # 'X（蒙辽界）段' -> 'X'
    head = _strip_tail(segment[: match.start()])
    head = _TRAILING_BRACKET.sub("", head)  # '海则畔（蒙陕界）' -> '海则畔'
    changed = True
    while changed:
        changed = False
        for grade in GRADE_WORDS:
            if head.endswith(grade):
                head, changed = head[: -len(grade)], True
        # 'A至B段公路', 'A至B线铁路': the stretch or the line, then its kind
        if head.endswith("段") or _line_word_after_name(head):
            head, changed = head[:-1], True
        head = _strip_tail(_TRAILING_BRACKET.sub("", head))
    return head, KIND_WORDS[match.group()], segment[len(head) : match.end()]


def _line_word_after_name(head: str) -> bool:
    """Whether ``head`` ends with 线 standing alone after a name ('策克线'), not ending a word that describes the line
    ('既有线', '复线', '联络线': the waypoint rules read those)."""
    return (
        len(head) > 2
        and head.endswith("线")
        and not head.endswith(TAIL_WORDS)
        and not known(head[-2:])
        and not known(head[-3:])
    )


#: flags of the words of prose a last waypoint's name never ends with: verbs and adverbs ('X最快', 'X组成').
_TRAILING_PROSE_FLAGS = frozenset({"v", "vd", "d", "ad"})
#: flags of one-character words glued after a last waypoint's name: counts ('X三段'; not adjectives, which
#: jieba also gives to characters of transliterations: 基 of 尼尔基).
_TRAILING_CHAR_FLAGS = frozenset({"m"})
#: demonstratives glued after a last waypoint's name ('…至赛音山达这一线路'): prose, never a name's end.
_DEMONSTRATIVES = frozenset("这那该此")


def _without_trailing_prose(name: str) -> str:
    """``name`` without the words written after it that no name ends with ('大同南站最快' -> '大同南站', '白云矿区组成'
    -> '白云矿区', '百灵庙三' of '百灵庙三段'): dictionary verbs and adverbs, one-character counts and
    demonstratives; never shorter than two characters."""
    words = tag(name)
    end = len(name)
    for index in range(len(words) - 1, 0, -1):
        word, flag = words[index]
        if len(word) == 1:
            trailing = flag in _TRAILING_CHAR_FLAGS or word in _DEMONSTRATIVES  # '…赛音山达这(一线路)'
        else:
            # '乌兰布统两个(项目)': a count after the end
            trailing = known(word) and (flag in _TRAILING_PROSE_FLAGS or opens_with_count(word))
        if not trailing or end - len(word) < 2:
            break
        end -= len(word)
    return name[:end]


#: words of the land around a place, written after a chain's last end ('…—X沙漠边缘阻击战'): the end's name stops
#: before them.
_EDGE_WORDS = frozenset({"边缘", "周边", "沿线", "附近", "腹地", "外围"})


def _before_edge_word(name: str) -> str:
    """``name`` up to the first word of the land around a place ('X沙漠边缘阻击战' -> 'X沙漠'); never shorter than
    two characters."""
    position = 0
    for word, _ in tag(name):
        if word in _EDGE_WORDS and position >= 2:
            return name[:position]
        position += len(word)
    return name


def _build_chain(text: str, points: list[tuple[int, int]]) -> CorridorMatch | None:
    last_start, last_end = points[-1]
    last_name, kind, _tail = split_last(text[last_start:last_end])
    if kind is None:
        last_name = _without_trailing_prose(_before_edge_word(last_name))
    kind_end = last_end if kind else last_start + len(last_name)
    if kind is not None:
        kind_end = last_start + len(text[last_start:last_end].split(_tail, 1)[0]) + len(_tail)
    points[-1] = (last_start, last_start + len(_without_trailing_prose(last_name)))
    names = [(s, e) for s, e in points if e - s >= 2]
    if len(names) != len(points) or len(names) < 2 or any(text.startswith("第", s) for s, _ in names):
        return None  # '第一至第三段': ordinals number stretches, they name no places
    if any(COMPASS_CHARS.issuperset(text[s:e]) for s, e in names):
        return None  # '地势由西北至东南': directions, no places
    generic = sum(is_generic(text[s:e]) for s, e in names)
    if generic and sum(holds_name_word(text, s, e) for s, e in names) <= generic:
        # '英模文化—红色教育—…': a sequence of themes, not of places; an end named by a kind word between more
        # ends named by proper names is a place of that name ('莫林-戈壁-图克木公路', 戈壁 a town)
        return None
    if any(_KIND_RE.search(text[s:e]) for s, e in names[1:]):
        return None  # '包鄂榆高铁—呼包高铁—…': a sequence of lines, not of places
    clause = _clause(text, points[0][0], kind_end)
    if _tail.endswith(_ROUTE_WORD):
        # 'Day1、A-B-C线路': a route a visitor follows; 线路 names a power line beside its voltage, and the line of
        # another kind the clause names ('A——B这一线路的铁路')
        kind = _kind_in_clause(clause)
    route = _route_before(text, points[0][0])
    if kind is None:
        kind = _kind_in_clause(clause[clause.find(text[points[-1][0] : points[-1][1]]) :]) or _kind_in_clause(
            clause
        )
        if kind is None and route is not None:
            # 'G303经棚至锡林浩特段改扩建', '国道111线萨力巴至新惠、…': a numbered road's section, no kind word needed
            kind = "road"
        if (
            kind is None
            and text.startswith("段", points[-1][1])
            and not any(_stretch_word(text, s, e) for s, e in names)
        ):
            # '…联络线…。在建的A至B段': a section of the line named before in the line
            kind = _kind_before(text, points[0][0])
        if kind is None:
            return None
    if _VOLTAGE_RE.search(clause) and kind in {"corridor", "power_line"}:
        kind = "power_line"
    waypoints = tuple(Mention(text[s:e], s, e, None, "waypoint") for s, e in names)
    start = points[0][0]
    name = text[start:kind_end]
    return CorridorMatch(name, route, kind, start, kind_end, waypoints)


#: an ASCII comma as web texts write it between clauses (one between digits is a number's: '1,200').
_ASCII_COMMA = re.compile(",(?!\\d)")
#: what ends a clause (web texts write ASCII commas and semicolons too).
_CLAUSE_BREAK = re.compile(f"[，。；;\n]|{_ASCII_COMMA.pattern}")


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a chain (up to the surrounding ，。；), searched for within the chain's line only (a mark
    the text lacks would otherwise send each search to the text's start or end)."""
    line_start = text.rfind("\n", 0, start) + 1
    left = max(
        max(text.rfind(p, line_start, start) for p in "，。；;"),
        max((m.start() for m in _ASCII_COMMA.finditer(text, line_start, start)), default=-1),
    )
    right = _CLAUSE_BREAK.search(text, end)
    return text[max(left + 1, line_start) : right.start() if right else len(text)]


#: jieba flags of words that name a stretch, not a place: locatives and counts ('上游至下游段', '三至五段').
_STRETCH_FLAGS = frozenset({"f", "m", "q", "s"})


def _stretch_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one dictionary word of a locative or count ('上游', '下游'): a section whose
    line is only named earlier needs ends that may be places."""
    words = tag(text[start:end])
    return len(words) == 1 and words[0][1] in _STRETCH_FLAGS and known(words[0][0])


#: how far back in its line a section's line word is looked for, in characters.
SECTION_REACH = 300


def _kind_before(text: str, start: int) -> str | None:
    """The kind of the last line word before ``start`` in its line (at most SECTION_REACH characters back)."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - SECTION_REACH)
    words = _KIND_RE.findall(text, line_start, start)
    return KIND_WORDS[words[-1]] if words else None


def _kind_in_clause(clause: str) -> str | None:
    if _VOLTAGE_RE.search(clause):
        return "power_line"
    followed = False
    for match in _KIND_RE.finditer(clause):
        if match.group() == _ROUTE_WORD:
            # '线路：A——B——C', '风景线路': without a voltage, a route to follow, no power line
            followed = True
            continue
        return KIND_WORDS[match.group()]
    return ROUTE_KIND if followed else None


#: the kind of a chain that is a route to follow, no line built ('线路一：A—B—C', '旅游线路'): its stops are
#: places named one after another, read as mentions of their own (no corridor is drawn).
ROUTE_KIND = "route"
#: the word of a line that names a power line only beside its voltage (see _VOLTAGE_RE); otherwise a route
#: followed ('旅游线路', '线路一：A—B—C', '公交线路').
_ROUTE_WORD = "线路"


def _route_before(text: str, start: int) -> str | None:
    match = _ROUTE_RE.search(text[max(0, start - 12) : start])
    if match is None:
        return None
    if match.group(1):
        return f"{match.group(1)}{match.group(2)}"
    if match.group(5):
        return f"{'G' if match.group(6) == '国道' else 'S'}{match.group(5)}"
    return f"{'G' if match.group(3) == '国道' else 'S'}{match.group(4)}"


#: the named lines longest first: at a position where several start, the longest is read.
_NAMED_BY_LENGTH = tuple(sorted(NAMED_LINES, key=len, reverse=True))


def _named(text: str, hits: WordHits) -> list[CorridorMatch]:
    """Every named line in ``text`` (:data:`NAMED_LINES`), at each position where one starts the longest one — a
    name may also start inside another one; ``hits``: where the names occur (the finder's ``word_hits``)."""
    found: list[CorridorMatch] = []
    for index, end in hits.starts(_NAMED_BY_LENGTH):
        name = text[index:end]
        line = NAMED_LINES[name]
        if name.endswith("高速") and text.startswith("公路", end):
            end += 2
        waypoints = tuple(Mention(w, index, end, None, "named-line") for w in line.waypoints)
        found.append(CorridorMatch(text[index:end], line.route, line.kind, index, end, waypoints, "named"))
    return found


def route_of(text: str) -> str | None:
    """The route number at the end of ``text`` ('国道 207 线' -> 'G207', 'S215' -> 'S215')."""
    return _route_before(text, len(text))


#: the fixed words the corridor rules are anchored on (the connectors and the named lines): the mention finder's
#: automaton looks for them in its one pass over the text (see :class:`WordHits`).
CORRIDOR_WORDS = (*SEPARATORS, *NAMED_LINES)
