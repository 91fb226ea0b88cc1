from datetime import date

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestQueryCounts(TransactionCase):
    """The hot paths issue as many queries for a few records as for many: no query per record (N+1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env.ref("fami_partners.umbria2_template")
        cls.manager = new_test_user(cls.env, "qc_manager", groups="base.group_user,fami_partners.group_fami_manager")
        cls.employees = cls.env["hr.employee"].create([{"name": f"Mediatore {i}"} for i in range(4)])
        cls.timesheet_project = cls.project._get_timesheet_project()

    def _submitted_lines(self, count):
        lines = self.env["account.analytic.line"].create([{
            "name": "Mediazione", "project_id": self.timesheet_project.id, "fami_project_id": self.project.id,
            "fami_is_mediation": True, "employee_id": self.employees[index % 4].id, "fami_service_kind": "usl",
            "date": date(2026, 3, 2 + index // 4), "unit_amount": 1.0}
            for index in range(count)])
        lines.workflow_fire("submit")
        self.env.flush_all()
        self.env.invalidate_all()
        return lines.with_user(self.manager)

    def _queries(self, function):
        self.env.flush_all()  # pending writes of the set-up are not the function's queries
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_approving_timesheet_lines_costs_the_same_queries_for_3_or_24(self):
        few, many = self._submitted_lines(3), self._submitted_lines(24)
        self._queries(lambda: self._submitted_lines(2).workflow_fire("approve"))  # warm the caches
        queries_few = self._queries(lambda: few.workflow_fire("approve"))
        queries_many = self._queries(lambda: many.workflow_fire("approve"))
        self.assertEqual(set((few | many).mapped("workflow_state_code")), {"approved"})
        self.assertEqual(queries_many, queries_few)

    def test_indicators_cost_the_same_queries_whatever_the_records(self):
        indicators = self.project.indicator_ids

        def compute():
            self.env.invalidate_all()
            indicators.mapped("actual_value")

        compute()
        queries_before = self._queries(compute)
        self._submitted_lines(24).workflow_fire("approve")
        self.assertEqual(self._queries(compute), queries_before)
