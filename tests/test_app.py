"""The Streamlit app through streamlit.testing's AppTest: filters, search, downloads, upload."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geoplan.app import STATIC_OFF, _shared_download
from geoplan.atlas.schema import read_atlas
from geoplan.layers import load_layers
from geoplan.output import selection, webmap
from geoplan.output.labels import SECTOR_LABELS

APP = str(Path(__file__).resolve().parents[1] / "app.py")
MAGIC = {"png": b"\x89PNG", "pdf": b"%PDF", "gpkg": b"SQLite format 3", "shp": b"PK"}


@pytest.fixture(autouse=True)
def _own_user_data(tmp_path, monkeypatch) -> None:
    """Each test keeps its uploads in its own folder (a reload restores them: tests must not share them)."""
    monkeypatch.setenv("GEOPLAN_USER_DATA", str(tmp_path / "userdata"))


@pytest.fixture(scope="module")
def shipped(atlas_path):
    return read_atlas(atlas_path)


@pytest.fixture(scope="module")
def small(tmp_path_factory, shipped):
    """A small GeoPackage cut from the shipped atlas (the first rows of each layer), and its frames; the app
    opens it through its 'GeoPackage path' source, which keeps these tests fast."""
    path = tmp_path_factory.mktemp("atlas") / "small.gpkg"
    for layer_id, frame in shipped.items():
        frame.head(40).to_file(path, layer=layer_id, driver="GPKG", engine="pyogrio")
    return path, read_atlas(path)


def run_small(small, **state) -> AppTest:
    return run_app(source="GeoPackage 路径", atlas_path=str(small[0]), **state)


def run_app(**state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def counts_text(at: AppTest) -> str:
    return next(m.value for m in at.sidebar.markdown if "项目与要素" in m.value)


def map_args(at: AppTest) -> dict:
    components = [e for e in at.main if getattr(e, "type", "") == "component_instance"]
    assert len(components) == 1, "one map component"
    return json.loads(components[0].proto.json_args)


def blocks(node):
    """Every block (container, popover, ...) under ``node``."""
    for child in getattr(node, "children", {}).values():
        if hasattr(child, "children"):
            yield child
            yield from blocks(child)


def table(at: AppTest):
    """The feature table (the run must have ``show_table`` on; it is the page's last dataframe)."""
    assert at.session_state["show_table"], "the feature table is drawn only when switched on"
    return at.dataframe[-1].value


def test_opens_the_shipped_atlas(shipped):
    at = run_app(show_table=True)
    total = selection.counts(shipped)["features"]
    assert f"**{total}**" in counts_text(at)
    args = map_args(at)
    assert "L.map" in args["script"] and "geoplan-legend" in args["html"] + args["script"]
    assert all(link.startswith("/app/static/vendor/") for link in args["js_links"] + args["css_links"])
    # The map reports back its view, a click and a drawn outline (the correction panel): each reruns only the
    # map's fragment (the downloads follow the view), never the whole script; tests/test_browser.py measures
    # what a pan sends.
    assert args["returned_objects"] == ["bounds", "last_clicked", "last_active_drawing"]
    assert len(table(at)) == total


def test_sector_filter_narrows_table_counts_and_map(small):
    atlas = small[1]
    sectors = selection.options(atlas)["sectors"]
    assert sectors, "the shipped atlas has sectors"
    sector = sectors[0]
    at = run_small(small, show_table=True)
    assert f"**{selection.counts(atlas)['features']}**" in counts_text(at)
    at.sidebar.multiselect(key="f_sectors").select(sector).run()
    assert not at.exception
    expected = selection.counts(selection.filter_atlas(atlas, selection.Filters(sectors=(sector,))))
    assert f"**{expected['features']}**" in counts_text(at)
    assert set(table(at)["sector"]) == {SECTOR_LABELS[sector]}  # shown in Chinese, filtered by code
    # the layer filter drops layers from the map
    at.sidebar.multiselect(key="f_layers").set_value(["leagues"]).run()
    assert len(table(at)) == 0 and "盟市" in counts_text(at) and "基础设施" not in counts_text(at)


def test_search_zooms_to_and_highlights_a_place(small):
    atlas = small[1]
    frame = atlas["places"] if not atlas["places"].empty else atlas["towns"]
    name = sorted(n for n in frame["name"].astype(str) if len(n) >= 2)[0]
    at = run_small(small)
    at.sidebar.text_input(key="query").input(name).run()
    assert not at.exception
    assert any(c.value.startswith(f"定位：{name}") for c in at.caption)
    script = map_args(at)["script"]
    assert "geoplan-highlight" in script and "fitBounds" in script
    at.sidebar.text_input(key="query").input("绝不存在的地名ZZZ").run()
    assert any("没有找到" in i.value for i in at.sidebar.info)


def test_downloads_of_the_current_selection(small, deferred):
    at = run_small(small, f_layers=["leagues", "industry", "infrastructure"])
    popovers = [b for b in blocks(at.main) if b.type == "popover"]
    assert len(popovers) == 1 and popovers[0].proto.popover.label == "下载当前选择"
    buttons = {b.label: b for b in popovers[0].get("download_button")}
    assert list(buttons) == [label for label, *_ in webmap.DOWNLOADS.values()]
    for fmt, (label, suffix, _mime) in webmap.DOWNLOADS.items():
        assert not buttons[label].proto.disabled
        data = deferred[f"geoplan-selection.{suffix}"]()
        assert isinstance(data, bytes) and len(data) > 100, fmt
        assert data.startswith(MAGIC.get(fmt, b"")), fmt


def test_the_map_downloads_follow_the_view_on_screen(small, deferred, monkeypatch):
    """The PNG/PDF download covers the view the browser reports (st_folium's ``bounds``), not the
    selection's extent; before any report it covers the selection."""
    view = (110.0, 40.0, 112.0, 41.5)
    reported: dict = {}
    real_show = webmap.show_st_folium

    def show(args):
        real_show(args)
        assert args["returned_objects"] == ["bounds", "last_clicked", "last_active_drawing"]
        return reported

    boxes = []
    _shared_download.clear()  # downloads are shared across sessions: make this test's afresh
    monkeypatch.setattr(webmap, "show_st_folium", show)
    monkeypatch.setattr(
        webmap,
        "download",
        lambda shown, fmt, bbox=None, title="", gazetteer=None: boxes.append(bbox) or (b"", "", ""),
    )
    run_small(small)
    deferred["geoplan-selection.png"]()
    assert boxes[-1] == selection.atlas_bounds(small[1])
    reported["bounds"] = {
        "_southWest": {"lat": view[1], "lng": view[0]},
        "_northEast": {"lat": view[3], "lng": view[2]},
    }
    run_small(small)
    deferred["geoplan-selection.png"]()
    assert boxes[-1] == view


def test_upload_adds_a_plan_to_the_session_atlas(plan_files, small):
    plan = plan_files[0]
    at = run_small(small, show_table=True)
    before = set(table(at)["feature_id"])
    at.sidebar.file_uploader(key="upload").set_value((plan.name, plan.read_bytes(), "text/plain")).run()
    assert not at.exception and not at.sidebar.error, [e.value for e in at.sidebar.error]
    assert "uploaded_layers" in at.session_state
    added = at.session_state["uploaded_layers"]
    assert any(plan.name in set(frame.get("plan", [])) for frame in added.values())
    added_ids = {i for k, f in added.items() if selection.is_thematic(k) for i in f["feature_id"]}
    assert len(added_ids) > 150 and added_ids - before  # a whole league plan, beyond the small atlas rows
    # The table shows every feature once: the plan's features replace its rows already in the atlas.
    assert sorted(table(at)["feature_id"]) == sorted(before | added_ids)
    assert plan.name in selection.options(selection.merge_atlases(small[1], added))["plans"]
    assert any(plan.name in s.value for s in at.sidebar.success)


def test_a_bad_upload_says_why_and_changes_nothing(small):
    at = run_small(small)
    before = counts_text(at)
    at.sidebar.file_uploader(key="upload").set_value(
        ("broken.pdf", b"\x00\x01 not a pdf \xff", "application/pdf")
    )
    at.run()
    assert not at.exception
    assert any("无法读取" in e.value for e in at.sidebar.error)
    assert counts_text(at) == before and "uploaded_layers" not in at.session_state


def test_a_missing_atlas_path_is_reported_and_the_shipped_one_stays(tmp_path):
    at = run_app(source="GeoPackage 路径", atlas_path=str(tmp_path / "missing.gpkg"))
    assert not at.exception
    assert any("missing.gpkg" in e.value and e.value.startswith("无法打开") for e in at.sidebar.error)
    assert f"**{selection.counts(read_atlas())['features']}**" in counts_text(at)


def test_selecting_a_table_row_zooms_to_it_and_shows_its_details(small):
    table_rows = selection.feature_table(small[1])
    assert not table_rows.empty
    at = run_small(small, show_table=True, table={"selection": {"rows": [1], "columns": [], "cells": []}})
    row = table_rows.iloc[1]
    assert any(c.value.startswith(f"定位：{row['name']}") for c in at.caption)
    script = map_args(at)["script"]
    assert "geoplan-highlight" in script and "fitBounds" in script
    assert [e.label for e in at.expander if e.label != "校正位置"] == [f"详情：{row['name']}"]
    details = at.dataframe[0].value
    record = selection.feature_record(small[1], row["layer"], row["feature_id"])
    coded = {
        "sector",
        "precision",
        "geometry_basis",
        "approximate",
        "carryover",
        "kind",
        "issuer_level",
        "type",
    }
    record = {k: v for k, v in record.items() if v.strip()}  # the empty attributes are left out
    shown = dict(zip(record, details["值"], strict=True))
    assert {k: shown[k] for k in record if k not in coded} == {
        k: v for k, v in record.items() if k not in coded
    }
    assert shown["approximate"] in ("是", "否")
    assert all(not str(shown[k]).isascii() for k in coded & set(record) if record[k])
    assert "原文摘录" in set(details["字段"]) and "定位精度" in set(details["字段"])


def test_the_details_of_a_banner_list_only_what_it_has(shipped):
    """A banner has a column per plan and summary: the 详情 table listed about a hundred rows, most empty
    (the plans that do not cover it); it lists the attributes with a value."""
    record = selection.feature_record(shipped, "banners", "banner:150825")
    empty = [k for k, v in record.items() if not v.strip()]
    assert record["name"] == "乌拉特后旗" and len(empty) > 20
    at = run_app(query="乌拉特后旗")
    assert [e.label for e in at.expander if e.label.startswith("详情")] == ["详情：乌拉特后旗"]
    details = at.dataframe[0].value
    assert len(details) == len(record) - len(empty) and all(str(v).strip() for v in details["值"])
    assert "名称" in set(details["字段"])
    # a banner at banner precision is its own area, exactly: not 约略
    assert dict(zip(details["字段"], details["值"], strict=True))["定位精度"] == "旗县级"


def test_the_feature_table_is_drawn_only_when_switched_on(small):
    """Off by default (the first map comes sooner); the switch names how many rows it holds."""
    at = run_small(small)
    total = len(selection.feature_table(small[1]))
    switch = at.toggle(key="show_table")
    assert switch.value is False and switch.label == f"显示要素列表（{total}）"
    assert len(at.dataframe) == 0
    switch.set_value(True).run()
    assert not at.exception
    assert len(table(at)) == total
    assert list(table(at).columns) == list(selection.TABLE_COLUMNS)


def test_towns_reach_the_map_only_when_switched_on(small):
    title = next(d.title for d in load_layers() if d.id == "towns")
    towns = len(small[1]["towns"])
    assert towns
    off = map_args(run_small(small))["script"]
    on = map_args(run_small(small, show_towns=True))["script"]
    assert f"{title} ({towns})" not in off and f"{title} ({towns})" in on
    assert len(on) > len(off)


def test_the_table_shows_codes_in_chinese(shipped):
    """Sector and precision codes (``ecology``, ``banner``) read in Chinese in the table; exports keep them."""
    at = run_app(show_table=True)
    rows = table(at)
    for column in ("sector", "precision"):
        values = {str(v) for v in rows[column] if str(v)}
        assert values and not [v for v in values if v.isascii()], (column, sorted(values)[:5])
    assert "生态保护" in {part for v in rows["sector"] for part in str(v).split("、")}
    assert "旗县级（约略）" in set(rows["precision"])
    codes = set(selection.options(shipped)["sectors"])
    assert codes <= set(SECTOR_LABELS), codes - set(SECTOR_LABELS)


def test_every_sector_of_the_keywords_has_a_chinese_label():
    from geoplan.extract.classify import sector_keywords

    assert set(sector_keywords()) <= set(SECTOR_LABELS)
    assert all(not label.isascii() for label in SECTOR_LABELS.values())


def test_issuer_area_projects_are_listed_not_mapped(shipped):
    """Projects a plan names without a place (geometry_basis 'issuer area') are in a panel, not on the map;
    so is the one placed at the whole region (五个基地, located at 内蒙古自治区)."""
    area = {
        layer_id: frame[
            (frame["geometry_basis"] == "issuer area")
            | ((frame["name"] == "五个基地") & (frame["locations"] == "内蒙古自治区"))
        ]
        for layer_id, frame in shipped.items()
        if "geometry_basis" in frame.columns
    }
    expected = sum(len(frame) for frame in area.values())
    assert expected > 0
    mapped = {
        str(n)
        for frame in shipped.values()
        if "geometry_basis" in frame.columns
        for n in frame.loc[frame["geometry_basis"] != "issuer area", "name"]
    }
    only_area = sorted({str(n) for frame in area.values() for n in frame["name"]} - mapped)
    assert only_area
    at = run_app(show_issuer_area_list=True)
    switch = at.toggle(key="show_issuer_area_list")
    assert switch.label == f"全域项目 {expected} 个"
    listed = at.dataframe[-1].value
    assert len(listed) == expected and list(listed.columns) == ["name", "plan", "layer"]
    script = map_args(at)["script"]
    hidden = [n for n in only_area if n not in script]
    assert len(hidden) >= 0.9 * len(only_area)  # a few are parts of longer names on the map
    at.sidebar.toggle(key="show_issuer_area").set_value(True).run()
    script = map_args(at)["script"]
    assert all(n in script for n in hidden)


def test_an_uploaded_plan_is_kept_listed_restored_and_removed(plan_files, small, tmp_path):
    """A new session (a reload) restores what was uploaded; 删除 forgets it."""
    plan = plan_files[1]
    at = run_small(small)
    before = counts_text(at)
    at.sidebar.file_uploader(key="upload").set_value((plan.name, plan.read_bytes(), "text/plain"))
    at.run()
    assert not at.exception
    kept = list((tmp_path / "userdata").rglob(f"*-{plan.name}"))
    assert len(kept) == 1 and kept[0].read_bytes() == plan.read_bytes()
    added = counts_text(at)
    assert added != before
    fresh = run_small(small)  # a reload: a new session
    assert counts_text(fresh) == added
    assert any(h.value.startswith("已保存的文件（1）") for h in fresh.sidebar.header)
    fresh.sidebar.button(
        key=next(b.key for b in fresh.sidebar.button if b.key.startswith("drop_"))
    ).click().run()
    assert not fresh.exception
    assert counts_text(fresh) == before and not list((tmp_path / "userdata").rglob(f"*-{plan.name}"))


def test_every_detail_row_is_named_and_valued_in_chinese(atlas_path) -> None:
    """The 详情 table showed raw keys (kind, issuer_level, p003_invest_yi) and codes (project, league, airport)."""
    from geoplan.app import detail_label, readable
    from geoplan.atlas.schema import read_atlas
    from geoplan.atlas.summary import scopes

    atlas = read_atlas(atlas_path)
    titles = {scope.key: scope.title for scope in scopes(atlas)}
    columns = {column for frame in atlas.values() for column in frame.columns if column != "geometry"}
    english = sorted(c for c in columns if not re.search(r"[\u4e00-\u9fff]", detail_label(c, titles)))
    assert english == []
    assert detail_label("p003_invest_yi", titles).endswith("投资（亿元）")
    assert (readable("kind", "project"), readable("issuer_level", "league"), readable("type", "airport")) == (
        "规划项目",
        "盟市",
        "机场",
    )


def _layer_control(at: AppTest) -> dict[str, int]:
    """The map's layer-control entries: title -> the count in its name ('基础设施 (189)')."""
    args = map_args(at)
    names = re.findall(r'"([^"(]{1,30}) \((\d+)\)"', args["script"] + args["html"])
    return {title: int(count) for title, count in names}


def _sidebar(at: AppTest) -> dict[str, int]:
    """The sidebar's per-layer lines ('基础设施：189'; '规划地名（区外，默认关闭）：32' as the map names it)."""
    found = re.findall(r"^([^：*]+)：(\d+) *$", counts_text(at), flags=re.M)
    return {title.replace("，默认关闭", ""): int(count) for title, count in found}


@pytest.mark.parametrize(
    "state",
    [{}, {"show_issuer_area": True}, {"f_sectors": ["road"]}, {"show_towns": True}],
)
def test_sidebar_counts_are_the_map_layer_counts(shipped, state):
    """The sidebar lists, for every layer the map draws, the count in that layer's entry of the map's
    layer control (issuer-area projects and context beyond the region counted as the map draws them)."""
    at = run_app(**state)
    control, sidebar = _layer_control(at), _sidebar(at)
    assert control and control == {title: n for title, n in sidebar.items() if title in control}
    assert set(sidebar) - set(control) <= {"苏木乡镇"}  # only a layer not sent to the map is extra
    assert ("苏木乡镇" in control) == bool(state.get("show_towns"))
    total = int(re.search(r"项目与要素 \*\*(\d+)\*\*", counts_text(at))[1])
    on_map = int(re.search(r"地图上 (\d+)", counts_text(at))[1])
    thematic = {d.title for d in load_layers() if d.group == "thematic"}
    assert on_map == sum(n for title, n in control.items() if title.split("（")[0] in thematic)
    assert (total == on_map) == bool(state.get("show_issuer_area"))


def test_filters_say_all_in_chinese_and_offer_no_english_select_all(shipped):
    """Every filter of the sidebar reads 全部 when empty, and Streamlit's "Select all" entry (English, not
    settable) is off: an empty filter already means all."""
    at = run_app()
    filters = list(at.sidebar.multiselect)
    assert {f.key for f in filters} >= {"f_layers", "f_plans", "f_sectors", "f_precisions"}
    for widget in filters:
        assert widget.proto.placeholder == "全部" and widget.proto.select_all == 0, widget.key
    for widget in at.selectbox:  # a select box without a default says what choosing nothing means, in Chinese
        if widget.proto.placeholder:
            assert re.search(r"[\u4e00-\u9fff]", widget.proto.placeholder), widget.key


def test_a_server_without_static_files_says_how_to_start_the_app(small):
    """`streamlit run` outside the checkout (no .streamlit/config.toml) does not serve Leaflet: the map was
    an empty space with no word of why; the page now says how to start the app."""
    from streamlit import config

    before = config.get_option("server.enableStaticServing")
    try:
        config.set_option("server.enableStaticServing", False)
        off = run_small(small)
        assert [e.value for e in off.error] == [STATIC_OFF]
        assert "geoplan app" in STATIC_OFF and "--server.enableStaticServing=true" in STATIC_OFF
        config.set_option("server.enableStaticServing", True)
        assert not run_small(small).error
    finally:
        config.set_option("server.enableStaticServing", before)
