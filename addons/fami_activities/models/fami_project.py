from odoo import fields, models


class FamiProject(models.Model):
    _inherit = "fami.project"

    project_project_id = fields.Many2one("project.project", string="Timesheet project", readonly=True, copy=False,
                                         help="The project on which mediators record their hours.")
    training_hours_delivered = fields.Float(
        string="Training hours delivered (ore/allievo)", compute="_compute_training_hours_delivered",
        help="Sum over the sessions of the project's courses of their hours × the participants present.")

    def _compute_training_hours_delivered(self):
        # sudo: a project-wide total like the project's indicators, which count every organisation's records;
        # only the sum is read, no session
        totals = dict(self.env["fami.course.session"].sudo()._read_group(
            [("project_id", "in", self.ids)], groupby=["project_id"], aggregates=["training_hours_delivered:sum"]))
        for project in self:
            project.training_hours_delivered = totals.get(project, 0.0)

    def _get_timesheet_project(self):
        """The project.project that hr_timesheet needs for timesheet lines, created on first use."""
        self.ensure_one()
        if not self.project_project_id:
            # sudo: a technical project.project holds the mediation timesheets; mediators may not create projects
            self.sudo().project_project_id = self.env["project.project"].sudo().create({
                "name": self.display_name, "allow_timesheets": True})
        return self.project_project_id
