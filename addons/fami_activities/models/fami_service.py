from odoo import fields, models


class FamiService(models.Model):
    """A one-stop service (OSS) or a service for vulnerable targets opened by the project."""

    _name = "fami.service"
    _description = "FAMI service"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True)
    kind = fields.Selection([("oss", "One-stop service (OSS)"), ("vulnerable", "Service for vulnerable targets"),
                             ("other", "Other")], required=True, default="oss")
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    organisation_id = fields.Many2one("res.partner", index=True,
                                      domain=[("is_company", "=", True)])
    address = fields.Char()
    opening_date = fields.Date()
    target_group_ids = fields.Many2many("fami.target.group", string="Target groups")
    access_ids = fields.One2many("fami.service.access", "service_id", string="Accesses")
    active = fields.Boolean(default=True)
