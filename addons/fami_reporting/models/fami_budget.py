from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..lib import budget_rules, cost_rules

SUMMARY_KEYS = ("action_id", "category_id", "organisation_id")


class FamiBudget(models.Model):
    """A version of a project's budget. An approved version is locked; a change is a new version with a reason."""

    _name = "fami.budget"
    _description = "FAMI budget version"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "approved")
    _workflow_required_transitions = ("approve",)
    _order = "project_id, version desc"

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    version = fields.Integer(default=1, readonly=True)
    previous_id = fields.Many2one("fami.budget", string="Previous version", readonly=True)
    reason = fields.Text(string="Reason of the change")
    line_ids = fields.One2many("fami.budget.line", "budget_id", string="Lines", copy=False)
    currency_id = fields.Many2one(related="project_id.currency_id")
    indirect_rate = fields.Float(string="Indirect costs flat rate (%)", default=7.0)
    indirect_base = fields.Selection([("direct_costs", "Eligible direct costs (max 7%)"),
                                      ("staff_costs", "Eligible direct staff costs (max 15%)")],
                                     default="direct_costs", required=True)
    # the grant agreement's tolerance, a setting of the project: a version cannot lower it for itself
    tolerance = fields.Float(string="Tolerance for shifts between categories (%)", compute="_compute_tolerance")
    needs_authorisation = fields.Boolean(
        string="Needs the AdG's authorisation", compute="_compute_comparison",
        help="The version moves a cost category beyond the tolerance of the grant agreement: it is approved only "
             "with the Managing Authority's authorisation (date, protocol number and letter).")
    adg_authorisation_date = fields.Date(string="AdG authorisation date", copy=False, tracking=True)
    adg_authorisation_number = fields.Char(string="AdG protocol number", copy=False, tracking=True)
    adg_authorisation_letter = fields.Binary(string="AdG authorisation letter", attachment=True, copy=False)
    adg_authorisation_filename = fields.Char(string="Letter file name", copy=False)
    planned_total = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    actual_total = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    indirect_amount = fields.Monetary(string="Indirect costs (flat rate)", compute="_compute_totals",
                                      currency_field="currency_id")
    over_budget_count = fields.Integer(string="Lines over budget", compute="_compute_totals")
    shift_warning = fields.Text(string="Shifts beyond the tolerance", compute="_compute_comparison")
    comparison_html = fields.Html(string="Comparison with the previous version", compute="_compute_comparison",
                                  sanitize=False)

    @api.depends("project_id")
    def _compute_tolerance(self):
        # not a related field nor an @api.depends on the project's setting: fami_partners' tests rebuild its models
        # without this addon's fields (odoo_test_helper), and a dependency on one of them breaks the registry;
        # fami.project.write invalidates it instead
        for budget in self:
            budget.tolerance = budget.project_id.agreement_budget_tolerance

    @api.depends("project_id.name", "version")
    def _compute_name(self):
        for budget in self:
            budget.name = self.env._("%(project)s — budget v%(version)s", project=budget.project_id.name,
                                     version=budget.version)

    @api.depends("line_ids.planned_amount", "line_ids.actual_amount", "indirect_rate", "indirect_base")
    def _compute_totals(self):
        for budget in self:
            direct = budget.line_ids.filtered(lambda line: not line.category_id.is_indirect)
            staff = direct.filtered(lambda line: line.category_id.is_staff)
            budget.planned_total = sum(budget.line_ids.mapped("planned_amount"))
            budget.actual_total = sum(budget.line_ids.mapped("actual_amount"))
            budget.over_budget_count = len(budget.line_ids.filtered("over_budget"))
            try:
                budget.indirect_amount = float(cost_rules.flat_rate_on(
                    sum(direct.mapped("actual_amount")), sum(staff.mapped("actual_amount")), budget.indirect_rate,
                    budget.indirect_base))
            except ValueError:
                budget.indirect_amount = 0.0

    @api.constrains("indirect_rate", "indirect_base")
    def _check_indirect_rate(self):
        for budget in self:
            try:
                cost_rules.indirect_costs(0, budget.indirect_rate, budget.indirect_base)
            except ValueError:
                raise UserError(self.env._("The indirect costs flat rate is at most 7%% of direct costs or 15%% of "
                                           "staff costs (Reg. 2021/1060 art. 54): correct the rate %(rate)s.",
                                           rate=budget.indirect_rate)) from None

    @api.depends("line_ids.planned_amount", "line_ids.category_id", "previous_id.line_ids.planned_amount",
                 "tolerance")
    def _compute_comparison(self):
        for budget in self:
            if not budget.previous_id:
                budget.shift_warning = budget.comparison_html = budget.needs_authorisation = False
                continue
            shifts = budget._category_shifts()
            beyond = [shift for shift in shifts if shift["beyond"]]
            budget.needs_authorisation = bool(beyond)
            budget.shift_warning = self.env._(
                "These cost categories moved beyond the %(tolerance)s%% tolerance since version %(version)s and "
                "need the Ministry's prior authorisation: %(categories)s.", tolerance=budget.tolerance,
                version=budget.previous_id.version,
                categories=", ".join(shift["category"].display_name for shift in beyond)) if beyond else False
            budget.comparison_html = budget._comparison_table(shifts)

    def write(self, vals):
        if "tolerance" in vals:
            raise UserError(self.env._("The tolerance of a budget version is the grant agreement's: a manager sets it "
                                       "on the project (tab Grant agreement, Budget change tolerance)."))
        return super().write(vals)

    def _category_shifts(self):
        return budget_rules.category_shifts(self.previous_id._planned_by_category(), self._planned_by_category(),
                                            self.tolerance)

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        if transition.state_to_id.code == "approved" and self.previous_id and not (self.reason or "").strip():
            raise UserError(self.env._(
                "Write the Reason of the change in %(budget)s before approving it: a new budget version records why "
                "it replaces version %(version)s.", budget=self.display_name, version=self.previous_id.version))
        if transition.state_to_id.code == "approved" and self.previous_id:
            self._check_authorisation()
        return result

    def _check_authorisation(self):
        """A change beyond the grant agreement's tolerance needs the AdG's prior authorisation, kept with the version;
        within it the lead partner approves alone."""
        beyond = [shift for shift in self._category_shifts() if shift["beyond"]]
        missing = [self._fields[name].get_description(self.env)["string"] for name in (
            "adg_authorisation_date", "adg_authorisation_number", "adg_authorisation_letter") if not self[name]]
        if not (beyond and missing):
            return

        def money(value):
            return format_amount(self.env, float(value), self.currency_id)
        def change(shift):
            return "—" if shift["percent"] is None else format(shift["percent"], "+") + "%"
        lines = "; ".join(self.env._("%(category)s %(before)s → %(after)s (%(percent)s)",
                                     category=shift["category"].display_name, before=money(shift["previous"]),
                                     after=money(shift["current"]), percent=change(shift))
                          for shift in beyond)
        raise UserError(self.env._(
            "The budget version %(budget)s moves these cost categories beyond the %(tolerance)s%% tolerance of the "
            "grant agreement: %(lines)s. It is approved only with the authorisation of the Managing Authority (AdG): "
            "fill in %(fields)s (tab AdG authorisation), or bring the changes within the tolerance.",
            budget=self.display_name, tolerance=self.tolerance, lines=lines, fields=", ".join(missing)))

    def _planned_by_category(self):
        # from the lines in memory, not the database: the form shows the comparison while lines are being edited
        totals = {}
        for line in self.line_ids:
            totals[line.category_id] = totals.get(line.category_id, 0) + line.planned_amount
        return totals

    def _comparison_table(self, shifts):
        def money(value):
            return format_amount(self.env, float(value), self.currency_id)
        header = Markup("").join(Markup("<th class='text-end'>%s</th>") % title for title in (
            self.env._("Version %s", self.previous_id.version), self.env._("Version %s", self.version),
            self.env._("Difference"), "%"))
        rows = Markup("").join(
            Markup("<tr class='%s'><td>%s</td><td class='text-end'>%s</td><td class='text-end'>%s</td>"
                   "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>") % (
                "table-warning" if shift["beyond"] else "", shift["category"].display_name, money(shift["previous"]),
                money(shift["current"]), money(shift["difference"]),
                "—" if shift["percent"] is None else f"{shift['percent']:+}")
            for shift in shifts)
        return Markup("<table class='table table-sm'><thead><tr><th>%s</th>%s</tr></thead><tbody>%s</tbody>"
                      "</table>") % (self.env._("Cost category"), header, rows)

    def _summary(self):
        """Rows work package × cost category × partner of this version: planned, actual (approved and claimed
        costs), committed (submitted or checked), remaining, % used — three grouped queries, whatever the size."""
        self.ensure_one()
        project = [("project_id", "=", self.project_id.id)]
        planned = {tuple(key): amount for *key, amount in self.env["fami.budget.line"]._read_group(
            [("budget_id", "=", self.id)], SUMMARY_KEYS, ["planned_amount:sum"])}
        actual, committed = {}, {}
        for *key, state, amount in self.env["fami.expense"]._read_group(
                project + [("workflow_state_code", "in", ("submitted", "checked", "approved", "claimed"))],
                SUMMARY_KEYS + ("workflow_state_code",), ["eligible_amount:sum"]):
            target = actual if state in ("approved", "claimed") else committed
            target[tuple(key)] = target.get(tuple(key), 0) + amount
        for *key, amount in self.env["fami.staff.cost"]._read_group(project, SUMMARY_KEYS, ["amount:sum"]):
            actual[tuple(key)] = actual.get(tuple(key), 0) + amount
        return budget_rules.summary_rows(planned, actual, committed)

    def action_new_version(self):
        """A change to an approved budget: a new draft version with the same lines; the old one stays locked.
        Each new line remembers the line it continues, so the costs booked on the old version count on it."""
        self.ensure_one()
        new = self.copy({"version": self.version + 1, "previous_id": self.id, "reason": False})
        self.env["fami.budget.line"].create([dict(line.copy_data()[0], budget_id=new.id, previous_line_id=line.id)
                                             for line in self.line_ids])
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": new.id, "view_mode": "form"}
