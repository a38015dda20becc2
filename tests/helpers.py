"""Helpers shared by test modules (import as ``from helpers import …``: pytest puts ``tests/`` on the path)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geoplan.geocode.context import refine
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read


def found(
    source: Gazetteer | MentionFinder, text: str, fields: tuple[str, ...] = ("surface", "type")
) -> list[tuple[Any, ...]]:
    """The mentions the finder and the context pass keep in ``text``, each as the tuple of its ``fields``;
    ``source`` is a mention finder or a gazetteer (whose finder is used)."""
    finder = source.finder if isinstance(source, Gazetteer) else source
    return [tuple(getattr(m, name) for name in fields) for m in refine(text, finder.find(text), finder)]


def resolved_ids(gazetteer: Gazetteer, folder: Path, title: str, text: str) -> dict[str, str]:
    """Surface -> place id of the resolved mentions of a plan titled ``title`` whose one chapter holds ``text``
    (written to ``folder``)."""
    plan = folder / "plan.txt"
    plan.write_text(f"{title}\n第一章 总则\n{text}\n", encoding="utf-8")
    return {m.surface: m.place.id for m in geoparse(read(plan), gazetteer).mentions if m.place is not None}


def assert_at_league(gazetteer: Gazetteer, record: str, league: str) -> None:
    """The gazetteer's ``record`` lies in no banner: it stands at its league ``league``, with that precision."""
    place = gazetteer.get(record)
    assert place.banner_id is None and gazetteer.get(place.league_id).name == league
    assert place.precision == "league"


def assert_under_banner(gazetteer: Gazetteer, record: str, banner: str) -> None:
    """The gazetteer's ``record`` has the banner ``banner`` for a parent and its point lies inside that banner
    (within about 1 km of its outline)."""
    place = gazetteer.get(record)
    parent = gazetteer.get(place.banner_id)
    assert parent.name == banner
    assert parent.geometry.buffer(0.01).contains(place.point)
