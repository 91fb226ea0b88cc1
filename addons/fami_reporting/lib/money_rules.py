"""The project's money with no ORM (tested in tier 1): the advance and the guarantee that backs it, the advance
recovered from each claim, each partner's share of a payment, shares of a claim.

Every figure of the grant agreement (the advance's percentage, the months a guarantee outlives the project, the
recovery rule and its percentage) is a setting of the project that the models pass in: none is a constant here.
Amounts are Decimal, rounded to the cent half up as in cost_rules.
"""
from decimal import ROUND_DOWN, Decimal

from dateutil.relativedelta import relativedelta

from .cost_rules import CENT, cents

# how the grant agreement recovers the advance: a share of each interim claim until it is covered, or all of it from
# the final claim; the final claim always recovers what is left
RECOVERY_RULES = ("share", "final")
# why a guarantee does not back an advance, in the order they are checked
GUARANTEE_PROBLEMS = ("missing", "not_issued", "amount", "expiry")


def _percent(value, what):
    value = Decimal(str(value))
    if not Decimal(0) <= value <= Decimal(100):
        raise ValueError(f"{what} must be between 0 and 100 %, not {value}")
    return value


def advance_cap(total_budget, advance_percent):
    """The largest advance the agreement allows: `advance_percent` % of the project's total budget."""
    return cents(Decimal(str(total_budget)) * _percent(advance_percent, "the advance") / 100)


def guarantee_required_until(project_end, months_after_end):
    """The last day a guarantee must cover: the end of the project plus the months the agreement asks."""
    if months_after_end < 0:
        raise ValueError("the months after the end cannot be negative")
    return project_end + relativedelta(months=months_after_end)


def guarantee_problem(advance_amount, guarantee, required_until):
    """Why `guarantee` does not back an advance of `advance_amount`, or None when it does.

    guarantee: None, or (issued, amount, valid_until) — issued a bool, valid_until a date or None. The problem is one
    of GUARANTEE_PROBLEMS: "missing" (no guarantee), "not_issued", "amount" (less than the advance), "expiry" (valid
    until a day before `required_until`)."""
    if guarantee is None:
        return "missing"
    issued, amount, valid_until = guarantee
    if not issued:
        return "not_issued"
    if cents(amount) < cents(advance_amount):
        return "amount"
    if not valid_until or valid_until < required_until:
        return "expiry"
    return None


def advance_recovery(requested, advance, recovered_before, rule, percent, final=False):
    """The advance a claim of `requested` recovers: by the `rule` of RECOVERY_RULES, never more than what earlier
    claims left of the `advance` (`recovered_before`), never more than the claim. "share": `percent` % of each claim;
    "final": nothing until the final claim. The final claim recovers all that is left."""
    if rule not in RECOVERY_RULES:
        raise ValueError(f"unknown recovery rule {rule!r}: use one of {', '.join(RECOVERY_RULES)}")
    requested = cents(requested)
    left = max(cents(advance) - cents(recovered_before), Decimal(0))
    if final:
        due = requested
    elif rule == "share":
        due = cents(requested * _percent(percent, "the share of each claim") / 100)
    else:
        due = Decimal(0)
    return max(min(due, left), Decimal(0))


def split(amount, weights):
    """{key: share of `amount`} in proportion to `weights` ({key: weight}, e.g. each partner's approved budget), in
    cents that add up to `amount` exactly: each share is rounded down, and the cents left go one each to the largest
    remainders (ties: in the order of the keys). Keys of no weight get 0; no weight at all: every share is 0."""
    amount = cents(amount)
    weights = {key: Decimal(str(weight)) for key, weight in weights.items()}
    if any(weight < 0 for weight in weights.values()):
        raise ValueError("a weight cannot be negative")
    total = sum(weights.values(), Decimal(0))
    if not total:
        return dict.fromkeys(weights, Decimal(0))
    exact = {key: amount * weight / total for key, weight in weights.items()}
    shares = {key: value.quantize(CENT, rounding=ROUND_DOWN) for key, value in exact.items()}
    left = int((amount - sum(shares.values(), Decimal(0))) / CENT)
    order = sorted(weights, key=lambda key: exact[key] - shares[key], reverse=True)
    for key in order[:left]:
        shares[key] += CENT
    return shares


def proportional(part, whole, amount):
    """`amount` × `part` / `whole` to the cent; 0 when the whole is 0 (e.g. a partner's share of a claim)."""
    whole = Decimal(str(whole))
    return cents(Decimal(str(amount)) * Decimal(str(part)) / whole) if whole else Decimal(0)
