"""Drawing atlas layers on a matplotlib axes with the styles of ``layers/layers.yaml``.

Styles are written for the web (pixels, SVG dash arrays); here they become points (1 px = 0.75 pt) so the
printed map looks like the app.  Approximate features (atlas column ``approximate`` = 1) are drawn hollow
and dashed so nobody reads a league-level guess as a surveyed location.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import ScaledTranslation
from shapely import get_coordinates
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geoplan.layers import LayerDef, LayerStyle
from geoplan.output.labels import place_type_label, sector_label

PX = 0.75  # points per CSS pixel
MARKERS = {"circle": "o", "square": "s", "triangle": "^", "diamond": "D", "star": "*"}
APPROXIMATE_DASH = (0, (2.0, 1.5))
WATER_FILL = "#cfe6f5"
AREA_PRECISIONS = ("banner", "league", "province")
APPROXIMATE_FACE = (1.0, 1.0, 1.0, 0.7)  # hollow: a white, half-transparent face keeps the marker legible
RING_SLOTS = 8
RING_RADIUS_PT = 7.0
APPROXIMATE_SIZE = 0.8  # approximate markers, relative to the style's size
FAMILIES = {"points": (0,), "lines": (1, 2), "polygons": (3,)}
WATER_LINE = "#5b9bd5"
WATER_BAND = (0.357, 0.608, 0.835, 0.28)  # a schematic river: a wide, soft band of the water colour
WATER_BAND_WIDTH = 5.0  # points
APPROXIMATE_LIGHTEN = 0.5  # approximate lines: the layer colour mixed half with white


#: the outline of the place a map zooms to (its issuer or --place): colour and width in points.
FOCUS_OUTLINE = ("#222222", 1.6)


@dataclass(frozen=True)
class Drawn:
    """What one layer contributed to the map: counts by geometry family and approximate features, and
    ``styles``, each style it drew (the artist's gid, ``layer-<id>-<family>[-approximate]``) with the kinds
    of feature drawn in it (the Chinese names of their types or sectors, most frequent first)."""

    layer_id: str
    features: int = 0
    points: int = 0
    lines: int = 0
    polygons: int = 0
    approximate: int = 0
    styles: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def total(self) -> int:
        """Features drawn (a feature with several parts counts once)."""
        return self.features


def dash_pattern(dash: str | None) -> tuple[float, tuple[float, ...]] | str:
    """An SVG dash array such as ``"6 4"`` (pixels) as a matplotlib dash pattern in points."""
    if not dash:
        return "solid"
    try:
        values = tuple(float(part) * PX for part in dash.replace(",", " ").split())
    except ValueError:
        return "solid"
    return (0, values) if values and len(values) % 2 == 0 else "solid"


def marker_of(style: LayerStyle) -> str:
    return MARKERS.get(style.marker, "o")


def marker_size(style: LayerStyle) -> float:
    """Marker diameter in points from the style's radius in pixels."""
    return 2 * style.radius * PX


def split_by_family(geometries: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Explode multi-part and collection geometries; group the parts as points, lines and polygons.

    Returns ``{family: (parts, index of the source geometry of each part)}``.
    """
    valid = np.flatnonzero(~(shapely.is_missing(geometries) | shapely.is_empty(geometries)))
    if not len(valid):
        return {}
    parts, index = shapely.get_parts(geometries[valid], return_index=True)
    # collections inside collections are rare; one more pass flattens them
    nested = shapely.get_type_id(parts) == 7
    if nested.any():
        inner, inner_index = shapely.get_parts(parts[nested], return_index=True)
        parts = np.concatenate([parts[~nested], inner])
        index = np.concatenate([index[~nested], index[nested][inner_index]])
    type_ids = shapely.get_type_id(parts)
    out = {}
    for family, ids in FAMILIES.items():
        mask = np.isin(type_ids, ids)
        if mask.any():
            out[family] = (parts[mask], valid[index[mask]])
    return out


def _polygon_path(polygon: Polygon) -> MplPath:
    rings = [np.asarray(polygon.exterior.coords)] + [np.asarray(r.coords) for r in polygon.interiors]
    codes = []
    for ring in rings:
        ring_codes = np.full(len(ring), MplPath.LINETO, dtype=np.uint8)
        ring_codes[0] = MplPath.MOVETO
        ring_codes[-1] = MplPath.CLOSEPOLY
        codes.append(ring_codes)
    return MplPath(np.concatenate(rings), np.concatenate(codes))


def _polygons(geometries: list[BaseGeometry]) -> list[Polygon]:
    out: list[Polygon] = []
    for geometry in geometries:
        if isinstance(geometry, Polygon) and not geometry.is_empty:
            out.append(geometry)
        elif isinstance(geometry, MultiPolygon):
            out.extend(p for p in geometry.geoms if not p.is_empty)
    return out


def _lines(geometries: list[BaseGeometry]) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for geometry in geometries:
        if isinstance(geometry, LineString):
            out.append(np.asarray(geometry.coords))
        elif isinstance(geometry, MultiLineString):
            out.extend(np.asarray(part.coords) for part in geometry.geoms)
        elif isinstance(geometry, Polygon | MultiPolygon):
            for polygon in _polygons([geometry]):
                out.append(np.asarray(polygon.exterior.coords))
                out.extend(np.asarray(ring.coords) for ring in polygon.interiors)
    return [line for line in out if len(line) >= 2]


def draw_polygons(
    ax: Axes,
    geometries: list[BaseGeometry],
    *,
    edgecolor: str,
    facecolor: str | None,
    fill_opacity: float,
    linewidth: float,
    linestyle: object = "solid",
    zorder: float = 1,
    gid: str | None = None,
) -> PatchCollection | None:
    """Fill and outline polygons as one collection (fast for hundreds of banners)."""
    polygons = _polygons(geometries)
    if not polygons:
        return None
    face = to_rgba(facecolor, fill_opacity) if facecolor and fill_opacity > 0 else "none"
    collection = PatchCollection(
        [PathPatch(_polygon_path(p)) for p in polygons],
        facecolor=face,
        edgecolor=edgecolor,
        linewidth=linewidth,
        linestyle=linestyle,
        zorder=zorder,
    )
    collection.set_gid(gid)
    ax.add_collection(collection, autolim=False)
    return collection


def draw_lines(
    ax: Axes,
    geometries: list[BaseGeometry],
    *,
    color: str,
    linewidth: float,
    linestyle: object = "solid",
    zorder: float = 1,
    gid: str | None = None,
) -> LineCollection | None:
    lines = _lines(geometries)
    if not lines:
        return None
    collection = LineCollection(
        lines, colors=color, linewidths=linewidth, linestyles=linestyle, zorder=zorder, capstyle="round"
    )
    collection.set_gid(gid)
    ax.add_collection(collection, autolim=False)
    return collection


def lighter_color(color: str, amount: float = APPROXIMATE_LIGHTEN) -> tuple[float, float, float, float]:
    """``color`` mixed with white by ``amount``."""
    red, green, blue, alpha = to_rgba(color)
    return (red + (1 - red) * amount, green + (1 - green) * amount, blue + (1 - blue) * amount, alpha)


def bundle_segments(geometries: list[BaseGeometry], snap: float) -> list[LineString]:
    """The straight segments of schematic lines, endpoints snapped to a ``snap`` grid, each drawn once:
    dozens of corridors between the same centroids become one stroke instead of a web."""
    seen: set[tuple[tuple[float, float], tuple[float, float]]] = set()
    out = []
    for line in _lines(geometries):
        points = np.asarray(line, dtype=float)
        if snap > 0:
            points = np.round(points / snap) * snap
        for start, end in zip(map(tuple, points[:-1]), map(tuple, points[1:]), strict=True):
            key = (start, end) if start <= end else (end, start)
            if start == end or key in seen:
                continue
            seen.add(key)
            out.append(LineString([start, end]))
    return out


def _approximate_mask(frame: gpd.GeoDataFrame) -> np.ndarray:
    if "approximate" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    values = frame["approximate"].fillna(0).astype(str).str.strip().str.lower()
    return values.isin({"1", "true", "1.0", "yes"}).to_numpy()


def _area_features_as_points(
    geometries: np.ndarray, frame: gpd.GeoDataFrame, approximate: np.ndarray
) -> np.ndarray:
    """Approximate features located only at a banner or league: a point on that area, not its outline.

    Hundreds of projects share their issuer's polygon; outlining it once per project and layer hides the
    boundaries, while one hollow marker per layer says "somewhere in this banner".
    """
    if "precision" not in frame.columns:
        return geometries
    coarse = frame["precision"].astype(str).isin(AREA_PRECISIONS).to_numpy() & approximate
    polygonal = np.isin(shapely.get_type_id(geometries), (3, 6))
    mask = coarse & polygonal
    if not mask.any():
        return geometries
    geometries = geometries.copy()
    geometries[mask] = shapely.point_on_surface(geometries[mask])
    return geometries


def _ring_offset(ax: Axes, slot: int | None):
    """Data transform shifted a few points around a ring, so co-located markers of different layers show."""
    if slot is None:
        return ax.transData
    angle = 2 * np.pi * slot / RING_SLOTS
    dx, dy = RING_RADIUS_PT * np.cos(angle) / 72, RING_RADIUS_PT * np.sin(angle) / 72
    return ax.transData + ScaledTranslation(dx, dy, ax.figure.dpi_scale_trans)


def draw_layer(
    ax: Axes,
    definition: LayerDef,
    frame: gpd.GeoDataFrame,
    *,
    zorder: float,
    ring_slot: int | None = None,
    fill: bool = True,
    snap: float = 0.0,
) -> Drawn:
    """Draw one layer (already projected and clipped) with its style; exact and approximate apart.

    ``ring_slot`` shifts this layer's approximate markers around a small ring (one slot per layer);
    ``fill=False`` outlines polygons only.  Approximate lines are lighter, thinner and bundled (each
    segment between the same snapped points, ``snap`` map units, drawn once).
    """
    style = definition.style
    approximate_rows = _approximate_mask(frame)
    geometries = _area_features_as_points(
        np.asarray(frame.geometry.values, dtype=object), frame, approximate_rows
    )
    counts = {"points": 0, "lines": 0, "polygons": 0}
    styles: list[tuple[str, tuple[str, ...]]] = []
    kinds = _kinds(frame)
    families = split_by_family(geometries)
    for kind, (parts, rows) in families.items():
        counts[kind] = len(np.unique(rows))
        approximate = approximate_rows[rows]
        for is_approx in (False, True):
            subset = parts[approximate == is_approx]
            if not len(subset):
                continue
            gid = f"layer-{definition.id}-{kind}{'-approximate' if is_approx else ''}"
            styles.append((gid, _most_frequent(kinds[np.unique(rows[approximate == is_approx])])))
            linestyle = APPROXIMATE_DASH if is_approx else dash_pattern(style.dash)
            width = style.weight * PX * (0.6 if is_approx else 1.0)
            if kind == "polygons":
                draw_polygons(
                    ax,
                    list(subset),
                    edgecolor=style.color,
                    facecolor=style.fill if fill and not is_approx else None,
                    fill_opacity=style.fill_opacity,
                    linewidth=width,
                    linestyle=linestyle,
                    zorder=zorder,
                    gid=gid,
                )
            elif kind == "lines":
                draw_lines(
                    ax,
                    bundle_segments(list(subset), snap) if is_approx else list(subset),
                    color=lighter_color(style.color) if is_approx else style.color,
                    linewidth=width,
                    linestyle=linestyle,
                    zorder=zorder + 0.1,
                    gid=gid,
                )
            else:
                xy = np.unique(get_coordinates(subset), axis=0)  # co-located features: one marker
                scatter = ax.scatter(
                    xy[:, 0],
                    xy[:, 1],
                    s=(marker_size(style) * (APPROXIMATE_SIZE if is_approx else 1.0)) ** 2,
                    marker=marker_of(style),
                    facecolors=APPROXIMATE_FACE
                    if is_approx
                    else to_rgba(style.fill, max(style.fill_opacity, 0.85)),
                    edgecolors=style.color,
                    linewidths=max(style.weight * PX * 0.6, 0.6),
                    linestyles="dashed" if is_approx else "solid",
                    zorder=zorder + (0.15 if is_approx else 0.2),
                    plotnonfinite=False,
                    transform=_ring_offset(ax, ring_slot if is_approx else None),
                )
                scatter.set_gid(gid)
    rows = (
        np.unique(np.concatenate([r for _, r in families.values()])) if families else np.empty(0, dtype=int)
    )
    return Drawn(
        definition.id,
        features=len(rows),
        approximate=int(approximate_rows[rows].sum()),
        styles=tuple(styles),
        **counts,
    )


def _kinds(frame: gpd.GeoDataFrame) -> np.ndarray:
    """Each feature's kind in Chinese: its place type (the places layer) or its first sector (projects)."""
    if "type" in frame.columns:
        return frame["type"].map(place_type_label).to_numpy(dtype=object)
    if "sector" in frame.columns:
        first = frame["sector"].fillna("").astype(str).str.split("[;,]", regex=True).str[0]
        return first.map(sector_label).to_numpy(dtype=object)
    return np.full(len(frame), "", dtype=object)


def _most_frequent(kinds: np.ndarray) -> tuple[str, ...]:
    """The distinct non-empty ``kinds``, most frequent first (ties by name)."""
    values, counts = np.unique([k for k in kinds if k], return_counts=True)
    return tuple(str(values[i]) for i in sorted(range(len(values)), key=lambda i: (-counts[i], values[i])))


def legend_handle(definition: LayerDef, gid: str) -> Artist:
    """The legend symbol of one style a layer drew (``gid`` as in :attr:`Drawn.styles`), drawn as the map
    draws it: the marker of points, the stroke of lines (approximate ones lighter, thinner and dashed), the
    fill and outline of areas (the outline alone for boundaries).  The symbol carries the same gid."""
    style = definition.style
    family = gid.removeprefix(f"layer-{definition.id}-").removesuffix("-approximate")
    approximate = gid.endswith("-approximate")
    handle: Artist
    if family == "points":
        handle = Line2D(
            [],
            [],
            linestyle="none",
            marker=marker_of(style),
            markersize=marker_size(style) * (APPROXIMATE_SIZE if approximate else 1.0),
            markerfacecolor=APPROXIMATE_FACE
            if approximate
            else to_rgba(style.fill, max(style.fill_opacity, 0.85)),
            markeredgecolor=style.color,
            markeredgewidth=max(style.weight * PX * 0.6, 0.6),
        )
    elif family == "lines":
        handle = Line2D(
            [],
            [],
            color=lighter_color(style.color) if approximate else style.color,
            linewidth=style.weight * PX * (0.6 if approximate else 1.0),
            linestyle=APPROXIMATE_DASH if approximate else dash_pattern(style.dash),
        )
    elif definition.group != "thematic" or approximate or style.fill_opacity <= 0:
        handle = Line2D(
            [],
            [],
            color=style.color,
            linewidth=style.weight * PX * (0.6 if approximate else 1.0),
            linestyle=APPROXIMATE_DASH if approximate else dash_pattern(style.dash),
        )
    else:
        handle = Patch(
            facecolor=to_rgba(style.fill, style.fill_opacity),
            edgecolor=style.color,
            linewidth=style.weight * PX,
            linestyle=dash_pattern(style.dash),
        )
    handle.set_gid(gid)
    return handle


def approximate_handle(*, points: bool = True, lines: bool = True) -> Line2D:
    """The legend symbol explaining approximate locations: a hollow marker (``points``) and a light dashed
    stroke (``lines``, for lines and area outlines), as drawn."""
    return Line2D(
        [],
        [],
        color="#444444" if lines else "none",
        linestyle=APPROXIMATE_DASH if lines else "none",
        linewidth=1.0,
        marker="o" if points else "none",
        markersize=7,
        markerfacecolor=APPROXIMATE_FACE,
        markeredgecolor="#444444",
    )


def water_handles(has_areas: bool, has_lines: bool, has_bands: bool = False) -> list[tuple[Line2D, str]]:
    handles = []
    if has_areas:
        handles.append(
            (
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="s",
                    markersize=9,
                    markerfacecolor=WATER_FILL,
                    markeredgecolor=WATER_LINE,
                ),
                "湖泊、水库",
            )
        )
    if has_lines:
        handles.append((Line2D([], [], color=WATER_LINE, linewidth=0.9), "河流"))
    if has_bands:
        handles.append(
            (
                Line2D([], [], color=WATER_BAND, linewidth=WATER_BAND_WIDTH, solid_capstyle="round"),
                "河流（示意走向）",
            )
        )
    return handles
