from odoo import api, fields, models
from odoo.tools import SQL

PERSONAL = "fami_partners.group_fami_beneficiary_data"


class FamiDocumentExpiry(models.Model):
    """The residence permits join the suite's list of expiring documents, read from the beneficiaries where they
    are kept (no copy to wipe on anonymisation). The rule `rule_fami_document_expiry_permits` shows them only to
    the group Beneficiary personal data, for the people of the user's organisations unless manager or auditor,
    and reading them is logged like any read of personal data."""

    _inherit = "fami.document.expiry"
    _depends = {"fami.beneficiary": ["code", "permit_type_id", "permit_expiry", "project_id", "organisation_id",
                                     "active", "is_anonymised"]}

    source = fields.Selection(selection_add=[("permit", "Residence permit")], ondelete={"permit": "cascade"})
    beneficiary_id = fields.Many2one("fami.beneficiary", readonly=True)
    permit_type_id = fields.Many2one("fami.permit.type", string="Residence permit", readonly=True)
    organisation_id = fields.Many2one("res.partner", string="Taken in charge by", readonly=True)

    @api.model
    def _expiry_sources(self):
        return super()._expiry_sources() + [("permit", SQL("""fami_beneficiary b
                WHERE b.active AND NOT COALESCE(b.is_anonymised, FALSE) AND b.permit_expiry IS NOT NULL"""), {
            "res_id": SQL("b.id"), "beneficiary_id": SQL("b.id"), "holder_name": SQL("b.code"),
            "document_type_id": SQL("""(SELECT res_id FROM ir_model_data
                                         WHERE module = 'fami_beneficiaries'
                                           AND name = 'document_type_residence_permit')"""),
            "permit_type_id": SQL("b.permit_type_id"), "date_expiry": SQL("b.permit_expiry"),
            "project_id": SQL("b.project_id"), "organisation_id": SQL("b.organisation_id"),
        })]

    def read(self, fields=None, load="_classic_read"):
        rows = super().read(fields, load=load)
        people = self.filtered(lambda row: row.source == "permit").beneficiary_id
        if people and self.env.user.has_group(PERSONAL):
            people._log_access("read")
        return rows

    def action_open_record(self):
        if self.source == "permit":
            return {"type": "ir.actions.act_window", "res_model": "fami.beneficiary",
                    "res_id": self.beneficiary_id.id, "view_mode": "form", "target": "current"}
        return super().action_open_record()
