from collections import deque

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval


class FamiWorkflow(models.Model):
    """An approval path for the records of one model, designed in the UI.

    Several workflows may govern one model: each record is given, when it is created, the first active workflow
    (by sequence, then id) whose domain it matches, and keeps it.
    """

    _name = "fami.workflow"
    _description = "FAMI approval workflow"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10, help="When several workflows match a record, the first one governs it.")
    active = fields.Boolean(
        default=True, tracking=True,
        help="Archive a workflow while you redesign it: its definition is checked when it is active.")
    model_id = fields.Many2one(
        "ir.model", string="Governed model", required=True, ondelete="cascade", tracking=True,
        domain=[("field_id.name", "=", "workflow_state_id")],
        help="Only models that inherit the FAMI workflow mixin can be governed.")
    model = fields.Char(related="model_id.model", store=True, index=True, string="Model name")
    domain = fields.Char(default="[]", tracking=True,
                         help="Records of the model this workflow governs, e.g. expenses above 5,000 EUR.")
    state_ids = fields.One2many("fami.workflow.state", "workflow_id", string="States", copy=True)
    transition_ids = fields.One2many("fami.workflow.transition", "workflow_id", string="Transitions", copy=True)
    escalation_user_id = fields.Many2one(
        "res.users", string="Escalation manager",
        help="Reminded, after the approvers, when a record waits in a state for more than twice its deadline.")
    note = fields.Html(string="Notes")
    record_count = fields.Integer(compute="_compute_record_count", string="Governed records")

    def _compute_record_count(self):
        for workflow in self:
            model = self.env.get(workflow.model) if workflow.model else None
            workflow.record_count = model.search_count([("workflow_id", "=", workflow.id)]) \
                if model is not None and "workflow_id" in model._fields else 0

    @api.constrains("model_id")
    def _check_model_is_governable(self):
        for workflow in self:
            model = self.env.get(workflow.model)
            if model is None or "workflow_state_id" not in model._fields:
                raise ValidationError(_(
                    "The model %(model)s cannot be governed by a workflow: it does not inherit the FAMI workflow "
                    "mixin. Choose another Governed model.", model=workflow.model_id.name))

    @api.constrains("domain", "model_id")
    def _check_domain(self):
        for workflow in self:
            try:
                # sudo: validating the domain must not depend on the designer's rights on the model; it only counts
                self.env[workflow.model].sudo().search_count(workflow._get_domain(), limit=1)
            except Exception as error:  # noqa: BLE001 - any failure means the domain is unusable
                raise ValidationError(_(
                    "The domain %(domain)s of workflow %(workflow)s cannot be used on %(model)s (%(error)s): "
                    "name only fields of that model.", domain=workflow.domain, workflow=workflow.name,
                    model=workflow.model_id.name, error=error)) from error

    def _get_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"uid": self.env.uid, "context_today": fields.Date.context_today})

    # ------------------------------------------------------------ definition check

    def _check_definition(self):
        """Exactly one initial state, no transition out of a final state, every state reachable."""
        for workflow in self.filtered("active"):
            initial = workflow.state_ids.filtered("is_initial")
            if len(initial) != 1:
                raise ValidationError(_(
                    "Workflow %(workflow)s must have exactly one initial state; it has %(count)s. Tick Initial on "
                    "one state only.", workflow=workflow.name, count=len(initial)))
            from_final = workflow.transition_ids.filtered(lambda t: t.state_from_id.is_final)
            if from_final:
                raise ValidationError(_(
                    "Workflow %(workflow)s: transition %(transition)s leaves the final state %(state)s. A final state "
                    "has no way out: remove the transition or untick Final.", workflow=workflow.name,
                    transition=from_final[0].name, state=from_final[0].state_from_id.name))
            foreign = workflow.transition_ids.filtered(
                lambda t: t.state_from_id.workflow_id != workflow or t.state_to_id.workflow_id != workflow)
            if foreign:
                raise ValidationError(_(
                    "Workflow %(workflow)s: transition %(transition)s links states of another workflow. Choose "
                    "states of this workflow.", workflow=workflow.name, transition=foreign[0].name))
            unreachable = workflow.state_ids - workflow._reachable_states(initial)
            if unreachable:
                raise ValidationError(_(
                    "Workflow %(workflow)s: no transition leads to the state(s) %(states)s. Add a transition to them, "
                    "or archive the workflow while you design it.", workflow=workflow.name,
                    states=", ".join(unreachable.mapped("name"))))

    def _reachable_states(self, initial):
        reached, queue = initial, deque(initial)
        while queue:
            state = queue.popleft()
            for target in self.transition_ids.filtered(lambda t, s=state: t.state_from_id == s).state_to_id:
                if target not in reached:
                    reached |= target
                    queue.append(target)
        return reached

    # ------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        workflows = super().create(vals_list)
        workflows._definition_changed()
        return workflows

    def write(self, vals):
        result = super().write(vals)
        self._definition_changed()
        return result

    def _definition_changed(self):
        """Check the definition and let it take effect at once: view buttons are re-rendered, and records that
        no workflow governed yet are given to a workflow that now matches them."""
        self.env.registry.clear_cache("templates")
        if not self.env.context.get("install_mode"):
            # Data files create states and transitions one record at a time: the test suite checks shipped
            # definitions once they are loaded (fami_workflow/tests/test_definitions.py).
            self._check_definition()
        self.filtered("active")._assign_ungoverned_records()

    def _assign_ungoverned_records(self):
        for workflow in self.sorted(lambda w: (w.sequence, w.id)):
            initial = workflow.state_ids.filtered("is_initial")[:1]
            if not initial:
                continue
            # sudo: gives existing records of every organisation their initial state; writes only workflow fields
            model = self.env[workflow.model].sudo().with_context(active_test=False)
            records = model.search([("workflow_id", "=", False)] + workflow._get_domain())
            records._workflow_set(workflow, initial)

    def action_check_definition(self):
        self._check_definition()
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"type": "success", "message": _("The workflow definition is consistent.")}}

    def action_open_records(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": self.name, "res_model": self.model,
                "view_mode": "list,form", "domain": [("workflow_id", "=", self.id)]}

    # ------------------------------------------------------------ reminders

    @api.model
    def _cron_remind_waiting_records(self):
        """Records waiting in a state longer than its deadline: remind the approvers, then the escalation manager."""
        now = fields.Datetime.now()
        activity_type = self.env.ref("fami_workflow.mail_activity_type_workflow_reminder")
        states = self.env["fami.workflow.state"].search([("deadline_days", ">", 0), ("workflow_id.active", "=", True)])
        for state in states:
            model = self.env[state.workflow_id.model]
            waiting = model.search([("workflow_state_id", "=", state.id),
                                    ("workflow_state_date", "<", now - state._deadline_delta())])
            transitions = state.workflow_id.transition_ids.filtered(lambda t, s=state: t.state_from_id == s)
            approvers = transitions._get_approver_users()
            for record in waiting:
                late = record.workflow_state_date < now - 2 * state._deadline_delta()
                users = approvers | (state.workflow_id.escalation_user_id if late else self.env["res.users"])
                record._workflow_schedule_activities(users, activity_type, _(
                    "%(record)s has waited in %(state)s longer than %(days)s days",
                    record=record.display_name, state=state.name, days=state.deadline_days))
