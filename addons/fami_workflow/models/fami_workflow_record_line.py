from odoo import api, models
from odoo.exceptions import AccessError
from odoo.osv import expression


class FamiWorkflowRecordLine(models.AbstractModel):
    """Lines about a governed record, linked by `res_model` and `res_id` (log lines, pending approvals).

    A line names its record or carries an approver's comment, so a user reads only the lines of the records they
    may read: staff of one organisation do not read the moves of another's expenses or beneficiaries.
    """

    _name = "fami.workflow.record.line"
    _description = "Line about a record governed by a FAMI workflow"

    @api.model
    def _readable_records_domain(self):
        # sudo: lists the governed models (workflows are configuration); the lines are then filtered by the user's
        # own rights on the records of each
        governed = sorted(model for [model] in self.env["fami.workflow"].sudo().with_context(active_test=False)
                          ._read_group([], ["model"]))
        parts = []
        for res_model in governed:
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
            # sudo: only the (translated) name of this model, for the message; users cannot read ir.model
            lines = self.env["ir.model"].sudo()._get(self._name).name
            message = self.env._(
                "%(lines)s: these lines belong to records you have no access to, so you cannot read them.",
                lines=lines)
            return forbidden, lambda: AccessError(message)
        return None
