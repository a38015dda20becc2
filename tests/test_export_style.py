"""QGIS styles (QML/SLD) built from layers/layers.yaml: the app's and the print's rules, per table kind."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import geopandas as gpd
import pytest
from shapely.geometry import Point, Polygon

from geoplan.atlas.schema import BASE_COLUMNS, FEATURE_COLUMNS
from geoplan.layers import load_layers
from geoplan.output.qgis_style import layer_styles, lighter, qml, rgba, sld, table_styles

DEFINITIONS = load_layers()
THEMATIC = [d for d in DEFINITIONS if d.group == "thematic"]
SE = "{http://www.opengis.net/se}"
OGC = "{http://www.opengis.net/ogc}"
FEATURE_FIELDS = {c: c for c in FEATURE_COLUMNS}
BASE_FIELDS = {c: c for c in BASE_COLUMNS}


def _props(symbol_layer: ET.Element) -> dict[str, str]:
    options = {o.get("name"): o.get("value") for o in symbol_layer.iter("Option") if o.get("name")}
    props = {p.get("k"): p.get("v") for p in symbol_layer.iter("prop")}
    assert options == props  # both spellings carry the same style
    return options


def _qml(definition, kind: str, fields=FEATURE_FIELDS) -> ET.Element:
    text = qml(definition, kind, fields)
    assert text.startswith("<!DOCTYPE qgis")
    return ET.fromstring(text.split("\n", 1)[1])


def _rules(root: ET.Element) -> dict[str, tuple[ET.Element, ET.Element]]:
    """rule key suffix -> (rule, its symbol)."""
    renderer = root.find("renderer-v2")
    symbols = {s.get("name"): s for s in renderer.find("symbols")}
    return {
        rule.get("key").rsplit("-", 1)[-1]: (rule, symbols[rule.get("symbol")])
        for rule in renderer.iter("rule")
    }


@pytest.mark.parametrize("definition", THEMATIC, ids=[d.id for d in THEMATIC])
def test_thematic_polygons_located_filled_approximate_hollow_dashed_lighter(definition):
    style = definition.style
    rules = _rules(_qml(definition, "polygon"))
    assert set(rules) == {"located", "approximate", "area"}  # 'issuer-area' ends in 'area'
    located_rule, located = rules["located"]
    approx_rule, approx = rules["approximate"]
    area_rule, area = rules["area"]
    assert located_rule.get("filter") == '"approximate" = 0 AND "geometry_basis" <> \'issuer area\''
    assert approx_rule.get("filter") == '"approximate" <> 0 AND "geometry_basis" <> \'issuer area\''
    assert area_rule.get("filter") == "\"geometry_basis\" = 'issuer area'"
    fill, outline = (_props(layer) for layer in located.findall("layer"))
    assert fill["style"] == ("solid" if style.fill_opacity > 0 else "no")
    assert int(fill["color"].split(",")[3]) == round(style.fill_opacity * 255)
    assert outline["line_color"] == ",".join(map(str, rgba(style.color)))
    for symbol in (approx, area):
        fill, outline = (_props(layer) for layer in symbol.findall("layer"))
        assert fill["style"] == "no"  # hollow: whole-banner polygons never stack into blocks
        assert outline["use_custom_dash"] == "1"
        red, green, blue, _ = (int(v) for v in outline["line_color"].split(","))
        assert sum((red, green, blue)) > sum(rgba(style.color)[:3])  # lighter than the located stroke


@pytest.mark.parametrize("kind", ["point", "line"])
def test_points_and_lines_approximate_differ_from_located(kind):
    definition = next(d for d in THEMATIC if d.id == "infrastructure")
    rules = _rules(_qml(definition, kind))
    located = _props(rules["located"][1].find("layer"))
    approx = _props(rules["approximate"][1].find("layer"))
    if kind == "point":
        assert located["outline_style"] == "solid" and approx["outline_style"] == "dash"
        assert int(approx["color"].split(",")[3]) == 0  # hollow marker
        assert located["name"] == approx["name"] == definition.style.marker
    else:
        assert located["use_custom_dash"] == "0" and approx["use_custom_dash"] == "1"
        assert approx["line_color"] == ",".join(map(str, rgba(lighter(definition.style.color))))


def test_labels_name_located_and_approximate_not_issuer_area():
    root = _qml(THEMATIC[0], "point")
    assert root.get("labelsEnabled") == "1" and "Labeling" in root.get("styleCategories")
    labeling = root.find("labeling")
    assert labeling.get("type") == "rule-based"
    rules = list(labeling.iter("rule"))
    assert [r.get("key").split("-")[-2] for r in rules] == ["located", "approximate"]
    for rule in rules:
        style = rule.find("settings/text-style")
        assert style.get("fieldName") == "name" and "CJK" in style.get("fontFamily")
    assert all("issuer area" in r.get("filter") and "<>" in r.get("filter") for r in rules)


def test_shapefile_field_names_are_used_in_filters_and_labels():
    fields = {**FEATURE_FIELDS, "approximate": "approx", "geometry_basis": "geom_basis"}
    root = ET.fromstring(qml(THEMATIC[0], "polygon", fields).split("\n", 1)[1])
    filters = " ".join(rule.get("filter") or "" for rule in root.iter("rule"))
    assert '"approx" = 0' in filters and '"geom_basis"' in filters and '"approximate"' not in filters
    root = ET.fromstring(sld(THEMATIC[0], "polygon", fields))
    names = {p.text for p in root.iter(f"{OGC}PropertyName")}
    assert {"approx", "geom_basis", "name"} <= names and "approximate" not in names


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[d.id for d in DEFINITIONS])
def test_sld_rules_mirror_the_qml(definition):
    fields = FEATURE_FIELDS if definition.group == "thematic" else BASE_FIELDS
    kind = definition.geometry if definition.geometry != "mixed" else "polygon"
    root = ET.fromstring(sld(definition, kind, fields))
    assert root.get("version") == "1.1.0"
    rules = list(root.iter(f"{SE}Rule"))
    assert [r.find(f"{SE}Name").text for r in rules] == [
        r.get("key").split(f"{kind}-", 1)[1] for r in _qml(definition, kind, fields).iter("rule")
    ][: len(rules)]
    strokes = [p.text for p in rules[0].iter(f"{SE}SvgParameter") if p.get("name") == "stroke"]
    assert strokes and strokes[0] == definition.style.color
    if len(rules) > 1:
        later = [p.text for p in rules[1].iter(f"{SE}SvgParameter") if p.get("name") == "stroke-dasharray"]
        assert later  # approximate: dashed
    labels = [r for r in rules if r.find(f"{SE}TextSymbolizer") is not None]
    assert labels and all(
        r.find(f"{SE}TextSymbolizer/{SE}Label/{OGC}PropertyName").text == "name" for r in labels
    )


def test_base_towns_split_on_borrowed_points():
    towns = next(d for d in DEFINITIONS if d.id == "towns")
    rules = _rules(_qml(towns, "point", BASE_FIELDS))
    assert set(rules) == {"located", "approximate"}
    assert "\"precision\" IN ('banner'" in rules["approximate"][0].get("filter")


def test_layer_styles_one_row_per_known_table():
    thematic = {c: [""] for c in FEATURE_COLUMNS}
    tables = {
        "industry_point": gpd.GeoDataFrame({**thematic, "geometry": [Point(110, 40)]}, crs="EPSG:4326"),
        "leagues": gpd.GeoDataFrame(
            {**{c: ["x"] for c in BASE_COLUMNS}, "geometry": [Polygon([(0, 0), (1, 0), (1, 1)])]},
            crs="EPSG:4326",
        ),
        "someone_elses": gpd.GeoDataFrame(geometry=[Point(0, 0)], crs="EPSG:4326"),
    }
    rows = layer_styles(tables)
    assert list(rows["f_table_name"]) == ["industry_point", "leagues"]
    assert rows["useAsDefault"].all() and (rows["f_geometry_column"] == "geom").all()
    assert "产业" in rows["description"].iloc[0]
    style_qml, _ = table_styles("industry_point", tables["industry_point"])
    assert "<layerGeometryType>0</layerGeometryType>" in style_qml
