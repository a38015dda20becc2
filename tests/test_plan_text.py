"""Text normalisation: numerals, page numbers, running heads, wrapped lines, TOC, title inference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geoplan.read.model import Plan
from geoplan.read.plan import read
from geoplan.read.textnorm import cn_to_int, decode_bytes, normalise

PAGE_STYLES = ("－ {} －", "- {} -", "({})", "—{}—", "{}")


@pytest.mark.parametrize(
    ("text", "value"),
    [("十四", 14), ("十五", 15), ("二〇二一", 2021), ("二○三五", 2035), ("一百零二", 102), ("六十", 60),
     ("十", 10), ("三", 3), ("２０", 20), ("12", 12), ("两千", 2000), ("一万二千", 12000), ("abc", None), ("", None)],
)  # fmt: skip
def test_chinese_numerals(text: str, value: int | None) -> None:
    assert cn_to_int(text) == value


@pytest.fixture(scope="module")
def originals(plan_files: list[Path]) -> dict[str, Plan]:
    return {path.name[:3]: read(path) for path in plan_files}


def _pdf_like(path: Path, width: int, every: int, combined: bool = False) -> tuple[str, dict[int, int]]:
    """Text as a PDF extractor gives it: every line wrapped at ``width``, a page number (in varying
    styles) and a running head after every ``every`` lines (on one line when ``combined``).
    Returns the text and, per page, the 1-based line number of its page-number line."""
    out: list[str] = []
    marks: dict[int, int] = {}
    page = 1

    def emit(line: str) -> None:
        nonlocal page
        out.append(line)
        if len(out) % every == 0:
            if combined:
                out.append(f"{running_head}  - {page} -")
            else:
                out.append(PAGE_STYLES[page % len(PAGE_STYLES)].format(page))
            marks[page] = len(out)
            if not combined:
                out.append(running_head)
            page += 1

    lines = path.read_text(encoding="utf-8").split("\n")
    running_head = next(line.strip() for line in lines if line.strip())
    for line in lines:
        if "\t" in line or "|" in line:
            if line.strip():
                emit(line)
            continue
        line = line.replace("**", "").strip()
        if line.startswith("- "):
            line = line[2:]
        for start in range(0, len(line), width):
            emit(line[start : start + width])
    return "\n".join(out), marks


@pytest.mark.parametrize(
    ("key", "width", "combined"),
    [("000", 27, False), ("001", 33, True), ("002", 24, False), ("003", 36, True)],
)
def test_wrapped_pdf_like_text_reads_to_the_same_structure(
    originals: dict[str, Plan], tmp_path: Path, key: str, width: int, combined: bool
) -> None:
    original = originals[key]
    text, marks = _pdf_like(original.path, width, every=37, combined=combined)
    path = tmp_path / f"{key}-wrapped.txt"
    path.write_text(text, encoding="utf-8")
    plan = read(path)
    assert [(s.level, s.number, s.title) for s in plan.sections] == [
        (s.level, s.number, s.title) for s in original.sections
    ]
    assert [(b.number, b.title, len(b.items)) for b in plan.boxes] == [
        (b.number, b.title, len(b.items)) for b in original.boxes
    ]
    assert plan.meta == original.meta
    same = {p.text for p in original.paragraphs} & {p.text for p in plan.paragraphs}
    assert len(same) >= 0.9 * len(original.paragraphs)
    # no page number and no running head survives in the body
    body = plan.text[plan.body_start :].split("\n")
    assert not any(re.fullmatch(r"[－—(-]?\s*\d{1,3}\s*[－—)-]?", line) for line in body)
    assert not any(line.startswith(plan.meta.title[:12]) for line in body)
    # page numbers map back: the line just before a page-number line is on that page, the one after on the next
    lines = text.split("\n")
    for page, mark_line in list(marks.items())[3:40:5]:
        before = lines[mark_line - 2]
        after = lines[mark_line + 1]
        for probe, expected in ((before, page), (after, page + 1)):
            if len(probe) < 8 or "\t" in probe or "|" in probe:
                continue
            offset = plan.text.find(re.sub(r"\s", "", probe)[:8])
            if offset >= 0 and plan.text.count(re.sub(r"\s", "", probe)[:8]) == 1:
                assert plan.page_at(offset) == expected, (page, probe)


def test_bare_numbers_are_page_numbers_only_in_sequence() -> None:
    raw = "某某旗国民经济和社会发展第十四个五年规划纲要\n\n第一章 总体要求\n\n全旗经济总量达到\n12\n亿元。\n"
    norm = normalise(raw)
    assert "达到12亿元。" in norm.text  # a lone number inside a sentence is kept
    pages = "\n".join(f"第{n}段落的文字写在这里，内容。\n{n}" for n in range(1, 6))
    norm = normalise("某某旗国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n" + pages)
    assert not re.search(r"^\d$", norm.text, re.M)
    assert norm.page_at(norm.text.index("第3段落")) == 3


def test_title_inferred_from_the_body_sentence(originals: dict[str, Plan], tmp_path: Path) -> None:
    for key, original in originals.items():
        lines = original.path.read_text(encoding="utf-8").split("\n")
        title_like = re.compile(
            r"^\**\S*(国民经济和社会发展\S*纲要\**$|人民政府|\d{4}年\d+月|二〇二一年三月)"
        )
        kept = [line for line in lines if not title_like.match(re.sub(r"\s", "", line)) or "《" in line]
        path = tmp_path / f"{key}-untitled.txt"
        path.write_text("\n".join(kept), encoding="utf-8")
        plan = read(path)
        assert plan.meta.title_inferred, key
        assert plan.meta.title == original.meta.title
        for field in ("issuer", "issuer_level", "parent", "kind", "vision_2035", "period"):
            assert getattr(plan.meta, field) == getattr(original.meta, field), (key, field)
        assert len(plan.sections) == len(original.sections)


def test_toc_without_marker_is_recognised(originals: dict[str, Plan], tmp_path: Path) -> None:
    original = originals["002"]
    text = original.path.read_text(encoding="utf-8").replace("目 录", "")
    path = tmp_path / "no-marker.txt"
    path.write_text(text, encoding="utf-8")
    plan = read(path)
    assert plan.toc_span is not None
    assert [(s.level, s.title) for s in plan.sections] == [(s.level, s.title) for s in original.sections]


def test_spaces_between_chinese_characters_are_removed() -> None:
    norm = normalise(
        "某某旗国民经济和社会发展 第十四个 五年规划纲要\n\n第一章 发展 基础\n\n达到 2035 年 目标 G65 包茂 高速。\n"
    )
    assert "达到2035年目标G65包茂高速。" in norm.text
    assert norm.lines[0].text == "某某旗国民经济和社会发展第十四个五年规划纲要"


def test_a_space_between_two_words_separates_them() -> None:
    """A web page lists sights with spaces between them: the space stays, one, so that no name runs into the next;
    a heading or title wrapped with a space, and a letter-spaced line, lose theirs."""
    norm = normalise(
        "第三章 推动北部生态 安全屏障建设\n\n附近景点  奇石公园 北山寺 五峰塔。\n\n指 标 单位 目标 值\n"
    )
    assert "附近景点 奇石公园 北山寺 五峰塔。" in norm.text
    assert "第三章推动北部生态安全屏障建设" in norm.text
    assert "指标单位目标值" in norm.text


def test_decoding_rejects_big5_mojibake_but_reports_what_it_did(originals: dict[str, Plan]) -> None:
    text = originals["002"].path.read_text(encoding="utf-8")
    decoded, encoding = decode_bytes(text.encode("gb18030"))
    assert encoding == "gb18030" and decoded == text
    decoded, encoding = decode_bytes(text.encode("utf-16-le").join([b"\xff\xfe", b""]))
    assert encoding == "utf-16" and decoded == text


MINI_PLAN = """某某县国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要

某某县人民政府
二〇二六年二月

第一部分 发展基础

一、发展成就

全县经济总量稳步增长，
城乡面貌明显改善。

（一）产业发展

工业园区建设加快推进。

专栏1 重点项目
交通项目：新建县城至高铁站公路。
水利项目：实施灌区节水改造。
加快推进现代服务业发展。服务业增加值稳步提升。

专栏2 民生工程
● 新建中学一所
● 改造老旧小区

第二部分 保障措施

表1 主要指标
指标\t单位\t2025年\t2030年
地区生产总值增长\t%\t5\t6
"""


def test_minimal_plan_with_parts_items_and_a_box(tmp_path: Path) -> None:
    path = tmp_path / "mini.md"
    path.write_text(MINI_PLAN, encoding="utf-8")
    plan = read(path)
    meta = plan.meta
    assert (meta.issuer, meta.issuer_level, meta.kind, meta.period, meta.vision_2035) == (
        "某某县", "banner", "15th", (2026, 2030), True,
    )  # fmt: skip
    assert meta.published == "2026-02" and meta.parent is None
    assert any("parent unit" in warning for warning in plan.warnings)
    assert [(s.level, s.number, s.title) for s in plan.sections] == [
        ("part", "1", "发展基础"), ("item", "1", "发展成就"), ("subitem", "1", "产业发展"), ("part", "2", "保障措施"),
    ]  # fmt: skip
    box, bullets, table = plan.boxes
    assert (box.number, box.title, [i.label for i in box.items]) == (
        "1",
        "重点项目",
        ["交通项目", "水利项目"],
    )
    assert [item.text for item in bullets.items] == ["新建中学一所", "改造老旧小区"]
    assert any(p.text.startswith("加快推进现代服务业发展。") for p in plan.paragraphs)
    assert "全县经济总量稳步增长，城乡面貌明显改善。" in plan.text
    assert (table.number, table.title, table.is_table, table.kind) == ("", "表1主要指标", True, "indicators")
    assert [item.label for item in table.items] == ["地区生产总值增长"]
    assert plan.outline_at(box.start)["part"].number == "1"
    assert plan.box_at(plan.paragraphs[0].start) is None


def test_toc_without_page_numbers_ends_where_the_body_repeats_it(
    originals: dict[str, Plan], tmp_path: Path
) -> None:
    original = originals["002"]
    lines = original.path.read_text(encoding="utf-8").split("\n")
    body_line = original.line_at(original.body_start)
    stripped = [re.sub(r"\s+\d+$", "", line) if i < body_line else line for i, line in enumerate(lines)]
    path = tmp_path / "bare-toc.txt"
    path.write_text("\n".join(stripped), encoding="utf-8")
    plan = read(path)
    assert plan.toc_span is not None and plan.toc_span[1] <= plan.body_start
    assert [(s.level, s.title) for s in plan.sections] == [(s.level, s.title) for s in original.sections]


def test_labelled_list_lines_stay_apart() -> None:
    """'镇：…' then '乡：…': lines that each open with a short label and a colon are lists of their own, never one
    line (the last town of one list would run into the next label: 'X镇乡')."""
    text = normalise("全旗辖3镇、1乡、1苏木。\n镇：甲一镇、乙二镇\n乡：丙三乡\n苏木：丁四苏木\n").text
    assert text.split("\n") == [
        "全旗辖3镇、1乡、1苏木。",
        "镇：甲一镇、乙二镇",
        "乡：丙三乡",
        "苏木：丁四苏木",
    ]


def test_labelled_list_lines_after_an_opening_sentence_stay_apart() -> None:
    """A sentence that introduces the lists ('辖…：') joins the first label's line, but each later label opens a
    line of its own, its characters glossed in pinyin or not ('鎮(zhèn):')."""
    lines = normalise("扎兰屯市辖7个街道、9个镇，分别是\n街道:甲街道、河西街道\n镇:乙镇\n乡：丙乡\n").text
    assert lines.split("\n") == [
        "扎兰屯市辖7个街道、9个镇，分别是街道:甲街道、河西街道",
        "镇:乙镇",
        "乡：丙乡",
    ]
    glossed = normalise("街道:甲街道、河西街道\n鎮(zhèn):乙鎮(zhèn)\n鄉(xiāng):丙鄉(xiāng)\n").text
    assert glossed.split("\n") == ["街道:甲街道、河西街道", "鎮(zhèn):乙鎮(zhèn)", "鄉(xiāng):丙鄉(xiāng)"]


def test_a_text_without_pages_keeps_the_lines_it_repeats(tmp_path: Path) -> None:
    """A web page repeats its title (above the text, in a share box, in a list of related pages): with no page
    numbers there are no pages, so no running heads; each repeat is the page's own line."""
    title = "新通高铁即将通车通辽一个半小时到沈阳"
    body = "新通高铁建成通车后，将成为内蒙古东部地区到沈阳、北京最便捷的快速客运通道。"
    page = tmp_path / "page.txt"
    page.write_text("\n".join([title, body, title, body, title, "相关阅读", title]) + "\n", encoding="utf-8")
    assert read(page).text.count(title) == 4


def test_a_web_page_keeps_its_rows_and_titles_apart() -> None:
    # an encyclopedia page: a note reference after a sentence, a section title on a line of its own, an infobox
    # of 'label value' rows and a bare list; a page break inside a sentence is still joined
    raw = (
        "某旗概况\n\n某旗位于内蒙古自治区东部，经济总量增长8%。[1]\n\n位置境域\n\n某旗位于某盟南部，东邻吉林省。\n"
        "政府驻地 甲镇\n机场 乙机场\n景点\n丙寺\n丁洞\n"
        "推进甲镇至乙镇公路、\n\n丙镇至丁镇公路建设。\n"
    )
    lines = normalise(raw).text.split("\n")
    assert "位置境域" in lines
    assert "政府驻地甲镇" in lines or "政府驻地 甲镇" in lines
    assert {"景点", "丙寺", "丁洞"} <= set(lines)
    assert "推进甲镇至乙镇公路、丙镇至丁镇公路建设。" in lines
