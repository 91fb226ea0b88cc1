from odoo.tests import tagged

from odoo.addons.fami_workflow.tests.shipped_common import ShippedWorkflowCase


@tagged("post_install", "-at_install")
class TestMonitoringSeparationOfDuties(ShippedWorkflowCase):
    """The shipped monitoring workflow keeps Check apart from Submit: the manager of the lead partner who submits a
    return does not check it, a colleague does; what the engine writes is Italian. As the demo users."""

    def test_who_submits_a_return_does_not_check_it(self):
        colleague = self.colleague_of(self.manager, "responsabile_2")
        report = self.env["fami.monitoring.report"].search([("project_id", "=", self.project.id),
                                                            ("workflow_state_code", "=", "draft")],
                                                           order="date_from", limit=1)
        self.assertTrue(report, "the demo has a return in draft")
        self.assert_sender_cannot(report, "submit", "check", self.manager, colleague)
        self.assertEqual(report.workflow_state_code, "checked")
        self.assert_italian(report, self.env.ref("fami_monitoring.workflow_monitoring_report"))
