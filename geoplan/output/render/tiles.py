"""Web map tiles under the static map, when online and asked for; otherwise a clear reason to fall back.

Tiles are fetched and warped to the map's projection by contextily.  Nothing here raises for a network
problem: :func:`add_tiles` returns why it could not draw them, and the caller keeps the vector basemap.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from pyproj import CRS

DEFAULT_TILES = "OpenStreetMap.Mapnik"
PROBE_TIMEOUT_S = 3.0
FETCH_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class TileResult:
    """Outcome of a tile request: drawn or not, the attribution to print, and the reason when not."""

    drawn: bool
    attribution: str = ""
    reason: str = ""


def _provider(source: str) -> tuple[str, str]:
    """(URL template, attribution) for an xyzservices provider name or a ``{z}/{x}/{y}`` URL."""
    if "{z}" in source:
        return source, source.split("/")[2] if "//" in source else source
    # imported here, not at the top: tile providers load only when a basemap is asked for
    import xyzservices.providers as providers

    provider = providers.query_name(source)
    return provider.build_url(), provider.get("attribution", source)


def _probe(url: str) -> None:
    """Fetch the world tile once with a short timeout so an offline machine fails fast."""
    # imported here, not at the top: requests loads only when a basemap is probed
    import requests

    response = requests.get(url.format(z=0, x=0, y=0, s="a", r=""), timeout=PROBE_TIMEOUT_S)
    response.raise_for_status()


def add_tiles(ax: Axes, crs: CRS, source: str = DEFAULT_TILES) -> TileResult:
    """Draw tiles warped to ``crs`` under everything on ``ax``; never raises for network failures."""
    try:
        url, attribution = _provider(source)
    except (KeyError, ValueError) as error:
        return TileResult(False, reason=f"unknown tile source {source!r}: {error}")
    try:
        _probe(url)  # before importing contextily (2 s): offline fails fast
        # imported here, not at the top: contextily (2 s) loads only when a basemap is drawn
        import contextily

        limits = ax.get_xlim(), ax.get_ylim()
        contextily.add_basemap(
            ax,
            source=url,
            crs=crs.to_wkt(),
            attribution=False,
            reset_extent=False,
            zorder=0,
            timeout=FETCH_TIMEOUT_S,
        )
        ax.set_xlim(*limits[0])
        ax.set_ylim(*limits[1])
    except Exception as error:  # any network, HTTP or decoding failure means: no tiles
        return TileResult(
            False, reason=f"tiles could not load ({type(error).__name__}); vector basemap drawn"
        )
    for image in ax.images:
        image.set_gid("tiles")
    return TileResult(True, attribution=attribution)
