from odoo import api, fields, models

from odoo.addons.fami_workflow.models.fami_workflow_frozen_mixin import FamiWorkflowFrozenMixin

# Common European Framework of Reference for languages, in order: an exit level one step up is "improved by one level"
CEFR_LEVELS = [("pre_a1", "Pre-A1"), ("a1", "A1"), ("a2", "A2"), ("b1", "B1"), ("b2", "B2"), ("c1", "C1"),
               ("c2", "C2")]
INTEGRATION_ANSWERS = [("yes", "Yes"), ("no", "No")]


class FamiCourseEnrolment(models.Model):
    """What the EU result indicators need from a participant (Reg. 2021/1147 Annex VIII): the language level at the
    start and at the end of a language course, and whether the participant reports that the course helped their
    integration. Both are outcomes measured when the course ends, after its registers are approved: they stay
    writable on a participant locked with an approved register (what the register credits does not change)."""

    _inherit = "fami.course.enrolment"
    _workflow_always_writable = FamiWorkflowFrozenMixin._workflow_always_writable | {
        "cefr_level_entry", "cefr_level_exit", "integration_helped"}

    cefr_level_entry = fields.Selection(CEFR_LEVELS, string="Language level at entry (CEFR)",
                                        help="Level of the host-country language when the course starts.")
    cefr_level_exit = fields.Selection(CEFR_LEVELS, string="Language level at exit (CEFR)",
                                       help="Level of the host-country language when the participant leaves the "
                                            "course.")
    cefr_improved = fields.Boolean(
        string="Improved by at least one CEFR level", compute="_compute_cefr_improved", store=True, index=True,
        help="The exit level is at least one CEFR level above the entry level (EU result indicator).")
    integration_helped = fields.Selection(
        INTEGRATION_ANSWERS, string="Helpful for integration",
        help="The participant's answer: did the activity help their integration? (EU result indicator)")

    @api.depends("cefr_level_entry", "cefr_level_exit")
    def _compute_cefr_improved(self):
        order = [code for code, _label in CEFR_LEVELS]
        for enrolment in self:
            entry, exit_ = enrolment.cefr_level_entry, enrolment.cefr_level_exit
            enrolment.cefr_improved = bool(entry and exit_) and order.index(exit_) - order.index(entry) >= 1
