"""Static-map rules a briefing officer relies on, on the atlas of the five reference plans: a single-plan map is
framed on the plan's issuer, its title keeps plan, period and place, a map of several plans names them, the
legend, inset and title stay clear of the map's lines, approximate lines are lighter, schematic rivers are
labelled bands."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from PIL import Image
from pyproj import Transformer

from geoplan.atlas.build import build_layers
from geoplan.errors import InputError
from geoplan.output.render.compose import MAP_CRS, compose_map, filter_layers
from geoplan.output.render.fonts import cjk_rc

pytestmark = pytest.mark.filterwarnings("error:Glyph .* missing from font:UserWarning")


@pytest.fixture(scope="module")
def atlas(plan_files, shipped_gazetteer):
    return build_layers(plan_files, shipped_gazetteer)


@pytest.fixture(scope="module")
def composed(atlas, shipped_gazetteer):
    """``composed(issuers, **options)``: the map of those issuers' plans (no issuers: the whole atlas), composed
    once for the module: several tests read the same map (none changes it)."""
    made = {}

    def get(issuers: tuple[str, ...] = (), **options):
        key = (issuers, tuple(sorted(options.items())))
        if key not in made:
            layers = filter_layers(atlas, plans=[_plan(atlas, i) for i in issuers]) if issuers else atlas
            made[key] = _compose(layers, shipped_gazetteer, **options)
        return made[key]

    return get


def _plan(atlas, issuer: str) -> str:
    plans = {p for f in atlas.values() if "plan" in f.columns for p in f.loc[f["issuer"] == issuer, "plan"]}
    assert len(plans) == 1, (issuer, plans)
    return Path(plans.pop()).stem


def _compose(layers, gazetteer, **options):
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(layers, dpi=60, gazetteer=gazetteer, **options)
        composition.figure.canvas.draw()
    return composition


def _issuer_bounds(atlas, name: str) -> tuple[float, float, float, float]:
    for layer in ("leagues", "banners"):
        frame = atlas[layer]
        hits = frame[frame["name"] == name]
        if len(hits):
            return tuple(hits.to_crs(MAP_CRS).total_bounds)
    raise AssertionError(name)


@pytest.mark.parametrize("issuer", ["巴彦淖尔市", "鄂尔多斯市", "乌拉特后旗"])
def test_single_plan_map_is_framed_on_its_issuer(atlas, composed, issuer):
    composition = composed((issuer,))
    minx, miny, maxx, maxy = composition.extent
    ix0, iy0, ix1, iy1 = _issuer_bounds(atlas, issuer)
    assert minx <= ix0 and miny <= iy0 and maxx >= ix1 and maxy >= iy1  # the whole issuer shows
    # ...and fills the map: the extent is the issuer padded to the page's shape, not stretched by strays
    assert max((ix1 - ix0) / (maxx - minx), (iy1 - iy0) / (maxy - miny)) > 0.8
    title = composition.title.get_text()
    assert issuer in title and ("“十四五”" in title or "“十五五”" in title)


def test_place_keeps_plan_and_period_in_the_title(composed):
    composition = composed(("鄂尔多斯市",), place="东胜区")
    title = composition.title.get_text()
    assert "鄂尔多斯市" in title and "“十四五”" in title and "东胜区" in title


def test_map_of_several_plans_names_them_in_title_and_legend(atlas, shipped_gazetteer):
    plans = [_plan(atlas, "鄂尔多斯市"), _plan(atlas, "巴彦淖尔市")]
    composition = _compose(filter_layers(atlas, plans=plans), shipped_gazetteer)
    title = composition.title.get_text()
    assert "鄂尔多斯市" in title and "巴彦淖尔市" in title
    plan_rows = [label for label in composition.legend_labels if re.match(r"规划\d+：", label)]
    assert len(plan_rows) == 2 and any("鄂尔多斯市" in r for r in plan_rows)


def test_period_filter(atlas):
    layers = filter_layers(atlas, periods=["十五五"])
    kinds = {k for f in layers.values() if "plan_kind" in f.columns for k in f["plan_kind"]}
    assert kinds == {"15th"}
    with pytest.raises(InputError, match="十四五"):
        filter_layers(atlas, periods=["十三五"])


def test_nothing_of_the_map_over_legend_inset_or_title(composed, tmp_path):
    """Map artists are clipped to the map frame, which legend and title lie outside; the inset is opaque
    and on top: its pixels are the same whether or not the thematic layers are drawn."""
    composition = composed(("鄂尔多斯市",))
    fig, ax = composition.figure, composition.map_ax
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    for artist in [*ax.collections, *ax.lines, *ax.patches]:
        clip = artist.get_clip_box()
        assert artist.get_clip_on() and clip is not None, artist.get_gid()
        assert np.allclose(clip.bounds, ax.bbox.bounds), artist.get_gid()
    for other in (composition.legend, composition.title, composition.subtitle):
        box = other.get_window_extent(renderer)
        assert not box.overlaps(frame), other
    assert composition.inset is not None and composition.inset.get_zorder() > ax.get_zorder()
    assert to_rgba(composition.inset.get_facecolor())[3] == 1.0

    out = tmp_path / "map.png"
    composition.figure.savefig(out, dpi=composition.figure.dpi)
    image = np.asarray(Image.open(out).convert("RGB")).astype(int)
    box = composition.inset.get_window_extent(renderer)
    top, left = image.shape[0] - round(box.y1) + 2, round(box.x0) + 2
    crop = image[top : top + int(box.height) - 4, left : left + int(box.width) - 4]
    assert crop.size
    red, green, blue = crop[..., 0], crop[..., 1], crop[..., 2]
    coloured = crop.max(axis=2) - crop.min(axis=2) > 20
    # the inset draws greys and its red extent box only: any other hue is a map line showing through
    foreign = coloured & ~((red >= green) & (red >= blue) & (np.abs(green - blue) < 25))
    assert int(foreign.sum()) == 0


def test_approximate_lines_lighter_and_bundled(atlas, shipped_gazetteer):
    layers = filter_layers(atlas, plans=[_plan(atlas, "鄂尔多斯市")], layer_ids=["leagues", "infrastructure"])
    composition = _compose(layers, shipped_gazetteer)
    collections = {c.get_gid(): c for c in composition.map_ax.collections}
    approx = collections["layer-infrastructure-lines-approximate"]
    colour = to_rgba(approx.get_colors()[0])
    located_colour = to_rgba("#1565c0")  # layers.yaml infrastructure colour
    assert sum(colour[:3]) > sum(located_colour[:3]) + 0.5  # lighter
    segments = [tuple(map(tuple, np.round(s, 3))) for s in approx.get_segments()]
    keys = {tuple(sorted(s)) for s in segments}
    assert len(keys) == len(segments) and all(len(s) == 2 for s in segments)  # every stroke drawn once


def test_schematic_rivers_are_labelled_bands(shipped_gazetteer, composed):
    composition = composed(("巴彦淖尔市",))
    bands = [c for c in composition.map_ax.collections if c.get_gid() == "water-schematic"]
    assert bands and bands[0].get_linewidths()[0] >= 4  # a wide band, not a road-like stroke
    assert "黄河" in {label.get_text() for label in composition.labels}
    assert "河流（示意走向）" in composition.legend_labels
    to_map = Transformer.from_crs("EPSG:4326", MAP_CRS, always_xy=True)
    yellow = shipped_gazetteer.get("river:黄河").geometry
    vertices = [to_map.transform(x, y) for x, y in yellow.coords]
    drawn = np.concatenate([np.asarray(s) for s in bands[0].get_segments()])
    for x, y in vertices:  # the band passes through every sourced waypoint, in the gazetteer's order
        if (
            composition.extent[0] <= x <= composition.extent[2]
            and composition.extent[1] <= y <= composition.extent[3]
        ):
            assert np.min(np.hypot(drawn[:, 0] - x, drawn[:, 1] - y)) < 1.0


def test_schematic_bands_are_drawn_for_the_rivers_the_plans_name_only(atlas, shipped_gazetteer, composed):
    """A band through a river's banners says where a river the plan speaks of runs; rivers no drawn plan names stay
    off the map and its labels (the gazetteer's schematic rivers of the north-east crowded the region's map)."""
    composition = composed()
    named = set(atlas["places"]["place_id"].astype(str))
    schematic = [
        p
        for p in shipped_gazetteer.records(["river"])
        if p.precision == "schematic" and p.geometry is not None
    ]
    unnamed = {p.name for p in schematic if p.id not in named}
    assert unnamed and {p.name for p in schematic if p.id in named}  # both kinds exist in the data
    labels = {label.get_text() for label in composition.labels}
    assert not unnamed & labels
    bands = [c for c in composition.map_ax.collections if c.get_gid() == "water-schematic"]
    assert len(bands) == 1 and len(bands[0].get_segments()) <= len(schematic) - len(unnamed)


def test_a_river_known_only_by_its_banners_is_not_drawn_as_water(atlas, shipped_gazetteer):
    """老哈河 has the hull of the five banners it runs through for a geometry: drawn as water it read as a lake
    the size of 赤峰's south.  The water under a map of 锡林郭勒 (whose frame reaches 赤峰) holds no such area."""
    hull = shipped_gazetteer.get("river:老哈河")
    assert hull.geometry.geom_type == "Polygon"  # the case this guards: still a hull in the data
    layers = filter_layers(atlas, plans=[_plan(atlas, "锡林郭勒盟")])
    composition = _compose(layers, shipped_gazetteer)
    to_lonlat = Transformer.from_crs(MAP_CRS, "EPSG:4326", always_xy=True)
    inside = hull.geometry.representative_point()
    for collection in composition.map_ax.collections:
        if collection.get_gid() != "water":
            continue
        for path in collection.get_paths():
            lon, lat = to_lonlat.transform(*np.asarray(path.vertices).T)
            outline = np.column_stack([lon, lat])
            assert not matplotlib.path.Path(outline).contains_point((inside.x, inside.y))


def test_the_region_map_leaves_macro_regions_beyond_it_for_a_zoomed_map(atlas, shipped_gazetteer, composed):
    """Hulls of 东北地区 or 华北地区 and points of neighbouring cities cross the whole region's map: it says it
    left them out; a map zoomed to a box draws them."""
    whole = composed()
    note = next(n for n in whole.notes if "outside the region not drawn" in n)
    assert int(note.split()[0]) >= 5
    zoomed = _compose(atlas, shipped_gazetteer, bbox=(105.0, 36.0, 125.0, 50.0))
    assert not any("outside the region not drawn" in n for n in zoomed.notes)


def test_a_place_covering_the_whole_map_is_not_labelled_inside_it(atlas, composed):
    """The region named by the plans (内蒙古自治区, an area) was labelled on the region's own map at its
    representative point, inside one league in the north-east; a league is named once on its own map."""
    places = atlas["places"]
    region = places[(places["type"] == "province") & (places["name"] == "内蒙古自治区")]
    assert len(region) == 1 and region.geometry.iloc[0].area > 0  # the plans name it; it is drawn as an area
    whole = composed()
    labels = [label.get_text() for label in whole.labels]
    assert "内蒙古自治区" not in labels
    # areas inside the region keep theirs: the leagues, and places the plans name that cover part of it
    assert len(set(atlas["leagues"]["name"]) & set(labels)) >= 2
    areas = places[(places.geom_type != "Point") & (places["name"] != "内蒙古自治区")]
    assert set(areas["name"]) & set(labels)
    ordos = composed(("鄂尔多斯市",))
    assert [label.get_text() for label in ordos.labels].count("鄂尔多斯市") == 1


def test_a_map_of_one_or_two_thematic_layers_names_them_in_its_title(atlas, shipped_gazetteer, composed):
    """`--layer industry` printed 鄂尔多斯市“十四五”规划重点项目示意图: a briefing page of the industrial parks
    alone names them; a map of every layer keeps 重点项目."""
    plan = [_plan(atlas, "鄂尔多斯市")]
    industry = _compose(filter_layers(atlas, ["industry"], plan), shipped_gazetteer)
    assert industry.title.get_text() == "鄂尔多斯市“十四五”规划产业园区与产业项目示意图"
    two = _compose(filter_layers(atlas, ["ecology", "industry"], plan), shipped_gazetteer)
    assert two.title.get_text() == "鄂尔多斯市“十四五”规划生态保护、产业园区与产业项目示意图"
    every = composed(("鄂尔多斯市",))
    assert every.title.get_text() == "鄂尔多斯市“十四五”规划重点项目示意图"


def test_a_citywide_project_is_drawn_on_its_districts_maps_not_on_its_neighbours(
    atlas, shipped_gazetteer, composed
):
    """鄂尔多斯市's projects placed at its whole area (it names no place for them) reached into the frame of
    乌海市, its neighbour: the map of 乌海市 counted 22 public-service projects, none of them in 乌海市."""
    services = atlas["public_services"]
    citywide = services[(services["geometry_basis"] == "issuer area") & (services["issuer"] == "鄂尔多斯市")]
    assert len(citywide) >= 10
    wuhai = _compose(atlas, shipped_gazetteer, place="乌海市")
    minx, miny, maxx, maxy = wuhai.extent
    in_frame = services.to_crs(MAP_CRS).cx[minx:maxx, miny:maxy]
    assert set(citywide["feature_id"]) & set(in_frame["feature_id"])  # their area does reach the frame
    drawn = wuhai.drawn.get("public_services")
    located = in_frame[in_frame["geometry_basis"] != "issuer area"]
    assert (drawn.total if drawn else 0) == len(located)
    # 东胜区 lies in 鄂尔多斯市: its map keeps the city's citywide projects
    dongsheng = composed(("鄂尔多斯市",), place="东胜区")
    assert dongsheng.drawn["public_services"].total >= len(citywide)
