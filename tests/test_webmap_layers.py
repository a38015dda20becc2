"""Raster overlays and choropleths for the web map: reprojection to EPSG:3857, size limit, panes, legends."""

from __future__ import annotations

import html
import io

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin

from geoplan.atlas.schema import read_atlas
from geoplan.errors import InputError
from geoplan.output import webmap, webmap_layers
from geoplan.output.choropleth import classify

RAMP_TRANSFORM = from_origin(107.0, 40.0, 0.01, 0.01)  # 0.01° pixels from 107°E, 40°N


def geotiff_bytes(crs: str | None = "EPSG:4326", size: tuple[int, int] = (100, 200)) -> bytes:
    """A one-band GeoTIFF: a west-east ramp over 107–109°E, 39–40°N."""
    rows, cols = size
    transform = RAMP_TRANSFORM
    data = np.tile(np.linspace(0, 100, cols, dtype=np.float32), (rows, 1))
    buffer = io.BytesIO()
    with rasterio.MemoryFile() as memory:
        with memory.open(
            driver="GTiff", width=cols, height=rows, count=1, dtype="float32", crs=crs, transform=transform
        ) as dataset:
            dataset.write(data, 1)
        buffer.write(memory.read())
    return buffer.getvalue()


def test_an_uploaded_geotiff_is_reprojected_to_the_web_map():
    overlay = webmap_layers.raster_overlay(geotiff_bytes(), "ramp.tif")
    (south, west), (north, east) = overlay.bounds
    assert (west, east) == pytest.approx((107.0, 109.0), abs=0.01)  # within a source pixel
    assert (south, north) == pytest.approx((39.0, 40.0), abs=0.01)
    assert overlay.image.dtype == np.uint8 and overlay.image.shape[2] == 4
    red = overlay.image[..., 0].astype(int)  # viridis: the ramp's right end is yellow (more red)
    assert red[:, -5:].mean() > red[:, :5].mean() + 100
    assert "ramp.tif" in overlay.legend


def test_rasters_that_are_too_large_or_not_georeferenced_are_refused():
    with pytest.raises(InputError, match="MB"):
        webmap_layers.check_raster_size(webmap_layers.MAX_RASTER_BYTES + 1, "big.tif")
    with pytest.raises(InputError, match="not georeferenced"):
        webmap_layers.raster_overlay(geotiff_bytes(crs=None), "plain.tif")
    with pytest.raises(InputError, match="not a readable GeoTIFF"):
        webmap_layers.raster_overlay(b"not a tiff at all", "text.tif")


def test_rasters_go_under_the_vector_layers_with_a_legend(atlas_path):
    atlas = read_atlas(atlas_path)
    fmap = webmap.build_map(atlas)
    overlay = webmap_layers.raster_overlay(geotiff_bytes(), "ramp.tif")
    webmap_layers.add_raster(fmap, overlay, 0.6)
    webmap_layers.add_legends(fmap, [overlay.legend])
    page = webmap.map_html(fmap)
    assert f'"{webmap_layers.RASTER_PANE}"' in page and "350" in page
    assert "geoplan-raster-legend" in page and '"opacity": 0.6' in page


def test_a_choropleth_layer_fills_areas_by_class(tmp_path, plan_files, shipped_gazetteer):
    from geoplan.atlas.build import build_layers

    atlas = build_layers([p for p in plan_files if p.name.startswith("003")], shipped_gazetteer)
    field = next(c for c in atlas["banners"].columns if c.endswith("_projects"))
    classed = classify(atlas, field, scheme="quantiles", k=3)
    fmap = webmap.build_map(atlas)
    legend = webmap_layers.add_choropleth(fmap, atlas["banners"], classed)
    assert all(html.escape(label) in legend for label in classed.labels) and "编制单位辖区" in legend
    assert classed.colors[-1] in webmap.map_html(fmap)
