"""What every bench shares: the process's peak memory and writing a results file."""

from __future__ import annotations

import json
import resource
from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_results(path: Path, results: dict[str, object], *, show: bool = False) -> None:
    """Write ``results`` as indented UTF-8 JSON to ``path`` (its folder made), and print them when ``show``."""
    text = json.dumps(results, ensure_ascii=False, indent=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
    if show:
        print(text)
