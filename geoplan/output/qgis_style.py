"""QGIS styles (QML and SLD) for the ``layer_styles`` table of exported GeoPackages.

The styles come from the same layer definitions as the app's symbology (``layers/layers.yaml`` via
:mod:`geoplan.layers`): stroke colour and width, dash pattern, fill colour and opacity, marker shape
and radius.  Sizes are in pixels, as in the app.  A layer holding one kind of geometry gets a single
symbol; a layer mixing points, lines and polygons gets one rule per kind, filtered on the geometry
type, so that every QGIS sub-layer of a mixed GeoPackage table draws with the right symbol.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

import geopandas as gpd
import pandas as pd

from geoplan.layers import LayerDef, LayerStyle

#: Geometry kinds in drawing order (polygons below lines below points).
KINDS: tuple[str, ...] = ("polygon", "line", "point")
_KIND_OF_TYPE = {
    "Point": "point",
    "MultiPoint": "point",
    "LineString": "line",
    "MultiLineString": "line",
    "LinearRing": "line",
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
}
_QGIS_SYMBOL_TYPE = {"point": "marker", "line": "line", "polygon": "fill"}
_QGIS_GEOMETRY_TYPE = {"point": "Point", "line": "Line", "polygon": "Polygon"}
_LAYER_GEOMETRY_TYPE = {"point": "0", "line": "1", "polygon": "2"}
_SLD_DIMENSION = {"point": "0", "line": "1", "polygon": "2"}
_QGIS_VERSION = "3.28.0-Firenze"
_SLD_NS = {
    "": "http://www.opengis.net/sld",
    "ogc": "http://www.opengis.net/ogc",
    "se": "http://www.opengis.net/se",
    "xlink": "http://www.w3.org/1999/xlink",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}

#: Columns of the standard QGIS ``layer_styles`` table, in QGIS's order (``id`` is the FID).
LAYER_STYLES_COLUMNS: tuple[str, ...] = (
    "f_table_catalog",
    "f_table_schema",
    "f_table_name",
    "f_geometry_column",
    "styleName",
    "styleQML",
    "styleSLD",
    "useAsDefault",
    "description",
    "owner",
    "ui",
    "update_time",
)


def geometry_kinds(frame: gpd.GeoDataFrame, declared: str = "mixed") -> tuple[str, ...]:
    """The geometry kinds ('polygon', 'line', 'point') present in ``frame``, in drawing order.

    An empty frame falls back to the layer's declared geometry ('mixed' gives all three kinds).
    """
    present = {_KIND_OF_TYPE[t] for t in frame.geom_type.dropna().unique() if t in _KIND_OF_TYPE}
    if not present:
        present = set(KINDS) if declared not in KINDS else {declared}
    return tuple(kind for kind in KINDS if kind in present)


def rgba(color: str, opacity: float = 1.0) -> tuple[int, int, int, int]:
    """``#rgb``/``#rrggbb`` plus an opacity in 0..1 as an (r, g, b, a) tuple of 0..255 integers."""
    digits = color.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return red, green, blue, round(max(0.0, min(1.0, opacity)) * 255)


def dash_pattern(dash: str | None) -> list[float]:
    """An SVG dash array ('4 3' or '4,3') as numbers; [] for a solid line."""
    if not dash:
        return []
    return [float(part) for part in dash.replace(",", " ").split()]


# --------------------------------------------------------------------------- QML


def _qgis_color(color: str, opacity: float = 1.0) -> str:
    return ",".join(str(part) for part in rgba(color, opacity))


def _number(value: float) -> str:
    return f"{value:g}"


def _symbol_layer(parent: ET.Element, class_name: str, props: Mapping[str, str]) -> None:
    """A QGIS symbol layer with its properties as both ``Option`` (QGIS >= 3.26) and ``prop`` (older)."""
    node = ET.SubElement(parent, "layer", {"class": class_name, "enabled": "1", "locked": "0", "pass": "0"})
    options = ET.SubElement(node, "Option", {"type": "Map"})
    for key, value in props.items():
        ET.SubElement(options, "Option", {"name": key, "type": "QString", "value": value})
    for key, value in props.items():
        ET.SubElement(node, "prop", {"k": key, "v": value})


def _line_props(style: LayerStyle) -> dict[str, str]:
    dashes = dash_pattern(style.dash)
    return {
        "line_color": _qgis_color(style.color),
        "line_width": _number(style.weight),
        "line_width_unit": "Pixel",
        "line_style": "solid",
        "capstyle": "round",
        "joinstyle": "round",
        "use_custom_dash": "1" if dashes else "0",
        "customdash": ";".join(_number(d) for d in dashes) or "5;2",
        "customdash_unit": "Pixel",
        "offset": "0",
    }


def _qml_symbol(parent: ET.Element, name: str, kind: str, style: LayerStyle) -> None:
    symbol = ET.SubElement(
        parent,
        "symbol",
        {
            "type": _QGIS_SYMBOL_TYPE[kind],
            "name": name,
            "alpha": "1",
            "clip_to_extent": "1",
            "force_rhr": "0",
        },
    )
    if kind == "point":
        _symbol_layer(
            symbol,
            "SimpleMarker",
            {
                "name": style.marker,
                "color": _qgis_color(style.fill, style.fill_opacity),
                "outline_color": _qgis_color(style.color),
                "outline_style": "solid",
                "outline_width": _number(style.weight),
                "outline_width_unit": "Pixel",
                "size": _number(2 * style.radius),
                "size_unit": "Pixel",
                "scale_method": "diameter",
                "angle": "0",
                "joinstyle": "bevel",
            },
        )
    elif kind == "line":
        _symbol_layer(symbol, "SimpleLine", _line_props(style))
    else:  # polygon: a fill without outline, then the (possibly dashed) outline as a simple line
        _symbol_layer(
            symbol,
            "SimpleFill",
            {
                "color": _qgis_color(style.fill, style.fill_opacity),
                "style": "solid" if style.fill_opacity > 0 else "no",
                "outline_style": "no",
                "outline_color": _qgis_color(style.color),
                "outline_width": "0",
                "outline_width_unit": "Pixel",
            },
        )
        _symbol_layer(symbol, "SimpleLine", _line_props(style))


def qml(definition: LayerDef, kinds: Iterable[str]) -> str:
    """The QGIS style document (QML) of one layer drawing the given geometry kinds."""
    kinds = [kind for kind in KINDS if kind in set(kinds)] or list(KINDS)
    root = ET.Element("qgis", {"version": _QGIS_VERSION, "styleCategories": "Symbology"})
    if len(kinds) == 1:
        renderer = ET.SubElement(
            root,
            "renderer-v2",
            {"type": "singleSymbol", "symbollevels": "0", "enableorderby": "0", "forceraster": "0"},
        )
    else:
        renderer = ET.SubElement(
            root,
            "renderer-v2",
            {"type": "RuleRenderer", "symbollevels": "0", "enableorderby": "0", "forceraster": "0"},
        )
        rules = ET.SubElement(renderer, "rules", {"key": "root"})
        for index, kind in enumerate(kinds):
            ET.SubElement(
                rules,
                "rule",
                {
                    "key": f"{definition.id}-{kind}",
                    "symbol": str(index),
                    "label": f"{definition.title} ({kind})",
                    "filter": f"geometry_type($geometry) = '{_QGIS_GEOMETRY_TYPE[kind]}'",
                },
            )
    symbols = ET.SubElement(renderer, "symbols")
    for index, kind in enumerate(kinds):
        _qml_symbol(symbols, str(index), kind, definition.style)
    ET.SubElement(renderer, "rotation")
    ET.SubElement(renderer, "sizescale")
    ET.SubElement(root, "blendMode").text = "0"
    ET.SubElement(root, "featureBlendMode").text = "0"
    ET.SubElement(root, "layerOpacity").text = "1"
    if len(kinds) == 1:
        ET.SubElement(root, "layerGeometryType").text = _LAYER_GEOMETRY_TYPE[kinds[0]]
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + body + "\n"


# --------------------------------------------------------------------------- SLD


def _q(prefix: str, tag: str) -> str:
    return f"{{{_SLD_NS[prefix]}}}{tag}"


def _svg(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, _q("se", "SvgParameter"), {"name": name}).text = value


def _sld_stroke(parent: ET.Element, style: LayerStyle) -> None:
    stroke = ET.SubElement(parent, _q("se", "Stroke"))
    _svg(stroke, "stroke", style.color)
    _svg(stroke, "stroke-width", _number(style.weight))
    _svg(stroke, "stroke-linejoin", "round")
    _svg(stroke, "stroke-linecap", "round")
    dashes = dash_pattern(style.dash)
    if dashes:
        _svg(stroke, "stroke-dasharray", " ".join(_number(d) for d in dashes))


def _sld_fill(parent: ET.Element, style: LayerStyle) -> None:
    fill = ET.SubElement(parent, _q("se", "Fill"))
    _svg(fill, "fill", style.fill)
    _svg(fill, "fill-opacity", _number(style.fill_opacity))


def _sld_rule(parent: ET.Element, kind: str, style: LayerStyle, geometry_column: str, filtered: bool) -> None:
    rule = ET.SubElement(parent, _q("se", "Rule"))
    ET.SubElement(rule, _q("se", "Name")).text = kind
    if filtered:  # dimension(): 0 points, 1 lines, 2 polygons (GeoServer filter function)
        condition = ET.SubElement(ET.SubElement(rule, _q("ogc", "Filter")), _q("ogc", "PropertyIsEqualTo"))
        function = ET.SubElement(condition, _q("ogc", "Function"), {"name": "dimension"})
        ET.SubElement(function, _q("ogc", "PropertyName")).text = geometry_column
        ET.SubElement(condition, _q("ogc", "Literal")).text = _SLD_DIMENSION[kind]
    if kind == "point":
        graphic = ET.SubElement(ET.SubElement(rule, _q("se", "PointSymbolizer")), _q("se", "Graphic"))
        mark = ET.SubElement(graphic, _q("se", "Mark"))
        ET.SubElement(mark, _q("se", "WellKnownName")).text = style.marker
        _sld_fill(mark, style)
        _sld_stroke(mark, style)
        ET.SubElement(graphic, _q("se", "Size")).text = _number(2 * style.radius)
    elif kind == "line":
        _sld_stroke(ET.SubElement(rule, _q("se", "LineSymbolizer")), style)
    else:
        symbolizer = ET.SubElement(rule, _q("se", "PolygonSymbolizer"))
        _sld_fill(symbolizer, style)
        _sld_stroke(symbolizer, style)


def sld(definition: LayerDef, kinds: Iterable[str], geometry_column: str = "geom") -> str:
    """The SLD 1.1 (Symbology Encoding) style of one layer drawing the given geometry kinds."""
    kinds = [kind for kind in KINDS if kind in set(kinds)] or list(KINDS)
    for prefix, uri in _SLD_NS.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(
        _q("", "StyledLayerDescriptor"),
        {
            "version": "1.1.0",
            _q("xsi", "schemaLocation"): "http://www.opengis.net/sld "
            "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd",
        },
    )
    layer = ET.SubElement(root, _q("", "NamedLayer"))
    ET.SubElement(layer, _q("se", "Name")).text = definition.id
    user_style = ET.SubElement(layer, _q("", "UserStyle"))
    ET.SubElement(user_style, _q("se", "Name")).text = definition.id
    description = ET.SubElement(user_style, _q("se", "Description"))
    ET.SubElement(description, _q("se", "Title")).text = definition.title
    ET.SubElement(description, _q("se", "Abstract")).text = definition.title_en
    feature_type_style = ET.SubElement(user_style, _q("se", "FeatureTypeStyle"))
    for kind in kinds:
        _sld_rule(feature_type_style, kind, definition.style, geometry_column, filtered=len(kinds) > 1)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False) + "\n"


# --------------------------------------------------------------------------- layer_styles


def layer_styles(
    frames: Mapping[str, gpd.GeoDataFrame],
    definitions: Mapping[str, LayerDef],
    geometry_column: str = "geom",
    now: datetime | None = None,
) -> pd.DataFrame:
    """Rows of the QGIS ``layer_styles`` table: one default style per layer of ``frames``."""
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    rows = []
    for layer_id, frame in frames.items():
        definition = definitions[layer_id]
        kinds = geometry_kinds(frame, definition.geometry)
        rows.append(
            {
                "f_table_catalog": "",
                "f_table_schema": "",
                "f_table_name": layer_id,
                "f_geometry_column": geometry_column,
                "styleName": layer_id,
                "styleQML": qml(definition, kinds),
                "styleSLD": sld(definition, kinds, geometry_column),
                "useAsDefault": True,
                "description": f"{definition.title} / {definition.title_en} (geoplan layers.yaml)",
                "owner": "",
                "ui": "",
                "update_time": pd.Timestamp(stamp),
            }
        )
    return pd.DataFrame(rows, columns=list(LAYER_STYLES_COLUMNS))
