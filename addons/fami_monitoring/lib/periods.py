"""Periods of the monitoring returns and the domains that place a record in one; no Odoo import (tier 1)."""
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta


def planned_period(project_start, project_end, number, offset_months, repeat_months):
    """(first day, last day) of the period that occurrence `number` (from 1) of a repeating deadline closes.

    A template deadline due `offset_months` (and some days) after the project's start and repeated every
    `repeat_months` (fami_partners/lib/schedule.py) closes the period ending the day before
    start + offset + (number - 1) × repeat months: the quarterly return due on 16 April reports January-March.
    The first period starts with the project; the last one ends with it. None when the rule does not repeat.
    """
    if not project_start or not repeat_months or repeat_months <= 0 or number < 1:
        return None
    end_exclusive = project_start + relativedelta(months=offset_months + (number - 1) * repeat_months)
    start = project_start if number == 1 else end_exclusive - relativedelta(months=repeat_months)
    last = end_exclusive - timedelta(days=1)
    if project_end and last > project_end:
        last = project_end
    return (start, last) if last >= start else None


def period_before(due_date, project_start=None, months=3):
    """The `months` ending on the last day of the month before `due_date` (a return due on 16 April reports
    January-March), not before the project's start; None when nothing of it falls after the start."""
    last = due_date.replace(day=1) - timedelta(days=1)
    start = last + timedelta(days=1) - relativedelta(months=months)
    if project_start and start < project_start:
        start = project_start
    return (start, last) if last >= start else None


def previous_period(date_from, date_to):
    """The period of the same length just before [date_from, date_to]: as many whole months when it is made of
    whole months (the quarter before a quarter), else as many days."""
    after = date_to + timedelta(days=1)
    if date_from.day == 1 and after.day == 1:
        months = (after.year - date_from.year) * 12 + after.month - date_from.month
        return date_from - relativedelta(months=months), date_from - timedelta(days=1)
    length = (date_to - date_from).days + 1
    return date_from - timedelta(days=length), date_from - timedelta(days=1)


def period_domain(path, date_from=None, date_to=None, is_datetime=False):
    """An Odoo domain keeping the records whose date at `path` (a field, or a dotted path such as
    "session_id.start") falls between `date_from` and `date_to` (days, both included; None: open).

    Both bounds apply to the same record at the end of the path ("any" on each link), so that a participant whose
    sessions fall before and after a quarter is not taken as one inside it. Datetimes compare from midnight of the
    first day to midnight after the last.
    """
    def bound(day):
        if isinstance(day, datetime):
            day = day.date()
        return f"{day.isoformat()} 00:00:00" if is_datetime else day.isoformat()

    *links, last = path.split(".")
    leaf = []
    if date_from:
        leaf.append((last, ">=", bound(date_from)))
    if date_to:
        leaf.append((last, "<", bound(date_to + timedelta(days=1))) if is_datetime else (last, "<=", bound(date_to)))
    if not leaf:
        return []
    domain = leaf
    for link in reversed(links):
        domain = [(link, "any", domain)]
    return domain


def years_between(date_from, date_to):
    """The calendar years touched by [date_from, date_to], e.g. for the yearly EU indicators."""
    return list(range(date_from.year, date_to.year + 1))


def year_bounds(year):
    return date(year, 1, 1), date(year, 12, 31)
