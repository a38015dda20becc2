"""Find place mentions in plan text: gazetteer names in one Aho-Corasick pass plus suffix rules.

Two sources of mentions, merged into one non-overlapping, left-to-right list:

* **gazetteer** — every name and alias of the gazetteer (``Gazetteer.names()``) matched in a single
  pyahocorasick pass, longest-leftmost;
* **suffix** — proper names the gazetteer lacks, recognised by the suffix that gives their type
  (…镇, …苏木, …口岸, …开发区, …机场, …沙漠, …水库 …).  The stem before the suffix is cut at punctuation and
  function words, starts at the first gazetteer name inside it when there is one, else loses its leading
  verbs and modifiers (推进, 加快, 依托 …).  A stem made only of generic words ('工业园区', '苏木镇', '城乡')
  is not a place.

Shared-suffix enumerations ('乌兰布和、巴音温都尔沙漠') give one mention per item when the gazetteer knows the
item with that suffix.  Everything here is pure string work; resolution lives in :mod:`geoplan.geocode.resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

import ahocorasick

#: suffix -> implied place type, longest first (the regex alternation relies on that order).
SUFFIX_TYPES: dict[str, str] = {
    "高新技术产业开发区": "park",
    "经济技术开发区": "park",
    "边境经济合作区": "park",
    "跨境旅游合作区": "park",
    "国家级自然保护区": "reserve",
    "自然保护区": "reserve",
    "综合保税区": "park",
    "经济开发区": "park",
    "经济合作区": "park",
    "工业园区": "park",
    "产业园区": "park",
    "物流园区": "park",
    "高速公路": "road",
    "城际铁路": "railway",
    "国家公园": "national_park",
    "保税区": "park",
    "开发区": "park",
    "合作区": "park",
    "产业园": "park",
    "产业区": "park",
    "物流园": "park",
    "保护区": "reserve",
    "火车站": "station",
    "故居": "scenic",
    "草原": "grassland",
    "园区": "park",
    "特色小镇": "scenic",
    "小镇": "scenic",
    "苏木镇": "town",
    "苏木": "town",
    "街道": "town",
    "嘎查": "village",
    "口岸": "port",
    "机场": "airport",
    "铁路": "railway",
    "高铁": "railway",
    "公路": "road",
    "高速": "road",
    "沙漠": "desert",
    "沙地": "sandy_land",
    "水库": "reservoir",
    "海子": "lake",
    "淖尔": "lake",
    "湿地": "wetland",
    "镇": "town",
    "乡": "town",
    "湖": "lake",
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
#: id prefixes of places outside the region (neighbouring counties and cities).
OUTSIDE_ID_PREFIXES = ("neighbour:",)
#: words that may directly follow a place name ('宁东高速', '承德方向').
NAME_FOLLOWERS = ("高速", "铁路", "公路", "高铁", "机场", "口岸", "方向", "地区", "一带", "段", "经")
#: stems that are street or ethnic words, not names of their own ('人民路' of 人民路街道, '…民族' of 民族乡).
_NOT_SHORT_ENDINGS = ("路", "街", "道", "城区", "族", "自治")

#: suffixes of parks that plans also use descriptively ('装备制造产业园'), and of the zones they belong to.
SUBPARK_SUFFIXES = ("产业园区", "物流园区", "产业园", "物流园", "园区")
SUBPARK_VERBS = ("打造", "建设", "建成", "新建", "培育")
PARK_ZONE_SUFFIXES = ("开发区", "合作区", "保税区", "工业园区")

#: the characters of a stem (CJK ideographs); anything else ends it.
_HAN = re.compile(r"[\u3400-\u9fff]")
#: characters that end a stem when walking back from a suffix (function words, list markers).
STEM_BREAKS = frozenset("的、与及或了着等于对将把被从向为是以")
#: corridor connectors: a road/railway stem behind one of these belongs to a corridor (see corridors.py).
CORRIDOR_BREAKS = frozenset("至到—－-~～")
#: longest stem kept before a suffix, in characters.
MAX_STEM = 14

#: verbs and modifiers trimmed from the front of a stem (longest first when applied).
LEADING_WORDS: tuple[str, ...] = tuple(
    sorted(
        """推进 加快 建设 打造 依托 支持 推动 提升 新建 改建 扩建 改扩建 实施 完善 强化 创建 争创 积极 着力 重点
        加强 做强 做大 做优 发挥 培育 发展 谋划 启动 开展 鼓励 引导 优化 围绕 聚焦 深化 全面 持续 大力 加大 形成
        构建 布局 规划 研究 争取 申报 筹建 共建 联合 对接 融入 服务 带动 辐射 连接 串联 贯通 开通 通往 延伸 升级
        改造 整合 统筹 用好 释放 进一步 力争 加速 推进建设 依靠 利用 借助 联动 协同 建成 落实 完成 保障 加紧 稳步
        有序 适时 全力 继续 结合 包括 其中 例如 即 如 以 在 及 同 经 沿 由 入 进 出 向 往 把 让 使 给 将
        个 年 条 座 家 处 项 所 类 批 各 每 还 不 对 于 到 线 号 建 覆盖 保护 修复 治理 恢复 严格 严禁 坚持 坚决 管理 控制
        举办 参与 主动 深度 挖掘 充分 发掘 涵盖 覆盖 配合 探索 健全 巩固 保持 维护 拓宽 拓展 扶持 吸引 帮助 填补
        增强 增加 扩展 推广 抓好 做好 用好 办好 管好 依法 切实 全力 努力 致力 大幅 逐步 合理 科学 集中 协调 规范
        实现 成为 作为 建立 设立 成立 设置 配套 提高 扩大 拓展 申建 新增 已 加 促进 优先 率先 打赢 瞄准 明确 理顺 编制
        预留 防止 直供 扩容提质 提质 开拓 制定 取缔 非法 划定 抓 促 相关 纳入 探索 直达 联通 衔接 对标 接入 改善 按照 工程 源头 依据 根据 通过 抵边 推广 晋升 升格 打通 畅通""".split(),
        key=len,
        reverse=True,
    )
)

#: words that say what kind of place something is, not which one; a stem made only of these is generic.
GENERIC_WORDS: tuple[str, ...] = tuple(
    sorted(
        """工业 产业 物流 经济 技术 高新 开发 综合 现代 农业 牧业 农牧业 特色 新型 重点 各类 各级 国家级 自治区级
        国家 自治区 省级 市级 盟级 旗级 县级 一级 二级 三级 四级 高等级 高速 干线 支线 专用 通用 民用 国际 跨境 边境
        沿边 农村 牧区 城乡 城 乡 村 苏木 乡镇 城镇 小 名 大 绿色 生态 文化 旅游 创意 示范 零碳 低碳 数字 智慧
        化工 加工 园 泛 主要 周边 本地 全区 全盟 全旗 全市 全国 各 该 此 其 这 那 一批 一个 多个 以上 以下 城市 中心
        新 老 大型 中型 小型 行政 嘎查 嘎查村 口岸 铁路 公路 保税 合作 开发区 工业园 园区 产业园 最美 美丽 特大
        骨干 枢纽 区域 区 地方 县 旗 市 盟 省 本 我 全 同 沿线 沿黄 沿河 重要 核心 主干 快速 普通 国省 省道 国道
        县道 乡道 镇 小镇 乡村 村镇 集镇 建制 中 东 西 南 北 内 外 上 下 湿 人工 天然 自然 水 库 湖 沙 沙漠 地
        河 湖泊 示范区 试验 实验 创新 科技 高端 先进 清洁 能源 新能源 储能 物资 商贸 电商 空港 航空 临空 陆港
        承接 转移 特色小 农畜产品 配套 服务 集中 集聚 双边 边民 互市 贸易 加工区 功能 保护 红色 水源 饮用
        山水林田 文旅 城郊 国内 人力资源 全球 河流 旗区 城际 供销社 老旧 两大 自然村 硬化路 通硬化路 卫生 景观 高水平 边远 抵边 偏远 常住人口 户籍人口 人口 山前 山后 高质量 电子 小时 精品 康养 休闲 能源 资源 交通 客运
        货运 网 线 专业 重载 补充 一轮 乳制品 养殖 制醇 超硬 材料 创业 就业 观光 食品 文创 工矿 智能 科创 产教 装备
        制造 轻纺 人工智能 冷链 设施 应用 扶贫 乳业 民族 团结 教育 健康 养老 果蔬 有机 饲草料 肉苁蓉 生产 红驼 戈壁
        手工艺 精深 残疾人 煤电 数据 要素 运维 低空 应急 专精特新 仓储 非遗 民俗 风情 创业园 高标准 万亩 农田 水源
        濒危 珍稀 植物 动物 荒漠 林草 封禁 森林 滩涂 盐碱 丘间 沿岸 改良 病险 绕城 观光 采摘 种植 育种 繁育 生物
        医药 光伏 风电 氢能 煤化工 冶金 硅 铝 铜 稀土 陶瓷 金融 马术 运动 体育 会展 总部 双创 孵化 研发 检验 检测 文明 书香 人文 地区 县域 旗域 市域 盟域 首府 辖区 全域 周边地区 返 入 进""".split(),
        key=len,
        reverse=True,
    )
)

#: surface forms never taken for places, whatever the gazetteer says (homographs of common words).
STOP_WORDS: frozenset[str] = frozenset(
    """合作 安宁 城区 新城 城关 中心 和平 团结 胜利 前进 红星 友谊 建设 新华 新村 东方 长安 光明 振兴 开发
    民族 复兴 繁荣 幸福 和谐 文明 富民 兴安 吉祥 太平 永安 长青 平安 文化 东风 新兴 向阳 朝阳 解放 工业 农业
    河南 河北 南部 北部 东部 西部 中部 山东 西山 东山 南山 北山 新区 开发区 高新区 工业园区 苏木镇
    城乡 城镇 乡镇 嘎查村 成吉思汗 口岸 机场 铁路 公路 高速 沙漠 沙地 水库 园区 产业园 保护区""".split()
)

#: verbs that end a stem when they occur inside it (the name starts after the last one).
INNER_VERBS: tuple[str, ...] = tuple(word for word in LEADING_WORDS if len(word) >= 2)
#: characters rare in proper names but common in the prose around them (counters, function words).
#: counters and amounts: never the first or last character of a name ('个乡镇', '亿元园区').
COUNTER_CHARS = frozenset("个亿元万年条座家处项")
IMPROPER_CHARS = frozenset("的批强化性点级类型各每些所有不没立进出事聚带等符合以上下我此该这那病险时")
#: a 和 preceded by one of these is inside a name (呼和浩特, 乌兰布和), not a conjunction.
_HE_NAME_BEFORE = frozenset("呼布")

_GENERIC_SET = frozenset(GENERIC_WORDS)
_ZONE_RE = re.compile("|".join(map(re.escape, PARK_ZONE_SUFFIXES)))
_LEADING_RE = re.compile("(?:{})*".format("|".join(map(re.escape, LEADING_WORDS))))
_INNER_VERB_RE = re.compile("|".join(map(re.escape, INNER_VERBS)))
_GENERIC_ALT = "|".join(map(re.escape, GENERIC_WORDS))
_GENERIC_LONG_ALT = "|".join(re.escape(w) for w in GENERIC_WORDS if len(w) > 1)
_GENERIC_HEAD = re.compile(f"(?:{_GENERIC_ALT})")
_GENERIC_TAIL = re.compile(f"(?:{_GENERIC_ALT})$")
_GENERIC_HEAD_LONG = re.compile(f"(?:{_GENERIC_LONG_ALT})")
_GENERIC_TAIL_LONG = re.compile(f"(?:{_GENERIC_LONG_ALT})$")
_SUFFIX_RE = re.compile("|".join(map(re.escape, SUFFIX_TYPES)))
#: words a 乡 never ends (城乡, 乡村 …): the next character must not make 乡 part of a word.
_XIANG_NEXT = frozenset("村镇土风愁贤情亲里音野间邻")
#: a suffix right after one of these is part of a common word (城镇, 城乡, 河湖 …), not a name.
_NOT_AFTER: dict[str, str] = {
    "镇": "城乡村集小名强点重镇入进聚",
    "乡": "城返入下促还回家故同老",
    "湖": "河田还垦",
}
#: types whose names the gazetteer must anchor (a known place inside the name), else they are descriptions.
NEEDS_QUALIFIER = frozenset({"wetland", "reserve", "national_park", "grassland"})
#: suffixes that end a name only when nothing but punctuation or a function word follows (敕勒川草原等).
_FREE_STANDING = {"草原": "等、，。；和及与的"}
#: types named by short abbreviations when unanchored (集二铁路, 包兰铁路): the core is at most this long.
ABBREVIATED_MAX = {"railway": 4, "road": 4}
#: a 高速 that is not a road (高速发展 …) is followed by one of these.
_GAOSU_NEXT = frozenset("发增度率宽运成化")


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


SpanT = TypeVar("SpanT", bound=_Span)


@dataclass(frozen=True)
class Mention:
    """A place name found in text (offsets are half-open ``[start, end)`` into the text searched)."""

    surface: str
    start: int
    end: int
    type: str | None  # the type the suffix implies (None for a bare gazetteer name)
    rule: str  # 'gazetteer' | 'suffix:<suffix>' | 'enumeration:<suffix>'
    place_ids: tuple[str, ...] = ()  # gazetteer ids whose name or alias is exactly ``surface``
    qualifier: str | None = (
        None  # leading gazetteer name inside a suffix name ('鄂尔多斯' in '鄂尔多斯综合保税区')
    )
    qualifier_ids: tuple[str, ...] = ()


@dataclass
class MentionFinder:
    """One Aho-Corasick automaton over the gazetteer's names, plus the suffix rules.

    Build it once per gazetteer (``MentionFinder(gz.names())``) and call :meth:`find` per text.
    """

    names: Iterable[tuple[str, str]] = ()
    stop_words: frozenset[str] = STOP_WORDS
    _ids: dict[str, tuple[str, ...]] = field(init=False, default_factory=dict)
    _automaton: ahocorasick.Automaton = field(init=False)
    _short: dict[str, tuple[str, ...]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        ids: dict[str, list[str]] = {}
        for surface, place_id in self.names:
            surface = surface.strip()
            if len(surface) < 2 or surface in self.stop_words:
                continue
            ids.setdefault(surface, []).append(place_id)
        self._ids = {surface: tuple(dict.fromkeys(values)) for surface, values in ids.items()}
        automaton = ahocorasick.Automaton()
        for surface in self._ids:
            automaton.add_word(_as_bytes(surface), surface)
        if self._ids:
            automaton.make_automaton()
        self._automaton = automaton
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
                    and not (suffix in ("街道", "乡") and stem.endswith(_NOT_SHORT_ENDINGS))
                ):
                    short.setdefault(stem, []).extend(place_ids)
        self._short = {
            stem: unique
            for stem, values in short.items()
            if stem not in self._ids and len(unique := tuple(dict.fromkeys(values))) <= MAX_SHORT_PLACES
        }
        for stem in self._short:
            if len(stem) >= MIN_SHORT_IN_TEXT:  # '十二连城' (乡), '树林召' (镇): found in running text too
                automaton.add_word(_as_bytes(stem), stem)
        if self._short:
            automaton.make_automaton()

    @classmethod
    def from_gazetteer(cls, gazetteer: object) -> MentionFinder:
        """A finder over every name and alias of ``gazetteer`` (anything with ``names()``)."""
        return cls(gazetteer.names())  # type: ignore[attr-defined]

    def _short_prefix(self, stem: str) -> str | None:
        """The longest short form of a town/sumu ('棋盘井' for 棋盘井镇) that starts ``stem``."""
        for length in range(len(stem), 1, -1):
            if stem[:length] in self._short:
                return stem[:length]
        return None

    def ids(self, surface: str) -> tuple[str, ...]:
        """Gazetteer ids for an exact surface form (empty when unknown)."""
        return self._ids.get(surface, ())

    def ids_or_short(self, surface: str) -> tuple[str, ...]:
        """Ids for ``surface``, else for the places it is a short form of ('锡尼' -> 锡尼镇, '东胜' -> 东胜区)."""
        found = self._ids.get(surface) or self._short.get(surface)
        if found:
            return found
        for suffix in COMPLETING_SUFFIXES:
            if surface + suffix in self._ids:
                return self._ids[surface + suffix]
        return ()

    def find(self, text: str) -> list[Mention]:
        """Every place mention in ``text``, left to right, non-overlapping."""
        known = self._gazetteer_matches(text)
        found = self._suffix_matches(text, known)
        return _subparks(text, merge_mentions(known, found))

    # -- gazetteer pass -------------------------------------------------------------------------------
    def _gazetteer_matches(self, text: str) -> list[Mention]:
        if not self._ids:
            return []
        # The automaton runs over UTF-8 bytes (seen as Latin-1 characters): pyahocorasick walks a byte trie
        # several times faster than a trie of thousands of CJK characters; matches map back to characters.
        data = text.encode("utf-8")
        ascii_only = len(data) == len(text)
        hits = []
        byte_done = char_done = 0  # hits come in order of their end: count characters as we go
        for byte_end, surface in self._automaton.iter(data.decode("latin-1")):
            if ascii_only:
                end = byte_end + 1
            else:  # a match ends a character, so the bytes up to it decode whole
                char_done += len(data[byte_done : byte_end + 1].decode("utf-8"))
                byte_done = byte_end + 1
                end = char_done
            hits.append((end - len(surface), end, surface))
        hits.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
        chosen: list[Mention] = []
        last_end = -1
        for start, end, surface in hits:
            if start < last_end or text.startswith("级", end):
                continue  # overlapped, or an adjective ('自治区级', '盟级')
            if surface in self._ids:
                ids = self._ids[surface]
                if len(surface) == 2 and all(i.startswith(OUTSIDE_ID_PREFIXES) for i in ids):
                    if not _ends_a_name(text, end):
                        continue  # '健康平台' is not 康平, '长治久安' not 长治: a short outside name needs an end
                chosen.append(Mention(surface, start, end, None, "gazetteer", ids))
            elif end == len(text) or text[end] in SHORT_FORM_FOLLOWERS or not _HAN.match(text[end]):
                # a short form ('树林召' for 树林召镇) only where a name can end: '树林召段', '十二连城至'
                chosen.append(Mention(surface, start, end, None, "gazetteer-short", self._short[surface]))
            else:
                continue
            last_end = end
        return chosen

    # -- suffix rules ---------------------------------------------------------------------------------
    def _suffix_matches(self, text: str, known: list[Mention]) -> list[Mention]:
        known_at = {m.start: m for m in known}
        found: list[Mention] = []
        for match in _SUFFIX_RE.finditer(text):
            suffix, s_start, s_end = match.group(), match.start(), match.end()
            if not _suffix_applies(text, suffix, s_end):
                continue
            window_start, stopped_by = _stem_window(text, s_start, SUFFIX_TYPES[suffix])
            if stopped_by in CORRIDOR_BREAKS and SUFFIX_TYPES[suffix] in {"road", "railway"}:
                continue  # 'A至B铁路' is a corridor, not a railway named 'B'
            mention = self._name_in_window(
                text, window_start, s_start, s_end, suffix, known_at, stopped_by == "limit"
            )
            if mention is not None:
                found.append(mention)
                found.extend(self._enumerated(text, window_start, suffix, mention))
        return found

    def _name_in_window(
        self,
        text: str,
        window_start: int,
        s_start: int,
        s_end: int,
        suffix: str,
        known_at: dict[int, Mention],
        truncated: bool = False,
    ) -> Mention | None:
        window_start = after_last_verb(text, window_start, s_start, known_at)
        kind = SUFFIX_TYPES[suffix]
        if kind in {"road", "railway", "park"}:
            # '中蒙经济合作区跨境铁路': a line of a named place, not a line named after it;
            # '…产业开发区轻纺产业园': a park inside a named zone (attached to it by _subparks)
            inner_suffixes = _SUFFIX_RE if kind != "park" else _ZONE_RE
            inner = [m.end() for m in inner_suffixes.finditer(text, window_start, s_start)]
            if inner:
                window_start, truncated = max(window_start, inner[-1]), False
        hits = [hit for p in range(window_start, s_start) if (hit := known_at.get(p)) is not None]
        if any(hit.end >= s_end for hit in hits):
            return None  # the suffix ends a known name ('巴彦淖尔市', '黄河几字湾巴彦淖尔')
        qualifier = next((hit for hit in hits if hit.surface not in _GENERIC_SET), None)
        if truncated and qualifier is None:
            return None  # the window began inside a word: a name cut there would be a fragment
        if qualifier is not None:
            start = qualifier.start
            if qualifier.end == s_end:
                return None  # the whole name is a gazetteer name: keep that mention
            inner = text[qualifier.end : s_end]
            if self.ids(inner):  # '库布其沙漠七星湖': 七星湖 in 库布其沙漠
                return Mention(inner, qualifier.end, s_end, kind, f"suffix:{suffix}", self.ids(inner))
            remainder = text[qualifier.end : s_start]
            if kind in ABBREVIATED_MAX and remainder and is_generic(remainder):
                return None  # '乌拉特后旗农村公路': a kind of road in a place, not a named road
        else:
            start = window_start + leading_trim(text[window_start:s_start])
            stem = text[start:s_start]
            short = self._short_prefix(stem)
            if short:
                qualifier = Mention(short, start, start + len(short), None, "short", self._short[short])
            elif kind == "park" and suffix in SUBPARK_SUFFIXES and is_generic(stem) and len(stem) >= 2:
                if IMPROPER_CHARS.intersection(stem):
                    return None
                # '装备制造产业园' names a sub-park only after a named zone on the same line (see _subparks)
                return Mention(
                    text[start:s_end], start, s_end, "park", f"subpark:{suffix}", self.ids(text[start:s_end])
                )
            elif kind in NEEDS_QUALIFIER or not is_proper_stem(stem):
                return None
            elif kind in ABBREVIATED_MAX and len(core_of(stem)) > ABBREVIATED_MAX[kind]:
                return None
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

    def _enumerated(self, text: str, window_start: int, suffix: str, mention: Mention) -> list[Mention]:
        """'乌兰布和、巴音温都尔沙漠': earlier list items that share the suffix, when the gazetteer knows them."""
        items: list[Mention] = []
        end = mention.start
        while end - 1 >= 0 and text[end - 1] == "、":
            item_end = end - 1
            item_start = item_end
            while (
                item_start > 0
                and _HAN.match(text[item_start - 1])
                and text[item_start - 1] not in STEM_BREAKS
            ):
                item_start -= 1
            stem = text[item_start:item_end]
            stem = stem[leading_trim(stem) :]
            if not stem or _SUFFIX_RE.search(stem):
                break
            ids = self.ids(stem + suffix)
            if not ids:
                break
            start = item_end - len(stem)
            items.append(Mention(stem, start, item_end, SUFFIX_TYPES[suffix], f"enumeration:{suffix}", ids))
            end = start
        return items


def _ends_a_name(text: str, end: int) -> bool:
    """Whether a name can end at ``end``: text end, punctuation, a connector, an admin or line suffix."""
    if end >= len(text) or not _HAN.match(text[end]) or text[end] in SHORT_FORM_FOLLOWERS:
        return True
    return text[end] in "市县区旗盟镇乡港站" or text.startswith(NAME_FOLLOWERS, end)


def _as_bytes(surface: str) -> str:
    """A name as the Latin-1 reading of its UTF-8 bytes (the automaton's alphabet)."""
    return surface.encode("utf-8").decode("latin-1")


def _suffix_applies(text: str, suffix: str, s_end: int) -> bool:
    following = text[s_end] if s_end < len(text) else ""
    if suffix in _FREE_STANDING and following and following not in _FREE_STANDING[suffix]:
        return False  # '草原文化', '草原生态' describe; '敕勒川草原等' names
    before = text[s_end - len(suffix) - 1] if s_end - len(suffix) >= 1 else ""
    if before and before in _NOT_AFTER.get(suffix, ""):
        return False
    if suffix == "乡":
        return following not in _XIANG_NEXT
    if suffix == "高速":
        return following not in _GAOSU_NEXT
    if suffix in {"镇", "苏木", "嘎查"}:
        return following not in "村域区街长" or suffix == "镇" and following == "区"
    return True


def _stem_window(text: str, s_start: int, kind: str) -> tuple[int, str]:
    """Walk back from a suffix over CJK characters; return the window start and what stopped it."""
    position = s_start
    limit = max(0, s_start - MAX_STEM)
    while position > limit:
        char = text[position - 1]
        if char in STEM_BREAKS or char in CORRIDOR_BREAKS or not _HAN.match(char):
            return position, char
        if char == "和" and position >= 2 and text[position - 2] not in _HE_NAME_BEFORE:
            return position, char
        position -= 1
    return position, "" if position == 0 or not _HAN.match(text[position - 1]) else "limit"


def after_last_verb(text: str, window_start: int, s_start: int, known_at: Mapping[int, Mention]) -> int:
    """Move the window start past the last verb inside it ('呼和镇创建绿色果蔬产业园' -> '绿色果蔬产业园')."""
    covered: set[int] = set()
    for position in range(window_start, s_start):
        hit = known_at.get(position)
        if hit is not None:
            covered.update(range(hit.start, hit.end))
    best = window_start
    for match in _INNER_VERB_RE.finditer(text, window_start + 1, s_start):
        if not covered.intersection(range(match.start(), match.end())):
            best = match.end()
    return best


def leading_trim(stem: str) -> int:
    """How many leading characters of ``stem`` are verbs, modifiers or counters to drop (推进, 加快建设 …)."""
    return _LEADING_RE.match(stem).end()  # type: ignore[union-attr]


def core_of(stem: str) -> str:
    """``stem`` without the generic words at its front and back ('专业铁路物流' -> '')."""
    rest = stem
    while rest:
        # a one-character word does not make a two-character name generic ('东胜', '新街')
        head, tail = (
            (_GENERIC_HEAD_LONG, _GENERIC_TAIL_LONG) if len(rest) == 2 else (_GENERIC_HEAD, _GENERIC_TAIL)
        )
        match = head.match(rest) or tail.search(rest)
        if match is None:
            return rest
        rest = rest[: match.start()] + rest[match.end() :]
    return rest


def is_generic(stem: str) -> bool:
    """True when ``stem`` says only what kind of place it is ('工业', '苏木', '新型城' …)."""
    return len(core_of(stem)) < 2


def is_proper_stem(stem: str) -> bool:
    """A stem that can name a place the gazetteer lacks: not generic, no counter/function characters."""
    return (
        2 <= len(core_of(stem))
        and not IMPROPER_CHARS.intersection(stem)
        and stem[0] not in COUNTER_CHARS
        and stem[-1] not in COUNTER_CHARS - {"年"}  # '多松年' is a name
    )


def _is_descriptive_park(mention: Mention) -> bool:
    if mention.rule.startswith("subpark:"):
        return True
    suffix = next((x for x in SUBPARK_SUFFIXES if mention.surface.endswith(x)), None)
    return suffix is not None and is_generic(mention.surface[: -len(suffix)])


def _subparks(text: str, mentions: list[Mention]) -> list[Mention]:
    """Keep a descriptive park name ('装备制造产业园', '新能源产业园') only as a sub-park of a named zone
    mentioned before it on the same line ('鄂尔多斯高新技术产业开发区。打造装备制造产业园'); drop it elsewhere."""
    kept: list[Mention] = []
    zone: Mention | None = None
    for mention in mentions:
        if _is_descriptive_park(mention):
            between = text[zone.end : mention.start] if zone is not None else "\n"
            same_item = "\n" not in between and between.count("。") == between.startswith("。")
            if same_item and (between == "" or between.endswith(SUBPARK_VERBS)):
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


def merge_mentions(known: list[Mention], found: list[Mention]) -> list[Mention]:
    """Merge gazetteer and suffix mentions: a suffix name replaces the gazetteer names it contains."""
    chosen = leftmost_longest(found)
    spans = [(m.start, m.end) for m in chosen]
    result = list(chosen)
    import bisect

    starts = [s for s, _ in spans]
    for mention in known:
        index = bisect.bisect_right(starts, mention.start) - 1
        if index >= 0 and spans[index][1] > mention.start:
            continue
        if index + 1 < len(spans) and spans[index + 1][0] < mention.end:
            continue
        result.append(mention)
    result.sort(key=lambda m: m.start)
    return result


def mentions_by_surface(mentions: Iterable[Mention]) -> Mapping[str, list[Mention]]:
    """Group mentions by surface form, keeping order."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.surface, []).append(mention)
    return grouped
