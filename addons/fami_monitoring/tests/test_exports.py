import base64
import datetime
import io
from decimal import Decimal

from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from odoo.addons.fami_reporting.tests.spreadsheet import recalculate

from .common import MonitoringCase


def _row_of(sheet, column, values):
    return next(row[0].row for row in sheet.iter_rows() if row[column].value in values)


@tagged("post_install", "-at_install")
class TestExports(MonitoringCase):
    """Done when: the xlsx reopens with its totals recomputed equal to the sources; the PDF names the Managing
    Authority, carries the CUP and the EU co-funding text; the EU indicators are exported by year."""

    def sources(self, report):
        """The expenditure of the project up to the end of `report`, summed from the expenses and staff costs."""
        env, project = self.env, self.project
        expenses = env["fami.expense"].search([("project_id", "=", project.id),
                                               ("workflow_state_code", "in", ("approved", "claimed"))])
        costs = env["fami.staff.cost"].search([("project_id", "=", project.id), ("month", "<=", report.date_to)])
        budgets = env["fami.budget"].search([("project_id", "=", project.id)], order="version desc")
        budget = budgets.filtered(lambda version: version.workflow_state_code == "approved")[:1]

        def total(records, field):
            return sum((Decimal(str(record[field])) for record in records), Decimal(0))
        return {
            "budget": total(budget.line_ids, "planned_amount"),
            "incurred_period": total(expenses.filtered(lambda e: report.date_from <= e.document_date <= report.date_to),
                                     "eligible_amount")
            + total(costs.filtered(lambda c: c.month >= report.date_from.replace(day=1)), "amount"),
            "incurred_cumulative": total(expenses.filtered(lambda e: e.document_date <= report.date_to),
                                         "eligible_amount") + total(costs, "amount"),
            "paid_cumulative": total(expenses.filtered(lambda e: e.payment_date and e.payment_date <= report.date_to),
                                     "eligible_amount") + total(costs, "amount"),
        }

    def test_the_workbook_totals_recompute_to_the_sources(self):
        report = self.q1
        book = self.version_workbook(report)
        self.assertEqual(len(book.worksheets), 5, "general data and one sheet per section")
        values = recalculate(book)
        financial = book.worksheets[4]
        total = _row_of(financial, 0, ("Total", "Totale"))
        sources = self.sources(report)
        self.assertGreater(sources["incurred_cumulative"], 0)
        for letter, key in (("C", "budget"), ("D", "incurred_period"), ("F", "incurred_cumulative"),
                            ("G", "paid_cumulative")):
            with self.subTest(column=key):
                self.assertTrue(str(financial[f"{letter}{total}"].value).startswith("=SUM("))
                self.assertEqual(round(values[financial.title, f"{letter}{total}"], 2), round(sources[key], 2))
        # participants: the rows of each breakdown add up, by formula, to the distinct people
        participants = book.worksheets[3]
        people = len(self.people_reached(report.date_from, report.date_to))
        totals = [row[0].row for row in participants.iter_rows() if row[1].value in ("Total", "Totale")]
        self.assertEqual(len(totals), 3, "sex, age band, nationality")
        for row in totals:
            self.assertEqual(values[participants.title, f"C{row}"], people)
        # procedural: the sessions of the quarter
        procedural = book.worksheets[1]
        total = _row_of(procedural, 0, ("Total", "Totale"))
        sessions = self.env["fami.course.session"].search_count([
            ("project_id", "=", self.project.id), ("workflow_state_code", "=", "approved"),
            ("start", ">=", f"{report.date_from} 00:00:00"), ("start", "<=", f"{report.date_to} 23:59:59")])
        self.assertEqual(values[procedural.title, f"B{total}"], sessions)
        # what a reader that does not recalculate shows is the same
        shown = self.workbook(base64.b64decode(report.version_ids.xlsx_file), data_only=True)
        shown_total = shown.worksheets[4][f"F{_row_of(financial, 0, ('Total', 'Totale'))}"].value
        self.assertEqual(round(Decimal(str(shown_total)), 2), round(sources["incurred_cumulative"], 2))

    def test_the_workbook_is_in_italian(self):
        book = self.workbook(self.q1._workbook())
        self.assertEqual(book.sheetnames, ["Dati generali", "Sezione procedurale", "Sezione fisica", "Destinatari",
                                           "Sezione finanziaria"])
        cover = {row[0].value: row[1].value for row in book.worksheets[0].iter_rows(min_row=3) if row[0].value}
        self.assertEqual(cover["CUP"], self.project.cup)
        self.assertIn("Autorità di Gestione", cover["Autorità di Gestione"])
        self.assertEqual(cover["Cofinanziamento"], "Cofinanziato dall'Unione europea - FAMI 2021-2027")

    def test_the_pdf_names_the_managing_authority_the_cup_and_the_eu_cofunding(self):
        self.env["ir.config_parameter"].set_param("fami_monitoring.managing_authority",
                                                  "Ministero dell'Interno - Autorità di Gestione FAMI (prova)")
        html = self.env["ir.actions.report"]._render_qweb_html("fami_monitoring.action_report_monitoring_return",
                                                               self.q1.ids)[0].decode()
        for text in ("Cofinanziato dall'Unione europea", "Autorità di Gestione",
                     "Ministero dell'Interno - Autorità di Gestione FAMI (prova)", self.project.cup,
                     "Sezione procedurale", "Destinatari raggiunti", "Sezione finanziaria"):
            self.assertIn(text, html.replace("&#39;", "'"))
        # the PDF file itself, its text read back (styles from a closed port: see fami_reporting's cover letter test)
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
                "fami_monitoring.action_report_monitoring_return", self.q1.ids)
        self.assertEqual((kind, pdf[:5]), ("pdf", b"%PDF-"))
        text = " ".join(" ".join(page.extract_text() for page in PdfFileReader(io.BytesIO(pdf)).pages).split())
        for words in ("Cofinanziato dall'Unione europea", "Autorità di Gestione", self.project.cup):
            self.assertIn(words, text)

    def test_the_yearly_export_of_the_eu_indicators(self):
        year = self.q1.date_from.year
        export = self.env["fami.eu.indicator.export"].with_user(self.lead_clerk).create(
            {"year": year, "project_ids": [(6, 0, self.project.ids)]})
        action = export.action_export()
        self.assertIn("/web/content/", action["url"])
        values = self.env["fami.eu.indicator.value"].search([("project_id", "=", self.project.id),
                                                            ("year", "=", year)])
        indicators = self.env["fami.eu.indicator"].search([])
        self.assertEqual(len(values), len(indicators))
        supported = values.filtered(lambda value: value.code == "O.2.3")
        people = self.people_reached(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        self.assertEqual(supported.value, len(people))
        book = self.workbook(base64.b64decode(export.file))
        sheet = book.worksheets[0]
        computed = recalculate(book)
        row = _row_of(sheet, 0, ("O.2.3",))
        self.assertEqual(computed[sheet.title, f"E{row}"], len(people))
        # run again, the values are taken again, not duplicated
        export.action_export()
        self.assertEqual(self.env["fami.eu.indicator.value"].search_count([
            ("project_id", "=", self.project.id), ("year", "=", year)]), len(indicators))
