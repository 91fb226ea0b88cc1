from odoo import api, fields, models

from ..lib import participants

DIMENSIONS = [("total", "Total"), ("gender", "Sex"), ("age_band", "Age band"), ("nationality", "Nationality"),
              ("target_group", "Target group"), ("vulnerable", "Vulnerability")]


class FamiMonitoringParticipantLine(models.Model):
    """A cell of the participants section: distinct people reached in the period and up to its end, in one group of
    one breakdown. Counts only: special-category groups (GDPR art. 9) are never shown person by person. The
    publication version shows 1 to 4 people as "<5" (threshold in Settings). Frozen with its return."""

    _name = "fami.monitoring.participant.line"
    _description = "Participants in a monitoring return"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("report_id",)
    _order = "report_id, sequence, id"

    report_id = fields.Many2one("fami.monitoring.report", string="Monitoring return", required=True,
                                ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    dimension = fields.Selection(DIMENSIONS, string="Breakdown", required=True, readonly=True)
    key = fields.Char(readonly=True)
    label = fields.Char(string="Group", readonly=True)
    target_group_id = fields.Many2one("fami.target.group", string="Target group", ondelete="set null",
                                      readonly=True)
    special_category = fields.Boolean(string="Special-category data", readonly=True)
    count_period = fields.Integer(string="People in the period", readonly=True)
    count_cumulative = fields.Integer(string="People (cumulative)", readonly=True)
    public_period = fields.Char(string="Published: period", compute="_compute_public")
    public_cumulative = fields.Char(string="Published: cumulative", compute="_compute_public")

    @api.depends("count_period", "count_cumulative")
    def _compute_public(self):
        threshold = self.env["fami.monitoring.report"]._small_cell_threshold()
        for line in self:
            line.public_period = str(participants.publication_cell(line.count_period, threshold))
            line.public_cumulative = str(participants.publication_cell(line.count_cumulative, threshold))
