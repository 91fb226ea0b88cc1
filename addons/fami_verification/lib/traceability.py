"""Traceability of payments (Law 136/2010 art. 3) and codes of procurement (D.Lgs. 36/2023), with no ORM.

- CIG (codice identificativo di gara, ANAC): 10 letters or digits, on the invoice and the payment of a purchase made
  under a procurement procedure;
- CUP (codice unico di progetto): the project's, on every invoice charged to it;
- payments by traced means (bank or postal transfer, card) from the account dedicated to the project; cash only up
  to a small amount, a setting of the project;
- one invoice charged to several budget lines: its parts add up to the invoice, to the cent.
"""
import re
from decimal import ROUND_HALF_UP, Decimal

CIG_PATTERN = re.compile(r"^[A-Z0-9]{10}$")
TRACED_METHODS = frozenset({"transfer", "postal", "card"})  # need the dedicated account
CENT = Decimal("0.01")


def cents(value):
    return Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


def normalize_code(value):
    """Codes are typed with spaces, dashes and lower case; they are kept as upper-case letters and digits only."""
    return re.sub(r"[^0-9A-Za-z]", "", value or "").upper() or False


def is_valid_cig(value):
    return bool(value) and bool(CIG_PATTERN.match(value))


def cash_refused(method, amount, limit):
    """A payment in cash above the project's limit is not eligible."""
    return method == "cash" and cents(amount) > cents(limit)


def split_difference(invoice_total, parts):
    """What the parts of an invoice are short of (positive) or over (negative) the invoice, to the cent."""
    return cents(invoice_total) - sum((cents(part) for part in parts), Decimal(0))
