import math

from odoo import api, models
from odoo.exceptions import ValidationError


class Base(models.AbstractModel):
    """Input guards for every client path (form, RPC, import) that the ORM leaves open.

    - NaN and infinite numbers: JSON-RPC and XML-RPC carry them, and the ORM either stores NaN (floats) or fails
      deep in currency rounding with "cannot convert float NaN to integer" (monetary fields). Refused here, for every
      model, with the field named.
    - Blank required texts: the ORM only refuses a missing value, so a name of "" or spaces would be stored. Refused
      on the suite's own models only (core models keep their own rules).
    """

    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._fami_check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._fami_check_input(vals)
        return super().write(vals)

    def _fami_check_input(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            if isinstance(value, float) and not math.isfinite(value):
                raise ValidationError(self.env._("%(field)s must be a number, not %(value)s: enter a figure.",
                                                 field=field._description_string(self.env), value=value))
            if field.required and field.type in ("char", "text") and isinstance(value, str) and not value.strip() \
                    and self._name.startswith("fami."):
                raise ValidationError(self.env._("%(field)s cannot be empty: fill it in.",
                                                 field=field._description_string(self.env)))
