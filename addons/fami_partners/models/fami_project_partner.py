from odoo import fields, models


class FamiProjectPartner(models.Model):
    _name = "fami.project.partner"
    _description = "FAMI project partner or network member"
    _order = "project_id, role, id"

    project_id = fields.Many2one("fami.project", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Organisation", required=True, ondelete="restrict",
                                 domain=[("is_company", "=", True)], index=True)
    role = fields.Selection([("lead", "Lead partner"), ("partner", "Project partner"),
                             ("network", "Network member")], required=True, default="partner")
    user_ids = fields.Many2many("res.users", string="Users working for it on the project")
