"""Mentions read from their context: what the words around a name say it is.

The mention finder (:mod:`geoplan.geocode.mentions`) looks at names one by one; :func:`refine` then reads each
against its neighbours, with general rules and the data files of ``gazetteer/context/`` and
``gazetteer/lexicon/organisation_words.txt``:

* **titles** — a name inside a document's title (《X旗国土空间规划》, 《X条例》) names the document's subject, not
  a place the text speaks of: dropped (the annotation guide's rule);
* **organisations** — a place name written right before an organisation word (人民政府, 旗委, 海关, 公司 …) names
  the organisation, not a place: dropped;
* **events, epithets and glosses** — places inside a quoted event title (``gazetteer/lexicon/event_words.txt``:
  '“X印象”推介活动'), a place heading an epithet in a list of honours ('黄河明珠等美誉') and a quoted gloss of a
  name's meaning ('意为“赤峰”') name no place the text speaks of: dropped;
* **province abbreviations** — a run of one-character province abbreviations closed by a count of provinces
  ('陕、甘、宁、青五省区') names one province per character; closed by their boundary or meeting point ('（蒙冀界）',
  '蒙冀辽三省区交汇') none: it says where a place lies;
* **outside names as words** — a two-character name of a place outside the region (日本, 甘肃) that the finder
  refused because no suffix or punctuation ends it is taken where the segmenter reads it as a place word
  ('日本侵占', '西接甘肃张掖'), and a longer one dropped where the segmenter reads it inside another word
  ('上海市' in '海市蜃楼').
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import replace
from functools import cache
from itertools import pairwise
from operator import attrgetter
from typing import Any, TypeVar

import numpy

from geoplan.geocode.corridors import route_of
from geoplan.geocode.declared import declared_names
from geoplan.geocode.foreign_after import FOREIGN_UNIT_CHARS, with_places_after_foreign
from geoplan.geocode.lexicon import alternation, words
from geoplan.geocode.mentions import (
    ABBREVIATED_MAX,
    COUNTER_CHARS,
    EXPANSE_KINDS,
    FORMER_UNIT_CHARS,
    HERITAGE_SUFFIXES,
    IMPROPER_CHARS,
    LANDSCAPE_ROUTE_SUFFIXES,
    LINE_WORDS,
    LISTED_STREET_RULE,
    MAX_ITEM,
    OUTSIDE_ID_PREFIXES,
    PARK_ID_PREFIXES,
    PROSE_VERBS,
    QUOTE_OPENERS,
    SUFFIX_TYPES,
    TOWNSHIP_CLASS_WORDS,
    Mention,
    MentionFinder,
    SpanIndex,
    WordHits,
    country_alias,
    finditer_anchored,
    is_generic,
    is_han,
    is_park,
    names_a_breed,
    names_a_local_kind,
    names_spelling,
    opens_with_division_verb,
    province_abbreviations,
    split_last_item,
    word_alternation,
)
from geoplan.geocode.qualified import (
    heads_unit,
    provinces_before_units,
    qualified_units,
    units_after_provinces,
)
from geoplan.geocode.segment import (
    COUNT_NUMERALS,
    GLUE_FLAGS,
    NAME_FLAGS,
    NAME_OPENING_NUMERALS,
    NOT_NAME_FLAGS,
    ORDINAL_END,
    VERB_FLAGS,
    at_word_bounds,
    common_words_only,
    holds_name_word,
    known,
    name_run_start,
    opens_with_count,
    peoples_name_here,
    tag,
    tagged_spans,
)
from geoplan.geocode.station_names import common_short_form, kind_of_station, verbal_run
from geoplan.geocode.stems import (
    COMPASS_CHARS,
    COUNTRIES_OF,
    ITEM_JOINERS,
    MOUNTAIN_SIDE_RULE,
    PROVINCE_PART_RULE,
    RUN_CLOSER_WORDS,
    is_proper_stem,
    leading_trim,
    matches_from,
    organisation_re,
)
from geoplan.read.textnorm import is_date_line

#: the rule of a station read as an item of a list of stations ('A、B、C等车站'; resolve's own name for it).
LISTED_STATION_RULE = "list:station"
#: the rule of a township a counted list of townships names like a county-level unit elsewhere ('辖阿鲁科尔沁、高勒、
#: …6个苏木': a sumu, not 阿鲁科尔沁旗 of another league).
LISTED_TOWNSHIP_RULE = "list:township"
#: id prefixes of the units at county level and above, which a counted list of facilities names as the places
#: they serve, not as the facilities' names ('呼和浩特、包头两大机场').
_COUNTY_OR_ABOVE = ("province:", "league:", "banner:", "neighbour:")
#: the rule of a township's stem written alone after the township was named in full.
TOWN_STEM_RULE = "town-stem"
#: the rule of a known item of a counted list that names a record with the list's class word ('黑山头、室韦两个口岸').
LISTED_RECORD_RULE = "list:record"

#: the region's own province: never an outside name.
OWN_PROVINCE = "province:150000"
#: a Han character (a name's or a sentence's: what runs on from one is the same word or clause).
HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
#: jieba flag of a place word.
PLACE_FLAG = "ns"
#: flags of the word after a bare outside name that end it as a place ('日本侵占', '甘肃张掖', '欧洲各国'); before a
#: noun it is a qualifier ('北京企业'), before a direction or a character a longer name ('天津南', '上海庙').
NAME_END_FLAGS = frozenset({"v", "vn", "vd", "r", "p", "c", "d", "u", "uj", "a", "x"})
#: characters of context segmented around a candidate.
WINDOW = 6
#: a document's title: 《…》 on one line, at most 80 characters.
TITLE_RE = re.compile(r"《[^《》\n]{1,80}》")


def refine(
    text: str,
    mentions: list[Mention],
    finder: MentionFinder,
    heads: list[Mention] | None = None,
    occurrences: list[tuple[int, str]] | None = None,
    hits: WordHits | None = None,
) -> list[Mention]:
    """``mentions`` (the finder's, left to right) read against their context; left to right, non-overlapping.
    The names dropped because they head an organisation's name or end a longer quoted name (a brand, an event) are
    appended to ``heads`` when it is given: no place mentions, they may still say where a project named after
    them lies ('X旗第一小学新校区', '“天赋河套”总部基地'). ``occurrences``: the finder's
    :meth:`~MentionFinder.occurrences` of ``text``, and ``hits``: its ``word_hits``, when the caller has them.

    In order: names that name no place here are dropped; each mention is read by :data:`MENTION_RULES`, then the
    mentions together by :data:`LIST_RULES` and the station rule; names the finder could not see alone are added
    (province runs, abbreviation lists, outside names, stems, regions); qualified units, places written after a
    foreign place and hosted parks last."""
    peoples = peoples_items(text)
    if hits is None:
        hits = finder.word_hits(text, occurrences)
    titles = sorted([*((t.start(), t.end()) for t in TITLE_RE.finditer(text)), *event_titles(text, hits)])
    furniture = page_furniture(text)
    kept = _without_non_places(text, mentions, finder, heads, titles, peoples, furniture)
    kept = [_read_alone(text, mention, finder) for mention in kept]
    kept = _without_epithets(text, _without_covered(kept))
    for rule in LIST_RULES:
        # a list of peoples closed by a place word ('A、B等8个民族聚居的地区') lists peoples, not regions
        kept = _replace(kept, [m for m in rule(text, kept, finder) if (m.start, m.end) not in peoples])
    kept = _replace_stations(text, kept, finder)
    kept = _replace(kept, listed_stations(text, kept, finder))
    kept = _replace(kept, items_sharing_a_station_word(text, kept, finder))
    kept = _replace(kept, declared_names(text, kept, finder))
    runs = province_runs(text, finder, hits)
    kept = _replace(kept, _runs_over_regions(kept, runs))
    added = [
        m
        for m in (
            *runs,
            *abbreviation_lists(text, finder),
            *outside_words(text, finder, kept, occurrences),
            *stem_words(text, finder, kept, occurrences),
            *region_stems(text, finder, kept),
            *routes_named_again(text, kept),
            *sights_named_again(text, kept, finder),
            *quoted_sight_lists(text, kept),
            *summits_by_their_height(text, kept),
            *unit_stems_after_their_league(text, kept, finder),
            *town_stems_named_in_full(text, kept),
            *unit_stems_named_in_full(text, kept, finder),
        )
        if (m.start, m.end) not in peoples
        and not in_title(m, titles)
        and not names_organisation(text, m)
        and not names_a_breed(text, m.start, m.end)
        and not names_a_local_kind(text, m.start, m.end)
        and not _ranks_in_continent(text, m)
    ]
    found = _merge(kept, added)
    found = _replace(found, regions_sharing_a_class_word(text, found, finder))
    found = _replace(found, qualified_units(text, found, finder))
    if "县" in text:
        found = _replace(found, former_counties(text, finder))
    found = _merge(found, provinces_before_units(text, found, finder))
    found = _merge(found, units_after_provinces(text, found, finder))
    found = with_places_after_foreign(text, found, finder.ids)
    found = _replace(found, hosted_parks(text, found))
    found = _replace(found, outside_places_heading_names(text, found, finder))
    found = _replace(found, units_before_names(text, found, finder))
    found = _replace(found, countries_before_ports(text, found))
    found = _replace(found, units_before_expressway_words(text, found, finder))
    found = _replace(found, designations_with_the_region(text, found))
    found = _replace(found, mountain_sides(text, found))
    trimmed = (without_prose_head(text, m) for m in found)
    villages = village_lists(text)
    return numbered_route_names(
        text,
        [
            m
            for m in trimmed
            if m is not None
            and not named_for_its_meaning(text, m)
            and not villages.overlaps(m.start, m.end)
            and not furniture.overlaps(m.start, m.end)
        ],
    )


#: a language a place name of the region comes from, in simplified and traditional writing ('蒙古语', '蒙藏語').
_LANGUAGE_WORD = (
    r"(?:蒙古|蒙藏|蒙|满|滿|藏|达斡尔|達斡爾|鄂温克|鄂溫克|鄂伦春|鄂倫春|契丹|突厥|女真)[语語](?![言文])"
)
#: what follows a name quoted for its meaning ('“阿拉善”系蒙古语，意为…', '“商都”意思是“水漩”', '“海勃湾”一名由…'):
#: the language it comes from, or the words that give its meaning.
_MEANING_AFTER = re.compile(
    rf"[”\"」][,，]?\s*(?:(?:系|为|為|是|在|由|源自|源于)?{_LANGUAGE_WORD}|意为|意為|意思是|汉译|译为|一名)"
)
#: what follows a quoted name whose origin a text explains ('“赤峰”因城区东北角的红色山峰而得名'): 因, then the reason
#: and 得名 within the clause.
_NAMED_FOR = re.compile(r"[”\"」]因[^，。；,;]{1,40}?得名")
#: what follows a name written unquoted as the word a text explains ('克什克腾是蒙古语，', '扎赉特，系蒙古语，意为'):
#: a pause or none, a verb of being, then the language it comes from, then its meaning or a pause ('X为蒙古语授课…' explains nothing).
_LANGUAGE_AFTER = re.compile(rf"[,，]?(?:系|为|為|是|由){_LANGUAGE_WORD}(?=[,，、：:“\"「（(意音译譯称稱的])")


def named_for_its_meaning(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is a name written as the word a text explains ('“阿拉善”系蒙古语，意为五彩斑斓之地',
    '克什克腾是蒙古语'): the word is explained, no place is named there (the place is, where the text names it
    otherwise)."""
    if mention.start > 0 and text[mention.start - 1] in '“"「':
        return (
            _MEANING_AFTER.match(text, mention.end) is not None
            or _NAMED_FOR.match(text, mention.end) is not None
        )
    return _LANGUAGE_AFTER.match(text, mention.end) is not None


def _without_non_places(
    text: str,
    mentions: list[Mention],
    finder: MentionFinder,
    heads: list[Mention] | None,
    titles: list[tuple[int, int]],
    peoples: Container[tuple[int, int]],
    furniture: SpanIndex,
) -> list[Mention]:
    """``mentions`` without the names that name no place here: an organisation's or a quoted name's head (added to
    ``heads`` unless in a title), page furniture (``furniture``: :func:`page_furniture`'s spans), the head of a
    longer unit's name, people's names and peoples, a name inside a word, a name inside a document's title, a
    unit's relative part read as a region, a dynasty's circuit and a name inside a number."""
    following: list[int | None] = [m.start for m in mentions[1:]]
    following.append(None)
    previous_ends = {id(m): p.end for p, m in zip(mentions, mentions[1:], strict=False)}
    organisations: set[int] = set()
    # where the run after a mention may end: the next mention, unless that one heads a body too
    run_end: int | None = None
    for index in range(len(mentions) - 1, -1, -1):
        mention, next_start = mentions[index], following[index]
        after = mentions[index + 1] if index + 1 < len(mentions) else None
        if after is not None and id(after) in organisations and not _names_a_unit(after):
            # '内蒙古经乌高速公路管理有限责任公司': the road heads the company's name too (a unit after a place is
            # that unit's address: '通辽市扎鲁特旗煤电公司' keeps 通辽市)
            next_start = run_end
        if (
            names_organisation(text, mention, next_start) and not names_own_government(text, mention)
        ) or ends_quoted_name(text, mention, previous_ends.get(id(mention), 0)):
            organisations.add(id(mention))
        run_end = next_start
    if heads is not None:
        heads.extend(m for m in mentions if id(m) in organisations and not in_title(m, titles))
    next_starts = {id(m): n for m, n in zip(mentions, following, strict=False)}
    relative = {id(m) for p, m in zip(mentions, mentions[1:], strict=False) if _relative_part(p, m)}
    provinces_parts = {
        id(m): part
        for m, n in zip(mentions, [*mentions[1:], None], strict=False)
        if (part := _province_part(text, m, n))
    }
    kept = [
        m
        for m in mentions
        if id(m) not in organisations
        and id(m) not in relative
        and not furniture.overlaps(m.start, m.end)
        and not _names_a_community(text, m)
        and not _opens_a_zi_name(text, m)
        and not heads_longer_unit(text, m, next_starts.get(id(m)))
        and not names_people(text, m)
        # a name inside a word, unless it is the address of the place right after it ('北京北海公园', one word)
        and not (inside_word(text, m) and not heads_unit(text, m, finder) and next_starts.get(id(m)) != m.end)
        and (m.start, m.end) not in peoples
        and not in_title(m, titles)
        and not _wall_as_metaphor(text, m)
        and not _compass_course(text, m)
        and not _dynastys_circuit(text, m)
        and not _inside_a_number(text, m)
        and not _DOCUMENT_NUMBER.match(text, m.end)
        and not _ranks_in_continent(text, m)
    ]
    return [provinces_parts.get(id(m), m) for m in kept]


#: the continents, by their ids: the scope of a ranking more often than a place spoken of ('亚洲最大的沙漠水库').
_CONTINENT_IDS = frozenset(
    f"foreign:{name}" for name in ("亚洲", "欧洲", "非洲", "北美洲", "南美洲", "大洋洲")
)
#: words ranking a thing within an area, right after the area's name ('亚洲最大', '亚洲第一'; not 重要, which also
#: follows a destination: '通往欧洲重要的陆路通道').
_RANKING_AFTER = re.compile("最|第[一二三四五六七八九十]|唯一|之最|罕见|少有|知名|著名|闻名|一流|领先")


def _ranks_in_continent(text: str, mention: Mention) -> bool:
    """Whether a continent's name only sets the scope of a ranking ('亚洲最大的沙漠水库', '亚洲第一'): the
    thing ranked is the place, the continent is no place the text speaks of."""
    return (
        bool(mention.place_ids)
        and all(pid in _CONTINENT_IDS for pid in mention.place_ids)
        and _RANKING_AFTER.match(text, mention.end) is not None
    )


#: what follows a place's short name in a document's number ('乌海政发〔2023〕22号', '呼政办发[2021]5号'): the
#: issuing body's words, 发, and the year in brackets; the name is the issuer's, no place the text speaks of.
_DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{0,4}[发發]\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]")


#: a province's part by its compass side, written right after it ('西部', '中东部地区'), ending there.
_PROVINCE_PART = re.compile(r"[东西南北中]{1,3}部(?:地区|地區)?")
#: the class word of a province's full name ('内蒙古自治区', '黑龙江省').
_FULL_PROVINCE_WORD = re.compile("自治[区區]|省")


def _province_part(text: str, mention: Mention, after: Mention | None) -> Mention | None:
    """A province named by its short name with its relative part ('内蒙古西部', '内蒙古中东部地区'): one region
    named as written, which the resolver locates at the province (no record draws a province's west); None for
    anything else.  The full name with a side ('位于内蒙古自治区中北部') places a unit in the province: the province
    is the mention.  ``after``: the next mention; a name going on after the side ('内蒙古西部大开发地区' holds
    西部大开发地区) leaves the province alone."""
    if (
        not mention.place_ids
        or not all(pid.startswith("province:") for pid in mention.place_ids)
        or _FULL_PROVINCE_WORD.search(mention.surface)
    ):
        return None
    part = _PROVINCE_PART.match(text, mention.end)
    if part is None or (after is not None and after.start < part.end() < after.end):
        return None
    return _with_its_part(text, mention, part.end(), "region", PROVINCE_PART_RULE)


def _with_its_part(text: str, place: Mention, end: int, kind: str, rule: str) -> Mention:
    """A place named with a part of it written right after its name ('内蒙古西部', '大兴安岭东麓'): one mention to
    ``end``, of ``kind``, the place its qualifier (which locates it)."""
    return Mention(
        text[place.start : end],
        place.start,
        end,
        kind,
        rule,
        qualifier=place.surface,
        qualifier_ids=place.place_ids,
    )


#: Chinese numerals: a name opening with one right after another is part of a number ('三十二连山' holds 二连).
_NUMERAL_CHARS = frozenset("〇零一二三四五六七八九十百千万两")


def _inside_a_number(text: str, mention: Mention) -> bool:
    """Whether a name opening with a numeral ('二连' of 二连浩特) stands right after another numeral: the count
    of a longer word ('三十二连山', thirty-two linked hills), no mention of the place."""
    return (
        mention.start > 0
        and mention.surface[:1] in _NUMERAL_CHARS
        and text[mention.start - 1] in _NUMERAL_CHARS
        and mention.rule.startswith("gazetteer")
    )


#: a dynasty's era or rule in the clause before 'X路' ('金代，属上京路', '元代，由辽阳行省开元路…管辖', '金属北京路'):
#: 路 is the dynasty's circuit, an administrative region of the past, no street.
_DYNASTY_CLAUSE = re.compile(r"[辽金元明清][代朝]|行省|中书省|[。；\n][辽金元][,，]?属")
#: how far back in its sentence a dynasty's word is looked for, in characters.
DYNASTY_REACH = 40


def _dynastys_circuit(text: str, mention: Mention) -> bool:
    """Whether a street the class word 路 made ('东北路', '咸平路') is a circuit of a past dynasty (路 of the Liao,
    Jin and Yuan): its sentence names the dynasty's era or a province of the Yuan."""
    if (
        mention.type != "street"
        or mention.place_ids
        or not (
            mention.rule == "suffix:路"
            or (mention.rule == LISTED_STREET_RULE and mention.surface.endswith("路"))
        )
    ):
        return False
    begin = max(0, mention.start - DYNASTY_REACH)
    sentence_start = max(text.rfind(mark, begin, mention.start) for mark in "。；\n") + 1
    start = max(begin, sentence_start)
    # the sentence's start read as a mark ('金属北京路' opening the text), not a window's cut ('…金属材料…')
    opening = "\n" if start == sentence_start else ""
    return _DYNASTY_CLAUSE.search(opening + text[start : mention.end]) is not None


#: a course from one compass direction to another ('东北-西南向', '西北至东南走向'): no region is meant.
_COMPASS_COURSE = re.compile("[东南西北]{1,2}[-—－–~～至][东南西北]{1,2}(?:走向|方向|流向|向)")


def _compass_course(text: str, mention: Mention) -> bool:
    """Whether ``mention`` (a compass word such as 东北, read as a region) is one side of a course written from
    one direction to another ('这条东北-西南向的公路')."""
    return COMPASS_CHARS.issuperset(mention.surface) and _in_compass_course(text, mention.start, mention.end)


def _in_compass_course(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a course from one compass direction to another."""
    return any(
        m.start() <= start and end <= m.end()
        for m in _COMPASS_COURSE.finditer(text, max(0, start - 3), min(len(text), end + 6))
    )


#: what a metaphorical wall is made of or stands for, written right before it ('绿色长城': shelter belts,
#: '钢铁长城': an army, '黄金长城旅游带': a tourism brand): no mention of the Great Wall.
_WALL_METAPHOR_HEADS = ("绿色", "黄金", "钢铁", "生态", "血肉", "海上", "空中", "水上", "科技", "防护")
_WALL_NAMES = frozenset({"长城", "万里长城"})


def _wall_as_metaphor(text: str, mention: Mention) -> bool:
    """Whether a mention of the Great Wall is a metaphor ('筑起绿色长城')."""
    return mention.surface in _WALL_NAMES and text.endswith(
        _WALL_METAPHOR_HEADS, max(0, mention.start - 2), mention.start
    )


#: id prefixes of the units a direction divides into relative parts ('内蒙古西部', '巴彦淖尔市北部地区').
_PARTED_UNIT_PREFIXES = ("province:", "league:", "banner:")
#: rules of banners and counties named by their class word that the gazetteer lacks (索伦县, 杜尔伯特旗): former units
#: or units elsewhere, which lie in no unit the text names for sure (a former banner may now be in another province).
UNIT_CLASS_RULES = frozenset({"suffix:旗", "suffix:县"})
#: a relative part's words, whole: directions with 部 ('西部地区', '中西部'), or a compass region alone ('东北',
#: '西北地区'); a name going on after them ('西部大开发地区') is none.
_RELATIVE_PART_RE = re.compile(r"(?:[东西南北中]{1,3}部|[东西南北]{1,2})(?:地区)?$")


def _relative_part(previous: Mention, mention: Mention) -> bool:
    """Whether ``mention``, a name starting with a direction written right after a unit ('内蒙古' + '西部地区',
    '内蒙古' + '中西部地区'), is that unit's relative part (its west), not the country's region of that name: the
    unit is the mention, the relative phrase is none (as '南部地区' alone is none)."""
    return (
        previous.end == mention.start
        and _RELATIVE_PART_RE.match(mention.surface) is not None
        and (
            # a banner or county the gazetteer lacks, read by its class word ('原土默特旗' + '西部地区')
            previous.rule in UNIT_CLASS_RULES
            if not previous.place_ids
            else all(pid.startswith(_PARTED_UNIT_PREFIXES) for pid in previous.place_ids)
        )
    )


#: a rule reading one mention against the text after it: the mention as it is, widened, narrowed or replaced.
MentionRule = Callable[[str, Mention, MentionFinder], Mention]
#: a rule reading the kept mentions together: the mentions that replace the ones they overlap.
ListRule = Callable[[str, list[Mention], MentionFinder], list[Mention]]


def _read_alone(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """``mention`` after every rule of :data:`MENTION_RULES`, in order (each reads the one before's result)."""
    for rule in MENTION_RULES:
        mention = rule(text, mention, finder)
    return mention


#: id prefixes of what a park's full name may start with: a county-level unit or the park it lies in.
_HOST_PREFIXES = ("banner:", *PARK_ID_PREFIXES)


def hosted_parks(text: str, mentions: list[Mention]) -> list[Mention]:
    """A park's name written right after the county-level unit or the park that hosts it, with nothing between
    ('X区Y工业园区', 'X开发区Y产业园'), is the park's full name: one mention of the park (its record), not the host
    too.  A league's name before it stays a mention of its own (a league hosts many parks: 'X市 Y产业园'), and so does
    a unit before a park whose host is written in brackets ('X区Y（Z）W产业基地')."""
    found: list[Mention] = []
    for host, park in zip(mentions, mentions[1:], strict=False):
        if host.end != park.start or not is_park(park) or not (host.place_ids or host.type == "park"):
            continue  # a host is a recorded unit or park, or a park found by its class word ('X开发区' + 'Y产业园')
        if park.rule.startswith("bracketed:"):
            continue  # 'X区Y（Z）W产业基地': the brackets name the host, the unit written before is its address
        if host.place_ids and not all(pid.startswith(_HOST_PREFIXES) for pid in host.place_ids):
            continue
        if found and found[-1].end == host.end:
            host = found.pop()  # a chain of hosts ('X旗Y开发区Z园'): the whole chain
        # a park the gazetteer lacks is located by the place its own name holds, else by its host
        qualifier = (
            (park.qualifier, park.qualifier_ids) if park.qualifier_ids else (host.surface, host.place_ids)
        )
        found.append(
            Mention(
                text[host.start : park.end],
                host.start,
                park.end,
                park.type,
                "hosted-park",
                park.place_ids,
                *qualifier,
            )
        )
    return found


def _without_covered(mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (left to right) without those a mention before them grew over ('内蒙古' read as '内蒙古中西部地区'
    covers the '中西部地区' found in it): the lengthened name holds them."""
    kept: list[Mention] = []
    reach = -1
    for mention in mentions:
        if mention.end <= reach and kept and kept[-1].start <= mention.start:
            continue
        kept.append(mention)
        reach = max(reach, mention.end)
    return kept


#: a quoted text on one line, at most 40 characters.
_QUOTED_RE = re.compile(r"[“「]([^“”「」\n]{1,40})[”」]")
#: how many characters may stand between a quoted title and the event word after it ('“X”融媒推介活动').
EVENT_RUN = 6


@cache
def _event_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    event_words = words("event_words")
    ending = re.compile(f"{word_alternation(event_words)}$")
    longer = word_alternation(word for word in event_words if len(word) > 1)
    return ending, re.compile(f"[\u3400-\u9fff]{{0,{EVENT_RUN}}}?{longer}")


def event_titles(text: str, hits: WordHits | None = None) -> list[tuple[int, int]]:
    """Spans of quoted titles of events ('“X印象：Y向西一步”推介活动', '“Z电商节”'): the quoted text ends with an
    event word, or one follows it after a few words; the places named inside name the event, not places the text
    speaks of (as in a document's title).  ``hits``: where the QUOTE_OPENERS are (the finder's ``word_hits``)."""
    if "“" not in text and "「" not in text:
        return []
    if hits is None:
        hits = WordHits.scan(text, QUOTE_OPENERS)
    ending, after = _event_res()
    return [
        quoted.span()
        for quoted in hits.finditer(_QUOTED_RE, text, QUOTE_OPENERS)
        if ending.search(quoted.group(1)) or after.match(text, quoted.end())
    ]


#: a unit's own government, assembly or party committee written right after its name ('人民政府', '政府',
#: '第十八届人民代表大会', '人大', '党委', its class word again before one: '科左中旗旗政府', and '委' after a name
#: ending with its class: '包头市委').
_OWN_GOVERNMENT = re.compile(
    r"(?:(?:第[一二三四五六七八九十\d]+届)?[市旗县盟区]?(?:人民政府|政府|人民代表大会|人大|党委|委|行署|行政公署)"
    r"|(?<=[市旗县盟区])委)"
    r"(?:[、和][市旗县盟区]?(?:人民政府|政府|党委|委|行署|行政公署))*"  # '盟委、盟行署所在地', 'X党委和政府的所在地'
)
#: the government's report or the assembly's session after the unit's body ('X旗人民政府工作报告', 'X旗第十五届人民代表
#:大会第二次会议'): a report's title, naming the unit it is about wherever the page repeats it; not a time counted
#: from the session ('X市第四届人民代表大会第一次会议以来').
_OWN_REPORT = re.compile(r"工作报告|第[一二三四五六七八九十\d]+次会议(?!以来)")
#: words after a government's name that make it its website ('X市政府网', 'X旗人民政府门户网站').
_WEBSITE_WORDS = ("网", "门户网")
#: the seat of a unit's government written after it ('X旗政府所在地', 'X市政府驻地', 'X旗人民政府驻Y镇'): a place.
_SEAT_WORDS = re.compile(r"的?(?:所在地|驻地)|驻")
#: a distance measured from a unit's government ('距X旗政府240公里', 'X旗政府以北30千米'): from its seat, a place.
_DISTANCE_AFTER = re.compile(r"(?:以?[东西南北]{1,2}(?:方向)?|约)?\d+(?:\.\d+)?(?:公里|千米|km|KM)")
_DISTANCE_BEFORE = ("距离", "距", "离")
#: longest line read as a heading (a title, a byline, a speech's occasion), in characters.
HEADING_LENGTH = 30
#: longest occasion line of a speech ('——<date>在<unit>…会议上'), in characters, and the dashes it opens with.
OCCASION_LENGTH = 60
_OCCASION_DASHES = ("——", "—", "--")
#: punctuation of running sentences: a line holding one is prose, not a heading; nor is a line holding a colon, a
#: label and its value ('来源：X旗人民政府办公室' names the organisation that wrote the page).
_SENTENCE_MARKS = frozenset("，。；！？,;!?：:")


def names_own_government(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is an administrative unit written with its own government, assembly or party committee
    after it where the words name the place: the seat of the government ('X旗政府所在地', 'X市政府驻地') or a
    heading line of a longer text ('X旗人民政府', 'X盟政府介绍', '——在X旗第十八届人民代表大会…': a short line
    without sentence punctuation names the place the text is about).  In a sentence the same words name the
    government acting ('经X市人民政府批准', '受X旗人民政府委托'): an organisation, no place mention (annotators
    of the development sets split on these; the seat and the heading they all annotate)."""
    if _listed_division_office(text, mention):
        return True
    if mention.type is not None or not mention.place_ids:
        return False
    if not _names_a_unit(mention):
        return False
    body = _OWN_GOVERNMENT.match(text, mention.end)
    if body is None or text.startswith(_WEBSITE_WORDS, body.end()):
        return False  # 'X市政府网': the government's website, even as a heading line
    return (
        _SEAT_WORDS.match(text, body.end()) is not None
        or _OWN_REPORT.match(text, body.end()) is not None
        or _DISTANCE_AFTER.match(text, body.end()) is not None
        or text.endswith(_DISTANCE_BEFORE, 0, mention.start)
        or (_in_heading(text, mention) and _OFFICE_TITLE.match(text, body.end()) is None)
    )


#: an office holder's title after a government's name ('X市人民政府代理市长 姓名', office_titles.txt): a byline, the
#: person's office, no heading naming the place.
_OFFICE_TITLE = re.compile(f"(?:代理|常务)?(?:{word_alternation(words('office_titles'))})")


#: what ends the heading of an entry at the start of its line ('X街道办事处：').
_ENTRY_COLONS = frozenset(":：")


def _listed_division_office(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is a subdistrict written with its office in a list of a unit's divisions ('满洲里市下设北区
    街道办事处、南区街道办事处'), or heading an entry on it ('X街道办事处：东起…'): the office stands for the
    subdistrict, a place of the list."""
    if not mention.surface.endswith("街道") or not text.startswith("办事处", mention.end):
        return False
    opens_line = mention.start == 0 or text[mention.start - 1] == "\n"
    if opens_line and text[mention.end + 3 : mention.end + 4] in _ENTRY_COLONS:
        return True  # the entry's heading opens its line
    return opens_with_division_verb(text, mention.start)


def _in_heading(text: str, mention: Mention) -> bool:
    """Whether ``mention`` stands in a heading line of a longer text: a short line without sentence punctuation; a
    speech's occasion line under a report's title ('——2024年2月26日在X县第十八届人民代表大会第四次会议上') may be
    longer, as it carries a date."""
    if "\n" not in text:
        return False
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    line = text[start : len(text) if end < 0 else end].strip()
    longest = OCCASION_LENGTH if line.startswith(_OCCASION_DASHES) else HEADING_LENGTH
    if len(line) > longest or _SENTENCE_MARKS.intersection(line):
        return False
    return not _signs_the_text(text, start, end)


#: lines from the top of a text within which a body's name over a date is the cover's issuer, not a signature.
COVER_LINES = 3


def _signs_the_text(text: str, start: int, end: int) -> bool:
    """Whether the line at ``[start, end)`` signs the text: the issuing body's name over a date line (see
    :func:`geoplan.read.textnorm.is_date_line`), after the body (not on the cover, among the first COVER_LINES
    lines): the issuer, no place the text names."""
    if end < 0 or text.count("\n", 0, start) < COVER_LINES:
        return False
    following = text.find("\n", end + 1)
    return is_date_line(text[end + 1 : len(text) if following < 0 else following].strip())


def in_title(mention: Mention, titles: list[tuple[int, int]]) -> bool:
    """Whether ``mention`` lies inside one of the ``titles`` spans (sorted (start, end) of 《…》)."""
    index = bisect_left(titles, (mention.start + 1,)) - 1
    return index >= 0 and titles[index][0] < mention.start and mention.end < titles[index][1]


#: rules of list items that take the place of a mention of the same span (the list says what the name is).
#: the rule of a county-level city written as the county it was (see former_counties).
FORMER_COUNTY_RULE = "former-county"
_RETYPING_RULES = frozenset(
    {LISTED_STATION_RULE, LISTED_TOWNSHIP_RULE, LISTED_RECORD_RULE, MOUNTAIN_SIDE_RULE, FORMER_COUNTY_RULE}
)


#: the longest stem of a county-level city read before 县, in characters.
_COUNTY_STEM_MAX = 5


def former_counties(text: str, finder: MentionFinder) -> list[Mention]:
    """A county-level city's name with 县 ('漠河县', a city since 2018; '丰镇县', since 1990): the county it was before
    it became a city, a mention of the city (one place, under its former class word).  Only where the gazetteer
    has no county of that name ('承德县' is a county of its own, beside the city 承德市)."""
    found: list[Mention] = []
    end = text.find("县")
    while end >= 0:
        for length in range(_COUNTY_STEM_MAX, 1, -1):
            start = end - length
            if start < 0:
                continue
            stem = text[start:end]
            if finder.ids(stem + "县"):
                break
            cities = tuple(
                pid
                for pid in finder.ids(stem + "市")
                if pid.startswith(("banner:", "neighbour:")) and not pid.endswith("00")
            )
            if cities:
                found.append(Mention(text[start : end + 1], start, end + 1, None, FORMER_COUNTY_RULE, cities))
                break
        end = text.find("县", end + 1)
    return found


def _replace(kept: list[Mention], items: list[Mention]) -> list[Mention]:
    """``kept`` with each of ``items`` in place of the mentions it overlaps (a mention of the same span stays)."""
    if not items:
        return kept
    spans = {(m.start, m.end) for m in kept}
    # a place read whole as an item of a list of stations is that station: it takes the place's own span
    new = [m for m in items if (m.start, m.end) not in spans or m.rule in _RETYPING_RULES]
    taken = SpanIndex((n.start, n.end) for n in new)
    result = [m for m in kept if not taken.overlaps(m.start, m.end)]
    return sorted([*result, *new], key=attrgetter("start"))


def _merge(kept: list[Mention], added: Iterable[Mention]) -> list[Mention]:
    """``kept`` plus the ``added`` mentions that overlap none of them (nor each other)."""
    result = list(kept)
    spans = sorted((m.start, m.end) for m in kept)
    starts = [s for s, _ in spans]
    for mention in sorted(added, key=attrgetter("start")):
        index = bisect_left(starts, mention.end)
        if index and spans[index - 1][1] > mention.start:
            continue
        result.append(mention)
        spans.insert(index, (mention.start, mention.end))
        starts.insert(index, mention.start)
    return sorted(result, key=attrgetter("start"))


# -- page furniture ------------------------------------------------------------------------------------
#: a wiki file link's target ('[[File:X首届博览会.jpg|…' up to the first '|' or ']'): a file name, not prose.
_FILE_LINK_RE = re.compile(r"\[\[(?:File|Image|文件|图像|档案):[^|\]\n]{0,120}", re.IGNORECASE)
#: a wiki page's reference entry ('  1. ^ <cited page's title>. <site>. [date]'): the title of another page, no
#: prose of this one (as a title in 《》 is not).
_REFERENCE_LINE_RE = re.compile(r"^[ \t]*(?:\d{1,3}[.、][ \t]*)?\^[^\n。]{0,120}", re.MULTILINE)
#: a page's footer line claiming its copyright ('X在线 版权所有', 'X网 ICP备…'), up to its claim: the site's name.
_COPYRIGHT_LINE_RE = re.compile(r"^[^\n]{0,60}?(?:版权所有|Copyright|ICP备|©)", re.MULTILINE | re.IGNORECASE)
_COPYRIGHT_WORDS = ("版权所有", "ICP备", "©", "opyright", "OPYRIGHT")


@cache
def _byline_re() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation('byline_labels')})[:：]\\s*[^\\s|｜]{{1,30}}")


#: the colons after a byline's label (looked for first: a byline starts a label's length before one).
_BYLINE_COLONS = ":："


@cache
def _byline_label_lengths() -> tuple[int, ...]:
    """The lengths of the byline labels: how far before its colon a byline starts."""
    return tuple(sorted({len(label) for label in words("byline_labels")}))


def page_furniture(text: str) -> SpanIndex:
    """Spans of a web page's furniture that name no place even when a place's name is in them: wiki file names
    ('[[File:X旗首届博览会.jpg'), byline values naming a person or organisation ('作者：X旗政务'), lines of spam
    (:func:`spam_lines`), a wiki page's reference entries and copyright lines."""
    spans = [m.span() for m in _FILE_LINK_RE.finditer(text)] if "[[" in text else []
    spans += [
        m.span() for m in finditer_anchored(_byline_re(), text, _BYLINE_COLONS, _byline_label_lengths())
    ]
    spans += spam_lines(text)
    if "^" in text:
        spans += [m.span() for m in _REFERENCE_LINE_RE.finditer(text)]
    if any(word in text for word in _COPYRIGHT_WORDS):  # looked for first: most texts hold none
        spans += [m.span() for m in _COPYRIGHT_LINE_RE.finditer(text)]
    return SpanIndex(sorted(spans))


@cache
def _spam_re() -> re.Pattern[str]:
    return re.compile(alternation("spam_words"))


#: different spam words that make a line spam.
SPAM_WORDS_IN_LINE = 2
#: how far into a text spam is looked for: the pages carry it at their top.
SPAM_REACH = 2000


def spam_lines(text: str) -> list[tuple[int, int]]:
    """The lines of ``text``'s first :data:`SPAM_REACH` characters holding two different words of
    ``lexicon/spam_words.txt`` ('亚洲精品…久久…在线观看'), up to the last of them: spam some pages carry at their top,
    whose 亚洲, 欧美 or 日本 name no place the text is about."""
    # line start -> the spam words in it and the last one's end
    by_line: dict[int, tuple[frozenset[str], int]] = {}
    for match in _spam_re().finditer(text, 0, SPAM_REACH):
        line = text.rfind("\n", 0, match.start()) + 1
        seen, _ = by_line.get(line, (frozenset(), 0))
        by_line[line] = (seen | {match.group()}, match.end())
    # each to its last spam word: the reader may have joined the page's next lines to it
    return [
        (start, last_end) for start, (found, last_end) in by_line.items() if len(found) >= SPAM_WORDS_IN_LINE
    ]


#: class characters of land and water that a longer local name continues with 子 ('灯笼河子', '马架子'): no class
#: word of the known name there.
_ZI_NAME_ENDS = frozenset("河沟湖山梁坝")


def _opens_a_zi_name(text: str, mention: Mention) -> bool:
    """Whether a bare gazetteer name ending in a class character of land or water runs on with 子 into a longer
    local name ('灯笼河子至乌兰布统': the locality 灯笼河子, not the 灯笼河 grassland)."""
    return (
        mention.type is None
        and mention.surface[-1] in _ZI_NAME_ENDS
        and text.startswith("子", mention.end)
        and not text.startswith("子午", mention.end)
    )


def _names_a_community(text: str, mention: Mention) -> bool:
    """Whether a bare gazetteer name heads a residents' community's name ('乌兰布和社区' is no desert), or a
    river, lake or mountain heads a village's ('二道沙河南村', '黄河村'): below the level geoplan maps (a
    community's committee, 居委会, is an organisation word; a village is not annotated)."""
    if mention.type is None and text.startswith("社区", mention.end):
        return True
    natural = mention.type in _VILLAGE_HEAD_KINDS or (
        mention.type is None
        and bool(mention.place_ids)
        and all(pid.startswith(_NATURAL_PREFIXES) for pid in mention.place_ids)
    )
    return natural and _VILLAGE_AFTER.match(text, mention.end) is not None


#: the kinds of natural place a village is often named after ('二道沙河南村', '黄河村').
_VILLAGE_HEAD_KINDS = frozenset({"river", "lake", "mountain"})
_NATURAL_PREFIXES = ("river:", "lake:", "mountain:")
#: a village's class word after the place it is named after, a side before it ('南村'), not a longer word ('村庄').
_VILLAGE_AFTER = re.compile("[东西南北前后]?(?:村|嘎查)(?![庄民落级镇委])")


#: a count of villages or communities, then their names in brackets ('2个嘎查（A、B）', '3个社区(A、B、C)'): the
#: names there are the villages' own, below the level geoplan maps, though they may repeat a larger place's.
_VILLAGE_LIST_RE = re.compile(
    r"[0-9一二三四五六七八九十两]+个(?:行政村|自然村|村|嘎查|社区|居委会|居民委员会|村民委员会)"
    r"[（(][\u3400-\u9fff、，,\s]{2,120}[）)]"
)


def village_lists(text: str) -> SpanIndex:
    """Spans of the bracketed lists of villages or communities after their count ('2个嘎查（A、B）')."""
    if "个" not in text:
        return SpanIndex([])
    return SpanIndex([m.span() for m in _VILLAGE_LIST_RE.finditer(text)])


# -- a unit's name heading a longer unit's name ----------------------------------------------------------
#: longest run between a unit's short name and the 旗 ending a longer unit's name ('额济纳旧土尔扈特特别旗').
LONGER_UNIT_RUN = 8
_LONGER_UNIT_RE = re.compile(rf"[\u3400-\u9fff]{{2,{LONGER_UNIT_RUN}}}?旗")
#: flags of words that end such a run: a verb, function word or count makes a clause, not one name.
_UNIT_RUN_BREAK_FLAGS = frozenset({"v", "vn", "p", "c", "u", "uj", "ul", "r", "m", "q", "x", "f"})
#: flags of a proper name inside the run (土尔扈特, 和硕特).
_UNIT_RUN_NAME_FLAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nz"})


def heads_longer_unit(text: str, mention: Mention, next_start: int | None = None) -> bool:
    """Whether a league's or banner's short name (no 旗/盟 of its own) starts a longer banner's name the gazetteer
    lacks, a historical one ('阿拉善和硕特旗', '额济纳旧土尔扈特特别旗'): a run holding a proper name, then 旗, with
    no other place's name (starting at ``next_start``) inside."""
    if mention.type is not None or mention.surface[-1] in "旗盟市县区镇" or not mention.place_ids:
        return False
    if not all(pid.startswith(("league:", "banner:")) for pid in mention.place_ids):
        return False
    run = _LONGER_UNIT_RE.match(text, mention.end)
    if run is None or (next_start is not None and next_start < run.end()):
        return False  # no 旗 in reach, or another place's name before it ('通辽扎鲁特旗')
    named = False
    for word, flag in tag(run.group()[:-1]):
        if flag in _UNIT_RUN_BREAK_FLAGS:
            return False
        named = named or flag in _UNIT_RUN_NAME_FLAGS or (len(word) >= 2 and not known(word))
    return named


def names_people(text: str, mention: Mention) -> bool:
    """Whether a unit's name is a people's name, written with 族 ('鄂伦春族2050人'), not an autonomous unit's name
    (鄂伦春族自治旗 names the banner), a tribe's, written with 部 ('察哈尔克什克腾部', 'X部的游牧地') where 部
    starts no word of its own (部分, 部署, 部门), or the people of the place, written with 人 where 人 starts no
    word of its own (人口, 人民)."""
    if mention.type is not None:
        return False
    if text.startswith(_NATIONALITY_NOUNS, mention.end) and all(
        pid.startswith("foreign:") for pid in mention.place_ids
    ):
        return bool(mention.place_ids)  # '意大利旅行家': the country says whose the person is
    if text.startswith("族", mention.end):
        return not text.startswith("自治", mention.end + 1)
    tribe = (
        text.startswith(_TRIBE_WORD, mention.end)
        and bool(mention.place_ids)
        and all(pid.startswith("region:") for pid in mention.place_ids)
    )  # '科尔沁部牧地': a region named after its people, the people written with 部
    if tribe or (text.startswith(_PEOPLE_WORDS, mention.end) and _ends_unit_name(mention)):
        pair = text[mention.end : mention.end + 2]
        tag(pair)  # loads the segmenter's dictionary
        return len(pair) < 2 or not known(pair)
    return False


#: nouns of persons that a country's name right before them qualifies by nationality ('意大利旅行家', '俄籍专家').
_NATIONALITY_NOUNS = ("旅行家", "探险家", "传教士", "商人", "学者", "籍")
#: characters that, after a league's or banner's name without its unit word, make it a people's name: a tribe
#: (察哈尔部) or the people of the place (a demonym: 'X人熟悉的名字', 'X人的承诺'), where they start no word of their
#: own with the next character (部分, 部署; 人口, 人民, 人均).
_PEOPLE_WORDS = ("部", "人")
#: the character of a tribe after a region named after it ('科尔沁部', '察哈尔部').
_TRIBE_WORD = "部"


def _ends_unit_name(mention: Mention) -> bool:
    """Whether ``mention`` is a league's or banner's name without its unit word (a tribe is named so)."""
    return (
        bool(mention.place_ids)
        and all(pid.startswith(("league:", "banner:")) for pid in mention.place_ids)
        and mention.surface[-1] not in "旗盟市县区"
    )


#: opening and closing quotes around a name.
_QUOTES = {"“": "”", "「": "」", "‘": "’"}
#: longest quoted name read, in characters.
MAX_QUOTED = 12


def ends_quoted_name(text: str, mention: Mention, previous_end: int = 0) -> bool:
    """Whether ``mention`` only ends a longer quoted name ('“拉布大林镇”' holds 大林镇, a town elsewhere): the
    quote opens before it, with CJK characters and no other place's name (ending at ``previous_end``) between,
    and closes right after it."""
    if mention.end >= len(text) or text[mention.end] not in _QUOTES.values():
        return False
    left = max(previous_end, mention.start - MAX_QUOTED)
    for position in range(mention.start - 1, left - 1, -1):
        char = text[position]
        if char in _QUOTES:
            return position < mention.start - 1 and _QUOTES[char] == text[mention.end]
        if not "\u3400" <= char <= "\u9fff":
            return False
    return False


# -- organisations -------------------------------------------------------------------------------------

#: id prefixes of administrative units.
_ADMIN_ID_PREFIXES = ("province:", "league:", "banner:", "town:")


def _names_a_unit(mention: Mention) -> bool:
    """Whether ``mention`` names an administrative unit (a province, league, banner or town)."""
    return bool(mention.place_ids) and all(pid.startswith(_ADMIN_ID_PREFIXES) for pid in mention.place_ids)


def names_organisation(text: str, mention: Mention, next_start: int | None = None) -> bool:
    """Whether ``mention`` is the head of an organisation's name: an organisation word right after it ('X旗人民政府',
    'X海关', 'X市委'), or after a short run of other words ('X东方路桥公司', 'X煤电集团有限责任公司', 'X规划局');
    ``next_start`` is where the next mention starts (a place inside the run ends it)."""
    if mention.rule.startswith("suffix:") and not mention.place_ids:
        # a name only a class word made, right before a company's or body's word ('X民航机场集团公司'): the
        # company is named so, no place of that name is known
        word = organisation_re().match(text, mention.end)
        return word is not None and len(word.group()) >= 2
    if mention.type not in (None, "town") or mention.rule not in {
        "gazetteer",
        "gazetteer-short",
        "list-stem",
    }:
        return False
    if (
        0 < mention.start
        and text[mention.start - 1] in "(（"
        and text[mention.end : mention.end + 1] in (")", "）")
    ):  # '某某(北京)科技有限公司': a company's registered place, in brackets inside its name
        return _organisation_run(text, mention.end + 1, next_start and max(next_start, mention.end + 1))
    match = organisation_re().match(text, mention.end)
    if match is None:
        return _organisation_run(text, mention.end, next_start)
    word = match.group()
    if len(word) == 1:  # '委托', '网络', '局部' are words of their own, not an organisation
        pair = text[match.start() : match.start() + 2]
        tag(pair)  # loads the segmenter's dictionary
        return not known(pair) or _organisation_run(text, mention.end, next_start)
    return True


#: longest run of words between a place's name and the organisation word ending its name, in characters.
ORGANISATION_RUN = 8
#: a run after a name that may lead to an organisation word: CJK characters only (punctuation ends it).
_ORGANISATION_RUN_RE = re.compile(rf"[\u3400-\u9fff]{{2,{ORGANISATION_RUN + 6}}}")
#: flags of the words that end the run: verbs, adverbs, pronouns, function words, locatives (a clause, not a name),
#: attributes (国有, 民营: a kind of company the place owns, not a company named after it) and adjectives
#: ('水资源有限': limited, not 有限公司). Set phrases (jieba 'l': 自然资源, 生态环境) do not end it: they name the
#: department of a body ('X自然资源厅', 'X生态环境局').
_RUN_BREAK_FLAGS = frozenset(
    {"v", "vd", "d", "r", "p", "c", "u", "uj", "ul", "uz", "ug", "ud", "f", "x", "i", "b", "a"}
)
#: jieba flags of a word that names an organisation (机构团体) or abbreviates one.
_ORGANISATION_FLAGS = frozenset({"nt", "j"})
#: flags of a dictionary word that ends with a one-character organisation word and names a body: abbreviations
#: and other proper nouns ('发改委', '新闻网'; not nt, which jieba also gives to '新格局').
_BODY_FLAGS = frozenset({"j", "nz"})
#: one-character organisation words that also end common nouns of networks ('公路网', '管网').
_NETWORK_WORDS = frozenset("网")
#: words of information before 网 that make it a website, not a network ('资讯网', '信息网'; not '公路网').
_WEBSITE_HEADS = frozenset({"资讯", "信息", "新闻", "旅游", "政府", "门户", "政务"})


#: a conjunction joining the two fields of one body's name ('发展和改革委员会', '科学技术和信息化局'): no break of the
#: run (a place's name after it ends the run first: 'X和Y市人民政府').
_JOINING_WORDS = frozenset({"和"})
#: the words of a company's legal form before its organisation word ('有限责任公司', '股份有限公司'): not counted in
#: the run, they say what kind of company, not which one.
_LEGAL_FORM_WORDS = frozenset({"有限责任", "股份"})


@cache
def _organisation_end_re() -> re.Pattern[str]:
    return re.compile(f"(?:{organisation_re().pattern})$")


#: a company's name after its place, ending with its legal form ('测铖矿业开发有限责任公司'): the legal form vouches
#: for the whole run, verbs of the company's trade included (开发, 发展); no function character stands in it.
_LEGAL_NAME = re.compile(r"[\u3400-\u9fff]{2,16}?(?:股份)?有限(?:责任)?公司")
#: characters of a clause, never words of a company's name: the run is prose ('引进了一家有限公司').
_CLAUSE_CHARS = frozenset("的了是在将把被对向从为等及与和")


def _legal_name(text: str, position: int, next_start: int | None) -> bool:
    """Whether a company's name with its legal form (:data:`_LEGAL_NAME`) starts at ``position`` and ends before
    the next place named (``next_start``)."""
    name = _LEGAL_NAME.match(text, position)
    if name is None or (next_start is not None and name.end() > next_start):
        return False
    # a clause's character as a word of its own ('引进了一家'), not inside a word of the name ('高等级公路')
    return _CLAUSE_CHARS.isdisjoint(name.group()) or not any(
        word in _CLAUSE_CHARS for word, _ in tag(name.group())
    )


def _organisation_run(text: str, position: int, next_start: int | None) -> bool:
    """Whether the words from ``position`` on are a company's or an organisation's name without the place before
    it: at most ORGANISATION_RUN characters of nouns, names and numerals, then a word ending with an organisation
    word ('东方路桥公司', '森工集团', '规划局', '第十二届人民代表大会'); a verb, function word, punctuation, another
    place or a project word before it ends the run ('建设公司' after 加快 is no organisation's name)."""
    if _legal_name(text, position, next_start):
        return True  # a legal form vouches for a longer run ('高等级公路建设开发有限责任公司')
    run = _ORGANISATION_RUN_RE.match(text, position)
    if run is None or organisation_re().search(run.group()) is None:
        return False  # no organisation word in reach: the common case, decided without the segmenter
    end = run.end() if next_start is None else min(run.end(), next_start)
    if end - position < 2:
        return False
    organisation = _organisation_end_re()
    offset, previous = 0, ""
    for word, flag in tag(text[position:end]):
        if word in _JOINING_WORDS or word in _LEGAL_FORM_WORDS:
            # '发展和改革委员会': two fields of one body; '…有限责任公司': a company's legal form, no part of its name
            continue
        if (
            offset > ORGANISATION_RUN
            or flag in _RUN_BREAK_FLAGS
            or (
                flag == "m" and not word.startswith("第")
            )  # '首次利用…银行': a count, not an ordinal '第十二届'
            or _project_word_re().fullmatch(word)
        ):
            return False
        found = organisation.search(word)
        if found is not None:
            held = found.group()
            if word == held and held in _NETWORK_WORDS and known(previous[-1:] + held):
                return False  # '供水管' + '网' (管网): a network, no body ('文明' + '网' is a website)
            if len(held) > 1 or word == held:
                return offset > 0 or len(word) > len(held)
            # a one-character word ends an organisation's name where the segmenter reads the whole as one
            # ('公安局'; '农管局', a word it made up), not in a common word ('公路网', '格局', '新格局')
            head = word[: -len(held)]
            if len(head) < 2:
                return False
            if held in _NETWORK_WORDS and head in _WEBSITE_HEADS:
                return True  # '河南旅游资讯网': a website, no network
            if flag in _ORGANISATION_FLAGS and (known(head) or not known(word)):
                return True
            # a dictionary word naming a body: a proper noun or abbreviation ('新闻网', '发改委'), or a field's word
            # and the body word ('规划局', '矿务局'); a network is a common noun after a field's word ('公路网')
            return known(word) and (flag in _BODY_FLAGS or (held not in _NETWORK_WORDS and known(head)))
        offset += len(word)
        previous = word
    return False


@cache
def _project_word_re() -> re.Pattern[str]:
    # read by fullmatch only: a trie of the words answers as their alternation in any order
    return re.compile(word_alternation(words("project_words")))


# -- names the segmenter reads inside other words ------------------------------------------------------
@cache
def _outside(place_ids: tuple[str, ...]) -> bool:
    """Whether ``place_ids`` (a gazetteer name's ids) are all places outside the region (kept per ids tuple)."""
    return bool(place_ids) and all(
        pid.startswith(OUTSIDE_ID_PREFIXES) and pid != OWN_PROVINCE for pid in place_ids
    )


def _words(text: str, start: int, end: int) -> dict[int, tuple[str, str]]:
    """The words segmented around ``text[start:end]``, by start position: (word, flag)."""
    left = max(0, start - WINDOW)
    position = left
    found: dict[int, tuple[str, str]] = {}
    for word, flag in tag(text[left : min(len(text), end + WINDOW)]):
        found[position] = (word, flag)
        position += len(word)
    found[position] = ("", "x")
    return found


#: words the segmenter reads as one place word with the name before them ('新疆地区', '山西境内'): the name's area.
_AREA_WORDS = frozenset({"地区", "境内", "全境", "一带", "等地", "郊区", "市郊", "近郊", "远郊"})


#: shortest full name of a unit (its stem and class word) that no longer word hides ('上海市' of '海市蜃楼' may be
#: one).
WHOLE_UNIT_NAME = 4


def inside_word(text: str, mention: Mention) -> bool:
    """An outside place's name that the segmenter reads inside a longer word ('上海市' of '海市蜃楼')."""
    if mention.rule != "gazetteer" or not _outside(mention.place_ids):
        return False
    if len(mention.surface) >= WHOLE_UNIT_NAME and mention.surface[-1] in _UNIT_CHARS | FOREIGN_UNIT_CHARS:
        return False  # '南戈壁省汉博格德县': a unit's full name ends at its class word, whatever the segmenter joins
    around = _words(text, mention.start, mention.end)
    word = around.get(mention.start)
    if word is not None and word[1] == PLACE_FLAG and word[0][len(mention.surface) :] in _AREA_WORDS:
        return False  # the place word is the name and an area word ('新疆地区', '山西境内')
    if word is not None and word[0][len(mention.surface) :] in COUNTRIES_OF:
        return False  # the word is a region's name and 'its countries' ('东欧国家', one word of jieba's)
    if mention.end in around and mention.start not in around:
        # the place word ends with the name: a title before it ('首都北京' is one place word of jieba's)
        word_start = max(position for position in around if position < mention.start)
        return around[word_start][1] != "ns"
    return mention.start not in around or mention.end not in around


_Built = TypeVar("_Built")


def _per_finder(
    cache: dict[int, tuple[MentionFinder, Any]],
    finder: MentionFinder,
    build: Callable[[MentionFinder], _Built],
) -> _Built:
    """What ``build`` makes of ``finder``, made once per finder (by identity, the finder kept alive with it)."""
    cached = cache.get(id(finder))
    if cached is None or cached[0] is not finder:
        cached = (finder, build(finder))
        cache[id(finder)] = cached
    return cached[1]


#: per finder: its two-character outside names.
_SHORT_OUTSIDE: dict[int, tuple[MentionFinder, Any]] = {}


def _short_outside(finder: MentionFinder) -> frozenset[str]:
    """The two-character names of ``finder`` that name only places outside the region."""
    return _per_finder(
        _SHORT_OUTSIDE,
        finder,
        lambda f: frozenset(s for s, ids in f.surfaces.items() if len(s) == 2 and _outside(ids)),
    )


#: per finder: the stems of each league's county-level units (see _unit_stems_by_league).
_UNIT_STEMS: dict[int, tuple[MentionFinder, Any]] = {}
#: class words of a county-level unit's official name, dropped after the name of its league ('乌海海南').
_UNIT_CLASS_ENDINGS = ("区", "旗", "县", "市")


def _unit_stems_by_league(finder: MentionFinder) -> dict[str, dict[str, str]]:
    """For each league id, the stems of its county-level units' official names (海南 of 海南区, 青山 of 青山区) and
    the unit each names; a stem two of the league's units share names none."""
    return _per_finder(_UNIT_STEMS, finder, _build_unit_stems)


def _build_unit_stems(finder: MentionFinder) -> dict[str, dict[str, str]]:
    stems: dict[str, dict[str, set[str]]] = {}
    for surface, ids in finder.surfaces.items():
        for pid in ids:
            code = pid.removeprefix("banner:")
            if code == pid or not code.isdigit() or not surface.endswith(_UNIT_CLASS_ENDINGS):
                continue
            stem = surface[:-1]
            if len(stem) >= 2:
                stems.setdefault(f"league:{code[:4]}00", {}).setdefault(stem, set()).add(pid)
    return {
        league: {stem: next(iter(ids)) for stem, ids in by_stem.items() if len(ids) == 1}
        for league, by_stem in stems.items()
    }


def unit_stems_after_their_league(text: str, taken: list[Mention], finder: MentionFinder) -> list[Mention]:
    """A county-level unit written by its stem right after the name of its own league ('乌海海南' for 海南区 of
    乌海, '包头青山' for 青山区): the unit, where the segmenter reads the stem as a word of its own — a stem that is
    a common word or another place's name alone (青山, 海南) is the unit only there."""
    found: list[Mention] = []
    table: dict[str, dict[str, str]] | None = None
    starts = {m.start for m in taken}
    for mention in taken:
        if len(mention.place_ids) != 1 or not mention.place_ids[0].startswith("league:"):
            continue
        if mention.end in starts or mention.end >= len(text) or not is_han(text[mention.end]):
            continue
        if table is None:
            table = _unit_stems_by_league(finder)
        for stem, unit in table.get(mention.place_ids[0], {}).items():
            end = mention.end + len(stem)
            if text.startswith(stem, mention.end) and _word_here(text, mention.end, end):
                found.append(Mention(stem, mention.end, end, None, "gazetteer", (unit,)))
                break
    return found


#: what may follow a township's stem written alone: punctuation or a connector, or a side or area of it
#: ('X东部', 'X境内', 'X城区'); a noun after it names something of the township (a village, a plant, a court:
#: 'X盐场').
_STEM_AREA_WORDS = (
    "东部",
    "西部",
    "南部",
    "北部",
    "中部",
    "境内",
    "一带",
    "地区",
    "以东",
    "以西",
    "以南",
    "以北",
    "城区",
    "镇区",
)


def _stem_ends(text: str, end: int) -> bool:
    """Whether a township's stem may end at ``end``: the text's end, punctuation, a connector or a side of it."""
    return (
        end >= len(text)
        or not is_han(text[end])
        or text[end] in "、和与及至到"
        or text.startswith(_STEM_AREA_WORDS, end)
    )


def _covered(text: str, taken: Iterable[Mention]) -> bytearray:
    """A mask over ``text``: 1 where one of the ``taken`` mentions lies."""
    covered = bytearray(len(text) + 1)
    for mention in taken:
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    return covered


def town_stems_named_in_full(text: str, taken: list[Mention]) -> list[Mention]:
    """A township's stem written alone after the text has named the township in full ('巴音陶亥镇…巴音陶亥东部'):
    the township (one sense per text), where the segmenter reads the stem as a word of its own and punctuation, a
    connector or a side of it follows (not a noun: 'X盐场', 'X村' name something of the township)."""
    found: list[Mention] = []
    covered = _covered(text, taken)
    seen: set[str] = set()
    for mention in taken:
        if len(mention.place_ids) != 1 or not mention.place_ids[0].startswith("town:"):
            continue
        word = next((w for w in TOWNSHIP_CLASS_WORDS if mention.surface.endswith(w)), None)
        stem = mention.surface[: -len(word)] if word else ""
        if len(stem) < 2 or stem in seen or not mention.place_ids[0].endswith(mention.surface):
            continue
        seen.add(stem)
        found.extend(
            Mention(stem, start, end, None, TOWN_STEM_RULE, mention.place_ids)
            for start, end in _free_stems(text, stem, covered, mention.end)
        )
    return found


def _free_stems(
    text: str, stem: str, covered: bytearray, start_at: int, area_word: str = ""
) -> Iterator[tuple[int, int]]:
    """Spans of ``stem`` in ``text`` from ``start_at`` on that no mention covers, where it stands as a word of its
    own before punctuation, a connector or a side of it (:func:`_stem_ends`), or before ``area_word`` (the span
    then holds it); each span is marked in ``covered`` as it is yielded."""
    start = text.find(stem, start_at)
    while start >= 0:
        end = start + len(stem)
        if area_word and text.startswith(area_word, end):
            end += len(area_word)
        elif not (_stem_ends(text, end) and at_word_bounds(text, start, end)):
            end = 0
        if end and not any(covered[start:end]):
            covered[start:end] = b"\x01" * (end - start)
            yield start, end
        start = text.find(stem, start + len(stem))


#: the rule of a county-level unit's stem written alone, or with 地区, in a text that names the unit in full.
UNIT_STEM_RULE = "unit-stem"
#: the class characters of county-level units' official names.
_COUNTY_CLASS_CHARACTERS = "旗县市区"
#: the word after a unit's stem that makes it the unit's area ('海南地区' in a text on 海南区).
_AREA_WORD = "地区"


def unit_stems_named_in_full(text: str, taken: list[Mention], finder: MentionFinder) -> list[Mention]:
    """A county-level unit's stem in a text that names the unit in full (one sense per text): written with 地区
    ('海南区…海南地区东缘'), the unit's area, not the province a bare '海南' may name; written alone where the segmenter
    reads it as a word of its own and punctuation, a connector or a side of it follows ('卓资，因山得名' in a text on
    卓资县: a stem too common to be read alone elsewhere); a stem that names another place of its own ('阿拉善' of
    阿拉善旗, the league) is left to the finder."""
    found: list[Mention] = []
    covered = _covered(text, taken)
    seen: set[str] = set()
    for mention in taken:
        if len(mention.place_ids) != 1 or not mention.place_ids[0].startswith("banner:"):
            continue
        if mention.surface[-1:] not in _COUNTY_CLASS_CHARACTERS or len(mention.surface) < 3:
            continue
        stem = mention.surface[:-1]
        if stem in seen or finder.ids(stem):
            continue
        seen.add(stem)
        for start, end in _free_stems(text, stem, covered, 0, _AREA_WORD):
            kind = "banner" if end > start + len(stem) else None  # with 地区: the unit's area
            found.append(Mention(text[start:end], start, end, kind, UNIT_STEM_RULE, mention.place_ids))
    return found


def _free_occurrences(
    text: str,
    finder: MentionFinder,
    words: Container[str],
    taken: Iterable[Mention],
    occurrences: list[tuple[int, str]] | None,
) -> Iterator[tuple[int, int, str]]:
    """``(start, end, word)`` of each occurrence in ``text`` of one of ``words`` that shares no character with the
    ``taken`` mentions (``occurrences``: the finder's of ``text``, when the caller has them)."""
    covered = _covered(text, taken)
    for end, word in finder.occurrences(text) if occurrences is None else occurrences:
        if word in words:
            start = end - len(word)
            if not any(covered[start:end]):
                yield start, end, word


#: prepositions whose object is a place ('在山西', '从北京', '赴上海').
_PLACE_PREPOSITION_WORDS = frozenset({"在", "从", "到", "赴", "往", "于", "自"})


def _after_preposition_of_place(around: dict[int, tuple[str, str]], start: int) -> bool:
    """Whether the word ending at ``start`` (of the words ``around`` it, by start) is a preposition of place."""
    return any(
        position + len(word) == start and flag == "p" and word in _PLACE_PREPOSITION_WORDS
        for position, (word, flag) in around.items()
    )


def outside_words(
    text: str,
    finder: MentionFinder,
    taken: Iterable[Mention] = (),
    occurrences: list[tuple[int, str]] | None = None,
) -> list[Mention]:
    """Two-character outside names the segmenter reads as place words of their own ('甘肃接壤', '日本侵占');
    names inside the ``taken`` mentions are not looked at (``occurrences``: the finder's of ``text``)."""
    names = _short_outside(finder)
    if not names:
        return []
    found = []
    for start, end, name in _free_occurrences(text, finder, names, taken, occurrences):
        around = _words(text, start, end)
        word, flag = around.get(start, ("", ""))
        if flag == PLACE_FLAG and end not in around and len(word) > 2 and word.startswith(name):
            rest = tag(word[2:])  # '欧洲各国' read as one place word: the name and a pronoun after it
            if len(rest) == 1 and rest[0][1] == "r":
                found.append(Mention(name, start, end, None, "gazetteer", finder.ids(name)))
            continue
        country = finder.ids(name) == (f"foreign:{name}",)  # the record's own name, not an alias ('蒙古')
        if country_alias(name, finder.ids(name)) and peoples_name_here(text, start, end):
            continue  # '喀尔喀蒙古、': the people's name
        if _after_unknown_place_word(around, start, finder):
            continue  # '澳大利西亚' (澳大利 + 西亚): the end of a longer foreign name the gazetteer lacks
        following = around.get(end, ("", ""))
        mention = Mention(name, start, end, None, "gazetteer", finder.ids(name))
        if (
            flag == PLACE_FLAG
            and end in around
            and (
                _ends_name(*following, finder)
                or (country and following[1] == "n" and len(following[0]) >= 2)
                or heads_unit(text, mention, finder)
                or _after_preposition_of_place(around, start)
            )
        ):  # a country's own name before a noun is the country ('日本战败'); a province or a people's name
            # there qualifies ('北京企业', '蒙古民族'), unless one of its counties follows ('上海市浦东新区') or a
            # preposition of place stands before it ('在山西一个多月')
            found.append(mention)
    return found


#: the shortest place word read as the front of a longer foreign name ('澳大利' of 澳大利西亚; '中国' + '福建' is none).
_FRAGMENT_LENGTH = 3


def _after_unknown_place_word(around: dict[int, tuple[str, str]], start: int, finder: MentionFinder) -> bool:
    """Whether the word right before ``start`` is a place word of the segmenter's that names nothing the gazetteer
    knows: the name at ``start`` ends a longer name with it ('澳大利' + '西亚'), as '中国' + '东北' does not."""
    word, flag = _word_ending_at(around, start)
    return flag == PLACE_FLAG and len(word) >= _FRAGMENT_LENGTH and not finder.ids_or_short(word)


def _word_ending_at(around: dict[int, tuple[str, str]], start: int) -> tuple[str, str]:
    """The segmenter's word (and its flag) that ends right at ``start`` in ``around``; ('', '') if none does."""
    before = [position for position in around if position < start]
    if not before:
        return "", ""
    word, flag = around[max(before)]
    return (word, flag) if max(before) + len(word) == start else ("", "")


#: a farm product that ends its phrase right after a banner's bare stem ('武川马铃薯、', '河套面粉等'): a brand.
_PRODUCT_AFTER = re.compile(
    "(?:"
    + "|".join(sorted(map(re.escape, words("farm_products")), key=len, reverse=True))
    + r")(?=[、，,。；;等”\"）)\s]|品牌|$)"
)


def stem_words(
    text: str,
    finder: MentionFinder,
    taken: Iterable[Mention] = (),
    occurrences: list[tuple[int, str]] | None = None,
) -> list[Mention]:
    """A banner's bare stem outside a list ('敖汉“X遗址”', '兴和1个风场'), where the segmenter reads it as a name
    word of its own (not '兴和' of '振兴和发展'); stems inside the ``taken`` mentions are not looked at.  Before a
    noun the stem qualifies it ('库伦循环经济'), unless the text names the banner in full: there it is the banner's
    short form ('宁城县…宁城旅游景点', one sense per text)."""
    stems = finder.listed
    if not stems:
        return []
    taken = list(taken)
    in_full = {
        pid
        for m in taken
        if _unit_in_full(m.surface, m.place_ids)
        for pid in m.place_ids
        if pid.startswith("banner:")
    }
    found = []
    for start, end, stem in _free_occurrences(text, finder, stems, taken, occurrences):
        banner = stems[stem]
        after = text[end : end + 1]
        if after and is_han(after) and after not in _STEM_FOLLOWER_STARTS and banner not in in_full:
            continue  # before a character no follower word starts with (cheap, no jieba)
        if after in _UNIT_AFTER_STEM:
            continue  # '萨拉齐县', '凉城郡': the stem opens a unit's name (a former one, another kind)
        if banner not in (*finder.ids(stem + "旗"), *finder.ids(stem + "县"), *finder.ids(stem + "市")):
            continue  # a district's stem is often a common word ('青山', '红山'); a county-level city's is its own
        around = _words(text, start, end)
        word, flag = around.get(start, ("", ""))
        following_word, following = around.get(end, ("", "x"))
        if _PRODUCT_AFTER.match(text, end):
            continue  # '武川马铃薯、武川莜面等品牌': the product's origin, a brand, no place mention
        if word == stem and (
            following_word in _TERRITORY_WORDS
            or (flag in NAME_FLAGS and (following in _STEM_WORD_FOLLOWERS or banner in in_full))
        ):
            # '兴和境内' (兴和 read as an adjective): a word of a unit's territory after it makes the stem the unit
            found.append(Mention(stem, start, end, None, "stem-word", (banner,)))
    return found


#: flags of the word after a banner's bare stem read as a name: punctuation, a count, a particle, a conjunction,
#: a preposition, a locative or a place word ('敖汉“…”', '兴和1个', '林西的', '敖汉和林西', '五原境内') — not a
#: noun or verb the stem would qualify ('库伦循环经济': an enclosure).
_STEM_WORD_FOLLOWERS = frozenset({"x", "m", "uj", "ul", "c", "p", "f", "s"})
#: words of a unit's territory ('X境内'): the word before them names a unit, whatever the segmenter tags it.
_TERRITORY_WORDS = frozenset({"境内", "境外", "全境", "县境", "旗境", "市境"})
#: class characters of units, townships and former units: a stem right before one opens that unit's name
#: ('萨拉齐县', '凉城郡').
_UNIT_AFTER_STEM = FORMER_UNIT_CHARS | frozenset("盟市旗区镇乡")
#: the characters such followers start with (numerals, particles, conjunctions, prepositions, locatives).
_STEM_FOLLOWER_STARTS = frozenset(
    "的了和与及或跟同在从向对把被为以至到自于东西南北上中下内外前后左右旁边境一二两三四五六七八九十百千万"
)


def _ends_name(word: str, flag: str, finder: MentionFinder) -> bool:
    """Whether the word after a bare outside name leaves that name a place of its own."""
    if (
        flag == PLACE_FLAG
    ):  # '甘肃张掖' (a place in it), not '北京正北', '天津南' (a longer name), '青海云杉' (a species)
        return bool(finder.ids_or_short(word)) or (len(word) >= 2 and word[-1] in "市县区旗盟省州")
    return flag in NAME_END_FLAGS or bool(finder.ids(word))  # '甘肃酒泉': a place read as a common noun


# -- regions named without their class word ----------------------------------------------------------
#: what makes a compass word a direction, not a region: a preposition of direction before it ('向西南延伸').
_DIRECTION_BEFORE = frozenset("向往朝偏")
#: what makes it a direction or part of a longer word after it ('西北方向', '东北部', '西南侧', 'X华南站').
_DIRECTION_AFTER = frozenset("部方侧角面向边郊端站")
#: what makes a compass region ('西北', '东北') a direction in a description of where a place lies ('西北邻X',
#: '西南与X相连', '东北靠X', '西南到X') or a dialect ('东北话', '东北官话').
_DIRECTION_VERBS = frozenset("邻接界靠与到连至毗临交话官")
#: flags of the word after a region's stem that leave the stem a name of its own: verbs, function words,
#: punctuation, other places ('东北振兴', '华北、华东等', '中国东北蒙东').
_AFTER_REGION_FLAGS = NAME_END_FLAGS | {"ns", "f", "ul", "uz", "j"}
#: after a compass region ('东北'), which is also a direction and heads policy names ('东北振兴区'): only
#: punctuation, a particle, a conjunction or another place ('西北、西南', '东北的', '中国东北蒙东'); not an
#: adjective ('西北大数据中心').
_AFTER_COMPASS_FLAGS = frozenset({"x", "uj", "c", "p", "ns"})
#: one-character unit and settlement words: a compass word right after one is a direction from that unit ('市东北').
_UNIT_CHARS = frozenset("市县旗盟区镇乡城村")
#: a plain direction (one compass character, perhaps with 边/面/侧) joined to a compass word before or after it
#: ('西及西北', '西北和北边'): the compass word is a direction like it, not a region of the country.
#: The plain direction is a word of its own: a compass character with 边/面/侧, or one standing alone between
#: punctuation and the conjunction (not the end of 华北 in '华北与西北', nor the start of 北京 in '西北与北京').
#: Not one with 部: 西部, 东部 are regions of the country too ('东北和西部地区', '西部和东北振兴').
_PLAIN_DIRECTION_BEFORE = re.compile(r"(?:(?<![\u4e00-\u9fff])[东西南北]|[东西南北][边面侧])[和及与]$")
_PLAIN_DIRECTION_AFTER = re.compile(r"[和及与](?:[东西南北][边面侧]|[东西南北](?![\u4e00-\u9fff]))")
#: the class word of named regions ('华北地区', '京津地区'), which texts also leave out ('华北', '京津').
REGION_WORD = "地区"
#: per finder: the stems of its regions' names and a regex finding them.
_REGION_STEMS: dict[int, tuple[MentionFinder, Any]] = {}


def _region_stems(finder: MentionFinder) -> tuple[dict[str, tuple[str, ...]], re.Pattern[str] | None]:
    return _per_finder(_REGION_STEMS, finder, _build_region_stems)


def _build_region_stems(finder: MentionFinder) -> tuple[dict[str, tuple[str, ...]], re.Pattern[str] | None]:
    stems: dict[str, tuple[str, ...]] = {}
    for surface, ids in finder.surfaces.items():
        stem = surface.removesuffix(REGION_WORD)
        if stem != surface and len(stem) >= 2 and ids and all(i.startswith("region:") for i in ids):
            if stem not in finder.surfaces:
                stems[stem] = ids
    ordered = sorted(stems, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
    return stems, pattern


#: quotation marks around an epithet ('“红色之城”乌兰浩特').
_OPEN_QUOTES, _CLOSE_QUOTES = frozenset('“「『"'), frozenset('”」』"')


#: words that close a list of a place's epithets ('…X明珠等美誉', '“…”之美称').
_HONOUR_RE = re.compile(r"美誉|美称|之称|称号|雅称")
#: how far an honour word may stand after an epithet, in characters (one clause).
HONOUR_REACH = 40
_CLAUSE_BREAKS = re.compile(r"[，,。；;！？!?\n]")


def _heads_epithet(text: str, mention: Mention) -> bool:
    """Whether ``mention`` heads an epithet in a list of them that an honour word closes ('拥有沙地绿洲、黄河明珠等
    美誉', '有“X明珠、书法之城”之美称'): a list item or a quoted word, more characters of the same word after the
    name, and the honour word in the same clause."""
    if not mention.start or text[mention.start - 1] not in "“「、" or mention.end >= len(text):
        return False
    after = text[mention.end]
    if not "\u3400" <= after <= "\u9fff" or after in "、等的之和与及":
        return False
    clause = text[mention.end : mention.end + HONOUR_REACH]
    stop = _CLAUSE_BREAKS.search(clause)
    return _HONOUR_RE.search(clause, 0, stop.start() if stop else len(clause)) is not None


#: words that give a name's meaning before it in quotes ('蒙古语称乌兰哈达，意为“X”'), or the language of the word
#: quoted after them ('由蒙古语“X”演变而来').
_GLOSS_RE = re.compile(rf"(?:意为|意即|意思是|译为|汉译为|汉意为|{_LANGUAGE_WORD})$")


def _is_gloss(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is all of a quoted gloss of another name's meaning ('意为“赤峰”': the words the name
    means, not a place the text speaks of)."""
    start, end = mention.start, mention.end
    return (
        start > 0
        and end < len(text)
        and text[start - 1] in _OPEN_QUOTES
        and text[end] in _CLOSE_QUOTES
        and _GLOSS_RE.search(text, max(0, start - 5), start - 1) is not None
    )


def _without_epithets(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name found by its class word that is a quoted epithet of the unit written right after it ('“X古城”Y县',
    '“X小镇”Y旗': the unit's slogan, not a place of its own) is dropped, and a place heading an epithet in a list
    of them ('黄河明珠等美誉', see :func:`_heads_epithet`) or a quoted gloss ('意为“赤峰”')."""
    kept = []
    by_start = {m.start: m for m in mentions}
    for mention in mentions:
        if (
            _heads_epithet(text, mention)
            or _is_gloss(text, mention)
            or _heads_quoted_epithet(text, mention, by_start)
        ):
            continue
        if mention.type is not None and not mention.place_ids and mention.start and mention.end < len(text):
            unit = by_start.get(mention.end + 1)
            if (
                text[mention.start - 1] in _OPEN_QUOTES
                and text[mention.end] in _CLOSE_QUOTES
                and unit is not None
                and unit.place_ids
                and all(pid.startswith(("league:", "banner:")) for pid in unit.place_ids)
            ):
                continue
        kept.append(mention)
    return kept


#: longest run of common words after a place's name inside a quoted epithet ('“X明珠”', '“X之心”').
EPITHET_RUN = 4


def _heads_quoted_epithet(text: str, mention: Mention, by_start: dict[int, Mention]) -> bool:
    """Whether a gazetteer name opens a quoted phrase that goes on with a few words naming no place ('“X明珠”Y市': a
    river's pearl) and a league or banner follows the closing quote: the phrase is that unit's epithet, and the name in it
    names no place the text speaks of (as '“X古城”Y县' above)."""
    if not mention.place_ids or not mention.start or text[mention.start - 1] not in _OPEN_QUOTES:
        return False
    close = next(
        (
            i
            for i in range(mention.end + 1, min(len(text), mention.end + EPITHET_RUN + 1))
            if text[i] in _CLOSE_QUOTES
        ),
        None,
    )
    if close is None or any(
        not "\u3400" <= text[i] <= "\u9fff" or i in by_start for i in range(mention.end, close)
    ):
        return False  # no quote closing a run of words after it, or another place's name in the run
    unit = by_start.get(close + 1)
    return (
        unit is not None
        and bool(unit.place_ids)
        and all(pid.startswith(("league:", "banner:")) for pid in unit.place_ids)
    )


def _with_region_word(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """A region's name followed by the class word 地区 (of the country or of the world: '欧亚地区', '中亚地区'): the
    class word is part of the name."""
    if (
        mention.rule == "gazetteer"
        and text.startswith(REGION_WORD, mention.end)
        and mention.place_ids
        and all(pid.startswith(("region:", "foreign:")) for pid in mention.place_ids)
    ):
        end = mention.end + len(REGION_WORD)
        return replace(mention, surface=text[mention.start : end], end=end)
    return mention


#: a city street after a unit's name ('X路', 'X北路', 'X大街', 'X东街'), not the first character of a unit's name
#: ('X路镇'); and a whole word (see :func:`_street_named_after`).
_STREET_RE = re.compile(r"[东南西北中]?(?:大街|大道|路|街)(?![镇乡村苏旗县市区])")
#: id prefixes of the units a street may be named after.
_STREET_NAMESAKE_PREFIXES = ("province:", "league:", "banner:", "town:", "neighbour:")
#: id prefixes of rivers, lakes and mountains, which name avenues only ('霍林河大街', '大青山大道'; 'X河路' may be
#: the road along the river).
_NATURE_NAMESAKE_PREFIXES = ("river:", "lake:", "mountain:")
_AVENUE_RE = re.compile(r"[东南西北中]?(?:大街|大道)(?![镇乡村苏旗县市区])")


def _street_named_after(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """A unit's name followed by a street word ('X路', 'X北路', 'X大街'), or a river's, lake's or mountain's by an
    avenue's ('霍林河大街'): a city street named after the place, one road mention of its own (where the text's
    city lies, not the unit: cities name streets after other leagues and provinces), not a mention of the unit."""
    if mention.type is not None or not mention.place_ids or not mention.rule.startswith("gazetteer"):
        return mention
    if all(pid.startswith(_STREET_NAMESAKE_PREFIXES) for pid in mention.place_ids):
        street = _STREET_RE.match(text, mention.end)
    elif all(pid.startswith(_NATURE_NAMESAKE_PREFIXES) for pid in mention.place_ids):
        street = _AVENUE_RE.match(text, mention.end)
    else:
        return mention
    if street is None:
        return mention
    if not at_word_bounds(text, street.start(), street.end()):
        return mention  # the street word starts a longer word ('X路途艰险', 'X路网', 'X街道', 'X路家营子镇')
    return Mention(text[mention.start : street.end()], mention.start, street.end(), "road", "street")


#: id prefixes of places outside the region that head a place of theirs in running text ('杭州西湖', '宁夏沙湖').
_OUTSIDE_HEAD_PREFIXES = ("province:", "neighbour:")
#: rule of such a head: the place of its own written right after it is the evidence that the outside place is
#: meant (resolution takes it outside the plan's jurisdiction, see resolve's _outside).
OUTSIDE_HEAD_RULE = "outside-head"


def outside_places_heading_names(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """A name the finder made with its class word whose first word is a province or a city outside the region
    ('杭州西湖', '宁夏沙湖'): the segmenter reads the outside place and the rest as two place words, so the text
    names the outside place and a place of it (resolution locates the second by the first, as '青海的塔尔寺')."""
    found: list[Mention] = []
    for mention in mentions:
        if mention.place_ids or not mention.rule.startswith("suffix:") or len(mention.surface) < 4:
            continue
        words = tag(mention.surface)
        if (
            mention.qualifier
            and mention.surface.startswith(mention.qualifier)
            and words[0] == (mention.qualifier, PLACE_FLAG)
            and is_proper_stem(
                mention.surface[len(mention.qualifier) : -len(mention.rule.removeprefix("suffix:"))]
            )
        ):
            # '首都北京大真觉寺': an outside place the segmenter reads as a word of its own, then a name of its own
            # with its class word (the rest need not be one place word: 大/真觉/寺)
            head, rest = mention.qualifier, mention.surface[len(mention.qualifier) :]
        elif len(words) != 2 or any(flag != PLACE_FLAG for _, flag in words):
            continue
        else:
            head, rest = words[0][0], words[1][0]
        ids = finder.ids(head)
        if (
            len(rest) < 2
            # '山南平原': a plain south of the hills, no place of the city (the class word alone is no name)
            or rest == mention.rule.removeprefix("suffix:")
            or not ids
            or OWN_PROVINCE in ids  # '内蒙高原': the region's own name heads a landform of it, one name
            or not all(pid.startswith(_OUTSIDE_HEAD_PREFIXES) for pid in ids)
        ):
            continue
        cut = mention.start + len(head)
        found.append(Mention(head, mention.start, cut, None, OUTSIDE_HEAD_RULE, ids))
        found.append(replace(mention, surface=rest, start=cut, qualifier=head, qualifier_ids=ids))
    return found


#: types of places whose official name holds the unit they lie in ('X旗Y工业园区', 'X市Y机场', 'X旗黄河大桥' and
#: the other facilities named where they stand; towns by the finder's own rules): a unit written before their name
#: stays in it.
_UNIT_IN_OFFICIAL_NAME = frozenset(
    {"park", "subpark", "airport", "port", "station", "other", "town", "village"}
)
#: how often jieba's dictionary counts a word it tags as a name that is a common word in a place's name
#: (智慧 1,581, 友谊 1,499; 白塔 62, 库伦 30).
COMMON_NAME_FREQUENCY = 1000
#: the rule of a spur railway's name ('X物流园铁路专用线'), which ends with one of these words.
_SPUR_RULE, _SPUR_WORDS = "spur", ("铁路专用线", "专用线", "铁路")


#: id prefixes and types of the places whose official designations may open with the region's name
#: ('内蒙古萨拉乌苏国家湿地公园', '内蒙古霍林郭勒工业园区', '内蒙古乌梁素海湿地自然保护区'): protected areas, parks and
#: development zones, whose catalogues name them so.
_DESIGNATED_PREFIXES = ("reserve:", "wetland:", "scenic:", "park:")
_DESIGNATED_TYPES = frozenset({"reserve", "wetland", "scenic", "park"})


#: a side or part of a mountain range written right after its name ('南麓', '东麓', '中麓', '中段西麓', '西南山麓',
#: '南端', '南坡', '南侧', '余脉', '南段山脉'), simplified or traditional, or its land ('山地', right after the name
#: only: '大兴安岭中段东南麓山地' is the side and its land).
_MOUNTAIN_SIDE = re.compile(
    "(?:[东東西南北中]段)?(?:[东東西南北]{1,2}(?:山麓|麓|坡|端|侧|側)|中麓|山麓|余脉|餘脈)"
    "|[东東西南北中]段(?:山脉|山脈)?|山地"
)


def mountain_sides(text: str, mentions: list[Mention]) -> list[Mention]:
    """A mountain range and the side or part of it written right after its name ('大兴安岭东麓', '大兴安岭中段
    西麓', '大青山南坡'): one mention, the whole span, a mountain located at the range (the annotation guide's
    convention); a side that names a region of its own ('阴山北麓') is that region's record."""
    found: list[Mention] = []
    starts = {m.start for m in mentions}
    for mention in mentions:
        if not _all_mountains(mention.place_ids):
            continue
        side = _MOUNTAIN_SIDE.match(text, mention.end)
        if side is None or any(mention.end < at < side.end() for at in starts):
            continue
        found.append(_with_its_part(text, mention, side.end(), "mountain", MOUNTAIN_SIDE_RULE))
    return found


def _all_mountains(ids: tuple[str, ...]) -> bool:
    """Whether ``ids`` name mountains only (and at least one)."""
    return bool(ids) and all(pid.startswith("mountain:") for pid in ids)


def designations_with_the_region(text: str, mentions: list[Mention]) -> list[Mention]:
    """A protected area, park or zone written right after the region's name ('内蒙古' + '萨拉乌苏国家湿地公园'):
    one mention, the designation's official name, of that place (the annotation guide keeps it whole); a unit
    after the region's name is its address and stays a mention of its own."""
    found: list[Mention] = []
    for first, second in pairwise(mentions):
        if second.start != first.end or first.place_ids != (OWN_PROVINCE,):
            continue
        if second.place_ids:
            if not all(pid.startswith(_DESIGNATED_PREFIXES) for pid in second.place_ids):
                continue
        elif second.type not in _DESIGNATED_TYPES:
            continue
        found.append(replace(second, surface=text[first.start : second.end], start=first.start))
    return found


#: the class word of a port, after a country's name ('蒙古国X口岸').
_PORT_WORD = "口岸"


def countries_before_ports(text: str, mentions: list[Mention]) -> list[Mention]:
    """A foreign country written right before a port the gazetteer lacks ('蒙古国松布尔口岸') is the port's address,
    a mention of its own, and the port is named by the rest; with no rest ('连接蒙古国口岸') the ports are the
    country's, none named: the country alone is the mention."""
    found: list[Mention] = []
    for mention in mentions:
        qualifier = mention.qualifier or ""
        if (
            mention.place_ids
            or mention.rule != f"suffix:{_PORT_WORD}"
            or not qualifier
            or not mention.surface.startswith(qualifier)
            or not mention.qualifier_ids
            or not all(pid.startswith("foreign:") for pid in mention.qualifier_ids)
        ):
            continue
        cut = mention.start + len(qualifier)
        found.append(Mention(qualifier, mention.start, cut, None, "gazetteer", mention.qualifier_ids))
        if mention.end - cut > len(_PORT_WORD):
            found.append(
                replace(mention, surface=text[cut : mention.end], start=cut, qualifier=None, qualifier_ids=())
            )
    return found


#: class words of expressways that a name of one place before them does not make a route's name.
_EXPRESSWAY_WORDS = ("高速公路", "高速")
#: id prefixes of the units an expressway word after them only places ('赤峰高速': the expressways of 赤峰).
_EXPRESSWAY_HOLDER_PREFIXES = ("province:", "league:", "banner:")


def units_before_expressway_words(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """'内蒙古赤峰高速', '包头高速出口': an expressway word after nothing but the names of units names the
    expressways of the place (a route is named by its ends or their initials: '呼包高速'), no route; the units are
    the mentions."""
    found: list[Mention] = []
    for mention in mentions:
        word = next((w for w in _EXPRESSWAY_WORDS if mention.rule == f"suffix:{w}"), None)
        if word is None or mention.place_ids or mention.type != "road":
            continue
        units = names_spelling(mention.surface[: -len(word)], finder, _EXPRESSWAY_HOLDER_PREFIXES)
        position = mention.start
        for name, ids in units or ():
            found.append(Mention(name, position, position + len(name), None, "gazetteer", ids))
            position += len(name)
    return found


def units_before_names(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """A county-level unit or league written in full right before a place the gazetteer lacks that has a proper
    name of its own ('开鲁县白塔公园', '多伦县双山水库', 'X旗上海庙煤炭物流园铁路专用线'): the unit is the place's
    address, a mention of its own, and the place is named by the rest (located by the unit written before it), as
    the finder already reads a recorded place after a unit ('杭锦旗七星湖').  A place named by the unit and common
    words stays one mention ('库伦旗宗教博物馆', 'X旗国家现代农业示范区'), and so do parks, ports, airports,
    stations and facilities ('杭锦旗黄河大桥'), whose official names hold their unit.  A league written in full
    before the unit is its address too ('鄂尔多斯市杭锦旗库布其大沙漠': three mentions), and so is the region's full
    name before them ('内蒙古自治区乌海市X风景区'), and so are a township in full and a side of it ('锡尼镇南阿日善湖',
    see :func:`_town_and_side`)."""
    found: list[Mention] = []
    for mention in mentions:
        qualifier = mention.qualifier or ""
        at = mention.surface.find(qualifier) if qualifier else -1
        province = ""
        if at == 0 and mention.qualifier_ids == (OWN_PROVINCE,) and not mention.place_ids:
            # '内蒙古自治区乌海市X风景区': the region, then the unit the place's address names
            if (unit := _unit_after_region(mention, finder)) is not None:
                province, mention = qualifier, replace(mention, qualifier=unit[0], qualifier_ids=unit[1])
                qualifier, at = unit[0], len(province)
        head = mention.surface[len(province) : at] if at > len(province) else ""
        head_ids = finder.ids(head) if head.endswith(_UNIT_WORDS_IN_FULL) else ()
        if (
            not head
            and at == 0
            and not mention.place_ids
            and mention.rule.startswith("suffix:")
            and (side := _town_and_side(text, mention))
        ):
            # '白音察干镇北白雁湖': a town in full and a side of it say where the place after them lies
            found.append(
                Mention(
                    qualifier,
                    mention.start,
                    mention.start + len(qualifier),
                    None,
                    "gazetteer",
                    mention.qualifier_ids,
                )
            )
            found.append(
                replace(
                    mention, surface=text[side : mention.end], start=side, qualifier=None, qualifier_ids=()
                )
            )
            continue
        if (
            mention.place_ids
            or not (mention.rule.startswith("suffix:") or mention.rule == _SPUR_RULE)
            or mention.type in _UNIT_IN_OFFICIAL_NAME
            or at < 0
            or (head and not _unit_in_full(head, head_ids))
            or not _unit_in_full(qualifier, mention.qualifier_ids)
        ):
            continue
        unit_start = mention.start + at
        cut = unit_start + len(qualifier)
        head_start = mention.start + len(province)
        if mention.rule == _SPUR_RULE:
            class_start = max(text.rfind(word, cut, mention.end) for word in _SPUR_WORDS)
        else:
            class_start = mention.end - len(mention.rule.partition(":")[2])
        if class_start - cut < 2 or not (
            holds_name_word(text, cut, class_start, COMMON_NAME_FREQUENCY)
            or _holds_domestic_name(text[cut:class_start], finder)
        ):
            continue
        if province:
            found.append(Mention(province, mention.start, head_start, None, "gazetteer", (OWN_PROVINCE,)))
        if head:
            found.append(Mention(head, head_start, unit_start, None, "gazetteer", head_ids))
        found.append(Mention(qualifier, unit_start, cut, None, "gazetteer", mention.qualifier_ids))
        if (inner := _unit_opening(text, cut, class_start, mention.qualifier_ids, finder)) is not None:
            # '呼和浩特市新城区新华东街': the league, its district, then the street, which lies in the district
            found.append(inner)
            mention = replace(mention, qualifier=inner.surface, qualifier_ids=inner.place_ids)
            cut = inner.end
        found.append(replace(mention, surface=text[cut : mention.end], start=cut))
    return found


def _unit_after_region(mention: Mention, finder: MentionFinder) -> tuple[str, tuple[str, ...]] | None:
    """The longest league or banner written in full right after the region's name that starts ``mention``
    (its qualifier), leaving two or more characters before the class word, with its ids; None if none."""
    class_start = len(mention.surface) - len(mention.rule.partition(":")[2])
    unit = _longest_unit_in_full(
        mention.surface,
        len(mention.qualifier or ""),
        class_start,
        lambda surface: ids if _unit_in_full(surface, ids := finder.ids(surface)) else (),
    )
    return None if unit is None else (unit.surface, unit.place_ids)


def _unit_opening(
    text: str, start: int, class_start: int, league_ids: tuple[str, ...], finder: MentionFinder
) -> Mention | None:
    """The longest banner of the league ``league_ids`` (its records, as written right before) written in full at
    ``start`` that leaves two or more characters before the class word at ``class_start`` (a district after its
    city: '呼和浩特市' + '新城区' + '新华东街'; of the names 新城区 holds, the one of that city)."""
    codes = tuple(f"banner:{_area_code(pid)}" for pid in league_ids if pid.startswith("league:"))
    if not codes:
        return None
    return _longest_unit_in_full(
        text, start, class_start, lambda surface: tuple(i for i in finder.ids(surface) if i.startswith(codes))
    )


def _longest_unit_in_full(
    text: str, start: int, class_start: int, ids_of: Callable[[str], tuple[str, ...]]
) -> Mention | None:
    """The longest name at ``start`` ending in a unit's class word that leaves two or more characters before the
    class word at ``class_start`` and that ``ids_of`` gives ids for, as a mention; None if none."""
    for end in range(class_start - 2, start + 1, -1):
        surface = text[start:end]
        if surface.endswith(_UNIT_WORDS_IN_FULL) and (ids := ids_of(surface)):
            return Mention(surface, start, end, None, "gazetteer", ids)
    return None


def _town_and_side(text: str, mention: Mention) -> int | None:
    """Where the name starts in a suffix-made ``mention`` that opens with a town written in full and a compass
    side of it ('锡尼镇南阿日善湖' → 阿日善湖), with two or more characters before the class word; None otherwise."""
    town = mention.qualifier or ""
    if not (town.endswith(_TOWN_ENDINGS) and mention.qualifier_ids):
        return None
    if len(mention.qualifier_ids) != 1 or not mention.qualifier_ids[0].startswith("town:"):
        return None  # a short form several towns share ('呼和镇') is no town in full
    side = mention.start + len(town)
    if text[side : side + 1] not in COMPASS_CHARS:
        return None
    class_start = mention.end - len(mention.rule.partition(":")[2])
    if class_start - (side + 1) < 2 or not holds_name_word(
        text, side + 1, class_start, COMMON_NAME_FREQUENCY
    ):
        return None  # '呼和镇北山坡截洪沟': common words after the side name a kind of work there, no place
    return side + 1


def _holds_domestic_name(words: str, finder: MentionFinder) -> bool:
    """Whether ``words`` hold a recorded place's name inside the country ('河套风情': 河套), which the segmenter's
    dictionary may count as a common word; a country's or province's name ('蒙古族') names no place there."""
    return any(
        not mention.place_ids[0].startswith(("foreign:", "province:"))
        for mention in finder.find(words)
        if mention.place_ids and mention.end - mention.start >= 2
    )


#: flags of the function words of two or more characters that never stand inside a place's name, even a
#: transliterated one: prepositions, pronouns, adverbs and conjunctions ('这里', '已经', '以及'); a descriptive
#: park's or scenic area's words (通用, 扶贫, 国家级, 重要) are no prose.
_PROSE_WORD_FLAGS = frozenset({"p", "r", "d", "c"})


def _prose_word(word: str, flag: str) -> bool:
    """Whether a dictionary word of two or more characters is prose inside a name: a clause verb ('推进', '建设')
    or a function word (a preposition, pronoun, adverb or conjunction); a one-character one may be a syllable of
    a transliterated name."""
    return len(word) >= 2 and (word in PROSE_VERBS or flag in _PROSE_WORD_FLAGS)


def _common_before(word: str, flag: str) -> bool:
    """Whether ``word`` is a dictionary word of two or more characters that names nothing ('景区', not '乌日')."""
    return len(word) >= 2 and flag not in NAME_FLAGS and known(word)


#: how far before a suffix-made name the segmenter reads, so that the name's first word is cut as in its sentence.
_PROSE_CONTEXT = 4


def without_prose_head(text: str, mention: Mention) -> Mention | None:
    """``mention`` made by a class word alone (no gazetteer record) without the prose its stem took in before the
    name: the name starts after the last word of prose inside its stem — a clause verb, a function word of two or
    more characters, a one-character preposition after a word of prose ('X整个景区由度假区', '景区已经建成度假村':
    none left) — or after the class word read alone before it ('第一湖达尔滨湖' -> '达尔滨湖'); None when only the
    class word (or a generic word) is left."""
    if mention.place_ids or not mention.rule.startswith("suffix:"):
        return mention
    suffix = mention.rule.removeprefix("suffix:")
    stem_end = mention.end - len(suffix)
    if stem_end - mention.start < 3 or not mention.surface.endswith(suffix):
        return mention
    cut = mention.start
    previous = ("", "x")
    stem_words: list[tuple[int, str, str]] = []
    for start, end, word, flag in tagged_spans(text, max(0, mention.start - _PROSE_CONTEXT), stem_end):
        if mention.start <= start and end <= stem_end:
            stem_words.append((start, word, flag))
        if mention.start <= start and end <= stem_end and known(word):
            if _prose_word(word, flag):
                cut = end  # '已经', '以及', '建成'
            elif (flag == "p" or flag in GLUE_FLAGS) and _common_before(*previous):
                cut = end  # '景区由': a one-character preposition after a word of prose, not a syllable of a name
        if mention.start <= start and end <= stem_end and word == suffix:
            cut = end  # '第一湖达尔滨湖': the class word read alone before the name closes an epithet ('第一湖')
        previous = (word, flag)
    if cut == mention.start and _verb_before_one_word(stem_words):
        # '去黄花沟', '赏黄花沟': a verb, then the one common word that names the place
        cut = stem_words[1][0]
    if cut == mention.start:
        return mention
    if stem_end - cut < 2 or is_generic(text[cut:stem_end]):
        return None
    return replace(mention, surface=text[cut : mention.end], start=cut)


#: flags of a one-character word of prose that opens a stem before one common word ('去', '赏', '在').
_LEADING_PROSE_FLAGS = frozenset({"v", "p", "d", "c"})


def _verb_before_one_word(stem_words: list[tuple[int, str, str]]) -> bool:
    """Whether a stem's words are a one-character verb, preposition, adverb or conjunction, then one common noun of
    the dictionary ('去|黄花'): the verb is prose; a transliteration goes on after such a syllable ('达|来|库布',
    '留|宝|窑子'), a place word is a name of its own ('善|福寺') and a numeral ends a name ('兴|十四镇')."""
    if len(stem_words) != 2:
        return False
    (_, first, first_flag), (_, second, second_flag) = stem_words
    return (
        len(first) == 1
        and first_flag in _LEADING_PROSE_FLAGS
        and len(second) >= 2
        and known(second)
        and second_flag not in NAME_FLAGS
        and (second_flag.startswith("n") or second_flag in _NOUN_LIKE_FLAGS)
    )


#: flags of nouns the dictionary tags otherwise: verbal and adjectival nouns.
_NOUN_LIKE_FLAGS = frozenset({"vn", "an"})


#: rule of a route's number read alone ('G6', 'S215').
ROUTE_NUMBER_RULE = "route"
#: a route's code written alone ('G16', 'S215'), as the number joined to a name is written.
_ROUTE_CODE = re.compile(r"[GS]\d{1,4}")
#: rules of an expressway's name the gazetteer lacks ('丹西高速公路').
_EXPRESSWAY_NAME_RULES = frozenset({"suffix:高速", "suffix:高速公路"})


#: flags of the words that make the run after a route's code a clause, not a name: prepositions, conjunctions,
#: pronouns and verbs ('G7建设高速').
_CLAUSE_FLAGS = frozenset({"p", "c", "r", "v"})
#: an expressway's name written right after its code, up to its first class word ('首都环线高速').
_NAME_AFTER_CODE = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:高速公路|高速)")


def numbered_route_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each route code written right before the route's own name joined to it ('G6京藏高速公路',
    'G16丹西高速公路', 'G95首都环线高速'): one route named twice in one span is one mention (the annotation guide's
    whole name as written) — the name of the code's route, or an expressway's name the gazetteer lacks; and so is
    a route's name written right before its own code ('荣乌高速G18'); a section's or a facility's name after a code
    ('国道207线X绕城公路', 'S24 X互通') stays a mention of its own."""
    result: list[Mention] = []
    for index, mention in enumerate(mentions):
        name = result[-1] if result else None
        if (
            name is not None
            and mention.rule == ROUTE_NUMBER_RULE
            and not name.rule.startswith(
                ROUTE_NUMBER_RULE
            )  # 'G6京藏高速' + 'G6': a code opening the next name
            and name.end == mention.start
            and _ROUTE_CODE.fullmatch(mention.surface) is not None
            and mention.place_ids
            and name.place_ids == mention.place_ids
        ):
            # '荣乌高速G18': the route's name, then its own code, one route named twice in one span
            result[-1] = replace(name, surface=name.surface + mention.surface, end=mention.end)
            continue
        code = result[-1] if result else None
        if (
            code is not None
            and code.rule == ROUTE_NUMBER_RULE
            and code.end == mention.start
            and _ROUTE_CODE.fullmatch(code.surface) is not None
            and (
                (mention.place_ids and mention.place_ids == code.place_ids)
                or (not mention.place_ids and mention.rule in _EXPRESSWAY_NAME_RULES)
            )
        ):
            result[-1] = replace(
                code, surface=code.surface + mention.surface, end=mention.end, rule=f"{code.rule}+name"
            )
            continue
        if (
            mention.rule == ROUTE_NUMBER_RULE
            and _ROUTE_CODE.fullmatch(mention.surface) is not None
            and (name := _NAME_AFTER_CODE.match(text, mention.end)) is not None
            and (index + 1 == len(mentions) or mentions[index + 1].start >= name.end())
            and not opens_with_count(name.group())  # 'G55三条高速公路': a count of routes
            and not any(word in PROSE_VERBS or flag in _CLAUSE_FLAGS for word, flag in tag(name.group()))
        ):
            # 'G95首都环线高速': an expressway's name no record or class-word rule read, right after its code
            mention = replace(
                mention, surface=text[mention.start : name.end()], end=name.end(), rule="route+name"
            )
        result.append(mention)
    return result


def routes_named_again(text: str, taken: list[Mention]) -> list[Mention]:
    """A route named after a landscape or the place it leads to, written once with that place ('锡林郭勒盟千里草原
    风景大道') and elsewhere in the text without it ('千里草原风景大道'): the same route, qualified by the same place
    (the name without the place is no name the finder reads alone: '千里草原' holds no proper name)."""
    shorts: dict[str, Mention] = {}
    for mention in taken:
        suffix = mention.rule.removeprefix("suffix:")
        qualifier = mention.qualifier
        if (
            suffix in LANDSCAPE_ROUTE_SUFFIXES
            and qualifier
            and mention.qualifier_ids
            and mention.surface.startswith(qualifier)
            and len(mention.surface) - len(qualifier) - len(suffix) >= 2
        ):
            shorts.setdefault(mention.surface[len(qualifier) :], mention)
    found: list[Mention] = []
    for short, full in shorts.items():
        at = text.find(short)
        while at >= 0:
            found.append(
                Mention(short, at, at + len(short), "road", full.rule, (), full.qualifier, full.qualifier_ids)
            )
            at = text.find(short, at + len(short))
    return found  # the occurrences inside the full names overlap them: the merge keeps the full names


#: id prefixes of the records a text names in full once and then by their proper stem alone ('X生态旅游区' …
#: 'X'): sights and protected areas, whose class words a text drops once it has named them.
_NAMED_AGAIN_ID_PREFIXES = ("scenic:", "wetland:", "reserve:", "national_park:")


def _proper_stem(name: str, finder: MentionFinder) -> str | None:
    """The proper name a sight's name opens with ('金沙湾' of '金沙湾生态旅游区', '阿贵乌拉' of '阿贵乌拉旅游区'),
    after the places that qualify it ('乌海' of '乌海金沙湾…'): its run of name words, or of runs the segmenter
    does not know, of two or more characters, with the class words after it."""
    words = list(tag(name))
    while words and finder.ids_or_short(words[0][0]):
        words.pop(0)  # a league or a banner written first qualifies the name
    run = ""
    for index, (word, flag) in enumerate(words):
        if flag in NAME_FLAGS or not known(word):
            run += word
            continue
        return run if len(run) >= 2 and index < len(words) else None
    return None


#: a list of three or more quoted items ('“双驼峰”、“卧龙峰”和“神葱岩”', or with no mark between: '“双驼峰”“卧龙峰”'),
#: and the last characters of a landform's or a sight's name that most of its items must end with to make it a
#: list of sights.
_QUOTED_LIST = re.compile(r"“[\u4e00-\u9fff]{2,8}”(?:[、和及与]?“[\u4e00-\u9fff]{2,8}”){2,}")
_QUOTED_ITEM = re.compile(r"“([\u4e00-\u9fff]{2,8})”")
_SIGHT_LAST_CHARS = frozenset("峰山岭崖洞泉台岩潭峡沟湖瀑石")
_SIGHT_ITEMS = 3
#: flags of set phrases and idioms: a quoted one is a slogan ('“绿水青山”'), no sight.
_PHRASE_FLAGS = frozenset({"i", "l"})


def quoted_sight_lists(text: str, taken: list[Mention]) -> list[Mention]:
    """The items of a list of quoted names most of which end like a landform's or sight's name ('“双驼峰”、
    “卧龙峰”、“仙人洞”、“一镜天”和“神葱岩”': the sights of a scenic area a travel text names): each a scenic place
    (the gazetteer lacks such small sights; they are located like any unrecorded sight).  A quoted slogan or idiom
    ('“绿水青山”'), a count of a kind ('“三山”') and an item with a function character is none."""
    covered = SpanIndex(sorted((m.start, m.end) for m in taken))
    found: list[Mention] = []
    for run in _QUOTED_LIST.finditer(text):
        items = [m for m in _QUOTED_ITEM.finditer(text, run.start(), run.end())]
        ending = sum(m.group(1)[-1] in _SIGHT_LAST_CHARS for m in items)
        if ending < _SIGHT_ITEMS or ending * 4 < len(items) * 3:
            continue  # three or more items, three in four of them, end like a sight's name
        for item in items:
            name = item.group(1)
            start, end = item.span(1)
            words = tag(name)
            if (
                covered.overlaps(start, end)
                or not _FUNCTION_CHARS.isdisjoint(name)
                or (len(words) == 1 and words[0][1] in _PHRASE_FLAGS)
                or (len(name) == 2 and name[0] in NAME_OPENING_NUMERALS)  # '“三山”、“五岭”': counts of a kind
            ):
                continue
            found.append(Mention(name, start, end, "scenic", "list:quoted-sights", ()))
    return found


#: a summit named by the words that rank it and its height after it ('主峰大桦背海拔2322米', '最高点是小青山，海拔
#: 1909米'): the name between them, two to six characters.
_SUMMIT = re.compile(
    r"(?:主峰|最高峰|最高点|最高山)(?:为|是|叫)?(?!位于|在|地处|处于)([\u4e00-\u9fff]{2,6}?)[,，]?\s*海拔"
)


def summits_by_their_height(text: str, taken: list[Mention]) -> list[Mention]:
    """A summit a text names between the words that rank it and its height ('主峰黄石崖海拔2334.7米'): a mountain
    (the gazetteer lacks such summits; located like any unrecorded mountain); a recorded name there is already a
    mention, and words with a function character are no name ('最高的是这里海拔…')."""
    if "海拔" not in text:
        return []
    covered = SpanIndex(sorted((m.start, m.end) for m in taken))
    found: list[Mention] = []
    for match in _SUMMIT.finditer(text):
        name = match.group(1)
        start, end = match.span(1)
        if covered.overlaps(start, end) or not _FUNCTION_CHARS.isdisjoint(name):
            continue
        found.append(Mention(name, start, end, "mountain", "summit", ()))
    return found


def sights_named_again(text: str, taken: list[Mention], finder: MentionFinder) -> list[Mention]:
    """A sight, a park or a protected area named once in full ('金沙湾生态旅游区') and elsewhere in the text by the
    proper name it opens with ('金沙湾以顽强的生命力…'): the same place, where the segmenter reads that name as a
    word of its own; a name the gazetteer holds for another place, or a generic word, is no such stem."""
    stems: dict[str, Mention] = {}
    for mention in taken:
        if not mention.place_ids or not all(
            pid.startswith(_NAMED_AGAIN_ID_PREFIXES) for pid in mention.place_ids
        ):
            continue  # a recorded sight only: a name the class word made may open with any word ('北疆', '中蒙')
        stem = _proper_stem(mention.surface, finder)
        if stem is None or finder.ids_or_short(stem) or is_generic(stem) or _common_noun(stem):
            continue
        stems.setdefault(stem, mention)
    if not stems:
        return []
    covered = SpanIndex(sorted((m.start, m.end) for m in taken))
    found: list[Mention] = []
    for stem, full in stems.items():
        at = text.find(stem)
        while at >= 0:
            end = at + len(stem)
            again = Mention(stem, at, end, None, "named-again", full.place_ids)
            if (
                not covered.overlaps(at, end)
                and not text.startswith(_CLASS_WORDS_ALL, end)  # '阿贵庙': another place
                and _word_here(text, at, end)
                and not _is_gloss(text, again)
                and not text.startswith(_GLOSS_AFTER, end + 1)
            ):
                found.append(again)
            at = text.find(stem, end)
    return found


def _common_noun(word: str) -> bool:
    """Whether ``word`` is a dictionary word that is no place's name (胡杨, a tree jieba tags as a person's name):
    a stem of a sight's name that the text uses as a word of its own."""
    return known(word) and all(flag != PLACE_FLAG for _, flag in tag(word))


#: every class word of the suffix rules: one right after a sight's stem makes another place's name ('阿贵庙').
_CLASS_WORDS_ALL = tuple(SUFFIX_TYPES)
#: what follows a quoted word that a text explains ('“X”为蒙古语', '“X”意为'): a word glossed, no place named.
_GLOSS_AFTER = ("为蒙古语", "是蒙古语", "系蒙古语", "意为", "蒙古语")


def _word_here(text: str, start: int, end: int) -> bool:
    """Whether the segmenter reads ``text[start:end]`` as one word in its sentence."""
    around = _words(text, start, end)
    return around.get(start, ("", ""))[0] == text[start:end]


def region_stems(text: str, finder: MentionFinder, taken: Iterable[Mention] = ()) -> list[Mention]:
    """A named region written without its class word 地区 ('华北、西北市场', '京津、辽沈地区'): the stem of a
    region's name 'X地区', where the segmenter reads X as a place word of its own; not a direction after a
    place ('呼和浩特西北'), a preposition ('向西南') or before a direction word ('西北方向', '东北部').

    A compass region ('东北') that only the word after it or a preposition-like character before it leaves in
    doubt is a region when it is an item of a 、-list of regions ('西南、华南、华东、东北等地区', '通往东北、华北、西北
    地区'), when a verb of motion ends right before it ('通往东北': 往 inside a longer word names a destination, not
    a direction), when a superlative follows it ('东北最大的X': a direction is no scope of a superlative), when a
    part word follows it ('东北北部', '东北西部铁路') or when the country's own name stands before it ('我国东北铁路')."""
    stems, pattern = _region_stems(finder)
    if pattern is None:
        return []
    taken = list(taken)
    spans = SpanIndex((m.start, m.end) for m in taken)
    ends = {m.end for m in taken if m.place_ids}
    regions = [
        (m.start, m.end) for m in taken if m.place_ids and all(p.startswith("region:") for p in m.place_ids)
    ]
    found: list[Mention] = []
    doubtful: list[Mention] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        compass = COMPASS_CHARS.issuperset(match.group())
        of_country = compass and text.endswith(_OWN_COUNTRY, 0, start)
        if spans.overlaps(start, end) or (start in ends and not of_country):
            continue
        if start and text[start - 1] in _CLOSE_QUOTES and start - 1 in ends:
            continue  # '“X镇”西北': a direction from the quoted place
        following = text[end : end + 1]
        if following and following in _DIRECTION_AFTER:
            continue
        if (
            compass
            and following
            and following in _DIRECTION_VERBS
            and not (following == "与" and pattern.match(text, end + 1))  # '东北与华北': two regions
        ):
            continue
        if compass and _in_compass_course(text, start, end):
            continue  # '东北-西南向', '西南至东北走向': a course between two directions
        if compass and (
            (start and text[start - 1] in _UNIT_CHARS)
            or _PLAIN_DIRECTION_BEFORE.search(text, max(0, start - 4), start)
            or _PLAIN_DIRECTION_AFTER.match(text, end)
        ):
            continue  # '市东北的X', '西及西北以X为界', '西北和北边分别与X': a direction, joined with plain ones
        around = _words(text, start, end)
        if around.get(start, ("", ""))[0] != match.group() or around[start][1] != PLACE_FLAG:
            continue
        mention = Mention(match.group(), start, end, "region", "region-stem", stems[match.group()])
        if compass and start and text[start - 1] in _DIRECTION_BEFORE:
            if _ends_motion_verb(around, start):
                found.append(mention)  # '通往东北': the destination of a verb of motion
            else:
                doubtful.append(mention)  # '向东北': a direction, unless a list of regions holds it
            continue
        flags = _AFTER_COMPASS_FLAGS if compass else _AFTER_REGION_FLAGS
        word, flag = around.get(end, ("", "x"))
        if (
            word
            and word not in _HEARTLAND_WORDS
            and (
                flag not in flags or (flag == PLACE_FLAG and len(word) > 1 and not finder.ids_or_short(word))
            )
        ):
            if compass and (_RANKING.match(text, end) or of_country or _PART_OF.fullmatch(word)):
                found.append(mention)
            elif compass:
                doubtful.append(mention)
            continue  # a noun after it makes a longer name ('京津风沙源治理', '东北官话', '东北振兴区')
        found.append(mention)
    return found + _listed_with_regions(text, doubtful, regions + [(m.start, m.end) for m in found])


#: the inner part of a region, written after its name ('华北腹地'): the region itself is named.
_HEARTLAND_WORDS = frozenset({"腹地", "腹部"})
#: a superlative ('最大', '最早') or a ranking count ('九大X之一'): a compass word before one is the region it ranks
#: in ('东北最大的X', '东北九大火山群之一').
_RANKING = re.compile("最|[二三四五六七八九十]大")
#: the country's names for itself: a compass word right after one is a region of the country ('我国东北铁路'), not a
#: direction from it (that is written with 部: '中国东北部').
_OWN_COUNTRY = ("中国", "我国")
#: a part of an area ('北部', '中南部'): a compass word before one is the area it divides ('东北北部三地市',
#: '东北中南部地区').
_PART_OF = re.compile(r"[东西南北中]{1,2}部")
#: the last character of a verb of motion toward a destination ('通往', '前往', '运往'), as a word's end.
_MOTION_END = "往"


def _ends_motion_verb(around: dict[int, tuple[str, str]], start: int) -> bool:
    """Whether the word ending right before ``start`` is a verb of motion of two or more characters ending in 往
    ('通往', '销往'), whose object is a destination, not the bare preposition 往 of a direction."""
    word, flag = _word_ending_at(around, start)
    return (
        len(word) > 1
        and word.endswith(_MOTION_END)
        # jieba tags 通往 an adverb before some objects ('华北通往西北')
        and (flag.startswith("v") or flag == "d")
    )


#: the class words a macro-region's name may end with, which regions joined before it share ('东北与华北经济区');
#: not 地区, which the name is written with as its own ('西北、西南地区': the annotation guide).
_SHARED_REGION_WORDS = ("经济区", "区域", "地区")


def regions_sharing_a_class_word(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """A region's name with its class word after another region joined to it ('东北与华北经济区', '西北、西南区域',
    '东北和华北地区'):
    the class word is both regions', so each is written as its stem ('华北', as '东北'); the stem alone is the
    mention."""
    stems, _ = _region_stems(finder)
    # the region before shares the class word only when written as its bare stem ('东北与华北经济区', not
    # '京津冀城市群、东北经济区')
    region_ends = {m.end for m in mentions if (m.type == "region" or _all_regions(m)) and m.surface in stems}
    found: list[Mention] = []
    for mention in mentions:
        word = next((w for w in _SHARED_REGION_WORDS if mention.surface.endswith(w)), None)
        if word is None or not _all_regions(mention) or mention.start < 2:
            continue
        stem = mention.surface[: -len(word)]
        if stem not in stems or text[mention.start - 1] not in ITEM_JOINERS:
            continue
        if mention.start - 1 not in region_ends:
            continue
        end = mention.start + len(stem)
        found.append(replace(mention, surface=stem, end=end, type="region", rule="region-stem"))
    return found


def _all_regions(mention: Mention) -> bool:
    """Whether ``mention`` names recorded regions only."""
    return bool(mention.place_ids) and all(p.startswith("region:") for p in mention.place_ids)


def _listed_with_regions(text: str, doubtful: list[Mention], regions: list[tuple[int, int]]) -> list[Mention]:
    """The doubtful compass regions that stand next to a region across a list mark or a conjunction ('西南、华南、
    华东、东北等', '连接华北和西北重要枢纽'), taken in turn so that a chain of them joins the list."""
    starts = {start for start, _ in regions}
    ends = {end for _, end in regions}
    kept: list[Mention] = []
    changed = True
    while changed:
        changed = False
        for mention in doubtful:
            if mention in kept:
                continue
            after = (
                mention.end < len(text) and text[mention.end] in ITEM_JOINERS and mention.end + 1 in starts
            )
            before = (
                mention.start > 0 and text[mention.start - 1] in ITEM_JOINERS and mention.start - 1 in ends
            )
            if after or before:
                kept.append(mention)
                starts.add(mention.start)
                ends.add(mention.end)
                changed = True
    return kept


# -- province abbreviations ----------------------------------------------------------------------------
#: what closes a run of abbreviations naming provinces: a count of provinces, their meeting point or their
#: boundary ('（蒙冀界）', '晋蒙交界').
_RUN_CLOSERS = r"(?:[两二三四五六七八九十\d]{1,2}个?省(?:区|份|市)?|交汇|交?界|地区|两地|等地)"
#: closers that also follow a region's name ('京津地区'): the run before them must be a 、-list ('沪、粤地区').
_LIST_ONLY_CLOSERS = frozenset({"地区", "两地", "等地"})
#: the provinces' meeting point or boundary right after a run (and its count of provinces): '（蒙冀界）',
#: '蒙冀辽三省区交汇处', '蒙冀辽三省的交汇处', '蒙、冀、辽三省区交界处' say where a place lies, at a border, and name no province the text
#: speaks of (the annotation guide: the border point is the place); '陕、甘、宁、青五省区所共有' names the provinces.
_BOUNDARY_AFTER_RUN = re.compile(
    r"(?:[两二三四五六七八九十\d]{1,2}个?省(?:区|份|市)?的?)?(?:交汇|交?界|接壤|结合部)"
)


def names_a_boundary(text: str, run_end: int) -> bool:
    """Whether the run of province abbreviations ending at ``run_end`` is closed by their meeting point or
    boundary (see ``_BOUNDARY_AFTER_RUN``)."""
    return _BOUNDARY_AFTER_RUN.match(text, run_end) is not None


#: longest run of abbreviations read before a closer, in characters ('陕、甘、宁、青、新' is 9).
MAX_RUN = 12
#: the most characters from a run's last abbreviation to the word of RUN_CLOSER_WORDS its closer holds: the list
#: mark, two numerals and 个 before 省 ('蒙、五个省').
_RUN_CLOSER_REACH = 5


@cache
def _province_run_re() -> re.Pattern[str]:
    chars = "".join(province_abbreviations())
    return re.compile(f"(?:[{chars}]、?){{2,}}$")


@cache
def _run_end_re() -> re.Pattern[str]:
    """An abbreviation (and a list mark) right before a closer: where a run can end.  No closer holds an
    abbreviation or a list mark, so each closer after one is found once, as a scan for closers would find it;
    the closers after anything else (most of them: '地区', '交汇') close no run and are not looked at."""
    chars = "".join(province_abbreviations())
    return re.compile(f"[{chars}]、?(?=(?P<closer>{_RUN_CLOSERS}))")


def _run_ends(text: str, hits: WordHits) -> Iterator[re.Match[str]]:
    """The matches of :func:`_run_end_re` in ``text``, tried only at the abbreviations a few characters before a
    word of RUN_CLOSER_WORDS (``hits``: where those words are)."""
    names = province_abbreviations()
    starts = {
        start
        for closer_start, _ in hits.starts(RUN_CLOSER_WORDS)
        for start in range(max(0, closer_start - _RUN_CLOSER_REACH), closer_start)
        if text[start] in names
    }
    return matches_from(_run_end_re(), text, sorted(starts))


def province_runs(text: str, finder: MentionFinder, hits: WordHits | None = None) -> list[Mention]:
    """'辽吉黑蒙四省区', '陕、甘、宁、青五省区', '沪、粤地区': one province mention per abbreviation; none for a run
    closed by the provinces' meeting point or boundary ('蒙冀辽三省区交汇', '（蒙冀界）', see
    :func:`names_a_boundary`) (``hits``: the finder's ``word_hits`` of ``text``, when the caller has them)."""
    names = province_abbreviations()
    found = []
    for run_end in _run_ends(text, hits if hits is not None else finder.word_hits(text)):
        closer, closer_start = run_end.group("closer"), run_end.start("closer")
        match = _province_run_re().search(text, max(0, closer_start - MAX_RUN), closer_start)
        if match is None:
            continue
        run = match.group().replace("、", "")
        if (
            len(set(run)) < len(run)
            or _names_a_province(run, finder)
            or (closer in _LIST_ONLY_CLOSERS and "、" not in match.group())
            or names_a_boundary(text, closer_start)
        ):
            continue
        for offset, char in enumerate(match.group()):
            if char in names:
                start = match.start() + offset
                found.append(
                    Mention(char, start, start + 1, "province", "abbreviation", finder.ids(names[char]))
                )
    return found


def _runs_over_regions(kept: list[Mention], runs: list[Mention]) -> list[Mention]:
    """The province abbreviations of ``runs`` that spell, one character each, a region's name found whole
    ('晋陕宁三省区': 晋, 陕, 宁, not the region 晋陕宁): before a count of provinces they are the provinces."""
    if not runs:
        return []
    at = {m.start: m for m in runs}
    found: list[Mention] = []
    for mention in kept:
        if not _all_regions(mention):
            continue
        letters = [at.get(position) for position in range(mention.start, mention.end)]
        if all(letter is not None for letter in letters):
            found.extend(letter for letter in letters if letter is not None)
    return found


def _names_a_province(run: str, finder: MentionFinder) -> bool:
    """Whether a run of abbreviations is a province's name in full ('吉林、辽宁三省区': 辽宁, not 辽 and 宁)."""
    return any(pid.startswith("province:") for pid in finder.ids(run))


#: a 、-list of one-character items ('京、津、唐').
_CHAR_LIST = re.compile(r"[\u3400-\u9fff](?:、[\u3400-\u9fff])+")
#: fewest province abbreviations among a list's one-character items for the list to name places.
MIN_PROVINCES_IN_CHAR_LIST = 2


def abbreviation_lists(text: str, finder: MentionFinder) -> list[Mention]:
    """'距京、津、唐等城市': a 、-list whose every item is one character, two or more of them province
    abbreviations, names one place per character; an item that abbreviates no province (唐 for 唐山) is a city
    outside the region the gazetteer cannot place (type 'neighbour', no ids: unresolved, never the issuer).  Only
    lists where two province abbreviations stand on both sides of a 、 are read (a cheap test on every 、)."""
    names = province_abbreviations()
    found: list[Mention] = []
    done = -1
    at = text.find("、", 1)
    while at > 0:
        if at > done and text[at - 1] in names and text[at + 1 : at + 2] in names:
            start = at - 1
            while start >= 2 and text[start - 1] == "、" and is_han(text[start - 2]):
                start -= 2
            match = _CHAR_LIST.match(text, start)
            if match is not None:
                done = match.end()
                found.extend(_one_character_items(text, match, names, finder))
        at = text.find("、", at + 1)
    return found


#: conjunctions and particles after a list's last item: it ends there, whatever word the segmenter joins them into
#: ('京、津、冀及东北地区': jieba reads 冀及 as one word).
_LIST_CLOSING_CHARS = frozenset("及和与等的")


def _one_character_items(
    text: str, match: re.Match[str], names: dict[str, str], finder: MentionFinder
) -> list[Mention]:
    """The mentions of a list of one-character items (see :func:`abbreviation_lists`), none when it is no list."""
    start, end = match.span()
    chars = match.group()[::2]
    if len(set(chars)) < len(chars) or sum(char in names for char in chars) < MIN_PROVINCES_IN_CHAR_LIST:
        return []
    # the count closing the list ends its last item too ('京、蒙、辽三地': jieba reads 辽三地 as one word)
    last_ends = text[end : end + 1] in _LIST_CLOSING_CHARS or text[end : end + 1] in COUNT_NUMERALS
    last_ends = last_ends or at_word_bounds(text, end - 1, end)
    if not (at_word_bounds(text, start, start + 1) and last_ends):
        return []  # the first or last item is part of a longer word ('辽宁、吉林' holds no list '宁、吉')
    if names_a_boundary(text, end):
        return []  # '蒙、冀、辽三省区交界处': a border point, not the provinces
    found = []
    for offset, char in enumerate(chars):
        at = start + 2 * offset
        if char in names:
            found.append(Mention(char, at, at + 1, "province", "abbreviation", finder.ids(names[char])))
        else:
            found.append(Mention(char, at, at + 1, "neighbour", "abbreviation"))
    return found


# -- lists ---------------------------------------------------------------------------------------------
#: class words of sights: a word of sightseeing (景 'view', 旅游景 'tourist view', 参观 'visit', 游览 'tour',
#: 观光 'sightseeing') and the word of an area or a spot (区, 点): '景区', '景点', '参观点', '游览区'.  A count of
#: one after a list ('A、B等7处参观点') makes its items sights.
SIGHT_CLASS_WORDS = tuple(
    f"{view}{where}" for view in ("旅游景", "景", "参观", "游览", "观光") for where in "区点"
)
#: class words closing a counted list ('五条铁路', '三大沙漠', '三大经济区'), longest first, and the type each
#: gives its items; the suffix tried after an item to find its record ('京包' + '铁路' = 京包铁路).
LIST_CLASSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "国际航空港": ("airport", ("机场",)),
    # a road's facilities named after the places they serve ('A、B、C 3处设置互通式立交', 'A、B两个收费站')
    "互通式立交": ("road", ("互通",)),
    "互通立交": ("road", ("互通",)),
    "收费站": ("road", ("收费站",)),
    # sights counted by a class word of sights ('A、B等7处参观点', 'A、B等43个旅游景区（点）'): see SIGHT_CLASS_WORDS
    **dict.fromkeys(sorted(SIGHT_CLASS_WORDS, key=len, reverse=True), ("scenic", ("景区",))),
    # a line's stations named after the places they serve ('设A、B、C三个车站'): a station, at its place
    "火车站": ("station", ("站", "火车站")),
    "车站": ("station", ("站", "火车站")),
    "站点": ("station", ("站", "火车站")),
    "服务区": ("road", ("服务区",)),
    "气田": ("mine", ("气田",)),
    "煤田": ("mine", ("煤田",)),
    # power-station clusters named after the coal fields they burn ('A、B、C3个电站群')
    "电站群": ("mine", ("煤田", "矿区")),
    "高速公路": ("road", ("高速", "高速公路")),
    "航空港": ("airport", ("机场",)),
    "经济区": ("region", ("地区", "经济区")),
    "铁路线": ("railway", ("铁路", "线")),
    "自然保护区": ("reserve", ("自然保护区", "保护区")),
    "保护区": ("reserve", ("保护区", "自然保护区")),
    "铁路": ("railway", ("铁路", "线")),
    "高铁": ("railway", ("高铁", "铁路")),
    "高速": ("road", ("高速", "高速公路")),
    "国道": ("road", ("国道",)),
    "省道": ("road", ("省道",)),
    "沙漠": ("desert", ("沙漠",)),
    "沙地": ("sandy_land", ("沙地",)),
    "草原": ("grassland", ("草原",)),
    "口岸": ("port", ("口岸",)),
    # zones named by their stem ('金川、金山两个园区'): the record of the stem and a zone word
    "园区": ("park", ("开发区", "园区", "工业园区", "产业园")),
    "机场": ("airport", ("机场",)),
    "河流": ("river", ("河",)),
    "乡镇苏木": ("town", ("镇", "苏木", "乡")),
    "苏木乡镇": ("town", ("镇", "苏木", "乡")),
    "乡镇": ("town", ("镇", "乡", "苏木")),
    "苏木": ("town", ("苏木", "镇")),
    "街道": ("town", ("街道",)),
    "镇": ("town", ("镇", "苏木")),
    "乡": ("town", ("乡", "镇")),
    "湖泊": ("lake", ("湖",)),
    "山脉": ("mountain", ("山",)),
    "地区": ("region", ("地区",)),
    "区域": ("region", ("地区",)),
    "山": ("mountain", ("山",)),
    "河": ("river", ("河",)),
    "湖": ("lake", ("湖",)),
    # 'A、B两站': stations counted by the bare station word, right after the count (see _counts_its_class)
    "站": ("station", ("站", "火车站")),
}
#: last characters that give list items a shared type when another item of the list is a known name with it
#: ('贺兰山、X山、Y山等', 'X河、Y河', 'X乡、Y乡').
SHARED_ENDINGS: dict[str, str] = {
    "山": "mountain",
    "岭": "mountain",
    "峰": "mountain",
    "河": "river",
    "湖": "lake",
    "淖": "lake",
    "乡": "town",
    "镇": "town",
    "寺": "scenic",
    "庙": "scenic",
    "站": "station",
}
#: cues that introduce a list of scenic places ('景点有', '著名景点：', '人文景观，比如', '古迹有').
_SCENIC_CUE = re.compile(
    r"(?:景点|景区|名胜|(?<!天象)(?<!气象)(?<!生物)(?<!动物)(?<!植物)景观|古迹)(?:[，,]?(?:比如|例如|如)|有|包括|：|:)"
)  # sky and living landscapes list phenomena and species ('天象景观有大漠落日…', '生物景观有胡杨…'), no places
#: the characters a scenic cue starts with (looked for first).
_SCENIC_CUE_CHARS = "景名古"
#: verbs of a train stopping at the stations listed after them ('经停A、B、C', '停靠A、B'), and the verb of passing
#: through (途经), which introduces a train's stops only in a sentence about a train (a road's waypoints too).
_STOP_CUE = re.compile("经停|停靠|途经")
#: the characters the stop verbs start with (looked for first).
_STOP_CUE_CHARS = "经停途"
#: how far before a list's first item a stop verb may start: its length (the verbs are two characters).
_STOP_CUE_REACH = 2
#: the stop verb that needs a train in its sentence.
_PASSING = "途经"
#: a train: its number ('G4408次', 'K7次'), or a word for a train or a kind of train (列车, 动车, 火车, 班列; not
#: 火车站, a station); a sentence holding one is about a train.  Not 高铁, which names a line as often
#: ('X高铁途经A市、B市': the cities it runs through, no stations).
_TRAIN = re.compile(r"(?<![A-Za-z])[A-Z]\d{1,5}次|列车|动车|火车(?!站)|班列")
#: how far before a verb a train of its sentence is looked for, in characters.
MAX_TRAIN_REACH = 60


def _about_a_train(text: str, position: int) -> bool:
    """Whether the sentence before ``position`` names a train (:data:`_TRAIN`), within :data:`MAX_TRAIN_REACH`."""
    return _TRAIN.search(text, _sentence_since(text, position, MAX_TRAIN_REACH), position) is not None


#: the segmenter's flags of the word before a station a train's trip names: a verb or a preposition ('开往X东',
#: '到达X南', '由X东开往').
_TRIP_FLAGS = VERB_FLAGS | {"p"}
#: the segmenter's flags of the word after such a station: a verb, a particle, a conjunction or a preposition
#: ('X东开往', 'X东的', 'X东和'); a noun after the side makes another word ('X东部', 'X东站' is read elsewhere).
_AFTER_TRIP_FLAGS = VERB_FLAGS | {"uj", "ul", "c", "p"}
#: the marks that end a sentence, for :func:`_sentence_since`.
_SENTENCE_ENDS = "。；\n！？"
#: the marks a trip's sentence is cut at (its stations are looked for up to the next one): the same, and the ASCII
#: exclamation and question marks.
_TRIP_SENTENCE_ENDS = re.compile(f"[{_SENTENCE_ENDS}!?]")


def trip_stations(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Stations named by a place and a compass side without 站 in a sentence about a train (:data:`_TRAIN`),
    right after a verb or preposition of its trip ('由X东开往Y东的G1次列车', '列车…到达Y南'): a station of that
    place (its record when the gazetteer holds 'X东站', else located at the place), as a list of stops reads them."""
    found: list[Mention] = []
    done = -1
    for train in _TRAIN.finditer(text):
        if train.start() < done:
            continue
        begin = _sentence_since(text, train.start(), MAX_TRAIN_REACH)
        close = _TRIP_SENTENCE_ENDS.search(text, train.end())
        done = min(close.start() if close else len(text), train.end() + MAX_TRAIN_REACH)
        for side in range(begin + 2, done):
            if text[side] in COMPASS_CHARS and (span := _trip_station(text, begin, side, finder)) is not None:
                found.extend(
                    _typed_items(
                        text, [span], "station", LIST_CLASSES["车站"][1], {}, {}, finder, strict=False
                    )
                )
    taken = {(m.start, m.end) for m in mentions}
    unique: list[Mention] = []
    for mention in found:  # two train words of one sentence read it twice
        if (mention.start, mention.end) not in taken:
            taken.add((mention.start, mention.end))
            unique.append(mention)
    return unique


def _trip_station(text: str, begin: int, side: int, finder: MentionFinder) -> tuple[int, int] | None:
    """The span of the station named by a place ending right before the compass character at ``side`` and that
    side, when a verb or preposition of the trip stands before it and the side ends the word (see
    :func:`trip_stations`); None otherwise."""
    end = side + 1
    if end < len(text) and is_han(text[end]) and tag(text[end : end + WINDOW])[0][1] not in _AFTER_TRIP_FLAGS:
        return None
    start = _first_station_start(text, max(begin, end - MAX_ITEM), end, finder)
    if start is None or start >= side or not _sided_station(text[start:end], finder):
        return None
    before = tag(text[max(begin, start - WINDOW) : start])
    return (start, end) if before and before[-1][1] in _TRIP_FLAGS else None


def _stop_cues(text: str) -> list[re.Match[str]]:
    """The verbs of a train's stops in ``text``: 经停 and 停靠 anywhere, 途经 in a sentence about a train."""
    return [
        m
        for m in finditer_anchored(_STOP_CUE, text, _STOP_CUE_CHARS, (0,))
        if m.group() != _PASSING
        or (at_word_bounds(text, m.start(), m.end()) and _about_a_train(text, m.start()))
    ]


#: class words after 等 closing a list of scenic places ('A、B等景点').
SCENIC_CLASS_WORDS = ("景点", "景区", "名胜", "旅游景点", "遗迹", "遗址", "古迹", "景观")
#: what follows 等 to close a list of scenic places: a class word, after at most four characters that qualify it
#: ('等历史文化遗迹', '等古城池遗址', '等自然景观').
_SCENIC_CLOSE = "[\u4e00-\u9fff]{{0,4}}?(?:{})".format("|".join(SCENIC_CLASS_WORDS))
_SCENIC_CLOSE_RE = re.compile(_SCENIC_CLOSE)
#: class words after 等 closing a list of stations with no count ('A、B、C等车站'): its items are stations; the word
#: ends there (a character of another word after it, '等站台', is no closer).
STATION_CLASS_WORDS = ("火车站", "车站", "站点", "站")
_STATION_CLOSE = "(?:{})(?![\u4e00-\u9fff])".format("|".join(STATION_CLASS_WORDS))
_STATION_CLOSE_RE = re.compile(_STATION_CLOSE)
#: what follows 等 to close a list of streets ('A路、B街等多条“断头路”', 'A街、B街等19条道路'): a count, exact or
#: not (多, 几, 数), its measure word (both needed) and a street word (路, 街, 巷) after at most two characters qualifying it, the
#: word ending there; the items must end in a street word too (see :func:`_street_items`).
_STREET_CLOSE = (
    '(?:\\d{1,3}|[两二三四五六七八九十百]{1,3}|多|几|数|若干)[条个处][“"]?'
    '[\u4e00-\u9fff]{0,2}?[路街巷][”"]?(?![\u4e00-\u9fff])'
)
_STREET_CLOSE_RE = re.compile(_STREET_CLOSE)
#: street words of lines, not streets ('等多条公路', '等铁路'): a list closed by one is no list of streets.
_LINE_STREET_WORDS = ("公路", "铁路", "线路", "高速路", "网路", "通路", "干线路")
#: the words a street's name ends with (a list of streets holds only such items).
_STREET_ENDINGS = ("路", "街", "巷")
#: what closes a list of peoples ('A、B、C等21个民族'): its items are ethnic names, not places ('民族乡', '民族苏木'
#: are an ethnic township's class word, closing a township's name).
_PEOPLES_CLOSER = re.compile(
    r"等?(?:\d{1,3}|[两二三四五六七八九十]{1,3})?[多余]?个?(?:少数)?民族(?![乡鄉镇鎮]|苏木|蘇木)"
)
_NUMERALS = "两二三四五六七八九十"
#: the class words of counted lists, as one alternation (longest first: the dict's order).
_LIST_CLASS_WORDS = "|".join(map(re.escape, LIST_CLASSES))
#: the class word that counts its items only right after the count or its measure word ('两站', '3个站'): words
#: before it make it another kind of station ('3个加油站', '7个收费站'), so none qualifies it.
_BARE_CLASS = "站"
#: the class words words may qualify after the measure word (all but the bare one).
_QUALIFIED_CLASS_WORDS = "|".join(re.escape(word) for word in LIST_CLASSES if word != _BARE_CLASS)
#: what stands between a count and its class word: a measure word, with up to six characters qualifying the class
#: after it ('三条重要地方运煤铁路'), and a verb of setting up ('7处设置互通式立交'); a 的-phrase may describe the
#: items between the measure word and the class ('四个超千亿立方米的大气田').
_MEASURE = (
    f"(?:大|(?:条|个|座|处)(?:[\u4e00-\u9fff]{{1,6}}?(?={_QUALIFIED_CLASS_WORDS}))?)?(?:设置|设有|设)?"
    "(?:[\u4e00-\u9fff0-9]{1,8}的大?)?"
)
_COUNT_CLOSER = re.compile(f"(等)?((?<!\\d)\\d{{1,2}}|[{_NUMERALS}]{{1,2}}){_MEASURE}({_LIST_CLASS_WORDS})")
#: a list: items of CJK characters, digits and bracketed aliases separated by 、.
_LIST_RUN = re.compile(r"[\u3400-\u9fff0-9（）()]+(?:、[\u3400-\u9fff0-9（）()]+)+")
#: the characters of a list run besides CJK ones (see :data:`_LIST_RUN`).
_LIST_RUN_OTHERS = frozenset("0123456789（）()、")
_ALIAS = re.compile(r"[（(]([\u3400-\u9fff]{2,10})[）)]$")
#: conjunctions that join two names inside any item of a list ('A、B及C、D').
_INNER_JOINS = frozenset("及与")
_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "十": 10}


#: what stands right before a bare class word counting items: a numeral or a measure word.
_BEFORE_BARE_CLASS = frozenset(f"{_NUMERALS}0123456789个座处")


def _counts_its_class(text: str, closer: re.Match[str]) -> bool:
    """Whether the count ``closer`` (of :data:`_COUNT_CLOSER`) counts items of its class word: always, except the
    bare station word after words that make it another kind of station ('3个加油站'), and a class word of sights
    that qualifies a noun or an adjective after it ('10处景点设施', '5个景区配套': the items are facilities)."""
    if closer.group(3) in SIGHT_CLASS_WORDS:
        following = tag(text[closer.end() : closer.end() + 4])
        return not (following and following[0][1].startswith(_QUALIFIED_FLAGS))
    return closer.group(3) != _BARE_CLASS or text[closer.start(3) - 1] in _BEFORE_BARE_CLASS


#: flags of the word after a class word that the class word qualifies (nouns, adjectives).
_QUALIFIED_FLAGS = ("n", "a")


def _count(numeral: str) -> int:
    """'五' -> 5, '12' -> 12, '十二' -> 12."""
    if numeral.isdigit():
        return int(numeral)
    if numeral.startswith("十"):
        return 10 + _CHINESE_DIGITS.get(numeral[1:], 0) if len(numeral) > 1 else 10
    if numeral.endswith("十"):
        return _CHINESE_DIGITS.get(numeral[0], 0) * 10
    return _CHINESE_DIGITS.get(numeral, 0) if len(numeral) == 1 else -1


def _name_words_only(text: str, start: int, end: int) -> bool:
    """No dictionary verb, adjective or function word of two or more characters inside ``text[start:end]``."""
    around = _words(text, start, end)
    for position, (word, flag) in around.items():
        if position < end and position + len(word) > start and len(word) >= 2:
            if flag in NOT_NAME_FLAGS and known(word):
                return False
    return True


#: flags of one-character words that end the words before a list ('有', '是', '的', '在'); a single numeral or
#: classifier character is read inside a transliterated name ('哈日敖包').
_SHORT_BREAK_FLAGS = frozenset({"v", "p", "c", "d", "f", "s", "uj", "ul", "r"})


def _first_item_start(text: str, start: int, end: int) -> int:
    """Where the first item of a list really starts: after the last verb, function word or direction word
    ('境内有京通' -> '京通', '是连接东北' -> '东北')."""
    around = _words(text, start, end)
    begin = start
    for position, (word, flag) in sorted(around.items()):
        if start <= position and position + len(word) < end and position + len(word) > begin:
            if (len(word) >= 2 and flag in NOT_NAME_FLAGS) or flag in _SHORT_BREAK_FLAGS:
                begin = position + len(word)
    return begin


def _first_station_start(text: str, start: int, end: int, finder: MentionFinder) -> int | None:
    """Where the first item of a list of stations starts when it is a known place's name, with or without a
    compass side ('途经平庄', '改造临河西' → 临河西): the longest such name ending the item; None when there is none."""
    for position in range(max(start, end - MAX_ITEM), end - 1):
        item = text[position:end]
        stem = item[:-1] if len(item) > 2 and item[-1] in COMPASS_CHARS else item
        if any(
            i.startswith(_STATION_ITEM_PLACES)
            for i in (*finder.ids_or_short(stem), *finder.ids_or_short(item))
        ):
            return position
    return None


def _after_common_words(text: str, begin: int, end: int, finder: MentionFinder) -> int:
    """Where ``text[begin:end]`` starts after the dictionary words of two or more characters with no name flag
    that open it, when a known place's name is left ('途经X', 途经 read by the segmenter as a noun, is X); a
    name that holds such a word stays whole ('白音塔拉': 白音 is a noun of the dictionary)."""
    position = begin
    for word, flag in tag(text[begin:end]):
        if len(word) < 2 or flag in NAME_FLAGS or not known(word) or end - position - len(word) < 2:
            break
        position += len(word)
        if finder.ids_or_short(text[position:end]) or station_item_place(text[position:end], finder):
            return position
    return begin


def _known_name_start(text: str, start: int, begin: int, end: int, finder: MentionFinder) -> int:
    """The start of the last place name (or short form) in ``text[start:begin]`` whose item up to ``end`` reads
    as a list item (:func:`_is_item`); ``begin`` when there is none."""
    for position in range(begin - 1, start - 1, -1):
        for length in range(min(MAX_ITEM, end - position), 1, -1):
            if finder.ids_or_short(text[position : position + length]) and _is_item(text[position:end]):
                return position
    return begin


#: function characters (particles, pronouns, quantifiers, negations) that no item of a counted list holds; the
#: other characters prose shares with names (化 of 化德, 强, 点) are allowed there, the count vouching for the list.
_FUNCTION_CHARS = frozenset("的之各每些所有不没等以我此该这那对")


def _named_after_place(station: Mention, finder: MentionFinder) -> Mention:
    """A station's record read from a list ('呼和浩特东' of 呼和浩特东站) with the place it is named after as its
    qualifier (:func:`station_item_place`): the name holds the place, which says where the station is (evidence
    for a station outside the text's league)."""
    place = station_item_place(station.surface, finder)
    return station if place is None else replace(station, qualifier=place[0], qualifier_ids=place[1])


def _sided_station(item: str, finder: MentionFinder) -> bool:
    """Whether ``item`` is a place's name and a compass side, which names one of the place's stations ('大同南')."""
    return len(item) > 2 and item[-1] in COMPASS_CHARS and station_item_place(item, finder) is not None


#: the segmenter's flag of a localizer (后, 前: after, before).
_LOCALIZER_FLAG = "f"


def _stop_before_verb(text: str, start: int, end: int, finder: MentionFinder) -> tuple[int, int]:
    """The last stop of a train's list ending before the verb that goes on with the trip ('乌兰察布到达X东': the
    stop is 乌兰察布): the item cut at the first word of two or more characters the segmenter reads as a verb, when
    what stands before it is a place's name or a place and its side (a verb the segmenter reads inside a name the
    gazetteer lacks cuts nothing)."""
    if finder.ids_or_short(text[start:end]):
        return start, end
    position = start
    for word, flag in tag(text[start:end]):
        if position > start and len(word) >= 2 and flag in VERB_FLAGS:
            # '乌兰察布后到达': a localizer (后, 前) between the stop and the verb is no part of it
            for cut in (position, position - 1):
                stop = text[start:cut]
                if finder.ids_or_short(stop) or _sided_station(stop, finder):
                    return start, cut
                if text[cut - 1] in COMPASS_CHARS or tag(text[cut - 1 : cut])[0][1] != _LOCALIZER_FLAG:
                    break
            return start, end
        position += len(word)
    return start, end


def _is_name_item(item: str) -> bool:
    """An item of a counted list (the count vouches for it): 2-12 CJK characters, no function character."""
    return (
        2 <= len(item) <= MAX_ITEM
        and all("\u3400" <= c <= "\u9fff" for c in item)
        and _FUNCTION_CHARS.isdisjoint(item)
    )


def _is_item(item: str) -> bool:
    """A list item that can be a name: a route number, or 2-12 CJK characters with no counter or particle, not
    starting with a counter ('13个镇、2个乡': 个镇 counts towns after the number)."""
    if item.isdigit():
        return 2 <= len(item) <= 4
    return (
        2 <= len(item) <= MAX_ITEM
        and all("\u3400" <= c <= "\u9fff" for c in item)
        and not IMPROPER_CHARS.intersection(item)
        and item[0] not in COUNTER_CHARS
    )


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of the list ``text[start:end]`` (split at 、, the last also at 和/及/与, bracketed aliases apart)."""
    items: list[tuple[int, int]] = []
    position = start
    for part in text[start:end].split("、"):
        items.append((position, position + len(part)))
        position += len(part) + 1
    items[-1:] = split_last_item(text, *items[-1])
    joined: list[tuple[int, int]] = []
    for item_start, item_end in items:
        # '飞来石及三道沟': an item of two names joined by 及 or 与 (never inside a name; 和 is: 呼和, 额和宝力格)
        cut = next((o for o in range(item_start + 2, item_end - 1) if text[o] in _INNER_JOINS), None)
        joined.extend(
            [(item_start, cut), (cut + 1, item_end)] if cut is not None else [(item_start, item_end)]
        )
    items = joined
    spread: list[tuple[int, int]] = []
    for item_start, item_end in items:
        alias = _ALIAS.search(text, item_start, item_end)
        if alias is not None:
            spread.append((item_start, alias.start()))
            spread.append(alias.span(1))
        else:
            spread.append((item_start, item_end))
    return spread


def _list_cues(digits: str) -> re.Pattern[str]:
    """Where a list may be, in one scan of the text, each cue matched as the one character it starts with: a
    numeral before a class word, where a counted list may close (read with :data:`_COUNT_CLOSER`); an item ending of
    :data:`SHARED_ENDINGS` before a list separator, where a shared-ending list may be; 等 before a scenic class word
    ('等景点'), a scenic list's closer.  ``digits``: the class of the decimal digits read as numerals."""
    numerals = f"{_NUMERALS}{digits}"
    endings = "".join(SHARED_ENDINGS)
    classes = word_alternation(LIST_CLASSES)  # a trie: only whether a class word follows counts here
    return re.compile(
        f"[{numerals}{endings}等]"
        f"(?:(?<=[{numerals}])(?={_MEASURE}(?:{classes}))"
        f"|(?<=[{endings}])(?=、)"
        f"|(?<=等)(?={_SCENIC_CLOSE}|{_STATION_CLOSE}|{_STREET_CLOSE}))"
    )


#: the cues of a list, every decimal digit a numeral.
_LIST_CUES = _list_cues(r"\d")
#: the same for a text whose decimal digits are all 0-9 or ０-９ (nearly every text): a character class without
#: the Unicode digit category is scanned several times faster.
_LIST_CUES_COMMON_DIGITS = _list_cues("0-9０-９")
#: the code points of every other decimal digit (Arabic-Indic to Mongolian, Vai to Myanmar extended, and the
#: planes above the basic one); tests check the ranges against Python's own Unicode tables.
OTHER_DIGIT_RANGES = ((0x0660, 0x1C59), (0xA620, 0xABF9), (0x10000, 0x10FFFF))


def holds_other_digits(text: str) -> bool:
    """Whether ``text`` holds a decimal digit other than 0-9 and ０-９ (or a character of its ranges)."""
    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    return any(bool(((codes >= low) & (codes <= high)).any()) for low, high in OTHER_DIGIT_RANGES)


def _runs_holding(text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """The list runs (:data:`_LIST_RUN`) around any of the sorted ``positions`` (each run once); most text holds
    no list worth reading, so only the runs around these cues are looked at."""
    done = -1
    for position in positions:
        if position < done:
            continue
        start = position
        while start > 0 and (is_han(text[start - 1]) or text[start - 1] in _LIST_RUN_OTHERS):
            start -= 1
        run = _LIST_RUN.match(text, start)
        if run is not None and run.end() > position:
            done = run.end()
            yield run


_PEOPLES_WORD = re.compile("民族")
#: the longest name of a people in a list of peoples ('鄂伦春族', '俄罗斯族'; 5 leaves room for a 少数/等 before them).
_PEOPLE_NAME_MAX = 5


def peoples_items(text: str) -> set[tuple[int, int]]:
    """The items of lists of peoples ('鄂温克、达斡尔、蒙古、汉等21个民族'): ethnic names, never places."""
    spans: set[tuple[int, int]] = set()
    if "民族" not in text:
        return spans
    for run in _runs_holding(text, [m.start() for m in _PEOPLES_WORD.finditer(text)]):
        start, end = run.span()
        closer = _PEOPLES_CLOSER.search(text, text.find("、", start, end), end)
        if closer is None or text[closer.start() - 1] == "、":
            continue  # '科尔沁草原、民族风情': 民族 opens the next item, it closes no list of peoples
        items = _items(text, start, closer.start())
        # the peoples are the short items right before the closer; a long one ends the list ('…代表分别向…草原风光、
        # 传统民族文化': the run is a sentence's, not a list of peoples), and the people its last characters name
        tail = len(items)
        while tail > 1 and items[tail - 1][1] - items[tail - 1][0] <= _PEOPLE_NAME_MAX:
            tail -= 1
        spans.update(items[tail:])
        first_start, first_end = items[tail - 1]
        longest = min(first_end - first_start, _PEOPLE_NAME_MAX)
        spans.update((first_end - n, first_end) for n in range(1, longest + 1))
    return spans


def _street_items(text: str, start: int, close: int) -> bool:
    """Whether the list ``text[start:close]`` is closed at ``close`` (its 等) by a street word
    (:data:`_STREET_CLOSE`), not a line's, and each of its items ends in a street word and is no kind of road."""
    closer = _STREET_CLOSE_RE.match(text, close + 1)
    if closer is None or closer.group().rstrip('”"').endswith(_LINE_STREET_WORDS):
        return False
    items = [text[item_start:item_end] for item_start, item_end in _items(text, start, close)]
    # every item a street's name; one a kind of road ('产业路、旅游路'): a list of kinds
    return all(item.endswith(_STREET_ENDINGS) and not is_generic(item) for item in items)


def list_items(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Items of lists typed by the list: counted ('京包、沪兰五条铁路', 'A、B、C三大沙漠'), introduced by a cue
    ('景点有A、B（C）、D等'), or sharing an ending with a known item ('贺兰山、X山、Y山')."""
    found: list[Mention] = []
    by_span = {(m.start, m.end): m for m in mentions}
    units_at = {m.start: m for m in mentions if _unit_written_in_full(m)}
    by_end = {m.end: m for m in mentions}
    starts_by_end: dict[int, int] | None = None
    ordered: list[Mention] | None = None
    cues = _LIST_CUES if holds_other_digits(text) else _LIST_CUES_COMMON_DIGITS
    stops = _stop_cues(text)
    stop_ends = {m.end(): m for m in stops}
    triggers = sorted(
        [
            *(m.start() for m in cues.finditer(text)),
            *(m.end() for m in finditer_anchored(_SCENIC_CUE, text, _SCENIC_CUE_CHARS, (0,))),
            *(m.end() for m in stops),
        ]
    )
    for run in _runs_holding(text, triggers):
        start, end = run.span()
        kind, suffixes = "", ()
        counted, cued, etc, closed = -1, False, False, False
        closer = _COUNT_CLOSER.search(text, text.find("、", start, end), end)
        if closer is not None and not _counts_its_class(text, closer):
            closer = None
        if closer is not None:
            end, counted, etc = closer.start(), _count(closer.group(2)), bool(closer.group(1))
            kind, suffixes = LIST_CLASSES[closer.group(3)]
        else:
            first = text.find("、", start, end)
            cue = _SCENIC_CUE.search(text, max(0, start - 5), first)
            if cue is not None and start <= cue.end() < first:  # the cue ends before the first item's 、
                kind, start = "scenic", max(start, cue.end())
                cued = kind == "scenic"
            stop = next(
                (
                    stop_ends[at]
                    for at in range(max(0, start - _STOP_CUE_REACH), first + 1)
                    if at in stop_ends
                ),
                None,
            )
            if stop is not None and (stop.end() == start or stop.start() >= start):
                # '列车经停A、B、C': the stops of a train are stations
                (kind, suffixes), start, cued = LIST_CLASSES["车站"], max(start, stop.end()), True
            last = text.rfind("、", start, end) + 1
            close = text.find("等", last, end)
            if close >= 0 and _SCENIC_CLOSE_RE.match(text, close + 1):
                kind = "scenic"  # 'A、B等景点'
            elif close >= 0 and _STATION_CLOSE_RE.match(text, close + 1):
                # 'A、B、C等车站': the class word vouches for the items as a count does
                kind, suffixes, closed = *LIST_CLASSES["车站"], True
            elif close >= 0 and _street_items(text, start, close):
                # 'A路、B街等多条“断头路”': items that end in street words, closed by a street word, are streets
                kind, suffixes, closed = "street", (), True
            end = close if close >= 0 else end
        items = _items(text, start, end)
        if items and text[end : end + 1] in (":", "：") and not finder.ids(text[slice(*items[-1])]):
            items.pop()  # '…、X地方特产：': the last item runs into the next heading (a lost line break)
        if kind == "station":
            items = _run_on_stations(text, items, finder)
            if cued and items:
                items[-1] = _stop_before_verb(text, *items[-1], finder)
        if not items:
            continue
        if kind and counted >= 0 and not (counted == len(items) or (etc and len(items) < counted)):
            continue  # the count does not match the items read ('A、B等5条' names some of them): no list
        if not kind and not _shares_ending(text, items):
            continue  # no type for the items: leave the list alone (most lists)
        first_start, first_end = items[0]
        ending = by_end.get(first_end)
        if ending is not None and ending.start < first_start:
            ending = None
        inner = None
        if ending is None:
            if ordered is None:  # once per text, on the first list that needs it
                ordered = sorted(mentions, key=attrgetter("start"))
            inner = _place_holding_the_list(text, ordered, first_start, first_end)
        if ending is not None:  # '资源如达里湖': a known name ends the first item
            items[0] = (_run_before_short_name(text, ending, first_start, by_end), first_end)
        elif inner is not None:  # '胡杨林旅游区内设A、B': the list is of what that place holds
            items[0] = (inner, first_end)
        elif (first_start, first_end) not in by_span and not cued:
            begin = _first_item_start(text, max(first_start, first_end - MAX_ITEM), first_end)
            if text[begin:first_end] in SUFFIX_TYPES:
                # '如意大街' (如意 read as a verb): a bare class word names nothing; the word of two or more characters
                # before it is its stem (a one-character verb is prose: '乌海是山')
                begin = next(
                    (
                        p
                        for p, (w, _) in _words(text, first_start, begin).items()
                        if p >= first_start and p + len(w) == begin and len(w) >= 2
                    ),
                    begin,
                )
            if (opening := by_end.get(begin)) is not None and first_start <= opening.start < begin:
                # '由西乌不浪沟奇峰异石…区': the segmenter cut the item where a place's name ends (its class word
                # read as a verb); the place opens the item's name
                begin = opening.start
            if counted >= 0 and first_end - begin < 2:
                # a counted list's first item cut inside a name ('在朱日和北' read 在/朱日/和/北): it starts where
                # the last place name before the cut does
                begin = _known_name_start(text, first_start, begin, first_end, finder)
            if kind == "station":
                # '途经X' (途经 read as a noun), '改造临河西' (临 read as a verb): the name of the first station
                first = _first_station_start(text, first_start, first_end, finder)
                begin = first if first is not None else _after_common_words(text, begin, first_end, finder)
            items[0] = (begin, first_end)
        if kind:
            strict = counted < 0 and not closed
            found.extend(_typed_items(text, items, kind, suffixes, by_span, units_at, finder, strict=strict))
        else:
            if starts_by_end is None:  # once per text, on the first list that needs it
                starts_by_end = _latest_starts(by_span)
            found.extend(_shared_endings(text, items, by_span, starts_by_end, finder))
    return found


#: longest known name that a run of name words before it may qualify inside a list item ('哈拉长城').
SHORT_ITEM_NAME = 2


def _run_before_short_name(text: str, ending: Mention, first_start: int, by_end: dict[int, Mention]) -> int:
    """Where a list's first item starts when a known name ends it: at that name ('资源如达里湖'), or, for a short
    name (长城), at the run of name words the segmenter reads right before it, after any place written before
    ('修缮乌拉特前旗哈拉长城、…': 哈拉长城, a section of the wall)."""
    if len(ending.surface) > SHORT_ITEM_NAME:
        return ending.start
    left = max(
        (
            end
            for end in range(first_start, ending.start + 1)
            if end in by_end and by_end[end].start >= first_start
        ),
        default=first_start,
    )
    run = name_run_start(text, left, ending.start, ending.end) if left < ending.start else None
    return run if run is not None and run < ending.start else ending.start


#: a locative and a verb of holding after a place's name ('X旅游区内设', 'X景区中有'): what follows is held there.
_HOLDS_AFTER = re.compile(r"[内中里]?(?:设有|建有|分布有|分布着|设|有|建)")


def _place_holding_the_list(text: str, ordered: list[Mention], start: int, end: int) -> int | None:
    """Where the first item of a list starts when a place's name, a locative and a verb of holding open the text
    before it ('胡杨林旅游区内设陶来林、…': the items are what the place holds): after the verb; None otherwise
    (``ordered``: the text's mentions by start, of which only those starting inside the item are read)."""
    first = bisect_left(ordered, start, key=attrgetter("start"))
    for mention in ordered[first : bisect_left(ordered, end, key=attrgetter("start"))]:
        if mention.end < end - 1:
            held = _HOLDS_AFTER.match(text, mention.end, end)
            if (
                held is not None
                and held.end() > mention.end
                and end - held.end() >= 2
                and at_word_bounds(
                    text, mention.end, held.end()
                )  # '包头市建设路': 建 starts a word of the name
            ):
                return held.end()
    return None


#: the words introducing a list after its count and class word ('共有7个收费站，分别是A、B、…'), looked for first
#: (they are rare); the count and class word must end right before them.
_HEADED_LIST = re.compile(r"(?:分别是|分别为|分别位于|包括|即)[：:]?")
#: the characters the introducing words start with (looked for first).
_HEADED_LIST_CHARS = "分包即"
#: the count and class word at the end of the text before an introducing word (at most this many characters).
_COUNT_CLOSER_AT_END = re.compile(_COUNT_CLOSER.pattern + r"[，,]?$")
MAX_HEAD = 30


#: how far before its introducing word a count and class word of the same sentence is looked for, in characters
#: ('设了5个站点，其中一个是既有站，其余新建，分别是A、…': a remark on the items stands between them).
MAX_HEAD_IN_SENTENCE = 60


def _heads_in_sentence(text: str, intro: int) -> list[re.Match[str]]:
    """The counts and class words of the sentence before the introducing word at ``intro``, within
    :data:`MAX_HEAD_IN_SENTENCE` characters, last first (the one whose count equals the items heads them)."""
    begin = _sentence_since(text, intro, MAX_HEAD_IN_SENTENCE)
    return list(_COUNT_CLOSER.finditer(text, begin, intro))[::-1]


def headed_list_items(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Items of a list written after its count and class word ('设有3个收费站，分别是A、B、C'): typed by the class
    word when the count matches the items (the list ends at the clause's end); a remark may stand between them
    ('设了5个站点，其中一个是既有站，分别是A、…': a count of the sentence equal to the items heads it)."""
    if "、" not in text:
        return []
    found: list[Mention] = []
    by_span = {(m.start, m.end): m for m in mentions}
    units_at = {m.start: m for m in mentions if _unit_written_in_full(m)}
    for intro in finditer_anchored(_HEADED_LIST, text, _HEADED_LIST_CHARS, (0,)):
        run = _LIST_RUN.match(text, intro.end())
        if run is None:
            continue
        adjacent = _COUNT_CLOSER_AT_END.search(text, max(0, intro.start() - MAX_HEAD), intro.start())
        for closer in [adjacent] if adjacent is not None else _heads_in_sentence(text, intro.start()):
            if closer.group(1) or not _counts_its_class(text, closer):
                continue
            kind, suffixes = LIST_CLASSES[closer.group(3)]
            items = _items(text, *run.span())
            if kind == "station":
                items = _run_on_stations(text, items, finder)
            if _count(closer.group(2)) == len(items):
                found.extend(
                    _typed_items(text, items, kind, suffixes, by_span, units_at, finder, strict=False)
                )
                break
    return found


#: 'X为代表的' ('以X为代表的十大景点': X stands for the places counted after it), X one item or a list.
_REPRESENTED = re.compile(r"以([\u3400-\u9fff（）()、]{2,60}?)为代表的")


def represented_items(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Items named as the representatives of places counted after them ('以雁渡苇荡为代表的十大景点', '以A、B为代表
    的5个园区'): typed by the class word of the count, which names more places than the items (no count to match);
    the items are read strictly, as a list with no count (names, no common words)."""
    if "为代表的" not in text:
        return []
    found: list[Mention] = []
    by_span = {(m.start, m.end): m for m in mentions}
    units_at = {m.start: m for m in mentions if _unit_written_in_full(m)}
    for represented in finditer_anchored(_REPRESENTED, text, "以", (0,)):
        closer = _COUNT_CLOSER.match(text, represented.end())
        if closer is None or closer.group(1) or not _counts_its_class(text, closer):
            continue
        kind, suffixes = LIST_CLASSES[closer.group(3)]
        items = _items(text, *represented.span(1))
        if kind == "station" or len(items) > _count(closer.group(2)):
            continue
        found.extend(_typed_items(text, items, kind, suffixes, by_span, units_at, finder, strict=True))
    return found


#: the numerals that number a plan's themes from one ('一带、二园…').
_ORDINAL_NUMERALS = "一二三四五六七八九十"


def _numbered_items(text: str, items: list[tuple[int, int]]) -> bool:
    """Whether the items open with the numerals counting up from one ('一带、二园、三小区'): a numbered set of
    themes, each named by its count and a kind; or are bare numerals after the first ('一、二、三、四景区')."""
    firsts = "".join(text[start : start + 1] for start, _ in items)
    if len(firsts) >= 2 and _ORDINAL_NUMERALS.startswith(firsts):
        return True
    # '目前一、二、三、四景区': numerals counting the class word's places, the first glued to the words before it
    rest = [(start, end) for start, end in items[1:] if end > start]
    return bool(rest) and all(end - start == 1 and text[start] in _ORDINAL_NUMERALS for start, end in rest)


def _named_with_class_word(
    known: Mention, kind: str, suffixes: tuple[str, ...], finder: MentionFinder
) -> Mention | None:
    """The record a ``known`` item of a counted list names with the list's class word ('黑山头、室韦两个口岸':
    黑山头口岸, though 黑山头 alone is a town), or None; a list of towns or stations is read by its own rules, and a
    league or banner listed stays the unit ('呼和浩特、包头两大机场': the cities the airports serve)."""
    if kind in ("town", "station") or all(i.startswith(_COUNTY_OR_ABOVE) for i in known.place_ids):
        return None
    for suffix in suffixes:
        ids = finder.ids(known.surface + suffix)
        if ids and all(i.startswith(f"{kind}:") for i in ids):
            return Mention(known.surface, known.start, known.end, kind, LISTED_RECORD_RULE, ids)
    return None


#: a count of units of a kind ('两镇', '3个乡', '两个办事处'): no unit's name.
_COUNTED_UNITS = re.compile(rf"[{COUNT_NUMERALS}\d]+个?(?:镇|乡|苏木|街道|办事处|旗|县|区|市|嘎查|村)")


def _typed_items(
    text: str,
    items: list[tuple[int, int]],
    kind: str,
    suffixes: tuple[str, ...],
    by_span: dict[tuple[int, int], Mention],
    units_at: dict[int, Mention],
    finder: MentionFinder,
    strict: bool,
) -> list[Mention]:
    """One mention per name-like item, of the list's type (a known mention of the same span stays; ``units_at``:
    the leagues and banners written in full, by start)."""
    if _numbered_items(text, items):
        return []  # '一带、二园、三小区、四中心、五湖': a plan's numbered themes, the last counting lakes, no names
    found = []
    for start, end in items:
        if (unit := units_at.get(start)) is not None and end - unit.end >= 2:
            start = (
                unit.end
            )  # '巴彦淖尔市X长城': the unit written before the item is its address, a mention of its own
        item = text[start:end]
        if any(a < start < b and m.place_ids for (a, b), m in by_span.items()):
            continue  # '第一街道办事处': the item starts inside a gazetteer name ('第一街道'), which stands
        if kind == "station" and item.endswith(_STATION_CHAR):
            continue  # 'A站、B、C站': an item written with its station word is read by the station rule
        if (start, end) in by_span and kind == "station":
            found.extend(_listed_place_station(by_span[(start, end)], finder))
            continue
        if (start, end) in by_span and kind == "town" and _unit_stem_only(by_span[(start, end)]):
            found.append(_listed_township(item, start, end, suffixes, finder))
            continue
        if (start, end) in by_span and (
            named := _named_with_class_word(by_span[(start, end)], kind, suffixes, finder)
        ):
            found.append(named)  # '黑山头、室韦两个口岸': the towns' ports, each recorded with the class word
            continue
        if (
            (start, end) in by_span
            or is_generic(item)
            or item[:1] in COUNTER_CHARS
            or _COUNTED_UNITS.fullmatch(item)
            or COMPASS_CHARS.issuperset(item)
        ):
            # '13个镇、2个乡', '两镇、两乡': counts of units (a counter never starts a name); '南北两座沙山': the
            # sides the counted places stand on, no names
            continue
        sided = kind == "station" and _sided_station(item, finder)
        if not _is_item(item) and (strict or not _is_name_item(item)):
            continue  # a counted list may hold names with a character prose uses too ('化德北')
        if strict and not sided and not _name_words_only(text, start, end):
            continue  # (a place and its compass side is a station's name, though the place is a word: '大同南')
        if kind == "scenic" and (named := _place_before_common_words(text, start, end, finder)) is not None:
            found.append(named)  # '黄河沿岸风光': the river's banks, a sight of no name of its own
            continue
        if kind == "scenic" and common_words_only(text, start, end):
            # '温泉、湿地、火山等自然景观': kinds of landscape; 'X分为月亮城堡、…、民俗生活娱乐5大景区': the parts
            # of a sight, named in common words, no places of their own
            continue
        ids: tuple[str, ...] = ()
        with_class_word = False
        for suffix in suffixes:
            ids = finder.ids(item + suffix)
            with_class_word = bool(ids)
            ids = ids or finder.ids(item if not item.isdigit() else "G" + item)
            if ids:
                break
        if (
            not ids
            and kind == "park"
            and any(p.startswith(_UNIT_PREFIXES) for p in finder.ids_or_short(item))
        ):
            continue  # '锡尼、树林召两个园区': towns the counted parks lie in, no parks' short names
        if not ids and kind == "station" and (place := station_item_place(item, finder)) is not None:
            # '临河西', '乌海海勃湾': the station of the unit or town its name ends with, located there
            found.append(Mention(item, start, end, kind, LISTED_STATION_RULE, (), place[0], place[1]))
            continue
        if not ids and not item.isdigit():
            ids = finder.ids(item)
        own = next((t for s, t in SUFFIX_TYPES.items() if item.endswith(s) and len(item) > len(s)), None)
        if kind == "town" or with_class_word:
            # '沙河、莎木佳三个镇': the list's towns, whatever their names end with; '金川、金山两个园区': the item
            # and the list's class word name a record (金山 a zone, not a hill)
            own = None
        if not ids and own is not None:  # '杜尔伯特大草原': 杜尔伯特草原 with a generic word inside
            suffix = next(s for s, t in SUFFIX_TYPES.items() if item.endswith(s) and t == own)
            ids = finder.known_core(Mention(item, start, end, own, f"suffix:{suffix}")).place_ids
        listed = Mention(item, start, end, own or kind, f"list:{kind}", ids)
        if kind == "station" and with_class_word:
            listed = _named_after_place(listed, finder)
        # a station's name is read whole above: one starting like a town it is not named after stays unknown
        found.append(_qualified(listed, finder) if kind != "station" else listed)
    return found


def _place_before_common_words(text: str, start: int, end: int, finder: MentionFinder) -> Mention | None:
    """A list item of sights made of the longest known name starting it and common words that say no kind of place
    ('黄河沿岸风光': the river and the scenery of its banks): a mention of that place, no sight of its own; None
    when the item is a name, or its rest makes one (a class word: '黄河湿地公园')."""
    if finder.ids(text[start:end]):
        return None
    for cut in range(end - 2, start + 1, -1):
        ids = finder.ids(text[start:cut])
        if not ids:
            continue
        rest = text[cut:end]
        if any(rest.endswith(word) or word in rest for word in SUFFIX_TYPES) or not common_words_only(
            text, cut, end
        ):
            return None
        return Mention(text[start:cut], start, cut, None, "gazetteer", ids)
    return None


def _unit_stem_only(mention: Mention) -> bool:
    """Whether ``mention`` is a league's or banner's name without its class word and names nothing else
    ('阿鲁科尔沁' read as 阿鲁科尔沁旗)."""
    return (
        bool(mention.place_ids)
        and all(pid.startswith(_CLASSED_UNIT_PREFIXES) for pid in mention.place_ids)
        and not mention.surface.endswith(_UNIT_WORDS_IN_FULL)
    )


def _listed_township(
    item: str, start: int, end: int, suffixes: tuple[str, ...], finder: MentionFinder
) -> Mention:
    """An item of a counted list of townships read as a unit's stem: a township of that name (the records of the
    item with a township's class word, if any; else none, located like any township the gazetteer lacks)."""
    ids = next(
        (
            found
            for suffix in suffixes
            if (found := tuple(pid for pid in finder.ids(item + suffix) if pid.startswith("town:")))
        ),
        (),
    )
    return Mention(item, start, end, "town", LISTED_TOWNSHIP_RULE, ids)


#: the longest item of a list of townships, in characters, class word included.
TOWNSHIP_ITEM_MAX = 10
#: an item of a list of townships: a run of CJK characters ending with the list's class word.
_TOWNSHIP_ITEM = re.compile(rf"[\u3400-\u9fff]{{3,{TOWNSHIP_ITEM_MAX}}}")


def _is_township(mention: Mention) -> bool:
    return mention.type == "town" or (
        bool(mention.place_ids) and all(pid.startswith("town:") for pid in mention.place_ids)
    )


def listed_townships(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Items of a 、-list of townships written each with the same class word ('胜利乡、七棵树乡、团结乡、新河乡',
    '呼伦苏木、达来东苏木、杭乌拉苏木'), beside two or more townships already read: each item is a township,
    whatever its name's words (团结乡 is one dictionary word; 杭乌拉 holds a syllable jieba reads as a verb)."""
    towns = [m for m in mentions if _is_township(m) and m.surface.endswith(TOWNSHIP_CLASS_WORDS)]
    if len(towns) < 2:
        return []
    taken = {(m.start, m.end) for m in mentions}
    covered = SpanIndex(sorted(taken))
    found: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for town in towns:
        word = next(w for w in TOWNSHIP_CLASS_WORDS if town.surface.endswith(w))
        items = _list_run(text, town.start, town.end, word)
        if sum((start, end) in taken for start, end in items) < 2:
            continue
        for start, end in items:
            if (start, end) in taken:
                continue  # a known item stands whole ('将军尧镇' opens with a word of prose, 将)
            start = _after_leading_prose(text, start, end - len(word))
            item = text[start:end]
            if (start, end) in taken or (start, end) in seen or covered.overlaps(start, end):
                continue
            if not item.endswith(word) or not _TOWNSHIP_ITEM.fullmatch(item):
                continue
            if (
                item[:1] in COUNTER_CHARS
                or organisation_re().search(item)
                or _holds_prose(item[: -len(word)])
            ):
                continue  # '各乡', a body's name, or prose ('推进乡')
            seen.add((start, end))
            found.append(Mention(item, start, end, "town", f"list:{word}", finder.ids(item)))
    return found


#: a count of townships of one class closing a list of their bare names ('A、B、C6个苏木', 'A、B等3个乡').
_COUNTED_TOWNSHIPS = re.compile(r"等?[0-9一二三四五六七八九十两]{1,2}个(苏木|乡|镇|街道)(?![镇村])")
#: a unit's word for the divisions it holds, written before their list ('全旗下设', '下辖', '共有').
_HOLDS_WORD = re.compile("下设|下辖|辖有|设有|包括|共有|现有|辖")
#: a remark in brackets after a list item ('巴嘎波日和(已被取消)'): no part of the item.
_ITEM_REMARK = re.compile(r"[（(][^（()）]{1,8}[)）]$")


def townships_before_their_count(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Bare names of townships in a 、-list closed by a count of their class ('全旗下设A、B、C6个苏木'): each item is a
    township of that class, whatever its name's words (清河, 明仁 read as common words elsewhere); an item the
    gazetteer knows, or one holding prose, is left as it is."""
    if "个" not in text:
        return []
    covered = SpanIndex(sorted((m.start, m.end) for m in mentions))
    found: list[Mention] = []
    for count in _COUNTED_TOWNSHIPS.finditer(text):
        items: list[tuple[int, int]] = []
        end = count.start()
        while True:
            remark = _ITEM_REMARK.search(text, max(0, end - 10), end)
            stop = remark.start() if remark else end
            begin = stop
            while begin > 0 and is_han(text[begin - 1]) and stop - begin < TOWNSHIP_ITEM_MAX:
                begin -= 1
            if stop - begin < 2:
                break
            items.insert(0, (begin, stop))
            if begin == 0 or text[begin - 1] != "、":
                break
            end = begin - 1
        if len(items) < 2:
            continue
        first_start, first_stop = items[0]
        holds = list(_HOLDS_WORD.finditer(text, first_start, first_stop))
        if holds:  # '全旗下设A、B…': the list starts after the word saying the unit holds it
            first_start = holds[-1].end()
        items[0] = (_after_leading_prose(text, first_start, first_stop), first_stop)
        for start, stop in items:
            stem = text[start:stop]
            if stop - start < 2 or covered.overlaps(start, stop) or _holds_prose(stem) or is_generic(stem):
                continue  # too short, known, prose, or a kind of place ('城镇、乡村两个乡镇')
            found.append(
                Mention(stem, start, stop, "town", f"list-count:{count.group(1)}", finder.ids_or_short(stem))
            )
    return found


#: a township's class word right before a figure (a population, an area) of a table flattened into one line
#: ('得胜乡9254', '三号地乡9479人，'), looked for first: such a word is rare.
_CLASS_BEFORE_FIGURE = re.compile(r"(?:苏木|乡|镇)(?=\d)")
#: what may follow a township's figure before the next township: a unit of people and a separator.
_FIGURE_TAIL = re.compile(r"\d+(?:\.\d+)?(?:人|户|平方公里)?[，,、；;。]?\s?")
#: what opens such a table right before its first township ('人口(人):科布尔镇26638…').
_TABLE_OPENERS = frozenset(":：")
#: townships in a row that make such a table (two could be a sentence's figures).
COUNTED_TOWNSHIPS = 3


def townships_between_figures(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Townships of a table flattened into one line, each name followed by its figure ('科布尔镇26638得胜乡9254
    元山子乡6153…', '三号地乡9479人,白海子乡10070人'): in a row of three or more, each is a township whatever its
    name's words (得胜, 五号, 二号地 would read as prose or counts elsewhere)."""
    rows: list[list[tuple[int, int]]] = []
    figure_end = -1
    for match in _CLASS_BEFORE_FIGURE.finditer(text):
        start, end = match.start(), match.end()
        while start > 0 and is_han(text[start - 1]) and end - start <= TOWNSHIP_ITEM_MAX:
            start -= 1
        if start == match.start():
            continue  # no name before the class word
        if start != figure_end or not rows:
            rows.append([])  # not right after the previous township's figure: a new row
        rows[-1].append((start, end))
        figure = _FIGURE_TAIL.match(text, end)
        figure_end = figure.end() if figure is not None else -1
    found: list[Mention] = []
    for row in rows:
        if len(row) < COUNTED_TOWNSHIPS:
            continue
        first = row[0][0]
        # the row's first name may run into the words before it: sure only after the table's colon
        for start, end in row if text[first - 1 : first] in _TABLE_OPENERS else row[1:]:
            name = text[start:end]
            if organisation_re().search(name) or any(
                m.start < end and start < m.end and (m.start < start or m.end > end) for m in mentions
            ):
                continue  # a body's name, or a longer mention across the name ('白海子乡' holds 海子乡: replaced)
            found.append(Mention(name, start, end, "town", LISTED_TOWNSHIP_RULE, finder.ids(name)))
    return found


#: a station item of a list: a name and 站, after a list mark, a line start or a note's closing bracket, and
#: before a list mark, a note ('(三等站)') or the sentence's end ('A站(三等站)、B站、C站').
_STATION_ITEM = re.compile(
    r"(?:(?<=[、\n）)])|^)([\u4e00-\u9fff]{2,8}站)(?:[（(][^（()）]{1,16}[)）])?(?=[、，,。；;\n]|$)"
)
#: items a list of stations has before it vouches for its unknown ones.
LISTED_STATIONS = 3


def listed_stations(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Items of a 、-list of stations written each with 站, a note in brackets after some ('A站(三等站)、B站、C站'),
    beside two or more stations already read: each item is a station, whatever its name's words (石灰窑站, 云端站),
    and the whole item, not a shorter name inside it ('布敦化站' is no 敦化站)."""
    if "站、" not in text and "站(" not in text and "站（" not in text:
        return []
    stations = {
        m.end: m.start for m in mentions if _is_station(m)
    }  # a station read ends an item ('沿线车站通辽站')
    if len(stations) < 2:
        return []
    runs: list[list[tuple[int, int]]] = []
    previous_end = -1
    for match in _STATION_ITEM.finditer(text):
        if match.start() != previous_end + 1 or text[previous_end : previous_end + 1] != "、":
            runs.append([])  # not right after the previous item's list mark: a new list
        runs[-1].append(match.span(1))
        previous_end = match.end()
    found: list[Mention] = []
    for run in runs:
        if len(run) < LISTED_STATIONS or sum(end in stations for _, end in run) < 2:
            continue
        for index, (start, end) in enumerate(run):
            item = text[start:end]
            if stations.get(end) == start or (index == 0 and end in stations):
                continue  # read already; the first item may open with prose ('沿线车站通辽站'): its station stands
            if _holds_prose(item[:-1]) or organisation_re().search(item):
                continue
            found.append(Mention(item, start, end, "station", "list:站", finder.ids(item)))
    return found


def _is_station(mention: Mention) -> bool:
    """Whether a mention reads a station (by its class word or its record)."""
    return mention.type == "station" or any(pid.startswith("station:") for pid in mention.place_ids)


def _after_leading_prose(text: str, start: int, stem_end: int) -> int:
    """Where a list item's name starts: after the verbs it opens with ('东接甲乡、南邻乙乡': a boundary verb is
    prose, the township follows it), if a stem of two or more characters is left; else ``start``."""
    trim = leading_trim(text[start:stem_end])
    return start + trim if trim and stem_end - start - trim >= 2 else start


def _holds_prose(stem: str) -> bool:
    """Whether ``stem`` holds a word of prose (:func:`_prose_word`); a syllable of a transliterated name that jieba
    reads as a verb ('达来') is no prose."""
    return any(known(word) and _prose_word(word, flag) for word, flag in tag(stem))


#: conjunctions that join the last item of a list to the others ('A乡、B乡和C乡').
_LIST_JOINERS = "和及与"


def _list_run(text: str, start: int, end: int, word: str) -> list[tuple[int, int]]:
    """The spans of the list items around the item ``text[start:end]`` (itself included): runs of CJK characters
    between 、 marks, the last one after a conjunction too ('、C乡和D乡'); an item after the known one ends at
    its first class word ``word`` ('B乡同步推进' -> 'B乡')."""
    items = [(start, end)]
    position = start
    while position > 0 and text[position - 1] == "、":
        begin = position - 1
        while begin > 0 and is_han(text[begin - 1]) and position - 1 - begin < TOWNSHIP_ITEM_MAX:
            begin -= 1
        if begin == position - 1:
            break
        items.insert(0, (begin, position - 1))
        position = begin
    position = end
    while position < len(text) and (
        text[position] == "、" or (text[position] in _LIST_JOINERS and text.endswith(word, 0, position))
    ):
        close = text.find(word, position + 1, position + 1 + TOWNSHIP_ITEM_MAX)
        if close < 0:
            break
        finish = close + len(word)
        if not all(is_han(char) for char in text[position + 1 : finish]):
            break
        items.append((position + 1, finish))
        position = finish
    return items


#: the class words a league's or banner's full name ends with.
_UNIT_WORDS_IN_FULL = ("盟", "市", "旗", "县", "区")
#: id prefixes of leagues and banners.
_CLASSED_UNIT_PREFIXES = ("league:", "banner:")
#: the endings of a township's full name.
_TOWN_ENDINGS = ("镇", "苏木", "乡")


def _unit_written_in_full(mention: Mention) -> bool:
    """A league or banner written by its full name ('巴彦淖尔市', not '巴彦淖尔')."""
    return _unit_in_full(mention.surface, mention.place_ids)


def _unit_in_full(surface: str, ids: tuple[str, ...]) -> bool:
    """Whether ``surface``, naming the records ``ids``, is a league's or banner's full name."""
    return (
        surface.endswith(_UNIT_WORDS_IN_FULL)  # the cheap test first: most names end otherwise
        and bool(ids)
        and all(i.startswith(_CLASSED_UNIT_PREFIXES) for i in ids)
    )


#: id prefixes of the units a name may start with to say where it lies ('库伦三大寺' in 库伦旗).
_UNIT_PREFIXES = ("league:", "banner:", "town:")


def _qualified(mention: Mention, finder: MentionFinder) -> Mention:
    """An unknown item whose name starts with a unit's name (or its stem) gets that unit as its qualifier."""
    if mention.place_ids:
        return mention
    for lookup in (finder.ids, finder.ids_or_short):  # a full name first, else a stem ('库伦' of 库伦旗)
        for length in range(len(mention.surface) - 1, 1, -1):
            head = mention.surface[:length]
            ids = tuple(i for i in lookup(head) if i.startswith(_UNIT_PREFIXES))
            if ids:
                return replace(mention, qualifier=head, qualifier_ids=ids)
    return mention


def _shares_ending(text: str, items: list[tuple[int, int]]) -> bool:
    """Whether two items or more end with the same character of :data:`SHARED_ENDINGS`."""
    counts = Counter(text[end - 1] for _, end in items if end > 0)
    return any(counts[ending] >= 2 for ending in SHARED_ENDINGS)


def _tiled(start: int, end: int, starts_by_end: dict[int, int]) -> bool:
    """Whether the span ``start:end`` is two or more mentions written one after another (``starts_by_end``: the
    latest start of a mention by its end)."""
    position, parts = end, 0
    while position > start and (before := starts_by_end.get(position)) is not None and start <= before:
        position, parts = before, parts + 1
    return position == start and parts >= 2


def _latest_starts(spans: Iterable[tuple[int, int]]) -> dict[int, int]:
    """The latest start of the ``spans`` ending at each end (read by :func:`_tiled`)."""
    starts_by_end: dict[int, int] = {}
    for start, end in spans:
        starts_by_end[end] = max(start, starts_by_end.get(end, start))
    return starts_by_end


def _shared_endings(
    text: str,
    items: list[tuple[int, int]],
    by_span: dict[tuple[int, int], Mention],
    starts_by_end: dict[int, int],
    finder: MentionFinder,
) -> list[Mention]:
    """Items ending like a known item of the list take the ending's type ('贺兰山、X山、Y山'; the endings of one type
    are one: '飞仙岭、X山和Y山'); ``starts_by_end``: :func:`_latest_starts` of ``by_span``."""
    found = []
    for kind in dict.fromkeys(SHARED_ENDINGS.values()):
        with_ending = [(s, e) for s, e in items if SHARED_ENDINGS.get(text[e - 1]) == kind and e - s >= 3]
        known = [span for span in with_ending if span in by_span or finder.ids(text[span[0] : span[1]])]
        if len(with_ending) < 2 or not known:
            continue
        for start, end in with_ending:
            if (start, end) in known:
                continue  # a known item stands whole ('将军尧镇' opens with a word of prose, 将)
            start = _after_leading_prose(text, start, end - 1)
            item = text[start:end]
            if (start, end) in known or not _is_item(item) or is_generic(item[:-1]):
                continue
            if _tiled(start, end, starts_by_end):
                continue  # '内蒙古阿荣旗亚东镇': names found one after another (an address); they stand
            if not _name_words_only(text, start, end - 1) and not (kind == "town" and len(known) >= 2):
                # two known townships vouch for a list of townships, whose names may be common words ('团结乡')
                continue
            found.append(
                _qualified(Mention(item, start, end, kind, f"list:{item[-1]}", finder.ids(item)), finder)
            )
    return found


# -- lines sharing their class word ------------------------------------------------------------------------


def items_sharing_a_line_word(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Items of a list ending in a known line written with its class word share that word ('与包兰、京包线相通',
    '集二、集通铁路'): an item right before the line (or before an item so found) is a line when it and a line word
    name the one line of that type the gazetteer knows (:meth:`MentionFinder.line_named`, as the finder reads
    '京新、准兴运煤专用通道')."""
    found: list[Mention] = []
    ends = {m.end for m in mentions}
    for mention in mentions:
        kind = mention.place_ids[0].partition(":")[0] if mention.place_ids else ""
        if kind not in ABBREVIATED_MAX or not mention.surface.endswith((*LINE_WORDS, "线")):
            continue
        start = mention.start
        while start > 0 and text[start - 1] in ITEM_JOINERS:
            item = _line_item(text, start - 1, kind, finder)
            if item is None or item.end in ends:
                break
            found.append(item)
            start = item.start
    return found


#: an item of a 、-list right after its mark: two to four characters, then the next mark, 'and others' (等) or no
#: more characters of a word ('、包银、太锡等'); the regular expression starts at the mark, so it scans fast.
_ITEM_AFTER_MARK = re.compile(r"、([\u3400-\u9fff]{2,4})(?=、|等|[^\u3400-\u9fff]|$)")


def _short_item_lists(text: str) -> list[tuple[int, list[tuple[int, int]]]]:
    """The 、-lists of short items in ``text``: (where the first mark stands, the spans of the items after the
    marks); the first item is the run before the first mark."""
    lists: list[tuple[int, list[tuple[int, int]]]] = []
    for match in _ITEM_AFTER_MARK.finditer(text):
        if lists and lists[-1][1][-1][1] == match.start():
            lists[-1][1].append(match.span(1))  # the previous item ends at this mark: the same list
        else:
            lists.append((match.start(), [match.span(1)]))
    return lists


def lines_named_by_initials(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """A list of lines written by their initials alone ('加快集大原、包银、太锡等项目'): each item that with a line
    word names the one line of a kind the gazetteer knows (:meth:`MentionFinder.line_named`; the first item the
    longest such tail of the run before the first mark) is that line, when two items or more of the list so name
    lines of one kind — a lone pair of initials is read as no line."""
    found: list[Mention] = []
    taken = {(m.start, m.end) for m in mentions}
    stems = finder.line_stems
    for head_end, items in _short_item_lists(text):
        named = [span for span in items if text[span[0] : span[1]] in stems]
        if not named:
            continue  # no item after a mark names a line (the common case, cheaply)
        heads = [
            (head_end - length, head_end)
            for length in range(max(ABBREVIATED_MAX.values()), 1, -1)
            if head_end - length >= 0 and all(is_han(c) for c in text[head_end - length : head_end])
        ]
        if len(named) + any(text[s:e] in stems for s, e in heads) < 2:
            continue  # fewer than two items name lines: no list of lines
        for kind in ABBREVIATED_MAX:
            lines = [(s, e, ids) for s, e in named if (ids := finder.line_named(text[s:e], kind))]
            head = next(((s, e, ids) for s, e in heads if (ids := finder.line_named(text[s:e], kind))), None)
            if head is not None:
                lines.insert(0, head)
            if len(lines) >= 2:
                found.extend(
                    Mention(text[s:e], s, e, kind, "list-line", ids)
                    for s, e, ids in lines
                    if (s, e) not in taken
                )
                break
    return found


def _line_item(text: str, join: int, kind: str, finder: MentionFinder) -> Mention | None:
    """The line of ``kind`` named by the whole item ending at ``join`` and a line word, longest item first."""
    for length in range(ABBREVIATED_MAX[kind], 1, -1):
        start = join - length
        if start < 0 or not all(is_han(c) for c in text[start:join]):
            continue
        if start > 0 and is_han(text[start - 1]) and text[start - 1] not in ITEM_JOINERS:
            continue  # the item must be whole: a join or the text's start before it ('推进' is not read)
        if ids := finder.line_named(text[start:join], kind):
            return Mention(text[start:join], start, join, kind, "list-line", ids)
    return None


# -- stations ------------------------------------------------------------------------------------------
#: ids of the places a listed station is named after (a unit or town of the region, a county or city elsewhere).
_STATION_ITEM_PLACES = ("league:", "banner:", "town:", "neighbour:")


def _place_ending(name: str, finder: MentionFinder) -> tuple[str, tuple[str, ...]] | None:
    """The longest unit or town name (or short form) ``name`` ends with, and its ids, when what stands before it
    is a place's name too (the unit or province it lies in: '乌海海勃湾', '辽宁朝阳'), not the start of a name the
    gazetteer lacks ('呼和乌苏' is no station of a county 乌苏): the place lies in the one before it (adcodes)."""
    for begin in range(len(name) - 1):
        ids = tuple(i for i in finder.ids_or_short(name[begin:]) if i.startswith(_STATION_ITEM_PLACES))
        if begin:
            outer = [_area_code(i) for i in finder.ids_or_short(name[:begin])]
            ids = tuple(i for i in ids if any(o and _area_code(i).startswith(o) for o in outer))
        if ids:
            return name[begin:], ids
    return None


def _area_code(place_id: str) -> str:
    """The adcode prefix a unit's places share, for units of the region and elsewhere ('province:210000' -> '21',
    'league:150300' -> '1503', 'neighbour:211322' -> '211322', 'town:150823:X镇' -> '150823'); '' for others."""
    kind, _, rest = place_id.partition(":")
    code = rest.partition(":")[0]
    if kind not in ("province", "league", "banner", "neighbour", "town") or not code.isdigit():
        return ""
    return code.removesuffix("00").removesuffix("00") if kind != "town" else code


def station_item_place(item: str, finder: MentionFinder) -> tuple[str, tuple[str, ...]] | None:
    """The place a listed station is named after, and its ids: the unit or town the item's name ends with,
    before a compass character that says which of its stations it is ('临河西' → 临河, '乌拉特前旗西'); the last
    of two units written one after the other is the finer one ('乌海海勃湾' → 海勃湾, '辽宁朝阳' → 朝阳).  A
    compass character that ends a place's own name is the name's (a two-character item: '林西')."""
    stem = item[:-1] if len(item) > 2 and item[-1] in COMPASS_CHARS else item
    if stem != item and (place := _place_ending(stem, finder)) is not None:
        return place
    if (place := _place_ending(item, finder)) is not None:
        return place
    if ids := finder.qualified_unit(stem):  # '兴隆县西': a county elsewhere held only in full (兴隆县)
        return stem, ids
    return None


def items_sharing_a_station_word(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Items of a list ending in a station written with its station word share that word ('设A站、B、C站',
    'A、B、C站'): each item right before the station (or before an item so found), separated by 、, is the station
    of the place its name is (:func:`station_item_place`); the first stops at a name that is no place.  Two
    stations named by their sides share it across 至 too ('X东至Y南站': the trip from X东站 to Y南站)."""
    found: list[Mention] = []
    by_span = {(m.start, m.end): m for m in mentions}
    for mention in mentions:
        if mention.type != "station" or not mention.surface.endswith(_STATION_CHAR):
            continue
        end = mention.start
        while end > 1 and _shares_station_word(text, end, mention):
            join = end - 1
            begin = join
            while (
                begin > 0 and join - begin < MAX_ITEM and is_han(text[begin - 1]) and text[begin - 1] != "、"
            ):
                begin -= 1
            if begin == 0 or text[begin - 1] != "、":  # the list's first item: its station's name ends it
                first = _first_station_start(text, begin, join, finder)
                if first is None:
                    break
                begin = first
            if text[join] == _TRIP_JOIN and text[join - 1] not in COMPASS_CHARS:
                break  # 'X至Y南站': a trip from a place X, not from a station named by its side
            station = _shared_word_station(text, begin, join, by_span.get((begin, join)), finder)
            if not station:
                break
            found.extend(station)
            end = begin
    return found


#: the word joining the two ends of a trip ('X东至Y南站').
_TRIP_JOIN = "至"


def _shares_station_word(text: str, end: int, station: Mention) -> bool:
    """Whether the item before ``end`` shares the station word of ``station``: a list mark before it, or 至
    right before a station named by its side ('X东至Y南站': a trip has two ends, so only next to the station)."""
    mark = text[end - 1]
    if mark == "、":
        return True
    return mark == _TRIP_JOIN and end == station.start and station.surface[-2:-1] in COMPASS_CHARS


def _shared_word_station(
    text: str, begin: int, join: int, known: Mention | None, finder: MentionFinder
) -> list[Mention]:
    """The station of the item ``text[begin:join]`` that shares a station word: the record of its name and 站,
    the station of a place read whole (:func:`_listed_place_station`), else that of the place its name ends with;
    none when a station is written there already or the item is no place."""
    item = text[begin:join]
    if ids := _station_ids(finder.ids(item + _STATION_CHAR)):
        return [_named_after_place(Mention(item, begin, join, "station", LISTED_STATION_RULE, ids), finder)]
    if known is not None:
        return _listed_place_station(known, finder) if known.type != "station" else []
    if (place := station_item_place(item, finder)) is not None:
        return [Mention(item, begin, join, "station", LISTED_STATION_RULE, (), *place)]
    return []


def _listed_place_station(mention: Mention, finder: MentionFinder) -> list[Mention]:
    """The station a place read whole in a list of stations names ('甘旗卡' → the station at 甘旗卡镇): the
    record of its name and 站 when there is one, else a station located at the place; nothing for a name that
    is no unit or town (a station record, a line)."""
    if not mention.place_ids or not all(i.startswith(_STATION_ITEM_PLACES) for i in mention.place_ids):
        return []
    if ids := _station_ids(finder.ids(mention.surface + _STATION_CHAR)):
        return [replace(mention, type="station", rule=LISTED_STATION_RULE, place_ids=ids)]
    return [
        replace(
            mention,
            type="station",
            rule=LISTED_STATION_RULE,
            place_ids=(),
            qualifier=mention.surface,
            qualifier_ids=mention.place_ids,
        )
    ]


def _run_on_stations(text: str, items: list[tuple[int, int]], finder: MentionFinder) -> list[tuple[int, int]]:
    """Station items with a lost separator read as two ('五原东乌海…' → 五原东 + 乌海…): an item whose part
    up to a compass character is a unit or town and its station's side, and whose rest starts with a unit or town
    name, is two stations, unless a name starting with the compass character reads further into the rest
    ('…前旗西山嘴' holds the town 西山嘴)."""
    split: list[tuple[int, int]] = []
    for start, end in items:
        cut = next(
            (
                at + 1
                for at in range(start + 2, end - 2)
                if text[at] in COMPASS_CHARS
                and finder.ids_or_short(text[start:at])
                and (rest := _place_opening(text[at + 1 : end], finder)) >= 2
                and _place_opening(text[at:end], finder) - 1 < rest
            ),
            None,
        )
        split.extend([(start, cut), (cut, end)] if cut is not None else [(start, end)])
    return split


def _place_opening(name: str, finder: MentionFinder) -> int:
    """The length of the longest unit or town name (or short form) ``name`` starts with, 0 when none."""
    for length in range(len(name), 1, -1):
        if any(i.startswith(_STATION_ITEM_PLACES) for i in finder.ids_or_short(name[:length])):
            return length
    return 0


#: what a railway station's name ends with after its place's name (通辽站, 赤峰西站, 萨拉齐火车站, 通辽高铁站, X货运站,
#: 通辽火车编组站).
_STATION_RE = re.compile("火车(?:货运|客运|编组)?站|高铁站|货运站|客运站|编组站|东站|南站|西站|北站|站")
#: the 站 each station word ends with, zero to four characters after its start (looked for first).
_STATION_CHAR = "站"
#: ids of places a station is named after.
_STATION_PLACES = ("league:", "banner:", "town:", "station:", "port:", "neighbour:")
#: longest place name read before a station word, in characters.
MAX_STATION_PLACE = 8


def _station_place(text: str, s_start: int, finder: MentionFinder) -> tuple[int, tuple[str, ...]] | None:
    """The longest known place name ending at ``s_start``: its start and ids."""
    for length in range(min(MAX_STATION_PLACE, s_start), 1, -1):
        known_ids = finder.ids_or_short(text[s_start - length : s_start])
        if not known_ids:
            continue  # the common case: no name of that length
        ids = tuple(i for i in known_ids if i.startswith(_STATION_PLACES))
        if ids:
            return s_start - length, ids
    return None


#: the class words of a county-level unit whose stem names its station ('原平西站' of 原平市).
_COUNTY_CLASS = ("市", "县")


def _county_station(text: str, s_start: int, finder: MentionFinder) -> tuple[int, tuple[str, ...]] | None:
    """A station named after a county elsewhere in China that the gazetteer holds only in full (原平市 → '原平西站'):
    the longest stem of two to four characters before the station word whose full name is one such county."""
    for length in range(min(4, s_start), 1, -1):
        stem = text[s_start - length : s_start]
        for word in _COUNTY_CLASS:
            if ids := finder.qualified_unit(stem + word):
                return s_start - length, ids
    return None


#: words of a sentence about railways (where a name before 站 names a station).
_RAIL_WORDS = re.compile(r"铁路|列车|火车|班列|车站|高铁|动车|客运|货运|站台")
#: flags of the words a station's name is made of when the gazetteer lacks it (place and person names).
_STATION_NAME_FLAGS = frozenset({"ns", "nr", "nrt", "nz"})


#: how far (in characters, within its sentence) a railway word is looked for around a station word.
RAIL_WORD_REACH = 40


def _sentence_since(text: str, position: int, reach: int) -> int:
    """Where the text ``reach`` characters before ``position`` starts, or the sentence holding ``position`` if
    it starts later (only those characters are searched for a sentence end: a mark the text lacks would
    otherwise send every search back to its start)."""
    low = max(0, position - reach - 1)
    last_end = max(text.rfind(mark, low, position) for mark in _SENTENCE_ENDS)
    return max(last_end + 1, position - reach)


#: what makes a numeral before a name an ordinal or part of a number ('第七', '十七').
_ORDINAL_OPENERS = frozenset("第") | NAME_OPENING_NUMERALS


#: the class words a county-level unit's name ends with after its stem ('朝阳' of 朝阳区).
_COUNTY_WORDS = ("区", "县", "市")
#: the most characters of a province or city name read before a station's place.
MAX_STATION_QUALIFIER = 6


def _county_of_qualifier(
    text: str, start: int, s_start: int, ids: tuple[str, ...], finder: MentionFinder
) -> tuple[int, tuple[str, ...]] | None:
    """A station named by a province or city and a county of it ('北京朝阳站'): when the place read before the
    station word lies outside the province or city written right before it, and that one holds a county of the
    place's stem (朝阳区 of 北京), the station is that county's, its name starting with the province; else None."""
    stem = text[start:s_start]
    for length in range(min(MAX_STATION_QUALIFIER, start), 1, -1):
        for outer in finder.ids_or_short(text[start - length : start]):
            forms = finder.qualified.units.get(outer)
            code = _area_code(outer)
            if not forms or not code or any(_area_code(i).startswith(code) for i in ids):
                continue
            for word in _COUNTY_WORDS:
                if (county := forms.get(stem + word)) is not None:
                    return start - length, (county,)
    return None


def _numeral_opening(text: str, start: int) -> int:
    """Where a name the gazetteer lacks starts when a lone numeral stands right before it ('七苏木站'): a count
    needs a measure word before the noun it counts, so a numeral written straight before a name opens the name
    (七老图, 三道沟), whatever word the segmenter glued it to ('市七'); not after another numeral or 第 ('第七',
    '十七')."""
    if (
        start
        and text[start - 1] in NAME_OPENING_NUMERALS
        and (start < 2 or text[start - 2] not in _ORDINAL_OPENERS)
    ):
        return start - 1
    return start


def _named_station(text: str, s_start: int) -> tuple[int, tuple[str, ...]] | None:
    """A station named by a name the gazetteer lacks ('萨拉齐站' in a sentence about a train): the place and
    person names (jieba) right before the station word, two to eight characters; no ids."""
    left = max(0, s_start - MAX_STATION_PLACE)
    if not _RAIL_WORDS.search(
        text, _sentence_since(text, s_start, RAIL_WORD_REACH), s_start + RAIL_WORD_REACH
    ):
        return None
    words = tagged_spans(text, left, s_start + 2)
    start = None
    for w_start, w_end, _word, flag in reversed(words):
        if w_end > s_start:
            if w_start < s_start:
                # the station word read with the name's last characters ('哈达/图站'): the run of name words
                # and unknown runs before it, or nothing ('干站' of '白音查干站' is no name of its own)
                return _station_run(text, left, s_start)
            continue
        if flag not in _STATION_NAME_FLAGS:  # words start at ``left``
            break
        start = w_start
    if (
        start is None
        or s_start - start < 2
        or (start > 0 and HAN_CHAR.match(text[start - 1]) and start == left)
    ):
        return _station_run(text, left, s_start)
    return start, ()


def _station_run(text: str, left: int, s_start: int) -> tuple[int, tuple[str, ...]] | None:
    """The run of name words right before a station word (segment's :func:`name_run_start`: place and person
    words, runs the dictionary lacks, single characters of a transliteration, the class word read with the name's
    last characters); None when it reaches back to ``left`` (its start is not seen) or is no run."""
    start = name_run_start(text, left, s_start, s_start + 1)
    if start is None or (start == left and left > 0 and HAN_CHAR.match(text[left - 1])):
        return None
    if verbal_run(text[start : s_start + 1]):
        return None  # '储配站': a verb the dictionary lacks, read by the segmenter as one
    return start, ()


def stations(text: str, finder: MentionFinder) -> list[Mention]:
    """'<place>站', '<place>火车站', '<place>高铁站', '<place>东站' …: a station, resolved to its place."""
    found = []
    for match in finditer_anchored(_STATION_RE, text, _STATION_CHAR, range(5)):
        s_start, end = match.span()
        if match.group() == "站":
            pair = text[s_start : s_start + 2]
            tag(pair)  # loads the segmenter's dictionary
            if len(pair) == 2 and known(pair):
                continue  # '站在', '站位', '站点': a word of its own
        if ORDINAL_END.search(text, max(0, s_start - 4), s_start):
            continue  # '第一站': the first stop of a trip, no station's name
        place = _station_place(text, s_start, finder)
        if place is None and match.group() in _COMPASS_STATION_WORDS:
            # '林西站': the compass character ends the place's name (林西县), no west station of a place '林'
            place = _station_place(text, end - 1, finder)
        place = place or _county_station(text, s_start, finder) or _named_station(text, s_start)
        if place is None:
            continue
        start, ids = place
        if not ids:
            start = _numeral_opening(text, start)
        elif (in_province := _county_of_qualifier(text, start, s_start, ids, finder)) is not None:
            start, ids = in_province  # '北京朝阳站': the 朝阳区 of 北京, not the 朝阳 of another province
        if (kind_of_station(match.group()) or match.group() in _GENERIC_STATION_WORDS) and common_short_form(
            text[start:s_start], finder
        ):
            continue  # '铁路货运站', '建设高铁站': a kind of station or building one, not one at 铁路/建设街道
        surface = text[start:end]
        own = finder.ids(surface) or _station_of_generic_word(text[start:s_start], match.group(), finder)
        found.append(Mention(surface, start, end, "station", "station", own or ids))
    return found


#: station words that name a station after its place's compass side ('赤峰西站').
_COMPASS_STATION_WORDS = frozenset({"东站", "西站", "南站", "北站"})
#: station words that say only that the place has a station or a yard of it ('呼和浩特火车站', '通辽高铁站', '通辽火车
#: 编组站'): the station's own name is X站.
_GENERIC_STATION_WORDS = frozenset({"火车站", "高铁站", "火车编组站", "火车货运站", "火车客运站"})


def _station_of_generic_word(place: str, word: str, finder: MentionFinder) -> tuple[str, ...]:
    """The station record '<place>站' a generic station word stands for ('呼和浩特火车站' → 呼和浩特站), or ()."""
    if word not in _GENERIC_STATION_WORDS:
        return ()
    return tuple(i for i in finder.ids(place + _STATION_CHAR) if i.startswith("station:"))


def _replace_stations(text: str, kept: list[Mention], finder: MentionFinder) -> list[Mention]:
    """Stations in place of the mentions they overlap; the units named before a station inside a longer
    mention ('X市Y旗Z火车站') stay mentions of their own."""
    found = stations(text, finder)
    if not found:
        return kept
    # a station record the gazetteer matched whole ('贝力克站') stands: the rule's shorter reading of its end
    # ('力克站', a name run the segmenter cut) is no station of its own
    records = [(m.start, m.end) for m in kept if _station_ids(m.place_ids)]
    found = [
        s
        for s in found
        if not any(a <= s.start and s.end <= b and (a, b) != (s.start, s.end) for a, b in records)
    ]
    if not found:
        return kept
    found = sorted(found, key=attrgetter("start", "end"))
    index = SpanIndex((s.start, s.end) for s in found)
    result = []
    for mention in kept:
        position = index.first_overlapping(mention.start, mention.end)
        station = found[position] if position is not None else None
        if station is None or (mention.start, mention.end) == (station.start, station.end):
            result.append(_own_station(mention, station))
            continue
        if mention.start < station.start:
            head = text[mention.start : station.start]
            result.extend(
                replace(m, start=m.start + mention.start, end=m.end + mention.start)
                for m in finder.find(head)
                if m.type is None
            )
    spans = {(m.start, m.end) for m in result}
    ends = {m.end: m for m in result}
    result.extend(_in_unit(s, ends.get(s.start)) for s in found if (s.start, s.end) not in spans)
    return sorted(result, key=attrgetter("start"))


def _own_station(mention: Mention, station: Mention | None) -> Mention:
    """``mention``, or the station of its very span when only the station names a station record
    ('呼和浩特火车站': the suffix rule reads the league, the station rule the record 呼和浩特站)."""
    if station is None or _station_ids(mention.place_ids) or not _station_ids(station.place_ids):
        return mention
    return replace(mention, place_ids=_station_ids(station.place_ids))


def _station_ids(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i for i in ids if i.startswith("station:"))


def _unit_code(place_id: str) -> str:
    """The adcode prefix a unit's places share ('banner:150223' -> '150223', 'league:150200' -> '1502')."""
    kind, _, code = place_id.partition(":")
    return {"banner": code, "league": code[:4]}.get(kind, "")


def _in_unit(station: Mention, before: Mention | None) -> Mention:
    """A station written right after a unit ('达茂旗白彦花火车站') lies in that unit: a town of the station's name
    elsewhere is a namesake, so the station is located by the unit instead."""
    if before is None:
        return station
    codes = [c for c in map(_unit_code, before.place_ids) if c]
    towns = [pid.split(":")[1] for pid in station.place_ids if pid.startswith("town:")]
    if not codes or not towns or len(towns) != len(station.place_ids):
        return station
    if any(town.startswith(code) for town in towns for code in codes):
        return station
    return replace(station, place_ids=(), qualifier=before.surface, qualifier_ids=before.place_ids)


# -- places named after an area ------------------------------------------------------------------------
#: id prefixes of areas (units and regions).
_AREA_PREFIXES = ("province:", "league:", "banner:", "region:")
#: line suffixes after an area's bare name that make the area's network, not a named line ('内蒙古高速公路').
_NETWORK_SUFFIXES = ("高速公路", "高速", "公路", "铁路", "高铁")
#: types a head word gives the place it names.
_HEAD_TYPES = {"草原": "grassland", "大草原": "grassland", "岩画": "scenic", "戈壁": "desert"}


#: shortest area name read as an area before a line suffix: two characters before 铁路 are most often the
#: initials of a line's ends ('东乌铁路': 东胜–乌审旗), not an area.
MIN_AREA_NAME = 3
#: id prefixes of the areas whose two-character name is the area's own (a league's: '乌海高铁' is the railway of
#: 乌海), not two lines' ends' initials as a banner's or town's two characters may be.
_LEAGUE_PREFIXES = ("province:", "league:")


#: an expressway's class word right before a bridge's name ('G6高速X河大桥'): the bridge is that road's.
_EXPRESSWAY_ENDS = ("高速", "高速公路")
#: a county road's number right before it ('县道718X河大桥'), which :func:`route_of` does not read.
_COUNTY_ROAD_END = re.compile(r"县道\s*\d{1,4}\s*线?$")


def _route_right_before(text: str, start: int) -> bool:
    """Whether a route is written right before ``start``: its number (:func:`route_of`: 'G6', '国道210', '210国道')
    or an expressway's class word."""
    before = text[max(0, start - 12) : start]
    return (
        route_of(before) is not None
        or before.endswith(_EXPRESSWAY_ENDS)
        or _COUNTY_ROAD_END.search(before) is not None
    )


def _area_network(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """'内蒙古高速公路', '鄂尔多斯铁路': the roads or railways of an area, so a mention of the area alone; '黄河大桥'
    written with nothing before the river's name: a bridge over the river (any of them), so the river — unless a
    route is written right before it ('110国道昆都仑河大桥': that road's bridge, a mention of its own)."""
    suffix = mention.rule.removeprefix("suffix:")
    qualifier = mention.qualifier or ""
    if (
        suffix == "大桥"
        and mention.surface == qualifier + suffix
        and mention.qualifier_ids
        and all(pid.startswith("river:") for pid in mention.qualifier_ids)
        and not _route_right_before(text, mention.start)
    ):
        end = mention.start + len(qualifier)
        return Mention(qualifier, mention.start, end, None, "gazetteer", mention.qualifier_ids)
    if (
        suffix in _NETWORK_SUFFIXES
        and mention.surface == qualifier + suffix
        and mention.qualifier_ids
        and all(pid.startswith(_AREA_PREFIXES) for pid in mention.qualifier_ids)
        and (
            len(qualifier) >= MIN_AREA_NAME
            or all(pid.startswith(_LEAGUE_PREFIXES) for pid in mention.qualifier_ids)
        )
    ):
        end = mention.start + len(qualifier)
        return Mention(qualifier, mention.start, end, None, "gazetteer", mention.qualifier_ids)
    return mention


#: what a heritage site's recorded name may end with before the word that completes it as written ('X古城|遗址',
#: 'X墓|葬' inside the word 墓葬).
_SITE_ENDS = (*HERITAGE_SUFFIXES, "墓", "城")
#: the word after a site's name that names what is left of it ('X古城遗址').
_REMAINS = "遗址"


def _heritage_whole(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """A heritage site's recorded name written with the rest of its class word ('X古城遗址', 'X墓葬', where jieba
    reads 墓葬 as one word across the name's end): the name as written, one mention of the site."""
    if mention.type is not None or not mention.place_ids or not mention.surface.endswith(_SITE_ENDS):
        return mention
    if mention.surface in _SITE_ENDS or is_generic(mention.surface):
        return mention  # a class word alone ('尚存古城遗址'): no site's name
    if not all(pid.startswith("scenic:") for pid in mention.place_ids):
        return mention
    if text.startswith(_REMAINS, mention.end):
        end = mention.end + len(_REMAINS)
    else:
        position, end = mention.start, mention.end
        for word, flag in tag(text[mention.start : min(len(text), mention.end + 2)]):
            if (
                position < mention.end < position + len(word)
                and len(word) == 2
                and flag == "n"
                and known(word)
            ):
                end = position + len(word)  # the name ends inside a two-character noun ('墓葬')
            position += len(word)
        if end == mention.end:
            return mention
    return replace(mention, surface=text[mention.start : end], end=end)


#: the parts of a range written between its name and 山地 ('中段', '东南麓'): where on the range, no name.
_RANGE_PARTS_RE = re.compile(r"(?:[东西南北中]{1,2}[段部侧坡]|[东西南北]{0,2}麓)*")


def _mountain_land(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """'X山地', 'X中段东南麓山地' after a mountain range's name: the range's own land, so a mention of the range
    (a region's name takes 山地 as a name of its own: '辽西山地')."""
    qualifier = mention.qualifier or ""
    if (
        mention.rule != "suffix:山地"
        or not qualifier
        or not mention.surface.startswith(qualifier)
        or not mention.qualifier_ids
        or not all(pid.startswith("mountain:") for pid in mention.qualifier_ids)
    ):
        return mention
    if not _RANGE_PARTS_RE.fullmatch(mention.surface[len(qualifier) : -2]):
        return mention
    end = mention.start + len(qualifier)
    return Mention(qualifier, mention.start, end, None, "gazetteer", mention.qualifier_ids)


#: how the name of a lake called a 'sea' or a pond ends ('岱海', '乌梁素海', 'X淖尔'), to which writers often add the
#: class word 湖 ('岱海湖'); 湖 starting a word of two characters ('湖面', '湖区', '湖体') is that word, a part of the
#: lake, unless the second character starts the next word ('湖|水质', '湖|水生态', '湖|观鸟').
_LAKE_NAME_ENDS = ("海", "淖", "淖尔", "诺尔")
#: words of the parts of a lake that 湖 starts whatever follows them (not 湖水: '湖|水质', '湖|水生态').
_LAKE_PARTS = frozenset({"湖面", "湖区", "湖体", "湖心", "湖岸", "湖畔", "湖底", "湖盆", "湖边", "湖滨"})
#: characters segmented after the class word to read the word it starts.
_LAKE_PART_CONTEXT = 6


def _starts_lake_part(text: str, start: int) -> bool:
    """Whether the 湖 at ``start`` starts a word of two characters for a part of the lake ('湖面结冰', '湖体水质'):
    a word of the dictionary, or one the segmenter cuts whose second character is no verb ('湖|观鸟') — unless that
    character starts a word of the dictionary with the next one ('湖|水质')."""
    pair = text[start : start + 2]
    if pair in _LAKE_PARTS:
        return True  # '岱海湖面面积' (湖面|面积, though 面面 is a word too)
    if len(pair) != 2 or known(text[start + 1 : start + 3]):
        return False
    if known(pair):
        return True
    return tag(text[start : start + _LAKE_PART_CONTEXT])[0][0] == pair and not tag(pair[1])[0][1].startswith(
        "v"
    )


def _lake_with_class_word(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """'X海湖': a lake named X海 (or X淖尔) written with the class word 湖 after it is one mention of the lake,
    the class word included — unless 湖 starts a word for a part of the lake ('岱海湖面': 岱海 and its surface)."""
    end = mention.end
    if (
        text[end : end + 1] != "湖"
        or not mention.place_ids
        or not mention.surface.endswith(_LAKE_NAME_ENDS)
        or not all(pid.startswith("lake:") for pid in mention.place_ids)
        or _starts_lake_part(text, end)
    ):
        return mention
    return replace(mention, surface=text[mention.start : end + 1], end=end + 1)


#: the words of a river's or lake's basin or river system ('嫩江流域', '乌梁素海流域', '滦河水系').
_BASIN_WORDS = ("流域", "水系", "水係")
#: what a basin's river or lake is: a record of one, or a name its class word makes ('大凌河').
_WATER_PREFIXES = ("river:", "lake:")


def _basin(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """'X流域', 'X水系': a river or lake written with the word of its basin or system is one mention of it, the
    word included (the region it drains, located as the river or lake is)."""
    word = next((w for w in _BASIN_WORDS if text.startswith(w, mention.end)), None)
    if word is None:
        return mention
    if mention.place_ids:
        if mention.type is not None or not all(pid.startswith(_WATER_PREFIXES) for pid in mention.place_ids):
            return mention
    elif mention.type not in {"river", "lake"}:
        return mention
    end = mention.end + len(word)
    return replace(mention, surface=text[mention.start : end], end=end)


#: county-level suffixes a natural place's name takes when a unit is named after it ('嫩江县', '根河市').
_COUNTY_SUFFIXES = "县市旗"
#: id prefixes of the units such a name may be the record of (the region's banners, the neighbours' counties).
_COUNTY_PREFIXES = ("banner:", "neighbour:")


#: how a banner's name ends after its stem: a wing and a position ('左旗', '右翼中旗', '后旗'), 联合 (a merged
#: banner) or 旗 alone; not 旗 starting a longer word ('旗下', '旗帜').
_BANNER_TAIL_RE = re.compile(r"(?:[左右]翼?[前中后]?|[前中后]|联合)?旗(?![下帜舰袍号手])")


#: the character some pages write for 旗 (the same sound) after a banner's wing ('新巴尔虎左奇', '阿拉善左奇').
_BANNER_MISSPELT = "奇"


def _misspelt_banner(text: str, mention: Mention, finder: MentionFinder) -> Mention | None:
    """A banner's name ending with its wing, written with 奇 for 旗 ('阿拉善左奇'): the banner, as written; None
    when 奇 starts a word of its own ('X左奇石') or the name and 旗 name no banner."""
    if not text.startswith(_BANNER_MISSPELT, mention.end) or mention.surface[-1] not in "左右前中后":
        return None
    ids = tuple(pid for pid in finder.ids(mention.surface + "旗") if pid.startswith("banner:"))
    following = text[mention.end : mention.end + 2]
    tag(following)  # loads the segmenter's dictionary
    if not ids or known(following):
        return None
    end = mention.end + 1
    return Mention(text[mention.start : end], mention.start, end, None, "gazetteer", ids)


def _banner_written_out(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """A league's or banner's bare name followed by a banner's tail ('X左旗', 'X联合旗', 'X旗': a banner of the
    past, or one written in a form the gazetteer lacks) is one banner named after it, qualified by the area."""
    if mention.type is not None or not mention.place_ids:
        return mention
    if not all(pid.startswith(("league:", "banner:")) for pid in mention.place_ids):
        return mention
    misspelt = _misspelt_banner(text, mention, finder)
    if misspelt is not None:
        return misspelt
    tail = _BANNER_TAIL_RE.match(text, mention.end)
    if tail is None or mention.surface[-1] in _UNIT_CLASS_CHARACTERS:
        return mention
    end = tail.end()
    return Mention(
        text[mention.start : end],
        mention.start,
        end,
        "banner",
        "banner-tail",
        (),
        mention.surface,
        mention.place_ids,
    )


def _unit_named_after(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """A river's or mountain's name with a county suffix the segmenter reads as one word with it ('嫩江县') is the
    county named after it: one mention of the county (its record under the suffix written or, for a county turned
    city, under the other: 嫩江县 is now 嫩江市)."""
    if mention.type is not None or not mention.place_ids or mention.end >= len(text):
        return mention
    suffix = text[mention.end]
    if suffix not in _COUNTY_SUFFIXES or any(pid.startswith(_AREA_PREFIXES) for pid in mention.place_ids):
        return mention
    end = mention.end + 1
    if (mention.surface + suffix, PLACE_FLAG) != _words(text, mention.start, end).get(mention.start):
        return mention  # '黄河市场': the suffix starts another word
    ids: tuple[str, ...] = ()
    for written in (suffix, *_COUNTY_SUFFIXES.replace(suffix, "")):
        ids = tuple(i for i in finder.ids(mention.surface + written) if i.startswith(_COUNTY_PREFIXES))
        if ids:
            break
    return Mention(text[mention.start : end], mention.start, end, None, "unit-named-after", ids)


#: the class words a county- or league-level unit's full name ends with; a natural place named after the unit is
#: built from its bare name ('X草原', never 'X旗草原'), so a head word after the full name is the unit's land.
_UNIT_CLASS_CHARACTERS = "旗县市盟"


@cache
def _head_re() -> re.Pattern[str]:
    return re.compile(word_alternation(words("scenic_heads")))  # longest first


def named_after_area(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """An area's or town's name followed by a head word ('X胡杨林', 'X天池', 'X草原', 'X戈壁') is one place named
    after it."""
    found = []
    for mention in mentions:
        if mention.type is not None or not mention.place_ids:
            continue
        head = _head_re().match(
            text, mention.end
        )  # looked for first: most names have no head word after them
        if head is None or not all(pid.startswith((*_AREA_PREFIXES, "town:")) for pid in mention.place_ids):
            continue  # no head word, or no area or town ('X苏木' written short: 'X戈壁')
        if head.end() not in _words(text, mention.start, head.end()):
            continue  # the head word runs on into a longer word
        if mention.surface[-1] in _UNIT_CLASS_CHARACTERS and all(
            pid.startswith(_CLASSED_UNIT_PREFIXES) for pid in mention.place_ids
        ):
            continue  # a unit written with its class word ('X旗草原'): the unit's land, not a place named after it
        kind = _HEAD_TYPES.get(head.group(), "scenic")
        if kind in EXPANSE_KINDS and all(pid.startswith("province:") for pid in mention.place_ids):
            continue  # '内蒙古草原上': the province's grasslands, a kind of land; the province is the mention
        found.append(
            Mention(
                text[mention.start : head.end()],
                mention.start,
                head.end(),
                kind,
                f"named-after:{head.group()}",
                (),
                mention.surface,
                mention.place_ids,
            )
        )
    return found


#: what a river on a border is called after its name ('额尔古纳界河': the 额尔古纳河, the border river).
_BORDER_RIVER_WORD = "界河"


def _border_river(text: str, mention: Mention, finder: MentionFinder) -> Mention:
    """'X界河' after a name X whose river X河 the gazetteer holds: one mention of that river, the word included
    ('隔额尔古纳界河相望' names the 额尔古纳河, not the city 额尔古纳)."""
    if not text.startswith(_BORDER_RIVER_WORD, mention.end):
        return mention
    rivers = tuple(pid for pid in finder.ids(mention.surface + "河") if pid.startswith("river:"))
    if not rivers:
        return mention
    end = mention.end + len(_BORDER_RIVER_WORD)
    return Mention(text[mention.start : end], mention.start, end, "river", "gazetteer", rivers)


#: dashes between a port of ours and the foreign port it faces ('满都拉—杭吉口岸').
_PORT_PAIR_DASHES = re.compile("[—–\\-－]{1,2}$")
#: longest name of our port before the dash.
MAX_PAIRED_PORT = 8


def paired_ports(text: str, mentions: list[Mention], finder: MentionFinder) -> list[Mention]:
    """A port named with the foreign port it faces ('中蒙满都拉—杭吉口岸', '策克-西伯库伦口岸'): the name before the
    dash is our port when it and 口岸 name a port the gazetteer holds (not the town it is named after); the foreign
    port stays a mention of its own."""
    found: list[Mention] = []
    for mention in mentions:
        if not mention.place_ids or not all(pid.startswith("foreign:") for pid in mention.place_ids):
            continue
        if not mention.surface.endswith(_PORT_WORD):
            continue
        dash = _PORT_PAIR_DASHES.search(text, max(0, mention.start - 2), mention.start)
        if dash is None:
            continue
        for start in range(max(0, dash.start() - MAX_PAIRED_PORT), dash.start() - 1):
            ports = tuple(
                p for p in finder.ids(text[start : dash.start()] + _PORT_WORD) if p.startswith("port:")
            )
            if ports:
                found.append(
                    Mention(text[start : dash.start()], start, dash.start(), "port", "gazetteer", ports)
                )
                break
    return found


#: the rules reading one mention, in the order they apply: a heritage name made whole, a border river, a range's
#: land, an area's network, a part of an area, a unit named after a river or mountain, a banner written out, a
#: region's 地区, a street named after a unit.
MENTION_RULES: tuple[MentionRule, ...] = (
    _heritage_whole,
    _border_river,
    _mountain_land,
    _lake_with_class_word,
    _basin,
    _area_network,
    _unit_named_after,
    _banner_written_out,
    _with_region_word,
    _street_named_after,
)
#: the rules reading the kept mentions together, in order: a place named after an area, list items, headed lists.
LIST_RULES: tuple[ListRule, ...] = (
    named_after_area,
    list_items,
    listed_townships,
    townships_before_their_count,
    townships_between_figures,
    headed_list_items,
    represented_items,
    items_sharing_a_line_word,
    lines_named_by_initials,
    trip_stations,
    paired_ports,
)
