"""PostGIS connection targets: a DSN parsed once, labelled without its password, connected with geoplan's defaults.

Shared by the atlas store (:mod:`geoplan.output.store`) and the PostGIS overlay (:mod:`geoplan.geocode.overlay`),
so neither stage imports the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import psycopg
from psycopg.conninfo import conninfo_to_dict

from geoplan.errors import DsnError, one_line

CONNECT_TIMEOUT_S = 10
APPLICATION_NAME = "geoplan"


@dataclass(frozen=True)
class PgTarget:
    """A parsed DSN: what to pass to psycopg, what to show the user, what to hide."""

    dsn: str
    params: dict[str, str]

    @classmethod
    def parse(cls, dsn: str) -> PgTarget:
        if not dsn or not dsn.strip():
            raise DsnError("no PostGIS DSN: pass --dsn or set GEOPLAN_DSN (e.g. postgresql://user@host/db)")
        try:
            params = conninfo_to_dict(dsn)
        except psycopg.Error as error:
            reason = scrub(one_line(error), password_candidates(dsn))
            raise DsnError(f"invalid PostGIS DSN: {reason}") from None
        return cls(dsn, {key: str(value) for key, value in params.items()})

    @property
    def label(self) -> str:
        """``user@host:port/dbname`` without the password."""
        user = self.params.get("user")
        host = self.params.get("host") or self.params.get("hostaddr") or "localhost"
        port = self.params.get("port")
        where = f"{host}:{port}" if port else host
        return f"{user + '@' if user else ''}{where}/{self.params.get('dbname', '')}"

    def failure(self, what: str, error: BaseException) -> str:
        """A one-line message about ``error`` that never shows the password."""
        secrets = [self.params["password"]] if self.params.get("password") else []
        return scrub(
            f"PostGIS {self.label}: {what}: {one_line(error)}", secrets + password_candidates(self.dsn)
        )

    def connect(self) -> psycopg.Connection:
        extra: dict[str, object] = {"autocommit": True}
        if "connect_timeout" not in self.params:
            extra["connect_timeout"] = CONNECT_TIMEOUT_S
        if "application_name" not in self.params:
            extra["application_name"] = APPLICATION_NAME
        return psycopg.connect(self.dsn, **extra)


def dsn_label(dsn: str) -> str:
    """``user@host:port/dbname`` of a DSN, for messages: never the password."""
    return PgTarget.parse(dsn).label


_PASSWORD_PATTERNS = (
    re.compile(r"password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE),
    re.compile(r"://[^:@/\s]*:([^@\s]*)@"),
)


def password_candidates(dsn: str) -> list[str]:
    """Every substring of ``dsn`` that may be a password, even when the DSN cannot be parsed."""
    found = []
    for pattern in _PASSWORD_PATTERNS:
        for match in pattern.finditer(dsn):
            secret = match.group(1)
            found.extend([secret, secret.strip("'")])
    return [secret for secret in found if secret]


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret and anything shaped like a password replaced by ``***``."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        text = text.replace(secret, "***")
    text = _PASSWORD_PATTERNS[0].sub("password=***", text)
    return _PASSWORD_PATTERNS[1].sub(lambda match: match.group(0).replace(match.group(1), "***"), text)
