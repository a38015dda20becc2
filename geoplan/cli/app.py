"""``geoplan app``: the interactive web map (Streamlit), from a checkout or an installed wheel."""

from __future__ import annotations

import os
import socket
import sys

import click
from streamlit import config as streamlit_config
from streamlit.web import cli as streamlit_cli

from geoplan.app import warm_up
from geoplan.errors import InputError
from geoplan.resources import APP_SCRIPT

#: What ``.streamlit/config.toml`` sets in a checkout, passed as flags so any working directory works.
STREAMLIT_FLAGS = (
    "--server.enableStaticServing=true",
    "--server.fileWatcherType=none",
    "--runner.postScriptGC=false",
    "--browser.gatherUsageStats=false",
    "--client.toolbarMode=minimal",
    "--theme.base=light",
)


def port_in_use(port: int) -> bool:
    """Whether a server listens on ``port`` (of any interface): a socket that reuses addresses, as the
    server's does, cannot bind it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("", port))
        except OSError:
            return True
    return False


@click.command(context_settings={"ignore_unknown_options": True})
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8501, show_default=True, help="Port to serve on."
)
@click.argument("streamlit_args", nargs=-1, type=click.UNPROCESSED)
def app(port: int, streamlit_args: tuple[str, ...]) -> None:
    """Serve the web map of the shipped atlas (extra arguments go to 'streamlit run').

    The server is warmed before it opens its port (imports, atlas, gazetteer, the default map), so the first
    visitor does not wait for them; GEOPLAN_NO_WARM_UP=1 skips that.
    \f
    The warm-up is :func:`geoplan.app.warm_up`, run in this process."""
    if port_in_use(port):  # before the warm-up: Streamlit found it only after it, with a log line
        raise InputError(f"port {port} is in use; choose another with --port")
    command = ["run", str(APP_SCRIPT), f"--server.port={port}", *STREAMLIT_FLAGS, *streamlit_args]
    if os.environ.get("GEOPLAN_NO_WARM_UP") == "1":
        os.execv(sys.executable, [sys.executable, "-m", "streamlit", *command])

    def warm_once() -> None:  # when `streamlit run` has read its flags, before it opens the port
        disconnect()
        warm_up()

    disconnect = streamlit_config.on_config_parsed(warm_once, force_connect=True)
    sys.argv = ["streamlit", *command]
    streamlit_cli.main()
