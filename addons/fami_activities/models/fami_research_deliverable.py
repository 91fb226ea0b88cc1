from odoo import fields, models


class FamiResearchDeliverable(models.Model):
    """A deliverable of an action-research study (report, questionnaire, guidelines...) and its file. It is part of
    the study's evidence: once the study is approved it is frozen with it (not changed, added or removed, its file
    not replaced through ir.attachment either: fami.workflow.frozen.mixin)."""

    _name = "fami.research.deliverable"
    _description = "Deliverable of an action research"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("research_id",)
    _order = "research_id, sequence, id"

    research_id = fields.Many2one("fami.research", string="Action research", required=True, ondelete="cascade",
                                  index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Deliverable", required=True)
    file = fields.Binary(attachment=True, copy=False)
    filename = fields.Char(string="File name")
