import base64
import io

import openpyxl

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.fami_activities.tests.test_organisation_rules import DemoUsersMixin
from odoo.addons.fami_activities.tests.tour_common import ItalianTourMixin

FILE = base64.b64encode(b"%PDF-1.4 fattura")


@tagged("post_install", "-at_install")
class TestReportingTours(DemoUsersMixin, ItalianTourMixin, HttpCase):
    """The guided tours of the administrative staff, the manager and the auditor (static/src/tours, offered in
    "Visite guidate"), clicked through in headless Chromium, in Italian, as the demo users amministrativo (C.i.d.i.s.),
    responsabile and revisore themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_italian()
        cls.setup_demo_users()
        # the demo users work in Italian: activities written for the approvers are in Italian too
        (cls.staff | cls.manager | cls.auditor | cls.mediator | cls.trainer).write({"lang": "it_IT"})
        cls.supplier = cls.env.ref("fami_reporting.demo_supplier_tipografia")
        cls.line = cls.env.ref("fami_reporting.demo_budget_line_cidis_b6")

    def _expense(self, number, user=None, **values):
        return self.env["fami.expense"].with_user(user or self.env.user).create(dict({
            "project_id": self.project.id, "organisation_id": self.cidis.id, "budget_line_id": self.line.id,
            "supplier_id": self.supplier.id, "document_number": number, "document_date": fields.Date.today(),
            "taxable_amount": 100, "document_file": FILE, "payment_proof": FILE}, **values))

    def test_staff_register_and_send_an_expense(self):
        self.start_tour("/odoo", "fami_expense_registration_tour", login="amministrativo")
        self.env.invalidate_all()

        expense = self.env["fami.expense"].search([("document_number", "=", "FT-TOUR-1")])
        self.assertRecordValues(expense, [{
            "project_id": self.project.id, "organisation_id": self.cidis.id, "budget_line_id": self.line.id,
            "supplier_id": self.supplier.id, "taxable_amount": 1000.0, "vat_amount": 220.0,
            "eligible_amount": 1220.0, "document_filename": "fattura.pdf",
            "payment_proof_filename": "bonifico.pdf", "workflow_state_code": "submitted"}])
        self.assertTrue(expense.document_file and expense.payment_proof)
        self.assertEqual(expense.create_uid, self.staff)

    def test_staff_start_a_claim_from_new_and_download_its_workbook(self):
        """Before: "Nuova" crashed (the totals of a claim without a project had no currency) and the claim did not
        start on the user's project; collecting nothing said nothing."""
        # created in Italian, as the office would: the chatter keeps the creation messages in that language
        self.env = self.env(context=dict(self.env.context, lang="it_IT"))
        today = fields.Date.today()
        expense = self._expense("FT-TOUR-9", payment_date=today, taxable_amount=500, vat_amount=110)
        for code in ("submit", "check", "approve"):
            expense.workflow_fire(code)  # as OdooBot, who is no person: no four eyes to keep apart here
        # the lead partner validated the organisation's declaration holding it: it may enter the claim
        declaration = self.env["fami.partner.declaration"].create({
            "project_id": self.project.id, "organisation_id": self.cidis.id, "date_from": today.replace(day=1),
            "date_to": today})
        declaration.action_collect_costs()
        declaration.workflow_fire("submit")
        declaration.workflow_fire("validate")

        self.start_tour("/odoo", "fami_claim_workbook_tour", login="amministrativo")
        self.env.invalidate_all()

        claim = self.env["fami.payment.request"].search([("name", "=", "Domanda tour dal modulo")])
        self.assertRecordValues(claim, [{"project_id": self.project.id, "kind": "interim",
                                         "workflow_state_code": "draft"}])
        self.assertEqual(claim.organisation_ids, self.cidis)
        self.assertEqual(claim.create_uid, self.staff)
        self.assertIn(expense, claim.expense_ids)
        self.assertTrue(claim.workbook, "the workbook button stores the workbook on the claim")
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(claim.workbook)))
        cells = {cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row}
        self.assertIn("FT-TOUR-9", cells)

    def test_manager_approves_from_the_dashboard(self):
        employee = self.env.ref("fami_activities.demo_mediator_3")
        hours = self.env["account.analytic.line"].with_user(self.mediator).create({
            "name": "Mediazione tour da approvare", "employee_id": employee.id, "fami_project_id": self.project.id,
            "fami_is_mediation": True, "fami_service_kind": "usl", "date": fields.Date.today(),
            "fami_time_start": 9, "fami_time_end": 11})
        hours.with_user(self.mediator).workflow_fire("submit")

        self.start_tour("/odoo", "fami_manager_approval_tour", login="responsabile")
        self.env.invalidate_all()

        self.assertEqual(hours.workflow_state_code, "approved")
        approval = hours.workflow_log_ids.filtered(lambda log: log.state_to_id.code == "approved")
        self.assertEqual(approval.user_id, self.manager)

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

    def test_who_sends_an_expense_cannot_check_it_a_colleague_can(self):
        """Four eyes in the browser: amministrativo sends an expense and is refused its check, in Italian, the
        expense staying sent; responsabile checks it."""
        expense = self._expense("FT-QUATTRO-OCCHI", user=self.staff).sudo()  # sudo: the test reads the outcome
        self.assertEqual(expense.workflow_state_code, "draft")

        with mute_logger("odoo.http"):  # the refusal, logged as any UserError raised by a request
            self.start_tour("/odoo", "fami_test_four_eyes_refused", login="amministrativo")
        self.env.invalidate_all()
        self.assertEqual(expense.workflow_state_code, "submitted", "the refused check changed nothing")
        self.assertEqual(expense.workflow_log_ids.mapped("transition_id.code"), ["submit"])

        self.start_tour("/odoo", "fami_test_four_eyes_colleague", login="responsabile")
        self.env.invalidate_all()
        self.assertEqual(expense.workflow_state_code, "checked")
        check = expense.workflow_log_ids.filtered(lambda log: log.transition_id.code == "check")
        self.assertEqual(check.user_id, self.manager)
