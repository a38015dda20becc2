"""Safe output: check every target before the work, write to a temporary file, then publish it.

- :func:`check_targets` runs before any work: each output must be new (or ``overwrite`` given), none of
  the run's inputs, and its folder must exist and be writable, so a long build never fails at the end for a
  read-only path, and a check changes nothing.
- :func:`atomic_path` yields a temporary path beside the target and publishes it on success: with
  ``overwrite`` by an atomic rename, without it by an atomic *no-replace* link, so of two runs
  writing the same new file the second fails with "exists" instead of replacing the first.
- A full disk is reported as "no space left on <mount point>", whatever the writer (GDAL says
  "Unspecified error").
- Temporary files are named ``.<target name>.geoplan-tmp-<random><suffix>``; those of killed runs
  older than :data:`STALE_AFTER_SECONDS` are removed by the next write to the same folder.  Nothing
  else is ever removed.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from geoplan.errors import DiskFullError, GeoplanError, OutputError, OutputExistsError

#: marks geoplan's own temporary files (and only them) in an output folder
TEMP_MARK = ".geoplan-tmp-"
#: a temporary file this old belongs to a killed run: the next write in its folder removes it
STALE_AFTER_SECONDS = 15 * 60
#: below this many free bytes a failed write is reported as a full disk
FULL_BELOW_BYTES = 1024 * 1024
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV, errno.ENOSYS}


def check_targets(
    targets: Iterable[str | os.PathLike[str] | None],
    *,
    overwrite: bool,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Before any work: refuse an existing target without ``overwrite``, a target that is one of the run's
    ``inputs`` (even with ``overwrite``: the run would destroy what it reads), a missing folder and a folder
    that cannot be written (read-only, missing permissions, a file in the way).  Nothing is created;
    ``None`` targets are skipped."""
    sources = [Path(source) for source in inputs]
    for target in targets:
        if target is None:
            continue
        target = Path(target)
        if target.is_dir():
            raise OutputExistsError(f"{target} is a folder; give a file name")
        if any(_same_file(target, source) for source in sources):
            raise OutputExistsError(f"{target} is also an input of this run; write to another file")
        if (target.exists() or target.is_symlink()) and not overwrite:
            raise OutputExistsError(f"{target} exists; add --overwrite to replace it")
        _probe_folder(target)


def _same_file(target: Path, source: Path) -> bool:
    try:
        return target.exists() and source.exists() and os.path.samefile(target, source)
    except OSError:
        return False


def _probe_folder(target: Path) -> None:
    """Create (and remove) a temporary file beside ``target``: the only test a root user cannot fool."""
    if not target.parent.exists() and not target.parent.is_symlink():
        raise OutputError(f"{target}: folder {target.parent} does not exist; create it first")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}{TEMP_MARK}", dir=target.parent)
        os.close(fd)
        os.unlink(name)
    except OSError as error:
        raise _output_error(target, error) from None


@contextmanager
def atomic_path(
    target: str | os.PathLike[str], *, suffix: str | None = None, overwrite: bool = True
) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success publish it as ``target``.

    With ``overwrite`` the file is renamed onto ``target``; without it ``target`` is claimed
    atomically (raises :class:`OutputExistsError` when another run got there first).  On any
    exception the temporary file is removed and ``target`` is left untouched; a full disk becomes
    :class:`DiskFullError`, other OS errors :class:`OutputError`.

    >>> with atomic_path("out.gpkg", overwrite=False) as tmp:   # doctest: +SKIP
    ...     frame.to_file(tmp, driver="GPKG")
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(target.parent)
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name}{TEMP_MARK}", suffix=suffix or target.suffix, dir=target.parent
        )
    except OSError as error:
        raise _output_error(target, error) from None
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp
        _publish(tmp, target, overwrite)
    except GeoplanError:
        raise
    except Exception as error:
        full = disk_full(target, error)
        if full is not None:
            raise full from None
        if isinstance(error, OSError) and error.errno is not None:
            raise _output_error(target, error) from None
        raise
    finally:
        for leftover in (tmp, *tmp.parent.glob(tmp.name + "-*")):  # GPKG -wal/-shm/-journal files
            leftover.unlink(missing_ok=True)


def _publish(tmp: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # fails if target exists: the claim is atomic
    except FileExistsError:
        raise OutputExistsError(f"{target} exists; add --overwrite to replace it") from None
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        try:  # no hard links here (some network and FAT file systems): claim the name, then rename
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            raise OutputExistsError(f"{target} exists; add --overwrite to replace it") from None
        os.replace(tmp, target)


def remove_stale_temporaries(folder: str | os.PathLike[str], older_than: float = STALE_AFTER_SECONDS) -> int:
    """Remove geoplan's own temporary files (``*.geoplan-tmp-*``) left in ``folder`` by killed runs,
    when older than ``older_than`` seconds; return how many were removed."""
    removed = 0
    cutoff = time.time() - older_than
    try:
        candidates = [
            entry for entry in os.scandir(folder) if TEMP_MARK in entry.name and entry.name[0] == "."
        ]
    except OSError:
        return 0
    for entry in candidates:
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def mount_point(path: str | os.PathLike[str]) -> Path:
    """The mount point of the file system holding ``path`` (or its nearest existing parent)."""
    current = Path(os.path.abspath(path))
    while not current.exists() and current != current.parent:
        current = current.parent
    while not os.path.ismount(current) and current != current.parent:
        current = current.parent
    return current


def disk_full(target: str | os.PathLike[str], error: BaseException) -> DiskFullError | None:
    """A :class:`DiskFullError` when ``error`` came from a full disk under ``target``, else None: an
    OSError says so by its errno; a GDAL/SQLite error without one ("Unspecified error") is taken
    for a full disk when less than :data:`FULL_BELOW_BYTES` are free there."""
    number = getattr(error, "errno", None)
    full = (
        number in _DISK_FULL or "disk is full" in str(error).lower() or "no space left" in str(error).lower()
    )
    if not full and number is None:
        try:
            full = shutil.disk_usage(Path(target).parent).free < FULL_BELOW_BYTES
        except OSError:
            full = False
    if not full:
        return None
    return DiskFullError(f"{Path(target).name}: no space left on {mount_point(Path(target).parent)}")


def _output_error(target: Path, error: OSError) -> GeoplanError:
    full = disk_full(target, error)
    if full is not None:
        return full
    reason = error.strerror or str(error)
    return OutputError(f"{target}: cannot write to {target.parent or '.'}: {reason.lower()}")
