from odoo import api, fields, models
from odoo.exceptions import ValidationError

COUNTS = ("participants_italian", "participants_cpt", "participants_women", "participants_men",
          "participants_under_30")


class FamiEvent(models.Model):
    """Social, cultural and recreational activities (OS3); counted toward the people reached once approved."""

    _name = "fami.event"
    _description = "FAMI social event"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "approved")
    _workflow_required_transitions = ("submit", "approve", "reject")
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection([("social", "Social"), ("cultural", "Cultural"), ("recreational", "Recreational"),
                             ("sport", "Sport")], required=True, default="social")
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    organisation_id = fields.Many2one("res.partner", string="Organiser", index=True,
                                      domain=[("is_company", "=", True)],
                                      default=lambda self: self.env.user.fami_organisation_ids[:1])
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
            # sudo: every person named counts, also those the user may not read (only their number is used)
            named = len(event.sudo().beneficiary_ids)
            if named > event.participants_cpt:
                raise ValidationError(self.env._(
                    "%(event)s names %(named)s CPT participants but counts only %(counted)s: raise CPT participants "
                    "to at least %(named)s.", event=event.name, named=named, counted=event.participants_cpt))
            if event.date_stop < event.date_start:
                raise ValidationError(self.env._("The event ends before it starts: put the End after the Start."))

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        # sudo: every person named, also those the user's own read would hide; only refuses
        events.sudo().beneficiary_ids.with_env(self.env)._check_may_be_named(
            self._fields["beneficiary_ids"]._description_string(self.env))
        return events

    def write(self, vals):
        # sudo: the people named before this change, to find those it adds; only refuses
        before = self.sudo().beneficiary_ids if "beneficiary_ids" in vals else None
        result = super().write(vals)
        if before is not None:
            # sudo: as above, the people named after the change
            (self.sudo().beneficiary_ids - before).with_env(self.env)._check_may_be_named(
                self._fields["beneficiary_ids"]._description_string(self.env))
        return result
