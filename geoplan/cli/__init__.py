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


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

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
