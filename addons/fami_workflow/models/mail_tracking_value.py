from odoo import api, models

from .fami_workflow_frozen_mixin import refuse_frozen_documents


class MailTrackingValue(models.Model):
    """Tracked changes belong to the messages of their record: frozen with it (administrators have the rights to
    these lines; superuser code, Odoo's own tracking, is not concerned)."""

    _inherit = "mail.tracking.value"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # sudo: only the record each message is about, to look for a lock
            messages = self.env["mail.message"].sudo().browse(
                [vals["mail_message_id"] for vals in vals_list if vals.get("mail_message_id")])
            self._fami_refuse_frozen(messages, "create")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            # sudo: only the record each message is about, to look for a lock
            messages = self.sudo().mail_message_id
            if vals.get("mail_message_id"):
                messages |= messages.browse(vals["mail_message_id"])
            self._fami_refuse_frozen(messages, "write")
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            # sudo: only the record each message is about, to look for a lock
            self._fami_refuse_frozen(self.sudo().mail_message_id, "unlink")
        return super().unlink()

    def _fami_refuse_frozen(self, messages, mode):
        documents = {(message.model, message.res_id) for message in messages.exists()}
        refuse_frozen_documents(self.env, documents, "messages", lambda: self.check_access(mode))
