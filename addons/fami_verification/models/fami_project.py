from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FamiProject(models.Model):
    """The rules of verification that the grant agreement sets, as settings of the project: their details are not
    confirmed for this call (../shared/domain-notes.md, "Verification of expenditure"), so they are data."""

    _inherit = "fami.project"

    verification_required = fields.Boolean(
        string="Claims need a completed verification", default=True, tracking=True,
        help="A claim is sent only once the independent auditor (revisore) has completed and signed the verification "
             "of its items, and the legal expert that of its procurement, with the items the claim holds when sent.")
    traceability_required = fields.Boolean(
        string="Expenses need traced payments", tracking=True,
        help="Law 136/2010: an expense is submitted only with the project's CUP on its invoice and, when paid by "
             "transfer or card, from the account dedicated to the project. The CIG of a procurement, and the cash "
             "limit, apply whatever this setting.")
    cash_limit = fields.Monetary(
        string="Cash payments up to", currency_field="currency_id", default=100.0, tracking=True,
        help="An expense paid in cash above this amount is refused: cash is not eligible above small amounts. The "
             "amount is not confirmed for this call: take it from the grant agreement.")
    sample_threshold = fields.Monetary(
        string="Always verify items from", currency_field="currency_id", default=5000.0, tracking=True,
        help="A sampled verification examines every item of at least this amount, and a share of the others.")
    sample_rate = fields.Float(
        string="Share of the other items verified (%)", default=25.0, tracking=True,
        help="The share of the items under the threshold that a sampled verification draws from each amount band.")
    staff_assignment_required = fields.Boolean(
        string="Hours need a letter of assignment", tracking=True,
        help="Every hour on the project is charged under a signed letter of assignment. Whatever this setting, a "
             "person who holds a letter on the project records their hours within one.")

    @api.constrains("sample_rate")
    def _check_sample_rate(self):
        for project in self:
            if not 0 < project.sample_rate <= 100:
                raise ValidationError(self.env._(
                    "The Share of the other items verified of %(project)s must be more than 0 and at most 100 %%, "
                    "not %(rate)s.", project=project.name, rate=project.sample_rate))
