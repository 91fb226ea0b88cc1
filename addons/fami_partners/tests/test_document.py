from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDocument(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["fami.document"])
        cls.durc = cls.env.ref("fami_partners.document_type_durc")
        cls.contract = cls.env.ref("fami_partners.document_type_trainer_contract")
        cls.admin_staff = new_test_user(cls.env, "doc_admin_staff", groups="fami_partners.group_fami_admin_staff")
        cls.trainer = new_test_user(cls.env, "doc_trainer", groups="fami_partners.group_fami_trainer")
        cls.other_trainer = new_test_user(cls.env, "doc_trainer_2", groups="fami_partners.group_fami_trainer")
        cls.supplier = cls.env["res.partner"].create({"name": "Tipografia Test", "is_company": True})

    def _document(self, document_type=None, days=60, **values):
        return self.env["fami.document"].create(dict({
            "document_type_id": (document_type or self.durc).id, "partner_id": self.supplier.id,
            "number": "INPS_1", "date_expiry": self.today + timedelta(days=days), "user_id": self.admin_staff.id},
            **values))

    def _rows(self, documents, user=None):
        Expiry = self.env["fami.document.expiry"].with_user(user) if user else self.env["fami.document.expiry"]
        return Expiry.search([("source", "=", "document"), ("document_id", "in", documents.ids)])

    def test_expiry_date_proposed_from_the_type_validity(self):
        document = self.env["fami.document"].create({
            "document_type_id": self.durc.id, "partner_id": self.supplier.id, "date_issue": "2026-01-10"})
        self.assertEqual(document.date_expiry, date(2026, 5, 10))  # a DURC lasts 120 days
        self.assertIn("Tipografia Test", document.display_name)

    def test_state_and_its_search_follow_today(self):
        expired, expiring, valid = self._document(days=-1), self._document(days=30), self._document(days=31)
        endless = self._document(days=0, date_expiry=False)
        documents = expired | expiring | valid | endless
        self.assertEqual(documents.mapped("expiry_state"), ["expired", "expiring", "valid", "no_expiry"])
        self.assertEqual(expired.days_left, -1)
        Document = self.env["fami.document"]
        scope = [("id", "in", documents.ids)]
        self.assertEqual(Document.search(scope + [("expiry_state", "=", "expired")]), expired)
        self.assertEqual(Document.search(scope + [("expiry_state", "in", ["expired", "expiring"])]),
                         expired | expiring)
        self.assertEqual(Document.search(scope + [("expiry_state", "!=", "valid")]), expired | expiring | endless)
        with freeze_time(self.today + timedelta(days=2)):  # two days later the state is right without any job
            documents.invalidate_recordset(["expiry_state"])
            self.assertEqual(valid.expiry_state, "expiring")
            self.assertEqual(Document.search(scope + [("expiry_state", "=", "valid")]), Document)

    def test_cross_suite_view_lists_documents_and_marks_renewals(self):
        old = self._document(days=-10, number="INPS_OLD")
        new = self._document(days=110, number="INPS_NEW")
        endless = self._document(date_expiry=False)
        rows = self._rows(old | new | endless)
        self.assertEqual(rows.mapped("number"), ["INPS_OLD", "INPS_NEW"], "a document that never expires is not listed")
        self.assertEqual(rows.mapped("is_renewed"), [True, False])
        self.assertEqual(rows.mapped("holder_name"), ["Tipografia Test"] * 2)
        self.assertEqual(rows[0].expiry_state, "expired")
        self.assertEqual(rows[0].document_type_id, self.durc)
        action = rows[0].action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]), ("fami.document", old.id))
        new.date_expiry = self.today + timedelta(days=20)
        self.env.invalidate_all()
        self.assertEqual(self._rows(new).expiry_state, "expiring")
        self.assertEqual(self.env["fami.document.expiry"].search_count(
            [("document_id", "in", (old | new).ids), ("expiry_state", "in", ["expired", "expiring"]),
             ("is_renewed", "=", False)]), 1, "the expired one was renewed")

    def test_contracts_are_read_by_their_holder_and_the_office_only(self):
        own = self._document(self.contract, partner_id=self.trainer.partner_id.id, number="C-1")
        colleague = self._document(self.contract, partner_id=self.other_trainer.partner_id.id, number="C-2")
        durc = self._document()
        documents = own | colleague | durc
        for user, expected in ((self.trainer, own | durc), (self.admin_staff, documents)):
            with self.subTest(user=user.login):
                self.assertEqual(self.env["fami.document"].with_user(user).search([("id", "in", documents.ids)]),
                                 expected)
                self.assertEqual(self._rows(documents, user).document_id, expected)
        self.assertEqual(self.trainer.partner_id.with_user(self.trainer).fami_document_count, 1)

    def test_reminder_once_per_expiry_date(self):
        document = self._document(days=45)
        cron = self.env["fami.document"]._cron_expiry_reminders
        todo = self.env.ref("mail.mail_activity_data_todo")

        def reminders():
            return document.activity_ids.filtered(lambda activity: activity.activity_type_id == todo)

        cron()
        self.assertFalse(reminders(), "45 days before: nothing yet")
        document.date_expiry = self.today + timedelta(days=30)
        cron()
        cron()
        self.assertEqual(len(reminders()), 1)
        self.assertEqual((reminders().user_id, reminders().date_deadline), (self.admin_staff, document.date_expiry))
        self.assertEqual(document.reminder_date, document.date_expiry)
        document.date_expiry = self.today + timedelta(days=10)  # a corrected date gets its own reminder
        cron()
        self.assertEqual(len(reminders()), 2)
        renewed = self._document(days=15)
        self._document(days=130)  # its renewal is recorded: no reminder for the old one
        cron()
        self.assertFalse(renewed.activity_ids)

    def test_certificate_gap_on_a_day(self):
        Document = self.env["fami.document"]
        day = date(2026, 3, 10)
        self.assertFalse(Document._uncovered_certificate(self.supplier, day)[0], "no certificate, nothing to check")
        expired = self._document(date_issue="2025-10-01", date_expiry="2026-01-29")
        self.assertEqual(Document._uncovered_certificate(self.supplier, day), (expired, "expired"))
        contact = self.env["res.partner"].create({"name": "Ufficio acquisti", "parent_id": self.supplier.id})
        self.assertEqual(Document._uncovered_certificate(contact, day), (expired, "expired"),
                         "the company's certificate covers its contacts")
        self._document(date_issue="2026-04-01", date_expiry="2026-07-30")
        self.assertEqual(Document._uncovered_certificate(self.supplier, day), (expired, "expired"))
        self.assertEqual(Document._uncovered_certificate(self.supplier, date(2026, 4, 2)), (Document, False))
        self.assertEqual(Document._uncovered_certificate(self.supplier, date(2025, 9, 1)),
                         (expired, "not_yet_valid"), "issued after the day")
        expired.active = False  # archiving the expired one does not make the supplier compliant
        self.assertEqual(Document._uncovered_certificate(self.supplier, day), (expired, "expired"))
        self._document(date_issue="2026-02-01", date_expiry="2026-06-01")
        self.assertEqual(Document._uncovered_certificate(self.supplier, day), (Document, False))
        self._document(self.contract, date_issue="2020-01-01", date_expiry="2020-12-31")
        self.assertEqual(Document._uncovered_certificate(self.supplier, day), (Document, False),
                         "types not checked on expenses are ignored")

    def test_partnership_shows_the_agreement_expiry(self):
        agreement_type = self.env.ref("fami_partners.document_type_partnership_agreement")
        project = self.env["fami.project"].create({"name": "Agreement test"})
        other_project = self.env["fami.project"].create({"name": "Other agreement test"})
        link = self.env["fami.project.partner"].create({
            "project_id": project.id, "partner_id": self.supplier.id, "role": "network",
            "network_category_id": self.env.ref("fami_partners.network_category_usl").id,
            "agreement_date": "2026-01-15"})
        self._document()  # a DURC is not an agreement
        self._document(agreement_type, days=90, number="OTHER", project_id=other_project.id)
        self.assertFalse(link.agreement_document_id)
        action = link.action_open_agreement_document()
        self.assertEqual((action["res_model"], action["context"]["default_document_type_id"],
                          action["context"]["default_project_id"], action["context"]["default_date_issue"]),
                         ("fami.document", agreement_type.id, project.id, "2026-01-15"))
        agreement = self.env["fami.document"].with_context(**action["context"]).create(
            {"number": "PROT-7", "date_expiry": self.today + timedelta(days=20)})
        link.invalidate_recordset()
        self.assertEqual(link.agreement_document_id, agreement)
        self.assertEqual((link.agreement_expiry, link.agreement_expiry_state), (agreement.date_expiry, "expiring"))
        self.assertEqual(link.action_open_agreement_document()["res_id"], agreement.id)
        self.assertEqual(self._rows(agreement).document_type_id, agreement_type, "listed with everything that expires")
        with self.subTest(user="auditor"):
            auditor = new_test_user(self.env, "doc_auditor", groups="fami_partners.group_fami_auditor")
            link.invalidate_recordset()
            self.assertEqual(link.with_user(auditor).agreement_expiry_state, "expiring")
