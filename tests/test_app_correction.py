"""The app's correction panel through AppTest: a polygon drawn on the map (Leaflet.draw, served by the app)
saved as a park's outline in the overlay, then undone. The click-to-point path runs in a real browser in
``tests/test_browser_correction.py``."""

from __future__ import annotations

import pytest
import test_app
from shapely.geometry import Polygon, mapping
from test_app import map_args, run_small

from geoplan.geocode.overlay import GpkgOverlay
from geoplan.output import webmap
from geoplan.output.offline import VENDOR_DIR

PARK = "鄂尔多斯高新技术产业开发区"
shipped, small = (
    test_app.shipped,
    test_app.small,
)  # the app tests' fixtures: a small atlas cut from the shipped one


@pytest.fixture
def overlay(tmp_path, monkeypatch):
    path = tmp_path / "overlay.gpkg"
    monkeypatch.setenv("GEOPLAN_OVERLAY", str(path))
    monkeypatch.setenv("GEOPLAN_USER", "apptest")
    return GpkgOverlay(path)


def test_a_drawn_polygon_is_saved_as_the_outline_of_a_park_and_undone(
    small, overlay, monkeypatch, shipped_gazetteer
):
    park = shipped_gazetteer.lookup(PARK, types=["park"])[0].place
    outline = Polygon([(109.80, 39.60), (109.86, 39.60), (109.86, 39.65), (109.80, 39.65)])
    reported: dict = {}
    real_show = webmap.show_st_folium

    def show(args):
        real_show(args)
        return reported

    monkeypatch.setattr(webmap, "show_st_folium", show)
    at = run_small(
        small, fix_query=park.name, fix_note="开发区四至范围图", fix_shape="面", fix_shape_shown="面"
    )
    args = map_args(at)
    draw_js = [link for link in args["js_links"] if "leaflet.draw" in link]
    assert draw_js == ["/app/static/vendor/leaflet-draw/leaflet.draw.js"]  # served by the app, not a CDN
    assert (VENDOR_DIR / "leaflet-draw" / "leaflet.draw.js").is_file()
    reported["last_active_drawing"] = {"type": "Feature", "geometry": mapping(outline), "properties": {}}
    at.run()
    assert any("4 个顶点" in m.value for m in at.markdown), [m.value for m in at.markdown]
    at.button(key="fix_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    records = overlay.records()
    assert [(r.place_id, r.status, r.imported_by, r.precision) for r in records] == [
        (park.id, "correction", "apptest", "point")
    ]
    assert records[0].geometry.equals(outline) and records[0].note == "开发区四至范围图"
    at.button(key=f"undo_{records[0].uid}").click().run()
    assert overlay.records() == [] and overlay.records(withdrawn=True)[0].withdrawn_by == "apptest"


def test_drawn_polygon_reads_only_valid_polygons():
    square = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    assert webmap.drawn_polygon({"last_active_drawing": {"geometry": mapping(square)}}).equals(square)
    assert (
        webmap.drawn_polygon({"last_active_drawing": {"geometry": {"type": "Point", "coordinates": [0, 0]}}})
        is None
    )
    assert webmap.drawn_polygon({"last_active_drawing": None}) is None
    assert webmap.clicked_point({"last_clicked": {"lat": 41.5, "lng": 106.2}}) == (106.2, 41.5)


def test_a_place_found_by_search_is_the_one_to_correct_and_the_panel_says_what_saving_needs(overlay):
    """After searching 乌拉特后旗 the panel showed it only greyed in the empty box (a placeholder): no record was
    picked and 保存校正 stayed grey without a word.  Now the place found is looked up until another name is
    typed, and the panel lists what saving still needs."""
    at = test_app.run_app(query="乌拉特后旗")
    picked = at.selectbox(key="fix_place")
    assert picked.options and picked.options[0].startswith("乌拉特后旗 · ")
    needs = [c.value for c in at.caption if c.value.startswith("保存前还需：")]
    assert needs == ["保存前还需：新位置、来源说明"]
    assert at.button(key="fix_save").disabled
    at.text_input(key="fix_note").input("旗政府驻地公告").run()
    assert [c.value for c in at.caption if c.value.startswith("保存前还需：")] == ["保存前还需：新位置"]
