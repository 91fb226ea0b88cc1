from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class FamiCommunication(models.Model):
    """The communication register (OS3): each product (web page, leaflet, campaign, press release, social post...)
    with its date, channel, audience, reach and file. A product may update another one: the regional website
    "Umbria Integra" is a product whose updates are products of their own, each approved and locked in turn. Public
    events (fami.event) name the products that promoted them. Approving a product needs its evidence (the file or
    the address) and the EU emblem with the funding statement (Reg. (EU) 2021/1060 art. 47 and 50, Annex IX)."""

    _name = "fami.communication"
    _description = "Communication product"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "approved")
    _workflow_required_transitions = ("submit", "approve", "reject")
    _order = "date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    product_type = fields.Selection(
        [("website", "Website"), ("web_page", "Web page"), ("website_update", "Website update"),
         ("leaflet", "Leaflet or brochure"), ("poster", "Poster"), ("campaign", "Campaign"),
         ("press", "Press release or article"), ("social", "Social media post"), ("video", "Video"),
         ("newsletter", "Newsletter"), ("other", "Other product")], string="Product", required=True,
        default="leaflet", index=True)
    parent_id = fields.Many2one(
        "fami.communication", string="Update of", index=True, ondelete="restrict",
        domain="[('project_id', '=', project_id), ('id', '!=', id)]",
        help="The product this one updates, e.g. the regional website Umbria Integra.")
    child_ids = fields.One2many("fami.communication", "parent_id", string="Updates")
    update_count = fields.Integer(string="Number of updates", compute="_compute_updates")
    date = fields.Date(string="Published on", required=True, default=fields.Date.context_today, index=True)
    channel = fields.Selection(
        [("web", "Website"), ("social", "Social media"), ("print", "Print"), ("press", "Press"),
         ("radio_tv", "Radio or TV"), ("email", "E-mail or newsletter"), ("in_person", "In person, at events")],
        required=True, default="web")
    channel_detail = fields.Char(string="Where", help="e.g. the project's Facebook page, Il Messaggero Umbria.")
    audience = fields.Selection(
        [("cpt", "Third-country nationals"), ("public", "General public"), ("operators", "Operators of services"),
         ("institutions", "Institutions"), ("network", "Partnership and network"), ("youth", "Young people"),
         ("women", "Women")], required=True, default="public")
    languages = fields.Char(help="Languages of the product, e.g. Italiano, English, العربية.")
    reach = fields.Integer(help="People reached, views or copies distributed (see Reach counted as).")
    reach_kind = fields.Selection(
        [("people", "People"), ("views", "Views"), ("copies", "Copies"), ("interactions", "Interactions")],
        string="Reach counted as", default="people", required=True)
    total_reach = fields.Integer(
        string="Reach with approved updates", compute="_compute_updates",
        help="The product's reach plus that of its approved updates.")
    url = fields.Char(string="Address (URL)")
    file = fields.Binary(attachment=True, copy=False)
    filename = fields.Char(string="File name", copy=False)
    organisation_id = fields.Many2one(
        "res.partner", string="Produced by", index=True, domain=[("is_company", "=", True)],
        default=lambda self: self.env.user.fami_organisation_ids[:1])
    eu_emblem = fields.Boolean(
        string="EU emblem and funding statement",
        help="The product shows the EU emblem with \"Cofinanziato dall'Unione europea\" and names the Fund (Reg. "
             "(EU) 2021/1060 art. 47 and 50, Annex IX): a product without them is not approved.")
    event_ids = fields.Many2many("fami.event", "fami_communication_event_rel", "communication_id", "event_id",
                                 string="Events promoted")
    description = fields.Html()

    @api.depends("child_ids", "child_ids.reach", "child_ids.workflow_state_code", "reach")
    def _compute_updates(self):
        for product in self:
            product.update_count = len(product.child_ids)
            approved = product.child_ids.filtered(lambda update: update.workflow_state_code == "approved")
            product.total_reach = product.reach + sum(approved.mapped("reach"))

    @api.constrains("parent_id", "project_id", "reach")
    def _check_product(self):
        if self._has_cycle("parent_id"):
            raise ValidationError(self.env._("A product cannot be an update of itself or of its own updates."))
        for product in self:
            if product.parent_id and product.parent_id.project_id != product.project_id:
                raise ValidationError(self.env._(
                    "%(product)s updates %(parent)s, a product of another project: choose a product of %(project)s.",
                    product=product.name, parent=product.parent_id.name, project=product.project_id.name))

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        if transition.state_to_id.locked:
            # sudo: reads the product's evidence only to refuse; grants nothing
            product = self.sudo()
            if not (product.file or product.url):
                raise UserError(self.env._(
                    "%(product)s has neither its File nor its Address (URL): attach the product or give its address "
                    "before %(action)s.", product=product.name, action=transition.name))
            if not product.eu_emblem:
                raise UserError(self.env._(
                    "%(product)s does not show the EU emblem with \"Cofinanziato dall'Unione europea\" and the Fund "
                    "(Reg. (EU) 2021/1060 art. 47 and 50): correct the product and tick EU emblem and funding "
                    "statement before %(action)s.", product=product.name, action=transition.name))
        return result

    def action_open_updates(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "fami.communication", "view_mode": "list,form",
                "name": self.env._("Updates of %(product)s", product=self.name),
                "domain": [("parent_id", "=", self.id)],
                "context": {"default_parent_id": self.id, "default_project_id": self.project_id.id,
                            "default_product_type": "website_update" if self.product_type == "website" else "other",
                            "default_channel": self.channel, "default_audience": self.audience}}
