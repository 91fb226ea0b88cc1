from odoo import api, fields, models
from odoo.exceptions import UserError


class FamiBeneficiaryAccessLog(models.Model):
    """Who read the personal data of which beneficiary, and when (GDPR accountability). Never edited or deleted."""

    _name = "fami.beneficiary.access.log"
    _description = "Read of a beneficiary's personal data"
    _fami_bounds = {"date": None}  # the moment of the read, stamped by the server (fami_workflow/lib/bounds.py)
    _order = "id desc"

    beneficiary_id = fields.Many2one("fami.beneficiary", required=True, readonly=True, index=True,
                                     ondelete="restrict")
    user_id = fields.Many2one("res.users", required=True, readonly=True, default=lambda self: self.env.user)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    operation = fields.Selection([("read", "Read"), ("export", "Export"), ("anonymise", "Anonymisation")],
                                 required=True, readonly=True, default="read")

    def write(self, vals):
        if self:
            raise UserError(self.env._("The log of reads of personal data cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The log of reads of personal data cannot be deleted."))
