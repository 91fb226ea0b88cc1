from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from ..lib import bounds


class FamiWorkflowTransition(models.Model):
    _name = "fami.workflow.transition"
    _description = "FAMI workflow transition"
    _inherit = ["fami.workflow.definition.part"]
    _order = "workflow_id, sequence, id"
    _fami_bounds = {"activity_deadline_days": bounds.DAYS}  # added to today for the approvers' activities

    workflow_id = fields.Many2one("fami.workflow", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="Technical code used by buttons and by workflow_fire(code).")
    name = fields.Char(string="Button label", required=True, translate=True)
    state_from_id = fields.Many2one("fami.workflow.state", string="From", required=True, ondelete="cascade",
                                    domain="[('workflow_id', '=', workflow_id)]")
    state_to_id = fields.Many2one("fami.workflow.state", string="To", required=True, ondelete="cascade",
                                  domain="[('workflow_id', '=', workflow_id)]")
    group_ids = fields.Many2many("res.groups", string="Allowed groups",
                                 help="Users of these groups may fire the transition. Empty with no allowed users: "
                                      "every user who may edit the record.")
    user_ids = fields.Many2many("res.users", string="Allowed users")
    domain = fields.Char(default="[]", help="Condition the record must satisfy, e.g. [('amount', '>', 0)].")
    required_field_ids = fields.Many2many(
        "ir.model.fields", string="Fields that must be filled", domain="[('model_id', '=', parent.model_id)]")
    comment_required = fields.Boolean(help="The user must write a comment, e.g. the reason of a rejection.")
    approvals_required = fields.Integer(
        default=1, help="Distinct users who must approve before the record moves.")
    separate_from_ids = fields.Many2many(
        "fami.workflow.transition", "fami_workflow_transition_separation_rel", "transition_id",
        "earlier_transition_id", string="Not by whoever fired",
        domain="[('workflow_id', '=', workflow_id), ('id', '!=', id)]",
        help="Separation of duties (four eyes): whoever fired the latest of these transitions on the record (or "
             "approved it) may not fire this one, e.g. who sends an expense neither checks nor approves it.")
    notify = fields.Boolean(string="Notify next approvers",
                            help="Schedule an activity for the users who may fire the transitions of the new state.")
    activity_deadline_days = fields.Integer(string="Activity deadline (days)", default=3)
    server_action_ids = fields.Many2many("ir.actions.server", string="Server actions to run after the move",
                                         domain="[('model_id', '=', parent.model_id)]")
    button_type = fields.Selection([("primary", "Primary"), ("secondary", "Secondary"), ("danger", "Danger")],
                                   default="primary", required=True)

    _sql_constraints = [
        ("code_from_unique", "unique(workflow_id, state_from_id, code)",
         "Two transitions of a workflow cannot leave the same state with the same code."),
        ("approvals_positive", "CHECK(approvals_required >= 1)", "At least one approval is required."),
    ]

    @api.constrains("separate_from_ids", "workflow_id")
    def _check_separate_from(self):
        for transition in self:
            foreign = transition.separate_from_ids.filtered(lambda t, w=transition.workflow_id: t.workflow_id != w)
            if foreign:
                raise ValidationError(self.env._(
                    "%(transition)s can be kept apart only from transitions of its own workflow %(workflow)s: remove "
                    "%(others)s from Not by whoever fired.", transition=transition.name,
                    others=", ".join(foreign.mapped("name")), workflow=transition.workflow_id.name))

    @api.constrains("domain")
    def _check_domain(self):
        for transition in self:
            try:
                domain = transition._get_domain()
                # sudo: validating the domain must not depend on the designer's rights on the model; it only counts
                self.env[transition.workflow_id.model].sudo().search_count(domain, limit=1)
            except Exception as error:  # noqa: BLE001 - any failure means the domain is unusable
                raise ValidationError(self.env._(
                    "The condition %(domain)s of transition %(transition)s cannot be used (%(error)s): name only "
                    "fields of %(model)s.", domain=transition.domain, transition=transition.name, error=error,
                    model=transition.workflow_id.model_id.name)) from error

    def _get_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"uid": self.env.uid, "context_today": fields.Date.context_today})

    def _is_allowed(self, user):
        self.ensure_one()
        if not self.group_ids and not self.user_ids:
            return True
        return user in self.user_ids or bool(self.group_ids & user.groups_id)

    def _get_approver_users(self):
        """Users who may fire any of these transitions (named users and members of the allowed groups)."""
        users = self.user_ids | self.group_ids.users
        return users.filtered(lambda user: user.active and not user.share)
