"""The contract between the suite's code and the workflows users redesign in the UI, with no ORM (tier 1).

Workflows are data an administrator may edit, while the code of a governed model relies on some of their codes
(budget actuals count expenses in the state ``approved``, a submitted claim fires ``claim`` on its expenses). A
governed model declares them in two class attributes, each addon for what its own code, views, data and tests
use::

    _workflow_required_states = ("draft", "submitted", "approved")
    _workflow_required_transitions = ("submit", "approve", "reject")

Every workflow of the model that is active or governs records must keep all of them; other codes are free.
"""
from dataclasses import dataclass

STATE = "state"
TRANSITION = "transition"


@dataclass(frozen=True)
class Gap:
    """A code the model's code relies on and the workflow lacks, with the addons that rely on it."""

    kind: str  # STATE or TRANSITION
    code: str
    modules: tuple


def required_codes(declarations):
    """{(kind, code): modules} from (module, state codes, transition codes) declarations, one per class."""
    required = {}
    for module, states, transitions in declarations:
        for kind, codes in ((STATE, states), (TRANSITION, transitions)):
            for code in codes:
                modules = required.setdefault((kind, code), [])
                if module and module not in modules:
                    modules.append(module)
    return {key: tuple(sorted(modules)) for key, modules in required.items()}


def gaps(required, state_codes, transition_codes):
    """The required codes missing from a workflow with these state and transition codes, states first."""
    present = {STATE: set(state_codes), TRANSITION: set(transition_codes)}
    return [Gap(kind, code, modules) for (kind, code), modules in sorted(required.items())
            if code not in present[kind]]
