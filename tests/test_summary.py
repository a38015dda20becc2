"""Summaries per league and banner: per plan, issuer-area projects at the issuer's area only, no sum across
nested plans or periods; choropleth classes."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geoplan.atlas.schema import BASE_COLUMNS, FEATURE_COLUMNS
from geoplan.atlas.summary import ISSUER_AREA_NOTE, measure_values, plan_keys, scopes, summarise
from geoplan.errors import InputError
from geoplan.output.choropleth import classify

NORTH, SOUTH, EAST = box(110, 42, 111, 43), box(110, 41, 111, 42), box(112, 41, 113, 43)


def _base(rows):
    records = [{**dict.fromkeys(BASE_COLUMNS, ""), "name": n, "league": lg} for n, lg, _ in rows]
    return gpd.GeoDataFrame(records, geometry=[g for *_, g in rows], crs="EPSG:4326")


def _cny(yi):
    return json.dumps([{"value_si": yi * 1e8, "unit_si": "CNY"}])


def _project(plan, issuer, level, kind, banner, league, quantities="[]", layer="industry", sector="energy"):
    return {
        **dict.fromkeys(FEATURE_COLUMNS, ""),
        "kind": "project",
        "layer": layer,
        "sector": sector,
        "plan": plan,
        "issuer": issuer,
        "issuer_level": level,
        "plan_kind": kind,
        "banner": banner,
        "league": league,
        "quantities": quantities,
        "geometry": Point(110.5, 42.5),
    }


def _frames(projects):
    return {
        "leagues": _base([("甲盟", "甲盟", NORTH.union(SOUTH)), ("丙盟", "丙盟", EAST)]),
        "banners": _base([("北旗", "甲盟", NORTH), ("南旗", "甲盟", SOUTH), ("东旗", "丙盟", EAST)]),
        "industry": gpd.GeoDataFrame(projects, geometry="geometry", crs="EPSG:4326"),
        "ecology": gpd.GeoDataFrame(
            [], columns=[*FEATURE_COLUMNS, "geometry"], geometry="geometry", crs=4326
        ),
    }


LEAGUE_PLAN = [
    _project("a_甲盟.txt", "甲盟", "league", "14th", "北旗", "甲盟", _cny(2)),
    _project("a_甲盟.txt", "甲盟", "league", "14th", "", "甲盟", _cny(5)),  # at the issuer's whole area
    _project("a_甲盟.txt", "甲盟", "league", "14th", "北旗", "甲盟", layer="ecology", sector="ecology"),
]


def test_issuer_area_projects_count_for_the_issuer_only_and_uncovered_areas_are_null():
    result = summarise(_frames(LEAGUE_PLAN))
    leagues = result["leagues"].set_index("name")
    banners = result["banners"].set_index("name")
    assert leagues.loc["甲盟", "pa_projects"] == 3 and leagues.loc["甲盟", "pa_invest_yi"] == pytest.approx(7)
    assert banners.loc["北旗", "pa_projects"] == 2 and banners.loc["北旗", "pa_invest_yi"] == pytest.approx(2)
    assert banners.loc["北旗", "pa_n_ecology"] == 1 and banners.loc["北旗", "pa_n_industry"] == 1
    assert json.loads(banners.loc["北旗", "pa_sectors"]) == {"ecology": 1, "energy": 1}
    assert banners.loc["南旗", "pa_projects"] == 0  # inside the plan's area, nothing there
    assert pd.isna(banners.loc["东旗", "pa_projects"]) and pd.isna(leagues.loc["丙盟", "pa_invest_yi"])


def test_nested_plans_are_never_summed_and_separate_ones_are_summed_per_period():
    banner_plan = [_project("b_北旗.txt", "北旗", "banner", "14th", "北旗", "甲盟", _cny(1))]
    east_plan = [_project("c_丙盟.txt", "丙盟", "league", "14th", "东旗", "丙盟", _cny(4))]
    other_period = [_project("d_丙盟.txt", "丙盟", "league", "15th", "东旗", "丙盟", _cny(9))]
    nested = scopes(_frames(LEAGUE_PLAN + banner_plan))
    assert [s.key for s in nested] == ["pa", "pb"]  # 北旗 lies inside 甲盟: no 14th-period sum
    separate = _frames(LEAGUE_PLAN + east_plan + other_period)
    assert [s.key for s in scopes(separate)] == ["pa", "pc", "pd", "fyp14"]
    leagues = summarise(separate)["leagues"].set_index("name")
    assert leagues.loc["丙盟", "fyp14_invest_yi"] == pytest.approx(4)  # not the 15th period's 9
    assert leagues.loc["甲盟", "fyp14_invest_yi"] == pytest.approx(7)


def test_units_are_normalised_before_summing():
    quantities = json.dumps(
        [
            {"value_si": 1600.0, "unit_si": "MW"},  # 160万千瓦
            {"value_si": 1000.0, "unit_si": "MW"},  # 1000兆瓦
            {"value_si": 50000.0, "unit_si": "t/a"},  # 5万吨/年
            {"value_si": 3.0, "unit_si": "座"},
        ]
    )
    values = measure_values(quantities)
    assert values["power_wkw"] == pytest.approx(260.0) and values["output_wt_a"] == pytest.approx(5.0)
    assert values["invest_yi"] == 0.0


def test_plan_keys_are_short_and_unique():
    assert plan_keys(["000_x.txt", "001_y.txt"]) == {"000_x.txt": "p000", "001_y.txt": "p001"}
    assert plan_keys(["规划乙.txt", "规划甲.txt"]) == {"规划乙.txt": "p1", "规划甲.txt": "p2"}


def test_the_built_atlas_counts_every_plan_project_once_per_league(atlas_path, tmp_path):
    from geoplan.atlas.schema import read_atlas

    atlas = summarise(read_atlas(atlas_path))
    projects = pd.concat([f for f in atlas.values() if "kind" in f.columns])
    projects = projects[projects["kind"] == "project"]
    for scope in scopes(atlas):
        if len(scope.plans) > 1:
            continue
        # a project linked across plans (its ``plans`` lists each) counts in every one of those plans' sums
        named = projects["plans"].fillna("").str.split(";").map(lambda plans, p=scope.plans[0]: p in plans)
        expected = projects[named | (projects["plan"] == scope.plans[0])].groupby("league").size()
        got = atlas["leagues"].set_index("name")[f"{scope.key}_projects"].dropna()
        got = got[got > 0]
        assert dict(got.astype(int)) == {k: int(v) for k, v in expected.items() if k}, scope.key


def test_a_project_linked_across_a_banner_and_its_city_counts_in_both_plans_sums(atlas_path):
    from geoplan.atlas.schema import read_atlas

    atlas = summarise(read_atlas(atlas_path))
    projects = pd.concat([f for f in atlas.values() if "kind" in f.columns])
    linked = projects[(projects["kind"] == "project") & projects["plans"].str.contains(";", na=False)]
    assert len(linked) >= 1  # 002 (乌拉特后旗) and 004 (巴彦淖尔市) share projects
    keys = plan_keys(sorted({p for ps in projects["plans"].dropna() for p in ps.split(";") if p}))
    for row in linked.itertuples():
        for plan in row.plans.split(";"):
            column = f"{keys[plan]}_projects"
            assert atlas["leagues"].set_index("name").loc[row.league, column] >= 1, (plan, row.name)


def test_choropleth_classes_need_an_explicit_count_and_name_the_plans():
    frames = summarise(_frames(LEAGUE_PLAN))
    with pytest.raises(InputError, match="class count"):
        classify(frames, "pa_projects", scheme="quantiles", k=None)
    classed = classify(frames, "pa_projects", scheme="natural_breaks", k=2)
    assert classed.k == 2 and classed.classes == (1, 0, -1)  # 北旗 2, 南旗 0, 东旗 not covered
    assert classed.bins == (0.0, 2.0)
    assert any("甲盟" in line for line in classed.notes) and ISSUER_AREA_NOTE in classed.notes
    with pytest.raises(InputError, match="no summary field"):
        classify(frames, "nope", scheme="quantiles", k=3)
