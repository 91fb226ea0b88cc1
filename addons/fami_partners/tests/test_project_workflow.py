from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestProjectWorkflow(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "fami_wf_manager", groups="fami_partners.group_fami_manager")
        cls.auditor = new_test_user(cls.env, "fami_wf_auditor", groups="fami_partners.group_fami_auditor")
        cls.project = cls.env["fami.project"].with_user(cls.manager).create({"name": "Lifecycle test"})

    def test_new_project_is_draft_and_templates_are_not_governed(self):
        self.assertEqual(self.project.workflow_state_code, "draft")
        self.assertEqual(self.project.workflow_id, self.env.ref("fami_partners.workflow_project"))
        self.assertFalse(self.env.ref("fami_partners.umbria2_template").workflow_state_id)

    def test_start_needs_cup_and_eligibility_period(self):
        with self.assertRaises(UserError) as caught:
            self.project.workflow_fire("activate")
        self.assertIn("CUP", str(caught.exception))
        self.project.write({"cup": "J91B21000010006", "date_start": date(2026, 1, 1),
                            "date_end": date(2028, 12, 31)})
        with self.assertRaises(AccessError):
            self.project.with_user(self.auditor).workflow_fire("activate")
        self.project.workflow_fire("activate")
        self.assertEqual(self.project.workflow_state_code, "active")

    def test_closed_project_is_locked_until_reopened(self):
        self.project.write({"cup": "J91B21000010006", "date_start": date(2026, 1, 1),
                            "date_end": date(2028, 12, 31)})
        self.project.workflow_fire("activate")
        with self.assertRaises(UserError):
            self.project.workflow_fire("close")  # a comment is required
        self.project.workflow_fire("close", comment="Final claim paid.")
        self.assertEqual(self.project.workflow_state_code, "closed")
        with self.assertRaises(UserError):
            self.project.write({"total_budget": 1})
        self.project.workflow_fire("reopen", comment="Audit correction.")
        self.project.write({"total_budget": 1})
        self.assertEqual(self.project.total_budget, 1)
