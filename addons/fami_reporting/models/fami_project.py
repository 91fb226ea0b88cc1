from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from odoo.addons.fami_workflow.lib import bounds

from ..lib import money_rules

DASHBOARD_VIEW = "fami_reporting.fami_project_view_form_dashboard"
APPROVAL_CODES = ("approve", "check")
# queue of the dashboard: (model, action listing its records)
DASHBOARD_QUEUES = {
    "mediation": ("account.analytic.line", "fami_activities.mediation_action"),
    "session": ("fami.course.session", "fami_activities.fami_course_session_action"),
    "course": ("fami.course", "fami_activities.fami_course_action"),
    "event": ("fami.event", "fami_activities.fami_event_action"),
    "access": ("fami.service.access", "fami_activities.fami_service_access_action"),
    "expense": ("fami.expense", "fami_reporting.fami_expense_action"),
}


class FamiProject(models.Model):
    """The FAMI home dashboard is a read-only form of the user's project: indicators against their targets, budget
    burn, and what waits for the user's approval. It lives here because only this addon sees every other one."""

    _inherit = "fami.project"
    _fami_bounds = {"agreement_guarantee_months": bounds.MONTHS}  # added to the project's end date

    # The figures of the grant agreement (convenzione) the money flows follow. The domain notes leave them
    # unconfirmed: each is a setting of the project, with the demo's values in its demo data.
    agreement_advance_percent = fields.Float(
        string="Advance (% of the total budget)", tracking=True,
        help="The most the AdG pays in advance, as a share of the project's total budget; 0 when the agreement "
             "provides no advance.")
    agreement_guarantee_months = fields.Integer(
        string="Guarantee beyond the end (months)", tracking=True,
        help="How many months after the project's end the guarantee of the advance must stay valid.")
    agreement_recovery_rule = fields.Selection(
        [("share", "A share of each interim claim"), ("final", "All from the final claim")],
        string="Advance recovery", default="share", tracking=True,
        help="How the AdG recovers the advance from the claims; the final claim recovers whatever is left (empty: a "
             "share of each claim).")
    agreement_recovery_percent = fields.Float(
        string="Share of each claim recovered (%)", tracking=True,
        help="With the rule A share of each interim claim: the part of each claim's amount requested that recovers "
             "the advance, until it is covered.")
    agreement_budget_tolerance = fields.Float(
        string="Budget change tolerance (%)", default=10.0, tracking=True,
        help="How far a cost category may move from one budget version to the next without the AdG's prior "
             "authorisation.")
    dashboard_money_visible = fields.Boolean(
        string="Money shown", compute="_compute_dashboard_money",
        help="The money of a project is its lead partner's: its staff, managers and auditors see the dashboard's "
             "three figures; a partner's staff do not.")
    dashboard_cash_held = fields.Monetary(
        string="Cash held", compute="_compute_dashboard_money", currency_field="currency_id",
        groups="fami_partners.group_fami_admin_staff,fami_partners.group_fami_auditor",
        help="Received from the AdG less what the lead partner transferred to the partners.")
    dashboard_advance_to_recover = fields.Monetary(
        string="Advance still to recover", compute="_compute_dashboard_money", currency_field="currency_id",
        groups="fami_partners.group_fami_admin_staff,fami_partners.group_fami_auditor",
        help="The advance received less what the submitted claims recover of it.")
    dashboard_guarantee_open = fields.Monetary(
        string="Guarantee still open", compute="_compute_dashboard_money", currency_field="currency_id",
        groups="fami_partners.group_fami_admin_staff,fami_partners.group_fami_auditor",
        help="The guaranteed amount of the guarantees issued and not yet released.")

    dashboard_budget_planned = fields.Monetary(
        string="Budget planned", compute="_compute_dashboard_budget", currency_field="currency_id",
        help="Planned total of the latest version of the project's budget.")
    dashboard_budget_actual = fields.Monetary(
        string="Spent", compute="_compute_dashboard_budget", currency_field="currency_id",
        help="Approved and claimed costs booked on the latest budget version.")
    dashboard_budget_burn = fields.Float(
        string="Budget burn (%)", compute="_compute_dashboard_budget",
        help="Spent as a percentage of the planned budget.")
    dashboard_approval_count = fields.Integer(
        string="Awaiting my approval", compute="_compute_dashboard_approvals",
        help="Records of the suite waiting in a state from which you may approve (or check) them.")
    dashboard_approve_mediation = fields.Integer(string="Mediation hours", compute="_compute_dashboard_approvals")
    dashboard_approve_session = fields.Integer(string="Attendance registers",
                                               compute="_compute_dashboard_approvals")
    dashboard_approve_course = fields.Integer(string="Courses", compute="_compute_dashboard_approvals")
    dashboard_approve_event = fields.Integer(string="Events", compute="_compute_dashboard_approvals")
    dashboard_approve_access = fields.Integer(string="Service accesses", compute="_compute_dashboard_approvals")
    dashboard_approve_expense = fields.Integer(string="Expenses", compute="_compute_dashboard_approvals")

    def _compute_dashboard_budget(self):
        # Budget burn is an aggregate of the whole project: every user sees it, whatever lines they may read.
        budgets = self.env["fami.budget"].sudo()
        for project in self:
            budget = budgets.search([("project_id", "=", project.id)], order="version desc", limit=1) \
                if project.id else budgets
            lines = budget.line_ids
            planned = sum(lines.mapped("planned_amount"))
            actual = sum(lines.mapped("actual_amount"))
            project.dashboard_budget_planned = planned
            project.dashboard_budget_actual = actual
            project.dashboard_budget_burn = actual / planned * 100.0 if planned else 0.0

    def write(self, vals):
        result = super().write(vals)
        if {"agreement_budget_tolerance", "agreement_guarantee_months"} & set(vals):
            # the budgets' tolerance and the guarantees' required date follow the grant agreement (their fields do
            # not depend on it: fami_partners' tests rebuild fami.project without this addon's fields)
            self.env["fami.budget"].invalidate_model(["tolerance", "needs_authorisation", "shift_warning",
                                                      "comparison_html"])
            self.env["fami.guarantee"].invalidate_model(["required_until"])
        return result

    @api.constrains("agreement_advance_percent", "agreement_recovery_percent", "agreement_budget_tolerance")
    def _check_agreement_percentages(self):
        for project in self:
            for name in ("agreement_advance_percent", "agreement_recovery_percent", "agreement_budget_tolerance"):
                if not 0 <= project[name] <= 100:
                    raise ValidationError(self.env._(
                        "%(field)s of project %(project)s is %(value)s: a percentage goes from 0 to 100.",
                        field=self._fields[name].get_description(self.env)["string"], project=project.display_name,
                        value=project[name]))

    @api.depends_context("uid")
    def _compute_dashboard_money(self):
        user = self.env.user
        sees_all = user.has_group("fami_partners.group_fami_manager") or user.has_group(
            "fami_partners.group_fami_auditor")
        for project in self:
            # sudo: only the project's lead partner is read, to know whether the user works for it
            visible = sees_all or bool(project.sudo().lead_partner_id & user.fami_organisation_ids)
            project.dashboard_money_visible = visible
            figures = project._money_figures() if visible else dict.fromkeys(
                ("received", "transferred", "advance", "recovered", "guarantee_open"), 0.0)
            project.dashboard_cash_held = figures["received"] - figures["transferred"]
            project.dashboard_advance_to_recover = figures["advance"] - figures["recovered"]
            project.dashboard_guarantee_open = figures["guarantee_open"]

    def _money_figures(self):
        """The project's money as a manager asks it first: received from the AdG, transferred to the partners,
        the advance received and what locked claims recovered of it, the guarantees issued and not released."""
        self.ensure_one()
        if not self.id:
            return dict.fromkeys(("received", "transferred", "advance", "recovered", "guarantee_open"), 0.0)
        # sudo: aggregates of the whole project for the dashboard, shown only to administrative staff and auditors
        env = self.sudo().env
        project = [("project_id", "=", self.id)]

        def total(model, domain, field):
            return env[model]._read_group(project + domain, [], [f"{field}:sum"])[0][0] or 0.0
        received = [("workflow_state_code", "=", "received")]
        return {
            "received": total("fami.payment.received", received, "amount"),
            "transferred": total("fami.partner.transfer", [("workflow_state_code", "=", "transferred")], "amount"),
            "advance": total("fami.payment.received", received + [("kind", "=", "advance")], "amount"),
            "recovered": total("fami.payment.request", [("workflow_state_id.locked", "=", True)],
                               "advance_recovered_snapshot"),
            "guarantee_open": total("fami.guarantee", [("workflow_state_code", "=", "issued")], "amount"),
        }

    def _advance_received(self):
        """The advance the AdG paid the project (what the claims recover)."""
        self.ensure_one()
        # sudo: the advance received is a figure of the whole project that every claim's recovery needs
        return self.sudo()._money_figures()["advance"] if self.id else 0.0

    def _approved_budget(self):
        """The budget the AdG approved: the latest approved version, not a draft still being negotiated (the latest
        draft when none is approved yet)."""
        self.ensure_one()
        budgets = self.env["fami.budget"].search([("project_id", "=", self.id)], order="version desc")
        return budgets.filtered(lambda version: version.workflow_state_code == "approved")[:1] or budgets[:1]

    def _guarantee_required_until(self):
        self.ensure_one()
        return money_rules.guarantee_required_until(self.date_end, self.agreement_guarantee_months) \
            if self.date_end else False

    @api.depends_context("uid")
    def _compute_dashboard_approvals(self):
        counts = {queue: self.env[model].search_count(domain) if domain else 0
                  for queue, (model, domain) in self._dashboard_approval_domains().items()}
        for project in self:
            for queue, count in counts.items():
                project[f"dashboard_approve_{queue}"] = count
            project.dashboard_approval_count = sum(counts.values())

    @api.model
    def _dashboard_approval_domains(self):
        """{queue: (model, domain)}: records waiting in a state out of which the current user may fire an approving
        transition (approve, check). Empty domain when the user may approve nothing of that model."""
        # sudo: workflow definitions are configuration; only who may fire each transition matters here, and the
        # counts below are searched with the user's own access rights
        transitions = self.env["fami.workflow.transition"].sudo().search([
            ("code", "in", APPROVAL_CODES), ("workflow_id.active", "=", True)])
        states = {}
        for transition in transitions.filtered(lambda t: t._is_allowed(self.env.user)):
            states.setdefault(transition.workflow_id.model, set()).add(transition.state_from_id.id)
        # a queue is its action's records: another workflow of the model (staff hours beside mediation hours, both
        # timesheet lines) is not that queue's
        return {queue: (model, expression.AND([self._dashboard_queue_action_domain(action),
                                               [("workflow_state_id", "in", sorted(states[model]))]])
                        if model in states else [])
                for queue, (model, action) in DASHBOARD_QUEUES.items()}

    @api.model
    def _dashboard_queue_action_domain(self, xmlid):
        # sudo: the action's own domain (configuration), applied below with the user's access rights
        action = self.env.ref(xmlid).sudo()
        return safe_eval(action.domain or "[]", {"uid": self.env.uid})

    # ------------------------------------------------------------ actions

    @api.model
    @api.model
    def _fami_default_project(self):
        """The project a new record of the user starts on: the running project of the user's organisation (the
        latest one, where it works in several), else the latest running project the user reads."""
        # sudo: the user's own links to the projects of their organisations, to pick one they read below
        links = self.env.user.sudo().fami_project_partner_ids.filtered(lambda link: not link.project_id.is_template)
        domain = [("is_template", "=", False)]
        if links:
            domain.append(("id", "in", links.project_id.ids))
        return self.search(domain, limit=1, order="date_start desc, id desc")

    def action_open_dashboard(self):
        """Home of the FAMI app: the dashboard of the most recent running project the user can read, or the list
        of projects when there is none yet."""
        project = self.search([("is_template", "=", False)], limit=1,
                              order="date_start desc, id desc")
        if not project:
            return self.env["ir.actions.act_window"]._for_xml_id("fami_partners.fami_project_action")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dashboard"),
            "res_model": self._name,
            "res_id": project.id,
            "views": [(self.env.ref(DASHBOARD_VIEW).id, "form")],
            "target": "current",
        }

    def action_open_approval_queue(self):
        """Button of the dashboard: the list of one queue (context key fami_queue) of records awaiting approval."""
        queue = self.env.context.get("fami_queue")
        model, domain = self._dashboard_approval_domains()[queue]
        action = self.env["ir.actions.act_window"]._for_xml_id(DASHBOARD_QUEUES[queue][1])
        action.update({"domain": domain or [("id", "=", 0)], "context": {},
                       "views": sorted(action["views"], key=lambda view: view[1] != "list")})
        return action

    def action_open_budget_burn(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_reporting.fami_budget_line_action")
        action["domain"] = [("project_id", "in", self.ids)]
        return action

    def action_open_treasury(self):
        """Button of the dashboard: the project's money over time (received, transferred, spent, to be justified,
        guarantee exposure), as a cumulated graph."""
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_reporting.fami_treasury_line_action")
        action["domain"] = [("project_id", "in", self.ids)]
        return action

    def action_open_partner_positions(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_reporting.fami_partner_position_action")
        action["domain"] = [("project_id", "in", self.ids)]
        return action

    def action_open_hours_by_month(self):
        """Button of the dashboard: the project's timesheet hours (mediation and other project work) month by month,
        as a graph; the list, pivot and form stay one click away."""
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_activities.mediation_action")
        action.update({"name": self.env._("Hours by month"), "domain": [("fami_project_id", "in", self.ids)],
                       "context": {},
                       "views": sorted(action["views"], key=lambda view: view[1] != "graph")})
        return action

    def action_open_indicators(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_partners.fami_indicator_action")
        action["domain"] = [("project_id", "in", self.ids)]
        action["context"] = {}
        return action

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        # The workflow engine adds its buttons and status bar to every form; the dashboard only reads.
        if view_type == "form" and view == self.env.ref(DASHBOARD_VIEW, raise_if_not_found=False):
            for header in arch.findall("header"):
                arch.remove(header)
        return arch, view
