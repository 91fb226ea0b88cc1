import base64

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import claim_workbook, cost_rules


class FamiPaymentRequest(models.Model):
    """An interim or final claim (domanda di rimborso). Submitting it claims and locks everything in it; only a
    manager can reopen it, with a reason, and both moves are in the workflow log."""

    _name = "fami.payment.request"
    _description = "FAMI payment request"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"

    name = fields.Char(required=True, default=lambda self: _("Payment request"))
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    kind = fields.Selection([("interim", "Interim"), ("final", "Final")], required=True, default="interim")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    organisation_ids = fields.Many2many("res.partner", string="Partners", domain=[("is_company", "=", True)])
    expense_ids = fields.One2many("fami.expense", "payment_request_id", string="Expenses")
    staff_cost_ids = fields.One2many("fami.staff.cost", "payment_request_id", string="Staff costs")
    currency_id = fields.Many2one(related="project_id.currency_id")
    amount_total = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id",
                                   string="Amount requested")
    amount_in_words = fields.Char(compute="_compute_amount", store=True, string="Amount in words")
    workbook = fields.Binary(readonly=True, attachment=True, copy=False)
    workbook_filename = fields.Char(readonly=True)

    @api.depends("expense_ids.eligible_amount", "staff_cost_ids.amount")
    def _compute_amount(self):
        for claim in self:
            total = cost_rules.cents(sum(claim.expense_ids.mapped("eligible_amount"))) + cost_rules.cents(
                sum(claim.staff_cost_ids.mapped("amount")))
            claim.amount_total = float(total)
            claim.amount_in_words = cost_rules.amount_in_words(total)

    def action_generate_staff_costs(self):
        """Compute the staff costs of every month of the period from the approved timesheet hours × the rates."""
        for claim in self:
            month = claim.date_from.replace(day=1)
            while month <= claim.date_to:
                self.env["fami.staff.cost"]._generate(claim.project_id, month,
                                                      month + relativedelta(months=1, days=-1))
                month += relativedelta(months=1)
        return True

    def action_collect_items(self):
        """Take the approved expenses and staff costs of the period that no claim includes yet."""
        for claim in self:
            if claim.workflow_locked:
                raise UserError(_("The claim %(claim)s is locked.", claim=claim.name))
            domain = [("project_id", "=", claim.project_id.id), ("payment_request_id", "=", False)]
            if claim.organisation_ids:
                domain.append(("organisation_id", "in", claim.organisation_ids.ids))
            self.env["fami.expense"].search(domain + [
                ("workflow_state_code", "=", "approved"), ("document_date", ">=", claim.date_from),
                # sudo: approved expenses are locked to their authors; only the claim link is written
                ("document_date", "<=", claim.date_to)]).sudo()._fami_attach_to_claim(claim)
            self.env["fami.staff.cost"].search(domain + [
                ("month", ">=", claim.date_from), ("month", "<=", claim.date_to)]).write(
                {"payment_request_id": claim.id})
        return True

    def _workflow_after_move(self, transition):
        result = super()._workflow_after_move(transition)
        # sudo keeps the manager as the user who moves the expenses, whatever their record rules
        if transition.state_to_id.code == "submitted":
            # sudo: the claim moves its expenses whatever the record rules of the manager submitting it
            self.expense_ids.sudo().workflow_fire("claim")
        elif transition.state_to_id.code == "draft":
            # sudo: the claim moves its expenses back whatever the record rules of the manager reopening it
            self.expense_ids.sudo().workflow_fire("unclaim")
        return result

    # ------------------------------------------------------------ the workbook

    def _workbook_data(self):
        self.ensure_one()
        budget = self.env["fami.budget"].search([("project_id", "=", self.project_id.id)], order="version desc",
                                                limit=1)

        def key(record):
            return {"wp": record.action_id.code or "", "category": record.category_id.code or "",
                    "partner": record.organisation_id.name or ""}

        expenses = [dict(key(e), ref=f"fami.expense,{e.id}", supplier=e.supplier_id.name or "",
                         document=e.document_number, document_date=e.document_date, payment_date=e.payment_date,
                         taxable=e.taxable_amount, vat=e.vat_amount, eligible=e.eligible_amount)
                    for e in self.expense_ids.sorted("id")]
        staff = [dict(key(c), ref=f"fami.staff.cost,{c.id}", person=c.employee_id.name,
                      month=c.month.strftime("%Y-%m"), hours=c.hours, rate=c.hourly_rate, amount=c.amount)
                 for c in self.staff_cost_ids.sorted("id")]
        actual = {}
        for row in expenses + staff:
            group = (row["wp"], row["category"], row["partner"])
            actual[group] = actual.get(group, 0) + float(row.get("eligible", row.get("amount", 0)))
        budget_rows = [dict(key(line), budget=line.planned_amount,
                            actual=actual.get((line.action_id.code, line.category_id.code,
                                               line.organisation_id.name), 0))
                       for line in budget.line_ids]
        indicators = [{"code": i.code, "name": i.name, "target": i.target, "actual": i.actual_value}
                      for i in self.project_id.indicator_ids]
        return budget_rows, expenses, staff, indicators

    def action_export_workbook(self):
        self.ensure_one()
        content = claim_workbook.write_claim_workbook(f"{self.project_id.name} — {self.name}",
                                                      *self._workbook_data())
        # sudo: the workbook is a file generated from the claim; a locked claim must still accept it
        self.sudo().write({"workbook": base64.b64encode(content),
                           "workbook_filename": f"rendicontazione-{self.id}.xlsx"})
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/web/content/{self._name}/{self.id}/workbook/{self.workbook_filename}?download=true"}

