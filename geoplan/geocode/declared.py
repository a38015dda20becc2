"""Other names a text declares for a place it has just named: '阿拉坦额莫勒镇（简称阿镇）', '昆都仑河古称石门水',
'黑水城，蒙古语称为哈拉浩特，又称黑城'.  Each declared name is a mention of that place, where it is declared and
wherever the text writes it again ('吉镇工业较发达' after '吉兰泰镇（简称吉镇）').

A short form (简称) is believed when its characters are the full name's, in order, from its first ('阿镇' of
阿拉坦额莫勒镇); any other declared name when it may be a proper name (no function characters, not only kind
words, not only common dictionary words: '草原明珠' is an epithet).  A meaning ('意为', '意思是') declares no name.
"""

from __future__ import annotations

import re

from geoplan.geocode.mentions import Mention, MentionFinder, SpanIndex
from geoplan.geocode.segment import common_words_only
from geoplan.geocode.stems import is_proper_stem

#: words that declare a short form of the name before them.
SHORT_FORM_WORDS = ("简称",)
#: words that declare another name of the place before them: a former, a common or a Mongolian one.
OTHER_NAME_WORDS = (
    "又称",
    "又名",
    "也称",
    "亦称",
    "俗称",
    "古称",
    "旧称",
    "别称",
    "史称",
    "原名",
    "原称",
    "曾称",
    "蒙古语称",
    "蒙语称",
    "蒙古语为",
    "蒙语为",
    "汉语称",
)
_WORDS = "|".join(sorted((*SHORT_FORM_WORDS, *OTHER_NAME_WORDS), key=len, reverse=True))
#: between the place and the declaring word: a comma or an opening bracket, then who calls it so ('X（以下简称Y）',
#: 'X，汉语也称Y', '当地人称', '民间俗称'), the word, an optional 为 ('又称为'), an optional opening quote, and the
#: name: Han characters up to a closing quote, a bracket or a punctuation mark.
_DECLARED = re.compile(
    rf"[，,（(]?\s*(?:以下|汉语|当地人|民间)?(?:{_WORDS})为?[“\"「]?(?P<name>[\u4e00-\u9fff·]{{2,8}})(?=[”\"」）)，,。；;、：:\s]|$)"
)
#: conjunctions that join two declared names ('古称土河与潢河': one for each of two places named before).
_CONJUNCTIONS = frozenset("与及或")
#: any declaring word: a text without one declares no name (a quick filter).
_ANY_WORD = re.compile(_WORDS)


def _short_form_of(short: str, full: str) -> bool:
    """Whether ``short`` is written with ``full``'s characters, in order, from its first ('阿镇' of 阿拉坦额莫勒镇)."""
    if len(short) >= len(full) or short[0] != full[0]:
        return False
    position = 0
    for char in short:
        position = full.find(char, position) + 1
        if not position:
            return False
    return True


def declared_names(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Mentions of the names ``text`` declares for a place of ``mentions`` it names right before ('X（简称Y）',
    'X古称Y', 'X，又称“Y”'), there and wherever ``text`` writes the name again outside ``mentions``.  A declared
    name takes its place's type and records; a name the gazetteer holds for another place keeps that place (a
    page's '蒙古国古称“捕鱼儿海”' is 贝尔湖's former name after a table cell)."""
    if _ANY_WORD.search(text) is None:
        return []
    taken = SpanIndex((m.start, m.end) for m in mentions)
    declared: dict[str, Mention] = {}
    found: list[Mention] = []
    for place in mentions:
        if place.type is None and not place.place_ids:
            continue
        position = place.end
        # one name after another ('X，蒙语为Y，汉语也称Z'): each declaration names the same place
        while (match := _DECLARED.match(text, position)) is not None:
            name = match.group("name")
            start, end = match.span("name")
            position = match.end()
            if any(short in text[match.start() : start] for short in SHORT_FORM_WORDS):
                if not _short_form_of(name, place.surface):
                    continue
            elif (
                not is_proper_stem(name)
                or common_words_only(text, start, end)
                or _CONJUNCTIONS.intersection(name)
            ):
                continue  # '又称“草原明珠”': an epithet of common words; '古称土河与潢河': two names
            if any(pid not in place.place_ids for pid in finder.ids(name)):
                continue
            first = declared.setdefault(
                name, Mention(name, start, end, place.type, "declared", place.place_ids)
            )
            if not taken.overlaps(start, end):
                # a name declared again names the place it was first declared for (a page's table may put another
                # cell's place right before the declaring word)
                found.append(Mention(name, start, end, first.type, "declared", first.place_ids))
    for name, first in declared.items():
        at = text.find(name, first.end)
        while at >= 0:
            end = at + len(name)
            if not taken.overlaps(at, end):
                found.append(Mention(name, at, end, first.type, "declared", first.place_ids))
            at = text.find(name, end)
    return found
