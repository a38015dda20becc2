"""The plan's structure: outline (篇/章/节/一、/（一）), 专栏 boxes with their items, paragraphs.

Works on the logical lines of :mod:`geoplan.read.textnorm`.  Box ends are the hard part: a box is
rarely closed by a marker, so it ends at the next heading or box, at the end of its table, or
where body prose resumes — detected as the first line whose *item style* (``1、``, ``（一）``,
``label：``, ``label。``, plain) differs from the style of the box's first item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from geoplan.geocode.lexicon import alternation, words
from geoplan.read.model import Box, BoxItem, Paragraph, Section
from geoplan.read.textnorm import (
    BOX_RE,
    CN_NUM,
    HEADING_RE,
    ITEM_HEADING_RE,
    SUBITEM_HEADING_RE,
    Line,
    NormText,
    cn_to_int,
    ends_sentence,
    is_minor_heading,
    is_title_line,
    label_period,
)

LEVELS = ("part", "chapter", "section", "item", "subitem")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}
_KIND_LEVEL = {"篇": "part", "部分": "part", "章": "chapter", "节": "section"}

_ENUM_RE = re.compile(r"^[0-9０-９]{1,3}\s*[、.．](?!\d)\s*")
_PAREN_RE = re.compile(rf"^[（(]\s*(?:[0-9０-９]{{1,3}}|[{CN_NUM}]{{1,4}})\s*[)）]\s*")
_CNENUM_RE = re.compile(rf"^[{CN_NUM}]{{1,3}}\s*、\s*")
_CIRCLED_RE = re.compile(r"^[①-⑳]\s*")
_BULLET_RE = re.compile(r"^[●◆■□▲◇○★☆•·▪►➤]\s*")
_COLON_LABEL_RE = re.compile(r"^(?P<label>[^，。；：:\s]{2,24})[:：]\s*")


@cache
def _note() -> re.Pattern[str]:
    """A note under a table or box: '注：', '（资料来源…' (``gazetteer/lexicon/note_words.txt``)."""
    return re.compile(rf"^[（(]?\s*(?:{alternation('note_words')})\s*[:：①]?")


@cache
def _indicator_title() -> re.Pattern[str]:
    """A box title of an indicator table (``box_indicator_title_words.txt``, shared with the project extractor)."""
    return re.compile(alternation("box_indicator_title_words"))


@cache
def _label_column() -> re.Pattern[str]:
    """The header cell of a table's name column (``gazetteer/lexicon/label_column_words.txt``)."""
    return re.compile(alternation("label_column_words"))


@dataclass(frozen=True)
class ItemStyle:
    """How an item line starts: its style, the item text (without enumerator) and its label."""

    style: str  # "enum" | "paren" | "cnenum" | "circled" | "bullet" | "colon" | "period" | "plain"
    text_offset: int  # characters of enumerator skipped
    label: str | None
    label_only: bool  # the line is just 'label。' / 'label：' (its text follows on the next line)


def item_style(text: str) -> ItemStyle:
    """Classify an item line."""
    for style, pattern in (
        ("enum", _ENUM_RE),
        ("paren", _PAREN_RE),
        ("cnenum", _CNENUM_RE),
        ("circled", _CIRCLED_RE),
        ("bullet", _BULLET_RE),
    ):
        m = pattern.match(text)
        if m:
            rest = text[m.end() :]
            label_match = _COLON_LABEL_RE.match(rest) or label_period(rest)
            label = label_match.group("label") if label_match else None
            label_only = bool(label_match) and not rest[label_match.end() :].strip()
            return ItemStyle(style, m.end(), label, label_only)
    m = _COLON_LABEL_RE.match(text)
    if m:
        return ItemStyle("colon", 0, m.group("label"), not text[m.end() :].strip())
    m = label_period(text)
    if m:
        return ItemStyle("period", 0, m.group("label"), not text[m.end() :].strip())
    return ItemStyle("plain", 0, None, False)


# --------------------------------------------------------------------------- outline


@dataclass
class Structure:
    """Result of :func:`parse_structure`."""

    sections: list[Section]
    boxes: list[Box]
    paragraphs: list[Paragraph]
    body_start: int
    toc_span: tuple[int, int] | None


def _heading(line: Line) -> tuple[str, str, str] | None:
    """(level, number, title) of a heading line."""
    text = line.text
    m = HEADING_RE.match(text)
    if m:
        number = cn_to_int(m.group("num"))
        return (
            _KIND_LEVEL[m.group("kind")],
            str(number) if number is not None else m.group("num"),
            (m.group("title") or "").strip(),
        )
    if is_minor_heading(text):
        m = ITEM_HEADING_RE.match(text)
        level = "item"
        if not m:
            m = SUBITEM_HEADING_RE.match(text)
            level = "subitem"
        number = cn_to_int(m.group("num"))
        return level, str(number) if number is not None else m.group("num"), m.group("title").strip()
    return None


def parse_structure(norm: NormText, toc_pages: dict[str, int] | None = None) -> Structure:
    """Sections, boxes and paragraphs of normalised text."""
    lines = norm.lines
    text_length = len(norm.text)
    toc_lines = [line for line in lines if line.kind == "toc"]
    toc_span = (toc_lines[0].start, toc_lines[-1].end) if toc_lines else None
    body_lines = [line for line in lines if line.kind in ("text", "table")]
    body_start = body_lines[0].start if body_lines else text_length
    toc_pages = toc_pages or {}

    headings: list[tuple[Line, str, str, str]] = []
    boxes: list[Box] = []
    paragraphs: list[Paragraph] = []
    index = 0
    while index < len(body_lines):
        line = body_lines[index]
        if line.kind == "text" and BOX_RE.match(line.text):
            box, index = _parse_box(body_lines, index, norm)
            boxes.append(box)
            continue
        if line.kind == "table":
            start_index = index
            caption = None
            if paragraphs and index > 0 and body_lines[index - 1].kind == "text":
                previous = body_lines[index - 1]
                if paragraphs[-1].start == previous.start and _is_caption(previous.text):
                    caption = previous
                    paragraphs.pop()
            box, index = _parse_table_box(body_lines, start_index, norm, caption=caption)
            boxes.append(box)
            continue
        heading = _heading(line)
        if heading:
            headings.append((line, *heading))
        elif not is_title_line(line.text):
            paragraphs.append(Paragraph(line.text, line.start, line.end, norm.page_at(line.start)))
        index += 1

    # A section ends at the next heading of the same or a higher level: one pass with a stack of the
    # open sections (ranks rising from the bottom) keeps this linear in the number of headings.
    ends = [text_length] * len(headings)
    open_sections: list[int] = []
    for position, (line, level, _, _) in enumerate(headings):
        while open_sections and _RANK[headings[open_sections[-1]][1]] >= _RANK[level]:
            ends[open_sections.pop()] = line.start
        open_sections.append(position)
    sections: list[Section] = []
    for (line, level, number, title), end in zip(headings, ends, strict=True):
        page = norm.page_at(line.start)
        if page is None:
            page = toc_pages.get(line.text.replace(" ", ""))
        sections.append(Section(level, number, title, line.start, end, page))
    return Structure(sections, boxes, paragraphs, body_start, toc_span)


def _is_caption(text: str) -> bool:
    return len(text) <= 60 and "。" not in text and not HEADING_RE.match(text)


# --------------------------------------------------------------------------- boxes


def _box_number_title(text: str) -> tuple[str, str]:
    m = BOX_RE.match(text)
    assert m is not None
    number = re.sub(r"\s*[-－—–.．]\s*", "-", m.group("num"))
    number = number.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    title = m.group("title").strip().strip("：:").strip()
    return number, title


def _parse_box(lines: list[Line], index: int, norm: NormText) -> tuple[Box, int]:
    """A box starting at a '专栏 N 标题' text line; returns the box and the next line index."""
    head = lines[index]
    number, title = _box_number_title(head.text)
    index += 1
    if not title and index < len(lines) and lines[index].kind == "text" and _is_caption(lines[index].text):
        if not BOX_RE.match(lines[index].text) and not HEADING_RE.match(lines[index].text):
            title = lines[index].text
            index += 1
    if index < len(lines) and lines[index].kind == "table":
        box, index = _parse_table_box(lines, index, norm, head=head, number=number, title=title)
        return box, index
    items: list[BoxItem] = []
    style: ItemStyle | None = None
    previous_label_only = False
    end = head.end
    while index < len(lines):
        line = lines[index]
        if (
            line.kind != "text"
            or BOX_RE.match(line.text)
            or HEADING_RE.match(line.text)
            or is_title_line(line.text)
        ):
            break
        current = item_style(line.text)
        if is_minor_heading(line.text) and not (
            (style is None and current.style in ("paren", "cnenum"))
            or (style and current.style == style.style)
        ):
            break
        if _note().match(line.text) and items:
            end = line.end
            index += 1
            continue
        continuation = bool(items) and (
            previous_label_only
            or (
                not ends_sentence(items[-1].text) and (current.style == "plain" or _describes(style, current))
            )
        )
        if style is None:
            style = current
        elif current.style != style.style and not continuation:
            break
        if continuation and current.style != style.style:
            last = items[-1]  # description of a 'label。' item: extend it
            items[-1] = BoxItem(
                last.number, norm.text[last.start : line.end], last.start, line.end, last.page, last.label
            )
        else:
            text_start = line.start + current.text_offset
            items.append(
                BoxItem(
                    len(items) + 1,
                    norm.text[text_start : line.end],
                    text_start,
                    line.end,
                    norm.page_at(text_start),
                    current.label,
                )
            )
        previous_label_only = current.label_only
        end = line.end
        index += 1
    return Box(
        number, title, tuple(items), head.start, end, norm.page_at(head.start), False, _box_kind(title)
    ), index


_ENUMERATED = ("enum", "paren", "cnenum", "circled", "bullet")


def _describes(style: ItemStyle | None, current: ItemStyle) -> bool:
    """An unnumbered line under a numbered item title ('（一）某工程' then '新建….') describes it."""
    return style is not None and style.style in _ENUMERATED and current.style not in _ENUMERATED


def _box_kind(title: str) -> str:
    return "indicators" if _indicator_title().search(title) else "box"


def _parse_table_box(
    lines: list[Line],
    index: int,
    norm: NormText,
    *,
    head: Line | None = None,
    number: str = "",
    title: str = "",
    caption: Line | None = None,
) -> tuple[Box, int]:
    """A table (with or without a 专栏 heading): one item per cell (one-column) or per data row."""
    rows: list[Line] = []
    while index < len(lines) and lines[index].kind == "table":
        rows.append(lines[index])
        index += 1
    if head is None and rows:
        first = rows[0].text.strip("\t")
        if BOX_RE.match(first):  # '| 专栏1 标题 | | |' as the first row
            head = rows.pop(0)
            number, title = _box_number_title(first)
    if head is None and caption is not None:
        head, title = caption, caption.text
    if (
        head is None
        and rows
        and len([cell for cell in rows[0].cells if cell]) == 1
        and _is_caption(rows[0].text.strip())
    ):
        head = rows.pop(0)
        title = head.text.strip("\t")
    end = rows[-1].end if rows else (head.end if head else 0)
    notes = 0
    while (
        index < len(lines) and notes < 2 and lines[index].kind == "text" and _note().match(lines[index].text)
    ):
        end = lines[index].end
        index += 1
        notes += 1
    items: list[BoxItem] = []
    single_column = all(len([cell for cell in row.cells if cell]) <= 1 for row in rows)
    label_column: int | None = None
    for row in rows:
        filled = [cell for cell in row.cells if cell]
        if not filled or _note().match(filled[0]):
            continue
        if _is_header_row(filled):
            if label_column is None:
                label_column = next(
                    (position for position, cell in enumerate(row.cells) if _label_column().search(cell)),
                    None,
                )
            continue
        if single_column:
            cell = filled[0]
            offset = row.text.find(cell)
            style = item_style(cell)
            start = row.start + offset + style.text_offset
            items.append(
                BoxItem(
                    len(items) + 1,
                    norm.text[start : row.start + offset + len(cell)],
                    start,
                    row.start + offset + len(cell),
                    norm.page_at(start),
                    style.label,
                )
            )
            continue
        if len(filled) == 1:
            continue  # a group row such as '► 经济发展'
        label = None
        if label_column is not None and label_column < len(row.cells) and row.cells[label_column]:
            label = _strip_row_number(row.cells[label_column])
        items.append(
            BoxItem(
                len(items) + 1,
                row.text,
                row.start,
                row.end,
                norm.page_at(row.start),
                label or _row_label(row.cells),
            )
        )
    start = head.start if head else (rows[0].start if rows else 0)
    box = Box(
        number,
        title,
        tuple(items),
        start,
        end,
        norm.page_at(start),
        True,
        _box_kind(title) if title else "table",
    )
    return box, index


def _is_header_row(cells: list[str]) -> bool:
    hits = sum(
        1
        for cell in cells
        if cell.replace(" ", "") in words("table_header_words") or cell.startswith(("20", "年均"))
    )
    return hits >= 2 and not any(cell.isdigit() for cell in cells[:2])


def _row_label(cells: tuple[str, ...]) -> str | None:
    """The indicator/project name of a table row: the cell after the row number, or the first text cell."""
    filled = [cell for cell in cells if cell]
    for position, cell in enumerate(filled[:2]):
        if cell.isdigit() and position + 1 < len(filled):
            return filled[position + 1]
    for cell in filled:
        stripped = _strip_row_number(cell)
        if re.search(r"[\u4e00-\u9fff]{2}", stripped):
            return stripped
    return None


def _strip_row_number(cell: str) -> str:
    return re.sub(r"^(?:[（(]\d+[)）]|\d+[.．、])\s*", "", cell).strip()
