from odoo import fields, models


class FamiCostCategory(models.Model):
    _name = "fami.cost.category"
    _description = "FAMI cost category"
    _order = "sequence, code"

    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_staff = fields.Boolean(string="Staff costs", help="Costs of internal staff, computed from approved hours.")
    is_indirect = fields.Boolean(string="Indirect costs (flat rate)", help="Computed, never typed.")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "The code of a cost category must be unique.")]
