import contextvars

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import outcome_rules

# Set only by _reissue, in this process (an RPC caller cannot set it, unlike a context key): what a certificate
# attests changes only through a logged reissue.
REISSUING = contextvars.ContextVar("fami_certificate_reissuing", default=False)
# what the certificate attests, taken from the approved registers when it is issued (or reissued)
SNAPSHOT_FIELDS = ("hours_attended", "hours_course", "hours_required", "minimum_attendance", "attendance_percent",
                   "period_start", "period_end")
# the course's dates are Italian dates
PROJECT_TZ = pytz.timezone("Europe/Rome")


def local_date(moment):
    """The Italian date of a UTC datetime as Odoo stores it."""
    return pytz.utc.localize(moment).astimezone(PROJECT_TZ).date()


class FamiCertificate(models.Model):
    """A certificate of attendance (attestato di frequenza): numbered, registered, issued once per participant of a
    course who attended at least the course's minimum share of its hours in approved attendance registers."""

    _name = "fami.certificate"
    _description = "Certificate of attendance"
    # a certificate in the register is evidence from the day it is issued: its files and chatter are locked like those
    # of an approved record (new messages, like the note of a reissue, can still be posted)
    _inherit = ["fami.workflow.frozen.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_issue desc, id desc"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index=True,
                       help="Number in the register of certificates, from the sequence Certificates of attendance.")
    enrolment_id = fields.Many2one("fami.course.enrolment", string="Participant", required=True, index=True,
                                   ondelete="restrict")
    course_id = fields.Many2one(related="enrolment_id.course_id", store=True, index=True)
    project_id = fields.Many2one(related="course_id.project_id", store=True, index=True)
    organisation_id = fields.Many2one(related="course_id.organisation_id", string="Responsible organisation",
                                      store=True, index=True)
    beneficiary_id = fields.Many2one(related="enrolment_id.beneficiary_id", store=True, index=True)
    partner_id = fields.Many2one(related="enrolment_id.partner_id", string="Operator", store=True, index=True)
    date_issue = fields.Date(string="Issued on", readonly=True, copy=False, default=fields.Date.context_today)
    issued_by_id = fields.Many2one("res.users", string="Issued by", readonly=True, copy=False,
                                   default=lambda self: self.env.user)
    hours_attended = fields.Float(readonly=True, copy=False,
                                  help="Hours attended in approved attendance registers when the certificate was "
                                       "issued or last reissued.")
    hours_course = fields.Float(string="Course hours", readonly=True, copy=False,
                                help="Hours of every session of the course.")
    hours_required = fields.Float(readonly=True, copy=False, help="The course's minimum share of its hours.")
    minimum_attendance = fields.Float(string="Minimum attendance (%)", readonly=True, copy=False)
    attendance_percent = fields.Float(string="Attendance (%)", readonly=True, copy=False)
    period_start = fields.Date(string="Course from", readonly=True, copy=False)
    period_end = fields.Date(string="Course to", readonly=True, copy=False)
    reissue_ids = fields.One2many("fami.certificate.reissue", "certificate_id", string="Reissues", readonly=True)
    reissue_count = fields.Integer(string="Number of reissues", compute="_compute_reissue_count", store=True)

    _sql_constraints = [
        ("enrolment_unique", "unique(enrolment_id)",
         "A participant receives one certificate of attendance per course: reissue it instead."),
    ]

    @api.depends("reissue_ids")
    def _compute_reissue_count(self):
        for certificate in self:
            certificate.reissue_count = len(certificate.reissue_ids)

    def _workflow_locked_records(self):
        return self

    def _workflow_lock_name(self):
        return self.env._("in the register of certificates")

    def _compute_display_name(self):
        for certificate in self:
            certificate.display_name = f"{certificate.name} - {certificate.enrolment_id.display_name or ''}"

    # ------------------------------------------------------------ what is attested

    @api.model
    def _attestation(self, enrolment):
        """The values a certificate of `enrolment` attests now, or a UserError naming the shortfall."""
        course = enrolment.course_id
        # sudo: every session of the course counts in its hours, also those of a register the issuer cannot read
        sessions = course.sudo().session_ids
        total = sum(sessions.mapped("duration"))
        attended = enrolment.hours_attended  # approved registers only (fami.course.enrolment)
        if not outcome_rules.is_eligible(attended, total, course.min_attendance):
            point = self.env["res.lang"]._get_data(code=self.env.lang or "en_US").decimal_point or "."
            raise UserError(self.env._(
                "%(participant)s attended %(attended)s hours of %(course)s in approved attendance registers, fewer "
                "than the %(required)s hours required (minimum attendance %(minimum)s%% of %(total)s hours): no "
                "certificate of attendance can be issued. Approve the registers of the sessions attended, or record "
                "the missing hours.", participant=enrolment.display_name, course=course.name,
                attended=outcome_rules.format_hours(attended, point),
                required=outcome_rules.format_hours(outcome_rules.required_hours(total, course.min_attendance), point),
                minimum=outcome_rules.format_hours(course.min_attendance, point),
                total=outcome_rules.format_hours(total, point)))
        starts = [local_date(start) for start in sessions.mapped("start")]
        stops = [local_date(stop) for stop in sessions.mapped("stop")]
        return {
            "hours_attended": attended, "hours_course": total,
            "hours_required": outcome_rules.required_hours(total, course.min_attendance),
            "minimum_attendance": course.min_attendance,
            "attendance_percent": outcome_rules.attendance_percent(attended, total),
            "period_start": min(starts), "period_end": max(stops),
        }

    # ------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        enrolments = self.env["fami.course.enrolment"]
        prepared = []
        for vals in vals_list:
            enrolment = enrolments.browse(vals.get("enrolment_id"))
            if not enrolment.exists():
                raise UserError(self.env._("Choose the Participant the certificate of attendance is issued to."))
            # the issuer must be allowed to read the participant: an id sent over RPC names nobody else
            enrolment.check_access("read")
            existing = self.sudo().search([("enrolment_id", "=", enrolment.id)], limit=1)  # sudo: only refuses
            if existing:
                raise UserError(self.env._(
                    "%(participant)s already received the certificate of attendance %(number)s on %(date)s: a "
                    "certificate is issued once. Use Reissue on it, giving the reason.",
                    participant=enrolment.display_name, number=existing.name, date=existing.date_issue))
            # what is attested comes from the registers, never from the caller
            values = {key: value for key, value in vals.items() if key not in SNAPSHOT_FIELDS}
            values.update(self._attestation(enrolment), date_issue=fields.Date.context_today(self),
                          issued_by_id=self.env.uid)
            # sudo: the register's numbers come from a sequence users have no access to
            values["name"] = self.env["ir.sequence"].sudo().next_by_code("fami.certificate") or "/"
            prepared.append(values)
        return super().create(prepared)

    def write(self, vals):
        changed = set(vals) - self._mail_writable_fields()
        if changed and not REISSUING.get():
            raise UserError(self.env._(
                "The certificate of attendance %(number)s is in the register and cannot be changed: use Reissue, "
                "giving the reason, to issue it again with the hours of the approved registers.",
                number=self[:1].name))
        return super().write(vals)

    def _mail_writable_fields(self):
        """Fields the chatter and activities write on any record."""
        return {name for name in self._fields if name.startswith(("message_", "activity_"))} | {"website_message_ids"}

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if self:
            raise UserError(self.env._(
                "The certificate of attendance %(number)s is in the register and cannot be deleted.",
                number=self[0].name))

    # ------------------------------------------------------------ reissue

    def _reissue(self, reason):
        """Issue the certificate again with the hours of the approved registers now, keeping its number; the
        reissue is logged (who, when, why, hours before and after) and noted in the chatter."""
        self.ensure_one()
        if not (reason or "").strip():
            raise UserError(self.env._("Write the Reason for reissuing the certificate %(number)s.", number=self.name))
        self.check_access("write")
        values = self._attestation(self.enrolment_id)
        # sudo: the log of reissues is written by this method only (no ACL lets a user create a line), after the
        # check of the user's right to change this certificate above
        self.env["fami.certificate.reissue"].sudo().create({
            "certificate_id": self.id, "user_id": self.env.uid, "reason": reason.strip(),
            "hours_before": self.hours_attended, "hours_after": values["hours_attended"]})
        token = REISSUING.set(True)
        try:
            self.write(values)
        finally:
            REISSUING.reset(token)
        self.message_post(body=self.env._(
            "Certificate reissued by %(user)s: %(reason)s", user=self.env.user.name, reason=reason.strip()))
        return True

    # ------------------------------------------------------------ actions

    def action_open_reissue_wizard(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "fami.certificate.reissue.wizard", "view_mode": "form",
                "target": "new", "name": self.env._("Reissue %(number)s", number=self.name),
                "context": {"default_certificate_id": self.id}}

    def action_print(self):
        return self.env.ref("fami_outcomes.action_report_certificate").report_action(self)

    def _holder_name(self):
        """The name printed on the certificate: the operator's, or the beneficiary's first and last name (personal
        data: read with the user's own rights, the report checks the group)."""
        self.ensure_one()
        person = self.beneficiary_id
        if person:
            return " ".join(name for name in (person.first_name, person.last_name) if name) or person.code
        return self.partner_id.name
