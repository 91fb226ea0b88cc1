from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import identifiers

PHONE_FIELDS = ("phone", "mobile")


class ResPartner(models.Model):
    _inherit = "res.partner"

    fami_organisation = fields.Boolean(
        string="FAMI organisation",
        help="Partner, lead partner or network member of a FAMI project. Its phone numbers are checked and stored "
             "in the international format (E.164).")
    fami_partita_iva = fields.Char(string="Partita IVA", size=11, copy=False,
                                   help="Italian VAT number: 11 digits, without the IT prefix.")
    fami_codice_fiscale = fields.Char(string="Codice fiscale", size=16, copy=False,
                                      help="16 characters for a person, 11 digits for an organisation.")
    fami_project_partner_ids = fields.One2many("fami.project.partner", "partner_id", string="FAMI projects")
    fami_network_category_ids = fields.Many2many(
        "fami.network.category", string="Network categories", compute="_compute_fami_network_category_ids")
    fami_document_ids = fields.One2many("fami.document", "partner_id", string="Documents",
                                        groups="fami_partners.group_fami_user")
    fami_document_count = fields.Integer(string="Documents with an expiry", compute="_compute_fami_document_count",
                                         groups="fami_partners.group_fami_user")

    @api.depends("fami_project_partner_ids.network_category_id")
    def _compute_fami_network_category_ids(self):
        for partner in self:
            partner.fami_network_category_ids = partner.fami_project_partner_ids.network_category_id

    def _compute_fami_document_count(self):
        counts = dict(self.env["fami.document"]._read_group([("partner_id", "in", self.ids)], ["partner_id"],
                                                            ["__count"]))
        for partner in self:
            partner.fami_document_count = counts.get(partner, 0)

    def action_open_fami_documents(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "fami.document", "name": self.env._("Documents"),
                "view_mode": "list,form", "domain": [("partner_id", "=", self.id)],
                "context": {"default_partner_id": self.id}}

    @api.model_create_multi
    def create(self, vals_list):
        default = self.env.context.get("default_fami_organisation")
        vals_list = [self._fami_normalize(vals, vals.get("fami_organisation", default)) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        if not self:
            return super().write(vals)
        if "fami_organisation" not in vals and any(field in vals for field in PHONE_FIELDS):
            organisations = self.filtered("fami_organisation")
            if organisations and organisations != self:
                # a mass edit of FAMI organisations and other contacts: only the organisations' numbers are checked
                return (organisations.write(vals)
                        and super(ResPartner, self - organisations).write(self._fami_normalize(vals, False)))
        organisation = vals.get("fami_organisation", all(self.mapped("fami_organisation")))
        if vals.get("fami_organisation") and not any(field in vals for field in PHONE_FIELDS):
            # becoming a FAMI organisation: normalise the numbers already stored
            for partner in self:
                stored = {field: partner[field] for field in PHONE_FIELDS if partner[field]}
                if stored:
                    super(ResPartner, partner).write(self._fami_normalize(stored, True))
        return super().write(self._fami_normalize(vals, organisation))

    @api.model
    def _fami_normalize(self, vals, check_phones):
        """Normalise the Italian identifiers (always) and the phone numbers (of FAMI organisations)."""
        vals = dict(vals)
        checks = [("fami_partita_iva", identifiers.normalize_partita_iva),
                  ("fami_codice_fiscale", identifiers.normalize_codice_fiscale)]
        if check_phones:
            checks += [(field, identifiers.normalize_phone) for field in PHONE_FIELDS]
        for field, normalize in checks:
            if vals.get(field):
                try:
                    vals[field] = normalize(vals[field])
                except identifiers.InvalidIdentifier:
                    raise ValidationError(self._fami_identifier_error(field, vals[field])) from None
        return vals

    @api.model
    def _fami_identifier_error(self, field, value):
        if field == "fami_partita_iva":
            return self.env._("The Partita IVA %(value)s is not valid: it has 11 digits, the last one a check digit; "
                              "correct it or leave it empty.", value=value)
        if field == "fami_codice_fiscale":
            return self.env._("The Codice fiscale %(value)s is not valid: a person's has 16 characters, an "
                              "organisation's 11 digits; correct it or leave it empty.", value=value)
        if field == "mobile":
            return self.env._("The Mobile %(value)s is not a valid phone number: write it with its prefix, e.g. 347 "
                              "123 4567 or +39 347 123 4567.", value=value)
        return self.env._("The Phone %(value)s is not a valid phone number: write it with its prefix, e.g. 075 504 "
                          "1234 or +39 075 504 1234.", value=value)
