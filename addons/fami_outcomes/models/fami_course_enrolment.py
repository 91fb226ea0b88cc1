from odoo import api, fields, models

from ..lib import outcome_rules


class FamiCourseEnrolment(models.Model):
    _inherit = "fami.course.enrolment"

    certificate_ids = fields.One2many("fami.certificate", "enrolment_id", string="Certificate of attendance")
    hours_required = fields.Float(
        compute="_compute_hours_required", string="Hours required",
        help="The course's minimum share of its hours: a certificate of attendance is issued from here on.")

    @api.depends("course_id.min_attendance", "course_id.session_ids.duration")
    def _compute_hours_required(self):
        for enrolment in self:
            # sudo: every session of the course counts in its hours, also those the user cannot read
            total = sum(enrolment.course_id.sudo().session_ids.mapped("duration"))
            enrolment.hours_required = outcome_rules.required_hours(total, enrolment.course_id.min_attendance)

    def action_issue_certificate(self):
        """Issue this participant's certificate of attendance, refused below the minimum naming the hours."""
        self.ensure_one()
        certificate = self.env["fami.certificate"].create({"enrolment_id": self.id})
        return {"type": "ir.actions.act_window", "res_model": "fami.certificate", "res_id": certificate.id,
                "view_mode": "form"}
