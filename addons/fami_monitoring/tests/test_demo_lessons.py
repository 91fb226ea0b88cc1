from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoLessons(TransactionCase):
    """The demo shows lessons as trainers send them: no lesson of the installed demo, sent or approved, lacks its
    trainer or venue (the register prints both; only the superuser loading data could send one without)."""

    def test_every_sent_demo_lesson_has_trainer_and_venue(self):
        sessions = self.env["fami.course.session"].search([("workflow_state_code", "!=", "draft")])
        self.assertTrue(self.env.ref("fami_monitoring.demo_session_civic_1") in sessions)
        self.assertFalse(sessions.filtered(lambda session: not session.trainer_id).mapped("display_name"))
        self.assertFalse(sessions.filtered(lambda session: not session.venue_id).mapped("display_name"))
