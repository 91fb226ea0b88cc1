from datetime import datetime, time, timedelta

from odoo.tests import tagged

from .common import MonitoringCase


@tagged("post_install", "-at_install")
class TestPhysicalSection(MonitoringCase):
    """Done when: the physical section equals the live indicators at the period's end."""

    def test_a_period_ending_after_every_record_shows_the_live_indicators(self):
        self.q2.with_user(self.lead_clerk).action_compute()
        self.assertEqual(len(self.q2.indicator_line_ids), len(self.project.indicator_ids))
        for line in self.q2.indicator_line_ids:
            with self.subTest(indicator=line.code):
                self.assertAlmostEqual(line.value_cumulative, line.indicator_id.actual_value, places=2)
                self.assertEqual(line.target, line.indicator_id.target)

    def test_the_value_at_the_end_of_a_past_period_counts_what_was_there_then(self):
        end = self.q1.date_to
        env, project = self.env, self.project
        by_code = {line.code: line for line in self.q1.indicator_line_ids}
        courses = env["fami.course"].search_count([
            ("project_id", "=", project.id), ("workflow_state_code", "=", "approved"), ("kind", "=", "operators"),
            ("date_start", "<=", end)])
        events = env["fami.event"].search([("project_id", "=", project.id), ("workflow_state_code", "=", "approved")])
        people = sum(event.participants_total for event in events if event.date_start.date() <= end)
        in_period = sum(event.participants_total for event in events
                        if self.q1.date_from <= event.date_start.date() <= end)
        hours = sum(env["account.analytic.line"].search([
            ("fami_project_id", "=", project.id), ("fami_is_mediation", "=", True),
            ("workflow_state_code", "=", "approved"), ("date", "<=", end)]).mapped("unit_amount"))
        self.assertEqual(by_code["OS1_COURSES"].value_cumulative, courses)
        self.assertEqual(by_code["OS3_PEOPLE_REACHED"].value_cumulative, people)
        self.assertEqual(by_code["OS3_PEOPLE_REACHED"].value_period, in_period)
        self.assertGreater(in_period, 0, "the information campaign of the first quarter")
        self.assertEqual(by_code["OS1_MEDIATION_HOURS"].value_cumulative, hours)
        # live indicators asked for the same day give the same figures
        for line in self.q1.indicator_line_ids.filtered("dated"):
            with self.subTest(indicator=line.code):
                self.assertEqual(line.indicator_id._value_between(None, end), line.value_cumulative)

    def test_a_record_after_the_period_moves_the_live_value_not_the_period_end(self):
        self.q2.with_user(self.lead_clerk).action_compute()
        event = self.env["fami.event"].create({
            "name": "Festa di primavera", "project_id": self.project.id, "kind": "social",
            "date_start": self.q2.date_to + timedelta(days=10), "date_stop": self.q2.date_to + timedelta(days=10),
            "participants_italian": 5, "participants_cpt": 7})
        event.workflow_fire("submit")
        event.workflow_fire("approve")
        indicator = self.project.indicator_ids.filtered(lambda ind: ind.code == "OS3_PEOPLE_REACHED")
        line = self.q2.indicator_line_ids.filtered(lambda ln: ln.indicator_id == indicator)
        indicator.invalidate_recordset()
        self.assertEqual(indicator.actual_value, line.value_cumulative + 12)
        self.q2.action_compute()
        line = self.q2.indicator_line_ids.filtered(lambda ln: ln.indicator_id == indicator)
        self.assertEqual(indicator.actual_value, line.value_cumulative + 12, "the event falls after the period")

    def test_an_indicator_without_a_date_that_fell_since_the_last_return_shows_the_fall(self):
        """People reached are counted when the return is computed (no date places them): sessions added to a course
        lower the share its participants attended, some no longer complete it, and the value falls below the one the
        previous return sent. The draft still computes, and says the value fell."""
        indicator = self.project.indicator_ids.filtered(lambda ind: ind.code == "OS2_CPT_REACHED")
        sent = self.q1.indicator_line_ids.filtered(lambda ln: ln.indicator_id == indicator)
        self.assertFalse(sent.dated)
        course = self.env.ref("fami_monitoring.demo_course_italian")
        day = self.q2.date_from + timedelta(days=2)
        for hour in (8, 11, 14):
            self.env["fami.course.session"].create({
                "course_id": course.id, "topic": "Recupero", "start": datetime.combine(day, time(hour)),
                "stop": datetime.combine(day, time(hour + 2))})
        indicator.invalidate_recordset()
        self.assertLess(indicator.actual_value, sent.value_cumulative, "the demo's participants no longer complete")
        self.q2.with_user(self.lead_clerk).action_compute()
        line = self.q2.indicator_line_ids.filtered(lambda ln: ln.indicator_id == indicator)
        self.assertEqual(line.value_cumulative, indicator.actual_value)
        self.assertEqual(line.value_period, line.value_cumulative - sent.value_cumulative)
        self.assertLess(line.value_period, 0)

    def test_counting_another_model_drops_a_date_that_is_no_date_of_it(self):
        """The Date field belongs to the counted model: an indicator set to count another model keeps it only when it
        is a date of that model too (the fami_partners engine changes definitions without knowing of it)."""
        indicators = {ind.code: ind.with_user(self.manager) for ind in self.project.indicator_ids}
        courses, people = indicators["OS1_COURSES"], indicators["OS3_PEOPLE_REACHED"]
        self.assertEqual((courses.date_field, people.date_field), ("date_start", "date_start"))
        partner_model = self.env["ir.model"]._get("fami.project.partner")
        courses.write({"model_id": partner_model.id, "domain": "[]", "aggregation": "count"})
        self.assertFalse(courses.date_field)
        people.write({"model_id": self.env["ir.model"]._get("fami.course").id, "domain": "[]", "field_id": False,
                      "aggregation": "count"})
        self.assertEqual(people.date_field, "date_start", "a course has a start date too")
