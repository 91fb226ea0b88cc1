from odoo import fields, models


class FamiCourse(models.Model):
    _name = "fami.course"
    _description = "FAMI course"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, tracking=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
