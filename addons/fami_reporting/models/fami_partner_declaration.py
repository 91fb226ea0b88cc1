from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date


class FamiPartnerDeclaration(models.Model):
    """What a partner declares to the lead partner (capofila) for a period: its approved expenses and staff costs of
    the period that no other declaration holds. The lead partner checks and validates it (a workflow: submitted by
    the partner, validated by the lead partner's staff or a manager, never by who submitted it); only then do these
    costs enter the project's claim (fami.claim.item._check_declared_before_claimed). Submitted and validated
    declarations are locked with the costs they hold."""

    _name = "fami.partner.declaration"
    _description = "FAMI partner's declaration of expenditure to the lead partner"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "validated")
    _workflow_required_transitions = ("submit", "validate", "reject")
    _order = "project_id, date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict", tracking=True)
    organisation_id = fields.Many2one("res.partner", string="Partner", required=True, index=True, tracking=True,
                                      domain=[("is_company", "=", True)],
                                      default=lambda self: self.env.user.fami_organisation_ids[:1])
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    expense_ids = fields.Many2many("fami.expense", "fami_partner_declaration_expense_rel", "declaration_id",
                                   "expense_id", string="Expenses", copy=False)
    staff_cost_ids = fields.Many2many("fami.staff.cost", "fami_partner_declaration_staff_cost_rel", "declaration_id",
                                      "staff_cost_id", string="Staff costs", copy=False)
    currency_id = fields.Many2one(related="project_id.currency_id")
    expense_amount = fields.Monetary(string="Expenses declared", compute="_compute_amounts", store=True,
                                     currency_field="currency_id")
    staff_amount = fields.Monetary(string="Staff costs declared", compute="_compute_amounts", store=True,
                                   currency_field="currency_id")
    amount_total = fields.Monetary(string="Total declared", compute="_compute_amounts", store=True,
                                   currency_field="currency_id")
    note = fields.Text()

    @api.depends("organisation_id.name", "date_from", "date_to")
    def _compute_name(self):
        for declaration in self:
            declaration.name = self.env._(
                "Declaration of %(partner)s, %(start)s – %(end)s", partner=declaration.organisation_id.name or "",
                start=format_date(self.env, declaration.date_from), end=format_date(self.env, declaration.date_to))

    @api.depends("expense_ids.eligible_amount", "staff_cost_ids.amount")
    def _compute_amounts(self):
        for declaration in self:
            # sudo: the totals of what the partner declared, whoever reads the declaration
            items = declaration.sudo()
            declaration.expense_amount = sum(items.expense_ids.mapped("eligible_amount"))
            declaration.staff_amount = sum(items.staff_cost_ids.mapped("amount"))
            declaration.amount_total = declaration.expense_amount + declaration.staff_amount

    @api.constrains("project_id", "organisation_id", "date_from", "date_to", "expense_ids", "staff_cost_ids")
    def _check_declaration(self):
        for declaration in self:
            if declaration.date_to < declaration.date_from:
                raise ValidationError(self.env._(
                    "The declaration %(declaration)s ends (%(end)s) before it starts (%(start)s): correct To or From.",
                    declaration=declaration.display_name, end=format_date(self.env, declaration.date_to),
                    start=format_date(self.env, declaration.date_from)))
            roles = declaration.project_id.partner_ids.filtered(
                lambda link: link.partner_id == declaration.organisation_id).mapped("role")
            if not {"lead", "partner"} & set(roles):
                raise ValidationError(self.env._(
                    "%(organisation)s is not a partner of project %(project)s: only the project's partners declare "
                    "their expenditure.", organisation=declaration.organisation_id.name,
                    project=declaration.project_id.display_name))
            problem = declaration._item_problem()
            if problem:
                raise ValidationError(problem)

    def _item_problem(self):
        """Why a cost held by this declaration does not belong in it (another partner or project, outside the
        period, in another declaration), as a sentence; False when all belong."""
        self.ensure_one()
        # sudo: the costs are checked whatever the reader's rules; only their names reach the message
        declaration = self.sudo()
        items = [(expense, expense.document_date) for expense in declaration.expense_ids] + [
            (cost, cost.month) for cost in declaration.staff_cost_ids]
        for item, day in items:
            if item.organisation_id != self.organisation_id or item.project_id != self.project_id:
                return self.env._("%(item)s is a cost of %(owner)s in %(project)s: the declaration %(declaration)s "
                                  "holds only costs of %(partner)s in %(own)s.", item=item.display_name,
                                  owner=item.organisation_id.name, project=item.project_id.display_name,
                                  declaration=self.display_name, partner=self.organisation_id.name,
                                  own=self.project_id.display_name)
            first = self.date_from.replace(day=1) if item._name == "fami.staff.cost" else self.date_from
            if not (day and first <= day <= self.date_to):
                return self.env._("%(item)s (%(date)s) is outside the period of %(declaration)s.",
                                  item=item.display_name, date=format_date(self.env, day),
                                  declaration=self.display_name)
            others = item.declaration_ids - self
            if others:
                return self.env._("%(item)s is already declared in %(other)s: a cost is declared once.",
                                  item=item.display_name, other=others[0].display_name)
        return False

    # ------------------------------------------------------------ actions

    def action_collect_costs(self):
        """Take the partner's approved expenses and staff costs of the period that no declaration or claim holds."""
        for declaration in self:
            if declaration.workflow_locked:
                raise UserError(self.env._("The declaration %(declaration)s is %(state)s: it can no longer change.",
                                           declaration=declaration.display_name,
                                           state=declaration.workflow_state_id.name))
            common = [("project_id", "=", declaration.project_id.id),
                      ("organisation_id", "=", declaration.organisation_id.id),
                      ("payment_request_id", "=", False), ("declaration_ids", "=", False)]
            expenses = self.env["fami.expense"].search(common + [
                ("workflow_state_code", "=", "approved"), ("document_date", ">=", declaration.date_from),
                ("document_date", "<=", declaration.date_to)])
            costs = self.env["fami.staff.cost"].search(common + [
                ("month", ">=", declaration.date_from.replace(day=1)), ("month", "<=", declaration.date_to)])
            declaration.write({"expense_ids": [fields.Command.link(expense.id) for expense in expenses],
                               "staff_cost_ids": [fields.Command.link(cost.id) for cost in costs]})
        return True

    # ------------------------------------------------------------ workflow

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        target = transition.state_to_id.code
        if target == "submitted":
            if not (self.expense_ids or self.staff_cost_ids):
                raise UserError(self.env._("The declaration %(declaration)s holds no cost: press Collect approved "
                                           "costs first.", declaration=self.display_name))
            # sudo: the state of each cost is checked whatever the reader's rules
            pending = self.sudo().expense_ids.filtered(lambda expense: expense.workflow_state_code != "approved")
            if pending:
                raise UserError(self.env._(
                    "%(expense)s is %(state)s: only approved expenses are declared. Take it out of %(declaration)s.",
                    expense=pending[0].display_name, state=pending[0].workflow_state_id.name,
                    declaration=self.display_name))
        # the lead partner validates a submitted declaration or sends it back
        if self.workflow_state_code == "submitted" and self.env.uid != SUPERUSER_ID:
            user = self.env.user
            lead = self.project_id.lead_partner_id
            if not (user.has_group("fami_partners.group_fami_manager") or lead in user.fami_organisation_ids):
                raise AccessError(self.env._(
                    "Only the lead partner %(lead)s validates the declarations of project %(project)s: ask its "
                    "administrative staff or a manager.", lead=lead.name or "—", project=self.project_id.display_name))
        if self.workflow_state_code == "validated" and target != "validated":
            # sudo: only whether a claim took in one of its costs is read, to refuse undoing the validation
            declaration = self.sudo()
            claimed = [item for item in (*declaration.expense_ids, *declaration.staff_cost_ids)
                       if item.payment_request_id]
            if claimed:
                raise UserError(self.env._(
                    "The declaration %(declaration)s cannot leave Validated: %(item)s is in the claim %(claim)s. "
                    "Take the cost out of the claim first (reopen the claim).", declaration=self.display_name,
                    item=claimed[0].display_name, claim=claimed[0].payment_request_id.display_name))
        return result
