"""The atlas build of the reference plans: layers, columns, geometry rules, the shipped atlas, the CLI."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from atlas_diff import differences
from click.testing import CliRunner

from geoplan.atlas.build import build_plans, report, write_atlas
from geoplan.atlas.schema import BASE_COLUMNS, FEATURE_COLUMNS, read_atlas
from geoplan.atlas.summary import scopes, summary_columns
from geoplan.cli import cli
from geoplan.layers import load_layers

BASES = {"place point", "parent centroid", "waypoints", "polygon", "schematic", "issuer area"}
PRECISIONS = {"point", "town", "banner", "league", "province", "schematic"}


@pytest.fixture(scope="module")
def built(plan_files, shipped_gazetteer):
    return build_plans(plan_files, shipped_gazetteer)


@pytest.fixture(scope="module")
def layers(built):
    return built[0]


def test_every_layer_with_its_columns(layers):
    assert list(layers) == [d.id for d in load_layers()]
    for definition in load_layers():
        frame = layers[definition.id]
        columns = BASE_COLUMNS if definition.group == "base" else FEATURE_COLUMNS
        if definition.id in ("leagues", "banners"):  # plus the per-plan summaries, after the base columns
            thematic = [d.id for d in load_layers() if d.group == "thematic"]
            columns = [*columns, *(c for s in scopes(layers) for c in summary_columns(s.key, thematic))]
        assert list(frame.columns) == [*columns, "geometry"], definition.id
        assert frame.crs == "EPSG:4326"
        assert len(frame) > 0, definition.id


def test_thematic_rows_are_well_formed(layers):
    for definition in load_layers():
        if definition.group != "thematic":
            continue
        frame = layers[definition.id]
        assert set(frame["layer"]) == {definition.id}
        assert set(frame["geometry_basis"]) <= BASES
        assert set(frame["precision"]) <= PRECISIONS
        assert not frame.geometry.is_empty.any() and frame.geometry.is_valid.all()
        assert frame["feature_id"].is_unique
        approximate = frame["precision"].isin(["banner", "league", "province", "schematic"]).astype(int)
        assert (frame["approximate"] == approximate).all()
        bounds = frame.total_bounds
        assert 90 < bounds[0] and bounds[2] < 130 and 30 < bounds[1] and bounds[3] < 55
        for quantities in frame["quantities"]:
            assert isinstance(json.loads(quantities), list)


def test_geometry_follows_the_rules(layers):
    features = [layers[d.id] for d in load_layers() if d.group == "thematic"]
    rows = [row for frame in features for _, row in frame.iterrows()]
    by_basis = {}
    for row in rows:
        by_basis.setdefault(row["geometry_basis"], []).append(row)
    assert all(r.geometry.geom_type in {"LineString", "MultiLineString"} for r in by_basis["waypoints"])
    assert all(r.geometry.geom_type in {"Polygon", "MultiPolygon"} for r in by_basis["issuer area"])
    assert all(r["precision"] in {"league", "banner"} for r in by_basis["issuer area"])
    assert all(r["locations"] == "" or r["kind"] == "project" for r in by_basis["issuer area"])
    several = [r for r in rows if r.geometry.geom_type == "MultiPoint"]
    assert several and all(";" in r["place_ids"] for r in several)
    layouts = [r for r in rows if r["kind"] == "layout"]
    assert layouts and all(r["geometry_basis"] == "schematic" for r in layouts)


def test_places_layer_names_the_plans(layers, plan_files):
    places = layers["places"]
    names = {p.name for p in plan_files}
    assert places["plans"].str.len().gt(0).all()
    assert {n for value in places["plans"] for n in value.split(";")} <= names


def test_report_counts_every_project(built):
    _, builds = built
    summary = report(builds)
    assert summary["projects"] == sum(len([p for p in b.projects if p.kind == "project"]) for b in builds)
    assert summary["located_finer"] + len(summary["issuer_only"]) == summary["projects"]
    assert set(summary["per_plan"]) == {b.plan for b in builds}


REBUILD = "geoplan build ../shared/plans --out layers/atlas.gpkg --overwrite"


def test_shipped_atlas_is_the_build_of_the_reference_plans(layers, atlas_path, tmp_path):
    rebuilt = write_atlas(layers, tmp_path / "atlas.gpkg")
    changes = list(differences(read_atlas(atlas_path), read_atlas(rebuilt)))
    if changes:
        per_layer = Counter(change.split(" ")[0].rstrip(":") for change in changes)
        shown = "\n".join(changes[:12]) + (f"\n… and {len(changes) - 12} more" if len(changes) > 12 else "")
        pytest.fail(
            f"layers/atlas.gpkg is stale ({REBUILD}); differences per layer: "
            f"{', '.join(f'{layer} {n}' for layer, n in per_layer.items())}; the first:\n{shown}",
            pytrace=False,
        )
    assert rebuilt.read_bytes() == atlas_path.read_bytes(), (
        f"layers/atlas.gpkg has the same features but other bytes (GeoPackage metadata; {REBUILD})"
    )


def test_the_atlas_comparison_names_layer_feature_and_field(atlas_path):
    shipped = read_atlas(atlas_path, ["industry", "towns"])
    changed = {name: frame.copy() for name, frame in shipped.items()}
    first = changed["industry"]["feature_id"].iloc[0]
    changed["industry"].loc[0, "precision"] = "province"
    changed["towns"] = changed["towns"].iloc[1:]
    found = list(differences(shipped, changed))
    town = shipped["towns"]["place_id"].iloc[0]
    old_precision = shipped["industry"]["precision"].iloc[0]
    assert found == [
        f"industry / {first} / precision: {old_precision!r} -> 'province'",
        f"towns / {town}: feature missing",
    ]
    assert list(differences(shipped, shipped)) == []


def test_shipped_atlas_reads_back(atlas_path):
    atlas = read_atlas(atlas_path)
    assert list(atlas) == [d.id for d in load_layers()]


# --- CLI ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_cli_builds_an_atlas(runner, plans_dir, tmp_path, atlas_path):
    out = tmp_path / "atlas.gpkg"
    report_path = tmp_path / "report.json"
    result = runner.invoke(cli, ["build", str(plans_dir), "--out", str(out), "--report", str(report_path)])
    assert result.exit_code == 0, result.output
    assert "projects" in result.output and "industry" in result.output
    assert out.read_bytes() == atlas_path.read_bytes()
    assert json.loads(report_path.read_text(encoding="utf-8"))["projects"] > 0


def test_cli_refuses_to_overwrite(runner, plan_files, tmp_path):
    out = tmp_path / "atlas.gpkg"
    out.write_bytes(b"keep")
    result = runner.invoke(cli, ["build", str(plan_files[1]), "--out", str(out), "--quiet"])
    assert result.exit_code == 2
    assert "--overwrite" in result.output
    assert out.read_bytes() == b"keep"
    result = runner.invoke(cli, ["build", str(plan_files[1]), "--out", str(out), "--quiet", "--overwrite"])
    assert result.exit_code == 0, result.output
    assert list(read_atlas(out)) == [d.id for d in load_layers()]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--out", "atlas.shp"], "GeoPackage"),
        (["--out", "atlas.gpkg", "--nope"], "No such option"),
    ],
)
def test_cli_bad_input_exits_2(runner, plan_files, tmp_path, arguments, message):
    result = runner.invoke(cli, ["build", str(plan_files[1]), *arguments])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_empty_folder_exits_2(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(tmp_path), "--out", str(tmp_path / "a.gpkg")])
    assert result.exit_code == 2
    assert "no .txt" in result.output


def test_cli_warns_of_a_text_that_yields_nothing(runner, plan_files, tmp_path):
    """A Chinese text that is no plan (a note) was built into an empty atlas without a word; now a warning
    names it, and only it, even with --quiet (the reference plan beside it yields projects)."""
    note = tmp_path / "note.txt"
    note.write_text("今天开会，讨论下周的安排。\n请大家准时参加。\n", encoding="utf-8")
    out = tmp_path / "atlas.gpkg"
    result = runner.invoke(cli, ["build", str(plan_files[1]), str(note), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["warning: note.txt: no project and no place found; is it a plan?"]
    assert result.stdout == ""
