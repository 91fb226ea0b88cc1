from odoo import api, fields, models
from odoo.exceptions import UserError


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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_fami_session(self):
        """A session's event goes with its session: deleted alone, the session would stay off the calendar."""
        if self.env.context.get("fami_from_session"):
            return
        event = self.filtered("fami_session_id")[:1]
        if event:
            raise UserError(self.env._(
                "%(event)s is the calendar entry of a course session: delete the session under Activities > "
                "Calendar of sessions instead, or move the event to another time.", event=event.name))
