"""Import harvested routes into ``gazetteer/routes.csv``: the one path from a harvest row to a route record.

A harvest row (the columns of ``/work/harvest/routes.csv``: ``route_id, name, kind, aliases, waypoints,
waypoint_precision, page_url, date_read, checked_by, note``) states a route and the places its page names, in the
page's order.  It becomes a record the way the earlier imports wrote theirs:

- id ``road:<G number>`` for a numbered road, else ``<road|railway>:<name>`` (``rail:`` ids are railways);
- aliases: the stated forms plus their usual pairs (``X高速`` / ``X高速公路``, ``X铁路`` / ``X线`` for a short name),
  never the forms of a route number (the loader derives them, :func:`~geoplan.geocode.gazetteer.route_number_forms`);
- two waypoints or more: ``line:<ids>`` through them in order, ``geometry_source`` 'ordered waypoints A—B per
  <page>'; one: that place is the parent and the record sits there ('located at its banner');
- a row whose note starts with ``update:`` changes the existing record's geometry (or parent) when it states
  waypoints, adds the forms it states that the record lacks, and adds its note.

Each waypoint must be the official name of exactly one banner, town, league or port of the gazetteer (never a guess).
Existing rows keep their bytes; the file is written atomically.  Run
``python -m geoplan.geocode.routes_import HARVEST.csv`` and review the diff like any curated file.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from geoplan.errors import InputError
from geoplan.geocode.gazetteer import CURATED_COLUMNS, Gazetteer
from geoplan.io import atomic_path
from geoplan.resources import GAZETTEER_DIR

#: the types a waypoint may name.
WAYPOINT_TYPES = frozenset({"banner", "town", "league", "port"})
_NUMBER = re.compile(r"[GS]\d{1,4}")
_LINE_NOTE = "schematic: line through its waypoints in the region, in order"


def import_routes(harvest: Path, routes: Path, gazetteer: Gazetteer) -> list[str]:
    """Add or update the records of ``harvest``'s rows in ``routes`` (a routes.csv); returns their ids."""
    with routes.open(encoding="utf-8", newline="") as handle:
        raw = handle.read().splitlines(keepends=True)
    records = list(csv.DictReader(raw))
    by_id = {record["id"]: record for record in records}
    with harvest.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    changed = []
    for row in rows:
        record_id = _record_id(row)
        if record_id in by_id:
            if not row["note"].startswith("update:"):
                raise InputError(
                    f"{record_id} is already a record: an update row's note starts with 'update:'"
                )
            record = by_id[record_id]
            record["note"] += f"; {row['note']} (read {row['date_read']})"
            _add_forms(record, row["aliases"])
        else:
            record = _new_record(record_id, row)
            records.append(record)
            by_id[record_id] = record
        _place(record, row, [_waypoint(gazetteer, name) for name in row["waypoints"].split(";") if name])
        changed.append(record_id)
    lines = [raw[0]]
    for old, record in zip(
        raw[1:], records, strict=False
    ):  # an unchanged row keeps its bytes (and line ending)
        body = old.rstrip("\r\n")
        lines.append(old if body == _line(record) else _line(record) + old[len(body) :])
    lines += [_line(record) + "\r\n" for record in records[len(raw) - 1 :]]
    with atomic_path(routes, overwrite=True) as tmp:
        tmp.write_text("".join(lines), encoding="utf-8", newline="")
    return changed


def _record_id(row: dict[str, str]) -> str:
    """'road:G209', 'railway:锦赤铁路', 'road:准兴重载高速公路' (a row without a route id is named by its name)."""
    route_id = row["route_id"] or row["name"]
    kind = "railway" if row["kind"] == "railway" or route_id.startswith("rail:") else "road"
    return f"{kind}:{route_id.removeprefix('rail:')}"


def _new_record(record_id: str, row: dict[str, str]) -> dict[str, str]:
    record = dict.fromkeys(CURATED_COLUMNS, "")
    forms = [form for form in _forms(row["aliases"]) if form != row["name"]]
    record.update(
        id=record_id,
        name=row["name"],
        type=record_id.partition(":")[0],
        aliases=";".join(forms),
        parent="内蒙古自治区",
        note=f"{row['kind'].replace('_', ' ')}; record: {row['page_url']} (read {row['date_read']}); {row['note']}",
    )
    return record


def _forms(aliases: str) -> list[str]:
    """The stated forms and their usual pairs, without route numbers."""
    forms = [form.strip() for form in aliases.split(";") if form.strip()]
    for form in list(forms):
        if form.endswith("高速") and not form.endswith("高速公路"):
            forms.append(form + "公路")
        if form.endswith("高速公路"):
            forms.append(form[:-2])
        if form.endswith("铁路") and len(form) <= 5:
            forms.append(form[:-2] + "线")
    return [form for form in dict.fromkeys(forms) if not _NUMBER.fullmatch(form)]


def _add_forms(record: dict[str, str], aliases: str) -> None:
    """Add an update row's stated forms (and their pairs) the record lacks, after its own."""
    known = {record["name"], *record["aliases"].split(";")}
    added = [form for form in _forms(aliases) if form not in known]
    record["aliases"] = ";".join(filter(None, [record["aliases"], *added]))


def _waypoint(gazetteer: Gazetteer, name: str) -> str:
    """The id of the one banner, town, league or port officially named ``name``."""
    ids = {
        c.place.id for c in gazetteer.lookup(name) if c.place.name == name and c.place.type in WAYPOINT_TYPES
    }
    if len(ids) != 1:
        raise InputError(f"waypoint {name!r}: {len(ids)} records of that official name (need exactly one)")
    return ids.pop()


def _place(record: dict[str, str], row: dict[str, str], waypoints: list[str]) -> None:
    """Draw the record through its waypoints, or put it at its one stated place."""
    if len(waypoints) >= 2:
        names = "—".join(name for name in row["waypoints"].split(";") if name)
        record["schematic"] = "line:" + ";".join(waypoints)
        record["geometry_source"] = f"ordered waypoints {names} per {row['page_url']}"
        if _LINE_NOTE not in record["note"]:
            record["note"] += f"; {_LINE_NOTE}"
    elif waypoints:
        level = waypoints[0].partition(":")[0]
        record["parent"] = row["waypoints"].strip(";")
        record["schematic"] = record["geometry_source"] = ""
        record["note"] += f"; one stated place in the region: located at its {level}"


def _line(record: dict[str, str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([record[column] for column in CURATED_COLUMNS])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """``python -m geoplan.geocode.routes_import HARVEST.csv [ROUTES.csv]``."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(
            __doc__.splitlines()[0],
            "\nusage: python -m geoplan.geocode.routes_import HARVEST.csv [ROUTES.csv]",
        )
        return 2
    routes = Path(args[1]) if len(args) > 1 else GAZETTEER_DIR / "routes.csv"
    for record_id in import_routes(Path(args[0]), routes, Gazetteer.load()):
        print(record_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
