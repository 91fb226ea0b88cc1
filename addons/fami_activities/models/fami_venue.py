from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FamiVenue(models.Model):
    _name = "fami.venue"
    _description = "Venue or room"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True)
    address = fields.Char()
    organisation_id = fields.Many2one("res.partner", index=True, domain=[("is_company", "=", True)],
                                      default=lambda self: self.env.user.fami_organisation_ids[:1],
                                      help="The organisation that manages the venue: only its staff change it; "
                                           "every user may book it.")
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

    @api.constrains("seats")
    def _check_seats_for_bookings(self):
        """Fewer seats must still hold the participants of the sessions booked here that are not over yet."""
        now = fields.Datetime.now()
        for venue in self.filtered("seats"):
            # sudo: a booking in a course the user cannot see still needs its seats; the message names the session
            for session in venue.sudo().session_ids.filtered(lambda s: s.stop >= now):
                if session.course_id.enrolled_count > venue.seats:
                    raise ValidationError(self.env._(
                        "The venue %(venue)s cannot have only %(seats)s seats: %(session)s, booked there, has "
                        "%(enrolled)s participants. Move that session to a larger venue first, or keep more Seats.",
                        venue=venue.name, seats=venue.seats, session=session.display_name,
                        enrolled=session.course_id.enrolled_count))

    def action_open_bookings(self):
        """The venue's calendar: the sessions booked in it, coloured by course."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("fami_activities.fami_venue_bookings_action")
        action.update({
            "name": self.env._("Bookings of %(venue)s", venue=self.name),
            "domain": [("venue_id", "=", self.id)],
            "context": {"default_venue_id": self.id},
        })
        return action
