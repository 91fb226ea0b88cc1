from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class FamiDocumentType(models.Model):
    _inherit = "fami.document.type"

    category = fields.Selection(selection_add=[("permit", "Residence permit")], ondelete={"permit": "set default"})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_residence_permit(self):
        permit = self.env.ref("fami_beneficiaries.document_type_residence_permit", raise_if_not_found=False)
        if permit in self:
            raise UserError(self.env._("The type Residence permit groups the permits of the beneficiaries in the list "
                                       "of expiring documents: it cannot be deleted."))


class FamiDocument(models.Model):
    _inherit = "fami.document"

    document_type_id = fields.Many2one(domain=[("category", "!=", "permit")])

    @api.constrains("document_type_id")
    def _check_not_a_residence_permit(self):
        if self.filtered(lambda document: document.category == "permit"):
            raise ValidationError(self.env._(
                "Residence permits are recorded on the beneficiary (field Permit expiry), where only the group "
                "Beneficiary personal data reads them: choose another Type."))
