from odoo import api, fields, models


class FamiEuIndicatorValue(models.Model):
    """The value of an EU common indicator for a project and a calendar year, as taken for the annual performance
    report (due to the Commission by 15 February, Reg. 2021/1147 art. 35). Written by the yearly export; taken again
    when the export is run again."""

    _name = "fami.eu.indicator.value"
    _description = "Yearly value of an EU common indicator"
    _order = "year desc, project_id, indicator_id"

    indicator_id = fields.Many2one("fami.eu.indicator", string="EU indicator", required=True, ondelete="cascade",
                                   index=True)
    code = fields.Char(related="indicator_id.code", store=True)
    kind = fields.Selection(related="indicator_id.kind", store=True)
    project_id = fields.Many2one("fami.project", required=True, ondelete="cascade", index=True)
    year = fields.Integer(required=True, index=True)
    value = fields.Float(digits=(16, 2), readonly=True)
    computed_on = fields.Datetime(readonly=True)

    _sql_constraints = [("one_per_year", "unique(indicator_id, project_id, year)",
                         "An EU indicator has one value per project and year.")]

    @api.model
    def _take(self, indicators, projects, year):
        """Compute and store the values of `indicators` for `projects` in `year`; returns them."""
        now = fields.Datetime.now()
        existing = {(value.indicator_id, value.project_id): value for value in self.search([
            ("indicator_id", "in", indicators.ids), ("project_id", "in", projects.ids), ("year", "=", year)])}
        for indicator in indicators:
            for project in projects:
                amount = indicator._year_value(project, year)
                found = existing.get((indicator, project))
                if found:
                    found.write({"value": amount, "computed_on": now})
                else:
                    existing[(indicator, project)] = self.create({
                        "indicator_id": indicator.id, "project_id": project.id, "year": year, "value": amount,
                        "computed_on": now})
        return self.browse([value.id for value in existing.values()])
