"""fami_verification's plain rules: the reproducible sample, working time (1,720 hours), traceability of payments,
and the claim workbook showing what the verification did not admit."""
import importlib.util
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

ADDONS = Path(__file__).resolve().parents[2] / "addons"


def load(addon, path, name):
    spec = importlib.util.spec_from_file_location(name, ADDONS / addon / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sampling = load("fami_verification", "lib/sampling.py", "fami_verification_sampling")
staff_time = load("fami_verification", "lib/staff_time.py", "fami_verification_staff_time")
traceability = load("fami_verification", "lib/traceability.py", "fami_verification_traceability")
claim_workbook = load("fami_reporting", "lib/claim_workbook.py", "fami_verification_claim_workbook")
spreadsheet = load("fami_reporting", "tests/spreadsheet.py", "fami_verification_spreadsheet")

ITEMS = [(f"fami.expense,{index}", amount) for index, amount in enumerate(
    [12.5, 80, 95.2, 150, 310, 420.75, 999.99, 1200, 1500, 2400, 4999.99, 5000, 7300, 18000, 60, 75, 230, 640])]


def test_the_same_seed_gives_the_same_sample_whatever_the_order_of_the_items():
    first = sampling.draw(ITEMS, seed=4711, threshold=5000, rate_percent=25)
    second = sampling.draw(list(reversed(ITEMS)), seed=4711, threshold=5000, rate_percent=25)
    assert first == second
    assert first.selected == tuple(sorted(first.selected))
    others = {sampling.draw(ITEMS, seed=seed, threshold=5000, rate_percent=25).selected for seed in range(20)}
    assert len(others) > 1, "the seed chooses the sample"


def test_every_item_at_or_above_the_threshold_is_in_the_sample_and_each_stratum_gives_at_least_one():
    for seed in range(50):
        sample = sampling.draw(ITEMS, seed=seed, threshold=5000, rate_percent=10)
        assert {"fami.expense,11", "fami.expense,12", "fami.expense,13"} <= set(sample.selected)  # 5,000 and up
        assert sample.sizes == {0: 3, 1: 5, 2: 5, 3: 5}
        for stratum in (1, 2, 3):
            drawn = [key for key in sample.selected if sample.stratum_of[key] == stratum]
            assert len(drawn) == 1, "10 % of 5 items rounds up to one"
    assert len(sampling.draw(ITEMS, seed=1, threshold=5000, rate_percent=50).selected) == 3 + 3 * 3


def test_strata_follow_the_amounts():
    sample = sampling.draw(ITEMS, seed=3, threshold=5000, rate_percent=100)
    assert set(sample.selected) == {key for key, _amount in ITEMS}
    small = [key for key, stratum in sample.stratum_of.items() if stratum == 1]
    assert "fami.expense,0" in small and "fami.expense,10" not in small  # 12.50 is small, 4,999.99 is not


def test_sampling_refuses_impossible_settings_and_samples_all_when_asked():
    for rate in (0, -5, 101):
        with pytest.raises(ValueError, match="rate"):
            sampling.draw(ITEMS, seed=1, threshold=5000, rate_percent=rate)
    with pytest.raises(ValueError, match="unique"):
        sampling.draw(ITEMS + ITEMS[:1], seed=1, threshold=5000, rate_percent=10)
    assert sampling.draw([], seed=1, threshold=5000, rate_percent=10).selected == ()
    assert sampling.draw_all(ITEMS).selected == tuple(sorted(key for key, _amount in ITEMS))


def test_1720_hours_a_year_pro_rata_of_working_time():
    assert staff_time.annual_cap(100) == Decimal("1720.00")
    assert staff_time.annual_cap(50) == Decimal("860.00")
    assert staff_time.annual_cap(83.33) == Decimal("1433.28")
    for share in (0, 120):
        with pytest.raises(ValueError):
            staff_time.annual_cap(share)


def test_an_assignment_allows_its_hours_or_its_share_of_time_over_its_period():
    assert staff_time.assignment_cap("hours", 300, 0, 100, date(2026, 1, 1), date(2026, 6, 30)) == Decimal("300.00")
    # a whole year at 20 % of a full-time person; 181 of 365 days at 50 % of a half-time one: 430 x 181 / 365
    assert staff_time.assignment_cap("share", 0, 20, 100, date(2026, 1, 1), date(2026, 12, 31)) == Decimal("344.00")
    assert staff_time.assignment_cap("share", 0, 50, 50, date(2026, 1, 1), date(2026, 6, 30)) == Decimal("213.23")
    assert staff_time.year_fraction(date(2027, 7, 1), date(2028, 6, 30)) == Decimal(184) / 365 + Decimal(182) / 366
    with pytest.raises(ValueError):
        staff_time.assignment_cap("hours", 0, 0, 100, date(2026, 1, 1), date(2026, 6, 30))
    with pytest.raises(ValueError):
        staff_time.year_fraction(date(2026, 2, 1), date(2026, 1, 1))


def test_spans_overlap_only_when_they_share_time_and_months_are_listed():
    assert staff_time.overlaps(9, 11, 10.5, 12)
    assert not staff_time.overlaps(9, 11, 11, 12)
    assert list(staff_time.month_starts(date(2026, 11, 15), date(2027, 2, 1))) == [
        date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1)]


def test_traceability_codes_cash_and_the_split_of_an_invoice():
    assert traceability.normalize_code(" a1b2-c3d4 e5 ") == "A1B2C3D4E5"
    assert traceability.is_valid_cig("A1B2C3D4E5") and not traceability.is_valid_cig("A1B2C3")
    assert traceability.cash_refused("cash", 100.01, 100) and not traceability.cash_refused("cash", 100, 100)
    assert not traceability.cash_refused("transfer", 10_000, 100)
    assert traceability.split_difference(1220, [500, 400.5, 319.5]) == 0
    assert traceability.split_difference(1220, [500, 400, 300]) == Decimal("20.00")


def test_the_workbook_shows_what_was_not_admitted_and_leaves_it_out_of_the_totals():
    expenses = [
        {"ref": "fami.expense,1", "wp": "WP1", "category": "B6", "partner": "Alfa", "supplier": "S", "document": "F1",
         "document_date": date(2026, 1, 5), "payment_date": None, "taxable": 1000, "vat": 220, "eligible": 1220,
         "not_admitted": 220.01},
        {"ref": "fami.expense,2", "wp": "WP1", "category": "B6", "partner": "Alfa", "supplier": "S", "document": "F2",
         "document_date": date(2026, 1, 6), "payment_date": None, "taxable": 99.99, "vat": 0, "eligible": 99.99}]
    staff = [{"ref": "fami.staff.cost,7", "wp": "WP1", "category": "B1", "partner": "Alfa", "person": "Rossi",
              "month": "2026-01", "hours": 10, "rate": 20.35, "amount": 203.5, "not_admitted": 40.7}]
    budget = [{"wp": "WP1", "category": "B6", "partner": "Alfa", "budget": 5000}]
    content = claim_workbook.write_claim_workbook("Domanda 1", budget, expenses, staff, [], indirect={
        "rate": 15, "base": "staff_costs", "base_label": "Staff", "amount": Decimal("24.42")})
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book["Expenses"]["L1"].value == "Not admitted" and book["Expenses"]["L2"].value == 220.01
    assert book["Staff"]["J1"].value == "Not admitted" and book["Staff"]["J2"].value == 40.7
    values = spreadsheet.recalculate(book)
    assert values["Summary", "E4"] == Decimal("1099.98")  # 1,220 - 220.01 + 99.99
    assert values["Summary", "E5"] == Decimal("162.8")  # 203.50 - 40.70
    assert values["Summary", "E6"] == Decimal("1262.78")
    assert values["Summary", "E7"] == Decimal("24.42")  # 15 % of the admitted staff costs, 162.80
    cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True)["Summary"]
    assert [cached[cell].value for cell in ("E4", "E5", "E6")] == [1099.98, 162.8, 1262.78]
