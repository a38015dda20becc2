"""Sector and action of a project, from its box title, label, name and text.

Sectors are the ids of the membership lists in ``layers/layers.yaml``; the table below maps
keywords to them.  A keyword in the project's name or label weighs most, then the box title,
then the rest of the text; the sector with the highest score wins (table order breaks ties).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import ahocorasick

from geoplan.layers import load_layers

#: sector id -> keywords (regular-expression alternatives), most specific sectors first.
SECTOR_KEYWORDS: dict[str, tuple[str, ...]] = {
    "layout": ("格局", "空间结构", "布局", "一核", "两带", "三轴", "五区", "廊道格局"),
    "railway": ("铁路", "高铁", "动车", "货运网", "专用线", "站场"),
    "road": ("公路", "高速", "国道", "省道", "县道", "道路", "桥梁", "互通", "通道工程", "路网", "大道"),
    "aviation": ("机场", "民航", "通用航空", "航线", "通航", "起降"),
    "port": ("口岸", "陆港", "保税", "口岸建设"),
    "power": ("输电", "变电", "电网", "千伏", "特高压", "外送通道", "配电网", "供电"),
    "pipeline": ("管道", "管线", "输氢", "输气", "天然气管网", "油气"),
    "water": ("水利", "水库", "引水", "供水", "灌区", "节水", "水源", "调水", "水系", "防洪", "水厂", "排水"),
    "logistics": ("物流", "冷链", "仓储", "集散", "配送", "商贸", "流通", "批发", "市场体系"),
    "digital": ("5G", "信息化", "新型基础设施", "数据中心", "光纤", "基站", "网络安全", "千兆", "智慧城市"),
    "transport": ("交通", "公交", "客运", "枢纽", "停车"),
    "digital_economy": (
        "数字经济",
        "数据要素",
        "算力",
        "智算",
        "人工智能",
        "大数据",
        "数字产业",
        "软件",
        "数字化",
    ),
    "energy": (
        "能源",
        "风电",
        "光伏",
        "风光",
        "煤电",
        "火电",
        "热电",
        "储能",
        "抽水蓄能",
        "氢能",
        "制氢",
        "绿电",
        "煤矿",
        "煤炭",
        "发电",
        "新能源",
        "供热",
        "清洁取暖",
        "清洁供暖",
    ),
    "chemicals": ("化工", "煤制", "烯烃", "甲醇", "焦化", "焦炭", "氟化", "氯碱", "硫化", "乙二醇", "化学"),
    "mining": ("矿产", "采选", "探矿", "勘查", "勘探", "找矿", "矿山", "选矿", "矿业"),
    "materials": (
        "新材料",
        "材料",
        "冶炼",
        "冶金",
        "铁合金",
        "有色金属",
        "硅",
        "石墨",
        "碳基",
        "锂",
        "铝",
        "铜",
        "锌",
    ),
    "manufacturing": ("装备制造", "制造", "装备", "机器人", "组装", "生产线", "电解槽"),
    "industry": (
        "工业",
        "园区",
        "产业园",
        "开发区",
        "厂房",
        "产业集群",
        "产业基地",
        "加工",
        "招商",
        "标准化厂房",
    ),
    "innovation": ("科技", "创新", "研发", "实验室", "孵化", "技术攻关", "人才", "院士", "工作站"),
    "services": ("服务业", "家政", "会展", "电商", "金融", "总部", "消费", "商业", "夜经济"),
    "husbandry": (
        "畜牧",
        "肉牛",
        "肉羊",
        "奶牛",
        "奶业",
        "乳",
        "养殖",
        "牧场",
        "草牧",
        "饲草",
        "种畜",
        "驼",
        "马产业",
        "湖羊",
    ),
    "agriculture": (
        "农业",
        "农田",
        "耕地",
        "种植",
        "粮食",
        "种业",
        "育种",
        "马铃薯",
        "农牧业",
        "农产品",
        "设施农",
        "果蔬",
        "农机",
        "蔬菜",
    ),
    "forestry": ("造林", "林草", "防护林", "森林", "林业", "绿化", "经济林", "梭梭", "国土绿化", "三北"),
    "water_ecology": ("湿地", "河湖", "水土流失", "水土保持", "流域治理", "水生态", "河道"),
    "ecology": (
        "生态",
        "沙地",
        "沙漠",
        "防沙",
        "治沙",
        "荒漠",
        "草原保护",
        "草原修复",
        "保护区",
        "保护地",
        "修复",
        "国家公园",
        "自然公园",
        "地质公园",
        "生物多样性",
    ),
    "environment": (
        "污染",
        "污水",
        "垃圾",
        "固废",
        "固体废物",
        "危废",
        "环境治理",
        "大气",
        "减排",
        "环保",
        "节能",
        "降碳",
        "碳汇",
        "零碳",
        "循环利用",
        "综合利用",
    ),
    "tourism": ("旅游", "景区", "文旅", "度假", "民宿", "研学", "露营", "游客"),
    "culture": (
        "文化",
        "博物馆",
        "图书馆",
        "文物",
        "非遗",
        "遗址",
        "演艺",
        "乌兰牧骑",
        "文艺",
        "剧院",
        "美术馆",
        "纪念馆",
        "文明实践",
    ),
    "education": ("教育", "学校", "学院", "大学", "中学", "小学", "幼儿园", "职业技术", "校园", "实训"),
    "health": ("医院", "卫生", "医疗", "健康", "疾控", "中医", "蒙医", "妇幼", "急救", "医养"),
    "elderly": ("养老", "托育", "老年", "敬老", "托幼", "婴幼儿"),
    "sports": ("体育", "健身", "运动", "赛事", "足球"),
    "employment": ("就业", "创业", "职业技能", "技能培训", "劳动"),
    "social": (
        "社会保障",
        "社会救助",
        "殡葬",
        "社区服务",
        "残疾",
        "福利",
        "人口",
        "生育",
        "住房保障",
        "民族团结",
        "兵役",
    ),
    "security": (
        "安全",
        "应急",
        "消防",
        "防灾",
        "减灾",
        "公安",
        "治安",
        "国防",
        "人防",
        "风险",
        "网络安全",
        "反恐",
        "救援",
    ),
    "governance": ("社会治理", "基层治理", "政务", "法治", "网格", "信访", "司法", "开放合作", "营商"),
    "housing": ("住房", "棚户区", "老旧小区", "保障性", "安置", "城中村"),
    "rural": (
        "乡村",
        "村庄",
        "嘎查",
        "农村",
        "牧区",
        "美丽乡村",
        "和美乡村",
        "人居环境",
        "乡村振兴",
        "扶贫",
        "巩固拓展",
    ),
    "urban": (
        "城镇",
        "城市",
        "新型城镇化",
        "城市更新",
        "街区",
        "管网",
        "供热管网",
        "海绵城市",
        "特色小镇",
        "市政",
        "燃气",
    ),
}
#: weights of where a keyword is found
_WEIGHTS = {"name": 3, "label": 3, "box_title": 2, "text": 1}

#: action -> verbs (first found in the project text wins; the table order breaks ties at one position)
ACTION_VERBS: dict[str, tuple[str, ...]] = {
    "新建": ("新建",),
    "续建": ("续建",),
    "扩建": ("改扩建", "扩建", "扩能", "扩容", "扩大"),
    "改造": ("改造", "搬迁"),
    "提升": ("提升", "提质", "升级", "巩固", "完善"),
    "争取": ("争取", "争创", "申报", "创建"),
    "规划": ("谋划", "规划", "布局", "前期"),
    "推进": ("推进", "推动", "加快", "实施", "开展", "启动"),
    "建设": ("建设", "建成", "打造", "培育", "引进", "发展", "开发", "新增"),
}
_ACTION_PATTERN = re.compile(
    "|".join(sorted((v for vs in ACTION_VERBS.values() for v in vs), key=len, reverse=True))
)
_VERB_TO_ACTION = {verb: action for action, verbs in ACTION_VERBS.items() for verb in verbs}


@cache
def _layer_of_sector() -> dict[str, str]:
    return {s: layer.id for layer in load_layers() if layer.group == "thematic" for s in layer.sectors}


@cache
def known_sectors() -> frozenset[str]:
    """The sector ids claimed by a thematic layer of ``layers.yaml``."""
    return frozenset(s for layer in load_layers() if layer.group == "thematic" for s in layer.sectors)


@cache
def _keyword_automaton() -> ahocorasick.Automaton:
    """Every keyword once, with the sectors it scores for (one pass over a text finds them all)."""
    sectors_of: dict[str, list[str]] = {}
    for sector, words in SECTOR_KEYWORDS.items():
        for word in words:
            sectors_of.setdefault(word, []).append(sector)
    automaton = ahocorasick.Automaton()
    for word, sectors in sectors_of.items():
        automaton.add_word(word, tuple(sectors))
    automaton.make_automaton()
    return automaton


def sector_scores(name: str = "", label: str = "", box_title: str = "", text: str = "") -> Counter[str]:
    """Keyword scores of every sector for a project (at most three hits per sector and field)."""
    automaton = _keyword_automaton()
    scores: Counter[str] = Counter()
    for where, content in (("name", name), ("label", label), ("box_title", box_title), ("text", text)):
        if not content:
            continue
        hits: Counter[str] = Counter(s for _, sectors in automaton.iter(content) for s in sectors)
        for sector, count in hits.items():
            scores[sector] += _WEIGHTS[where] * min(count, 3)
    return scores


def classify_sector(name: str = "", label: str = "", box_title: str = "", text: str = "") -> str:
    """The sector of a project ('urban' when nothing matches).

    Scores are summed per thematic layer first (a railway to an industrial park is infrastructure:
    railway + port + transport outweigh industry), then the best sector of the best layer wins.
    """
    scores = sector_scores(name, label, box_title, text)
    if not scores:
        return "urban"
    order = list(SECTOR_KEYWORDS)
    layer_of = _layer_of_sector()
    by_layer: Counter[str] = Counter()
    for sector, score in scores.items():
        by_layer[layer_of.get(sector, "urban")] += score
    best_layer = max(
        by_layer.items(),
        key=lambda kv: (kv[1], -min(order.index(s) for s in scores if layer_of.get(s, "urban") == kv[0])),
    )[0]
    candidates = {s: v for s, v in scores.items() if layer_of.get(s, "urban") == best_layer}
    best = max(candidates.items(), key=lambda kv: (kv[1], -order.index(kv[0])))[0]
    return best if best in known_sectors() else "urban"


def classify_action(text: str, label: str = "") -> str:
    """The action of a project: the first action verb of its text (then of its label), '' when none."""
    for content in (text, label):
        match = _ACTION_PATTERN.search(content or "")
        if match:
            return _VERB_TO_ACTION[match.group(0)]
    return ""
