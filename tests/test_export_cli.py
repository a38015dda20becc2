"""``geoplan export`` driven in-process through click's CliRunner."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from click.testing import CliRunner
from pyproj import CRS

from geoplan.atlas.schema import read_atlas
from geoplan.cli import cli
from geoplan.layers import load_layers
from geoplan.output.export import gk_zones


@pytest.fixture(scope="session")
def small_atlas(atlas_path: Path, tmp_path_factory) -> Path:
    """A few features of every layer of the shipped atlas, as an atlas GeoPackage (keeps the CLI fast)."""
    path = tmp_path_factory.mktemp("atlas") / "small.gpkg"
    for layer_id, frame in read_atlas(atlas_path).items():
        part = frame.groupby(frame.geom_type, sort=False).head(3)
        pyogrio.write_dataframe(part, path, layer=layer_id, driver="GPKG")
    return path


def run(*args: str):
    return CliRunner().invoke(cli, ["export", *args])


def test_default_layers_are_the_thematic_ones(small_atlas, tmp_path):
    out = tmp_path / "thematic.gpkg"
    result = run(str(small_atlas), "--format", "gpkg", "--out", str(out))
    assert result.exit_code == 0, result.output
    thematic = [d.id for d in load_layers() if d.group == "thematic"]
    present = {name for name, _ in pyogrio.list_layers(small_atlas)}
    tables = [f"{t}_{family}" for t in thematic if t in present for family in ("point", "line", "polygon")]
    assert [name for name, _ in pyogrio.list_layers(out)] == [*tables, "layer_styles"]


def test_layer_crs_and_format_from_suffix(small_atlas, tmp_path):
    out = tmp_path / "industry.zip"
    result = run(
        str(small_atlas), "--layer", "industry", "--layer", "towns", "--crs", "GK", "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    stems = {name for name, _ in pyogrio.list_layers(f"/vsizip/{out}")}
    assert stems and all(stem.rsplit("_", 1)[0] in ("industry", "towns") for stem in stems)
    written = CRS(pyogrio.read_info(f"/vsizip/{out}", layer=sorted(stems)[0])["crs"])
    assert f"EPSG:{written.to_epsg()}" in gk_zones()


def test_plan_keeps_only_that_plan(small_atlas, tmp_path):
    frames = read_atlas(small_atlas, ["industry", "infrastructure"])
    plans = sorted({p for f in frames.values() for p in f["plan"].dropna() if p})
    assert plans
    out = tmp_path / "plan.csv.zip"
    result = run(
        str(small_atlas),
        "--layer",
        "industry",
        "--layer",
        "infrastructure",
        "--plan",
        Path(plans[0]).stem,
        "--format",
        "csv",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        tables = [name for name in archive.namelist() if name.endswith(".csv")]
    written = pd.concat([pyogrio.read_dataframe(f"/vsizip/{out}/{name}") for name in tables])
    expected = sum(int((f["plan"] == plans[0]).sum()) for f in frames.values())
    assert len(written) == expected and set(written["plan"]) == {plans[0]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "dxf", "--out", "x.dxf"], "unknown export format"),
        (["--crs", "EPSG:2000", "--out", "x.gpkg"], "unknown CRS"),
        (["--layer", "nowhere", "--out", "x.gpkg"], "unknown layer"),
        (["--crs", "EPSG:3857", "--out", "x.geojson"], "WGS84"),
        (["--plan", "no-such-plan", "--out", "x.gpkg"], "no plan"),
        (["--format", "shp", "--out", "x.shp"], ".zip"),
        (["--out", "x.shp"], "use --out"),  # a Shapefile's main part names the zip to give instead
        (["--out", "x.dbf"], "x.zip"),
        (["--out", "x.csv"], "x.csv.zip"),
        (["--out", "x.bin"], "--format"),
    ],
)
def test_bad_input_exits_2_with_one_line(small_atlas, tmp_path, args, message):
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    result = run(str(small_atlas), *args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_existing_output_needs_overwrite(small_atlas, tmp_path):
    out = tmp_path / "once.fgb"
    out.write_bytes(b"keep me")
    result = run(str(small_atlas), "--layer", "industry", "--out", str(out))
    assert result.exit_code == 2 and out.read_bytes() == b"keep me"
    result = run(str(small_atlas), "--layer", "industry", "--out", str(out), "--overwrite")
    assert result.exit_code == 0, result.output
    assert pyogrio.read_info(out)["features"] == len(read_atlas(small_atlas, ["industry"])["industry"])


def test_missing_atlas_exits_2(tmp_path):
    result = run(str(tmp_path / "none.gpkg"), "--layer", "industry", "--out", str(tmp_path / "x.gpkg"))
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


def test_a_plan_named_by_its_number_exports_that_plan(atlas_path, tmp_path):
    """``--plan 002`` is the plan whose file name starts with 002: the same features as its full name."""
    by_number, by_name = tmp_path / "n.geojson", tmp_path / "f.geojson"
    plans = {p for f in read_atlas(atlas_path).values() if "plan" in f.columns for p in f["plan"].dropna()}
    full = next(p for p in plans if p.startswith("002"))
    assert (
        run(str(atlas_path), "--plan", "002", "--format", "geojson", "--out", str(by_number)).exit_code == 0
    )
    assert run(str(atlas_path), "--plan", full, "--format", "geojson", "--out", str(by_name)).exit_code == 0
    assert by_number.read_bytes() == by_name.read_bytes()
    frame = pyogrio.read_dataframe(by_number)
    assert len(frame) and set(frame["plan"].dropna()) == {full}
