from collections import deque

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from ..lib import definition_xml as dx
from ..lib import workflow_contract


# how records without an external id are found again in the database that loads an exported definition
_EXPORT_KEYS = {"res.users": "login", "res.groups": "full_name", "ir.model": "model"}


def _export_xmlid(record):
    xmlid = record.get_external_id().get(record.id)
    return xmlid if xmlid and not xmlid.startswith("__export__.") else None


def _export_value(record, name, ids):
    """The XML value of field `name` of `record` (a workflow, state or transition), or None to leave it out."""
    field = record._fields[name]
    value = record[name]
    if field.type in ("boolean", "integer", "float"):
        return dx.Eval(value)
    if field.type in ("char", "text", "html", "selection"):
        return dx.Text(str(value)) if value else None
    if field.type == "many2one":
        if not value:
            return None
        if value in ids:
            return dx.Ref(ids[value])
        xmlid = _export_xmlid(value)
        if xmlid:
            return dx.Ref(xmlid)
        key = _EXPORT_KEYS.get(value._name, "name")
        return dx.Search(value._name, [(key, "=", value[key])], f"{field.string}: {value.display_name} must exist in "
                                                                 "the database that loads this file")
    if value._name == "ir.model.fields" and value:  # fields by model and name: the same in every database
        return dx.Search(value._name, [("model", "in", sorted(set(value.mapped("model")))),
                                       ("name", "in", value.mapped("name"))])
    xmlids = [_export_xmlid(linked) for linked in value]
    if all(xmlids):
        return dx.Refs(tuple(xmlids))
    key = _EXPORT_KEYS.get(value._name, "name")
    domain = [(key, "in", value.mapped(key))]
    if value._name == "ir.actions.server":  # names are unique per model at best
        domain.insert(0, ("model_id.model", "in", sorted(set(value.mapped("model_id.model")))))
    return dx.Search(value._name, domain, f"{field.string}: {', '.join(value.mapped('display_name'))} must exist "
                                          "in the database that loads this file")


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

    def init(self):
        """Shipped definitions are noupdate data, so that an upgrade keeps what an administrator changed in them.
        Those of a database installed before they were (or shipped by an addon without the flag) are marked here,
        when fami_workflow is installed or upgraded, before the other addons load their data again."""
        self.env.cr.execute(SQL(
            "UPDATE ir_model_data SET noupdate = TRUE WHERE model IN %s AND noupdate IS NOT TRUE",
            ("fami.workflow", "fami.workflow.state", "fami.workflow.transition")))

    def _compute_record_count(self):
        for workflow in self:
            model = self.env.get(workflow.model) if workflow.model else None
            # the records the user may read: a designer who is no user of the governed app still opens the form
            workflow.record_count = model.search_count([("workflow_id", "=", workflow.id)]) \
                if model is not None and "workflow_id" in model._fields and model.has_access("read") else 0

    @api.constrains("model_id")
    def _check_model_is_governable(self):
        for workflow in self:
            model = self.env.get(workflow.model)
            if model is None or "workflow_state_id" not in model._fields:
                raise ValidationError(self.env._(
                    "The model %(model)s cannot be governed by a workflow: it does not inherit the FAMI workflow "
                    "mixin. Choose another Governed model.", model=workflow.model_id.name))

    @api.constrains("domain", "model_id")
    def _check_domain(self):
        for workflow in self:
            try:
                # sudo: validating the domain must not depend on the designer's rights on the model; it only counts
                self.env[workflow.model].sudo().search_count(workflow._get_domain(), limit=1)
            except Exception as error:  # noqa: BLE001 - any failure means the domain is unusable
                raise ValidationError(self.env._(
                    "The domain %(domain)s of workflow %(workflow)s cannot be used on %(model)s (%(error)s): "
                    "name only fields of that model.", domain=workflow.domain, workflow=workflow.name,
                    model=workflow.model_id.name, error=error)) from error

    def _get_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"uid": self.env.uid, "context_today": fields.Date.context_today})

    # ------------------------------------------------------------ definition check

    def _check_definition(self):
        """Exactly one initial state, no transition out of a final state, every state reachable, and every code
        the governed model's code relies on."""
        self._check_code_contract()
        for workflow in self.filtered("active"):
            initial = workflow.state_ids.filtered("is_initial")
            if len(initial) != 1:
                raise ValidationError(self.env._(
                    "Workflow %(workflow)s must have exactly one initial state; it has %(count)s. Tick Initial on "
                    "one state only.", workflow=workflow.name, count=len(initial)))
            from_final = workflow.transition_ids.filtered(lambda t: t.state_from_id.is_final)
            if from_final:
                raise ValidationError(self.env._(
                    "Workflow %(workflow)s: transition %(transition)s leaves the final state %(state)s. A final state "
                    "has no way out: remove the transition or untick Final.", workflow=workflow.name,
                    transition=from_final[0].name, state=from_final[0].state_from_id.name))
            foreign = workflow.transition_ids.filtered(
                lambda t: t.state_from_id.workflow_id != workflow or t.state_to_id.workflow_id != workflow)
            if foreign:
                raise ValidationError(self.env._(
                    "Workflow %(workflow)s: transition %(transition)s links states of another workflow. Choose "
                    "states of this workflow.", workflow=workflow.name, transition=foreign[0].name))
            unreachable = workflow.state_ids - workflow._reachable_states(initial)
            if unreachable:
                raise ValidationError(self.env._(
                    "Workflow %(workflow)s: no transition leads to the state(s) %(states)s. Add a transition to them, "
                    "or archive the workflow while you design it.", workflow=workflow.name,
                    states=", ".join(unreachable.mapped("name"))))

    # ------------------------------------------------------------ the contract with the code

    def _required_codes(self, model_name=None):
        """{(kind, code): addons} of the codes the model's code relies on (lib/workflow_contract.py)."""
        model = self.env.get(model_name or self.model)
        if model is None:
            return {}
        return workflow_contract.required_codes(
            (klass.__dict__.get("_module"), klass.__dict__.get("_workflow_required_states", ()),
             klass.__dict__.get("_workflow_required_transitions", ()))
            for klass in type(model).__mro__)

    def _governs_records(self):
        self.ensure_one()
        model = self.env.get(self.model)
        if model is None or "workflow_id" not in model._fields:
            return False
        # sudo: the records of every organisation count, not only those the designer may read; only counts
        return bool(model.sudo().with_context(active_test=False).search_count([("workflow_id", "=", self.id)], limit=1))

    def _check_code_contract(self):
        """An active workflow, or one that governs records, keeps every state and transition code its model's code
        relies on: renamed or removed, budget actuals, indicators or claims would silently stop counting."""
        for workflow in self:
            if not (workflow.active or workflow._governs_records()):
                continue  # archived and empty: being designed; checked when activated
            missing = workflow_contract.gaps(workflow._required_codes(), workflow.state_ids.mapped("code"),
                                             workflow.transition_ids.mapped("code"))
            if not missing:
                continue
            gap = missing[0]
            values = {"workflow": workflow.name, "code": gap.code, "model": workflow.model_id.name,
                      "addons": ", ".join(gap.modules)}
            if gap.kind == workflow_contract.STATE:
                raise ValidationError(self.env._(
                    "Workflow %(workflow)s must keep a state with the code %(code)s: the code of %(addons)s relies "
                    "on it to count, select or move %(model)s records (e.g. only approved records count). Give the "
                    "code %(code)s back to a state; its name can change.", **values))
            raise ValidationError(self.env._(
                "Workflow %(workflow)s must keep a transition with the code %(code)s: the code of %(addons)s fires "
                "or counts it on %(model)s records. Give the code %(code)s back to a transition; its label, "
                "groups and condition can change.", **values))

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
        if "model_id" in vals:
            self._check_model_change(vals["model_id"])
        result = super().write(vals)
        self._definition_changed()
        return result

    def _check_model_change(self, model_id):
        """A workflow in use keeps its model: its states and transitions were designed for it and the model's
        code relies on their codes."""
        for workflow in self.filtered(lambda w: w.model_id.id != model_id):
            if workflow._required_codes() and (workflow.active or workflow._governs_records()):
                raise ValidationError(self.env._(
                    "Workflow %(workflow)s governs %(model)s, whose code relies on its codes %(codes)s: its Governed "
                    "model cannot change. Create a new workflow for the other model instead.",
                    workflow=workflow.name, model=workflow.model_id.name,
                    codes=", ".join(sorted({code for _kind, code in workflow._required_codes()}))))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_last_relied_upon(self):
        """The last active workflow of a model whose code relies on its codes cannot be deleted: archive it to
        redesign it, or create its replacement first."""
        for workflow in self.filtered("active"):
            required = workflow._required_codes()
            # sudo: counts the model's other active workflows, whoever may read them; only refuses
            if required and not self.sudo().search_count([("model", "=", workflow.model), ("active", "=", True),
                                                           ("id", "not in", self.ids)], limit=1):
                raise ValidationError(self.env._(
                    "Workflow %(workflow)s is the last active workflow of %(model)s, whose code relies on its codes "
                    "%(codes)s: it cannot be deleted. Archive it while you redesign it, or create and activate its "
                    "replacement first.", workflow=workflow.name, model=workflow.model_id.name,
                    codes=", ".join(sorted({code for _kind, code in required}))))

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
                "params": {"type": "success", "message": self.env._("The workflow definition is consistent.")}}

    def action_export_xml(self):
        """Download the definition as XML data (kept as an attachment of the workflow)."""
        self.ensure_one()
        attachment = self.env["ir.attachment"].create({
            "name": f"{dx.slug(self.name)}_workflow.xml", "raw": self._export_xml(), "mimetype": "application/xml",
            "res_model": self._name, "res_id": self.id})
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def action_open_records(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": self.name, "res_model": self.model,
                "view_mode": "list,form", "domain": [("workflow_id", "=", self.id)]}

    # ------------------------------------------------------------ export as XML data

    _EXPORT_FIELDS = ("name", "sequence", "model_id", "domain", "escalation_user_id", "note")
    _EXPORT_STATE_FIELDS = ("code", "name", "sequence", "is_initial", "is_final", "locked", "fold",
                            "editable_field_ids", "deadline_days")
    _EXPORT_TRANSITION_FIELDS = ("sequence", "code", "name", "state_from_id", "state_to_id", "group_ids", "user_ids",
                                 "domain", "required_field_ids", "comment_required", "approvals_required", "notify",
                                 "activity_deadline_days", "server_action_ids", "button_type")

    def _export_xml(self):
        """The definition (workflow, states, transitions) as an Odoo XML data file, ready for an addon's `data`.

        External ids are local to the addon that will ship the file: the record's own name when it has one,
        otherwise made from the workflow's name and the codes. Linked records are referred to by external id, or
        found in the target database by a domain (fields by name, users by login, groups by full name, server
        actions by name) when they have none.
        """
        self.ensure_one()
        # sudo: the designer exports configuration they can already read; linked users and groups are named only
        workflow = self.sudo().with_context(lang="en_US", active_test=False)
        ids = workflow._export_local_ids()
        records = [dx.Record(ids[workflow], "fami.workflow", tuple(
            [(name, value) for name in self._EXPORT_FIELDS
             if (value := _export_value(workflow, name, ids)) is not None]
            + [("active", dx.Eval(workflow.active))]))]
        for part, names in ((workflow.state_ids, self._EXPORT_STATE_FIELDS),
                            (workflow.transition_ids, self._EXPORT_TRANSITION_FIELDS)):
            for record in part:
                records.append(dx.Record(ids[record], record._name, tuple(
                    [("workflow_id", dx.Ref(ids[workflow]))]
                    + [(name, value) for name in names if (value := _export_value(record, name, ids)) is not None])))
        return dx.records_to_xml(records, header=f"FAMI workflow {workflow.name} on {workflow.model}: add this file "
                                                 "to the data of an addon that depends on the governed model's addon")

    def _export_local_ids(self):
        """{record: external id (without module)} for the workflow, its states and its transitions."""
        # sudo: external ids are technical metadata of the definition the designer exports; only their names are read
        existing = {(data.model, data.res_id): data.name for data in self.env["ir.model.data"].sudo().search([
            "|", "|", "&", ("model", "=", "fami.workflow"), ("res_id", "=", self.id),
            "&", ("model", "=", "fami.workflow.state"), ("res_id", "in", self.state_ids.ids),
            "&", ("model", "=", "fami.workflow.transition"), ("res_id", "in", self.transition_ids.ids)],
            order="id")}
        base = existing.get(("fami.workflow", self.id)) or "workflow_" + dx.slug(self.name)
        ids = {self: base}
        for state in self.state_ids:
            ids[state] = existing.get((state._name, state.id)) or f"{base}_state_{dx.slug(state.code)}"
        for transition in self.transition_ids:
            ids[transition] = existing.get((transition._name, transition.id)) or \
                f"{base}_tr_{dx.slug(transition.code)}_{dx.slug(transition.state_from_id.code)}"
        return ids

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
                record._workflow_schedule_activities(users, activity_type, self.env._(
                    "%(record)s has waited in %(state)s longer than %(days)s days",
                    record=record.display_name, state=state.name, days=state.deadline_days))
