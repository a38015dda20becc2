"""Every command's --help reads as plain text: no reStructuredText markup from the docstrings it is made of."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from geoplan.cli import cli

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
