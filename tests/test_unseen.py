"""Issue 15's examples on the reference plans: no fragments, jurisdiction first, one record of the right type.

Each example is fixed by a general rule (a span rule, the jurisdiction prior, a gazetteer record), never by a list
of the example words; the tests name the examples only to check them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import PlanPlaces, geoparse
from geoplan.read.plan import read


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def parsed(plan_files: list[Path], gazetteer: Gazetteer) -> dict[str, PlanPlaces]:
    return {path.name[:3]: geoparse(read(path), gazetteer) for path in plan_files}


def _surfaces(places: PlanPlaces) -> set[str]:
    return {m.surface for m in places.mentions}


@pytest.mark.parametrize("fragment", ["阻止沙漠", "法律允许开发区", "壮大泛口岸", "适度打捞收割湖", "种羊湖"])
def test_suffix_names_are_names_not_fragments(parsed: dict[str, PlanPlaces], fragment: str) -> None:
    """X湖 / X沙漠 / X口岸 / X开发区 is kept only when X reads as a name and the suffix ends a word."""
    assert not any(fragment in surface for surface in _surfaces(parsed["004"]))


def test_a_verb_before_a_name_is_cut_off(parsed: dict[str, PlanPlaces]) -> None:
    surfaces = _surfaces(parsed["004"])
    assert "甘其毛都铁路口岸" in surfaces and not any(s.startswith("增设") for s in surfaces)
