"""One error family for geoplan (after rasterio's ``errors.py``).

Every error the library raises on purpose derives from :class:`GeoplanError`; subclasses also
inherit the matching builtin so callers can catch either.  The CLI turns :class:`InputError`
into exit code 2 (bad input) and any other :class:`GeoplanError` into exit code 1.
"""


class GeoplanError(Exception):
    """Root of every error geoplan raises on purpose."""


class InputError(GeoplanError, ValueError):
    """The user's input (a file, an option, a name) is unusable. CLI exit code 2."""


class PlanReadError(InputError):
    """A plan file cannot be read: empty, binary, undecodable or of an unsupported type."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class LimitError(InputError):
    """An input exceeds a size limit of :mod:`geoplan.limits` (a zip bomb, a huge PDF …)."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


class UnsupportedFormatError(InputError):
    """An output or input format geoplan does not know."""


class GazetteerError(GeoplanError):
    """The gazetteer data is missing or inconsistent."""


class AtlasError(GeoplanError):
    """An atlas (GeoPackage or PostGIS) is missing, unreadable or has the wrong schema."""


class AtlasReadError(AtlasError, InputError):
    """An atlas given as input is missing, not a GeoPackage, corrupt or lacks a layer. Exit code 2."""


class ExportError(GeoplanError, OSError):
    """Writing an export failed; nothing was left behind."""


class RenderError(GeoplanError):
    """A static map could not be rendered."""


class StoreError(GeoplanError, OSError):
    """The PostGIS store could not be reached or written."""


class DsnError(StoreError, InputError):
    """A PostGIS connection string (DSN) is malformed or empty. CLI exit code 2."""


class OutputExistsError(InputError):
    """An output file exists (and --overwrite was not given), or another run claimed it first."""


class OutputError(InputError):
    """An output path cannot be written: read-only, no permission, a file in the way. Exit code 2."""


class DiskFullError(GeoplanError, OSError):
    """The disk filled up while writing; nothing was left behind."""


def one_line(error: BaseException) -> str:
    """``error``'s message as one line: its non-empty lines joined (a database's DETAIL and HINT kept), or its
    type's name."""
    return "; ".join(part.strip() for part in str(error).splitlines() if part.strip()) or type(error).__name__


def first_line(error: BaseException) -> str:
    """The first message of ``error``: its first non-empty line, up to the '.; ' by which GDAL (through pyogrio)
    chains its advice for programmers ('It might help to specify the correct driver…'); or its type's name."""
    line = next((part.strip() for part in str(error).splitlines() if part.strip()), type(error).__name__)
    return line.split(".; ", 1)[0].rstrip(".")
