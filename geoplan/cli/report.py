"""``geoplan report PLAN_OR_DIR... [--full] [--csv FILE] [--json]``: what geoplan found in plans, as a list of
sections, problems first.

By default a summary: the places not located (each named, grouped by why), the places by type and by the
precision drawn, the places located only approximately grouped by why, the projects located per plan.  Every
count is of distinct places as ``geoplan places`` lists them (one per plan and name as written, and per
corridor).  ``--full`` adds every approximate place with the resolver's own reason and every project left at
the issuer's area; ``--csv`` writes those rows as one table.

Each section is built by one function of :data:`SECTION_BUILDERS` from the report's inputs (:class:`ReportInputs`); add a
builder to extend the report without touching the others.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import click

from geoplan.atlas import build as atlas_build
from geoplan.atlas.build import build_plan
from geoplan.atlas.links import LINK_THRESHOLD, NEAR_MISSES_PER_FEATURE, NEAR_THRESHOLD, link_features
from geoplan.cli.options import (
    PLAN_TYPES,
    json_option,
    load_gazetteer,
    overlay_options,
    overwrite_option,
    plan_paths,
)
from geoplan.errors import InputError
from geoplan.geocode.gazetteer import APPROXIMATE_PRECISIONS, PRECISIONS
from geoplan.geocode.places import (
    TARGET_TYPES,
    _best,
    _corridor_row,
    _distinct_corridors,
    corridor_level,
    geoparse,
    place_groups,
)
from geoplan.io import atomic_path, check_targets
from geoplan.output.csv_safe import csv_text
from geoplan.read.plan import read


@dataclass
class ReportSection:
    """One titled table of the report."""

    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""
    #: the long part, one record per row (printed by --full, written by --csv)
    detail_title: str = ""
    detail: list[dict[str, Any]] = field(default_factory=list)
    #: text printed before the table (a section may have only these)
    lines: list[str] = field(default_factory=list)

    def render(self, full: bool = False) -> str:
        """Plain-text table; with ``full``, every detail row too, else how many there are."""
        lines = [self.title, "-" * _width(self.title), *self.lines]
        if self.columns:
            cells = [self.columns, *[[str(v) for v in row] for row in self.rows]]
            widths = [max(_width(row[i]) for row in cells) for i in range(len(self.columns))]
            for row in cells:
                lines.append("  ".join(_pad(str(v), w) for v, w in zip(row, widths, strict=True)).rstrip())
        if self.note:
            lines.append(self.note)
        if self.detail and full:
            lines.append(f"{self.detail_title} ({len(self.detail)}):")
            lines += ["  " + "  ".join(str(v) for v in record.values()) for record in self.detail]
        elif self.detail:
            lines.append(
                f"{self.detail_title}: {len(self.detail)} (--full lists them, --csv writes them as a table)"
            )
        return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text))


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


@dataclass(frozen=True)
class PlaceFact:
    """One distinct place of a plan (a name as written, or a corridor), as ``geoplan places`` lists it:
    where it was put (``level`` own / parent / none, the ``precision`` drawn) and, unless it is at a point
    or an area of its own, why (``reason``: the group, ``why``: the resolver's own words)."""

    plan: str
    name: str
    type: str
    level: str
    precision: str
    reason: str = ""
    why: str = ""

    @property
    def approximate(self) -> bool:
        """Not at a point of its own, nor an admin unit that is its own polygon (unresolved ones too)."""
        return bool(self.reason)


@dataclass(frozen=True)
class PrecisionWords:
    """What a record's approximate precision means in the report: ``reason`` groups the places drawn at it
    (the approximate section's rows), ``placed`` says where such a record is drawn (each place's 'why')."""

    reason: str
    placed: str


#: every approximate precision (:data:`APPROXIMATE_PRECISIONS`) in words.
PRECISION_WORDS = {
    "banner": PrecisionWords(
        "the gazetteer record has no sourced point: at its banner",
        "drawn at its banner's point, no source giving one of its own",
    ),
    "league": PrecisionWords(
        "the gazetteer record has no sourced point: at its league",
        "drawn at its league's or city's point, which stands for the whole unit",
    ),
    "province": PrecisionWords(
        "the gazetteer record has no sourced point: at its province",
        "drawn at its province's capital, which stands for the whole province",
    ),
    "country": PrecisionWords(
        "a record of a country or a region abroad: at a representative point",
        "drawn at a representative point (a capital), not its area",
    ),
    "schematic": PrecisionWords(
        "a schematic record: a line through its waypoints or a hull of the units it spans",
        "drawn schematically through the units or waypoints its source names",
    ),
}
#: types whose record is their own polygon: located exactly, however coarse.
ADMIN_AREAS = frozenset({"province", "league", "banner"})

#: why a place was put at a parent, by the resolver's rule.
PARENT_REASONS = {
    "parent:named-inside": "not in the gazetteer: at a place its name holds",
    "parent:same-phrase": "not in the gazetteer: at a place named just before it",
    "parent:written-before": "not in the gazetteer: in the place outside the region written before it",
    "parent:issuer": "not in the gazetteer, nothing around it says where: at the plan's issuer",
}
CORRIDOR_REASONS = {
    "parent": "a line with fewer than two waypoints located: at a waypoint or the plan's issuer",
    "none": "a line with no waypoint located",
}


@dataclass
class ReportInputs:
    """The geoparsed plans one report describes, with what several sections share, each computed once: the
    place facts (problems, coverage, approximate places) and each plan's built features (problems, projects,
    links)."""

    parsed: list[Any]

    @cached_property
    def facts(self) -> list[PlaceFact]:
        return place_facts(self.parsed)

    @cached_property
    def builds(self) -> list[Any]:
        return [build_plan(p.plan.path, p.gazetteer, plan=p.plan, places=p) for p in self.parsed]


def place_facts(parsed: list[Any]) -> list[PlaceFact]:
    """Every distinct place of the plans (the rows of ``geoplan places``: one per plan, name as written and place,
    and per corridor), each approximate one with its reason."""
    facts = []
    for places in parsed:
        plan = places.plan
        for name, group in place_groups(places):
            facts.append(_mention_fact(plan.name, name, _best(group)))
        for corridor in _distinct_corridors(places.corridors):
            level = corridor_level(corridor, places.issuer)
            row = _corridor_row(plan, corridor, places.issuer)
            facts.append(
                PlaceFact(
                    plan.name,
                    corridor.name,
                    corridor.kind,
                    level,
                    str(row["precision"]),
                    CORRIDOR_REASONS.get(level, ""),
                    str(row["source"]) if level != "own" else "",
                )
            )
    return facts


def _mention_fact(plan: str, name: str, best: Any) -> PlaceFact:
    precision = best.precision or ""
    if best.level == "none":
        return PlaceFact(plan, name, best.type or "", "none", "", unresolved_reason(best.reason), best.reason)
    if best.level == "own":
        if precision not in APPROXIMATE_PRECISIONS or best.place.type in ADMIN_AREAS:
            return PlaceFact(plan, name, best.type or "", "own", precision)
        words = PRECISION_WORDS[precision]
        reason = words.reason
        why = f"the record has {precision} precision: {words.placed}" + (
            f" ({best.place.note})" if best.place.note else ""
        )
        return PlaceFact(plan, name, best.type or "", "own", precision, reason, why)
    reason = PARENT_REASONS.get(best.rule, f"not in the gazetteer: at a parent ({best.rule})")
    return PlaceFact(plan, name, best.type or "", "parent", precision, reason, best.reason)


def unresolved_reason(why: str) -> str:
    """The resolver's reason for leaving a name unresolved, without the name and ids, as a group: the label
    before its colon ('outside jurisdiction'), else its words with each quoted name as X."""
    head, colon, _rest = why.partition(": ")
    if colon and "'" not in head:
        return head
    return re.sub(r"\s*\([^)]*\)", "", re.sub(r"'[^']*'", "X", why))


def coverage_section(inputs: ReportInputs) -> ReportSection:
    """Places per type: found, at their own place, at a parent, unresolved, and by the precision drawn."""
    facts = inputs.facts
    precisions = [p for p in PRECISIONS if any(f.precision == p for f in facts)]
    table: dict[str, Counter] = {}
    for fact in facts:
        counts = table.setdefault(fact.type or "unknown", Counter())
        counts["found"] += 1
        counts[fact.level] += 1
        counts[fact.precision] += bool(fact.precision)
    keys = ["found", "own", "parent", "none", *precisions]
    rows = [[kind, *(table[kind][k] for k in keys)] for kind in sorted(table)]
    total = [sum(r[i] for r in rows) for i in range(1, len(keys) + 1)]
    rows.append(["all", *total])
    found, own, parent = total[0], total[1], total[2]
    note = ""
    if found:
        note = f"all types: resolved (own or parent) {_share(own + parent, found)}, own level {_share(own, found)}"
    target = [f for f in facts if f.type in TARGET_TYPES]
    if target:
        t_own = sum(f.level == "own" for f in target)
        t_parent = sum(f.level == "parent" for f in target)
        note += (
            f"\n{'/'.join(TARGET_TYPES)}: resolved {_share(t_own + t_parent, len(target))}, "
            f"own level {_share(t_own, len(target))}"
        )
    return ReportSection(
        "Places by type and precision (distinct per plan, as `geoplan places` lists them)",
        ["type", "found", "own", "parent", "unresolved", *precisions],
        rows,
        note,
    )


def approximate_section(inputs: ReportInputs) -> ReportSection:
    """The places not at a point or an area of their own, grouped by why (most first); --full lists
    each with the resolver's own words."""
    facts = inputs.facts
    approximate = [f for f in facts if f.approximate and f.level != "none"]
    groups: dict[str, list[PlaceFact]] = {}
    for fact in approximate:
        groups.setdefault(fact.reason, []).append(fact)
    rows = [
        [
            reason,
            len(group),
            ", ".join(f"{p} {n}" for p, n in Counter(f.precision or "-" for f in group).most_common()),
            _examples(group),
        ]
        for reason, group in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    ]
    detail = [
        {
            "plan": f.plan,
            "name": f.name,
            "type": f.type,
            "level": f.level,
            "precision": f.precision or "-",
            "why": f.why,
        }
        for f in approximate
    ]
    return ReportSection(
        "Places located only approximately, by reason",
        ["reason", "places", "drawn at", "for example"],
        rows,
        f"{len(approximate)} of {len(facts)} distinct places not at a point or an area of their own",
        detail_title="places located approximately, each with why",
        detail=detail,
    )


#: names shown per reason in the summary.
EXAMPLES = 3


def _examples(group: list[PlaceFact]) -> str:
    names = list(dict.fromkeys(f.name for f in group))
    return "、".join(names[:EXAMPLES]) + ("…" if len(names) > EXAMPLES else "")


def problems_section(inputs: ReportInputs) -> ReportSection:
    """What needs attention first: places left off the map (unresolved, each named, grouped by why) and
    places put at the plan's issuer for want of anything better."""
    facts = inputs.facts
    labels = _plan_labels([p.plan.name for p in inputs.parsed])
    unresolved = [f for f in facts if f.level == "none"]
    groups: dict[str, list[PlaceFact]] = {}
    for fact in unresolved:
        groups.setdefault(fact.reason, []).append(fact)
    lines = [f"{len(unresolved)} of {len(facts)} places not located (left off the map):"]
    for reason, group in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        by_plan: dict[str, list[str]] = {}
        for fact in group:
            by_plan.setdefault(labels[fact.plan], []).append(fact.name)
        names = " · ".join(  # a no-break space keeps a plan's label with its first name
            f"{plan}\u00a0{'、'.join(dict.fromkeys(names))}" for plan, names in by_plan.items()
        )
        lines += _wrap(f"{reason} ({len(group)}): {names}", indent=2)
    at_issuer = [f for f in facts if f.reason == PARENT_REASONS["parent:issuer"]]
    lines += _wrap(
        f"{len(at_issuer)} places put at the plan's issuer (not in the gazetteer, nothing around them says "
        "where); --full lists them with every other approximate place"
    )
    summary = atlas_build.report(inputs.builds) if inputs.parsed else {"per_plan": {}, "issuer_only": []}
    projects = sum(c["projects"] for c in summary["per_plan"].values())
    lines.append(
        f"{len(summary['issuer_only'])} of {projects} projects at the issuer's whole area (see Projects)"
    )
    detail = [
        {"plan": f.plan, "name": f.name, "type": f.type, "level": f.level, "precision": "-", "why": f.why}
        for f in unresolved
    ]
    return ReportSection(
        "Problems", [], lines=lines, detail_title="places not located, each with why", detail=detail
    )


#: display columns of the report's text lines.
LINE_WIDTH = 110


def _wrap(text: str, indent: int = 0, width: int = LINE_WIDTH) -> list[str]:
    """``text`` in lines of at most ``width`` display columns (CJK characters count two), indented; broken
    after a space, a 、 or a ·."""
    lines, line = [], " " * indent
    for piece in re.findall(r"[^ 、·]*[ 、·]?", text):
        if line.strip() and _width(line + piece) > width:
            lines.append(line.rstrip())
            line = " " * (indent + 2)
        line += piece
    return [*lines, line.rstrip()] if line.strip() else lines


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})"


def _plan_labels(names: list[str]) -> dict[str, str]:
    """Short labels of plan files: the part of each name before its first '_' or '.', when that is unique."""
    short = {name: re.split(r"[_.]", name, maxsplit=1)[0] for name in names}
    return short if len(set(short.values())) == len(short) else {name: name for name in names}


def plans_section(inputs: ReportInputs) -> ReportSection:
    """One line per plan: issuer, mentions, corridors."""
    rows = [[p.plan.name, p.plan.meta.issuer, len(p.mentions), len(p.corridors)] for p in inputs.parsed]
    return ReportSection("Plans", ["plan", "issuer", "mentions", "corridors"], rows)


def projects_section(inputs: ReportInputs) -> ReportSection:
    """Projects per plan located finer than the issuer, and the list of those that are not."""
    summary = atlas_build.report(inputs.builds)
    rows = [
        [plan, c["projects"], c["located"], _share(c["located"], c["projects"]) if c["projects"] else "-"]
        for plan, c in summary["per_plan"].items()
    ]
    detail = [
        {
            "plan": u["plan"],
            "feature_id": u["feature_id"],
            "name": u["name"],
            "box": u["box"] or "-",
            "page": u["page"] or "-",
            "reason": u["reason"],
        }
        for u in summary["issuer_only"]
    ]
    return ReportSection(
        "Projects located finer than the issuer",
        ["plan", "projects", "located", "share"],
        rows,
        detail_title="projects at the issuer's area",
        detail=detail,
    )


def _link_line(link: Any, names: dict[str, str]) -> list[Any]:
    return [
        f"{link.score:.2f}",
        link.rule,
        link.relation,
        link.a,
        names[link.a],
        link.b,
        names[link.b],
        link.why,
    ]


def links_sections(inputs: ReportInputs) -> list[ReportSection]:
    """Every link between features of different plans, and the near misses left for review."""
    rows = [row for build in inputs.builds for row in build.project_rows + build.place_rows]
    linking = link_features(rows, inputs.parsed[0].gazetteer) if inputs.parsed else None
    names = {row["feature_id"]: row["name"] for row in rows}
    columns = ["score", "rule", "plans", "a", "name a", "b", "name b", "why"]
    links = [_link_line(link, names) for link in linking.links] if linking else []
    misses = [_link_line(link, names) for link in linking.near_misses] if linking else []
    return [
        ReportSection(
            f"Links (score >= {LINK_THRESHOLD}): one project named by several plans",
            columns,
            links,
            f"{len(links)} links, {len(linking.groups) if linking else 0} linked projects",
        ),
        ReportSection(
            f"Near misses ({NEAR_THRESHOLD} <= score < {LINK_THRESHOLD}), not linked",
            columns,
            misses,
            f"{len(misses)} near misses, best first, at most {NEAR_MISSES_PER_FEATURE} naming one feature; "
            f"{linking.unlisted_near_misses if linking else 0} more not listed",
        ),
    ]


#: the report's sections, in order; each takes the report's inputs (the PlanPlaces and what they share).
SECTION_BUILDERS: list[Callable[[ReportInputs], ReportSection]] = [
    problems_section,
    plans_section,
    coverage_section,
    approximate_section,
    projects_section,
]


def build_report(parsed: list[Any], links: bool = False) -> list[ReportSection]:
    """Every section of the report for geoparsed plans (with ``links``, the links between plans too)."""
    inputs = ReportInputs(parsed)
    sections = [builder(inputs) for builder in SECTION_BUILDERS]
    return sections + links_sections(inputs) if links else sections


@click.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@json_option
@click.option(
    "--full",
    is_flag=True,
    help="Also list every place not located or located approximately, with why, and every project left "
    "at the issuer's area.",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Also write the detail rows as one CSV table to this file ('-': standard output, instead of the text).",
)
@click.option("--links", is_flag=True, help="Also list every link between plans and the near misses.")
@overwrite_option
@overlay_options
def report(
    plans: tuple[Path, ...],
    as_json: bool,
    full: bool,
    csv_path: Path | None,
    links: bool,
    overwrite: bool,
    overlay: str | None,
    no_overlay: bool,
) -> None:
    """Coverage report of the places found in PLANS (files or folders): a summary by default, problems first
    (places not located, named and grouped by why); --full lists every approximate place with its reason."""
    paths = plan_paths(plans)
    if not paths:
        raise InputError(f"no plan files ({PLAN_TYPES}) among the arguments")
    check_targets(
        [csv_path] if csv_path is not None and str(csv_path) != "-" else [], overwrite=overwrite, inputs=plans
    )
    gazetteer = load_gazetteer(overlay, no_overlay)
    parsed = [geoparse(read(path, gazetteer), gazetteer) for path in paths]
    sections = build_report(parsed, links)
    if csv_path is not None and str(csv_path) == "-":
        click.echo(detail_csv(sections), nl=False)
        return
    if csv_path is not None:
        with atomic_path(csv_path, overwrite=overwrite) as tmp:
            tmp.write_text(detail_csv(sections), encoding="utf-8")
    if as_json:
        click.echo(json.dumps([asdict(s) for s in sections], ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(s.render(full) for s in sections))


def detail_csv(sections: list[ReportSection]) -> str:
    """The detail rows of every section as one CSV table (a ``section`` column first), every cell neutralised
    for spreadsheets (:mod:`geoplan.output.csv_safe`)."""
    records = [{"section": s.detail_title, **record} for s in sections for record in s.detail]
    columns = list(dict.fromkeys(key for record in records for key in record)) or ["section"]
    return csv_text(records, columns)
