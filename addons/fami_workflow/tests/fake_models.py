from odoo import fields, models


class FamiWorkflowTester(models.Model):
    """A test-only governed model, loaded by odoo_test_helper so the engine is tested apart from any app."""

    _name = "fami.workflow.tester"
    _description = "FAMI workflow tester"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]

    name = fields.Char()
    amount = fields.Float()
    reference = fields.Char()
    note = fields.Text()
