"""How texts write roads (issue 15): provincial roads by number, roads named by their ends and class words.

Sentences are written for these tests (no plan or page text); each is read from a real file in a tmp dir and
geoparsed with the shipped gazetteer.
"""

from __future__ import annotations

from pathlib import Path

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import PlanPlaces, geoparse
from geoplan.read.plan import read


def _parse(tmp_path: Path, gazetteer: Gazetteer, text: str, name: str = "text") -> PlanPlaces:
    path = tmp_path / f"{name}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return geoparse(read(path), gazetteer)


def test_a_provincial_road_without_a_record_lies_in_the_texts_league(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    """A text about 乌海 names a provincial road the gazetteer has no path for: located no finer than 乌海市,
    with the reason; never dropped as unresolved."""
    places = _parse(
        tmp_path, gazetteer, "乌海：城市交通新变化\n交通部门介绍，省道217线改造完成，S218也已通车。"
    )
    roads = {m.surface: m for m in places.mentions if m.type == "road"}
    assert set(roads) == {"省道217线", "S218"}
    for mention in roads.values():
        assert mention.place is not None and mention.place.name == "乌海市"
        assert mention.precision == "league"
        assert "provincial road" in mention.reason


def test_a_provincial_road_in_a_banners_text_lies_in_its_league(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """A text about a banner: a provincial road runs beyond the banner, so it is placed at the banner's league."""
    places = _parse(tmp_path, gazetteer, "磴口县：道路建设\n今年县里改造了120省道。")
    road = next(m for m in places.mentions if m.type == "road")
    assert road.surface == "120省道"
    assert road.place is not None and road.place.name == "巴彦淖尔市"
    assert "the text's own banner 磴口县" in road.reason


def test_a_national_road_without_a_record_stays_unresolved(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """A national road may lie anywhere in the country: without a record it is not put in the text's league."""
    places = _parse(tmp_path, gazetteer, "乌海：城市交通新变化\n交通部门介绍，国道999线改造完成。")
    road = next(m for m in places.mentions if m.type == "road")
    assert road.surface == "国道999线" and road.place is None


def test_a_recorded_line_named_by_its_ends_is_the_corridor_of_its_ends(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    """'A至B一级公路' is a record's name too: the ends are the mentions, the record's line the corridor's line."""
    places = _parse(tmp_path, gazetteer, "兴安盟交通建设\n新修的霍林郭勒至阿力得尔一级公路连通了两地的牧区。")
    assert not any("至" in m.surface for m in places.mentions)
    (corridor,) = [c for c in places.corridors if "至" in c.name]
    assert [w.surface for w in corridor.waypoints] == ["霍林郭勒", "阿力得尔"]
    record = gazetteer.get("road:霍林郭勒至阿力得尔一级公路")
    assert corridor.route_line is not None and corridor.route_line.equals(record.geometry)
