from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.fami_reporting.lib import cost_rules

from .fami_checklist_template import ITEM_TYPES
from .fami_verification import DRAWING, OUTCOMES

# what the verifier decides on an item; the rest is recorded by the draw
DECIDED_FIELDS = frozenset({"outcome", "admitted_amount", "reason", "answer_ids"})


class FamiVerificationLine(models.Model):
    """An item of the claim as the verification recorded it (its amount when the sample was drawn), whether it is in
    the sample, and, when examined, its checklist and outcome: admitted, partially admitted (the amount admitted and
    why), not admitted (why). Locked with the completed verification."""

    _name = "fami.verification.line"
    _description = "FAMI verification item"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("verification_id",)
    _order = "verification_id, sampled desc, stratum, amount desc, id"
    _rec_name = "description"

    verification_id = fields.Many2one("fami.verification", required=True, index=True, ondelete="cascade")
    currency_id = fields.Many2one(related="verification_id.currency_id")
    item_ref = fields.Char(string="Reference", required=True, readonly=True,
                           help="The item as the workbook names it: model and id.")
    item_type = fields.Selection(ITEM_TYPES, string="Kind of item", required=True, readonly=True)
    expense_id = fields.Many2one("fami.expense", index=True, readonly=True, ondelete="cascade")
    staff_cost_id = fields.Many2one("fami.staff.cost", string="Staff cost", index=True, readonly=True,
                                    ondelete="cascade")
    description = fields.Char(string="Item", readonly=True)
    organisation_id = fields.Many2one("res.partner", string="Partner", readonly=True)
    category_id = fields.Many2one("fami.cost.category", string="Cost category", readonly=True)
    amount = fields.Monetary(string="Amount claimed", currency_field="currency_id", readonly=True,
                             help="The item's amount when the sample was drawn.")
    stratum = fields.Integer(string="Amount band", readonly=True,
                             help="0: at or above the threshold, always examined; 1, 2, 3: small to large amounts.")
    sampled = fields.Boolean(string="Examined", readonly=True)
    outcome = fields.Selection(OUTCOMES)
    admitted_amount = fields.Monetary(string="Amount admitted", currency_field="currency_id",
                                      help="For an item partially admitted: the part admitted.")
    not_admitted_amount = fields.Monetary(string="Not admitted", compute="_compute_not_admitted_amount",
                                          store=True, currency_field="currency_id")
    reason = fields.Text(help="Why the item is not, or only partly, admitted: it goes in the report.")
    answer_ids = fields.One2many("fami.verification.answer", "line_id", string="Checklist")
    checklist_summary = fields.Char(string="Checklist progress", compute="_compute_checklist_summary")

    @api.model_create_multi
    def create(self, vals_list):
        if not DRAWING.get():
            raise UserError(self.env._("The items of a verification are recorded by Draw the sample, not added by "
                                       "hand: they are the items of the claim."))
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - DECIDED_FIELDS and not DRAWING.get():
            self.check_access("write")  # rights first: the refusal must not tell a stranger anything
            raise UserError(self.env._(
                "Only the outcome, the amount admitted, the reason and the checklist of an item are given by the "
                "verifier; the item and its amount are recorded by Draw the sample."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_drawing(self):
        if not DRAWING.get():
            raise UserError(self.env._("The items of a verification follow the claim's: draw the sample again to "
                                       "record the claim's items as they are now."))

    @api.depends("outcome", "amount", "admitted_amount")
    def _compute_not_admitted_amount(self):
        for line in self:
            amount = cost_rules.cents(line.amount)
            line.not_admitted_amount = float({
                "partial": amount - cost_rules.cents(line.admitted_amount), "not_admitted": amount,
            }.get(line.outcome, 0))

    @api.depends("answer_ids.answer")
    def _compute_checklist_summary(self):
        for line in self:
            answers = line.answer_ids.mapped("answer")
            line.checklist_summary = self.env._(
                "%(done)s of %(count)s answered, %(no)s no", done=len([a for a in answers if a]),
                count=len(answers), no=answers.count("no")) if answers else ""

    @api.constrains("outcome", "admitted_amount", "reason", "sampled")
    def _check_outcome(self):
        for line in self.filtered("outcome"):
            if not line.sampled:
                raise ValidationError(self.env._(
                    "%(item)s is not in the sample of %(verification)s: only the items examined get an outcome.",
                    item=line.description, verification=line.verification_id.display_name))
            if line.outcome in ("partial", "not_admitted") and not (line.reason or "").strip():
                raise ValidationError(self.env._(
                    "Write the Reason why %(item)s is %(outcome)s: it goes in the report.", item=line.description,
                    outcome=dict(self._fields["outcome"]._description_selection(self.env))[line.outcome]))
            if line.outcome == "partial" and not 0 < line.admitted_amount < line.amount:
                raise ValidationError(self.env._(
                    "The Amount admitted of %(item)s, partially admitted, must be more than 0 and less than its "
                    "amount claimed, %(amount)s.", item=line.description,
                    amount=format_amount(self.env, line.amount, line.currency_id)))

    @api.onchange("outcome")
    def _onchange_outcome(self):
        if self.outcome != "partial":
            self.admitted_amount = 0.0

    def _add_checklists(self):
        """The questions of the item's checklists, for the lines examined that have none yet."""
        Template = self.env["fami.checklist.template"]
        answers = []
        for line in self.filtered(lambda examined: not examined.answer_ids):
            for template in Template._for_item(line.item_type, line.category_id):
                answers += [{"line_id": line.id, "question_id": question.id, "question": question.name,
                             "checklist": template.name, "sequence": question.sequence}
                            for question in template.question_ids]
        self.env["fami.verification.answer"].create(answers)

    def action_open(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new", "name": self.description}
