"""Size limits before parsing (geoplan.limits): zip bombs, huge files, too many pages or parts."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoplan import limits
from geoplan.cli import cli
from geoplan.errors import InputError, LimitError, PlanReadError
from geoplan.limits import Limits, check_pages, check_size, check_zip
from geoplan.read.plan import read

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_bomb(expanded: int = 64 * 1024 * 1024) -> bytes:
    """A small .docx whose document.xml expands to ``expanded`` bytes of one repeated character."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(expanded // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "规划.docx"
    path.write_bytes(docx_bomb())
    assert path.stat().st_size < 200_000  # small on disk, 64 MB inflated
    return path


def test_a_docx_bomb_is_refused_before_it_is_inflated(bomb: Path) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(PlanReadError, match="expands .*-fold.*zip bomb") as caught:
            read(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"{peak / 1e6:.0f} MB allocated: the bomb was inflated"
    assert "\n" not in str(caught.value)


def test_the_cli_says_one_line_and_exits_2(bomb: Path) -> None:
    result = CliRunner().invoke(cli, ["plan", "info", str(bomb)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "zip bomb" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("what", "limit", "message"),
    [
        ("members", Limits(max_bytes=10**9, max_members=10), "11 parts, more than the 10"),
        ("expanded", Limits(max_bytes=10**9, max_expanded=1000), "expands to .* more than"),
        ("compressed", Limits(max_bytes=100), "larger than the 100 bytes"),
    ],
)
def test_each_zip_limit(what: str, limit: Limits, message: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number in range(11):
            archive.writestr(f"part{number}.xml", "数据" * 100)
    with pytest.raises(LimitError, match=message) as caught:
        check_zip(buffer.getvalue(), "xlsx", name="/srv/upload/table.xlsx", limits=limit)
    assert "/srv" not in str(caught.value)  # the file's name, never its folder
    assert isinstance(caught.value, InputError)


def test_a_sound_zip_passes_and_is_summarised() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", "内蒙古" * 1000)
    summary = check_zip(buffer.getvalue(), "shp-zip")
    assert summary.members == 1 and summary.expanded == len("内蒙古".encode()) * 1000


def test_not_a_zip_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 but nothing else")
    with pytest.raises(PlanReadError, match="not a readable DOCX"):
        read(path)


def test_every_kind_has_limits() -> None:
    for kind, limit in limits.LIMITS.items():
        assert limit.max_bytes > 0, kind
    with pytest.raises(ValueError, match="no limits for input kind"):
        limits.limits_for("tarball")


def test_a_text_larger_than_its_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(limits.LIMITS, "text", Limits(max_bytes=1000))
    path = tmp_path / "plan.txt"
    path.write_text("第一章 总则\n推进建设。\n" * 200, encoding="utf-8")
    with pytest.raises(PlanReadError, match="larger than the 1000 bytes"):
        read(path)
    assert check_size(b"x" * 10, "text") == 10


def test_a_pdf_with_too_many_pages_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=200, height=200)
    path = tmp_path / "plan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    monkeypatch.setitem(limits.LIMITS, "pdf", Limits(max_bytes=10**9, max_pages=2))
    with pytest.raises(PlanReadError, match="3 pages, more than the 2"):
        read(path)
    with pytest.raises(LimitError, match="plan.pdf: 9 pages"):
        check_pages(9, "pdf", name="/tmp/x/plan.pdf", limits=Limits(max_bytes=1, max_pages=8))
