"""The ``geoplan`` command: one click group, one module per verb (after rasterio's ``rio``).

Subcommands are imported lazily so that ``geoplan plan info`` does not pay for matplotlib or
folium.  Errors: :class:`~geoplan.errors.InputError` -> exit 2, any other
:class:`~geoplan.errors.GeoplanError` -> exit 1; both as one line on stderr, no traceback.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
import warnings

import click

from geoplan import __version__
from geoplan.errors import GeoplanError, InputError

#: verb -> "module:attribute" of its click command, in help order.
COMMANDS: dict[str, str] = {
    "plan": "geoplan.cli.plan:plan",
    "gazetteer": "geoplan.cli.gazetteer:gazetteer",
    "places": "geoplan.cli.places:places",
    "report": "geoplan.cli.report:report",
    "diff": "geoplan.cli.diff:diff",
    "build": "geoplan.cli.build:build",
    "export": "geoplan.cli.export:export",
    "render": "geoplan.cli.render:render",
    "raster": "geoplan.cli.raster:raster",
    "store": "geoplan.cli.store:store",
    "app": "geoplan.cli.app:app",
}


#: verb -> its help's first sentence, listed by ``geoplan --help`` without importing the verbs (the app's
#: Streamlit, render's matplotlib: seconds before a newcomer's first screen); each equals its command's own
#: (tests/test_cli_help.py)
SHORT_HELP: dict[str, str] = {
    "plan": "Read plan files (.txt/.md/.pdf/.docx).",
    "gazetteer": "Query the offline gazetteer of Inner Mongolia.",
    "places": "Find and geocode every named place in PLANS (files or folders) as CSV.",
    "report": "Coverage report of the places found in PLANS (files or folders): a summary by default, problems "
    "first (places not located, named and grouped by why); --full lists every approximate place with its reason.",
    "diff": "New, carried-over and dropped projects of PLAN_B against PLAN_A, per layer.",
    "build": "Build the atlas of PLAN_OR_DIR...",
    "export": "Export layers of ATLAS (default: the shipped atlas) for GIS software.",
    "render": "Render ATLAS (default: layers/atlas.gpkg) as a map page; the format follows --out's suffix.",
    "raster": "Density of the projects of ATLAS (default: the shipped atlas) as a tiled, compressed GeoTIFF.",
    "store": "Keep the atlas in a PostGIS database (the server store).",
    "app": "Serve the web map of the shipped atlas (extra arguments go to 'streamlit run').",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (the list in its help imports none)."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's list of subcommands, from :data:`SHORT_HELP` instead of the imported commands."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [
            (name, click.utils.make_default_short_help(SHORT_HELP.get(name, ""), limit)) for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, target in COMMANDS.items() if importlib.util.find_spec(target.split(":")[0])]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise UsageFailure(error.format_message()) from None

    def invoke(self, ctx: click.Context):  # noqa: D401 - click API
        try:
            return super().invoke(ctx)
        except click.UsageError as error:  # a subcommand's bad option or path: one line, not the usage
            raise UsageFailure(error.format_message()) from None
        except InputError as error:
            raise UsageFailure(str(error)) from None
        except GeoplanError as error:
            raise click.ClickException(str(error)) from None


class UsageFailure(click.ClickException):
    """A one-line error for bad input, exit code 2."""

    exit_code = 2


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geoplan")
def cli() -> None:
    """Turn regional development plans into maps."""


#: libraries whose log records and warnings below errors stay off the user's terminal
#: (pypdf's "EOF marker not found", GDAL's warnings through pyogrio): geoplan reports what matters
QUIET_LIBRARIES = ("pypdf", "pyogrio", "fiona", "rasterio", "matplotlib", "PIL")


def quiet_libraries() -> None:
    """Keep library chatter (warnings, log records below ERROR) off the terminal."""
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.ERROR)
        warnings.filterwarnings("ignore", module=rf"{name}(\..*)?$")


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    quiet_libraries()
    cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="geoplan")
