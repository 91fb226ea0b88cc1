from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from ..lib import money_rules

CLAIM_KINDS = ("interim", "balance")


class FamiPaymentReceived(models.Model):
    """Money the Managing Authority (AdG) pays the lead partner: the advance, requested against an issued guarantee
    of at least its amount that outlives the project by the months of the grant agreement; the interim payment of a
    claim; the balance after the final claim. Once received it is locked, and the lead partner's transfers of each
    partner's share are prepared (fami.partner.transfer)."""

    _name = "fami.payment.received"
    _description = "FAMI payment received from the Managing Authority"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "requested", "received")
    _workflow_required_transitions = ("request", "receive")
    _order = "project_id, date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict", tracking=True)
    kind = fields.Selection([("advance", "Advance"), ("interim", "Interim payment"), ("balance", "Balance")],
                            required=True, default="interim", index=True, tracking=True)
    claim_id = fields.Many2one("fami.payment.request", index=True, ondelete="restrict",
                               tracking=True, domain="[('project_id', '=', project_id)]",
                               help="The claim this payment pays: an interim claim, or the final one for the "
                                    "balance.")
    guarantee_id = fields.Many2one("fami.guarantee", index=True, ondelete="restrict",
                                   tracking=True, domain="[('project_id', '=', project_id)]",
                                   help="The issued guarantee backing the advance.")
    currency_id = fields.Many2one(related="project_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id", tracking=True,
                             help="The amount the AdG pays: for a claim, the amount admitted less the advance "
                                  "recovered.")
    amount_admitted = fields.Monetary(
        string="Amount admitted", currency_field="currency_id", tracking=True,
        help="For a claim: the part of the amount requested that the AdG admitted after its checks.")
    date_requested = fields.Date(string="Requested on", tracking=True)
    date = fields.Date(string="Received on", tracking=True, index=True)
    bank_reference = fields.Char(string="Bank reference", tracking=True,
                                 help="The reference of the credit on the lead partner's account (CRO/TRN).")
    notice_file = fields.Binary(string="Payment notice", attachment=True, copy=False,
                                help="The AdG's decree or notice of payment.")
    notice_filename = fields.Char(string="Notice file name")
    transfer_ids = fields.One2many("fami.partner.transfer", "payment_id", string="Transfers to the partners")
    transferred_amount = fields.Monetary(string="Transferred", currency_field="currency_id",
                                         compute="_compute_transferred_amount",
                                         help="Transfers to the partners already made.")
    kept_amount = fields.Monetary(string="Kept by the lead partner", currency_field="currency_id",
                                  compute="_compute_transferred_amount",
                                  help="The amount received less the transfers to the partners (made or planned): "
                                       "the lead partner's own share.")
    note = fields.Text()

    @api.depends("kind", "date", "date_requested", "claim_id.name")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for payment in self:
            day = payment.date or payment.date_requested
            payment.name = " — ".join(filter(None, [kinds.get(payment.kind), payment.claim_id.name,
                                                    day and fields.Date.to_string(day)]))

    @api.depends("transfer_ids.amount", "transfer_ids.workflow_state_code", "amount")
    def _compute_transferred_amount(self):
        for payment in self:
            made = payment.transfer_ids.filtered(lambda transfer: transfer.workflow_state_code == "transferred")
            payment.transferred_amount = sum(made.mapped("amount"))
            payment.kept_amount = payment.amount - sum(payment.transfer_ids.mapped("amount"))

    @api.constrains("kind", "claim_id", "guarantee_id", "project_id", "amount", "amount_admitted")
    def _check_kind(self):
        for payment in self:
            if payment.amount < 0 or payment.amount_admitted < 0:
                raise ValidationError(self.env._("The Amount and the Amount admitted of %(payment)s cannot be "
                                                 "negative.", payment=payment.display_name))
            if payment.kind == "advance" and payment.claim_id:
                raise ValidationError(self.env._("An advance pays no claim: empty the Claim of %(payment)s.",
                                                 payment=payment.display_name))
            if payment.kind in CLAIM_KINDS and payment.guarantee_id:
                raise ValidationError(self.env._("Only an advance is backed by a guarantee: empty the Guarantee of "
                                                 "%(payment)s.", payment=payment.display_name))
            for record, label in ((payment.claim_id, self.env._("claim")),
                                  (payment.guarantee_id, self.env._("guarantee"))):
                if record and record.project_id != payment.project_id:
                    raise ValidationError(self.env._(
                        "The %(what)s %(record)s belongs to the project %(other)s, not to %(project)s: choose one of "
                        "the payment's project.", what=label, record=record.display_name,
                        other=record.project_id.display_name, project=payment.project_id.display_name))
            if payment.kind == "balance" and payment.claim_id and payment.claim_id.kind != "final":
                raise ValidationError(self.env._(
                    "The balance pays the final claim: %(claim)s is an interim claim.",
                    claim=payment.claim_id.display_name))

    # ------------------------------------------------------------ workflow

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        target = transition.state_to_id.code
        if target in ("requested", "received") and self.kind == "advance":
            self._check_advance(requesting=target == "requested")
        if target == "received":
            self._check_receipt()
        return result

    def _check_advance(self, requesting):
        if not requesting and self.workflow_state_code != "requested":
            raise UserError(self.env._("The advance %(payment)s must be requested (button Request) before it is "
                                       "received.", payment=self.display_name))
        project = self.project_id
        if not self.amount > 0:
            raise UserError(self.env._("Fill in the Amount of the advance %(payment)s.", payment=self.display_name))
        if not project.agreement_advance_percent:
            raise UserError(self.env._(
                "The grant agreement of project %(project)s provides no advance: set Advance (%% of the total budget) "
                "on the project (tab Grant agreement) if it does.", project=project.display_name))
        cap = money_rules.advance_cap(project.total_budget, project.agreement_advance_percent)
        if money_rules.cents(self.amount) > cap:
            raise UserError(self.env._(
                "The advance %(payment)s of %(amount)s exceeds %(percent)s%% of the total budget of %(project)s "
                "(%(cap)s), the most the grant agreement allows.", payment=self.display_name,
                amount=format_amount(self.env, self.amount, project.currency_id),
                percent=project.agreement_advance_percent, project=project.display_name,
                cap=format_amount(self.env, float(cap), project.currency_id)))
        # sudo: the guarantee is read only to check it backs the advance; the lead partner's staff read it anyway
        problem = self.guarantee_id.sudo()._backing_problem(project, self.amount)
        if problem:
            raise UserError(problem)

    def _check_receipt(self):
        missing = [self._fields[name].get_description(self.env)["string"]
                   for name in ("date", "amount", "bank_reference") if not self[name]]
        if missing:
            raise UserError(self.env._("Fill in %(fields)s of %(payment)s before recording it as received.",
                                       fields=", ".join(missing), payment=self.display_name))
        if self.kind in CLAIM_KINDS:
            if not self.claim_id:
                raise UserError(self.env._("Choose the Claim that %(payment)s pays.", payment=self.display_name))
            # sudo: only the state of the claim is read, to refuse paying a claim never submitted
            if not self.claim_id.sudo().workflow_locked:
                raise UserError(self.env._(
                    "The claim %(claim)s is still a draft: the AdG pays a claim once it is submitted.",
                    claim=self.claim_id.display_name))

    def _workflow_after_move(self, transition):
        result = super()._workflow_after_move(transition)
        if transition.state_to_id.code == "requested":
            # sudo: the project's advance request deadline is done once the advance is requested
            self.sudo().project_id.deadline_ids.filtered(
                lambda deadline: deadline.deadline_type == "advance_request" and deadline.state == "todo"
            ).action_done()
        elif transition.state_to_id.code == "received":
            self._prepare_transfers()
        return result

    # ------------------------------------------------------------ transfers to the partners

    def _prepare_transfers(self):
        """A draft transfer to each partner (not the lead, who keeps its share) that has none yet for the payment:
        its share of the payment by the split of the approved budget; the amounts stay editable until transferred."""
        for payment in self:
            project = payment.project_id
            # sudo: the split comes from every partner's lines of the approved budget, whoever records the payment
            budget = project.sudo()._approved_budget()
            weights = {}
            for line in budget.line_ids:
                weights[line.organisation_id] = weights.get(line.organisation_id, 0) + line.planned_amount
            shares = money_rules.split(payment.amount, {org.id: amount for org, amount in weights.items()})
            total = sum(weights.values())
            existing = payment.transfer_ids.organisation_id
            partners = project.partner_ids.filtered(lambda link: link.role == "partner").partner_id
            # sudo: the transfers are prepared for the lead partner's staff, whatever user records the payment
            self.env["fami.partner.transfer"].sudo().create([{
                "payment_id": payment.id, "organisation_id": organisation.id,
                "share_percent": weights[organisation] / total * 100 if total else 0.0,
                "amount": float(shares[organisation.id]),
            } for organisation in weights if organisation in partners and organisation not in existing
                and shares[organisation.id]])

    def action_prepare_transfers(self):
        for payment in self:
            if payment.workflow_state_code != "received":
                raise UserError(self.env._("The transfers of %(payment)s are prepared once it is received.",
                                           payment=payment.display_name))
        self._prepare_transfers()
        return True
