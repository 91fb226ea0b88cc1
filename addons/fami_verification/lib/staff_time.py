"""Working time of the people charged to the project, with no ORM (tested in tier 1).

Reg. (EU) 2021/1060 art. 55(2): a full-time person works 1,720 hours a year; a part-time person pro rata of their
working time. A person's approved hours on all funded projects together, in a calendar year, cannot exceed that. A
letter of assignment gives either a number of hours or a share of the person's working time over its period.
"""
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

ANNUAL_HOURS = Decimal(1720)
HUNDREDTH = Decimal("0.01")


def _hours(value):
    return Decimal(str(value)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def annual_cap(working_time_percent):
    """The hours a person may charge in a year: 1,720 x their working time (100 % full time, 50 % half time)."""
    share = Decimal(str(working_time_percent))
    if not 0 < share <= 100:
        raise ValueError("the working time must be more than 0 and at most 100 % of full time")
    return _hours(ANNUAL_HOURS * share / 100)


def year_fraction(date_start, date_end):
    """The part of a year a period covers, counted in days, year by year (a leap year has 366 days)."""
    if date_end < date_start:
        raise ValueError("the period ends before it starts")
    fraction = Decimal(0)
    for year in range(date_start.year, date_end.year + 1):
        first, last = max(date_start, date(year, 1, 1)), min(date_end, date(year, 12, 31))
        length = (date(year, 12, 31) - date(year, 1, 1)).days + 1
        fraction += Decimal((last - first).days + 1) / length
    return fraction


def assignment_cap(basis, hours, share_percent, working_time_percent, date_start, date_end):
    """The hours a letter of assignment allows: its hours, or its share of the person's working time over its
    period (1,720 x working time x share x the part of the year covered)."""
    if basis == "hours":
        if Decimal(str(hours)) <= 0:
            raise ValueError("the hours of an assignment must be more than 0")
        return _hours(hours)
    share = Decimal(str(share_percent))
    if not 0 < share <= 100:
        raise ValueError("the share of time must be more than 0 and at most 100 %")
    return _hours(annual_cap(working_time_percent) * share / 100 * year_fraction(date_start, date_end))


def overlaps(start_a, end_a, start_b, end_b):
    """Two spans of the same day (hours as floats, 9.5 = 9:30) share some time; touching ends do not."""
    return start_a < end_b and start_b < end_a


def month_starts(date_start, date_end):
    """The first day of every month from date_start's to date_end's."""
    month = date_start.replace(day=1)
    while month <= date_end:
        yield month
        month = (month + timedelta(days=32)).replace(day=1)
