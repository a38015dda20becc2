"""The reviewed word lists of the geocoder, one per file in ``gazetteer/lexicon/*.txt``.

Each file holds one word a line (``#`` starts a comment line) and no repeats; :func:`words` reads a list once.
"""

from __future__ import annotations

import re
from functools import cache

from geoplan.errors import GazetteerError
from geoplan.resources import GAZETTEER_DIR

LEXICON_DIR = GAZETTEER_DIR / "lexicon"


@cache
def words(name: str) -> tuple[str, ...]:
    """The words of ``gazetteer/lexicon/<name>.txt``, in file order."""
    path = LEXICON_DIR / f"{name}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GazetteerError(f"word list {path} cannot be read: {error}") from None
    found = tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
    repeated = sorted({word for word in found if found.count(word) > 1})
    if repeated:
        raise GazetteerError(f"{path.name}: repeated words {', '.join(repeated)}")
    return found


def alternation(name: str) -> str:
    """A regex alternation of the words of ``gazetteer/lexicon/<name>.txt``, tried in file order."""
    return "|".join(re.escape(word) for word in words(name))


@cache
def organisation_words() -> tuple[str, ...]:
    """The words that make a place's name before them an organisation's: ``organisation_words.txt`` and the office
    holders' titles of ``office_titles.txt``."""
    return (*words("organisation_words"), *words("office_titles"))


@cache
def _peoples_re() -> re.Pattern[str]:
    ordered = sorted(words("ethnic_groups"), key=len, reverse=True)
    return re.compile(f"(?:(?:{'|'.join(map(re.escape, ordered))})族)+$")


def without_peoples(name: str, suffix: str) -> str | None:
    """An autonomous unit's name without its suffix and the peoples before it (围场满族蒙古族自治县, 自治县 ->
    围场; 楚雄彝族自治州, 自治州 -> 楚雄), None when ``name`` does not end so or too little is left."""
    if not name.endswith(suffix):
        return None
    stem = _peoples_re().sub("", name.removesuffix(suffix))
    return stem if len(stem) >= 2 and stem != name.removesuffix(suffix) else None


@cache
def _peoples_tail_re() -> re.Pattern[str]:
    # peoples of two or more characters may be written without 族 before the last ('达斡尔鄂温克族'); a
    # one-character people (汉, 回 …) only with its 族, so that a name's last character is never read as one
    peoples = words("ethnic_groups")
    longer = "|".join(map(re.escape, sorted((p for p in peoples if len(p) >= 2), key=len, reverse=True)))
    every = "|".join(map(re.escape, sorted(peoples, key=len, reverse=True)))
    return re.compile(f"(?:(?:{longer})(?:民?族)?|(?:{every})民?族)*(?:{every})民?族$")


def names_peoples_only(stem: str) -> bool:
    """Whether ``stem`` is only the name of peoples ('蒙古族', '蒙古', '满族'): '清代蒙古族王府' describes a kind
    of site, it names none."""
    return peoples_tail(stem) == 0 or stem in _peoples_of_two_or_more()


@cache
def _peoples_of_two_or_more() -> frozenset[str]:
    return frozenset(p for p in words("ethnic_groups") if len(p) >= 2)


def peoples_tail(stem: str) -> int | None:
    """Where the peoples that end ``stem`` start ('音河达斡尔鄂温克族' -> 2, '查巴奇鄂温克民族' -> 3), the
    qualifier an ethnic township's name carries before its class word; None when ``stem`` ends with no people."""
    match = _peoples_tail_re().search(stem)
    return match.start() if match else None


def era_pattern() -> str:
    """A regular expression of an era or dynasty with its period word ('清代', '西汉', '民国时期'): eras of two or
    more characters alone or with one, one-character dynasties with one (era_words, era_period_words)."""
    eras = words("era_words")
    periods = "|".join(words("era_period_words"))
    long = "|".join(sorted((w for w in eras if len(w) > 1), key=len, reverse=True))
    single = "".join(w for w in eras if len(w) == 1)
    return f"(?:(?:{long})(?:{periods})?|[{single}](?:{periods}))"
