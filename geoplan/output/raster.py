"""Density rasters of the atlas: where the plans put their projects (or their investment, capacity …).

:func:`density` spreads each project's weight over a grid, honest to the project's precision:

- a point located to a place or a town spreads by the kernel (quartic, radius ``bandwidth``);
- a line (a corridor) spreads by the kernel along its length;
- an area (a desert, a park, the issuer's whole banner or league) spreads evenly over its polygon;
- a point that stands for a whole banner or league (precision ``banner``/``league``/``province``) spreads
  evenly over that banner's or league's polygon (the region's for ``province``), so the surface never
  invents a hotspot at a centroid.

Values are weight per km² of the grid's CRS, which is per km² on the ground in an equal-area CRS such as the
default :data:`EQUAL_AREA_CRS` (Web Mercator's km² are about half the ground's at the region's latitudes); the
integral over the grid (sum × cell area) is the total weight. :func:`write_geotiff` writes the grid as a tiled, compressed GeoTIFF with CRS, nodata (outside the region
where nothing was spread), overviews and tags naming the layers, weight, kernel, plans and the share of
the weight spread over whole banners or leagues.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry.base import BaseGeometry

from geoplan.atlas.summary import MEASURES, measure_values
from geoplan.errors import InputError, RenderError
from geoplan.io import atomic_path

NODATA = -9999.0
KERNEL = "quartic"
BLOCK = 256
#: the most cells a density grid may have (about 1.6 GB of float32 work arrays at most)
MAX_CELLS = 100_000_000
COARSE = {"banner": "banners", "league": "leagues", "province": "region"}
Progress = Callable[[int, int, str], None]
#: the default CRS of density grids: the Albers equal-area conic of maps of China (standard parallels 25° and 47°
#: N, central meridian 105° E), so a value per km² of the grid is per km² on the ground.
EQUAL_AREA_CRS = (
    "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
)
#: the default cell size of density grids in metres (about 480 × 340 cells over the region).
DEFAULT_RES_M = 5_000.0


@dataclass
class Density:
    """A density grid (weight per km², float32, north up) and what went into it."""

    values: np.ndarray
    transform: object  # affine.Affine
    crs: CRS
    tags: dict[str, str] = field(default_factory=dict)
    total_weight: float = 0.0
    spread: dict[str, float] = field(default_factory=dict)  # weight by how it was spread

    @property
    def cell_area_km2(self) -> float:
        return abs(self.transform.a * self.transform.e) / 1e6

    def integral(self) -> float:
        """Sum of the valid cells times the cell area: the weight on the grid."""
        valid = self.values[self.values != NODATA]
        return float(valid.sum(dtype=np.float64) * self.cell_area_km2)


def projected_crs(value: str) -> CRS:
    """A projected CRS in metres from any pyproj spelling ('EPSG:3857', a proj string …)."""
    try:
        crs = CRS.from_user_input(value)
    except CRSError:
        raise InputError(f"unknown CRS {value!r}") from None
    if not crs.is_projected or crs.axis_info[0].unit_name not in ("metre", "meter"):
        raise InputError(f"{value}: a density grid needs a projected CRS in metres (e.g. EPSG:3857)")
    return crs


def weight_fields(frame: pd.DataFrame | None = None) -> list[str]:
    """Weights a density can use: the summed measures (invest_yi …) and any numeric column of ``frame``."""
    numeric = []
    if frame is not None:
        numeric = [
            c
            for c in frame.columns
            if pd.api.types.is_numeric_dtype(frame[c]) and c not in ("item", "page", "approximate")
        ]
    return [m.key for m in MEASURES] + numeric


def _weights(frame: gpd.GeoDataFrame, weight: str | None) -> np.ndarray:
    if weight is None:
        return np.ones(len(frame))
    if weight in {m.key for m in MEASURES}:
        return np.array([measure_values(q)[weight] for q in frame["quantities"].fillna("[]")], dtype=float)
    if weight in frame.columns and pd.api.types.is_numeric_dtype(frame[weight]):
        return frame[weight].fillna(0).to_numpy(dtype=float)
    raise InputError(f"unknown weight {weight!r}; use one of {', '.join(weight_fields(frame))}")


def _grid(
    region: BaseGeometry, crs: CRS, res: float, pad: float
) -> tuple[object, tuple[int, int], BaseGeometry]:
    """The grid transform and shape covering the region (in ``crs``) padded by ``pad`` metres."""
    # imported here, not at the top: rasterio (GDAL) is heavy; only raster paths load it
    from rasterio.transform import from_origin

    projected = gpd.GeoSeries([region], crs="EPSG:4326").to_crs(crs).iloc[0]
    minx, miny, maxx, maxy = projected.bounds
    minx, miny = math.floor((minx - pad) / res) * res, math.floor((miny - pad) / res) * res
    maxx, maxy = math.ceil((maxx + pad) / res) * res, math.ceil((maxy + pad) / res) * res
    shape = (round((maxy - miny) / res), round((maxx - minx) / res))
    cells = shape[0] * shape[1]
    if cells > MAX_CELLS:
        # the grid reaches one kernel radius beyond the region: a radius wider than the region is the cause
        wide = pad > max(projected.bounds[2] - projected.bounds[0], projected.bounds[3] - projected.bounds[1])
        around = f" and a {pad:g} m radius around it" if wide else ""
        count = f"{cells:,}" if cells < 10**12 else f"over 10^{len(str(cells)) - 1}"
        remedy = "use a smaller --bandwidth" if wide else "use a coarser --res"
        raise InputError(
            f"a {res:g} m grid over the region{around} has {count} cells (at most {MAX_CELLS:,}); {remedy}"
        )
    return from_origin(minx, maxy, res, res), shape, projected


class _Spreader:
    """Adds weights to a grid: evenly over polygons (cached masks) or by the kernel at points."""

    def __init__(self, values: np.ndarray, transform: object, res: float, bandwidth: float) -> None:
        self.values, self.transform, self.res, self.bandwidth = values, transform, res, bandwidth
        self.cell_km2 = res * res / 1e6
        self._masks: dict[bytes, tuple[tuple[slice, slice], np.ndarray] | None] = {}
        self._even: dict[bytes, float] = {}  # weight per polygon, spread by finish()
        self.mass = np.zeros(values.shape, dtype=np.float64)  # weight put at points, before the kernel

    def _window(self, bounds: tuple[float, float, float, float]) -> tuple[slice, slice] | None:
        height, width = self.values.shape
        inverse = ~self.transform
        col0, row0 = inverse @ (bounds[0], bounds[3])
        col1, row1 = inverse @ (bounds[2], bounds[1])
        rows = slice(max(0, math.floor(row0)), min(height, math.ceil(row1) + 1))
        cols = slice(max(0, math.floor(col0)), min(width, math.ceil(col1) + 1))
        if rows.start >= rows.stop or cols.start >= cols.stop:
            return None
        return rows, cols

    def _rasterize(self, polygon: BaseGeometry) -> tuple[tuple[slice, slice], np.ndarray] | None:
        # imported here, not at the top: rasterio (GDAL) is heavy; only raster paths load it
        from rasterio.features import rasterize
        from rasterio.windows import Window
        from rasterio.windows import transform as window_transform

        window = self._window(polygon.bounds)
        if window is None:
            return None
        rows, cols = window
        shape = (rows.stop - rows.start, cols.stop - cols.start)
        local = window_transform(Window(cols.start, rows.start, shape[1], shape[0]), self.transform)
        for all_touched in (False, True):  # a polygon smaller than a cell still gets the cells it touches
            mask = rasterize([(polygon, 1)], out_shape=shape, transform=local, all_touched=all_touched)
            if mask.any():
                return window, mask.astype(bool)
        return None

    def even(self, polygon: BaseGeometry, weight: float) -> bool:
        """Spread ``weight`` evenly over the polygon's cells (applied by :meth:`finish`); False when the
        polygon misses the grid."""
        key = shapely.to_wkb(polygon)
        if key not in self._masks:
            self._masks[key] = self._rasterize(polygon)
        if self._masks[key] is None:
            return False
        self._even[key] = self._even.get(key, 0.0) + weight
        return True

    def kernel(self, x: np.ndarray, y: np.ndarray, weight: float) -> int:
        """Put ``weight`` (split evenly over the points) at the points' cells, for :meth:`convolve`;
        returns how many points fell on the grid."""
        inverse = ~self.transform
        cols, rows = inverse @ (np.asarray(x, dtype=float), np.asarray(y, dtype=float))
        rows, cols = np.floor(rows).astype(int), np.floor(cols).astype(int)
        on = (rows >= 0) & (rows < self.mass.shape[0]) & (cols >= 0) & (cols < self.mass.shape[1])
        np.add.at(self.mass, (rows[on], cols[on]), weight / max(len(rows), 1))
        return int(on.sum())

    def finish(self) -> None:
        """Apply the polygon weights (once per distinct polygon) and the point masses (by the kernel)."""
        for key, weight in self._even.items():
            (rows, cols), mask = self._masks[key]
            self.values[rows, cols][mask] += np.float32(weight / (mask.sum() * self.cell_km2))
        self._convolve()

    def _convolve(self) -> None:
        """Spread the point masses by the quartic kernel: one stamp per occupied cell, cut at the grid's
        edge and renormalised there, so that no weight is lost."""
        reach = self.bandwidth / self.res
        half = math.ceil(reach)
        offsets = np.arange(-half, half + 1)
        d2 = (offsets[:, None] ** 2 + offsets[None, :] ** 2) / max(reach, 1e-9) ** 2
        stamp = np.where(d2 < 1, (1 - d2) ** 2, 0.0)
        if not stamp.sum():  # a kernel narrower than a cell: the cell itself
            stamp, half = np.ones((1, 1)), 0
        height, width = self.values.shape
        for row, col in zip(*np.nonzero(self.mass), strict=True):
            r0, r1 = max(0, row - half), min(height, row + half + 1)
            c0, c1 = max(0, col - half), min(width, col + half + 1)
            part = stamp[r0 - row + half : r1 - row + half, c0 - col + half : c1 - col + half]
            self.values[r0:r1, c0:c1] += (part * (self.mass[row, col] / (part.sum() * self.cell_km2))).astype(
                self.values.dtype
            )


def _parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    return list(getattr(geometry, "geoms", [geometry]))


def density(
    frames: Mapping[str, gpd.GeoDataFrame],
    layer_ids: Sequence[str],
    *,
    res: float,
    crs: str,
    bandwidth: float,
    weight: str | None = None,
    plans: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> Density:
    """The density surface of the projects of ``layer_ids`` (see the module docstring)."""
    if not all(math.isfinite(value) and value > 0 for value in (res, bandwidth)):  # nan and inf too
        raise InputError(
            f"--res and --bandwidth must be positive numbers of metres, not {res:g} and {bandwidth:g}"
        )
    target = projected_crs(crs)
    unknown = [name for name in layer_ids if name not in frames or "feature_id" not in frames[name]]
    if unknown:
        raise InputError(f"no thematic layer {', '.join(unknown)} in the atlas")
    if "leagues" not in frames or "banners" not in frames:
        raise InputError("the atlas has no leagues/banners layers to spread coarse locations over")
    projects = pd.concat([frames[name] for name in layer_ids], ignore_index=True)
    projects = gpd.GeoDataFrame(projects, geometry="geometry", crs=frames[layer_ids[0]].crs)
    projects = projects[projects["kind"] == "project"]
    if plans:
        wanted = {p for plan in plans for p in (plan, Path(plan).name)}
        projects = projects[
            projects["plan"].isin(wanted) | projects["plan"].map(lambda n: Path(n).stem in wanted)
        ]
        if projects.empty:
            raise InputError(f"no project of plan {', '.join(plans)} in layer(s) {', '.join(layer_ids)}")
    weights = _weights(projects, weight)
    keep = (weights > 0) & ~projects.geometry.is_empty.to_numpy()
    projects, weights = projects[keep].to_crs(target), weights[keep]

    leagues = frames["leagues"].to_crs(target)
    banners = frames["banners"].to_crs(target)
    region_wgs84 = shapely.union_all(np.asarray(frames["leagues"].geometry.values, dtype=object))
    transform, shape, region = _grid(region_wgs84, target, res, bandwidth)
    values = np.zeros(shape, dtype=np.float32)
    spreader = _Spreader(values, transform, res, bandwidth)
    areas = {"banners": banners, "leagues": leagues}
    spread = {"kernel": 0.0, "polygon": 0.0, "banners": 0.0, "leagues": 0.0, "region": 0.0, "off grid": 0.0}
    total = len(projects)
    for index, (geometry, precision, w) in enumerate(
        zip(projects.geometry, projects["precision"], weights, strict=True), start=1
    ):
        for how, amount in _spread_one(spreader, geometry, precision, float(w), areas, region):
            spread[how] += amount
        if progress and (index % 25 == 0 or index == total):
            progress(index, total, "spreading")
    spreader.finish()
    # nodata: outside the region, where nothing was spread
    from rasterio.features import rasterize

    inside = rasterize([(region, 1)], out_shape=shape, transform=transform, all_touched=True).astype(bool)
    values[~inside & (values == 0)] = NODATA
    total_weight = float(weights.sum())
    grid = Density(values, transform, target, total_weight=total_weight, spread=spread)
    grid.tags = _tags(layer_ids, weight, bandwidth, res, projects, spread, total_weight)
    return grid


def _spread_one(
    spreader: _Spreader,
    geometry: BaseGeometry,
    precision: str,
    weight: float,
    areas: Mapping[str, gpd.GeoDataFrame],
    region: BaseGeometry,
) -> list[tuple[str, float]]:
    """Spread one project; returns (how, weight) pairs, how being 'off grid' for parts that missed it."""

    def said(how: str, amount: float, ok: bool) -> tuple[str, float]:
        return (how if ok else "off grid", amount)

    kind = geometry.geom_type
    if kind in ("Polygon", "MultiPolygon"):
        return [said(COARSE.get(precision, "polygon"), weight, spreader.even(geometry, weight))]
    parts = _parts(geometry)
    share = weight / len(parts)
    done: list[tuple[str, float]] = []
    if kind in ("LineString", "MultiLineString"):
        for line in parts:  # evenly along the line: points every half cell, each with its share
            count = max(2, math.ceil(line.length / (spreader.res / 2)) + 1)
            points = shapely.line_interpolate_point(line, np.linspace(0, line.length, count))
            xy = shapely.get_coordinates(points)
            ok = spreader.kernel(xy[:, 0], xy[:, 1], share)
            done += [("kernel", share * ok / count), ("off grid", share * (count - ok) / count)]
        return done
    coarse = COARSE.get(precision)
    for point in parts:
        area = None
        if coarse is not None:
            area = region if coarse == "region" else _containing(areas[coarse], point)
        if area is None:  # a precise point, or one outside every banner/league (a neighbouring province)
            done.append(said("kernel", share, bool(spreader.kernel([point.x], [point.y], share))))
        else:
            done.append(said(coarse, share, spreader.even(area, share)))
    return done


def _containing(areas: gpd.GeoDataFrame, point: BaseGeometry) -> BaseGeometry | None:
    hits = areas.sindex.query(point, predicate="intersects")
    return areas.geometry.iloc[int(hits[0])] if len(hits) else None


def _tags(
    layer_ids: Sequence[str],
    weight: str | None,
    bandwidth: float,
    res: float,
    projects: pd.DataFrame,
    spread: Mapping[str, float],
    total: float,
) -> dict[str, str]:
    def share(*keys: str) -> str:
        return f"{sum(spread[k] for k in keys) / total:.4f}" if total else "0"

    unit = next((f"{m.unit}/km²" for m in MEASURES if m.key == weight), "projects/km²" if not weight else "")
    return {
        "GEOPLAN_LAYERS": ",".join(layer_ids),
        "GEOPLAN_WEIGHT": weight or "count",
        "GEOPLAN_UNITS": unit or f"{weight}/km²",
        "GEOPLAN_KERNEL": f"{KERNEL}, radius {bandwidth:g} m; banner/league-precision projects spread evenly "
        "over the banner/league",
        "GEOPLAN_BANDWIDTH_M": f"{bandwidth:g}",
        "GEOPLAN_RES_M": f"{res:g}",
        "GEOPLAN_PLANS": ";".join(sorted(projects["plan"].unique())) if len(projects) else "",
        "GEOPLAN_PROJECTS": str(len(projects)),
        "GEOPLAN_TOTAL_WEIGHT": f"{total:.6g}",
        "GEOPLAN_SHARE_BANNERS": share("banners"),
        "GEOPLAN_SHARE_LEAGUES": share("leagues", "region"),
        "GEOPLAN_SHARE_POLYGONS": share("polygon"),
        "GEOPLAN_SHARE_KERNEL": share("kernel"),
        "GEOPLAN_SHARE_OFF_GRID": share("off grid"),
    }


def legend_lines(tags: Mapping[str, str]) -> list[str]:
    """What a density legend says: weight, kernel, plans and how much was spread over whole areas."""
    lines = [
        f"密度：{tags.get('GEOPLAN_WEIGHT', '')}（{tags.get('GEOPLAN_UNITS', '')}），"
        f"图层 {tags.get('GEOPLAN_LAYERS', '')}",
        f"核：{tags.get('GEOPLAN_KERNEL', '')}",
    ]
    banners = float(tags.get("GEOPLAN_SHARE_BANNERS", 0) or 0)
    leagues = float(tags.get("GEOPLAN_SHARE_LEAGUES", 0) or 0)
    lines.append(
        f"{banners:.0%} 的权重均匀分布于整个旗县区，{leagues:.0%} 均匀分布于整个盟市（定位精度所限，非热点）"
    )
    if tags.get("GEOPLAN_PLANS"):
        lines.append(f"规划：{tags['GEOPLAN_PLANS'].replace(';', '、')}")
    return lines


def overview_factors(shape: tuple[int, int], smallest: int = BLOCK) -> list[int]:
    """Overview levels 2, 4, 8 … down to about one block."""
    factors, factor = [], 2
    while max(shape) / factor >= smallest / 2:
        factors.append(factor)
        factor *= 2
    return factors or [2]


def write_geotiff(
    path: str | Path,
    bands: np.ndarray,
    transform: object,
    crs: CRS,
    *,
    nodata: float | None = None,
    tags: Mapping[str, str] | None = None,
    photometric: str | None = None,
    resampling: str = "average",
) -> Path:
    """Write ``bands`` ((rows, cols) or (bands, rows, cols)) as a tiled, deflate-compressed GeoTIFF with
    internal overviews, atomically."""
    # imported here, not at the top: rasterio (GDAL) is heavy; only raster paths load it
    import rasterio
    from rasterio.enums import Resampling

    data = bands[None, ...] if bands.ndim == 2 else bands
    profile = {
        "driver": "GTiff",
        "width": data.shape[2],
        "height": data.shape[1],
        "count": data.shape[0],
        "dtype": data.dtype.name,
        "crs": crs,
        "transform": transform,
        "tiled": True,
        "blockxsize": BLOCK,
        "blockysize": BLOCK,
        "compress": "deflate",
        "predictor": 3 if data.dtype.kind == "f" else 2,
        "nodata": nodata,
        "BIGTIFF": "IF_SAFER",
    }
    if photometric:
        profile["photometric"] = photometric
    path = Path(path)
    try:
        with atomic_path(path, suffix=".tif") as tmp:
            with rasterio.open(tmp, "w", **profile) as dst:
                dst.write(data)
                dst.update_tags(**dict(tags or {}))
                dst.build_overviews(overview_factors(data.shape[1:]), getattr(Resampling, resampling))
                dst.update_tags(ns="rio_overview", resampling=resampling)
    except OSError as error:
        raise RenderError(f"{path}: cannot write the GeoTIFF: {error}") from None
    return path


def write_density(grid: Density, path: str | Path) -> Path:
    """Write a density grid as a GeoTIFF (float32, nodata :data:`NODATA`, tags of :func:`density`)."""
    return write_geotiff(path, grid.values, grid.transform, grid.crs, nodata=NODATA, tags=grid.tags)
