"""Georeferenced map images and choropleth areas on the static map.

- :func:`page_transform`: the affine transform from the rendered page's pixels to :data:`MAP_CRS`
  coordinates, read from the map axes' own data-to-pixel transform (so it is exact, not re-derived).
- :func:`save_geotiff`: the map frame of a composition as an RGB GeoTIFF (tiled, compressed, overviews)
  whose transform and CRS place it in QGIS; the page's title, legend and source line go into its tags.
- :func:`write_world_file`: a world file (``.pgw``) and the CRS (``.png.aux.xml``) for a PNG page.
- :func:`draw_choropleth`: league or banner polygons filled by class, with their legend in the free
  corner of the map.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
from affine import Affine
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from geoplan.errors import RenderError
from geoplan.io import atomic_path
from geoplan.output.choropleth import NO_DATA_COLOR, NO_DATA_LABEL, Choropleth
from geoplan.output.raster import write_geotiff
from geoplan.output.render.symbols import draw_polygons

#: pixels left out at each side of the map frame in a GeoTIFF (the frame line itself)
FRAME_PX = 2
CORNER_LOC = {"tl": "upper left", "tr": "upper right", "bl": "lower left", "br": "lower right"}


def _rgba(fig: Figure) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())


def page_transform(fig: Figure, ax: Axes) -> Affine:
    """Pixel (col, row) of the page image -> map coordinates (of the pixel's upper-left corner)."""
    height = fig.canvas.get_width_height()[1]
    inverse = ax.transData.inverted()
    (x0, y0), (x1, _), (_, y2) = inverse.transform([(0, height), (1, height), (0, height - 1)])
    return Affine(x1 - x0, 0.0, x0, 0.0, y2 - y0, y0)


def map_window(fig: Figure, ax: Axes) -> tuple[int, int, int, int]:
    """(col0, row0, col1, row1) of the map frame's inside in the page image."""
    height = fig.canvas.get_width_height()[1]
    box = ax.get_window_extent()
    col0, col1 = math.ceil(box.x0) + FRAME_PX, math.floor(box.x1) - FRAME_PX
    row0, row1 = math.ceil(height - box.y1) + FRAME_PX, math.floor(height - box.y0) - FRAME_PX
    return col0, row0, col1, row1


def save_geotiff(composition: object, out: str | Path) -> Path:
    """The map frame as an RGB GeoTIFF in the map's CRS (see the module docstring)."""
    fig, ax = composition.figure, composition.map_ax
    image = _rgba(fig)
    col0, row0, col1, row1 = map_window(fig, ax)
    if col1 <= col0 or row1 <= row0:
        raise RenderError("the map frame is empty; nothing to write")
    transform = page_transform(fig, ax) @ Affine.translation(col0, row0)
    bands = np.ascontiguousarray(image[row0:row1, col0:col1, :3].transpose(2, 0, 1))
    tags = {
        "GEOPLAN_TITLE": composition.title.get_text(),
        "GEOPLAN_LEGEND": "; ".join(composition.legend_labels),
        "GEOPLAN_SOURCE": composition.source.get_text().replace("\n", ""),
        "GEOPLAN_SCALE": f"1:{composition.scale_denominator:,.0f}",
    }
    return write_geotiff(
        out, bands, transform, composition.crs, tags=tags, photometric="RGB", resampling="average"
    )


def write_world_file(composition: object, png: str | Path) -> tuple[Path, Path]:
    """The world file (``.pgw``: pixel size, rotation, centre of the upper-left pixel) of the whole page
    and a ``.png.aux.xml`` naming its CRS, beside ``png``."""
    png = Path(png)
    t = page_transform(composition.figure, composition.map_ax)
    centre = t @ (0.5, 0.5)
    lines = [t.a, t.d, t.b, t.e, centre[0], centre[1]]
    world = png.with_suffix(".pgw")
    aux = png.with_name(png.name + ".aux.xml")
    srs = html.escape(composition.crs.to_wkt())
    try:
        with atomic_path(world) as tmp:
            tmp.write_text("".join(f"{value:.10f}\n" for value in lines), encoding="ascii")
        with atomic_path(aux) as tmp:
            tmp.write_text(f"<PAMDataset>\n  <SRS>{srs}</SRS>\n</PAMDataset>\n", encoding="utf-8")
    except OSError as error:
        raise RenderError(f"cannot write the world file: {error}") from None
    return world, aux


def draw_choropleth(
    ax: Axes, frame: gpd.GeoDataFrame, choropleth: Choropleth, corner: str, tolerance: float
) -> list[str]:
    """Fill the areas of ``frame`` (projected, rows as classified) by class and add the classed legend in
    ``corner`` of the map; returns the legend's lines."""
    simplified = frame.geometry.simplify(tolerance)
    for klass in range(-1, choropleth.k):
        rows = [i for i, c in enumerate(choropleth.classes) if c == klass]
        if not rows:
            continue
        draw_polygons(
            ax,
            [simplified.iloc[i] for i in rows],
            edgecolor="none",
            facecolor=NO_DATA_COLOR if klass < 0 else choropleth.colors[klass],
            fill_opacity=0.85,
            linewidth=0,
            zorder=0.4,
            gid=f"choropleth-{klass}",
        )
    handles = [Patch(facecolor=color, edgecolor="#777777", linewidth=0.4) for color in choropleth.colors]
    labels = list(choropleth.labels)
    if any(c < 0 for c in choropleth.classes):
        handles.append(Patch(facecolor=NO_DATA_COLOR, edgecolor="#777777", linewidth=0.4))
        labels.append(NO_DATA_LABEL)
    for note in choropleth.notes:  # text lines under the classes
        handles.append(Patch(visible=False))
        labels.append(note)
    legend = ax.legend(
        handles,
        labels,
        loc=CORNER_LOC[corner],
        title=choropleth.title,
        fontsize=6,
        title_fontsize=7,
        framealpha=0.9,
        handlelength=1.6,
        borderpad=0.5,
    )
    legend.set_gid("choropleth-legend")
    legend.set_zorder(5)
    return [choropleth.title, *labels]
