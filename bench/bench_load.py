"""Load test of the Streamlit app: concurrent sessions in headless Chromium on 127.0.0.1.

Usage: ``python bench/bench_load.py [SESSIONS] [SECONDS]`` (default 10 sessions for 90 s, at most 120).
Each session loads the app (time to its first map: navigation start to the first vector shape), then
loops over searching, switching the towns layer on and off, and downloading the selection as CSV,
reloading now and then.  Counted as errors: an exception box on the page, a JavaScript error, a failed
download, a timeout.  The server's memory (RSS of the Streamlit process) is sampled every second.
Targets: no error, p95 first map ≤ 8 s for 10 sessions, memory bounded (the second half of the samples
no higher than 1.25 × the first half's peak, which holds the warm-up).  Writes ``bench/results/load.json``.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
P95_TARGET_S = 8.0
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


class Tally:
    def __init__(self) -> None:
        self.first_maps: list[float] = []
        self.actions: dict[str, int] = {}
        self.errors: list[str] = []

    def action(self, name: str) -> None:
        self.actions[name] = self.actions.get(name, 0) + 1


async def _first_map(page, url: str) -> float:
    await page.goto(url, wait_until="commit")
    await page.wait_for_function("window.__firstMap", timeout=60_000, polling=100)
    return await page.evaluate("window.__firstMap - performance.timeOrigin") / 1000


async def _check_page(page, tally: Tally, session: int) -> None:
    if await page.locator('[data-testid="stException"]').count():
        tally.errors.append(f"session {session}: exception on the page")


async def _session(browser, url: str, deadline: float, tally: Tally, session: int) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    await context.add_init_script(FIRST_MAP_PROBE)
    page = await context.new_page()
    page.on("pageerror", lambda error: tally.errors.append(f"session {session}: JavaScript {error}"))
    step = 0
    try:
        try:
            tally.first_maps.append(await _first_map(page, url))
        except Exception as error:  # noqa: BLE001 - a first map that never comes is an error, not a crash
            tally.errors.append(f"session {session} first map: {type(error).__name__}: {str(error)[:120]}")
            return
        while time.monotonic() < deadline:
            step += 1
            try:
                kind = step % 4
                if kind == 1:  # search
                    box = page.get_by_label("地名或项目名")
                    await box.fill(SEARCHES[(session + step) % len(SEARCHES)])
                    await box.press("Enter")
                    await page.wait_for_timeout(1500)
                    tally.action("search")
                elif kind == 2:  # filter: towns on or off
                    await page.get_by_text("显示乡镇点位").first.click()
                    await page.wait_for_timeout(1500)
                    tally.action("filter")
                elif kind == 3:  # download the selection as CSV
                    await page.get_by_text("下载当前选择").first.click()
                    async with page.expect_download(timeout=60_000) as info:
                        await page.get_by_role("button", name="CSV").first.click()
                    download = await info.value
                    if await download.failure():
                        tally.errors.append(f"session {session}: download failed")
                    await page.keyboard.press("Escape")
                    tally.action("download")
                else:  # a new visit
                    tally.first_maps.append(await _first_map(page, url))
                    tally.action("reload")
                await _check_page(page, tally, session)
            except Exception as error:  # noqa: BLE001 - a timeout or a missing element counts as an error
                tally.errors.append(
                    f"session {session} step {step}: {type(error).__name__}: {str(error)[:120]}"
                )
    finally:
        await context.close()


async def _run(url: str, sessions: int, seconds: float) -> Tally:
    from playwright.async_api import async_playwright

    tally = Tally()
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(
            executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, CLOSED_NETWORK], headless=True
        )
        try:
            deadline = time.monotonic() + seconds
            await asyncio.gather(*(_session(browser, url, deadline, tally, n) for n in range(sessions)))
        finally:
            await browser.close()
    return tally


def main(argv: list[str]) -> int:
    sessions = int(argv[0]) if argv else 10
    seconds = min(float(argv[1]) if len(argv) > 1 else 90.0, 120.0)
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
                tally = asyncio.run(_run(f"http://127.0.0.1:{port}/", sessions, seconds))
            wall = time.perf_counter() - started
        finally:
            stop.set()
            sampler.join()
            process.terminate()
            process.wait(timeout=20)
    maps = sorted(tally.first_maps)
    p95 = maps[min(len(maps) - 1, round(0.95 * (len(maps) - 1)))] if maps else float("inf")
    half = max(1, len(memory) // 2)  # the first half holds the warm-up (atlas, gazetteer, first maps)
    bounded = bool(memory) and max(memory[half:]) <= 1.25 * max(memory[:half])
    results = {
        "sessions": sessions,
        "seconds": round(wall, 1),
        "first_maps": len(maps),
        "first_map_median_s": round(statistics.median(maps), 2) if maps else None,
        "first_map_p95_s": round(p95, 2),
        "first_map_p95_target_s": P95_TARGET_S,
        "actions": tally.actions,
        "errors": len(tally.errors),
        "error_samples": tally.errors[:10],
        "server_rss_mb_start": round(memory[0]) if memory else None,
        "server_rss_mb_peak": round(max(memory)) if memory else None,
        "server_rss_mb_end": round(memory[-1]) if memory else None,
        "memory_bounded": bounded,
        "machine_load": load.summary(),
        "ok": not tally.errors and p95 <= P95_TARGET_S and bounded,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
