"""The offline gazetteer of Inner Mongolia: admin units, townships, ports, parks, airports, features.

Data lives in ``gazetteer/`` (see its README): ``derived.json`` is built from registry packages by
``geoplan gazetteer build``; the ``*.csv`` files are curated by hand, one per kind of place, and
are read at load time.  ``Gazetteer.load()`` needs only those files (and shapely).

>>> gz = Gazetteer.load()                                    # doctest: +SKIP
>>> gz.lookup("巴音镇", within="乌拉特后旗")[0].place.name     # doctest: +SKIP
'巴音宝力格镇'
"""

from __future__ import annotations

import base64
import csv
import dataclasses
import functools
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import shapely
import shapely.affinity
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from geoplan.errors import GazetteerError, InputError
from geoplan.geocode import locations
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.stems import MONGOLIAN_HEADS
from geoplan.resources import GAZETTEER_DIR

if TYPE_CHECKING:
    pass

TYPES = (
    "province", "league", "banner", "town", "village", "neighbour", "port", "park", "subpark", "airport",
    "railway", "road", "corridor", "lake", "reservoir", "river", "mountain", "desert", "sandy_land",
    "reserve", "national_park", "wetland", "grassland", "scenic", "mine", "power_line", "station", "region",
    "project", "foreign", "water_project",
)  # fmt: skip
#: How precise a geometry is, finest first: a sourced point, the centre of a sourced extent (at most 20 km
#: centre to corner, the extent kept on the place), a town's point, or the area of the banner, league,
#: province or country it stands for; 'schematic' for shapes drawn from other places (hulls, lines).
PRECISIONS = ("point", "extent", "town", "banner", "league", "province", "country", "schematic")
#: Precisions whose geometry only approximates the place (drawn hollow and dashed on maps).  An 'extent'
#: is not among them: like a town's point it places the feature within about 20 km, and says how far.
APPROXIMATE_PRECISIONS = frozenset({"banner", "league", "province", "country", "schematic"})
ADMIN_TYPES = ("province", "league", "banner", "neighbour")
DERIVED_FILE = "derived.json"
ALIASES_FILE = "aliases.csv"
#: former names and variant forms the context rules need (same columns), applied after ``aliases.csv``.
CONTEXT_ALIASES_FILE = "context/aliases.csv"
#: former banners, counties and leagues under today's unit, and banners' short forms (same columns), applied last.
UNIT_NAMES_FILE = "context/unit_names.csv"
#: records whose names are matched only after their province or city (:mod:`geoplan.geocode.qualified`).
QUALIFIED_DIR = "qualified"
GENERIC_FILE = "generic_words.txt"
#: Curated record files (one per kind of place) read by :meth:`Gazetteer.load`.
CURATED_COLUMNS = (
    "id", "name", "type", "aliases", "parent", "lon", "lat", "at", "schematic",
    "geometry_source", "precision", "precision_m", "note",
)  # fmt: skip

#: Score of a match by how the surface form relates to the place.
MATCH_SCORES = {"name": 1.0, "alias": 0.9, "former": 0.85, "stem": 0.8, "short": 0.6}
#: Small prior by type so that admin units win ties against same-named features.
TYPE_PRIOR = {"league": 0.06, "banner": 0.05, "town": 0.04, "province": 0.03, "neighbour": -0.1}
WITHIN_BONUS = 1.0
METRES_PER_DEGREE = 111_320.0
#: Suffixes tried when a bare name has no match of its own (lookup only; never added to names()).
FALLBACK_SUFFIXES = ("镇", "苏木", "乡", "街道", "口岸", "旗", "县", "市", "区", "盟")
SAME_LEAGUE_BONUS = 0.3

#: a province's suffix, dropped for its common short name ('陕西省' -> '陕西', '新疆维吾尔自治区' -> '新疆').
_PROVINCE_SUFFIX = re.compile(r"(维吾尔自治区|回族自治区|壮族自治区|特别行政区|自治区|省|市)$")
_ADMIN_SUFFIX = re.compile(r"(达斡尔族自治旗|族自治旗|自治旗|联合旗|矿区|旗|县|市|区|盟)$")
_TOWN_SUFFIX = re.compile(r"(街道|民族乡|苏木|镇|乡)$")
_PREFIXES = ("内蒙古自治区", "内蒙古")
_ISSUER_SUFFIXES = ("人民政府", "行政公署")
#: '杜拉尔鄂温克民族乡' -> '杜拉尔乡', '当铺地满族乡' -> '当铺地乡' (the ethnic qualifier dropped: a nationality of the
#: region's ethnic townships, then 民族 or its own 族).
_ETHNIC_TOWN = re.compile(
    r"^(.{2,}?)(?:(?:鄂温克|达斡尔|鄂伦春|俄罗斯|蒙古|朝鲜|锡伯|回|满)族?)+(?:民族|(?<=族))(乡|苏木)$"
)
#: an ethnic township's official ending, often written '族乡' ('查巴奇鄂温克民族乡' -> '查巴奇鄂温克族乡').
_ETHNIC_ENDING = re.compile(r"(?<!族)民族(乡|苏木)$")
#: a people's 族 written before 民族乡 in the official name, often left out ('恩和俄罗斯族民族乡' -> '恩和俄罗斯民族乡').
_DOUBLE_ETHNIC_ENDING = re.compile(r"族民族(乡|苏木)$")
#: the national rank inside a park's or reserve's official name, before its class word ('X国家森林公园',
#: 'X国家级自然保护区'), which texts often leave out.
_NATIONAL_RANK = re.compile(
    r"(?P<rank>国家级|国家)(?:森林公园|湿地公园|地质公园|沙漠公园|矿山公园|自然保护区|风景名胜区|水利风景区)$"
)
#: the id of a numbered road: a national (G) or provincial (S) road or expressway ('road:G303', 'road:S39').
_ROUTE_ID = re.compile(r"road:([GS])(\d{1,4})")
#: what a three-digit ordinary road of each network is called in running text (国道 303 线, 303 国道).
_ROAD_NETWORK = {"G": "国道", "S": "省道"}


#: precisions of a place located by its own point or stated extent, or by its town's: finer than its banner.
OWN_LOCATION_PRECISIONS = frozenset({"point", "extent", "town"})


def route_number_forms(place_id: str) -> tuple[str, ...]:
    """The forms texts write a numbered road's record in: 'G303', 'G303线' and, for a three-digit ordinary road
    (expressways have one, two or four digits), '303国道', '国道303', '国道303线' (省道 for an S road); none for
    any other id."""
    match = _ROUTE_ID.fullmatch(place_id)
    if match is None:
        return ()
    letter, number = match.groups()
    forms = [f"{letter}{number}", f"{letter}{number}线"]
    if len(number) == 3:
        network = _ROAD_NETWORK[letter]
        forms += [f"{number}{network}", f"{network}{number}", f"{network}{number}线"]
    return tuple(forms)


#: a railway named by its two ends' initials and a class word ('张呼高铁', '集二线').
_INITIALS_LINE = re.compile(r"^([\u4e00-\u9fff])([\u4e00-\u9fff])(铁路|高铁|高速铁路|客专|客运专线|线)$")


def reversed_initials(place: Place) -> tuple[str, ...]:
    """A railway named by its two ends' initials is written from either end ('张呼高铁' and '呼张高铁'): the forms
    of ``place``'s name and aliases with the two initials swapped."""
    forms = []
    for name in (place.name, *place.aliases):
        if (match := _INITIALS_LINE.match(name)) is not None and match[1] != match[2]:
            forms.append(match[2] + match[1] + match[3])
    return tuple(dict.fromkeys(forms))


def railway_forms(place: Place) -> tuple[str, ...]:
    """The derived forms of a railway: its initials from either end (:func:`reversed_initials`) and its name with
    线 after 铁路 ('临策铁路线', the railway line)."""
    lines = [name + "线" for name in (place.name, *place.aliases) if name.endswith("铁路")]
    return tuple(dict.fromkeys([*reversed_initials(place), *lines]))


#: an expressway named by its two ends' initials ('大广高速').
_INITIALS_EXPRESSWAY = re.compile(r"^([\u4e00-\u9fff]{2})高速$")


def expressway_lines(place: Place) -> tuple[str, ...]:
    """An expressway named by its ends' initials is also called a line of the network ('大广高速' → '大广线', as
    '国家高速公路网大广线' writes it)."""
    forms = [m[1] + "线" for n in (place.name, *place.aliases) if (m := _INITIALS_EXPRESSWAY.match(n))]
    return tuple(dict.fromkeys(forms))


#: a district's name: its stem and its suffix ('昆都仑' + '区', '白云鄂博' + '矿区').
_DISTRICT = re.compile(r"^(.+?)(矿区|区)$")


#: Mongolian words that Chinese writes with either of two character pairs, both in use for one place's name
#: (nuur, a lake: 淖尔/诺尔, 达里诺尔 and 达里淖尔; oboo, a cairn: 敖包/脑包, 红花脑包 and 红花敖包).
TRANSLITERATION_PAIRS = (("淖尔", "诺尔"), ("敖包", "脑包"))
#: types of places whose names the finder also reads without their class word (towns, units): no variant spellings.
_SHORTENED_TYPES = frozenset({"town", "village", "banner", "league"})


def transliteration_variants(name: str) -> tuple[str, ...]:
    """The other spellings of ``name`` that :data:`TRANSLITERATION_PAIRS` give, each pair's one written for the
    other throughout it ('红花脑包大草原' -> '红花敖包大草原')."""
    return tuple(
        name.replace(written, other)
        for first, second in TRANSLITERATION_PAIRS
        for written, other in ((first, second), (second, first))
        if written in name
    )


def unit_stem(name: str) -> str:
    """A league's or banner's name without its class word ('乌兰浩特市' -> '乌兰浩特', '鄂温克族自治旗' -> '鄂温克')."""
    return _ADMIN_SUFFIX.sub("", name)


def district_short_forms(name: str) -> tuple[str, ...]:
    """How a long district name is shortened in running text: a three-character stem to its first character
    ('昆都仑区' -> '昆区', '科尔沁区' -> '科区'), a four-character one to its first word of two ('白云鄂博矿区' ->
    '白云区', '白云矿区'); shorter names are written in full."""
    match = _DISTRICT.match(name)
    if match is None or len(match.group(1)) not in (3, 4):
        return ()
    head = match.group(1)[: len(match.group(1)) - 2]
    return tuple(dict.fromkeys(head + suffix for suffix in ("区", match.group(2))))


#: full-width brackets in a name: the name is a surface as written too (normalising makes them half-width).
FULL_WIDTH_BRACKETS = re.compile(r"[（）]")


def normalize(name: str) -> str:
    """Normalise a place name once: NFKC (full-width -> half-width), no spaces or dots, no region prefix,
    no issuer suffix ('乌拉特后旗人民政府' -> '乌拉特后旗')."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"[\s·•・\u3000]+", "", text)
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    for suffix in _ISSUER_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def _unprefixed(name: str) -> str:
    """A name normalised like :func:`normalize` but keeping its region prefix ('内蒙古西部')."""
    text = re.sub(r"[\s·•・\u3000]+", "", unicodedata.normalize("NFKC", name))
    return normalize(text) if not text.startswith(_PREFIXES) else text


def inner_point(geometry: BaseGeometry) -> Point:
    """The point standing for a geometry: itself, a line's midpoint, else the centroid when inside, else a point inside."""
    if isinstance(geometry, Point):
        return geometry
    if isinstance(geometry, LineString):
        return geometry.interpolate(0.5, normalized=True)
    centroid = geometry.centroid
    return centroid if geometry.contains(centroid) else geometry.representative_point()


@dataclass(frozen=True)
class Place:
    """One gazetteer record (geometry in EPSG:4326)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    parent_ids: tuple[str, ...]
    adcode: str
    province: str
    geometry: BaseGeometry = field(repr=False, compare=False)
    geometry_source: str
    precision: str
    precision_m: float | None = None
    note: str = ""
    #: (lon_min, lat_min, lon_max, lat_max) a cited page gives for the place, when it gives one.
    extent: tuple[float, float, float, float] | None = None

    @functools.cached_property
    def point(self) -> Point:
        """A point inside (or at) the geometry (see :func:`inner_point`)."""
        return inner_point(self.geometry)

    @property
    def banner_id(self) -> str | None:
        """The id of the banner (county-level unit) this place is in, itself for a banner."""
        if self.type == "banner":
            return self.id
        return next((p for p in self.parent_ids if p.startswith("banner:")), None)

    @property
    def league_id(self) -> str | None:
        """The id of the league/city this place is in, itself for a league."""
        if self.type == "league":
            return self.id
        return next((p for p in self.parent_ids if p.startswith("league:")), None)


@dataclass(frozen=True)
class Candidate:
    """One ranked answer of :meth:`Gazetteer.lookup`."""

    place: Place
    score: float
    reason: str


@dataclass(frozen=True)
class _Surface:
    place_id: str
    kind: str  # a key of MATCH_SCORES


class Gazetteer:
    """Every place, indexed by id and by normalised name."""

    def __init__(
        self,
        places: Iterable[Place],
        surfaces: dict[str, list[_Surface]],
        generic: frozenset[str],
        qualified: Iterable[str] = (),
    ):
        self._places = {place.id: place for place in places}
        self._surfaces = surfaces
        self._generic = generic
        #: ids of the units named only after their province or city (``qualified/``), in the order read.
        self.qualified_ids: tuple[str, ...] = tuple(qualified)

    # -- loading -----------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: str | Path | None = None, *, locations: bool = True) -> Gazetteer:
        """The gazetteer shipped in ``gazetteer/`` (cached per directory); ``locations=False`` leaves out the
        location facts of ``gazetteer/locations/`` (to review them against the records they would change)."""
        return _load_cached(str(Path(directory) if directory else GAZETTEER_DIR), locations)

    def with_places(self, places: Iterable[Place]) -> Gazetteer:
        """A new gazetteer in which ``places`` replace the records of their ids or are added (their name and
        aliases then become surface forms); this one is left as it is."""
        merged = dict(self._places)
        surfaces = {key: list(entries) for key, entries in self._surfaces.items()}
        index = _NameIndex(self._generic)
        index.surfaces = surfaces
        for place in places:
            if place.id not in merged:
                index.add_official(place)
            merged[place.id] = place
        return Gazetteer(
            sorted(merged.values(), key=lambda p: p.id), surfaces, self._generic, self.qualified_ids
        )

    @functools.cached_property
    def finder(self) -> MentionFinder:
        """The mention finder over this gazetteer's names, built on first use (a gazetteer never changes)."""
        return MentionFinder.from_gazetteer(self)

    # -- queries -----------------------------------------------------------------------------
    def get(self, place_id: str) -> Place:
        """The place with this id; :class:`InputError` if there is none."""
        try:
            return self._places[place_id]
        except KeyError:
            raise InputError(f"no gazetteer place with id {place_id!r}") from None

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def __len__(self) -> int:
        return len(self._places)

    def records(self, types: Iterable[str] | None = None) -> Iterator[Place]:
        """Every place (of the given types), in id order."""
        wanted = _check_types(types)
        return (p for p in self._places.values() if wanted is None or p.type in wanted)

    def names(self) -> Iterator[tuple[str, str]]:
        """(surface form, place id) for every name and alias, generic words excluded."""
        for surface, entries in self._surfaces.items():
            if len(surface) < 2 or surface in self._generic:
                continue
            seen: set[str] = set()
            for entry in entries:
                if entry.place_id not in seen:
                    seen.add(entry.place_id)
                    yield surface, entry.place_id

    def lookup(
        self, name: str, within: str | None = None, types: Iterable[str] | None = None
    ) -> list[Candidate]:
        """Ranked candidates for a name; ``within`` (a banner/league name or id) boosts places inside it."""
        wanted = _check_types(types)
        area = self._resolve_area(within) if within else None
        key = normalize(name)
        hits = self._hits(key) or self._prefixed_hits(key) or self._suffixed_hits(key)
        best: dict[str, Candidate] = {}
        for place_id, kind, how in hits:
            place = self._places[place_id]
            if wanted is not None and place.type not in wanted:
                continue
            score = MATCH_SCORES[kind] + TYPE_PRIOR.get(place.type, 0.0)
            reason = how
            if area is not None:
                bonus, where = self._area_bonus(place, area)
                score += bonus
                reason = f"{reason}; {where}" if where else reason
            candidate = Candidate(place, round(score, 4), reason)
            if place_id not in best or best[place_id].score < candidate.score:
                best[place_id] = candidate
        precision_rank = {p: i for i, p in enumerate(PRECISIONS)}
        return sorted(
            best.values(),
            key=lambda c: (-c.score, precision_rank.get(c.place.precision, 9), c.place.id),
        )

    def is_former_name(self, name: str) -> bool:
        """Whether ``name`` is only ever a former name of the places it names ('喀尔喀右翼旗', '伊克昭盟')."""
        hits = self._hits(normalize(name))
        return bool(hits) and all(kind == "former" for _, kind, _ in hits)

    def league_of(self, name: str) -> str | None:
        """The league-level unit holding the county-level unit named exactly ``name``; None when unknown or
        when several leagues have a unit of that name."""
        leagues = {
            self._places[place.league_id].name
            for candidate in self.lookup(name, types=["banner"])
            if (place := candidate.place).name == name and place.league_id in self._places
        }
        return leagues.pop() if len(leagues) == 1 else None

    def parents(self, place: Place) -> list[Place]:
        """The place's parents, nearest first (unknown ids skipped)."""
        return [self._places[p] for p in place.parent_ids if p in self._places]

    # -- internals ---------------------------------------------------------------------------
    def _hits(self, key: str) -> list[tuple[str, str, str]]:
        found = []
        for entry in self._surfaces.get(key, []):
            place = self._places[entry.place_id]
            how = f"{entry.kind} {key!r}" if entry.kind == "name" else f"{entry.kind} {key!r} of {place.name}"
            found.append((entry.place_id, entry.kind, how))
        return found

    def _prefixed_hits(self, key: str) -> list[tuple[str, str, str]]:
        """'包头市青山区' -> '青山区' inside 包头市; also tries the name with a common suffix dropped."""
        for league in self.records(("league",)):
            for form in (league.name, *league.aliases):
                if key.startswith(form) and len(key) > len(form):
                    rest = key[len(form) :]
                    inside = [h for h in self._hits(rest) if self._is_inside(self._places[h[0]], league.id)]
                    if inside:
                        return [
                            (pid, kind, f"{how}; after league prefix {form}") for pid, kind, how in inside
                        ]
        return []

    def _suffixed_hits(self, key: str) -> list[tuple[str, str, str]]:
        """'甘其毛都' -> '甘其毛都镇' / '甘其毛都口岸': a bare name completed with a common suffix (scored as a stem)."""
        found = []
        for suffix in FALLBACK_SUFFIXES:
            for place_id, _, how in self._hits(key + suffix):
                found.append((place_id, "stem", f"{how}; completed with suffix {suffix!r}"))
        return found

    def _resolve_area(self, within: str) -> Place:
        area = self._places.get(within)
        if area is None:
            candidates = self.lookup(within, types=("banner", "league", "province", "neighbour"))
            area = candidates[0].place if candidates else None
        if area is not None:
            shapely.prepare(area.geometry)  # fast point-in-area tests; idempotent
            return area
        raise InputError(f"--within {within!r}: no banner or league of that name")

    def _is_inside(self, place: Place, area_id: str) -> bool:
        return place.id == area_id or area_id in place.parent_ids

    def _area_bonus(self, place: Place, area: Place) -> tuple[float, str]:
        if self._is_inside(place, area.id):
            return WITHIN_BONUS, f"inside {area.name}"
        if place.type not in ADMIN_TYPES and area.geometry.contains(place.point):
            return WITHIN_BONUS, f"point inside {area.name}"
        if area.type == "banner" and place.league_id and place.league_id == area.league_id:
            return SAME_LEAGUE_BONUS, f"same league as {area.name}"
        return 0.0, ""


def _check_types(types: Iterable[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    wanted = frozenset([types] if isinstance(types, str) else types)
    unknown = sorted(wanted - set(TYPES))
    if unknown:
        raise InputError(f"unknown place type(s) {', '.join(unknown)}; known: {', '.join(TYPES)}")
    return wanted


# -- loading helpers ---------------------------------------------------------------------------
@functools.lru_cache(maxsize=4)
def _load_cached(directory: str, with_locations: bool = True) -> Gazetteer:
    root = Path(directory)
    derived = _read_derived(root / DERIVED_FILE)
    generic = _read_generic(root / GENERIC_FILE)
    places = {p.id: p for p in derived}
    if len(places) != len(derived):
        raise GazetteerError(f"{root / DERIVED_FILE}: duplicate ids")
    facts = locations.read_facts(root / locations.LOCATIONS_DIR) if with_locations else []
    applied: set[int] = set()
    locations.apply_accepted(facts, places, normalize, applied)  # towns first: curated 'at' rows use them
    index = _NameIndex(generic)
    for place in derived:
        index.add_official(place)
    for path in sorted(root.glob("*.csv")):
        if path.name == ALIASES_FILE:
            continue
        for place in _read_curated(path, places, index):
            previous = places.get(place.id)
            if previous is not None and previous.geometry is not place.geometry:
                raise GazetteerError(f"{path.name}: duplicate id {place.id}")
            places[place.id] = place
            index.add_official(place)
    qualified: dict[str, None] = {}  # ids in the order read
    for path in sorted((root / QUALIFIED_DIR).glob("*.csv")):  # named only after their province or city
        for place in _read_curated(path, places, index):
            if place.id in places:
                raise GazetteerError(f"{QUALIFIED_DIR}/{path.name}: duplicate id {place.id}")
            places[place.id] = place
            qualified[place.id] = None
            for alias in place.aliases:  # the one form matched alone
                index.add(alias, place.id, "alias")
    locations.apply_accepted(facts, places, normalize, applied)
    unmatched = [f.where for f in facts if f.status == "accepted" and id(f) not in applied]
    if unmatched:
        raise GazetteerError(f"accepted location fact(s) with no record: {', '.join(unmatched)}")
    _apply_aliases(root / ALIASES_FILE, places, index)
    _apply_aliases(root / CONTEXT_ALIASES_FILE, places, index)
    _apply_aliases(root / UNIT_NAMES_FILE, places, index)
    index.add_derived_forms(p for p in places.values() if p.id not in qualified)
    final = [
        _with_aliases(place, index.aliases.get(place.id, ()))
        for place in sorted(places.values(), key=lambda p: p.id)
    ]
    return Gazetteer(final, index.surfaces, generic, qualified)


def _with_aliases(place: Place, aliases: Iterable[str]) -> Place:
    merged = tuple(dict.fromkeys([*place.aliases, *aliases]))
    if merged == place.aliases:
        return place
    return dataclasses.replace(place, aliases=merged)


def _read_derived(path: Path) -> list[Place]:
    if not path.is_file():
        raise GazetteerError(f"{path}: missing; run 'geoplan gazetteer build' (needs geoplan[data])")
    try:
        records = json.loads(path.read_text(encoding="utf-8"))["records"]
    except (ValueError, KeyError) as error:
        raise GazetteerError(f"{path}: unreadable ({error})") from None
    geometries = shapely.from_wkb([base64.b64decode(r["wkb"]) for r in records])
    return [
        Place(
            id=r["id"],
            name=r["name"],
            type=r["type"],
            aliases=(),
            parent_ids=tuple(r["parent_ids"]),
            adcode=r["adcode"],
            province=r["province"],
            geometry=geometry,
            geometry_source=r["geometry_source"],
            precision=r["precision"],
            precision_m=r["precision_m"],
            note=r["note"],
        )
        for r, geometry in zip(records, geometries, strict=True)
    ]


def _read_generic(path: Path) -> frozenset[str]:
    if not path.is_file():
        return frozenset()
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(normalize(w) for w in words if w)


#: an epithet that ranks a place in a wider area ('亚洲第一湿地': the first wetland of Asia): a record may list it
#: among its aliases, but text using it praises the place rather than naming it, so it is no surface form.
_RANKING = re.compile(r"^[\u4e00-\u9fff]{2,}第一[\u4e00-\u9fff]{1,4}$")


class _NameIndex:
    """Normalised surface form -> places, plus each place's aliases."""

    def __init__(self, generic: frozenset[str]):
        self.generic = generic
        self.surfaces: dict[str, list[_Surface]] = {}
        self.aliases: dict[str, list[str]] = {}

    def add(self, surface: str, place_id: str, kind: str) -> None:
        key = normalize(surface)
        if not key:
            return
        written = _unprefixed(surface)
        if written != key:  # '内蒙古西部' is a surface as written, not only as '西部'
            self._add_key(written, place_id, kind)
        if FULL_WIDTH_BRACKETS.search(
            surface
        ):  # '刚果（金）': texts write the brackets full-width, as the name
            self._add_key(re.sub(r"[\s·•・\u3000]+", "", surface), place_id, kind)
        self._add_key(key, place_id, kind)

    def _add_untaken(self, form: str, place_id: str) -> None:
        """``form`` as an alias of ``place_id`` unless it is already a surface (another place's name or form)."""
        if normalize(form) not in self.surfaces:
            self.add(form, place_id, "alias")

    def _add_key(self, key: str, place_id: str, kind: str) -> None:
        entries = self.surfaces.setdefault(key, [])
        if any(e.place_id == place_id for e in entries):
            return
        entries.append(_Surface(place_id, kind))
        if kind != "name":
            self.aliases.setdefault(place_id, []).append(key)

    def add_official(self, place: Place) -> None:
        self.add(place.name, place.id, "name")
        for alias in place.aliases:
            if not _RANKING.match(alias):
                self.add(alias, place.id, "alias")

    def official_ids(self, key: str) -> list[str]:
        return [e.place_id for e in self.surfaces.get(key, []) if e.kind == "name"]

    def add_derived_forms(self, places: Iterable[Place]) -> None:
        """Suffixless admin names (乌审), short Mongolian town names (巴音镇), where safe, the abbreviations of
        banners named by a wing or position (科右前旗, :func:`banner_abbreviations`), the common forms of a
        numbered road's number (:func:`route_number_forms`), and the short forms of long district names
        (:func:`district_short_forms`) that no other place shares, and a range's name written with 山脉 ('大青山脉')."""
        districts: dict[str, list[str]] = {}
        places = list(places)
        banners = {place.name: place.id for place in places if place.type == "banner"}
        for form, name in banner_abbreviations(banners).items():
            if (
                normalize(form) not in self.surfaces
            ):  # a form the records already give, or another place's name
                self.add(form, banners[name], "alias")
        for place in places:
            for form in () if place.type in _SHORTENED_TYPES else transliteration_variants(place.name):
                # '红花脑包大草原' written '红花敖包大草原'; the official name only, and not a town's or unit's: the
                # finder shortens those ('呼和诺尔镇' -> '呼和诺尔'), and '呼和淖尔' is a lake's name as often
                self._add_untaken(form, place.id)
            if place.type == "banner":
                for form in district_short_forms(place.name):
                    districts.setdefault(form, []).append(place.id)
            for form in route_number_forms(place.id) if place.type == "road" else ():
                self.add(form, place.id, "alias")
            line_forms = railway_forms if place.type == "railway" else expressway_lines
            for form in line_forms(place) if place.type in ("railway", "road") else ():
                self._add_untaken(form, place.id)  # never another line's form
            national = _NATIONAL_RANK.search(place.name)
            if national is not None and national.start() >= 2:
                # '阿尔山国家森林公园' is written '阿尔山森林公园' too: the rank left out, never another place's name
                self._add_untaken(
                    place.name[: national.start()] + place.name[national.end("rank") :], place.id
                )
            if place.type == "airport" and place.name.endswith("国际机场") and len(place.name) > 6:
                # '满洲里西郊国际机场' is written '满洲里西郊机场' too
                self._add_untaken(place.name.removesuffix("国际机场") + "机场", place.id)
            if (
                place.type == "grassland"
                and place.name.endswith("草原")
                and not place.name.endswith("大草原")
            ):
                # '科尔沁大草原': a grassland's name written with 大草原
                self._add_untaken(place.name.removesuffix("草原") + "大草原", place.id)
            if place.type == "mountain" and place.name.endswith("山") and len(place.name) >= 3:
                # '大青山脉', '桌子山脉': a range written with 山脉 sharing its name's 山
                if normalize(place.name + "脉") not in self.surfaces:
                    self.add(place.name + "脉", place.id, "alias")
            if place.type in ("league", "banner", "neighbour", "province"):
                suffix = _PROVINCE_SUFFIX if place.type == "province" else _ADMIN_SUFFIX
                stem = suffix.sub("", place.name)
                if self._safe_stem(stem, place):
                    self.add(stem, place.id, "stem")
            elif place.type == "town":
                match = _TOWN_SUFFIX.search(place.name)
                stem = place.name[: match.start()] if match else place.name
                if match and len(stem) >= 4 and stem[:2] in MONGOLIAN_HEADS:
                    self.add(stem[:2] + match.group(1), place.id, "short")
                ethnic = _ETHNIC_TOWN.match(place.name)
                if ethnic:
                    self.add(ethnic.group(1) + ethnic.group(2), place.id, "short")
                    self.add(_ETHNIC_ENDING.sub(r"族\1", place.name), place.id, "alias")
                    if _DOUBLE_ETHNIC_ENDING.search(place.name):  # '恩和俄罗斯族民族乡' -> '恩和俄罗斯民族乡'
                        self.add(_DOUBLE_ETHNIC_ENDING.sub(r"民族\1", place.name), place.id, "alias")
        for form, ids in districts.items():
            if len(ids) == 1 and normalize(form) not in self.surfaces:
                self.add(form, ids[0], "short")

    def _safe_stem(self, stem: str, place: Place) -> bool:
        if stem == place.name or len(stem) < 2 or normalize(stem) in self.generic:
            return False
        others = [pid for pid in self.official_ids(normalize(stem)) if pid != place.id]
        return not others


#: a banner named by its wing and position ('科尔沁右翼前旗') or its position alone ('乌拉特中旗', '苏尼特左旗').
_WING_BANNER = re.compile(r"^(?P<head>[\u4e00-\u9fff]{2,}?)(?P<side>左|右)翼(?P<pos>前|中|后)?旗$")
_SIDE_BANNER = re.compile(r"^(?P<head>[\u4e00-\u9fff]{2,}?)(?P<pos>前|中|后|左|右)旗$")


def banner_abbreviations(names: Iterable[str]) -> dict[str, str]:
    """The common abbreviations of banners named by a wing or a position: the head's first character, the side and
    position, and 旗 ('科尔沁右翼前旗' -> '科右前旗', '乌拉特中旗' -> '乌中旗', '新巴尔虎左旗' -> '新左旗'), and the
    wing written in full in a banner named by its side ('巴林左翼旗', as 巴林左旗 was named), each with its banner's
    name; a form two banners would share (homonyms across leagues) is given to neither."""
    forms: dict[str, list[str]] = {}
    for name in names:
        if (wing := _WING_BANNER.match(name)) is not None:
            forms.setdefault(wing["head"][0] + wing["side"] + (wing["pos"] or "") + "旗", []).append(name)
        elif (side := _SIDE_BANNER.match(name)) is not None:
            forms.setdefault(side["head"][0] + side["pos"] + "旗", []).append(name)
            if side["pos"] in "左右":
                forms.setdefault(side["head"] + side["pos"] + "翼旗", []).append(name)
    return {form: named[0] for form, named in forms.items() if len(named) == 1}


def _apply_aliases(path: Path, places: dict[str, Place], index: _NameIndex) -> None:
    """aliases.csv: alias,target,kind,note — target is a place id or an official name."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            kind = (row.get("kind") or "alias").strip()
            if kind not in MATCH_SCORES or kind == "name":
                raise GazetteerError(f"{path.name}:{line}: kind {kind!r} not one of alias/former/stem/short")
            targets = [t.strip() for t in row["target"].split(";") if t.strip()]
            for target in targets:
                ids = [target] if target in places else index.official_ids(normalize(target))
                if len(ids) != 1:
                    raise GazetteerError(f"{path.name}:{line}: target {target!r} matches {len(ids)} places")
                index.add(row["alias"], ids[0], kind)


def _read_curated(path: Path, places: dict[str, Place], index: _NameIndex) -> Iterator[Place]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(CURATED_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise GazetteerError(f"{path.name}: missing column(s) {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            if not (row.get("id") or "").strip():
                continue
            try:
                yield _curated_place({k: (v or "").strip() for k, v in row.items()}, places, index)
            except GazetteerError as error:
                raise GazetteerError(f"{path.name}:{line}: {error}") from None


def _find(ref: str, places: dict[str, Place], index: _NameIndex) -> Place:
    if ref in places:
        return places[ref]
    ids = index.official_ids(normalize(ref))
    if len(ids) != 1:
        raise GazetteerError(f"reference {ref!r} matches {len(ids)} places (use an id)")
    return places[ids[0]]


def _curated_place(row: dict[str, str], places: dict[str, Place], index: _NameIndex) -> Place:
    """Build one curated place; geometry from lon/lat, from ``at`` (another place), a schematic spec, or the parent.

    A row whose id is a derived record and that gives no geometry renames it (e.g. airports' Chinese names).
    """
    existing = places.get(row["id"])
    if existing is not None and not any(row[k] for k in ("lon", "lat", "at", "schematic", "parent")):
        aliases = tuple(a.strip() for a in re.split(r"[;；、]", row["aliases"]) if a.strip())
        return dataclasses.replace(
            existing,
            name=row["name"] or existing.name,
            aliases=(*aliases, existing.name) if row["name"] and row["name"] != existing.name else aliases,
            note="; ".join(filter(None, [row["note"], existing.note])),
        )
    if row["type"] not in TYPES:
        raise GazetteerError(f"unknown type {row['type']!r}")
    parents = [_find(ref, places, index) for ref in row["parent"].split(";") if ref]
    parent_ids = _parent_chain(parents, places)
    precision, source, note = row["precision"], row["geometry_source"], row["note"]
    precision_m = float(row["precision_m"]) if row["precision_m"] else None
    geometry: BaseGeometry | None = None
    if row["lon"] and row["lat"]:
        if not source:
            raise GazetteerError("coordinates without a geometry_source")
        geometry = Point(float(row["lon"]), float(row["lat"]))
        precision = precision or "point"
    elif row["at"]:
        anchor = _find(row["at"], places, index)
        geometry = anchor.point
        source = source or f"point of {anchor.name} ({anchor.id}: {anchor.geometry_source})"
        at_town = anchor.type == "town" and anchor.precision in ("point", "extent", "town")
        precision = precision or ("town" if at_town else anchor.precision)
    if row["schematic"]:
        geometry, precision, units = _schematic(row["schematic"], geometry, places, index)
        drawn = f"schematic {row['schematic']}" if precision == "schematic" else row["schematic"]
        source = drawn + (f"; basis: {source}" if source else "")
        if len(leagues := _leagues_of(units, places)) > 1:
            # a range, a river or a region drawn through units of several leagues lies in none of them alone:
            # its banner and league parents go, the province above them stays
            parent_ids = tuple(pid for pid in parent_ids if not pid.startswith(("banner:", "league:")))
            note = "; ".join(filter(None, [note, f"spans leagues: {'; '.join(sorted(leagues))}"]))
    if geometry is None:
        if not parents:
            raise GazetteerError("no coordinates, anchor, schematic or parent")
        geometry = parents[0].point
        source = f"inner point of parent {parents[0].name} ({parents[0].geometry_source})"
        # a unit elsewhere in China stands for a county (banner) or a city (league), as its own precision says
        neighbour = parents[0].precision if parents[0].precision in ("banner", "league") else "banner"
        by_type = {"banner": "banner", "neighbour": neighbour, "league": "league", "province": "province"}
        precision = by_type.get(parents[0].type, parents[0].precision)
        note = "; ".join(filter(None, [note, "no sourced point: located at its parent"]))
    if precision not in PRECISIONS:
        raise GazetteerError(f"precision {precision!r} not one of {', '.join(PRECISIONS)}")
    aliases = tuple(a.strip() for a in re.split(r"[;；、]", row["aliases"]) if a.strip())
    province = next((p.province for p in parents if p.province), "")
    return Place(
        row["id"], row["name"], row["type"], aliases, parent_ids, "", province,
        geometry, source, precision, precision_m, note,
    )  # fmt: skip


def _parent_chain(parents: list[Place], places: dict[str, Place]) -> tuple[str, ...]:
    chain: list[str] = []
    for parent in parents:
        for pid in (parent.id, *parent.parent_ids):
            if pid not in chain and (pid.split(":")[0] in (*ADMIN_TYPES, "foreign") or pid == parent.id):
                chain.append(pid)
    admin_first = [p for p in chain if p.startswith("banner:")] + [
        p for p in chain if not p.startswith("banner:")
    ]
    return tuple(admin_first)


def _leagues_of(units: list[Place], places: dict[str, Place]) -> set[str]:
    """The names of the leagues the places a shape is drawn through lie in (or are)."""
    return {places[u.league_id].name for u in units if u.league_id is not None and u.league_id in places}


def _schematic(
    spec: str, anchor: BaseGeometry | None, places: dict[str, Place], index: _NameIndex
) -> tuple[BaseGeometry, str, list[Place]]:
    """(geometry, precision, the places drawn through) of a shape drawn from other places: ``hull:A;B`` (convex
    hull of places),
    ``line:A;B;C`` (line through points), ``buffer:<m>`` (around the point) are 'schematic'; ``union:A;B`` (a
    region that is exactly those units, 蒙东 of its five leagues) is their areas together, as precise as the
    coarsest of them."""
    kind, _, argument = spec.partition(":")
    if kind == "buffer":
        if anchor is None:
            raise GazetteerError("schematic buffer needs lon/lat or at")
        centre = anchor.centroid
        circle = centre.buffer(float(argument) / METRES_PER_DEGREE, quad_segs=16)
        scaled = shapely.affinity.scale(circle, xfact=1.0 / math.cos(math.radians(centre.y)), origin=centre)
        return scaled, "schematic", []
    refs = [_find(ref.strip(), places, index) for ref in argument.split(";") if ref.strip()]
    if kind == "hull" and refs:
        return shapely.union_all([r.geometry for r in refs]).convex_hull, "schematic", refs
    if kind == "union" and refs:
        if any(r.geometry.area == 0 for r in refs):
            raise GazetteerError(f"schematic {spec!r}: every unit of a union needs an area")
        coarsest = max((r.precision for r in refs), key=PRECISIONS.index)
        return shapely.union_all([r.geometry for r in refs]), coarsest, refs
    if kind == "line" and len(refs) >= 2:
        return LineString([r.point for r in refs]), "schematic", refs
    raise GazetteerError(f"schematic {spec!r}: use hull:A;B, union:A;B, line:A;B or buffer:<metres>")
