from datetime import timedelta

import psycopg2
from lxml import etree
from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# `workflow_state_id` changes only through workflow_fire(): the flag is set by the engine alone
from .fami_workflow_frozen_mixin import ENGINE_MOVING as _ENGINE_MOVING


class FamiWorkflowMixin(models.AbstractModel):
    """Inherit this to put a model under a `fami.workflow`.

    `_inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]` is all a model needs: records get
    the workflow whose domain they match when created, the form shows one button per transition the user may fire,
    and records in a locked state refuse write and unlink, with their files, chatter and the records that belong to
    them (fami.workflow.frozen.mixin). Override `_workflow_after_move` for model effects.
    """

    _name = "fami.workflow.mixin"
    _description = "Governed by a FAMI workflow"
    # the engine stamps the moment of each move: not a date users enter (see fami_workflow/lib/bounds.py)
    _fami_bounds = {"workflow_state_date": None}
    _inherit = ["fami.workflow.frozen.mixin"]

    workflow_id = fields.Many2one("fami.workflow", readonly=True, copy=False, index=True,
                                  ondelete="restrict")
    # the domain keeps the status bar of a form to the states of the record's own workflow
    workflow_state_id = fields.Many2one(
        "fami.workflow.state", string="Workflow state", readonly=True, copy=False, index=True, tracking=True,
        ondelete="restrict", group_expand="_read_group_workflow_state_ids",
        domain="[('workflow_id', '=', workflow_id)]")
    workflow_state_code = fields.Char(related="workflow_state_id.code", store=True, index=True,
                                      string="Workflow state code")
    workflow_state_date = fields.Datetime(string="In this state since", readonly=True, copy=False)
    workflow_locked = fields.Boolean(related="workflow_state_id.locked", string="Locked")
    workflow_transition_codes = fields.Char(
        compute="_compute_workflow_transition_codes",
        help="Codes of the transitions the current user may fire now, between commas.")
    workflow_log_ids = fields.One2many("fami.workflow.log", "res_id", string="Workflow log",
                                       domain=lambda self: [("res_model", "=", self._name)])
    workflow_log_count = fields.Integer(compute="_compute_workflow_log_count", string="Workflow moves")

    def _valid_field_parameter(self, field, name):
        # workflow_state_id is tracked on models with a chatter; others (e.g. timesheet lines) just ignore it
        return name == "tracking" or super()._valid_field_parameter(field, name)

    # ------------------------------------------------------------ computes

    @api.depends("workflow_state_id")
    @api.depends_context("uid")
    def _compute_workflow_transition_codes(self):
        user = self.env.user
        for record in self:
            transitions = record._workflow_outgoing().filtered(lambda t: t._is_allowed(user))
            record.workflow_transition_codes = "," + ",".join(transitions.mapped("code")) + "," \
                if transitions else ""

    def _compute_workflow_log_count(self):
        counts = dict(self.env["fami.workflow.log"]._read_group(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)], ["res_id"], ["__count"]))
        for record in self:
            record.workflow_log_count = counts.get(record.id, 0)

    @api.model
    def _read_group_workflow_state_ids(self, states, domain):
        """Kanban columns: every state of the workflows that govern the records shown (e.g. only those of the
        workflow for large expenses when the view is filtered to them), else of the model's active workflows."""
        governing = [workflow.id for [workflow] in self._read_group(domain, ["workflow_id"]) if workflow]
        workflow_domain = [("workflow_id", "in", governing)] if governing else \
            [("workflow_id.model", "=", self._name), ("workflow_id.active", "=", True)]
        return self.env["fami.workflow.state"].search(workflow_domain)

    def _workflow_locked_records(self):
        # sudo: reads the state only to refuse a change; grants nothing
        return self.sudo().filtered(lambda record: record.workflow_state_id.locked)

    def _workflow_lock_name(self):
        self.ensure_one()
        # sudo: the name of the state, for a refusal
        return self.sudo().workflow_state_id.name

    def _workflow_current(self):
        """(workflow, state) of the record. The engine's `_workflow_*` functions read them through this and the two
        above, and write them through _workflow_set(): models governed from the UI keep them in custom fields and
        share these functions (models/base_ui_governed.py)."""
        self.ensure_one()
        return self.workflow_id, self.workflow_state_id

    def _workflow_outgoing(self):
        self.ensure_one()
        if not self.workflow_state_id or not self.workflow_id.active:  # archived: being redesigned, frozen
            return self.env["fami.workflow.transition"]
        return self.workflow_id.transition_ids.filtered(lambda t: t.state_from_id == self.workflow_state_id)

    # ------------------------------------------------------------ assignment

    @api.model_create_multi
    def create(self, vals_list):
        if not _ENGINE_MOVING.get() and any("workflow_state_id" in vals or "workflow_id" in vals
                                            for vals in vals_list):
            raise UserError(self.env._("The workflow state of a new record is set by its workflow: leave Workflow "
                                       "state empty, then use the workflow buttons."))
        model = self
        # context defaults (an RPC caller's, or the column of a kanban grouped by state) would otherwise place the
        # record in any state: they are dropped, and the record gets its workflow's initial state
        engine_defaults = {"default_workflow_id", "default_workflow_state_id", "default_workflow_state_date"}
        if not _ENGINE_MOVING.get() and engine_defaults & set(self.env.context):
            model = self.with_env(self.env(context={key: value for key, value in self.env.context.items()
                                                    if key not in engine_defaults}))
        records = super(FamiWorkflowMixin, model).create(vals_list).with_env(self.env)
        records._workflow_assign()
        return records

    def _workflow_assign(self):
        """Give records that no workflow governs yet the first matching active workflow and its initial state."""
        pending = self.filtered(lambda record: not record._workflow_current()[0])
        if not pending:
            return
        # sudo: workflow definitions are configuration every governed record needs, whoever creates it
        workflows = self.env["fami.workflow"].sudo().browse(self.env["fami.workflow"]._active_workflow_ids(self._name))
        for workflow in workflows:
            initial = workflow.state_ids.filtered("is_initial")[:1]
            # sudo: the workflow's domain may name fields the creating user cannot read; only selects the workflow
            matching = pending.sudo().filtered_domain(workflow._get_domain()) if initial else pending.browse()
            matching._workflow_set(workflow, initial)
            pending -= matching

    def _workflow_set(self, workflow, state):
        if not self:
            return
        token = _ENGINE_MOVING.set(True)
        try:
            # sudo: the engine sets the initial state itself; users can never write these fields (see write())
            self.sudo().write({"workflow_id": workflow.id, "workflow_state_id": state.id,
                               "workflow_state_date": fields.Datetime.now()})
        finally:
            _ENGINE_MOVING.reset(token)

    # ------------------------------------------------------------ enforcement

    def write(self, vals):
        if not _ENGINE_MOVING.get():
            if {"workflow_state_id", "workflow_id", "workflow_state_date"} & set(vals):
                raise UserError(self.env._("The workflow state changes only through the workflow buttons (or "
                                           "workflow_fire): it cannot be written directly."))
            # rights first: the lock message names the record, which a user of another organisation must not read
            self.check_access("write")
            self._workflow_check_editable(set(vals))
        result = super().write(vals)
        if not _ENGINE_MOVING.get():
            self._workflow_assign()
        return result

    def _workflow_check_editable(self, field_names):
        changed = field_names - self._workflow_always_writable
        if not changed:
            return
        # reads the state and its editable fields (as superuser) only to refuse a change; grants nothing
        for record in self._workflow_locked_records():
            state = record._workflow_current()[1]
            refused = changed - set(state.editable_field_ids.mapped("name"))
            if refused:
                labels = ", ".join(sorted(self._fields[name].get_description(self.env)["string"]
                                          for name in refused if name in self._fields))
                raise UserError(self.env._(
                    "%(record)s is %(state)s: it is locked and can no longer be changed (%(fields)s). Ask a manager "
                    "to move it back to an editable state if a correction is needed.",
                    record=record.display_name, state=state.name, fields=labels))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_workflow_locked(self):
        # sudo: reads the state only to refuse deleting a locked record; grants nothing
        locked = self.sudo().filtered(lambda r: r.workflow_state_id.locked)
        if locked:
            raise UserError(self.env._(
                "%(record)s is %(state)s: it is locked and cannot be deleted.",
                record=locked[0].display_name, state=locked[0].workflow_state_id.name))

    # ------------------------------------------------------------ the engine

    def workflow_fire(self, code, comment=None):
        """Fire the transition `code` from each record's current state, after checking who may, the condition,
        the required fields, the comment and the number of distinct approvers. Returns True when every record
        moved, False when some only recorded an approval and wait for more.

        Records that share a transition move together: one row lock, one write and one batch of log lines, so
        approving a thousand timesheet lines costs a handful of queries per line, not a round of the engine each.
        """
        if not self:
            return True
        # moving a record changes it: only users allowed to change it (ACL and their organisation's rules) may
        self.check_access("write")
        self._workflow_lock_rows()
        self.invalidate_recordset()
        moved = True
        user = self.env.user
        for transition, records in self._workflow_transitions(code).items():
            if not transition._is_allowed(user):
                raise AccessError(self.env._(
                    "You are not allowed to %(action)s %(record)s: ask a user of the group(s) %(groups)s.",
                    action=transition.name, record=records[0].display_name,
                    groups=", ".join(transition.group_ids.mapped("full_name")) or self.env._("named in the workflow")))
            records._workflow_check_separation(transition)
            for record in records:
                record._workflow_check_transition(transition, comment)
            if transition.approvals_required > 1:
                # sudo: approvals are engine records; the user's right to fire was checked above (_is_allowed)
                ready = records.browse([record.id for record in records.sudo()
                                        if record._workflow_add_approval(transition, comment)])
                moved = moved and ready == records
                records = ready
            if records:
                # sudo: right to fire, condition, fields and comment were checked above; the move writes engine fields
                records.sudo()._workflow_move(transition, comment)
        return moved

    def _workflow_transitions(self, code):
        """{transition: records} for the transition `code` out of each record's current state."""
        ids_by_transition = {}
        # sudo: only reads states and transitions to group the records; workflow_fire checks the user's right
        for record in self.sudo():
            workflow, state = record._workflow_current()
            if not workflow:
                raise UserError(self.env._("%(record)s is not governed by any workflow.", record=record.display_name))
            if not workflow.active:
                raise UserError(self.env._(
                    "The workflow %(workflow)s of %(record)s is archived while it is redesigned: the record can "
                    "move again once a workflow designer reactivates it.", workflow=workflow.name,
                    record=record.display_name))
            transition = record._workflow_outgoing().filtered(lambda t: t.code == code)[:1]
            if not transition:
                raise UserError(self.env._(
                    "The action %(code)s is not available for %(record)s in the state %(state)s. Reload the "
                    "record: somebody may have moved it meanwhile.", code=code, record=record.display_name,
                    state=state.name))
            ids_by_transition.setdefault(transition, []).append(record.id)
        return {transition: self.browse(ids) for transition, ids in ids_by_transition.items()}

    def _workflow_lock_rows(self):
        """Serialise concurrent moves of the same records: the second of two simultaneous approvals is refused."""
        try:
            with self.env.cr.savepoint(flush=False):  # a refused lock must not abort the whole transaction
                self.env.cr.execute(SQL("SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                                        SQL.identifier(self._table), tuple(self.ids)))
        except psycopg2.errors.LockNotAvailable:
            raise UserError(self.env._("%(record)s is being moved by another user right now: reload it and try again.",
                                       record=self[:1].display_name)) from None

    def _workflow_separation_logs(self, transition):
        """{record id: the log line of the latest firing, on that record, of the transitions `transition` is kept
        apart from (separate_from_ids)}: who fired it and who approved it may not fire `transition`."""
        if not transition.separate_from_ids or not self.ids:
            return {}
        # sudo: the audit trail says who fired the earlier step; only the users are compared, nothing is shown
        logs = self.env["fami.workflow.log"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("transition_id", "in", transition.separate_from_ids.ids)], order="id desc")
        latest = {}
        for log in logs:
            latest.setdefault(log.res_id, log)
        return latest

    def _workflow_check_separation(self, transition):
        """Separation of duties (four eyes), configured per transition in the workflow (Not by whoever fired):
        whoever fired, or approved, the latest of the earlier steps on a record may not fire this one on it.

        The check is on the person (the user id), not on the rights: a user's code running in sudo() is still
        that user and is refused. Only the superuser (OdooBot, uid 1) is let through: it is no person, it is who
        loads data files and runs the scheduled jobs (crons run as it), which must be able to move records."""
        if self.env.uid == SUPERUSER_ID:
            return
        for record_id, log in self._workflow_separation_logs(transition).items():
            if self.env.user in log.user_id | log.approver_ids:
                # the log line was read as superuser (_workflow_separation_logs); only names are shown
                earlier = log.transition_id.name or log.transition_name
                groups = ", ".join(transition.group_ids.mapped("name"))
                raise UserError(self.env._(
                    "Four eyes: you did “%(earlier)s” on %(record)s yourself, so you cannot also do “%(action)s”. "
                    "A colleague must do “%(action)s” (another user of %(groups)s).",
                    earlier=earlier, record=self.browse(record_id).display_name, action=transition.name,
                    groups=groups or self.env._("the users allowed by the workflow")))

    def _workflow_check_transition(self, transition, comment):
        # sudo: the condition may name fields the approver cannot read; this only refuses, it writes nothing
        record = self.sudo()
        if not record.filtered_domain(transition._get_domain()):
            raise UserError(self.env._(
                "%(record)s does not meet the condition of %(action)s (%(domain)s): complete the record first.",
                record=record.display_name, action=transition.name, domain=transition.domain))
        missing = [field for field in transition.required_field_ids
                   if field.name in record._fields and not record[field.name]]
        if missing:
            raise UserError(self.env._(
                "Fill in %(fields)s before %(action)s.",
                fields=", ".join(field.field_description for field in missing), action=transition.name))
        if transition.comment_required and not (comment or "").strip():
            raise UserError(self.env._("%(action)s needs a comment: write the reason in the Comment field.",
                                       action=transition.name))

    def _workflow_add_approval(self, transition, comment):
        """Record this user's approval; True once enough distinct users approved."""
        # sudo: approvals are written by the engine only, after the _is_allowed check in workflow_fire
        approvals = self.env["fami.workflow.approval"].sudo()
        domain = [("transition_id", "=", transition.id), ("res_model", "=", self._name), ("res_id", "=", self.id)]
        if approvals.search_count(domain + [("user_id", "=", self.env.uid)]):
            raise UserError(self.env._(
                "You have already approved %(record)s: %(action)s needs %(count)s different approvers.",
                record=self.display_name, action=transition.name, count=transition.approvals_required))
        approvals.create({"transition_id": transition.id, "res_model": self._name, "res_id": self.id,
                          "user_id": self.env.uid, "comment": comment})
        given = approvals.search_count(domain)
        if given < transition.approvals_required:
            self._workflow_post(Markup("%s<br/>%s") % (
                self.env._("Approval %(given)s of %(count)s for %(action)s by %(user)s.", given=given,
                           count=transition.approvals_required, action=transition.name, user=self.env.user.name),
                comment or ""))
            return False
        return True

    def _workflow_move(self, transition, comment):
        """Move records that all sit in transition.state_from_id: one write, one batch of log lines."""
        state_from = transition.state_from_id
        # sudo: the engine collects the approvals of the records it moves; users have no access to them. Every
        # approval given in the state they leave is void afterwards (e.g. one of two approvals, then a rejection:
        # the record resubmitted needs two approvals again)
        approvals = self.env["fami.workflow.approval"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids)])
        approvers_of = {res_id: found.user_id for res_id, found in approvals.filtered(
            lambda approval: approval.transition_id == transition).grouped("res_id").items()}
        self._workflow_set(transition.workflow_id, transition.state_to_id)
        # sudo: the audit log is written by the engine only; users read it, nobody rewrites it
        self.env["fami.workflow.log"].sudo().create([{
            "res_model": self._name, "res_id": record.id, "record_name": record.display_name,
            "workflow_id": transition.workflow_id.id, "transition_id": transition.id,
            "transition_name": transition.name,
            "state_from_id": state_from.id, "state_to_id": transition.state_to_id.id, "comment": comment,
            "approver_ids": [(6, 0, (approvers_of.get(record.id, self.env.user) | self.env.user).ids)],
        } for record in self])
        approvals.unlink()
        body = Markup("%s%s") % (
            self.env._("%(action)s: %(from)s → %(to)s", action=transition.name, **{"from": state_from.name},
                       to=transition.state_to_id.name),
            Markup("<br/>%s") % comment if comment else "")
        self._workflow_post(body)
        self._workflow_close_activities()
        if transition.notify and hasattr(self, "message_subscribe"):  # no chatter: Odoo cannot notify an activity
            next_transitions = self[:1]._workflow_outgoing()  # the moved records share a workflow and a state
            activity_type = self.env.ref("fami_workflow.mail_activity_type_workflow_approval")
            for record in self:
                # each approver reads the summary in their own language, with the names of the transitions in it
                record._workflow_schedule_activities(
                    record._workflow_approvers(next_transitions), activity_type,
                    lambda moved, transitions=next_transitions: moved._workflow_approval_summary(transitions),
                    deadline_days=transition.activity_deadline_days)
        for action in transition.server_action_ids:
            for record in self:
                action.with_context(active_model=self._name, active_id=record.id, active_ids=record.ids).run()
        self._workflow_after_move(transition)

    def _workflow_after_move(self, transition):
        """Hook for governed models: effects of entering `transition.state_to_id` (no-op by default). `self` may
        hold several records that moved together."""

    # ------------------------------------------------------------ chatter and activities

    def _workflow_post(self, body):
        """The same note on each record, logged in one batch; notes notify nobody (approvers get activities)."""
        if hasattr(self, "_message_log_batch"):
            self._message_log_batch(bodies=dict.fromkeys(self.ids, body))

    def _workflow_activity_types(self):
        return (self.env.ref("fami_workflow.mail_activity_type_workflow_approval")
                | self.env.ref("fami_workflow.mail_activity_type_workflow_reminder"))

    def _workflow_own_activities(self, activity_types=None):
        """The engine's open activities (of `activity_types`, by default all its types) on these records, found by
        model and id: a model with a chatter but no activities of its own (a calendar event) gets them too."""
        if not self or not hasattr(self, "message_subscribe"):  # no chatter: Odoo cannot notify an activity
            return self.env["mail.activity"]
        # sudo: the engine's own activities, whoever they are assigned to; only the engine closes them
        return self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("activity_type_id", "in", (activity_types or self._workflow_activity_types()).ids)])

    def _workflow_close_activities(self):
        activities = self._workflow_own_activities()
        if activities:
            activities.action_feedback(
                feedback=self.env._("Moved to %(state)s", state=self[:1]._workflow_current()[1].name))

    def _workflow_schedule_activities(self, users, activity_type, summary, deadline_days=0):
        """One open activity per user and type: running it again (e.g. the reminder cron) adds none. Found and
        created by model and id, as mail.activity.mixin does: models governed from the UI may have a chatter but no
        activities of their own (calendar events)."""
        if not users or not hasattr(self, "message_subscribe") or self.env.context.get("mail_activity_automation_skip"):
            return
        existing = self._workflow_own_activities(activity_type)  # to avoid scheduling duplicates
        model_id = self.env["ir.model"]._get_id(self._name)
        for user in users - existing.user_id:
            # `summary` is a text, or a function of the record writing it in the language of the record's
            # environment: each user reads it in their own language
            records = self.with_context(lang=user.lang or self.env.lang)
            note_type = activity_type.with_context(lang=user.lang or self.env.lang)
            # sudo: the approvers to notify are other users; only the engine's activity types are scheduled
            # what mail.activity.mixin's activity_schedule() does, for models without it (calendar events)
            self.env["mail.activity"].sudo().create([{
                "activity_type_id": activity_type.id, "automated": True, "note": note_type.default_note,
                "summary": summary(record) if callable(summary) else summary, "user_id": user.id,
                "date_deadline": fields.Date.context_today(self) + timedelta(days=deadline_days),
                "res_model_id": model_id, "res_id": record.id} for record in records])

    def _workflow_approval_summary(self, transitions):
        """The summary of the approval activity, in the language of the record's environment (the approver's)."""
        self.ensure_one()
        return self.env._("%(record)s waits for you: %(actions)s", record=self.display_name,
                          actions=", ".join(transitions.with_env(self.env).mapped("name")))

    def _workflow_reminder_summary(self, state):
        """The summary of the reminder activity, in the language of the record's environment (the approver's)."""
        self.ensure_one()
        return self.env._("%(record)s has waited in %(state)s longer than %(days)s days",
                          record=self.display_name, state=state.with_env(self.env).name, days=state.deadline_days)

    def _workflow_approvers(self, transitions):
        """Who is asked (with an activity) to fire one of `transitions` on this record: the users allowed to, who
        may read the record and whom separation of duties does not bar (who sent it is not asked to approve it).
        The database's generic accounts (OdooBot, admin) are asked only when nobody else may. Addons narrow it to
        the people of the record's organisation (fami_partners)."""
        self.ensure_one()
        users = transitions._get_approver_users()
        for transition in transitions:
            log = self._workflow_separation_logs(transition).get(self.id)
            if log:
                users -= log.user_id | log.approver_ids
        users = users.filtered(lambda user: self.with_user(user).has_access("read"))
        # the generic accounts of the database are nobody's colleague: asked only when no one else may
        generic = self.env.ref("base.user_root") | self.env.ref("base.user_admin", raise_if_not_found=False)
        return (users - generic) or users

    # ------------------------------------------------------------ UI

    def action_workflow_fire(self):
        """Button handler: the transition code comes in the button's context."""
        code = self.env.context.get("workflow_transition_code")
        transition = self[:1]._workflow_outgoing().filtered(lambda t: t.code == code)[:1]
        if transition.comment_required:
            return {
                "type": "ir.actions.act_window", "res_model": "fami.workflow.comment.wizard", "view_mode": "form",
                "target": "new", "name": transition.name,
                "context": {"default_res_model": self._name, "default_res_ids": str(self.ids),
                            "default_transition_code": code},
            }
        self.workflow_fire(code)
        return True

    def action_workflow_open_log(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "fami.workflow.log", "name": self.env._("Workflow log"),
                "view_mode": "list,form", "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)]}

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            self._workflow_inject_buttons(arch)
        elif view_type == "list" and arch.tag == "list":
            self._workflow_inject_list_buttons(arch)
        return arch, view

    def _get_view_cache_key(self, view_id=None, view_type="form", **options):
        key = super()._get_view_cache_key(view_id, view_type, **options)
        # list buttons are those the user may fire, so each user gets a list view of their own
        return key + (self.env.uid,) if view_type == "list" else key

    def _workflow_button_transitions(self):
        """The first active transition of each code on this model: one button per code."""
        # sudo: buttons are built from every transition; each is shown only to the users allowed to fire it
        transitions = self.env["fami.workflow.transition"].sudo().search(
            [("workflow_id.model", "=", self._name), ("workflow_id.active", "=", True)])
        by_code = {}
        for transition in transitions:
            by_code.setdefault(transition.code, transition)
        return list(by_code.values())

    def _workflow_inject_list_buttons(self, arch):
        """Records selected in a list move together (e.g. a month of mediation hours approved at once): one header
        button per transition code the user may fire; records in another state make the whole move refused."""
        header = arch.find("header")
        if header is None:
            header = etree.Element("header")
            arch.insert(0, header)
        for transition in self._workflow_button_transitions():
            if transition._is_allowed(self.env.user):
                header.append(etree.Element("button", {
                    "name": "action_workflow_fire", "type": "object", "string": transition.name,
                    "context": repr({"workflow_transition_code": transition.code}),
                    "data-workflow-transition": transition.code}))

    def _workflow_inject_buttons(self, arch):
        """One button per transition code of the model's workflows, shown only when the current user may fire
        it from the record's current state; the arch is rebuilt whenever a definition changes."""
        form = arch if arch.tag == "form" else arch.find(".//form")
        if form is None:
            return
        header = form.find("header")
        if header is None:
            header = etree.Element("header")
            form.insert(0, header)
        for position, transition in enumerate(self._workflow_button_transitions()):
            button = etree.Element("button", {
                "name": "action_workflow_fire", "type": "object", "string": transition.name,
                "class": f"btn-{transition.button_type}",
                "context": repr({"workflow_transition_code": transition.code}),
                "invisible": f"',{transition.code},' not in (workflow_transition_codes or '')",
                "data-workflow-transition": transition.code,
            })
            header.insert(position, button)
        for name in ("workflow_transition_codes", "workflow_id"):
            if form.find(f".//field[@name='{name}']") is None:
                header.append(etree.Element("field", {"name": name, "invisible": "1"}))
        if form.find(".//field[@name='workflow_state_id']") is None:
            header.append(etree.Element("field", {"name": "workflow_state_id", "widget": "statusbar",
                                                  "invisible": "not workflow_id"}))
        header.append(etree.Element("button", {
            "name": "action_workflow_open_log", "type": "object", "string": self.env._("Workflow log"),
            "class": "btn-secondary", "icon": "fa-history", "invisible": "not workflow_id"}))
