"""Projects of a plan: every item of every project box, located body sentences, layout boxes.

:func:`extract_projects` turns a read :class:`~geoplan.read.model.Plan` (and its resolved places, when
given) into :class:`Project` records that carry where they come from (plan, chapter, section, box,
item, page), what they are (sector, action, quantities) and where they are (resolved mentions and
corridors inside their text).  Ids are stable: ``<plan stem>:<box>:<item>[:<n>]`` for box items,
``<plan stem>:p:<paragraph>:<n>`` for body sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from geoplan.extract.classify import classify_action, classify_sector
from geoplan.extract.names import NAME_LIMIT, capped, description_after, head, title_end
from geoplan.extract.quantities import Quantity, parse_quantities
from geoplan.geocode.lexicon import alternation, words
from geoplan.geocode.reach import is_far
from geoplan.layers import thematic_layer_for_sector
from geoplan.read.model import Box, BoxItem, Plan

#: box kinds, decided from the title
INDICATOR, LAYOUT, PROJECT, OTHER = "indicator", "layout", "project", "other"


@dataclass(frozen=True)
class _Patterns:
    """The word-list patterns of project extraction (see :func:`_patterns`)."""

    #: box kinds, decided from the title
    indicator_title: re.Pattern[str]
    layout_title: re.Pattern[str]
    project_word: re.Pattern[str]
    project_title: re.Pattern[str]
    #: what ends the name of a project in a list ('…风光基地项目', '…一体化工程', '…产业园'): strong nouns
    #: anywhere, weak ones (基地, 园区, 馆 …) in lists only
    strong_end: re.Pattern[str]
    project_end: re.Pattern[str]
    #: a project noun (strong or weak) ending a title, and one opening a text ('建设项目': 建设 opens no description)
    noun_end: re.Pattern[str]
    noun_start: re.Pattern[str]
    #: a body that starts with a verb is prose ('实施A工程，推进B'), not a list of names ('A项目，B项目')
    prose_start: re.Pattern[str]
    #: a generic list ('…等项目', '一批…项目'): a category, not a named project
    generic: re.Pattern[str]
    #: a box item that is only a title ('XX项目（三期）。'); the next unlabelled item describes it
    title_only: re.Pattern[str]
    #: verbs trimmed from the front of a project name
    leading_verbs: re.Pattern[str]
    #: body sentences that announce a project: a verb, then (within 40 characters) 项目/工程
    body_project: re.Pattern[str]


def _noun(noun: str) -> str:
    """``noun`` as a name ending, unless a false ending (``project_noun_false_endings``) ends there."""
    blocked = [
        ending[: -len(noun)] for ending in words("project_noun_false_endings") if ending.endswith(noun)
    ]
    return "".join(f"(?<!{re.escape(head)})" for head in blocked if head) + re.escape(noun)


@cache
def _patterns() -> _Patterns:
    """The patterns of this module, built once from the reviewed word lists on first use."""
    project = alternation("project_words")
    strong = "|".join(_noun(noun) for noun in (*words("project_words"), *words("project_strong_nouns")))
    weak = alternation("project_weak_nouns")
    tail = rf"(?:[（(][^）)]{{0,20}}[）)])?(?:{alternation('project_name_tails')})?$"
    modifiers = alternation("name_modifiers")
    return _Patterns(
        indicator_title=re.compile(alternation("box_indicator_title_words")),
        layout_title=re.compile(alternation("box_layout_title_words")),
        project_word=re.compile(project),
        project_title=re.compile(f"{project}|{alternation('box_project_title_words')}"),
        strong_end=re.compile(rf"(?:{strong}){tail}"),
        project_end=re.compile(rf"(?:{strong}|{weak}){tail}"),
        noun_end=re.compile(rf"(?:{strong}|{weak})(?:[（(][^）)]{{0,20}}[）)])?$"),
        noun_start=re.compile(rf"{project}|{alternation('project_strong_nouns')}|{weak}"),
        prose_start=re.compile(rf"(?:{alternation('prose_modifiers')})?(?:{alternation('prose_verbs')})"),
        generic=re.compile(rf"等[^、，,；;]{{0,14}}(?:{project})|一批"),
        title_only=re.compile(rf"^[^，。；：:]{{2,40}}(?:{project})(?:[（(][^）)]{{0,30}}[）)])?[。.]?$"),
        leading_verbs=re.compile(rf"^(?:(?:{modifiers})*(?:{alternation('name_verbs')})+|(?:{modifiers})+)"),
        body_project=re.compile(rf"(?:{alternation('body_project_verbs')})[^，。；：]{{2,40}}?(?:{project})"),
    )


#: an embedded list number ('… 2、…', '…；3.') where a reader kept several numbered lines in one item
_EMBEDDED_NUMBER = re.compile(r"(?:(?<=\s)|(?<=^))(?:[-•]\s*)?\d{1,2}[、]")
#: a leading label: 'XX项目。', 'XX工程：', '干线铁路。' (a short head before 。 or ：)
_LABEL = re.compile(r"^([^，,。；;：:、\n]{2,30}|[^，,。；;：:\n]{2,20})[：:。]")
#: leading list numbers and bullets: '1、', '（三）', '(二)', '- ', '1.'
_LEADING_NUMBER = re.compile(
    r"^\s*(?:[-•·●▪]\s*)?(?:[（(][一二三四五六七八九十\d]+[)）]|[\d一二三四五六七八九十]+[、.．])?\s*"
)
#: separators between the projects of a list, outside brackets
_SEPARATORS = "，,；;。、"
_CLAUSE = re.compile(r"[^，。；：]+")
#: rank of a place's type: administrative levels, every other named place below a banner
_TYPE_RANK = {"foreign": 5, "province": 4, "neighbour": 2, "league": 3, "banner": 2, "town": 1, "village": 0}
_ISSUER_RANK = {"league": 3, "banner": 2, "district": 2}
_CN_NUMERALS = "零一二三四五六七八九"
_CHAPTER_WORD = {"part": "篇", "chapter": "章", "section": "节"}


@dataclass(frozen=True)
class Project:
    """One planned project (or layout element) with its provenance, content and locations."""

    feature_id: str
    name: str
    kind: str  # project | layout
    sector: str
    layer: str
    action: str
    plan: str
    issuer: str
    issuer_level: str
    plan_kind: str
    period: str
    chapter: str
    section: str
    box: str
    box_title: str
    item: int
    page: int
    start: int
    end: int
    excerpt: str
    label: str = ""
    #: the project's text after its name (see :mod:`geoplan.extract.names`)
    description: str = ""
    quantities: tuple[Quantity, ...] = ()
    mentions: tuple[Any, ...] = field(default=(), compare=False)  # ResolvedMention with a place
    corridors: tuple[Any, ...] = field(default=(), compare=False)

    @property
    def places(self) -> list[Any]:
        """Distinct resolved places of the project, in text order."""
        seen: dict[str, Any] = {}
        for mention in self.mentions:
            seen.setdefault(mention.place.id, mention.place)
        return list(seen.values())


# ---------------------------------------------------------------------------------------------------------
# boxes and items


def box_kind(box: Box) -> str:
    """``indicator`` (主要指标 tables), ``layout`` (格局/空间结构/布局), ``project`` or ``other``."""
    title = box.title
    if _patterns().indicator_title.search(title) and not _patterns().project_title.search(title):
        return INDICATOR
    if _patterns().layout_title.search(title) and not _patterns().project_word.search(title):
        return LAYOUT
    if _patterns().project_title.search(title):
        return PROJECT
    return OTHER


@dataclass(frozen=True)
class _Piece:
    """A project inside a box item: its name and the span of its text in Plan.text."""

    name: str
    start: int
    end: int


def _strip_number(text: str) -> str:
    return _LEADING_NUMBER.sub("", text, count=1)


def _body_offset(item: BoxItem, text: str) -> int:
    """Offset in ``text`` where the item's body starts (after its number and label)."""
    stripped = _strip_number(text)
    offset = len(text) - len(stripped)
    label = item_label(item, text)
    if label and stripped.startswith(label):
        offset += len(label)
        while offset < len(text) and text[offset] in "：:。.，, \t":
            offset += 1
    return offset


def item_label(item: BoxItem, text: str | None = None) -> str:
    """The item's label: the reader's, else a short head ending in '。' or '：' ('风光基地项目。…')."""
    if item.label:
        return item.label.strip()
    stripped = _strip_number(item.text if text is None else text).lstrip()
    match = _LABEL.match(stripped)
    if match and match.end() < len(stripped.rstrip()):  # a head with a body after it
        return match.group(1).strip()
    return ""


def _fragments(text: str, start: int) -> list[tuple[int, int, str]]:
    """Spans of ``text`` between top-level separators (not inside brackets), offsets + ``start``,
    each with the separator that ends it ('' at the end of the text)."""
    spans, depth, begin = [], 0, 0
    for index, char in enumerate(text):
        if char in "（(【《“":
            depth += 1
        elif char in "）)】》”":
            depth = max(0, depth - 1)
        elif char in _SEPARATORS and depth == 0:
            if index > begin:
                spans.append((begin, index, char))
            begin = index + 1
    if begin < len(text):
        spans.append((begin, len(text), ""))
    return [(start + a, start + b, sep) for a, b, sep in spans if text[a:b].strip()]


def _closes(fragment: str, separator: str, list_mode: bool) -> bool:
    """Whether a fragment ends a project of a list.

    Lists ('label：A，B、C'): a project noun ends one, and so does a comma or a self-standing name.
    Prose ('实施A通道、B工程等项目'): only a strong project noun (项目, 工程, 铁路 …) ends one, since
    '殡仪馆、骨灰塔、火葬厂项目' is one project.
    """
    if _patterns().strong_end.search(fragment):
        return True
    if list_mode:
        return bool(_patterns().project_end.search(fragment)) or _closes_in_list(fragment, separator)
    return False


def _closes_in_list(fragment: str, separator: str) -> bool:
    """In a 'label：A，B、C' list, whether a fragment without a project noun still ends a project.

    A comma or semicolon ends one; an enumeration comma (、) ends one only when the fragment is a
    name of its own (8+ characters, no quantity), not a part such as '100万吨甲醇' or '重卡'.
    """
    if separator in "，,；;。":
        return True
    return len(fragment) >= 8 and not parse_quantities(fragment) and not fragment[:1].isdigit()


def project_name(text: str, limit: int = NAME_LIMIT) -> str:
    """The name a list shows for a clause (see :mod:`geoplan.extract.names`): its title up to the first stop,
    line break or description run into it, leading numbers (and the verbs opening a clause) trimmed, whitespace
    removed, at most ``limit`` characters."""
    stripped = _strip_number(text).strip()
    title = head(stripped)
    name = re.sub(r"\s+", "", title).strip("：:。.，,；; ")
    if stripped[len(title) : len(title) + 1] != "\n":  # a title on a line of its own is kept whole
        name = _patterns().leading_verbs.sub("", name) or name
    if not _patterns().strong_end.search(name):  # a head ending in 项目/工程/铁路 … is a name, whole
        name = name[: title_end(name, _patterns().noun_end, _patterns().noun_start)]
    return capped(name, bool(_patterns().project_end.search(name)), limit)


def split_item(item: BoxItem, text: str | None = None) -> list[_Piece]:
    """The projects of one box item: several when the item lists several named projects, else one.

    A list is cut at top-level separators (、，；。); consecutive fragments are grouped until one
    ends with a project noun (项目, 工程, 基地, 园区 …), so '年产5万吨A、2万吨B项目' stays one
    project while 'A项目、B项目' gives two.
    """
    text = item.text if text is None else text
    body_at = _body_offset(item, text)
    body = text[body_at:]
    label = item_label(item, text)
    list_mode = (
        bool(label)
        and re.search(r"[：:]\s*$", text[:body_at]) is not None
        and not _patterns().prose_start.match(body.lstrip())
    )
    groups: list[tuple[int, int, int]] = []  # start, end, start of the clause holding the closing fragment
    open_start: int | None = None
    clause_start = body_at
    for a, b, separator in _fragments(body, body_at):
        fragment = re.sub(r"\s+", "", text[a:b]).rstrip("等")
        if open_start is None:
            open_start = a
        if _closes(fragment, separator, list_mode):
            groups.append((open_start, b, max(clause_start, open_start)))
            open_start = None
        if separator != "、":
            clause_start = b + 1
    named = [g for g in groups if not _patterns().generic.search(text[g[2] : g[1]])]
    if len(groups) >= 2 and (list_mode or len(named) >= 2):
        # a group opening with a title on a line of its own is named by that title
        names = [project_name(text[a if list_mode or "\n" in text[a:c] else c : b]) for a, b, c in groups]
        if open_start is not None:  # a trailing description belongs to the last project
            groups[-1] = (groups[-1][0], len(text), groups[-1][2])
        if (
            not list_mode
        ):  # in prose, what follows a project's name describes it: a piece runs to the next name
            groups = _described(text, groups)
        pieces: dict[str, _Piece] = {}
        for name, (a, b, c) in zip(names, groups, strict=True):
            if name in pieces and text[c:b].lstrip().startswith(
                "其中"
            ):  # '其中新建A': A again, not a new one
                pieces[name] = _Piece(name, pieces[name].start, item.start + b)
            else:
                pieces[name if name not in pieces else f"{name}#{a}"] = _Piece(
                    name, item.start + a, item.start + b
                )
        return list(pieces.values())
    if list_mode and len(groups) == 1:  # 'label：the one project'
        return [_Piece(project_name(text[groups[0][0] : groups[0][1]]), item.start, item.end)]
    label_name = project_name(label) if label else ""
    return [_Piece(label_name or project_name(text), item.start, item.end)]


def _described(text: str, groups: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Groups (start, end, clause start) of a prose item re-cut so that each runs from its own clause to the
    next one's (the first from its start, the last to its end): the text after a name is its description."""
    cut = []
    for index, (start, end, clause) in enumerate(groups):
        if index + 1 < len(groups):
            end = groups[index + 1][2]
            while end > clause and text[end - 1] in _SEPARATORS + " \t\n":
                end -= 1
        cut.append((start if index == 0 else clause, max(end, clause), clause))
    return cut


def _is_numbered(text: str) -> bool:
    return bool(_LEADING_NUMBER.match(text).group(0).strip())


def _entries(plan: Plan, item: BoxItem) -> list[BoxItem]:
    """An item cut at embedded list numbers ('1、A 2、B' kept as one item gives A and B)."""
    text = plan.text[item.start : item.end]
    cuts = [m.start() for m in _EMBEDDED_NUMBER.finditer(text) if m.start() > 0]
    if not cuts:
        return [item]
    bounds = [0, *cuts, len(text)]
    entries = []
    for index, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        if not text[a:b].strip():
            continue
        label = item.label if index == 0 else None
        entries.append(BoxItem(item.number, text[a:b], item.start + a, item.start + b, item.page, label))
    return entries


def _merged_items(plan: Plan, box: Box) -> list[tuple[BoxItem, bool]]:
    """Box items (spans of Plan.text), with description lines folded into the title line before them.

    The flag is True for a folded title + description, which is one project.
    """
    merged: list[tuple[BoxItem, bool]] = []
    for item in box.items:
        if not plan.text[item.start : item.end].strip():
            continue
        text = plan.text[item.start : item.end]
        if merged and not item_label(item, text) and not _is_numbered(text):
            previous, _ = merged[-1]
            previous_raw = plan.text[previous.start : previous.end]
            previous_text = re.sub(r"\s+", "", _strip_number(previous_raw))
            if (
                "\n" not in previous_raw.strip()  # a title with its description on the next line
                and _patterns().title_only.match(previous_text)
                and previous_text.endswith(("。", "."))
                and not _is_numbered(previous_raw)
                and len(text.strip()) > 40
            ):
                title = previous.label or previous_text.rstrip("。.")
                merged[-1] = (
                    BoxItem(
                        previous.number,
                        plan.text[previous.start : item.end],
                        previous.start,
                        item.end,
                        previous.page,
                        title,
                    ),
                    True,
                )
                continue
        merged.append((item, False))
    return merged


# ---------------------------------------------------------------------------------------------------------
# extraction


def _chinese(number: str) -> str:
    """'15' -> '十五' (for printed headings)."""
    if not number.isdigit():
        return number
    n = int(number)
    if n < 10:
        return _CN_NUMERALS[n]
    if n < 20:
        return "十" + (_CN_NUMERALS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_NUMERALS[n // 10] + "十" + (_CN_NUMERALS[n % 10] if n % 10 else "")
    return number


def _heading(section: Any) -> str:
    if section is None:
        return ""
    word = _CHAPTER_WORD.get(section.level)
    prefix = f"第{_chinese(section.number)}{word}" if word else ""
    return f"{prefix} {section.title}".strip()


def _outline(plan: Plan, offset: int) -> tuple[str, str]:
    outline = plan.outline_at(offset)
    chapter = outline.get("chapter") or outline.get("part")
    section = outline.get("section")
    return _heading(chapter), _heading(section)


def _page(plan: Plan, offset: int, fallback: int | None) -> int:
    """The printed page at ``offset``; where the text carries no page numbers, the page its innermost
    heading starts on (from the table of contents); 0 when neither is known."""
    if fallback:
        return int(fallback)
    page = plan.page_at(offset)
    if page:
        return int(page)
    outline = plan.outline_at(offset)
    for level in ("subitem", "item", "section", "chapter", "part"):
        heading = outline.get(level)
        if heading is not None and heading.page:
            return int(heading.page)
    return 0


def provenance_at(plan: Plan, offset: int) -> dict[str, Any]:
    """Chapter, section, page, and the box, item and item text around ``offset`` ('' / 0 when none)."""
    chapter, section = _outline(plan, offset)
    fields: dict[str, Any] = {"chapter": chapter, "section": section, "page": _page(plan, offset, None)}
    box = plan.box_at(offset)
    if box is not None:
        for number, item in enumerate(box.items, start=1):
            if item.start <= offset < item.end:
                excerpt = re.sub(r"\s+", " ", plan.text[item.start : item.end]).strip()
                fields.update(box=box.number, box_title=box.title, item=number, excerpt=excerpt)
                break
    return fields


def _mentions_in(places: Any, start: int, end: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """Resolved mentions (with a place) and corridors inside ``[start, end)``."""
    if places is None:
        return (), ()
    return places.located_in(start, end)


def _plan_fields(plan: Plan) -> dict[str, str]:
    meta = plan.meta
    return {
        "plan": plan.name,
        "issuer": meta.issuer,
        "issuer_level": meta.issuer_level,
        "plan_kind": meta.kind,
        "period": f"{meta.period[0]}-{meta.period[1]}",
    }


def _make(
    plan: Plan,
    places: Any,
    *,
    feature_id: str,
    name: str,
    kind: str,
    box: Box | None,
    item_number: int,
    start: int,
    end: int,
    page: int | None,
    label: str = "",
) -> Project:
    excerpt = re.sub(r"\s+", " ", plan.text[start:end]).strip()
    box_title = box.title if box else ""
    sector = "layout" if kind == "layout" else classify_sector(name, label, box_title, excerpt)
    chapter, section = _outline(plan, start)
    mentions, corridors = _mentions_in(places, start, end)
    return Project(
        feature_id=feature_id,
        name=name,
        kind=kind,
        sector=sector,
        layer=thematic_layer_for_sector(sector),
        action="" if kind == "layout" else classify_action(excerpt, label),
        chapter=chapter,
        section=section,
        box=box.number if box else "",
        box_title=box_title,
        item=item_number,
        page=_page(plan, start, page),
        start=start,
        end=end,
        excerpt=excerpt,
        label=label,
        description=description_after(name, plan.text[start:end]),
        quantities=tuple(parse_quantities(plan.text[start:end])),
        mentions=mentions,
        corridors=corridors,
        **_plan_fields(plan),
    )


def box_projects(plan: Plan, places: Any = None) -> list[Project]:
    """The projects of every project box, and the layout elements of layout boxes that name places."""
    stem = plan.path.stem
    projects: list[Project] = []
    for box in plan.boxes:
        kind = box_kind(box)
        if kind in (INDICATOR, OTHER):
            continue
        entries = [
            (entry, folded)
            for item, folded in _merged_items(plan, box)
            for entry in ([item] if folded else _entries(plan, item))
        ]
        for number, (item, folded) in enumerate(entries, start=1):
            text = plan.text[item.start : item.end]
            if kind == LAYOUT:
                project = _make(
                    plan,
                    places,
                    feature_id=f"{stem}:{box.number}:{number}",
                    name=_layout_name(item, text),
                    kind="layout",
                    box=box,
                    item_number=number,
                    start=item.start,
                    end=item.end,
                    page=item.page or box.page,
                    label=item_label(item, text),
                )
                defined_by = _definition_end(plan.text, item.start, item.end, bool(project.label))
                project = replace(
                    project,
                    mentions=tuple(m for m in project.mentions if m.end <= defined_by),
                    corridors=tuple(c for c in project.corridors if c.end <= defined_by),
                )
                if project.mentions or project.corridors:
                    projects.append(project)
                continue
            pieces = (
                [_Piece(project_name(item.label or ""), item.start, item.end)]
                if folded
                else split_item(item, text)
            )
            # places named in the label ('潮格镇英模文旅建设项目：A，B') locate the listed projects too
            shared, _ = _mentions_in(places, item.start, item.start + _body_offset(item, text))
            for index, piece in enumerate(pieces, start=1):
                suffix = f":{index}" if len(pieces) > 1 else ""
                project = _make(
                    plan,
                    places,
                    feature_id=f"{stem}:{box.number}:{number}{suffix}",
                    name=piece.name,
                    kind="project",
                    box=box,
                    item_number=number,
                    start=piece.start,
                    end=piece.end,
                    page=item.page or box.page,
                    label=item_label(item, text),
                )
                if shared and len(pieces) > 1 and not project.mentions:
                    project = replace(project, mentions=shared)
                projects.append(project)
    return projects


def _definition_end(text: str, start: int, end: int, labelled: bool) -> int:
    """End of a layout element's defining sentence ('一核。由A、B和C共同形成…核心。'): the places
    named there draw it; the rest of the item describes what happens in it."""
    stop = start
    for _ in range(2 if labelled else 1):
        found = text.find("。", stop, end)
        if found == -1:
            return end
        stop = found + 1
    return stop


def _layout_name(item: BoxItem, text: str) -> str:
    return project_name(item_label(item, text) or text)


def is_finer(place: Any, issuer_level: str, issuer_ids: set[str]) -> bool:
    """Whether a place locates a project more finely than its issuer: a place other than the issuer
    and its parents, of a smaller kind (a banner in a league plan; a town, park, port, desert … in a
    banner plan), never one far outside the region (:func:`~geoplan.geocode.reach.is_far`).  The geometry's
    own precision is recorded apart (``precision``)."""
    if place.id in issuer_ids or is_far(place):
        return False
    return _TYPE_RANK.get(place.type, 1) < _ISSUER_RANK.get(issuer_level, 3)


def _finer_than_issuer(mentions: Iterable[Any], plan: Plan, issuer_ids: set[str]) -> bool:
    return any(is_finer(m.place, plan.meta.issuer_level, issuer_ids) for m in mentions)


def body_projects(plan: Plan, places: Any, issuer_ids: set[str] | None = None) -> list[Project]:
    """Project clauses of the body (实施/建设/推进 … 项目/工程) that name a location finer than the issuer."""
    if places is None:
        return []
    issuer_ids = issuer_ids or set()
    stem = plan.path.stem
    projects: list[Project] = []
    for p_index, paragraph in enumerate(plan.paragraphs, start=1):
        count = 0
        for clause in _CLAUSE.finditer(paragraph.text):
            match = _patterns().body_project.search(clause.group(0))
            if not match:
                continue
            start = paragraph.start + clause.start()
            end = paragraph.start + clause.end()
            mentions, _ = _mentions_in(places, start, end)
            if not _finer_than_issuer(mentions, plan, issuer_ids):
                continue
            count += 1
            projects.append(
                _make(
                    plan,
                    places,
                    feature_id=f"{stem}:p:{p_index}:{count}",
                    name=project_name(match.group(0)),
                    kind="project",
                    box=None,
                    item_number=p_index,
                    start=start,
                    end=end,
                    page=paragraph.page,
                )
            )
    return projects


def _normalised(name: str) -> str:
    return re.sub(r"[\s（）()“”\"、，。]", "", name)


def extract_projects(plan: Plan, places: Any = None, issuer_ids: set[str] | None = None) -> list[Project]:
    """Every project of a plan: box items first, then located body sentences not already in a box.

    ``places`` is the plan's :class:`~geoplan.geocode.places.PlanPlaces` (None: projects without locations and
    no body sentences); ``issuer_ids`` the gazetteer ids of the issuer and its parents, which do not
    count as a location finer than the issuer.
    """
    boxed = box_projects(plan, places)
    body = body_projects(plan, places, issuer_ids)
    repeated = _named_in_boxes([_normalised(p.name) for p in body], [_normalised(p.name) for p in boxed])
    return boxed + [p for p, drop in zip(body, repeated, strict=True) if not drop]


def _named_in_boxes(names: list[str], box_names: list[str]) -> list[bool]:
    """For each (normalised) body project name: is it part of a box project's name, or does it hold
    one of more than 4 characters?  Two Aho-Corasick passes keep this linear in the names' length
    (testing every pair grows with the square of the plan's length)."""
    # imported here, not at the top: the automaton library is loaded only when a plan is matched
    import ahocorasick

    boxes = set(box_names)
    if not boxes:
        return [False] * len(names)
    inside: set[str] = set()
    wanted = {name for name in names if name}
    if wanted:
        automaton = ahocorasick.Automaton()
        for name in wanted:
            automaton.add_word(name, name)
        automaton.make_automaton()
        joined = "\n".join(sorted(boxes))  # no normalised name holds a newline: no match spans two
        inside = {name for _, name in automaton.iter(joined)}
    long_boxes = ahocorasick.Automaton()
    for box_name in boxes:
        if len(box_name) > 4:
            long_boxes.add_word(box_name, box_name)
    holds = len(long_boxes) > 0
    if holds:
        long_boxes.make_automaton()
    return [
        not name or name in inside or (holds and next(long_boxes.iter(name), None) is not None)
        for name in names
    ]


def location_report(
    projects: Sequence[Project], issuer_ids: dict[str, set[str]] | None = None
) -> dict[str, Any]:
    """How many projects are located finer than their issuer, and the list of those that are not.

    ``issuer_ids`` maps a plan file name to the gazetteer ids of its issuer and parents (a place in
    that set is no finer than the issuer).  Layout elements are not counted.
    """
    issuer_ids = issuer_ids or {}
    counted = [p for p in projects if p.kind == "project"]
    unlocated = []
    per_plan: dict[str, dict[str, int]] = {}
    for project in counted:
        ids = issuer_ids.get(project.plan, set())
        finer = any(is_finer(m.place, project.issuer_level, ids) for m in project.mentions) or any(
            len([w for w in c.waypoints if w.level == "own"]) >= 2 for c in project.corridors
        )
        stats = per_plan.setdefault(project.plan, {"projects": 0, "located": 0})
        stats["projects"] += 1
        if finer:
            stats["located"] += 1
        else:
            unlocated.append(
                {
                    "feature_id": project.feature_id,
                    "name": project.name,
                    "plan": project.plan,
                    "box": project.box,
                    "page": project.page,
                    "locations": "、".join(m.place.name for m in project.mentions),
                    "reason": "only places at or above the issuer's level"
                    if project.mentions
                    else "no place named",
                }
            )
    total = len(counted)
    located = total - len(unlocated)
    return {
        "projects": total,
        "located_finer": located,
        "share_located_finer": round(located / total, 4) if total else 0.0,
        "per_plan": per_plan,
        "issuer_only": unlocated,
    }
