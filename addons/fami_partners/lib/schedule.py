"""Dates of a project's deadlines, planned from its start and end; no Odoo import."""
from dateutil.relativedelta import relativedelta


def planned_dates(date_start, date_end, offset_base="start", offset_months=0, offset_days=0, repeat_months=0):
    """Dates of one template deadline in a project running from ``date_start`` to ``date_end``.

    The deadline falls ``offset_months`` and ``offset_days`` after the project's start or end (``offset_base``);
    negative offsets count backwards. With ``repeat_months`` it closes a period of that many months (e.g. a quarterly
    monitoring report due 15 days after each quarter) and repeats for every period that ends within the project.
    Returns an empty list while the date it is counted from is unknown.
    """
    base = date_start if offset_base == "start" else date_end
    if not base:
        return []
    if not repeat_months or repeat_months <= 0:
        return [base + relativedelta(months=offset_months, days=offset_days)]
    last_period_end = (date_end or base) + relativedelta(days=1)
    dates, step = [], 0
    while base + relativedelta(months=offset_months + step * repeat_months) <= last_period_end:
        dates.append(base + relativedelta(months=offset_months + step * repeat_months, days=offset_days))
        step += 1
    return dates
