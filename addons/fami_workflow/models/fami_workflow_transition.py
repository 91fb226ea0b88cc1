from odoo import fields, models


class FamiWorkflowTransition(models.Model):
    _name = "fami.workflow.transition"
    _description = "FAMI workflow transition"
    _order = "workflow_id, sequence, id"

    workflow_id = fields.Many2one("fami.workflow", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(string="Button label", required=True, translate=True)
    state_from_id = fields.Many2one("fami.workflow.state", string="From", required=True, ondelete="cascade")
    state_to_id = fields.Many2one("fami.workflow.state", string="To", required=True, ondelete="cascade")
