from odoo import fields, models


class FamiWorkflow(models.Model):
    _name = "fami.workflow"
    _description = "FAMI approval workflow"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    model_id = fields.Many2one("ir.model", string="Governed model", required=True, ondelete="cascade")
    model = fields.Char(related="model_id.model", store=True, index=True)
    domain = fields.Char(default="[]", help="Records of the model this workflow governs.")
    state_ids = fields.One2many("fami.workflow.state", "workflow_id", string="States")
    transition_ids = fields.One2many("fami.workflow.transition", "workflow_id", string="Transitions")
