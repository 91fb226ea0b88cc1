"""Tier 1: the suite's manifests, XML, ACL and view references are consistent (no Odoo needed)."""
import ast
import shutil
from pathlib import Path

import pytest

import suite_checks

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"
FIXTURES = ROOT / "tests" / "fixtures"
CHAIN = ["fami_workflow", "fami_partners", "fami_beneficiaries", "fami_activities", "fami_reporting"]
# addons built on one addon of the chain, not on the last: {addon: the addon of the chain it depends on}
BRANCHES = {"fami_outcomes": "fami_activities", "fami_monitoring": "fami_reporting"}


def test_the_five_addons_exist_in_dependency_order():
    assert [addon.name for addon in suite_checks.addon_dirs(ADDONS)] == sorted([*CHAIN, *BRANCHES])
    assert suite_checks.read_manifest(ADDONS / "fami_workflow")["depends"] == ["base", "mail"]
    for previous, addon in zip(CHAIN, CHAIN[1:]):
        assert previous in suite_checks.read_manifest(ADDONS / addon)["depends"]
    for addon, base in BRANCHES.items():
        assert base in suite_checks.read_manifest(ADDONS / addon)["depends"]


@pytest.mark.parametrize("check", ["check_manifests", "check_xml_well_formed", "check_acl", "check_references"])
def test_suite_passes(check):
    arguments = (ADDONS, CHAIN) if check == "check_manifests" else (ADDONS,)
    assert getattr(suite_checks, check)(*arguments) == []


def test_every_python_file_compiles():
    for path in sorted(ADDONS.rglob("*.py")):
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_checker_accepts_a_consistent_fixture():
    assert suite_checks.run_all(FIXTURES / "good") == []


def fixture_copy(tmp_path):
    """A copy of the consistent fixture addon under tmp_path, for a test to break."""
    addon = tmp_path / "fami_good"
    shutil.copytree(FIXTURES / "good" / "fami_good", addon)
    return addon


def replace_in(path, *pairs):
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_checker_reports_a_broken_manifest(tmp_path):
    addon = fixture_copy(tmp_path)
    replace_in(addon / "__manifest__.py", ('"18.0.1.0.0"', '"17.0.1.0"'),
               ('"views/fami_thing_views.xml"', '"views/missing_views.xml"'))
    (addon / "views" / "broken.xml").write_text('<?xml version="1.0"?>\n<odoo>\n    <record id="x">\n</odoo>\n')
    problems = suite_checks.run_all(tmp_path)
    assert "fami_good: data file views/missing_views.xml does not exist" in problems
    assert "fami_good: views/fami_thing_views.xml is not listed in the manifest's data or demo" in problems
    assert "fami_good: version '17.0.1.0' is not of the form 18.0.x.y.z" in problems
    assert any(problem.startswith("fami_good/views/broken.xml: not well-formed XML") for problem in problems)


def test_checker_reports_a_view_naming_a_missing_field_and_a_menu_naming_a_missing_action(tmp_path):
    addon = fixture_copy(tmp_path)
    replace_in(addon / "views" / "fami_thing_views.xml", ('<field name="name"/>', '<field name="no_such_field"/>'),
               ('action="fami_thing_action"', 'action="fami_no_such_action"'))
    assert suite_checks.run_all(tmp_path) == [
        "fami_good/views/fami_thing_views.xml: view fami_thing_view_form names field 'no_such_field' "
        "that fami.thing does not declare",
        "fami_good/views/fami_thing_views.xml: menu menu_fami_thing names unknown action fami_no_such_action",
    ]


def test_checker_reports_a_model_without_acl(tmp_path):
    addon = fixture_copy(tmp_path)
    acl = addon / "security" / "ir.model.access.csv"
    acl.write_text("".join(acl.read_text().splitlines(keepends=True)[:2]))
    assert suite_checks.run_all(tmp_path) == [
        "fami_good: model fami.thing.line has no line in security/ir.model.access.csv"]


def test_checker_reports_a_broken_dependency_chain():
    problems = suite_checks.check_manifests(ADDONS, ["fami_reporting", "fami_workflow"])
    assert problems == ["fami_workflow: does not depend on fami_reporting"]
