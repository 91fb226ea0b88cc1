from collections import deque

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from ..lib import definition_xml as dx
from ..lib.literal_domain import literal_domain
from ..lib import ui_governance as ui
from ..lib import workflow_contract


# how records without an external id are found again in the database that loads an exported definition
_EXPORT_KEYS = {"res.users": "login", "res.groups": "full_name", "ir.model": "model"}


def _record_fields_of(env, model_name):
    """The FieldNames holding the workflow and state of `model_name`'s records: the mixin's, the custom fields of a
    model governed from the UI, or None."""
    model = env.get(model_name) if model_name else None
    if model is None:
        return None
    if ui.MIXIN_FIELDS.state in model._fields:
        return ui.MIXIN_FIELDS
    return ui.UI_FIELDS if ui.UI_FIELDS.state in model._fields else None


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
    if value and all(linked in ids for linked in value):  # parts of the same definition (separation of duties)
        return dx.Refs(tuple(ids[linked] for linked in value))
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
        domain=[("transient", "=", False), "!", ("model", "=like", "ir.%")],
        help="Any model with records of its own: those of the suite, Odoo's (contacts, calendar events, tasks...) "
             "and other apps'. A model outside the suite gets the workflow's fields and, while the workflow is "
             "active, its status bar, buttons, filters and column in its views, with no code.")
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
    ui_view_ids = fields.Many2many(
        "ir.ui.view", compute="_compute_ui_view_ids", string="Views added",
        help="The views of the governed model this workflow adds its status bar, buttons, filters and column to, "
             "while it is active (models outside the suite only).")

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
            names = workflow._record_fields()
            # the records the user may read: a designer who is no user of the governed app still opens the form
            workflow.record_count = model.search_count([(names.workflow, "=", workflow.id)]) \
                if names and model.has_access("read") else 0

    def _compute_ui_view_ids(self):
        # sudo: the designer sees which views the engine added for the workflow; views are configuration
        views = self.env["ir.ui.view"].sudo().search([("name", "in", [name for workflow in self
                                                                      for name in workflow._ui_view_names()])])
        for workflow in self:
            workflow.ui_view_ids = views.filtered(lambda view, w=workflow: view.name in w._ui_view_names())

    def _record_fields(self):
        """The names of the fields holding each record's workflow and state on the governed model (those of the
        mixin, or the custom fields added to a model governed from the UI), or None while it has none."""
        self.ensure_one()
        return _record_fields_of(self.env, self.model)

    @api.constrains("model_id")
    def _check_model_is_governable(self):
        for workflow in self:
            refusal = workflow._governable_refusal()
            if refusal:
                raise ValidationError(refusal)

    def _governable_refusal(self):
        """Why the model cannot be governed, as a translated sentence naming the fix, or None."""
        self.ensure_one()
        model = self.env.get(self.model)
        if model is not None and ui.MIXIN_FIELDS.state in model._fields:
            return None
        reason = ui.refusal(self.model, transient=model is None or model._transient,
                            abstract=model is None or model._abstract, has_table=model is not None and model._auto)
        values = {"model": self.model_id.name}
        if reason == ui.TECHNICAL:
            return self.env._(
                "%(model)s cannot be governed by a workflow: it is one of Odoo's technical models (settings, users, "
                "groups, messages, activities, the workflows themselves), which a lock would break. Choose another "
                "Governed model.", **values)
        if reason == ui.TRANSIENT:
            return self.env._("%(model)s cannot be governed by a workflow: its records are temporary (a wizard). "
                              "Choose another Governed model.", **values)
        if reason:
            return self.env._("%(model)s cannot be governed by a workflow: it has no records of its own (an abstract "
                              "model or a report). Choose another Governed model.", **values)
        # sudo: looks for the model's form view, which the designer may not read; only refuses
        if not self.env["ir.ui.view"].sudo().default_view(self.model, "form"):
            return self.env._("%(model)s cannot be governed by a workflow: it has no form view to show the "
                              "workflow's status bar and buttons in. Choose another Governed model.", **values)
        return None

    @api.constrains("domain", "model_id")
    def _check_domain(self):
        for workflow in self:
            if workflow._governable_refusal():
                continue  # refused by _check_model_is_governable, in its own words
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
        literal = literal_domain(self.domain or "[]")  # read on every create and write of the governed model
        if literal is not None:
            return literal
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
        names = self._record_fields()
        if not names:
            return False
        # sudo: the records of every organisation count, not only those the designer may read; only counts
        return bool(self.env[self.model].sudo().with_context(active_test=False).search_count(
            [(names.workflow, "=", self.id)], limit=1))

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
        self.env.registry.clear_cache()  # _ui_governed_models, _active_workflow_ids
        workflows._definition_changed()
        return workflows

    def write(self, vals):
        former_models = set(self.mapped("model"))
        if "model_id" in vals:
            self._check_model_change(vals["model_id"])
        result = super().write(vals)
        if {"active", "model_id", "sequence", "domain"} & set(vals):
            self.env.registry.clear_cache()  # _ui_governed_models, _active_workflow_ids, _ui_domain_fields
        self._definition_changed()
        if "model_id" in vals:
            self._ui_sync(former_models - set(self.mapped("model")))  # what it added to its former model goes
        return result

    def unlink(self):
        """Deleting a workflow that governs a model from the UI removes what it added to the model's views; its
        records are no longer governed. Once no workflow is left on the model, its custom fields go too."""
        if self.env.context.get(MODULE_UNINSTALL_FLAG):
            return super().unlink()
        self._check_no_moves()
        models_governed = set(self.mapped("model"))
        for workflow in self:
            names = workflow._record_fields()
            if names == ui.UI_FIELDS:
                # sudo: its records of every organisation are released, writing only the engine's fields
                records = self.env[workflow.model].sudo().with_context(active_test=False).search(
                    [(names.workflow, "=", workflow.id)])
                records._workflow_set(self.env["fami.workflow"], self.env["fami.workflow.state"])
        # sudo: the views the engine added for these workflows (the designer has no right on views)
        self.env["ir.ui.view"].sudo().search([("name", "in", [name for workflow in self
                                                              for name in workflow._ui_view_names()])]).unlink()
        result = super().unlink()
        self.env.registry.clear_cache()  # _ui_governed_models, _active_workflow_ids, _ui_domain_fields
        self.browse()._ui_sync(models_governed)
        # the records released above go to another active workflow of their model whose domain they match
        # sudo: every active workflow of these models counts, whoever may read them
        self.sudo().search([("model", "in", sorted(models_governed))])._assign_ungoverned_records()
        return result

    def _check_no_moves(self):
        """A workflow that moved records stays: its log is evidence and names it."""
        # sudo: counts the log lines of every organisation; only refuses
        moved = self.env["fami.workflow.log"].sudo().search([("workflow_id", "in", self.ids)], limit=1).workflow_id
        if moved:
            raise UserError(self.env._(
                "Workflow %(workflow)s has moved records: its log is evidence and keeps it. Archive it instead: its "
                "buttons and views go away and its records become editable again, their states and log kept.",
                workflow=moved.name))

    def _check_model_change(self, model_id):
        """A workflow in use keeps its model: its states and transitions were designed for it and the model's
        code relies on their codes."""
        for workflow in self.filtered(lambda w: w.model_id.id != model_id):
            if workflow._record_fields() == ui.UI_FIELDS and workflow._governs_records():
                raise ValidationError(self.env._(
                    "Workflow %(workflow)s governs records of %(model)s: its Governed model cannot change. Create a "
                    "new workflow for the other model instead.", workflow=workflow.name,
                    model=workflow.model_id.name))
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
        self._ui_sync(set(self.mapped("model")), views=False)  # the fields first: records are assigned in them
        self.filtered("active")._assign_ungoverned_records()
        self._ui_sync(set(self.mapped("model")), fields=False)

    def _assign_ungoverned_records(self):
        for workflow in self.sorted(lambda w: (w.sequence, w.id)):
            initial = workflow.state_ids.filtered("is_initial")[:1]
            names = workflow._record_fields()
            if not initial or not names:
                continue
            # sudo: gives existing records of every organisation their initial state; writes only workflow fields
            model = self.env[workflow.model].sudo().with_context(active_test=False)
            records = model.search([(names.workflow, "=", False)] + workflow._get_domain())
            records._workflow_set(workflow, initial)

    @api.model
    @tools.ormcache("model_name")
    def _active_workflow_ids(self, model_name):
        """Ids of the active workflows of `model_name`, the first to match first: asked on every create and write
        of a governed model, to give its new or changed records their workflow."""
        # sudo: workflows are configuration every governed record needs, whoever creates it
        return tuple(self.sudo().search([("model", "=", model_name)]).ids)

    @api.model
    @tools.ormcache("model_name")
    def _ui_domain_fields(self, model_name):
        """Names of the fields the domains of `model_name`'s active workflows read, or None when a domain is no
        literal (it names uid or today) or reads a computed field: a write that changes none of them cannot make
        a record match a workflow it did not match (models governed from the UI skip the search, see
        models/base_ui_governed.py)."""
        model = self.env[model_name]
        names = set()
        # sudo: workflows are configuration every governed record needs, whoever writes it
        for workflow in self.sudo().browse(self._active_workflow_ids(model_name)):
            domain = literal_domain(workflow.domain or "[]")
            if domain is None:
                return None
            for term in domain:
                if not isinstance(term, (list, tuple)) or not term:
                    continue  # '&', '|', '!'
                field = model._fields.get(str(term[0]).split(".")[0])
                if field is None or field.compute or not field.store:
                    return None
                names.add(field.name)
        return frozenset(names)

    # ------------------------------------------------------------ models governed from the UI

    @api.model
    @tools.ormcache()
    def _ui_governed_models(self):
        """Names of the models that active workflows govern through custom fields (lib/ui_governance.py)."""
        # sudo: which models are governed is configuration, the same for every user
        names = {name for [name] in self.sudo()._read_group([], ["model"])}
        return frozenset(name for name in names if _record_fields_of(self.env, name) == ui.UI_FIELDS)

    @api.model
    def _ui_sync(self, model_names, fields=True, views=True):
        """Bring models governed from the UI in line with their workflows: the custom fields while any workflow
        (active or archived) names the model, removed once none does; the views of each active workflow rebuilt,
        those of the others removed. Models governed by the mixin need neither."""
        for model_name in sorted(model_names):
            model = self.env.get(model_name)
            if model is None or ui.MIXIN_FIELDS.state in model._fields or ui.refusal(model_name):
                continue
            # sudo: every workflow of the model counts, whoever may read them
            workflows = self.sudo().with_context(active_test=False).search([("model", "=", model_name)])
            if fields and workflows:
                self._ui_add_fields(model_name)
            if views and _record_fields_of(self.env, model_name) == ui.UI_FIELDS:
                workflows._ui_rebuild_views(model_name)
            if fields and not workflows:
                self._ui_remove_fields(model_name)

    def _ui_field_labels(self):
        """{FieldNames attribute: label} of the custom fields, in the language of the environment."""
        return {"workflow": self.env._("Workflow"), "state": self.env._("Workflow state"),
                "date": self.env._("In this state since"), "codes": self.env._("Workflow actions you may take")}

    @api.model
    def _ui_add_fields(self, model_name):
        missing = [values for values in ui.field_values(self.with_context(lang="en_US")._ui_field_labels())
                   if values["name"] not in self.env[model_name]._fields]
        model_id = self.env["ir.model"]._get_id(model_name)
        # sudo: the engine adds its own four fields to the governed model, the way Odoo adds custom fields; the
        # designer has no right on fields, and the names and types are fixed (lib/ui_governance.py)
        ir_fields = self.env["ir.model.fields"].sudo()
        # the stored fields first: the computed one depends on the state
        for batch in ([values for values in missing if values.get("store", True)],
                      [values for values in missing if not values.get("store", True)]):
            if batch:
                ir_fields.create([dict(values, model_id=model_id) for values in batch])
        if not self._ui_translate_field_labels(model_name) and missing:
            self.env.registry.clear_cache()  # the labels of fields, cached per language (get_field_string)

    @api.model
    def _ui_translate_field_labels(self, model_name):
        """The labels of the custom fields in each installed language: also those added before the language was
        installed (the demo's workflows are loaded before Italian in some databases)."""
        # sudo: the engine's own fields (see _ui_add_fields)
        added = self.env["ir.model.fields"].sudo().search([("model", "=", model_name),
                                                           ("name", "in", list(ui.UI_FIELDS)),
                                                           ("state", "=", "manual")])
        changed = False
        for lang, _name in self.env["res.lang"].get_installed():
            if lang == "en_US":
                continue
            labels = self.with_context(lang=lang)._ui_field_labels()
            for field in added:
                label = labels[ui.UI_FIELDS._fields[ui.UI_FIELDS.index(field.name)]]
                if field.with_context(lang=lang).field_description != label:
                    field.update_field_translations("field_description", {lang: label})
                    changed = True
        if changed:
            self.env.registry.clear_cache()  # the labels of fields, cached per language (get_field_string)
        return changed

    @api.model
    def _ui_remove_fields(self, model_name):
        # sudo: the engine removes its own fields from a model no workflow names any more; views were removed first
        ir_fields = self.env["ir.model.fields"].sudo()
        for names in ([ui.UI_FIELDS.codes], [ui.UI_FIELDS.workflow, ui.UI_FIELDS.state, ui.UI_FIELDS.date]):
            # the computed field first: it depends on the state
            ir_fields.search([("model", "=", model_name), ("name", "in", names), ("state", "=", "manual")]).unlink()

    def _ui_view_names(self):
        self.ensure_one()
        return [f"fami.workflow.{self.id}.{view_type}" for view_type in ("form", "list", "search")] \
            if isinstance(self.id, int) else []

    def _ui_rebuild_views(self, model_name):
        """Replace the views these workflows (all those of `model_name`) added to the model: each active one adds
        its status bar and buttons to the form and a filter per state to the search view; the first also the
        state's column in the list and the grouping by state."""
        # sudo: views are Odoo configuration the designer cannot write; the engine writes only its own
        views = self.env["ir.ui.view"].sudo()
        views.search([("name", "in", [name for workflow in self for name in workflow._ui_view_names()])]).unlink()
        parents = {view_type: views.default_view(model_name, view_type) for view_type in ("form", "list", "search")}
        active = self.filtered("active").sorted(lambda w: (w.sequence, w.id))
        for position, workflow in enumerate(active):
            workflow._ui_create_views(model_name, parents, first=position == 0)

    def _ui_create_views(self, model_name, parents, first):
        self.ensure_one()
        # the arch is written in English, the source of translations, then translated in each installed language
        workflow = self.with_context(lang="en_US")
        buttons = workflow._ui_buttons()
        archs = {"form": ui.form_arch(self.id, [(t.code, t.name, t.button_type) for t in buttons],
                                      workflow.env._("Workflow log"))}
        states = [(state.id, state.name) for state in workflow.state_ids]
        archs["search"] = ui.search_arch(self.id, workflow.name, states,
                                         group_label=workflow.env._("Workflow state") if first else None)
        if first:
            archs["list"] = ui.list_arch()
        languages = [lang for lang, _name in self.env["res.lang"].get_installed() if lang != "en_US"]
        for view_type, arch in archs.items():
            if not parents[view_type]:
                continue  # the model has no such view: Odoo's default one shows the state anyway
            # sudo: the engine adds its own inherited view (see _ui_rebuild_views)
            view = self.env["ir.ui.view"].sudo().create({
                "name": f"fami.workflow.{self.id}.{view_type}", "model": model_name, "type": view_type,
                "inherit_id": parents[view_type], "mode": "extension", "priority": 99, "arch": arch})
            for lang in languages:
                view.update_field_translations("arch_db", {lang: self._ui_view_terms(lang, buttons)})

    def _ui_buttons(self):
        """The transitions that have a button on the form: one per code, as on the models of the suite."""
        self.ensure_one()
        first_of_code = {}
        for transition in self.transition_ids:
            first_of_code.setdefault(transition.code, transition.id)
        return self.transition_ids.browse(list(first_of_code.values()))

    @api.model
    def _ui_translate(self, langs):
        """Translate what the engine added to the models governed from the UI (the labels of its fields, the texts
        of its views) into `langs`: they are translated when made, into the languages installed then, so a language
        installed later (or the translations of the workflows' names, loaded later) needs this."""
        langs = [lang for lang in langs or [] if lang != "en_US"]
        if not langs:
            return
        for model_name in self._ui_governed_models():
            self._ui_translate_field_labels(model_name)
            # sudo: every active workflow of the model adds views, whoever loads the translations
            for workflow in self.sudo().search([("model", "=", model_name)]):
                buttons = workflow._ui_buttons()
                for view in workflow.ui_view_ids:
                    for lang in langs:
                        view.update_field_translations("arch_db", {lang: workflow._ui_view_terms(lang, buttons)})

    def _ui_view_terms(self, lang, transitions):
        """{English term: its translation in `lang`} of the texts of the views this workflow adds."""
        source, target = self.with_context(lang="en_US"), self.with_context(lang=lang)
        terms = {source.env._(text): target.env._(text) for text in ("Workflow log", "Workflow state")}
        terms.update(zip(transitions.with_env(source.env).mapped("name"),
                         transitions.with_env(target.env).mapped("name"), strict=True))
        for state in self.state_ids:
            terms[f"{source.name}: {state.with_env(source.env).name}"] = \
                f"{target.name}: {state.with_env(target.env).name}"
        return terms

    @api.model
    def workflow_state_of(self, model, ids):
        """The workflow state code of each record of `model` (False for a record no workflow governs), in the
        order of `ids`, for records the user may read: the same question for the models of the suite and those
        governed from the UI."""
        if model not in self.env:
            raise UserError(self.env._("%(model)s is not a model of this database.", model=model))
        records = self.env[model].browse(ids)
        records.check_access("read")
        names = _record_fields_of(self.env, model)
        if not names:
            # sudo: the translated name of the model, for the refusal
            label = self.env["ir.model"].sudo()._get(model).name
            raise UserError(self.env._("%(model)s records are not governed by any workflow.", model=label))
        # sudo: the codes of the states of records the user may read (checked above)
        codes = {record.id: record[names.state].code for record in records.sudo().exists()}
        return [codes.get(record_id) or False for record_id in ids]

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
                "view_mode": "list,form", "domain": [(self._record_fields().workflow, "=", self.id)]}

    # ------------------------------------------------------------ export as XML data

    _EXPORT_FIELDS = ("name", "sequence", "model_id", "domain", "escalation_user_id", "note")
    _EXPORT_STATE_FIELDS = ("code", "name", "sequence", "is_initial", "is_final", "locked", "fold",
                            "editable_field_ids", "deadline_days")
    _EXPORT_TRANSITION_FIELDS = ("sequence", "code", "name", "state_from_id", "state_to_id", "group_ids", "user_ids",
                                 "domain", "required_field_ids", "comment_required", "approvals_required", "notify",
                                 "activity_deadline_days", "server_action_ids", "button_type", "separate_from_ids")

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
                            (workflow._export_transitions_in_order(), self._EXPORT_TRANSITION_FIELDS)):
            for record in part:
                records.append(dx.Record(ids[record], record._name, tuple(
                    [("workflow_id", dx.Ref(ids[workflow]))]
                    + [(name, value) for name in names if (value := _export_value(record, name, ids)) is not None])))
        return dx.records_to_xml(records, header=f"FAMI workflow {workflow.name} on {workflow.model}: add this file "
                                                 "to the data of an addon that depends on the governed model's addon")

    def _export_transitions_in_order(self):
        """The transitions, each after those it is separated from (the data loader needs them first)."""
        ordered = self.env["fami.workflow.transition"]
        pending = self.transition_ids
        while pending:
            ready = pending.filtered(lambda t: not (t.separate_from_ids & pending) or t in t.separate_from_ids)
            ordered |= ready or pending  # a cycle: left as it is, the loader reports it
            pending -= ready or pending
        return ordered

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

    # ------------------------------------------------------------ activities

    @api.model
    def _refresh_activity_summaries(self, langs):
        """Write again, in their user's language, the summaries of the engine's open activities of users of
        `langs`. Records moved while their addon installs (demo data) were given activities before the names of
        the states and transitions of the addon's workflows were translated: the summaries said "attende una tua
        azione: Check, Send back". Called once the translations of a module are loaded."""
        approval = self.env.ref("fami_workflow.mail_activity_type_workflow_approval", raise_if_not_found=False)
        reminder = self.env.ref("fami_workflow.mail_activity_type_workflow_reminder", raise_if_not_found=False)
        if not approval or not reminder:
            return
        # sudo: the engine's own activities, whoever they are assigned to; only their summary is written again
        activities = self.env["mail.activity"].sudo().search([
            ("activity_type_id", "in", (approval | reminder).ids), ("user_id.lang", "in", list(langs))])
        for activity in activities:
            if not _record_fields_of(self.env, activity.res_model):  # no longer governed
                continue
            # sudo: the record is read for its name and state only
            record = self.env[activity.res_model].sudo().with_context(lang=activity.user_id.lang).browse(
                activity.res_id).exists()
            state = record._workflow_current()[1] if record else None
            if not state:
                continue
            summary = record._workflow_approval_summary(record._workflow_outgoing()) \
                if activity.activity_type_id == approval else record._workflow_reminder_summary(state)
            if activity.summary != summary:
                activity.summary = summary

    # ------------------------------------------------------------ reminders

    @api.model
    def _cron_remind_waiting_records(self):
        """Records waiting in a state longer than its deadline: remind the approvers, then the escalation manager."""
        now = fields.Datetime.now()
        activity_type = self.env.ref("fami_workflow.mail_activity_type_workflow_reminder")
        states = self.env["fami.workflow.state"].search([("deadline_days", ">", 0), ("workflow_id.active", "=", True)])
        for state in states:
            model = self.env[state.workflow_id.model]
            names = state.workflow_id._record_fields()
            waiting = model.search([(names.state, "=", state.id),
                                    (names.date, "<", now - state._deadline_delta())])
            transitions = state.workflow_id.transition_ids.filtered(lambda t, s=state: t.state_from_id == s)
            for record in waiting:
                late = record[names.date] < now - 2 * state._deadline_delta()
                users = record._workflow_approvers(transitions) | (
                    state.workflow_id.escalation_user_id if late else self.env["res.users"])
                # each user reads the reminder in their own language
                record._workflow_schedule_activities(
                    users, activity_type,
                    lambda waiting, waiting_state=state: waiting._workflow_reminder_summary(waiting_state))
