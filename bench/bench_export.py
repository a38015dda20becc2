"""Benchmark: export the full atlas (every layer) in every format, in WGS84 and in a GK zone.

Usage: ``python bench/bench_export.py [ATLAS]`` — prints the measurements and writes them to
``bench/results/export.json``: for each format and CRS the wall time of ``export_layers`` (best of
``REPEATS``), the output size and the feature count read back with pyogrio; plus the atlas read time
and the peak resident memory of the process.
"""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pyogrio
from common import peak_rss_mb, write_results

from geoplan.atlas.schema import read_atlas
from geoplan.output.export import FORMATS, export_layers, resolve_crs
from geoplan.resources import DEFAULT_ATLAS

RESULTS = Path(__file__).resolve().parent / "results" / "export.json"
REPEATS = 2


def _features_written(path: Path, fmt: str) -> int:
    if fmt == "csv":  # a zip of one CSV per table
        with zipfile.ZipFile(path) as archive:
            sources = [f"/vsizip/{path}/{n}" for n in archive.namelist() if n.endswith(".csv")]
    else:
        sources = [f"/vsizip/{path}" if fmt == "shp" else str(path)]
    return sum(
        pyogrio.read_info(source, layer=name)["features"]
        for source in sources
        for name, _ in pyogrio.list_layers(source)
        if name != "layer_styles"
    )


def main(atlas: Path) -> int:
    started = time.perf_counter()
    layers = read_atlas(atlas)
    read_s = time.perf_counter() - started
    features = sum(len(frame) for frame in layers.values())
    gk = resolve_crs("GK", layers)
    results: dict[str, object] = {
        "atlas": str(atlas),
        "layers": len(layers),
        "features": features,
        "vertices": int(sum(len(frame.get_coordinates()) for frame in layers.values())),
        "read_atlas_s": round(read_s, 3),
        "gk_zone": gk,
        "exports": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
        for fmt, spec in FORMATS.items():
            for crs in ("EPSG:4326",) if spec.wgs84_only else ("EPSG:4326", gk):
                out = Path(folder) / f"{fmt}-{crs.replace(':', '')}{spec.suffixes[0]}"
                times = []
                for _ in range(REPEATS):
                    started = time.perf_counter()
                    export_layers(layers, out, fmt, crs)
                    times.append(time.perf_counter() - started)
                written = _features_written(out, fmt)
                if written != features:
                    print(f"{fmt} {crs}: wrote {written} of {features} features", file=sys.stderr)
                    return 1
                key = f"{fmt}@{crs}"
                results["exports"][key] = {
                    "seconds": round(min(times), 3),
                    "bytes": out.stat().st_size,
                    "features": written,
                }
                print(f"{key:24} {min(times):7.3f} s  {out.stat().st_size / 1e6:7.2f} MB  {written} features")
    results["max_rss_mb"] = round(peak_rss_mb(), 1)
    print(f"read_atlas {read_s:.3f} s; {features} features; peak RSS {results['max_rss_mb']} MB")
    write_results(RESULTS, results)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ATLAS))
