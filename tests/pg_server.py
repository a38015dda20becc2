"""A throwaway PostgreSQL/PostGIS server for the store tests and benchmark: real binaries, no mocks.

:func:`throwaway_cluster` runs ``initdb`` in a temporary folder, starts ``postgres`` on a free port of
127.0.0.1 (unix socket in the same folder), creates a password-protected role and a database with
PostGIS, yields a :class:`PgServer` and removes everything at the end.  As root, the server runs as
the unprivileged ``postgres`` user (PostgreSQL refuses to run as root).

The ``postgis_server`` fixture skips with the reason when the binaries are missing, except under CI
(``CI=true`` or ``GEOPLAN_REQUIRE_POSTGIS=1``), where it fails instead.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVICE_USER = "postgres"
ROLE = "geoplan_test"
DATABASE = "geoplan_test"


@dataclass(frozen=True)
class PgServer:
    """A running throwaway cluster."""

    dsn: str  # the test role, password authentication over TCP
    admin_dsn: str  # the superuser, over the unix socket
    password: str
    port: int
    root: Path


def find_bindir() -> Path | None:
    """The folder of ``initdb``/``pg_ctl``: $GEOPLAN_PG_BINDIR, Debian's newest version, or $PATH."""
    candidates = [os.environ.get("GEOPLAN_PG_BINDIR", "")]
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True
    )
    on_path = shutil.which("initdb")
    candidates.append(str(Path(on_path).parent) if on_path else "")
    for candidate in filter(None, candidates):
        if (Path(candidate) / "initdb").is_file() and (Path(candidate) / "pg_ctl").is_file():
            return Path(candidate)
    return None


def missing_reason() -> str | None:
    """Why a cluster with PostGIS cannot be started here, or None when it can."""
    bindir = find_bindir()
    if bindir is None:
        return "PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql-15 postgresql-15-postgis-3"
    sharedir = subprocess.run(
        [str(bindir / "pg_config"), "--sharedir"], capture_output=True, text=True, check=False
    ).stdout.strip()
    if not sharedir or not (Path(sharedir) / "extension" / "postgis.control").is_file():
        return f"PostGIS is not installed for {bindir}: apt-get install postgresql-15-postgis-3"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVICE_USER)
        except KeyError:
            return f"running as root and there is no {SERVICE_USER!r} user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a server command, as the ``postgres`` user when we are root."""
    options: dict[str, object] = {}
    if os.geteuid() == 0:
        account = pwd.getpwnam(SERVICE_USER)
        options = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": [], "cwd": "/"}
    result = subprocess.run(command, capture_output=True, text=True, check=False, **options)
    if check and result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[:2])} failed ({result.returncode}): {result.stderr.strip()[-2000:]}"
        )
    return result


@contextmanager
def throwaway_cluster() -> Iterator[PgServer]:
    """Start a fresh cluster with a PostGIS database; stop and delete it on exit."""
    import psycopg

    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError(missing_reason())
    root = Path(tempfile.mkdtemp(prefix="geoplan-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam(SERVICE_USER)
        os.chown(root, account.pw_uid, account.pw_gid)
    datadir = root / "data"
    started = False
    try:
        _run(
            [
                str(bindir / "initdb"),
                "-D",
                str(datadir),
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--no-sync",
            ]
        )
        for _attempt in range(3):
            port = _free_port()
            settings = (
                f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=30"
            )
            result = _run(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(datadir),
                    "-l",
                    str(root / "server.log"),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    settings,
                    "start",
                ],
                check=False,
            )
            if result.returncode == 0:
                started = True
                break
        if not started:
            log = (
                (root / "server.log").read_text(errors="replace")[-2000:]
                if (root / "server.log").exists()
                else ""
            )
            raise RuntimeError(f"pg_ctl start failed: {result.stderr.strip()} {log}")
        password = secrets.token_urlsafe(18)
        admin_dsn = f"host={root} port={port} user=postgres dbname=postgres"
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{password}'")
            admin.execute(f"CREATE DATABASE {DATABASE} OWNER {ROLE}")
        with psycopg.connect(
            f"host={root} port={port} user=postgres dbname={DATABASE}", autocommit=True
        ) as admin:
            admin.execute("CREATE EXTENSION postgis")
        yield PgServer(
            dsn=f"postgresql://{ROLE}:{password}@127.0.0.1:{port}/{DATABASE}",
            admin_dsn=f"host={root} port={port} user=postgres dbname={DATABASE}",
            password=password,
            port=port,
            root=root,
        )
    finally:
        if started:
            _run([str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "-w", "stop"], check=False)
        shutil.rmtree(root, ignore_errors=True)


def _required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("GEOPLAN_REQUIRE_POSTGIS") == "1"


@pytest.fixture(scope="session")
def postgis_server() -> Iterator[PgServer]:
    """A real PostgreSQL/PostGIS server for this test session."""
    reason = missing_reason()
    if reason is not None:
        if _required():
            pytest.fail(f"PostGIS tests cannot run under CI: {reason}")
        pytest.skip(reason)
    started = time.perf_counter()
    with throwaway_cluster() as server:
        print(
            f"throwaway PostGIS cluster on port {server.port} ready in {time.perf_counter() - started:.1f} s"
        )
        yield server
