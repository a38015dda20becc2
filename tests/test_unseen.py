"""Issue 15's examples on the reference plans: no fragments, jurisdiction first, one record of the right type.

Each example is fixed by a general rule (a span rule, the jurisdiction prior, a gazetteer record), never by a list
of the example words; the tests name the examples only to check them.
"""

from __future__ import annotations

import pytest

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import PlanPlaces


def _surfaces(places: PlanPlaces) -> set[str]:
    return {m.surface for m in places.mentions}


@pytest.mark.parametrize("fragment", ["阻止沙漠", "法律允许开发区", "壮大泛口岸", "适度打捞收割湖", "种羊湖"])
def test_suffix_names_are_names_not_fragments(parsed: dict[str, PlanPlaces], fragment: str) -> None:
    """X湖 / X沙漠 / X口岸 / X开发区 is kept only when X reads as a name and the suffix ends a word."""
    assert not any(fragment in surface for surface in _surfaces(parsed["004"]))


def test_a_verb_before_a_name_is_cut_off(parsed: dict[str, PlanPlaces]) -> None:
    surfaces = _surfaces(parsed["004"])
    assert "甘其毛都铁路口岸" in surfaces and not any(s.startswith("增设") for s in surfaces)


def _all_mentions(places: PlanPlaces):
    yield from places.mentions
    for corridor in places.corridors:
        yield from corridor.waypoints


def test_a_banner_colour_alone_names_no_banner(parsed: dict[str, PlanPlaces]) -> None:
    """'引黄旗县区' (the counties drawing Yellow River water) holds 黄旗, which no page gives as a form of 镶黄旗
    (≈ 550 km away): no mention of it, and none placed there."""
    assert not any(m.surface == "黄旗" for m in _all_mentions(parsed["004"]))


@pytest.mark.parametrize(
    ("key", "surface"),
    [
        ("004", "桑根达来"),
        ("004", "兴县"),
        ("002", "赛乌素"),
        ("000", "乌兰淖尔"),
    ],
)
def test_a_bare_name_outside_the_jurisdiction_needs_evidence(
    parsed: dict[str, PlanPlaces], key: str, surface: str
) -> None:
    """A short or bare name matching only a place outside the plan's league, with nothing around pointing there,
    stays unresolved with the reason 'outside jurisdiction' rather than being placed hundreds of km away — unless
    the text places it at home: 赛乌素 ends a county road (县道 718) of 乌拉特后旗's plan, so it lies in that banner."""
    found = [m for m in _all_mentions(parsed[key]) if m.surface == surface]
    assert found
    issuer = parsed[key].issuer
    for mention in found:
        assert mention.reason.startswith("outside jurisdiction"), mention
        assert mention.place is None or (
            mention.rule == "parent:county-road" and mention.place.id == issuer.id
        ), mention


def test_no_own_place_far_outside_the_plans_league(
    parsed: dict[str, PlanPlaces], gazetteer: Gazetteer
) -> None:
    """Every town a league plan names (outside its lines' ends) lies in that league or is named in full."""
    for key in ("000", "003", "004"):
        places = parsed[key]
        league = places.issuer.league_id or places.issuer.id
        for mention in places.mentions:
            place = mention.place
            if mention.level == "own" and place.type == "town" and league not in place.parent_ids:
                assert mention.surface == place.name, (key, mention.surface, place.id)


def test_a_banner_inside_a_longer_name_stays_the_banner(parsed: dict[str, PlanPlaces]) -> None:
    """'乌拉特后旗、乌拉特中旗两大工业园区': the banners stay banners; the park is only its full name."""
    for places in parsed.values():
        for mention in places.mentions:
            if mention.surface == "乌拉特后旗":
                assert mention.place is not None and mention.place.type == "banner", mention


def test_one_port_under_its_longer_forms(parsed: dict[str, PlanPlaces]) -> None:
    """A known port's name with generic words before 口岸 is that port, not a second record."""
    forms = {"甘其毛都口岸", "甘其毛都陆上边境口岸", "甘其毛都铁路口岸"}
    ports = {(m.surface, m.place.id) for m in parsed["004"].mentions if m.surface in forms}
    assert ports == {(form, "port:甘其毛都口岸") for form in forms}


def test_hetao_and_route_numbers_are_places(parsed: dict[str, PlanPlaces]) -> None:
    """河套 is a sourced schematic region record; route numbers (G242, S225, 国道 207) are road mentions."""
    hetao = [m for m in parsed["004"].mentions if m.surface == "河套"]
    assert len(hetao) >= 20 and all(m.place is not None and m.place.type == "region" for m in hetao)
    routes = {m.surface for places in parsed.values() for m in places.mentions if m.type == "road"}
    assert {"G242", "S225", "G110"} <= routes and any(r.startswith("国道") for r in routes)


def test_report_says_why_each_place_is_approximate(parsed: dict[str, PlanPlaces]) -> None:
    from geoplan.cli.report import ReportInputs, approximate_section, problems_section

    plan = ReportInputs([parsed["004"]])
    why = {
        row["name"]: row["why"]
        for s in (approximate_section(plan), problems_section(plan))
        for row in s.detail
    }
    assert why["兴县"].startswith("outside jurisdiction") and "banner precision" in why["乌兰布和沙漠"]
    assert "巴彦淖尔市" not in why and all(text for text in why.values())


def test_the_report_says_how_every_approximate_place_was_placed(parsed: dict[str, PlanPlaces]) -> None:
    """Issue 15 item 6, on all five plans: a record drawn coarser than a point says where it is drawn; a name put
    in a place containing it says which and how it was found; an unresolved name says why it stays unplaced."""
    from geoplan.cli.report import PRECISION_WORDS, place_facts

    approximate = [fact for fact in place_facts(list(parsed.values())) if fact.approximate]
    assert len(approximate) > 100
    for fact in approximate:
        if fact.level == "own":
            assert fact.why.startswith(
                f"the record has {fact.precision} precision: {PRECISION_WORDS[fact.precision].placed}"
            ), fact
        elif fact.level == "parent":
            # a name says how its place was found, a line which of its waypoints were placed
            said = ("located", "written right after", "waypoint")
            assert fact.reason and any(words in fact.why for words in said), fact
        else:
            assert fact.level == "none" and len(fact.why) > 20, fact
