"""What a user loads, in a real headless Chromium with the network closed: an opened GeoPackage and an
uploaded plan are zoomed to and outlined (their own overlay, ``新加入：…``)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_browser import (
    CHROMIUM_ARGS,
    close_network,
    need_browser,
    served_app,
    show_feature_table,
    wait_for_frame,
)

from geoplan.cli import cli

pytestmark = pytest.mark.browser
PLAN_002 = Path(__file__).resolve().parents[2] / "shared" / "plans" / "002_e2fbe1b780f1f38b.txt"
# A plan of a city written for this test: two projects, in 海勃湾区 and 乌达区 of 乌海市.
SMALL_PLAN = (
    "乌海市国民经济和社会发展第十四个五年规划纲要\n\n第一章 重点项目\n\n专栏1 重点工程\n"
    "建设乌海市海勃湾区光伏发电项目，装机容量100万千瓦。\n实施乌达区黄河湿地保护修复工程。\n"
)
# 乌海市 lies within 106.3–107.2° E, 39.0–40.2° N (its two districts named above lie inside).
WUHAI = (106.3, 39.0, 107.2, 40.2)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("loaded")
    # the app's own overlay and user data folder
    env = {"GEOPLAN_OVERLAY": str(folder / "overlay.gpkg"), "GEOPLAN_USER_DATA": str(folder / "userdata")}
    with served_app(folder, env) as url:
        yield url, folder


def view(frame) -> tuple[float, tuple[float, float, float, float]]:
    """The map's zoom and its bounds (minx, miny, maxx, maxy)."""
    zoom, box = frame.evaluate(
        "[window.map.getZoom(), window.map.getBounds().toBBoxString().split(',').map(Number)]"
    )
    return zoom, tuple(box)


def loaded_frame(page, label: str, timeout_s: float = 90, label_prefix: str = "新加入："):
    """The map frame once its layer control lists the overlay ``label_prefix + label``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        frame = wait_for_frame(page, ".leaflet-control-layers-overlays", 5)
        if frame is not None:
            try:
                text = frame.locator(".leaflet-control-layers-overlays").inner_text()
                if f"{label_prefix}{label}" in text:
                    time.sleep(1.0)  # fitBounds has run
                    return frame
            except Exception:  # the frame was replaced while the app reran
                pass
        time.sleep(0.3)
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for the module's tests (each test has a browser context of its own)."""
    chromium, sync_api = need_browser()
    with sync_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@contextmanager
def app_page(browser, url: str, blocked: list[str]) -> Iterator[object]:
    """A page on the app at ``url`` in a fresh browser context (no cookies, storage or cache of another
    test's), every address but the app's refused (into ``blocked``)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        close_network(page, blocked)
        page.goto(url, wait_until="domcontentloaded")
        yield page
    finally:
        context.close()


def test_opened_geopackage_and_uploaded_plan_are_zoomed_to(app, browser, tmp_path: Path) -> None:
    url, _folder = app
    gpkg = tmp_path / "plan002.gpkg"
    result = CliRunner().invoke(
        cli, ["export", "--plan", PLAN_002.name, "--format", "gpkg", "--out", str(gpkg)]
    )
    assert result.exit_code == 0, result.output
    plan = tmp_path / "乌海市规划.txt"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    blocked: list[str] = []
    with app_page(browser, url, blocked) as page:
        frame = wait_for_frame(page, ".leaflet-container path.leaflet-interactive")
        assert frame is not None
        time.sleep(1.0)
        region_zoom, region_box = view(frame)

        # Open the GeoPackage by path: the map zooms in on its features and outlines them.
        page.get_by_text("GeoPackage 路径").click()
        box = page.get_by_label("GeoPackage 文件")
        box.fill(str(gpkg))
        box.press("Enter")
        frame = loaded_frame(page, gpkg.name)
        assert frame is not None, "the opened GeoPackage has no 新加入 overlay"
        zoom, shown = view(frame)
        assert zoom > region_zoom, (zoom, region_zoom)
        assert shown[2] - shown[0] < region_box[2] - region_box[0]
        page.get_by_text(f"已加入：{gpkg.name}").first.wait_for(timeout=10_000)

        # Upload a plan of 乌海市: the map zooms to 乌海 (a small city) and outlines its two projects.
        uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="规划文件")
        uploader.locator('input[type="file"]').set_input_files(str(plan))
        frame = loaded_frame(page, plan.name)
        assert frame is not None, "the uploaded plan has no 新加入 overlay"
        zoom, shown = view(frame)
        centre = ((shown[0] + shown[2]) / 2, (shown[1] + shown[3]) / 2)
        assert WUHAI[0] <= centre[0] <= WUHAI[2] and WUHAI[1] <= centre[1] <= WUHAI[3], shown
        assert zoom >= 8, zoom
        assert frame.locator("path[stroke='#ff6d00']").count() >= 2


#: A line a user reads that is only Latin words (English), e.g. 'Browse files'; numbers, units and
#: punctuation alone are not words.
ENGLISH_LINE = re.compile(r"^[\x00-\x7f]*[A-Za-z]{2,}[\x00-\x7f]*$")


#: The visible text nodes of the sidebar and the main area; Material icons (drawn from a ligature such as
#: 'upload') are pictures, not words, and are left out.
VISIBLE_TEXT = """() => {
  const out = [];
  for (const selector of ['[data-testid="stSidebar"]', '[data-testid="stMain"]']) {
    const root = document.querySelector(selector);
    if (!root) continue;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[data-testid="stIconMaterial"]')) continue;
      if (!parent.getClientRects().length || getComputedStyle(parent).visibility === 'hidden') continue;
      if (node.textContent.trim()) out.push(node.textContent);
    }
  }
  return out;
}"""


def english_lines(page) -> list[str]:
    """Lines of the sidebar's and the main area's visible text that are ASCII-only words."""
    texts = page.evaluate(VISIBLE_TEXT)
    return [
        line.strip()
        for text in texts
        for line in text.splitlines()
        if ENGLISH_LINE.match(line.strip()) and line.strip() not in ALLOWED
    ]


#: Names a Chinese user also reads in Latin letters, shown alone: formats named as such.
ALLOWED: frozenset[str] = frozenset()


def test_no_english_in_the_page(app, browser) -> None:
    url, _folder = app
    with app_page(browser, url, []) as page:
        assert wait_for_frame(page, ".leaflet-container path.leaflet-interactive") is not None
        show_feature_table(page, tables_before=page.locator('[data-testid="stDataFrame"]').count())
        time.sleep(1.0)
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "图集" in sidebar and "筛选" in sidebar
        found = english_lines(page)
        assert found == [], found
        # The table's sector column reads in Chinese (the grid draws on a canvas: read its data via copy).


def test_a_place_known_to_its_banner_shows_the_banner(app, browser) -> None:
    """甘其毛都口岸 is placed at its banner (乌拉特中旗, about 2° wide): the map shows the banner outlined
    and says so, not a 10 km view of an empty point."""
    url, _folder = app
    with app_page(browser, url, []) as page:
        assert wait_for_frame(page, ".leaflet-container path.leaflet-interactive") is not None
        box = page.get_by_label("地名或项目名")
        box.fill("甘其毛都口岸")
        box.press("Enter")
        page.get_by_text("位置约略：按旗县范围显示").first.wait_for(timeout=30_000)
        frame = loaded_frame(page, "位置约略：按旗县范围显示", label_prefix="")
        assert frame is not None, "no outline of the banner in the layer control"
        zoom, shown = view(frame)
        assert zoom <= 9, zoom
        # The view holds the whole banner (107.3–109.3° E, 41.1–42.5° N).
        assert shown[0] <= 107.5 and shown[2] >= 109.0 and shown[1] <= 41.3 and shown[3] >= 42.3, shown
        assert frame.locator("path[stroke='#d50000']").count() >= 1


def user_files(folder: Path) -> dict[str, tuple[float, float]]:
    """A GeoJSON and a zipped Shapefile (in Web Mercator, Chinese attributes) of two points near 呼和浩特,
    written for this test: file -> the points' centre (lon, lat)."""
    import zipfile

    import geopandas as gpd
    from shapely.geometry import Point

    points = gpd.GeoDataFrame(
        {"名称": ["测试点甲", "测试点乙"]},
        geometry=[Point(111.60, 40.80), Point(111.70, 40.90)],
        crs="EPSG:4326",
    )
    geojson = folder / "测试点.geojson"
    points.to_file(geojson, driver="GeoJSON", engine="pyogrio")
    shp = folder / "shp" / "points.shp"
    shp.parent.mkdir()
    points.to_crs("EPSG:3857").to_file(shp, encoding="utf-8", engine="pyogrio")
    zipped = folder / "测试点.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for part in shp.parent.iterdir():
            archive.write(part, part.name)
    return {str(geojson): (111.65, 40.85), str(zipped): (111.65, 40.85)}


def test_upload_of_each_gis_format(app, browser, tmp_path: Path) -> None:
    url, _folder = app
    files = user_files(tmp_path)
    gpkg = tmp_path / "plan002.gpkg"
    result = CliRunner().invoke(
        cli, ["export", "--plan", PLAN_002.name, "--format", "gpkg", "--out", str(gpkg)]
    )
    assert result.exit_code == 0, result.output
    bad = tmp_path / "坏文件.geojson"
    bad.write_text("{ not json", encoding="utf-8")
    with app_page(browser, url, []) as page:
        assert wait_for_frame(page, ".leaflet-container path.leaflet-interactive") is not None
        uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="GIS 文件")
        for path, (lon, lat) in files.items():
            uploader.locator('input[type="file"]').set_input_files(path)
            frame = loaded_frame(page, Path(path).name)
            assert frame is not None, f"{path}: no 新加入 overlay"
            zoom, shown = view(frame)
            assert shown[0] <= lon <= shown[2] and shown[1] <= lat <= shown[3], (path, shown)
            assert zoom >= 9, (path, zoom)
            assert "用户图层：" in frame.locator(".leaflet-control-layers-overlays").inner_text()
        # A geoplan GeoPackage joins the atlas: its layers are counted and outlined.
        uploader.locator('input[type="file"]').set_input_files(str(gpkg))
        assert loaded_frame(page, gpkg.name) is not None
        # A broken file: one line in Chinese, the page stays.
        uploader.locator('input[type="file"]').set_input_files(str(bad))
        error = page.locator('[data-testid="stAlertContentError"]').filter(has_text="无法读取这个文件")
        error.first.wait_for(timeout=30_000)
        assert "坏文件.geojson" in error.first.inner_text()
        assert "Traceback" not in page.locator('[data-testid="stMain"]').inner_text()


def test_without_tiles_the_base_still_reads_as_a_map(app, browser) -> None:
    """The network is closed, so no tile loads: the notice says so, banner names show, water is drawn."""
    url, _folder = app
    blocked: list[str] = []
    with app_page(browser, url, blocked) as page:
        frame = wait_for_frame(page, ".geoplan-offline-notice", 60)
        assert frame is not None, "no notice that tiles are off"
        assert frame.locator(".geoplan-offline-notice").inner_text() == "底图瓦片不可用，显示边界底图"
        assert any("tile.openstreetmap.org" in u for u in blocked)
        labels = frame.locator(".geoplan-base-label")
        assert labels.count() >= 100  # the region's 103 banners
        assert labels.first.is_visible()
        control = frame.locator(".leaflet-control-layers-overlays").inner_text()
        assert "水系（地名库" in control


def test_chinese_is_drawn_with_the_served_face(app, browser) -> None:
    """With the network closed and no Chinese font on the machine, the page and the map load the face the app
    serves for Chinese text (geoplan/output/webfont.py)."""
    url, _folder = app
    with app_page(browser, url, []) as page:
        frame = wait_for_frame(page, ".leaflet-container path.leaflet-interactive")
        assert frame is not None
        in_page = page.evaluate(
            "async () => (await document.fonts.load('16px \"Source Sans\"', '内蒙古'))"
            ".filter(f => f.status === 'loaded' && f.unicodeRange.includes('4E00')).length"
        )
        assert in_page >= 1
        # The map's frame can be replaced while the app reruns, before its stylesheet has come: ask again
        # in the frame showing the map until the face is loaded or the time is up.
        in_map = 0
        deadline = time.monotonic() + 60
        while in_map < 1 and time.monotonic() < deadline:
            frame = wait_for_frame(page, ".leaflet-container path.leaflet-interactive")
            try:
                in_map = frame.evaluate(
                    "async () => (await document.fonts.load('12px \"geoplan CJK\"', '旗县区'))"
                    ".filter(f => f.status === 'loaded').length"
                )
            except Exception:  # the frame was detached while the app reran
                in_map = 0
            if in_map < 1:
                time.sleep(0.5)
        assert in_map >= 1
