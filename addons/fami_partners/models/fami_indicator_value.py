from odoo import fields, models


class FamiIndicatorValue(models.Model):
    _name = "fami.indicator.value"
    _description = "FAMI indicator value"
    _order = "indicator_id, date desc, id desc"

    indicator_id = fields.Many2one("fami.indicator", required=True, ondelete="cascade",
                                   index=True)
    project_id = fields.Many2one(related="indicator_id.project_id", store=True, string="Project")
    date = fields.Date(required=True, default=fields.Date.context_today)
    value = fields.Float(digits=(16, 2), required=True)
    kind = fields.Selection(
        [("manual", "Entered value"), ("snapshot", "Monthly snapshot")], required=True, default="manual",
        help="Entered values make the actual value of manual indicators; snapshots keep the history by month.")
    note = fields.Text()
