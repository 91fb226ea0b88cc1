"""The money of a project (fami_reporting/lib/money_rules.py): the advance's cap, the guarantee that backs it, the
advance each claim recovers, the partners' shares of a payment."""
import importlib.util
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[2] / "addons" / "fami_reporting" / "lib"
# loaded as a package so that money_rules can import cost_rules relatively, as it does inside Odoo
spec = importlib.util.spec_from_file_location("fami_reporting_lib", LIB / "__init__.py",
                                              submodule_search_locations=[str(LIB)])
if "fami_reporting_lib" not in sys.modules:  # the budget rules' test may have loaded it already
    sys.modules["fami_reporting_lib"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sys.modules["fami_reporting_lib"])
money = importlib.import_module("fami_reporting_lib.money_rules")


def test_the_advance_is_capped_by_the_agreements_percentage():
    assert money.advance_cap(1_500_000, 10) == Decimal("150000.00")
    assert money.advance_cap(183_000.55, 12.5) == Decimal("22875.07")
    assert money.advance_cap(1_000, 0) == 0
    with pytest.raises(ValueError, match="between 0 and 100"):
        money.advance_cap(1_000, 101)


def test_a_guarantee_must_outlive_the_project_by_the_agreements_months():
    assert money.guarantee_required_until(date(2027, 12, 31), 12) == date(2028, 12, 31)
    assert money.guarantee_required_until(date(2029, 8, 31), 6) == date(2030, 2, 28)
    assert money.guarantee_required_until(date(2027, 12, 31), 0) == date(2027, 12, 31)
    with pytest.raises(ValueError):
        money.guarantee_required_until(date(2027, 12, 31), -1)


@pytest.mark.parametrize(("guarantee", "problem"), [
    (None, "missing"),
    ((False, 200_000, date(2030, 1, 1)), "not_issued"),
    ((True, 99_999.99, date(2030, 1, 1)), "amount"),
    ((True, 100_000, date(2028, 12, 30)), "expiry"),
    ((True, 100_000, None), "expiry"),
    ((True, 100_000, date(2028, 12, 31)), None),
    ((True, 250_000, date(2031, 1, 1)), None),
])
def test_a_guarantee_backs_an_advance_only_issued_large_and_long_enough(guarantee, problem):
    assert money.guarantee_problem(100_000, guarantee, date(2028, 12, 31)) == problem


def test_each_claim_recovers_its_share_until_the_advance_is_covered():
    # 20 % of 2,676.07 = 535.214: to the cent, half up
    assert money.advance_recovery(2676.07, 150_000, 0, "share", 20) == Decimal("535.21")
    assert money.advance_recovery(2610.80, 1000, 522.16, "share", 20) == Decimal("477.84")  # what is left
    assert money.advance_recovery(2610.80, 1000, 1000, "share", 20) == 0
    assert money.advance_recovery(500, 0, 0, "share", 20) == 0  # no advance received
    assert money.advance_recovery(500, 1000, 1500, "share", 20) == 0  # never negative


def test_the_final_claim_recovers_what_is_left_never_more_than_itself():
    assert money.advance_recovery(2610.80, 1000, 0, "final", 0) == 0
    assert money.advance_recovery(2610.80, 1000, 0, "final", 0, final=True) == Decimal("1000.00")
    assert money.advance_recovery(300, 1000, 200, "share", 20, final=True) == Decimal("300.00")


def test_unknown_rules_and_percentages_are_refused():
    with pytest.raises(ValueError, match="unknown recovery rule"):
        money.advance_recovery(100, 100, 0, "half", 20)
    with pytest.raises(ValueError, match="between 0 and 100"):
        money.advance_recovery(100, 100, 0, "share", -5)


def test_a_payment_is_split_by_the_approved_budget_to_the_cent():
    shares = money.split(150_000, {"cidis": 116_000, "asad": 15_000, "tamat": 40_000, "regione": 12_000})
    # rounded half up one by one they would add up to 150,000.01: the cent goes to the largest remainder instead
    assert shares == {"cidis": Decimal("95081.97"), "asad": Decimal("12295.08"), "tamat": Decimal("32786.88"),
                      "regione": Decimal("9836.07")}
    assert sum(shares.values()) == Decimal("150000.00")


@pytest.mark.parametrize("amount", [0.01, 0.02, 100, 1000.01, 2140.86, 999_999.99])
def test_the_shares_always_add_up_to_the_payment(amount):
    shares = money.split(amount, {"a": 1, "b": 1, "c": 1})
    assert sum(shares.values()) == Decimal(str(amount)).quantize(Decimal("0.01"))
    assert max(shares.values()) - min(shares.values()) <= Decimal("0.01")


def test_no_weight_no_share_and_negative_weights_refused():
    assert money.split(100, {"a": 0, "b": 0}) == {"a": 0, "b": 0}
    assert money.split(100, {"a": 0, "b": 5}) == {"a": 0, "b": Decimal("100.00")}
    with pytest.raises(ValueError):
        money.split(100, {"a": -1, "b": 2})


def test_proportional_shares_of_a_claim():
    assert money.proportional(1220, 1220, 1305.40) == Decimal("1305.40")
    assert money.proportional(1, 3, 100) == Decimal("33.33")
    assert money.proportional(5, 0, 100) == 0
