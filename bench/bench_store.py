"""Benchmark the PostGIS store: push and pull times of the full shipped atlas.

Usage: ``python bench/bench_store.py`` — uses $GEOPLAN_DSN (schema ``geoplan_bench``) when set, else
starts a throwaway PostgreSQL/PostGIS cluster (``tests/pg_server.py``).  Writes
``bench/results/store.json``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pg_server import throwaway_cluster  # noqa: E402

from geoplan.atlas.build import write_atlas  # noqa: E402
from geoplan.atlas.schema import read_atlas  # noqa: E402
from geoplan.output.store import KEY_COLUMNS, list_postgis, read_postgis, write_postgis  # noqa: E402
from geoplan.resources import DEFAULT_ATLAS  # noqa: E402

SCHEMA = "geoplan_bench"
REPEATS = 3
SCALED_ROWS = 20_000  # a synthetic layer this long measures throughput beyond the (small) atlas


def _unique_keys(layers: dict) -> tuple[dict, int]:
    """The layers with repeated keys dropped (a broken atlas cannot be pushed), and how many were dropped."""
    dropped = 0
    cleaned = {}
    for name, frame in layers.items():
        key = next(column for column in KEY_COLUMNS.values() if column in frame.columns)
        unique = frame.drop_duplicates(key)
        dropped += len(frame) - len(unique)
        cleaned[name] = unique
    return cleaned, dropped


def _median_time(action, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def _scaled_layer(layers: dict) -> dict:
    """One point layer of SCALED_ROWS rows, copied from the atlas' largest base layer with fresh ids."""
    import pandas as pd

    source = max((frame for frame in layers.values() if "place_id" in frame.columns), key=len)
    copies = -(-SCALED_ROWS // len(source))
    frame = pd.concat([source] * copies, ignore_index=True).iloc[:SCALED_ROWS].copy()
    frame["place_id"] = [f"bench:{number}" for number in range(len(frame))]
    return {"places": frame}


def main() -> int:
    layers, dropped = _unique_keys(read_atlas(DEFAULT_ATLAS))
    features = sum(len(frame) for frame in layers.values())
    dsn_from_env = os.environ.get("GEOPLAN_DSN")
    started = time.perf_counter()
    with nullcontext(None) if dsn_from_env else throwaway_cluster() as server:
        dsn = dsn_from_env or server.dsn
        startup_s = None if dsn_from_env else round(time.perf_counter() - started, 2)
        push_s = _median_time(lambda: write_postgis(layers, dsn, SCHEMA))
        pull_s = _median_time(lambda: read_postgis(dsn, SCHEMA))
        info_s = _median_time(lambda: list_postgis(dsn, SCHEMA))
        scaled = _scaled_layer(layers)
        push_scaled_s = _median_time(lambda: write_postgis(scaled, dsn, SCHEMA + "_scaled"), 1)
        pull_scaled_s = _median_time(lambda: read_postgis(dsn, SCHEMA + "_scaled"), 1)
        with tempfile.TemporaryDirectory() as folder:

            def pull_to_gpkg() -> None:  # what 'geoplan store pull' does
                write_atlas(read_postgis(dsn, SCHEMA), Path(folder) / "pulled.gpkg")

            pull_gpkg_s = _median_time(pull_to_gpkg)
    results = {
        # the repo's path when the package comes from this checkout; else (an installed wheel, another checkout)
        # where the measured atlas lies
        "atlas": str(
            DEFAULT_ATLAS.relative_to(ROOT) if DEFAULT_ATLAS.resolve().is_relative_to(ROOT) else DEFAULT_ATLAS
        ),
        "layers": len(layers),
        "features": features,
        "duplicate_keys_dropped": dropped,
        "server": "GEOPLAN_DSN" if dsn_from_env else "throwaway cluster",
        "cluster_startup_s": startup_s,
        "push_s": push_s,
        "pull_s": pull_s,
        "pull_to_gpkg_s": pull_gpkg_s,
        "info_s": info_s,
        "scaled_rows": SCALED_ROWS,
        "push_scaled_s": push_scaled_s,
        "pull_scaled_s": pull_scaled_s,
        "repeats": REPEATS,
    }
    out = ROOT / "bench" / "results" / "store.json"
    write_results(out, results, show=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
