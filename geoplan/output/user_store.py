"""What a user loaded in the app (plans, GIS files), kept server-side so a reload finds it again.

Files live under ``$GEOPLAN_USER_DATA`` or the user data folder (platformdirs, as the overlay's default),
one folder per user (:func:`geoplan.geocode.overlay.current_user`), each as ``<hash>-<file name>``."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from geoplan.geocode.overlay import current_user
from geoplan.io import atomic_path

USER_DATA_ENV = "GEOPLAN_USER_DATA"


@dataclass(frozen=True)
class Saved:
    """One kept file: its path on the server and the name the user gave it."""

    path: Path
    name: str
    digest: str


def store_dir(user: str | None = None) -> Path:
    """The folder of ``user``'s kept files (not created here)."""
    root = os.environ.get(USER_DATA_ENV)
    base = Path(root) if root else platformdirs.user_data_path("geoplan")
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in (user or current_user())) or "unknown"
    return base / "uploads" / safe


def save(name: str, data: bytes, user: str | None = None) -> Saved:
    """Keep ``data`` as ``name`` (written atomically; the same content twice is kept once)."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    plain = Path(name).name
    target = store_dir(user) / f"{digest}-{plain}"
    if not target.is_file():
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
    return Saved(target, plain, digest)


def saved(user: str | None = None) -> list[Saved]:
    """The user's kept files, oldest first."""
    folder = store_dir(user)
    if not folder.is_dir():
        return []
    files = sorted(
        (p for p in folder.iterdir() if p.is_file() and "-" in p.name), key=lambda p: p.stat().st_mtime
    )
    return [
        Saved(p, p.name.split("-", 1)[1], p.name.split("-", 1)[0])
        for p in files
        if not p.name.startswith(".")
    ]


def remove(item: Saved) -> None:
    """Forget a kept file."""
    item.path.unlink(missing_ok=True)
