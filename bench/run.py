"""Run every benchmark (``bench/bench_*.py``) in its own process and print a summary.

Usage: ``python bench/run.py [NAME ...]`` (names without the ``bench_`` prefix, e.g. ``read build raster``).
Each benchmark writes its measurements to ``bench/results/<name>.json``; this script gathers them (the last
results of any benchmark not run this time included) into ``bench/results/summary.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"


def main(names: list[str]) -> int:
    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    summary: dict[str, object] = {}
    failed = 0
    for script in scripts:
        name = script.stem.removeprefix("bench_")
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=BENCH_DIR.parent)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            failed += 1
            summary[name] = {"error": f"exit code {result.returncode}", "wall_s": round(elapsed, 2)}
            continue
        result_file = RESULTS_DIR / f"{name}.json"
        summary[name] = json.loads(result_file.read_text(encoding="utf-8")) if result_file.exists() else {}
    RESULTS_DIR.mkdir(exist_ok=True)
    for script in sorted(
        BENCH_DIR.glob("bench_*.py")
    ):  # benchmarks not run this time keep their last results
        name = script.stem.removeprefix("bench_")
        earlier = RESULTS_DIR / f"{name}.json"
        if name not in summary and earlier.exists():
            summary[name] = json.loads(earlier.read_text(encoding="utf-8"))
    (RESULTS_DIR / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
