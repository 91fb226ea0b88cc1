from contextlib import contextmanager
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


class RefusalMixin:
    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaisesRegex inside Odoo's savepoint (plain assertRaisesRegex would keep the refused record)."""
        with self.assertRaises(exception) as catcher:
            yield
        self.assertRegex(str(catcher.exception), pattern)


class FamiActivitiesCase(RefusalMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.org = cls.env["res.partner"].create({"name": "Cooperativa Alfa", "is_company": True})
        cls.project = cls.env["fami.project"].create({
            "name": "Test project", "code": "PROG-9998", "date_start": "2025-01-01", "date_end": "2027-12-31"})
        cls.manager = new_test_user(cls.env, "act_manager", tz="Europe/Rome",
                                    groups="base.group_user,fami_partners.group_fami_manager")
        cls.trainer = new_test_user(cls.env, "act_trainer", tz="Europe/Rome",
                                    groups="base.group_user,fami_partners.group_fami_trainer")
        cls.trainer_2 = new_test_user(cls.env, "act_trainer2", tz="Europe/Rome",
                                      groups="base.group_user,fami_partners.group_fami_trainer")
        cls.operator_a = cls.env["res.partner"].create({"name": "Operatrice A", "parent_id": cls.org.id})
        cls.operator_b = cls.env["res.partner"].create({"name": "Operatore B", "parent_id": cls.org.id})
        cls.venue = cls.env["fami.venue"].create({"name": "Aula 1", "seats": 20})
        cls.course = cls._course("Corso mediazione")

    @classmethod
    def _course(cls, name, **values):
        return cls.env["fami.course"].create(dict({
            "name": name, "kind": "operators", "project_id": cls.project.id, "organisation_id": cls.org.id,
            "trainer_ids": [(6, 0, cls.trainer.ids)], "venue_id": cls.venue.id,
            "enrolment_ids": [(0, 0, {"partner_id": cls.operator_a.id}), (0, 0, {"partner_id": cls.operator_b.id})],
        }, **values))

    def _session(self, course, start, hours=2.0, **values):
        return self.env["fami.course.session"].create(dict({
            "course_id": course.id, "start": start, "stop": start + timedelta(hours=hours)}, **values))


@tagged("post_install", "-at_install")
class TestCourseSessions(FamiActivitiesCase):
    def test_series_creates_events_skips_holidays_and_event_moves_session(self):
        wizard = self.env["fami.session.series.wizard"].with_user(self.manager).create({
            "course_id": self.course.id, "first_day": "2026-06-01", "weeks": 2, "tuesday": True, "thursday": True,
            "hour_start": 15.0, "hour_end": 17.0, "trainer_id": self.trainer.id, "venue_id": self.venue.id,
            "skip_dates": "2026-06-11"})
        wizard.action_generate()
        sessions = self.course.session_ids
        # Tue 2 June is the Festa della Repubblica, Thu 11 June is skipped on request
        self.assertEqual(sessions.mapped("start"), [datetime(2026, 6, 4, 13, 0), datetime(2026, 6, 9, 13, 0)])
        for session in sessions:
            event = session.calendar_event_id
            self.assertTrue(event)
            self.assertEqual((event.start, event.stop), (session.start, session.stop))
            self.assertEqual(event.fami_session_id, session)
            self.assertEqual(set(event.partner_ids.ids),
                             set((self.trainer.partner_id | self.operator_a | self.operator_b).ids))
        self.assertEqual(sum(sessions.mapped("duration")), 4.0)
        self.assertEqual(self.course.session_hours, 0.0, "held hours count once the registers are approved")

        event = sessions[0].calendar_event_id
        event.write({"start": datetime(2026, 6, 5, 8, 0), "stop": datetime(2026, 6, 5, 11, 0)})
        self.assertEqual((sessions[0].start, sessions[0].stop), (datetime(2026, 6, 5, 8, 0), datetime(2026, 6, 5, 11)))
        self.assertEqual(sessions[0].duration, 3.0)
        self.assertIn("05/06/2026", event.name, "the event's title follows the session to its new date")
        self.assertNotIn("04/06/2026", event.name)

        sessions[1].write({"start": datetime(2026, 6, 10, 9, 0), "stop": datetime(2026, 6, 10, 10, 0)})
        self.assertEqual(sessions[1].calendar_event_id.start, datetime(2026, 6, 10, 9, 0))

        event = sessions[1].calendar_event_id
        sessions[1].unlink()
        self.assertFalse(event.exists())

    def test_double_booking_and_bad_times_refused(self):
        first = self._session(self.course, datetime(2026, 3, 3, 14), trainer_id=self.trainer.id,
                              venue_id=self.venue.id)
        other_course = self._course("Corso bis", trainer_ids=[(6, 0, self.trainer_2.ids)], venue_id=False)
        with self.assertRefused(ValidationError, "trainer.*already booked.*Corso mediazione"):
            self._session(other_course, datetime(2026, 3, 3, 15), trainer_id=self.trainer.id)
        other_room = self.env["fami.venue"].create({"name": "Aula 2", "seats": 20})
        with self.assertRefused(ValidationError, "venue Aula 1 is already booked"):
            self._session(other_course, datetime(2026, 3, 3, 15), trainer_id=self.trainer_2.id,
                          venue_id=self.venue.id)
        # back to back is fine, and so is another trainer in another room at the same time
        self._session(other_course, datetime(2026, 3, 3, 16), trainer_id=self.trainer.id, venue_id=self.venue.id)
        self._session(other_course, datetime(2026, 3, 3, 14), trainer_id=self.trainer_2.id, venue_id=other_room.id)
        with self.assertRefused(ValidationError, "ends before it starts"):
            self._session(self.course, datetime(2026, 3, 4, 14), hours=-1)
        with self.assertRefused(ValidationError, "already booked"):
            first.calendar_event_id.write({"start": datetime(2026, 3, 3, 16, 30), "stop": datetime(2026, 3, 3, 17)})

    def test_operators_enrolled_later_join_the_events(self):
        first = self._session(self.course, datetime(2026, 3, 3, 14), trainer_id=self.trainer.id)
        second = self._session(self.course, datetime(2026, 3, 5, 14), trainer_id=self.trainer.id)
        events = (first | second).calendar_event_id
        third = self.env["res.partner"].create({"name": "Operatrice C", "parent_id": self.org.id})
        enrolment = self.env["fami.course.enrolment"].create({"course_id": self.course.id, "partner_id": third.id})
        for event in events:
            self.assertEqual(event.partner_ids, self.trainer.partner_id | self.operator_a | self.operator_b | third)
        self.course.enrolment_ids.filtered(lambda e: e.partner_id == self.operator_a).unlink()
        enrolment.partner_id = self.env["res.partner"].create({"name": "Operatore D", "parent_id": self.org.id})
        for event in events:
            self.assertEqual(set(event.partner_ids.mapped("name")),
                             {"Operatore B", "Operatore D", self.trainer.partner_id.name})
        self.course.name = "Corso di mediazione interculturale"
        for event in events:
            self.assertTrue(event.name.startswith("Corso di mediazione interculturale — "), event.name)

    def test_venue_calendar_shows_its_bookings(self):
        other_room = self.env["fami.venue"].create({"name": "Aula 2", "seats": 20})
        booked = self._session(self.course, datetime(2026, 3, 3, 14), venue_id=self.venue.id) | self._session(
            self.course, datetime(2026, 3, 5, 14), venue_id=self.venue.id)
        elsewhere = self._session(self.course, datetime(2026, 3, 6, 14), venue_id=other_room.id)
        self.assertEqual((self.venue.booking_count, other_room.booking_count), (2, 1))
        action = self.venue.with_user(self.trainer).action_open_bookings()
        self.assertEqual(action["res_model"], "fami.course.session")
        self.assertEqual(action["view_mode"].split(",")[0], "calendar")
        self.assertIn("Aula 1", action["name"])
        shown = self.env["fami.course.session"].search(action["domain"])
        self.assertEqual(shown, booked)
        self.assertNotIn(elsewhere, shown)
        self.assertEqual(action["context"]["default_venue_id"], self.venue.id)

    def test_session_event_cannot_be_deleted_alone(self):
        session = self._session(self.course, datetime(2026, 3, 3, 14), trainer_id=self.trainer.id)
        event = session.calendar_event_id
        with self.assertRefused(UserError, "calendar entry of a course session: delete the session"):
            event.unlink()
        self.assertEqual(session.calendar_event_id, event)
        plain = self.env["calendar.event"].create({"name": "Riunione", "start": datetime(2026, 3, 3, 8),
                                                   "stop": datetime(2026, 3, 3, 9)})
        plain.unlink()  # an ordinary event is not concerned
        session.unlink()
        self.assertFalse(event.exists())

    def test_venue_seats_cannot_drop_below_upcoming_bookings(self):
        room = self.env["fami.venue"].create({"name": "Aula 3", "seats": 10})
        now = fields.Datetime.now()
        self._session(self.course, now - timedelta(days=30), venue_id=room.id)  # held: no longer needs the seats
        room.seats = 1
        room.seats = 10
        upcoming = self._session(self.course, now + timedelta(days=7), venue_id=room.id)
        with self.assertRefused(ValidationError, "Aula 3 cannot have only 1 seats: .*Corso mediazione.* has 2 "
                                                 "participants"):
            room.seats = 1
        room.seats = 2
        upcoming.venue_id = self.venue
        room.seats = 1
        self.assertEqual(room.seats, 1)

    def test_venue_too_small_refused(self):
        small = self.env["fami.venue"].create({"name": "Stanzetta", "seats": 1})
        with self.assertRefused(ValidationError, "Stanzetta has 1 seats but Corso mediazione has 2 participants"):
            self._session(self.course, datetime(2026, 3, 5, 9), venue_id=small.id)
        small.seats = 2
        self.assertEqual(self._session(self.course, datetime(2026, 3, 5, 9), venue_id=small.id).venue_id, small)
        third = self.env["res.partner"].create({"name": "Operatrice C", "parent_id": self.org.id})
        with self.assertRefused(ValidationError, "Stanzetta has 2 seats but Corso mediazione has 3 participants"):
            self.env["fami.course.enrolment"].create({"course_id": self.course.id, "partner_id": third.id})


@tagged("post_install", "-at_install")
class TestAttendance(FamiActivitiesCase):
    def test_hours_completion_and_training_hours(self):
        first = self._session(self.course, datetime(2026, 3, 10, 14))
        second = self._session(self.course, datetime(2026, 3, 12, 14))
        first.action_fill_register()
        second.action_fill_register()
        self.assertEqual(len(first.attendance_ids), 2)
        enrol_a, enrol_b = self.course.enrolment_ids.sorted("id")
        first.attendance_ids.filtered(lambda a: a.enrolment_id == enrol_b).action_mark_justified()
        second.attendance_ids.filtered(lambda a: a.enrolment_id == enrol_a).write({"late_minutes": 30})
        # registers still in draft: nothing is held, delivered or completed yet
        self.assertEqual((self.course.session_hours, self.course.training_hours_delivered), (0.0, 0.0))
        self.assertEqual((enrol_a.hours_attended, enrol_a.completed), (0.0, False))
        self.assertEqual(first.present_count, 1)
        first.attendance_ids.filtered(lambda a: a.enrolment_id == enrol_b).action_mark_absent()
        # ore/allievo per project, as an indicator aggregation
        indicator = self.env["fami.indicator"].create({
            "project_id": self.project.id, "code": "ORE_ALLIEVO", "name": "Ore/allievo", "target": 100,
            "mode": "records", "model_id": self.env["ir.model"]._get_id("fami.course.session"), "domain": "[]",
            "aggregation": "sum", "field_id": self.env["ir.model.fields"]._get_ids("fami.course.session")[
                "training_hours_delivered"], "project_field_name": "project_id"})
        self.assertEqual(indicator.actual_value, 0.0)
        for session in first | second:
            session.workflow_fire("submit")
            session.workflow_fire("approve")
        self.assertEqual(self.course.session_hours, 4.0)
        self.assertEqual((enrol_a.hours_attended, enrol_a.attendance_percent, enrol_a.completed), (3.5, 87.5, True))
        self.assertEqual((enrol_b.hours_attended, enrol_b.attendance_percent, enrol_b.completed), (2.0, 50.0, False))
        # ore/allievo: session hours × participants present = 2 × 1 + 2 × 2
        self.assertEqual(first.training_hours_delivered, 2.0)
        self.assertEqual(second.training_hours_delivered, 4.0)
        self.assertEqual(self.course.training_hours_delivered, 6.0)
        indicator.invalidate_recordset(["actual_value"])
        self.assertEqual(indicator.actual_value, 6.0)
        # ... and as a field of the project, over every course of the project
        self.project.invalidate_recordset(["training_hours_delivered"])
        self.assertEqual(self.project.training_hours_delivered, 6.0)
        other = self._course("Corso bis", venue_id=False)
        third = self._session(other, datetime(2026, 3, 11, 14), hours=3.0)
        third.action_fill_register()
        self.project.invalidate_recordset(["training_hours_delivered"])
        self.assertEqual(self.project.training_hours_delivered, 6.0, "a draft register delivers nothing")
        third.workflow_fire("submit")
        third.workflow_fire("approve")
        self.project.invalidate_recordset(["training_hours_delivered"])
        self.assertEqual(self.project.training_hours_delivered, 6.0 + 3.0 * 2)
        indicator.invalidate_recordset(["actual_value"])
        self.assertEqual(indicator.actual_value, 12.0)

    def test_a_later_session_lowers_attendance_until_its_register_is_approved(self):
        first = self._session(self.course, datetime(2026, 3, 10, 14))
        first.action_fill_register()
        first.workflow_fire("submit")
        first.workflow_fire("approve")
        enrol_a = self.course.enrolment_ids.sorted("id")[0]
        self.assertEqual((enrol_a.attendance_percent, enrol_a.completed), (100.0, True))
        later = self._session(self.course, datetime(2026, 3, 17, 14))
        later.action_fill_register()
        # out of every session of the course, attended only in approved registers
        self.assertEqual((enrol_a.hours_attended, enrol_a.attendance_percent, enrol_a.completed), (2.0, 50.0, False))
        later.workflow_fire("submit")
        later.workflow_fire("approve")
        self.assertEqual((enrol_a.hours_attended, enrol_a.attendance_percent, enrol_a.completed), (4.0, 100.0, True))

    def test_attendance_on_another_course_refused(self):
        session = self._session(self.course, datetime(2026, 3, 10, 14))
        other = self._course("Corso bis", venue_id=False)
        with self.assertRefused(ValidationError, "is not enrolled in Corso mediazione"):
            self.env["fami.attendance"].create({"session_id": session.id,
                                                "enrolment_id": other.enrolment_ids[0].id})

    def test_register_pdf_has_one_row_per_participant(self):
        session = self._session(self.course, datetime(2026, 3, 10, 14), trainer_id=self.trainer.id)
        report = self.env.ref("fami_activities.action_report_attendance_register")
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(report, session.ids)
        html = html.decode()
        self.assertEqual(html.count("o_fami_register_row"), 2)
        self.assertIn("Operatrice A", html)
        self.assertIn("Operatore B", html)
        self.assertIn("Fondo Asilo, Migrazione e Integrazione (FAMI 2021-2027)", html)
        self.assertIn("Corso mediazione", html)
        pdf, kind = self.env["ir.actions.report"]._render_qweb_pdf(report, session.ids)
        self.assertTrue(pdf)

    def test_approved_register_is_locked(self):
        session = self._session(self.course, datetime(2026, 3, 10, 14), trainer_id=self.trainer.id)
        session.action_fill_register()
        session.with_user(self.trainer).workflow_fire("submit")
        with self.assertRaises(AccessError):
            session.with_user(self.trainer).workflow_fire("approve")
        session.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(session.workflow_state_code, "approved")
        with self.assertRefused(UserError, r"is locked: Corso mediazione — 10/03/2026 \d\d:\d\d is Approved"):
            session.attendance_ids[0].write({"status": "absent"})
        with self.assertRefused(UserError, r"cannot be deleted: Corso mediazione — 10/03/2026 \d\d:\d\d is "
                                           "Approved"):
            session.attendance_ids[0].unlink()
        self.assertEqual(set(session.attendance_ids.mapped("status")), {"present"})

    def test_an_approved_register_locks_its_participants_and_what_they_hang_on(self):
        """Re-pointed, the participant of an approved register would credit someone else its hours; deleted with
        it (or with their course), the register would lose its lines and the counts their hours."""
        session = self._session(self.course, datetime(2026, 3, 10, 14), trainer_id=self.trainer.id)
        session.action_fill_register()
        session.with_user(self.trainer).workflow_fire("submit")
        session.with_user(self.manager).workflow_fire("approve")
        enrolment = session.attendance_ids[0].enrolment_id.with_user(self.manager)
        person = enrolment.partner_id
        other = self.env["res.partner"].create({"name": "Operatrice C", "parent_id": self.org.id})
        other_course = self._course("Corso bis", venue_id=False, enrolment_ids=[])
        for values in ({"partner_id": other.id}, {"course_id": other_course.id}):
            with self.assertRefused(UserError, rf"{person.name} is locked: Corso mediazione — 10/03/2026 \d\d:\d\d is "
                                               "Approved"):
                enrolment.write(values)
        with self.assertRefused(UserError, f"{person.name} cannot be deleted: Corso mediazione — 10/03/2026"):
            enrolment.unlink()
        with self.assertRefused(UserError, r"cannot be added to Corso mediazione — 10/03/2026 \d\d:\d\d"):
            self.env["fami.attendance"].create({"session_id": session.id, "enrolment_id": self.env[
                "fami.course.enrolment"].create({"course_id": self.course.id, "partner_id": other.id}).id})
        with self.assertRefused(UserError, "Corso mediazione cannot be deleted: its deletion would also delete "):
            self.course.with_user(self.manager).unlink()
        self.assertEqual((enrolment.partner_id, enrolment.course_id, session.present_count), (person, self.course, 2))
        # a participant with no line in an approved register stays free
        late = self.env["fami.course.enrolment"].create({"course_id": self.course.id, "partner_id": other.id})
        late.with_user(self.manager).unlink()

    def test_enrolment_needs_privacy_notice_and_right_kind(self):
        country = self.env.ref("base.ma")
        person = self.env["fami.beneficiary"].create({
            "first_name": "Amina", "last_name": "Benali", "gender": "female", "birth_date": "1990-03-04",
            "country_id": country.id, "project_id": self.project.id, "organisation_id": self.org.id})
        italian = self._course("Italiano A1", kind="italian", enrolment_ids=[])
        with self.assertRefused(UserError, "no privacy notice"):
            self.env["fami.course.enrolment"].create({"course_id": italian.id, "beneficiary_id": person.id})
        person.privacy_notice_date = "2026-01-10"
        self.env["fami.course.enrolment"].create({"course_id": italian.id, "beneficiary_id": person.id})
        with self.assertRefused(ValidationError, "course for beneficiaries"):
            self.env["fami.course.enrolment"].create({"course_id": italian.id, "partner_id": self.operator_a.id})
        with self.assertRefused(ValidationError, "course for operators"):
            self.env["fami.course.enrolment"].create({"course_id": self.course.id, "beneficiary_id": person.id})

    def test_trainer_sees_beneficiaries_of_own_courses_only(self):
        country = self.env.ref("base.ma")
        people = self.env["fami.beneficiary"].create([{
            "first_name": name, "last_name": "Test", "gender": "female", "birth_date": "1990-03-04",
            "country_id": country.id, "project_id": self.project.id, "organisation_id": self.org.id,
            "privacy_notice_date": "2026-01-10"} for name in ("Amina", "Fatou")])
        self._course("Italiano A1", kind="italian", enrolment_ids=[(0, 0, {"beneficiary_id": people[0].id})])
        self._course("Italiano A2", kind="italian", trainer_ids=[(6, 0, self.trainer_2.ids)],
                     enrolment_ids=[(0, 0, {"beneficiary_id": people[1].id})])
        visible = self.env["fami.beneficiary"].with_user(self.trainer).search([("id", "in", people.ids)])
        self.assertEqual(visible, people[0])
        courses = self.env["fami.course"].with_user(self.trainer_2).search([("project_id", "=", self.project.id)])
        self.assertEqual(courses.mapped("name"), ["Italiano A2"])
