"""Open data sources in real QGIS (Debian's python3-qgis, headless) and report what QGIS sees, as JSON.

Run by tests/test_qgis.py under Debian's /usr/bin/python3 (QGIS's Python), not the project's Python:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis_probe.py SOURCE...

A SOURCE is a QGIS OGR data source (``file.gpkg|layername=industry_point``, ``file.shp``, …).  For each
one this prints: valid, CRS, geometry type, feature count, renderer type, labels, and per feature the
``name`` and the keys of the renderer rules that draw it, with each rule's main symbol properties.
"""

from __future__ import annotations

import json
import sys

from qgis.core import (  # type: ignore[import-not-found]
    QgsApplication,
    QgsRenderContext,
    QgsVectorLayer,
    QgsWkbTypes,
)


def _symbol(symbol) -> dict:
    layers = [symbol.symbolLayer(i) for i in range(symbol.symbolLayerCount())]
    props = [dict(layer.properties()) for layer in layers]
    return {
        "type": symbol.type(),
        "color": symbol.color().name(),
        "alpha": symbol.color().alpha(),
        "layers": props,
    }


def _probe(source: str) -> dict:
    layer = QgsVectorLayer(source, "probe", "ogr")
    out: dict = {"source": source, "valid": layer.isValid()}
    if not layer.isValid():
        return out
    out.update(
        crs=layer.crs().authid(),
        crs_valid=layer.crs().isValid(),
        geometry=QgsWkbTypes.displayString(layer.wkbType()),
        features=layer.featureCount(),
        renderer=layer.renderer().type() if layer.renderer() else None,
        labels=bool(layer.labelsEnabled()),
        labeling=layer.labeling().type() if layer.labeling() else None,
        sublayers=list(layer.dataProvider().subLayers()),
    )
    renderer = layer.renderer()
    context = QgsRenderContext()
    renderer.startRender(context, layer.fields())
    rules = {}
    if renderer.type() == "RuleRenderer":
        for rule in renderer.rootRule().children():
            rules[rule.ruleKey()] = {
                "label": rule.label(),
                "filter": rule.filterExpression(),
                "active": rule.active(),
                "symbol": _symbol(rule.symbol()) if rule.symbol() else None,
            }
    out["rules"] = rules
    names = layer.fields().names()
    name_field = next((n for n in names if n.lower() == "name"), None)  # KML's placemark <name> is 'Name'
    rows = []
    for feature in layer.getFeatures():
        context.expressionContext().setFeature(feature)
        rows.append(
            {
                "name": feature[name_field] if name_field else None,
                "attributes": {
                    n: str(feature[n])
                    for n in names
                    if n in ("approximate", "approx", "geometry_basis", "geom_basis", "precision")
                },
                "rules": sorted(renderer.legendKeysForFeature(feature, context)),
            }
        )
    renderer.stopRender(context)
    out["rows"] = rows
    return out


def main(sources: list[str]) -> None:
    app = QgsApplication([], False)
    app.initQgis()
    try:
        results = []
        for source in sources:
            results.append(_probe(source))
        print(json.dumps(results, ensure_ascii=False))
    finally:
        app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1:])
