import base64

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.fami_workflow.tests.shipped_common import ShippedWorkflowCase

FILE = base64.b64encode(b"%PDF-1.4 fattura")


@tagged("post_install", "-at_install")
class TestExpenseSeparationOfDuties(ShippedWorkflowCase):
    """Issue 20: who sent an expense checked and approved it too. Now a colleague checks it (the shipped workflow
    keeps Check and Approve apart from Submit), asked with an Italian activity; the demo users, in Italian."""

    def test_who_sends_an_expense_does_not_check_it_a_colleague_does(self):
        expense = self.env["fami.expense"].with_user(self.staff).create({
            "project_id": self.project.id, "organisation_id": self.cidis.id,
            "budget_line_id": self.env.ref("fami_reporting.demo_budget_line_cidis_b6").id,
            "supplier_id": self.env.ref("fami_reporting.demo_supplier_tipografia").id,
            "document_number": "FT-QUATTRO-OCCHI", "document_date": fields.Date.today(), "taxable_amount": 100,
            "document_file": FILE, "payment_proof": FILE})
        self.as_user(expense, self.staff).workflow_fire("submit")
        # the check is asked of the colleagues who may do it: not of who sent it, nor of the generic admin
        approval = self.env.ref("fami_workflow.mail_activity_type_workflow_approval")
        asked = self.env["mail.activity"].search([("res_model", "=", "fami.expense"), ("res_id", "=", expense.id),
                                                  ("activity_type_id", "=", approval.id)]).user_id
        self.assertEqual(asked, self.manager)
        with self.assertRaisesRegex(UserError, "un collega deve eseguire «Controlla»"):
            self.as_user(expense, self.staff).workflow_fire("check")
        self.as_user(expense, self.manager).workflow_fire("check")
        self.as_user(expense, self.manager).workflow_fire("approve")
        self.assertEqual(expense.workflow_state_code, "approved")
        self.assert_italian(expense, self.env.ref("fami_reporting.workflow_expense"))
