from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.fami_workflow.lib import bounds

from ..lib import expiry


class FamiDocument(models.Model):
    """A document with an expiry date held by a contact: a supplier's DURC, a trainer's or mediator's contract, a
    partner's agreement. All of them, with the residence permits of the beneficiaries, are listed by the
    cross-suite view ``fami.document.expiry``."""

    _name = "fami.document"
    _description = "Document with an expiry date"
    # a statute may be older than the programme, a contract or a guarantee valid after it
    _fami_bounds = {"date_issue": bounds.DOCUMENT, "date_expiry": bounds.DOCUMENT,
                    "reminder_date": bounds.DOCUMENT}
    _inherit = ["fami.expiry.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_expiry, id"
    _rec_names_search = ["number", "partner_id.name", "document_type_id.name"]

    document_type_id = fields.Many2one("fami.document.type", string="Type", required=True, index=True,
                                       ondelete="restrict", tracking=True)
    category = fields.Selection(related="document_type_id.category")
    partner_id = fields.Many2one("res.partner", string="Holder", required=True, index=True, ondelete="cascade",
                                 tracking=True, help="The supplier, person or organisation the document belongs to.")
    project_id = fields.Many2one("fami.project", index=True, ondelete="restrict",
                                 help="The project the document concerns, if only one (e.g. a partnership "
                                      "agreement).")
    number = fields.Char(tracking=True, help="Number or protocol of the document, e.g. INPS_12345678.")
    date_issue = fields.Date(string="Issue date", tracking=True)
    date_expiry = fields.Date(compute="_compute_date_expiry", store=True, readonly=False, precompute=True,
                              tracking=True, help="Proposed from the issue date and the type's usual validity.")
    file = fields.Binary(attachment=True, copy=False)
    file_name = fields.Char(string="File name")
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user, tracking=True,
                              domain=lambda self: self.env["res.users"]._fami_user_domain(),
                              help="Receives a to-do activity 30 days before the expiry date.")
    note = fields.Text()
    active = fields.Boolean(default=True)
    reminder_date = fields.Date(
        string="Reminder scheduled for", readonly=True, copy=False,
        help="The expiry date the reminder was scheduled for: a new expiry date gets a new reminder.")

    @api.depends("date_issue", "document_type_id")
    def _compute_date_expiry(self):
        for document in self:
            validity = document.document_type_id.validity_days
            if document.date_issue and validity:
                document.date_expiry = document.date_issue + timedelta(days=validity)
            else:
                document.date_expiry = document.date_expiry

    @api.depends("document_type_id", "number", "partner_id")
    def _compute_display_name(self):
        for document in self:
            label = document.document_type_id.name or ""
            if document.number:
                label = self.env._("%(type)s n. %(number)s", type=label, number=document.number)
            document.display_name = f"{label} – {document.partner_id.name}" if document.partner_id else label

    # ------------------------------------------------------------ expenses

    @api.model
    def _uncovered_certificate(self, partner, day):
        """(document, "expired" or "not_yet_valid") when `partner` (or its company) holds certificates of a type
        checked on expenses and none of that type covers `day`; (empty, False) otherwise. The document comes as
        superuser, readable whoever shows the message. Archived documents count too: archiving an expired
        certificate does not make a supplier compliant."""
        holders = (partner | partner.commercial_partner_id).ids
        # sudo: the approver must be checked against every certificate, contracts' reading rule aside; only the
        # failing certificate's type, number and dates reach the message
        documents = self.sudo().with_context(active_test=False).search(
            [("partner_id", "in", holders), ("document_type_id.check_on_expenses", "=", True)],
            order="document_type_id, date_expiry, id")
        for document_type in documents.document_type_id:
            held = documents.filtered(lambda doc, kind=document_type: doc.document_type_id == kind)
            gap = expiry.uncovered([(doc.id, doc.date_issue, doc.date_expiry) for doc in held], day)
            if gap:
                return documents.browse(gap[1]), gap[0]
        return self.browse(), False

    # ------------------------------------------------------------ reminders

    @api.model
    def _cron_expiry_reminders(self):
        """Schedule a to-do activity for the responsible user of each document expiring within 30 days that was
        not renewed, once per expiry date."""
        # sudo: the scheduled job reminds every responsible user, whoever runs it
        rows = self.env["fami.document.expiry"].sudo().search([
            ("source", "=", "document"), ("is_renewed", "=", False), ("expiry_state", "=", "expiring")])
        documents = rows.document_id.filtered(lambda doc: doc.reminder_date != doc.date_expiry)
        for document in documents:
            document.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=document.date_expiry,
                summary=self.env._("Expires on %(date)s: %(document)s", date=document.date_expiry,
                                   document=document.display_name),
                note=self.env._("Renew %(document)s before %(date)s and record the new one.",
                                document=document.display_name, date=document.date_expiry),
                user_id=(document.user_id or document.create_uid).id)
            document.reminder_date = document.date_expiry
        return len(documents)
