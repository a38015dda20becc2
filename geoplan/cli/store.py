"""``geoplan store``: push the atlas to PostGIS, pull it back as a GeoPackage, list what is stored."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from geoplan.atlas.build import write_atlas
from geoplan.atlas.schema import read_atlas
from geoplan.atlas.tables import layer_of_table
from geoplan.cli.options import atlas_argument, json_option, overwrite_option
from geoplan.dsn import dsn_label
from geoplan.errors import InputError
from geoplan.io import check_targets
from geoplan.output.store import list_postgis, read_postgis, write_postgis

dsn_option = click.option(
    "--dsn",
    envvar="GEOPLAN_DSN",
    show_envvar=True,
    required=True,
    help="PostgreSQL connection string, e.g. postgresql://user@host:5432/db (password: ~/.pgpass or PGPASSWORD).",
)
schema_option = click.option(
    "--schema",
    default="geoplan",
    show_default=True,
    help="Schema holding the atlas (replaced on every push).",
)


@click.group()
def store() -> None:
    """Keep the atlas in a PostGIS database (the server store)."""


@store.command()
@atlas_argument
@dsn_option
@schema_option
def push(atlas: Path, dsn: str, schema: str) -> None:
    """Replace the stored atlas with ATLAS (default: layers/atlas.gpkg).

    All layers are written in one transaction and swapped in at the end: on any failure the
    database keeps its previous atlas.
    """
    started = time.perf_counter()
    layers = read_atlas(atlas)
    write_postgis(layers, dsn, schema)
    features = sum(len(frame) for frame in layers.values())
    click.echo(
        f"pushed {len(layers)} layers ({features} features) to {dsn_label(dsn)} "
        f"schema {schema} in {time.perf_counter() - started:.1f} s"
    )


@store.command()
@dsn_option
@schema_option
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="GeoPackage to write (.gpkg).",
)
@overwrite_option
def pull(dsn: str, schema: str, out: Path, overwrite: bool) -> None:
    """Write the stored atlas to a GeoPackage (atomically)."""
    if out.suffix.lower() != ".gpkg":
        raise InputError(f"{out}: the output must be a GeoPackage (.gpkg)")
    check_targets([out], overwrite=overwrite)
    layers = read_postgis(dsn, schema)
    write_atlas(layers, out, overwrite=overwrite)
    features = sum(len(frame) for frame in layers.values())
    click.echo(f"wrote {out} ({len(layers)} layers, {features} features)")


@store.command()
@dsn_option
@schema_option
@json_option
def info(dsn: str, schema: str, as_json: bool) -> None:
    """List the stored layers and their feature counts."""
    stored = list_postgis(dsn, schema)
    if as_json:
        rows = [
            {**vars(entry), "pushed_at": entry.pushed_at.isoformat() if entry.pushed_at else None}
            for entry in stored
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(entry.layer) for entry in stored), default=5)
    for entry in stored:
        click.echo(
            f"{entry.layer:<{width}}  {entry.features:>7}  {entry.geometry_type:<18} {entry.group:<8} {entry.title}"
        )
    total = sum(entry.features for entry in stored)
    pushed = stored[0].pushed_at.strftime("%Y-%m-%d %H:%M %Z") if stored and stored[0].pushed_at else "?"
    layers = len({layer_of_table(entry.layer)[0] for entry in stored})
    click.echo(
        f"{layers} layers ({len(stored)} tables), {total} features in schema {schema} (pushed {pushed})"
    )
