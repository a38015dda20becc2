"""Issue 15, precision by class rules: words that look like place names and are not (sentences written for these
tests, none copied from a plan or a corpus text), and the places beside them that stay."""

from __future__ import annotations

import pytest
from helpers import found

from geoplan.geocode.context import _is_item, event_titles, refine
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.segment import holds_count, leading_name_start
from geoplan.read.plan import read
from geoplan.resources import REFERENCE_PLANS

_found = found


def _surfaces(finder: MentionFinder, text: str) -> list[str]:
    return [surface for surface, _ in _found(finder, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb before a town's or a heritage site's name is no part of it
        ("撤销乌兰图嘎苏木，整建制并入邻镇。", [("乌兰图嘎苏木", "town")]),
        ("自治区决定撤销乌兰图嘎苏木。", [("乌兰图嘎苏木", "town")]),
        ("城北尚存巴彦乌拉古城遗址，城墙清晰可见。", [("巴彦乌拉古城遗址", "scenic")]),
        # a clause before the class word, no town's name ('整建制并入邻镇')
        ("两个苏木整建制并入邻镇。", []),
        # a time word glued to a park's class word ('6月初产业园')
        ("今年5月初产业园开工建设。", []),
        # counts and ordinals: places counted, or the first stop of a trip
        ("境内有一处汉代烽燧遗址。", []),
        ("以“三大产业园区”为平台。", []),
        ("考察团的第一站是市博物馆。", []),
        ("以两个化工园区为载体。", []),
        # a kind of park in common words only: no proper name
        ("建成生态循环设施产业园等项目。", []),
    ],
)
def test_verbs_times_and_counts_before_a_class_word(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_places_before_a_count_of_parks_name_no_park(finder: MentionFinder) -> None:
    """'多伦、白音华两个化工园区': the parks are counted after the places named; no park is named '白音华两个…'.
    Each item is the park its place and a zone word name (多伦工业园区); towns with no such park record are
    where the counted parks lie, not parks ('锡尼、树林召两个园区')."""
    text = "以多伦、白音华两个化工园区为载体。"
    found = refine(text, finder.find(text), finder)
    assert [(m.surface, m.type, m.place_ids) for m in found] == [
        ("多伦", "park", finder.ids("多伦工业园区")),
        ("白音华", "park", finder.ids("白音华工业园区")),
    ]
    assert finder.ids("多伦工业园区") and finder.ids("白音华工业园区")
    text = "以锡尼、树林召两个园区为载体。"
    assert not [m for m in refine(text, finder.find(text), finder) if m.type == "park"]


def test_a_count_after_short_forms_ends_them(finder: MentionFinder) -> None:
    """'A、B两镇': the short forms of two towns, not a town named 'B两镇' nor a river 'X河'."""
    found = refine("灌区覆盖尼尔基、汉古尔河两镇。", finder.find("灌区覆盖尼尔基、汉古尔河两镇。"), finder)
    assert [m.surface for m in found] == ["尼尔基", "汉古尔河"]
    assert all(any(pid.startswith("town:") for pid in m.place_ids) for m in found)


def test_a_count_after_a_town_in_full_ends_it(finder: MentionFinder) -> None:
    """'X镇一镇': a town written in full, then its count (one town), not a town named 'X镇一镇'."""
    text = "辖吉忽伦图苏木一个苏木、五当召镇一镇、石拐街道。"
    assert [m.surface for m in refine(text, finder.find(text), finder)] == [
        "吉忽伦图苏木",
        "五当召镇",
        "石拐街道",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "它是我国最大的内陆湖。",  # one dictionary word for a kind of lake
        "这是国内第四大淡水湖。",  # an ordinal (also a subdistrict's short form, 第四街道) and a kind
        "绿洲被茫茫沙漠环绕。",  # a doubled status word
        "全旗有三个少数民族乡。",  # a kind of township
        "当地素有葡萄之乡的美誉。",  # an honorific with 之
    ],
)
def test_common_nouns_with_a_class_word_are_no_places(finder: MentionFinder, text: str) -> None:
    assert _found(finder, text) == []


def test_an_activity_on_an_areas_land_names_the_area_only(finder: MentionFinder) -> None:
    assert _surfaces(finder, "大力发展阿拉善沙漠旅游。") == ["阿拉善"]
    assert _surfaces(finder, "推出奈曼旗沙漠之旅。") == ["奈曼旗"]
    # a banner's desert park is a park of its own
    assert _found(finder, "奈曼旗沙漠公园开园。")[0][:2] == ("奈曼旗沙漠公园", "scenic")
    # a desert's own name before the same words stays a desert
    assert _found(finder, "开发巴丹吉林沙漠旅游。")[0][0] == "巴丹吉林沙漠"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("据内蒙古新闻网报道，", []),  # a news site
        ("内蒙古民航机场集团公司宣布，", []),  # a company named after a class-word name
        ("记者从乌海市规划局获悉，", []),  # a government bureau
        ("当年组建了内蒙古骑兵部队。", []),  # a military unit
        ("近日，内蒙古自治区发改委批复了该项目。", []),
        ("这里曾是内蒙古自治政府所在地。", []),  # a government
        ("深化与欧亚经济联盟国家合作。", []),  # a union of states, not the continent
        ("牵头成立包头稀土产业联盟。", []),  # an alliance of firms named after its city
        # a network after a place is the place's ('公路网'), not an organisation
        ("完善内蒙古公路网。", ["内蒙古"]),
    ],
)
def test_organisations_headed_by_a_place(finder: MentionFinder, text: str, expected: list[str]) -> None:
    assert _surfaces(finder, text) == expected


def test_places_inside_a_quoted_event_title_name_the_event(finder: MentionFinder) -> None:
    text = "举办“草原之夜：乌兰察布欢迎你”推介活动，乌兰察布市各旗县参加。"
    assert _surfaces(finder, text) == ["乌兰察布市"]
    assert _surfaces(finder, "开展“锡林郭勒那达慕”摄影大赛。") == []
    # a quoted epithet that no event word follows leaves the place after it
    assert _surfaces(finder, "被誉为“北疆明珠”的乌海市") == ["乌海市"]
    assert event_titles("“X电商节”和“Y”节点") == [(0, 6)]
    assert event_titles("「Z那达慕」大会、“W”，“V文化节”") == [(0, 6), (13, 19)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words that are no name between a unit and a river's name run
        # (格尼河 is a record of water_region.csv: no unknown-river type)
        ("阿荣旗因境内格尼河而得名。", [("阿荣旗", None), ("格尼河", None)]),
        # a unit, a common word and the class word: no river's name
        ("东与扎兰屯市排污河为界。", [("扎兰屯市", None)]),
        # ... but 隔 ('across') before a river the gazetteer knows (音河, on 阿荣旗's border) leaves the river
        ("东与扎兰屯市隔音河为界。", [("扎兰屯市", None), ("音河", None)]),
        # the dictionary's whole name before the class word; a verb before it is no part of it
        ("向东遥望嫩江平原。", [("嫩江平原", "region")]),
        # a place right before the class word, after common words that follow a unit
        ("扎赉特旗地处大兴安岭南麓。", [("扎赉特旗", None), ("大兴安岭南麓", "mountain")]),
        # a people's name before 族乡 is part of the township's name, no qualifier
        ("其中，查巴奇鄂温克族乡位于东部。", [("查巴奇鄂温克族乡", "town")]),
        # a unit's full name and a township word: the unit's townships
        ("阿拉善盟苏木镇数量调整。", [("阿拉善盟", None)]),
    ],
)
def test_spans_around_units_and_class_words(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_a_river_before_its_dam_is_part_of_the_dams_name(finder: MentionFinder) -> None:
    found = refine(
        "加快黄河三盛公水利枢纽除险加固。", finder.find("加快黄河三盛公水利枢纽除险加固。"), finder
    )
    assert [m.surface for m in found] == ["黄河三盛公水利枢纽"]
    assert found[0].place_ids == finder.ids("三盛公水利枢纽") and found[0].qualifier == "黄河"


def test_a_town_named_by_one_common_word_stays(finder: MentionFinder) -> None:
    """The leading-verb cut leaves a town whose whole stem is one word (胜利乡, 前进乡 are real township names)."""
    assert leading_name_start("丰收苏木", 0, 2) == 2  # the verb is cut …
    assert _found(finder, "其中，丰收苏木位于北部。") == [("丰收苏木", "town")]  # … and the town kept whole
    assert _found(finder, "今年丰收产业园开工。") == []  # a time word and a verb: no park's name


def test_counts_in_a_stem() -> None:
    assert holds_count("白音华两个化工", 0, 7)
    assert holds_count("首家数据要素", 0, 6)
    assert not holds_count("十二连城", 0, 4)  # a numeral that is part of a name
    assert leading_name_start("一处汉代遗址", 0, 4) is None


def test_planned_kinds_of_park_after_a_zone_are_no_parks(finder: MentionFinder) -> None:
    """Plan 003 plans kinds of park inside its zones ('…开发区。打造装备制造产业园'); the zones stay, the kinds are
    no named parks (the annotation guide takes parks with a proper name)."""
    plan = read(REFERENCE_PLANS / "003_c8d60e7368b2a733.txt")
    line = next(row for row in plan.text.split("\n") if "打造装备制造产业园" in row)
    found = _surfaces(finder, line)
    assert "装备制造产业园" not in found and "轻纺产业园" not in found
    assert any(surface.endswith("高新技术产业开发区") for surface in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("元代为察哈尔克什克腾部。", []),  # a tribe
        ("该地区为鄂尔多斯部的游牧地。", []),
        ("鄂尔多斯部分地区降雨偏少。", ["鄂尔多斯"]),  # 部分 is a word of its own
    ],
)
def test_a_tribe_named_after_a_unit_is_no_place(
    finder: MentionFinder, text: str, expected: list[str]
) -> None:
    assert _surfaces(finder, text) == expected


def test_a_place_heading_an_epithet_in_a_list_of_honours(finder: MentionFinder) -> None:
    assert _surfaces(finder, "如今，它拥有沙地绿洲、黄河明珠等美誉。") == []
    # the place the honours are given to, and the river outside the list, stay
    assert _surfaces(finder, "乌海素有“黄河明珠、书法之城”之美称，黄河穿城而过。") == ["乌海", "黄河"]
    # a list of places is no list of epithets
    assert _surfaces(finder, "沿黄河、乌梁素海等地的美誉度") == ["黄河", "乌梁素海"]


def test_a_quoted_gloss_of_a_names_meaning_is_no_place(finder: MentionFinder) -> None:
    assert _surfaces(finder, "蒙古语称“乌兰哈达”，意为“赤峰”。赤峰市位于东南部。") == ["赤峰市"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ring of cities is one region, named by its cities' initials, not its first place alone
        ("它是京津冀经济圈向西北延伸的一站。", [("京津冀经济圈", "region")]),
        ("推动呼包鄂榆经济圈建设。", [("呼包鄂榆经济圈", "region")]),
        # a known longer name keeps its whole span
        ("对接成渝地区双城经济圈。", [("成渝地区双城经济圈", None)]),
    ],
)
def test_rings_of_cities(finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a verb before a unit's class word names no former unit ('建设达标县')
        "该市被评为生态文明建设达标县(市)。",
    ],
)
def test_counts_and_verbs_before_a_unit_word_name_no_unit(finder: MentionFinder, text: str) -> None:
    assert _found(finder, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # an act on townships before a township's class word: making, merging, seating one
        "该地于1998年8月8日建镇，辖两个社区。",
        "1995年1月并乡扩镇，成为旗内第二大镇。",
        "盟、旗驻镇单位共有六十多个。",
        # this or every township: a determiner before the class word, after a line or alone
        "集二铁路横贯我镇130公里。",
        "行政区划全镇辖五个嘎查。",
        "远离异国他乡的游子。",  # another place
        "1981年，公社改街道。",  # a commune made a subdistrict
    ],
)
def test_acts_on_townships_and_determiners_name_no_township(finder: MentionFinder, text: str) -> None:
    assert [kind for _, kind in _found(finder, text) if kind in ("town", "village")] == []


def test_a_counter_starts_no_list_item() -> None:
    """'13个镇、2个乡': the item after a number starts with its counter, a count of towns, no town's name."""
    assert not _is_item("个镇") and not _is_item("座水库")
    assert _is_item("巴彦镇")


def test_a_units_full_name_before_a_line_word_names_no_line(finder: MentionFinder) -> None:
    """'X旗铁路货运量': the freight of a banner's railways; the league and the banner are the places, no railway
    is named after them (a ring road of a banner is: '…旗绕城公路')."""
    assert _found(finder, "今年鄂尔多斯准格尔旗铁路运量稳步增长。") == [
        ("鄂尔多斯", None),
        ("准格尔旗", None),
    ]
    assert [kind for _, kind in _found(finder, "太仆寺旗绕城公路建成通车。")] == ["road"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the world, the country, a compass direction, a count, a kind of water: no natural place's name
        ("这里被誉为世界沙漠的明珠。", []),
        ("这是中国北方沙漠里的一座城。", []),
        ("这里有全区最大的沙漠淡水湖。", []),
        ("位列国内四大沙漠之一。", []),
        # a name word, or one common word alone before the class word, names one
        ("巴丹吉林沙漠腹地的湖泊。", [("巴丹吉林沙漠", None)]),
        ("山脚下的哈达图海子水面开阔。", [("哈达图海子", "lake")]),
    ],
)
def test_natural_places_need_a_name(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_two_unit_class_words_name_a_class_of_units(finder: MentionFinder) -> None:
    """'苏木镇' is the sumus and the towns: after a quantity word it names those units, no town."""
    assert _found(finder, "全旗部分苏木镇开通了公交。") == []


def test_every_place_of_a_kind_in_an_area_is_no_name(finder: MentionFinder) -> None:
    """'锡林郭勒各口岸': each port of the league; the league is the place, no port is named."""
    assert _found(finder, "在锡林郭勒各边境口岸设立展销点。") == [("锡林郭勒", None)]


def test_a_verb_and_a_unit_word_before_a_road_word_name_no_street(finder: MentionFinder) -> None:
    """'通村路': the roads that reach the villages, a kind of road."""
    assert _found(finder, "今年全旗新建通村路120公里。") == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a country written as a word of its own before one of its cities: the city's first character is no
        # class word of the country ('越南河' is no river)
        ("产品出口到越南河内和老挝。", "越南"),
        ("考察团先后访问了日本大阪和越南河内。", "越南"),
    ],
)
def test_a_country_before_its_city_makes_no_water(finder: MentionFinder, text: str, country: str) -> None:
    found = _found(finder, text)
    assert (country, None) in found
    assert not any(kind in ("river", "lake") for _, kind in found)


def test_a_river_after_a_country_stays(finder: MentionFinder) -> None:
    """A river's own name after its country is still read ('湄公河' after 越南)."""
    assert ("湄公河", "river") in _found(finder, "越南湄公河三角洲是重要粮仓。")


def test_a_bare_class_word_is_no_short_form(finder: MentionFinder) -> None:
    """'体育公园': a kind of park; the class word 公园 is no short form of a subdistrict named 公园街道, which is still
    read in full."""
    assert _surfaces(finder, "建设体育公园和城市绿道。") == []
    assert "公园街道" in _surfaces(finder, "辖公园街道、新华街道等。")


@pytest.mark.parametrize(
    "text",
    [
        # a breed is written as the place it comes from, then its kind: no mention of the place
        "牧场引进荷兰奶牛一千头。",
        "引进澳大利亚安格斯牛，改良本地肉牛。",
        "这里是鄂尔多斯细毛羊的主产区。",
        "当地培育了科尔沁牛、阿拉善白绒山羊等品种。",
    ],
)
def test_a_place_naming_a_breed_is_no_mention(finder: MentionFinder, text: str) -> None:
    assert _found(finder, text) == []


def test_places_beside_livestock_words_stay(finder: MentionFinder) -> None:
    """A place followed by a place word that starts with a livestock character ('马鬃山苏木'), by a separator
    before the breed, or written in full as a unit stays a mention."""
    assert _surfaces(finder, "阿拉善马鬃山苏木的牧民。") == ["阿拉善", "马鬃山苏木"]
    assert _surfaces(finder, "从荷兰、德国引进奶牛。") == ["荷兰", "德国"]
    # a noun after the livestock word heads the phrase: the place locates it (a market, a festival, an industry)
    assert _surfaces(finder, "打造赤峰牛羊交易市场。") == ["赤峰"]
    assert _surfaces(finder, "举办锡林郭勒马文化节。") == ["锡林郭勒"]
    assert _surfaces(finder, "鄂尔多斯羊煤土气资源丰富。") == ["鄂尔多斯"]
    # a described breed stays a breed before a noun
    assert _surfaces(finder, "发展阿拉善白绒山羊产业。") == []
    # a unit written in full is the address of what follows it, not a breed's qualifier
    assert _surfaces(finder, "建设巴彦淖尔市肉牛绿色循环基地。") == ["巴彦淖尔市"]


@pytest.mark.parametrize(
    "text",
    [
        # a built work or an institution named after a landform or a water: its head (厂, 桥, 栈, 基地 …) comes last
        "记者走进京能查干淖尔电厂项目施工现场。",
        "依托大青山创作基地开展文艺创作。",
        "湖边有一家黄河西行客栈。",
    ],
)
def test_a_landform_heading_a_built_works_name_is_no_mention(finder: MentionFinder, text: str) -> None:
    assert not any(kind is None or kind in ("lake", "river", "mountain") for _, kind in _found(finder, text))


def test_a_landform_before_its_own_parts_stays(finder: MentionFinder) -> None:
    """A river's name before words about the river itself (its course, its channel) is a mention."""
    assert ("黄河", None) in _found(finder, "黄河流经乌海市区。")
    assert ("黄河", None) in _found(finder, "加强黄河河道治理。")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a locative after the water: where about it, prose ('上建桥' is one word to the segmenter)
        ("在黄河上建桥，改善两岸交通。", "黄河"),
        # a nominal verb taking an object: the water is the verb's place, not a work's name
        ("依托黄河建设生态基地。", "黄河"),
        # a place noun after the head: 中心 qualifies the city
        ("推动黄河流域中心城市建设。", "黄河流域"),
        # a verb before the head
        ("成立乌梁素海治理中心。", "乌梁素海"),
    ],
)
def test_a_landform_in_prose_before_a_works_head_stays(
    finder: MentionFinder, text: str, surface: str
) -> None:
    """A built work's head word within reach of a water's name makes no work's name where prose stands between."""
    assert surface in [found for found, _ in _found(finder, text)]


@pytest.mark.parametrize(
    "text",
    [
        # a compass word after a one-character unit word: a direction from that unit
        "该县得名于县城东北的一座红色山峰。",
        # joined with a plain direction (one compass character, or one with 边/面/侧): a direction like it
        "东邻吉林省，西北和北边分别与锡林郭勒盟、兴安盟为邻。",
        "西及西北以山脊为界，与邻旗接壤。",
    ],
)
def test_a_compass_word_used_as_a_direction_is_no_region(finder: MentionFinder, text: str) -> None:
    assert not any(kind == "region" for _, kind in _found(finder, text))


def test_compass_regions_joined_with_regions_stay(finder: MentionFinder) -> None:
    """Compass regions joined with each other or with other regions of the country are regions ('华北与西北')."""
    assert [s for s, kind in _found(finder, "乌海是华北与西北的交界处。") if kind == "region"] == [
        "华北",
        "西北",
    ]
    assert [s for s, kind in _found(finder, "加强与东北和华北的合作。") if kind == "region"] == [
        "东北",
        "华北",
    ]
    # 西部, 东部 (with 部) are regions of the country as well as directions: a compass word joined with one stays
    assert "东北" in [s for s, kind in _found(finder, "支持东北和西部地区协同发展。") if kind == "region"]
    assert "东北" in [s for s, kind in _found(finder, "加强西部和东北的联系。") if kind == "region"]


@pytest.mark.parametrize(
    "text",
    [
        # a place qualifying a one-character noun that ends the word: a people, a product, a brand from the place
        "这里是“河套人”的发祥地。",
        "境内有石英砂、乌审土等资源。",
        "生活在这里的托克托人，感受着变化。",
        "巩固拓展“鄂尔多斯煤”品牌。",
    ],
)
def test_a_place_qualifying_a_one_character_noun_is_no_mention(finder: MentionFinder, text: str) -> None:
    assert _found(finder, text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a unit word, a class word, a locative or a water's own water continues the place, and a noun that runs on
        # into more words is no kind of thing from the place
        ("从乌海出发，到包头站。", "乌海"),
        ("蜿蜒曲折的西辽河水，孕育了草原。", "西辽河"),
        ("家住黄河边，吃黄河鲤鱼。", "黄河"),
        # a work or a settlement named after the place is a place there, no kind of thing from it
        ("开发白云鄂博矿、扎赉诺尔矿等资源。", "扎赉诺尔"),
    ],
)
def test_a_place_before_its_own_words_stays(finder: MentionFinder, text: str, surface: str) -> None:
    assert surface in [s for s, _ in _found(finder, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cities name streets after leagues, provinces and banners: the street is a road of the city, not the unit
        ("城区东至巴彦淖尔路，北至锡林郭勒北路。", [("巴彦淖尔路", "road"), ("锡林郭勒北路", "road")]),
        ("沿鄂尔多斯大街、乌兰察布东街布置公交线路。", [("鄂尔多斯大街", "road"), ("乌兰察布东街", "road")]),
        # the street word starting a word of its own leaves the unit alone ('路途', '路网', '街道')
        ("前往阿拉善盟路途遥远。", [("阿拉善盟", None)]),
        ("完善包头路网结构。", [("包头", None)]),
        # a town whose name starts with 路 after a banner: two places
        ("准格尔旗路家营子镇建设。", [("准格尔旗", None), ("路家营子镇", "town")]),
    ],
)
def test_a_street_named_after_a_unit_is_a_road_not_the_unit(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_a_zone_named_by_its_stem_is_a_park_whatever_its_stem_ends_with(finder: MentionFinder) -> None:
    """'金川、金山两个园区': 金山 ends like a hill's name, but the list's class word makes it the zone 金山 (the record
    of its stem and a zone word) of type park; a district's stem (青山 of 青山区) is no zone's record."""
    text = "建设金川、金山两个园区。"
    found = [(m.surface, m.type, m.place_ids) for m in refine(text, finder.find(text), finder)]
    assert found == [
        ("金川", "park", ("park:呼和浩特经济技术开发区",)),
        ("金山", "park", ("park:呼和浩特金山高新技术产业开发区",)),
    ]
    text = "重点建设青山、石拐两个园区。"
    assert not [m for m in refine(text, finder.find(text), finder) if m.type == "park"]


def test_a_pages_random_code_holds_no_route_number(finder: MentionFinder) -> None:
    """A copied page carries random codes after its sentences ('G5:…', 'S9+…'): no roads; a list of numbers stays."""
    assert _surfaces(finder, "清代属喀尔喀部。 G5:9UY4?8fQ2.1r 民国时属察哈尔部。 S9+2Bt=,F") == []
    assert _surfaces(finder, "境内有G6,G7和S9三条高速。") == ["G6", "G7", "S9"]


def test_a_plans_numbered_themes_are_no_list_of_places(finder: MentionFinder) -> None:
    """'一带、二园、三小区、四中心、五湖': themes numbered from one, the last counting lakes; no item names a lake."""
    assert _surfaces(finder, "打造“一带、二园、三小区、四中心、五湖”景观体系。") == []
    assert _surfaces(finder, "共有四个景区，目前一、二、三、四景区已开放。") == []


def test_a_name_quoted_for_its_meaning_names_no_place(finder: MentionFinder) -> None:
    """'“X”系蒙古语，意为…' explains the word; the place is the one named unquoted beside it."""
    assert _surfaces(finder, "阿拉善盟（“阿拉善”系蒙古语，意为五彩斑斓之地）位于西部。") == ["阿拉善盟"]
    assert _surfaces(finder, "商都县，满语“商都”意思是“水漩”。") == ["商都县"]
    # quoted without its meaning, a name is a place
    assert _surfaces(finder, "游客来到“阿拉善”观光。") == ["阿拉善"]


def test_a_name_explained_as_a_word_of_its_language_names_no_place(finder: MentionFinder) -> None:
    """Unquoted before a verb of being and its language ('X是蒙古语，', 'X系蒙古語，意為'), quoted before 一名 or
    after its language ('由蒙古语“X”演变而来'): the word is explained, no place named; a place name before a
    language word that explains nothing stays."""
    assert _surfaces(finder, "克什克腾是蒙古语，意为“旺盛”。") == []
    assert _surfaces(finder, "喀喇沁系蒙古语，汉语意为守卫者。") == []
    assert _surfaces(finder, "“海勃湾”一名由蒙藏语演变而来。") == []
    assert _surfaces(finder, "“白狼”由蒙古语“白音查干”演变而来。") == []
    assert _surfaces(finder, "锡林郭勒为蒙古语授课示范盟。") == ["锡林郭勒"]
    # a pause between the name and the verb ('X，系蒙古语'): the word explained still
    assert _surfaces(finder, "扎赉特，系蒙古语，意为古代部落的名称。") == []
    assert _surfaces(finder, "扎赉特,是蒙古语音译。") == []


@pytest.mark.parametrize(
    "text",
    [
        # a landform or rock that says what kind of sight it is, no name ('冰川石林', '花岗岩石林', '火山群')
        "这里的石林被称为冰川石林。",
        "这是世界上罕见的花岗岩石林。",
        "境内有火山群和温泉。",
    ],
)
def test_kinds_of_landform_before_a_sights_class_word_name_none(finder: MentionFinder, text: str) -> None:
    assert [kind for _, kind in _found(finder, text) if kind == "scenic"] == []


def test_kinds_of_grassland_name_no_grassland(finder: MentionFinder) -> None:
    """'草甸草原、疏林草原、森林草原' are kinds of steppe by their vegetation (疏林, sparse woodland), no names."""
    assert _surfaces(finder, "历史上曾是一片草甸草原、疏林草原、森林草原相间的地带。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a conjunction opening a clause is no part of the park's name after it
        ("园区发展较快，但红山经济开发区用地紧张。", "红山经济开发区"),
        ("指标已完成，而扎赉诺尔工业园区仍在扩区。", "扎赉诺尔工业园区"),
    ],
)
def test_a_clause_conjunction_opens_no_name(finder: MentionFinder, text: str, expected: str) -> None:
    surfaces = _surfaces(finder, text)
    assert expected in surfaces
    assert not any(s.startswith(("但", "而")) for s in surfaces)


def test_a_desert_bears_a_proper_name_not_a_common_word(finder: MentionFinder) -> None:
    # one common word before 沙漠 is an activity or a quality of a desert, no desert's name
    assert _found(finder, "游客可以体验沙漠里看海的乐趣。") == []
    # a transliterated name before 沙漠 and one common word before 湖 still name places
    assert _surfaces(finder, "巴音温都尔沙漠边有一处月亮湖。") == ["巴音温都尔沙漠", "月亮湖"]
    assert _surfaces(finder, "再往西是乌兰哈达沙漠。") == ["乌兰哈达沙漠"]


def test_a_residents_committee_is_named_after_its_place(finder: MentionFinder) -> None:
    # a community's committee takes the name of a desert: no mention of the desert
    assert _found(finder, "全镇下辖乌兰布和社区居委会。") == []
    assert _surfaces(finder, "乌兰布和沙漠东缘。") == ["乌兰布和沙漠"]


def test_a_plain_after_an_outside_name_is_no_place_of_that_city(finder: MentionFinder) -> None:
    # '山南平原' (the plain south of the hills) is no plain of 山南市 in Tibet
    surfaces = _surfaces(finder, "全市由山地和山南平原两部分组成。")
    assert "山南" not in surfaces and "平原" not in surfaces
