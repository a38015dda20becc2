"""Linking many plans: the indexed, memoised scoring gives exactly what scoring every pair gives.

The reference is :func:`geoplan.atlas.links._link_all_pairs`, which scores every pair of features of
every pair of plans with the public :func:`score_pair`.
"""

from __future__ import annotations

from collections import Counter

import pytest

from geoplan.atlas import links
from geoplan.atlas.build import build_plan
from geoplan.atlas.links import NEAR_MISSES_PER_FEATURE, Linking, _link_all_pairs, link_features

BANNER = "002_e2fbe1b780f1f38b"


@pytest.fixture(scope="module")
def reference_rows(plan_files, shipped_gazetteer):
    builds = [build_plan(path, shipped_gazetteer) for path in plan_files]
    return [row for build in builds for row in build.project_rows + build.place_rows]


def _copy(rows: list[dict], plan: str, tag: str) -> list[dict]:
    """The rows of one plan as another file's: same content, its own plan name and feature ids."""
    return [
        {**row, "plan": f"{tag}-{row['plan']}", "feature_id": f"{tag}-{row['feature_id']}"}
        for row in rows
        if row["plan"] == plan
    ]


def _same(found: Linking, expected: Linking) -> None:
    assert found.links == expected.links
    assert found.near_misses == expected.near_misses
    assert found.groups == expected.groups


def test_the_five_reference_plans_link_as_when_every_pair_is_scored(reference_rows, shipped_gazetteer):
    expected = _link_all_pairs(reference_rows, shipped_gazetteer)
    assert len(expected.links) >= 9 and len(expected.near_misses) >= 30  # something to compare
    _same(link_features(reference_rows, shipped_gazetteer), expected)


def test_copies_of_a_plan_link_as_when_every_pair_is_scored(reference_rows, shipped_gazetteer):
    plan = f"{BANNER}.txt"
    # the banner plan and two copies of it (every pair of them scored: the other plans' pairs are the test above's)
    original = [row for row in reference_rows if row["plan"] == plan]
    rows = [*original, *_copy(reference_rows, plan, "copy1"), *_copy(reference_rows, plan, "copy2")]
    expected = _link_all_pairs(rows, shipped_gazetteer)
    twins = {(link.a, link.b) for link in expected.links if link.b == f"copy1-{link.a}"}
    assert len(twins) >= 100  # each copy's features link to the original's
    _same(link_features(rows, shipped_gazetteer), expected)


def test_six_copies_of_a_plan_list_a_few_near_misses_per_feature(
    reference_rows, shipped_gazetteer, monkeypatch
):
    plan = f"{BANNER}.txt"
    rows = [row for copy in range(6) for row in _copy(reference_rows, plan, f"v{copy}")]
    capped = link_features(rows, shipped_gazetteer)
    monkeypatch.setattr(links, "NEAR_MISSES_PER_FEATURE", len(rows))
    every = link_features(rows, shipped_gazetteer)
    per_feature = Counter(fid for miss in capped.near_misses for fid in (miss.a, miss.b))
    every_per_feature = Counter(fid for miss in every.near_misses for fid in (miss.a, miss.b))
    assert max(every_per_feature.values()) > NEAR_MISSES_PER_FEATURE  # the cap has something to cut
    assert max(per_feature.values()) <= NEAR_MISSES_PER_FEATURE
    assert capped.links == every.links and capped.groups == every.groups  # the cap lists, never links
    # each project of the plan is one group of its six versions
    projects = [row for row in rows if row["plan"] == f"v0-{plan}" and row["kind"] != "place"]
    assert sum(len(group) == 6 for group in capped.groups) >= len(projects) // 2
    # the listed near misses are the uncapped ones, in the same best-first order, the best one first
    assert [m for m in every.near_misses if m in set(capped.near_misses)] == capped.near_misses
    assert capped.near_misses[0] == every.near_misses[0]
    assert capped.unlisted_near_misses == len(every.near_misses) - len(capped.near_misses) > 0
