"""Time to render the full atlas as an A4 map at 200 dpi (target ≤ 3 s), plus PDF/SVG and one banner map.

Usage: ``python bench/bench_render.py [ATLAS]``; writes ``bench/results/render.json``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import write_results

from geoplan.atlas.schema import read_atlas
from geoplan.output.render.compose import render_report
from geoplan.resources import DEFAULT_ATLAS

TARGET_S = 3.0
RESULTS = Path(__file__).resolve().parent / "results" / "render.json"


def timed(function, repeat: int) -> tuple[float, list[float], float]:
    """Median wall time, every wall time, and median CPU time (less sensitive to a busy machine)."""
    runs, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        function()
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return statistics.median(runs), runs, statistics.median(cpu)


def main(atlas_path: Path) -> dict[str, object]:
    started = time.perf_counter()
    layers = read_atlas(atlas_path)
    read_s = time.perf_counter() - started
    banners = layers.get("banners")
    banner = str(banners["name"].iloc[0]) if banners is not None and not banners.empty else None
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        started = time.perf_counter()
        summary = render_report(layers, out / "cold.png", fmt="png", dpi=200)
        cold_s = time.perf_counter() - started
        png_s, png_runs, png_cpu_s = timed(
            lambda: render_report(layers, out / "map.png", fmt="png", dpi=200), 3
        )
        pdf_s, _, _ = timed(lambda: render_report(layers, out / "map.pdf", fmt="pdf", dpi=200), 1)
        svg_s, _, _ = timed(lambda: render_report(layers, out / "map.svg", fmt="svg", dpi=200), 1)
        banner_s = (
            timed(lambda: render_report(layers, out / "banner.png", fmt="png", dpi=200, place=banner), 1)[0]
            if banner
            else None
        )
        png_bytes = (out / "map.png").stat().st_size
    result = {
        "atlas": str(atlas_path),
        "features": summary.features,
        "labels": summary.labels,
        "read_atlas_s": round(read_s, 3),
        "a4_200dpi_png_cold_s": round(cold_s, 3),
        "a4_200dpi_png_s": round(png_s, 3),
        "a4_200dpi_png_runs_s": [round(r, 3) for r in png_runs],
        "a4_200dpi_png_cpu_s": round(png_cpu_s, 3),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "a4_pdf_s": round(pdf_s, 3),
        "a4_svg_s": round(svg_s, 3),
        "banner_png_s": round(banner_s, 3) if banner_s is not None else None,
        "png_bytes": png_bytes,
        "target_s": TARGET_S,
        "meets_target": png_s <= TARGET_S,
    }
    write_results(RESULTS, result, show=True)
    return result


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ATLAS)
