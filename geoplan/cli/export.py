"""``geoplan export``: write atlas layers as GeoJSON, Shapefile, GeoPackage, KML, CSV or FlatGeobuf."""

from __future__ import annotations

from pathlib import Path

import click

from geoplan.atlas.schema import atlas_plans, period_mask, plan_names, read_atlas
from geoplan.atlas.tables import layer_of_table
from geoplan.cli.options import atlas_argument, layers_option, overwrite_option
from geoplan.errors import InputError
from geoplan.io import check_targets
from geoplan.layers import load_layers
from geoplan.output.export import FORMATS, export_format, export_layers, resolve_crs

#: a file that is one part of a format written as a zip (suffix -> that format): named alone, it is refused
#: with the name to give instead.
PART_SUFFIXES = {".shp": "shp", ".shx": "shp", ".dbf": "shp", ".csv": "csv"}


def _format_for(out: Path, fmt: str | None) -> str:
    """The --format given, or the one the --out suffix names."""
    part = PART_SUFFIXES.get(out.suffix.lower())
    if part is not None and (fmt is None or export_format(fmt).name == part):
        whole = out.with_name(out.stem + export_format(part).suffixes[0])
        raise InputError(
            f"{out}: a {part} export is one zip holding the {out.suffix.lower()} and the files that go with it; "
            f"use --out {whole}"
        )
    if fmt:
        return export_format(fmt).name
    name = out.name.lower()
    matches = [
        (len(suffix), spec.name)
        for spec in FORMATS.values()
        for suffix in spec.suffixes
        if name.endswith(suffix)
    ]
    if matches:
        return max(matches)[1]  # the longest suffix: 'x.csv.zip' is CSV, 'x.zip' a Shapefile
    raise InputError(f"{out}: give --format ({'|'.join(FORMATS)}); the file name does not tell")


def _layer_ids(atlas: Path, wanted: tuple[str, ...]) -> list[str]:
    """The --layer ids (default: every thematic layer the atlas has), checked against layers.yaml."""
    # imported here, not at the top: pyogrio (GDAL) loads only when a layer file is listed
    import pyogrio

    definitions = load_layers()
    known = [d.id for d in definitions]
    unknown = [layer_id for layer_id in wanted if layer_id not in known]
    if unknown:
        raise InputError(f"unknown layer {', '.join(unknown)}; choose from {', '.join(known)}")
    if wanted:
        return list(dict.fromkeys(wanted))
    try:
        tables = [name for name, _ in pyogrio.list_layers(atlas)] if atlas.is_file() else []
        present = {layer_of_table(name)[0] for name in tables}
    except Exception:  # unreadable: read_atlas reports it
        present = set()
    return [d.id for d in definitions if d.group == "thematic" and (d.id in present or not present)]


def select_plan(layers: dict, plan: str) -> dict:
    """Only the features of ``plan`` (file name, stem or the start of one plan's name): thematic rows by
    ``plan``, base rows by ``plans``."""
    wanted = plan_names([plan], atlas_plans(layers))
    selected = {}
    for layer_id, frame in layers.items():
        if "plan" in frame.columns:
            keep = frame["plan"].fillna("").astype(str).isin(wanted)
        elif "plans" in frame.columns:
            lists = frame["plans"].fillna("").astype(str).str.split(";")
            keep = lists.map(lambda names: bool(wanted.intersection(names)))
        else:
            keep = frame.index == frame.index  # a layer without plan columns is kept whole
        selected[layer_id] = frame[keep.to_numpy()]
    return selected


def select_period(layers: dict, period: str) -> dict:
    """Only the thematic features of ``period``; base layers are kept whole."""
    selected = {
        layer_id: frame[period_mask(frame, [period]).to_numpy()] if "plan" in frame.columns else frame
        for layer_id, frame in layers.items()
    }
    thematic = [frame for frame in selected.values() if "plan" in frame.columns]
    if thematic and not any(len(frame) for frame in thematic):
        raise InputError(f"no feature of period {period!r}; use 十四五, 十五五 or a period such as 2021-2025")
    return selected


@click.command()
@atlas_argument
@layers_option("Layer ids (repeated or comma-separated; default: every thematic layer).")
@click.option(
    "--plan", default=None, help="Only the features of this plan (file name, stem or its start, e.g. 003)."
)
@click.option("--period", default=None, help="Only the features of this period (十四五, 十五五, 2021-2025).")
@click.option("--format", "fmt", default=None, help="geojson|shp|gpkg|kml|csv|fgb (default: from --out).")
@click.option(
    "--crs",
    default="EPSG:4326",
    show_default=True,
    help="EPSG:4326|EPSG:4490|EPSG:3857|GK (the CGCS2000 3-degree Gauss-Krüger zone of the data).",
)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@overwrite_option
def export(
    atlas: Path,
    layers: tuple[str, ...],
    plan: str | None,
    period: str | None,
    fmt: str | None,
    crs: str,
    out: Path,
    overwrite: bool,
) -> None:
    """Export layers of ATLAS (default: the shipped atlas) for GIS software.

    GeoJSON and KML are WGS84 lon/lat by definition (other CRSs are refused); a Shapefile export is
    one .zip; CSV is UTF-8 with a BOM (for Excel) and WKT geometry.
    """
    spec = export_format(_format_for(out, fmt))
    if crs.strip().upper() != "GK":
        resolve_crs(crs, {})  # an unknown CRS fails before the atlas is read
    check_targets([out], overwrite=overwrite, inputs=[atlas])
    ids = _layer_ids(atlas, layers)
    if not ids:
        raise InputError(f"{atlas}: no thematic layer to export; name one with --layer")
    frames = read_atlas(atlas, ids)
    if plan:
        frames = select_plan(frames, plan)
    if period:
        frames = select_period(frames, period)
    target = resolve_crs(crs, frames)
    export_layers(frames, out, spec.name, target, overwrite=overwrite)
    count = sum(len(frame) for frame in frames.values())
    click.echo(f"{out}: {count} features in {len(frames)} layers, {spec.title}, {target}", err=True)
