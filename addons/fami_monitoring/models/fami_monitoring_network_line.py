from odoo import api, fields, models
from odoo.exceptions import UserError

from .fami_monitoring_report import COMPUTING

FIGURES = ("partner_link_id", "organisation_id", "role", "network_category_id", "activity_proposed")


class FamiMonitoringNetworkLine(models.Model):
    """A member of the partnership or of the territorial network active in the period, with its role (copied when
    the return is computed, so that the sent return keeps it). Frozen with its return."""

    _name = "fami.monitoring.network.line"
    _description = "Network member active in a monitoring return's period"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("report_id",)
    _order = "report_id, sequence, id"

    report_id = fields.Many2one("fami.monitoring.report", string="Monitoring return", required=True,
                                ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    partner_link_id = fields.Many2one("fami.project.partner", string="Partnership link", ondelete="set null",
                                      readonly=True)
    organisation_id = fields.Many2one("res.partner", readonly=True, ondelete="restrict")
    role = fields.Selection(selection=lambda self: self.env["fami.project.partner"]._fields[
        "role"]._description_selection(self.env), readonly=True)
    role_label = fields.Char(string="Role in the project", compute="_compute_role_label")
    network_category_id = fields.Many2one("fami.network.category", string="Network category", readonly=True,
                                          ondelete="restrict")
    activity_proposed = fields.Text(string="Activity found", readonly=True,
                                    help="What the records show this member did in the period.")
    activity = fields.Text(string="Activity in the period")

    @api.depends("role", "network_category_id")
    def _compute_role_label(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for line in self:
            line.role_label = " - ".join(filter(None, [roles.get(line.role), line.network_category_id.name]))

    @api.model_create_multi
    def create(self, vals_list):
        # the links of all the lines read together, not one query per line
        links = self.env["fami.project.partner"].browse(
            {vals["partner_link_id"] for vals in vals_list if vals.get("partner_link_id")})
        link_of = {link.id: link for link in links}
        for vals in vals_list:
            link = link_of.get(vals.get("partner_link_id"))
            if link:  # what the member was when the return was computed, kept with it
                vals.setdefault("organisation_id", link.partner_id.id)
                vals.setdefault("role", link.role)
                vals.setdefault("network_category_id", link.network_category_id.id)
        self._check_figures_from_records(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_figures_from_records([vals])
        return super().write(vals)

    def _check_figures_from_records(self, vals_list):
        if not COMPUTING.get() and any(set(FIGURES) & set(vals) for vals in vals_list):
            raise UserError(self.env._(
                "The network members active in the period come from the records: press Compute on the monitoring "
                "return. What each did (Activity in the period) is yours to write."))
