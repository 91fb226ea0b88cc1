import logging
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import VerificationCase

RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


def cents(value):
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@tagged("post_install", "-at_install")
class TestStaffTime(VerificationCase):
    """Letters of assignment, timesheets of every role, 1,720 hours a year across projects, no hour charged twice,
    and monthly staff costs computed by the scheduled action from approved hours x rate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_project = cls.env["fami.project"].create({
            "name": "Progetto PRIMA", "code": "PROG-7272", "date_start": "2025-01-01", "date_end": "2027-12-31"})

    def refused(self, exception, texts, function):
        with self.assertRaises(exception) as caught, mute_logger(*RULE_LOGGERS), self.env.cr.savepoint():
            function()
        for text in [texts] if isinstance(texts, str) else texts:
            self.assertIn(text, str(caught.exception))
        return str(caught.exception)

    def approve(self, lines):
        lines.workflow_fire("submit")
        lines.workflow_fire("approve")
        return lines

    def test_hours_outside_a_letter_are_refused_naming_it(self):
        person = self.employee("Paolo Neri")
        letter = self.letter(person, name="LI-2026/07", date_start="2026-01-01", date_end="2026-06-30", hours=10)
        line = self.hours(person, "2026-02-02", 9, 13)
        self.assertEqual((line.fami_assignment_id, line.fami_action_id), (letter, self.wp1),
                         "the letter covering the day is found, with its work package")
        self.refused(ValidationError, ["LI-2026/07", "outside the period"],
                     lambda: line.write({"date": "2026-07-01"}))
        self.refused(ValidationError, ["Paolo Neri holds letters of assignment", "LI-2026/07"],
                     lambda: self.hours(person, "2026-07-01", 9, 13))
        self.refused(ValidationError, ["LI-2026/07", "outside the letter of assignment"],
                     lambda: line.write({"fami_action_id": self.wp2.id}))
        self.refused(ValidationError, "Enter From and To",
                     lambda: self.hours(person, "2026-02-04", 0, 0, unit_amount=1))
        self.refused(ValidationError, ["LI-2026/07", "more than the 10.0 hours it allows"],
                     lambda: self.hours(person, "2026-02-03", 8, 15))
        self.hours(person, "2026-02-03", 8, 14)  # 4 + 6 = 10 hours: within the letter
        unsigned = self.letter(self.employee("Sara Blu"), name="LI-2026/08", signed_letter=False)
        self.refused(ValidationError, ["LI-2026/08", "no signed letter"],
                     lambda: self.hours(unsigned.employee_id, "2026-02-02", 9, 10))
        # the letter cannot be narrowed under the hours already charged to it
        self.refused(ValidationError, ["LI-2026/07", "outside the period"],
                     lambda: letter.write({"date_end": "2026-02-02"}))
        # a project may ask a letter for every hour
        nobody = self.employee("Senza lettera")
        self.hours(nobody, "2026-02-02", 9, 10)
        self.project.staff_assignment_required = True
        self.refused(ValidationError, ["Senza lettera has none"], lambda: self.hours(nobody, "2026-02-03", 9, 10))

    def test_an_hour_charged_to_two_projects_is_refused_naming_the_other_project(self):
        person = self.employee("Elena Verdi")
        self.letter(person)
        self.hours(person, "2026-03-02", 9, 13, project=self.other_project)
        self.refused(ValidationError, ["already charged to the project Progetto PRIMA", "09:00 – 13:00",
                                       "cannot be charged to two projects"],
                     lambda: self.hours(person, "2026-03-02", 12, 14))
        self.hours(person, "2026-03-02", 13, 15)  # touching, not overlapping
        self.refused(ValidationError, "overlap hours already recorded",
                     lambda: self.hours(person, "2026-03-02", 14.5, 16))

    def test_a_trainer_recording_an_hour_already_charged_to_another_project_is_refused_naming_it(self):
        """As the demo trainer: the hours of the other project count whoever records these."""
        trainer = self.env.ref("fami_partners.demo_user_formatore")
        person = self.employee("Formatore demo", user=trainer)
        self.letter(person, role="trainer")
        self.hours(person, "2026-03-10", 9, 12, project=self.other_project)
        values = {"name": "Lezione di italiano L2", "fami_project_id": self.project.id,
                  "project_id": self.project._get_timesheet_project().id, "employee_id": person.id,
                  "date": "2026-03-10", "fami_time_start": 11, "fami_time_end": 13, "unit_amount": 2}
        Line = self.env["account.analytic.line"].with_user(trainer)
        self.refused(ValidationError, ["11:00 – 13:00 of Formatore demo", "already charged to the project Progetto "
                                       "PRIMA (09:00 – 12:00)", "cannot be charged to two projects"],
                     lambda: Line.create(values))
        line = Line.create(dict(values, fami_time_start=12, unit_amount=1))
        self.assertEqual(line.with_env(self.env).fami_assignment_id.employee_id, person, "touching, not overlapping")

    def _fill_other_project(self, person, days, hours=24.0):
        """`days` days of `hours` approved on the other project (no letter there, hours without times)."""
        timesheet_project = self.other_project._get_timesheet_project()
        return self.approve(self.env["account.analytic.line"].create([{
            "name": "Sportello", "fami_project_id": self.other_project.id, "project_id": timesheet_project.id,
            "employee_id": person.id, "date": date(2026, 1, 1) + timedelta(days=day), "unit_amount": hours}
            for day in range(days)]))

    def test_approved_hours_beyond_1720_a_year_pro_rata_across_two_projects_are_refused(self):
        half_time = self.employee("Anna Gialli (part time)")
        self.letter(half_time, working_time=50, hours=100)
        self._fill_other_project(half_time, 35)  # 840 hours on the other project
        first, second = self.approve(self.hours(half_time, "2026-05-04", 9, 17)), \
            self.approve(self.hours(half_time, "2026-05-05", 9, 17))
        self.assertEqual(first.workflow_state_code, "approved")
        self.assertEqual(second.workflow_state_code, "approved")  # 856 hours: within 860
        third = self.hours(half_time, "2026-05-06", 9, 17)
        third.workflow_fire("submit")
        message = self.refused(UserError, ["864.0 approved hours in 2026",
                                           "1,720 hours x 50.0 % working time = 860.00 hours",
                                           "Progetto PRIMA: 840.0", "Verifica test: 24.0"],
                               lambda: third.with_user(self.manager).workflow_fire("approve"))
        self.assertIn("Anna Gialli", message)
        self.assertEqual(third.workflow_state_code, "submitted")
        # the same hours of a full-time person are within 1,720
        full_time = self.employee("Marco Rosa (full time)")
        self.letter(full_time, working_time=100, hours=100)
        self._fill_other_project(full_time, 35)
        lines = self.hours(full_time, "2026-05-04", 9, 17) | self.hours(full_time, "2026-05-05", 9, 17) | \
            self.hours(full_time, "2026-05-06", 9, 17)
        self.approve(lines)
        self.assertEqual(set(lines.mapped("workflow_state_code")), {"approved"})
        # approving many at once is checked on the total
        many = self.env["account.analytic.line"].create([{
            "name": "Sportello", "fami_project_id": self.other_project.id,
            "project_id": self.other_project._get_timesheet_project().id, "employee_id": full_time.id,
            "date": date(2026, 6, 1) + timedelta(days=day), "unit_amount": 24} for day in range(37)])
        many.workflow_fire("submit")
        self.refused(UserError, "= 1720.00 hours", lambda: many.workflow_fire("approve"))

    def test_who_sends_hours_does_not_approve_them(self):
        """Separation of duties on the shipped staff-hours workflow: the demo manager who sends hours does not
        approve them, a colleague does."""
        manager = self.env.ref("fami_partners.demo_user_responsabile")
        colleague = self.new_user("responsabile_2", "base.group_user,fami_partners.group_fami_manager")
        person = self.employee("Coordinatrice demo")
        self.letter(person)
        line = self.hours(person, "2026-03-10", 9, 13)
        line.with_user(manager).workflow_fire("submit")
        self.refused(UserError, "Four eyes", lambda: line.with_user(manager).workflow_fire("approve"))
        line.with_user(colleague).workflow_fire("approve")
        self.assertEqual(line.workflow_state_code, "approved")

    def test_every_staff_role_records_hours_through_the_same_approval(self):
        trainer = self.env.ref("fami_partners.demo_user_formatore")
        person = self.employee("Formatore demo", user=trainer)
        self.letter(person, role="trainer")
        line = self.env["account.analytic.line"].with_user(trainer).create({
            "name": "Lezione di italiano L2", "fami_project_id": self.project.id,
            "project_id": self.project._get_timesheet_project().id, "employee_id": person.id, "date": "2026-03-09",
            "fami_time_start": 15, "fami_time_end": 17, "unit_amount": 2})
        self.assertEqual((line.workflow_id, line.workflow_state_code, line.fami_role),
                         (self.env.ref("fami_verification.workflow_staff_hours"), "draft", "trainer"))
        line.with_user(trainer).workflow_fire("submit")
        self.refused(AccessError, "", lambda: line.with_user(trainer).workflow_fire("approve"))
        line.with_user(self.manager).workflow_fire("approve")
        self.refused(UserError, "locked", lambda: line.with_user(self.manager).write({"unit_amount": 1}))
        html = self.env["ir.actions.report"].with_user(self.manager)._render_qweb_html(
            "fami_verification.report_person_month", line.ids)[0].decode()
        for words in ("Foglio ore mensile", "03/2026", "Formatore demo", "LI-Formatore demo", "15:00–17:00",
                      "Firma del lavoratore", "Firma del responsabile"):
            self.assertIn(words, html)

    def test_the_scheduled_action_computes_monthly_staff_costs_as_hours_times_rate(self):
        person = self.employee("Giorgio Bruni")
        self.env["fami.staff.rate"].create({"employee_id": person.id, "year": 2026, "annual_cost": 35000,
                                            "budget_line_id": self.line_staff.id})
        self.letter(person, name="LI-WP1")
        self.letter(person, name="LI-WP0", action_id=self.wp2.id, budget_line_id=self.line_staff_wp0.id,
                    role="management")
        hours = {("2026-03-02", 9, 12.5, self.wp1), ("2026-03-03", 14, 16.25, self.wp1),
                 ("2026-03-03", 9, 10.75, self.wp2), ("2026-04-01", 9, 10.5, self.wp1)}
        lines = self.env["account.analytic.line"].concat(*(
            self.hours(person, day, start, end, fami_action_id=wp.id) for day, start, end, wp in hours))
        self.approve(lines)
        draft = self.hours(person, "2026-04-02", 9, 12, fami_action_id=self.wp1.id)  # not approved: not costed
        nobody = self.employee("Senza tariffa")  # on the other project: its month waits for the rate, ours does not
        self.approve(self.hours(nobody, "2026-03-02", 9, 10, project=self.other_project))

        cron = self.env.ref("fami_verification.ir_cron_staff_costs")
        # logging.INFO, not "INFO": Odoo names its level 25 INFO too, which would hide the scheduled action's notes
        with self.assertLogs("odoo.addons.fami_verification.models.fami_staff_cost", logging.INFO) as logs:
            cron.method_direct_trigger()
        self.assertIn("Senza tariffa has approved hours", "\n".join(logs.output))

        rate = cents(Decimal(35000) / Decimal(1720))
        expected = {}
        for day, start, end, wp in hours:
            key = (date.fromisoformat(day).replace(day=1), self.line_staff if wp == self.wp1 else self.line_staff_wp0)
            expected[key] = expected.get(key, Decimal(0)) + Decimal(str(end - start))
        expected = {key: (float(total), float(cents(total * rate))) for key, total in expected.items()}
        costs = self.env["fami.staff.cost"].search([("employee_id", "=", person.id)])
        self.assertEqual({(cost.month, cost.budget_line_id): (cost.hours, cost.amount) for cost in costs}, expected)
        self.assertEqual(expected[(date(2026, 3, 1), self.line_staff)], (5.75, 117.01))
        self.assertNotIn(draft, costs.timesheet_ids)
        # run again: the same costs, no duplicates; a new approved hour changes its month only through the hours
        self.approve(draft)
        cron.method_direct_trigger()
        april = costs.filtered(lambda cost: cost.month == date(2026, 4, 1))
        self.assertEqual(self.env["fami.staff.cost"].search_count([("employee_id", "=", person.id)]), 3)
        self.assertEqual((april.hours, april.amount), (4.5, float(cents(Decimal("4.5") * rate))))
        # nobody types a staff cost
        clerk_cost = april.with_user(self.clerk)
        self.refused(UserError, "not typed", lambda: clerk_cost.write({"hours": 100}))
        self.refused(UserError, "not typed", lambda: self.env["fami.staff.cost"].with_user(self.clerk).create({
            "employee_id": person.id, "month": "2026-05-01", "hours": 1, "hourly_rate": 20,
            "budget_line_id": self.line_staff.id}))
