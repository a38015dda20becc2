"""Named features that a class word after the name cannot find: grid works named by voltage, zones and belts.

* **grid works** — a transmission or substation project is named by its station and voltage
  ('X 500 千伏、Y 220 千伏等输变电工程', 'X 220 千伏变电站') or by its ultra-high-voltage line ('X特高压外送通道').
  The mention is the station's name X (with the voltage and 变电站 when the text says 变电站, the whole name as
  written); X is what stands before the voltage in a list item, after its verbs are trimmed.  A voltage that
  describes a network ('盟内 500 千伏环网', '10 千伏及以下农网') has no name before it, or no list end after it.
* **belts and zones** — 'X经济带', 'X经济走廊', 'X经济区', 'X大通道' (type ``corridor``), 'X城市群' (``corridor``),
  'X都市圈', 'X经济圈', 'X区块', 'X片区' (``region``), where X is a name: a gazetteer name ending right there, a run of the
  initials of places ('呼包银榆'), or a word the segmenter tags as a proper name ('丝绸之路', '长江').

Every rule returns :class:`~geoplan.geocode.stems.Mention` objects (offsets into the text) that
:meth:`MentionFinder.find` merges with the others: a feature's name replaces the gazetteer names inside it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Sequence
from operator import attrgetter
from typing import Any

from geoplan.geocode.lexicon import words
from geoplan.geocode.segment import (
    NOT_NAME_FLAGS,
    at_word_bounds,
    common_words_only,
    holds_name_word,
    known,
    tag,
)
from geoplan.geocode.stems import (
    CORRIDOR_BREAKS,
    COUNTER_CHARS,
    IMPROPER_CHARS,
    STEM_BREAKS,
    UNIT_NAMED_IDS,
    Mention,
    WordHits,
    after_last_verb,
    finditer_anchored,
    is_generic,
    is_han,
    is_proper_stem,
    leading_trim,
    matches_from,
    merged_with_prefix,
)

#: a voltage ('500 千伏', '220kV') and what may follow it in a station's name.
_VOLTAGE = re.compile(
    r"(\d{2,4})\s*(?:千伏|kV|KV)(?:(变电站|开关站|换流站)|(?=[、，。；及和等]|输变电|工程|项目))"
)
#: the units of a voltage: where a voltage match is looked for (a literal is found faster than a digit run).
_VOLTAGE_UNITS = ("千伏", "kV", "KV")
#: a substation's works ('X站扩建', 'X站主变扩建'), found by the 站 before them.
_STATION_WORK = re.compile(r"站(?=(?:主变)?(?:扩建|增容|改造))")
#: words of a sentence about the power grid.
_GRID_CONTEXT = re.compile(r"电网|千伏|变电|输变电|kV")


def sentence_at(text: str, position: int) -> str:
    """The sentence around ``position`` (between 。；or line breaks)."""
    left = max(text.rfind(mark, 0, position) for mark in "。；\n")
    rights = [i for i in (text.find(mark, position) for mark in "。；\n") if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


#: an ultra-high-voltage line named by its end ('X特高压', 'X特高压外送通道').
_UHV = re.compile(r"特高压(?:(?:外送|输电|电力外送)?通道)?")
#: longest station or belt name before its class word, in characters.
MAX_NAME = 8
#: class words of named belts and zones, and the type each implies.
ZONE_WORDS: dict[str, str] = {
    "经济走廊": "corridor",
    "经济带": "corridor",
    "经济区": "corridor",
    "大通道": "corridor",
    "城市群": "corridor",
    "都市圈": "region",
    "经济圈": "region",
    "区块": "region",
    "片区": "region",
}
#: words between a belt's places and its class word ('中蒙俄国际陆海大通道').
_BELT_QUALIFIERS = ("国际陆海", "国际", "陆海", "跨境", "沿边", "沿黄")
#: characters a name does not start with (numerals and counters: '五大区块', '游四片区').
_NOT_FIRST = frozenset("一二三四五六七八九十百千两几多各每") | COUNTER_CHARS
#: a count at the end of what stands before a class word ('四大', '两个').
_COUNT_END = re.compile(r"[一二三四五六七八九十两几多][大个类]$")
#: jieba flags of a word that names a place or is named after a person (长江, 北二环, 察哈尔).
PLACE_FLAGS = frozenset({"ns", "nr", "nrt", "nrfg"})
#: kinds of land a numbered tourist road is named after ('草原 99 号公路').
_LAND_WORDS = frozenset({"草原", "沙漠", "森林", "湿地", "边境"})
#: characters that end a name when walking back from its class word.
_NAME_BREAKS = STEM_BREAKS | frozenset(CORRIDOR_BREAKS) | frozenset("和")


#: words ending the name of a facility a spur railway serves, longest first.
_FACILITY_WORDS = tuple(sorted(words("facility_words"), key=len, reverse=True))
#: what a spur railway is called after the facility it serves, longest first; a line called a spur (专用线) may be
#: named after its owner or place alone ('X铁路专用线').
_SPUR = re.compile(
    "(?:{})(铁路专用线|铁路专运线|铁路)|(铁路专用线|铁路专运线)".format(
        "|".join(map(re.escape, _FACILITY_WORDS))
    )
)
#: a spur's class word starts with 铁 (of 铁路), one facility word's length (or none) after the spur's start.
_SPUR_ANCHOR = "铁"
_SPUR_OFFSETS = frozenset({0, *(len(word) for word in _FACILITY_WORDS)})
#: longest spur name before its class word, in characters ('吉林郭勒矿区二号露天矿').
MAX_SPUR_NAME = 14


def feature_mentions(
    text: str, mentions: Sequence[Mention], finder: Any, hits: WordHits | None = None
) -> list[Mention]:
    """Grid works and named belts/zones in ``text``; ``mentions``: the names already found in it (gazetteer
    and suffix names), ``finder``: the :class:`~geoplan.geocode.mentions.MentionFinder` (its names, short forms
    and the initials of places, for belts named by their places' initials), ``hits``: where its FEATURE_WORDS
    occur in ``text`` (``finder.word_hits(text)``, when the caller has them)."""
    if hits is None:
        hits = finder.word_hits(text)
    known_at = {m.start: m for m in mentions}
    named_end: dict[int, Mention] = {}
    for mention in mentions:
        if mention.place_ids or mention.type:
            named_end.setdefault(mention.end, mention)
    return [
        *_ring_roads(text),
        *_towns_after_banner(text, mentions, finder),
        *_paired_zones(text, mentions, finder, hits),
        *_directional_stations(text, mentions, finder),
        *_numbered_roads(text, known_at, named_end, finder, hits),
        *_grid_works(text, known_at, named_end, finder, hits),
        *_zones(text, known_at, named_end, finder, hits),
        *_spur_lines(text, known_at, mentions, finder),
        *_initial_lines(text, finder),
        *_dashed_initial_lines(text, finder),
        *_former_units(text, finder, hits),
        *_short_rivers(text, finder),
        *_lines_listed_with_sections(text, hits),
        *_recorded_lines_listed(text, finder),
        *_dynasty_walls(text, hits, finder),
        *_quoted_names(text, finder, hits),
    ]


#: the walls themselves, the last word of each wall's name.
_WALLS = ("长城", "界壕")
#: walls named by the dynasty that built them ('金长城', '金界壕', '明长城', '战国长城'), or as old ('古长城').
_DYNASTY_WALLS = tuple(
    dynasty + wall
    for dynasty in (
        "战国",
        "北魏",
        "北齐",
        "秦",
        "汉",
        "秦汉",
        "赵",
        "燕",
        "燕国北",
        "战国赵",
        "战国秦",
        "金",
        "明",
        "秦代",
        "汉代",
        "金代",
        "明代",
        "古",  # the old wall, of no dynasty named ('南临古长城')
    )
    for wall in _WALLS
)
#: the word of the old wall, of no dynasty named ('古长城').
_OLD = "古"


#: the class word of a heritage site written after a wall's name.
_SITE = "遗址"


def _dynasty_walls(text: str, hits: WordHits, finder: Any) -> list[Mention]:
    """Walls named by their dynasty ('金长城', '明长城', '金界壕'), each one heritage place, where the dynasty does not
    end a longer word before it ('黄金长城' is no dynasty's wall); the name runs on over 遗址 ('秦长城遗址').  The
    wall's own name is the qualifier: a wall the gazetteer records (长城) locates its dynasty's part."""
    found: list[Mention] = []
    for start, end in hits.spans(_DYNASTY_WALLS):
        if at_word_bounds(text, start, end):
            wall = next(w for w in _WALLS if text.endswith(w, start, end))
            # the old wall ('古长城') is the recorded wall itself; a dynasty's wall is a part of it
            own = (
                finder.ids(wall)
                if text.startswith(_OLD, start) and end - start == len(_OLD) + len(wall)
                else ()
            )
            end += len(_SITE) if text.startswith(_SITE, end) else 0
            found.append(
                Mention(text[start:end], start, end, "scenic", "dynasty-wall", own, wall, finder.ids(wall))
            )
    return found


#: words that give a place's other name, quoted after them ('俗称“X”', '蒙语称“X”', '古称“X”'); '被称为“X”' and
#: '称作“X”' give epithets as often as names ('塞外江南', '北疆明珠') and are not read.
_NAMING_WORDS = ("俗称", "又称", "也称", "旧称", "古称", "简称", "蒙古语称", "蒙古语", "蒙语称", "蒙语")
_NAMED_AS = re.compile(f"(?:{'|'.join(_NAMING_WORDS)})“([\u3400-\u9fff]{{2,8}})”")
#: a naming word and the opening quote: where such a name is looked for.
_NAMING_QUOTES = tuple(word + "“" for word in _NAMING_WORDS)


def _quoted_names(text: str, finder: Any, hits: WordHits) -> list[Mention]:
    """A place's other name quoted after a word that gives it ('俗称“兰城子”', '蒙语称“乌兰哈达”'): a name holding a
    place or person word (jieba), typed other; not a common word ('被称为“秘境”') or a company ('简称“X集团”')."""
    found: list[Mention] = []
    if "“" not in text:
        return found
    for match in hits.finditer(_NAMED_AS, text, _NAMING_QUOTES):
        start, end = match.span(1)
        name = match.group(1)
        if finder.ids_or_short(name):
            continue  # a known name: the gazetteer pass has it
        if is_proper_stem(name) and any(flag in PLACE_FLAGS for _, flag in tag(name)):
            found.append(Mention(name, start, end, "other", "quoted-name"))
    return found


#: the line words that close a list of lines ('…、D至E铁路等') and the kind each says.
_LIST_LINE_KINDS = {"铁路": "railway", "高铁": "railway", "高速公路": "road", "公路": "road"}
#: longest list read back from its closing line word, in characters.
MAX_LINE_LIST = 240
#: a run of CJK characters and list marks, matched on the reversed text before a line word.
_LIST_RUN_BACK = re.compile(r"[\u3400-\u9fff、]*")
#: longest name of a line by its ends' initials inside such a list ('塔韩', '红暖').
MAX_LINE_INITIALS = 4


def _lines_listed_with_sections(text: str, hits: WordHits) -> list[Mention]:
    """A list of lines whose items are mostly sections 'A至B' ('…、三北羊场至上海庙、塔韩、陶上、新街至红进塔、…
    铁路等'): the short items between them name lines of that kind by their ends' initials (read back from each
    line word, the rarer anchor)."""
    found: list[Mention] = []
    if "、" not in text or "至" not in text:
        return found
    for end, word_end in hits.spans(tuple(_LIST_LINE_KINDS)):
        low = max(0, end - MAX_LINE_LIST)
        if text.count("至", low, end) < 2 or text.count("、", low, end) < 2:
            continue  # the common case, decided at C speed: no list of sections can end here
        start = end - _LIST_RUN_BACK.match(text[low:end][::-1]).end()  # type: ignore[union-attr]
        if text.count("、", start, end) < 2:
            continue
        items, position = [], start
        for part in text[start:end].split("、"):
            items.append((position, position + len(part)))
            position += len(part) + 1
        sections = sum("至" in text[s:e] for s, e in items)
        if sections < 2 or 2 * sections < len(items):
            continue
        kind = _LIST_LINE_KINDS[text[end:word_end]]
        for item_start, item_end in items[1:-1]:
            if "至" not in text[item_start:item_end] and 2 <= item_end - item_start <= MAX_LINE_INITIALS:
                found.append(Mention(text[item_start:item_end], item_start, item_end, kind, "listed-line"))
    return found


#: what closes a list of lines named by their initials: 等, up to four characters of words, and the line word
#: ('集二、京包、包兰等国家铁路干线', 'A、B等高速公路').
_LINES_AFTER_DENG = re.compile(r"等[\u4e00-\u9fff]{0,4}?(铁路|高铁|高速公路|高速)")
#: the kind each of those line words says (高速 closes such a list, though it closes no list of sections).
_DENG_LINE_KINDS = {"铁路": "railway", "高铁": "railway", "高速公路": "road", "高速": "road"}
#: the forms a line named by its ends' initials is recorded under, by the kind the closing word says.
_INITIALS_FORMS = {"railway": ("铁路", "线"), "road": ("高速", "高速公路")}
#: longest run read back from 等, in characters.
MAX_DENG_LIST = 40


def _recorded_lines_listed(text: str, finder: Any) -> list[Mention]:
    """'集二、京包、包兰等国家铁路干线': a 、-list closed by 等 and a line word, whose every item is a line the
    gazetteer records by those initials (item + 铁路 / 线, item + 高速): each item is a mention of that line (the
    first item read back from its end: a verb may stand before it)."""
    found: list[Mention] = []
    position = text.find("等")
    while position >= 0:
        closing = _LINES_AFTER_DENG.match(text, position)
        if closing is not None and text[position - 1 : position] not in ("", "、"):
            kind = _DENG_LINE_KINDS[closing.group(1)]
            items = _initials_items(text, position, kind, finder)
            found.extend(items if len(items) >= 2 else ())
        position = text.find("等", position + 1)
    return found


def _initials_items(text: str, end: int, kind: str, finder: Any) -> list[Mention]:
    """The items of the 、-list ending at ``end`` when each names a recorded line of ``kind`` by its initials; none
    when one does not."""
    low = max(0, end - MAX_DENG_LIST)
    start = end - _LIST_RUN_BACK.match(text[low:end][::-1]).end()  # type: ignore[union-attr]
    parts, position = [], start
    for part in text[start:end].split("、"):
        parts.append((position, position + len(part)))
        position += len(part) + 1
    if len(parts) < 2:
        return []
    items: list[Mention] = []
    for index, (item_start, item_end) in enumerate(parts):
        lengths = range(min(MAX_LINE_INITIALS, item_end - item_start), 1, -1) if index == 0 else (None,)
        for length in lengths:
            first = item_end - length if length else item_start
            name = text[first:item_end]
            ids = next(
                (found for form in _INITIALS_FORMS[kind] if (found := finder.ids(name + form))),
                (),
            )
            if ids and all(pid.startswith(f"{kind}:") for pid in ids):
                items.append(Mention(name, first, item_end, kind, "listed-line", tuple(ids)))
                break
        else:
            return []
        if len(items) != index + 1:
            return []
    return items


#: 河 and a word of a river's parts and banks ('X河下游', 'X河流域'): after one, a two-character 'X河' is a river.
#: The pattern opens with 河 (no look-behind for the character before it): the regex engine then jumps from one
#: 河 to the next instead of trying every position.
_RIVER_PART = re.compile(r"河(?:上游|中游|下游|流域|干流|支流|沿岸|两岸|水系|左岸|右岸)")


#: ids of waters the gazetteer knows by name.
_WATER_ID_PREFIXES = ("river:", "lake:", "reservoir:")


def _short_rivers(text: str, finder: Any) -> list[Mention]:
    """A river of a two-character name ('黑河下游', '音河流域'): 'X河' before a word of a river's parts, where the
    segmenter reads 'X河' as a place name of its own and the gazetteer knows a place named after the river (the
    city 黑河, the township 音河) but no water of that name; a longer name is the suffix rule's."""
    found: list[Mention] = []
    if "河" not in text:
        return found
    for match in _RIVER_PART.finditer(text):
        start, end = match.start() - 1, match.start() + 1
        if start < 0 or not is_han(text[start]):
            continue  # 'X河' needs a character X of a name
        ids = finder.ids_or_short(text[start:end])
        if not ids or any(pid.startswith(_WATER_ID_PREFIXES) for pid in ids):
            continue  # no place of that name ('江河流域'), or the gazetteer's own river or lake
        word, flag = next(((w, f) for w, f, s in _words_at(text, start, end) if s == start), ("", ""))
        if word == text[start:end] and flag in PLACE_FLAGS:
            found.append(Mention(word, start, end, "river", "river-part"))
    return found


def _words_at(text: str, start: int, end: int) -> list[tuple[str, str, int]]:
    """The words segmented around ``text[start:end]`` with their starts."""
    left = max(0, start - 4)
    position, words_at = left, []
    for word, flag in tag(text[left : min(len(text), end + 4)]):
        words_at.append((word, flag, position))
        position += len(word)
    return words_at


#: verbs that set up, rename or attach an administrative unit in a sentence of history ('设X县', '属X省',
#: '史称X旗', '称谓为X矿区'), longest first; the unit named after one is a place, former or not.
_UNIT_VERBS = "称谓为|改设为|设立|设置|改设|析置|改为|改称|史称|古称|旧称|也称|称为|隶属于|隶属|归属|划归|属于|设|置|属|称"
#: the class words of such a unit and the type each gives (a former county or mining district was a banner-level
#: unit; a province, a province; a 州 of old, a wider unit).
_UNIT_CLASSES = {"县": "banner", "旗": "banner", "矿区": "banner", "省": "province", "州": "other"}
#: the longest name of such a unit before its class word, in characters.
_MAX_UNIT_STEM = 10
_FORMER_UNIT = re.compile(
    rf"(?:{_UNIT_VERBS})(?:(?P<stem>[\u3400-\u9fff]{{2,{_MAX_UNIT_STEM}}}?)(?P<cls>{'|'.join(_UNIT_CLASSES)})"
    r"|(?P<old>[\u3400-\u9fff])(?P<zhou>州))(?=[^\u3400-\u9fff]|$|[、和与])"
)
#: the characters the verbs start with: where a former unit can start.
_UNIT_VERB_STARTS = frozenset(verb[0] for verb in _UNIT_VERBS.split("|"))
#: the most characters from a former unit's verb to the end of its class word.
_FORMER_UNIT_REACH = max(map(len, _UNIT_VERBS.split("|"))) + _MAX_UNIT_STEM + max(map(len, _UNIT_CLASSES))
#: common words ending in a one-character verb of the rule ('建设' ends in 设, '金属' in 属, '名称' in 称): no unit
#: is set up, attached or named after them.
_WORDS_ENDING_IN_A_VERB = frozenset(
    {
        "建设",
        "配置",
        "布置",
        "安置",
        "处置",
        "购置",
        "闲置",
        "金属",
        "附属",
        "名称",
        "号称",
        "堪称",
        "声称",
        "人称",
    }
)
#: characters that end the verb's reach: no unit's name holds a function word or a count.
_NOT_IN_UNIT = frozenset("的了是在与及或等各每全本我该其这那个级一二三四五六七八九十")


def _former_unit_starts(text: str, hits: WordHits) -> list[int]:
    """Where a former unit (:data:`_FORMER_UNIT`) can start: a verb's first character at most
    :data:`_FORMER_UNIT_REACH` characters before a class word that ends a name (before a character other than a CJK
    one, a list mark, a conjunction) — class words are far rarer than the verbs' characters ('设' of every '建设')."""
    starts: set[int] = set()
    for _, end in hits.starts(tuple(_UNIT_CLASSES)):
        if end < len(text) and "\u3400" <= text[end] <= "\u9fff" and text[end] not in "和与":
            continue
        starts.update(
            start
            for start in range(max(0, end - _FORMER_UNIT_REACH), end)
            if text[start] in _UNIT_VERB_STARTS
        )
    return sorted(starts)


def _former_units(text: str, finder: Any, hits: WordHits) -> list[Mention]:
    """Units named after a verb that sets up, renames or attaches them ('设赤峰县', '属热河省', '史称X旗',
    '称谓为X矿区、', '古称X州': a 州 of old has a one-character name), ending where a name ends (punctuation, a
    list mark, a conjunction): former units the gazetteer lacks, named in the sentences of a text's history
    (``hits``: where the class words are)."""
    found: list[Mention] = []
    for match in matches_from(_FORMER_UNIT, text, _former_unit_starts(text, hits)):
        if text[max(0, match.start() - 1) : match.start() + 1] in _WORDS_ENDING_IN_A_VERB:
            continue  # '建设健康X旗': 设 ends the verb 建设 (to build), no unit is set up
        stem, kind = match.group("stem"), match.group("cls")
        if stem is None:
            stem, kind = match.group("old"), match.group("zhou")
        elif _NOT_IN_UNIT.intersection(stem) or not is_proper_stem(stem) or _one_prose_word(stem):
            continue  # '建设达标县': the stem is one dictionary verb, no unit's name
        start, end = match.end() - len(stem) - len(kind), match.end()
        if (
            finder.ids_or_short(text[start:end])
            or stem in _NOT_IN_UNIT
            or _known_chain(text, start, end, finder)
        ):
            continue
        found.append(Mention(text[start:end], start, end, _UNIT_CLASSES[kind], "former-unit"))
    return found


def _known_chain(text: str, start: int, end: int, finder: Any) -> bool:
    """Whether ``text[start:end]`` is two known names written one after the other ('属内蒙古额济纳旗': a unit's
    address, its province and itself), not one former unit's name."""
    return any(
        finder.ids_or_short(text[start:cut]) and finder.ids_or_short(text[cut:end])
        for cut in range(start + 2, end - 1)
    )


def names_former_unit(text: str, end: int) -> bool:
    """Whether a unit named after a verb of setting up or renaming ends at ``end`` ('置X县', '改称X旗'): the former
    units' rule reads it (:func:`_former_units`), the verb no part of the name."""
    return any(m.end() == end for m in _FORMER_UNIT.finditer(text, max(0, end - 16), min(len(text), end + 1)))


def _one_prose_word(stem: str) -> bool:
    """Whether ``stem`` is one dictionary word of a kind no name is (a verb, an adjective, an adverb: '达标')."""
    words = tag(stem)
    return len(words) == 1 and known(stem) and words[0][1] in NOT_NAME_FLAGS


#: a railway line named by its ends' initials and 线 ('京包线', '牙林线'), looked for where 线 ends a word.
_LINE = re.compile(r"[\u3400-\u9fff]{2,4}线(?![路网段上下])")
#: the word that ends such a line's name, looked for first (the name starts two to four characters before it).
_LINE_WORD = "线"
_LINE_OFFSETS = (2, 3, 4)
#: characters of ordinals and track words, no line's ends ('第二复线', '双线', '一线').
_NOT_IN_LINE = frozenset("第复双单一")
#: words of a sentence about railways.
_RAIL_CONTEXT = re.compile(r"铁路|铁道|列车|火车|车站|客运|货运")


#: the dashes a page may write between two initials (a long dash, doubled or not, a hyphen, an en dash).
_DASHES = "—－-–"
#: two initials joined by a dash, then a line word ('临——策铁路', '包-银高铁'): a line named by its ends' initials,
#: written apart.
_DASHED_INITIALS = re.compile(
    rf"([\u4e00-\u9fff])[{re.escape(_DASHES)}]{{1,2}}([\u4e00-\u9fff])(铁路|高铁|高速公路|高速|线)"
)


def _dashed_initial_lines(text: str, finder: Any) -> list[Mention]:
    """A line the gazetteer records by its ends' initials written with a dash between them ('临——策铁路' for
    临策铁路): one mention of that line; none where the joined form names no record ('A—B线' of two places)."""
    found: list[Mention] = []
    if not any(dash in text for dash in _DASHES):
        return found
    for match in _DASHED_INITIALS.finditer(text):
        first, second, word = match.groups()
        ids = finder.ids(first + second + word)
        if ids and all(pid.startswith(("railway:", "road:")) for pid in ids):
            kind = "railway" if ids[0].startswith("railway:") else "road"
            found.append(Mention(match.group(), match.start(), match.end(), kind, "line:initials", ids))
    return found


def _initial_lines(text: str, finder: Any) -> list[Mention]:
    """Railway lines named by their ends' initials and 线 ('X线' beside '…铁路' or '列车'): the shortest tail of two
    to four different characters, each the first character of a place's name or a province's abbreviation, that
    is no dictionary word (not '主线', '中轴线'); in a sentence about railways; not the end of a corridor ('A至B线')."""
    found: list[Mention] = []
    if "线" not in text:
        return found
    for match in finditer_anchored(_LINE, text, _LINE_WORD, _LINE_OFFSETS):
        end = match.end()
        for length in range(2, min(4, end - 1 - match.start()) + 1):
            start = end - 1 - length
            stem = text[start : end - 1]
            if (
                len(set(stem)) != length
                or not finder.initials.issuperset(stem)
                or _NOT_IN_LINE.intersection(stem)
            ):
                continue  # an ordinal or a track word ('第二复线', '一线') is no line's end
            if known(stem) or known(stem + "线") or (start and text[start - 1] in CORRIDOR_BREAKS):
                break
            if finder.ids(text[start:end]):
                break  # a line the gazetteer knows ('集通线' in '…村北集通线'): its name stands, no longer tail
            if not at_word_bounds(text, start, end):
                continue  # '增建二线', '完善干线': the tail starts inside a word
            if common_words_only(text, start, end):
                break  # '交通干线': common words of the dictionary, the last ending with 线, name no line's ends
            if _RAIL_CONTEXT.search(sentence_at(text, start)):
                found.append(
                    Mention(
                        text[start:end], start, end, "railway", "line:initials", finder.ids(text[start:end])
                    )
                )
            break
    return found


#: a city's ring road named by its side and number ('北二环', '东三环路'), or by its number alone from the second on
#: ('三环路', '二环'; not after an ordinal or a count; 环 and the character after it forming a word of the
#: dictionary is that word, no ring: '西二环保护', '三环节', '一环扣一环').
_RING_ROAD = re.compile(
    r"(?:[东西南北][一二三四五]|(?<![一二三四五六七八九十百\d第每])[二三四五])环(?:快速路|路|线)?"
)
#: the character a ring road's name holds third (looked for first: it is rare).
_RING = "环"
#: a city's bypass named by its side ('南绕城一级公路', '北绕城公路', '东绕城高速') or alone ('绕城高速', the one of the
#: text's city): a grade and a road word after it.
_SIDE_BYPASS = re.compile(r"[东西南北]{0,2}绕城(?:一级|二级|快速)?(?:高速公路|高速|公路|快速路)")
_BYPASS = "绕"


_RING_NUMERALS = "一二两三四五六七八九十"
#: an item of a 、-list: a numeral then a word other than a ring's ('两纵', '三枢纽').
_COUNT_ITEM = re.compile(f"[{_RING_NUMERALS}][\u4e00-\u9fff]{{1,3}}")


def _in_a_list_of_counts(text: str, start: int, end: int) -> bool:
    """Whether the ring name at ``text[start:end]`` stands in a 、-list beside a count of something else ('一横、两纵、
    四环、三枢纽'): a count of the network's parts, not the ring road."""
    before = text[max(0, start - 5) : start]
    after = text[end : end + 5]
    neighbours = []
    if before.endswith("、"):
        neighbours.append(re.split(r"[^\u4e00-\u9fff]", before[:-1])[-1])
    if after.startswith("、"):
        neighbours.append(re.split(r"[^\u4e00-\u9fff]", after[1:])[0])
    return any(_COUNT_ITEM.fullmatch(item) and item[1] != _RING for item in neighbours)


def _ring_roads(text: str) -> list[Mention]:
    """A city's ring road named by its side and number ('北二环', '东三环路') or its number alone ('三环路'), and a
    bypass named by its side ('南绕城一级公路'): a road of the plan's city."""
    found = []
    for match in finditer_anchored(_RING_ROAD, text, _RING, (1, 2)):
        word = text[match.end() - 1 : match.end() + 1]
        if match.group().endswith(_RING) and len(word) == 2 and known(word):
            continue  # '西二环保护', '三环节': 环 starts a word of its own
        if match.group()[0] in _RING_NUMERALS and _in_a_list_of_counts(text, match.start(), match.end()):
            continue  # '一横、两纵、四环': counts of the network's parts, no ring road
        found.append(Mention(match.group(), match.start(), match.end(), "road", "ring-road"))
    for match in finditer_anchored(_SIDE_BYPASS, text, _BYPASS, (0, 1, 2)):
        found.append(Mention(match.group(), match.start(), match.end(), "road", "ring-road"))
    return found


#: longest short form of a town looked for after its banner ('巴音宝力格' of 巴音宝力格镇).
MAX_TOWN_STEM = 6


def _towns_after_banner(text: str, mentions: Sequence[Mention], finder: Any) -> list[Mention]:
    """A town written by its short form right after its own banner ('X旗巴音宝力格…', '鄂托克前旗城川、'): the banner
    vouches for the short form whatever follows it; a town of another banner is not taken."""
    starts = {m.start for m in mentions}
    found: list[Mention] = []
    towns_of: dict[tuple[str, ...], tuple[str, ...]] = {}  # by the mention's ids (a name's ids are one tuple)
    for mention in mentions:
        if mention.end in starts:
            continue
        towns = towns_of.get(mention.place_ids)
        if (
            towns is None
        ):  # ids of the towns of the banners the mention names ('banner:150626' -> 'town:150626:')
            towns = tuple(
                f"town:{pid.split(':')[1]}:" for pid in mention.place_ids if pid.startswith("banner:")
            )
            towns_of[mention.place_ids] = towns
        if not towns:
            continue
        for length in range(MAX_TOWN_STEM, 1, -1):
            stem = text[mention.end : mention.end + length]
            if len(stem) < length or not is_han(stem[-1]) or not (named := finder.ids_or_short(stem)):
                continue  # most stems name nothing: no ids to sort through
            ids = tuple(pid for pid in named if pid.startswith(towns))
            if ids:
                found.append(Mention(stem, mention.end, mention.end + length, None, "town-after-banner", ids))
                break
    return found


#: a cross-border zone named by the places on both sides ('中蒙X—Y经济合作区', 'X—Y互市贸易区').
_PAIRED_ZONE = re.compile(
    r"(?P<a>[\u3400-\u9fff]{2,8})[—－–-](?P<b>[\u3400-\u9fff]{2,8}?)"
    r"(?P<kind>跨境经济合作区|经济合作区|合作区|互市贸易区|贸易区)"
)


#: the words a paired zone's kind ends with: where a paired zone is looked for.
_PAIRED_ZONE_ENDS = ("合作区", "贸易区")
#: the countries a cross-border zone joins, written before it ('中蒙', '中俄').
_COUNTRIES_BEFORE = re.compile(r"中[蒙俄]{1,2}$")


def _paired_zones(text: str, mentions: Sequence[Mention], finder: Any, hits: WordHits) -> list[Mention]:
    """A cross-border zone named by the places on both sides ('中蒙二连浩特—扎门乌德经济合作区'): both sides are
    gazetteer names (ours and the foreign one); the whole span, with the countries' prefix, is one park located
    by our side."""
    found: list[Mention] = []
    for match in _near(text, hits.spans(_PAIRED_ZONE_ENDS), _PAIRED_ZONE, before=20):
        a, b = match.group("a"), match.group("b")
        a_start = match.start("a")
        for cut in range(len(a) - 1):  # the name of our side ends the run before the dash ('推动…二连浩特')
            if finder.ids_or_short(a[cut:]):
                a, a_start = a[cut:], a_start + cut
                break
        else:
            continue
        if not finder.ids_or_short(b):
            continue
        countries = _COUNTRIES_BEFORE.search(text, max(0, a_start - 3), a_start)
        start = countries.start() if countries else a_start
        found.append(
            Mention(
                text[start : match.end()],
                start,
                match.end(),
                "park",
                "zone:paired",
                (),
                a,
                finder.ids_or_short(a),
            )
        )
    return found


#: a station named by its place and a direction ('X东站', 'X南站'), and what must not follow it (站点, 站台 …).
_DIRECTIONAL_STATION = re.compile(r"[东西南北]站(?![点台长区])")
#: the word that ends a station's name (looked for first: it is rarer than the directions).
_STATION_WORD = "站"
#: place types whose name with a direction names a railway station.
_STATION_PLACES = ("league:", "banner:", "town:", "neighbour:", "province:")


def _directional_stations(text: str, mentions: Sequence[Mention], finder: Any) -> list[Mention]:
    """Railway stations named by a place and a direction ('X东站', 'X南站'): the place is a gazetteer admin
    unit or town ending right before; the station's own record is taken when the gazetteer has it."""
    by_end = {m.end: m for m in mentions if m.place_ids}
    found: list[Mention] = []
    for match in finditer_anchored(_DIRECTIONAL_STATION, text, _STATION_WORD, (1,)):
        place = by_end.get(match.start())
        if place is None or not any(pid.startswith(_STATION_PLACES) for pid in place.place_ids):
            continue
        surface = text[place.start : match.end()]
        found.append(
            Mention(
                surface,
                place.start,
                match.end(),
                "station",
                "station:direction",
                finder.ids(surface),
                place.surface,
                place.place_ids,
            )
        )
    return found


#: a road named by a name and a number ('草原 1 号公路', '阿尔山 2 号旅游公路').
_NUMBERED_ROAD = re.compile(r"(\d{1,3})\s*号(?:旅游)?(?:公路|风景道)")
#: the words after a numbered road's number: where a numbered road is looked for.
_NUMBERED_ROAD_WORDS = tuple(f"号{tourist}{road}" for tourist in ("旅游", "") for road in ("公路", "风景道"))


def _near(
    text: str, anchors: list[tuple[int, int]], pattern: re.Pattern[str], before: int = 8
) -> list[re.Match[str]]:
    """The matches of ``pattern`` that hold one of the ``anchors``, spans of fixed words (:class:`WordHits`: the
    one scan of the text found them; scanning the text for a digit run at every digit costs more)."""
    found: list[re.Match[str]] = []
    for anchor_start, anchor_end in anchors:
        match = pattern.search(text, max(0, anchor_start - before), anchor_end + 8)
        if (
            match is not None
            and match.start() <= anchor_start < match.end()
            and (not found or match.start() >= found[-1].end())
        ):
            found.append(match)
    return found


def _numbered_roads(
    text: str, known_at: dict[int, Mention], named_end: dict[int, Mention], finder: Any, hits: WordHits
) -> list[Mention]:
    """Roads named by a name and a number ('X 99 号公路'): X is a gazetteer name, a kind of land the road
    crosses (草原) or a proper name; the whole span is the road."""
    found: list[Mention] = []
    for match in _near(text, hits.spans(_NUMBERED_ROAD_WORDS), _NUMBERED_ROAD):
        name_end = match.start()
        while name_end > 0 and text[name_end - 1] == " ":
            name_end -= 1
        window, stopped_by = _stem_start(text, name_end)
        if stopped_by == "limit":
            continue
        window = _trimmed(text, window, name_end, known_at)
        start = _name_before(text, window, name_end, named_end, finder)
        if start is None and text[window:name_end] in _LAND_WORDS:
            start = window
        if start is None:
            continue
        found.append(_qualified(text, start, name_end, match.end(), "road", "numbered-road", finder))
    return found


def _place_in(
    text: str, start: int, end: int, places: list[Mention], named: list[Mention], finder: Any
) -> tuple[str | None, tuple[str, ...]]:
    """The place a facility's name holds (its qualifier): a gazetteer name found in it, a suffix name's own
    qualifier ('朱日和' of 朱日和工业园区), else the leftmost longest gazetteer name or short form of three or more
    characters inside it ('白音华' in 苏能白音华电厂)."""
    if places:
        return places[0].surface, places[0].place_ids
    for mention in named:
        if mention.qualifier_ids:
            return mention.qualifier, mention.qualifier_ids
    for first in range(start, end - 2):
        for last in range(end, first + 2, -1):
            ids = finder.ids_or_short(text[first:last])
            if ids:
                return text[first:last], ids
    return None, ()


def _spur_lines(
    text: str, known_at: dict[int, Mention], mentions: Sequence[Mention], finder: Any
) -> list[Mention]:
    """Spur railways named after the mine, plant or park they serve ('X露天矿铁路', 'X煤化工铁路专用线'): X holds a
    gazetteer place or a proper name; a line between two places ('A至B铁路') is a corridor, not a spur."""
    found: list[Mention] = []
    by_start = sorted(mentions, key=attrgetter("start"))
    starts = [m.start for m in by_start]
    for match in finditer_anchored(_SPUR, text, _SPUR_ANCHOR, _SPUR_OFFSETS):
        start = match.start()
        while start > 0 and match.start() - start < MAX_SPUR_NAME:
            char = text[start - 1]
            if char in STEM_BREAKS or char in CORRIDOR_BREAKS or not is_han(char):
                break  # 和 ends no owner's name here: '朱日和工业园区铁路'
            start -= 1
        if start > 0 and text[start - 1] in CORRIDOR_BREAKS:
            continue
        start = _trimmed(text, start, match.start(), known_at)
        if (whole := known_at.get(start)) is not None and whole.end == match.end() and whole.place_ids:
            continue  # the spur is a record of its own ('海勒斯壕铁路专用线'): the gazetteer's match stands
        before = [
            m
            for m in by_start[bisect_left(starts, start) : bisect_left(starts, match.start())]
            if m.end <= match.start()
        ]
        places = [m for m in before if m.place_ids]
        named = [m for m in before if m.type or m.qualifier]
        owner = text[start : match.start()]
        while owner.endswith(_FACILITY_WORDS):  # '黑猫煤化工有限公司' -> '黑猫'
            owner = owner[: -len(next(w for w in _FACILITY_WORDS if owner.endswith(w)))]
        # 'X煤化工铁路专用线': a facility called a spur needs no name check; a spur without a facility word needs a
        # place or a name in X ('乌兰陶勒盖铁路专用线', not '大宗货物运输铁路专用线')
        spur_word = match.group(1) != "铁路" and (
            match.group(1) is not None or not common_words_only(text, start, match.start())
        )
        if match.group(1) is None and any(m.end < match.start() for m in named):
            continue  # '…经济合作区跨境铁路专用线': a line of a named place, not a line named after its owner
        if not (places or named or holds_name_word(text, start, match.start())) and not (
            spur_word and is_proper_stem(owner)
        ):
            continue
        if not owner or is_generic(owner):
            continue
        qualifier, ids = _place_in(text, start, match.start(), places, named, finder)
        found.append(
            Mention(text[start : match.end()], start, match.end(), "railway", "spur", (), qualifier, ids)
        )
    return found


#: id prefixes of the units whose name, written right before a named feature, is part of its name.
_PREFIX_UNITS = ("banner:", "town:")
#: id prefixes of places that are units themselves (a unit after a unit is two mentions: '乌兰察布市四子王旗').
_UNIT_IDS = ("province:", "league:", "banner:", "town:", "village:", "neighbour:", "region:")
#: suffix types that are units, not named features.
_UNIT_TYPES = frozenset({"town", "village", "street"})
#: id prefixes of features that span several units (a unit before them names a stretch, not part of the name:
#: '准格尔旗黄河' is the 黄河 in 准格尔旗).
_SPANNING_IDS = (
    "river:", "mountain:", "desert:", "sandy_land:", "grassland:", "lake:", "road:", "railway:", "corridor:",
    "foreign:",
)  # fmt: skip


def admin_prefixed(mentions: list[Mention]) -> list[Mention]:
    """A banner or town written right before a place named with its unit (``UNIT_NAMED_IDS``: 'X旗' + '工业园区')
    is part of that one outermost mention, as a suffix name's is ('巴音镇查干布尔嘎斯沟'): the
    feature keeps its records, the unit becomes its qualifier.  Before a place with a name of its own
    ('阿尔山市' + '阿尔山机场') the unit is its address: two mentions."""
    return merged_with_prefix(mentions, _names_with_its_unit)


#: id prefixes of the units whose ring roads and bypasses are named with them ('呼和浩特三环快速路', 'X旗南绕城公路').
_RING_ROAD_UNITS = ("league:", "banner:")


def _names_with_its_unit(unit: Mention, mention: Mention) -> bool:
    if mention.rule == "ring-road":
        # a city's ring road or bypass written after the city is that city's: one road mention, the city its qualifier
        return bool(
            unit.type is None
            and unit.place_ids
            and all(pid.startswith(_RING_ROAD_UNITS) for pid in unit.place_ids)
        )
    return bool(
        unit.type is None
        and unit.place_ids
        and all(pid.startswith(_PREFIX_UNITS) for pid in unit.place_ids)
        and mention.place_ids
        and all(pid.startswith(UNIT_NAMED_IDS) for pid in mention.place_ids)
        and mention.type not in _UNIT_TYPES
        and is_generic(mention.surface)
    )


def _stem_start(text: str, end: int) -> tuple[int, str]:
    """Walk back from ``end`` over CJK characters (at most :data:`MAX_NAME`); the start and what stopped it."""
    position = end
    while position > 0 and end - position < MAX_NAME:
        char = text[position - 1]
        if char in _NAME_BREAKS or not is_han(char):
            return position, char
        position -= 1
    return position, "limit" if position > 0 and is_han(text[position - 1]) else ""


def _trimmed(text: str, start: int, end: int, known_at: dict[int, Mention]) -> int:
    """``start`` moved past the verbs and modifiers in front of a name ('重点推进鸿盛' -> '鸿盛')."""
    start = after_last_verb(text, start, end, known_at)
    return start + leading_trim(text[start:end])


#: jieba flags of a word that is an action, not a station's name ('改造', '新建').
_VERB_FLAGS = frozenset({"v", "vd", "d", "p", "c", "u", "m", "q", "r"})
#: marks before an item of a list ('X 500 千伏、Y 220 千伏及Z 110 千伏').
_LIST_MARKS = frozenset("、及和")


def _listed_station(stem: str) -> bool:
    """A list item naming a station: two to four characters, none a counter, function or direction-only word."""
    if not (2 <= len(stem) <= 4) or IMPROPER_CHARS.intersection(stem) or stem[0] in _NOT_FIRST:
        return False
    words = tag(stem)
    return not (len(words) == 1 and words[0][1] in _VERB_FLAGS)  # '新建及改造 220 千伏变电站': a verb


def _station_name(stem: str) -> bool:
    """A station's name: two to six characters, not only kind words, no counters or function characters."""
    return 2 <= len(stem) <= 6 and not is_generic(stem) and not IMPROPER_CHARS.intersection(stem)


def _name_before(
    text: str, window: int, end: int, named_end: dict[int, Mention], finder: Any, initials: bool = False
) -> int | None:
    """Where the longest name ending at ``end`` inside ``text[window:end]`` starts: a name found there already,
    a gazetteer name or short form, a run of places' initials ('呼包银榆', with ``initials``), or one word the
    segmenter tags as a proper name ('长江', '北二环'); None when none stands there."""
    found = named_end.get(end)
    if found is not None and found.start >= window:
        return found.start
    while window < end and text[window] in _NOT_FIRST:
        window += 1  # '五大区块', '四片区': a count, not a name
    if _COUNT_END.search(text, window, end):
        return None  # '矿区四大区块': the kinds counted, no name
    for start in range(window, end - 1):
        run = text[start:end]
        if finder.ids_or_short(run) or (
            # a run of initials starts a word: '海联运' of '陆海联运' is no initials' run
            initials and _is_initials(run, finder.initials) and at_word_bounds(text, start, start)
        ):
            return start
    for start in range(window, end - 1):
        words = tag(text[start:end])
        if (
            len(words) == 1
            and words[0][1] in PLACE_FLAGS
            and not is_generic(words[0][0])
            and text[end - 1] not in _NOT_FIRST  # '游四片区': a count, not a name
        ):
            return start
    return None


def _grid_works(
    text: str, known_at: dict[int, Mention], named_end: dict[int, Mention], finder: Any, hits: WordHits
) -> list[Mention]:
    found: list[Mention] = []
    for match in _near(text, hits.spans(_VOLTAGE_UNITS), _VOLTAGE):
        name_end = match.start()
        while name_end > 0 and text[name_end - 1] == " ":
            name_end -= 1
        start, stopped_by = _stem_start(text, name_end)
        if stopped_by in CORRIDOR_BREAKS or stopped_by == "limit":
            continue  # 'A至B 500 千伏线路' is a corridor; a cut word is no name
        listed = start > 0 and text[start - 1] in _LIST_MARKS
        if listed and _listed_station(text[start:name_end]):
            pass  # a list item 'X 220 千伏' is a station's name as written, even a word ('联通', '科技城')
        else:
            start = _trimmed(text, start, name_end, known_at)
            if not _station_name(text[start:name_end]):
                continue
        end = match.end() if match.group(2) else name_end
        found.append(Mention(text[start:end], start, end, "power_line", "grid:voltage"))
    for match in _STATION_WORK.finditer(text):
        start, stopped_by = _stem_start(text, match.start())
        if stopped_by == "limit" or not _GRID_CONTEXT.search(sentence_at(text, match.start())):
            continue  # a station works only in a sentence about the grid ('电网强化工程：X站扩建')
        start = _trimmed(text, start, match.start(), known_at)
        if (
            not _station_name(text[start : match.start()])
            or text[max(0, start - 3) : start].rstrip()[-1:].isdigit()
        ):
            continue  # '500 千伏站扩建': a voltage, the station's name is before it
        found.append(
            _qualified(text, start, match.start(), match.start() + 1, "power_line", "grid:station", finder)
        )
    for match in _UHV.finditer(text):
        window, stopped_by = _stem_start(text, match.start())
        if stopped_by in CORRIDOR_BREAKS:
            continue  # '张北—胜利特高压交流工程' is a corridor
        window = _trimmed(text, window, match.start(), known_at)
        start = _name_before(text, window, match.start(), named_end, finder)
        if start is None:
            continue  # '新开辟特高压外送通道', '1000 千伏特高压': no name before it
        found.append(_qualified(text, start, match.start(), match.end(), "power_line", "grid:uhv", finder))
    return found


def _qualified(text: str, start: int, name_end: int, end: int, kind: str, rule: str, finder: Any) -> Mention:
    """The feature's mention; a gazetteer name before its class word is its qualifier (locates it)."""
    name = text[start:name_end]
    ids = finder.ids_or_short(name)
    return Mention(text[start:end], start, end, kind, rule, (), name if ids else None, ids)


def _is_initials(run: str, initials: Collection[str]) -> bool:
    """'呼包银榆', '中蒙俄': two to six different characters, each the first character of a place's name."""
    return 2 <= len(run) <= 6 and len(set(run)) == len(run) and all(c in initials for c in run)


def _zones(
    text: str, known_at: dict[int, Mention], named_end: dict[int, Mention], finder: Any, hits: WordHits
) -> list[Mention]:
    found: list[Mention] = []
    for word_start, word_end in hits.spans(tuple(ZONE_WORDS)):
        word = text[word_start:word_end]
        kind = ZONE_WORDS[word]
        window, stopped_by = _stem_start(text, word_start)
        if stopped_by == "limit":
            continue
        window = _trimmed(text, window, word_start, known_at)
        name_end = word_start
        for qualifier in _BELT_QUALIFIERS:
            if kind == "corridor" and text.startswith(qualifier, name_end - len(qualifier)):
                name_end -= len(qualifier)
                break
        # belts and rings of cities are named by their cities' initials ('呼包鄂榆经济圈')
        initials = kind == "corridor" or word.endswith("圈")
        start = _name_before(text, window, name_end, named_end, finder, initials=initials)
        if start is None:
            continue
        whole = named_end.get(word_end)
        if whole is not None and whole.start <= start:
            continue  # the class word ends a known name as long or longer ('中原城市群', '成渝地区双城经济圈')
        found.append(_qualified(text, start, name_end, word_end, kind, f"zone:{word}", finder))
    return found


#: the fixed words the feature rules are anchored on: the mention finder's automaton looks for them in its one pass
#: over the text, and each rule reads their spans from :class:`WordHits` instead of scanning the text again.
FEATURE_WORDS = (
    *ZONE_WORDS,
    *_VOLTAGE_UNITS,
    *_DYNASTY_WALLS,
    *_LIST_LINE_KINDS,
    *_PAIRED_ZONE_ENDS,
    *_NUMBERED_ROAD_WORDS,
    *_NAMING_QUOTES,
    *_UNIT_CLASSES,
)
