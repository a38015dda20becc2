"""Issue 15, third round: span rules measured on the reference plans (countries named by abbreviation runs, …)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import PlanPlaces, geoparse
from geoplan.read.plan import read


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def finder(gazetteer: Gazetteer) -> MentionFinder:
    return MentionFinder.from_gazetteer(gazetteer)


@pytest.fixture(scope="module")
def parsed(plan_files: list[Path], gazetteer: Gazetteer) -> dict[str, PlanPlaces]:
    return {path.name[:3]: geoparse(read(path), gazetteer) for path in plan_files}


def _runs(places: PlanPlaces) -> Counter[str]:
    """Mentions of several countries by abbreviation (foreign, of abbreviation characters only)."""
    return Counter(
        m.surface for m in places.mentions if m.type == "foreign" and set(m.surface) <= set("蒙俄欧美日韩")
    )


def test_countries_named_by_their_abbreviations(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 001 says 面向俄蒙欧 (Russia, Mongolia, Europe) 13 times in its opening-up chapter, plan 003 美欧、日韩,
    plan 000 与蒙俄; 中蒙俄 before 经济走廊 or 经贸合作 qualifies what follows and is not taken."""
    runs_001, runs_003 = _runs(parsed["001"]), _runs(parsed["003"])
    assert runs_001["俄蒙欧"] >= 13
    assert runs_003["美欧"] >= 1 and runs_003["日韩"] >= 2
    assert _runs(parsed["000"])["蒙俄"] >= 4
    for places in parsed.values():
        for mention in places.mentions:
            if mention.type == "foreign" and set(mention.surface) <= set("蒙俄欧美日韩"):
                assert mention.place is None and "outside the region" in mention.reason  # never the issuer
                assert places.plan.text[mention.start - 1] != "中"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深化与俄蒙欧企业的合作", ["俄蒙欧"]),
        ("深耕美欧、日韩等传统市场", ["美欧", "日韩"]),
        ("积极参与中蒙俄经济走廊建设", []),
        ("完美日子", []),
        ("发展蒙医蒙药", []),
        ("日日夜夜", []),
    ],
)
def test_an_abbreviation_run_is_a_word_of_its_own(
    finder: MentionFinder, text: str, expected: list[str]
) -> None:
    assert [m.surface for m in finder.find(text) if m.rule == "abbreviations"] == expected


def test_gullies_are_named_by_their_suffix(parsed: dict[str, PlanPlaces]) -> None:
    """X沟 names a gully when X reads as a name; a town written before it is part of the one outermost name
    (plan 002's flood works: 巴音镇查干布尔嘎斯沟, 呼和镇玻璃庙沟; plan 001's 哈拉更沟, 奎素沟)."""
    rivers_002 = {m.surface for m in parsed["002"].mentions if m.type == "river"}
    assert {"巴音镇查干布尔嘎斯沟", "呼和镇玻璃庙沟", "乌盖苏木舒德沟"} <= rivers_002
    assert {"哈拉更沟", "奎素沟"} <= {m.surface for m in parsed["001"].mentions if m.type == "river"}
    gully = next(m for m in parsed["002"].mentions if m.surface == "巴音镇查干布尔嘎斯沟")
    assert gully.place is not None and gully.place.name == "巴音宝力格镇"  # 巴音镇, the town in its name


@pytest.mark.parametrize("text", ["加强沟通协作", "治理山沟", "修建排水沟渠", "侵蚀沟治理", "城乡沟壑纵横"])
def test_words_with_gou_are_no_gullies(finder: MentionFinder, text: str) -> None:
    assert [m.surface for m in finder.find(text) if m.type == "river"] == []


def test_scenic_places_named_by_their_suffix(parsed: dict[str, PlanPlaces]) -> None:
    """Scenic areas and parks the gazetteer lacks, each one outermost mention with the place written before it
    (plan 003's tourism list, plan 002's parks, plan 000's 正蓝旗浑善达克沙地公园)."""
    scenic = {
        key: {m.surface for m in places.mentions if m.type == "scenic"} for key, places in parsed.items()
    }
    assert {"响沙湾旅游区", "库布其沙漠七星湖生态旅游区", "准格尔黄河大峡谷旅游区"} <= scenic["003"]
    assert {"阳山生态公园", "阴山岩画主题公园", "乌拉特后旗长城文化遗址公园"} <= scenic["002"]
    assert {"正蓝旗浑善达克沙地公园", "洪格尔高勒镇响泉景区"} <= scenic["000"]
    assert {"雅玛图森林公园", "敕勒川风情温泉度假区"} <= scenic["001"]


@pytest.mark.parametrize("text", ["建设口袋公园", "打造山地体育公园", "建设骑行公园", "发展呼包鄂乌旅游区"])
def test_a_kind_of_park_is_no_scenic_name(finder: MentionFinder, text: str) -> None:
    assert [m.surface for m in finder.find(text) if m.type == "scenic"] == []


def test_city_streets_named_by_their_suffix(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 001's old-town and road chapters name streets (丰州路, 哈拉沁东路, 成吉思汗大街, 公主府街)."""
    streets = {m.surface for m in parsed["001"].mentions if m.type == "street"}
    assert {"丰州路", "哈拉沁东路", "成吉思汗大街", "公主府街", "新华大街", "赛马场北路"} <= streets
    assert "大青山街道路" not in streets  # the roads of 大青山街道, no street's name


@pytest.mark.parametrize(
    "text",
    [
        "拓宽发展思路",
        "畅通城乡道路",
        "发展集成电路产业",
        "共建一带一路",
        "打造文旅街区",
        "实施乌拉特后旗自然村通硬化路",
    ],
)
def test_words_ending_in_road_are_no_streets(finder: MentionFinder, text: str) -> None:
    assert [m.surface for m in finder.find(text) if m.type == "street"] == []


def test_sea_ports_named_by_their_suffix(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 000 (曹妃甸港、天津港、锦州港) and plan 002 (天津港) name the sea ports their trade goes through: each one
    port mention, not the city (天津) inside it."""
    ports_000 = {m.surface for m in parsed["000"].mentions if m.type == "port"}
    assert {"曹妃甸港", "天津港", "锦州港"} <= ports_000
    assert "天津港" in {m.surface for m in parsed["002"].mentions if m.type == "port"}
    assert "天津" not in {m.surface for m in parsed["002"].mentions}


@pytest.mark.parametrize("text", ["推动港澳合作", "建设空港物流园", "完善港口设施", "推进海港、陆港联动"])
def test_words_with_gang_are_no_ports(finder: MentionFinder, text: str) -> None:
    assert [m.surface for m in finder.find(text) if m.type == "port" and m.surface.endswith("港")] == []
