"""Issue 15, other names a text declares for a place it has just named ('X（简称Y）', 'X古称Y', 'X，又称“Y”'):
each is a mention of that place, where declared and wherever written again (sentences written for these tests)."""

from __future__ import annotations

import pytest

from geoplan.geocode.context import refine
from geoplan.geocode.declared import declared_names
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.mentions import Mention, MentionFinder


def _refined(finder: MentionFinder, text: str) -> list[Mention]:
    return refine(text, finder.find(text), finder)


def _declared(finder: MentionFinder, text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(surface, place ids) of the mentions read as declared names in ``text``."""
    return [(m.surface, m.place_ids) for m in _refined(finder, text) if m.rule == "declared"]


def test_a_short_form_names_the_township_where_declared_and_after(finder: MentionFinder) -> None:
    text = "吉兰泰镇（简称吉镇）在旗北部，盐湖在镇西。吉镇的工业以盐化工为主。"
    declared = _declared(finder, text)
    assert [surface for surface, _ in declared] == ["吉镇", "吉镇"]
    assert all(ids == ("town:152921:吉兰泰镇",) for _, ids in declared)


def test_a_short_form_must_be_written_with_the_names_characters(finder: MentionFinder) -> None:
    # '兴安' is no short form of 乌兰浩特市: the characters are not the full name's
    assert _declared(finder, "乌兰浩特市（简称兴安）位于盟中部。") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("昆都仑河古称石门水，向南流入黄河。", "石门水"),
        ("昆都仑河，又称“石门水”，向南流入黄河。", "石门水"),
        # one declaration after another: each names the same place
        ("昆都仑河，蒙语为乌兰木伦郭勒，又称石门水，向南流入黄河。", "石门水"),
    ],
)
def test_another_name_takes_the_place_named_before_it(finder: MentionFinder, text: str, name: str) -> None:
    assert (name, ("river:昆都仑河",)) in _declared(finder, text)


@pytest.mark.parametrize(
    "text",
    [
        "满洲里，又称“草原明珠”，是口岸城市。",  # an epithet of common words
        "西拉木伦河和老哈河（古称潢河与土河）在此交汇。",  # two names, for two rivers
        "昆都仑河，意为“横的河”，向南流入黄河。",  # a meaning, no name
    ],
)
def test_epithets_pairs_and_meanings_declare_no_name(finder: MentionFinder, text: str) -> None:
    assert _declared(finder, text) == []


def test_a_name_declared_twice_keeps_the_first_place(finder: MentionFinder) -> None:
    """A page's table may put another cell's place right before the declaring word ('…国家中国;蒙古国古称…')."""
    text = "贝尔湖古称捕鱼儿海，是中蒙共有的湖泊。所属国家中国;蒙古国古称“捕鱼儿海”。"
    assert {ids for _, ids in _declared(finder, text)} == {("lake:贝尔湖",)}


def test_a_name_the_gazetteer_holds_for_another_place_is_not_taken(gazetteer: Gazetteer) -> None:
    # '达拉特旗' is a recorded banner: declared after a town, the gazetteer's place stands
    text = "树林召镇，旧称达拉特旗，是旗府所在地。"
    mentions = _refined(gazetteer.finder, text)
    assert [m.place_ids for m in mentions if m.surface == "达拉特旗"] == [("banner:150621",)]
    assert declared_names(text, mentions, gazetteer.finder) == []
