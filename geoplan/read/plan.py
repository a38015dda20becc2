"""The plan model: a plan file becomes a :class:`Plan` (metadata, outline, boxes, paragraphs).

CONTRACT (stable, other stages rely on it): the dataclasses below and ``read(path) -> Plan``.
All ``start``/``end`` values are character offsets into ``Plan.text`` (the normalised text),
half-open ``[start, end)``.  ``Plan.page_at(offset)`` and ``Plan.line_at(offset)`` map back to the
printed page and the 1-based source line.

``Plan.text`` holds the title block and the table of contents too: the body starts at
``Plan.body_start`` (``Plan.toc_span`` is the TOC).  Sections, boxes and paragraphs are body only.
Boxes include every table: ``Box.kind`` is "box" (专栏), "indicators" (主要指标 tables — metadata,
not projects) or "table" (any other table); tables without a 专栏 heading have ``number == ""``.
The reader lives in :func:`read` (helpers in textnorm, outline, planmeta).
"""

from __future__ import annotations

import logging
import warnings as pywarnings
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geoplan.errors import LimitError, PlanReadError
from geoplan.limits import Deadline, check_pages, check_size, check_zip
from geoplan.read.textnorm import decode_bytes


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


def read(path: str | Path) -> Plan:
    """Read a .txt/.md/.pdf/.docx plan into a :class:`Plan`.

    Raises :class:`geoplan.errors.PlanReadError` (an ``InputError``) for a missing, empty, binary,
    undecodable or unsupported file.
    """
    from geoplan.read.meta import build_meta
    from geoplan.read.outline import parse_structure
    from geoplan.read.textnorm import normalise

    path = Path(path)
    raw, encoding = load_text(path)
    norm = normalise(raw, encoding=encoding)
    body = [line for line in norm.lines if line.kind in ("text", "table")]
    if not body:
        raise PlanReadError(path, "no body text (only a title block or table of contents)")
    toc_pages = {
        line.text.replace(" ", ""): line.page for line in norm.lines if line.kind == "toc" and line.page
    }
    structure = parse_structure(norm, toc_pages)
    warnings: list[str] = []
    if encoding in ("utf-16-le", "utf-16-be"):
        warnings.append(f"UTF-16 text without a byte-order mark, read as {encoding}")
    elif encoding and encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030"):
        warnings.append(f"text encoding {encoding} was detected statistically (charset-normalizer)")
    front = [line for line in norm.lines if line.kind == "front"]
    meta = build_meta(front, body, warnings)
    if not structure.sections:
        warnings.append("no headings (篇/章/节) found")
    return Plan(
        path=path,
        meta=meta,
        text=norm.text,
        sections=structure.sections,
        boxes=structure.boxes,
        paragraphs=structure.paragraphs,
        encoding=encoding,
        body_start=structure.body_start,
        toc_span=structure.toc_span,
        warnings=warnings,
        norm=norm,
    )


# --------------------------------------------------------------------------- files

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


def load_text(path: Path) -> tuple[str, str | None]:
    """Raw text of a plan file and the text encoding (None for PDF/DOCX).

    PDF pages are separated by form feeds; DOCX tables become markdown rows.
    """
    try:
        if "\x00" in str(path):
            raise ValueError("NUL in a file name")
        exists = path.exists()
    except (OSError, ValueError):  # a NUL in the name, a name too long
        raise PlanReadError(str(path).replace("\x00", "\\x00"), "not a usable file name") from None
    if not exists:
        raise PlanReadError(
            path, "a broken or looping symbolic link" if path.is_symlink() else "no such file"
        )
    if path.is_dir():
        raise PlanReadError(path, "is a directory, not a plan file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(no extension)"
        raise PlanReadError(path, f"unsupported file type {shown}; use {', '.join(SUPPORTED_SUFFIXES)}")
    kind = _LIMIT_KINDS[suffix]
    try:
        check_size(path, kind)  # before reading: a huge file is refused unread
        data = path.read_bytes()
        if kind == "docx" and data.strip():
            check_zip(data, kind, name=path.name)  # before parsing: a zip bomb is refused uninflated
    except LimitError as error:
        raise PlanReadError(path, error.reason) from None
    except OSError as error:
        raise PlanReadError(path, f"cannot read: {error.strerror or error}") from None
    if not data.strip():
        raise PlanReadError(path, "empty file")
    if suffix == ".pdf":
        return _pdf_text(path, data), None
    if suffix == ".docx":
        return _docx_text(path, data), None
    return decode_bytes(data, path)


#: the :data:`geoplan.limits.LIMITS` kind of each plan file type
_LIMIT_KINDS = {".txt": "text", ".md": "text", ".pdf": "pdf", ".docx": "docx"}


@contextmanager
def _quiet_library(name: str) -> Iterator[None]:
    """Keep a library's log records and warnings below errors off the terminal while it runs."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _pdf_text(path: Path, data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.startswith(b"%PDF"):
        raise PlanReadError(path, "not a PDF file (no %PDF header)")
    try:
        with _quiet_library("pypdf"):  # 'EOF marker not found' and such stay off the terminal
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise PlanReadError(path, "encrypted PDF")
            check_pages(len(reader.pages), "pdf", name=path.name)
            deadline = Deadline("pdf", name=path.name)
            pages = []
            for page in reader.pages:
                deadline.check()
                pages.append(page.extract_text() or "")
    except LimitError as error:
        raise PlanReadError(path, error.reason) from None
    except PlanReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise PlanReadError(path, f"unreadable PDF ({type(error).__name__}: {error})") from None
    if not any(page.strip() for page in pages):
        raise PlanReadError(path, "PDF has no text layer (a scan?); only text PDFs can be read")
    return "\f".join(pages)


def _docx_text(path: Path, data: bytes) -> str:
    import io
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise PlanReadError(path, f"unreadable DOCX ({type(error).__name__})") from None
    out: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(DocxParagraph(child, document).text)
            out.append("")
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                previous = None
                for cell in row.cells:
                    if cell._tc is previous:  # merged cell repeated by python-docx
                        continue
                    previous = cell._tc
                    cells.append(cell.text.replace("\n", " ").replace("|", "｜").strip())
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
    text = "\n".join(out)
    if not text.strip():
        raise PlanReadError(path, "DOCX has no text")
    return text
