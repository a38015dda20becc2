"""The plan model: what a read plan is (metadata, outline, 专栏 boxes, paragraphs).

CONTRACT (stable, other stages rely on it): the dataclasses below.  All ``start``/``end`` values are character
offsets into ``Plan.text`` (the normalised text), half-open ``[start, end)``.  ``Plan.page_at(offset)`` and
``Plan.line_at(offset)`` map back to the printed page and the 1-based source line.

``Plan.text`` holds the title block and the table of contents too: the body starts at ``Plan.body_start``
(``Plan.toc_span`` is the TOC).  Sections, boxes and paragraphs are body only.  Boxes include every table:
``Box.kind`` is "box" (专栏), "indicators" (主要指标 tables — metadata, not projects) or "table" (any other
table); tables without a 专栏 heading have ``number == ""``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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
    kind: str = (
        "box"  # "box" | "indicators" (主要指标 tables: metadata, not projects) | "table" (unnamed table)
    )


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
    encoding: str | None = None  # how a text file was decoded ("utf-8", "gb18030", ...); None for PDF/DOCX
    body_start: int = 0  # offset where the body begins (after the title block and the table of contents)
    toc_span: tuple[int, int] | None = None  # [start, end) of the table of contents in ``text``
    warnings: list[str] = field(default_factory=list)  # what could not be determined, in words
    norm: Any = field(default=None, repr=False, compare=False)  # geoplan.read.textnorm.NormText (offset maps)

    @property
    def name(self) -> str:
        """The file's name (the ``plan`` column of every output)."""
        return self.path.name

    def page_at(self, offset: int) -> int | None:
        """Printed page number at ``offset`` (None where no page number is printed)."""
        return self.norm.page_at(offset) if self.norm is not None else None

    def line_at(self, offset: int) -> int:
        """1-based line of the source file (text files; extracted text for PDF/DOCX) at ``offset``."""
        return self.norm.line_at(offset) if self.norm is not None else 1

    def outline_at(self, offset: int) -> dict[str, Section]:
        """The innermost section of each level containing ``offset`` (keys: part/chapter/section/…)."""
        index = self._section_index()
        found: dict[str, Section] = {}
        for level, (starts, sections) in index.items():
            position = bisect_right(starts, offset) - 1
            if position >= 0 and sections[position].start <= offset < sections[position].end:
                found[level] = sections[position]
        return found

    def box_at(self, offset: int) -> Box | None:
        """The 专栏 box (or table) containing ``offset``, if any."""
        cached = self.__dict__.get("_box_starts")
        if cached is None or cached[0] is not self.boxes or cached[1] != len(self.boxes):
            cached = (self.boxes, len(self.boxes), [box.start for box in self.boxes])
            self.__dict__["_box_starts"] = cached  # one list per plan: lookups stay logarithmic
        position = bisect_right(cached[2], offset) - 1
        if position >= 0 and self.boxes[position].start <= offset < self.boxes[position].end:
            return self.boxes[position]
        return None

    def _section_index(self) -> dict[str, tuple[list[int], list[Section]]]:
        cached = self.__dict__.get("_sections_by_level")
        if cached is None or cached[0] is not self.sections or cached[1] != len(self.sections):
            by_level: dict[str, list[Section]] = {}
            for section in self.sections:
                by_level.setdefault(section.level, []).append(section)
            index = {level: ([s.start for s in items], items) for level, items in by_level.items()}
            cached = (self.sections, len(self.sections), index)
            self.__dict__["_sections_by_level"] = cached
        return cached[2]
