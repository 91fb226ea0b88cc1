from odoo import api, fields, models
from odoo.exceptions import UserError


class FamiWorkflowLog(models.Model):
    """The audit trail of workflow moves. Written only by the engine; nobody, admin included, edits or deletes it."""

    _name = "fami.workflow.log"
    _description = "FAMI workflow audit trail"
    _fami_bounds = {"date": None}  # the moment of the move, stamped by the engine (fami_workflow/lib/bounds.py)
    _inherit = ["fami.workflow.record.line"]  # each user reads the lines of the records they may read
    _order = "id desc"

    res_model = fields.Char(string="Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(string="Record ID", model_field="res_model", required=True, index=True,
                                      readonly=True)
    record_name = fields.Char(string="Record", readonly=True)
    workflow_id = fields.Many2one("fami.workflow", readonly=True, ondelete="restrict")
    transition_id = fields.Many2one("fami.workflow.transition", string="Transition definition", readonly=True,
                                    ondelete="set null")
    transition_name = fields.Char(string="Transition", readonly=True)
    state_from_id = fields.Many2one("fami.workflow.state", string="From", readonly=True, ondelete="restrict")
    state_to_id = fields.Many2one("fami.workflow.state", string="To", readonly=True, ondelete="restrict")
    user_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    date = fields.Datetime(readonly=True, default=fields.Datetime.now)
    comment = fields.Text(readonly=True)
    approver_ids = fields.Many2many("res.users", string="Approvers", readonly=True)
    res_model_name = fields.Char(string="Kind of record", compute="_compute_labels")
    transition_label = fields.Char(string="Action", compute="_compute_labels",
                                   help="The action in the reader's language (as it was named when fired, if its "
                                        "definition was deleted since).")

    @api.depends("res_model", "transition_id", "transition_name")
    @api.depends_context("lang")
    def _compute_labels(self):
        # sudo: the names of the models and of the transitions, in the reader's language
        models = self.env["ir.model"].sudo()
        for log in self:
            log.res_model_name = models._get(log.res_model).name if log.res_model in self.env else log.res_model
            # sudo: the transition's name only; the user reads this log line already
            log.transition_label = log.sudo().transition_id.name or log.transition_name

    @api.depends("record_name", "transition_label")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for log in self:
            log.display_name = f"{log.record_name or ''}: {log.transition_label or ''}"

    def write(self, vals):
        if self:
            raise UserError(self.env._("The workflow log is an audit trail: its entries cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The workflow log is an audit trail: its entries cannot be deleted."))

    def action_open_record(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.res_model, "res_id": self.res_id,
                "view_mode": "form"}
