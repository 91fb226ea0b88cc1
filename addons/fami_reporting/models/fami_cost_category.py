from odoo import fields, models


class FamiCostCategory(models.Model):
    _name = "fami.cost.category"
    _description = "FAMI cost category"
    _order = "sequence, code"

    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
