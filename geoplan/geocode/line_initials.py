"""Lines named by their ends' initials and a line word ('包兰线', 'X Y高铁', 'X Y客专', 'X Y线').

Railways and expressways are named by the first characters of the places they join (包头–兰州: 包兰) and a line
word.  Two different characters that are each the first character of a place name of the region or a province's
one-character abbreviation, at the start of a word, before a line word, make a line's name; common words ending in
线 (沿线, 主线, 专线, 红线) are not made of initials, and a dictionary word of another kind is never read as one.
The line's record is looked up by its initials and each line word ('大广' + 高速: G45).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geoplan.geocode.mentions import LINE_WORDS, MentionFinder
from geoplan.geocode.segment import known, tag
from geoplan.geocode.stems import Mention

#: the line words after a pair of initials, longest first, and the type each gives (线 alone: a railway unless the
#: gazetteer knows a road of those initials).
_LINE_SUFFIXES: dict[str, str] = {
    "高速公路": "road",
    "客运专线": "railway",
    "铁路": "railway",
    "高铁": "railway",
    "客专": "railway",
    "高速": "road",
    "线": "railway",
}
_PAIR_RE = re.compile("([\u4e00-\u9fff]{2})(" + "|".join(sorted(_LINE_SUFFIXES, key=len, reverse=True)) + ")")
#: flags of a dictionary word that may be a pair of initials (包兰 nr, 哈齐 nrt, 大广 nz, abbreviations j).
_PAIR_FLAGS = frozenset({"nr", "nrt", "nz", "j"})
#: what must not follow a pair and 线 for it to be a line's name ('线路' is a power line's, '线上' online).
_NOT_AFTER_LINE = frozenset("路上下索缆")


def _starts_word(text: str, start: int) -> bool:
    """Whether a word of the segmenter starts at ``start`` (read in a short window before it)."""
    if start == 0 or not ("\u4e00" <= text[start - 1] <= "\u9fff"):
        return True
    left = max(0, start - 6)
    position = left
    for word, _ in tag(text[left : start + 2]):
        if position == start:
            return True
        if position > start:
            return False
        position += len(word)
    return False


def _common_word_at(text: str, start: int, end: int) -> bool:
    """Whether the segmenter reads ``text[start:end]`` as (the start of) one dictionary word in its context (大/环线,
    和/无线电; not 兰新线)."""
    left = max(0, start - 6)
    position = left
    for word, _ in tag(text[left : end + 2]):
        if position == start:
            return position + len(word) >= end and known(word)
        if position > start:
            return False
        position += len(word)
    return False


def lines_of_initials(text: str, mentions: Iterable[Mention], finder: MentionFinder) -> list[Mention]:
    """The lines named by two initials and a line word in ``text`` that no mention covers."""
    taken = sorted((m.start, m.end) for m in mentions)
    initials = finder.initials
    found: list[Mention] = []
    for match in _PAIR_RE.finditer(text):
        pair, suffix = match.group(1), match.group(2)
        start, end = match.span()
        if not initials.issuperset(pair) or pair[0] == pair[1]:
            continue
        if suffix == "线" and text[end : end + 1] in _NOT_AFTER_LINE:
            continue
        if any(s < end and e > start for s, e in taken):
            continue  # a known name or a longer mention holds it
        if _common_word_at(text, start + 1, end):
            continue  # '大环线', '盟内干线', '向一线': the line word ends a common word (环线, 干线, 一线)
        if finder.ids_or_short(pair):
            continue  # '满归铁路', '图克高速公路': a line to a place written in full, no initials
        if known(pair) and any(flag not in _PAIR_FLAGS for _, flag in tag(pair)):
            continue  # a dictionary word of another kind ('新建' ns: a verb jieba tags as a place)
        if not _starts_word(text, start):
            continue
        ids: tuple[str, ...] = ()
        for word in (suffix, *LINE_WORDS, "线"):
            if ids := finder.ids(pair + word):
                break
        kind = _LINE_SUFFIXES[suffix]
        if suffix == "线" and ids and all(i.startswith("road:") for i in ids):
            kind = "road"
        found.append(Mention(text[start:end], start, end, kind, f"initials:{suffix}", ids))
    return found
