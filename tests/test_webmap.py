"""geoplan.output.webmap and geoplan.output.offline: escaping, approximate styling, base maps, offline assets, downloads."""

from __future__ import annotations

import json
import re
import threading

import folium
import folium.plugins
import geopandas as gpd
import pytest

from geoplan.atlas.schema import BASE_COLUMNS, FEATURE_COLUMNS, read_atlas
from geoplan.errors import UnsupportedFormatError
from geoplan.layers import load_layers
from geoplan.output import webmap
from geoplan.output.offline import (
    VENDOR_DIR,
    OfflineAssetError,
    asset_base,
    localize,
    remote_urls,
    vendored_files,
)
from geoplan.output.selection import SearchHit

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def shipped(atlas_path):
    return read_atlas(atlas_path)


@pytest.fixture(scope="module")
def area(shipped):
    """A real polygon (a banner or league of the shipped atlas)."""
    for layer in ("banners", "leagues"):
        polygons = [g for g in shipped[layer].geometry if g is not None and g.geom_type.endswith("Polygon")]
        if polygons:
            return polygons[0]
    pytest.fail("the shipped atlas has no boundary polygon")


def project(geometry, **values) -> dict:
    row = dict.fromkeys(FEATURE_COLUMNS, "")
    row.update({"approximate": 0, "precision": "point", "geometry": geometry, "plan": "x.txt"})
    row.update(values)
    return row


@pytest.fixture(scope="module")
def evil_atlas(area, shipped):
    """Projects whose every text field carries markup, one exact and two approximate on the same area."""
    centre = area.representative_point()
    texts = {
        column: EVIL for column in ("name", "chapter", "excerpt", "quantities_text", "locations", "issuer")
    }
    industry = gpd.GeoDataFrame(
        [
            project(centre, feature_id="e:1", **texts),
            project(area, feature_id="e:2", name="约略甲", precision="banner", approximate=1, excerpt=EVIL),
            project(area, feature_id="e:3", name="约略乙", precision="banner", approximate=1),
        ],
        crs="EPSG:4326",
    )
    base = dict.fromkeys(BASE_COLUMNS, "")
    places = gpd.GeoDataFrame(
        [{**base, "place_id": "q", "name": EVIL, "plans": EVIL, "geometry": centre}], crs=4326
    )
    return {"leagues": shipped["leagues"], "industry": industry, "places": places}


def test_every_value_is_escaped(evil_atlas):
    fmap = webmap.build_map(
        evil_atlas, highlight=SearchHit(EVIL, "project", "industry", "e:1", (111, 40, 111, 40))
    )
    page = webmap.map_html(fmap)
    assert (
        "<script>alert" not in page and "<img src=x" not in page and "\\u003cscript\\u003ealert" not in page
    )
    properties = webmap.geojson_properties(fmap)
    texts = [str(value) for props in properties for value in props.values()]
    assert any("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text for text in texts)
    for text in texts:
        assert "<script" not in text.lower() and "<img" not in text.lower()
    # the HTML that Leaflet puts into innerHTML has only geoplan's own tags
    tags = {tag.lower() for text in texts for tag in re.findall(r"<\s*([a-zA-Z]+)", text)}
    assert tags <= {"b", "br", "i", "span", "div", "hr"}


def test_shipped_atlas_provisional_script_is_inert(shipped):
    """Whatever the shipped atlas holds, no markup from its values reaches the page unescaped."""
    page = webmap.map_html(webmap.build_map(shipped))
    for frame in shipped.values():
        for column in frame.columns.drop(frame.geometry.name):
            for value in frame[column].dropna().astype(str):  # NULLs (summary columns) hold no markup
                if "<" in value:
                    assert value not in page


def test_approximate_features_are_hollow_dashed_and_grouped(evil_atlas):
    shapes = webmap.display_frame("industry", evil_atlas["industry"])
    approx = shapes[shapes["_approx"]]
    assert len(shapes) == 2 and len(approx) == 1  # the two projects on one area become one shape
    tip, popup = approx.iloc[0]["_tip"], approx.iloc[0]["_popup"]
    assert "2 项" in tip and "约略" in tip and "约略甲" in popup and "约略乙" in popup
    assert webmap.precision_label("banner") in popup
    style = webmap._style(load_layers()[4], approximate=True)
    assert style["dashArray"] == webmap.APPROX_DASH and style["fillOpacity"] < 0.1
    page = webmap.map_html(webmap.build_map(evil_atlas))
    assert f'"dashArray": "{webmap.APPROX_DASH}"' in page


def test_display_geometries_are_simplified_and_rounded(area):
    frame = gpd.GeoDataFrame([{**dict.fromkeys(BASE_COLUMNS, ""), "name": "b", "geometry": area}], crs=4326)
    shown = webmap.display_frame("banners", frame).geometry.iloc[0]
    assert shown.is_valid and not shown.is_empty
    count = lambda g: len(json.dumps(g.__geo_interface__))  # noqa: E731
    assert count(shown) <= count(area)
    for x, y in shown.exterior.coords if shown.geom_type == "Polygon" else shown.geoms[0].exterior.coords:
        assert round(x, webmap.COORD_DECIMALS) == x and round(y, webmap.COORD_DECIMALS) == y
    assert shown.symmetric_difference(area).area < 0.05 * area.area


def test_layer_control_legend_and_highlight(shipped):
    fmap = webmap.build_map(
        shipped, highlight=SearchHit("某地", "place", "", "k", (110.0, 41.0, 110.0, 41.0))
    )
    page = webmap.map_html(fmap)
    assert "L.control.layers" in page and "geoplan-legend" in page and "geoplan-highlight" in page
    for definition in load_layers():
        assert definition.title in page
    assert "fitBounds" in page and "41.0" in page


def test_the_scale_bar_is_in_kilometres_only(shipped):
    """Planners read kilometres: Leaflet's default scale bar adds miles (it showed '200 mi')."""
    page = webmap.map_html(webmap.build_map(shipped))
    assert page.count("L.control.scale(") == 1 and "imperial: false" in page


def test_basemaps_and_tianditu_key(monkeypatch):
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    assert webmap.tianditu_key() is None and webmap.tianditu_key({"TIANDITU_KEY": "bad key!"}) is None
    assert list(webmap.basemaps(None)) == ["osm", "none"]
    assert webmap.tianditu_key({"TIANDITU_KEY": "abc123def456"}) == "abc123def456"
    monkeypatch.setenv("TIANDITU_KEY", "0123456789abcdef")
    key = webmap.tianditu_key({"TIANDITU_KEY": "ignored0000"})
    assert key == "0123456789abcdef"
    choices = webmap.basemaps(key)
    assert list(choices) == ["osm", "tianditu_vec", "tianditu_img", "none"]
    for choice in ("tianditu_vec", "tianditu_img"):
        base, labels = choices[choice].tiles
        assert "_w/wmts" in base and "TILEMATRIXSET=w" in base and base.endswith("tk=" + key)
        assert "c" in labels.split(".tianditu.gov.cn/")[1][:3]  # cva_w / cia_w annotations
    assert choices["none"].tiles == ()


@pytest.mark.parametrize(
    ("basemap", "shown"),
    [("osm", "OpenStreetMap 街道图"), ("none", "无底图（仅边界）"), ("?", "OpenStreetMap 街道图")],
)
def test_basemap_choice_is_the_shown_base_layer(shipped, basemap, shown):
    fmap = webmap.build_map({"leagues": shipped["leagues"]}, basemap=basemap)
    bases = [c for c in fmap._children.values() if getattr(c, "overlay", True) is False]
    assert [c.layer_name for c in bases] == ["OpenStreetMap 街道图", "无底图（仅边界）"]
    assert [c.layer_name for c in bases if c.show] == [shown]


def test_map_loads_only_vendored_assets(shipped):
    fmap = webmap.build_map({k: v.head(20) for k, v in shipped.items()}, asset_base=asset_base("geo/"))
    assert remote_urls(fmap) == []
    page = webmap.map_html(fmap)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources and all(src.startswith("/geo/app/static/vendor/") for src in sources), sources
    for path in vendored_files():
        assert (
            path.is_file() and path.stat().st_size > 300
        )  # cjk.css is a few lines; Leaflet's files far more
    assert (VENDOR_DIR / "leaflet" / "LICENSE").read_text().startswith("BSD 2-Clause")
    assert "Leaflet 1.9.4" in (VENDOR_DIR / "leaflet" / "leaflet.js").read_text()[:200]


def test_localize_refuses_unvendored_plugins():
    fmap = folium.Map(tiles=None)
    folium.plugins.Fullscreen().add_to(fmap)
    assert remote_urls(fmap)
    with pytest.raises(OfflineAssetError, match="Fullscreen"):
        localize(fmap)


def test_download_rejects_unknown_format(shipped):
    with pytest.raises(UnsupportedFormatError):
        webmap.download(shipped, "kml")


@pytest.mark.parametrize("fmt", list(webmap.DOWNLOADS))
def test_downloads_of_a_selection(shipped, fmt):
    layers = {k: v.head(30) for k, v in shipped.items() if k in ("leagues", "banners", "industry")}
    data, name, mime = webmap.download(layers, fmt, bbox=tuple(shipped["leagues"].total_bounds))
    assert len(data) > 100 and name and mime
    magic = {"png": b"\x89PNG", "pdf": b"%PDF", "gpkg": b"SQLite format 3", "shp": b"PK"}
    if fmt in magic:
        assert data.startswith(magic[fmt])
    if fmt == "geojson":
        assert json.loads(data)  # parses


def test_st_folium_args_are_what_st_folium_sends(shipped, monkeypatch):
    import streamlit_folium

    small = {k: v.head(10) for k, v in shipped.items() if k in ("leagues", "industry")}
    options = {"key": "map", "height": 500, "returned_objects": []}
    captured = webmap.st_folium_args(webmap.build_map(small), **options)
    direct: dict = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: direct.update(kwargs))
    streamlit_folium.st_folium(webmap.build_map(small), **options)
    direct.pop("on_change")
    assert captured.keys() == direct.keys()
    assert captured["key"] == direct["key"] and captured["js_links"] == direct["js_links"]
    assert len(captured["script"]) == len(direct["script"]) and captured["returned_objects"] == []
    replayed: dict = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: replayed.update(kwargs))
    webmap.show_st_folium(captured)
    assert replayed == {**captured, "on_change": None}


def test_a_map_shown_while_another_thread_builds_one_reaches_the_component(shipped, monkeypatch):
    """Sessions run in threads: one showing its cached map while another captures a new one must reach
    streamlit-folium's component with its own arguments, and the capture must keep the other's."""
    import streamlit_folium

    sent: list[dict] = []

    class Component:  # what declare_component returns: callable, with a name
        name = "st_folium"

        def __call__(self, **kwargs):
            sent.append(kwargs)
            return {"bounds": None}

    monkeypatch.setattr(streamlit_folium, "_component_func", Component())
    real_hash = streamlit_folium.generate_js_hash
    inside, shown = threading.Event(), threading.Event()

    def held_hash(*args, **kwargs):  # the builder waits inside its capture until the other map is shown
        inside.set()
        assert shown.wait(10)
        return real_hash(*args, **kwargs)

    monkeypatch.setattr(streamlit_folium, "generate_js_hash", held_hash)
    small = {k: v.head(5) for k, v in shipped.items() if k in ("leagues", "industry")}
    built: dict = {}
    builder = threading.Thread(
        target=lambda: built.update(webmap.st_folium_args(webmap.build_map(small), key="map", height=400))
    )
    builder.start()
    assert inside.wait(30)
    other = {"script": "other session's map", "key": "other", "height": 300}
    value = webmap.show_st_folium(other)
    shown.set()
    builder.join(30)
    assert value == {"bounds": None}
    assert sent == [{**other, "on_change": None}]
    assert built["key"] != "other" and built["height"] == 400 and "L.map" in built["script"]


def test_hidden_layers_are_not_sent_until_asked_for(shipped):
    """Towns (hidden by default) cost the page nothing; asked for, they are drawn and listed."""
    towns = shipped["towns"].head(30)
    atlas = {"leagues": shipped["leagues"], "towns": towns}
    title = next(d.title for d in load_layers() if d.id == "towns")
    default = webmap.build_map(atlas)
    shown = webmap.build_map(atlas, hidden=())
    count = lambda fmap: len(webmap.geojson_properties(fmap))  # noqa: E731
    assert count(shown) - count(default) == len(towns[towns.geometry.notna()])
    page = webmap.map_html(default)
    assert f"{title} ({len(towns)})" not in page and f"未显示：{title}" in page
    assert f"{title} ({len(towns)})" in webmap.map_html(shown)
    assert webmap.payload_size(default) < webmap.payload_size(shown)


def test_view_bounds_reads_what_st_folium_reports():
    reported = {
        "bounds": {"_southWest": {"lat": 40.5, "lng": 109.25}, "_northEast": {"lat": 42.0, "lng": 112.5}}
    }
    assert webmap.view_bounds(reported) == (109.25, 40.5, 112.5, 42.0)
    # Before the browser has reported anything, or with a view that has no area: no bounds.
    assert webmap.view_bounds({}) is None
    assert webmap.view_bounds(None) is None
    assert webmap.view_bounds({"bounds": {"_southWest": {"lat": 41, "lng": 110}}}) is None
    flat = {"bounds": {"_southWest": {"lat": 41, "lng": 110}, "_northEast": {"lat": 41, "lng": 111}}}
    assert webmap.view_bounds(flat) is None
    assert webmap.view_bounds({"bounds": {"_southWest": {"lat": "x", "lng": 1}, "_northEast": {}}}) is None


def test_a_linked_project_popup_lists_every_source_escaped():
    from geoplan.output.webmap import sources_lines

    sources = json.dumps(
        [
            {
                "plan": "a.txt",
                "issuer": "甲旗",
                "plan_kind": "14th",
                "name": "<b>供水</b>",
                "box": "3-1",
                "page": 5,
            },
            {
                "plan": "b.txt",
                "issuer": "乙市",
                "plan_kind": "15th",
                "name": "供水工程",
                "box": "",
                "page": 0,
            },
        ],
        ensure_ascii=False,
    )
    lines = sources_lines(sources, carried_over=True)
    assert lines[0] == "<b>见于 2 个规划</b>（跨期延续）"
    assert lines[1] == "· 甲旗 十四五（专栏3-1 第5页）：&lt;b&gt;供水&lt;/b&gt;"
    assert lines[2] == "· 乙市 十五五（正文）：供水工程"
    assert sources_lines(json.dumps([{"plan": "a.txt"}])) == []  # one plan: nothing to add


def test_places_beyond_the_region_are_a_layer_switched_off(shipped):
    """The hulls of 东北地区 and 华北地区 crossed the whole map: they are one click away, in a layer of their own
    that the map does not show at first."""
    page = webmap.map_html(webmap.build_map(shipped))
    entry = re.search(r'"规划地名（区外） \((\d+)\)"\s*:\s*(feature_group_\w+)', page)
    assert entry is not None and int(entry.group(1)) >= 5
    assert f"{entry.group(2)}.addTo(" not in page  # in the layer control, not on the map
    shown = re.search(r'"规划地名 \((\d+)\)"\s*:\s*(feature_group_\w+)', page)
    assert shown is not None and f"{shown.group(2)}.addTo(" in page
    assert int(shown.group(1)) + int(entry.group(1)) == len(shipped["places"])


def test_a_league_or_banner_popup_calls_its_own_boundary_exact(shipped):
    """A league's popup said 盟市级（约略）: its league precision is its own boundary. A town placed at its
    banner's point stays 约略."""
    definitions = {d.id: d for d in load_layers()}
    for layer, level in (("leagues", "盟市级"), ("banners", "旗县级")):
        row = shipped[layer].iloc[0].to_dict()
        assert row["type"] == row["precision"]
        popup = webmap.place_popup(row, definitions[layer]).split("<br>")
        line = next(part for part in popup if part.startswith("定位精度："))
        assert line.startswith(f"定位精度：{level}（") and "约略" not in line, line
    towns = shipped["towns"]
    coarse = towns[towns["precision"] == "banner"]
    assert len(coarse)
    assert "旗县级（约略）" in webmap.place_popup(coarse.iloc[0].to_dict(), definitions["towns"])
