"""The gold-set scorer of ``bench/bench_eval.py`` on a tiny synthetic case."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from eval_score import Predicted, load_gold, score  # noqa: E402


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    rows = [
        {"plan": "x", "sampled_lines": [[1, 3]], "annotator": "t", "date": "2026-01-01"},
        {
            "plan": "x",
            "line": 1,
            "start": 0,
            "end": 6,
            "text": "甘其毛都口岸",
            "type": "port",
            "banner": "乌拉特中旗",
        },
        {
            "plan": "x",
            "line": 1,
            "start": 7,
            "end": 12,
            "text": "乌拉特后旗",
            "type": "banner",
            "banner": "乌拉特后旗",
        },
        {"plan": "x", "line": 2, "start": 0, "end": 6, "text": "省道 213", "type": "road", "banner": ""},
        {"plan": "x", "line": 3, "start": 0, "end": 2, "text": "临河", "type": "banner", "banner": "临河区"},
        {"plan": "x", "line": 3, "start": 4, "end": 8, "text": "阻止沙漠", "type": "trap", "banner": ""},
    ]
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_scorer_counts_spans_types_and_locations(gold_file: Path) -> None:
    gold = load_gold(gold_file)
    assert len(gold.mentions) == 4 and len(gold.traps) == 1
    predicted = [
        Predicted(1, "甘其毛都口岸", "port", "乌拉特后旗", own_point=True),  # right span, wrong banner
        Predicted(1, "乌拉特后旗", "banner", "乌拉特后旗"),
        Predicted(2, "省道213线", "road"),  # 线 after a route number is not part of the name
        Predicted(3, "阻止沙漠", "desert"),  # a trap taken
        Predicted(9, "黄河", "river"),  # outside the sampled lines: not counted
    ]
    result = score([(gold, predicted)])
    assert result["overall"] == {"precision": 0.75, "recall": 0.75, "f1": 0.75, "tp": 3, "fp": 1, "fn": 1}
    assert result["per_type"]["banner"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "tp": 1,
        "fp": 0,
        "fn": 1,
    }
    assert result["per_type"]["desert"]["fp"] == 1
    assert result["traps_taken"] == ["阻止沙漠"]
    assert result["located_right"] == 0.5  # 甘其毛都口岸 in the wrong banner, 乌拉特后旗 right
    assert result["own_point"] == round(1 / 3, 4)


def test_scorer_counts_places_put_in_another_league(tmp_path: Path) -> None:
    rows = [
        {"plan": "y", "sampled_lines": [[1, 2]]},
        {"plan": "y", "line": 1, "text": "兴胜镇", "type": "town", "banner": "九原区", "league": "包头市"},
        {"plan": "y", "line": 2, "text": "新城区", "type": "banner", "banner": "松山区", "league": "赤峰市"},
        {"plan": "y", "line": 2, "text": "北京", "type": "province", "banner": "", "league": "北京市"},
        {"plan": "y", "line": 2, "text": "新林", "type": "town", "banner": "?", "league": "?"},
    ]
    path = tmp_path / "y.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    predicted = [
        Predicted(1, "兴胜镇", "town", "青山区", league="包头市"),  # wrong banner, right league
        Predicted(2, "新城区", "banner", "新城区", league="呼和浩特市"),  # a namesake in another league
        Predicted(2, "北京", "province"),  # outside the region: in no league, not counted
        # the annotator could not tell: not counted
        Predicted(2, "新林", "town", "扎赉特旗", league="兴安盟"),
    ]
    result = score([(load_gold(path), predicted)])
    assert (result["other_league"], result["placed_in_a_league"]) == (1, 2)
    assert result["located_right"] == 0.0


def test_scorer_leaves_out_types_the_guide_does_not_annotate(gold_file: Path) -> None:
    """A village the geoparser reports (a project's location) is neither right nor wrong: the guide annotates no
    villages; a town the gold lacks still counts against precision."""
    gold = load_gold(gold_file)
    base = [
        Predicted(1, "甘其毛都口岸", "port", "乌拉特中旗"),
        Predicted(1, "乌拉特后旗", "banner", "乌拉特后旗"),
    ]
    with_village = [*base, Predicted(2, "呼和嘎查", "village", "乌拉特后旗")]
    with_town = [*base, Predicted(2, "呼和镇", "town", "乌拉特后旗")]
    assert score([(gold, with_village)])["overall"] == score([(gold, base)])["overall"]
    assert score([(gold, with_town)])["overall"]["fp"] == 1
