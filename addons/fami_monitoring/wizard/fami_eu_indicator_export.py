import base64
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError


class FamiEuIndicatorExport(models.TransientModel):
    """The EU common indicators of a year for the annual performance report (due by 15 February): the value of each
    indicator for each project, stored as the year's values and written to a workbook with a total per indicator."""

    _name = "fami.eu.indicator.export"
    _description = "Yearly export of the EU common indicators"

    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year - 1)
    project_ids = fields.Many2many("fami.project", string="Projects",
                                   default=lambda self: self.env["fami.project"].search([("is_template", "=", False)]),
                                   domain=[("is_template", "=", False)])
    file = fields.Binary(readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    @api.constrains("year")
    def _check_year(self):
        for export in self:
            if not 2021 <= export.year <= 2029:
                raise UserError(self.env._("The Year %(year)s is outside the FAMI 2021-2027 programme: choose a year "
                                           "from 2021 to 2029.", year=export.year))

    def action_export(self):
        self.ensure_one()
        if not self.project_ids:
            raise UserError(self.env._("Choose at least one project in Projects."))
        indicators = self.env["fami.eu.indicator"].search([("active", "=", True)])
        # sudo: the yearly values are aggregates written by this export only; users read them, never type them
        values = self.env["fami.eu.indicator.value"].sudo()._take(indicators, self.project_ids, self.year)
        content = self._workbook(indicators, values)
        self.write({"file": base64.b64encode(content), "filename": f"indicatori-comuni-ue-{self.year}.xlsx"})
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/web/content/{self._name}/{self.id}/file/{self.filename}?download=true"}

    def _workbook(self, indicators, values):
        lang = self.env["fami.monitoring.report"]._export_lang()
        export = self.with_context(lang=lang)
        indicators, projects = indicators.with_context(lang=lang), self.project_ids
        by_key = {(value.indicator_id, value.project_id): value.value for value in values}
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                                "strings_to_urls": False})
        header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
        number = workbook.add_format({"num_format": "#,##0.##"})
        total = workbook.add_format({"bold": True, "num_format": "#,##0.##"})
        sheet = workbook.add_worksheet(export.env._("EU indicators %(year)s", year=self.year))
        sheet.set_column(0, 0, 12)
        sheet.set_column(1, 1, 70)
        sheet.set_column(2, 3 + len(projects), 16)
        sheet.write_string(0, 0, export.env._("EU common indicators AMIF, specific objective 2 - year %(year)s",
                                              year=self.year), workbook.add_format({"bold": True, "font_size": 14}))
        titles = [export.env._("Code"), export.env._("Indicator"), export.env._("Type")] + \
            [project.display_name for project in projects] + [export.env._("Total")]
        for column, title in enumerate(titles):
            sheet.write_string(2, column, title, header)
        kinds = dict(indicators._fields["kind"]._description_selection(export.env))
        for row, indicator in enumerate(indicators, start=3):
            sheet.write_string(row, 0, indicator.code)
            sheet.write_string(row, 1, indicator.name)
            sheet.write_string(row, 2, kinds.get(indicator.kind, ""))
            amounts = [by_key.get((indicator, project), 0.0) for project in projects]
            for column, amount in enumerate(amounts, start=3):
                sheet.write_number(row, column, amount, number)
            first, last = xlsxwriter.utility.xl_col_to_name(3), xlsxwriter.utility.xl_col_to_name(2 + len(projects))
            sheet.write_formula(row, 3 + len(projects), f"=SUM({first}{row + 1}:{last}{row + 1})", total,
                                sum(amounts))
        workbook.close()
        return buffer.getvalue()
