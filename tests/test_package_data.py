"""Every data file the library reads ships in the wheel: each tracked file under the data folders matches a
package-data pattern of ``pyproject.toml`` (the wheel check in ``.ci/run`` proves the same on a real install)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _shipped(package: str, relative: str) -> bool:
    """Whether setuptools' glob (relative to the package folder; ``**/`` for any depth) takes ``relative``."""
    path = PurePosixPath(relative)
    for pattern in CONFIG["package-data"][package]:
        if pattern.startswith("**/"):
            if path.match(pattern[3:]):  # right-anchored: any folder depth
                return True
        elif len(path.parts) == len(PurePosixPath(pattern).parts) and path.match(pattern):
            return True
    return False


@pytest.mark.parametrize("package", ["geoplan.gazetteer_data", "geoplan.layers_data"])
def test_every_tracked_data_file_is_package_data(package: str) -> None:
    folder = CONFIG["package-dir"][package]
    tracked = subprocess.run(
        ["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    data = [name for name in tracked if not name.endswith((".py", ".gitignore"))]
    assert data, folder
    missing = [name for name in data if not _shipped(package, name.removeprefix(folder + "/"))]
    assert missing == [], missing


def test_the_reference_plans_folder_can_be_named(tmp_path) -> None:
    """A checkout elsewhere than beside ``shared/plans`` names the plans' folder in GEOPLAN_REFERENCE_PLANS."""
    probe = "from geoplan.resources import REFERENCE_PLANS; print(REFERENCE_PLANS)"
    env = {**os.environ, "GEOPLAN_REFERENCE_PLANS": str(tmp_path)}
    named = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert named.stdout.strip() == str(tmp_path)
    env.pop("GEOPLAN_REFERENCE_PLANS")
    default = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert default.stdout.strip().endswith(os.path.join("shared", "plans"))
