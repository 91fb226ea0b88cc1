from odoo.tests import tagged

from .money_common import MoneyCase

FIGURES = ("received", "transferred", "spent", "cash_held", "to_justify", "guarantee_exposure")


@tagged("post_install", "-at_install")
class TestTreasury(MoneyCase):
    """The treasury of a project and the dashboard's three figures equal sums computed here, independently, over
    the payments, transfers, expenses, staff costs and guarantees of the project."""

    def independent_sums(self, project):
        def total(model, domain, field):
            return round(sum(self.env[model].search([("project_id", "=", project.id)] + domain).mapped(field)), 2)
        received = total("fami.payment.received", [("workflow_state_code", "=", "received")], "amount")
        transferred = total("fami.partner.transfer", [("workflow_state_code", "=", "transferred")], "amount")
        spent = round(total("fami.expense", [("workflow_state_code", "in", ("approved", "claimed"))],
                            "eligible_amount") + total("fami.staff.cost", [], "amount"), 2)
        issued = total("fami.guarantee", [("workflow_state_code", "=", "issued")], "amount")
        advance = total("fami.payment.received", [("workflow_state_code", "=", "received"), ("kind", "=", "advance")],
                        "amount")
        recovered = total("fami.payment.request", [("workflow_state_code", "in", ("submitted", "approved"))],
                          "advance_recovered")
        return {"received": received, "transferred": transferred, "spent": spent,
                "cash_held": round(received - transferred, 2), "to_justify": round(received - spent, 2),
                "guarantee_exposure": issued, "advance_to_recover": round(advance - recovered, 2)}

    def treasury(self, project, user=None):
        lines = self.env["fami.treasury.line"].with_user(user or self.env.user)
        [row] = lines._read_group([("project_id", "=", project.id)], [], [f"{name}:sum" for name in FIGURES])
        return {name: round(value or 0.0, 2) for name, value in zip(FIGURES, row)}

    def assert_figures(self, project, user):
        expected = self.independent_sums(project)
        self.assertEqual(self.treasury(project, user), {name: expected[name] for name in FIGURES})
        dashboard = project.with_user(user)
        self.assertEqual((round(dashboard.dashboard_cash_held, 2), round(dashboard.dashboard_advance_to_recover, 2),
                          round(dashboard.dashboard_guarantee_open, 2)),
                         (expected["cash_held"], expected["advance_to_recover"], expected["guarantee_exposure"]))
        return expected

    def test_the_demo_treasury_and_dashboard_equal_the_sums_of_their_sources(self):
        project = self.env.ref("fami_partners.demo_project_umbria2")
        for login in ("responsabile", "revisore"):
            with self.subTest(user=login):
                expected = self.assert_figures(project, self.env.ref(f"fami_partners.demo_user_{login}"))
        # the demo: an advance of 150,000 and an interim payment received, the advance passed on to the partners,
        # the guarantee open, part of the advance recovered by the demo claim
        self.assertTrue(all(expected[name] for name in ("received", "transferred", "spent", "guarantee_exposure")))
        self.assertEqual(expected["guarantee_exposure"], 150000)
        self.assertTrue(0 < expected["advance_to_recover"] < 150000)

    def test_the_treasury_follows_every_movement(self):
        guarantee = self.guarantee(100000, "2029-01-31", issue_by=self.lead_clerk)
        advance = self.receive_advance(100000, guarantee)
        self.expense(self.line_alfa, "F-1", 1000)
        self.expense(self.line_beta, "F-2", 500, approve=False)  # a draft spends nothing
        employee = self.env["hr.employee"].create({"name": "Luca Bianchi"})
        self.env["fami.staff.cost"].create({"employee_id": employee.id, "month": "2026-03-01", "hours": 10,
                                            "hourly_rate": 20.5, "budget_line_id": self.line_beta.id})
        alfa_share = advance.transfer_ids.filtered(lambda transfer: transfer.organisation_id == self.alfa)
        alfa_share.with_user(self.lead_clerk).write({"amount": 55000, "date": "2025-03-05",
                                                     "bank_reference": "BON-ALFA"})
        alfa_share.with_user(self.lead_clerk).workflow_fire("transfer")
        expected = self.assert_figures(self.project, self.lead_manager)
        self.assertEqual({name: expected[name] for name in FIGURES}, {
            "received": 100000, "transferred": 55000, "spent": 1220 + 205, "cash_held": 45000,
            "to_justify": 100000 - 1425, "guarantee_exposure": 100000})
        self.assertEqual(expected["advance_to_recover"], 100000)
        # the lead partner's staff see the treasury, a partner's staff do not
        self.assertEqual(self.treasury(self.project, self.lead_clerk)["received"], 100000)
        self.assertFalse(self.env["fami.treasury.line"].with_user(self.alfa_clerk).search(
            [("project_id", "=", self.project.id)]))
        # over time: a graph cumulated month by month
        action = self.project.action_open_treasury()
        self.assertEqual(action["view_mode"].split(",")[0], "graph")
        graph = self.env["fami.treasury.line"].get_views([(False, "graph")])["views"]["graph"]["arch"]
        self.assertIn('cumulated="1"', graph)
        months = self.env["fami.treasury.line"]._read_group([("project_id", "=", self.project.id)], ["date:month"],
                                                             ["cash_held:sum"])
        self.assertEqual([(str(month), cash) for month, cash in months if cash],
                         [("2025-03-01", 45000.0)])

    def test_each_partners_position_adds_up_to_the_projects(self):
        guarantee = self.guarantee(100000, "2029-01-31", issue_by=self.lead_clerk)
        advance = self.receive_advance(100000, guarantee)
        for transfer in advance.transfer_ids:
            transfer.write({"date": "2025-03-05", "bank_reference": "BON"})
            transfer.with_user(self.lead_clerk).workflow_fire("transfer")
        self.expense(self.line_alfa, "F-1", 1000)
        self.declaration(self.alfa, submit_by=self.alfa_clerk, validate_by=self.lead_clerk)
        self.expense(self.line_alfa, "F-3", 100, day="2026-04-01")  # approved, not declared
        claim = self.claim()
        claim.workflow_fire("submit")
        payment = self.env["fami.payment.received"].create({
            "project_id": self.project.id, "kind": "interim", "claim_id": claim.id, "date": "2026-09-01",
            "amount_admitted": 1000, "amount": 800, "bank_reference": "CRO-INT"})
        payment.with_user(self.lead_clerk).workflow_fire("receive")
        positions = self.env["fami.partner.position"].search([("project_id", "=", self.project.id)])
        alfa = positions.filtered(lambda position: position.organisation_id == self.alfa)
        self.assertRecordValues(alfa, [{
            "role": "partner", "budget": 60000, "spent": 1220 + 122, "declared": 1220, "validated": 1220,
            "claimed": claim.amount_total, "admitted": 1000, "received": 60000, "to_justify": 60000 - 1342}])
        self.assertEqual(round(sum(positions.mapped("received")), 2), 100000 + 800,
                         "the lead partner keeps what it did not transfer")
        # a partner's staff read their own position only; the lead partner's staff every partner's
        Position = self.env["fami.partner.position"]
        self.assertEqual(Position.with_user(self.alfa_clerk).search([("project_id", "=", self.project.id)]), alfa)
        self.assertEqual(Position.with_user(self.lead_clerk).search([("project_id", "=", self.project.id)]),
                         positions)
        self.assertEqual(len(positions), 3)
