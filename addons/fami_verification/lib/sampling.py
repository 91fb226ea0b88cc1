"""The sample of a claim's items that a verifier examines, reproducible from its seed, with no ORM (tested in tier 1).

Items at or above the threshold are always examined (stratum 0). The others, ordered by amount, are cut into
strata of about the same number of items (small, middle, large amounts), and from each a share of its items is drawn
at random, at least one. The generator of each stratum is seeded with the verification's seed and the stratum's
number, and the candidates are ordered by amount and key before drawing: the same seed and the same items give the
same sample on any machine, in any order the items come in (Python's seeding of a string is stable across runs and
versions, unlike hash()).
"""
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

ABOVE_THRESHOLD = 0  # the stratum of the items always examined


@dataclass(frozen=True)
class Sample:
    """The keys drawn (sorted), the stratum of every item, and the number of items of each stratum."""

    selected: tuple
    stratum_of: dict = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)


def draw(items, seed, threshold, rate_percent, strata=3):
    """Draw the sample of `items`, an iterable of (key, amount) with unique string keys.

    seed: an integer; threshold: the amount from which an item is always examined; rate_percent: the share of the
    other items drawn from each stratum (0 < rate <= 100); strata: how many amount bands the other items make.
    """
    items = [(str(key), Decimal(str(amount))) for key, amount in items]
    if len({key for key, _amount in items}) != len(items):
        raise ValueError("the keys of the items must be unique")
    rate = Decimal(str(rate_percent))
    if not 0 < rate <= 100:
        raise ValueError("the sampling rate must be more than 0 and at most 100 %")
    if Decimal(str(threshold)) < 0:
        raise ValueError("the threshold cannot be negative")
    if int(strata) < 1:
        raise ValueError("at least one stratum is needed")
    threshold = Decimal(str(threshold))
    ordered = sorted(items, key=lambda item: (item[1], item[0]))
    certain = [key for key, amount in ordered if amount >= threshold]
    others = [key for key, amount in ordered if amount < threshold]
    stratum_of = dict.fromkeys(certain, ABOVE_THRESHOLD)
    sizes = {ABOVE_THRESHOLD: len(certain)}
    selected = list(certain)
    bands = min(int(strata), len(others))
    for band in range(bands):
        members = others[band * len(others) // bands:(band + 1) * len(others) // bands]
        number = band + 1
        stratum_of.update(dict.fromkeys(members, number))
        sizes[number] = len(members)
        wanted = max(1, math.ceil(len(members) * rate / 100))
        selected += random.Random(f"{int(seed)}/{number}").sample(members, min(wanted, len(members)))
    return Sample(tuple(sorted(selected)), stratum_of, sizes)


def draw_all(items):
    """Every item examined: the sample of a verification that samples nothing out."""
    keys = sorted(str(key) for key, _amount in items)
    return Sample(tuple(keys), dict.fromkeys(keys, ABOVE_THRESHOLD), {ABOVE_THRESHOLD: len(keys)})
