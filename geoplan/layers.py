"""Layer definitions (membership rules and styles) loaded from ``layers/layers.yaml``.

The same definitions drive the app's symbology, the QGIS styles of the exports and the static maps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from geoplan.errors import GeoplanError
from geoplan.resources import LAYERS_DIR

_STYLE_DEFAULTS: dict[str, Any] = {
    "color": "#333333",
    "fill": "#999999",
    "fill_opacity": 0.4,
    "weight": 1.5,
    "dash": None,
    "radius": 5,
    "marker": "circle",
    "z": 0,
}
_GROUPS = {"base", "thematic"}


@dataclass(frozen=True)
class LayerStyle:
    """How a layer is drawn, in every output."""

    color: str
    fill: str
    fill_opacity: float
    weight: float
    dash: str | None
    radius: float
    marker: str
    z: int


@dataclass(frozen=True)
class LayerDef:
    """One layer: identity, membership rules and style."""

    id: str
    title: str
    title_en: str
    group: str
    geometry: str
    style: LayerStyle
    sectors: tuple[str, ...] = field(default=())
    place_types: tuple[str, ...] = field(default=())


@cache
def load_layers(path: Path | None = None) -> tuple[LayerDef, ...]:
    """Read and validate the layer definitions, in file order."""
    path = path or LAYERS_DIR / "layers.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GeoplanError(f"{path}: cannot read layer definitions: {error}") from None
    layers = []
    for entry in raw:
        missing = {"id", "title", "title_en", "group", "geometry", "style"} - set(entry)
        if missing:
            raise GeoplanError(f"{path}: layer {entry.get('id', '?')!r} lacks {sorted(missing)}")
        if entry["group"] not in _GROUPS:
            raise GeoplanError(f"{path}: layer {entry['id']!r} has unknown group {entry['group']!r}")
        style = LayerStyle(**{**_STYLE_DEFAULTS, **entry["style"]})
        layers.append(
            LayerDef(
                id=entry["id"],
                title=entry["title"],
                title_en=entry["title_en"],
                group=entry["group"],
                geometry=entry["geometry"],
                style=style,
                sectors=tuple(entry.get("sectors", ())),
                place_types=tuple(entry.get("place_types", ())),
            )
        )
    ids = [layer.id for layer in layers]
    if len(ids) != len(set(ids)):
        raise GeoplanError(f"{path}: duplicate layer ids")
    return tuple(layers)


def layer(layer_id: str) -> LayerDef:
    """The definition of one layer by id."""
    for definition in load_layers():
        if definition.id == layer_id:
            return definition
    raise GeoplanError(f"unknown layer {layer_id!r}; known: {', '.join(d.id for d in load_layers())}")


def thematic_layer_for_sector(sector: str) -> str:
    """The thematic layer a project of ``sector`` belongs to ('urban' when no layer claims it)."""
    for definition in load_layers():
        if definition.group == "thematic" and sector in definition.sectors:
            return definition.id
    return "urban"
