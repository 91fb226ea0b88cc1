from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.fami_workflow.lib import bounds


class FamiBudgetLine(models.Model):
    """A line of a budget version; the lines of an approved version are locked with it."""

    _name = "fami.budget.line"
    _description = "FAMI budget line"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("budget_id",)
    # _check_positive_amounts refuses negative figures, saying that a cut is a new budget version
    _fami_bounds = {"quantity": bounds.AMOUNT_CAP, "unit_cost": bounds.AMOUNT_CAP}
    _order = "budget_id, action_id, category_id, id"
    # no name field: without this, a search box ignores what is typed and lists every line
    _rec_names_search = ["description", "action_id", "category_id", "organisation_id"]

    budget_id = fields.Many2one("fami.budget", required=True, ondelete="cascade", index=True)
    project_id = fields.Many2one(related="budget_id.project_id", store=True, index=True)
    currency_id = fields.Many2one(related="budget_id.currency_id")
    action_id = fields.Many2one("fami.project.action", string="Work package", required=True, index=True,
                                domain="[('project_id', '=', project_id)]")
    organisation_id = fields.Many2one("res.partner", string="Partner", required=True, index=True,
                                      domain=[("is_company", "=", True)])
    category_id = fields.Many2one("fami.cost.category", string="Cost category", required=True, index=True)
    previous_line_id = fields.Many2one("fami.budget.line", string="Line of the previous version", readonly=True,
                                       copy=False, index=True, ondelete="restrict")
    description = fields.Char()
    unit = fields.Char()
    quantity = fields.Float(default=1.0)
    unit_cost = fields.Monetary(currency_field="currency_id")
    planned_amount = fields.Monetary(compute="_compute_planned_amount", store=True, currency_field="currency_id")
    expense_ids = fields.One2many("fami.expense", "budget_line_id", string="Expenses")
    staff_cost_ids = fields.One2many("fami.staff.cost", "budget_line_id", string="Staff costs")
    actual_amount = fields.Monetary(string="Actual", compute="_compute_actual", store=True, recursive=True,
                                    currency_field="currency_id",
                                    help="Approved and claimed costs, including those booked on the line this one "
                                         "continues in earlier versions.")
    committed_amount = fields.Monetary(string="Committed", compute="_compute_actual", store=True, recursive=True,
                                       currency_field="currency_id", help="Costs submitted, not yet approved.")
    remaining_amount = fields.Monetary(string="Remaining", compute="_compute_actual", store=True, recursive=True,
                                       currency_field="currency_id")
    percent_used = fields.Float(string="% used", compute="_compute_actual", store=True, recursive=True)
    over_budget = fields.Boolean(compute="_compute_actual", store=True, recursive=True)

    @api.constrains("quantity", "unit_cost")
    def _check_positive_amounts(self):
        for line in self:
            for field in ("quantity", "unit_cost"):
                if line[field] < 0:
                    raise ValidationError(self.env._(
                        "%(field)s of the budget line %(line)s cannot be negative: a cut is a smaller amount in a "
                        "new budget version.", field=line._fields[field].get_description(self.env)["string"],
                        line=line.display_name))

    @api.constrains("budget_id", "action_id", "category_id", "organisation_id", "description")
    def _check_label_unique_in_budget(self):
        """An expense picks its budget line by its label: two lines of a budget with one label cannot be told
        apart."""
        for budget in self.budget_id:
            lines_of = budget.line_ids.grouped(lambda other: other._label_key())
            for line in self.filtered(lambda line, budget=budget: line.budget_id == budget):
                if len(lines_of[line._label_key()]) > 1:
                    raise ValidationError(self.env._(
                        "The budget %(budget)s already has a line labelled %(label)s: give the new line a "
                        "Description that tells the two apart (or change the quantity of the existing line).",
                        budget=budget.display_name, label=line.display_name))

    def _label_key(self):
        return (self.action_id, self.category_id, self.organisation_id, (self.description or "").strip().lower())

    @api.depends("action_id.code", "category_id.code", "organisation_id.name", "description", "budget_id.version")
    def _compute_display_name(self):
        for line in self:
            label = " / ".join(filter(None, [line.action_id.code, line.category_id.code, line.organisation_id.name,
                                             line.description]))
            # the lines a new version copies keep their label: the version tells them apart where both are offered
            version = line.budget_id.version
            line.display_name = f"{label} (v{version})" if version and version > 1 else label

    @api.depends("quantity", "unit_cost")
    def _compute_planned_amount(self):
        for line in self:
            line.planned_amount = line.quantity * line.unit_cost

    @api.depends("planned_amount", "expense_ids.eligible_amount", "expense_ids.workflow_state_code",
                 "staff_cost_ids.amount", "previous_line_id.actual_amount", "previous_line_id.committed_amount")
    def _compute_actual(self):
        for line in self:
            approved = line.expense_ids.filtered(lambda e: e.workflow_state_code in ("approved", "claimed"))
            pending = line.expense_ids.filtered(lambda e: e.workflow_state_code in ("submitted", "checked"))
            line.actual_amount = (sum(approved.mapped("eligible_amount")) + sum(line.staff_cost_ids.mapped("amount"))
                                  + line.previous_line_id.actual_amount)
            line.committed_amount = sum(pending.mapped("eligible_amount")) + line.previous_line_id.committed_amount
            line.remaining_amount = line.planned_amount - line.actual_amount
            line.percent_used = line.actual_amount / line.planned_amount * 100 if line.planned_amount else 0.0
            line.over_budget = line.actual_amount > line.planned_amount
