from odoo import api, fields, models

from ..lib import bounds


class FamiGuardTester(models.Model):
    """A test-only governed model (loaded by odoo_test_helper) whose code relies on some workflow codes and whose
    numbers and dates the input guard bounds: by type, or as declared in `_fami_bounds`."""

    _name = "fami.guard.tester"
    _description = "FAMI input guard tester"
    _inherit = ["fami.workflow.mixin"]
    _workflow_required_states = ("draft", "approved")
    _workflow_required_transitions = ("submit", "approve")
    _fami_bounds = {"offset": bounds.SIGNED_DAYS, "stamp": None}

    name = fields.Char(required=True)
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.EUR"))
    quantity = fields.Float()
    planned = fields.Monetary(compute="_compute_planned", store=True, currency_field="currency_id")
    women = fields.Integer()
    men = fields.Integer()
    people = fields.Integer(compute="_compute_people", store=True)
    offset = fields.Integer(help="Declared: days before or after, signed")
    sequence = fields.Integer()
    day = fields.Date()
    moment = fields.Datetime()
    stamp = fields.Datetime(help="Declared unbounded: stamped by the server")

    @api.depends("quantity", "amount")
    def _compute_planned(self):
        for record in self:
            record.planned = record.quantity * record.amount

    @api.depends("women", "men")
    def _compute_people(self):
        for record in self:
            record.people = record.women + record.men
