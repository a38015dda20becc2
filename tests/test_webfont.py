"""The CJK web font the app serves itself (geoplan/output/webfont.py): present, a real WOFF, covering every name."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from geoplan.app import MAP_TITLE
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.output.offline import VENDOR_DIR, VENDORED, asset_base
from geoplan.output.webfont import (
    MAP_FAMILY,
    MAP_FONT,
    MAP_STYLESHEET,
    PAGE_FAMILY,
    UNICODE_RANGE,
    WEBFONT_FILE,
    WEBFONT_FOLDER,
    map_stylesheet,
    page_style,
    webfont_path,
)
from geoplan.output.webmap import CONTROL_CSS, OFFLINE_CSS


def test_the_served_face_is_a_woff_holding_every_name_of_the_gazetteer(gazetteer: Gazetteer) -> None:
    path = webfont_path()
    assert path.read_bytes()[:4] == b"wOFF"
    font = TTFont(str(path))
    covered = set(font.getBestCmap())
    names = "".join(place.name for place in gazetteer.records()) + MAP_TITLE + "图集筛选旗县区盟市"
    missing = {char for char in names if ord(char) >= 0x3000 and ord(char) not in covered}
    assert missing == set()
    assert font["name"].getDebugName(1).startswith("Noto Sans CJK SC")
    assert (path.parent / "LICENSE").read_text(encoding="utf-8").startswith("This Font Software is licensed")


def test_the_page_and_the_map_declare_the_served_face() -> None:
    style = page_style(asset_base(None))
    assert f'font-family:"{PAGE_FAMILY}"' in style and UNICODE_RANGE in style
    assert f"/app/static/vendor/{WEBFONT_FOLDER}/{WEBFONT_FILE}" in style
    assert page_style(asset_base("/maps")).count("/maps/app/static/vendor/") == 1
    # the map loads the CSS with Leaflet's (offline.localize), and its own text names the face too
    css = [rel for kind, _, rel in VENDORED if kind == "css"]
    assert f"{WEBFONT_FOLDER}/cjk.css" in css
    sheet = (VENDOR_DIR / WEBFONT_FOLDER / MAP_STYLESHEET).read_text(encoding="utf-8")
    assert sheet == map_stylesheet()  # the file is what the module writes (python -m geoplan.output.webfont)
    assert f'font-family:"{MAP_FAMILY}"' in sheet and f'url("{WEBFONT_FILE}")' in sheet
    assert MAP_FONT in CONTROL_CSS and MAP_FONT in OFFLINE_CSS
