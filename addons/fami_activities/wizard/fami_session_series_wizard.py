from datetime import datetime

import pytz

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import schedule


class FamiSessionSeriesWizard(models.TransientModel):
    """Creates a course's sessions in one go, e.g. every Tuesday and Thursday 15:00-17:00 for 10 weeks,
    skipping Italian public holidays and the dates given."""

    _name = "fami.session.series.wizard"
    _description = "Generate a series of sessions"

    course_id = fields.Many2one("fami.course", required=True)
    first_day = fields.Date(required=True, default=fields.Date.context_today)
    weeks = fields.Integer(required=True, default=10)
    monday = fields.Boolean()
    tuesday = fields.Boolean()
    wednesday = fields.Boolean()
    thursday = fields.Boolean()
    friday = fields.Boolean()
    saturday = fields.Boolean()
    hour_start = fields.Float(string="From", required=True, default=15.0)
    hour_end = fields.Float(string="To", required=True, default=17.0)
    trainer_id = fields.Many2one("res.users")
    venue_id = fields.Many2one("fami.venue")
    skip_dates = fields.Char(string="Dates to skip", help="Dates without lessons, e.g. 2026-04-07, 2026-05-02")

    def _weekdays(self):
        names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
        return {index for index, name in enumerate(names) if self[name]}

    def _skipped(self):
        try:
            return {fields.Date.to_date(text.strip()) for text in (self.skip_dates or "").split(",") if text.strip()}
        except ValueError:
            raise UserError(self.env._("Dates to skip must be written as YYYY-MM-DD, separated by commas.")) from None

    def action_generate(self):
        self.ensure_one()
        if not self._weekdays():
            raise UserError(self.env._("Tick at least one weekday for the series."))
        if not 0 < self.weeks <= 104:
            raise UserError(self.env._("The series must last between 1 and 104 weeks."))
        try:
            slots = schedule.session_series(self.first_day, self._weekdays(), self.hour_start, self.hour_end,
                                            self.weeks, self._skipped())
        except ValueError:
            raise UserError(self.env._("The end hour must come after the start hour.")) from None
        timezone = pytz.timezone(self.env.user.tz or "Europe/Rome")

        def utc(moment: datetime):
            return timezone.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)

        sessions = self.env["fami.course.session"].create([{
            "course_id": self.course_id.id, "start": utc(start), "stop": utc(stop),
            "trainer_id": self.trainer_id.id, "venue_id": self.venue_id.id} for start, stop in slots])
        return {"type": "ir.actions.act_window", "res_model": "fami.course.session", "name": self.env._("Sessions"),
                "view_mode": "list,calendar,form", "domain": [("id", "in", sessions.ids)]}
