from odoo import fields, models


class FamiWorkflowMixin(models.AbstractModel):
    """Inherit this to put a model under a `fami.workflow` (see the addon README for the contract)."""

    _name = "fami.workflow.mixin"
    _description = "Governed by a FAMI workflow"

    workflow_state_id = fields.Many2one("fami.workflow.state", string="Workflow state", readonly=True,
                                        copy=False, index=True, tracking=True, ondelete="restrict")
    workflow_state_code = fields.Char(related="workflow_state_id.code", store=True, index=True,
                                      string="Workflow state code")

    def workflow_fire(self, code, comment=None):
        raise NotImplementedError
