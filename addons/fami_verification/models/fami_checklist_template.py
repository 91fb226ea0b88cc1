from odoo import api, fields, models

ITEM_TYPES = [("expense", "Expense"), ("staff", "Staff cost"), ("procurement", "Procurement")]


class FamiChecklistTemplate(models.Model):
    """The questions a verifier answers for an item of a claim, per kind of item: expenses (of some cost categories,
    or all), staff costs, procurement (the legal expert's). Editable in the UI; a verification keeps the wording of
    the questions it asked."""

    _name = "fami.checklist.template"
    _description = "FAMI verification checklist"
    _inherit = ["mail.thread"]
    _order = "item_type, sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    item_type = fields.Selection(ITEM_TYPES, string="Items checked", required=True, default="expense",
                                 tracking=True)
    category_ids = fields.Many2many(
        "fami.cost.category", string="Cost categories",
        help="The cost categories of the expenses this checklist applies to; empty: expenses of every category that "
             "no other checklist names.")
    question_ids = fields.One2many("fami.checklist.question", "template_id", string="Questions", copy=True)
    question_count = fields.Integer(string="Questions asked", compute="_compute_question_count")
    note = fields.Text(string="Guidance", translate=True)

    @api.depends("question_ids")
    def _compute_question_count(self):
        for template in self:
            template.question_count = len(template.question_ids)

    @api.model
    def _for_item(self, item_type, category):
        """The checklists of an item: those naming its cost category, else those of every category."""
        templates = self.search([("item_type", "=", item_type)])
        if item_type != "expense":
            return templates
        return templates.filtered(lambda template: category in template.category_ids) \
            or templates.filtered(lambda template: not template.category_ids)
