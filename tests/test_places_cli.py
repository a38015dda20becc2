"""``geoplan places`` and ``geoplan report``, in-process through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoplan.cli import cli
from geoplan.cli.report import PRECISION_WORDS, SECTION_BUILDERS, ReportSection, build_report
from geoplan.geocode.gazetteer import APPROXIMATE_PRECISIONS, PRECISIONS
from geoplan.geocode.places import PLACE_COLUMNS, place_rows


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


def test_places_out_dash_is_standard_output(tmp_path, one_plan, monkeypatch):
    """'--out -' wrote a file named '-' in the working folder; it is standard output, as for report --csv."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["places", str(one_plan), "--out", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(",".join(PLACE_COLUMNS)) and ",潮格温都尔镇," in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_places_rejects_a_folder_without_plans(tmp_path):
    result = CliRunner().invoke(cli, ["places", str(tmp_path)])
    assert result.exit_code == 2


def test_report_json_has_coverage_per_type(one_plan):
    result = CliRunner().invoke(cli, ["report", str(one_plan), "--json"])
    assert result.exit_code == 0, result.output
    sections = {s["title"]: s for s in json.loads(result.output)}
    coverage = next(s for title, s in sections.items() if title.startswith("Places by type"))
    assert coverage["columns"][:5] == ["type", "found", "own", "parent", "unresolved"]
    assert set(coverage["columns"][5:]) <= set(PRECISIONS) and "banner" in coverage["columns"]
    kinds = {row[0]: row for row in coverage["rows"]}
    assert kinds["town"][1] >= 5 and kinds["all"][1] == sum(r[1] for k, r in kinds.items() if k != "all")
    for row in coverage["rows"]:  # found = own + parent + unresolved = the places drawn at each precision
        assert row[1] == sum(row[2:5]) == row[4] + sum(row[5:])


def test_report_text(one_plan):
    result = CliRunner().invoke(cli, ["report", str(one_plan)])
    assert result.exit_code == 0 and "Places by type" in result.output


def test_report_sections_are_extensible():
    def extra(inputs):
        return ReportSection("Projects", ["n"], [[len(inputs.parsed)]])

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
    rows = [r for r in csv.DictReader(io.StringIO(table.output)) if r["section"].startswith("projects")]
    assert rows and all(r["feature_id"] and r["name"] and r["reason"] for r in rows)
    assert f"projects at the issuer's area: {len(rows)} (--full" in short.output
    for row in rows:  # --full lists every row the summary only counts
        assert row["feature_id"] in full.output and row["feature_id"] not in short.output
    assert len(full.output.splitlines()) >= len(short.output.splitlines()) + len(rows)


@pytest.fixture(scope="module")
def five_plans(parsed) -> tuple[list, dict[str, ReportSection], str, str]:
    """The report of the five reference plans: its sections by title (up to a bracket), its text and its
    --full text."""
    plans = [parsed[key] for key in sorted(parsed)]
    sections = build_report(plans)
    short = "\n\n".join(s.render() for s in sections)
    full = "\n\n".join(s.render(full=True) for s in sections)
    return plans, {s.title.split(" (")[0]: s for s in sections}, short, full


def test_report_of_the_reference_plans_is_a_summary_problems_first(five_plans):
    """The default report of the five plans reads in a screen or two; --full lists every approximate place."""
    _plans, sections, short, full = five_plans
    assert short.startswith("Problems\n") and len(short.splitlines()) <= 120
    by_reason = sections["Places located only approximately, by reason"]
    assert len(full.splitlines()) >= len(short.splitlines()) + len(by_reason.detail)
    for record in by_reason.detail:  # every approximate place is listed by --full, with its reason
        assert record["why"] and f"{record['name']}  {record['type']}" in full


def test_report_counts_are_the_places_listed(five_plans, tmp_path):
    """Honest counts: the places counted are the rows `geoplan places` writes (one per plan and name as
    written, and per corridor); the reasons' counts add up to the places not at a point or area of their
    own, each of which has a reason; the unresolved places the summary names are the rows it leaves
    without coordinates."""
    plans, sections, short, _full = five_plans
    rows = [row for places in plans for row in place_rows(places)]
    coverage = sections["Places by type and precision"]
    assert coverage.rows[-1][0] == "all" and coverage.rows[-1][1] == len(rows)
    by_reason = sections["Places located only approximately, by reason"]
    assert sum(row[1] for row in by_reason.rows) == len(by_reason.detail)
    assert by_reason.note.startswith(f"{len(by_reason.detail)} of {len(rows)} ")
    unresolved = [row for row in rows if str(row["source"]).startswith("unresolved")]
    problems = sections["Problems"]
    assert problems.lines[0].startswith(f"{len(unresolved)} of {len(rows)} places not located")
    assert {(r["plan"], r["name"]) for r in problems.detail} == {(r["plan"], r["name"]) for r in unresolved}
    listed = "".join(problems.lines).replace("\u00a0", " ")
    assert all(row["name"] in listed for row in unresolved)
    # each place at a point or an area of its own has no reason; every other one has one
    exact = [r for r in rows if r["precision"] in ("point", "town", "extent")]
    assert len(by_reason.detail) + len(problems.detail) <= len(rows) - len(exact)


def test_each_approximate_precision_has_one_meaning_in_the_report(five_plans):
    """One table says what each approximate precision means: every approximate precision is in it, each with
    its own group; a record drawn at a precision is grouped under that precision's words and says where it is
    drawn in the same entry's words."""
    _plans, sections, short, _full = five_plans
    assert set(PRECISION_WORDS) == APPROXIMATE_PRECISIONS
    assert len({words.reason for words in PRECISION_WORDS.values()}) == len(PRECISION_WORDS)
    by_reason = sections["Places located only approximately, by reason"]
    groups = {row[0]: row[2] for row in by_reason.rows}
    seen = set()
    for record in by_reason.detail:
        words = PRECISION_WORDS.get(record["precision"])
        if record["level"] != "own" or words is None:
            continue
        seen.add(record["precision"])
        assert record["why"].startswith(f"the record has {record['precision']} precision: {words.placed}")
        assert groups[words.reason].split()[0] == record["precision"], groups[words.reason]
    # the five plans hold records drawn at each approximate precision, country and province among them
    assert seen == APPROXIMATE_PRECISIONS
    assert "no finer than" not in short
