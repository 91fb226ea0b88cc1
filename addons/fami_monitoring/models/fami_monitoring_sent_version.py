from odoo import api, fields, models
from odoo.exceptions import UserError


class FamiMonitoringSentVersion(models.Model):
    """What was sent to the Managing Authority: the workbook, its publication version and the PDF of a return, as
    they were when it was sent. Evidence: written by the engine when the return is sent, never changed or deleted,
    its files locked for every user (fami.workflow.frozen.mixin) even after the return is reopened."""

    _name = "fami.monitoring.sent.version"
    _description = "Sent version of a monitoring return"
    _inherit = ["fami.workflow.frozen.mixin"]
    _order = "report_id, number desc, id desc"

    report_id = fields.Many2one("fami.monitoring.report", string="Monitoring return", required=True,
                                ondelete="restrict", index=True, readonly=True)
    number = fields.Integer(readonly=True)
    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one("res.users", string="Sent by", readonly=True, ondelete="restrict")
    sent_on = fields.Datetime(readonly=True, default=fields.Datetime.now)
    xlsx_file = fields.Binary(string="Workbook for the Managing Authority", attachment=True, readonly=True)
    xlsx_filename = fields.Char(readonly=True)
    publication_file = fields.Binary(string="Publication workbook", attachment=True, readonly=True)
    publication_filename = fields.Char(readonly=True)
    pdf_file = fields.Binary(string="PDF", attachment=True, readonly=True)
    pdf_filename = fields.Char(readonly=True)

    @api.depends("number", "report_id.name")
    def _compute_name(self):
        for version in self:
            version.name = f"{version.report_id.name} v{version.number}"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # sudo: numbers the versions of the return, including those the creating user may not list
            vals["number"] = self.sudo().search_count([("report_id", "=", vals.get("report_id"))]) + 1
        return super().create(vals_list)

    def _workflow_locked_records(self):
        return self  # a sent version is locked from the moment it exists

    def _workflow_lock_name(self):
        return self.env._("sent to the Managing Authority")

    def write(self, vals):
        if set(vals) - self._workflow_always_writable:
            raise UserError(self.env._("%(version)s is what was sent to the Managing Authority: it cannot be "
                                       "changed.", version=self[:1].name))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        if self:
            raise UserError(self.env._("%(version)s is what was sent to the Managing Authority: it cannot be "
                                       "deleted.", version=self[:1].name))
