"""The load bench's Chromium client: when a page has the runs it asked for behind it (``PageRuns``), read
off Streamlit's own frames as the page sends and receives them."""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from bench_load import PageRuns  # noqa: E402

MAP_FRAGMENT = "f1"


class FakeSocket:
    """A page's websocket as playwright hands it over: handlers for frames sent and received."""

    def __init__(self) -> None:
        self.handlers: dict[str, object] = {}

    def on(self, event: str, handler) -> None:
        self.handlers[event] = handler

    def send(self, fragment: str = "") -> None:
        message = BackMsg()
        message.rerun_script.fragment_id = fragment
        self.handlers["framesent"](message.SerializeToString())

    def receive(self, message: ForwardMsg) -> None:
        self.handlers["framereceived"](message.SerializeToString())


class FakePage:
    def __init__(self) -> None:
        self.handlers: dict[str, object] = {}

    def on(self, event: str, handler) -> None:
        self.handlers[event] = handler


def _started(run: str, *fragments: str) -> ForwardMsg:
    message = ForwardMsg()
    message.new_session.name = "app"
    message.metadata.run.script_run_id = run
    message.metadata.run.fragment_ids.extend(fragments)
    return message


def _finished(run: str, status: int, *fragments: str) -> ForwardMsg:
    message = ForwardMsg()
    message.script_finished = status
    message.metadata.run.script_run_id = run
    message.metadata.run.fragment_ids.extend(fragments)
    return message


def _visit() -> tuple[PageRuns, FakeSocket]:
    page, socket = FakePage(), FakeSocket()
    runs = PageRuns(page)
    page.handlers["websocket"](socket)
    socket.send()  # the first run of the visit
    socket.receive(_started("r0"))
    socket.receive(_finished("r0", ForwardMsg.FINISHED_SUCCESSFULLY))
    assert not runs.busy
    return runs, socket


def test_a_run_that_started_before_the_click_does_not_answer_it() -> None:
    """The map's fragment run started before the towns switch was clicked and ends after it: the page is
    not done until the page's own run has started and ended (load run of 08:06, step 10 -> 11)."""
    runs, socket = _visit()
    socket.send(MAP_FRAGMENT)  # the map reports its view
    socket.receive(_started("r1", MAP_FRAGMENT))
    socket.send()  # the click: the whole page reruns
    socket.receive(_finished("r1", ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY, MAP_FRAGMENT))
    assert runs.busy  # the fragment run ended, the page's run has not started
    socket.receive(_started("r2"))
    assert runs.busy
    socket.receive(_finished("r2", ForwardMsg.FINISHED_SUCCESSFULLY))
    assert not runs.busy


def test_a_run_cut_short_leaves_the_page_waiting_for_the_next() -> None:
    runs, socket = _visit()
    socket.send()
    socket.receive(_started("r1"))
    socket.send()  # a second click while the first run goes
    socket.receive(_finished("r1", ForwardMsg.FINISHED_EARLY_FOR_RERUN))
    assert runs.busy
    socket.receive(_started("r2"))
    socket.receive(_finished("r2", ForwardMsg.FINISHED_SUCCESSFULLY))
    assert not runs.busy


def test_a_page_run_answers_a_fragment_request_and_a_fragment_run_only_its_own() -> None:
    runs, socket = _visit()
    socket.send(MAP_FRAGMENT)
    socket.send("other")
    socket.receive(_started("r1", MAP_FRAGMENT))
    socket.receive(_finished("r1", ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY, MAP_FRAGMENT))
    assert runs.busy  # the other fragment's request is not answered
    socket.receive(_started("r2"))
    socket.receive(_finished("r2", ForwardMsg.FINISHED_SUCCESSFULLY))
    assert not runs.busy
