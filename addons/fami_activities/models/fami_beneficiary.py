from odoo import api, fields, models


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
