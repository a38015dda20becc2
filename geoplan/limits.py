"""Size limits for every file geoplan reads, checked before any parser sees the file.

A zip bomb (a small ``.docx`` whose ``word/document.xml`` expands to gigabytes) or a PDF of a
million pages must fail fast with one line, not exhaust memory.  Every container format has a
:class:`Limits` entry in :data:`LIMITS`, keyed by a *kind*; readers call one function before parsing:

- :func:`check_zip` for zip containers (DOCX, XLSX, zipped Shapefile, …): it reads only the zip's
  central directory and checks the compressed size, the expanded size, the expansion ratio and the
  member count.  The declared sizes can be trusted afterwards: Python's ``zipfile`` never inflates a
  member beyond its declared size (it fails the CRC check instead).
- :func:`check_size` for single files (text, PDF, GeoPackage, GeoTIFF): the size on disk.
- :func:`check_pages` for a parsed page count (PDF), and :class:`Deadline` for a parse-time budget.

Each raises :class:`~geoplan.errors.LimitError` (an ``InputError``: exit code 2) whose message is
one line and names the file by its name only, never by its folder.

>>> from geoplan.limits import check_zip
>>> check_zip(upload_bytes, "xlsx", name="budget.xlsx")          # doctest: +SKIP
>>> check_zip(Path("roads.zip"), "shp-zip")                       # doctest: +SKIP

A new upload kind adds one entry to :data:`LIMITS` (or passes its own :class:`Limits`).
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from geoplan.errors import LimitError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one kind of input may be.

    ``max_bytes``: size on disk (compressed, for a zip); ``max_expanded``: total uncompressed size
    of a zip's members; ``max_ratio``: uncompressed/compressed size of a zip member of more than
    ``ratio_floor`` bytes, and of the whole zip; ``max_members``: zip entries; ``max_pages``: pages
    (PDF); ``max_seconds``: parse-time budget where the parser can be checked between steps.
    """

    max_bytes: int
    max_expanded: int = 0
    max_ratio: float = 0.0
    max_members: int = 0
    max_pages: int = 0
    max_seconds: float = 0.0
    ratio_floor: int = MiB


#: Limits by input kind.  Generous for real plans and GIS files; fatal for bombs.
LIMITS: dict[str, Limits] = {
    "text": Limits(max_bytes=256 * MiB),
    "pdf": Limits(max_bytes=256 * MiB, max_pages=5000, max_seconds=300.0),
    "docx": Limits(max_bytes=64 * MiB, max_expanded=512 * MiB, max_ratio=100.0, max_members=5000),
    "xlsx": Limits(max_bytes=64 * MiB, max_expanded=512 * MiB, max_ratio=100.0, max_members=5000),
    "shp-zip": Limits(max_bytes=512 * MiB, max_expanded=2048 * MiB, max_ratio=100.0, max_members=1000),
    "gpkg": Limits(max_bytes=2048 * MiB),
    "geojson": Limits(max_bytes=256 * MiB),  # read whole into memory
    "geotiff": Limits(max_bytes=64 * MiB),  # a raster uploaded to the app (read whole into memory)
}


def limits_for(kind: str) -> Limits:
    """The :class:`Limits` of ``kind`` (a key of :data:`LIMITS`)."""
    try:
        return LIMITS[kind]
    except KeyError:
        raise ValueError(f"no limits for input kind {kind!r}; add it to geoplan.limits.LIMITS") from None


def _size_text(size: float) -> str:
    return f"{size / MiB:.1f} MB" if size >= MiB else f"{size:.0f} bytes"


def _name(source: str | os.PathLike[str] | bytes, name: str | None) -> str:
    if name:
        return Path(name).name
    return Path(source).name if not isinstance(source, bytes | bytearray) else "upload"


def check_size(
    source: str | os.PathLike[str] | bytes,
    kind: str,
    *,
    name: str | None = None,
    limits: Limits | None = None,
) -> int:
    """Refuse a file (a path, or its bytes) larger than the ``kind``'s ``max_bytes``; return its size."""
    limits = limits or limits_for(kind)
    size = len(source) if isinstance(source, bytes | bytearray) else Path(source).stat().st_size
    if size > limits.max_bytes:
        raise LimitError(
            _name(source, name),
            f"{_size_text(size)} is larger than the {_size_text(limits.max_bytes)} a {kind} file may be",
        )
    return size


@dataclass(frozen=True)
class ZipSummary:
    """What a checked zip holds: member count and total compressed/expanded bytes."""

    members: int
    compressed: int
    expanded: int


def check_zip(
    source: str | os.PathLike[str] | bytes,
    kind: str,
    *,
    name: str | None = None,
    limits: Limits | None = None,
) -> ZipSummary:
    """Check a zip container (a path, or its bytes) against the ``kind``'s limits before parsing.

    Reads only the central directory.  Raises :class:`LimitError` for a file too large, too many
    members, an expanded size or a ratio beyond the limits, or a file that is not a zip at all.
    """
    limits = limits or limits_for(kind)
    shown = _name(source, name)
    size = check_size(source, kind, name=name, limits=limits)
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise LimitError(
            shown, f"not a readable {kind.upper()} file, not a zip ({type(error).__name__})"
        ) from None
    if limits.max_members and len(members) > limits.max_members:
        raise LimitError(shown, f"{len(members)} parts, more than the {limits.max_members} a {kind} may hold")
    expanded = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members)
    if limits.max_expanded and expanded > limits.max_expanded:
        raise LimitError(
            shown,
            f"expands to {_size_text(expanded)}, more than the {_size_text(limits.max_expanded)} "
            f"a {kind} may (a zip bomb?)",
        )
    if limits.max_ratio:
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > limits.ratio_floor and ratio > limits.max_ratio:
                raise LimitError(
                    shown,
                    f"part {member.filename} expands {ratio:.0f}-fold, more than the "
                    f"{limits.max_ratio:.0f}-fold a {kind} may (a zip bomb?)",
                )
        if expanded > limits.ratio_floor and expanded / max(size, 1) > limits.max_ratio:
            raise LimitError(
                shown,
                f"expands {expanded / max(size, 1):.0f}-fold, more than the "
                f"{limits.max_ratio:.0f}-fold a {kind} may (a zip bomb?)",
            )
    return ZipSummary(len(members), compressed, expanded)


def check_container(source: str | os.PathLike[str] | bytes, kind: str, *, name: str | None = None) -> None:
    """The one call before opening a file the user brings: its size, and for a zip kind (a key of
    :data:`LIMITS` with ``max_expanded``) its central directory too."""
    if limits_for(kind).max_expanded:
        check_zip(source, kind, name=name)
    else:
        check_size(source, kind, name=name)


def check_pages(pages: int, kind: str, *, name: str, limits: Limits | None = None) -> None:
    """Refuse a document of more pages than the ``kind``'s ``max_pages``."""
    limits = limits or limits_for(kind)
    if limits.max_pages and pages > limits.max_pages:
        raise LimitError(
            Path(name).name, f"{pages} pages, more than the {limits.max_pages} a {kind} may have"
        )


class Deadline:
    """A parse-time budget: call :meth:`check` between steps (pages, layers …).

    >>> deadline = Deadline("pdf", name="plan.pdf")   # doctest: +SKIP
    >>> for page in pages:                             # doctest: +SKIP
    ...     deadline.check()
    """

    def __init__(self, kind: str, *, name: str, limits: Limits | None = None) -> None:
        self.kind = kind
        self.name = Path(name).name
        self.seconds = (limits or limits_for(kind)).max_seconds
        self.started = time.monotonic()

    def check(self) -> None:
        """Raise :class:`LimitError` once the budget is spent (no budget: never)."""
        if self.seconds and time.monotonic() - self.started > self.seconds:
            raise LimitError(
                self.name, f"reading took longer than the {self.seconds:.0f} s a {self.kind} may"
            )
