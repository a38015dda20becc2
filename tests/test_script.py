"""Texts in traditional characters: geoparsed as simplified writing, their names reported as written."""

from __future__ import annotations

from pathlib import Path

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read
from geoplan.read.script import has_traditional, simplified
from geoplan.resources import REFERENCE_PLANS


def test_traditional_characters_become_simplified_one_for_one() -> None:
    assert simplified("呼倫貝爾市位於內蒙古東北部") == "呼伦贝尔市位于内蒙古东北部"
    assert simplified("乾隆年間，氣候乾燥") == "乾隆年间，气候干燥"  # by phrase: a name's 乾 stays


def test_simplified_text_is_returned_as_it_is() -> None:
    text = "鄂尔多斯市东胜区\n乌拉特后旗"
    assert not has_traditional(text) and simplified(text) is text


def test_only_lines_holding_traditional_characters_change() -> None:
    text = "乾隆\n發展的鄂爾多斯\n"
    assert simplified(text) == "乾隆\n发展的鄂尔多斯\n"


def test_characters_of_simplified_writing_keep_their_form() -> None:
    """乾 (of 乾安县), 於, 後 are simplified characters too: a simplified text is left alone, and inside a
    traditional line they keep their form (OpenCC's phrase table would write 干安县)."""
    assert not has_traditional("吉林省乾安县於后")
    assert simplified("與吉林省乾安縣合作") == "与吉林省乾安县合作"


def test_a_simplified_text_names_a_county_written_with_such_a_character(gazetteer: Gazetteer) -> None:
    from geoplan.read.model import Plan, PlanMeta

    meta = PlanMeta("通辽市", "league", None, "14th", False, (2021, 2025), "test")
    places = geoparse(Plan(Path("t.txt"), meta, "通辽市与吉林省乾安县开展合作。"), gazetteer)
    assert "乾安县" in {m.surface for m in places.mentions}


def test_the_reference_plans_keep_their_length() -> None:
    """Plans extracted from PDFs hold a few traditional characters; every offset must still hold."""
    for path in sorted(REFERENCE_PLANS.glob("*.txt")):
        text = read(path).text
        assert len(simplified(text)) == len(text)


def test_a_traditional_text_names_its_places_as_written(gazetteer: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(
        "呼倫貝爾市概況\n呼倫貝爾市轄海拉爾區、滿洲里市和額爾古納市，境內有呼倫湖。", encoding="utf-8"
    )
    places = geoparse(read(path), gazetteer)
    found = {m.surface: m.place.id for m in places.mentions if m.place is not None}
    assert found["呼倫貝爾市"] == "league:150700"
    assert found["滿洲里市"] == "banner:150781" and found["額爾古納市"] == "banner:150784"
    assert found["海拉爾區"] == "banner:150702"
    assert "呼倫湖" in found
    text = read(path).text
    assert all(text[m.start : m.end] == m.surface for m in places.mentions)


def test_is_simplified_is_remembered_per_character() -> None:
    from geoplan.read.script import is_simplified

    is_simplified.cache_clear()
    assert is_simplified("发") and not is_simplified("發")
    assert is_simplified("发") and not is_simplified("發")  # the second time from the memo
    info = is_simplified.cache_info()
    assert (info.hits, info.currsize) == (2, 2)


def test_compacted_drops_glosses_and_doubled_dashes_and_maps_back() -> None:
    from geoplan.read.script import compacted

    written = "內(nèi)蒙古(2019年)海拉尔——满洲里，伊敏――伊尔施，——坚持"
    text, origin = compacted(written)
    assert text == "內蒙古(2019年)海拉尔—满洲里，伊敏—伊尔施，——坚持"
    assert origin is not None and len(origin) == len(text) + 1
    assert written[origin[0] : origin[2] + 1] == "內(nèi)蒙古"
    assert all(written[origin[i]] == text[i] or text[i] == "—" for i in range(len(text)))
    assert compacted("乌海至银川——") == ("乌海至银川——", None)


def test_the_particle_zhe_is_written_as_simplified_writing_writes_it() -> None:
    """Traditional 著 is the particle 着 after a verb ('標誌著', '隨著'), and stays 著 where it is read zhù
    ('著名', '顯著'); the text keeps its length."""
    text = "標誌著鐵路貫通，隨著經濟發展，顯著提高，著名景區。"
    converted = simplified(text)
    assert converted == "标志着铁路贯通，随着经济发展，显著提高，著名景区。"
    assert len(converted) == len(text)
