"""The faster cut (geoplan.geocode.cut) gives jieba.posseg's own words and flags, word for word, on the reference
plans' text, and its memos of pieces of text change no answer."""

from __future__ import annotations

import random
import re

import pytest

from geoplan.geocode.cut import Cutter
from geoplan.geocode.segment import _cutter, _posseg, forget_windows, tag
from geoplan.resources import REFERENCE_PLANS


@pytest.fixture(scope="module")
def posseg():
    return _posseg()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(REFERENCE_PLANS.glob("*.txt"))]


def _jieba(posseg, text: str) -> list[tuple[str, str]]:
    # jieba's own tokenizer, with its own HMM decoder
    return [(pair.word, pair.flag) for pair in posseg.dt.cut(text)]


def test_pieces_of_the_plans_are_cut_as_jieba_cuts_them(posseg, texts):
    """Pieces of every plan of 1 to 40 characters, cut anywhere (punctuation, digits, letters and line breaks
    included), and whole sentences: the same (word, flag) pairs as jieba.posseg."""
    cutter = Cutter(posseg)
    rng = random.Random(7)
    pieces = []
    for text in texts:
        for _ in range(400):
            start = rng.randrange(len(text))
            pieces.append(text[start : start + rng.randint(1, 40)])
        pieces += [s for s in re.split(r"(?<=[。；\n])", text) if s][:150]
    pieces += ["G6高速临河至白彦花段", "S215\r\n锡尼镇", "2.5万亩", "C++ & a.b_c", "巴雅尔吐胡硕镇", ""]
    assert sum(bool(re.search("[A-Za-z0-9]", p)) for p in pieces) > 100  # letters and digits are exercised
    for piece in pieces:
        assert cutter.cut(piece) == _jieba(posseg, piece), piece


def test_memos_change_no_answer(posseg, texts):
    """A piece cut again (answered from the memos) and cut after forget() (memos empty) is cut the same."""
    cutter = Cutter(posseg)
    rng = random.Random(3)
    text = texts[0]
    pieces = [text[s : s + 20] for s in (rng.randrange(len(text)) for _ in range(200))]
    first = [cutter.cut(piece) for piece in pieces]
    assert cutter._blocks and cutter._log_freq  # something was remembered
    assert [cutter.cut(piece) for piece in pieces] == first
    cutter.forget()
    assert not cutter._blocks and not cutter._runs and not cutter._log_freq
    assert [cutter.cut(piece) for piece in pieces] == first


def test_a_run_the_dictionary_lacks_goes_through_the_hmm(posseg):
    """A transliteration jieba's dictionary lacks is split by the HMM as jieba splits it, and remembered as a run."""
    cutter = Cutter(posseg)
    window = "在巴雅尔吐胡硕建设"
    assert cutter.cut(window) == _jieba(posseg, window)
    assert any(len(run) >= 2 and not posseg.dt.tokenizer.FREQ.get(run) for run in cutter._runs)


def test_forget_windows_empties_the_segmenters_memos(posseg):
    """segment.forget_windows drops the windows and the cutter's memos; the window is then tagged the same."""
    window = "乌拉特后旗巴音宝力格镇"
    before = tag(window)
    assert _cutter()._blocks
    forget_windows()
    assert tag.cache_info().currsize == 0
    assert not _cutter()._blocks and not _cutter()._runs and not _cutter()._log_freq
    assert tag(window) == before == tuple(_jieba(posseg, window))


def test_mixed_characters_are_cut_as_jieba_cuts_them(posseg):
    """Strings mixing Han characters, ASCII letters and digits, jieba's joining marks (+#&._), ASCII and Unicode white
    space (\\r\\n, tabs, ideographic and no-break spaces), full-width digits and letters and punctuation: the same
    pairs as jieba.posseg (its number and letter tests outside blocks included)."""
    cutter = Cutter(posseg)
    alphabet = list("巴彦淖尔市乌拉特后旗新忽热的和在aZ09.+#&_ \t\r\n\u3000\u00a0１２ＡＢ，。、（）-—/:%")
    rng = random.Random(5)
    for _ in range(3000):
        piece = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 15)))
        assert cutter.cut(piece) == _jieba(posseg, piece), repr(piece)
