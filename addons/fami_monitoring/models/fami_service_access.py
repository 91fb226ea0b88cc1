from odoo import fields, models

from odoo.addons.fami_workflow.models.fami_workflow_frozen_mixin import FamiWorkflowFrozenMixin

from .fami_course_enrolment import INTEGRATION_ANSWERS


class FamiServiceAccess(models.Model):
    """The participant's answer to "did it help your integration?" (EU result indicator, Reg. 2021/1147 Annex
    VIII), often collected after the access was approved: it stays writable on an approved access, whose other
    fields remain locked."""

    _inherit = "fami.service.access"
    _workflow_always_writable = FamiWorkflowFrozenMixin._workflow_always_writable | {"integration_helped"}

    integration_helped = fields.Selection(
        INTEGRATION_ANSWERS, string="Helpful for integration",
        help="The participant's answer: did the activity help their integration? (EU result indicator)")
