"""Web map benchmark: map payload of the full atlas and time to first map in a real browser.

Usage: ``python bench/bench_app.py [ATLAS.gpkg]`` (default: the shipped ``layers/atlas.gpkg``).
Targets: payload ≤ 3 MB, first map in the browser ≤ 3 s.  Writes ``bench/results/app.json``.
The browser part needs Debian ``chromium`` and the ``playwright`` package; it is reported as skipped
otherwise.  The network is closed to everything but localhost, as in ``tests/test_browser.py``.
"""

from __future__ import annotations

import json
import socket
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

    from geoplan import selection, webmap
    from geoplan.atlas import read_atlas

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


def measure_browser(atlas_path: Path) -> dict[str, object]:
    """Seconds from navigation to the first vector layer drawn: first visit after start, then a reload."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_browser as tb  # the test's helpers: start the app, close the network, wait for the map

    chromium = tb.find_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"browser": "skipped: playwright is not installed"}
    if chromium is None:
        return {"browser": "skipped: no Chromium found"}
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        process = tb.start_app(port, Path(folder) / "streamlit.log")
        try:
            url = f"http://127.0.0.1:{port}/"
            if atlas_path.resolve() != (ROOT / "layers" / "atlas.gpkg").resolve():
                return {"browser": "skipped: the browser timing uses the app's default (shipped) atlas"}
            env = {**__import__("os").environ, **tb.cjk_fontconfig(Path(folder))}
            times = []
            with sync_playwright() as driver:
                browser = driver.chromium.launch(
                    executable_path=chromium, args=tb.CHROMIUM_ARGS, headless=True, env=env
                )
                try:
                    for _ in range(3):
                        page = browser.new_page(viewport={"width": 1400, "height": 1000})
                        tb.close_network(page, [])
                        started = time.perf_counter()
                        page.goto(url, wait_until="commit")
                        frame = tb.wait_for_frame(page, ".leaflet-container path.leaflet-interactive", 120)
                        if frame is None:
                            raise RuntimeError("the map never appeared")
                        times.append(time.perf_counter() - started)
                        page.close()
                finally:
                    browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)
    return {
        "first_map_cold_s": round(times[0], 2),
        "first_map_warm_s": round(min(times[1:]), 2),
        "first_map_target_s": FIRST_MAP_TARGET_S,
        "first_map_ok": min(times[1:]) <= FIRST_MAP_TARGET_S,
    }


def main(argv: list[str]) -> int:
    atlas_path = Path(argv[0]) if argv else ROOT / "layers" / "atlas.gpkg"
    results = measure_payload(atlas_path)
    results.update(measure_browser(atlas_path))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "app.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
