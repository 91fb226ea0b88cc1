import base64
import io

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .money_common import claimed_staff_cost

FILE = base64.b64encode(b"%PDF-1.4 fattura")
RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
DEMO_LOGINS = ("responsabile", "amministrativo", "formatore", "mediatore", "revisore")
# the administrator groups of the core apps the suite installs, and of Odoo itself
ADMINISTRATOR_GROUPS = ("base.group_system", "base.group_erp_manager", "project.group_project_manager",
                        "hr.group_hr_manager", "hr_timesheet.group_timesheet_manager",
                        "mail.group_mail_canned_response_admin")


@tagged("post_install", "-at_install")
class TestReportingOrganisationRules(TransactionCase):
    """Claims, their workbook and budgets show each user only what is theirs; the roles hold no administrator group
    of the core apps. Tried as the demo users: amministrativo (administrative staff) and mediatore work for
    C.i.d.i.s., formatore for Frontiera Lavoro, responsabile is the lead's manager, revisore the auditor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.users = {login: ref(f"fami_partners.demo_user_{login}") for login in DEMO_LOGINS}
        cls.clerk, cls.mediator, cls.trainer = (cls.users[login] for login in ("amministrativo", "mediatore",
                                                                                "formatore"))
        cls.manager, cls.auditor = cls.users["responsabile"], cls.users["revisore"]
        cls.cidis, cls.tamat = ref("fami_partners.demo_partner_cidis"), ref("fami_partners.demo_partner_tamat")
        cls.project = ref("fami_partners.demo_project_umbria2")
        # sending a claim needs a completed verification where fami_verification is installed; these tests
        # are about the claim itself
        if "verification_required" in cls.project._fields:
            cls.project.verification_required = False
        cls.budget = ref("fami_reporting.demo_budget_umbria2")
        cls.submitted_claim = ref("fami_reporting.demo_claim_1")
        today = fields.Date.today()
        cls.claim = cls.env["fami.payment.request"].create({
            "name": "Domanda C.i.d.i.s. di prova", "project_id": cls.project.id, "date_from": "2026-01-01",
            "date_to": today, "organisation_ids": [Command.set(cls.cidis.ids)]})
        cls.whole_claim = cls.env["fami.payment.request"].create({
            "name": "Domanda di tutto il partenariato", "project_id": cls.project.id, "date_from": "2026-01-01",
            "date_to": today})

    def assert_refused(self, function, message=None):
        with self.assertRaises(AccessError) as caught, mute_logger(*RULE_LOGGERS), self.env.cr.savepoint():
            function()
        if message:
            self.assertIn(message, str(caught.exception))

    # ------------------------------------------------------------ core groups

    def test_no_role_administers_a_core_app(self):
        """Before: every demo user held Project, Employees and Timesheets Administrator, which the core apps put in
        the default user template and Odoo handed to every internal user."""
        administrators = self.env["res.groups"].browse([self.env.ref(xmlid).id for xmlid in ADMINISTRATOR_GROUPS])
        defaults = self.env["res.users"].default_get(["groups_id"])["groups_id"]
        created = {group: self.env["res.users"].create({
            "name": f"Nuovo {group}", "login": f"new_{group}",
            "groups_id": [*defaults, Command.link(self.env.ref(f"fami_partners.group_fami_{group}").id)]})
            for group in ("trainer", "mediator", "admin_staff", "auditor", "manager")}
        for who, user in {**self.users, **created, "template": self.env.ref("base.default_user")}.items():
            with self.subTest(user=who):
                self.assertFalse(user.groups_id & administrators,
                                 ", ".join((user.groups_id & administrators).mapped("full_name")))
        # each role has what its work needs: mediators and administrative staff record timesheets, and so do
        # trainers once fami_verification puts every role's hours on timesheets
        timesheets = self.env.ref("hr_timesheet.group_hr_timesheet_user")
        trainers_record_hours = "fami.staff.assignment" in self.env
        for group, needs_timesheets in (("mediator", True), ("admin_staff", True), ("trainer", trainers_record_hours),
                                        ("auditor", False)):
            with self.subTest(role=group):
                self.assertEqual(timesheets in created[group].groups_id, needs_timesheets)

    def test_a_trainer_neither_reads_nor_moves_mediation_hours(self):
        """Before: the trainer, Timesheets Administrator, read every organisation's hours and submitted another
        mediator's draft hours."""
        draft = self.env.ref("fami_activities.demo_mediation_10")
        self.assertEqual(draft.workflow_state_code, "draft")
        Line = self.env["account.analytic.line"].with_user(self.trainer)
        if "fami.staff.assignment" in self.env:
            # fami_verification puts every role's hours on timesheets: the trainer searches them and finds none of
            # another organisation's mediation hours, nor reads one by its id
            found = Line.search([("fami_is_mediation", "=", True)])
            self.assertFalse(found.with_env(self.env).filtered(
                lambda line: line.user_id != self.trainer
                and not line.employee_id.user_id.fami_organisation_ids & self.trainer.fami_organisation_ids))
            self.assertNotIn(draft, found)
            self.assert_refused(lambda: draft.with_user(self.trainer).read(["unit_amount"]))
        else:
            self.assert_refused(lambda: Line.search_read([("fami_is_mediation", "=", True)], ["unit_amount"]))
        self.assert_refused(lambda: draft.with_user(self.trainer).workflow_fire("submit"))
        self.assertEqual(draft.workflow_state_code, "draft")

    # ------------------------------------------------------------ claims

    def test_a_claim_is_read_only_by_the_staff_of_all_its_partners(self):
        claims = self.submitted_claim | self.claim | self.whole_claim
        cidis_claims = self.submitted_claim | self.claim
        for login, expected in (("amministrativo", cidis_claims), ("mediatore", cidis_claims),
                                ("formatore", self.env["fami.payment.request"]), ("responsabile", claims),
                                ("revisore", claims)):
            with self.subTest(user=login):
                Claim = self.env["fami.payment.request"].with_user(self.users[login])
                self.assertEqual(Claim.search([("id", "in", claims.ids)]), expected)
                rows = Claim.search_read([("id", "in", claims.ids)], ["amount_total", "totals_html"])
                self.assertEqual({row["id"] for row in rows}, set(expected.ids))
        # the totals of another organisation's claim, or of the whole partnership, are not read by id either
        self.assert_refused(lambda: self.submitted_claim.with_user(self.trainer).read(["amount_total"]))
        self.assert_refused(lambda: self.whole_claim.with_user(self.clerk).read(["amount_total", "totals_html"]))
        # a claim that takes in another organisation's expense is no longer C.i.d.i.s.'s alone
        expense = self.env["fami.expense"].create({
            "project_id": self.project.id, "organisation_id": self.tamat.id,
            "budget_line_id": self.env.ref("fami_reporting.demo_budget_line_tamat_b6").id,
            "supplier_id": self.env.ref("fami_reporting.demo_supplier_tipografia").id,
            "document_number": "FT-TAMAT-99", "document_date": fields.Date.today(), "taxable_amount": 100,
            "document_file": FILE, "payment_proof": FILE})
        for code in ("submit", "check", "approve"):
            expense.workflow_fire(code)
        declaration = self.env["fami.partner.declaration"].create({  # validated by the lead partner: claimable
            "project_id": self.project.id, "organisation_id": self.tamat.id, "date_from": fields.Date.today(),
            "date_to": fields.Date.today(), "expense_ids": [Command.set(expense.ids)]})
        declaration.workflow_fire("submit")
        declaration.workflow_fire("validate")
        expense.payment_request_id = self.claim
        self.assertFalse(self.env["fami.payment.request"].with_user(self.clerk).search([("id", "=", self.claim.id)]))

    def test_only_who_may_change_a_claim_produces_its_workbook(self):
        """Before: any reader of a draft claim regenerated its workbook."""
        for login in ("mediatore", "revisore"):
            with self.subTest(user=login):
                self.claim.with_user(self.users[login]).check_access("read")
                self.assert_refused(lambda u=self.users[login]: self.claim.with_user(u).action_export_workbook(),
                                    "You may not produce the workbook of the claim Domanda C.i.d.i.s. di prova")
        self.assert_refused(lambda: self.whole_claim.with_user(self.trainer).action_export_workbook(),
                            f"#{self.whole_claim.id}")
        self.assertFalse(self.claim.workbook)
        self.claim.with_user(self.clerk).action_export_workbook()
        self.assertTrue(self.claim.workbook)

    def test_the_workbook_of_a_sent_claim_is_downloaded_as_sent_by_its_readers(self):
        """Before: the workbook of a submitted claim could not be downloaded at all, by the auditor nor by the
        manager: producing it wrote the locked claim and was refused."""
        claim = self.submitted_claim
        self.assertTrue(claim.workflow_locked)
        sent = claim.workbook
        self.assertTrue(sent, "the workbook is kept with the claim when it is sent")
        requested = next(row[4] for row in openpyxl.load_workbook(io.BytesIO(base64.b64decode(sent)), data_only=True)[
            "Summary"].iter_rows(values_only=True) if row[0] == "Amount requested")
        self.assertAlmostEqual(requested, claim.amount_total, places=2)
        for login in ("revisore", "responsabile", "mediatore"):
            with self.subTest(user=login):
                as_reader = claim.with_user(self.users[login])
                action = as_reader.action_export_workbook()
                self.assertEqual(action["url"], f"/web/content/fami.payment.request/{claim.id}/workbook/"
                                                f"{claim.workbook_filename}?download=true")
                self.assertEqual(as_reader.workbook, sent, "the workbook as sent, not produced again")
        self.assert_refused(lambda: claim.with_user(self.trainer).action_export_workbook(), f"#{claim.id}")

    def test_the_workbook_sent_is_produced_when_the_claim_is_sent_whatever_was_written_before(self):
        """A file written as the workbook of a draft over RPC by its partner's staff does not become the workbook
        sent, and the one sent is not replaced."""
        as_clerk = self.claim.with_user(self.clerk)
        as_clerk.write({"workbook": base64.b64encode(b"not the claim"), "workbook_filename": "finto.xlsx"})
        claimed_staff_cost(self.claim, self.cidis, self.clerk, self.manager)  # an empty claim is not sent
        self.claim.with_user(self.manager).workflow_fire("submit")
        self.assertEqual(self.claim.workbook_filename, f"rendicontazione-{self.claim.id}.xlsx")
        self.assertIn(self.cidis.name, self._cells(self.claim.workbook))
        # UserError: the lock, or AccessError (one of its kind) where the clerk may no longer change the claim
        with self.assertRaises(UserError), mute_logger(*RULE_LOGGERS), self.env.cr.savepoint():
            as_clerk.write({"workbook": base64.b64encode(b"not the claim")})

    def test_a_partners_claim_workbook_shows_that_partners_budget(self):
        """Before: the workbook of a claim listed every partner's budget lines, whoever produced it."""
        self.claim.with_user(self.manager).action_collect_items()
        self.claim.with_user(self.manager).action_export_workbook()
        cells = self._cells(self.claim.workbook)
        self.assertIn(self.cidis.name, cells)
        for other in self.budget.line_ids.organisation_id - self.cidis:
            self.assertNotIn(other.name, cells)
        self.whole_claim.with_user(self.manager).action_export_workbook()
        self.assertIn(self.tamat.name, self._cells(self.whole_claim.workbook), "the whole partnership's claim")

    def test_staff_claims_start_with_their_organisations(self):
        claim = self.env["fami.payment.request"].with_user(self.clerk).create({
            "project_id": self.project.id, "date_from": "2026-01-01", "date_to": "2026-06-30"})
        self.assertEqual(claim.organisation_ids, self.cidis)
        self.assert_refused(lambda: self.env["fami.payment.request"].with_user(self.clerk).create({
            "project_id": self.project.id, "date_from": "2026-01-01", "date_to": "2026-06-30",
            "organisation_ids": [Command.set((self.cidis | self.tamat).ids)]}))

    @staticmethod
    def _cells(workbook):
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(workbook)))
        return {cell.value for sheet in book for row in sheet.iter_rows() for cell in row}

    # ------------------------------------------------------------ budgets

    def test_a_budget_is_read_by_the_projects_partners_and_kept_by_the_lead(self):
        planned = {login: sum(self.budget.line_ids.filtered(
            lambda line, u=self.users[login]: line.organisation_id in u.fami_organisation_ids).mapped(
            "planned_amount")) for login in ("amministrativo", "formatore", "mediatore")}
        self.assertTrue(planned["amministrativo"])
        for login, own_planned in planned.items():
            with self.subTest(user=login):
                self.env.invalidate_all()  # as in a request of the user's own: nothing read by another user
                budget = self.budget.with_user(self.users[login])
                budget.check_access("read")
                # its totals add up only the lines the user may read
                self.assertAlmostEqual(budget.planned_total, own_planned)
        self.env.invalidate_all()
        self.assert_refused(lambda: self.budget.with_user(self.clerk).write({"reason": "Più servizi"}))
        self.assert_refused(lambda: self.env["fami.budget"].with_user(self.clerk).create(
            {"project_id": self.project.id, "version": 9}))
        lead_clerk = new_test_user(self.env, "lead_clerk", groups="fami_partners.group_fami_admin_staff")
        self.env.ref("fami_partners.demo_link_regione_umbria").user_ids = [Command.link(lead_clerk.id)]
        draft = self.env["fami.budget"].with_user(lead_clerk).create({"project_id": self.project.id})
        draft.write({"reason": "Rimodulazione"})
        stranger = new_test_user(self.env, "stranger_clerk", groups="fami_partners.group_fami_admin_staff")
        self.assertFalse(self.env["fami.budget"].with_user(stranger).search([("id", "in", (self.budget | draft).ids)]))
        self.assertEqual(self.env["fami.budget"].with_user(self.auditor).search(
            [("id", "in", (self.budget | draft).ids)]), self.budget | draft)
