"""Tier 1: deadlines of fami_partners planned from a project's start and end, without Odoo."""
import importlib.util
from datetime import date
from pathlib import Path

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_partners" / "lib" / "schedule.py"
spec = importlib.util.spec_from_file_location("fami_partners_schedule", PATH)
schedule = importlib.util.module_from_spec(spec)
spec.loader.exec_module(schedule)

START, END = date(2026, 1, 1), date(2028, 12, 31)


def test_single_deadline_from_start_or_end():
    assert schedule.planned_dates(START, END, "start", 1) == [date(2026, 2, 1)]
    assert schedule.planned_dates(START, END, "end", 2) == [date(2029, 2, 28)]
    assert schedule.planned_dates(START, END, "end", 0, 0) == [END]
    assert schedule.planned_dates(START, END, "end", -1, -15) == [date(2028, 11, 15)]


def test_quarterly_reports_cover_every_quarter_of_the_project():
    dates = schedule.planned_dates(START, END, "start", 3, 15, 3)
    assert len(dates) == 12
    assert dates[:2] == [date(2026, 4, 16), date(2026, 7, 16)]
    assert dates[-1] == date(2029, 1, 16)


def test_a_period_that_ends_after_the_project_is_not_planned():
    assert len(schedule.planned_dates(START, date(2028, 11, 30), "start", 3, 15, 3)) == 11


def test_unknown_base_date_plans_nothing():
    assert schedule.planned_dates(None, END, "start", 1) == []
    assert schedule.planned_dates(START, None, "end", 1) == []
    assert schedule.planned_dates(START, None, "start", 3, 0, 3) == []  # repeats need the end


def test_replan_moves_open_deadlines_still_on_their_planned_dates():
    old = [date(2026, 4, 16), date(2026, 7, 16)]
    new = [date(2026, 5, 16), date(2026, 8, 16), date(2026, 11, 16)]
    existing = [(1, date(2026, 4, 16), True), (2, date(2026, 7, 16), True)]
    assert schedule.replan(old, new, existing) == ({1: date(2026, 5, 16), 2: date(2026, 8, 16)}, [],
                                                   [date(2026, 11, 16)])


def test_replan_leaves_done_and_hand_moved_deadlines_alone():
    old = [date(2026, 4, 16), date(2026, 7, 16), date(2026, 10, 16)]
    new = [date(2026, 5, 16), date(2026, 8, 16), date(2026, 11, 16)]
    existing = [(1, date(2026, 4, 16), False), (2, date(2026, 7, 20), True), (3, date(2026, 10, 16), True)]
    assert schedule.replan(old, new, existing) == ({3: date(2026, 11, 16)}, [], [])


def test_replan_cancels_open_occurrences_a_shorter_project_no_longer_has():
    old = [date(2026, 4, 16), date(2026, 7, 16), date(2026, 10, 16)]
    new = [date(2026, 4, 16)]
    existing = [(1, date(2026, 4, 16), True), (2, date(2026, 7, 16), True), (3, date(2026, 10, 16), False)]
    assert schedule.replan(old, new, existing) == ({}, [2], [])


def test_replan_without_change_does_nothing():
    dates = [date(2029, 3, 31)]
    assert schedule.replan(dates, dates, [(7, date(2029, 3, 31), True)]) == ({}, [], [])
