"""Geoparser precision, recall and F1 per type on the hand-annotated gold set (``bench/eval``, GUIDE.md there).

Usage: ``python bench/bench_eval.py [--corpus DIR]``.  Plans 000–003 are the tuned part, 004 the held-out plan
(never looked at while tuning rules).  Writes ``bench/results/eval.json``; the held-out part lists no misses or
false hits, so that reading the results does not tune the rules to it.

``--corpus DIR`` scores an annotated corpus kept outside the repository (third-party texts cannot be copied in):
``DIR/texts/<id>.txt`` with ``DIR/<id>.jsonl`` in the guide's format, and ``DIR/manifest.csv`` (id, league,
page_url, ...).  It is scored blind, like a user's next plan: ``bench/results/eval-unseen.json`` gets the overall
and per-type numbers only.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_score import GoldPlan, Predicted, load_gold, score, squash  # noqa: E402

from geoplan.resources import REFERENCE_PLANS  # noqa: E402

EVAL_DIR = ROOT / "bench" / "eval"
HELD_OUT = ("004",)
_ROUTE = re.compile(r"(?:[GS]\s*\d{1,4}|(?:国道|省道)\s*\d{1,4}\s*线?)\s*$")
OWN_POINT = frozenset({"point", "town"})


def predictions(plan, places) -> list[Predicted]:
    """Every mention the geoparser claims (resolved or not), route numbers and corridor waypoints included."""
    out: list[Predicted] = []
    taken: set[tuple[int, int]] = set()

    covered: set[int] = set()

    def add(start: int, end: int, surface: str, kind: str, resolved=None, route: bool = False) -> None:
        # a corridor's route number that a mention already holds ('国道 625 线' as a mention and as the route of
        # its section '国道 625') is one claim, not a second prediction
        if (start, end) in taken or (route and covered.intersection(range(start, end))):
            return
        taken.add((start, end))
        covered.update(range(start, end))
        place = getattr(resolved, "place", None)
        banner = league = ""
        if place is not None and place.banner_id:
            banner = places.gazetteer.get(place.banner_id).name
        if place is not None and place.league_id:
            league = places.gazetteer.get(place.league_id).name
        own = resolved is not None and resolved.level == "own" and resolved.precision in OWN_POINT
        out.append(Predicted(plan.line_at(start), squash(surface), kind or "unknown", banner, own, league))

    for mention in places.mentions:
        kind = mention.type or (mention.place.type if mention.place is not None else "")
        add(mention.start, mention.end, mention.surface, kind, mention)
    for corridor in places.corridors:
        if corridor.rule == "named":
            # a line named inside a longer mention ('京藏高速公路' of 'G6京藏高速公路') is that mention's claim
            add(corridor.start, corridor.end, corridor.name, corridor.kind, route=True)
            continue
        route = _ROUTE.search(plan.text[max(0, corridor.start - 12) : corridor.start])
        if route is not None and corridor.route:
            start = corridor.start - len(route.group())
            add(start, corridor.start, route.group().rstrip(), "road", route=True)
        for waypoint in corridor.waypoints:
            place = waypoint.place
            add(
                waypoint.start,
                waypoint.end,
                waypoint.surface,
                place.type if place is not None else "",
                waypoint,
            )
    return out


def _overall_only(scored: dict[str, object]) -> dict[str, object]:
    """A scored part without its per-mention lists."""
    return {
        key: value
        for key, value in scored.items()
        if key not in ("top_misses", "top_false_hits", "traps_taken")
    }


def score_corpus(folder: Path) -> dict[str, object]:
    """Score the annotated corpus in ``folder`` (see the module docstring); overall and per-type numbers only."""
    from geoplan.geocode.gazetteer import Gazetteer
    from geoplan.geocode.places import geoparse
    from geoplan.read.plan import read

    gazetteer = Gazetteer.load()
    pairs = []
    for path in sorted(folder.glob("*.jsonl")):
        gold = load_gold(path)
        plan = read(folder / "texts" / f"{gold.plan}.txt")
        pairs.append((gold, predictions(plan, geoparse(plan, gazetteer))))
    scored = _overall_only(score(pairs))
    scored["texts"] = len(pairs)
    scored["gold_mentions"] = sum(len(gold.mentions) for gold, _ in pairs)
    out = ROOT / "bench" / "results" / "eval-unseen.json"
    out.write_text(json.dumps(scored, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return scored


def main() -> dict[str, object]:
    from geoplan.geocode.gazetteer import Gazetteer
    from geoplan.geocode.places import geoparse
    from geoplan.read.plan import read

    gazetteer = Gazetteer.load()
    parts: dict[str, list[tuple[GoldPlan, list[Predicted]]]] = {"tuned": [], "held_out": []}
    for path in sorted(EVAL_DIR.glob("*.jsonl")):
        gold = load_gold(path)
        plan = read(REFERENCE_PLANS / f"{gold.plan}.txt")
        part = "held_out" if gold.plan[:3] in HELD_OUT else "tuned"
        parts[part].append((gold, predictions(plan, geoparse(plan, gazetteer))))
    result: dict[str, object] = {}
    for part, pairs in parts.items():
        scored = score(pairs)
        scored["plans"] = [gold.plan for gold, _ in pairs]
        scored["gold_mentions"] = sum(len(gold.mentions) for gold, _ in pairs)
        result[part] = _overall_only(scored) if part == "held_out" else scored
    out = ROOT / "bench" / "results" / "eval.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--corpus":
        unseen = score_corpus(Path(sys.argv[2]))
        print(
            "unseen",
            unseen["texts"],
            "texts",
            json.dumps(unseen["overall"]),
            "located",
            unseen["located_right"],
            "other-league",
            f"{unseen['other_league']}/{unseen['placed_in_a_league']}",
        )
        raise SystemExit(0)
    result = main()
    for part in ("tuned", "held_out"):
        scored = result[part]
        other = f"{scored['other_league']}/{scored['placed_in_a_league']}"
        print(part, json.dumps(scored["overall"]), "located", scored["located_right"], "other-league", other)
