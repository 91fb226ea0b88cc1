from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from odoo.addons.fami_workflow.lib import bounds

from ..lib import staff_time

# a share of working time or of items, in %: the models' own rules refuse 0 where they need more, in their words
PERCENT = bounds.Bound(0, 100)

ROLES = [("management", "Project management (WP0)"), ("coordination", "Coordination"), ("trainer", "Trainer"),
         ("mediator", "Intercultural mediator"), ("administration", "Administration"), ("other", "Other")]


class FamiStaffAssignment(models.Model):
    """A letter of assignment (lettera di incarico / ordine di servizio): who works on the project, for which partner,
    in which role and work package, over which period, for how many hours or which share of their working time, at
    the hourly rate of the Art. 55 rules. Hours are charged under it, within its period, work package and hours."""

    _name = "fami.staff.assignment"
    _description = "FAMI letter of assignment (lettera di incarico)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    # shares are percentages, whatever the basis; _check_assignment says what each needs in words of its own
    _fami_bounds = {"time_share": PERCENT, "working_time": PERCENT}

    name = fields.Char(string="Reference", required=True, tracking=True, copy=False,
                       help="The protocol number of the signed letter, e.g. LI-2026/04.")
    employee_id = fields.Many2one("hr.employee", string="Person", required=True, index=True, ondelete="restrict",
                                  tracking=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict", tracking=True)
    organisation_id = fields.Many2one("res.partner", string="Partner", required=True, index=True, tracking=True,
                                      domain=[("is_company", "=", True)],
                                      default=lambda self: self.env.user.fami_organisation_ids[:1])
    role = fields.Selection(ROLES, required=True, tracking=True)
    action_id = fields.Many2one("fami.project.action", string="Work package", required=True, index=True,
                                tracking=True, domain="[('project_id', '=', project_id)]")
    budget_line_id = fields.Many2one(
        "fami.budget.line", string="Budget line", required=True, index=True, ondelete="restrict", tracking=True,
        domain="[('project_id', '=', project_id), ('organisation_id', '=', organisation_id), "
               "('action_id', '=', action_id)]",
        help="The staff line of the partner in the work package: the monthly staff costs of these hours go there.")
    date_start = fields.Date(string="From", required=True, tracking=True)
    date_end = fields.Date(string="To", required=True, tracking=True)
    basis = fields.Selection([("hours", "Hours"), ("share", "Share of working time")], string="Time assigned as",
                             required=True, default="hours", tracking=True)
    hours = fields.Float(string="Hours assigned", tracking=True)
    time_share = fields.Float(string="Share of working time (%)", tracking=True,
                              help="The share of the person's working time given to the project over the period.")
    working_time = fields.Float(
        string="Working time (% of full time)", default=100.0, tracking=True,
        help="The person's contract: 100 % full time, 50 % half time. A person's approved hours on all funded "
             "projects in a year stay within 1,720 hours x this share (Reg. 2021/1060 art. 55, pro rata).")
    hours_allowed = fields.Float(string="Hours allowed", compute="_compute_hours_allowed", store=True,
                                 digits=(16, 2))
    hours_recorded = fields.Float(string="Hours recorded", compute="_compute_hours_recorded", digits=(16, 2))
    hourly_rate = fields.Float(string="Hourly rate", compute="_compute_hourly_rate", digits=(16, 2),
                               help="The person's rate of the first year of the letter (Hourly rates: annual gross "
                                    "cost / 1,720 hours, art. 55, or a standard unit cost).")
    signed_letter = fields.Binary(string="Signed letter", attachment=True, copy=False)
    signed_letter_filename = fields.Char()
    timesheet_ids = fields.One2many("account.analytic.line", "fami_assignment_id", string="Hours")
    currency_id = fields.Many2one(related="project_id.currency_id")

    @api.depends("basis", "hours", "time_share", "working_time", "date_start", "date_end")
    def _compute_hours_allowed(self):
        for assignment in self:
            try:
                assignment.hours_allowed = float(staff_time.assignment_cap(
                    assignment.basis, assignment.hours, assignment.time_share, assignment.working_time,
                    assignment.date_start, assignment.date_end)) if assignment.date_start and assignment.date_end \
                    else 0.0
            except ValueError:
                assignment.hours_allowed = 0.0  # _check_assignment says why

    @api.depends("timesheet_ids.unit_amount")
    def _compute_hours_recorded(self):
        for assignment in self:
            # sudo: the total of the hours charged under the letter, whoever reads it
            assignment.hours_recorded = sum(assignment.sudo().timesheet_ids.mapped("unit_amount"))

    @api.depends("employee_id", "date_start", "budget_line_id")
    def _compute_hourly_rate(self):
        for assignment in self:
            assignment.hourly_rate = assignment._rate_of_year(assignment.date_start.year).hourly_rate \
                if assignment.date_start else 0.0

    def _rate_of_year(self, year):
        """The person's Art. 55 rate of `year` on the letter's budget line, else on another line of the project."""
        self.ensure_one()
        # sudo: a person's rate is the partner's salary data; the letter only shows the hourly figure
        rates = self.env["fami.staff.rate"].sudo().search([
            ("employee_id", "=", self.employee_id.id), ("year", "=", year),
            ("budget_line_id.project_id", "=", self.project_id.id)])
        return rates.filtered(lambda rate: rate.budget_line_id == self.budget_line_id)[:1] or rates[:1]

    @api.constrains("date_start", "date_end", "basis", "hours", "time_share", "working_time", "budget_line_id",
                    "project_id", "organisation_id", "action_id", "employee_id")
    def _check_assignment(self):
        for assignment in self:
            project = assignment.project_id
            if assignment.date_end < assignment.date_start:
                raise ValidationError(self.env._(
                    "The letter %(letter)s ends (%(end)s) before it starts (%(start)s): correct From or To.",
                    letter=assignment.name, end=format_date(self.env, assignment.date_end),
                    start=format_date(self.env, assignment.date_start)))
            if (project.date_start and assignment.date_start < project.date_start) or (
                    project.date_end and assignment.date_end > project.date_end):
                raise ValidationError(self.env._(
                    "The letter %(letter)s (%(start)s – %(end)s) goes beyond the project %(project)s (%(pstart)s – "
                    "%(pend)s): keep its period within the project's.", letter=assignment.name,
                    start=format_date(self.env, assignment.date_start), end=format_date(self.env, assignment.date_end),
                    project=project.name, pstart=format_date(self.env, project.date_start),
                    pend=format_date(self.env, project.date_end)))
            line = assignment.budget_line_id
            if (line.project_id, line.organisation_id, line.action_id) != (
                    project, assignment.organisation_id, assignment.action_id):
                raise ValidationError(self.env._(
                    "The budget line %(line)s is not a line of %(partner)s in the work package %(wp)s of %(project)s: "
                    "choose the partner's staff line of that work package.", line=line.display_name,
                    partner=assignment.organisation_id.name, wp=assignment.action_id.display_name,
                    project=project.name))
            if not 0 < assignment.working_time <= 100:
                raise ValidationError(self.env._(
                    "The Working time of %(letter)s must be more than 0 and at most 100 %% of full time, not "
                    "%(share)s.", letter=assignment.name, share=assignment.working_time))
            if assignment.basis == "hours" and not assignment.hours > 0:
                raise ValidationError(self.env._(
                    "Enter the Hours assigned by the letter %(letter)s (more than 0).", letter=assignment.name))
            if assignment.basis == "share" and not 0 < assignment.time_share <= 100:
                raise ValidationError(self.env._(
                    "The Share of working time of %(letter)s must be more than 0 and at most 100 %%, not %(share)s.",
                    letter=assignment.name, share=assignment.time_share))
            # sudo: another partner's letter for the same person and work package is a conflict all the same
            overlapping = self.sudo().search([
                ("id", "!=", assignment.id), ("employee_id", "=", assignment.employee_id.id),
                ("project_id", "=", project.id), ("action_id", "=", assignment.action_id.id),
                ("date_start", "<=", assignment.date_end), ("date_end", ">=", assignment.date_start)], limit=1)
            if overlapping:
                raise ValidationError(self.env._(
                    "%(person)s already has the letter %(other)s for the work package %(wp)s over %(start)s – "
                    "%(end)s: a person has one letter per work package at a time. Change the period or amend that "
                    "letter.", person=assignment.employee_id.name, other=overlapping.name,
                    wp=assignment.action_id.display_name, start=format_date(self.env, overlapping.date_start),
                    end=format_date(self.env, overlapping.date_end)))
            # the hours already charged under the letter must still fit it
            # sudo: every hour charged under the letter counts, whoever changes the letter
            assignment.sudo().timesheet_ids._check_fami_assignment()

    def _refusal_for(self, line):
        """Why the timesheet line does not fit this letter (a sentence naming it), or False."""
        self.ensure_one()
        if not self.signed_letter:
            return self.env._(
                "The letter of assignment %(letter)s of %(person)s has no signed letter attached: attach the signed "
                "letter before charging hours under it.", letter=self.name, person=self.employee_id.name)
        if line.employee_id != self.employee_id or line.fami_project_id != self.project_id:
            return self.env._(
                "The letter of assignment %(letter)s is for %(person)s on %(project)s: the hours of %(other)s on "
                "%(line_project)s cannot be charged under it.", letter=self.name, person=self.employee_id.name,
                project=self.project_id.name, other=line.employee_id.name, line_project=line.fami_project_id.name)
        if not self.date_start <= line.date <= self.date_end:
            return self.env._(
                "The hours of %(person)s on %(date)s are outside the period of the letter of assignment %(letter)s "
                "(%(start)s – %(end)s): correct the date, or charge them under a letter covering it.",
                person=self.employee_id.name, date=format_date(self.env, line.date), letter=self.name,
                start=format_date(self.env, self.date_start), end=format_date(self.env, self.date_end))
        if line.fami_action_id and line.fami_action_id != self.action_id:
            return self.env._(
                "The hours of %(person)s on %(date)s are for the work package %(wp)s, outside the letter of "
                "assignment %(letter)s (work package %(letter_wp)s): charge them under the letter of that work "
                "package.", person=self.employee_id.name, date=format_date(self.env, line.date),
                wp=line.fami_action_id.display_name, letter=self.name, letter_wp=self.action_id.display_name)
        # sudo: all the hours charged under the letter count, those the user cannot read too
        recorded = sum(self.sudo().timesheet_ids.mapped("unit_amount"))
        if recorded > self.hours_allowed + 1e-6:
            return self.env._(
                "%(person)s would have %(recorded)s hours under the letter of assignment %(letter)s, more than the "
                "%(allowed)s hours it allows: reduce the hours or amend the letter.", person=self.employee_id.name,
                recorded=round(recorded, 2), letter=self.name, allowed=self.hours_allowed)
        return False
