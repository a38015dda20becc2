"""Issue 15, span boundaries: where a name found by its class word starts when prose is glued before it (sentences
written for these tests, none copied from a plan or a corpus text)."""

from __future__ import annotations

import pytest

from geoplan.geocode.context import refine
from geoplan.geocode.mentions import MentionFinder


def _found(finder: MentionFinder, text: str) -> list[tuple[str, str | None]]:
    return [(m.surface, m.type) for m in refine(text, finder.find(text), finder)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-character verb after a word of prose: the seat of a government is the town after it
        ("该旗人民政府驻敖包吐鲁镇。", [("敖包吐鲁镇", "town")]),
        # a time word ('今'): the present name of an old seat
        ("清代设治所,治今敖包吐鲁镇。", [("敖包吐鲁镇", "town")]),
        # words that introduce a name ('又称', '原名'), whatever flag the segmenter gives them
        ("山下有一座小庙(又称巴彦宝格德寺)。", [("巴彦宝格德寺", "scenic")]),
        ("湖泊原名呼和乌苏海子。", [("呼和乌苏海子", "lake")]),
        # single-character verbs inside a transliteration the segmenter split are part of the name
        ("学校搬到了达来库布镇。", [("达来库布镇", "town")]),
    ],
)
def test_prose_before_a_name_is_no_part_of_it(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected
