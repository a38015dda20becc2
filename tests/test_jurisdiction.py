"""The jurisdiction of a text and where its names go, on sentences written for these tests.

A plan's jurisdiction is its issuer; a plain text's is the unit its head names (``geoplan.geocode.textunit``).
Among namesakes the one inside it wins; a name the gazetteer lacks is located in the nearest unit that places it,
else in the text's own unit, with precision that unit's level and a reason saying so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import resolved_ids

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import Mention
from geoplan.geocode.places import PlanPlaces, geoparse
from geoplan.geocode.resolve import Resolver, named_for_its_look
from geoplan.geocode.textunit import head_end, text_unit
from geoplan.read.plan import read
from geoplan.resources import REFERENCE_PLANS

ALXA_RIGHT = "banner:152922"  # 阿拉善右旗
ALXA = "league:152900"  # 阿拉善盟
TOKE_SHUANGHE = "town:150122:双河镇"  # 双河镇 of 托克托县 (Hohhot)
LINHE_SHUANGHE = "town:150802:双河镇"  # 双河镇 of 临河区 (Bayannur)


def _parse(gazetteer: Gazetteer, tmp_path: Path, text: str) -> PlanPlaces:
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    return geoparse(read(path), gazetteer)


def _unit(gazetteer: Gazetteer, text: str) -> str | None:
    finder = gazetteer.finder
    unit = text_unit(text, finder.find(text), gazetteer)
    return unit.id if unit is not None else None


def _only(places: PlanPlaces, surface: str):
    found = [m for m in places.mentions if m.surface == surface]
    assert len(found) == 1, [m.surface for m in places.mentions]
    return found[0]


# -- the unit a plain text is about ----------------------------------------------------------------------
def test_the_head_is_the_first_five_non_blank_lines() -> None:
    text = "一\n\n二\n三\n \n四\n五\n六\n"
    assert head_end(text) == text.index("六")
    assert head_end("短文") == 2
    assert head_end("长" * 1000) == 300


def test_a_text_is_about_the_unit_its_head_names(gazetteer: Gazetteer) -> None:
    text = "阿拉善右旗简介\n阿拉善右旗位于阿拉善盟中部，雅布赖镇和巴丹吉林镇是旗内的大镇。"
    assert _unit(gazetteer, text) == ALXA_RIGHT


def test_a_text_ranging_over_the_region_has_no_unit(gazetteer: Gazetteer) -> None:
    """Its head names a banner, but most of its places lie in other leagues."""
    text = "口岸概况\n阿拉善右旗以东，二连浩特市、满洲里市、乌拉特中旗和东乌珠穆沁旗都有陆路口岸。"
    assert _unit(gazetteer, text) is None


def test_a_text_whose_head_names_no_unit_is_about_the_league_most_of_its_names_lie_in(
    gazetteer: Gazetteer,
) -> None:
    lines = ["牧区见闻", "", "今年雨水多。", "", "", ""]
    text = "\n".join(lines) + "雅布赖镇、巴丹吉林镇、巴彦浩特镇、吉兰泰镇和达来呼布镇的牧民收入增加。"
    assert _unit(gazetteer, text) == ALXA  # towns of three banners of 阿拉善盟
    one_banner = "雅布赖镇、巴丹吉林镇、阿拉腾朝格苏木、阿拉腾敖包镇和塔木素布拉格苏木的牧民收入增加。"
    assert _unit(gazetteer, "\n".join(lines) + one_banner) == ALXA_RIGHT  # all five in 阿拉善右旗
    assert _unit(gazetteer, "\n".join(lines) + "雅布赖镇和巴丹吉林镇的牧民收入增加。") is None  # too few


def test_a_head_unit_few_names_lie_in_gives_way_to_the_league_most_lie_in(gazetteer: Gazetteer) -> None:
    """'包头市的企业到兴安盟投资': the head names 包头 first, but the names lie in 兴安盟: the text is about it."""
    text = (
        "包头市的企业到兴安盟投资\n\n扎赉特旗的音德尔镇、好力保镇、巴彦扎拉嘎乡和巴彦高勒镇新建了厂房，"
        "扎赉特旗很欢迎。"
    )
    assert _unit(gazetteer, text) == "league:152200"


def test_a_text_whose_names_lie_in_one_banner_of_its_head_league_is_about_that_banner(
    gazetteer: Gazetteer,
) -> None:
    """The head gives the league ('兴安盟西北部…') as an address; when two thirds of the names that lie in one of
    its banners (at least five) lie in the same banner, the text is about that banner; spread over its banners,
    about the league."""
    one = "兴安盟西北部的旅游胜地\n\n阿尔山市有白狼镇、五岔沟镇、明水河镇、天池镇和伊尔施镇。"
    spread = (
        "兴安盟的城镇\n\n阿尔山市的白狼镇、乌兰浩特市的义勒力特镇、扎赉特旗的音德尔镇、突泉县的突泉镇和"
        "科尔沁右翼前旗的索伦镇。"
    )
    assert (_unit(gazetteer, one), _unit(gazetteer, spread)) == ("banner:152202", "league:152200")


# -- namesakes -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("head", "expected"), [("托克托县", TOKE_SHUANGHE), ("临河区", LINHE_SHUANGHE)])
def test_among_namesakes_the_one_in_the_texts_unit_wins(
    gazetteer: Gazetteer, tmp_path: Path, head: str, expected: str
) -> None:
    text = f"{head}农业简报\n\n今年粮食丰收。\n\n双河镇的蔬菜基地扩大了面积。"
    got = _only(_parse(gazetteer, tmp_path, text), "双河镇")
    assert (got.place.id, got.rule) == (expected, "jurisdiction")


# -- names the gazetteer lacks ---------------------------------------------------------------------------
def test_a_name_without_a_record_is_located_in_the_texts_own_unit_and_says_so(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = "阿拉善右旗简介\n\n阿拉善右旗位于阿拉善盟中部。\n\n游客常去巴彦诺尔山和查干乌苏湖等景点。"
    places = _parse(gazetteer, tmp_path, text)
    got = _only(places, "查干乌苏湖")
    assert (got.place.id, got.precision, got.rule, got.level) == (
        ALXA_RIGHT,
        "banner",
        "parent:issuer",
        "parent",
    )
    assert got.reason == "'查干乌苏湖' not in the gazetteer; located in the text's own banner 阿拉善右旗"


def test_a_text_without_a_unit_leaves_such_a_name_unresolved(gazetteer: Gazetteer, tmp_path: Path) -> None:
    got = _only(_parse(gazetteer, tmp_path, "游记\n\n游客常去巴彦诺尔山和查干乌苏湖等景点。"), "查干乌苏湖")
    assert got.place is None and got.reason == "'查干乌苏湖' not in the gazetteer and no known parent"


def test_a_name_inside_a_longer_name_locates_it_only_inside_the_jurisdiction(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    # 西乌旗 is 西乌珠穆沁旗's short form (锡林郭勒): in a text of 阿拉善右旗 the gully is the text's own
    text = "阿拉善右旗简介\n\n阿拉善右旗位于阿拉善盟中部。\n\n全旗治理西乌旗沟等山洪沟。"
    got = _only(_parse(gazetteer, tmp_path, text), "西乌旗沟")
    assert got.place.id == ALXA_RIGHT
    assert got.reason == "'西乌旗沟' not in the gazetteer; located in the text's own banner 阿拉善右旗"


def test_a_common_word_that_is_a_townships_stem_locates_no_name(gazetteer: Gazetteer, tmp_path: Path) -> None:
    # 纺织 is the stem of 纺织街道 (鄂尔多斯) and the word for textiles: a textile park is not put there
    got = _only(_parse(gazetteer, tmp_path, "园区\n\n已形成冶金、纺织产业园等。"), "纺织产业园")
    assert got.place is None


def test_plan_002s_gully_named_like_another_leagues_banner_lies_in_the_plans_banner(
    gazetteer: Gazetteer,
) -> None:
    plan = read(REFERENCE_PLANS / "002_e2fbe1b780f1f38b.txt")
    gullies = [m for m in geoparse(plan, gazetteer).mentions if m.surface == "西乌旗沟"]
    assert gullies and all(m.place is not None and m.place.id == "banner:150825" for m in gullies)


# -- the unit written right before a name ----------------------------------------------------------------
def test_a_name_written_after_a_unit_is_the_one_inside_it(gazetteer: Gazetteer, tmp_path: Path) -> None:
    places = _parse(gazetteer, tmp_path, "城区简况\n\n呼和浩特市新城区的人口增加了。")
    got = _only(places, "新城区")
    assert (got.place.id, got.rule) == ("banner:150102", "written-in")


def test_a_namesake_outside_the_unit_written_before_it_is_not_taken(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'赤峰市新城区' is a new town of 赤峰 (in 松山区), not 呼和浩特's district; a name written right after a unit
    whose only records lie outside it is located in that unit, saying why."""
    got = _only(_parse(gazetteer, tmp_path, "城区简况\n\n市政府驻赤峰市新城区。"), "新城区")
    assert (got.place.id, got.rule) == ("region:赤峰新城区", "written-in")
    got = _only(_parse(gazetteer, tmp_path, "城区简况\n\n市政府驻锡林郭勒盟回民区。"), "回民区")
    assert (got.place.id, got.precision, got.rule) == ("league:152500", "league", "parent:written-before")
    assert got.reason == (
        "'回民区' written right after 锡林郭勒盟, so located in it; the gazetteer's banner:150103 lie(s) outside it"
    )


def test_a_town_recorded_in_a_neighbouring_banner_of_the_same_league_keeps_its_record(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'九原区沙尔沁镇' in a text about a boundary change: the record (东河区, same league) is not overridden."""
    got = _only(_parse(gazetteer, tmp_path, "区划简况\n\n九原区沙尔沁镇整建制划出。"), "沙尔沁镇")
    assert got.place.id == "town:150202:沙尔沁镇" and not got.rule.startswith("parent")


def test_two_units_of_one_level_written_together_are_both_themselves(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    places = _parse(gazetteer, tmp_path, "城市群\n\n呼和浩特包头两市合作。")
    assert [(m.surface, m.place.id) for m in places.mentions] == [
        ("呼和浩特", "league:150100"),
        ("包头", "league:150200"),
    ]


# -- a stem alone ---------------------------------------------------------------------------------------
XINI_SUBDISTRICT = "town:150621:锡尼街道"  # a subdistrict of 达拉特旗
XINI_TOWN = "town:150625:锡尼镇"  # the seat of 杭锦旗


@pytest.mark.parametrize(
    ("surface", "ids", "expected"),
    [
        ("锡尼", (XINI_SUBDISTRICT, XINI_TOWN), XINI_TOWN),
        ("锡尼街道", (XINI_SUBDISTRICT,), XINI_SUBDISTRICT),
    ],
)
def test_a_stem_alone_means_the_town_rather_than_the_subdistrict(
    gazetteer: Gazetteer, surface: str, ids: tuple[str, ...], expected: str
) -> None:
    mention = Mention(surface, 0, len(surface), None, "gazetteer", ids)
    assert Resolver(gazetteer, "鄂尔多斯市").resolve(mention).place.id == expected


@pytest.mark.parametrize(
    ("head", "expected", "rule"),
    [
        # a plain text about a banner roams its league: the town of another banner the name holds locates it
        ("九原区简介\n\n九原区位于包头市西南部。", "town:150202:沙尔沁镇", "parent:named-inside"),
        # a banner's own plan names its own places: that town is a namesake, the name stays in the banner
        ("九原区国民经济和社会发展第十四个五年规划纲要", "banner:150207", "parent:issuer"),
    ],
)
def test_a_banner_plan_is_stricter_about_names_holding_another_banners_town(
    gazetteer: Gazetteer, tmp_path: Path, head: str, expected: str, rule: str
) -> None:
    got = _only(_parse(gazetteer, tmp_path, f"{head}\n\n目前，沙尔沁乡的村庄已经划出。"), "沙尔沁乡")
    assert (got.place.id, got.rule) == (expected, rule)


@pytest.mark.parametrize(
    ("surface", "expected", "reason"),
    [
        (
            "内蒙古集宁陆港物流园区",
            "banner:150902",
            "'内蒙古集宁陆港物流园区' not in the gazetteer; located by '集宁' after the region's name",
        ),
        (
            "内蒙古草原云谷产业园",
            "league:150900",
            "'内蒙古草原云谷产业园' not in the gazetteer; the region's name in it says no more than the text's own "
            "league 乌兰察布市, where it is located",
        ),
    ],
)
def test_the_regions_name_in_a_name_locates_it_no_finer_than_what_follows_or_the_texts_unit(
    gazetteer: Gazetteer, tmp_path: Path, surface: str, expected: str, reason: str
) -> None:
    text = f"乌兰察布概况\n\n乌兰察布市地处内蒙古中部。\n\n项目位于{surface}内。"
    got = _only(_parse(gazetteer, tmp_path, text), surface)
    assert (got.place.id, got.reason) == (expected, reason)


# -- list items ------------------------------------------------------------------------------------------
def test_a_list_item_that_is_a_known_name_with_a_generic_word_inside_is_that_place(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = "景点介绍\n\n主要景点有辉腾锡勒草原、杜尔伯特大草原、苏木山森林公园等景点。"
    got = _only(_parse(gazetteer, tmp_path, text), "杜尔伯特大草原")
    assert (got.place.id, got.level) == ("grassland:杜尔伯特草原", "own")


def test_a_list_item_starting_with_a_banners_stem_is_located_in_that_banner(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """库伦宗教博物馆 has no record: it starts with 库伦旗's stem; 库伦三大寺 has one since the third harvest."""
    text = "景点介绍\n\n旅游景点有大青沟、库伦宗教博物馆、库伦三大寺等。"
    parsed = _parse(gazetteer, tmp_path, text)
    got = _only(parsed, "库伦宗教博物馆")
    assert (got.place.id, got.rule) == ("banner:150524", "parent:named-inside")
    assert _only(parsed, "库伦三大寺").place.id == "scenic:库伦三大寺"


# -- names starting with a town's stem -------------------------------------------------------------------
PLAN_TITLE = "{unit}国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        (
            "鄂尔多斯市",
            "town:150627:乌兰木伦镇",
        ),  # a league's plan: the town of its league the name starts with
        ("东胜区", "banner:150602"),  # a banner's plan names its own places: that town is another banner's
    ],
)
def test_a_name_starting_with_a_towns_stem_is_located_by_that_town_of_the_jurisdiction(
    gazetteer: Gazetteer, tmp_path: Path, unit: str, expected: str
) -> None:
    text = PLAN_TITLE.format(unit=unit) + "\n\n积极打造乌兰木伦煤炭工业小镇。"
    got = _only(_parse(gazetteer, tmp_path, text), "乌兰木伦煤炭工业小镇")
    assert got.place.id == expected and got.level == "parent"


# -- ports, stations and airports of elsewhere ------------------------------------------------------------
def test_a_port_named_after_a_place_outside_lies_there(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A sea port named by a province or city of elsewhere is located there, never in the text's own unit."""
    places = _parse(gazetteer, tmp_path, "阿拉善右旗简介\n阿拉善右旗的货物经锦州港和天津港出海。")
    jinzhou, tianjin = _only(places, "锦州港"), _only(places, "天津港")
    assert jinzhou.place.id == "neighbour:210700" and jinzhou.rule == "parent:named-inside"
    assert tianjin.place.id == "province:120000"


def test_a_port_the_region_lacks_named_by_no_known_place_is_not_put_in_it(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """Every port of entry of the region is recorded: another one, named by an unknown place, lies elsewhere."""
    places = _parse(
        gazetteer, tmp_path, "阿拉善右旗简介\n阿拉善右旗的商品出境：霍尔果斯口岸；装船：曹妃甸港。"
    )
    for surface in ("霍尔果斯口岸", "曹妃甸港"):
        mention = _only(places, surface)
        assert mention.place is None and mention.reason.startswith("outside the region:")


def test_a_street_named_after_a_far_city_stays_at_home(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'北京路' of a banner town is a street of the text's own unit, not a street in Beijing."""
    places = _parse(gazetteer, tmp_path, "阿拉善右旗简介\n阿拉善右旗巴丹吉林镇北京路改造完成。")
    street = [m for m in places.mentions if m.surface.endswith("北京路")]
    assert street and all(not m.place.id.startswith("province:") for m in street if m.place is not None)


def test_a_plain_texts_unrecorded_river_or_region_is_not_put_in_its_unit(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """A text about a banner names rivers and regions of elsewhere: an unrecorded one is left unplaced (a
    plan's own unrecorded river stays in its issuer: see test_places)."""
    places = _parse(
        gazetteer, tmp_path, "阿拉善右旗简介\n阿拉善右旗位于阿拉善盟。\n土尔扈特部曾从伏尔加河流域东归。"
    )
    river = [m for m in places.mentions if m.surface.startswith("伏尔加河")]
    assert river and all(m.place is None for m in river)


def test_a_plans_unrecorded_river_stays_in_its_issuer(gazetteer: Gazetteer) -> None:
    from geoplan.read.model import Plan, PlanMeta

    meta = PlanMeta("阿拉善右旗", "banner", "阿拉善盟", "14th", False, (2021, 2025), "test")
    places = geoparse(Plan(Path("test.txt"), meta, "，实施伏尔加河综合治理工程，"), gazetteer)
    river = [m for m in places.mentions if m.surface.startswith("伏尔加河")]
    assert river and all(m.place is not None and m.place.id == ALXA_RIGHT for m in river)


@pytest.mark.parametrize(
    ("text", "surface", "where"),
    [
        ("二连浩特蒙古国扎门乌德口岸", "蒙古国", "foreign:蒙古国"),
        ("额济纳旗酒泉市", "酒泉市", "neighbour:620900"),
    ],
)
def test_a_place_outside_written_after_a_unit_is_not_put_in_it(
    gazetteer: Gazetteer, text: str, surface: str, where: str
) -> None:
    """A country or another province's city written right after a banner lies where it is, not in the banner."""
    from geoplan.read.model import Plan, PlanMeta

    meta = PlanMeta("阿拉善盟", "league", None, "14th", False, (2021, 2025), "test")
    places = geoparse(Plan(Path("t.txt"), meta, f"，加强{text}合作，"), gazetteer)
    (mention,) = [m for m in places.mentions if m.surface == surface]
    assert mention.place is not None and mention.place.id == where


def test_a_plans_own_unrecorded_land_port_stays_in_its_issuer(gazetteer: Gazetteer) -> None:
    """A banner plan's land port the gazetteer lacks may be one it plans: located in the banner, not 'outside'
    (a sea port, or one in a phrase naming places outside, is elsewhere)."""
    from geoplan.read.model import Plan, PlanMeta

    meta = PlanMeta("阿拉善左旗", "banner", "阿拉善盟", "14th", False, (2021, 2025), "test")
    plan = Plan(Path("t.txt"), meta, "，推动巴音毛道口岸建设。向西经新疆对接霍尔果斯口岸，向东对接曹妃甸港。")
    found = {m.surface: m.place.id if m.place else None for m in geoparse(plan, gazetteer).mentions}
    assert found["巴音毛道口岸"] == "banner:152921"
    assert found["霍尔果斯口岸"] is None and found["曹妃甸港"] is None


# -- a stretch's far end, a town named after a place, another league's banner stem --------------------------
BAOTOU = "league:150200"  # 包头市
GUYANG = "banner:150222"  # 固阳县


def test_a_stretchs_far_end_is_not_where_the_name_after_it_lies(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'固阳县至X': 固阳县 is the other end of a stretch, not X's banner; without 至 it is the banner X lies in."""
    to = _only(
        _parse(gazetteer, tmp_path, "包头市交通\n\n修建固阳县至哈日陶勒盖物流园区的公路。"),
        "哈日陶勒盖物流园区",
    )
    assert (to.place.id, to.rule) == (BAOTOU, "parent:issuer")
    places = _parse(gazetteer, tmp_path, "包头市交通\n\n在固阳县建设哈日陶勒盖物流园区。")
    inside = _only(places, "哈日陶勒盖物流园区")
    assert (inside.place.id, inside.rule) == (GUYANG, "parent:same-phrase")


def test_an_unrecorded_place_whose_whole_name_is_a_towns_stem_lies_in_that_town(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'百灵庙' found by its suffix (a temple) is unrecorded; the town 百灵庙镇 of 达茂旗 is named after it."""
    got = _only(_parse(gazetteer, tmp_path, "包头市交通\n\n固阳县至百灵庙三段公路年内开工。"), "百灵庙")
    assert got.place.id == "town:150223:百灵庙镇" and got.level == "parent"
    assert got.place.banner_id == "banner:150223"  # 达尔罕茂明安联合旗


def test_another_leagues_banner_stem_starting_a_longer_name_does_not_locate_it(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'赛罕塔拉' starts with 赛罕 (赛罕区 of 呼和浩特) but is a name of its own: in a 锡林郭勒 text it is not put in
    呼和浩特; a generic word after the stem ('赛罕物流园区') still places the name in that banner."""
    places = _parse(gazetteer, tmp_path, "锡林郭勒盟交通\n\n新建赛罕塔拉至朱日和镇的公路。")
    ends = [w for c in places.corridors for w in c.waypoints if w.surface == "赛罕塔拉"]
    assert ends and all(w.place is None or w.place.league_id == "league:152500" for w in ends)
    generic = _only(_parse(gazetteer, tmp_path, "锡林郭勒盟交通\n\n赛罕物流园区年内开工。"), "赛罕物流园区")
    assert generic.place.id == "banner:150105"


def test_a_common_town_name_written_after_a_banner_is_not_a_namesake_in_a_far_banner(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'四子王旗城关镇': the gazetteer's 城关镇 records lie in other banners, one of them (兴和县) in the same league but
    not bordering 四子王旗, so no town moved: the name is located in the banner written before it."""
    places = _parse(gazetteer, tmp_path, "乌兰察布市概况\n\n四子王旗城关镇的集市很热闹。")
    got = _only(places, "城关镇")
    assert (got.place.id, got.rule) == ("banner:150929", "parent:written-before")


def test_a_station_named_after_a_town_of_another_league_is_not_put_in_the_texts_league(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'新民南站' is named after 新民 — the gazetteer's 新民乡 lies in 赤峰: in a 乌海 text the station lies where
    its namesake does, not in 乌海, so it is left unresolved saying why; in a 赤峰 text it is that town's."""
    far = _only(_parse(gazetteer, tmp_path, "乌海市交通\n\n旅客可在新民南站换乘。"), "新民南站")
    assert far.place is None and far.reason.startswith("outside jurisdiction")
    near = _only(_parse(gazetteer, tmp_path, "赤峰市交通\n\n旅客可在新民南站换乘。"), "新民南站")
    assert near.place.id == "town:150421:新民乡"


def test_a_river_whose_course_crosses_leagues_is_put_in_neither(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """霍林河 rises in 扎鲁特旗 (通辽) and flows through 科右中旗 (兴安), as its record's page says: a 通辽 text
    naming it (its basin: '霍林河流域', one mention) does not put it in 兴安盟."""
    got = _only(_parse(gazetteer, tmp_path, "通辽市水利\n\n加强霍林河流域治理。"), "霍林河流域")
    assert got.place.id == "river:霍林河" and got.place.league_id is None


@pytest.mark.parametrize(
    ("sentence", "placed"),
    [
        ("锡林郭勒盟南接赤峰市，多伦县有一座王爷府。", False),
        ("锡林郭勒盟与赤峰市交界，多伦县有一座王爷府。", False),
        ("锡林郭勒盟与赤峰市合作，多伦县有一座王爷府。", True),
    ],
)
def test_a_league_named_as_the_neighbour_is_no_context_for_its_namesakes(
    gazetteer: Gazetteer, tmp_path: Path, sentence: str, placed: bool
) -> None:
    """'南接赤峰市' and '与赤峰市交界' describe where the text's league lies: 赤峰 is no evidence that a short form
    matching only 赤峰's 王爷府镇 means that town; naming 赤峰 as a partner still is."""
    got = _only(_parse(gazetteer, tmp_path, "锡林郭勒盟概况\n\n" + sentence), "王爷府")
    assert (got.place is not None) is placed
    if not placed:
        assert got.reason.startswith("outside jurisdiction")


def test_a_lines_end_is_not_where_the_next_list_item_lies(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'…至甘其毛都口岸铁路、X专用线': the port ends the first line (in 乌拉特中旗); the next item is not in it."""
    text = "乌拉特后旗交通\n\n推进巴音宝力格镇至甘其毛都口岸铁路、乌力吉图煤矿铁路专用线建设。"
    got = _only(_parse(gazetteer, tmp_path, text), "乌力吉图煤矿铁路专用线")
    assert got.rule != "parent:same-phrase" and (got.place is None or got.place.type != "port")


@pytest.mark.parametrize(
    ("short", "expected"),
    [("棋盘井", "town:150624:棋盘井镇"), ("王爷府", None)],
)
def test_a_towns_short_form_just_across_the_leagues_border_is_that_town(
    gazetteer: Gazetteer, tmp_path: Path, short: str, expected: str | None
) -> None:
    """棋盘井镇 (鄂托克旗) lies a few km outside 乌海: its short form in a 乌海 text is that town; 王爷府镇 (赤峰)
    lies hundreds of km away, so its short form there stays 'outside jurisdiction'."""
    places = _parse(gazetteer, tmp_path, f"乌海市概况\n\n新修{short}至海南区的公路。")
    got = _only(places, short)
    assert (got.place.id if got.place is not None else None) == expected


def test_a_country_named_in_full_is_that_country_whatever_its_length(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'日本' and '中亚' are full names (of two characters, like a neighbouring county's short form): a text's
    jurisdiction does not refuse them as it refuses an unqualified far county."""
    places = _parse(gazetteer, tmp_path, "锡林郭勒盟概况\n\n牛羊肉出口日本和中亚。")
    assert {
        m.surface: m.place.id for m in places.mentions if m.place is not None and m.type == "foreign"
    } == {
        "日本": "foreign:日本",
        "中亚": "foreign:中亚",
    }


def test_namesakes_tied_on_every_rule_go_to_the_one_a_line_named_after_the_name_runs_through(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'巴彦乌拉' is a stem of 苏尼特左旗's 巴彦乌拉苏木 and the former name of 西乌珠穆沁旗's 巴拉嘎尔高勒镇, both in
    锡林郭勒: nothing in the text decides, but 巴新铁路 (巴彦乌拉—新邱铁路) runs through the second."""
    got = _only(_parse(gazetteer, tmp_path, "锡林郭勒盟概况\n\n巴彦乌拉的煤炭外运量增加了。"), "巴彦乌拉")
    assert (got.place.id, got.rule) == ("town:152526:巴拉嘎尔高勒镇", "line")


def _ends(places: PlanPlaces) -> dict[str, object]:
    return {w.surface: w for c in places.corridors for w in c.waypoints}


def test_a_lines_end_in_the_next_league_is_the_town_there(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'乌里雅斯太至大板': a line of 锡林郭勒 runs on to 大板镇 of 赤峰 (a league next to it), its only record."""
    ends = _ends(_parse(gazetteer, tmp_path, "锡林郭勒盟交通\n\n新修乌里雅斯太至大板的公路。"))
    assert ends["大板"].place.id == "town:150423:大板镇"


def test_a_sections_end_far_from_its_routes_line_is_a_namesake(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'G210古城至达拉特旗段': the only 古城镇 (托克托县, 呼和浩特) lies over 1° from G210's recorded line, so it is
    not this section's end: the end stays unresolved, saying so, while 达拉特旗 is taken."""
    ends = _ends(_parse(gazetteer, tmp_path, "鄂尔多斯市交通\n\n新修G210古城至达拉特旗段。"))
    assert ends["古城"].place is None and "road:G210's line" in ends["古城"].reason
    assert ends["达拉特旗"].place.id == "banner:150621"


def test_a_county_roads_ends_lie_in_its_county(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'县道 731 A-B' in a text about 乌拉特后旗: the road is the banner's, so an end the gazetteer lacks (哈日陶勒盖) or
    matches only by a far namesake (赛乌素: 赛乌素镇 lies in 乌兰察布) is located in the banner, saying why; the same
    ends of a road without a county number stay unplaced."""
    places = _parse(
        gazetteer, tmp_path, "乌拉特后旗交通\n\n新修县道 731 赛乌素-哈日陶勒盖公路，改建莫林-哈日陶勒盖公路。"
    )
    county, other = places.corridors
    assert [(w.surface, w.place.id, w.rule) for w in county.waypoints] == [
        ("赛乌素", "banner:150825", "parent:county-road"),
        ("哈日陶勒盖", "banner:150825", "parent:county-road"),
    ]
    assert "county road" in county.waypoints[0].reason
    assert _only(places, "赛乌素").place.id == "banner:150825"
    assert all(w.place is None for w in other.waypoints)


def test_a_spur_railway_lies_at_the_town_its_name_starts_with(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A spur named after the mine it serves ('白音华三号露天矿铁路') is not a line across units: the town of the
    league its name starts with (白音华苏木 of 西乌珠穆沁旗) locates it, as it locates any facility."""
    got = _only(
        _parse(gazetteer, tmp_path, "锡林郭勒盟交通\n\n建设白音华三号露天矿铁路。"), "白音华三号露天矿铁路"
    )
    assert (got.place.id, got.rule) == ("town:152526:白音华苏木", "parent:named-inside")


def test_an_unrecorded_spur_railway_lies_in_the_texts_unit(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A spur serves a mine or plant of the text's own unit, unlike a line named after far places."""
    got = _only(
        _parse(
            gazetteer,
            tmp_path,
            "阿拉善右旗交通\n\n阿拉善右旗位于阿拉善盟中部。\n\n全旗建成查干陶勒盖煤炭铁路专用线。",
        ),
        "查干陶勒盖煤炭铁路专用线",
    )
    assert (got.place.id, got.rule) == (ALXA_RIGHT, "parent:issuer")


def test_a_mine_a_port_imports_from_is_not_put_in_the_texts_unit(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = (
        "阿拉善右旗简介\n\n阿拉善右旗位于阿拉善盟中部。\n\n"
        "经口岸进口的矿点主要有额勒苏泰铁矿、艾勒巴音焦煤矿。旗内的查干陶勒盖煤矿已投产。"
    )
    places = _parse(gazetteer, tmp_path, text)
    assert _only(places, "额勒苏泰铁矿").place is None  # across the border
    assert _only(places, "艾勒巴音焦煤矿").place is None
    assert _only(places, "查干陶勒盖煤矿").place.id == ALXA_RIGHT


def test_an_unrecorded_volcano_lies_in_the_texts_unit(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A volcano is a small landform of where the text is, as a gully is (not a range that may lie far away)."""
    text = "阿拉善右旗简介\n\n阿拉善右旗位于阿拉善盟中部。\n\n旗内的乌兰陶勒盖火山已成为景区。"
    got = _only(_parse(gazetteer, tmp_path, text), "乌兰陶勒盖火山")
    assert (got.place.id, got.rule) == (ALXA_RIGHT, "parent:issuer")


def test_a_country_by_its_short_name_is_located_in_any_plan(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'蒙古' (the common short name of 蒙古国) beside other countries: a country is where it is, whatever league
    issues the plan; no place of the region shares its name."""
    resolved = resolved_ids(
        gazetteer,
        tmp_path,
        "巴彦淖尔市国民经济和社会发展第十四个五年规划纲要",
        "积极吸引蒙古、日本、韩国等国家的投资。",
    )
    assert resolved.get("蒙古") == "foreign:蒙古国"
    assert resolved.get("日本") == "foreign:日本"


# -- hills named for their look ---------------------------------------------------------------------------
MORIN_DAWA = "banner:150722"  # 莫力达瓦达斡尔族自治旗 (Hulunbuir), far from both leagues with a 桌子山
TABLE_HILL = "mountain:桌子山"  # the 桌子山 of 海勃湾区 (Wuhai)
ZHUOZI_HILL = "mountain:150921:桌子山"  # the 桌子山 of 卓资县 (Ulanqab), its page's (i24l)
HELAN = "mountain:贺兰山"  # recorded at a point in 阿拉善左旗


def test_a_hill_known_only_in_far_leagues_is_a_namesake(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """Hills are named for their look; the recorded 桌子山 lie in Wuhai and in 卓资县, both leagues away from a
    text about 莫力达瓦, so the text's 桌子山 is located in the text's own unit, and the reason says why."""
    assert gazetteer.get(TABLE_HILL).banner_id == "banner:150302"
    assert gazetteer.get(ZHUOZI_HILL).banner_id == "banner:150921"
    text = "莫力达瓦达斡尔族自治旗概况\n莫力达瓦达斡尔族自治旗境内多山，桌子山山势雄伟，是旗里的名山。"
    hill = _only(_parse(gazetteer, tmp_path, text), "桌子山")
    assert hill.place.id == MORIN_DAWA
    assert hill.precision == "banner"
    assert "only namesakes outside" in hill.reason


def test_a_hill_with_a_record_in_the_texts_own_banner_is_that_one(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """卓资县's own 桌子山 (the hill the county is named after) is the one a text about 卓资县 means."""
    places = _parse(gazetteer, tmp_path, "卓资县概况\n卓资县境内多山，桌子山山势雄伟，是县里的名山。")
    assert _only(places, "桌子山").place.id == ZHUOZI_HILL


def test_a_hill_of_the_texts_own_league_or_the_next_one_is_taken(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """In a Wuhai text 桌子山 is Wuhai's own; 贺兰山 (Alxa) is in the league next to Wuhai; a range drawn as a
    line (阴山) spans leagues and is never a namesake."""
    wuhai = _parse(gazetteer, tmp_path, "乌海市概况\n乌海市东依桌子山，西望贺兰山，北靠阴山。")
    assert _only(wuhai, "桌子山").place.id == TABLE_HILL
    assert _only(wuhai, "贺兰山").place.id == HELAN
    assert _only(wuhai, "阴山").place.id == "mountain:阴山"
    ulanqab = _parse(gazetteer, tmp_path, "卓资县概况\n卓资县北依阴山，境内多山。")
    assert _only(ulanqab, "阴山").place.id == "mountain:阴山"


def test_a_hill_with_a_proper_name_is_taken_in_a_far_league(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """Only a hill named by a common word (桌子 'table') has namesakes: 贺兰山 (Alxa) is a proper name, the one
    range of the name, so a text of 包头 or 呼伦贝尔 (leagues not next to Alxa) still means it."""
    for text in (
        "包头市概况\n包头市地处阴山南麓，西望贺兰山，生态屏障作用突出。",
        "呼伦贝尔市概况\n呼伦贝尔市与贺兰山周边地区开展生态合作，共同推进防沙治沙工作。",
    ):
        assert _only(_parse(gazetteer, tmp_path, text), "贺兰山").place.id == HELAN


def test_a_hill_is_named_for_its_look_by_a_side_or_a_common_word() -> None:
    """A side (东山) or a common noun (桌子 'table', 狼 'wolf') before the class character names a hill for its look;
    a proper name (贺兰, 乌拉, 九峰) does not."""
    assert [name for name in ("东山", "桌子山", "狼山") if not named_for_its_look(name)] == []
    assert [name for name in ("贺兰山", "乌拉山", "九峰山", "甘德尔山") if named_for_its_look(name)] == []


def test_distances_are_cached_per_gazetteer_and_dropped_with_it(gazetteer: Gazetteer) -> None:
    """The jurisdiction's distances are kept per gazetteer object: another gazetteer (a user's overlay loaded
    later) starts from its own, and its cache goes when it does — an old one's distances are never read again."""
    import copy
    import gc

    from geoplan.geocode import resolve

    own = Resolver(gazetteer, "鄂尔多斯市")
    assert resolve._DISTANCES[gazetteer] is own._distances
    other_gazetteer = copy.copy(gazetteer)
    other = Resolver(other_gazetteer, "鄂尔多斯市")
    assert other._distances is not own._distances
    town = Mention("锡尼镇", 0, 3, None, "gazetteer", (XINI_TOWN,))
    other.resolve(town)
    count = len(resolve._DISTANCES)
    del other, other_gazetteer
    gc.collect()
    assert len(resolve._DISTANCES) == count - 1
    assert resolve._DISTANCES[gazetteer] is own._distances


def test_townships_a_counted_list_names_like_a_far_banner_are_the_texts(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'…辖阿鲁科尔沁、高勒、…6个苏木': the count says the items are sumu, so 阿鲁科尔沁 there is a sumu of the
    text's banner, not 阿鲁科尔沁旗 of 赤峰, and the items after it are not located by that banner either; a
    banner named in full in a list of places stays the banner."""
    text = "乌拉特中旗沿革\n\n清至民国初，中公旗辖阿鲁科尔沁、高勒、玛拉图尔、米日、乌布尔科尔沁、准6个苏木。"
    places = _parse(gazetteer, tmp_path, text)
    for surface in ("阿鲁科尔沁", "高勒", "乌布尔科尔沁"):
        got = _only(places, surface)
        assert (got.type, got.place.id) == ("town", "banner:150824")
    banners = _parse(gazetteer, tmp_path, "乌拉特中旗交通\n\n货物远销阿鲁科尔沁旗、扎鲁特旗等地。")
    assert _only(banners, "阿鲁科尔沁旗").place.id == "banner:150421"


def test_a_place_named_after_a_district_of_a_neighbouring_league_lies_there(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'乌拉盖草原' in a 通辽 text is named after 乌拉盖管理区, the county-level district of 锡林郭勒盟 (a region record
    of one league): it lies in that district's league, not in the 通辽 named before it."""
    places = _parse(gazetteer, tmp_path, "通辽市旅游\n\n通辽还有如乌拉盖草原、科尔沁草原等自然景观。")
    got = _only(places, "乌拉盖草原")
    assert (got.place.id, got.rule) == ("region:乌拉盖管理区", "parent:named-inside")
    assert got.place.league_id == "league:152500"


def test_a_banners_text_locates_its_unrecorded_hills_and_streams_there(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """A text about one banner describes its own hills and streams: one the gazetteer lacks, named by a name the
    segmenter's dictionary does not know (达克图山, 那仁河), lies in that banner; a famous feature elsewhere (阿尔卑斯山,
    伏尔加河: words of the dictionary) stays unresolved, and so does a hill in a text about a whole league."""
    text = "扎赉特旗概况\n\n旗内有达克图山和那仁河，景色堪比阿尔卑斯山和伏尔加河。"
    places = _parse(gazetteer, tmp_path, text)
    for surface in ("达克图山", "那仁河"):
        got = _only(places, surface)
        assert (got.place.id, got.rule) == ("banner:152223", "parent:issuer")
    for surface in ("阿尔卑斯山", "伏尔加河"):
        assert all(m.place is None for m in places.mentions if m.surface == surface)
    league = _parse(gazetteer, tmp_path, "兴安盟概况\n\n盟内有达克图山。")
    assert _only(league, "达克图山").place is None


def test_a_town_the_sentence_names_in_full_is_no_namesake_in_a_name(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """A station named after a town of another league lies in that town when the sentence names the town in full;
    named alone, the town of another league is a namesake and the station stays at the text's league."""
    title = "鄂尔多斯市国民经济和社会发展第十四个五年规划纲要"
    named = resolved_ids(gazetteer, tmp_path, title, "旧时的红格尔图镇有一座老站，红格尔图火车站建于民国。")
    assert named["红格尔图火车站"] == "town:150928:红格尔图镇"
    alone = resolved_ids(gazetteer, tmp_path, title, "红格尔图火车站建于民国。")
    assert alone["红格尔图火车站"] == "league:150600"


def test_another_leagues_banner_stem_opening_a_name_beside_the_texts_own_banner(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'库伦古城' in a sentence that places it in a banner of the text's league is no sight of 通辽's 库伦旗."""
    title = "乌兰察布市国民经济和社会发展第十四个五年规划纲要"
    ids = resolved_ids(gazetteer, tmp_path, title, "库伦古城位于察右后旗境内，历史悠久。")
    assert ids["库伦古城"] in ("league:150900", "banner:150928")


def test_another_name_of_a_natural_place_of_one_league_needs_evidence_outside_it(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'灰腾梁' (another name of 乌兰察布's 辉腾锡勒草原) in a 锡林郭勒 banner's text is its own hill, not the
    grassland; a form of a famous name ('呼伦贝尔大草原') is taken anywhere."""
    far = resolved_ids(
        gazetteer, tmp_path, "阿巴嘎旗国民经济和社会发展第十四个五年规划纲要", "抓好灰腾梁风电场建设。"
    )
    assert far.get("灰腾梁") != "grassland:辉腾锡勒草原"
    home = resolved_ids(
        gazetteer, tmp_path, "察哈尔右翼中旗国民经济和社会发展第十四个五年规划纲要", "保护灰腾梁草场。"
    )
    assert home["灰腾梁"] == "grassland:辉腾锡勒草原"
    famous = resolved_ids(
        gazetteer, tmp_path, "阿巴嘎旗国民经济和社会发展第十四个五年规划纲要", "游客向往呼伦贝尔大草原。"
    )
    assert famous["呼伦贝尔大草原"] == "grassland:呼伦贝尔草原"


def test_a_facility_named_with_its_unit_outside_the_league_is_that_facility(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'乌兰浩特机场' in a text of 呼伦贝尔: the airport's name holds the city it serves (乌兰浩特市 of 兴安盟), which
    is evidence enough outside the text's league."""
    ids = resolved_ids(
        gazetteer,
        tmp_path,
        "扎兰屯市国民经济和社会发展第十四个五年规划纲要",
        "市区西南距乌兰浩特机场270千米。",
    )
    assert ids["乌兰浩特机场"] == "airport:ZBUL"


def test_a_name_in_a_sentence_about_a_city_outside_is_not_the_texts_own(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'阜新市拥有…塔布嘎寺…': a sentence opening with a city outside the region and naming no place of it is about
    that city; a name the gazetteer lacks there is left unresolved, not put in the text's league (通辽市)."""
    places = _parse(
        gazetteer,
        tmp_path,
        "通辽市旅游指南\n阜新市拥有丰富的旅游资源，其中以塔布嘎寺等景点最为著名。\n游客从阜新出发，游览塔布嘎景区。\n",
    )
    mentions = {m.surface: m for m in places.mentions}
    assert mentions["塔布嘎寺"].place is None
    assert "outside the region" in mentions["塔布嘎寺"].reason
    # the city is not the sentence's subject here: the text's own league stays the fallback
    assert mentions["塔布嘎景区"].place is not None and mentions["塔布嘎景区"].place.id == "league:150500"


def test_a_sight_said_to_lie_in_a_city_outside_is_located_there(gazetteer: Gazetteer, tmp_path: Path) -> None:
    places = _parse(gazetteer, tmp_path, "通辽市旅游指南\n塔布嘎寺：位于阜新市，是一座佛教寺庙。\n")
    sight = next(m for m in places.mentions if m.surface == "塔布嘎寺")
    assert sight.place is not None and sight.place.name == "阜新市"
    assert sight.rule == "parent:said-to-lie"


def test_a_list_item_is_no_container_of_the_items_after_it(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'游览阿尔山口岸、塔布嘎遗址': a port listed before a sight is its sibling, not where it lies; a sight named after
    a recorded lake in full lies at the lake, in whichever league ('呼伦湖塔布嘎景区')."""
    places = _parse(
        gazetteer, tmp_path, "阿尔山市旅游指南\n计划游览阿尔山口岸、塔布嘎遗址、呼伦湖塔布嘎景区。\n"
    )
    mentions = {m.surface: m for m in places.mentions}
    assert mentions["塔布嘎遗址"].rule != "parent:same-phrase"
    assert (
        mentions["呼伦湖塔布嘎景区"].place is not None
        and mentions["呼伦湖塔布嘎景区"].place.id == "lake:呼伦湖"
    )


def test_a_unit_before_a_list_of_its_towns_is_their_container(gazetteer: Gazetteer, tmp_path: Path) -> None:
    places = _parse(gazetteer, tmp_path, "阿拉善右旗简介\n阿拉善右旗塔布嘎镇、敖都图镇开展试点。\n")
    mentions = {m.surface: m for m in places.mentions}
    assert mentions["敖都图镇"].place is not None and mentions["敖都图镇"].place.id == ALXA_RIGHT


def test_a_namesake_among_the_texts_own_towns_is_one_of_them(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A banner's list of its sumu holds one whose full name only a sumu of another league has in the gazetteer
    (a former sumu, merged away): among its own banner's towns it is that banner's, located there with the reason
    saying so, never the namesake leagues away."""
    barag_right = "banner:150727"  # 新巴尔虎右旗 (Hulunbuir)
    namesake = "town:150421:赛汉塔拉苏木"  # of 阿鲁科尔沁旗 (Chifeng)
    assert gazetteer.get(namesake) is not None
    text = "新巴尔虎右旗概况\n新巴尔虎右旗辖克尔伦苏木、贝尔苏木、赛汉塔拉苏木、宝格德乌拉苏木。\n"
    mentions = {m.surface: m for m in _parse(gazetteer, tmp_path, text).mentions}
    sumu = mentions["赛汉塔拉苏木"]
    # located in its own banner: at the banner, or at the banner's own former sumu of the name (towns_former.csv)
    assert sumu.place is not None and barag_right in (sumu.place.id, sumu.place.banner_id)
    assert sumu.precision == "banner" and sumu.place.id != namesake
    assert mentions["克尔伦苏木"].place is not None and mentions["克尔伦苏木"].place.id.startswith(
        "town:150727:"
    )


def test_an_unrecorded_sight_lies_where_its_list_mates_lie(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A text about a league lists sights: an unrecorded one listed with recorded sights of one banner lies in
    that banner (not no finer than the league); in a list whose recorded sights lie in two banners it stays at
    the league."""
    khorchin_left_middle = "banner:150521"  # 科尔沁左翼中旗
    text = (
        "通辽市旅游概况\n"
        "孝庄园景区由达尔罕亲王府、浩日沁庙、孝庄博物馆、嘎达梅林纪念馆组成。\n"
        "全市著名景点有大青沟、塔本花湖、西拉木伦公园。\n"
    )
    mentions = {m.surface: m for m in _parse(gazetteer, tmp_path, text).mentions}
    assert mentions["浩日沁庙"].place is not None and mentions["浩日沁庙"].place.id == khorchin_left_middle
    assert (
        mentions["浩日沁庙"].rule == "parent:list-mates" and "listed with it" in mentions["浩日沁庙"].reason
    )
    assert mentions["塔本花湖"].place is not None and mentions["塔本花湖"].place.id == "league:150500"


def test_an_unrecorded_place_listed_with_places_abroad_lies_abroad(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'至蒙古国A口岸、B煤田': an unrecorded coal field listed after a recorded port of Mongolia lies in Mongolia,
    not in the banner the text is about (which would put it in another country's league)."""
    text = "额济纳旗口岸建设\n额济纳旗架设了至蒙古国西伯库伦口岸、乌兰宝力格煤田的输变电线路。\n"
    mentions = {m.surface: m for m in _parse(gazetteer, tmp_path, text).mentions}
    field = mentions["乌兰宝力格煤田"]
    assert field.place is not None and field.place.id == "foreign:蒙古国"
    assert field.rule == "parent:list-mates"


def test_a_short_town_name_of_another_league_is_no_evidence_by_itself(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    """'新镇' is the full name of a town of 通辽 (奈曼旗) and a word for a town's new quarter: in a text about a
    banner of 呼伦贝尔 it is not that town, and does not vouch for itself; it lies where its phrase says."""
    assert gazetteer.get("town:150525:新镇") is not None
    text = "额尔古纳市概况\n我们来到了黑山头镇新镇。\n"
    new_town = {m.surface: m for m in _parse(gazetteer, tmp_path, text).mentions}["新镇"]
    assert new_town.place is not None and new_town.place.id == "town:150784:黑山头镇"
    assert "only namesakes outside" in new_town.reason
