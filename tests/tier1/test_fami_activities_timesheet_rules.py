"""Tier 1: the plausibility rule of hours recorded on a FAMI project (fami_activities/lib/schedule.py)."""
import importlib.util
from datetime import date
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_activities" / "lib" / "schedule.py"
spec = importlib.util.spec_from_file_location("fami_activities_schedule", PATH)
schedule = importlib.util.module_from_spec(spec)
spec.loader.exec_module(schedule)


@pytest.mark.parametrize("day, hours, others, expected", [
    (date(2026, 4, 1), 2, 0, None),
    (date(2026, 4, 1), 24, 0, None),
    (date(2026, 4, 1), 8, 16, None),
    (date(1900, 1, 1), 2, 0, "date"),
    (date(2100, 1, 1), 2, 0, "date"),
    (date(2020, 12, 31), 2, 0, "date"),
    (date(2029, 12, 31), 2, 0, None),
    (date(2026, 4, 1), 0, 0, "hours"),
    (date(2026, 4, 1), -1, 0, "hours"),
    (date(2026, 4, 1), 25, 0, "hours"),
    (date(2026, 4, 1), float("nan"), 0, "hours"),
    (date(2026, 4, 1), 9, 16, "day"),
])
def test_timesheet_problem(day, hours, others, expected):
    assert schedule.timesheet_problem(day, hours, others) == expected
