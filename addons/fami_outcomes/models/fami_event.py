from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class FamiEvent(models.Model):
    _inherit = "fami.event"

    communication_ids = fields.Many2many(
        "fami.communication", "fami_communication_event_rel", "event_id", "communication_id",
        string="Communication products", help="The products of the communication register that promoted the event.")
    network_link_ids = fields.Many2many(
        "fami.project.partner", "fami_event_network_link_rel", "event_id", "project_partner_id",
        string="Network members taking part", domain="[('project_id', '=', project_id)]",
        help="Partners and network members that took part in the event: once it is approved they count as active "
             "in its quarter.")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_promoted_by_approved_products(self):
        """An approved product of the communication register names the events it promoted: deleting one of them would
        change the approved product."""
        for event in self:
            # sudo: the products naming the event, whoever produced them; only refuses
            products = event.sudo().communication_ids.filtered(lambda product: product.workflow_locked)
            if products:
                raise UserError(self.env._(
                    "%(event)s is named by the approved communication product %(product)s and cannot be deleted: ask "
                    "a manager to move %(product)s back to an editable state first.",
                    event=event.name, product=products[0].name))

    @api.constrains("network_link_ids", "project_id")
    def _check_network_links(self):
        for event in self:
            # sudo: the organisations' project decides, whatever the user may read of the partnership
            foreign = event.sudo().network_link_ids.filtered(lambda link, e=event: link.project_id != e.project_id)
            if foreign:
                raise ValidationError(self.env._(
                    "%(organisations)s belong to the partnership of another project: choose organisations of "
                    "%(project)s among the Network members taking part.",
                    organisations=", ".join(foreign.partner_id.mapped("name")), project=event.project_id.name))
