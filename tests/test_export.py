"""Exports: round trips through pyogrio for every format and CRS, RFC 7946, atomic writes, ogrinfo.

Expectations are computed from whatever atlas ``layers/atlas.gpkg`` holds (a sample of every layer,
every geometry type), plus one row whose excerpt exceeds the DBF limit of 254 bytes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from pyproj import CRS
from shapely.geometry import Polygon
from shapely.geometry.polygon import orient

from geoplan.atlas.schema import read_atlas
from geoplan.atlas.tables import group_tables, split_layers
from geoplan.errors import ExportError, InputError, UnsupportedFormatError
from geoplan.layers import load_layers
from geoplan.output import export
from geoplan.output.export import FORMATS, export_bytes, export_layers, gk_zones

CRSS = ("EPSG:4326", "EPSG:4490", "EPSG:3857", "GK")
CASES = [(fmt, crs) for fmt, spec in FORMATS.items() for crs in (CRSS[:1] if spec.wgs84_only else CRSS)]
CJK = re.compile(r"[\u4e00-\u9fff]")
TOLERANCE_DEG = 1e-7
MARKUP = '<script>alert("专栏")</script> & <b>'
TITLES = {definition.id: definition.title for definition in load_layers()}


def _key(frame: pd.DataFrame) -> str:
    return "feature_id" if "feature_id" in frame.columns else "place_id"


@pytest.fixture(scope="session")
def sample(atlas_path: Path) -> dict[str, gpd.GeoDataFrame]:
    """Up to 4 features of each geometry type of every layer, plus one row with an over-long excerpt
    and markup in its box title."""
    layers = {}
    for layer_id, frame in read_atlas(atlas_path).items():
        frame = frame.drop_duplicates(_key(frame))
        part = frame.groupby(frame.geom_type, sort=False).head(4).reset_index(drop=True)
        layers[layer_id] = part
    thematic = next(
        layer_id for layer_id, frame in layers.items() if "excerpt" in frame.columns and len(frame) > 0
    )
    frame = layers[thematic]
    long_row = frame.iloc[[0]].copy()
    long_row["feature_id"] = long_row["feature_id"] + ":long"
    long_row["box_title"] = MARKUP
    long_row["excerpt"] = (str(long_row["excerpt"].iloc[0]) + "。中文摘录") * 40  # > 254 UTF-8 bytes
    layers[thematic] = pd.concat([frame, long_row], ignore_index=True)
    assert len(long_row["excerpt"].iloc[0].encode()) > 254
    return layers


@pytest.fixture(scope="session")
def exported(sample, tmp_path_factory):
    """``exported(fmt, crs)``: the path of the sample's export, written once per session."""
    folder = tmp_path_factory.mktemp("exports")
    paths: dict[tuple[str, str], Path] = {}

    def get(fmt: str, crs: str = "EPSG:4326") -> Path:
        if (fmt, crs) not in paths:
            out = folder / f"{fmt}-{crs.replace(':', '')}{FORMATS[fmt].suffixes[0]}"
            assert export_layers(sample, out, fmt, crs) == out
            paths[fmt, crs] = out
        return paths[fmt, crs]

    return get


def _single(geometry):
    """A one-part multi-geometry as its part (writers may promote a layer's parts to multi)."""
    parts = getattr(geometry, "geoms", None)
    return parts[0] if parts is not None and len(parts) == 1 else geometry


def _text(value: object) -> str:
    """Attribute values as text, whatever the format made of them (None/NaN -> '')."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _split_by_layer(frame: gpd.GeoDataFrame, layer_ids: list[str]) -> dict[str, gpd.GeoDataFrame]:
    return {layer_id: frame[frame["layer"] == layer_id] for layer_id in layer_ids}


def _read_shapefile_zip(path: Path, layer_ids: list[str]) -> dict[str, gpd.GeoDataFrame]:
    """Read every shapefile of the zip, map fields back through the dictionary, restore cut texts."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        dictionary = list(
            csv.DictReader(io.StringIO(archive.read("field_dictionary.csv").decode("utf-8-sig")))
        )
        cut = list(csv.DictReader(io.StringIO(archive.read("truncated_values.csv").decode("utf-8-sig"))))
    stems = [name[:-4] for name in names if name.endswith(".shp")]
    for stem in stems:
        for suffix in (".shx", ".dbf", ".prj", ".cpg"):
            assert f"{stem}{suffix}" in names
    parts: dict[str, list[gpd.GeoDataFrame]] = {layer_id: [] for layer_id in layer_ids}
    for stem in stems:
        frame = pyogrio.read_dataframe(f"/vsizip/{path}/{stem}.shp")
        fields = {row["field"]: row["column"] for row in dictionary if row["shapefile"] == stem}
        assert set(fields) == set(frame.columns) - {"geometry"}
        assert all(len(field.encode()) <= 10 for field in fields)
        frame = frame.rename(columns=fields)
        for record in (r for r in cut if r["shapefile"] == stem):
            row = int(record["row"])
            assert record["field"] in frame.at[row, "truncated"].split(";")
            assert record["value"].startswith(frame.at[row, record["column"]])
            frame.at[row, record["column"]] = record["value"]
        layer_id = next(row["layer"] for row in dictionary if row["shapefile"] == stem)
        parts[layer_id].append(frame)
    return {
        layer_id: pd.concat(frames, ignore_index=True) if frames else gpd.GeoDataFrame()
        for layer_id, frames in parts.items()
    }


def read_back(path: Path, fmt: str, crs: str, layer_ids: list[str]) -> dict[str, gpd.GeoDataFrame]:
    """The export read with pyogrio, as {layer id: frame in EPSG:4326 with the original column names}."""
    if fmt in ("geojson", "fgb"):
        layers = _split_by_layer(pyogrio.read_dataframe(path), layer_ids)
    elif fmt == "csv":  # one CSV per table; GDAL reads the WKT geometry, the .csvt types and the .prj CRS
        with zipfile.ZipFile(path) as archive:
            tables = [name[:-4] for name in archive.namelist() if name.endswith(".csv")]
        frames = {table: pyogrio.read_dataframe(f"/vsizip/{path}/{table}.csv") for table in tables}
        assert all(CRS(frame.crs) == CRS(crs) for frame in frames.values())
        layers = group_tables(frames)
    elif fmt == "shp":
        layers = _read_shapefile_zip(path, layer_ids)
    elif fmt == "kml":
        layers = {}
        for layer_id in layer_ids:
            frame = pyogrio.read_dataframe(path, layer=TITLES[layer_id])  # one folder per layer
            name = next(c for c in frame.columns if c.lower() == "name")  # the placemark's <name>
            layers[layer_id] = frame.rename(columns={name: "name"})
    else:  # GeoPackage: one table per layer and geometry type
        tables = [name for name, _ in pyogrio.list_layers(path) if name != "layer_styles"]
        layers = group_tables({name: pyogrio.read_dataframe(path, layer=name) for name in tables})
    layers = {layer_id: layers.get(layer_id, gpd.GeoDataFrame()) for layer_id in layer_ids}
    return {
        layer_id: frame.to_crs("EPSG:4326") if len(frame) else frame for layer_id, frame in layers.items()
    }


@pytest.mark.parametrize(("fmt", "crs"), CASES)
def test_round_trip(sample, exported, fmt, crs):
    out = exported(fmt, crs)
    written_crs = export.resolve_crs(crs, sample)
    back = read_back(out, fmt, written_crs, list(sample))
    for layer_id, original in sample.items():
        copy = back[layer_id]
        assert len(copy) == len(original), layer_id
        if not len(original):
            continue
        key = _key(original)
        copy = copy.set_index(copy[key].astype(str)).loc[original[key].astype(str)]
        for column in original.columns.drop(original.geometry.name):
            assert column in copy.columns, (layer_id, column)
            expected = [_text(v) for v in original[column]]
            if fmt == "kml" and column == "description":  # KML's balloon: the description is its 说明 row
                balloons = [html.unescape(_text(v)) for v in copy[column]]
                assert all(
                    f"说明 Description</th><td>{text}<" in balloon
                    for text, balloon in zip(expected, balloons, strict=True)
                    if text
                ), layer_id
                continue
            assert [_text(v) for v in copy[column]] == expected, (layer_id, column)
        for before, after in zip(original.geometry, copy.geometry, strict=True):
            after, before = shapely.normalize(_single(after)), shapely.normalize(_single(before))
            assert after.equals_exact(before, TOLERANCE_DEG), layer_id
        names = "".join(original["name"].astype(str))
        if CJK.search(names):
            assert "".join(copy["name"].astype(str)) == names  # Chinese intact


def test_written_crs_is_the_one_asked(sample, tmp_path):
    for crs in ("EPSG:4490", "EPSG:3857"):
        out = tmp_path / f"{crs[5:]}.fgb"
        export_layers({"industry": sample["industry"]}, out, "fgb", crs)
        assert CRS(pyogrio.read_info(out)["crs"]) == CRS(crs)


def test_gk_zone_mapping_comes_from_pyproj():
    zones = gk_zones()
    assert list(zones) == [f"EPSG:{code}" for code in range(4513, 4534)]
    for code, meridian in zones.items():
        crs = CRS(code)
        zone = int(crs.name.rsplit(" ", 1)[1])
        assert meridian == 3 * zone  # zone N is centred on 3N degrees east
        assert crs.coordinate_operation.params[3].value == zone * 1_000_000 + 500_000  # false easting


def test_gk_zone_is_the_one_of_the_data(sample, exported):
    out = exported("fgb", "GK")
    written = CRS(pyogrio.read_info(out)["crs"])
    assert 4513 <= written.to_epsg() <= 4533
    bounds = [f.total_bounds for f in sample.values() if len(f)]
    centre = (min(b[0] for b in bounds) + max(b[2] for b in bounds)) / 2
    assert abs(gk_zones()[f"EPSG:{written.to_epsg()}"] - centre) <= 1.5


def _positions(geometry: dict) -> list:
    coordinates = geometry["coordinates"]
    depth = {
        "Point": 0,
        "MultiPoint": 1,
        "LineString": 1,
        "MultiLineString": 2,
        "Polygon": 2,
        "MultiPolygon": 3,
    }
    items = [coordinates]
    for _ in range(depth[geometry["type"]]):
        items = [inner for item in items for inner in item]
    return items


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else []


def test_geojson_follows_rfc7946(sample, tmp_path):
    """WGS84 lon/lat, exterior rings counter-clockwise and holes clockwise, no crs member, UTF-8 text."""
    layers = {}
    for layer_id, frame in sample.items():  # give the writer clockwise exteriors (and a hole) to fix
        geometries = []
        for geometry in frame.geometry:
            if isinstance(geometry, Polygon):
                hole = geometry.representative_point().buffer(1e-3, quad_segs=2)
                if geometry.contains(hole):
                    geometry = Polygon(geometry.exterior, [hole.exterior])
                geometry = orient(geometry, sign=-1.0)
            geometries.append(geometry)
        layers[layer_id] = frame.set_geometry(gpd.GeoSeries(geometries, crs=frame.crs))
    clockwise = [g for f in layers.values() for g in f.geometry if isinstance(g, Polygon)]
    assert clockwise and not clockwise[0].exterior.is_ccw  # the test has something to catch

    out = tmp_path / "rfc.geojson"
    export_layers(layers, out, "geojson")
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # RFC 8259: no byte-order mark
    text = raw.decode("utf-8")
    assert "\\u" not in text and CJK.search(text)
    document = json.loads(text)
    assert document["type"] == "FeatureCollection" and "crs" not in document
    features = document["features"]
    assert len(features) == sum(len(f) for f in sample.values())
    holes = 0
    for feature in features:
        assert feature["type"] == "Feature" and "crs" not in feature
        for lon, lat, *_ in _positions(feature["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        for rings in _polygons(feature["geometry"]):
            for index, ring in enumerate(rings):
                assert len(ring) >= 4 and ring[0] == ring[-1]
                ccw = shapely.LinearRing(ring).is_ccw
                assert ccw if index == 0 else not ccw
                holes += index > 0
    assert holes > 0


@pytest.mark.parametrize("fmt", [name for name, spec in FORMATS.items() if spec.wgs84_only])
def test_wgs84_only_formats_refuse_other_crs(sample, tmp_path, fmt):
    with pytest.raises(InputError, match="WGS84"):
        export_layers(sample, tmp_path / f"x{FORMATS[fmt].suffixes[0]}", fmt, "EPSG:3857")
    assert list(tmp_path.iterdir()) == []


def test_shapefile_zip_flags_cut_values(sample, exported):
    out = exported("shp")
    with zipfile.ZipFile(out) as archive:
        dictionary = list(
            csv.DictReader(io.StringIO(archive.read("field_dictionary.csv").decode("utf-8-sig")))
        )
        cut = list(csv.DictReader(io.StringIO(archive.read("truncated_values.csv").decode("utf-8-sig"))))
        cpgs = {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".cpg")}
    long_ids = [
        fid for f in sample.values() if "feature_id" in f for fid in f["feature_id"] if fid.endswith(":long")
    ]
    too_long = {
        (str(getattr(row, _key(frame))), column)
        for frame in sample.values()
        for column in frame.columns.drop("geometry")
        for row in frame[[_key(frame), column]].itertuples(index=False)
        if isinstance(row[1], str) and len(row[1].encode()) > 254
    }
    assert set(long_ids) <= {fid for fid, _ in too_long}
    assert {(record["id"], record["column"]) for record in cut} == too_long
    listed = {(fid, row["column"]) for row in dictionary for fid in row["truncated_ids"].split(";") if fid}
    assert listed == too_long
    assert sum(int(row["truncated_rows"]) for row in dictionary) == len(too_long)
    assert cpgs and all(value.strip().upper() in ("UTF-8", "UTF8") for value in cpgs.values())
    stem = next(record["shapefile"] for record in cut if record["id"] in long_ids)
    record = next(record for record in cut if record["id"] in long_ids and record["column"] == "excerpt")
    frame = pyogrio.read_dataframe(f"/vsizip/{out}/{stem}.shp")
    field = next(
        row["field"] for row in dictionary if row["shapefile"] == stem and row["column"] == "excerpt"
    )
    value = frame.at[int(record["row"]), field]
    assert 0 < len(value.encode()) <= 254 and record["value"].startswith(value)
    assert field in frame.at[int(record["row"]), "truncated"].split(";")
    flagged = {int(r["row"]) for r in cut if r["shapefile"] == stem}
    assert set(frame.index[frame["truncated"].fillna("") != ""]) == flagged


def test_shapefile_field_names_are_short_and_unique():
    columns = ["quantities_text", "quantities_total", "QUANTITIES_x", "规划名称很长的字段", "name"]
    names = export.shapefile_field_names(columns)
    assert all(len(name.encode()) <= 10 for name in names.values())
    assert len({name.lower() for name in names.values()}) == len(columns)
    assert names["name"] == "name"


def test_gpkg_has_one_type_and_a_style_row_per_table(sample, exported):
    out = exported("gpkg")
    tables = list(split_layers(sample))
    assert [name for name, _ in pyogrio.list_layers(out)] == [*tables, "layer_styles"]
    with sqlite3.connect(out) as db:
        rows = db.execute(
            "SELECT f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML,"
            " styleSLD, useAsDefault, description, owner, ui, update_time FROM layer_styles"
        ).fetchall()
        geometry_columns = dict(db.execute("SELECT table_name, column_name FROM gpkg_geometry_columns"))
        declared = dict(db.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
        (version,) = db.execute("PRAGMA user_version").fetchone()
    assert version == 10200  # GeoPackage 1.2: Debian's GDAL 3.6 opens it without a warning
    assert sorted(row[2] for row in rows) == sorted(tables)
    definitions = {d.id: d for d in load_layers()}
    for row in rows:
        assert row[3] == geometry_columns[row[2]]
        assert row[5].lstrip().startswith("<!DOCTYPE qgis") and "renderer-v2" in row[5]
        assert "StyledLayerDescriptor" in row[6] and row[7] == 1
        layer_id = next(d for d in definitions if row[2] == d or row[2].startswith(d + "_"))
        assert definitions[layer_id].style.color.lower() in row[6].lower()
    for table in tables:  # one geometry type per table, the declared one
        types = {kind.upper() for kind in pyogrio.read_dataframe(out, layer=table).geom_type.dropna()}
        assert types <= {declared[table].upper()}, table


def test_kml_is_styled_and_escaped(sample, exported):
    out = exported("kml")
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text  # every description is escaped
    assert text.count("<Style id=") == len(sample) and text.count("<Placemark>") == sum(
        map(len, sample.values())
    )
    described = [d for d in pyogrio.read_dataframe(out, layer=TITLES[next(iter(sample))])["description"] if d]
    assert described and all(d.startswith("<table>") for d in described)
    descriptions = "".join(
        "".join(pyogrio.read_dataframe(out, layer=TITLES[layer_id])["description"].fillna(""))
        for layer_id in sample
    )
    assert html.escape(MARKUP) in descriptions and MARKUP not in descriptions  # shown as text, never run


def test_csv_zip_has_bom_wkt_csvt_prj_style_and_one_geometry_type_per_file(sample, exported):
    out = exported("csv", "GK")
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        tables = [name[:-4] for name in names if name.endswith(".csv")]
        assert tables == [name for name, (frame, _) in split_layers(sample).items() if len(frame)]
        for table in tables:
            raw = archive.read(f"{table}.csv")
            assert raw.startswith(b"\xef\xbb\xbf")
            header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert header[0] == "WKT"
            types = archive.read(f"{table}.csvt").decode().strip().split(",")
            assert types[0] == "WKT" and len(types) == len(header)
            assert {f"{table}.prj", f"{table}.qml", f"{table}.sld"} <= set(names)
    for table in tables:
        frame = pyogrio.read_dataframe(f"/vsizip/{out}/{table}.csv")
        assert 4513 <= CRS(frame.crs).to_epsg() <= 4533  # the CRS comes from the .prj
        assert len({kind.removeprefix("Multi") for kind in frame.geom_type}) == 1, table
    columns = set().union(*(set(f.columns) - {"geometry"} for f in sample.values()))
    read = set().union(*(pyogrio.read_info(f"/vsizip/{out}/{t}.csv")["fields"] for t in tables))
    assert columns <= read


def test_export_bytes_matches_the_file(sample, tmp_path):
    data, name, mime = export_bytes(sample, "gpkg")
    assert name.endswith(".gpkg") and mime == "application/geopackage+sqlite3"
    (tmp_path / name).write_bytes(data)
    assert [n for n, _ in pyogrio.list_layers(tmp_path / name)] == [*split_layers(sample), "layer_styles"]
    data, name, mime = export_bytes({"industry": sample["industry"]}, "shp", "GK")
    assert name.startswith("geoplan-industry-epsg45") and name.endswith(".zip") and data[:2] == b"PK"


def test_unknown_format_layer_or_crs_are_input_errors(sample, tmp_path):
    with pytest.raises(UnsupportedFormatError):
        export_layers(sample, tmp_path / "x.dxf", "dxf")
    with pytest.raises(InputError, match="unknown CRS"):
        export_layers(sample, tmp_path / "x.gpkg", "gpkg", "EPSG:2000")
    with pytest.raises(InputError, match="unknown layer"):
        export_layers({"nope": sample["industry"]}, tmp_path / "x.gpkg", "gpkg")
    with pytest.raises(InputError, match=r"\.zip"):
        export_layers(sample, tmp_path / "x.shp", "shp")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_failed_export_leaves_no_file(sample, tmp_path, monkeypatch, fmt):
    """A writer that dies half-way (after GDAL wrote part of the output) leaves nothing behind,
    and an existing file at the target is left as it was."""
    calls = {"n": 0}
    real_write = pyogrio.write_dataframe

    def dying_write(frame, path, *args, **kwargs):
        calls["n"] += 1
        real_write(frame, path, *args, **kwargs)
        raise OSError("disk full (simulated)")

    def dying_after_partial_file(frames, path):
        Path(path).write_bytes(b"half a file")
        raise OSError("disk full (simulated)")

    if fmt == "kml":  # written without GDAL: fail inside the XML writer
        monkeypatch.setattr(export, "_kml_description", lambda row: 1 / 0)
    else:
        monkeypatch.setattr(pyogrio, "write_dataframe", dying_write)
    out = tmp_path / f"failed{FORMATS[fmt].suffixes[0]}"
    with pytest.raises(ExportError):
        export_layers(sample, out, fmt)
    assert list(tmp_path.iterdir()) == []
    assert fmt == "kml" or calls["n"] >= 1

    monkeypatch.setitem(
        FORMATS, fmt, FORMATS[fmt].__class__(**{**FORMATS[fmt].__dict__, "writer": dying_after_partial_file})
    )
    out.write_bytes(b"the previous export")
    with pytest.raises(ExportError, match="disk full"):
        export_layers(sample, out, fmt)
    assert out.read_bytes() == b"the previous export" and list(tmp_path.iterdir()) == [out]


def test_unsupported_geometry_fails_cleanly(sample, tmp_path):
    frame = sample["industry"].copy()
    frame.loc[0, "geometry"] = shapely.GeometryCollection([frame.geometry.iloc[0]])
    with pytest.raises(ExportError, match="GeometryCollection"):
        export_layers({**sample, "industry": frame}, tmp_path / "gc.zip", "shp")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_ogrinfo_opens_every_output(sample, exported, fmt):
    ogrinfo = shutil.which("ogrinfo")
    if ogrinfo is None:
        if os.environ.get("CI"):
            pytest.fail("ogrinfo not found: install Debian gdal-bin (.ci/run does)")
        pytest.skip("ogrinfo not installed (apt-get install gdal-bin)")
    out = exported(fmt)
    if fmt == "csv":  # one CSV per table in the zip
        with zipfile.ZipFile(out) as archive:
            targets = [f"/vsizip/{out}/{name}" for name in archive.namelist() if name.endswith(".csv")]
    else:
        targets = [f"/vsizip/{out}" if fmt == "shp" else str(out)]
    counts = []
    for target in targets:
        result = subprocess.run(
            [ogrinfo, "-ro", "-so", "-al", target], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert "ERROR" not in result.stderr and "Warning" not in result.stderr, result.stderr
        counts += [int(n) for n in re.findall(r"^Feature Count: (\d+)", result.stdout, flags=re.MULTILINE)]
    expected = sum(len(f) for f in sample.values())
    styles = len(split_layers(sample)) if fmt == "gpkg" else 0  # rows of the layer_styles table
    assert sum(counts) - styles == expected
