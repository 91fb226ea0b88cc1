from odoo import SUPERUSER_ID, models
from odoo.exceptions import UserError


class FamiApprovalSeparation(models.AbstractModel):
    """A governed record whose approval needs a second person: whoever moved it into its current state (e.g. who
    submitted it) may not fire the transition that locks it (the approval)."""

    _name = "fami.approval.separation"
    _description = "Governed by a FAMI workflow, approved by someone other than the submitter"
    _inherit = ["fami.workflow.mixin"]

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        # the superuser is no person: demo and data files move records as it
        if not transition.state_to_id.locked or self.env.uid == SUPERUSER_ID:
            return result
        # sudo: the audit trail is read only to know who brought the record into its state; it only refuses
        arrival = self.env["fami.workflow.log"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "=", self.id),
            ("state_to_id", "=", self.workflow_state_id.id)], order="id desc", limit=1)
        if arrival.user_id == self.env.user:
            raise UserError(self.env._(
                "You moved %(record)s to %(state)s yourself, so you cannot also %(action)s it: another user of the "
                "group(s) %(groups)s must do it.", record=self.display_name, state=self.workflow_state_id.name,
                action=transition.name, groups=", ".join(transition.group_ids.mapped("full_name")) or "-"))
        return result
