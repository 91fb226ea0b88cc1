from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from ..lib import cost_rules


class FamiPartnerTransfer(models.Model):
    """The lead partner (capofila) passes each partner its share of a payment received from the AdG: proposed by
    the split of the approved budget, editable until it is transferred, then locked with its date and bank
    reference. A partner's staff read their own organisation's transfers; the lead partner's staff keep them."""

    _name = "fami.partner.transfer"
    _description = "FAMI transfer from the lead partner to a partner"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "transferred")
    _workflow_required_transitions = ("transfer",)
    _order = "payment_id desc, organisation_id, id"

    name = fields.Char(compute="_compute_name", store=True)
    payment_id = fields.Many2one("fami.payment.received", string="Payment received", required=True, index=True,
                                 ondelete="restrict", tracking=True)
    project_id = fields.Many2one(related="payment_id.project_id", store=True, index=True)
    payment_kind = fields.Selection(related="payment_id.kind", string="Kind of payment")
    organisation_id = fields.Many2one("res.partner", string="Partner", required=True, index=True,
                                      domain=[("is_company", "=", True)], tracking=True)
    share_percent = fields.Float(string="Share of the approved budget (%)", readonly=True, digits=(16, 4),
                                 help="The partner's lines in the approved budget over the whole budget, when the "
                                      "transfer was prepared.")
    currency_id = fields.Many2one(related="payment_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id", tracking=True)
    date = fields.Date(string="Transfer date", tracking=True, index=True)
    bank_reference = fields.Char(string="Bank reference", tracking=True)
    note = fields.Text()

    @api.depends("organisation_id.name", "payment_id.name")
    def _compute_name(self):
        for transfer in self:
            transfer.name = " — ".join(filter(None, [transfer.organisation_id.name, transfer.payment_id.name]))

    @api.constrains("amount", "payment_id", "organisation_id")
    def _check_transfer(self):
        for transfer in self:
            payment = transfer.payment_id
            if transfer.amount < 0:
                raise ValidationError(self.env._("The Amount of the transfer %(transfer)s cannot be negative.",
                                                 transfer=transfer.display_name))
            links = payment.project_id.partner_ids.filtered(lambda link: link.partner_id == transfer.organisation_id)
            if not links.filtered(lambda link: link.role == "partner"):
                raise ValidationError(self.env._(
                    "%(organisation)s is not a partner of project %(project)s: transfers go to the project's "
                    "partners (the lead partner keeps its own share).", organisation=transfer.organisation_id.name,
                    project=payment.project_id.display_name))
            # sudo: every transfer of the payment counts, whoever may read them
            total = sum(payment.sudo().transfer_ids.mapped("amount"))
            if cost_rules.cents(total) > cost_rules.cents(payment.amount):
                raise ValidationError(self.env._(
                    "The transfers of %(payment)s add up to %(total)s, more than the %(amount)s received: lower "
                    "%(transfer)s.", payment=payment.display_name, transfer=transfer.display_name,
                    total=format_amount(self.env, total, payment.currency_id),
                    amount=format_amount(self.env, payment.amount, payment.currency_id)))

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        if transition.state_to_id.code == "transferred":
            # sudo: only the state of the payment is read, to refuse passing on money not yet received
            if self.payment_id.sudo().workflow_state_code != "received":
                raise UserError(self.env._("%(payment)s is not received yet: transfer its shares once it is.",
                                           payment=self.payment_id.display_name))
            missing = [self._fields[name].get_description(self.env)["string"]
                       for name in ("date", "amount", "bank_reference") if not self[name]]
            if missing:
                raise UserError(self.env._("Fill in %(fields)s of the transfer %(transfer)s before recording it as "
                                           "made.", fields=", ".join(missing), transfer=self.display_name))
        return result

