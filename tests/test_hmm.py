"""The faster HMM decoder finds jieba's own routes, scores and tags, on the reference plans' text; a plan parsed with
no memo of texts read before is parsed the same."""

from __future__ import annotations

import random
import re
import sys

import pytest

from geoplan.geocode import hmm
from geoplan.geocode.places import forget_texts, geoparse
from geoplan.geocode.segment import CONTEXT, _posseg, tag
from geoplan.geocode.stems import core_of
from geoplan.read.plan import read
from geoplan.resources import REFERENCE_PLANS


@pytest.fixture(scope="module")
def posseg():
    return _posseg()


@pytest.fixture(scope="module")
def runs() -> list[str]:
    """The runs of Han characters of every reference plan."""
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(REFERENCE_PLANS.glob("*.txt")))
    return re.findall(r"[\u4e00-\u9fff]+", text)


def _tables(posseg):
    return posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P


def test_routes_and_scores_are_jiebas(posseg, runs):
    """On pieces of the plans' runs (each length up to 12) and on runs of characters without states of their own
    (every state possible), the decoder's score and route equal jieba's exactly."""
    jieba_viterbi = sys.modules["jieba.posseg.viterbi"].viterbi
    rng = random.Random(15)
    pieces = []
    for _ in range(600):
        run = rng.choice(runs)
        start = rng.randrange(len(run))
        pieces.append(run[start : start + rng.randint(1, 12)])
    stateless = [chr(c) for c in range(0x4E00, 0xA000) if chr(c) not in posseg.char_state_tab_P]
    assert len(stateless) > 1000  # such characters exist: the full search's case is exercised
    pieces += ["".join(rng.choice(stateless) for _ in range(rng.randint(1, 6))) for _ in range(60)]
    decoder = hmm.Decoder(*_tables(posseg))
    for piece in pieces:
        expected = jieba_viterbi(piece, *_tables(posseg))
        for found in (hmm.viterbi(piece, *_tables(posseg)), decoder(piece)):
            assert found == expected, piece
            assert type(found[0]) is float and repr(found[0]) == repr(
                expected[0]
            )  # the same float, bit for bit


def test_the_decoder_falls_back_where_jieba_searches_every_state(posseg):
    """Where no state of a character follows any state of the one before (a made-up model: two states, no
    transition between them), the decoder gives jieba's own answer (its search over every state)."""
    a, b = ("B", "x"), ("E", "y")
    states = {"甲": (a,), "乙": (b,)}
    start_p = {a: -1.0, b: -2.0}
    trans_p = {a: {a: -0.5}, b: {b: -0.5}}
    emit_p = {a: {"甲": -1.0}, b: {"乙": -1.0}}
    jieba_viterbi = sys.modules["jieba.posseg.viterbi"].viterbi
    for piece in ("甲乙", "乙甲", "甲甲乙乙", "甲"):
        expected = jieba_viterbi(piece, states, start_p, trans_p, emit_p)
        assert hmm.Decoder(states, start_p, trans_p, emit_p)(piece) == expected, piece
    # jieba's answer reads 乙 with a state it does not have (the one state that follows 甲's): the fallback was taken
    assert jieba_viterbi("甲乙", states, start_p, trans_p, emit_p)[1] == [a, a]


def test_tags_are_jiebas(posseg, runs):
    """Windows as the rules cut them (a candidate with CONTEXT characters each side) are tagged as jieba.posseg
    tags them, word for word and flag for flag."""
    rng = random.Random(22)
    windows = []
    for _ in range(300):
        run = rng.choice([r for r in runs if len(r) > 4])
        start = rng.randrange(len(run))
        windows.append(run[max(0, start - CONTEXT) : start + 2 + CONTEXT])
    windows += ["巴雅尔吐胡硕镇", "额和宝力格苏木", "新忽热", "乌兰察布市察哈尔右翼后旗"]
    for window in windows:
        assert tag(window) == tuple((p.word, p.flag) for p in posseg.cut(window)), window


def test_a_transliteration_is_tagged_by_the_model(posseg):
    """A run the dictionary lacks goes through the HMM, whose decoder is this module's."""
    window = "巴雅尔吐胡硕"
    assert not posseg.dt.tokenizer.FREQ.get(window)
    assert tag(window) == tuple((p.word, p.flag) for p in posseg.cut(window))
    assert len(tag(window)) >= 2  # split into words the model guessed, not one dictionary word


def test_a_plan_parsed_fresh_is_parsed_the_same(plan_files, shipped_gazetteer):
    """forget_texts empties the memos of texts read (segmenter windows, stems' cores, line ends), and a plan parsed
    after it yields the same mentions and corridors as before."""
    plan = read(plan_files[0])
    before = geoparse(plan, shipped_gazetteer)
    assert tag.cache_info().currsize > 0
    forget_texts(shipped_gazetteer)
    assert tag.cache_info().currsize == 0 and core_of.cache_info().currsize == 0
    after = geoparse(plan, shipped_gazetteer)
    assert tag.cache_info().misses > 0  # the windows were segmented again
    assert after.mentions == before.mentions and len(after.mentions) > 100
    assert after.corridors == before.corridors
