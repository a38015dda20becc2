"""Where geoplan's shipped data lives: ``gazetteer/`` and ``layers/`` beside the package."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER_DIR = ROOT / "gazetteer"
LAYERS_DIR = ROOT / "layers"
DEFAULT_ATLAS = LAYERS_DIR / "atlas.gpkg"
REFERENCE_PLANS = ROOT.parent / "shared" / "plans"
