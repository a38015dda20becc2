"""The classifier's reviewed keyword tables (layers/keywords.yaml): complete, no repeats, errors in one line."""

from __future__ import annotations

import pytest

from geoplan.errors import GeoplanError
from geoplan.extract import classify
from geoplan.layers import load_layers


def test_every_sector_with_keywords_is_a_layer_sector_or_a_layout():
    sectors = {s for layer in load_layers() if layer.group == "thematic" for s in layer.sectors}
    assert set(classify.sector_keywords()) - sectors <= {"layout"}


@pytest.mark.parametrize("table", ["sectors", "actions"])
def test_no_list_repeats_a_word(table):
    for key, words in classify._keyword_file()[table].items():
        assert len(words) == len(set(words)), key


def test_a_verb_belongs_to_one_action():
    verbs = [v for words in classify.action_verbs().values() for v in words]
    assert len(verbs) == len(set(verbs))


def test_the_tables_decide_sector_and_action():
    assert classify.classify_sector("风电项目") == "energy"
    assert classify.classify_action("改扩建公路", "") == "扩建"  # the longer verb at a position wins


def test_a_repeated_keyword_is_a_one_line_error(tmp_path, monkeypatch):
    path = tmp_path / "keywords.yaml"
    path.write_text("sectors:\n  road: [公路, 公路]\nactions:\n  新建: [新建]\n", encoding="utf-8")
    monkeypatch.setattr(classify, "KEYWORDS_FILE", path)
    classify._keyword_file.cache_clear()
    try:
        with pytest.raises(GeoplanError, match=r"keywords.yaml: sectors.road repeats 公路$"):
            classify.sector_keywords()
    finally:
        classify._keyword_file.cache_clear()
