"""The demo claim of the user guide, sent and paid before the verification existed, is verified afterwards by the
independent auditor, every item admitted as the AdG admitted it; its workbook as sent is read by the demo auditor and
manager, unchanged."""
import base64
import io

import openpyxl

from common import IntegrationCase


class TestDemoClaimVerified(IntegrationCase):
    def test_the_demo_claim_is_verified_with_every_item_admitted(self):
        claim = self.env.ref("fami_reporting.demo_claim_1")
        verification = self.env.ref("fami_verification.demo_verification_claim_1")
        self.assertTrue(claim.workflow_locked)
        self.assertEqual(verification.workflow_state_code, "completed")
        self.assertEqual(verification.verifier_id, self.env.ref("fami_partners.demo_user_revisore"))
        self.assertEqual(verification.line_ids.expense_id, claim.expense_ids)
        self.assertEqual(set(verification.line_ids.mapped("outcome")), {"admitted"})
        self.assertEqual(claim.not_admitted_total, 0.0)
        stored = claim.workbook
        for login in ("revisore", "responsabile"):
            with self.subTest(user=login):
                as_user = claim.with_user(self.env.ref(f"fami_partners.demo_user_{login}"))
                as_user.action_export_workbook()
                self.assertEqual(claim.workbook, stored, "the workbook as sent is downloaded, not rewritten")
                book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(as_user.workbook)), data_only=True)
                requested = next(row[4] for row in book["Summary"].iter_rows(values_only=True)
                                 if row[0] == "Amount requested")
                self.assertAlmostEqual(requested, claim.amount_total, places=2)
