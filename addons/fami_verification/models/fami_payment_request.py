from odoo import api, fields, models
from odoo.exceptions import UserError


class FamiPaymentRequest(models.Model):
    """A claim is sent only with a completed verification of the items it holds: by the independent auditor, and by
    the legal expert when it holds procurement (project setting Claims need a completed verification). What they
    did not admit is left out of its totals (fami.claim.item.claimed_amount), workbook and cover letter."""

    _inherit = "fami.payment.request"

    verification_ids = fields.One2many("fami.verification", "claim_id", string="Verifications")
    verification_count = fields.Integer(string="Verifications done", compute="_compute_verification_count")
    not_admitted_total = fields.Monetary(
        string="Not admitted by the verification", compute="_compute_not_admitted_total", store=True,
        currency_field="currency_id",
        help="What the completed verifications did not admit of the claim's items: out of its totals, shown as "
             "such in its workbook.")
    verification_problem = fields.Char(
        string="Before sending", compute="_compute_verification_problem",
        help="What the verification still lacks for the claim to be sent.")

    @api.depends("verification_ids")
    def _compute_verification_count(self):
        for claim in self:
            claim.verification_count = len(claim.verification_ids)

    @api.depends("expense_ids.not_admitted_amount", "staff_cost_ids.not_admitted_amount")
    def _compute_not_admitted_total(self):
        for claim in self:
            claim.not_admitted_total = sum(claim.expense_ids.mapped("not_admitted_amount")) \
                + sum(claim.staff_cost_ids.mapped("not_admitted_amount"))

    # not on project_id.verification_required: a dependency on a field that another addon adds to fami.project
    # breaks the registry that fami_partners' tests rebuild with their fake models (odoo_test_helper); a computed
    # field that is not stored reads the setting anew anyway
    @api.depends("verification_ids.workflow_state_code", "expense_ids", "staff_cost_ids")
    def _compute_verification_problem(self):
        for claim in self:
            problems = claim._verification_problems() if claim.project_id.verification_required \
                and not claim.workflow_locked else []
            claim.verification_problem = "; ".join(problems)

    def _verification_problems(self):
        """What keeps the claim from being sent, one clause each."""
        self.ensure_one()
        # sudo: whether the claim's verifications are completed, whoever sends it
        verifications = self.sudo().verification_ids
        needed = {"auditor": (self.env._("it has no verification by the independent auditor"),
                              self.env._("the verification by the independent auditor is not completed"))}
        # sudo: whether the claim holds procurement, whatever the sender's record rules
        if self.sudo().expense_ids.filtered("is_procurement"):
            needed["legal"] = (self.env._("it has no verification by the legal expert of its procurement"),
                               self.env._("the verification by the legal expert of its procurement is not completed"))
        problems = []
        for kind, (missing, incomplete) in needed.items():
            verification = verifications.filtered(lambda found, k=kind: found.kind == k)
            if not verification:
                problems.append(missing)
            elif verification.workflow_state_code != "completed":
                problems.append(incomplete)
            else:
                coverage = verification._coverage_problem()
                if coverage:
                    problems.append(coverage)
        return problems

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        if transition.code == "submit" and self.project_id.verification_required:
            problems = self._verification_problems()
            if problems:
                raise UserError(self.env._(
                    "The claim %(claim)s cannot be sent: %(problems)s. The independent auditor (and, for procurement, "
                    "the legal expert) verify its items and complete their verification with the signed report "
                    "first (Verifications on the claim).", claim=self.name, problems="; ".join(problems)))
        return result

    def action_open_verifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_verification.fami_verification_action")
        action.update({"domain": [("claim_id", "=", self.id)], "context": {"default_claim_id": self.id}})
        return action
