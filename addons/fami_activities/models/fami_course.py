from odoo import api, fields, models
from odoo.exceptions import ValidationError

OPERATOR_KINDS = ("operators",)


class FamiCourse(models.Model):
    _name = "fami.course"
    _description = "FAMI course"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "closed", "approved")
    _workflow_required_transitions = ("schedule", "start", "close", "approve")
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection([
        ("operators", "Refresher course for operators (OS1)"),
        ("italian", "Italian language (OS2)"), ("digital", "Digital skills (OS2)"),
        ("financial", "Financial literacy (OS2)"), ("civic", "Civic orientation (OS2)"),
        ("job", "Job orientation (OS2)")], required=True, default="operators", tracking=True)
    participant_type = fields.Selection([("operators", "Operators"), ("beneficiaries", "Beneficiaries")],
                                        compute="_compute_participant_type", store=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    action_id = fields.Many2one("fami.project.action", domain="[('project_id', '=', project_id)]")
    organisation_id = fields.Many2one("res.partner", string="Responsible organisation", index=True,
                                      domain=[("is_company", "=", True)])
    trainer_ids = fields.Many2many("res.users", string="Trainers")
    external_trainer_ids = fields.Many2many("res.partner", "fami_course_external_trainer_rel",
                                            string="External trainers")
    venue_id = fields.Many2one("fami.venue")
    date_start = fields.Date(string="Start date")
    planned_hours = fields.Float()
    min_attendance = fields.Float(string="Minimum attendance (%)", default=70.0,
                                  help="Share of the course hours a participant must attend to complete it.")
    enrolment_ids = fields.One2many("fami.course.enrolment", "course_id", string="Participants")
    session_ids = fields.One2many("fami.course.session", "course_id", string="Sessions")
    enrolled_count = fields.Integer(compute="_compute_enrolled_count", store=True, string="Enrolled")
    session_hours = fields.Float(compute="_compute_delivery", store=True, string="Hours held",
                                 help="Hours of the sessions whose attendance register is approved.")
    training_hours_delivered = fields.Float(
        compute="_compute_delivery", store=True, string="Training hours delivered (ore/allievo)",
        help="Sum over the sessions with an approved attendance register of their hours × the participants "
             "present.")
    color = fields.Integer()

    @api.depends("kind")
    def _compute_participant_type(self):
        for course in self:
            course.participant_type = "operators" if course.kind in OPERATOR_KINDS else "beneficiaries"

    @api.depends("enrolment_ids")
    def _compute_enrolled_count(self):
        for course in self:
            course.enrolled_count = len(course.enrolment_ids)

    @api.depends("session_ids.duration", "session_ids.training_hours_delivered", "session_ids.workflow_state_code")
    def _compute_delivery(self):
        for course in self:
            approved = course.session_ids.filtered(lambda session: session._register_approved())
            course.session_hours = sum(approved.mapped("duration"))
            course.training_hours_delivered = sum(course.session_ids.mapped("training_hours_delivered"))

    @api.constrains("min_attendance", "planned_hours")
    def _check_numbers(self):
        for course in self:
            if not 0 <= course.min_attendance <= 100:
                raise ValidationError(self.env._("Minimum attendance must be between 0 and 100%%, not %(value)s.",
                                                 value=course.min_attendance))
            if course.planned_hours < 0:
                raise ValidationError(self.env._("Planned hours cannot be negative."))

    def write(self, vals):
        result = super().write(vals)
        if "name" in vals:
            # the sessions' calendar events are titled after the course
            self.session_ids._sync_calendar_events()
        return result

    def action_open_series_wizard(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "fami.session.series.wizard", "view_mode": "form",
                "target": "new", "context": {"default_course_id": self.id,
                                             "default_trainer_id": self.trainer_ids[:1].id,
                                             "default_venue_id": self.venue_id.id}}

    def action_open_import_wizard(self):
        self.ensure_one()
        return self.env["fami.session.import"].create({"course_id": self.id})._reopen()
