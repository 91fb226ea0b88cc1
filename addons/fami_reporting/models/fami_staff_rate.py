from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import cost_rules


class FamiStaffRate(models.Model):
    """The hourly rate of a person for a year: annual gross cost / 1,720 hours (art. 55), or a standard unit cost."""

    _name = "fami.staff.rate"
    _description = "FAMI staff hourly rate"
    _order = "year desc, employee_id"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="restrict")
    year = fields.Integer(required=True)
    method = fields.Selection([("annual_cost", "Annual gross cost / 1,720 hours"),
                               ("unit_cost", "Standard unit cost")], required=True, default="annual_cost")
    annual_cost = fields.Float(string="Annual gross employment cost")
    unit_cost = fields.Float(string="Standard unit cost per hour")
    hourly_rate = fields.Float(compute="_compute_hourly_rate", store=True, digits=(16, 2))
    budget_line_id = fields.Many2one("fami.budget.line", string="Budget line", required=True)

    _sql_constraints = [("one_per_year", "unique(employee_id, year, budget_line_id)",
                         "A person has one rate per year and budget line.")]

    @api.depends("method", "annual_cost", "unit_cost")
    def _compute_hourly_rate(self):
        for rate in self:
            rate.hourly_rate = float(cost_rules.hourly_rate(rate.annual_cost)) if rate.method == "annual_cost" \
                else float(cost_rules.cents(rate.unit_cost))

    @api.constrains("annual_cost", "unit_cost", "year")
    def _check_values(self):
        for rate in self:
            for field in ("annual_cost", "unit_cost"):
                if rate[field] < 0:
                    raise ValidationError(self.env._(
                        "%(field)s cannot be negative: enter the cost in euros, 0 or more.",
                        field=rate._fields[field].get_description(self.env)["string"]))
            if not 2021 <= rate.year <= 2029:
                raise ValidationError(self.env._(
                    "The year %(year)s is outside the FAMI 2021-2027 eligibility (2021-2029).",
                    year=rate.year))
