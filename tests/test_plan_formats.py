"""Other encodings and formats read back to the same structure as the UTF-8 original.

GB18030 / UTF-16 / UTF-8-BOM copies of a reference plan, and a PDF (text layer) and a DOCX made
from one of its chapters inside the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geoplan.read.model import Plan
from geoplan.read.plan import read

#: The reference plan used for the format round trips (lists, a table box, 一、 headings).
PLAN_KEY = "002"
CHAPTER_START, CHAPTER_END = "第三章 生态文明", "第四章 产业发展"


@pytest.fixture(scope="module")
def original(plan_files: list[Path], shipped_gazetteer) -> Plan:
    return read(next(p for p in plan_files if p.name.startswith(PLAN_KEY)), shipped_gazetteer)


def _outline(plan: Plan, start: int = 0, end: int | None = None) -> list[tuple[str, str, str]]:
    end = len(plan.text) if end is None else end
    return [(s.level, s.number, s.title) for s in plan.sections if start <= s.start < end]


def _boxes(plan: Plan, start: int = 0, end: int | None = None) -> list[tuple[str, str, list[str]]]:
    end = len(plan.text) if end is None else end
    return [(b.number, b.title, [i.text for i in b.items]) for b in plan.boxes if start <= b.start < end]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-16-be", "utf-8-sig", "utf-16-le"])
def test_other_encodings_read_the_same(
    original: Plan, tmp_path: Path, encoding: str, shipped_gazetteer
) -> None:
    text = original.path.read_text(encoding="utf-8")
    data = text.encode(encoding, errors="strict")
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # UTF-16 with a big-endian byte-order mark
    copy = tmp_path / f"copy-{encoding}.txt"
    copy.write_bytes(data)
    plan = read(copy, shipped_gazetteer)
    expected = {"gbk": "gb18030", "utf-16-be": "utf-16", "utf-8-sig": "utf-8-sig"}.get(encoding, encoding)
    assert plan.encoding == expected
    assert plan.warnings == (
        ["UTF-16 text without a byte-order mark, read as utf-16-le"] if encoding == "utf-16-le" else []
    )
    assert plan.text == original.text
    assert _outline(plan) == _outline(original)
    assert _boxes(plan) == _boxes(original)
    assert plan.meta == original.meta


def test_utf8_is_reported_and_gb18030_detected(original: Plan, tmp_path: Path) -> None:
    assert original.encoding == "utf-8"
    copy = tmp_path / "plan.md"
    copy.write_bytes(original.path.read_text(encoding="utf-8").encode("gb18030"))
    assert read(copy).encoding == "gb18030"


def _chapter_lines(original: Plan) -> tuple[list[str], int, int]:
    """Source lines of one body chapter (after the TOC), and its span in the original's text."""
    source = original.path.read_text(encoding="utf-8").split("\n")
    first = [i for i, line in enumerate(source) if line.startswith(CHAPTER_START)][-1]
    last = [i for i, line in enumerate(source) if line.startswith(CHAPTER_END)][-1]
    start = next(
        s.start for s in original.sections if s.start >= original.body_start and s.title == "生态文明"
    )
    end = next(s.start for s in original.sections if s.start > start and s.title == "产业发展")
    return [line.strip() for line in source[first:last] if line.strip()], start, end


def _title(original: Plan) -> str:
    return original.meta.title


def _make_pdf(path: Path, title: str, lines: list[str]) -> None:
    """A text PDF (CID font, no embedding) with '- N -' page numbers in the footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cjk", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")

    def footer(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 20, f"- {doc.page} -")

    flow = [Paragraph(title, style)]
    for line in lines:
        if set(line) <= set("|- "):
            continue  # markdown table scaffolding
        text = re.sub(r"^- ", "", line.strip("| ").strip())
        flow.append(Paragraph(text, style))
    SimpleDocTemplate(str(path), pagesize=A4).build(flow, onFirstPage=footer, onLaterPages=footer)


def test_pdf_reads_to_the_same_sections(original: Plan, tmp_path: Path) -> None:
    lines, start, end = _chapter_lines(original)
    pdf = tmp_path / "chapter.pdf"
    _make_pdf(pdf, _title(original), lines)
    plan = read(pdf)
    assert plan.encoding is None
    assert _outline(plan) == _outline(original, start, end)
    assert [(n, t, items) for n, t, items in _boxes(plan)] == _boxes(original, start, end)
    assert plan.meta.issuer == original.meta.issuer and plan.meta.kind == original.meta.kind
    # page numbers are dropped from the text but known for every offset
    assert not re.search(r"^- ?\d+ ?-$", plan.text, re.M)
    pages = {plan.page_at(p.start) for p in plan.paragraphs}
    assert pages >= {1, 2} and None not in pages
    assert (
        plan.page_at(plan.sections[-1].start) == max(pages) or plan.page_at(plan.sections[-1].start) in pages
    )
    # paragraphs wrapped by the PDF layout come back whole
    original_paragraphs = {p.text for p in original.paragraphs if start <= p.start < end}
    pdf_paragraphs = {p.text for p in plan.paragraphs}
    assert len(original_paragraphs & pdf_paragraphs) >= 0.9 * len(original_paragraphs)


def test_docx_reads_to_the_same_sections(original: Plan, tmp_path: Path) -> None:
    import docx

    lines, start, end = _chapter_lines(original)
    document = docx.Document()
    document.add_paragraph(_title(original))
    rows: list[str] = []

    def flush_table() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=1)
            for row, text in zip(table.rows, rows, strict=True):
                row.cells[0].text = text
            rows.clear()

    for line in lines:
        if line.startswith(("|", "- |")):
            cell = line.strip("-| ").strip()
            if cell and not set(cell) <= set("-|"):
                rows.append(cell)
            continue
        flush_table()
        document.add_paragraph(line)
    flush_table()
    path = tmp_path / "chapter.docx"
    document.save(str(path))
    plan = read(path)
    assert _outline(plan) == _outline(original, start, end)
    assert _boxes(plan) == _boxes(original, start, end)
    assert any(box.is_table for box in plan.boxes)
    assert plan.meta.title == original.meta.title
