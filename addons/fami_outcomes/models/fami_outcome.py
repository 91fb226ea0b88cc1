from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PERSONAL = "fami_partners.group_fami_beneficiary_data"
IN_WORK = ("employed", "self_employed")


class FamiOutcome(models.Model):
    """A follow-up of a participant: at the end of an activity, or some months after it (the project's setting),
    what the person reached: work (with the contract), further training, a service, the recognition of their
    qualifications, an application for long-term residence. Outcome indicators count approved follow-ups, each
    person once (count of distinct beneficiaries)."""

    _name = "fami.outcome"
    _description = "Participant's outcome (follow-up)"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "approved")
    _workflow_required_transitions = ("submit", "approve", "reject")
    _order = "date desc, id desc"

    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    beneficiary_id = fields.Many2one("fami.beneficiary", string="Participant", required=True, index=True,
                                     ondelete="restrict", domain="[('project_id', '=', project_id)]")
    organisation_id = fields.Many2one(related="beneficiary_id.organisation_id", string="Taken in charge by",
                                      store=True, index=True)
    course_id = fields.Many2one(
        "fami.course", index=True, ondelete="restrict",
        domain="[('project_id', '=', project_id), ('participant_type', '=', 'beneficiaries')]",
        help="The course the follow-up is about; leave empty for another activity (describe it below).")
    activity_description = fields.Char(string="Other activity", help="The activity followed up, when not a course.")
    user_id = fields.Many2one("res.users", string="Recorded by", default=lambda self: self.env.user, index=True,
                              readonly=True)
    followup_stage = fields.Selection(
        [("end", "At the end of the activity"), ("later", "Months after the activity")], string="Follow-up",
        required=True, default="end", index=True)
    followup_months = fields.Integer(
        string="Months after the end", compute="_compute_followup_months", store=True, readonly=False,
        precompute=True,
        help="0 at the end of the activity; for a later follow-up, the project's setting Follow-up after (months).")
    date = fields.Date(string="Follow-up date", required=True, default=fields.Date.context_today, index=True)
    # outcomes
    job_status = fields.Selection(
        [("not_working", "Not in work"), ("employed", "Employed"), ("self_employed", "Self-employed")],
        string="Work")
    contract_type = fields.Selection(
        [("permanent", "Permanent contract"), ("fixed_term", "Fixed-term contract"),
         ("apprenticeship", "Apprenticeship"), ("traineeship", "Traineeship (tirocinio)"),
         ("agency", "Agency work (somministrazione)"), ("seasonal", "Seasonal work"),
         ("occasional", "Occasional work"), ("other", "Other contract")], string="Contract type")
    in_work = fields.Boolean(compute="_compute_in_work", store=True, index=True,
                             help="Employed or self-employed at the follow-up.")
    further_training = fields.Boolean(string="In further training")
    training_description = fields.Char(string="Training")
    service_kind = fields.Selection(
        [("job_centre", "Public employment centre (CPI)"), ("social", "Social services of the municipality"),
         ("housing", "Housing services"), ("financial", "Financial services (bank account, microcredit)"),
         ("education", "Education (CPIA, school)"), ("legal", "Legal advice"),
         ("registry", "Registry office and residence"), ("other", "Other service")], string="Service reached",
        help="A service the person reached after the activity. Health and protection services are recorded in "
             "Special-category service, readable only by the group Beneficiary personal data.")
    # GDPR art. 9: reaching a health or protection service reveals health data or the grounds of protection: only the
    # group Beneficiary personal data reads, searches or groups it person by person (field groups); indicators count
    # it as an aggregate
    special_service_kind = fields.Selection(
        [("health", "Health services (USL)"), ("mental_health", "Mental health services"),
         ("disability", "Disability support"), ("anti_trafficking", "Anti-trafficking services"),
         ("anti_violence", "Anti-violence centre")], string="Special-category service", groups=PERSONAL,
        help="Special-category data (GDPR art. 9): only the group Beneficiary personal data reads it.")
    recognition_status = fields.Selection(
        [("applied", "Applied"), ("obtained", "Recognised")], string="Recognition of qualifications",
        help="Recognition of qualifications or skills acquired in a third country (EU result indicator).")
    long_term_residence_applied = fields.Boolean(
        string="Applied for long-term residence",
        help="Applied for the EU long-term resident permit (EU result indicator).")
    notes = fields.Text(groups=PERSONAL, help="Free text about the person: only the group Beneficiary personal data "
                                              "reads it.")

    _sql_constraints = [
        ("followup_months_range", "CHECK(followup_months >= 0 AND followup_months <= 120)",
         "Months after the end must be between 0 and 120."),
    ]

    @api.depends("followup_stage", "project_id")
    def _compute_followup_months(self):
        for outcome in self:
            if outcome.followup_stage == "end":
                outcome.followup_months = 0
            elif not outcome.followup_months:
                outcome.followup_months = outcome.project_id.outcome_followup_months

    @api.depends("job_status")
    def _compute_in_work(self):
        for outcome in self:
            outcome.in_work = outcome.job_status in IN_WORK

    def _compute_display_name(self):
        stages = dict(self._fields["followup_stage"]._description_selection(self.env))
        for outcome in self:
            stage = stages.get(outcome.followup_stage, "")
            if outcome.followup_stage == "later":
                stage = self.env._("%(months)s months after", months=outcome.followup_months)
            outcome.display_name = f"{outcome.beneficiary_id.display_name or ''} - {stage}"

    @api.constrains("followup_stage", "followup_months", "beneficiary_id", "course_id", "project_id",
                    "contract_type", "job_status")
    def _check_outcome(self):
        for outcome in self:
            if outcome.followup_stage == "later" and outcome.followup_months < 1:
                raise ValidationError(self.env._(
                    "A follow-up months after the activity needs Months after the end of at least 1."))
            if outcome.followup_stage == "end" and outcome.followup_months:
                raise ValidationError(self.env._(
                    "A follow-up at the end of the activity has 0 Months after the end: choose Months after the "
                    "activity instead."))
            if outcome.beneficiary_id.project_id != outcome.project_id:
                raise ValidationError(self.env._(
                    "%(person)s is a participant of another project: choose a participant of %(project)s.",
                    person=outcome.beneficiary_id.display_name, project=outcome.project_id.name))
            # sudo: the enrolment decides, also in a course the user cannot read; nothing is returned
            enrolled = outcome.course_id.sudo().enrolment_ids.beneficiary_id
            if outcome.course_id and outcome.beneficiary_id not in enrolled:
                raise ValidationError(self.env._(
                    "%(person)s is not enrolled in %(course)s: choose a course the person attended, or leave Course "
                    "empty and describe the activity.", person=outcome.beneficiary_id.display_name,
                    course=outcome.course_id.name))
            if outcome.contract_type and outcome.job_status not in IN_WORK:
                raise ValidationError(self.env._(
                    "%(person)s has a Contract type but is not in work: set Work to Employed or Self-employed, or "
                    "clear the Contract type.", person=outcome.beneficiary_id.display_name))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_beneficiaries_readable(vals.get("beneficiary_id") for vals in vals_list)
        # who recorded a follow-up is who created it (the record rules let them read it)
        return super().create([dict(vals, user_id=self.env.uid) for vals in vals_list])

    def write(self, vals):
        if "user_id" in vals and not self.env.su:
            raise UserError(self.env._("Recorded by is set when the follow-up is recorded and does not change."))
        self._check_beneficiaries_readable([vals.get("beneficiary_id")])
        return super().write(vals)

    def _check_beneficiaries_readable(self, beneficiary_ids):
        """Recording a person's outcome needs the right to read that person (an id sent over RPC names nobody
        else)."""
        self.env["fami.beneficiary"].browse({person_id for person_id in beneficiary_ids if person_id}) \
            ._check_may_be_named(self._fields["beneficiary_id"]._description_string(self.env))
