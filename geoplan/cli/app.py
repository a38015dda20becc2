"""``geoplan app``: the interactive web map (Streamlit), from a checkout or an installed wheel."""

from __future__ import annotations

import os
import sys

import click

from geoplan.resources import APP_SCRIPT

#: What ``.streamlit/config.toml`` sets in a checkout, passed as flags so any working directory works.
STREAMLIT_FLAGS = (
    "--server.enableStaticServing=true",
    "--server.fileWatcherType=none",
    "--browser.gatherUsageStats=false",
    "--client.toolbarMode=minimal",
    "--theme.base=light",
)


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--port", type=int, default=8501, show_default=True, help="Port to serve on.")
@click.argument("streamlit_args", nargs=-1, type=click.UNPROCESSED)
def app(port: int, streamlit_args: tuple[str, ...]) -> None:
    """Serve the web map of the shipped atlas (extra arguments go to ``streamlit run``)."""
    command = ["-m", "streamlit", "run", str(APP_SCRIPT), f"--server.port={port}", *STREAMLIT_FLAGS]
    os.execv(sys.executable, [sys.executable, *command, *streamlit_args])
