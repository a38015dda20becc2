"""The reviewed word lists (gazetteer/lexicon/*.txt): each loads with no repeats, and each is the one source of a list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geoplan.extract.projects import _patterns
from geoplan.geocode.lexicon import LEXICON_DIR, alternation, words

NAMES = sorted(path.stem for path in LEXICON_DIR.glob("*.txt"))


def test_the_lists_the_geocoder_uses_are_there() -> None:
    assert {"leading_words", "kind_words", "stop_words", "line_tail_words"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_list_has_words_and_no_repeats(name: str) -> None:
    found = words(name)
    assert found and len(found) == len(set(found))
    assert all(" " not in word and "\t" not in word for word in found)


def _names_used_in_code() -> set[str]:
    """The list names the package reads through ``words(...)`` or ``alternation(...)``."""
    package = Path(__file__).resolve().parents[1] / "geoplan"
    used: set[str] = set()
    for path in package.rglob("*.py"):
        used |= set(re.findall(r"""\b(?:words|alternation)\(\s*["']([a-z_]+)["']""", path.read_text("utf-8")))
    return used


def test_every_list_is_read_by_the_code_and_every_list_read_exists() -> None:
    used = _names_used_in_code()
    assert used == set(NAMES)


def test_alternation_tries_words_in_file_order_and_escapes_them() -> None:
    assert alternation("project_words") == "项目|工程"
    assert re.fullmatch(alternation("note_words"), "资料来源")


def test_a_false_ending_keeps_its_noun_from_ending_a_project_name() -> None:
    patterns = _patterns()
    assert patterns.strong_end.search("包头至银川铁路")
    assert patterns.strong_end.search("呼和浩特至鄂尔多斯线")
    assert not patterns.strong_end.search("黄河沿线")
    assert not patterns.strong_end.search("保障一线")
    assert patterns.project_end.search("乌兰察布物流园")
    assert not patterns.strong_end.search("乌兰察布物流园")


def test_name_verbs_and_modifiers_are_trimmed_from_the_front() -> None:
    assert _patterns().leading_verbs.sub("", "重点加快谋划建设某某产业园") == "某某产业园"
