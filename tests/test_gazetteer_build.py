"""The township step of ``geoplan gazetteer build``: the pinyin match to GeoNames romanised names."""

from __future__ import annotations

import pytest

from geoplan.geocode.gazetteer import Gazetteer


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Tumu’ertai", "tumuertai"),
        ("Lasengmiao Zhen", "lasengmiao"),
        ("Nurigai Sumu", "nurigai"),
        ("Baiyin Chagan", "baiyinchagan"),
        ("Yuanbaoshan Qu", "yuanbaoshanqu"),  # a district's name keeps its suffix: never a town's stem
    ],
)
def test_roman_key(name, key):
    from geoplan.geocode.gazetteer_build import roman_key

    assert roman_key(name) == key


def test_pinyin_key_matches_the_roman_key_of_the_same_name():
    pytest.importorskip("pypinyin")
    from geoplan.geocode.gazetteer_build import pinyin_key

    assert pinyin_key("土牧尔台") == "tumuertai"
    assert pinyin_key("白音察干") == "baiyinchagan"
    assert pinyin_key("吕家") == "lujia"  # ü written as u, as GeoNames does


def test_towns_found_by_pinyin_sit_at_their_geonames_point(shipped_gazetteer: Gazetteer):
    """Towns whose Chinese name GeoNames lacks, found by the pinyin of their stem inside their banner
    (cities500: 2034423 Tumu’ertai 113.14286 41.84228; 2038388 Baiyin Chagan 113.18333 41.45333)."""
    expected = {
        "town:150928:土牧尔台镇": (2034423, 113.14286, 41.84228),
        "town:150928:白音察干镇": (2038388, 113.18333, 41.45333),
    }
    for place_id, (geonameid, lon, lat) in expected.items():
        town = shipped_gazetteer.get(place_id)
        assert town.precision == "town"
        assert f"GeoNames {geonameid}" in town.geometry_source
        assert "pinyin" in town.geometry_source
        assert (round(town.point.x, 5), round(town.point.y, 5)) == (lon, lat)
