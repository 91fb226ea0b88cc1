from odoo import api, models
from odoo.exceptions import UserError


class FamiProjectPartner(models.Model):
    _inherit = "fami.project.partner"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_on_approved_records(self):
        """An organisation present at a meeting whose minutes are approved, or taking part in an approved event, is part
        of that record: deleting it from the partnership would silently remove it from the minutes or the event (and
        from the network's activity of that quarter)."""
        # sudo: the approved meetings and events naming these organisations, whoever may read them; only refuses
        meetings = self.env["fami.meeting"].sudo().search(
            [("attendee_link_ids", "in", self.ids), ("workflow_locked", "=", True)], limit=1)
        # sudo: as above
        events = self.env["fami.event"].sudo().search(
            [("network_link_ids", "in", self.ids), ("workflow_locked", "=", True)], limit=1)
        holder = meetings or events
        if holder:
            link = (holder.attendee_link_ids if meetings else holder.network_link_ids) & self
            raise UserError(self.env._(
                "%(organisation)s is recorded in %(record)s, which is %(state)s: it cannot be removed from the "
                "partnership. Ask a manager to move %(record)s back to an editable state first.",
                organisation=link[:1].partner_id.name, record=holder.display_name,
                state=holder.workflow_state_id.name))
