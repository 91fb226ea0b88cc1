import base64
from datetime import date, datetime, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from .test_courses import RefusalMixin


@tagged("post_install", "-at_install")
class TestActivities(RefusalMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["fami.project"].create({
            "name": "Activities test", "code": "PROG-8888", "date_start": "2025-01-01", "date_end": "2028-12-31"})
        cls.template = cls.env.ref("fami_partners.umbria2_template")
        cls.trainer = new_test_user(cls.env, "act_trainer", groups="fami_partners.group_fami_trainer",
                                    tz="Europe/Rome")
        cls.trainer_2 = new_test_user(cls.env, "act_trainer2", groups="fami_partners.group_fami_trainer")
        cls.org = cls.env["res.partner"].create({"name": "Comune di Prova", "is_company": True})
        cls.operators = cls.env["res.partner"].create([
            {"name": f"Operatore {i}", "parent_id": cls.org.id} for i in range(3)])
        cls.venue = cls.env["fami.venue"].create({"name": "Aula 1", "seats": 20})
        cls.course = cls.env["fami.course"].create({
            "name": "Mediazione per operatori", "kind": "operators", "project_id": cls.project.id,
            "trainer_ids": [(6, 0, cls.trainer.ids)], "organisation_id": cls.org.id,
            "enrolment_ids": [(0, 0, {"partner_id": p.id}) for p in cls.operators]})

    def session(self, start, hours=2, **values):
        return self.env["fami.course.session"].create(dict({
            "course_id": self.course.id, "start": start, "stop": start + timedelta(hours=hours),
            "trainer_id": self.trainer.id, "venue_id": self.venue.id}, **values))

    def test_series_creates_calendar_events_skipping_holidays(self):
        wizard = self.env["fami.session.series.wizard"].with_user(self.trainer).create({
            "course_id": self.course.id, "first_day": date(2026, 12, 1), "weeks": 2, "tuesday": True,
            "thursday": True, "hour_start": 15, "hour_end": 17, "trainer_id": self.trainer.id,
            "venue_id": self.venue.id})
        wizard.action_generate()
        sessions = self.course.session_ids.sorted("start")
        self.assertEqual([s.start.date() for s in sessions], [date(2026, 12, 1), date(2026, 12, 3),
                                                               date(2026, 12, 10)])  # 8 Dec is a holiday
        self.assertEqual(sessions[0].start, datetime(2026, 12, 1, 14, 0))  # 15:00 in Rome is 14:00 UTC
        for session in sessions:
            event = session.calendar_event_id
            self.assertEqual((event.start, event.stop), (session.start, session.stop))
            self.assertEqual(event.partner_ids, self.trainer.partner_id | self.operators)

    def test_moving_the_event_moves_the_session(self):
        session = self.session(datetime(2026, 3, 2, 9))
        session.calendar_event_id.write({"start": datetime(2026, 3, 3, 10), "stop": datetime(2026, 3, 3, 13)})
        self.assertEqual((session.start, session.stop), (datetime(2026, 3, 3, 10), datetime(2026, 3, 3, 13)))
        self.assertEqual(session.duration, 3)

    def test_double_booked_trainer_or_room_is_refused_naming_the_other_session(self):
        first = self.session(datetime(2026, 3, 2, 9))
        with self.assertRefused(ValidationError, "already booked.*" + self.course.name):
            self.session(datetime(2026, 3, 2, 10), venue_id=False)
        with self.assertRefused(ValidationError, "venue"):
            self.session(datetime(2026, 3, 2, 10), trainer_id=self.trainer_2.id)
        self.session(datetime(2026, 3, 2, 11))  # back to back is fine
        self.assertTrue(first.exists())

    def test_session_ending_before_it_starts_is_refused(self):
        with self.assertRefused(ValidationError, "ends before it starts"):
            self.session(datetime(2026, 3, 2, 9), hours=-1)

    def test_venue_too_small_is_refused(self):
        closet = self.env["fami.venue"].create({"name": "Sgabuzzino", "seats": 2})
        with self.assertRefused(ValidationError, "2 seats.*3 participants"):
            self.session(datetime(2026, 3, 2, 9), venue_id=closet.id)

    def test_attendance_gives_hours_completion_and_training_hours(self):
        sessions = [self.session(datetime(2026, 3, day, 9)) for day in (2, 3, 4, 5, 6)]  # 10 hours
        first, second, third = self.course.enrolment_ids.sorted("id")
        for session in sessions:
            session.action_fill_register()
        lines = self.env["fami.attendance"].search([("course_id", "=", self.course.id)])
        lines.filtered(lambda a: a.enrolment_id == second and a.session_id in sessions[:3]).action_mark_absent()
        lines.filtered(lambda a: a.enrolment_id == third and a.session_id == sessions[0]).write({"late_minutes": 30})
        self.assertEqual((first.hours_attended, first.completed, self.course.training_hours_delivered), (0, False, 0),
                         "draft registers count for nothing")
        for session in sessions:
            session.workflow_fire("submit")
            session.workflow_fire("approve")
        self.assertEqual((first.hours_attended, first.attendance_percent, first.completed), (10, 100, True))
        self.assertEqual((second.hours_attended, second.attendance_percent, second.completed), (4, 40, False))
        self.assertEqual((third.hours_attended, third.completed), (9.5, True))
        # ore/allievo: hours x present participants, session by session
        self.assertEqual(self.course.training_hours_delivered, 3 * 2 * 2 + 2 * 2 * 3)

    def test_attendance_on_a_session_of_another_course_is_refused(self):
        other = self.env["fami.course"].create({"name": "Altro", "kind": "operators",
                                                "project_id": self.project.id})
        session = self.env["fami.course.session"].create({
            "course_id": other.id, "start": datetime(2026, 5, 1, 9), "stop": datetime(2026, 5, 1, 11)})
        with self.assertRefused(ValidationError, "not enrolled"):
            self.env["fami.attendance"].create({"session_id": session.id,
                                                "enrolment_id": self.course.enrolment_ids[0].id})

    def test_approved_register_is_locked_and_prints(self):
        session = self.session(datetime(2026, 3, 2, 9), topic="Cornice normativa")
        session.action_fill_register()
        session.workflow_fire("submit")
        session.workflow_fire("approve")
        with self.assertRefused(UserError, "locked"):
            session.attendance_ids[0].action_mark_absent()
        with self.assertRefused(UserError, "locked"):
            session.write({"topic": "Altro"})
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "fami_activities.report_attendance_register", session.ids)
        self.assertEqual(html.decode().count("o_fami_register_row"), 3)
        self.assertIn("Fondo Asilo, Migrazione e Integrazione", html.decode())
        for operator in self.operators:
            self.assertIn(operator.name, html.decode())

    def test_beneficiary_without_privacy_notice_cannot_be_enrolled(self):
        person = self.env["fami.beneficiary"].create({"gender": "male", "country_id": self.env.ref("base.sn").id,
                                                      "project_id": self.project.id})
        course = self.env["fami.course"].create({"name": "Italiano A2", "kind": "italian",
                                                 "project_id": self.project.id})
        with self.assertRefused(UserError, "privacy notice"):
            course.write({"enrolment_ids": [(0, 0, {"beneficiary_id": person.id})]})
        with self.assertRefused(ValidationError, "for beneficiaries"):
            course.write({"enrolment_ids": [(0, 0, {"partner_id": self.operators[0].id})]})


@tagged("post_install", "-at_install")
class TestIndicatorsAndMediation(RefusalMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        wizard = cls.env["fami.project.template.wizard"].create({
            "template_id": cls.env.ref("fami_partners.umbria2_template").id, "name": "UMBRIA 2 test",
            "code": "PROG-7777", "date_start": "2025-01-01", "date_end": "2028-12-31"})
        action = wizard.action_create_project()
        cls.project = cls.env["fami.project"].browse(action["res_id"])
        cls.mediator_user = new_test_user(cls.env, "act_mediator", groups="fami_partners.group_fami_mediator")
        cls.mediator = cls.env["hr.employee"].create({"name": "Mediatrice", "user_id": cls.mediator_user.id})
        cls.manager = cls.env.ref("base.user_admin")

    def indicator(self, code):
        indicator = self.project.indicator_ids.filtered(lambda i: i.code == code)
        indicator.invalidate_recordset()
        return indicator.actual_value

    def hours(self, hours, day="2026-04-01", start=9.0, **values):
        return self.env["account.analytic.line"].with_user(self.mediator_user).create(dict({
            "name": "Mediazione", "fami_is_mediation": True, "fami_project_id": self.project.id,
            "project_id": self.project._get_timesheet_project().id, "employee_id": self.mediator.id,
            "date": day, "unit_amount": hours, "fami_time_start": start, "fami_time_end": start + hours,
            "fami_service_kind": "usl"}, **values))

    def test_only_approved_mediation_hours_count(self):
        approved = self.hours(3)
        draft = self.hours(2, start=13)
        rejected = self.hours(1.5, day="2026-04-02")
        self.assertEqual(approved.workflow_state_code, "draft")
        for line in approved | rejected:
            line.with_user(self.mediator_user).workflow_fire("submit")
        approved.with_user(self.manager).workflow_fire("approve")
        rejected.with_user(self.manager).workflow_fire("reject", comment="Wrong day")
        self.assertEqual(draft.workflow_state_code, "draft")
        self.assertEqual(self.indicator("OS1_MEDIATION_HOURS"), 3)
        with self.assertRefused(UserError, "locked"):
            approved.write({"unit_amount": 5})

    def test_thirteen_hours_and_overlaps_are_refused(self):
        self.hours(8, start=7)
        with self.assertRefused(ValidationError, "more than 12 hours"):
            self.hours(5, start=16)
        with self.assertRefused(ValidationError, "overlaps"):
            self.hours(2, start=14)
        with self.assertRefused(ValidationError, "end time must be after the start time"):
            self.hours(0, start=20)

    def test_ordinary_timesheets_stay_ungoverned(self):
        line = self.env["account.analytic.line"].create({
            "name": "Riunione", "project_id": self.project._get_timesheet_project().id,
            "employee_id": self.mediator.id, "unit_amount": 13})
        self.assertFalse(line.workflow_id)
        line.unit_amount = 14

    def test_events_and_reached_people_move_indicators_exactly(self):
        event = self.env["fami.event"].create({
            "name": "Cena interculturale", "project_id": self.project.id, "date_start": "2026-05-01 18:00:00",
            "date_stop": "2026-05-01 22:00:00", "participants_italian": 20, "participants_cpt": 25,
            "participants_women": 24, "participants_men": 21})
        draft_event = self.env["fami.event"].create({
            "name": "Torneo", "project_id": self.project.id, "date_start": "2026-05-02 10:00:00",
            "date_stop": "2026-05-02 12:00:00", "participants_cpt": 40})
        event.workflow_fire("submit")
        self.assertEqual(self.indicator("OS3_PEOPLE_REACHED"), 0)
        event.workflow_fire("approve")
        self.assertEqual(self.indicator("OS3_PEOPLE_REACHED"), 45)
        self.assertEqual(draft_event.workflow_state_code, "draft")

        service = self.env["fami.service"].create({"name": "OSS Perugia", "kind": "oss",
                                                   "project_id": self.project.id})
        self.assertEqual(self.indicator("OS2_OSS"), 0)
        service.workflow_fire("submit")
        self.assertEqual(self.indicator("OS2_OSS"), 0)
        service.workflow_fire("approve")
        self.assertEqual(self.indicator("OS2_OSS"), 1)
        people = self.env["fami.beneficiary"].create([{
            "gender": "female", "country_id": self.env.ref("base.ng").id, "project_id": self.project.id,
            "privacy_notice_date": "2026-01-10"} for _i in range(2)])
        accesses = self.env["fami.service.access"].create([
            {"service_id": service.id, "beneficiary_id": person.id} for person in people])
        accesses[0].workflow_fire("submit")
        accesses[0].workflow_fire("approve")
        accesses[1].workflow_fire("submit")
        self.assertEqual(people.mapped("is_reached"), [True, False])
        self.assertEqual(self.indicator("OS2_CPT_REACHED"), 1)

    def test_courses_and_research_indicators(self):
        course = self.env["fami.course"].create({"name": "Corso", "kind": "operators",
                                                 "project_id": self.project.id})
        for code in ("schedule", "start", "close"):
            course.workflow_fire(code)
        self.assertEqual(self.indicator("OS1_COURSES"), 0)
        course.workflow_fire("approve")
        self.assertEqual(self.indicator("OS1_COURSES"), 1)
        research = self.env["fami.research"].create({
            "name": "Mediazione", "project_id": self.project.id,
            "deliverable_ids": [(0, 0, {"name": "Rapporto", "file": base64.b64encode(b"%PDF-1.4 rapporto"),
                                        "filename": "rapporto.pdf"})]})
        self.assertEqual(self.indicator("OS1_RESEARCH"), 0)
        for code in ("start", "submit"):
            research.workflow_fire(code)
        self.assertEqual(self.indicator("OS1_RESEARCH"), 0, "closed, not yet approved")
        research.workflow_fire("approve")
        self.assertEqual(self.indicator("OS1_RESEARCH"), 1)

    def test_mediation_form_fills_hours_from_times(self):
        with Form(self.env["account.analytic.line"].with_context(default_fami_is_mediation=True),
                  view="fami_activities.mediation_view_form") as form:
            form.fami_project_id = self.project
            self.assertEqual(form.project_id, self.project._get_timesheet_project(), "filled from the FAMI project")
            form.employee_id = self.mediator
            form.name = "Mediazione in Questura"
            form.fami_time_start = 9
            form.fami_time_end = 11.5
        self.assertEqual(form.record.unit_amount, 2.5)
