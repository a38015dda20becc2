"""geoplan.output.selection: filters, search, counts, merging and the feature table."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from geoplan.atlas.schema import BASE_COLUMNS, FEATURE_COLUMNS, read_atlas
from geoplan.output import selection
from geoplan.output.selection import Filters


@pytest.fixture(scope="module")
def shipped(atlas_path):
    return read_atlas(atlas_path)


@pytest.fixture(scope="module")
def points(shipped) -> list[Point]:
    """Real place points from the shipped atlas (coordinates are never invented in tests)."""
    for layer in ("towns", "places"):
        frame = shipped[layer]
        found = [g for g in frame.geometry if g is not None and g.geom_type == "Point"]
        if len(found) >= 4:
            return found[:4]
    pytest.fail("the shipped atlas has no place points")


def feature(points, index: int, **values) -> dict:
    row = dict.fromkeys(FEATURE_COLUMNS, "")
    row.update({"approximate": 0, "precision": "point", "geometry": points[index]})
    row.update(values)
    return row


@pytest.fixture()
def atlas(points, shipped) -> dict[str, gpd.GeoDataFrame]:
    """A small atlas with known values: three projects in two layers, two places, the shipped boundaries."""
    industry = gpd.GeoDataFrame(
        [
            feature(
                points,
                0,
                feature_id="a:1:1",
                name="风电基地",
                sector="energy",
                action="新建",
                plan="a.txt",
                league="鄂尔多斯市",
                banner="杭锦旗",
                layer="industry",
            ),
            feature(
                points,
                1,
                feature_id="a:1:2",
                name="煤化工园区",
                sector="chemicals",
                action="扩建",
                plan="a.txt",
                league="鄂尔多斯市",
                banner="达拉特旗",
                precision="banner",
                approximate=1,
                layer="industry",
            ),
        ],
        crs="EPSG:4326",
    )
    tourism = gpd.GeoDataFrame(
        [
            feature(
                points,
                2,
                feature_id="b:2:1",
                name="草原风景区",
                sector="tourism",
                action="提升",
                plan="b.txt",
                league="呼伦贝尔市",
                banner="陈巴尔虎旗",
                precision="league",
                layer="tourism",
            )
        ],
        crs="EPSG:4326",
    )
    base = dict.fromkeys(BASE_COLUMNS, "")
    places = gpd.GeoDataFrame(
        [
            {
                **base,
                "place_id": "p1",
                "name": "杭锦旗",
                "league": "鄂尔多斯市",
                "plans": "a.txt",
                "geometry": points[0],
            },
            {
                **base,
                "place_id": "p2",
                "name": "风电小镇",
                "league": "呼伦贝尔市",
                "plans": "b.txt;a.txt",
                "geometry": points[3],
            },
        ],
        crs="EPSG:4326",
    )
    leagues = shipped["leagues"].assign(plans="")  # the boundaries only; their plan values are not ours
    return {"leagues": leagues, "industry": industry, "tourism": tourism, "places": places}


def names(frames) -> set[str]:
    return {name for frame in frames.values() for name in frame["name"]} - set(
        frames.get("leagues", gpd.GeoDataFrame({"name": []}))["name"]
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), {"风电基地", "煤化工园区", "草原风景区", "杭锦旗", "风电小镇"}),
        (Filters(plans=("a.txt",)), {"风电基地", "煤化工园区", "杭锦旗", "风电小镇"}),
        (Filters(plans=("b.txt",)), {"草原风景区", "风电小镇"}),
        (Filters(sectors=("energy",)), {"风电基地"}),
        (Filters(actions=("提升", "扩建")), {"煤化工园区", "草原风景区"}),
        (Filters(precisions=("banner", "league")), {"煤化工园区", "草原风景区"}),
        (Filters(leagues=("呼伦贝尔市",)), {"草原风景区", "风电小镇"}),
        (Filters(banners=("杭锦旗",)), {"风电基地"}),
        (Filters(layers=("tourism",)), {"草原风景区"}),
        (Filters(plans=("a.txt",), sectors=("chemicals",)), {"煤化工园区"}),
    ],
)
def test_filters(atlas, filters, expected):
    assert names(selection.filter_atlas(atlas, filters)) == expected


def test_filters_keep_boundaries_and_inputs(atlas):
    before = {k: len(v) for k, v in atlas.items()}
    shown = selection.filter_atlas(atlas, Filters(sectors=("tourism",), leagues=("nowhere",)))
    assert len(shown["leagues"]) == before["leagues"]  # the base map stays
    assert {k: len(v) for k, v in atlas.items()} == before  # inputs untouched
    assert list(selection.filter_atlas(atlas, Filters(layers=("leagues", "places")))) == ["leagues", "places"]


def test_options_and_banners_of(atlas):
    options = selection.options(atlas)
    assert options["plans"] == ["a.txt", "b.txt"]
    assert options["sectors"] == ["chemicals", "energy", "tourism"]
    assert options["actions"] == sorted(["新建", "扩建", "提升"])
    assert options["precisions"] == ["point", "banner", "league"]
    assert selection.banners_of(atlas, ["鄂尔多斯市"]) == ["杭锦旗", "达拉特旗"]


def test_counts(atlas):
    tally = selection.counts(selection.filter_atlas(atlas, Filters(plans=("a.txt",))))
    assert tally["industry"] == 2 and tally["tourism"] == 0 and tally["places"] == 2
    assert tally["features"] == 2 and tally["approximate"] == 1


def test_search_ranks_exact_then_prefix_then_substring(atlas):
    hits = selection.search("风电", atlas)
    assert [h.label for h in hits] == ["风电基地", "风电小镇"]  # both prefixes; projects first on ties
    assert [h.label for h in selection.search("电小镇", atlas)] == ["风电小镇"]  # substring
    assert selection.search("杭锦旗", atlas)[0].key == "p1"  # exact beats the project located there
    assert {h.kind for h in selection.search("风景区", atlas)} == {"project"}
    assert selection.search("   ", atlas) == [] and selection.search("不存在的地方", atlas) == []


def test_search_is_width_and_case_insensitive(atlas, points):
    def gazetteer():
        yield "Hangjin Banner", "gz:1", points[0]
        yield "杭锦旗", "p1", points[0]  # already in the atlas: not repeated

    hits = selection.search("ＨＡＮＧＪＩＮ", atlas, gazetteer)
    assert [(h.kind, h.key) for h in hits] == [("gazetteer", "gz:1")]
    assert hits[0].bounds == (points[0].x, points[0].y, points[0].x, points[0].y)
    assert [h.key for h in selection.search("杭锦旗", atlas, gazetteer)].count("p1") == 1


def test_merge_replaces_same_ids_and_adds_new(atlas, points):
    newer = gpd.GeoDataFrame(
        [
            feature(points, 3, feature_id="a:1:1", name="风电基地（更新）", plan="a.txt", layer="industry"),
            feature(points, 3, feature_id="c:1:1", name="新项目", plan="c.txt", layer="industry"),
        ],
        crs="EPSG:4326",
    )
    merged = selection.merge_atlases(atlas, {"industry": newer})
    assert sorted(merged["industry"]["name"]) == sorted(["风电基地（更新）", "煤化工园区", "新项目"])
    assert len(atlas["industry"]) == 2  # the old atlas is unchanged
    assert merged["tourism"] is atlas["tourism"]


def test_feature_table_and_bounds(atlas, points):
    table = selection.feature_table(atlas)
    assert list(table.columns) == list(selection.TABLE_COLUMNS)
    assert sorted(table["name"]) == sorted(["风电基地", "煤化工园区", "草原风景区"])
    row = table[table["name"] == "草原风景区"].iloc[0]
    p = points[2]
    assert selection.feature_bounds(atlas, row["layer"], row["feature_id"]) == (p.x, p.y, p.x, p.y)
    assert selection.feature_bounds(atlas, "industry", "missing") is None
    assert selection.feature_table({}).empty


def test_real_atlas_filters_are_consistent(shipped):
    """On whatever atlas ships: each plan/sector filter keeps exactly the rows carrying that value."""
    options = selection.options(shipped)
    total = selection.counts(shipped)["features"]
    for plan in options["plans"][:3]:
        shown = selection.filter_atlas(shipped, Filters(plans=(plan,)))
        assert selection.counts(shown)["features"] <= total
        for layer_id in selection.thematic_ids():
            # a linked project is shown for every plan that names it (its `plans` list)
            assert all(plan in names for names in selection.plans_of(shown[layer_id]))
    for sector in options["sectors"][:3]:
        shown = selection.filter_atlas(shipped, Filters(sectors=(sector,)))
        assert selection.counts(shown)["features"] >= 1


def test_plans_filter_and_named_in_n_plans_read_the_plans_list():
    linked = dict.fromkeys(FEATURE_COLUMNS, "")
    linked.update(feature_id="b:1:1", plan="b.txt", plans="a.txt;b.txt", geometry=Point(110, 41))
    single = dict.fromkeys(FEATURE_COLUMNS, "")
    single.update(feature_id="a:1:2", plan="a.txt", plans="a.txt", geometry=Point(111, 41))
    old = dict.fromkeys(FEATURE_COLUMNS, "")  # an atlas built before links: no plans list
    old.update(feature_id="c:1:1", plan="c.txt", geometry=Point(112, 41))
    frame = gpd.GeoDataFrame([linked, single, old], geometry="geometry", crs="EPSG:4326")
    atlas = {"industry": frame}
    kept = selection.filter_atlas(atlas, Filters(plans=("a.txt",)))["industry"]
    assert list(kept["feature_id"]) == ["b:1:1", "a:1:2"]
    kept = selection.filter_atlas(atlas, Filters(min_plans=2))["industry"]
    assert list(kept["feature_id"]) == ["b:1:1"]
    assert selection.plan_counts(atlas) == [1, 2]
    assert selection.sources_rows('[{"plan": "a.txt", "page": 3}]') == [{"plan": "a.txt", "page": "3"}]
    assert selection.sources_rows("not json") == []


def test_the_view_is_the_region_not_a_corridor_running_on_beyond_it(shipped):
    """A line of the atlas that runs on into another province does not widen the view past the leagues."""
    far = shipped["infrastructure"].head(1).copy()
    far["geometry"] = [LineString([(110.0, 40.0), (113.0, 28.0)])]  # on to 湖南
    atlas = {"leagues": shipped["leagues"], "infrastructure": far}
    assert selection.atlas_bounds(atlas) == tuple(float(v) for v in shipped["leagues"].total_bounds)
    assert selection.atlas_bounds({"infrastructure": far}) == (110.0, 28.0, 113.0, 40.0)


def test_places_beyond_the_region_are_context(shipped):
    """Macro-regions' hulls, neighbouring cities and foreign places lie mostly outside the leagues: set apart
    from the map of the region.  Border ports (on the line) and regions made of the region's own leagues stay."""
    kept, outside = selection.split_context(shipped)
    apart = set(outside["places"]["name"])
    assert {"东北地区", "华北地区", "北京市", "乌兰巴托"} <= apart
    assert {"二连浩特公路口岸", "珠恩嘎达布其口岸", "甘其毛都口岸", "蒙东", "蒙西"} <= set(
        kept["places"]["name"]
    )
    assert len(kept["places"]) + len(outside["places"]) == len(shipped["places"])
    # a lake beyond the border is a place of its own, not context: it stays where it is drawn
    assert "红碱淖" in set(kept["places"]["name"])
    assert set(outside["places"]["type"]) <= set(selection.CONTEXT_TYPES)
    assert kept["leagues"] is shipped["leagues"]  # only the context layers are split


def test_without_leagues_nothing_is_set_apart(shipped):
    places_only = {"places": shipped["places"]}
    kept, outside = selection.split_context(places_only)
    assert outside == {} and kept["places"] is shipped["places"]


def _area_bounds(shipped, layer: str, **where) -> tuple[float, ...]:
    frame = shipped[layer]
    for column, value in where.items():
        frame = frame[frame[column] == value]
    assert len(frame) == 1
    return tuple(float(v) for v in frame.total_bounds)


def test_a_filtered_map_opens_on_what_was_chosen(shipped):
    """Boundaries are never filtered away, so the map of one plan opened on the whole region; it opens on the
    plan's issuer (a district by its city and name), on chosen banners, or on chosen leagues."""
    issuers = selection.plan_issuers(shipped)
    ordos = next(plan for plan, (issuer, _, _) in issuers.items() if issuer == "鄂尔多斯市")
    district = next(plan for plan, (issuer, _, _) in issuers.items() if issuer == "呼和浩特市新城区")
    view = selection.view_bounds
    assert view(shipped, Filters(plans=(ordos,))) == _area_bounds(shipped, "leagues", name="鄂尔多斯市")
    assert view(shipped, Filters(plans=(district,))) == _area_bounds(
        shipped, "banners", name="新城区", league="呼和浩特市"
    )
    assert view(shipped, Filters(banners=("乌拉特后旗",))) == _area_bounds(
        shipped, "banners", name="乌拉特后旗"
    )
    assert view(shipped, Filters(leagues=("锡林郭勒盟",), plans=(ordos,))) == _area_bounds(
        shipped, "leagues", name="锡林郭勒盟"
    )
    assert view(shipped, Filters()) == selection.atlas_bounds(shipped)


def test_a_project_placed_at_the_whole_region_is_listed_not_mapped(shipped):
    """五个基地 (锡林郭勒盟's plan, located only at 内蒙古自治区) was a polygon of the whole region on the web map:
    every click anywhere opened its popup. Like a project at its issuer's whole area, it is listed instead;
    a league-sized area stays on the map."""
    urban = shipped["urban"]
    region_wide = urban[(urban["name"] == "五个基地") & (urban["locations"] == "内蒙古自治区")]
    assert len(region_wide) == 1 and region_wide["geometry_basis"].iloc[0] != "issuer area"
    kept, table = selection.without_issuer_area(shipped)
    assert "五个基地" in set(table["name"]) and "五个基地" not in set(kept["urban"]["name"])
    issuer_area = sum(
        int((frame["geometry_basis"] == "issuer area").sum())
        for layer_id, frame in shipped.items()
        if selection.is_thematic(layer_id) and "geometry_basis" in frame.columns
    )
    assert len(table) == issuer_area + 1
    region = selection.region_union(shipped)
    leagues = shipped["leagues"].head(3)
    assert not selection.covers_region(leagues, region).any()
