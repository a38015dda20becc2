"""The app in a real headless Chromium with the network closed (only localhost answers).

Starts ``streamlit run app.py`` itself, drives Debian's ``/usr/bin/chromium`` through playwright (never
``playwright install``), checks that the Leaflet map and its vector layers render from the vendored
assets, toggles a layer, searches a place and saves a screenshot to ``bench/results/app.png``.
Under ``CI=true`` a missing browser fails the test instead of skipping it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]  # the checkout: `streamlit run app.py` runs from here
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def find_chromium() -> str | None:
    """Debian's chromium (or $CHROMIUM), else None."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def need_browser() -> tuple[str, object]:
    """(chromium path, playwright.sync_api module); skip with a reason, or fail under CI."""
    chromium = find_chromium()
    try:
        import playwright.sync_api as sync_api
    except ImportError:
        sync_api = None
    reason = None
    if chromium is None:
        reason = "no Chromium found (apt-get install chromium, or set $CHROMIUM)"
    elif sync_api is None:
        reason = "the playwright package is not installed (pip install -e '.[dev]')"
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return chromium, sync_api


def cjk_fontconfig(folder: Path) -> dict[str, str]:
    """Environment giving Chromium the pip-installed Noto Sans CJK (fontconfig), so the screenshot shows
    Chinese even where no system CJK font is installed; {} when the font package is absent."""
    spec = importlib.util.find_spec("noto_cjk_sans_otc")
    if spec is None or not spec.submodule_search_locations:
        return {}
    font_dir = spec.submodule_search_locations[0]
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{font_dir}</dir><cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(config)}


#: how long the server may take to warm up and open its port: about 15 s on a quiet machine, over 60 s on two
#: cores at a load of 10 (a newcomer's full run failed all nine browser tests so; each passed alone); a hung
#: server still fails, after this long
STARTUP_S = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(port: int, log: Path) -> subprocess.Popen:
    """``geoplan app`` (the server as users start it: warmed before it opens its port) headless on
    ``port``; returns once it answers its health check."""
    command = [sys.executable, "-m", "geoplan", "app", "--port", str(port), "--server.headless", "true"]
    command += [
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text(errors="replace")
            raise RuntimeError(f"streamlit exited with {process.returncode}: {output[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"streamlit did not answer within {STARTUP_S} s")


@contextmanager
def served_app(folder: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """The app served on a free port with ``env`` set for it (its log in ``folder``); yields its URL and stops
    it afterwards."""
    need_browser()
    port = free_port()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        process = start_app(port, folder / "streamlit.log")
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_app(tmp_path_factory.mktemp("streamlit")) as url:
        yield url


def close_network(page, blocked: list[str]) -> None:
    """Abort every request that is not to this machine; remember what was blocked."""

    def route(request_route, request) -> None:
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            request_route.continue_()
        else:
            blocked.append(request.url)
            request_route.abort()

    page.context.route("**/*", route)


def wait_for_frame(page, selector: str, timeout_s: float = 45):
    """The first frame (the map is in a component iframe) showing ``selector``; None on timeout."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.locator(selector).count() > 0:
                    return frame
            except Exception:  # the frame was detached while the app reran
                pass
        time.sleep(0.2)
    return None


def show_feature_table(page, tables_before: int, timeout_s: float = 90) -> None:
    """Switch the feature table on and wait for it. A click that lands while the app reruns can be
    lost, so the switch is clicked again while it still reads off."""
    switch = page.locator("label").filter(has_text="显示要素列表")
    tables = page.locator('[data-testid="stDataFrame"]')
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if tables.count() > tables_before:
            return
        try:
            if not switch.first.locator("input").is_checked(timeout=2_000):
                switch.first.click(timeout=5_000)
        except Exception:  # the element was replaced while the app reran
            pass
        time.sleep(0.5)
    raise AssertionError(f"the feature table did not appear within {timeout_s:.0f} s")


def test_app_in_headless_chromium(app_url: str, tmp_path: Path) -> None:
    # Screenshots go to the test's own folder (GEOPLAN_SCREENSHOTS keeps them, for a person to look at).
    shots = Path(os.environ.get("GEOPLAN_SCREENSHOTS") or tmp_path)
    overview, screenshot = shots / "app-overview.png", shots / "app.png"
    chromium, sync_api = need_browser()
    env = {**os.environ, **cjk_fontconfig(tmp_path)}
    blocked: list[str] = []
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True, env=env)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            close_network(page, blocked)
            received: list[int] = []  # sizes of the messages the app sends the page
            page.on("websocket", lambda ws: ws.on("framereceived", lambda data: received.append(len(data))))
            page.goto(app_url, wait_until="domcontentloaded")
            started = time.monotonic()
            frame = wait_for_frame(page, ".leaflet-container path.leaflet-interactive")
            assert frame is not None, "no Leaflet map with vector layers appeared"
            print(f"first map with vector layers after {time.monotonic() - started:.2f} s")
            # Leaflet came from the app itself and the vector layers are drawn.
            assert frame.evaluate("typeof L !== 'undefined' && L.version") == "1.9.4"
            assert frame.locator(".leaflet-control-layers").count() == 1
            assert frame.locator(".geoplan-legend").count() == 1
            paths_before = frame.locator("path.leaflet-interactive").count()
            assert paths_before > 0
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(overview), full_page=False)

            # Toggle a thematic layer off in the layer control: fewer shapes are drawn.
            overlays = frame.locator(".leaflet-control-layers-overlays label")
            labels = [overlays.nth(i).inner_text().strip() for i in range(overlays.count())]
            checked = [
                i
                for i in range(overlays.count())
                if overlays.nth(i).locator("input").is_checked() and "(0)" not in labels[i]
            ]
            assert checked, f"no visible overlay to toggle among {labels}"
            target = overlays.nth(checked[-1]).locator("input")
            target.uncheck()
            assert not target.is_checked()
            time.sleep(0.3)
            assert frame.locator("path.leaflet-interactive").count() < paths_before
            target.check()

            # Search a place named in the atlas: the map reloads zoomed onto a highlighted hit.
            query = first_place_name()
            box = page.get_by_label("地名或项目名")
            box.fill(query)
            box.press("Enter")
            assert wait_for_frame(page, ".geoplan-highlight") is not None, (
                f"searching {query!r} highlighted nothing"
            )
            page.get_by_text(f"定位：{query}").first.wait_for(timeout=10_000)
            time.sleep(0.5)
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=False)

            # Panning reruns only the map's fragment (the downloads follow the view): the map, about a
            # megabyte, is not sent again and stays drawn.
            assert sum(received) > 500_000, "the first page carries the map"
            frame = wait_for_frame(page, ".leaflet-container path.leaflet-interactive")
            box = page.locator("iframe").first.bounding_box()
            x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.7  # off the centred hit
            centre = frame.evaluate("[window.map.getCenter().lat, window.map.getCenter().lng]")
            received.clear()
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x - 200, y - 100, steps=8)
            page.mouse.up()
            time.sleep(2.0)
            assert frame.evaluate("[window.map.getCenter().lat, window.map.getCenter().lng]") != centre
            assert received and sum(received) < 50_000, received
            assert frame.locator("path.leaflet-interactive").count() > 0

            # The feature table is off until asked for; the downloads open from their popover.
            assert page.locator('[data-testid="stDataFrame"]').count() == 1  # the hit's details only
            show_feature_table(page, tables_before=1)
            page.get_by_role("button", name="下载当前选择").click()
            buttons = page.locator('[data-testid="stDownloadButton"]')
            buttons.first.wait_for(timeout=10_000)
            assert buttons.count() == 6
        finally:
            browser.close()
    assert screenshot.stat().st_size > 10_000
    # Nothing but tiles was wanted from outside: scripts and styles all came from the app.
    assert not [url for url in blocked if url.endswith((".js", ".css"))], blocked


def first_place_name() -> str:
    """A name from the shipped atlas's places (or towns) layer, whatever atlas is shipped."""
    from geoplan.atlas.schema import read_atlas

    for layer in ("places", "towns", "banners"):
        frame = read_atlas(layers=[layer])[layer]
        names = [n for n in frame["name"].dropna().astype(str) if len(n) >= 2 and not n.isascii()]
        if names:
            return sorted(names, key=lambda n: (-len(n), n))[0]
    raise AssertionError("the shipped atlas has no place names")
