"""Shared fixtures: the reference plans, the shipped gazetteer and atlas, the plans geoparsed (session-scoped)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import PlanPlaces, geoparse
from geoplan.read.plan import read
from geoplan.resources import DEFAULT_ATLAS, REFERENCE_PLANS

#: Test files of the longest runs (about 25-180 s each on two busy cores: a served app and Chromium, PostGIS,
#: QGIS, the every-pair linking reference), longest first. They are handed to the workers first: pytest-xdist
#: would order files by their number of tests and leave these few-test files to the end, one worker running
#: them alone while the other sits idle (``--no-loadscope-reorder`` in pyproject.toml keeps this order).
LONG_FIRST = (
    "test_browser_loaded.py",
    "test_links_scale.py",
    "test_app.py",
    "test_browser_raster.py",
    "test_store.py",
    "test_qgis.py",
    "test_export.py",
    "test_app_protocol.py",
    "test_render.py",
    "test_browser_fragment.py",
    "test_build.py",
    "test_browser.py",
    "test_overlay_import.py",
    "test_browser_correction.py",
    "test_render_rules.py",
    "test_app_shared.py",
    "test_overlay_store.py",
    "test_app_correction.py",
    "test_hmm.py",
    "test_render_cli.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files of :data:`LONG_FIRST` first, in its order, then the others by their number of tests, most
    first (a stable sort: each file's tests stay together and in their order)."""
    rank = {name: n for n, name in enumerate(LONG_FIRST)}
    tests = Counter(item.path.name for item in items)
    items.sort(key=lambda item: (rank.get(item.path.name, len(rank)), -tests[item.path.name]))


@pytest.fixture(scope="session", autouse=True)
def _no_user_overlay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reads the overlay of whoever runs it: the user data folder is a temporary one, and neither
    $GEOPLAN_OVERLAY nor $GEOPLAN_DSN leaks in (tests that want an overlay name it)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    patch.delenv("GEOPLAN_OVERLAY", raising=False)
    patch.delenv("GEOPLAN_DSN", raising=False)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def plans_dir() -> Path:
    """``../shared/plans``: the reference plans (inputs, never copied into the repo)."""
    if not REFERENCE_PLANS.is_dir():
        pytest.fail(f"reference plans not found at {REFERENCE_PLANS}")
    return REFERENCE_PLANS


@pytest.fixture(scope="session")
def plan_files(plans_dir: Path) -> list[Path]:
    return sorted(plans_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def atlas_path() -> Path:
    """The shipped atlas built from the reference plans (``layers/atlas.gpkg``)."""
    return DEFAULT_ATLAS


@pytest.fixture(scope="session")
def shipped_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once for the session (read-only: tests never change it)."""
    return Gazetteer.load()


@pytest.fixture(scope="session")
def gazetteer(shipped_gazetteer: Gazetteer) -> Gazetteer:
    """The shipped gazetteer (the name geoparsing tests use)."""
    return shipped_gazetteer


@pytest.fixture(scope="session")
def finder(shipped_gazetteer: Gazetteer) -> MentionFinder:
    """The mention finder over the shipped gazetteer."""
    return MentionFinder.from_gazetteer(shipped_gazetteer)


@pytest.fixture(scope="session")
def parsed(plan_files: list[Path], shipped_gazetteer: Gazetteer) -> dict[str, PlanPlaces]:
    """Each reference plan geoparsed, by its three-digit number (read-only: tests never change it)."""
    return {path.name[:3]: geoparse(read(path), shipped_gazetteer) for path in plan_files}


@pytest.fixture
def deferred(monkeypatch) -> dict[str, object]:
    """File name -> the callable making a download button's data for every button the app
    draws (the last one drawn under each name)."""
    made: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made
