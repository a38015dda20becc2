"""One geometry type per table: atlas layers split by geometry family, and grouped back by layer.

A layer of ``layers.yaml`` whose ``geometry`` is ``point``, ``line`` or ``polygon`` is one table named
by its id (``leagues``, ``towns``).  A ``mixed`` layer (every thematic layer, and ``places``) is three
tables, ``<id>_point``, ``<id>_line`` and ``<id>_polygon``, always all three (empty ones too), so a
QGIS project, an SQL query or a PostGIS reader can rely on the names.  A layer that ``layers.yaml``
does not know is split into the families it holds.

Each table holds one geometry type: the single type (``Point``) when every row has it, else the
multi type (``MultiPoint``), single parts promoted.  Reading groups the tables back into
``{layer id: GeoDataFrame}`` and turns one-part multis back into their part, so the app, the static
maps and the exports see the layers as they were built.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geoplan.errors import AtlasError
from geoplan.layers import LayerDef, load_layers

FAMILIES: tuple[str, ...] = ("point", "line", "polygon")
_FAMILY_OF_TYPE = {
    "Point": "point",
    "MultiPoint": "point",
    "LineString": "line",
    "MultiLineString": "line",
    "LinearRing": "line",
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
}
SINGLE_TYPES = {"point": "Point", "line": "LineString", "polygon": "Polygon"}
MULTI_TYPES = {"point": "MultiPoint", "line": "MultiLineString", "polygon": "MultiPolygon"}
_MULTI_CLASS = {
    "Point": shapely.MultiPoint,
    "LineString": shapely.MultiLineString,
    "Polygon": shapely.MultiPolygon,
}


def family_of(geom_type: str | None) -> str | None:
    """'point' | 'line' | 'polygon' of a shapely geometry type name (None for collections and nulls)."""
    return _FAMILY_OF_TYPE.get(geom_type or "")


def _definitions() -> dict[str, LayerDef]:
    return {definition.id: definition for definition in load_layers()}


def layer_families(layer_id: str) -> tuple[str, ...] | None:
    """The families a known layer is written as: one for a single-geometry layer, all three for a mixed
    one; None for a layer ``layers.yaml`` does not know."""
    definition = _definitions().get(layer_id)
    if definition is None:
        return None
    return (definition.geometry,) if definition.geometry in FAMILIES else FAMILIES


def table_name(layer_id: str, family: str) -> str:
    """The table of ``layer_id``'s ``family``: the id itself for a single-geometry layer."""
    families = layer_families(layer_id)
    if families is not None and len(families) == 1:
        return layer_id
    return f"{layer_id}_{family}"


def layer_of_table(table: str) -> tuple[str, str | None]:
    """(layer id, family) of a table name; (table, None) for a table that is not a split layer."""
    definitions = _definitions()
    if table in definitions:
        families = layer_families(table)
        return table, families[0] if families and len(families) == 1 else None
    stem, _, family = table.rpartition("_")
    if family in FAMILIES and stem:
        return stem, family
    return table, None


def table_geometry_type(frame: gpd.GeoDataFrame, family: str) -> str:
    """The one geometry type of a table: the single type when every row has it, else the multi type."""
    present = set(frame.geometry.dropna()[~frame.geometry.dropna().is_empty].geom_type)
    return SINGLE_TYPES[family] if present <= {SINGLE_TYPES[family]} and len(frame) else MULTI_TYPES[family]


def _promoted(geometries: gpd.GeoSeries) -> gpd.GeoSeries:
    """Single parts as one-part multis (nulls and multis unchanged)."""
    values = [
        _MULTI_CLASS[g.geom_type]([g])
        if g is not None and not g.is_empty and g.geom_type in _MULTI_CLASS
        else g
        for g in geometries
    ]
    return gpd.GeoSeries(values, index=geometries.index, crs=geometries.crs)


def split_layer(layer_id: str, frame: gpd.GeoDataFrame) -> dict[str, tuple[gpd.GeoDataFrame, str]]:
    """``{table name: (frame, geometry type)}`` of one layer (see the module docstring)."""
    families = layer_families(layer_id)
    kinds = frame.geometry.geom_type.map(family_of)
    unknown = sorted(set(frame.geometry.geom_type[kinds.isna() & frame.geometry.notna()].dropna()))
    if unknown:
        raise AtlasError(f"layer {layer_id!r}: cannot store {', '.join(unknown)} in a one-type table")
    if families is None:
        families = tuple(f for f in FAMILIES if (kinds == f).any()) or (FAMILIES[0],)
    kinds = kinds.fillna(families[0])  # null geometries join the first table
    stray = sorted(set(kinds) - set(families))
    if stray:
        raise AtlasError(f"layer {layer_id!r} is {families[0]} but holds {', '.join(stray)} geometries")
    tables = {}
    for family in families:
        part = frame[(kinds == family).to_numpy()].reset_index(drop=True)
        geometry_type = table_geometry_type(part, family)
        if geometry_type == MULTI_TYPES[family]:
            part = part.set_geometry(_promoted(part.geometry))
        tables[table_name(layer_id, family)] = (part, geometry_type)
    return tables


def split_layers(layers: Mapping[str, gpd.GeoDataFrame]) -> dict[str, tuple[gpd.GeoDataFrame, str]]:
    """Every layer split into its one-type tables, in the layers' order."""
    tables: dict[str, tuple[gpd.GeoDataFrame, str]] = {}
    for layer_id, frame in layers.items():
        for name, entry in split_layer(layer_id, frame).items():
            if name in tables:
                raise AtlasError(f"two layers write the table {name!r}")
            tables[name] = entry
    return tables


def _demoted(geometries: gpd.GeoSeries) -> gpd.GeoSeries:
    """One-part multis as their part (what the build made before the table promoted them)."""
    values = np.asarray(geometries.values, dtype=object)
    parts = shapely.get_num_geometries(values)
    multi = np.isin(shapely.get_type_id(values), (4, 5, 6)) & (parts == 1)
    if not multi.any():
        return geometries
    values = values.copy()
    values[multi] = shapely.get_geometry(values[multi], 0)
    return gpd.GeoSeries(values, index=geometries.index, crs=geometries.crs)


def group_tables(tables: Mapping[str, gpd.GeoDataFrame]) -> dict[str, gpd.GeoDataFrame]:
    """``{layer id: frame}`` from one-type tables: a layer's tables concatenated (point, line, polygon)."""
    grouped: dict[str, list[gpd.GeoDataFrame]] = {}
    for name, frame in tables.items():
        layer_id, _ = layer_of_table(name)
        grouped.setdefault(layer_id, []).append(frame)
    layers = {}
    for layer_id, parts in grouped.items():
        parts = [part for part in parts if len(part)] or parts[:1]  # empty tables would widen the dtypes
        if len(parts) == 1:
            frame = parts[0]
        else:
            crs = parts[0].crs
            geometry = parts[0].geometry.name
            frame = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry=geometry, crs=crs)
        layers[layer_id] = frame.set_geometry(_demoted(frame.geometry))
    return layers


def tables_of_layers(available: list[str], wanted: list[str]) -> list[str]:
    """The tables (of ``available``) that hold the ``wanted`` layers, in ``available``'s order."""
    return [name for name in available if layer_of_table(name)[0] in wanted]
