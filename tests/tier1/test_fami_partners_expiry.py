"""Tier 1: expiry states, their search domains and the certificate that fails a day (fami_partners lib/expiry.py)."""
import importlib.util
from datetime import date, timedelta
from pathlib import Path

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_partners" / "lib" / "expiry.py"
spec = importlib.util.spec_from_file_location("fami_partners_expiry", PATH)
expiry = importlib.util.module_from_spec(spec)
spec.loader.exec_module(expiry)

TODAY = date(2026, 3, 10)


def _matches(domain, value):
    """Evaluate a prefix-notation domain on `date_expiry` alone."""
    def term(leaf):
        _field, operator, operand = leaf
        if operator == "=":
            return value == operand if operand is not False else not value
        if not value:
            return False
        return {"<": value < operand, "<=": value <= operand, ">": value > operand, ">=": value >= operand}[operator]

    def evaluate(position):
        token = domain[position]
        if token in ("|", "&"):
            left, after_left = evaluate(position + 1)
            right, after_right = evaluate(after_left)
            return (left or right if token == "|" else left and right), after_right
        return term(token), position + 1

    result, end = evaluate(0)
    assert end == len(domain)
    return result


def test_states_around_today():
    assert expiry.expiry_state(None, TODAY) == "no_expiry"
    assert expiry.expiry_state(TODAY - timedelta(days=1), TODAY) == "expired"
    assert expiry.expiry_state(TODAY, TODAY) == "expiring"
    assert expiry.expiry_state(TODAY + timedelta(days=30), TODAY) == "expiring"
    assert expiry.expiry_state(TODAY + timedelta(days=31), TODAY) == "valid"


def test_domains_agree_with_the_states():
    days = [None] + [TODAY + timedelta(days=offset) for offset in range(-3, 35)]
    for states in (["expired"], ["expiring"], ["valid"], ["no_expiry"], ["expired", "expiring"],
                   ["valid", "no_expiry", "expired"]):
        domain = expiry.state_domain(set(states), TODAY)
        for day in days:
            assert _matches(domain, day) == (expiry.expiry_state(day, TODAY) in states), (states, day)
    assert expiry.state_domain(set(), TODAY) == [("id", "=", 0)]


def test_a_certificate_covers_the_days_from_issue_to_expiry():
    assert expiry.covers(date(2026, 1, 1), date(2026, 4, 30), date(2026, 4, 30))
    assert not expiry.covers(date(2026, 1, 1), date(2026, 4, 30), date(2026, 5, 1))
    assert not expiry.covers(date(2026, 1, 1), date(2026, 4, 30), date(2025, 12, 31))
    assert expiry.covers(None, None, TODAY)


def test_the_certificate_that_fails_a_day():
    old = ("old", date(2025, 6, 1), date(2025, 9, 28))
    lapsed = ("lapsed", date(2025, 10, 1), date(2026, 1, 29))
    future = ("future", date(2026, 4, 1), date(2026, 7, 30))
    assert expiry.uncovered([], TODAY) is None
    assert expiry.uncovered([old, lapsed, future], TODAY) == ("expired", "lapsed")
    assert expiry.uncovered([future], TODAY) == ("not_yet_valid", "future")
    assert expiry.uncovered([old, lapsed, future], date(2026, 4, 2)) is None
    assert expiry.uncovered([lapsed, ("renewed", date(2026, 1, 30), date(2026, 5, 29))], TODAY) is None
