from odoo import fields, models


class FamiTargetGroup(models.Model):
    _name = "fami.target.group"
    _description = "Target group or vulnerability"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    is_vulnerability = fields.Boolean(
        string="Vulnerability", help="A vulnerable target of the project: the filter Vulnerable people finds them.")
    is_special_category = fields.Boolean(
        string="Special-category data",
        help="Belonging to this group reveals special-category data (GDPR art. 9: health, disability, the grounds of "
             "international protection, trafficking) or criminal records (art. 10): only the group Beneficiary "
             "personal data reads it person by person; other users see only counts and indicators.")
    beneficiary_count = fields.Integer(
        string="People", compute="_compute_beneficiary_count",
        help="How many of the people you may read belong to the group: a count, also of special-category groups.")
    active = fields.Boolean(default=True)

    def _compute_beneficiary_count(self):
        beneficiaries = self.env["fami.beneficiary"]
        counts = {}
        if self.ids and beneficiaries.has_access("read"):
            visible = beneficiaries._search([])  # the people the user may read, by their record rules
            # sudo: a count per group over the people the user may read; who belongs to a group is not returned
            counts = dict(beneficiaries.sudo()._read_group(
                [("id", "in", visible), ("target_group_ids", "in", self.ids)], ["target_group_ids"], ["__count"]))
        for group in self:
            group.beneficiary_count = counts.get(group, 0)
