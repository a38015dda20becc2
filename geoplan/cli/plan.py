"""``geoplan plan info FILE...``: metadata and outline counts of plan files."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import click

from geoplan.cli.options import json_option, plan_paths
from geoplan.errors import InputError, PlanReadError
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.read.plan import read


@click.group()
def plan() -> None:
    """Read plan files (.txt/.md/.pdf/.docx)."""


def plan_summary(read_plan: Any) -> dict[str, Any]:
    """A JSON-ready summary of a :class:`geoplan.read.model.Plan`."""
    meta = read_plan.meta
    levels = Counter(section.level for section in read_plan.sections)
    boxes = [box for box in read_plan.boxes if box.number]
    return {
        "file": str(read_plan.path),
        "title": meta.title,
        "title_inferred": meta.title_inferred,
        "issuer": meta.issuer,
        "issuer_level": meta.issuer_level,
        "parent": meta.parent,
        "kind": meta.kind,
        "vision_2035": meta.vision_2035,
        "period": list(meta.period),
        "published": meta.published,
        "encoding": read_plan.encoding,
        "counts": {
            "parts": levels.get("part", 0),
            "chapters": levels.get("chapter", 0),
            "sections": levels.get("section", 0),
            "items": levels.get("item", 0),
            "subitems": levels.get("subitem", 0),
            "boxes": len(boxes),
            "box_items": sum(len(box.items) for box in boxes),
            "tables": sum(1 for box in read_plan.boxes if not box.number),
            "paragraphs": len(read_plan.paragraphs),
        },
        "boxes": [
            {
                "number": box.number,
                "title": box.title,
                "kind": box.kind,
                "items": len(box.items),
                "page": box.page,
            }
            for box in read_plan.boxes
        ],
        "warnings": list(read_plan.warnings),
    }


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(summaries: list[dict[str, Any]]) -> str:
    """Aligned text table, one row per plan (CJK characters count double)."""
    header = ["file", "issuer", "level", "parent", "kind", "2035", "period", "published", "parts", "chapters",
              "sections", "boxes", "box items", "title"]  # fmt: skip
    rows = [header]
    for summary in summaries:
        counts = summary["counts"]
        rows.append([
            Path(summary["file"]).name,
            summary["issuer"] or "?",
            summary["issuer_level"] or "?",
            summary["parent"] or "-",
            summary["kind"] or "?",
            "yes" if summary["vision_2035"] else "no",
            "{}-{}".format(*summary["period"]) if summary["period"][0] else "?",
            summary["published"] or "-",
            str(counts["parts"]),
            str(counts["chapters"]),
            str(counts["sections"]),
            str(counts["boxes"]),
            str(counts["box_items"]),
            summary["title"] + (" (inferred)" if summary["title_inferred"] else ""),
        ])  # fmt: skip
    widths = [max(_width(row[column]) for row in rows) for column in range(len(header))]
    lines = [
        "  ".join(_pad(cell, widths[column]) for column, cell in enumerate(row)).rstrip() for row in rows
    ]
    for summary in summaries:
        for warning in summary["warnings"]:
            lines.append(f"warning: {Path(summary['file']).name}: {warning}")
    return "\n".join(lines)


@plan.command("info")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
@click.pass_context
def info(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """Metadata and outline counts (chapters, sections, boxes, box items) of plan FILES (or directories)."""
    gazetteer = Gazetteer.load()  # the league of a banner plan that does not print it
    summaries: list[dict[str, Any]] = []
    failures = 0
    paths = plan_paths(files)
    if not paths:
        raise InputError("no .txt/.md/.pdf/.docx plan in " + ", ".join(map(str, files)))
    for path in paths:
        try:
            summaries.append(plan_summary(read(path, gazetteer)))
        except PlanReadError as error:
            failures += 1
            click.echo(f"Error: {error}", err=True)
    if summaries:
        if as_json:
            click.echo(json.dumps(summaries, ensure_ascii=False, indent=2))
        else:
            click.echo(format_table(summaries))
    if failures:
        sys.stderr.flush()
        ctx.exit(2)
