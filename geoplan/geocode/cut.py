"""jieba's part-of-speech cut (``jieba.posseg.cut`` with its HMM), the same words and flags, faster.

It follows ``POSTokenizer.__cut_internal`` step for step: the same blocks (runs of Han characters, letters and
digits), the same word graph and best route through it (the same sums in the same order, the same choice between
equal scores: the later end), the same grouping of single characters and the same HMM route for a run the
dictionary lacks (:class:`geoplan.geocode.hmm.Decoder`).  What it saves: the word graph is walked once while the route
is found, a word's log frequency is computed once, and a block or an unknown run met again (windows around
neighbouring candidates overlap) is answered from a memo.  The memos hold pieces of texts read:
:meth:`Cutter.forget` empties them (a text read after it is cut as if none had been read).
"""

from __future__ import annotations

import re
from math import log
from typing import Any

from geoplan.geocode.hmm import Decoder

Pair = tuple[str, str]

#: jieba.posseg's own patterns (re_han_internal, re_skip_internal, re_han_detail, re_skip_detail, re_num, re_eng).
#: re_num and re_eng match only characters of re_han_internal's class: outside its blocks they never hold.
_HAN_INTERNAL = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
_SKIP_INTERNAL = re.compile("(\r\n|\\s)")
_HAN_DETAIL = re.compile("([\u4e00-\u9fd5]+)")
_SKIP_DETAIL = re.compile("([\\.0-9]+|[a-zA-Z0-9]+)")
_NUM = re.compile("[\\.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")


class Cutter:
    """``jieba.posseg.dt.cut`` (HMM on) as a list of (word, flag) pairs, over the same dictionary and model."""

    def __init__(self, posseg: Any) -> None:
        dt = posseg.dt
        dt.makesure_userdict_loaded()
        dt.tokenizer.check_initialized()
        self._freq: dict[str, int] = dt.tokenizer.FREQ
        self._log_total = log(dt.tokenizer.total)
        self._tags: dict[str, str] = dt.word_tag_tab
        self._decode = Decoder(posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
        self._log_freq: dict[str, float] = {}
        self._blocks: dict[str, tuple[Pair, ...]] = {}
        self._runs: dict[str, tuple[Pair, ...]] = {}

    def forget(self) -> None:
        """Empty the memos of blocks, unknown runs, words and characters met."""
        self._decode.forget()
        self._log_freq.clear()
        self._blocks.clear()
        self._runs.clear()

    def cut(self, sentence: str) -> list[Pair]:
        """(word, flag) pairs of ``sentence``, as ``[(p.word, p.flag) for p in jieba.posseg.dt.cut(sentence)]``."""
        pairs: list[Pair] = []
        # split() with one group: the blocks (matches) at odd places, the text between them at even places; that
        # text holds no letter, digit or character of a block, so jieba's number and letter tests never hold there:
        # each of its characters is a word tagged 'x', and so is each run of white space (\r\n one run)
        for index, block in enumerate(_HAN_INTERNAL.split(sentence)):
            if index % 2:
                cut = self._blocks.get(block)
                if cut is None:
                    cut = self._blocks[block] = self._cut_block(block)
                pairs.extend(cut)
            elif block:
                for place, piece in enumerate(_SKIP_INTERNAL.split(block)):
                    if place % 2:
                        pairs.append((piece, "x"))
                    else:
                        pairs.extend((char, "x") for char in piece)
        return pairs

    def _route(self, block: str) -> list[int]:
        """For each position of ``block``, the end (exclusive) of the word the best route takes there
        (``Tokenizer.get_DAG`` and ``Tokenizer.calc``)."""
        freq = self._freq
        log_freq = self._log_freq
        length = len(block)
        scores = [0.0] * (length + 1)
        ends = [0] * (length + 1)
        for start in range(length - 1, -1, -1):
            # the words starting here: prefixes of the rest that the dictionary holds (every prefix of a word is
            # in FREQ, those that are no word with frequency 0)
            best_score = best_end = None
            end = start
            frag = block[start]
            count = freq.get(frag)
            while count is not None:
                if count:
                    score = log_freq.get(frag)
                    if score is None:
                        score = log_freq[frag] = log(count) - self._log_total
                    score = score + scores[end + 1]
                    # equal scores: the later end, as max over (score, end) takes it
                    if best_score is None or score >= best_score:
                        best_score, best_end = score, end
                end += 1
                if end == length:
                    break
                frag = block[start : end + 1]
                count = freq.get(frag)
            if best_end is None:  # no word starts here: the character alone, frequency 1 (log 0)
                best_score, best_end = 0.0 - self._log_total + scores[start + 1], start
            scores[start] = best_score
            ends[start] = best_end + 1
        return ends

    def _cut_block(self, block: str) -> tuple[Pair, ...]:
        """``POSTokenizer.__cut_DAG`` of one block."""
        ends = self._route(block)
        tags = self._tags
        pairs: list[Pair] = []
        buf = ""
        position = 0
        length = len(block)
        while position < length:
            end = ends[position]
            if end - position == 1:
                buf += block[position]
            else:
                if buf:
                    self._flush(buf, pairs)
                    buf = ""
                word = block[position:end]
                pairs.append((word, tags.get(word, "x")))
            position = end
        if buf:
            self._flush(buf, pairs)
        return tuple(pairs)

    def _flush(self, buf: str, pairs: list[Pair]) -> None:
        """The single characters in a row the route took: one character, a run the dictionary lacks (the HMM's
        words) or a dictionary word read character by character."""
        tags = self._tags
        if len(buf) == 1:
            pairs.append((buf, tags.get(buf, "x")))
        elif not self._freq.get(buf):
            run = self._runs.get(buf)
            if run is None:
                run = self._runs[buf] = tuple(self._cut_detail(buf))
            pairs.extend(run)
        else:
            pairs.extend((char, tags.get(char, "x")) for char in buf)

    def _cut_detail(self, run: str) -> list[Pair]:
        """``POSTokenizer.__cut_detail``: Han characters through the HMM, numbers and letters as they are."""
        pairs: list[Pair] = []
        for block in _HAN_DETAIL.split(run):
            if _HAN_DETAIL.match(block):
                pairs.extend(self._hmm(block))
                continue
            for piece in _SKIP_DETAIL.split(block):
                if piece:
                    if _NUM.match(piece):
                        pairs.append((piece, "m"))
                    elif _ENG.match(piece):
                        pairs.append((piece, "eng"))
                    else:
                        pairs.append((piece, "x"))
        return pairs

    def _hmm(self, sentence: str) -> list[Pair]:
        """``POSTokenizer.__cut``: the HMM's best route of states, read as words and their flags."""
        _, states = self._decode(sentence)
        pairs: list[Pair] = []
        begin = after = 0
        for i, char in enumerate(sentence):
            position, flag = states[i]
            if position == "B":
                begin = i
            elif position == "E":
                pairs.append((sentence[begin : i + 1], flag))
                after = i + 1
            elif position == "S":
                pairs.append((char, flag))
                after = i + 1
        if after < len(sentence):
            pairs.append((sentence[after:], states[after][1]))
        return pairs
