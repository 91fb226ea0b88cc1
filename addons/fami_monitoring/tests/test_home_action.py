from lxml import etree

from odoo.tests import TransactionCase, new_test_user

DEMO_LOGINS = ("responsabile", "amministrativo", "formatore", "mediatore", "revisore")


class TestHomeAction(TransactionCase):
    """Every FAMI role starts on the FAMI dashboard (its home action), not on Discuss."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref("fami_reporting.action_fami_dashboard")

    def test_demo_users_land_on_the_dashboard(self):
        for login in DEMO_LOGINS:
            user = self.env.ref(f"fami_partners.demo_user_{login}")
            with self.subTest(login=login):
                # as the user: what the web client reads to open the home screen after login
                self.assertEqual(user.with_user(user).read(["action_id"])[0]["action_id"][0], self.dashboard.id)
                # and the user may run it: the dashboard opens a project the user can read
                opened = self.env["fami.project"].with_user(user).action_open_dashboard()
                self.assertEqual(opened["res_model"], "fami.project")

    def test_new_role_user_lands_on_the_dashboard(self):
        trainer = new_test_user(self.env, "home_trainer", groups="base.group_user,fami_partners.group_fami_trainer")
        self.assertEqual(trainer.action_id.id, self.dashboard.id)
        # given a role later, from the user form
        plain = new_test_user(self.env, "home_plain", groups="base.group_user")
        self.assertFalse(plain.action_id)
        plain.write({"groups_id": [(4, self.env.ref("fami_partners.group_fami_auditor").id)]})
        self.assertEqual(plain.action_id.id, self.dashboard.id)

    def test_chosen_home_action_stays(self):
        chosen = self.env.ref("fami_partners.fami_project_action")
        user = new_test_user(self.env, "home_chosen", groups="base.group_user")
        user.write({"action_id": chosen.id})
        user.write({"groups_id": [(4, self.env.ref("fami_partners.group_fami_mediator").id)]})
        self.assertEqual(user.action_id.id, chosen.id)


class TestAuditorOnlyReads(TransactionCase):
    """The auditor (revisore) reads projects, employees and timesheets but is offered no "Nuova" there: the
    views Odoo sends the auditor's browser say create="False", and a create over RPC is refused."""

    def test_auditor_is_offered_no_new_button(self):
        auditor = self.env.ref("fami_partners.demo_user_revisore")
        for model in ("project.project", "hr.employee", "hr.employee.public", "account.analytic.line"):
            records = self.env[model].with_user(auditor)
            self.assertFalse(records.has_access("create"), model)
            views = records.get_views([(False, "list"), (False, "kanban"), (False, "form")])["views"]
            for view_type, view in views.items():
                with self.subTest(model=model, view=view_type):
                    root = etree.fromstring(view["arch"])
                    self.assertIn(root.get("create"), ("False", "false", "0"), "no New button")
