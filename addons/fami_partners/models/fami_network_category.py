from odoo import fields, models


class FamiNetworkCategory(models.Model):
    _name = "fami.network.category"
    _description = "FAMI territorial network category"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="What organisations of this category do for the project.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "A network category with this name already exists."),
    ]
