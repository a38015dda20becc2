"""The plan reader on the five reference plans: metadata, outline, 专栏 boxes, paragraphs, offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geoplan.read.model import Plan
from geoplan.read.plan import read
from geoplan.read.textnorm import (
    BOX_RE,
    HEADING_RE,
    clean_line,
    ends_sentence,
    is_heading_line,
    is_title_line,
    starts_structure,
)

#: Expected metadata per reference plan (file-name prefix -> fields).
META = {
    "000": dict(issuer="锡林郭勒盟", issuer_level="league", parent=None, kind="15th", vision_2035=False,
                period=(2026, 2030), published="2026-03"),
    "001": dict(issuer="呼和浩特市新城区", issuer_level="district", parent="呼和浩特市", kind="15th",
                vision_2035=False, period=(2026, 2030), published="2026-04"),
    "002": dict(issuer="乌拉特后旗", issuer_level="banner", parent="巴彦淖尔市", kind="14th", vision_2035=True,
                period=(2021, 2025), published="2021-03"),
    "003": dict(issuer="鄂尔多斯市", issuer_level="league", parent=None, kind="14th", vision_2035=True,
                period=(2021, 2025), published=None),
    # no title block, no TOC: the title comes from the body sentence 特编制《巴彦淖尔市…纲要》
    "004": dict(issuer="巴彦淖尔市", issuer_level="league", parent=None, kind="14th", vision_2035=True,
                period=(2021, 2025), published=None, title_inferred=True),
}  # fmt: skip

#: Every 专栏 box of each plan's body: (number, title).
BOXES = {
    "000": [
        ("1", "“一廊一带五个基地”格局"), ("2", "生态保护与环境治理重点项目"), ("3", "四大特色农牧产业集群重点项目"),
        ("4", "四大特色农牧产业基地重点项目"), ("5", "农牧业基础设施建设重点项目"),
        ("6", "农牧业新质生产力发展重点项目"), ("7", "提升新型农牧业经营发展水平重点项目"),
        ("8", "绿色农畜产品加工重点项目"), ("9", "现代能源产业重点项目"), ("10", "新型化工产业重点项目"),
        ("11", "绿电+先进载能产业重点项目"), ("12", "现代装备制造产业重点项目"), ("13", "新材料产业重点项目"),
        ("14", "新兴产业与未来产业重点项目"), ("15", "战略资源开发利用项目"), ("16", "文旅重点项目和活动"),
        ("17", "现代物流产业重点项目"), ("18", "口岸建设重点项目"), ("19", "关键技术攻关及应用的方向和重点"),
        ("20", "人民满意教育重点工程项目"), ("21", "新型城镇化建设重点项目"), ("22", "乡村建设项目"),
        ("23", "铁路基础设施建设重点项目"), ("24", "公路基础设施建设重点项目"), ("25", "民航基础设施建设重点项目"),
        ("26", "新型能源体系建设重点项目"), ("27", "水利基础设施建设重点项目"), ("28", "新型基础设施建设重点项目"),
        ("29", "高质量充分就业重点项目"), ("30", "卫生健康事业重点项目"), ("31", "文化繁荣发展重点项目"),
        ("32", "养老服务点项目"), ("33", "网络安全保障体系和能力提升项目"), ("34", "防范化解风险重点工程"),
        ("35", "安全和应急管理体系建设项目"),
    ],
    "001": [
        ("1", "“十五五”时期经济社会发展主要指标"), ("2", "生态环境保护与绿色发展重点工程"), ("3", "安全能力提升重点工程"),
        ("4", "数字经济重点工程"), ("5", "新能源新材料重点工程"), ("6", "低空经济重点工程"),
        ("7", "智能装备制造重点工程"), ("8", "现代特色农业重点工程"), ("9", "生活性服务业重点工程"),
        ("10", "城市更新重点工程"), ("11", "基础设施建设重点工程"), ("12", "和美乡村建设重点工程"),
        ("13", "文化旅游重点工程"), ("14", "教育强区建设重点工程"), ("15", "健康新城建设重点工程"),
        ("16", "全龄友好型社会建设重点工程"),
    ],
    "002": [
        ("1", "“十三五”规划主要指标实现情况"), ("2", "乌拉特后旗“十四五”经济社会发展主要指标"),
        ("3-1", "生态保护建设项目"), ("3-2", "环境治理项目"), ("3-3", "节约集约绿色低碳循环利用项目"),
        ("4-1", "冶金产业项目"), ("4-2", "现代化工项目"), ("4-3", "清洁能源项目"), ("4-4", "装备制造及新材料产业项目"),
        ("4-5", "工业园区项目"), ("4-6", "农牧业重点工程"), ("4-7", "现代物流业项目"), ("4-8", "文化旅游业项目"),
        ("4-9", "商贸流通业项目"), ("4-10", "家政和养老服务业项目"), ("5-1", "城镇化建设项目"),
        ("5-2", "乡村振兴战略项目"), ("6-1", "综合交通项目（公、铁、机场及综合物流）"), ("6-2", "水利基础设施建设项目"),
        ("6-3", "能源通道建设项目"), ("6-4", "信息化基础建设项目"), ("7-1", "教育基础设施提升工程"),
        ("7-2", "创业就业项目"), ("7-3", "全民健康项目"), ("7-4", "社会保障项目"), ("7-5", "文明实践项目"),
        ("7-6", "人口均衡发展项目"), ("9-1", "开放合作重点工程"), ("10-1", "技术创新项目"), ("10-2", "创新平台项目"),
        ("10-3", "人才项目"), ("11-1", "社会治理项目"),
    ],
    "003": [
        ("1", "“十四五”时期鄂尔多斯经济社会发展主要指标"), ("2", "生态空间结构"), ("3", "水土流失综合治理重点工程"),
        ("4", "林草生态建设与修复重点工程"), ("5", "绿色矿山建设重点工程"), ("6", "环境污染综合整治重点工程"),
        ("7", "现代能源经济重点建设工程"), ("8", "传统产业改造提升工程"), ("9", "文化旅游重点建设工程"),
        ("10", "自治区级以上园区发展定位"), ("11", "农牧业发展布局"), ("12", "农牧区产业集群打造工程"),
        ("13", "公路网络建设工程"), ("14", "铁路主骨架路建设工程"), ("15", "干线货运网铁路建设工程"),
        ("16", "输电网重点建设工程"), ("17", "“一核一带三轴五区”城市发展新格局"), ("18", "重点特色小镇培育工程"),
        ("19", "文化事业重点工程"), ("20", "教育事业重点工程"), ("21", "社会保障事业重点工程"),
        ("22", "医疗卫生事业重点工程"), ("23", "人口均衡发展重点工程"),
    ],
    "004": [  # 6-5 is printed twice
        ("4-1", "乌梁素海流域综合治理重大工程"), ("4-2", "水生态环境保护重大工程"), ("4-3", "林草生态保护重大工程"),
        ("4-4", "沙漠综合治理重大工程"), ("4-5", "矿山生态修复重大工程"), ("4-6", "生态环境改善重大工程"),
        ("5-1", "农牧业种养殖重大工程"), ("5-2", "农牧业产业融合重大工程"), ("5-3", "农牧业基础能力提升重大工程"),
        ("5-4", "农牧业科技支撑重大工程"), ("5-5", "天赋河套品牌建设重大工程"), ("5-6", "美丽乡村建设重大工程"),
        ("6-1", "清洁能源产业重大工程"), ("6-2", "工业转型升级重大工程"), ("6-3", "新兴产业重大工程"),
        ("6-4", "现代服务业重大工程"), ("6-5", "农文旅融合发展重大工程"), ("6-5", "新型园区重大工程"),
        ("7-1", "口岸开发开放重大工程"), ("8-1", "综合交通运输网络重大工程"), ("8-2", "水利基础设施重大工程"),
        ("8-3", "新型基础设施重大工程"), ("8-4", "市政基础设施重大工程"), ("8-5", "城乡公共服务重大工程"),
        ("9-1", "社会文明提升重大工程"), ("9-2", "文化事业和文化产业重大工程"), ("11-1", "社会治理创新重大工程"),
        ("11-2", "公共安全提升重大工程"),
    ],
}  # fmt: skip

#: Outline counts per plan: (parts, chapters, sections).
OUTLINE = {
    "000": (15, 60, 191), "001": (0, 13, 55), "002": (0, 12, 43), "003": (11, 45, 144), "004": (12, 39, 117),
}  # fmt: skip

#: Plans whose source prints page numbers ('－ 2 －'), with the page the body starts on.
PRINTED_PAGES = {"004": 2}
PAGE_LINE = re.compile(r"\s*[－—-]\s*\d{1,3}\s*[－—-]\s*")


@pytest.fixture(scope="session")
def plans(plan_files: list[Path], shipped_gazetteer) -> dict[str, Plan]:
    return {path.name[:3]: read(path, shipped_gazetteer) for path in plan_files}


def test_a_banner_plan_read_without_a_gazetteer_says_its_league_is_unknown(plan_files: list[Path]) -> None:
    """No ambient gazetteer: without one, the unprinted league of 乌拉特后旗's plan stays unknown, in words."""
    plan = read(next(p for p in plan_files if p.name.startswith("002")))
    assert plan.meta.parent is None
    assert plan.warnings == ["parent unit of 乌拉特后旗 unknown (not printed; no gazetteer given)"]


def test_all_reference_plans_are_covered(plans: dict[str, Plan]) -> None:
    assert set(plans) == set(META)


@pytest.mark.parametrize("key", sorted(META))
def test_metadata(plans: dict[str, Plan], key: str) -> None:
    meta = plans[key].meta
    expected = {"title_inferred": False, **META[key]}
    for field, value in expected.items():
        assert getattr(meta, field) == value, field
    assert meta.title.startswith(meta.issuer) and meta.title.endswith("纲要")
    assert plans[key].warnings == []


@pytest.mark.parametrize("key", sorted(BOXES))
def test_every_box_found_with_number_and_title(plans: dict[str, Plan], key: str) -> None:
    found = [(box.number, box.title) for box in plans[key].boxes if box.number]
    assert found == BOXES[key]


@pytest.mark.parametrize("key", sorted(BOXES))
def test_box_items_and_spans(plans: dict[str, Plan], key: str) -> None:
    plan = plans[key]
    previous_end = 0
    for box in plan.boxes:
        assert box.items, (box.number, box.title)
        assert previous_end <= box.start < box.end <= len(plan.text)
        previous_end = box.end
        assert plan.text[box.start :].startswith("专栏") or box.is_table or not box.number
        for position, item in enumerate(box.items, 1):
            assert item.number == position
            assert box.start <= item.start < item.end <= box.end
            assert plan.text[item.start : item.end] == item.text
            assert not item.text.startswith(("- ", "1、", "（一）")), item.text
            if item.label:
                assert item.label in item.text
        assert plan.box_at(box.start) is box
        assert plan.box_at(box.items[-1].end - 1) is box


def test_box_ends_where_body_prose_resumes(plans: dict[str, Plan]) -> None:
    """Boxes not closed by a heading: the following prose paragraph is not an item."""
    box = next(b for b in plans["002"].boxes if b.number == "4-1")
    assert [item.label for item in box.items] == ["有色金属冶炼项目", "有色金属精深加工项目", "其他"]
    following = next(p for p in plans["002"].paragraphs if p.start > box.end)
    assert following.text.startswith("加快发展多元化工产业。")
    box = next(b for b in plans["003"].boxes if b.number == "16")
    assert len(box.items) == 1
    box = next(b for b in plans["003"].boxes if b.number == "9")
    assert len(box.items) == 5 and box.items[-1].label == "文旅品牌培育工程"


def test_item_styles_and_labels(plans: dict[str, Plan]) -> None:
    by_number = {box.number: box for box in plans["000"].boxes}
    assert [item.label for item in by_number["23"].items][:2] == ["干线铁路", "口岸铁路"]
    assert by_number["2"].items[0].text.startswith("浑善达克沙地综合治理巩固提升项目")
    assert len(by_number["2"].items) == 4  # a 'label。' line followed by its description is one item
    clean_energy = {box.number: box for box in plans["002"].boxes}["4-3"]
    assert clean_energy.items[0].label == "外送通道项目" and len(clean_energy.items) == 7
    eco = {box.number: box for box in plans["002"].boxes}["3-1"]
    assert len(eco.items) == 12 and eco.items[0].text == "草原生态保护修复工程"
    table = {box.number: box for box in plans["002"].boxes}["3-3"]
    assert table.is_table and [item.text for item in table.items] == [
        "苏木镇污水垃圾改造提升项目",
        "尾矿库、沙坑治理项目",
    ]
    ordos = {box.number: box for box in plans["003"].boxes}
    assert [item.label for item in ordos["2"].items] == ["两廊", "三区", "多点"]
    xincheng = {box.number: box for box in plans["001"].boxes}
    assert [item.label for item in xincheng["11"].items] == [
        "交通优化工程",
        "韧性城市工程",
        "能源基础设施工程",
        "环卫提标工程",
    ]


@pytest.mark.parametrize("key", sorted(set(META) - {"004"}))  # 004's table lost its column breaks
def test_indicator_tables_are_boxes_of_kind_indicators(plans: dict[str, Plan], key: str) -> None:
    indicators = [box for box in plans[key].boxes if box.kind == "indicators"]
    assert indicators and all(box.is_table for box in indicators)
    first = indicators[0]
    assert any(item.label and "地区生产总值" in item.label for item in first.items)
    assert all("\t" in item.text for item in first.items)


@pytest.mark.parametrize("key", sorted(OUTLINE))
def test_outline_counts_and_nesting(plans: dict[str, Plan], key: str) -> None:
    plan = plans[key]
    counts = tuple(
        sum(1 for s in plan.sections if s.level == level) for level in ("part", "chapter", "section")
    )
    assert counts == OUTLINE[key]
    for section in plan.sections:
        assert plan.body_start <= section.start < section.end <= len(plan.text)
        assert section.title and section.number.isdigit()
        assert plan.outline_at(section.start)[section.level] is section
    chapters = [s for s in plan.sections if s.level == "chapter"]
    assert chapters[0].number == "1"


def test_wrapped_headings_are_joined(plans: dict[str, Plan]) -> None:
    titles = {s.title for s in plans["001"].sections}
    assert "统筹安全与稳定发展大局，持续提升平安高效的智慧新城" in titles
    parts = {s.title for s in plans["003"].sections if s.level == "part"}
    assert "推进社会高效能治理，筑牢祖国北疆安全稳定屏障鄂尔多斯防线" in parts


def test_toc_is_not_body(plans: dict[str, Plan]) -> None:
    for key in ("000", "001", "002"):
        plan = plans[key]
        assert plan.toc_span is not None and plan.toc_span[1] <= plan.body_start
        assert all(section.start >= plan.toc_span[1] for section in plan.sections)
        assert all(paragraph.start >= plan.toc_span[1] for paragraph in plan.paragraphs)
    assert plans["003"].toc_span is None
    # sections get their printed page from the table of contents
    first_chapter = next(s for s in plans["002"].sections if s.level == "chapter")
    assert first_chapter.page == 4


def test_paragraphs_are_not_headings_or_boxes(plans: dict[str, Plan]) -> None:
    for plan in plans.values():
        for paragraph in plan.paragraphs:
            assert not HEADING_RE.match(paragraph.text) and not BOX_RE.match(paragraph.text)
            assert plan.box_at(paragraph.start) is None
            assert plan.text[paragraph.start : paragraph.end] == paragraph.text


@pytest.mark.parametrize("key", sorted(META))
def test_sentences_across_page_breaks_are_joined(
    plans: dict[str, Plan], plan_files: list[Path], key: str
) -> None:
    """Lines broken inside a sentence (a page break in the source PDF) come back as one line."""
    path = next(p for p in plan_files if p.name.startswith(key))
    plan = plans[key]
    source = path.read_text(encoding="utf-8").split("\n")
    body_line = plan.line_at(plan.body_start)
    checked = 0
    for index, line in enumerate(source[:-1]):
        if index + 1 < body_line or not line.strip() or "\t" in line or "|" in line:
            continue
        following = next(
            (
                j
                for j in range(index + 1, len(source))
                if source[j].strip() and not PAGE_LINE.fullmatch(source[j])
            ),
            None,
        )
        if following is None or "\t" in source[following] or "|" in source[following]:
            continue
        head, tail = clean_line(line), clean_line(source[following])
        if (
            len(head) < 20
            or ends_sentence(head)
            or is_heading_line(head)
            or BOX_RE.match(head)
            or is_title_line(head)
        ):
            continue
        if starts_structure(tail) or plan.box_at(plan.text.find(head[-12:])) is not None:
            continue
        probe = head[-8:] + tail[:8]
        assert probe in plan.text, (index + 1, probe)
        offsets = [match.start() for match in re.finditer(re.escape(probe), plan.text)]
        assert any(plan.line_at(o) == index + 1 and plan.line_at(o + 8) == following + 1 for o in offsets), (
            probe
        )
        checked += 1
    assert checked >= 40


def test_offsets_map_back_to_source_lines(plans: dict[str, Plan], plan_files: list[Path]) -> None:
    for path in plan_files:
        plan = plans[path.name[:3]]
        source = path.read_text(encoding="utf-8").split("\n")
        for section in plan.sections[::7]:
            line = source[plan.line_at(section.start) - 1]
            assert section.title[:6] in clean_line(line)
        for box in plan.boxes:
            assert "专栏" in source[plan.line_at(box.start) - 1] or not box.number
        assert plan.page_at(plan.body_start) == PRINTED_PAGES.get(path.name[:3])  # None: no page numbers
