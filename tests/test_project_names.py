"""A project's name (what a list shows) apart from its description, over every box item of the five reference plans.

The plans are read from ../shared/plans (never copied here).  Each box project is checked for properties a reader
can state without the code: the name is non-empty, starts with no list number or punctuation, is the head of the
item's text (after its number, a label or the verbs that open a clause), ends where a word ends, holds at most 30
characters (40 when it ends in its project noun), never swallows the verb that opens the description, and name plus
description give back the item's text.  A few expectations were worked out by hand from the plans, by position
(plan, box, item) and length: the lengths below are character counts of the title lines read in the plan files.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from geoplan.extract.names import NAME_LIMIT
from geoplan.extract.projects import Project, box_projects
from geoplan.geocode.lexicon import words
from geoplan.geocode.segment import tag
from geoplan.read.plan import read
from geoplan.resources import REFERENCE_PLANS

PREFIXES = ("000", "001", "002", "003", "004")
#: what separates a name from its description in a plan's text
SEPARATORS = "，,。；;：:、 \t\n"
#: a list number or bullet opening an item: '1、', '（三）', '(二)', '2.', '- '
LIST_NUMBER = re.compile(
    r"^\s*(?:[-•·●▪]\s*)?(?:[（(][一二三四五六七八九十\d]+[)）]|[\d一二三四五六七八九十]+[、.．])"
)
#: what must not open a name: a list number, a separator or a closing bracket
BAD_START = re.compile(
    rf"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|[{re.escape(SEPARATORS)}）)】》”])"
)
#: nouns that end a project's name (the reviewed lexicons), with a bracketed note or a trailing 建设/实施 after them
NOUNS = "|".join(
    re.escape(word)
    for name in ("project_words", "project_strong_nouns", "project_weak_nouns")
    for word in words(name)
)
ENDS_IN_NOUN = re.compile(rf"(?:{NOUNS})(?:[（(][^）)]*[）)])?(?:{'|'.join(words('project_name_tails'))})?$")


@cache
def _plan(prefix: str):
    (path,) = sorted(Path(REFERENCE_PLANS).glob(f"{prefix}_*.txt"))
    return read(path)


@cache
def _projects(prefix: str) -> tuple[Project, ...]:
    return tuple(p for p in box_projects(_plan(prefix)) if p.kind == "project")


def _items() -> list[tuple[str, Project]]:
    return [(prefix, project) for prefix in PREFIXES for project in _projects(prefix)]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _text(prefix: str, project: Project) -> str:
    """The project's text as the plan has it, its list number dropped."""
    raw = _plan(prefix).text[project.start : project.end].strip()
    return raw[LIST_NUMBER.match(raw).end() :].lstrip() if LIST_NUMBER.match(raw) else raw


def _name_span(text: str, name: str) -> re.Match[str]:
    """Where ``name`` is in ``text`` (whitespace between its characters allowed, as the plan may break lines)."""
    match = re.search(r"\s*".join(map(re.escape, name)), text)
    assert match, name
    return match


def test_the_sample_is_every_box_project_of_all_five_plans() -> None:
    counts = Counter(prefix for prefix, _ in _items())
    assert set(counts) == set(PREFIXES) and min(counts.values()) >= 30
    assert sum(counts.values()) >= 40


@pytest.mark.parametrize("prefix", PREFIXES)
def test_names_are_short_non_empty_heads_of_their_item(prefix: str) -> None:
    for project in _projects(prefix):
        name = project.name
        assert name and not BAD_START.match(name), (project.feature_id, name)
        assert "…" not in name and not re.search(r"\s", name), (project.feature_id, name)
        assert len(name) <= 40, (project.feature_id, name)
        assert len(name) <= NAME_LIMIT or ENDS_IN_NOUN.search(name), (project.feature_id, name)
        text = _compact(_text(prefix, project))
        before = text[: text.index(name)]
        # what precedes the name is nothing, a label ('…项目：') or the short verb phrase opening its clause
        last_clause = re.split(rf"[{re.escape(SEPARATORS)}]", before)[-1]
        assert before.endswith(("：", ":")) or len(last_clause) <= 4, (project.feature_id, before)


def test_most_names_fit_a_list_and_most_open_their_item() -> None:
    projects = [project for _, project in _items()]
    assert sum(len(p.name) <= NAME_LIMIT for p in projects) >= 0.97 * len(projects)
    heads = sum(_compact(_text(prefix, p)).startswith(p.name) for prefix, p in _items())
    assert heads >= 0.85 * len(projects)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_name_and_description_give_back_the_item(prefix: str) -> None:
    for project in _projects(prefix):
        text = _compact(_text(prefix, project))
        after = text[text.index(project.name) + len(project.name) :].lstrip(SEPARATORS)
        assert _compact(project.description) == after, project.feature_id
        assert bool(project.description) == bool(after), project.feature_id  # non-empty when text remains


@pytest.mark.parametrize("prefix", PREFIXES)
def test_names_end_where_a_word_ends(prefix: str) -> None:
    for project in _projects(prefix):
        text = _text(prefix, project)
        end = _name_span(text, project.name).end()
        bounds, position = {0}, 0
        for word, _ in tag(text):
            position += len(word)
            bounds.add(position)
        assert end in bounds, (project.feature_id, project.name, text[end : end + 4])


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_name_swallows_the_verb_that_opens_its_description(prefix: str) -> None:
    cues = words("description_cues")
    for project in _projects(prefix):
        if not project.name.endswith(cues) or not project.description:
            continue
        text = _text(prefix, project)
        end = _name_span(text, project.name).end()
        # a name ending in a verb ('…示范区建设') is one the plan itself closed with a stop or a line break
        assert text[end] in SEPARATORS, (project.feature_id, project.name)


def test_a_title_on_a_line_of_its_own_is_the_name() -> None:
    """Plan 004 sets each box item's title on its own line and the description below: the first line is the name
    (the old names ran on into the description, up to 60 characters)."""
    titled = [p for p in _projects("004") if "\n" in _plan("004").text[p.start : p.end].strip()]
    assert len(titled) >= 60
    for project in titled:
        first_line = _compact(_text("004", project).split("\n", 1)[0])
        if len(first_line) <= NAME_LIMIT:
            assert project.name == first_line, (project.feature_id, project.name)
        assert project.description, project.feature_id


def _at(prefix: str, box: str, item: int) -> list[Project]:
    return [p for p in _projects(prefix) if p.box == box and p.item == item]


#: (plan, box, item, name length): 004 4-1 1 and 6 are title lines of 19 and 16 characters (6 is the issue's
#: example) with the description on the next line; 003 3 1 a 16-character title closed by '。'; 000 2 1 a title with
#: a bracketed note (28 characters) whose description is the next line; 002 4-3 1 an 18-character name and nothing else
BY_HAND = [
    ("004", "4-1", 1, 19),
    ("004", "4-1", 6, 16),
    ("003", "3", 1, 16),
    ("000", "2", 1, 28),
    ("002", "4-3", 1, 18),
]


@pytest.mark.parametrize(("prefix", "box", "item", "length"), BY_HAND)
def test_names_worked_out_by_hand(prefix: str, box: str, item: int, length: int) -> None:
    (project,) = _at(prefix, box, item)
    assert len(project.name) == length, project.name
    assert bool(project.description) == ((prefix, box) != ("002", "4-3"))


def test_in_a_list_of_projects_each_describes_what_follows_its_name() -> None:
    """Plan 004, box 5-6, item 2: a title, then four projects each followed by a clause about it; each of the
    four names opens its own piece and the clause after it is its description."""
    pieces = _at("004", "5-6", 2)
    assert len(pieces) == 4
    assert all(piece.description for piece in pieces)
    assert all(_compact(_text("004", piece)).startswith(piece.name) for piece in pieces)
