"""Bounds on the amounts, counts and dates of the suite's records, with no ORM (tested in tier 1).

The input guard of fami_workflow (``models/base.py``) checks every number and date field that the suite's addons
define on the suite's models (``fami.*`` and the models a FAMI workflow governs) against a bound chosen by the
field's type; a model declares another bound, or none, for a field in its ``_fami_bounds`` class attribute, with
the reason beside it:

- amounts and other decimal figures: from 0 to 1,000,000,000 (the whole project is about EUR 1.5 M);
- counts (integers): from 0 to 2,147,483,647, the largest value an integer column holds; ``sequence`` fields only
  order records and may be negative;
- dates: within the FAMI 2021-2027 programme, 1 January 2021 to 31 December 2029 (Reg. (EU) 2021/1060 art. 63:
  expenditure is eligible when incurred and paid between these dates);
- figures the ORM computes and stores from those (a budget line's quantity x unit cost, an event's participants)
  are checked once computed, both ways, so that a sum cannot overflow its column or pass the limit of an amount.
"""
import math
from dataclasses import dataclass
from datetime import date

AMOUNT_MAX = 10**9
INTEGER_MAX = 2**31 - 1  # PostgreSQL's integer
PROGRAMME_START = date(2021, 1, 1)
PROGRAMME_END = date(2029, 12, 31)

NUMBER_TYPES = frozenset({"float", "monetary", "integer"})
DATE_TYPES = frozenset({"date", "datetime"})
BOUNDED_TYPES = NUMBER_TYPES | DATE_TYPES


@dataclass(frozen=True)
class Bound:
    """The closed interval [low, high] a field's value must fall in; None on one side leaves that side open."""

    low: object = None
    high: object = None
    programme: bool = False  # the interval is the programme's eligibility period (said so in the message)

    def problem(self, value):
        """"low" when `value` is under the bound, "high" when over it, None when inside."""
        if self.low is not None and value < self.low:
            return "low"
        if self.high is not None and value > self.high:
            return "high"
        return None


AMOUNT = Bound(0, AMOUNT_MAX)
COMPUTED_AMOUNT = Bound(-AMOUNT_MAX, AMOUNT_MAX)  # e.g. what remains of a budget line, negative once overspent
# an amount whose model refuses a negative (or zero) value itself, in words of its own
AMOUNT_CAP = Bound(None, AMOUNT_MAX)
COUNT = Bound(0, INTEGER_MAX)
COMPUTED_COUNT = Bound(-INTEGER_MAX - 1, INTEGER_MAX)
ORDER = Bound(-INTEGER_MAX - 1, INTEGER_MAX)
PROGRAMME = Bound(PROGRAMME_START, PROGRAMME_END, programme=True)
# deadlines of the reporting that follows the end of eligibility: final claim, release of the advance's guarantee
CLOSURE = Bound(PROGRAMME_START, date(PROGRAMME_END.year + 2, 12, 31))
# projects of earlier programmes (ERF from 2000, EIF 2007-2013, FAMI 2014-2020), kept for the retention of their
# records, and this programme's, which end with its eligibility
PROJECT = Bound(date(2000, 1, 1), PROGRAMME_END)
# documents issued before the programme (a statute, a passport) or valid after it (a residence permit)
DOCUMENT = Bound(date(1950, 1, 1), date(2099, 12, 31))
# a number of days or months that moves a date: up to a hundred years, so that the date it gives stays a real date
DAYS = Bound(0, 36_600)
SIGNED_DAYS = Bound(-36_600, 36_600)
MONTHS = Bound(0, 1_200)
SIGNED_MONTHS = Bound(-1_200, 1_200)


def default_bound(field_type, field_name, computed=False):
    """The bound of a field by its type and name, when its model declares none; None: not bounded."""
    if field_type not in BOUNDED_TYPES:
        return None
    if field_type in DATE_TYPES:
        return None if computed else PROGRAMME
    if field_name == "sequence":
        return ORDER
    if field_type == "integer":
        return COMPUTED_COUNT if computed else COUNT
    return COMPUTED_AMOUNT if computed else AMOUNT


def is_not_finite(value):
    """NaN and infinities, which JSON-RPC and XML-RPC both carry."""
    return isinstance(value, float) and not math.isfinite(value)


def as_number(value):
    """The number in a value sent for a number field (int, float, or a string of digits), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None  # the ORM refuses it in its own words
    return None
