from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .tour_common import ItalianTourMixin


@tagged("post_install", "-at_install")
class TestActivityTours(ItalianTourMixin, HttpCase):
    """The daily jobs of trainers, mediators and managers, clicked through in headless Chromium, in Italian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_italian()
        cls.project = cls.env["fami.project"].create({
            "name": "Progetto tour mediazione", "code": "PROG-7777", "date_start": "2025-01-01",
            "date_end": "2029-12-31"})
        cls.timesheet_project = cls.project._get_timesheet_project()
        cls.timesheet_project.name = "Ore tour mediazione"
        cls.trainer = new_test_user(cls.env, "tour_trainer", groups="fami_partners.group_fami_trainer",
                                    lang="it_IT", tz="Europe/Rome", name="Formatore tour")
        cls.mediator = new_test_user(cls.env, "tour_mediator", groups="fami_partners.group_fami_mediator",
                                     lang="it_IT", tz="Europe/Rome")
        cls.manager = new_test_user(
            cls.env, "tour_manager", lang="it_IT", tz="Europe/Rome",
            groups="fami_partners.group_fami_manager,hr_timesheet.group_hr_timesheet_approver")
        cls.mediator_employee = cls.env["hr.employee"].create({"name": "Mediatrice tour", "user_id": cls.mediator.id})

    def test_trainer_records_a_lesson_and_sends_its_register(self):
        # created in Italian, as the course office would: the chatter keeps the creation message in that language
        self.env = self.env(context=dict(self.env.context, lang="it_IT"))
        org = self.env["res.partner"].create({"name": "Ente tour", "is_company": True})
        operators = self.env["res.partner"].create([
            {"name": f"Operatore tour {i}", "parent_id": org.id} for i in (1, 2, 3)])
        venue = self.env["fami.venue"].create({"name": "Aula tour", "seats": 10})
        course = self.env["fami.course"].create({
            "name": "Corso tour presenze", "kind": "operators", "project_id": self.project.id,
            "organisation_id": org.id, "trainer_ids": [(6, 0, self.trainer.ids)], "venue_id": venue.id,
            "enrolment_ids": [(0, 0, {"partner_id": operator.id}) for operator in operators]})

        self.start_tour("/odoo", "fami_trainer_attendance_tour", login="tour_trainer")
        self.env.invalidate_all()

        session = course.session_ids
        self.assertEqual(len(session), 1, "the trainer recorded the lesson through the form")
        self.assertRecordValues(session, [{"trainer_id": self.trainer.id, "venue_id": venue.id,
                                           "topic": "Presentazioni", "duration": 2.0}])
        self.assertEqual(session.create_uid, self.trainer)
        statuses = {line.enrolment_id.partner_id.name: line.status for line in session.attendance_ids}
        self.assertEqual(statuses, {"Operatore tour 1": "present", "Operatore tour 2": "absent",
                                    "Operatore tour 3": "present"})
        self.assertEqual(session.workflow_state_code, "submitted")
        self.assertEqual((session.present_count, session.training_hours_delivered), (2, 0.0),
                         "the hours count once the register is approved")
        session.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(session.training_hours_delivered, 4.0)

    def test_mediator_records_hours(self):
        self.start_tour("/odoo", "fami_mediator_hours_tour", login="tour_mediator")
        self.env.invalidate_all()

        line = self.env["account.analytic.line"].search([("employee_id", "=", self.mediator_employee.id)])
        self.assertEqual(len(line), 1)
        self.assertRecordValues(line, [{
            "fami_is_mediation": True, "fami_project_id": self.project.id, "project_id": self.timesheet_project.id,
            "fami_service_kind": "school", "unit_amount": 2.5, "date": fields.Date.context_today(line),
            "workflow_state_code": "submitted"}])
        self.assertIn("Colloquio con la famiglia a scuola", line.display_name)
        self.assertTrue(line.activity_ids, "the approver has an activity for the hours sent")

    def test_manager_approves_mediation_hours(self):
        line = self.env["account.analytic.line"].create({
            "name": "Mediazione tour da approvare", "project_id": self.timesheet_project.id,
            "employee_id": self.mediator_employee.id, "fami_project_id": self.project.id, "fami_is_mediation": True,
            "fami_service_kind": "usl", "date": fields.Date.today(), "fami_time_start": 9, "fami_time_end": 11,
            "unit_amount": 2})
        line.with_user(self.mediator).workflow_fire("submit")

        self.start_tour("/odoo", "fami_manager_approval_tour", login="tour_manager")
        self.env.invalidate_all()

        self.assertEqual(line.workflow_state_code, "approved")
        approval = line.workflow_log_ids.filtered(lambda log: log.state_to_id.code == "approved")
        self.assertEqual(approval.approver_ids, self.manager)
