from odoo import Command, api, fields, models


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

    def write(self, vals):
        """Odoo hands every internal user the groups added to the default user template (`base.default_user`):
        each core app the suite installs (Employees, Project, Timesheets) adds its Administrator group there, so
        every trainer, mediator, clerk and auditor would administer those apps. Users of a FAMI role keep the
        groups of their role: what the template gains is taken back from them (Settings administrators excepted,
        they hold every app's administrator group anyway)."""
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        fami_user = self.env.ref("fami_partners.group_fami_user", raise_if_not_found=False)
        if "groups_id" not in vals or not template or template not in self or not fami_user:
            return super().write(vals)
        # sudo: the members of the roles are listed to keep their groups, whoever edits the template
        groups = self.env["res.groups"].sudo()
        role_users = groups.browse(fami_user.id).users - groups.browse(self.env.ref("base.group_system").id).users
        role_users -= self
        groups_before = {user: user.groups_id for user in role_users}
        result = super().write(vals)
        for user, held in groups_before.items():
            gained = user.groups_id - held
            if gained:
                user.write({"groups_id": [Command.unlink(group.id) for group in gained]})
        return result
