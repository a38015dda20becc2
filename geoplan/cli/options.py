"""Options shared by several verbs, defined once."""

from __future__ import annotations

from pathlib import Path

import click

from geoplan.read.plan import SUPPORTED_SUFFIXES
from geoplan.resources import DEFAULT_ATLAS

atlas_argument = click.argument(
    "atlas", type=click.Path(dir_okay=False, path_type=Path), required=False, default=str(DEFAULT_ATLAS)
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
overwrite_option = click.option("--overwrite", is_flag=True, help="Replace an existing output file.")


def plan_paths(paths: tuple[Path, ...]) -> list[Path]:
    """Expand PLAN_OR_DIR arguments: directories give their plan files (SUPPORTED_SUFFIXES), sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            found.append(path)
    return found


#: the plan file types, as named in messages ('.txt/.md/.pdf/.docx')
PLAN_TYPES = "/".join(SUPPORTED_SUFFIXES)
