"""The static map's legend: every style the map drew and only those (see :func:`legend_entries`)."""

from __future__ import annotations

import geopandas as gpd
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D

from geoplan.layers import LayerDef
from geoplan.output.render.layout import Layout
from geoplan.output.render.symbols import (
    FOCUS_OUTLINE,
    Drawn,
    approximate_handle,
    legend_handle,
    water_handles,
)

#: legend rows beyond the layers' own: water (lakes, rivers, schematic rivers) and approximate locations.
FIXED_LEGEND_ROWS = 4


def legend_rows(layers: dict[str, gpd.GeoDataFrame]) -> int:
    """An upper bound of the legend's rows before drawing: one per layer and geometry family it holds
    (see :func:`legend_entries`), plus :data:`FIXED_LEGEND_ROWS`."""
    families = {"Point": "points", "MultiPoint": "points", "LineString": "lines", "MultiLineString": "lines"}
    rows = FIXED_LEGEND_ROWS
    for frame in layers.values():
        if not frame.empty:
            rows += len({families.get(kind, "polygons") for kind in frame.geom_type.dropna().unique()})
    return rows


def draw_legend(
    fig: Figure,
    layout: Layout,
    definitions: dict[str, LayerDef],
    drawn: dict[str, Drawn],
    water_parts: tuple[bool, bool, bool],
    plans: list[str],
    focus: str | None = None,
) -> tuple[Legend | None, list[str], list[tuple[str, ...]]]:
    """The legend: every style the map drew and only those (:func:`legend_entries`), the outline of the
    ``focus`` place when drawn, water, approximate locations, and, on a map of several plans, which plans.
    Returns the legend, its labels and the styles (artist gids) each entry shows."""
    handles: list = []
    labels: list[str] = []
    styles: list[tuple[str, ...]] = []
    if focus is not None:
        outline = Line2D([], [], color=FOCUS_OUTLINE[0], linewidth=FOCUS_OUTLINE[1], gid="focus-outline")
        handles.append(outline)
        labels.append(f"{focus}（外围淡化）")
        styles.append(("focus-outline",))
    for label, entry in legend_entries(definitions, drawn):
        handles.append(tuple(legend_handle(definitions[_layer_of(gid)], gid) for gid in entry))
        labels.append(label)
        styles.append(entry)
    for handle, label in water_handles(*water_parts):
        handles.append(handle)
        labels.append(label)
        styles.append(())
    approximate = [
        gid for d in drawn.values() for gid, _ in d.styles if gid.endswith("-approximate") and d.total
    ]
    if approximate:
        families = {gid.rsplit("-", 2)[1] for gid in approximate}
        handles.append(approximate_handle(points="points" in families, lines=bool(families - {"points"})))
        labels.append("位置近似（空心、浅色虚线）")
        styles.append(tuple(approximate))
    if len(plans) > 1:
        for index, plan in enumerate(plans, start=1):
            handles.append(Line2D([], [], linestyle="none"))
            labels.append(f"规划{index}：{plan}")
            styles.append(())
    if not handles:
        return None, labels, styles
    legend = fig.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=layout.legend_anchor,
        ncols=layout.legend_columns,
        fontsize=7.5,
        title="图例",
        title_fontsize=8.5,
        frameon=False,
        alignment="left",
        handlelength=2.4,
        columnspacing=1.6,
        borderaxespad=0,
        borderpad=0,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0.4)},
    )
    legend.set_gid("legend")
    return legend, labels, styles


#: kinds of line named in a legend entry before "等".
LEGEND_KINDS = 3


def legend_entries(
    definitions: dict[str, LayerDef], drawn: dict[str, Drawn]
) -> list[tuple[str, tuple[str, ...]]]:
    """(label, styles) per legend entry of the layers: one entry per layer and geometry family drawn
    (points, lines, areas), showing its exact style and its approximate one side by side when both were
    drawn.  A thematic layer's first entry carries its count; a lines entry names the kinds of line drawn
    (铁路、公路、电网 …), an areas entry says 范围."""
    entries = []
    for name, definition in definitions.items():
        layer = drawn.get(name)
        if layer is None or not layer.total:
            continue
        by_family: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for gid, kinds in layer.styles:
            family = gid.removeprefix(f"layer-{name}-").removesuffix("-approximate")
            by_family.setdefault(family, []).append((gid, kinds))
        for index, (family, styles) in enumerate(by_family.items()):
            kinds = list(dict.fromkeys(kind for _, ks in styles for kind in ks))
            if family == "lines":
                what = "、".join(kinds[:LEGEND_KINDS]) + ("等" if len(kinds) > LEGEND_KINDS else "") or "线路"
            else:  # a boundary layer's areas are its outlines: no word needed
                what = (
                    "范围"
                    if family == "polygons" and (definition.group != "base" or name == "places")
                    else ""
                )
            count = f"（{layer.total}）" if index == 0 and definition.group == "thematic" else ""
            label = definition.title + (f"：{what}" if what else "") + count
            entries.append((label, tuple(gid for gid, _ in styles)))
    return entries


def _layer_of(gid: str) -> str:
    """The layer id of a style's gid ``layer-<id>-<family>[-approximate]``."""
    return gid.removeprefix("layer-").rsplit("-approximate", 1)[0].rsplit("-", 1)[0]
