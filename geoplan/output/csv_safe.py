"""CSV cells that a spreadsheet cannot run as formulas (OWASP "CSV injection"), reversibly.

Plan text reaches every CSV geoplan writes (the CSV export, the app's CSV download, ``places --out``,
``report --csv``, the Shapefile zip's ``field_dictionary.csv`` and ``truncated_values.csv``).  A
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would run as a formula
in Excel or LibreOffice, so it is written with a leading apostrophe (``'=1+1``), which spreadsheets
show as text.  A cell that already starts with apostrophes before such a character gets one more,
so the mapping is one-to-one: :func:`restore` (strip one apostrophe from a cell matching
``'+[=+\\-@\\t\\r]…``) gives the original back.  Numbers are not text and are never changed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

#: first characters that make a spreadsheet treat a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_RE = re.compile(r"^'*[=+\-@\t\r]")
_RESTORABLE_RE = re.compile(r"^'+[=+\-@\t\r]")


def neutralise(value: Any) -> Any:
    """``value`` safe for a spreadsheet: text that would start a formula gets a leading ``'``."""
    if isinstance(value, str) and _ESCAPED_RE.match(value):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """The original of a :func:`neutralise`\\ d cell (read back from a geoplan CSV)."""
    if isinstance(value, str) and _RESTORABLE_RE.match(value):
        return value[1:]
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell neutralised (geometry and numbers untouched)."""
    columns = [
        column
        for column in frame.columns
        if column != getattr(frame, "_geometry_column_name", None)
        and (
            pd.api.types.is_object_dtype(frame[column].dtype)
            or pd.api.types.is_string_dtype(frame[column].dtype)
        )
    ]
    if not columns:
        return frame
    frame = frame.copy()
    for column in columns:
        frame[column] = frame[column].map(neutralise)
    return frame


def csv_text(rows: Iterable[Mapping[str, Any]], columns: list[str]) -> str:
    """Rows as CSV text (header first, ``\\n`` line ends), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    # csv quotes a field holding "\n" but not one holding a bare "\r": such rows are quoted whole
    quoted = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        safe = {key: neutralise(value) for key, value in row.items()}
        (quoted if any(isinstance(v, str) and "\r" in v for v in safe.values()) else writer).writerow(safe)
    return buffer.getvalue()


def read_csv_rows(text: str) -> list[dict[str, str]]:
    """Rows of a geoplan CSV with every cell restored to its original text."""
    return [
        {key: restore(value) for key, value in row.items()}
        for row in csv.DictReader(io.StringIO(text, newline=""))
    ]
