"""``geoplan diff PLAN_A PLAN_B [--json]``: new, carried-over and dropped projects per layer.

For two periods of one issuer (a 14th and a 15th plan) or a parent and a child plan (a city and one of
its banners): what B names that A does not (new), what both name (carried over, with what changed),
and what only A names (dropped).  Near misses are listed for review; they count as neither.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from geoplan.atlas.build import build_plan
from geoplan.atlas.links import changes, diff_plans
from geoplan.cli.options import json_option
from geoplan.errors import InputError
from geoplan.geocode.gazetteer import Gazetteer


def _label(row: Any) -> str:
    where = f"box {row['box']}" if row["box"] else "text"
    return f"{row['feature_id']}  {row['name']}  ({where}, page {row['page'] or '-'})"


def render_diff(diff: Any) -> str:
    """The plain-text listing of a :class:`~geoplan.atlas.links.PlanDiff`."""
    lines = [f"A: {diff.plan_a}", f"B: {diff.plan_b}", f"relation: {diff.relation}", ""]
    for layer in diff.layers():
        new, carried, dropped = (
            diff.new.get(layer, []),
            diff.carried.get(layer, []),
            diff.dropped.get(layer, []),
        )
        lines.append(f"[{layer}] new {len(new)}, carried over {len(carried)}, dropped {len(dropped)}")
        lines.append(f"  new (B only): {len(new)}")
        lines += [f"    + {_label(row)}" for row in new]
        lines.append(f"  carried over (A and B): {len(carried)}")
        for a, b, link in carried:
            changed = changes(a, b)
            note = f"; changed: {', '.join(changed)}" if changed else ""
            lines.append(f"    = {_label(b)}")
            lines.append(f"      from {_label(a)}  [{link.rule} {link.score:.2f}{note}]")
        lines.append(f"  dropped (A only): {len(dropped)}")
        lines += [f"    - {_label(row)}" for row in dropped]
    lines.append("")
    lines.append(f"near misses (not linked, for review): {len(diff.near_misses)}")
    lines += [f"    ? {m.a} ~ {m.b}  [{m.rule} {m.score:.2f}] {m.why}" for m in diff.near_misses]
    return "\n".join(lines)


def diff_json(diff: Any) -> dict[str, Any]:
    """The diff as plain data (feature ids per list and layer)."""
    return {
        "plan_a": diff.plan_a,
        "plan_b": diff.plan_b,
        "relation": diff.relation,
        "layers": {
            layer: {
                "new": [row["feature_id"] for row in diff.new.get(layer, [])],
                "carried_over": [
                    {
                        "a": a["feature_id"],
                        "b": b["feature_id"],
                        "rule": link.rule,
                        "score": link.score,
                        "changed": changes(a, b),
                    }
                    for a, b, link in diff.carried.get(layer, [])
                ],
                "dropped": [row["feature_id"] for row in diff.dropped.get(layer, [])],
            }
            for layer in diff.layers()
        },
        "near_misses": [
            {"a": m.a, "b": m.b, "rule": m.rule, "score": m.score, "why": m.why} for m in diff.near_misses
        ],
    }


@click.command("diff")
@click.argument("plan_a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("plan_b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
def diff(plan_a: Path, plan_b: Path, as_json: bool) -> None:
    """New, carried-over and dropped projects of PLAN_B against PLAN_A, per layer."""
    if plan_a.resolve() == plan_b.resolve():
        raise InputError(f"{plan_a}: give two different plans")
    gazetteer = Gazetteer.load()
    builds = [build_plan(path, gazetteer) for path in (plan_a, plan_b)]
    result = diff_plans(builds[0].project_rows, builds[1].project_rows, gazetteer)
    if as_json:
        click.echo(json.dumps(diff_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(render_diff(result))
