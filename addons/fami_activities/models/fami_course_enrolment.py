from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FamiCourseEnrolment(models.Model):
    """A participant of a course: an operator (contact of a network organisation) or a beneficiary."""

    _name = "fami.course.enrolment"
    _description = "Course participant"
    # a participant with a line in an approved register is locked with it: not re-pointed to another person or
    # course, not deleted (the register would credit someone else, or lose a line)
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("attendance_ids",)
    _order = "course_id, id"

    course_id = fields.Many2one("fami.course", required=True, ondelete="cascade", index=True)
    beneficiary_id = fields.Many2one("fami.beneficiary", index=True, ondelete="restrict")
    partner_id = fields.Many2one("res.partner", string="Operator", index=True, ondelete="restrict")
    attendance_ids = fields.One2many("fami.attendance", "enrolment_id")
    hours_attended = fields.Float(compute="_compute_attendance", store=True,
                                  help="Hours attended in the sessions whose attendance register is approved.")
    attendance_percent = fields.Float(string="Attendance (%)", compute="_compute_attendance", store=True,
                                      help="Hours attended as a share of the hours of every session of the course.")
    completed = fields.Boolean(compute="_compute_attendance", store=True, index=True,
                               help="Attended at least the course's minimum share of its hours, counting only "
                                    "approved registers.")

    _sql_constraints = [
        ("beneficiary_unique", "unique(course_id, beneficiary_id)", "This beneficiary is already enrolled."),
        ("partner_unique", "unique(course_id, partner_id)", "This operator is already enrolled."),
    ]

    def _compute_display_name(self):
        for enrolment in self:
            enrolment.display_name = (enrolment.beneficiary_id or enrolment.partner_id).display_name or ""

    @api.depends("attendance_ids.hours", "attendance_ids.session_id.workflow_state_code",
                 "course_id.session_ids.duration", "course_id.min_attendance")
    def _compute_attendance(self):
        for enrolment in self:
            # attended: only approved registers count; out of: every session of the course, held or not
            hours = sum(enrolment.attendance_ids.filtered(lambda line: line.session_id._register_approved())
                        .mapped("hours"))
            total = sum(enrolment.course_id.session_ids.mapped("duration"))
            enrolment.hours_attended = hours
            enrolment.attendance_percent = round(hours / total * 100, 2) if total else 0.0
            enrolment.completed = bool(total) and enrolment.attendance_percent >= enrolment.course_id.min_attendance

    @api.constrains("beneficiary_id", "partner_id", "course_id")
    def _check_participant(self):
        for enrolment in self:
            if bool(enrolment.beneficiary_id) == bool(enrolment.partner_id):
                raise ValidationError(self.env._(
                    "A participant is either an operator or a beneficiary: fill exactly one."))
            if enrolment.course_id.participant_type == "operators" and enrolment.beneficiary_id:
                raise ValidationError(self.env._(
                    "%(course)s is a course for operators: enrol operators, not beneficiaries.",
                    course=enrolment.course_id.name))
            if enrolment.course_id.participant_type == "beneficiaries" and enrolment.partner_id:
                raise ValidationError(self.env._("%(course)s is a course for beneficiaries: enrol beneficiaries, not "
                                                 "operators.", course=enrolment.course_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_beneficiaries_readable(vals.get("beneficiary_id") for vals in vals_list)
        enrolments = super().create(vals_list)
        enrolments.beneficiary_id._check_can_enrol()
        # more participants must still fit in the venues of the sessions already scheduled
        enrolments.course_id.session_ids._check_venue_capacity()
        enrolments._sync_attendees(enrolments.filtered("partner_id").course_id)
        return enrolments

    def write(self, vals):
        self._check_beneficiaries_readable([vals.get("beneficiary_id")])
        courses = self.filtered("partner_id").course_id
        result = super().write(vals)
        if {"partner_id", "course_id"} & set(vals):
            self._sync_attendees(courses | self.filtered("partner_id").course_id)
        return result

    def unlink(self):
        courses = self.filtered("partner_id").course_id
        result = super().unlink()
        self._sync_attendees(courses)
        return result

    def _check_beneficiaries_readable(self, beneficiary_ids):
        """Enrolling a person needs the right to read that person (enrolled, a trainer would then read them)."""
        self.env["fami.beneficiary"].browse({person_id for person_id in beneficiary_ids if person_id}) \
            ._check_may_be_named(self._fields["beneficiary_id"]._description_string(self.env))

    def _sync_attendees(self, courses):
        """Operators are attendees of their course's calendar events: enrolling or removing one updates them."""
        courses.exists().session_ids._sync_calendar_events()
