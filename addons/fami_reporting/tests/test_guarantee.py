from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .money_common import FILE, MoneyCase


@tagged("post_install", "-at_install")
class TestGuaranteeAndAdvance(MoneyCase):
    """An advance is requested only against an issued guarantee of at least its amount that stays valid until the
    project's end plus the months of the grant agreement (here 31/12/2027 + 12 months = 31/12/2028); a guarantee is
    released only after the balance is received. Each refusal names its reason."""

    def test_an_advance_above_its_guarantee_is_refused_naming_both_amounts(self):
        guarantee = self.guarantee(50000, "2028-12-31", issue_by=self.lead_clerk)
        advance = self.advance(80000, guarantee)
        error = str(self.refused(lambda: advance.with_user(self.lead_clerk).workflow_fire("request"),
                                 "less than the advance"))
        self.assertRegex(error, r"covers [^,]*50,000\.00[^,]*, less than the advance of [^:]*80,000\.00")
        self.assertEqual(advance.workflow_state_code, "draft")
        advance.amount = 50000
        advance.with_user(self.lead_clerk).workflow_fire("request")
        self.assertEqual(advance.workflow_state_code, "requested")

    def test_a_guarantee_expiring_before_the_end_plus_the_agreements_months_is_refused(self):
        guarantee = self.guarantee(100000, "2028-06-30", issue_by=self.lead_clerk)
        self.assertEqual(str(guarantee.required_until), "2028-12-31")
        advance = self.advance(100000, guarantee)
        error = self.refused(lambda: advance.with_user(self.lead_clerk).workflow_fire("request"),
                             "is valid until 06/30/2028, before 12/31/2028")
        self.assertIn("plus 12 months", str(error))
        # the months are the project's setting, not a constant: with 6 the same policy is enough
        self.project.agreement_guarantee_months = 6
        advance.with_user(self.lead_clerk).workflow_fire("request")
        self.assertEqual(advance.workflow_state_code, "requested")

    def test_an_advance_without_an_issued_guarantee_or_beyond_the_agreement_is_refused(self):
        self.refused(lambda: self.advance(10000).with_user(self.lead_clerk).workflow_fire("request"),
                     "No guarantee backs this advance")
        requested = self.guarantee(200000, "2029-06-30")
        self.refused(lambda: self.advance(10000, requested).with_user(self.lead_clerk).workflow_fire("request"),
                     "is Requested, not issued")
        requested.with_user(self.lead_clerk).workflow_fire("issue")
        self.refused(lambda: self.advance(150000, requested).with_user(self.lead_clerk).workflow_fire("request"),
                     "exceeds 10.0% of the total budget")
        self.project.agreement_advance_percent = 0
        self.refused(lambda: self.advance(10000, requested).with_user(self.lead_clerk).workflow_fire("request"),
                     "provides no advance")

    def test_an_advance_is_received_only_once_requested_and_by_another_person(self):
        guarantee = self.guarantee(100000, "2029-01-31", issue_by=self.lead_clerk)
        advance = self.advance(100000, guarantee)
        advance.write({"date": "2025-03-01", "bank_reference": "CRO-1"})
        self.refused(lambda: advance.with_user(self.lead_clerk).workflow_fire("receive"))
        advance.with_user(self.lead_clerk).workflow_fire("request")
        self.refused(lambda: advance.with_user(self.lead_clerk).workflow_fire("receive"), "Four eyes")
        self.refused(lambda: advance.with_user(self.lead_clerk_2).write({"amount": 1}), "locked")
        advance.with_user(self.lead_clerk_2).workflow_fire("receive")
        self.assertEqual(advance.workflow_state_code, "received")
        # the partners' shares of the advance, by the split of the approved budget (60 % and 30 %): the lead keeps
        # its 10 %
        self.assertEqual({(t.organisation_id, t.amount, t.workflow_state_code) for t in advance.transfer_ids},
                         {(self.alfa, 60000.0, "draft"), (self.beta, 30000.0, "draft")})
        self.assertEqual(advance.kept_amount, 10000)

    def test_a_guarantee_is_released_only_after_the_balance_is_received(self):
        guarantee = self.guarantee(100000, "2029-01-31", issue_by=self.lead_clerk)
        self.receive_advance(100000, guarantee)
        self.refused(lambda: guarantee.with_user(self.lead_manager).workflow_fire("release"),
                     "the balance of project Progetto flussi has not been received yet")
        expense = self.expense(self.line_alfa, "F-1", 1000)
        self.declaration(self.alfa, submit_by=self.alfa_clerk, validate_by=self.lead_clerk)
        final = self.claim("Domanda finale", kind="final", date_from="2025-01-01", date_to="2027-12-31")
        self.assertEqual(final.expense_ids, expense)
        final.workflow_fire("submit")
        balance = self.env["fami.payment.received"].create({
            "project_id": self.project.id, "kind": "balance", "claim_id": final.id, "amount": 500,
            "amount_admitted": final.amount_total, "date": "2028-03-01", "bank_reference": "CRO-SALDO"})
        self.refused(lambda: guarantee.with_user(self.lead_manager).workflow_fire("release"), "has not been received")
        balance.with_user(self.lead_clerk).workflow_fire("receive")
        guarantee.with_user(self.lead_manager).workflow_fire("release")
        self.assertEqual((guarantee.workflow_state_code, guarantee.date_released),
                         ("released", fields.Date.today()))  # the day of the release in UTC, as stamped
        self.assertFalse(guarantee.document_ids, "the policy leaves Expiring documents")

    def test_the_issued_guarantee_is_an_expiring_document_reminded_and_on_the_deadline(self):
        deadline = self.env["fami.project.deadline"].create({
            "project_id": self.project.id, "name": "Scadenza della fideiussione", "deadline_type": "guarantee",
            "date": "2028-12-31"})
        soon = fields.Date.context_today(self.project) + timedelta(days=20)
        guarantee = self.guarantee(100000, soon, issue_by=self.lead_clerk)
        document = guarantee.document_ids
        self.assertRecordValues(document, [{
            "partner_id": self.lead.id, "project_id": self.project.id, "number": guarantee.policy_number,
            "date_expiry": soon, "user_id": self.lead_clerk.id,
            "document_type_id": self.env.ref("fami_reporting.document_type_guarantee").id}])
        self.assertEqual(document.file, FILE)
        row = self.env["fami.document.expiry"].search([("document_id", "=", document.id)])
        self.assertEqual((row.expiry_state, row.holder_name), ("expiring", self.lead.name))
        self.env["fami.document"]._cron_expiry_reminders()
        self.assertEqual(document.activity_ids.user_id, self.lead_clerk)
        self.assertRecordValues(deadline, [{"insurer_id": self.bank.id, "policy_number": guarantee.policy_number,
                                            "guarantee_amount": 100000, "date": soon}])
        # the document changes only with the guarantee, which is locked once issued
        self.refused(lambda: document.with_user(self.lead_clerk).write({"date_expiry": "2030-01-01"}),
                     "change only with the guarantee")
        self.refused(lambda: document.with_user(self.lead_manager).unlink(), "cannot be deleted")
        self.refused(lambda: guarantee.with_user(self.lead_manager).write({"amount": 1}), "locked")
        self.refused(lambda: self.env["fami.document"].with_user(self.lead_manager).create({
            "guarantee_id": guarantee.id, "document_type_id": document.document_type_id.id,
            "partner_id": self.lead.id, "date_expiry": "2030-01-01"}), "not by hand")

    def test_guarantees_and_payments_are_the_lead_partners(self):
        guarantee = self.guarantee(100000, "2029-01-31", issue_by=self.lead_clerk)
        advance = self.receive_advance(100000, guarantee)
        for user in (self.alfa_clerk, self.beta_clerk):
            with self.subTest(user=user.login):
                self.assertFalse(self.env["fami.guarantee"].with_user(user).search([("id", "=", guarantee.id)]))
                self.assertFalse(self.env["fami.payment.received"].with_user(user).search([("id", "=", advance.id)]))
                self.refused(lambda u=user: guarantee.with_user(u).read(["amount"]))
                self.refused(lambda u=user: self.env["fami.guarantee"].with_user(u).create({
                    "project_id": self.project.id, "amount": 1}))
        self.assertEqual(self.env["fami.guarantee"].with_user(self.auditor).search([("id", "=", guarantee.id)]),
                         guarantee)
        self.refused(lambda: guarantee.with_user(self.auditor).write({"note": "x"}))
        trainer = self.env.ref("fami_partners.demo_user_formatore")
        self.refused(lambda: self.env["fami.payment.received"].with_user(trainer).search([]))
