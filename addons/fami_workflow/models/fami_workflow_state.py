from odoo import fields, models


class FamiWorkflowState(models.Model):
    _name = "fami.workflow.state"
    _description = "FAMI workflow state"
    _order = "workflow_id, sequence, id"

    workflow_id = fields.Many2one("fami.workflow", required=True, ondelete="cascade", index=True)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_initial = fields.Boolean(string="Initial")
    is_final = fields.Boolean(string="Final")
    locked = fields.Boolean(help="Records in this state cannot be edited or deleted.")
    fold = fields.Boolean(string="Folded in kanban")
    editable_field_ids = fields.Many2many("ir.model.fields", string="Fields still editable when locked")
    deadline_days = fields.Integer(string="Deadline (days)")
