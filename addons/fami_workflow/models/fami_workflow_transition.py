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
    group_ids = fields.Many2many("res.groups", string="Allowed groups")
    user_ids = fields.Many2many("res.users", string="Allowed users")
    domain = fields.Char(default="[]")
    required_field_ids = fields.Many2many("ir.model.fields", string="Fields that must be filled")
    comment_required = fields.Boolean()
    approvals_required = fields.Integer(default=1)
    notify = fields.Boolean(string="Notify next approvers")
    activity_deadline_days = fields.Integer(default=3)
    server_action_ids = fields.Many2many("ir.actions.server", string="Server actions to run after the move")
