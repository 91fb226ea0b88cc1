from dataclasses import dataclass

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date, formatLang

from ..lib import bounds

_NOT_BUILT = object()
SUITE_MODULE_PREFIX = "fami_"


@dataclass(frozen=True)
class InputGuard:
    """What the guard checks on one model, worked out once per registry from its fields and declarations."""

    inputs: dict  # {field name: Bound} of the values users enter
    computed: dict  # {field name: (Bound, names of the fields it is computed from)} of stored computed figures
    required_texts: frozenset  # required char/text fields, refused blank


def _is_suite_model(model):
    return model._name.startswith("fami.") or "workflow_state_id" in model._fields


def _build_guard(model):
    """The guard of `model`, or None for a model the suite neither owns nor governs."""
    if not _is_suite_model(model):
        return None
    declared = {}
    for klass in reversed(type(model).__mro__):  # every addon extending the model may declare its own fields
        declared.update(klass.__dict__.get("_fami_bounds", {}))
    inputs, computed, required_texts = {}, {}, set()
    for name, field in model._fields.items():
        # only fields the suite defines: core ones (a timesheet's amount, negative for a cost) keep core's rules
        if not (field._module or "").startswith(SUITE_MODULE_PREFIX) or field.automatic or field.related:
            continue
        if field.required and field.type in ("char", "text"):
            required_texts.add(name)
        if field.type not in bounds.BOUNDED_TYPES:
            continue
        entered = not field.compute or bool(field.inverse) or not field.readonly
        bound = declared[name] if name in declared else bounds.default_bound(field.type, name, computed=not entered)
        if bound is None:
            continue
        if entered:
            inputs[name] = bound
        elif field.store and field.type in bounds.NUMBER_TYPES:
            sources = {path.split(".")[0] for path in model.pool.field_depends[field]}
            computed[name] = (bound, frozenset(sources & model._fields.keys()))
    return InputGuard(inputs, computed, frozenset(required_texts))


class Base(models.AbstractModel):
    """Input guard of the suite's models (``fami.*`` and the models a FAMI workflow governs), for every client path
    (form, RPC, import) that the ORM leaves open. Other models pass through after one lookup.

    - NaN and infinite numbers: JSON-RPC and XML-RPC carry them, and the ORM either stores NaN (floats) or fails
      deep in currency rounding with "cannot convert float NaN to integer" (monetary fields).
    - Blank required texts: the ORM only refuses a missing value, so a name of "" or spaces would be stored.
    - Amounts, counts and dates out of bounds (``lib/bounds.py``): 10^15 EUR, a date in 1900, or a count that
      overflows its column with a raw database error.
    """

    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        guard = self._fami_input_guard()
        if guard is None:
            return super().create(vals_list)
        self.browse().check_access("create")  # rights first: a user who may not create learns nothing more
        for vals in vals_list:
            self._fami_check_input(guard, vals)
        records = super().create(vals_list)
        records._fami_check_computed(guard, None)
        return records

    def write(self, vals):
        guard = self._fami_input_guard()
        if guard is None:
            return super().write(vals)
        self.browse().check_access("write")  # rights first (the model's; its record rules come with the write)
        self._fami_check_input(guard, vals)
        result = super().write(vals)
        self._fami_check_computed(guard, vals)
        return result

    @api.model
    def _prepare_setup(self):
        result = super()._prepare_setup()
        # fields are set up again (an addon installed or upgraded): the guard is worked out again on first use
        cls = self.env.registry[self._name]
        if "_fami_guard" in cls.__dict__:
            delattr(cls, "_fami_guard")
        return result

    def _fami_input_guard(self):
        """The model's InputGuard, or None for models the suite neither owns nor governs (one lookup)."""
        guard = type(self).__dict__.get("_fami_guard", _NOT_BUILT)
        if guard is _NOT_BUILT:
            guard = _build_guard(self)
            type(self)._fami_guard = guard
        return guard

    def _fami_check_input(self, guard, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            if bounds.is_not_finite(value):
                raise ValidationError(self.env._("%(field)s must be a number, not %(value)s: enter a figure.",
                                                 field=field._description_string(self.env), value=value))
            if name in guard.required_texts and isinstance(value, str) and not value.strip():
                raise ValidationError(self.env._("%(field)s cannot be empty: fill it in.",
                                                 field=field._description_string(self.env)))
            bound = guard.inputs.get(name)
            if bound is not None and value is not False and value is not None:
                self._fami_check_bound(field, bound, value)

    def _fami_check_bound(self, field, bound, value):
        if field.type in bounds.NUMBER_TYPES:
            number = bounds.as_number(value)
            if number is None:
                return  # not a number: the ORM refuses it in its own words
            if bounds.is_not_finite(number):
                raise ValidationError(self.env._("%(field)s must be a number, not %(value)s: enter a figure.",
                                                 field=field._description_string(self.env), value=value))
            problem = bound.problem(number)
            if problem:
                raise self._fami_number_error(field, bound, number, problem)
            return
        try:
            day = fields.Date.to_date(value) if field.type == "date" else \
                fields.Datetime.context_timestamp(self, fields.Datetime.to_datetime(value)).date()
        except (TypeError, ValueError, OverflowError):
            return  # not a date: the ORM refuses it in its own words
        problem = bound.problem(day)
        if not problem:
            return
        label = field._description_string(self.env)
        low, high, shown = (format_date(self.env, moment) for moment in (bound.low, bound.high, day))
        if bound.programme:
            raise ValidationError(self.env._(
                "%(field)s %(value)s is outside the FAMI 2021-2027 programme, which runs from %(low)s to %(high)s: "
                "enter a date within it.", field=label, value=shown, low=low, high=high))
        raise ValidationError(self.env._(
            "%(field)s %(value)s is not plausible: enter a date from %(low)s to %(high)s.", field=label, value=shown,
            low=low, high=high))

    def _fami_format_number(self, field, number):
        return formatLang(self.env, number, digits=0 if field.type == "integer" else 2)

    def _fami_number_error(self, field, bound, number, problem):
        label = field._description_string(self.env)
        shown = self._fami_format_number(field, number)
        if problem == "low" and bound.low == 0:
            return ValidationError(self.env._("%(field)s cannot be negative (%(value)s): enter 0 or more.",
                                              field=label, value=shown))
        if problem == "low":
            return ValidationError(self.env._("%(field)s cannot be less than %(limit)s (%(value)s entered).",
                                              field=label, value=shown,
                                              limit=self._fami_format_number(field, bound.low)))
        return ValidationError(self.env._("%(field)s cannot be more than %(limit)s (%(value)s entered): check the "
                                          "figure.", field=label, value=shown,
                                          limit=self._fami_format_number(field, bound.high)))

    def _fami_check_computed(self, guard, vals):
        """Figures stored from what was just entered (quantity x unit cost, a sum of counts) stay within their
        bound too: refused here, naming what to change, instead of stored or failing in the database."""
        names = [name for name, (_bound, sources) in guard.computed.items() if vals is None or sources & vals.keys()]
        if not names or not self:
            return
        # sudo: reads figures just computed from the user's own input, only to refuse impossible ones
        for record in self.sudo():
            for name in names:
                bound, sources = guard.computed[name]
                number = record[name]
                problem = bound.problem(number) if not bounds.is_not_finite(number) else "high"
                if not problem:
                    continue
                field = self._fields[name]
                entered = sorted(self._fields[source]._description_string(self.env)
                                 for source in (sources if vals is None else sources & vals.keys()))
                limit = bound.low if problem == "low" else bound.high
                raise ValidationError(self.env._(
                    "%(field)s would be %(value)s, beyond the limit of %(limit)s: change %(sources)s.",
                    field=field._description_string(self.env), value=self._fami_format_number(field, number),
                    limit=self._fami_format_number(field, limit), sources=", ".join(entered)))
