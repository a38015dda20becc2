"""Gazetteer benchmark: cold load (fresh process, imports included), warm lookups, names().

Goal: cold ``Gazetteer.load()`` ≤ 1 s.  Writes ``bench/results/gazetteer.json``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "gazetteer.json"
COLD_GOAL_S = 1.0
COLD_CODE = (
    "import time; t0 = time.perf_counter(); from geoplan.geocode.gazetteer import Gazetteer; t1 = time.perf_counter(); "
    "gz = Gazetteer.load(); t2 = time.perf_counter(); print(t1 - t0, t2 - t1, len(gz))"
)
NAMES = ["巴音镇", "鄂前旗", "乌拉特后旗", "包头市青山区", "甘其毛都口岸", "黄河", "不存在的地方", "锡林浩特"]


def cold_load(runs: int = 5) -> dict[str, float]:
    """Median import and load time in fresh interpreters (the 'cold' case)."""
    imports, loads = [], []
    count = 0
    for _ in range(runs):
        output = subprocess.run(
            [sys.executable, "-c", COLD_CODE], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.split()
        imports.append(float(output[0]))
        loads.append(float(output[1]))
        count = int(output[2])
    return {
        "import_s": round(statistics.median(imports), 3),
        "load_s": round(statistics.median(loads), 3),
        "cold_total_s": round(statistics.median(i + lo for i, lo in zip(imports, loads, strict=True)), 3),
        "places": count,
    }


def warm_lookups(repeat: int = 200) -> dict[str, float]:
    from geoplan.geocode.gazetteer import Gazetteer

    gz = Gazetteer.load()
    started = time.perf_counter()
    for _ in range(repeat):
        for name in NAMES:
            gz.lookup(name)
    per_lookup = (time.perf_counter() - started) / (repeat * len(NAMES))
    started = time.perf_counter()
    for _ in range(repeat):
        gz.lookup("巴音镇", within="乌拉特后旗")
    per_within = (time.perf_counter() - started) / repeat
    started = time.perf_counter()
    surfaces = list(gz.names())
    names_s = time.perf_counter() - started
    return {
        "lookup_us": round(per_lookup * 1e6, 1),
        "lookup_within_us": round(per_within * 1e6, 1),
        "names_s": round(names_s, 4),
        "surface_forms": len(surfaces),
    }


def main() -> int:
    result = {**cold_load(), **warm_lookups(), "cold_goal_s": COLD_GOAL_S}
    result["cold_ok"] = result["cold_total_s"] <= COLD_GOAL_S
    write_results(RESULTS, result)
    for key, value in result.items():
        print(f"{key}: {value}")
    return 0 if result["cold_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
