"""Links between plans: plan hierarchy, scoring rules, one feature per linked project, and `geoplan diff`.

Plan 002 (乌拉特后旗, a banner) lies in plan 004 (巴彦淖尔市, its city).  Expected links were found by
reading both plans' excerpts (bench/links/sample.csv holds the verdicts).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoplan.atlas.build import assemble_layers, build_plan
from geoplan.atlas.hierarchy import parent_plans, parent_unit, plan_tree
from geoplan.atlas.links import (
    LINK_THRESHOLD,
    diff_plans,
    link_features,
    merge_linked,
    name_core,
    name_similarity,
    score_pair,
    scoring_context,
)
from geoplan.cli import cli
from geoplan.layers import load_layers
from geoplan.output.export import export_layers
from geoplan.read.model import PlanMeta

BANNER = "002_e2fbe1b780f1f38b"
CITY = "004_6b20b77d51383257"
#: the project links between 002 and 004, checked by reading both excerpts
PROJECT_LINKS = {(f"{BANNER}:4-3:3:2", f"{CITY}:6-1:6"), (f"{BANNER}:6-1:3", f"{CITY}:8-1:4")}
#: the places both plans name (one place feature each)
SHARED_PLACES = {
    "grassland:乌拉特草原",
    "desert:乌兰布和沙漠",
    "desert:巴音温都尔沙漠",
    "park:乌拉特后旗工业园区",
    "port:甘其毛都口岸",
    "road:G242",  # 002 writes 国道 242, 004 writes G242: one national road record since issue 15's route harvest
}


def _meta(issuer: str, level: str, kind: str = "14th", parent: str | None = None) -> PlanMeta:
    start = 2021 if kind == "14th" else 2026
    return PlanMeta(issuer, level, parent, kind, False, (start, start + 4), f"{issuer}规划")


@pytest.fixture(scope="module")
def pair_builds(plans_dir, shipped_gazetteer):
    return [build_plan(plans_dir / f"{stem}.txt", shipped_gazetteer) for stem in (BANNER, CITY)]


@pytest.fixture(scope="module")
def pair_rows(pair_builds):
    return [row for build in pair_builds for row in build.project_rows + build.place_rows]


# -- hierarchy -----------------------------------------------------------------------------------


def test_parent_unit_comes_from_the_gazetteer_when_the_title_prints_none(shipped_gazetteer):
    assert parent_unit(_meta("乌拉特后旗", "banner"), shipped_gazetteer) == "巴彦淖尔市"
    assert parent_unit(_meta("巴彦淖尔市", "league"), shipped_gazetteer) is None
    # a unit the gazetteer lacks keeps the parent the reader found
    assert parent_unit(_meta("无此旗", "banner", parent="包头市"), shipped_gazetteer) == "包头市"


def test_parent_plan_prefers_the_same_period(shipped_gazetteer):
    metas = {
        "city14.txt": _meta("巴彦淖尔市", "league", "14th"),
        "city15.txt": _meta("巴彦淖尔市", "league", "15th"),
        "banner15.txt": _meta("乌拉特后旗", "banner", "15th"),
        "other.txt": _meta("锡林郭勒盟", "league", "15th"),
        "orphan.txt": _meta("达拉特旗", "banner", "15th"),  # in 鄂尔多斯市, whose plan is not among these
    }
    parents = parent_plans(metas, shipped_gazetteer)
    assert parents == {
        "city14.txt": None,
        "city15.txt": None,
        "banner15.txt": "city15.txt",
        "other.txt": None,
        "orphan.txt": None,
    }
    assert plan_tree(metas, shipped_gazetteer) == [
        ("city14.txt", 0),
        ("city15.txt", 0),
        ("banner15.txt", 1),
        ("orphan.txt", 0),
        ("other.txt", 0),
    ]


def test_plan_002_sits_under_a_city_plan(pair_builds, plans_dir, shipped_gazetteer):
    from geoplan.read.plan import read

    banner = read(plans_dir / f"{BANNER}.txt", shipped_gazetteer).meta
    metas = {f"{BANNER}.txt": banner, f"{CITY}.txt": _meta("巴彦淖尔市", "league", banner.kind)}
    assert parent_plans(metas, shipped_gazetteer)[f"{BANNER}.txt"] == f"{CITY}.txt"


# -- rules ---------------------------------------------------------------------------------------


def test_name_core_drops_issuers_quantities_and_the_generic_tail():
    assert name_core("某某旗（一期）供水工程建设项目", ["某某旗"]) == "一期供水"
    assert name_core("30万千瓦风电项目", ["30万千瓦"]) == "风电"
    assert name_similarity("风电", "风电") == (1.0, "equal names")
    assert name_similarity("盐碱地改良", "盐碱地改良示范")[0] == 0.9
    assert name_similarity("供水", "供热")[0] < 0.6


def _row(feature_id: str, plan: str, issuer: str, level: str, **fields) -> dict:
    row = {
        "feature_id": feature_id,
        "plan": plan,
        "issuer": issuer,
        "issuer_level": level,
        "plan_kind": "14th",
        "kind": "project",
        "layer": "infrastructure",
        "sector": "water",
        "name": "",
        "place_ids": "",
        "quantities": "[]",
        "precision": "banner",
        "geometry_basis": "issuer area",
        "excerpt": "",
    }
    row.update(fields)
    return row


def test_a_city_wide_item_and_a_banner_item_are_a_near_miss_never_a_link(shipped_gazetteer):
    city = _row(
        "c:1:1",
        "c.txt",
        "巴彦淖尔市",
        "league",
        name="巴彦淖尔市城乡供水一体化工程",
        place_ids="league:150800",
    )
    banner = _row("b:1:1", "b.txt", "乌拉特后旗", "banner", name="城乡供水一体化工程")
    linking = link_features([banner, city], shipped_gazetteer)
    assert linking.links == []
    assert [(m.a, m.b) for m in linking.near_misses] == [("b:1:1", "c:1:1")]
    assert linking.near_misses[0].score < LINK_THRESHOLD


def test_same_place_far_outside_a_plan_is_a_near_miss(shipped_gazetteer):
    # 甘其毛都口岸 lies in 乌拉特中旗: in reach of its neighbour 乌拉特后旗, not of 锡林郭勒盟
    near = _row(
        "b:p",
        "b.txt",
        "乌拉特后旗",
        "banner",
        kind="place",
        place_ids="port:甘其毛都口岸",
        name="甘其毛都口岸",
    )
    far = _row(
        "x:p",
        "x.txt",
        "锡林郭勒盟",
        "league",
        kind="place",
        place_ids="port:甘其毛都口岸",
        name="甘其毛都口岸",
    )
    city = _row(
        "c:p",
        "c.txt",
        "巴彦淖尔市",
        "league",
        kind="place",
        place_ids="port:甘其毛都口岸",
        name="甘其毛都口岸",
    )
    linking = link_features([near, city, far], shipped_gazetteer)
    assert [(link.a, link.b) for link in linking.links] == [("b:p", "c:p")]
    assert {(m.a, m.b) for m in linking.near_misses} == {("b:p", "x:p"), ("c:p", "x:p")}


def test_places_apart_are_never_compared(shipped_gazetteer):
    a = _row(
        "a:1:1",
        "a.txt",
        "乌拉特后旗",
        "banner",
        name="潮格温都尔镇供水工程",
        place_ids="town:150825:潮格温都尔镇",
    )
    b = _row("b:1:1", "b.txt", "锡林郭勒盟", "league", name="潮格温都尔镇供水工程", place_ids="league:152500")
    context = scoring_context([a, b], shipped_gazetteer)
    assert score_pair(a, b, context) is None


# -- the reference pair --------------------------------------------------------------------------


def test_links_of_002_and_004(pair_rows, shipped_gazetteer):
    linking = link_features(pair_rows, shipped_gazetteer)
    pairs = {(link.a, link.b) for link in linking.links}
    places = {(f"{BANNER}:place:{p}", f"{CITY}:place:{p}") for p in SHARED_PLACES}
    assert pairs == PROJECT_LINKS | places
    assert all(link.score >= LINK_THRESHOLD and link.rule and link.why for link in linking.links)
    assert len(linking.near_misses) >= 10
    assert all(m.score < LINK_THRESHOLD for m in linking.near_misses)


def test_no_project_of_both_plans_appears_twice_on_the_map_or_in_an_export(
    pair_builds, shipped_gazetteer, tmp_path
):
    layers = assemble_layers(pair_builds, shipped_gazetteer)
    thematic = [d.id for d in load_layers() if d.group == "thematic"]
    rows = [row for layer in thematic for row in layers[layer].to_dict("records")]
    named = Counter(source["feature_id"] for row in rows for source in json.loads(row["sources"]))
    built = Counter(row["feature_id"] for b in pair_builds for row in b.project_rows + b.place_rows)
    assert named == built  # every feature of either plan stands in exactly one row
    both = [row for row in rows if len(row["plans"].split(";")) == 2]
    assert len(both) == len(PROJECT_LINKS) + len(SHARED_PLACES)
    port = [row for row in rows if row["name"] == "甘其毛都口岸" and row["kind"] == "place"]
    assert len(port) == 1 and port[0]["plans"] == f"{BANNER}.txt;{CITY}.txt"
    out = export_layers({layer: layers[layer] for layer in thematic}, tmp_path / "both.geojson", "geojson")
    features = json.loads(Path(out).read_text(encoding="utf-8"))["features"]
    assert len(features) == len(rows)
    exported = [
        fid for f in features for fid in (s["feature_id"] for s in json.loads(f["properties"]["sources"]))
    ]
    assert Counter(exported) == named


def test_diff_002_against_004_prints_three_lists():
    result = CliRunner().invoke(cli, ["diff", _plan(BANNER), _plan(CITY), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["relation"] == "parent/child"
    carried = {(c["a"], c["b"]) for layer in data["layers"].values() for c in layer["carried_over"]}
    assert carried == PROJECT_LINKS
    assert all(set(layer) == {"new", "carried_over", "dropped"} for layer in data["layers"].values())
    new = {fid for layer in data["layers"].values() for fid in layer["new"]}
    dropped = {fid for layer in data["layers"].values() for fid in layer["dropped"]}
    assert f"{CITY}:7-1:2" in new and f"{BANNER}:6-1:2:1" in dropped  # the port's hub; the banner's railway
    text = CliRunner().invoke(cli, ["diff", _plan(BANNER), _plan(CITY)])
    assert text.exit_code == 0
    assert "new (B only)" in text.output and "carried over (A and B)" in text.output
    assert "dropped (A only)" in text.output and "near misses" in text.output


def _plan(stem: str) -> str:
    from geoplan.resources import REFERENCE_PLANS

    return str(REFERENCE_PLANS / f"{stem}.txt")


def test_report_lists_the_links():
    result = CliRunner().invoke(cli, ["report", _plan(BANNER), _plan(CITY), "--links", "--json"])
    assert result.exit_code == 0, result.output
    sections = {s["title"].split(" ")[0]: s for s in json.loads(result.output)}
    linked = {(row[3], row[5]) for row in sections["Links"]["rows"]}
    assert PROJECT_LINKS <= linked and len(linked) == len(PROJECT_LINKS) + len(SHARED_PLACES)
    assert sections["Near"]["rows"]


# -- two periods of one plan, made here ----------------------------------------------------------


def _box_lines(lines: list[str], number: str) -> list[int]:
    """Indexes of the item lines of box ``number`` (from its heading to the next blank-then-heading)."""
    start = next(i for i, line in enumerate(lines) if re.match(rf"^专栏\s*{re.escape(number)}\s", line))
    found = []
    for i in range(start + 1, len(lines)):
        if re.match(r"^第[一二三四五六七八九十]+[章节]|^专栏", lines[i]):
            break
        if lines[i].strip():
            found.append(i)
    return found


@pytest.fixture(scope="module")
def periods(plans_dir, shipped_gazetteer, tmp_path_factory):
    """Plan 002 and a 15th-plan copy with box 3-1 changed: item 11 dropped, item 5 renamed, an item
    added; and box 4-6's first quantity changed."""
    source = plans_dir / f"{BANNER}.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    box = _box_lines(lines, "3-1")
    assert len(box) == 12
    dropped_line = box[10]
    lines[box[4]] = lines[box[4]].replace("工程", "（二期）工程", 1)
    lines[box[11]] += "\n- 13、雪灾应急避难场所建设项目"
    del lines[dropped_line]
    first = _box_lines(lines, "4-6")[0]
    lines[first] = re.sub(r"\d+(?= 万亩)", lambda m: str(int(m.group()) + 1), lines[first], count=1)
    text = "\n".join(lines).replace("第十四个五年", "第十五个五年")
    copy = tmp_path_factory.mktemp("periods") / "002_next.txt"
    copy.write_text(text, encoding="utf-8")
    return [build_plan(path, shipped_gazetteer) for path in (source, copy)]


def test_a_synthetic_pair_of_periods_gives_exactly_the_changes_made(periods, shipped_gazetteer):
    old, new = periods
    assert {r["plan_kind"] for r in new.project_rows} == {"15th"}
    diff = diff_plans(old.project_rows, new.project_rows, shipped_gazetteer)
    assert diff.relation == "periods"
    dropped = [row["feature_id"] for rows in diff.dropped.values() for row in rows]
    added = [row["name"] for rows in diff.new.values() for row in rows]
    assert dropped == [f"{BANNER}:3-1:11"]
    assert added == ["雪灾应急避难场所建设项目"]
    carried = [(a, b) for pairs in diff.carried.values() for a, b, _ in pairs]
    assert len(carried) == len([r for r in old.project_rows if r["kind"] != "place"]) - 1
    from geoplan.atlas.links import changes

    changed = {a["feature_id"]: changes(a, b) for a, b in carried if changes(a, b)}
    assert set(changed) == {f"{BANNER}:3-1:5", f"{BANNER}:4-6:1:1"}
    assert "name" in changed[f"{BANNER}:3-1:5"] and "quantities" in changed[f"{BANNER}:4-6:1:1"]


def test_a_project_of_two_periods_is_one_feature_marked_carried_over(periods, shipped_gazetteer):
    old, new = periods
    rows = [row for build in periods for row in build.project_rows]
    merged = merge_linked(rows, link_features(rows, shipped_gazetteer))
    assert len(merged) == len(old.project_rows) + 1  # the added item; the dropped one stays as the old plan's
    carried = [row for row in merged if row["carryover"] == 1]
    assert len(carried) == len(old.project_rows) - 1
    assert all(row["plans"] == f"{BANNER}.txt;002_next.txt" for row in carried)


def test_the_hand_checked_sample_matches_the_links(pair_rows, shipped_gazetteer):
    """bench/links/sample.csv: every row checked 'correct' is a link, every near miss is not (002/004 rows)."""
    import csv

    sample = Path(__file__).parents[1] / "bench" / "links" / "sample.csv"
    rows = list(csv.DictReader(sample.open(encoding="utf-8")))
    assert sum(r["kind"] == "link" for r in rows) >= 8 and sum(r["kind"] == "near miss" for r in rows) >= 30
    assert {r["verdict"] for r in rows if r["kind"] == "link"} == {"correct"}  # no false link
    assert {r["verdict"].split(" ")[0] for r in rows if r["kind"] == "near miss"} <= {"right", "missed"}
    linking = link_features(pair_rows, shipped_gazetteer)
    links = {(link.a, link.b) for link in linking.links}
    plans = (BANNER, CITY)
    for row in rows:
        if row["feature_a"].split(":")[0] in plans and row["feature_b"].split(":")[0] in plans:
            assert ((row["feature_a"], row["feature_b"]) in links) == (row["kind"] == "link"), row
