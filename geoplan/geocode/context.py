"""Mentions read from their context: what the words around a name say it is.

The mention finder (:mod:`geoplan.geocode.mentions`) looks at names one by one; :func:`refine` then reads each
against its neighbours, with general rules and the data files of ``gazetteer/context/`` and
``gazetteer/lexicon/organisation_words.txt``:

* **organisations** — a place name written right before an organisation word (人民政府, 旗委, 海关, 公司 …) names
  the organisation, not a place: dropped;
* **province abbreviations** — a run of one-character province abbreviations closed by a count of provinces or
  a meeting point ('蒙冀辽三省区交汇', '陕、甘、宁、青五省区') names one province per character;
* **outside names as words** — a two-character name of a place outside the region (日本, 甘肃) that the finder
  refused because no suffix or punctuation ends it is taken where the segmenter reads it as a place word
  ('日本侵占', '西接甘肃张掖'), and a longer one dropped where the segmenter reads it inside another word
  ('上海市' in '海市蜃楼').
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache

from geoplan.geocode.lexicon import words
from geoplan.geocode.mentions import OUTSIDE_ID_PREFIXES, Mention, MentionFinder
from geoplan.geocode.segment import _known, tag
from geoplan.resources import GAZETTEER_DIR

CONTEXT_DIR = GAZETTEER_DIR / "context"
#: the region's own province: never an outside name.
OWN_PROVINCE = "province:150000"
#: jieba flag of a place word.
PLACE_FLAG = "ns"
#: flags of the word after a bare outside name that end it as a place ('日本侵占', '甘肃张掖', '欧洲各国'); before a
#: noun it is a qualifier ('北京企业'), before a direction or a character a longer name ('天津南', '上海庙').
NAME_END_FLAGS = frozenset({"v", "vn", "vd", "r", "p", "c", "d", "u", "x"})
DIRECTION_CHARS = frozenset("东南西北中正")
#: characters of context segmented around a candidate.
WINDOW = 6


def refine(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """``mentions`` (the finder's, left to right) read against their context; left to right, non-overlapping."""
    kept = [m for m in mentions if not names_organisation(text, m) and not inside_word(text, m)]
    added = [*province_runs(text, finder), *outside_words(text, finder)]
    return _merge(kept, added)


def _merge(kept: list[Mention], added: Iterable[Mention]) -> list[Mention]:
    """``kept`` plus the ``added`` mentions that overlap none of them (nor each other)."""
    result = list(kept)
    spans = sorted((m.start, m.end) for m in kept)
    starts = [s for s, _ in spans]
    for mention in sorted(added, key=lambda m: m.start):
        index = bisect_left(starts, mention.end)
        if index and spans[index - 1][1] > mention.start:
            continue
        result.append(mention)
        spans.insert(index, (mention.start, mention.end))
        starts.insert(index, mention.start)
    return sorted(result, key=lambda m: m.start)


# -- organisations -------------------------------------------------------------------------------------
@cache
def _organisation_re() -> re.Pattern[str]:
    ordered = sorted(words("organisation_words"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)))


def names_organisation(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is the head of an organisation's name ('X旗人民政府', 'X海关', 'X市委')."""
    if mention.type not in (None, "town") or mention.rule not in {
        "gazetteer",
        "gazetteer-short",
        "list-stem",
    }:
        return False
    match = _organisation_re().match(text, mention.end)
    if match is None:
        return False
    word = match.group()
    if len(word) == 1:  # '委托', '网络', '局部' are words of their own, not an organisation
        pair = text[match.start() : match.start() + 2]
        tag(pair)  # loads the segmenter's dictionary
        return not _known(pair)
    return True


# -- names the segmenter reads inside other words ------------------------------------------------------
def _outside(place_ids: tuple[str, ...]) -> bool:
    return bool(place_ids) and all(
        pid.startswith(OUTSIDE_ID_PREFIXES) and pid != OWN_PROVINCE for pid in place_ids
    )


def _words(text: str, start: int, end: int) -> dict[int, tuple[str, str]]:
    """The words segmented around ``text[start:end]``, by start position: (word, flag)."""
    left = max(0, start - WINDOW)
    position = left
    found: dict[int, tuple[str, str]] = {}
    for word, flag in tag(text[left : min(len(text), end + WINDOW)]):
        found[position] = (word, flag)
        position += len(word)
    found[position] = ("", "x")
    return found


def inside_word(text: str, mention: Mention) -> bool:
    """An outside place's name that the segmenter reads inside a longer word ('上海市' of '海市蜃楼')."""
    if mention.rule != "gazetteer" or not _outside(mention.place_ids):
        return False
    around = _words(text, mention.start, mention.end)
    return mention.start not in around or mention.end not in around


#: per finder (by identity, the finder kept alive with it): the regex of its two-character outside names.
_SHORT_OUTSIDE: dict[int, tuple[MentionFinder, re.Pattern[str] | None]] = {}


def _short_outside_re(finder: MentionFinder) -> re.Pattern[str] | None:
    cached = _SHORT_OUTSIDE.get(id(finder))
    if cached is None or cached[0] is not finder:
        names = sorted(s for s, ids in finder._ids.items() if len(s) == 2 and _outside(ids))
        cached = (finder, re.compile("|".join(map(re.escape, names))) if names else None)
        _SHORT_OUTSIDE[id(finder)] = cached
    return cached[1]


def outside_words(text: str, finder: MentionFinder) -> list[Mention]:
    """Two-character outside names the segmenter reads as place words of their own ('甘肃接壤', '日本侵占')."""
    pattern = _short_outside_re(finder)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        start, end = match.span()
        around = _words(text, start, end)
        if around.get(start, ("", ""))[1] == PLACE_FLAG and end in around and _ends_name(*around[end]):
            found.append(Mention(match.group(), start, end, None, "gazetteer", finder.ids(match.group())))
    return found


def _ends_name(word: str, flag: str) -> bool:
    """Whether the word after a bare outside name leaves that name a place of its own."""
    if flag == PLACE_FLAG:  # '甘肃张掖' (a city of it), not '北京正北', '天津南' (a direction: a longer name)
        return len(word) >= 2 and word[0] not in DIRECTION_CHARS
    return flag in NAME_END_FLAGS


# -- province abbreviations ----------------------------------------------------------------------------
@cache
def province_abbreviations() -> dict[str, str]:
    """One-character province abbreviation -> official province name (``gazetteer/context``)."""
    with (CONTEXT_DIR / "province_abbreviations.csv").open(encoding="utf-8", newline="") as handle:
        return {row["abbreviation"]: row["province"] for row in csv.DictReader(handle)}


#: what closes a run of abbreviations naming provinces: a count of provinces, or their meeting point.
_RUN_CLOSERS = r"(?:[两二三四五六七八九十\d]{1,2}个?省(?:区|份|市)?|交汇|交界处)"


@cache
def _province_run_re() -> re.Pattern[str]:
    chars = "".join(province_abbreviations())
    return re.compile(f"(?:[{chars}]、?){{2,}}(?={_RUN_CLOSERS})")


def province_runs(text: str, finder: MentionFinder) -> list[Mention]:
    """'蒙冀辽三省区交汇', '辽吉黑蒙四省区', '陕、甘、宁、青五省区': one province mention per abbreviation."""
    names = province_abbreviations()
    found = []
    for match in _province_run_re().finditer(text):
        run = match.group().replace("、", "")
        if len(set(run)) < len(run):
            continue
        for offset, char in enumerate(match.group()):
            if char in names:
                start = match.start() + offset
                found.append(
                    Mention(char, start, start + 1, "province", "abbreviation", finder.ids(names[char]))
                )
    return found
