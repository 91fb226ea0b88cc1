from odoo import fields, models
from odoo.tools.safe_eval import safe_eval


class FamiWorkflowCommentWizard(models.TransientModel):
    """Asks for the comment a transition requires (e.g. the reason of a rejection), then fires it."""

    _name = "fami.workflow.comment.wizard"
    _description = "FAMI workflow comment"

    res_model = fields.Char(required=True)
    res_ids = fields.Char(required=True)
    transition_code = fields.Char(required=True)
    comment = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        records = self.env[self.res_model].browse(safe_eval(self.res_ids))
        records.workflow_fire(self.transition_code, comment=self.comment)
        return {"type": "ir.actions.act_window_close"}
