import base64
import io
from datetime import date, timedelta

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestBeneficiary(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.org = cls.env["res.partner"].create({"name": "Cooperativa Alfa", "is_company": True})
        cls.other_org = cls.env["res.partner"].create({"name": "Cooperativa Beta", "is_company": True})
        cls.project = cls.env["fami.project"].create({
            "name": "Test project", "code": "PROG-9999", "date_start": "2025-01-01", "date_end": "2027-12-31"})
        cls.privacy_officer = new_test_user(cls.env, "ben_data", groups="fami_partners.group_fami_beneficiary_data")
        cls.trainer = new_test_user(cls.env, "ben_trainer", groups="fami_partners.group_fami_trainer")
        cls.plain = new_test_user(cls.env, "ben_user", groups="fami_partners.group_fami_user")
        cls.env["fami.project.partner"].create([
            {"project_id": cls.project.id, "partner_id": cls.org.id, "role": "partner",
             "user_ids": [(6, 0, (cls.privacy_officer | cls.trainer | cls.plain).ids)]},
            {"project_id": cls.project.id, "partner_id": cls.other_org.id, "role": "partner"},
        ])
        cls.morocco = cls.env.ref("base.ma")
        cls.person = cls.env["fami.beneficiary"].create({
            "first_name": "Amina", "last_name": "Benali", "gender": "female", "birth_date": "1990-03-04",
            "country_id": cls.morocco.id, "phone": "333 123 4567", "email": "amina@example.com",
            "codice_fiscale": "RSSMRA85T10A562S", "project_id": cls.project.id, "organisation_id": cls.org.id,
            "privacy_notice_date": "2025-02-01"})

    def test_code_is_pseudonymous_and_phone_normalised(self):
        self.assertTrue(self.person.code.startswith("CPT-"))
        self.assertEqual(self.person.display_name, self.person.code)
        self.assertEqual(self.person.phone, "+393331234567")
        self.assertEqual(self.person.age_band, "30_54")

    def test_other_users_get_no_personal_data_over_rpc(self):
        for user in (self.trainer, self.plain):
            with self.subTest(user=user.login):
                person = self.person.with_user(user)
                values = person.read()[0]
                for name in ("first_name", "last_name", "phone", "email", "codice_fiscale", "birth_date"):
                    self.assertNotIn(name, values)
                self.assertEqual(values["gender"], "female")
                self.assertEqual(values["country_id"][0], self.morocco.id)
                for name in ("first_name", "phone", "email", "codice_fiscale"):
                    with self.assertRaises(AccessError):
                        person.read([name])
        logs = self.env["fami.beneficiary.access.log"].search([("beneficiary_id", "=", self.person.id)])
        self.assertFalse(logs)

    def test_personal_data_group_reads_them_and_the_read_is_logged(self):
        values = self.person.with_user(self.privacy_officer).read(["first_name", "phone", "codice_fiscale"])[0]
        self.assertEqual((values["first_name"], values["phone"], values["codice_fiscale"]),
                         ("Amina", "+393331234567", "RSSMRA85T10A562S"))
        log = self.env["fami.beneficiary.access.log"].search([("beneficiary_id", "=", self.person.id)])
        self.assertEqual(log.user_id, self.privacy_officer)
        self.assertEqual(log.operation, "read")
        with self.assertRaises(UserError):
            log.sudo().write({"user_id": self.plain.id})
        with self.assertRaises(UserError):
            log.sudo().unlink()

    def test_invalid_data_is_refused_naming_the_field(self):
        base = {"gender": "male", "country_id": self.morocco.id, "project_id": self.project.id}
        cases = [
            ({"country_id": self.env.ref("base.fr").id}, "Nationality"),
            ({"second_country_id": self.env.ref("base.de").id}, "Second citizenship"),
            ({"codice_fiscale": "RSSMRA85T10A562X"}, "Codice fiscale"),
            ({"phone": "12"}, "Phone"),
            ({"birth_date": date.today() + timedelta(days=3)}, "Birth date"),
        ]
        for values, field in cases:
            with self.subTest(field=field), self.assertRaisesRegex(ValidationError, field):
                self.env["fami.beneficiary"].create(dict(base, **values))

    def test_codice_fiscale_contradicting_birth_date_is_warned(self):
        self.person.write({"gender": "male", "birth_date": "1985-12-11"})
        self.assertEqual(self.person.data_warning, "The codice fiscale disagrees with the birth date.")
        self.person.write({"gender": "female", "birth_date": "1985-12-10"})
        self.assertEqual(self.person.data_warning, "The codice fiscale disagrees with the gender.")
        self.person.gender = "male"
        self.assertFalse(self.person.data_warning)

    def test_duplicates_are_flagged(self):
        twin = self.env["fami.beneficiary"].create({
            "first_name": "amina", "last_name": "BENALI", "gender": "female", "birth_date": "1990-03-04",
            "country_id": self.morocco.id, "project_id": self.project.id})
        self.assertIn(self.person.code, twin.data_warning)
        with self.assertRaises(Exception), self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.env["fami.beneficiary"].create({
                "gender": "male", "country_id": self.morocco.id, "project_id": self.project.id,
                "codice_fiscale": "RSSMRA85T10A562S"})

    def test_merge_keeps_the_older_record_and_moves_links(self):
        twin = self.env["fami.beneficiary"].create({
            "first_name": "Amina", "last_name": "Benali", "gender": "female", "birth_date": "1990-03-04",
            "country_id": self.morocco.id, "project_id": self.project.id, "organisation_id": self.org.id})
        twin.with_user(self.privacy_officer).read(["first_name"])  # a link to the twin: its read log
        twin_log = self.env["fami.beneficiary.access.log"].search([("beneficiary_id", "=", twin.id)])
        self.assertEqual(len(twin_log), 1)
        wizard = self.env["fami.beneficiary.merge"].with_context(
            active_model="fami.beneficiary", active_ids=(twin | self.person).ids).create({})
        self.assertEqual(wizard.keep_id, self.person)
        wizard.action_merge()
        self.assertFalse(twin.exists())
        self.assertEqual(twin_log.beneficiary_id, self.person)
        with self.assertRaises(UserError):
            self.env["fami.beneficiary.merge"].create({"beneficiary_ids": [(6, 0, self.person.ids)]}).action_merge()

    def test_enrolment_needs_a_privacy_notice(self):
        self.person._check_can_enrol()
        newcomer = self.env["fami.beneficiary"].create({
            "gender": "male", "country_id": self.morocco.id, "project_id": self.project.id})
        with self.assertRaisesRegex(UserError, "privacy notice"):
            newcomer._check_can_enrol()

    def test_staff_see_only_their_organisations_people(self):
        elsewhere = self.env["fami.beneficiary"].create({
            "gender": "male", "country_id": self.morocco.id, "project_id": self.project.id,
            "organisation_id": self.other_org.id})
        visible = self.env["fami.beneficiary"].with_user(self.plain).search([("project_id", "=", self.project.id)])
        self.assertIn(self.person, visible)
        self.assertNotIn(elsewhere, visible)
        auditor = new_test_user(self.env, "ben_auditor", groups="fami_partners.group_fami_auditor")
        self.assertIn(elsewhere, self.env["fami.beneficiary"].with_user(auditor).search([]))
        with self.assertRaises(AccessError):
            self.person.with_user(auditor).write({"gender": "male"})

    def test_anonymisation_keeps_statistics_and_indicators(self):
        indicator = self.env["fami.indicator"].create({
            "project_id": self.project.id, "code": "T_WOMEN", "name": "Women reached", "target": 10,
            "model_id": self.env["ir.model"]._get_id("fami.beneficiary"), "domain": "[('gender', '=', 'female')]",
            "aggregation": "count"})
        before = indicator.actual_value
        self.assertEqual(before, 1)
        self.person.with_user(self.privacy_officer).action_anonymise()
        self.assertTrue(self.person.is_anonymised)
        self.assertFalse(self.person.first_name or self.person.phone or self.person.codice_fiscale)
        self.assertEqual((self.person.gender, self.person.country_id, self.person.age_band),
                         ("female", self.morocco, "30_54"))
        indicator.invalidate_recordset()
        self.assertEqual(indicator.actual_value, before)

    def test_retention_cron_anonymises_people_of_long_ended_projects(self):
        old_project = self.env["fami.project"].create({
            "name": "Old project", "code": "PROG-0001", "date_start": "2008-01-01", "date_end": "2010-12-31"})
        old = self.env["fami.beneficiary"].create({
            "first_name": "Omar", "last_name": "Diallo", "gender": "male", "birth_date": "1980-05-06",
            "country_id": self.env.ref("base.sn").id, "project_id": old_project.id, "organisation_id": self.org.id})
        self.env["ir.config_parameter"].sudo().set_param("fami_beneficiaries.retention_years", "5")
        self.env["fami.beneficiary"]._cron_anonymise_expired()
        self.assertTrue(old.is_anonymised)
        self.assertFalse(old.first_name or old.last_name)
        self.assertEqual(old.gender, "male")
        self.assertFalse(self.person.is_anonymised)
        self.assertEqual(self.person.first_name, "Amina")

    def test_export_of_personal_data(self):
        action = self.person.with_user(self.privacy_officer).action_export_personal_data()
        attachment = self.env["ir.attachment"].search([("res_model", "=", "fami.beneficiary"),
                                                       ("res_id", "=", self.person.id)])
        self.assertIn(str(attachment.id), action["url"])
        self.assertIn(b'"first_name": "Amina"', attachment.raw)
        with self.assertRaises(UserError):
            self.person.with_user(self.plain).action_export_personal_data()

    def test_import_is_all_or_nothing_and_names_bad_rows(self):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["first_name", "last_name", "gender", "birth_date", "nationality", "codice_fiscale",
                      "phone", "email", "privacy_notice_date"])
        sheet.append(["Omar", "Diallo", "M", "1995-01-02", "SN", "", "", "", "2025-03-01"])
        sheet.append(["Joy", "Okafor", "F", "2000-05-06", "NG", "", "+2348012345678", "", "2025-03-01"])
        sheet.append(["Olena", "Kovalenko", "F", "1988-07-08", "UA", "", "", "", "2025-03-01"])
        sheet.append(["Pierre", "Martin", "M", "1980-01-01", "FR", "", "", "", ""])
        sheet.append(["Ali", "Khan", "M", "1990-01-01", "PK", "", "12", "", ""])
        buffer = io.BytesIO()
        workbook.save(buffer)
        wizard = self.env["fami.beneficiary.import"].with_user(self.privacy_officer).create({
            "project_id": self.project.id, "organisation_id": self.org.id, "filename": "monitoring.xlsx",
            "file": base64.b64encode(buffer.getvalue())})
        count = self.env["fami.beneficiary"].search_count([])
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        message = str(caught.exception)
        self.assertIn("Row 5", message)
        self.assertIn("Row 6", message)
        self.assertNotIn("Row 2", message)
        self.assertEqual(self.env["fami.beneficiary"].search_count([]), count)
        not_excel = self.env["fami.beneficiary.import"].create({
            "project_id": self.project.id, "filename": "photo.xlsx", "file": base64.b64encode(b"GIF89a")})
        with self.assertRaisesRegex(UserError, "not an Excel"):
            not_excel.action_import()
