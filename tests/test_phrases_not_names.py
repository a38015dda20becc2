"""Issue 15, precision on text never seen: phrases that only look like names (a clause around 至, a verb or a
function word before a class word, an organisation or a people named after a place).  Every sentence here is
written for these tests (none copied from a plan or a corpus text); each is geoparsed from a real file."""

from __future__ import annotations

from pathlib import Path

import pytest

from geoplan.geocode.corridors import find_corridors
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import PlanPlaces, geoparse
from geoplan.geocode.segment import reads_as_prose
from geoplan.read.plan import read


def _geoparse(gazetteer: Gazetteer, folder: Path, text: str) -> PlanPlaces:
    plan = folder / "plan.txt"
    plan.write_text(f"某旗交通运输发展规划\n第一章 总则\n{text}\n", encoding="utf-8")
    return geoparse(read(plan), gazetteer)


def _corridor_ends(places: PlanPlaces) -> list[list[str]]:
    return [[w.surface for w in c.waypoints] for c in places.corridors]


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("车程缩短", True),  # ends with a verb
        ("尽快", True),  # an adverb
        ("已修", True),  # a one-character adverb opens it
        ("三条", True),  # a count of things
        ("五间房", False),  # a name of common words ends with a noun
        ("十五号", False),  # a number, no count of things
        ("树林召", False),  # a one-character verb may end a transliteration
        ("达来", False),  # transliterations split into one-character verbs
        ("乌力吉", False),  # a name word
    ],
)
def test_reads_as_prose(text: str, prose: bool) -> None:
    assert reads_as_prose(text) is prose


def test_a_clause_around_zhi_is_no_corridor(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'由8小时左右缩短至最快3小时': times and adverbs around 至, no line named by its ends; '货物运送至蒙古国':
    a verb before 至 — the country stays a mention, no corridor ends at '运送'."""
    places = _geoparse(
        gazetteer,
        tmp_path,
        "新线开通后，两地间铁路旅行时间由8小时左右缩短至最慢4小时。货物经二连浩特口岸铁路运送至蒙古国。",
    )
    assert _corridor_ends(places) == []
    surfaces = [m.surface for m in places.mentions]
    assert "蒙古国" in surfaces and "二连浩特口岸" in surfaces
    assert not {"缩短", "最慢", "运送"}.intersection(surfaces)


def test_a_count_after_a_qualifying_end_says_which_line(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'A—蒙古国B三条跨境铁路': the count after the foreign end says how many lines, the end is the place itself."""
    places = _geoparse(gazetteer, tmp_path, "规划建设二连浩特—蒙古国扎门乌德首条跨境铁路。")
    assert _corridor_ends(places) == [["二连浩特", "扎门乌德"]]


def test_a_road_class_is_no_part_of_its_end(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'X至Y农村公路', 'X至Y省际通道': 农村 and 省际 are classes of road (as 城际 of railway), the end is Y."""
    places = _geoparse(gazetteer, tmp_path, "建成巴彦浩特至吉兰泰农村公路，谋划阿荣旗至北海省际通道。")
    assert _corridor_ends(places) == [["巴彦浩特", "吉兰泰"], ["阿荣旗", "北海"]]


def _surfaces(places: PlanPlaces) -> list[str]:
    return [m.surface for m in places.mentions]


@pytest.mark.parametrize(
    "sentence",
    [
        "阿拉善左旗教育和体育局发布通知。",  # two fields of one body joined by 和
        "内蒙古蒙航新材料科技有限责任公司年产能提高。",  # a company's legal form is no part of the run
        "据内蒙古社区报消息，项目开工。",  # a newspaper
        "据内蒙古晨报消息，项目开工。",
        "阿拉善左旗行政公署发布通告。",  # a league's or banner's office of government
        "阿拉善左旗第五次党代会召开。",  # a party congress
    ],
)
def test_organisations_named_after_a_place(gazetteer: Gazetteer, tmp_path: Path, sentence: str) -> None:
    surfaces = _surfaces(_geoparse(gazetteer, tmp_path, sentence))
    assert not {"阿拉善左旗", "内蒙古"}.intersection(surfaces)


def test_a_place_joined_by_he_to_another_stays(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'X旗和Y旗人民政府': the first banner is a place of its own; the run ends at the second place's name."""
    surfaces = _surfaces(_geoparse(gazetteer, tmp_path, "阿拉善左旗和阿拉善右旗共同建设生态廊道。"))
    assert surfaces == ["阿拉善左旗", "阿拉善右旗"]


def test_byline_labels_name_organisations(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A page footer's 主办/承办 value and a 来源 line's government office name organisations, not places; the
    place in the body stays."""
    text = "乌海市的湿地保护情况介绍。\n主办：乌海市人民政府\n来源：乌海市人民政府办公室"
    surfaces = _surfaces(_geoparse(gazetteer, tmp_path, text))
    assert surfaces == ["乌海市"]


def test_a_demonym_names_people_not_the_place(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'X人' (the people of X) names no place; where 人 starts a word of its own ('X人口') the place stays."""
    text = "这条河是几代扎鲁特人的记忆。扎鲁特人口稳定增长。"
    assert _surfaces(_geoparse(gazetteer, tmp_path, text)) == ["扎鲁特"]


@pytest.mark.parametrize(
    ("sentence", "name", "clause"),
    [
        (
            "清末在此设镇，称通顺镇，后来更名。",
            "通顺镇",
            "称通顺镇",
        ),  # a one-character verb before a dictionary name
        ("这里曾是当年哈达尔王府的所在地。", "哈达尔王府", "当年哈达尔王府"),  # a time word
        ("它居东北经济区腹地。", "东北经济区", "居东北经济区"),  # a zone's word
    ],
)
def test_a_clause_glued_to_a_class_word_name_is_cut(
    gazetteer: Gazetteer, tmp_path: Path, sentence: str, name: str, clause: str
) -> None:
    surfaces = _surfaces(_geoparse(gazetteer, tmp_path, sentence))
    assert name in surfaces and clause not in surfaces


def test_an_address_chain_before_a_class_character_names_no_water(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'X盟X旗X镇沟北…': units written in full, one after the other, are an address; the 沟 after the last one
    names no gully, and each unit is a mention of its own."""
    places = _geoparse(gazetteer, tmp_path, "治理阿拉善盟阿拉善左旗巴彦浩特镇沟西的废弃矿坑。")
    assert _surfaces(places) == ["阿拉善盟", "阿拉善左旗", "巴彦浩特镇"]


@pytest.mark.parametrize(
    ("sentence", "ends"),
    [
        # a one-character adverb opening the clause before the first end is no part of it
        ("双方并就乌尔其汉—根河公路建设达成共识。", ["乌尔其汉", "根河"]),
        # a bracketed border note after the last end of a section without a line word
        ("一级公路大板至白音乌拉（蒙冀界）段项目开工。", ["大板", "白音乌拉"]),
    ],
)
def test_corridor_ends_without_prose_or_notes(sentence: str, ends: list[str]) -> None:
    assert [[w.surface for w in c.waypoints] for c in find_corridors(sentence)] == [ends]


def test_an_adverb_inside_a_transliteration_stays() -> None:
    """都 of '满都拉图' is read as an adverb by the segmenter; after a character of the name it is no prose."""
    assert [
        [w.surface for w in c.waypoints] for c in find_corridors("省道312线满都拉图至巴音花段公路。")
    ] == [["满都拉图", "巴音花"]]


@pytest.mark.parametrize(
    "sentence",
    [
        "三条新开高铁线路已投入运营。",  # a count before common words and a line word
        "沿线共设2处主线收费站。",  # a count before a kind of toll station
        "建设畜牧基地三大口岸项目。",  # a count inside the stem
    ],
)
def test_places_counted_by_their_kind_are_no_names(
    gazetteer: Gazetteer, tmp_path: Path, sentence: str
) -> None:
    assert _surfaces(_geoparse(gazetteer, tmp_path, sentence)) == []


def test_directions_around_zhi_are_no_line() -> None:
    """'由西北至东南…铁路': compass directions, no places a line runs between."""
    assert find_corridors("地形由西北至东南铁路沿线逐渐降低。") == []


def test_counted_units_in_a_list_are_no_names(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'11个镇、2个乡': a list of counts of units; 个 (a counter) starts no name."""
    assert _surfaces(_geoparse(gazetteer, tmp_path, "全县共辖11个镇、2个乡。")) == []


def test_a_quoted_epithet_before_its_unit_names_no_place(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'“X之心”Y市': the quoted phrase is the city's epithet; the river in it is no mention, the city is one, and
    the river named in a sentence of its own stays."""
    text = "代表团来到“黄河之心”乌海市参观。黄河流经乌海市。"
    assert _surfaces(_geoparse(gazetteer, tmp_path, text)) == ["乌海市", "黄河", "乌海市"]


def test_a_span_between_two_eras_is_no_line() -> None:
    """'西汉至唐朝', '清代至民国': a time span between two eras; places joined by 至 stay a line."""
    assert find_corridors("西汉至唐朝河西走廊为屯垦要地，清代至民国时期铁路未通。") == []
    ends = [[w.surface for w in match.waypoints] for match in find_corridors("修建包头至集宁铁路。")]
    assert ends == [["包头", "集宁"]]


def test_a_peoples_site_of_a_kind_names_no_site(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'清代蒙古族王府', '清代蒙古王府': a kind of site the Mongols built, no site's name and no mention of the
    country 蒙古国; a site with a name of its own stays."""
    text = "这里有保存完好的清代蒙古族王府。旗内有清代蒙古王府。喀喇沁亲王府在锦山镇。"
    assert _surfaces(_geoparse(gazetteer, tmp_path, text)) == ["喀喇沁亲王府", "锦山镇"]


def test_a_project_set_off_by_a_dash_is_no_end_of_a_line(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'重点工程项目——A到B高速公路': the dash sets off the project's name; '项目' is no end of a line from there."""
    places = _geoparse(gazetteer, tmp_path, "自治区重点工程项目——赤峰到承德高速公路建成通车。")
    assert _corridor_ends(places) == []
    assert "项目" not in _surfaces(places)


def test_works_named_after_a_lake_name_no_lake_and_a_ski_resort_is_a_sight(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """An inn, a garden or a school named after a lake is an institution (no mention of the lake); a ski resort
    named after it is a sight of its own, one mention."""
    places = _geoparse(gazetteer, tmp_path, "湖畔建有岱海宾馆、岱海文化苑、岱海旅游学校和岱海滑雪场。")
    assert [(m.surface, m.type) for m in places.mentions] == [("岱海滑雪场", "scenic")]


@pytest.mark.parametrize("sentence", ["一大早，义务巡湖牧民来到湖边。", "沿线建设环湖步道。"])
def test_a_verb_joined_to_the_lake_word_names_no_lake(
    gazetteer: Gazetteer, tmp_path: Path, sentence: str
) -> None:
    """'巡湖' (patrolling the lake), '环湖' (around the lake): the lake word ends a verb's word, no lake's name."""
    assert _surfaces(_geoparse(gazetteer, tmp_path, sentence)) == []


def test_a_port_city_names_no_port(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'北距口岸城市二连浩特': 口岸城市 is a kind of city (a port city), no port named '北距口岸'."""
    assert _surfaces(_geoparse(gazetteer, tmp_path, "北距口岸城市二连浩特120公里。")) == ["二连浩特"]


def test_a_farm_product_named_after_a_banner_is_a_brand(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'武川马铃薯、武川莜面等品牌': in a text naming 武川县 in full, the bare stem before a product ending its phrase
    names the product's origin (a brand, as the guide has it), no place; before a noun it stays the banner."""
    text = "武川县是一个美丽的地方。武川马铃薯、武川莜面等已成享誉区内的品牌。发展武川马铃薯产业。"
    assert _surfaces(_geoparse(gazetteer, tmp_path, text)) == ["武川县", "武川"]
