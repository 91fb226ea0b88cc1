from odoo import fields, models


class FamiProjectAction(models.Model):
    _name = "fami.project.action"
    _description = "FAMI project action or work package"
    _order = "project_id, sequence, code, id"

    project_id = fields.Many2one("fami.project", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="Short code of the action, e.g. AZ01, or WP0 for project management.")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    is_management = fields.Boolean(
        string="Project management (WP0)",
        help="Work package 0: project management and control, which may be charged to a single action.")

    _sql_constraints = [
        ("code_project_unique", "unique(project_id, code)", "An action code must be unique within a project."),
    ]

    def _compute_display_name(self):
        for action in self:
            action.display_name = f"{action.code} - {action.name}" if action.code else action.name
