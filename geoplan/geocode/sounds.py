"""Names written with other characters of the same sounds.

Mongolian, Daur and Evenki names reach Chinese text through transcription, and pages write one place with other
characters of the same sounds: 吉兰太镇 for 吉兰泰镇, 努文牧仁乡 for 努文木仁乡, 都思兔河 for 都思图河, and 巴音 for
巴彦 (bayan).  A name the gazetteer lacks is compared with the gazetteer's names of its type by their sounds, the
toneless pinyin of each character (pypinyin, MIT, its dictionary in the package), reading yan and yin as one
syllable (巴彦/巴音); the places so found are the name's candidates, ranked as any name's are."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pypinyin import lazy_pinyin

from geoplan.geocode.stems import is_han

#: types of places whose names are compared by their sounds (units, natural places, sights: the names pages
#: transcribe); lines and parks carry names of Chinese words, written one way.
SOUNDED_TYPES = frozenset(
    {"town", "river", "lake", "reservoir", "mountain", "wetland", "grassland", "desert", "scenic", "reserve"}
)
#: the shortest name compared (a two-character name has too many namesakes by sound).
SHORTEST = 3
#: syllables pages write for one sound of a transcribed name (bayan: 巴彦, 巴音).
_SAME_SYLLABLES = {"yan": "yin"}

#: per gazetteer: sounds -> ids of the places of a type named so
_INDEXES: dict[Any, dict[tuple[str, str], tuple[str, ...]]] = {}


def sounds(name: str) -> str:
    """The toneless pinyin of ``name``, a syllable per character ('吉兰太镇' -> 'ji-lan-tai-zhen')."""
    return "-".join(_SAME_SYLLABLES.get(syllable, syllable) for syllable in lazy_pinyin(name))


def _index(places: Iterable[Any]) -> dict[tuple[str, str], tuple[str, ...]]:
    by_sound: dict[tuple[str, str], list[str]] = {}
    for place in places:
        if place.type not in SOUNDED_TYPES:
            continue
        for name in {place.name, *place.aliases}:
            if len(name) >= SHORTEST and all(map(is_han, name)):
                ids = by_sound.setdefault((place.type, sounds(name)), [])
                if place.id not in ids:
                    ids.append(place.id)
    return {key: tuple(ids) for key, ids in by_sound.items()}


def same_sounds(gazetteer: Any, name: str, kind: str | None) -> tuple[str, ...]:
    """Ids of the gazetteer's places of type ``kind`` whose name or alias sounds as ``name`` does (none for a
    name of another type, a short one or one holding other characters than Chinese)."""
    if kind not in SOUNDED_TYPES or len(name) < SHORTEST or not all(map(is_han, name)):
        return ()
    index = _INDEXES.get(gazetteer)
    if index is None:
        index = _INDEXES[gazetteer] = _index(gazetteer.records())
    return index.get((kind, sounds(name)), ())
