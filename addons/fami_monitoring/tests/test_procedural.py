from datetime import datetime, time, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MonitoringCase


@tagged("post_install", "-at_install")
class TestProceduralSection(MonitoringCase):
    """What was done per work package, with the deviations and the working group changes the records suggest, and
    the partnership and network members active in the period."""

    def test_what_was_done_per_work_package(self):
        az02 = self.q1.work_package_ids.filtered(lambda line: line.action_id.code == "AZ02")
        sessions = self.env["fami.course.session"].search([
            ("course_id.action_id", "=", az02.action_id.id), ("workflow_state_code", "=", "approved"),
            ("start", ">=", datetime.combine(self.q1.date_from, time.min)),
            ("start", "<", datetime.combine(self.q1.date_to + timedelta(days=1), time.min))])
        self.assertEqual((az02.sessions, az02.hours), (len(sessions), sum(sessions.mapped("duration"))))
        self.assertIn("Italiano L2 - livello A2", az02.activities)
        self.assertEqual(az02.accesses, 4)
        # the trainer who started teaching in the quarter, proposed as a change in the working group
        self.assertIn("Lorenzo Ferri", az02.working_group_proposed)
        self.assertEqual(az02.working_group_changes, az02.working_group_proposed)
        # a deadline of the quarter still open after its date is proposed as a deviation of the management package
        # (the demo meets its own Q1 deadlines: the advance is requested in the window)
        overdue = self.env["fami.project.deadline"].create({
            "project_id": self.project.id, "name": "Relazione di monitoraggio di prova", "deadline_type": "monitoring",
            "date": self.q1.date_from + timedelta(days=10)})
        self.assertIn(overdue.name, "".join(self.q1._proposed_deviations()["deadlines"]))
        overdue.state = "done"
        self.assertNotIn(overdue.name, "".join(self.q1._proposed_deviations()["deadlines"]))
        unassigned = self.q1.work_package_ids.filtered(lambda line: not line.action_id)
        self.assertGreater(unassigned.mediation_hours, 0, "mediation hours hold no work package")
        self.assertEqual(len(self.q1.work_package_ids.filtered("action_id")), len(self.project.action_ids))

    def test_a_session_moved_is_proposed_as_a_deviation_and_the_texts_are_kept(self):
        course = self.env.ref("fami_monitoring.demo_course_civic")
        day = self.q2.date_from + timedelta(days=1)
        session = self.env["fami.course.session"].create({
            "course_id": course.id, "topic": "Recupero", "start": datetime.combine(day, time(8)),
            "stop": datetime.combine(day, time(10))})
        # Odoo writes tracked changes when the transaction commits, and not for a record created in it: the
        # session is created, committed as it were, then moved (mail's own tests do the same)
        self.env.flush_all()
        self.env.cr.precommit.run()
        session.write({"start": datetime.combine(day, time(9)), "stop": datetime.combine(day, time(11))})
        self.env.flush_all()
        self.env.cr.precommit.run()
        session.action_fill_register()
        session.workflow_fire("submit")
        session.workflow_fire("approve")
        report = self.q2.with_user(self.lead_clerk)
        report.action_compute()
        line = report.work_package_ids.filtered(lambda ln: ln.action_id == course.action_id)
        self.assertIn("a session moved", line.deviations_proposed)
        self.assertEqual(line.deviations, line.deviations_proposed)
        line.write({"deviations": "Lezione spostata per la chiusura della sede.", "strengths": "Buona frequenza"})
        report.action_compute()
        self.assertEqual((line.deviations, line.strengths),
                         ("Lezione spostata per la chiusura della sede.", "Buona frequenza"))

    def test_the_network_members_active_in_the_period_with_their_role(self):
        cidis = self.q1.network_line_ids.filtered(
            lambda line: line.organisation_id == self.env.ref("fami_partners.demo_partner_cidis"))
        self.assertEqual(cidis.role, "partner")
        self.assertIn("Sportello di orientamento C.i.d.i.s. Perugia", cidis.activity)
        agreements = self.env["fami.project.partner"].search([
            ("project_id", "=", self.project.id), ("agreement_date", ">=", self.q1.date_from),
            ("agreement_date", "<=", self.q1.date_to)])
        self.assertTrue(agreements)
        self.assertLessEqual(agreements, self.q1.network_line_ids.partner_link_id)
        self.q2.with_user(self.lead_clerk).action_compute()
        line = self.q2.network_line_ids[:1].with_user(self.lead_clerk)
        line.write({"activity": "Ha ospitato il corso di orientamento civico."})
        with self.assertRaises(UserError):
            line.write({"role": "lead"})
        # the role is copied: the sent return keeps it when the partnership changes later
        link = self.q1.network_line_ids[:1].partner_link_id
        link.network_category_id = self.env.ref("fami_partners.network_category_school")
        self.assertNotEqual(self.q1.network_line_ids[:1].network_category_id, link.network_category_id)
