from odoo import fields, models


class FamiTargetGroup(models.Model):
    _name = "fami.target.group"
    _description = "Target group or vulnerability"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    is_vulnerability = fields.Boolean(
        string="Vulnerability", help="Special-category data (GDPR art. 9): shown only in aggregate to other users.")
    active = fields.Boolean(default=True)
