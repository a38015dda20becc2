"""The interactive web map: atlas layers drawn with folium, styled by ``layers/layers.yaml``.

Every text that reaches the browser (tooltips, popups, legend, layer names) is HTML-escaped here, in
Python, so a plan containing ``<script>`` or ``<img onerror=…>`` shows as text and runs nothing.
Approximate locations (banner/league/province/schematic precision) are drawn hollow and dashed and say so.
Display geometries are simplified and rounded to keep the page small; the map loads only the vendored
Leaflet (:mod:`geoplan.output.offline`), so it renders with no internet (tiles aside).

Base maps: OpenStreetMap, Tianditu Web-Mercator ``_w`` layers (vector and imagery, with their label
overlays; key from ``$TIANDITU_KEY`` or Streamlit secrets) and none (the league and banner boundaries are
the base).  Amap is not offered: its tiles are in GCJ-02, which would need every layer shifted.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.utilities import JsCode
from jinja2 import Template

from geoplan.errors import UnsupportedFormatError
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.layers import LayerDef, load_layers
from geoplan.output.export import export_bytes
from geoplan.output.labels import basis_label, sector_label
from geoplan.output.offline import DEFAULT_ASSET_BASE, localize
from geoplan.output.render.compose import render_map
from geoplan.output.selection import (
    APPROXIMATE_PRECISIONS,
    SearchHit,
    approximate_mask,
    atlas_bounds,
    outside_key,
    split_context,
    tally,
)
from geoplan.output.webfont import MAP_FONT

#: Inner Mongolia, for an empty atlas.
DEFAULT_BOUNDS = (97.2, 37.4, 126.1, 53.4)
#: Simplification tolerance (degrees) of display geometries: boundaries vs. features.
BOUNDARY_TOLERANCE = 0.01
FEATURE_TOLERANCE = 0.0005
APPROX_TOLERANCE = 0.01
#: Decimals kept in display coordinates: features (about 10 m) vs. base layers (about 100 m, finer
#: than their simplification).
COORD_DECIMALS = 4
BOUNDARY_DECIMALS = 3
#: Base layers drawn with a tooltip and no popup (many small points).
TOOLTIP_ONLY = frozenset({"towns"})

PRECISION_LABELS = {
    "point": "精确点位",
    "extent": "范围中心（20公里内）",
    "town": "乡镇级",
    "banner": "旗县级（约略）",
    "league": "盟市级（约略）",
    "province": "省级（约略）",
    "country": "国家级（约略）",
    "schematic": "示意位置（约略）",
}
APPROX_DASH = "4 4"
#: The layer control in the legend's small type, scrolling when the map is short: at folium's 1rem it hid
#: a third of the map.
CONTROL_CSS = (
    f".leaflet-control-layers{{font:12px/1.35 {MAP_FONT};max-height:70%;overflow-y:auto}}"
    ".leaflet-control-layers-expanded{padding:4px 8px 4px 6px}"
)
#: Largest fill opacity of an exact polygon (a park, a lake, a place named as an area).
AREA_FILL_OPACITY = 0.08

_TIANDITU_URL = (
    "https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}"
    "&TILECOL={{x}}&tk={key}"
)
_TIANDITU_ATTR = '&copy; <a href="https://www.tianditu.gov.cn/">天地图</a> 审图号 GS(2024)0568号'
_OSM_ATTR = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
_KEY_PATTERN = re.compile(r"^[A-Za-z0-9]{8,64}$")


@dataclass(frozen=True)
class Basemap:
    """A base map choice: id, title, and its tile layers (base tiles first, then overlays such as labels)."""

    id: str
    title: str
    tiles: tuple[str, ...]
    attribution: str
    subdomains: str = "abc"


def tianditu_key(secrets: Mapping[str, object] | None = None) -> str | None:
    """The Tianditu key from ``$TIANDITU_KEY`` or ``secrets['TIANDITU_KEY']``; None when absent or malformed."""
    key = os.environ.get("TIANDITU_KEY") or (secrets or {}).get("TIANDITU_KEY")
    key = str(key).strip() if key else ""
    return key if _KEY_PATTERN.match(key) else None


def basemaps(tianditu: str | None = None) -> dict[str, Basemap]:
    """The base maps on offer: OSM, Tianditu vector and imagery (``_w`` Web-Mercator, with a key), none."""
    choices = {
        "osm": Basemap(
            "osm", "OpenStreetMap 街道图", ("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",), _OSM_ATTR
        )
    }
    if tianditu:
        for basemap_id, title, base, labels in (
            ("tianditu_vec", "天地图 矢量", "vec", "cva"),
            ("tianditu_img", "天地图 影像", "img", "cia"),
        ):
            tiles = tuple(_TIANDITU_URL.format(layer=name, key=tianditu) for name in (base, labels))
            choices[basemap_id] = Basemap(basemap_id, title, tiles, _TIANDITU_ATTR, "01234567")
    choices["none"] = Basemap("none", "无底图（仅边界）", (), "")
    return choices


def _esc(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _value(row: Mapping[str, object], column: str) -> str:
    value = row.get(column)
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


#: characters of a project's description a popup shows (the app's details panel shows it whole)
DESCRIPTION_CHARS = 60


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def precision_label(precision: str, own_type: str = "") -> str:
    """The precision as a user reads it; for a place whose own level it is (``own_type``: a league at league
    precision), without 约略: the league is drawn as its own boundary, exactly."""
    label = PRECISION_LABELS.get(precision, precision or "未知")
    return label.removesuffix("（约略）") if own_type and own_type == precision else label


def feature_popup(row: Mapping[str, object], definition: LayerDef) -> str:
    """Popup HTML of a thematic feature; every value escaped.

    The plan excerpt is left out (it was a third of the page): the app's details panel shows it for the
    feature picked in the table or found by search."""
    v = lambda column: _value(row, column)  # noqa: E731
    lines = [
        f"<b>{_esc(v('name'))}</b>",
        _esc(" · ".join(x for x in (definition.title, sector_label(v("sector")), v("action")) if x)),
    ]
    if v("description"):
        lines.append(f"说明：{_esc(_short(v('description'), DESCRIPTION_CHARS))}")
    plan_bits = [
        v("issuer"),
        v("period"),
        {"14th": "十四五", "15th": "十五五"}.get(v("plan_kind"), v("plan_kind")),
    ]
    lines.append(f"规划：{_esc(v('plan'))}（{_esc('，'.join(b for b in plan_bits if b))}）")
    where = [v("chapter"), v("section")]
    if v("box"):
        where.append(f"专栏{v('box')} {v('box_title')}".strip())
    if v("page") not in ("", "0"):
        where.append(f"第{v('page')}页")
    lines.append(f"出处：{_esc(' / '.join(w for w in where if w))}")
    if v("quantities_text"):
        lines.append(f"规模：{_esc(v('quantities_text'))}")
    place = "，".join(x for x in (v("locations"), v("banner"), v("league")) if x)
    if place:
        lines.append(f"地点：{_esc(place)}")
    approx = " ⚠ 位置约略" if v("precision") in APPROXIMATE_PRECISIONS or v("approximate") == "1" else ""
    lines.append(
        f"定位精度：{_esc(precision_label(v('precision')))}{approx}（{_esc(basis_label(v('geometry_basis')))}）"
    )
    lines += sources_lines(v("sources"), v("carryover") == "1")
    return "<br>".join(lines)


def sources_lines(sources: str, carried_over: bool = False) -> list[str]:
    """Popup lines of a linked project: every plan that names it, with its own name, box and page (escaped);
    nothing for a feature named by one plan."""
    try:
        parsed = json.loads(sources) if sources else []
    except json.JSONDecodeError:
        return []
    if len(parsed) < 2:
        return []
    kinds = {"14th": "十四五", "15th": "十五五"}
    lines = [f"<b>见于 {len(parsed)} 个规划</b>" + ("（跨期延续）" if carried_over else "")]
    for source in parsed:
        where = [f"专栏{source['box']}" if source.get("box") else "正文"]
        if str(source.get("page", "")) not in ("", "0"):
            where.append(f"第{source['page']}页")
        head = f"{source.get('issuer', '')} {kinds.get(source.get('plan_kind', ''), '')}".strip()
        lines.append(
            f"· {_esc(head)}（{_esc(' '.join(where))}）：{_esc(_short(str(source.get('name', '')), 40))}"
        )
    return lines


def place_popup(row: Mapping[str, object], definition: LayerDef) -> str:
    """Popup HTML of a base record (league, banner, town, place); every value escaped."""
    v = lambda column: _value(row, column)  # noqa: E731
    lines = [
        f"<b>{_esc(v('name'))}</b>",
        _esc(" · ".join(x for x in (definition.title, v("type"), v("adcode")) if x)),
    ]
    parents = "，".join(x for x in (v("banner"), v("league")) if x and x != v("name"))
    if parents:
        lines.append(f"隶属：{_esc(parents)}")
    lines.append(
        f"定位精度：{_esc(precision_label(v('precision'), v('type')))}（{_esc(v('geometry_source'))}）"
    )
    if v("plans"):
        lines.append(f"见于规划：{_esc(v('plans').replace(';', '、'))}")
    return "<br>".join(lines)


def tooltip(row: Mapping[str, object], thematic: bool) -> str:
    """Tooltip HTML: the name, plus the precision when approximate; escaped."""
    name = _esc(_value(row, "name"))
    precision = _value(row, "precision")
    if thematic and precision in APPROXIMATE_PRECISIONS:
        return f"{name}<br><i>≈ {_esc(precision_label(precision))}</i>"
    return name


def _round(geometries: gpd.GeoSeries, decimals: int) -> gpd.GeoSeries:
    rounded = shapely.transform(np.asarray(geometries.values), lambda xy: np.round(xy, decimals))
    return gpd.GeoSeries(rounded, index=geometries.index, crs=geometries.crs)


_DISPLAY_CACHE: OrderedDict[tuple[str, float | None, bytes], gpd.GeoDataFrame] = OrderedDict()
#: The GeoJSON each displayed layer is embedded as, under the same keys (folium reads it, never changes it).
_COLLECTION_CACHE: OrderedDict[tuple[str, float | None, bytes], dict[str, object]] = OrderedDict()
_DISPLAY_CACHE_SIZE = 64
_DISPLAY_LOCK = threading.Lock()  # sessions draw maps in threads of their own


def _digest(frame: gpd.GeoDataFrame) -> bytes:
    """A content hash of a frame (attributes and geometry), for the display cache."""
    digest = hashlib.blake2b(digest_size=16)
    attributes = frame.drop(columns=frame.geometry.name).astype(str)
    digest.update(",".join(attributes.columns).encode())
    digest.update(pd.util.hash_pandas_object(attributes, index=False).to_numpy().tobytes())
    digest.update(b"".join(shapely.to_wkb(np.asarray(frame.geometry.values))))
    return digest.digest()


def display_frame(layer_id: str, frame: gpd.GeoDataFrame, tolerance: float | None = None) -> gpd.GeoDataFrame:
    """What the browser gets for one layer: simplified, rounded geometry plus ``_tip``, ``_popup``, ``_approx``.

    Approximate features (whose shape is the area of a banner or league) are simplified coarsely
    (:data:`APPROX_TOLERANCE`); towns get a tooltip only (their popup would say no more).  Results are
    cached by content, so redrawing an unchanged layer (a rerun of the app) costs only the hash.
    """
    return _displayed(layer_id, frame, tolerance)[1].copy()


def _displayed(
    layer_id: str, frame: gpd.GeoDataFrame, tolerance: float | None = None
) -> tuple[tuple[str, float | None, bytes], gpd.GeoDataFrame]:
    """(the cache key, the cached display frame itself: not to be changed) of :func:`display_frame`."""
    key = (layer_id, tolerance, _digest(frame))
    with _DISPLAY_LOCK:
        shown = _DISPLAY_CACHE.get(key)
        if shown is not None:
            _DISPLAY_CACHE.move_to_end(key)
            return key, shown
    shown = _display_frame(layer_id, frame, tolerance)
    with _DISPLAY_LOCK:
        _DISPLAY_CACHE[key] = shown
        while len(_DISPLAY_CACHE) > _DISPLAY_CACHE_SIZE:
            _DISPLAY_CACHE.popitem(last=False)
    return key, shown


def _collection(key: tuple, frame: gpd.GeoDataFrame) -> dict[str, object]:
    """:func:`_feature_collection` of a display frame, once per :func:`_displayed` key."""
    with _DISPLAY_LOCK:
        collection = _COLLECTION_CACHE.get(key)
        if collection is not None:
            _COLLECTION_CACHE.move_to_end(key)
            return collection
    collection = _feature_collection(frame)
    with _DISPLAY_LOCK:
        _COLLECTION_CACHE[key] = collection
        while len(_COLLECTION_CACHE) > _DISPLAY_CACHE_SIZE:
            _COLLECTION_CACHE.popitem(last=False)
    return collection


def _display_frame(layer_id: str, frame: gpd.GeoDataFrame, tolerance: float | None) -> gpd.GeoDataFrame:
    definition = next(d for d in load_layers() if d.id == layer_id)
    thematic = definition.group == "thematic"
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    approx = approximate_mask(frame).to_numpy() if thematic else np.zeros(len(frame), dtype=bool)
    if tolerance is None:
        tolerance = FEATURE_TOLERANCE if thematic else BOUNDARY_TOLERANCE
    geometry = frame.geometry
    if tolerance:
        tolerances = np.where(approx, max(tolerance, APPROX_TOLERANCE), tolerance)
        geometry = gpd.GeoSeries(
            shapely.simplify(np.asarray(geometry.values), tolerances, preserve_topology=True),
            index=frame.index,
            crs=frame.crs,
        )
    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    popup = feature_popup if thematic else place_popup
    out = gpd.GeoDataFrame(
        {
            "_tip": [tooltip(r, thematic) for r in records],
            "_popup": ["" if layer_id in TOOLTIP_ONLY else popup(r, definition) for r in records],
            "_approx": approx,
            "_precision": [_value(r, "precision") for r in records],
            "_name": [_value(r, "name") for r in records],
        },
        geometry=_round(geometry, COORD_DECIMALS if thematic else BOUNDARY_DECIMALS).values,
        crs=frame.crs,
    ).reset_index(drop=True)
    return _group_shared_areas(out)[["_tip", "_popup", "_approx", "geometry"]]


def _group_shared_areas(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One shape per approximate area: features placed on the same banner/league area become one shape
    whose tooltip counts them and whose popup lists them all (instead of N copies of the polygon)."""
    approx = frame[frame["_approx"]]
    if approx.empty:
        return frame
    keys = shapely.to_wkb(np.asarray(approx.geometry.values))
    groups: dict[bytes, list[int]] = {}
    for index, key in zip(approx.index, keys, strict=True):
        groups.setdefault(key, []).append(index)
    rows = []
    for indices in groups.values():
        if len(indices) == 1:
            continue
        members = frame.loc[indices]
        names = "、".join(_esc(_short(n, 24)) for n in members["_name"].head(4))
        more = f" 等{len(indices)}项" if len(indices) > 4 else ""
        precision = _esc(precision_label(members["_precision"].iloc[0]))
        rows.append(
            {
                "_tip": f"{len(indices)} 项，位置约略（{precision}）<br>{names}{more}",
                "_popup": (
                    f'<div style="max-height:320px;overflow:auto"><i>{len(indices)} 项位于同一约略范围'
                    f"（{precision}）</i><hr>" + "<hr>".join(members["_popup"]) + "</div>"
                ),
                "_approx": True,
                "_precision": members["_precision"].iloc[0],
                "_name": "",
                "geometry": members.geometry.iloc[0],
            }
        )
    grouped = {i for indices in groups.values() if len(indices) > 1 for i in indices}
    if not rows:
        return frame
    merged = pd.concat(
        [frame.drop(index=list(grouped)), gpd.GeoDataFrame(rows, crs=frame.crs)], ignore_index=True
    )
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=frame.crs)


def _style(definition: LayerDef, approximate: bool) -> dict[str, object]:
    style = definition.style
    result: dict[str, object] = {
        "color": style.color,
        "weight": style.weight,
        "fillColor": style.fill,
        "fillOpacity": style.fill_opacity,
        "opacity": 0.9,
        "radius": style.radius,
    }
    if style.dash:
        result["dashArray"] = style.dash
    if approximate:  # hollow and dashed: visibly not a true position
        result.update(
            dashArray=APPROX_DASH,
            fillOpacity=0.04,
            weight=max(1.5, style.weight * 0.8),
            radius=style.radius * 1.6,
        )
    return result


def _geojson(frame: gpd.GeoDataFrame, definition: LayerDef, key: tuple | None = None) -> folium.GeoJson:
    """The layer ``frame`` (a display frame) as folium GeoJSON; with ``key`` (its :func:`_displayed` key)
    its GeoJSON is made once and shared by every map drawing it."""
    exact, approximate = _style(definition, False), _style(definition, True)
    area = {**exact, "fillOpacity": min(float(definition.style.fill_opacity), AREA_FILL_OPACITY)}
    with_popup = bool(frame["_popup"].astype(bool).any())
    frame = frame.assign(_approx=frame["_approx"].astype(int))
    columns = ["_tip", "_popup", "_approx", "geometry"] if with_popup else ["_tip", "_approx", "geometry"]
    shape = _GeoJson(
        _collection((*key, "popup" if with_popup else ""), frame[columns])
        if key is not None
        else _feature_collection(frame[columns]),
        name=definition.id,
        style_function=lambda feature: _pick_style(feature, exact, approximate, area),
        highlight_function=lambda _feature: {"weight": 4, "color": "#ffeb3b"},
        marker=folium.CircleMarker(radius=definition.style.radius),
        on_each_feature=_BIND_DETAILS,
        zoom_on_click=False,
    )
    shape.bounds = [
        [float(b) for b in frame.total_bounds[[1, 0]]],
        [float(b) for b in frame.total_bounds[[3, 2]]],
    ]
    return shape


def _pick_style(feature: dict, exact: dict, approximate: dict, area: dict) -> dict:
    """Approximate features hollow and dashed; exact areas lightly filled so they never hide the map."""
    if feature["properties"]["_approx"]:
        return approximate
    return area if feature["geometry"]["type"] in {"Polygon", "MultiPolygon"} else exact


#: Tooltip and popup of each feature from its pre-escaped ``_tip``/``_popup`` (cheaper than folium's
#: GeoJsonTooltip/GeoJsonPopup, which add one compiled template per layer and per render).
_BIND_DETAILS = JsCode(
    """function(feature, layer) {
        const p = feature.properties;
        if (p._tip) { layer.bindTooltip(p._tip, {sticky: true}); }
        if (p._popup) { layer.bindPopup(p._popup, {maxWidth: 360}); }
    }"""
)


class _GeoJson(folium.GeoJson):
    """folium's GeoJson with its bounds given (folium would walk every coordinate on each render)."""

    bounds: list[list[float]] | None = None

    def _get_self_bounds(self) -> list[list[float | None]]:
        return self.bounds if self.bounds is not None else super()._get_self_bounds()


def _feature_collection(frame: gpd.GeoDataFrame) -> dict[str, object]:
    """A GeoJSON FeatureCollection of ``frame`` (ids are row numbers), built in bulk with shapely."""
    geometries = json.loads("[" + ",".join(shapely.to_geojson(np.asarray(frame.geometry.values))) + "]")
    attributes = frame.drop(columns=frame.geometry.name)
    records = [
        {column: (value.item() if isinstance(value, np.generic) else value) for column, value in row.items()}
        for row in attributes.to_dict("records")
    ]
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": str(i), "properties": props, "geometry": geometry}
            for i, (props, geometry) in enumerate(zip(records, geometries, strict=True))
        ],
    }


class Legend(MacroElement):
    """A fixed legend box (top left, beside the zoom buttons) built from escaped HTML."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="geoplan-legend" style="position:absolute;top:10px;left:54px;z-index:1000;
             background:rgba(255,255,255,.92);padding:6px 9px;border-radius:4px;font:12px {{ this.font }};
             box-shadow:0 1px 4px rgba(0,0,0,.3);max-height:45%;overflow:auto">{{ this.body }}</div>
        {% endmacro %}
        """
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.body = body
        self.font = MAP_FONT


def legend_html(definitions: Sequence[LayerDef], left_out: Sequence[LayerDef] = ()) -> str:
    """Legend rows: one swatch per drawn layer, then the approximate-location symbol, then the layers
    ``left_out`` of the map (switched on in the sidebar)."""
    rows = ["<b>图例</b>"]
    for d in definitions:
        s = d.style
        dash = f"stroke-dasharray:{_esc(s.dash)};" if s.dash else ""
        shape = (
            f'<circle cx="8" cy="7" r="5" style="fill:{_esc(s.fill)};fill-opacity:{max(s.fill_opacity, 0.3)};'
            f'stroke:{_esc(s.color)};stroke-width:1.5;{dash}"/>'
            if d.geometry in {"point", "mixed"}
            else f'<rect x="1" y="2" width="14" height="10" style="fill:none;stroke:{_esc(s.color)};'
            f'stroke-width:1.5;{dash}"/>'
        )
        rows.append(f'<svg width="16" height="14">{shape}</svg> {_esc(d.title)}')
    rows.append(
        '<svg width="16" height="14"><circle cx="8" cy="7" r="5" style="fill:none;stroke:#333;'
        'stroke-width:1.5;stroke-dasharray:2 2"/></svg> 虚线空心＝位置约略（旗县/盟市/示意）'
    )
    if left_out:
        titles = "、".join(_esc(d.title) for d in left_out)
        rows.append(f'<span style="color:#777">未显示：{titles}（侧栏开启）</span>')
    return "<br>".join(rows)


def _fit(fmap: folium.Map, bounds: tuple[float, float, float, float], max_zoom: int = 10) -> None:
    minx, miny, maxx, maxy = bounds
    pad = 0.02 if (maxx - minx) < 0.05 and (maxy - miny) < 0.05 else 0.0
    fmap.fit_bounds([[miny - pad, minx - pad], [maxy + pad, maxx + pad]], max_zoom=max_zoom)


def _highlight(fmap: folium.Map, hit: SearchHit, atlas: Mapping[str, gpd.GeoDataFrame]) -> None:
    group = folium.FeatureGroup(name=f"搜索：{_esc(hit.label)}", show=True)
    minx, miny, maxx, maxy = hit.bounds
    shape = None
    frame = atlas.get(hit.layer)
    if frame is not None and not frame.empty:
        column = "feature_id" if "feature_id" in frame.columns else "place_id"
        rows = frame[frame[column].astype(str) == hit.key]
        if not rows.empty:
            shape = rows.iloc[[0]][["geometry"]]
    if shape is not None and not shape.geom_type.isin(["Point", "MultiPoint"]).all():
        folium.GeoJson(
            shape, style_function=lambda _f: {"color": "#ff1744", "weight": 5, "fillOpacity": 0.1}
        ).add_to(group)
    folium.CircleMarker(
        location=[(miny + maxy) / 2, (minx + maxx) / 2],
        radius=14,
        color="#ff1744",
        weight=4,
        fill=False,
        tooltip=folium.Tooltip(_esc(hit.label)),
        class_name="geoplan-highlight",
    ).add_to(group)
    group.add_to(fmap)


def mark_loaded(
    fmap: folium.Map,
    layers: Mapping[str, gpd.GeoDataFrame],
    label: str,
    bounds: tuple[float, float, float, float] | None,
) -> None:
    """Outline what was just loaded (an opened GeoPackage, an uploaded plan or file) in its own overlay
    (``新加入：label``) and zoom to ``bounds`` (the region's view for a whole atlas, the loaded features'
    extent for new data)."""
    frames = [frame[["geometry"]] for frame in layers.values() if not frame.empty and "geometry" in frame]
    count = sum(len(frame) for frame in frames)
    group = folium.FeatureGroup(name=f"新加入：{_esc(label)}（{count}）", show=True)
    style = {"color": "#ff6d00", "weight": 3, "fillOpacity": 0.05, "dashArray": "6 4"}
    for frame in frames:
        frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
        if frame.empty:
            continue
        folium.GeoJson(
            _feature_collection(frame.assign(geometry=_round(frame.geometry, 5))),
            style_function=lambda _f: style,
            marker=folium.CircleMarker(radius=7),
        ).add_to(group)
    group.add_to(fmap)
    if bounds is not None:
        _fit(fmap, bounds, max_zoom=12)


def add_user_layers(fmap: folium.Map, layers: Mapping[str, gpd.GeoDataFrame]) -> None:
    """A user's plain GIS layers (not geoplan layers), each its own overlay with the name as tooltip."""
    for name, frame in layers.items():
        group = folium.FeatureGroup(name=f"用户图层：{_esc(name)}（{len(frame)}）", show=True)
        columns = [c for c in frame.columns if c != frame.geometry.name]
        label = next(
            (c for c in columns if c.lower() in ("name", "名称", "mc")), columns[0] if columns else None
        )
        shape = frame[["geometry"]].assign(
            _tip=frame[label].astype(str).map(_esc) if label else "", geometry=_round(frame.geometry, 5)
        )
        folium.GeoJson(
            _feature_collection(shape),
            style_function=lambda _f: {"color": "#6a1b9a", "weight": 2, "fillOpacity": 0.15},
            marker=folium.CircleMarker(radius=6),
            tooltip=folium.GeoJsonTooltip(fields=["_tip"], labels=False) if label else None,
        ).add_to(group)
        group.add_to(fmap)


OFFLINE_NOTICE = "底图瓦片不可用，显示边界底图"


class MetricScale(MacroElement):
    """A scale bar in kilometres only (Leaflet's default, folium's ``control_scale``, adds miles)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({metric: true, imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class OfflineBase(MacroElement):
    """When a base tile fails to load (no network), show the drawn base (banner names, water) and say so."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this._parent.get_name() }}, shown = false;
          function off() {
            if (shown) return; shown = true;
            map.getContainer().classList.add('geoplan-notiles');
            var note = L.DomUtil.create('div', 'geoplan-offline-notice', map.getContainer());
            note.textContent = {{ this.notice|tojson }};
            note.style.cssText = 'position:absolute;bottom:40px;left:10px;z-index:1000;background:#fff8e1;' +
              'border:1px solid #f9a825;padding:3px 8px;border-radius:3px;font:12px ' + {{ this.font|tojson }};
          }
          function watch(layer) { if (layer instanceof L.TileLayer) layer.on('tileerror', off); }
          map.eachLayer(watch);
          map.on('layeradd', function (e) { watch(e.layer); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, notice: str = OFFLINE_NOTICE) -> None:
        super().__init__()
        self._name = "OfflineBase"
        self.notice = notice
        self.font = MAP_FONT


OFFLINE_CSS = (
    ".geoplan-base-label{display:none;background:none;border:none;box-shadow:none;color:#455a64;"
    f"font:11px {MAP_FONT};text-shadow:0 0 2px #fff}}.geoplan-notiles .geoplan-base-label{{display:block}}"
    ".geoplan-notiles{background:#f3f1ea}"
)


BASE_LABEL_CLASS = "geoplan-base-label"
#: A banner label: the marker's icon holds the feature's (pre-escaped) name.
_BASE_LABEL = JsCode(
    """function(feature, layer) {
        layer.setIcon(L.divIcon({html: feature.properties._label, className: "geoplan-base-label",
                                 iconSize: [60, 14]}));
    }"""
)


def add_offline_base(
    fmap: folium.Map, banners: gpd.GeoDataFrame | None, water: gpd.GeoDataFrame | None
) -> None:
    """A base that reads as a map without tiles: water with sourced geometry (rivers, lakes) and banner
    names, shown once a tile fails (:class:`OfflineBase` adds the notice)."""
    if water is not None and not water.empty:
        water = water[~water.geometry.geom_type.isin(["Point", "MultiPoint"])]
        if not water.empty:
            group = folium.FeatureGroup(name=f"水系（地名库，{len(water)}）", show=True)
            shape = water[["geometry"]].assign(
                _tip=water["name"].astype(str).map(_esc), geometry=_round(water.geometry, 4)
            )
            folium.GeoJson(
                _feature_collection(shape),
                style_function=lambda _f: {
                    "color": "#4f8fc0",
                    "weight": 1.5,
                    "fillColor": "#a9cce3",
                    "fillOpacity": 0.6,
                },
                tooltip=folium.GeoJsonTooltip(fields=["_tip"], labels=False),
            ).add_to(group)
            group.add_to(fmap)
    if banners is not None and not banners.empty:
        group = folium.FeatureGroup(name="旗县名称", show=True, control=False)
        points = gpd.GeoDataFrame(
            {"_label": banners["name"].astype(str).map(_esc).to_numpy()},
            geometry=_round(banners.geometry.representative_point(), 4).values,
            crs=banners.crs,
        )
        # One layer of labels (each marker's icon written from its feature), not a folium Marker per
        # banner: a hundred markers took a quarter of a second on every render of the map.
        folium.GeoJson(
            _feature_collection(points),
            marker=folium.Marker(icon=folium.DivIcon(class_name=BASE_LABEL_CLASS, icon_size=(60, 14))),
            on_each_feature=_BASE_LABEL,
        ).add_to(group)
        group.add_to(fmap)
    fmap.get_root().header.add_child(
        folium.Element(f"<style>{OFFLINE_CSS}</style>"), name="geoplan_offline_css"
    )
    OfflineBase().add_to(fmap)


def mark_area(fmap: folium.Map, geometry, label: str) -> None:
    """Draw the area a coarse hit is known to (its banner or league) and zoom to it."""
    group = folium.FeatureGroup(name=_esc(label), show=True)
    shape = gpd.GeoDataFrame(geometry=[geometry], crs="EPSG:4326")
    folium.GeoJson(
        _feature_collection(shape.assign(geometry=_round(shape.geometry, 4))),
        style_function=lambda _f: {"color": "#d50000", "weight": 3, "fillOpacity": 0.04, "dashArray": "8 4"},
    ).add_to(group)
    group.add_to(fmap)
    _fit(fmap, tuple(float(v) for v in geometry.bounds), max_zoom=10)


def _compact_json() -> None:
    """Let folium's templates write non-ASCII text as UTF-8 instead of \\uXXXX escapes (half the bytes for
    Chinese) and without blanks after separators.  Jinja's ``tojson`` stays HTML-safe: it still escapes ``< > & '`` inside ``<script>``."""
    environment = folium.GeoJson._template.environment
    environment.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "ensure_ascii": False,
        "separators": (",", ":"),
    }


# folium's templates share one Jinja environment: set its JSON policy once, when this module is imported,
# rather than on every map (every map geoplan draws wants it; folium's own defaults are only bigger).
_compact_json()


def _layer_group(
    definition: LayerDef, frame: gpd.GeoDataFrame, title: str, count: int, *, show: bool
) -> folium.FeatureGroup:
    """One layer's features as a layer-control entry titled ``title`` and its ``count`` (from
    :func:`~geoplan.output.selection.tally`, the count the app's sidebar shows too)."""
    group = folium.FeatureGroup(name=f"{_esc(title)} ({count})", show=show)
    if not frame.empty:
        key, shown = _displayed(definition.id, frame)
        _geojson(shown, definition, key).add_to(group)
    return group


def build_map(
    atlas: Mapping[str, gpd.GeoDataFrame],
    *,
    basemap: str = "osm",
    tianditu: str | None = None,
    highlight: SearchHit | None = None,
    focus: tuple[float, float, float, float] | None = None,
    asset_base: str = DEFAULT_ASSET_BASE,
    hidden: tuple[str, ...] = ("towns",),
    draw: bool = False,
) -> folium.Map:
    """A folium map of ``atlas`` (already filtered) with base maps, layer control and legend.

    ``highlight`` marks a search hit and zooms to it; otherwise ``focus`` (bounds) or the atlas extent is
    shown.  Layers in ``hidden`` are not sent at all (the app offers them as a sidebar switch): a hidden
    overlay would still cost the browser its bytes and one Leaflet object per feature.  The legend lists
    them as switched off.  ``draw`` adds a polygon tool (Leaflet.draw), for outlining a park or reserve.
    """
    choices = basemaps(tianditu)
    if basemap not in choices:
        basemap = "osm"
    fmap = folium.Map(location=[43.5, 113.0], zoom_start=5, tiles=None)
    MetricScale().add_to(fmap)
    for choice in choices.values():
        shown = choice.id == basemap
        if not choice.tiles:
            folium.FeatureGroup(name=choice.title, overlay=False, show=shown).add_to(fmap)
            continue
        for index, url in enumerate(choice.tiles):  # the base tiles, then overlays such as labels
            folium.TileLayer(
                url,
                name=f"{choice.title} 注记" if index else choice.title,
                attr=choice.attribution,
                subdomains=choice.subdomains,
                overlay=bool(index),
                show=shown,
                max_zoom=18,
            ).add_to(fmap)
    drawn: list[LayerDef] = []
    left_out: list[LayerDef] = []
    inside, outside = split_context(atlas)
    counted = tally(inside, outside)
    for definition in sorted(load_layers(), key=lambda d: d.style.z):
        frame = inside.get(definition.id)
        if frame is None:
            continue
        if definition.id in hidden:
            left_out.append(definition)
            continue
        drawn.append(definition)
        _layer_group(definition, frame, definition.title, counted[definition.id], show=True).add_to(fmap)
        if definition.id in outside:
            # context beyond the region (a macro-region's hull, a neighbouring city): one click away
            title = f"{definition.title}（区外）"
            count = counted[outside_key(definition.id)]
            _layer_group(definition, outside[definition.id], title, count, show=False).add_to(fmap)
    if highlight is not None:
        _highlight(fmap, highlight, atlas)
        _fit(fmap, highlight.bounds)
    else:
        _fit(fmap, focus or atlas_bounds(atlas) or DEFAULT_BOUNDS)
    # Inner Mongolia runs from south-west to north-east: the empty corners (north-west, south-east) take
    # the legend (top left, beside the zoom buttons) and the layer control (bottom right).
    folium.LayerControl(collapsed=False, position="bottomright").add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(f"<style>{CONTROL_CSS}</style>"), name="geoplan_css")
    Legend(legend_html(drawn, left_out)).add_to(fmap)
    if draw:
        # imported here, not at the top: folium's plugins load only when drawing is on
        from folium.plugins import Draw

        Draw(
            draw_options={
                k: k == "polygon"
                for k in ("polyline", "rectangle", "circle", "marker", "circlemarker", "polygon")
            },
            edit_options={"edit": False, "remove": False},
            position="topleft",
        ).add_to(fmap)
    return localize(fmap, asset_base)


#: Downloads of the current selection: format -> (label, file suffix, MIME type).
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "geojson": ("GeoJSON 文件", "geojson", "application/geo+json"),
    "shp": ("Shapefile 压缩包", "zip", "application/zip"),
    "gpkg": ("GeoPackage 文件", "gpkg", "application/geopackage+sqlite3"),
    "csv": ("CSV 表格", "csv", "text/csv"),
    "png": ("PNG 地图", "png", "image/png"),
    "pdf": ("PDF 地图", "pdf", "application/pdf"),
}
MAP_FORMATS = ("png", "pdf")


def download(
    layers: Mapping[str, gpd.GeoDataFrame],
    fmt: str,
    bbox: tuple[float, float, float, float] | None = None,
    title: str = "geoplan",
    gazetteer: Gazetteer | None = None,
) -> tuple[bytes, str, str]:
    """``(data, file name, MIME type)`` of the selection: GIS formats via :func:`export_bytes`, PNG/PDF maps of
    ``bbox`` via :func:`render_map` (with ``gazetteer``'s lakes and rivers when given)."""
    if fmt not in DOWNLOADS:
        raise UnsupportedFormatError(f"unknown download format {fmt!r}; known: {', '.join(DOWNLOADS)}")
    _label, suffix, mime = DOWNLOADS[fmt]
    if fmt not in MAP_FORMATS:
        return export_bytes(dict(layers), fmt)
    buffer = io.BytesIO()
    render_map(dict(layers), buffer, fmt=fmt, bbox=bbox, title=title, gazetteer=gazetteer)
    return buffer.getvalue(), f"geoplan-map.{suffix}", mime


class _Capture:
    """streamlit-folium's component function, wrapped: called in a thread that is capturing (see
    :func:`st_folium_args`), it records its arguments there instead of sending them; anywhere else it
    sends them.  The module attribute is never swapped back and forth, so a session showing a map while
    another session builds one reaches the real component (a swapped-in recorder once took the other
    session's map, or failed it with "'function' object has no attribute 'name'")."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.local = threading.local()

    def __call__(self, **kwargs: object) -> object:
        sink = getattr(self.local, "sink", None)
        if sink is None:
            return self.real(**kwargs)  # type: ignore[operator]
        sink.update(kwargs)
        return None


_INSTALL_LOCK = threading.Lock()


def _component() -> _Capture:
    """streamlit-folium's component function, wrapped in a :class:`_Capture` (installed once)."""
    # imported here, not at the top: streamlit-folium needs a running Streamlit app
    import streamlit_folium

    with _INSTALL_LOCK:
        current = streamlit_folium._component_func
        if not isinstance(current, _Capture):
            current = streamlit_folium._component_func = _Capture(current)
    return current


def st_folium_args(fmap: folium.Map, **options: object) -> dict[str, object]:
    """The arguments ``streamlit_folium.st_folium(fmap, **options)`` would send to its browser component.

    st_folium renders the whole map on every script run (about a second for the full atlas); an app can
    keep these arguments (plain strings and lists) in its cache and replay them with
    :func:`show_st_folium`, so an unchanged map costs nothing to send again.  The map is rendered by
    st_folium itself, with only its final component call intercepted, in this thread alone.
    """
    import streamlit_folium  # here, not at the top: streamlit-folium needs a running Streamlit app

    capture = _component()
    captured: dict[str, object] = {}
    capture.local.sink = captured
    try:
        streamlit_folium.st_folium(fmap, **options)
    finally:
        capture.local.sink = None
    captured.pop("on_change", None)
    return captured


def show_st_folium(args: Mapping[str, object]) -> object:
    """Send arguments from :func:`st_folium_args` to streamlit-folium's component (what st_folium does last)."""
    # imported here, not at the top: the web map is drawn without Streamlit too (exports, the CLI)
    from streamlit import runtime

    component = _component().real
    if runtime.exists():  # imported before the server ran (a warm-up): Streamlit registered it nowhere
        registry = runtime.get_instance().component_registry
        if registry.get_component(component.name) is None:  # type: ignore[attr-defined]
            registry.register_component(component)  # type: ignore[arg-type]
    return component(**args, on_change=None)  # type: ignore[operator]


def view_bounds(value: object) -> tuple[float, float, float, float] | None:
    """``(minx, miny, maxx, maxy)`` of the map view st_folium reported (its ``bounds``); None if it has not."""
    bounds = value.get("bounds") if isinstance(value, Mapping) else None
    try:
        south_west, north_east = bounds["_southWest"], bounds["_northEast"]
        box = tuple(
            float(v) for v in (south_west["lng"], south_west["lat"], north_east["lng"], north_east["lat"])
        )
    except (KeyError, TypeError, ValueError):
        return None
    return box if box[0] < box[2] and box[1] < box[3] else None  # type: ignore[return-value]


def clicked_point(value: object) -> tuple[float, float] | None:
    """``(lon, lat)`` of the last click on the map st_folium reported (its ``last_clicked``); None if none."""
    clicked = value.get("last_clicked") if isinstance(value, Mapping) else None
    try:
        return float(clicked["lng"]), float(clicked["lat"])
    except (KeyError, TypeError, ValueError):
        return None


def drawn_polygon(value: object):
    """The polygon last drawn on the map (st_folium's ``last_active_drawing``), as shapely; None if none."""
    # imported here, not at the top: shapely loads only when a geometry is built
    from shapely.geometry import shape

    drawing = value.get("last_active_drawing") if isinstance(value, Mapping) else None
    try:
        geometry = shape(drawing["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return geometry if geometry.geom_type == "Polygon" and geometry.is_valid else None


def map_html(fmap: folium.Map) -> str:
    """The map as one standalone HTML page (its payload; assets are referenced, not inlined)."""
    return fmap.get_root().render()


def payload_size(fmap: folium.Map) -> int:
    """Bytes of the map's HTML/JS payload (UTF-8)."""
    return len(map_html(fmap).encode("utf-8"))


def geojson_properties(fmap: folium.Map) -> list[dict[str, object]]:
    """Every feature property dict embedded in the map (for checks and tests)."""
    properties = []
    for element in _walk(fmap):
        if isinstance(element, folium.GeoJson):
            data = element.data if isinstance(element.data, dict) else json.loads(element.data)
            properties.extend(f.get("properties", {}) for f in data.get("features", []))
    return properties


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


__all__ = [
    "DOWNLOADS",
    "Basemap",
    "download",
    "build_map",
    "basemaps",
    "display_frame",
    "feature_popup",
    "geojson_properties",
    "legend_html",
    "map_html",
    "payload_size",
    "place_popup",
    "show_st_folium",
    "st_folium_args",
    "precision_label",
    "tianditu_key",
    "tooltip",
]
