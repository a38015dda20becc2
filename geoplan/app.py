"""geoplan web map: ``geoplan app`` or ``streamlit run app.py`` (opens the shipped atlas ``layers/atlas.gpkg``).

The Streamlit face on top of the library, shipped in the wheel; nothing in the library imports it.

A thin face: filtering and search live in :mod:`geoplan.output.selection`, drawing in :mod:`geoplan.output.webmap`,
exports in :mod:`geoplan.output.export`, static maps in :mod:`geoplan.output.render.compose`, the pipeline in
:mod:`geoplan.atlas.build`.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

import streamlit as st
from shapely.geometry import Point
from streamlit import runtime

from geoplan.atlas.build import build_layers
from geoplan.atlas.hierarchy import plan_tree
from geoplan.atlas.schema import read_atlas
from geoplan.atlas.summary import MEASURES, describe_column, field_title, scopes, summary_fields
from geoplan.errors import GeoplanError, InputError
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.overlay import (
    Overlay,
    OverlayRecord,
    current_user,
    open_overlay,
    precision_of,
    with_overlay,
)
from geoplan.layers import load_layers
from geoplan.output import selection, user_store, webmap, webmap_layers
from geoplan.output.choropleth import SCHEMES, classify
from geoplan.output.labels import action_label, basis_label, place_type_label, sector_label
from geoplan.output.offline import asset_base
from geoplan.output.raster import EQUAL_AREA_CRS, density, weight_fields
from geoplan.output.render.data import load_water
from geoplan.output.user_files import KINDS, read_user_file
from geoplan.output.webfont import page_style
from geoplan.read.model import PlanMeta
from geoplan.read.plan import SUPPORTED_SUFFIXES
from geoplan.resources import DEFAULT_ATLAS

MAP_TITLE = "内蒙古五年规划地图"
#: shown when the server does not serve ``static/`` (Leaflet): ``streamlit run`` without the checkout's
#: ``.streamlit/config.toml`` (another working folder, or the app of an installed wheel) drew an empty map
STATIC_OFF = (
    "地图无法显示：服务器未提供静态文件（Leaflet）。请用 geoplan app 启动，"
    "或给 streamlit run 加上 --server.enableStaticServing=true"
)
DOWNLOAD_NAME = "geoplan-selection.{suffix}"  # the file name of a download of the selection
POINT, POLYGON = "点", "面"  # what a correction sets
TITLES = {d.id: d.title for d in load_layers()}
COLUMN_LABELS = {
    "layer": "图层",
    "name": "名称",
    "description": "说明",
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
    "plans": "见于规划",
    "carryover": "跨期延续",
    "kind": "要素类别",
    "issuer_level": "编制单位层级",
    "item": "条目",
    "quantities": "数量（解析）",
    "sources": "来源规划",
    "place_id": "地名编号",
    "place_ids": "地名编号",
    "type": "地名类型",
    "adcode": "行政区划代码",
    "geometry_source": "几何来源",
}
#: Feature kinds and issuer levels as a user reads them.
KIND_LABELS = {"project": "规划项目", "place": "地名"}
LEVEL_LABELS = {"province": "自治区", "league": "盟市", "banner": "旗县区"}
FILTERS = (  # (Filters field, sidebar label)
    ("plans", "规划"),
    ("leagues", "盟市"),
    ("banners", "旗县区"),
    ("sectors", "行业"),
    ("actions", "建设方式"),
    ("precisions", "定位精度"),
)

CODE_LABELS = {  # filter -> the Chinese label of a code it offers
    "sectors": sector_label,
    "actions": action_label,
    "precisions": webmap.precision_label,
}
#: Table and detail columns holding codes -> their Chinese labels (exports keep the codes).
COLUMN_CODES = {
    "sector": sector_label,
    "precision": webmap.precision_label,
    "geometry_basis": basis_label,
    "approximate": lambda v: "是" if str(v) in ("1", "True", "true") else "否",
    "carryover": lambda v: "是" if str(v) in ("1", "True", "true") else "否",
    "kind": lambda v: KIND_LABELS.get(str(v), v),
    "issuer_level": lambda v: LEVEL_LABELS.get(str(v), v),
    "type": place_type_label,
}


def detail_label(column: str, scope_titles: Mapping[str, str]) -> str:
    """A feature's column as the detail table names it: a summary column by its scope and measure
    ('锡林郭勒盟“十五五”规划：投资（亿元）'), other columns by :data:`DETAIL_LABELS`."""
    if column in DETAIL_LABELS:
        return DETAIL_LABELS[column]
    if describe_column(column):
        scope_key = column.partition("_")[0]
        measure = "各行业项目数" if column.endswith("_sectors") else field_title(column)
        return f"{scope_titles.get(scope_key, scope_key)}：{measure}"
    return column


def readable(column: str, value: object) -> object:
    """A table or detail value as a user reads it: codes in Chinese."""
    label = COLUMN_CODES.get(column)
    return label(value) if label is not None else value


@st.cache_resource(show_spinner="读取图集…", max_entries=4)
def load_atlas(path: str, mtime: float) -> dict:
    """Read an atlas once per (path, modification time); callers must not mutate the frames."""
    return read_atlas(path)


def shared(function: str | Callable, atlas: dict, *args: object):
    """``function(atlas, *args)`` (a name in :mod:`geoplan.output.selection`, or a function) computed once for
    every session showing the same frames (by identity: :func:`load_atlas`'s frames, and what this returns
    for them, are shared) and arguments (by ``repr``).  Callers must not mutate the result."""
    if isinstance(function, str):
        name, function = function, getattr(selection, function)
    else:
        name = f"{function.__module__}.{function.__qualname__}"
    frames = tuple((layer, id(frame)) for layer, frame in atlas.items())
    return _shared(name, frames, repr(args), atlas, args, function)[1]


@st.cache_resource(max_entries=64, show_spinner=False)
def _shared(
    name: str, frames: tuple, args_repr: str, _atlas: dict, _args: tuple, _function: Callable
) -> tuple:
    # The atlas is kept with the result so the frames' ids cannot be reused while the entry lives.
    return _atlas, _function(_atlas, *_args)


def overlay() -> Overlay:
    """The overlay corrections are saved to and read from ($GEOPLAN_OVERLAY, $GEOPLAN_DSN or the user's)."""
    return open_overlay()


@st.cache_resource(show_spinner=False, max_entries=4)
def _gazetteer(label: str, version: str, _store: Overlay) -> Gazetteer:
    """The shipped gazetteer with the overlay on top, once per state of the overlay."""
    return with_overlay(Gazetteer.load(), _store.records())


def load_gazetteer() -> Gazetteer:
    """The gazetteer every part of the app uses: shipped records and the overlay's."""
    store = overlay()
    return _gazetteer(store.label, store.version(), store)


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
        st.sidebar.error(f"无法打开这个 GeoPackage，仍显示随附图集：{error}")
        path, mtime = DEFAULT_ATLAS, DEFAULT_ATLAS.stat().st_mtime
        atlas = load_atlas(str(path), mtime)
    note_opened(path, mtime, atlas)
    uploaded = st.session_state.get("uploaded_layers")
    store = overlay()
    token = (str(path), mtime, repr(st.session_state.get("ingested_all", ())), store.version())
    shown = selection.merge_atlases(atlas, uploaded) if uploaded else dict(atlas)
    moved = tuple(sorted({record.place_id for record in store.records()}))
    return (shared("relocate", shown, load_gazetteer(), moved) if moved else shown), token


def note_opened(path: Path, mtime: float, atlas: dict) -> None:
    """Remember a GeoPackage opened by path (not the shipped one) as the last thing loaded, once per file."""
    if path == DEFAULT_ATLAS:
        return
    token = ("path", str(path), mtime)
    if st.session_state.get("opened_token") != token:
        st.session_state["opened_token"] = token
        remember_loaded(token, path.name, atlas, selection.atlas_bounds(atlas))


def remember_loaded(token: tuple, label: str, layers: dict, bounds) -> None:
    """What was loaded last (its thematic or plain layers and the view to show): the map zooms to it."""
    kept = {name: frame for name, frame in layers.items() if name not in selection.BASE_LAYERS}
    st.session_state["last_loaded"] = (token, label, kept, bounds)


def loaded_view() -> tuple[tuple, tuple | None]:
    """(token, (label, layers, bounds)) of what was loaded last, or ((), None)."""
    last = st.session_state.get("last_loaded")
    if not last:
        return (), None
    token, label, layers, bounds = last
    return token, (label, layers, bounds)


#: what an empty filter means, shown in its box.
ALL = "全部"


def filter_select(label: str, values: list[str], key: str, format_func: Callable) -> list[str]:
    """One filter of the sidebar: nothing chosen means all (:data:`ALL` in the box).  Streamlit's own
    "Select all" entry is left out: its English words cannot be set, and choosing every value is what an
    empty filter already does."""
    return st.sidebar.multiselect(
        label, values, format_func=format_func, key=key, placeholder=ALL, select_all=False
    )


def sidebar_filters(atlas: dict) -> selection.Filters:
    st.sidebar.header("筛选")
    choices = shared("options", atlas)
    chosen = {"layers": filter_select("图层", choices["layers"], "f_layers", lambda i: TITLES.get(i, i))}
    for field, label in FILTERS:
        values = choices[field]
        if field == "banners" and chosen.get("leagues"):
            values = shared("banners_of", atlas, tuple(chosen["leagues"]))
        if field == "plans":
            values, labels = plan_choices(atlas, values)
            chosen[field] = filter_select(label, values, "f_plans", labels.get)
            continue
        chosen[field] = filter_select(label, values, f"f_{field}", CODE_LABELS.get(field, str))
    filters = selection.Filters(**{k: tuple(v) for k, v in chosen.items()})
    return replace(filters, min_plans=sidebar_min_plans(atlas))


def plan_choices(atlas: dict, plans: list[str]) -> tuple[list[str], dict[str, str]]:
    """The plans in hierarchy order (a city's plan, its banners' plans beneath it) and their labels."""
    issuers = shared("plan_issuers", atlas)
    metas = {}
    for plan in plans:
        issuer, level, kind = issuers.get(plan, ("", "", ""))
        metas[plan] = PlanMeta(issuer, level, None, kind, False, (0, 0), "")
    ordered = plan_tree(metas, load_gazetteer())
    labels = {
        plan: "　" * depth + ("└ " if depth else "") + f"{metas[plan].issuer or plan} · {plan}"
        for plan, depth in ordered
    }
    return [plan for plan, _ in ordered], labels


def sidebar_min_plans(atlas: dict) -> int:
    """The "named in N plans" filter: 0 (all) or the least number of plans naming a feature."""
    counts = [n for n in shared("plan_counts", atlas) if n > 1]
    if not counts:
        return 0
    options = [0, *counts]
    return st.sidebar.selectbox(
        "见于规划数",
        options,
        format_func=lambda n: ALL if n == 0 else f"至少 {n} 个规划",
        key="f_min_plans",
    )


def sidebar_search(atlas: dict) -> selection.SearchHit | None:
    st.sidebar.header("搜索")
    query = st.sidebar.text_input("地名或项目名", key="query", placeholder="如：乌海、风电")
    if not query.strip():
        return None
    store = overlay()
    hits = _search(atlas, query, (store.label, store.version()))
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


def _search(atlas: dict, query: str, gazetteer_state: tuple) -> list[selection.SearchHit]:
    """:func:`selection.search` over the atlas and the gazetteer as it stands (``gazetteer_state``: the
    overlay's label and version), once for every session searching the same words in the same frames."""
    frames = tuple((layer, id(frame)) for layer, frame in atlas.items())
    return _searched(query, frames, gazetteer_state, atlas)[1]


@st.cache_resource(max_entries=128, show_spinner=False)
def _searched(query: str, frames: tuple, gazetteer_state: tuple, _atlas: dict) -> tuple:
    # The atlas is kept with the hits so the frames' ids cannot be reused while the entry lives.
    return _atlas, selection.search(query, _atlas, gazetteer_names())


def sidebar_counts(on_map: dict, where, not_drawn: int = 0, hidden: tuple[str, ...] = ()) -> None:
    """Counts of the map's selection written into ``where`` (a sidebar container kept in its place): the
    same :func:`geoplan.output.selection.counts` the map's layer control is titled with, for the atlas the map
    draws (``on_map``); ``not_drawn`` issuer-area projects of the selection left off the map, ``hidden``
    layers not sent to the map (towns until switched on)."""
    tally = shared("counts", on_map)
    lines = [
        f"项目与要素 **{tally['features'] + not_drawn}**（地图上 {tally['features']}，位置约略 "
        f"{tally['approximate']}" + (f"；全域项目 {not_drawn} 个未绘出" if not_drawn else "") + "）"
    ]
    for layer_id in on_map:
        title = TITLES.get(layer_id, layer_id)
        if layer_id in hidden:
            lines.append(f"{title}：{len(on_map[layer_id])}（未显示）")
            continue
        lines.append(f"{title}：{tally[layer_id]}")
        if selection.outside_key(layer_id) in tally:
            lines.append(f"{title}（区外，默认关闭）：{tally[selection.outside_key(layer_id)]}")
    where.header("计数")
    where.markdown("  \n".join(lines))


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
            st.sidebar.error(f"无法读取这个文件：{_without_folder(error, folder)}")
            return
        except GeoplanError as error:
            bar.empty()
            st.sidebar.error(f"处理失败：{_without_folder(error, folder)}")
            return
        except Exception as error:  # a file must never bring the page down: one line, no traceback
            bar.empty()
            st.sidebar.error(f"处理失败：内部错误（{type(error).__name__}）")
            return
    earlier = st.session_state.get("uploaded_layers") or {}
    st.session_state["uploaded_layers"] = selection.merge_atlases(earlier, layers)
    st.session_state["ingested"] = token
    st.session_state["ingested_all"] = (*st.session_state.get("ingested_all", ()), token)
    remember_loaded(("upload", *token), upload.name, layers, selection.loaded_bounds(layers))
    keep(upload.name, upload.getvalue())
    bar.progress(1.0, text="完成")
    st.rerun()


def sidebar_gis_upload() -> None:
    """A GeoPackage, GeoJSON or zipped Shapefile from the user's machine: checked, read, zoomed to."""

    types = sorted({suffix.lstrip(".") for suffix in KINDS})
    upload = st.sidebar.file_uploader(
        "GIS 文件（GeoPackage / GeoJSON / 压缩的 Shapefile）", type=types, key="gis_upload"
    )
    if upload is None:
        return
    token = ("file", upload.name, hashlib.sha256(upload.getvalue()).hexdigest()[:16])
    if st.session_state.get("gis_ingested") == token:
        st.sidebar.success(f"已加入：{upload.name}")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            read = read_user_file(path, upload.name)
        except GeoplanError as error:
            st.sidebar.error(f"无法读取这个文件：{_without_folder(error, folder)}")
            return
        except Exception as error:  # a file must never bring the page down: one line, no traceback
            st.sidebar.error(f"无法读取这个文件：内部错误（{type(error).__name__}）")
            return
    add_user_file(token, read)
    keep(upload.name, upload.getvalue())
    st.rerun()


def add_user_file(token: tuple, read) -> None:
    """Put a read user file into the session: atlas layers join the atlas, plain layers are drawn apart."""
    if read.atlas:
        earlier = st.session_state.get("uploaded_layers") or {}
        st.session_state["uploaded_layers"] = selection.merge_atlases(earlier, read.atlas)
        st.session_state["ingested_all"] = (*st.session_state.get("ingested_all", ()), token)
    if read.plain:
        st.session_state["plain_layers"] = {**st.session_state.get("plain_layers", {}), **read.plain}
    st.session_state["gis_ingested"] = token
    remember_loaded(token, read.name, read.layers, selection.loaded_bounds(read.layers))


def keep(name: str, data: bytes) -> None:
    """Keep an uploaded file server-side (a reload restores it); a failure to keep it is said, not fatal."""

    try:
        user_store.save(name, data)
    except (GeoplanError, OSError) as error:
        st.sidebar.warning(f"未能保存到服务器，刷新后需重新上传：{error}")


@st.cache_resource(show_spinner="恢复已保存的规划…", max_entries=16)
def _built_plan(path: str, name: str, digest: str) -> dict:
    """A kept plan built once per server (``digest``: its content), under the name it was uploaded as."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / name
        copy.write_bytes(Path(path).read_bytes())
        return build_layers([copy], gazetteer=load_gazetteer())


def restore_saved() -> None:
    """Once per session: what this user uploaded before (kept by :func:`keep`) is loaded again."""
    if st.session_state.get("restored"):
        return
    st.session_state["restored"] = True

    for item in user_store.saved():
        try:
            if item.path.suffix.lower() in KINDS:
                add_user_file(("file", item.name, item.digest), read_user_file(item.path, item.name))
                continue
            token = (item.name, item.digest)
            layers = _built_plan(str(item.path), item.name, item.digest)
        except Exception as error:  # one bad kept file must not stop the page
            st.sidebar.warning(f"无法恢复已保存的文件：{item.name}（{type(error).__name__}）")
            continue
        earlier = st.session_state.get("uploaded_layers") or {}
        st.session_state["uploaded_layers"] = selection.merge_atlases(earlier, layers)
        st.session_state["ingested_all"] = (*st.session_state.get("ingested_all", ()), token)
    st.session_state.pop("last_loaded", None)  # a reload opens on the region, not on the last file


def sidebar_saved() -> None:
    """The files kept for this user, each with a 删除 button (the page then reloads without it)."""

    items = user_store.saved()
    if not items:
        return
    st.sidebar.header(f"已保存的文件（{len(items)}）")
    for item in items:
        left, right = st.sidebar.columns([4, 1])
        left.markdown(item.name)
        if right.button("删除", key=f"drop_{item.digest}_{item.name}"):
            user_store.remove(item)
            for key in ("uploaded_layers", "plain_layers", "ingested_all", "last_loaded", "restored"):
                st.session_state.pop(key, None)
            st.rerun()


def _without_folder(error: Exception, folder: str) -> str:
    """The error's one line without the server's temporary folder (the file's own name stays)."""
    return " ".join(str(error).replace(str(Path(folder)) + "/", "").replace(str(folder), "").split())


def details(shown: dict, hit: selection.SearchHit) -> None:
    """Every attribute the highlighted feature has (plan metadata, quantities, precision, excerpt), as text;
    the empty ones are left out (a banner has a column per plan and summary, most of them empty for it)."""
    record = selection.feature_record(shown, hit.layer, hit.key)
    if not record:
        return
    sources = record.get("sources", "")
    record = {key: value for key, value in record.items() if value.strip()}
    titles = {scope.key: scope.title for scope in scopes(shown)}
    with st.expander(f"详情：{hit.label}", expanded=True):
        st.dataframe(
            {
                "字段": [detail_label(k, titles) for k in record],
                "值": [
                    webmap.precision_label(v, record.get("type", "")) if k == "precision" else readable(k, v)
                    for k, v in record.items()
                ],
            },
            hide_index=True,
            width="stretch",
        )
        sources_table(sources)


def sources_table(sources: str) -> None:
    """Every plan that names a linked project, each with its own name, box, page and excerpt."""
    rows = selection.sources_rows(sources)
    if len(rows) > 1:
        st.caption(f"见于 {len(rows)} 个规划")
        st.dataframe(rows, hide_index=True, width="stretch")


def table_focus(shown: dict, table) -> tuple[dict, tuple] | None:
    """The feature selected in the table (``table``: the rows it shows): (its row, its bounds)."""
    state = st.session_state.get("table") or {}
    rows = list((state.get("selection") or {}).get("rows") or [])
    if not rows or rows[0] >= len(table):
        return None
    row = table.iloc[rows[0]].to_dict()
    bounds = selection.feature_bounds(shown, row["layer"], row["feature_id"])
    return (row, bounds) if bounds else None


def downloads(shown: dict, view: dict) -> None:
    """Downloads in a popover (drawn only when opened, so they cost the first map nothing): the selection
    in each GIS format, and PNG/PDF maps of ``view["bbox"]`` (the view on screen, as the map last reported
    it: read when the button is clicked) from the static-map renderer.

    Drawn outside the map's fragment: a pan, a zoom or a new map's first report of its view reruns that
    fragment, and each run of a download button files its data under a new id and drops the old one, so
    a click just then asked for an id that was gone ("Failed to generate file for download")."""
    shared = st.session_state.get("selection_key")  # read now: the data is made outside the script run
    with st.popover("下载当前选择", icon=":material/download:"):
        for fmt, (label, suffix, mime) in webmap.DOWNLOADS.items():
            st.download_button(
                label,
                data=lambda fmt=fmt: selection_download(shared, shown, fmt, view.get("bbox")),
                file_name=DOWNLOAD_NAME.format(suffix=suffix),
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
        readable_rows(rows),
        column_config={column: st.column_config.TextColumn(label) for column, label in COLUMN_LABELS.items()},
        key="table",
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
    )


def readable_rows(rows):
    """The feature table with layer titles and coded columns in Chinese."""
    shown = rows.assign(layer=rows["layer"].map(lambda i: TITLES.get(i, i)))
    for column in COLUMN_CODES:
        if column in shown.columns:
            shown[column] = shown[column].map(lambda v, c=column: readable(c, v))
    return shown


def uploaded_raster(upload) -> webmap_layers.RasterOverlay | None:
    """The uploaded GeoTIFF reprojected for the web map (once per file), or None with the error shown."""
    token = (upload.name, upload.size, hashlib.sha256(upload.getvalue()).hexdigest()[:16])
    cache = st.session_state.setdefault("raster_overlays", {})
    if token not in cache:
        try:
            webmap_layers.check_raster_size(upload.size, upload.name)
            bar = st.sidebar.progress(0.0, text="读取栅格…")
            cache[token] = webmap_layers.raster_overlay(
                upload.getvalue(), upload.name, progress=lambda share, text: bar.progress(share, text=text)
            )
            bar.empty()
        except InputError as error:
            st.sidebar.error(f"无法读取这个栅格：{error}")
            return None
    return cache[token]


def density_raster(atlas: dict, token: tuple, layer: str, weight: str | None, res_km: int):
    """The density surface of one layer (once per atlas and choice), drawn with a progress bar."""
    key = (token, layer, weight, res_km)
    cache = st.session_state.setdefault("density_overlays", {})
    if key not in cache:
        bar = st.sidebar.progress(0.0, text="计算密度面…")
        grid = density(
            atlas,
            [layer],
            res=res_km * 1000.0,
            crs=EQUAL_AREA_CRS,  # per km² on the ground; the overlay is warped to the web map's CRS
            bandwidth=20_000.0,
            weight=weight,
            progress=lambda done, total, _label: bar.progress(
                min(1.0, done / max(total, 1)), text="计算密度面…"
            ),
        )
        name = f"{TITLES.get(layer, layer)} 密度"
        cache[key] = webmap_layers.density_overlay(grid, name)
        bar.empty()
    return cache[key]


def weight_label(weight: str) -> str:
    """A density weight (a summed measure) as '投资（亿元）'."""

    measures = {m.key: m for m in MEASURES}
    return f"{measures[weight].title}（{measures[weight].unit}）" if weight in measures else weight


def summary_label(atlas: dict):
    """format_func of the choropleth field: '<plan or period> · <what is summed>'."""

    titles = {scope.key: scope.title for scope in shared(scopes, atlas)}
    return lambda field: f"{titles.get(field.partition('_')[0], field)} · {field_title(field)}"


def sidebar_choropleth(atlas: dict):
    """A choropleth of a summary field; the class count must be chosen (no default)."""
    areas = st.sidebar.radio(
        "分区", ["banners", "leagues"], format_func=TITLES.get, key="ch_areas", horizontal=True
    )
    if areas not in atlas:
        return None
    fields = summary_fields(atlas[areas])
    field = st.sidebar.selectbox(
        "分级设色字段",
        fields,
        index=None,
        format_func=summary_label(atlas),
        key="ch_field",
        placeholder="不显示",
    )
    if field is None:
        return None
    scheme = st.sidebar.selectbox("分级方法", list(SCHEMES), format_func=SCHEMES.get, key="ch_scheme")
    classes = st.sidebar.selectbox(
        "级数", range(2, 10), index=None, key="ch_classes", placeholder="请选择级数"
    )
    if classes is None:
        st.sidebar.info("选择级数后显示分级设色图")
        return None
    try:
        return classify(atlas, field, scheme=scheme, k=classes, areas=areas)
    except InputError as error:
        st.sidebar.error(f"无法分级设色：{error}")
        return None


def sidebar_map_layers(atlas: dict, token: tuple) -> tuple[tuple, dict]:
    """Rasters (an uploaded GeoTIFF, a density surface) and a choropleth to draw under the vector layers:
    (a token naming them for the map's cache, what to draw)."""
    st.sidebar.header("栅格与分级设色")
    extras: dict = {"rasters": [], "choropleth": None}
    upload = st.sidebar.file_uploader(
        "GeoTIFF 栅格（DEM、土地利用、已配准的规划图…）", type=["tif", "tiff"], key="raster"
    )
    opacity = st.sidebar.slider("栅格不透明度", 0.1, 1.0, 0.7, 0.05, key="raster_opacity")
    if upload is not None:
        overlay = uploaded_raster(upload)
        if overlay is not None:
            extras["rasters"].append(overlay)
    thematic = [d.id for d in load_layers() if d.group == "thematic" and d.id in atlas]
    density_layer = st.sidebar.selectbox(
        "项目密度面", thematic, index=None, format_func=TITLES.get, key="density_layer", placeholder="不显示"
    )
    if density_layer is not None:
        weight = st.sidebar.selectbox(
            "权重",
            ["count", *weight_fields()],
            key="density_weight",
            format_func=lambda w: "项目数" if w == "count" else weight_label(w),
        )
        try:
            extras["rasters"].append(
                density_raster(atlas, token, density_layer, None if weight == "count" else weight, 5)
            )
        except InputError as error:
            st.sidebar.error(f"无法计算密度面：{error}")
    extras["choropleth"] = sidebar_choropleth(atlas)
    extras["opacity"] = opacity
    names = tuple(o.name for o in extras["rasters"])
    chosen = extras["choropleth"]
    return (names, opacity, chosen and (chosen.areas, chosen.field, chosen.scheme, chosen.k)), extras


@st.cache_resource(show_spinner=False, max_entries=1)
def _water():
    """Rivers and lakes of the gazetteer with sourced geometry (EPSG:4326), read once per server."""

    return load_water(load_gazetteer(), "EPSG:4326", (96.0, 37.0, 127.0, 54.0))


def add_offline_base(fmap, atlas: dict) -> None:
    """The base drawn when tiles cannot load: banner names and water (see :func:`webmap.add_offline_base`)."""
    webmap.add_offline_base(fmap, atlas.get("banners"), _water())


def draw_map_layers(fmap, atlas: dict, extras: dict | None) -> None:
    """Add the rasters and the choropleth of :func:`sidebar_map_layers` to the map, with their legends."""
    if not extras:
        return
    legends = []
    for overlay in extras["rasters"]:
        webmap_layers.add_raster(fmap, overlay, extras["opacity"])
        legends.append(overlay.legend)
    add_offline_base(fmap, atlas)
    if extras.get("plain"):
        webmap.add_user_layers(fmap, extras["plain"])
    if extras.get("area"):
        geometry, label = extras["area"]
        webmap.mark_area(fmap, geometry, label)
    if extras.get("loaded"):
        label, layers, bounds = extras["loaded"]
        webmap.mark_loaded(fmap, layers, label, bounds)
    chosen = extras["choropleth"]
    if chosen is not None:
        legends.append(webmap_layers.add_choropleth(fmap, atlas[chosen.areas], chosen))
    webmap_layers.add_legends(fmap, legends)


@st.cache_resource(max_entries=32, show_spinner="绘制地图…")
def map_component(
    key: tuple,
    tianditu: str | None,
    _shown: dict,
    _hit: selection.SearchHit | None,
    _extras: dict | None = None,
    _atlas: dict | None = None,
) -> dict:
    """The map component's arguments for one state of the app (``key``: atlas path and mtime, filters, base
    map, hit, asset URL, drawing tool, rasters and choropleth), built once for every session and then
    replayed: an unchanged map is not rendered again, and ten sessions opening the same atlas share one copy
    (a resource, not pickled per hit; callers must not mutate it)."""
    _atlas_token, _filters, basemap, _hit_repr, base, hidden, draw = key[:7]
    fmap = webmap.build_map(
        _shown, basemap=basemap, tianditu=tianditu, highlight=_hit, asset_base=base, hidden=hidden, draw=draw
    )
    draw_map_layers(fmap, _atlas or _shown, _extras)
    return webmap.st_folium_args(
        fmap,
        key="map",
        height=620,
        use_container_width=True,
        returned_objects=["bounds", "last_clicked", "last_active_drawing"],
    )


def selection_download(selection_key: tuple | None, shown: dict, fmt: str, bbox) -> bytes:
    """The bytes of one download of ``shown``, built once per selection (``selection_key``: atlas, overlay
    and filters, as :func:`main` files it in the session) and format (and view, for PNG/PDF maps) and shared
    by every session: ten users exporting the same selection cost one export."""
    if selection_key is None:  # no key (a caller outside main): nothing to share it under
        return pinned(webmap.download(shown, fmt, bbox, MAP_TITLE, load_gazetteer())[0], fmt, None)
    view = tuple(bbox) if fmt in webmap.MAP_FORMATS and bbox is not None else None
    return pinned(_shared_download(selection_key, fmt, view, shown), fmt, (selection_key, view))


#: Downloads of each format kept in Streamlit's media store at once (see :func:`pinned`).
PINNED_SLOTS = 8


class DownloadSlots:
    """Which of :data:`PINNED_SLOTS` slots per format holds which download: a download keeps its slot while
    it is among the format's most recently asked for, so two selections never share one (the later would
    drop the earlier's bytes and its URL would answer 404); the least recently asked for gives its slot up."""

    def __init__(self, size: int = PINNED_SLOTS):
        self.size = size
        self._slots: dict[str, OrderedDict[object, int]] = {}
        self._lock = threading.Lock()

    def slot(self, fmt: str, key: object) -> int:
        """The slot of ``key``'s download in format ``fmt`` (now its most recently asked for)."""
        with self._lock:
            slots = self._slots.setdefault(fmt, OrderedDict())
            if key in slots:
                slots.move_to_end(key)
                return slots[key]
            if len(slots) < self.size:
                number = len(slots)
            else:
                _oldest, number = slots.popitem(last=False)
            slots[key] = number
            return number


DOWNLOAD_SLOTS = DownloadSlots()


def pinned(data: bytes, fmt: str, slot_key: object) -> bytes:
    """``data``, also filed in Streamlit's media store under a slot of its own (:class:`DownloadSlots`,
    chosen by ``slot_key``), as the download button is about to file it.

    Streamlit stores a deferred download's bytes unreferenced and deletes them at the second clean-up after
    any session's run: with a few sessions rerunning, that came before the browser fetched the URL it had
    just been given (HTTP 404).  The same bytes, name and type get the same file id, so this reference keeps
    the URL alive until :data:`PINNED_SLOTS` other downloads of that format have been asked for."""
    if runtime.exists():
        _label, suffix, mime = webmap.DOWNLOADS[fmt]
        runtime.get_instance().media_file_mgr.add(
            data,
            mime,
            f"geoplan-download-{fmt}-{DOWNLOAD_SLOTS.slot(fmt, repr(slot_key))}",
            file_name=DOWNLOAD_NAME.format(suffix=suffix),
            is_for_static_download=True,
        )
    return data


@st.cache_resource(max_entries=32, show_spinner=False)
def _shared_download(selection_key: tuple, fmt: str, view: tuple | None, _shown: dict) -> bytes:
    return webmap.download(_shown, fmt, view, MAP_TITLE, load_gazetteer())[0]


@st.fragment
def map_and_correction(args: dict, bbox: tuple, hit: selection.SearchHit | None, view: dict) -> None:
    """The map and the correction panel: panning, zooming or clicking reruns only this fragment (the cached
    map is not redrawn); the view on screen goes into ``view["bbox"]`` (``bbox`` until the map reports one),
    which the PNG/PDF downloads read, and a click sets the point of the place being corrected.

    :func:`main` calls it as the only thing in a container of its own.  Starting this fragment's run, the
    server drops that fragment's messages a full run wrote and had not yet sent (a map reporting its view
    during a search or a switch, on a busy server) but keeps that run's "finished": the page then drops the
    fragment's block as stale, the blocks after it move up a place, and this run, written at the old place,
    replaced the block after it (the 下载当前选择 popover vanished).  Alone in its container, nothing
    follows it to be replaced."""
    value = webmap.show_st_folium(args)
    view["bbox"] = webmap.view_bounds(value) or bbox
    correction_panel(webmap.clicked_point(value), webmap.drawn_polygon(value), hit)


def correction_panel(clicked: tuple[float, float] | None, drawn, hit: selection.SearchHit | None) -> None:
    """校正位置: pick a place, click the map to set its point (or draw its outline: a park, a reserve), add a
    source note, save to the overlay (with the user and the time); the corrections so far, each with its undo."""
    with st.expander("校正位置", expanded=bool(st.session_state.get("fix_query"))):
        gazetteer = load_gazetteer()
        found = hit.label if hit is not None and hit.kind != "project" else ""  # a place searched for
        query = st.text_input("要校正的地名", key="fix_query", placeholder=found or "如：潮格温都尔镇")
        query = query.strip() or found  # the place found by search, until another name is typed
        candidates = gazetteer.lookup(query)[:10] if query else []
        if query and not candidates:
            st.info(f"地名库中没有“{query}”")
        place = None
        if candidates:
            labels = [_place_label(gazetteer, c.place) for c in candidates]
            index = st.selectbox(
                "地名库记录", range(len(candidates)), format_func=labels.__getitem__, key="fix_place"
            )
            place = candidates[index or 0].place
            st.caption(
                f"现在的位置：{place.point.x:.5f}, {place.point.y:.5f}（{webmap.precision_label(place.precision)}；{place.geometry_source}）"
            )
        shape = st.radio("校正为", [POINT, POLYGON], key="fix_shape", horizontal=True)
        if shape != st.session_state.get("fix_shape_shown", POINT):  # the map gains or drops the polygon tool
            st.session_state["fix_shape_shown"] = shape
            st.rerun(scope="app")
        if clicked is not None and clicked != st.session_state.get("fix_click_seen"):  # a new click
            st.session_state["fix_point"] = st.session_state["fix_click_seen"] = clicked
        if drawn is not None and drawn.wkb != st.session_state.get("fix_drawn_seen"):  # a new outline
            st.session_state["fix_polygon"], st.session_state["fix_drawn_seen"] = drawn, drawn.wkb
        point = st.session_state.get("fix_point")
        geometry = Point(*point) if shape == POINT and point else None
        if shape == POLYGON:
            geometry = st.session_state.get("fix_polygon")
            where = geometry.representative_point() if geometry is not None else None
            st.markdown(
                f"新范围：**{len(geometry.exterior.coords) - 1} 个顶点**，内点 {where.x:.6f}, {where.y:.6f}"
                if geometry is not None
                else "用地图左上角的多边形工具画出范围。"
            )
        else:
            st.markdown(
                f"新位置：**{point[0]:.6f}, {point[1]:.6f}**" if point else "在地图上点击，设置新位置。"
            )
        note = st.text_input("来源说明", key="fix_note", placeholder="如：2023 年乡镇界，旗自然资源局")
        user = st.text_input("校正人", value=current_user(), key="fix_user")
        missing = [
            what
            for what, given in (
                ("地名库记录", place is not None),
                ("新位置" if shape == POINT else "新范围", geometry is not None),
                ("来源说明", note.strip()),
                ("校正人", user.strip()),
            )
            if not given
        ]
        ready = not missing
        if missing:  # the save button stays grey: say what it waits for
            st.caption(f"保存前还需：{'、'.join(missing)}")
        if st.button("保存校正", key="fix_save", disabled=not ready, type="primary"):
            record = OverlayRecord(
                place_id=place.id,
                name=place.name,
                type=place.type,
                parent_id=place.banner_id or place.league_id or "",
                status="correction",
                precision=precision_of(place.type, geometry),
                geometry=geometry,
                note=note.strip(),
                imported_by=user.strip(),
                source_file="geoplan app",
            )
            overlay().add([record])
            st.session_state.pop("fix_point", None)
            st.session_state.pop("fix_polygon", None)
            spot = geometry.representative_point()
            st.session_state["fix_saved"] = f"已保存：{place.name} → {spot.x:.6f}, {spot.y:.6f}"
            st.rerun(scope="app")
        if st.session_state.get("fix_saved"):
            st.success(st.session_state["fix_saved"])
        corrections = [r for r in overlay().records() if r.status == "correction"]
        for record in reversed(corrections[-10:]):
            left, right = st.columns([5, 1])
            spot = record.geometry.representative_point()
            left.markdown(
                f"已校正：**{record.name}** → {spot.x:.6f}, {spot.y:.6f} · {record.imported_by} · "
                f"{record.imported_at} · {record.note}"
            )
            if right.button("撤销", key=f"undo_{record.uid}"):
                overlay().withdraw(record.uid, user=user.strip() or None)
                st.session_state["fix_saved"] = f"已撤销：{record.name}"
                st.rerun(scope="app")


def _place_label(gazetteer: Gazetteer, place) -> str:
    parents = " < ".join(p.name for p in gazetteer.parents(place) if p.type in ("banner", "league"))
    return f"{place.name} · {place_type_label(place.type)} · {parents}"


#: Streamlit writes its file uploader's button and size note in English: hide those words and write
#: Chinese in their place (CSS only; the widget still works the same).
UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p{display:none}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after{content:"选择文件"}
[data-testid="stFileUploaderDropzoneInstructions"] span{display:none}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after{content:"拖放到此处，或点击“选择文件”";
font-size:.8rem;opacity:.7}
</style>"""


def chinese_widgets() -> None:
    """Streamlit's own English words in the page replaced by Chinese (see :data:`UPLOADER_CSS`), and the served
    CJK face for the page's Chinese (:func:`geoplan.output.webfont.page_style`: no system font needed)."""
    st.html(UPLOADER_CSS + page_style(asset_base(st.get_option("server.baseUrlPath"))))


def main() -> None:
    st.set_page_config(page_title="geoplan 规划地图", layout="wide")
    chinese_widgets()
    restore_saved()
    # What the map depends on comes first; the map is sent as soon as it is known, and the rest of the
    # page (counts, upload, details, table) after it, so the browser starts drawing it sooner.
    atlas, token = sidebar_source()
    filters = sidebar_filters(atlas)
    hit = sidebar_search(atlas)
    shown = shared("filter_atlas", atlas, filters)
    counts_slot = st.sidebar.container()
    tianditu = webmap.tianditu_key(
        secrets()
    )  # read once a run: without a secrets file, each read looks for one
    choices = webmap.basemaps(tianditu)
    basemap = st.sidebar.selectbox(
        "底图", list(choices), format_func=lambda i: choices[i].title, key="basemap"
    )
    # Towns (about a thousand points) are sent to the browser only on request: the first map comes sooner.
    towns = len(shown.get("towns", ()))
    show_towns = st.sidebar.toggle(f"显示乡镇点位（{towns}）", key="show_towns", disabled=not towns)

    extras_token, extras = sidebar_map_layers(atlas, token)
    on_map, issuer_area = shared("without_issuer_area", shown)
    show_area = st.sidebar.toggle(
        f"在地图上显示全域项目（{len(issuer_area)}）", key="show_issuer_area", disabled=issuer_area.empty
    )
    extras_token = (extras_token, "issuer_area", show_area)

    st.title(MAP_TITLE)
    if not st.get_option("server.enableStaticServing"):
        st.error(STATIC_OFF)
    rows = shared("feature_table", shown)
    focus = table_focus(shown, rows)
    if focus and hit is None:
        row, bounds = focus
        hit = selection.SearchHit(row["name"], "project", row["layer"], row["feature_id"], bounds)
    plain = st.session_state.get("plain_layers")
    if plain:
        extras = {**extras, "plain": plain}
        extras_token = (extras_token, "plain", st.session_state.get("gis_ingested"), tuple(plain))
    area = selection.precision_area(shown, hit) if hit is not None else None
    if area is not None:  # a place known to its banner: the banner's extent, outlined, and said so
        extras = {**extras, "area": area}
        extras_token = (extras_token, "area", repr(hit))
        bbox = tuple(float(v) for v in area[0].bounds)
    loaded_token, loaded = loaded_view()
    if hit is None and loaded is not None:  # a search or a table row takes the view over
        extras = {**extras, "loaded": loaded}
        extras_token = (extras_token, loaded_token)
    key = (
        token,
        repr(filters),
        basemap,
        repr(hit),
        asset_base(st.get_option("server.baseUrlPath")),
        () if show_towns else ("towns",),
        st.session_state.get("fix_shape") == POLYGON,  # the polygon tool, while a polygon is being drawn
        extras_token,
    )
    st.session_state["selection_key"] = (token, repr(filters))  # what downloads are shared under
    if area is None:
        bbox = hit.bounds if hit is not None else shared("view_bounds", shown, filters)
    if hit is None and loaded is not None and loaded[2] is not None:
        bbox = loaded[2]
    args = map_component(
        key,
        tianditu,
        _shown=shown if show_area else on_map,
        _hit=hit,
        _extras=extras,
        _atlas=atlas,
    )
    view = st.session_state.setdefault("map_view", {})  # one dict per session: the map writes, downloads read
    with st.container():  # the map's fragment alone in a block of its own (see map_and_correction)
        map_and_correction(args, bbox, hit, view)
    downloads(shown, view)
    sidebar_counts(
        shown if show_area else on_map,
        counts_slot,
        0 if show_area else len(issuer_area),
        () if show_towns else ("towns",),
    )
    sidebar_upload()
    sidebar_gis_upload()
    sidebar_saved()
    if hit is None and loaded is not None:
        st.caption(f"已加入：{loaded[0]}（地图已缩放到新加入的要素，以橙色虚线标出）")
    if hit is not None:
        kind = {"project": "项目", "place": "地名", "gazetteer": "地名库"}.get(hit.kind, hit.kind)
        st.caption(f"定位：{hit.label}（{TITLES.get(hit.layer, kind)}）")
        if area is not None:
            st.caption(area[1])
    if hit is not None and hit.layer:
        details(shown, hit)

    issuer_area_panel(issuer_area)
    feature_list(rows)


def issuer_area_panel(table) -> None:
    """The projects a plan names without a place (they cover its whole issuer area): listed, not mapped."""
    if table.empty:
        return
    if st.toggle(f"全域项目 {len(table)} 个", key="show_issuer_area_list"):
        st.caption("规划中未指明地点的项目，覆盖编制单位全域，不在地图上逐个绘出（可在侧栏打开）。")
        st.dataframe(
            table[["name", "plan", "layer"]].assign(
                layer=lambda t: t["layer"].map(lambda i: TITLES.get(i, i))
            ),
            column_config={
                "name": st.column_config.TextColumn("名称"),
                "plan": st.column_config.TextColumn("规划文件"),
                "layer": st.column_config.TextColumn("图层"),
            },
            hide_index=True,
            width="stretch",
            key="issuer_area_table",
        )


def default_map_key(token: tuple) -> tuple:
    """The key :func:`main` gives :func:`map_component` on a first visit (nothing chosen yet)."""
    basemap = next(iter(webmap.basemaps(webmap.tianditu_key(secrets()))))
    # no raster, the opacity slider's default, no choropleth; issuer-area projects off the map
    extras_token = (((), 0.7, None), "issuer_area", False)
    base = asset_base(st.get_option("server.baseUrlPath"))
    return (token, repr(selection.Filters()), basemap, repr(None), base, ("towns",), False, extras_token)


def warm_up() -> None:
    """Build, once at server start, what every first visit needs and no visit changes: the imports above,
    the shipped atlas, the gazetteer with the overlay, and the default map's component arguments, all in
    this module's ``st.cache_resource`` caches (process-wide), so the first user finds them ready.
    ``geoplan app`` calls it before the server opens its port; it draws nothing on a page."""
    # Outside any session (here, and in deferred downloads) Streamlit notes "missing ScriptRunContext": expected.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    path = DEFAULT_ATLAS
    mtime = path.stat().st_mtime
    atlas = load_atlas(str(path), mtime)
    store = overlay()
    gazetteer = load_gazetteer()
    token = (str(path), mtime, repr(()), store.version())
    moved = tuple(sorted({record.place_id for record in store.records()}))
    whole = shared("relocate", dict(atlas), gazetteer, moved) if moved else dict(atlas)
    shared("options", whole)
    shown = shared("filter_atlas", whole, selection.Filters())
    shared("feature_table", shown)
    on_map, _issuer_area = shared("without_issuer_area", shown)
    shared("counts", on_map)  # the sidebar's counts of the default map (issuer-area projects off it)
    shared("view_bounds", shown, selection.Filters())
    shared(scopes, whole)
    shared("plan_issuers", whole)
    shared("plan_counts", whole)
    extras = {"rasters": [], "choropleth": None, "opacity": 0.7}
    map_component(
        default_map_key(token),
        webmap.tianditu_key(secrets()),
        _shown=on_map,
        _hit=None,
        _extras=extras,
        _atlas=atlas,
    )


if __name__ == "__main__":  # `streamlit run geoplan/app.py` (what `geoplan app` serves) runs this file as
    # __main__ once per session: run the imported module's main instead, so the caches above are the ones
    # warm_up filled (a cache belongs to its function's module) and module-level work is done once.
    importlib.import_module("geoplan.app").main()
