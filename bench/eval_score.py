"""Score geoparser output against the hand-annotated gold set in ``bench/eval/*.jsonl`` (see GUIDE.md).

A gold mention is ``(line, text)`` inside the sampled line ranges of one plan; a predicted mention is the same pair
taken from the geoparser (the source line its start maps to, and its surface without spaces).  A prediction is right
when a gold mention on the same line has the same text (strict span match; each gold mention matches once).
Recall is counted per gold type, precision per predicted type; located-right is the share of matched gold mentions
with a banner whose predicted banner is that banner; other-league counts matched mentions placed in a league
other than the gold one (a gold league or banner '?' — the annotator could not tell — is not counted) (the jurisdiction check: a place put outside its text's league); own-point is the share of matched predictions resolved to the
place itself with a point of its own (precision ``point`` or ``town``).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: predicted place types -> the guide's types.
TYPE_MAP = {
    "street": "road",
    "subpark": "park",
    "national_park": "reserve",
    "power_line": "powerline",
    "neighbour": "other",
}
#: predicted types the guide has no type for and does not annotate ('Villages, gachas and residents' communities …
#: are not annotated'): the geoparser reports them as locations of projects; the scorer neither counts them right
#: nor wrong, as an evaluation of some types leaves the predictions of other types out.
UNSCORED_TYPES = frozenset({"village"})
_SPACE = re.compile(r"\s+")
_ROUTE_LINE = re.compile(r"^((?:国道|省道|[GS])\d+)线$")


@dataclass(frozen=True)
class Gold:
    """One annotated mention (``type`` 'trap' for a non-mention that looks like a name)."""

    line: int
    text: str
    type: str
    banner: str
    league: str


@dataclass(frozen=True)
class Predicted:
    """One mention the geoparser claims, mapped to its source line."""

    line: int
    text: str
    type: str
    banner: str = ""
    own_point: bool = False
    league: str = ""


@dataclass
class GoldPlan:
    """The gold file of one plan: its sampled line ranges, mentions and traps."""

    plan: str
    ranges: list[tuple[int, int]]
    mentions: list[Gold] = field(default_factory=list)
    traps: list[Gold] = field(default_factory=list)

    def covers(self, line: int) -> bool:
        return any(a <= line <= b for a, b in self.ranges)


def squash(text: str) -> str:
    """The text without spaces, and a route number without its trailing 线 ('省道 321 线' -> '省道321')."""
    return _ROUTE_LINE.sub(r"\1", _SPACE.sub("", text))


def load_gold(path: Path) -> GoldPlan:
    """Read one ``<plan>.jsonl`` gold file (header line first)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    header, rows = rows[0], rows[1:]
    gold = GoldPlan(header["plan"], [(int(a), int(b)) for a, b in header["sampled_lines"]])
    for row in rows:
        note = row.get("note") or ""
        text = note.split(":", 1)[1] if note.startswith("broken:") else row["text"]
        item = Gold(int(row["line"]), squash(text), row["type"], row.get("banner", ""), row.get("league", ""))
        (gold.traps if row["type"] == "trap" else gold.mentions).append(item)
    return gold


@dataclass
class Tally:
    """Counts for precision/recall and the location shares."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def score(pairs: Iterable[tuple[GoldPlan, list[Predicted]]]) -> dict[str, object]:
    """Precision/recall/F1 overall and per type, traps taken, located-right and own-point shares."""
    total = Tally()
    by_type: dict[str, Tally] = defaultdict(Tally)
    located = Counter()
    leagues = Counter()
    own_point = Counter()
    traps_taken: list[str] = []
    misses: Counter[str] = Counter()
    false_hits: Counter[str] = Counter()
    for gold, predicted in pairs:
        open_gold: dict[tuple[int, str], list[Gold]] = defaultdict(list)
        for item in gold.mentions:
            open_gold[(item.line, item.text)].append(item)
        trap_keys = {(t.line, t.text) for t in gold.traps}
        for pred in predicted:
            if not gold.covers(pred.line) or pred.type in UNSCORED_TYPES:
                continue
            kind = TYPE_MAP.get(pred.type, pred.type)
            text = squash(pred.text)
            candidates = open_gold.get((pred.line, text))
            if candidates:
                item = candidates.pop(0)
                total.tp += 1
                by_type[item.type].tp += 1
                if item.banner and item.banner != "?":
                    located["with_banner"] += 1
                    located["right"] += pred.banner == item.banner
                if item.league and item.league != "?" and pred.league:  # '?': the annotator could not tell
                    leagues["placed"] += 1
                    leagues["other"] += pred.league != item.league
                own_point["matched"] += 1
                own_point["own_point"] += pred.own_point
            else:
                total.fp += 1
                by_type[kind].fp += 1
                false_hits[text] += 1
                if (pred.line, text) in trap_keys:
                    traps_taken.append(text)
        for items in open_gold.values():
            for item in items:
                total.fn += 1
                by_type[item.type].fn += 1
                misses[f"{item.text}/{item.type}"] += 1
    return {
        "overall": total.as_dict(),
        "per_type": {kind: tally.as_dict() for kind, tally in sorted(by_type.items())},
        "located_right": round(located["right"] / located["with_banner"], 4)
        if located["with_banner"]
        else None,
        "other_league": leagues["other"],
        "placed_in_a_league": leagues["placed"],
        "own_point": round(own_point["own_point"] / own_point["matched"], 4)
        if own_point["matched"]
        else None,
        "traps_taken": sorted(traps_taken),
        "top_misses": misses.most_common(25),
        "top_false_hits": false_hits.most_common(25),
    }
