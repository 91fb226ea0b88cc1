from odoo import fields, models


class FamiService(models.Model):
    """A one-stop service (OSS) or a service for vulnerable targets opened by the project; it counts in the
    indicators once a manager other than the one who submitted it approves its activation."""

    _name = "fami.service"
    _description = "FAMI service"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "approved")
    _workflow_required_transitions = ("submit", "approve", "reject")
    _order = "name"

    name = fields.Char(required=True)
    kind = fields.Selection([("oss", "One-stop service (OSS)"), ("vulnerable", "Service for vulnerable targets"),
                             ("other", "Other")], required=True, default="oss")
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    organisation_id = fields.Many2one("res.partner", index=True, domain=[("is_company", "=", True)],
                                      default=lambda self: self.env.user.fami_organisation_ids[:1])
    address = fields.Char()
    opening_date = fields.Date()
    target_group_ids = fields.Many2many("fami.target.group", string="Target groups")
    access_ids = fields.One2many("fami.service.access", "service_id", string="Accesses")
    active = fields.Boolean(default=True)
