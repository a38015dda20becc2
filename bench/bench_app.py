"""Web map benchmark: map payload of the full atlas and time to first map in a real browser.

Usage: ``python bench/bench_app.py [ATLAS.gpkg]`` (default: the shipped ``layers/atlas.gpkg``).
Targets: payload ≤ 3 MB, first map in the browser ≤ 3 s (judged on the median first visit with an empty
browser cache; return visits, with Streamlit's scripts cached, are reported too).  Writes
``bench/results/app.json``.  The browser part needs Debian ``chromium`` and the ``playwright`` package; it
is reported as skipped otherwise.  Chromium's resolver is closed to everything but localhost.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PAYLOAD_TARGET = 3_000_000
FIRST_MAP_TARGET_S = 3.0


def measure_payload(atlas_path: Path) -> dict[str, object]:
    """Size of the map page for the whole atlas and the time to build it (cold, then cached)."""
    from streamlit_folium import _get_header, _get_html, _get_map_string

    from geoplan.atlas.schema import read_atlas
    from geoplan.output import selection, webmap

    started = time.perf_counter()
    atlas = read_atlas(atlas_path)
    read_s = time.perf_counter() - started
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        fmap = webmap.build_map(atlas)
        page = webmap.map_html(fmap)
        timings.append(time.perf_counter() - started)
    # What st_folium sends to the browser: the Leaflet script, the header and the map's HTML.
    fmap = webmap.build_map(atlas)
    fmap.get_root().render()
    component = len((_get_html(fmap) + _get_header(fmap) + _get_map_string(fmap)).encode("utf-8"))
    tally = selection.counts(atlas)
    return {
        "atlas": str(atlas_path),
        "features": tally["features"],
        "rows": sum(len(frame) for frame in atlas.values()),
        "read_atlas_s": round(read_s, 3),
        "map_build_cold_s": round(timings[0], 3),
        "map_build_cached_s": round(timings[1], 3),
        "map_html_bytes": len(page.encode("utf-8")),
        "component_payload_bytes": component,
        "payload_target_bytes": PAYLOAD_TARGET,
        "payload_ok": component <= PAYLOAD_TARGET,
    }


#: Chromium flag closing the network to everything but this machine, inside the browser: no request is
#: routed through the driver (playwright's interception costs the page time of its own).
CLOSED_NETWORK = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
#: Runs in every frame: the map's iframe stamps, on the top page, the wall-clock time at which the first
#: vector shape exists (checked every 10 ms, so the stamp is at most 10 ms late).
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


def _first_map_seconds(context, url: str) -> float:
    """Seconds from navigation start to the first vector shape on the map, measured in the page."""
    page = context.new_page()
    try:
        time.sleep(0.5)  # let the previous page's session wind down
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__firstMap", timeout=120_000, polling=100)
        return page.evaluate("window.__firstMap - performance.timeOrigin") / 1000
    finally:
        page.close()


def measure_browser(atlas_path: Path, runs: int = 9) -> dict[str, object]:
    """Time to first map in headless Chromium against a running app: the server's first page (cold
    caches), then ``runs`` first visits (empty browser cache each) and ``runs`` return visits (cached
    Streamlit scripts), interleaved."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_browser as tb  # the test's helpers: find chromium, start the app

    chromium = tb.find_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"browser": "skipped: playwright is not installed"}
    if chromium is None:
        return {"browser": "skipped: no Chromium found"}
    if atlas_path.resolve() != (ROOT / "layers" / "atlas.gpkg").resolve():
        return {"browser": "skipped: the browser timing uses the app's default (shipped) atlas"}
    first_visits: list[float] = []
    return_visits: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        port = tb.free_port()
        process = tb.start_app(port, Path(folder) / "streamlit.log")
        try:
            url = f"http://127.0.0.1:{port}/"
            with sync_playwright() as driver:
                browser = driver.chromium.launch(
                    executable_path=chromium, args=[*tb.CHROMIUM_ARGS, CLOSED_NETWORK], headless=True
                )
                try:
                    viewport = {"width": 1400, "height": 1000}
                    returning = browser.new_context(viewport=viewport)
                    returning.add_init_script(FIRST_MAP_PROBE)
                    server_cold = _first_map_seconds(returning, url)
                    for _ in range(runs):
                        fresh = browser.new_context(viewport=viewport)
                        fresh.add_init_script(FIRST_MAP_PROBE)
                        first_visits.append(_first_map_seconds(fresh, url))
                        fresh.close()
                        return_visits.append(_first_map_seconds(returning, url))
                finally:
                    browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)
    first_median = statistics.median(first_visits)
    return {
        "first_map_server_cold_s": round(server_cold, 2),
        "first_map_first_visit_s": [round(t, 2) for t in first_visits],
        "first_map_first_visit_best_s": round(min(first_visits), 2),
        "first_map_first_visit_median_s": round(first_median, 2),
        "first_map_return_visit_best_s": round(min(return_visits), 2),
        "first_map_return_visit_median_s": round(statistics.median(return_visits), 2),
        "first_map_target_s": FIRST_MAP_TARGET_S,
        "first_map_ok": first_median <= FIRST_MAP_TARGET_S,
    }


def main(argv: list[str]) -> int:
    atlas_path = Path(argv[0]) if argv else ROOT / "layers" / "atlas.gpkg"
    from loadavg import LoadSampler  # bench/ is on the path when this file runs as a script

    with LoadSampler() as load:
        results = measure_payload(atlas_path)
        results.update(measure_browser(atlas_path))
    results["machine_load"] = load.summary()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "app.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
