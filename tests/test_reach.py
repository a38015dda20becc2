"""Places far outside the region are mentions but never locate a feature nor draw a corridor's line."""

from __future__ import annotations

from functools import partial
from types import SimpleNamespace

from helpers import found

from geoplan.extract.projects import is_finer
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import Corridor, corridor_line
from geoplan.geocode.reach import is_far

_found = partial(found, fields=("surface", "type", "place_ids"))


def _place(gazetteer: Gazetteer, name: str):
    return next(p for p in gazetteer.records() if p.name == name)


def test_a_southern_prefecture_city_is_found_as_a_place(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "开通至广州、郑州的航线。")
    assert [s for s, _, _ in found] == ["广州", "郑州"]
    assert gazetteer.get(found[0][2][0]).name == "广州市"


def test_far_is_measured_from_the_region(gazetteer: Gazetteer) -> None:
    # 广州 (23°N) and 乌鲁木齐 (88°E) lie more than 8° outside the region's box; 郑州 (34.6°N) and the region's
    # own units do not
    assert is_far(_place(gazetteer, "广州市")) and is_far(_place(gazetteer, "乌鲁木齐市"))
    assert not is_far(_place(gazetteer, "郑州市")) and not is_far(_place(gazetteer, "包头市"))
    assert not is_far(SimpleNamespace(point=None))


def test_a_far_city_never_locates_a_project(gazetteer: Gazetteer) -> None:
    assert not is_finer(_place(gazetteer, "广州市"), "league", set())
    assert is_finer(_place(gazetteer, "郑州市"), "league", set())


def test_a_far_waypoint_does_not_stretch_a_corridor(gazetteer: Gazetteer) -> None:
    def corridor(*names: str) -> Corridor:
        waypoints = [SimpleNamespace(level="own", place=_place(gazetteer, n)) for n in names]
        return Corridor("x", None, "railway", 0, 1, waypoints)  # type: ignore[arg-type]

    near = corridor_line(corridor("包头市", "郑州市"))
    assert near is not None and len(near.coords) == 2
    assert corridor_line(corridor("包头市", "广州市")) is None  # one drawable end left
    line = corridor_line(corridor("包头市", "鄂尔多斯市", "广州市"))
    assert line is not None and min(y for _, y in line.coords) > 37
