"""Tier 1: the bounds of amounts, counts and dates and the workflow code contract of fami_workflow, without Odoo;
and the shipped workflow definitions are noupdate data, so that an administrator's edits survive an upgrade."""
import importlib.util
import math
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

ADDONS = Path(__file__).resolve().parents[2] / "addons"


def load(name):
    spec = importlib.util.spec_from_file_location(f"fami_workflow_{name}", ADDONS / "fami_workflow" / "lib" /
                                                  f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bounds = load("bounds")
contract = load("workflow_contract")


@pytest.mark.parametrize(("field_type", "name", "computed", "expected"), [
    ("monetary", "taxable_amount", False, bounds.AMOUNT),
    ("float", "hours", False, bounds.AMOUNT),
    ("float", "remaining_amount", True, bounds.COMPUTED_AMOUNT),
    ("integer", "participants_cpt", False, bounds.COUNT),
    ("integer", "participants_total", True, bounds.COMPUTED_COUNT),
    ("integer", "sequence", False, bounds.ORDER),
    ("date", "date_start", False, bounds.PROGRAMME),
    ("datetime", "start", False, bounds.PROGRAMME),
    ("date", "agreement_expiry", True, None),
    ("char", "name", False, None),
    ("many2one", "project_id", False, None),
])
def test_default_bound_by_type(field_type, name, computed, expected):
    assert bounds.default_bound(field_type, name, computed=computed) == expected


def test_the_issue_values_are_out_of_bounds_and_the_limits_in():
    assert bounds.AMOUNT.problem(10**15) == "high"  # an expense of 10^15 EUR
    assert bounds.AMOUNT.problem(1e21) == "high"  # a budget line of 10^21 EUR
    assert bounds.AMOUNT.problem(-50) == "low"  # a staff rate of -50 EUR/h
    assert bounds.COMPUTED_COUNT.problem(2 * 2_147_483_647) == "high"  # two counts at the 32-bit limit, summed
    assert bounds.PROGRAMME.problem(date(1900, 1, 1)) == "low"
    assert bounds.PROGRAMME.problem(date(2100, 1, 1)) == "high"
    for bound, value in ((bounds.AMOUNT, 0), (bounds.AMOUNT, 10**9), (bounds.COUNT, 2**31 - 1),
                         (bounds.PROGRAMME, date(2021, 1, 1)), (bounds.PROGRAMME, date(2029, 12, 31))):
        assert bound.problem(value) is None


def test_the_programme_period_is_art_63_and_closure_deadlines_follow_it():
    assert (bounds.PROGRAMME.low, bounds.PROGRAMME.high) == (date(2021, 1, 1), date(2029, 12, 31))
    assert bounds.PROGRAMME.programme and not bounds.CLOSURE.programme
    assert bounds.CLOSURE.problem(date(2030, 12, 31)) is None  # guarantee of the advance after the last claim
    assert bounds.DOCUMENT.problem(date(1985, 3, 1)) is None  # a partner's statute
    assert bounds.DOCUMENT.problem(date(1900, 1, 1)) == "low"


def test_days_and_months_keep_the_dates_they_move_real():
    top = date(bounds.PROGRAMME_END.year + 2, 12, 31)
    assert (top.toordinal() + bounds.DAYS.high) < date.max.toordinal()
    assert bounds.SIGNED_MONTHS.problem(-2**31) == "low"


def test_numbers_sent_by_clients():
    assert bounds.as_number("1e21") == 1e21
    assert bounds.as_number("12,5") is None  # left to the ORM, which refuses it in its own words
    assert bounds.as_number(True) is None and bounds.as_number(None) is None
    assert bounds.as_number(7) == 7
    assert math.isnan(bounds.as_number("nan"))
    assert bounds.is_not_finite(float("nan")) and bounds.is_not_finite(float("-inf"))
    assert not bounds.is_not_finite(1e300) and not bounds.is_not_finite(5)


def test_required_codes_merge_the_declarations_of_every_addon():
    required = contract.required_codes([
        ("fami_reporting", ("approved", "claimed"), ("claim",)),
        ("fami_activities", ("approved",), ()),
        (None, (), ()),
    ])
    assert required == {("state", "approved"): ("fami_activities", "fami_reporting"),
                        ("state", "claimed"): ("fami_reporting",), ("transition", "claim"): ("fami_reporting",)}


def test_gaps_name_each_missing_code_states_first():
    required = contract.required_codes([("fami_reporting", ("draft", "approved"), ("approve", "claim"))])
    assert contract.gaps(required, ["draft", "approved", "checked"], ["approve", "claim", "reject"]) == []
    missing = contract.gaps(required, ["draft", "accepted"], ["approve"])
    assert [(gap.kind, gap.code, gap.modules) for gap in missing] == [
        ("state", "approved", ("fami_reporting",)), ("transition", "claim", ("fami_reporting",))]


def test_shipped_workflow_definitions_are_noupdate_data():
    files = sorted(ADDONS.glob("*/data/*workflow*_data.xml"))
    assert len(files) >= 4
    for path in files:
        root = ET.parse(path).getroot()
        flags = [root.get("noupdate")] + [data.get("noupdate") for data in root.iter("data")]
        assert any(flag in ("1", "True", "true") for flag in flags), f"{path.name} is not noupdate"
        assert all(flag in (None, "1", "True", "true") for flag in flags), path.name
