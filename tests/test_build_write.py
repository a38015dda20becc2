"""write_atlas: every layer, exact columns, atomic, byte-for-byte reproducible."""

from __future__ import annotations

import sqlite3
import time

import pyogrio
import pytest
from shapely.geometry import LineString, Point, Polygon

from geoplan.atlas.build import ATLAS_TIMESTAMP, _frame, write_atlas
from geoplan.atlas.schema import BASE_COLUMNS, FEATURE_COLUMNS, read_atlas
from geoplan.errors import AtlasError
from geoplan.layers import load_layers


def _row(feature_id: str, geometry, layer: str = "industry") -> dict:
    row = {column: "" for column in FEATURE_COLUMNS}
    row.update(feature_id=feature_id, name=f"项目{feature_id}", layer=layer, item=1, page=3, approximate=0)
    row["geometry"] = geometry
    return row


def _layers() -> dict:
    rows = [_row("a:1:1", Point(116, 44)), _row("a:1:2", LineString([(116, 44), (117, 45)]))]
    layers = {}
    for definition in load_layers():
        if definition.group == "base":
            columns = BASE_COLUMNS
            shape = (
                Point(110, 40)
                if definition.geometry == "point"
                else Polygon([(110, 40), (111, 40), (111, 41)])
            )
            base = [{**{c: "x" for c in columns}, "geometry": shape}]
            layers[definition.id] = _frame(base, columns)
        else:
            layers[definition.id] = _frame(rows if definition.id == "industry" else [], FEATURE_COLUMNS)
    return layers


def test_every_layer_with_exact_columns(tmp_path):
    path = write_atlas(_layers(), tmp_path / "atlas.gpkg")
    names = [name for name, _ in pyogrio.list_layers(path)]
    expected = [
        name
        for d in load_layers()
        for name in (
            [d.id] if d.geometry != "mixed" else [f"{d.id}_{f}" for f in ("point", "line", "polygon")]
        )
    ]
    assert names == [*expected, "layer_styles"]
    atlas = read_atlas(path)
    assert list(atlas) == [d.id for d in load_layers()]
    for definition in load_layers():
        columns = BASE_COLUMNS if definition.group == "base" else FEATURE_COLUMNS
        assert list(atlas[definition.id].columns) == [*columns, "geometry"]
    assert list(atlas["industry"]["feature_id"]) == ["a:1:1", "a:1:2"]  # point table, then line table
    assert list(atlas["industry"].geom_type) == ["Point", "LineString"]
    assert atlas["industry"]["page"].dtype.kind == "i"
    assert len(atlas["ecology"]) == 0


def test_rewrite_is_byte_for_byte_identical(tmp_path):
    first = write_atlas(_layers(), tmp_path / "one.gpkg").read_bytes()
    time.sleep(1.1)  # a second later: a wall-clock timestamp would differ
    second = write_atlas(_layers(), tmp_path / "two.gpkg").read_bytes()
    assert first == second
    with sqlite3.connect(tmp_path / "one.gpkg") as db:
        stamps = {row[0] for row in db.execute("select last_change from gpkg_contents")}
    assert stamps == {ATLAS_TIMESTAMP}


def test_gdal_option_is_restored(tmp_path):
    write_atlas(_layers(), tmp_path / "atlas.gpkg")
    assert pyogrio.get_gdal_config_option("OGR_CURRENT_DATE") in (None, "")


def test_missing_layer_is_an_error_and_leaves_target(tmp_path):
    target = tmp_path / "atlas.gpkg"
    target.write_bytes(b"old")
    layers = _layers()
    del layers["ecology"]
    with pytest.raises(AtlasError, match="ecology"):
        write_atlas(layers, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["atlas.gpkg"]


def test_failed_write_leaves_target_untouched(tmp_path, monkeypatch):
    target = tmp_path / "atlas.gpkg"
    target.write_bytes(b"old")
    real_write = pyogrio.write_dataframe
    calls = []

    def failing_write(frame, path, **kwargs):
        calls.append(kwargs["layer"])
        if len(calls) == 3:
            raise OSError("disk full")
        real_write(frame, path, **kwargs)

    monkeypatch.setattr(pyogrio, "write_dataframe", failing_write)
    with pytest.raises(AtlasError, match="disk full"):
        write_atlas(_layers(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["atlas.gpkg"]
