"""Shared fixtures: the reference plans and the shipped atlas (session-scoped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.resources import DEFAULT_ATLAS, REFERENCE_PLANS


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
