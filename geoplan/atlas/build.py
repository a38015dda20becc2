"""The atlas build: plans -> projects and places -> every layer of ``layers.yaml`` -> one GeoPackage.

``build_layers(plan_paths)`` returns ``{layer_id: GeoDataFrame}`` (EPSG:4326; thematic layers carry
:data:`~geoplan.atlas.schema.FEATURE_COLUMNS`, base layers :data:`~geoplan.atlas.schema.BASE_COLUMNS`);
``write_atlas(layers, path)`` writes them atomically and byte-for-byte reproducibly (fixed GDAL
timestamp, fixed layer, column and row order) as a GeoPackage 1.2 of one-geometry-type tables with
their QGIS styles.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely.geometry import box

from geoplan.atlas.links import link_features, merge_linked
from geoplan.atlas.schema import BASE_COLUMNS, CRS, FEATURE_COLUMNS, places_frame
from geoplan.atlas.summary import summarise
from geoplan.errors import AtlasError, GeoplanError, InputError
from geoplan.extract.features import issuer_area, locate_project, place_row, project_row
from geoplan.extract.projects import Project, extract_projects, location_report, provenance_at
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import geoparse
from geoplan.io import atomic_path
from geoplan.layers import LayerDef, load_layers
from geoplan.output.geopackage import write_geopackage
from geoplan.read.plan import SUPPORTED_SUFFIXES, read

#: the GeoPackage timestamp (gpkg_contents.last_change) of every atlas, for reproducible bytes
ATLAS_TIMESTAMP = "2000-01-01T00:00:00.000Z"
#: integer columns of thematic layers (every other attribute is text)
INTEGER_COLUMNS = frozenset({"item", "page", "approximate", "carryover"})
#: sector of a named place, by gazetteer type (for place features of thematic layers)
PLACE_TYPE_SECTORS: dict[str, str] = {
    "desert": "ecology",
    "sandy_land": "ecology",
    "reserve": "ecology",
    "national_park": "ecology",
    "grassland": "ecology",
    "forest": "forestry",
    "lake": "water_ecology",
    "wetland": "water_ecology",
    "park": "industry",
    "subpark": "industry",
    "mine": "mining",
    "railway": "railway",
    "road": "road",
    "street": "road",
    "airport": "aviation",
    "port": "port",
    "reservoir": "water",
    "water_project": "water",
    "power_line": "power",
    "corridor": "transport",
    "scenic": "tourism",
}
_ISSUER_TYPES = {"league": ("league",), "banner": ("banner",), "district": ("banner",)}

Progress = Callable[[int, int, str], None]


@dataclass
class PlanBuild:
    """What one plan contributes to the atlas."""

    plan: str
    projects: list[Project]
    project_rows: list[dict[str, Any]]
    place_rows: list[dict[str, Any]]
    named_place_ids: set[str] = field(default_factory=set)
    issuer_ids: set[str] = field(default_factory=set)


def _issuer(meta: Any, gazetteer: Any) -> Any | None:
    """The gazetteer record of the issuing unit (None when the gazetteer lacks it)."""
    types = list(_ISSUER_TYPES.get(meta.issuer_level, ("league", "banner")))
    within = None
    if meta.parent:
        parents = gazetteer.lookup(meta.parent, types=["league"])
        within = parents[0].place.id if parents else None
    candidates = gazetteer.lookup(meta.issuer, within=within, types=types) or gazetteer.lookup(
        meta.issuer, types=types
    )
    return candidates[0].place if candidates else None


def build_plan(path: Path, gazetteer: Any, *, plan: Any = None, places: Any = None) -> PlanBuild:
    """Read, geoparse and extract one plan into feature rows (``plan``/``places`` when already done)."""
    plan = plan if plan is not None else read(path, gazetteer)
    places = places if places is not None else geoparse(plan, gazetteer)
    issuer = _issuer(plan.meta, gazetteer)
    issuer_ids = {issuer.id, *issuer.parent_ids} if issuer is not None else set()
    issuer_ids |= {m.place.id for m in places.mentions if m.place is not None and m.place.type == "province"}
    projects = extract_projects(plan, places, issuer_ids)
    project_rows = []
    for project in projects:
        located = locate_project(project, issuer, issuer_ids)
        if located.geometry.is_empty:
            located = issuer_area(issuer, project.issuer_level)
        project_rows.append(project_row(project, located, gazetteer))
    return PlanBuild(
        plan=plan.name,
        projects=projects,
        project_rows=project_rows,
        place_rows=_place_rows(plan, places, projects, gazetteer),
        named_place_ids={m.place.id for m in places.mentions if m.place is not None},
        issuer_ids=issuer_ids,
    )


def _place_rows(plan: Any, places: Any, projects: Sequence[Project], gazetteer: Any) -> list[dict[str, Any]]:
    """One row per named place of a thematic place type (desert, park, airport …), in order of first
    mention; its provenance is its first mention in a box (a park's profile, a project), else its first."""
    layer_of_type = {t: d.id for d in load_layers() if d.group == "thematic" for t in d.place_types}
    chosen: dict[str, Any] = {}  # place id -> its first mention in a box, else its first mention
    for mention in places.mentions:
        place = mention.place
        if place is None or place.type not in layer_of_type:
            continue
        if place.id not in chosen or (plan.box_at(mention.start) and not plan.box_at(chosen[place.id].start)):
            chosen[place.id] = mention
    rows = []
    stem = plan.path.stem
    for mention in chosen.values():
        place = mention.place
        provenance = {
            "feature_id": f"{stem}:place:{place.id}",
            "plan": plan.name,
            "issuer": plan.meta.issuer,
            "issuer_level": plan.meta.issuer_level,
            "plan_kind": plan.meta.kind,
            "period": f"{plan.meta.period[0]}-{plan.meta.period[1]}",
            "excerpt": _sentence(plan.text, mention.start, mention.end),
            **provenance_at(plan, mention.start),  # a box item's text (a park's focus) replaces the sentence
        }
        sector = PLACE_TYPE_SECTORS.get(place.type, "urban")
        rows.append(place_row(place, layer_of_type[place.type], sector, gazetteer, provenance))
    return rows


def _sentence(text: str, start: int, end: int, limit: int = 200) -> str:
    """The sentence around ``[start, end)``, at most ``limit`` characters."""
    left = max(text.rfind(stop, max(0, start - limit), start) for stop in "。；\n")
    right_candidates = [i for i in (text.find(stop, end, end + limit) for stop in "。；\n") if i != -1]
    right = min(right_candidates) if right_candidates else min(len(text), end + limit)
    return " ".join(text[left + 1 : right + 1].split())


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> gpd.GeoDataFrame:
    """A GeoDataFrame with exactly ``columns`` (+ geometry) in order, typed the same whether empty or not."""
    data = {}
    for column in columns:
        values = [row.get(column, 0 if column in INTEGER_COLUMNS else "") for row in rows]
        if column in INTEGER_COLUMNS:
            data[column] = pd.Series([value or 0 for value in values], dtype="int64")  # '' (unset) is 0
        else:
            data[column] = pd.Series(["" if v is None else str(v) for v in values], dtype=object)
    geometry = gpd.GeoSeries([row["geometry"] for row in rows], crs=CRS)
    return gpd.GeoDataFrame(data, geometry=geometry, crs=CRS)


_BASE_TYPES = {"leagues": ("league",), "banners": ("banner",)}


#: How far (degrees) beyond the region's bounding box a named place still goes on the map: the facing ports
#: and towns across the border do, a far country or province (美国, 广东) stays in ``geoplan places`` only.
NEAR_REGION_DEG = 2.0


def _near_the_region(frame: gpd.GeoDataFrame, gazetteer_frame: gpd.GeoDataFrame) -> pd.Series:
    """Rows of ``frame`` whose geometry lies within :data:`NEAR_REGION_DEG` of the region's bounding box."""
    region = gazetteer_frame[gazetteer_frame["type"] == "league"]
    if region.empty or frame.empty:
        return pd.Series(True, index=frame.index)
    minx, miny, maxx, maxy = region.total_bounds
    near = box(minx - NEAR_REGION_DEG, miny - NEAR_REGION_DEG, maxx + NEAR_REGION_DEG, maxy + NEAR_REGION_DEG)
    return frame.geometry.intersects(near)


def _base_frame(
    gazetteer_frame: gpd.GeoDataFrame, layer: LayerDef, named: dict[str, set[str]]
) -> gpd.GeoDataFrame:
    """A base layer from the gazetteer: leagues, banners, towns, or every place the plans name."""
    if layer.id == "places":
        frame = gazetteer_frame[gazetteer_frame["place_id"].isin(named)]
        frame = frame[_near_the_region(frame, gazetteer_frame)]
    else:
        types = layer.place_types or _BASE_TYPES.get(layer.id, (layer.id,))
        frame = gazetteer_frame[gazetteer_frame["type"].isin(types)]
    frame = frame.copy()
    frame["plans"] = [";".join(sorted(named.get(pid, ()))) for pid in frame["place_id"]]
    for column in BASE_COLUMNS:
        if column not in frame:
            frame[column] = ""
        frame[column] = frame[column].fillna("").astype(str)
    frame = frame.sort_values("place_id", kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(frame[list(BASE_COLUMNS)], geometry=frame.geometry.values, crs=CRS)


def build_plans(
    plan_paths: Iterable[str | Path], gazetteer: Gazetteer, progress: Progress | None = None
) -> tuple[dict[str, gpd.GeoDataFrame], list[PlanBuild]]:
    """:func:`build_layers` plus the per-plan builds (projects, issuer ids) for reports."""
    paths = sorted({Path(p) for p in plan_paths}, key=lambda p: (p.name, str(p)))
    if not paths:
        raise InputError(
            f"no plan to build (give plan files or folders holding {'/'.join(SUPPORTED_SUFFIXES)} plans)"
        )
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such plan file")
    total = len(paths) + 1
    builds = []
    for done, path in enumerate(paths, start=1):
        builds.append(build_plan(path, gazetteer))
        if progress:
            progress(done, total, path.name)
    layers = assemble_layers(builds, gazetteer)
    if progress:
        progress(total, total, "base layers")
    return layers, builds


def build_layers(
    plan_paths: Iterable[str | Path], gazetteer: Gazetteer, progress: Progress | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """Every layer of ``layers.yaml`` built from the plans (see the module docstring)."""
    layers, _ = build_plans(plan_paths, gazetteer, progress)
    return layers


def assemble_layers(builds: Sequence[PlanBuild], gazetteer: Any) -> dict[str, gpd.GeoDataFrame]:
    """Sort the plans' rows into the layers of ``layers.yaml``, in file order; the features of one linked
    project (:mod:`geoplan.atlas.links`) become one row that lists every plan and source; the leagues and
    banners carry the per-plan summary columns of :func:`geoplan.atlas.summary.summarise`."""
    named: dict[str, set[str]] = {}
    for build in builds:
        for place_id in build.named_place_ids:
            named.setdefault(place_id, set()).add(build.plan)
    rows = [row for build in builds for row in build.project_rows + build.place_rows]
    rows_by_layer: dict[str, list[dict[str, Any]]] = {}
    for row in merge_linked(rows, link_features(rows, gazetteer)):
        rows_by_layer.setdefault(row["layer"], []).append(row)
    layers = {}
    gazetteer_frame = places_frame(gazetteer)
    for layer in load_layers():
        if layer.group == "base":
            layers[layer.id] = _base_frame(gazetteer_frame, layer, named)
        else:
            layers[layer.id] = _frame(rows_by_layer.get(layer.id, []), FEATURE_COLUMNS)
    return summarise(layers)


def report(builds: Sequence[PlanBuild]) -> dict[str, Any]:
    """The location report of built plans (see :func:`geoplan.extract.projects.location_report`)."""
    projects = [p for b in builds for p in b.projects]
    return location_report(projects, {b.plan: b.issuer_ids for b in builds})


#: GDAL settings while writing: a fixed timestamp (reproducible bytes) and no per-statement fsync
#: (the file is a temporary one, synced once before it is renamed into place)
_WRITE_OPTIONS = {"OGR_CURRENT_DATE": ATLAS_TIMESTAMP, "OGR_SQLITE_SYNCHRONOUS": "OFF"}


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


@contextmanager
def _gdal_options(options: dict[str, str]):
    previous = {key: pyogrio.get_gdal_config_option(key) for key in options}
    pyogrio.set_gdal_config_options(options)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(previous)


def write_atlas(
    layers: dict[str, gpd.GeoDataFrame], path: str | os.PathLike[str], *, overwrite: bool = True
) -> Path:
    """Write the layers to one GeoPackage, atomically; the same layers give the same bytes.

    Layers are written in ``layers.yaml`` order (then any others, sorted), each as its one-geometry-type
    tables (:mod:`geoplan.atlas.tables`) with its QGIS style (:mod:`geoplan.output.geopackage`);
    rows and columns as given.
    Without ``overwrite`` an existing ``path`` is never replaced (see :func:`geoplan.io.atomic_path`).
    """
    path = Path(path)
    known = [d.id for d in load_layers()]
    missing = [layer_id for layer_id in known if layer_id not in layers]
    if missing:
        raise AtlasError(f"cannot write an atlas without layer(s) {', '.join(missing)}")
    order = known + sorted(set(layers) - set(known))
    stamp = datetime.strptime(ATLAS_TIMESTAMP, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    frames = {}
    for layer_id in order:
        frame = layers[layer_id]
        frames[layer_id] = frame.to_crs(CRS) if frame.crs is not None and frame.crs != CRS else frame
    try:
        with atomic_path(path, overwrite=overwrite) as tmp, _gdal_options(_WRITE_OPTIONS):
            write_geopackage(frames, tmp, now=stamp)
            _fsync(tmp)  # SQLite ran without per-statement syncs; make the finished file durable once
    except GeoplanError:
        raise
    except Exception as error:  # GDAL/pyogrio failures: disk full, permissions …
        raise AtlasError(f"{path}: cannot write the atlas: {error}") from None
    return path
