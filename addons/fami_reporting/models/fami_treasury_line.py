from odoo import fields, models, tools
from odoo.tools import SQL


class FamiTreasuryLine(models.Model):
    """The project's money over time, one row per movement: payments received from the AdG, transfers made to the
    partners, costs spent (approved and claimed expenses, staff costs), guarantees issued and released. Each row
    carries what it adds to each figure, so that the graph cumulated by month shows the balances: cash held
    (received less transferred), to be justified (received less spent) and the guarantee exposure."""

    _name = "fami.treasury.line"
    _description = "FAMI treasury movement"
    _auto = False
    _order = "date, id"
    _depends = {
        "fami.payment.received": ["project_id", "kind", "date", "amount", "workflow_state_code"],
        "fami.partner.transfer": ["project_id", "organisation_id", "date", "amount", "workflow_state_code"],
        "fami.expense": ["project_id", "organisation_id", "document_date", "payment_date", "eligible_amount",
                         "workflow_state_code"],
        "fami.staff.cost": ["project_id", "organisation_id", "month", "amount"],
        "fami.guarantee": ["project_id", "date_from", "date_released", "amount", "workflow_state_code"],
        "fami.project": ["lead_partner_id"],
    }

    project_id = fields.Many2one("fami.project", readonly=True)
    date = fields.Date(readonly=True)
    kind = fields.Selection([("received", "Received from the AdG"), ("transferred", "Transferred to a partner"),
                             ("spent", "Spent"), ("guarantee_issued", "Guarantee issued"),
                             ("guarantee_released", "Guarantee released")], readonly=True)
    organisation_id = fields.Many2one("res.partner", readonly=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    received = fields.Monetary(readonly=True, currency_field="currency_id")
    transferred = fields.Monetary(readonly=True, currency_field="currency_id")
    spent = fields.Monetary(readonly=True, currency_field="currency_id")
    cash_held = fields.Monetary(string="Cash held", readonly=True, currency_field="currency_id",
                                help="Received less transferred to the partners.")
    to_justify = fields.Monetary(string="To be justified", readonly=True, currency_field="currency_id",
                                 help="Received less spent: money received that costs do not cover yet (negative: "
                                      "costs paid ahead of the money).")
    guarantee_exposure = fields.Monetary(string="Guarantee exposure", readonly=True, currency_field="currency_id",
                                         help="Guarantees issued and not released.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # each movement's id is its source id × 8 + the number of its source: stable while the data stay
        self.env.cr.execute(SQL("""
            CREATE VIEW %(view)s AS (
                SELECT p.id * 8 + 1 AS id, p.project_id, p.date, 'received' AS kind,
                       project.lead_partner_id AS organisation_id, p.amount AS received, 0 AS transferred, 0 AS spent,
                       p.amount AS cash_held, p.amount AS to_justify, 0 AS guarantee_exposure
                  FROM fami_payment_received p JOIN fami_project project ON project.id = p.project_id
                 WHERE p.workflow_state_code = 'received'
                UNION ALL
                SELECT t.id * 8 + 2, t.project_id, t.date, 'transferred', t.organisation_id, 0, t.amount, 0,
                       -t.amount, 0, 0
                  FROM fami_partner_transfer t
                 WHERE t.workflow_state_code = 'transferred'
                UNION ALL
                SELECT e.id * 8 + 3, e.project_id, COALESCE(e.payment_date, e.document_date), 'spent',
                       e.organisation_id, 0, 0, e.eligible_amount, 0, -e.eligible_amount, 0
                  FROM fami_expense e
                 WHERE e.workflow_state_code IN ('approved', 'claimed')
                UNION ALL
                SELECT c.id * 8 + 4, c.project_id, c.month, 'spent', c.organisation_id, 0, 0, c.amount, 0,
                       -c.amount, 0
                  FROM fami_staff_cost c
                UNION ALL
                SELECT g.id * 8 + 5, g.project_id, g.date_from, 'guarantee_issued', project.lead_partner_id, 0, 0, 0,
                       0, 0, g.amount
                  FROM fami_guarantee g JOIN fami_project project ON project.id = g.project_id
                 WHERE g.workflow_state_code IN ('issued', 'released')
                UNION ALL
                SELECT g.id * 8 + 6, g.project_id, g.date_released, 'guarantee_released', project.lead_partner_id,
                       0, 0, 0, 0, 0, -g.amount
                  FROM fami_guarantee g JOIN fami_project project ON project.id = g.project_id
                 WHERE g.workflow_state_code = 'released'
            )""", view=SQL.identifier(self._table)))
