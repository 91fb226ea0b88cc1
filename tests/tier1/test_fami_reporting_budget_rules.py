import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[2] / "addons" / "fami_reporting" / "lib"
# loaded as a package so that budget_rules can import cost_rules relatively, as it does inside Odoo
spec = importlib.util.spec_from_file_location("fami_reporting_lib", LIB / "__init__.py",
                                              submodule_search_locations=[str(LIB)])
sys.modules["fami_reporting_lib"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sys.modules["fami_reporting_lib"])
rules = importlib.import_module("fami_reporting_lib.budget_rules")


def test_summary_rows_join_the_maps_and_flag_overspending():
    key_a, key_b = ("WP1", "B1", "Alfa"), ("WP2", "C1", "Beta")
    rows = rules.summary_rows({key_a: 1000, key_b: 300}, {key_a: 250.005, key_b: 450}, {key_a: 100})
    assert [row["key"] for row in rows] == [key_a, key_b]
    assert rows[0] == {"key": key_a, "planned": Decimal("1000.00"), "actual": Decimal("250.01"),
                       "committed": Decimal("100.00"), "remaining": Decimal("749.99"), "percent": Decimal("25.00"),
                       "over": False}
    assert (rows[1]["remaining"], rows[1]["percent"], rows[1]["over"]) == (Decimal("-150.00"), Decimal("150.00"),
                                                                           True)


def test_a_cost_without_a_budget_has_no_percentage_and_is_over():
    (row,) = rules.summary_rows({}, {("WP0", "H", "Gamma"): 10})
    assert (row["planned"], row["percent"], row["over"]) == (Decimal("0.00"), None, True)


def test_category_shifts_within_and_beyond_the_tolerance():
    shifts = {s["category"]: s for s in rules.category_shifts(
        {"B1": 10000, "C1": 5000, "D1": 2000}, {"B1": 11000, "C1": 4499.99, "D1": 2000, "E1": 500}, 10)}
    assert (shifts["B1"]["percent"], shifts["B1"]["beyond"]) == (Decimal("10.00"), False)  # exactly 10 %: allowed
    assert (shifts["C1"]["difference"], shifts["C1"]["beyond"]) == (Decimal("-500.01"), True)
    assert (shifts["D1"]["percent"], shifts["D1"]["beyond"]) == (Decimal("0.00"), False)
    assert (shifts["E1"]["percent"], shifts["E1"]["beyond"]) == (None, True)  # a new category needs authorisation


def test_the_tolerance_cannot_be_negative():
    with pytest.raises(ValueError):
        rules.category_shifts({}, {}, -1)


def test_claim_totals_per_category_and_per_partner_add_up_to_the_same_total():
    totals = rules.claim_totals([("B6", "Alfa", "expense", 100.005), ("B6", "Beta", "expense", 50),
                                 ("B1", "Alfa", "staff", 152.63), ("B1", "Alfa", "expense", 0.1)])
    assert [(row["key"], row["expense"], row["staff"], row["total"]) for row in totals["category"]] == [
        ("B1", Decimal("0.10"), Decimal("152.63"), Decimal("152.73")),
        ("B6", Decimal("150.01"), Decimal("0.00"), Decimal("150.01"))]
    assert [(row["key"], row["total"]) for row in totals["partner"]] == [("Alfa", Decimal("252.74")),
                                                                        ("Beta", Decimal("50.00"))]
    assert totals["total"] == {"expense": Decimal("150.11"), "staff": Decimal("152.63"), "total": Decimal("302.74")}
    assert rules.claim_totals([])["total"]["total"] == 0
    with pytest.raises(ValueError):
        rules.claim_totals([("B1", "Alfa", "indirect", 1)])
