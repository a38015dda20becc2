"""Scale benchmark: the reference plans ×N as one long file and as N copies in separate files.

Usage: ``python bench/bench_scale.py [MAX_COPIES]`` (default 100).  Each measurement runs in its own
process (read → geoparse → features; for separate files the whole atlas build), and reports wall time, the
process's CPU time and peak memory (max RSS).  The growth exponent is the slope of log(CPU time) over log(size),
fitted over the one-file sizes and, apart, over the separate-file sizes (1.0 is linear); CPU time, unlike wall
time, hardly changes when other work shares the machine, and the wall-time slopes are reported beside it.  Targets: exponent ≤ 1.1, peak memory ≤ 2 GB.  Writes
``bench/results/scale.json``.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import peak_rss_mb, write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
EXPONENT_TARGET = 1.1
MEMORY_TARGET_MB = 2048


def _child(mode: str, copies: int, folder: Path) -> dict[str, object]:
    """One measurement, in this (fresh) process."""
    sys.path.insert(0, str(ROOT))
    from geoplan.atlas.build import build_plan, build_plans
    from geoplan.geocode.gazetteer import Gazetteer
    from geoplan.resources import REFERENCE_PLANS

    plans = sorted(REFERENCE_PLANS.glob("*.txt"))
    text = "\n".join(path.read_text(encoding="utf-8") for path in plans)
    gazetteer = Gazetteer.load()
    if mode == "one-file":
        path = folder / f"plans-x{copies}.txt"
        path.write_text(text * copies, encoding="utf-8")
        size = path.stat().st_size
        started, cpu_started = time.perf_counter(), time.process_time()
        built = build_plan(path, gazetteer)
        features = len(built.project_rows) + len(built.place_rows)
    else:
        paths = []
        for copy in range(copies):
            for plan in plans:
                target = folder / f"{copy:03d}-{plan.name}"
                target.write_bytes(plan.read_bytes())
                paths.append(target)
        size = sum(path.stat().st_size for path in paths)
        started, cpu_started = time.perf_counter(), time.process_time()
        layers, _ = build_plans(paths, gazetteer)
        features = sum(len(frame) for frame in layers.values())
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    return {
        "mode": mode,
        "copies": copies,
        "megabytes": round(size / 1e6, 1),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "mb_per_s": round(size / 1e6 / seconds, 2),
        "peak_rss_mb": round(peak_rss_mb()),
        "features": features,
    }


def _measure(mode: str, copies: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="geoplan-scale-") as folder:
        output = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(copies), folder],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def growth_exponent(points: list[dict[str, object]], key: str = "cpu_seconds") -> float:
    """Least-squares slope of log(time) over log(megabytes); ``key`` is ``cpu_seconds`` (the process's own CPU time,
    which a busy shared machine hardly changes) or ``seconds`` (wall time)."""
    xs = [math.log(float(p["megabytes"])) for p in points]
    ys = [math.log(float(p[key])) for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(_child(argv[1], int(argv[2]), Path(argv[3]))))
        return 0
    most = int(argv[0]) if argv else 100
    sizes = sorted({max(1, most // 10), max(1, most // 4), max(1, most // 2), most})
    from loadavg import LoadSampler  # bench/ is on the path when this file runs as a script

    with LoadSampler() as load:
        one_file = [_measure("one-file", copies) for copies in sizes]
        separate = [_measure("separate-files", copies) for copies in sizes]
    exponent = growth_exponent(one_file)
    wall_exponent = growth_exponent(one_file, "seconds")
    separate_exponent = growth_exponent(separate) if len(separate) > 1 else float("nan")
    separate_wall = growth_exponent(separate, "seconds") if len(separate) > 1 else float("nan")
    peak = max(int(p["peak_rss_mb"]) for p in [*one_file, *separate])
    results = {
        "one_file": one_file,
        "separate_files": separate,
        "growth_exponent": round(exponent, 3),
        "growth_exponent_basis": "CPU seconds of the build process",
        "growth_exponent_wall": round(wall_exponent, 3),
        "growth_exponent_separate_files": round(separate_exponent, 3),
        "growth_exponent_separate_files_wall": round(separate_wall, 3),
        "exponent_target": EXPONENT_TARGET,
        "exponent_ok": max(exponent, separate_exponent) <= EXPONENT_TARGET,
        "peak_rss_mb": peak,
        "memory_target_mb": MEMORY_TARGET_MB,
        "memory_ok": peak <= MEMORY_TARGET_MB,
        "machine_load": load.summary(),
    }
    write_results(RESULTS / "scale.json", results)
    print(
        f"growth exponent {exponent:.2f} on CPU time, {wall_exponent:.2f} on wall time (one file); "
        f"{separate_exponent:.2f} and {separate_wall:.2f} (separate files; target ≤ {EXPONENT_TARGET}), "
        f"peak {peak} MB (target ≤ {MEMORY_TARGET_MB})"
    )
    return 0 if results["exponent_ok"] and results["memory_ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
