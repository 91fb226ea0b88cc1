"""Tier 1: the suite's manifests, XML, ACL and view references are consistent (no Odoo needed)."""
import ast
from pathlib import Path

import pytest

import suite_checks

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"
FIXTURES = ROOT / "tests" / "fixtures"
CHAIN = ["fami_workflow", "fami_partners", "fami_beneficiaries", "fami_activities", "fami_reporting"]


def test_the_five_addons_exist_in_dependency_order():
    assert [addon.name for addon in suite_checks.addon_dirs(ADDONS)] == sorted(CHAIN)
    assert suite_checks.read_manifest(ADDONS / "fami_workflow")["depends"] == ["base", "mail"]
    for previous, addon in zip(CHAIN, CHAIN[1:]):
        assert previous in suite_checks.read_manifest(ADDONS / addon)["depends"]


@pytest.mark.parametrize("check", ["check_manifests", "check_xml_well_formed", "check_acl", "check_references"])
def test_suite_passes(check):
    arguments = (ADDONS, CHAIN) if check == "check_manifests" else (ADDONS,)
    assert getattr(suite_checks, check)(*arguments) == []


def test_every_python_file_compiles():
    for path in sorted(ADDONS.rglob("*.py")):
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_checker_accepts_a_consistent_fixture():
    assert suite_checks.run_all(FIXTURES / "good") == []


def test_checker_reports_a_broken_manifest():
    problems = suite_checks.run_all(FIXTURES / "bad_manifest")
    assert any("views/missing_views.xml does not exist" in problem for problem in problems)
    assert any("views/unlisted_views.xml is not listed" in problem for problem in problems)
    assert any("not of the form 18.0.x.y.z" in problem for problem in problems)
    assert any("not well-formed XML" in problem for problem in problems)


def test_checker_reports_a_view_naming_a_missing_field_and_a_menu_naming_a_missing_action():
    problems = suite_checks.run_all(FIXTURES / "bad_view")
    assert problems == [
        "fami_bad_view/views/fami_thing_views.xml: view fami_thing_view_form names field 'no_such_field' "
        "that fami.thing does not declare",
        "fami_bad_view/views/fami_thing_views.xml: menu menu_fami_thing names unknown action fami_no_such_action",
    ]


def test_checker_reports_a_model_without_acl():
    assert suite_checks.check_acl(FIXTURES / "no_acl") == [
        "fami_no_acl: model fami.thing.line has no line in security/ir.model.access.csv"]


def test_checker_reports_a_broken_dependency_chain():
    problems = suite_checks.check_manifests(ADDONS, ["fami_reporting", "fami_workflow"])
    assert problems == ["fami_workflow: does not depend on fami_reporting"]
