from odoo import api, fields, models
from odoo.exceptions import AccessError


class FamiBeneficiary(models.Model):
    _inherit = "fami.beneficiary"

    enrolment_ids = fields.One2many("fami.course.enrolment", "beneficiary_id", string="Courses")
    service_access_ids = fields.One2many("fami.service.access", "beneficiary_id", string="Service accesses")
    is_reached = fields.Boolean(compute="_compute_is_reached", store=True, compute_sudo=True, readonly=True)

    @api.depends("enrolment_ids.completed", "service_access_ids.workflow_state_code")
    def _compute_is_reached(self):
        for person in self:
            person.is_reached = any(person.enrolment_ids.mapped("completed")) or any(
                code == "approved" for code in person.service_access_ids.mapped("workflow_state_code"))

    def _check_may_be_named(self, field_label):
        """Enrolling a person, recording their access to a service or naming them on an event or on mediation hours
        needs the right to read that person: an id sent over RPC must not bring another organisation's people into
        the user's records (and from there into what the user reads and into "reached")."""
        if self.env.su:
            return
        existing = self.exists()
        hidden = (self - existing) | (existing - existing._filtered_access("read"))
        if hidden:
            raise AccessError(self.env._(
                "%(field)s: you may not read the beneficiary with id %(ids)s, so you cannot name them here. Choose "
                "a person of your organisations, or ask the staff of the organisation that took them in charge.",
                field=field_label, ids=", ".join(str(person_id) for person_id in hidden.ids)))
