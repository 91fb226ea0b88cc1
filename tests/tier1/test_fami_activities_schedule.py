import importlib.util
from datetime import date, datetime
from pathlib import Path

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_activities" / "lib" / "schedule.py"
spec = importlib.util.spec_from_file_location("schedule", PATH)
schedule = importlib.util.module_from_spec(spec)
spec.loader.exec_module(schedule)


def test_series_on_tuesdays_and_thursdays_skips_holidays_and_given_dates():
    # 2026-12-01 is a Tuesday; 8 Dec (Immacolata) and 24/25 Dec... 8 Dec is a Tuesday holiday
    series = schedule.session_series(date(2026, 12, 1), {1, 3}, 15, 17, 4, skip_dates={date(2026, 12, 17)})
    days = [start.date() for start, _end in series]
    assert date(2026, 12, 8) not in days  # Immacolata Concezione
    assert date(2026, 12, 17) not in days  # skipped on request
    assert date(2026, 12, 25) not in days  # Natale (a Friday anyway) — and 24 Dec is a Thursday, kept
    assert days == [date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 10), date(2026, 12, 15),
                    date(2026, 12, 22), date(2026, 12, 24)]
    assert series[0] == (datetime(2026, 12, 1, 15, 0), datetime(2026, 12, 1, 17, 0))


def test_half_hours_and_invalid_hours():
    (start, end), = schedule.session_series(date(2026, 1, 7), {2}, 9.5, 11.75, 1)
    assert (start.hour, start.minute, end.hour, end.minute) == (9, 30, 11, 45)
    try:
        schedule.session_series(date(2026, 1, 7), {2}, 11, 9, 1)
    except ValueError as error:
        assert "end hour" in str(error)
    else:
        raise AssertionError("an inverted series must be refused")


def test_overlaps_are_half_open():
    assert schedule.overlaps(1, 3, 2, 4)
    assert not schedule.overlaps(1, 2, 2, 3)


def test_daily_limit_of_twelve_hours():
    assert not schedule.daily_hours_exceeded(8, 4)
    assert schedule.daily_hours_exceeded(8, 5)
