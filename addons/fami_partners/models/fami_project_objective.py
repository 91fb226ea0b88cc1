from odoo import fields, models


class FamiProjectObjective(models.Model):
    _name = "fami.project.objective"
    _description = "FAMI project specific objective"
    _order = "project_id, sequence, code, id"

    project_id = fields.Many2one("fami.project", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="Short code of the specific objective, e.g. OS1.")
    name = fields.Char(required=True, translate=True)
    expected_results = fields.Text(string="Expected results", translate=True)
    indicator_ids = fields.One2many("fami.indicator", "objective_id", string="Indicators")

    _sql_constraints = [
        ("code_project_unique", "unique(project_id, code)", "An objective code must be unique within a project."),
    ]

    def _compute_display_name(self):
        for objective in self:
            objective.display_name = f"{objective.code} - {objective.name}" if objective.code else objective.name
