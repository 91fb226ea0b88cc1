from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.fami_workflow.lib import bounds

from ..lib import schedule

REMINDER_HORIZON_DAYS = 30


class FamiProjectDeadline(models.Model):
    _name = "fami.project.deadline"
    _description = "FAMI project deadline (scadenzario)"
    # the final claim and the guarantee of the advance fall after the end of eligibility; offsets move dates
    _fami_bounds = {"date": bounds.CLOSURE, "date_window_end": bounds.CLOSURE,
                    "offset_months": bounds.SIGNED_MONTHS, "offset_days": bounds.SIGNED_DAYS,
                    "repeat_months": bounds.MONTHS, "window_days": bounds.DAYS}
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date, sequence, id"

    project_id = fields.Many2one("fami.project", required=True, ondelete="cascade", index=True)
    is_template = fields.Boolean(related="project_id.is_template", string="On a template")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    deadline_type = fields.Selection([
        ("end_activities", "End of activities"),
        ("end_eligibility", "End of eligibility"),
        ("interim_claim", "Interim payment claim"),
        ("final_claim", "Final payment claim"),
        ("monitoring", "Monitoring report"),
        ("advance_request", "Advance payment request window"),
        ("guarantee", "Guarantee policy expiry"),
        ("other", "Other"),
    ], string="Type", required=True, default="other", index=True)
    date = fields.Date(index=True, tracking=True, help="Due date; empty until the project has its dates.")
    date_window_end = fields.Date(string="Window closes",
                                  help="For a window (e.g. an advance payment request): its last day.")
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True,
                              default=lambda self: self.env.user,
                              domain=lambda self: self.env["res.users"]._fami_user_domain())
    state = fields.Selection([("todo", "To do"), ("done", "Done"), ("cancelled", "Cancelled")],
                             required=True, default="todo", tracking=True, index=True)
    note = fields.Text()
    # guarantee policy backing an advance
    insurer_id = fields.Many2one("res.partner", domain=[("is_company", "=", True)])
    policy_number = fields.Char(string="Policy number")
    currency_id = fields.Many2one(related="project_id.currency_id")
    guarantee_amount = fields.Monetary(string="Guaranteed amount", currency_field="currency_id")
    # planning rule, on the deadlines of a template
    offset_base = fields.Selection([("start", "Project start"), ("end", "Project end")], string="Counted from",
                                   default="start")
    offset_months = fields.Integer(string="Months after", help="Negative for months before.")
    offset_days = fields.Integer(string="Days after", help="Negative for days before.")
    repeat_months = fields.Integer(
        string="Repeat every (months)",
        help="Repeat the deadline every so many months until the project's end, e.g. 3 for quarterly reports.")
    window_days = fields.Integer(string="Window length (days)",
                                 help="Length of the window that opens on the deadline's date, if any.")
    template_deadline_id = fields.Many2one("fami.project.deadline", string="Template deadline", readonly=True,
                                           ondelete="set null", copy=False, index=True)
    reminder_30_done = fields.Boolean(string="30-day reminder scheduled", copy=False, readonly=True)
    reminder_7_done = fields.Boolean(string="7-day reminder scheduled", copy=False, readonly=True)
    days_left = fields.Integer(string="Days left", compute="_compute_days_left")

    @api.depends("date")
    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        for deadline in self:
            deadline.days_left = (deadline.date - today).days if deadline.date else 0

    def _compute_display_name(self):
        for deadline in self:
            deadline.display_name = f"{deadline.project_id.code or deadline.project_id.name} - {deadline.name}"

    # ------------------------------------------------------------ planning from a template

    def _planned_dates(self, project):
        """Dates of this template deadline in ``project`` (several when it repeats); empty without project dates."""
        self.ensure_one()
        return schedule.planned_dates(project.date_start, project.date_end, self.offset_base, self.offset_months,
                                      self.offset_days, self.repeat_months)

    def _plan_in(self, project):
        """Create in ``project`` the deadlines of these template deadlines, dated from the project's dates."""
        planned = []
        for template in self:
            dates = template._planned_dates(project)
            planned += [(template, date, number, len(dates)) for number, date in enumerate(dates, start=1)]
        return self._create_planned(project, planned)

    def _create_planned(self, project, planned):
        """Create the deadlines ``planned`` [(template deadline, date, number, total)] in ``project``, named in every
        installed language (the Scadenzario of an Italian user reads "Domanda di rimborso intermedia (2 di 12)",
        whatever the language of who planned it)."""
        deadlines = self.create([template._planned_values(project, date, number, total)
                                 for template, date, number, total in planned])
        deadlines._name_in_all_languages([(template, number, total) for template, _date, number, total in planned])
        return deadlines

    def _name_in_all_languages(self, numbering):
        """Give these deadlines, in each installed language but the current one, the name their template has in it
        (``numbering``: [(template deadline, number, total)], one per deadline)."""
        current = self.env.lang or "en_US"
        for lang, _language in self.env["res.lang"].get_installed():
            if lang == current:
                continue
            for deadline, (template, number, total) in zip(self, numbering, strict=True):
                deadline.with_context(lang=lang).name = template.with_context(lang=lang)._planned_name(number, total)

    def _planned_name(self, number, total):
        self.ensure_one()
        if total == 1:
            return self.name
        return self.env._("%(name)s (%(number)s of %(total)s)", name=self.name, number=number, total=total)

    def _window_end(self, date):
        self.ensure_one()
        return date + relativedelta(days=self.window_days) if self.window_days and date else False

    def _planned_values(self, project, date, number, total):
        """Values of occurrence ``number`` of ``total`` of this template deadline in ``project``."""
        self.ensure_one()
        return {
            "project_id": project.id, "template_deadline_id": self.id, "sequence": self.sequence,
            "name": self._planned_name(number, total), "deadline_type": self.deadline_type, "date": date,
            "date_window_end": self._window_end(date), "user_id": project.user_id.id or self.user_id.id,
            "note": self.note,
        }

    def _replan_in(self, project, old_start, old_end):
        """Follow a change of the dates of ``project`` (from ``old_start`` - ``old_end``) in the deadlines planned
        there from these template deadlines: open ones still on their planned date move (their reminders start
        again), those the new period no longer has are cancelled, those it adds are created; deadlines done,
        cancelled or moved by hand stay as they are."""
        for template in self:
            planned = project.deadline_ids.filtered(lambda d, tmpl=template: d.template_deadline_id == tmpl)
            planned = planned.sorted("id")
            old_dates = schedule.planned_dates(old_start, old_end, template.offset_base, template.offset_months,
                                               template.offset_days, template.repeat_months)
            new_dates = template._planned_dates(project)
            moves, cancels, creates = schedule.replan(
                old_dates, new_dates, [(d.id, d.date, d.state == "todo") for d in planned])
            for deadline in planned.filtered(lambda d, moved=moves: d.id in moved):
                new_date = moves[deadline.id]
                deadline.write({"date": new_date, "date_window_end": template._window_end(new_date)})
            planned.filtered(lambda d, cancelled=cancels: d.id in cancelled).action_cancel()
            self._create_planned(project, [(template, date, number, len(new_dates))
                                           for number, date in enumerate(creates, start=len(planned) + 1)])
            if len(new_dates) != len(old_dates):  # "(2 of 12)" becomes "(2 of 14)" where it kept its planned name
                for number, deadline in enumerate(planned[:len(new_dates)], start=1):
                    if deadline.name == template._planned_name(number, len(old_dates)):
                        deadline.name = template._planned_name(number, len(new_dates))
                        deadline._name_in_all_languages([(template, number, len(new_dates))])

    def write(self, vals):
        old_dates = {}
        if "date" in vals and not {"reminder_30_done", "reminder_7_done"} & set(vals):
            old_dates = {deadline: deadline.date for deadline in self
                         if deadline.date != fields.Date.to_date(vals["date"])}
        result = super().write(vals)
        if old_dates:
            # a deadline moved gets its own reminders at 30 and 7 days; those due on the old date are withdrawn
            todo = self.env.ref("mail.mail_activity_data_todo")
            for deadline, old_date in old_dates.items():
                deadline.activity_ids.filtered(
                    lambda act, old=old_date: act.activity_type_id == todo and act.date_deadline == old).unlink()
            moved = self.browse([deadline.id for deadline in old_dates])
            super(FamiProjectDeadline, moved).write({"reminder_30_done": False, "reminder_7_done": False})
        return result

    # ------------------------------------------------------------ actions

    def action_done(self):
        self.write({"state": "done"})
        self.activity_ids.action_feedback(feedback=self.env._("Deadline done."))

    def action_cancel(self):
        self.write({"state": "cancelled"})
        self.activity_ids.unlink()

    def action_reset(self):
        self.write({"state": "todo"})

    # ------------------------------------------------------------ reminders

    @api.model
    def _cron_schedule_reminders(self):
        """Schedule a to-do activity for the responsible user 30 and 7 days before each open deadline of a project
        that is not closed, once each."""
        today = fields.Date.context_today(self)
        horizon = today + relativedelta(days=REMINDER_HORIZON_DAYS)
        deadlines = self.search([("state", "=", "todo"), ("is_template", "=", False),
                                 ("project_id.workflow_state_code", "!=", "closed"), ("date", ">=", today),
                                 ("date", "<=", horizon), "|", ("reminder_30_done", "=", False),
                                 ("reminder_7_done", "=", False)])
        for deadline in deadlines:
            days_left = (deadline.date - today).days
            if days_left <= 7 and not deadline.reminder_7_done:
                # a late 30-day reminder is not sent any more: the 7-day one says it all
                deadline._schedule_reminder(days_left)
                deadline.write({"reminder_7_done": True, "reminder_30_done": True})
            elif 7 < days_left <= 30 and not deadline.reminder_30_done:
                deadline._schedule_reminder(days_left)
                deadline.reminder_30_done = True
        return True

    def _schedule_reminder(self, days):
        """A to-do activity for the responsible user, due on the deadline, saying how many days are left (30 or 7
        when the job runs every day, fewer when the deadline was added or the job resumed late)."""
        self.ensure_one()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.date,
            summary=self.env._("Deadline in %(days)s days: %(deadline)s", days=days, deadline=self.name) if days > 1
            else self.env._("Deadline tomorrow: %(deadline)s", deadline=self.name) if days == 1
            else self.env._("Deadline today: %(deadline)s", deadline=self.name),
            note=self.env._("The deadline %(deadline)s of project %(project)s falls on %(date)s.", deadline=self.name,
                            project=self.project_id.display_name, date=self.date),
            user_id=(self.user_id or self.project_id.user_id or self.env.user).id,
        )
