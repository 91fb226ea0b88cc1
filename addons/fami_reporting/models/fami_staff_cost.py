from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import cost_rules


class FamiStaffCost(models.Model):
    """Approved timesheet hours × the person's rate, month by month, on the person's budget line."""

    _name = "fami.staff.cost"
    _description = "FAMI staff cost"
    _inherit = ["fami.claim.item"]
    _order = "month desc, employee_id"
    _claim_amount_field = "amount"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="restrict")
    month = fields.Date(required=True, help="First day of the month.")
    hours = fields.Float(required=True)
    hourly_rate = fields.Monetary(required=True, currency_field="currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id")
    budget_line_id = fields.Many2one("fami.budget.line", required=True, index=True, ondelete="restrict")
    project_id = fields.Many2one(related="budget_line_id.project_id", store=True, index=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    organisation_id = fields.Many2one(related="budget_line_id.organisation_id", store=True, index=True)
    action_id = fields.Many2one(related="budget_line_id.action_id", store=True, string="Work package")
    timesheet_ids = fields.Many2many("account.analytic.line", string="Source timesheet lines", readonly=True)
    payment_request_id = fields.Many2one("fami.payment.request", string="Claim", readonly=True, index=True)
    declaration_ids = fields.Many2many(
        "fami.partner.declaration", "fami_partner_declaration_staff_cost_rel", "staff_cost_id", "declaration_id",
        string="Declarations", readonly=True, copy=False,
        help="The partner's declaration to the lead partner holding the cost: it enters a claim once validated.")

    _sql_constraints = [("one_per_month", "unique(employee_id, month, budget_line_id)",
                         "Staff costs are computed once per person, month and budget line.")]

    def _fami_currency(self):
        """The currency amounts are printed in: the project's, else the euro."""
        return self.currency_id or self.env.ref("base.EUR", raise_if_not_found=False) or self.env.company.currency_id

    def _fami_report_lang(self):
        """The documents for the Ministry are in Italian, where Italian is installed (else in the user's language)."""
        return self.env["res.lang"]._get_code("it_IT") or self.env.lang

    @api.depends("hours", "hourly_rate")
    def _compute_amount(self):
        for cost in self:
            cost.amount = float(cost_rules.staff_cost(cost.hours, cost.hourly_rate))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_claimed(self):
        if self.payment_request_id:
            raise UserError(self.env._("This staff cost is in a claim: remove it from the claim first."))
        self._check_not_declared()

    def write(self, vals):
        if set(vals) - {"payment_request_id"}:  # a claim takes in a declared cost: only its claim is written
            # sudo: the state of the claim is read only to leave a submitted claim's own refusal to the engine
            self.filtered(lambda cost: not cost.sudo().payment_request_id.workflow_locked)._check_not_declared()
        return super().write(vals)

    def _locked_declarations(self):
        # sudo: only whether a declaration holding the cost is locked is read, to refuse changing it
        return self.sudo().declaration_ids.filtered("workflow_locked")

    def _check_not_declared(self):
        """A cost the partner declared to the lead partner is locked with its submitted or validated declaration."""
        for cost in self:
            declarations = cost._locked_declarations()
            if declarations:
                raise UserError(self.env._(
                    "%(cost)s is locked: the declaration %(declaration)s holding it is %(state)s. Ask the lead "
                    "partner to send the declaration back if a correction is needed.", cost=cost.display_name,
                    declaration=declarations[0].display_name, state=declarations[0].workflow_state_id.name))

    def _timesheet_grid(self):
        """Monthly timesheet of the person: one row per day of the month × one column per activity.

        Returns ``(activities, rows, totals, total)``: ``rows`` is a list of ``(date, [hours per activity], day
        total)`` covering every day of the month, ``totals`` the hours per activity and ``total`` the month's hours.
        """
        self.ensure_one()
        activities = sorted({line.name or line.project_id.name or "" for line in self.timesheet_ids})
        hours = defaultdict(float)
        for line in self.timesheet_ids:
            hours[(line.date, line.name or line.project_id.name or "")] += line.unit_amount
        rows = []
        day = self.month.replace(day=1)
        while day.month == self.month.month:
            values = [hours[(day, activity)] for activity in activities]
            rows.append((day, values, sum(values)))
            day += timedelta(days=1)
        totals = [sum(row[1][index] for row in rows) for index in range(len(activities))]
        return activities, rows, totals, sum(totals)

    @api.model
    def _budget_line_of_hours(self, line):
        """Hook: the budget line a timesheet line is charged to, or none (the line of the person's rate)."""
        return self.env["fami.budget.line"]

    @api.model
    def _generate(self, project, month_start, month_end):
        """(Re)compute the staff costs of a month from APPROVED timesheet lines of the project."""
        lines = self.env["account.analytic.line"].search([
            ("fami_project_id", "=", project.id), ("workflow_state_code", "=", "approved"),
            ("date", ">=", month_start), ("date", "<=", month_end)])
        # one cost per person and budget line: the line the hours name (fami_verification: the letter of
        # assignment's work package), else the line of the person's rate
        by_employee = lines.grouped(lambda line: (line.employee_id, self._budget_line_of_hours(line)))
        employees = self.env["hr.employee"].concat(*{employee for employee, _line in by_employee})
        rate_of, rate_on_line = {}, {}
        for rate in self.env["fami.staff.rate"].search([("employee_id", "in", employees.ids),
                                                        ("year", "=", month_start.year),
                                                        ("budget_line_id.project_id", "=", project.id)]):
            rate_of.setdefault(rate.employee_id, rate)
            rate_on_line[(rate.employee_id, rate.budget_line_id)] = rate
        existing_of = {(cost.employee_id, cost.budget_line_id): cost for cost in self.search([
            ("employee_id", "in", employees.ids), ("month", "=", month_start)])}
        costs, new_costs = self.browse(), []
        for (employee, hours_line), sources in by_employee.items():
            rate = rate_on_line.get((employee, hours_line)) or rate_of.get(employee)
            if not rate:
                raise UserError(self.env._("%(person)s has approved hours in %(month)s but no hourly rate for "
                                           "%(year)s: record the rate first.", person=employee.name,
                                           month=month_start.strftime("%m/%Y"), year=month_start.year))
            budget_line = hours_line or rate.budget_line_id
            existing = existing_of.get((employee, budget_line), self.browse())
            values = {"hours": sum(sources.mapped("unit_amount")), "hourly_rate": rate.hourly_rate,
                      "timesheet_ids": [(6, 0, sources.ids)]}
            if existing.payment_request_id or existing._locked_declarations():
                costs |= existing  # already claimed or declared: its figures are those the claim or declaration showed
            elif existing:
                existing.write(values)
                costs |= existing
            else:
                new_costs.append(dict(values, employee_id=employee.id, month=month_start,
                                      budget_line_id=budget_line.id))
        costs |= self.create(new_costs)
        return costs
