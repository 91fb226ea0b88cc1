from odoo import api, fields, models

from ..lib import periods


class FamiProjectDeadline(models.Model):
    """Each monitoring deadline of a project's timeline points to the return it asks for: the return is created
    with the deadline (planned from the template or added by hand), follows it while it is a draft when the
    project's dates move, and goes when the deadline is cancelled before anything was done on it."""

    _inherit = "fami.project.deadline"

    monitoring_report_id = fields.Many2one("fami.monitoring.report", string="Monitoring return", readonly=True,
                                           copy=False, index=True, ondelete="set null")

    @api.model_create_multi
    def create(self, vals_list):
        deadlines = super().create(vals_list)
        deadlines._plan_monitoring_reports()
        return deadlines

    def write(self, vals):
        result = super().write(vals)
        if {"date", "state", "deadline_type"} & set(vals):
            self._plan_monitoring_reports()
        return result

    def _monitoring_period(self):
        """(first day, last day) of the period this monitoring deadline closes, or None without project dates.

        Planned from a repeating template deadline: the n-th occurrence closes the n-th period of the rule
        (lib/periods.py), whatever the date it was later moved to; otherwise the three months before the month
        the deadline falls in."""
        self.ensure_one()
        project, template = self.project_id, self.template_deadline_id
        if template and template.repeat_months > 0 and template.offset_base == "start":
            siblings = project.deadline_ids.filtered(lambda d: d.template_deadline_id == template).sorted("id")
            period = periods.planned_period(project.date_start, project.date_end, list(siblings).index(self) + 1,
                                            template.offset_months, template.repeat_months)
            if period:
                return period
        if not self.date:
            return None
        months = template.repeat_months if template and template.repeat_months > 0 else 3
        return periods.period_before(self.date, project.date_start, months)

    def _plan_monitoring_reports(self):
        """Create the return of each open monitoring deadline that has none, move the period of those still in
        draft, and delete the draft returns of cancelled deadlines that nobody worked on."""
        # sudo: the returns follow the project's timeline, whoever plans or moves its deadlines (a manager, the
        # lead partner's staff); users change the returns themselves only through their own rights
        reports = self.env["fami.monitoring.report"].sudo()
        monitoring = self.filtered(lambda d: d.deadline_type == "monitoring" and not d.is_template)
        for deadline in monitoring:
            # sudo: as above, the deadline's own return, readable or not by whoever changes the deadline
            report = deadline.sudo().monitoring_report_id
            if deadline.state == "cancelled":
                if report and report._is_untouched():
                    report.unlink()
                continue
            period = deadline._monitoring_period()
            if not period:
                continue
            if not report:
                report = reports.create({"project_id": deadline.project_id.id, "deadline_id": deadline.id,
                                         "date_from": period[0], "date_to": period[1]})
                # sudo: the link is technical; users may not be allowed to change the deadline itself
                deadline.sudo().monitoring_report_id = report
            elif report.workflow_state_code == "draft" and (report.date_from, report.date_to) != period:
                report.write({"date_from": period[0], "date_to": period[1]})
