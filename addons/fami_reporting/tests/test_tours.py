import base64
import io
from datetime import date

import openpyxl

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.fami_activities.tests.tour_common import ItalianTourMixin

FILE = base64.b64encode(b"%PDF-1.4 fattura")


@tagged("post_install", "-at_install")
class TestReportingTours(ItalianTourMixin, HttpCase):
    """The administrative staff's daily jobs, clicked through in headless Chromium, in Italian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_italian()
        cls.clerk = new_test_user(cls.env, "tour_clerk", groups="fami_partners.group_fami_admin_staff",
                                  lang="it_IT", tz="Europe/Rome")
        cls.project = cls.env["fami.project"].create({
            "name": "Progetto tour spese", "code": "PROG-5555", "date_start": "2025-01-01",
            "date_end": "2029-12-31"})
        cls.org = cls.env["res.partner"].create({"name": "Ente tour spese", "is_company": True})
        # the clerk works for the organisation: record rules show its expenses and budget lines
        cls.env["fami.project.partner"].create({
            "project_id": cls.project.id, "partner_id": cls.org.id, "role": "partner",
            "user_ids": [(6, 0, cls.clerk.ids)]})
        cls.supplier = cls.env["res.partner"].create({"name": "Tipografia tour", "is_company": True})
        action = cls.env["fami.project.action"].create({"project_id": cls.project.id, "code": "WPT",
                                                         "name": "Azione tour"})
        budget = cls.env["fami.budget"].create({"project_id": cls.project.id})
        cls.line = cls.env["fami.budget.line"].create({
            "budget_id": budget.id, "action_id": action.id, "organisation_id": cls.org.id,
            "category_id": cls.env.ref("fami_reporting.cost_category_b6").id, "description": "Materiali tour",
            "quantity": 1, "unit_cost": 10000})

    def test_clerk_registers_an_expense(self):
        # a colleague's submitted expense: the dashboard shows it among what awaits the clerk's check
        submitted = self.env["fami.expense"].create({
            "project_id": self.project.id, "organisation_id": self.org.id, "budget_line_id": self.line.id,
            "supplier_id": self.supplier.id, "document_number": "FT-TOUR-0", "document_date": fields.Date.today(),
            "taxable_amount": 100, "document_file": FILE, "payment_proof": FILE})
        submitted.workflow_fire("submit")

        self.start_tour("/odoo", "fami_expense_registration_tour", login="tour_clerk")
        self.env.invalidate_all()

        expense = self.env["fami.expense"].search([("document_number", "=", "FT-TOUR-1")])
        self.assertRecordValues(expense, [{
            "project_id": self.project.id, "organisation_id": self.org.id, "budget_line_id": self.line.id,
            # the day the tour typed: the browser's today, in the time zone of the machine it runs on (Python's local
            # date), which around midnight is not the day in the user's time zone
            "supplier_id": self.supplier.id, "document_date": date.today(),
            "taxable_amount": 1000.0, "vat_amount": 220.0, "eligible_amount": 1220.0,
            "workflow_state_code": "draft"}])
        self.assertEqual(expense.create_uid, self.clerk)

    def test_clerk_produces_the_claim_workbook(self):
        # created in Italian, as the office would: the chatter keeps the creation messages in that language
        self.env = self.env(context=dict(self.env.context, lang="it_IT"))
        today = fields.Date.today()
        expense = self.env["fami.expense"].create({
            "project_id": self.project.id, "organisation_id": self.org.id, "budget_line_id": self.line.id,
            "supplier_id": self.supplier.id, "document_number": "FT-TOUR-9", "document_date": today,
            "payment_date": today, "taxable_amount": 500, "vat_amount": 110, "document_file": FILE,
            "payment_proof": FILE})
        for code in ("submit", "check", "approve"):
            expense.workflow_fire(code)
        # the lead partner validated the organisation's declaration holding it: it may enter the claim
        declaration = self.env["fami.partner.declaration"].create({
            "project_id": self.project.id, "organisation_id": self.org.id, "date_from": today.replace(day=1),
            "date_to": today})
        declaration.action_collect_costs()
        declaration.workflow_fire("submit")
        declaration.workflow_fire("validate")
        # the claim of the clerk's organisation: staff read only claims whose partners are all theirs
        claim = self.env["fami.payment.request"].create({
            "name": "Domanda tour intermedia", "project_id": self.project.id, "date_from": today.replace(day=1),
            "date_to": today, "organisation_ids": [(6, 0, self.org.ids)]})

        self.start_tour("/odoo", "fami_claim_workbook_tour", login="tour_clerk")
        self.env.invalidate_all()

        self.assertEqual(claim.expense_ids, expense)
        self.assertEqual((claim.direct_amount, claim.indirect_amount, claim.amount_total), (610.0, 42.7, 652.7))
        self.assertTrue(claim.workbook, "the workbook button stores the workbook on the claim")
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(claim.workbook)))
        cells = {cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row}
        self.assertIn("FT-TOUR-9", cells)


@tagged("post_install", "-at_install")
class TestClaimToursAsDemoUsers(ItalianTourMixin, HttpCase):
    """The claim's jobs clicked through as the demo users themselves, in Italian: amministrativo (administrative
    staff of C.i.d.i.s.) starts a claim from "Nuova", revisore (auditor) downloads the workbook of a sent claim."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_italian()
        cls.clerk = cls.env.ref("fami_partners.demo_user_amministrativo")
        cls.auditor = cls.env.ref("fami_partners.demo_user_revisore")
        (cls.clerk | cls.auditor).write({"lang": "it_IT"})
        cls.project = cls.env.ref("fami_partners.demo_project_umbria2")
        cls.cidis = cls.env.ref("fami_partners.demo_partner_cidis")

    def test_staff_start_a_claim_from_new(self):
        """Before: "Nuova" crashed (the totals of a claim without a project had no currency) and the claim did not
        start on the user's project; collecting nothing said nothing."""
        self.start_tour("/odoo", "fami_claim_new_tour", login="amministrativo")
        claim = self.env["fami.payment.request"].search([("name", "=", "Domanda tour dal modulo")])
        self.assertRecordValues(claim, [{"project_id": self.project.id, "kind": "interim",
                                         "workflow_state_code": "draft"}])
        self.assertEqual(claim.organisation_ids, self.cidis)
        self.assertEqual(claim.create_uid, self.clerk)

    def test_auditor_downloads_the_workbook_of_a_sent_claim(self):
        claim = self.env.ref("fami_reporting.demo_claim_1")
        self.assertTrue(claim.workflow_locked)
        self.start_tour("/odoo", "fami_auditor_workbook_tour", login="revisore")
        # the download the button starts, as the auditor's browser session fetches it
        action = claim.with_user(self.auditor).action_export_workbook()
        self.authenticate("revisore", "revisore")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertIn("Summary", workbook.sheetnames)
        self.assertEqual(response.content, base64.b64decode(claim.workbook), "the workbook as sent")
