from odoo import fields, models


class FamiChecklistQuestion(models.Model):
    """A question of a checklist, answered yes, no or not applicable for each item examined."""

    _name = "fami.checklist.question"
    _description = "FAMI verification checklist question"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("fami.checklist.template", string="Checklist", required=True, index=True,
                                  ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Question", required=True, translate=True)
    guidance = fields.Text(translate=True, help="What to look at to answer, e.g. the document to open.")
