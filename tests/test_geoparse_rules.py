"""Issue 15, third round: span rules measured on the reference plans (countries named by abbreviation runs, …)."""

from __future__ import annotations

from collections import Counter

import pytest

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import PlanPlaces


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
    """Scenic areas and parks the gazetteer lacks, each one outermost mention with the town written before it
    (plan 003's tourism list, plan 002's parks, plan 000's 洪格尔高勒镇响泉景区); a banner written before one is its
    address, a mention of its own (plan 002's 乌拉特后旗长城文化遗址公园, plan 000's 正蓝旗浑善达克沙地公园)."""
    scenic = {
        key: {m.surface for m in places.mentions if m.type == "scenic"} for key, places in parsed.items()
    }
    assert {"响沙湾旅游区", "库布其沙漠七星湖生态旅游区", "准格尔黄河大峡谷旅游区"} <= scenic["003"]
    assert {"阳山生态公园", "阴山岩画主题公园", "长城文化遗址公园"} <= scenic["002"]
    assert {"浑善达克沙地公园", "洪格尔高勒镇响泉景区"} <= scenic["000"]
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


# -- issue 15, precision round: organisations, brands, process words, class words of zones ----------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("依托京津冀协同创新中心", []),
        ("支持内蒙古某某能源有限公司扩能", []),
        ("建设蒙东区域科创中心", []),
        ("新建阿荣旗第一中学", ["阿荣旗"]),
        ("推进包头创新中心实体化运行", ["包头"]),
        ("打造“赤峰文创”品牌", []),
        ("提升额济纳文旅品牌影响力", []),
        ("推广库布其模式", []),
        ("建设呼伦贝尔市中心城区", ["呼伦贝尔市"]),
        ("把通辽建设为区域物流中心", ["通辽"]),
        ("地处华北经济区中心地带", ["华北经济区"]),
        ("确立京津冀中心地位", ["京津冀"]),
    ],
)
def test_a_place_heading_an_organisation_or_brand_is_no_mention(
    finder: MentionFinder, text: str, kept: list[str]
) -> None:
    """The guide skips organisation, company and brand names: a wide area (province, region, place outside)
    followed, in one word run, by an organisation word (中心, 分校, 有限公司 …) heads such a name, and any place
    followed by at most two characters and 品牌/模式 heads a brand; an organisation named after a league, banner
    or town stands there (the unit locates it, the mention stays), and a 中心 after a function word or before 城区
    is no organisation, nor one before 地 or 位 (中心地带, 中心地位: the middle of the area)."""
    assert [m.surface for m in finder.find(text) if m.place_ids] == kept


def test_organisations_and_brands_in_the_plans(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 001 names a 京津冀国家技术创新中心 and a 内蒙古数据要素综合服务中心, plan 003 its “鄂尔多斯文创”品牌 and
    the 库布其模式: none is a place mention; 京津冀 and 鄂尔多斯 are found elsewhere on those plans."""
    for key, name, tail in (
        ("001", "京津冀", "国家技术创新中心"),
        ("001", "内蒙古", "数据要素综合服务中心"),
        ("003", "鄂尔多斯", "文创"),
    ):
        text = parsed[key].plan.text
        at = text.index(name + tail)
        assert not any(m.start == at for m in parsed[key].mentions), (name, tail)
        assert any(m.surface.startswith(name) for m in parsed[key].mentions)
    text = parsed["003"].plan.text
    at = text.index("库布其模式")
    assert not any(m.start <= at < m.end for m in parsed["003"].mentions)


@pytest.mark.parametrize(
    ("text", "kept"), [("推进巴丹吉林沙漠化防治", ["巴丹吉林"]), ("防治科尔沁沙地化", ["科尔沁"])]
)
def test_a_class_word_before_hua_is_a_process(finder: MentionFinder, text: str, kept: list[str]) -> None:
    """沙漠化/沙地化 is desertification: the class word is not part of the name before it."""
    assert [m.surface for m in finder.find(text)] == kept


def test_desertification_keeps_the_sandy_lands_name(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 003 writes 毛乌素沙漠化防治: the mention is 毛乌素, not a 毛乌素沙漠."""
    text = parsed["003"].plan.text
    at = text.index("毛乌素沙漠化")
    mention = next(m for m in parsed["003"].mentions if m.start == at)
    assert mention.surface == "毛乌素" and mention.place is not None


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("加快满洲里跨境电子商务综合试验区建设", "满洲里跨境电子商务综合试验区", "park"),
        ("推进阿尔山边境旅游试验区建设", "阿尔山边境旅游试验区", "park"),
        ("推进二连浩特口岸边民互市贸易区申建", "二连浩特口岸边民互市贸易区", "park"),
        ("推动芝瑞抽水蓄能电站建设", "芝瑞抽水蓄能电站", "reservoir"),
        ("推动大兴安岭大峡谷创建景区", "大兴安岭大峡谷", "scenic"),
        ("建设阿尔山森林风景道", "阿尔山森林风景道", "road"),
    ],
)
def test_zone_and_work_class_words(finder: MentionFinder, text: str, surface: str, kind: str) -> None:
    """试验区, 互市贸易区, 抽水蓄能电站, 大峡谷 and 风景道 end names; the place before them is part of the one name."""
    assert [(m.surface, m.type) for m in finder.find(text) if m.surface == surface] == [(surface, kind)]
    assert len([m for m in finder.find(text) if m.start < len(surface)]) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("改造省道 101 线通辽机场路", [("通辽机场路", "road")]),
        ("建设满洲里口岸公路", [("满洲里口岸公路", "road")]),
        ("推动赤峰—通辽机场高速公路建设", [("赤峰", None), ("通辽机场", None)]),
        ("完善机场路网", []),
    ],
)
def test_a_road_named_after_a_facility(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    """'X机场路' is the road to X's airport: one road mention (its qualifier the airport); after a corridor
    connector the facility is a line's end and stays the facility; '机场路网' is no road's name."""
    found = [(m.surface, m.type) for m in finder.find(text) if m.rule != "route"]
    assert [pair for pair in found if pair[0] in {e[0] for e in expected}] == expected
    assert len(found) == len(expected)


def test_airport_roads_in_plan_000(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 000 lists 省道 543 线东乌旗机场路 and 省道 544 线正蓝旗机场路: roads, not the airports."""
    surfaces = {m.surface: m for m in parsed["000"].mentions}
    assert surfaces["东乌旗机场路"].type == "road" and surfaces["正蓝旗机场路"].type == "road"
    assert "东乌旗机场" not in surfaces and "正蓝旗机场" not in surfaces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("加强达里诺尔国家级自然保护区湿地保护", ["达里诺尔国家级自然保护区"]),
        ("修复西辽河沿岸滩涂湿地", ["西辽河"]),
        ("保护科尔沁草原", ["科尔沁草原"]),
    ],
)
def test_a_class_word_after_a_named_or_described_place(
    finder: MentionFinder, text: str, expected: list[str]
) -> None:
    """A class word right after a whole typed name ('…保护区湿地') or after generic words following a place
    ('…沿岸滩涂湿地') describes land of that place; it names no second place."""
    assert [m.surface for m in finder.find(text)] == expected


def test_wetlands_of_a_reserve_in_plan_003(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 003 writes 鄂尔多斯遗鸥国家级自然保护区湿地: the mention is the reserve."""
    text = parsed["003"].plan.text
    at = text.index("鄂尔多斯遗鸥国家级自然保护区湿地")
    mention = next(m for m in parsed["003"].mentions if m.start == at)
    assert mention.surface == "鄂尔多斯遗鸥国家级自然保护区" and mention.place is not None


def test_a_unit_before_a_place_with_a_name_of_its_own_is_its_address(finder: MentionFinder) -> None:
    """A banner written right before an airport, port, park or station that has a name of its own is where it
    is said to be, not part of its name: two mentions, the second standing for the airport (never the banner)."""
    found = finder.find("推动东胜区鄂尔多斯机场改扩建")
    assert [m.surface for m in found] == ["东胜区", "鄂尔多斯机场"]
    assert found[1].place_ids and all(pid.startswith("airport:") for pid in found[1].place_ids)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("强化红山区大青山自然保护区保护", ["红山区", "大青山自然保护区"]),
        ("治理乌拉特前旗乌梁素海湖区", ["乌拉特前旗", "乌梁素海"]),
    ],
)
def test_a_unit_before_a_reserve_or_lake_only_says_where_it_is(
    finder: MentionFinder, text: str, expected: list[str]
) -> None:
    """A reserve's or lake's name does not hold its unit: the unit before it is a mention of its own."""
    assert [m.surface for m in finder.find(text)] == expected


def test_admin_units_in_a_row_stay_two_mentions(finder: MentionFinder) -> None:
    assert [m.surface for m in finder.find("鄂尔多斯市康巴什区")] == ["鄂尔多斯市", "康巴什区"]


def test_a_banner_before_a_reserve_in_plan_001(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 001 names 回民区大青山自然保护区: the banner, then the reserve resolved to the reserve."""
    mention = next(m for m in parsed["001"].mentions if m.surface == "大青山自然保护区")
    assert mention.place is not None and mention.place.type == "reserve"
    before = next(m for m in parsed["001"].mentions if m.end == mention.start)
    assert before.surface == "回民区"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深化与新疆阿拉山口口岸的合作", ["新疆", "阿拉山口口岸"]),
        ("深化与云南磨憨口岸合作", ["云南", "磨憨口岸"]),
    ],
)
def test_a_province_before_a_name_is_its_address(
    finder: MentionFinder, text: str, expected: list[str]
) -> None:
    """Another province written before a name the suffix rules find is the name's address: two mentions."""
    assert [m.surface for m in finder.find(text)] == expected


def test_a_province_before_a_port_in_plan_002(parsed: dict[str, PlanPlaces]) -> None:
    text = parsed["002"].plan.text
    at = text.index("新疆霍尔果斯口岸")
    surfaces = [m.surface for m in parsed["002"].mentions if at <= m.start < at + 8]
    assert surfaces == ["新疆", "霍尔果斯口岸"]


def test_jiedao_before_lu_is_no_subdistrict(finder: MentionFinder) -> None:
    """'X街道路' reads X街 + 道路 (a street's road works): no subdistrict X街道 is found there."""
    assert all(not m.surface.endswith("街道") for m in finder.find("加快推动兴安街道路改造"))
    assert any(m.surface == "兴安街道" for m in finder.find("兴安街道办事处"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实施阿荣旗绕城公路改造", [("阿荣旗绕城公路", "road")]),
        ("建设扎兰屯市环城公路", [("扎兰屯市环城公路", "road")]),
        ("改造阿荣旗农村公路", [("阿荣旗", None)]),
        # a banner written in full after its league: two mentions, and their railway is no line's name
        ("前三季度呼伦贝尔阿荣旗铁路运量增长", [("呼伦贝尔", None), ("阿荣旗", None)]),
    ],
)
def test_a_road_a_place_has_only_one_of(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    """'X旗绕城公路' names the one bypass of X旗 (gazetteer/lexicon/single_route_words.txt); 'X旗农村公路' is a
    class of roads in X旗, so only the banner is a mention."""
    assert [(m.surface, m.type) for m in finder.find(text)] == expected


def test_bypass_roads_in_plan_000(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 000 writes 太仆寺旗绕城公路 twice (provincial and national road lists): both are roads."""
    roads = [m for m in parsed["000"].mentions if m.surface == "太仆寺旗绕城公路"]
    assert len(roads) == 2 and all(m.type == "road" for m in roads)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推动包头博物馆提档升级", ["包头博物馆"]),
        ("建设赤峰市美术馆", ["赤峰市美术馆"]),
        ("建设城市博物馆", []),
        ("新建公铁物流园区", []),
    ],
)
def test_cultural_institutions_and_generic_parks(
    finder: MentionFinder, text: str, expected: list[str]
) -> None:
    """A museum, gallery or theatre with a place or proper name before it is one scenic mention (the place is part
    of the name); a kind of museum or a 公铁 (road-rail) logistics park with no name is none."""
    assert [m.surface for m in finder.find(text)] == expected


def test_institutions_in_plan_001(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 001 names 内蒙古艺术剧院 and 内蒙古科学技术馆: scenic mentions, not the province."""
    surfaces = {m.surface: m.type for m in parsed["001"].mentions}
    assert surfaces.get("内蒙古艺术剧院") == "scenic" and surfaces.get("内蒙古科学技术馆") == "scenic"


def test_a_route_through_a_named_landscape(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 002's 乌拉特戈壁草原风景道 and plan 000's 浑善达克沙地大环线 are roads named after the grassland and
    sandy land they cross: one road mention each, not the grassland or sandy land."""
    assert any(m.surface == "乌拉特戈壁草原风景道" and m.type == "road" for m in parsed["002"].mentions)
    assert any(m.surface == "浑善达克沙地大环线" and m.type == "road" for m in parsed["000"].mentions)


def test_a_line_name_after_a_connector_is_the_corridors_end(finder: MentionFinder, parsed: dict) -> None:
    """'A至B口岸铁路联络线': B口岸铁路 right after 至 is the corridor's end B口岸, not a railway of that name
    (plan 000's link from 巴珠铁路 to 珠恩嘎达布其口岸)."""
    text = "推进甲乙铁路至珠恩嘎达布其口岸铁路联络线建设"
    assert "珠恩嘎达布其口岸" in [m.surface for m in finder.find(text)]
    plan_text = parsed["000"].plan.text
    at = plan_text.index("至珠恩嘎达布其口岸铁路") + 1
    assert not any(m.start == at and m.surface.endswith("铁路") for m in parsed["000"].mentions)


def test_a_waypoint_of_names_in_a_row_is_its_last_name(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 000's pipeline 蒙西乌兰察布化德—多伦: the first end is 化德 (short for 化德县), qualified by 蒙西 and
    乌兰察布 written before it; the waypoint is 化德 and lies in 化德县."""
    ends = [
        w
        for c in parsed["000"].corridors
        for w in c.waypoints
        if parsed["000"].plan.text[w.start - 4 : w.end] == "乌兰察布化德"
    ]
    assert ends and all(
        w.surface == "化德" and w.place is not None and w.place.name == "化德县" for w in ends
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实施巴彦乌拉镇哈日高勒防洪治理工程", ["巴彦乌拉镇哈日高勒"]),
        ("实施白音高勒站扩建", []),
        ("实施阿荣旗那吉屯山洪沟防洪治理工程", ["阿荣旗那吉屯山洪沟"]),
        ("开展重点山洪沟治理", []),
    ],
)
def test_gullies_and_rivers_named_in_mongolian(finder: MentionFinder, text: str, expected: list[str]) -> None:
    """X高勒 (Mongolian for river) and X山洪沟 name a stream; 高勒 also ends names of towns and substations, so an
    unknown X高勒 is taken only behind a known place, as one outermost name with it."""
    assert [m.surface for m in finder.find(text) if m.type == "river" or not m.place_ids] == expected


def test_streams_of_plans_000_and_002(parsed: dict[str, PlanPlaces]) -> None:
    rivers_000 = {m.surface for m in parsed["000"].mentions if m.type == "river"}
    rivers_002 = [m.surface for m in parsed["002"].mentions if m.type == "river"]
    assert "道伦达坝山洪沟" in rivers_000  # the banner written before it is its address
    assert rivers_002.count("潮格温都尔镇查黑勒达格音高勒") == 2


def test_another_park_of_a_banner_is_not_its_industrial_park(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 002's 乌拉特后旗民族教育园区 is an education park: generic words before 园区 make another park of the
    banner, not the record of 乌拉特后旗(工业)园区 (a port is one per place: 甘其毛都陆上边境口岸 stays 甘其毛都口岸)."""
    mention = next(m for m in parsed["002"].mentions if m.surface == "乌拉特后旗民族教育园区")
    assert mention.place is None or mention.place.type != "park"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "线路以隧道进入西乌珠穆沁旗的巴音华镇。",
            (),
        ),  # 华 is a character of the name: no town 'called 巴音镇'
        ("乌兰浩特飞机场扩建", ("airport:ZBUL",)),  # 飞 is a character of the class word's own word (飞机场)
    ],
)
def test_a_known_name_plus_one_character_is_that_place_only_when_the_character_is_generic(
    finder: MentionFinder, text: str, expected: tuple[str, ...]
) -> None:
    mention = next(m for m in finder.find(text) if m.rule.startswith("suffix:"))
    assert mention.place_ids == expected


def test_the_innermost_unit_written_locates_a_name(finder: MentionFinder, gazetteer: Gazetteer) -> None:
    """'巴彦淖尔市乌拉特后旗博物馆': the league and the banner are both written; the banner, the innermost unit,
    is the name's qualifier and locates it, while the mention keeps the whole name."""
    (mention,) = finder.find("建设巴彦淖尔市乌拉特后旗博物馆")
    assert mention.surface == "巴彦淖尔市乌拉特后旗博物馆" and mention.qualifier == "乌拉特后旗"
    assert gazetteer.get(mention.qualifier_ids[0]).type == "banner"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("全区已建成通车高速公路五千公里", []),  # a common word before the line word
        ("规划建设双向六车道高速公路", []),  # a count and a common word
        ("山中发现大量古代岩画", []),  # a time word before 岩画
        ("推动策克口岸在同类口岸中领先", [("策克口岸", None)]),  # 在 glues two spans: the second is no name
        ("建成与好通高速相连的公路", [("好通高速", "road")]),  # initials of the line's ends stay a name
        (
            "推进石门沟、黑石台沟综合治理",
            [("石门沟", "river"), ("黑石台沟", "river")],
        ),  # gullies: common words
    ],
)
def test_a_class_word_after_common_words_only_is_no_name(
    finder: MentionFinder, text: str, found: list[tuple[str, str | None]]
) -> None:
    """A road, railway, port or airport is never named by common words and counts alone (通车, 八车道); a
    preposition or particle ends the words before a class word; natural places may carry such names."""
    assert [(m.surface, m.type) for m in finder.find(text)] == found


def test_a_grade_of_road_after_a_place_written_short_is_no_street(finder: MentionFinder) -> None:
    """'宝龙山二级路': 宝龙山 (宝龙山镇 written short) and a second-grade road, no street named 宝龙山二级路."""
    assert [m.surface for m in finder.find("新建宝龙山二级路") if m.type == "street"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a road word of sightseeing after the place the road leads to or the landscape it runs through: one road
        # mention, qualified by that place (the landscape's words after it are part of the name)
        (
            "建设乌拉山国家森林公园旅游公路",
            [("乌拉山国家森林公园旅游公路", "road", "乌拉山国家森林公园")],
        ),
        ("推动乌兰察布百里草原风景大道品质升级", [("乌兰察布百里草原风景大道", "road", "乌兰察布")]),
        ("加快建设黄河景观大道", [("黄河景观大道", "road", "黄河")]),
        # the province before it is its address, a mention of its own
        (
            "内蒙古乌拉山国家森林公园旅游公路通车",
            [("内蒙古", None, None), ("乌拉山国家森林公园旅游公路", "road", "乌拉山国家森林公园")],
        ),
        # a unit's tourist roads are a kind of road there; the class words alone name none
        ("修建阿尔山旅游公路", [("阿尔山", None, None)]),
        ("建设7个旅游公路项目", []),
        ("打造草原风景大道", []),
    ],
)
def test_a_road_named_after_the_place_it_leads_to(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert [(m.surface, m.type, m.qualifier) for m in finder.find(text)] == expected


def test_a_scenic_byway_of_plan_000_is_its_route_record(parsed: dict[str, PlanPlaces]) -> None:
    """Plan 000 names 锡林郭勒千里草原风景大道 three times: each time the route record of that tourist road (a line
    through the four banners its page names, all of 锡林郭勒盟), not the league alone."""
    byways = [m for m in parsed["000"].mentions if m.surface == "锡林郭勒千里草原风景大道"]
    assert len(byways) == 3
    for byway in byways:
        assert byway.type == "road" and byway.place is not None and byway.place.id == "road:千里草原风景大道"
        assert byway.precision == "schematic" and byway.place.league_id == "league:152500"


def test_a_route_written_again_without_its_place(gazetteer: Gazetteer) -> None:
    """A route named with its place once ('乌兰察布市百里草原风景大道', a route the gazetteer lacks) is the same route
    where the text writes it without the place (after the province too): located at that place, the reason saying
    so."""
    from geoplan.geocode.context import refine

    finder = gazetteer.finder
    text = "乌兰察布市百里草原风景大道全线贯通。内蒙古自治区百里草原风景大道入选。百里草原风景大道长300公里。"
    found = [(m.surface, m.type, m.qualifier) for m in refine(text, finder.find(text), finder)]
    assert found == [
        ("乌兰察布市百里草原风景大道", "road", "乌兰察布市"),
        ("内蒙古自治区", None, None),
        ("百里草原风景大道", "road", "乌兰察布市"),
        ("百里草原风景大道", "road", "乌兰察布市"),
    ]
    # without the full name the words name no route
    text = "百里草原风景大道长300公里。"
    assert refine(text, finder.find(text), finder) == []
