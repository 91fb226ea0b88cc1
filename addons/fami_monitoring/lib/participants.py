"""The participants section of a monitoring return: distinct people counted once per cell; no Odoo import (tier 1).

A person is a key of `people` with the attributes the return breaks down by. Counts are of distinct people: a person
with three activities in the quarter counts once in each breakdown. Breakdowns by sex, age band and nationality
add up to the total (people without an age band are counted as "unknown"); a person belongs to several target
groups, so those rows do not add up. Special-category groups (GDPR art. 9) appear only as counts.
"""

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
    rows = [{"dimension": "total", "key": "total", "period": len(period_ids), "cumulative": len(cumulative_ids)}]

    def count(ids, test):
        return sum(1 for person in ids if test(people.get(person, {})))

    for dimension, keys in (("gender", GENDERS), ("age_band", AGE_BANDS)):
        for key in keys:
            rows.append(_row(dimension, key, count(period_ids, lambda p, k=key, d=dimension: p.get(d) == k),
                             count(cumulative_ids, lambda p, k=key, d=dimension: p.get(d) == k)))
        unknown = (count(period_ids, lambda p, d=dimension, ks=keys: p.get(d) not in ks),
                   count(cumulative_ids, lambda p, d=dimension, ks=keys: p.get(d) not in ks))
        if any(unknown):
            rows.append(_row(dimension, UNKNOWN, *unknown))

    by_country = {}
    for person in cumulative_ids:
        country = people.get(person, {}).get("country") or UNKNOWN
        by_country[country] = by_country.get(country, 0) + 1
    ranked = sorted(by_country, key=lambda country: (-by_country[country], str(country)))
    shown = ranked[:top]
    for country in shown:
        rows.append(_row("nationality", country,
                         count(period_ids, lambda p, c=country: (p.get("country") or UNKNOWN) == c),
                         by_country[country]))
    if len(ranked) > top:
        rows.append(_row("nationality", OTHER,
                         count(period_ids, lambda p: (p.get("country") or UNKNOWN) not in shown),
                         sum(by_country[country] for country in ranked[top:])))

    vulnerable_keys = {key for key, is_vulnerability in target_groups if is_vulnerability}
    for key, _is_vulnerability in target_groups:
        rows.append(_row("target_group", key, count(period_ids, lambda p, k=key: k in p.get("groups", ())),
                         count(cumulative_ids, lambda p, k=key: k in p.get("groups", ()))))
    rows.append(_row("vulnerable", "vulnerable",
                     count(period_ids, lambda p: bool(vulnerable_keys & set(p.get("groups", ())))),
                     count(cumulative_ids, lambda p: bool(vulnerable_keys & set(p.get("groups", ()))))))
    return rows


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
