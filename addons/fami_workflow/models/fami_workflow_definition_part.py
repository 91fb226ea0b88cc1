from odoo import api, models


class FamiWorkflowDefinitionPart(models.AbstractModel):
    """States and transitions: any change to them re-checks their workflow and takes effect at once."""

    _name = "fami.workflow.definition.part"
    _description = "Part of a FAMI workflow definition"

    @api.model_create_multi
    def create(self, vals_list):
        parts = super().create(vals_list)
        parts.workflow_id._definition_changed()
        return parts

    def write(self, vals):
        workflows = self.workflow_id
        result = super().write(vals)
        (workflows | self.workflow_id)._definition_changed()
        return result

    def unlink(self):
        workflows = self.workflow_id
        result = super().unlink()
        workflows.exists()._definition_changed()
        return result
