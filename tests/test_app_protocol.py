"""The served app driven over Streamlit's own websocket protocol (the load bench's client, as a browser tab
speaks it): what a map's report of its view reruns, and that a download drawn before it still answers."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from test_browser import served_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from bench_load import CSV_KEY, StreamlitClient, Tally  # noqa: E402

pytestmark = pytest.mark.browser


def test_a_reported_view_reruns_the_map_alone_and_downloads_still_answer(tmp_path):
    async def visit(url: str) -> tuple[list[str], list[str], int, list[str]]:
        tally = Tally()
        client = StreamlitClient(url.rstrip("/"), "test", tally)
        try:
            await client.open()
            first_run, before = list(client.drawn), client.deferred[CSV_KEY]
            await client.report_view(110.0, 40.0, 112.0, 41.5)  # as the map does once drawn, and on a pan
            fragment_run = list(client.drawn)
            assert client.deferred[CSV_KEY] == before  # the button was not drawn again under a new id
            size = await client.download(CSV_KEY)
        finally:
            await client.close()
        return first_run, fragment_run, size, tally.errors

    with served_app(tmp_path) as url:
        first_run, fragment_run, size, errors = asyncio.run(visit(url))
    assert errors == []
    assert {"query", "show_towns", CSV_KEY, "fix_query"} <= set(first_run)
    assert "fix_query" in fragment_run  # the correction panel shares the map's fragment
    assert not {"query", "show_towns", CSV_KEY} & set(fragment_run)
    assert size > 1000
