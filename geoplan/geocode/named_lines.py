"""Well-known lines of the region known by a name that abbreviates their ends ('京包铁路', '二广高速'): a small
reviewed table, read by the corridor rules (:mod:`geoplan.geocode.corridors`); the mention finder's automaton looks
for the names in its one pass over the text (see :class:`~geoplan.geocode.stems.WordHits`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NamedLine:
    """A line known by a name that abbreviates its ends."""

    route: str | None
    kind: str
    waypoints: tuple[str, ...]


#: Well-known lines of the region and its links, by the name plans use (route numbers are the national ones).
NAMED_LINES: dict[str, NamedLine] = {
    "集二铁路": NamedLine(None, "railway", ("集宁", "二连浩特")),
    "包兰铁路": NamedLine(None, "railway", ("包头", "兰州")),
    "京包铁路": NamedLine(None, "railway", ("北京", "包头")),
    "包西铁路": NamedLine(None, "railway", ("包头", "西安")),
    "包神铁路": NamedLine(None, "railway", ("包头", "神木")),
    "大准铁路": NamedLine(None, "railway", ("大同", "准格尔")),
    "准朔铁路": NamedLine(None, "railway", ("准格尔", "朔州")),
    "浩吉铁路": NamedLine(None, "railway", ("浩勒报吉", "吉安")),
    "呼准鄂铁路": NamedLine(None, "railway", ("呼和浩特", "准格尔", "鄂尔多斯")),
    "太锡铁路": NamedLine(None, "railway", ("太子城", "锡林浩特")),
    "集通铁路": NamedLine(None, "railway", ("集宁", "通辽")),
    "准东铁路": NamedLine(None, "railway", ("准格尔", "东胜")),
    "准神铁路": NamedLine(None, "railway", ("准格尔", "神木")),
    "呼准铁路": NamedLine(None, "railway", ("呼和浩特", "准格尔")),
    "东乌铁路": NamedLine(None, "railway", ("东胜", "乌海")),  # 东胜—乌海 (gazetteer/routes.csv, cited)
    "包鄂榆高铁": NamedLine(None, "railway", ("包头", "鄂尔多斯", "榆林")),
    "呼鄂高铁": NamedLine(None, "railway", ("呼和浩特", "鄂尔多斯")),
    "呼鄂城际": NamedLine(None, "railway", ("呼和浩特", "鄂尔多斯")),
    "京藏高速": NamedLine("G6", "road", ("北京", "拉萨")),
    "京新高速": NamedLine("G7", "road", ("北京", "乌鲁木齐")),
    "包茂高速": NamedLine("G65", "road", ("包头", "茂名")),
    "荣乌高速": NamedLine("G18", "road", ("荣成", "乌海")),
    "二广高速": NamedLine("G55", "road", ("二连浩特", "广州")),
    "丹锡高速": NamedLine("G16", "road", ("丹东", "锡林浩特")),
    "青银高速": NamedLine("G20", "road", ("青岛", "银川")),
    "中蒙俄经济走廊": NamedLine(None, "corridor", ("北京", "二连浩特", "乌兰巴托", "乌兰乌德")),
}
