"""Chinese labels for the codes the atlas stores (sectors, precisions, weights): what a user of the app
sees.  The codes themselves stay in the data and in exports (their field dictionary explains them)."""

from __future__ import annotations

from collections.abc import Iterable

#: Sector id (``sectors`` of ``layers/keywords.yaml``) -> its Chinese name.
SECTOR_LABELS: dict[str, str] = {
    "layout": "空间布局",
    "railway": "铁路",
    "road": "公路",
    "aviation": "航空",
    "port": "口岸",
    "power": "电网",
    "pipeline": "管道",
    "water": "水利",
    "logistics": "物流商贸",
    "digital": "信息基础设施",
    "transport": "交通",
    "digital_economy": "数字经济",
    "energy": "能源",
    "chemicals": "化工",
    "mining": "矿业",
    "materials": "材料冶金",
    "manufacturing": "装备制造",
    "industry": "工业园区",
    "innovation": "科技创新",
    "services": "服务业",
    "husbandry": "畜牧业",
    "agriculture": "农业",
    "forestry": "林草",
    "water_ecology": "水生态",
    "ecology": "生态保护",
    "environment": "环境治理",
    "tourism": "旅游",
    "culture": "文化",
    "education": "教育",
    "health": "卫生健康",
    "elderly": "养老托育",
    "sports": "体育",
    "employment": "就业",
    "social": "社会保障",
    "security": "安全应急",
    "governance": "社会治理",
    "housing": "住房",
    "rural": "乡村振兴",
    "urban": "城镇建设",
}
#: How the atlas writes several values in one field.
SEPARATORS = (";", ",")


def sector_label(code: object) -> str:
    """A sector code (or several, ``a;b``) in Chinese; unknown codes stay as they are, '' stays ''."""
    text = "" if code is None else str(code)
    if not text or text == "nan":
        return ""
    for sep in SEPARATORS:
        if sep in text:
            return "、".join(sector_label(part.strip()) for part in text.split(sep) if part.strip())
    return SECTOR_LABELS.get(text, text)


def action_label(code: object) -> str:
    """An action (already Chinese in the atlas); '' reads as 未注明."""
    text = "" if code is None else str(code)
    return text if text and text != "nan" else "未注明"


def labelled(codes: Iterable[str], label) -> dict[str, str]:
    """Code -> label for a list of codes (the sidebar's format_func)."""
    return {code: label(code) for code in codes}


#: geometry_basis (how a feature's geometry was made) -> Chinese.
BASIS_LABELS: dict[str, str] = {
    "issuer area": "编制单位全域",
    "parent centroid": "上级区划中心",
    "place point": "地名点位",
    "schematic": "示意线",
    "waypoints": "途经地点连线",
}


def basis_label(code: object) -> str:
    """A geometry_basis in Chinese (unknown values stay as they are)."""
    text = "" if code is None else str(code)
    return BASIS_LABELS.get(text, "" if text == "nan" else text)


#: Gazetteer place types -> Chinese (the correction panel's list).
PLACE_TYPE_LABELS: dict[str, str] = {
    "town": "乡镇",
    "neighbour": "邻近地区",
    "banner": "旗县区",
    "league": "盟市",
    "region": "区域",
    "province": "省份",
    "foreign": "国外地名",
    "road": "公路",
    "railway": "铁路",
    "station": "车站",
    "airport": "机场",
    "port": "口岸",
    "park": "园区",
    "subpark": "园区片区",
    "scenic": "景区",
    "reserve": "保护区",
    "wetland": "湿地",
    "mine": "矿区",
    "river": "河流",
    "lake": "湖泊",
    "reservoir": "水库",
    "mountain": "山",
    "grassland": "草原",
    "sandy_land": "沙地",
    "desert": "沙漠",
    "corridor": "通道",
    "power_line": "输电线路",
    "water_project": "水利工程",
    "national_park": "国家公园",
    "village": "村",
    "project": "项目",
}


def place_type_label(code: object) -> str:
    text = "" if code is None else str(code)
    return PLACE_TYPE_LABELS.get(text, text)
