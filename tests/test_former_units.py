"""Issue 15: former banners, counties, leagues and provinces, and banners' short forms, region-wide
(``gazetteer/context/unit_names.csv``, ``gazetteer/units_former.csv``). A former unit now in one unit resolves to
it; a former province spanning leagues resolves no finer than those leagues and has no point of its own; a short
form resolves only where no other banner could take it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import assert_under_banner, found, resolved_ids

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import MentionFinder
from geoplan.resources import GAZETTEER_DIR

#: former unit -> the county-level unit of today its area (or its seat) lies in
FORMER_BANNERS = {
    "陶林县": "察哈尔右翼中旗",
    "室韦县": "额尔古纳市",
    "奇乾县": "额尔古纳市",
    "额尔古纳右旗": "额尔古纳市",
    "额尔古纳左旗": "根河市",
    "察哈尔正黄旗": "察哈尔右翼前旗",
    "达尔罕贝勒旗": "达尔罕茂明安联合旗",
    "喀尔喀右翼旗": "达尔罕茂明安联合旗",
    "额济纳旧土尔扈特特别旗": "额济纳旗",
    "西科前旗": "科尔沁右翼前旗",
    "扎萨克图旗": "科尔沁右翼前旗",
    "土谢图王旗": "科尔沁右翼中旗",
    "图什业图王旗": "科尔沁右翼中旗",
    "赤峰县": "松山区",
    "乌丹县": "翁牛特旗",
    "翁牛特蒙古族自治旗": "翁牛特旗",
    "经棚县": "克什克腾旗",
    "萨拉齐县": "土默特右旗",
    "萨县": "土默特右旗",
    "胪滨县": "满洲里市",
    "喜桂图旗": "牙克石市",
    "巴彦旗": "莫力达瓦达斡尔族自治旗",
    "米仓县": "杭锦后旗",
    "醴泉县": "突泉县",  # i24l
}
#: former league -> the league of today it lies in
FORMER_LEAGUES = {
    "察哈尔盟": "锡林郭勒盟",
    "纳文慕仁盟": "呼伦贝尔市",
    "呼伦贝尔纳文慕仁盟": "呼伦贝尔市",
    "呼纳盟": "呼伦贝尔市",
    "归绥市": "呼和浩特市",
    "归绥": "呼和浩特市",
    "伊克昭蒙古族自治区": "鄂尔多斯市",
    "河套行政区": "巴彦淖尔市",
    "陕坝专区": "巴彦淖尔市",
    "呼盟": "呼伦贝尔市",
}
#: short form -> its banner
SHORT_FORMS = {"东苏旗": "苏尼特左旗", "西苏旗": "苏尼特右旗", "托县": "托克托县", "和林县": "和林格尔县"}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_name_row_cites_its_page_and_is_tested() -> None:
    rows = _rows(GAZETTEER_DIR / "context" / "unit_names.csv")
    assert all("http" in row["note"] and "read 2026-11-30" in row["note"] for row in rows)
    assert {row["alias"] for row in rows} == {*FORMER_BANNERS, *FORMER_LEAGUES, *SHORT_FORMS}
    assert {row["kind"] for row in rows if row["alias"] in SHORT_FORMS} == {"alias"}
    assert {row["kind"] for row in rows if row["alias"] not in SHORT_FORMS} == {"former"}


@pytest.mark.parametrize(("former", "banner"), FORMER_BANNERS.items())
def test_a_former_banner_or_county_resolves_to_the_unit_of_today(
    gazetteer: Gazetteer, former: str, banner: str
) -> None:
    (candidate,) = gazetteer.lookup(former)
    assert candidate.place.name == banner
    assert_under_banner(gazetteer, candidate.place.id, banner)


@pytest.mark.parametrize(("former", "league"), FORMER_LEAGUES.items())
def test_a_former_league_resolves_to_the_league_of_today(
    gazetteer: Gazetteer, former: str, league: str
) -> None:
    (candidate,) = gazetteer.lookup(former)
    assert candidate.place.name == league and candidate.place.type == "league"


@pytest.mark.parametrize(("form", "banner"), SHORT_FORMS.items())
def test_a_short_form_resolves_to_its_banner(gazetteer: Gazetteer, form: str, banner: str) -> None:
    (candidate,) = gazetteer.lookup(form)
    assert candidate.place.name == banner


def _could_take(form: str, name: str) -> bool:
    """Whether a banner's name could be written ``form``: same class word, the form's characters before it in
    order in the name, the first one first."""
    head, kind = form[:-1], form[-1]
    if not name.endswith(kind) or not name.startswith(head[0]):
        return False
    rest = iter(name[:-1])
    return all(char in rest for char in head)


def test_no_other_unit_could_take_a_short_form(gazetteer: Gazetteer) -> None:
    names = [p.name for p in gazetteer.records(("banner",))]
    for form, banner in SHORT_FORMS.items():
        assert [n for n in names if n != banner and _could_take(form, n)] == [], form
    # the check refuses a form several banners could take
    assert {n for n in names if _could_take("阿旗", n)} == {
        "阿鲁科尔沁旗",
        "阿荣旗",
        "阿巴嘎旗",
        "阿拉善左旗",
        "阿拉善右旗",
    }


def test_a_short_form_two_banners_share_is_decided_only_by_the_text_s_league(gazetteer: Gazetteer) -> None:
    tied = gazetteer.lookup("扎旗")
    assert {c.place.name for c in tied} == {"扎鲁特旗", "扎赉特旗"} and tied[0].score == tied[1].score
    assert gazetteer.lookup("扎旗", within="兴安盟")[0].place.name == "扎赉特旗"
    assert gazetteer.lookup("扎旗", within="通辽市")[0].place.name == "扎鲁特旗"


def test_a_former_name_two_banners_bore_is_not_recorded(gazetteer: Gazetteer, tmp_path: Path) -> None:
    # 达尔罕旗: 科尔沁左翼中旗 (the 达尔罕亲王 banner) and the 喀尔喀右翼旗 of 达茂; 索伦旗: 鄂温克 and a part of 科右前旗
    assert gazetteer.lookup("达尔罕旗") == [] and gazetteer.lookup("索伦旗") == []
    resolved = resolved_ids(gazetteer, tmp_path, "内蒙古自治区地名志", "民国时期达尔罕旗与索伦旗均设旗署。")
    assert "达尔罕旗" not in resolved and "索伦旗" not in resolved


@pytest.mark.parametrize(
    ("record_id", "leagues"),
    [
        ("region:绥远省", {"呼和浩特市", "包头市", "乌兰察布市", "鄂尔多斯市", "巴彦淖尔市", "乌海市"}),
        ("region:兴安省", {"呼伦贝尔市", "兴安盟"}),
        ("region:兴安总省", {"呼伦贝尔市", "兴安盟", "通辽市", "赤峰市"}),
        ("region:兴安东省", {"呼伦贝尔市", "兴安盟"}),
        ("region:兴安西省", {"赤峰市", "通辽市"}),
        ("region:兴安南省", {"兴安盟", "通辽市"}),
        ("region:兴安北省", {"呼伦贝尔市"}),
    ],
)
def test_a_former_province_is_the_union_of_its_leagues_with_no_point_of_its_own(
    gazetteer: Gazetteer, record_id: str, leagues: set[str]
) -> None:
    place = gazetteer.get(record_id)
    assert place.precision == "league" and place.league_id is None and place.banner_id is None
    assert "; basis: https://" in place.geometry_source
    for league in gazetteer.records(("league",)):
        inside = place.geometry.buffer(1e-6).contains(league.geometry.representative_point())
        assert inside == (league.name in leagues), league.name


@pytest.mark.parametrize(
    ("record_id", "units", "far"),
    [
        ("region:热河省", ("赤峰市", "承德市", "朝阳市"), "呼伦贝尔市"),
        ("region:察哈尔省", ("锡林郭勒盟", "化德县", "商都县", "张家口市"), "阿拉善盟"),
        ("region:辽北省", ("通辽市", "兴安盟", "四平市"), "鄂尔多斯市"),
        ("region:卓索图盟", ("喀喇沁旗", "宁城县", "承德市", "朝阳市"), "锡林郭勒盟"),
        ("region:平地泉行政区", ("集宁区", "托克托县", "土默特右旗", "察哈尔右翼后旗"), "包头市"),
        ("region:奉天省", ("通辽市", "突泉县", "洮南市", "沈阳市", "大连市", "丹东市"), "呼伦贝尔市"),
        ("region:龙江省", ("齐齐哈尔市", "大庆市", "白城市", "突泉县"), "赤峰市"),
        ("region:嫩江省", ("齐齐哈尔市", "洮南市", "扎赉特旗"), "通辽市"),
        ("region:宁夏省", ("阿拉善盟", "额济纳旗", "磴口县", "银川市", "吴忠市"), "鄂尔多斯市"),
        ("region:辽吉省", ("通辽市", "库伦旗", "白城市", "松原市", "四平市", "铁岭市"), "兴安盟"),
    ],
)
def test_a_former_province_reaching_other_provinces_is_a_schematic_hull(
    gazetteer: Gazetteer, record_id: str, units: tuple[str, ...], far: str
) -> None:
    place = gazetteer.get(record_id)
    assert (
        place.precision == "schematic"
        and place.league_id is None
        and place.parent_ids[0] == "province:150000"
    )
    for unit in units:
        assert place.geometry.buffer(1e-6).contains(gazetteer.lookup(unit)[0].place.point), unit
    assert not place.geometry.contains(gazetteer.lookup(far)[0].place.point)


def test_no_former_province_states_a_coordinate_and_each_cites_its_page() -> None:
    rows = _rows(GAZETTEER_DIR / "units_former.csv")
    assert {row["id"] for row in rows} == {
        "region:绥远省",
        "region:兴安省",
        "region:热河省",
        "region:察哈尔省",
        "region:辽北省",
        "region:卓索图盟",
        "region:平地泉行政区",
        "region:奉天省",
        "region:龙江省",
        "region:嫩江省",
        "region:兴安总省",
        "region:兴安东省",
        "region:兴安西省",
        "region:兴安南省",
        "region:兴安北省",
        "region:宁夏省",
        "region:辽吉省",
    }
    assert all(row["lon"] == row["lat"] == "" and row["geometry_source"].startswith("http") for row in rows)


def test_a_fortress_named_after_a_province_is_not_the_province(gazetteer: Gazetteer, tmp_path: Path) -> None:
    resolved = resolved_ids(
        gazetteer, tmp_path, "呼和浩特市文化旅游规划", "建成绥远城历史文化展馆，绥远省旧址对外开放。"
    )
    assert resolved.get("绥远省") == "region:绥远省"
    assert "绥远" not in resolved


def test_a_people_s_name_is_no_form_of_the_province_named_after_it(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    resolved = resolved_ids(
        gazetteer, tmp_path, "内蒙古自治区地名志", "察哈尔蒙古人设置察哈尔八旗，1928年设察哈尔省。"
    )
    assert resolved.get("察哈尔省") == "region:察哈尔省"
    assert "察哈尔" not in resolved


def test_a_history_text_resolves_former_units_to_today_s(gazetteer: Gazetteer, tmp_path: Path) -> None:
    resolved = resolved_ids(
        gazetteer,
        tmp_path,
        "乌兰察布市地名志",
        "清天聪年间编为察哈尔正黄旗，民国年间隶属绥远省。1954年3月撤销陶林县。",
    )
    assert resolved.get("察哈尔正黄旗") == gazetteer.lookup("察哈尔右翼前旗")[0].place.id
    assert resolved.get("绥远省") == "region:绥远省"
    assert resolved.get("陶林县") == gazetteer.lookup("察哈尔右翼中旗")[0].place.id


def test_a_shared_class_word_list_of_former_counties_resolves_each(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    resolved = resolved_ids(gazetteer, tmp_path, "呼伦贝尔市地名志", "1921年设室韦、奇乾两县，1933年撤销。")
    ergun = gazetteer.lookup("额尔古纳市")[0].place.id
    assert resolved.get("室韦") == resolved.get("奇乾") == ergun


def test_a_unit_written_after_its_province_is_no_former_unit(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """'属内蒙古额济纳旗': a verb of attachment before a province and a unit of today is an address, two mentions."""
    resolved = resolved_ids(gazetteer, tmp_path, "阿拉善盟地名志", "黑河上游属甘肃，下游属内蒙古额济纳旗。")
    assert resolved.get("额济纳旗") == gazetteer.lookup("额济纳旗")[0].place.id
    assert resolved.get("内蒙古") == "province:150000"
    assert "内蒙古额济纳旗" not in resolved


@pytest.mark.parametrize(("title", "meant"), [("兴安盟概况", "乌兰浩特市"), ("乌兰察布市概况", "乌兰察布市")])
def test_a_short_form_two_units_share_is_the_one_of_the_text_s_league(
    gazetteer: Gazetteer, tmp_path: Path, title: str, meant: str
) -> None:
    """乌市 is written for 乌兰察布市 and, in 兴安盟's texts, for its seat 乌兰浩特市: the text's league decides."""
    resolved = resolved_ids(gazetteer, tmp_path, title, "全盟的资源可供乌市加以利用，推动城市发展。")
    assert resolved.get("乌市") == gazetteer.lookup(meant)[0].place.id


@pytest.mark.parametrize("text", ["秦始皇于此设九原郡。", "赵国在此设九原邑。"])
def test_a_units_stem_before_another_units_class_character_is_no_unit_of_today(
    finder: MentionFinder, text: str
) -> None:
    """'九原郡', '九原邑': the stem of 九原区 opens the name of a unit of another kind or time, not the district."""
    assert "banner:150207" not in {
        pid for _, ids in found(finder, text, ("surface", "place_ids")) for pid in ids
    }


@pytest.mark.parametrize(("former", "country"), [("外蒙古", "foreign:蒙古国"), ("前苏联", "foreign:俄罗斯")])
def test_former_names_of_neighbouring_countries(gazetteer: Gazetteer, former: str, country: str) -> None:
    """'西邻外蒙古', '前苏联': the former names of the countries to the north are those countries, one mention each
    (not '蒙古' inside '外蒙古')."""
    text = f"满洲里西邻{former}。"
    assert found(gazetteer, text, ("surface", "place_ids")) == [
        ("满洲里", ("banner:150781",)),
        (former, (country,)),
    ]
