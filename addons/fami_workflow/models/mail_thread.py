from odoo import models

from .fami_workflow_frozen_mixin import frozen_document_refusal, is_frozen_capable


class MailThread(models.AbstractModel):
    """Editing or deleting a message from the chatter goes through `_message_update_content` as superuser (Odoo
    checks the author first): on a frozen record it is refused like any other change to its messages."""

    _inherit = "mail.thread"

    def _check_can_update_message_content(self, messages):
        result = super()._check_can_update_message_content(messages)
        if is_frozen_capable(self.env, self._name):
            holders = self._workflow_freezers()
            if holders:
                record_id = next(iter(holders))
                # sudo: the record whose message the user is editing, named in the refusal
                raise frozen_document_refusal(self.env, "messages", self.browse(record_id).sudo(), holders[record_id])
        return result
