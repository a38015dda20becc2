"""jieba's part-of-speech HMM, decoded faster with the same result.

jieba tags a run of characters its dictionary lacks (a transliterated name: 巴雅尔吐胡硕) with a Viterbi search over
its 256 (position, flag) states.  Its own decoder (``jieba.posseg.viterbi``) tries, for every state of a character,
every state of the character before, though each state follows only about 20 others: for a character without
states of its own (every state possible) that is some 65,000 sums per character, the bulk of geoparsing a text
no window of which was segmented before.  :func:`viterbi` reads the same tables, but tries only the states each
state can follow, and falls back on jieba's full search wherever no such state scores above minus infinity: the
route, the score and the choice between equal scores (the greater state, as ``max`` over ``(score, state)`` pairs
takes it) are those of jieba's decoder, bit for bit (the sums are added in its order).  :class:`Decoder` does the
same search a character at a time as one small matrix sum (numpy), a third faster again; the segmenter uses it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: jieba's score of an emission its tables lack, and of a transition they lack.
MIN_FLOAT = -3.14e100
MIN_INF = float("-inf")

State = tuple[str, str]


def viterbi(
    obs: str,
    states: Mapping[str, Sequence[State]],
    start_p: Mapping[State, float],
    trans_p: Mapping[State, Mapping[State, float]],
    emit_p: Mapping[State, Mapping[str, float]],
) -> tuple[float, list[State]]:
    """The best (score, state route) of ``obs``, as ``jieba.posseg.viterbi.viterbi`` finds it."""
    before, after = _model(trans_p)
    all_states = trans_p.keys()
    scores: dict[State, float] = {}
    first: dict[State, Any] = {}
    char = obs[0]
    for y in states.get(char, all_states):
        scores[y] = start_p[y] + emit_p[y].get(char, MIN_FLOAT)
        first[y] = ""
    paths = [first]
    for t in range(1, len(obs)):
        char = obs[t]
        previous = paths[-1]
        prev_states = [x for x in previous if x in after]  # the states with a transition out
        expected = set().union(*[after[x] for x in prev_states])
        obs_states = expected.intersection(states.get(char, all_states))
        if not obs_states:
            obs_states = expected if expected else set(all_states)
        current: dict[State, float] = {}
        path: dict[State, State] = {}
        for y in obs_states:
            emit = emit_p[y].get(char, MIN_FLOAT)
            best_score, best_state = MIN_INF, None
            into = before.get(y)
            if into is not None:
                for y0 in into.keys() & previous.keys():  # the states before that this one follows
                    score = scores[y0] + into[y0] + emit
                    if score > best_score or (
                        score == best_score and best_state is not None and y0 > best_state
                    ):
                        best_score, best_state = score, y0
            if best_state is None or best_score == MIN_INF:
                # no state this one follows scores above -inf: every state before ties at -inf, as in jieba
                best_score, best_state = max(
                    (scores[y0] + trans_p[y0].get(y, MIN_INF) + emit, y0) for y0 in prev_states
                )
            current[y] = best_score
            path[y] = best_state
        scores = current
        paths.append(path)
    prob, state = max((scores[y], y) for y in paths[-1])
    route: list[Any] = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = paths[i][state]
    return prob, route


Before = dict[State, dict[State, float]]
After = dict[State, frozenset[State]]
#: per transition table (by identity, the table kept alive beside it): its states' predecessors and successors.
_MODELS: dict[int, tuple[Any, Before, After]] = {}


def _model(trans_p: Mapping[State, Mapping[State, float]]) -> tuple[Before, After]:
    """For each state, the states it can follow with the score of that transition, and the states that can follow
    it (only states with any); built once per table (the model's, never a text's)."""
    known = _MODELS.get(id(trans_p))
    if known is not None and known[0] is trans_p:
        return known[1], known[2]
    before: Before = {}
    for y0, following in trans_p.items():
        for y, p in following.items():
            before.setdefault(y, {})[y0] = p
    after = {y0: frozenset(following) for y0, following in trans_p.items() if len(following) > 0}
    _MODELS[id(trans_p)] = (trans_p, before, after)
    return before, after


class Decoder:
    """:func:`viterbi` over one model's tables, each step a small matrix sum (numpy) over the states of the
    character before and the states of this one, the same score and route.

    A step adds, for every state ``y`` of the character and every state ``y0`` before, ``score[y0] + trans[y0][y]``
    and then ``emit[y]`` (jieba's order, so the same doubles); a transition the model lacks is -inf, so a state
    that follows no state before gets -inf and is left out, as jieba leaves it out; between equal scores the
    greater state wins (the states are kept in their sort order and the last maximum is taken).  The two cases
    where jieba's search differs from that (a state before scored -inf, or no state of the character following
    any state before) are decoded by :func:`viterbi` instead.
    """

    def __init__(
        self,
        states: Mapping[str, Sequence[State]],
        start_p: Mapping[State, float],
        trans_p: Mapping[State, Mapping[State, float]],
        emit_p: Mapping[State, Mapping[str, float]],
    ) -> None:
        import numpy as np  # here, not at the top: only the segmenter needs it

        self._np = np
        self._tables = (states, start_p, trans_p, emit_p)
        self._states: list[State] = sorted(trans_p)
        index = {state: i for i, state in enumerate(self._states)}
        self._index = index
        self._start = np.array([start_p[state] for state in self._states])
        self._trans = np.full((len(self._states), len(self._states)), MIN_INF)
        for y0, following in trans_p.items():
            for y, p in following.items():
                self._trans[index[y0], index[y]] = p
        #: per character: its states' indices (sorted), their emission scores of it and the transitions into them
        self._chars: dict[str, tuple[Any, Any, Any]] = {}

    def forget(self) -> None:
        """Empty the memo of characters met."""
        self._chars.clear()

    def _char(self, char: str) -> tuple[Any, Any, Any]:
        known = self._chars.get(char)
        if known is None:
            states, _, _, emit_p = self._tables
            own = states.get(char)
            order = range(len(self._states)) if own is None else sorted({self._index[y] for y in own})
            indices = self._np.array(order, dtype=self._np.intp)
            emit = self._np.array([emit_p[self._states[i]].get(char, MIN_FLOAT) for i in order])
            known = self._chars[char] = (indices, emit, self._trans[:, indices])
        return known

    def __call__(self, obs: str) -> tuple[float, list[State]]:
        """The best (score, state route) of ``obs``, as :func:`viterbi` finds it."""
        np = self._np
        present, emit, _ = self._char(obs[0])
        scores = self._start[present] + emit  # finite, and so stay the scores kept below
        steps = [(present, None)]
        for char in obs[1:]:
            ys, emit, into = self._char(char)
            sums = (scores[:, None] + into[present]) + emit
            best = sums.max(axis=0)
            follows = best != MIN_INF
            if not follows.any():
                return viterbi(obs, *self._tables)
            last = len(present) - 1 - sums[::-1].argmax(axis=0)  # the greater state between equal sums
            back = present[last[follows]]
            present, scores = ys[follows], best[follows]
            steps.append((present, back))
        at = len(present) - 1 - int(scores[::-1].argmax())
        prob = float(scores[at])
        route: list[Any] = [None] * len(obs)
        for i in range(len(obs) - 1, -1, -1):
            present, back = steps[i]
            route[i] = self._states[int(present[at])]
            if back is not None:
                at = int(np.searchsorted(steps[i - 1][0], back[at]))
        return prob, route
