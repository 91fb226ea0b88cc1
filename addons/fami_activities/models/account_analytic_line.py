from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import schedule

SERVICE_KINDS = [("usl", "Health service (USL)"), ("school", "School"), ("prefettura", "Prefettura / Questura"),
                 ("municipality", "Municipal office"), ("job_centre", "Job centre"), ("court", "Court / UEPE"),
                 ("reception", "Reception centre"), ("other", "Other")]


class AccountAnalyticLine(models.Model):
    """Intercultural mediation hours are timesheet lines of the project, approved through fami_workflow."""

    _name = "account.analytic.line"
    _inherit = ["account.analytic.line", "fami.workflow.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "approved")
    _workflow_required_transitions = ("submit", "approve", "reject")

    fami_project_id = fields.Many2one("fami.project", string="FAMI project", index=True, ondelete="restrict")
    fami_is_mediation = fields.Boolean(string="Intercultural mediation", index=True)
    fami_service_kind = fields.Selection(SERVICE_KINDS, string="Where the mediation took place")
    fami_languages = fields.Char(string="Languages")
    fami_mode = fields.Selection([("individual", "Individual"), ("group", "Group")], string="Mediation mode",
                                 default="individual")
    fami_beneficiary_ids = fields.Many2many("fami.beneficiary", string="Beneficiaries helped")
    fami_time_start = fields.Float(string="From (hour)")
    fami_time_end = fields.Float(string="To (hour)")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        # sudo: every person named, also those the user's own read would hide; only refuses
        lines.sudo().fami_beneficiary_ids.with_env(self.env)._check_may_be_named(
            self._fields["fami_beneficiary_ids"]._description_string(self.env))
        return lines

    def write(self, vals):
        # sudo: the people named before this change, to find those it adds; only refuses
        before = self.sudo().fami_beneficiary_ids if "fami_beneficiary_ids" in vals else None
        result = super().write(vals)
        if before is not None:
            # sudo: as above, the people named after the change
            (self.sudo().fami_beneficiary_ids - before).with_env(self.env)._check_may_be_named(
                self._fields["fami_beneficiary_ids"]._description_string(self.env))
        return result

    def _check_can_write(self, values):
        # hr_timesheet lets users who do not approve timesheets change only their own lines; the hours of a FAMI
        # project follow the suite's organisation rules instead (a mediator changes their organisation's hours),
        # which the ORM enforces on every write
        fami_lines = self.filtered("fami_project_id") \
            if self.env.user.has_group("fami_partners.group_fami_user") else self.browse()
        return super(AccountAnalyticLine, self - fami_lines)._check_can_write(values)

    def _valid_field_parameter(self, field, name):
        # the workflow mixin tracks its state; timesheet lines have no chatter, so the parameter is harmless here
        return name == "tracking" or super()._valid_field_parameter(field, name)

    @api.onchange("fami_time_start", "fami_time_end")
    def _onchange_fami_times(self):
        if self.fami_time_end > self.fami_time_start:
            self.unit_amount = self.fami_time_end - self.fami_time_start

    @api.constrains("fami_project_id", "unit_amount", "date", "employee_id")
    def _check_fami_timesheet(self):
        """Hours on a FAMI project become staff costs: a date outside the programme or an impossible day is refused."""
        for line in self.filtered("fami_project_id"):
            # sudo: the day's total counts lines of the person the user may not see; only the sum is used
            others = self.sudo().search([("id", "!=", line.id), ("employee_id", "=", line.employee_id.id),
                                         ("date", "=", line.date)]) if line.employee_id else self.browse()
            problem = schedule.timesheet_problem(line.date, line.unit_amount, sum(others.mapped("unit_amount")))
            if problem == "date":
                raise ValidationError(self.env._(
                    "The Date %(date)s is outside the FAMI 2021-2027 programme (2021-2029): enter the day the hours "
                    "were worked.", date=line.date))
            if problem == "hours" and not line.fami_is_mediation:  # mediation hours have their own message below
                raise ValidationError(self.env._(
                    "Hours on a FAMI project must be more than 0 and at most 24, not %(hours)s: correct the Hours.",
                    hours=line.unit_amount))
            if problem == "day":
                raise ValidationError(self.env._(
                    "%(person)s would record more than 24 hours on %(date)s: correct the Hours.",
                    person=line.employee_id.name, date=line.date))

    @api.constrains("fami_is_mediation", "unit_amount", "date", "employee_id", "fami_time_start", "fami_time_end")
    def _check_mediation_hours(self):
        for line in self.filtered("fami_is_mediation"):
            if line.unit_amount <= 0 or line.unit_amount != line.unit_amount:  # NaN is not equal to itself
                raise ValidationError(self.env._("Mediation hours must be a positive number, not %(hours)s.",
                                                 hours=line.unit_amount))
            if line.fami_time_end or line.fami_time_start:
                if not 0 <= line.fami_time_start < line.fami_time_end <= 24:
                    raise ValidationError(self.env._("The mediation must end after it starts, within the day (0-24)."))
            same_day = self.search([("id", "!=", line.id), ("fami_is_mediation", "=", True),
                                    ("employee_id", "=", line.employee_id.id), ("date", "=", line.date)])
            if schedule.daily_hours_exceeded(sum(same_day.mapped("unit_amount")), line.unit_amount):
                raise ValidationError(self.env._(
                    "%(mediator)s would record more than 12 hours of mediation on %(date)s: check the hours.",
                    mediator=line.employee_id.name, date=line.date))
            for other in same_day.filtered(lambda o: o.fami_time_end > o.fami_time_start):
                if line.fami_time_end > line.fami_time_start and schedule.overlaps(
                        line.fami_time_start, line.fami_time_end, other.fami_time_start, other.fami_time_end):
                    raise ValidationError(self.env._(
                        "This mediation overlaps another entry of %(mediator)s on %(date)s (%(other)s): correct the "
                        "times.", mediator=line.employee_id.name, date=line.date, other=other.name))
