"""``geoplan places`` and ``geoplan report``, in-process through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoplan.cli import cli
from geoplan.cli.report import SECTION_BUILDERS, ReportSection, build_report
from geoplan.geocode.places import PLACE_COLUMNS


@pytest.fixture(scope="module")
def one_plan(plan_files: list[Path]) -> Path:
    return next(p for p in plan_files if p.name.startswith("002"))


def test_places_writes_the_agreed_columns(tmp_path, one_plan):
    out = tmp_path / "places.csv"
    result = CliRunner().invoke(cli, ["places", str(one_plan), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == PLACE_COLUMNS
    assert {row["plan"] for row in rows} == {one_plan.name}
    by_name = {row["name"]: row for row in rows}
    town = by_name["潮格温都尔镇"]
    assert (town["type"], town["banner"], town["league"]) == ("town", "乌拉特后旗", "巴彦淖尔市")
    assert float(town["lon"]) > 100 and float(town["lat"]) > 40
    for row in rows:
        assert (row["lon"] == "") == row["source"].startswith("unresolved")


def test_places_to_stdout_and_refuses_to_overwrite(tmp_path, one_plan):
    result = CliRunner().invoke(cli, ["places", str(one_plan)])
    assert result.exit_code == 0 and result.output.startswith(",".join(PLACE_COLUMNS))
    out = tmp_path / "places.csv"
    out.write_text("keep", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["places", str(one_plan), "--out", str(out)])
    assert refused.exit_code == 2 and out.read_text(encoding="utf-8") == "keep"
    assert CliRunner().invoke(cli, ["places", str(one_plan), "--out", str(out), "--overwrite"]).exit_code == 0


def test_places_rejects_a_folder_without_plans(tmp_path):
    result = CliRunner().invoke(cli, ["places", str(tmp_path)])
    assert result.exit_code == 2


def test_report_json_has_coverage_per_type(one_plan):
    result = CliRunner().invoke(cli, ["report", str(one_plan), "--json"])
    assert result.exit_code == 0, result.output
    sections = {s["title"]: s for s in json.loads(result.output)}
    coverage = next(s for title, s in sections.items() if title.startswith("Places by type"))
    assert coverage["columns"] == ["type", "found", "own", "parent", "unresolved"]
    kinds = {row[0]: row for row in coverage["rows"]}
    assert kinds["town"][1] >= 5 and kinds["all"][1] == sum(r[1] for k, r in kinds.items() if k != "all")


def test_report_text(one_plan):
    result = CliRunner().invoke(cli, ["report", str(one_plan)])
    assert result.exit_code == 0 and "Places by type" in result.output


def test_report_sections_are_extensible():
    def extra(parsed):
        return ReportSection("Projects", ["n"], [[len(parsed)]])

    SECTION_BUILDERS.append(extra)
    try:
        assert build_report([])[-1].rows == [[0]]
    finally:
        SECTION_BUILDERS.remove(extra)


def test_report_is_short_by_default_full_and_csv_on_demand(one_plan):
    short = CliRunner().invoke(cli, ["report", str(one_plan)])
    full = CliRunner().invoke(cli, ["report", str(one_plan), "--full"])
    table = CliRunner().invoke(cli, ["report", str(one_plan), "--csv", "-"])
    assert short.exit_code == full.exit_code == table.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert rows and {"feature_id", "name", "reason"} <= set(rows[0])
    assert f"projects at the issuer's area: {len(rows)} (--full" in short.output
    for row in rows:  # --full lists every row the summary only counts
        assert row["feature_id"] in full.output and row["feature_id"] not in short.output
    assert len(full.output.splitlines()) >= len(short.output.splitlines()) + len(rows)
