"""``geoplan gazetteer import``: synthetic authority layers (made-up geometry inside real banner polygons, real
township names written the messy ways real layers write them) come out of ``places`` and ``build`` where they
were put, with the overlay as their source; bad input is one line, exit 2, and leaves the overlay unchanged."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import prcoords
import pyogrio
import pytest
from click.testing import CliRunner
from pyproj import Geod, Transformer
from shapely.geometry import Point, box

from geoplan.cli import cli
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.overlay import GpkgOverlay

GEOD = Geod(ellps="WGS84")
#: 乌拉特后旗 lies in the CGCS2000 3-degree zone 35 (central meridian 105°E)
GK_PREFIXED, GK_PLAIN = "EPSG:4523", "EPSG:4544"


def metres(a: Point, b: Point) -> float:
    return GEOD.inv(a.x, a.y, b.x, b.y)[2]


def spots(gazetteer: Gazetteer, banner: str, count: int) -> list[Point]:
    """``count`` made-up points well inside a real banner polygon (a lattice, deterministic)."""
    polygon = gazetteer.get(banner).geometry
    inner = polygon.buffer(-0.05)
    minx, miny, maxx, maxy = inner.bounds
    lattice = [
        Point(round(minx + (maxx - minx) * (i + 0.5) / 9, 6), round(miny + (maxy - miny) * (j + 0.5) / 9, 6))
        for i in range(9)
        for j in range(9)
    ]
    inside = [p for p in lattice if inner.contains(p)]
    step = max(1, len(inside) // count)
    return inside[::step][:count]


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def import_cli(path: Path, overlay: Path, *options: str):
    return run("gazetteer", "import", path, "--overlay", overlay, *options)


def places_rows(plan: Path, overlay: Path) -> dict[str, dict]:
    result = run("places", plan, "--overlay", overlay)
    assert result.exit_code == 0, result.output
    return {
        row["canonical"]: row for row in csv.DictReader(io.StringIO(result.stdout)) if row["type"] == "town"
    }


def plan(plan_files: list[Path], prefix: str) -> Path:
    return next(p for p in plan_files if p.name.startswith(prefix))


# -- a GBK Shapefile of township points in a Gauss-Krüger zone ---------------------------------------------
HOUQI = "banner:150825"  # 乌拉特后旗
#: (as the file writes it, the county field, the township it means or None for a new one)
HOUQI_ROWS = [
    ("乌拉特后旗潮格温都尔镇", "乌拉特后旗", "town:150825:潮格温都尔镇"),  # county prefix
    ("巴音宝力格镇", "乌拉特后旗", "town:150825:巴音宝力格镇"),
    ("乌盖苏木乡", "乌拉特后旗", "town:150825:乌盖苏木"),  # 苏木乡
    ("获各琦乡", "150825", "town:150825:获各琦苏木"),  # 乡 for 苏木, the county as its code
    ("呼和温都尔镇", "乌拉特后旗", "town:150825:呼和温都尔镇"),
    ("巴音查干镇", "乌拉特后旗", None),  # not in the 2019 list: a new township of the banner
    ("巴音前达门苏木", "陈巴尔虎旗", "unmatched"),  # its point lies in 乌拉特后旗, not in the county it names
]


def write_houqi_shapefile(folder: Path, points: list[Point], *, prefixed: bool, encoding: str, cpg: bool,
                          prj: bool, zipped: bool) -> Path:  # fmt: skip
    crs = GK_PREFIXED if prefixed else GK_PLAIN
    to_gk = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    gk = [Point(*to_gk.transform(p.x, p.y)) for p in points]
    frame = gpd.GeoDataFrame(
        {"名称": [r[0] for r in HOUQI_ROWS], "旗县": [r[1] for r in HOUQI_ROWS]},
        geometry=gk,
        crs=crs if prj else None,
    )
    path = folder / "xiangzhen.shp"
    frame.to_file(path, driver="ESRI Shapefile", encoding=encoding, engine="pyogrio")
    if not cpg:
        path.with_suffix(".cpg").unlink(missing_ok=True)
    assert path.with_suffix(".prj").exists() == prj
    if not zipped:
        return path
    archive = folder / "xiangzhen.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped_file:
        for part in folder.glob("xiangzhen.*"):
            if part != archive:
                zipped_file.write(part, f"乡镇界/{part.name}")
    return archive


@pytest.mark.parametrize(
    ("prefixed", "encoding", "cpg", "prj", "zipped"),
    [
        (True, "GBK", False, False, False),  # zone prefix, GBK DBF, no .cpg, no .prj: all detected
        (False, "UTF-8", False, False, False),  # no prefix, no .prj: the zone is told by the county field
        (False, "GB18030", True, True, True),  # zipped, with .cpg and .prj
    ],
)
def test_gauss_kruger_shapefile_towns_land_where_they_were_put(
    tmp_path, shipped_gazetteer, plan_files, prefixed, encoding, cpg, prj, zipped
):
    points = spots(shipped_gazetteer, HOUQI, len(HOUQI_ROWS))
    source = write_houqi_shapefile(
        tmp_path, points, prefixed=prefixed, encoding=encoding, cpg=cpg, prj=prj, zipped=zipped
    )
    overlay = tmp_path / "overlay.gpkg"
    result = import_cli(source, overlay, "--kind", "town", "--name-field", "名称", "--parent-field", "旗县")
    assert result.exit_code == 0, result.output
    assert "matched 5, new 1, ambiguous 0, unmatched 1" in result.output
    assert "new: 巴音查干镇 in 乌拉特后旗 -> town:150825:巴音查干镇" in result.output
    report = list(
        csv.DictReader(io.StringIO((tmp_path / "xiangzhen.import-report.csv").read_text("utf-8-sig")))
    )
    assert [(r["name"], r["status"]) for r in report] == [("巴音前达门苏木", "unmatched")]

    records = {r.place_id: r for r in GpkgOverlay(overlay).records()}
    for (written, _, meant), point in zip(HOUQI_ROWS, points, strict=True):
        if meant == "unmatched":
            assert all(r.source_name != written for r in records.values())  # placed nowhere
            continue
        record = records[meant or f"town:150825:{written}"]
        assert record.source_name == written and record.precision == "point"
        assert metres(record.geometry, point) < 1.0  # the round trip through the zone's CRS
        assert record.source_file == source.name and record.source_fid and record.imported_by
        assert record.crs == (GK_PREFIXED if prefixed else GK_PLAIN)

    towns = places_rows(plan(plan_files, "002"), overlay)
    for name in ("潮格温都尔镇", "巴音宝力格镇", "乌盖苏木", "获各琦苏木", "呼和温都尔镇"):
        row, expected = towns[name], records[f"town:150825:{name}"].geometry
        assert metres(Point(float(row["lon"]), float(row["lat"])), expected) < 1.0, name
        assert row["source"].startswith("overlay record") and row["precision"] == "point"


def test_a_build_with_the_overlay_puts_the_towns_there_and_is_reproducible(
    tmp_path, shipped_gazetteer, plan_files
):
    points = spots(shipped_gazetteer, HOUQI, len(HOUQI_ROWS))
    source = write_houqi_shapefile(
        tmp_path, points, prefixed=True, encoding="GBK", cpg=True, prj=False, zipped=False
    )
    overlay = tmp_path / "overlay.gpkg"
    assert (
        import_cli(
            source, overlay, "--kind", "town", "--name-field", "名称", "--parent-field", "旗县"
        ).exit_code
        == 0
    )
    one = plan(plan_files, "002")
    first, second, bare = tmp_path / "a.gpkg", tmp_path / "b.gpkg", tmp_path / "bare.gpkg"
    for out in (first, second):
        assert run("build", one, "--out", out, "--quiet", "--overlay", overlay).exit_code == 0
    assert run("build", one, "--out", bare, "--quiet", "--no-overlay").exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != bare.read_bytes()
    towns = gpd.read_file(first, layer="towns").set_index("place_id")
    records = {r.place_id: r for r in GpkgOverlay(overlay).records()}
    for place_id, record in records.items():
        row = towns.loc[place_id]
        assert metres(row.geometry, record.geometry) < 1.0
        assert row["precision"] == "point" and row["geometry_source"] == record.citation()
    assert towns.loc["town:150825:巴音查干镇", "banner"] == "乌拉特后旗"  # the new township, in its banner
    named = gpd.read_file(first, layer="places").set_index("place_id")
    assert named.loc["town:150825:潮格温都尔镇", "geometry_source"].startswith("overlay record")


# -- a GeoPackage of township polygons -----------------------------------------------------------------
def test_geopackage_polygons_give_town_precision_at_their_inner_point(
    tmp_path, shipped_gazetteer, plan_files
):
    ejin = spots(shipped_gazetteer, "banner:150627", 3)  # 伊金霍洛旗
    dongsheng = spots(shipped_gazetteer, "banner:150602", 1)  # 东胜区
    rows = [
        ("伊金霍洛旗乌兰木伦镇", ejin[0], "town:150627:乌兰木伦镇"),
        ("红庆河镇", ejin[1], "town:150627:红庆河镇"),
        ("阿勒腾席热镇", ejin[2], "town:150627:阿勒腾席热镇"),
        ("天骄街道办事处", dongsheng[0], "town:150602:天骄街道"),  # 街道办事处 for 街道
    ]
    squares = [box(p.x - 0.01, p.y - 0.01, p.x + 0.01, p.y + 0.01) for _, p, _ in rows]
    source = tmp_path / "xiangzhenjie.gpkg"
    gpd.GeoDataFrame({"XZMC": [r[0] for r in rows]}, geometry=squares, crs="EPSG:4490").to_file(
        source, layer="乡镇界", engine="pyogrio"
    )
    overlay = tmp_path / "overlay.gpkg"
    result = import_cli(
        source, overlay, "--kind", "town", "--name-field", "XZMC"
    )  # banners from the geometry
    assert result.exit_code == 0, result.output
    assert "matched 4, new 0, ambiguous 0, unmatched 0" in result.output
    gazetteer_result = run(
        "gazetteer", "search", "乌兰木伦镇", "--within", "伊金霍洛旗", "--json", "--overlay", overlay
    )
    assert '"precision": "town"' in gazetteer_result.output and "overlay record" in gazetteer_result.output
    towns = places_rows(plan(plan_files, "003"), overlay)
    for (_, _, place_id), square in zip(rows, squares, strict=True):
        name = place_id.rsplit(":", 1)[1]
        if name in towns:
            row = towns[name]
            assert metres(Point(float(row["lon"]), float(row["lat"])), square.centroid) < 1.0
            assert row["precision"] == "town" and row["source"].startswith("overlay record")
    assert {"乌兰木伦镇", "红庆河镇", "阿勒腾席热镇"} <= set(towns)


# -- a GCJ-02 CSV copied from a web map ----------------------------------------------------------------
def test_gcj02_csv_is_rectified_within_the_stated_accuracy(tmp_path, shipped_gazetteer, plan_files):
    zhongqi = spots(shipped_gazetteer, "banner:150824", 3)  # 乌拉特中旗
    rows = [
        ("甘其毛都", "town:150824:甘其毛都镇"),
        ("海流图镇", "town:150824:海流图镇"),
        ("新忽热乡", "town:150824:新忽热苏木"),
    ]
    source = tmp_path / "gcj.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "county", "lng", "lat"])
        for (name, _), point in zip(rows, zhongqi, strict=True):
            shifted = prcoords.wgs_gcj(prcoords.Coords(point.y, point.x))
            writer.writerow([name, "乌拉特中旗", f"{shifted.lon:.9f}", f"{shifted.lat:.9f}"])
    overlay = tmp_path / "overlay.gpkg"
    result = import_cli(
        source,
        overlay,
        "--kind",
        "town",
        "--name-field",
        "name",
        "--parent-field",
        "county",
        "--crs",
        "gcj02",
    )
    assert result.exit_code == 0, result.output
    assert "matched 3" in result.output
    records = {r.place_id: r for r in GpkgOverlay(overlay).records()}
    for (_, place_id), point in zip(rows, zhongqi, strict=True):
        assert metres(records[place_id].geometry, point) < 0.001  # prcoords states ~0.1 mm
        assert "prcoords" in records[place_id].conversion and records[place_id].crs == "GCJ-02"
        assert "prcoords" in records[place_id].citation()
        assert metres(records[place_id].geometry, Point(prcoords.wgs_gcj((point.y, point.x))[::-1])) > 100
    towns = places_rows(plan(plan_files, "004"), overlay)
    for name in ("甘其毛都镇", "海流图镇", "新忽热苏木"):
        assert towns[name]["source"].startswith("overlay record"), name


# -- an XLSX whose parent column holds 行政区划代码 -------------------------------------------------------
def test_xlsx_with_division_codes_as_parents(tmp_path, shipped_gazetteer, plan_files):
    zhenglan = spots(shipped_gazetteer, "banner:152530", 2)  # 正蓝旗
    abag = spots(shipped_gazetteer, "banner:152522", 2)  # 阿巴嘎旗
    rows = [
        ("上都镇", "152530100000", zhenglan[0], "town:152530:上都镇"),
        ("桑根达来镇", "152530101000", zhenglan[1], "town:152530:桑根达来镇"),
        ("别力古台镇", "152522100000", abag[0], "town:152522:别力古台镇"),
        ("查干淖尔镇", "152522", abag[1], "town:152522:查干淖尔镇"),
        ("洪格尔高勒镇", "159999000000", abag[0], None),  # a code of no banner: reported, not placed
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "乡镇"
    sheet.append(["名称", "行政区划代码", "经度", "纬度"])
    for name, code, point, _ in rows:
        sheet.append([name, code, point.x, point.y])
    source = tmp_path / "towns.xlsx"
    book.save(source)
    overlay = tmp_path / "overlay.gpkg"
    result = import_cli(
        source,
        overlay,
        "--kind",
        "town",
        "--name-field",
        "名称",
        "--parent-field",
        "行政区划代码",
        "--crs",
        "EPSG:4490",
    )
    assert result.exit_code == 0, result.output
    assert "matched 4, new 0, ambiguous 0, unmatched 1" in result.output
    records = {r.place_id: r for r in GpkgOverlay(overlay).records()}
    assert set(records) == {r[3] for r in rows if r[3]}
    for _, _, point, place_id in rows[:4]:
        assert metres(records[place_id].geometry, point) < 1.0
        assert records[place_id].source_fid.startswith("row ")
    towns = places_rows(plan(plan_files, "000"), overlay)
    assert towns["上都镇"]["source"].startswith("overlay record")


# -- bad input: one line, exit 2, the overlay unchanged ------------------------------------------------
def _csv(path: Path, header: list[str], rows: list[list[object]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _bad_dbf(folder: Path) -> Path:
    path = folder / "bad.shp"
    gpd.GeoDataFrame({"NAME": ["上都镇"]}, geometry=[Point(116.0, 42.2)], crs="EPSG:4490").to_file(
        path, engine="pyogrio"
    )
    path.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = bytearray(path.with_suffix(".dbf").read_bytes())
    header = int.from_bytes(dbf[8:10], "little")
    dbf[header + 1 : header + 5] = b"\xff\xfe\xff\xfe"  # neither UTF-8 nor GB18030
    path.with_suffix(".dbf").write_bytes(bytes(dbf))
    return path


BAD_INPUTS = {
    "no name field": (
        lambda d: _csv(d / "a.csv", ["名称", "lon", "lat"], [["上都镇", 116.0, 42.2]]),
        ["--name-field", "NAME", "--crs", "4490"],
        "no field 'NAME'",
    ),
    "no CRS": (lambda d: _csv(d / "a.csv", ["name", "lon", "lat"], [["上都镇", 116.0, 42.2]]), [], "no CRS"),
    "undecodable DBF": (_bad_dbf, ["--name-field", "NAME"], "does not decode"),
    "empty layer": (
        lambda d: _csv(d / "a.csv", ["name", "lon", "lat"], []),
        ["--crs", "4490"],
        "no features",
    ),
    "duplicate names": (
        lambda d: _csv(
            d / "a.csv", ["name", "lon", "lat"], [["上都镇", 116.0, 42.2], ["上都镇", 116.01, 42.21]]
        ),
        ["--crs", "4490"],
        "duplicate names",
    ),
    "swapped lat/lon": (
        lambda d: _csv(
            d / "a.csv", ["name", "lon", "lat"], [["上都镇", 42.2, 116.0], ["桑根达来镇", 42.5, 115.9]]
        ),
        ["--crs", "4326"],
        "swapped",
    ),
    "projected declared geographic": (
        lambda d: _csv(d / "a.csv", ["name", "x", "y"], [["上都镇", 38_500_000.0, 4_680_000.0]]),
        ["--crs", "EPSG:4490"],
        "projected",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_one_line_exit_2_and_leaves_the_overlay_unchanged(tmp_path, case):
    make, options, words = BAD_INPUTS[case]
    overlay = tmp_path / "overlay.gpkg"
    GpkgOverlay(overlay).add([])  # an existing, empty overlay
    before = overlay.read_bytes()
    source = make(tmp_path)
    defaults = [] if "--name-field" in options else ["--name-field", "name"]
    result = import_cli(source, overlay, "--kind", "town", *defaults, *options)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], lines
    assert overlay.read_bytes() == before


def test_points_outside_the_region_are_refused_with_their_count(tmp_path):
    source = _csv(
        tmp_path / "a.csv",
        ["name", "lon", "lat"],
        [["上都镇", 116.05, 42.25], ["北京", 116.4, 39.9], ["上海", 121.47, 31.23]],
    )
    overlay = tmp_path / "overlay.gpkg"
    result = import_cli(source, overlay, "--kind", "town", "--name-field", "name", "--crs", "4490")
    assert result.exit_code == 0, result.output
    assert "refused 2 outside Inner Mongolia" in result.output
    report = (tmp_path / "a.import-report.csv").read_text("utf-8-sig")
    assert report.count("refused") == 2
    assert [r.place_id for r in GpkgOverlay(overlay).records()] == ["town:152530:上都镇"]


def test_overlay_is_a_geopackage_gdal_reads(tmp_path):
    overlay = tmp_path / "overlay.gpkg"
    source = _csv(tmp_path / "a.csv", ["name", "lon", "lat"], [["上都镇", 116.05, 42.25]])
    assert (
        import_cli(source, overlay, "--kind", "town", "--name-field", "name", "--crs", "4490").exit_code == 0
    )
    frame = pyogrio.read_dataframe(overlay, layer="overlay")
    assert list(frame["place_id"]) == ["town:152530:上都镇"] and frame.crs.to_epsg() == 4326
    assert frame.geometry[0].equals(Point(116.05, 42.25))


@pytest.mark.parametrize("suffix", [".geojson", ".kml"])
def test_geojson_and_kml_parks_match_or_become_new_records(tmp_path, shipped_gazetteer, suffix):
    park = shipped_gazetteer.lookup("鄂尔多斯高新技术产业开发区", types=["park"])[0].place
    banner = shipped_gazetteer.get(park.banner_id)
    inside = spots(shipped_gazetteer, banner.id, 2)
    frame = gpd.GeoDataFrame({"Name": [park.name, "某某新材料产业园"]}, geometry=inside, crs="EPSG:4326")
    source = tmp_path / f"parks{suffix}"
    frame.to_file(source, driver="KML" if suffix == ".kml" else "GeoJSON", engine="pyogrio")
    overlay = tmp_path / "overlay.gpkg"
    result = import_cli(source, overlay, "--kind", "park", "--name-field", "Name")
    assert result.exit_code == 0, result.output
    assert "matched 1, new 1, ambiguous 0, unmatched 0" in result.output
    records = {r.place_id: r for r in GpkgOverlay(overlay).records()}
    assert metres(records[park.id].geometry, inside[0]) < 1.0
    assert records["park:某某新材料产业园"].parent_id == banner.id
