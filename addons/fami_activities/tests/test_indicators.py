from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .test_courses import RefusalMixin


@tagged("post_install", "-at_install")
class TestIndicators(RefusalMixin, TransactionCase):
    """Approved records move the UMBRIA 2 indicators by exactly their amount; draft or rejected ones do not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env.ref("fami_partners.umbria2_template")
        cls.org = cls.env["res.partner"].create({"name": "Cooperativa Gamma", "is_company": True})
        cls.manager = new_test_user(cls.env, "ind_manager", groups="base.group_user,fami_partners.group_fami_manager")
        # who submits does not approve (separation of duties): a colleague approves
        cls.second_manager = new_test_user(cls.env, "ind_manager_2",
                                           groups="base.group_user,fami_partners.group_fami_manager")
        cls.mediator = new_test_user(cls.env, "ind_mediator",
                                     groups="base.group_user,fami_partners.group_fami_mediator")
        cls.employee = cls.env["hr.employee"].create({"name": "Samira Mediatrice", "user_id": cls.mediator.id})
        cls.timesheet_project = cls.project._get_timesheet_project()

    def _value(self, xmlid):
        indicator = self.env.ref(f"fami_partners.{xmlid}")
        indicator.invalidate_recordset(["actual_value"])
        return indicator.actual_value

    def _line(self, hours, start=None, day=date(2026, 5, 4), **values):
        vals = {"name": "Mediazione ASL", "project_id": self.timesheet_project.id, "employee_id": self.employee.id,
                "fami_project_id": self.project.id, "fami_is_mediation": True, "date": day, "unit_amount": hours,
                "fami_service_kind": "usl"}
        if start is not None:
            vals.update(fami_time_start=start, fami_time_end=start + hours)
        return self.env["account.analytic.line"].with_user(self.mediator).create(dict(vals, **values))

    def test_mediation_hours(self):
        before = self._value("umbria2_indicator_os1_mediation_hours")
        approved = self._line(3.0, start=9.0)
        draft = self._line(2.0, start=13.0)
        rejected = self._line(1.5, start=16.0)
        self.assertEqual(approved.workflow_state_code, "draft")
        for line in approved | rejected:
            line.with_user(self.mediator).workflow_fire("submit")
        approved.with_user(self.manager).workflow_fire("approve")
        rejected.with_user(self.manager).workflow_fire("reject", comment="Ore non documentate")
        self.assertEqual(approved.workflow_state_code, "approved")
        self.assertTrue(draft and rejected.workflow_state_code != "approved")
        self.assertEqual(self._value("umbria2_indicator_os1_mediation_hours") - before, 3.0)
        # an ordinary timesheet line is not governed
        plain = self.env["account.analytic.line"].create({
            "name": "Riunione", "project_id": self.timesheet_project.id, "employee_id": self.employee.id,
            "unit_amount": 1.0})
        self.assertFalse(plain.workflow_id)

    def test_mediation_hours_have_their_own_index(self):
        """The indicator and the monitoring return sum a project's approved hours from this index alone."""
        self.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                            ["account_analytic_line_fami_mediation_index"])
        [[definition]] = self.env.cr.fetchall()
        self.assertIn("(fami_project_id, workflow_state_code, date, unit_amount) WHERE fami_is_mediation", definition)

    def test_mediation_limits(self):
        with self.assertRefused(ValidationError, "more than 12 hours"):
            self._line(13.0)
        self._line(8.0, start=8.0, day=date(2026, 5, 5))
        with self.assertRefused(ValidationError, "more than 12 hours"):
            self._line(5.0, start=17.0, day=date(2026, 5, 5))
        with self.assertRefused(ValidationError, "overlaps another entry"):
            self._line(2.0, start=15.0, day=date(2026, 5, 5))
        self._line(2.0, start=16.0, day=date(2026, 5, 5))

    def test_events_people_reached(self):
        before = self._value("umbria2_indicator_os3_people_reached")
        values = {"project_id": self.project.id, "organisation_id": self.org.id, "kind": "cultural",
                  "date_start": datetime(2026, 6, 20, 16), "date_stop": datetime(2026, 6, 20, 19)}
        approved = self.env["fami.event"].create(dict(values, name="Festa dei popoli", participants_italian=40,
                                                      participants_cpt=25, participants_women=30))
        self.env["fami.event"].create(dict(values, name="Cena condivisa", participants_italian=10,
                                           participants_cpt=10))
        approved.with_user(self.manager).workflow_fire("submit")
        self.assertEqual(self._value("umbria2_indicator_os3_people_reached"), before)
        approved.with_user(self.second_manager).workflow_fire("approve")
        self.assertEqual(self._value("umbria2_indicator_os3_people_reached") - before, 65)
        with self.assertRefused(ValidationError, "cannot be more than the participants"):
            self.env["fami.event"].create(dict(values, name="Torneo", participants_cpt=5, participants_men=6))
        # the CPT participants named on the event are counted among its CPT participants
        people = self.env["fami.beneficiary"].create([{
            "gender": "female", "country_id": self.env.ref("base.ng").id, "project_id": self.project.id,
            "privacy_notice_date": "2026-01-10"} for _i in range(2)])
        with self.assertRefused(ValidationError, "Torneo names 2 CPT participants but counts only 1"):
            self.env["fami.event"].create(dict(values, name="Torneo", participants_cpt=1,
                                               beneficiary_ids=[(6, 0, people.ids)]))
        named = self.env["fami.event"].create(dict(values, name="Torneo", participants_cpt=2,
                                                   beneficiary_ids=[(6, 0, people.ids)]))
        with self.assertRefused(ValidationError, "names 2 CPT participants but counts only 0"):
            named.participants_cpt = 0

    def test_beneficiaries_reached(self):
        before = self._value("umbria2_indicator_os2_cpt_reached")
        people = self.env["fami.beneficiary"].create([{
            "first_name": name, "last_name": "Test", "gender": "male", "birth_date": "1995-01-01",
            "country_id": self.env.ref("base.tn").id, "project_id": self.project.id, "organisation_id": self.org.id,
            "privacy_notice_date": "2026-01-10"} for name in ("Karim", "Omar")])
        service = self.env["fami.service"].create({"name": "Sportello Perugia", "kind": "oss",
                                                   "project_id": self.project.id, "organisation_id": self.org.id})
        accesses = self.env["fami.service.access"].create([
            {"service_id": service.id, "beneficiary_id": person.id, "support_kind": "job_search"}
            for person in people])
        self.assertFalse(any(people.mapped("is_reached")))
        accesses[0].with_user(self.manager).workflow_fire("submit")
        accesses[0].with_user(self.second_manager).workflow_fire("approve")
        self.assertEqual(people.mapped("is_reached"), [True, False])
        self.assertEqual(self._value("umbria2_indicator_os2_cpt_reached") - before, 1)

        # a course completed in approved registers also reaches a person; absent, they are not reached
        absent = self.env["fami.beneficiary"].create({
            "first_name": "Samir", "last_name": "Test", "gender": "male", "birth_date": "1996-01-01",
            "country_id": self.env.ref("base.tn").id, "project_id": self.project.id, "organisation_id": self.org.id,
            "privacy_notice_date": "2026-01-10"})
        course = self.env["fami.course"].create({
            "name": "Italiano A2", "kind": "italian", "project_id": self.project.id,
            "enrolment_ids": [(0, 0, {"beneficiary_id": people[1].id}), (0, 0, {"beneficiary_id": absent.id})]})
        session = self.env["fami.course.session"].create({
            "course_id": course.id, "start": datetime(2026, 2, 2, 9), "stop": datetime(2026, 2, 2, 11)})
        session.action_fill_register()
        session.attendance_ids.filtered(lambda line: line.enrolment_id.beneficiary_id == absent).action_mark_absent()
        self.assertFalse(people[1].is_reached, "a draft register reaches nobody")
        session.workflow_fire("submit")
        self.assertFalse(people[1].is_reached, "a submitted register reaches nobody")
        session.workflow_fire("approve")
        self.assertTrue(people[1].is_reached)
        self.assertFalse(absent.is_reached)
        self.assertEqual(self._value("umbria2_indicator_os2_cpt_reached") - before, 2)
