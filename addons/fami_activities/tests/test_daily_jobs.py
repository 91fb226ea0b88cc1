"""The trainer's and the mediator's daily jobs as the demo users (formatore, mediatore) do them (issue 20): a lesson
named and filled from its course, a register that cannot be sent without a trainer nor hold impossible lateness,
a printed register participants can sign (their names, nothing else of them), mediation hours computed from their
times, and each role's own menus."""
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from .test_organisation_rules import DemoUsersMixin

REGISTER = "fami_activities.report_attendance_register"


@tagged("post_install", "-at_install")
class TestTrainerLessons(DemoUsersMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_demo_users()
        cls.env["res.lang"]._activate_lang("it_IT")
        cls.venue = cls.env["fami.venue"].create({"name": "Aula Frontiera", "seats": 30})
        cls.course = cls.trainers_course()
        cls.course.venue_id = cls.venue
        cls.cidis_person.write({"first_name": "Amina", "last_name": "Diallo"})
        cls.enrolment = cls.env["fami.course.enrolment"].create({
            "course_id": cls.course.id, "beneficiary_id": cls.cidis_person.id})
        cls.start = datetime(2026, 3, 2, 8, 0)

    def _lesson(self, course=None, **values):
        return self.env["fami.course.session"].create(dict({
            "course_id": (course or self.course).id, "start": self.start, "stop": self.start + timedelta(hours=2)},
            **values))

    def test_a_new_lesson_is_not_titled_false(self):
        lesson = self.env["fami.course.session"].with_user(self.trainer).new({})
        self.assertNotIn("False", lesson.display_name)
        self.assertEqual(self._lesson().display_name, "Italiano A1 (Frontiera Lavoro) — 02/03/2026 09:00")

    def test_a_new_lesson_takes_the_trainer_and_the_venue_of_the_course(self):
        with Form(self.env["fami.course.session"].with_user(self.trainer)) as lesson:
            self.assertEqual(lesson.trainer_id, self.trainer, "a trainer recording a lesson holds it")
            lesson.course_id = self.course
            self.assertEqual(lesson.trainer_id, self.trainer)
            self.assertEqual(lesson.venue_id, self.venue)
            lesson.start = self.start
            lesson.stop = self.start + timedelta(hours=2)
        self.assertEqual(self.course.session_ids.trainer_id, self.trainer)

    def test_the_course_of_a_lesson_cannot_be_created_from_its_lookup(self):
        arch = self.env["fami.course.session"].with_user(self.trainer).get_view(view_type="form")["arch"]
        self.assertRegex(arch, r'name="course_id"[^>]*no_create')

    def test_a_lesson_without_trainer_cannot_be_sent(self):
        lesson = self._lesson(trainer_id=False)
        with self.assertRaisesRegex(UserError, "has no Trainer"):
            lesson.with_user(self.trainer).workflow_fire("submit")
        lesson.trainer_id = self.trainer
        lesson.with_user(self.trainer).workflow_fire("submit")
        self.assertEqual(lesson.workflow_state_code, "submitted")

    def test_lateness_beyond_the_lesson_is_refused(self):
        lesson = self._lesson(trainer_id=self.trainer.id)
        lesson.with_user(self.trainer).action_fill_register()
        line = lesson.attendance_ids.with_user(self.trainer)
        with self.assertRaisesRegex(ValidationError, "500 minutes late at a lesson of 120 minutes"):
            line.late_minutes = 500
        line.late_minutes = 30
        self.assertEqual(line.hours, 1.5)

    def test_the_tablet_register_shows_the_chosen_mark_and_sends_the_register(self):
        lesson = self._lesson(trainer_id=self.trainer.id)
        action = lesson.with_user(self.trainer).action_open_register()
        arch = self.env["fami.attendance"].with_user(self.trainer).get_view(
            action["views"][0][0], view_type="kanban")["arch"]
        self.assertIn("o_fami_chosen", arch, "the chosen mark is a filled button")
        self.assertIn('name="action_send_register"', arch)
        lines = self.env["fami.attendance"].with_user(self.trainer).with_context(**action["context"]).search(
            action["domain"])
        lines.action_mark_absent()
        result = lines.with_context(**action["context"]).action_send_register()
        self.assertEqual(lesson.workflow_state_code, "submitted")
        self.assertEqual((result["res_model"], result["res_id"]), ("fami.course.session", lesson.id))
        # with no line shown, the screen's lesson is sent all the same
        other = self._lesson(trainer_id=self.trainer.id, start=self.start + timedelta(days=1),
                             stop=self.start + timedelta(days=1, hours=2))
        self.env["fami.attendance"].with_user(self.trainer).with_context(
            default_session_id=other.id).action_send_register()
        self.assertEqual(other.workflow_state_code, "submitted")

    # ------------------------------------------------------------ the printed register

    def _register_html(self, lesson, user):
        report = self.env["ir.actions.report"].with_user(user).with_context(lang="it_IT")
        return report._render_qweb_html(REGISTER, lesson.ids)[0].decode()

    def test_the_trainer_prints_the_names_of_their_own_participants_only(self):
        self.cidis_person.write({"codice_fiscale": "RSSMRA85T10A562S", "municipality": "Orvieto"})
        lesson = self._lesson(trainer_id=self.trainer.id)
        lesson.action_fill_register()
        lesson.attendance_ids.late_minutes = 30
        html = self._register_html(lesson, self.trainer)
        self.assertIn("Diallo Amina", html)
        self.assertNotIn("RSSMRA85T10A562S", html, "no codice fiscale on the register")
        self.assertNotIn("Orvieto", html, "no address on the register")
        self.assertIn("1,50", html, "hours in the Italian format")
        self.assertNotIn("1.50", html)
        self.assertIn("02/03/2026", html, "dates dd/mm/yyyy")
        self.assertIn("Cofinanziato dall'Unione europea", html.replace("&#39;", "'"))
        self.assertIn("FAMI 2021-2027", html)
        self.assertIn("Autorità di Gestione", html)
        if self.project.cup:
            self.assertIn(f"CUP {self.project.cup}", html)
        self.assertTrue(self.env["fami.beneficiary.access.log"].search([
            ("beneficiary_id", "=", self.cidis_person.id), ("user_id", "=", self.trainer.id),
            ("operation", "=", "export")]), "printing names is logged like an export of personal data")
        # the names come with the register only: the trainer still cannot read them on the person
        with self.assertRaises(AccessError):
            self.cidis_person.with_user(self.trainer).read(["first_name"])
        # nor print the register of a course they do not teach
        other_course = self.env["fami.course"].create({
            "name": "Corso CIDIS", "kind": "italian", "project_id": self.project.id,
            "organisation_id": self.cidis.id})
        self.env["fami.course.enrolment"].create({"course_id": other_course.id, "beneficiary_id": self.csc_person.id})
        other = self._lesson(other_course, start=self.start + timedelta(days=2),
                             stop=self.start + timedelta(days=2, hours=2))
        with self.assertRaises(AccessError):
            self._register_html(other, self.trainer)

    def test_the_register_prints_no_empty_trainer_or_venue(self):
        lesson = self._lesson(trainer_id=False, venue_id=False)
        html = self._register_html(lesson, self.manager)
        self.assertNotIn("o_fami_register_trainer", html)
        self.assertNotIn("o_fami_register_venue", html)


@tagged("post_install", "-at_install")
class TestMediatorHours(DemoUsersMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_demo_users()
        cls.env["res.lang"]._activate_lang("it_IT")
        cls.employee = cls.env.ref("fami_activities.demo_mediator_3")
        cls.lines = cls.env["account.analytic.line"].with_user(cls.mediator).with_context(
            default_fami_is_mediation=True)

    def _hours(self, **values):
        return self.lines.create(dict({
            "fami_project_id": self.project.id, "fami_is_mediation": True, "employee_id": self.employee.id,
            "fami_service_kind": "school", "date": date(2026, 5, 4), "fami_time_start": 12.0, "fami_time_end": 13.0,
            "name": "Colloquio scuola"}, **values))

    def test_the_hours_are_the_time_between_the_times(self):
        line = self._hours(unit_amount=5.0)
        self.assertEqual(line.unit_amount, 1.0, "12:00-13:00 is one hour, whatever was typed")
        line.unit_amount = 5.0
        self.assertEqual(line.unit_amount, 1.0)
        line.fami_time_end = 14.5
        self.assertEqual(line.unit_amount, 2.5)
        arch = self.lines.get_view(self.env.ref("fami_activities.mediation_view_form").id)["arch"]
        self.assertRegex(arch, r'name="unit_amount"[^>]*readonly="fami_time_end &gt; fami_time_start"')

    def test_the_creation_line_of_hours_made_before_the_translations_says_the_italian_name(self):
        """Demo hours are logged "Analytic Line creato" while the suite installs, before Odoo's Italian of the
        model is loaded; once it is, the line names the model in Italian like the suite's own records."""
        line = self.lines.with_context(lang="it_IT").create({
            "fami_project_id": self.project.id, "fami_is_mediation": True, "employee_id": self.employee.id,
            "fami_service_kind": "school", "date": date(2026, 5, 4), "fami_time_start": 9.0, "fami_time_end": 10.0,
            "name": "Colloquio prima delle traduzioni"})
        creation = line.message_ids[-1:]
        self.assertIn("Analytic Line creato", creation.body)
        self.env["ir.model"]._get("account.analytic.line").with_context(lang="it_IT").name = "Riga analitica"
        self.env["ir.module.module"]._load_module_terms(["fami_activities"], ["it_IT"])
        self.assertIn("Riga analitica creato", creation.body)

    def test_an_end_before_the_start_is_refused_clearly(self):
        with self.assertRaisesRegex(ValidationError, "end time must be after the start time: From 13:00, To 12:00"):
            self._hours(fami_time_start=13.0, fami_time_end=12.0, unit_amount=0.0)

    def test_the_fami_project_fills_the_timesheet_project(self):
        line = self._hours(project_id=False)
        self.assertEqual(line.project_id, self.project._get_timesheet_project())
        with Form(self.lines, view="fami_activities.mediation_view_form") as form:
            form.fami_project_id = self.project
            form.name = "Accompagnamento in Questura"
            self.assertEqual(form.project_id, self.project._get_timesheet_project())
            form.date = date(2026, 5, 5)
            form.fami_time_start = 9.0
            form.fami_time_end = 10.0
            self.assertEqual(form.unit_amount, 1.0)
        other = self.env["project.project"].create({"name": "Costruzione casa", "allow_timesheets": True})
        line.project_id = other
        self.assertEqual(line.project_id, self.project._get_timesheet_project(), "not moved to Odoo's other projects")
        arch = self.lines.get_view(self.env.ref("fami_activities.mediation_view_form").id)["arch"]
        self.assertRegex(arch, r'name="fami_project_id"[^>]*no_create')
        self.assertRegex(arch, r'name="project_id"[^>]*readonly="(1|True)"',
                         "the timesheet project comes from the FAMI project: Odoo's other projects are not offered")

    def test_the_hours_have_a_meaningful_name(self):
        first = self._hours()
        second = self._hours(fami_time_start=15.0, fami_time_end=16.0, fami_service_kind="usl", name="Visita ASL")
        self.assertNotEqual(first.display_name, second.display_name)
        self.assertIn("04/05/2026", first.with_context(lang="it_IT").display_name, "the day in the user's format")
        self.assertIn("Colloquio scuola", first.display_name)
        self.assertNotIn(self.project.name, first.display_name)

    def test_sent_hours_give_the_approver_an_activity_and_have_a_chatter(self):
        line = self._hours()
        line.workflow_fire("submit")
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "account.analytic.line"), ("res_id", "=", line.id)])
        self.assertTrue(activities, "the approver is asked to approve the hours")
        self.assertNotIn(self.mediator, activities.user_id)
        self.assertTrue(line.message_ids, "the hours keep their history in the chatter")
        action = self.env.ref("fami_activities.mediation_action_mine")
        self.assertTrue({"kanban", "pivot", "graph"} <= set(action.view_mode.split(",")))
        # approving closes the approver's activity
        line.with_user(self.manager).workflow_fire("approve")
        self.assertFalse(activities.exists())

    def test_odoos_other_analytic_lines_get_no_chatter_message(self):
        plan = self.env["account.analytic.plan"].create({"name": "Piano test"})
        account = self.env["account.analytic.account"].create({"name": "Conto test", "plan_id": plan.id})
        line = self.env["account.analytic.line"].create({"name": "Riga contabile", "account_id": account.id,
                                                         "amount": 10.0})
        self.assertFalse(line.message_ids)


@tagged("post_install", "-at_install")
class TestRoleMenus(DemoUsersMixin, TransactionCase):
    """Trainers and mediators see only their own job among the activities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_demo_users()

    def _activity_menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        parent = self.env.ref("fami_partners.menu_fami_activities").id
        return {self.env["ir.ui.menu"].browse(menu_id).get_external_id()[menu_id]
                for menu_id in menus[parent]["children"]}

    def test_the_trainer_sees_courses_and_lessons(self):
        menus = self._activity_menus(self.trainer)
        self.assertTrue({"fami_activities.menu_fami_course", "fami_activities.menu_fami_session",
                         "fami_activities.menu_fami_session_today"} <= menus)
        self.assertFalse({"fami_activities.menu_fami_mediation", "fami_activities.menu_fami_mediation_mine",
                          "fami_activities.menu_fami_research", "fami_activities.menu_fami_service",
                          "fami_activities.menu_fami_service_access"} & menus)

    def test_the_mediator_sees_their_hours(self):
        menus = self._activity_menus(self.mediator)
        self.assertIn("fami_activities.menu_fami_mediation_mine", menus)
        self.assertFalse({"fami_activities.menu_fami_mediation", "fami_activities.menu_fami_course",
                          "fami_activities.menu_fami_session", "fami_activities.menu_fami_session_today",
                          "fami_activities.menu_fami_research", "fami_activities.menu_fami_service"} & menus)

    def test_staff_and_auditors_see_every_activity(self):
        for user in (self.staff, self.auditor, self.manager):
            menus = self._activity_menus(user)
            self.assertTrue({"fami_activities.menu_fami_course", "fami_activities.menu_fami_session",
                             "fami_activities.menu_fami_mediation", "fami_activities.menu_fami_research",
                             "fami_activities.menu_fami_service"} <= menus, user.login)
