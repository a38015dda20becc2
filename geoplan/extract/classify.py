"""Sector and action of a project, from its box title, label, name and text.

Sectors are the ids of the membership lists in ``layers/layers.yaml``; ``layers/keywords.yaml`` (reviewed
data, read once) maps keywords to them and verbs to actions.  A keyword in the project's name or label weighs
most, then the box title, then the rest of the text; the sector with the highest score wins (table order breaks
ties).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import ahocorasick
import yaml

from geoplan.errors import GeoplanError
from geoplan.layers import load_layers
from geoplan.resources import LAYERS_DIR

#: weights of where a keyword is found
_WEIGHTS = {"name": 3, "label": 3, "box_title": 2, "text": 1}

KEYWORDS_FILE = LAYERS_DIR / "keywords.yaml"


@cache
def _keyword_file() -> dict[str, dict[str, tuple[str, ...]]]:
    """``layers/keywords.yaml``: its tables (name -> key -> words), checked: words are strings, none repeated."""
    try:
        data = yaml.safe_load(KEYWORDS_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GeoplanError(f"{KEYWORDS_FILE}: cannot be read: {error}") from None
    tables: dict[str, dict[str, tuple[str, ...]]] = {}
    for table, rows in (data or {}).items():
        tables[table] = {}
        for key, words in (rows or {}).items():
            if not words or not all(isinstance(w, str) and w for w in words):
                raise GeoplanError(f"{KEYWORDS_FILE.name}: {table}.{key} needs a list of words")
            repeated = sorted({w for w in words if words.count(w) > 1})
            if repeated:
                raise GeoplanError(f"{KEYWORDS_FILE.name}: {table}.{key} repeats {', '.join(repeated)}")
            tables[table][str(key)] = tuple(words)
    return tables


def sector_keywords() -> dict[str, tuple[str, ...]]:
    """Sector id -> keywords, most specific sectors first (``sectors`` of ``layers/keywords.yaml``)."""
    return _keyword_file()["sectors"]


def action_verbs() -> dict[str, tuple[str, ...]]:
    """Action -> verbs (``actions`` of ``layers/keywords.yaml``)."""
    return _keyword_file()["actions"]


@cache
def _action_matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every verb, longest first, and the action of each verb."""
    verbs = action_verbs()
    pattern = re.compile("|".join(sorted((v for vs in verbs.values() for v in vs), key=len, reverse=True)))
    return pattern, {verb: action for action, words in verbs.items() for verb in words}


@cache
def _layer_of_sector() -> dict[str, str]:
    return {s: layer.id for layer in load_layers() if layer.group == "thematic" for s in layer.sectors}


@cache
def known_sectors() -> frozenset[str]:
    """The sector ids claimed by a thematic layer of ``layers.yaml``."""
    return frozenset(s for layer in load_layers() if layer.group == "thematic" for s in layer.sectors)


@cache
def _keyword_automaton() -> ahocorasick.Automaton:
    """Every keyword once, with the sectors it scores for (one pass over a text finds them all)."""
    sectors_of: dict[str, list[str]] = {}
    for sector, words in sector_keywords().items():
        for word in words:
            sectors_of.setdefault(word, []).append(sector)
    automaton = ahocorasick.Automaton()
    for word, sectors in sectors_of.items():
        automaton.add_word(word, tuple(sectors))
    automaton.make_automaton()
    return automaton


def sector_scores(name: str = "", label: str = "", box_title: str = "", text: str = "") -> Counter[str]:
    """Keyword scores of every sector for a project (at most three hits per sector and field)."""
    automaton = _keyword_automaton()
    scores: Counter[str] = Counter()
    for where, content in (("name", name), ("label", label), ("box_title", box_title), ("text", text)):
        if not content:
            continue
        hits: Counter[str] = Counter(s for _, sectors in automaton.iter(content) for s in sectors)
        for sector, count in hits.items():
            scores[sector] += _WEIGHTS[where] * min(count, 3)
    return scores


def classify_sector(name: str = "", label: str = "", box_title: str = "", text: str = "") -> str:
    """The sector of a project ('urban' when nothing matches).

    Scores are summed per thematic layer first (a railway to an industrial park is infrastructure:
    railway + port + transport outweigh industry), then the best sector of the best layer wins.
    """
    scores = sector_scores(name, label, box_title, text)
    if not scores:
        return "urban"
    order = list(sector_keywords())
    layer_of = _layer_of_sector()
    by_layer: Counter[str] = Counter()
    for sector, score in scores.items():
        by_layer[layer_of.get(sector, "urban")] += score
    best_layer = max(
        by_layer.items(),
        key=lambda kv: (kv[1], -min(order.index(s) for s in scores if layer_of.get(s, "urban") == kv[0])),
    )[0]
    candidates = {s: v for s, v in scores.items() if layer_of.get(s, "urban") == best_layer}
    best = max(candidates.items(), key=lambda kv: (kv[1], -order.index(kv[0])))[0]
    return best if best in known_sectors() else "urban"


def classify_action(text: str, label: str = "") -> str:
    """The action of a project: the first action verb of its text (then of its label), '' when none."""
    pattern, action_of = _action_matcher()
    for content in (text, label):
        match = pattern.search(content or "")
        if match:
            return action_of[match.group(0)]
    return ""
