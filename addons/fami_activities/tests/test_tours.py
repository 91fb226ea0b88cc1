from odoo import fields
from odoo.tests import HttpCase, tagged

from .test_organisation_rules import DemoUsersMixin
from .tour_common import ItalianTourMixin


@tagged("post_install", "-at_install")
class TestActivityTours(DemoUsersMixin, ItalianTourMixin, HttpCase):
    """The guided tours of trainers and mediators (static/src/tours, offered in "Visite guidate"), clicked through
    in headless Chromium, in Italian, as the demo users formatore and mediatore themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_italian()
        cls.setup_demo_users()
        # the demo users work in Italian: activities written for the approvers are in Italian too
        (cls.trainer | cls.mediator | cls.staff | cls.manager | cls.auditor).write({"lang": "it_IT"})

    def test_trainer_records_a_lesson_and_sends_its_register(self):
        # created in Italian, as the course office would: the chatter keeps the creation message in that language
        self.env = self.env(context=dict(self.env.context, lang="it_IT"))
        operators = self.env["res.partner"].create([
            {"name": f"Operatore tour {i}", "parent_id": self.frontiera.id} for i in (1, 2, 3)])
        venue = self.env["fami.venue"].create({"name": "Aula tour", "seats": 10})
        course = self.env["fami.course"].create({
            "name": "Corso tour presenze", "kind": "operators", "project_id": self.project.id,
            "organisation_id": self.frontiera.id, "trainer_ids": [(6, 0, self.trainer.ids)], "venue_id": venue.id,
            "enrolment_ids": [(0, 0, {"partner_id": operator.id}) for operator in operators]})

        self.start_tour("/odoo", "fami_trainer_attendance_tour", login="formatore")
        self.env.invalidate_all()

        session = course.session_ids
        self.assertEqual(len(session), 1, "the trainer recorded the lesson through the form")
        self.assertRecordValues(session, [{"trainer_id": self.trainer.id, "venue_id": venue.id,
                                           "topic": "Presentazioni", "duration": 2.0}])
        self.assertEqual(session.create_uid, self.trainer)
        self.assertEqual(sorted(session.attendance_ids.mapped("status")), ["absent", "present", "present"],
                         "the tour marked one participant absent, the others stayed present")
        self.assertEqual(session.workflow_state_code, "submitted")
        self.assertEqual((session.present_count, session.training_hours_delivered), (2, 0.0),
                         "the hours count once the register is approved")
        session.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(session.training_hours_delivered, 4.0)

    def test_mediator_records_hours(self):
        employee = self.env.ref("fami_activities.demo_mediator_3")
        before = self.env["account.analytic.line"].search([("employee_id", "=", employee.id)])

        self.start_tour("/odoo", "fami_mediator_hours_tour", login="mediatore")
        self.env.invalidate_all()

        line = self.env["account.analytic.line"].search([("employee_id", "=", employee.id)]) - before
        self.assertEqual(len(line), 1)
        self.assertRecordValues(line, [{
            "fami_is_mediation": True, "fami_project_id": self.project.id,
            "project_id": self.project._get_timesheet_project().id, "fami_service_kind": "school",
            "unit_amount": 2.5, "date": fields.Date.context_today(line), "workflow_state_code": "submitted"}])
        self.assertEqual(line.create_uid, self.mediator)
        self.assertIn("Colloquio con la famiglia a scuola", line.display_name)
        self.assertTrue(line.activity_ids, "the approver has an activity for the hours sent")
