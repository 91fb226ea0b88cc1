from odoo import fields, models


class FamiProject(models.Model):
    _inherit = "fami.project"

    monitoring_report_ids = fields.One2many("fami.monitoring.report", "project_id", string="Monitoring returns")
    monitoring_report_count = fields.Integer(string="Number of monitoring returns",
                                             compute="_compute_monitoring_report_count")

    def _compute_monitoring_report_count(self):
        counts = dict(self.env["fami.monitoring.report"]._read_group(
            [("project_id", "in", self.ids)], ["project_id"], ["__count"]))
        for project in self:
            project.monitoring_report_count = counts.get(project, 0)

    def action_open_monitoring_reports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_monitoring.fami_monitoring_report_action")
        action.update(domain=[("project_id", "=", self.id)], context={"default_project_id": self.id})
        return action
