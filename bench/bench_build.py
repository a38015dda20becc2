"""Benchmark: build the atlas of every reference plan (goal: <= 5 s), with peak memory.

Usage: ``python bench/bench_build.py`` — prints the measurements and writes them to
``bench/results/build.json``.  Timings: gazetteer load (cold), build of all layers, GeoPackage write;
peak memory: the process's maximum resident set size (``resource.getrusage``) and the peak of Python
allocations during the build (``tracemalloc``, measured in a second, separate run because it slows
allocation down).
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import peak_rss_mb, write_results

from geoplan.atlas.build import build_plans, report, write_atlas
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.resources import REFERENCE_PLANS

GOAL_S = 5.0
RESULTS = Path(__file__).resolve().parent / "results" / "build.json"


def main() -> int:
    plans = sorted(REFERENCE_PLANS.glob("*.txt"))
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    gazetteer_s = time.perf_counter() - started

    started = time.perf_counter()
    layers, builds = build_plans(plans, gazetteer)
    build_s = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        write_atlas(layers, Path(folder) / "atlas.gpkg")
        write_s = time.perf_counter() - started
        atlas_bytes = (Path(folder) / "atlas.gpkg").stat().st_size
    max_rss_mb = peak_rss_mb()

    tracemalloc.start()
    build_plans(plans, gazetteer)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    summary = report(builds)
    total_s = gazetteer_s + build_s + write_s
    results = {
        "plans": len(plans),
        "projects": summary["projects"],
        "projects_per_plan": {plan: stats["projects"] for plan, stats in summary["per_plan"].items()},
        "share_located_finer": summary["share_located_finer"],
        "features_per_layer": {name: len(frame) for name, frame in layers.items()},
        "gazetteer_load_s": round(gazetteer_s, 3),
        "build_s": round(build_s, 3),
        "write_s": round(write_s, 3),
        "total_s": round(total_s, 3),
        "goal_s": GOAL_S,
        "within_goal": total_s <= GOAL_S,
        "max_rss_mb": round(max_rss_mb, 1),
        "python_peak_alloc_mb_build": round(traced_peak / 2**20, 1),
        "atlas_bytes": atlas_bytes,
    }
    for key, value in results.items():
        print(f"{key}: {value}")
    write_results(RESULTS, results)
    return 0 if results["within_goal"] else 1


if __name__ == "__main__":
    sys.exit(main())
