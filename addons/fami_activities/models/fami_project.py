from odoo import fields, models


class FamiProject(models.Model):
    _inherit = "fami.project"

    project_project_id = fields.Many2one("project.project", string="Timesheet project", readonly=True, copy=False,
                                         help="The project on which mediators record their hours.")

    def _get_timesheet_project(self):
        """The project.project that hr_timesheet needs for timesheet lines, created on first use."""
        self.ensure_one()
        if not self.project_project_id:
            # sudo: a technical project.project holds the mediation timesheets; mediators may not create projects
            self.sudo().project_project_id = self.env["project.project"].sudo().create({
                "name": self.display_name, "allow_timesheets": True})
        return self.project_project_id
