"""``geoplan build PLAN_OR_DIR... --out atlas.gpkg``: every layer of the plans into one GeoPackage."""

from __future__ import annotations

import json
from pathlib import Path

import click

from geoplan.atlas.build import build_plans, report, write_atlas
from geoplan.cli.options import PLAN_TYPES, load_gazetteer, overlay_options, overwrite_option, plan_paths
from geoplan.errors import InputError
from geoplan.io import atomic_path, check_targets


@click.command("build")
@click.argument(
    "plans", nargs=-1, required=True, metavar="PLAN_OR_DIR...", type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "--out",
    "-o",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The GeoPackage to write (e.g. atlas.gpkg).",
)
@overwrite_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the location report (JSON).",
)
@overlay_options
def build(
    plans: tuple[Path, ...],
    out: Path,
    overwrite: bool,
    quiet: bool,
    report_path: Path | None,
    overlay: str | None,
    no_overlay: bool,
) -> None:
    """Build the atlas of PLAN_OR_DIR... (plan files, or folders of them) into --out."""
    if out.suffix.lower() != ".gpkg":
        raise InputError(f"{out}: the atlas is a GeoPackage; give a .gpkg file name")
    if report_path is not None and report_path.resolve() == out.resolve():
        raise InputError(f"{report_path}: the report cannot be the atlas itself")
    check_targets([out, report_path], overwrite=overwrite, inputs=plans)  # every output, before the work
    paths = plan_paths(plans)
    if not paths:
        raise InputError(f"no {PLAN_TYPES} plan in " + ", ".join(map(str, plans)))
    gazetteer = load_gazetteer(overlay, no_overlay)
    with click.progressbar(
        length=len(paths) + 1, label="Building atlas", file=None if not quiet else _Null(), show_pos=True
    ) as bar:

        def progress(done: int, total: int, label: str) -> None:
            bar.label = f"Building atlas ({label})"
            bar.update(done - bar.pos)

        layers, builds = build_plans(paths, gazetteer, progress=progress)
    summary = report(builds)
    write_atlas(layers, out, overwrite=overwrite)
    for built in builds:  # a text that reads but yields nothing (a note, a letter) was built without a word
        if not built.projects and not built.place_rows:
            click.echo(
                f"warning: {Path(built.plan).name}: no project and no place found; is it a plan?", err=True
            )
    if report_path:
        with atomic_path(report_path, overwrite=overwrite) as tmp:
            tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    if not quiet:
        counts = ", ".join(f"{name} {len(frame)}" for name, frame in layers.items())
        click.echo(f"{out}: {counts}")
        click.echo(
            f"{summary['projects']} projects, {summary['located_finer']} located finer than the issuer "
            f"({summary['share_located_finer']:.0%})"
        )


class _Null:
    """A file that swallows the progress bar."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False
