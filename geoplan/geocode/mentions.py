"""Find place mentions in plan text: gazetteer names in one Aho-Corasick pass plus suffix rules.

Two sources of mentions, merged into one non-overlapping, left-to-right list:

* **gazetteer** — every name and alias of the gazetteer (``Gazetteer.names()``) matched in a single
  Aho-Corasick pass (a DFA of ``ahocorasick_rs``), longest-leftmost;
* **suffix** — proper names the gazetteer lacks, recognised by the suffix that gives their type
  (…镇, …苏木, …口岸, …开发区, …机场, …沙漠, …水库 …).  The stem before the suffix is cut at punctuation and
  function words, starts at the first gazetteer name inside it when there is one, else loses its leading
  verbs and modifiers (推进, 加快, 依托 …).  A stem made only of generic words ('工业园区', '苏木镇', '城乡')
  is not a place.

Shared-suffix enumerations ('乌兰布和、巴音温都尔沙漠') give one mention per item when the gazetteer knows the
item with that suffix.  Everything here is pure string work; resolution lives in :mod:`geoplan.geocode.resolve`.
"""

from __future__ import annotations

import bisect
import csv
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import accumulate
from operator import attrgetter

import ahocorasick_rs
import numpy

from geoplan.geocode.features import (
    FEATURE_WORDS,
    admin_prefixed,
    feature_mentions,
    names_former_unit,
    sentence_at,
)
from geoplan.geocode.lexicon import names_peoples_only, peoples_tail, words
from geoplan.geocode.named_lines import NAMED_LINES
from geoplan.geocode.qualified import OWN_PROVINCE, QualifiedForms, unit_at
from geoplan.geocode.segment import (
    COUNT_NUMERALS,
    NAME_FLAGS,
    ORDINAL,
    ORDINAL_END,
    RUN_FLAGS,
    VERB_FLAGS,
    at_word_bounds,
    class_word_ends_name,
    clause_end,
    common_words_only,
    counted_before,
    descriptor_start,
    frequency,
    holds_count,
    holds_name_word,
    known,
    leading_name_start,
    mountain_name_start,
    name_run_start,
    name_start,
    names_natural_place,
    one_common_word,
    opens_with_count,
    peoples_name_here,
    suffix_word,
    tag,
    tagged_spans,
    word_before_place,
)
from geoplan.geocode.stems import (
    COMPASS_CHARS,
    COMPASS_PART,
    CORRIDOR_BREAKS,
    COUNTER_CHARS,
    COUNTRIES_OF,
    ERA_BEFORE,
    ERA_REACH,
    GENERIC_WORDS,
    IMPROPER_CHARS,
    ITEM_JOINERS,
    LEADING_WORDS,
    MONGOLIAN_HEADS,
    POSITION_VERBS,
    QUOTE_OPENERS,
    RUN_CLOSER_WORDS,
    SEPARATORS,
    STEM_BREAKS,
    UNIT_NAMED_IDS,
    Mention,
    SpanT,
    WordHits,
    after_last_verb,
    core_of,
    ends_in_count,
    finditer_anchored,
    is_generic,
    is_han,
    is_proper_stem,
    leading_trim,
    merged_with_prefix,
    word_alternation,
)
from geoplan.resources import GAZETTEER_DIR

#: suffix -> implied place type (the scan tries them longest first, see _SUFFIXES_LONGEST_FIRST).
SUFFIX_TYPES: dict[str, str] = {
    "高新技术产业开发区": "park",
    "经济技术开发区": "park",
    "边境经济合作区": "park",
    "跨境旅游合作区": "park",
    "跨境电子商务综合试验区": "park",
    "互市贸易区": "park",
    "旅游试验区": "park",
    "抽水蓄能电站": "reservoir",
    "国家级自然保护区": "reserve",
    "国家自然保护区": "reserve",  # the rank word is part of the name: 'X国家自然保护区', 'X国家湿地公园'
    "国家湿地公园": "wetland",
    "国家沙漠公园": "scenic",
    "自然保护区": "reserve",
    "综合保税区": "park",
    "保税物流中心": "park",
    "国际陆港": "park",
    "内陆港": "park",
    "经济开发区": "park",
    "经济合作区": "park",
    "工业园区": "park",
    "产业园区": "park",
    "物流园区": "park",
    "高速公路": "road",
    "城际铁路": "railway",
    "高速铁路": "railway",
    "风景道": "road",
    "风景大道": "road",
    "景观大道": "road",
    "旅游公路": "road",
    "大环线": "road",
    "国家公园": "national_park",
    "保税区": "park",
    "开发区": "park",
    "合作区": "park",
    "产业园": "park",
    "产业基地": "park",
    "工业园": "park",
    "基地": "park",
    "产业区": "park",
    "物流园": "park",
    "保护区": "reserve",
    "火车站": "station",
    "截洪沟": "water_project",
    "水利枢纽": "dam",
    "水电站": "dam",
    "拦河闸": "dam",
    "大坝": "dam",
    "滞洪区": "water_project",
    "试验区": "park",
    "贸易区": "park",
    "绕城公路": "road",
    "连接线公路": "road",
    "连接线": "road",
    "省际大通道": "road",
    "运煤专用通道": "road",
    "省际通道": "road",
    "机场路": "road",
    "互通立交桥": "road",
    "互通": "road",
    # facilities named after the place they stand at ('X电厂', 'X变电站', 'X收费站', 'X特大桥', 'X牧场'): the
    # class words are a reviewed list (gazetteer/lexicon/facility_class_words.txt)
    **dict.fromkeys(words("facility_class_words"), "other"),
    "山洪沟": "river",
    "科学技术馆": "scenic",
    "博物馆": "scenic",
    "博物院": "scenic",
    "纪念馆": "scenic",
    "科技馆": "scenic",
    "剧院": "scenic",
    "石刻": "scenic",
    "岩画": "scenic",
    "古战场": "scenic",
    "根据地": "scenic",
    "大峡谷": "scenic",
    "文博园": "scenic",
    "文化园": "scenic",
    "温泉谷": "scenic",
    "植物园": "scenic",
    "生态园": "scenic",
    "瀑布": "scenic",
    "温泉": "scenic",
    "岛": "scenic",
    "楼": "scenic",
    "营地": "scenic",
    "教育基地": "scenic",
    "文化长廊": "scenic",
    "寺": "scenic",
    "庙": "scenic",
    "古城": "scenic",
    "故城": "scenic",
    "城址": "scenic",
    "石窟": "scenic",
    "石林": "scenic",
    "天池": "scenic",
    "王府": "scenic",
    "度假村": "scenic",
    "滑雪场": "scenic",
    "水上乐园": "scenic",
    "渡假村": "scenic",
    "风景名胜区": "scenic",
    "风景区": "scenic",
    "旅游度假区": "scenic",
    "遗址公园": "scenic",
    "旅游景区": "scenic",
    "旅游区": "scenic",
    "度假区": "scenic",
    "动物园": "scenic",
    "游乐园": "scenic",
    "故居": "scenic",
    "景区": "scenic",
    "美术馆": "scenic",
    "艺术剧院": "scenic",
    "大剧院": "scenic",
    "公园": "scenic",
    "遗址": "scenic",
    "草原": "grassland",
    "园区": "park",
    "特色小镇": "scenic",
    "平原": "region",
    "高原": "region",
    "盆地": "region",
    "山地": "region",
    "南麓": "mountain",  # a side of a range ('大青山南坡'); a side that is a region of its own is its record
    "北麓": "mountain",
    "前坡": "mountain",
    "区块": "region",
    "南坡": "mountain",
    "北坡": "mountain",
    "小镇": "scenic",
    "苏木镇": "town",
    "农场": "town",
    "林场": "town",
    "苏木": "town",
    "公社": "town",  # a people's commune of 1958-1983, the township of today ('乌力吉公社')
    "街道": "town",
    "嘎查": "village",
    "口岸": "port",
    "机场": "airport",
    "航空港": "airport",
    "铁路专用线": "railway",
    "客运专线": "railway",  # a passenger line named by its ends' initials ('京通客运专线')
    "铁路": "railway",
    "高铁": "railway",
    "公路": "road",
    "高速": "road",
    "高勒": "river",
    "沙漠公园": "scenic",
    "沙漠": "desert",
    # mountain ranges, and mines and fields by their class words (a name run before them, see NAME_RUN_SUFFIXES)
    "山脉": "mountain",
    # a mountain or a ridge by its class word alone: only where the segmenter ends a name with it (MOUNTAIN_WORDS)
    "山": "mountain",
    "岭": "mountain",
    # a volcano by its class word ('乌兰哈达火山'): named by a proper name only (segment.names_natural_place);
    # a field of volcanoes the same way ('达里诺尔火山群')
    "火山群": "mountain",
    "火山": "mountain",
    # a banner or county by its class word: a former unit or a variant the gazetteer lacks (see _unit_by_class_word)
    "旗": "banner",
    "县": "banner",
    "煤矿": "mine",
    "煤田": "mine",
    "矿区": "mine",
    "气田": "mine",
    "油田": "mine",
    "铅锌矿": "mine",
    "铜矿": "mine",
    "铁矿": "mine",
    "金矿": "mine",
    "沙地": "sandy_land",
    "水库": "reservoir",
    "海子": "lake",
    "淖尔": "lake",
    "湿地公园": "wetland",
    "湿地": "wetland",
    "镇": "town",
    "乡": "town",
    "湖": "lake",
    "沟": "river",
    "河": "river",
    "大街": "street",
    "街": "street",
    "路": "street",
    "港": "port",
}

#: official suffixes a plan may leave out inside a compound name (棋盘井产业园 for 棋盘井镇's park).
SHORTENED_SUFFIXES = ("镇", "苏木", "乡", "街道", "嘎查", "旗", "县")

#: suffixes a line's end may drop ('东胜' for 东胜区, '集宁' for 集宁区, '神木' for 神木市).
COMPLETING_SUFFIXES = ("市", "区", "旗", "县", "镇", "苏木", "乡", "街道")
#: a short form shared by more places than this is a common word of names ('巴彦', '白音'), not a name.
MAX_SHORT_PLACES = 2
#: short forms at least this long are matched in running text; shorter ones only inside compound names.
MIN_SHORT_IN_TEXT = 3
#: characters after which a short form in running text can end (connectors, list marks, 段 of a road).
SHORT_FORM_FOLLOWERS = frozenset("至到—－-~、，。；：和与及段等的（(）)")
#: a count of towns or banners after short forms ('A和B两镇', 'A、B、C三个苏木'): the short forms end there.
_COUNTED_UNITS = re.compile(r"[两二三四五六七八九十]个?(?:镇|苏木|乡|街道|旗|县)")
#: shortest short form read before a copula or preposition too ('批准甘其毛都为…', '甘其毛都蒙语意为…'): four
#: characters or more, too long to open another word by chance.
LONG_SHORT_FORM = 4
#: what ends such a long short form: a copula or a preposition right after it, or the language its name is
#: explained in.
_LONG_SHORT_FORM_END = re.compile("[为是在于]|蒙古?语")
#: a journey set out from a place or heading for it, written right after its short form ('从X出发', '往X方向').
_SETTING_OUT = re.compile(r"出发|启程|动身|方向")
#: a direction and distance from a place written right after its short form ('X东距…', 'X西邻…', 'X以南').
_DIRECTION_FROM = re.compile(r"以?[东西南北](?:[距邻接靠临]|\d)|以[东西南北]")
#: id prefixes of places outside the region or spanning it (neighbouring counties and cities, provinces,
#: foreign places): a two-character name of these is matched only where a name can end.
OUTSIDE_ID_PREFIXES = ("neighbour:", "province:", "foreign:")
#: words that may directly follow a place name ('宁东高速', '承德方向').
NAME_FOLLOWERS = (
    "高速",
    "铁路",
    "公路",
    "高铁",
    "机场",
    "口岸",
    "方向",
    "地区",
    "一带",
    "郊区",
    "段",
    "经",
    *COUNTRIES_OF,
)
#: ordinals, which name subdistricts in full only ('第四街道'): '第四' alone is a count ('第四大淡水湖').
_ORDINAL = re.compile(ORDINAL)
#: stems that are street or ethnic words, not names of their own ('人民路' of 人民路街道, '…民族' of 民族乡).
_NOT_SHORT_ENDINGS = ("路", "街", "道", "城区", "族", "自治")

#: suffixes that end proper names only ('X湖', 'X口岸', 'X开发区'): X must read as a name (segment.py);
#: park and town suffixes (产业园, 园区, 小镇, 镇 …) also end descriptive names ('乳业扶贫园区').
#: scenic class words of heritage places, which end proper names only (庙, 古城, 石窟 …: a verb before the name is
#: no part of it, '游览X庙').
HERITAGE_SUFFIXES = frozenset({"庙", "古城", "故城", "城址", "石窟", "石林", "天池", "王府", "古战场"})
PROPER_NAME_SUFFIXES = frozenset(
    suffix
    for suffix, kind in SUFFIX_TYPES.items()
    if kind not in {"park", "town", "village", "scenic"}
    or suffix.endswith(("开发区", "合作区", "保税区"))
    or suffix in HERITAGE_SUFFIXES
)

#: suffixes of scenic places that plans also use for kinds of park ('口袋公园', '山地体育公园'): a name ending in
#: one needs a place named in it or a proper name the segmenter sees ('阳山生态公园', '雅玛图森林公园').
DESCRIPTIVE_SCENIC_SUFFIXES = frozenset(
    {
        "旅游度假区",
        "遗址公园",
        "旅游景区",
        "旅游区",
        "度假区",
        "游乐园",
        "风景名胜区",
        "风景区",
        "景区",
        "公园",
        "遗址",
        "岩画",
    }
    | {"文博园", "文化园", "温泉谷", "营地", "教育基地", "文化长廊", "寺", "度假村", "渡假村"}
    | {"生态园", "瀑布", "温泉"}
    | HERITAGE_SUFFIXES
)
#: class words of rivers, dams, mines and ranges ('X河', 'X水利枢纽', 'X煤矿', 'X山脉'): without a known place before them,
#: the name is the run of proper-name words right before the class word (see segment.name_run_start).
NAME_RUN_SUFFIXES = frozenset(
    {"河", "水利枢纽", "水电站", "拦河闸", "大坝"}
    | {"草原", "自然保护区", "保护区"}
    | {"平原", "高原", "盆地", "山地"}
    | {"岛", "楼"}
    | {suffix for suffix, kind in SUFFIX_TYPES.items() if kind in ("mine", "mountain")}
)
#: kinds whose name, when the stem before the class word holds prose ('境内古迹有X庙', '所在地X镇', '境内有X湖'),
#: is the run of name words right before the class word (of scenic places, only heritage places: '一批研学营地'
#: names none).
_NAME_RUN_FALLBACK_KINDS = frozenset({"town", "scenic", "lake"})
_HERITAGE_NAME_RUN_SUFFIXES = HERITAGE_SUFFIXES | {"寺"}
#: state farms and forest farms, town-level units ('X农场'): named by a proper name, not a kind ('家庭农场').
FARM_SUFFIXES = frozenset({"农场", "林场", "牧场"})
#: the word ending a body that owns farms ('农场管理局', '林业局', '农垦集团'): a farm's name starts after it.
_OWNING_BODY = re.compile(r"管理局|林业局|农垦局|集团|公司")
#: kinds of line a body owns and names before the line's own name ('X局集团包满铁路').
_OWNED_LINE_KINDS = frozenset({"railway", "road"})
#: words making a farm's class word part of a body's name ('农场管理局', '林场场部').
_BODY_AFTER_FARM = ("管理局", "局", "场部", "职工")
#: suffixes of cultural institutions ('内蒙古艺术剧院', '公主府博物馆'): the area before them is part of the name
#: (a province's museum is one building); without a known place the stem must hold a proper name.
INSTITUTION_SUFFIXES = frozenset(
    {"科学技术馆", "博物馆", "博物院", "科技馆", "美术馆", "艺术剧院", "大剧院"}
    # a city's zoo or botanical garden is one place named by the city ('鄂尔多斯植物园'), not a kind of its sights
    | {"动物园", "植物园"}
)
#: kinds of natural places a suffix names (a lake, a desert …): a name of one holds a name word (see
#: segment.names_natural_place); rivers are named by the run of name words before 河 (NAME_RUN_SUFFIXES).
NATURAL_KINDS = frozenset({"lake", "desert", "sandy_land", "wetland", "grassland"})
#: id prefixes of areas (admin units, regions): an area's name before a descriptive scenic suffix describes.
AREA_ID_PREFIXES = ("province:", "league:", "banner:", "town:", "region:")
#: short suffixes that also end common words (思路, 街区, 空港): they end a name only where the segmenter ends a
#: word with them.
WORD_SUFFIXES = frozenset({"大街", "街", "路", "港", "寺", "庙", "岛", "楼"})
#: one-character class words of mountains, which also end common words (矿山, 江山, 山区): they end a name only
#: where the segmenter reads a name ending in them (segment.class_word_ends_name).
MOUNTAIN_WORDS = frozenset({"山", "岭"})
#: class words of county-level units: a name the gazetteer lacks before one is a former unit or a variant
#: ('索伦县', '杜尔伯特旗'), a proper name only (全旗, 国旗, 两县, 我旗 are none).
UNIT_CLASS_WORDS = frozenset({"旗", "县"})
#: one-character class words whose rule asks the segmenter (frequent in plans: most end known names).
SEGMENTED_CLASS_WORDS = MOUNTAIN_WORDS | UNIT_CLASS_WORDS
#: class characters of units: one right after 旗 or 县 makes a list of kinds of unit ('旗县', '县市区').
_UNIT_CLASS_CHARS = frozenset("盟市旗县区")
#: longest stem of a street or port name without a known place in it ('哈拉沁东', '成吉思汗').
MAX_STREET_STEM = 5
#: suffixes of parks that plans also use descriptively ('装备制造产业园'), and of the zones they belong to.
SUBPARK_SUFFIXES = ("产业园区", "物流园区", "产业园", "物流园", "工业园", "园区")
#: a park's class word that also ends kinds of place ('养殖基地'): it names a park only after a proper stem and the
#: words of its industry (see MentionFinder._described_park).
BASE_WORDS = frozenset({"基地"})
#: class words of development zones, which a league names with its industry ('X盟农畜产品开发区').
ZONE_WORDS = frozenset({"开发区"})
#: dictionary verbs of prose, which a park's description never holds ('建设', '打造', '成立'): they open a clause,
#: never a name.
PROSE_VERBS = frozenset(LEADING_WORDS)
#: flags of function words, after which a name may start.
_FUNCTION_FLAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "x", "d", "r", "f"})
#: characters of text read before a name run for the word it follows (see MentionFinder._opens_name).
CONTEXT_BEFORE = 4
_PROSE_VERB_RE = re.compile(word_alternation(word for word in LEADING_WORDS if len(word) >= 2))
#: longest short form or name read as a described park's stem, in characters.
MAX_SHORT_STEM = 6
#: kinds of place named by a proper stem, common words describing them and a class word (see
#: MentionFinder._described_park): parks by their industry, scenic places by their landscape or culture.
DESCRIBED_KINDS = frozenset({"park", "scenic"})
PARK_ZONE_SUFFIXES = ("开发区", "合作区", "保税区", "工业园区")

#: one-character abbreviations of countries and world regions that plans string together ('俄蒙欧', '日韩', '美欧');
#: a run of two or more different ones, standing as a word of its own, names those countries together.  A run led
#: by 中 (China, the plan's own side) qualifies what follows ('中蒙俄经济走廊', '中蒙俄跨境输气管道'): not taken.
_ABBREVIATION_RUN = re.compile(r"[蒙俄欧美日韩]{2,4}")
#: one abbreviation: where a run may start (matching the run only there is cheaper than scanning for it).
_ABBREVIATIONS = "蒙俄欧美日韩"
#: abbreviations that name a foreign country alone: of the neighbouring countries' only 俄 (蒙 is also the
#: region's own abbreviation; 美, 日, 欧, 韩 alone are common characters: '和美乡村', '小而美').
_ALONE_ABBREVIATIONS = re.compile(r"俄")
#: characters that make 蒙 the start of a word of its own (蒙古, 蒙医, 蒙药).
_ABBREVIATION_NOT_BEFORE = frozenset("古医药语文族")

#: a route number: national/provincial expressway or road (G6, S215), a county or township road's code (X503,
#: Y001: three digits) or 国道/省道/县道 N (线).
#: (the first character as a class of its own: the regex engine then skips to candidates instead of trying every
#: alternative at every character)
ROUTE_NUMBER_RE = re.compile(
    r"[GSXY国省县](?:(?<=[GS])\d{1,4}|(?<=[XY])\d{3}|(?<=[国省县])道\s*(?:\d{1,4}|“\d{1,4}”))"
)
#: the 线 written after a network word and its number, part of the road's name ('国道 111 线', '国道“303”线').
_LINE_AFTER_NUMBER = re.compile(r"\s*线")
#: quotes around a route's number ('国道“303”线', '“111”国道'): no part of the number.
_NUMBER_QUOTES = re.compile(r"[\s“”]+")
_ASCII_WORD = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ROUTE_AFTER = _ASCII_WORD | {"."}
#: a run of ASCII symbols, digits and letters holding a lower-case letter or =/? right after a route's number: the
#: rest of a random code a page carries ('G5:9UY4?8fQ2.1r'), never a road's name.
_CODE_NOISE = re.compile(r"[+=:?!,.][!-~]*?[a-z=?]")
#: what follows a train's number ('G4408次', 'D6次'): the measure word of train runs.
_TRAIN_NUMBER_END = "次"
#: the segmenter's flag of a time word ('次年', '次日': the next year, day), which a 次 after a number may start.
_TIME_FLAG = "t"


def _counts_train_runs(text: str, end: int) -> bool:
    """Whether the 次 at ``end`` is the measure word of a train's number ('G4408次列车', 'K7次，'), not the start of a
    time word after a route's number ('S215次年通车')."""
    return tag(text[end : end + 4])[0][1] != _TIME_FLAG


#: the network words written after a road's number ('208国道', '215省道'), by their first character.
_NETWORK_AFTER = {"国": "国道", "省": "省道", "县": "县道"}
#: what a route number starts with (a network's letter, or its word before the number): where one is looked for.
_ROUTE_STARTS = ("G", "S", "X", "Y", *_NETWORK_AFTER.values())
#: numbers listed before a number and its network word ('110、208' of '110、208国道'), matched at the end of the
#: text before the network word (a count of the routes may stand between: '三条国道'); the last number has two or three
#: digits, as every 国道/省道/县道 has.
_NUMBERS_BEFORE_NETWORK = re.compile(
    r"(?<![\dA-Za-z.])((?:\d{1,4}\s*、\s*)*)(“)?(\d{2,3})(?(2)”)\s*([两二三四五六七八九十]条)?$"
)
#: a national road's number written with 国 alone, its 道 dropped, before a conjunction or a mark ('沿111国和…').
_NUMBER_CUT_NETWORK = re.compile(r"(?<![\dA-Za-z.])([1235]\d{2})国(?=[和与及、，。；）)])")
#: numbers listed after a route number ('、208' of '国道110、208线').
#: a route number with 线 joined to a route written in full before it ('国道111线和305线'): the second 'N线'.
_JOINED_LINE = re.compile(r"\s*线?\s*[和及与、]\s*((\d{1,4})\s*线)(?![\dA-Za-z.])")
_NUMBERS_AFTER = re.compile(r"(?:\s*、\s*\d{1,4}(?![\dA-Za-z.]))+")
#: what may follow a number for it to be a route's ('208年', '110公里' are no routes).
#: the kind word written right after a route's code ('G6高速', 'G12号高速公路', 'S203公路', 'G111线': the route's
#: name as written); not a link named after it ('G6高速乌海联络线'), nor a line's other words ('G110线路').
_EXPRESSWAY_AFTER = re.compile(
    r"[号號]?(?:高速(?:公路)?(?![\u4e00-\u9fff]{0,3}(?:联络线|连接线))|公路(?![段网])|[线線](?![路网段]))"
)
#: a national road's three-digit number and 线 written alone ('305线'); not a number with more digits or a unit.
_BARE_ROAD_LINE = re.compile(r"([1235]\d{2})线(?![路网段])")
#: characters before a bare number that make it part of another route's name or a quantity ('国道305线' is read by
#: the network word; 'K305线', '第305线').
_NOT_BEFORE_A_BARE_LINE = frozenset("道第号")
#: marks joining the numbers of a list ('110、208线'): a number after one and a number is the list's item.
_NOT_AFTER_A_ROUTE = frozenset("年月日号期个条座公千米万亿元吨%％:：")


#: distinct short texts whose mentions :meth:`MentionFinder.names_in` remembers.
NAMES_IN_MEMO = 4096
#: class words of facilities on a route (an interchange, a toll station, a bridge): named after a place, written
#: after the section of the route they stand on ('X至Y段Z互通').
ON_ROUTE_SUFFIXES = frozenset({"互通立交桥", "互通", "收费站", "大桥"})
#: interchanges: where a route joins another, named after the place there, written after the route's name.
INTERCHANGE_SUFFIXES = frozenset({"互通立交桥", "互通"})
#: longest stem kept before a suffix, in characters.
MAX_STEM = 14

#: surface forms never taken for places, whatever the gazetteer says (homographs of common words).
STOP_WORDS: frozenset[str] = frozenset(words("stop_words"))

#: a 和 preceded by one of these is inside a name (呼和浩特, 乌兰布和), not a conjunction.
_HE_NAME_BEFORE = frozenset("呼布")
#: stem characters are CJK characters other than stem breaks and corridor connectors, and 和 only inside a name
#: (after 呼 or 布: 呼和浩特, 乌兰布和); matched from where a search starts, this ends after the last character that is
#: not one (the greedy ``.*`` reaches it from the end: one pass, where a run anchored at the end was tried from
#: every start).
_BREAK_CLASS = re.escape("".join(sorted(STEM_BREAKS | CORRIDOR_BREAKS)))
_LAST_STEM_BREAK = re.compile(
    rf"(?s:.*)(?:[^\u3400-\u9fff]|[{_BREAK_CLASS}]|(?<=[^{''.join(sorted(_HE_NAME_BEFORE))}])和)"
)

_GENERIC_SET = frozenset(GENERIC_WORDS)
_ZONE_RE = re.compile("|".join(map(re.escape, PARK_ZONE_SUFFIXES)))
#: a park's class words of two or more characters: a street named after one is a street of the park
#: ('X工业园区泰升路': the park, then its street).
_PARK_CLASS_RE = re.compile(
    word_alternation(s for s, kind in SUFFIX_TYPES.items() if kind == "park" and len(s) >= 2)
)
#: a park's class word ending where another class word starts.
_PARK_CLASS_END = re.compile(f"(?:{_PARK_CLASS_RE.pattern})$")


#: class words of two or more characters, which a following 化 turns into a process word (沙漠化, 城镇化).
_CLASS_WORDS = tuple(suffix for suffix in SUFFIX_TYPES if len(suffix) >= 2)
#: suffixes longest first: where two end a name at one place, the longer names it ('抽水蓄能电站', not '电站').
_SUFFIXES_LONGEST_FIRST = sorted(SUFFIX_TYPES, key=len, reverse=True)
_SUFFIX_RE = re.compile(word_alternation(_SUFFIXES_LONGEST_FIRST))
#: each suffix's place in the regex alternation's order of preference.
_SUFFIX_ORDER = {suffix: order for order, suffix in enumerate(_SUFFIXES_LONGEST_FIRST)}
#: characters after which 沟 starts a word (沟通, 沟壑, 沟渠, 沟道) rather than ending a gully's name.
_GOU_NEXT = frozenset("通壑渠道谷槽村")
#: the word after a site's name that names an archaeological culture ('赵宝沟文化', '朱开沟文化').
_CULTURE = "文化"
#: two-character words ending in 河 that say where by a river or what kind of river, never a river's name
#: ('滨河大道', '沿河公路', '内河航运').
_RIVER_WORDS = frozenset({"滨河", "沿河", "跨河", "过河", "内河", "运河", "界河"})
#: words a 乡 never ends (城乡, 乡村 …): the next character must not make 乡 part of a word.
_XIANG_NEXT = frozenset("村镇土风愁贤情亲里音野间邻")
#: common words ending in 乡 (a home, a water town, going to the countryside): no township's name ends there.
_XIANG_WORDS = frozenset(
    {"水乡", "故乡", "家乡", "老乡", "同乡", "他乡", "异乡", "梦乡", "下乡", "返乡", "回乡", "还乡", "思乡"}
)
#: a suffix right after one of these is part of a common word (城镇, 城乡, 河湖, 巡湖, 环湖 …), not a name.
_NOT_AFTER: dict[str, str] = {
    "镇": "城乡村集小名强点重镇入进聚",
    "乡": "城返入下促还回家故同老",
    "湖": "河田还垦巡护环游",
    "沟": "山水冲洪排截边地田深鸿代",
}
#: types whose names the gazetteer must anchor (a known place inside the name), else they are descriptions.
NEEDS_QUALIFIER = frozenset({"wetland", "reserve", "national_park", "grassland", "region"})
#: suffixes taken only with a known place before them: names of other kinds end in them too ('白音高勒' is a town
#: and a substation as well as a river, 高勒 being Mongolian for river), or plans use them for kinds of zone
#: ('自由贸易试验区').  Farms have a rule of their own (FARM_SUFFIXES).
QUALIFIED_SUFFIXES = frozenset({"高勒", "试验区", "贸易区", "公社"})
#: the class word of a former township, a people's commune (1958-1983), named by its township's stem.
_FORMER_TOWNSHIP_WORDS = frozenset({"公社"})
#: routes named after the landscape they run through or the place they lead to ('…草原风景道', '…沙地大环线',
#: 'X森林公园旅游公路'): a road word of sightseeing (风景, 景观, 旅游 and a road word) or a loop; the landscape's class
#: word and the generic words before the suffix are part of the one name.
LANDSCAPE_ROUTE_SUFFIXES = frozenset({"风景道", "风景大道", "景观大道", "旅游公路", "大环线"})
#: of those, the classes of road (tourist roads, as rural roads): named after the destination they lead to, a
#: unit's are a kind of road there.
ROAD_CLASS_SUFFIXES = frozenset({"旅游公路"})
#: roads named after the place they ring, cross or lead to ('X绕城公路', 'X沙地大环线', 'X连接线'): the place is
#: part of the name, and a direction after it too ('X东绕城公路').
AROUND_PLACE_SUFFIXES = frozenset({"绕城公路", "大环线", "连接线公路", "连接线"}) | LANDSCAPE_ROUTE_SUFFIXES
#: roads that link a place or a route to the network: after a route's name ('X高速连接线') the route is named.
LINK_SUFFIXES = frozenset({"连接线公路", "连接线"})
#: suffixes that end a name only when nothing but punctuation or a function word follows (敕勒川草原等).
_FREE_STANDING = {"草原": "等、，。；和及与的上:：)）!！?？\n "}
#: words after 火山 that make the volcano a kind of thing ('火山草原', '火山地貌', '火山口'), no volcano's name's end.
_VOLCANO_KIND_WORDS = ("草原", "地貌", "地质", "遗迹", "口", "岩", "灰", "锥", "熔")
#: types named by short abbreviations when unanchored (集二铁路, 包兰铁路): the core is at most this long.
ABBREVIATED_MAX = {"railway": 4, "road": 4}
#: id prefixes of the lines of those kinds.
_LINE_ID_PREFIXES = tuple(f"{kind}:" for kind in ABBREVIATED_MAX)
#: facilities named after the place they stand at ('X收费站', 'X电厂'): one common word before them says which
#: kind ('主线收费站', '匝道收费站'), no place.
PLACE_NAMED_FACILITIES = frozenset(suffix for suffix, kind in SUFFIX_TYPES.items() if kind == "other")
#: kinds of road a place has only one of ('X旗绕城公路'): with the place before them they name that one road.
SINGLE_ROUTE_WORDS: tuple[str, ...] = words("single_route_words")
#: kinds a place has several of (parks of a banner, scenic areas): generic words make a different one.
SEVERAL_PER_PLACE = frozenset({"park", "scenic", "street", "reservoir", "river", "lake"})
#: kinds whose window starts after the last class word inside it ('中蒙经济合作区跨境铁路').
_INNER_CUT_KINDS = frozenset({"road", "railway", "park", "street"})
#: suffixes of routes named after a landscape or around a place, never cut at an inner suffix.
_WHOLE_ROUTE_SUFFIXES = LANDSCAPE_ROUTE_SUFFIXES | AROUND_PLACE_SUFFIXES
#: a port's class word: ports are named after the town or banner they stand at, never after a league, so a
#: league's name before it says the league's ports.
_PORT_WORD = "口岸"
#: words describing things of a kind, never in a proper name ('X主要景区', 'X大型公园').
_DESCRIBING_WORDS = frozenset({"主要", "大型", "重要", "重点", "小型", "中型"})
#: a side of a place ('南岸', '东侧', '湖畔' of 'X南岸Y景区'): where a name of its own stands.
_SIDE_OF_PLACE = re.compile("[东西南北]{1,2}(?:岸|侧|畔)")
#: an interchange's class word, also the verb 'link up' after two places paired by 与/和 ('包头与银川互通').
_INTERCHANGE = "互通"
_PAIRING = frozenset("与和")
#: id prefixes of settlements (leagues, banners, cities elsewhere, provinces): an interchange is named after a road
#: or a town ('G6高速与东二环互通', '阿力得尔互通'), two settlements paired before 互通 are linked.
_SETTLEMENT_IDS = ("league:", "banner:", "neighbour:", "province:")
#: 'history', right after a class word: the history of such things at a place ('X铁路史'), no name.
_HISTORY = "史"
#: a 高速 that is not a road (高速发展 …) is followed by one of these.
_GAOSU_NEXT = frozenset("发增度率宽运成化")


class SpanIndex:
    """Spans ``(start, end)`` asked, in O(log n) each, whether one covers or overlaps a range (so that a check per
    mention stays linear in a long text)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self._starts = [start for start, _ in self.spans]
        self._max_end = list(accumulate((end for _, end in self.spans), max))

    def covers(self, start: int, end: int) -> bool:
        """Whether a span starts at or before ``start`` and ends at or after ``end``."""
        index = bisect_right(self._starts, start) - 1
        return index >= 0 and self._max_end[index] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span shares a character with ``start..end``."""
        index = bisect_left(self._starts, end) - 1
        return index >= 0 and self._max_end[index] > start

    def first_overlapping(self, start: int, end: int) -> int | None:
        """The position in :attr:`spans` of the earliest-starting span that overlaps ``start..end``, or None."""
        index, found = bisect_left(self._starts, end) - 1, None
        while index >= 0 and self._max_end[index] > start:
            if self.spans[index][1] > start:
                found = index
            index -= 1
        return found


class Alphabet:
    """Text as the finder's automaton reads it: each character of the automaton's words as ``width`` bytes (the
    first 0x01–0x7F, the others 0x80–0xFF), every other character (a lone surrogate too) as ``width`` NULs.

    The automaton's DFA over these bytes is several times smaller than over UTF-8 (a few hundred byte values tell
    the characters of the words apart, two bytes a character rather than UTF-8's three) and searches about twice as
    fast.  Every character has the same width, so an offset maps back by a division, and a word matches only where
    a character starts (a first byte is never a later one, and NUL starts no word)."""

    #: texts shorter than this are mapped character by character (numpy's cost per call outweighs its speed)
    SHORT = 64

    def __init__(self, words: Iterable[str]) -> None:
        chars = sorted({char for word in words for char in word})
        self.width, capacity = 1, 127
        while capacity < len(chars):
            self.width, capacity = self.width + 1, capacity * 128
        #: code point -> its bytes; the last row (NULs) stands for every code point past the words' characters
        self._table = numpy.zeros((ord(chars[-1]) + 2 if chars else 1, self.width), dtype=numpy.uint8)
        self._codes: dict[str, bytes] = {}
        for index, char in enumerate(chars):
            digits = []
            for _ in range(self.width - 1):
                index, low = divmod(index, 128)
                digits.append(0x80 + low)
            code = bytes([index + 1, *reversed(digits)])
            self._table[ord(char)] = list(code)
            self._codes[char] = code

    def word(self, word: str) -> bytes:
        """``word`` (all its characters in the alphabet) as the automaton stores it."""
        return b"".join(self._codes[char] for char in word)

    def encode(self, text: str) -> bytes:
        """``text`` as the automaton reads it (``width`` bytes per character)."""
        if len(text) < Alphabet.SHORT:
            none = bytes(self.width)
            return b"".join(self._codes.get(char, none) for char in text)
        # a lone surrogate (a bad decode) is one character too, as in str
        points = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
        # 'clip' maps every code point past the table to its last row (NULs)
        return self._table.take(points, axis=0, mode="clip").tobytes()


#: the words of a range's sides read as class words ('大青山南坡', '大兴安岭南麓'; SUFFIX_TYPES types them).
_SIDE_WORDS = ("南麓", "北麓", "南坡", "北坡", "前坡")
#: the word an ethnic township's name holds before its class word ('民族乡', '民族苏木').
_ETHNIC_WORD = "民族"
#: the longest stem read back before 民族 for a township written without its peoples.
_ETHNIC_STEM_MAX = 4


@dataclass
class MentionFinder:
    """One Aho-Corasick automaton over the gazetteer's names, plus the suffix rules.

    Build it once per gazetteer (``MentionFinder(gz.names())``) and call :meth:`find` per text.
    """

    names: Iterable[tuple[str, str]] = ()
    stop_words: frozenset[str] = STOP_WORDS
    #: how the gazetteer's units elsewhere in China are written after their province or city (none by default).
    qualified: QualifiedForms = field(default_factory=QualifiedForms)
    _ids: dict[str, tuple[str, ...]] = field(init=False, default_factory=dict)
    _sorted_surfaces: list[str] | None = field(init=False, default=None)
    _automaton: ahocorasick_rs.BytesAhoCorasick = field(init=False)
    #: the automaton's words, by the index it reports a match with
    _words: list[str] = field(init=False, default_factory=list)
    _alphabet: Alphabet = field(init=False)
    _short: dict[str, tuple[str, ...]] = field(init=False, default_factory=dict)
    _listed: dict[str, str] = field(init=False, default_factory=dict)
    _initials: frozenset[str] = field(init=False, default=frozenset())
    _listed_lengths: tuple[int, ...] = field(init=False, default=())
    _in_text: frozenset[str] = field(init=False, default=frozenset())
    _ids_or_short: dict[str, tuple[str, ...]] = field(init=False, default_factory=dict)
    _short_lengths: dict[str, tuple[int, ...]] = field(init=False, default_factory=dict)
    _names_of: dict[frozenset[str], frozenset[str]] = field(init=False, default_factory=dict, compare=False)
    _names_in: dict[str, tuple[Mention, ...]] = field(init=False, default_factory=dict, compare=False)
    #: full name -> ids of the county-level units held only as qualified (built on first use)
    _qualified_names: dict[str, set[str]] | None = field(init=False, default=None, compare=False)
    _fixed_words: frozenset[str] = field(init=False, default=frozenset())
    #: stems that with a line word name a road or railway ('包银' of 包银高铁), for :meth:`line_named`
    _line_stems: frozenset[str] = field(init=False, default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        ids: dict[str, list[str]] = {}
        for surface, place_id in self.names:
            surface = surface.strip()
            if len(surface) < 2 or surface in self.stop_words:
                continue
            ids.setdefault(surface, []).append(place_id)
        self._ids = {surface: tuple(dict.fromkeys(values)) for surface, values in ids.items()}
        self._initials = frozenset(
            surface[0]
            for surface, place_ids in self._ids.items()
            if any(pid.startswith(_INITIAL_ID_PREFIXES) for pid in place_ids)
        ) | frozenset(province_abbreviations())
        self._line_stems = frozenset(
            surface[: -len(word)]
            for surface, place_ids in self._ids.items()
            for word in LINE_WORDS
            if surface.endswith(word)
            and 2 <= len(surface) - len(word) <= max(ABBREVIATED_MAX.values())
            and any(pid.startswith(_LINE_ID_PREFIXES) for pid in place_ids)
        )
        self._listed = {k: v for k, v in _list_stems(self._ids).items() if k not in self.stop_words}
        self._listed_lengths = tuple(sorted({len(stem) for stem in self._listed}, reverse=True))
        short: dict[str, list[str]] = {}
        for surface, place_ids in self._ids.items():
            for suffix in SHORTENED_SUFFIXES:
                stem = surface.removesuffix(suffix)
                if (
                    stem != surface
                    and len(stem) >= 2
                    and stem not in self.stop_words
                    and not is_generic(stem)
                    and stem not in _GENERIC_SET
                    and stem not in SUFFIX_TYPES  # '公园' of 公园街道: a bare class word names nothing
                    and not (suffix in ("街道", "乡") and stem.endswith(_NOT_SHORT_ENDINGS))
                    and not _ORDINAL.fullmatch(stem)
                ):
                    short.setdefault(stem, []).extend(place_ids)
        self._short = {
            stem: unique
            for stem, values in short.items()
            if stem not in self._ids and len(unique := tuple(dict.fromkeys(values))) <= MAX_SHORT_PLACES
        }
        # '十二连城' (乡), '树林召' (镇): short forms found in running text too
        in_text = [*self._ids, *(stem for stem in self._short if len(stem) >= MIN_SHORT_IN_TEXT)]
        self._in_text = frozenset(in_text)
        self._ids_or_short = self._completed_names()
        lengths: dict[str, set[int]] = {}
        for stem in self._short:
            lengths.setdefault(stem[:2], set()).add(len(stem))
        self._short_lengths = {head: tuple(sorted(found, reverse=True)) for head, found in lengths.items()}
        # where listed stems, the suffixes of the suffix rules and the fixed words other rules are anchored on
        # occur: found in the same pass (only the 、-lists holding a listed stem are looked at)
        self._fixed_words = frozenset(
            [*FEATURE_WORDS, *SEPARATORS, *NAMED_LINES, *QUOTE_OPENERS, *RUN_CLOSER_WORDS, *_ROUTE_STARTS]
        )
        self._words = [*dict.fromkeys([*in_text, *self._listed, *SUFFIX_TYPES, *self._fixed_words])]
        self._alphabet = Alphabet(self._words)
        # a DFA over the alphabet's bytes: one table lookup per byte of the text
        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            [self._alphabet.word(word) for word in self._words],
            matchkind=ahocorasick_rs.MatchKind.Standard,
            implementation=ahocorasick_rs.Implementation.DFA,
        )

    @classmethod
    def from_gazetteer(cls, gazetteer: object) -> MentionFinder:
        """A finder over every name and alias of ``gazetteer`` (a
        :class:`~geoplan.geocode.gazetteer.Gazetteer`), with the forms of its qualified units."""
        return cls(gazetteer.names(), qualified=QualifiedForms.of(gazetteer))  # type: ignore[attr-defined]

    def _short_prefix(self, stem: str) -> str | None:
        """The longest short form of a town/sumu ('棋盘井' for 棋盘井镇) that starts ``stem`` (only the lengths of
        the short forms starting with its first two characters are tried)."""
        for length in self._short_lengths.get(stem[:2], ()):
            if length <= len(stem) and stem[:length] in self._short:
                return stem[:length]
        return None

    def ids(self, surface: str) -> tuple[str, ...]:
        """Gazetteer ids for an exact surface form (empty when unknown)."""
        return self._ids.get(surface, ())

    @property
    def surfaces(self) -> Mapping[str, tuple[str, ...]]:
        """Every surface form the finder looks for, with its gazetteer ids (read it, never change it)."""
        return self._ids

    @property
    def listed(self) -> Mapping[str, str]:
        """The bare stems of banners ('敖汉' of 敖汉旗) that are no names of their own, each with its banner's id:
        read in running text only inside lists, or where the segmenter reads one as a name word."""
        return self._listed

    @property
    def initials(self) -> frozenset[str]:
        """The first characters of the region's unit and place names, and the provinces' one-character
        abbreviations: what a line named by its ends' initials (包兰, 京包) is made of."""
        return self._initials

    def surfaces_starting(self, prefix: str) -> list[str]:
        """The surface forms that start with ``prefix`` and go on after it ('霍林河煤田' for '霍林河'), in order."""
        if self._sorted_surfaces is None:
            self._sorted_surfaces = sorted(self._ids)
        found = []
        for surface in self._sorted_surfaces[bisect_left(self._sorted_surfaces, prefix) :]:
            if not surface.startswith(prefix):
                break
            if surface != prefix:
                found.append(surface)
        return found

    def names_of(self, wanted: frozenset[str]) -> frozenset[str]:
        """The surfaces with at least one of the ``wanted`` ids (worked out once per set)."""
        names = self._names_of.get(wanted)
        if names is None:
            names = frozenset(s for s, place_ids in self._ids.items() if not wanted.isdisjoint(place_ids))
            self._names_of[wanted] = names
        return names

    def names_in(self, name: str) -> tuple[Mention, ...]:
        """The mentions :meth:`find` reads in the short text ``name`` (a line's end, '蒙西乌兰察布化德'), remembered
        per text for the finder's life (lines share their ends, within a plan and across the plans of a region);
        at most NAMES_IN_MEMO texts are kept, the oldest dropped first."""
        found = self._names_in.get(name)
        if found is None:
            found = tuple(self.find(name))
            if len(self._names_in) >= NAMES_IN_MEMO:
                self._names_in.pop(next(iter(self._names_in)), None)
            self._names_in[name] = found
        return found

    def forget_texts(self) -> None:
        """Drop the texts :meth:`names_in` remembers (its answers stay the same)."""
        self._names_in.clear()

    def ids_or_short(self, surface: str) -> tuple[str, ...]:
        """Ids for ``surface``, else for the places it is a short form of ('锡尼' -> 锡尼镇, '东胜' -> 东胜区)."""
        return self._ids_or_short.get(surface, ())

    def _completed_names(self) -> dict[str, tuple[str, ...]]:
        """What :meth:`ids_or_short` answers, for every surface it knows (one lookup per call): the names, then
        the short forms, then a name's stem before the first of COMPLETING_SUFFIXES that completes it."""
        table = {**self._short, **self._ids}
        for suffix in COMPLETING_SUFFIXES:
            for name, place_ids in self._ids.items():
                if name.endswith(suffix) and not is_generic(stem := name[: -len(suffix)]):
                    table.setdefault(stem, place_ids)  # not '铁路' of 铁路街道: a kind of place
        return table

    def find(
        self, text: str, occurrences: list[tuple[int, str]] | None = None, hits: WordHits | None = None
    ) -> list[Mention]:
        """Every place mention in ``text``, left to right, non-overlapping (``occurrences``: :meth:`occurrences`
        of ``text``, and ``hits``: its :meth:`word_hits`, when the caller already has them)."""
        if occurrences is None:
            occurrences = self.occurrences(text)
        known, stems, suffixes = self._gazetteer_pass(text, occurrences)
        known = sorted(
            [
                *known,
                *self._listed_stems(text, known, stems),
                *self._subject_stems(text, known, stems),
            ],
            key=attrgetter("start"),
        )
        if "、" in text:
            known = sorted([*known, *self._list_neighbours(text, known)], key=attrgetter("start"))
        if "(" in text or "（" in text:
            known = sorted([*known, *self._bracketed_short_forms(text, known)], key=attrgetter("start"))
        found = [
            self._known_core(named)
            for m in self._suffix_matches(text, known, suffixes)
            if (named := _as_name(text, m, self._ids)) is not None
            and (named := self._after_clause(text, named)) is not None
        ]
        if OFFICE_WORD in text:
            found.extend(self._division_offices(text))
        if "线" in text:
            found.extend(self._initials_roads(text))
        if "、" in text:
            found.extend(_listed_streets(text))
        if _COMMANDERY_WORD in text:
            found.extend(self._commanderies(text))
        if hits is None:
            hits = self.word_hits(text, occurrences)
        found.extend(self._route_numbers(text, hits, known))
        found.extend(_abbreviation_runs(text, known))
        features = [
            named
            for m in feature_mentions(text, [*known, *found], self, hits)
            if (named := self._after_clause(text, m)) is not None
        ]
        spurs = {(m.start, m.end) for m in features if m.rule in _OVERRIDING_FEATURE_RULES}
        if spurs:
            # a spur named after what it serves ('X电厂铁路专用线') is the spur, not a suffix name; a former unit
            # named after a verb of history ('称谓为乌兰矿区') is that unit, not a mine
            found = [m for m in found if (m.start, m.end) not in spurs]
        found.extend(features)
        merged = [self._line_end(text, _facility_road(text, m)) for m in merge_mentions(known, found)]
        kept = [m for m in merged if not _names_an_organisation_or_brand(text, m)]
        if "小" in text or "大" in text:
            kept = [_size_prefixed(text, m, self.ids) for m in kept]
        return _river_prefixed(merged_with_prefix(admin_prefixed(_subparks(text, kept)), _league_names_park))

    def _after_clause(self, text: str, mention: Mention) -> Mention | None:
        """A name a class word made (X镇, X王府, X经济区 …) that the gazetteer does not know is kept only as a name:
        without the clause glued to its front ('当年X王府' -> 'X王府', '称X镇' -> 'X镇'; see :func:`clause_end`), and
        None when the words before the class word are all clause ('正在挖…' stays no name).  The one gate of every
        candidate the suffix and zone rules make (a described park's stem is read by its own rule,
        :meth:`_described_park`, which stops at verbs of prose and function words)."""
        if mention.place_ids or not mention.rule.startswith(_CLASS_WORD_RULES):
            return mention
        word = mention.rule.split(":", 1)[1]
        stem_end = mention.end - len(word)
        if word in HERITAGE_SUFFIXES and names_peoples_only(text[mention.start : stem_end]):
            return None  # a people's site of a kind, no site's name ('清代蒙古王府')
        if mention.qualifier is not None and (
            mention.surface.startswith(mention.qualifier) or _after_outside_address(text, mention)
        ):
            # the name starts with a place, or right after its address: nothing before it to cut
            return mention
        if holds_count(text, mention.start, stem_end) or (
            counted_before(text, mention.start) and not holds_name_word(text, mention.start, stem_end)
        ):
            return (
                None  # '六大编组站', '两条新开高铁', '1处主线收费站': places counted by their kind, no name
            )
        begin = clause_end(text, mention.start, stem_end)
        if begin >= stem_end or (word in HERITAGE_SUFFIXES and names_peoples_only(text[begin:stem_end])):
            return None  # all clause; or a people's site of a kind ('清代蒙古族王府')
        if begin == mention.start:
            return mention
        surface = text[begin : mention.end]
        held = mention.qualifier is not None and mention.qualifier in surface
        return Mention(
            surface,
            begin,
            mention.end,
            mention.type,
            mention.rule,
            self.ids(surface),
            mention.qualifier if held else None,
            mention.qualifier_ids if held else (),
        )

    def word_hits(self, text: str, occurrences: list[tuple[int, str]] | None = None) -> WordHits:
        """Where the fixed words that rules are anchored on occur in ``text``: the feature, corridor and context
        rules' (FEATURE_WORDS, the corridors' SEPARATORS and NAMED_LINES, QUOTE_OPENERS, RUN_CLOSER_WORDS) and the
        route numbers' starts (``occurrences``: :meth:`occurrences` of ``text``, when the caller already has them).
        Callers pass the hits on to the rules (geoparse finds them once per text)."""
        return WordHits(self.occurrences(text) if occurrences is None else occurrences, self._fixed_words)

    # -- gazetteer pass -------------------------------------------------------------------------------
    def _gazetteer_matches(self, text: str) -> list[Mention]:
        """The gazetteer names and short forms in ``text`` (longest-leftmost)."""
        return self._gazetteer_pass(text, self.occurrences(text))[0]

    def occurrences(self, text: str) -> list[tuple[int, str]]:
        """Every occurrence in ``text`` of a word of the automaton (gazetteer names and aliases, short forms,
        listed stems, the suffixes of the suffix rules, the fixed words of the feature, corridor and context rules) as
        ``(end, word)``, overlapping ones included, in order of end (character offsets): the one scan of the text
        that :meth:`find`, the feature, corridor and context rules share."""
        found = self._automaton.find_matches_as_indexes(self._alphabet.encode(text), overlapping=True)
        words, width = self._words, self._alphabet.width
        return [(end // width, words[index]) for index, _, end in found]

    def _gazetteer_pass(
        self, text: str, occurrences: list[tuple[int, str]]
    ) -> tuple[list[Mention], list[tuple[int, str]], list[tuple[str, int, int]]]:
        """The gazetteer names and short forms in ``text``, the bare stems of listed banners as ``(end, stem)``, and the
        suffixes of the suffix rules as ``(suffix, start, end)`` — leftmost, then first in SUFFIX_TYPES, not
        overlapping, as ``_SUFFIX_RE.finditer`` gives them (all three from the :meth:`occurrences` of ``text``)."""
        if not self._ids:
            return [], [], [(m.group(), m.start(), m.end()) for m in _SUFFIX_RE.finditer(text)]
        listed, in_text, suffix_order = self._listed, self._in_text, _SUFFIX_ORDER
        stems: list[tuple[int, str]] = []
        suffix_hits: list[tuple[int, int, int, str]] = []
        hits = []
        for end, surface in occurrences:
            if surface in listed:
                stems.append((end, surface))
            if surface in suffix_order:
                suffix_hits.append((end - len(surface), suffix_order[surface], end, surface))
            if surface in in_text:  # not a listed stem or a suffix only
                hits.append((end - len(surface), -end, surface))
        hits.sort()  # by start, the longest first
        longest_at = {start: -negative_end for start, negative_end, _ in reversed(hits)}
        chosen: list[Mention] = []
        last_end = -1
        refused_end = -1  # end of the last longer name refused where it stands ('十二连城城址')
        for start, negative_end, surface in hits:
            end = -negative_end
            if start < last_end or end <= refused_end or text.startswith("级", end):
                continue  # overlapped, inside a refused name ('二连' of 十二连城), or an adjective ('自治区级')
            if (
                surface[0] in POSITION_VERBS
                and start
                and text[start - 1] in COMPASS_CHARS
                and longest_at.get(start + 1, 0) > end
            ):
                continue  # '东临河北省': 'borders 河北省' after a compass word, not 临河 + '北省'
            if surface.endswith("街道") and text.startswith("路", end):
                continue  # 'X街道路' reads X街 + 道路 (a street's road works), not the subdistrict X街道
            if text.startswith("化", end) and surface.endswith(_CLASS_WORDS):
                continue  # '毛乌素沙漠化': the class word starts '沙漠化' (desertification); '毛乌素' is the name
            if surface[:2] in MONGOLIAN_HEADS and text[max(0, start - 2) : start] in MONGOLIAN_HEADS:
                # '巴音查干苏木': a name opening with a Mongolian first word ('查干苏木', short for 查干哈达苏木)
                # right after another such word ends a longer name the gazetteer lacks
                refused_end = max(refused_end, end)
                continue
            if surface in self._ids:
                ids = self._ids[surface]
                if (
                    text[end : end + 1] in FORMER_UNIT_CHARS
                    and surface[-1] not in _UNIT_CLASS_CHARS
                    and all(i.startswith(("league:", "banner:")) for i in ids)
                ):
                    # '九原郡', '集宁县', '九原邑': a unit's stem before another unit's class character opens that
                    # (former) unit's name, not the unit of today
                    refused_end = max(refused_end, end)
                    continue
                if len(surface) == 2 and all(
                    i.startswith(OUTSIDE_ID_PREFIXES) and i != OWN_PROVINCE for i in ids
                ):
                    if (
                        not _ends_a_name(text, end)
                        and not (
                            all(i.startswith("foreign:") for i in ids) and word_before_place(text, start, end)
                        )
                        and not _object_of_place_preposition(text, start, end)
                        and not self._outside_place_follows(longest_at.get(end), text, end)
                        and not _joined_to_place(chosen, text, start, end)
                    ):
                        # '健康平台' is not 康平, '长治久安' not 长治: a short outside name needs an end; a
                        # country's is a word of its own before one of its places ('德国杜伊斯堡', '越南河内')
                        continue
                    if country_alias(surface, ids) and peoples_name_here(text, start, end):
                        continue  # '喀尔喀蒙古', '蒙古屯': the people's name (蒙古 is an alias of 蒙古国)
                chosen.append(Mention(surface, start, end, None, "gazetteer", ids))
            elif text[max(0, start - 2) : start] in MONGOLIAN_HEADS or ERA_BEFORE.search(
                text, max(0, start - ERA_REACH), start
            ):
                # '哈拉敖包': a short form right after a Mongolian first word ends a longer name (a hill's), not the
                # township it is short for; '清代王爷府': after a dynasty, a site of that time, not the township
                refused_end = max(refused_end, end)
                continue
            elif (
                end == len(text)
                or text[end] in SHORT_FORM_FOLLOWERS
                or not is_han(text[end])
                or _DIRECTION_FROM.match(text, end)
                or _COUNTED_UNITS.match(text, end)
                or _SETTING_OUT.match(text, end)
                or _subject_of_verb(text, start, end)
                or (len(surface) >= LONG_SHORT_FORM and _LONG_SHORT_FORM_END.match(text, end) is not None)
            ):
                # a short form ('树林召' for 树林召镇) only where a name can end: '树林召段', '十二连城至', a
                # journey's start or heading ('从巴彦浩特出发', '往X方向'), or as the subject of a clause's verb
                # ('树林召位于…')
                chosen.append(Mention(surface, start, end, None, "gazetteer-short", self._short[surface]))
            else:
                refused_end = max(refused_end, end)
                continue
            last_end = end
        suffix_hits.sort()
        suffixes: list[tuple[str, int, int]] = []
        suffix_end = -1
        for start, _, end, suffix in suffix_hits:
            if start >= suffix_end:
                suffixes.append((suffix, start, end))
                suffix_end = end
        return chosen, stems, suffixes

    def _outside_place_follows(self, next_end: int | None, text: str, end: int) -> bool:
        """Whether the longest gazetteer name starting at ``end`` (ending at ``next_end``) is a place outside the
        region of two characters or more: a short outside name right before one is its province or country
        ('辽宁沈阳', '北京天津' in a list without marks)."""
        if next_end is None or next_end - end < 2:
            return False
        ids = self._ids.get(text[end:next_end], ())
        return bool(ids) and all(i.startswith(OUTSIDE_ID_PREFIXES) for i in ids)

    def _listed_stems(self, text: str, known: list[Mention], stems: list[tuple[int, str]]) -> list[Mention]:
        """County names shortened inside a list ('临河、五原、磴口'): a banner's bare stem that is not a name
        of its own is taken in a 、-list where another item is a banner or league of the same league."""
        if not self._listed:
            return []
        if not stems or "、" not in text:
            return []
        by_start = {m.start: m for m in known}
        by_end = {m.end: m for m in known}
        covered = bytearray(len(text))
        for m in known:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        found: list[Mention] = []
        run_end = -1
        for stem_end, _ in stems:  # only the runs (of CJK and 、) holding a listed stem are looked at
            if stem_end <= run_end:  # ends are exclusive: a stem ending the run lies in it
                continue
            run = _LIST_RUN.match(text, _run_start(text, stem_end))
            if run is None:
                continue
            run_end = run.end()
            if "、" not in run.group():
                continue
            items, position = [], run.start()
            for part in run.group().split("、"):
                items.append((position, position + len(part)))
                position += len(part) + 1
            items[-1:] = split_last_item(text, *items[-1])
            leagues: list[str] = []
            stems: list[tuple[int, int, str]] = []
            for index, (start, end) in enumerate(items):
                known_item = by_end.get(end)
                if known_item is None or known_item.start < start:
                    known_item = by_start.get(start)
                    if known_item is not None and known_item.end > end:
                        known_item = None
                if known_item is not None:
                    leagues.extend(_league_code(i) for i in known_item.place_ids if _league_code(i))
                    continue
                for s_start, s_end in _item_spans(start, end, index, len(items), self._listed_lengths):
                    stem = text[s_start:s_end]
                    if stem in self._listed and not any(covered[s_start:s_end]):
                        stems.append((s_start, s_end, self._listed[stem]))
                        break
            codes = [_league_code(pid) for _, _, pid in stems]
            for (start, end, pid), code in zip(stems, codes, strict=True):
                if code in leagues or codes.count(code) >= 2:
                    found.append(Mention(text[start:end], start, end, None, "list-stem", (pid,)))
        return found

    def _subject_stems(self, text: str, known: list[Mention], stems: list[tuple[int, str]]) -> list[Mention]:
        """A banner's bare stem (of ``stems``, ``(end, stem)`` in order of end) that opens a clause before a verb
        ('凉城位于…'): the clause's subject, unless the stem is a common word (:data:`COMMON_STEM_FREQUENCY`)."""
        found: list[Mention] = []
        for end, surface in stems:
            start = end - len(surface)
            if frequency(surface) >= COMMON_STEM_FREQUENCY:
                continue  # '白云时而傍山升腾': a common word (clouds), not 白云鄂博's stem
            if _subject_of_verb(text, start, end) and not any(m.start < end and start < m.end for m in known):
                found.append(Mention(surface, start, end, None, "subject-stem", (self._listed[surface],)))
        return found

    def _list_neighbours(self, text: str, known: list[Mention]) -> list[Mention]:
        """Two-character names and short forms ('临泽', '罕山' of 罕山镇) that make a whole item of a 、-list next to
        an item found as a place ('金昌、临泽诸县', '有罕山、阿其玛山'): the list names places of one kind, so the
        short item is one too, though alone it is refused where no name's end shows."""
        taken = {(m.start, m.end) for m in known}
        spans = SpanIndex(taken)
        ends = {
            m.end for m in known
        }  # an item glued to a name ('X旗城川') is no whole item: other rules read it
        found: list[Mention] = []
        frontier = [m for m in known if m.place_ids]
        while frontier:
            grown: list[Mention] = []
            for m in frontier:
                for start in (m.end + 1, m.start - 1 - LIST_ITEM):
                    end = start + LIST_ITEM
                    mark = m.end if start > m.start else end  # the 、 between the found item and this one
                    if start < 0 or end > len(text) or text[mark] != "、":
                        continue
                    surface = text[start:end]
                    ids = self._ids.get(surface) or self._short.get(surface) or self._outside_stem(surface, m)
                    if not ids or start in ends or spans.overlaps(start, end) or (start, end) in taken:
                        continue  # the cheap tests first: most items next to a name are no name
                    if start < m.start and not _opens_item(text, start):
                        continue
                    if start > m.start and not _closes_item(text, end):
                        continue
                    rule = "gazetteer" if surface in self._ids else "gazetteer-short"
                    taken.add((start, end))
                    grown.append(Mention(surface, start, end, None, rule, ids))
            found.extend(grown)
            frontier = grown
        return found

    def _division_offices(self, text: str) -> list[Mention]:
        """Subdistricts written by their offices alone in a list of a unit's divisions ('辖好里堡办事处、河东办事处',
        '下辖地区：正阳办事处、向阳办事处'): each office's name is the subdistrict's (the annotation guide), a town
        mention of the name before 办事处.  An office counts when another office is listed next to it or a verb of
        divisions opens its clause; a liaison office ('驻京办事处'), a body's ('X管委会办事处') and a subdistrict
        written in full ('X街道办事处', read by the class-word rule) are left alone."""
        items: list[tuple[int, int]] = []  # (start of the name, start of 办事处)
        office = text.find(OFFICE_WORD)
        while office >= 0:
            stem_start = office
            while (
                stem_start > 0 and office - stem_start < _OFFICE_NAME_MAX + 2 and is_han(text[stem_start - 1])
            ):
                stem_start -= 1
            verb_end = max(
                (
                    at + len(verb)
                    for verb in DIVISION_VERBS
                    if (at := text.rfind(verb, stem_start, office)) >= 0
                ),
                default=-1,
            )
            if verb_end > 0:  # '辖好里堡办事处': the name starts after the verb of divisions
                stem_start = verb_end
            stem = text[stem_start:office]
            if (
                _OFFICE_NAME_MIN <= len(stem) <= _OFFICE_NAME_MAX
                and (stem_start == 0 or verb_end > 0 or text[stem_start - 1] in _OFFICE_ITEM_OPENERS)
                and not stem.endswith("街道")
                and not stem.startswith(_LIAISON_MARKS)
                and not stem.endswith(_NOT_OFFICE_NAME_ENDS)
                and not opens_with_count(stem)
                and not ends_in_count(stem)
            ):
                items.append((stem_start, office))
            office = text.find(OFFICE_WORD, office + len(OFFICE_WORD))
        found = []
        for index, (stem_start, office) in enumerate(items):
            after_previous = index > 0 and _joined_offices(text, items[index - 1][1], stem_start)
            before_next = index + 1 < len(items) and _joined_offices(text, office, items[index + 1][0])
            if not (after_previous or before_next or opens_with_division_verb(text, stem_start)):
                continue
            stem = text[stem_start:office]
            ids = self.ids(stem + "街道") or tuple(
                pid for pid in self.ids_or_short(stem) if pid.startswith("town:")
            )
            found.append(Mention(stem, stem_start, office, "town", f"office:{OFFICE_WORD}", ids))
        return found

    def _commanderies(self, text: str) -> list[Mention]:
        """Commanderies of the empires a unit's history names ('秦设九原郡', '汉时属北地郡', '云中、代郡、雁门三郡'):
        a name of two characters (or one, after a verb of setting up or in a list) before 郡, after a verb of
        setting up, belonging or renaming, or a list mark; not a determiner's or a count's ('该郡', '三郡')."""
        found = []
        for match in _COMMANDERY.finditer(text):
            name = match.group("name")
            if all(char in _DETERMINER_CHARS for char in name):
                continue  # '该郡', '三郡': a determiner or a count, no name ('九原郡' is one)
            start = match.start("name")
            surface = text[start : match.end()]
            found.append(
                Mention(
                    surface, start, match.end(), "region", f"suffix:{_COMMANDERY_WORD}", self.ids(surface)
                )
            )
        return found

    def _initials_roads(self, text: str) -> list[Mention]:
        """Roads named by two initials and 线 ('热阿线', '达达线'), each occurrence, when one of them stands in a
        sentence that speaks of roads (公路, 自驾, 国道, 省道).  A line word the segmenter knows ('沿线', '主线',
        '红线') or a line the gazetteer names ('京包线', read as a name) is none of them."""
        candidates: list[tuple[int, int]] = []
        roads: set[str] = set()
        end = text.find("线")
        while end >= 0:
            start = end - 2
            if (
                start >= 0
                and all(map(is_han, text[start:end]))
                and text[end - 1] not in _NOT_INITIALS
                and _FUNCTION_CHARS.isdisjoint(text[start:end])
                and not text.startswith("路", end + 1)  # '线路': a route
                and not known(text[end - 1 : end + 1])
                and not _one_word(
                    text[start:end]
                )  # '边境线', '精品线': one word before 线 says a kind of line
                and not (start > 0 and known(text[start - 1 : start + 1]))
                and not self._ids_or_short.get(text[start : end + 1])
            ):
                candidates.append((start, end + 1))
                if any(word in sentence_at(text, end) for word in _ROAD_WORDS):
                    roads.add(text[start : end + 1])
            end = text.find("线", end + 1)
        return [
            Mention(text[start:end], start, end, "road", INITIALS_ROAD_RULE, ())
            for start, end in candidates
            if text[start:end] in roads
        ]

    def _bracketed_short_forms(self, text: str, known: list[Mention]) -> list[Mention]:
        """A place's short form that fills the brackets right after a known place ('克什克腾(经棚)': the seat or
        the former name of the place before it, '经棚' of 经棚镇), though alone it is refused where no name's
        end shows."""
        found: list[Mention] = []
        for m in known:
            if not m.place_ids or text[m.end : m.end + 1] not in _OPENING_BRACKETS:
                continue
            start = m.end + 1
            close = next(
                (
                    i
                    for i in range(start + 2, min(len(text), start + _BRACKETED_SHORT + 1))
                    if text[i] in _CLOSING_BRACKETS
                ),
                None,
            )
            if close is None:
                continue
            surface = text[start:close]
            if surface not in self._ids and (ids := self._short.get(surface)):
                found.append(Mention(surface, start, close, None, "gazetteer-short", ids))
        return found

    def _outside_stem(self, surface: str, item: Mention) -> tuple[str, ...]:
        """The city or county outside the region whose name ``surface`` is without its suffix ('哈密' of 哈密市,
        a stem that is also a word and so no name alone), when the list item beside it is a place outside the region
        too: a list of places outside names places outside; () otherwise."""
        if not item.place_ids or not all(pid.startswith(OUTSIDE_ID_PREFIXES) for pid in item.place_ids):
            return ()
        ids = self.ids_or_short(surface)
        return ids if ids and all(pid.startswith(OUTSIDE_ID_PREFIXES) for pid in ids) else ()

    # -- suffix rules ---------------------------------------------------------------------------------
    def _suffix_matches(
        self, text: str, known: list[Mention], suffixes: list[tuple[str, int, int]]
    ) -> list[Mention]:
        known_at = {m.start: m for m in known}
        known_end = {m.end: m for m in known if m.place_ids}
        by_start = list(known_at.values())  # sorted by start, one per start (as known_at holds them)
        starts = [m.start for m in by_start]
        found: list[Mention] = []
        known_spans: SpanIndex | None = None
        known_ends = {m.end for m in known}
        for suffix, s_start, s_end in suffixes:
            if suffix in SEGMENTED_CLASS_WORDS:
                # a one-character class word inside or ending a known name ('乌审旗', '阴山') names nothing new:
                # decided before the segmenter is asked (most of them are such)
                if known_spans is None:
                    known_spans = SpanIndex((m.start, m.end) for m in known)
                if (
                    known_spans.overlaps(s_start, s_end)
                    or s_start in known_ends
                    or not _may_end_a_name(text, suffix, s_start, s_end)
                ) and not _town_after_outside_unit(text, known_end.get(s_end), known_end):
                    continue  # a known name right before it leaves no name of its own ('林西县旗')
            if not _suffix_applies(text, suffix, s_end):
                continue
            if (town := _town_before_class_word(known_end.get(s_start), suffix)) is not None:
                found.append(replace(town, surface=text[town.start : s_end], end=s_end, type="town"))
                continue  # '拉布大林镇': a town's other form, then its class word, is that town (not '大林镇')
            if SUFFIX_TYPES[suffix] == "park" and _PARK_CLASS_END.search(text, max(0, s_start - 4), s_start):
                continue  # 'X物流园园区': the name ended with its class word; 园区 is the park as a common noun
            if (
                SUFFIX_TYPES[suffix] == "scenic"
                and (named := known_end.get(s_start)) is not None
                and all(pid.startswith(_RESERVE_ID_PREFIXES) for pid in named.place_ids)
            ):
                # '图牧吉国家级自然保护区旅游区': the sight is named by the whole reserve's name, rank word and all
                found.append(self._headed_by(text, named, s_end, suffix))
                continue
            window_start, stopped_by = _stem_window(text, s_start, SUFFIX_TYPES[suffix])
            if (stopped_by in STEM_BREAKS or stopped_by == "和") and self._name_opens_with_break(
                text, window_start - 1, s_start
            ):
                # '为将军尧黄河公路大桥', '在和林格尔县X乡': 将, 和 open a name (将军尧, 和林格尔) here, no function word
                window_start, stopped_by = window_start - 1, ""
            if len(suffix) >= 2 and (earlier := text.rfind(suffix, window_start, s_start)) >= 0:
                window_start, stopped_by = (
                    earlier + len(suffix),
                    suffix,
                )  # 'X口岸在同类口岸': X口岸 ended there
            if suffix in ON_ROUTE_SUFFIXES and (section := text.rfind("段", window_start, s_start)) >= 0:
                # '省道X线甲乙绕城段丙互通': the section of a route ends at 段; the facility's name starts after it
                window_start, stopped_by = section + 1, "段"
            if suffix in INTERCHANGE_SUFFIXES:
                # '甲乙一级公路丙互通', 'G6高速丙互通': an interchange joins a route; its name starts after the route's
                line_end = max(
                    (
                        found_at + len(word)
                        for word in LINE_WORDS
                        if (found_at := text.rfind(word, window_start, s_start)) >= 0
                    ),
                    default=-1,
                )
                if window_start < line_end < s_start:
                    window_start, stopped_by = line_end, text[line_end - 1]
            if window_start == s_start:
                continue  # nothing before the suffix: no name
            if suffix in DESCRIPTIVE_SCENIC_SUFFIXES and _kind_of_sight_only(text, window_start, s_start):
                continue  # '古城遗址', '这座王府遗址': the site of a kind of sight, no name before the class words
            if (
                len(suffix) == 1
                and s_start in known_end
                and self._country_before_place(text, known_end[s_start])
            ):
                continue  # '越南河内': a country, then a place of it that the class character opens
            if SUFFIX_TYPES[suffix] == "park" and stopped_by in _CLOSING_BRACKETS:
                hosted = _bracketed_host_park(text, window_start, s_start, s_end, suffix, known_at)
                if hosted is not None:
                    found.append(hosted)
                    continue
            index = bisect_right(starts, s_start) - 1
            if (
                index >= 0
                and window_start <= starts[index]
                and by_start[index].end > s_end
                and SUFFIX_TYPES[suffix] not in _INNER_CUT_KINDS
            ):
                continue  # inside a longer known name ('淖尔' of 巴彦淖尔市): _name_in_window would refuse it
            if index >= 0 and starts[index] < window_start and by_start[index].end >= s_end:
                continue  # the end of a known name the window cut ('义和塔拉镇' cut at its 和): that name stands
            if stopped_by in CORRIDOR_BREAKS and SUFFIX_TYPES[suffix] in {"road", "railway"}:
                continue  # 'A至B铁路' is a corridor, not a railway named 'B'
            if suffix in LINK_SUFFIXES and text.endswith(LINE_WORDS, window_start, s_start):
                continue  # 'X高速连接线': the link of a route, which is the mention (X高速)
            mention = (
                None
                if suffix in BASE_WORDS
                else self._name_in_window(
                    text,
                    window_start,
                    s_start,
                    s_end,
                    suffix,
                    known_at,
                    stopped_by == "limit",
                    (by_start, starts),
                )
            )
            if mention is None and SUFFIX_TYPES[suffix] == "park":
                mention = self._ranked_zone(text, s_start, s_end, suffix, known_end)
            if mention is None and suffix in _LISTED_LINE_SUFFIXES:
                mention = self._listed_line(text, s_start, s_end, suffix, known_at, known_end)
            if (
                mention is None
                and SUFFIX_TYPES[suffix] in DESCRIBED_KINDS
                and s_end not in known_end
                and not ends_in_count(text[window_start:s_start])  # '四大产业基地': a count of kinds, no name
            ):
                mention = self._described_park(text, window_start, s_start, s_end, suffix, known_end)
            if mention is not None and not mention.place_ids and window_start <= mention.start - 2:
                mention = self._with_mongolian_head(text, mention)
            if mention is not None and stopped_by in NAME_JOINERS:
                mention = _joined_name(text, mention, known_end)
            if mention is not None and suffix in _SIDE_WORDS:
                mention = self._side_of_a_range(mention, suffix)
            if mention is not None:
                mention, province = self._without_province(mention)
                if province is not None:
                    found.append(province)
                found.append(mention)
                found.extend(self._enumerated(text, window_start, suffix, mention))
            elif (
                (named := known_end.get(s_end)) is not None and named.start and text[named.start - 1] == "、"
            ):
                found.extend(self._enumerated(text, window_start, suffix, named))  # '京通、集通、通霍铁路
        return found

    def _ranked_zone(
        self, text: str, s_start: int, s_end: int, suffix: str, known_end: dict[int, Mention]
    ) -> Mention | None:
        """A zone named by its league or banner and its rank ('包头国家高新技术产业开发区', 'X旗自治区级工业园区'):
        one park, named with its unit, as the national catalogue writes the zones."""
        rank = _ZONE_RANK.search(text, max(0, s_start - 5), s_start)
        if rank is None or rank.end() != s_start:
            return None
        unit = known_end.get(rank.start())
        if unit is None or not _leagues_or_banners(unit.place_ids):
            return None
        return self._headed_by(text, unit, s_end, suffix)

    def _headed_by(self, text: str, head: Mention, s_end: int, suffix: str) -> Mention:
        """The name from the known name ``head`` to the class word ``suffix`` ending at ``s_end``, of the class
        word's kind, qualified by ``head``."""
        surface = text[head.start : s_end]
        return Mention(
            surface,
            head.start,
            s_end,
            SUFFIX_TYPES[suffix],
            f"suffix:{suffix}",
            self.ids(surface),
            head.surface,
            head.place_ids,
        )

    def _listed_line(
        self,
        text: str,
        s_start: int,
        s_end: int,
        suffix: str,
        known_at: dict[int, Mention],
        known_end: dict[int, Mention],
    ) -> Mention | None:
        """A line named by a short form the rules cannot read as a name ('清绿铁路') listed beside a recorded line of
        the same class word ('临策铁路、清绿铁路、嘉策铁路'): one of the list's lines, a name.  The short form is
        two to four characters with nothing before it but the list's mark."""
        begin = s_start
        while begin > 0 and s_start - begin < _LISTED_LINE_STEM_MAX and is_han(text[begin - 1]):
            begin -= 1
        longer = begin == s_start - _LISTED_LINE_STEM_MAX and begin > 0 and is_han(text[begin - 1])
        if s_start - begin < 2 or longer:
            return None  # no short form there, or a run longer than one
        sibling = None
        mark = _skip_spaces_back(text, begin)
        if mark > 0 and text[mark - 1] == "、":
            sibling = known_end.get(_skip_spaces_back(text, mark - 1))
        mark = _skip_spaces(text, s_end)
        if sibling is None and text.startswith("、", mark):
            sibling = known_at.get(_skip_spaces(text, mark + 1))
        if (
            sibling is None
            or not sibling.surface.endswith(suffix)
            or not any(pid.startswith(_LINE_ID_PREFIXES) for pid in sibling.place_ids)
        ):
            return None
        surface = text[begin:s_end]
        return Mention(surface, begin, s_end, SUFFIX_TYPES[suffix], f"suffix:{suffix}", self.ids(surface))

    def _with_mongolian_head(self, text: str, mention: Mention) -> Mention:
        """A name the class word made, right after a Mongolian first word the segmenter read as a common noun
        ('同意白音塔拉苏木': 白音 + 塔拉苏木): the first word opens the name ('白音塔拉苏木'), as Mongolian names do."""
        head = text[mention.start - 2 : mention.start]
        if head not in MONGOLIAN_HEADS or text[mention.start - 4 : mention.start - 2] in MONGOLIAN_HEADS:
            return mention
        surface = head + mention.surface
        return replace(mention, surface=surface, start=mention.start - 2, place_ids=self.ids(surface))

    def _side_of_a_range(self, mention: Mention, suffix: str) -> Mention:
        """A side of a range read by its side word ('大青山南坡', '大兴安岭南麓') is a mountain; a side of a range
        whose sides are named regions (the gazetteer records one: 阴山北麓) is a region ('阴山南麓')."""
        if not mention.qualifier or not all(pid.startswith("mountain:") for pid in mention.qualifier_ids):
            return mention
        named = any(
            pid.startswith("region:") for side in _SIDE_WORDS for pid in self.ids(mention.qualifier + side)
        )
        return replace(mention, type="region") if named else mention

    def _name_opens_with_break(self, text: str, start: int, end: int) -> bool:
        """Whether a gazetteer name or short form that opens with a stem-break character (将军尧, 于家) starts at
        ``start`` and ends before ``end``."""
        return any(
            self._holds_name(text[start : start + length]) for length in range(3, min(6, end - start) + 1)
        )

    def _described_park(
        self,
        text: str,
        window_start: int,
        s_start: int,
        s_end: int,
        suffix: str,
        known_end: dict[int, Mention],
    ) -> Mention | None:
        """A park named by a proper stem, common words describing its industry, then its class word ('霍林河综合资源
        循环经济工业园区', 'X绿色低碳洗选综合利用产业园', 'X镇煤化工基地'): the stem is a place written there that is
        no league or banner (a unit's parks of a kind are no name: 'X旗新能源产业园'), a short form, or a run of
        name words the segmenter reads (a company's or a transliterated name); a county-level unit written right
        before the stem is part of the name (the annotation guide's 'X旗工业园区').  A base (基地) is named with
        its industry ('X煤化工基地'; '养殖基地' after no proper name is a kind).  None where no such stem stands."""
        kind = SUFFIX_TYPES[suffix]
        if not at_word_bounds(text, s_start, s_end):
            return None  # '旅游区域': the class word runs into a longer word, which names no place
        # '红山产业园获评…工业园区': the name starts after the last park's class word written before it
        inner = (
            [m.end() for m in _PARK_CLASS_RE.finditer(text, window_start, s_start)] if kind == "park" else []
        )
        if inner:
            window_start = inner[-1]
        begin = descriptor_start(text, window_start, s_start, PROSE_VERBS, self._holds_name)
        inside = (
            next(  # by the offsets between the description's start and the class word (few), not every name
                (
                    end
                    for end in range(begin + 1, s_start + 1)
                    if (m := known_end.get(end)) is not None and m.start < begin
                ),
                None,
            )
        )
        if inside is not None:
            begin = inside  # the description starts after a known name, never inside it ('X镇|多功能训练')
        if suffix in BASE_WORDS and begin == s_start:
            return None
        stem = self._park_stem(text, window_start, begin, suffix, known_end)
        if stem is None:
            return None
        start, qualifier = stem.start, stem
        unit = known_end.get(start)
        if unit is not None and unit.start >= window_start and _is_county_level(unit):
            start = unit.start
        surface = text[start:s_end]
        if (
            surface in self.stop_words
            or IMPROPER_CHARS.intersection(text[stem.start : stem.end])
            or _ORGANISATION_TAIL.search(text, stem.start, s_start)
        ):
            return None  # '吉源热电有限公司工业园区': a company's park, named by the company
        return Mention(
            surface,
            start,
            s_end,
            kind,
            f"{kind}-described:{suffix}",
            self.ids(surface),
            qualifier.surface if qualifier.place_ids else None,
            qualifier.place_ids,
        )

    def _park_stem(
        self, text: str, window_start: int, end: int, suffix: str, known_end: dict[int, Mention]
    ) -> Mention | None:
        """The proper stem of a described park, ending at ``end`` (see :meth:`_described_park`): a known place
        that is no unit above a town, a name or short form the gazetteer holds, or a run of name words with no
        known place inside it.  A base's stem is a town the gazetteer holds ('青少年军事训练基地' names a kind; a
        mountain's '创作基地' is a work)."""
        named = known_end.get(end)
        if named is None or named.start < window_start:
            named = None
            for length in range(min(MAX_SHORT_STEM, end - window_start), 1, -1):
                found = self._stem_place(text, end - length, end, known_end)
                if found is not None:
                    named = found
                    break
        if named is not None:
            if any(pid.startswith(UNIT_NAMED_IDS) for pid in named.place_ids):
                return None  # a facility's or a park's own zone ('X口岸物流园区') is read by the other rules
            if _above_town(named) and not (suffix in ZONE_WORDS and _league_in_full(named)):
                # a unit's parks of a kind ('X旗新能源产业园') name no park; a league's development zone is
                # named by the league and its industry ('X盟农畜产品开发区')
                return None
            if suffix in BASE_WORDS and (
                not all(pid.startswith("town:") for pid in named.place_ids)
                or _TOWN_CLASS_END.search(named.surface)
            ):
                # a base is named after a town's stem ('X煤化工基地'); after the town's full name it is a base in
                # the town ('X镇多功能训练基地'), no name
                return None
            return named
        if suffix in BASE_WORDS:
            return None  # a base after a name the gazetteer lacks ('青少年军事训练基地') names a kind of base
        run = name_run_start(text, window_start, end, end)
        if run is None:
            run = _last_name_word(text, window_start, end)  # a company's name jieba tags nz ('华资')
        if (
            run is None
            or not holds_name_word(text, run, end)
            or is_generic(text[run:end])
            or any(position in known_end for position in range(run + 1, end))
            or _PROSE_VERB_RE.search(text, run, end)
            or not _unlisted_name(text[run:end])
            or (text[run] in COMPASS_CHARS and _UNIT_CLASS_CHARS.issuperset(text[run + 1 : end]))
            or not self._opens_name(text, window_start, run, known_end)
        ):
            return None  # '乌拉特后旗智慧园区': a known unit, then a word jieba takes for a name;
            # '大力发展园区': prose; 'X北区': a part of a unit; no name
        return Mention(text[run:end], run, end, None, "park-stem", ())

    @staticmethod
    def _opens_name(text: str, window_start: int, run: int, known_end: dict[int, Mention]) -> bool:
        """Whether a name run starting at ``run`` starts a name: at the window's start, or after a function word, a
        verb of prose or a known place — not after a content word that may be the name's own first part
        ('以考考什纳…': 考考 is part of the name)."""
        if run <= window_start or run in known_end:
            return True
        before = tag(text[max(window_start, run - CONTEXT_BEFORE) : run])
        word, flag = before[-1]
        return word in PROSE_VERBS or flag in _FUNCTION_FLAGS

    def _holds_name(self, word: str) -> bool:
        """Whether the gazetteer holds ``word`` as a name or a short form."""
        return word in self._ids or word in self._short

    def _stem_place(self, text: str, start: int, end: int, known_end: dict[int, Mention]) -> Mention | None:
        """``text[start:end]`` as a place the gazetteer names or shortens; a short form that is also a dictionary word
        ('大路', '建设' of 建设街道, '北区') only right after the banner it lies in ('X旗大路')."""
        surface = text[start:end]
        ids = self._ids.get(surface) or self._short.get(surface)
        if not ids:
            return None
        if surface not in self._ids and known(surface):
            unit = known_end.get(start)
            codes = (
                {pid.split(":")[1] for pid in unit.place_ids if pid.startswith("banner:")} if unit else set()
            )
            if not any(pid.split(":")[1] in codes for pid in ids if pid.startswith("town:")):
                return None
        return Mention(surface, start, end, None, "park-stem", ids)

    @staticmethod
    def _country_before_place(text: str, named: Mention) -> bool:
        """Whether ``named`` is a country's name written as a word of its own before one of its places, whose name
        a one-character class word opens ('越南河内': 越南 + 河内, no river 越南河)."""
        return all(pid.startswith("foreign:") for pid in named.place_ids) and word_before_place(
            text, named.start, named.end
        )

    def _name_in_window(
        self,
        text: str,
        window_start: int,
        s_start: int,
        s_end: int,
        suffix: str,
        known_at: dict[int, Mention],
        truncated: bool = False,
        sorted_known: tuple[list[Mention], list[int]] | None = None,
    ) -> Mention | None:
        kind = SUFFIX_TYPES[suffix]
        if suffix in MOUNTAIN_WORDS:
            return self._mountain(text, window_start, s_start, s_end, suffix, known_at)
        if suffix in UNIT_CLASS_WORDS:
            return self._unit_by_class_word(text, window_start, s_start, s_end, suffix, known_at)
        if (suffix in _UNIT_CLASS_PAIRS or _TOWN_CLASS_RUN.match(text, s_start)) and not holds_name_word(
            text, max(window_start, s_start - 2), s_start
        ):
            return None  # '部分苏木镇', '调整苏木乡镇': two class words of units after common words name the units of the class
        if suffix in FARM_SUFFIXES and text.startswith(_BODY_AFTER_FARM, s_end):
            return None  # '大兴安岭农场管理局': the administration of farms, a body
        if suffix in FARM_SUFFIXES or kind in _OWNED_LINE_KINDS:
            # '大兴安岭农场管理局诺敏河农场', '阿尔山林业局白狼林场', '呼和浩特局集团包满铁路': the body a farm or line
            # belongs to is no part of its name
            window_start = max(
                (m.end() for m in _OWNING_BODY.finditer(text, window_start, s_start)), default=window_start
            )
        window_start = after_last_verb(text, window_start, s_start, known_at)
        if kind in _LOCAL_UNIT_KINDS or suffix in HERITAGE_SUFFIXES:
            # 'X苏木Y庙': a temple named after no town, written after the township it stands in
            window_start = _after_inner_unit(text, window_start, s_start)
        if kind == "town" and (peoples := peoples_tail(text[window_start:s_start])) is not None:
            peoples += window_start
            # '赤峰市松山区当铺地满族乡': the league and banner before the township are its address, no part of it
            units_end = max(
                (
                    hit.end
                    for p in range(window_start, peoples)
                    if (hit := known_at.get(p)) and hit.end <= peoples
                ),
                default=window_start,
            )
            return self._ethnic_township(text, units_end, peoples, s_start, s_end, suffix)
        if kind == "town" and text.endswith(_ETHNIC_WORD, window_start, s_start):
            # '恩和民族乡': an ethnic township written without its peoples (恩和俄罗斯族民族乡)
            return self._ethnic_township_short(text, s_start, s_end, suffix)
        if kind in _INNER_CUT_KINDS and suffix not in _WHOLE_ROUTE_SUFFIXES:
            # '中蒙经济合作区跨境铁路': a line of a named place, not a line named after it;
            # '…产业开发区轻纺产业园': a park inside a named zone (attached to it by _subparks)
            inner_suffixes = {"park": _ZONE_RE, "street": _PARK_CLASS_RE}.get(kind, _SUFFIX_RE)
            inner = [m.end() for m in inner_suffixes.finditer(text, window_start, s_start)]
            if inner:
                window_start, truncated = max(window_start, inner[-1]), False
        if sorted_known is None:
            hits = [hit for p in range(window_start, s_start) if (hit := known_at.get(p)) is not None]
        else:  # the known names starting inside the window, by two bisections
            by_start, starts = sorted_known
            hits = by_start[bisect_left(starts, window_start) : bisect_left(starts, s_start)]
        if hits and _tail_of_longer_name(text, window_start, hits[-1], s_end):
            hits = hits[
                :-1
            ]  # '巴彦洪格日苏木': 格日苏木 (a town's short form) ends a longer name the gazetteer lacks
        ending = next((hit for hit in hits if hit.end >= s_end), None)
        if ending is not None and kind in _LOCAL_UNIT_KINDS and ending.end == s_end:
            unit = next((hit for hit in reversed(hits) if hit.end <= ending.start), None)
            if (
                unit is not None
                and _is_outside_unit(unit)
                and _town_after_outside_unit(text, ending, {unit.end: unit})
            ):
                # '甘肃金塔县鼎新镇': a town written right after a unit outside the region is that unit's, and
                # a town of the region whose name ends it ('新镇') is no match there
                return self._township_outside(text, unit, s_end, suffix, named=True)
        if ending is not None:
            # the suffix ends a known name ('巴彦淖尔市', '黄河几字湾巴彦淖尔'); an admin unit's name right before a
            # place named with its unit is part of the one outermost name (see UNIT_NAMED_IDS), but not before
            # one named by a name of its own ('阿尔山市阿尔山机场': the unit is its address, two mentions)
            before = next((hit for hit in hits if hit.end == ending.start), None)
            if (
                before is None
                or ending.end != s_end
                or not _is_area(before)
                or not all(pid.startswith(UNIT_NAMED_IDS) for pid in ending.place_ids)
                or not is_generic(ending.surface)
            ):
                return None
            return Mention(
                text[before.start : s_end],
                before.start,
                s_end,
                kind,
                f"nested:{suffix}",
                ending.place_ids,
                before.surface,
                before.place_ids,
            )
        qualifier = next(
            (hit for hit in hits if hit.surface not in _GENERIC_SET and not text.startswith("族", hit.end)),
            None,
        )  # a name before 族 names a people ('查巴奇鄂温克族乡'), not a place that qualifies the name
        if (
            qualifier is not None
            and kind in _LOCAL_UNIT_KINDS
            and not _is_area(qualifier)
            and (unit := next((h for h in hits if h.start == qualifier.end and _unit_in_full(h)), None))
        ):
            # '黄河乌达区桥西镇': a river, then the unit in full the town lies in, are two mentions
            qualifier = unit
        if truncated and qualifier is None:
            return None  # the window began inside a word: a name cut there would be a fragment
        if qualifier is not None:
            qualifier, window_start = self._after_prose(
                text, qualifier, hits, window_start, s_start, s_end, suffix
            )
        if qualifier is not None:
            start, first = qualifier.start, qualifier
            if suffix in PLACE_NAMED_FACILITIES and not _is_area(qualifier):
                # '甲乙黄河大桥': a name run right before the river a facility crosses names the facility, and the
                # river with it (a bridge named by the river alone is read as the river's, see _as_name); so does a
                # place's short form ('将军尧黄河公路大桥')
                head = text[window_start : qualifier.start]
                if len(head) >= 2 and self._holds_name(head):
                    start = window_start
                elif (run := name_run_start(text, window_start, qualifier.start, qualifier.end)) is not None:
                    start = run
            following = {hit.start: hit for hit in hits}
            while _chain_unit(qualifier, kind):
                # '巴彦淖尔市乌拉特后旗博物馆', '内蒙古兴安盟X市Y镇', '黑龙江省讷河市X乡': the innermost unit written
                # locates it (a town's name never holds its province, nor the units outside the region above it)
                nxt = following.get(qualifier.end)
                if nxt is None or not _chain_unit(nxt, kind) or _is_province(nxt) or nxt.end > s_start:
                    break
                qualifier = nxt
            if kind == "park" and qualifier is not first and _league_in_full(first):
                # '通辽市木里图镇工业园区': a league written in full before a unit of its own is that unit's address,
                # a mention of its own (as '乌兰察布市四子王旗'); the park's name starts at the unit
                start = following[first.end].start
            own = following.get(qualifier.end)
            if (
                kind in _ADDRESSED_KINDS
                and own is not None
                and _is_league(qualifier)
                and _is_landform_or_sight(own)
            ):
                # '乌海市甘德尔山生态旅游区', '呼伦贝尔呼伦湖旅游景区': a league (in full or short) before a sight or
                # natural place named by a place name of its own is its address, a mention of its own (as '阿尔山市阿尔山机场'),
                # and the name after it is read alone; a banner may be part of such a name ('X旗Y沙地公园'), and a
                # park keeps its unit ('乌拉特后旗工业园区', the annotation guide)
                return self._name_in_window(
                    text, qualifier.end, s_start, s_end, suffix, known_at, False, sorted_known
                )
            last = hits[-1]
            side_of_range = (
                suffix in _SIDE_WORDS
                and last.start >= qualifier.end
                and (last.end == s_start or (s_start - last.end == 1 and text[last.end] in COMPASS_CHARS))
            )
            if side_of_range or (
                last.start > qualifier.end
                and last.end == s_start
                and common_words_only(text, qualifier.end, last.start)
            ):
                # '科右前旗地处大兴安岭南麓': a place right before the class word (or a range before its side,
                # '内蒙古高原阴山山脉东南麓'), after common words that follow the name written first, qualifies
                # the name alone
                qualifier = last
                start = last.start
            if qualifier.end == s_end:
                return None  # the whole name is a gazetteer name: keep that mention
            if (
                len(suffix) == 1
                and kind in _LAND_AND_WATER_KINDS
                and qualifier.end == s_start
                and qualifier.start > start
                and (_unit_in_full(qualifier) or _town_in_full(qualifier))
            ):
                # 'X盟X旗X镇沟北…': a chain of units written in full is an address, the class character after it
                # names no water or land ('X旗沟' alone may be a gully's name)
                return None
            if suffix in LINE_WORDS and qualifier.end == s_start and _unit_in_full(qualifier):
                # '乌审旗铁路货运量': a unit's full name before a line word says whose lines, it names no line
                # (lines are named by their ends' short forms: 包兰铁路, 呼准鄂铁路)
                return None
            if (
                kind in {"town", "village"}
                and _TOWN_CLASS_WORDS_ONLY.fullmatch(text, qualifier.end, s_start)
                and _is_area(qualifier)
                and qualifier.surface.endswith(_UNIT_WORDS)
            ):
                # '阿拉善盟苏木镇', '兴安盟乡镇街道': a unit's townships (not '呼和浩特镇', a town's name)
                return None
            if (
                kind in EXPANSE_KINDS
                and qualifier.end == s_start
                and qualifier.place_ids
                and all(pid.startswith(("province:", "foreign:")) for pid in qualifier.place_ids)
            ):
                return None  # '内蒙古草原上', '蒙古草原': a province's or country's grasslands, a kind
            if (
                suffix in FARM_SUFFIXES
                and qualifier.end < s_start
                and name_run_start(text, qualifier.end, s_start, s_end) != qualifier.end
            ):
                return None  # '通辽市森工集团所属林场': farms of an organisation, no farm's name
            inner = text[qualifier.end : s_end]
            remainder = text[qualifier.end : s_start]
            to_units = kind in _LOCAL_UNIT_KINDS and _whole_or_verb(text, qualifier.end, s_start)
            if to_units or remainder[:1] in _DISTRIBUTIVES:
                # '京包铁路纵贯全镇', '苏尼特右旗通苏木镇': the whole unit, or a verb to units; '呼伦贝尔各非口岸':
                # every place of a kind in the area; no name
                return None
            if kind in _LOCAL_UNIT_KINDS and _is_outside_unit(qualifier):
                return self._township_outside(text, qualifier, s_end, suffix)
            if (
                kind in _LOCAL_UNIT_KINDS
                and _unit_in_full(qualifier)
                and not is_generic(text[qualifier.end : s_start])
            ) or (
                kind == "street"
                and _town_in_full(qualifier)
                and holds_name_word(text, qualifier.end, s_start)
            ):
                # '萨拉齐镇振华大街': a street's name never holds its town's either
                # '宁城县山头乡': a town's official name never holds its banner's; the banner written before it
                # is a mention of its own (it locates the town: see resolve's same-phrase parent); 'X旗原Y苏木':
                # the former township Y苏木
                begin = qualifier.end
                if kind == "street" and text.startswith(_INSIDE, begin) and not text.startswith(_RING, begin):
                    begin += 1  # '大沁他拉镇内王府街': inside the town, the street 王府街 (not '内环路')
                if (
                    suffix in TOWNSHIP_CLASS_WORDS
                    and remainder[:1] in _FORMER_OR_PRESENT
                    and len(remainder) > 2
                ):
                    begin += 1
                return Mention(
                    text[begin:s_end], begin, s_end, kind, f"suffix:{suffix}", self.ids(text[begin:s_end])
                )
            if (
                qualifier.end == s_start == hits[-1].end
                and qualifier.surface.endswith(_CLASS_WORDS)
                and suffix not in LANDSCAPE_ROUTE_SUFFIXES
                and suffix not in PLACE_NAMED_FACILITIES
            ):
                # '…自然保护区湿地': the wetlands of a named reserve, no second name ('X淖尔电厂' is a plant named
                # after the lake)
                return None
            if (
                qualifier.end == s_start
                and kind in _WATER_KINDS
                and text[s_end : s_end + 1] in _SHORE_CHARS
                and _is_water(qualifier)
            ):
                return None  # '乌梁素海湖畔': the shore of the lake named before it, no lake '乌梁素海湖'
            if self.ids(inner) or (qualifier.end < s_start and _dictionary_place(inner)):
                # '库布其沙漠七星湖': 七星湖 in 库布其沙漠; '大兴安岭松嫩平原': a place name of the dictionary after
                # a known one is a second name, not a name the first qualifies
                return Mention(inner, qualifier.end, s_end, kind, f"suffix:{suffix}", self.ids(inner))
            remainder = text[qualifier.end : s_start]
            if (
                ends_in_count(remainder)
                or opens_with_count(remainder)
                or (_town_in_full(qualifier) and remainder and set(remainder) <= _COUNT_NUMERAL_SET)
            ):
                # '汉古尔河两镇': a count of places after a name, no name of its own; '五当召镇一镇': a town in
                # full, then its count ('one town')
                return None
            if (
                kind in ABBREVIATED_MAX
                and suffix not in _WHOLE_ROUTE_SUFFIXES
                and hits[-1].end == s_start
                and _unit_in_full(hits[-1])
            ):
                return None  # '鄂尔多斯乌审旗铁路货运': the lines of a unit written in full, no line's name
            if suffix in NAME_RUN_SUFFIXES and remainder:
                run = name_run_start(text, qualifier.end, s_start, s_end)
                if run is None and _one_common_word(remainder):
                    # '扎兰屯市排污河': a unit, a common word and a class word, no name between them
                    return None
                if all(pid.startswith(f"{kind}:") for pid in qualifier.place_ids):
                    return (
                        None  # '东胜煤田原井工煤矿': the mines of a named field (of the same kind), no name
                    )
                if run is not None and run > qualifier.end:
                    # '阿荣旗因境内阿伦河': words that are no name stand between the unit and the run of name
                    # words before the class word; that run is the name
                    surface = text[run:s_end]
                    return Mention(surface, run, s_end, kind, f"suffix:{suffix}", self.ids(surface))
            if kind == "street" and not (remainder and holds_name_word(text, qualifier.end, s_start)):
                return None  # '大青山街道路', '…旗自然村通硬化路': roads of a place, no street's name
            if (
                suffix in DESCRIPTIVE_SCENIC_SUFFIXES
                # '托克托古城': a heritage class word right after a unit's name is its old walled town (or its
                # prince's palace), a sight of its own; '大沁他拉镇内王府街' names none
                and (remainder or suffix not in HERITAGE_SUFFIXES)
                and (not remainder or is_generic(remainder))
                and not _DESIGNATION_RANK.match(remainder)
                and all(pid.startswith(AREA_ID_PREFIXES) for pid in qualifier.place_ids)
            ):
                # '呼包鄂乌旅游区', '乌拉特后旗景区': the tourism of an area, not a named place; a rank opens a
                # designation named after the area ('额尔古纳国家森林公园', 'X世界地质公园')
                return None
            if (
                suffix == "小镇"
                and not remainder
                and all(pid.startswith(_ABOVE_TOWN_PREFIXES) for pid in qualifier.place_ids)
            ):
                return None  # '阿尔山小镇': the little town that a county-level city is, not a project's town
            if kind in NEEDS_QUALIFIER and remainder and is_generic(remainder):
                return None  # '黄河沿岸滩涂湿地': a kind of land along a named place, not a named wetland
            if (
                not remainder
                and kind in LAND_KINDS
                and all(pid.startswith(WIDE_AREA_PREFIXES) for pid in qualifier.place_ids)
                and _activity_follows(text, s_end)
            ):
                return None  # '阿拉善沙漠旅游': an activity on an area's land of that kind, no named place
            if (
                kind in ABBREVIATED_MAX
                and remainder
                and is_generic(remainder)
                and suffix not in _WHOLE_ROUTE_SUFFIXES
                and not remainder.endswith(SINGLE_ROUTE_WORDS)
            ):
                return None  # '乌拉特后旗农村公路': a kind of road in a place, not a named road ('…绕城公路' is one)
            if (
                suffix in ROAD_CLASS_SUFFIXES
                and _is_area(qualifier)
                and (not remainder or is_generic(remainder))
            ):
                return (
                    None  # '阿尔山旅游公路': a unit's tourist roads, a kind ('X森林公园旅游公路' leads there)
                )
        else:
            start = window_start + leading_trim(text[window_start:s_start])
            stem = text[start:s_start]
            if ends_in_count(stem) or _UNIT_CLASS_CHARS.issuperset(stem):
                return (
                    None  # '汉古尔河两镇': a count of places after a name; '旗县区工业园': units of each kind
                )
            if (
                kind in _LOCAL_UNIT_KINDS
                and stem
                and (
                    stem[-1] in _DETERMINERS
                    or (suffix in TOWNSHIP_CLASS_WORDS and stem[-1] in _TOWNSHIP_ACTS)
                    or (suffix == "街道" and stem[-1] in _TOWNSHIP_ACTS - {"设"})
                )
            ):
                # '行政区划全镇', '8日建镇', '1月并乡扩镇', '公社改街道': this or every township, an act on one
                return None
            short = self._short_prefix(stem)
            if not short and suffix in _FORMER_TOWNSHIP_WORDS:
                # '1958年属巴彦木仁公社': the commune is named by its township's stem, right before the word
                tail = next(
                    (stem[k:] for k in range(len(stem) - 1) if self._short_prefix(stem[k:]) == stem[k:]), ""
                )
                if tail:
                    start, stem, short = s_start - len(tail), tail, tail
            if short:
                qualifier = Mention(short, start, start + len(short), None, "short", self._short[short])
                if kind == "street" and not (
                    len(stem) > len(short) and holds_name_word(text, start + len(short), s_start)
                ):
                    return None  # 'X二级路': a grade of road at a place written short, no street's name
            elif kind == "park" and suffix in SUBPARK_SUFFIXES and is_generic(stem) and len(stem) >= 2:
                if IMPROPER_CHARS.intersection(stem):
                    return None
                # '装备制造产业园' names a sub-park only after a named zone on the same line (see _subparks)
                return Mention(
                    text[start:s_end], start, s_end, "park", f"subpark:{suffix}", self.ids(text[start:s_end])
                )
            elif kind in _DESCRIBED_KINDS and _named_before_descriptors(stem):
                pass  # '荷叶花湿地水禽自然保护区': a name of common words, then the words of what the reserve keeps
            elif suffix in NAME_RUN_SUFFIXES:
                run = name_run_start(text, start, s_start, s_end)
                if run is None or is_generic(text[run:s_start]) or text[run] in COUNTER_CHARS:
                    return None  # '母亲河', '加强干渠': a kind of water, no name before the class word
                start = run
            elif (
                kind in _NAME_RUN_FALLBACK_KINDS
                and not is_proper_stem(stem)
                and (run := name_run_start(text, start, s_start, s_end)) is not None
                and is_proper_stem(text[run:s_start])
                and (kind != "scenic" or suffix in _HERITAGE_NAME_RUN_SUFFIXES)
            ):
                # '所在地额肯呼都格镇', '古迹有X庙', '境内有X淖尔': the run of name words before the class word is the
                # name
                start = run
            elif kind in NEEDS_QUALIFIER or suffix in QUALIFIED_SUFFIXES or not is_proper_stem(stem):
                return None
            elif kind == "street" and (
                len(stem) > MAX_STREET_STEM or not holds_name_word(text, start, s_start)
            ):
                return None  # a street is named by a proper name ('丰州路', '成吉思汗大街')
            elif (
                (
                    suffix in DESCRIPTIVE_SCENIC_SUFFIXES
                    or suffix in INSTITUTION_SUFFIXES
                    or suffix in FARM_SUFFIXES
                )
                and not holds_name_word(text, start, s_start)
                and not _names_natural_feature(text, start, s_start)
            ):
                return None  # '口袋公园', '骑行公园': a kind of park, no name in it
            elif suffix in PLACE_NAMED_FACILITIES and (
                (begin := leading_name_start(text, start, s_start)) is None
                or one_common_word(text[begin:s_start])
            ):
                # '三大变电站': a count of a kind; '主线收费站', '拆除匝道收费站': one common noun (after the verbs
                # the stem opens with) says which kind of facility, no place
                return None
            elif kind in ABBREVIATED_MAX and (
                len(core := core_of(stem)) > ABBREVIATED_MAX[kind] or not self._initials.issuperset(core)
            ):
                # a line named by its ends' initials (集二, 包兰): each one starts a place's name; after a verb the
                # segmenter does not know as one ('跨越唐包铁路'), the name is the tail of initials that is a word
                tail = self._initials_tail(text, window_start, s_start, kind)
                if tail is None:
                    # '井尔梁公路': a road named after the place it leads to (a railway so named is a company's
                    # line more often: '呼铁永晖铁路设施')
                    named_after = _place_word_before(text, window_start, s_start) if kind == "road" else None
                    if named_after is None:
                        return None
                    tail = named_after
                start = tail
        if (
            suffix in FARM_SUFFIXES
            and qualifier is None
            and name_run_start(text, start, s_start, s_end) is None
        ):
            return None  # '森工集团所属林场': the farms of an organisation, no farm's name before the word
        if suffix in TOWNSHIP_CLASS_WORDS and text[start] in _FORMER_OR_PRESENT and s_start - start > 2:
            start += 1  # '原独石苏木': the former township 独石苏木, 原 says when
        surface = text[start:s_end]
        if surface in self.stop_words:
            return None
        return Mention(
            surface,
            start,
            s_end,
            SUFFIX_TYPES[suffix],
            f"suffix:{suffix}",
            self.ids(surface),
            qualifier.surface if qualifier else None,
            qualifier.place_ids if qualifier else (),
        )

    def _township_outside(
        self, text: str, unit: Mention, s_end: int, suffix: str, named: bool = False
    ) -> Mention | None:
        """The town or village named right after ``unit``, a unit outside the region, up to its class word at
        ``s_end`` ('黑龙江省讷河市' + '二克浅乡'): a mention of its own, which no record of the region names (it is
        located at the unit written before it, see resolve's 'parent:written-before'); None when the words
        between are no name ('讷河市各乡', '讷河市城乡').  ``named``: the name ends in (or is) a town name of the
        region ('鼎' + '新镇'), so even a one-character stem is a name."""
        start, qualifier, qualifier_ids = unit.end, unit.surface, unit.place_ids
        while (held := unit_at(text, start, qualifier_ids, self.qualified.units)) is not None:
            # '河北省承德市' + '围场县' + 'X乡': a county held only as qualified is found after its city later
            # (see qualified_units); the township starts after it
            qualifier, qualifier_ids = held[0], (held[1],)
            start += len(qualifier)
        if text[start : start + 1] in COUNTY_CLASS_CHARS and not qualifier.endswith(_UNIT_WORDS):
            # '平鲁' + '县' + '郭家窑乡': a unit read by its short form, then its class character (an older or
            # fuller form of the unit: '辽源县'), is the address; the township starts after the class character
            qualifier += text[start]
            start += 1
        stem = text[start : s_end - len(suffix)]
        if _is_province(unit) and COUNTY_CLASS_CHARS.intersection(stem):
            return None  # '黑龙江省X县Y乡': a county the gazetteer lacks stands between; read as a whole
        if (
            not stem
            or not (named or is_proper_stem(stem))
            or _whole_or_verb(text, start, s_end - len(suffix))
            or stem[:1] in _DISTRIBUTIVES
        ):
            return None
        return Mention(
            text[start:s_end],
            start,
            s_end,
            SUFFIX_TYPES[suffix],
            f"suffix:{suffix}",
            (),
            qualifier,
            qualifier_ids,
        )

    def _mountain(
        self,
        text: str,
        window_start: int,
        s_start: int,
        s_end: int,
        suffix: str,
        known_at: dict[int, Mention],
    ) -> Mention | None:
        """A mountain named by a one-character class word (山, 岭) the gazetteer lacks: the proper name the
        segmenter ends with it, after the last known name in the window (that name is its address, a mention of
        its own: '大兴安岭吉勒奇老山'); None inside a known name or where no name stands."""
        after_known = _after_known_names(window_start, s_start, s_end, known_at)  # '阿尔山', '五虎山' stand
        if after_known is None:
            return None
        begin = mountain_name_start(text, after_known, s_start, s_end)
        if begin is None or _noun_follows(text, s_end):
            return None
        surface = text[begin:s_end]
        if surface in self.stop_words or is_generic(text[begin:s_start]):
            return None
        return Mention(surface, begin, s_end, "mountain", f"suffix:{suffix}", self.ids(surface))

    def _unit_by_class_word(
        self,
        text: str,
        window_start: int,
        s_start: int,
        s_end: int,
        suffix: str,
        known_at: dict[int, Mention],
    ) -> Mention | None:
        """A banner or county named by its class word (旗, 县) that the gazetteer lacks alone: the run of name words
        before the class word ('索伦县', '杜尔伯特旗'), after the last known name in the window; a county elsewhere in
        China held only as qualified (嫩江县) is that record.  None inside or right after a known name ('林西县旗')
        or where no name stands (全旗, 国旗, 两县)."""
        following = (
            text[s_end + 1 : s_end + 2] if text[s_end : s_end + 1] in "（(" else text[s_end : s_end + 1]
        )
        if (following and following in _UNIT_CLASS_CHARS) or names_former_unit(text, s_end):
            # '旗县市区', 'X县（市、区）': kinds of unit; '置X县': the former units' rule reads the name after its verb
            return None
        after_known = _after_known_names(window_start, s_start, s_end, known_at)  # '乌审旗', '旗县' stand
        if after_known is None:
            return None
        window_start = after_last_verb(text, after_known, s_start, known_at)
        window_start += leading_trim(text[window_start:s_start])  # '析旗地置X县', '设X县': the verb is prose
        if s_start - window_start < 2:
            return None
        run = name_run_start(text, window_start, s_start, s_end)
        if run is not None and text[run] in _TIME_QUALIFIERS and s_start - run > 2:
            run += 1  # '原陶林县': the former county 陶林县, 原 says when
        if (
            run is None
            or s_start - run < 2
            or not is_proper_stem(text[run:s_start])
            or not holds_name_word(text, run, s_start)
            or not at_word_bounds(text, run, s_end)
        ):
            return None  # '半农半牧旗': a kind of banner (the run starts inside a word), no name
        surface = text[run:s_end]
        if surface in self.stop_words:
            return None
        ids = self.ids(surface) or self._qualified_unit(surface)
        return Mention(surface, run, s_end, "banner", f"suffix:{suffix}", ids)

    def qualified_unit(self, surface: str) -> tuple[str, ...]:
        """The id of the county-level unit elsewhere in China written ``surface`` in full, held only as qualified
        (原平市), or ()."""
        return self._qualified_unit(surface)

    def _qualified_unit(self, surface: str) -> tuple[str, ...]:
        """The id of the county-level unit elsewhere in China written ``surface`` in full (held only as qualified)."""
        names = self._qualified_names
        if names is None:
            names = {}
            for forms in self.qualified.units.values():
                for form, place_id in forms.items():
                    names.setdefault(form, set()).add(place_id)
            self._qualified_names = names
        found = names.get(surface, ())
        return tuple(sorted(found)) if len(found) == 1 else ()

    def _after_prose(
        self,
        text: str,
        qualifier: Mention,
        hits: list[Mention],
        window_start: int,
        s_start: int,
        s_end: int,
        suffix: str,
    ) -> tuple[Mention | None, int]:
        """The qualifier of a suffix name and its window's start, past the prose written between a place and the
        name ('科右前旗地处大兴安岭南麓' -> 大兴安岭; '阿荣旗因境内X河' -> X河, no qualifier): a dictionary verb,
        place word or function word after the place; for a class word named by a run of name words, common words
        before that run ('集宁区标志性建筑X楼').  ``(qualifier, window_start)`` when nothing separates them."""
        if qualifier.end >= s_start:
            return qualifier, window_start  # the common case: the place right before the class word
        if suffix in LANDSCAPE_ROUTE_SUFFIXES and _PROSE_VERB_RE.search(text, qualifier.end, s_start) is None:
            # '锡林郭勒千里草原风景道': the landscape's words after the place are part of the route's name
            return qualifier, window_start
        begin = name_start(text, qualifier.start, qualifier.end, s_start, s_end, _GENERIC_SET)
        if begin is not None and qualifier.end < begin < s_start:
            later = next((hit for hit in hits if hit.start == begin), None)
            if later is not None:
                return later, window_start
            if s_start - begin >= 2:  # a name of two or more characters stands after the prose
                return None, begin
        if suffix in NAME_RUN_SUFFIXES:
            run = name_run_start(text, qualifier.end, s_start, s_end)
            if run is not None and run > qualifier.end:
                return None, qualifier.end
        return qualifier, window_start

    def _ethnic_township(
        self, text: str, window_start: int, peoples: int, s_start: int, s_end: int, suffix: str
    ) -> Mention | None:
        """'音河达斡尔鄂温克族乡': a township named by its stem and its peoples; the peoples are part of the one name
        (not the banner a people's name also shortens, 鄂温克), the stem is the run of name words before them.
        None when no stem stands before the peoples ('4个鄂温克族乡': a kind of township)."""
        start = window_start + leading_trim(text[window_start:peoples])
        run = name_run_start(text, window_start, peoples, peoples)
        if run is not None and run > start:
            start = run
        begin = name_start(text, start, start, peoples, s_end)  # '新设X…族乡': the verb is prose
        if begin is not None and start < begin <= peoples - 2:
            start = begin
        if peoples - start < 2 or not is_proper_stem(text[start:peoples]):
            return None
        surface = text[start:s_end]
        # the gazetteer may know the township by its stem and class word alone ('查巴奇乡')
        ids = self.ids(surface) or self.ids(text[start:peoples] + suffix)
        return Mention(surface, start, s_end, "town", f"suffix:{suffix}", ids)

    def _ethnic_township_short(self, text: str, s_start: int, s_end: int, suffix: str) -> Mention | None:
        """'恩和民族乡': a township written with 民族 and its class word but not its peoples, named by a recorded
        township's stem ('恩和' + '乡' is 恩和俄罗斯族民族乡's short form); the stem may hold a character that cut the
        window ('和'), so it is read back from 民族 to the list mark or pause before it.  None otherwise."""
        stem_end = s_start - len(_ETHNIC_WORD)
        begin = stem_end
        while begin > 0 and stem_end - begin < _ETHNIC_STEM_MAX and is_han(text[begin - 1]):
            begin -= 1
        for start in range(begin, stem_end - 1):  # the longest stem first
            ids = tuple(
                pid for pid in self.ids_or_short(text[start:stem_end] + suffix) if pid.startswith("town:")
            )
            if ids:
                return Mention(text[start:s_end], start, s_end, "town", f"suffix:{suffix}", ids)
        return None

    def _line_end(self, text: str, mention: Mention) -> Mention:
        """'巴珠铁路至珠恩嘎达布其口岸铁路联络线': a line's name right after a corridor connector is the corridor's
        end (the port) and the line word the corridor's kind, when that end is a name of its own."""
        if not mention.start or text[mention.start - 1] not in CORRIDOR_BREAKS or not mention.place_ids:
            return mention
        if not all(pid.startswith(("railway:", "road:")) for pid in mention.place_ids):
            return mention
        word = next((w for w in LINE_WORDS if mention.surface.endswith(w)), None)
        stem = mention.surface[: -len(word)] if word else ""
        ids = self._ids.get(stem, ())
        if not ids:
            return mention
        return Mention(stem, mention.start, mention.start + len(stem), None, "gazetteer", ids)

    def _without_province(self, mention: Mention) -> tuple[Mention, Mention | None]:
        """'新疆霍尔果斯口岸', '内蒙古呼和浩特X机场': a province written before a name (before an airport's or port's
        qualifier too) is its address, not part of the name — the province and the name after it are two mentions (no gazetteer
        name may run across the cut)."""
        suffix = mention.rule.removeprefix("suffix:")
        landscape = suffix in LANDSCAPE_ROUTE_SUFFIXES
        if (
            mention.rule.startswith("suffix:")
            and mention.type in _ADDRESSED_KINDS
            and (address := self._province_before_a_unit(mention)) is not None
        ):
            # '内蒙古乌兰察布市凉城县X景区': a full address before the name, the province first
            return address
        if not mention.rule.startswith("suffix:") or (
            mention.qualifier is not None
            and (
                (mention.type not in FACILITY_TYPES and not landscape)
                or not all(pid.startswith("province:") for pid in mention.qualifier_ids)
            )
        ):
            # the common case: no province; or a name a place in it qualifies; or a park or a line named
            # with its province ('内蒙古X产业园'); an airport or port is named without it, and so is a route named
            # after a landscape or the place it leads to ('内蒙古X森林公园旅游公路')
            return mention, None
        stem_end = mention.end - len(suffix)
        length = self._province_head(mention.surface, min(6, stem_end - mention.start - 2))
        if length is None:
            return mention, None
        head = mention.surface[:length]
        cut = mention.start + length
        if not landscape and not is_proper_stem(mention.surface[length : stem_end - mention.start]):
            return mention, None
        rest = mention.surface[length:]
        named = replace(mention, surface=rest, start=cut, place_ids=self.ids(rest))
        if landscape:  # the place the route is named after, written after the province, qualifies it
            inner = next(
                (rest[:n] for n in range(len(rest) - len(suffix), 1, -1) if self._ids.get(rest[:n])),
                None,
            )
            named = replace(named, qualifier=inner, qualifier_ids=self._ids.get(inner, ()) if inner else ())
        return named, Mention(head, mention.start, cut, None, "gazetteer", self._ids[head])

    def _province_before_a_unit(self, mention: Mention) -> tuple[Mention, Mention] | None:
        """The name and its province when ``mention`` opens with a province and then a league or banner of it
        ('内蒙古乌兰察布市凉城县X景区'): an address, never part of the name, which starts after its last unit (the
        units are the gazetteer's mentions)."""
        surface = mention.surface
        length = self._province_head(surface, 3)
        if length is None:
            return None
        ids = self._ids[surface[:length]]
        cut = length
        while (unit := self._unit_at(surface, cut)) is not None:
            cut += unit
        stem_end = len(surface) - len(mention.rule.removeprefix("suffix:"))
        if cut == length or cut >= stem_end:
            return None
        rest = surface[cut:]
        named = replace(
            mention,
            surface=rest,
            start=mention.start + cut,
            place_ids=self.ids(rest),
            qualifier=None,
            qualifier_ids=(),
        )
        return named, Mention(surface[:length], mention.start, mention.start + length, None, "gazetteer", ids)

    def _province_head(self, surface: str, longest: int) -> int | None:
        """The length of the longest province name (two characters or more, at most ``longest``) ``surface``
        opens with, else None."""
        for length in range(longest, 1, -1):
            ids = self._ids.get(surface[:length], ())
            if ids and all(pid.startswith("province:") for pid in ids):
                return length
        return None

    def _unit_at(self, surface: str, start: int) -> int | None:
        """The length of the longest league or banner name at ``start`` of ``surface`` (two characters or more)."""
        for n in range(min(len(surface) - start, 8), 1, -1):
            if _leagues_or_banners(self._ids.get(surface[start : start + n], ())):
                return n
        return None

    def _route_numbers(self, text: str, hits: WordHits, known: Iterable[Mention] = ()) -> list[Mention]:
        """Route numbers: 'G6', 'S215', '国道 207 线', '省道213', '县道 718' (the name without 线).  A number
        written before the route's name ('G7京新高速', one gazetteer alias) is two mentions, the number and the
        name here; :func:`geoplan.geocode.context.numbered_route_names` joins them into one mention, the whole name
        as written."""
        found = []
        names_at = {m.start: m for m in known if m.place_ids}
        for match in hits.finditer(ROUTE_NUMBER_RE, text, _ROUTE_STARTS):
            start, end = match.span()
            if (start and text[start - 1] in _ASCII_WORD) or (end < len(text) and text[end] in _ROUTE_AFTER):
                continue  # part of a longer code ('5G', 'S2000', 'G3.5')
            if _CODE_NOISE.match(text, end):
                continue  # 'G2+5Qk8=8SW53M': a page's random code (a scraper trap), no road
            if text.startswith(_TRAIN_NUMBER_END, end) and _counts_train_runs(text, end):
                continue  # 'G4408次列车': a train's number (counted by 次), no road's
            surface = match.group()
            ids = self.ids(_NUMBER_QUOTES.sub("", surface))
            network = _NETWORK_AFTER["国" if surface[0] == "G" else "省"] if surface[0] in "GS" else ""
            if network and text[end : end + 2] == network:
                end += (
                    2  # the network word written after the code is part of the name ('G306国道', 'S101省道')
                )
            elif network and (kind := _EXPRESSWAY_AFTER.match(text, end)) is not None:
                end = kind.end()  # the kind word after an expressway's code ('G6高速九原区互通起')
            elif not network and (line := _LINE_AFTER_NUMBER.match(text, end)) is not None:
                end = line.end()  # the 线 after a network word and its number ('国道 111 线', as written)
            surface = text[start:end]
            found.append(Mention(surface, start, end, "road", "route", ids))
            whole = names_at.get(start)
            if whole is not None and whole.end > end and (name_ids := self.ids(text[end : whole.end])):
                found.append(Mention(text[end : whole.end], end, whole.end, None, "gazetteer", name_ids))
            if (listed := _NUMBERS_AFTER.match(text, end)) is not None:
                head = re.sub(r"[\s\d]+", "", surface)  # 'G', '国道'
                found.extend(self._listed_numbers(text, *listed.span(), head, ""))
            elif surface.startswith(tuple(_NETWORK_AFTER.values())):
                found.extend(self._joined_lines(text, end, surface[:2]))
        found.extend(self._numbers_before_network(text, hits))
        found.extend(self._bare_road_lines(text))
        return found

    def _bare_road_lines(self, text: str) -> list[Mention]:
        """A national road written by its three-digit number and 线 alone ('305线升级改造'): the road's record when
        the gazetteer has a national road of that number (国道 numbers start 1, 2, 3 or 5)."""
        found: list[Mention] = []
        if "线" not in text:
            return found
        for match in finditer_anchored(_BARE_ROAD_LINE, text, "线", (3,)):
            start, end = match.span()
            if start and text[start - 1] in _ROUTE_AFTER | _NOT_BEFORE_A_BARE_LINE:
                continue  # part of a longer code, or a number of a network written before it ('国道305线')
            if start >= 2 and text[start - 1] in ITEM_JOINERS and text[start - 2] in _ASCII_WORD:
                continue  # the last number of a list the list rules read ('国道110、208线': 208)
            if ids := tuple(i for i in self.ids("G" + match.group(1)) if i.startswith("road:")):
                found.append(Mention(match.group(), start, end, "road", "route", ids))
        return found

    def _joined_lines(self, text: str, end: int, network: str) -> list[Mention]:
        """'国道111线和305线': a number with 线 joined to a route written in full is a route of the same network
        (the span 'N线', as written); ``end`` is where the full route's number ends."""
        found: list[Mention] = []
        while (joined := _JOINED_LINE.match(text, end)) is not None:
            start, end = joined.span(1)
            found.append(
                Mention(
                    text[start:end], start, end, "road", "route:list", self.ids(network + joined.group(2))
                )
            )
        return found

    def _numbers_before_network(self, text: str, hits: WordHits) -> list[Mention]:
        """A number written before its network word ('208国道', '215省道': the road's record when the gazetteer
        has it), and the numbers listed before it, each a route of that network ('110、208国道' is G110 and G208)."""
        found: list[Mention] = []
        for start, end in hits.starts(tuple(_NETWORK_AFTER.values())):
            network = text[start:end]
            if before := _NUMBERS_BEFORE_NETWORK.search(text, max(0, start - 40), start):
                number_start, ids = before.start(3), self.ids(before.group(3) + network)
                # a quoted number is the name the quotes mark ('“111”国道' -> '111'); a count of the routes
                # between the numbers and the network word leaves each number alone ('303、304、111三条国道')
                number_end = before.end(3) if before.group(2) or before.group(4) else end
                found.append(
                    Mention(text[number_start:number_end], number_start, number_end, "road", "route", ids)
                )
                found.extend(self._listed_numbers(text, *before.span(1), "", network))
        if "国" in text:
            for cut in _NUMBER_CUT_NETWORK.finditer(text):
                if ids := tuple(i for i in self.ids("G" + cut.group(1)) if i.startswith("road:")):
                    found.append(Mention(cut.group(), cut.start(), cut.end(), "road", "route", ids))
        return found

    def _listed_numbers(self, text: str, start: int, end: int, head: str, tail: str) -> list[Mention]:
        """The bare numbers in ``text[start:end]``, a list of routes ('110' of '110、208国道', '208' of '国道110、208
        线'), each a mention of the route its number makes with the list's network word (``head`` before it,
        ``tail`` after)."""
        found: list[Mention] = []
        for number in re.finditer(r"\d+", text[start:end]):
            left, right = start + number.start(), start + number.end()
            if text[right : right + 1] in _NOT_AFTER_A_ROUTE:
                continue
            ids = self.ids(f"{head}{number.group()}{tail}")
            found.append(Mention(number.group(), left, right, "road", "route:list", ids))
        return found

    def known_core(self, mention: Mention) -> Mention:
        """:meth:`_known_core` for mentions found by other rules (list items)."""
        return self._known_core(mention)

    def _known_core(self, mention: Mention) -> Mention:
        """A suffix name the gazetteer lacks that is a known name plus generic words before the suffix is that
        place: '甘其毛都陆上边境口岸' -> 甘其毛都口岸 (one port, not a second record).  Not for kinds a place has
        several of: '乌拉特后旗民族教育园区' is not 乌拉特后旗(工业)园区."""
        suffix = mention.rule.removeprefix("suffix:")
        if mention.place_ids or suffix == mention.rule or SUFFIX_TYPES[suffix] in SEVERAL_PER_PLACE:
            return mention
        stem = mention.surface[: -len(suffix)]
        for cut in range(len(stem) - 1, 1, -1):
            ids = self._ids.get(stem[:cut] + suffix)
            rest = stem[cut:]
            if ids and is_generic(rest) and (len(rest) >= 2 or not core_of(rest) or known(rest + suffix)):
                # one character only when it is a generic word ('大草原') or of the class word's own word
                # ('飞机场'): '巴音华镇' is no '巴音镇' (华 is a character of its name)
                return replace(mention, place_ids=ids)
        return mention

    def _unknown_item(self, text: str, start: int, end: int, suffix: str, mention: Mention) -> int | None:
        """Where an earlier list item the gazetteer lacks starts, when it shares the last item's class word: a
        line named by its ends' initials ('京通、集通铁路', the longest such tail of the first item), or, when the
        last item's name is itself a run of name words, a run of name words too ('A、B大草原'); else None."""
        kind = SUFFIX_TYPES[suffix]
        if kind in ABBREVIATED_MAX:
            for length in range(min(ABBREVIATED_MAX[kind], end - start), 1, -1):
                tail = text[end - length : end]
                if self._initials.issuperset(tail) and len(set(tail)) == length:
                    return end - length if at_word_bounds(text, end - length, end) else None
            return None
        if suffix not in NAME_RUN_SUFFIXES or mention.place_ids:
            return None
        run = name_run_start(text, start, end, end)
        if run != start or is_generic(text[start:end]):
            return None  # the whole item, no part
        words = tag(text[start:end])
        if len(words) == 1 and words[0][1] == "j" and known(words[0][0]):
            return None  # '军工企业、X煤矿': an abbreviated common phrase of the dictionary, no name
        return start

    def _initials_tail(self, text: str, start: int, end: int, kind: str) -> int | None:
        """Where the longest tail of ``text[start:end]`` made of two or more different initials of places starts,
        when it stands as a word of its own ('跨越唐包' -> 唐包); None when there is none."""
        for length in range(min(ABBREVIATED_MAX[kind], end - start), 1, -1):
            tail = text[end - length : end]
            if self._initials.issuperset(tail) and len(set(tail)) == length:
                return end - length if at_word_bounds(text, end - length, end) else None
        return None

    @property
    def line_stems(self) -> frozenset[str]:
        """The stems that with a line word name a road or railway the gazetteer knows ('包银' of 包银高铁)."""
        return self._line_stems

    def line_named(self, stem: str, kind: str) -> tuple[str, ...]:
        """The one line of ``kind`` (road, railway) that ``stem`` and a line word name ('京新' + 高速: G7), as a
        list item before a line of another class word ('京新、准兴运煤专用通道'); () for other kinds or none/several."""
        if kind not in ABBREVIATED_MAX or stem not in self._line_stems:
            return ()
        found = {
            pid for word in LINE_WORDS for pid in self._ids.get(stem + word, ()) if pid.startswith(f"{kind}:")
        }
        return tuple(found) if len(found) == 1 else ()

    def _enumerated(self, text: str, window_start: int, suffix: str, mention: Mention) -> list[Mention]:
        """'乌兰布和、巴音温都尔沙漠': earlier list items that share the suffix, when the gazetteer knows them (or,
        for lines and names of name words, when they read as such: see :meth:`_unknown_item`)."""
        items: list[Mention] = []
        end = mention.start
        while end - 1 >= 0 and text[end - 1] == "、":
            item_end = end - 1
            item_start = item_end
            while item_start > 0 and is_han(text[item_start - 1]) and text[item_start - 1] not in STEM_BREAKS:
                item_start -= 1
            stem = text[item_start:item_end]
            # the list's first item starts after an earlier name's class word ('省际通道连接绥满、珲乌高速'): only
            # a known item is read there
            after_class = _last_suffix_end(stem)
            stem = stem[after_class:]
            stem = stem[leading_trim(stem) :]
            if not stem or _SUFFIX_RE.search(stem):
                break
            ids = self.ids(stem + suffix) or self.line_named(stem, SUFFIX_TYPES[suffix])
            if not ids and after_class:
                break
            if not ids:
                unknown = self._unknown_item(text, item_end - len(stem), item_end, suffix, mention)
                if unknown is None:
                    break
                stem = text[unknown:item_end]
            start = item_end - len(stem)
            if not self.ids(stem):  # a banner's name stays the banner ('乌拉特后旗、乌拉特中旗两大工业园区')
                items.append(
                    Mention(stem, start, item_end, SUFFIX_TYPES[suffix], f"enumeration:{suffix}", ids)
                )
            end = start
        return items


#: kinds of water whose class word, before a shore character, says where on a water named before it.
_WATER_KINDS = frozenset({"lake", "river", "reservoir", "wetland"})
#: shore characters ('湖畔', '河岸', '湖边').
_SHORE_CHARS = frozenset("畔岸边")


def _is_water(mention: Mention) -> bool:
    """Whether every record of ``mention`` is a water (lake, river, reservoir, wetland)."""
    return bool(mention.place_ids) and all(pid.split(":", 1)[0] in _WATER_KINDS for pid in mention.place_ids)


#: class words of townships written after a unit's name, nothing else ('乡镇', '苏木镇', '乡镇街道').
_TOWN_CLASS_WORDS_ONLY = re.compile("(?:乡镇|苏木|镇|乡|街道|、)*")
#: kinds of open land a province or a country is full of: '内蒙古草原' says what kind of land, it names none.
EXPANSE_KINDS = frozenset({"grassland", "desert", "sandy_land"})


#: kinds of land and water, which are never named by a unit's full name ('X镇沟' ends an address).
_LAND_AND_WATER_KINDS = NATURAL_KINDS | {"river", "mountain"}
#: the rules that make a name of a class word and the stem before it ('suffix:镇', 'zone:经济区').
_CLASS_WORD_RULES = ("suffix:", "zone:")


def _last_suffix_end(stem: str) -> int:
    """Where the last class word (suffix) inside ``stem`` ends, or 0."""
    last = 0
    for match in _SUFFIX_RE.finditer(stem):
        last = match.end()
    return last


def country_alias(surface: str, ids: tuple[str, ...]) -> bool:
    """Whether ``surface`` names only foreign places and is not their record's own name: an alias such as 蒙古 of
    蒙古国, which is also a people's name (see :func:`geoplan.geocode.segment.peoples_name_here`)."""
    return bool(ids) and ids != (f"foreign:{surface}",) and all(i.startswith("foreign:") for i in ids)


@cache
def province_abbreviations() -> dict[str, str]:
    """One-character province abbreviation -> official province name (京 -> 北京市); lines are named by them too
    ('京通', '沪兰')."""
    path = GAZETTEER_DIR / "context" / "province_abbreviations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["abbreviation"]: row["province"] for row in csv.DictReader(handle)}


#: places whose first characters abbreviate a line's ends ('集二铁路': 集宁, 二连浩特); not countries, whose initials
#: (越, 美, 德 …) end common verbs ('跨越京沈铁路') and name no line of the region.
_INITIAL_ID_PREFIXES = ("province:", "league:", "banner:", "town:", "neighbour:", "port:")
#: a run of CJK characters and 、 (a list of names when it holds a 、).
_LIST_RUN = re.compile(r"[\u3400-\u9fff、]+")
_BANNER_SUFFIX = re.compile(r"(?:自治旗|联合旗|旗|县|市|区)$")


def _league_code(place_id: str) -> str:
    """The league of an admin id by its adcode ('banner:150821' -> '1508'); '' for other ids."""
    kind, _, code = place_id.partition(":")
    return code[:4] if kind in {"banner", "league"} and code[:2] == "15" else ""


#: flags of a proper name a line may be named after (a place or a transliterated name: 井尔梁 nr).
_LINE_NAME_FLAGS = frozenset({"ns", "nr", "nrt"})


def _place_word_before(text: str, start: int, end: int) -> int | None:
    """Where the one proper name of three or more characters that ends at ``end`` starts, when the segmenter reads
    it as a place or transliterated name its dictionary lacks and nothing but a function word, a verb or punctuation
    stands before it ('井尔梁' + 公路: a road named after the place it leads to); None otherwise."""
    words = tagged_spans(text, max(start, end - CONTEXT_BEFORE - 4), end)
    if not words or words[-1][1] != end:
        return None
    word_start, _, word, flag = words[-1]
    if len(word) < 3 or flag not in _LINE_NAME_FLAGS or known(word) or word_start < start:
        return None
    if len(words) > 1 and words[-2][3] not in _FUNCTION_FLAGS | {"v", "vn"}:
        return None  # '大青山井尔梁': a longer name, or a place qualifying it, stands before
    return word_start


def _list_stems(ids: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Bare stems of banners that are not surfaces of their own ('五原' of 五原县), each of one banner."""
    stems: dict[str, list[str]] = {}
    for surface, place_ids in ids.items():
        banners = [pid for pid in place_ids if pid.startswith("banner:")]
        stem = _BANNER_SUFFIX.sub("", surface)
        if banners and stem != surface and len(stem) >= 2 and stem not in ids:
            stems.setdefault(stem, []).extend(banners)
    return {stem: pids[0] for stem, pids in stems.items() if len(set(pids)) == 1}


def _run_start(text: str, position: int) -> int:
    """Where the run of CJK characters and 、 holding ``position`` starts."""
    while position > 0 and _LIST_RUN.match(text[position - 1]):
        position -= 1
    return position


def _abbreviation_runs(text: str, known: list[Mention]) -> list[Mention]:
    """Countries named together by their one-character abbreviations ('面向俄蒙欧的', '美欧、日韩等'): a run of
    different abbreviations that no gazetteer name covers and that the segmenter reads as a word of its own."""
    found: list[Mention] = []
    starts = [m.start for m in known]
    for match in finditer_anchored(_ABBREVIATION_RUN, text, _ABBREVIATIONS, (0,)):
        run, start, end = match.group(), match.start(), match.end()
        lead = start > 0 and text[start - 1] == "中"
        if lead or len(set(run)) < len(run) or (end < len(text) and text[end] in _ABBREVIATION_NOT_BEFORE):
            continue
        index = bisect_left(starts, end) - 1
        if index >= 0 and known[index].end > start - lead:
            continue  # inside a name the gazetteer knows ('中蒙俄经济走廊', '内蒙古')
        if not at_word_bounds(text, start, end):
            continue  # part of a longer word ('完美日子')
        found.append(Mention(run, start, end, "foreign", "abbreviations"))
    return [*found, *_lone_abbreviations(text, known)]


def _lone_abbreviations(text: str, known: list[Mention]) -> list[Mention]:
    """A foreign country named by its one-character abbreviation alone ('与俄签订', '从俄X到…'): the segmenter
    reads the character as a place word of its own (in '中俄', '俄语', '日照' it does not)."""
    found: list[Mention] = []
    spans = SpanIndex((m.start, m.end) for m in known)
    for match in _ALONE_ABBREVIATIONS.finditer(text):
        start, end = match.span()
        if spans.overlaps(start, end) or not (start and is_han(text[start - 1])):
            continue
        left = max(0, start - 4)
        position, flag = left, ""
        for word, word_flag in tag(text[left : end + 4]):
            if position == start:
                flag = word_flag if len(word) == 1 else ""
                break
            position += len(word)
        if flag == "ns":
            found.append(Mention(match.group(), start, end, "foreign", "abbreviation"))
    return found


def _item_spans(
    start: int, end: int, index: int, count: int, lengths: Iterable[int]
) -> list[tuple[int, int]]:
    """Where a stem (of one of ``lengths``) may sit in a list item: the whole item; the first item's end
    ('推进五原'); the last item's start ('磴口等')."""
    spans = [(start, end)]
    for length in lengths:
        if index == 0 and end - length > start:
            spans.append((end - length, end))
        if index == count - 1 and start + length < end:
            spans.append((start, start + length))
    return spans


def _as_name(text: str, mention: Mention, ids: Mapping[str, tuple[str, ...]]) -> Mention | None:
    """A suffix-rule name the gazetteer does not know, cut to where it reads as a name (see
    :mod:`geoplan.geocode.segment`): '增设甘其毛都铁路口岸' -> '甘其毛都铁路口岸'; None for '阻止沙漠'."""
    suffix = mention.rule.removeprefix("suffix:")
    if suffix == mention.rule or mention.place_ids:
        return mention
    if _after_outside_address(text, mention):
        return mention  # '黑龙江省讷河市' + '二克浅乡': the address before it says where the name starts
    if text.startswith(_HISTORY, mention.end):
        return None  # '银川铁路史上': the history of a kind of thing at a place, no name of one
    if (
        suffix == _INTERCHANGE
        and mention.surface == f"{mention.qualifier}{suffix}"
        and text[mention.start - 1 : mention.start] in _PAIRING
        and all(i.startswith(_SETTLEMENT_IDS) for i in mention.qualifier_ids)
    ):
        return (
            None  # '包头与银川互通的线路': two cities linked (the verb 互通), no interchange named after one
        )
    if (
        suffix == _PORT_WORD
        and mention.surface == f"{mention.qualifier}{suffix}"
        and all(i.startswith("league:") for i in mention.qualifier_ids)
    ):
        # '呼伦贝尔市口岸的第二位': the league's ports, no port's name (the league stays a mention)
        return None
    if mention.qualifier and mention.surface.startswith(mention.qualifier):
        stem = text[mention.start + len(mention.qualifier) : mention.end - len(suffix)]
        if any(word in _DESCRIBING_WORDS for word, _ in tag(stem)):
            return None  # '达里湖主要景区': the lake's main sights, no name (the lake stays a mention)
        side = _SIDE_OF_PLACE.match(stem)
        if side is not None and len(stem) - side.end() >= 2 and is_proper_stem(stem[side.end() :]):
            # '达里湖南岸碧海银滩景区': a place, its side, then a name of its own (the place stays a mention)
            start = mention.start + len(mention.qualifier) + side.end()
            return Mention(text[start : mention.end], start, mention.end, mention.type, mention.rule)
    if suffix not in PROPER_NAME_SUFFIXES:
        return _descriptive_name(text, mention, suffix, ids)
    if (
        suffix in LANDSCAPE_ROUTE_SUFFIXES
        and mention.qualifier
        and mention.surface.startswith(mention.qualifier)
    ):
        return (
            mention  # '锡林郭勒千里草原风景道': a place opens the name; the landscape's words are part of it
        )
    stem_start = mention.start
    if mention.qualifier and (at := mention.surface.find(mention.qualifier)) >= 0:
        stem_start += at + len(mention.qualifier)  # the qualifier may follow the units written before it
    stem_end = mention.end - len(suffix)
    start = name_start(text, mention.start, stem_start, stem_end, mention.end, _GENERIC_SET)
    if (
        start is None
        or start >= stem_end
        or leading_name_start(text, mention.start, stem_end) is None  # '一处X遗址': a count before a kind
        or ORDINAL_END.search(text, mention.start, start) is not None  # '国内第四大淡水湖'
        or (suffix not in COMMON_WORD_SUFFIXES and _one_common_word(text[start : mention.end]))
        or (start > mention.start and not is_proper_stem(text[start:stem_end]))
    ):
        return None
    if (
        mention.type in COMMON_WORD_FREE_KINDS
        and start >= stem_start
        and common_words_only(text, start, stem_end)
    ):
        return None  # '通车高速公路', '八车道高速公路': common words and counts only, no name before the line word
    if mention.type in {"street", "road"} and _verb_to_units(text[start:stem_end]):
        return None  # '通村路': the roads to the villages, no street's name
    if (
        mention.type in NATURAL_KINDS
        and not (start == mention.start and stem_start == stem_end and _settlements(mention.qualifier_ids))
        and not names_natural_place(text, start, stem_end, mention.end)
    ):
        # '沙漠淡水湖', '世界沙漠', '中国东北沙漠': a kind of land or water, no name; a settlement's name before
        # the class word names the place after it ('雅布赖湖', though jieba reads a verb in 雅布赖)
        return None
    if start == mention.start:
        return mention
    surface = text[start : mention.end]
    return Mention(surface, start, mention.end, mention.type, mention.rule, ids.get(surface, ()))


def _settlements(ids: tuple[str, ...]) -> bool:
    """Whether ``ids`` (one or more) are all towns or villages."""
    return bool(ids) and all(pid.startswith(("town:", "village:")) for pid in ids)


def _descriptive_name(
    text: str, mention: Mention, suffix: str, ids: Mapping[str, tuple[str, ...]]
) -> Mention | None:
    """A town, park or scenic name the gazetteer does not know (their class words also end descriptive names,
    '乳业扶贫园区', so verbs inside are kept), without the verbs and time words it starts with ('撤销X苏木' ->
    'X苏木', '尚存X遗址'); None when it holds a count ('一处X遗址', '三大产业园区', 'X两个化工园区': places
    counted, no name), is one common word that ends in a people ('少数民族乡': a kind of township) or is a town's
    stem holding a verb ('整建制并入邻镇').  A town named by one common word ('胜利乡') stays whole; a park or
    scenic place named by no more than a verb or a time word is none."""
    stem_end = mention.end - len(suffix)
    if holds_count(text, mention.start, stem_end):
        return None
    if mention.qualifier is not None and mention.surface.startswith(mention.qualifier):
        return mention  # the name starts with a place: nothing before it to cut
    start = leading_name_start(text, mention.start, stem_end)
    if start is None:
        return None
    if mention.type == "town" and _is_people_word(text[mention.start : stem_end]):
        return None
    if start >= stem_end:  # one common word before the class word: a town's name ('胜利乡'), else a kind
        return mention if mention.type == "town" else None
    if mention.type in {"town", "village"} and _holds_verb(text[start:stem_end]):
        return None  # '整建制并入邻镇': a clause before the class word, no town's name
    if mention.type == "park" and common_words_only(text, start, stem_end):
        return None  # '生态循环设施产业园': a kind of park in common words, no proper name
    if start == mention.start:
        return mention
    if not is_proper_stem(text[start:stem_end]):
        return None
    surface = text[start : mention.end]
    return Mention(surface, start, mention.end, mention.type, mention.rule, ids.get(surface, ()))


def _is_people_word(stem: str) -> bool:
    """Whether ``stem`` is one common dictionary word ending in 族 ('少数民族', '民族'): a kind of people."""
    words = tag(stem)
    return len(words) == 1 and stem.endswith("族") and words[0][1] not in NAME_FLAGS and known(stem)


#: the words a unit's full name ends with (盟, 市, 旗, 县, 区).
_UNIT_WORDS = ("盟", "市", "旗", "县", "区")


#: class words of places that are named by common words ('石板沟'); with any other, a name that is one common
#: dictionary word is a kind of place ('淡水湖', '内陆河', '冲积平原').
COMMON_WORD_SUFFIXES = frozenset({"沟", "山洪沟", "截洪沟"})
#: kinds of place whose names are never made of common words alone (a line or a facility is named by its ends'
#: initials or a proper name; a gully or a lake may well be named '石台沟').
COMMON_WORD_FREE_KINDS = frozenset({"road", "railway", "port", "airport"})
#: id prefixes of wide areas: provinces, regions of several units, neighbouring and foreign places.
WIDE_AREA_ID_PREFIXES = ("province:", "region:", "neighbour:", "foreign:")
#: what follows a place name that heads the name of an organisation ('…创新中心', '…分校', '…有限公司' — the guide
#: skips company and organisation names) or of a brand or model ('“…文创”品牌', '…文旅品牌', '…模式'): at most
#: ORGANISATION_RUN characters of one word run (no function word, no punctuation) and then the word itself.  A 中心
#: followed by 城/区 is the centre of a city ('中心城区'), by 地/位 the middle of an area ('中心地带', '中心地位'):
#: no organisation.
ORGANISATION_RUN = 8
BRAND_RUN = 2
_RUN_CHAR = (
    r"(?:(?![的与及或和为是以在个等])[\u3400-\u9fff])"  # a count (个) or a list's end (等) ends the run
)
_ORGANISATION_TAIL = re.compile(
    _RUN_CHAR
    + f"{{0,{ORGANISATION_RUN}}}?"
    + r"(?:中心(?![城区镇地位])|分校|中学|小学|大学|学院|有限公司|公司|集团)"
)
#: the first characters of the organisation and brand words (a quick test before the regexes).
_TAIL_WORD_CHARS = frozenset("中分小大学有公集品模")
_BRAND_TAIL = re.compile(_RUN_CHAR + f"{{0,{BRAND_RUN}}}?" + r"[”」]?(?:品牌|模式)")


#: words that end the name of a line (longest first).
LINE_WORDS = ("高速公路", "铁路", "公路", "高速", "高铁")
#: types and id prefixes of facilities a road is named after ('…机场路', '…口岸公路', '…机场高速').
FACILITY_TYPES = frozenset({"airport", "port", "station"})
#: id prefixes of reserves and parks of nature, whose names hold a rank word ('国家级') a sight's name may open with.
_RESERVE_ID_PREFIXES = ("reserve:", "wetland:")
#: the rank written between a zone's unit and its class word ('包头国家高新技术产业开发区', 'X旗自治区级工业园区').
_ZONE_RANK = re.compile("(?:国家级|国家|自治区级|省级)$")
#: the rank that opens a designation's class words after the name of the area it is named after ('国家森林公园').
_DESIGNATION_RANK = re.compile("国家|世界|自治区级")
#: class words of lines a list may name by short forms beside recorded ones ('临策铁路、清绿铁路').
_LISTED_LINE_SUFFIXES = frozenset({"铁路", "高铁", "高速", "公路"})
_LISTED_LINE_STEM_MAX = 4
_LINE_ID_PREFIXES = ("railway:", "road:")

_FACILITY_ID_PREFIXES = tuple(f"{kind}:" for kind in FACILITY_TYPES)
#: road words that, right after a facility's name, make the whole a road's name (longest first).
_FACILITY_ROAD = re.compile(r"(?:高速公路|公路|大道|大街|高速(?![发增度率宽运成化])|路(?![网径线段]))")


_FACILITY_ROAD_STARTS = frozenset("高公大路")


def _facility_road(text: str, mention: Mention) -> Mention:
    """A facility's name followed by a road word is the name of the road to it ('X机场路' is a road, not the
    airport X机场): one road mention, with the facility as its qualifier — unless a corridor connector comes
    before the facility (then the facility ends a line named by its two ends)."""
    if text[mention.end : mention.end + 1] not in _FACILITY_ROAD_STARTS:
        return mention
    facility = mention.type in FACILITY_TYPES or (
        mention.type is None and any(pid.startswith(_FACILITY_ID_PREFIXES) for pid in mention.place_ids)
    )
    if mention.start and text[mention.start - 1] in CORRIDOR_BREAKS:
        return mention  # '临河—X机场高速公路': the facility is the end of a line between two places
    road = _FACILITY_ROAD.match(text, mention.end) if facility else None
    if road is None:
        return mention
    end = road.end()
    return Mention(
        text[mention.start : end],
        mention.start,
        end,
        "road",
        f"facility-road:{road.group()}",
        (),
        mention.surface,
        mention.place_ids or mention.qualifier_ids,
    )


#: what closes a word: punctuation, a closing quote or bracket, 等 (and others) or 的.
_WORD_CLOSERS = frozenset("、，。；：,.;:!?！？”’」』）)等的\n")
#: one-character words that continue a place's name or say where about it, not a kind of thing from it: units and
#: settlements, class words of places, works and lines, locatives, and a water's own water ('X市', 'X河', 'X站',
#: 'X矿', 'X营', 'X段', 'X内', 'X边', '西辽河水').
_PLACE_CHARS = frozenset(
    "".join(suffix for suffix in SUFFIX_TYPES if len(suffix) == 1) + "市县区旗盟镇乡村城港站山海湾线桥段口"
    "营庄屯寨堡矿厂场关所"
    "东西南北上下内外边侧旁中间水"
)


def names_a_local_kind(text: str, start: int, end: int) -> bool:
    """Whether the place named at ``text[start:end]`` only qualifies a one-character common noun written right after
    it as a word of its own, which ends there: a kind of thing from the place (a people '河套人', a product '乌审土',
    '黄河鱼', a dialect '后套话'), not a mention of the place."""
    if end + 1 >= len(text) or text[end] in _PLACE_CHARS or text[end + 1] not in _WORD_CLOSERS:
        return False
    if not is_han(text[end]):
        return False
    position = start
    for word, flag in tag(text[start : end + 2]):
        if position == end:
            return len(word) == 1 and flag == "n"
        position += len(word)
        if position > end:
            return False
    return False


#: the one-character heads of livestock words (奶牛, 细毛羊, 双峰驼): a breed is written as the place it comes from,
#: then its kind ('荷兰奶牛', '科尔沁牛', '鄂尔多斯细毛羊').
_HERD_HEADS = frozenset("牛羊马驼猪驴")
#: verbs of handling livestock that open a word ending in a livestock head ('骑马', '策马', '放羊'): an act, no breed.
_HANDLING_VERBS = frozenset("骑策赛遛驯套放牧养喂宰杀")
#: longest breed word after its place's name, in characters ('黑白花奶牛').
BREED_RUN = 5
#: flags of the words that may describe a breed before its kind word (白 a, 黑白 z, a transliterated breed name: 安格斯 nr).
_BREED_DESCRIBERS = frozenset({"a", "z", "b", "nr", "nrt"})
#: flags of a noun that, after a livestock word, heads the phrase (产业, 交易, 文化节): the livestock word qualifies it.
_HEAD_NOUN_FLAGS = frozenset({"n", "nz", "nt", "ns"})


def names_a_breed(text: str, start: int, end: int) -> bool:
    """Whether the words after the name ``text[start:end]`` name a kind of livestock it qualifies: a noun ending in a
    livestock head, perhaps after a describing word ('奶牛', '细毛羊', '白绒山羊'; not 马鬃山, a place word), that ends
    the noun phrase.  A unit written in full is the address of what follows ('X市肉牛绿色循环基地'), never a breed's
    qualifier; a noun after a bare livestock word is the phrase's head, which the place locates ('X牛羊交易市场',
    'X马文化节', 'X驼产业'), while a described breed stays one before a noun ('X白绒山羊产业')."""
    if text[start:end].endswith(_UNIT_WORDS):
        return False
    length = 0
    words = tag(text[end : end + BREED_RUN + 4])
    for index, (word, flag) in enumerate(words[:2]):
        length += len(word)
        if length > BREED_RUN:
            return False
        if word[-1] in _HERD_HEADS:
            if len(word) >= 2 and word[0] in _HANDLING_VERBS:
                return False  # '草原骑马', '策马奔腾': riding a horse there, no breed
            following = words[index + 1][1] if index + 1 < len(words) else ""
            # jieba tags some breed words as people's names; a described breed is one whatever follows it
            return (flag not in NAME_FLAGS or flag == "nr") and (
                index > 0 or following not in _HEAD_NOUN_FLAGS
            )
        if flag not in _BREED_DESCRIBERS:
            return False
    return False


#: id prefixes of landforms and waters (a river, lake, mountain, desert, grassland …): named by the land itself.
_LANDFORM_ID_PREFIXES = tuple(
    f"{kind}:" for kind in ("river", "lake", "mountain", "desert", "sandy_land", "grassland", "wetland")
)
#: the head of a built work's or an institution's name, which Chinese writes last (right-headed nouns): a plant
#: (厂), bridge (桥), inn, hall, shop, building or garden (栈 馆 店 楼 院 苑), a base, a centre or a school.
_BUILT_WORK_TAIL = re.compile(_RUN_CHAR + r"{0,4}?(?:[厂桥栈馆店楼院苑]|基地|中心|学校)")
_BUILT_WORK_CHARS = frozenset("厂桥栈馆店楼院苑基中学")


#: one-character locatives: right after a landform or water they say where about it ('黄河上建桥'), prose.
_LOCATIVE_CHARS = frozenset("上下里内中外边旁")
#: flags of words no built work's name holds before its head: a verb governing what follows, a locative, a
#: preposition ('治理中心' after a lake, '两岸医院', '南麓医院').
_NOT_IN_WORK_NAME_FLAGS = frozenset({"v", "f", "p"})


def _heads_a_built_work(text: str, end: int) -> bool:
    """Whether the name of a landform or water ending at ``end`` heads a built work's name: one noun phrase whose
    head (厂, 桥, 基地 …) ends a word of the segmenter ('查干淖尔电厂', '大青山创作基地').  Not where a locative
    follows the name ('黄河上建桥'), a verb or locative stands before the head ('乌梁素海治理中心', '黄河两岸医院'), a
    nominal verb takes an object ('黄河建设生态基地': 建设 governs 生态基地), or a place noun follows the head
    ('流域中心城市': 中心 qualifies the city)."""
    match = _BUILT_WORK_TAIL.match(text, end)
    if match is None or text[end] in _LOCATIVE_CHARS:
        return False
    head_end = match.end() - end
    words = tag(text[end : match.end() + 2])
    position, before_head = 0, []
    for index, (word, flag) in enumerate(words):
        position += len(word)
        if position < head_end:
            before_head.append(flag)
            continue
        if position > head_end:
            return False  # the head character sits inside a longer word ('桥头堡')
        following = words[index + 1][1] if index + 1 < len(words) else ""
        return (
            following != "ns"  # a place noun: the head qualifies it
            and _NOT_IN_WORK_NAME_FLAGS.isdisjoint(before_head)
            and "vn" not in before_head[:-1]
        )
    return False


def _is_landform(mention: Mention) -> bool:
    """Whether a gazetteer mention names landforms or waters only (黄河, 查干淖尔, 大青山)."""
    return bool(mention.place_ids) and all(pid.startswith(_LANDFORM_ID_PREFIXES) for pid in mention.place_ids)


#: words of a style named after a country ('俄罗斯风情', '俄罗斯风格'): the country's name qualifies the style.
_STYLE_WORDS = ("风情", "风格", "风味", "情调")


def _names_an_organisation_or_brand(text: str, mention: Mention) -> bool:
    """Whether ``mention`` heads a brand's name or a breed's, is a landform or water heading a built work's name
    ('查干淖尔电厂', 'X黄河大桥', '大青山创作基地': the work is named after it, no mention of the land), or is a wide area (a province, a region of several units, a place
    outside) heading an organisation's name.  An organisation named after a league, banner, town or facility
    (西乌珠穆沁旗第一小学, 潮格镇康复中心) stands there: that unit locates it, and the mention stays."""
    if mention.place_ids and names_a_local_kind(text, mention.start, mention.end):
        return True
    if (
        mention.place_ids
        and text.startswith(_STYLE_WORDS, mention.end)
        and all(pid.startswith("foreign:") for pid in mention.place_ids)
    ):
        return True  # '充满俄罗斯风情', '俄罗斯风格的套娃建筑': a style named after the country, no place
    tail = text[mention.end : mention.end + ORGANISATION_RUN + 4]
    if (
        _TAIL_WORD_CHARS.isdisjoint(tail)
        and _HERD_HEADS.isdisjoint(tail[:BREED_RUN])
        and _BUILT_WORK_CHARS.isdisjoint(tail)
    ):
        return False  # no organisation, brand or breed word can follow: the common case, decided at once
    if _BRAND_TAIL.match(text, mention.end):
        return True
    if _HERD_HEADS.intersection(tail[:BREED_RUN]) and names_a_breed(text, mention.start, mention.end):
        return True
    if _is_landform(mention) and _heads_a_built_work(text, mention.end):
        return True
    wide = bool(mention.place_ids) and all(pid.startswith(WIDE_AREA_ID_PREFIXES) for pid in mention.place_ids)
    return wide and bool(_ORGANISATION_TAIL.match(text, mention.end))


#: id prefixes of admin units (the units a name can be qualified by).
ADMIN_ID_PREFIXES = ("league:", "banner:", "town:")


def _is_province(mention: Mention) -> bool:
    """Whether a gazetteer mention names provinces only (内蒙古, 河北省)."""
    return bool(mention.place_ids) and all(pid.startswith("province:") for pid in mention.place_ids)


def _is_area(mention: Mention) -> bool:
    """Whether a gazetteer mention names admin units of the region only (a league, banner or town)."""
    return bool(mention.place_ids) and all(pid.startswith(ADMIN_ID_PREFIXES) for pid in mention.place_ids)


#: the id prefix of the records of places outside the region; a unit's carries its adcode ('neighbour:230281').
_NEIGHBOUR = "neighbour:"


def _outside_unit_ids(place_ids: tuple[str, ...]) -> bool:
    """Whether ``place_ids`` are all admin units outside the region: another province, or a prefecture city or
    county-level unit elsewhere in China (a record under its adcode: 讷河市, not 宁东能源化工基地)."""
    return bool(place_ids) and all(
        (pid.startswith("province:") and pid != OWN_PROVINCE)
        or (pid.startswith(_NEIGHBOUR) and pid[len(_NEIGHBOUR) :].isdigit())
        for pid in place_ids
    )


def _is_outside_unit(mention: Mention) -> bool:
    """Whether a gazetteer mention names admin units outside the region only (see :func:`_outside_unit_ids`)."""
    return _outside_unit_ids(mention.place_ids)


#: the class characters of county-level units (a name holding one holds a county: 'X县Y乡').
COUNTY_CLASS_CHARS = frozenset("县市区旗")
#: the most characters of a township's name written before a town name of the region that ends it ('鼎' + '新镇').
_MAX_TOWN_HEAD = 4


def _town_after_outside_unit(text: str, town: Mention | None, known_end: dict[int, Mention]) -> bool:
    """Whether ``town``, a town of the region found by its name, ends a township's name written right after a
    unit outside the region ('甘肃金塔县' + '鼎' + '新镇', or the name alone after it): the name is that unit's
    township, read by the suffix rule (see :meth:`MentionFinder._township_outside`)."""
    if town is None or not all(pid.startswith("town:") for pid in town.place_ids):
        return False
    for start in range(town.start, max(-1, town.start - _MAX_TOWN_HEAD - 1), -1):
        unit = known_end.get(start)
        if unit is not None:
            return _is_outside_unit(unit)
        if start < town.start and (not is_han(text[start]) or text[start] in IMPROPER_CHARS):
            return False
    return False


def _after_outside_address(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is a name written right after its qualifier, a unit outside the region (the township
    :meth:`MentionFinder._township_outside` reads)."""
    return (
        mention.qualifier is not None
        and text.endswith(mention.qualifier, 0, mention.start)
        and _outside_unit_ids(mention.qualifier_ids)
    )


def _chain_unit(mention: Mention, kind: str) -> bool:
    """Whether ``mention`` is a link of the address chain before a town or village of ``kind``: a unit of the
    region, a province, or a unit outside the region ('黑龙江省讷河市X乡'); for other kinds the region's units
    only (a facility's province is cut off later, see _without_province)."""
    if _is_area(mention):
        return True
    return kind in _LOCAL_UNIT_KINDS and (_is_province(mention) or _is_outside_unit(mention))


#: a town's class word at the end of its name.
_TOWN_CLASS_END = re.compile(r"(?:街道|民族乡|苏木|嘎查|镇|乡)$")
#: length of the head a town's short form keeps of its name ('格日苏木' of 格日朝鲁苏木, '巴音镇' of 巴音宝力格镇).
_SHORT_HEAD = 2


def _tail_of_longer_name(text: str, window_start: int, hit: Mention, s_end: int) -> bool:
    """Whether ``hit``, a town's short form ending at the suffix (its name is none of its towns' official names:
    '格日苏木' of 格日朝鲁苏木), is the tail of a longer name: a run of name words right before it, after the
    window's leading verbs ('巴彦洪' + '格日苏木'; not '推进' + '巴音镇', not '东部' + '巴音镇')."""
    if hit.end != s_end or not hit.place_ids or not all(pid.startswith("town:") for pid in hit.place_ids):
        return False
    if any(pid.rpartition(":")[2] == hit.surface for pid in hit.place_ids):
        return False
    if len(_TOWN_CLASS_END.sub("", hit.surface)) > _SHORT_HEAD:
        return False  # '白音胡硕镇': a variant of a town's whole name (a short form keeps only a two-character head)
    start = window_start + leading_trim(text[window_start : hit.start])
    run = text[start : hit.start]
    return (
        len(run) >= 2
        and all(map(is_han, run))
        and not is_generic(run)
        and name_start(text, start, start, hit.start, s_end) == start  # no verb or function word in it
        and holds_name_word(text, start, hit.start)
    )


#: id prefixes of the units above a town.
_ABOVE_TOWN_PREFIXES = ("league:", "banner:")
#: the last character of a league's or banner's official name.
_UNIT_NAME_ENDS = ("盟", "市", "旗", "县", "区")


def _unlisted_name(stem: str) -> bool:
    """Whether ``stem`` reads as a proper name (a transliteration '什纳', '阿奇', a company's '伊泰'): a word tagged as a
    person's, place's or organisation's name of at most three characters or one the dictionary lacks, and no common
    dictionary word ('锂电', '国家火炬计划', '无人驾驶', '大力发展': words jieba tags nz or nr that name no place)."""
    words = tag(stem)
    named = [_name_like(word, flag) for word, flag in words]
    return any(named) and not any(
        len(word) >= 2 and known(word) and not ok for (word, _), ok in zip(words, named, strict=True)
    )


def _name_like(word: str, flag: str) -> bool:
    """A word of a name: a person's, place's or organisation's name of at most three characters or one the
    dictionary lacks, or a proper noun (nz) the dictionary lacks."""
    if len(word) < 2:
        return False
    if flag in RUN_FLAGS:
        return len(word) <= 3 or not known(word)
    return flag == "nz" and not known(word)


def _last_name_word(text: str, window_start: int, end: int) -> int | None:
    """The start of the word ending at ``end`` when it is a name word of two or more characters (a name flag or a run
    the dictionary lacks) standing after a break or a word of another kind; None otherwise."""
    left = max(window_start, end - MAX_SHORT_STEM)
    position = left
    last = None
    for word, flag in tag(text[left:end]):
        last = (position, word, flag)
        position += len(word)
    if last is None or position != end:
        return None
    start, word, flag = last
    return start if len(word) >= 2 and (flag in NAME_FLAGS or not known(word)) else None


#: id prefixes of parks (a development zone, a park inside one).
PARK_ID_PREFIXES = ("park:", "subpark:")


def is_park(mention: Mention) -> bool:
    """Whether ``mention`` is a park: found as one by its class word, or naming recorded parks only."""
    return mention.type == "park" or bool(
        mention.place_ids and all(pid.startswith(PARK_ID_PREFIXES) for pid in mention.place_ids)
    )


def _league_names_park(prefix: Mention, mention: Mention) -> bool:
    """Whether a league written by its short name ('赤峰', not '赤峰市') right before a park is the first word of the
    park's name ('赤峰松山物流园区', as '鄂尔多斯综合保税区'); a league written in full is the park's address."""
    return (
        is_park(mention)
        and prefix.type is None
        and bool(prefix.place_ids)
        and all(pid.startswith("league:") for pid in prefix.place_ids)
        and not prefix.surface.endswith(_UNIT_NAME_ENDS)
    )


def _above_town(mention: Mention) -> bool:
    """Whether a mention names units above a town only (a province, league, banner, or a region made of them)."""
    return bool(mention.place_ids) and all(
        pid.startswith(("province:", "region:", *_ABOVE_TOWN_PREFIXES)) for pid in mention.place_ids
    )


def _is_county_level(mention: Mention) -> bool:
    """Whether a mention names county-level units (banners) only."""
    return bool(mention.place_ids) and all(pid.startswith("banner:") for pid in mention.place_ids)


#: kinds of named sights and natural places: a league written before one is its address, not part of its name.
_ADDRESSED_KINDS = NATURAL_KINDS | {"scenic", "reserve"}
_SIGHT_ID_PREFIXES = (*_LANDFORM_ID_PREFIXES, "scenic:", "reserve:")


def _is_landform_or_sight(mention: Mention) -> bool:
    """Whether a gazetteer mention names natural places or sights only (a mountain, river, lake …, a scenic area)."""
    return bool(mention.place_ids) and all(pid.startswith(_SIGHT_ID_PREFIXES) for pid in mention.place_ids)


def _skip_spaces(text: str, position: int) -> int:
    """The first position at or after ``position`` that is no space (a page's list often spaces its items)."""
    while position < len(text) and text[position] in " \u3000":
        position += 1
    return position


def _skip_spaces_back(text: str, position: int) -> int:
    """The position after the last character before ``position`` that is no space."""
    while position > 0 and text[position - 1] in " \u3000":
        position -= 1
    return position


def _leagues_or_banners(place_ids: tuple[str, ...]) -> bool:
    """Whether ``place_ids`` name leagues or banners only (the units an address or a zone's name is made of)."""
    return bool(place_ids) and all(pid.startswith(("league:", "banner:")) for pid in place_ids)


def _is_league(mention: Mention) -> bool:
    """Whether a gazetteer mention names a league only, in full or short ('包头市', '呼伦贝尔')."""
    return (
        mention.type is None
        and bool(mention.place_ids)
        and all(pid.startswith("league:") for pid in mention.place_ids)
    )


def _league_in_full(mention: Mention) -> bool:
    """Whether a gazetteer mention is a league written by its full name ('包头市', '阿拉善盟', not '包头')."""
    return _unit_in_full(mention) and all(pid.startswith("league:") for pid in mention.place_ids)


def _unit_in_full(mention: Mention) -> bool:
    """Whether a gazetteer mention is a league or banner written by its full name ('宁城县', not '宁城')."""
    return (
        bool(mention.place_ids)
        and all(pid.startswith(_ABOVE_TOWN_PREFIXES) for pid in mention.place_ids)
        and mention.surface.endswith(_UNIT_NAME_ENDS)
    )


#: suffixes made of two class words of towns ('苏木镇': the sumus and the towns), which after common words name a
#: class of units, not one unit (after a name they are a town's: '乌盖苏木镇').
_UNIT_CLASS_PAIRS = frozenset(
    suffix
    for suffix, kind in SUFFIX_TYPES.items()
    if kind == "town"
    and any(
        SUFFIX_TYPES.get(suffix[:k]) == SUFFIX_TYPES.get(suffix[k:]) == "town" for k in range(1, len(suffix))
    )
)
#: kinds of the units below a banner, named by a name and a class word (X镇, X苏木, X嘎查).
_LOCAL_UNIT_KINDS = frozenset({"town", "village"})
#: the class words of towns and villages: a name of one never holds another's inside it.
_INNER_UNIT = re.compile("苏木|嘎查|镇|乡")


def _dictionary_place(name: str) -> bool:
    """Whether ``name`` is one place word of jieba's dictionary ('松嫩平原', '科尔沁草原')."""
    words = tag(name)
    return len(words) == 1 and words[0][1] == "ns" and known(name)


#: class words of the units a road may lead to ('通村路': roads to the villages).
_ROAD_TO_UNITS = re.compile("(?:苏木|嘎查|村|镇|乡)$")


def _verb_to_units(stem: str) -> bool:
    """Whether ``stem`` is a one-character verb and a class word of units ('通村' of '通村路'): a kind of road."""
    unit = _ROAD_TO_UNITS.search(stem)
    return unit is not None and unit.start() == 1 and tag(stem[0])[0][1] in VERB_FLAGS


def _town_in_full(mention: Mention) -> bool:
    """Whether a gazetteer mention is a town written with its class word ('萨拉齐镇', not '萨拉齐')."""
    return (
        bool(mention.place_ids)
        and all(pid.startswith("town:") for pid in mention.place_ids)
        and _INNER_UNIT.search(mention.surface, len(mention.surface) - 2) is not None
    )


#: the numerals of a count ('一镇': one town).
_COUNT_NUMERAL_SET = frozenset(COUNT_NUMERALS)
#: class characters of units of other kinds or times ('郡', '邑', '州', '县', '府', '厅'): a league's or banner's
#: stem right before one opens that unit's name ('九原郡', '集宁县', '清水河厅').
FORMER_UNIT_CHARS = frozenset("郡邑州县府厅")
#: characters that make a unit word before them the whole of a unit, this one or another ('全镇', '本镇', '各苏木', '他乡'):
#: determiners, never the end of a town's name.
_DETERMINERS = frozenset("全本该各每此这那我他")
#: one-character verbs that make, merge or seat a township ('1995年并乡扩镇', '1998年8月8日建镇', '旗驻镇'): before a
#: township's class word they are an act on townships, never the end of a township's name (no township of the
#: region ends so; 建设街道 is a subdistrict, whose class word is not among those read here).
_TOWNSHIP_ACTS = frozenset("建设撤并扩驻置改升")
#: class words of townships: the acts above take them ('建镇', '并乡', '撤苏木'; a subdistrict takes them too, but for
#: 设: '公社改街道', 建设街道 is a subdistrict's name), and a list of townships repeats one on every item ('A乡、B乡').
TOWNSHIP_CLASS_WORDS = ("苏木", "乡", "镇")
#: determiners of every one of a kind ('呼伦贝尔各非口岸旗市区'): after a place, the places of that kind in it.
_DISTRIBUTIVES = frozenset("各每")


#: two or more class words of townships in a row ('苏木乡镇', '乡镇街道'): the units of the kind, no one's name.
_TOWN_CLASS_RUN = re.compile("(?:苏木|乡|镇|街道)(?:苏木|乡镇|乡|镇|街道)")


def _whole_or_verb(text: str, start: int, s_start: int) -> bool:
    """Whether the words ``text[start:s_start]`` between a known name and a town's class word are a determiner
    ('京包铁路纵贯全镇') or a one-character verb or preposition, alone or as read in its sentence ('X旗通苏木镇':
    roads to the units; '临策铁路穿镇而过'): no town is named there."""
    remainder = text[start:s_start]
    if not remainder:
        return False
    if remainder[-1] in _DETERMINERS:
        return True
    if len(remainder) != 1:
        return False
    flags = VERB_FLAGS | {"p"}
    return tag(remainder)[0][1] in flags or any(
        word_start == start and end == s_start and flag in flags
        for word_start, end, _, flag in tagged_spans(text, max(0, start - 2), min(len(text), s_start + 3))
    )


def _after_inner_unit(text: str, window_start: int, s_start: int) -> int:
    """Where a town's or village's name starts when another unit's name and class word stand right before it
    with no separator ('X镇Y镇', 'X苏木Y嘎查'): after the last class word that has a name of two or more
    characters on each side."""
    best = window_start
    for match in _INNER_UNIT.finditer(text, window_start + 2, s_start - 2):
        best = match.end()
    return best


#: what may stand right before a clause's subject: nothing, a line break, punctuation or an opening quote.
_CLAUSE_OPENERS = frozenset("\n，。；：！？,.;:!?“‘「『（(")


def _subject_of_verb(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens a clause and the segmenter reads the next word as a verb, perhaps after
    adverbs and conjunctions: the clause's subject ('X位于…', '。X是…', '，X同时获得…'), so a name ends there."""
    if start > 0 and text[start - 1] not in _CLAUSE_OPENERS:
        return False
    for _, flag in tag(text[end : end + 8])[:3]:
        if flag not in _BEFORE_VERB_FLAGS:
            return flag in VERB_FLAGS
    return False


#: flags of the words that may stand between a clause's subject and its verb: adverbs and conjunctions ('同时').
_BEFORE_VERB_FLAGS = frozenset({"d", "c"})


#: the length of the list items :meth:`MentionFinder._list_neighbours` looks at (two-character names).
LIST_ITEM = 2
#: what closes the last item of a 、-list: a word gathering the items ('诸市县', '等地', 'A、B都有', 'A、B均有'); not a
#: count ('三郡', which names historical units as often as places).
_LIST_CLOSERS = frozenset("诸等都均")


def _opens_item(text: str, start: int) -> bool:
    """Whether a list item can start at ``start``: after another item, punctuation or a line, or where the
    segmenter starts a word ('有罕山、…')."""
    if (
        start == 0
        or text[start - 1] == "、"
        or not is_han(text[start - 1])
        or text[start - 1] in _CLAUSE_OPENERS
    ):
        return True
    if text[max(0, start - 2) : start] in MONGOLIAN_HEADS:
        return False  # '哈拉敖包、…': a Mongolian first word before it opens the item's longer name
    return at_word_bounds(text, start, start + LIST_ITEM)


def _closes_item(text: str, end: int) -> bool:
    """Whether a list item can end at ``end``: before another item, a name's end or a closer of the list."""
    return _ends_a_name(text, end) or text[end] in _LIST_CLOSERS


#: connectors joining a list's last item ('A、B和C').
LAST_ITEM_JOINS = "和及与"
#: characters before 和 that make it part of a name (呼和浩特, 乌兰布和).
_HE_IN_NAME = frozenset("呼布")
#: longest list item read as a name, in characters.
MAX_ITEM = 12


def split_last_item(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The last item ``text[start:end]`` of a 、-list, split at its first connector (和/及/与) leaving two characters
    or more before it and one after ('乌达和海南' -> 乌达, 海南); 和 inside a name stays ('呼和浩特', '兴和')."""
    for offset in range(start + 2, min(end - 1, start + MAX_ITEM)):
        if text[offset] in LAST_ITEM_JOINS and not (text[offset] == "和" and text[offset - 1] in _HE_IN_NAME):
            return [(start, offset), (offset + 1, end)]
    return [(start, end)]


def _ends_a_name(text: str, end: int) -> bool:
    """Whether a name can end at ``end``: text end, punctuation, a connector, an admin or line suffix."""
    if end >= len(text) or not is_han(text[end]) or text[end] in SHORT_FORM_FOLLOWERS:
        return True
    return (
        text[end] in "市县区旗盟镇乡港站"
        or text.startswith(NAME_FOLLOWERS, end)
        or COMPASS_PART.match(text, end) is not None  # '宁夏北部地区': a part of the place
        # the list's count closes it ('吉林、辽宁三省区', '甘南、龙江二县'); a journey starts there ('从辽宁沈阳出发')
        or _COUNTED_PROVINCES_OR_COUNTIES.match(text, end) is not None
        or _SETTING_OUT.match(text, end) is not None
    )


#: a count of provinces or counties closing a list right after its last name ('三省区', '两省', '二县').
_COUNTED_PROVINCES_OR_COUNTIES = re.compile(f"[{COUNT_NUMERALS}]个?[省县]")


def _after_known_names(
    window_start: int, s_start: int, s_end: int, known_at: dict[int, Mention]
) -> int | None:
    """Where a name ending in the class word at ``[s_start, s_end)`` may start: after the last known name in the
    window (its address, a mention of its own); None where a known name ends with the class word or holds it (the
    class word is part of that name: '阿尔山', '乌审旗')."""
    for position in range(window_start, s_end):
        hit = known_at.get(position)
        if hit is not None:
            if hit.end > s_start:
                return None
            window_start = max(window_start, hit.end)
    return window_start


#: prepositions of place and motion (from, to, via, towards, distant from, out of): the word after one is a place.
_PLACE_PREPOSITIONS = frozenset("从到至往赴经距离出")


#: a capital's title, written right before its name ('首都北京', '省会沈阳').
_CAPITAL_TITLES = ("首都", "省会")
#: verbs of arriving ending in 达 ('抵达海口'): the word after one is a place, as after a preposition of motion.
_ARRIVING = ("抵达", "到达", "直达", "通达")


def _joined_to_place(chosen: list[Mention], text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word of its own joined by a list mark or conjunction to the place found
    right before it ('哈尔滨、长春、沈阳一起', '包头与银川之间'): an item of a list of places."""
    return (
        bool(chosen)
        and chosen[-1].end == start - 1
        and text[start - 1] in ITEM_JOINERS
        and at_word_bounds(text, start, end)
    )


def _object_of_place_preposition(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word of its own right after a preposition of place or motion ('从X驾车',
    '距X最近', '到X仅需'), a verb of arriving ('抵达X') or a capital's title ('首都北京'): a place, though no
    name's end shows after it; not before a compass direction ('至X南': a station or a part named after the
    place)."""
    if text.endswith(_CAPITAL_TITLES, 0, start):
        return True  # '距首都北京最近': the capital's title, then its name
    return (
        start > 0
        and (text[start - 1] in _PLACE_PREPOSITIONS or text.endswith(_ARRIVING, 0, start))
        and text[end : end + 1] not in COMPASS_CHARS
        and at_word_bounds(text, start, end)
        # 出 only as a word of its own ('出宁夏后'), not ending a verb ('突出蒙古元素', '推出')
        and (text[start - 1] != "出" or at_word_bounds(text, start - 1, start))
    )


#: one-character words saying when a unit was or is so named ('原陶林县' the former county, '今X县'): no part of
#: the name they stand before.
_TIME_QUALIFIERS = frozenset("原今旧古")
#: those of them that say a township's name is its former or present one ('原X苏木', '今X镇'): no part of the name;
#: 旧 and 古 open townships' names (古城湾乡, 旧城区街道).
_FORMER_OR_PRESENT = _TIME_QUALIFIERS - {"旧", "古"}
#: 'inside', written between a town and a street of it ('X镇内王府街'); no part of the street's name, but for a ring
#: road's ('内环路').
_INSIDE, _RING = "内", "内环"
#: characters before a unit's class word that make it a pronoun's or a count's ('全旗', '我旗', '两县', '各旗').
_DETERMINER_CHARS = frozenset("全各我该本每两三四五六七八九十几多个诸其此")
#: characters before a unit's class word that rank it by what it has much of, a kind of unit ('产粮大县',
#: '工业强旗', '文化名县').
_RANK_CHARS = frozenset("大强富名")


def _may_end_a_name(text: str, suffix: str, s_start: int, s_end: int) -> bool:
    """A cheap test, before the segmenter is asked, that a one-character class word (山, 岭, 旗, 县) can end a
    name here: a name character before it; for a unit's class word, no determiner, count or rank before it and
    no word it starts after it ('县城', '县域', '旗下', '旗县区')."""
    before = text[s_start - 1 : s_start]
    if not before or not is_han(before) or before in STEM_BREAKS or before in CORRIDOR_BREAKS:
        return False
    if suffix not in UNIT_CLASS_WORDS:
        return True
    after = text[s_end : s_end + 1]
    return (
        before not in _DETERMINER_CHARS
        and before not in _RANK_CHARS
        and not (after and (after in "旗县区市盟级域" or known(text[s_start : s_end + 1])))
    )


#: class words of the natural features a sight may be named after ('黄花沟景区': the area of the gully 黄花沟).
_FEATURE_WORDS = ("沟", "湖", "河", "山", "岭", "海子", "淖尔", "泉", "峡谷")


def _names_natural_feature(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, a stem before a sight's class word, is a natural feature's name: a class word
    of one after a stem that names it ('黄花沟', as '月亮湖' does; not '滨河', '城市' alone)."""
    word = next((w for w in _FEATURE_WORDS if text.endswith(w, start, end)), None)
    return word is not None and names_natural_place(text, start, end - len(word), end)


#: scenic class words, longest first (a sight's kind written before another class word: '古城遗址').
_SCENIC_WORDS = tuple(
    sorted((w for w, kind in SUFFIX_TYPES.items() if kind == "scenic"), key=len, reverse=True)
)


def _kind_of_sight_only(text: str, window_start: int, s_start: int) -> bool:
    """Whether the words before a sight's class word at ``s_start`` are a kind of sight and no name before it
    ('金代的古城' + 遗址, '这座王府' + 遗址), not a named one ('元上都古城' + 遗址)."""
    word = next((w for w in _SCENIC_WORDS if text.endswith(w, window_start, s_start)), None)
    if word is None:
        return False
    head_end = s_start - len(word)
    return head_end <= window_start or not holds_name_word(text, window_start, head_end)


def _suffix_applies(text: str, suffix: str, s_end: int) -> bool:
    following = text[s_end] if s_end < len(text) else ""
    if following == "化" and len(suffix) >= 2:
        return False  # '毛乌素沙漠化防治': desertification, not a desert's name
    if following == "群" and SUFFIX_TYPES.get(suffix) in FACILITY_TYPES:
        return False  # '京津冀机场群', '口岸群': a cluster of facilities of a region, no facility's name
    if following == "城" and suffix == "口岸":
        return False  # '口岸城市': a kind of city (a port city), no port's name
    if suffix in _FREE_STANDING and following and following not in _FREE_STANDING[suffix]:
        return False  # '草原文化', '草原生态' describe; '敕勒川草原等' names
    before = text[s_end - len(suffix) - 1] if s_end - len(suffix) >= 1 else ""
    if before and before in _NOT_AFTER.get(suffix, ""):
        return False
    if suffix == "乡":
        # '集江南水乡的灵秀': 乡 ends a common word (水乡, 故乡), no township
        return following not in _XIANG_NEXT and text[s_end - 2 : s_end] not in _XIANG_WORDS
    if suffix == "高速":
        return following not in _GAOSU_NEXT
    if suffix == "沟":
        # '赵宝沟文化': an archaeological culture named after its site, no gully's name
        return following not in _GOU_NEXT and not text.startswith(_CULTURE, s_end)
    if suffix == "火山":
        return not text.startswith(_VOLCANO_KIND_WORDS, s_end)
    if suffix == "河" and text[s_end - 2 : s_end] in _RIVER_WORDS:
        return False  # '滨河景观带', '沿河公路': a word of the river's banks or a kind of river, no name
    if suffix == "河" and text[s_end - 2 : s_end - 1] == "河" and known(text[s_end - 1 : s_end + 1]):
        return False  # '根河河畔': the river 根河 and the word 河畔 (its bank), no river named 根河河
    if suffix in SEGMENTED_CLASS_WORDS:  # '矿山', '山区', '县城', '郡县制度' are words, not a name's end
        return class_word_ends_name(text, s_end - len(suffix), s_end)
    if suffix in WORD_SUFFIXES:  # '思路', '道路', '街区', '港口' are words of their own, not names
        return suffix_word(text, s_end - len(suffix), s_end)
    if suffix == "街道" and following == "路":
        return False  # 'X街道路' reads X街 + 道路 (the road works of a street), not a subdistrict X街道
    if suffix in FARM_SUFFIXES:
        return not following or following not in "村队"  # 'X林场村': a village named after the farm
    if suffix in {"镇", "苏木", "嘎查"}:
        # '镇容镇貌' (the town's look, as 市容市貌): no town's name
        return following not in "村域区街长貌" or suffix == "镇" and following == "区"
    return True


def _stem_window(text: str, s_start: int, kind: str) -> tuple[int, str]:
    """Walk back from a suffix over CJK characters; return the window start and what stopped it (one regex
    match over the at most MAX_STEM characters before the suffix, not a loop over them)."""
    limit = max(0, s_start - MAX_STEM)
    last_break = _LAST_STEM_BREAK.match(text, limit, s_start)
    position = limit if last_break is None else last_break.end()
    if position > limit and text[position - 1] in _NAME_INITIAL_BREAKS and _starts_a_line(text, position - 1):
        # '向阳峪镇' at the start of a line: a function word needs words before it, so this one starts the name
        return position - 1, "line"
    if position > limit:
        if text[position - 1].isdigit() and (date := _DATE_TAIL.match(text, position, s_start)) is not None:
            # '3月6日自土默特旗': the end of a date, and the preposition after it, open no name
            return date.end(), text[date.end() - 1]
        return position, text[position - 1]
    return position, "" if position == 0 or not is_han(text[position - 1]) else "limit"


#: the character ending a date after its number ('6日'), then a preposition of time or place ('日自', '年起于').
_DATE_TAIL = re.compile("[年月日号][起至自从由于在]?")
#: stem breaks that also start names ('向阳', '于家'): at a line's start, where no prose stands before them.
_NAME_INITIAL_BREAKS = frozenset("向于")


_CLOSING_BRACKETS = frozenset("）)")
_OPENING_BRACKETS = frozenset("（(")
#: the longest short form read alone in brackets, in characters.
_BRACKETED_SHORT = 4
#: longest unit written in brackets after a park's leading name ('X（Y）Z产业基地').
_MAX_BRACKETED = 8


def _bracketed_host_park(
    text: str, window_start: int, s_start: int, s_end: int, suffix: str, known_at: dict[int, Mention]
) -> Mention | None:
    """'X（Y）Z产业基地': a place name, its host unit in brackets, then words and a park's class word name one park as
    written (the bracketed unit locates it, or a county-level unit written right before it); None unless a known name stands right before the brackets and a known
    name fills them, and common words (no verb, no break) run from the brackets to the class word."""
    close = window_start - 1
    opening = max(
        text.rfind("（", max(0, close - _MAX_BRACKETED - 1), close),
        text.rfind("(", max(0, close - _MAX_BRACKETED - 1), close),
    )
    if opening < 1:
        return None
    host = known_at.get(opening + 1)
    if host is None or host.end != close or not host.place_ids:
        return None
    head = next((m for m in known_at.values() if m.end == opening and m.place_ids), None)
    if head is None or not is_han(text[window_start]):
        return None
    first = tag(text[window_start:s_start])[:1]
    if after_last_verb(text, window_start, s_start, known_at) != window_start or (
        first and first[0][1] in VERB_FLAGS
    ):
        return None  # a clause after the brackets ('X（Y）召开…'): the places stand alone, no one name
    address = next((m for m in known_at.values() if m.end == head.start and m.place_ids), None)
    if address is not None and all(pid.startswith("banner:") for pid in address.place_ids):
        host = address  # 'X区Y（Z）W产业基地': the county-level unit written before it is the park's address
    return Mention(
        text[head.start : s_end],
        head.start,
        s_end,
        "park",
        f"bracketed:{suffix}",
        (),
        host.surface,
        host.place_ids,
    )


def _town_before_class_word(named: Mention | None, suffix: str) -> Mention | None:
    """``named``, a known form of a township written without its class word, when a township's class word
    (``suffix``) follows it: the two are one name of that township."""
    if (
        named is None
        or SUFFIX_TYPES[suffix] != "town"
        or not named.place_ids
        or not all(pid.startswith("town:") for pid in named.place_ids)
        or named.surface.endswith(suffix)
    ):
        return None
    return named


#: how often jieba's dictionary counts a banner's stem for it to be a common word no clause opens with as the
#: banner ('白云' 389, '青山' 192: clouds, green hills; '东胜' 63, '五原' 97 are the places).
COMMON_STEM_FREQUENCY = 150


#: the dots joining two names into one ('阿尔山·柴河旅游景区': the sights of two places under one name).
NAME_JOINERS = frozenset("·•・")
#: kinds of place named by two places joined with a dot.
_JOINED_KINDS = frozenset({"scenic", "reserve", "wetland"})


def _joined_name(text: str, mention: Mention, known_end: dict[int, Mention]) -> Mention:
    """'A·B旅游景区': a known place A, a dot, then the name B found before a sight's class word is one sight named
    after both, located by A when A is a unit of the region (its address); ``mention`` unchanged otherwise."""
    head = known_end.get(mention.start - 1)
    if mention.type == "town" and head is None:
        return _dotted_township(text, mention)
    if mention.type not in _JOINED_KINDS or head is None:
        return mention
    return Mention(
        text[head.start : mention.end],
        head.start,
        mention.end,
        mention.type,
        f"joined:{mention.rule}",
        (),
        head.surface if _is_area(head) else None,
        head.place_ids if _is_area(head) else (),
    )


#: longest first word of a township's name written with a dot ('莫达木·吉苏木'), in characters.
_DOTTED_HEAD = 8
#: what stands before such a name: a list's separator, a colon, a bracket or a line's start.
_DOTTED_BEFORE = frozenset("、，,：:（(\n")


def _dotted_township(text: str, mention: Mention) -> Mention:
    """'呼布尔·宝力格苏木': a township named by two Mongolian words joined with a dot is one name, the word before
    the dot included, when that word stands alone (after a list's separator, a colon or a line's start); ``mention``
    unchanged otherwise."""
    dot = mention.start - 1
    start = dot
    while start > 0 and dot - start < _DOTTED_HEAD and is_han(text[start - 1]):
        start -= 1
    if dot - start < 2 or (start > 0 and text[start - 1] not in _DOTTED_BEFORE):
        return mention
    start = clause_end(text, start, dot)  # '辖莫达木·…': the verb before the list is no part of the name
    if dot - start < 2:
        return mention
    return Mention(text[start : mention.end], start, mention.end, "town", f"joined:{mention.rule}")


def names_spelling(
    text: str, finder: MentionFinder, prefixes: tuple[str, ...], shortest: int = 2
) -> list[tuple[str, tuple[str, ...]]] | None:
    """``text`` read as names written one after another, each of ``shortest`` characters or more and naming places
    whose ids start with one of ``prefixes``, in the fewest pieces: (name, ids) per piece; None when it cannot be
    so read ('内蒙古赤峰' -> 内蒙古, 赤峰; '通辽白城乌兰浩特' -> 通辽, 白城, 乌兰浩特)."""
    length = len(text)
    # best[i]: the fewest pieces covering text[:i] (None: it cannot be covered), with the pieces
    best: list[list[tuple[str, tuple[str, ...]]] | None] = [[]] + [None] * length
    for end in range(shortest, length + 1):
        for start in range(0, end - shortest + 1):
            before = best[start]
            if before is None or (best[end] is not None and len(best[end]) <= len(before) + 1):
                continue
            ids = tuple(i for i in finder.ids(text[start:end]) if i.startswith(prefixes))
            if ids:
                best[end] = [*before, (text[start:end], ids)]
    return best[length]


def _starts_a_line(text: str, position: int) -> bool:
    """Whether ``position`` starts ``text`` or a line of it."""
    return position == 0 or text[position - 1] == "\n"


def _is_descriptive_park(mention: Mention) -> bool:
    if mention.rule.startswith("subpark:"):
        return True
    if not mention.surface.endswith(SUBPARK_SUFFIXES):
        return False
    suffix = next((x for x in SUBPARK_SUFFIXES if mention.surface.endswith(x)), None)
    return suffix is not None and is_generic(mention.surface[: -len(suffix)])


def _subparks(text: str, mentions: list[Mention]) -> list[Mention]:
    """Keep a descriptive park name ('装备制造产业园', '新能源产业园') only as a sub-park of a named zone written
    right before it ('X高新技术产业开发区装备制造产业园'); drop it elsewhere: '…开发区。打造装备制造产业园' plans a
    kind of park, not a named one (the annotation guide takes parks with a proper name)."""
    kept: list[Mention] = []
    zone: Mention | None = None
    for mention in mentions:
        if _is_descriptive_park(mention):
            if zone is not None and zone.end == mention.start:
                kept.append(
                    replace(
                        mention,
                        type="park",
                        rule=f"subpark-of:{zone.surface}",
                        qualifier=zone.surface,
                        qualifier_ids=zone.place_ids or zone.qualifier_ids,
                    )
                )
            continue
        if mention.type == "park" or mention.surface.endswith(PARK_ZONE_SUFFIXES):
            zone = mention
        kept.append(mention)
    return kept


#: kinds and id prefixes of water works named after the river they stand on ('黄河X水利枢纽').
_RIVER_WORK_TYPES = frozenset({"dam", "reservoir"})
_RIVER_WORK_IDS = ("dam:", "reservoir:")


#: kinds of natural place whose name a size word may open as a place of its own ('小腾格里沙地', '大乌里雅斯台沟'
#: beside '小乌里雅斯台沟'), by their ids' prefixes for a bare gazetteer name.
_SIZED_KINDS = frozenset({"river", "lake", "mountain", "desert", "sandy_land", "wetland"})
#: size words opening such a name.
_SIZE_WORDS = frozenset("大小")
#: what a name stands after where the size word before it opens the name, not a phrase ('为小X', '、大X', '~小X');
#: after any other word the size word may end it ('最大X', '较小X').
_BEFORE_SIZED_NAME = frozenset('、，,。；;：:~～—－-（(“"‘《 \t的为在和与及至到是有')


def _size_prefixed(text: str, mention: Mention, ids: Callable[[str], tuple[str, ...]]) -> Mention:
    """A natural place's name right after 大 or 小 that opens a phrase ('南部为小腾格里沙地', '、小扎格斯台淖尔'):
    the size word opens the name of another place (the small desert beside the great one), one mention; the
    name read first stays its qualifier (see resolve's named-inside rule), no longer the place itself."""
    start = mention.start
    if start < 1 or text[start - 1] not in _SIZE_WORDS or mention.surface[:1] in _SIZE_WORDS:
        return mention
    if start >= 2 and text[start - 2] not in _BEFORE_SIZED_NAME:
        return mention
    kind = mention.type or _kind_of_ids(mention.place_ids)
    if kind not in _SIZED_KINDS or len(mention.surface) < 2:
        return mention
    surface = text[start - 1 : mention.end]
    return Mention(
        surface,
        start - 1,
        mention.end,
        kind,
        mention.rule,
        ids(surface),
        mention.qualifier or mention.surface,
        mention.qualifier_ids or mention.place_ids,
    )


def _kind_of_ids(place_ids: tuple[str, ...]) -> str | None:
    """The one kind a bare gazetteer name's places share (by their ids' prefixes), or None."""
    kinds = {pid.split(":", 1)[0] for pid in place_ids}
    return kinds.pop() if len(kinds) == 1 else None


def _river_prefixed(mentions: list[Mention]) -> list[Mention]:
    """A river's name written right before a dam or reservoir on it ('黄河X水利枢纽') is part of the one outermost
    name (the annotation guide's nested names), not a mention of the river: the work keeps its records, the
    river becomes its qualifier."""
    return merged_with_prefix(mentions, _work_on_river)


def _work_on_river(river: Mention, mention: Mention) -> bool:
    return bool(
        river.type is None
        and river.place_ids
        and all(pid.startswith("river:") for pid in river.place_ids)
        and (
            mention.type in _RIVER_WORK_TYPES
            or (mention.place_ids and all(pid.startswith(_RIVER_WORK_IDS) for pid in mention.place_ids))
        )
    )


def leftmost_longest(spans: Iterable[SpanT]) -> list[SpanT]:
    """The spans (anything with ``start``/``end``) that do not overlap, chosen left to right, the longest
    first where several start together."""
    chosen: list[SpanT] = []
    last_end = -1
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start >= last_end:
            chosen.append(span)
            last_end = span.end
    return chosen


#: rules of feature mentions that take the place of a suffix name of the same span.
_OVERRIDING_FEATURE_RULES = frozenset({"spur", "former-unit"})


#: kinds of protected areas named by a name, then the words of what they keep ('X湿地水禽自然保护区').
_DESCRIBED_KINDS = frozenset({"reserve", "wetland"})
#: what a reserve keeps, written between its name and its class word.
_RESERVE_DESCRIPTORS = re.compile(
    r"(?:湿地|水禽|鸟类|珍禽|候鸟|森林|草原|草甸|荒漠|沙地|野生动植物|野生动物|野生植物|动植物|珍稀|濒危|地质遗迹"
    r"|古生物化石|生态系统|水源涵养|胡杨林?|梭梭林?|樟子松林?|[和与及、]"
    # a rank between the name and what it keeps ('七道桥自治区级胡杨林保护区')
    r"|国家级|自治区级|省级|市级|盟级|旗级|县级)+$"
)
#: part-of-speech flags of words that say where or which (区内, 该区, 旗内), never a reserve's name.
_NO_NAME_FLAGS = frozenset("sfr")
#: the length of a reserve's own name before its descriptors, in characters.
_RESERVE_NAME_MIN, _RESERVE_NAME_MAX = 2, 4


def _named_before_descriptors(stem: str) -> bool:
    """Whether ``stem`` is a name of two to four characters followed by the words of what a reserve keeps
    ('荷叶花湿地水禽'); not a kind of reserve ('湿地水禽', '各类湿地') nor where or which ('区内湿地', '全旗湿地')."""
    descriptors = _RESERVE_DESCRIPTORS.search(stem)
    if descriptors is None or descriptors.start() == 0 or stem[descriptors.start()] in "和与及、":
        return False
    name = stem[: descriptors.start()]
    return (
        _RESERVE_NAME_MIN <= len(name) <= _RESERVE_NAME_MAX
        and is_proper_stem(name)
        and not is_generic(name)
        and name[0] not in _DETERMINERS
        and not any(flag[:1] in _NO_NAME_FLAGS for _, flag in tag(name))
    )


#: the class word of a commandery of the empires (秦, 汉 …).
_COMMANDERY_WORD = "郡"
#: a commandery after a verb of setting up, belonging or renaming, or in a list: '设九原郡', '属北地郡',
#: '改称五原郡', '、代郡'.
_COMMANDERY = re.compile(
    r"(?:(?<=[置设属为归隶])|(?<=改称)|(?<=[、，,]))(?P<name>[\u4e00-\u9fff]{1,2})郡(?![县守主治城])"
)
#: the class words of a street.
_STREET_CLASS = "(?:大街|大道|路|街|巷)"
#: a street after a list mark, ended by a mark, a list's end (的, 等) or the next item (streets are named by two
#: to five characters: '麦新路', '环城东路', '新开大街').
_LISTED_STREET = re.compile(rf"[\u3400-\u9fff]{{2,5}}?{_STREET_CLASS}(?=[、和及与，,。；;的等\s）)]|$)")
#: the last street of a list, which runs on into the sentence ('曙光路油路翻修').
_LAST_STREET = re.compile(rf"[\u3400-\u9fff]{{2,3}}?{_STREET_CLASS}")
#: a street's class word ending a text.
_STREET_CLASS_END = re.compile(f"{_STREET_CLASS}$")
#: the rule of a street read from a list of streets (see _listed_streets).
LISTED_STREET_RULE = "list:street"
#: the fewest streets a list holds to be read as streets by their names alone.
_FEWEST_STREETS = 3
#: words of a kind of road, not a street's name, before a road's class word ('主干路、次干路', '背街小巷').
_ROAD_KIND_STEMS = frozenset(
    {
        "快速",
        "主干",
        "次干",
        "支",
        "城市",
        "乡村",
        "农村",
        "背街小",
        "背街",
        "步行",
        "商业",
        "景观",
        "旅游",
        "产业",
        "园区",
        "连接",
        "断头",
        "进出",
        "绕城",
        "通村",
        "通乡",
        "通组",
        "入户",
        "村组",
        "出口",
        "进口",
        "沿河",
        "滨河",
    }
)
#: characters ending a stem that makes no street ('丝绸之路', '高速公路', '铁路', '马路', '网路', '线路').
_NOT_STREET_ENDS = frozenset("之公铁马网线道水电气思出门套通")


def _street_stem_ok(stem: str) -> bool:
    """Whether ``stem`` may name a street of a list: no kind of road, no line ('丝绸之', '高速公'), no number."""
    return (
        stem not in _ROAD_KIND_STEMS
        and stem[-1] not in _NOT_STREET_ENDS
        and not any(char.isdigit() for char in stem)
    )


def _listed_streets(text: str) -> list[Mention]:
    """Streets named by common words in a list of three or more streets ('民族路、麦新路、环城东路、新开大街的拓宽',
    '新华街、东风街、团结路、曙光路油路翻修'): the list says they are streets, though each name alone reads as a
    word (民族, 团结); a list of kinds of road ('快速路、主干路、次干路') or of lines ('丝绸之路') names none."""
    found: list[Mention] = []
    items: list[tuple[int, int]] = []
    for joiner in re.finditer("[、和及与]", text):
        after = joiner.end()
        match = _LISTED_STREET.match(text, after) or _LAST_STREET.match(text, after)
        if match is None:
            continue
        stem = _STREET_CLASS_END.sub("", match.group())
        if _street_stem_ok(stem):
            items.append((after, match.end()))
    # the first item of each chain: the words before its joiner, back to a verb or a function word
    chains: list[list[tuple[int, int]]] = []
    for start, end in items:
        if chains and chains[-1][-1][1] + 1 == start:
            chains[-1].append((start, end))
        else:
            chains.append([(start, end)])
    for chain in chains:
        first_end = chain[0][0] - 1
        match = _STREET_CLASS_END.search(text, max(0, first_end - 8), first_end)
        if match is not None:
            words = tag(text[max(0, first_end - 8) : first_end - len(match.group())])
            stem = ""
            for word, flag in reversed(words):
                if flag[:1] in "vpdcur" or len(stem) + len(word) > 5:
                    break
                stem = word + stem
            if len(stem) >= 2 and _street_stem_ok(stem):
                chain.insert(0, (first_end - len(match.group()) - len(stem), first_end))
        if len(chain) >= _FEWEST_STREETS:
            found.extend(Mention(text[a:b], a, b, "street", LISTED_STREET_RULE, ()) for a, b in chain)
    return found


def _one_word(text: str) -> bool:
    """Whether the segmenter reads ``text`` as one word."""
    return len(tag(text)) == 1


#: the rule of a road named by two initials and 线 ('热阿线', see MentionFinder._initials_roads).
INITIALS_ROAD_RULE = "initials:线"
#: words of a sentence that speaks of roads, so that a line named by two initials in it is a road ('热阿线').
_ROAD_WORDS = ("公路", "自驾", "国道", "省道")
#: characters ending what precedes 线 in no road's name ('一号线', '两条线').
_NOT_INITIALS = frozenset("号条段的")
#: function characters, never an initial of a place ('的旁线').
_FUNCTION_CHARS = frozenset("的是和在了与及或为以将把被从向对这那")
#: a township's office: a list of offices names a unit's subdistricts (see MentionFinder._division_offices).
OFFICE_WORD = "办事处"
#: the length of an office's name, in characters (a subdistrict in full, 'X街道', is a class-word name).
_OFFICE_NAME_MIN, _OFFICE_NAME_MAX = 2, 5
#: what may stand right before an office's name: a list mark, a clause mark, a colon, a bracket, a space.
_OFFICE_ITEM_OPENERS = frozenset("、，,：:；;。（( \n\t")
#: a liaison office of a government elsewhere ('驻京办事处', '驻呼办事处'), no subdistrict.
_LIAISON_MARKS = ("驻",)
#: last characters of a body's name, whose office is no subdistrict's ('管委会办事处', '政府办事处', '林业局办事处').
_NOT_OFFICE_NAME_ENDS = tuple("会府局委部厅处站所院司队组室办")
#: verbs opening the list of a unit's divisions ('X市下设A街道办事处、B街道办事处', '将X镇变更为X街道办事处'), and how
#: far back in its clause one is read.
DIVISION_VERBS = ("下设", "下辖", "辖", "设有", "变更为", "改为", "改设", "设立")
DIVISION_REACH = 80


def opens_with_division_verb(text: str, start: int) -> bool:
    """Whether the clause holding ``start`` has a verb of a unit's divisions before it (DIVISION_VERBS)."""
    low = max(0, start - DIVISION_REACH)
    clause_start = max(text.rfind(mark, low, start) for mark in "。；;\n") + 1
    return any(verb in text[max(low, clause_start) : start] for verb in DIVISION_VERBS)


def _joined_offices(text: str, office: int, next_start: int) -> bool:
    """Whether the office word at ``office`` is joined to the name starting at ``next_start`` by one list mark."""
    return next_start - (office + len(OFFICE_WORD)) == 1 and text[next_start - 1] in ITEM_JOINERS


def merge_mentions(known: list[Mention], found: list[Mention]) -> list[Mention]:
    """Merge gazetteer and suffix mentions: a suffix name replaces the gazetteer names it contains."""
    chosen = leftmost_longest(found)
    spans = [(m.start, m.end) for m in chosen]
    result = list(chosen)

    starts = [s for s, _ in spans]
    for mention in known:
        index = bisect.bisect_right(starts, mention.start) - 1
        if index >= 0 and spans[index][1] > mention.start:
            continue
        if index + 1 < len(spans) and spans[index + 1][0] < mention.end:
            continue
        result.append(mention)
    result.sort(key=attrgetter("start"))
    return result


def mentions_by_surface(mentions: Iterable[Mention]) -> Mapping[str, list[Mention]]:
    """Group mentions by surface form, keeping order."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.surface, []).append(mention)
    return grouped


def _one_common_word(stem: str) -> bool:
    """Whether ``stem`` is one common dictionary word, no name ('隔音', '淡水')."""
    words = tag(stem)
    return len(words) == 1 and words[0][1] not in NAME_FLAGS and known(stem)


#: kinds of land and water an activity works on ('沙漠旅游', '草原保护').
LAND_KINDS = frozenset({"desert", "sandy_land", "grassland", "wetland", "lake", "river"})
#: areas wide enough to hold land of a kind ('阿拉善沙漠旅游'); a town's name before a class word names a feature
#: after the town ('那吉屯山洪沟防洪治理').
WIDE_AREA_PREFIXES = ("province:", "league:", "banner:", "region:")
#: characters read after a class word to see what follows it.
CONTEXT_AFTER = 4


#: words of a trip or a tour right after a land's class word ('沙漠之旅', '草原游').
_TRIP_WORDS = ("之旅", "游")


def _activity_follows(text: str, end: int) -> bool:
    """Whether a verbal noun follows ``end`` ('…沙漠旅游', '…草原保护'): the class word before it says what the
    activity works on."""
    if text.startswith(_TRIP_WORDS, end):
        return True  # '库伦旗沙漠之旅': a trip to the area's desert
    words = tag(text[end : end + CONTEXT_AFTER])
    return bool(words) and words[0][1] == "vn"


#: flags of nouns and names: one right after a mountain's name makes the name a modifier ('X山戈壁', 'X山水泥厂').
_NOUN_FLAGS = frozenset({"n", "nr", "nrt", "nz", "nt"})
#: nouns of a place's own state or surroundings: the place stands before them ('X山生态', 'X山地区', 'X山周边').
_ASPECT_NOUNS = frozenset({"生态", "生态环境", "生态系统", "植被", "地区", "区域", "一带", "周边", "腹地"})


def _noun_follows(text: str, end: int) -> bool:
    """Whether a noun of two or more characters follows ``end``: the name before it qualifies what the noun names
    (a desert named after a mountain, a works named after it), it is no mention of its own there; a noun of the
    place's own state or surroundings ('X山生态保护', 'X山地区') leaves it a mention."""
    words = tag(text[end : end + CONTEXT_AFTER])
    return (
        bool(words)
        and len(words[0][0]) >= 2
        and words[0][1] in _NOUN_FLAGS
        and words[0][0] not in _ASPECT_NOUNS
    )


def _holds_verb(stem: str) -> bool:
    """Whether ``stem`` holds a dictionary verb beside other words ('整建制并入邻'; not '前进', a town's whole name)."""
    words = tag(stem)
    return len(words) > 1 and any(
        flag in VERB_FLAGS and len(word) >= 2 and known(word) for word, flag in words
    )
