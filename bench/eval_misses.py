"""List the tuned part's misses and false hits with their context, to group them by cause.

Usage: ``python bench/eval_misses.py [type ...]``.  Only plans 000–003 (the tuned part): the held-out plan is never
listed, so that no rule is written because of one of its examples.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_eval import EVAL_DIR, HELD_OUT, predictions  # noqa: E402
from eval_score import TYPE_MAP, load_gold, squash  # noqa: E402

from geoplan.resources import REFERENCE_PLANS  # noqa: E402


def main(kinds: set[str]) -> None:
    from geoplan.geocode.gazetteer import Gazetteer
    from geoplan.geocode.places import geoparse
    from geoplan.read.plan import read

    gazetteer = Gazetteer.load()
    for path in sorted(EVAL_DIR.glob("*.jsonl")):
        if path.name[:3] in HELD_OUT:
            continue
        gold = load_gold(path)
        plan = read(REFERENCE_PLANS / f"{gold.plan}.txt")
        lines = (REFERENCE_PLANS / f"{gold.plan}.txt").read_text(encoding="utf-8").split("\n")
        predicted = [p for p in predictions(plan, geoparse(plan, gazetteer)) if gold.covers(p.line)]
        pred_keys = defaultdict(list)
        for p in predicted:
            pred_keys[(p.line, squash(p.text))].append(p)
        gold_keys = defaultdict(list)
        for g in gold.mentions:
            gold_keys[(g.line, g.text)].append(g)
        for g in gold.mentions:
            if kinds and g.type not in kinds:
                continue
            if not pred_keys.get((g.line, g.text)):
                line = lines[g.line - 1]
                i = line.find(g.text)
                ctx = line[max(0, i - 15) : i + len(g.text) + 15] if i >= 0 else line[:60]
                near = [p.text for p in predicted if p.line == g.line]
                print(f"MISS {gold.plan[:3]}:{g.line} {g.type:10} {g.text}  | {ctx}  | pred: {near}")
            else:
                pred_keys[(g.line, g.text)].pop()
        for items in pred_keys.values():
            for p in items:
                kind = TYPE_MAP.get(p.type, p.type)
                if kinds and kind not in kinds:
                    continue
                line = lines[p.line - 1]
                i = line.find(p.text)
                ctx = line[max(0, i - 15) : i + len(p.text) + 15] if i >= 0 else ""
                print(f"FALSE {gold.plan[:3]}:{p.line} {kind:10} {p.text}  | {ctx}")


if __name__ == "__main__":
    main(set(sys.argv[1:]))
