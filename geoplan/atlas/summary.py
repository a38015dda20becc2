"""Summaries per area: what each plan puts in every league and banner.

For every *scope* — one plan, or one planning period whose plans do not nest — each league and banner
gets attribute columns ``<scope>_<metric>``: the count of projects, the count per thematic layer
(``<scope>_n_<layer>``), the count per sector (``<scope>_sectors``, JSON), the investment in 亿元 and
the capacities (万千瓦, 万吨/年 …) summed from the parsed quantities (:data:`MEASURES`).

Rules:

- Only ``kind == 'project'`` features count (named places and layout elements are no projects).
- A project counts for the finest area that holds all its locations: its banner when it has one, and
  that banner's league; a project placed at the issuer's whole area counts for the issuer's area only
  (a league's plan does not spread its league-wide projects over the banners).
- Sums never run across nested plans (a banner's plan inside its city's plan) nor across periods: a
  period scope exists only when its plans' issuer areas do not overlap. Until projects are linked
  across plans (one project, several plans), nested plans are summed per plan only.
- An area outside every issuer area of the scope and with no project of it gets NULL (not covered),
  not 0.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geoplan.layers import load_layers

#: share of the smaller issuer area two plans must share to count as nested (boundary slivers are not)
NESTED_SHARE = 0.01
PERIOD_TITLES = {"14th": "十四五", "15th": "十五五"}


@dataclass(frozen=True)
class Measure:
    """A summed quantity: its column suffix, title, display unit and factor from the normalised unit."""

    key: str
    title: str
    unit: str
    unit_si: str
    factor: float


#: quantities summed per area, by normalised unit (see geoplan.extract.quantities)
MEASURES: tuple[Measure, ...] = (
    Measure("invest_yi", "投资", "亿元", "CNY", 1e-8),
    Measure("power_wkw", "装机容量", "万千瓦", "MW", 0.1),
    Measure("output_wt_a", "年产能", "万吨/年", "t/a", 1e-4),
    Measure("water_wm3_a", "年供水/处理能力", "万立方米/年", "m3/a", 1e-4),
    Measure("energy_ykwh_a", "年电量", "亿千瓦时/年", "kWh/a", 1e-8),
    Measure("area_wmu", "面积", "万亩", "ha", 15e-4),
    Measure("length_km", "长度", "公里", "km", 1.0),
)
ISSUER_AREA_NOTE = "仅定位到编制单位辖区的项目只计入该辖区，不分摊到下级旗县区"


@dataclass(frozen=True)
class Scope:
    """What one set of summary columns sums: a plan, or a period's plans that do not nest."""

    key: str  # column prefix: 'p002', 'fyp15'
    title: str  # 'plan 002 …' for legends
    plans: tuple[str, ...]
    issuers: tuple[str, ...]


def _thematic(frames: Mapping[str, gpd.GeoDataFrame]) -> dict[str, gpd.GeoDataFrame]:
    return {name: frame for name, frame in frames.items() if "feature_id" in frame.columns}


def projects_frame(frames: Mapping[str, gpd.GeoDataFrame]) -> pd.DataFrame:
    """Every project of the thematic layers, one row each, with one column per measure (in its unit)."""
    parts = [f.drop(columns=f.geometry.name) for f in _thematic(frames).values() if not f.empty]
    if not parts:
        return pd.DataFrame(columns=["plan", "layer", "sector", "banner", "league", *_measure_keys()])
    table = pd.concat(parts, ignore_index=True)
    table = table[table["kind"] == "project"].reset_index(drop=True)
    sums = [measure_values(text) for text in table["quantities"].fillna("[]")]
    for measure in MEASURES:
        table[measure.key] = [row[measure.key] for row in sums]
    return table


def _named_by(projects: pd.DataFrame, plans: Iterable[str]) -> pd.Series:
    """Projects any of ``plans`` names: a project linked across plans (``plans`` lists them all) counts for
    each plan's own sums, and once in a scope that holds several of them."""
    wanted = set(plans)
    listed = projects["plans"] if "plans" in projects.columns else projects["plan"]
    return pd.Series(
        [
            bool(wanted & set(filter(None, str(p or plan).split(";"))))
            for p, plan in zip(listed, projects["plan"], strict=True)
        ],
        index=projects.index,
    )


def _measure_keys() -> list[str]:
    return [m.key for m in MEASURES]


def measure_values(quantities_json: str) -> dict[str, float]:
    """The quantities of one feature (the ``quantities`` JSON) summed per measure, in the measure's unit."""
    totals = dict.fromkeys(_measure_keys(), 0.0)
    by_unit = {m.unit_si: m for m in MEASURES}
    for quantity in json.loads(quantities_json or "[]"):
        measure = by_unit.get(quantity.get("unit_si"))
        if measure is not None and quantity.get("value_si") is not None:
            totals[measure.key] += float(quantity["value_si"]) * measure.factor
    return totals


def plan_keys(plans: Iterable[str]) -> dict[str, str]:
    """Plan file name -> column prefix: 'p' + the stem's leading code ('000_…' -> 'p000') when every plan
    has a distinct one, else 'p1', 'p2' … in sorted order."""
    names = sorted(set(plans))
    codes = [re.match(r"[A-Za-z0-9]+", Path(name).stem) for name in names]
    prefixes = [m.group(0).lower()[:6] if m else "" for m in codes]
    if all(prefixes) and len(set(prefixes)) == len(prefixes):
        return {name: f"p{prefix}" for name, prefix in zip(names, prefixes, strict=True)}
    return {name: f"p{index}" for index, name in enumerate(names, start=1)}


def issuer_area(
    issuer: str, level: str, leagues: gpd.GeoDataFrame, banners: gpd.GeoDataFrame
) -> BaseGeometry | None:
    """The polygon of a plan's issuer, found by name in the leagues or banners layer (None when absent)."""
    if level == "league":
        hits = leagues[leagues["name"] == issuer]
    else:
        full = banners["league"].astype(str) + banners["name"].astype(str)
        hits = banners[(banners["name"] == issuer) | (full == issuer)]
    return hits.geometry.iloc[0] if len(hits) == 1 else None


def _nested(areas: Sequence[BaseGeometry | None]) -> bool:
    """True when any two issuer areas overlap (or one is unknown, which cannot be ruled out)."""
    if any(area is None for area in areas):
        return len(areas) > 1
    for i, first in enumerate(areas):
        for second in areas[i + 1 :]:
            shared = first.intersection(second).area
            if shared > NESTED_SHARE * min(first.area, second.area):
                return True
    return False


def scopes(frames: Mapping[str, gpd.GeoDataFrame]) -> list[Scope]:
    """Every plan of the atlas as a scope, plus each period whose (two or more) plans do not nest."""
    table = pd.concat(
        [f[["plan", "issuer", "issuer_level", "plan_kind"]] for f in _thematic(frames).values()],
        ignore_index=True,
    ).drop_duplicates("plan")
    if table.empty:
        return []
    keys = plan_keys(table["plan"])
    leagues, banners = frames["leagues"], frames["banners"]
    found = []
    for row in table.sort_values("plan").itertuples():
        period = PERIOD_TITLES.get(row.plan_kind, row.plan_kind)
        found.append(Scope(keys[row.plan], f"{row.issuer}{period}规划", (row.plan,), (row.issuer,)))
    for kind, group in table.groupby("plan_kind", sort=True):
        if len(group) < 2:
            continue
        areas = [issuer_area(r.issuer, r.issuer_level, leagues, banners) for r in group.itertuples()]
        if _nested(areas):
            continue
        digits = re.sub(r"\D", "", str(kind)) or str(kind)
        title = f"{PERIOD_TITLES.get(kind, kind)}规划（{'、'.join(group['issuer'])}）"
        found.append(Scope(f"fyp{digits}", title, tuple(group["plan"]), tuple(group["issuer"])))
    return found


def summary_columns(scope_key: str, layer_ids: Sequence[str]) -> list[str]:
    """The columns of one scope, in order."""
    return [
        f"{scope_key}_projects",
        *(f"{scope_key}_n_{layer}" for layer in layer_ids),
        *(f"{scope_key}_{m.key}" for m in MEASURES),
        f"{scope_key}_sectors",
    ]


def describe_column(column: str, scope_list: Sequence[Scope] = ()) -> str:
    """A field-dictionary line for a summary column ('' for other columns)."""
    scope_key, _, metric = column.partition("_")
    titles = {s.key: s.title for s in scope_list}
    if not re.fullmatch(r"(p[0-9a-z]+|fyp\d+)", scope_key) or not metric:
        return ""
    where = titles.get(scope_key, scope_key)
    measures = {m.key: m for m in MEASURES}
    if metric == "projects":
        return f"projects of {where} in the area"
    if metric.startswith("n_"):
        return f"projects of {where} in the area, layer {metric[2:]}"
    if metric == "sectors":
        return f"projects of {where} in the area per sector (JSON)"
    if metric in measures:
        measure = measures[metric]
        return f"{measure.title} ({measure.unit}) of {where}'s projects in the area, parsed quantities summed"
    return ""


def _area_totals(projects: pd.DataFrame, keys: list[str], layer_ids: Sequence[str]) -> pd.DataFrame:
    """Per area key (the grouping columns ``keys``): project count, counts by layer, measures, sectors."""
    if projects.empty:
        return pd.DataFrame(columns=[*keys, "projects"])
    grouped = projects.groupby(keys, sort=True)
    totals = grouped.size().rename("projects").to_frame()
    for layer in layer_ids:
        totals[f"n_{layer}"] = grouped["layer"].apply(lambda s, layer=layer: int((s == layer).sum()))
    for measure in MEASURES:
        totals[measure.key] = grouped[measure.key].sum()
    totals["sectors"] = grouped["sector"].apply(
        lambda s: json.dumps(dict(sorted(s.value_counts().items())), ensure_ascii=False)
    )
    return totals.reset_index()


def _covered(areas: gpd.GeoDataFrame, issuer_areas: Sequence[BaseGeometry | None]) -> np.ndarray:
    """True for the areas that overlap an issuer area of the scope (by more than a boundary sliver)."""
    known = [a for a in issuer_areas if a is not None]
    if not known:
        return np.ones(len(areas), dtype=bool)
    union = shapely.union_all(known)
    geometries = np.asarray(areas.geometry.values, dtype=object)
    shared = shapely.area(shapely.intersection(geometries, union))  # ratios only: degrees² will do
    return shared > NESTED_SHARE * shapely.area(geometries)


def summarise(frames: Mapping[str, gpd.GeoDataFrame]) -> dict[str, gpd.GeoDataFrame]:
    """The ``leagues`` and ``banners`` layers with the summary columns of every scope added (in place of
    any earlier ones); every other layer unchanged."""
    result = dict(frames)
    if "leagues" not in frames or "banners" not in frames:
        return result
    layer_ids = list(_thematic(frames))
    projects = projects_frame(frames)
    scope_list = scopes(frames)
    leagues, banners = frames["leagues"], frames["banners"]
    issuer_rows = pd.concat(
        [f[["plan", "issuer", "issuer_level"]] for f in _thematic(frames).values()], ignore_index=True
    ).drop_duplicates("plan")
    issuer_of = {r.plan: (r.issuer, r.issuer_level) for r in issuer_rows.itertuples()}
    for layer_id, keys, names in (
        ("leagues", ["league"], ["name"]),
        ("banners", ["league", "banner"], ["league", "name"]),
    ):
        frame = _without_summaries(frames[layer_id])
        added: dict[str, pd.Series] = {}
        for scope in scope_list:
            subset = projects[_named_by(projects, scope.plans)]
            subset = subset[(subset[keys] != "").all(axis=1)]
            totals = _area_totals(subset, keys, layer_ids)
            merged = frame[names].rename(columns=dict(zip(names, keys, strict=True)))
            merged = merged.merge(totals, on=keys, how="left")
            covered = _covered(frame, [issuer_area(*issuer_of[p], leagues, banners) for p in scope.plans])
            has_projects = merged["projects"].notna().to_numpy()
            known = covered | has_projects
            for column in summary_columns("x", layer_ids):
                metric = column[2:]
                values = merged[metric] if metric in merged else pd.Series([None] * len(merged))
                if metric == "sectors":
                    series = values.where(has_projects, "{}").where(known, None)
                elif metric in _measure_keys():
                    series = values.astype(float).fillna(0.0).round(6).where(known, np.nan)
                else:
                    series = values.astype(float).fillna(0).where(known, np.nan).astype("Int64")
                added[f"{scope.key}_{metric}"] = series.set_axis(frame.index)
        result[layer_id] = gpd.GeoDataFrame(
            pd.concat(
                [frame.drop(columns=frame.geometry.name), pd.DataFrame(added, index=frame.index)], axis=1
            ),
            geometry=frame.geometry,
            crs=frame.crs,
        )
    return result


def _without_summaries(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    drop = [c for c in frame.columns if describe_column(c)]
    return frame.drop(columns=drop) if drop else frame


def summary_fields(frame: pd.DataFrame) -> list[str]:
    """The numeric summary columns of a leagues/banners frame (what a choropleth can show)."""
    return [c for c in frame.columns if describe_column(c) and not c.endswith("_sectors")]


def scope_of(field: str, frames: Mapping[str, gpd.GeoDataFrame]) -> Scope | None:
    """The scope a summary column sums (None for other columns)."""
    prefix = field.partition("_")[0]
    return next((s for s in scopes(frames) if s.key == prefix), None)


def field_title(field: str) -> str:
    """A summary column as a legend title: '投资（亿元）', '项目数', '产业园区与产业项目 项目数'."""
    metric = field.partition("_")[2]
    measures = {m.key: m for m in MEASURES}
    if metric in measures:
        return f"{measures[metric].title}（{measures[metric].unit}）"
    if metric.startswith("n_"):
        titles = {d.id: d.title for d in load_layers()}
        return f"{titles.get(metric[2:], metric[2:])} 项目数"
    return "项目数"
