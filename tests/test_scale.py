"""One long file costs time and memory in proportion to its length (reading → geoparsing → features).

The checks count work rather than time it (function calls, allocated bytes), so they do not depend
on the machine; ``bench/bench_scale.py`` measures the times.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tracemalloc
from pathlib import Path

import pytest

from geoplan.atlas.build import build_plan
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder
from geoplan.read.outline import parse_structure
from geoplan.read.textnorm import normalise


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def plan_text(plan_files: list[Path]) -> str:
    """The first reference plan (many boxes and body projects: pairwise work shows there)."""
    return plan_files[0].read_text(encoding="utf-8")


def _calls(path: Path, gazetteer: Gazetteer) -> int:
    """Python and C function calls made by reading, geoparsing and extracting the plan at ``path``."""
    profile = cProfile.Profile()
    profile.enable()
    build_plan(path, gazetteer)
    profile.disable()
    return sum(stat[1] for stat in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


def test_the_pipeline_does_linear_work_in_one_files_length(
    tmp_path: Path, plan_text: str, gazetteer: Gazetteer
) -> None:
    once, four_times = tmp_path / "once.txt", tmp_path / "four.txt"
    once.write_text(plan_text, encoding="utf-8")
    four_times.write_text(plan_text * 4, encoding="utf-8")
    build_plan(once, gazetteer)  # warm caches (finder automaton, layer definitions)
    ratio = _calls(four_times, gazetteer) / _calls(once, gazetteer)
    assert ratio < 4.2, f"4x the text made {ratio:.1f}x the calls"


def test_place_finding_holds_no_per_byte_array(gazetteer: Gazetteer) -> None:
    finder = MentionFinder.from_gazetteer(gazetteer)
    text = "推进生态保护和高质量发展。" * 100_000 + "鄂尔多斯市"
    size = len(text.encode("utf-8"))
    tracemalloc.start()
    try:
        found = finder._gazetteer_matches(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [mention.surface for mention in found] == ["鄂尔多斯市"]
    assert peak < 12 * size, f"peak {peak / 1e6:.1f} MB for {size / 1e6:.1f} MB of text"


def _outline_calls(headings: int) -> int:
    """Function calls (Python and C) made while parsing the outline of ``headings`` chapters: a count, not a
    time, so the test does not depend on the machine's load."""
    lines = []
    for number in range(headings):
        lines += [f"第{number + 1}章 发展", "推进建设。"]
    norm = normalise("\n".join(lines))
    calls = 0

    def count(frame, event, arg) -> None:
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        parse_structure(norm)
    finally:
        sys.setprofile(None)
    return calls


def test_section_ends_are_found_in_linear_work() -> None:
    small, large = _outline_calls(1000), _outline_calls(4000)
    assert large < 4.4 * small, f"4x the headings made {large / small:.2f}x the calls"
