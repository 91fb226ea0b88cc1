from collections import defaultdict
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, formatLang

from ..lib import staff_time


class AccountAnalyticLine(models.Model):
    """Hours of every role on a FAMI project (management, coordination, trainers, administration, mediation) are
    timesheet lines approved through the workflow; charged under a letter of assignment they stay within its period,
    work package and hours, and say when they were worked. The same hour is never charged to two projects, and a
    person's approved hours on all funded projects stay within 1,720 hours a year x their working time."""

    _inherit = "account.analytic.line"

    fami_assignment_id = fields.Many2one(
        "fami.staff.assignment", string="Letter of assignment", index=True, ondelete="restrict",
        domain="[('employee_id', '=', employee_id), ('project_id', '=', fami_project_id)]",
        help="The letter the hours are charged under: found from the person, the day and the work package when "
             "left empty.")
    fami_action_id = fields.Many2one("fami.project.action", string="Work package", index=True,
                                     domain="[('project_id', '=', fami_project_id)]")
    fami_role = fields.Selection(related="fami_assignment_id.role", string="Role")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._fami_fill_assignment(vals)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("fami_assignment_id") and not vals.get("fami_action_id"):
            letter = self.env["fami.staff.assignment"].browse(vals["fami_assignment_id"])
            # sudo: the work package of the letter the user named; read only to default the line's
            vals = dict(vals, fami_action_id=letter.sudo().action_id.id)
        return super().write(vals)

    @api.onchange("fami_project_id")
    def _onchange_fami_project_hours(self):
        if self.fami_project_id and not self.project_id:
            self.project_id = self.fami_project_id._get_timesheet_project()

    @api.onchange("fami_assignment_id")
    def _onchange_fami_assignment(self):
        if self.fami_assignment_id:
            self.fami_action_id = self.fami_assignment_id.action_id

    @api.model
    def _fami_fill_assignment(self, vals):
        """The letter the hours fall under when none is named (one letter of the person covers the day and, when
        given, the work package), and the work package of the letter when none is given."""
        if not vals.get("fami_project_id") or not vals.get("date"):
            return
        Letter = self.env["fami.staff.assignment"].sudo()  # sudo: finds the person's letter; only its id is kept
        if not vals.get("fami_assignment_id"):
            # sudo: the employee of the user who records their own hours, as hr_timesheet takes it
            employee = vals.get("employee_id") or self.env["hr.employee"].sudo().search(
                [("user_id", "=", vals.get("user_id") or self.env.uid)], limit=1).id
            domain = [("employee_id", "=", employee), ("project_id", "=", vals["fami_project_id"]),
                      ("date_start", "<=", vals["date"]), ("date_end", ">=", vals["date"])]
            if vals.get("fami_action_id"):
                domain.append(("action_id", "=", vals["fami_action_id"]))
            letters = Letter.search(domain) if employee else Letter
            if len(letters) == 1:
                vals["fami_assignment_id"] = letters.id
        if vals.get("fami_assignment_id") and not vals.get("fami_action_id"):
            vals["fami_action_id"] = Letter.browse(vals["fami_assignment_id"]).action_id.id

    # ------------------------------------------------------------ letters of assignment and overlaps

    @api.constrains("fami_assignment_id", "date", "employee_id", "fami_project_id", "fami_action_id", "unit_amount",
                    "fami_time_start", "fami_time_end")
    def _check_fami_assignment(self):
        for line in self.filtered("fami_project_id"):
            # sudo: the letter's terms and all its hours count, whoever records these; only refuses
            letter = line.sudo().fami_assignment_id
            if letter:
                # sudo: the line as the letter sees it (its person and project), only to refuse
                problem = letter._refusal_for(line.sudo())
                if problem:
                    raise ValidationError(problem)
                if not line.fami_time_end > line.fami_time_start:
                    raise ValidationError(self.env._(
                        "Enter From and To for the hours of %(person)s on %(date)s under the letter %(letter)s: the "
                        "hours charged to a project say when they were worked, so that no hour is charged twice.",
                        person=line.employee_id.name, date=format_date(self.env, line.date), letter=letter.name))
                if line.unit_amount > line.fami_time_end - line.fami_time_start + 1e-6:
                    raise ValidationError(self.env._(
                        "%(hours)s hours do not fit between %(start)s and %(end)s on %(date)s: correct the Hours or "
                        "the times.", hours=formatLang(self.env, line.unit_amount), start=_clock(line.fami_time_start),
                        end=_clock(line.fami_time_end), date=format_date(self.env, line.date)))
            else:
                line._check_fami_letter_needed()
            line._check_fami_overlap()

    def _check_fami_letter_needed(self):
        self.ensure_one()
        # sudo: the person's letters on the project, whoever records the hours; only their names reach the message
        letters = self.env["fami.staff.assignment"].sudo().search([
            ("employee_id", "=", self.employee_id.id), ("project_id", "=", self.fami_project_id.id)])
        if letters:
            # f-strings stay out of the translated call: the template extractor evaluates its string arguments
            terms = "; ".join(f"{letter.name}: {letter.action_id.code or letter.action_id.name}, "
                              f"{format_date(self.env, letter.date_start)} – {format_date(self.env, letter.date_end)}"
                              for letter in letters)
            work_package = f" ({self.fami_action_id.display_name})" if self.fami_action_id else ""
            raise ValidationError(self.env._(
                "%(person)s holds letters of assignment on %(project)s (%(letters)s), and none covers the hours of "
                "%(date)s%(wp)s: charge them under the letter of that period and work package, or record the letter "
                "first.", person=self.employee_id.name, project=self.fami_project_id.name, letters=terms,
                date=format_date(self.env, self.date), wp=work_package))
        if self.fami_project_id.staff_assignment_required:
            raise ValidationError(self.env._(
                "The hours on %(project)s are charged under a signed letter of assignment, and %(person)s has none: "
                "record the letter (FAMI > Verification > Letters of assignment) first.",
                project=self.fami_project_id.name, person=self.employee_id.name))

    def _check_fami_overlap(self):
        """The same hour is charged once: not to two projects, nor twice under letters of assignment."""
        self.ensure_one()
        if not (self.employee_id and self.fami_time_end > self.fami_time_start):
            return
        # sudo: the person's hours on other projects and organisations count, whoever records these
        others = self.sudo().search([("id", "!=", self.id), ("employee_id", "=", self.employee_id.id),
                                     ("date", "=", self.date), ("fami_project_id", "!=", False)])
        for other in others.filtered(lambda o: o.fami_time_end > o.fami_time_start and staff_time.overlaps(
                self.fami_time_start, self.fami_time_end, o.fami_time_start, o.fami_time_end)):
            if other.fami_project_id != self.fami_project_id:
                raise ValidationError(self.env._(
                    "%(start)s – %(end)s of %(person)s on %(date)s are already charged to the project %(other)s "
                    "(%(other_start)s – %(other_end)s): the same hour cannot be charged to two projects. Correct the "
                    "times.", start=_clock(self.fami_time_start), end=_clock(self.fami_time_end),
                    person=self.employee_id.name, date=format_date(self.env, self.date),
                    other=other.fami_project_id.name, other_start=_clock(other.fami_time_start),
                    other_end=_clock(other.fami_time_end)))
            if self.fami_assignment_id or other.fami_assignment_id:
                raise ValidationError(self.env._(
                    "%(start)s – %(end)s of %(person)s on %(date)s overlap hours already recorded on %(project)s "
                    "(%(other)s, %(other_start)s – %(other_end)s): the same hour is charged once. Correct the times.",
                    start=_clock(self.fami_time_start), end=_clock(self.fami_time_end), person=self.employee_id.name,
                    date=format_date(self.env, self.date), project=self.fami_project_id.name, other=other.name,
                    other_start=_clock(other.fami_time_start), other_end=_clock(other.fami_time_end)))

    # ------------------------------------------------------------ 1,720 hours a year (Reg. 2021/1060 art. 55)

    def _workflow_after_move(self, transition):
        result = super()._workflow_after_move(transition)
        if transition.state_to_id.code == "approved":
            self.filtered("fami_project_id")._check_fami_annual_hours()
        return result

    def _check_fami_annual_hours(self):
        """Approved hours of each person on all funded projects, in each year, within 1,720 x their working time.
        The same queries for one person or many: approving a month of a team's hours is one batch."""
        keys = {(line.employee_id, line.date.year) for line in self if line.employee_id}
        if not keys:
            return
        employees = self.env["hr.employee"].concat(*{employee for employee, _year in keys})
        first, last = date(min(year for _e, year in keys), 1, 1), date(max(year for _e, year in keys), 12, 31)
        per_project = defaultdict(dict)
        # sudo: every approved hour of the person counts, on any project or organisation; only totals are used
        for employee, year_start, project, hours in self.sudo()._read_group(
                [("employee_id", "in", employees.ids), ("fami_project_id", "!=", False),
                 ("workflow_state_code", "=", "approved"), ("date", ">=", first), ("date", "<=", last)],
                ["employee_id", "date:year", "fami_project_id"], ["unit_amount:sum"]):
            per_project[(employee, year_start.year)][project] = hours
        # sudo: the person's letters on every project state their contract
        letters = self.env["fami.staff.assignment"].sudo().search([
            ("employee_id", "in", employees.ids), ("date_start", "<=", last), ("date_end", ">=", first)])
        for employee, year in sorted(keys, key=lambda key: (key[0].id, key[1])):
            hours_of = per_project.get((employee, year), {})
            share = _working_time(letters, employee, year)
            cap = staff_time.annual_cap(share)
            total = sum(hours_of.values())
            if total > float(cap) + 1e-6:
                detail = ", ".join(f"{project.name}: {round(hours, 2)}" for project, hours in hours_of.items())
                raise UserError(self.env._(
                    "%(person)s would have %(total)s approved hours in %(year)s on the funded projects (%(detail)s), "
                    "above the limit of 1,720 hours x %(share)s %% working time = %(cap)s hours (Reg. 2021/1060 art. "
                    "55). Send back the hours beyond it, or correct the working time in the letters of assignment.",
                    person=employee.name, total=round(total, 2), year=year, share=share, cap=cap,
                    detail=detail))

    # ------------------------------------------------------------ the monthly timesheet

    def _fami_monthly_sheets(self):
        """One sheet per person, project and month of these lines: every hour of the person that month on the
        project (as the user may read them), day by day and per letter of assignment or work package."""
        keys = sorted({(line.employee_id, line.fami_project_id, line.date.replace(day=1))
                       for line in self if line.fami_project_id and line.employee_id},
                      key=lambda key: (key[2], key[0].name or "", key[1].id))
        return [self._fami_monthly_sheet(*key) for key in keys]

    @api.model
    def _fami_monthly_sheet(self, employee, project, month):
        end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        lines = self.search([("employee_id", "=", employee.id), ("fami_project_id", "=", project.id),
                             ("date", ">=", month), ("date", "<=", end)], order="date, fami_time_start, id")
        columns = {}
        for line in lines:
            columns.setdefault(line._fami_sheet_column(), []).append(line)
        labels = list(columns)
        hours = defaultdict(float)
        spans = defaultdict(list)
        for label, column_lines in columns.items():
            for line in column_lines:
                hours[(line.date, label)] += line.unit_amount
                if line.fami_time_end > line.fami_time_start:
                    spans[line.date].append(f"{_clock(line.fami_time_start)}–{_clock(line.fami_time_end)}")
        rows = []
        day = month
        while day <= end:
            values = [hours[(day, label)] for label in labels]
            rows.append({"day": day, "hours": values, "total": sum(values), "spans": ", ".join(spans[day])})
            day += timedelta(days=1)
        states = sorted(set(lines.mapped("workflow_state_id.name")))
        return {"employee": employee, "project": project, "month": month, "labels": labels, "rows": rows,
                "totals": [sum(row["hours"][index] for row in rows) for index in range(len(labels))],
                "total": sum(lines.mapped("unit_amount")), "letters": lines.fami_assignment_id,
                "organisations": lines.fami_assignment_id.organisation_id, "states": states}

    def _fami_sheet_column(self):
        """The column of the monthly timesheet the hours go in: their letter, else their work package."""
        letter = self.fami_assignment_id
        if letter:
            return f"{letter.action_id.code or letter.action_id.name} — {letter.name}"
        if self.fami_action_id:
            return self.fami_action_id.code or self.fami_action_id.name
        if self.fami_is_mediation:
            return self.env._("Mediation")
        return self.env._("Other")


def _working_time(letters, employee, year):
    """The person's working time in a year, from their letters of assignment of that year (100 % without any)."""
    return max((letter.working_time for letter in letters if letter.employee_id == employee
                and letter.date_start <= date(year, 12, 31) and letter.date_end >= date(year, 1, 1)), default=100.0)


def _clock(hour):
    """9.5 -> 09:30"""
    minutes = round(hour * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
