import base64

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import format_date

FILE = base64.b64encode(b"%PDF-1.4 fattura")


@tagged("post_install", "-at_install")
class TestExpenseCertificate(TransactionCase):
    """Approving an expense is refused when the supplier's compliance certificate (DURC) had expired on the
    expense's document date; the message names the certificate and its expiry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        project = cls.env["fami.project"].create({
            "name": "Certificate test", "code": "PROG-6667", "date_start": "2025-01-01", "date_end": "2027-12-31"})
        action = cls.env["fami.project.action"].create({"project_id": project.id, "code": "WP1", "name": "Az"})
        organisation = cls.env["res.partner"].create({"name": "Alfa", "is_company": True})
        cls.env["fami.project.partner"].create({"project_id": project.id, "partner_id": organisation.id,
                                                "role": "partner"})
        budget = cls.env["fami.budget"].create({"project_id": project.id})
        line = cls.env["fami.budget.line"].create({
            "budget_id": budget.id, "action_id": action.id, "organisation_id": organisation.id,
            "category_id": cls.env.ref("fami_reporting.cost_category_b6").id, "quantity": 1, "unit_cost": 5000})
        cls.supplier = cls.env["res.partner"].create({"name": "Tipografia Umbra", "is_company": True})
        cls.values = {
            "project_id": project.id, "organisation_id": organisation.id, "budget_line_id": line.id,
            "supplier_id": cls.supplier.id, "document_date": "2026-03-10", "payment_date": "2026-03-20",
            "taxable_amount": 100, "vat_amount": 22, "document_file": FILE, "payment_proof": FILE}
        cls.durc = cls.env.ref("fami_partners.document_type_durc")

    def _checked_expense(self, number):
        expense = self.env["fami.expense"].create(dict(self.values, document_number=number))
        expense.workflow_fire("submit")
        expense.workflow_fire("check")
        return expense

    def _certificate(self, number, issued, expires):
        return self.env["fami.document"].create({
            "document_type_id": self.durc.id, "partner_id": self.supplier.id, "number": number,
            "date_issue": issued, "date_expiry": expires})

    def test_expired_certificate_blocks_approval_and_a_valid_one_lets_it_pass(self):
        free = self._checked_expense("F-1")
        free.workflow_fire("approve")
        self.assertEqual(free.workflow_state_code, "approved", "a supplier without certificates is not checked")
        expired = self._certificate("INPS_111", "2025-10-01", "2026-01-29")
        expense = self._checked_expense("F-2")
        self.assertIn("INPS_111", expense.supplier_certificate_warning)
        with self.assertRaises(UserError) as refusal:
            expense.workflow_fire("approve")
        message = str(refusal.exception)
        self.assertIn(expired.display_name, message)
        self.assertIn("DURC", message)
        self.assertIn("INPS_111", message)
        self.assertIn(f"expired on {format_date(self.env, expired.date_expiry)}", message)
        self.assertIn(format_date(self.env, expense.document_date), message)
        self.assertEqual(expense.workflow_state_code, "checked")

        self._certificate("INPS_222", "2026-01-30", "2026-05-29")
        expense.invalidate_recordset(["supplier_certificate_warning"])
        self.assertFalse(expense.supplier_certificate_warning)
        expense.workflow_fire("approve")
        self.assertEqual(expense.workflow_state_code, "approved")

    def test_certificate_issued_after_the_document_date_does_not_cover_it(self):
        self._certificate("INPS_333", "2026-04-01", "2026-07-30")
        expense = self._checked_expense("F-3")
        with self.assertRaisesRegex(UserError, "INPS_333.*issued on"):
            expense.workflow_fire("approve")

    def test_a_certificate_expiring_on_the_document_date_still_covers_it(self):
        self._certificate("INPS_444", "2025-11-11", "2026-03-10")  # the expense's document date
        expense = self._checked_expense("F-4")
        self.assertFalse(expense.supplier_certificate_warning)
        expense.workflow_fire("approve")
        self.assertEqual(expense.workflow_state_code, "approved")
