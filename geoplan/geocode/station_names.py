"""How railway stations are named, read from the words of the text (no list of station names).

A station is named by its place (a town, a banner's or a league's name, a transliterated run the segmenter lacks)
and a station word after it (站, 东站, 火车站, 货运站 …).  A unit's short form that is also a common word of the
dictionary ('铁路' of 铁路街道) names no station: '铁路货运站' is a kind of station, not one at that unit.
"""

from __future__ import annotations

from typing import Protocol

from geoplan.geocode.segment import NAME_FLAGS, NOT_NAME_FLAGS, known, one_common_word, opens_with_count, tag


class _Finder(Protocol):
    def ids(self, name: str) -> tuple[str, ...]: ...


def common_short_form(stem: str, finder: _Finder) -> bool:
    """Whether ``stem`` is read as a place only by its short form and is a common dictionary word (a noun, a verb
    …) of the segmenter: no full name of the gazetteer, one dictionary word with no name flag."""
    return not finder.ids(stem) and one_common_word(stem)


#: the station words that name a station's kind of traffic (货运站 goods, 客运站 passengers, 编组站 marshalling):
#: a common word before them ('铁路货运站', '汽车客运站') says which kind, no place.
_KIND_STATION_WORDS = frozenset({"货运站", "客运站", "编组站"})


def kind_of_station(word: str) -> bool:
    """Whether the station word ``word`` names the station's kind of traffic ('货运站'), which common words precede."""
    return word in _KIND_STATION_WORDS


#: flags of the words of two or more characters no station's name holds: verbs, verbal nouns, adjectives,
#: adverbs and function words (the segmenter's guesses at runs it lacks carry them too: 储配 vn).
_NOT_STATION_FLAGS = NOT_NAME_FLAGS | {"vn"}


def verbal_run(run: str) -> bool:
    """Whether ``run`` (a name run and its station word) is no name: it opens with a count (:func:`~geoplan.geocode.segment.opens_with_count`),
    or holds a word of two or more characters that is a verb, adjective, adverb or function word ('储配站'), or
    no name word of two or more characters at all (a place or person word, or a run the dictionary lacks:
    '老/旧/火车站' is single adjectives).  Single characters are not judged by their flags (transliterations split
    into odd characters: 巴彦/花)."""
    if opens_with_count(run):
        return True
    words = tag(run)
    if any(len(word) >= 2 and flag in _NOT_STATION_FLAGS for word, flag in words):
        return True
    return not any(len(word) >= 2 and (flag in NAME_FLAGS or not known(word)) for word, flag in words)
