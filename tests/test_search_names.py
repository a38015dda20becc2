"""Search by partial and short names on the shipped atlas, and the view of a place known to its banner."""

from __future__ import annotations

import pytest

from geoplan.atlas.schema import read_atlas
from geoplan.output import selection


@pytest.fixture(scope="module")
def atlas():
    return read_atlas()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("三盛公", "三盛公水利枢纽"),  # the Yellow River dam of 巴彦淖尔 (plan 004), by its short name
        ("河套", "河套灌区"),  # the irrigation district, by its first two characters
        ("甘其毛都", "甘其毛都口岸"),  # the port of 乌拉特中旗
    ],
)
def test_partial_and_short_names_are_found(atlas, query: str, expected: str) -> None:
    labels = [hit.label for hit in selection.search(query, atlas)]
    assert expected in labels[:5], labels[:5]


def test_a_place_known_to_its_banner_is_shown_at_the_banner(atlas) -> None:
    hits = [h for h in selection.search("甘其毛都口岸", atlas) if h.layer == "infrastructure"]
    assert hits
    area = selection.precision_area(atlas, hits[0])
    assert area is not None
    geometry, caption = area
    assert caption == "位置约略：按旗县范围显示"
    # 乌拉特中旗 spans about 107.3–109.3° E and 41.1–42.5° N: a banner, not a point.
    minx, miny, maxx, maxy = geometry.bounds
    assert 107.0 < minx < 108.0 and 108.8 < maxx < 109.8 and 40.8 < miny < 41.5 and 42.0 < maxy < 42.8
    # A place with a town or a finer point is shown where it is.
    places = atlas["places"]
    for _, row in places[places["precision"].isin(["point", "town"])].iterrows():
        hit = selection.SearchHit(row["name"], "place", "places", row["place_id"], row.geometry.bounds)
        assert selection.precision_area(atlas, hit) is None, row["name"]


@pytest.mark.parametrize(("query", "layer"), [("乌海", "leagues"), ("乌拉特后旗", "banners")])
def test_a_league_or_banner_found_is_its_own_area_not_an_approximate_one(atlas, query, layer) -> None:
    """Searching a league or a banner shows that area itself: its league (banner) precision is exact for it,
    so the map says nothing of 位置约略 (it said 按盟市范围显示 for 乌海市)."""
    hits = [h for h in selection.search(query, atlas) if h.layer == layer]
    assert hits and hits[0].label.startswith(query)
    assert selection.precision_area(atlas, hits[0]) is None
    # the same place as the plans name it (places layer) is exact too
    places = atlas["places"]
    for _, row in places[places["name"] == hits[0].label].iterrows():
        hit = selection.SearchHit(row["name"], "place", "places", row["place_id"], row.geometry.bounds)
        assert selection.precision_area(atlas, hit) is None
