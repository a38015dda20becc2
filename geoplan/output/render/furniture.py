"""Map furniture: a true scale bar, a north arrow and an inset locator map.

All three are computed from the projection with pyproj, not assumed: the scale bar's length is the ground
distance divided by the point scale factor at the map centre, and the north arrow follows the meridian
through the map centre (a conic projection turns meridians away from the page's vertical).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon as MplPolygon
from matplotlib.patches import Rectangle
from pyproj import CRS, Geod, Transformer
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from geoplan.output.render.symbols import draw_polygons

GEOD = Geod(ellps="WGS84")
NICE_STEPS = (1, 2, 2.5, 5)


@dataclass
class ScaleBar:
    """A drawn scale bar: ground length it stands for and its length in map units (metres of the CRS)."""

    length_m: float
    map_length: float
    scale_factor: float
    label: str
    artists: list[Artist] = field(default_factory=list)


@dataclass
class NorthArrow:
    """A drawn north arrow; ``angle_deg`` is the clockwise turn of true north from the page's up."""

    angle_deg: float
    artists: list[Artist] = field(default_factory=list)


def scale_factor(crs: CRS, lon: float, lat: float) -> float:
    """The point scale factor of ``crs`` at (lon, lat): map distance / ground distance."""
    # imported here, not at the top: pyproj's transformer database is loaded only when reprojecting
    from pyproj import Proj

    factors = Proj(crs).get_factors(lon, lat)
    return float(math.sqrt(factors.meridional_scale * factors.parallel_scale))


def nice_length(limit_m: float) -> float:
    """The largest 1/2/2.5/5 × 10ⁿ metres not above ``limit_m``."""
    if limit_m <= 0:
        raise ValueError("scale bar limit must be positive")
    exponent = math.floor(math.log10(limit_m))
    best = 10.0**exponent
    for step in NICE_STEPS:
        value = step * 10.0**exponent
        if value <= limit_m:
            best = value
    return best


def format_distance(metres: float) -> str:
    if metres >= 1000:
        km = metres / 1000
        return f"{km:g} km"
    return f"{metres:g} m"


def true_north_angle(crs: CRS, lon: float, lat: float) -> float:
    """Clockwise angle (degrees) of true north from the map's +y axis at (lon, lat)."""
    to_map = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    x0, y0 = to_map.transform(lon, lat)
    x1, y1 = to_map.transform(lon, min(lat + 0.01, 89.99))
    return math.degrees(math.atan2(x1 - x0, y1 - y0))


def draw_scale_bar(
    ax: Axes, crs: CRS, centre_lonlat: tuple[float, float], anchor: tuple[float, float], max_fraction: float
) -> ScaleBar:
    """Draw a four-segment scale bar, true at the map centre, with its left end at ``anchor`` (axes fraction)."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    width = x1 - x0
    k = scale_factor(crs, *centre_lonlat)
    length_m = nice_length(width * max_fraction / k)
    map_length = length_m * k
    left = x0 + anchor[0] * width
    bottom = y0 + anchor[1] * (y1 - y0)
    height = (y1 - y0) * 0.006
    artists: list[Artist] = []
    segments = 4
    for i in range(segments):
        rect = Rectangle(
            (left + i * map_length / segments, bottom),
            map_length / segments,
            height,
            facecolor="#222222" if i % 2 == 0 else "white",
            edgecolor="#222222",
            linewidth=0.6,
            zorder=30,
        )
        ax.add_patch(rect)
        artists.append(rect)
    for value, x in ((0, left), (length_m / 2, left + map_length / 2), (length_m, left + map_length)):
        text = ax.text(
            x,
            bottom + height * 1.6,
            format_distance(value) if value else "0",
            ha="center",
            va="bottom",
            fontsize=6.5,
            zorder=30,
        )
        artists.append(text)
    for artist in artists:
        artist.set_gid("scale-bar")
    return ScaleBar(length_m, map_length, k, format_distance(length_m), artists)


def draw_north_arrow(
    ax: Axes, crs: CRS, centre_lonlat: tuple[float, float], anchor: tuple[float, float]
) -> NorthArrow:
    """Draw a north arrow at ``anchor`` (axes fraction of its foot), turned to true north at the centre."""
    angle = true_north_angle(crs, *centre_lonlat)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    size = min(x1 - x0, y1 - y0) * 0.07
    foot = np.array([x0 + anchor[0] * (x1 - x0), y0 + anchor[1] * (y1 - y0)])
    theta = math.radians(angle)
    up = np.array([math.sin(theta), math.cos(theta)])
    side = np.array([up[1], -up[0]])
    tip = foot + up * size
    base = foot + up * size * 0.1
    left = foot - side * size * 0.28
    right = foot + side * size * 0.28
    dark = MplPolygon([tip, base, left], closed=True, facecolor="#222222", edgecolor="#222222", lw=0.6)
    light = MplPolygon([tip, right, base], closed=True, facecolor="white", edgecolor="#222222", lw=0.6)
    label_at = tip + up * size * 0.22
    label = ax.text(*label_at, "北", ha="center", va="center", fontsize=9, rotation=-angle, zorder=30)
    artists: list[Artist] = [dark, light, label]
    for artist in (dark, light):
        artist.set_zorder(30)
        ax.add_patch(artist)
    for artist in artists:
        artist.set_gid("north-arrow")
    return NorthArrow(angle, artists)


def map_axes(
    fig: Figure,
    rect: tuple[float, float, float, float],
    label: str,
    bounds: tuple[float, float, float, float],
    *,
    facecolor: str,
    frame_width: float,
) -> Axes:
    """Axes for a map frame: tagged ``label``, showing ``bounds`` at equal scale, no ticks."""
    ax = fig.add_axes(rect, label=label)
    ax.set_gid(label)
    minx, miny, maxx, maxy = bounds
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor(facecolor)
    for spine in ax.spines.values():
        spine.set_linewidth(frame_width)
    return ax


def inset_bounds(
    region: BaseGeometry, extent: tuple[float, float, float, float], pad: float = 0.05
) -> tuple[float, float, float, float]:
    """What the inset shows: the region and the main map's extent, padded."""
    rminx, rminy, rmaxx, rmaxy = region.bounds
    minx, miny = min(rminx, extent[0]), min(rminy, extent[1])
    maxx, maxy = max(rmaxx, extent[2]), max(rmaxy, extent[3])
    margin = max(maxx - minx, maxy - miny) * pad
    return minx - margin, miny - margin, maxx + margin, maxy + margin


def draw_inset(
    fig: Figure,
    rect: tuple[float, float, float, float],
    region: BaseGeometry,
    extent: tuple[float, float, float, float],
) -> Axes:
    """An inset locator map: the region (projected) with the main map's extent outlined in red."""
    bounds = inset_bounds(region, extent)
    minx, _, maxx, _ = bounds
    inset = map_axes(fig, rect, "inset", bounds, facecolor="white", frame_width=0.6)
    for spine in inset.spines.values():
        spine.set_edgecolor("#666666")
    draw_polygons(
        inset,
        [region],
        edgecolor="#777777",
        facecolor="#e6e6e6",
        fill_opacity=1.0,
        linewidth=0.5,
        zorder=1,
        gid="inset-region",
    )
    frame = box(*extent)
    ex_minx, ex_miny, ex_maxx, ex_maxy = frame.bounds
    inset.add_patch(
        Rectangle(
            (ex_minx, ex_miny),
            ex_maxx - ex_minx,
            ex_maxy - ex_miny,
            facecolor="none",
            edgecolor="#d32f2f",
            linewidth=1.2,
            zorder=3,
            gid="inset-extent",
        )
    )
    if ex_maxx - ex_minx < (maxx - minx) * 0.04:  # too small to see: mark its centre too
        inset.plot(
            [(ex_minx + ex_maxx) / 2],
            [(ex_miny + ex_maxy) / 2],
            marker="o",
            markersize=5,
            markerfacecolor="none",
            markeredgecolor="#d32f2f",
            zorder=4,
            gid="inset-extent-marker",
        )
    return inset
