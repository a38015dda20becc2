"""Links between plans: features of different plans that are one project, and what changed between plans.

Pure functions over feature rows (dicts with the columns of :data:`~geoplan.atlas.schema.FEATURE_COLUMNS`)
and one gazetteer (for the parents of places and the names of issuers).

A pair of features of two plans is scored by one rule, the first that applies:

- ``same place``: two place features (a desert, a port, a park) that are the same gazetteer record,
  within :data:`REACH_DEGREES` of both issuers (else a near miss: one plan's mention is likely misread);
- ``same name``: the names are equal once the issuers' own names, brackets and the generic tail
  (…建设项目, …工程) are taken off;
- ``name + place``: both name the same point place (a port, a park, a town), and the names are similar;
- ``name + quantity``: both carry the same quantity (value and unit, counts aside), and the names are similar;
- ``name``: the names alone are similar.

Only features whose places meet are compared (another layer costs 0.05, the same sector adds 0.05): they share a place, or one names a
place inside the other's (a banner plan's project without a place lies in the banner).  A place
feature is never linked to a project.  A pair scoring at least :data:`LINK_THRESHOLD` is a link;
between :data:`NEAR_THRESHOLD` and the threshold it is a near miss, listed for review and never merged
(the best-scoring :data:`NEAR_MISSES_PER_FEATURE` of each feature; the rest are counted).
Each feature takes at most one link per other plan (best score first); linked features form one
project whose sources keep every plan's own wording.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from geoplan.errors import InputError
from geoplan.geocode.places import PRECISION_ORDER

#: a pair scoring at least this is one project
LINK_THRESHOLD = 0.8
#: a pair scoring at least this (and below the link threshold) is a near miss, listed for review
NEAR_THRESHOLD = 0.55
#: near misses listed per feature at most (its best-scoring ones): with N versions of one plan each feature
#: has N-1 twins, and without a bound near misses would grow as N²
NEAR_MISSES_PER_FEATURE = 3
#: how far outside its issuer's area (degrees, about 100 km) a plan names places of its own: along its
#: roads and rails to a port, to a neighbour's desert; a place farther away is more likely a misread name
REACH_DEGREES = 1.0
#: gazetteer types of administrative units (their names are the issuers' own words, never a shared place)
ADMIN_TYPES = frozenset({"province", "league", "banner", "neighbour"})
#: units whose quantities are counts: '3个' in two plans says nothing about the projects being one
_COUNT_UNIT = re.compile(r"^[^\x00-\x7f]{1,2}$")
#: brackets, quotes and spaces: wording, not content
_NOISE = re.compile(r"[\s（）()【】《》“”\"'‘’、，,。.；;：:]")
#: a name that runs on into its description after its first 项目/工程 (at least two more characters)
_HEAD = re.compile(r"^(.{2,}?(?:项目|工程))(?![（(]).{2,}$")
#: the generic tail of a project name: …建设项目, …工程项目, …项目建设, …工程
_GENERIC_TAIL = re.compile(r"(?:(?:建设|新建|改造|提升)?(?:工程|项目)+(?:建设)?|建设)$")


@dataclass(frozen=True)
class Link:
    """A scored pair of features of two plans."""

    a: str  # feature_id in the first plan (file order)
    b: str  # feature_id in the second plan
    score: float
    rule: str  # same place | same name | name + place | name + quantity | name
    why: str  # the evidence, in words
    relation: str = ""  # periods | parent/child | other (how the two plans relate)


@dataclass
class Linking:
    """Links (score >= threshold, at most one per feature and other plan) and near misses."""

    links: list[Link] = field(default_factory=list)
    near_misses: list[Link] = field(default_factory=list)  # best first, at most a few per feature
    unlisted_near_misses: int = 0  # near misses past :data:`NEAR_MISSES_PER_FEATURE` of a feature
    groups: list[list[str]] = field(default_factory=list)  # feature ids of each linked project, in row order


# -- names -----------------------------------------------------------------------------------


def issuer_names(rows: Iterable[Mapping[str, Any]], gazetteer: Any) -> dict[str, tuple[str, ...]]:
    """Per plan, the names (and aliases) of its issuer and the issuer's parents, longest first."""
    names: dict[str, tuple[str, ...]] = {}
    for row in rows:
        if row["plan"] in names:
            continue
        found: set[str] = {row["issuer"]} if row["issuer"] else set()
        for place in _issuer_chain(row, gazetteer):
            found.update((place.name, *place.aliases))
        names[row["plan"]] = tuple(sorted((n for n in found if len(n) >= 2), key=len, reverse=True))
    return names


def _issuer_chain(row: Mapping[str, Any], gazetteer: Any) -> list[Any]:
    """The issuer's gazetteer record and its parents ([] when the gazetteer lacks the issuer)."""
    if not row.get("issuer"):
        return []
    types = ["league"] if row.get("issuer_level") == "league" else ["banner", "league"]
    candidates = gazetteer.lookup(row["issuer"], types=types)
    if not candidates:
        return []
    place = candidates[0].place
    return [place, *gazetteer.parents(place)]


@functools.lru_cache(maxsize=65536)  # each feature meets hundreds of others: its cores are worked out once
def name_cores(name: str, strip: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The cores of a name (:func:`name_core`): of the whole name, and of its head up to the first
    项目/工程 when a description runs on after it."""
    head = _HEAD.match(_NOISE.sub("", name))
    cores = [name_core(name, strip)] + ([name_core(head.group(1), strip)] if head else [])
    return tuple(dict.fromkeys(core for core in cores if core))


def name_core(name: str, strip: Sequence[str] = ()) -> str:
    """The words of a project name that say what it is: without the issuers' names and quantities
    (``strip``), brackets, punctuation and the generic tail ('…建设项目')."""
    core = _NOISE.sub("", name)
    for word in strip:
        core = core.replace(_NOISE.sub("", word), "")
    previous = None
    while previous != core:
        previous, core = core, _GENERIC_TAIL.sub("", core)
    return core


def name_similarity(a: str, b: str) -> tuple[float, str]:
    """Similarity of two name cores in [0, 1] and how it was judged: equal, contained (the shorter
    core whole inside the longer, at least 4 characters), or the edit-distance ratio."""
    if not a or not b:
        return 0.0, "no name"
    if a == b:
        return 1.0, "equal names"
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and short in long:
        return 0.9, f"'{short}' inside the other name"
    ratio = fuzz.ratio(a, b) / 100
    partial = fuzz.partial_ratio(short, long) / 100 if len(short) >= 4 else 0.0
    return round(max(ratio, 0.85 * partial), 3), f"names {max(ratio, 0.85 * partial):.2f} alike"


# -- places and quantities ---------------------------------------------------------------------


def _ids(row: Mapping[str, Any]) -> list[str]:
    return [i for i in str(row.get("place_ids") or "").split(";") if i]


@dataclass(frozen=True)
class _Context:
    """What scoring needs of the plans: the gazetteer, each plan's issuer names, id and chain of ids."""

    gazetteer: Any
    strip: Mapping[str, tuple[str, ...]]
    issuer_ids: Mapping[str, str]
    issuer_chain: Mapping[str, set[str]]


@dataclass(frozen=True)
class _Feature:
    """What scoring reads of one feature, worked out once per feature (not once per pair)."""

    feature_id: str
    plan: str
    issuer: str
    kind: str
    name: str
    place_ids: str
    sector: str
    layer: str
    foot: frozenset[str]  # the places it names, or its issuer's when it names none
    finer: frozenset[str]  # the places it names finer than its issuer's chain
    parents: frozenset[str]  # the gazetteer parents of its foot places
    ids: frozenset[str]  # every place id it names
    points: tuple[str, ...]  # the point places it names that are no administrative unit, in its order
    cores: tuple[str, ...]  # its name cores (:func:`name_cores`)
    quantities: frozenset[tuple[float, str]]  # its quantities, counts aside
    signature: tuple[Any, ...]  # everything scoring reads of it and its plan, its id and plan aside


#: the row fields a :class:`_Feature` holds as they are, in its order.
_FEATURE_FIELDS = ("issuer", "kind", "name", "place_ids", "sector", "layer")


def _prepare(row: Mapping[str, Any], context: _Context) -> _Feature:
    """The feature as scoring reads it (places, parents, name cores and quantities parsed once)."""
    gazetteer = context.gazetteer
    plan = row["plan"]
    place_ids = str(row.get("place_ids") or "")
    named = _named_ids(place_ids, gazetteer)
    foot = named or frozenset({context.issuer_ids.get(plan, "")} - {""})
    chain = frozenset(context.issuer_chain.get(plan, set()))
    parents = frozenset(p for i in foot if i in gazetteer for p in gazetteer.get(i).parent_ids)
    ids = _ids(row)
    points = tuple(
        i
        for i in ids
        if i in gazetteer
        and gazetteer.get(i).type not in ADMIN_TYPES
        and gazetteer.get(i).geometry.geom_type == "Point"
    )
    strip = context.strip.get(plan, ())
    cores = name_cores(row["name"], (*strip, *_quantity_texts(row)))
    # the fields scoring reads as the row has them (issuer, kind, name, place ids, sector, layer)
    fields = tuple(row[key] for key in _FEATURE_FIELDS)
    signature = (*fields, row.get("quantities"), strip, context.issuer_ids.get(plan, ""), chain)
    return _Feature(
        row["feature_id"],
        plan,
        *fields,
        foot,
        named - chain,
        parents,
        frozenset(ids),
        points,
        cores,
        frozenset(_quantities(row)),
        signature,
    )


@functools.lru_cache(maxsize=65536)  # scored once per pair of features: worked out once per feature
def _named_ids(place_ids: str, gazetteer: Any) -> frozenset[str]:
    ids = (i for i in place_ids.split(";") if i)
    return frozenset(i for i in ids if i not in gazetteer or gazetteer.get(i).type != "province")


def _is_linear(place_id: str, gazetteer: Any) -> bool:
    """True for a place drawn as a line (a river, a road, a railway)."""
    return place_id in gazetteer and gazetteer.get(place_id).geometry.geom_type in {
        "LineString",
        "MultiLineString",
    }


def places_meet(a: Mapping[str, Any], b: Mapping[str, Any], context: _Context) -> str:
    """How two features' places meet: 'shared' (a place in common, a feature without a place standing at
    its issuer), 'named inside' (one names a place inside a place the other names, finer than its issuer),
    'area inside' (one lies in the whole area of the other's issuer, or two issuers name only a river or
    road, of which each means its own reach) or '' (apart)."""
    return _meet(_prepare(a, context), _prepare(b, context), context)


def _meet(a: _Feature, b: _Feature, context: _Context) -> str:
    """:func:`places_meet` of two prepared features."""
    shared = a.foot & b.foot
    if shared and (a.issuer == b.issuer or not all(_is_linear(i, context.gazetteer) for i in shared)):
        return "shared"
    if shared:  # a river or road named by two issuers: each means its own reach of it
        return "area inside"
    if a.parents & b.finer or b.parents & a.finer:
        return "named inside"
    if a.parents & b.foot or b.parents & a.foot:
        return "area inside"
    return ""


def shared_point_places(a: Mapping[str, Any], b: Mapping[str, Any], gazetteer: Any) -> list[str]:
    """Places both features name that are points, not administrative units (a port, a park, a town)."""
    shared = [i for i in _ids(a) if i in set(_ids(b)) and i in gazetteer]
    return [
        i
        for i in shared
        if gazetteer.get(i).type not in ADMIN_TYPES and gazetteer.get(i).geometry.geom_type == "Point"
    ]


def _quantity_texts(row: Mapping[str, Any]) -> list[str]:
    try:
        return [q["text"] for q in json.loads(row.get("quantities") or "[]") if q.get("text")]
    except json.JSONDecodeError:
        return []


def _quantities(row: Mapping[str, Any]) -> set[tuple[float, str]]:
    try:
        parsed = json.loads(row.get("quantities") or "[]")
    except json.JSONDecodeError:
        return set()
    return {
        (round(float(q["value_si"]), 6), q["unit_si"])
        for q in parsed
        if q.get("unit_si") and not _COUNT_UNIT.match(q["unit_si"])
    }


# -- scoring -----------------------------------------------------------------------------------


def score_pair(a: Mapping[str, Any], b: Mapping[str, Any], context: _Context) -> Link | None:
    """The link of two features of two plans, scored by the first rule that applies (module docstring);
    None when they cannot be one project (other layer, places apart, a place and a project)."""
    if a["plan"] == b["plan"]:
        return None
    return _score(_prepare(a, context), _prepare(b, context), context)


def _score(a: _Feature, b: _Feature, context: _Context) -> Link | None:
    """:func:`score_pair` of two prepared features of two plans."""
    if (a.kind == "place") != (b.kind == "place"):
        return None
    if a.kind == "place":
        if a.place_ids != b.place_ids:
            return None
        far = [f.issuer for f in (a, b) if _out_of_reach(a.place_ids, f.plan, context)]
        if far:  # a plan naming a place far outside its area: more likely a misread name than the same place
            why = f"both name {a.name}, which lies over {REACH_DEGREES:g}° outside {'、'.join(far)}"
            return Link(a.feature_id, b.feature_id, 0.7, "same place", why)
        return Link(a.feature_id, b.feature_id, 1.0, "same place", f"both name {a.name}")
    gazetteer = context.gazetteer
    meet = _meet(a, b, context)
    if not meet:
        return None
    (similarity, how), core_a = max(
        ((name_similarity(x, y), x) for x in a.cores for y in b.cores), default=((0.0, "no name"), "")
    )
    sector = 0.05 if a.sector == b.sector else 0.0
    if a.layer != b.layer:  # the sector classifier put them apart: only strong names may join them
        sector = -0.05
    places = [i for i in a.points if i in b.ids]
    quantities = a.quantities & b.quantities
    if similarity == 1.0 and len(core_a) >= 2:
        rule, score, why = "same name", 0.9 + sector, f"{how} ('{core_a}')"
    elif places:
        names = "、".join(gazetteer.get(i).name for i in places)
        rule, score, why = "name + place", 0.4 + 0.5 * similarity + sector, f"both at {names}; {how}"
    elif quantities:
        shown = "、".join(f"{v:g} {u}" for v, u in sorted(quantities))
        rule, score, why = "name + quantity", 0.4 + 0.5 * similarity + sector, f"both {shown}; {how}"
    else:
        rule, score, why = "name", 0.85 * similarity + sector, how
    if meet == "area inside":  # a whole-area item holds the other: part of it, never the same place
        score = min(score, LINK_THRESHOLD - 0.01)
        why += "; only nested: one lies in the whole area of the other's issuer"
    if score < NEAR_THRESHOLD:
        return None
    return Link(a.feature_id, b.feature_id, round(min(score, 1.0), 3), rule, why)


def _out_of_reach(place_id: str, plan: str, context: _Context) -> bool:
    """True when the place lies more than :data:`REACH_DEGREES` from the plan's issuer."""
    issuer = context.issuer_ids.get(plan)
    gazetteer = context.gazetteer
    if not issuer or place_id not in gazetteer or issuer not in gazetteer:
        return False
    return gazetteer.get(place_id).geometry.distance(gazetteer.get(issuer).geometry) > REACH_DEGREES


def plan_relation(a: Mapping[str, Any], b: Mapping[str, Any], gazetteer: Any) -> str:
    """'periods' (one issuer, two plans), 'parent/child' (one issuer holds the other) or 'other'."""
    if a["issuer"] and a["issuer"] == b["issuer"]:
        return "periods"
    chain_a = {p.name for p in _issuer_chain(a, gazetteer)}
    chain_b = {p.name for p in _issuer_chain(b, gazetteer)}
    if (b["issuer"] in chain_a) or (a["issuer"] in chain_b):
        return "parent/child"
    return "other"


def link_features(rows: Sequence[Mapping[str, Any]], gazetteer: Any) -> Linking:
    """Every link and near miss between features of different plans, and the linked groups.

    Only features whose places meet (or place features naming the same places) are scored: each plan
    indexes its features by foot place, by the parents of their foot places and (places) by place ids.
    Two features with the contents of a pair already scored (twins: copies of one plan) take its score,
    and two plans with the contents of a pair of plans already compared take its scored pairs.
    """
    context = scoring_context(rows, gazetteer)
    by_plan = _by_plan(rows, context)
    indices = {plan: _Index(features) for plan, features in by_plan.items()}
    contents: dict[tuple[Any, ...], int] = {}  # a number per distinct content signature
    content = {
        f.feature_id: contents.setdefault(f.signature, len(contents))
        for fs in by_plan.values()
        for _, f in fs
    }
    scored: dict[tuple[int, int], Link | None] = {}  # the score of two contents: twins cost a lookup
    order = {row["feature_id"]: n for n, row in enumerate(rows)}
    positions = {
        plan: np.array([order[f.feature_id] for _, f in features], dtype=np.int64)
        for plan, features in by_plan.items()
    }
    plan_contents: dict[tuple[int, ...], int] = {}  # a number per distinct plan content
    plan_content = {
        plan: plan_contents.setdefault(tuple(content[f.feature_id] for _, f in features), len(plan_contents))
        for plan, features in by_plan.items()
    }
    pairs_of: dict[tuple[int, int], np.ndarray] = {}  # scored pairs of two plan contents
    plans = list(by_plan)
    relations = _Relations(gazetteer)
    keys: list[np.ndarray] = []
    for i, plan_a in enumerate(plans):
        for plan_b in plans[i + 1 :]:
            key = (plan_content[plan_a], plan_content[plan_b])
            if key not in pairs_of:  # copies of two plans already compared cost a lookup
                pairs_of[key] = _scored_pairs(
                    by_plan[plan_a], by_plan[plan_b], indices[plan_b], content, scored, context
                )
            milli, m, n = pairs_of[key]
            keys.append(_candidate_keys(milli, positions[plan_a][m], positions[plan_b][n], len(rows)))
    content_of = [content[row["feature_id"]] for row in rows]

    def candidate(a: int, b: int) -> tuple[Link, str]:
        link = scored[content_of[a], content_of[b]]
        assert link is not None  # only scoring pairs are candidates
        return link, relations.of(rows[a], rows[b])

    return _select(np.sort(np.concatenate(keys)) if keys else np.zeros(0, np.int64), rows, candidate)


def _candidate_keys(milli: np.ndarray, rows_a: np.ndarray, rows_b: np.ndarray, size: int) -> np.ndarray:
    """Candidates as numbers that sort as best score first, then the rows' order (fits 64 bits below
    about 90 million rows)."""
    return ((1000 - milli) * size + rows_a) * size + rows_b


def _scored_pairs(
    features_a: Sequence[tuple[Mapping[str, Any], _Feature]],
    features_b: Sequence[tuple[Mapping[str, Any], _Feature]],
    index_b: _Index,
    content: Mapping[str, int],
    scored: dict[tuple[int, int], Link | None],
    context: _Context,
) -> np.ndarray:
    """The pairs of two plans' features that score: their scores in thousandths and positions in each
    plan (three rows), memoised by content."""
    found = []
    for m, (_, a) in enumerate(features_a):
        content_a = content[a.feature_id]
        for n in index_b.candidates(a):
            b = features_b[n][1]
            key = (content_a, content[b.feature_id])
            if key not in scored:
                scored[key] = _score(a, b, context)
            link = scored[key]
            if link is not None:
                found.append((round(link.score * 1000), m, n))
    return np.array(found, dtype=np.int64).reshape(-1, 3).T


def _link_all_pairs(rows: Sequence[Mapping[str, Any]], gazetteer: Any) -> Linking:
    """:func:`link_features` scoring every pair of features of every pair of plans (the reference that
    the indexed version must equal)."""
    context = scoring_context(rows, gazetteer)
    by_plan = _by_plan(rows, context)
    order = {row["feature_id"]: n for n, row in enumerate(rows)}
    plans = list(by_plan)
    found: dict[tuple[int, int], tuple[Link, str]] = {}
    for i, plan_a in enumerate(plans):
        for plan_b in plans[i + 1 :]:
            relation = plan_relation(by_plan[plan_a][0][0], by_plan[plan_b][0][0], gazetteer)
            for row_a, _ in by_plan[plan_a]:
                for row_b, _ in by_plan[plan_b]:
                    link = score_pair(row_a, row_b, context)
                    if link is not None:
                        found[order[link.a], order[link.b]] = (link, relation)
    table = np.array([(round(link.score * 1000), *pair) for pair, (link, _) in found.items()], dtype=np.int64)
    milli, a, b = table.reshape(-1, 3).T
    keys = np.sort(_candidate_keys(milli, a, b, len(rows)))
    return _select(keys, rows, lambda a, b: found[a, b])


class _Relations:
    """:func:`plan_relation` worked out once per pair of issuers."""

    def __init__(self, gazetteer: Any):
        self._gazetteer = gazetteer
        self._known: dict[tuple[str, str, str, str], str] = {}

    def of(self, a: Mapping[str, Any], b: Mapping[str, Any]) -> str:
        key = (a["issuer"], a.get("issuer_level", ""), b["issuer"], b.get("issuer_level", ""))
        if key not in self._known:
            self._known[key] = plan_relation(a, b, self._gazetteer)
        return self._known[key]


def _by_plan(
    rows: Sequence[Mapping[str, Any]], context: _Context
) -> dict[str, list[tuple[Mapping[str, Any], _Feature]]]:
    """The rows of each plan (in row order) with their prepared features."""
    by_plan: dict[str, list[tuple[Mapping[str, Any], _Feature]]] = {}
    for row in rows:
        by_plan.setdefault(row["plan"], []).append((row, _prepare(row, context)))
    return by_plan


class _Index:
    """One plan's features by foot place, by the parents of their foot places and (places) by place ids."""

    def __init__(self, features: Sequence[tuple[Mapping[str, Any], _Feature]]):
        self.by_foot: dict[str, list[int]] = {}
        self.by_parent: dict[str, list[int]] = {}
        self.by_place: dict[str, list[int]] = {}
        for n, (_, feature) in enumerate(features):
            if feature.kind == "place":
                self.by_place.setdefault(feature.place_ids, []).append(n)
                continue
            for place in feature.foot:
                self.by_foot.setdefault(place, []).append(n)
            for parent in feature.parents:
                self.by_parent.setdefault(parent, []).append(n)

    def candidates(self, feature: _Feature) -> list[int]:
        """The positions of the features whose places may meet ``feature``'s, in row order."""
        if feature.kind == "place":
            return self.by_place.get(feature.place_ids, [])
        found: set[int] = set()
        for place in feature.foot:  # a shared foot place, or a foot place holding one of theirs
            found.update(self.by_foot.get(place, ()))
            found.update(self.by_parent.get(place, ()))
        for parent in feature.parents:  # one of their foot places holds one of this feature's
            found.update(self.by_foot.get(parent, ()))
        return sorted(found)


def _select(
    keys: np.ndarray, rows: Sequence[Mapping[str, Any]], candidate: Callable[[int, int], tuple[Link, str]]
) -> Linking:
    """Links (best score first, at most one per feature and other plan, never two features of one plan in
    a group), near misses (best first, at most :data:`NEAR_MISSES_PER_FEATURE` naming one feature) and groups
    from the sorted candidate keys (:func:`_candidate_keys`; ``candidate`` gives a pair's link and relation)."""
    ids = [row["feature_id"] for row in rows]
    plans = [row["plan"] for row in rows]
    result = Linking()
    taken: set[tuple[int, str]] = set()  # (feature, other plan) already linked
    groups = _Groups({row["feature_id"]: row["plan"] for row in rows})
    listed: dict[int, int] = {}  # near misses listed per feature
    size, link_milli = len(rows), round(LINK_THRESHOLD * 1000)
    for key in (
        key for start in range(0, len(keys), 1 << 16) for key in keys[start : start + (1 << 16)].tolist()
    ):
        milli, pair = divmod(key, size * size)
        a, b = divmod(pair, size)
        if 1000 - milli < link_milli:
            reason = ""
        elif (a, plans[b]) in taken or (b, plans[a]) in taken:
            reason = "the feature is linked to a better match in that plan"
        elif not groups.union(ids[a], ids[b]):
            reason = "the linked project already has a feature of that plan"
        else:
            taken.update({(a, plans[b]), (b, plans[a])})
            scored, relation = candidate(a, b)
            result.links.append(Link(ids[a], ids[b], scored.score, scored.rule, scored.why, relation))
            continue
        if listed.get(a, 0) >= NEAR_MISSES_PER_FEATURE or listed.get(b, 0) >= NEAR_MISSES_PER_FEATURE:
            result.unlisted_near_misses += 1
            continue
        listed[a], listed[b] = listed.get(a, 0) + 1, listed.get(b, 0) + 1
        scored, relation = candidate(a, b)
        why = f"{scored.why}; not linked: {reason}" if reason else scored.why
        result.near_misses.append(Link(ids[a], ids[b], scored.score, scored.rule, why, relation))
    result.groups = groups.groups({fid: n for n, fid in enumerate(ids)})
    return result


def scoring_context(rows: Sequence[Mapping[str, Any]], gazetteer: Any) -> _Context:
    """What scoring needs of the plans of ``rows`` (issuer names, ids and chains)."""
    issuer_ids: dict[str, str] = {}
    issuer_chain: dict[str, set[str]] = {}
    for row in rows:
        if row["plan"] not in issuer_ids:
            chain = _issuer_chain(row, gazetteer)
            issuer_ids[row["plan"]] = chain[0].id if chain else ""
            issuer_chain[row["plan"]] = {place.id for place in chain}
    return _Context(gazetteer, issuer_names(rows, gazetteer), issuer_ids, issuer_chain)


class _Groups:
    """Union-find over feature ids that never puts two features of one plan together."""

    def __init__(self, plan_of: Mapping[str, str]):
        self._plan_of = plan_of
        self._parent: dict[str, str] = {}
        self._plans: dict[str, set[str]] = {}

    def _root(self, item: str) -> str:
        parent = self._parent
        if item not in parent:
            parent[item] = item
            self._plans[item] = {self._plan_of[item]}
            return item
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: str, b: str) -> bool:
        root_a, root_b = self._root(a), self._root(b)
        if root_a == root_b or self._plans[root_a] & self._plans[root_b]:
            return False
        self._parent[root_b] = root_a
        self._plans[root_a] |= self._plans.pop(root_b)
        return True

    def groups(self, order: Mapping[str, int]) -> list[list[str]]:
        members: dict[str, list[str]] = {}
        for item in self._parent:
            members.setdefault(self._root(item), []).append(item)
        found = [sorted(m, key=order.__getitem__) for m in members.values() if len(m) > 1]
        return sorted(found, key=lambda m: order[m[0]])


# -- merging -----------------------------------------------------------------------------------

_RANK = {precision: rank for rank, precision in enumerate(PRECISION_ORDER)}
#: the fields of each source of a linked feature
SOURCE_FIELDS = ("plan", "issuer", "plan_kind", "feature_id", "name", "box", "item", "page", "excerpt")


def sources_of(rows: Sequence[Mapping[str, Any]]) -> str:
    """The ``sources`` column: a JSON list with each plan's own wording and where it says it."""
    return json.dumps([{key: row.get(key, "") for key in SOURCE_FIELDS} for row in rows], ensure_ascii=False)


def _location_rank(row: Mapping[str, Any]) -> tuple[int, bool, int]:
    """Finest precision first; then a feature at named places before one at its issuer's area, more places first."""
    return (_RANK.get(row["precision"], len(_RANK)), row["geometry_basis"] == "issuer area", -len(_ids(row)))


def merge_linked(rows: Sequence[dict[str, Any]], linking: Linking) -> list[dict[str, Any]]:
    """The rows with every linked group as one row: the member located most precisely (ties: the
    first in row order) with ``plans`` (every plan, ';'), ``sources`` and ``carried_over`` set.

    A row in no group gets its own plan and source.  Rows keep their order (a group at its first member).
    """
    group_of = {fid: group for group in linking.groups for fid in group}
    by_id = {row["feature_id"]: row for row in rows}
    merged = []
    for row in rows:
        group = group_of.get(row["feature_id"])
        if group is None:
            merged.append({**row, "plans": row["plan"], "sources": sources_of([row]), "carryover": 0})
            continue
        if row["feature_id"] != group[0]:
            continue
        members = [by_id[fid] for fid in group]
        best = min(members, key=_location_rank)
        periods: dict[str, set[str]] = {}
        for member in members:
            periods.setdefault(member["issuer"], set()).add(member["plan_kind"])
        merged.append(
            {
                **best,
                "plans": ";".join(dict.fromkeys(m["plan"] for m in members)),
                "sources": sources_of(members),
                "carryover": int(any(len(kinds) > 1 for kinds in periods.values())),
            }
        )
    return merged


# -- differences between two plans ---------------------------------------------------------------


@dataclass
class PlanDiff:
    """What plan B says against plan A, per layer: new (B only), carried over (both), dropped (A only)."""

    plan_a: str
    plan_b: str
    relation: str  # periods | parent/child | other
    new: dict[str, list[Mapping[str, Any]]] = field(default_factory=dict)
    carried: dict[str, list[tuple[Mapping[str, Any], Mapping[str, Any], Link]]] = field(default_factory=dict)
    dropped: dict[str, list[Mapping[str, Any]]] = field(default_factory=dict)
    near_misses: list[Link] = field(default_factory=list)

    def layers(self) -> list[str]:
        """Every layer with something to show, in first-seen order."""
        return list(dict.fromkeys([*self.carried, *self.new, *self.dropped]))


def changes(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    """What differs between two linked features of two plans: 'name', 'quantities', 'excerpt'."""
    same = {"name": a["name"] == b["name"], "quantities": _quantities(a) == _quantities(b)}
    same["excerpt"] = _NOISE.sub("", str(a.get("excerpt", ""))) == _NOISE.sub("", str(b.get("excerpt", "")))
    return [what for what, equal in same.items() if not equal]


def diff_plans(
    rows_a: Sequence[Mapping[str, Any]], rows_b: Sequence[Mapping[str, Any]], gazetteer: Any
) -> PlanDiff:
    """The projects (place features aside) of plan B against plan A: new, carried over and dropped, per layer."""
    projects_a = [row for row in rows_a if row["kind"] != "place"]
    projects_b = [row for row in rows_b if row["kind"] != "place"]
    if not projects_a or not projects_b:
        raise InputError(
            f"nothing to compare: {(rows_a or rows_b or [{}])[0].get('plan', 'a plan')} has no project"
        )
    linking = link_features([*projects_a, *projects_b], gazetteer)
    by_id = {row["feature_id"]: row for row in [*projects_a, *projects_b]}
    ids_a = {row["feature_id"] for row in projects_a}
    result = PlanDiff(
        projects_a[0]["plan"],
        projects_b[0]["plan"],
        plan_relation(projects_a[0], projects_b[0], gazetteer),
        near_misses=linking.near_misses,
    )
    order = {fid: n for n, fid in enumerate(by_id)}
    linked: set[str] = set()
    for link in sorted(linking.links, key=lambda link: max(order[link.a], order[link.b])):
        a, b = (link.a, link.b) if link.a in ids_a else (link.b, link.a)
        result.carried.setdefault(by_id[b]["layer"], []).append((by_id[a], by_id[b], link))
        linked.update({a, b})
    for row in projects_b:
        if row["feature_id"] not in linked:
            result.new.setdefault(row["layer"], []).append(row)
    for row in projects_a:
        if row["feature_id"] not in linked:
            result.dropped.setdefault(row["layer"], []).append(row)
    return result
