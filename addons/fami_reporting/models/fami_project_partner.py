from odoo import fields, models


class FamiProjectPartner(models.Model):
    _inherit = "fami.project.partner"

    vat_recoverable = fields.Boolean(
        string="VAT recoverable",
        help="The partner recovers VAT: VAT on its expenses is then not eligible (Reg. 2021/1060).")
