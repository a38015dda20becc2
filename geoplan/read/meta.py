"""Plan metadata: title (printed or inferred), issuer, level, parent, kind, vision, period, date.

The title is read from the title block at the top; when it is missing it is inferred from the
body sentence that names the plan (``…制定《某某旗国民经济和社会发展第十四个五年规划和二〇三五年
远景目标纲要》``).  The issuer's level comes from its suffix; the parent unit from the title when
printed ('呼和浩特市新城区' -> 呼和浩特市), otherwise from the gazetteer — or stays None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from geoplan.geocode.lexicon import words
from geoplan.read.model import PlanMeta
from geoplan.read.textnorm import CN_NUM, TITLE_RE, Line, cn_to_int

#: League-level units of Inner Mongolia (3 盟 + 9 地级市), fixed since 2012 (乌兰察布、巴彦淖尔 became cities).
LEAGUE_LEVEL_UNITS = (
    "呼和浩特市", "包头市", "乌海市", "赤峰市", "通辽市", "鄂尔多斯市", "呼伦贝尔市", "巴彦淖尔市", "乌兰察布市",
    "兴安盟", "锡林郭勒盟", "阿拉善盟",
)  # fmt: skip

_NAMED_PLAN_RE = re.compile(r"《([^《》]{6,90})》")
_FYP_RE = re.compile(rf"第([{CN_NUM}0-9]+)个五年(?=规划)|[“\"]?十([一二三四五六七八九])五[”\"]?(?:规划|时期)")
_VISION_RE = re.compile(r"(?:二[〇○零]三五|2035)\s*年\s*远景目标")
_DATE_RE = re.compile(rf"(\d{{4}}|[{CN_NUM}]{{4}})\s*年\s*(\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*月")
_ISSUER_SPLIT_RE = re.compile(
    r"国民经济和社会发展|经济和社会发展|[“\"]?十[一二三四五六七八九]五[”\"]?|第[一二三四五六七八九十]+个五年"
)
_GOVERNMENT_RE = re.compile(r"^(?P<name>\S{2,20}?)人民政府")


@dataclass(frozen=True)
class TitleGuess:
    """The plan title and where it came from."""

    title: str
    inferred: bool


def find_title(front: list[Line], body: Iterable[Line]) -> TitleGuess | None:
    """The printed title from the title block, else the plan named in a body sentence."""
    texts = [line.text.replace(" ", "") for line in front]
    for first in range(len(texts)):
        candidate = ""
        for last in range(first, min(first + 3, len(texts))):
            candidate += texts[last]
            if TITLE_RE.search(candidate) and not _DATE_RE.search(candidate):
                return TitleGuess(_clean_title(candidate), False)
    for line in body:
        if line.kind in ("text", "front") and TITLE_RE.search(line.text) and len(line.text) <= 80:
            if "，" not in line.text and "。" not in line.text:  # an unmarked title line in the body
                return TitleGuess(_clean_title(line.text), False)
        for name in _NAMED_PLAN_RE.findall(line.text):
            if TITLE_RE.search(name) and not any(word in name for word in words("not_a_plan_title_words")):
                return TitleGuess(_clean_title(name), True)
    return None


def _clean_title(title: str) -> str:
    return re.sub(r"\s+", "", title).strip("《》*#")


def _issuer_from_title(title: str) -> str:
    m = _ISSUER_SPLIT_RE.search(title)
    prefix = title[: m.start()] if m else ""
    return prefix.strip('“”"《》 ')


def fyp_number(text: str) -> int | None:
    """The five-year-plan number named in ``text`` ('第十四个五年', '“十五五”')."""
    m = _FYP_RE.search(text)
    if not m:
        return None
    if m.group(1):
        return cn_to_int(m.group(1))
    digit = cn_to_int(m.group(2))
    return 10 + digit if digit is not None else None


def period_of(number: int) -> tuple[int, int]:
    """Years of the n-th five-year plan (valid from the 3rd, 1966–1970, onwards)."""
    start = 2021 + 5 * (number - 14)
    return start, start + 4


def published_date(lines: Iterable[Line]) -> str | None:
    """'2026-03' from a date line such as '2026年3月' or '二〇二一年三月'."""
    for line in lines:
        m = _DATE_RE.search(line.text)
        if m and len(line.text) <= 40:
            year, month = cn_to_int(m.group(1)), cn_to_int(m.group(2))
            if year and month and 1 <= month <= 12 and 1949 < year < 2100:
                return f"{year:04d}-{month:02d}"
    return None


class AdminIndex(Protocol):
    """What metadata needs of a gazetteer: the league of a banner/district (the gazetteer is one)."""

    def league_of(self, name: str) -> str | None:
        """The league-level unit holding the county-level unit ``name``; None when unknown or ambiguous."""
        ...


def issuer_level(issuer: str) -> str:
    """'league' (盟/地级市), 'banner' (旗/县/县级市) or 'district' (市辖区 and similar); '' if unknown."""
    if not issuer:
        return ""
    if issuer.endswith("盟") or issuer in LEAGUE_LEVEL_UNITS:
        return "league"
    if issuer.endswith(("旗", "县")):
        return "banner"
    if issuer.endswith("市"):
        return "banner"  # a county-level city (the league-level ones are listed above)
    if issuer.endswith("区"):
        return "district"
    return ""


def split_parent(issuer: str) -> tuple[str | None, str]:
    """('呼和浩特市', '新城区') for '呼和浩特市新城区'; (None, issuer) when no parent is printed."""
    for league in sorted(LEAGUE_LEVEL_UNITS, key=len, reverse=True):
        if issuer.startswith(league) and len(issuer) > len(league) + 1:
            return league, issuer[len(league) :]
    return None, issuer


def build_meta(
    front: list[Line], body: list[Line], warnings: list[str], admin: AdminIndex | None = None
) -> PlanMeta:
    """Metadata of a plan from its title block and body lines; problems are appended to ``warnings``.

    A banner plan that does not print its league gets it from ``admin`` (the gazetteer), when given.
    """
    guess = find_title(front, body)
    title = guess.title if guess else ""
    if guess is None:
        warnings.append("no plan title found (neither a title line nor a body sentence naming the plan)")
    issuer = _issuer_from_title(title)
    if not issuer:
        for line in front:
            m = _GOVERNMENT_RE.match(line.text.replace(" ", ""))
            if m:
                issuer = m.group("name")
                break
    if not issuer:
        warnings.append("issuer not found in the title")
    level = issuer_level(issuer)
    parent: str | None = None
    if level in ("banner", "district"):
        parent, _ = split_parent(issuer)
        if parent is None:
            parent = admin.league_of(issuer) if admin is not None else None
            if parent is None:
                why = "gazetteer has no unique match" if admin is not None else "no gazetteer given"
                warnings.append(f"parent unit of {issuer} unknown (not printed; {why})")
    number = fyp_number(title) if title else None
    if number is None:
        number = next((n for line in body[:200] if (n := fyp_number(line.text))), None)
        if number is not None:
            warnings.append("five-year-plan number taken from the body, not the title")
    kind = f"{number}th" if number else ""
    period = period_of(number) if number else (0, 0)
    date_lines = list(front) + [line for line in body[-5:] if len(line.text) <= 20]
    return PlanMeta(
        issuer=issuer,
        issuer_level=level,
        parent=parent,
        kind=kind,
        vision_2035=bool(_VISION_RE.search(title)),
        period=period,
        title=title,
        published=published_date(date_lines),
        title_inferred=bool(guess and guess.inferred),
    )
