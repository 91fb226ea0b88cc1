from odoo import fields, models
from odoo.exceptions import UserError

# states entered only with every deliverable attached: the study is closed (submitted) and then approved
CLOSING_STATES = ("submitted", "approved")


class FamiResearch(models.Model):
    """An action-research study: planned, ongoing, then closed with its deliverables attached and approved by a
    manager other than the one who submitted it; only approved studies count in the indicators."""

    _name = "fami.research"
    _description = "FAMI action research"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "ongoing", "submitted", "approved")
    _workflow_required_transitions = ("start", "submit", "approve", "reject")
    _order = "date_start desc, id desc"

    name = fields.Char(required=True)
    topic = fields.Selection([("mediation", "Intercultural mediation"), ("housing", "Social housing"),
                              ("labour", "Labour inclusion"), ("financial", "Access to financial services"),
                              ("other", "Other")], required=True, default="mediation")
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    organisation_id = fields.Many2one("res.partner", index=True, domain=[("is_company", "=", True)],
                                      default=lambda self: self.env.user.fami_organisation_ids[:1])
    date_start = fields.Date(string="From")
    date_end = fields.Date(string="To")
    summary = fields.Html()
    deliverable_ids = fields.One2many(
        "fami.research.deliverable", "research_id", string="Deliverables",
        help="What the study delivers (report, questionnaire, guidelines...), each with its file: the study can be "
             "closed only when every deliverable is attached.")

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        if transition.state_to_id.code in CLOSING_STATES:
            self._check_deliverables_attached()
        return result

    def _check_deliverables_attached(self):
        # sudo: the deliverables of the record being moved, read only to refuse closing it without their files
        for research in self.sudo().with_context(bin_size=True):
            if not research.deliverable_ids:
                raise UserError(self.env._(
                    "%(research)s cannot be closed without deliverables: list them in the Deliverables tab and "
                    "attach the file of each.", research=research.name))
            missing = research.deliverable_ids.filtered(lambda deliverable: not deliverable.file)
            if missing:
                raise UserError(self.env._(
                    "%(research)s cannot be closed: attach the file of the deliverable(s) %(missing)s in the "
                    "Deliverables tab.", research=research.name, missing=", ".join(missing.mapped("name"))))
