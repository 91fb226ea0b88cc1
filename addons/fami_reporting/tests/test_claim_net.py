import io
from decimal import ROUND_HALF_UP, Decimal

import openpyxl

from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from ..lib import cost_rules
from .money_common import MoneyCase
from .spreadsheet import recalculate

CENT = Decimal("0.01")


def cents(value):
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@tagged("post_install", "-at_install")
class TestClaimNetOfTheAdvance(MoneyCase):
    """A claim recovers the advance by the grant agreement's rule; the form, the cover letter and the workbook show
    the amount requested net of it, to the cent."""

    def _workbook_figures(self, claim):
        book = openpyxl.load_workbook(io.BytesIO(claim._workbook_content()))
        values = recalculate(book)
        summary = book["Summary"]
        rows = {summary[f"A{row}"].value: row for row in range(1, summary.max_row + 1)}
        figure = {label: Decimal(values["Summary", f"E{rows[label]}"]) if summary[f"E{rows[label]}"].data_type == "f"
                  else cents(summary[f"E{rows[label]}"].value)
                  for label in ("Amount requested", "Advance recovered", "Net amount requested")}
        return figure, summary[f"E{rows['Net amount requested']}"].value

    def _letter_text(self, claim):
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")  # see test_reporting
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, _kind = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
                "fami_reporting.action_report_claim_letter", claim.ids)
        return " ".join(" ".join(page.extract_text() for page in PdfFileReader(io.BytesIO(pdf)).pages).split())

    def test_the_demo_claim_is_net_of_the_advance_in_the_form_the_letter_and_the_workbook(self):
        claim = self.env.ref("fami_reporting.demo_claim_1")
        project = claim.project_id
        self.assertEqual((claim.workflow_state_code, project.agreement_recovery_rule), ("submitted", "share"))
        # the project's rule, computed here: a share of the amount requested, no more than the advance received
        advance = sum(self.env["fami.payment.received"].search([
            ("project_id", "=", project.id), ("kind", "=", "advance"),
            ("workflow_state_code", "=", "received")]).mapped("amount"))
        requested = cents(claim.direct_amount) + cents(claim.indirect_amount)
        recovered = min(cents(requested * Decimal(str(project.agreement_recovery_percent)) / 100), cents(advance))
        net = requested - recovered
        self.assertTrue(recovered > 0 and advance > 0)
        with Form(claim) as form:
            self.assertEqual((cents(form.amount_total), cents(form.advance_recovered), cents(form.amount_net)),
                             (requested, recovered, net))
        self.assertEqual(claim.amount_net_in_words, cost_rules.amount_in_words(net))
        text = self._letter_text(claim)
        self.assertIn(claim.amount_net_in_words, text)
        self.assertIn(f"{net:,}", text)
        self.assertIn(f"{recovered:,}", text)
        figures, formula = self._workbook_figures(claim)
        self.assertTrue(formula.startswith("="), "the net amount is a formula of the workbook")
        self.assertEqual(figures, {"Amount requested": requested, "Advance recovered": recovered,
                                   "Net amount requested": net})

    def test_the_advance_is_recovered_share_by_share_until_covered_then_by_the_final_claim(self):
        guarantee = self.guarantee(100000, "2029-01-31", issue_by=self.lead_clerk)
        self.receive_advance(1000, guarantee)  # a small advance, so that three claims cover it
        self.expense(self.line_alfa, "F-1", 2000, day="2026-02-10")  # 2,440 + 7 % = 2,610.80
        self.declaration(self.alfa, date_to="2026-02-28", submit_by=self.alfa_clerk, validate_by=self.lead_clerk)
        first = self.claim("Domanda 1", date_to="2026-02-28")
        self.assertEqual((first.amount_total, first.advance_recovered, first.amount_net), (2610.8, 522.16, 2088.64))
        first.workflow_fire("submit")
        self.expense(self.line_alfa, "F-2", 2000, day="2026-03-10")
        self.declaration(self.alfa, date_from="2026-03-01", submit_by=self.alfa_clerk, validate_by=self.lead_clerk)
        second = self.claim("Domanda 2", date_from="2026-03-01")
        # 20 % would be 522.16: only 477.84 of the advance is left
        self.assertEqual((second.advance_recovered, second.amount_net), (477.84, 2132.96))
        second.workflow_fire("submit")
        # once locked, a claim keeps what it recovered: later settings do not move it
        self.project.agreement_recovery_percent = 50
        self.assertEqual((first.advance_recovered, second.advance_recovered), (522.16, 477.84))
        self.assertEqual(self.project._money_figures()["recovered"], 1000)
        final = self.claim("Domanda finale", kind="final", date_from="2026-07-01", date_to="2027-12-31")
        self.assertEqual((final.amount_total, final.advance_recovered), (0, 0))

    def test_the_final_claim_recovers_what_is_left_with_the_final_rule(self):
        self.project.agreement_recovery_rule = "final"
        guarantee = self.guarantee(100000, "2029-01-31", issue_by=self.lead_clerk)
        self.receive_advance(1000, guarantee)
        self.expense(self.line_beta, "F-3", 2000, day="2026-02-10")
        self.declaration(self.beta, submit_by=self.beta_clerk, validate_by=self.lead_clerk)
        interim = self.claim("Domanda 1")
        self.assertEqual((interim.advance_recovered, interim.amount_net), (0, interim.amount_total))
        interim.kind = "final"
        self.assertEqual(interim.advance_recovered, 1000)
        self.assertEqual(interim.amount_net_in_words, "milleseicentodieci euro e ottanta centesimi")

    def test_the_claim_shows_what_the_adg_admitted_and_paid(self):
        claim = self.env.ref("fami_reporting.demo_claim_1")
        payments = self.env["fami.payment.received"].search([("claim_id", "=", claim.id),
                                                             ("workflow_state_code", "=", "received")])
        self.assertTrue(payments, "the demo has an interim payment against the demo claim")
        self.assertEqual((claim.amount_admitted, claim.amount_paid),
                         (sum(payments.mapped("amount_admitted")), sum(payments.mapped("amount"))))
        self.assertAlmostEqual(claim.amount_paid, claim.amount_net, places=2,
                               msg="the demo claim was admitted in full: the AdG paid the net amount")

    def test_a_claim_the_adg_paid_is_not_reopened(self):
        """Before: a manager reopened a paid claim and could change the items the AdG had paid."""
        claim = self.env.ref("fami_reporting.demo_claim_1")
        manager = self.env.ref("fami_partners.demo_user_responsabile")
        self.refused(lambda: claim.with_user(manager).workflow_fire("reopen", comment="Correzione"),
                     "cannot be reopened: the AdG paid it")
        self.assertEqual(claim.workflow_state_code, "submitted")
