from datetime import date

from odoo.tests import Form, tagged

from .money_common import FILE, MoneyCase


@tagged("post_install", "-at_install")
class TestBudgetAuthorisation(MoneyCase):
    """A budget change (rimodulazione) beyond the grant agreement's tolerance is approved only with the AdG's
    authorisation — date, protocol number and letter — kept with the version; within it, the lead partner approves
    alone. Done in the form, as the lead partner's manager would."""

    def new_version(self, user):
        action = self.budget.with_user(user).action_new_version()
        return self.env["fami.budget"].with_user(user).browse(action["res_id"])

    def edit_in_the_form(self, budget, unit_costs, reason="Rimodulazione del piano dei servizi", **values):
        with Form(budget) as form:
            for index, line in enumerate(budget.line_ids):
                if line.previous_line_id in unit_costs:
                    with form.line_ids.edit(index) as row:
                        row.unit_cost = unit_costs[line.previous_line_id]
            form.reason = reason
            for name, value in values.items():
                setattr(form, name, value)
        return budget

    def approve_button(self, budget):
        """The Approve button the engine puts on the form."""
        return budget.with_context(workflow_transition_code="approve").action_workflow_fire()

    def test_a_change_over_the_tolerance_needs_the_adg_authorisation_given_in_the_form(self):
        manager = self.lead_manager
        new = self.new_version(manager)
        # Alfa 60,000 → 75,000 and Beta 30,000 → 15,000: services stay at 100,000, but a new category appears
        other = self.env.ref("fami_reporting.cost_category_b5")
        with Form(new) as form:
            with form.line_ids.new() as row:
                row.action_id = self.wp
                row.organisation_id = self.alfa
                row.category_id = other
                row.quantity = 1
                row.unit_cost = 20000
        self.edit_in_the_form(new, {self.line_alfa: 45000})  # services 100,000 → 85,000: -15 %
        self.assertTrue(new.needs_authorisation)
        error = self.refused(lambda: self.approve_button(new), "beyond the 10.0% tolerance")
        self.assertIn(f"{self.services.display_name} ", str(error))
        self.assertIn("-15.00%", str(error))
        self.assertIn(f"{other.display_name} ", str(error))
        self.assertIn("AdG authorisation date, AdG protocol number, AdG authorisation letter", str(error))
        self.assertEqual(new.workflow_state_code, "draft")
        # the authorisation in part is not enough
        self.edit_in_the_form(new, {}, adg_authorisation_date=date(2026, 5, 12), adg_authorisation_number="PROT-4521")
        self.refused(lambda: self.approve_button(new), "fill in AdG authorisation letter")
        self.edit_in_the_form(new, {}, adg_authorisation_letter=FILE.decode())
        self.approve_button(new)
        self.assertEqual(new.workflow_state_code, "approved")
        self.assertEqual((str(new.adg_authorisation_date), new.adg_authorisation_number), ("2026-05-12", "PROT-4521"))
        # the letter is evidence: locked with the approved version
        self.refused(lambda: new.with_user(manager).write({"adg_authorisation_letter": FILE}), "locked")
        self.refused(lambda: new.with_user(manager).write({"adg_authorisation_number": "PROT-1"}), "locked")

    def test_a_change_within_the_tolerance_is_approved_by_the_lead_partner_alone(self):
        new = self.new_version(self.lead_manager)
        self.edit_in_the_form(new, {self.line_alfa: 65000, self.line_beta: 30000})  # 100,000 → 105,000: +5 %
        self.assertFalse(new.needs_authorisation)
        self.approve_button(new)
        self.assertEqual(new.workflow_state_code, "approved")
        self.assertFalse(new.adg_authorisation_number)

    def test_the_tolerance_is_the_projects_setting(self):
        new = self.new_version(self.lead_manager)
        self.edit_in_the_form(new, {self.line_alfa: 72000})  # 100,000 → 112,000: +12 %
        self.assertEqual(new.tolerance, 10)
        self.refused(lambda: self.approve_button(new), "+12.00%")
        self.project.agreement_budget_tolerance = 15
        self.assertEqual(new.tolerance, 15)
        self.approve_button(new)
        self.assertEqual(new.workflow_state_code, "approved")
        # a version cannot set a tolerance of its own
        draft = self.new_version(self.lead_manager).with_user(self.lead_clerk)
        self.refused(lambda: draft.write({"tolerance": 90}), "the grant agreement's")
