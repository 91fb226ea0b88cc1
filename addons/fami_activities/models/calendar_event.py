from odoo import fields, models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    fami_session_id = fields.Many2one("fami.course.session", string="FAMI session", index=True,
                                      ondelete="cascade")

    def write(self, vals):
        result = super().write(vals)
        if not self.env.context.get("fami_from_session") and {"start", "stop"} & set(vals):
            # the event was moved in the calendar: move its session too
            for event in self.filtered("fami_session_id"):
                event.fami_session_id.with_context(fami_from_calendar=True).write(
                    {"start": event.start, "stop": event.stop})
        return result
