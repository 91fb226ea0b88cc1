from odoo import Command, api, fields, models

# The FAMI home (fami_reporting): users of a FAMI role land on the project dashboard, not on Discuss.
FAMI_HOME_ACTION = "fami_reporting.action_fami_dashboard"


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

    @api.model
    def _fami_user_domain(self):
        """Where a FAMI screen chooses a person: the users of a FAMI role, not Odoo's other (demo) users."""
        fami_user = self.env.ref("fami_partners.group_fami_user", raise_if_not_found=False)
        return [("groups_id", "in", fami_user.ids)] if fami_user else []

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._fami_assign_home_action()
        return users

    @api.model
    def _fami_assign_home_action_to_all(self):
        """Called when the dashboard is installed: every user of a FAMI role without a home action gets it."""
        fami_user = self.env.ref("fami_partners.group_fami_user", raise_if_not_found=False)
        if fami_user:
            # sudo: the members of the FAMI roles are listed by the installer, whoever runs the update
            self.sudo().search([("groups_id", "in", fami_user.ids)])._fami_assign_home_action()

    def _fami_assign_home_action(self):
        """The dashboard becomes the home action of the internal users of a FAMI role who have none: Odoo opens a
        user's home action (Preferences > Home action) after login, otherwise the first app (Discuss). A home
        action chosen for the user stays."""
        home = self.env.ref(FAMI_HOME_ACTION, raise_if_not_found=False)
        if not home:
            return
        # sudo: the home action is set by the system for the users being created or given a role, whoever does it
        users = self.sudo().filtered(lambda user: not user.action_id and not user.share
                                     and user.has_group("fami_partners.group_fami_user"))
        if users:
            users.write({"action_id": home.id})

    def write(self, vals):
        """Odoo hands every internal user the groups added to the default user template (`base.default_user`):
        each core app the suite installs (Employees, Project, Timesheets) adds its Administrator group there, so
        every trainer, mediator, clerk and auditor would administer those apps. Users of a FAMI role keep the
        groups of their role: what the template gains is taken back from them (Settings administrators excepted,
        they hold every app's administrator group anyway)."""
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        fami_user = self.env.ref("fami_partners.group_fami_user", raise_if_not_found=False)
        gives_groups = any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals)
        if "groups_id" not in vals or not template or template not in self or not fami_user:
            result = super().write(vals)
            if gives_groups:
                self._fami_assign_home_action()
            return result
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
