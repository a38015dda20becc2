"""Span rules found on development texts of other leagues (issue 15): each a general rule, checked on sentences
written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from geoplan.geocode.context import refine
from geoplan.geocode.corridors import find_corridors
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder
from geoplan.geocode.places import geoparse
from geoplan.read.plan import read


def _refined(gazetteer: Gazetteer, text: str) -> list:
    """The mentions of ``text`` as the context rules leave them."""
    finder = gazetteer.finder
    return refine(text, finder.find(text), finder)


def test_a_verb_between_a_line_and_a_towns_class_word_names_no_town(finder: MentionFinder) -> None:
    """'临策铁路穿镇而过': the railway runs through the town; 穿 (read as a verb in its sentence) names nothing."""
    found = [(m.surface, m.type) for m in finder.find("临策铁路穿镇而过，并设有车站")]
    assert found == [("临策铁路", None)]


@pytest.mark.parametrize("count", ["两大", "三大"])
def test_a_count_of_great_ones_ends_no_name(finder: MentionFinder, count: str) -> None:
    """'X和Y两大沙地': the count belongs to the list, the name before it is Y alone."""
    surfaces = [m.surface for m in finder.find(f"地处科尔沁和浑善达克{count}沙地交汇带")]
    assert "浑善达克" in surfaces and not any(count in s for s in surfaces)


@pytest.mark.parametrize(
    ("text", "route", "waypoints"),
    [
        # the route written number first ('210国道'): its class word opens no waypoint
        ("建设210国道满都拉口岸至白云鄂博段公路", "G210", ["满都拉口岸", "白云鄂博"]),
        ("建设国道210满都拉口岸至白云鄂博段公路", "G210", ["满都拉口岸", "白云鄂博"]),
        # a tourist road: 旅游 says what kind of road, it ends the last waypoint
        ("建设乌兰此老至城湾旅游公路", None, ["乌兰此老", "城湾"]),
    ],
)
def test_route_words_stay_out_of_the_ends(text: str, route: str | None, waypoints: list[str]) -> None:
    (corridor,) = find_corridors(text)
    assert corridor.route == route and [w.surface for w in corridor.waypoints] == waypoints


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        # a group of the people after its own name, a village, a name before a ruler: no country
        ("漠西卫拉特蒙古、漠北喀尔喀蒙古、漠南蒙古三大部落", 0),
        ("建成一条蒙古屯至乌雅农业开发区的示范带", 0),
        ("察哈尔部是成吉思汗蒙古林丹汗所管辖", 0),
        # its nobles, a ruler's temple name, a tribe named after a proper name: the people
        ("这里封给了蒙古王公", 0),
        ("始建于蒙古宪宗六年", 0),
        ("明为蒙古科尔沁部地", 0),
        # the country: in a list of countries, after a verb (a word of position too: 西连)
        ("这里是中国进入蒙古、俄罗斯和欧洲市场的通道", 1),
        ("东起图们，西连蒙古、俄罗斯", 1),
    ],
)
def test_mongol_as_a_people_is_no_country(gazetteer: Gazetteer, text: str, taken: int) -> None:
    """蒙古 is an alias of 蒙古国 and the people's name: after a proper name ('喀尔喀蒙古') or before a settlement
    word ('蒙古屯') it is the people's."""
    found = [m for m in _refined(gazetteer, text) if m.surface == "蒙古"]
    assert len(found) == taken


def test_a_count_of_kinds_of_base_names_no_park(finder: MentionFinder) -> None:
    """'培育发展四大产业基地': four kinds of base, no park named 四大."""
    assert [m.surface for m in finder.find("第三节培育发展四大产业基地\n因地制宜打造草产业")] == []


@pytest.mark.parametrize(
    "text",
    [
        "由中国社会科学院考古研究所内蒙古工作队发掘",  # a work team
        "在参加十三届全国人大一次会议内蒙古代表团审议时",  # a delegation
        "9月19日从赤峰市交通部门了解到",  # a department
        "巴彦淖尔市副市长郭占江介绍",  # an office holder's title
        "人口8521人（2023年，克什克腾旗统计年鉴）",  # a yearbook
        "由内蒙古自治区高等级公路建设开发有限责任公司负责",  # a company's legal form after a long run
    ],
)
def test_a_place_heading_an_organisations_name_is_no_mention(gazetteer: Gazetteer, text: str) -> None:
    assert _refined(gazetteer, text) == []


@pytest.mark.parametrize(
    ("text", "lakes"),
    [
        ("境内有塔拉淖尔、哈拉淖尔等湖泊", ["塔拉淖尔", "哈拉淖尔"]),  # lakes the gazetteer lacks
        ("境内有巴彦湖", ["巴彦湖"]),
        ("境内有大小湖泊12个", []),
        ("发展有色金属湖", []),
    ],
)
def test_a_lake_named_after_a_verb_of_having(finder: MentionFinder, text: str, lakes: list[str]) -> None:
    """'境内有X淖尔': the run of name words after the verb names the lake (as '所在地X镇' names a town)."""
    assert [m.surface for m in finder.find(text) if m.type == "lake"] == lakes


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("阿拉善盟属内陆高平原地区", ["阿拉善盟"]),  # what the league is, no region named
        ("阿拉善盟属典型草原", ["阿拉善盟"]),
        ("巴音镇查干布尔嘎斯沟", ["巴音镇查干布尔嘎斯沟"]),  # 查 of a transliteration, no verb
    ],
)
def test_a_verb_of_being_after_a_known_name_is_prose(
    finder: MentionFinder, text: str, surfaces: list[str]
) -> None:
    assert [m.surface for m in finder.find(text)] == surfaces


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("实现甘其毛道与巴格毛都两大内陆口岸相互连通", ["甘其毛道", "巴格毛都"]),  # a count opening the words
        ("乌梁素海湖畔鸟鸣不断", ["乌梁素海"]),  # the shore of the lake named before the class word
        ("居延海湖畔", ["居延海"]),
        ("北倚洞金山脉与卓资县接壤", ["洞金山脉", "卓资县"]),  # a verb of position before the range's name
    ],
)
def test_words_between_a_name_and_a_class_word(finder: MentionFinder, text: str, surfaces: list[str]) -> None:
    assert [m.surface for m in finder.find(text)] == surfaces


def test_a_list_of_province_abbreviations_ends_before_a_conjunction(gazetteer: Gazetteer) -> None:
    """'通往京、津、冀及东北地区': jieba joins 冀 and 及 into one word; the list still ends at its last item."""
    text = "开辟了一条通往京、津、冀及东北地区的资源运输通道"
    found = [(m.surface, m.type) for m in _refined(gazetteer, text) if m.type == "province"]
    assert found == [("京", "province"), ("津", "province"), ("冀", "province")]


def test_power_station_clusters_are_named_after_their_coal_fields(gazetteer: Gazetteer) -> None:
    """'锡林浩特市胜利、西乌旗五间房、阿巴嘎旗查干淖尔3个电站群': the items are the coal fields (mines)."""
    text = "配套电源项目包括锡林浩特市胜利、西乌旗五间房、阿巴嘎旗查干淖尔3个电站群"
    mines = [m.surface for m in _refined(gazetteer, text) if m.type == "mine"]
    assert mines[:2] == ["胜利", "五间房"]


@pytest.mark.parametrize(
    ("text", "waypoints"),
    [
        ("向西接海甘公路经川井至阿盟交界的阿布德日音尚德", ["川井", "阿盟"]),  # 交界: where on the end
        ("本次开工的锡盟—山东特高压交流电力外送通道", ["锡盟", "山东"]),  # 交流: what kind of line
        ("平绥铁路通车至包头", []),  # a verb before the connector: no line from a place
    ],
)
def test_line_words_and_verbs_are_no_ends(text: str, waypoints: list[str]) -> None:
    chains = [c for c in find_corridors(text) if c.rule != "named"]
    assert [w.surface for c in chains for w in c.waypoints] == waypoints


def test_a_verb_glued_to_a_names_first_character_opens_no_name(finder: MentionFinder) -> None:
    """'主要支流有苏呼河、…': the segmenter reads 有苏/呼河; the river's name is the run after the verb."""
    found = [m.surface for m in finder.find("主要支流有苏呼河、古尔班河等12条支流") if m.type == "river"]
    assert found == ["苏呼河", "古尔班河"]


def test_sights_listed_after_a_cue_with_for_example(gazetteer: Gazetteer) -> None:
    """'其他自然人文景观，比如A、B、C等等': the cue (景观 + 比如) types the items as sights."""
    text = "游览区内的其他自然人文景观,比如明长城望河楼、黑矾沟明清古瓷窑、君子津古渡等等,只有留待将来"
    found = [m.surface for m in _refined(gazetteer, text)]
    assert found[:3] == ["明长城望河楼", "黑矾沟明清古瓷窑", "君子津古渡"]


def test_two_known_townships_vouch_for_a_list_of_townships(gazetteer: Gazetteer) -> None:
    """'胜利乡、七棵树乡、…、新河乡': a township named by a count word stands in a list that known ones open."""
    text = "乡:胜利乡、七棵树乡、团结乡、新河乡"
    assert "七棵树乡" in [m.surface for m in _refined(gazetteer, text)]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("宝格德乌拉是内蒙古草原上自然形成的最大敖包", ["宝格德乌拉", "内蒙古"]),  # the province's grasslands
        ("呼伦贝尔草原和乌拉特草原", ["呼伦贝尔草原", "乌拉特草原"]),  # named grasslands stay
        ("兴安盟乡镇街道地图", ["兴安盟"]),  # a unit's townships of every kind
        ("终点位于110国道昆都仑河大桥,计划通车", ["110国道", "昆都仑河大桥"]),  # the road's bridge
        ("建设黄河大桥", ["黄河"]),  # a bridge over the river, any of them: the river
        ("东临乌海市滨河景观带", ["乌海市"]),  # 滨河: by the river, no river's name
        ("修建沿河公路", []),
        ("发掘于新惠镇赵宝沟村", ["新惠镇"]),  # a village named after the gully: no gully
        ("作为黄河“几字弯”上的璀璨明珠", ["黄河“几字弯”"]),  # the region written with its quotes
    ],
)
def test_kinds_of_land_water_and_works_as_the_context_reads_them(
    gazetteer: Gazetteer, text: str, surfaces: list[str]
) -> None:
    """A province's grasslands and a unit's townships are kinds; a bridge after its road is a mention of its own,
    a bridge over a great river alone is the river; words of river banks and villages named after gullies name no
    water; a region written with quotes inside its name is one mention."""
    assert [m.surface for m in _refined(gazetteer, text)] == surfaces


@pytest.mark.parametrize(
    ("text", "walls"),
    [
        ("修缮明长城", ["明长城"]),  # a dynasty's wall keeps its name
        ("保护长城、大窑遗址等文物", ["长城"]),  # the wall
        ("三北防护林筑起一道绿色长城", []),  # shelter belts
        ("打造黄金长城旅游带", []),
    ],
)
def test_the_great_wall_and_its_metaphors(gazetteer: Gazetteer, text: str, walls: list[str]) -> None:
    """The Great Wall's record (长城, all twelve leagues) names the wall, never a metaphor of one."""
    assert [m.surface for m in _refined(gazetteer, text) if "长城" in m.surface] == walls


def test_an_aimag_written_short_after_its_country(gazetteer: Gazetteer) -> None:
    """'与蒙古国南戈壁交界': the aimag 南戈壁省 written without 省."""
    found = [(m.surface, m.place_ids) for m in _refined(gazetteer, "位于额济纳旗境内，与蒙古国南戈壁交界")]
    assert ("南戈壁", ("foreign:南戈壁省",)) in found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a preposition after a word of prose, a two-character pronoun or adverb: the name starts after it,
        # and a class word left alone names nothing
        ("天籁湖整个景区由度假区、游乐区组成", []),
        ("景区已经建成度假村", []),
        # a syllable of a Mongolian name that jieba reads as a preposition (根 of 乌日根) stays inside it
        ("托力嘎查、乌日根塔拉嘎查和岗更嘎查。", ["托力嘎查", "乌日根塔拉嘎查", "岗更嘎查"]),
        # descriptive words of a park's or an airport's name are no prose
        ("建设乌拉特中旗通用机场", ["乌拉特中旗通用机场"]),
        # a one-character verb before the one common word that names a gully is prose; a syllable of a
        # transliterated name, or a place word after it, is not
        ("船游岱海；赏黄花沟；登火山", ["黄花沟"]),
        ("春天去黄花沟。", ["黄花沟"]),
        ("石宝窑子沟和善福寺", ["石宝窑子沟", "善福寺"]),
        # a clause verb inside the stem: the words before it are prose ('投资兴建博物馆': no museum's name is left)
        ("2009年在X镇新区投资兴建博物馆新馆", []),
        # the seat of a unit's government before its town's name ('旗府', '盟府') is no part of the name
        ("景区位于杭锦旗旗府悉尼镇以西9公里处", ["悉尼镇"]),
    ],
)
def test_prose_inside_a_class_word_name_is_cut_off(gazetteer: Gazetteer, text: str, kept: list[str]) -> None:
    surfaces = [m.surface for m in _refined(gazetteer, text) if m.rule.startswith("suffix:")]
    assert surfaces == kept


def test_an_outside_place_heading_a_name_is_its_own_mention(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'杭州西湖', '宁夏沙湖': the outside city or province and a place of its own, two mentions; the second is
    located by the first (not in the text's own league), and the short city name is taken outside the plan's
    jurisdiction because a place of its own follows it."""
    path = tmp_path / "乌海市旅游.txt"
    path.write_text("乌海市旅游介绍\n乌海湖水面面积是杭州西湖的20倍、宁夏沙湖的5.4倍。\n", encoding="utf-8")
    places = geoparse(read(path), gazetteer)
    found = {m.surface: m.place.id if m.place else None for m in places.mentions}
    assert found["杭州"] == "neighbour:330100" and found["西湖"] == "neighbour:330100"
    assert found["宁夏"] == "province:640000" and found["沙湖"] == "province:640000"
    assert "杭州西湖" not in found and "宁夏沙湖" not in found
    # the region's own short name heads a landform of it: one name
    assert [m.surface for m in _refined(gazetteer, "内蒙高原风光秀美")] == ["内蒙高原"]


def test_a_course_from_one_direction_to_another_is_no_corridor() -> None:
    """'总体呈西北至东南走向' after a line's name says how the line runs; its ends are no places."""
    text = "甘海高速是甘其毛都至乌拉山高速一期工程,主线全长131公里,总体呈西北至东南走向,起点位于甘其毛都镇。"
    assert [c.name for c in find_corridors(text)] == ["甘其毛都至乌拉山高速"]


def test_a_sight_named_again_by_its_proper_name(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A recorded sight named once in full ('金沙湾生态旅游区') and then by the proper name it opens with: the same
    place; not where a class word follows the name (another place: '金沙湾保护区' is read by its own rule) nor in a
    quoted gloss ('“金沙湾”为蒙古语…' explains a word)."""
    path = tmp_path / "乌海市旅游.txt"
    path.write_text(
        "乌海市旅游介绍\n金沙湾生态旅游区位于海勃湾区北部。游客在金沙湾观赏黄河，金沙湾内有珍稀植物。\n"
        "“金沙湾”为蒙古语音译。\n",
        encoding="utf-8",
    )
    places = geoparse(read(path), gazetteer)
    again = [m for m in places.mentions if m.surface == "金沙湾"]
    assert len(again) == 2
    assert (
        {m.place.id for m in again}
        == {places.mentions[1].place.id}
        == {"scenic:内蒙古乌海金沙湾国家沙漠公园"}
    )


@pytest.mark.parametrize(
    ("text", "added"),
    [
        # a dictionary word (团结) and a name with a syllable jieba reads as a verb (达来) in a list of townships
        ("全旗辖胜利乡、七棵树乡、团结乡和新河乡。", "团结乡"),
        ("下辖呼伦苏木、达来苏木、达来东苏木、克尔伦苏木。", "达来东苏木"),
    ],
)
def test_items_of_a_list_of_townships_are_townships(gazetteer: Gazetteer, text: str, added: str) -> None:
    found = {m.surface: m for m in _refined(gazetteer, text)}
    assert _is_township(found[added])


def _is_township(mention) -> bool:
    """A township mention: read as one by its class word or list, or a gazetteer name of townships only."""
    return mention.type == "town" or (
        mention.type is None
        and bool(mention.place_ids)
        and all(p.startswith("town:") for p in mention.place_ids)
    )


def test_a_list_of_township_words_after_prose_names_no_township(gazetteer: Gazetteer) -> None:
    """'推进乡、镇建设': kinds of unit after a verb, no townships (no two townships read there); the list after
    it holds two, and its last item ends at its class word."""
    text = "加快推进乡、镇、苏木建设，胜利乡、新河乡、团结乡同步推进。"
    assert [m.surface for m in _refined(gazetteer, text)] == ["胜利乡", "新河乡", "团结乡"]


@pytest.mark.parametrize(
    ("text", "stem", "unit"),
    [
        ("乌海海南旅游攻略", "海南", "banner:150303"),  # 海南区 of 乌海, not the province
        ("赤峰松山的发展", "松山", "banner:150404"),
        ("呼和浩特新城的老街", "新城", "banner:150102"),
    ],
)
def test_a_units_stem_right_after_its_league_is_the_unit(
    gazetteer: Gazetteer, text: str, stem: str, unit: str
) -> None:
    found = {m.surface: m.place_ids for m in _refined(gazetteer, text)}
    assert found[stem] == (unit,)


def test_a_stem_after_another_league_or_inside_a_longer_name_is_no_unit(gazetteer: Gazetteer) -> None:
    """'包头海南' (海南区 is 乌海's) and '包头昆都仑河' (a river's name starts there) name no district."""
    assert "海南" not in [m.surface for m in _refined(gazetteer, "包头海南两地合作")]
    assert [m.surface for m in _refined(gazetteer, "包头昆都仑河治理")] == ["包头", "昆都仑河"]


@pytest.mark.parametrize(
    ("text", "mountain"),
    [
        # jieba reads the last syllables with the class word as a place word after a transliterated run
        ("公园内有第一峰——特尔美山，海拔1378米", "特尔美山"),
        # the class word joined to a locative after it ('山上'): the name ends before the locative
        ("寺庙位于拉僧庙镇的图海山上", "图海山"),
    ],
)
def test_mountains_jieba_splits_or_joins_to_a_locative(
    gazetteer: Gazetteer, text: str, mountain: str
) -> None:
    found = {m.surface: m.type for m in _refined(gazetteer, text)}
    assert found[mountain] == "mountain"


@pytest.mark.parametrize("text", ["金山银山就是绿水青山", "矿山上有设备", "大家到山上去，在山脚下休息"])
def test_no_mountain_in_common_words_or_a_bare_slope(gazetteer: Gazetteer, text: str) -> None:
    assert [m for m in _refined(gazetteer, text) if m.type == "mountain"] == []


@pytest.mark.parametrize(
    ("text", "road"),
    [
        ("井尔梁公路盘山绵延27公里", ["井尔梁公路"]),  # a road named after the place it leads to
        ("加快建设公路网络", []),  # a verb and the class word: no road's name
        ("由呼铁永晖铁路设施配套", []),  # a company's line: railways are not named so
    ],
)
def test_a_road_named_after_one_place(gazetteer: Gazetteer, text: str, road: list[str]) -> None:
    assert [m.surface for m in _refined(gazetteer, text) if m.type in ("road", "railway")] == road


def test_a_stem_that_is_a_common_word_is_no_sight_named_again(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A sight whose name opens with a dictionary word that names no place ('胡杨岛': 胡杨 is a tree) is not
    named again by that word."""
    path = tmp_path / "额济纳旗旅游.txt"
    path.write_text(
        "额济纳旗旅游介绍\n景区有胡杨岛、沙漠驿站。林中胡杨参天，千姿百态的胡杨枯木。\n", encoding="utf-8"
    )
    places = geoparse(read(path), gazetteer)
    assert "胡杨" not in [m.surface for m in places.mentions]


@pytest.mark.parametrize(
    "text",
    ["临策铁路、 清绿铁路、 嘉策铁路贯穿全境。", "新建清绿铁路、临策铁路两条线路。"],
)
def test_a_short_form_listed_beside_a_recorded_line_is_a_line(gazetteer: Gazetteer, text: str) -> None:
    """A line's short form the rules cannot read as a name alone ('清绿') listed beside a recorded line of the
    same class word is one of the list's lines; alone it stays unread (no list says it names a line)."""
    surfaces = {(m.surface, m.type) for m in _refined(gazetteer, text)}
    assert ("清绿铁路", "railway") in surfaces
    assert not any("清绿" in m.surface for m in _refined(gazetteer, "河水清绿铁路沿线风光好。"))


def test_ends_joined_by_dao_name_a_line_as_with_zhi() -> None:
    """'A到B高速公路': in speech 到 joins a line's two ends as 至 does; 到 of a verb ('达到', '来到') joins none."""
    ends = [
        [w.surface for w in c.waypoints]
        for c in find_corridors("规划建设赤峰到大板高速公路、赤峰到朝阳高速。")
    ]
    assert ends == [["赤峰", "大板"], ["赤峰", "朝阳"]]
    assert find_corridors("全市经济达到高速增长，游客来到赤峰高速公路服务区。") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("集宁区东临河北、锡林郭勒盟。", ["集宁区", "河北", "锡林郭勒盟"]),
        ("全旗南临河北省。", ["河北省"]),
        ("临河区东临河套灌区。", ["临河区", "河套灌区"]),
    ],
)
def test_a_verb_of_position_after_a_compass_word_opens_no_name(
    gazetteer: Gazetteer, text: str, names: list[str]
) -> None:
    """'东临河北': 'borders 河北' after a compass word — the verb 临 does not open 临河 when a longer name starts
    right after it."""
    assert [m.surface for m in _refined(gazetteer, text)] == names


def test_a_lines_word_after_its_last_end_is_no_part_of_it() -> None:
    """'A至B线铁路': 线 says the line, as 段 says the stretch; the end is B."""
    ends = [[w.surface for w in c.waypoints] for c in find_corridors("临河至策克线铁路已建成。")]
    assert ends == [["临河", "策克"]]


def test_two_compass_regions_joined_by_yu_are_regions(gazetteer: Gazetteer) -> None:
    """'连接东北与华北、西北': a compass region joined by 与 to another region is a region of the country; before
    a place that is no region ('西南与河北省相连') it stays a direction."""
    surfaces = [
        m.surface for m in _refined(gazetteer, "通辽是连接东北与华北、西北的枢纽。全旗西南与河北省相连。")
    ]
    assert surfaces == ["通辽", "东北", "华北", "西北", "河北省"]


def test_a_region_of_the_world_with_its_region_word_is_one_mention(gazetteer: Gazetteer) -> None:
    """'欧亚地区', '中亚地区': a region written with 地区 is one mention, as the guide has macro-regions; a
    province's '地区' stays out of its name."""
    surfaces = [m.surface for m in _refined(gazetteer, "辐射欧亚地区，面向中亚地区。内蒙古地区风大。")]
    assert surfaces == ["欧亚地区", "中亚地区", "内蒙古"]


def test_a_mongolian_first_word_opens_the_name_after_it(gazetteer: Gazetteer) -> None:
    """'同意白音塔拉苏木改设建制镇': 白音 (read by the segmenter as a common noun) is the first word of the sumu's
    name, not prose before '塔拉苏木'."""
    surfaces = [m.surface for m in _refined(gazetteer, "自治区批准同意白音塔拉苏木改设建制镇。")]
    assert "白音塔拉苏木" in surfaces and "塔拉苏木" not in surfaces


def test_bare_township_names_before_a_count_of_their_class(gazetteer: Gazetteer) -> None:
    """'下设A、B(remark)、C、D3个苏木': a list closed by a count of townships names them by their bare names, each a
    township whatever its words; a remark in brackets is no part of an item."""
    text = "全旗下设章古台、巴嘎波日和(已被取消)、奈林、明仁4个苏木。"
    found = {m.surface: m for m in _refined(gazetteer, text)}
    assert all(_is_township(found[name]) for name in ("章古台", "巴嘎波日和", "奈林", "明仁"))
    assert not any(m.surface == "推进" for m in _refined(gazetteer, "重点推进、实施3个镇建设。"))


def test_a_name_opening_with_he_after_prose_keeps_it(gazetteer: Gazetteer) -> None:
    """'现在和林格尔经济技术开发区', '位于和林格尔县X乡': 和 opens the county's name here, no conjunction; a cluster of
    airports ('京津冀机场群') is no airport (its region stays)."""
    surfaces = [
        m.surface for m in _refined(gazetteer, "即现在和林格尔经济技术开发区西侧，位于和林格尔县巧尔什营乡。")
    ]
    assert surfaces[:2] == ["和林格尔经济技术开发区", "和林格尔县"]
    assert [m.surface for m in _refined(gazetteer, "它是京津冀机场群的备降机场。")] == ["京津冀"]


def test_a_zone_named_by_its_unit_and_its_rank_is_one_park(gazetteer: Gazetteer) -> None:
    """'包头国家高新技术产业开发区', 'X旗自治区级工业园区': the unit, the rank and the zone's class word are one park's
    name, as the national catalogue writes the zones."""
    text = "包头国家高新技术产业开发区和准格尔旗自治区级工业园区。"
    assert [(m.surface, m.type) for m in _refined(gazetteer, text)] == [
        ("包头国家高新技术产业开发区", "park"),
        ("准格尔旗自治区级工业园区", "park"),
    ]
