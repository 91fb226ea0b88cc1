from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .fami_verification import DRAWING

ANSWERS = [("yes", "Yes"), ("no", "No"), ("na", "Not applicable")]


class FamiVerificationAnswer(models.Model):
    """The answer to a question of a checklist for an item examined, with the question's wording as it was asked."""

    _name = "fami.verification.answer"
    _description = "FAMI verification checklist answer"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("line_id",)
    _order = "line_id, checklist, sequence, id"
    _rec_name = "question"

    line_id = fields.Many2one("fami.verification.line", string="Item", required=True, index=True,
                              ondelete="cascade")
    verification_id = fields.Many2one(related="line_id.verification_id", store=True, index=True)
    question_id = fields.Many2one("fami.checklist.question", string="Checklist question", index=True,
                                  ondelete="set null", readonly=True)
    checklist = fields.Char(readonly=True)
    sequence = fields.Integer(default=10)
    # in every language the checklist had it in when it was asked
    question = fields.Char(required=True, readonly=True, translate=True)
    answer = fields.Selection(ANSWERS)
    note = fields.Text(help="What was seen; needed when the answer is no.")

    def _question_in_language(self):
        """The question in the language of the environment: as it was asked in that language; in a language
        installed after it was asked, the checklist's wording in it while the question still reads as it was asked
        (the same question), else the wording asked (the checklist was changed since)."""
        self.ensure_one()
        lang = self.env.lang or "en_US"
        self.flush_recordset(["question"])
        self.env.cr.execute(SQL("SELECT question ? %s FROM %s WHERE id = %s", lang, SQL.identifier(self._table),
                                self.id))
        if self.env.cr.fetchone()[0]:
            return self.question
        # sudo: the wording of the checklist question this answer was asked from, whoever prints it
        question = self.question_id.sudo()
        if question and question.with_context(lang="en_US").name == self.with_context(lang="en_US").question:
            return question.name
        return self.question

    def _ask_in_every_language(self):
        """Each question as its checklist words it in every language, when it is asked."""
        asked = self.filtered("question_id")
        if not asked:
            return
        self.env["fami.checklist.question"].flush_model(["name"])
        asked.flush_recordset(["question"])
        self.env.cr.execute(SQL(
            "UPDATE %s answer SET question = question.name FROM %s question "
            "WHERE answer.question_id = question.id AND answer.id IN %s",
            SQL.identifier(self._table), SQL.identifier(self.env["fami.checklist.question"]._table),
            tuple(asked.ids)))
        asked.invalidate_recordset(["question"])

    @api.model_create_multi
    def create(self, vals_list):
        if not DRAWING.get():
            raise UserError(self.env._("The questions of an item come from its checklists when the sample is drawn: "
                                       "edit the checklist (FAMI > Verification > Verification checklists) instead."))
        answers = super().create(vals_list)
        answers._ask_in_every_language()
        return answers

    def write(self, vals):
        if set(vals) - {"answer", "note"} and not DRAWING.get():
            self.check_access("write")  # rights first: the refusal must not tell a stranger anything
            raise UserError(self.env._("Only the answer and the note of a checklist question are given by the "
                                       "verifier."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_drawing(self):
        if not DRAWING.get():
            raise UserError(self.env._("The questions of an item examined stay with it: answer not applicable "
                                       "where one does not apply."))

    @api.constrains("answer", "note")
    def _check_note(self):
        for answer in self.filtered(lambda a: a.answer == "no" and not (a.note or "").strip()):
            raise ValidationError(self.env._(
                "Answering no to “%(question)s” for %(item)s needs a Note saying what is wrong.",
                question=answer.question, item=answer.line_id.description))
