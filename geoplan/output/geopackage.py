"""GeoPackages as QGIS and Debian's GDAL 3.6 open them: version 1.2, one geometry type per table, styled.

Every GeoPackage geoplan writes (the atlas, ``export --format gpkg``, ``store pull``) goes through
:func:`write_geopackage`: the layers split into one-type tables (:mod:`geoplan.atlas.tables`), the
file created as GeoPackage 1.2 (GDAL >= 3.7 writes 1.4 by default, which GDAL 3.6 reports as "only
partially supported"), and a QGIS ``layer_styles`` table holding each table's default style
(:mod:`geoplan.output.qgis_style`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pyogrio

from geoplan.atlas.tables import split_layers
from geoplan.output.qgis_style import layer_styles

GPKG_VERSION = "1.2"
GEOMETRY_COLUMN = "geom"
STYLES_TABLE = "layer_styles"


def write_geopackage(
    layers: Mapping[str, gpd.GeoDataFrame], path: Path, *, now: datetime | None = None
) -> list[str]:
    """Write ``layers`` ({layer id: frame}) to a new GeoPackage at ``path``; return the table names.

    ``now`` stamps the style rows (a fixed value gives reproducible bytes).
    """
    tables = split_layers(layers)
    for index, (name, (frame, geometry_type)) in enumerate(tables.items()):
        pyogrio.write_dataframe(
            frame,
            path,
            driver="GPKG",
            layer=name,
            geometry_type=geometry_type,
            promote_to_multi=False,
            layer_options={"GEOMETRY_NAME": GEOMETRY_COLUMN},
            dataset_options={"VERSION": GPKG_VERSION} if index == 0 else None,
        )
    styles = layer_styles({name: frame for name, (frame, _) in tables.items()}, GEOMETRY_COLUMN, now)
    if len(styles):
        pyogrio.write_dataframe(styles, path, driver="GPKG", layer=STYLES_TABLE, layer_options={"FID": "id"})
    return list(tables)
