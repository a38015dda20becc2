"""QGIS styles (QML/SLD) built from layers/layers.yaml, parametrized over every layer definition."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from geoplan.layers import load_layers
from geoplan.output.qgis_style import KINDS, geometry_kinds, layer_styles, qml, rgba, sld

DEFINITIONS = load_layers()
SE = "{http://www.opengis.net/se}"


def _props(symbol_layer: ET.Element) -> dict[str, str]:
    options = {o.get("name"): o.get("value") for o in symbol_layer.iter("Option") if o.get("name")}
    props = {p.get("k"): p.get("v") for p in symbol_layer.iter("prop")}
    assert options == props  # both spellings carry the same style
    return options


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[d.id for d in DEFINITIONS])
def test_qml_carries_the_layer_style(definition):
    style = definition.style
    root = ET.fromstring(qml(definition, KINDS).split("\n", 1)[1])
    assert root.tag == "qgis"
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "RuleRenderer"
    filters = [rule.get("filter") for rule in renderer.iter("rule")]
    assert filters == [f"geometry_type($geometry) = '{t}'" for t in ("Polygon", "Line", "Point")]
    symbols = {s.get("type"): s for s in renderer.find("symbols")}
    assert set(symbols) == {"fill", "line", "marker"}
    red, green, blue, _ = rgba(style.color)
    stroke = f"{red},{green},{blue},255"
    marker = _props(symbols["marker"].find("layer"))
    assert marker["name"] == style.marker and marker["outline_color"] == stroke
    assert float(marker["size"]) == 2 * style.radius and marker["size_unit"] == "Pixel"
    assert marker["color"] == ",".join(map(str, rgba(style.fill, style.fill_opacity)))
    line = _props(symbols["line"].find("layer"))
    assert line["line_color"] == stroke and float(line["line_width"]) == style.weight
    assert line["use_custom_dash"] == ("1" if style.dash else "0")
    if style.dash:
        assert [float(x) for x in line["customdash"].split(";")] == [float(x) for x in style.dash.split()]
    fill, outline = (_props(layer) for layer in symbols["fill"].findall("layer"))
    assert int(fill["color"].split(",")[3]) == round(style.fill_opacity * 255)
    assert outline["line_color"] == stroke and outline["use_custom_dash"] == line["use_custom_dash"]


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[d.id for d in DEFINITIONS])
def test_sld_carries_the_layer_style(definition):
    style = definition.style
    root = ET.fromstring(sld(definition, KINDS))
    assert root.get("version") == "1.1.0"
    rules = list(root.iter(f"{SE}Rule"))
    assert [r.find(f"{SE}Name").text for r in rules] == list(KINDS)
    strokes = {p.text for p in root.iter(f"{SE}SvgParameter") if p.get("name") == "stroke"}
    assert strokes == {style.color}
    assert root.find(f".//{SE}WellKnownName").text == style.marker
    dashes = {p.text for p in root.iter(f"{SE}SvgParameter") if p.get("name") == "stroke-dasharray"}
    assert bool(dashes) == bool(style.dash)


def test_single_kind_layers_get_a_single_symbol():
    definition = DEFINITIONS[0]
    root = ET.fromstring(qml(definition, ["point"]).split("\n", 1)[1])
    assert root.find("renderer-v2").get("type") == "singleSymbol"
    assert root.find("layerGeometryType").text == "0"
    assert "Filter" not in sld(definition, ["point"])


def test_geometry_kinds_follow_the_data():
    frame = gpd.GeoDataFrame(geometry=[Point(0, 0), LineString([(0, 0), (1, 1)])], crs="EPSG:4326")
    assert geometry_kinds(frame) == ("line", "point")
    assert geometry_kinds(frame.iloc[:0], "polygon") == ("polygon",)
    assert geometry_kinds(frame.iloc[:0], "mixed") == KINDS


def test_layer_styles_rows():
    frames = {d.id: gpd.GeoDataFrame(geometry=[Point(110, 40)], crs="EPSG:4326") for d in DEFINITIONS}
    rows = layer_styles(frames, {d.id: d for d in DEFINITIONS})
    assert list(rows["f_table_name"]) == [d.id for d in DEFINITIONS]
    assert rows["useAsDefault"].all() and (rows["f_geometry_column"] == "geom").all()
    assert all(d.title in text for d, text in zip(DEFINITIONS, rows["description"], strict=True))
