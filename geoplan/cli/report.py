"""``geoplan report PLAN_OR_DIR... [--json]``: what geoplan found in plans, as a list of sections.

Each section is built by one function of :data:`SECTION_BUILDERS` from the geoparsed plans; add a
builder (e.g. a projects section) to extend the report without touching the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import click

from geoplan.cli.options import PLAN_TYPES, json_option, plan_paths
from geoplan.errors import InputError


@dataclass
class ReportSection:
    """One titled table of the report."""

    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""

    def render(self) -> str:
        """Plain-text table."""
        cells = [self.columns, *[[str(v) for v in row] for row in self.rows]]
        widths = [max(_width(row[i]) for row in cells) for i in range(len(self.columns))]
        lines = [self.title, "-" * len(self.title)]
        for row in cells:
            lines.append("  ".join(_pad(str(v), w) for v, w in zip(row, widths, strict=True)))
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text))


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def coverage_section(parsed: list[Any]) -> ReportSection:
    """Places per type: found, resolved at their own level, resolved to a parent, unresolved."""
    from geoplan.geocode.places import TARGET_TYPES, coverage

    table = coverage(parsed)
    rows = [[kind, c["found"], c["own"], c["parent"], c["none"]] for kind, c in table.items()]
    total = [sum(r[i] for r in rows) for i in range(1, 5)]
    rows.append(["all", *total])
    note = ""
    if total[0]:
        note = f"all types: resolved (own or parent) {_share(total[1] + total[2], total[0])}, own level {_share(total[1], total[0])}"
    target = [table[kind] for kind in TARGET_TYPES if kind in table]
    found = sum(c["found"] for c in target)
    if found:
        own = sum(c["own"] for c in target)
        parent = sum(c["parent"] for c in target)
        note += f"\n{'/'.join(TARGET_TYPES)}: resolved {_share(own + parent, found)}, own level {_share(own, found)}"
    return ReportSection(
        "Places by type (distinct per plan)", ["type", "found", "own", "parent", "unresolved"], rows, note
    )


#: types whose record is their own polygon: located exactly, however coarse.
ADMIN_AREAS = frozenset({"province", "league", "banner"})


def approximate_section(parsed: list[Any]) -> ReportSection:
    """Every distinct place not located at its own point, with why: its record's precision (banner, league,
    schematic …), a parent it was put in, or the reason it stays unresolved (outside jurisdiction …)."""
    from geoplan.geocode.gazetteer import APPROXIMATE_PRECISIONS
    from geoplan.geocode.places import _best

    rows = []
    for places in parsed:
        groups: dict[str, list[Any]] = {}
        for mention in places.mentions:
            groups.setdefault(mention.surface, []).append(mention)
        for name, group in groups.items():
            best = _best(group)
            if best.level == "own" and (
                best.precision not in APPROXIMATE_PRECISIONS or best.place.type in ADMIN_AREAS
            ):
                continue  # at its own point, or an admin unit that is its own polygon
            if best.level == "own":
                why = f"the record has {best.precision} precision" + (
                    f" ({best.place.note})" if best.place.note else ""
                )
            else:
                why = best.reason
            rows.append([places.plan.name, name, best.type or "", best.level, best.precision or "-", why])
    return ReportSection(
        "Places located only approximately, and why",
        ["plan", "name", "type", "level", "precision", "why"],
        rows,
        f"{len(rows)} distinct places not at a point of their own",
    )


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})"


def plans_section(parsed: list[Any]) -> ReportSection:
    """One line per plan: issuer, mentions, corridors."""
    rows = [[p.plan.name, p.plan.meta.issuer, len(p.mentions), len(p.corridors)] for p in parsed]
    return ReportSection("Plans", ["plan", "issuer", "mentions", "corridors"], rows)


def projects_section(parsed: list[Any]) -> ReportSection:
    """Projects per plan located finer than the issuer, and the list of those that are not."""
    from geoplan.atlas.build import build_plan, report

    builds = [build_plan(p.plan.path, p.gazetteer, plan=p.plan, places=p) for p in parsed]
    summary = report(builds)
    rows = [
        [plan, c["projects"], c["located"], _share(c["located"], c["projects"]) if c["projects"] else "-"]
        for plan, c in summary["per_plan"].items()
    ]
    unlocated = summary["issuer_only"]
    lines = [f"at the issuer's area ({len(unlocated)}):"]
    lines += [
        f"  {u['feature_id']}  {u['name']}  (box {u['box'] or '-'}, page {u['page'] or '-'}): {u['reason']}"
        for u in unlocated
    ]
    return ReportSection(
        "Projects located finer than the issuer",
        ["plan", "projects", "located", "share"],
        rows,
        "\n".join(lines),
    )


#: the report's sections, in order; each takes the list of PlanPlaces.
SECTION_BUILDERS: list[Callable[[list[Any]], ReportSection]] = [
    plans_section,
    coverage_section,
    approximate_section,
    projects_section,
]


def build_report(parsed: list[Any]) -> list[ReportSection]:
    """Every section of the report for geoparsed plans."""
    return [builder(parsed) for builder in SECTION_BUILDERS]


@click.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@json_option
def report(plans: tuple[Path, ...], as_json: bool) -> None:
    """Coverage report of the places found in PLANS (files or folders)."""
    from geoplan.geocode.gazetteer import Gazetteer
    from geoplan.geocode.places import geoparse
    from geoplan.read.plan import read

    paths = plan_paths(plans)
    if not paths:
        raise InputError(f"no plan files ({PLAN_TYPES}) among the arguments")
    gazetteer = Gazetteer.load()
    parsed = [geoparse(read(path, gazetteer), gazetteer) for path in paths]
    sections = build_report(parsed)
    if as_json:
        click.echo(json.dumps([asdict(s) for s in sections], ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(s.render() for s in sections))
