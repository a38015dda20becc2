"""Word boundaries and parts of speech around suffix-rule candidates, from jieba (model inside its package).

A name found by its suffix (X湖, X沙漠, X口岸, X开发区 …) is kept only when it is a name: it ends where a word
ends (种羊湖 in 种羊湖羊 ends inside the word 湖羊) and X meets no dictionary verb, adverb, adjective or function word
of two or more characters (阻止沙漠, 法律允许开发区, 壮大泛口岸).  Single characters are not judged: jieba splits
transliterated Mongolian names it does not know into odd single-character words (新忽热 -> 新/忽/热).
jieba is loaded lazily, on the first candidate; only short windows around candidates are segmented.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from geoplan.geocode.cut import Cutter

#: an ordinal ('第四', '第1'): what follows it is counted ('第四大淡水湖', '第一站'), or a subdistrict's full name
#: ('第四街道'); one source for every rule that reads ordinals.
ORDINAL = "第[一二三四五六七八九十百0-9]+"
#: an ordinal ending where a search ends (a name's or a class word's start).
ORDINAL_END = re.compile(f"{ORDINAL}$")

#: jieba part-of-speech flags of words that are never part of a place name (verbs, adverbs, adjectives,
#: pronouns, prepositions, conjunctions, particles, idioms, place words such as 境内 and 地处).
NOT_NAME_FLAGS = frozenset(
    {"v", "vd", "vn", "a", "ad", "an", "d", "r", "p", "c", "u", "l", "i", "m", "q", "s"}
)
#: flags of one-character words that never sit inside a name, even a transliterated one: prepositions and
#: structural particles ('满都拉口岸在同类口岸' is two spans glued by 在); conjunctions are not among them (和 is
#: read as one inside Mongolian names: 额和宝力格).
GLUE_FLAGS = frozenset({"p", "u", "uj", "ul", "uz", "ug", "ud", "uv"})
#: jieba flags of proper names (place, person, organisation, other proper nouns, abbreviations).
NAME_FLAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j"})
#: flags of a word ending in such a suffix that is a name (东路, 北街, 天津港 ns; 呼锡路 nr), not 集成电路 (nz).
STREET_FLAGS = frozenset({"ns", "nr", "nrt"})
#: locatives jieba joins to a street suffix before them ('路南', '路北', '路下'): the street's name ends before them.
_LOCATIVES = frozenset("东西南北上下内外")
#: shore words jieba joins to a water's class word before them ('湖畔', '河岸', '海边'): the name ends before them.
_SHORES = frozenset("畔岸边")
#: characters of context segmented on each side of a candidate.
CONTEXT = 6


@lru_cache(maxsize=1)
def _posseg() -> Any:
    # imported here, not at the top: jieba's dictionary (seconds) loads only when text is segmented
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


@lru_cache(maxsize=1)
def _cutter() -> Cutter:
    # jieba's part-of-speech cut, the same words and flags, faster (cut.py); its dictionary loads with _posseg's
    return Cutter(_posseg())


def known(word: str) -> bool:
    """A word of jieba's dictionary (not one its HMM made up for an unknown run such as 呼准 or 独贵)."""
    return frequency(word) > 0


def frequency(word: str) -> int:
    """How often jieba's dictionary counts ``word`` (0 for a word it lacks)."""
    tokenizer = _posseg().dt.tokenizer
    tokenizer.check_initialized()  # the dictionary loads on first use: before it, every word reads as unknown
    return int(tokenizer.FREQ.get(word) or 0)


#: windows whose tags are kept: a pass over a long plan segments more than 4,096 distinct windows, and a smaller
#: least-recently-used cache then drops every window before it is asked again (the rules ask for a window more than
#: once per text).
TAG_CACHE_SIZE = 1 << 15


@lru_cache(maxsize=TAG_CACHE_SIZE)
def tag(window: str) -> tuple[tuple[str, str], ...]:
    """(word, flag) pairs of ``window``."""
    return tuple(_cutter().cut(window))


def forget_windows() -> None:
    """Drop the windows segmented so far and the segmenter's memos of the pieces of text in them."""
    tag.cache_clear()
    if _cutter.cache_info().currsize:
        _cutter().forget()


def tagged_spans(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, word, flag) of the words of ``text[start:end]``, the offsets in ``text``."""
    spans: list[tuple[int, int, str, str]] = []
    position = start
    for word, flag in tag(text[start:end]):
        spans.append((position, position + len(word), word, flag))
        position += len(word)
    return spans


def _not_name_word(word: str, flag: str) -> bool:
    """A dictionary word of a non-name kind, or a doubled status word ('茫茫'; jieba tags 湿地 a status word too)."""
    return flag in NOT_NAME_FLAGS or (flag == "z" and word[0] == word[1]) or naming_word(word)


#: last characters of the two-character words that introduce a name ('又称', '古称', '原名', '又名'): what follows
#: them is the name, whatever flag jieba gives the word (it tags 又称 a noun).
_NAMING_ENDS = frozenset("称名")


def naming_word(word: str) -> bool:
    """A two-character dictionary word that introduces a name ('又称X寺', '原名X', '简称X'): the name starts after it."""
    return len(word) == 2 and word[1] in _NAMING_ENDS and known(word)


#: flags of one-character words that end the prose before a name they are followed by, after a word of prose:
#: verbs ('人民政府驻X镇') and prepositions.
_PROSE_CHAR_FLAGS = frozenset({"v", "p"})
#: flags of one-character time words ('治今X镇': a place's present name), which end the prose wherever they stand.
_TIME_CHAR_FLAGS = frozenset({"t", "tg"})


def _prose_before(word: str, flag: str) -> bool:
    """A dictionary word of two or more characters that is no person's or place's name ('人民政府', not 雅尔 of
    '巴雅尔吐胡硕镇'): a one-character verb after it is prose, not a character of a transliteration."""
    return len(word) >= 2 and known(word) and (flag not in NAME_FLAGS or flag == "nt")


#: one-character verbs of having right after a known name ('X镇有明长城遗址'): what follows is what X has.
_HAVING = frozenset("有")
#: one-character verbs of being and belonging ('X属内陆高原', 'X为典型草原'): what follows says what X is.
_COPULAS = frozenset("属是为系")


def _common_word(word: str, flag: str) -> bool:
    """A dictionary word of two or more characters that is no name ('内陆', '典型'; not '燕山', '查干')."""
    return len(word) >= 2 and flag not in NAME_FLAGS and known(word)


def _name_word(word: str, flag: str) -> bool:
    """A word of two or more characters that names: a name flag, or a run jieba's dictionary lacks."""
    return len(word) >= 2 and (flag in NAME_FLAGS or not known(word))


#: one-character conjunctions that join clauses, never a name's first character ('但', '而', '并'); 和, 与 and 及 join
#: names and may sit inside transliterations (和林格尔).
_CLAUSE_CONJUNCTIONS = frozenset("但而并且或")


def name_start(
    text: str,
    start: int,
    stem_start: int,
    stem_end: int,
    end: int,
    allowed: frozenset[str] = frozenset(),
) -> int | None:
    """Where the name ``text[start:end]`` really starts: after the last non-name word (a dictionary word of two or
    more characters, not in ``allowed``, a one-character preposition or particle, or a verb of being (属, 是, 为,
    系) right after the known name that ends at ``stem_start`` and before a common word) met in
    ``text[stem_start:stem_end]`` (the part before the suffix that no gazetteer name covers); None when the span
    does not end at a word boundary (种羊湖 in 种羊湖羊)."""
    left = max(0, start - CONTEXT)
    window = text[left : min(len(text), end + CONTEXT)]
    position = left
    bounds = {position}
    begin = start
    words = tag(window)
    for index, (word, flag) in enumerate(words):
        word_start, position = position, position + len(word)
        bounds.add(position)
        if len(word) == 2 and (word[1] in _LOCATIVES or word[1] in _SHORES):
            bounds.add(
                position - 1
            )  # '福苑路南延伸段': a name may end before the locative jieba joined to it
        overlaps = word_start < stem_end and position > stem_start
        if (
            overlaps
            and len(word) >= 2
            and _not_name_word(word, flag)
            and word not in allowed
            and known(word)
            and not _ORDINAL_CHANNEL.fullmatch(word)  # '二道|沙河': the ordinal opens the name
        ):
            begin = max(begin, position)
        elif (
            overlaps
            and len(word) == 1
            and (flag in GLUE_FLAGS or (flag == "c" and word in _CLAUSE_CONJUNCTIONS))
        ):
            begin = max(begin, position)  # '但红山经济开发区': a conjunction opening a clause opens no name
        elif (
            word_start == stem_start > start
            and index + 1 < len(words)
            and (word in _HAVING or (word in _COPULAS and _common_word(*words[index + 1])))
        ):
            # '阿拉善盟属内陆…': a verb of being right after a known name, before a common word, is prose (not a
            # character of a transliteration jieba split, '巴音镇查干布尔嘎斯沟', nor of a term, '排干沟', '蓄滞洪区')
            begin = max(begin, position)
        elif word_start == begin and len(word) == 1 and flag in _TIME_CHAR_FLAGS and stem_end - position >= 2:
            begin = position  # '（今X庙）': a place's present name after the time word, which opens no name
    return begin if end in bounds else None


#: flags of the words a descriptive name (a town, a park, a scenic place) never starts with: the non-name words,
#: and time words ('月初产业园' of '6月初产业园').
LEADING_NOT_NAME_FLAGS = NOT_NAME_FLAGS | {"t"}
#: numerals that count things, and the measure words written after them ('两条', '三座', '一处').
COUNT_NUMERALS = "一二三四五六七八九十两几数"
COUNT_MEASURES = "个处座条项家所批种类"
#: a count or an ordinal of things ('一处', '三处', '第四', '第一站', '三大'): what follows is a kind, not a name.
_COUNT_WORD = re.compile(f"^(?:{ORDINAL}|[{COUNT_NUMERALS}]+[{COUNT_MEASURES}大])")


def opens_with_count(run: str) -> bool:
    """Whether ``run`` opens with a count or an ordinal of things ('六大编组站', '两个站', '第一站'): a kind of
    thing counted, no name."""
    return _COUNT_WORD.match(run) is not None


#: flags of dictionary verbs (not verbal nouns: '胜利乡').
VERB_FLAGS = frozenset({"v", "vd"})


def leading_name_start(text: str, start: int, stem_end: int) -> int | None:
    """Where a descriptive name starting at ``start`` (its stem ending at ``stem_end``) really starts: after the
    dictionary verbs, adverbs and time words it starts with ('撤销X苏木', '月初产业园'), and after the last
    dictionary verb that a proper name follows ('自治区决定撤销X苏木', '城北尚存X古城遗址'; a verb before a class
    word stays, '乳业扶贫园区'); None when it starts with a count or an ordinal ('一处X遗址', '三大产业园区')."""
    words: list[tuple[int, int, str, str]] = []
    position = start
    for word, flag in tag(text[start : min(len(text), stem_end + CONTEXT)]):
        if position >= stem_end:
            break
        words.append((position, position + len(word), word, flag))
        position += len(word)
    begin = start
    leading = True
    for index, (_, word_end, word, flag) in enumerate(words):
        if index == 0 and _COUNT_WORD.match(word) and not _ORDINAL_CHANNEL.fullmatch(word):
            return None  # a count ('一处', '三大'), not an ordinal of channels opening a name ('二道沙河')
        common = (
            len(word) >= 2 and known(word) and word_end <= stem_end and not _ORDINAL_CHANNEL.fullmatch(word)
        )
        if leading and common and flag in LEADING_NOT_NAME_FLAGS:
            begin = word_end
            continue
        leading = False
        following = words[index + 1] if index + 1 < len(words) else None
        if following is None or following[0] >= stem_end:
            continue
        if (
            common
            and flag in VERB_FLAGS
            and following[1] <= stem_end
            and (following[3] in NAME_FLAGS or not known(following[2]))
        ):
            begin = word_end
        elif (common and naming_word(word)) or (
            # '人民政府驻X镇', '治今X镇': a one-character verb or preposition after a word of prose, or a time
            # word, before a name holding a name word (which jieba may join to the class word: '阿穆古郎镇',
            # '白音/胡硕镇'); not a character of a transliteration jieba split into verbs ('达/来/库布镇')
            len(word) == 1
            and (
                flag in _TIME_CHAR_FLAGS
                or (flag in _PROSE_CHAR_FLAGS and index > 0 and _prose_before(*words[index - 1][2:]))
            )
            and stem_end - following[0] >= 2
            and any(_name_word(w, f) for w_start, _, w, f in words[index + 1 :] if w_start < stem_end)
        ):
            begin = word_end
    return begin


#: the last characters of a numeral word that counts things ('两个', '首家', '三处').
_COUNTERS = frozenset(COUNT_MEASURES)


def holds_count(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a count or an ordinal of things ('白音华两个化工园区', '首家数据要素产业园',
    'X庙三处喇嘛庙遗址'): a place counted among others, not one name."""
    return any(
        _COUNT_WORD.match(word) or (flag == "m" and len(word) >= 2 and word[-1] in _COUNTERS and known(word))
        for word, flag in tag(text[start:end])
    )


def at_word_bounds(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends where words start and end (nothing longer runs across)."""
    left = max(0, start - CONTEXT)
    position = left
    bounds = {position}
    for word, _ in tag(text[left : min(len(text), end + CONTEXT)]):
        position += len(word)
        bounds.add(position)
    return (start in bounds or start == left) and (end in bounds or end == len(text))


#: flags of a word naming a place after a country's name: a place or person-like name (曼谷 ns, 仰光 nr, 杜伊斯堡
#: nrt) or a place word (河内 s).
PLACE_AFTER_FLAGS = frozenset({"ns", "nr", "nrt", "nrfg", "s"})


def word_before_place(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word of its own right before a word naming a place ('德国杜伊斯堡',
    '越南河内'; not '蒙古元素', '亚洲第一', nor the first part of a state's name, '蒙古大汗国')."""
    left = max(0, start - CONTEXT)
    position = left
    words = tag(text[left : min(len(text), end + CONTEXT)])
    for index, (word, _) in enumerate(words):
        if position == start:
            return (
                position + len(word) == end
                and index + 1 < len(words)
                and words[index + 1][1] in PLACE_AFTER_FLAGS
                and not words[index + 1][0].endswith("国")  # '蒙古大汗国': one state's name
            )
        if position > start:
            return False
        position += len(word)
    return False


def holds_name_word(text: str, start: int, end: int, common_from: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds a proper name: a word jieba tags as a name (阳山, 雅玛图, 九龙湾) or a
    run of two or more characters its dictionary lacks — not only common words (口袋, 山地体育, 深挖).  With
    ``common_from``, a word tagged a person's or other proper name that the dictionary counts at least that often
    is a common word (智慧, 友谊: jieba tags them nr); a place word (ns) stays a name."""
    left = max(0, start - CONTEXT)
    position = left
    for word, flag in tag(text[left : min(len(text), end + CONTEXT)]):
        word_start, position = position, position + len(word)
        if word_start >= end or position <= start:
            continue
        if flag in NAME_FLAGS:
            if common_from is None or flag == "ns" or frequency(word) < common_from:
                return True
        elif len(word) >= 2 and not known(word):
            return True
    return False


#: flags of counts and measures ('八车道': 八 is a numeral).
COUNT_FLAGS = frozenset({"m", "q", "mq"})


def one_common_word(stem: str) -> bool:
    """Whether ``stem`` is one word of the segmenter's dictionary with no name flag ('主线', '铁路'), two
    characters or more: a common word, no name."""
    words = tag(stem)  # loads the segmenter's dictionary, which known() reads
    return len(stem) >= 2 and len(words) == 1 and known(stem) and words[0][1] not in NAME_FLAGS


def common_words_only(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is made only of common dictionary words of two or more characters and counts
    ('通车', '八车道', '同类') — no proper name, no unknown run, no single character that may be an initial
    ('好通': 好力宝–通辽)."""
    left = max(0, start - CONTEXT)
    position = left
    for word, flag in tag(text[left : min(len(text), end + CONTEXT)]):
        word_start, position = position, position + len(word)
        if word_start >= end or position <= start:
            continue
        if word_start < start or position > end:
            return False  # a word runs across the span's edge: not a span of whole words
        if flag in COUNT_FLAGS:
            continue
        if len(word) < 2 or flag in NAME_FLAGS or not known(word):
            return False
    return True


#: flags of the words a clause ends with and a place's name never does: verbs and adverbs (a name ends with a
#: noun: 解放滩, 五间房; a one-character verb may end a transliteration: 树林召).
PROSE_END_FLAGS = frozenset({"v", "vd", "d", "ad"})


#: flags of adverbs: a name never opens with one.
_ADVERB_FLAGS = frozenset({"d", "ad"})


def reads_as_prose(text: str) -> bool:
    """Whether ``text`` is a piece of a clause, no name: only dictionary words and no name word (see
    :func:`holds_name_word`), ending with a verb or adverb of two or more characters ('缩短', '最快', '运送'), opened
    by an adverb of one character ('已通') or by one of two and a verb after it ('正式接入全国'), or one count of
    things ('首条', '两条'; not a number, '十五号')."""
    words = tag(text)
    if not words or any(flag in NAME_FLAGS or (len(word) >= 2 and not known(word)) for word, flag in words):
        return False
    (first, first_flag), (last, last_flag) = words[0], words[-1]
    return (
        (len(last) >= 2 and last_flag in PROSE_END_FLAGS)
        or (len(words) > 1 and len(first) == 1 and first_flag == "d")
        or (len(first) >= 2 and first_flag in _ADVERB_FLAGS and any(flag == "v" for _, flag in words[1:]))
        or (len(words) == 1 and holds_count(text, 0, len(text)))
    )


#: flags of the words of a clause written before a name and glued to it: verbs, adverbs, time words, prepositions,
#: conjunctions, pronouns, counts and measures ('当年X王府', '正在挖X区'; not verbal nouns or adjectives, which start
#: names of their own: 胜利乡, 团结镇).
CLAUSE_FLAGS = frozenset({"v", "vd", "d", "ad", "t", "p", "c", "r", "m", "q"})
#: flags of one-character words of a clause before a dictionary name ('称X镇', '居X经济区').
_CLAUSE_CHAR_FLAGS = frozenset({"v", "p", "d"})


def clause_end(text: str, start: int, stem_end: int) -> int:
    """Where a name whose stem is ``text[start:stem_end]`` starts after the clause glued to its front: the dictionary
    words of :data:`CLAUSE_FLAGS` of two or more characters it starts with ('当年', '正在'), and a one-character verb,
    preposition or adverb right before a dictionary name ('称' of '称X镇'; not a character of a
    transliteration: '达/来/库布镇').  ``start`` when no clause is glued to it; ``stem_end`` when the stem is all
    clause."""
    position = start
    words = tag(text[start:stem_end])
    for index, (word, flag) in enumerate(words):
        if len(word) >= 2 and known(word) and flag in CLAUSE_FLAGS and not _ORDINAL_CHANNEL.fullmatch(word):
            position += len(word)
            continue
        following = words[index + 1] if index + 1 < len(words) else None
        if (
            len(word) == 1
            and flag in _CLAUSE_CHAR_FLAGS
            and following is not None
            and len(following[0]) >= 2
            and following[1] in NAME_FLAGS
            and known(following[0])
        ):
            position += 1
        break
    return position


#: a count of things written right before a span ('两条', '1处', '三座'; see :func:`counted_before`).
_COUNT_BEFORE = re.compile(rf"(?:\d+|[{COUNT_NUMERALS}百千多]+)\s*[{COUNT_MEASURES}]$")
#: characters read before a span for a count.
COUNT_REACH = 6


def counted_before(text: str, start: int) -> bool:
    """Whether a count of things ends right before ``start`` ('两条…', '1处…', '三座…'): what follows is counted."""
    return _COUNT_BEFORE.search(text, max(0, start - COUNT_REACH), start) is not None


#: what a line's description ends with ('二级路', '联络线', '既有线').
LINE_CHARS = frozenset("路线")


def describes_line(rest: str) -> bool:
    """Whether ``rest`` (what follows a line end's name) only describes the line: dictionary words that are no
    names, ending with 路 or 线 (alone only last): '二级/路', '既有线', '复线' — not a name of its own ('城壕村'),
    nor a facility's kind ('火车站', '工业园区')."""
    words = tag(rest)
    if not words or rest[-1] not in LINE_CHARS:
        return False  # '火车站', '工业园区' end the name of a facility, not a line's description
    for position, (word, flag) in enumerate(words):
        if flag in NAME_FLAGS or not known(word):
            return False
        if len(word) < 2 and (position < len(words) - 1 or word not in LINE_CHARS or len(words) == 1):
            return False
    return True


def suffix_word(text: str, start: int, end: int) -> bool:
    """Whether the one-character-class suffix ``text[start:end]`` (路, 街, 大街, 港) ends a name: a word ends with
    it, and that word is the suffix alone or a name (东路, 北街, 天津港) — not a common word (思路, 道路, 一路, 街区,
    机场路, 港口, 空港)."""
    left = max(0, start - CONTEXT)
    position = left
    for word, flag in tag(text[left : min(len(text), end + CONTEXT)]):
        word_start, position = position, position + len(word)
        if word_start < end <= position:
            if word_start == start and position > end and text[end:position] in _LOCATIVES:
                return (
                    True  # '福苑路南延伸段', '呼锡路下穿': jieba joins the suffix with the locative after it
                )
            return position == end and (word_start == start or flag in STREET_FLAGS)
    return False


#: single characters that never start or continue a name run (function words, numerals, counters).
_NOT_IN_RUN = frozenset(
    "的和与及或了着等于对将把被从向为是以在有其各每这那个条座项一二三四五六七八九十入出进往到至"
)


#: flags of single characters that never continue a name run (verbs, function words, numerals, punctuation).
#: numerals that open many of the region's names when written alone before a name word (七老图, 三道沟, 八里罕).
NAME_OPENING_NUMERALS = frozenset("一二三四五六七八九十")
#: an ordinal of channels, gullies or ridges opening a name ('二道沙河', '头道沟', '三道梁'): part of the name.
_ORDINAL_CHANNEL = re.compile("[头二三四五六七八九十]道")
_NOT_IN_RUN_FLAGS = frozenset({"v", "p", "c", "u", "uj", "ul", "m", "q", "r", "d", "x"})
#: verbs of position ('北接X', '东邻X', '北倚X'), which jieba joins with a direction into one word.
_POSITION_VERBS = frozenset("接邻靠临倚依")
#: flags of dictionary words a name run is made of: places, people, organisations, abbreviations (not nz, which
#: jieba gives to descriptive words too: '波状高原').
RUN_FLAGS = NAME_FLAGS - {"nz"}
#: longest run of name words read before a class word, in characters.
MAX_RUN = 10
#: the country's own names, which write a place's address, not part of its name ('中国X河').
OWN_COUNTRY = frozenset({"中国", "我国", "全国", "国内"})


def name_character(char: str, flag: str) -> bool:
    """Whether the one-character word ``char`` (tagged ``flag``) may sit inside a name run: no function word,
    numeral or counter (transliterations split into odd single characters: 哈/乌尔)."""
    return char not in _NOT_IN_RUN and flag not in _NOT_IN_RUN_FLAGS


def _run_word(word: str, flag: str) -> bool:
    """A word that may be part of a proper name: a name flag, a run jieba's dictionary lacks, or a single
    character that is no function word (:func:`name_character`)."""
    if len(word) == 1:
        return name_character(word, flag)
    if _POSITION_VERBS.intersection(word) and not (flag in NAME_FLAGS and known(word)):
        return False  # '北接', '东邻': a direction and a verb of position, read as one word
    return flag in RUN_FLAGS or (not known(word) and flag != "v")  # '面眺': jieba reads an unknown verb


def _verb_syllable(word: str, flag: str, before: tuple[int, int, str, str] | None) -> bool:
    """Whether a one-character verb is a syllable inside a transliterated name: a run of name words follows it
    (the caller's), and a one-character name word stands right before it ('辉' nr + '腾' v + '席勒' nr)."""
    return (
        len(word) == 1
        and flag == "v"
        and word not in _NOT_IN_RUN
        and before is not None
        and len(before[2]) == 1
        and before[3] in PERSON_FLAGS | {"ns"}
        and before[2] not in _NOT_IN_RUN
    )


def name_run_start(text: str, window_start: int, s_start: int, s_end: int) -> int | None:
    """Where the run of name words right before a class word starts ('支流都思兔河' -> 都思兔): words jieba tags
    as names, runs it does not know, single characters of transliterations; the class word may be joined to
    the last of them (得尔布干河) when that word is a place or person word or unknown (not 界河).  None when no
    such run of two or more characters stands there, or when the run is one common dictionary word (母亲河, 运河)."""
    left = max(window_start, s_start - MAX_RUN)
    position = left
    words: list[tuple[int, int, str, str]] = []
    for word, flag in tag(text[left : min(len(text), s_end + 2)]):
        words.append((position, position + len(word), word, flag))
        position += len(word)
    start = None
    transliterated = False  # the run holds a transliterated syllable run ('海特' nrt)
    for index in range(len(words) - 1, -1, -1):
        w_start, w_end, word, flag = words[index]
        if w_start >= s_start:
            continue
        if w_end > s_start:  # the class word is joined to the word before it ('得尔布干河'), or cut inside
            if s_start < w_end < s_end and w_start < s_start and flag in _GROUP_NAME_FLAGS:
                # '巴颜喀拉山' + '脉': a place word holding the first character of a two-character class word
                start = w_start
                if known(word):
                    break
                continue
            if w_end != s_end or not (flag in STREET_FLAGS or not known(word)) or word[0] in _NOT_IN_RUN:
                return None  # '入河' of '达电入河': a verb joined to the class word, no name
            start = w_start
            if known(word) and len(word) > s_end - s_start + 1:
                break  # '面眺松嫩平原': a whole name of the dictionary, nothing before it belongs to it
            continue
        if start is not None and _ORDINAL_CHANNEL.fullmatch(word):
            start = w_start  # '二道|沙河', '三道|河子': an ordinal of channels or gullies opens the name
            break
        if start is not None and word in NAME_OPENING_NUMERALS and flag == "m":
            start = w_start  # '七老图山脉': a lone numeral glued to a name run opens the name (a count has a measure)
            break
        if flag == "nz" and len(word) == 2 and transliterated:
            start = w_start  # '纳林' + '苏海特': a proper word opening a transliterated name
            continue
        if start is not None and _verb_syllable(word, flag, words[index - 1] if index else None):
            start = w_start  # '辉|腾|席勒': a syllable jieba reads as a verb between syllables of a transliteration
            continue
        if not _run_word(word, flag) or word in OWN_COUNTRY:  # words start at ``left``, inside the window
            if start is not None and len(word) >= 2 and word[0] in _NOT_IN_RUN and not known(word):
                start = (
                    w_start + 1
                )  # '有苏|呼河': the HMM glued a function word or verb to the name's first character
            break
        start = w_start
        transliterated = transliterated or flag == "nrt"
    if start is None or s_start - start < 2:
        return None
    stem = text[start:s_start]
    if known(stem):
        flags = tag(stem)
        if len(flags) == 1 and flags[0][1] not in NAME_FLAGS:
            return None  # a common word before the class word ('母亲河', '运河'): a kind, not a name
    return start


#: flags of a word ending in a mountain's class word that is the mountain's name (恒山 ns; 卓子山 nr, 哈玛尔山 ns).
MOUNTAIN_FLAGS = frozenset({"ns", "nr", "nrt"})
#: flags of a two-character word ending in the class word that ends a longer transliterated name (老山 of 吉勒奇老山).
PERSON_FLAGS = frozenset({"nr", "nrt"})


def class_word_ends_name(text: str, start: int, end: int) -> bool:
    """Whether the one-character class word ``text[start:end]`` (山, 岭, 旗, 县) ends a word of the segmenter: the
    class word alone or a place or person-like word ending in it (卓子山, 恒山, 索伦县, 阿鲁科/沁旗) — not a common
    word (矿山, 江山, 国旗, 全县), nor the start of one (山区, 县城, 旗下) or inside one (郡县制度, 红旗渠)."""
    bounds = _word_ending(text, start, end)
    return bounds is not None and (bounds[0] == start or bounds[2] in MOUNTAIN_FLAGS)


#: locatives jieba joins to a mountain's class word after it ('山上', '山脚下', '岭顶'): the name ends before them.
_SLOPE_LOCATIVES = frozenset({"上", "下", "顶", "脚", "脚下", "腰", "麓"})


def _word_ending(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """(start, end, flag) of the word holding ``text[end - 1]`` when it ends at ``end``, else None; a one-character
    class word at ``start`` that jieba joined to a locative after it ('大黑山脚下') ends there as a word alone."""
    left = max(0, start - CONTEXT)
    position = left
    for word, flag in tag(text[left : min(len(text), end + CONTEXT)]):
        word_start, position = position, position + len(word)
        if word_start < end <= position:
            if position == end:
                return (word_start, position, flag)
            if word_start == start == end - 1 and word[1:] in _SLOPE_LOCATIVES:
                return (word_start, end, "n")
            return None
    return None


#: flags of the transliterated syllables jieba reads in Mongolian names (特尔 of 特尔美山).
_TRANSLITERATION_FLAGS = frozenset({"nrt"})


def _after_transliteration(text: str, start: int) -> bool:
    """Whether the word right before ``start`` is a transliterated syllable run of two or more characters, or a
    person-like word of three or more ('特尔' before '美山', '索岳尔' before '济山': jieba reads the name's last
    syllables with the class word as a place word)."""
    before = tag(text[max(0, start - CONTEXT) : start])
    if not before:
        return False
    word, flag = before[-1]
    return len(word) >= 2 and flag in _TRANSLITERATION_FLAGS or len(word) >= 3 and flag in PERSON_FLAGS


def mountain_name_start(text: str, window_start: int, s_start: int, s_end: int) -> int | None:
    """Where the name of a mountain ending in the class word ``text[s_start:s_end]`` (山, 岭) starts, not before
    ``window_start``.  The segmenter reads the class word with the name before it as one word of three or more
    characters: a name its dictionary lacks (卓子山, 哈玛尔山: transliterations, read as place or person words), or
    a dictionary place word whose stem is one name word (祁连山, 兴安岭; not 崇山峻岭, 马鬃山: set phrases and
    common nouns).  Before a two-character person-like word (老山 of 吉勒奇老山) the name is the run of
    transliterated words (吉勒 nrt), single characters and unknown words before it; before the class word alone, the
    run of name words (甘德尔 + 山).  None when no name stands there (矿山, 孙中山, 金山银山, 木叶 + 山)."""
    bounds = _word_ending(text, s_start, s_end)
    if bounds is None or bounds[0] < window_start:
        return None
    word_start, _, flag = bounds
    if s_end - word_start >= 3:
        word = text[word_start:s_end]
        if flag not in MOUNTAIN_FLAGS:
            return None
        if not known(word):
            return word_start
        stem = tag(word[: -(s_end - s_start)])
        return word_start if flag == "ns" and len(stem) == 1 and stem[0][1] in MOUNTAIN_FLAGS else None
    if word_start < s_start and flag not in PERSON_FLAGS and not _after_transliteration(text, word_start):
        return (
            None  # '矿山'; '南山', '江山': two-character place words of the dictionary are common words too
        )
    run = name_run_start(text, window_start, word_start, word_start)
    if run is None or word_start - run < 2:
        return None
    if word_start < s_start and any(
        len(word) >= 2 and known(word) and flag != "nrt" for word, flag in tag(text[run:word_start])
    ):
        return (
            None  # '金山银山': a person-like word after dictionary words, no transliterated name (吉勒 nrt)
        )
    return run


#: words of the whole country or the world, which say where a natural place lies, never name it ('中国东北沙漠',
#: '世界沙漠', '全球唯一沙漠').
_WIDE_WORDS = OWN_COUNTRY | {"世界", "全球"}
#: the characters of compass directions ('东北' of '中国东北沙漠' is a part of the country, not a name).
_COMPASS = frozenset("东西南北中")


#: class words of natural places named by proper names only, never by one common word ('休眠火山').
_PROPER_NAMED_CLASS_WORDS = frozenset({"沙漠", "沙地", "火山"})


def names_natural_place(text: str, start: int, stem_end: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a stem and a natural place's class word: 湖, 沙漠, 湿地 …) holds a name: a
    word jieba tags as a name or a run it does not know, of two or more characters, that is no word of the
    country or the world and no compass direction, with no count before it ('五大沙漠'), or the stem is one common
    word before the class word standing alone ('月亮湖'); a class word read with the stem as one common word
    ('沙漠淡水湖': 淡水湖) names a kind."""
    left = max(0, start - CONTEXT)
    position = left
    stem_words = []
    for word, flag in tag(text[left : min(len(text), end + CONTEXT)]):
        word_start, position = position, position + len(word)
        if word_start < start or word_start >= stem_end:
            continue
        if _COUNT_WORD.match(word):
            return False
        if word in _WIDE_WORDS or _COMPASS.issuperset(word):
            continue
        if len(word) >= 2 and (flag in NAME_FLAGS or not known(word)):
            return True
        stem_words.append((word_start, position))
    # one common word standing alone before the class word may name the place ('月亮湖', '乞儿海子'), not a desert:
    # deserts and sandy lands bear proper names ('体验沙漠' is an experience of one)
    return (
        stem_words == [(start, stem_end)]
        and stem_end - start >= 2
        and text[stem_end:end] not in _PROPER_NAMED_CLASS_WORDS
    )


#: flags of the common words that describe a park's industry between its proper name and its class word ('霍林河 综合
#: 资源 循环 经济 工业园区', 'X 绿色 低 碳 洗选 综合利用 产业园'): nouns, verbal and adjectival nouns, adjectives,
#: distinguishing words and set phrases; a verb only inside that run (装备 制造), never right after the name.
DESCRIPTOR_FLAGS = frozenset({"n", "vn", "an", "a", "b", "l"})
#: longest run of descriptive words read before a park's class word, in characters.
MAX_DESCRIPTORS = 12


def descriptor_start(
    text: str, window_start: int, s_start: int, prose_verbs: frozenset[str], is_place: Callable[[str], bool]
) -> int:
    """Where the run of common words describing a park's industry, right before its class word at ``s_start``,
    starts (``s_start`` when there is none): dictionary words of DESCRIPTOR_FLAGS, and dictionary verbs that are no
    words of prose (``prose_verbs``: 建设, 推进 …) after one of them ('装备制造'); not before ``window_start``, at most
    MAX_DESCRIPTORS characters; a word ``is_place`` knows as a place ends the run (it is the stem: '大路 煤化工')."""
    left = max(window_start, s_start - MAX_DESCRIPTORS - MAX_RUN)
    words = tagged_spans(text, left, s_start)
    begin = s_start
    run: list[tuple[int, str, str]] = []
    for w_start, _, word, flag in reversed(words):
        if s_start - w_start > MAX_DESCRIPTORS:
            break
        if not known(word) or word in prose_verbs or is_place(word):
            break
        if flag in DESCRIPTOR_FLAGS or (flag in VERB_FLAGS and len(word) >= 2):
            run.append((w_start, word, flag))
            continue
        break
    # a verb opens no description: the name's own word stands before it ('X高新区|动员园区' is prose)
    while run and run[-1][2] in VERB_FLAGS:
        run.pop()
    if run:
        begin = run[-1][0]
    return begin


#: flags of a proper name written right before a people's name: the two name one of its groups ('卫拉特蒙古',
#: '喀尔喀蒙古', '成吉思汗蒙古'), no country.
_GROUP_NAME_FLAGS = frozenset({"nr", "nrt", "ns"})
#: the last characters of words of position ('西连', '北接', '东邻'), which jieba may read as place words.
_POSITION_VERB_ENDS = _POSITION_VERBS | {"连"}
#: one-character settlement words: a people's name right before one names a village ('蒙古屯', '蒙古营').
_SETTLEMENT_CHARS = frozenset("屯营村庄寨堡")
#: words after a people's name that make it the people's, not a country's: its nobles and rulers, a ruler's
#: temple name, its tribes ('蒙古王公', '蒙古宪宗六年', '蒙古诸部落').
_PEOPLES_WORDS_AFTER = ("王公", "王府", "王爷", "贵族", "大汗", "可汗", "宪宗", "太祖", "世祖", "部落")


def peoples_name_here(text: str, start: int, end: int) -> bool:
    """Whether a name that is also a people's name ('蒙古': 蒙古国 and the Mongols) reads as the people's here:
    right after a proper name of two or more characters that is no word of position or the country's own name
    ('漠北喀尔喀蒙古'; not '西连蒙古', '中国蒙古'), right before a settlement word ('蒙古屯'), its nobles or a
    ruler ('蒙古王公', '蒙古宪宗'), or a tribe named after a proper name ('蒙古科尔沁部')."""
    if text[end : end + 1] in _SETTLEMENT_CHARS or text.startswith(_PEOPLES_WORDS_AFTER, end):
        return True
    after = tagged_spans(text, end, min(len(text), end + CONTEXT))
    if (
        len(after) >= 2
        and after[0][3] in NAME_FLAGS
        and after[1][2].startswith("部")
        and len(after[1][2]) <= 2
    ):
        return True  # '蒙古科尔沁部': a tribe of the people (部, 部地), named after it
    for _, word_end, word, flag in tagged_spans(text, max(0, start - CONTEXT), end):
        if word_end == start:
            return (
                len(word) >= 2
                and flag in _GROUP_NAME_FLAGS
                and word[-1] not in _POSITION_VERB_ENDS
                and word not in OWN_COUNTRY
            )
    return False
