from odoo import models


class FamiClaimItem(models.AbstractModel):
    """What the verification of its claim did not admit of an item: the largest part struck out by a completed
    verification of the claim the item is in (the auditor's and the legal expert's may both examine it)."""

    _inherit = "fami.claim.item"

    def _not_admitted_by(self, verification_lines):
        self.ensure_one()
        lines = verification_lines.filtered(
            lambda line: line.verification_id.workflow_state_code == "completed"
            and line.verification_id.claim_id == self.payment_request_id)
        return max(lines.mapped("not_admitted_amount"), default=0.0)
