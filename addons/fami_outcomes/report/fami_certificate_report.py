from odoo import api, models
from odoo.exceptions import UserError

from ..lib import outcome_rules

PERSONAL = "fami_partners.group_fami_beneficiary_data"


class FamiCertificateReport(models.AbstractModel):
    """The PDF of certificates of attendance. A certificate names its holder: for a beneficiary that is personal
    data, printed only by the group Beneficiary personal data and logged like an export (fami_beneficiaries)."""

    _name = "report.fami_outcomes.report_certificate"
    _description = "Certificate of attendance (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        certificates = self.env["fami.certificate"].browse(docids)
        certificates.check_access("read")
        people = certificates.beneficiary_id
        if people and not self.env.user.has_group(PERSONAL):
            raise UserError(self.env._(
                "A certificate of attendance names its holder: only users of the group Beneficiary personal data "
                "can print those of beneficiaries (%(codes)s).", codes=", ".join(people.mapped("code"))))
        anonymised = people.filtered("is_anonymised")
        if anonymised:
            raise UserError(self.env._(
                "%(codes)s were anonymised: their certificates of attendance can no longer be printed.",
                codes=", ".join(anonymised.mapped("code"))))
        people._log_access("export")
        point = self.env["res.lang"]._get_data(code=self.env.lang or "en_US").decimal_point or "."
        return {
            "doc_ids": certificates.ids,
            "doc_model": "fami.certificate",
            "docs": certificates,
            "holder_name": lambda certificate: certificate._holder_name(),
            "hours": lambda value: outcome_rules.format_hours(value, point),
        }
