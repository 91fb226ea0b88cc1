from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class FamiAttendance(models.Model):
    """A line of a session's attendance register, locked with the register once it is approved."""

    _name = "fami.attendance"
    _description = "Attendance of a participant at a session"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("session_id",)
    _order = "session_id, id"

    session_id = fields.Many2one("fami.course.session", required=True, ondelete="cascade", index=True)
    enrolment_id = fields.Many2one("fami.course.enrolment", string="Participant", required=True,
                                   ondelete="cascade", index=True)
    course_id = fields.Many2one(related="session_id.course_id", store=True)
    status = fields.Selection([("present", "Present"), ("absent", "Absent"), ("justified", "Justified absence")],
                              required=True, default="present")
    late_minutes = fields.Integer(string="Late arrival (minutes)")
    hours = fields.Float(string="Hours attended", compute="_compute_hours", store=True, readonly=False,
                         help="The session's hours for a present participant, minus any late arrival.")

    _sql_constraints = [("one_line", "unique(session_id, enrolment_id)",
                         "A participant has one line per session in the register.")]

    @api.depends("status", "late_minutes", "session_id.duration")
    def _compute_hours(self):
        for line in self:
            line.hours = max(line.session_id.duration - line.late_minutes / 60, 0.0) \
                if line.status == "present" else 0.0

    @api.constrains("enrolment_id", "session_id", "hours", "late_minutes")
    def _check_line(self):
        for line in self:
            if line.enrolment_id.course_id != line.session_id.course_id:
                raise ValidationError(self.env._(
                    "%(participant)s is not enrolled in %(course)s: attendance can only be recorded on a session "
                    "of the participant's own course.", participant=line.enrolment_id.display_name,
                    course=line.session_id.course_id.name))
            if line.hours < 0 or line.hours > line.session_id.duration + 1e-6:
                raise ValidationError(self.env._(
                    "Hours attended must be between 0 and the %(hours)s hours of the session.",
                    hours=round(line.session_id.duration, 2)))
            if line.late_minutes < 0:
                raise ValidationError(self.env._("Late arrival cannot be negative."))
            session_minutes = round(line.session_id.duration * 60)
            if line.late_minutes and line.late_minutes >= session_minutes:
                raise ValidationError(self.env._(
                    "%(participant)s cannot arrive %(late)s minutes late at a lesson of %(minutes)s minutes: correct "
                    "the Late arrival (minutes), or mark the participant Absent.",
                    participant=line.enrolment_id.display_name, late=line.late_minutes, minutes=session_minutes))

    def action_mark_present(self):
        self.write({"status": "present"})

    def action_mark_absent(self):
        self.write({"status": "absent"})

    def action_mark_justified(self):
        self.write({"status": "justified"})

    def action_send_register(self):
        """The register's Send, from the tablet screen: the lesson of the lines shown (or of the screen's context)
        goes to its approver, and the lesson opens again."""
        session = self.session_id[:1] or self.env["fami.course.session"].browse(
            self.env.context.get("default_session_id")).exists()
        if not session:
            raise UserError(self.env._("Open the attendance register from its lesson to send it."))
        session.workflow_fire("submit")
        return {"type": "ir.actions.act_window", "res_model": "fami.course.session", "res_id": session.id,
                "views": [(False, "form")], "target": "current"}
