from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDashboardQueues(TransactionCase):
    """The dashboard's Ore di mediazione button of a manager counts and opens mediation hours only: staff hours, the
    other workflow of timesheet lines, are not mediation hours (they counted, and were listed under that title)."""

    def test_the_mediation_queue_holds_mediation_hours_only(self):
        manager = self.env.ref("fami_partners.demo_user_responsabile")
        staff_hours = self.env.ref("fami_verification.demo_staff_hours_3")
        self.assertEqual(staff_hours.workflow_state_code, "submitted", "the demo has staff hours to approve")
        project = self.env.ref("fami_partners.demo_project_umbria2").with_user(manager)
        action = project.with_context(fami_queue="mediation").action_open_approval_queue()
        queue = self.env["account.analytic.line"].with_user(manager).search(action["domain"])
        self.assertTrue(queue, "the demo has mediation hours to approve")
        self.assertNotIn(staff_hours, queue)
        self.assertTrue(all(queue.mapped("fami_is_mediation")))
        self.assertEqual(project.dashboard_approve_mediation, len(queue))
