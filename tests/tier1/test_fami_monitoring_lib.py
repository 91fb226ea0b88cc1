"""Tier 1: the plain rules of fami_monitoring: periods of the returns, distinct people per cell, small cells hidden in
the publication version, and the return's workbook whose totals recompute to its rows."""
import importlib.util
import io
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl

ADDON = Path(__file__).resolve().parents[2] / "addons" / "fami_monitoring"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# the lib is a package (the workbook imports its sibling); loaded without Odoo
_load("fami_monitoring_lib", ADDON / "lib" / "__init__.py")
periods = _load("fami_monitoring_lib.periods", ADDON / "lib" / "periods.py")
participants = _load("fami_monitoring_lib.participants", ADDON / "lib" / "participants.py")
workbook = _load("fami_monitoring_lib.monitoring_workbook", ADDON / "lib" / "monitoring_workbook.py")
spreadsheet = _load("fami_reporting_spreadsheet",
                    ADDON.parent / "fami_reporting" / "tests" / "spreadsheet.py")


def test_a_quarterly_deadline_closes_the_quarter_before_it():
    start, end = date(2026, 1, 1), date(2027, 12, 31)
    assert periods.planned_period(start, end, 1, 3, 3) == (date(2026, 1, 1), date(2026, 3, 31))
    assert periods.planned_period(start, end, 2, 3, 3) == (date(2026, 4, 1), date(2026, 6, 30))
    assert periods.planned_period(start, end, 8, 3, 3) == (date(2027, 10, 1), date(2027, 12, 31))
    # a first return after six months covers them all; the last one stops with the project
    assert periods.planned_period(start, end, 1, 6, 3) == (date(2026, 1, 1), date(2026, 6, 30))
    assert periods.planned_period(start, date(2027, 11, 15), 8, 3, 3) == (date(2027, 10, 1), date(2027, 11, 15))
    assert periods.planned_period(start, end, 1, 3, 0) is None


def test_a_deadline_added_by_hand_asks_for_the_three_months_before_its_month():
    assert periods.period_before(date(2026, 4, 16)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert periods.period_before(date(2026, 4, 16), project_start=date(2026, 2, 15)) == \
        (date(2026, 2, 15), date(2026, 3, 31))
    assert periods.period_before(date(2026, 2, 10), project_start=date(2026, 2, 1)) is None
    assert periods.previous_period(date(2026, 4, 1), date(2026, 6, 30)) == (date(2026, 1, 1), date(2026, 3, 31))


def test_a_period_domain_keeps_both_bounds_on_the_same_record():
    assert periods.period_domain("date", date(2026, 1, 1), date(2026, 3, 31)) == [
        ("date", ">=", "2026-01-01"), ("date", "<=", "2026-03-31")]
    assert periods.period_domain("start", date(2026, 1, 1), date(2026, 3, 31), is_datetime=True) == [
        ("start", ">=", "2026-01-01 00:00:00"), ("start", "<", "2026-04-01 00:00:00")]
    assert periods.period_domain("attendance_ids.session_id.start", None, date(2026, 3, 31), is_datetime=True) == [
        ("attendance_ids", "any", [("session_id", "any", [("start", "<", "2026-04-01 00:00:00")])])]
    assert periods.period_domain("date") == []


PEOPLE = {
    1: {"gender": "female", "age_band": "18_29", "country": "ML", "groups": {"women", "trafficking"}},
    2: {"gender": "female", "age_band": "30_54", "country": "ML", "groups": {"women"}},
    3: {"gender": "male", "age_band": None, "country": "EG", "groups": set()},
    4: {"gender": "non_binary", "age_band": "18_29", "country": "PK", "groups": {"homeless"}},
}
GROUPS = [("women", False), ("trafficking", True), ("homeless", True)]


def rows_by(rows):
    return {(row["dimension"], row["key"]): (row["period"], row["cumulative"]) for row in rows}


def test_people_are_counted_once_per_cell_and_the_breakdowns_add_up():
    rows = participants.participant_rows({1, 3}, {1, 2, 3, 4}, PEOPLE, GROUPS, top=1)
    cells = rows_by(rows)
    assert cells["total", "total"] == (2, 4)
    assert cells["gender", "female"] == (1, 2)
    assert cells["age_band", "unknown"] == (1, 1)
    assert cells["nationality", "ML"] == (1, 2)
    assert cells["nationality", "other"] == (1, 2)
    assert cells["target_group", "trafficking"] == (1, 1)
    assert cells["vulnerable", "vulnerable"] == (1, 2)
    for dimension in ("gender", "age_band", "nationality"):
        assert sum(period for (dim, _key), (period, _cum) in cells.items() if dim == dimension) == 2
        assert sum(cum for (dim, _key), (_period, cum) in cells.items() if dim == dimension) == 4
    assert participants.adds_up("gender") and not participants.adds_up("target_group")


def test_small_cells_are_hidden_in_the_publication_version_only():
    assert [participants.publication_cell(count) for count in (0, 1, 3, 4, 5, 12)] == [0, "<5", "<5", "<5", 5, 12]
    assert participants.publication_cell(2, threshold=3) == "<3"
    assert participants.publication_cell(2, threshold=0) == 2


def sample_workbook(publication=False):
    rows = participants.participant_rows({1, 3}, {1, 2, 3, 4}, PEOPLE, GROUPS)
    people = [dict(row, dimension_label=row["dimension"], label=str(row["key"])) for row in rows]
    procedural = [{"wp": "WP1", "sessions": 3, "hours": 9, "training_hours": 27, "events": 1, "accesses": 4,
                   "mediation_hours": 2.5, "activities": "=corso"},
                  {"wp": "WP2", "sessions": 1, "hours": 3, "training_hours": 3, "events": 0, "accesses": 0,
                   "mediation_hours": 0}]
    financial = [{"category": "B1", "partner": "Alfa", "budget": 1000, "incurred_period": 100.10,
                  "paid_period": 50, "incurred_cumulative": 300.25, "paid_cumulative": 200.2},
                 {"category": "B6", "partner": "Beta", "budget": 500, "incurred_period": 0.2,
                  "paid_period": 0, "incurred_cumulative": 0.2, "paid_cumulative": 0}]
    indicators = [{"code": "OS1", "name": "Corsi", "unit": "corsi", "target": 10, "period": 1, "cumulative": 4}]
    content = workbook.write_monitoring_workbook([("CUP", "E61H25000000001")], procedural, [], indicators, people,
                                                 financial, publication=publication)
    return openpyxl.load_workbook(io.BytesIO(content))


def test_the_workbook_totals_recompute_to_its_rows():
    book = sample_workbook()
    values = spreadsheet.recalculate(book)
    assert book.sheetnames == ["General data", "Procedural", "Physical", "Participants", "Financial"]
    procedural, people = book["Procedural"], book["Participants"]
    assert procedural["A4"].value == "Total" and procedural["B4"].value == "=SUM(B2:B3)"
    assert values["Procedural", "B4"] == 4 and values["Procedural", "G4"] == Decimal("2.5")
    assert procedural["H2"].value == "=corso", "text stays text"
    assert values["Financial", "D4"] == Decimal("100.3") and values["Financial", "F4"] == Decimal("300.45")
    assert values["Physical", "G2"] == Decimal("0.4")
    totals = [row[0].row for row in people.iter_rows() if row[1].value == "Total"]
    assert len(totals) == 3
    assert all(values["Participants", f"C{row}"] == 2 and values["Participants", f"D{row}"] == 4 for row in totals)


def test_the_publication_workbook_hides_small_cells_and_gives_them_back_nowhere():
    people = sample_workbook(publication=True)["Participants"]
    shown = [cell.value for row in people.iter_rows(min_row=2) for cell in row[2:4]]
    assert "<5" in shown
    assert not [value for value in shown if isinstance(value, int) and 0 < value < 5]
    assert not [value for value in shown if isinstance(value, str) and value.startswith("=")]
