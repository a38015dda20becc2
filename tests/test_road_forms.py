"""How texts write roads (issue 15): provincial roads by number, roads named by their ends and class words.

Sentences are written for these tests (no plan or page text); each is read from a real file in a tmp dir and
geoparsed with the shipped gazetteer.
"""

from __future__ import annotations

from pathlib import Path

from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.places import PlanPlaces, geoparse
from geoplan.read.plan import read


def _parse(tmp_path: Path, gazetteer: Gazetteer, text: str, name: str = "text") -> PlanPlaces:
    path = tmp_path / f"{name}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return geoparse(read(path), gazetteer)


def test_a_provincial_road_without_a_record_lies_in_the_texts_league(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    """A text about 乌海 names a provincial road the gazetteer has no path for: located no finer than 乌海市,
    with the reason; never dropped as unresolved."""
    places = _parse(
        tmp_path, gazetteer, "乌海：城市交通新变化\n交通部门介绍，省道217线改造完成，S218也已通车。"
    )
    roads = {m.surface: m for m in places.mentions if m.type == "road"}
    assert set(roads) == {"省道217线", "S218"}
    for mention in roads.values():
        assert mention.place is not None and mention.place.name == "乌海市"
        assert mention.precision == "league"
        assert "provincial road" in mention.reason


def test_a_provincial_road_in_a_banners_text_lies_in_its_league(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """A text about a banner: a provincial road runs beyond the banner, so it is placed at the banner's league."""
    places = _parse(tmp_path, gazetteer, "磴口县：道路建设\n今年县里改造了120省道。")
    road = next(m for m in places.mentions if m.type == "road")
    assert road.surface == "120省道"
    assert road.place is not None and road.place.name == "巴彦淖尔市"
    assert "the text's own banner 磴口县" in road.reason


def test_a_national_road_without_a_record_stays_unresolved(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """A national road may lie anywhere in the country: without a record it is not put in the text's league."""
    places = _parse(tmp_path, gazetteer, "乌海：城市交通新变化\n交通部门介绍，国道999线改造完成。")
    road = next(m for m in places.mentions if m.type == "road")
    assert road.surface == "国道999线" and road.place is None


def test_a_recorded_line_named_by_its_ends_is_the_corridor_of_its_ends(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    """'A至B一级公路' is a record's name too: the ends are the mentions, the record's line the corridor's line."""
    places = _parse(tmp_path, gazetteer, "兴安盟交通建设\n新修的霍林郭勒至阿力得尔一级公路连通了两地的牧区。")
    assert not any("至" in m.surface for m in places.mentions)
    (corridor,) = [c for c in places.corridors if "至" in c.name]
    assert [w.surface for w in corridor.waypoints] == ["霍林郭勒", "阿力得尔"]
    record = gazetteer.get("road:霍林郭勒至阿力得尔一级公路")
    assert corridor.route_line is not None and corridor.route_line.equals(record.geometry)


def _roads(gazetteer: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    return [(m.surface, m.type) for m in gazetteer.finder.find(text) if m.type in {"road", "street"}]


def test_ring_roads_and_bypasses_named_by_side_or_number(gazetteer: Gazetteer) -> None:
    text = "新修的北绕城一级公路与西绕城高速相接，二环、三环路全部通车。"
    assert _roads(gazetteer, text) == [
        ("北绕城一级公路", "road"),
        ("西绕城高速", "road"),
        ("二环", "road"),
        ("三环路", "road"),
    ]


def test_numbers_of_a_networks_parts_are_no_ring_roads(gazetteer: Gazetteer) -> None:
    """'两横、三纵、四环' counts the parts of a network; '三环节', '一环扣一环' are common words."""
    assert _roads(gazetteer, "规划“两横、三纵、四环”的路网，抓好三环节，一环扣一环。") == []


def test_a_street_after_a_park_is_a_street_of_its_own(gazetteer: Gazetteer) -> None:
    """'X工业园区Y路': the park and the street are two mentions (the park is the street's address)."""
    found = [(m.surface, m.type) for m in gazetteer.finder.find("项目位于巴音敖包工业园区兴旺路北侧")]
    assert found == [("巴音敖包工业园区", "park"), ("兴旺路", "street")]


def test_a_citys_ring_road_lies_in_the_texts_unit(tmp_path: Path, gazetteer: Gazetteer) -> None:
    places = _parse(tmp_path, gazetteer, "包头：城市道路新变化\n今年南绕城公路建成，与东二环路相连。")
    roads = [m for m in places.mentions if m.type == "road"]
    assert [m.surface for m in roads] == ["南绕城公路", "东二环路"]
    assert all(m.place is not None and m.place.name == "包头市" for m in roads)


def _corridors(text: str) -> list[tuple[str, str, list[str]]]:
    from geoplan.geocode.corridors import find_corridors

    return [(c.name, c.kind, [w.surface for w in c.waypoints]) for c in find_corridors(text)]


def test_class_words_of_roads_are_no_part_of_the_last_end() -> None:
    """'农村公路', '省际通道' and the older '油路' (an asphalt road) are kinds of road after the last end."""
    assert _corridors("新修扎兰屯至柴河农村公路。") == [("扎兰屯至柴河农村公路", "road", ["扎兰屯", "柴河"])]
    assert _corridors("白音察干至鲁北省际通道已通车。") == [
        ("白音察干至鲁北省际通道", "corridor", ["白音察干", "鲁北"])
    ]
    assert _corridors("开鲁至东来油路贯通。") == [("开鲁至东来油路", "road", ["开鲁", "东来"])]


def test_a_line_named_by_initials_with_its_ends_in_brackets() -> None:
    """'乌突（乌兰浩特—突泉）油路': the whole span is the road, the bracketed ends (each starting with its initial)
    are its waypoints; ends that do not start with the initials are no such name, and a company is no line."""
    assert _corridors("以乌突（乌兰浩特—突泉）油路为骨架") == [
        ("乌突（乌兰浩特—突泉）油路", "road", ["乌兰浩特", "突泉"])
    ]
    assert all(c[0] != "甲乙（乌兰浩特—突泉）公路" for c in _corridors("建设甲乙（乌兰浩特—突泉）公路"))
    assert all("公司" not in c[0] and "（" not in c[0] for c in _corridors("由临策（临河—策克）铁路公司运营"))


def test_a_national_road_whose_page_states_only_its_start(gazetteer: Gazetteer) -> None:
    """G244 (乌海—江津): its page states no path in the region, only its start 乌海, so it sits at that league."""
    record = gazetteer.get("road:G244")
    assert record.parent_ids[0] == "league:150300"
    assert "e-mobile" in record.note and "(read 2026-11-30)" in record.note
    assert gazetteer.finder.ids("244国道") == ("road:G244",)


def test_lines_listed_by_initials_before_deng_and_a_line_word(gazetteer: Gazetteer) -> None:
    """'A、B、C等…铁路干线': each item that names a recorded line by its initials is that line; one item that
    names none means the list is of something else."""
    text = "货物经京包、集二、包兰等国家铁路干线发往各地"
    found = [(m.surface, m.place_ids) for m in gazetteer.finder.find(text) if m.rule == "listed-line"]
    assert found == [
        ("京包", ("railway:京包铁路",)),
        ("集二", ("railway:集二铁路",)),
        ("包兰", ("railway:包兰铁路",)),
    ]
    other = "沿京包、张三等铁路沿线"
    assert [m for m in gazetteer.finder.find(other) if m.rule == "listed-line"] == []


def test_expressways_listed_by_initials_before_deng_and_gaosu(gazetteer: Gazetteer) -> None:
    """'A、B等高速' closes such a list with the bare 高速 (it raised a KeyError): 京新 is G7, 京藏 is G6."""
    for text in ("京新、京藏等高速穿境而过。", "京新、京藏等高速公路穿境而过。"):
        found = [(m.surface, m.place_ids) for m in gazetteer.finder.find(text) if m.rule == "listed-line"]
        assert found == [("京新", ("road:G7",)), ("京藏", ("road:G6",))]


def test_a_county_or_township_road_code_lies_in_its_banner(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """'X503', 'Y001' (three digits after X or Y) are county and township roads: in the banner the sentence names,
    else in the text's own unit; 'X光' or a model number 'XY123' are none."""
    text = "乌海：乡村道路\n海南区今年开工建设Y001至新村道路。\n全市X503改造完成。拍摄X光片，型号XY123。"
    places = _parse(tmp_path, gazetteer, text)
    roads = {m.surface: m.place.name for m in places.mentions if m.type == "road"}
    assert roads == {"Y001": "海南区", "X503": "乌海市"}


def test_a_facility_on_a_route_is_named_after_its_section(gazetteer: Gazetteer) -> None:
    """'省道N线甲绕城段乙互通立交桥': the route, its section's place and the interchange (bridge included) are three
    mentions; the section word 段 ends no facility's name."""
    text = "省道216线乌达绕城段新城互通立交桥已建成"
    found = [(m.surface, m.type) for m in gazetteer.finder.find(text)]
    assert found == [("省道216线", "road"), ("乌达", None), ("新城互通立交桥", "road")]


def test_a_road_named_by_initials_lies_where_its_written_ends_lie(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    """'开保公路' with '开鲁至保康' written in the text: located in 通辽市, which holds 开鲁县 and 保康镇; without
    its ends written, the road stays unresolved."""
    text = "开鲁镇概况\n开保公路横贯全境，其中开鲁至保康段已经拓宽。"
    road = next(m for m in _parse(tmp_path, gazetteer, text).mentions if m.surface == "开保公路")
    assert road.place is not None and road.place.name == "通辽市" and road.rule == "parent:named-ends"
    alone = "开鲁镇概况\n开保公路横贯全境。"
    road = next(m for m in _parse(tmp_path, gazetteer, alone, "alone").mentions if m.surface == "开保公路")
    assert road.place is None
