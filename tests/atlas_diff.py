"""Where two atlases differ, layer by layer, feature by feature, field by field (for the stale-atlas test)."""

from __future__ import annotations

from collections.abc import Iterator

import geopandas as gpd

#: the column that names a feature in each kind of layer
KEYS = ("feature_id", "place_id")


def differences(expected: dict[str, gpd.GeoDataFrame], actual: dict[str, gpd.GeoDataFrame]) -> Iterator[str]:
    """One line per difference: a layer missing or added, columns, features missing or added, then each
    changed field (the geometry compared as WKB) as ``layer / feature / field: expected -> actual``."""
    for name in [*expected, *(n for n in actual if n not in expected)]:
        if name not in actual:
            yield f"{name}: layer missing"
            continue
        if name not in expected:
            yield f"{name}: layer added"
            continue
        yield from _layer_differences(name, expected[name], actual[name])
    if list(expected) != [n for n in actual if n in expected]:
        yield f"layer order: {list(expected)} -> {list(actual)}"


def _layer_differences(name: str, expected: gpd.GeoDataFrame, actual: gpd.GeoDataFrame) -> Iterator[str]:
    if list(expected.columns) != list(actual.columns):
        yield f"{name}: columns {list(expected.columns)} -> {list(actual.columns)}"
    key = next((k for k in KEYS if k in expected.columns and k in actual.columns), None)
    old = _rows(expected, key)
    new = _rows(actual, key)
    yield from (f"{name} / {feature}: feature missing" for feature in old if feature not in new)
    yield from (f"{name} / {feature}: feature added" for feature in new if feature not in old)
    shared = [c for c in expected.columns if c in actual.columns]
    for feature, before in old.items():
        after = new.get(feature)
        if after is None:
            continue
        for column in shared:
            was, now = before[column], after[column]
            if column == expected.geometry.name:
                was, now = _wkb(was), _wkb(now)
            if was != now and not (_missing(was) and _missing(now)):  # NaN != NaN: both empty is equal
                yield f"{name} / {feature} / {column}: {_short(was)} -> {_short(now)}"
    if key is not None and list(old) != list(new) and old.keys() == new.keys():
        yield f"{name}: same features in another order"


def _rows(frame: gpd.GeoDataFrame, key: str | None) -> dict[object, dict[str, object]]:
    records = frame.to_dict("records")
    return {(record[key] if key else index): record for index, record in enumerate(records)}


def _wkb(geometry: object) -> str:
    return geometry.wkb_hex if geometry is not None else "None"


def _short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _missing(value: object) -> bool:
    """An empty cell: None or NaN."""
    return value is None or (isinstance(value, float) and value != value)
