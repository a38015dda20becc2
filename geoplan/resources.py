"""Where geoplan's shipped data lives.

The source of truth is three top-level folders of the repository: ``gazetteer/`` (curated place records),
``layers/`` (layer definitions and the shipped atlas) and ``static/`` (Leaflet, served by the app).  A wheel
carries them as the data packages ``geoplan.gazetteer_data``, ``geoplan.layers_data`` and
``geoplan.static`` (``[tool.setuptools.package-dir]`` in ``pyproject.toml``), read with
:mod:`importlib.resources`.  In a source checkout (an editable install, or a git worktree run from its own
folder) the package has no such subfolders and the checkout's own folders are used, so an edit to a CSV is seen
at once.
"""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _data_dir(folder: str, marker: str, package: str) -> Path:
    """The installed data package ``geoplan.<package>`` or, in a checkout, the top-level ``folder``."""
    installed = Path(str(importlib.resources.files("geoplan"))) / package
    if (installed / marker).is_file():
        return installed
    return _CHECKOUT / folder


GAZETTEER_DIR = _data_dir("gazetteer", "derived.json", "gazetteer_data")
LAYERS_DIR = _data_dir("layers", "layers.yaml", "layers_data")
# Streamlit serves the folder ``static`` beside the app's main script: ``app.py`` in a checkout,
# ``geoplan/app.py`` in a wheel (hence the package's name).
STATIC_DIR = _data_dir("static", "vendor/README.md", "static")
APP_SCRIPT = STATIC_DIR.parent / "app.py"
DEFAULT_ATLAS = LAYERS_DIR / "atlas.gpkg"
#: the reference plans (tests, benches): ``GEOPLAN_REFERENCE_PLANS`` when set, else ``shared/plans`` beside the
#: checkout's folder
REFERENCE_PLANS = Path(os.environ.get("GEOPLAN_REFERENCE_PLANS") or _CHECKOUT.parent / "shared" / "plans")
