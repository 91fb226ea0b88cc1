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


def replan(old_dates, new_dates, existing):
    """How the deadlines planned from one template deadline follow a change of the project's dates.

    ``old_dates`` and ``new_dates`` are the dates the template deadline gave before and after the change,
    ``existing`` the (key, date, is_open) of the deadlines planned from it, in the order they were planned. An open
    deadline still on the date it was planned for moves to its new date, or is cancelled when the new period no
    longer has it; a deadline done, cancelled or moved by hand stays as it is; the occurrences the new period adds
    are created. Returns (moves: {key: new date}, cancels: [key], creates: [date]).
    """
    moves, cancels = {}, []
    for index, (key, current, is_open) in enumerate(existing):
        planned = old_dates[index] if index < len(old_dates) else None
        if not is_open or current != planned:
            continue
        if index >= len(new_dates):
            cancels.append(key)
        elif new_dates[index] != current:
            moves[key] = new_dates[index]
    return moves, cancels, list(new_dates[len(existing):])
