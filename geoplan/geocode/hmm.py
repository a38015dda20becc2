"""jieba's part-of-speech HMM, decoded faster with the same result.

jieba tags a run of characters its dictionary lacks (a transliterated name: 巴雅尔吐胡硕) with a Viterbi search over
its 256 (position, flag) states.  Its own decoder (``jieba.posseg.viterbi``) tries, for every state of a character,
every state of the character before, though each state follows only about 20 others: for a character without
states of its own (every state possible) that is some 65,000 sums per character, the bulk of geoparsing a text
no window of which was segmented before.  :func:`viterbi` reads the same tables, but tries only the states each
state can follow, and falls back on jieba's full search wherever no such state scores above minus infinity: the
route, the score and the choice between equal scores (the greater state, as ``max`` over ``(score, state)`` pairs
takes it) are those of jieba's decoder, bit for bit (the sums are added in its order).
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
