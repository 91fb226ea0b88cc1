from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount, format_date


class FamiMonitoringNarrative(models.Model):
    """The interim or final narrative report (relazione intermedia / finale) of a project: assembled from the
    quarterly returns of its period (the procedural text of each work package, the indicators at the end of the
    period, the people reached, the spending), then edited freely and printed."""

    _name = "fami.monitoring.narrative"
    _description = "FAMI interim or final narrative report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "project_id, date_to desc, id desc"

    name = fields.Char(required=True, tracking=True,
                       default=lambda self: self.env._("Interim narrative report"))
    project_id = fields.Many2one("fami.project", required=True, index=True, ondelete="restrict")
    kind = fields.Selection([("interim", "Interim (relazione intermedia)"), ("final", "Final (relazione finale)")],
                            required=True, default="interim", tracking=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    cup = fields.Char(related="project_id.cup", string="CUP")
    report_ids = fields.Many2many("fami.monitoring.report", string="Quarterly returns", readonly=True,
                                  help="The returns it was assembled from.")
    assembled_on = fields.Datetime(readonly=True)
    introduction = fields.Html()
    work_packages = fields.Html(string="Activities by work package")
    indicators = fields.Html()
    participants = fields.Html(string="People reached")
    spending = fields.Html(string="Expenditure")
    conclusions = fields.Html()

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for narrative in self:
            if narrative.date_to < narrative.date_from:
                raise ValidationError(self.env._(
                    "The report %(report)s ends (To %(to)s) before it starts (From %(from)s): correct one of the "
                    "dates.", report=narrative.name, to=narrative.date_to, **{"from": narrative.date_from}))

    @api.onchange("kind", "project_id")
    def _onchange_kind(self):
        if self.kind == "final" and self.project_id:
            self.date_from, self.date_to = self.project_id.date_start, self.project_id.date_end
            self.name = self.env._("Final narrative report")

    def _returns(self):
        """The returns of the project within the period: sent ones where a quarter has one, else the others."""
        self.ensure_one()
        returns = self.env["fami.monitoring.report"].search([
            ("project_id", "=", self.project_id.id), ("date_from", ">=", self.date_from),
            ("date_to", "<=", self.date_to)], order="date_from, id")
        return returns.filtered(lambda report: report.workflow_state_code == "sent" or report.computed_on)

    def action_assemble(self):
        """Fill the sections from the quarterly returns; the introduction and the conclusions stay as written."""
        for narrative in self:
            returns = narrative._returns()
            if not returns:
                raise UserError(self.env._(
                    "No computed monitoring return of %(project)s falls between %(from)s and %(to)s: compute the "
                    "quarterly returns first.", project=narrative.project_id.name,
                    **{"from": format_date(self.env, narrative.date_from), "to": format_date(self.env,
                                                                                               narrative.date_to)}))
            last = returns[-1]
            narrative.write({
                "report_ids": [(6, 0, returns.ids)], "assembled_on": fields.Datetime.now(),
                "work_packages": narrative._work_package_html(returns), "indicators": narrative._indicator_html(last),
                "participants": narrative._participant_html(returns), "spending": narrative._spending_html(returns),
            })
        return True

    def _html_table(self, headers, rows):
        head = Markup("").join(Markup("<th>%s</th>") % header for header in headers)
        body = Markup("").join(Markup("<tr>%s</tr>") % Markup("").join(Markup("<td>%s</td>") % cell for cell in row)
                               for row in rows)
        return Markup("<table class='table table-sm'><thead><tr>%s</tr></thead><tbody>%s</tbody></table>") % (
            head, body)

    def _work_package_html(self, returns):
        parts = []
        for report in returns:
            parts.append(Markup("<h4>%s</h4>") % report.name)
            for line in report.work_package_ids:
                texts = [(self.env._("Activities done"), line.activities), (self.env._("Strengths"), line.strengths),
                         (self.env._("Deviations from the timetable"), line.deviations),
                         (self.env._("Problems and solutions"), line.problems_solutions),
                         (self.env._("Changes in the working group"), line.working_group_changes)]
                items = Markup("").join(Markup("<li><strong>%s</strong>: %s</li>") % (
                    title, Markup("<br/>").join(escape(part) for part in text.splitlines()))
                    for title, text in texts if text)
                parts.append(Markup("<h5>%s</h5><ul>%s</ul>") % (line.display_name, items))
        return Markup("").join(parts)

    def _indicator_html(self, last):
        return self._html_table(
            [self.env._("Code"), self.env._("Indicator"), self.env._("Target"),
             self.env._("Value at %(date)s", date=format_date(self.env, last.date_to)), self.env._("% of target")],
            [(line.code, line.name, _number(line.target), _number(line.value_cumulative),
              _number(line.percent_target)) for line in last.indicator_line_ids])

    def _participant_html(self, returns):
        dimensions = dict(self.env["fami.monitoring.participant.line"]._fields["dimension"]._description_selection(
            self.env))
        headers = [self.env._("Breakdown"), self.env._("Group")] + [report.name for report in returns]
        keys = []
        counts = {}
        for report in returns:
            for line in report.participant_line_ids:
                key = (line.dimension, line.label)
                if key not in counts:
                    keys.append(key)
                counts.setdefault(key, {})[report] = line.count_period
        rows = [(dimensions.get(dimension), label, *(counts[(dimension, label)].get(report, 0) for report in returns))
                for dimension, label in keys]
        total = returns[-1].participants_cumulative
        return self._html_table(headers, rows) + Markup("<p>%s</p>") % self.env._(
            "Distinct people reached from the start of the project to %(date)s: %(count)s.",
            date=format_date(self.env, returns[-1].date_to), count=total)

    def _spending_html(self, returns):
        currency = self.project_id.currency_id
        rows = [(report.name, format_amount(self.env, report.incurred_period, currency),
                 format_amount(self.env, report.paid_period, currency)) for report in returns]
        last = returns[-1]
        rows.append((self.env._("Cumulative at %(date)s", date=format_date(self.env, last.date_to)),
                     format_amount(self.env, last.incurred_cumulative, currency),
                     format_amount(self.env, last.paid_cumulative, currency)))
        return self._html_table([self.env._("Period"), self.env._("Incurred"), self.env._("Paid")], rows) + \
            Markup("<p>%s</p>") % self.env._("Latest approved budget: %(budget)s.",
                                              budget=format_amount(self.env, last.budget_total, currency))


def _number(value):
    return f"{value:,.2f}".rstrip("0").rstrip(".")
