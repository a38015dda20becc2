"""Static maps for print: the atlas composed on an A4/A3 page as PNG, PDF or SVG.

``render_map`` is the one entry point (the CLI and the app's download both call it).  The map is drawn in
:data:`MAP_CRS`, a Lambert conformal conic fitted to Inner Mongolia, so the scale bar is true (at the map
centre) and the north arrow follows the meridian.  :func:`compose_map` builds the figure and returns a
:class:`MapComposition` describing what was drawn (legend, scale bar, north arrow, inset, labels), which is
what the tests inspect.

Example::

    from geoplan.atlas.schema import read_atlas
    from geoplan.output.render.compose import render_map
    render_map(read_atlas(), "map.png", place="鄂尔多斯市", dpi=200)
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from math import floor, log10
from pathlib import Path
from typing import IO

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox
from pyproj import CRS, Transformer
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from geoplan.atlas.schema import atlas_plans, period_mask, plan_names
from geoplan.errors import GeoplanError, InputError, RenderError, UnsupportedFormatError
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.io import atomic_path
from geoplan.layers import LayerDef, load_layers
from geoplan.output.choropleth import Choropleth
from geoplan.output.render.data import (
    PlaceExtent,
    label_candidates,
    load_water,
    names_whole_map,
    plan_titles,
    plans_summary,
    project_layers,
    resolve_place,
    single_issuer,
    water_label_candidates,
)
from geoplan.output.render.fonts import cjk_rc
from geoplan.output.render.furniture import (
    NorthArrow,
    ScaleBar,
    draw_inset,
    draw_north_arrow,
    draw_scale_bar,
    inset_bounds,
    map_axes,
)
from geoplan.output.render.georef import draw_choropleth, save_geotiff, write_world_file
from geoplan.output.render.labels import place_labels
from geoplan.output.render.layout import Layout, free_corner, layout_for, pick_corners, wrap_text
from geoplan.output.render.legend import draw_legend, legend_rows
from geoplan.output.render.symbols import (
    FOCUS_OUTLINE,
    WATER_BAND,
    WATER_BAND_WIDTH,
    WATER_FILL,
    WATER_LINE,
    Drawn,
    draw_layer,
    draw_lines,
    draw_polygons,
)
from geoplan.output.render.tiles import DEFAULT_TILES, add_tiles
from geoplan.output.selection import ISSUER_AREA, region_union, split_context

#: Lambert conformal conic for Inner Mongolia (standard parallels 40°N and 50°N, central meridian 112°E).
MAP_CRS = CRS.from_proj4(
    "+proj=lcc +lat_0=45 +lon_0=112 +lat_1=40 +lat_2=50 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
)
MAP_CRS_NAME = "兰伯特等角圆锥投影（标准纬线40°N、50°N，中央经线112°E）"
PAPER_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
FORMATS = ("png", "pdf", "svg", "tif")
BASEMAPS = ("none", "tiles")
DPI_RANGE = (50, 1200)
MIN_SPAN_M = 30_000.0
TOWN_SPAN_M = 400_000.0  # towns are drawn on maps narrower than this
OUTLIER_SHARE = 0.03  # default extent: leave out this share of features on each side
MIN_FEATURES_TO_TRIM = 20
WHOLE_REGION_SHARE = 0.6
BUNDLE_SNAP_PX = 6  # approximate line ends closer than this many pixels share one stroke  # features spanning this share of the region: show the whole region


@dataclass
class MapComposition:
    """What a rendered map contains; the figure plus handles on each part (tests and callers inspect it)."""

    figure: Figure
    map_ax: Axes
    crs: CRS
    extent: tuple[float, float, float, float]
    centre_lonlat: tuple[float, float]
    title: Text
    subtitle: Text | None
    source: Text
    date: Text
    legend: Legend | None
    legend_labels: list[str]
    scale_bar: ScaleBar
    north_arrow: NorthArrow
    inset: Axes | None
    labels: list[Annotation]
    label_boxes: list[Bbox]
    basemap: str
    drawn: dict[str, Drawn] = field(default_factory=dict)
    scale_denominator: float = 0.0
    notes: list[str] = field(default_factory=list)
    #: per legend label, the styles (gids of the map's artists) its symbol shows
    legend_styles: list[tuple[str, ...]] = field(default_factory=list)


def check_options(fmt: str, paper: str, dpi: int, basemap: str) -> None:
    if fmt not in FORMATS:
        raise UnsupportedFormatError(f"unknown map format {fmt!r}; use one of {', '.join(FORMATS)}")
    if paper not in PAPER_MM:
        raise InputError(f"unknown paper {paper!r}; use one of {', '.join(PAPER_MM)}")
    if not isinstance(dpi, int) or not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        raise InputError(f"dpi must be an integer from {DPI_RANGE[0]} to {DPI_RANGE[1]}, not {dpi!r}")
    if basemap not in BASEMAPS:
        raise InputError(f"unknown basemap {basemap!r}; use one of {', '.join(BASEMAPS)}")


def parse_bbox(value: str | tuple[float, ...] | list[float]) -> tuple[float, float, float, float]:
    """A lon/lat box ``minx,miny,maxx,maxy`` (string or sequence) checked for order and range."""
    try:
        parts = [float(v) for v in (value.split(",") if isinstance(value, str) else value)]
    except (TypeError, ValueError):
        raise InputError(f"bbox must be four numbers minx,miny,maxx,maxy, not {value!r}") from None
    if len(parts) != 4:
        raise InputError(f"bbox must be four numbers minx,miny,maxx,maxy, not {value!r}")
    minx, miny, maxx, maxy = parts
    if not (-180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90):
        raise InputError(f"bbox {value!r} is not a lon/lat box with min < max")
    return minx, miny, maxx, maxy


#: the base layers a map of thematic layers alone is drawn over (see :func:`filter_layers`).
FRAME_LAYERS = ("leagues", "banners")


def filter_layers(
    layers: dict[str, gpd.GeoDataFrame],
    layer_ids: list[str] | None = None,
    plans: list[str] | None = None,
    periods: list[str] | None = None,
) -> dict[str, gpd.GeoDataFrame]:
    """Keep the named layers and, in them, the features of the named plans (file name or stem) and periods
    ('十四五', '14th', '2021-2025'; see :func:`geoplan.atlas.schema.period_mask`).

    Administrative base layers (leagues, banners, towns) stay whole; the ``places`` layer keeps the
    places named by those plans.  Named layers that are all thematic are drawn over the outlines of the
    leagues and banners (:data:`FRAME_LAYERS`, when the atlas has them), as a map needs its frame of
    reference; naming any base layer draws exactly the layers named.  Unknown layers or plans matching
    nothing are :class:`InputError`.
    """
    if layer_ids:
        unknown = [name for name in layer_ids if name not in layers]
        if unknown:
            raise InputError(f"no layer {', '.join(unknown)} in the atlas; it has {', '.join(layers)}")
        base = {d.id for d in load_layers() if d.group != "thematic"}
        if not base.intersection(layer_ids):
            layer_ids = [name for name in FRAME_LAYERS if name in layers] + list(layer_ids)
        layers = {name: layers[name] for name in layer_ids}
    if periods:
        layers = _filter_periods(layers, periods)
    if not plans:
        return dict(layers)
    wanted = plan_names(plans, atlas_plans(layers))

    def matches(value: object) -> bool:
        return any(p in wanted for p in str(value or "").split(";") if p)

    filtered: dict[str, gpd.GeoDataFrame] = {}
    for name, frame in layers.items():
        column = "plan" if "plan" in frame.columns else "plans" if name == "places" else None
        filtered[name] = frame if column is None else frame[frame[column].map(matches).astype(bool)]
    return filtered


def _filter_periods(layers: dict[str, gpd.GeoDataFrame], periods: list[str]) -> dict[str, gpd.GeoDataFrame]:
    """Thematic features of the periods; the ``places`` layer keeps the places their plans name."""
    filtered = {}
    kept_plans: set[str] = set()
    for name, frame in layers.items():
        if "plan" in frame.columns:
            frame = frame[period_mask(frame, periods).to_numpy()]
            kept_plans |= set(frame["plan"].astype(str))
        filtered[name] = frame
    if not kept_plans:
        raise InputError(
            f"no feature of period {', '.join(periods)}; use 十四五, 十五五 or a period such as 2021-2025"
        )
    places = filtered.get("places")
    if places is not None and "plans" in places.columns:
        keep = places["plans"].fillna("").astype(str).map(lambda v: bool(set(v.split(";")) & kept_plans))
        filtered["places"] = places[keep.to_numpy()]
    return filtered


def _fit_extent(
    bounds: tuple[float, float, float, float], aspect: float, pad: float = 0.06
) -> tuple[float, float, float, float]:
    """Pad ``bounds`` and widen one side so the box has height/width ``aspect`` (no distortion)."""
    minx, miny, maxx, maxy = bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    width = max(maxx - minx, MIN_SPAN_M) * (1 + 2 * pad)
    height = max(maxy - miny, MIN_SPAN_M) * (1 + 2 * pad)
    if height / width > aspect:
        width = height / aspect
    else:
        height = width * aspect
    return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2


def _default_bounds(
    projected: dict[str, gpd.GeoDataFrame], definitions: dict[str, LayerDef], region: BaseGeometry | None
) -> tuple[float, float, float, float]:
    """Where the thematic features are (see :func:`focus_bounds`); without any, the base layers' extent."""
    thematic = [f for n, f in projected.items() if definitions[n].group == "thematic" and not f.empty]
    if thematic:
        return focus_bounds(
            np.concatenate([np.asarray(f.geometry.values, dtype=object) for f in thematic]), region
        )
    frames = [f for f in projected.values() if not f.empty]
    if not frames:
        raise RenderError("nothing to draw: every layer is empty")
    return tuple(
        shapely.total_bounds(np.concatenate([np.asarray(f.geometry.values, dtype=object) for f in frames]))
    )


def focus_bounds(
    geometries: np.ndarray, region: BaseGeometry | None, *, trim: float = OUTLIER_SHARE
) -> tuple[float, float, float, float]:
    """The extent of features inside the region, leaving out the outer ``trim`` share on each side (a stray
    feature far away should not shrink the map); the whole region when they spread over most of it."""
    points = shapely.point_on_surface(geometries)
    if region is not None:
        shapely.prepare(region)
        inside = shapely.contains(region, points)
        if inside.any():
            geometries, points = geometries[inside], points[inside]
    xy = shapely.get_coordinates(points)
    if len(xy) >= MIN_FEATURES_TO_TRIM:
        low, high = np.quantile(xy, trim, axis=0), np.quantile(xy, 1 - trim, axis=0)
        geometries = geometries[np.all((xy >= low) & (xy <= high), axis=1)]
    if region is not None:
        geometries = shapely.clip_by_rect(geometries, *region.bounds)
    minx, miny, maxx, maxy = (float(v) for v in shapely.total_bounds(geometries))
    if region is not None:
        rminx, rminy, rmaxx, rmaxy = region.bounds
        share = max((maxx - minx) / (rmaxx - rminx), (maxy - miny) / (rmaxy - rminy))
        if share > WHOLE_REGION_SHARE:
            return region.bounds
    return minx, miny, maxx, maxy


def _projected(union: BaseGeometry | None) -> BaseGeometry | None:
    """The region (:func:`~geoplan.output.selection.region_union`, lon/lat) in :data:`MAP_CRS`."""
    if union is None:
        return None
    return gpd.GeoSeries([union], crs="EPSG:4326").to_crs(MAP_CRS).iloc[0]


def _mm_rect(layout: Layout, rect_mm: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x, y, w, h = rect_mm
    return x / layout.width_mm, y / layout.height_mm, w / layout.width_mm, h / layout.height_mm


def compose_map(
    layers: dict[str, gpd.GeoDataFrame],
    *,
    title: str | None = None,
    subtitle: str | None = None,
    bbox: tuple[float, float, float, float] | str | None = None,
    place: str | None = None,
    paper: str = "A4",
    landscape: bool = False,
    dpi: int = 200,
    basemap: str = "none",
    tile_source: str = DEFAULT_TILES,
    today: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    choropleth: Choropleth | None = None,
) -> MapComposition:
    """Build the map figure (call inside :func:`matplotlib.rc_context` of :func:`geoplan.output.render.fonts.cjk_rc`).

    The steps, in drawing order: frame the map (:func:`_frame`: which layers, which place, which extent),
    the basemap (:func:`_draw_basemap`), the layers, the furniture (:func:`_draw_furniture`: choropleth
    legend, inset, scale bar, north arrow), the texts (:func:`_draw_texts`), the legend, and the labels last
    (:func:`_draw_labels`), placed around everything else.  The options are checked once, by
    :func:`render_report` (the library's entry) or the CLI's option types, not again here.
    """
    if bbox is not None and place is not None:
        raise InputError("give either a bbox or a place, not both")
    notes: list[str] = []
    frame = _frame(layers, bbox, place, paper, landscape, dpi, gazetteer, notes)
    fig = Figure(figsize=(frame.layout.width_mm / 25.4, frame.layout.height_mm / 25.4), dpi=dpi)
    FigureCanvasAgg(fig)
    fig.set_facecolor("white")
    ax = map_axes(
        fig,
        _mm_rect(frame.layout, frame.layout.map_rect_mm),
        "map",
        frame.extent,
        facecolor="#fbfbf8",
        frame_width=0.8,
    )
    used_basemap, attribution, water_parts, water_labels = _draw_basemap(
        ax, frame, basemap, tile_source, gazetteer, notes
    )
    if bbox is None and place is None:  # the default extent left something out: say so
        outside = _features_outside(frame)
        if outside:
            notes.append(f"{outside} feature(s) outside the map extent")
    drawn = _draw_layers(ax, frame.projected, frame.definitions, frame.units_per_px, frame.width, notes)
    focus = (
        frame.focus.name
        if frame.focus is not None and _draw_focus(ax, frame.view, frame.focus.geometry)
        else None
    )
    furniture = _draw_furniture(fig, ax, frame, choropleth, notes)
    texts = _draw_texts(fig, frame, drawn, furniture.scale_bar, title, subtitle, place, attribution, today)
    legend, legend_labels, legend_styles = draw_legend(
        fig, frame.layout, frame.definitions, drawn, water_parts, frame.plans, focus
    )
    _clip_to_map(ax)
    labels, label_boxes = _draw_labels(fig, ax, frame, furniture, water_labels)
    return MapComposition(
        figure=fig,
        map_ax=ax,
        crs=MAP_CRS,
        extent=frame.extent,
        centre_lonlat=frame.centre,
        title=texts.title,
        subtitle=texts.subtitle,
        source=texts.source,
        date=texts.date,
        legend=legend,
        legend_labels=[*furniture.choropleth_lines, *legend_labels],
        legend_styles=[*[()] * len(furniture.choropleth_lines), *legend_styles],
        scale_bar=furniture.scale_bar,
        north_arrow=furniture.north_arrow,
        inset=furniture.inset,
        labels=labels,
        label_boxes=label_boxes,
        basemap=used_basemap,
        drawn=drawn,
        scale_denominator=texts.denominator,
        notes=notes,
    )


@dataclass(frozen=True)
class _Frame:
    """What the map shows and where: the layers it can draw, the focus place, the page layout and the extent."""

    layers: dict[str, gpd.GeoDataFrame]  # the layers with a style in layers.yaml
    definitions: dict[str, LayerDef]
    projected_full: dict[str, gpd.GeoDataFrame]  # every feature, in MAP_CRS
    projected: dict[str, gpd.GeoDataFrame]  # the features in the extent
    focus: PlaceExtent | None
    plans: list[str]
    layout: Layout
    region: BaseGeometry | None
    extent: tuple[float, float, float, float]
    units_per_px: float
    centre: tuple[float, float]  # lon, lat of the extent's centre

    @property
    def view(self) -> BaseGeometry:
        return box(*self.extent)

    @property
    def width(self) -> float:
        return self.extent[2] - self.extent[0]


def _frame(
    layers: dict[str, gpd.GeoDataFrame],
    bbox: tuple[float, float, float, float] | str | None,
    place: str | None,
    paper: str,
    landscape: bool,
    dpi: int,
    gazetteer: Gazetteer | None,
    notes: list[str],
) -> _Frame:
    """Choose what to draw and the extent: ``bbox``, else ``place``, else the issuer, else the features."""
    definitions = {d.id: d for d in load_layers()}
    unknown = [name for name in layers if name not in definitions]
    if unknown:  # no style to draw them with: leave them out, and say so
        notes.append(f"layers not in layers.yaml, not drawn: {', '.join(unknown)}")
        layers = {name: frame for name, frame in layers.items() if name in definitions}
    union = region_union(layers)  # once: the split below and the inset both use it
    if bbox is None and place is None:  # the region's map: context beyond it is left for a zoomed map
        layers, outside = split_context(layers, union)
        if outside:
            count = sum(len(frame) for frame in outside.values())
            notes.append(f"{count} place(s) outside the region not drawn (--place or --bbox draws them)")
    projected_full = project_layers(layers, MAP_CRS)
    focus: PlaceExtent | None = resolve_place(place, layers, MAP_CRS, notes, gazetteer) if place else None
    if focus is None and bbox is None:
        focus = _issuer_focus(layers, notes, gazetteer)
    plans = plan_titles(layers)
    layout = layout_for(PAPER_MM[paper], landscape, legend_rows(layers) + _plan_rows(plans))
    region = _projected(union)
    map_rect = layout.map_rect_mm
    aspect = map_rect[3] / map_rect[2]
    if bbox is not None:
        lonlat = parse_bbox(bbox)
        to_map = Transformer.from_crs("EPSG:4326", MAP_CRS, always_xy=True)
        bounds = to_map.transform_bounds(*lonlat, densify_pts=21)
        extent = _fit_extent(bounds, aspect, pad=0.0)
    elif focus is not None:
        extent = _fit_extent(focus.geometry.bounds, aspect)
    else:
        extent = _fit_extent(_default_bounds(projected_full, definitions, region), aspect)
    minx, miny, maxx, maxy = extent
    to_lonlat = Transformer.from_crs(MAP_CRS, "EPSG:4326", always_xy=True)
    return _Frame(
        layers=layers,
        definitions=definitions,
        projected_full=projected_full,
        projected={
            name: _of_focus(frame.cx[minx:maxx, miny:maxy], focus) if not frame.empty else frame
            for name, frame in projected_full.items()
        },
        focus=focus,
        plans=plans,
        layout=layout,
        region=region,
        extent=extent,
        units_per_px=(maxx - minx) / (map_rect[2] / 25.4 * dpi),
        centre=to_lonlat.transform((minx + maxx) / 2, (miny + maxy) / 2),
    )


def _of_focus(frame: gpd.GeoDataFrame, focus: PlaceExtent | None) -> gpd.GeoDataFrame:
    """The features of a map framed on ``focus``, without the projects placed at the whole area of an issuer
    that does not cover the focus: a city's citywide projects belong on the map of each of its districts,
    not on its neighbour's (鄂尔多斯市's 22 public-service projects were counted on the map of 乌海市,
    their area reaching into its frame)."""
    if focus is None or frame.empty or "geometry_basis" not in frame.columns:
        return frame
    issuer_area = (frame["geometry_basis"].astype(str) == ISSUER_AREA).to_numpy()
    if not issuer_area.any():
        return frame
    covers = np.array(names_whole_map(frame.geometry, focus.geometry))
    return frame[~issuer_area | covers]


def _draw_basemap(
    ax: Axes, frame: _Frame, basemap: str, tile_source: str, gazetteer: Gazetteer | None, notes: list[str]
) -> tuple[str, str, list, list]:
    """Tiles when asked and available; vector boundaries and water always.

    Returns the basemap used, the tiles' attribution, and the water drawn (legend parts, label candidates).
    """
    used_basemap = "vector"
    attribution = ""
    if basemap == "tiles":
        result = add_tiles(ax, MAP_CRS, tile_source)
        if result.drawn:
            used_basemap, attribution = "tiles", result.attribution
        else:
            notes.append(result.reason)
    places = frame.layers.get("places")
    named = set(places["place_id"].astype(str)) if places is not None and "place_id" in places else set()
    water_parts, water_labels = _draw_water(ax, frame.extent, frame.units_per_px, gazetteer, named)
    return used_basemap, attribution, water_parts, water_labels


def _features_outside(frame: _Frame) -> int:
    """How many thematic features lie wholly outside the extent."""
    view = frame.view
    return sum(
        int((~shapely.intersects(view, np.asarray(f.geometry.values, dtype=object))).sum())
        for n, f in frame.projected_full.items()
        if frame.definitions[n].group == "thematic" and not f.empty
    )


#: the inset is drawn only when the map shows less than this share of the region's area: a map of (most of)
#: the region needs no locator of itself.
INSET_MAX_SHARE = 0.5


def shows_little_of(region: BaseGeometry, extent: tuple[float, float, float, float]) -> bool:
    """Whether the map's ``extent`` holds less than :data:`INSET_MAX_SHARE` of ``region`` (same CRS)."""
    if region.is_empty or region.area <= 0:
        return False
    return region.intersection(box(*extent)).area / region.area < INSET_MAX_SHARE


@dataclass(frozen=True)
class _Furniture:
    choropleth_lines: list[str]
    inset: Axes | None
    scale_bar: ScaleBar
    north_arrow: NorthArrow


def _draw_furniture(
    fig: Figure, ax: Axes, frame: _Frame, choropleth: Choropleth | None, notes: list[str]
) -> _Furniture:
    """Choropleth legend in a free corner, inset in the emptiest one (only on a map of a small part of the
    region, see :func:`shows_little_of`), scale bar and north arrow in the others."""
    corners = pick_corners(frame.projected, frame.extent)
    choropleth_lines = (
        draw_choropleth(
            ax,
            frame.projected_full[choropleth.areas],
            choropleth,
            free_corner(corners),
            frame.units_per_px * 0.5,
        )
        if choropleth is not None
        else []
    )
    inset_ax = None
    if frame.region is not None and shows_little_of(frame.region, frame.extent):
        inset_rect = frame.layout.inset_rect_mm(corners.inset, inset_bounds(frame.region, frame.extent))
        inset_ax = draw_inset(fig, _mm_rect(frame.layout, inset_rect), frame.region, frame.extent)
        inset_ax.set_zorder(ax.get_zorder() + 1)  # opaque and above every line of the map
    elif frame.region is None:
        notes.append("no leagues or banners drawn: no inset locator map")
    scale_bar = draw_scale_bar(ax, MAP_CRS, frame.centre, corners.scale_bar_anchor, max_fraction=0.22)
    north_arrow = draw_north_arrow(ax, MAP_CRS, frame.centre, corners.north_arrow_anchor)
    return _Furniture(choropleth_lines, inset_ax, scale_bar, north_arrow)


@dataclass(frozen=True)
class _Texts:
    title: Text
    subtitle: Text | None
    source: Text
    date: Text
    denominator: float  # the scale at the map centre, 1:denominator


def _draw_texts(
    fig: Figure,
    frame: _Frame,
    drawn: dict[str, Drawn],
    scale_bar: ScaleBar,
    title: str | None,
    subtitle: str | None,
    place: str | None,
    attribution: str,
    today: dt.date | None,
) -> _Texts:
    """Title and subtitle (defaults: the plans and the count of features drawn), source line and date."""
    layout = frame.layout
    kinds = {n: frame.definitions[n] for n in drawn}
    thematic_total = sum(d.total for n, d in drawn.items() if kinds[n].group == "thematic")
    approximate_total = sum(d.approximate for d in drawn.values())
    plans_text, default_title = plans_summary(frame.layers)
    title_text = title or _title(default_title, frame.focus, place, bool(frame.plans))
    if subtitle is None:
        subtitle = f"规划要素 {thematic_total} 个" + (
            f"，其中位置近似 {approximate_total} 个" if approximate_total else ""
        )
    title_artist = fig.text(*layout.title_xy, title_text, fontsize=16, ha="center", va="top", gid="title")
    subtitle_artist = (
        fig.text(
            *layout.subtitle_xy,
            subtitle,
            fontsize=9.5,
            ha="center",
            va="top",
            color="#444444",
            gid="subtitle",
        )
        if subtitle
        else None
    )
    denominator = frame.width / scale_bar.scale_factor / (layout.map_rect_mm[2] / 1000)
    sources = [s for s in _base_sources(frame.layers) if s]
    source_line = (
        f"资料来源：{plans_text}；底图：{'、'.join(sources) or '地名库'}"
        + (f"；瓦片：{attribution}" if attribution else "")
        + f"。{MAP_CRS_NAME}，比例尺约1:{_round_sig(denominator):,}（地图中心）。"
        + "示意图，非测绘成果，不作为界线依据。"
    )
    source_artist = fig.text(
        *layout.source_xy,
        wrap_text(source_line, layout.text_width_mm, 6.5),
        fontsize=6.5,
        ha="left",
        va="bottom",
        color="#444444",
        gid="source",
        linespacing=1.4,
    )
    date_artist = fig.text(
        *layout.date_xy,
        f"制图日期：{(today or dt.date.today()).isoformat()}",
        fontsize=6.5,
        ha="right",
        va="bottom",
        color="#444444",
        gid="date",
    )
    return _Texts(title_artist, subtitle_artist, source_artist, date_artist, denominator)


def _draw_labels(
    fig: Figure, ax: Axes, frame: _Frame, furniture: _Furniture, water_labels: list
) -> tuple[list[Annotation], list[Bbox]]:
    """Place labels last, measured against the furniture, the inset and the markers already drawn."""
    renderer = fig.canvas.get_renderer()
    obstacles = [
        a.get_window_extent(renderer) for a in furniture.scale_bar.artists + furniture.north_arrow.artists
    ]
    if furniture.inset is not None:
        obstacles.append(furniture.inset.get_window_extent(renderer))
    return place_labels(
        ax,
        label_candidates(frame.projected, frame.extent, frame.focus, water_labels, frame.region),
        renderer,
        obstacles,
        obstacle_array=_marker_boxes(ax, {n for n, d in frame.definitions.items() if d.group == "thematic"}),
        limit=frame.layout.label_limit,
    )


def _draw_water(
    ax: Axes,
    extent: tuple[float, float, float, float],
    units_per_px: float,
    gazetteer: Gazetteer | None,
    named: set[str] | frozenset[str] = frozenset(),
) -> tuple[tuple[bool, bool, bool], list]:
    """Lakes/reservoirs and rivers of the gazetteer under everything: ((areas, sourced river lines,
    schematic river bands) drawn, river label candidates).

    A river known only by the places it passes (``schematic``) is a wide, soft, labelled band through all
    of them in order, so its few straight strokes never read as a road — drawn only when the map's plans name
    it (``named``: the place ids of the places drawn): a band says where a river the plan speaks of runs, and
    bands of rivers no plan names would crowd the map and its labels. A sourced course is a thin line, always.
    """
    if gazetteer is None:
        return (False, False, False), []
    water = load_water(gazetteer, MAP_CRS, extent)
    if water.empty:
        return (False, False, False), []
    linear_all = water.geometry.geom_type.isin(["LineString", "MultiLineString"]).to_numpy()
    unnamed_band = (
        (water["precision"].astype(str) == "schematic").to_numpy()
        & linear_all
        & ~water["place_id"].astype(str).isin(named).to_numpy()
    )
    water = water[~unnamed_band]
    if water.empty:
        return (False, False, False), []
    simplified = water.geometry.simplify(units_per_px)
    linear = simplified.geom_type.isin(["LineString", "MultiLineString"]).to_numpy()
    schematic = (water["precision"].astype(str) == "schematic").to_numpy() & linear
    areas = [g for g in simplified if g.geom_type in ("Polygon", "MultiPolygon")]
    drawn_areas = draw_polygons(
        ax,
        areas,
        edgecolor=WATER_LINE,
        facecolor=WATER_FILL,
        fill_opacity=1.0,
        linewidth=0.4,
        zorder=0.5,
        gid="water",
    )
    drawn_lines = draw_lines(
        ax, list(simplified[linear & ~schematic]), color=WATER_LINE, linewidth=0.7, zorder=0.6, gid="water"
    )
    drawn_bands = draw_lines(
        ax,
        list(water.geometry[schematic]),
        color=WATER_BAND,
        linewidth=WATER_BAND_WIDTH,
        zorder=0.55,
        gid="water-schematic",
    )
    labels = water_label_candidates(water[linear], extent)
    return (drawn_areas is not None, drawn_lines is not None, drawn_bands is not None), labels


def _issuer_focus(
    layers: dict[str, gpd.GeoDataFrame], notes: list[str], gazetteer: Gazetteer | None
) -> PlaceExtent | None:
    """The map of one issuer's plans frames that issuer (its league or banner), whatever stray matches lie
    outside it; None for several issuers or an issuer without a polygon."""
    issuer = single_issuer(layers)
    if issuer is None:
        return None
    try:
        focus = resolve_place(issuer, layers, MAP_CRS, notes, gazetteer)
    except InputError:
        notes.append(f"{issuer}: the plan's issuer has no boundary here; framed on its features")
        return None
    return focus if focus.geometry.area > 0 else None


def _title(default_title: str, focus: PlaceExtent | None, place: str | None, has_plans: bool) -> str:
    """The plan title (issuer, period) and, when the map zooms to another place, that place."""
    if focus is None or not place:
        return default_title
    if not has_plans:
        return f"{focus.name}地名示意图"
    return f"{default_title}（{focus.name}）" if focus.name not in default_title else default_title


def _plan_rows(plans: list[str]) -> int:
    return len(plans) if len(plans) > 1 else 0


def _clip_to_map(ax: Axes) -> None:
    """Everything drawn in the map stays inside the map frame (never over the legend or title)."""
    for artist in [*ax.collections, *ax.lines, *ax.patches]:
        artist.set_clip_on(True)
        artist.set_clip_path(ax.patch)


def _draw_layers(
    ax: Axes,
    projected: dict[str, gpd.GeoDataFrame],
    definitions: dict[str, LayerDef],
    units_per_px: float,
    width_m: float,
    notes: list[str],
) -> dict[str, Drawn]:
    """Every layer in z order; towns only on maps narrower than :data:`TOWN_SPAN_M`."""
    drawn: dict[str, Drawn] = {}
    thematic_ids = [n for n, d in definitions.items() if d.group == "thematic"]
    for name in sorted(projected, key=lambda n: definitions[n].style.z):
        frame = projected[name]
        definition = definitions[name]
        if frame.empty:
            continue
        if name == "towns" and width_m > TOWN_SPAN_M:
            notes.append(f"towns not drawn on a map wider than {TOWN_SPAN_M / 1000:.0f} km")
            continue
        if definition.geometry == "polygon" or name in ("leagues", "banners"):
            frame = frame.set_geometry(frame.geometry.simplify(units_per_px * 0.5))
        drawn[name] = draw_layer(
            ax,
            definition,
            frame,
            zorder=1 + definition.style.z / 10,
            ring_slot=thematic_ids.index(name) if name in thematic_ids else None,
            fill=definition.group == "thematic" or name in ("leagues", "banners"),
            snap=units_per_px * BUNDLE_SNAP_PX,
        )
    return drawn


def _draw_focus(ax: Axes, view: BaseGeometry, geometry: BaseGeometry) -> bool:
    """Outline the place the map zooms to and fade what lies outside it (areas only); whether it did."""
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return False
    draw_polygons(
        ax,
        [view.difference(geometry)],
        edgecolor="none",
        facecolor="white",
        fill_opacity=0.55,
        linewidth=0,
        zorder=2.5,
        gid="focus-mask",
    )
    draw_polygons(
        ax,
        [geometry],
        edgecolor=FOCUS_OUTLINE[0],
        facecolor=None,
        fill_opacity=0,
        linewidth=FOCUS_OUTLINE[1],
        zorder=2.6,
        gid="focus-outline",
    )
    return True


def _marker_boxes(ax: Axes, layer_ids: set[str]) -> np.ndarray:
    """Display boxes (x0, y0, x1, y1) of the markers of the given layers, for labels to keep clear of."""
    boxes = [np.empty((0, 4))]
    for collection in ax.collections:
        parts = (collection.get_gid() or "").split("-")
        if not isinstance(collection, PathCollection) or len(parts) < 3 or parts[1] not in layer_ids:
            continue
        centres = collection.get_offset_transform().transform(collection.get_offsets())
        radius = np.sqrt(collection.get_sizes().max()) / 2 * ax.figure.dpi / 72
        boxes.append(np.column_stack([centres - radius, centres + radius]))
    return np.concatenate(boxes)


def _round_sig(value: float, digits: int = 2) -> int:

    if value <= 0:
        return 0
    return int(round(value, -int(floor(log10(value))) + digits - 1))


def _base_sources(layers: dict[str, gpd.GeoDataFrame], shown: int = 3) -> list[str]:
    """Where the boundaries come from, once per source (record ids in parentheses dropped)."""
    found: list[str] = []
    for name in ("leagues", "banners"):
        frame = layers.get(name)
        if frame is not None and "geometry_source" in frame.columns:
            for value in frame["geometry_source"].dropna().astype(str).unique():
                value = (
                    " ".join(re.sub(r"[(（][^)）]*[)）]", " ", value).split())
                    .replace(" ,", ",")
                    .strip(" ,，;；")
                )
                if value and value not in found:
                    found.append(value)
    return found[:shown] + (["等"] if len(found) > shown else [])


@dataclass(frozen=True)
class RenderSummary:
    """What :func:`render_report` drew, for the CLI's message."""

    features: int
    labels: int
    basemap: str
    scale_denominator: float
    notes: tuple[str, ...]


def render_map(
    layers: dict[str, gpd.GeoDataFrame],
    out: str | Path | IO[bytes],
    *,
    fmt: str = "png",
    title: str | None = None,
    subtitle: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    place: str | None = None,
    paper: str = "A4",
    landscape: bool = False,
    dpi: int = 200,
    basemap: str = "none",
    gazetteer: Gazetteer | None = None,
    choropleth: Choropleth | None = None,
) -> None:
    """Render the atlas layers as a finished map page to ``out`` (a path, written atomically, or a binary file).

    ``bbox`` is (minx, miny, maxx, maxy) in degrees; ``place`` a league, banner or gazetteer place to zoom
    to; ``basemap='tiles'`` draws web tiles when they load and falls back to the vector basemap otherwise.
    ``gazetteer`` adds its lakes and rivers under the map and its places to ``place``'s search.
    ``choropleth`` (:func:`geoplan.output.choropleth.classify`) fills the leagues or banners by class.
    ``fmt='tif'`` writes the map frame as a GeoTIFF in :data:`MAP_CRS` (see
    :mod:`geoplan.output.render.georef`).
    """
    render_report(
        layers,
        out,
        fmt=fmt,
        title=title,
        subtitle=subtitle,
        bbox=bbox,
        place=place,
        paper=paper,
        landscape=landscape,
        dpi=dpi,
        basemap=basemap,
        gazetteer=gazetteer,
        choropleth=choropleth,
    )


def render_report(
    layers: dict[str, gpd.GeoDataFrame],
    out: str | Path | IO[bytes],
    *,
    fmt: str = "png",
    overwrite: bool = True,
    world_file: bool = False,
    **options: object,
) -> RenderSummary:
    """:func:`render_map` that also returns a summary (counts, basemap used, notes such as a tile fallback);
    ``world_file`` adds a world file and CRS beside a PNG written to a path.  Without ``overwrite`` an
    existing ``out`` is never replaced."""
    check_options(
        fmt, str(options.get("paper", "A4")), options.get("dpi", 200), str(options.get("basemap", "none"))
    )
    if fmt == "tif" and not isinstance(out, str | Path):
        raise InputError("a GeoTIFF map is written to a file path")
    if world_file and (fmt != "png" or not isinstance(out, str | Path)):
        raise InputError("a world file goes with a PNG map written to a file path")
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(layers, **options)
        if fmt == "tif":
            save_geotiff(composition, out)
        else:
            save_figure(composition.figure, out, fmt, composition.figure.dpi, overwrite=overwrite)
        if world_file:
            write_world_file(composition, out)
    thematic = {d.id for d in load_layers() if d.group == "thematic"}
    return RenderSummary(
        features=sum(d.total for name, d in composition.drawn.items() if name in thematic),
        labels=len(composition.labels),
        basemap=composition.basemap,
        scale_denominator=composition.scale_denominator,
        notes=tuple(composition.notes),
    )


def save_figure(
    fig: Figure, out: str | Path | IO[bytes], fmt: str, dpi: float, *, overwrite: bool = True
) -> None:
    """Write the page at its paper size (no tight cropping); atomically when ``out`` is a path."""
    metadata = {
        "png": {"Software": "geoplan"},
        "pdf": {"Creator": "geoplan", "CreationDate": None},
        "svg": {"Date": None, "Creator": "geoplan"},
    }[fmt]
    kwargs: dict[str, object] = {"format": fmt, "dpi": dpi, "metadata": metadata, "facecolor": "white"}
    if fmt == "png":
        kwargs["pil_kwargs"] = {"compress_level": 3}  # half the time of the default 6, no larger here
    try:
        if isinstance(out, str | Path):
            with atomic_path(out, overwrite=overwrite) as tmp:
                fig.savefig(tmp, **kwargs)
        else:
            buffer = io.BytesIO()
            fig.savefig(buffer, **kwargs)
            out.write(buffer.getvalue())
    except GeoplanError:
        raise
    except OSError as error:
        raise RenderError(f"cannot write the map: {error}") from None
