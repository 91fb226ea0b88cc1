import base64
import io
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.fami_reporting.tests.spreadsheet import recalculate

from ..lib import sampling
from .common import FILE, VerificationCase, workbook_bytes

CENT = Decimal("0.01")
RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


def cents(value):
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@tagged("post_install", "-at_install")
class TestClaimVerification(VerificationCase):
    """The claim is sent only verified, and what the verifier did not admit is out of its totals, its cover letter
    and its workbook (recalculated as a spreadsheet does), to the cent; as the demo users."""

    def refused(self, exception, text, function):
        with self.assertRaises(exception) as caught, mute_logger(*RULE_LOGGERS), self.env.cr.savepoint():
            function()
        self.assertIn(text, str(caught.exception))
        return str(caught.exception)

    def staff_cost(self):
        person = self.employee("Maria Rossi")
        self.env["fami.staff.rate"].create({"employee_id": person.id, "year": 2026, "annual_cost": 35000,
                                            "budget_line_id": self.line_staff.id})
        self.letter(person)
        lines = self.hours(person, "2026-03-02", 9, 12.5) | self.hours(person, "2026-03-03", 14, 16.25)
        lines.workflow_fire("submit")
        lines.workflow_fire("approve")
        return self.env["fami.staff.cost"]._generate(self.project, date(2026, 3, 1), date(2026, 3, 31))

    def verify(self, claim, kind="auditor", user=None, **values):
        user = user or (self.revisore if kind == "auditor" else self.legal_expert)
        verification = self.env["fami.verification"].with_user(user).create(dict({
            "claim_id": claim.id, "kind": kind, "verifier_id": user.id}, **values))
        verification.action_draw_sample()
        return verification

    def answer_all(self, verification):
        verification.line_ids.answer_ids.write({"answer": "yes"})

    def sign_and_complete(self, verification):
        verification.write({"signed_report": FILE, "signed_report_filename": "verbale-firmato.pdf"})
        verification.workflow_fire("complete")

    def test_a_claim_is_sent_only_verified_and_without_what_was_not_admitted(self):
        printing, catering, taxi = self.approve(
            self.expense("F-1", 1000, 220) | self.expense("F-2", 333.33, 73.33) | self.expense("F-3", 99.99))
        cost = self.staff_cost()
        claim = self.claim_of()
        self.assertEqual((claim.expense_ids, claim.staff_cost_ids), (printing | catering | taxi, cost))
        as_manager = claim.with_user(self.manager)
        self.refused(UserError, "it has no verification by the independent auditor",
                     lambda: as_manager.workflow_fire("submit"))

        verification = self.verify(claim)
        self.assertEqual(len(verification.line_ids), 4)
        self.refused(UserError, "the verification by the independent auditor is not completed",
                     lambda: as_manager.workflow_fire("submit"))
        lines = {line.expense_id or line.staff_cost_id: line for line in verification.line_ids}
        self.answer_all(verification)
        self.refused(UserError, "Give an outcome", lambda: verification.workflow_fire("complete"))
        lines[printing].write({"outcome": "partial", "admitted_amount": 1000.01,
                               "reason": "Parte delle copie per un altro progetto"})
        lines[taxi].write({"outcome": "not_admitted", "reason": "Taxi non previsto dal budget"})
        lines[cost].write({"outcome": "partial", "admitted_amount": 100,
                           "reason": "Un'ora fuori dall'orario della lettera di incarico"})
        lines[catering].write({"outcome": "admitted"})
        self.refused(ValidationError, "Write the Reason", lambda: lines[catering].write({"outcome": "not_admitted"}))
        self.refused(UserError, "Attach the Signed report", lambda: verification.workflow_fire("complete"))
        self.refused(UserError, "Only the verifier, Carlo Mancini", lambda: verification.with_user(
            self.legal_expert).sudo().workflow_fire("complete"))
        self.refused(AccessError, "", lambda: verification.with_user(self.manager).workflow_fire("complete"))
        self.sign_and_complete(verification)
        self.assertEqual(verification.workflow_state_code, "completed")
        self.assertIn("verbale-firmato.pdf", claim.message_ids.attachment_ids.mapped("name"),
                      "the signed report is attached to the claim")

        # computed here, independently, to the cent
        eligible = cents(1220) + cents(406.66) + cents(99.99)
        staff = cents(Decimal("5.75") * cents(Decimal(35000) / 1720))  # 5.75 hours x 20.35
        not_admitted = (cents(1220) - cents(1000.01)) + cents(99.99) + (staff - cents(100))
        direct = eligible + staff - not_admitted
        indirect = (direct * 7 / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        self.assertEqual((staff, not_admitted, direct), (Decimal("117.01"), Decimal("336.99"), Decimal("1506.67")))

        def check_workbook(content):
            book = openpyxl.load_workbook(io.BytesIO(content))
            values = recalculate(book)
            summary = {row[0].value: row[0].row for row in book["Summary"].iter_rows(min_row=4) if row[0].value}
            self.assertEqual(values["Summary", f"E{summary['Total']}"], direct)
            self.assertEqual(values["Summary", f"E{summary['Amount requested']}"], direct + indirect)
            shown = {row[0]: row for row in book["Expenses"].iter_rows(min_row=2, values_only=True)}
            self.assertEqual(book["Expenses"]["L1"].value, "Not admitted")
            self.assertEqual((shown[f"fami.expense,{printing.id}"][10], shown[f"fami.expense,{printing.id}"][11]),
                             (1220, 219.99), "the item stays in the workbook, with what was not admitted beside it")
            self.assertEqual(shown[f"fami.expense,{taxi.id}"][11], 99.99)
            staff_row = next(book["Staff"].iter_rows(min_row=2, values_only=True))
            self.assertEqual((staff_row[8], staff_row[9]), (117.01, 17.01))

        # the workbook of the verified claim, as produced before sending it
        check_workbook(workbook_bytes(claim.with_user(self.manager)))

        as_manager.workflow_fire("submit")
        self.assertEqual(claim.workflow_state_code, "submitted")
        # the workbook as sent stays with the locked claim: the auditor and the manager download it, and nothing of
        # the claim is written (before: producing it wrote the locked claim and was refused)
        def kept():
            attachment = self.env["ir.attachment"].search([("res_model", "=", claim._name), ("res_id", "=", claim.id),
                                                           ("res_field", "=", "workbook")])
            return attachment.ids, attachment.checksum, attachment.write_date

        sent = kept()
        self.assertTrue(sent[0], "the workbook is kept with the claim when it is sent")
        for user in (self.revisore, self.manager):
            with self.subTest(user=user.login):
                action = claim.with_user(user).action_export_workbook()
                self.assertEqual(action["url"], f"/web/content/fami.payment.request/{claim.id}/workbook/"
                                                f"rendicontazione-{claim.id}.xlsx?download=true")
                check_workbook(base64.b64decode(claim.with_user(user).workbook))
                self.assertEqual(kept(), sent, "downloading it writes nothing")

        form = Form(claim.with_user(self.manager))
        self.assertEqual((cents(form.direct_amount), cents(form.indirect_amount), cents(form.amount_total),
                          cents(form.not_admitted_total)), (direct, indirect, direct + indirect, not_admitted))

        html = self.env["ir.actions.report"].with_user(self.manager)._render_qweb_html(
            "fami_reporting.report_claim_letter", claim.ids)[0].decode()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")
        self.assertIn(f"{direct + indirect:,.2f}", text)
        self.assertNotIn(f"{eligible + staff + cents((eligible + staff) * 7 / 100):,.2f}", text)
        self.assertRegex(text, rf"non ammessi dalla verifica \( ?{not_admitted:,.2f}")

    def test_what_a_verification_examined_must_still_be_the_claims_when_it_is_sent(self):
        first = self.approve(self.expense("F-10", 800, 176))
        claim = self.claim_of()
        verification = self.verify(claim)
        self.answer_all(verification)
        verification.line_ids.write({"outcome": "admitted"})
        self.sign_and_complete(verification)
        late = self.approve(self.expense("F-11", 50))
        claim_items_before = claim.expense_ids
        self.declare()
        late.payment_request_id = claim
        self.assertEqual(claim.expense_ids, claim_items_before | late)
        self.refused(UserError, "the items of the claim changed after", lambda: claim.with_user(
            self.manager).workflow_fire("submit"))
        self.assertIn("F-11", claim.verification_problem)
        # the verifier reopens, draws again (the earlier outcome is kept) and completes
        verification.with_user(self.revisore).workflow_fire("reopen", comment="Nuova spesa nella domanda")
        verification.with_user(self.revisore).action_draw_sample()
        self.assertEqual(verification.line_ids.filtered(lambda line: line.expense_id == first).outcome, "admitted")
        self.answer_all(verification)
        verification.line_ids.filtered(lambda line: not line.outcome).write({"outcome": "admitted"})
        verification.with_user(self.revisore).workflow_fire("complete")
        claim.with_user(self.manager).workflow_fire("submit")
        # once the claim is sent, its verification is evidence: not reopened, not rewritten
        as_revisore = verification.with_user(self.revisore)
        self.refused(UserError, "stays as it was sent", lambda: as_revisore.workflow_fire("reopen", comment="x"))
        self.refused(UserError, "locked", lambda: as_revisore.line_ids[:1].write({"outcome": "not_admitted",
                                                                                   "reason": "ripensamento"}))

    def test_a_sample_drawn_before_its_figures_were_kept_keeps_its_record(self):
        """Version 18.0.1.0.0 recorded the sample as text only; its migration moves the text to sample_record_text,
        which the record shows as long as no new draw replaces it."""
        self.approve(self.expense("OLD-1", 300))
        verification = self.verify(self.claim_of(), sampling="sample", seed=7, sample_rate=50)
        written = "Estratto il 02/12/2026 11:32:06 da Carlo Mancini, seme 7"
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE fami_verification SET sample_data = NULL, sample_record_text = %s "
                                "WHERE id = %s", written, verification.id))
        verification.invalidate_recordset()
        self.assertEqual(verification.sample_record, written)
        self.refused(UserError, "not typed", lambda: verification.with_user(self.revisore).write(
            {"sample_record_text": "tutto regolare"}))

    def test_the_sample_of_a_seed_is_the_same_on_two_runs_and_holds_every_item_above_the_threshold(self):
        amounts = [12.5, 80, 95.2, 150, 310, 420.75, 999.99, 1200, 1500, 2400, 4999.99, 5000, 7300, 18000]
        expenses = self.approve(self.env["fami.expense"].concat(*(
            self.expense(f"S-{index}", amount) for index, amount in enumerate(amounts))))
        claim = self.claim_of()
        verification = self.verify(claim, sampling="sample", seed=4242, threshold=5000, sample_rate=25, strata=3)
        first = sorted(verification.line_ids.filtered("sampled").mapped("item_ref"))
        record = verification.sample_record
        verification.action_draw_sample()
        self.assertEqual(sorted(verification.line_ids.filtered("sampled").mapped("item_ref")), first)
        above = expenses.filtered(lambda expense: expense.eligible_amount >= 5000)
        self.assertEqual(len(above), 3)
        self.assertLessEqual({f"fami.expense,{expense.id}" for expense in above}, set(first))
        self.assertEqual(len(first), 3 + 1 + 1 + 1, "25 % of 3, 4 and 4 items rounds up to one each")
        expected = sampling.draw([(f"fami.expense,{expense.id}", expense.eligible_amount) for expense in expenses],
                                 4242, 5000, 25, 3)
        self.assertEqual(tuple(first), expected.selected, "anyone can draw it again from the recorded seed")
        self.assertIn("seed 4242", record)
        self.assertIn(", ".join(first), record)
        self.assertTrue(verification.sample_date)
        # another seed draws another sample; the recorded one comes back with its seed
        drawn = set()
        for seed in (1, 2, 3, 4242):
            verification.seed = seed
            self.assertFalse(verification.sample_date, "a change of the settings voids the recorded sample")
            verification.action_draw_sample()
            drawn.add(tuple(sorted(verification.line_ids.filtered("sampled").mapped("item_ref"))))
        self.assertGreater(len(drawn), 1)
        self.assertEqual(sorted(verification.line_ids.filtered("sampled").mapped("item_ref")), first)
        self.assertIn("seed 4242", verification.sample_record)
        # the sample is drawn, never typed
        as_revisore = verification.with_user(self.revisore)
        self.refused(UserError, "not typed", lambda: as_revisore.write({"sample_record": "tutto regolare"}))
        self.refused(UserError, "Draw the sample", lambda: as_revisore.line_ids[:1].write({"sampled": False}))
        self.refused(UserError, "Draw the sample", lambda: as_revisore.line_ids[:1].write({"amount": 1}))
        unexamined = as_revisore.line_ids.filtered(lambda line: not line.sampled)[:1]
        self.refused(ValidationError, "not in the sample", lambda: unexamined.write({"outcome": "admitted"}))

    def test_each_verifier_changes_only_their_own_verification(self):
        self.approve(self.expense("F-20", 500, 110, procurement_procedure="direct", cig="A1B2C3D4E5"))
        claim = self.claim_of()
        auditor = self.verify(claim)
        legal = self.verify(claim, kind="legal")
        self.assertEqual(legal.line_ids.item_type, "procurement")
        self.assertTrue(legal.line_ids.answer_ids.filtered(lambda answer: "CIG" in answer.question))
        self.refused(AccessError, "", lambda: auditor.line_ids.with_user(self.legal_expert).write(
            {"outcome": "admitted"}))
        self.refused(AccessError, "", lambda: legal.line_ids.with_user(self.revisore).write({"outcome": "admitted"}))
        for user in (self.manager, self.clerk):
            self.refused(AccessError, "", lambda u=user: auditor.line_ids.with_user(u).write({"outcome": "admitted"}))
            self.refused(AccessError, "", lambda u=user: auditor.with_user(u).write({"conclusion": "Tutto bene"}))
        self.assertEqual(auditor.with_user(self.clerk).line_ids.amount, 610, "the partner reads its claim's")
        self.refused(ValidationError, "choose a user of the group", lambda: auditor.with_user(
            self.revisore).write({"verifier_id": self.manager.id}))

        # the auditor's verification alone does not send a claim holding procurement
        self.answer_all(auditor)
        auditor.line_ids.write({"outcome": "admitted"})
        self.sign_and_complete(auditor)
        self.refused(UserError, "the verification by the legal expert of its procurement is not completed",
                     lambda: claim.with_user(self.manager).workflow_fire("submit"))
        self.answer_all(legal)
        legal.line_ids.write({"outcome": "admitted"})
        self.sign_and_complete(legal)
        claim.with_user(self.manager).workflow_fire("submit")
        self.assertEqual(claim.workflow_state_code, "submitted")

    def test_the_report_is_in_italian_with_outcomes_checklists_and_signatures(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.env["ir.module.module"]._load_module_terms(["fami_verification"], ["it_IT"], overwrite=True)
        printing = self.approve(self.expense("F-30", 1000, 220))
        claim = self.claim_of()
        verification = self.verify(claim)
        verification.line_ids.answer_ids[:1].write({"answer": "no", "note": "Manca il timbro di annullo"})
        verification.line_ids.answer_ids[1:].write({"answer": "yes"})
        verification.line_ids.write({"outcome": "partial", "admitted_amount": 900, "reason": "Quota non pertinente"})
        html = self.env["ir.actions.report"].with_user(self.revisore)._render_qweb_html(
            "fami_verification.report_verification", verification.ids)[0].decode()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")
        for words in ("Verbale di verifica", "Importi per esito", "Risultati delle check list",
                      "Il revisore indipendente", "Carlo Mancini", "Manca il timbro di annullo", "Quota non pertinente",
                      "Parzialmente ammesso", printing.display_name, "320,00", "900,00"):
            self.assertIn(words, text)
        # the heading of the project's documents (before: no EU emblem text, no Managing Authority)
        text = text.replace("&#39;", "'")
        self.project.invalidate_recordset()
        for words in ("Cofinanziato dall'Unione europea", "Fondo Asilo, Migrazione e Integrazione (FAMI) 2021-2027",
                      "Autorità di Gestione (AdG)", f"CUP {self.project.cup}"):
            self.assertIn(words, text)
        self.assertNotIn("Autorità Responsabile", text)
        self.assertNotRegex(text, r"\b20\d\d-\d\d-\d\d\b", "dates are printed dd/mm/yyyy")
        # drawn by a verifier working in English: the sampling line, the totals by outcome and the questions of the
        # checklists are printed in Italian too (before: "Drawn on Dec 2, 2026, 11:32:06 PM", "Admitted", the
        # questions as asked in English)
        self.assertIn("Drawn on", verification.sample_record, "the form speaks the verifier's language")
        self.assertRegex(text, r"Tutte le voci della domanda esaminate\. "
                               r"Estratto il \d\d/\d\d/20\d\d \d\d:\d\d:\d\d da Carlo Mancini")
        self.assertIn("Il documento è intestato al partner e indica il progetto (titolo e CUP).", text)
        for english in ("Every item", "Drawn on", "Admitted", "Partially admitted", "The document is addressed"):
            self.assertNotIn(english, text)
        self.assertIn("Sì", text)
        # a question reworded after the draw: the report keeps the wording that was asked
        question = self.env.ref("fami_verification.checklist_expense_q1")
        question.with_user(self.manager).with_context(lang="it_IT").name = "Il documento riporta il CUP."
        html = self.env["ir.actions.report"].with_user(self.revisore)._render_qweb_html(
            "fami_verification.report_verification", verification.ids)[0].decode()
        self.assertNotIn("Il documento riporta il CUP.", html)
        self.assertIn("Il documento è intestato al partner e indica il progetto (titolo e CUP).", html)

    def test_trainers_and_mediators_see_only_their_own_hours_and_letters_in_the_verification_menu(self):
        """Before: trainers and mediators saw every verification menu (claims verified, items, checklists)."""
        ref = self.env.ref
        staff_only = [ref(f"fami_verification.{xmlid}") for xmlid in (
            "menu_fami_verification", "menu_fami_verification_line", "menu_fami_staff_hours",
            "menu_fami_expense_split", "menu_fami_checklist_template")]
        everyone = [ref("fami_verification.menu_fami_staff_hours_mine"),
                    ref("fami_verification.menu_fami_staff_assignment")]
        for login, sees_staff_menus in (("formatore", False), ("mediatore", False), ("amministrativo", True),
                                        ("revisore", True), ("responsabile", True)):
            with self.subTest(user=login):
                user = ref(f"fami_partners.demo_user_{login}")
                visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                self.assertEqual([menu.id in visible for menu in staff_only], [sees_staff_menus] * len(staff_only))
                self.assertTrue(all(menu.id in visible for menu in everyone))
