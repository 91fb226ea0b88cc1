from odoo import api, fields, models

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
        return {queue: (model, [("workflow_state_id", "in", sorted(states[model]))] if model in states else [])
                for queue, (model, _action) in DASHBOARD_QUEUES.items()}

    # ------------------------------------------------------------ actions

    @api.model
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
