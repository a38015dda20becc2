"""GIS files a user brings to the app: a GeoPackage, a GeoJSON or a zipped Shapefile.

Each is checked first (:func:`geoplan.limits.check_container`), then read as a geoplan atlas when it is
one (:func:`geoplan.atlas.schema.read_atlas`: its layers join the atlas) or as plain layers otherwise
(drawn as they are, in EPSG:4326).  Errors are one line, in the :class:`~geoplan.errors.InputError`
family."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pyogrio

from geoplan.atlas.schema import read_atlas
from geoplan.errors import InputError, first_line
from geoplan.geocode.authority import read_layer
from geoplan.layers import load_layers
from geoplan.limits import check_container

#: File suffix -> container kind of :data:`geoplan.limits.LIMITS`.
KINDS = {".gpkg": "gpkg", ".geojson": "geojson", ".json": "geojson", ".zip": "shp-zip"}


@dataclass(frozen=True)
class UserFile:
    """What a file held: atlas layers (by layer id) when it is a geoplan atlas, else plain layers (by name)."""

    name: str
    atlas: dict[str, gpd.GeoDataFrame]
    plain: dict[str, gpd.GeoDataFrame]

    @property
    def layers(self) -> dict[str, gpd.GeoDataFrame]:
        return {**self.atlas, **self.plain}


def read_user_file(path: Path, name: str | None = None) -> UserFile:
    """Read the file at ``path`` (``name``: the user's file name, for messages)."""
    name = name or path.name
    kind = KINDS.get(Path(name).suffix.lower())
    if kind is None:
        raise InputError(f"{name}: unknown format; give a .gpkg, .geojson or zipped Shapefile (.zip)")
    check_container(path, kind, name=name)
    if kind == "gpkg" and _is_atlas(path):
        return UserFile(name, read_atlas(path), {})

    if kind == "gpkg":
        try:
            names = [layer for layer, _ in pyogrio.list_layers(str(path))]
        except Exception as error:
            raise InputError(f"{name}: not a readable GeoPackage ({first_line(error)})") from None
    else:
        names = [None]
    plain = {}
    for layer in names:
        read = read_layer(path, layer=layer)
        frame = read.frame
        if frame.crs is None:
            raise InputError(f"{name}: layer {read.layer!r} declares no coordinate system")
        frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty].to_crs("EPSG:4326")
        if not frame.empty:
            plain[f"{Path(name).stem}:{read.layer}" if layer else Path(name).stem] = frame
    if not plain:
        raise InputError(f"{name}: no features with a geometry")
    return UserFile(name, {}, plain)


def _is_atlas(path: Path) -> bool:
    """Whether a GeoPackage holds geoplan layers (a table named after a layer id, or one of its parts)."""
    try:
        tables = [layer for layer, _ in pyogrio.list_layers(str(path))]
    except Exception as error:
        raise InputError(f"{path.name}: not a readable GeoPackage ({first_line(error)})") from None
    ids = {d.id for d in load_layers()}
    return any(t in ids or t.rsplit("_", 1)[0] in ids for t in tables)
