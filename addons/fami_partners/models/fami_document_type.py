from odoo import fields, models

from odoo.addons.fami_workflow.lib import bounds


class FamiDocumentType(models.Model):
    _name = "fami.document.type"
    _description = "Type of document with an expiry date"
    _fami_bounds = {"validity_days": bounds.DAYS}  # added to an issue date: the expiry must stay a real date
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection([
        ("compliance", "Compliance certificate"),
        ("contract", "Contract"),
        ("agreement", "Agreement or protocol"),
        ("insurance", "Insurance policy"),
        ("other", "Other"),
    ], required=True, default="other",
        help="Contracts are read only by administrative staff, auditors and the person who holds them.")
    validity_days = fields.Integer(string="Usual validity (days)",
                                   help="Proposes the expiry date from the issue date, e.g. 120 days for a DURC.")
    check_on_expenses = fields.Boolean(
        string="Checked on expenses",
        help="An expense whose supplier holds documents of this type can be approved only when one of them is "
             "valid on the expense's document date.")
    note = fields.Text(translate=True)
    active = fields.Boolean(default=True)
