from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import MonitoringCase


@tagged("post_install", "-at_install")
class TestReturnsFollowTheTimeline(MonitoringCase):
    """A return per quarter of the project, created by the deadline timeline: each monitoring deadline points to its
    return, which covers the quarter before it."""

    def new_project(self):
        project = self.env["fami.project"].create({"name": "Progetto trimestrale", "code": "PROG-7777",
                                                   "date_start": "2026-01-01", "date_end": "2027-12-31"})
        project._apply_template(self.env.ref("fami_partners.umbria2_template"))
        return project

    def monitoring(self, project):
        return project.deadline_ids.filtered(lambda d: d.deadline_type == "monitoring").sorted("id")

    def test_every_quarter_of_the_project_has_its_return(self):
        project = self.new_project()
        deadlines = self.monitoring(project)
        self.assertEqual(len(deadlines), 8)
        start = date(2026, 1, 1)
        for number, deadline in enumerate(deadlines):
            report = deadline.monitoring_report_id
            with self.subTest(deadline=deadline.name):
                self.assertEqual(report.deadline_id, deadline)
                self.assertEqual(report.date_from, start + relativedelta(months=3 * number))
                self.assertEqual(report.date_to, start + relativedelta(months=3 * number + 3, days=-1))
                self.assertLess(report.date_to, deadline.date, "a return reports the quarter before its deadline")
                self.assertEqual(report.workflow_state_code, "draft")
        self.assertEqual(project.monitoring_report_count, 8)
        # the demo project's returns were created when the addon was installed, after its timeline
        demo = self.monitoring(self.project)
        self.assertEqual(demo.monitoring_report_id.deadline_id, demo)

    def test_the_returns_follow_the_project_dates(self):
        project = self.new_project()
        project.date_end = "2028-06-30"
        deadlines = self.monitoring(project).filtered(lambda d: d.state == "todo")
        self.assertEqual(len(deadlines), 10)
        self.assertEqual(deadlines[-1].monitoring_report_id.date_to, date(2028, 6, 30))
        computed = deadlines[-1].monitoring_report_id
        computed.action_compute()
        computed.work_package_ids[:1].strengths = "Scritto prima della riduzione"
        project.date_end = "2027-06-30"
        kept = self.monitoring(project)
        cancelled = kept.filtered(lambda d: d.state == "cancelled")
        self.assertEqual(len(cancelled), 4)
        self.assertEqual(cancelled.monitoring_report_id, computed,
                         "untouched drafts go with their deadline; one somebody wrote on stays")
        self.assertEqual(len(kept.filtered(lambda d: d.state == "todo").monitoring_report_id), 6)

    def test_a_deadline_added_by_hand_asks_for_the_quarter_before_it(self):
        project = self.new_project()
        deadline = self.env["fami.project.deadline"].create({
            "project_id": project.id, "name": "Monitoraggio straordinario", "deadline_type": "monitoring",
            "date": "2026-11-20"})
        report = deadline.monitoring_report_id
        self.assertEqual((report.date_from, report.date_to), (date(2026, 8, 1), date(2026, 10, 31)))
