"""Geoparsing speed and precision on the reference corpus, against cpca in the same run.

Usage: ``python bench/bench_geoparse.py [PLAN_OR_DIR ...]`` (default: the reference plans).

Measures, over the UTF-8 bytes of every plan's normalised text:

* geoplan: finder alone, and finder + corridors + resolution (:func:`geoplan.geocode.places.geoparse`), warm
  (best of 5, interleaved with cpca's runs so both see the same machine load), plus the one-off cost of loading the gazetteer and building the automaton;
* geoplan fresh: the same passes after :func:`geoplan.geocode.places.forget_texts` (``ratio_fresh``): the warm passes
  read the segmenter's windows and memos, the stems' cores and the line ends the earlier passes left in memory, as a text
  seen before; a fresh pass parses the plans as texts never seen (a user's next plan);
* cpca (``cpca.transform`` over the same text split into sentences): first call (its own start-up) and
  warm (best of 5);
* cpca's false hits: hits whose province is neither Inner Mongolia nor one of its neighbours
  (合作 -> 合作市 in Gansu, 安宁 -> 安宁市 in Yunnan …), and geoplan's own-level places of a far province (records of
  outside places — countries, provinces, 长三角 — are meant to lie outside and are not counted).

Writes ``bench/results/geoparse.json``.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geoplan.resources import REFERENCE_PLANS  # noqa: E402

#: Inner Mongolia and the provinces/countries next to it: a place there can be meant by these plans.
NEAR = ("内蒙古", "黑龙江", "吉林", "辽宁", "河北", "山西", "陕西", "宁夏", "甘肃", "北京", "天津")
_SENTENCE = re.compile(r"(?<=[。；！？\n])")
REPEATS = 5


def _best(function, repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main(arguments: list[str]) -> dict[str, object]:
    from geoplan.cli.options import plan_paths
    from geoplan.read.plan import read

    paths = plan_paths(tuple(Path(a) for a in arguments) or (REFERENCE_PLANS,))
    plans = [read(path) for path in paths]
    texts = [plan.text for plan in plans]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    sentences = [s for text in texts for s in _SENTENCE.split(text) if s.strip()]

    # -- geoplan ------------------------------------------------------------------------------
    started = time.perf_counter()
    from geoplan.geocode.gazetteer import Gazetteer
    from geoplan.geocode.places import forget_texts, geoparse, place_rows

    gazetteer = Gazetteer.load()
    finder = gazetteer.finder
    setup_s = time.perf_counter() - started
    parsed = [geoparse(plan, gazetteer) for plan in plans]
    from geoplan.geocode.places import TARGET_TYPES, coverage

    table = coverage(parsed)
    target = [table[kind] for kind in TARGET_TYPES if kind in table]
    target_found = sum(c["found"] for c in target)
    target_own = sum(c["own"] for c in target)
    target_parent = sum(c["parent"] for c in target)
    own_outside = Counter()
    kinds = Counter()
    for places in parsed:
        for row in place_rows(places):
            kinds[row["type"]] += 1
        for mention in places.mentions:
            # records of outside places (provinces, countries, outside regions, foreign ports) carry no province of
            # the Chinese admin tree and are meant to lie outside; only an admin place of a far province is wrong.
            province = str(mention.place.province or "") if mention.level == "own" else ""
            if province and not province.startswith(NEAR):
                own_outside[f"{mention.surface} -> {mention.place.name} ({mention.place.province})"] += 1

    # -- cpca ---------------------------------------------------------------------------------
    import cpca

    started = time.perf_counter()
    frame = cpca.transform(sentences)
    cpca_cold_s = time.perf_counter() - started

    # -- warm timings, interleaved so that both see the same machine load ---------------------------
    finder_s = geoparse_s = fresh_s = cpca_warm_s = float("inf")
    for _ in range(REPEATS):
        finder_s = min(finder_s, _best(lambda: [finder.find(text) for text in texts], 1))
        geoparse_s = min(geoparse_s, _best(lambda: [geoparse(plan, gazetteer) for plan in plans], 1))
        cpca_warm_s = min(cpca_warm_s, _best(lambda: cpca.transform(sentences), 1))
        forget_texts(gazetteer)
        fresh_s = min(fresh_s, _best(lambda: [geoparse(plan, gazetteer) for plan in plans], 1))
    hits = frame[frame["省"].notna()]
    false = hits[~hits["省"].astype(str).str.startswith(NEAR)]
    false_examples = Counter(
        f"{row['省']}{row['市'] if isinstance(row['市'], str) else ''}{row['区'] if isinstance(row['区'], str) else ''}"
        for _, row in false.iterrows()
    )

    result = {
        "plans": len(plans),
        "megabytes": round(megabytes, 3),
        "geoplan": {
            "setup_s": round(setup_s, 3),
            "finder_s": round(finder_s, 3),
            "finder_mb_s": round(megabytes / finder_s, 2),
            "geoparse_s": round(geoparse_s, 3),
            "geoparse_mb_s": round(megabytes / geoparse_s, 2),
            "geoparse_fresh_s": round(fresh_s, 3),
            "geoparse_fresh_mb_s": round(megabytes / fresh_s, 2),
            "cold_mb_s": round(megabytes / (setup_s + geoparse_s), 2),
            "mentions": sum(len(p.mentions) for p in parsed),
            "corridors": sum(len(p.corridors) for p in parsed),
            "distinct_places_by_type": dict(kinds.most_common()),
            "target_types": list(TARGET_TYPES),
            "target_found": target_found,
            "target_resolved_share": round((target_own + target_parent) / target_found, 3)
            if target_found
            else 0.0,
            "target_own_level_share": round(target_own / target_found, 3) if target_found else 0.0,
            "own_level_outside_region": sum(own_outside.values()),
            "own_level_outside_region_examples": dict(own_outside.most_common(10)),
        },
        "cpca": {
            "first_call_s": round(cpca_cold_s, 3),
            "first_call_mb_s": round(megabytes / cpca_cold_s, 2),
            "warm_s": round(cpca_warm_s, 3),
            "warm_mb_s": round(megabytes / cpca_warm_s, 2),
            "sentences": len(sentences),
            "hits": len(hits),
            "false_hits": len(false),
            "false_hit_share": round(len(false) / len(hits), 3) if len(hits) else 0.0,
            "false_hit_examples": dict(false_examples.most_common(10)),
        },
    }
    result["ratio_warm"] = round(result["geoplan"]["geoparse_mb_s"] / result["cpca"]["warm_mb_s"], 2)
    result["ratio_fresh"] = round(result["geoplan"]["geoparse_fresh_mb_s"] / result["cpca"]["warm_mb_s"], 2)
    result["ratio_cold"] = round(result["geoplan"]["cold_mb_s"] / result["cpca"]["first_call_mb_s"], 2)
    out = ROOT / "bench" / "results" / "geoparse.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
