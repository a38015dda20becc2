"""Load test of the Streamlit app: concurrent sessions on 127.0.0.1 loading, searching, filtering, downloading.

Usage: ``python bench/bench_load.py [--sessions N] [--seconds S] [--browsers B] [--mode ws|chromium]
[--out FILE]`` (defaults: 10 sessions for 120 s, at most 120, one of them in Chromium; writes
``bench/results/load.json``).

Two kinds of client, so the bench measures the server rather than its clients:

- **websocket** (the default for all sessions but ``--browsers``): speaks Streamlit's own protocol on
  ``ws://127.0.0.1:PORT/_stcore/stream`` with the protobuf classes shipped in the ``streamlit`` package, as
  the browser does: a ``BackMsg`` ``rerun_script`` (with the widget states a user has set) per action, the
  ``ForwardMsg`` deltas back.  First map: connecting to the delta holding streamlit-folium's component.
  A search sets the search box, a filter switches the towns layer on or off (each a rerun, timed to the
  run's end), a pan reports a new view of the map as streamlit-folium does (a rerun of the map's fragment),
  a download asks for the CSV button's deferred file (a backend operation, as the button does) and fetches
  its media URL over HTTP, which must answer 200 with a non-empty body.  Every fifth action is a new visit
  (a new connection).  A few milliseconds of CPU per action.
- **Chromium** (``--browsers``, or every session with ``--mode chromium``): headless Chromium through
  playwright, the same loop clicked on the page; its first map is navigation start to the first vector
  shape drawn, so one client measures true browser rendering.

Errors: an exception on the page (an exception delta), a JavaScript error, a failed or empty download, a
timeout.  With ``--log``, a failed Chromium step leaves a screenshot and the page's last frames beside the
log.  The server's memory (RSS of the Streamlit process) is sampled every second.  Targets: no error, p95
first map ≤ 8 s for 10 sessions, memory bounded (the second half of the samples no higher than 1.25 ×
the first half's peak, which holds the warm-up).  The machine's load average is reported with the numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections import deque
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
P95_TARGET_S = 8.0
ACTION_TIMEOUT_S = 60.0
#: how long the Chromium client waits for the page to send the rerun a search or a switch asks for
REQUEST_WAIT_S = 10.0
#: how long a popover's buttons may take to show before the popover is opened again
POPOVER_WAIT_S = 10.0
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
CLOSED_NETWORK = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
FIRST_MAP_PROBE = """
(() => {
  const probe = setInterval(() => {
    if (document.querySelector('.leaflet-container path.leaflet-interactive')) {
      try { window.top.__firstMap = window.top.__firstMap || Date.now(); } catch (e) { }
      clearInterval(probe);
    }
  }, 10);
})();
"""
SEARCHES = ("乌海", "风电", "鄂尔多斯", "机场", "乌拉特后旗")
#: streamlit-folium's component, as the app declares it (the delta that holds the map).
MAP_COMPONENT = "st_folium"
#: Widget keys the app gives the search box, the towns switch and the CSV download button.
SEARCH_KEY, TOWNS_KEY, CSV_KEY = "query", "show_towns", "dl_csv"
#: The CSV download button's label on the page (the Chromium client clicks it).
CSV_LABEL = "CSV 表格"


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(child) for child in children.read_text().split()]
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of ``values``; inf when there are none."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else float("inf")


class Tally:
    """What every session measured: first maps by client kind, action times by kind, errors."""

    def __init__(self) -> None:
        self.first_maps: dict[str, list[float]] = {"websocket": [], "chromium": []}
        self.actions: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def action(self, name: str, seconds: float) -> None:
        self.actions.setdefault(name, []).append(seconds)

    def summary(self) -> dict[str, object]:
        every = [t for times in self.first_maps.values() for t in times]
        return {
            "first_maps": len(every),
            "first_map_median_s": round(statistics.median(every), 2) if every else None,
            "first_map_p95_s": round(p95(every), 2),
            "first_map_by_client": {
                kind: {
                    "n": len(times),
                    "median_s": round(statistics.median(times), 2),
                    "p95_s": round(p95(times), 2),
                }
                for kind, times in self.first_maps.items()
                if times
            },
            "actions": {
                name: {
                    "n": len(times),
                    "median_s": round(statistics.median(times), 2),
                    "p95_s": round(p95(times), 2),
                }
                for name, times in sorted(self.actions.items())
            },
        }


class StreamlitClient:
    """One browser tab's worth of Streamlit protocol over a websocket: reruns with widget states, the deltas
    back (widget ids and download buttons remembered by key), deferred downloads."""

    def __init__(self, base: str, label: str, tally: Tally) -> None:
        self.base = base  # http://127.0.0.1:PORT
        self.label = label
        self.tally = tally
        self.socket = None
        self.session_id = ""
        self.widget_ids: dict[str, str] = {}  # user key -> widget id
        self.deferred: dict[str, str] = {}  # download button key -> deferred file id
        self.states: dict[str, WidgetState] = {}  # widget id -> the state this user set
        self.requests = itertools.count(1)
        self.map_widget = self.map_fragment = ""  # the map component's widget id and its fragment
        self.drawn: list[str] = []  # widget keys drawn by the last run

    async def open(self) -> float:
        """Connect and run the page as a first visit; seconds from connecting to the map's delta."""
        await self.close()
        started = time.monotonic()
        self.socket = await websockets.connect(
            self.base.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],
            max_size=None,
            ping_interval=None,
        )
        self.widget_ids, self.deferred, self.states = {}, {}, {}
        map_at = await self.rerun()
        if map_at is None:
            raise RuntimeError("the first run sent no map")
        return map_at - started

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
            self.socket = None

    async def rerun(self, fragment_id: str = "") -> float | None:
        """Send a rerun (of the fragment ``fragment_id``, or the page) with every widget state set so far, read
        until the run ends; when the map's delta came (monotonic time) or None."""
        message = BackMsg()
        client = message.rerun_script
        client.query_string = ""
        client.page_script_hash = ""
        client.fragment_id = fragment_id
        self.drawn = []
        client.widget_states.widgets.extend(self.states.values())
        client.context_info.timezone = "Asia/Shanghai"
        client.context_info.locale = "zh-CN"
        client.context_info.url = self.base + "/"
        await self.socket.send(message.SerializeToString())
        map_at = None
        while True:
            reply = await self._receive()
            kind = reply.WhichOneof("type")
            if kind == "delta" and self._is_map(reply) and map_at is None:
                map_at = time.monotonic()
            if kind == "script_finished" and reply.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return map_at

    async def report_view(self, west: float, south: float, east: float, north: float) -> None:
        """What streamlit-folium sends when its map is drawn, panned or zoomed: the view, rerunning the map's
        fragment."""
        value = {
            "bounds": {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}},
            "last_clicked": None,
            "last_active_drawing": None,
        }
        state = WidgetState(id=self.map_widget, json_value=json.dumps(value))
        self.states[state.id] = state
        await self.rerun(self.map_fragment)

    def set_text(self, key: str, value: str) -> None:
        state = WidgetState(id=self.widget_ids[key], string_value=value)
        self.states[state.id] = state

    def toggle(self, key: str) -> bool:
        widget = self.widget_ids[key]
        previous = self.states.get(widget)
        state = WidgetState(id=widget, bool_value=not (previous.bool_value if previous else False))
        self.states[widget] = state
        return state.bool_value

    async def download(self, key: str) -> int:
        """Ask for a download button's deferred file as the button does, fetch it; its size in bytes."""
        request = BackMsg()
        operation = request.backend_operation_request
        operation.request_id = f"{self.label}-{next(self.requests)}"
        operation.session_id = self.session_id
        operation.deferred_file.file_id = self.deferred[key]
        await self.socket.send(request.SerializeToString())
        while True:
            reply = await self._receive()
            if reply.WhichOneof("type") != "backend_operation_response":
                continue
            response = reply.backend_operation_response
            if response.request_id != operation.request_id:
                continue
            if response.error_msg:
                raise RuntimeError(f"download refused: {response.error_msg}")
            url = response.deferred_file.url
            break
        body = await asyncio.to_thread(_fetch, self.base + url if url.startswith("/") else url)
        if not body:
            raise RuntimeError(f"empty download from {url}")
        return len(body)

    async def _receive(self) -> ForwardMsg:
        reply = ForwardMsg()
        reply.ParseFromString(await self.socket.recv())
        kind = reply.WhichOneof("type")
        if kind == "new_session":
            self.session_id = reply.new_session.initialize.session_id
        elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
            self._note(reply.delta.new_element)
            if self._is_map(reply):
                self.map_widget = reply.delta.new_element.component_instance.id
                self.map_fragment = reply.delta.fragment_id
        return reply

    def _note(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.tally.errors.append(
                f"{self.label}: exception {element.exception.type}: {element.exception.message[:100]}"
            )
            return
        widget = getattr(element, kind)
        widget_id = getattr(widget, "id", "")
        if not isinstance(widget_id, str) or not widget_id.startswith("$$ID-"):
            return
        key = widget_id.split("-", 2)[2]  # "$$ID-<hash>-<user key>"
        self.widget_ids[key] = widget_id
        self.drawn.append(key)
        if kind == "download_button" and widget.deferred_file_id:
            self.deferred[key] = widget.deferred_file_id

    @staticmethod
    def _is_map(reply: ForwardMsg) -> bool:
        element = reply.delta.new_element
        return (
            reply.delta.WhichOneof("type") == "new_element"
            and element.WhichOneof("type") == "component_instance"
            and element.component_instance.component_name.endswith(MAP_COMPONENT)
        )


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=ACTION_TIMEOUT_S) as reply:
        if reply.status != 200:
            raise RuntimeError(f"download answered {reply.status}")
        return reply.read()


async def _timed(coroutine) -> tuple[object, float]:
    started = time.monotonic()
    result = await asyncio.wait_for(coroutine, ACTION_TIMEOUT_S)
    return result, time.monotonic() - started


async def _ws_session(base: str, deadline: float, tally: Tally, session: int) -> None:
    client = StreamlitClient(base, f"ws session {session}", tally)
    try:
        try:
            first, _ = await _timed(client.open())
            tally.first_maps["websocket"].append(first)
        except Exception as error:  # noqa: BLE001 - a first map that never comes is an error, not a crash
            tally.errors.append(f"ws session {session} first map: {type(error).__name__}: {str(error)[:120]}")
            return
        for step in itertools.count(1):
            if time.monotonic() >= deadline:
                break
            try:
                kind = step % 5
                if kind == 1:  # search
                    client.set_text(SEARCH_KEY, SEARCHES[(session + step) % len(SEARCHES)])
                    _, seconds = await _timed(client.rerun())
                    tally.action("search", seconds)
                elif kind == 2:  # filter: towns on or off
                    client.toggle(TOWNS_KEY)
                    _, seconds = await _timed(client.rerun())
                    tally.action("filter", seconds)
                elif kind == 3:  # the map drawn or panned: it reports its view
                    west, south = 107.0 + step % 7, 39.0 + step % 5
                    _, seconds = await _timed(client.report_view(west, south, west + 4.0, south + 3.0))
                    tally.action("pan", seconds)
                elif kind == 4:  # download the selection as CSV
                    _, seconds = await _timed(client.download(CSV_KEY))
                    tally.action("download", seconds)
                else:  # a new visit
                    first, _ = await _timed(client.open())
                    tally.first_maps["websocket"].append(first)
                    tally.action("reload", first)
            except Exception as error:  # noqa: BLE001 - a timeout or a refused download counts as an error
                tally.errors.append(
                    f"ws session {session} step {step}: {type(error).__name__}: {str(error)[:120]}"
                )
                if isinstance(error, (TimeoutError, websockets.ConnectionClosed)):
                    try:  # the connection is in an unknown state: start a new visit
                        await asyncio.wait_for(client.open(), ACTION_TIMEOUT_S)
                    except Exception as again:  # noqa: BLE001 - the session ends, counted
                        tally.errors.append(f"ws session {session} new visit: {type(again).__name__}")
                        return
    finally:
        await client.close()


class PageRuns:
    """Whether a Chromium page still waits for the script runs it asked for, read off its websocket frames
    (Streamlit's status widget shows a run only after a delay, and a map's own rerun comes after the map is
    drawn).  A rerun the page sends is answered by the next run that starts after it and covers it: a run
    of the whole page answers every request, a fragment's run only the requests for that fragment.  A run
    that started before the request does not answer it, though it may end after it (on a busy server the
    page's run can start a second after the click while the map's earlier fragment run ends): counting
    that one let the next step click a download button the coming run was about to replace."""

    #: frames kept for the log of a failed step (``frames``)
    KEPT_FRAMES = 400

    def __init__(self, page) -> None:
        self.waiting: set[str] = set()  # requests sent and not yet answered: "" the page, else a fragment id
        self.running = False
        self.last = time.monotonic()
        self.frames: deque[str] = deque(maxlen=self.KEPT_FRAMES)  # the last frames, one line each
        self.sent = 0  # reruns sent so far
        page.on("websocket", self._watch)

    def note(self, text: str) -> None:
        """Add a line to the frame log (a step's start, a frame)."""
        self.frames.append(f"{time.monotonic():.3f} {text}")

    def _watch(self, socket) -> None:  # a new visit: its first run is on its way
        self.waiting = {""}
        socket.on("framesent", self._sent)
        socket.on("framereceived", self._received)

    def _sent(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            message = BackMsg()
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "rerun_script":
                self.waiting.add(message.rerun_script.fragment_id)
                self.sent += 1
                self.last = time.monotonic()
                self.note(f"sent rerun fragment={message.rerun_script.fragment_id!r}")
            else:
                self.note(f"sent {message.WhichOneof('type')}")

    def _received(self, payload: bytes | str) -> None:
        if not isinstance(payload, bytes):
            return
        message = ForwardMsg()
        message.ParseFromString(payload)
        self.last = time.monotonic()
        kind = message.WhichOneof("type")
        self.note(_frame_line(message))
        if kind == "new_session":  # a run starts: it answers the requests it covers
            self.running = True
            fragments = set(message.metadata.run.fragment_ids)
            self.waiting = self.waiting - fragments if fragments else set()
        elif kind == "session_status_changed":
            self.running = message.session_status_changed.script_is_running
        elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.running = False

    @property
    def busy(self) -> bool:
        """A run asked for has not started, or a run is going."""
        return bool(self.waiting) or self.running

    async def idle(self, quiet_s: float = 0.5, after: int | None = None) -> None:
        """Wait until every run asked for has started and ended and the socket has been quiet for
        ``quiet_s``; with ``after`` (a count of reruns sent, :attr:`sent`), first for the page to send the
        rerun an action asks for (a busy browser sends it a moment after the key or click), at most
        :data:`REQUEST_WAIT_S`."""
        if after is not None:
            asked = time.monotonic() + REQUEST_WAIT_S
            while self.sent <= after and time.monotonic() < asked:
                await asyncio.sleep(0.05)
        deadline = time.monotonic() + ACTION_TIMEOUT_S
        while self.busy or time.monotonic() - self.last < quiet_s:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the page's script run did not end within {ACTION_TIMEOUT_S:.0f} s")
            await asyncio.sleep(0.05)


def _frame_line(message: ForwardMsg) -> str:
    """A frame the page received, in one line: its kind, a delta's path, element and fragment, a run's id."""
    kind = message.WhichOneof("type")
    run = message.metadata.run
    if kind == "delta":
        delta = message.delta
        what = delta.WhichOneof("type")
        if what == "new_element":
            what = delta.new_element.WhichOneof("type")
        elif what == "add_block":
            what = f"block {delta.add_block.WhichOneof('type')}"
        return f"delta {list(message.metadata.delta_path)} {what} fragment={delta.fragment_id!r}"
    if kind == "script_finished":
        return f"finished {ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)} run={run.script_run_id}"
    if kind == "new_session":
        return f"new_session run={run.script_run_id} fragments={list(run.fragment_ids)}"
    return f"{kind} path={list(message.metadata.delta_path)}"


async def _first_map(page, url: str) -> float:
    await page.goto(url, wait_until="commit")
    await page.wait_for_function("window.__firstMap", timeout=ACTION_TIMEOUT_S * 1000, polling=100)
    return await page.evaluate("window.__firstMap - performance.timeOrigin") / 1000


async def _chromium_session(
    browser, url: str, deadline: float, tally: Tally, session: int, shots: Path | None = None
) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(ACTION_TIMEOUT_S * 1000)  # clicks wait as long as any action may take
    await context.add_init_script(FIRST_MAP_PROBE)
    page = await context.new_page()
    runs = PageRuns(page)
    page.on("pageerror", lambda error: tally.errors.append(f"chromium session {session}: JavaScript {error}"))
    try:
        try:
            tally.first_maps["chromium"].append(await _first_map(page, url))
            await runs.idle()
        except Exception as error:  # noqa: BLE001 - a first map that never comes is an error, not a crash
            tally.errors.append(
                f"chromium session {session} first map: {type(error).__name__}: {str(error)[:120]}"
            )
            return
        for step in itertools.count(1):
            if time.monotonic() >= deadline:
                break
            started = time.monotonic()
            runs.note(f"step {step}")
            try:
                kind = step % 4
                if kind == 1:  # search
                    box = page.get_by_label("地名或项目名")
                    await box.fill(SEARCHES[(session + step) % len(SEARCHES)])
                    sent = runs.sent
                    await box.press("Enter")
                    await runs.idle(after=sent)
                    tally.action("search", time.monotonic() - started)
                elif kind == 2:  # filter: towns on or off
                    sent = runs.sent
                    await page.get_by_text("显示乡镇点位").first.click()
                    await runs.idle(after=sent)
                    tally.action("filter", time.monotonic() - started)
                elif kind == 3:  # download the selection as CSV: the popover's button, not a table's toolbar
                    button = page.get_by_test_id("stDownloadButton").filter(has_text=CSV_LABEL)
                    await page.get_by_text("下载当前选择").first.click()
                    try:
                        await button.wait_for(timeout=POPOVER_WAIT_S * 1000)
                    except Exception:  # noqa: BLE001 - found closed again (seen once at load 21, map still drawing)
                        tally.action("popover reopened", time.monotonic() - started)
                        runs.note("popover reopened")
                        await page.get_by_text("下载当前选择").first.click()
                    async with page.expect_download(timeout=ACTION_TIMEOUT_S * 1000) as info:
                        await button.get_by_role("button").click()
                        refused = page.get_by_test_id("stDownloadButtonError")
                        done = asyncio.ensure_future(info.value)
                        while not done.done():  # a refused download shows its reason under the button
                            if await refused.count():
                                done.cancel()
                                reason = " ".join(await refused.all_inner_texts())
                                raise RuntimeError(f"download refused: {reason}")
                            await asyncio.sleep(0.1)
                    download = await info.value
                    if await download.failure() or not Path(await download.path()).stat().st_size:
                        tally.errors.append(f"chromium session {session}: download failed or empty")
                    await page.keyboard.press("Escape")
                    tally.action("download", time.monotonic() - started)
                else:  # a new visit
                    first = await _first_map(page, url)
                    tally.first_maps["chromium"].append(first)
                    tally.action("reload", first)
                    await runs.idle()
                if await page.locator('[data-testid="stException"]').count():
                    tally.errors.append(f"chromium session {session}: exception on the page")
            except Exception as error:  # noqa: BLE001 - a timeout or a missing element counts as an error
                tally.errors.append(
                    f"chromium session {session} step {step}: {type(error).__name__}: {str(error)[:400]}"
                )
                if shots is not None:  # beside the server's log (--log): the page and its last frames
                    await page.screenshot(path=str(shots / f"chromium-{session}-{step}.png"))
                    (shots / f"chromium-{session}-{step}.frames.txt").write_text(
                        "\n".join(runs.frames) + "\n", encoding="utf-8"
                    )
                await page.keyboard.press("Escape")  # a popover left open must not cover the next step
    finally:
        await context.close()


async def _run(base: str, sessions: int, browsers: int, seconds: float, shots: Path | None = None) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + seconds
    runs = [_ws_session(base, deadline, tally, n) for n in range(browsers, sessions)]
    if not browsers:
        await asyncio.gather(*runs)
        return tally
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        browser = await driver.chromium.launch(
            executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, CLOSED_NETWORK], headless=True
        )
        try:
            runs += [
                _chromium_session(browser, base + "/", deadline, tally, n, shots) for n in range(browsers)
            ]
            await asyncio.gather(*runs)
        finally:
            await browser.close()
    return tally


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10, help="concurrent sessions (default 10)")
    parser.add_argument(
        "--seconds", type=float, default=120.0, help="length of the run, at most 120 (default 120)"
    )
    parser.add_argument("--browsers", type=int, default=1, help="sessions in Chromium (default 1)")
    parser.add_argument(
        "--mode", choices=("ws", "chromium"), default="ws", help="chromium: every session in a browser"
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "load.json", help="where the results go")
    parser.add_argument(
        "--log",
        type=Path,
        help="keep the server's log here (and screenshots of failed Chromium steps beside it)",
    )
    options = parser.parse_args(argv)
    options.seconds = min(options.seconds, 120.0)
    options.browsers = (
        options.sessions if options.mode == "chromium" else min(options.browsers, options.sessions)
    )
    return options


def main(argv: list[str]) -> int:
    options = parse(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's geoplan, not an installed one
    import test_browser as tb  # starts the app as the browser test does
    from loadavg import LoadSampler  # bench/ is on the path when this file runs as a script

    memory: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        port = tb.free_port()
        process = tb.start_app(port, Path(folder) / "streamlit.log")
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                memory.append(_rss_mb(process.pid))
                stop.wait(1.0)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            started = time.perf_counter()
            with LoadSampler() as load:
                tally = asyncio.run(
                    _run(
                        f"http://127.0.0.1:{port}",
                        options.sessions,
                        options.browsers,
                        options.seconds,
                        options.log.parent if options.log else None,
                    )
                )
            wall = time.perf_counter() - started
        finally:
            stop.set()
            sampler.join()
            process.terminate()
            process.wait(timeout=20)
            if options.log:
                options.log.write_bytes((Path(folder) / "streamlit.log").read_bytes())
    half = max(1, len(memory) // 2)  # the first half holds the warm-up (atlas, gazetteer, first maps)
    bounded = bool(memory) and max(memory[half:]) <= 1.25 * max(memory[:half])
    measured = tally.summary()
    results = {
        "sessions": options.sessions,
        "clients": {"websocket": options.sessions - options.browsers, "chromium": options.browsers},
        "seconds": round(wall, 1),
        **measured,
        "first_map_p95_target_s": P95_TARGET_S,
        "errors": len(tally.errors),
        "error_samples": tally.errors[:10],
        "server_rss_mb_start": round(memory[0]) if memory else None,
        "server_rss_mb_peak": round(max(memory)) if memory else None,
        "server_rss_mb_end": round(memory[-1]) if memory else None,
        "memory_bounded": bounded,
        "machine_load": load.summary(),
        "ok": not tally.errors and measured["first_map_p95_s"] <= P95_TARGET_S and bounded,
    }
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
