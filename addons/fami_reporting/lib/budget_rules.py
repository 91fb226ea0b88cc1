"""Budget figures with no ORM (tested in tier 1): the summary by work package × category × partner, and the
shifts between cost categories from one budget version to the next, judged against the tolerance the funder allows
without a prior authorisation. Amounts are rounded to the cent as in cost_rules."""
from decimal import Decimal

from .cost_rules import CENT, cents


def percent(part, whole):
    """part / whole in %, to the cent; None when the whole is zero (no budget: no meaningful %)."""
    whole = Decimal(str(whole))
    return (Decimal(str(part)) / whole * 100).quantize(CENT) if whole else None


def summary_rows(planned, actual, committed=None):
    """One row per key found in any of the {key: amount} maps, sorted by key: planned, actual, committed,
    remaining, % used and whether the actual exceeds the plan."""
    committed = committed or {}
    rows = []
    for key in sorted(set(planned) | set(actual) | set(committed)):
        budget, spent = cents(planned.get(key, 0)), cents(actual.get(key, 0))
        rows.append({"key": key, "planned": budget, "actual": spent, "committed": cents(committed.get(key, 0)),
                     "remaining": budget - spent, "percent": percent(spent, budget), "over": spent > budget})
    return rows


def category_shifts(previous, current, tolerance_percent):
    """Change of each category's planned total between two versions ({category: amount} maps), as % of the
    previous amount. A change beyond the tolerance, or money moved into a category that had none, needs the
    funder's authorisation ("beyond": True)."""
    tolerance = Decimal(str(tolerance_percent))
    if tolerance < 0:
        raise ValueError("the tolerance cannot be negative")
    shifts = []
    for category in sorted(set(previous) | set(current)):
        before, after = cents(previous.get(category, 0)), cents(current.get(category, 0))
        change = percent(after - before, before)
        # judged on the exact ratio: a shift of 10.0002 % is beyond a 10 % tolerance though it prints as 10.00
        beyond = after != before and (not before or abs(after - before) * 100 > tolerance * before)
        shifts.append({"category": category, "previous": before, "current": after, "difference": after - before,
                       "percent": change, "beyond": beyond})
    return shifts


def claim_totals(items):
    """Totals of a claim per cost category and per partner.

    items: (category, partner, kind, amount) with kind "expense" or "staff"; category and partner are sortable keys
    (e.g. (sequence, code) tuples). Returns {"category": rows, "partner": rows, "total": {...}}, each row {"key",
    "expense", "staff", "total"} in Decimal cents, sorted by key; every item counts once in each grouping, so both
    groupings add up to the same total."""
    groups = {"category": {}, "partner": {}}
    total = {"expense": Decimal(0), "staff": Decimal(0)}
    for category, partner, kind, amount in items:
        if kind not in total:
            raise ValueError(f"unknown kind {kind!r}: use expense or staff")
        value = cents(amount)
        total[kind] += value
        for grouping, key in (("category", category), ("partner", partner)):
            row = groups[grouping].setdefault(key, {"key": key, "expense": Decimal(0), "staff": Decimal(0)})
            row[kind] += value
    result = {grouping: [dict(row, total=row["expense"] + row["staff"]) for _key, row in sorted(
        rows.items(), key=lambda pair: pair[0])] for grouping, rows in groups.items()}
    result["total"] = dict(total, total=total["expense"] + total["staff"])
    return result
