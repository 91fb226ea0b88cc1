from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from ..lib.ui_governance import UI_FIELDS
from .fami_workflow_frozen_mixin import is_frozen_capable, refuse_frozen_documents
from .ir_attachment import NEW_MESSAGE


def is_suite_model(env, model_name):
    return bool(model_name) and (model_name.startswith("fami.") or is_frozen_capable(env, model_name))


def is_suite_record(env, model_name, res_id):
    """A record of the suite: of a model of the suite, or one a workflow governs on a model governed from the UI
    (the other contacts or events of that model keep Odoo's rules)."""
    if not is_suite_model(env, model_name):
        return False
    if model_name.startswith("fami.") or env.registry[model_name]._workflow_frozen_capable:
        return True
    # sudo: whether a workflow governs the record, to apply the suite's rules to its messages; reads nothing else
    return bool(res_id) and bool(env[model_name].sudo().browse(res_id).exists()[UI_FIELDS.workflow])


class MailMessage(models.Model):
    """The chatter of a frozen record is evidence: its messages (notes, tracked changes) are neither changed nor
    deleted by any user; only new messages are added. On every record of the suite a user posts under their own
    name only, and never tracked changes (Odoo records those itself). Superuser code (the engine's notes, Odoo's
    tracking, activity feedback) is not concerned; other models cost one lookup in the registry."""

    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, values_list):
        if not self.env.su:
            self._fami_check_new_messages(values_list)
        token = NEW_MESSAGE.set(True)
        try:
            return super().create(values_list)
        finally:
            NEW_MESSAGE.reset(token)

    def write(self, vals):
        if not self.env.su and vals:
            self._fami_refuse_frozen("write", vals)
            if {"author_id", "email_from", "tracking_value_ids"} & set(vals):  # an existing message re-signed
                # sudo: only the record each message is about, to apply the rules of a new message
                messages = self.sudo()
                self._fami_check_new_messages([dict(vals, model=message.model, res_id=message.res_id)
                                               for message in messages])
        return super().write(vals)

    def unlink(self):
        if not self.env.su and self:
            self._fami_refuse_frozen("unlink")
        return super().unlink()

    def _fami_check_new_messages(self, values_list):
        partner = self.env.user.partner_id
        for values in values_list:
            model = values.get("model")
            if not is_suite_record(self.env, model, values.get("res_id")):
                continue
            author = values.get("author_id")
            email = values.get("email_from")
            if (author and author != partner.id) or (email and email_normalize(email) != email_normalize(
                    partner.email or "")):
                raise UserError(self.env._(
                    "You can post on %(record)s only under your own name: leave the author and the sender empty, "
                    "Odoo fills them in with yours.", record=self._fami_record_name(model, values.get("res_id"))))
            if values.get("tracking_value_ids"):
                raise UserError(self.env._(
                    "Tracked changes of %(record)s are recorded by Odoo when the record changes: they cannot be "
                    "posted as a message.", record=self._fami_record_name(model, values.get("res_id"))))

    def _fami_record_name(self, model, res_id):
        # sudo: the name of the record the user is posting on, for the refusal
        return self.env[model].sudo().browse(res_id or []).exists().display_name or model

    def _fami_refuse_frozen(self, mode, vals=None):
        # sudo: only the record each message is about, to look for a lock
        documents = {(message.model, message.res_id) for message in self.sudo()}
        if vals and ("model" in vals or "res_id" in vals):  # moved onto another record
            documents |= {(vals.get("model", model), vals.get("res_id", res_id)) for model, res_id in documents}
        refuse_frozen_documents(self.env, documents, "messages", lambda: self.check_access(mode))
