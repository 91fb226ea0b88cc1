from odoo import fields, models


class FamiWorkflowLog(models.Model):
    _name = "fami.workflow.log"
    _description = "FAMI workflow audit trail"
    _order = "id desc"

    res_model = fields.Char(required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(model_field="res_model", required=True, index=True, readonly=True)
    transition_id = fields.Many2one("fami.workflow.transition", readonly=True, ondelete="restrict")
    state_from_id = fields.Many2one("fami.workflow.state", readonly=True, ondelete="restrict")
    state_to_id = fields.Many2one("fami.workflow.state", readonly=True, ondelete="restrict")
    user_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    comment = fields.Text(readonly=True)
