from odoo import fields, models


class FamiServiceAccess(models.Model):
    """A beneficiary's contact with a service; once approved the person counts as reached."""

    _name = "fami.service.access"
    _description = "Access to a FAMI service"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
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
