from odoo import fields, models


class FamiNetworkActivityLine(models.TransientModel):
    _name = "fami.network.activity.line"
    _description = "Organisation active in a quarter"
    _order = "sequence, id"

    wizard_id = fields.Many2one("fami.network.activity", required=True, ondelete="cascade")
    sequence = fields.Integer()
    link_id = fields.Many2one("fami.project.partner", string="Organisation", ondelete="cascade")
    category = fields.Char(string="Network category")
    role = fields.Selection([("lead", "Lead partner"), ("partner", "Project partner"), ("network", "Network member")])
    meeting_count = fields.Integer(string="Meetings")
    session_count = fields.Integer(string="Course sessions")
    event_count = fields.Integer(string="Events")
    activity = fields.Char(string="Activity in the quarter")
