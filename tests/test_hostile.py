"""Hostile input: nothing a file or a user does brings geoplan down, and no plan text runs anywhere.

Every case ends in a result or in one line (an InputError, exit code 2): NUL bytes, mixed
encodings, scanned PDFs, symlink loops, ``../`` and CJK paths, markup and ``javascript:`` in plan
text; and a bounded fuzz test over reader → geoparser → features.
"""

from __future__ import annotations

import io
import json
import os
import random
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoplan.atlas.build import build_plan
from geoplan.atlas.schema import read_atlas
from geoplan.cli import cli
from geoplan.errors import PlanReadError
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import geoparse
from geoplan.layers import load_layers
from geoplan.output import webmap
from geoplan.output.export import export_bytes
from geoplan.read.plan import read

SCRIPT = "<script>alert('x')</script>"
JS_URL = "javascript:alert(1)"
HOSTILE_LINE = f"建设包头{SCRIPT}风电基地项目，{JS_URL}。\n"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def plan_text(plan_files: list[Path]) -> str:
    return plan_files[1].read_text(encoding="utf-8")


def read_or_line(path: Path):
    """The plan at ``path``, or its one-line PlanReadError."""
    try:
        return read(path)
    except PlanReadError as error:
        assert "\n" not in str(error)
        return error


# --------------------------------------------------------------------------- bytes


@pytest.mark.parametrize("where", [0, 0.25, 0.5, 0.999])
def test_a_nul_byte_anywhere_never_reaches_the_text(tmp_path: Path, plan_text: str, where: float) -> None:
    data = plan_text.encode("utf-8")
    cut = int(len(data) * where)
    while cut < len(data) and (data[cut] & 0xC0) == 0x80:  # between characters
        cut += 1
    path = tmp_path / "plan.txt"
    path.write_bytes(data[:cut] + b"\x00" + data[cut:])
    result = read_or_line(path)
    if not isinstance(result, PlanReadError):
        assert "\x00" not in result.text and result.paragraphs


def test_many_nul_bytes_are_binary(tmp_path: Path, plan_text: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(plan_text.encode("utf-8").replace("。".encode(), "。".encode() + b"\x00\x00"))
    assert isinstance(read_or_line(path), PlanReadError)


def test_mixed_encodings(tmp_path: Path, plan_text: str) -> None:
    half = len(plan_text) // 2
    path = tmp_path / "mixed.txt"
    path.write_bytes(plan_text[:half].encode("utf-8") + plan_text[half:].encode("gb18030"))
    result = read_or_line(path)
    if not isinstance(result, PlanReadError):
        assert "\ufffd" not in result.text[:100] and result.meta.issuer


def test_a_pdf_without_a_text_layer(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(PlanReadError, match="no text layer"):
        read(path)


# --------------------------------------------------------------------------- paths


def test_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(PlanReadError, match="looping symbolic link"):
        read(tmp_path / "a.txt")
    result = CliRunner().invoke(cli, ["plan", "info", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert all(line.startswith("Error: ") for line in result.output.strip().splitlines())


def test_a_nul_in_a_file_name() -> None:
    with pytest.raises(PlanReadError, match="not a usable file name"):
        read(Path("plan\x00.txt"))


def test_dotdot_and_cjk_paths(tmp_path: Path, plan_files: list[Path]) -> None:
    folder = tmp_path / "规划 文件夹" / "子目录"
    folder.mkdir(parents=True)
    plan = folder / "鄂尔多斯 规划（2021）.txt"
    plan.write_bytes(plan_files[1].read_bytes())
    roundabout = folder / ".." / "子目录" / plan.name
    assert read(roundabout).paragraphs
    out = folder / ".." / "输出 图集.csv"
    result = CliRunner().invoke(cli, ["places", str(roundabout), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "规划 文件夹" / "输出 图集.csv").is_file()


# --------------------------------------------------------------------------- markup in plan text


@pytest.fixture(scope="module")
def hostile_layers(atlas_path: Path) -> dict:
    """Industry features whose texts carry markup and script URLs, as plan text could."""
    frames = read_atlas(atlas_path, ["industry"])
    industry = frames["industry"].head(4).copy()
    for column in ("name", "excerpt", "locations", "box_title", "quantities_text", "plan"):
        industry[column] = f"{SCRIPT}{JS_URL}\"'&<img src=x onerror=alert(1)>"
    return {"industry": industry}


def test_markup_never_reaches_a_popup_or_tooltip_unescaped(hostile_layers: dict) -> None:
    definition = next(d for d in load_layers() if d.id == "industry")
    row = hostile_layers["industry"].iloc[0].to_dict()
    for html in (webmap.feature_popup(row, definition), webmap.tooltip(row, True)):
        assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    page = webmap.map_html(webmap.build_map(hostile_layers))
    assert SCRIPT not in page and "<img src=x" not in page
    assert 'href="javascript:' not in page and "href='javascript:" not in page


def test_markup_in_a_kml_description_is_escaped(hostile_layers: dict) -> None:
    data, _, _ = export_bytes(hostile_layers, "kml")
    root = ET.fromstring(data)  # well-formed XML
    descriptions = [e.text or "" for e in root.iter("{http://www.opengis.net/kml/2.2}description")]
    placemark = [d for d in descriptions if "<table>" in d]
    assert placemark and all("<script" not in d and "&lt;script&gt;" in d for d in placemark)


def test_control_characters_never_break_a_kml(hostile_layers: dict) -> None:
    layers = {"industry": hostile_layers["industry"].assign(excerpt="鄂尔多斯\x00\x0b\x1b项目")}
    data, _, _ = export_bytes(layers, "kml")
    ET.fromstring(data)


def test_markup_stays_data_in_geojson(hostile_layers: dict) -> None:
    data, _, _ = export_bytes(hostile_layers, "geojson")
    names = {f["properties"]["name"] for f in json.loads(data)["features"]}
    assert names == {hostile_layers["industry"]["name"].iloc[0]}


def test_markup_in_a_plan_goes_through_the_pipeline(tmp_path: Path, plan_text: str, gazetteer) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(plan_text + "\n" + HOSTILE_LINE * 3, encoding="utf-8")
    built = build_plan(path, gazetteer)
    assert built.project_rows


# --------------------------------------------------------------------------- the app


def test_the_app_shows_one_line_without_a_path_for_a_bomb(atlas_path: Path) -> None:
    from streamlit.testing.v1 import AppTest

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("word/document.xml", b" " * (16 * 1024 * 1024))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=90)
    at.run()
    at.sidebar.file_uploader(key="upload").set_value(
        ("规划.docx", buffer.getvalue(), "application/octet-stream")
    ).run()
    assert not at.exception
    errors = [e.value for e in at.sidebar.error]
    assert len(errors) == 1 and "zip bomb" in errors[0] and "规划.docx" in errors[0], errors
    assert "/tmp" not in errors[0] and "Traceback" not in errors[0] and "\n" not in errors[0]


# --------------------------------------------------------------------------- fuzz

_HOSTILE_CHARS = st.sampled_from(
    ["\x00", "\x0b", "\x1b", "\ufeff", "\u200b", "\ufffd", "\r", "\t", "\f", "|", "专栏", "第一章", "（一）"]
)


@st.composite
def plan_like(draw: st.DrawFn, lines: list[str]) -> str:
    """Lines of a real plan, shuffled, cut and mixed with hostile characters and random text."""
    chosen = draw(st.lists(st.sampled_from(lines), min_size=1, max_size=40))
    noise = draw(st.lists(st.one_of(_HOSTILE_CHARS, st.text(max_size=20)), max_size=20))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    pieces = chosen + noise
    rng.shuffle(pieces)
    return "\n".join(pieces)


def test_fuzz_reader_geoparser_features(tmp_path_factory, plan_text: str, gazetteer) -> None:
    lines = [line for line in plan_text.splitlines() if line.strip()]
    folder = tmp_path_factory.mktemp("fuzz")

    @settings(
        max_examples=int(os.environ.get("GEOPLAN_FUZZ_EXAMPLES", "60")),
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(text=plan_like(lines), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
    def check(text: str, encoding: str) -> None:
        path = folder / "fuzz.txt"
        path.write_bytes(text.encode(encoding, errors="replace"))
        result = read_or_line(path)
        if isinstance(result, PlanReadError):
            return
        assert all(ch not in result.text for ch in "\x00\x0b\x1b")
        places = geoparse(result, gazetteer)
        built = build_plan(path, gazetteer, plan=result, places=places)
        for row in built.project_rows:
            assert row["geometry"] is not None and "\x00" not in row["excerpt"]

    check()
