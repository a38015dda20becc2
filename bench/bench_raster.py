"""Benchmark: a density raster of the whole atlas at 1 km over the region (goal: <= 5 s), with peak memory.

Usage: ``python bench/bench_raster.py`` — prints the measurements and writes them to
``bench/results/raster.json``.  Times: reading the atlas, spreading every project of every thematic layer
on a 1 km EPSG:3857 grid over Inner Mongolia, and writing the tiled, compressed GeoTIFF with overviews;
peak memory: the process's maximum resident set size and the peak of Python/numpy allocations during the
density (``tracemalloc``, in a second run).
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import peak_rss_mb, write_results

from geoplan.atlas.schema import read_atlas
from geoplan.layers import load_layers
from geoplan.output.raster import density, write_density

GOAL_S = 5.0
RES_M = 1000.0
CRS = "EPSG:3857"
BANDWIDTH_M = 20_000.0
RESULTS = Path(__file__).resolve().parent / "results" / "raster.json"


def main() -> int:
    thematic = [d.id for d in load_layers() if d.group == "thematic"]
    started = time.perf_counter()
    atlas = read_atlas(layers=[*thematic, "leagues", "banners"])
    read_s = time.perf_counter() - started

    started = time.perf_counter()
    grid = density(atlas, thematic, res=RES_M, crs=CRS, bandwidth=BANDWIDTH_M)
    density_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "density.tif"
        started = time.perf_counter()
        write_density(grid, path)
        write_s = time.perf_counter() - started
        tif_bytes = path.stat().st_size
    max_rss_mb = peak_rss_mb()

    tracemalloc.start()
    density(atlas, thematic, res=RES_M, crs=CRS, bandwidth=BANDWIDTH_M)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    total_s = density_s + write_s
    rows, cols = grid.values.shape
    results = {
        "res_m": RES_M,
        "crs": CRS,
        "cells": rows * cols,
        "shape": [rows, cols],
        "projects": int(grid.tags["GEOPLAN_PROJECTS"]),
        "total_weight": grid.total_weight,
        "integral": round(grid.integral(), 3),
        "share_banners": float(grid.tags["GEOPLAN_SHARE_BANNERS"]),
        "share_leagues": float(grid.tags["GEOPLAN_SHARE_LEAGUES"]),
        "read_atlas_s": round(read_s, 3),
        "density_s": round(density_s, 3),
        "write_geotiff_s": round(write_s, 3),
        "total_s": round(total_s, 3),
        "goal_s": GOAL_S,
        "within_goal": total_s <= GOAL_S,
        "max_rss_mb": round(max_rss_mb, 1),
        "python_peak_alloc_mb_density": round(traced_peak / 2**20, 1),
        "geotiff_bytes": tif_bytes,
    }
    for key, value in results.items():
        print(f"{key}: {value}")
    write_results(RESULTS, results)
    return 0 if results["within_goal"] else 1


if __name__ == "__main__":
    sys.exit(main())
