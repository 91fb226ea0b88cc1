from odoo import fields, models


class FamiProject(models.Model):
    _name = "fami.project"
    _description = "FAMI project"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(tracking=True)
    cup = fields.Char(string="CUP", size=15, tracking=True)
    date_start = fields.Date(string="Start date")
    date_end = fields.Date(string="End date")
    partner_ids = fields.One2many("fami.project.partner", "project_id", string="Partnership")
