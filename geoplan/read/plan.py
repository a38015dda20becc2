"""Reading a plan file: ``read(path) -> Plan`` (decoding in ``textnorm``, outline in ``outline``, metadata in
``meta``; the dataclasses in ``model``)."""

from __future__ import annotations

import io
import logging
import warnings as pywarnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geoplan.errors import LimitError, PlanReadError
from geoplan.limits import Deadline, check_pages, check_size, check_zip
from geoplan.read.meta import AdminIndex, build_meta
from geoplan.read.model import Plan
from geoplan.read.outline import parse_structure
from geoplan.read.textnorm import decode_bytes, normalise


def read(path: str | Path, admin: AdminIndex | None = None) -> Plan:
    """Read a .txt/.md/.pdf/.docx plan into a :class:`Plan`.

    ``admin`` (the gazetteer) supplies the league of a banner plan that does not print it.

    Raises :class:`geoplan.errors.PlanReadError` (an ``InputError``) for a missing, empty, binary,
    undecodable or unsupported file.
    """
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
    meta = build_meta(front, body, warnings, admin)
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

    # imported here, not at the top: pypdf loads only for PDF plans
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

    # imported here, not at the top: python-docx loads only for Word plans
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
