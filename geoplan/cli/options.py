"""Options shared by several verbs, defined once."""

from __future__ import annotations

from pathlib import Path

import click

from geoplan.errors import InputError
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.overlay import open_overlay, with_overlay
from geoplan.read.plan import SUPPORTED_SUFFIXES
from geoplan.resources import DEFAULT_ATLAS

atlas_argument = click.argument(
    "atlas", type=click.Path(dir_okay=False, path_type=Path), required=False, default=str(DEFAULT_ATLAS)
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
overwrite_option = click.option("--overwrite", is_flag=True, help="Replace an existing output file.")


def _comma_separated(
    _context: click.Context, _parameter: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def layers_option(help_text: str):
    """``--layer`` / ``--layers``: layer ids, repeated or comma-separated (every verb takes both spellings)."""
    return click.option(
        "--layer", "--layers", "layers", multiple=True, callback=_comma_separated, help=help_text
    )


def plan_paths(paths: tuple[Path, ...]) -> list[Path]:
    """Expand PLAN_OR_DIR arguments: directories give their plan files (SUPPORTED_SUFFIXES), sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            try:
                found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES))
            except OSError as error:
                raise InputError(
                    f"{path}: cannot list the folder: {(error.strerror or str(error)).lower()}"
                ) from None
        else:
            found.append(path)
    return found


def overlay_options(command):
    """``--overlay PATH|DSN`` and ``--no-overlay``: which overlay the command reads on top of the shipped
    gazetteer (default: ``$GEOPLAN_OVERLAY``, else ``$GEOPLAN_DSN``, else the user's ``overlay.gpkg``)."""
    command = click.option(
        "--no-overlay", is_flag=True, help="Use the shipped gazetteer alone, without any overlay."
    )(command)
    return click.option(
        "--overlay",
        metavar="PATH|DSN",
        default=None,
        help="Overlay of imported and corrected places (a .gpkg, or a postgresql:// DSN).",
    )(command)


def load_gazetteer(overlay: str | None, no_overlay: bool):
    """The shipped gazetteer with the chosen overlay's places on top (see :func:`overlay_options`)."""
    if no_overlay and overlay:
        raise InputError("give either --overlay or --no-overlay, not both")
    gazetteer = Gazetteer.load()
    return gazetteer if no_overlay else with_overlay(gazetteer, open_overlay(overlay).records())


#: the plan file types, as named in messages ('.txt/.md/.pdf/.docx')
PLAN_TYPES = "/".join(SUPPORTED_SUFFIXES)
