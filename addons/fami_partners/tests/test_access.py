from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

# a harmless change per model of the addon
WRITES = {
    "fami.project": {"name": "Changed"},
    "fami.project.action": {"name": "Changed"},
    "fami.project.objective": {"expected_results": "Changed"},
    "fami.indicator": {"target": 99},
    "fami.indicator.value": {"value": 2},
    "fami.project.partner": {"note": "Changed"},
    "fami.network.category": {"description": "Changed"},
    "fami.project.deadline": {"note": "Changed"},
    "fami.document.type": {"note": "Changed"},
    "fami.document": {"note": "Changed"},
    "fami.document.expiry": {"number": "Changed"},
}


@tagged("post_install", "-at_install")
class TestAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.auditor = new_test_user(cls.env, "fami_auditor", groups="fami_partners.group_fami_auditor")
        cls.fami_user = new_test_user(cls.env, "fami_plain_user", groups="fami_partners.group_fami_user")
        cls.manager = new_test_user(cls.env, "fami_manager", groups="fami_partners.group_fami_manager")
        project = cls.env["fami.project"].create({"name": "Access test"})
        objective = cls.env["fami.project.objective"].create({"project_id": project.id, "code": "OS9", "name": "O"})
        indicator = cls.env["fami.indicator"].create({
            "project_id": project.id, "code": "IND", "name": "I", "mode": "manual", "objective_id": objective.id})
        organisation = cls.env["res.partner"].create({"name": "Ente", "is_company": True})
        cls.records = {
            "fami.project": project,
            "fami.project.action": cls.env["fami.project.action"].create(
                {"project_id": project.id, "code": "AZ9", "name": "A"}),
            "fami.project.objective": objective,
            "fami.indicator": indicator,
            "fami.indicator.value": cls.env["fami.indicator.value"].create({"indicator_id": indicator.id, "value": 1}),
            "fami.project.partner": cls.env["fami.project.partner"].create(
                {"project_id": project.id, "partner_id": organisation.id, "role": "partner"}),
            "fami.network.category": cls.env.ref("fami_partners.network_category_usl"),
            "fami.project.deadline": cls.env["fami.project.deadline"].create(
                {"project_id": project.id, "name": "D", "date": "2030-01-01"}),
            "fami.document.type": cls.env.ref("fami_partners.document_type_durc"),
            "fami.document": cls.env["fami.document"].create({
                "document_type_id": cls.env.ref("fami_partners.document_type_durc").id,
                "partner_id": organisation.id, "number": "INPS_1", "date_expiry": "2030-01-01"}),
        }
        cls.records["fami.document.expiry"] = cls.env["fami.document.expiry"].search(
            [("document_id", "=", cls.records["fami.document"].id)])

    def test_auditor_reads_but_changes_nothing(self):
        self.assertEqual(set(WRITES), {model for model in self.env.registry if model.startswith("fami.")
                                       and self.env[model]._original_module == "fami_partners"
                                       and not self.env[model]._transient and not self.env[model]._abstract})
        for model, values in WRITES.items():
            record = self.records[model].with_user(self.auditor)
            with self.subTest(model=model):
                self.assertTrue(record.read(list(values)))
                self.assertIn(record, record.search([]))
                copy_values = record.copy_data()[0]
                with self.assertRaises(AccessError):
                    record.write(values)
                with self.assertRaises(AccessError):
                    record.create(copy_values)
                with self.assertRaises(AccessError):
                    record.unlink()

    def test_fami_users_see_the_partnership_but_do_not_change_it(self):
        link = self.records["fami.project.partner"].with_user(self.fami_user)
        self.assertEqual(link.search([("id", "=", link.id)]), link)
        with self.assertRaises(AccessError):
            link.write({"role": "network"})

    def test_manager_manages_the_project(self):
        project = self.records["fami.project"].with_user(self.manager)
        project.write({"name": "Renamed"})
        self.assertEqual(project.name, "Renamed")
        wizard = self.env["fami.project.template.wizard"].with_user(self.manager).create({"name": "New"})
        self.assertEqual(wizard.create_project().action_ids.mapped("code").count("WP0"), 1)

    def test_auditor_cannot_use_the_template_wizard(self):
        with self.assertRaises(AccessError):
            self.env["fami.project.template.wizard"].with_user(self.auditor).create({"name": "New"})

    def test_users_organisations_follow_the_partnership(self):
        link = self.records["fami.project.partner"]
        self.assertFalse(self.fami_user.fami_organisation_ids)
        link.user_ids = [(4, self.fami_user.id)]
        self.assertEqual(self.fami_user.fami_organisation_ids, link.partner_id)
        # usable in record rules, evaluated as the user
        self.assertEqual(self.fami_user.with_user(self.fami_user).fami_organisation_ids.ids, link.partner_id.ids)
        link.user_ids = [(3, self.fami_user.id)]
        self.assertFalse(self.fami_user.fami_organisation_ids)

    def test_record_rules_on_users_organisations_follow_changes(self):
        """Later addons restrict records with [(..., "in", user.fami_organisation_ids.ids)]: the cached rule must
        follow the partnership."""
        self.env["ir.rule"].create({
            "name": "test: projects of my organisations",
            "model_id": self.env["ir.model"]._get_id("fami.project"),
            "groups": [(4, self.env.ref("fami_partners.group_fami_user").id)],
            "domain_force": "[('partner_ids.partner_id', 'in', user.fami_organisation_ids.ids)]",
        })
        project = self.records["fami.project"]
        link = self.records["fami.project.partner"]
        Project = self.env["fami.project"].with_user(self.fami_user)
        self.assertNotIn(project, Project.search([]))
        link.user_ids = [(4, self.fami_user.id)]
        self.assertIn(project, Project.search([]))
        link.user_ids = [(3, self.fami_user.id)]
        self.assertNotIn(project, Project.search([]))
