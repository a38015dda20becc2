"""Static maps: page size and DPI, the parts of the composition, true scale, north, labels, glyphs."""

from __future__ import annotations

import io
import math
import re
import sys
import threading
import warnings
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import geopandas as gpd
import matplotlib
import numpy as np
import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.patches import Patch
from PIL import Image
from pypdf import PdfReader
from pyproj import Geod, Transformer

from geoplan.atlas.schema import read_atlas
from geoplan.errors import InputError, RenderError, UnsupportedFormatError
from geoplan.layers import load_layers
from geoplan.output.render import compose as compose_module
from geoplan.output.render.compose import (
    MAP_CRS,
    PAPER_MM,
    compose_map,
    filter_layers,
    focus_bounds,
    parse_bbox,
    render_map,
)
from geoplan.output.render.fonts import FONT_FAMILY, cjk_font_path, cjk_rc, register_cjk_font
from geoplan.output.render.furniture import nice_length, scale_factor, true_north_angle
from geoplan.output.render.labels import LabelCandidate, place_labels

# Any glyph matplotlib cannot find in the font is a test failure.
pytestmark = pytest.mark.filterwarnings("error:Glyph .* missing from font:UserWarning")
MM_PER_INCH = 25.4
PT_PER_MM = 72 / 25.4
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def atlas(atlas_path):
    return read_atlas(atlas_path)


@pytest.fixture(scope="module")
def base_only(atlas):
    """Just the leagues: enough for page-size checks, quick to draw."""
    return {"leagues": atlas["leagues"]}


@pytest.fixture(scope="module")
def composed(atlas):
    """The full atlas composed once on A4 at a low DPI, drawn so every artist has its final position."""
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(atlas, dpi=72)
        composition.figure.canvas.draw()
        yield composition


def _paper_px(paper: str, landscape: bool, dpi: int) -> tuple[float, float]:
    width, height = PAPER_MM[paper]
    if landscape:
        width, height = height, width
    return width / MM_PER_INCH * dpi, height / MM_PER_INCH * dpi


def _gid(fig: Figure, gid: str) -> list:
    return fig.findobj(lambda artist: artist.get_gid() == gid)


# --- font -------------------------------------------------------------------------------------------


def test_cjk_font_is_registered_and_found():
    assert cjk_font_path().suffix == ".ttc"
    assert register_cjk_font() == FONT_FAMILY
    from matplotlib import font_manager

    found = font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY), fallback_to_default=False)
    # The shipped copy or a system copy of the same family (Debian's fonts-noto-cjk): either must draw Chinese.
    font = FT2Font(found)
    assert font.family_name.startswith("Noto Sans CJK")  # face 0 of the collection; SC shares its glyphs
    assert all(font.get_char_index(ord(char)) for char in "鄂尔多斯市乌拉特后旗巴彦淖尔")


def test_missing_font_package_fails_clearly(monkeypatch):
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)
    with pytest.raises(RenderError, match="pip install noto-cjk-sans-otc"):
        cjk_font_path()


def test_glyph_check_catches_a_missing_glyph():
    """The filter that guards every test here really fires (Mongolian script is not in Noto Sans CJK)."""
    with matplotlib.rc_context(cjk_rc()), pytest.raises(UserWarning, match="Glyph .* missing from font"):
        fig = Figure()
        fig.text(0.1, 0.5, "ᠮᠣᠩᠭᠣᠯ")
        fig.savefig(io.BytesIO(), format="png")


def test_every_chinese_string_of_the_atlas_renders(atlas):
    texts = {d.title for d in load_layers()}
    for frame in atlas.values():
        for column in ("name", "banner", "league", "issuer", "locations", "box_title", "quantities_text"):
            if column in frame.columns:
                texts.update(
                    str(v) for v in frame[column].dropna().unique() if re.search(r"[\u4e00-\u9fff]", str(v))
                )
    assert texts
    characters = sorted(set("".join(texts)))  # every glyph once is the same check, much faster
    with matplotlib.rc_context(cjk_rc()):
        fig = Figure(figsize=(8, 8))
        for i in range(0, len(characters), 80):
            fig.text(0.01, (i // 80 % 50) / 50, "".join(characters[i : i + 80]), fontsize=4)
        fig.savefig(io.BytesIO(), format="png", dpi=50)


# --- page size and formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(("paper", "landscape", "dpi"), [("A4", False, 80), ("A3", True, 50)])
def test_png_pixel_size_is_paper_times_dpi(base_only, paper, landscape, dpi):
    out = io.BytesIO()
    render_map(base_only, out, paper=paper, landscape=landscape, dpi=dpi)
    image = Image.open(io.BytesIO(out.getvalue()))
    expected = _paper_px(paper, landscape, dpi)
    assert image.format == "PNG"
    assert abs(image.size[0] - expected[0]) <= 1 and abs(image.size[1] - expected[1]) <= 1
    assert image.info["dpi"] == pytest.approx((dpi, dpi), abs=0.05)  # stored as pixels per metre


@pytest.mark.parametrize("landscape", [False, True])
def test_pdf_page_is_the_paper_size(base_only, tmp_path, landscape):
    out = tmp_path / "map.pdf"
    render_map(base_only, out, fmt="pdf", landscape=landscape, dpi=72)
    page = PdfReader(out).pages[0]
    width, height = (297, 210) if landscape else (210, 297)
    assert float(page.mediabox.width) == pytest.approx(width * PT_PER_MM, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(height * PT_PER_MM, abs=0.5)
    assert not list(tmp_path.glob(".map.pdf*")), "temporary file left behind"


def test_svg_has_the_paper_size(base_only):
    out = io.BytesIO()
    render_map(base_only, out, fmt="svg", paper="A3", dpi=72)
    head = out.getvalue()[:2000].decode()
    width = float(re.search(r'width="([\d.]+)pt"', head).group(1))
    height = float(re.search(r'height="([\d.]+)pt"', head).group(1))
    assert (width, height) == pytest.approx((297 * PT_PER_MM, 420 * PT_PER_MM), abs=0.5)


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"fmt": "jpg"}, UnsupportedFormatError),
        ({"paper": "B5"}, InputError),
        ({"dpi": 10}, InputError),
        ({"basemap": "satellite"}, InputError),
        ({"bbox": (1, 2, 3, 4), "place": "x"}, InputError),
        ({"place": "没有这个地方的名字"}, InputError),
    ],
)
def test_bad_options_are_input_errors(atlas, options, error):
    with pytest.raises(error):
        render_map(atlas, io.BytesIO(), **options)


def test_failed_write_leaves_no_file(base_only, tmp_path, monkeypatch):
    def broken(self, path, **kwargs):
        open(path, "wb").write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(Figure, "savefig", broken)
    with pytest.raises(RenderError, match="disk full"):
        render_map(base_only, tmp_path / "map.png", dpi=50)
    assert list(tmp_path.iterdir()) == []


# --- composition ----------------------------------------------------------------------------------------


def test_composition_has_every_part(composed, atlas):
    fig = composed.figure
    assert composed.legend is not None and composed.legend in fig.legends
    assert [t.get_text() for t in composed.legend.get_texts()] == composed.legend_labels
    titles = {d.id: d.title for d in load_layers()}
    drawn = [name for name, d in composed.drawn.items() if d.total]
    assert drawn
    for name in drawn:
        assert any(label.startswith(titles[name]) for label in composed.legend_labels)
    assert _gid(fig, "scale-bar") and _gid(fig, "north-arrow")
    assert composed.inset is None and not _gid(fig, "inset-extent")  # the whole region: no locator of it
    assert composed.title.get_text() and composed.subtitle is not None
    assert "示意图" in composed.source.get_text()
    assert re.search(r"\d{4}-\d{2}-\d{2}", composed.date.get_text())
    assert composed.basemap == "vector"


def _map_styles(composition) -> dict[str, object]:
    """The styles drawn on the map: gid -> its artist (layers' and the focus outline)."""
    return {
        artist.get_gid(): artist
        for artist in composition.map_ax.collections
        if (artist.get_gid() or "").startswith(("layer-", "focus-outline"))
    }


def _dashed(artist) -> bool:
    style = artist.get_linestyle()
    style = style[0] if isinstance(style, list) else style
    return isinstance(style, tuple) and style[1] is not None or style in ("--", "dashed", ":")


@pytest.fixture(scope="module")
def ordos(atlas):
    """Plan 003's map, framed on 鄂尔多斯市 (lines of several layers, exact and approximate)."""
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(filter_layers(atlas, plans=["003"]), dpi=50)
        yield composition


@pytest.mark.parametrize("which", ["composed", "ordos"])
def test_legend_shows_every_style_drawn_and_only_those(which, request):
    """Each style the map drew (points, lines and areas of each layer, exact and approximate, the outline of
    the place framed) has its symbol in the legend, and the legend has no symbol the map did not draw."""
    from matplotlib.colors import to_hex

    from geoplan.output.render.symbols import legend_handle

    composition = request.getfixturevalue(which)
    drawn = _map_styles(composition)
    entries = dict(zip(composition.legend_labels, composition.legend_styles, strict=True))
    shown = [gid for label, gids in entries.items() if not label.startswith("位置近似") for gid in gids]
    exact_or_lines = {g for g in drawn if not g.endswith(("points-approximate", "polygons-approximate"))}
    assert exact_or_lines <= set(shown) <= set(drawn) and len(shown) == len(set(shown))
    approximate = {g for g in drawn if g.endswith("-approximate")}
    generic = [gids for label, gids in entries.items() if label.startswith("位置近似")]
    assert (len(generic) == 1 and set(generic[0]) == approximate) if approximate else not generic
    definitions = {d.id: d for d in load_layers()}
    for gid in shown:  # the symbol is drawn as the map draws that style: colour and dashes
        if gid == "focus-outline":
            continue
        layer = gid.removeprefix("layer-").rsplit("-approximate", 1)[0].rsplit("-", 1)[0]
        handle, artist = legend_handle(definitions[layer], gid), drawn[gid]
        edge = artist.get_edgecolor()[0]
        if "-points" in gid:
            colour = handle.get_markeredgecolor()
        elif isinstance(handle, Patch):
            colour = handle.get_edgecolor()
        else:
            colour = handle.get_color()
        assert to_hex(colour) == to_hex(edge), gid
        if "-points" not in gid:
            assert _dashed(handle) == _dashed(artist), gid
    lines = {label: gids for label, gids in entries.items() if any("-lines" in g for g in gids)}
    assert lines, "both maps draw lines"
    if which == "composed":  # the region's corridors: railways and roads, among the places and the projects
        places = next(label for label, gids in lines.items() if gids[0].startswith("layer-places-"))
        projects = next(label for label, gids in lines.items() if gids[0].startswith("layer-infrastructure-"))
        assert "铁路" in places and "公路" in places and "铁路" in projects and "公路" in projects
    else:
        assert entries.get("鄂尔多斯市（外围淡化）") == ("focus-outline",)


def test_scale_bar_is_true_at_the_map_centre(composed):
    bar = composed.scale_bar
    minx, miny, maxx, maxy = composed.extent
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    to_lonlat = Transformer.from_crs(composed.crs, "EPSG:4326", always_xy=True)
    lon0, lat0 = to_lonlat.transform(cx - bar.map_length / 2, cy)
    lon1, lat1 = to_lonlat.transform(cx + bar.map_length / 2, cy)
    ground = GEOD.inv(lon0, lat0, lon1, lat1)[2]
    assert ground == pytest.approx(bar.length_m, rel=0.002)
    # the drawn bar has that length in map units
    xs = [
        x
        for r in _gid(composed.figure, "scale-bar")
        if hasattr(r, "get_x") and hasattr(r, "get_width")
        for x in (r.get_x(), r.get_x() + r.get_width())
    ]
    assert max(xs) - min(xs) == pytest.approx(bar.map_length)
    assert bar.label.endswith("km") and float(bar.label.split()[0]) * 1000 == bar.length_m


def test_projection_scale_against_a_known_distance():
    """One degree of latitude from 40°N to 41°N is 111.04 km on WGS84; the map CRS and its scale factor agree."""
    to_map = Transformer.from_crs("EPSG:4326", MAP_CRS, always_xy=True)
    (x0, y0), (x1, y1) = to_map.transform(112, 40), to_map.transform(112, 41)
    ground = math.hypot(x1 - x0, y1 - y0) / scale_factor(MAP_CRS, 112, 40.5)
    assert ground == pytest.approx(111_040, abs=60)


def test_nice_lengths():
    assert [nice_length(v) for v in (1234, 99_000, 260_000, 0.7)] == [1000, 50_000, 250_000, 0.5]


def test_north_arrow_follows_the_meridian():
    """Convergence of a Lambert conic is n·(λ − λ0); true north turns left east of 112°E."""
    phi1, phi2 = math.radians(40), math.radians(50)
    n = math.log(math.cos(phi1) / math.cos(phi2)) / math.log(
        math.tan(math.pi / 4 + phi2 / 2) / math.tan(math.pi / 4 + phi1 / 2)
    )
    assert true_north_angle(MAP_CRS, 112, 45) == pytest.approx(0, abs=1e-6)
    for lon in (98, 105, 120, 125):
        assert true_north_angle(MAP_CRS, lon, 44) == pytest.approx(-n * (lon - 112), abs=0.05)


def test_north_arrow_on_the_map_matches_the_centre(composed):
    expected = true_north_angle(composed.crs, *composed.centre_lonlat)
    assert composed.north_arrow.angle_deg == pytest.approx(expected)


def test_labels_do_not_overlap(composed):
    renderer = composed.figure.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in composed.labels]
    assert len(boxes) >= 3
    frame = composed.map_ax.get_window_extent(renderer)
    for i, first in enumerate(boxes):
        assert frame.contains(first.x0, first.y0) and frame.contains(first.x1, first.y1)
        for second in boxes[i + 1 :]:
            assert not first.overlaps(second), (composed.labels[i].get_text(), first, second)


def test_label_placement_drops_what_does_not_fit():
    with matplotlib.rc_context(cjk_rc()):
        fig = Figure(figsize=(4, 4), dpi=72)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 100)
        candidates = [LabelCandidate(f"地名{i}", 50, 50) for i in range(30)]
        labels, boxes = place_labels(ax, candidates, fig.canvas.get_renderer())
    assert 1 < len(labels) <= 8
    assert all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_approximate_features_are_hollow(atlas):
    name, frame = next(
        (n, f) for n, f in atlas.items() if "approximate" in f.columns and (f.geom_type == "Point").sum() >= 2
    )
    points = frame[frame.geom_type == "Point"].copy()
    points["approximate"] = [1] + [0] * (len(points) - 1)
    minx, miny, maxx, maxy = points.total_bounds
    whole = (minx - 0.5, miny - 0.5, maxx + 0.5, maxy + 0.5)  # every point on the map, strays included
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map({name: points}, dpi=50, bbox=whole)
    exact = _gid(composition.figure, f"layer-{name}-points")
    approximate = _gid(composition.figure, f"layer-{name}-points-approximate")
    assert len(exact) == 1 and len(approximate) == 1
    from matplotlib.colors import to_rgb

    fill = to_rgb(next(d.style.fill for d in load_layers() if d.id == name))
    assert np.allclose(approximate[0].get_facecolors()[:, :3], 1.0)  # hollow: no layer colour inside
    assert approximate[0].get_linestyle()[0][1] is not None  # dashed edge
    assert np.allclose(exact[0].get_facecolors()[:, :3], fill) and exact[0].get_facecolors()[:, 3].min() > 0.5
    assert any(label.startswith("位置近似") for label in composition.legend_labels)


# --- extent ---------------------------------------------------------------------------------------------


def test_bbox_sets_the_extent(atlas):
    lonlat = (108.0, 38.0, 111.0, 41.0)
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(atlas, bbox=lonlat, dpi=50)
    to_map = Transformer.from_crs("EPSG:4326", MAP_CRS, always_xy=True)
    minx, miny, maxx, maxy = to_map.transform_bounds(*lonlat)
    ex = composition.extent
    assert ex[0] <= minx + 1 and ex[1] <= miny + 1 and ex[2] >= maxx - 1 and ex[3] >= maxy - 1
    assert min(ex[2] - ex[0] - (maxx - minx), ex[3] - ex[1] - (maxy - miny)) < 1  # one side fits exactly


@pytest.mark.parametrize("value", ["1,2,3", "a,b,c,d", "10,10,5,20", "0,95,1,96"])
def test_bad_bbox(value):
    with pytest.raises(InputError):
        parse_bbox(value)


def test_place_zooms_to_a_banner(atlas):
    banner = atlas["banners"].iloc[0]
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(atlas, place=banner["name"], dpi=50)
    minx, miny, maxx, maxy = gpd.GeoSeries([banner.geometry], crs="EPSG:4326").to_crs(MAP_CRS).total_bounds
    ex = composition.extent
    assert ex[0] <= minx and ex[1] <= miny and ex[2] >= maxx and ex[3] >= maxy
    assert (ex[2] - ex[0]) < 2.5 * max(maxx - minx, (maxy - miny) * 0.7)
    assert banner["name"] in composition.title.get_text()
    assert _gid(composition.figure, "focus-outline")


# --- filters and tiles -------------------------------------------------------------------------------


def test_a_plan_is_named_by_the_start_of_its_file_name(atlas):
    """'004' names the one plan whose file name starts so; a start shared by several plans is refused."""
    plans = sorted({p for f in atlas.values() if "plan" in f.columns for p in f["plan"].unique()})
    first = plans[0]
    prefix = next(first[:n] for n in range(1, len(first)) if sum(p.startswith(first[:n]) for p in plans) == 1)
    by_prefix = filter_layers(atlas, plans=[prefix])
    by_name = filter_layers(atlas, plans=[first])
    assert {name: len(frame) for name, frame in by_prefix.items()} == {n: len(f) for n, f in by_name.items()}
    assert any(len(f) for n, f in by_prefix.items() if "plan" in f.columns)
    shared = first[: len(prefix) - 1]
    if sum(p.startswith(shared) for p in plans) > 1:
        with pytest.raises(InputError, match="matches several plans"):
            filter_layers(atlas, plans=[shared])


def test_a_plan_not_found_is_listed_with_each_plan_issuer(atlas):
    """The file names of the reference plans are codes: the error names each plan's issuer beside it, so a
    user who tried an issuer's name sees which code to give (plan 003 is 鄂尔多斯市's, plan 001 新城区's)."""
    with pytest.raises(InputError) as error:
        filter_layers(atlas, plans=["鄂尔多斯"])
    message = str(error.value)
    assert "matches no plan" in message and "give a file name or its start" in message
    assert "003_c8d60e7368b2a733.txt (鄂尔多斯市)" in message
    assert "001_acf836d61063524f.txt (呼和浩特市新城区)" in message
    assert message.count(".txt (") == 5


def test_filter_by_plan_and_layers(atlas):
    plans = sorted({p for f in atlas.values() if "plan" in f.columns for p in f["plan"].unique()})
    filtered = filter_layers(atlas, plans=[plans[0]])
    for frame in filtered.values():
        if "plan" in frame.columns:
            assert set(frame["plan"]) <= {plans[0]}
    assert len(filtered["leagues"]) == len(atlas["leagues"])
    assert list(filter_layers(atlas, layer_ids=["leagues", "industry"])) == ["leagues", "industry"]
    # thematic layers alone are drawn over the leagues' and banners' outlines; a base layer named: exactly those
    assert list(filter_layers(atlas, layer_ids=["industry"])) == ["leagues", "banners", "industry"]
    assert list(filter_layers(atlas, layer_ids=["places", "industry"])) == ["places", "industry"]
    with pytest.raises(InputError, match="matches no plan"):
        filter_layers(atlas, plans=["no-such-plan.txt"])
    with pytest.raises(InputError, match="no layer"):
        filter_layers(atlas, layer_ids=["nope"])


def test_tiles_fall_back_to_vector_when_they_cannot_load(atlas):
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(
            atlas, basemap="tiles", tile_source="http://127.0.0.1:9/{z}/{x}/{y}.png", dpi=50
        )
    assert composition.basemap == "vector"
    assert any("tiles could not load" in note for note in composition.notes)
    assert not composition.map_ax.images
    assert _gid(composition.figure, "layer-leagues-polygons")


class _TileHandler(BaseHTTPRequestHandler):
    def __init__(self, tile: bytes, *args, **kwargs):
        self.tile = tile
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 - http.server API
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.tile)))
        self.end_headers()
        self.wfile.write(self.tile)

    def log_message(self, *args):
        pass


def test_tiles_are_drawn_when_they_load(atlas, tmp_path, monkeypatch):
    tile = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 240)).save(tile, format="PNG")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_TileHandler, tile.getvalue()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        bbox = (109.0, 39.0, 110.0, 40.0)
        with matplotlib.rc_context(cjk_rc()), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            composition = compose_map(atlas, basemap="tiles", tile_source=url, bbox=bbox, dpi=50)
    finally:
        server.shutdown()
    assert composition.basemap == "tiles", composition.notes
    assert composition.map_ax.images
    assert composition.map_ax.get_xlim() == pytest.approx(composition.extent[::2])
    assert "127.0.0.1" in composition.source.get_text()


def test_default_extent_ignores_strays_and_snaps_to_the_region():
    from shapely.geometry import Point, box

    region = box(-1_000_000, -1_000_000, 1_000_000, 1_000_000)
    rng = np.random.default_rng(0)
    cluster = [Point(x, y) for x, y in rng.uniform(-20_000, 20_000, size=(60, 2))]
    stray, abroad = Point(600_000, 600_000), Point(5_000_000, 0)
    bounds = focus_bounds(np.array([*cluster, stray, abroad], dtype=object), region)
    assert bounds[2] < 30_000 and bounds[3] < 30_000 and bounds[0] > -30_000
    spread = [Point(x, y) for x, y in rng.uniform(-900_000, 900_000, size=(60, 2))]
    assert focus_bounds(np.array(spread, dtype=object), region) == region.bounds


def test_source_line_and_date(base_only):
    import datetime as dt

    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(base_only, today=dt.date(2026, 1, 2), dpi=50)
    assert composition.date.get_text().endswith("2026-01-02")
    source = composition.source.get_text()
    assert "资料来源" in source and "示意图" in source and "1:" in source


def test_use_cjk_font_sets_the_process_default():
    with matplotlib.rc_context():
        from geoplan.output.render.fonts import use_cjk_font

        assert use_cjk_font() == FONT_FAMILY
        assert matplotlib.rcParams["font.sans-serif"][0] == FONT_FAMILY
        assert matplotlib.rcParams["font.family"] == ["sans-serif"]


def test_layers_without_a_style_are_left_out_with_a_note(base_only):
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map({**base_only, "mystery": base_only["leagues"]}, dpi=50)
    assert "mystery" not in composition.drawn
    assert any("mystery" in note for note in composition.notes)


@pytest.mark.parametrize(
    ("plan", "inset"), [(None, False), ("000", True), ("003", True), ("004", True), ("002", True)]
)
def test_inset_only_on_a_map_of_a_small_part_of_the_region(atlas, plan, inset):
    """The whole-region map has no locator inset; a map framed on one plan's issuer (a league or a banner,
    under a third of the region each) has one, with the map's extent outlined, and no label over it."""
    layers = filter_layers(atlas, plans=[plan] if plan else None)
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(layers, dpi=50)
        composition.figure.canvas.draw()
    region = gpd.GeoSeries([shapely.union_all(atlas["leagues"].geometry.values)], crs=4326).to_crs(MAP_CRS)[0]
    shown = region.intersection(shapely.box(*composition.extent)).area / region.area
    assert (shown < 0.5) == inset  # independent of the code's own test: the share of the region in view
    assert (composition.inset is not None) == inset
    assert bool(_gid(composition.figure, "inset-extent")) == inset
    assert not any("inset" in note for note in composition.notes)  # the atlas has leagues: nothing to report
    if inset:
        renderer = composition.figure.canvas.get_renderer()
        box = composition.inset.get_window_extent(renderer)
        assert not any(label.get_window_extent(renderer).overlaps(box) for label in composition.labels)


def test_the_region_is_united_once_per_map(atlas, monkeypatch):
    """The union of the leagues (for the split of outside places and for the inset) is computed once."""
    calls = []
    original = shapely.union_all
    counted = lambda *a, **k: calls.append(1) or original(*a, **k)  # noqa: E731
    monkeypatch.setattr(shapely, "union_all", counted)
    monkeypatch.setattr(compose_module, "union_all", counted, raising=False)  # a name imported there once
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(filter_layers(atlas, plans=["003"]), dpi=40)
    assert composition.inset is not None and len(calls) == 1
    calls.clear()
    with matplotlib.rc_context(cjk_rc()):
        compose_map(atlas, dpi=40)  # the region's map: context places split off by the same union
    assert len(calls) == 1


def test_every_place_type_has_a_chinese_name():
    """A legend's lines entry names its kinds of place (铁路、公路、输电线路 …): never a raw type code."""
    from geoplan.geocode.gazetteer import TYPES
    from geoplan.output.labels import PLACE_TYPE_LABELS

    assert set(TYPES) <= set(PLACE_TYPE_LABELS)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]+", PLACE_TYPE_LABELS[t]) for t in TYPES)


def test_a_map_without_outlines_says_so_not_that_the_atlas_lacks_them(atlas):
    """Layers named without leagues or banners: no inset locator, and the note says they were not drawn
    (the atlas has them)."""
    assert len(atlas["leagues"]) and len(atlas["banners"])
    layers = filter_layers(atlas, layer_ids=["places", "industry"])
    with matplotlib.rc_context(cjk_rc()):
        composition = compose_map(layers, dpi=50)
    assert composition.inset is None
    assert "no leagues or banners drawn: no inset locator map" in composition.notes
    assert not [note for note in composition.notes if "in the atlas" in note]
