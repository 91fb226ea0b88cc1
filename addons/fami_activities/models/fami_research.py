from odoo import fields, models


class FamiResearch(models.Model):
    """An action-research study; its deliverables are attached in the chatter."""

    _name = "fami.research"
    _description = "FAMI action research"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True)
    topic = fields.Selection([("mediation", "Intercultural mediation"), ("housing", "Social housing"),
                              ("labour", "Labour inclusion"), ("financial", "Access to financial services"),
                              ("other", "Other")], required=True, default="mediation")
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    organisation_id = fields.Many2one("res.partner", domain=[("is_company", "=", True)])
    date_start = fields.Date(string="From")
    date_end = fields.Date(string="To")
    state = fields.Selection([("planned", "Planned"), ("ongoing", "Ongoing"), ("done", "Completed")],
                             default="planned", required=True, tracking=True)
    summary = fields.Html()
