from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import FILE, VerificationCase


@tagged("post_install", "-at_install")
class TestTraceability(VerificationCase):
    """Invoices split over budget lines add up to the invoice; cash above the project's limit, a procurement without
    its CIG and, where the project asks it, an invoice without the CUP or paid off the dedicated account are refused.
    As the demo administrative staff of the partner."""

    def refused(self, exception, texts, function):
        with self.assertRaises(exception) as caught, mute_logger("odoo.addons.base.models.ir_rule"), \
                self.env.cr.savepoint():
            function()
        for text in [texts] if isinstance(texts, str) else texts:
            self.assertIn(text, str(caught.exception))

    def split(self, parts, taxable=1000, vat=220, number="FT-2026/300"):
        return self.env["fami.expense.split"].with_user(self.clerk).create({
            "project_id": self.project.id, "organisation_id": self.alfa.id, "supplier_id": self.supplier.id,
            "document_number": number, "document_date": "2026-03-10", "taxable_amount": taxable, "vat_amount": vat,
            "document_file": FILE, "document_filename": "fattura.pdf", "payment_proof": FILE,
            "payment_proof_filename": "bonifico.pdf",
            "expense_ids": [(0, 0, {
                "project_id": self.project.id, "organisation_id": self.alfa.id, "supplier_id": self.supplier.id,
                "document_number": number, "document_date": "2026-03-10", "budget_line_id": line.id,
                "taxable_amount": part_taxable, "vat_amount": part_vat}) for line, part_taxable, part_vat in parts]})

    def test_an_invoice_split_over_three_lines_must_add_up_to_the_invoice(self):
        short = [(self.line_services, 400, 88), (self.line_other, 300, 66), (self.line_staff, 200, 44)]
        self.refused(ValidationError, ["3 parts of the invoice", "add up to 900.00", "not to the invoice's 1,000.00",
                                       "100.00"], lambda: self.split(short))
        over_vat = [(self.line_services, 500, 110), (self.line_other, 300, 66), (self.line_staff, 200, 45)]
        self.refused(ValidationError, ["add up to 221.00", "of VAT", "not to the invoice's 220.00"],
                     lambda: self.split(over_vat))
        split = self.split([(self.line_services, 500, 110), (self.line_other, 300, 66), (self.line_staff, 200, 44)])
        parts = split.expense_ids
        self.assertEqual((len(parts), split.parts_amount, split.total_amount), (3, 1220, 1220))
        self.assertEqual(parts.budget_line_id, self.line_services | self.line_other | self.line_staff)
        self.assertTrue(all(part.document_file and part.payment_proof for part in parts),
                        "each part carries the invoice and its proof of payment")
        as_clerk = parts[0].with_user(self.clerk)
        self.refused(ValidationError, "add up to", lambda: as_clerk.write({"taxable_amount": 499}))
        self.refused(UserError, "is a part of the split invoice", parts[0].with_user(self.manager).unlink)
        self.refused(ValidationError, "at least two parts", lambda: split.with_user(self.manager).write(
            {"expense_ids": [(2, parts[1].id), (2, parts[2].id)], "taxable_amount": 500, "vat_amount": 110}))
        # moved from one line to another together, the parts still add up
        split.with_user(self.clerk).write({"expense_ids": [(1, parts[0].id, {"taxable_amount": 450}),
                                                           (1, parts[1].id, {"taxable_amount": 350})]})
        self.assertEqual(parts[1].taxable_amount, 350)
        # the same document outside the split is a double claim all the same
        self.refused(ValidationError, "already registered", lambda: self.expense("FT-2026/300", 100))
        # a part approved freezes the split
        self.approve(parts[0])
        self.refused(UserError, "locked", lambda: split.with_user(self.clerk).write({"taxable_amount": 2000}))

    def test_cash_above_the_limit_and_procurement_without_its_cig_are_refused(self):
        self.project.cash_limit = 100
        self.refused(ValidationError, ["paid in cash (122.00", "above the limit of 100.00", "Verifica test"],
                     lambda: self.expense("C-1", 100, 22, payment_method="cash"))
        self.assertEqual(self.expense("C-2", 80, 17.6, payment_method="cash").eligible_amount, 97.6)
        purchase = self.expense("P-1", 4000, 880, procurement_procedure="direct")
        self.refused(UserError, ["procurement procedure", "enter its CIG"],
                     lambda: purchase.with_user(self.clerk).workflow_fire("submit"))
        self.refused(ValidationError, "is not valid: a CIG has 10 letters or digits",
                     lambda: purchase.with_user(self.clerk).write({"cig": "12345"}))
        purchase.with_user(self.clerk).write({"cig": " b7c4-1d2e90 "})
        self.assertEqual(purchase.cig, "B7C41D2E90")
        purchase.with_user(self.clerk).workflow_fire("submit")
        self.assertEqual(purchase.workflow_state_code, "submitted")

    def test_where_the_project_asks_it_an_invoice_states_the_cup_and_is_paid_from_the_dedicated_account(self):
        self.project.traceability_required = True
        invoice = self.expense("T-1", 500, 110)
        as_clerk = invoice.with_user(self.clerk)
        self.refused(UserError, ["Enter the CUP on the invoice", "J91H26000000007"],
                     lambda: as_clerk.workflow_fire("submit"))
        self.refused(ValidationError, ["E61H25000000001, is not the CUP of Verifica test"],
                     lambda: as_clerk.write({"invoice_cup": "E61H25000000001"}))
        as_clerk.write({"invoice_cup": "j91h2600-0000007"})
        self.refused(UserError, "must be paid from the account dedicated to Verifica test",
                     lambda: as_clerk.workflow_fire("submit"))
        as_clerk.write({"dedicated_account": True, "payment_method": "postal"})
        as_clerk.workflow_fire("submit")
        self.assertEqual(invoice.workflow_state_code, "submitted")
