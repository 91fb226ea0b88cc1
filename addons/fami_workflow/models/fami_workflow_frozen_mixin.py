import contextvars

from odoo import api, models
from odoo.exceptions import UserError

from ..lib.ui_governance import UI_FIELDS

# Set only inside the engine, in this process: unlike a context key, an RPC caller cannot set it. While it is set the
# engine writes its own fields (the state) on records that are locked or belong to locked records.
ENGINE_MOVING = contextvars.ContextVar("fami_workflow_engine_moving", default=False)

FROZEN_MIXIN = "fami.workflow.frozen.mixin"
# how far `_workflow_frozen_by` paths and deletion cascades are followed (a record of a record of a record...)
MAX_DEPTH = 8


class FamiWorkflowFrozenMixin(models.AbstractModel):
    """A record is frozen with everything that makes up its meaning.

    `fami.workflow.mixin` inherits this: a governed record in a locked state is frozen. A record that belongs to
    governed ones inherits it too and names, in `_workflow_frozen_by`, the fields (or paths) leading to the records
    whose lock freezes it: `_workflow_frozen_by = ("budget_id",)` for the lines of a budget,
    `("attendance_ids",)` for a participant with attendance lines (frozen when one of them is). Then:

    - a frozen record refuses write and unlink; a record is refused when it is created under, or moved into, a locked
      record; moving it out of one is a write, refused too;
    - its files (`ir.attachment`) and its chatter, except new messages, are locked with it
      (models/ir_attachment.py, models/mail_message.py);
    - a record whose deletion would cascade (many2one `ondelete="cascade"` of a model inheriting this mixin) to frozen
      records cannot be deleted.

    Only the engine (ENGINE_MOVING) writes through the lock.
    """

    _name = FROZEN_MIXIN
    _description = "Frozen with the FAMI records it belongs to"

    # fields or dotted paths leading to the records whose lock freezes this one
    _workflow_frozen_by = ()
    # see is_frozen_capable(): the other models are frozen only while a workflow governs them from the UI
    _workflow_frozen_capable = True
    # Technical fields that Odoo itself writes on frozen records (chatter, activities, attachments).
    _workflow_always_writable = frozenset({
        "message_main_attachment_id", "message_follower_ids", "message_ids", "activity_ids",
        "website_message_ids", "message_partner_ids",
    })

    # ------------------------------------------------------------ what is frozen

    def _workflow_locked_records(self):
        """The records of self locked by their own state: none here, governed models override it."""
        return self.browse()

    def _workflow_lock_name(self):
        """What locks this record, for messages (the name of its workflow state on governed models)."""
        self.ensure_one()
        return self.env._("locked")

    def _workflow_freezers(self, own=True, depth=0):
        """{id: holder} for the records of self that are frozen. The holder is the record whose own lock freezes
        it: the record itself (when `own` and its state is locked) or one reached by `_workflow_frozen_by`."""
        # sudo: reads states and the records a record belongs to, only to refuse a change; grants nothing
        records = self.sudo().with_context(active_test=False)
        holders = {record.id: record for record in records._workflow_locked_records()} if own else {}
        if depth >= MAX_DEPTH:
            return holders
        for path in self._workflow_frozen_by:
            pending = records.filtered(lambda record: record.id not in holders)
            if not pending:
                break
            parents_of = {record.id: record.mapped(path) for record in pending}
            parents = pending.mapped(path)
            parent_holders = parents._workflow_freezers(depth=depth + 1) if parents else {}
            for record_id, record_parents in parents_of.items():
                holder = next((parent_holders[parent.id] for parent in record_parents
                               if parent.id in parent_holders), None)
                if holder:
                    holders[record_id] = holder
        return holders

    @api.model
    def _workflow_frozen_document(self, documents):
        """The first (record, holder) among `documents` ((model name, id) pairs, e.g. what attachments or messages
        are attached to) that is frozen, or None. Costs nothing for models that do not inherit this mixin."""
        ids_by_model = {}
        for model_name, res_id in documents:
            if res_id and is_frozen_capable(self.env, model_name):
                ids_by_model.setdefault(model_name, set()).add(res_id)
        for model_name, ids in ids_by_model.items():
            # sudo: the caller checked the user's rights on these records; this only looks for a lock
            records = self.env[model_name].sudo().browse(sorted(ids)).exists()
            holders = records._workflow_freezers()
            if holders:
                record_id = next(iter(holders))
                return records.browse(record_id), holders[record_id]
        return None

    # ------------------------------------------------------------ enforcement

    @api.model_create_multi
    def create(self, vals_list):
        if self._workflow_frozen_by and not ENGINE_MOVING.get():
            for vals in vals_list:  # before creating: a caller catching the refusal keeps nothing
                holder = self._workflow_holder_of_values(vals)[0]
                if holder:
                    raise self._workflow_adding_refusal(self._workflow_new_record_name(vals), holder)
        records = super().create(vals_list)
        if self._workflow_frozen_by and not ENGINE_MOVING.get():  # e.g. a parent given by a context default
            records._workflow_refuse_adding(records._workflow_freezers(own=False))
        return records

    def write(self, vals):
        if not self._workflow_frozen_by or ENGINE_MOVING.get() or not set(vals) - self._workflow_always_writable:
            return super().write(vals)
        # rights first: the refusal names the record and what it belongs to
        self.check_access("write")
        holders = self._workflow_freezers(own=False)
        if holders:
            record_id = next(iter(holders))
            holder = holders[record_id]
            raise UserError(self.env._(
                "%(record)s is locked: %(holder)s is %(state)s, and what belongs to it is locked with it. Ask a "
                "manager to move %(holder)s back to an editable state if a correction is needed.",
                record=self.browse(record_id).display_name, holder=holder.display_name,
                state=holder._workflow_lock_name()))
        holder, check_after = self._workflow_holder_of_values(vals)
        if holder:  # moved into a locked record
            raise self._workflow_adding_refusal(self[:1].display_name, holder)
        result = super().write(vals)
        if check_after:
            self._workflow_refuse_adding(self._workflow_freezers(own=False))
        return result

    def _workflow_holder_of_values(self, vals):
        """(holder, check_after): the locked record that a many2one of `_workflow_frozen_by` in `vals` points to
        (directly or down its path), and whether another kind of field of a path is in `vals` (then the records
        are checked once written)."""
        check_after = False
        for path in self._workflow_frozen_by:
            name, _dot, rest = path.partition(".")
            if name not in vals:
                continue
            field = self._fields[name]
            if field.type != "many2one":
                check_after = True
                continue
            value = vals[name]
            # sudo: only reads what the record would belong to, to refuse the move; grants nothing
            targets = self.env[field.comodel_name].sudo().browse(value.id if isinstance(value, models.BaseModel)
                                                                 else value or [])
            targets = targets.mapped(rest) if rest and targets else targets
            holders = targets._workflow_freezers() if targets else {}
            if holders:
                return next(iter(holders.values())), check_after
        return None, check_after

    def _workflow_new_record_name(self, vals):
        name = vals.get(self._rec_name) if self._rec_name else None
        # sudo: the translated name of the model, for the refusal
        return name if isinstance(name, str) and name else self.env["ir.model"].sudo()._get(self._name).name

    def _workflow_refuse_adding(self, holders):
        if holders:
            record_id = next(iter(holders))
            # sudo: the record the user is creating or moving; its name is theirs to read
            raise self._workflow_adding_refusal(self.browse(record_id).sudo().display_name, holders[record_id])

    def _workflow_adding_refusal(self, record_name, holder):
        return UserError(self.env._(
            "%(record)s cannot be added to %(holder)s: %(holder)s is %(state)s, and what belongs to it is locked "
            "with it. Ask a manager to move %(holder)s back to an editable state if a correction is needed.",
            record=record_name, holder=holder.display_name, state=holder._workflow_lock_name()))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_workflow_frozen(self):
        holders = self._workflow_freezers(own=False) if self._workflow_frozen_by else {}
        if holders:
            record_id = next(iter(holders))
            holder = holders[record_id]
            raise UserError(self.env._(
                "%(record)s cannot be deleted: %(holder)s is %(state)s, and what belongs to it is locked with it. Ask "
                "a manager to move %(holder)s back to an editable state if a correction is needed.",
                # sudo: the user is deleting this record; its name is theirs to read
                record=self.browse(record_id).sudo().display_name, holder=holder.display_name,
                state=holder._workflow_lock_name()))
        self._workflow_refuse_cascading_to_frozen()

    def _workflow_cascade_fields(self):
        """(model, field) of the many2one fields with ondelete="cascade" that point at this model from models
        inheriting the mixin: what deleting a record of this model deletes with it."""
        return [(name, field.name) for name in self.pool.descendants([FROZEN_MIXIN], "_inherit")
                if not self.env[name]._abstract and not self.env[name]._transient
                for field in self.env[name]._fields.values()
                if field.type == "many2one" and field.store and field.ondelete == "cascade"
                and field.comodel_name == self._name]

    def _workflow_refuse_cascading_to_frozen(self):
        """Deleting a record that is not locked itself must not delete frozen records with it (a course with
        approved sessions, a participant with lines in an approved register), level by level down the cascade."""
        # (records at this level of the cascade, {their id: the record being deleted that takes them with it})
        level = [(self, {record.id: record for record in self})]
        for _depth in range(MAX_DEPTH):
            next_level = []
            for records, origin_of in level:
                for model_name, field_name in records._workflow_cascade_fields():
                    # sudo: finds what the deletion would take with it, readable by the user or not; only refuses
                    children = self.env[model_name].sudo().with_context(active_test=False).search(
                        [(field_name, "in", records.ids)])
                    if not children:
                        continue
                    origin_of_child = {child.id: origin_of[child[field_name].id] for child in children}
                    holders = children._workflow_freezers()
                    if holders:
                        child_id = next(iter(holders))
                        holder = holders[child_id]
                        raise UserError(self.env._(
                            "%(record)s cannot be deleted: its deletion would also delete %(locked)s, and %(holder)s "
                            "is %(state)s. Ask a manager to move %(holder)s back to an editable state first, or keep "
                            "%(record)s.",
                            # sudo: the user is deleting this record; its name is theirs to read
                            record=origin_of_child[child_id].sudo().display_name,
                            locked=children.browse(child_id).display_name, holder=holder.display_name,
                            state=holder._workflow_lock_name()))
                    next_level.append((children, origin_of_child))
            if not next_level:
                return
            level = next_level


def is_frozen_capable(env, model_name):
    """True for the models that inherit the frozen mixin (every model the suite governs) and those an active workflow
    governs from the UI (models/base_ui_governed.py): one lookup in the registry for the others, so guards on shared
    models (attachments, messages) cost nothing for them."""
    model = env.registry.get(model_name) if model_name else None
    if model is None:
        return False
    return model._workflow_frozen_capable or (
        UI_FIELDS.state in model._fields and model_name in env["fami.workflow"]._ui_governed_models())


def refuse_frozen_documents(env, documents, kind, check_rights):
    """Refuse a change to the files (`kind` "files") or messages ("messages") that belong to `documents`, pairs of
    (model, res_id), when one of them is frozen. check_rights() runs first: the refusal names the record."""
    documents = {(model, res_id) for model, res_id in documents if is_frozen_capable(env, model)}
    if not documents:
        return
    check_rights()
    frozen = env[FROZEN_MIXIN]._workflow_frozen_document(documents)
    if frozen:
        raise frozen_document_refusal(env, kind, *frozen)


def frozen_document_refusal(env, kind, record, holder):
    """The translated refusal for a change to the files (`kind` "files") or messages of a frozen record."""
    if kind == "files":
        return UserError(env._(
            "The files of %(record)s are locked: %(holder)s is %(state)s. They cannot be added, replaced or deleted; "
            "ask a manager to move %(holder)s back to an editable state if a correction is needed.",
            record=record.display_name, holder=holder.display_name, state=holder._workflow_lock_name()))
    return UserError(env._(
        "The messages of %(record)s are locked: %(holder)s is %(state)s. A new message can be posted, but the "
        "messages already there (notes, tracked changes) cannot be changed or deleted; ask a manager to move "
        "%(holder)s back to an editable state if a correction is needed.",
        record=record.display_name, holder=holder.display_name, state=holder._workflow_lock_name()))
