from odoo import fields, models


class FamiWorkflowApproval(models.Model):
    """One user's approval of a transition that needs several distinct approvers before it fires."""

    _name = "fami.workflow.approval"
    _description = "FAMI workflow pending approval"
    _inherit = ["fami.workflow.record.line"]  # each user reads the approvals of the records they may read
    _order = "id"

    transition_id = fields.Many2one("fami.workflow.transition", required=True, ondelete="cascade", index=True)
    res_model = fields.Char(required=True, index=True)
    res_id = fields.Many2oneReference(model_field="res_model", required=True, index=True)
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade")
    comment = fields.Text()

    _sql_constraints = [
        ("one_per_user", "unique(transition_id, res_model, res_id, user_id)",
         "A user approves a transition of a record once."),
    ]
