"""A model only the indicator tests know: records of a project, some approved, with hours and a person."""
from odoo import fields, models


class FamiIndicatorTestRecord(models.Model):
    _name = "fami.indicator.test.record"
    _description = "FAMI indicator test record"

    project_id = fields.Many2one("fami.project")
    workflow_state_code = fields.Char()
    hours = fields.Float()
    person = fields.Char()
