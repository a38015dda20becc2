"""Georeferenced map images: a GeoTIFF from `render` lies on the exported vector layers within one pixel."""

from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import pyogrio
import pytest
import rasterio
import shapely
from click.testing import CliRunner
from pyproj import Transformer

from geoplan.atlas.schema import read_atlas
from geoplan.cli import cli
from geoplan.output.export import export_layers
from geoplan.output.render.compose import MAP_CRS, render_report

BBOX = (106.0, 37.5, 112.0, 42.0)  # Ordos and its neighbours


@pytest.fixture(scope="module")
def rendered(atlas_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("georef")
    leagues = {"leagues": read_atlas(atlas_path, ["leagues"])["leagues"]}
    tif = folder / "map.tif"
    render_report(leagues, tif, fmt="tif", bbox=BBOX, dpi=100, title="t", subtitle="")
    export_layers(leagues, folder / "leagues.geojson", "geojson")
    return tif, folder / "leagues.geojson"


def _boundary_samples(geojson, bounds, step_m=5_000.0):
    """Points every ``step_m`` along the exported league boundaries, in the map's CRS, inside ``bounds``."""
    frame = pyogrio.read_dataframe(geojson).to_crs(MAP_CRS)
    lines = shapely.boundary(np.asarray(frame.geometry.values, dtype=object))
    points = []
    for line in lines:
        distances = np.arange(0, line.length, step_m)
        points.append(shapely.get_coordinates(shapely.line_interpolate_point(line, distances)))
    xy = np.concatenate(points)
    minx, miny, maxx, maxy = bounds
    margin = 20 * 4_000.0
    keep = (
        (xy[:, 0] > minx + margin)
        & (xy[:, 0] < maxx - margin)
        & (xy[:, 1] > miny + margin)
        & (xy[:, 1] < maxy - margin)
    )
    return xy[keep]


def _hit_rate(image, transform, xy, shift=(0, 0)):
    """Share of the points with a dark boundary pixel (the leagues' #555555 line) within one pixel."""
    dark = image.max(axis=0) < 140
    cols, rows = (~transform) @ (xy[:, 0], xy[:, 1])
    rows, cols = np.floor(rows).astype(int) + shift[0], np.floor(cols).astype(int) + shift[1]
    hits = np.zeros(len(xy), dtype=bool)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            r = np.clip(rows + dr, 0, dark.shape[0] - 1)
            c = np.clip(cols + dc, 0, dark.shape[1] - 1)
            hits |= dark[r, c]
    return hits.mean()


def test_the_geotiff_map_overlays_the_exported_leagues_within_one_pixel(rendered):
    tif, geojson = rendered
    with rasterio.open(tif) as dataset:
        assert dataset.crs == rasterio.crs.CRS.from_wkt(MAP_CRS.to_wkt())
        image, transform = dataset.read(), dataset.transform
        assert dataset.count == 3 and dataset.overviews(1)
        xy = _boundary_samples(geojson, dataset.bounds)
    assert len(xy) > 200
    assert _hit_rate(image, transform, xy) > 0.97
    assert _hit_rate(image, transform, xy, shift=(4, 4)) < 0.5  # four pixels off: most samples miss


def test_the_geotiff_map_covers_the_asked_box(rendered):
    tif, _ = rendered
    with rasterio.open(tif) as dataset:
        to_lonlat = Transformer.from_crs(MAP_CRS, "EPSG:4326", always_xy=True)
        minx, miny, maxx, maxy = to_lonlat.transform_bounds(*dataset.bounds)
    # the map frame shows at least the box (widened on one side to the frame's shape)
    assert minx <= BBOX[0] + 0.05 and maxx >= BBOX[2] - 0.05
    assert miny <= BBOX[1] + 0.05 and maxy >= BBOX[3] - 0.05


def test_gdalinfo_reads_the_map_and_a_png_world_file(rendered, atlas_path, tmp_path):
    tif, _ = rendered
    gdalinfo = shutil.which("gdalinfo")
    assert gdalinfo, "gdal-bin is needed (apt-get install gdal-bin)"
    info = json.loads(subprocess.run([gdalinfo, "-json", str(tif)], capture_output=True, check=True).stdout)
    assert "Lambert" in info["coordinateSystem"]["wkt"] and info["bands"][0]["overviews"]
    png = tmp_path / "map.png"
    args = ["render", str(atlas_path), "--layers", "leagues", "--bbox", ",".join(map(str, BBOX))]
    result = CliRunner().invoke(cli, [*args, "--dpi", "60", "--out", str(png), "--world-file"])
    assert result.exit_code == 0, result.output
    assert png.with_suffix(".pgw").is_file()
    info = json.loads(subprocess.run([gdalinfo, "-json", str(png)], capture_output=True, check=True).stdout)
    pixel = info["geoTransform"][1]
    assert pixel > 0 and info["geoTransform"][5] == pytest.approx(-pixel)  # square pixels, north up
    assert "Lambert" in info["coordinateSystem"]["wkt"]
    refused = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "m.pdf"), "--world-file"])
    assert refused.exit_code == 2


def test_a_choropleth_needs_its_class_count(atlas_path, tmp_path):
    args = ["render", str(atlas_path), "--out", str(tmp_path / "c.png"), "--choropleth", "x_projects"]
    result = CliRunner().invoke(cli, [*args, "--scheme", "quantiles"])
    assert result.exit_code == 2 and "--classes" in result.output
