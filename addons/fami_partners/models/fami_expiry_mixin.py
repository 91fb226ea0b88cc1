from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import expiry

EXPIRY_STATES = [("valid", "Valid"), ("expiring", "Expiring in 30 days"), ("expired", "Expired"),
                 ("no_expiry", "No expiry")]


class FamiExpiryMixin(models.AbstractModel):
    """An expiry date and what it means today. The state is computed, not stored: a stored state would be wrong
    from the night the date passes until a job rewrote it, while searching it turns into an exact domain on the
    date (``lib/expiry.py``)."""

    _name = "fami.expiry.mixin"
    _description = "Has an expiry date"

    date_expiry = fields.Date(string="Expiry date", index=True)
    expiry_state = fields.Selection(EXPIRY_STATES, string="Status", compute="_compute_expiry_state",
                                    search="_search_expiry_state")
    days_left = fields.Integer(string="Days left", compute="_compute_expiry_state",
                               help="Days until the expiry date; negative once expired.")

    def _compute_expiry_state(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.expiry_state = expiry.expiry_state(record.date_expiry, today)
            record.days_left = (record.date_expiry - today).days if record.date_expiry else 0

    def _search_expiry_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("The Status of a document can be searched with =, !=, in and not in only."))
        states = {value} if isinstance(value, str) or not value else set(value)
        if operator in ("!=", "not in"):
            states = set(expiry.STATES) - states
        return expiry.state_domain(states, fields.Date.context_today(self))
