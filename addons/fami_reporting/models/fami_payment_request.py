import base64

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount, format_date, formatLang

from ..lib import budget_rules, claim_workbook, cost_rules, money_rules


class FamiPaymentRequest(models.Model):
    """An interim or final claim (domanda di rimborso). Submitting it claims and locks everything in it; only a
    manager can reopen it, with a reason, and both moves are in the workflow log."""

    _name = "fami.payment.request"
    _description = "FAMI payment request"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "submitted", "approved")
    _workflow_required_transitions = ("submit", "approve", "reopen")
    _order = "date_to desc, id desc"

    name = fields.Char(required=True, default=lambda self: self.env._("Payment request"))
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict",
                                 default=lambda self: self.env["fami.project"]._fami_default_project())
    kind = fields.Selection([("interim", "Interim"), ("final", "Final")], required=True, default="interim")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    organisation_ids = fields.Many2many(
        "res.partner", string="Partners",
        domain="[('fami_project_partner_ids', 'any', [('project_id', '=', project_id), "
               "('role', 'in', ('lead', 'partner'))])]",
        default=lambda self: self._default_organisation_ids(),
        help="The partners whose expenses and staff costs the claim takes in; empty for the whole partnership, which "
             "only managers and auditors read. The staff of a partner read a claim only when all of it is theirs.")
    expense_ids = fields.One2many("fami.expense", "payment_request_id", string="Expenses")
    staff_cost_ids = fields.One2many("fami.staff.cost", "payment_request_id", string="Staff costs")
    currency_id = fields.Many2one(related="project_id.currency_id")
    # the advance this claim recovers, by the grant agreement's rule (project, tab Grant agreement): live while the
    # claim is a draft, fixed when it is locked so that later claims, payments or settings do not move it
    advance_recovered_snapshot = fields.Monetary(
        string="Advance recovered when locked", readonly=True, copy=False, currency_field="currency_id")
    advance_recovered = fields.Monetary(
        string="Advance recovered", compute="_compute_amount_net", currency_field="currency_id",
        help="The part of the advance this claim recovers, by the rule of the grant agreement.")
    amount_net = fields.Monetary(
        string="Net amount requested", compute="_compute_amount_net", currency_field="currency_id",
        help="The amount requested less the advance recovered.")
    amount_net_in_words = fields.Char(string="Net amount in words", compute="_compute_amount_net")
    payment_received_ids = fields.One2many("fami.payment.received", "claim_id", string="Payments received")
    amount_admitted = fields.Monetary(
        string="Amount admitted", compute="_compute_amount_paid", currency_field="currency_id",
        help="What the AdG admitted of the claim, from the payments received for it.")
    amount_paid = fields.Monetary(
        string="Amount paid", compute="_compute_amount_paid", currency_field="currency_id",
        help="What the AdG paid for the claim (payments received).")
    indirect_rate = fields.Float(
        string="Indirect costs flat rate (%)", readonly=True,
        help="The flat rate of the project's approved budget (Reg. 2021/1060 art. 54) when the items were "
             "collected: it stays with the claim.")
    indirect_base = fields.Selection(
        selection=lambda self: self.env["fami.budget"]._fields["indirect_base"]._description_selection(self.env),
        string="Indirect costs base", readonly=True, default="direct_costs")
    direct_amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id",
                                    string="Direct costs", help="Eligible amounts of the expenses plus staff costs.")
    indirect_amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id",
                                      string="Indirect costs (flat rate)",
                                      help="Computed from the direct costs, never typed.")
    amount_total = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id",
                                   string="Amount requested", help="Direct costs plus the flat-rate indirect costs.")
    amount_in_words = fields.Char(compute="_compute_amount", store=True, string="Amount in words")
    totals_html = fields.Html(string="Totals by category and partner", compute="_compute_totals_html",
                              sanitize=False, help="The expenses and staff costs of the claim summed per cost "
                                                   "category and per partner.")
    workbook = fields.Binary(readonly=True, attachment=True, copy=False)
    workbook_filename = fields.Char(readonly=True)

    @api.depends("expense_ids.claimed_amount", "staff_cost_ids.claimed_amount", "indirect_rate", "indirect_base")
    def _compute_amount(self):
        for claim in self:
            # what the verification did not admit is out of every total (fami.claim.item.claimed_amount)
            staff = cost_rules.cents(sum(claim.staff_cost_ids.mapped("claimed_amount")))
            direct = cost_rules.cents(sum(claim.expense_ids.mapped("claimed_amount"))) + staff
            indirect = cost_rules.flat_rate_on(direct, staff, claim.indirect_rate,
                                               claim.indirect_base or "direct_costs")
            claim.direct_amount = float(direct)
            claim.indirect_amount = float(indirect)
            claim.amount_total = float(direct + indirect)
            claim.amount_in_words = cost_rules.amount_in_words(direct + indirect)

    @api.model
    def _default_organisation_ids(self):
        """Staff prepare their own organisations' claims: a claim for the whole partnership is a manager's."""
        if self.env.user.has_group("fami_partners.group_fami_manager"):
            return self.env["res.partner"]
        return self.env.user.fami_organisation_ids

    @api.model_create_multi
    def create(self, vals_list):
        claims = super().create(vals_list)
        claims._take_indirect_terms()
        return claims

    def _approved_budget(self):
        """The budget the Ministry approved: the latest approved version, not a draft still being negotiated."""
        self.ensure_one()
        return self.project_id._approved_budget()

    @api.depends("amount_total", "kind", "project_id", "advance_recovered_snapshot", "workflow_state_id")
    def _compute_amount_net(self):
        for claim in self:
            recovered = cost_rules.cents(claim.advance_recovered_snapshot) if claim.workflow_locked \
                else claim._advance_recovery_due()
            net = cost_rules.cents(claim.amount_total) - recovered
            claim.advance_recovered = float(recovered)
            claim.amount_net = float(net)
            claim.amount_net_in_words = cost_rules.amount_in_words(net)

    def _advance_recovery_due(self):
        """What the claim recovers of the advance now, by the project's rule, after the claims locked before it."""
        self.ensure_one()
        project = self.project_id
        if not project:
            return cost_rules.cents(0)
        # sudo: the advance and what the project's other claims recovered are the lead partner's figures; only the
        # recovery of this claim comes out of them
        earlier = self.env["fami.payment.request"].sudo().search([
            ("project_id", "=", project.id), ("id", "!=", self._origin.id), ("workflow_state_id.locked", "=", True)])
        return money_rules.advance_recovery(
            self.amount_total, project._advance_received(), sum(earlier.mapped("advance_recovered_snapshot")),
            project.agreement_recovery_rule or "share", project.agreement_recovery_percent,
            final=self.kind == "final")

    @api.depends("payment_received_ids.amount", "payment_received_ids.amount_admitted",
                 "payment_received_ids.workflow_state_code")
    def _compute_amount_paid(self):
        for claim in self:
            # sudo: what the AdG admitted and paid of the claim is shown to all its readers
            received = claim.sudo().payment_received_ids.filtered(
                lambda payment: payment.workflow_state_code == "received")
            claim.amount_admitted = sum(received.mapped("amount_admitted"))
            claim.amount_paid = sum(received.mapped("amount"))

    def _workbook_advance(self):
        """The advance recovered under the amount requested, with the rule that recovered it."""
        project = self.project_id
        if self.kind == "final":
            rule = self.env._("Final claim: what is left of the advance")
        elif (project.agreement_recovery_rule or "share") == "share":
            percent = format(project.agreement_recovery_percent, "g")
            rule = self.env._("%(percent)s%% of each interim claim (grant agreement)", percent=percent)
        else:
            rule = self.env._("Recovered from the final claim (grant agreement)")
        return {"amount": self.advance_recovered, "rule": rule}

    def _take_indirect_terms(self):
        """The flat rate and its base come from the approved budget, never typed."""
        for claim in self:
            budget = claim._approved_budget()
            claim.write({"indirect_rate": budget.indirect_rate,
                         "indirect_base": budget.indirect_base or "direct_costs"})

    @api.depends("expense_ids.claimed_amount", "expense_ids.category_id", "expense_ids.organisation_id",
                 "staff_cost_ids.claimed_amount", "staff_cost_ids.category_id", "staff_cost_ids.organisation_id")
    def _compute_totals_html(self):
        for claim in self:
            items = [(record.category_id, record.organisation_id, kind, amount)
                     for kind, records, field in (("expense", claim.expense_ids, "claimed_amount"),
                                                  ("staff", claim.staff_cost_ids, "claimed_amount"))
                     for record in records for amount in [record[field]]]
            categories = {item[0] for item in items}
            partners = {item[1] for item in items}
            category_key = {category: (category.sequence, category.code or "", category.id) for category in categories}
            partner_key = {partner: (partner.name or "", partner.id) for partner in partners}
            label = {**{category_key[c]: f"{c.code or ''} {c.name or ''}".strip() for c in categories},
                     **{partner_key[p]: p.name or "" for p in partners}}
            totals = budget_rules.claim_totals([(category_key[category], partner_key[partner], kind, amount)
                                                for category, partner, kind, amount in items])
            claim.totals_html = Markup("").join(
                claim._totals_table(title, totals[grouping], totals["total"], label)
                for grouping, title in (("category", self.env._("Cost category")), ("partner", self.env._("Partner"))))

    def _fami_currency(self):
        """The currency amounts are printed in: the project's, else the euro (a claim being typed, with no project
        yet)."""
        return self.currency_id or self.env.ref("base.EUR", raise_if_not_found=False) or self.env.company.currency_id

    def _fami_report_lang(self):
        """The documents for the Ministry are in Italian, where Italian is installed (else in the user's language)."""
        return self.env["res.lang"]._get_code("it_IT") or self.env.lang

    def _totals_table(self, title, rows, total, label):
        currency = self._fami_currency()

        def money(value):
            return format_amount(self.env, float(value), currency)
        cells = Markup("<td class='text-end'>%s</td><td class='text-end'>%s</td><td class='text-end'>%s</td>")
        body = Markup("").join(Markup("<tr><td>%s</td>%s</tr>") % (
            label[row["key"]], cells % (money(row["expense"]), money(row["staff"]), money(row["total"])))
            for row in rows)
        return Markup("<table class='table table-sm o_fami_claim_totals'><thead><tr><th>%s</th>"
                      "<th class='text-end'>%s</th><th class='text-end'>%s</th><th class='text-end'>%s</th></tr>"
                      "</thead><tbody>%s</tbody><tfoot><tr><th>%s</th>%s</tr></tfoot></table>") % (
            title, self.env._("Expenses"), self.env._("Staff costs"), self.env._("Total"), body, self.env._("Total"),
            cells % (money(total["expense"]), money(total["staff"]), money(total["total"])))

    def action_generate_staff_costs(self):
        """Compute the staff costs of every month of the period from the approved timesheet hours × the rates, and
        say what came of it, also when the period has no approved hours."""
        self.ensure_one()
        costs = self.env["fami.staff.cost"]
        month = self.date_from.replace(day=1)
        while month <= self.date_to:
            costs |= costs._generate(self.project_id, month, month + relativedelta(months=1, days=-1))
            month += relativedelta(months=1)
        if not costs:
            return self._fami_notify(self.env._(
                "No approved hours of %(project)s between %(start)s and %(end)s: no staff cost to compute. Hours "
                "count once they are approved.", project=self.project_id.name,
                start=format_date(self.env, self.date_from), end=format_date(self.env, self.date_to)), "warning")
        return self._fami_notify(self.env._(
            "%(count)s staff costs computed (%(hours)s hours, %(amount)s): press Collect approved items to take them "
            "into the claim.", count=len(costs), hours=formatLang(self.env, sum(costs.mapped("hours"))),
            amount=format_amount(self.env, sum(costs.mapped("amount")), self._fami_currency())), "success")

    def _fami_notify(self, message, kind):
        """A message in the corner of the screen; the claim on screen then reloads to show what changed. Closing
        (not soft_reload) reloads the record the button ran on: soft_reload reopened a claim just created from
        "Nuova" as a new empty claim."""
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"message": message, "type": kind, "sticky": False,
                           "next": {"type": "ir.actions.act_window_close"}}}

    def action_collect_items(self):
        """Take the approved expenses and staff costs of the period that no claim includes yet, and say what was
        taken, also when nothing was."""
        before = {claim: (claim.expense_ids, claim.staff_cost_ids) for claim in self}
        for claim in self:
            if claim.workflow_locked:
                raise UserError(self.env._("The claim %(claim)s is locked.", claim=claim.name))
            claim._take_indirect_terms()  # the budget may have been approved since the claim was created
            # a partner's costs enter the claim once the lead partner validated its declaration holding them
            domain = [("project_id", "=", claim.project_id.id), ("payment_request_id", "=", False),
                      ("declaration_ids.workflow_state_code", "=", "validated")]
            if claim.organisation_ids:
                domain.append(("organisation_id", "in", claim.organisation_ids.ids))
            self.env["fami.expense"].search(domain + [
                ("workflow_state_code", "=", "approved"), ("document_date", ">=", claim.date_from),
                # sudo: approved expenses are locked to their authors; only the claim link is written
                ("document_date", "<=", claim.date_to)]).sudo()._fami_attach_to_claim(claim)
            self.env["fami.staff.cost"].search(domain + [
                ("month", ">=", claim.date_from), ("month", "<=", claim.date_to)]).write(
                {"payment_request_id": claim.id})
        self.invalidate_recordset(["expense_ids", "staff_cost_ids"])
        expenses = sum((claim.expense_ids - before[claim][0] for claim in self), self.env["fami.expense"])
        costs = sum((claim.staff_cost_ids - before[claim][1] for claim in self), self.env["fami.staff.cost"])
        if not expenses and not costs:
            return self._fami_notify(self.env._(
                "No approved expense or staff cost of the period is left to claim: the claim is unchanged. An expense "
                "enters once approved and declared, a staff cost once computed (button Compute staff costs)."),
                "warning")
        return self._fami_notify(self.env._(
            "%(expenses)s expenses and %(costs)s staff costs taken into the claim: it now requests %(amount)s.",
            expenses=len(expenses), costs=len(costs),
            amount=format_amount(self.env, sum(self.mapped("amount_total")), self[:1]._fami_currency())), "success")

    def _workflow_check_transition(self, transition, comment):
        result = super()._workflow_check_transition(transition, comment)
        if transition.state_to_id.locked and not self.workflow_locked and not (self.expense_ids or self.staff_cost_ids):
            raise UserError(self.env._(
                "The claim %(claim)s is empty (%(amount)s): it cannot be sent. Press Collect approved items to take "
                "in the approved expenses and staff costs of the period, then send it.", claim=self.name,
                amount=format_amount(self.env, 0.0, self._fami_currency())))
        if transition.state_to_id.locked and not self.workflow_locked:
            # the advance recovered is fixed when the claim is locked
            self.advance_recovered_snapshot = float(self._advance_recovery_due())
        if self.workflow_locked and not transition.state_to_id.locked:
            # sudo: only whether the AdG paid the claim is read, to refuse reopening it
            paid = self.sudo().payment_received_ids.filtered(lambda payment: payment.workflow_state_code == "received")
            if paid:
                raise UserError(self.env._(
                    "The claim %(claim)s cannot be reopened: the AdG paid it (%(payment)s). Its figures are those the "
                    "AdG checked and paid; correct them in a later claim.", claim=self.name,
                    payment=paid[0].display_name))
        return result

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
        budget = self._approved_budget()

        expenses = _rows(self.expense_ids, {"supplier": "supplier_id"}, {
            "document": "document_number", "document_date": "document_date", "payment_date": "payment_date",
            "taxable": "taxable_amount", "vat": "vat_amount", "eligible": "eligible_amount",
            "not_admitted": "not_admitted_amount"})
        staff = _rows(self.staff_cost_ids, {"person": "employee_id"}, {
            "month": "month", "hours": "hours", "rate": "hourly_rate", "amount": "amount",
            "not_admitted": "not_admitted_amount"})
        for row in staff:
            row["month"] = row["month"].strftime("%Y-%m")
        # one row per line; the writer sums the lines of a work package × category × partner into one summary row
        lines = budget.line_ids  # as the user: their record rules leave out the lines they may not read
        if self.organisation_ids:
            # a partner's claim shows that partner's budget, not the whole partnership's
            lines = lines.filtered(lambda line: line.organisation_id in self.organisation_ids)
        budget_rows = _rows(lines, {}, {"budget": "planned_amount"})
        indicators = [{"code": i.code, "name": i.name, "target": i.target, "actual": i.actual_value}
                      for i in self.project_id.indicator_ids]
        return budget_rows, expenses, staff, indicators

    def _workbook_labels(self):
        """The sheet names and headers of the workbook in the user's language (claim_workbook.LABELS)."""
        return {
            "summary": self.env._("Summary"), "expenses": self.env._("Expenses"), "staff": self.env._("Staff"),
            "indicators": self.env._("Indicators"), "total": self.env._("Total"),
            "indirect": self.env._("Indirect costs (flat rate)"), "requested": self.env._("Amount requested"),
            "advance": self.env._("Advance recovered"), "net": self.env._("Net amount requested"),
            "summary_columns": [
                self.env._("Work package"), self.env._("Category"), self.env._("Partner"), self.env._("Budget"),
                self.env._("Actual"), self.env._("Remaining"), self.env._("% used")],
            "expense_columns": [
                self.env._("Reference"), self.env._("Work package"), self.env._("Category"), self.env._("Partner"),
                self.env._("Supplier"), self.env._("Document"), self.env._("Document date"),
                self.env._("Payment date"), self.env._("Taxable"), self.env._("VAT"), self.env._("Eligible amount"),
                self.env._("Not admitted")],
            "staff_columns": [
                self.env._("Reference"), self.env._("Work package"), self.env._("Category"), self.env._("Partner"),
                self.env._("Person"), self.env._("Month"), self.env._("Hours"), self.env._("Hourly rate"),
                self.env._("Staff cost"), self.env._("Not admitted")],
            "indicator_columns": [
                self.env._("Code"), self.env._("Indicator"), self.env._("Target"), self.env._("Actual value"),
                self.env._("% reached")],
        }

    def _workbook_indirect(self):
        bases = dict(self._fields["indirect_base"]._description_selection(self.env))
        return {"rate": self.indirect_rate, "base": self.indirect_base or "direct_costs",
                "base_label": bases.get(self.indirect_base or "direct_costs"), "amount": self.indirect_amount}

    def _workbook_content(self):
        """The xlsx bytes of the claim's workbook, as the current user reads the claim: its items, the amount
        requested, the advance recovered and the net amount; nothing is stored."""
        self.ensure_one()
        return claim_workbook.write_claim_workbook(f"{self.project_id.name} — {self.name}",
                                                   *self._workbook_data(), labels=self._workbook_labels(),
                                                   indirect=self._workbook_indirect(),
                                                   advance=self._workbook_advance())

    def _store_workbook(self):
        for claim in self:
            content = claim._workbook_content()
            # sudo: the workbook is a file generated from the claim, written only while the claim is not locked
            claim.sudo().write({"workbook": base64.b64encode(content),
                                "workbook_filename": f"rendicontazione-{claim.id}.xlsx"})

    def _workflow_move(self, transition, comment):
        # the workbook as sent: produced from the claim just before it locks, it stays with it as evidence (the
        # budget and the indicators it shows may change later, the workbook sent does not)
        if transition.state_to_id.locked and not transition.state_from_id.locked:
            self._store_workbook()
        return super()._workflow_move(transition, comment)

    def action_export_workbook(self):
        """Download the claim's workbook: produced anew while the claim is a draft (which takes the right to change
        it), the one kept when it was sent once it is locked (any reader of the claim, nothing written)."""
        self.ensure_one()
        readable = self.has_access("read")
        # the workbook of a draft is written on the claim and read by all its readers: producing it needs the right
        # to change it; a sent claim's is read by whoever reads the claim
        if not readable or not (self.workflow_locked or self.has_access("write")):
            # a claim the user may not even read is not named
            claim = self.name if readable else f"#{self.id}"
            raise AccessError(self.env._(
                "You may not produce the workbook of the claim %(claim)s: it takes the right to change the claim "
                "(the administrative staff of its partners, or a manager).", claim=claim))
        if not self.workflow_locked:
            self._store_workbook()
        elif not self.workbook:
            raise UserError(self.env._(
                "The claim %(claim)s was locked without its workbook: ask a manager to reopen it and send it again, "
                "which keeps the workbook as sent.", claim=self.name))
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/web/content/{self._name}/{self.id}/workbook/{self.workbook_filename}?download=true"}

def _rows(records, links, columns):
    """The workbook rows of `records` in id order: ref, wp, category and partner, the names of the `links`
    ({key: many2one}) and the values of the `columns` ({key: field}). Links come from one grouped query and values
    column by column: read record by record, the 50,000 rows of a large claim took longer than writing them."""
    records = records.sorted("id")
    labels = {}
    for action, category, organisation, *targets, ids in records._read_group(
            [("id", "in", records.ids)], ["action_id", "category_id", "organisation_id", *links.values()],
            ["id:array_agg"]):
        group = {"wp": action.code or "", "category": category.code or "", "partner": organisation.name or "",
                 **{key: target.name or "" for key, target in zip(links, targets)}}
        labels.update(dict.fromkeys(ids, group))
    records.fetch(list(columns.values()))  # in one query: batch by batch, each batch scans every prefetched id
    values = zip(records.ids, *(records.mapped(name) for name in columns.values()))
    return [dict(labels[record_id], ref=f"{records._name},{record_id}", **dict(zip(columns, row)))
            for record_id, *row in values]
