from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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
    question = fields.Char(required=True, readonly=True)
    answer = fields.Selection(ANSWERS)
    note = fields.Text(help="What was seen; needed when the answer is no.")

    def _question_in_language(self):
        """The question in the language of the environment: the checklist's wording in that language while the
        question still reads as it was asked (in a language the checklist has: the same question), else the
        wording as it was asked (the checklist was changed since)."""
        self.ensure_one()
        # sudo: the wording of the checklist question this answer was asked from, whoever prints it
        question = self.question_id.sudo()
        if question:
            languages = [lang for lang, _name in self.env["res.lang"].get_installed()]
            if self.question in {question.with_context(lang=lang).name for lang in {*languages, "en_US"}}:
                return question.name
        return self.question

    @api.model_create_multi
    def create(self, vals_list):
        if not DRAWING.get():
            raise UserError(self.env._("The questions of an item come from its checklists when the sample is drawn: "
                                       "edit the checklist (FAMI > Verification > Verification checklists) instead."))
        return super().create(vals_list)

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
