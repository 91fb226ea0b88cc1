from odoo import fields, models


class FamiCourseSession(models.Model):
    """A session moved to another time leaves a tracked change: the monitoring return proposes it among the
    deviations from the timetable (cronoprogramma)."""

    _inherit = "fami.course.session"

    start = fields.Datetime(tracking=True)
