"""Place labels without overlaps: greedy placement on measured text boxes.

Candidates come in priority order; each tries a few positions around its anchor (areas only at their
centre) and is kept at the first position whose rendered box stays inside the map, clear of the map
furniture and of every label already placed.  The rest are dropped rather than drawn on top of others.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

#: Offsets (points) and alignments tried around a point anchor, best first.
POINT_POSITIONS: tuple[tuple[float, float, str, str], ...] = (
    (4, 0, "left", "center"),
    (-4, 0, "right", "center"),
    (0, 4, "center", "bottom"),
    (0, -4, "center", "top"),
    (3, 3, "left", "bottom"),
    (-3, 3, "right", "bottom"),
    (3, -3, "left", "top"),
    (-3, -3, "right", "top"),
)
AREA_POSITIONS: tuple[tuple[float, float, str, str], ...] = ((0, 0, "center", "center"),)
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]


@dataclass(frozen=True)
class LabelCandidate:
    """A label to try: text, anchor in map units, style, and whether it names an area or a point."""

    text: str
    x: float
    y: float
    fontsize: float = 7.0
    color: str = "#222222"
    area: bool = False


def _overlaps(box: Bbox, others: list[Bbox]) -> bool:
    return any(box.overlaps(other) for other in others)


def place_labels(
    ax: Axes,
    candidates: list[LabelCandidate],
    renderer: RendererBase,
    obstacles: list[Bbox] | None = None,
    *,
    limit: int = 60,
    padding: float = 1.5,
) -> tuple[list[Annotation], list[Bbox]]:
    """Add non-overlapping labels to ``ax``; return the labels kept and their display boxes."""
    frame = ax.get_window_extent(renderer).padded(-2)
    blocked = list(obstacles or [])
    placed: list[Annotation] = []
    boxes: list[Bbox] = []
    seen: set[str] = set()  # one label per name: a league and its seat are not named twice
    for candidate in candidates:
        if len(placed) >= limit:
            break
        if not candidate.text or candidate.text in seen:
            continue
        label = ax.annotate(
            candidate.text,
            xy=(candidate.x, candidate.y),
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=candidate.fontsize,
            color=candidate.color,
            zorder=25,
            annotation_clip=True,
        )
        label.set_path_effects(HALO)
        label.set_gid("label")
        kept = False
        for dx, dy, ha, va in AREA_POSITIONS if candidate.area else POINT_POSITIONS:
            label.set_position((dx, dy))
            label.set_horizontalalignment(ha)
            label.set_verticalalignment(va)
            box = label.get_window_extent(renderer).padded(padding)
            if frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1):
                if not _overlaps(box, blocked):
                    seen.add(candidate.text)
                    blocked.append(box)
                    boxes.append(box)
                    placed.append(label)
                    kept = True
                    break
        if not kept:
            label.remove()
    return placed, boxes
