"""Share of atlas features at point, extent or town precision (the sourced-locations measure of issue 16).

Reads a built atlas (GeoPackage) and counts the ``precision`` of every feature table except the admin layers
(leagues, banners, towns): project features and named places separately, then together.

    python bench/precision_share.py layers/atlas.gpkg
"""

from __future__ import annotations

import sqlite3
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path

#: Precisions finer than a banner's point that locate the feature itself.
FINE = ("point", "extent", "town")
ADMIN_LAYERS = ("leagues", "banners", "towns")


def precision_counts(atlas: Path) -> dict[str, Counter]:
    """Precision counts of the project features and of the named places of one atlas."""
    counts = {"projects": Counter(), "places": Counter()}
    with closing(sqlite3.connect(atlas)) as con:
        tables = [
            r[0] for r in con.execute("select table_name from gpkg_contents where data_type = 'features'")
        ]
        for table in tables:
            columns = {c[1] for c in con.execute(f'pragma table_info("{table}")')}
            layer = table.rsplit("_", 1)[0] if table.endswith(("_point", "_line", "_polygon")) else table
            if "precision" not in columns or layer in ADMIN_LAYERS:
                continue
            key = "places" if layer == "places" else "projects"
            counts[key].update(r[0] for r in con.execute(f'select precision from "{table}"'))
    return counts


def main(atlas: Path) -> None:
    counts = precision_counts(atlas)
    counts["all"] = counts["projects"] + counts["places"]
    for label, counter in counts.items():
        total = sum(counter.values())
        fine = sum(counter[p] for p in FINE)
        share = fine / total if total else 0.0
        print(f"{label}: {fine} of {total} at point/extent/town ({share:.1%})")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
