import contextvars
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# set only while staff costs are computed from approved hours, in this process (an RPC caller cannot set it)
GENERATING = contextvars.ContextVar("fami_verification_staff_costs_generating", default=False)
# what a staff cost is made of: it changes only when its hours are computed again
COMPUTED_FROM_HOURS = frozenset({"employee_id", "month", "hours", "hourly_rate", "budget_line_id", "timesheet_ids"})


class FamiStaffCost(models.Model):
    """Staff costs are approved hours x the person's rate, per person, month and work package (the budget line of
    the letter of assignment the hours are charged under), computed by a scheduled action every day; a staff cost
    changes only through its hours."""

    _inherit = "fami.staff.cost"

    verification_line_ids = fields.One2many("fami.verification.line", "staff_cost_id", string="Verification")
    assignment_ids = fields.Many2many("fami.staff.assignment", compute="_compute_assignment_ids",
                                      string="Letters of assignment")

    @api.depends("timesheet_ids.fami_assignment_id")
    def _compute_assignment_ids(self):
        for cost in self:
            cost.assignment_ids = cost.timesheet_ids.fami_assignment_id

    @api.depends("payment_request_id", "verification_line_ids.not_admitted_amount",
                 "verification_line_ids.verification_id.workflow_state_code")
    def _compute_not_admitted_amount(self):
        for cost in self:
            cost.not_admitted_amount = cost._not_admitted_by(cost.verification_line_ids)

    @api.model
    def _budget_line_of_hours(self, line):
        return line.fami_assignment_id.budget_line_id or super()._budget_line_of_hours(line)

    # ------------------------------------------------------------ a staff cost changes only through its hours

    @api.model_create_multi
    def create(self, vals_list):
        costs = super().create(vals_list)  # the input guard and the claim's lock speak first, in their own words
        if not GENERATING.get() and not self.env.su:
            raise UserError(self._typed_refusal())
        return costs

    def write(self, vals):
        if COMPUTED_FROM_HOURS & set(vals) and not GENERATING.get() and not self.env.su:
            self.check_access("write")  # rights first: the refusal must not tell a stranger anything
            raise UserError(self._typed_refusal())
        return super().write(vals)

    def _typed_refusal(self):
        return self.env._(
            "Staff costs are computed from the approved hours x the person's hourly rate, per month and work package "
            "(every day by a scheduled action, or by Compute staff costs on a claim): they are not typed. Correct "
            "the hours or the rate instead.")

    @api.model
    def _generate(self, project, month_start, month_end):
        token = GENERATING.set(True)
        try:
            return super()._generate(project, month_start, month_end)
        finally:
            GENERATING.reset(token)

    @api.model
    def _cron_compute_monthly(self):
        """Every month of every project with approved hours: its staff costs computed again from them (those a claim
        or a declaration holds keep the figures it showed). A month that cannot be computed (a rate missing) is
        skipped and said in the log; the others go on."""
        groups = self.env["account.analytic.line"]._read_group(
            [("fami_project_id", "!=", False), ("workflow_state_code", "=", "approved")],
            ["fami_project_id", "date:month"])
        for project, month in groups:
            try:
                with self.env.cr.savepoint():
                    self._generate(project, month, month + relativedelta(months=1, days=-1))
            except UserError as error:
                _logger.info("Staff costs of %s for %s not computed: %s", project.name, month.strftime("%m/%Y"),
                             error)
        return True

    def _fami_monthly_sheets(self):
        """The monthly timesheets of the people and months of these costs, all their hours on the project."""
        keys = sorted({(cost.employee_id, cost.project_id, cost.month.replace(day=1)) for cost in self},
                      key=lambda key: (key[2], key[0].name or "", key[1].id))
        return [self.env["account.analytic.line"]._fami_monthly_sheet(*key) for key in keys]
