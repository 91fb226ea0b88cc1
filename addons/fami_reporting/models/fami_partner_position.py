from decimal import Decimal

from odoo import fields, models, tools
from odoo.tools import SQL

from ..lib import cost_rules, money_rules

POSITION_FIELDS = ("budget", "spent", "declared", "validated", "claimed", "admitted", "received", "to_justify")


class FamiPartnerPosition(models.Model):
    """Where each partner of a project stands with the lead partner, one row per partner (the lead included): its
    approved budget, what it spent, declared, what the lead partner validated, claimed, what the AdG admitted, what it
    received, and what it still has to justify. A partner's staff read their own row; the lead partner's staff,
    managers and auditors every row of the project."""

    _name = "fami.partner.position"
    _description = "FAMI partner's financial position"
    _auto = False
    _order = "project_id, role, organisation_id"
    _depends = {"fami.project.partner": ["project_id", "partner_id", "role"]}

    project_id = fields.Many2one("fami.project", readonly=True)
    organisation_id = fields.Many2one("res.partner", string="Partner", readonly=True)
    role = fields.Selection([("lead", "Lead partner"), ("partner", "Project partner")], readonly=True)
    currency_id = fields.Many2one(related="project_id.currency_id")
    budget = fields.Monetary(compute="_compute_position", currency_field="currency_id",
                             help="The partner's lines in the approved budget.")
    spent = fields.Monetary(compute="_compute_position", currency_field="currency_id",
                            help="Its approved and claimed expenses and its staff costs.")
    declared = fields.Monetary(compute="_compute_position", currency_field="currency_id",
                               help="Costs in its declarations submitted to the lead partner or validated.")
    validated = fields.Monetary(string="Validated by the lead partner", compute="_compute_position",
                                currency_field="currency_id", help="Costs in its validated declarations.")
    claimed = fields.Monetary(compute="_compute_position", currency_field="currency_id",
                              help="Its share of the amounts requested by the submitted claims (its costs and the "
                                   "flat-rate indirect costs on them).")
    admitted = fields.Monetary(compute="_compute_position", currency_field="currency_id",
                               help="Its share of what the AdG admitted of those claims.")
    received = fields.Monetary(compute="_compute_position", currency_field="currency_id",
                               help="Transfers made to it; for the lead partner, what it kept of the payments "
                                    "received.")
    to_justify = fields.Monetary(string="Still to justify", compute="_compute_position", currency_field="currency_id",
                                 help="Received less spent (negative: costs it paid ahead of the money).")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("""
            CREATE VIEW %(view)s AS (
                SELECT link.id, link.project_id, link.partner_id AS organisation_id, link.role
                  FROM fami_project_partner link
                 WHERE link.role IN ('lead', 'partner')
            )""", view=SQL.identifier(self._table)))

    def _compute_position(self):
        # sudo: the row itself is read only by its partner's staff, the lead partner's staff, managers and auditors
        # (record rules); its figures add up the project's records, which those readers may not all read one by one
        for project, rows in self.sudo().grouped("project_id").items():
            figures = rows._figures(project)
            for row in rows:
                values = figures.get(row.organisation_id, {})
                self.browse(row.id).update({name: float(values.get(name, 0)) for name in POSITION_FIELDS})

    def _figures(self, project):
        """{organisation: {figure: Decimal}} of the project's partners."""
        env = self.env
        figures = {}

        def add(organisation, name, amount):
            row = figures.setdefault(organisation, dict.fromkeys(POSITION_FIELDS, Decimal(0)))
            row[name] += cost_rules.cents(amount)

        for line in project._approved_budget().line_ids:
            add(line.organisation_id, "budget", line.planned_amount)
        expenses = env["fami.expense"].search([("project_id", "=", project.id),
                                               ("workflow_state_code", "in", ("approved", "claimed"))])
        costs = env["fami.staff.cost"].search([("project_id", "=", project.id)])
        items = [(expense, expense.eligible_amount) for expense in expenses] + [(cost, cost.amount) for cost in costs]
        for item, amount in items:
            add(item.organisation_id, "spent", amount)
            states = set(item.declaration_ids.mapped("workflow_state_code"))
            if states & {"submitted", "validated"}:
                add(item.organisation_id, "declared", amount)
            if "validated" in states:
                add(item.organisation_id, "validated", amount)
        claims = env["fami.payment.request"].search([("project_id", "=", project.id),
                                                     ("workflow_state_id.locked", "=", True)])
        for claim in claims:
            parts = {}
            for item, amount in [(e, e.eligible_amount) for e in claim.expense_ids] + [
                    (c, c.amount) for c in claim.staff_cost_ids]:
                parts[item.organisation_id] = parts.get(item.organisation_id, 0) + amount
            for organisation, part in parts.items():
                add(organisation, "claimed", money_rules.proportional(part, claim.direct_amount, claim.amount_total))
                add(organisation, "admitted", money_rules.proportional(part, claim.direct_amount,
                                                                      claim.amount_admitted))
        transfers = env["fami.partner.transfer"].search([("project_id", "=", project.id),
                                                         ("workflow_state_code", "=", "transferred")])
        for transfer in transfers:
            add(transfer.organisation_id, "received", transfer.amount)
        payments = env["fami.payment.received"].search([("project_id", "=", project.id),
                                                         ("workflow_state_code", "=", "received")])
        if project.lead_partner_id:
            add(project.lead_partner_id, "received",
                sum(payments.mapped("amount")) - sum(transfers.mapped("amount")))
        for row in figures.values():
            row["to_justify"] = row["received"] - row["spent"]
        return figures
