import json

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.fami_workflow.lib import bounds
from odoo.addons.fami_partners.lib import identifiers

from ..lib import person_rules

PERSONAL = "fami_partners.group_fami_beneficiary_data"
# Wiped by anonymisation; everything else (statistics, links to activities) is kept so indicators do not change.
PERSONAL_FIELDS = ("first_name", "last_name", "birth_date", "codice_fiscale", "permit_type_id", "permit_expiry",
                   "municipality", "phone", "email", "notes", "privacy_notice_document", "privacy_notice_filename")


class FamiBeneficiary(models.Model):
    _name = "fami.beneficiary"
    _description = "Beneficiary (third-country national)"
    # a birth date has its own rule (_check_birth_date: not in the future, at most 120 years ago); a residence
    # permit may have expired before the programme or expire after it
    _fami_bounds = {"birth_date": None, "permit_expiry": bounds.DOCUMENT}
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _rec_name = "code"
    _order = "code desc, id desc"

    code = fields.Char(readonly=True, copy=False, default="/", index=True,
                       help="Pseudonymous code, used wherever a name is not needed.")
    # --- personal data: the ORM withholds these fields from users outside the "Beneficiary personal data" group
    first_name = fields.Char(groups=PERSONAL, tracking=True)
    last_name = fields.Char(groups=PERSONAL, tracking=True)
    birth_date = fields.Date(groups=PERSONAL)
    codice_fiscale = fields.Char(string="Codice fiscale", groups=PERSONAL, size=16)
    permit_type_id = fields.Many2one("fami.permit.type", string="Residence permit", groups=PERSONAL)
    permit_expiry = fields.Date(string="Permit expiry", groups=PERSONAL)
    municipality = fields.Char(string="Municipality of residence", groups=PERSONAL)
    phone = fields.Char(groups=PERSONAL)
    email = fields.Char(string="E-mail", groups=PERSONAL)
    notes = fields.Text(groups=PERSONAL)
    privacy_notice_document = fields.Binary(string="Signed privacy notice", attachment=True, groups=PERSONAL)
    privacy_notice_filename = fields.Char(groups=PERSONAL)
    data_warning = fields.Char(compute="_compute_data_warning", groups=PERSONAL,
                               help="Inconsistencies and possible duplicates found in the personal data.")
    # --- statistical data, readable by every FAMI user
    gender = fields.Selection([("female", "Female"), ("male", "Male"), ("non_binary", "Non-binary")],
                              required=True, default="female")
    age_band = fields.Selection(
        [("under_18", "Under 18"), ("18_29", "18-29"), ("30_54", "30-54"), ("55_64", "55-64"), ("65_plus", "65+")],
        string="Age band", readonly=True,
        help="Kept when the person is anonymised, so that statistics do not change; refreshed daily.")
    country_id = fields.Many2one("res.country", string="Nationality", required=True, ondelete="restrict")
    second_country_id = fields.Many2one("res.country", string="Second citizenship", ondelete="restrict")
    languages = fields.Char(string="Languages spoken")
    education_level = fields.Selection([
        ("none", "No formal education"), ("primary", "Primary"), ("lower_secondary", "Lower secondary"),
        ("upper_secondary", "Upper secondary"), ("tertiary", "Tertiary")], string="Education level")
    employment_status = fields.Selection([
        ("employed", "Employed"), ("self_employed", "Self-employed"), ("unemployed", "Unemployed"),
        ("inactive", "Inactive"), ("student", "Student")], string="Employment status")
    # GDPR art. 9: a person's special-category groups (disability, trafficking, international protection...) are
    # read, searched and grouped person by person only by the group Beneficiary personal data; everybody else reads
    # the other groups in public_target_group_ids and the special ones only as counts and indicators
    target_group_ids = fields.Many2many("fami.target.group", string="Target groups and vulnerabilities",
                                        groups=PERSONAL)
    public_target_group_ids = fields.Many2many(
        "fami.target.group", "fami_beneficiary_public_target_group_rel", "beneficiary_id", "target_group_id",
        string="Target groups", compute="_compute_public_target_group_ids", store=True,
        help="The person's target groups that are not special-category data, readable by every FAMI user.")
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    organisation_id = fields.Many2one("res.partner", string="Taken in charge by", index=True, ondelete="restrict",
                                      domain=[("is_company", "=", True), ("fami_organisation", "=", True)])
    privacy_notice_date = fields.Date(string="Privacy notice given on", tracking=True)
    privacy_notice_kind = fields.Selection([("art13", "Informativa art. 13 GDPR"),
                                            ("art14", "Informativa art. 14 GDPR")], string="Privacy notice")
    photo_consent = fields.Boolean(string="Consents to photos")
    is_reached = fields.Boolean(string="Reached", readonly=True, index=True,
                                help="Counted among the people reached: an approved service access or a completed "
                                     "course.")
    is_anonymised = fields.Boolean(string="Anonymised", readonly=True, copy=False)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("codice_fiscale_unique", "unique(codice_fiscale)",
         "Another beneficiary has the same codice fiscale: open that record instead of creating a duplicate."),
    ]

    # ------------------------------------------------------------ computes

    @api.depends("target_group_ids", "target_group_ids.is_special_category")
    def _compute_public_target_group_ids(self):
        for person in self:
            person.public_target_group_ids = person.target_group_ids.filtered(
                lambda group: not group.is_special_category)

    @api.depends("codice_fiscale", "birth_date", "gender", "first_name", "last_name", "country_id")
    def _compute_data_warning(self):
        for person in self:
            warnings = []
            if person.codice_fiscale:
                parts = person_rules.codice_fiscale_disagreements(person.codice_fiscale, person.birth_date,
                                                                  person.gender)
                if "codice fiscale" in parts:
                    warnings.append(self.env._("The Codice fiscale %(value)s is not valid: check it and type it again.",
                                               value=person.codice_fiscale))
                elif duplicate := person._find_codice_fiscale_duplicate(person.codice_fiscale):
                    warnings.append(self.env._("Another beneficiary, %(code)s, has the same Codice fiscale: open that "
                                               "record instead of registering the person again.", code=duplicate.code))
                if "birth date" in parts:
                    warnings.append(self.env._("The codice fiscale disagrees with the birth date."))
                if "gender" in parts:
                    warnings.append(self.env._("The codice fiscale disagrees with the gender."))
            duplicates = person._find_duplicates()
            if duplicates:
                warnings.append(self.env._("Possible duplicate of %(codes)s (same name, birth date and nationality).",
                                           codes=", ".join(duplicates.mapped("code"))))
            person.data_warning = " ".join(warnings) or False

    def _find_duplicates(self):
        self.ensure_one()
        if not (self.first_name and self.last_name and self.birth_date):
            return self.browse()
        # sudo: the same person must not be registered twice by two organisations; only the match is reported
        return self.sudo().search([
            ("id", "!=", self._origin.id or 0), ("first_name", "=ilike", self.first_name),
            ("last_name", "=ilike", self.last_name), ("birth_date", "=", self.birth_date),
            ("country_id", "=", self.country_id.id)])

    def _find_codice_fiscale_duplicate(self, codice_fiscale):
        """The other beneficiary (archived ones included) holding this codice fiscale, if any."""
        code = self._normalise_codice_fiscale(codice_fiscale)
        # sudo: a codice fiscale is unique in the whole registry, whichever organisation registered the other person;
        # only that person's pseudonymous code is reported
        return self.sudo().with_context(active_test=False).search(
            [("codice_fiscale", "=", code), ("id", "not in", self._origin.ids)], limit=1)

    @api.model
    def _cron_refresh_age_bands(self):
        """People age: recompute the stored age band every day."""
        today = fields.Date.context_today(self)
        # sudo: the daily cron recomputes the age band of every person; it writes nothing else
        for person in self.sudo().search([("birth_date", "!=", False)]):
            band = person_rules.age_band(person.birth_date, today)
            if band != person.age_band:
                person.age_band = band

    # ------------------------------------------------------------ search

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        self._check_special_category_access([term[0] for term in domain or ()
                                             if isinstance(term, (list, tuple)) and len(term) == 3
                                             and isinstance(term[0], str)])
        return super()._search(domain, offset=offset, limit=limit, order=order, **kwargs)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        self._check_special_category_access([spec.split(":")[0] for spec in (*groupby, *aggregates)])
        return super()._read_group(domain, groupby, aggregates, having=having, offset=offset, limit=limit,
                                   order=order)

    @api.model
    def _check_special_category_access(self, paths):
        """Odoo checks a field's groups when a search or a grouping names its column, not a many2many's: without
        this, a user outside the group Beneficiary personal data would find the people of a special-category group
        (art. 9) by searching or grouping by target_group_ids, with their nationality, sex and age band. Counts stay
        possible through public_target_group_ids, the People of each target group and the indicators."""
        if self.env.su or self.env.user.has_group(PERSONAL):
            return
        if any(path.split(".")[0] == "target_group_ids" for path in paths):
            raise AccessError(self.env._(
                "Searching people by Target groups and vulnerabilities would reveal special-category data (GDPR "
                "art. 9): only the group Beneficiary personal data may do it. Search by Target groups instead, "
                "which leaves out the special-category ones."))

    # ------------------------------------------------------------ checks

    @api.constrains("country_id", "second_country_id")
    def _check_third_country_national(self):
        europe = self.env.ref("base.europe").country_ids
        for person in self:
            if person.country_id in europe:
                raise ValidationError(self.env._(
                    "Nationality %(country)s is a member of the European Union: FAMI beneficiaries are third-country "
                    "nationals. Correct the Nationality.", country=person.country_id.name))
            if person.second_country_id in europe:
                raise ValidationError(self.env._(
                    "A person with the citizenship of %(country)s (an EU member) is not a third-country national: "
                    "remove the Second citizenship or do not register the person.",
                    country=person.second_country_id.name))

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = fields.Date.context_today(self)
        # sudo: reads the birth date even for users without personal-data rights; it only refuses
        for person in self.sudo():
            if person.birth_date and person.birth_date > today:
                raise ValidationError(self.env._("The Birth date %(date)s is in the future: enter the real birth date.",
                                                 date=person.birth_date))
            if person.birth_date and person_rules.age_on(person.birth_date, today) > 120:
                raise ValidationError(self.env._("The Birth date %(date)s is more than 120 years ago: enter the real "
                                                 "birth date.", date=person.birth_date))

    def _normalise(self, vals):
        vals = dict(vals)
        for name, normalise, label in (("codice_fiscale", self._normalise_codice_fiscale, self.env._("Codice fiscale")),
                                       ("phone", identifiers.normalize_phone, self.env._("Phone"))):
            if vals.get(name):
                try:
                    vals[name] = normalise(vals[name])
                except identifiers.InvalidIdentifier:
                    raise ValidationError(self.env._("%(field)s %(value)s is not valid: check it and type it again.",
                                                     field=label, value=vals[name])) from None
        if vals.get("codice_fiscale"):
            duplicate = self._find_codice_fiscale_duplicate(vals["codice_fiscale"])
            if duplicate:
                raise ValidationError(self.env._("Codice fiscale %(value)s is already registered for %(code)s: open "
                                                 "that record instead of registering the person again, or merge the "
                                                 "two.",
                                                 value=vals["codice_fiscale"], code=duplicate.code))
        if vals.get("birth_date"):
            vals["age_band"] = person_rules.age_band(fields.Date.to_date(vals["birth_date"]),
                                                     fields.Date.context_today(self))
        elif "birth_date" in vals and not (vals.get("is_anonymised") or any(self.mapped("is_anonymised"))):
            vals["age_band"] = False  # a birth date removed by hand leaves no stale band; erasure keeps the band
        if vals.get("email") and "@" not in vals["email"]:
            raise ValidationError(self.env._("E-mail %(value)s is not an e-mail address.", value=vals["email"]))
        return vals

    @staticmethod
    def _normalise_codice_fiscale(value):
        return identifiers.normalize_codice_fiscale(value, allow_numeric=False)

    def _check_can_enrol(self):
        """Called by activities before enrolling people: a recorded privacy notice is a precondition."""
        missing = self.filtered(lambda person: not person.privacy_notice_date)
        if missing:
            raise UserError(self.env._(
                "%(codes)s cannot be enrolled: no privacy notice (informativa art. 13 GDPR) is recorded. Record the "
                "date of the notice on the beneficiary first.", codes=", ".join(missing.mapped("code"))))

    # ------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        # sudo: the pseudonymous code comes from a sequence users have no access to
        sequence = self.env["ir.sequence"].sudo()
        vals_list = [dict(self._normalise(vals), code=sequence.next_by_code("fami.beneficiary") or "/")
                     for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        if "code" in vals:
            raise UserError(self.env._("The pseudonymous code of a beneficiary never changes."))
        return super().write(self._normalise(vals))

    def _read_format(self, fnames, load="_classic_read"):
        # read(), search_read() and the web client's web_read()/web_search_read() all format through here, so a read
        # of personal data is logged whichever RPC method asked for it
        values_list = super()._read_format(fnames, load=load)
        if set(fnames) & set(PERSONAL_FIELDS) and self.env.user.has_group(PERSONAL):
            self.browse([values["id"] for values in values_list if isinstance(values["id"], int)])._log_access("read")
        return values_list

    def export_data(self, fields_to_export):
        # the list view's "Export" writes personal data to a file: logged like a read, as an export
        result = super().export_data(fields_to_export)
        exported = {path.split("/")[0] for path in fields_to_export}
        if exported & set(PERSONAL_FIELDS) and self.env.user.has_group(PERSONAL):
            self._log_access("export")
        return result

    def _log_access(self, operation):
        if self.ids:
            # sudo: every read of personal data is logged, and users may never write the log themselves
            self.env["fami.beneficiary.access.log"].sudo().create(
                [{"beneficiary_id": person_id, "user_id": self.env.uid, "operation": operation}
                 for person_id in self.ids])

    # ------------------------------------------------------------ GDPR

    def _linked_records(self):
        """Every record of the database that points to this person, found through the registry's fields."""
        self.ensure_one()
        links = {}
        for model_name, model in self.env.registry.items():
            if model._abstract or model._transient or not model._auto:
                continue
            for field in model._fields.values():
                if field.comodel_name == self._name and field.store and field.type in ("many2one", "many2many") \
                        and model_name != "fami.beneficiary.access.log":
                    # sudo: the GDPR export and erasure must find the links in records of every organisation
                    found = self.env[model_name].sudo().search([(field.name, "in", self.ids)])
                    if found:
                        links.setdefault(model_name, set()).update(found.ids)
        return {model: sorted(ids) for model, ids in links.items()}

    def action_export_personal_data(self):
        """Right of access (GDPR art. 15): every datum held on the person, as a JSON file to hand over.

        The file is built when downloaded (controller ``/fami_beneficiaries/personal_data/<id>``) and never stored:
        an attachment on the record would be readable by everyone who reads the record, and outlive an erasure."""
        self.ensure_one()
        self._check_personal_data_export()
        return {"type": "ir.actions.act_url", "url": f"/fami_beneficiaries/personal_data/{self.id}",
                "target": "self"}

    def _check_personal_data_export(self):
        if not self.env.user.has_group(PERSONAL):
            raise UserError(self.env._("Only users of the group Beneficiary personal data can export a person's data."))

    def _personal_data_export(self):
        """The file of the right of access: (file name, JSON bytes); the export is logged."""
        self.ensure_one()
        self._check_personal_data_export()
        names = [name for name, field in self._fields.items()
                 if field.store and field.type not in ("binary", "one2many") and not name.startswith(("message_",
                                                                                                      "activity_"))]
        data = self.read(names, load=None)[0]
        data["target_group_ids"] = self.target_group_ids.mapped("name")
        data["linked_records"] = self._linked_records()
        self._log_access("export")
        return f"{self.code}-personal-data.json", json.dumps(data, default=str, indent=2, ensure_ascii=False).encode()

    def action_anonymise(self):
        """Right to erasure: wipe the personal data, keep the statistics and the activity history."""
        if not self.env.user.has_group(PERSONAL):
            raise UserError(self.env._("Only users of the group Beneficiary personal data can anonymise a person."))
        # the erasure itself runs as superuser: the user must be allowed to change these very people (their
        # organisations' ones), or an id sent over RPC would erase a person of another organisation
        self.check_access("write")
        self._anonymise()
        return True

    def _anonymise(self):
        wiped = {name: False for name in PERSONAL_FIELDS}
        for person in self:
            person._log_access("anonymise")
            # sudo: anonymisation wipes personal fields whatever the rights of the cron or the manager running it
            person.sudo().write(dict(wiped, is_anonymised=True))
            person.sudo().message_ids.unlink()  # the chatter tracked names and notice dates
        # sudo: files and planned activities of the chatter may name the person; erased whoever runs the erasure
        self.env["ir.attachment"].sudo().search([("res_model", "=", self._name), ("res_id", "in", self.ids)]).unlink()
        # sudo: same reason, the activities' notes are free text about the person
        self.sudo().activity_ids.unlink()

    @api.model
    def _cron_anonymise_expired(self):
        """Retention: anonymise people whose project ended more than N years ago (system parameter)."""
        # sudo: the retention period is a system parameter users cannot read
        years = int(self.env["ir.config_parameter"].sudo().get_param("fami_beneficiaries.retention_years", 10))
        limit = fields.Date.subtract(fields.Date.context_today(self), years=years)
        # sudo: retention applies to the people of every organisation; run by the cron
        expired = self.sudo().search([("is_anonymised", "=", False), ("project_id.date_end", "<", limit)])
        expired._anonymise()
        return len(expired)
