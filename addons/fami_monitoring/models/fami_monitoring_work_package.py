from odoo import api, fields, models
from odoo.exceptions import UserError

from .fami_monitoring_report import COMPUTING

FIGURES = ("action_id", "sessions", "hours", "training_hours", "events", "accesses", "mediation_hours", "activities",
           "deviations_proposed", "working_group_proposed")
TEXTS = ("strengths", "deviations", "problems_solutions", "working_group_changes")


class FamiMonitoringWorkPackage(models.Model):
    """The procedural section of a return, per work package: what was done in the period (counted from the
    records) and what the lead partner writes about it. Frozen with its return."""

    _name = "fami.monitoring.work.package"
    _description = "Work package in a monitoring return"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("report_id",)
    _order = "report_id, sequence, id"

    report_id = fields.Many2one("fami.monitoring.report", string="Monitoring return", required=True,
                                ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    action_id = fields.Many2one("fami.project.action", string="Work package", ondelete="restrict", readonly=True)
    sessions = fields.Integer(string="Sessions held", readonly=True)
    hours = fields.Float(string="Hours held", readonly=True)
    training_hours = fields.Float(string="Training hours delivered", readonly=True,
                                  help="Hours of the sessions × the participants present (ore/allievo).")
    events = fields.Integer(readonly=True)
    accesses = fields.Integer(string="Service accesses", readonly=True)
    mediation_hours = fields.Float(string="Mediation hours", readonly=True)
    activities = fields.Text(string="Activities done", readonly=True)
    deviations_proposed = fields.Text(string="Deviations found", readonly=True,
                                      help="Sessions moved and deadlines not met in the period, from the records.")
    working_group_proposed = fields.Text(string="Working group changes found", readonly=True,
                                         help="People who joined or left the work since the previous period.")
    strengths = fields.Text(string="Strengths and success factors")
    deviations = fields.Text(string="Deviations from the timetable and why")
    problems_solutions = fields.Text(string="Problems met and solutions adopted")
    working_group_changes = fields.Text(string="Changes in the working group")

    def _compute_display_name(self):
        for line in self:
            line.display_name = line.action_id.display_name or self.env._("Not assigned to a work package")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_figures_from_records(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_figures_from_records([vals])
        return super().write(vals)

    def _check_figures_from_records(self, vals_list):
        if not COMPUTING.get() and any(set(FIGURES) & set(vals) for vals in vals_list):
            raise UserError(self.env._(
                "What was done in a work package is counted from the records: press Compute on the monitoring "
                "return instead of typing it. The texts (strengths, deviations, problems, working group) are yours "
                "to write."))

    def _has_text(self):
        self.ensure_one()
        return any(self[name] for name in TEXTS)

    def _fill_from_proposals(self):
        """What the records suggest becomes the text where nobody has written one yet."""
        for line in self:
            values = {text: line[proposal] for text, proposal in (("deviations", "deviations_proposed"),
                                                                  ("working_group_changes", "working_group_proposed"))
                      if not line[text] and line[proposal]}
            if values:
                line.write(values)
