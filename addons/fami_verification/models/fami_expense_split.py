import contextvars

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount

from odoo.addons.fami_workflow.lib import bounds

from ..lib import traceability

# set while a split writes its parts: each part is checked once all of them are written, by the split itself
SPLIT_WRITING = contextvars.ContextVar("fami_verification_split_writing", default=False)
SHARED_FIELDS = ("project_id", "organisation_id", "supplier_id", "document_number", "document_date")
FILES = {"document_file": "document_filename", "payment_proof": "payment_proof_filename"}


class FamiExpenseSplit(models.Model):
    """One invoice charged to several budget lines: each part is an expense of its own (approved and claimed on its
    line), and the parts add up to the invoice, to the cent."""

    _name = "fami.expense.split"
    _description = "FAMI invoice split over budget lines"
    _inherit = ["fami.workflow.frozen.mixin", "mail.thread"]
    # a part that is approved or claimed freezes the split with it
    _workflow_frozen_by = ("expense_ids",)
    _order = "document_date desc, id desc"
    # _check_parts refuses an amount that is not positive, and parts that do not add up, in words of its own
    _fami_bounds = {"taxable_amount": bounds.AMOUNT_CAP, "vat_amount": bounds.AMOUNT_CAP}

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict", tracking=True)
    organisation_id = fields.Many2one("res.partner", string="Partner", required=True, index=True, tracking=True,
                                      domain=[("is_company", "=", True)],
                                      default=lambda self: self.env.user.fami_organisation_ids[:1])
    supplier_id = fields.Many2one("res.partner", required=True, index=True, tracking=True)
    document_number = fields.Char(required=True, tracking=True)
    document_date = fields.Date(required=True, tracking=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    taxable_amount = fields.Monetary(string="Invoice taxable amount", currency_field="currency_id", required=True,
                                     tracking=True)
    vat_amount = fields.Monetary(string="Invoice VAT", currency_field="currency_id", tracking=True)
    total_amount = fields.Monetary(string="Invoice total", compute="_compute_totals", currency_field="currency_id")
    parts_amount = fields.Monetary(string="Parts total", compute="_compute_totals", currency_field="currency_id")
    expense_ids = fields.One2many("fami.expense", "split_id", string="Parts")
    document_file = fields.Binary(string="Document", attachment=True,
                                  help="The invoice: given to every part that has none.")
    document_filename = fields.Char()
    payment_proof = fields.Binary(string="Proof of payment", attachment=True,
                                  help="The proof of payment: given to every part that has none.")
    payment_proof_filename = fields.Char()

    @api.depends("supplier_id", "document_number")
    def _compute_name(self):
        for split in self:
            split.name = f"{split.supplier_id.name or ''} {split.document_number or ''}".strip()

    @api.depends("taxable_amount", "vat_amount", "expense_ids.taxable_amount", "expense_ids.vat_amount")
    def _compute_totals(self):
        for split in self:
            split.total_amount = float(traceability.cents(split.taxable_amount) + traceability.cents(split.vat_amount))
            split.parts_amount = float(sum(traceability.cents(part.taxable_amount) + traceability.cents(part.vat_amount)
                                           for part in split.expense_ids))

    @api.model_create_multi
    def create(self, vals_list):
        token = SPLIT_WRITING.set(True)
        try:
            splits = super().create(vals_list)
            splits._give_files_to_parts()
        finally:
            SPLIT_WRITING.reset(token)
        splits._check_parts()
        return splits

    def write(self, vals):
        token = SPLIT_WRITING.set(True)
        try:
            result = super().write(vals)
            self._give_files_to_parts()
        finally:
            SPLIT_WRITING.reset(token)
        self._check_parts()
        return result

    def _give_files_to_parts(self):
        for split in self:
            for field, filename in FILES.items():
                if split[field]:
                    bare = split.expense_ids.filtered(lambda part, name=field: not part[name]
                                                      and not part.workflow_locked)
                    bare.write({field: split[field], filename: split[filename]})

    def _check_parts(self):
        """Each part is the invoice's (same document, partner and project) and together they make the invoice."""
        for split in self:
            parts = split.expense_ids
            if split.taxable_amount <= 0 or split.vat_amount < 0:
                raise ValidationError(self.env._(
                    "The Invoice taxable amount of %(invoice)s must be positive and its VAT not negative.",
                    invoice=split.display_name))
            if len(parts) < 2:
                raise ValidationError(self.env._(
                    "The invoice %(invoice)s is split over %(count)s budget line(s): a split has at least two "
                    "parts, each on its budget line. Add the parts, or register the invoice as one expense.",
                    invoice=split.display_name, count=len(parts)))
            for part in parts:
                for name in SHARED_FIELDS:
                    if part[name] != split[name]:
                        raise ValidationError(self.env._(
                            "The part %(part)s has another %(field)s than the invoice %(invoice)s it is a part of: "
                            "the parts of an invoice share its document, supplier, partner and project.",
                            part=part.display_name, invoice=split.display_name,
                            field=part._fields[name]._description_string(self.env)))
            for label, whole, field in ((self.env._("taxable amount"), split.taxable_amount, "taxable_amount"),
                                        (self.env._("VAT"), split.vat_amount, "vat_amount")):
                difference = traceability.split_difference(whole, parts.mapped(field))
                if difference:
                    raise ValidationError(self.env._(
                        "The %(count)s parts of the invoice %(invoice)s add up to %(parts)s of %(what)s, not to the "
                        "invoice's %(whole)s (%(difference)s apart): correct the parts so that they add up to the "
                        "invoice, to the cent.", count=len(parts), invoice=split.display_name, what=label,
                        parts=format_amount(self.env, float(traceability.cents(whole) - difference),
                                            split.currency_id),
                        whole=format_amount(self.env, whole, split.currency_id),
                        difference=format_amount(self.env, abs(float(difference)), split.currency_id)))

    def _check_split_unless_writing(self):
        """After a part changed on its own: the split still adds up (a split writing its parts checks itself)."""
        if not SPLIT_WRITING.get():
            self.exists()._check_parts()
