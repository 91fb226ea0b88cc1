from odoo import fields, models


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
    active = fields.Boolean(default=True)
