"""Places named right after a foreign place ('蒙古国诺颜乌拉', '俄罗斯后贝加尔斯克', '蒙古国东方省乔巴山市').

Chinese writes a foreign place after the country or province it lies in, with nothing between: the run of name
words right after a foreign mention (place and person words, runs the segmenter's dictionary lacks, single
characters of a transliteration) is a foreign place of its own when a boundary ends it: a mark, a function word,
a verb, a line word ('蒙古珠恩巴音铁路': the town the line runs to), or a class word of places ('X煤田', 'X市', the
class word then part of the name).  A common noun after the run ('俄罗斯普京总统') makes it no place.  The place is
typed foreign and gets the mention before it as its qualifier; it is never located inside the region.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from geoplan.geocode.mentions import SUFFIX_TYPES
from geoplan.geocode.segment import known, name_character, tag
from geoplan.geocode.stems import COMPASS_CHARS, POSITION_VERBS, Mention

#: characters of context segmented after a foreign mention (a transliterated name and the word after it).
WINDOW = 12
#: shortest run read as a name, in characters.
MIN_RUN = 2
#: flags of the one-character words that end a run as a boundary ('诺颜乌拉与', '至', '的').
_BOUNDARY_FLAGS = frozenset({"p", "c", "u", "uj", "ul", "v", "vn", "d", "f"})
#: line words after a run: the line runs to the place, which is the run alone.
LINE_WORDS = ("铁路", "公路", "高速", "口岸公路", "方向")


#: flags of the words of two or more characters a transliterated name is read as: place and person words, and the
#: nouns the segmenter guesses for runs its dictionary lacks (赤塔 n).
_PLACE_WORD_FLAGS = frozenset({"ns", "nr", "nrt", "nrfg"})
_GUESSED_FLAGS = _PLACE_WORD_FLAGS | {"n"}


def _run_word(word: str, flag: str) -> bool:
    """A word of a transliterated name: a place or person word, a run the dictionary lacks read as a noun, or a
    single character that is no function word."""
    if len(word) == 1:
        return flag != "n" and name_character(word, flag)
    if len(word) == 2 and word[0] in COMPASS_CHARS and word[1] in POSITION_VERBS:
        return False  # '北接蒙古国南临X'
    return flag in _PLACE_WORD_FLAGS or (flag in _GUESSED_FLAGS and not known(word))


#: one-character class words of foreign units after a name ('乔巴山市', '南戈壁省', '赤塔州'): they end the run,
#: the name is written without them.
FOREIGN_UNIT_CHARS = frozenset("省市州县区")


def _ends_run(word: str, flag: str, class_words: Callable[[str], bool]) -> tuple[bool, int]:
    """Whether the word after a run ends it as a boundary, and how many of its characters join the name (a class
    word of places: 'X煤田', 'X边疆区')."""
    if not word or not ("\u3400" <= word[0] <= "\u9fff"):
        return True, 0  # a mark or the end of the window
    if word.startswith(LINE_WORDS) or word in FOREIGN_UNIT_CHARS:
        return True, 0
    if class_words(word):
        return True, len(word)
    if flag in {"v", "vd"} or (len(word) == 1 and flag in _BOUNDARY_FLAGS):
        return True, 0
    return False, 0


def places_after_foreign(
    text: str,
    mentions: Iterable[Mention],
    class_words: Callable[[str], bool],
) -> list[Mention]:
    """Foreign places written right after a foreign mention (a mention whose ids are all ``foreign:``), read from
    the words after it; ``class_words`` tells the class words of places ('煤田', '市', '口岸').  Runs that a mention
    already starts at are left to it."""
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = {m.start for m in ordered}
    found: list[Mention] = []
    for mention in ordered:
        if not mention.place_ids or not all(i.startswith("foreign:") for i in mention.place_ids):
            continue
        if mention.end in starts:
            continue  # a known name follows ('蒙古国乌兰巴托')
        words = tag(text[mention.end : mention.end + WINDOW])
        length, index = 0, 0
        unit_closed = False
        while index < len(words) and _run_word(*words[index]):
            length += len(words[index][0])
            index += 1
            if len(words[index - 1][0]) > 1 and words[index - 1][0][-1] in FOREIGN_UNIT_CHARS:
                # '扎门乌德市隔界相望': the unit's class word, segmented with the name, ends it
                unit_closed = True
                break
        if length < MIN_RUN or (index == len(words) and not unit_closed):
            continue  # no run, or the window ends inside it
        if not any(len(w) >= 2 and f in _PLACE_WORD_FLAGS for w, f in words[:index]):
            continue  # no name word in the run
        ends, joined = (True, 0) if unit_closed else _ends_run(*words[index], class_words)
        if not ends:
            continue  # '俄罗斯普京总统': a common noun after the run
        start, end = mention.end, mention.end + length + joined
        found.append(
            Mention(
                text[start:end],
                start,
                end,
                "foreign",
                "foreign:after",
                (),
                mention.surface,
                mention.place_ids,
            )
        )
    return found


def place_class_word(word: str) -> bool:
    """A class word of places that joins the name before it ('煤田', '铜矿', '口岸', '边疆区'), not a line word."""
    return (SUFFIX_TYPES.get(word) not in (None, *_LINE_TYPES)) or word in _FOREIGN_UNIT_WORDS


#: types of line words among the suffixes (a line runs to the place; it is no part of its name).
_LINE_TYPES = ("railway", "road", "corridor", "power_line", "pipeline")
#: class words of foreign units of two or more characters, written as part of the name ('外贝加尔边疆区').
_FOREIGN_UNIT_WORDS = frozenset({"边疆区", "自治州", "共和国"})


def _foreign(ids: tuple[str, ...]) -> bool:
    return bool(ids) and all(i.startswith("foreign:") for i in ids)


#: longest foreign name read at the start of a name written after a foreign place, in characters.
MAX_FOREIGN_HEAD = 8


def split_foreign_heads(
    mentions: list[Mention], ids: Callable[[str], tuple[str, ...]] | None = None
) -> list[Mention]:
    """A name the gazetteer lacks that starts with the foreign place it lies in ('蒙古国X煤田', its qualifier) is
    that place and the name after it, each a mention ('蒙古国' + 'X煤田'); with ``ids`` (the finder's), foreign
    names at the start of the rest are split off too ('南戈壁省' of '南戈壁省X煤矿')."""
    result: list[Mention] = []
    for mention in mentions:
        head = mention.qualifier
        if (
            mention.place_ids
            or not head
            or mention.qualifier_ids != (f"foreign:{head}",)  # its own name: '蒙古' also means Mongolian
            or not mention.surface.startswith(head)
            or not _opens_with_name(mention.surface[len(head) :], ids)
        ):
            result.append(mention)  # '东北亚经济圈', '蒙古王城X小镇': the foreign name is part of the name
            continue
        start, head_ids = mention.start, mention.qualifier_ids
        while True:
            result.append(Mention(head, start, start + len(head), None, "gazetteer", head_ids))
            start += len(head)
            rest = text_of(mention, start)
            found = None
            if ids is not None:
                for length in range(min(MAX_FOREIGN_HEAD, len(rest) - 2), 1, -1):
                    if _foreign(head_ids := ids(rest[:length])):
                        found = rest[:length]
                        break
            if found is None:
                break
            head = found
        rest = text_of(mention, start)
        result.append(Mention(rest, start, mention.end, mention.type, mention.rule, (), head, head_ids))
    return result


def _opens_with_name(rest: str, ids: Callable[[str], tuple[str, ...]] | None) -> bool:
    """Whether ``rest`` (a name after a foreign place) opens with a foreign name of the gazetteer or a run of
    transliterated name words holding a place or person word, with more after it (its class word)."""
    if ids is not None and any(
        _foreign(ids(rest[:n])) for n in range(2, min(MAX_FOREIGN_HEAD, len(rest) - 1))
    ):
        return True
    words = tag(rest)
    length, index = 0, 0
    while index < len(words) and _run_word(*words[index]):
        length += len(words[index][0])
        index += 1
    return (
        length >= MIN_RUN
        and index < len(words)
        and any(len(w) >= 2 and f in _PLACE_WORD_FLAGS for w, f in words[:index])
    )


def text_of(mention: Mention, start: int) -> str:
    """The part of ``mention``'s surface from the text offset ``start`` on."""
    return mention.surface[start - mention.start :]


def with_places_after_foreign(
    text: str, mentions: list[Mention], ids: Callable[[str], tuple[str, ...]] | None = None
) -> list[Mention]:
    """``mentions`` with names after a foreign place split from it (:func:`split_foreign_heads`) and the
    :func:`places_after_foreign` places: each replaces the mentions lying inside it (a shorter reading of its name:
    '苏海特煤田' of '那林苏海特煤田') and is dropped when it crosses one."""
    mentions = split_foreign_heads(mentions, ids)
    added = places_after_foreign(text, mentions, place_class_word)
    if not added:
        return mentions
    result = list(mentions)
    for place in added:
        inside = [m for m in result if m.start >= place.start and m.end <= place.end]
        crossing = [
            m
            for m in result
            if m.start < place.end
            and m.end > place.start
            and not (m.start >= place.start and m.end <= place.end)
        ]
        if crossing:
            continue
        result = [m for m in result if m not in inside]
        result.append(place)
    return sorted(result, key=lambda m: m.start)
