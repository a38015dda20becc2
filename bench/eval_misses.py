"""List misses, false hits and mislocated mentions with their context, to group them by cause.

Usage: ``python bench/eval_misses.py [--corpus DIR] [--kind miss,false,located] [type ...]``.

Without ``--corpus``: plans 000–003 (the tuned part); the held-out plan is never listed, so that no rule is written
because of one of its examples.  ``--corpus DIR`` lists a development corpus kept outside the repository (layout in
``bench_eval.py``); a corpus holding a file ``BLIND`` is refused: it is scored, never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_eval import EVAL_DIR, HELD_OUT, predictions  # noqa: E402
from eval_score import TYPE_MAP, UNSCORED_TYPES, load_gold, squash  # noqa: E402

from geoplan.resources import REFERENCE_PLANS  # noqa: E402

KINDS = ("miss", "false", "located")


def _gold_files(corpus: Path | None) -> list[tuple[Path, Path]]:
    """(gold file, text file) pairs to list."""
    if corpus is None:
        return [
            (path, REFERENCE_PLANS / f"{load_gold(path).plan}.txt")
            for path in sorted(EVAL_DIR.glob("*.jsonl"))
            if path.name[:3] not in HELD_OUT
        ]
    if (corpus / "BLIND").exists():
        raise SystemExit(f"{corpus} is a blind set: it is scored (bench_eval.py --corpus), never listed")
    return [
        (path, corpus / "texts" / f"{load_gold(path).plan}.txt") for path in sorted(corpus.glob("*.jsonl"))
    ]


def _context(line: str, text: str) -> str:
    i = line.find(text)
    return line[max(0, i - 15) : i + len(text) + 15] if i >= 0 else line[:60]


def main(corpus: Path | None, kinds: set[str], types: set[str]) -> None:
    from geoplan.geocode.gazetteer import Gazetteer
    from geoplan.geocode.places import geoparse
    from geoplan.read.plan import read

    gazetteer = Gazetteer.load()
    for gold_path, text_path in _gold_files(corpus):
        gold = load_gold(gold_path)
        plan = read(text_path)
        lines = text_path.read_text(encoding="utf-8").split("\n")
        name = gold.plan if corpus is not None else gold.plan[:3]
        predicted = [
            p
            for p in predictions(plan, geoparse(plan, gazetteer))
            if gold.covers(p.line) and p.type not in UNSCORED_TYPES
        ]
        pred_keys = defaultdict(list)
        for p in predicted:
            pred_keys[(p.line, squash(p.text))].append(p)
        for g in gold.mentions:
            found = pred_keys.get((g.line, g.text))
            if not found:
                if "miss" in kinds and (not types or g.type in types):
                    near = [p.text for p in predicted if p.line == g.line]
                    ctx = _context(lines[g.line - 1], g.text)
                    print(f"MISS {name}:{g.line} {g.type:10} {g.text}  | {ctx}  | pred: {near}")
                continue
            p = found.pop(0)
            wrong_banner = g.banner not in ("", "?") and p.banner != g.banner
            if "located" in kinds and wrong_banner and (not types or g.type in types):
                print(
                    f"LOC  {name}:{g.line} {g.type:10} {g.text}  gold {g.league}/{g.banner}"
                    f"  got {p.league}/{p.banner}  | {_context(lines[g.line - 1], g.text)}"
                )
        if "false" not in kinds:
            continue
        for items in pred_keys.values():
            for p in items:
                kind = TYPE_MAP.get(p.type, p.type)
                if types and kind not in types:
                    continue
                print(f"FALSE {name}:{p.line} {kind:10} {p.text}  | {_context(lines[p.line - 1], p.text)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a development corpus folder (never a blind one)")
    parser.add_argument("--kind", default=",".join(KINDS), help="what to list: miss, false, located")
    parser.add_argument("types", nargs="*", help="gold/predicted types to list (all by default)")
    options = parser.parse_args()
    main(options.corpus, set(options.kind.split(",")), set(options.types))
