"""GIS files a user uploads: checked against the container limits, read as atlas or plain layers."""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geoplan import limits
from geoplan.atlas.schema import read_atlas
from geoplan.errors import InputError, LimitError
from geoplan.output.user_files import read_user_file


@pytest.fixture
def points() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"名称": ["甲", "乙"]}, geometry=[Point(111.6, 40.8), Point(111.7, 40.9)], crs="EPSG:4326"
    )


def test_geojson_and_zipped_shapefile_are_plain_layers_in_wgs84(tmp_path: Path, points) -> None:
    geojson = tmp_path / "p.geojson"
    points.to_file(geojson, driver="GeoJSON", engine="pyogrio")
    shp = tmp_path / "s" / "p.shp"
    shp.parent.mkdir()
    points.to_crs("EPSG:3857").to_file(shp, encoding="utf-8", engine="pyogrio")
    zipped = tmp_path / "p.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for part in shp.parent.iterdir():
            archive.write(part, part.name)
    for path in (geojson, zipped):
        read = read_user_file(path)
        assert read.atlas == {} and list(read.plain) == ["p"]
        frame = read.plain["p"]
        assert list(frame["名称"]) == ["甲", "乙"]
        assert frame.total_bounds == pytest.approx([111.6, 40.8, 111.7, 40.9], abs=1e-6)


def test_a_geoplan_geopackage_is_read_as_an_atlas(tmp_path: Path) -> None:
    shipped = read_atlas(layers=["ecology"])["ecology"]
    path = tmp_path / "a.gpkg"
    shipped.head(5).to_file(path, layer="ecology", driver="GPKG", engine="pyogrio")
    read = read_user_file(path)
    assert list(read.atlas) == ["ecology"] and len(read.atlas["ecology"]) == 5 and read.plain == {}


def test_limits_and_bad_files_are_one_line_input_errors(tmp_path: Path, points, monkeypatch) -> None:
    geojson = tmp_path / "p.geojson"
    points.to_file(geojson, driver="GeoJSON", engine="pyogrio")
    monkeypatch.setitem(limits.LIMITS, "geojson", limits.Limits(max_bytes=100))
    with pytest.raises(LimitError):
        read_user_file(geojson)
    (tmp_path / "x.kmz").write_bytes(b"PK")
    with pytest.raises(InputError, match="unknown format"):
        read_user_file(tmp_path / "x.kmz")
    (tmp_path / "bomb.zip").write_bytes(b"not a zip")
    with pytest.raises(InputError) as caught:
        read_user_file(tmp_path / "bomb.zip")
    assert "\n" not in str(caught.value)
