from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount, format_date

from odoo.addons.fami_workflow.lib import bounds

from ..lib import cost_rules


class FamiExpense(models.Model):
    """A supporting document of expenditure (giustificativo di spesa), approved then claimed."""

    _name = "fami.expense"
    _description = "FAMI expense (giustificativo)"
    _inherit = ["fami.claim.item", "fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "checked", "approved", "claimed")
    _workflow_required_transitions = ("submit", "check", "approve", "reject", "claim", "unclaim")
    # _check_eligibility refuses a taxable amount that is not positive and a negative VAT in its own words
    _fami_bounds = {"taxable_amount": bounds.AMOUNT_CAP, "vat_amount": bounds.AMOUNT_CAP}
    _order = "document_date desc, id desc"
    _claim_amount_field = "eligible_amount"

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict",
                                 default=lambda self: self.env["fami.project"]._fami_default_project())
    # the organisations that bear the project's costs: its lead partner and partners, not every contact
    organisation_id = fields.Many2one(
        "res.partner", string="Partner", required=True, index=True,
        default=lambda self: self._default_organisation(),
        domain="[('fami_project_partner_ids', 'any', [('project_id', '=', project_id), "
               "('role', 'in', ('lead', 'partner'))])]")
    budget_line_id = fields.Many2one("fami.budget.line", string="Budget line", required=True, index=True,
                                     ondelete="restrict")
    action_id = fields.Many2one(related="budget_line_id.action_id", store=True, string="Work package")
    supplier_id = fields.Many2one("res.partner", required=True, index=True)
    document_type = fields.Selection([("invoice", "Invoice"), ("receipt", "Receipt"), ("payslip", "Payslip"),
                                      ("contract", "Contract"), ("other", "Other")], required=True,
                                     default="invoice")
    document_number = fields.Char(required=True)
    document_date = fields.Date(required=True)
    payment_date = fields.Date()
    payment_method = fields.Selection([("transfer", "Bank transfer"), ("card", "Card"), ("cash", "Cash"),
                                       ("f24", "F24")], default="transfer")
    currency_id = fields.Many2one(related="project_id.currency_id")
    taxable_amount = fields.Monetary(string="Taxable amount", currency_field="currency_id", required=True)
    vat_amount = fields.Monetary(string="VAT", currency_field="currency_id")
    vat_eligible = fields.Boolean(compute="_compute_vat_eligible", store=True, readonly=False,
                                  help="Recoverable VAT is not eligible: set from the partner's VAT setting.")
    eligible_amount = fields.Monetary(compute="_compute_eligible_amount", store=True, currency_field="currency_id")
    document_file = fields.Binary(string="Document", attachment=True)
    document_filename = fields.Char()
    payment_proof = fields.Binary(string="Proof of payment", attachment=True)
    payment_proof_filename = fields.Char()
    payment_request_id = fields.Many2one("fami.payment.request", string="Claim", readonly=True, index=True,
                                         copy=False)
    declaration_ids = fields.Many2many(
        "fami.partner.declaration", "fami_partner_declaration_expense_rel", "expense_id", "declaration_id",
        string="Declarations", readonly=True, copy=False,
        help="The partner's declaration to the lead partner holding the expense: it enters a claim once validated.")
    supplier_certificate_warning = fields.Char(
        string="Certificate warning", compute="_compute_supplier_certificate_warning",
        help="Set when the supplier holds certificates checked on expenses (e.g. DURC) and none was valid on the "
             "document date: the expense cannot be approved.")

    def _fami_currency(self):
        """The currency amounts are printed in: the project's, else the euro (an expense being typed, with no project
        yet)."""
        return self.currency_id or self.env.ref("base.EUR", raise_if_not_found=False) or self.env.company.currency_id

    @api.model
    def _default_organisation(self):
        """Staff register their own organisation's expenses, on their project."""
        project = self.env["fami.project"].browse(self.env.context.get("default_project_id")) \
            or self.env["fami.project"]._fami_default_project()
        # sudo: the user's own links to the projects of their organisations
        links = self.env.user.sudo().fami_project_partner_ids.filtered(
            lambda link: link.project_id == project and link.role in ("lead", "partner"))
        return links.partner_id[:1]

    @api.depends("supplier_id", "document_number")
    def _compute_name(self):
        for expense in self:
            expense.name = f"{expense.supplier_id.name or ''} {expense.document_number or ''}".strip()

    @api.depends("organisation_id", "project_id")
    def _compute_vat_eligible(self):
        for expense in self:
            link = expense.project_id.partner_ids.filtered(lambda p: p.partner_id == expense.organisation_id)[:1]
            expense.vat_eligible = not link.vat_recoverable

    @api.depends("supplier_id", "document_date")
    def _compute_supplier_certificate_warning(self):
        for expense in self:
            expense.supplier_certificate_warning = expense._supplier_certificate_problem()

    def _supplier_certificate_problem(self):
        """Why the supplier's compliance certificates (those of the types checked on expenses, e.g. DURC) do not
        cover the document date, naming the certificate and its dates; False when they do."""
        self.ensure_one()
        if not (self.supplier_id and self.document_date):
            return False
        certificate, reason = self.env["fami.document"]._uncovered_certificate(self.supplier_id, self.document_date)
        if reason == "expired":
            return self.env._("The certificate %(certificate)s expired on %(expiry)s, before the document date "
                              "%(date)s of %(expense)s: the expense cannot be approved. Record on the supplier a "
                              "certificate valid on that date (button Documents on the supplier), then approve again.",
                              certificate=certificate.display_name,
                              expiry=format_date(self.env, certificate.date_expiry),
                              date=format_date(self.env, self.document_date), expense=self.display_name)
        if reason == "not_yet_valid":
            return self.env._("The certificate %(certificate)s was issued on %(issued)s, after the document date "
                              "%(date)s of %(expense)s, and no other certificate of the supplier covers that date: the "
                              "expense cannot be approved. Record on the supplier a certificate valid on that date, "
                              "then approve again.",
                              certificate=certificate.display_name,
                              issued=format_date(self.env, certificate.date_issue),
                              date=format_date(self.env, self.document_date), expense=self.display_name)
        return False

    @api.depends("taxable_amount", "vat_amount", "vat_eligible")
    def _compute_eligible_amount(self):
        for expense in self:
            expense.eligible_amount = float(cost_rules.eligible_amount(
                expense.taxable_amount, expense.vat_amount, expense.vat_eligible))

    @api.constrains("taxable_amount", "vat_amount", "document_date", "payment_date", "budget_line_id",
                    "organisation_id", "supplier_id", "document_number")
    def _check_eligibility(self):
        for expense in self:
            if not expense.taxable_amount > 0 or expense.vat_amount < 0:
                raise ValidationError(self.env._(
                    "The Taxable amount must be positive and the VAT not negative (%(amount)s)."
                    , amount=format_amount(self.env, expense.taxable_amount, expense._fami_currency())))
            project = expense.project_id
            for label, day in ((self.env._("Document date"), expense.document_date), (self.env._("Payment date"),
                                                                             expense.payment_date)):
                if day and ((project.date_start and day < project.date_start)
                            or (project.date_end and day > project.date_end)):
                    raise ValidationError(self.env._(
                        "%(field)s %(date)s is outside the eligibility period of %(project)s (%(start)s – %(end)s): "
                        "the expense is not eligible.", field=label, date=format_date(self.env, day),
                        project=project.name, start=format_date(self.env, project.date_start),
                        end=format_date(self.env, project.date_end)))
            if expense.budget_line_id.organisation_id != expense.organisation_id:
                raise ValidationError(self.env._(
                    "The budget line %(line)s belongs to %(owner)s, not to %(partner)s: choose a budget line of the "
                    "same partner.", line=expense.budget_line_id.display_name,
                    owner=expense.budget_line_id.organisation_id.name, partner=expense.organisation_id.name))
            line = expense.budget_line_id
            if line.project_id != expense.project_id:
                raise ValidationError(self.env._(
                    "The budget line %(line)s belongs to the project %(other)s, not to %(project)s: choose a budget "
                    "line of the expense's project.", line=line.display_name, other=line.project_id.name,
                    project=project.name))
            if line.category_id.is_indirect:
                raise ValidationError(self.env._(
                    "The budget line %(line)s is of the category %(category)s: indirect costs are a flat rate "
                    "computed on the direct costs (Reg. 2021/1060 art. 54), never charged as expenses. Choose a "
                    "budget line of a direct cost category.", line=line.display_name,
                    category=line.category_id.display_name))
            # sudo: the same document registered by another organisation, which the user cannot read, is a
            # double claim all the same; only its name reaches the message
            duplicate = self.sudo().search(expense._duplicate_domain(), limit=1)
            if duplicate:
                raise ValidationError(self.env._(
                    "Document %(number)s of %(supplier)s dated %(date)s is already registered (%(other)s): it "
                    "cannot be claimed twice.", number=expense.document_number, supplier=expense.supplier_id.name,
                    date=format_date(self.env, expense.document_date), other=duplicate.display_name))

    def _duplicate_domain(self):
        """The other expenses registering the same document (fami_verification leaves out the other parts of a
        document split over several budget lines)."""
        self.ensure_one()
        return [("id", "!=", self.id), ("supplier_id", "=", self.supplier_id.id),
                ("document_number", "=", self.document_number), ("document_date", "=", self.document_date)]

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        if transition.code == "submit" and not (self.document_file and self.payment_proof):
            raise UserError(self.env._("Attach the Document and the Proof of payment before submitting %(expense)s.",
                                       expense=self.display_name))
        if transition.state_to_id.code == "approved":
            problem = self._supplier_certificate_problem()
            if problem:
                raise UserError(problem)
        return result

    def _fami_attach_to_claim(self, claim):
        """Only claims set payment_request_id (the approved state leaves just this field editable)."""
        self.write({"payment_request_id": claim.id})
