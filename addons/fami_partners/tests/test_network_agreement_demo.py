import base64

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.fami_workflow.lib.ui_governance import UI_FIELDS

REFUSED = UserError  # AccessError is a UserError; Odoo's assertRaises takes one class


@tagged("post_install", "-at_install")
class TestNetworkAgreementDemo(TransactionCase):
    """The demo's workflow on contacts (demo/fami_network_agreement_workflow_demo.xml), made as a designer makes it
    in the UI, driven by the demo users: the manager signs an organisation's agreement, the signed contact is locked
    with its files for everybody, the others cannot sign, the auditor reads the state and the log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workflow = cls.env.ref("fami_partners.demo_workflow_network_agreement")
        cls.manager = cls.env.ref("fami_partners.demo_user_responsabile")
        cls.office = cls.env.ref("fami_partners.demo_user_amministrativo")
        cls.auditor = cls.env.ref("fami_partners.demo_user_revisore")
        cls.school = cls.env.ref("fami_partners.demo_partner_scuola")

    def state_of(self, partner, user):
        return self.env["fami.workflow"].with_user(user).workflow_state_of("res.partner", partner.ids)[0]

    def test_the_demo_workflow_governs_the_network_organisations_only(self):
        self.assertTrue(self.workflow.active)
        self.assertEqual(self.state_of(self.env.ref("fami_partners.demo_partner_social_housing"), self.auditor),
                         "signed")
        self.assertEqual(self.state_of(self.school, self.auditor), "proposed")
        person = self.env["res.partner"].with_user(self.manager).create({"name": "Maria Verdi"})
        self.assertFalse(self.state_of(person, self.manager), "a person is no business of the workflow")
        person.write({"name": "Maria Bianchi"})

    @mute_logger("odoo.models.unlink")
    def test_the_manager_signs_and_the_signed_organisation_is_locked_for_every_demo_user(self):
        school = self.school.with_user(self.manager)
        self.assertEqual(school[UI_FIELDS.codes], ",sign,", "the manager sees the Sign button")
        # computed for each user in the same transaction (fami_workflow/models/ir_model_fields.py)
        self.assertEqual(self.school.with_user(self.office)[UI_FIELDS.codes], "", "the office does not")
        with self.assertRaisesRegex(UserError, "Fill in Tax ID before Sign the agreement"):
            school.workflow_fire("sign")
        school.vat = "IT02345678901"
        for user in (self.office, self.auditor):
            with self.subTest(user=user.login), self.assertRaises(REFUSED), self.env.cr.savepoint():
                self.school.with_user(user).workflow_fire("sign")
        school.workflow_fire("sign")
        self.assertEqual(self.state_of(self.school, self.auditor), "signed")
        [log] = self.env["fami.workflow.log"].with_user(self.auditor).search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.school.id)])
        self.assertEqual((log.user_id, log.transition_name), (self.manager, "Sign the agreement"))
        # signed: the agreement's data is locked, for the manager who signed too; contacts stay editable
        with self.assertRaisesRegex(UserError, "CPIA 1 Perugia is Signed: it is locked"):
            school.write({"name": "Renamed", "vat": "IT09999999999"})
        with self.assertRaisesRegex(UserError, "locked and cannot be deleted"):
            school.unlink()
        school.write({"phone": "075 000 0000"})
        for user in (self.manager, self.office):
            with self.subTest(user=user.login), self.assertRaises(REFUSED), self.env.cr.savepoint():
                self.env["ir.attachment"].with_user(user).create({
                    "name": "forged-agreement.pdf", "datas": base64.b64encode(b"%PDF-1.4"),
                    "res_model": "res.partner", "res_id": self.school.id})
        self.assertEqual(self.school.name, "CPIA 1 Perugia")
