"""Helpers shared by test modules (import as ``from helpers import …``: pytest puts ``tests/`` on the path)."""

from __future__ import annotations

from typing import Any

from geoplan.geocode.context import refine
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder


def found(
    source: Gazetteer | MentionFinder, text: str, fields: tuple[str, ...] = ("surface", "type")
) -> list[tuple[Any, ...]]:
    """The mentions the finder and the context pass keep in ``text``, each as the tuple of its ``fields``;
    ``source`` is a mention finder or a gazetteer (whose finder is used)."""
    finder = source.finder if isinstance(source, Gazetteer) else source
    return [tuple(getattr(m, name) for name in fields) for m in refine(text, finder.find(text), finder)]
