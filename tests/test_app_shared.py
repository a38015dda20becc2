"""What the app builds once and shares across sessions: the default map (built at server start by
``warm_up``) and the downloads of a selection. Counted builds, not timings."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from geoplan import app
from geoplan.atlas.schema import read_atlas
from geoplan.output import selection, webmap

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """One entry per map the app builds (``webmap.build_map`` calls), starting from empty map caches."""
    made: list[int] = []
    real = webmap.build_map

    def counted(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(webmap, "build_map", counted)
    app.map_component.clear()
    return made


def session(**state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_two_sessions_share_one_map_build(builds):
    session()
    session()
    assert len(builds) == 1


def test_a_different_choice_builds_its_own_map(builds):
    session()
    session(show_towns=True)
    assert len(builds) == 2


def test_warm_up_builds_the_map_a_first_visit_shows(builds):
    app.warm_up()
    assert len(builds) == 1
    session()
    assert len(builds) == 1, "the first visit found the map warm_up built"


def test_sessions_exporting_the_same_selection_share_one_export(deferred, monkeypatch):
    exports: list[str] = []
    real = webmap.download

    def counted(shown, fmt, *args, **kwargs):
        exports.append(fmt)
        return real(shown, fmt, *args, **kwargs)

    monkeypatch.setattr(webmap, "download", counted)
    app._shared_download.clear()
    session(f_layers=["industry"])
    first = deferred["geoplan-selection.csv"]()
    session(f_layers=["industry"])
    second = deferred["geoplan-selection.csv"]()
    assert first == second and first.startswith(b"PK")  # CSVs (one per geometry type) with .prj/.csvt, zipped
    assert exports == ["csv"]
    session(f_layers=["ecology"])
    third = deferred["geoplan-selection.csv"]()
    assert exports == ["csv", "csv"] and third != first


def test_sessions_share_the_filtered_atlas_its_table_and_options(monkeypatch):
    calls: list[str] = []
    for name in ("filter_atlas", "feature_table", "options", "counts"):
        real = getattr(selection, name)
        monkeypatch.setattr(
            selection, name, lambda *a, _real=real, _name=name: calls.append(_name) or _real(*a)
        )
    app._shared.clear()
    first = session(f_sectors=["energy"], show_table=True)
    second = session(f_sectors=["energy"], show_table=True)
    assert sorted(calls) == ["counts", "feature_table", "filter_atlas", "options"]
    assert first.dataframe[-1].value.equals(second.dataframe[-1].value)
    session(f_sectors=["transport"])  # another filter: its own selection and table, the same options
    assert sorted(calls) == sorted(["options", *["counts", "feature_table", "filter_atlas"] * 2])


def test_a_first_visit_after_warm_up_recomputes_nothing_shared(monkeypatch):
    """Everything a first visit needs from the atlas (the issuer-area split, the view, the plan choices, the
    choropleth's scopes, besides the selection) is computed at server start, once; the visit reuses it."""
    calls: list[str] = []
    names = (
        "without_issuer_area",
        "atlas_bounds",
        "plan_issuers",
        "plan_counts",
        "filter_atlas",
        "feature_table",
        "options",
        "counts",
    )
    for name in names:
        real = getattr(selection, name)
        monkeypatch.setattr(
            selection, name, lambda *a, _real=real, _name=name: calls.append(_name) or _real(*a)
        )
    real_scopes = app.scopes
    monkeypatch.setattr(app, "scopes", lambda atlas: calls.append("scopes") or real_scopes(atlas))
    app._shared.clear()
    app.map_component.clear()
    app.warm_up()
    assert sorted(calls) == sorted([*names, "scopes"])
    calls.clear()
    session()
    session()
    assert calls == []


def test_sessions_searching_the_same_words_share_one_search(monkeypatch):
    searched: list[str] = []
    real = selection.search
    monkeypatch.setattr(selection, "search", lambda query, *a: searched.append(query) or real(query, *a))
    app._searched.clear()
    first = session(query="乌海")
    second = session(query="乌海")
    assert searched == ["乌海"]
    assert first.selectbox(key="hit").options == second.selectbox(key="hit").options
    assert len(first.selectbox(key="hit").options) > 1
    session(query="风电")
    assert searched == ["乌海", "风电"]


def test_a_download_outlives_other_sessions_clean_ups(monkeypatch, atlas_path):
    """The URL a download button is given still answers after other sessions' runs end (each run's end
    cleans Streamlit's media store; an unreferenced download went at the second and the browser got 404)."""
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    monkeypatch.setattr(app.runtime, "exists", lambda: True)
    monkeypatch.setattr(app.runtime, "get_instance", lambda: type("Runtime", (), {"media_file_mgr": manager}))
    shown = {"industry": read_atlas(atlas_path)["industry"].head(5)}
    _label, suffix, mime = webmap.DOWNLOADS["csv"]
    name = app.DOWNLOAD_NAME.format(suffix=suffix)
    placeholder = manager.add_deferred(
        lambda: app.selection_download(None, shown, "csv", None), mime, "button", file_name=name
    )
    url = manager.execute_deferred(placeholder)
    for _ in range(3):  # three other sessions' runs end before the browser fetches the URL
        manager.remove_orphaned_files()
    stored = manager.read_file(url.rsplit("/", 1)[-1].split(".")[0])
    assert stored is not None and stored.content.startswith(b"PK")


def test_downloads_of_different_selections_keep_their_own_urls(monkeypatch, atlas_path):
    """Two selections exported in one format each keep their URL alive (they once could share a slot, and
    the later export dropped the earlier's bytes); past the slot count the least recently asked for goes."""
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    monkeypatch.setattr(app.runtime, "exists", lambda: True)
    monkeypatch.setattr(app.runtime, "get_instance", lambda: type("Runtime", (), {"media_file_mgr": manager}))
    monkeypatch.setattr(app, "DOWNLOAD_SLOTS", app.DownloadSlots(size=3))
    industry = read_atlas(atlas_path)["industry"]
    _label, suffix, mime = webmap.DOWNLOADS["csv"]
    name = app.DOWNLOAD_NAME.format(suffix=suffix)
    urls = []
    for rows in range(1, 5):  # four selections, one more than the slots
        shown = {"industry": industry.head(rows)}
        placeholder = manager.add_deferred(
            lambda shown=shown, rows=rows: app.pinned(
                app.webmap.download(shown, "csv", None, app.MAP_TITLE, None)[0], "csv", ("selection", rows)
            ),
            mime,
            "button",
            file_name=name,
        )
        urls.append(manager.execute_deferred(placeholder))
        for _ in range(3):
            manager.remove_orphaned_files()

    def alive(url: str) -> bool:
        return manager.read_file(url.rsplit("/", 1)[-1].split(".")[0]) is not None

    assert len(set(urls)) == 4
    assert [alive(url) for url in urls] == [False, True, True, True]
