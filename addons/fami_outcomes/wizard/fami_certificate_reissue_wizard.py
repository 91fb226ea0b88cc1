from odoo import fields, models


class FamiCertificateReissueWizard(models.TransientModel):
    _name = "fami.certificate.reissue.wizard"
    _description = "Reissue a certificate of attendance"

    certificate_id = fields.Many2one("fami.certificate", required=True, ondelete="cascade")
    reason = fields.Text(required=True, help="Why the certificate is issued again, e.g. the original was lost, or a "
                                             "register approved later changed the hours.")

    def action_reissue(self):
        self.ensure_one()
        self.certificate_id._reissue(self.reason)
        return self.certificate_id.action_print()
