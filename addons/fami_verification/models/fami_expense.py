from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.fami_partners.lib import identifiers

from ..lib import traceability
from .fami_expense_split import SHARED_FIELDS, SPLIT_WRITING

PROCEDURES = [("none", "No procurement procedure"), ("direct", "Direct award (affidamento diretto)"),
              ("negotiated", "Negotiated procedure"), ("open", "Open procedure"),
              ("framework", "Framework agreement or central purchasing")]


class FamiExpense(models.Model):
    """Traceability of an expense (Law 136/2010, D.Lgs. 36/2023): the CIG of a procurement, the CUP on the invoice,
    payment by traced means from the dedicated account, cash only up to the project's limit; an invoice charged to
    several budget lines is split into parts that add up to it (fami.expense.split)."""

    _inherit = "fami.expense"

    payment_method = fields.Selection(selection_add=[("postal", "Postal transfer")],
                                      ondelete={"postal": "set default"})
    procurement_procedure = fields.Selection(
        PROCEDURES, string="Procurement procedure", required=True, default="none", tracking=True,
        help="The procedure of the public procurement code (D.Lgs. 36/2023) the purchase was made under: it needs "
             "its CIG, and the legal expert verifies it.")
    is_procurement = fields.Boolean(compute="_compute_is_procurement", store=True, string="Procurement")
    cig = fields.Char(string="CIG", tracking=True, copy=False,
                      help="Codice identificativo di gara (ANAC), 10 letters or digits, as on the invoice.")
    invoice_cup = fields.Char(string="CUP on the invoice", tracking=True, copy=False,
                              help="The project's CUP as the invoice states it.")
    dedicated_account = fields.Boolean(
        string="Paid from the dedicated account", tracking=True, copy=False,
        help="The transfer or card payment was made from the bank or postal account dedicated to the project "
             "(Law 136/2010 art. 3).")
    split_id = fields.Many2one("fami.expense.split", string="Part of the split invoice", index=True,
                               ondelete="restrict", copy=False, tracking=True)
    verification_line_ids = fields.One2many("fami.verification.line", "expense_id", string="Verification")

    @api.depends("procurement_procedure")
    def _compute_is_procurement(self):
        for expense in self:
            expense.is_procurement = expense.procurement_procedure not in (False, "none")

    @api.depends("payment_request_id", "verification_line_ids.not_admitted_amount",
                 "verification_line_ids.verification_id.workflow_state_code")
    def _compute_not_admitted_amount(self):
        for expense in self:
            expense.not_admitted_amount = expense._not_admitted_by(expense.verification_line_ids)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_codes(vals)
        expenses = super().create(vals_list)
        if not SPLIT_WRITING.get():
            expenses.split_id._check_parts()
        return expenses

    def write(self, vals):
        self._normalize_codes(vals)
        splits = self.split_id if {"split_id", "taxable_amount", "vat_amount", *SHARED_FIELDS} & set(vals) \
            else self.env["fami.expense.split"]
        result = super().write(vals)
        if splits or "split_id" in vals:
            (splits | self.split_id)._check_split_unless_writing()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_split_part(self):
        parts = self.filtered("split_id")
        if parts and not SPLIT_WRITING.get():
            raise UserError(self.env._(
                "%(expense)s is a part of the split invoice %(invoice)s: remove it from the invoice's parts there, "
                "so that the others still add up to the invoice.", expense=parts[0].display_name,
                invoice=parts[0].split_id.display_name))

    @api.model
    def _normalize_codes(self, vals):
        if vals.get("cig"):
            vals["cig"] = traceability.normalize_code(vals["cig"])
        if vals.get("invoice_cup"):
            try:
                vals["invoice_cup"] = identifiers.normalize_cup(vals["invoice_cup"])
            except identifiers.InvalidIdentifier:
                raise ValidationError(self.env._(
                    "The CUP on the invoice %(cup)s is not valid: a CUP has 15 letters or digits, the first one a "
                    "letter. Copy it from the invoice.", cup=vals["invoice_cup"])) from None

    def _duplicate_domain(self):
        domain = super()._duplicate_domain()
        if self.split_id:
            # the other parts of the same split invoice register the same document on purpose
            domain.append(("split_id", "!=", self.split_id.id))
        return domain

    @api.constrains("split_id")
    def _check_split_document(self):
        # a part taken out of its split invoice is a document of its own again: registered once
        self._check_eligibility()

    @api.constrains("cig", "invoice_cup", "project_id")
    def _check_traceability_codes(self):
        for expense in self:
            if expense.cig and not traceability.is_valid_cig(expense.cig):
                raise ValidationError(self.env._(
                    "The CIG %(cig)s of %(expense)s is not valid: a CIG has 10 letters or digits. Copy it from the "
                    "invoice or from ANAC's record of the procedure.", cig=expense.cig, expense=expense.display_name))
            cup = expense.project_id.cup
            if expense.invoice_cup and cup and expense.invoice_cup != cup:
                raise ValidationError(self.env._(
                    "The CUP on the invoice of %(expense)s, %(invoice_cup)s, is not the CUP of %(project)s, %(cup)s: "
                    "an invoice charged to the project states its CUP. Check the invoice, or ask the supplier for a "
                    "corrected one.", expense=expense.display_name, invoice_cup=expense.invoice_cup,
                    project=expense.project_id.name, cup=cup))

    @api.constrains("payment_method", "taxable_amount", "vat_amount", "project_id")
    def _check_cash_limit(self):
        for expense in self:
            limit = expense.project_id.cash_limit
            total = traceability.cents(expense.taxable_amount) + traceability.cents(expense.vat_amount)
            if traceability.cash_refused(expense.payment_method, total, limit):
                raise ValidationError(self.env._(
                    "%(expense)s was paid in cash (%(amount)s), above the limit of %(limit)s that the project "
                    "%(project)s sets for cash (Cash payments up to, on the project's Verification tab): pay it by "
                    "transfer or card from the dedicated account.", expense=expense.display_name,
                    amount=format_amount(self.env, float(total), expense.currency_id),
                    limit=format_amount(self.env, limit, expense.currency_id), project=expense.project_id.name))

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        if transition.code == "submit":
            problem = self._traceability_problem()
            if problem:
                raise UserError(problem)
        return result

    def _traceability_problem(self):
        """What is missing for the expense to be traced, as a sentence, or False."""
        self.ensure_one()
        if self.is_procurement and not self.cig:
            return self.env._(
                "%(expense)s was purchased by a procurement procedure (%(procedure)s): enter its CIG before "
                "submitting it.", expense=self.display_name,
                procedure=dict(self._fields["procurement_procedure"]._description_selection(self.env))[
                    self.procurement_procedure])
        if not self.project_id.traceability_required:
            return False
        if self.document_type == "invoice" and self.project_id.cup and not self.invoice_cup:
            return self.env._(
                "Enter the CUP on the invoice of %(expense)s: every invoice charged to %(project)s states its CUP "
                "%(cup)s (Law 136/2010).", expense=self.display_name, project=self.project_id.name,
                cup=self.project_id.cup)
        if self.payment_method in traceability.TRACED_METHODS and not self.dedicated_account:
            return self.env._(
                "%(expense)s must be paid from the account dedicated to %(project)s (Law 136/2010 art. 3): tick Paid "
                "from the dedicated account once the bank statement shows it.", expense=self.display_name,
                project=self.project_id.name)
        return False
