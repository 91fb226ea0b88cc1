from datetime import datetime, time, timedelta

from odoo.tests import tagged

from .common import MonitoringCase
from .test_locking import FILE, figures


def without_ids(section_figures):
    """The figures of a return without the ids of its lines, which computing again creates anew."""
    return {section: [{name: value for name, value in row.items() if name != "id"} if isinstance(row, dict) else row
                      for row in rows] for section, rows in section_figures.items()}


@tagged("post_install", "-at_install")
class TestOnlyApprovedRecordsCount(MonitoringCase):
    """The figures of a return come only from approved records: a service access, an event, a course session and an
    expense of the quarter that are still waiting for their approval change nothing in it; approved, they count."""

    def unreached(self, report, count):
        """`count` people of the demo the project has not reached by the end of `report`."""
        reached = self.people_reached(None, report.date_to)
        people = self.env["fami.beneficiary"].search([("id", "not in", sorted(reached))], order="id", limit=count)
        self.assertEqual(len(people), count, "the demo has people the project has not reached yet")
        return people

    def pending_records(self, report):
        """Records dated inside `report`'s period, each stopped one step before its approval."""
        day = report.date_from + timedelta(days=3)
        first, second = self.unreached(report, 2)
        access = self.env["fami.service.access"].create({
            "service_id": self.env.ref("fami_monitoring.demo_service_orientation").id, "beneficiary_id": first.id,
            "date": day, "support_kind": "orientation"})
        access.workflow_fire("submit")
        event = self.env["fami.event"].create({
            "name": "Incontro in attesa di approvazione", "project_id": self.project.id, "kind": "social",
            "action_id": self.env.ref("fami_partners.demo_umbria2_action_az03").id,
            "organisation_id": self.env.ref("fami_partners.demo_partner_cidis").id,
            "date_start": datetime.combine(day, time(9)), "date_stop": datetime.combine(day, time(12)),
            "participants_italian": 4, "participants_cpt": 1, "beneficiary_ids": [(6, 0, second.ids)]})
        event.workflow_fire("submit")
        course = self.env.ref("fami_monitoring.demo_course_civic")
        session = self.env["fami.course.session"].create({
            "course_id": course.id, "topic": "Sessione in attesa", "start": datetime.combine(day, time(14)),
            "stop": datetime.combine(day, time(16))})
        session.action_fill_register()
        session.workflow_fire("submit")
        budget_line = self.env.ref("fami_reporting.demo_budget_line_cidis_b6")
        expense = self.env["fami.expense"].create({
            "project_id": self.project.id, "organisation_id": budget_line.organisation_id.id,
            "budget_line_id": budget_line.id, "supplier_id": self.env.ref("fami_reporting.demo_supplier_tipografia").id,
            "document_number": "MON-PENDING", "document_date": day, "payment_date": day, "taxable_amount": 2500.0,
            "vat_amount": 0.0, "document_file": FILE, "payment_proof": FILE})
        expense.workflow_fire("submit")
        expense.workflow_fire("check")
        return access, event, session, expense

    def test_records_waiting_for_approval_change_nothing_then_count_once_approved(self):
        report = self.q2.with_user(self.lead_clerk)
        report.action_compute()
        before = figures(self.q2)
        access, event, session, expense = self.pending_records(self.q2)
        for record in (access, event, session, expense):
            self.assertNotEqual(record.workflow_state_code, "approved", record._name)
        report.action_compute()
        # an indicator without a date is the live one when computed, by its own definition: people reached count
        # those who completed a course, a share of the hours of all its sessions, the planned one too
        after = figures(self.q2)
        undated = set(self.q2.indicator_line_ids.filtered(lambda line: not line.dated).mapped("code"))
        self.assertTrue(undated)
        for figures_now in (before, after):
            figures_now["indicators"] = [line for line in figures_now["indicators"] if line["code"] not in undated]
        self.assertEqual(without_ids(after), without_ids(before), "nothing waiting for approval enters the return")
        for record in (access, event, session, expense):
            record.workflow_fire("approve")
        report.action_compute()
        after = self.q2.read(["participants_period", "participants_cumulative", "incurred_period",
                              "incurred_cumulative", "paid_period"])[0]
        was = before["report"][0]
        self.assertEqual(after["participants_period"], was["participants_period"] + 2)
        self.assertEqual(after["participants_cumulative"], was["participants_cumulative"] + 2)
        for field in ("incurred_period", "incurred_cumulative", "paid_period"):
            self.assertAlmostEqual(after[field], was[field] + expense.eligible_amount, places=2, msg=field)

        def total(lines, field):
            return sum(line[field] for line in lines)
        self.assertEqual(total(self.q2.work_package_ids, "sessions"), total(before["work_packages"], "sessions") + 1)
        self.assertEqual(total(self.q2.work_package_ids, "events"), total(before["work_packages"], "events") + 1)
        self.assertEqual(total(self.q2.work_package_ids, "accesses"), total(before["work_packages"], "accesses") + 1)
        # and the independent count of the records agrees
        self.assertEqual(self.q2.participants_cumulative, len(self.people_reached(None, self.q2.date_to)))
