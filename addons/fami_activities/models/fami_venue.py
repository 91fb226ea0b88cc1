from odoo import _, api, fields, models


class FamiVenue(models.Model):
    _name = "fami.venue"
    _description = "Venue or room"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True)
    address = fields.Char()
    organisation_id = fields.Many2one("res.partner", string="Organisation", domain=[("is_company", "=", True)])
    seats = fields.Integer(help="Seats available; a session cannot be held here for more enrolled participants.")
    equipment = fields.Text(help="Projector, computers, internet connection, ...")
    accessible = fields.Boolean(string="Accessible to people with reduced mobility")
    session_ids = fields.One2many("fami.course.session", "venue_id", string="Bookings")
    booking_count = fields.Integer(string="Bookings count", compute="_compute_booking_count")
    active = fields.Boolean(default=True)

    @api.depends("session_ids")
    def _compute_booking_count(self):
        counts = dict(self.env["fami.course.session"]._read_group(
            [("venue_id", "in", self.ids)], groupby=["venue_id"], aggregates=["__count"]))
        for venue in self:
            venue.booking_count = counts.get(venue, 0)

    def action_open_bookings(self):
        """The venue's calendar: the sessions booked in it, coloured by course."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_activities.fami_venue_bookings_action")
        action.update({
            "name": _("Bookings of %(venue)s", venue=self.name),
            "domain": [("venue_id", "=", self.id)],
            "context": {"default_venue_id": self.id},
        })
        return action
