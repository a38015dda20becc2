"""Choropleths of the per-area summaries: classes (quantiles or natural breaks, mapclassify), colours and
the legend text, shared by the static maps and the web map.

The class count is always the caller's choice (no default); the legend names the field, the plans
summed, the classing, and that projects placed at an issuer's whole area count for that area only.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.colors import to_hex

from geoplan.atlas.summary import ISSUER_AREA_NOTE, field_title, scope_of, summary_fields
from geoplan.errors import InputError

#: scheme id -> (title, mapclassify class)
SCHEMES: dict[str, str] = {"quantiles": "分位数", "natural_breaks": "自然断点（Fisher-Jenks）"}
AREA_LAYERS = ("banners", "leagues")
NO_DATA_COLOR = "#e6e6e6"
NO_DATA_LABEL = "不在所汇总规划范围内"
PALETTE = "YlOrRd"
MAX_CLASSES = 9


@dataclass(frozen=True)
class Choropleth:
    """One classed field of an area layer: the class of every row (-1 = no data), colours and legend."""

    areas: str  # 'banners' | 'leagues'
    field: str
    scheme: str
    k: int
    bins: tuple[float, ...]  # upper bound of each class
    classes: tuple[int, ...]  # per row of the area frame
    colors: tuple[str, ...]  # per class
    labels: tuple[str, ...]  # per class: '3 – 7'
    title: str  # '投资（亿元）'
    plans: tuple[str, ...]
    notes: tuple[str, ...]  # legend lines under the classes

    def color_of(self, row: int) -> str:
        klass = self.classes[row]
        return NO_DATA_COLOR if klass < 0 else self.colors[klass]

    def legend_title(self) -> str:
        return f"{self.title}\n{self.notes[0]}"


def _number(value: float) -> str:
    if value == 0 or abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    digits = max(0, 2 - int(math.floor(math.log10(abs(value)))))
    return f"{value:,.{digits}f}"


def classify(
    frames: Mapping[str, gpd.GeoDataFrame], field: str, *, scheme: str, k: int | None, areas: str = "banners"
) -> Choropleth:
    """Class ``field`` of the ``areas`` layer into ``k`` classes by ``scheme``."""
    with warnings.catch_warnings():  # mapclassify notes that numba (an optional speed-up) is missing
        warnings.simplefilter("ignore", UserWarning)
        # imported here, not at the top: mapclassify loads only when a choropleth is classified
        import mapclassify

    if areas not in AREA_LAYERS:
        raise InputError(f"choropleth areas must be one of {', '.join(AREA_LAYERS)}, not {areas!r}")
    if scheme not in SCHEMES:
        raise InputError(f"unknown classification {scheme!r}; use one of {', '.join(SCHEMES)}")
    if k is None:
        raise InputError("a choropleth needs its class count: give --classes (2 to 9)")
    if not 2 <= k <= MAX_CLASSES:
        raise InputError(f"--classes must be from 2 to {MAX_CLASSES}, not {k}")
    frame = frames.get(areas)
    if frame is None:
        raise InputError(f"the atlas has no {areas} layer")
    if field not in frame.columns:
        raise InputError(f"no summary field {field!r}; choose from {', '.join(summary_fields(frame))}")
    values = pd.to_numeric(frame[field], errors="coerce").astype(float)
    known = values.notna().to_numpy()
    if not known.any():
        raise InputError(f"{field}: no area has a value")
    distinct = int(values[known].nunique())
    used_k = min(k, distinct)
    notes = []
    if used_k < k:
        notes.append(f"只有 {distinct} 个不同值，分为 {used_k} 级")
    if used_k < 2:
        bins = np.array([float(values[known].max())])
        yb = np.zeros(int(known.sum()), dtype=int)
    else:
        chooser = mapclassify.Quantiles if scheme == "quantiles" else mapclassify.FisherJenks
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            classed = chooser(values[known].to_numpy(), k=used_k)
        bins, yb = np.asarray(classed.bins, dtype=float), np.asarray(classed.yb, dtype=int)
    classes = np.full(len(frame), -1, dtype=int)
    classes[known] = yb
    palette = colormaps[PALETTE]
    colors = tuple(to_hex(palette(0.15 + 0.8 * i / max(len(bins) - 1, 1))) for i in range(len(bins)))
    low = float(values[known].min())
    labels = []
    for i, high in enumerate(bins):
        start = low if i == 0 else float(bins[i - 1])
        labels.append(
            _number(high) if start == high else f"{'' if i == 0 else '>'}{_number(start)} – {_number(high)}"
        )
    scope = scope_of(field, frames)
    plans = scope.plans if scope else ()
    summed = f"汇总：{scope.title}" if scope else f"字段：{field}"
    lines = (
        summed,
        f"分级：{SCHEMES[scheme]}，{len(bins)} 级",
        ISSUER_AREA_NOTE,
        *notes,
    )
    return Choropleth(
        areas=areas,
        field=field,
        scheme=scheme,
        k=len(bins),
        bins=tuple(float(b) for b in bins),
        classes=tuple(int(c) for c in classes),
        colors=colors,
        labels=tuple(labels),
        title=field_title(field),
        plans=plans,
        notes=lines,
    )
