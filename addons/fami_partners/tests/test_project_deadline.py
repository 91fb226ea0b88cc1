from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestProjectDeadline(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("fami_partners.umbria2_template")
        cls.manager = cls.env["res.users"].create({
            "name": "Deadline Manager", "login": "fami_deadline_manager",
            "groups_id": [(6, 0, [cls.env.ref("fami_partners.group_fami_manager").id])]})
        wizard = cls.env["fami.project.template.wizard"].create({
            "name": "Deadline test", "date_start": date(2026, 1, 1), "date_end": date(2028, 12, 31)})
        cls.project = wizard.create_project()
        cls.project.user_id = cls.manager

    def _deadlines(self, deadline_type):
        return self.project.deadline_ids.filtered(lambda d: d.deadline_type == deadline_type).sorted("date")

    def test_template_deadlines_are_dated_from_the_project(self):
        self.assertEqual(self._deadlines("advance_request").date, date(2026, 2, 1))
        self.assertEqual(self._deadlines("advance_request").date_window_end, date(2026, 3, 3))
        self.assertEqual(self._deadlines("end_activities").date, date(2028, 12, 31))
        self.assertEqual(self._deadlines("end_eligibility").date, date(2029, 2, 28))
        self.assertEqual(self._deadlines("final_claim").date, date(2029, 3, 31))
        self.assertEqual(self._deadlines("guarantee").date, date(2029, 12, 31))
        monitoring = self._deadlines("monitoring")
        self.assertEqual(len(monitoring), 12)
        self.assertEqual(monitoring[0].date, date(2026, 4, 16))
        self.assertEqual(monitoring[-1].date, date(2029, 1, 16))
        self.assertEqual(self._deadlines("interim_claim").mapped("date"), [date(2027, 1, 1), date(2028, 1, 1)])
        self.assertTrue(all(d.template_deadline_id.project_id == self.template for d in self.project.deadline_ids))
        self.assertEqual(self.project.deadline_ids.user_id, self.env.user)
        self.assertEqual(set(self.project.deadline_ids.mapped("state")), {"todo"})

    def test_deadlines_wait_for_the_project_dates(self):
        project = self.env["fami.project.template.wizard"].create({"name": "No dates yet"}).create_project()
        self.assertFalse(project.deadline_ids)
        with self.assertRaises(UserError):
            project.action_plan_deadlines()
        project.write({"date_start": date(2026, 3, 1), "date_end": date(2027, 2, 28)})
        count = len(project.deadline_ids)
        self.assertTrue(count)
        self.assertEqual(project.deadline_ids.filtered(lambda d: d.deadline_type == "end_activities").date,
                         date(2027, 2, 28))
        with self.assertRaises(UserError):
            project.action_plan_deadlines()  # planned once

    def test_deadlines_follow_an_extension_of_the_project(self):
        """2026-01-01 - 2028-12-31 extended to 2029-06-30: open deadlines on their planned dates move, new quarters
        get their monitoring report; done deadlines and dates changed by hand stay."""
        final = self._deadlines("final_claim")
        end = self._deadlines("end_activities")
        eligibility = self._deadlines("end_eligibility")
        advance = self._deadlines("advance_request")
        advance.action_done()
        eligibility.date = date(2029, 3, 15)  # moved by hand
        with freeze_time("2029-03-01"):  # the 30-day reminder of the final claim is scheduled
            self.env["fami.project.deadline"]._cron_schedule_reminders()
        self.assertEqual(len(self._reminders(final)), 1)
        self.project.date_end = date(2029, 6, 30)
        self.assertEqual(end.date, date(2029, 6, 30))
        self.assertEqual((final.date, final.reminder_30_done), (date(2029, 9, 30), False))
        self.assertFalse(self._reminders(final), "the reminder of the old date is withdrawn")
        self.assertEqual(self._deadlines("guarantee").date, date(2030, 6, 30))
        self.assertEqual(eligibility.date, date(2029, 3, 15))
        self.assertEqual((advance.date, advance.state), (date(2026, 2, 1), "done"))
        monitoring = self._deadlines("monitoring")
        self.assertEqual(len(monitoring), 14)
        self.assertEqual(monitoring[-2:].mapped("date"), [date(2029, 4, 16), date(2029, 7, 16)])
        self.assertEqual(monitoring[0].name, "Quarterly monitoring report (1 of 14)")
        self.assertEqual(monitoring[-1].name, "Quarterly monitoring report (14 of 14)")
        with freeze_time("2029-08-31"):  # 30 days before the new final claim date
            self.env["fami.project.deadline"]._cron_schedule_reminders()
        self.assertEqual(self._reminders(final).date_deadline, date(2029, 9, 30))

    def test_shortened_project_cancels_the_deadlines_it_no_longer_has(self):
        self.project.write({"date_start": date(2026, 3, 1), "date_end": date(2028, 8, 31)})
        monitoring = self._deadlines("monitoring")
        self.assertEqual(len(monitoring), 12)
        self.assertEqual(monitoring.filtered(lambda d: d.state == "todo").mapped("date")[-1], date(2028, 9, 16))
        self.assertEqual(len(monitoring.filtered(lambda d: d.state == "cancelled")), 2)
        self.assertEqual(self._deadlines("advance_request").date, date(2026, 4, 1))
        self.assertEqual(self._deadlines("advance_request").date_window_end, date(2026, 5, 1))
        self.assertEqual(self._deadlines("end_activities").date, date(2028, 8, 31))

    def _reminders(self, deadline):
        return deadline.activity_ids.filtered(lambda act: act.activity_type_id == self.env.ref(
            "mail.mail_activity_data_todo"))

    def test_reminders_at_30_and_7_days_created_once(self):
        deadline = self._deadlines("final_claim")
        deadline.user_id = self.manager
        cron = self.env["fami.project.deadline"]._cron_schedule_reminders
        with freeze_time("2029-02-25"):  # 34 days before
            cron()
        self.assertFalse(self._reminders(deadline))
        with freeze_time("2029-03-01"):  # 30 days before
            cron()
            cron()
        self.assertEqual(len(self._reminders(deadline)), 1)
        self.assertEqual(self._reminders(deadline).user_id, self.manager)
        self.assertEqual(self._reminders(deadline).date_deadline, date(2029, 3, 31))
        self.assertIn("30", self._reminders(deadline).summary)
        with freeze_time("2029-03-20"):
            cron()
        self.assertEqual(len(self._reminders(deadline)), 1)
        with freeze_time("2029-03-24"):  # 7 days before
            cron()
            cron()
        self.assertEqual(len(self._reminders(deadline)), 2)
        self.assertIn("7", self._reminders(deadline)[-1:].summary + self._reminders(deadline)[:1].summary)
        with freeze_time("2029-03-30"):
            cron()
        self.assertEqual(len(self._reminders(deadline)), 2)

    def test_a_deadline_moved_by_hand_is_reminded_for_its_new_date(self):
        deadline = self._deadlines("final_claim")
        cron = self.env["fami.project.deadline"]._cron_schedule_reminders
        with freeze_time("2029-03-24"):  # 7 days before: the 7-day reminder, the 30-day one skipped
            cron()
        self.assertEqual(len(self._reminders(deadline)), 1)
        deadline.note = "Checked with the Ministry."  # other changes keep the reminders
        self.assertEqual(len(self._reminders(deadline)), 1)
        deadline.date = date(2029, 5, 31)  # the Ministry postponed the claim
        self.assertFalse(self._reminders(deadline))
        self.assertFalse(deadline.reminder_30_done or deadline.reminder_7_done)
        with freeze_time("2029-05-01"):
            cron()
            cron()
        self.assertEqual(len(self._reminders(deadline)), 1)
        self.assertEqual(self._reminders(deadline).date_deadline, date(2029, 5, 31))
        self.assertTrue(deadline.reminder_30_done)

    def test_late_deadline_gets_only_the_7_day_reminder_and_done_ones_none(self):
        end = self._deadlines("end_activities")
        final = self._deadlines("final_claim")
        final.action_done()
        with freeze_time("2028-12-27"):
            self.env["fami.project.deadline"]._cron_schedule_reminders()
        self.assertEqual(len(self._reminders(end)), 1)
        self.assertEqual(self._reminders(end).summary, "Deadline in 4 days: End of activities")
        self.assertFalse(self._reminders(final))
        self.assertFalse(self.template.deadline_ids.activity_ids)

    def test_closed_project_gets_no_reminders(self):
        self.project.write({"cup": "J91B21000010006"})
        self.project.workflow_fire("activate")
        self.project.workflow_fire("close", comment="Closed early.")
        with freeze_time("2028-12-27"):
            self.env["fami.project.deadline"]._cron_schedule_reminders()
        self.assertFalse(self.project.deadline_ids.activity_ids)

    def test_next_60_days_filter(self):
        action = self.env.ref("fami_partners.fami_project_deadline_action_next")
        self.assertIn("search_default_next_60_days", action.context)
        with freeze_time("2026-01-10"):
            deadlines = self.env["fami.project.deadline"].search([
                ("project_id", "=", self.project.id), ("date", ">=", "2026-01-10"), ("date", "<=", "2026-03-11")])
        self.assertEqual(deadlines.mapped("deadline_type"), ["advance_request"])


@tagged("post_install", "-at_install")
class TestDeadlineNamesInItalian(TransactionCase):
    """The Scadenzario of an Italian user reads the deadlines in Italian, whoever planned them in which language."""

    def test_planned_deadlines_are_named_in_italian(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.env["ir.module.module"]._load_module_terms(["fami_partners"], ["it_IT"], overwrite=True)
        manager = self.env.ref("fami_partners.demo_user_responsabile")
        # planned by a manager working in English
        wizard = self.env["fami.project.template.wizard"].with_context(lang="en_US").create({
            "name": "Scadenzario in italiano", "date_start": date(2026, 1, 1), "date_end": date(2028, 12, 31)})
        project = wizard.create_project()
        deadlines = project.deadline_ids.with_user(manager).with_context(lang="it_IT")
        names = {deadline.deadline_type: deadline.name for deadline in deadlines.sorted("date")}
        self.assertEqual(names["advance_request"], "Domanda di anticipo")
        monitoring = deadlines.filtered(lambda deadline: deadline.deadline_type == "monitoring").sorted("date")
        self.assertTrue(monitoring[0].name.endswith("(1 di 12)"), monitoring[0].name)
        self.assertNotIn("Quarterly", monitoring[0].name)
        # the English reader keeps the English names
        self.assertEqual(project.deadline_ids.with_context(lang="en_US").filtered(
            lambda deadline: deadline.deadline_type == "advance_request").name, "Advance payment request")
