from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FamiMeeting(models.Model):
    """A meeting of the project's multilevel governance (Action 01): the steering group, the partnership or the
    territorial network, with its agenda, the organisations present, the minutes and the decisions taken. Once its
    minutes are approved it is locked with its decisions; only approved meetings count as a network member's
    activity (fami.project._network_members_active)."""

    _name = "fami.meeting"
    _description = "Governance meeting"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "held", "approved")
    _workflow_required_transitions = ("hold", "approve")
    _order = "date_start desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    meeting_type = fields.Selection(
        [("steering", "Steering group (cabina di regia)"), ("partnership", "Partnership meeting"),
         ("network", "Territorial network meeting")], string="Type", required=True, default="steering",
        tracking=True, index=True)
    date_start = fields.Datetime(string="Start", required=True, tracking=True, index=True)
    date_stop = fields.Datetime(string="End", required=True)
    place = fields.Char(help="Where it is held, or the link of an online meeting.")
    organisation_id = fields.Many2one(
        "res.partner", string="Convened by", index=True, domain=[("is_company", "=", True)],
        default=lambda self: self.env.user.fami_organisation_ids[:1],
        help="The organisation that convenes the meeting and keeps its minutes; its staff change it.")
    agenda = fields.Html()
    attendee_link_ids = fields.Many2many(
        "fami.project.partner", "fami_meeting_attendee_rel", "meeting_id", "project_partner_id",
        string="Organisations present", domain="[('project_id', '=', project_id)]",
        help="The partners and network members present: each counts as active in the quarter once the minutes are "
             "approved.")
    attendee_user_ids = fields.Many2many("res.users", "fami_meeting_user_rel", "meeting_id", "user_id",
                                         string="People present (users)",
                                         domain=lambda self: self.env["res.users"]._fami_user_domain())
    other_attendees = fields.Text(string="Other people present",
                                  help="Names and roles of people present who are not users, e.g. the Prefecture's "
                                       "officer.")
    attendee_count = fields.Integer(string="Organisations", compute="_compute_attendee_count", store=True)
    minutes = fields.Binary(string="Minutes (verbale)", attachment=True, copy=False)
    minutes_filename = fields.Char(string="Minutes file name", copy=False)
    minutes_summary = fields.Html(string="Summary of the minutes")
    decision_ids = fields.One2many("fami.meeting.decision", "meeting_id", string="Decisions")
    decision_open_count = fields.Integer(string="Open decisions", compute="_compute_decision_open_count")
    color = fields.Integer()

    @api.depends("attendee_link_ids")
    def _compute_attendee_count(self):
        for meeting in self:
            meeting.attendee_count = len(meeting.attendee_link_ids)

    @api.depends("decision_ids.state")
    def _compute_decision_open_count(self):
        for meeting in self:
            meeting.decision_open_count = len(meeting.decision_ids.filtered(lambda d: d.state == "open"))

    @api.constrains("date_start", "date_stop", "attendee_link_ids", "project_id")
    def _check_meeting(self):
        for meeting in self:
            if meeting.date_stop < meeting.date_start:
                raise ValidationError(self.env._(
                    "The meeting %(meeting)s ends before it starts: put the End after the Start.",
                    meeting=meeting.name))
            # sudo: the organisations' project decides, whatever the user may read of the partnership
            foreign = meeting.sudo().attendee_link_ids.filtered(lambda link, m=meeting: link.project_id != m.project_id)
            if foreign:
                raise ValidationError(self.env._(
                    "%(organisations)s belong to the partnership of another project: choose organisations of "
                    "%(project)s among the Organisations present.",
                    organisations=", ".join(foreign.partner_id.mapped("name")), project=meeting.project_id.name))
