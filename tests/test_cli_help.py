"""Every command's --help reads as plain text: no reStructuredText markup from the docstrings it is made of."""

from __future__ import annotations

import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from geoplan.cli import COMMANDS as VERBS
from geoplan.cli import SHORT_HELP, cli

#: markup of Sphinx docstrings: ``literal``, :func:`x`, :class:`x`, :meth:`x`, :data:`x`, :mod:`x`
MARKUP = re.compile(r"``|:(?:func|class|meth|data|mod|attr):`")


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*path, name)))
        else:
            found.append((*path, name))
    return found


COMMANDS = _commands(cli)


def test_every_command_is_listed() -> None:
    assert {"build", "export", "render", "places", "app"} <= {path[0] for path in COMMANDS if path}


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "geoplan")
def test_help_has_no_docstring_markup(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert not MARKUP.search(result.output), [
        line for line in result.output.splitlines() if MARKUP.search(line)
    ]


@pytest.mark.parametrize("verb", ["export", "render", "raster"])
def test_layer_ids_are_taken_by_either_spelling(verb: str) -> None:
    """export and raster took --layer (repeated), render --layers (comma-separated): each takes both now."""
    command = cli.get_command(click.Context(cli), verb)
    option = next(p for p in command.params if p.name == "layers")
    assert {"--layer", "--layers"} <= set(option.opts)
    context = click.Context(command)
    assert option.process_value(context, ("industry,ecology", "urban")) == ("industry", "ecology", "urban")


def test_the_list_of_verbs_is_each_verbs_own_help() -> None:
    """`geoplan --help` lists the verbs from SHORT_HELP (no verb imported); each line is the verb's own."""
    context = click.Context(cli)
    assert list(SHORT_HELP) == list(VERBS)
    for name in VERBS:
        assert SHORT_HELP[name] == cli.get_command(context, name).get_short_help_str(limit=10**6), name
    for width in (60, 80, 120):
        ours, clicks = click.HelpFormatter(width=width), click.HelpFormatter(width=width)
        cli.format_commands(context, ours)
        click.Group.format_commands(cli, context, clicks)  # click's own list, of the imported commands
        assert ours.getvalue() == clicks.getvalue() and "raster" in ours.getvalue()


def test_help_imports_no_verb() -> None:
    """`geoplan --help` took 6 s (26 s on a loaded machine) importing every verb: Streamlit, matplotlib."""
    probe = (
        "import sys\nfrom geoplan.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('streamlit', 'matplotlib', 'geopandas', 'geoplan.cli.app') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "Commands:" in result.stdout and result.stdout.strip().endswith("[]"), result.stdout
