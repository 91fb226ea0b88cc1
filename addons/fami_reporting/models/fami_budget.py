from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import cost_rules


class FamiBudget(models.Model):
    """A version of a project's budget. An approved version is locked; a change is a new version with a reason."""

    _name = "fami.budget"
    _description = "FAMI budget version"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "project_id, version desc"

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    version = fields.Integer(default=1, readonly=True)
    previous_id = fields.Many2one("fami.budget", string="Previous version", readonly=True)
    reason = fields.Text(string="Reason of the change")
    line_ids = fields.One2many("fami.budget.line", "budget_id", string="Lines", copy=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    indirect_rate = fields.Float(string="Indirect costs flat rate (%)", default=7.0)
    indirect_base = fields.Selection([("direct_costs", "Eligible direct costs (max 7%)"),
                                      ("staff_costs", "Eligible direct staff costs (max 15%)")],
                                     default="direct_costs", required=True)
    tolerance = fields.Float(string="Tolerance for shifts between categories (%)", default=10.0)
    planned_total = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    actual_total = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    indirect_amount = fields.Monetary(string="Indirect costs (flat rate)", compute="_compute_totals",
                                      currency_field="currency_id")

    @api.depends("project_id.name", "version")
    def _compute_name(self):
        for budget in self:
            budget.name = _("%(project)s — budget v%(version)s", project=budget.project_id.name,
                            version=budget.version)

    @api.depends("line_ids.planned_amount", "line_ids.actual_amount", "indirect_rate", "indirect_base")
    def _compute_totals(self):
        for budget in self:
            direct = budget.line_ids.filtered(lambda line: not line.category_id.is_indirect)
            base = sum((direct.filtered(lambda line: line.category_id.is_staff) if budget.indirect_base ==
                        "staff_costs" else direct).mapped("actual_amount"))
            budget.planned_total = sum(budget.line_ids.mapped("planned_amount"))
            budget.actual_total = sum(budget.line_ids.mapped("actual_amount"))
            try:
                budget.indirect_amount = float(cost_rules.indirect_costs(base, budget.indirect_rate,
                                                                         budget.indirect_base))
            except ValueError:
                budget.indirect_amount = 0.0

    @api.constrains("indirect_rate", "indirect_base")
    def _check_indirect_rate(self):
        for budget in self:
            try:
                cost_rules.indirect_costs(0, budget.indirect_rate, budget.indirect_base)
            except ValueError:
                raise UserError(_("The indirect costs flat rate is at most 7%% of direct costs or 15%% of staff "
                                  "costs (Reg. 2021/1060 art. 54): correct the rate %(rate)s.",
                                  rate=budget.indirect_rate)) from None

    def action_new_version(self):
        """A change to an approved budget: a new draft version with the same lines; the old one stays locked."""
        self.ensure_one()
        new = self.copy({"version": self.version + 1, "previous_id": self.id, "reason": False})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": new.id, "view_mode": "form"}
