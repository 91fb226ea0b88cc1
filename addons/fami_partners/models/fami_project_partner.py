from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .fami_expiry_mixin import EXPIRY_STATES


class FamiProjectPartner(models.Model):
    _name = "fami.project.partner"
    _description = "FAMI project partner or network member"
    _order = "project_id, role, sequence, id"

    project_id = fields.Many2one("fami.project", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Organisation", required=True, ondelete="restrict",
                                 domain=[("is_company", "=", True), ("fami_organisation", "=", True)], index=True,
                                 help="A FAMI organisation (contact flagged so); a new one is created flagged.")
    role = fields.Selection([("lead", "Lead partner"), ("partner", "Project partner"),
                             ("network", "Network member")], required=True, default="partner", index=True)
    network_category_id = fields.Many2one("fami.network.category", string="Network category",
                                          ondelete="restrict")
    agreement_date = fields.Date(string="Agreement date",
                                 help="Date of the partnership agreement or of the protocol of understanding.")
    agreement_document = fields.Binary(string="Agreement document", attachment=True, copy=False)
    agreement_filename = fields.Char(string="Agreement file name")
    agreement_document_id = fields.Many2one(
        "fami.document", string="Agreement with expiry", compute="_compute_agreement_document_id",
        help="The organisation's latest document of an agreement type (Documents menu) for this project or for "
             "every project: its expiry date is followed in Expiring documents and reminded 30 days before.")
    agreement_expiry = fields.Date(string="Agreement expires on", compute="_compute_agreement_document_id")
    agreement_expiry_state = fields.Selection(EXPIRY_STATES, string="Agreement status",
                                              compute="_compute_agreement_document_id")
    contact_id = fields.Many2one("res.partner", string="Contact person", ondelete="set null",
                                 domain="[('parent_id', '=', partner_id)]")
    currency_id = fields.Many2one(related="project_id.currency_id")
    budget_share = fields.Monetary(string="Budget share", currency_field="currency_id",
                                   help="Part of the project budget this organisation manages.")
    budget_share_percent = fields.Float(string="Budget share (%)", compute="_compute_budget_share_percent")
    user_ids = fields.Many2many(
        "res.users", "fami_project_partner_res_users_rel", "fami_project_partner_id", "res_users_id",
        string="Users working for it", help="Odoo users who work for this organisation on the project; they see "
                                            "the records of this organisation.")
    note = fields.Text(string="Role in the project", translate=True)

    _sql_constraints = [
        ("partner_project_unique", "unique(project_id, partner_id)",
         "An organisation can appear only once in the partnership of a project."),
        ("budget_share_positive", "CHECK(budget_share IS NULL OR budget_share >= 0)",
         "The budget share of a partner cannot be negative."),
    ]

    @api.depends("budget_share", "project_id.total_budget")
    def _compute_budget_share_percent(self):
        for link in self:
            total = link.project_id.total_budget
            link.budget_share_percent = (link.budget_share / total * 100.0) if total else 0.0

    @api.depends("partner_id", "project_id")
    def _compute_agreement_document_id(self):
        documents = self.env["fami.document"].search([
            ("partner_id", "in", self.partner_id.ids), ("category", "=", "agreement"),
            ("project_id", "in", [*self.project_id.ids, False])], order="date_expiry desc, id desc")
        for link in self:
            agreement = documents.filtered(
                lambda doc, lnk=link: doc.partner_id == lnk.partner_id
                and (not doc.project_id or doc.project_id == lnk.project_id))[:1]
            link.agreement_document_id = agreement
            link.agreement_expiry = agreement.date_expiry
            link.agreement_expiry_state = agreement.expiry_state

    def action_open_agreement_document(self):
        """Open the agreement's document, or a new one filled in from the partnership to record its expiry."""
        self.ensure_one()
        action = {"type": "ir.actions.act_window", "res_model": "fami.document", "view_mode": "form",
                  "name": self.env._("Agreement of %(organisation)s", organisation=self.partner_id.name)}
        if self.agreement_document_id:
            return dict(action, res_id=self.agreement_document_id.id)
        agreement_type = self.env.ref("fami_partners.document_type_partnership_agreement", raise_if_not_found=False)
        return dict(action, context={
            "default_document_type_id": agreement_type.id if agreement_type else False,
            "default_partner_id": self.partner_id.id, "default_project_id": self.project_id.id,
            "default_date_issue": fields.Date.to_string(self.agreement_date) if self.agreement_date else False})

    @api.constrains("role", "project_id")
    def _check_single_lead(self):
        for project in self.project_id:
            leads = project.partner_ids.filtered(lambda link: link.role == "lead")
            if len(leads) > 1:
                raise ValidationError(self.env._(
                    "The project %(project)s has more than one lead partner (%(leads)s): set the Role of all but "
                    "one to project partner.", project=project.name, leads=", ".join(leads.partner_id.mapped("name"))))

    @api.constrains("budget_share", "project_id")
    def _check_budget_shares(self):
        for project in self.project_id.filtered("total_budget"):
            shares = sum(project.partner_ids.mapped("budget_share"))
            if project.currency_id.compare_amounts(shares, project.total_budget) > 0:
                raise ValidationError(self.env._(
                    "The budget shares of the partners of project %(project)s add up to %(shares)s, more than its "
                    "total budget of %(budget)s: lower a Budget share or raise the Total budget.",
                    project=project.name, shares=project.currency_id.format(shares),
                    budget=project.currency_id.format(project.total_budget)))

    @api.model_create_multi
    def create(self, vals_list):
        links = super().create(vals_list)
        links._sync_organisations()
        if links.user_ids:
            self.env.registry.clear_cache()  # record rules use res.users.fami_organisation_ids
        return links

    def write(self, vals):
        result = super().write(vals)
        if {"partner_id", "role", "project_id"} & set(vals):
            self._sync_organisations()
        if {"partner_id", "user_ids"} & set(vals):
            self.env.registry.clear_cache()  # record rules use res.users.fami_organisation_ids
        return result

    def unlink(self):
        had_users = bool(self.user_ids)
        result = super().unlink()
        if had_users:
            self.env.registry.clear_cache()  # record rules use res.users.fami_organisation_ids
        return result

    def _sync_organisations(self):
        """Flag the organisations as FAMI organisations and record the lead partner on the project."""
        self.partner_id.filtered(lambda partner: not partner.fami_organisation).write({"fami_organisation": True})
        for link in self.filtered(lambda lnk: lnk.role == "lead" and lnk.project_id.lead_partner_id != lnk.partner_id):
            link.project_id.lead_partner_id = link.partner_id

    def _compute_display_name(self):
        for link in self:
            link.display_name = f"{link.project_id.code or link.project_id.name} - {link.partner_id.name}"
