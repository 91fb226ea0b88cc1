from odoo import api, fields, models

from ..lib import outcome_rules


class FamiNetworkActivity(models.TransientModel):
    """The partners and network members active in a quarter, by network category: what the network section of the
    quarterly monitoring return reports (fami.project._network_members_active)."""

    _name = "fami.network.activity"
    _description = "Network members active in a quarter"

    project_id = fields.Many2one("fami.project", required=True, ondelete="cascade")
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    quarter = fields.Selection([("1", "Q1 (January-March)"), ("2", "Q2 (April-June)"),
                                ("3", "Q3 (July-September)"), ("4", "Q4 (October-December)")], required=True,
                               default="1")
    date_from = fields.Date(string="From", compute="_compute_dates")
    date_to = fields.Date(string="To", compute="_compute_dates")
    line_ids = fields.One2many("fami.network.activity.line", "wizard_id", string="Active organisations")

    @api.depends("year", "quarter")
    def _compute_dates(self):
        for wizard in self:
            if 2021 <= wizard.year <= 2029 and wizard.quarter:
                wizard.date_from, wizard.date_to = outcome_rules.quarter_bounds(wizard.year, int(wizard.quarter))
            else:
                wizard.date_from = wizard.date_to = False

    def action_compute(self):
        self.ensure_one()
        self.line_ids.unlink()
        rows = self.project_id._network_members_active(self.date_from, self.date_to)
        self.env["fami.network.activity.line"].create([{
            "wizard_id": self.id, "link_id": row["link"].id, "category": row["category"] or False,
            "role": row["role"], "meeting_count": row["meetings"], "session_count": row["sessions"],
            "event_count": row["events"], "activity": row["activity"], "sequence": index,
        } for index, row in enumerate(rows)])
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new", "name": self.env._("Network activity in a quarter")}
