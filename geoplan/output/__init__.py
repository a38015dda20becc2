"""Stage 5, output: everything made from an atlas.

``export`` (GeoJSON, Shapefile, GeoPackage with ``qgis_style``, KML, CSV, FlatGeobuf), ``render`` (static
PNG/PDF/SVG maps), ``store`` (PostGIS), and the web map pieces the app uses (``webmap``, ``selection``,
``offline``).  Nothing here reads plans.
"""
