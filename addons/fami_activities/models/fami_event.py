from odoo import api, fields, models
from odoo.exceptions import ValidationError

COUNTS = ("participants_italian", "participants_cpt", "participants_women", "participants_men",
          "participants_under_30")


class FamiEvent(models.Model):
    """Social, cultural and recreational activities (OS3); counted toward the people reached once approved."""

    _name = "fami.event"
    _description = "FAMI social event"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection([("social", "Social"), ("cultural", "Cultural"), ("recreational", "Recreational"),
                             ("sport", "Sport")], required=True, default="social")
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    organisation_id = fields.Many2one("res.partner", string="Organiser", index=True,
                                      domain=[("is_company", "=", True)])
    date_start = fields.Datetime(string="Start", required=True)
    date_stop = fields.Datetime(string="End", required=True)
    place = fields.Char()
    participants_italian = fields.Integer(string="Italian participants")
    participants_cpt = fields.Integer(string="CPT participants")
    participants_women = fields.Integer(string="Women")
    participants_men = fields.Integer(string="Men")
    participants_under_30 = fields.Integer(string="Under 30")
    participants_total = fields.Integer(compute="_compute_participants_total", store=True, string="Participants")
    beneficiary_ids = fields.Many2many("fami.beneficiary", string="Named CPT participants")
    description = fields.Html()

    @api.depends("participants_italian", "participants_cpt")
    def _compute_participants_total(self):
        for event in self:
            event.participants_total = event.participants_italian + event.participants_cpt

    @api.constrains(*COUNTS, "date_start", "date_stop", "beneficiary_ids")
    def _check_counts(self):
        for event in self:
            if any(event[name] < 0 for name in COUNTS):
                raise ValidationError(self.env._("Participant counts cannot be negative."))
            if event.participants_women + event.participants_men > event.participants_total:
                raise ValidationError(self.env._(
                    "Women and men (%(sum)s) cannot be more than the participants (%(total)s).",
                    sum=event.participants_women + event.participants_men,
                    total=event.participants_total))
            if event.participants_under_30 > event.participants_total:
                raise ValidationError(self.env._("Participants under 30 cannot be more than the participants."))
            if len(event.beneficiary_ids) > event.participants_cpt:
                raise ValidationError(self.env._(
                    "%(event)s names %(named)s CPT participants but counts only %(counted)s: raise CPT participants "
                    "to at least %(named)s.", event=event.name, named=len(event.beneficiary_ids),
                    counted=event.participants_cpt))
            if event.date_stop < event.date_start:
                raise ValidationError(self.env._("The event ends before it starts: put the End after the Start."))
