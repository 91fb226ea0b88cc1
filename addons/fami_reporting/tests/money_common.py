"""A project of its own for the tests of the money flows: a lead partner (capofila) and two partners with their
staff, an approved budget, the grant agreement's settings, and helpers for the records of the money flows."""
import base64

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger

FILE = base64.b64encode(b"%PDF-1.4 documento")
REFUSED = UserError  # AccessError and ValidationError are UserErrors; Odoo's assertRaises takes one class
RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")



def claimed_staff_cost(claim, organisation, clerk, manager, hours=10, rate=20):
    """A month of `organisation`'s staff cost in `claim`, declared to the lead partner by `clerk` and validated by
    `manager` (a claim takes only costs of validated declarations)."""
    env = claim.env
    employee = env["hr.employee"].create({"name": "Persona della domanda"})
    cost = env["fami.staff.cost"].create({
        "employee_id": employee.id, "month": claim.date_from.replace(day=1), "hours": hours, "hourly_rate": rate,
        "budget_line_id": env.ref("fami_reporting.demo_budget_line_cidis_b1").id})
    declaration = env["fami.partner.declaration"].create({
        "project_id": claim.project_id.id, "organisation_id": organisation.id, "date_from": claim.date_from,
        "date_to": claim.date_to, "staff_cost_ids": [Command.set(cost.ids)]})
    declaration.with_user(clerk).workflow_fire("submit")
    declaration.with_user(manager).workflow_fire("validate")
    cost.payment_request_id = claim
    return cost

class MoneyCase(TransactionCase):
    """The test class runs as the superuser, as data files do; the people of each step are the users below."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.lead, cls.alfa, cls.beta, cls.bank, cls.supplier = env["res.partner"].create([
            {"name": "Capofila di prova", "is_company": True}, {"name": "Alfa di prova", "is_company": True},
            {"name": "Beta di prova", "is_company": True}, {"name": "Banca di prova", "is_company": True},
            {"name": "Fornitore di prova", "is_company": True}])
        cls.project = env["fami.project"].create({
            "name": "Progetto flussi", "code": "PROG-7777", "date_start": "2025-01-01", "date_end": "2027-12-31",
            "total_budget": 1000000, "agreement_advance_percent": 10, "agreement_guarantee_months": 12,
            "agreement_recovery_rule": "share", "agreement_recovery_percent": 20,
            "agreement_budget_tolerance": 10})
        # sending a claim needs a completed verification where fami_verification is installed; these tests are about
        # the money around the claim
        if "verification_required" in cls.project._fields:
            cls.project.verification_required = False
        groups = "fami_partners.group_fami_admin_staff"
        cls.lead_clerk = new_test_user(env, "money_lead_clerk", groups=groups, name="Impiegata capofila")
        cls.lead_clerk_2 = new_test_user(env, "money_lead_clerk_2", groups=groups, name="Impiegato capofila")
        cls.lead_manager = new_test_user(env, "money_lead_manager", groups="fami_partners.group_fami_manager",
                                         name="Responsabile capofila")
        cls.alfa_clerk = new_test_user(env, "money_alfa_clerk", groups=groups, name="Impiegata Alfa")
        cls.alfa_clerk_2 = new_test_user(env, "money_alfa_clerk_2", groups=groups, name="Impiegato Alfa")
        cls.beta_clerk = new_test_user(env, "money_beta_clerk", groups=groups, name="Impiegata Beta")
        cls.auditor = new_test_user(env, "money_auditor", groups="fami_partners.group_fami_auditor",
                                    name="Revisore flussi")
        env["fami.project.partner"].create([
            {"project_id": cls.project.id, "partner_id": cls.lead.id, "role": "lead",
             "user_ids": [Command.set((cls.lead_clerk | cls.lead_clerk_2 | cls.lead_manager).ids)]},
            {"project_id": cls.project.id, "partner_id": cls.alfa.id, "role": "partner",
             "user_ids": [Command.set((cls.alfa_clerk | cls.alfa_clerk_2).ids)]},
            {"project_id": cls.project.id, "partner_id": cls.beta.id, "role": "partner",
             "user_ids": [Command.set(cls.beta_clerk.ids)]}])
        cls.wp = env["fami.project.action"].create({"project_id": cls.project.id, "code": "WP1",
                                                    "name": "Azione 01"})
        cls.services = env.ref("fami_reporting.cost_category_b6")
        cls.budget = env["fami.budget"].create({"project_id": cls.project.id})
        cls.line_lead, cls.line_alfa, cls.line_beta = env["fami.budget.line"].create([
            {"budget_id": cls.budget.id, "action_id": cls.wp.id, "organisation_id": organisation.id,
             "category_id": cls.services.id, "quantity": 1, "unit_cost": amount}
            for organisation, amount in ((cls.lead, 10000), (cls.alfa, 60000), (cls.beta, 30000))])
        cls.budget.workflow_fire("approve")

    # ------------------------------------------------------------ helpers

    def refused(self, function, text=None, exception=REFUSED):
        with self.assertRaises(exception) as caught, mute_logger(*RULE_LOGGERS, "odoo.models.unlink"), \
                self.env.cr.savepoint():
            function()
        if text:
            self.assertIn(text, str(caught.exception))
        return caught.exception

    def expense(self, line, number, taxable, day="2026-03-10", approve=True):
        expense = self.env["fami.expense"].create({
            "project_id": self.project.id, "organisation_id": line.organisation_id.id, "budget_line_id": line.id,
            "supplier_id": self.supplier.id, "document_number": number, "document_date": day, "payment_date": day,
            "taxable_amount": taxable, "vat_amount": round(taxable * 0.22, 2), "document_file": FILE,
            "payment_proof": FILE})
        if approve:
            for code in ("submit", "check", "approve"):
                expense.workflow_fire(code)
        return expense

    def declaration(self, organisation, date_from="2026-01-01", date_to="2026-06-30", submit_by=None,
                    validate_by=None):
        """A declaration of `organisation`'s approved costs of the period, submitted and validated by the users
        given (none: left as it is)."""
        declaration = self.env["fami.partner.declaration"].create({
            "project_id": self.project.id, "organisation_id": organisation.id, "date_from": date_from,
            "date_to": date_to})
        declaration.action_collect_costs()
        if submit_by:
            declaration.with_user(submit_by).workflow_fire("submit")
        if validate_by:
            declaration.with_user(validate_by).workflow_fire("validate")
        return declaration

    def claim(self, name="Domanda intermedia", kind="interim", date_from="2026-01-01", date_to="2026-06-30"):
        claim = self.env["fami.payment.request"].create({
            "name": name, "project_id": self.project.id, "kind": kind, "date_from": date_from,
            "date_to": date_to})
        claim.action_collect_items()
        return claim

    def guarantee(self, amount, date_to, issue_by=None):
        guarantee = self.env["fami.guarantee"].create({
            "project_id": self.project.id, "issuer_id": self.bank.id, "policy_number": f"POL-{amount}-{date_to}",
            "amount": amount, "date_from": "2025-02-01", "date_to": date_to, "document_file": FILE,
            "document_filename": "polizza.pdf", "user_id": self.lead_clerk.id})
        if issue_by:
            guarantee.with_user(issue_by).workflow_fire("issue")
        return guarantee

    def advance(self, amount, guarantee=None):
        return self.env["fami.payment.received"].create({
            "project_id": self.project.id, "kind": "advance", "amount": amount,
            "guarantee_id": guarantee.id if guarantee else False, "date_requested": "2025-02-15"})

    def receive_advance(self, amount, guarantee):
        """An advance requested by a lead clerk and received, recorded by another."""
        advance = self.advance(amount, guarantee)
        advance.with_user(self.lead_clerk).workflow_fire("request")
        advance.write({"date": "2025-03-01", "bank_reference": "CRO-ANTICIPO"})
        advance.with_user(self.lead_clerk_2).workflow_fire("receive")
        return advance
