from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.ui_governance import UI_FIELDS
from .fami_workflow_frozen_mixin import ENGINE_MOVING, FamiWorkflowFrozenMixin
from .fami_workflow_mixin import FamiWorkflowMixin

# the engine's fields of a model governed from the UI: only the engine writes them (see write())
ENGINE_FIELDS = frozenset(UI_FIELDS)
ENGINE_DEFAULTS = frozenset(f"default_{name}" for name in UI_FIELDS)


class BaseGovernedFromUi(models.AbstractModel):
    """Any model a workflow designer chooses in the UI is governed like the models of the suite, with no code.

    Its workflow and state are four custom fields (``x_fami_workflow_*``, lib/ui_governance.py) that the workflow
    adds to the model. While an active workflow governs the model, records get the workflow whose domain they match,
    records in a locked state refuse write and unlink (form, RPC, import, mass edit, one2many of a parent), their
    files and chatter are frozen (the guards of models/ir_attachment.py and mail_message.py), and
    ``workflow_fire(code, comment=None)`` moves them. The moves run the engine of ``fami.workflow.mixin``: its
    ``_workflow_*`` functions are shared with every model below (the same objects, not copies), so groups, several
    approvers, conditions, required fields, comments, the log, activities and chatter notes are those of the mixin.
    Only what reads or writes the fields themselves is written here. Models nobody governs this way pay one lookup.
    """

    # a concern of its own, apart from the input guard of base.py
    _inherit = "base"  # pylint: disable=consider-merging-classes-inherited

    # technical fields Odoo writes on any record, locked or not (chatter, attachments, bounce counter)
    _workflow_always_writable = FamiWorkflowFrozenMixin._workflow_always_writable | {"message_bounce"}
    _workflow_frozen_by = ()
    _workflow_frozen_capable = False

    # ------------------------------------------------------------ which models

    def _workflow_governed_from_ui(self):
        """True while an active workflow governs this model through its custom fields (one lookup for others)."""
        return UI_FIELDS.state in self._fields and \
            self._name in self.env["fami.workflow"]._ui_governed_models()

    def _workflow_check_governable_from_ui(self):
        if UI_FIELDS.state not in self._fields:
            # sudo: the translated name of the model, for the refusal
            label = self.env["ir.model"].sudo()._get(self._name).name
            raise UserError(self.env._("%(model)s records are not governed by any workflow.", model=label))

    # ------------------------------------------------------------ the fields

    def _workflow_current(self):
        """(workflow, state) of the record."""
        self.ensure_one()
        return self[UI_FIELDS.workflow], self[UI_FIELDS.state]

    def _workflow_set(self, workflow, state):
        if not self:
            return
        token = ENGINE_MOVING.set(True)
        try:
            # sudo: the engine sets the state itself; users can never write these fields (see write())
            self.sudo().write({UI_FIELDS.workflow: workflow.id, UI_FIELDS.state: state.id,
                               UI_FIELDS.date: fields.Datetime.now()})
        finally:
            ENGINE_MOVING.reset(token)

    def _workflow_outgoing(self):
        self.ensure_one()
        workflow, state = self._workflow_current()
        if not state or not workflow.active:  # archived: no longer governs the model
            return self.env["fami.workflow.transition"]
        return workflow.transition_ids.filtered(lambda t: t.state_from_id == state)

    def _workflow_locked_records(self):
        # sudo: reads the state only to refuse a change; grants nothing. An archived workflow locks nothing: the
        # model is back to what it was without it, its states kept for when it is active again
        return self.sudo().filtered(lambda record: record[UI_FIELDS.state].locked
                                    and record[UI_FIELDS.workflow].active)

    def _workflow_lock_name(self):
        self.ensure_one()
        # sudo: the name of the state, for a refusal
        return self.sudo()[UI_FIELDS.state].name

    def _workflow_compute_transition_codes(self):
        """Compute of the custom field x_fami_workflow_transition_codes: the codes of the transitions the current
        user may fire now, between commas, read by the buttons of the form."""
        user = self.env.user
        for record in self:
            transitions = record._workflow_outgoing().filtered(lambda t: t._is_allowed(user))
            record[UI_FIELDS.codes] = "," + ",".join(transitions.mapped("code")) + "," if transitions else ""

    # ------------------------------------------------------------ enforcement

    @api.model_create_multi
    def create(self, vals_list):
        if not self._workflow_governed_from_ui():
            return super().create(vals_list)
        model = self
        if not ENGINE_MOVING.get():
            if any(ENGINE_FIELDS & set(vals) for vals in vals_list):
                raise UserError(self.env._("The workflow state of a new record is set by its workflow: leave Workflow "
                                           "state empty, then use the workflow buttons."))
            # defaults given in the context (an RPC caller's, a list grouped by state) would place the record in any
            # state: dropped, the record gets its workflow's initial state
            if ENGINE_DEFAULTS & set(self.env.context):
                model = self.with_env(self.env(context={key: value for key, value in self.env.context.items()
                                                        if key not in ENGINE_DEFAULTS}))
        records = super(BaseGovernedFromUi, model).create(vals_list).with_env(self.env)
        records._workflow_assign()
        return records

    def write(self, vals):
        if not self._workflow_governed_from_ui():
            return super().write(vals)
        moving = ENGINE_MOVING.get()
        if not moving:
            if ENGINE_FIELDS & set(vals):
                raise UserError(self.env._("The workflow state changes only through the workflow buttons (or "
                                           "workflow_fire): it cannot be written directly."))
            if self._workflow_locked_records():
                # rights first: the lock message names the record, which a user without access must not read
                self.check_access("write")
                self._workflow_check_editable(set(vals))
        result = super().write(vals)
        if not moving and self._workflow_may_match_now(vals):
            self._workflow_assign()
        return result

    def _workflow_may_match_now(self, vals):
        """False when writing `vals` cannot make a record match a workflow it did not match: no field its model's
        domains read changes (records that existed when a workflow was activated were given it then). Keeps the
        write of the records no workflow governs at the cost of one lookup (tests/benchmarks/ui_workflow_cost.py)."""
        names = self.env["fami.workflow"]._ui_domain_fields(self._name)
        return names is None or not names.isdisjoint(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_workflow_locked_from_ui(self):
        if not self._workflow_governed_from_ui():
            return
        # records already gone (deleted by a database cascade, e.g. a session's event) lock nothing
        locked = self.exists()._workflow_locked_records()
        if locked:
            raise UserError(self.env._(
                "%(record)s is %(state)s: it is locked and cannot be deleted.",
                record=locked[0].display_name, state=locked[0]._workflow_lock_name()))

    def unlink(self):
        if self and self._workflow_governed_from_ui():
            if not hasattr(self, "activity_schedule"):
                # sudo: the engine's own activities, which Odoo deletes with their record only on models that have
                # activities of their own
                self.env["mail.activity"].sudo().search([
                    ("res_model", "=", self._name), ("res_id", "in", self.ids),
                    ("activity_type_id", "in", self._workflow_activity_types().ids)]).unlink()
        return super().unlink()

    # ------------------------------------------------------------ public API (also on models governed by the mixin)

    def workflow_fire(self, code, comment=None):
        """Fire the transition `code` on records of a model governed from the UI: `fami.workflow.mixin`'s
        workflow_fire, run on these records."""
        self._workflow_check_governable_from_ui()
        return FamiWorkflowMixin.workflow_fire(self, code, comment)

    def action_workflow_fire(self):
        self._workflow_check_governable_from_ui()
        return FamiWorkflowMixin.action_workflow_fire(self)

    def action_workflow_open_log(self):
        self._workflow_check_governable_from_ui()
        return FamiWorkflowMixin.action_workflow_open_log(self)


def _is_engine_function(name, member):
    """A `_workflow_*` function of the engine that runs on any model: not a hook decorated for Odoo (ondelete,
    constraints), not an override calling super() (bound to the mixin's class)."""
    code = getattr(member, "__code__", None)
    return name.startswith("_workflow") and code is not None and "__class__" not in code.co_freevars \
        and not hasattr(member, "_ondelete") and not hasattr(member, "_constrains")


for _engine in (FamiWorkflowMixin, FamiWorkflowFrozenMixin):
    for _name, _member in vars(_engine).items():
        if _is_engine_function(_name, _member) and _name not in vars(BaseGovernedFromUi):
            setattr(BaseGovernedFromUi, _name, _member)
