"""``geoplan places PLAN_OR_DIR... --out places.csv``: one row per distinct place of each plan."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import click

from geoplan.cli.options import PLAN_TYPES, overwrite_option, plan_paths
from geoplan.errors import InputError
from geoplan.io import atomic_path


@click.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="CSV file to write (default: standard output).",
)
@overwrite_option
def places(plans: tuple[Path, ...], out: Path | None, overwrite: bool) -> None:
    """Find and geocode every named place in PLANS (files or folders) as CSV."""
    from geoplan.geocode.gazetteer import Gazetteer
    from geoplan.geocode.places import PLACE_COLUMNS, geoparse, place_rows
    from geoplan.read.plan import read

    paths = plan_paths(plans)
    if not paths:
        raise InputError(f"no plan files ({PLAN_TYPES}) among the arguments")
    if out is not None and out.exists() and not overwrite:
        raise InputError(f"{out} exists; add --overwrite to replace it")
    gazetteer = Gazetteer.load()
    rows = []
    for path in paths:
        rows.extend(place_rows(geoparse(read(path, gazetteer), gazetteer)))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PLACE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if out is None:
        sys.stdout.write(buffer.getvalue())
        return
    with atomic_path(out) as tmp:
        tmp.write_text(buffer.getvalue(), encoding="utf-8")
    click.echo(f"{len(rows)} places from {len(paths)} plan(s) -> {out}", err=True)
