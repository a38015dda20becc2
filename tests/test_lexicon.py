"""The geocoder's reviewed word lists (gazetteer/lexicon/*.txt): each loads, with no repeats."""

from __future__ import annotations

import pytest

from geoplan.geocode.lexicon import LEXICON_DIR, words

NAMES = sorted(path.stem for path in LEXICON_DIR.glob("*.txt"))


def test_the_lists_the_geocoder_uses_are_there() -> None:
    assert {"leading_words", "kind_words", "stop_words", "line_tail_words"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_list_has_words_and_no_repeats(name: str) -> None:
    found = words(name)
    assert found and len(found) == len(set(found))
    assert all(" " not in word and "\t" not in word for word in found)
