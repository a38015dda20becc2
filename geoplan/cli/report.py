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
from geoplan.geocode.gazetteer import APPROXIMATE_PRECISIONS
from geoplan.geocode.places import TARGET_TYPES, _best, coverage, geoparse
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

    def render(self, full: bool = False) -> str:
        """Plain-text table; with ``full``, every detail row too, else how many there are."""
        cells = [self.columns, *[[str(v) for v in row] for row in self.rows]]
        widths = [max(_width(row[i]) for row in cells) for i in range(len(self.columns))]
        lines = [self.title, "-" * len(self.title)]
        for row in cells:
            lines.append("  ".join(_pad(str(v), w) for v, w in zip(row, widths, strict=True)))
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


def coverage_section(parsed: list[Any]) -> ReportSection:
    """Places per type: found, resolved at their own level, resolved to a parent, unresolved."""
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


#: where a record of each approximate precision is drawn, in words (the report's 'why' starts with it).
PLACED_AT = {
    "banner": "drawn at its banner's point, no source giving one of its own",
    "league": "drawn at its league's or city's point, which stands for the whole unit",
    "province": "drawn at its province's capital, which stands for the whole province",
    "country": "drawn at a representative point (a capital), not its area",
    "schematic": "drawn schematically through the units or waypoints its source names",
}
#: types whose record is their own polygon: located exactly, however coarse.
ADMIN_AREAS = frozenset({"province", "league", "banner"})


def approximate_section(parsed: list[Any]) -> ReportSection:
    """Every distinct place not located at its own point, with why: its record's precision (banner, league,
    schematic …), a parent it was put in, or the reason it stays unresolved (outside jurisdiction …)."""
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
                placed = PLACED_AT.get(best.precision or "", "no point of its own")
                why = f"the record has {best.precision} precision: {placed}" + (
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
    builds = [build_plan(p.plan.path, p.gazetteer, plan=p.plan, places=p) for p in parsed]
    summary = atlas_build.report(builds)
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


def links_sections(parsed: list[Any]) -> list[ReportSection]:
    """Every link between features of different plans, and the near misses left for review."""
    builds = [build_plan(p.plan.path, p.gazetteer, plan=p.plan, places=p) for p in parsed]
    rows = [row for build in builds for row in build.project_rows + build.place_rows]
    linking = link_features(rows, parsed[0].gazetteer) if parsed else None
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


#: the report's sections, in order; each takes the list of PlanPlaces.
SECTION_BUILDERS: list[Callable[[list[Any]], ReportSection]] = [
    plans_section,
    coverage_section,
    approximate_section,
    projects_section,
]


def build_report(parsed: list[Any], links: bool = False) -> list[ReportSection]:
    """Every section of the report for geoparsed plans (with ``links``, the links between plans too)."""
    sections = [builder(parsed) for builder in SECTION_BUILDERS]
    return sections + links_sections(parsed) if links else sections


@click.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@json_option
@click.option(
    "--full", is_flag=True, help="Every row (each project left at the issuer's area), not a summary."
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
    """Coverage report of the places found in PLANS (files or folders): a short summary by default."""
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
