from odoo import fields, models


class FamiEvent(models.Model):
    """The work package an event belongs to, for the procedural section of the monitoring return."""

    _inherit = "fami.event"

    action_id = fields.Many2one("fami.project.action", string="Work package", index=True, ondelete="restrict",
                                domain="[('project_id', '=', project_id)]")
