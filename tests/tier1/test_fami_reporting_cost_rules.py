import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_reporting" / "lib" / "cost_rules.py"
spec = importlib.util.spec_from_file_location("cost_rules", PATH)
rules = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rules)


def test_hourly_rate_is_annual_cost_over_1720_hours_rounded_to_the_cent():
    assert rules.hourly_rate(34400) == Decimal("20.00")
    assert rules.hourly_rate(35000) == Decimal("20.35")  # 20.3488... rounds half up
    assert rules.hourly_rate(1720 * 12.345) == Decimal("12.35")  # 12.345 → 12.35 (half up, not banker's)
    with pytest.raises(ValueError):
        rules.hourly_rate(-1)


def test_staff_cost_is_hours_times_rate():
    assert rules.staff_cost(7.5, Decimal("20.35")) == Decimal("152.63")  # 152.625 → 152.63
    assert rules.staff_cost(0, 20) == Decimal("0.00")
    with pytest.raises(ValueError):
        rules.staff_cost(-2, 20)


def test_the_flat_rate_is_applied_to_the_base_the_budget_chose():
    assert rules.flat_rate_on(1000, 400, 7) == Decimal("70.00")
    assert rules.flat_rate_on(1000, 400, 15, base="staff_costs") == Decimal("60.00")
    with pytest.raises(ValueError):
        rules.flat_rate_on(1000, 400, 15)  # 15 % only on staff costs


def test_indirect_flat_rates_and_their_caps():
    assert rules.indirect_costs(100000, 7) == Decimal("7000.00")
    assert rules.indirect_costs(33333.33, 7) == Decimal("2333.33")
    assert rules.indirect_costs(40000, 15, base="staff_costs") == Decimal("6000.00")
    with pytest.raises(ValueError):
        rules.indirect_costs(100000, 8)
    with pytest.raises(ValueError):
        rules.indirect_costs(100000, 16, base="staff_costs")


def test_recoverable_vat_is_not_eligible():
    assert rules.eligible_amount(1000, 220, vat_eligible=False) == Decimal("1000.00")
    assert rules.eligible_amount(1000, 220, vat_eligible=True) == Decimal("1220.00")


def test_amount_in_italian_words():
    assert rules.amount_in_words(Decimal("1234567.89")) == (
        "un milione e duecentotrentaquattromilacinquecentosessantasette euro e ottantanove centesimi")
    assert rules.amount_in_words(100) == "cento euro"
