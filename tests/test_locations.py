"""Sourced locations (gazetteer/locations/): every fact row and every gazetteer record, checked from the data."""

from __future__ import annotations

import math
import re
import shutil

import pytest
from click.testing import CliRunner
from shapely.geometry import Point

from geoplan.cli import cli
from geoplan.errors import GazetteerError
from geoplan.geocode import locations
from geoplan.geocode.gazetteer import Gazetteer, normalize
from geoplan.resources import GAZETTEER_DIR

GZ = Gazetteer.load()
BARE = Gazetteer.load(locations=False)
FACTS = locations.read_facts(GAZETTEER_DIR / locations.LOCATIONS_DIR)
ACCEPTED = [f for f in FACTS if f.status == "accepted"]
#: Non-admin records: the ones whose point stands for the place itself.
RECORDS = [p for p in GZ.records() if p.type not in ("province", "league", "banner", "neighbour")]


def _metres(a: Point, b: Point) -> float:
    dx = (a.x - b.x) * math.cos(math.radians(b.y)) * locations.METRES_PER_DEGREE
    return math.hypot(dx, (a.y - b.y) * locations.METRES_PER_DEGREE)


# -- the fact rows ---------------------------------------------------------------------------------
def test_every_harvest_family_has_its_file():
    files = {f.file for f in FACTS}
    assert {"ports.csv", "parks.csv", "reserves.csv", "scenic.csv", "towns.csv"} <= files


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.where)
def test_fact_row_is_complete(fact):
    assert fact.name and fact.type and fact.kind in locations.KINDS
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fact.date_read)
    assert fact.checked_by
    if fact.kind != "none":
        assert fact.page_url.startswith("http"), "every fact cites the page it was read on"
    if fact.kind == "point":
        assert -180 <= float(fact.lon) <= 180 and -90 <= float(fact.lat) <= 90
    if fact.kind == "extent":
        lon_min, lat_min, lon_max, lat_max = fact.extent()
        assert lon_min < lon_max and lat_min < lat_max
    if fact.kind == "address":
        assert fact.address_town
    if fact.status == "accepted":
        assert fact.kind != "none" and fact.record in GZ
        assert fact.kind == "address" or fact.datum in locations.USABLE_DATUMS
    if fact.status == "rejected":
        assert fact.reason


def test_stored_statuses_are_what_the_checks_give():
    """The files are reviewed: re-running the checks changes no status or reason."""
    places = {p.id: p for p in BARE.records()}
    for fact, status, reason in locations.review(FACTS, places, normalize):
        assert (fact.status, fact.reason) == (status, reason), fact.where


@pytest.mark.parametrize("fact", ACCEPTED, ids=lambda f: f.where)
def test_accepted_fact_is_what_the_record_shows(fact):
    place = GZ.get(fact.record)
    if fact.kind == "point":
        assert place.precision == "point"
        assert (place.point.x, place.point.y) == (float(fact.lon), float(fact.lat))
        assert fact.page_url in place.geometry_source
    elif fact.kind == "extent":
        assert place.extent == fact.extent()
        assert fact.page_url in place.geometry_source
    elif place.precision == "town":  # address -> the town's point, both sources cited
        assert place.geometry_source.startswith("address → town: " + fact.page_url)
        town = next(
            t for t in GZ.records(["town"]) if t.name == fact.address_town and t.banner_id == place.banner_id
        )
        assert place.point.equals(town.point)
        assert town.geometry_source in place.geometry_source
    else:  # an address in a town without its own point: kept for later, record at its banner
        assert place.precision == "banner"
        assert fact.address_town in place.note and fact.page_url in place.note


def test_a_point_outside_its_parent_is_rejected_with_its_distance():
    """贝尔湖: en.wikipedia's 47°48′N 117°40′E lies on the Mongolian side, outside 新巴尔虎右旗."""
    fact = next(f for f in FACTS if f.name == "贝尔湖")
    assert fact.status == "rejected"
    km = float(re.search(r"([\d.]+) km outside 新巴尔虎右旗", fact.reason).group(1))
    assert 5 < km < 10
    assert "http" not in GZ.get("lake:贝尔湖").geometry_source


AIR_PORT_FACTS = [f for f in ACCEPTED if f.type == "port" and re.search(r"airportsdata Z[A-Z]{3}", f.note)]


def test_air_ports_of_entry_are_located_by_a_page():
    """The air ports of entry cite their airport's page; the four airports with such a page are Hohhot, Hailar,
    Manzhouli and Baotou."""
    assert {f.name for f in AIR_PORT_FACTS} == {
        "呼和浩特航空口岸",
        "海拉尔航空口岸",
        "满洲里航空口岸",
        "包头航空口岸",
    }


@pytest.mark.parametrize("fact", AIR_PORT_FACTS, ids=lambda f: f.where)
def test_an_air_port_of_entry_lies_at_its_airport(fact):
    """The page point of an air port of entry is within the page's rounding of the airport's registry point."""
    icao = re.search(r"airportsdata (Z[A-Z]{3})", fact.note).group(1)
    port, airport = GZ.get(fact.record), GZ.get(f"airport:{icao}")
    assert "airportsdata" in airport.geometry_source
    assert _metres(port.point, airport.point) <= 1_500


# -- the rules, on stated values ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lon", "lat", "low", "high"),
    [
        (116.63333, 43.28333, 1000, 1300),  # whole minutes: half of a 1' cell at 43°N ≈ 1.15 km
        (117.37, 49.63, 600, 900),  # two decimals: half of a 0.01° cell at 49.6°N ≈ 0.66 km
        (121.24333, 46.61944, 15, 40),  # whole seconds: ≈ 27 m
        (106.99512, 39.34287, 10, 10),  # five decimals: the 10 m floor
    ],
)
def test_a_points_precision_is_the_rounding_of_its_stated_numbers(lon, lat, low, high):
    assert low <= locations.rounding_m(lon, lat) <= high


def test_extent_centre_precision_and_the_20_km_rule():
    """大青沟 (E122°7′25″–122°15′42″, N42°43′40″–42°49′18″): about 11.3 km × 10.4 km → extent, ±7.7 km;
    辉河 (E118°48′–119°45′, N48°10′–48°57′): about 70 km × 87 km → banner, extent kept."""
    small = GZ.get("reserve:大青沟国家级自然保护区")
    assert small.precision == "extent"
    assert 7_000 < small.precision_m < 8_500
    lon_min, lat_min, lon_max, lat_max = small.extent
    assert small.point.equals(Point((lon_min + lon_max) / 2, (lat_min + lat_max) / 2))
    wide = GZ.get("reserve:辉河国家级自然保护区")
    assert wide.precision == "banner" and wide.precision_m > locations.MAX_EXTENT_M
    assert wide.extent == (118.8, 48.16667, 119.75, 48.95)


def test_address_goes_to_the_towns_point_with_both_sources():
    """额济纳胡杨林旅游区 lies at 达来呼布镇 (a page), whose point is GeoNames'."""
    place = GZ.get("scenic:额济纳胡杨林旅游区")
    town = next(t for t in GZ.records(["town"]) if t.name == "达来呼布镇")
    assert place.precision == "town" and place.point.equals(town.point)
    assert "http" in place.geometry_source and "GeoNames" in place.geometry_source


def test_accepted_fact_outside_its_parent_stops_the_load(tmp_path):
    root = tmp_path / "gz"
    shutil.copytree(GAZETTEER_DIR, root)
    path = root / "locations" / "natural.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("lake:贝尔湖,"))
    path.write_text(text.replace(row, row.replace(",rejected,", ",accepted,")), encoding="utf-8")
    with pytest.raises(GazetteerError, match="km outside 新巴尔虎右旗"):
        Gazetteer.load(root)


def test_locations_command_reports_coverage():
    result = CliRunner().invoke(cli, ["gazetteer", "locations"])
    assert result.exit_code == 0, result.output
    assert re.search(r"facts: \d+ \(accepted \d+, open \d+, rejected \d+\)", result.output)
    ports = len(list(GZ.records(["port"])))
    assert re.search(rf"port +finer than the banner: +\d+ of {ports} ", result.output)


# -- every record ----------------------------------------------------------------------------------
@pytest.mark.parametrize("place", RECORDS, ids=lambda p: p.id)
def test_record_source_parent_and_precision(place):
    """Source present; inside its parent banner (ports within 5 km, others within their stated rounding);
    and the precision says what the geometry is."""
    assert place.geometry_source.strip()
    if place.type == "foreign":  # outside China: GeoNames points of the place or of its aimag/country
        assert "GeoNames" in place.geometry_source and place.precision in ("town", "province", "country")
        return
    if place.precision == "province":  # a region-wide record with no finer geometry: the region's own point
        region = next(GZ.get(p) for p in place.parent_ids if p.startswith("province:"))
        assert _metres(place.point, region.point) < 1
        return
    parent = locations.parent_area(place, {p.id: p for p in map(GZ.get, place.parent_ids)})
    if parent is None:  # a region-wide feature (river, range) or one just over the border (neighbour)
        parent = next(GZ.get(p) for p in place.parent_ids if p.startswith(("province:", "neighbour:")))
        if parent.type == "neighbour":
            # at a county elsewhere (banner) or a city elsewhere (league), as the unit's own precision says
            unit = "league" if parent.precision == "league" else "banner"
            assert place.precision in (unit, "schematic") and parent.point.distance(place.point) < 1e-6
            return
    if place.precision == "schematic":
        assert place.geometry.intersects(parent.geometry.buffer(0.01))
        return
    if place.geometry_source.startswith("union:"):  # a region that is exactly its units: their areas together
        assert place.geometry.geom_type in ("Polygon", "MultiPolygon")
        assert place.geometry.within(parent.geometry.buffer(0.01))
        return
    assert place.geometry.geom_type == "Point"
    allowed = locations.BOUNDARY_TOLERANCE_M.get(place.type, (place.precision_m or 0) + 1_000)
    assert locations.distance_m(parent.geometry, place.point) <= allowed
    if place.precision == "extent":
        lon_min, lat_min, lon_max, lat_max = place.extent
        assert place.point.equals(Point((lon_min + lon_max) / 2, (lat_min + lat_max) / 2))
        assert place.precision_m <= locations.MAX_EXTENT_M
    elif place.precision == "town":
        towns = [t for t in GZ.records(["town"]) if t.precision in ("point", "extent", "town")]
        at_town = any(_metres(place.point, t.point) < 1 for t in towns)
        assert place.type == "town" or at_town or "GeoNames" in place.geometry_source
    elif place.precision == "banner":
        at_banner = _metres(place.point, GZ.get(place.banner_id).point) < 1 if place.banner_id else False
        assert at_banner or (place.extent is not None and place.precision_m > locations.MAX_EXTENT_M)
    elif place.precision == "league":
        assert not place.banner_id and _metres(place.point, GZ.get(place.league_id).point) < 1
    else:
        assert place.precision == "point"
