from odoo import fields, models


class FamiBeneficiary(models.Model):
    _name = "fami.beneficiary"
    _description = "Beneficiary (third-country national)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _rec_name = "code"
    _order = "code desc"

    code = fields.Char(string="Code", readonly=True, copy=False, default="/", index=True)
    first_name = fields.Char(groups="fami_partners.group_fami_beneficiary_data")
    last_name = fields.Char(groups="fami_partners.group_fami_beneficiary_data")
    gender = fields.Selection([("female", "Female"), ("male", "Male"), ("non_binary", "Non-binary")])
    birth_date = fields.Date(groups="fami_partners.group_fami_beneficiary_data")
    country_id = fields.Many2one("res.country", string="Nationality")
    project_id = fields.Many2one("fami.project", index=True)
