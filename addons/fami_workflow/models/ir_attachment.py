import contextvars

from odoo import api, models
from odoo.tools import SQL

from .fami_workflow_frozen_mixin import FROZEN_MIXIN, refuse_frozen_documents

# Set while a new message is created: the images of its body become attachments of its record, and a new message
# may be added to a frozen record. An RPC caller cannot set it.
NEW_MESSAGE = contextvars.ContextVar("fami_workflow_new_message", default=False)
# what Odoo writes on an attachment without changing it (a share token for the images of a message)
HARMLESS_FIELDS = frozenset({"access_token"})


class IrAttachment(models.Model):
    """The files of a frozen record (an approved expense's invoice, a claim's workbook...) are frozen with it: not
    added, replaced, moved or deleted through `ir.attachment` by any user (superuser code, such as Odoo posting a
    new message with its files, is not concerned). For models that do not inherit the frozen mixin the guard is one
    lookup in the registry."""

    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not NEW_MESSAGE.get():
            documents = {(vals.get("res_model"), vals.get("res_id")) for vals in vals_list}
            self._fami_refuse_frozen(documents, "create")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) - HARMLESS_FIELDS:
            documents = self._fami_documents()
            if "res_model" in vals or "res_id" in vals:  # moved onto another record
                documents |= {(vals.get("res_model", model), vals.get("res_id", res_id)) for model, res_id in documents}
            self._fami_refuse_frozen(documents, "write")
        return super().write(vals)

    def unlink(self):
        if not self.env.su and self:
            self._fami_refuse_frozen(self._fami_documents(), "unlink")
        return super().unlink()

    def _fami_documents(self):
        """{(model, id)} of the records the attachments belong to: by res_model/res_id, through the message they
        are attached to, or through a many2many field of a model inheriting the frozen mixin. One query when no
        such field exists."""
        if not self.ids:
            return set()
        self.flush_model(["res_model", "res_id"])
        rows = self.env.execute_query(SQL("SELECT res_model, res_id FROM ir_attachment WHERE id IN %s",
                                          tuple(self.ids)))
        documents = {(model, res_id) for model, res_id in rows if model and res_id}
        message_ids = [res_id for model, res_id in documents if model == "mail.message"]
        if message_ids:
            # sudo: only the record each message is about, to look for a lock
            messages = self.env["mail.message"].sudo().browse(message_ids).exists()
            documents |= {(message.model, message.res_id) for message in messages}
        for model_name, field_name in self._fami_frozen_attachment_fields():
            # sudo: finds the records listing these files, readable by the user or not; only refuses
            holders = self.env[model_name].sudo().with_context(active_test=False).search(
                [(field_name, "in", self.ids)])
            documents |= {(model_name, record_id) for record_id in holders.ids}
        return documents

    def _fami_frozen_attachment_fields(self):
        """(model, field) of the many2many fields to attachments of the models that inherit the frozen mixin."""
        return [(name, field.name) for name in self.pool.descendants([FROZEN_MIXIN], "_inherit")
                if not self.env[name]._abstract and not self.env[name]._transient
                for field in self.env[name]._fields.values()
                if field.type == "many2many" and field.store and field.comodel_name == self._name]

    def _fami_refuse_frozen(self, documents, mode):
        def check_rights():
            if mode == "create":
                for model, res_id in documents:
                    self.browse().check("create", values={"res_model": model, "res_id": res_id})
            else:
                self.check(mode)
        refuse_frozen_documents(self.env, documents, "files", check_rights)
