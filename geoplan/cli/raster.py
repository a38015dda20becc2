"""``geoplan raster``: a density surface of atlas layers as a GeoTIFF."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from geoplan.atlas.schema import read_atlas
from geoplan.cli.options import atlas_argument, layers_option, overwrite_option
from geoplan.errors import InputError
from geoplan.io import check_targets
from geoplan.layers import load_layers
from geoplan.output.raster import (
    DEFAULT_RES_M,
    EQUAL_AREA_CRS,
    density,
    legend_lines,
    projected_crs,
    write_density,
)


@click.command()
@atlas_argument
@layers_option("Thematic layer ids (repeated or comma-separated; default: every thematic layer).")
@click.option(
    "--weight",
    default=None,
    help="Weight per project: a summed quantity (invest_yi, power_wkw, output_wt_a …) or a numeric column; "
    "default: one per project.",
)
@click.option("--plan", "plans", multiple=True, help="Only the projects of this plan (repeatable).")
@click.option("--res", type=float, default=DEFAULT_RES_M, show_default=True, help="Cell size in metres.")
@click.option(
    "--crs",
    default=None,
    help="Projected CRS in metres (e.g. EPSG:3857); default: an Albers equal-area conic for China, so values are "
    "per km² on the ground.",
)
@click.option(
    "--bandwidth",
    type=float,
    default=20_000.0,
    show_default=True,
    help="Kernel radius in metres for located points and lines.",
)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="FILE.tif")
@overwrite_option
def raster(
    atlas: Path,
    layers: tuple[str, ...],
    weight: str | None,
    plans: tuple[str, ...],
    res: float,
    crs: str | None,
    bandwidth: float,
    out: Path,
    overwrite: bool,
) -> None:
    """Density of the projects of ATLAS (default: the shipped atlas) as a tiled, compressed GeoTIFF.

    Located points and lines spread by a quartic kernel; projects located only to a banner or a league
    spread evenly over it (the share is in the file's tags). Values are weight per km².
    """
    if out.suffix.lower() not in (".tif", ".tiff"):
        raise InputError(f"{out}: a density raster is a GeoTIFF; name it .tif")
    crs = crs or EQUAL_AREA_CRS
    projected_crs(crs)
    check_targets([out], overwrite=overwrite, inputs=[atlas])  # a missing or read-only folder too
    thematic = [d.id for d in load_layers() if d.group == "thematic"]
    unknown = [name for name in layers if name not in thematic]
    if unknown:
        raise InputError(f"unknown thematic layer {', '.join(unknown)}; choose from {', '.join(thematic)}")
    wanted = list(dict.fromkeys(layers)) or thematic
    frames = read_atlas(atlas, [*wanted, "leagues", "banners"])
    # the bar on a terminal only: elsewhere click prints its label, a line before any error
    bar_file = sys.stderr if sys.stderr.isatty() else io.StringIO()
    with click.progressbar(length=1, label="density", file=bar_file) as bar:

        def progress(done: int, total: int, _label: str) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        grid = density(
            frames,
            wanted,
            res=res,
            crs=crs,
            bandwidth=bandwidth,
            weight=weight,
            plans=plans or None,
            progress=progress,
        )
        write_density(grid, out)
    rows, cols = grid.values.shape
    click.echo(
        f"{out}: {cols}×{rows} cells of {res:g} m, {grid.tags['GEOPLAN_PROJECTS']} projects, "
        f"total weight {grid.total_weight:.6g}",
        err=True,
    )
    for line in legend_lines(grid.tags):
        click.echo(f"note: {line}", err=True)
