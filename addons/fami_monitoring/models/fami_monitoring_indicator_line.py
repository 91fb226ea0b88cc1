from odoo import api, fields, models

from odoo.addons.fami_workflow.lib import bounds


class FamiMonitoringIndicatorLine(models.Model):
    """The physical section of a return: a project indicator, its value in the period and at the period's end,
    against its target. Written when the return is computed, frozen with it."""

    _name = "fami.monitoring.indicator.line"
    _description = "Indicator in a monitoring return"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("report_id",)
    _order = "report_id, sequence, id"
    # an indicator without a Date field is taken when the return is computed, and its value in the period is what it
    # moved since the previous return: it may fall (people no longer completing a course once sessions are added),
    # and the return shows that fall rather than refuse to compute
    _fami_bounds = {"value_period": bounds.COMPUTED_AMOUNT}

    report_id = fields.Many2one("fami.monitoring.report", string="Monitoring return", required=True,
                                ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    indicator_id = fields.Many2one("fami.indicator", ondelete="set null", readonly=True)
    code = fields.Char(readonly=True)
    name = fields.Char(string="Indicator name", readonly=True)
    unit = fields.Char(readonly=True)
    target = fields.Float(digits=(16, 2), readonly=True)
    value_period = fields.Float(string="Value in the period", digits=(16, 2), readonly=True)
    value_cumulative = fields.Float(string="Value at the period's end", digits=(16, 2), readonly=True)
    percent_target = fields.Float(string="% of target", compute="_compute_percent_target", store=True)
    dated = fields.Boolean(string="Placed in time", readonly=True,
                           help="The indicator's records carry a date, so its value is the one at the period's end; "
                                "otherwise the value when the return was computed.")

    @api.depends("target", "value_cumulative")
    def _compute_percent_target(self):
        for line in self:
            line.percent_target = line.value_cumulative / line.target * 100.0 if line.target else 0.0
