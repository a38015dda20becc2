"""``geoplan places PLAN_OR_DIR... --out places.csv``: one row per distinct place of each plan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geoplan.cli.options import PLAN_TYPES, load_gazetteer, overlay_options, overwrite_option, plan_paths
from geoplan.errors import InputError
from geoplan.geocode.places import PLACE_COLUMNS, geoparse, place_rows
from geoplan.io import atomic_path, check_targets
from geoplan.output.csv_safe import csv_text
from geoplan.read.plan import read


@click.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="CSV file to write (default, or '-': standard output, as for report --csv).",
)
@overwrite_option
@overlay_options
def places(
    plans: tuple[Path, ...], out: Path | None, overwrite: bool, overlay: str | None, no_overlay: bool
) -> None:
    """Find and geocode every named place in PLANS (files or folders) as CSV."""
    if out == Path("-"):  # it wrote a file named '-'
        out = None
    paths = plan_paths(plans)
    if not paths:
        raise InputError(f"no plan files ({PLAN_TYPES}) among the arguments")
    check_targets(
        [out], overwrite=overwrite, inputs=plans
    )  # before geocoding: a read-only --out fails at once
    gazetteer = load_gazetteer(overlay, no_overlay)
    rows = []
    for path in paths:
        rows.extend(place_rows(geoparse(read(path, gazetteer), gazetteer)))
    text = csv_text(rows, PLACE_COLUMNS)  # cells such as '=…' get a leading apostrophe (csv_safe)
    if out is None:
        sys.stdout.write(text)
        return
    with atomic_path(out, overwrite=overwrite) as tmp:
        tmp.write_text(text, encoding="utf-8")
    click.echo(f"{len(rows)} places from {len(paths)} plan(s) -> {out}", err=True)
