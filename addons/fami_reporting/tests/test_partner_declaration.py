from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .money_common import MoneyCase


@tagged("post_install", "-at_install")
class TestPartnerDeclaration(MoneyCase):
    """A partner's costs enter the project's claim only after the lead partner validated the partner's declaration
    for the period: a workflow, submitted by the partner's staff, validated by the lead partner's, by nobody who
    submitted it."""

    def test_a_partners_expense_enters_a_claim_only_after_its_declaration_is_validated(self):
        expense = self.expense(self.line_alfa, "F-1", 1000)
        self.assertFalse(self.claim("Prima").expense_ids, "approved but not declared: not collected")
        other = self.claim("Seconda")
        self.refused(lambda: expense.write({"payment_request_id": other.id}), "has not validated a declaration",
                     exception=ValidationError)
        self.refused(lambda: other.write({"expense_ids": [Command.link(expense.id)]}), "has not validated")
        declaration = self.declaration(self.alfa, submit_by=self.alfa_clerk)
        self.assertEqual((declaration.expense_ids, declaration.amount_total), (expense, 1220))
        self.assertFalse(self.claim("Terza").expense_ids, "declared, not yet validated: not collected")
        # not by another of the partner's staff, not by who submitted it, by the lead partner
        self.refused(lambda: declaration.with_user(self.alfa_clerk_2).workflow_fire("validate"),
                     "Only the lead partner Capofila di prova validates")
        self.refused(lambda: declaration.with_user(self.alfa_clerk).workflow_fire("validate"))
        declaration.with_user(self.lead_clerk).workflow_fire("validate")
        self.assertEqual(declaration.workflow_state_code, "validated")
        claim = self.claim("Quarta")
        self.assertEqual(claim.expense_ids, expense)
        self.assertEqual(claim.amount_total, 1220 + 85.4)

    def test_the_lead_partners_own_costs_need_a_declaration_validated_by_another_person(self):
        expense = self.expense(self.line_lead, "F-2", 500)
        declaration = self.declaration(self.lead, submit_by=self.lead_clerk)
        self.refused(lambda: declaration.with_user(self.lead_clerk).workflow_fire("validate"), "Four eyes")
        declaration.with_user(self.lead_clerk_2).workflow_fire("validate")
        self.assertEqual(self.claim().expense_ids, expense)

    def test_a_submitted_declaration_is_locked_with_the_costs_it_holds(self):
        expense = self.expense(self.line_alfa, "F-3", 300)
        late = self.expense(self.line_alfa, "F-4", 200)
        declaration = self.declaration(self.alfa)
        declaration.write({"expense_ids": [Command.unlink(late.id)]})
        declaration.with_user(self.alfa_clerk).workflow_fire("submit")
        for user in (self.alfa_clerk, self.lead_manager):
            with self.subTest(user=user.login):
                mine = declaration.with_user(user)
                self.refused(lambda m=mine: m.write({"expense_ids": [Command.link(late.id)]}), "locked")
                self.refused(lambda m=mine: m.write({"date_to": "2026-12-31"}), "locked")
                self.refused(mine.unlink)  # the partner's staff delete no declaration, the manager no locked one
                self.refused(lambda m=mine: m.action_collect_costs(), "can no longer change")
        self.refused(declaration.with_user(self.lead_manager).unlink, "locked")
        # a cost enters or leaves a declaration only from it, and only once
        self.refused(lambda: late.write({"declaration_ids": [Command.link(declaration.id)]}),
                     "from the declaration")
        self.refused(lambda: self.env["fami.partner.declaration"].create({
            "project_id": self.project.id, "organisation_id": self.alfa.id, "date_from": "2026-01-01",
            "date_to": "2026-06-30", "expense_ids": [Command.set(expense.ids)]}), "already declared")
        self.refused(lambda: self.env["fami.partner.declaration"].create({
            "project_id": self.project.id, "organisation_id": self.beta.id, "date_from": "2026-01-01",
            "date_to": "2026-06-30", "expense_ids": [Command.set(late.ids)]}), "holds only costs of Beta di prova")
        # sent back by the lead partner with a reason, it can change again
        self.refused(lambda: declaration.with_user(self.lead_clerk).workflow_fire("reject"), "needs a comment")
        declaration.with_user(self.lead_clerk).workflow_fire("reject", comment="Manca la fattura F-4")
        declaration.write({"expense_ids": [Command.link(late.id)]})
        self.assertEqual(declaration.amount_total, 366 + 244)

    def test_a_declared_staff_cost_is_locked_with_its_declaration(self):
        employee = self.env["hr.employee"].create({"name": "Maria Rossi"})
        cost = self.env["fami.staff.cost"].create({
            "employee_id": employee.id, "month": "2026-03-01", "hours": 10, "hourly_rate": 20,
            "budget_line_id": self.line_alfa.id})
        declaration = self.declaration(self.alfa, submit_by=self.alfa_clerk)
        self.assertEqual(declaration.staff_cost_ids, cost)
        self.refused(lambda: cost.write({"hours": 100}), "the declaration Declaration of Alfa di prova")
        self.refused(cost.unlink, "is locked")
        declaration.with_user(self.lead_clerk).workflow_fire("validate")
        claim = self.claim()
        self.assertEqual((claim.staff_cost_ids, claim.direct_amount), (cost, 200))

    def test_declarations_are_read_by_their_partner_and_the_lead_partner(self):
        alfa_expense = self.expense(self.line_alfa, "F-5", 100)
        beta_expense = self.expense(self.line_beta, "F-6", 100)
        alfa = self.declaration(self.alfa, submit_by=self.alfa_clerk)
        beta = self.declaration(self.beta)
        Declaration = self.env["fami.partner.declaration"]
        self.assertEqual(Declaration.with_user(self.alfa_clerk).search([("project_id", "=", self.project.id)]), alfa)
        self.assertEqual(Declaration.with_user(self.beta_clerk).search([("project_id", "=", self.project.id)]), beta)
        self.assertEqual(Declaration.with_user(self.lead_clerk).search([("project_id", "=", self.project.id)]),
                         alfa | beta)
        self.refused(lambda: beta.with_user(self.alfa_clerk).read(["amount_total"]))
        self.refused(lambda: Declaration.with_user(self.alfa_clerk).create({
            "project_id": self.project.id, "organisation_id": self.beta.id, "date_from": "2026-01-01",
            "date_to": "2026-06-30"}))
        # the lead partner's staff read the expenses submitted to them, not those still in a draft declaration
        Expense = self.env["fami.expense"].with_user(self.lead_clerk)
        self.assertEqual(Expense.search([("id", "in", (alfa_expense | beta_expense).ids)]), alfa_expense)
        self.refused(lambda: alfa_expense.with_user(self.lead_clerk).write({"document_number": "X"}))

    def test_a_validated_declaration_whose_costs_are_claimed_does_not_go_back(self):
        """Before: a workflow designer's transition out of Validated left claimed costs without a validated
        declaration."""
        self.expense(self.line_alfa, "F-7", 400)
        declaration = self.declaration(self.alfa, submit_by=self.alfa_clerk, validate_by=self.lead_clerk)
        # a workflow designer unticks Final on Validated and adds a way back
        self.env.ref("fami_reporting.workflow_partner_declaration_state_validated").is_final = False
        self.env["fami.workflow.transition"].create({
            "workflow_id": self.env.ref("fami_reporting.workflow_partner_declaration").id, "code": "reopen",
            "name": "Riapri",
            "state_from_id": self.env.ref("fami_reporting.workflow_partner_declaration_state_validated").id,
            "state_to_id": self.env.ref("fami_reporting.workflow_partner_declaration_state_draft").id,
            "group_ids": [Command.set(self.env.ref("fami_partners.group_fami_manager").ids)]})
        claim = self.claim()
        self.assertTrue(claim.expense_ids)
        self.refused(lambda: declaration.with_user(self.lead_manager).workflow_fire("reopen"),
                     "cannot leave Validated")
        self.assertEqual(declaration.workflow_state_code, "validated")
