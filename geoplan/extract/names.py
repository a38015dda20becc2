"""A project's name (what a list shows) and its description (the rest of its text).

The name is the project's own title: the head of its text up to the first sentence stop (，。；：) or line break
outside brackets (a title the plan set on a line of its own), cut again where a description runs into it without a
stop: after a project noun (项目, 工程, 基地, 产业园 …), a word that opens a verb phrase (a cue word of
``description_cues``, or a dictionary verb or adverb of two or more characters, as jieba tags it) — '…建设项目' +
'通过生态补水…'.  A name longer than :data:`NAME_LIMIT` is cut where a word ends (at the last enumeration comma
when there is one).  The description is the project's text after its name, so name and description together
cover the text (list numbers, labels and the verbs trimmed from the name's front aside).
"""

from __future__ import annotations

import re
from functools import cache

from geoplan.geocode.lexicon import words
from geoplan.geocode.segment import known, tag

#: the longest name a list shows (characters)
NAME_LIMIT = 30
#: characters that end a title's head outside brackets; a line break ends it too
STOPS = "，,。；;：:！!？?"
#: separators dropped between a name and its description
SEPARATORS = STOPS + "、 \t\n"
_OPEN, _CLOSE = "（(【《“「", "）)】》”」"
#: jieba flags of words that open a verb phrase (verbs, adverbs)
VERB_FLAGS = frozenset({"v", "vd", "d", "ad"})
#: a title is at least this long before a description may start (characters)
MIN_TITLE = 4
#: a name that ends in its project noun may run to this length before it is cut (characters)
COMPLETE_LIMIT = 40
#: conjunctions after a verb that keep it nominal ('建设及电气化改造')
_JOINERS = "及和与、或"


def head(text: str) -> str:
    """``text`` up to its first line break or sentence stop outside brackets (a stop after fewer than
    :data:`MIN_TITLE` characters ends a label such as '南环：', not the title)."""
    depth = 0
    for index, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (char == "\n" or (char in STOPS and index >= MIN_TITLE)):
            return text[:index]
    return text


@cache
def _cues() -> tuple[str, ...]:
    return words("description_cues")


def title_end(name: str, noun_end: re.Pattern[str], noun_start: re.Pattern[str]) -> int:
    """Where a description run into ``name`` starts (``len(name)`` when none).

    ``noun_end`` matches a project noun at the end of a string, ``noun_start`` one at its start: the cut is after a
    project noun, before a cue word or a dictionary verb or adverb (jieba) that is not itself followed by a project
    noun ('…产业园建设项目' stays whole) and leaves at least two characters of description.
    """
    words_ = tag(name)
    ends = set()
    position = 0
    for word, _ in words_:
        position += len(word)
        ends.add(position)
    position = 0
    for word, flag in words_:
        start, position = position, position + len(word)
        if start < MIN_TITLE or not noun_end.search(name[:start]):
            continue
        rest = name[start:]
        cue = next((c for c in _cues() if rest.startswith(c) and start + len(c) in ends), "")
        verb = len(word) >= 2 and flag in VERB_FLAGS and known(word)
        after = rest[len(cue or word) :]
        nominal = noun_start.match(after) or after[:1] in _JOINERS  # '建设项目', '建设及改造': a name goes on
        if (cue or verb) and len(after) >= 2 and not nominal:
            return start
    return len(name)


def _bounds(name: str) -> list[int]:
    """Offsets in ``name`` where jieba words end, outside brackets."""
    bounds, depth, position = [], 0, 0
    for word, _ in tag(name):
        for char in word:
            depth = depth + 1 if char in _OPEN else max(0, depth - 1) if char in _CLOSE else depth
        position += len(word)
        if depth == 0:
            bounds.append(position)
    return bounds


def capped(name: str, complete: bool = False, limit: int = NAME_LIMIT) -> str:
    """``name`` cut to at most ``limit`` characters where a word ends: at the last top-level enumeration
    comma (、) when that keeps 8 characters or more, else at the last word end.  A ``complete`` name (one that
    ends in its project noun) is kept whole up to :data:`COMPLETE_LIMIT` characters."""
    if len(name) <= limit or (complete and len(name) <= max(limit, COMPLETE_LIMIT)):
        return name
    bounds = [b for b in _bounds(name) if b <= limit]
    commas = [b for b in bounds if b < len(name) and name[b] == "、" and b >= 8]
    if commas:
        return name[: commas[-1]]
    return name[: bounds[-1]] if bounds else name[:limit]


def description_after(name: str, text: str) -> str:
    """The text after ``name`` in ``text`` (whitespace normalised, the separator after the name dropped).

    The whole text (normalised) when the name is not found in it."""
    match = re.search(r"\s*".join(map(re.escape, name)), text) if name else None
    rest = text[match.end() :] if match else text
    return re.sub(r"\s+", " ", rest.lstrip(SEPARATORS)).strip()
