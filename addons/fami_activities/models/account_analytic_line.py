from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import create_index, format_date

from ..lib import schedule

SERVICE_KINDS = [("usl", "Health service (USL)"), ("school", "School"), ("prefettura", "Prefettura / Questura"),
                 ("municipality", "Municipal office"), ("job_centre", "Job centre"), ("court", "Court / UEPE"),
                 ("reception", "Reception centre"), ("other", "Other")]


def hour_label(hour):
    """9.5 -> "09:30": a time of a mediation as the form shows it."""
    minutes = round((hour or 0.0) * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class AccountAnalyticLine(models.Model):
    """Intercultural mediation hours are timesheet lines of the project, approved through fami_workflow. They
    have a chatter and activities (the approver's), like every governed record of the suite; Odoo's other
    analytic lines get no creation message, follower or tracking from it."""

    _name = "account.analytic.line"
    _inherit = ["account.analytic.line", "fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "approved")
    _workflow_required_transitions = ("submit", "approve", "reject")

    fami_project_id = fields.Many2one("fami.project", string="FAMI project", index=True, ondelete="restrict",
                                      default=lambda self: self._default_fami_project())
    fami_is_mediation = fields.Boolean(string="Intercultural mediation", index=True)
    fami_service_kind = fields.Selection(SERVICE_KINDS, string="Where the mediation took place")
    fami_languages = fields.Char(string="Languages")
    fami_mode = fields.Selection([("individual", "Individual"), ("group", "Group")], string="Mediation mode",
                                 default="individual")
    fami_beneficiary_ids = fields.Many2many("fami.beneficiary", string="Beneficiaries helped")
    fami_time_start = fields.Float(string="From (hour)")
    fami_time_end = fields.Float(string="To (hour)")

    def init(self):
        result = super().init()
        # a project's approved mediation hours up to a day (its indicator, the monitoring return, the dashboard)
        # are summed from this index alone, without visiting the timesheet table: 38 ms -> 2.5 ms at scale 1
        create_index(self.env.cr, "account_analytic_line_fami_mediation_index", self._table,
                     ["fami_project_id", "workflow_state_code", "date", "unit_amount"], where="fami_is_mediation")
        return result

    @api.model
    def _default_fami_project(self):
        """A mediator records hours on the FAMI project they work on, when they see only one."""
        if not self.env.context.get("default_fami_is_mediation"):
            return False
        projects = self.env["fami.project"].search([], limit=2)
        return projects.id if len(projects) == 1 else False

    @api.depends("project_id", "task_id", "fami_is_mediation", "date", "fami_time_start", "fami_time_end",
                 "fami_service_kind", "name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        mediations = self.filtered("fami_is_mediation")
        result = super(AccountAnalyticLine, self - mediations)._compute_display_name()
        kinds = dict(self._fields["fami_service_kind"]._description_selection(self.env))
        for line in mediations:
            # a mediation is told apart by its day, time and place, not by its project (all share it)
            parts = [format_date(self.env, line.date) if line.date else ""]
            if line.fami_time_end > line.fami_time_start:
                parts[0] = f"{parts[0]} {hour_label(line.fami_time_start)}-{hour_label(line.fami_time_end)}"
            if line.fami_service_kind:
                parts.append(kinds.get(line.fami_service_kind, ""))
            if line.name and line.name != "/":
                parts.append(line.name)
            line.display_name = self.env._("Mediation %(what)s", what=" · ".join(filter(None, parts)))
        return result

    @api.onchange("fami_project_id")
    def _onchange_fami_project_id(self):
        if self.fami_project_id:
            self.project_id = self.fami_project_id._get_timesheet_project()

    @api.model
    def _fami_complete_values(self, vals):
        """The hours of a FAMI mediation go on its project's timesheet project; between two times, they are the
        time between them (a quantity typed over the times is not kept)."""
        if vals.get("fami_project_id") and (vals.get("fami_is_mediation") or not vals.get("project_id")):
            vals["project_id"] = self.env["fami.project"].browse(vals["fami_project_id"])._get_timesheet_project().id
        start, end = vals.get("fami_time_start"), vals.get("fami_time_end")
        if start is not None and end is not None and end > start:
            vals["unit_amount"] = round(end - start, 4)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._fami_complete_values(dict(vals)) for vals in vals_list]
        model = self
        if not any(vals.get("fami_project_id") or vals.get("fami_is_mediation") for vals in vals_list):
            # Odoo's own analytic lines (other projects, accounting): no chatter message, follower or tracking
            model = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
        lines = super(AccountAnalyticLine, model).create(vals_list).with_env(self.env)
        # sudo: every person named, also those the user's own read would hide; only refuses
        lines.sudo().fami_beneficiary_ids.with_env(self.env)._check_may_be_named(
            self._fields["fami_beneficiary_ids"]._description_string(self.env))
        return lines

    def write(self, vals):
        # sudo: the people named before this change, to find those it adds; only refuses
        before = self.sudo().fami_beneficiary_ids if "fami_beneficiary_ids" in vals else None
        if ("project_id" in vals or vals.get("fami_project_id")) and self and all(self.mapped("fami_is_mediation")):
            # a mediation stays on its FAMI project's timesheet project, also when another one is sent over RPC
            project = self.env["fami.project"].browse(vals.get("fami_project_id")) or self.fami_project_id
            if len(project) == 1:
                vals = dict(vals, project_id=project._get_timesheet_project().id)
        result = super().write(vals)
        if {"fami_time_start", "fami_time_end", "unit_amount"} & set(vals):
            # between two times the hours are the time between them, whatever was typed in the Hours
            for line in self.filtered(lambda line: line.fami_time_end > line.fami_time_start):
                hours = round(line.fami_time_end - line.fami_time_start, 4)
                if abs(line.unit_amount - hours) > 1e-6:
                    super(AccountAnalyticLine, line).write({"unit_amount": hours})
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

    def workflow_fire(self, code, comment=None):
        # a month of hours moves in one go: the engine's note says what moved, without Odoo's tracking message on
        # each line (a query per line)
        return super(AccountAnalyticLine, self.with_context(mail_notrack=True)).workflow_fire(code, comment)

    def _workflow_close_activities(self):
        """The approver's activities on the hours are closed together (Odoo's feedback posts a message per
        activity: approving a month of hours would cost queries per line); the engine's note records the move."""
        # sudo: the engine's own approval activities, whoever they were assigned to
        self._workflow_own_activities().sudo().unlink()

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
            # the times first: an end before the start also leaves the hours at 0
            if line.fami_time_end or line.fami_time_start:
                if line.fami_time_end <= line.fami_time_start:
                    raise ValidationError(self.env._(
                        "The end time must be after the start time: From %(start)s, To %(end)s. Correct the times.",
                        start=hour_label(line.fami_time_start), end=hour_label(line.fami_time_end)))
                if not 0 <= line.fami_time_start < line.fami_time_end <= 24:
                    raise ValidationError(self.env._(
                        "The times of a mediation must be within the day (00:00-24:00): correct From and To."))
            if line.unit_amount <= 0 or line.unit_amount != line.unit_amount:  # NaN is not equal to itself
                raise ValidationError(self.env._(
                    "The Hours of a mediation must be more than 0: enter the times From and To, or the Hours."))
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
