"""Plan hierarchy: which plan is the parent of which (a banner's plan under its league's or city's plan).

The parent unit of a banner or district comes from the gazetteer (the issuer record's league), else
from the plan's metadata (``PlanMeta.parent``, printed in the title or found by the reader).  The
parent plan is the plan of that unit among the plans given, of the same period when there is one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class PlanInfo(Protocol):
    """What the hierarchy needs of a plan's metadata (:class:`~geoplan.read.model.PlanMeta` is one)."""

    issuer: str
    issuer_level: str
    parent: str | None
    kind: str


def parent_unit(meta: PlanInfo, gazetteer: Any) -> str | None:
    """The name of the unit holding the issuer (a banner's league/city); None for a league or when unknown."""
    if meta.issuer_level not in ("banner", "district") or not meta.issuer:
        return None
    candidates = [
        c.place for c in gazetteer.lookup(meta.issuer, types=["banner"]) if c.place.name == meta.issuer
    ]
    leagues = {place.league_id for place in candidates if place.league_id in gazetteer}
    if len(leagues) == 1:
        return gazetteer.get(leagues.pop()).name
    return meta.parent or None


def parent_plans(metas: Mapping[str, PlanInfo], gazetteer: Any) -> dict[str, str | None]:
    """For each plan (by name), the name of its parent plan among ``metas``; None when it has none there."""
    parents: dict[str, str | None] = {}
    for name, meta in metas.items():
        unit = parent_unit(meta, gazetteer)
        candidates = [other for other, m in metas.items() if unit and m.issuer == unit and other != name]
        same_period = [other for other in candidates if metas[other].kind == meta.kind]
        chosen = same_period or candidates
        parents[name] = sorted(chosen)[0] if chosen else None
    return parents


def plan_tree(metas: Mapping[str, PlanInfo], gazetteer: Any) -> list[tuple[str, int]]:
    """Every plan with its depth, each parent followed by its children (names sorted at each level)."""
    parents = parent_plans(metas, gazetteer)
    children: dict[str | None, list[str]] = {}
    for name in sorted(metas):
        children.setdefault(parents[name], []).append(name)
    ordered: list[tuple[str, int]] = []

    def visit(name: str, depth: int) -> None:
        ordered.append((name, depth))
        for child in children.get(name, []):
            visit(child, depth + 1)

    for root in children.get(None, []):
        visit(root, 0)
    return ordered
