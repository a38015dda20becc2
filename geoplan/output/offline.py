"""Serve the web map's JavaScript/CSS from the app itself, never from a CDN.

folium loads Leaflet (and jQuery, Bootstrap, Font Awesome…) from public CDNs by default; those are blocked
in some networks and absent offline.  The map geoplan draws needs Leaflet only, which is vendored under
``static/vendor/`` (see its README for versions and licences) and served by Streamlit's static file
serving (``.streamlit/config.toml``: ``server.enableStaticServing``) at ``/app/static/vendor/``.
:func:`localize` rewrites every element of a folium map to those copies and refuses any element whose
assets are not vendored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import branca
import folium
from folium.elements import JSCSSMixin

from geoplan.errors import GeoplanError
from geoplan.resources import STATIC_DIR

#: Where the vendored files live on disk.
VENDOR_DIR = STATIC_DIR / "vendor"
#: Where Streamlit serves ``static/vendor`` (prefix it with the server's base URL path, if any).
DEFAULT_ASSET_BASE = "/app/static/vendor"

#: Vendored assets: ``(kind, name, path under static/vendor)``.
VENDORED: tuple[tuple[str, str, str], ...] = (
    ("js", "leaflet", "leaflet/leaflet.js"),
    ("css", "leaflet_css", "leaflet/leaflet.css"),
    # Chinese labels with the served CJK face (geoplan/output/webfont.py), after Leaflet's own font rule
    ("css", "cjk_css", "noto-cjk/cjk.css"),
)
#: Plugins the map may carry, by folium class name: their vendored ``(kind, name, path)`` assets.
VENDORED_PLUGINS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "Draw": (
        ("js", "leaflet_draw_js", "leaflet-draw/leaflet.draw.js"),
        ("css", "leaflet_draw_css", "leaflet-draw/leaflet.draw.css"),
    ),
}


class OfflineAssetError(GeoplanError):
    """A map element needs a JavaScript/CSS asset that is not vendored."""


def asset_base(base_url_path: str | None = None) -> str:
    """The URL prefix of the vendored assets under Streamlit's ``server.baseUrlPath``."""
    prefix = (base_url_path or "").strip("/")
    return f"/{prefix}{DEFAULT_ASSET_BASE}" if prefix else DEFAULT_ASSET_BASE


def vendored_files() -> list[Path]:
    """The files the map loads, on disk (each must exist)."""
    plugins = [asset for assets in VENDORED_PLUGINS.values() for asset in assets]
    return [VENDOR_DIR / rel for _, _, rel in (*VENDORED, *plugins)]


def _elements(root: branca.element.Element) -> Iterator[branca.element.Element]:
    yield root
    for child in root._children.values():
        yield from _elements(child)


def localize(fmap: folium.Map, base: str = DEFAULT_ASSET_BASE) -> folium.Map:
    """Point every element of ``fmap`` at the vendored assets (in place; returns ``fmap``).

    The map itself gets Leaflet only (folium's jQuery/Bootstrap/awesome-markers defaults are not used by
    geoplan's maps), a vendored plugin (:data:`VENDORED_PLUGINS`) its own copies.  Any other element that
    declares JS/CSS raises :class:`OfflineAssetError`.
    """
    js = [(name, f"{base}/{rel}") for kind, name, rel in VENDORED if kind == "js"]
    css = [(name, f"{base}/{rel}") for kind, name, rel in VENDORED if kind == "css"]
    for element in _elements(fmap):
        plugin = VENDORED_PLUGINS.get(type(element).__name__)
        if element is fmap:
            element.default_js = list(js)
            element.default_css = list(css)
        elif plugin is not None:
            element.default_js = [(name, f"{base}/{rel}") for kind, name, rel in plugin if kind == "js"]
            element.default_css = [(name, f"{base}/{rel}") for kind, name, rel in plugin if kind == "css"]
        elif isinstance(element, JSCSSMixin) and (element.default_js or element.default_css):
            raise OfflineAssetError(
                f"{type(element).__name__} needs assets that are not vendored: "
                f"{[url for _, url in [*element.default_js, *element.default_css]]}"
            )
    return fmap


def remote_urls(fmap: folium.Map) -> list[str]:
    """Every JS/CSS URL the map's elements declare that is not served by the app."""
    urls = []
    for element in _elements(fmap):
        for _, url in [*getattr(element, "default_js", []), *getattr(element, "default_css", [])]:
            if "://" in url or url.startswith("//"):
                urls.append(url)
    return urls
