"""The harvest import of routes (geoplan/geocode/routes_import.py): a harvest row becomes a route record the way the
shipped rows were written, waypoints in the page's order, a single stated place as the parent, existing rows kept
byte for byte, and a waypoint that is not exactly one official name refused."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from geoplan.errors import InputError
from geoplan.geocode.gazetteer import Gazetteer
from geoplan.geocode.routes_import import import_routes, main
from geoplan.resources import GAZETTEER_DIR

HEADER = "route_id,name,kind,aliases,waypoints,waypoint_precision,page_url,date_read,checked_by,note\n"
PAGE = "https://example.org/route"


def _harvest(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "harvest.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def _routes(tmp_path: Path) -> Path:
    target = tmp_path / "routes.csv"
    shutil.copyfile(GAZETTEER_DIR / "routes.csv", target)
    return target


def _records(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def test_a_new_route_is_a_line_through_its_waypoints_in_the_pages_order(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    routes = _routes(tmp_path)
    before = routes.read_bytes()
    harvest = _harvest(
        tmp_path,
        f"G999,测试—公路,national_road,G999;测试高速,苏尼特右旗;乌兰花镇;武川县,town,{PAGE},2026-11-30,t,a note",
        f"rail:测试铁路,测试铁路,railway,测试铁路,锡林浩特市;阿巴嘎旗,banner,{PAGE},2026-11-30,t,n",
    )
    assert import_routes(harvest, routes, gazetteer) == ["road:G999", "railway:测试铁路"]
    after = routes.read_bytes()
    assert after.startswith(before)  # every existing row keeps its bytes; the new ones follow
    road = _records(routes)["road:G999"]
    assert road["aliases"] == "测试高速;测试高速公路"  # the pair of a stated form; never the number's forms
    assert road["schematic"] == "line:banner:152524;town:150929:乌兰花镇;banner:150125"
    assert road["geometry_source"] == f"ordered waypoints 苏尼特右旗—乌兰花镇—武川县 per {PAGE}"
    assert road["parent"] == "内蒙古自治区" and road["note"].startswith(
        f"national road; record: {PAGE} (read"
    )
    assert _records(routes)["railway:测试铁路"]["aliases"] == "测试线"  # a short 铁路 name's 线 form


def test_one_stated_place_is_the_parent(gazetteer: Gazetteer, tmp_path: Path) -> None:
    routes = _routes(tmp_path)
    harvest = _harvest(
        tmp_path, f"rail:测试支线铁路,测试支线铁路,railway,,额济纳旗,banner,{PAGE},2026-11-30,t,n"
    )
    import_routes(harvest, routes, gazetteer)
    record = _records(routes)["railway:测试支线铁路"]
    assert (record["parent"], record["schematic"]) == ("额济纳旗", "")
    assert record["note"].endswith("located at its banner")


def test_an_update_row_changes_an_existing_record_and_says_so(gazetteer: Gazetteer, tmp_path: Path) -> None:
    routes = _routes(tmp_path)
    old = _records(routes)["road:G303"]
    harvest = _harvest(
        tmp_path, f"G303,国道303线,national_road,,锡林浩特市,banner,{PAGE},2026-11-30,t,update: why"
    )
    import_routes(harvest, routes, gazetteer)
    new = _records(routes)["road:G303"]
    assert (new["parent"], new["schematic"]) == ("锡林浩特市", "")
    assert new["note"].startswith(old["note"]) and "update: why (read 2026-11-30)" in new["note"]
    again = _harvest(
        tmp_path, f"G303,国道303线,national_road,,锡林浩特市,banner,{PAGE},2026-11-30,t,no marker"
    )
    with pytest.raises(InputError, match="already a record"):
        import_routes(again, routes, gazetteer)


@pytest.mark.parametrize(
    ("waypoint", "count"),
    [
        ("乌兰哈达苏木", 2),
        ("乌兰哈达", 0),
        ("新城区镇", 0),
    ],  # two towns of that name; a short form; no record
)
def test_a_waypoint_must_be_exactly_one_official_name(
    gazetteer: Gazetteer, tmp_path: Path, waypoint: str, count: int
) -> None:
    routes = _routes(tmp_path)
    before = routes.read_bytes()
    harvest = _harvest(tmp_path, f"G998,测试,national_road,,{waypoint};武川县,town,{PAGE},2026-11-30,t,n")
    with pytest.raises(InputError, match=f"{count} records"):
        import_routes(harvest, routes, gazetteer)
    assert routes.read_bytes() == before  # nothing written


def test_the_command_imports_into_the_given_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    routes = _routes(tmp_path)
    harvest = _harvest(tmp_path, f"G997,测试,national_road,,武川县;新城区,banner,{PAGE},2026-11-30,t,n")
    assert main([str(harvest), str(routes)]) == 0
    assert capsys.readouterr().out.split() == ["road:G997"] and "road:G997" in _records(routes)
    assert main([]) == 2


def test_an_update_row_adds_the_forms_it_states_and_keeps_the_line(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    routes = _routes(tmp_path)
    old = _records(routes)["railway:通乌齐高铁"]
    harvest = _harvest(
        tmp_path,
        f"rail:通乌齐高铁,通辽—乌兰浩特—齐齐哈尔高速铁路,railway,通乌齐高铁;测试高速铁路,,,{PAGE},2026-11-30,t,update: forms",
    )
    import_routes(harvest, routes, gazetteer)
    new = _records(routes)["railway:通乌齐高铁"]
    assert new["aliases"] == old["aliases"] + ";测试高速铁路"  # a form it had is not repeated
    assert (new["schematic"], new["geometry_source"]) == (old["schematic"], old["geometry_source"])


def test_a_row_without_a_route_id_is_named_by_its_name(gazetteer: Gazetteer, tmp_path: Path) -> None:
    """A named route with no number needs no id in its row: the record's id is its kind and name."""
    routes = _routes(tmp_path)
    harvest = _harvest(
        tmp_path, f",测试通道,railway,测试高铁,锡林浩特市;阿巴嘎旗,stated,{PAGE},2026-12-01,t,n"
    )
    assert import_routes(harvest, routes, gazetteer) == ["railway:测试通道"]
    assert _records(routes)["railway:测试通道"]["schematic"] == "line:banner:152502;banner:152522"
