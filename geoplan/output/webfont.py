"""The CJK web font the app and its map serve themselves, so Chinese shows in any browser, offline.

A browser without a Chinese system font (a bare Linux, a kiosk, headless Chromium) draws every place name as
empty boxes.  The app therefore serves a subset of Noto Sans CJK SC (the face the static maps use, from the
``noto-cjk-sans-otc`` package, SIL OFL 1.1): the 6,763 hanzi and the symbols of GB 2312, ASCII and every
character of the gazetteer's names (a few rare ones: 牤牛河, 韮菜庄乡), as WOFF,
in ``static/vendor/noto-cjk/`` next to its licence.  The page declares it as a face of Streamlit's own font
family for CJK code points only (``unicode-range``), so Latin text keeps Streamlit's font; the map's CSS
(``cjk.css``, loaded with Leaflet's, written with the font from the same rule) adds it to Leaflet's font stack.

``python -m geoplan.output.webfont`` rebuilds the subset (needs the font package; a few tens of seconds).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.output.offline import VENDOR_DIR
from geoplan.output.render.fonts import cjk_font_path

#: The folder of the served font, its CSS and licence, under ``static/vendor``.
WEBFONT_FOLDER = "noto-cjk"
#: The subset font file.
WEBFONT_FILE = "NotoSansCJKsc-GB2312.woff"
#: The family name the map's CSS gives the served face.
MAP_FAMILY = "geoplan CJK"
#: The font stack of the map's own text (legend, layer control, notices, labels): the served face after Arial.
MAP_FONT = f'Arial,"{MAP_FAMILY}",sans-serif'
#: The family of Streamlit's text (its ``bodyFont``): the served face joins it for CJK code points.
PAGE_FAMILY = "Source Sans"
#: Code points the served face is used for: CJK symbols and punctuation, ideographs (extension A and the
#: unified block), and the full-width forms.
UNICODE_RANGE = "U+3000-303F, U+3400-4DBF, U+4E00-9FFF, U+FF00-FFEF"
#: The face of the font collection for Simplified Chinese.
SOURCE_FACE = "Noto Sans CJK SC"


def webfont_path() -> Path:
    """The served subset on disk."""
    return VENDOR_DIR / WEBFONT_FOLDER / WEBFONT_FILE


def font_face(family: str, url: str) -> str:
    """An ``@font-face`` rule giving ``family`` the served face for CJK code points."""
    return (
        f'@font-face{{font-family:"{family}";src:url("{url}") format("woff");'
        f"unicode-range:{UNICODE_RANGE};font-weight:100 900;font-display:swap}}"
    )


#: The map's stylesheet, ``cjk.css`` beside the font (written by :func:`build`).
MAP_STYLESHEET = "cjk.css"


def map_stylesheet() -> str:
    """The text of the map's stylesheet: the served face under :data:`MAP_FAMILY` (its url relative to the sheet)
    and Leaflet's font stack with it."""
    return (
        "/* geoplan: Chinese in the map with the served face (geoplan/output/webfont.py, which writes this file). */\n"
        f"{font_face(MAP_FAMILY, WEBFONT_FILE)}\n"
        f'body,.leaflet-container{{font-family:"Helvetica Neue",Arial,Helvetica,"{MAP_FAMILY}",sans-serif}}\n'
    )


def page_style(asset_base: str) -> str:
    """The ``<style>`` element that lets the Streamlit page draw Chinese with the served face
    (``asset_base``: where ``static/vendor`` is served, :func:`geoplan.output.offline.asset_base`)."""
    return f"<style>{font_face(PAGE_FAMILY, f'{asset_base}/{WEBFONT_FOLDER}/{WEBFONT_FILE}')}</style>"


def gb2312_characters() -> str:
    """Every character GB 2312 encodes (its symbols rows 1–9 and its 6,763 hanzi), and printable ASCII."""
    chars = {chr(code) for code in range(0x20, 0x7F)}
    for high in (*range(0xA1, 0xAA), *range(0xB0, 0xF8)):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(sorted(chars))


def served_characters() -> str:
    """The characters the served face holds: :func:`gb2312_characters` and those of the gazetteer's names."""
    names = "".join(f"{place.name}{''.join(place.aliases)}" for place in Gazetteer.load().records())
    return "".join(sorted(set(gb2312_characters()) | set(names)))


def build(out: Path | None = None) -> Path:
    """Write the subset (see the module docstring) and return its path."""
    # imported here, not at the top: only rebuilding the served font needs fontTools' subsetter
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    source = cjk_font_path()
    names = [face["name"].getDebugName(1) for face in TTCollection(str(source), lazy=True).fonts]
    font = TTFont(str(source), fontNumber=names.index(SOURCE_FACE))
    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=served_characters())
    subsetter.subset(font)
    font.flavor = options.flavor
    buffer = io.BytesIO()
    font.save(buffer)
    path = out or webfont_path()
    path.write_bytes(buffer.getvalue())
    (path.parent / MAP_STYLESHEET).write_text(map_stylesheet(), encoding="utf-8")
    return path


if __name__ == "__main__":
    written = build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"{written}: {written.stat().st_size:,} bytes")
