"""Nothing a user does loses data: outputs checked first, claimed atomically, never half-written;
CSV cells a spreadsheet cannot run; one-line errors for bad options, paths, full disks."""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pyogrio
import pytest
from click.testing import CliRunner

from geoplan import errors
from geoplan import io as geoplan_io
from geoplan.atlas.build import write_atlas
from geoplan.atlas.schema import read_atlas
from geoplan.cli import cli
from geoplan.errors import AtlasError, DiskFullError, OutputError, OutputExistsError
from geoplan.io import TEMP_MARK, atomic_path, check_targets, remove_stale_temporaries
from geoplan.output.csv_safe import csv_text, neutralise, read_csv_rows, restore
from geoplan.output.export import export_bytes, export_layers

HOSTILE_CELLS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", "'=already", "''-x", "正常", "-", ""]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def one_line(result) -> bool:
    return len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


@pytest.fixture(scope="module")
def layers(atlas_path: Path):
    """Three industry features and the leagues of the shipped atlas, one named like a formula."""
    frames = read_atlas(atlas_path, ["industry", "leagues"])
    industry = frames["industry"].head(3).copy()
    industry["name"] = ['=HYPERLINK("http://evil","x")', "+1", "正常名称"]
    return {"industry": industry, "leagues": frames["leagues"].head(2)}


@pytest.fixture
def read_only_dir(tmp_path: Path):
    """A folder nobody (root included) can write into: chmod, plus chattr +i for root; skipped if neither holds."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if os.geteuid() == 0 and shutil.which("chattr"):
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    try:
        (folder / "probe").touch()
    except OSError:
        yield folder
    else:
        (folder / "probe").unlink()
        pytest.skip("cannot make a read-only folder here")
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        folder.chmod(0o755)


# --------------------------------------------------------------------------- 2. CSV injection


@pytest.mark.parametrize("cell", HOSTILE_CELLS)
def test_a_cell_is_neutralised_and_restored(cell: str) -> None:
    written = neutralise(cell)
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore(written) == cell
    assert read_csv_rows(csv_text([{"v": cell}], ["v"])) == [{"v": cell}]


def _cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def _zip_cells(data: bytes) -> list[str]:
    """Every cell of every CSV in a CSV-zip export."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [c for name in archive.namelist() if name.endswith(".csv") for c in _cells(archive.read(name))]


def test_the_csv_export_and_the_app_download_hold_no_formula(layers, tmp_path: Path) -> None:
    out = export_layers(layers, tmp_path / "out.csv.zip", "csv")
    for data in (out.read_bytes(), export_bytes(layers, "csv")[0]):
        cells = _zip_cells(data)
        assert '\'=HYPERLINK("http://evil","x")' in cells and "'+1" in cells
        assert not [c for c in cells if c.startswith(("=", "+", "@"))]


def test_the_shapefile_zips_csv_files_hold_no_formula(layers) -> None:
    industry = layers["industry"].copy()
    industry["excerpt"] = "=" + "长" * 200  # cut at the DBF limit: the full text goes to truncated_values.csv
    data, _, _ = export_bytes({"industry": industry}, "shp")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        truncated = _cells(archive.read("truncated_values.csv"))
    assert "'=" + "长" * 200 in truncated and not [c for c in truncated if c.startswith("=")]


def test_places_and_report_csv_hold_no_formula(tmp_path: Path, plan_files: list[Path]) -> None:
    plan = tmp_path / "=cmd.txt"  # the file name reaches the 'plan' column
    plan.write_text(plan_files[1].read_text(encoding="utf-8"), encoding="utf-8")
    places, report = tmp_path / "places.csv", tmp_path / "report.csv"
    assert run("places", str(plan), "--out", str(places)).exit_code == 0
    assert run("report", str(plan), "--csv", str(report)).exit_code == 0
    for path in (places, report):
        cells = _cells(path.read_bytes())
        assert "'=cmd.txt" in cells and "=cmd.txt" not in cells
        assert any(
            row.get("plan") == "=cmd.txt" or row.get("value") == "=cmd.txt"
            for row in read_csv_rows(path.read_text())
        )


# --------------------------------------------------------------------------- 3. two runs, one new file


def test_of_two_runs_writing_one_new_file_the_second_fails_with_exists(tmp_path: Path) -> None:
    target = tmp_path / "atlas.gpkg"
    with pytest.raises(OutputExistsError, match="exists"):
        with atomic_path(target, overwrite=False) as tmp:
            tmp.write_text("second")
            target.write_text("first")  # the other run publishes while this one works
    assert target.read_text() == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas.gpkg"]


def test_two_atlas_writes_to_one_new_file(tmp_path: Path, layers) -> None:
    target = tmp_path / "atlas.gpkg"
    full = {**read_atlas(), "industry": layers["industry"]}
    write_atlas(full, target, overwrite=False)
    first = target.read_bytes()
    with pytest.raises(OutputExistsError):
        write_atlas(full, target, overwrite=False)
    assert target.read_bytes() == first


def test_the_no_link_fallback_claims_the_name_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*_args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(geoplan_io.os, "link", no_links)
    target = tmp_path / "out.txt"
    with atomic_path(target, overwrite=False) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new"
    with pytest.raises(OutputExistsError), atomic_path(target, overwrite=False) as tmp:
        tmp.write_text("again")
    assert target.read_text() == "new"


# --------------------------------------------------------------------------- 4, 5, 8. checked before the work


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if plans are read: the output checks must come first."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the work started before the outputs were checked")

    monkeypatch.setattr("geoplan.read.plan.read", refuse)
    monkeypatch.setattr("geoplan.geocode.gazetteer.Gazetteer.load", refuse)


def test_build_report_into_a_read_only_folder_fails_first(tmp_path, read_only_dir, plan_files, no_work):
    out = tmp_path / "atlas.gpkg"
    result = run("build", str(plan_files[0]), "--out", str(out), "--report", str(read_only_dir / "r.json"))
    assert result.exit_code == 2 and one_line(result), result.output
    assert "cannot write" in result.output and not out.exists()


def test_build_report_under_a_file_fails_first(tmp_path: Path, plan_files, no_work) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run(
        "build", str(plan_files[0]), "--out", str(tmp_path / "a.gpkg"), "--report", str(blocker / "r.json")
    )
    assert result.exit_code == 2 and one_line(result), result.output
    assert "cannot write" in result.output and not (tmp_path / "a.gpkg").exists()


def test_build_keeps_an_existing_report_without_overwrite(tmp_path: Path, plan_files, no_work) -> None:
    report = tmp_path / "report.json"
    report.write_text("keep me")
    result = run("build", str(plan_files[0]), "--out", str(tmp_path / "a.gpkg"), "--report", str(report))
    assert result.exit_code == 2 and one_line(result) and "exists" in result.output
    assert report.read_text() == "keep me"


def test_places_into_a_read_only_folder_fails_before_geocoding(read_only_dir, plan_files, no_work) -> None:
    result = run("places", str(plan_files[0]), "--out", str(read_only_dir / "places.csv"))
    assert result.exit_code == 2 and one_line(result), result.output


def test_places_under_a_file_fails_before_geocoding(tmp_path: Path, plan_files, no_work) -> None:
    (tmp_path / "file").write_text("x")
    result = run("places", str(plan_files[0]), "--out", str(tmp_path / "file" / "places.csv"))
    assert result.exit_code == 2 and one_line(result) and "cannot write" in result.output


def test_plan_info_on_a_folder_without_plans(tmp_path: Path) -> None:
    (tmp_path / "notes.docx.bak").write_text("x")
    result = run("plan", "info", str(tmp_path))
    assert result.exit_code == 2 and one_line(result) and "no .txt/.md/.pdf/.docx plan" in result.output


@pytest.mark.parametrize(
    "content",
    [b"", b"SQLite format 3\x00" + b"\x13" * 5000, b"not a geopackage"],
    ids=["empty", "corrupt", "text"],
)
@pytest.mark.parametrize(
    "verb",
    [
        ["export", "--out", "x.geojson"],
        ["render", "--out", "x.png"],
        ["store", "push", "--dsn", "postgresql://u@h/db"],
    ],
)
def test_a_missing_or_corrupt_atlas_exits_2(tmp_path: Path, content: bytes, verb: list[str]) -> None:
    atlas = tmp_path / "atlas.gpkg"
    atlas.write_bytes(content)
    args = (
        [verb[0], *verb[1:2], str(atlas), *verb[2:]]
        if verb[0] == "store"
        else [verb[0], str(atlas), verb[1], str(tmp_path / verb[2])]
    )
    result = run(*args)
    assert result.exit_code == 2 and one_line(result), result.output
    result = run(*[str(tmp_path / "none.gpkg") if a == str(atlas) else a for a in args])
    assert result.exit_code == 2 and one_line(result) and "no such atlas" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--bogus"],
        ["build", "/nonexistent/plans", "--out", "x.gpkg"],
        ["export", "--format"],
        ["plan", "info"],
        ["places", "--nope", "x"],
        ["store", "push", "--what"],
        ["gazetteer", "search"],
        ["app", "--port", "99999999"],
        ["nosuchverb"],
    ],
)
def test_a_parser_error_is_one_line_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2 and one_line(result), result.output
    assert "Usage:" not in result.output


# --------------------------------------------------------------------------- 6. stale temporaries


def test_stale_temporaries_of_killed_runs_are_removed(tmp_path: Path) -> None:
    old, fresh = tmp_path / f".atlas.gpkg{TEMP_MARK}a1b2.gpkg", tmp_path / f".atlas.gpkg{TEMP_MARK}c3d4.gpkg"
    foreign = tmp_path / ".atlas.gpkg.something-else"
    for path in (old, fresh, foreign):
        path.write_text("x")
    hour_ago = time.time() - 3600
    for path in (old, foreign):
        os.utime(path, (hour_ago, hour_ago))
    with atomic_path(tmp_path / "other.txt") as tmp:
        tmp.write_text("new")
    assert not old.exists() and fresh.exists() and foreign.exists()
    assert remove_stale_temporaries(tmp_path, older_than=0) == 1 and not fresh.exists()


# --------------------------------------------------------------------------- 9. full disk


def test_a_full_disk_is_named_not_unspecified(
    tmp_path: Path, layers, monkeypatch: pytest.MonkeyPatch
) -> None:
    def gdal_fails(*_args: object, **_kwargs: object) -> None:
        raise pyogrio.errors.DataSourceError("Unspecified error")

    monkeypatch.setattr(pyogrio, "write_dataframe", gdal_fails)
    monkeypatch.setattr(geoplan_io.shutil, "disk_usage", lambda _path: shutil._ntuple_diskusage(100, 100, 0))
    with pytest.raises(DiskFullError, match=r"atlas.gpkg: no space left on /"):
        write_atlas({**read_atlas(), "industry": layers["industry"]}, tmp_path / "atlas.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_enospc_from_any_writer_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan_files
) -> None:
    def full(self: Path, *_args: object, **_kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    result = run("places", str(plan_files[1]), "--out", str(tmp_path / "places.csv"))
    assert result.exit_code == 1 and one_line(result) and "no space left on /" in result.output


@pytest.fixture
def tiny_tmpfs(tmp_path: Path):
    """A 256 kB tmpfs (root only); skipped where mounting is not permitted."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_really_full_disk(tiny_tmpfs: Path, layers) -> None:
    with pytest.raises(DiskFullError, match=f"no space left on {tiny_tmpfs}"):
        write_atlas(read_atlas(), tiny_tmpfs / "atlas.gpkg")
    assert list(tiny_tmpfs.iterdir()) == []
    result = run("export", "--layer", "towns", "--out", str(tiny_tmpfs / "towns.geojson"))
    assert result.exit_code == 1 and one_line(result) and f"no space left on {tiny_tmpfs}" in result.output
    assert list(tiny_tmpfs.iterdir()) == []


def test_pdf_chatter_stays_off_the_terminal(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(buffer.getvalue().replace(b"%%EOF", b""))  # pypdf: "EOF marker not found"
    with contextlib.suppress(SystemExit):
        from geoplan.cli import main

        main(["plan", "info", str(broken)])
    captured = capfd.readouterr()
    assert "EOF marker" not in captured.err + captured.out
    assert len(captured.err.strip().splitlines()) == 1 and "unreadable PDF" in captured.err


def test_check_targets_skips_none_and_refuses_a_folder(tmp_path: Path) -> None:
    check_targets([None, tmp_path / "new.gpkg"], overwrite=False)
    with pytest.raises(OutputExistsError, match="is a folder"):
        check_targets([tmp_path], overwrite=True)
    with pytest.raises(OutputError):
        check_targets([Path("/proc/version/x.csv")], overwrite=False)
    assert issubclass(DiskFullError, OSError) and not issubclass(AtlasError, OSError)


@pytest.mark.parametrize(
    ("verb", "name"),
    [(["export", "{atlas}", "--out"], "x.geojson"), (["raster", "{atlas}", "--out"], "x.tif"),
     (["gazetteer", "fixes", "--export"], "fixes.csv")],
    ids=["export", "raster", "gazetteer fixes"],
)  # fmt: skip
def test_a_missing_output_folder_is_an_error_and_nothing_is_created(
    tmp_path: Path, atlas_path: Path, verb: list[str], name: str
) -> None:
    """A check changes nothing: it used to create the missing folders, and leave them when the run failed
    (raster and gazetteer fixes created them and wrote there, exit 0)."""
    target = tmp_path / "new" / "sub" / name
    result = run(*[a.format(atlas=atlas_path) for a in verb], str(target))
    assert result.exit_code == 2 and one_line(result)
    assert "does not exist" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_is_an_input_is_refused_even_with_overwrite(tmp_path: Path, atlas_path: Path) -> None:
    """'export self.gpkg --out self.gpkg --overwrite' replaced the atlas with its thematic layers only."""
    atlas = tmp_path / "self.gpkg"
    shutil.copyfile(atlas_path, atlas)
    before = atlas.read_bytes()
    result = run("export", str(atlas), "--out", str(atlas), "--overwrite")
    assert result.exit_code == 2 and one_line(result)
    assert "also an input" in result.output
    assert atlas.read_bytes() == before
    alias = tmp_path / "alias.png"  # a map file name that is the atlas under another name
    alias.symlink_to(atlas)
    rendered = run("render", str(atlas), "--out", str(alias), "--overwrite")
    assert rendered.exit_code == 2 and "also an input" in rendered.output
    assert atlas.read_bytes() == before


def test_a_library_error_reads_as_one_line(tmp_path: Path) -> None:
    """GDAL's advice for programmers (chained after '.; ') stays off the user's one line; a database's DETAIL is kept."""
    fake = tmp_path / "fake.gpkg"
    fake.write_bytes(b"not a geopackage")
    result = run("export", str(fake), "--out", str(tmp_path / "o.geojson"))
    assert result.exit_code == 2 and one_line(result)
    assert "not recognized" in result.output and "DRIVER" not in result.output
    assert errors.one_line(ValueError("failed\nDETAIL: key exists\n")) == "failed; DETAIL: key exists"
    assert errors.first_line(ValueError("")) == "ValueError"


def test_app_on_a_busy_port_is_one_line_before_the_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """`geoplan app` on a port another server holds warmed up for 20 s and then logged "Port … is not
    available" (exit 1); now it says so at once, exit 2."""
    import socket

    def refuse() -> None:
        raise AssertionError("warmed up before the port was checked")

    monkeypatch.setattr("geoplan.cli.app.warm_up", refuse)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        result = run("app", "--port", str(port))
    assert result.exit_code == 2 and one_line(result), result.output
    assert f"port {port} is in use" in result.output
