from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import outcome_rules
from .fami_certificate import local_date


class FamiCourse(models.Model):
    """Certificates of attendance and follow-ups of a course. The minimum attendance that gives a certificate is the
    course's own setting Minimum attendance (%) (fami_activities, default 70 %)."""

    _inherit = "fami.course"

    certificate_ids = fields.One2many("fami.certificate", "course_id", string="Certificates of attendance")
    certificate_count = fields.Integer(string="Number of certificates", compute="_compute_outcome_counts")
    outcome_ids = fields.One2many("fami.outcome", "course_id", string="Follow-ups")
    outcome_count = fields.Integer(string="Number of follow-ups", compute="_compute_outcome_counts")

    @api.depends("certificate_ids", "outcome_ids")
    def _compute_outcome_counts(self):
        for course in self:
            course.certificate_count = len(course.certificate_ids)
            course.outcome_count = len(course.outcome_ids)

    def _end_date(self):
        """The Italian date of the course's last session (False without sessions)."""
        self.ensure_one()
        # sudo: every session of the course, also those the user cannot read, decides when the course ended
        stops = self.sudo().session_ids.mapped("stop")
        return local_date(max(stops)) if stops else False

    # ------------------------------------------------------------ certificates

    def action_issue_certificates(self):
        """Issue a certificate to every participant who reached the minimum attendance and has none yet; say how
        many were issued and who did not get one, with the hours (running it again issues nobody twice)."""
        self.ensure_one()
        certificates = self.env["fami.certificate"]
        issued, refused = certificates, []
        for enrolment in self.enrolment_ids.filtered(lambda e: not e.certificate_ids):
            try:
                with self.env.cr.savepoint():
                    issued |= certificates.create({"enrolment_id": enrolment.id})
            except UserError as refusal:
                refused.append(str(refusal))
        message = self.env._("%(count)s certificate(s) of attendance issued.", count=len(issued))
        if refused:
            message = "\n".join([message, *refused])
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"title": self.name, "message": message, "sticky": bool(refused),
                           "type": "warning" if refused else "success",
                           "next": {"type": "ir.actions.act_window_close"}}}

    def action_print_certificates(self):
        """The certificates of the whole course in one PDF."""
        self.ensure_one()
        if not self.certificate_ids:
            raise UserError(self.env._("%(course)s has no certificate of attendance yet: issue them first.",
                                       course=self.name))
        return self.env.ref("fami_outcomes.action_report_certificate").report_action(self.certificate_ids)

    def action_open_certificates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_outcomes.fami_certificate_action")
        action.update(domain=[("course_id", "=", self.id)], context={"create": False})
        return action

    # ------------------------------------------------------------ follow-ups

    def action_plan_followups(self):
        """Plan the follow-ups of the participants (beneficiaries) who completed the course: one at its end and one
        the project's Follow-up after (months) later, each a draft with a to-do activity for the user on its date.
        Follow-ups already planned are kept (running it again adds nothing)."""
        self.ensure_one()
        if self.participant_type != "beneficiaries":
            raise UserError(self.env._("%(course)s is a course for operators: follow-ups are planned for "
                                       "beneficiaries.", course=self.name))
        end = self._end_date()
        if not end:
            raise UserError(self.env._("%(course)s has no session yet: plan its sessions first.", course=self.name))
        months = self.project_id.outcome_followup_months
        stages = (("end", 0, end), ("later", months, outcome_rules.add_months(end, months)))
        outcomes = self.env["fami.outcome"]
        # sudo: follow-ups already planned by anybody are not planned twice; nothing is returned
        existing = outcomes.sudo().search([("course_id", "=", self.id)])
        planned = {(outcome.beneficiary_id.id, outcome.followup_stage) for outcome in existing}
        values = [{"project_id": self.project_id.id, "course_id": self.id, "beneficiary_id": person.id,
                   "followup_stage": stage, "followup_months": stage_months, "date": day}
                  for person in self.enrolment_ids.filtered("completed").beneficiary_id
                  for stage, stage_months, day in stages if (person.id, stage) not in planned]
        created = outcomes.create(values)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for outcome in created:
            outcome.activity_schedule(activity_type_id=activity_type.id, date_deadline=outcome.date,
                                      user_id=self.env.uid,
                                      summary=self.env._("Follow-up of %(course)s", course=self.name))
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"title": self.name, "type": "success",
                           "message": self.env._("%(count)s follow-up(s) planned.", count=len(created))}}

    def action_open_outcomes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_outcomes.fami_outcome_action")
        action.update(domain=[("course_id", "=", self.id)],
                      context={"default_course_id": self.id, "default_project_id": self.project_id.id})
        return action
