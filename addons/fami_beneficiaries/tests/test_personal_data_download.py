import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestPersonalDataDownload(HttpCase):
    """The right of access is a file downloaded by the group Beneficiary personal data, built on the fly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        org = cls.env["res.partner"].create({"name": "Cooperativa Gamma", "is_company": True})
        project = cls.env["fami.project"].create({"name": "Download test", "code": "PROG-9996"})
        cls.officer = new_test_user(cls.env, "dl_officer", groups="fami_partners.group_fami_beneficiary_data")
        cls.plain = new_test_user(cls.env, "dl_plain", groups="fami_partners.group_fami_user")
        cls.env["fami.project.partner"].create({"project_id": project.id, "partner_id": org.id, "role": "partner",
                                                "user_ids": [(6, 0, (cls.officer | cls.plain).ids)]})
        cls.person = cls.env["fami.beneficiary"].create({
            "first_name": "Fatou", "last_name": "Sow", "gender": "female", "country_id": cls.env.ref("base.sn").id,
            "project_id": project.id, "organisation_id": org.id, "email": "fatou@example.com"})
        cls.url = f"/fami_beneficiaries/personal_data/{cls.person.id}"

    def test_officer_downloads_the_file_others_are_refused(self):
        self.authenticate("dl_officer", "dl_officer")
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"{self.person.code}-personal-data.json", response.headers["Content-Disposition"])
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        data = json.loads(response.content)
        self.assertEqual((data["first_name"], data["last_name"], data["email"]), ("Fatou", "Sow", "fatou@example.com"))
        log = self.env["fami.beneficiary.access.log"].search([("beneficiary_id", "=", self.person.id)], limit=1)
        self.assertEqual((log.user_id, log.operation), (self.officer, "export"))

        self.authenticate("dl_plain", "dl_plain")
        with mute_logger("odoo.http"):  # the refusal is logged as a warning by Odoo's HTTP layer
            response = self.url_open(self.url)
            missing = self.url_open(f"/fami_beneficiaries/personal_data/{self.person.id + 10**6}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"Fatou", response.content)
        self.assertEqual(missing.status_code, 404)
