from odoo import api, fields, models


class FamiMonitoringFinancialLine(models.Model):
    """The financial section of a return: expenditure of a cost category and partner incurred and paid in the period
    and up to its end, against the latest approved budget. Written when the return is computed, frozen with it."""

    _name = "fami.monitoring.financial.line"
    _description = "Expenditure in a monitoring return"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("report_id",)
    _order = "report_id, sequence, id"

    report_id = fields.Many2one("fami.monitoring.report", string="Monitoring return", required=True,
                                ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    currency_id = fields.Many2one(related="report_id.currency_id")
    category_id = fields.Many2one("fami.cost.category", string="Cost category", ondelete="restrict", readonly=True)
    organisation_id = fields.Many2one("res.partner", string="Partner", ondelete="restrict", readonly=True)
    budget = fields.Monetary(string="Approved budget", currency_field="currency_id", readonly=True)
    incurred_period = fields.Monetary(string="Incurred in the period", currency_field="currency_id", readonly=True)
    paid_period = fields.Monetary(string="Paid in the period", currency_field="currency_id", readonly=True)
    incurred_cumulative = fields.Monetary(string="Incurred (cumulative)", currency_field="currency_id",
                                          readonly=True)
    paid_cumulative = fields.Monetary(string="Paid (cumulative)", currency_field="currency_id", readonly=True)
    percent_budget = fields.Float(string="% of budget", compute="_compute_percent_budget", store=True)

    @api.depends("budget", "incurred_cumulative")
    def _compute_percent_budget(self):
        for line in self:
            line.percent_budget = line.incurred_cumulative / line.budget * 100.0 if line.budget else 0.0
