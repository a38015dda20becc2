"""geoplan web map: ``geoplan app`` or ``streamlit run app.py`` (opens the shipped atlas ``layers/atlas.gpkg``).

The Streamlit face on top of the library, shipped in the wheel; nothing in the library imports it.

A thin face: filtering and search live in :mod:`geoplan.output.selection`, drawing in :mod:`geoplan.output.webmap`,
exports in :mod:`geoplan.output.export`, static maps in :mod:`geoplan.output.render.compose`, the pipeline in
:mod:`geoplan.atlas.build`.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import streamlit as st

from geoplan.atlas.build import build_layers
from geoplan.atlas.schema import read_atlas
from geoplan.errors import GeoplanError, InputError
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.layers import load_layers
from geoplan.output import selection, webmap
from geoplan.output.offline import asset_base
from geoplan.read.plan import SUPPORTED_SUFFIXES
from geoplan.resources import DEFAULT_ATLAS

MAP_TITLE = "内蒙古五年规划地图"
TITLES = {d.id: d.title for d in load_layers()}
COLUMN_LABELS = {
    "layer": "图层",
    "name": "名称",
    "issuer": "编制单位",
    "plan": "规划文件",
    "sector": "行业",
    "action": "建设方式",
    "quantities_text": "规模",
    "locations": "地点",
    "league": "盟市",
    "banner": "旗县区",
    "precision": "定位精度",
    "feature_id": "编号",
}
DETAIL_LABELS = {
    **COLUMN_LABELS,
    "period": "规划期",
    "plan_kind": "规划类别",
    "chapter": "章",
    "section": "节",
    "box": "专栏",
    "box_title": "专栏标题",
    "page": "页码",
    "excerpt": "原文摘录",
    "geometry_basis": "定位依据",
    "approximate": "位置约略",
}
FILTERS = (  # (Filters field, sidebar label)
    ("plans", "规划"),
    ("leagues", "盟市"),
    ("banners", "旗县区"),
    ("sectors", "行业"),
    ("actions", "建设方式"),
    ("precisions", "定位精度"),
)


@st.cache_resource(show_spinner="读取图集…", max_entries=4)
def load_atlas(path: str, mtime: float) -> dict:
    """Read an atlas once per (path, modification time); callers must not mutate the frames."""
    return read_atlas(path)


@st.cache_resource(show_spinner=False)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once for every session of the server."""
    return Gazetteer.load()


def gazetteer_names():
    gazetteer = load_gazetteer()

    def names():
        for surface, place_id in gazetteer.names():
            yield surface, place_id, gazetteer.get(place_id).geometry

    return names


def secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml: Streamlit raises its own not-found error
        return {}


def sidebar_source() -> tuple[dict, tuple]:
    """The atlas to show (the chosen GeoPackage plus this session's uploads) and a token naming it."""
    st.sidebar.header("图集")
    source = st.sidebar.radio("来源", ["随附图集", "GeoPackage 路径"], key="source", horizontal=True)
    path = DEFAULT_ATLAS
    if source == "GeoPackage 路径":
        typed = st.sidebar.text_input("GeoPackage 文件", value=str(DEFAULT_ATLAS), key="atlas_path").strip()
        path = Path(typed).expanduser()
    try:
        mtime = path.stat().st_mtime if path.is_file() else 0.0
        atlas = load_atlas(str(path), mtime)
    except GeoplanError as error:
        st.sidebar.error(str(error))
        path, mtime = DEFAULT_ATLAS, DEFAULT_ATLAS.stat().st_mtime
        atlas = load_atlas(str(path), mtime)
    uploaded = st.session_state.get("uploaded_layers")
    token = (str(path), mtime, repr(st.session_state.get("ingested_all", ())))
    return (selection.merge_atlases(atlas, uploaded) if uploaded else dict(atlas)), token


def sidebar_filters(atlas: dict) -> selection.Filters:
    st.sidebar.header("筛选")
    choices = selection.options(atlas)
    chosen = {
        "layers": st.sidebar.multiselect(
            "图层",
            choices["layers"],
            format_func=lambda i: TITLES.get(i, i),
            key="f_layers",
            placeholder="全部",
        )
    }
    for field, label in FILTERS:
        values = choices[field]
        if field == "banners" and chosen.get("leagues"):
            values = selection.banners_of(atlas, chosen["leagues"])
        chosen[field] = st.sidebar.multiselect(label, values, key=f"f_{field}", placeholder="全部")
    return selection.Filters(**{k: tuple(v) for k, v in chosen.items()})


def sidebar_search(atlas: dict) -> selection.SearchHit | None:
    st.sidebar.header("搜索")
    query = st.sidebar.text_input("地名或项目名", key="query", placeholder="如：乌海、风电")
    if not query.strip():
        return None
    hits = selection.search(query, atlas, gazetteer_names())
    if not hits:
        st.sidebar.info(f"没有找到“{query}”")
        return None
    kinds = {"project": "项目", "place": "地名", "gazetteer": "地名库"}
    index = st.sidebar.selectbox(
        f"结果（{len(hits)}）",
        range(len(hits)),
        format_func=lambda i: f"{hits[i].label} · {kinds[hits[i].kind]} · {TITLES.get(hits[i].layer, '')}",
        key="hit",
    )
    return hits[index or 0]


def sidebar_counts(shown: dict, where) -> None:
    """Counts of what is shown, written into ``where`` (a sidebar container kept in its place)."""
    tally = selection.counts(shown)
    where.header("计数")
    where.markdown(
        f"项目与要素 **{tally['features']}**（位置约略 {tally['approximate']}）  \n"
        + "  \n".join(f"{TITLES.get(k, k)}：{tally[k]}" for k in shown)
    )


def sidebar_upload() -> None:
    st.sidebar.header("加入规划")
    types = [suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES]
    upload = st.sidebar.file_uploader(f"规划文件（{' / '.join(types)}）", type=types, key="upload")
    if upload is None:
        return
    token = (upload.name, hashlib.sha256(upload.getvalue()).hexdigest()[:16])
    if st.session_state.get("ingested") == token:
        st.sidebar.success(f"已加入：{upload.name}")
        return
    bar = st.sidebar.progress(0.0, text="处理规划…")

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(min(1.0, done / total) if total else 0.0, text=str(label))

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            layers = build_layers([path], gazetteer=load_gazetteer(), progress=progress)
        except InputError as error:
            bar.empty()
            st.sidebar.error(f"无法读取这个文件：{error}")
            return
        except GeoplanError as error:
            bar.empty()
            st.sidebar.error(f"处理失败：{error}")
            return
    earlier = st.session_state.get("uploaded_layers") or {}
    st.session_state["uploaded_layers"] = selection.merge_atlases(earlier, layers)
    st.session_state["ingested"] = token
    st.session_state["ingested_all"] = (*st.session_state.get("ingested_all", ()), token)
    bar.progress(1.0, text="完成")
    st.rerun()


def details(shown: dict, hit: selection.SearchHit) -> None:
    """Every attribute of the highlighted feature (plan metadata, quantities, precision, excerpt), as text."""
    record = selection.feature_record(shown, hit.layer, hit.key)
    if not record:
        return
    with st.expander(f"详情：{hit.label}", expanded=True):
        st.dataframe(
            {"字段": [DETAIL_LABELS.get(k, k) for k in record], "值": list(record.values())},
            hide_index=True,
            width="stretch",
        )


def table_focus(shown: dict, table) -> tuple[dict, tuple] | None:
    """The feature selected in the table (``table``: the rows it shows): (its row, its bounds)."""
    state = st.session_state.get("table") or {}
    rows = list((state.get("selection") or {}).get("rows") or [])
    if not rows or rows[0] >= len(table):
        return None
    row = table.iloc[rows[0]].to_dict()
    bounds = selection.feature_bounds(shown, row["layer"], row["feature_id"])
    return (row, bounds) if bounds else None


def downloads(shown: dict, bbox) -> None:
    """Downloads in a popover (drawn only when opened, so they cost the first map nothing): the selection
    in each GIS format, and PNG/PDF maps of ``bbox`` (the view on screen) from the static-map renderer."""
    with st.popover("下载当前选择", icon=":material/download:"):
        for fmt, (label, suffix, mime) in webmap.DOWNLOADS.items():
            st.download_button(
                label,
                data=lambda fmt=fmt: webmap.download(shown, fmt, bbox, MAP_TITLE, load_gazetteer())[0],
                file_name=f"geoplan-selection.{suffix}",
                mime=mime,
                key=f"dl_{fmt}",
                on_click="ignore",
                width="stretch",
            )


def feature_list(rows) -> None:
    """The feature table (``rows``), drawn on request: a table of every project delays the first map.
    Selecting a row zooms the map to it (see :func:`table_focus`)."""
    if not st.toggle(f"显示要素列表（{len(rows)}）", key="show_table", disabled=rows.empty):
        return
    st.dataframe(
        rows.assign(layer=lambda t: t["layer"].map(lambda i: TITLES.get(i, i))),
        column_config={column: st.column_config.TextColumn(label) for column, label in COLUMN_LABELS.items()},
        key="table",
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
    )


@st.cache_data(max_entries=16, show_spinner="绘制地图…")
def map_component(key: tuple, tianditu: str | None, _shown: dict, _hit: selection.SearchHit | None) -> dict:
    """The map component's arguments for one state of the app (``key``: atlas, filters, base map, hit,
    asset URL), built once and then replayed, so an unchanged map is not rendered again on a rerun."""
    _atlas, _filters, basemap, _hit_repr, base, hidden = key
    fmap = webmap.build_map(
        _shown, basemap=basemap, tianditu=tianditu, highlight=_hit, asset_base=base, hidden=hidden
    )
    return webmap.st_folium_args(
        fmap, key="map", height=620, use_container_width=True, returned_objects=["bounds"]
    )


@st.fragment
def map_and_downloads(args: dict, shown: dict, bbox: tuple) -> None:
    """The map, and the downloads of what it shows: panning or zooming reruns only this fragment (the
    cached map is not redrawn), so the PNG/PDF download follows the view on screen."""
    view = webmap.view_bounds(webmap.show_st_folium(args))
    downloads(shown, view or bbox)


def main() -> None:
    st.set_page_config(page_title="geoplan 规划地图", layout="wide")
    # What the map depends on comes first; the map is sent as soon as it is known, and the rest of the
    # page (counts, upload, details, table) after it, so the browser starts drawing it sooner.
    atlas, token = sidebar_source()
    filters = sidebar_filters(atlas)
    hit = sidebar_search(atlas)
    shown = selection.filter_atlas(atlas, filters)
    counts_slot = st.sidebar.container()
    choices = webmap.basemaps(webmap.tianditu_key(secrets()))
    basemap = st.sidebar.selectbox(
        "底图", list(choices), format_func=lambda i: choices[i].title, key="basemap"
    )
    # Towns (about a thousand points) are sent to the browser only on request: the first map comes sooner.
    towns = len(shown.get("towns", ()))
    show_towns = st.sidebar.toggle(f"显示乡镇点位（{towns}）", key="show_towns", disabled=not towns)

    st.title(MAP_TITLE)
    rows = selection.feature_table(shown)
    focus = table_focus(shown, rows)
    if focus and hit is None:
        row, bounds = focus
        hit = selection.SearchHit(row["name"], "project", row["layer"], row["feature_id"], bounds)
    key = (
        token,
        repr(filters),
        basemap,
        repr(hit),
        asset_base(st.get_option("server.baseUrlPath")),
        () if show_towns else ("towns",),
    )
    bbox = hit.bounds if hit is not None else selection.atlas_bounds(shown)
    map_and_downloads(map_component(key, webmap.tianditu_key(secrets()), _shown=shown, _hit=hit), shown, bbox)
    sidebar_counts(shown, counts_slot)
    sidebar_upload()
    if hit is not None:
        st.caption(f"定位：{hit.label}（{TITLES.get(hit.layer, hit.kind)}）")
    if hit is not None and hit.layer:
        details(shown, hit)

    feature_list(rows)


if __name__ == "__main__":  # `streamlit run` runs this file as __main__
    main()
