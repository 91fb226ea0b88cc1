import base64
import contextvars

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..lib import monitoring_workbook, participants, periods

# Set only while a return computes its sections, in this process: the figures it writes (counts on the report and
# on its work-package lines) come from the records, never from a user's input. An RPC caller cannot set it.
COMPUTING = contextvars.ContextVar("fami_monitoring_computing", default=False)
COMPUTED_FIELDS = ("computed_on", "participants_period", "participants_cumulative", "incurred_period",
                   "incurred_cumulative", "paid_period", "paid_cumulative", "budget_total")
# expenses count once approved (budget actuals do the same: fami_reporting, fami.budget.line)
SPENT_STATES = ("approved", "claimed")
DEFAULT_AUTHORITY = ("Ministero dell'Interno - Dipartimento per le Libertà civili e l'Immigrazione - Direzione "
                     "Centrale per le Politiche Migratorie - Autorità di Gestione FAMI 2021-2027")


class FamiMonitoringReport(models.Model):
    """The quarterly monitoring return (scheda di monitoraggio) of a project to the Managing Authority (AdG).

    Its sections are filled from the suite's records when it is computed (a button, and again when it is submitted)
    and frozen with it from then on: the lead partner checks it, a manager sends it, and the sent version's files
    are kept (fami.monitoring.sent.version). Reopening needs a manager and a reason, both in the workflow log."""

    _name = "fami.monitoring.report"
    _description = "FAMI monitoring return"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "checked", "sent")
    _workflow_required_transitions = ("submit", "check", "send", "reopen")
    _order = "project_id, date_from desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    deadline_id = fields.Many2one("fami.project.deadline", index=True, ondelete="set null",
                                  readonly=True, copy=False,
                                  help="The monitoring deadline of the project's timeline this return answers.")
    date_due = fields.Date(related="deadline_id.date", string="Due on")
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    cup = fields.Char(related="project_id.cup", string="CUP")
    lead_partner_id = fields.Many2one(related="project_id.lead_partner_id", string="Lead partner (capofila)")
    currency_id = fields.Many2one(related="project_id.currency_id")
    note = fields.Html(string="Notes for the Managing Authority")
    computed_on = fields.Datetime(string="Figures computed on", readonly=True, copy=False)
    work_package_ids = fields.One2many("fami.monitoring.work.package", "report_id", string="Work packages")
    network_line_ids = fields.One2many("fami.monitoring.network.line", "report_id", string="Network")
    indicator_line_ids = fields.One2many("fami.monitoring.indicator.line", "report_id", string="Indicators")
    participant_line_ids = fields.One2many("fami.monitoring.participant.line", "report_id", string="Participants")
    financial_line_ids = fields.One2many("fami.monitoring.financial.line", "report_id", string="Expenditure")
    version_ids = fields.One2many("fami.monitoring.sent.version", "report_id", string="Sent versions")
    participants_period = fields.Integer(string="People reached in the period", readonly=True, copy=False)
    participants_cumulative = fields.Integer(string="People reached (cumulative)", readonly=True, copy=False)
    budget_total = fields.Monetary(string="Approved budget", readonly=True, copy=False, currency_field="currency_id")
    incurred_period = fields.Monetary(string="Incurred in the period", readonly=True, copy=False,
                                      currency_field="currency_id")
    incurred_cumulative = fields.Monetary(string="Incurred (cumulative)", readonly=True, copy=False,
                                          currency_field="currency_id")
    paid_period = fields.Monetary(string="Paid in the period", readonly=True, copy=False,
                                  currency_field="currency_id")
    paid_cumulative = fields.Monetary(string="Paid (cumulative)", readonly=True, copy=False,
                                      currency_field="currency_id")

    @api.depends("project_id.name", "date_from", "date_to")
    def _compute_name(self):
        for report in self:
            report.name = self.env._(
                "Monitoring %(project)s %(from)s - %(to)s", project=report.project_id.name or "",
                **{"from": format_date(self.env, report.date_from), "to": format_date(self.env, report.date_to)})

    @api.constrains("date_from", "date_to", "project_id")
    def _check_period(self):
        for report in self:
            if report.date_to < report.date_from:
                raise ValidationError(self.env._(
                    "The return %(report)s ends (To %(to)s) before it starts (From %(from)s): correct one of the "
                    "dates.", report=report.name, to=report.date_to, **{"from": report.date_from}))
            project = report.project_id
            if (project.date_start and report.date_to < project.date_start) or (
                    project.date_end and report.date_from > project.date_end):
                raise ValidationError(self.env._(
                    "The period of %(report)s falls outside the project %(project)s (%(start)s - %(end)s): choose "
                    "dates within the project.", report=report.name, project=project.name,
                    start=project.date_start, end=project.date_end))

    # ------------------------------------------------------------ guards

    def write(self, vals):
        if set(COMPUTED_FIELDS) & set(vals) and not COMPUTING.get():
            raise UserError(self.env._(
                "The figures of a monitoring return come from the project's records: press Compute instead of "
                "typing them."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        # sudo: the sent versions are evidence every reader of the return may not list; only refuses
        sent = self.sudo().filtered("version_ids")
        if sent:
            raise UserError(self.env._(
                "%(report)s was sent to the Managing Authority: its sent versions are kept, so it cannot be "
                "deleted.", report=sent[0].name))

    def _is_untouched(self):
        """A draft nobody worked on: never moved, never sent, no text written (it may go with its deadline)."""
        self.ensure_one()
        texts = self.work_package_ids.filtered(lambda line: line._has_text()) or self.note
        return self.workflow_state_code == "draft" and not self.workflow_log_ids and not self.version_ids \
            and not texts

    @api.model
    def _create_for_existing_deadlines(self):
        """The returns of the monitoring deadlines planned before this addon was installed."""
        self.env["fami.project.deadline"].search([
            ("deadline_type", "=", "monitoring"), ("project_id.is_template", "=", False),
            ("monitoring_report_id", "=", False), ("state", "!=", "cancelled")])._plan_monitoring_reports()

    # ------------------------------------------------------------ settings

    @api.model
    def _setting(self, key, default):
        # sudo: the settings of the returns (name of the authority, size of the small cells) are read by everybody
        # who produces or reads a return; only administrators change them (Settings > FAMI)
        return self.env["ir.config_parameter"].sudo().get_param(f"fami_monitoring.{key}") or default

    @api.model
    def _managing_authority(self):
        return self._setting("managing_authority", DEFAULT_AUTHORITY)

    @api.model
    def _small_cell_threshold(self):
        try:
            return max(int(self._setting("small_cell_threshold", 5)), 0)
        except ValueError:
            return 5

    @api.model
    def _top_nationalities(self):
        try:
            return max(int(self._setting("top_nationalities", 10)), 1)
        except ValueError:
            return 10

    # ------------------------------------------------------------ computing the sections

    def action_compute(self):
        """Fill the sections from the project's records (only approved work and approved costs count)."""
        for report in self:
            report.check_access("write")
            if report.workflow_locked:
                raise UserError(self.env._(
                    "%(report)s is %(state)s: its figures are frozen. Ask a manager to reopen it if they must be "
                    "computed again.", report=report.name, state=report.workflow_state_id.name))
            report._compute_sections()
        return True

    def _compute_sections(self):
        self.ensure_one()
        # sudo: a return is an aggregate of the whole project, like its indicators: it counts the records of every
        # organisation, whoever computes it; users read only the counts, never the records (the user's right to
        # change the return was checked by the caller)
        report = self.sudo()
        token = COMPUTING.set(True)
        try:
            report._compute_procedural()
            report._compute_network()
            report._compute_physical()
            report._compute_participants()
            report._compute_financial()
            report.computed_on = fields.Datetime.now()
        finally:
            COMPUTING.reset(token)
        self.message_post(body=self.env._("Figures computed from the records up to %(date)s.",
                                          date=format_date(self.env, self.date_to)))

    def _period_domain(self, field, date_from=None, date_to=None):
        terms = [(field, ">=", date_from or self.date_from)] if date_from is not False else []
        return terms + [(field, "<=", date_to or self.date_to)]

    def _session_domain(self, date_from=None, date_to=None):
        date_from = self.date_from if date_from is None else date_from
        date_to = date_to or self.date_to
        return [("project_id", "=", self.project_id.id), ("workflow_state_code", "=", "approved")] + \
            periods.period_domain("start", date_from, date_to, is_datetime=True)

    def _compute_procedural(self):
        """One line per work package of the project (and one for what no work package holds): what was done in
        the period, with proposals for the deviations and the changes in the working group."""
        project = self.project_id
        # sessions, accesses and hours are summed by PostgreSQL per course and service (a project runs thousands
        # a quarter); events are named one by one in the texts, so they are read as records
        course_rows = self.env["fami.course.session"]._read_group(
            self._session_domain(), ["course_id"], ["__count", "duration:sum", "training_hours_delivered:sum"],
            order="start:min")
        events = self.env["fami.event"].search([
            ("project_id", "=", project.id), ("workflow_state_code", "=", "approved")]
            + periods.period_domain("date_start", self.date_from, self.date_to, is_datetime=True))
        service_rows = self.env["fami.service.access"]._read_group([
            ("project_id", "=", project.id), ("workflow_state_code", "=", "approved")]
            + self._period_domain("date"), ["service_id"], ["__count"], order="date:min")
        [[mediation_hours]] = self.env["account.analytic.line"]._read_group([
            ("fami_project_id", "=", project.id), ("fami_is_mediation", "=", True),
            ("workflow_state_code", "=", "approved")] + self._period_domain("date"), [], ["unit_amount:sum"])

        def summary(action, mediation=0.0):
            return self._activity_summary(
                [row for row in course_rows if row[0].action_id == action],
                events.filtered(lambda e: e.action_id == action),
                [row for row in service_rows if row[0].action_id == action], mediation)
        by_action = {action: summary(action) for action in project.action_ids}
        unassigned = summary(project.action_ids.browse(), mediation_hours or 0.0)
        if any(unassigned[key] for key in monitoring_workbook.PROCEDURAL_NUMBERS):
            by_action[project.action_ids.browse()] = unassigned
        deviations = self._proposed_deviations()
        working_group = self._proposed_working_group()
        management = project.action_ids.filtered("is_management")[:1] or project.action_ids[:1]
        lines = self.work_package_ids
        for action, figures in by_action.items():
            line = lines.filtered(lambda ln, a=action: ln.action_id == a)[:1]
            values = dict(figures, deviations_proposed="\n".join(deviations.get(action, []) + (
                deviations.get("deadlines", []) if action == management else [])),
                working_group_proposed="\n".join(working_group.get(action, [])))
            if line:
                line.write(values)
            else:
                line = lines.create(dict(values, report_id=self.id, action_id=action.id,
                                         sequence=action.sequence if action else 1000))
            line._fill_from_proposals()
        # a line of what no work package holds, gone from this period: kept (emptied) if somebody wrote on it
        stale = lines.browse() if any(not action for action in by_action) else \
            lines.filtered(lambda ln: not ln.action_id)
        stale.filtered(lambda ln: not ln._has_text()).unlink()
        if stale.exists():
            stale.exists().write(dict(self._activity_summary([], self.env["fami.event"], [], 0.0),
                                      deviations_proposed=False, working_group_proposed=False))

    def _activity_summary(self, course_rows, events, service_rows, mediation_hours):
        """The figures and the text of what was done: course_rows (course, sessions, hours, training hours
        delivered) and service_rows (service, accesses) as summed by _read_group, the events, the mediation hours."""
        items = [self.env._("%(course)s: %(count)s sessions, %(hours)s hours", course=course.name, count=count,
                            hours=_number(hours)) for course, count, hours, _delivered in course_rows]
        items += [self.env._("%(event)s on %(date)s: %(people)s participants", event=event.name,
                             date=format_date(self.env, event.date_start.date()), people=event.participants_total)
                  for event in events]
        items += [self.env._("%(service)s: %(count)s accesses", service=service.name, count=count)
                  for service, count in service_rows]
        if mediation_hours:
            items.append(self.env._("Intercultural mediation: %(hours)s hours", hours=_number(mediation_hours)))
        return {
            "sessions": sum(row[1] for row in course_rows), "hours": sum(row[2] for row in course_rows),
            "training_hours": sum(row[3] for row in course_rows), "events": len(events),
            "accesses": sum(row[1] for row in service_rows), "mediation_hours": mediation_hours,
            "activities": "\n".join(items),
        }

    def _proposed_deviations(self):
        """{work package: [sentences]} of the sessions of the period moved to another time (their tracked changes)
        and, under "deadlines", the project's deadlines of the period still open after their date."""
        proposals = {}
        field = self.env["ir.model.fields"]._get("fami.course.session", "start")
        moves = self.env["mail.tracking.value"].search([
            ("field_id", "=", field.id), ("mail_message_id.model", "=", "fami.course.session"),
            ("mail_message_id.res_id", "in", self.env["fami.course.session"].search([
                ("project_id", "=", self.project_id.id)] + periods.period_domain(
                    "start", self.date_from, self.date_to, is_datetime=True)).ids)])
        for move in moves:
            session = self.env["fami.course.session"].browse(move.mail_message_id.res_id)
            proposals.setdefault(session.course_id.action_id, []).append(self.env._(
                "%(course)s: a session moved from %(old)s to %(new)s.", course=session.course_id.name,
                old=format_date(self.env, move.old_value_datetime), new=format_date(self.env, move.new_value_datetime)))
        today = fields.Date.context_today(self)
        missed = self.env["fami.project.deadline"].search([
            ("project_id", "=", self.project_id.id), ("state", "=", "todo"), ("date", "<", today)]
            + self._period_domain("date"))
        proposals["deadlines"] = [self.env._("Deadline %(deadline)s of %(date)s not met yet.", deadline=deadline.name,
                                             date=format_date(self.env, deadline.date)) for deadline in missed]
        return proposals

    def _working_group(self, date_from, date_to):
        """{work package: {person's name}} of who worked on the project in a period: staff costs of its months,
        trainers of its approved sessions, mediators of its approved hours (those hold no work package)."""
        group = {}
        for action, employee in self.env["fami.staff.cost"]._read_group([
                ("project_id", "=", self.project_id.id), ("month", ">=", date_from.replace(day=1)),
                ("month", "<=", date_to), ("employee_id", "!=", False)], ["action_id", "employee_id"]):
            group.setdefault(action, set()).add(employee.name)
        for course, trainer in self.env["fami.course.session"]._read_group(
                self._session_domain(date_from, date_to) + [("trainer_id", "!=", False)], ["course_id", "trainer_id"]):
            group.setdefault(course.action_id, set()).add(trainer.name)
        for [employee] in self.env["account.analytic.line"]._read_group([
                ("fami_project_id", "=", self.project_id.id), ("fami_is_mediation", "=", True),
                ("workflow_state_code", "=", "approved"), ("date", ">=", date_from), ("date", "<=", date_to),
                ("employee_id", "!=", False)], ["employee_id"]):
            group.setdefault(self.project_id.action_ids.browse(), set()).add(employee.name)
        return group

    def _proposed_working_group(self):
        """{work package: [sentences]}: who joined and who left the working group since the previous period."""
        now = self._working_group(self.date_from, self.date_to)
        before = self._working_group(*periods.previous_period(self.date_from, self.date_to))
        proposals = {}
        for action in set(now) | set(before):
            joined, left = sorted(now.get(action, set()) - before.get(action, set())), \
                sorted(before.get(action, set()) - now.get(action, set()))
            if joined:
                proposals.setdefault(action, []).append(self.env._("Joined: %(people)s.", people=", ".join(joined)))
            if left:
                proposals.setdefault(action, []).append(self.env._("No longer active: %(people)s.",
                                                                   people=", ".join(left)))
        return proposals

    def _compute_network(self):
        """The members of the partnership and of the network active in the period, with their role: those
        fami_outcomes finds active (meetings with approved minutes, courses run or attended by their operators,
        events organised or joined), and those whose service was used or whose agreement was signed in the
        period."""
        project = self.project_id
        activity = {}
        for row in project._network_members_active(self.date_from, self.date_to):
            activity.setdefault(row["link"].id, []).append(row["activity"])
        link_of = {link.partner_id.commercial_partner_id: link for link in project.partner_ids}
        for service, accesses in self.env["fami.service.access"].search([
                ("project_id", "=", project.id), ("workflow_state_code", "=", "approved")]
                + self._period_domain("date")).grouped("service_id").items():
            link = link_of.get(service.organisation_id.commercial_partner_id)
            if link:
                activity.setdefault(link.id, []).append(self.env._(
                    "%(service)s: %(count)s accesses", service=service.name, count=len(accesses)))
        for link in project.partner_ids.filtered(
                lambda ln: ln.agreement_date and self.date_from <= ln.agreement_date <= self.date_to):
            activity.setdefault(link.id, []).append(self.env._(
                "agreement signed on %(date)s", date=format_date(self.env, link.agreement_date)))
        previous = {line.partner_link_id: line.activity for line in self.network_line_ids}
        self.network_line_ids.unlink()
        values = []
        links = project.partner_ids
        links.fetch(["role", "sequence"])  # in one query: after the unlink above they came back one query a link
        for link in links.sorted(lambda ln: (ln.role != "lead", ln.role != "partner", ln.sequence, ln.id)):
            if link.id in activity:
                proposal = "; ".join(filter(None, activity[link.id]))
                values.append({"report_id": self.id, "partner_link_id": link.id, "activity_proposed": proposal,
                               "activity": previous.get(link) or proposal})
        self.env["fami.monitoring.network.line"].create(values)

    def _compute_physical(self):
        """Every indicator of the project: its value in the period, at the period's end, its target."""
        previous = self._previous_report()
        before = {line.indicator_id: line.value_cumulative for line in previous.indicator_line_ids}
        self.indicator_line_ids.unlink()
        values = []
        for sequence, indicator in enumerate(self.project_id.indicator_ids, start=1):
            period, cumulative = indicator._period_values(self.date_from, self.date_to)
            dated = period is not None
            if not dated:  # without a Date field: what it added since the previous return, taken now
                period = cumulative - before.get(indicator, 0.0)
            values.append({"report_id": self.id, "sequence": sequence, "indicator_id": indicator.id,
                           "code": indicator.code, "name": indicator.name, "unit": indicator.unit,
                           "target": indicator.target, "value_period": period, "value_cumulative": cumulative,
                           "dated": dated})
        self.env["fami.monitoring.indicator.line"].create(values)

    def _previous_report(self):
        return self.search([("project_id", "=", self.project_id.id), ("date_to", "<", self.date_from),
                            ("id", "!=", self.id)], order="date_to desc", limit=1)

    def _reached(self):
        """The ids of the people with an approved participation of the project in the period, and up to its end.
        One query: a person's latest participation up to the end says whether they were reached in the period."""
        rows = self.env["fami.monitoring.participation"]._read_group(
            [("project_id", "=", self.project_id.id), ("date", "<=", self.date_to)], ["beneficiary_id"], ["date:max"])
        return ({person.id for person, latest in rows if latest >= self.date_from},
                {person.id for person, _latest in rows})

    def _compute_participants(self):
        """Distinct people reached in the period and up to its end, by sex, age band, nationality and target group
        (special-category groups as counts only, art. 9)."""
        period_ids, cumulative_ids = self._reached()
        people = {}
        persons = self.env["fami.beneficiary"].with_context(active_test=False).browse(sorted(cumulative_ids))
        persons.fetch(["gender", "age_band", "country_id", "target_group_ids"])  # only these of every person
        for person in persons:
            people[person.id] = {"gender": person.gender, "age_band": person.age_band,
                                 "country": person.country_id.id, "groups": set(person.target_group_ids.ids)}
        groups = self.env["fami.target.group"].with_context(active_test=False).search([("active", "in", [True, False])])
        rows = participants.participant_rows(period_ids, cumulative_ids, people,
                                             [(group.id, group.is_vulnerability) for group in groups],
                                             top=self._top_nationalities())
        labels = self._participant_labels(groups, [row["key"] for row in rows if row["dimension"] == "nationality"])
        self.participant_line_ids.unlink()
        self.env["fami.monitoring.participant.line"].create([{
            "report_id": self.id, "sequence": sequence, "dimension": row["dimension"],
            "key": str(row["key"]), "label": labels(row["dimension"], row["key"]),
            "target_group_id": row["key"] if row["dimension"] == "target_group" else False,
            "special_category": row["dimension"] == "target_group" and groups.browse(row["key"]).is_special_category,
            "count_period": row["period"], "count_cumulative": row["cumulative"],
        } for sequence, row in enumerate(rows, start=1)])
        self.write({"participants_period": len(period_ids), "participants_cumulative": len(cumulative_ids)})

    def _participant_labels(self, groups, nationalities):
        person = self.env["fami.beneficiary"]
        genders = dict(person._fields["gender"]._description_selection(self.env))
        bands = dict(person._fields["age_band"]._description_selection(self.env))
        countries = self.env["res.country"].browse(key for key in nationalities if isinstance(key, int))
        country_names = {country.id: country.name for country in countries}

        def label(dimension, key):
            if key == participants.UNKNOWN:
                return self.env._("Not known")
            if key == participants.OTHER:
                return self.env._("Other nationalities")
            if dimension == "total":
                return self.env._("People reached")
            if dimension == "vulnerable":
                return self.env._("People in a vulnerable situation")
            if dimension == "gender":
                return genders.get(key, key)
            if dimension == "age_band":
                return bands.get(key, key)
            if dimension == "nationality":
                return country_names.get(key)
            return groups.browse(key).name
        return label

    def _approved_budget(self):
        budgets = self.env["fami.budget"].search([("project_id", "=", self.project_id.id)], order="version desc")
        return budgets.filtered(lambda version: version.workflow_state_code == "approved")[:1]

    def _compute_financial(self):
        """Expenditure incurred (document date, or month of the staff cost) and paid (payment date; salaries in
        their month) in the period and up to its end, per cost category and partner, against the latest approved
        budget."""
        project = [("project_id", "=", self.project_id.id)]
        keys = ["category_id", "organisation_id"]
        figures = {}

        def add(column, groups):
            for category, organisation, amount in groups:
                figures.setdefault((category, organisation), {})[column] = \
                    figures.get((category, organisation), {}).get(column, 0.0) + amount

        budget = self._approved_budget()
        add("budget", self.env["fami.budget.line"]._read_group([("budget_id", "=", budget.id)], keys,
                                                               ["planned_amount:sum"]) if budget else [])
        expenses, costs = self.env["fami.expense"], self.env["fami.staff.cost"]
        spent = project + [("workflow_state_code", "in", SPENT_STATES)]
        for column, date_from in (("period", self.date_from), ("cumulative", False)):
            add(f"incurred_{column}", expenses._read_group(
                spent + self._period_domain("document_date", date_from), keys, ["eligible_amount:sum"]))
            add(f"paid_{column}", expenses._read_group(
                spent + self._period_domain("payment_date", date_from), keys, ["eligible_amount:sum"]))
            month_from = date_from.replace(day=1) if date_from else False
            salaries = costs._read_group(project + self._period_domain("month", month_from), keys, ["amount:sum"])
            add(f"incurred_{column}", salaries)
            add(f"paid_{column}", salaries)
        self.financial_line_ids.unlink()
        ordered = sorted(figures, key=lambda key: (key[0].sequence, key[0].code or "", key[1].name or "", key[1].id))
        self.env["fami.monitoring.financial.line"].create([dict(
            {name: figures[key].get(name, 0.0) for name in monitoring_workbook.FINANCIAL_NUMBERS},
            report_id=self.id, sequence=sequence, category_id=key[0].id, organisation_id=key[1].id)
            for sequence, key in enumerate(ordered, start=1)])
        totals = {name: sum(values.get(name, 0.0) for values in figures.values())
                  for name in monitoring_workbook.FINANCIAL_NUMBERS}
        self.write({"budget_total": totals["budget"], "incurred_period": totals["incurred_period"],
                    "incurred_cumulative": totals["incurred_cumulative"], "paid_period": totals["paid_period"],
                    "paid_cumulative": totals["paid_cumulative"]})

    # ------------------------------------------------------------ workflow

    def workflow_fire(self, code, comment=None):
        if code == "submit":
            # the checker checks the figures of the moment it was submitted: computed again, then frozen
            self.action_compute()
        return super().workflow_fire(code, comment=comment)

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        if transition.code != "check" or self.env.uid == SUPERUSER_ID:  # the superuser is no person (data files)
            return result
        lead = self.project_id.lead_partner_id
        if lead not in self.env.user.fami_organisation_ids:
            raise UserError(self.env._(
                "%(report)s is checked by the lead partner %(lead)s: you do not work for it. Ask a manager of "
                "%(lead)s.", report=self.name, lead=lead.name or "-"))
        # whoever submitted it does not check it: the workflow's separation of duties (Not by whoever fired)
        return result

    def _workflow_after_move(self, transition):
        result = super()._workflow_after_move(transition)
        if transition.state_to_id.code == "sent":
            for report in self:
                report._keep_sent_version()
        return result

    def _keep_sent_version(self):
        """File what was sent: the workbook for the AdG, its publication version and the PDF; close the deadline."""
        self.ensure_one()
        files = {"xlsx_file": self._workbook(publication=False), "publication_file": self._workbook(publication=True)}
        pdf_name = False
        if self.env.registry.ready:  # while modules load (demo data) wkhtmltopdf has no server to take styles from
            content, kind = self.env["ir.actions.report"]._render_qweb_pdf(
                "fami_monitoring.action_report_monitoring_return", self.ids)
            files["pdf_file"] = content
            pdf_name = f"{self._file_stem()}.{kind}"
        # sudo: the sent version is evidence written by the engine only; nobody writes or deletes it afterwards
        version = self.env["fami.monitoring.sent.version"].sudo().create(dict(
            {name: _base64(content) for name, content in files.items()}, report_id=self.id,
            user_id=self.env.uid, xlsx_filename=f"{self._file_stem()}.xlsx",
            publication_filename=f"{self._file_stem()}-pubblicazione.xlsx", pdf_filename=pdf_name))
        self.message_post(body=self.env._("Sent to the Managing Authority: version %(version)s kept with its files.",
                                          version=version.name))
        if self.deadline_id.state == "todo":
            # sudo: the return sent closes its deadline, whoever may change the project's timeline
            self.deadline_id.sudo().action_done()

    def _file_stem(self):
        return f"monitoraggio-{self.project_id.code or self.project_id.id}-{self.date_from}-{self.date_to}"

    # ------------------------------------------------------------ exports

    @api.model
    def _export_lang(self):
        """The returns go to the Italian Managing Authority: in Italian when the language is installed."""
        return "it_IT" if self.env["res.lang"]._lang_get("it_IT") else self.env.lang

    def _workbook(self, publication=False):
        self.ensure_one()
        report = self.with_context(lang=self._export_lang())
        return monitoring_workbook.write_monitoring_workbook(
            *report._workbook_data(), labels=report._workbook_labels(publication), publication=publication,
            threshold=self._small_cell_threshold())

    def _workbook_data(self):
        def text(value):
            return value or ""
        info = [(self.env._("Managing Authority"), self._managing_authority()),
                (self.env._("Project"), self.project_id.name), (self.env._("Code"), text(self.project_id.code)),
                (self.env._("CUP"), text(self.cup)), (self.env._("Lead partner"), text(self.lead_partner_id.name)),
                (self.env._("Period"),
                 f"{format_date(self.env, self.date_from)} - {format_date(self.env, self.date_to)}"),
                (self.env._("State"), text(self.workflow_state_id.name)),
                (self.env._("Co-funding"), self.env._("Co-funded by the European Union - FAMI 2021-2027"))]
        procedural = [dict({key: line[key] for key in monitoring_workbook.PROCEDURAL_NUMBERS},
                           wp=line.display_name, activities=line.activities, strengths=line.strengths,
                           deviations=line.deviations, problems=line.problems_solutions,
                           working_group=line.working_group_changes) for line in self.work_package_ids]
        network = [{"organisation": line.organisation_id.name, "role": line.role_label,
                    "category": line.network_category_id.name, "activity": line.activity}
                   for line in self.network_line_ids]
        indicators = [{"code": line.code, "name": line.name, "unit": line.unit, "target": line.target,
                       "period": line.value_period, "cumulative": line.value_cumulative}
                      for line in self.indicator_line_ids]
        dimensions = dict(self.env["fami.monitoring.participant.line"]._fields["dimension"]._description_selection(
            self.env))
        people = [{"dimension": line.dimension, "dimension_label": dimensions.get(line.dimension),
                   "label": line.label, "period": line.count_period, "cumulative": line.count_cumulative}
                  for line in self.participant_line_ids]
        financial = [dict({name: line[name] for name in monitoring_workbook.FINANCIAL_NUMBERS},
                          category=line.category_id.display_name, partner=line.organisation_id.name)
                     for line in self.financial_line_ids]
        return info, procedural, network, indicators, people, financial

    def _workbook_labels(self, publication=False):
        return {
            "cover": self.env._("General data"), "procedural": self.env._("Procedural"),
            "physical": self.env._("Physical"), "participants": self.env._("Participants"),
            "financial": self.env._("Financial"), "total": self.env._("Total"),
            "title": self.env._("Monitoring return - publication version") if publication
            else self.env._("Monitoring return for the Managing Authority"),
            "procedural_columns": [
                self.env._("Work package"), self.env._("Sessions"), self.env._("Hours held"),
                self.env._("Training hours"), self.env._("Events"), self.env._("Service accesses"),
                self.env._("Mediation hours"), self.env._("Activities"), self.env._("Strengths"),
                self.env._("Deviations from the timetable"), self.env._("Problems and solutions"),
                self.env._("Changes in the working group")],
            "network_columns": [self.env._("Organisation"), self.env._("Role"), self.env._("Network category"),
                                self.env._("Activity in the period")],
            "physical_columns": [self.env._("Code"), self.env._("Indicator"), self.env._("Unit"),
                                 self.env._("Target"), self.env._("Period"), self.env._("Cumulative"),
                                 self.env._("% of target")],
            "participants_columns": [self.env._("Breakdown"), self.env._("Group"), self.env._("Period"),
                                     self.env._("Cumulative")],
            "financial_columns": [
                self.env._("Cost category"), self.env._("Partner"), self.env._("Approved budget"),
                self.env._("Incurred in the period"), self.env._("Paid in the period"),
                self.env._("Incurred (cumulative)"), self.env._("Paid (cumulative)"), self.env._("% of budget")],
        }

    def action_export_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/fami_monitoring/return/{self.id}/xlsx"}

    def action_export_publication_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/fami_monitoring/return/{self.id}/xlsx?publication=1"}

    def _pdf_participant_cell(self, count, publication):
        return participants.publication_cell(count, self._small_cell_threshold()) if publication else count


def _number(value):
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _base64(content):
    return base64.b64encode(content)
