"""Coordinates the user brings, to WGS-84: any EPSG code (read from the file or given), Gauss-Krüger eastings
with or without their zone prefix (recognised by size when the file names no CRS), and the web-map offsets
GCJ-02 and BD-09 (undone with ``prcoords``).

Every conversion reports what it did (:class:`Conversion`), and that text is kept in each record's source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry.base import BaseGeometry

from geoplan.errors import InputError

#: CGCS2000 3-degree Gauss-Krüger zones: with the zone number before the easting (EPSG:4513 is zone 25) and
#: without it (EPSG:4534 has its central meridian at 75°E); each next code is the next zone, 3° further east.
GK_PREFIXED_FIRST, GK_PREFIXED_ZONES = 4513, range(25, 46)
GK_PLAIN_FIRST, GK_FIRST_MERIDIAN = 4534, 75
#: Eastings with a zone prefix are 8 digits (zone × 10⁶ + 500 000 ± 300 000); without it, 6.
PREFIXED_EASTING = 1e7
PLAIN_EASTING = (1e5, 1e6)
NORTHING = (1e6, 1e7)


@dataclass(frozen=True)
class Conversion:
    """How coordinates reached WGS-84: the source CRS's name and the method with its stated accuracy."""

    crs: str
    method: str
    transform: Callable[[BaseGeometry], BaseGeometry]


def _offset_conversion(name: str) -> Conversion:
    """GCJ-02 or BD-09 → WGS-84 with prcoords (CC0), its iterative ('bored') inverse."""
    # imported here, not at the top: prcoords loads only when a coordinate is converted
    import prcoords

    inverse, method = {
        "gcj02": (
            prcoords.gcj_wgs_bored,
            "GCJ-02 to WGS-84 by prcoords 1.0.2 gcj_wgs_bored (iterative inverse of the public GCJ-02 formula, "
            "Caijun 2014; stated accuracy about 0.1 mm against that formula)",
        ),
        "bd09": (
            prcoords.bd_wgs_bored,
            "BD-09 to WGS-84 by prcoords 1.0.2 bd_wgs_bored (iterative inverse of the public BD-09 and GCJ-02 "
            "formulas; stated accuracy about 0.1 mm against them)",
        ),
    }[name]

    def transform(geometry: BaseGeometry) -> BaseGeometry:
        def each(xy: np.ndarray) -> np.ndarray:
            out = [inverse(prcoords.Coords(lat, lon), False) for lon, lat in xy]
            return np.array([(c.lon, c.lat) for c in out]).reshape(xy.shape)

        return shapely.transform(geometry, each)

    return Conversion(name.upper().replace("02", "-02").replace("09", "-09"), method, transform)


def epsg_conversion(crs: CRS) -> Conversion:
    """Any CRS → EPSG:4326 with PROJ (the method and accuracy PROJ reports)."""
    transformer = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    accuracy = (
        f"; accuracy {transformer.accuracy} m" if transformer.accuracy and transformer.accuracy > 0 else ""
    )
    name = f"EPSG:{crs.to_epsg()}" if crs.to_epsg() else crs.name

    def transform(geometry: BaseGeometry) -> BaseGeometry:
        return shapely.transform(
            geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
        )

    return Conversion(name, f"PROJ: {transformer.description}{accuracy}", transform)


def parse_crs(text: str) -> CRS | str:
    """``--crs``: 'gcj02' / 'bd09' (any case, with or without a dash), or an EPSG code ('4490', 'EPSG:4490')."""
    key = text.strip().lower().replace("-", "").replace("_", "")
    if key in ("gcj02", "bd09"):
        return key
    code = text.strip()
    try:
        return CRS.from_user_input(int(code) if code.isdigit() else code)
    except CRSError:
        raise InputError(f"--crs {text!r}: not an EPSG code (e.g. EPSG:4490) nor gcj02 / bd09") from None


def conversion_for(crs: CRS | str) -> Conversion:
    return _offset_conversion(crs) if isinstance(crs, str) else epsg_conversion(crs)


def sniff_projected(xs: np.ndarray, ys: np.ndarray) -> list[CRS] | None:
    """The Gauss-Krüger CRS(s) that eastings and northings of this size can be in, or None for degrees.

    Eastings of 8 digits carry their zone (one CRS); 6-digit eastings could be any zone, so every zone of the
    region's longitudes is returned and the caller picks by where the points then fall.
    """
    if not len(xs) or (np.abs(xs) <= 180).all() and (np.abs(ys) <= 90).all():
        return None
    north = (ys > NORTHING[0]) & (ys < NORTHING[1])
    if not north.all():
        raise InputError("coordinates are neither degrees nor Gauss-Krüger eastings/northings: pass --crs")
    zones = np.unique((xs // 1e6).astype(int))
    if (xs > PREFIXED_EASTING).all():
        if len(zones) != 1 or zones[0] not in GK_PREFIXED_ZONES:
            raise InputError(
                f"eastings carry zone prefixes {sorted(zones.tolist())}: one 3-degree zone per file"
            )
        return [CRS.from_epsg(GK_PREFIXED_FIRST + int(zones[0]) - GK_PREFIXED_ZONES.start)]
    if ((xs > PLAIN_EASTING[0]) & (xs < PLAIN_EASTING[1])).all():
        return [plain_zone(meridian) for meridian in range(96, 127, 3)]
    raise InputError("eastings mix 6- and 8-digit values (with and without zone prefix): pass --crs")


def plain_zone(meridian: int) -> CRS:
    """The CGCS2000 3-degree Gauss-Krüger CRS without zone prefix whose central meridian is ``meridian``."""
    return CRS.from_epsg(GK_PLAIN_FIRST + (meridian - GK_FIRST_MERIDIAN) // 3)


def check_geographic(
    xs: np.ndarray, ys: np.ndarray, crs: str, region: tuple[float, float, float, float]
) -> None:
    """Refuse coordinates declared geographic that are projected, or that have latitude and longitude swapped
    (they fit the region only the other way round)."""
    if not len(xs):
        return
    minx, miny, maxx, maxy = region
    inside = (xs >= minx) & (xs <= maxx) & (ys >= miny) & (ys <= maxy)
    swapped = (ys >= minx) & (ys <= maxx) & (xs >= miny) & (xs <= maxy)
    if swapped.sum() > inside.sum():
        raise InputError(
            f"coordinates look swapped: {swapped.sum()} of {len(xs)} points fit the region only as (lat, lon); "
            "put longitude in x / the first column"
        )
    if (np.abs(xs) > 180).any() or (np.abs(ys) > 90).any():
        raise InputError(
            f"coordinates like ({xs[0]:.0f}, {ys[0]:.0f}) are projected (metres), but the CRS is geographic "
            f"({crs}): pass the projected CRS with --crs"
        )


def check_projected(xs: np.ndarray, ys: np.ndarray, crs: str) -> None:
    """Refuse degrees given to a projected CRS."""
    if len(xs) and (np.abs(xs) <= 180).all() and (np.abs(ys) <= 90).all():
        raise InputError(
            f"coordinates like ({xs[0]}, {ys[0]}) are degrees, but the CRS is projected ({crs}): "
            "pass the geographic CRS with --crs"
        )


def coordinates(geometries: Sequence[BaseGeometry]) -> tuple[np.ndarray, np.ndarray]:
    """Every vertex's x and y (for the checks above)."""
    xy = shapely.get_coordinates(list(geometries))
    return xy[:, 0], xy[:, 1]
