"""The demo claim of the user guide is sent verified by the independent auditor, one item partially admitted, and the
workbook kept when it was sent shows it; as the demo auditor and manager."""
import base64
import io

import openpyxl

from common import IntegrationCase


class TestDemoClaimVerified(IntegrationCase):
    def test_the_demo_claim_is_sent_verified_with_one_item_partially_admitted(self):
        claim = self.env.ref("fami_reporting.demo_claim_1")
        verification = self.env.ref("fami_verification.demo_verification_claim_1")
        printing = self.env.ref("fami_reporting.demo_expense_1")
        self.assertEqual((claim.workflow_state_code, verification.workflow_state_code), ("submitted", "completed"))
        self.assertEqual(verification.verifier_id, self.env.ref("fami_partners.demo_user_revisore"))
        self.assertEqual(verification.line_ids.filtered(lambda line: line.outcome == "partial").expense_id, printing)
        self.assertEqual(set(verification.line_ids.mapped("outcome")), {"admitted", "partial"})
        not_admitted = round(printing.eligible_amount - 1171.2, 2)  # 1,464.00 - 1,171.20
        self.assertAlmostEqual(claim.not_admitted_total, not_admitted, places=2)
        for login in ("revisore", "responsabile"):
            with self.subTest(user=login):
                as_user = claim.with_user(self.env.ref(f"fami_partners.demo_user_{login}"))
                as_user.action_export_workbook()
                book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(as_user.workbook)), data_only=True)
                expenses = {row[0]: row for row in book["Expenses"].iter_rows(min_row=2, values_only=True)}
                self.assertAlmostEqual(expenses[f"fami.expense,{printing.id}"][11], not_admitted, places=2)
                requested = next(row[4] for row in book["Summary"].iter_rows(values_only=True)
                                 if row[0] == "Amount requested")
                self.assertAlmostEqual(requested, claim.amount_total, places=2)
