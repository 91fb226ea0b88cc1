"""Expiry of documents, without Odoo (tested in tier 1): the state of a document on a day, the domain that finds
the documents in a state, and the certificate that fails to cover a day."""
from datetime import timedelta

EXPIRING_DAYS = 30
STATES = ("no_expiry", "valid", "expiring", "expired")


def expiry_state(date_expiry, today, window=EXPIRING_DAYS):
    """no_expiry, expired (before today), expiring (today .. today + window) or valid."""
    if not date_expiry:
        return "no_expiry"
    if date_expiry < today:
        return "expired"
    if date_expiry <= today + timedelta(days=window):
        return "expiring"
    return "valid"


def state_domain(states, today, window=EXPIRING_DAYS):
    """Domain on `date_expiry` of the documents whose expiry_state is one of `states` on `today` (an OR of the
    states' conditions, in Odoo's prefix notation)."""
    soon = today + timedelta(days=window)
    conditions = {
        "no_expiry": [("date_expiry", "=", False)],
        "expired": [("date_expiry", "<", today)],
        "expiring": ["&", ("date_expiry", ">=", today), ("date_expiry", "<=", soon)],
        "valid": [("date_expiry", ">", soon)],
    }
    chosen = [conditions[state] for state in STATES if state in states]
    if not chosen:
        return [("id", "=", 0)]
    return ["|"] * (len(chosen) - 1) + [term for condition in chosen for term in condition]


def covers(date_issue, date_expiry, day):
    """A document covers `day` when it was issued by then (or has no issue date) and had not expired yet."""
    return (not date_issue or date_issue <= day) and (not date_expiry or date_expiry >= day)


def uncovered(certificates, day):
    """Of `certificates` — (key, date_issue, date_expiry) of one holder and one type — None when one of them covers
    `day`; otherwise ("expired", key) of the one that expired last before `day`, or ("not_yet_valid", key) of the
    first one issued after it. An empty list is None: no certificate held, nothing to check."""
    if not certificates or any(covers(issued, expiry, day) for _key, issued, expiry in certificates):
        return None
    expired = [(expiry, key) for key, _issued, expiry in certificates if expiry and expiry < day]
    if expired:
        return "expired", max(expired, key=lambda item: item[0])[1]
    later = [(issued, key) for key, issued, _expiry in certificates if issued and issued > day]
    return "not_yet_valid", min(later, key=lambda item: item[0])[1]
