"""Page layout of a static map: where title, map, legend, source line and the map furniture go (in mm)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
from shapely import get_coordinates

MARGIN_MM = 10.0
TITLE_BLOCK_MM = 17.0
FOOTER_MM = 12.0
LEGEND_ROW_MM = 4.6
LEGEND_TITLE_MM = 6.0
SIDE_PANEL_MM = 62.0
CORNERS = ("tl", "br", "bl", "tr")  # preference order when corners are equally empty
CORNER_FRACTION = 0.3


@dataclass(frozen=True)
class Layout:
    """Positions on the page; rectangles are (x, y, width, height) in mm from the bottom-left corner."""

    width_mm: float
    height_mm: float
    map_rect_mm: tuple[float, float, float, float]
    legend_anchor: tuple[float, float]
    legend_columns: int
    title_xy: tuple[float, float]
    subtitle_xy: tuple[float, float]
    source_xy: tuple[float, float]
    date_xy: tuple[float, float]
    text_width_mm: float
    label_limit: int

    def inset_rect_mm(
        self, corner: str, region_bounds: tuple[float, float, float, float]
    ) -> tuple[float, float, float, float]:
        """The inset's rectangle in a corner of the map, shaped like the region."""
        x, y, w, h = self.map_rect_mm
        minx, miny, maxx, maxy = region_bounds
        ratio = (maxy - miny) / max(maxx - minx, 1.0)
        width = w * 0.3
        height = width * ratio
        if height > h * 0.3:
            height = h * 0.3
            width = height / ratio
        gap = 1.5
        left = x + gap if corner in ("tl", "bl") else x + w - width - gap
        bottom = y + gap if corner in ("bl", "br") else y + h - height - gap
        return left, bottom, width, height


def layout_for(paper_mm: tuple[float, float], landscape: bool, entries: int) -> Layout:
    """Portrait pages put the legend (``entries`` rows at most) in a band under the map, landscape pages in
    a panel on the right."""
    width, height = (paper_mm[1], paper_mm[0]) if landscape else paper_mm
    map_top = height - MARGIN_MM - TITLE_BLOCK_MM
    footer_top = MARGIN_MM + FOOTER_MM
    if landscape:
        columns = 1
        map_rect = (MARGIN_MM, footer_top, width - 2 * MARGIN_MM - SIDE_PANEL_MM - 4, map_top - footer_top)
        legend_anchor = ((width - MARGIN_MM - SIDE_PANEL_MM) / width, map_top / height)
    else:
        columns = 3
        legend_height = LEGEND_TITLE_MM + math.ceil(entries / columns) * LEGEND_ROW_MM
        map_bottom = footer_top + legend_height + 4
        map_rect = (MARGIN_MM, map_bottom, width - 2 * MARGIN_MM, map_top - map_bottom)
        legend_anchor = (MARGIN_MM / width, (map_bottom - 3) / height)
    return Layout(
        width_mm=width,
        height_mm=height,
        map_rect_mm=map_rect,
        legend_anchor=legend_anchor,
        legend_columns=columns,
        title_xy=(0.5, (height - MARGIN_MM) / height),
        subtitle_xy=(0.5, (height - MARGIN_MM - 9) / height),
        source_xy=(MARGIN_MM / width, MARGIN_MM / height),
        date_xy=((width - MARGIN_MM) / width, MARGIN_MM / height),
        text_width_mm=width - 2 * MARGIN_MM - 35,
        label_limit=int(60 * (width * height) / (210 * 297)),
    )


@dataclass(frozen=True)
class Corners:
    """Which map corner holds the inset, and where (axes fraction) the scale bar and north arrow start."""

    inset: str
    scale_bar_anchor: tuple[float, float]
    north_arrow_anchor: tuple[float, float]


def _corner_counts(projected: dict[str, gpd.GeoDataFrame], extent: tuple[float, float, float, float]):
    minx, miny, maxx, maxy = extent
    points = [
        get_coordinates(frame.geometry.representative_point().to_numpy())
        for name, frame in projected.items()
        if name not in ("leagues", "banners") and not frame.empty
    ]
    xy = np.concatenate(points) if points else np.empty((0, 2))
    fx = (xy[:, 0] - minx) / (maxx - minx)
    fy = (xy[:, 1] - miny) / (maxy - miny)
    low, high = CORNER_FRACTION, 1 - CORNER_FRACTION
    return {
        "tl": int(((fx < low) & (fy > high)).sum()),
        "tr": int(((fx > high) & (fy > high)).sum()),
        "bl": int(((fx < low) & (fy < low)).sum()),
        "br": int(((fx > high) & (fy < low)).sum()),
    }


def pick_corners(
    projected: dict[str, gpd.GeoDataFrame], extent: tuple[float, float, float, float]
) -> Corners:
    """Inset in the emptiest corner; scale bar in the emptier free bottom corner, north arrow in a free top one."""
    counts = _corner_counts(projected, extent)
    inset = min(CORNERS, key=lambda c: (counts[c], CORNERS.index(c)))
    bottoms = [c for c in ("bl", "br") if c != inset]
    tops = [c for c in ("tr", "tl") if c != inset]
    bar = min(bottoms, key=lambda c: (counts[c], bottoms.index(c)))
    arrow = min(tops, key=lambda c: (counts[c], tops.index(c)))
    bar_anchor = (0.04, 0.035) if bar == "bl" else (0.72, 0.035)
    arrow_anchor = (0.94, 0.86) if arrow == "tr" else (0.06, 0.86)
    return Corners(inset, bar_anchor, arrow_anchor)


def free_corner(corners: Corners) -> str:
    """The map corner holding neither the inset, the scale bar nor the north arrow."""
    bar = "bl" if corners.scale_bar_anchor[0] < 0.5 else "br"
    arrow = "tr" if corners.north_arrow_anchor[0] > 0.5 else "tl"
    return next(c for c in CORNERS if c not in (corners.inset, bar, arrow))


def wrap_text(text: str, width_mm: float, fontsize_pt: float) -> str:
    """Break a (mostly CJK) line so it fits ``width_mm``; prefers breaking after punctuation."""
    per_line = max(int(width_mm / (fontsize_pt * 25.4 / 72)), 10)
    lines: list[str] = []
    rest = text
    while len(rest) > per_line:
        cut = max((rest.rfind(p, per_line // 2, per_line) for p in "；。，、 "), default=-1)
        cut = cut + 1 if cut > 0 else per_line
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    lines.append(rest)
    return "\n".join(lines)
