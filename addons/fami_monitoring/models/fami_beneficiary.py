from odoo import api, fields, models
from odoo.exceptions import ValidationError

PERSONAL = "fami_partners.group_fami_beneficiary_data"


class FamiBeneficiary(models.Model):
    """Applications the EU result indicators count (Reg. 2021/1147 Annex VIII): recognition of qualifications or
    skills acquired in a third country, long-term resident status. They concern the person's legal situation: read
    person by person only by the group Beneficiary personal data, counted by everybody through the indicators."""

    _inherit = "fami.beneficiary"

    recognition_applied = fields.Boolean(
        string="Applied for recognition of qualifications", groups=PERSONAL, tracking=True,
        help="The person applied for the recognition or assessment of qualifications or skills acquired in a "
             "third country.")
    recognition_date = fields.Date(string="Recognition applied on", groups=PERSONAL)
    long_term_residence_applied = fields.Boolean(
        string="Applied for long-term resident status", groups=PERSONAL, tracking=True,
        help="The person applied for the EU long-term resident status (permesso di soggiorno UE per soggiornanti "
             "di lungo periodo).")
    long_term_residence_date = fields.Date(string="Long-term residence applied on", groups=PERSONAL)

    @api.constrains("recognition_applied", "recognition_date", "long_term_residence_applied",
                    "long_term_residence_date")
    def _check_application_dates(self):
        # sudo: the check reads fields of the personal-data group whoever saves the person; it only refuses
        for person in self.sudo():
            for applied, day, label in (
                    (person.recognition_applied, person.recognition_date, self.env._("Recognition applied on")),
                    (person.long_term_residence_applied, person.long_term_residence_date,
                     self.env._("Long-term residence applied on"))):
                if applied and not day:
                    raise ValidationError(self.env._(
                        "%(person)s applied, but %(field)s is empty: enter the date of the application (the EU "
                        "indicators count it in its year).", person=person.code, field=label))
                if day and not applied:
                    raise ValidationError(self.env._(
                        "%(field)s of %(person)s is filled but the application is not ticked: tick it or clear "
                        "the date.", person=person.code, field=label))
