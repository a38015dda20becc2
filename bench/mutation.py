"""A bounded mutation check of the geocode and extract stages with mutmut (not part of the test suite).

Usage: ``python bench/mutation.py [--minutes 20] [--jobs 1] [PATTERN ...]``

PATTERNs are mutmut mutant-name globs (``geoplan.extract.features.*``, ``geoplan.geocode.resolve.x_resolve*``);
with none, every mutant of the modules in ``MODULES`` is run.  The script copies the checkout's tracked files
into a work folder outside it (``--workdir``, kept between runs so that mutmut re-runs only what changed), links
``../shared`` beside the copy so that the tests find the reference plans, runs ``mutmut run`` against the fast
test subset ``TESTS`` for at most ``--minutes``, and writes ``bench/results/mutation.md``: counts per module and
every surviving mutant with its diff.  It needs ``pip install mutmut``.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "mutation.md"

# The stages under test; gazetteer_build.py (the rebuild from registry packages) is left out.
MODULES = [
    "geoplan/geocode/gazetteer.py",
    "geoplan/geocode/mentions.py",
    "geoplan/geocode/stems.py",
    "geoplan/geocode/corridors.py",
    "geoplan/geocode/resolve.py",
    "geoplan/geocode/places.py",
    "geoplan/extract/projects.py",
    "geoplan/extract/classify.py",
    "geoplan/extract/quantities.py",
    "geoplan/extract/features.py",
]
# Fast tests of those stages (a few seconds in all); the atlas comparison and the CLI tests are left out.
TESTS = [
    "tests/test_mentions.py",
    "tests/test_corridors.py",
    "tests/test_places.py",
    "tests/test_projects.py",
    "tests/test_quantities.py",
    "tests/test_build_features.py",
    "tests/test_gazetteer.py",
    "tests/test_rules.py",
    "tests/test_keywords.py",
]
#: modules the fork server imports before forking the mutants' test runs
PRELOAD = [
    "pytest",
    "geoplan.atlas.build",
    "geoplan.extract.features",
    "geoplan.geocode.places",
    "geoplan.cli",
]
CONFIG = """
[tool.mutmut]
source_paths = ["geoplan"]
only_mutate = {modules}
also_copy = ["gazetteer", "layers", "static", "tests"]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-n", "0"]  # in process: the suite's -n auto is for CI
pytest_add_cli_args_test_selection = {tests}
# Each mutant runs in a child forked from a server that imported the library once; pytest.main itself runs
# only in the children (run twice in one process, it loses the test modules' fixtures).
process_isolation = "forkserver"
forkserver_warmup = "import"
preload_modules_file = "{preload}"
"""


def prepare(workdir: Path) -> Path:
    """A copy of the checkout's tracked files in ``workdir/checkout``, with ``shared`` linked beside it."""
    checkout = workdir / "checkout"
    checkout.mkdir(parents=True, exist_ok=True)
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.split("\0")
    for name in filter(None, tracked):
        source, target = REPO / name, checkout / name
        if not source.is_file():
            continue
        if target.is_file() and target.read_bytes() == source.read_bytes():
            continue  # unchanged files keep their mtime, so mutmut's cache stays valid
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    # geoplan.resources looks for the reference plans in ../shared beside the package's checkout, which inside
    # mutmut's copy is ``checkout/mutants``: link ``checkout/shared`` to the real folder.
    shared = checkout / "shared"
    if not shared.exists():
        shared.symlink_to(REPO.parent / "shared")
    pyproject = checkout / "pyproject.toml"
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    tests = [t for t in TESTS if (REPO / t).is_file()]
    preload = workdir / "preload.txt"
    preload.write_text("\n".join(PRELOAD) + "\n", encoding="utf-8")
    config = CONFIG.format(modules=_toml_list(MODULES), tests=_toml_list(tests), preload=preload)
    new = text + config
    if not pyproject.is_file() or pyproject.read_text(encoding="utf-8") != new:
        pyproject.write_text(new, encoding="utf-8")
    return checkout


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def run(checkout: Path, patterns: list[str], jobs: int, minutes: float) -> tuple[float, bool]:
    """``mutmut run`` for at most ``minutes``; returns the wall time and whether it finished."""
    started = time.perf_counter()
    command = ["mutmut", "run", "--max-children", str(jobs), *patterns]
    process = subprocess.Popen(command, cwd=checkout, start_new_session=True)
    try:
        process.wait(timeout=minutes * 60)
        finished = process.returncode == 0
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 15)  # mutmut saves each verdict as it comes: what ran so far is reported
        process.wait()
        finished = False
    return time.perf_counter() - started, finished


def collect(checkout: Path) -> dict[str, str]:
    """Every mutant's status, by name."""
    out = subprocess.run(
        ["mutmut", "results", "--all", "true"], cwd=checkout, check=True, capture_output=True, text=True
    ).stdout
    statuses = {}
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and name.startswith("geoplan."):
            statuses[name] = status
    return statuses


def diff(checkout: Path, name: str) -> str:
    """The changed lines of one mutant."""
    out = subprocess.run(["mutmut", "show", name], cwd=checkout, capture_output=True, text=True).stdout
    lines = [ln for ln in out.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    return "\n".join(lines)


def report(
    checkout: Path, statuses: dict[str, str], patterns: list[str], wall_s: float, finished: bool
) -> str:
    """The Markdown report: how the run was bounded, counts per module, and the survivors."""
    by_module: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for name, status in statuses.items():
        by_module[name.split(".x_")[0].split(".xǁ")[0]][status] += 1
    kinds = sorted({s for c in by_module.values() for s in c})
    lines = [
        "# Mutation check (mutmut) of the geocode and extract stages",
        "",
        f"- Command: `python bench/mutation.py {' '.join(patterns)}`".rstrip() + "",
        f"- Tests: {', '.join(f'`{t}`' for t in TESTS if (REPO / t).is_file())}",
        f"- Wall time {wall_s / 60:.1f} min{'' if finished else ' (stopped at the time limit: not run = not checked)'}",
        "",
        "| module | " + " | ".join(kinds) + " |",
        "|---|" + "---|" * len(kinds),
    ]
    for module, counts in sorted(by_module.items()):
        lines.append(f"| {module} | " + " | ".join(str(counts[k]) for k in kinds) + " |")
    survivors = sorted(n for n, s in statuses.items() if s == "survived")
    lines += ["", f"## Surviving mutants ({len(survivors)})", ""]
    for name in survivors:
        lines += [f"### `{name}`", "", "```diff", diff(checkout, name), "```", ""]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*", help="mutant-name globs (default: every mutant of MODULES)")
    parser.add_argument("--minutes", type=float, default=20.0, help="wall-time limit of the run")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/geoplan-mutation"))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if shutil.which("mutmut") is None:
        print("mutmut is not installed: pip install mutmut", file=sys.stderr)
        return 2
    checkout = prepare(args.workdir)
    wall_s, finished = run(checkout, args.patterns, args.jobs, args.minutes)
    statuses = collect(checkout)
    if args.patterns:
        import fnmatch

        statuses = {n: s for n, s in statuses.items() if any(fnmatch.fnmatch(n, p) for p in args.patterns)}
    args.out.write_text(report(checkout, statuses, args.patterns, wall_s, finished), encoding="utf-8")
    print(f"{args.out}: {collections.Counter(statuses.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
