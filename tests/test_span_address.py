"""Issue 15, span conventions: a league or banner written before a sight is its address, and a rank word before a class word
is part of the name (sentences written for these tests, none copied from a plan or a corpus text)."""

from __future__ import annotations

import pytest
from helpers import found

from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import PlanPlaces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a league in full, then a sight named after a lake, a mountain or a river: two mentions
        (
            "游客来到巴彦淖尔市乌梁素海生态旅游区观鸟。",
            [("巴彦淖尔市", None), ("乌梁素海生态旅游区", "scenic")],
        ),
        ("计划提升呼和浩特市大青山森林生态景区。", [("呼和浩特市", None), ("大青山森林生态景区", "scenic")]),
        ("乌海市黄河湿地得到修复。", [("乌海市", None), ("黄河湿地", "wetland")]),
        ("新建包头市黄河湿地公园。", [("包头市", None), ("黄河湿地公园", "wetland")]),
        # a banner in full before a sight with a name of its own, recorded or not (the annotation guide)
        ("游客走进杭锦旗库布其沙漠公园。", [("杭锦旗", None), ("库布其沙漠公园", "scenic")]),
        ("开鲁县白塔公园已免费开放。", [("开鲁县", None), ("白塔公园", "scenic")]),
        ("修缮多伦县双山水库。", [("多伦县", None), ("双山水库", "reservoir")]),
        # a town in full and a side of it: where the place after them lies
        ("在锡尼镇南阿日善湖畔建设步道。", [("锡尼镇", None), ("阿日善湖", "lake")]),
        # the name of its own holds a recorded region's name the dictionary counts as a word ('河套')
        ("推动杭锦后旗河套民俗特色小镇建设。", [("杭锦后旗", None), ("河套民俗特色小镇", "scenic")]),
        # a league, then its banner, then the place: three mentions
        (
            "位于鄂尔多斯市杭锦旗库布其大沙漠境内",
            [("鄂尔多斯市", None), ("杭锦旗", None), ("库布其大沙漠", "desert")],
        ),
        # a league by its short name before a sight named by a recorded lake: its address too
        ("游客在呼伦贝尔呼伦湖旅游景区乘船。", [("呼伦贝尔", None), ("呼伦湖旅游景区", "scenic")]),
        # the province, its league and its banner before a sight (a full address): four mentions
        (
            "公司投资建设内蒙古乌兰察布市凉城县岱海旅游景区。",
            [("内蒙古", None), ("乌兰察布市", None), ("凉城县", None), ("岱海旅游景区", "scenic")],
        ),
        (
            "鄂前旗上海庙煤炭物流园铁路专用线开工。",
            [("鄂前旗", None), ("上海庙煤炭物流园铁路专用线", "railway")],
        ),
    ],
)
def test_a_unit_before_a_sight_is_its_address(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a park keeps its unit, a league's too (the annotation guide: 乌拉特后旗工业园区 is one park)
        ("阿拉善盟乌兰布和生态产业园开工。", [("阿拉善盟乌兰布和生态产业园", "park")]),
        # a city's zoo or botanical garden is one sight named by the city; with no name before it, a kind
        (
            "参观鄂尔多斯植物园和呼和浩特动物园。",
            [("鄂尔多斯植物园", "scenic"), ("呼和浩特动物园", "scenic")],
        ),
        ("建设城市植物园。", []),
        # a sight named after a natural feature the gazetteer lacks ('黄花沟', as '月亮湖'); a bank's park is a kind
        ("杏花沟风景区游人如织。", [("杏花沟风景区", "scenic")]),
        ("大红山景区和百灵湖民族渡假村", [("大红山景区", "scenic"), ("百灵湖民族渡假村", "scenic")]),
        ("新建骑行公园。", []),
        # the little town a county-level city is, written 'X小镇', is that city; a project's town named by the city
        # and its trade stays one sight
        ("夜里的阿尔山小镇灯火通明。", [("阿尔山", None)]),
        ("建设康巴什数字金融小镇。", [("康巴什数字金融小镇", "scenic")]),
        # a sight named by its unit and common words only: one mention (智慧: a common word jieba tags nr)
        ("参观扎鲁特旗宗教博物馆。", [("扎鲁特旗宗教博物馆", "scenic")]),
        ("建设乌拉特后旗智慧博物馆。", [("乌拉特后旗智慧博物馆", "scenic")]),
    ],
)
def test_a_banner_or_a_park_keeps_its_unit(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the rank word between a known name and the class word belongs to the name
        (
            "保护乌梁素海国家湿地公园和哈素海国家自然保护区。",
            [("乌梁素海国家湿地公园", "wetland"), ("哈素海国家自然保护区", "reserve")],
        ),
        ("推进黄河国家湿地公园建设。", [("黄河国家湿地公园", "wetland")]),
        # a rank and a class word with no name before them name a status, no place
        ("争创国家湿地公园。", []),
        ("申报国家自然保护区。", []),
    ],
)
def test_a_rank_word_before_a_class_word_is_part_of_the_name(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(finder, text) == expected


def test_reference_plans_read_a_banner_before_a_sight_as_its_address(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 000 writes a banner right before a sandy-land park: the banner and the park are two mentions, the park
    located in that banner, with no sandy land cut out of the park's name."""
    mentions = parsed["000"].mentions
    parks = [m for m in mentions if m.surface == "浑善达克沙地公园"]
    assert parks
    for park in parks:
        before = [m for m in mentions if m.end == park.start]
        assert [m.surface for m in before] == ["正蓝旗"]
        assert park.place is not None and park.place.id == before[0].place.id == "banner:152530"
        assert [m.surface for m in mentions if m.start < park.end and park.start < m.end] == [park.surface]


def test_reference_plans_keep_national_wetland_parks_whole(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 003 names two national wetland parks side by side: each is one mention of its own record, the rank word
    inside the name (the suffix rule for 'X国家湿地公园' leaves recorded names as they are)."""
    parks = [
        (m.surface, m.place.id)
        for m in parsed["003"].mentions
        if m.surface.endswith("国家湿地公园") and m.place
    ]
    # one record per place: the plan's 乌兰淖尔 park is the 达拉特旗 park's other name (gazetteer/README.md)
    assert ("乌兰淖尔国家湿地公园", "wetland:内蒙古达拉特旗乌兰淖尔国家湿地公园") in parks
    assert ("萨拉乌苏国家湿地公园", "wetland:萨拉乌苏国家湿地公园") in parks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a designation opening with the region's name: one mention, the place's official name (recorded or not)
        (
            "内蒙古达里诺尔国家级自然保护区是候鸟栖息地。",
            [("内蒙古达里诺尔国家级自然保护区", "reserve:达里诺尔国家级自然保护区")],
        ),
        ("内蒙古巴润哈达国家湿地公园开园。", [("内蒙古巴润哈达国家湿地公园", "")]),
        # the region's name before a unit is the unit's address: two mentions
        ("内蒙古阿拉善盟地处西部。", [("内蒙古", "province:150000"), ("阿拉善盟", "league:152900")]),
    ],
)
def test_a_designation_written_with_the_regions_name_is_one_name(
    finder: MentionFinder, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [
        (surface, ids[0] if ids else "") for surface, ids in found(finder, text, ("surface", "place_ids"))
    ] == expected


def test_a_sight_named_by_a_whole_reserve_is_one_mention(finder: MentionFinder) -> None:
    """'X国家级自然保护区旅游区': the sight is named by the reserve's whole name, rank word and all — one mention
    (the outermost name, as the annotation guide has it), not the reserve alone."""
    assert found(finder, "全旗有图牧吉国家级自然保护区旅游区。") == [
        ("图牧吉国家级自然保护区旅游区", "scenic")
    ]
