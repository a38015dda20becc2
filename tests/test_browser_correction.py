"""Correcting a place on the map, in a real headless Chromium: pick the place, click the map, add a source
note, save; the map follows without a page reload, the correction survives a reload, and a rebuild with the
overlay puts the place where it was clicked. The app runs with its own temporary overlay."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_browser import CHROMIUM_ARGS, close_network, need_browser, served_app, wait_for_frame

from geoplan.atlas.schema import read_atlas
from geoplan.cli import cli
from geoplan.geocode.overlay import GpkgOverlay

pytestmark = pytest.mark.browser
PLACE_ID, NAME = "town:150825:潮格温都尔镇", "潮格温都尔镇"  # a town plan 002 names, at its banner's point


@pytest.fixture(scope="module")
def app_with_overlay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("correction")
    overlay = folder / "overlay.gpkg"
    # the app's environment: its own overlay, a named user
    with served_app(folder, {"GEOPLAN_OVERLAY": str(overlay), "GEOPLAN_USER": "browser-test"}) as url:
        yield url, overlay


def open_panel(page) -> None:
    page.get_by_text("校正位置").first.click()
    page.get_by_label("要校正的地名").wait_for(timeout=20_000)


def town_points(frame) -> list[list[float]]:
    """Where the map draws the town now (every layer's marker named after it)."""
    return frame.evaluate(
        """(name) => { const out = [];
             window.map.eachLayer(l => { const p = l.feature && l.feature.properties;
               if (p && Object.values(p).includes(name) && l.getLatLng) out.push([l.getLatLng().lng, l.getLatLng().lat]); });
             return out; }""",
        NAME,
    )


def test_correct_a_place_on_the_map_reload_and_rebuild(app_with_overlay, tmp_path, plan_files) -> None:
    url, overlay = app_with_overlay
    chromium, sync_api = need_browser()
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            close_network(page, [])
            page.goto(url, wait_until="domcontentloaded")
            frame = wait_for_frame(page, ".leaflet-container path.leaflet-interactive")
            assert frame is not None, "no map"
            before = town_points(frame)
            open_panel(page)
            box = page.get_by_label("要校正的地名")
            box.fill(NAME)
            box.press("Enter")
            page.get_by_text("现在的位置").first.wait_for(timeout=20_000)

            # Click the map: the panel shows the clicked point.
            map_box = page.locator("iframe").first.bounding_box()
            page.mouse.click(map_box["x"] + map_box["width"] * 0.42, map_box["y"] + map_box["height"] * 0.55)
            shown = page.get_by_text(re.compile(r"新位置：\d"))
            shown.wait_for(timeout=20_000)
            lon, lat = map(float, re.findall(r"[\d.]+", shown.inner_text().split("：", 1)[1])[:2])

            page.evaluate("window.__not_reloaded = true")
            note = page.get_by_label("来源说明")
            note.fill("旗自然资源局 2023 年乡镇驻地表")
            note.press("Enter")  # Streamlit takes a text input's value on Enter (or when it loses focus)
            page.get_by_role("button", name="保存校正").click()
            page.get_by_text(f"已保存：{NAME}").wait_for(timeout=30_000)
            assert page.evaluate("window.__not_reloaded === true"), "the page was reloaded"

            records = GpkgOverlay(overlay).records()
            assert [(r.place_id, r.status, r.imported_by) for r in records] == [
                (PLACE_ID, "correction", "browser-test")
            ]
            saved = records[0]
            assert abs(saved.geometry.x - lon) < 1e-6 and abs(saved.geometry.y - lat) < 1e-6
            assert saved.note == "旗自然资源局 2023 年乡镇驻地表" and saved.imported_at

            # The map follows: the town is drawn at the clicked point (display rounding aside).
            deadline = time.monotonic() + 30
            moved = []
            while time.monotonic() < deadline and not moved:
                frame = wait_for_frame(page, ".leaflet-container path.leaflet-interactive")
                try:
                    moved = [
                        p for p in town_points(frame) if abs(p[0] - lon) < 1e-3 and abs(p[1] - lat) < 1e-3
                    ]
                except Exception:  # the component was being replaced
                    moved = []
                time.sleep(0.5)
            assert moved, (before, town_points(frame))

            # A reload keeps it.
            page.reload(wait_until="domcontentloaded")
            assert wait_for_frame(page, ".leaflet-container path.leaflet-interactive") is not None
            open_panel(page)
            page.get_by_text(re.compile(f"已校正：{NAME}")).first.wait_for(timeout=20_000)
        finally:
            browser.close()

    # A rebuild with the overlay puts the town where it was clicked, citing the correction.
    plan = next(p for p in plan_files if p.name.startswith("002"))
    out = tmp_path / "atlas.gpkg"
    result = CliRunner().invoke(
        cli, ["build", str(plan), "--out", str(out), "--quiet", "--overlay", str(overlay)]
    )
    assert result.exit_code == 0, result.output
    places = read_atlas(out, ["places"])["places"].set_index("place_id")
    assert places.loc[PLACE_ID, "geometry"].equals(saved.geometry)
    assert places.loc[PLACE_ID, "geometry_source"] == saved.citation()
    assert places.loc[PLACE_ID, "precision"] == "point"
    fixes = CliRunner().invoke(cli, ["gazetteer", "fixes", "--overlay", str(overlay)])
    assert fixes.exit_code == 0 and "browser-test" in fixes.output and NAME in fixes.output
    assert os.environ.get("GEOPLAN_OVERLAY") is None  # the app's overlay did not leak into the tests
