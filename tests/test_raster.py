"""Density rasters: honest to precision, integral = total weight, GeoTIFFs checked with rasterio and gdalinfo."""

from __future__ import annotations

import json
import shutil
import subprocess

import geopandas as gpd
import numpy as np
import pytest
import rasterio
from click.testing import CliRunner
from pyproj import Geod, Transformer
from shapely.geometry import Point, box

from geoplan.atlas.schema import BASE_COLUMNS, FEATURE_COLUMNS, read_atlas
from geoplan.cli import cli
from geoplan.output.raster import NODATA, density, write_density

WEB = "EPSG:3857"
KM = 1000.0
# two banners of one league, as squares on a 10 km grid in EPSG:3857 (north of Ordos, inside the region's box)
X0, Y0 = 12_000_000.0, 4_900_000.0
BANNER_A = box(X0, Y0, X0 + 200 * KM, Y0 + 200 * KM)  # 40 000 km² of map units: 400 cells of 10 km
BANNER_B = box(X0 + 200 * KM, Y0, X0 + 300 * KM, Y0 + 200 * KM)  # 200 cells


def _wgs84(geometries):
    return list(gpd.GeoSeries(geometries, crs=WEB).to_crs("EPSG:4326"))


def _base(names, geometries, league="盟"):
    rows = [{**dict.fromkeys(BASE_COLUMNS, ""), "name": n, "league": league} for n in names]
    return gpd.GeoDataFrame(rows, geometry=_wgs84(geometries), crs="EPSG:4326")


def _project(geometry, precision, *, quantities="[]", plan="p.txt"):
    return {
        **dict.fromkeys(FEATURE_COLUMNS, ""),
        "kind": "project",
        "plan": plan,
        "precision": precision,
        "quantities": quantities,
        "geometry": geometry,
    }


def _frames(projects):
    geometries = _wgs84([p.pop("geometry") for p in projects])
    return {
        "leagues": _base(["盟"], [BANNER_A.union(BANNER_B)]),
        "banners": _base(["甲旗", "乙旗"], [BANNER_A, BANNER_B]),
        "industry": gpd.GeoDataFrame(projects, geometry=geometries, crs="EPSG:4326"),
    }


def _value_at(grid, x, y):
    col, row = ~grid.transform @ (x, y)
    return float(grid.values[int(row), int(col)])


def test_a_banner_precision_project_adds_the_same_value_everywhere_in_its_banner():
    weight = 8.0  # 亿元
    quantities = json.dumps([{"value_si": weight * 1e8, "unit_si": "CNY"}])
    # a point standing for banner A (its centroid) at banner precision
    frames = _frames([_project(BANNER_A.centroid, "banner", quantities=quantities)])
    grid = density(frames, ["industry"], res=10 * KM, crs=WEB, bandwidth=30 * KM, weight="invest_yi")
    inside = [
        _value_at(grid, X0 + (i + 0.5) * 10 * KM, Y0 + (j + 0.5) * 10 * KM)
        for i in range(20)
        for j in range(20)
    ]
    assert np.allclose(inside, weight / 40_000.0, rtol=1e-6)  # 8 亿元 over 40 000 km², not a centroid peak
    assert _value_at(grid, X0 + 250 * KM, Y0 + 100 * KM) == 0.0  # banner B gets nothing
    assert grid.spread["banners"] == pytest.approx(weight)
    assert grid.tags["GEOPLAN_SHARE_BANNERS"] == "1.0000"


def test_a_league_precision_project_spreads_over_its_league_and_a_point_by_its_kernel():
    frames = _frames(
        [
            _project(Point(X0 + 50 * KM, Y0 + 50 * KM), "league"),
            _project(Point(X0 + 155 * KM, Y0 + 155 * KM), "point"),
        ]
    )
    grid = density(frames, ["industry"], res=10 * KM, crs=WEB, bandwidth=5 * KM)
    # the league (600 cells of 100 km²) carries 1 project evenly; the point's kernel is narrower than a cell
    assert _value_at(grid, X0 + 255 * KM, Y0 + 5 * KM) == pytest.approx(1 / 60_000, rel=1e-6)
    assert _value_at(grid, X0 + 155 * KM, Y0 + 155 * KM) == pytest.approx(1 / 60_000 + 1 / 100, rel=1e-6)
    assert grid.integral() == pytest.approx(2.0, rel=1e-6)
    assert grid.tags["GEOPLAN_SHARE_LEAGUES"] == "0.5000" and grid.tags["GEOPLAN_SHARE_KERNEL"] == "0.5000"


def test_kernel_spread_keeps_the_weight_and_stays_within_its_radius():
    frames = _frames([_project(Point(X0 + 105 * KM, Y0 + 105 * KM), "town")])
    grid = density(frames, ["industry"], res=KM, crs=WEB, bandwidth=20 * KM)
    assert grid.integral() == pytest.approx(1.0, rel=1e-6)
    assert _value_at(grid, X0 + 105 * KM, Y0 + 130 * KM) == 0.0  # 25 km away: outside the radius
    assert _value_at(grid, X0 + 105 * KM, Y0 + 105 * KM) > _value_at(grid, X0 + 105 * KM, Y0 + 115 * KM) > 0


@pytest.fixture(scope="module")
def atlas(atlas_path):
    return read_atlas(atlas_path)


@pytest.fixture(scope="module")
def whole_atlas_tif(atlas, tmp_path_factory):
    thematic = [name for name, frame in atlas.items() if "feature_id" in frame.columns]
    grid = density(atlas, thematic, res=5 * KM, crs=WEB, bandwidth=20 * KM)
    path = write_density(grid, tmp_path_factory.mktemp("raster") / "density.tif")
    return grid, path


def test_the_atlas_density_integrates_to_its_project_count(atlas, whole_atlas_tif):
    grid, path = whole_atlas_tif
    projects = sum(int((f["kind"] == "project").sum()) for f in atlas.values() if "kind" in f.columns)
    assert grid.total_weight == projects
    with rasterio.open(path) as dataset:
        values = dataset.read(1, masked=True)
        cell_km2 = abs(dataset.transform.a * dataset.transform.e) / 1e6
        assert float(values.sum()) * cell_km2 == pytest.approx(projects, rel=0.01)


def test_the_geotiff_has_crs_transform_nodata_overviews_and_tags(whole_atlas_tif):
    grid, path = whole_atlas_tif
    with rasterio.open(path) as dataset:
        assert dataset.crs.to_epsg() == 3857
        assert dataset.transform == grid.transform and dataset.res == (5 * KM, 5 * KM)
        assert dataset.nodata == NODATA
        assert dataset.overviews(1) == [2, 4]  # down to about one 256-pixel block
        assert dataset.profile["tiled"] and dataset.profile["compress"] == "deflate"
        tags = dataset.tags()
        assert tags["GEOPLAN_WEIGHT"] == "count" and tags["GEOPLAN_KERNEL"].startswith("quartic")
        assert float(tags["GEOPLAN_SHARE_BANNERS"]) + float(tags["GEOPLAN_SHARE_LEAGUES"]) > 0.5
        # far outside the region (the grid's north-west corner): nodata
        assert next(dataset.sample([dataset.xy(0, 0)]))[0] == NODATA


def test_gdalinfo_reads_the_density_geotiff(whole_atlas_tif):
    grid, path = whole_atlas_tif
    gdalinfo = shutil.which("gdalinfo")
    assert gdalinfo, "gdal-bin is needed (apt-get install gdal-bin)"
    info = json.loads(subprocess.run([gdalinfo, "-json", str(path)], capture_output=True, check=True).stdout)
    assert info["size"] == [grid.values.shape[1], grid.values.shape[0]]
    assert info["geoTransform"] == [grid.transform.c, 5000.0, 0.0, grid.transform.f, 0.0, -5000.0]
    assert 'ID["EPSG",3857]' in info["coordinateSystem"]["wkt"]
    band = info["bands"][0]
    assert band["noDataValue"] == NODATA and len(band["overviews"]) == 2
    assert info["metadata"][""]["GEOPLAN_LAYERS"].startswith("ecology")
    assert info["metadata"]["IMAGE_STRUCTURE"]["COMPRESSION"] == "DEFLATE"


def test_cli_writes_a_weighted_density_and_refuses_bad_input(tmp_path, atlas_path):
    out = tmp_path / "invest.tif"
    args = ["raster", str(atlas_path), "--layer", "industry", "--weight", "invest_yi", "--res", "5000"]
    result = CliRunner().invoke(cli, [*args, "--crs", WEB, "--out", str(out)])
    assert result.exit_code == 0, result.output
    with rasterio.open(out) as dataset:
        assert dataset.tags()["GEOPLAN_WEIGHT"] == "invest_yi"
    again = CliRunner().invoke(cli, [*args, "--crs", WEB, "--out", str(out)])
    assert again.exit_code == 2 and "--overwrite" in again.output
    geographic = CliRunner().invoke(cli, [*args, "--crs", "EPSG:4326", "--out", str(tmp_path / "g.tif")])
    assert geographic.exit_code == 2 and "projected CRS" in geographic.output
    weight = CliRunner().invoke(
        cli, [*args[:4], "--weight", "nope", "--res", "5000", "--crs", WEB, "--out", str(tmp_path / "w.tif")]
    )
    assert weight.exit_code == 2 and "unknown weight" in weight.output


def _ground_km2_of_cell(dataset, row: int, col: int) -> float:
    """The area on the ellipsoid of one cell of ``dataset`` (km²), from its corners in lon/lat."""
    to_lonlat = Transformer.from_crs(dataset.crs.to_wkt(), "EPSG:4326", always_xy=True)
    x0, y0 = dataset.transform * (col, row)
    x1, y1 = dataset.transform * (col + 1, row + 1)
    corners = [to_lonlat.transform(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
    area, _ = Geod(ellps="WGS84").polygon_area_perimeter(*zip(*corners, strict=True))
    return abs(area) / 1e6


def test_cli_default_grid_is_equal_area_so_values_are_per_ground_km2(tmp_path, atlas_path):
    out = tmp_path / "default.tif"
    result = CliRunner().invoke(cli, ["raster", str(atlas_path), "--layer", "industry", "--out", str(out)])
    assert result.exit_code == 0, result.output
    web = tmp_path / "web.tif"
    result = CliRunner().invoke(
        cli, ["raster", str(atlas_path), "--layer", "industry", "--crs", WEB, "--out", str(web)]
    )
    assert result.exit_code == 0, result.output
    with rasterio.open(out) as dataset:
        assert dataset.res == (5 * KM, 5 * KM)  # the default cell size
        nominal = dataset.res[0] * dataset.res[1] / 1e6
        rows, cols = dataset.height, dataset.width
        for row, col in ((0, 0), (rows // 2, cols // 2), (rows - 1, cols - 1)):
            assert _ground_km2_of_cell(dataset, row, col) == pytest.approx(nominal, rel=0.005)
    with rasterio.open(web) as dataset:  # Web Mercator's cells cover about half their nominal km² here
        nominal = dataset.res[0] * dataset.res[1] / 1e6
        middle = _ground_km2_of_cell(dataset, dataset.height // 2, dataset.width // 2)
        assert 0.4 < middle / nominal < 0.7


def test_a_grid_too_large_names_the_option_that_made_it(tmp_path, atlas_path):
    """A kernel radius wider than the region is what makes the grid too large: the error names --bandwidth
    (it said "use a coarser --res" with a 600-digit cell count); a too fine --res is still named."""
    base = ["raster", str(atlas_path), "--layer", "industry", "--out"]
    wide = CliRunner().invoke(cli, [*base, str(tmp_path / "w.tif"), "--bandwidth", "1e300"])
    assert wide.exit_code == 2, wide.output
    [error] = wide.output.strip().splitlines()  # one line: no progress label before it off a terminal
    assert error.endswith("use a smaller --bandwidth") and len(error) < 200, error
    fine = CliRunner().invoke(cli, [*base, str(tmp_path / "f.tif"), "--res", "1e-7"])
    assert fine.exit_code == 2 and fine.output.strip().endswith("use a coarser --res"), fine.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(("option", "value"), [("--res", "nan"), ("--res", "inf"), ("--bandwidth", "nan"),
                                               ("--bandwidth", "-1"), ("--res", "0")])  # fmt: skip
def test_a_cell_size_or_radius_that_is_no_length_is_one_line(tmp_path, atlas_path, option, value):
    """nan and inf passed the check for positive values and ended in a traceback."""
    out = tmp_path / "d.tif"
    result = CliRunner().invoke(
        cli, ["raster", str(atlas_path), "--layer", "industry", option, value, "--out", str(out)]
    )
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert (
        line.startswith("Error: --res and --bandwidth must be positive numbers of metres") and value in line
    )
    assert not out.exists()
