"""Span rules found on development texts of other leagues (issue 15): each a general rule, checked on sentences
written for the test."""

from __future__ import annotations

import pytest

from geoplan.geocode.corridors import find_corridors
from geoplan.geocode.mentions import MentionFinder


def test_a_verb_between_a_line_and_a_towns_class_word_names_no_town(finder: MentionFinder) -> None:
    """'临策铁路穿镇而过': the railway runs through the town; 穿 (read as a verb in its sentence) names nothing."""
    found = [(m.surface, m.type) for m in finder.find("临策铁路穿镇而过，并设有车站")]
    assert found == [("临策铁路", None)]


@pytest.mark.parametrize("count", ["两大", "三大"])
def test_a_count_of_great_ones_ends_no_name(finder: MentionFinder, count: str) -> None:
    """'X和Y两大沙地': the count belongs to the list, the name before it is Y alone."""
    surfaces = [m.surface for m in finder.find(f"地处科尔沁和浑善达克{count}沙地交汇带")]
    assert "浑善达克" in surfaces and not any(count in s for s in surfaces)


@pytest.mark.parametrize(
    ("text", "route", "waypoints"),
    [
        # the route written number first ('210国道'): its class word opens no waypoint
        ("建设210国道满都拉口岸至白云鄂博段公路", "G210", ["满都拉口岸", "白云鄂博"]),
        ("建设国道210满都拉口岸至白云鄂博段公路", "G210", ["满都拉口岸", "白云鄂博"]),
        # a tourist road: 旅游 says what kind of road, it ends the last waypoint
        ("建设乌兰此老至城湾旅游公路", None, ["乌兰此老", "城湾"]),
    ],
)
def test_route_words_stay_out_of_the_ends(text: str, route: str | None, waypoints: list[str]) -> None:
    (corridor,) = find_corridors(text)
    assert corridor.route == route and [w.surface for w in corridor.waypoints] == waypoints
