"""QGIS styles (QML and SLD) of one-geometry-type tables, for ``layer_styles`` and for sidecar files.

The styles come from the same layer definitions as the app's symbology and the printed maps
(``layers/layers.yaml`` via :mod:`geoplan.layers`), and carry the same rules:

- **located** features (``approximate`` = 0) in the layer's style;
- **approximate** features (``approximate`` = 1: placed at a banner, league or schematic location)
  hollow, dashed and lighter, so that whole-banner polygons never stack into opaque blocks and
  schematic lines do not read as surveyed routes;
- **issuer-area** features (``geometry_basis`` = 'issuer area': projects a plan names without a
  place) apart, in their own rule: a faint dotted outline, unlabelled;
- names as labels (Noto Sans CJK), located ones first.

Base layers (leagues, banners, towns, places) get the same located/approximate split from their
``precision`` (a town placed at its banner's point is approximate) and are labelled too.  Sizes are
pixels, as in the app.  Column names are passed in, so the QML beside a Shapefile uses its
10-byte field names.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import geopandas as gpd
import pandas as pd

from geoplan.atlas.tables import family_of, layer_of_table
from geoplan.layers import LayerDef, LayerStyle, load_layers

#: Geometry kinds in drawing order (polygons below lines below points).
KINDS: tuple[str, ...] = ("polygon", "line", "point")
#: precisions of a geometry that is not the place's own (mirrors the app and the print)
APPROXIMATE_PRECISIONS: tuple[str, ...] = ("banner", "league", "province", "schematic")
#: gazetteer types whose polygon *is* the place at banner/league/province precision
ADMIN_TYPES: tuple[str, ...] = ("province", "league", "banner")
ISSUER_AREA = "issuer area"
APPROXIMATE_DASH = "4 3"
ISSUER_DASH = "1 3"
LABEL_FONT = "Noto Sans CJK SC"
_QGIS_SYMBOL_TYPE = {"point": "marker", "line": "line", "polygon": "fill"}
_LAYER_GEOMETRY_TYPE = {"point": "0", "line": "1", "polygon": "2"}
#: QgsPalLayerSettings placement: around the point, along the line, over the polygon's centroid
_LABEL_PLACEMENT = {"point": "0", "line": "2", "polygon": "1"}
_QGIS_VERSION = "3.22.16-Białowieża"
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


def rgba(color: str, opacity: float = 1.0) -> tuple[int, int, int, int]:
    """``#rgb``/``#rrggbb`` plus an opacity in 0..1 as an (r, g, b, a) tuple of 0..255 integers."""
    digits = color.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return red, green, blue, round(max(0.0, min(1.0, opacity)) * 255)


def lighter(color: str, amount: float = 0.45) -> str:
    """``color`` mixed with white by ``amount`` (0: unchanged, 1: white), as ``#rrggbb``."""
    red, green, blue, _ = rgba(color)
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in (red, green, blue))


def dash_pattern(dash: str | None) -> list[float]:
    """An SVG dash array ('4 3' or '4,3') as numbers; [] for a solid line."""
    if not dash:
        return []
    return [float(part) for part in dash.replace(",", " ").split()]


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class StyleRule:
    """One rule of a table's style: which rows (a QGIS expression and an OGC filter) and how."""

    key: str
    label: str
    expression: str
    ogc: tuple[str, str, tuple[str, ...]]  # (field, operator 'in' | 'not in', values)
    style: LayerStyle
    label_priority: int  # 0: no label


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def style_rules(definition: LayerDef, fields: Mapping[str, str]) -> list[StyleRule]:
    """The rules of a table of ``definition`` whose columns are named by ``fields`` (column -> field)."""
    style = definition.style
    approximate_style = replace(
        style,
        color=lighter(style.color),
        fill_opacity=0.0,
        dash=APPROXIMATE_DASH,
        weight=max(1.0, style.weight * 0.75),
        radius=style.radius * 0.8,
    )
    title = definition.title
    if "approximate" in fields and "geometry_basis" in fields:
        approx, basis = f'"{fields["approximate"]}"', f'"{fields["geometry_basis"]}"'
        not_issuer = f"{basis} <> '{ISSUER_AREA}'"
        issuer_style = replace(
            style, color=lighter(style.color, 0.6), fill_opacity=0.0, dash=ISSUER_DASH, weight=0.8, radius=3
        )
        return [
            StyleRule(
                "located",
                f"{title}：位置确定",
                f"{approx} = 0 AND {not_issuer}",
                (fields["approximate"], "in", ("0",)),
                style,
                8,
            ),
            StyleRule(
                "approximate",
                f"{title}：位置近似（空心虚线）",
                f"{approx} <> 0 AND {not_issuer}",
                (fields["approximate"], "not in", ("0",)),
                approximate_style,
                3,
            ),
            StyleRule(
                "issuer-area",
                f"{title}：全域项目（未指明地点，范围为发布单位全境）",
                f"{basis} = '{ISSUER_AREA}'",
                (fields["geometry_basis"], "in", (ISSUER_AREA,)),
                issuer_style,
                0,
            ),
        ]
    if "precision" in fields and "type" in fields:
        borrowed = (
            f'"{fields["precision"]}" IN ({_quoted(APPROXIMATE_PRECISIONS)}) '
            f'AND "{fields["type"]}" NOT IN ({_quoted(ADMIN_TYPES)})'
        )
        return [
            StyleRule(
                "located",
                f"{title}：位置确定",
                f"NOT ({borrowed})",
                (fields["precision"], "not in", APPROXIMATE_PRECISIONS),
                style,
                6,
            ),
            StyleRule(
                "approximate",
                f"{title}：位置近似（借用上级点位）",
                borrowed,
                (fields["precision"], "in", APPROXIMATE_PRECISIONS),
                approximate_style,
                0,
            ),
        ]
    return [StyleRule("all", title, "TRUE", ("", "", ()), style, 5 if "name" in fields else 0)]


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
                "outline_style": "dash" if style.dash else "solid",
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


def _label_settings(parent: ET.Element, kind: str, field: str, rule: StyleRule) -> None:
    settings = ET.SubElement(parent, "settings", {"calloutType": "simple"})
    located = rule.key != "approximate"
    ET.SubElement(
        settings,
        "text-style",
        {
            "fieldName": field,
            "isExpression": "0",
            "fontFamily": LABEL_FONT,
            "fontSize": "8" if located else "7",
            "fontSizeUnit": "Point",
            "textColor": "40,40,40,255" if located else "110,110,110,255",
            "textOpacity": "1",
            "fontWeight": "50",
            "namedStyle": "Regular",
            "multilineHeight": "1",
        },
    )
    ET.SubElement(settings, "text-format", {"wrapChar": "", "autoWrapLength": "16", "multilineAlign": "3"})
    ET.SubElement(
        settings,
        "placement",
        {
            "placement": _LABEL_PLACEMENT[kind],
            "dist": "1",
            "distUnits": "MM",
            "priority": str(rule.label_priority),
            "placementFlags": "10",
            "centroidInside": "1",
            "repeatDistance": "0",
        },
    )
    ET.SubElement(
        settings,
        "text-buffer",
        {
            "bufferDraw": "1",
            "bufferSize": "0.7",
            "bufferSizeUnits": "MM",
            "bufferColor": "255,255,255,255",
            "bufferOpacity": "0.85",
        },
    )
    ET.SubElement(settings, "rendering", {"obstacle": "1", "displayAll": "0", "scaleVisibility": "0"})


def qml(definition: LayerDef, kind: str, fields: Mapping[str, str]) -> str:
    """The QGIS style document (QML) of a ``kind`` table of ``definition``: symbology and labels."""
    rules = style_rules(definition, fields)
    labelled = [rule for rule in rules if rule.label_priority and "name" in fields]
    root = ET.Element(
        "qgis",
        {
            "version": _QGIS_VERSION,
            "styleCategories": "Symbology|Labeling",
            "labelsEnabled": "1" if labelled else "0",
        },
    )
    renderer = ET.SubElement(
        root,
        "renderer-v2",
        {"type": "RuleRenderer", "symbollevels": "0", "enableorderby": "0", "forceraster": "0"},
    )
    root_rule = ET.SubElement(renderer, "rules", {"key": f"{definition.id}-root"})
    for index, rule in enumerate(rules):
        attributes = {"key": f"{definition.id}-{kind}-{rule.key}", "symbol": str(index), "label": rule.label}
        if rule.expression != "TRUE":
            attributes["filter"] = rule.expression
        ET.SubElement(root_rule, "rule", attributes)
    symbols = ET.SubElement(renderer, "symbols")
    for index, rule in enumerate(rules):
        _qml_symbol(symbols, str(index), kind, rule.style)
    if labelled:
        labeling = ET.SubElement(root, "labeling", {"type": "rule-based"})
        label_rules = ET.SubElement(labeling, "rules", {"key": f"{definition.id}-labels"})
        for rule in labelled:
            attributes = {"key": f"{definition.id}-{kind}-{rule.key}-label", "description": rule.label}
            if rule.expression != "TRUE":
                attributes["filter"] = rule.expression
            _label_settings(ET.SubElement(label_rules, "rule", attributes), kind, fields["name"], rule)
    ET.SubElement(root, "blendMode").text = "0"
    ET.SubElement(root, "featureBlendMode").text = "0"
    ET.SubElement(root, "layerOpacity").text = "1"
    ET.SubElement(root, "layerGeometryType").text = _LAYER_GEOMETRY_TYPE[kind]
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


def _sld_filter(rule_node: ET.Element, ogc: tuple[str, str, tuple[str, ...]]) -> None:
    field, operator, values = ogc
    if not field:
        return
    conditions = []
    for value in values:
        condition = ET.Element(_q("ogc", "PropertyIsEqualTo" if operator == "in" else "PropertyIsNotEqualTo"))
        ET.SubElement(condition, _q("ogc", "PropertyName")).text = field
        ET.SubElement(condition, _q("ogc", "Literal")).text = value
        conditions.append(condition)
    node = ET.SubElement(rule_node, _q("ogc", "Filter"))
    if len(conditions) > 1:
        node = ET.SubElement(node, _q("ogc", "Or" if operator == "in" else "And"))
    node.extend(conditions)


def _sld_label(rule_node: ET.Element, field: str, kind: str, located: bool) -> None:
    text = ET.SubElement(rule_node, _q("se", "TextSymbolizer"))
    ET.SubElement(ET.SubElement(text, _q("se", "Label")), _q("ogc", "PropertyName")).text = field
    font = ET.SubElement(text, _q("se", "Font"))
    _svg(font, "font-family", LABEL_FONT)
    _svg(font, "font-size", "11" if located else "9")
    placement = ET.SubElement(text, _q("se", "LabelPlacement"))
    ET.SubElement(placement, _q("se", "LinePlacement" if kind == "line" else "PointPlacement"))
    halo = ET.SubElement(text, _q("se", "Halo"))
    ET.SubElement(halo, _q("se", "Radius")).text = "1.5"
    halo_fill = ET.SubElement(halo, _q("se", "Fill"))
    _svg(halo_fill, "fill", "#ffffff")
    text_fill = ET.SubElement(text, _q("se", "Fill"))
    _svg(text_fill, "fill", "#282828" if located else "#6e6e6e")


def _sld_rule(parent: ET.Element, kind: str, rule: StyleRule, fields: Mapping[str, str]) -> None:
    node = ET.SubElement(parent, _q("se", "Rule"))
    ET.SubElement(node, _q("se", "Name")).text = rule.key
    description = ET.SubElement(node, _q("se", "Description"))
    ET.SubElement(description, _q("se", "Title")).text = rule.label
    _sld_filter(node, rule.ogc)
    style = rule.style
    if kind == "point":
        graphic = ET.SubElement(ET.SubElement(node, _q("se", "PointSymbolizer")), _q("se", "Graphic"))
        mark = ET.SubElement(graphic, _q("se", "Mark"))
        ET.SubElement(mark, _q("se", "WellKnownName")).text = style.marker
        _sld_fill(mark, style)
        _sld_stroke(mark, style)
        ET.SubElement(graphic, _q("se", "Size")).text = _number(2 * style.radius)
    elif kind == "line":
        _sld_stroke(ET.SubElement(node, _q("se", "LineSymbolizer")), style)
    else:
        symbolizer = ET.SubElement(node, _q("se", "PolygonSymbolizer"))
        _sld_fill(symbolizer, style)
        _sld_stroke(symbolizer, style)
    if rule.label_priority and "name" in fields:
        _sld_label(node, fields["name"], kind, rule.key != "approximate")


def sld(definition: LayerDef, kind: str, fields: Mapping[str, str], name: str | None = None) -> str:
    """The SLD 1.1 (Symbology Encoding) style of a ``kind`` table of ``definition``."""
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
    ET.SubElement(layer, _q("se", "Name")).text = name or definition.id
    user_style = ET.SubElement(layer, _q("", "UserStyle"))
    ET.SubElement(user_style, _q("se", "Name")).text = name or definition.id
    description = ET.SubElement(user_style, _q("se", "Description"))
    ET.SubElement(description, _q("se", "Title")).text = definition.title
    ET.SubElement(description, _q("se", "Abstract")).text = definition.title_en
    feature_type_style = ET.SubElement(user_style, _q("se", "FeatureTypeStyle"))
    for rule in style_rules(definition, fields):
        _sld_rule(feature_type_style, kind, rule, fields)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False) + "\n"


# --------------------------------------------------------------------------- per table


def table_definition(table: str) -> tuple[LayerDef, str | None]:
    """The layer definition of a table (by its layer id) and the table's geometry family if known."""
    layer_id, family = layer_of_table(table)
    for definition in load_layers():
        if definition.id == layer_id:
            return definition, family
    raise KeyError(table)


def table_kind(table: str, frame: gpd.GeoDataFrame) -> str:
    """'point' | 'line' | 'polygon' of a one-type table: from its name, else from its rows."""
    _, family = layer_of_table(table)
    if family is not None:
        return family
    present = {family_of(t) for t in frame.geom_type.dropna()} - {None}
    return present.pop() if len(present) == 1 else "point"


def table_styles(
    table: str, frame: gpd.GeoDataFrame, fields: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """(QML, SLD) of one table; ``fields`` renames columns (a Shapefile's short names)."""
    definition, _ = table_definition(table)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    fields = dict(fields) if fields is not None else {c: c for c in columns}
    kind = table_kind(table, frame)
    return qml(definition, kind, fields), sld(definition, kind, fields, table)


def layer_styles(
    tables: Mapping[str, gpd.GeoDataFrame], geometry_column: str = "geom", now: datetime | None = None
) -> pd.DataFrame:
    """Rows of the QGIS ``layer_styles`` table: one default style per table that layers.yaml knows."""
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    rows = []
    for table, frame in tables.items():
        try:
            definition, _ = table_definition(table)
        except KeyError:
            continue
        style_qml, style_sld = table_styles(table, frame)
        rows.append(
            {
                "f_table_catalog": "",
                "f_table_schema": "",
                "f_table_name": table,
                "f_geometry_column": geometry_column,
                "styleName": table,
                "styleQML": style_qml,
                "styleSLD": style_sld,
                "useAsDefault": True,
                "description": f"{definition.title} / {definition.title_en} (geoplan layers.yaml)",
                "owner": "",
                "ui": "",
                "update_time": pd.Timestamp(stamp),
            }
        )
    return pd.DataFrame(rows, columns=list(LAYER_STYLES_COLUMNS))
