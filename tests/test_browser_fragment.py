"""The map's fragment and what follows it on the page, in a real headless Chromium: a full run's messages
flushed late, after the map's own rerun has started, must lose nothing drawn after the map.

When the map reports its view while a full run (a search, a switch) is still going, Streamlit runs the map's
fragment right after it.  Starting that run, the server clears from its outgoing queue the messages of that
fragment not yet sent (``ForwardMsgQueue.clear(..., fragment_ids_this_run)``), those the full run wrote too,
but keeps the full run's "finished successfully".  The page then drops the map's block as stale, the blocks
after it move up one place, and the fragment's run, written at the map's old place, replaced the next block:
the 下载当前选择 popover vanished until the next full run (the load bench's 60 s wait for it).  On a busy
server the flush comes late by itself; here a relay on the page's websocket holds the server's messages back
and passes them through Streamlit's own queue, as a late flush does, so the race happens every time.
"""

from __future__ import annotations

import re
import time

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
from test_browser import CHROMIUM_ARGS, close_network, need_browser, served_app, wait_for_frame

pytestmark = pytest.mark.browser
MAP_COMPONENT = "st_folium"


class LateFlush:
    """A relay on the page's Streamlit websocket.  Once :meth:`hold` is called, the page's next full rerun is
    followed by a rerun of the map's fragment (as the map's report of its view asks for during that run), and
    the server's messages are held until that fragment run finishes, then sent through a
    :class:`ForwardMsgQueue` cleared at each run's start as the server clears its own (a flush that came
    late)."""

    def __init__(self) -> None:
        self.map_fragment = ""
        self.holding = False
        self.asked = False  # the fragment rerun was sent
        self.held: list[ForwardMsg] = []
        self.released = False
        self.last_rerun: BackMsg | None = None
        self.last_frame = time.monotonic()

    def route(self, page_socket) -> None:
        server = page_socket.connect_to_server()
        self.server = server
        self.page_socket = page_socket
        page_socket.on_message(self._from_page)
        server.on_message(self._from_server)

    def hold(self) -> None:
        self.holding, self.asked = True, False
        self.held.clear()
        self.released = False

    def _from_page(self, payload) -> None:
        if isinstance(payload, bytes):
            message = BackMsg()
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "rerun_script" and not message.rerun_script.fragment_id:
                self.last_rerun = message
        self.server.send(payload)

    def _from_server(self, payload) -> None:
        self.last_frame = time.monotonic()
        if not isinstance(payload, bytes):
            self.page_socket.send(payload)
            return
        message = ForwardMsg()
        message.ParseFromString(payload)
        element = message.delta.new_element
        if element.WhichOneof("type") == "component_instance":
            if element.component_instance.component_name.endswith(MAP_COMPONENT):
                self.map_fragment = message.delta.fragment_id
        if not self.holding:
            self.page_socket.send(payload)
            return
        self.held.append(message)
        kind = message.WhichOneof("type")
        if kind == "new_session" and not message.metadata.run.fragment_ids and not self.asked:
            rerun = BackMsg()
            rerun.CopyFrom(self.last_rerun)
            rerun.rerun_script.fragment_id = self.map_fragment
            self.server.send(rerun.SerializeToString())  # the map reports its view during the full run
            self.asked = True
        elif (
            kind == "script_finished"
            and self.asked
            and self.map_fragment in message.metadata.run.fragment_ids
            and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            self._release()

    def _release(self) -> None:
        queue = ForwardMsgQueue()
        for message in self.held:
            if message.WhichOneof("type") == "new_session":  # what AppSession does as a run starts
                queue.clear(
                    retain_lifecycle_msgs=True,
                    fragment_ids_this_run=list(message.metadata.run.fragment_ids) or None,
                )
            queue.enqueue(message)
        self.holding = False
        for message in queue.flush():
            self.page_socket.send(message.SerializeToString())
        self.released = True

    def wait(self, page, done, timeout_s: float = 90) -> bool:
        """Wait (letting playwright relay the frames) until ``done()``; whether it came in time."""
        deadline = time.monotonic() + timeout_s
        while not done() and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        return done()

    def quiet(self, page, seconds: float = 1.5) -> None:
        """Wait until the server has sent nothing for ``seconds``."""
        self.wait(page, lambda: time.monotonic() - self.last_frame >= seconds)


def test_a_late_flush_around_the_maps_own_run_keeps_the_downloads(tmp_path) -> None:
    chromium, sync_api = need_browser()
    relay = LateFlush()
    with served_app(tmp_path) as url, sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            close_network(page, [])
            page.route_web_socket(re.compile(r"/_stcore/stream"), relay.route)
            page.goto(url, wait_until="domcontentloaded")
            assert wait_for_frame(page, ".leaflet-container path.leaflet-interactive") is not None
            popover = page.get_by_role("button", name="下载当前选择")
            popover.wait_for(timeout=30_000)
            relay.quiet(page)
            assert relay.map_fragment, "no map component seen"

            relay.hold()
            page.get_by_text("显示乡镇点位").first.click()
            assert relay.wait(page, lambda: relay.released), (
                "the map's fragment run did not follow the full run"
            )
            relay.quiet(page)
            # the map's place and the popover after it are both on the page
            assert page.get_by_role("button", name="下载当前选择").count() == 1, "the popover was replaced"
            assert page.locator('[data-testid="stCustomComponentV1"]').count() == 1
            popover.click()
            page.locator('[data-testid="stDownloadButton"]').first.wait_for(timeout=10_000)
        finally:
            browser.close()
