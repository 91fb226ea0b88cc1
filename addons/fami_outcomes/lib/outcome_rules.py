"""Rules of certificates, follow-ups and the network's activity that need no ORM (tier-1 tests in
tests/tier1/test_fami_outcomes_rules.py)."""
import calendar
from datetime import date, timedelta

# participants' attendance is compared the way fami.course.enrolment computes it: the share of the hours of every
# session of the course, as a percentage rounded to two decimals
PERCENT_DIGITS = 2


def attendance_percent(attended, total):
    """Hours attended as a percentage of the course's hours (0 for a course without hours)."""
    return round(attended / total * 100, PERCENT_DIGITS) if total else 0.0


def required_hours(total, minimum_percent):
    """The hours a participant must attend to reach the minimum share of a course of `total` hours."""
    return round(total * minimum_percent / 100, 2)


def is_eligible(attended, total, minimum_percent):
    """A certificate of attendance is due from the course's minimum attendance on (a course with hours only)."""
    return bool(total) and attendance_percent(attended, total) >= minimum_percent


def format_hours(value, decimal_point="."):
    """Hours for people: at most two decimals, no trailing zeros (6, 4.2, 2.25), in the language's decimal point."""
    text = f"{round(value or 0.0, 2):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", decimal_point) if text else "0"


def add_months(day, months):
    """`day` moved by `months` calendar months, on the last day of the month when that month is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quarter_of(day):
    """(year, quarter 1-4) of a date."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year, quarter):
    """First and last day of a calendar quarter."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter {quarter!r} is not 1, 2, 3 or 4")
    first = date(year, 3 * quarter - 2, 1)
    return first, add_months(first, 3) - timedelta(days=1)


def count_activity(evidence):
    """{organisation: {kind: number of distinct records}} from (organisation, kind, record) triples, e.g.
    (ARPAL, "meetings", 12): an organisation present twice at the same meeting counts it once."""
    seen = {}
    for organisation, kind, record in evidence:
        seen.setdefault(organisation, {}).setdefault(kind, set()).add(record)
    return {organisation: {kind: len(records) for kind, records in kinds.items()}
            for organisation, kinds in seen.items()}
