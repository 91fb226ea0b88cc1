from odoo import fields, models


class FamiService(models.Model):
    """The work package a service belongs to, for the procedural section of the monitoring return."""

    _inherit = "fami.service"

    action_id = fields.Many2one("fami.project.action", string="Work package", index=True, ondelete="restrict",
                                domain="[('project_id', '=', project_id)]")
