import importlib.util
from datetime import date
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_outcomes" / "lib" / "outcome_rules.py"
spec = importlib.util.spec_from_file_location("outcome_rules", PATH)
rules = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rules)


def test_the_minimum_attendance_is_a_share_of_the_course_hours():
    assert rules.required_hours(6, 70) == 4.2
    assert rules.is_eligible(4.2, 6, 70)
    assert not rules.is_eligible(4.0, 6, 70)
    assert rules.is_eligible(6, 6, 100)
    assert not rules.is_eligible(0, 0, 0), "a course without hours certifies nobody"


def test_eligibility_rounds_like_the_enrolment_percentage():
    # 2/3 of the hours is 66.67 %, as fami.course.enrolment stores it: eligible for a 66.67 % minimum
    assert rules.attendance_percent(2, 3) == 66.67
    assert rules.is_eligible(2, 3, 66.67)
    assert not rules.is_eligible(2, 3, 66.68)


@pytest.mark.parametrize(("value", "point", "text"), [
    (6.0, ".", "6"), (4.2, ".", "4.2"), (2.25, ",", "2,25"), (10.5, ",", "10,5"), (0, ".", "0"), (None, ",", "0"),
    (1.005, ".", "1"), (7.999, ",", "8")])
def test_hours_are_written_without_trailing_zeros(value, point, text):
    assert rules.format_hours(value, point) == text


def test_follow_up_months_keep_the_day_or_take_the_last_of_a_shorter_month():
    assert rules.add_months(date(2026, 4, 21), 6) == date(2026, 10, 21)
    assert rules.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert rules.add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert rules.add_months(date(2026, 11, 30), 14) == date(2028, 1, 30)


def test_quarters():
    assert rules.quarter_of(date(2026, 1, 1)) == (2026, 1)
    assert rules.quarter_of(date(2026, 9, 30)) == (2026, 3)
    assert rules.quarter_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 3, 31))
    assert rules.quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    with pytest.raises(ValueError, match="quarter 5"):
        rules.quarter_bounds(2026, 5)


def test_activity_counts_distinct_records_per_organisation_and_kind():
    evidence = [("ARPAL", "meetings", 1), ("ARPAL", "meetings", 1), ("ARPAL", "sessions", 7),
                ("ARPAL", "sessions", 8), ("USL", "events", 3)]
    assert rules.count_activity(evidence) == {"ARPAL": {"meetings": 1, "sessions": 2}, "USL": {"events": 1}}
    assert rules.count_activity([]) == {}
