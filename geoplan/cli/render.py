"""``geoplan render``: the atlas as a finished map page (PNG, PDF or SVG) for briefings."""

from __future__ import annotations

from pathlib import Path

import click

from geoplan.atlas.schema import read_atlas
from geoplan.cli import UsageFailure
from geoplan.cli.options import (
    atlas_argument,
    layers_option,
    load_gazetteer,
    overlay_options,
    overwrite_option,
)
from geoplan.errors import InputError
from geoplan.io import check_targets
from geoplan.output.choropleth import classify
from geoplan.output.render.compose import (
    BASEMAPS,
    DPI_RANGE,
    PAPER_MM,
    filter_layers,
    parse_bbox,
    render_report,
)

SUFFIX_FORMATS = {".png": "png", ".pdf": "pdf", ".svg": "svg", ".tif": "tif", ".tiff": "tif"}


class _OneLineErrors(click.Command):
    """Report a bad option or argument as one line with exit code 2 (click's default adds the usage)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise UsageFailure(error.format_message()) from None


def _split(values: tuple[str, ...]) -> list[str]:
    """Repeated and comma-separated option values as one list."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command("render", cls=_OneLineErrors)
@atlas_argument
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="map.png|pdf|svg, or map.tif: the map frame as a GeoTIFF in the map's CRS.",
)
@layers_option(
    "Layer ids to draw (repeated or comma-separated); thematic layers alone are drawn over the leagues' and "
    "banners' outlines."
)
@click.option(
    "--plan",
    "plans",
    multiple=True,
    help="Only features of these plans (file name, stem or its start, e.g. 003).",
)
@click.option(
    "--period", "periods", multiple=True, help="Only features of these periods (十四五, 十五五, 2021-2025)."
)
@click.option(
    "--place", default=None, help="Zoom to a league, banner or gazetteer place (default: the plan's issuer)."
)
@click.option("--bbox", default=None, help="Zoom to minx,miny,maxx,maxy (degrees).")
@click.option(
    "--paper", type=click.Choice(list(PAPER_MM), case_sensitive=False), default="a4", show_default=True
)
@click.option("--landscape", is_flag=True, help="Landscape page (legend on the right).")
@click.option(
    "--dpi",
    type=click.IntRange(*DPI_RANGE),
    default=200,
    show_default=True,
    help="Resolution of PNG output (and raster parts).",
)
@click.option("--title", default=None, help="Map title (default: from the plans or the place).")
@click.option("--subtitle", default=None, help="Subtitle (default: feature counts).")
@click.option(
    "--basemap",
    type=click.Choice(BASEMAPS),
    default="none",
    show_default=True,
    help="none (vector basemap) or tiles.",
)
@click.option(
    "--choropleth", "field", default=None, help="Fill the areas by this summary field (e.g. p003_invest_yi)."
)
@click.option(
    "--areas", default="banners", show_default=True, help="Areas of the choropleth: banners or leagues."
)
@click.option(
    "--classes", type=int, default=None, help="Class count of the choropleth (2-9; required with it)."
)
@click.option(
    "--scheme", default=None, help="Choropleth classes: quantiles or natural_breaks (required with it)."
)
@click.option("--world-file", is_flag=True, help="With a PNG: also write a world file (.pgw) and its CRS.")
@overwrite_option
@overlay_options
def render(
    atlas: Path,
    out: Path,
    layers: tuple[str, ...],
    plans: tuple[str, ...],
    periods: tuple[str, ...],
    place: str | None,
    bbox: str | None,
    paper: str,
    landscape: bool,
    dpi: int,
    title: str | None,
    subtitle: str | None,
    basemap: str,
    field: str | None,
    areas: str,
    classes: int | None,
    scheme: str | None,
    world_file: bool,
    overwrite: bool,
    overlay: str | None,
    no_overlay: bool,
) -> None:
    """Render ATLAS (default: layers/atlas.gpkg) as a map page; the format follows --out's suffix."""
    fmt = SUFFIX_FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise InputError(f"{out}: unknown map format; use a .png, .pdf, .svg or .tif file name")
    if place and bbox:
        raise InputError("give either --place or --bbox, not both")
    paper = paper.upper()
    check_targets([out], overwrite=overwrite, inputs=[atlas])
    if world_file and fmt != "png":
        raise InputError("--world-file goes with a .png map")
    if field is None and (classes is not None or scheme is not None):
        raise InputError("--classes and --scheme go with --choropleth FIELD")
    if field is not None and scheme is None:
        raise InputError("--choropleth needs --scheme (quantiles or natural_breaks) and --classes")
    box = parse_bbox(bbox) if bbox else None
    atlas_layers = read_atlas(atlas)
    choropleth = None
    if field is not None:
        choropleth = classify(atlas_layers, field, scheme=scheme, k=classes, areas=areas)
    layers = filter_layers(atlas_layers, list(layers) or None, _split(plans) or None, _split(periods) or None)
    if choropleth is not None and choropleth.areas not in layers:
        layers[choropleth.areas] = atlas_layers[choropleth.areas]
    summary = render_report(
        layers,
        out,
        fmt=fmt,
        title=title,
        subtitle=subtitle,
        bbox=box,
        place=place,
        paper=paper,
        landscape=landscape,
        dpi=dpi,
        basemap=basemap,
        gazetteer=load_gazetteer(overlay, no_overlay),
        overwrite=overwrite,
        choropleth=choropleth,
        world_file=world_file,
    )
    for note in summary.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(
        f"{out}: {paper}{' landscape' if landscape else ''}, {dpi} dpi, {fmt}, "
        f"{summary.features} features, {summary.labels} labels, {summary.basemap} basemap, "
        f"scale 1:{summary.scale_denominator:,.0f}"
    )
