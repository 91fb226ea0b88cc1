from odoo import api, fields, models
from odoo.exceptions import UserError

# what Odoo and the reminder job write on a document, and what a user may still change on a guarantee's: who is
# reminded, a note, archiving it
GUARANTEE_DOCUMENT_WRITABLE = frozenset({"active", "reminder_date", "user_id", "note"})


class FamiDocument(models.Model):
    """The document of an issued guarantee (fami.guarantee) mirrors it for Expiring documents and the reminders: its
    number, dates and file change only with the guarantee."""

    _inherit = "fami.document"

    guarantee_id = fields.Many2one("fami.guarantee", readonly=True, copy=False, index=True,
                                   ondelete="restrict",
                                   help="The guarantee of the advance this document mirrors (Money flows > "
                                        "Guarantees).")

    @api.model_create_multi
    def create(self, vals_list):
        # only an issued guarantee publishes its document (as superuser, fami.guarantee._publish_document)
        if not self.env.su and any(vals.get("guarantee_id") for vals in vals_list):
            raise UserError(self.env._("The document of a guarantee is created when the guarantee is recorded as "
                                       "issued (Money flows > Guarantees), not by hand."))
        return super().create(vals_list)

    def write(self, vals):
        always = self.env["fami.workflow.frozen.mixin"]._workflow_always_writable
        changed = set(vals) - GUARANTEE_DOCUMENT_WRITABLE - always
        if changed and self.filtered("guarantee_id"):
            mirrored = self.filtered("guarantee_id")[0]
            raise UserError(self.env._(
                "%(document)s is the document of the guarantee %(guarantee)s: its number, dates and file change only "
                "with the guarantee (Money flows > Guarantees).", document=mirrored.display_name,
                guarantee=mirrored.guarantee_id.display_name))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_guarantee(self):
        mirrored = self.filtered("guarantee_id")
        if mirrored:
            raise UserError(self.env._(
                "%(document)s is the document of the guarantee %(guarantee)s: it cannot be deleted; it is archived "
                "when the guarantee is released.", document=mirrored[0].display_name,
                guarantee=mirrored[0].guarantee_id.display_name))
