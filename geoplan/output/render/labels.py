"""Place labels without overlaps: greedy placement on measured text boxes.

Candidates come in priority order; each tries a few positions around its anchor (areas only at their
centre) and is kept at the first position whose rendered box stays inside the map, clear of the map
furniture and of every label already placed.  The rest are dropped rather than drawn on top of others.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

#: Offsets (points) and alignments tried around a point anchor, best first: close, then clear of a
#: cluster of approximate markers around the same point.
POINT_POSITIONS: tuple[tuple[float, float, str, str], ...] = tuple(
    position
    for r in (6.0, 13.0)
    for position in (
        (r, 0, "left", "center"),
        (-r, 0, "right", "center"),
        (0, r, "center", "bottom"),
        (0, -r, "center", "top"),
        (r * 0.7, r * 0.7, "left", "bottom"),
        (-r * 0.7, r * 0.7, "right", "bottom"),
        (r * 0.7, -r * 0.7, "left", "top"),
        (-r * 0.7, -r * 0.7, "right", "top"),
    )
)
AREA_POSITIONS: tuple[tuple[float, float, str, str], ...] = (
    (0, 0, "center", "center"),
    (0, 14, "center", "bottom"),
    (0, -14, "center", "top"),
)
ALIGN_SHIFT = {"left": 0.0, "center": 0.5, "right": 1.0, "bottom": 0.0, "top": 1.0}
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


def _overlaps(box: Bbox, blocked: np.ndarray) -> bool:
    """Whether ``box`` intersects any row (x0, y0, x1, y1) of ``blocked``."""
    if not len(blocked):
        return False
    return bool(
        np.any(
            (blocked[:, 0] < box.x1)
            & (blocked[:, 2] > box.x0)
            & (blocked[:, 1] < box.y1)
            & (blocked[:, 3] > box.y0)
        )
    )


def place_labels(
    ax: Axes,
    candidates: list[LabelCandidate],
    renderer: RendererBase,
    obstacles: list[Bbox] | None = None,
    *,
    obstacle_array: np.ndarray | None = None,
    limit: int = 60,
    padding: float = 1.5,
) -> tuple[list[Annotation], list[Bbox]]:
    """Add non-overlapping labels to ``ax``; return the labels kept and their display boxes.

    ``obstacles`` (boxes) and ``obstacle_array`` (rows x0, y0, x1, y1 in display units, e.g. markers) are
    areas no label may cover.
    """
    frame = ax.get_window_extent(renderer).padded(-2)
    fixed = [np.array([[b.x0, b.y0, b.x1, b.y1] for b in obstacles or []]).reshape(-1, 4)]
    if obstacle_array is not None and len(obstacle_array):
        fixed.append(np.asarray(obstacle_array, dtype=float).reshape(-1, 4))
    blocked = np.concatenate(fixed)
    placed: list[Annotation] = []
    boxes: list[Bbox] = []
    seen: set[str] = set()  # one label per name: a league and its seat are not named twice
    points_to_px = ax.figure.dpi / 72
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
            horizontalalignment="left",
            verticalalignment="bottom",
            zorder=25,
            annotation_clip=True,
        )
        label.set_path_effects(HALO)
        label.set_gid("label")
        # measure once; the other positions are the same box shifted (text layout is the costly part)
        measured = label.get_window_extent(renderer)
        anchor_x, anchor_y, width, height = measured.x0, measured.y0, measured.width, measured.height
        for dx, dy, ha, va in AREA_POSITIONS if candidate.area else POINT_POSITIONS:
            x0 = anchor_x + dx * points_to_px - width * ALIGN_SHIFT[ha]
            y0 = anchor_y + dy * points_to_px - height * ALIGN_SHIFT[va]
            box = Bbox.from_bounds(x0, y0, width, height).padded(padding)
            if (
                frame.contains(box.x0, box.y0)
                and frame.contains(box.x1, box.y1)
                and not _overlaps(box, blocked)
            ):
                label.set_position((dx, dy))
                label.set_horizontalalignment(ha)
                label.set_verticalalignment(va)
                seen.add(candidate.text)
                blocked = np.vstack([blocked, [[box.x0, box.y0, box.x1, box.y1]]])
                boxes.append(box)
                placed.append(label)
                break
        else:
            label.remove()
    return placed, boxes
