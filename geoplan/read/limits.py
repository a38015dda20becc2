"""Size limits for container files the user brings (zipped Shapefiles, XLSX, GeoPackages), checked before
any parser opens them: a zip bomb fails with one line, not with exhausted memory.

A stand-in until the shared limits module lands; :func:`check_container` is the one call readers make.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from geoplan.errors import InputError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size on disk, expanded size of a zip's members, expansion ratio of a large member, member count."""

    max_bytes: int
    max_expanded: int = 0
    max_ratio: float = 0.0
    max_members: int = 0
    ratio_floor: int = MiB


LIMITS: dict[str, Limits] = {
    "xlsx": Limits(max_bytes=64 * MiB, max_expanded=512 * MiB, max_ratio=100.0, max_members=5000),
    "shp-zip": Limits(max_bytes=512 * MiB, max_expanded=2048 * MiB, max_ratio=100.0, max_members=1000),
    "gpkg": Limits(max_bytes=2048 * MiB),
    "geotiff": Limits(max_bytes=64 * MiB),  # a raster uploaded to the app (read whole into memory)
}


def check_container(path: str | Path, kind: str) -> None:
    """Refuse ``path`` (of ``kind``, a key of :data:`LIMITS`) when it is too large, or, for a zip, when its
    central directory declares too many parts, too many expanded bytes or a bomb-like ratio."""
    path = Path(path)
    limits = LIMITS[kind]
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise InputError(
            f"{path.name}: {size / MiB:.1f} MB, more than the {limits.max_bytes // MiB} MB a {kind} may be"
        )
    if not limits.max_expanded:
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(f"{path.name}: not a readable {kind} (zip) file ({type(error).__name__})") from None
    if len(members) > limits.max_members:
        raise InputError(
            f"{path.name}: {len(members)} parts, more than the {limits.max_members} a {kind} may hold"
        )
    expanded = sum(m.file_size for m in members)
    if expanded > limits.max_expanded:
        raise InputError(
            f"{path.name}: expands to {expanded / MiB:.0f} MB, more than the {limits.max_expanded // MiB} MB "
            f"a {kind} may (a zip bomb?)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise InputError(
                f"{path.name}: part {member.filename} expands {ratio:.0f}-fold, more than {limits.max_ratio:.0f} "
                "(a zip bomb?)"
            )
