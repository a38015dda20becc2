"""``geoplan plan info`` in-process (CliRunner), and bad input: one line, exit 2, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoplan.cli import cli
from geoplan.errors import InputError, PlanReadError
from geoplan.read.plan import read


def test_info_table_for_a_directory(plans_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["plan", "info", str(plans_dir)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["file", "issuer", "level", "parent"]
    assert len(lines) == 6
    for issuer in ("锡林郭勒盟", "呼和浩特市新城区", "乌拉特后旗", "鄂尔多斯市", "巴彦淖尔市"):
        assert issuer in result.output
    row = next(line for line in lines if "乌拉特后旗" in line)
    assert "banner" in row and "巴彦淖尔市" in row and "2021-2025" in row and " 32 " in row


def test_info_json(plan_files: list[Path]) -> None:
    result = CliRunner().invoke(cli, ["plan", "info", "--json", *map(str, plan_files)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [Path(entry["file"]).name for entry in data] == [p.name for p in plan_files]
    by_issuer = {entry["issuer"]: entry for entry in data}
    xincheng = by_issuer["呼和浩特市新城区"]
    assert xincheng["parent"] == "呼和浩特市" and xincheng["issuer_level"] == "district"
    assert xincheng["counts"]["chapters"] == 13 and xincheng["counts"]["boxes"] == 16
    assert xincheng["counts"]["box_items"] == sum(box["items"] for box in xincheng["boxes"] if box["number"])
    assert (
        by_issuer["鄂尔多斯市"]["period"] == [2021, 2025] and by_issuer["鄂尔多斯市"]["vision_2035"] is True
    )


BAD_INPUTS = {
    "junk.txt": (bytes(range(256)) * 8, "binary"),
    "empty.txt": (b"", "empty"),
    "blank.md": (b"  \n\n \t\n", "empty"),
    "plan.doc": ("规划纲要".encode(), "unsupported file type .doc"),
    "undecodable.txt": (b"\xb0\xa1\xff\xfe\xfd\x81\x30" * 40, "undecodable"),
    "latin.txt": (b"just some english text, not a plan\n" * 10, "no Chinese text"),
    "fake.pdf": (b"not a pdf at all", "not a PDF"),
    "broken.pdf": (b"%PDF-1.4\n garbage garbage", "PDF"),
    "fake.docx": (b"PK\x03\x04 not really a zip", "DOCX"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2(tmp_path: Path, name: str) -> None:
    data, reason = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PlanReadError) as caught:
        read(path)
    assert isinstance(caught.value, InputError) and reason in caught.value.reason
    result = CliRunner().invoke(cli, ["plan", "info", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert str(path) in message and reason in message


def test_missing_file_and_mixed_input(tmp_path: Path, plan_files: list[Path]) -> None:
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(cli, ["plan", "info", str(missing), str(plan_files[0])])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {missing}: no such file"
    assert "锡林郭勒盟" in result.stdout  # the good file is still reported
