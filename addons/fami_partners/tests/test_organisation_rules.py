from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


@tagged("post_install", "-at_install")
class TestOrganisationRules(TransactionCase):
    """Deadlines and documents stay with their organisation: the staff of one partner neither see nor change
    another's; managers and auditors see all. Tried as the demo users of the user guide (amministrativo works for
    C.i.d.i.s., formatore for Frontiera Lavoro, both partners of UMBRIA 2 led by Regione Umbria)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.clerk = ref("fami_partners.demo_user_amministrativo")
        cls.trainer = ref("fami_partners.demo_user_formatore")
        cls.manager = ref("fami_partners.demo_user_responsabile")
        cls.auditor = ref("fami_partners.demo_user_revisore")
        cls.umbria2 = ref("fami_partners.demo_project_umbria2")
        cls.cidis = ref("fami_partners.demo_partner_cidis")
        # a project C.i.d.i.s. has no part in, with its own partner and deadline
        cls.stranger_org = cls.env["res.partner"].create({"name": "Ente estraneo", "is_company": True})
        cls.other_project = cls.env["fami.project"].create({"name": "Altro progetto", "code": "PROG-4444"})
        cls.env["fami.project.partner"].create({"project_id": cls.other_project.id,
                                                "partner_id": cls.stranger_org.id, "role": "lead"})
        cls.own_deadline = cls.env["fami.project.deadline"].create(
            {"project_id": cls.umbria2.id, "name": "Relazione di monitoraggio", "date": "2027-06-30",
             "user_id": cls.manager.id})
        cls.foreign_deadline = cls.env["fami.project.deadline"].create(
            {"project_id": cls.other_project.id, "name": "Scadenza altrui", "date": "2027-06-30"})

    def assert_refused(self, function):
        with self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS), self.env.cr.savepoint():
            function()

    def test_deadlines_are_read_by_the_projects_partners_and_changed_by_the_lead(self):
        both = self.own_deadline | self.foreign_deadline
        for user in (self.clerk, self.trainer):
            with self.subTest(user=user.login):
                Deadline = self.env["fami.project.deadline"].with_user(user)
                self.assertEqual(Deadline.search([("id", "in", both.ids)]), self.own_deadline)
                self.assertFalse(Deadline.search_read([("id", "=", self.foreign_deadline.id)], ["name"]))
                self.assert_refused(lambda u=user: self.foreign_deadline.with_user(u).read(["name"]))
        # C.i.d.i.s. is a partner, not the lead: the project's deadlines are not its to change...
        self.assert_refused(lambda: self.own_deadline.with_user(self.clerk).write({"note": "spostata"}))
        self.assert_refused(lambda: self.own_deadline.with_user(self.clerk).action_done())
        self.assert_refused(lambda: self.env["fami.project.deadline"].with_user(self.clerk).create(
            {"project_id": self.other_project.id, "name": "Intrusa", "user_id": self.clerk.id}))
        # ... unless it is responsible for one
        self.own_deadline.user_id = self.clerk
        self.own_deadline.with_user(self.clerk).action_done()
        self.assertEqual(self.own_deadline.state, "done")
        for user in (self.manager, self.auditor):
            with self.subTest(user=user.login):
                self.assertEqual(self.env["fami.project.deadline"].with_user(user).search([("id", "in", both.ids)]),
                                 both)
        self.own_deadline.with_user(self.manager).write({"note": "dal capofila"})
        self.assert_refused(lambda: self.own_deadline.with_user(self.auditor).write({"note": "x"}))

    def test_documents_of_an_organisation_stay_with_it(self):
        ref = self.env.ref
        cidis_durc = ref("fami_partners.demo_document_durc_cidis") | ref("fami_partners.demo_document_agreement_cidis")
        others = (ref("fami_partners.demo_document_durc_tamat_old") | ref("fami_partners.demo_document_durc_asad")
                  | ref("fami_partners.demo_document_insurance_regione")
                  | ref("fami_partners.demo_document_agreement_usl"))
        supplier = self.env["res.partner"].create({"name": "Tipografia esterna", "is_company": True})
        outsiders = self.env["fami.document"].create({
            "document_type_id": ref("fami_partners.document_type_durc").id, "partner_id": supplier.id,
            "number": "INPS_9", "date_expiry": "2027-01-31"})
        # the contract of a person who works for another organisation is that organisation's
        colleague = new_test_user(self.env, "doc_colleague", groups="fami_partners.group_fami_trainer")
        self.env["fami.project.partner"].search([("project_id", "=", self.other_project.id)]).user_ids = colleague
        foreign_contract = self.env["fami.document"].create({
            "document_type_id": ref("fami_partners.document_type_trainer_contract").id,
            "partner_id": colleague.partner_id.id, "number": "Incarico 9", "date_expiry": "2027-01-31"})
        everything = cidis_durc | others | outsiders | foreign_contract
        for user, expected in ((self.clerk, cidis_durc | outsiders), (self.trainer, outsiders),
                               (self.manager, everything), (self.auditor, everything)):
            with self.subTest(user=user.login):
                as_user = self.env["fami.document"].with_user(user)
                self.assertEqual(as_user.search([("id", "in", everything.ids)]), expected)
                rows = self.env["fami.document.expiry"].with_user(user).search(
                    [("source", "=", "document"), ("document_id", "in", everything.ids)])
                self.assertEqual(rows.document_id, expected.filtered("date_expiry"), "the list of expiring documents")
        for document in others | foreign_contract:
            with self.subTest(document=document.display_name):
                self.assert_refused(lambda d=document: d.with_user(self.clerk).read(["number"]))
                self.assert_refused(lambda d=document: d.with_user(self.clerk).write({"note": "cambiata"}))
        self.assert_refused(lambda: self.env["fami.document"].with_user(self.clerk).create({
            "document_type_id": ref("fami_partners.document_type_durc").id,
            "partner_id": ref("fami_partners.demo_partner_tamat").id, "number": "INPS_FALSO"}))
        cidis_durc[:1].with_user(self.clerk).write({"note": "rinnovo chiesto"})

    def test_groups_added_to_the_user_template_do_not_reach_the_roles(self):
        """Odoo gives every internal user what the default user template gains (each app installed puts its
        Administrator group there): users of a FAMI role keep the groups of their role."""
        app_administrator = self.env["res.groups"].create({"name": "Amministratore di un'app di prova"})
        outsider = new_test_user(self.env, "not_fami", groups="base.group_user")
        self.env.ref("base.default_user").groups_id = [(4, app_administrator.id)]
        self.assertIn(app_administrator, outsider.groups_id, "Odoo's behaviour for users of no FAMI role")
        for login in ("responsabile", "amministrativo", "formatore", "mediatore", "revisore"):
            with self.subTest(user=login):
                self.assertNotIn(app_administrator, self.env.ref(f"fami_partners.demo_user_{login}").groups_id)
