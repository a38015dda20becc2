"""``geoplan render`` through click's CliRunner: outputs, filters, exit codes, one-line errors."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from PIL import Image

from geoplan.atlas.schema import read_atlas
from geoplan.cli import cli

pytestmark = pytest.mark.filterwarnings("error:Glyph .* missing from font:UserWarning")


def _run(*args: str):
    return CliRunner().invoke(cli, ["render", *args])


def test_renders_a_png(atlas_path, tmp_path):
    out = tmp_path / "map.png"
    result = _run(str(atlas_path), "--out", str(out), "--dpi", "60", "--title", "测试标题")
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and "60 dpi" in result.output
    with Image.open(out) as image:
        assert image.size == pytest.approx((210 / 25.4 * 60, 297 / 25.4 * 60), abs=1)


def test_plan_and_layer_filters(atlas_path, tmp_path):
    atlas = read_atlas(atlas_path)
    thematic = next(name for name, frame in atlas.items() if "plan" in frame.columns and not frame.empty)
    plan = str(atlas[thematic]["plan"].iloc[0])
    out = tmp_path / "map.svg"
    result = _run(
        str(atlas_path), "--out", str(out), "--layers", f"leagues,{thematic}", "--plan", plan, "--dpi", "50"
    )
    assert result.exit_code == 0, result.output
    expected = int((atlas[thematic]["plan"] == plan).sum())
    drawn = int(re.search(r", (\d+) features", result.output).group(1))
    outside = re.search(r"note: (\d+) feature\(s\) outside the map extent", result.output)
    assert drawn + (int(outside.group(1)) if outside else 0) == expected  # framed on the plan's issuer
    assert out.read_bytes().startswith(b"<?xml")


def test_tiles_fall_back_with_a_note(atlas_path, tmp_path):
    out = tmp_path / "map.pdf"
    result = _run(
        str(atlas_path), "--out", str(out), "--basemap", "tiles", "--dpi", "50", "--layers", "leagues"
    )
    assert result.exit_code == 0, result.output
    assert "vector basemap" in result.output
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "args",
    [
        ["--out", "{tmp}/map.jpg"],
        ["--out", "{tmp}/map.png", "--dpi", "many"],
        ["--out", "{tmp}/map.png", "--dpi", "5"],
        ["--out", "{tmp}/map.png", "--paper", "Letter"],
        ["--out", "{tmp}/map.png", "--basemap", "satellite"],
        ["--out", "{tmp}/map.png", "--bbox", "1,2,3"],
        ["--out", "{tmp}/map.png", "--bbox", "108,38,111,41", "--place", "x"],
        ["--out", "{tmp}/map.png", "--place", "没有这个地方的名字"],
        ["--out", "{tmp}/map.png", "--layers", "nope"],
        ["--out", "{tmp}/map.png", "--plan", "no-such-plan.txt"],
        ["--out", "{tmp}/map.png", "--no-such-option"],
        [],
    ],
)
def test_bad_input_exits_2_with_one_line(atlas_path, tmp_path, args):
    result = _run(str(atlas_path), *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert not list(tmp_path.iterdir())


def test_existing_output_needs_overwrite(atlas_path, tmp_path):
    out = tmp_path / "map.png"
    out.write_bytes(b"old")
    result = _run(str(atlas_path), "--out", str(out), "--dpi", "50")
    assert result.exit_code == 2 and "--overwrite" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert out.read_bytes() == b"old"
    result = _run(str(atlas_path), "--out", str(out), "--dpi", "50", "--overwrite", "--layers", "leagues")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")


def test_missing_atlas_exits_2(tmp_path):
    result = _run(str(tmp_path / "none.gpkg"), "--out", str(tmp_path / "map.png"))
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(("dpi", "said"), [("many", "'many' is not a valid integer"), ("5", "50<=x<=1200")])
def test_dpi_is_checked_once_where_it_enters(atlas_path, tmp_path, monkeypatch, dpi, said):
    """A bad --dpi is refused by the option's type before anything is read; a good one reaches the
    library, which checks the options once (in render_report, not again in compose_map)."""
    from geoplan.output.render import compose

    calls: list[tuple] = []
    original = compose.check_options
    monkeypatch.setattr(compose, "check_options", lambda *args: calls.append(args) or original(*args))
    refused = _run(str(atlas_path), "--out", str(tmp_path / "map.png"), "--dpi", dpi)
    assert refused.exit_code == 2 and "--dpi" in refused.output and said in refused.output
    assert calls == [] and not list(tmp_path.iterdir())
    out = tmp_path / "map.png"
    result = _run(str(atlas_path), "--out", str(out), "--dpi", "50", "--layers", "leagues", "--paper", "a3")
    assert result.exit_code == 0, result.output
    assert calls == [("png", "A3", 50, "none")]
