from odoo.tests import tagged

from .money_common import MoneyCase

MONEY_MODELS = ("fami.guarantee", "fami.payment.received", "fami.partner.transfer", "fami.partner.declaration",
                "fami.partner.position", "fami.treasury.line")


@tagged("post_install", "-at_install")
class TestMoneyAccessAsTheDemoUsers(MoneyCase):
    """The demo's money seen by each demo user: amministrativo (administrative staff of C.i.d.i.s., a partner) reads
    its organisation's transfers, position and declarations, nothing of the lead partner's treasury; responsabile
    (the lead partner's manager) and revisore (auditor) read all, the auditor changes nothing; formatore (trainer)
    reads none of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {login: cls.env.ref(f"fami_partners.demo_user_{login}")
                     for login in ("responsabile", "amministrativo", "formatore", "mediatore", "revisore")}
        cls.demo = cls.env.ref("fami_partners.demo_project_umbria2")
        cls.cidis = cls.env.ref("fami_partners.demo_partner_cidis")
        cls.advance = cls.env.ref("fami_reporting.demo_payment_advance")
        cls.guarantee = cls.env.ref("fami_reporting.demo_guarantee_umbria2")

    def records(self, model):
        return self.env[model].search([("project_id", "=", self.demo.id)])

    def test_the_demo_has_every_money_record(self):
        self.assertEqual((self.guarantee.workflow_state_code, self.advance.workflow_state_code),
                         ("issued", "received"))
        self.assertEqual(self.env.ref("fami_reporting.demo_payment_interim_1").claim_id,
                         self.env.ref("fami_reporting.demo_claim_1"))
        transfers = self.records("fami.partner.transfer")
        self.assertEqual(set(transfers.filtered(lambda t: t.payment_id == self.advance).mapped(
            "workflow_state_code")), {"transferred"})
        self.assertIn("draft", transfers.mapped("workflow_state_code"), "the interim payment's shares wait")
        self.assertEqual(self.env.ref("fami_reporting.demo_declaration_cidis_1").workflow_state_code, "validated")
        self.assertEqual(self.guarantee.document_ids.expiry_state, "valid")

    def test_a_partners_staff_read_their_own_transfers_position_and_declarations(self):
        clerk = self.users["amministrativo"]
        for model in ("fami.partner.transfer", "fami.partner.position", "fami.partner.declaration"):
            with self.subTest(model=model):
                mine = self.env[model].with_user(clerk).search([("project_id", "=", self.demo.id)])
                self.assertTrue(mine)
                self.assertEqual(mine.mapped("organisation_id"), self.cidis)
                self.assertEqual(mine, self.records(model).filtered(lambda r: r.organisation_id == self.cidis))
        for model in ("fami.guarantee", "fami.payment.received", "fami.treasury.line"):
            with self.subTest(model=model):
                self.assertFalse(self.env[model].with_user(clerk).search([("project_id", "=", self.demo.id)]))
        self.refused(lambda: self.advance.with_user(clerk).read(["amount"]))
        transfer = self.env["fami.partner.transfer"].with_user(clerk).search([("project_id", "=", self.demo.id),
                                                                            ("workflow_state_code", "=", "draft")])
        self.assertTrue(transfer)
        self.refused(lambda: transfer.write({"amount": 1}))
        self.refused(lambda: transfer.workflow_fire("transfer"))
        # the dashboard's money is the lead partner's: its figures are not computed for a partner's staff
        project = self.demo.with_user(clerk)
        self.assertEqual((project.dashboard_money_visible, project.dashboard_cash_held,
                          project.dashboard_advance_to_recover, project.dashboard_guarantee_open),
                         (False, 0, 0, 0), "before: a partner's staff read the lead partner's cash held")
        for login in ("responsabile", "revisore"):
            with self.subTest(user=login):
                project = self.demo.with_user(self.users[login])
                self.assertTrue(project.dashboard_money_visible)
                self.assertEqual(project.dashboard_guarantee_open, 150000)

    def test_trainers_and_mediators_read_no_money(self):
        for login in ("formatore", "mediatore"):
            for model in MONEY_MODELS:
                with self.subTest(user=login, model=model):
                    self.refused(lambda u=self.users[login], m=model: self.env[m].with_user(u).search([]))
            with self.subTest(user=login, field="dashboard"):
                self.refused(lambda u=self.users[login]: self.demo.with_user(u).read(["dashboard_cash_held"]))

    def test_the_manager_reads_all_the_auditor_reads_all_and_changes_nothing(self):
        for login in ("responsabile", "revisore"):
            for model in MONEY_MODELS:
                with self.subTest(user=login, model=model):
                    self.assertEqual(self.env[model].with_user(self.users[login]).search(
                        [("project_id", "=", self.demo.id)]), self.records(model))
        auditor = self.users["revisore"]
        self.refused(lambda: self.guarantee.with_user(auditor).write({"note": "x"}))
        self.refused(lambda: self.env["fami.partner.declaration"].with_user(auditor).create({
            "project_id": self.demo.id, "organisation_id": self.cidis.id, "date_from": "2026-01-01",
            "date_to": "2026-01-31"}))
        self.refused(lambda: self.advance.with_user(auditor).unlink())

    def test_received_and_transferred_money_is_locked(self):
        manager = self.users["responsabile"]
        done = self.records("fami.partner.transfer").filtered(lambda t: t.workflow_state_code == "transferred")[:1]
        for record, values in ((self.advance, {"amount": 1}), (done, {"amount": 1}),
                               (self.guarantee, {"date_to": "2031-01-01"})):
            with self.subTest(record=record.display_name):
                self.refused(lambda r=record, v=values: r.with_user(manager).write(v), "locked")
                self.refused(lambda r=record: r.with_user(manager).unlink(), "locked")
        self.refused(lambda: self.env["ir.attachment"].with_user(manager).create({
            "name": "altra-polizza.pdf", "datas": "JVBERi0=", "res_model": "fami.guarantee",
            "res_id": self.guarantee.id}))
