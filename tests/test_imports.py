"""Imports sit at the top of each module: none inside a function hides an import loop (issue 13)."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "geoplan"
_IMPORT_LINE = re.compile(r"^\s+(?:from \S+ import |import )")


@cache
def _nested_imports() -> tuple[tuple[str, int, str, str], ...]:
    """(file, line, imported module, its comment) of every import below module level; the comment is the one on
    the import's line or just above the block of imports it belongs to."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import | ast.ImportFrom) and node.col_offset > 0:
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                above = node.lineno - 2
                while above >= 0 and (_IMPORT_LINE.match(lines[above]) or not lines[above].strip()):
                    above -= 1
                comment = lines[node.lineno - 1].partition("#")[2] or (
                    lines[above].strip().removeprefix("#") if lines[above].strip().startswith("#") else ""
                )
                found.append(
                    (str(path.relative_to(PACKAGE.parent)), node.lineno, module or "", comment.strip())
                )
    return tuple(found)


def test_no_geoplan_module_is_imported_inside_a_function() -> None:
    hidden = [
        f"{path}:{line}"
        for path, line, module, comment in _nested_imports()
        if module.split(".")[0] == "geoplan" and "optional" not in comment
    ]
    assert hidden == []


def test_each_import_inside_a_function_says_why() -> None:
    assert [
        f"{path}:{line} {module}" for path, line, module, comment in _nested_imports() if not comment
    ] == []


def test_the_check_sees_nested_imports_and_their_comments() -> None:
    found = {(Path(path).name, module): comment for path, _line, module, comment in _nested_imports()}
    assert "contextily" in found[("tiles.py", "contextily")]
    assert "optional" in found[("gazetteer.py", "geoplan.geocode.gazetteer_build")]
