"""Calendar rules that need no ORM (tested in tier 1): session series, overlaps, daily hour limits."""
from datetime import date, datetime, time, timedelta

import holidays


def session_series(first_day, weekdays, start_hour, end_hour, weeks, skip_dates=(), country="IT"):
    """(start, end) datetimes of a series: every given weekday (0 = Monday) for `weeks` weeks from `first_day`,
    skipping the country's public holidays and the given dates. Hours are floats (15.5 = 15:30)."""
    if end_hour <= start_hour:
        raise ValueError("the end hour must come after the start hour")
    public_holidays = holidays.country_holidays(country, years=range(first_day.year, first_day.year + 2 + weeks // 52))
    skipped = set(skip_dates)
    series = []
    for offset in range(weeks * 7):
        day = first_day + timedelta(days=offset)
        if day.weekday() in weekdays and day not in public_holidays and day not in skipped:
            series.append((_at(day, start_hour), _at(day, end_hour)))
    return series


def _at(day: date, hour: float) -> datetime:
    minutes = round(hour * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60))


def overlaps(start_a, end_a, start_b, end_b):
    """Half-open intervals [start, end) overlap: back-to-back slots do not."""
    return start_a < end_b and start_b < end_a


def daily_hours_exceeded(existing_hours, new_hours, limit=12.0):
    """True when adding `new_hours` to the hours already recorded that day passes the limit."""
    return existing_hours + new_hours > limit + 1e-9


# FAMI 2021-2027: costs are eligible from 1 January 2021 to 31 December 2029 (the n+2 closure of the programme).
PROGRAMME_YEARS = (2021, 2029)


def timesheet_problem(day, hours, other_hours_that_day):
    """Why hours recorded on a FAMI project are impossible, or None. Codes: "date" (outside the programme years),
    "hours" (not more than 0 and at most 24), "day" (the person's day would pass 24 hours)."""
    if not PROGRAMME_YEARS[0] <= day.year <= PROGRAMME_YEARS[1]:
        return "date"
    if not 0 < hours <= 24:  # NaN fails both comparisons, so it is refused too
        return "hours"
    if other_hours_that_day + hours > 24 + 1e-9:
        return "day"
    return None
