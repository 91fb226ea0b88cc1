from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    fami_project_partner_ids = fields.Many2many(
        "fami.project.partner", "fami_project_partner_res_users_rel", "res_users_id", "fami_project_partner_id",
        string="FAMI partnership links", readonly=True)
    fami_organisation_ids = fields.Many2many(
        "res.partner", string="FAMI organisations", compute="_compute_fami_organisation_ids",
        help="The organisations this user works for in FAMI projects; record rules restrict data to them.")

    @api.depends("fami_project_partner_ids.partner_id")
    def _compute_fami_organisation_ids(self):
        for user in self:
            # sudo: users may not read partnership links, yet record rules need the user's own organisations
            user.fami_organisation_ids = user.sudo().fami_project_partner_ids.partner_id
