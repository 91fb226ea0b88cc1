from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression


class FamiWorkflowLog(models.Model):
    """The audit trail of workflow moves. Written only by the engine; nobody, admin included, edits or deletes it."""

    _name = "fami.workflow.log"
    _description = "FAMI workflow audit trail"
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
    user_id = fields.Many2one("res.users", string="User", readonly=True, default=lambda self: self.env.user)
    date = fields.Datetime(readonly=True, default=fields.Datetime.now)
    comment = fields.Text(readonly=True)
    approver_ids = fields.Many2many("res.users", string="Approvers", readonly=True)

    # ------------------------------------------------------------ who reads which lines

    @api.model
    def _readable_records_domain(self):
        """Log lines of the records the user may read: a line names its record and carries the approver's comment,
        so staff of one organisation must not read the moves of another's expenses or beneficiaries."""
        # sudo: lists the models that have log lines; the lines are then filtered by the user's rights on each
        models = [res_model for [res_model] in self.sudo()._read_group([], ["res_model"])]
        parts = []
        for res_model in models:
            if res_model not in self.env or not self.env[res_model].has_access("read"):
                continue
            readable = self.env[res_model].with_context(active_test=False)._search([])
            parts.append(["&", ("res_model", "=", res_model), ("res_id", "in", readable)])
        return expression.OR(parts) if parts else expression.FALSE_DOMAIN

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, self._readable_records_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or operation != "read" or not any(self._ids):
            return result
        forbidden = self - self.search([("id", "in", self.ids)])
        if forbidden:
            return forbidden, lambda: AccessError(_(
                "You cannot read these workflow log lines: they belong to records you have no access to."))
        return None

    def write(self, vals):
        if self:
            raise UserError(_("The workflow log is an audit trail: its entries cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("The workflow log is an audit trail: its entries cannot be deleted."))

    def action_open_record(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.res_model, "res_id": self.res_id,
                "view_mode": "form"}
