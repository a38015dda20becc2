"""The app's rasters and choropleths in a real headless Chromium (Debian's, through playwright): an uploaded
GeoTIFF appears on the map under the vector layers with its legend; a choropleth shows with its classed legend."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from test_browser import CHROMIUM_ARGS, app_url, cjk_fontconfig, close_network, need_browser, wait_for_frame  # noqa: F401
from test_webmap_layers import geotiff_bytes

pytestmark = pytest.mark.browser


def _open(driver, chromium, env, url):
    browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True, env=env)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    close_network(page, [])
    page.goto(url, wait_until="domcontentloaded")
    assert wait_for_frame(page, ".leaflet-container path.leaflet-interactive") is not None
    return browser, page


def _choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label``."""
    box = page.get_by_label(label).first
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def test_an_uploaded_geotiff_shows_on_the_map(app_url: str, tmp_path: Path) -> None:  # noqa: F811
    shots = Path(os.environ.get("GEOPLAN_SCREENSHOTS") or tmp_path)
    chromium, sync_api = need_browser()
    tif = tmp_path / "ramp.tif"
    tif.write_bytes(geotiff_bytes())
    with sync_api.sync_playwright() as driver:
        browser, page = _open(driver, chromium, {**os.environ, **cjk_fontconfig(tmp_path)}, app_url)
        try:
            uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="GeoTIFF")
            uploader.locator('input[type="file"]').set_input_files(str(tif))
            frame = wait_for_frame(page, "img.leaflet-image-layer.geoplan-raster", timeout_s=90)
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "app-raster.png"), full_page=True)
            assert frame is not None, "the uploaded GeoTIFF did not appear on the map"
            image = frame.locator("img.geoplan-raster").first
            assert image.get_attribute("src").startswith("data:image/png")
            # in its own pane, under the vector layers (the overlay pane is at z-index 400)
            assert frame.evaluate("map.getPane('geoplan-rasters').style.zIndex") == "350"
            assert "ramp.tif" in frame.locator(".geoplan-raster-legend").inner_text()
            box = image.bounding_box()
            assert box["width"] > 20 and box["height"] > 10
            time.sleep(0.5)
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "app-raster.png"))
        finally:
            browser.close()


def test_a_choropleth_shows_with_its_legend(app_url: str, tmp_path: Path) -> None:  # noqa: F811
    shots = Path(os.environ.get("GEOPLAN_SCREENSHOTS") or tmp_path)
    chromium, sync_api = need_browser()
    from geoplan.atlas.schema import read_atlas
    from geoplan.atlas.summary import summary_fields
    from geoplan.output.choropleth import classify

    fields = summary_fields(read_atlas(layers=["banners"])["banners"])
    assert fields, "the shipped atlas has no summary columns (rebuild it)"
    field = next((f for f in fields if f.endswith("_projects")), fields[0])
    with sync_api.sync_playwright() as driver:
        browser, page = _open(driver, chromium, {**os.environ, **cjk_fontconfig(tmp_path)}, app_url)
        try:
            # The field is offered by its Chinese title: '<plan or period> · 项目数'.
            from geoplan.atlas.summary import field_title, scopes

            titles = {scope.key: scope.title for scope in scopes(read_atlas())}
            _choose(page, "分级设色字段", f"{titles[field.partition('_')[0]]} · {field_title(field)}")
            page.get_by_text("选择级数后显示分级设色图").wait_for(timeout=15_000)  # no class count by default
            _choose(page, "级数", "4")
            frame = wait_for_frame(page, ".geoplan-choropleth-legend")
            assert frame is not None, "no choropleth legend on the map"
            legend = frame.locator(".geoplan-raster-legend").inner_text()
            assert "分级：" in legend and "编制单位辖区" in legend and "汇总：" in legend
            classed = classify(read_atlas(), field, scheme="quantiles", k=4)
            fills = frame.eval_on_selector_all(
                "path.leaflet-interactive", "ps => ps.map(p => p.getAttribute('fill'))"
            )
            # every banner with a value is filled with its class's colour (a multipolygon may add paths)
            assert sum(fill in classed.colors for fill in fills) >= sum(c >= 0 for c in classed.classes) > 0
            time.sleep(0.5)
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "app-choropleth.png"))
        finally:
            browser.close()
