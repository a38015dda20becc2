"""What a GIS analyst meets: every GeoPackage geoplan writes opens in Debian's GDAL 3.6 without a
warning, one geometry type and one style row per table; and real QGIS (Debian's qgis + python3-qgis,
headless) opens the built atlas and every export format: valid, CRS set, styled, approximate features
drawn by another rule than located ones, Chinese intact.

QGIS's Python is Debian's ``/usr/bin/python3``, so the QGIS side runs ``tests/qgis_probe.py`` in a
subprocess.  Under CI (``CI=true`` or ``GEOPLAN_REQUIRE_QGIS=1``, set by ``.ci/run``) a missing QGIS
or ogrinfo fails the test instead of skipping it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pyogrio
import pytest
from click.testing import CliRunner

from geoplan.atlas.tables import layer_of_table
from geoplan.cli import cli
from geoplan.output.export import FORMATS

SYSTEM_PYTHON = "/usr/bin/python3"
PROBE = Path(__file__).with_name("qgis_probe.py")
CJK = re.compile(r"[\u4e00-\u9fff]")
STYLED = ("gpkg", "shp", "csv")  # formats that carry a QGIS style (layer_styles or .qml beside)
EXPORT_LAYERS = ("industry", "infrastructure", "ecology", "urban", "leagues", "towns")


def _required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("GEOPLAN_REQUIRE_QGIS") == "1"


def _missing(what: str) -> None:
    if _required():
        pytest.fail(f"{what} is missing: .ci/run installs it")
    pytest.skip(f"{what} not installed")


@pytest.fixture(scope="module")
def built(plans_dir, tmp_path_factory) -> Path:
    """The atlas of the reference plans, written by ``geoplan build``."""
    out = tmp_path_factory.mktemp("qgis") / "atlas.gpkg"
    result = CliRunner().invoke(cli, ["build", str(plans_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def exports(built, tmp_path_factory) -> dict[str, Path]:
    """Every export format of some thematic and base layers (GK where the format allows it)."""
    folder = tmp_path_factory.mktemp("qgis-exports")
    paths = {}
    for fmt, spec in FORMATS.items():
        out = folder / f"export{spec.suffixes[0]}"
        layers = [arg for layer in EXPORT_LAYERS for arg in ("--layer", layer)]
        crs = "EPSG:4326" if spec.wgs84_only else "GK"
        result = CliRunner().invoke(cli, ["export", str(built), *layers, "--crs", crs, "--out", str(out)])
        assert result.exit_code == 0, result.output
        paths[fmt] = out
    return paths


def _geopackages(built: Path, exports: dict[str, Path]) -> list[Path]:
    return [built, exports["gpkg"]]


def test_every_geopackage_opens_in_debian_gdal_without_warning(built, exports):
    ogrinfo = shutil.which("ogrinfo")
    if ogrinfo is None:
        _missing("ogrinfo (Debian gdal-bin)")
    for path in _geopackages(built, exports):
        result = subprocess.run(
            [ogrinfo, "-ro", "-so", "-al", str(path)], capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip() == "", f"{path.name}: {result.stderr}"
        with sqlite3.connect(path) as db:
            declared = dict(db.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
            styled = {row[0] for row in db.execute("SELECT f_table_name FROM layer_styles")}
        assert declared and styled == set(declared), path.name
        for table, kind in declared.items():  # one geometry type per table, the declared one
            assert kind != "GEOMETRY", table
            present = {t.upper() for t in pyogrio.read_dataframe(path, layer=table).geom_type.dropna()}
            assert present <= {kind}, (path.name, table, present)


def test_build_splits_mixed_layers_by_geometry_type(built):
    tables = [name for name, _ in pyogrio.list_layers(built)]
    assert {"industry_point", "industry_line", "industry_polygon", "leagues", "towns"} <= set(tables)
    assert "industry" not in tables
    assert all(layer_of_table(name)[1] or name in ("layer_styles",) for name in tables)


def _qgis() -> None:
    if not Path(SYSTEM_PYTHON).exists():
        _missing(SYSTEM_PYTHON)
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True, text=True)
    if check.returncode != 0:
        _missing("Debian qgis + python3-qgis")


def _probe(sources: list[str]) -> list[dict]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": os.environ.get("TMPDIR", "/tmp")}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [SYSTEM_PYTHON, str(PROBE), *sources], capture_output=True, text=True, timeout=600, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _sources(built: Path, exports: dict[str, Path], tmp_path: Path) -> dict[str, list[tuple[str, str]]]:
    """format -> [(table, QGIS data source)] of every non-empty table."""
    sources: dict[str, list[tuple[str, str]]] = {}
    for label, path in (("atlas", built), ("gpkg", exports["gpkg"])):
        sources[label] = [
            (name, f"{path}|layername={name}")
            for name, _ in pyogrio.list_layers(path)
            if name != "layer_styles" and pyogrio.read_info(path, layer=name)["features"]
        ]
    for fmt, suffix in (("shp", ".shp"), ("csv", ".csv")):
        folder = tmp_path / fmt
        with zipfile.ZipFile(exports[fmt]) as archive:  # an analyst unzips, then drags the file into QGIS
            archive.extractall(folder)
        sources[fmt] = [(p.stem, str(p)) for p in sorted(folder.glob(f"*{suffix}"))]
    for fmt in ("geojson", "fgb"):
        sources[fmt] = [
            (kind, f"{exports[fmt]}|geometrytype={kind}") for kind in ("Point", "LineString", "Polygon")
        ]
    sources["kml"] = [
        (name, f"{exports['kml']}|layername={name}") for name, _ in pyogrio.list_layers(exports["kml"])
    ]
    return sources


def _expected_names(path: Path, table: str) -> set[str]:
    return set(pyogrio.read_dataframe(path, layer=table, columns=["name"], read_geometry=False)["name"])


def test_qgis_opens_the_atlas_and_every_export(built, exports, tmp_path):
    _qgis()
    sources = _sources(built, exports, tmp_path)
    flat = [(fmt, table, source) for fmt, entries in sources.items() for table, source in entries]
    results = _probe([source for _, _, source in flat])
    assert len(results) == len(flat)
    seen_rules = {fmt: set() for fmt in sources}
    differing = {fmt: 0 for fmt in STYLED + ("atlas",)}
    for (fmt, table, _), result in zip(flat, results, strict=True):
        what = f"{fmt}:{table}"
        assert result["valid"], what
        assert result["crs_valid"] and result["crs"].startswith("EPSG:"), what
        if fmt == "atlas" or FORMATS[fmt].wgs84_only:
            assert result["crs"] == "EPSG:4326", what
        else:  # exported in the CGCS2000 Gauss-Krüger zone of the data
            assert 4513 <= int(result["crs"].split(":")[1]) <= 4533, what
        names = [row["name"] for row in result["rows"] if row["name"]]
        assert result["features"] == len(result["rows"]) > 0, what
        assert any(CJK.search(name) for name in names), what
        assert not any("\ufffd" in name or "?" * 2 in name for name in names), what  # no mojibake
        if fmt in ("atlas", "gpkg"):
            path = built if fmt == "atlas" else exports["gpkg"]
            assert set(names) == _expected_names(path, table) - {""}, what  # Chinese intact
        if fmt in STYLED + ("atlas",):
            assert result["renderer"] == "RuleRenderer" and result["labels"], what  # the style was applied
            keys = {key.rsplit("-", 1)[-1] for row in result["rows"] for key in row["rules"]}
            seen_rules[fmt] |= keys
            located = [r for r in result["rows"] if any(k.endswith("-located") for k in r["rules"])]
            approximate = [r for r in result["rows"] if any(k.endswith("-approximate") for k in r["rules"])]
            for row in result["rows"]:  # every feature drawn by exactly one rule of the table's style
                assert len([k for k in row["rules"] if not k.endswith("-root")]) == 1, (what, row)
            if located and approximate:
                rules = result["rules"]
                symbol = {key.rsplit("-", 1)[-1]: rule["symbol"] for key, rule in rules.items()}
                assert symbol["located"] != symbol["approximate"], what
                differing[fmt] += 1
    for fmt in STYLED + ("atlas",):
        assert {"located", "approximate"} <= seen_rules[fmt], fmt
        assert differing[fmt] >= 1, fmt
    assert "area" in seen_rules["atlas"]  # issuer-area features drawn by their own rule
    chinese = [
        row["name"] for result in results for row in result["rows"] if row["name"] and CJK.search(row["name"])
    ]
    assert len(chinese) > 100
