import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.fami_beneficiary import PERSONAL_FIELDS

# What the record kept takes from a duplicate when it has none: personal data, the privacy notice, statistics (not
# the photo consent: "no" is a choice of the person, not a blank to fill).
FILLED_FROM_DUPLICATES = PERSONAL_FIELDS + ("privacy_notice_date", "privacy_notice_kind", "languages",
                                            "education_level", "employment_status", "organisation_id",
                                            "second_country_id")


class FamiBeneficiaryMerge(models.TransientModel):
    """Merge duplicates: the oldest record is kept and every link pointing to the others is moved to it."""

    _name = "fami.beneficiary.merge"
    _description = "Merge duplicate beneficiaries"

    beneficiary_ids = fields.Many2many("fami.beneficiary", string="Beneficiaries to merge")
    keep_id = fields.Many2one("fami.beneficiary", string="Record kept", compute="_compute_keep_id",
                              help="The oldest record is kept; the others are deleted once their links are moved.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "fami.beneficiary" and self.env.context.get("active_ids"):
            values["beneficiary_ids"] = [(6, 0, self.env.context["active_ids"])]
        return values

    @api.depends("beneficiary_ids")
    def _compute_keep_id(self):
        for wizard in self:
            people = wizard.beneficiary_ids.sorted(lambda person: (person.create_date or fields.Datetime.now(),
                                                                   person.id or 0))
            wizard.keep_id = people[:1]

    def _link_fields(self):
        """Every stored many2one / many2many of the registry pointing to fami.beneficiary (later addons included)."""
        for model_name, model in self.env.registry.items():
            if model._abstract or model._transient or not model._auto:
                continue
            for field in model._fields.values():
                if field.comodel_name == "fami.beneficiary" and field.store and field.type in ("many2one", "many2many"):
                    yield model, field

    def action_merge(self):
        self.ensure_one()
        if len(self.beneficiary_ids) < 2:
            raise UserError(self.env._("Select at least two beneficiaries in the field Beneficiaries to merge."))
        keep = self.keep_id
        others = self.beneficiary_ids - keep
        cr = self.env.cr
        for model, field in self._link_fields():
            if field.type == "many2one":
                # SQL, not write(): links in locked workflow states (approved registers) must move too
                try:
                    with cr.savepoint():
                        cr.execute(SQL("UPDATE %s SET %s = %s WHERE %s IN %s", SQL.identifier(model._table),
                                       SQL.identifier(field.name), keep.id, SQL.identifier(field.name),
                                       tuple(others.ids)), log_exceptions=False)
                except psycopg2.errors.UniqueViolation:
                    # sudo: the name of the model only, to say where the two records meet
                    description = self.env["ir.model"].sudo()._get(model._name).name
                    raise UserError(self.env._(
                        "%(codes)s and %(kept)s are linked to the same %(model)s record, which may hold each person "
                        "only once: remove one of the two links, then merge again.", codes=", ".join(
                            others.mapped("code")), kept=keep.code, model=description)) from None
            else:
                rel, own, person = (SQL.identifier(name) for name in (field.relation, field.column1, field.column2))
                cr.execute(SQL("""INSERT INTO %s (%s, %s) SELECT DISTINCT %s, %s FROM %s WHERE %s IN %s
                                  ON CONFLICT DO NOTHING""",
                               rel, own, person, own, keep.id, rel, person, tuple(others.ids)))
                cr.execute(SQL("DELETE FROM %s WHERE %s IN %s", rel, person, tuple(others.ids)))
        self.env.invalidate_all()
        # sudo: the chatter (messages, files) of the duplicates is the same person's history and moves with the links
        self.env["mail.message"].sudo().search([("model", "=", keep._name), ("res_id", "in", others.ids)]).write(
            {"res_id": keep.id})
        # sudo: same reason, for the files attached to the duplicates
        self.env["ir.attachment"].sudo().search([("res_model", "=", keep._name), ("res_id", "in", others.ids)]).write(
            {"res_id": keep.id})
        fill = self._values_missing_on_kept(keep, others)
        keep.message_post(body=self.env._("Merged with the duplicate records %(codes)s; their links now point here.",
                                          codes=", ".join(others.mapped("code"))))
        # sudo: the duplicates' links now point to the record kept; deleting them must not depend on their organisation
        others.sudo().unlink()
        # sudo: what the record kept lacked (a privacy notice, a phone) comes from the duplicates, whose data the
        # merging manager may not be allowed to read; written after they are gone, the codice fiscale being unique
        keep.sudo().write(fill)
        return {"type": "ir.actions.act_window", "res_model": "fami.beneficiary", "res_id": keep.id,
                "view_mode": "form", "target": "current"}

    def _values_missing_on_kept(self, keep, others):
        """The values the record kept lacks, from the oldest duplicate that has them; target groups joined."""
        # sudo: reading the personal fields of the people merged, to keep what only a duplicate recorded
        keep, others = keep.sudo(), others.sudo().sorted(lambda person: (person.create_date, person.id))
        values = {"target_group_ids": [(4, group.id) for group in others.target_group_ids - keep.target_group_ids]}
        for name in FILLED_FROM_DUPLICATES:
            field = keep._fields[name]
            if not keep[name]:
                donor = next((person for person in others if person[name]), None)
                if donor:
                    values[name] = field.convert_to_write(donor[name], donor)
        return values
