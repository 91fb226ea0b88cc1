from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPermitsInExpiringDocuments(TransactionCase):
    """The residence permits appear in the suite's list of expiring documents only for the users allowed to read
    personal data, within their organisations unless managers or auditors; reading them is logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["fami.beneficiary"])
        cls.org = cls.env["res.partner"].create({"name": "Cooperativa Alfa", "is_company": True})
        cls.other_org = cls.env["res.partner"].create({"name": "Cooperativa Beta", "is_company": True})
        cls.project = cls.env["fami.project"].create({"name": "Permit test", "code": "PROG-9997"})
        personal = "fami_partners.group_fami_beneficiary_data"
        cls.officer = new_test_user(cls.env, "permit_officer", groups=personal)
        cls.plain = new_test_user(cls.env, "permit_plain", groups="fami_partners.group_fami_admin_staff")
        cls.manager = new_test_user(cls.env, "permit_manager", groups="fami_partners.group_fami_manager")
        cls.manager_personal = new_test_user(cls.env, "permit_manager_personal",
                                             groups=f"fami_partners.group_fami_manager,{personal}")
        cls.auditor_personal = new_test_user(cls.env, "permit_auditor_personal",
                                             groups=f"fami_partners.group_fami_auditor,{personal}")
        cls.env["fami.project.partner"].create([
            {"project_id": cls.project.id, "partner_id": cls.org.id, "role": "partner",
             "user_ids": [(6, 0, (cls.officer | cls.plain).ids)]},
            {"project_id": cls.project.id, "partner_id": cls.other_org.id, "role": "partner"}])
        permit_type = cls.env["fami.permit.type"].create({"name": "Protezione speciale"})
        cls.ours, cls.theirs = cls.env["fami.beneficiary"].create([{
            "first_name": name, "last_name": "Test", "gender": "female", "country_id": cls.env.ref("base.ma").id,
            "project_id": cls.project.id, "organisation_id": org.id, "permit_type_id": permit_type.id,
            "permit_expiry": today + timedelta(days=days)} for name, org, days in (
                ("Amina", cls.org, 10), ("Fatou", cls.other_org, -3))])
        cls.people = cls.ours | cls.theirs
        cls.supplier = cls.env["res.partner"].create({"name": "Fornitore", "is_company": True})
        cls.durc = cls.env["fami.document"].create({
            "document_type_id": cls.env.ref("fami_partners.document_type_durc").id, "partner_id": cls.supplier.id,
            "date_expiry": today + timedelta(days=5)})

    def _rows(self, user):
        return self.env["fami.document.expiry"].with_user(user).search(
            ["|", ("beneficiary_id", "in", self.people.ids), ("document_id", "=", self.durc.id)])

    def test_permits_only_for_the_personal_data_group(self):
        permit_type = self.env.ref("fami_beneficiaries.document_type_residence_permit")
        for user, people in ((self.plain, self.env["fami.beneficiary"]), (self.manager, self.env["fami.beneficiary"]),
                             (self.officer, self.ours), (self.manager_personal, self.people),
                             (self.auditor_personal, self.people)):
            with self.subTest(user=user.login):
                rows = self._rows(user)
                self.assertEqual(rows.filtered(lambda row: row.source == "document").document_id, self.durc,
                                 "everybody sees the supplier's DURC")
                permits = rows.filtered(lambda row: row.source == "permit")
                self.assertEqual(permits.beneficiary_id, people)
                self.assertEqual(self.env["fami.document.expiry"].with_user(user).search_count(
                    [("source", "=", "permit"), ("beneficiary_id", "in", self.people.ids)]), len(people))
        rows = self._rows(self.manager_personal).filtered(lambda row: row.source == "permit")
        self.assertEqual(rows.document_type_id, permit_type)
        self.assertEqual(rows.mapped("expiry_state"), ["expired", "expiring"])
        self.assertEqual(rows.mapped("holder_name"), [self.theirs.code, self.ours.code], "codes, not names")
        self.assertEqual(rows[0].action_open_record()["res_model"], "fami.beneficiary")

    def test_reading_permits_is_logged_and_anonymised_people_leave_the_list(self):
        Log = self.env["fami.beneficiary.access.log"]
        before = Log.search_count([("beneficiary_id", "=", self.ours.id)])
        self._rows(self.officer).read(["date_expiry", "permit_type_id"])
        logs = Log.search([("beneficiary_id", "=", self.ours.id)])
        self.assertEqual(len(logs) - before, 1)
        self.assertEqual((logs[0].user_id, logs[0].operation), (self.officer, "read"))
        self.ours._anonymise()
        self.env.invalidate_all()
        self.assertFalse(self._rows(self.manager_personal).filtered(lambda row: row.beneficiary_id == self.ours))

    def test_no_residence_permit_as_a_document(self):
        with self.assertRaises(ValidationError):
            self.env["fami.document"].create({
                "document_type_id": self.env.ref("fami_beneficiaries.document_type_residence_permit").id,
                "partner_id": self.supplier.id, "date_expiry": "2030-01-01"})
