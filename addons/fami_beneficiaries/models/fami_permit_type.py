from odoo import fields, models


class FamiPermitType(models.Model):
    _name = "fami.permit.type"
    _description = "Residence permit type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
