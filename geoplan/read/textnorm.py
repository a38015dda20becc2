"""Decoding and normalisation of plan text.

A plan arrives as bytes (``.txt``/``.md``) or as text extracted from a PDF/DOCX.  This module
turns it into *logical lines*: page numbers and running heads dropped, lines broken inside a
sentence joined again, spaces between Chinese characters removed, table rows kept as rows
(cells joined by a tab), and the table of contents recognised.  Every character of the result
maps back to its 1-based source line and, where a page number is printed, its page.

Pure functions; :func:`normalise` is the entry point.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from geoplan.errors import PlanReadError

# --------------------------------------------------------------------------- Chinese numerals

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUM = "〇零○一二两三四五六七八九十百千万"


def cn_to_int(text: str) -> int | None:
    """Parse a Chinese or arabic numeral: '十四' -> 14, '二〇二一' -> 2021, '一百零二' -> 102, '12' -> 12."""
    text = unicodedata.normalize("NFKC", text.strip())
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    if not any(ch in _CN_UNITS for ch in text):  # digit by digit: 二〇二一
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch == "万":
            section = (section + digit) * 10000
            total += section
            section, digit = 0, 0
        else:
            section += (digit or 1) * _CN_UNITS[ch]
            digit = 0
    return total + section + digit


# --------------------------------------------------------------------------- line patterns

_NUM = rf"[{CN_NUM}0-9０-９]+"
#: 第三篇 / 第十二章 / 第二节 headings (a title may follow).
HEADING_RE = re.compile(
    rf"^第\s*(?P<num>{_NUM})\s*(?P<kind>[篇章节]|部分)(?:[\s:：、.．]*(?P<title>[^。；]{{0,60}}))?$"
)
#: 一、title  (item level)
ITEM_HEADING_RE = re.compile(rf"^(?P<num>[{CN_NUM}]+)\s*[、.．]\s*(?P<title>\S.*)$")
#: （一）title  (sub-item level)
SUBITEM_HEADING_RE = re.compile(rf"^[（(]\s*(?P<num>[{CN_NUM}]+)\s*[)）]\s*(?P<title>\S.*)$")
#: 专栏 3：title / 专栏 4-1 title / 专栏11
BOX_RE = re.compile(
    r"^专\s*栏\s*(?P<num>[0-9０-９]+(?:\s*[-－—–.．]\s*[0-9０-９]+)?)\s*[:：.．、]?\s*(?P<title>.*)$"
)
_ENUM_START_RE = re.compile(
    rf"^(?:[-*•·▪►➤]\s+|[●◆■□▲◇○★☆]|——|[0-9０-９]{{1,3}}\s*[、.．](?!\d)|[（(]\s*(?:[0-9０-９]{{1,3}}|[{CN_NUM}]+)\s*[)）]"
    rf"|[①-⑳]|[{CN_NUM}]{{1,3}}\s*[、是]|注\s*[:：]|备注|注释)"
)
#: a short label and a colon opening a line ('镇：', '苏木:', glossed in pinyin or not: '鎮(zhèn):'): the line
#: lists what the label names.
_SHORT_LABEL_RE = re.compile(r"^(?:[^，。；：:、\s(]|\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)){1,6}[:：]")
_DATE_LINE_RE = re.compile(
    rf"^(?:\d{{4}}|[{CN_NUM}]{{4}})\s*年\s*(?:\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*月(?:\s*(?:\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*日)?$"
)
#: A plan title such as '某某旗国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要'.
TITLE_RE = re.compile(
    r"(国民经济和社会发展|五年规划|[“\"]十[四五六]五[”\"]规划).{0,40}(纲要|规划)(（[^）]*）)?$"
)
_TOC_MARK_RE = re.compile(r"^(目\s*录|目\s*次|contents)$", re.I)
_TOC_PAGE_RE = re.compile(
    r"^(?P<title>.*?\S)[\s.…·．_]*(?:[-－—–]?\s*(?P<p1>\d{1,4})\s*[-－—–]?|[（(]\s*(?P<p2>\d{1,4})\s*[)）])\s*$"
)
_PAGE_LINE_RES = (
    re.compile(r"^[-－—–─~]+\s*(?P<n>\d{1,4})\s*[-－—–─~]+$"),
    re.compile(r"^[（(]\s*(?P<n>\d{1,4})\s*[)）]$"),
    re.compile(r"^[·•]\s*(?P<n>\d{1,4})\s*[·•]$"),
    re.compile(r"^第\s*(?P<n>\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$"),
    re.compile(r"^(?:page|p\.)\s*(?P<n>\d{1,4})(?:\s*of\s*\d+)?$", re.I),
)
_HEAD_AND_PAGE_RE = re.compile(
    r"^(?:(?P<head>\S.{2,40}?)\s*[-－—–]\s*(?P<n>\d{1,4})\s*[-－—–]"
    r"|[-－—–]\s*(?P<n2>\d{1,4})\s*[-－—–]\s*(?P<head2>\S.{2,40}))$"
)
_ROMAN_PAGE_RE = re.compile(r"^[-－—–]?\s*[IVXLivxl]{1,6}\s*[-－—–]?$")
_BARE_NUMBER_RE = re.compile(r"^\d{1,4}$")

_TERMINAL = set("。！？：!?…")  # not "；": a clause ends there, the sentence goes on
_CLOSERS = set("”’」』）)】》\"'")
#: a web page's note reference after a sentence ('…增长8%。[1]'), as encyclopedia pages print them
_NOTE_MARK_RE = re.compile(r"\s*\[\d{1,3}(?:[-–,，]\d{1,3})*\]$")
#: a short line of a list or an infobox row ('景点', '清泉寺', '政府驻地 萨拉齐镇'): no punctuation in it
_BARE_ROW_RE = re.compile(r"^[^，。；：:、！？,.;!?（）()“”\"]{1,30}$")
_CJK = r"\u2e80-\u2fff\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2014\u2026"
_SPACE_NEAR_CJK_RE = re.compile(rf"(?<=[{_CJK}])[ ]+|[ ]+(?=[{_CJK}])")
#: spaces between two words of two or more Han characters each (kept as one space: they separate words).
_WORD_SPACE_RE = re.compile(r"(?<=[\u3400-\u9fff]{2})[ ]+(?=[\u3400-\u9fff]{2})")
#: a single Han character with a space beside it and no Han character on its other side ('指 标', '2035 年 目标').
_SPACED_SINGLE_RE = re.compile(
    r"(?:^|[^\u3400-\u9fff])[\u3400-\u9fff][ ]+[\u3400-\u9fff]|[\u3400-\u9fff][ ]+[\u3400-\u9fff](?:$|[^\u3400-\u9fff])"
)
_MD_NOISE_RE = re.compile(r"\*\*|</?p>|<br\s*/?>|^#{1,6}\s+")
_MD_BULLET_RE = re.compile(r"^\s*[-*+]\s+(?=\S)")
_DECORATION_RE = re.compile(r"[-*_=|•·~+\s]+")  # lines made only of these are markdown/layout scaffolding
_MD_SEPARATOR_RE = re.compile(r"^\|?[\s:|-]*-{3,}[\s:|-]*\|?$")


#: 'label。' at the start of an item or paragraph: a short run without commas (quotes/brackets allowed).
LABEL_PERIOD_RE = re.compile(
    r"^(?P<label>(?:[^，。；：:“”（）()]|“[^”]{0,20}”|（[^）]{0,30}）|\([^)]{0,30}\)){1,40}?)。"
)


def label_period(text: str) -> re.Match[str] | None:
    """The 'label。' opening of ``text`` (label of 2-40 characters), if any."""
    m = LABEL_PERIOD_RE.match(text)
    return m if m and 2 <= len(m.group("label")) <= 40 else None


def is_heading_line(text: str) -> bool:
    """篇/章/节 headings, and short 一、/（一） headings without sentence punctuation."""
    if HEADING_RE.match(text):
        return True
    return is_minor_heading(text)


def is_minor_heading(text: str) -> bool:
    """A short '一、标题' or '（一）标题' line (run-in headings with a sentence are paragraphs)."""
    m = ITEM_HEADING_RE.match(text) or SUBITEM_HEADING_RE.match(text)
    if not m:
        return False
    title = m.group("title")
    return len(title) <= 40 and not any(ch in title for ch in "。；;！？")


def is_title_line(text: str) -> bool:
    """Looks like the plan's own title (never joined with the following paragraph)."""
    return len(text) <= 80 and "，" not in text and "。" not in text and bool(TITLE_RE.search(text))


def ends_sentence(text: str) -> bool:
    """True when a line ends with sentence-final punctuation (optionally before a closing quote or a page's
    note reference)."""
    stripped = _NOTE_MARK_RE.sub("", text.rstrip())
    while stripped and stripped[-1] in _CLOSERS:
        if len(stripped) >= 2 and stripped[-2] in _TERMINAL:
            return True
        if stripped[-1] in "）)" and len(stripped) >= 2:  # '（区）' etc: look at the closing bracket only
            return False
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_date_line(text: str) -> bool:
    """Whether ``text`` (a stripped line) holds only a date ('2024年3月12日', '二〇二一年三月')."""
    return _DATE_LINE_RE.match(text) is not None


def starts_structure(text: str) -> bool:
    """A line that starts a new unit: heading, box, enumerated item, bullet, note, table row or date."""
    return bool(
        HEADING_RE.match(text)
        or BOX_RE.match(text)
        or _ENUM_START_RE.match(text)
        or is_date_line(text)
        or is_minor_heading(text)
    )


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_VISIBLE_RE = re.compile(r"\S")
_SAMPLE = 20_000  # characters checked for binary junk / Chinese share


#: The most frequent characters of modern Chinese: they make up about half of any plan's text, and
#: only a few percent of text decoded with the wrong double-byte codec (e.g. Big5 bytes as GB18030).
_COMMON_HAN = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多"
    "定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因"
    "由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解"
    "问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少"
    "图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研推"
)


def _common_han_share(text: str) -> float:
    han = _HAN_RE.findall(text[:_SAMPLE])
    return sum(1 for ch in han if ch in _COMMON_HAN) / len(han) if han else 0.0


def _control_share(text: str) -> float:
    text = text[:_SAMPLE]
    return len(_CONTROL_RE.findall(text)) / max(1, len(text))


def _cjk_share(text: str) -> float:
    text = text[:_SAMPLE]
    visible = len(_VISIBLE_RE.findall(text))
    return len(_HAN_RE.findall(text)) / visible if visible else 0.0


def decode_bytes(data: bytes, path: object = "<bytes>") -> tuple[str, str]:
    """Decode a text plan: BOM (UTF-8/16/32), else strict UTF-8, else GB18030 — verified, never guessed.

    Returns ``(text, encoding)``.  Raises :class:`PlanReadError` for empty, binary or undecodable
    input, and when the decoded text holds no Chinese text at all.
    """
    if not data.strip():
        raise PlanReadError(path, "empty file")
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name
            except UnicodeDecodeError as error:
                raise PlanReadError(
                    path, f"invalid {name} text after its byte-order mark ({error.reason})"
                ) from None
            break
    if text is None:
        if b"\x00" in data[:4096]:
            text, encoding = _decode_utf16_without_bom(data)
            if text is None:
                raise PlanReadError(path, "binary data (NUL bytes), not a text plan")
    if text is None:
        for name in ("utf-8", "gb18030"):
            try:
                candidate = data.decode(name)
            except UnicodeDecodeError:
                continue
            if name == "utf-8" or (_cjk_share(candidate) >= 0.2 and _common_han_share(candidate) >= 0.2):
                text, encoding = candidate, name
                break
        if text is None:
            text, encoding = _decode_with_detector(data, path)
    if text.startswith("\ufeff"):
        text = text[1:]
    if _control_share(text) > 0.01:
        raise PlanReadError(path, f"binary data, not a text plan (decoded as {encoding})")
    if not text.strip():
        raise PlanReadError(path, "empty file")
    if _cjk_share(text) < 0.05:
        raise PlanReadError(path, f"no Chinese text found (decoded as {encoding}); not a plan")
    return text, encoding


def _decode_utf16_without_bom(data: bytes) -> tuple[str | None, str]:
    """UTF-16 text without a byte-order mark: accepted only if it decodes to plausible Chinese text."""
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _control_share(text) < 0.001 and _cjk_share(text) >= 0.2 and _common_han_share(text) >= 0.2:
            return text, name
    return None, ""


def _decode_with_detector(data: bytes, path: object) -> tuple[str, str]:
    """Last resort: charset-normalizer, accepted only for a confident Chinese-text result."""
    # imported here, not at the top: charset detection loads only for undeclared encodings
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise PlanReadError(path, "undecodable: not UTF-8, UTF-16 (with BOM) or GB18030/GBK text")
    text = str(best)
    if best.chaos > 0.2 or _cjk_share(text) < 0.2 or _common_han_share(text) < 0.2:
        raise PlanReadError(
            path,
            f"undecodable: not UTF-8, UTF-16 (with BOM) or GB18030/GBK text (best guess {best.encoding} rejected)",
        )
    return text, best.encoding


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Line:
    """One logical line of the normalised text."""

    text: str
    start: int  # offset in the normalised text
    src_line: int  # 1-based source line of its first character
    kind: str  # "text" | "table" | "toc" | "front"
    cells: tuple[str, ...] = ()  # table cells (kind == "table")
    page: int | None = None  # printed page from the TOC (kind == "toc")

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class NormText:
    """Normalised text, its logical lines and the offset maps back to the source."""

    text: str
    lines: list[Line]
    encoding: str | None = None
    seg_starts: list[int] = field(default_factory=list)
    seg_lines: list[int] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)
    page_numbers: list[int | None] = field(default_factory=list)
    dropped_page_lines: int = 0
    dropped_running_heads: int = 0

    def line_at(self, offset: int) -> int:
        """1-based source line of the character at ``offset``."""
        if not self.seg_starts:
            return 1
        index = bisect_right(self.seg_starts, max(0, offset)) - 1
        return self.seg_lines[max(0, index)]

    def page_at(self, offset: int) -> int | None:
        """Printed page number of the character at ``offset`` (None when no page number is known)."""
        if not self.page_starts:
            return None
        index = bisect_right(self.page_starts, max(0, offset)) - 1
        return self.page_numbers[index] if index >= 0 else None


# --------------------------------------------------------------------------- cleaning


#: control characters no plan text holds (tab, line and page breaks excepted)
_STRAY_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def clean_line(raw: str) -> str:
    """Drop markdown noise, normalise odd spaces, remove spaces next to Chinese characters."""
    line = raw.replace("\u3000", " ").replace("\xa0", " ").replace("\u200b", "").replace("\ufeff", "")
    if _STRAY_CONTROL_RE.search(line):  # a stray NUL or escape byte must not reach a map, a KML or a CSV
        line = _STRAY_CONTROL_RE.sub("", line)
    if "*" in line or "<" in line or line.startswith("#"):
        line = _MD_NOISE_RE.sub("", line)
    line = line.rstrip()
    if "\t" not in line:
        line = line.strip(" ")
        if _MD_BULLET_RE.match(line) and not _page_number(line)[0]:  # '- 3 -' is a page number, not a bullet
            line = _MD_BULLET_RE.sub("", line)
    else:
        line = line.lstrip(" ")
    if " " in line and "|" not in line and "\t" not in line:
        line = _without_spaces_near_cjk(line)
    return line


def _without_spaces_near_cjk(line: str) -> str:
    """``line`` without the spaces next to Chinese characters, but for those between two words of two or more Han
    characters each, which separate them ('附近景点 大明塔 辽中京遗址': a web page's list), kept as one space.  A line
    with a spaced single character ('指 标', '2035 年 目标') is letter- or word-spaced by its layout, and a heading
    or title wraps where a PDF broke it: their spaces all go."""
    squashed = _SPACE_NEAR_CJK_RE.sub("", line)
    if (
        not _WORD_SPACE_RE.search(line)
        or _SPACED_SINGLE_RE.search(line)
        or is_heading_line(squashed.strip())
        or is_title_line(squashed.strip())
    ):
        return squashed
    return _SPACE_NEAR_CJK_RE.sub("", _WORD_SPACE_RE.sub("\0", line)).replace("\0", " ")


def _squash(text: str, *, words: bool = False) -> str:
    """``text`` with runs of white space as one space and the spaces next to Chinese characters gone; with
    ``words`` (a body line), a space that separates two words stays (:func:`_without_spaces_near_cjk`)."""
    if " " not in text and "\t" not in text and "\u3000" not in text:
        return text
    spaced = re.sub(r"\s+", " ", text)
    return (_without_spaces_near_cjk(spaced) if words else _SPACE_NEAR_CJK_RE.sub("", spaced)).strip()


def _table_cells(line: str) -> list[str] | None:
    """Cells of a markdown (``| a | b |``) or tab-separated row; None for other lines."""
    body = line.strip()
    if body.startswith("- |"):
        body = body[2:].strip()
    if body.startswith("|") and body.count("|") >= 2:
        parts = body.strip("|").split("|")
        return [_squash(part) for part in parts]
    if "\t" in body.strip("\t") or (line.startswith("\t") and line.strip("\t")):
        parts = line.rstrip("\t").split("\t")
        return [_squash(part) for part in parts]
    return None


def _page_number(line: str) -> tuple[bool, int | None, bool]:
    """(is_page_line, number, is_bare_number) for a stripped line."""
    text = line.strip()
    for pattern in _PAGE_LINE_RES:
        m = pattern.match(text)
        if m:
            return True, int(m.group("n")), False
    if _ROMAN_PAGE_RE.match(text) and any(ch in text for ch in "-－—–"):
        return True, None, False
    if _BARE_NUMBER_RE.match(text):
        return True, int(text), True
    return False, None, False


# --------------------------------------------------------------------------- TOC


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents."""

    text: str  # heading text without its page number, e.g. "第三章 生态文明"
    page: int | None
    src_line: int


def _toc_entry(text: str) -> tuple[str, int | None] | None:
    m = _TOC_PAGE_RE.match(text.replace("\t", " "))
    if not m:
        return None
    title = _squash(m.group("title")).rstrip(".…·．-－—_ ")
    if not title:
        return None
    page = m.group("p1") or m.group("p2")
    return title, int(page)


def find_toc(lines: list[str]) -> tuple[int, int, list[TocEntry]] | None:
    """Locate the table of contents in cleaned source lines: (first, last_exclusive, entries)."""
    limit = max(40, len(lines) // 3)
    start = None
    for index, line in enumerate(lines[:limit]):
        if _TOC_MARK_RE.match(line.replace(" ", "").replace("\t", "")):
            start = index + 1
            break
    if start is None:  # no marker: a run of >= 4 heading lines with page numbers
        for index in range(min(limit, len(lines))):
            run = [candidate for candidate in lines[index : index + 8] if candidate.strip()]
            if len(run) >= 4 and all(
                (entry := _toc_entry(candidate)) and HEADING_RE.match(entry[0]) for candidate in run[:4]
            ):
                start = index
                break
    if start is None:
        return None
    found = _toc_with_page_numbers(lines, start)
    if (
        found is None
        and start > 0
        and _TOC_MARK_RE.match(lines[start - 1].replace(" ", "").replace("\t", ""))
    ):
        found = _toc_without_page_numbers(lines, start)
    return found


def _toc_without_page_numbers(lines: list[str], start: int) -> tuple[int, int, list[TocEntry]] | None:
    """A TOC of bare headings after a '目录' marker.

    It ends at its first non-heading line or where its first heading comes again, and counts only
    if that first heading does come again later (else the headings are the body itself).
    """
    entries: list[TocEntry] = []
    index = start
    while index < len(lines):
        text = _squash(lines[index].replace("\t", " "))
        if text and not _page_number(text)[0]:
            is_heading = bool(HEADING_RE.match(text) or is_minor_heading(text)) and "。" not in text
            if (entries and text == entries[0].text) or not is_heading:
                break
            entries.append(TocEntry(text, None, index + 1))
        index += 1
    if len(entries) < 3:
        return None
    first = entries[0].text
    if not any(_squash(line.replace("\t", " ")) == first for line in lines[index:]):
        return None
    return start - 1, index, entries


def _toc_with_page_numbers(lines: list[str], start: int) -> tuple[int, int, list[TocEntry]] | None:
    """TOC entries ending in page numbers, from ``start`` (wrapped entries joined)."""
    entries: list[TocEntry] = []
    pending: list[tuple[str, int]] = []  # wrapped entry waiting for its page number
    index = start
    while index < len(lines):
        text = lines[index].strip()
        if not text or _page_number(text)[0] or (entries and is_title_line(_squash(text))):
            index += 1  # blank, a page number or a running head inside the table of contents
            continue
        squashed = _squash(text.replace("\t", " "))
        entry = _toc_entry(text)
        if entry and len(entry[0]) <= 80 and "。" not in entry[0]:
            title = "".join(part for part, _ in pending) + entry[0] if pending else entry[0]
            first_line = pending[0][1] if pending else index + 1
            if pending and HEADING_RE.match(entry[0]):  # pending line was an entry without a page number
                entries.append(TocEntry("".join(part for part, _ in pending), None, pending[0][1]))
                title, first_line = entry[0], index + 1
            entries.append(TocEntry(title, entry[1], first_line))
            pending = []
            index += 1
            continue
        if len(squashed) <= 60 and "。" not in squashed and not BOX_RE.match(squashed) and len(pending) < 2:
            nxt = next(
                (
                    c.strip()
                    for c in lines[index + 1 : index + 6]
                    if c.strip() and not _page_number(c.strip())[0]
                ),
                "",
            )
            if _toc_entry(nxt):
                pending.append((squashed, index + 1))
                index += 1
                continue
        break
    if len(entries) < 3:
        return None
    end = index - len(pending)
    return (
        start - 1 if start > 0 and _TOC_MARK_RE.match(lines[start - 1].replace(" ", "")) else start,
        end,
        entries,
    )


# --------------------------------------------------------------------------- normalise


@dataclass
class _Piece:
    text: str
    src_line: int


def _front_matter_end(lines: list[str], stop: int) -> int:
    """Index of the first line after the title block (short lines without sentence punctuation)."""
    for index, line in enumerate(lines[:stop]):
        text = line.strip()
        if not text:
            continue
        if (
            HEADING_RE.match(text)
            or _TOC_MARK_RE.match(text.replace(" ", ""))
            or len(_squash(text)) > 60
            or any(ch in text for ch in "，。；、")
            or _table_cells(line)
        ):
            return index
    return stop


def _page_marks(cleaned: list[str], toc_span: tuple[int, int]) -> dict[int, int | None]:
    """Source-line index -> printed number of every page-number line outside the TOC.

    Decorated numbers ('－ 2 －', '(45)') always count; a bare number only within a run of numbers
    that go up by one to three (a lone number inside a sentence stays text).
    """
    candidates: list[tuple[int, int | None, bool]] = []
    for index, line in enumerate(cleaned):
        if toc_span[0] <= index < toc_span[1] or not line.strip():
            continue
        is_page, number, bare = _page_number(line)
        if is_page:
            candidates.append((index, number, bare))
    # a running head printed on the same line as the page number: '某某规划纲要  - 12 -'
    combined: dict[int, tuple[str, int]] = {}
    for index, line in enumerate(cleaned):
        if not (toc_span[0] <= index < toc_span[1]):
            m = _HEAD_AND_PAGE_RE.match(line.strip())
            if m:
                combined[index] = (
                    _squash(m.group("head") or m.group("head2")),
                    int(m.group("n") or m.group("n2")),
                )
    heads = Counter(head for head, _ in combined.values())
    candidates.extend(
        (index, number, False) for index, (head, number) in combined.items() if heads[head] >= 3
    )
    candidates.sort()
    marks: dict[int, int | None] = {}
    for position, (index, number, bare) in enumerate(candidates):
        if bare:
            neighbours = [candidates[p] for p in (position - 1, position + 1) if 0 <= p < len(candidates)]
            if not any(
                other[1] is not None and number is not None and 0 < abs(other[1] - number) <= 3
                for other in neighbours
            ):
                continue
        marks[index] = number
    return marks


def _running_heads(cleaned: list[str], front_end: int, toc_span: tuple[int, int]) -> set[str]:
    """Short lines repeated on many pages (the plan or chapter title at the top of each page)."""
    counts = Counter(
        line.strip()
        for index, line in enumerate(cleaned)
        if line.strip()
        and len(line.strip()) <= 40
        and index >= front_end
        and not (toc_span[0] <= index < toc_span[1])
    )
    return {
        text
        for text, count in counts.items()
        if count >= 3
        and len(_HAN_RE.findall(text)) >= 4
        and not ends_sentence(text)
        and not is_heading_line(text)
        and not _table_cells(text)
        and not starts_structure(text)
    }


def _line_pages(marks: dict[int, int | None], physical: list[int] | None, count: int) -> list[int | None]:
    """Printed page of every source line.

    PDF text (``physical`` pages known): the number printed on a physical page names it, wherever
    it stands, else the physical page.  Plain text: a page number closes its page (footer
    convention); lines after the last number are on the next page.
    """
    numbered = sorted((index, number) for index, number in marks.items() if number is not None)
    if physical is not None:
        printed: dict[int, int] = {}
        for index, number in numbered:
            printed.setdefault(physical[index], number)
        return [printed.get(page, page) for page in physical]
    pages: list[int | None] = [None] * count
    if numbered:
        position = 0
        for index in range(count):
            while position < len(numbered) and numbered[position][0] < index:
                position += 1
            pages[index] = numbered[position][1] if position < len(numbered) else numbered[-1][1] + 1
    return pages


def normalise(raw: str, *, encoding: str | None = None) -> NormText:
    """Normalise plan text into logical lines with source-line and page maps.

    ``raw`` may contain form feeds (``\\f``) between PDF pages; the physical page then counts
    when no page number is printed on it.  The steps: split the source into lines and pages
    (:func:`_source_lines`), survey the whole text once (:class:`_Layout`: table of contents, front matter,
    page numbers, running heads, line width), then read the lines in order (:class:`_LineReader`), joining
    wrapped lines into logical ones and writing them out with their offset maps (:class:`_Output`).
    """
    source, physical = _source_lines(raw)
    cleaned = [clean_line(line) for line in source]
    layout = _Layout.survey(source, cleaned, physical)
    reader = _LineReader(source, cleaned, layout, _Output(layout.line_pages))
    reader.read()
    return reader.out.result(
        encoding, dropped_page_lines=len(layout.page_marks), dropped_running_heads=reader.dropped_running
    )


def _source_lines(raw: str) -> tuple[list[str], list[int] | None]:
    """The source lines of ``raw`` and, when it has form feeds, the physical page (1-based) of each."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    physical: list[int] = []
    source: list[str] = []
    for page_index, chunk in enumerate(raw.split("\f"), start=1):
        for line in chunk.split("\n"):
            source.append(line)
            physical.append(page_index)
    has_form_feeds = "\f" in raw
    return source, physical if has_form_feeds else None


@dataclass(frozen=True)
class _Layout:
    """What a first pass over the whole text finds: the parts that are not body text, and the line width."""

    toc_span: tuple[int, int]  # source-line indexes [start, end) of the table of contents, (-1, -1) if none
    toc_titles: set[str]
    toc_prefixes: set[str]  # every prefix of a TOC title (a heading wrapped before its end)
    front_end: int  # index of the first line after the front matter
    page_marks: dict[int, int | None]  # page-number lines and their printed numbers
    running: set[str]  # running heads repeated on the pages
    line_pages: list[int | None]  # printed page of each source line
    line_width: int  # width of a full line of fixed-width text, 0 for paragraph text

    @classmethod
    def survey(cls, source: list[str], cleaned: list[str], physical: list[int] | None) -> _Layout:
        toc = find_toc(cleaned)
        toc_span = (toc[0], toc[1]) if toc else (-1, -1)
        toc_titles = {entry.text for entry in toc[2]} if toc else set()
        front_end = _front_matter_end(cleaned, toc_span[0] if toc else len(cleaned))
        page_marks = _page_marks(cleaned, toc_span)
        return cls(
            toc_span=toc_span,
            toc_titles=toc_titles,
            toc_prefixes={title[:end] for title in toc_titles for end in range(1, len(title) + 1)},
            front_end=front_end,
            page_marks=page_marks,
            # a text without pages (a web page) has no running heads: a line it repeats is its own ('<title>')
            running=_running_heads(cleaned, front_end, toc_span)
            if page_marks or physical is not None
            else set(),
            line_pages=_line_pages(page_marks, physical, len(cleaned)),
            line_width=_typical_line_width(source, front_end),
        )


class _Output:
    """The normalised text being written: its logical lines and the maps from offsets to source lines and pages."""

    def __init__(self, line_pages: list[int | None]):
        self.line_pages = line_pages
        self.lines: list[Line] = []
        self.seg_starts: list[int] = []
        self.seg_lines: list[int] = []
        self.page_starts: list[int] = []
        self.page_numbers: list[int | None] = []
        self.parts: list[str] = []
        self.offset = 0

    def emit(
        self, pieces: list[_Piece], kind: str, cells: tuple[str, ...] = (), page: int | None = None
    ) -> None:
        """Append one logical line made of ``pieces`` (source lines joined), mapping each piece back."""
        if self.lines:
            self.parts.append("\n")
            self.offset += 1
        start = self.offset
        for piece in pieces:
            self.seg_starts.append(self.offset)
            self.seg_lines.append(piece.src_line)
            pg = self.line_pages[piece.src_line - 1]
            if not self.page_numbers or self.page_numbers[-1] != pg:
                self.page_starts.append(self.offset)
                self.page_numbers.append(pg)
            self.parts.append(piece.text)
            self.offset += len(piece.text)
        self.lines.append(Line("".join(p.text for p in pieces), start, pieces[0].src_line, kind, cells, page))

    def result(
        self, encoding: str | None, *, dropped_page_lines: int, dropped_running_heads: int
    ) -> NormText:
        return NormText(
            text="".join(self.parts),
            lines=self.lines,
            encoding=encoding,
            seg_starts=self.seg_starts,
            seg_lines=self.seg_lines,
            page_starts=self.page_starts,
            page_numbers=self.page_numbers,
            dropped_page_lines=dropped_page_lines,
            dropped_running_heads=dropped_running_heads,
        )


class _LineReader:
    """Reads the source lines in order: drops what is not text, keeps TOC, table and front-matter lines as they
    are, and joins the wrapped lines of body text into logical lines (:func:`_should_join`)."""

    def __init__(self, source: list[str], cleaned: list[str], layout: _Layout, out: _Output):
        self.source, self.cleaned, self.layout, self.out = source, cleaned, layout, out
        self.current: list[_Piece] = []  # the logical line being joined
        self.in_box = False
        self.box_labels: bool | None = None  # do this box's items read 'label。text'? (None: not seen yet)
        self.dropped_running = 0

    def read(self) -> None:
        index = 0
        while index < len(self.cleaned):
            index = self._step(index)
        self._flush()

    def _step(self, index: int) -> int:
        """Handle the line at ``index``; the index of the next line to read (the same one to re-read it)."""
        text = self.cleaned[index].strip()
        layout = self.layout
        if not text:
            return index + 1
        if layout.toc_span[0] <= index < layout.toc_span[1]:
            self._toc_line(index, text)
            return index + 1
        if index in layout.page_marks:
            return index + 1
        if text in layout.running and index >= layout.front_end:
            self.dropped_running += 1
            return index + 1
        if self._is_decoration(text):
            return index + 1
        cells = self._row_cells(index, text)
        if cells is not None:
            self._table_row(index, cells)
            return index + 1
        if index < layout.front_end:
            self._flush()
            self.out.emit([_Piece(text, index + 1)], "front")
            return index + 1
        squashed = _squash(text, words=True)
        if not self.current:
            self._start(index, squashed)
            return index + 1
        if self._joins(index, text, squashed):
            head = "".join(p.text for p in self.current)
            sep = " " if re.search(r"[A-Za-z]$", head) and re.match(r"[A-Za-z]", squashed) else ""
            self.current.append(_Piece(sep + squashed, index + 1))
            return index + 1
        self._flush()
        return index  # re-read this line as the start of a new logical line

    @staticmethod
    def _is_decoration(text: str) -> bool:
        return bool(_MD_SEPARATOR_RE.match(text) or _DECORATION_RE.fullmatch(text))

    def _flush(self) -> None:
        if self.current:
            self.out.emit(self.current, "text")
            self.current = []

    def _toc_line(self, index: int, text: str) -> None:
        """A line of the table of contents: an entry (title and page), unless a page number or running head."""
        self._flush()
        if _page_number(text)[0] or (index > self.layout.toc_span[0] + 1 and is_title_line(_squash(text))):
            return
        entry = _toc_entry(text)
        body = _squash(text.replace("\t", " "))
        self.out.emit(
            [_Piece(entry[0] if entry else body, index + 1)], "toc", page=entry[1] if entry else None
        )

    def _row_cells(self, index: int, text: str) -> list[str] | None:
        """The cells of a table row, or None; a tabbed line between table rows is a one-cell row."""
        cleaned, n = self.cleaned, len(self.cleaned)
        cells = _table_cells(cleaned[index])
        if (
            cells is None
            and "\t" in self.source[index]
            and (
                _table_cells(cleaned[index - 1] if index else "") is not None
                or _table_cells(cleaned[index + 1] if index + 1 < n else "") is not None
            )
        ):
            cells = [_squash(text)]  # a one-cell row of a tab table ('► 经济发展\t\t\t')
        return cells

    def _table_row(self, index: int, cells: list[str]) -> None:
        self._flush()
        if any(cells):
            while cells and not cells[-1]:
                cells.pop()
            row = "\t".join(cells)
            self.in_box = self.in_box or bool(BOX_RE.match(row.strip("\t")))
            self.out.emit([_Piece(row, index + 1)], "table", tuple(cells))

    def _start(self, index: int, squashed: str) -> None:
        """Open a logical line; a heading ends a box, a box title opens one, a box's first item sets its style."""
        self.current = [_Piece(squashed, index + 1)]
        if HEADING_RE.match(squashed) or is_minor_heading(squashed):
            self.in_box = False
        elif BOX_RE.match(squashed):
            self.in_box, self.box_labels = True, None
        elif self.in_box and self.box_labels is None:
            # do this box's items read 'label。text' (not '（一）…' or '1、…')?
            following = _squash(self.cleaned[index + 1].strip()) if index + 1 < len(self.cleaned) else ""
            self.box_labels = bool(label_period(squashed + following)) and not starts_structure(squashed)

    def _joins(self, index: int, text: str, squashed: str) -> bool:
        """Does the line at ``index`` continue the logical line being read?"""
        source, width = self.source, self.layout.line_width
        indented = source[index][:2] in ("  ", "\u3000\u3000") or source[index][:1] == "\u3000"
        last_raw = source[self.current[-1].src_line - 1].strip()
        full_line = bool(width) and not indented and len(last_raw) >= width - 2
        if not width and _row_of_its_own(last_raw, text, len(self.current) == 1):
            return False
        next_full = bool(width) and len(text) >= width - 2
        ahead = squashed
        if (
            full_line and next_full and index + 1 < len(self.cleaned)
        ):  # a label may itself wrap onto the next line
            ahead += _squash(self.cleaned[index + 1].strip())
        return _should_join(
            "".join(p.text for p in self.current),
            squashed,
            self.in_box,
            self.layout.toc_titles,
            self.layout.toc_prefixes,
            full_line=full_line,
            next_full=next_full,
            label_items=not self.in_box or bool(self.box_labels),
            ahead=ahead,
            last_line=_squash(last_raw),
        )


def _row_of_its_own(last: str, following: str, alone: bool) -> bool:
    """In paragraph text, a line that stands on its own: a short bare line that began its paragraph (a web page's
    section title '位置境域', a list row '清泉寺'), or an infobox row before or after one ('政府驻地 萨拉齐镇' +
    '机场 包头机场').  A page break inside a sentence leaves punctuation or a long line before it."""
    if not _BARE_ROW_RE.match(last):
        return False
    if alone and len(last) <= 12 and not following[:1].isdigit():  # '达到' + '12' + '亿元' is one sentence
        return True
    return bool(_BARE_ROW_RE.match(following)) and (" " in last.strip() or " " in following.strip())


def _typical_line_width(lines: list[str], start: int) -> int:
    """The width of a full line in text broken at a fixed width (PDF extraction); 0 when lines are paragraphs.

    In wrapped text most lines have (nearly) the same length; that length is the page width.
    """
    lengths = Counter(
        len(line.strip())
        for line in lines[start:]
        if len(line.strip()) >= 12 and "\t" not in line and "|" not in line
    )
    total = sum(lengths.values())
    if total < 20:
        return 0
    width, count = max(lengths.items(), key=lambda item: (item[1] + lengths.get(item[0] - 1, 0), item[0]))
    near = count + lengths.get(width - 1, 0) + lengths.get(width + 1, 0)
    return width if near >= 0.3 * total else 0


def _should_join(
    head: str,
    nxt: str,
    in_box: bool,
    toc_titles: set[str],
    toc_prefixes: set[str] | None = None,
    *,
    full_line: bool = False,
    next_full: bool = False,
    label_items: bool = True,
    ahead: str | None = None,
    last_line: str | None = None,
) -> bool:
    """Does ``nxt`` continue the logical line ``head`` (a line broken inside a sentence)?

    ``full_line``: the last physical line of ``head`` filled the page width, so even a sentence end
    there is more likely a wrap than a paragraph end.  ``next_full``: ``nxt`` fills the width too, so
    an enumerator at its start ('一、', '2、') may be a wrap inside a sentence.  ``label_items``: a
    'label。' opening starts a new paragraph/item here (false inside boxes of other item styles);
    ``ahead``: ``nxt`` with the line after it, to see a label that wraps; ``last_line``: the last source line
    of ``head`` (``head`` itself when not given).
    """
    major = HEADING_RE.match(head) or BOX_RE.match(head)
    if major or is_minor_heading(head) or is_title_line(head):
        combined = head + nxt
        if toc_prefixes is None:
            toc_prefixes = {title[:end] for title in toc_titles for end in range(1, len(title) + 1)}
        if combined in toc_prefixes and not starts_structure(nxt):
            return True
        if starts_structure(nxt) or len(nxt) > 20 or any(ch in nxt for ch in "。，；：！？、"):
            return False
        if head in toc_titles:
            return False
        if is_title_line(head):
            return bool(TITLE_RE.search(combined)) and not head.endswith(("纲要", "规划"))
        return bool(major) and len(head) >= 16  # a long heading wrapped onto a short second line
    if starts_structure(nxt):
        wrapped_enumerator = (  # '…锚定“全域覆盖、标准统' + '一、智能高效…' broken inside a sentence
            next_full and not ends_sentence(head) and is_minor_heading(nxt) and not starts_structure(head)
        )
        if not wrapped_enumerator:
            return False
    if in_box and re.match(r"^[^，。；：、\s]{2,24}[:：]", nxt):
        return False  # a 'label：' box item
    if _SHORT_LABEL_RE.match(nxt) and _SHORT_LABEL_RE.match(last_line if last_line is not None else head):
        # lines of 'label：items' ('镇：A镇、B镇' + '乡：C乡'): each label opens a list of its own, also after a
        # sentence that introduced the lists ('辖9个乡镇：' + '街道：…' + '镇：…')
        return False
    if ends_sentence(head):
        if not full_line or (label_items and label_period(ahead or nxt)):  # a new 'label。' paragraph/item
            return False
    return True
