from odoo import api, fields, models
from odoo.exceptions import UserError


class FamiCertificateReissue(models.Model):
    """The log of reissues of a certificate of attendance: who issued it again, when, why, with which hours. Written
    only by the certificate's reissue (no user may create a line: no ACL grants it), never changed or deleted."""

    _name = "fami.certificate.reissue"
    _description = "Reissue of a certificate of attendance"
    # the moment of the reissue, stamped by the server (fami_workflow/lib/bounds.py)
    _fami_bounds = {"date": None}
    _order = "id desc"

    certificate_id = fields.Many2one("fami.certificate", required=True, readonly=True, index=True,
                                     ondelete="restrict")
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Reissued by", required=True, readonly=True,
                              default=lambda self: self.env.user)
    reason = fields.Text(required=True, readonly=True)
    hours_before = fields.Float(string="Hours attended before", readonly=True)
    hours_after = fields.Float(string="Hours attended after", readonly=True)

    def write(self, vals):
        if self:
            raise UserError(self.env._("The log of reissues of certificates cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The log of reissues of certificates cannot be deleted."))
