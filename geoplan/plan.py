"""The plan model: a plan file becomes a :class:`Plan` (metadata, outline, boxes, paragraphs).

CONTRACT (stable, other stages rely on it): the dataclasses below and ``read(path) -> Plan``.
All ``start``/``end`` values are character offsets into ``Plan.text`` (the normalised text),
half-open ``[start, end)``.  ``Plan.page_at(offset)`` and ``Plan.line_at(offset)`` map back to the
printed page and the 1-based source line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PlanMeta:
    """Who issued the plan and which plan it is."""

    issuer: str  # official full name, e.g. "鄂尔多斯市", "乌拉特后旗", "呼和浩特市新城区"
    issuer_level: str  # "league" (盟/地级市) | "banner" (旗/县/县级市) | "district" (市辖区)
    parent: str | None  # parent unit's full name, e.g. "巴彦淖尔市"; None for a league/city
    kind: str  # "14th" | "15th"
    vision_2035: bool  # "…和二〇三五年远景目标纲要"
    period: tuple[int, int]  # (2021, 2025) or (2026, 2030)
    title: str  # the plan's full title, as printed or inferred
    published: str | None = None  # "2026-03" / "2021-03" where printed
    title_inferred: bool = False  # True when the title came from a body sentence


@dataclass(frozen=True)
class Section:
    """One heading of the outline."""

    level: str  # "part" 篇 | "chapter" 章 | "section" 节 | "item" 一、 | "subitem" （一）
    number: str  # "3" (arabic, from 第三章 / 三、 / （三）)
    title: str
    start: int  # offset of the heading in Plan.text
    end: int  # end of the section's body (next heading of same or higher level)
    page: int | None = None


@dataclass(frozen=True)
class BoxItem:
    """One item of a 专栏 box: a line, a bullet or a table cell."""

    number: int  # 1-based position in the box
    text: str
    start: int
    end: int
    page: int | None = None
    label: str | None = None  # leading label such as "干线铁路" in "干线铁路。建成…" or "外送通道项目："


@dataclass(frozen=True)
class Box:
    """A 专栏 box: number ("3", "4-1"), title and items."""

    number: str
    title: str
    items: tuple[BoxItem, ...]
    start: int
    end: int
    page: int | None = None
    is_table: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph (never a heading, a box or the table of contents)."""

    text: str
    start: int
    end: int
    page: int | None = None


@dataclass
class Plan:
    """A read plan. ``text`` is the normalised body text; everything else points into it."""

    path: Path
    meta: PlanMeta
    text: str
    sections: list[Section] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The file's name (the ``plan`` column of every output)."""
        return self.path.name

    def page_at(self, offset: int) -> int | None:  # pragma: no cover - implemented by the reader
        raise NotImplementedError

    def line_at(self, offset: int) -> int:  # pragma: no cover - implemented by the reader
        raise NotImplementedError

    def outline_at(self, offset: int) -> dict[str, Section]:  # pragma: no cover
        """The innermost section of each level containing ``offset`` (keys: part/chapter/section/…)."""
        raise NotImplementedError

    def box_at(self, offset: int) -> Box | None:  # pragma: no cover
        raise NotImplementedError


def read(path: str | Path) -> Plan:  # pragma: no cover - implemented in the plan-reader issue
    """Read a .txt/.md/.pdf/.docx plan into a :class:`Plan`."""
    raise NotImplementedError
