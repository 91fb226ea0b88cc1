"""Cost rules of Regulation (EU) 2021/1060 used by the claim, with no ORM (tested in tier 1).

Every amount is a Decimal rounded to the cent with ROUND_HALF_UP, the rounding of Italian accounting; rates are
rounded to the cent per hour before they are multiplied, as the rate is what the claim documents.
"""
from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

CENT = Decimal("0.01")
ANNUAL_HOURS = Decimal(1720)  # Art. 55(2): full-time annual working hours
INDIRECT_CAPS = {"direct_costs": Decimal("7"), "staff_costs": Decimal("15")}  # Art. 54 (a) and (b), in %


def cents(value):
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def hourly_rate(annual_gross_cost, annual_hours=ANNUAL_HOURS):
    """Art. 55: the latest documented annual gross employment cost divided by 1,720 hours."""
    if Decimal(str(annual_gross_cost)) < 0:
        raise ValueError("the annual gross employment cost cannot be negative")
    return cents(Decimal(str(annual_gross_cost)) / Decimal(str(annual_hours)))


def staff_cost(hours, rate):
    """Approved hours × hourly rate."""
    if Decimal(str(hours)) < 0:
        raise ValueError("hours cannot be negative")
    return cents(Decimal(str(hours)) * Decimal(str(rate)))


def indirect_costs(base_amount, rate_percent, base="direct_costs"):
    """Art. 54 flat rate: up to 7 % of eligible direct costs, or up to 15 % of eligible direct staff costs."""
    rate = Decimal(str(rate_percent))
    if base not in INDIRECT_CAPS:
        raise ValueError(f"unknown base {base!r}: use direct_costs or staff_costs")
    if rate < 0 or rate > INDIRECT_CAPS[base]:
        raise ValueError(f"the flat rate on {base} must be between 0 and {INDIRECT_CAPS[base]} %")
    return cents(Decimal(str(base_amount)) * rate / 100)


def flat_rate_on(direct_costs, staff_costs, rate_percent, base="direct_costs"):
    """The flat rate of a budget or a claim on the base it chose: all its direct costs, or its staff costs only."""
    return indirect_costs(staff_costs if base == "staff_costs" else direct_costs, rate_percent, base)


def eligible_amount(taxable, vat, vat_eligible):
    """Recoverable VAT is not eligible: the VAT counts only where the partner cannot recover it."""
    return cents(Decimal(str(taxable)) + (Decimal(str(vat)) if vat_eligible else 0))


def amount_in_words(amount):
    """The amount in Italian words as num2words renders it: '... euro e ottantanove centesimi'."""
    value = cents(amount)
    euros, hundredths = divmod(int(value * 100), 100)
    words = f"{num2words(euros, lang='it')} euro"
    return f"{words} e {num2words(hundredths, lang='it')} centesimi" if hundredths else words
