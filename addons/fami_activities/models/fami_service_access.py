from odoo import api, fields, models


class FamiServiceAccess(models.Model):
    """A beneficiary's contact with a service; once approved the person counts as reached."""

    _name = "fami.service.access"
    _description = "Access to a FAMI service"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "approved")
    _workflow_required_transitions = ("submit", "approve", "reject")
    _order = "date desc, id desc"

    service_id = fields.Many2one("fami.service", required=True, index=True, ondelete="restrict")
    project_id = fields.Many2one(related="service_id.project_id", store=True, index=True)
    organisation_id = fields.Many2one(related="service_id.organisation_id", store=True, index=True)
    beneficiary_id = fields.Many2one("fami.beneficiary", required=True, index=True, ondelete="restrict")
    date = fields.Date(required=True, default=fields.Date.context_today)
    support_kind = fields.Selection([
        ("orientation", "Orientation"), ("counselling", "Counselling"), ("job_search", "Job search"),
        ("housing", "Housing"), ("financial", "Financial services"), ("legal", "Legal"), ("health", "Health"),
        ("language", "Language"), ("other", "Other")], string="Support", required=True, default="orientation")
    outcome = fields.Text()
    operator_id = fields.Many2one("res.users", default=lambda self: self.env.user)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_beneficiaries_readable(vals.get("beneficiary_id") for vals in vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_beneficiaries_readable([vals.get("beneficiary_id")])
        return super().write(vals)

    def _check_beneficiaries_readable(self, beneficiary_ids):
        """Recording a person's access to a service needs the right to read that person: once approved it makes
        them reached, and the operator who recorded it reads it."""
        self.env["fami.beneficiary"].browse({person_id for person_id in beneficiary_ids if person_id}) \
            ._check_may_be_named(self._fields["beneficiary_id"]._description_string(self.env))
