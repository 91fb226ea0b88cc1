"""The participants section of a monitoring return: distinct people counted once per cell; no Odoo import (tier 1).

A person is a key of `people` with the attributes the return breaks down by. Counts are of distinct people: a person
with three activities in the quarter counts once in each breakdown. Breakdowns by sex, age band and nationality
add up to the total (people without an age band are counted as "unknown"); a person belongs to several target
groups, so those rows do not add up. Special-category groups (GDPR art. 9) appear only as counts.
"""
from collections import Counter

GENDERS = ("female", "male", "non_binary")
AGE_BANDS = ("under_18", "18_29", "30_54", "55_64", "65_plus")
UNKNOWN = "unknown"
OTHER = "other"
# the dimensions, in the order of the section; those marked True add up to the total
DIMENSIONS = (("total", True), ("gender", True), ("age_band", True), ("nationality", True),
              ("target_group", False), ("vulnerable", False))


def participant_rows(period_ids, cumulative_ids, people, target_groups, top=10):
    """Rows {dimension, key, period, cumulative} of the participants section.

    period_ids, cumulative_ids: the people reached in the period and up to its end (the first within the second);
    people: {person: {"gender", "age_band", "country", "groups": set of group keys}};
    target_groups: [(group key, is vulnerability)] in the order to show them;
    top: nationalities shown one by one (by people reached up to the period's end), the others together as "other".
    """
    period_ids, cumulative_ids = set(period_ids), set(cumulative_ids) | set(period_ids)
    vulnerable_keys = {key for key, is_vulnerability in target_groups if is_vulnerability}
    period, cumulative = _tally(period_ids, people, vulnerable_keys), _tally(cumulative_ids, people, vulnerable_keys)
    rows = [{"dimension": "total", "key": "total", "period": len(period_ids), "cumulative": len(cumulative_ids)}]
    for dimension, keys in (("gender", GENDERS), ("age_band", AGE_BANDS)):
        rows += [_row(dimension, key, period[dimension, key], cumulative[dimension, key]) for key in keys]
        if period[dimension, UNKNOWN] or cumulative[dimension, UNKNOWN]:
            rows.append(_row(dimension, UNKNOWN, period[dimension, UNKNOWN], cumulative[dimension, UNKNOWN]))

    by_country = {key: number for (dimension, key), number in cumulative.items() if dimension == "nationality"}
    ranked = sorted(by_country, key=lambda country: (-by_country[country], str(country)))
    shown = ranked[:top]
    rows += [_row("nationality", country, period["nationality", country], by_country[country]) for country in shown]
    if len(ranked) > top:
        rows.append(_row("nationality", OTHER, sum(period["nationality", country] for country in ranked[top:]),
                         sum(by_country[country] for country in ranked[top:])))
    rows += [_row("target_group", key, period["target_group", key], cumulative["target_group", key])
             for key, _is_vulnerability in target_groups]
    rows.append(_row("vulnerable", "vulnerable", period["vulnerable", "vulnerable"],
                     cumulative["vulnerable", "vulnerable"]))
    return rows


def _tally(ids, people, vulnerable_keys):
    """How many of the people `ids` fall in each (dimension, key), in one pass over them."""
    tally = Counter()
    for person in ids:
        attributes = people.get(person, {})
        gender, band = attributes.get("gender"), attributes.get("age_band")
        groups = set(attributes.get("groups", ()))
        tally["gender", gender if gender in GENDERS else UNKNOWN] += 1
        tally["age_band", band if band in AGE_BANDS else UNKNOWN] += 1
        tally["nationality", attributes.get("country") or UNKNOWN] += 1
        tally.update(("target_group", key) for key in groups)
        if vulnerable_keys & groups:
            tally["vulnerable", "vulnerable"] += 1
    return tally


def _row(dimension, key, period, cumulative):
    return {"dimension": dimension, "key": key, "period": period, "cumulative": cumulative}


def adds_up(dimension):
    """True when the rows of `dimension` add up to the total (every person in exactly one row)."""
    return dict(DIMENSIONS).get(dimension, False)


def publication_cell(count, threshold=5):
    """What the publication version shows for a count: the count, or "<threshold" for 1 to threshold - 1 people
    (small cells could point at a person; nobody is pointed at by a zero)."""
    if threshold and 0 < count < threshold:
        return f"<{threshold}"
    return count
