"""Raster overlays and choropleths for the web map (folium), apart from the vector layers of
:mod:`geoplan.output.webmap`.

- :func:`raster_overlay` reads an uploaded GeoTIFF (size-limited), reprojects it with
  :func:`rasterio.warp.reproject` to the web map's EPSG:3857 and colours it (one band: a colour ramp with
  its legend; three or four bands: as RGB); :func:`density_overlay` does the same for a density grid.
- :func:`add_raster` draws an overlay in a pane under the vector layers, with its opacity and legend.
- :func:`add_choropleth` fills the leagues or banners by class, with the classed legend.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
from branca.element import MacroElement, Template
from matplotlib import colormaps
from matplotlib.colors import to_hex

from geoplan.errors import InputError
from geoplan.limits import LIMITS
from geoplan.output.choropleth import NO_DATA_COLOR, NO_DATA_LABEL, Choropleth
from geoplan.output.raster import NODATA, legend_lines

WEB_CRS = "EPSG:3857"
#: largest GeoTIFF the app accepts (bytes), and the most pixels it will read
MAX_RASTER_BYTES = LIMITS["geotiff"].max_bytes
MAX_RASTER_PIXELS = 200_000_000
#: longest side of the reprojected image sent to the browser
MAX_OVERLAY_SIDE = 1600
RASTER_PANE = "geoplan-rasters"
RASTER_PANE_Z = 350  # over the tiles (200), under the vector layers (overlayPane, 400)
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class RasterOverlay:
    """An image in EPSG:3857 pixels and its lat/lon bounds, with the legend that goes with it."""

    name: str
    image: np.ndarray  # (rows, cols, 4) uint8 RGBA
    bounds: tuple[tuple[float, float], tuple[float, float]]  # ((south, west), (north, east))
    legend: str  # HTML


def check_raster_size(size: int, name: str, limit: int = MAX_RASTER_BYTES) -> None:
    """A one-line error for a file larger than ``limit``."""
    if size > limit:
        raise InputError(
            f"{name}: {size / 2**20:.1f} MB is more than the {limit / 2**20:.0f} MB a raster may have here; "
            "clip or resample it first (e.g. gdal_translate -outsize)"
        )


def _warp(
    bands: np.ndarray, transform: object, crs: object, nodata: float | None
) -> tuple[np.ndarray, object, tuple[float, float, float, float]]:
    """``bands`` reprojected to EPSG:3857 (at most :data:`MAX_OVERLAY_SIDE` pixels a side), NaN where empty,
    with the target transform and bounds in EPSG:3857."""
    # imported here, not at the top: rasterio (GDAL) is heavy; only raster paths load it
    from rasterio.enums import Resampling
    from rasterio.transform import array_bounds
    from rasterio.warp import calculate_default_transform, reproject

    count, height, width = bands.shape
    left, bottom, right, top = array_bounds(height, width, transform)
    dst_transform, dst_width, dst_height = calculate_default_transform(
        crs, WEB_CRS, width, height, left, bottom, right, top
    )
    scale = max(dst_width, dst_height) / MAX_OVERLAY_SIDE
    if scale > 1:
        dst_width, dst_height = max(1, math.ceil(dst_width / scale)), max(1, math.ceil(dst_height / scale))
        dst_transform, _, _ = calculate_default_transform(
            crs, WEB_CRS, width, height, left, bottom, right, top, dst_width=dst_width, dst_height=dst_height
        )
    out = np.full((count, dst_height, dst_width), np.nan, dtype=np.float32)
    source = bands.astype(np.float32)
    if nodata is not None:
        source[bands == nodata] = np.nan
    reproject(
        source,
        out,
        src_transform=transform,
        src_crs=crs,
        src_nodata=np.nan,
        dst_transform=dst_transform,
        dst_crs=WEB_CRS,
        dst_nodata=np.nan,
        resampling=Resampling.bilinear if count == 1 else Resampling.nearest,
    )
    return out, dst_transform, array_bounds(dst_height, dst_width, dst_transform)


def _latlon_bounds(
    bounds: tuple[float, float, float, float],
) -> tuple[tuple[float, float], tuple[float, float]]:
    # imported here, not at the top: pyproj's transformer database is loaded only when reprojecting
    from pyproj import Transformer

    to_lonlat = Transformer.from_crs(WEB_CRS, "EPSG:4326", always_xy=True)
    west, south = to_lonlat.transform(bounds[0], bounds[1])
    east, north = to_lonlat.transform(bounds[2], bounds[3])
    return (south, west), (north, east)


def _ramp(
    values: np.ndarray, cmap: str, *, transparent_zero: bool, low_high: tuple[float, float] | None = None
) -> tuple[np.ndarray, float, float]:
    """One band as RGBA through a colour ramp (2nd–98th percentile stretch); NaN (and 0 when asked) clear."""
    valid = np.isfinite(values) & ((values != 0) if transparent_zero else True)
    if not valid.any():
        return np.zeros((*values.shape, 4), dtype=np.uint8), 0.0, 0.0
    low, high = low_high or (float(np.percentile(values[valid], 2)), float(np.percentile(values[valid], 98)))
    if high <= low:
        high = low + 1.0
    scaled = np.clip((np.nan_to_num(values) - low) / (high - low), 0, 1)
    rgba = (colormaps[cmap](scaled) * 255).astype(np.uint8)
    rgba[..., 3] = np.where(valid, 255, 0)
    return rgba, low, high


def _ramp_legend(title: str, cmap: str, low: float, high: float, notes: Sequence[str] = ()) -> str:
    stops = ", ".join(to_hex(colormaps[cmap](i / 4)) for i in range(5))
    lines = "".join(f"<div style='max-width:260px'>{html.escape(n)}</div>" for n in notes)
    return (
        f"<b>{html.escape(title)}</b>"
        f"<div style='height:10px;width:180px;background:linear-gradient(to right, {stops})'></div>"
        f"<div style='width:180px;display:flex;justify-content:space-between'>"
        f"<span>{low:.4g}</span><span>{high:.4g}</span></div>{lines}"
    )


def _colour(bands: np.ndarray, name: str, cmap: str, notes: Sequence[str], transparent_zero: bool):
    if bands.shape[0] >= 3:  # RGB(A): as it is, stretched when not 8-bit
        rgb = bands[:3]
        valid = np.all(np.isfinite(rgb), axis=0)
        high = float(np.nanmax(rgb)) if valid.any() else 255.0
        scale = 255.0 / high if high > 255 else 1.0
        rgba = np.zeros((*rgb.shape[1:], 4), dtype=np.uint8)
        rgba[..., :3] = np.clip(np.nan_to_num(rgb) * scale, 0, 255).astype(np.uint8).transpose(1, 2, 0)
        rgba[..., 3] = np.where(valid, 255, 0)
        return rgba, f"<b>{html.escape(name)}</b><br>RGB"
    rgba, low, high = _ramp(bands[0], cmap, transparent_zero=transparent_zero)
    return rgba, _ramp_legend(name, cmap, low, high, notes)


def raster_overlay(data: bytes, name: str, *, progress: Progress | None = None) -> RasterOverlay:
    """An uploaded GeoTIFF (bytes) as an overlay of the web map; :class:`InputError` when it is too large,
    not a raster or not georeferenced."""
    # imported here, not at the top: rasterio (GDAL) is heavy; only raster paths load it
    import rasterio
    from rasterio.errors import RasterioIOError

    check_raster_size(len(data), name)
    step = progress or (lambda _share, _label: None)
    step(0.1, "读取栅格…")
    try:
        with rasterio.MemoryFile(data) as memory, memory.open() as dataset:
            if dataset.crs is None or dataset.transform.is_identity:
                raise InputError(f"{name}: not georeferenced (no CRS or no transform); georeference it first")
            if dataset.width * dataset.height * min(dataset.count, 3) > MAX_RASTER_PIXELS:
                raise InputError(f"{name}: {dataset.width}×{dataset.height} pixels is too large to show here")
            indexes = [1] if dataset.count < 3 else [1, 2, 3]
            bands = dataset.read(indexes)
            transform, crs, nodata = dataset.transform, dataset.crs, dataset.nodata
            notes = [f"{k}: {v}" for k, v in dataset.tags().items() if k.startswith("GEOPLAN_SHARE")]
    except RasterioIOError as error:
        raise InputError(f"{name}: not a readable GeoTIFF ({error})") from None
    step(0.4, "投影到网络地图（EPSG:3857）…")
    warped, _, bounds = _warp(bands, transform, crs, nodata)
    step(0.8, "着色…")
    rgba, legend = _colour(warped, name, "viridis", notes, transparent_zero=False)
    step(1.0, "完成")
    return RasterOverlay(name, rgba, _latlon_bounds(bounds), legend)


def density_overlay(grid: object, name: str) -> RasterOverlay:
    """A density grid (:func:`geoplan.output.raster.density`) as an overlay; empty cells stay clear and the
    legend says how much weight was spread over whole banners or leagues."""
    warped, _, bounds = _warp(grid.values[None, ...], grid.transform, grid.crs, NODATA)
    rgba, low, high = _ramp(warped[0], "YlOrRd", transparent_zero=True)
    legend = _ramp_legend(name, "YlOrRd", low, high, legend_lines(grid.tags))
    return RasterOverlay(name, rgba, _latlon_bounds(bounds), legend)


class _Legend(MacroElement):
    """A legend box in the map's bottom-left corner."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="geoplan-raster-legend leaflet-control" style="position:absolute;bottom:24px;left:10px;
             z-index:1000;background:rgba(255,255,255,.92);padding:6px 8px;font-size:12px;
             border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3)">{{ this.body }}</div>
        {% endmacro %}
        """
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "RasterLegend"
        self.body = body


def add_raster(fmap: folium.Map, overlay: RasterOverlay, opacity: float = 0.7) -> None:
    """Draw ``overlay`` under the vector layers (its own pane), listed in the layer control."""
    if "geoplan_raster_pane" not in fmap._children:
        pane = folium.map.CustomPane(RASTER_PANE, z_index=RASTER_PANE_Z, pointer_events=False)
        fmap.add_child(pane, name="geoplan_raster_pane")
    folium.raster_layers.ImageOverlay(
        overlay.image,
        bounds=[list(overlay.bounds[0]), list(overlay.bounds[1])],
        opacity=opacity,
        name=f"栅格：{html.escape(overlay.name)}",
        pane=RASTER_PANE,
        mercator_project=False,
        pixelated=False,
        className="geoplan-raster",
    ).add_to(fmap)


def add_legends(fmap: folium.Map, bodies: Sequence[str]) -> None:
    """One legend box holding every raster and choropleth legend; the layer control moved after the layers
    added here (it lists them, so its script must come after theirs)."""
    if bodies:
        _Legend("<hr style='margin:4px 0'>".join(bodies)).add_to(fmap)
    for name, child in list(fmap._children.items()):
        if isinstance(child, folium.LayerControl):
            del fmap._children[name]
            fmap._children[name] = child


def add_choropleth(fmap: folium.Map, frame: gpd.GeoDataFrame, choropleth: Choropleth) -> str:
    """Fill the areas of ``frame`` (rows as classified) by class; returns the legend's HTML."""
    shown = frame[["name", choropleth.field]].copy()
    shown["fill"] = [choropleth.color_of(i) for i in range(len(frame))]
    shown = gpd.GeoDataFrame(shown, geometry=frame.geometry.simplify(0.005).values, crs=frame.crs)
    shown[choropleth.field] = shown[choropleth.field].astype(float)
    folium.GeoJson(
        shown.to_json(na="null"),
        name=f"分级设色：{html.escape(choropleth.title)}",
        style_function=lambda feature: {
            "fillColor": feature["properties"]["fill"],
            "fillOpacity": 0.75,
            "color": "#666666",
            "weight": 0.6,
            "className": "geoplan-choropleth",
        },
        tooltip=folium.GeoJsonTooltip(["name", choropleth.field], aliases=["", choropleth.title]),
    ).add_to(fmap)
    rows = [
        f"<div><span style='display:inline-block;width:14px;height:10px;background:{c};"
        f"border:1px solid #777'></span> {html.escape(label)}</div>"
        for c, label in zip(choropleth.colors, choropleth.labels, strict=True)
    ]
    if any(c < 0 for c in choropleth.classes):
        rows.append(
            f"<div><span style='display:inline-block;width:14px;height:10px;background:{NO_DATA_COLOR};"
            f"border:1px solid #777'></span> {NO_DATA_LABEL}</div>"
        )
    notes = "".join(
        f"<div style='max-width:260px;color:#444'>{html.escape(n)}</div>" for n in choropleth.notes
    )
    return f"<b class='geoplan-choropleth-legend'>{html.escape(choropleth.title)}</b>{''.join(rows)}{notes}"
