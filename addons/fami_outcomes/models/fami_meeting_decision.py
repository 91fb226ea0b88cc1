from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.fami_workflow.models.fami_workflow_frozen_mixin import FamiWorkflowFrozenMixin

# what the owner of a decision, and anybody once the minutes are approved, may still change: its follow-up
FOLLOW_UP_FIELDS = frozenset({"state", "date_done", "follow_up"})


class FamiMeetingDecision(models.Model):
    """A decision taken at a meeting, with its owner and deadline, followed up as a to-do activity of the owner.
    It is part of the minutes: once they are approved its text, owner and deadline are locked with the meeting
    (fami.workflow.frozen.mixin), while its follow-up (state, date done, notes) stays open until it is done."""

    _name = "fami.meeting.decision"
    _description = "Decision of a governance meeting"
    _inherit = ["fami.workflow.frozen.mixin", "mail.thread", "mail.activity.mixin"]
    _workflow_frozen_by = ("meeting_id",)
    _workflow_always_writable = FamiWorkflowFrozenMixin._workflow_always_writable | FOLLOW_UP_FIELDS
    _order = "deadline, id"

    meeting_id = fields.Many2one("fami.meeting", required=True, index=True, ondelete="cascade")
    project_id = fields.Many2one(related="meeting_id.project_id", store=True, index=True)
    meeting_date = fields.Datetime(related="meeting_id.date_start", string="Meeting date")
    name = fields.Text(string="Decision", required=True)
    owner_id = fields.Many2one("res.users", required=True, index=True,
                               domain=lambda self: [("groups_id", "in", self._fami_users().id)],
                               help="Who carries the decision out; a to-do activity reminds them of the deadline.")
    deadline = fields.Date(required=True, index=True)
    state = fields.Selection([("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")], required=True,
                             default="open", tracking=True, index=True)
    date_done = fields.Date(string="Done on")
    follow_up = fields.Text(string="Follow-up notes")
    is_late = fields.Boolean(string="Late", compute="_compute_is_late", search="_search_is_late")

    @api.depends("deadline", "state")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for decision in self:
            decision.is_late = decision.state == "open" and decision.deadline and decision.deadline < today

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Late can only be searched as true or false."))
        late = [("state", "=", "open"), ("deadline", "<", fields.Date.context_today(self))]
        return late if (operator == "=") == value else ["!", "&", *late]

    def _fami_users(self):
        return self.env.ref("fami_partners.group_fami_user")

    @api.constrains("owner_id")
    def _check_owner(self):
        fami_users = self._fami_users()
        for decision in self:
            # sudo: the owner's groups decide, whatever the user may read of users
            if fami_users not in decision.owner_id.sudo().groups_id:
                raise ValidationError(self.env._(
                    "%(user)s is not a FAMI user and could not follow the decision up: choose an Owner among the "
                    "users of the project.", user=decision.owner_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        # a decision is part of its meeting's minutes: only who may change the meeting adds one (an owner named in
        # it would otherwise pass the record rule)
        self.env["fami.meeting"].browse({vals.get("meeting_id") for vals in vals_list if vals.get("meeting_id")}) \
            .check_access("write")
        decisions = super().create(vals_list)
        decisions._schedule_follow_up()
        return decisions

    def write(self, vals):
        if set(vals) - self._workflow_always_writable:
            # rights first: the refusal names the decision, which a user of another organisation must not read
            self.check_access("write")
            self._check_meeting_writable()
        result = super().write(vals)
        if {"owner_id", "deadline", "name"} & set(vals):
            self._schedule_follow_up()
        if vals.get("state") in ("done", "cancelled"):
            self._close_follow_up(vals["state"])
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_with_the_meeting(self):
        self._check_meeting_writable()

    def _check_meeting_writable(self):
        """The owner of a decision reports on it (state, date done, notes); the decision itself is written or deleted
        only by who may change its meeting: the staff of the organisation that convened it, or managers."""
        if self.env.su:
            return
        # sudo: the meetings of the decisions the user is changing, to ask whether the user may change them
        meetings = self.sudo().meeting_id.with_env(self.env)
        foreign = meetings - meetings._filtered_access("write")
        if foreign:
            decision = self.filtered(lambda d: d.meeting_id in foreign)[:1]
            # sudo: the name of the organisation to ask, for the refusal only
            convener = decision.sudo().meeting_id.organisation_id.name or "-"
            raise AccessError(self.env._(
                "You may report on the decision %(decision)s (state, date done, follow-up notes) but not change or "
                "delete it: ask the staff of %(organisation)s, which convened the meeting.",
                decision=decision.name, organisation=convener))

    # ------------------------------------------------------------ follow-up activities

    def _follow_up_activity_type(self):
        return self.env.ref("mail.mail_activity_data_todo")

    def _schedule_follow_up(self):
        """One to-do activity for the owner, due on the deadline; moved when the owner or the deadline changes."""
        activity_type = self._follow_up_activity_type()
        for decision in self.filtered(lambda d: d.state == "open"):
            current = decision.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            if current.user_id == decision.owner_id and current.date_deadline == decision.deadline \
                    and len(current) == 1:
                continue
            current.unlink()
            decision.activity_schedule(
                activity_type_id=activity_type.id, date_deadline=decision.deadline, user_id=decision.owner_id.id,
                summary=self.env._("Decision of %(meeting)s", meeting=decision.meeting_id.name),
                note=decision.name)

    def _close_follow_up(self, state):
        activities = self.activity_ids.filtered(lambda a: a.activity_type_id == self._follow_up_activity_type())
        if state == "done":
            for decision in self.filtered(lambda d: not d.date_done):
                decision.date_done = fields.Date.context_today(decision)
            activities.action_feedback(feedback=self.env._("Decision carried out."))
        else:
            activities.unlink()

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_reopen(self):
        self.write({"state": "open", "date_done": False})
        self._schedule_follow_up()
