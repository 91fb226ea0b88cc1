"""The claim workbook: its formulas recompute the totals of the detail rows (checked by evaluating them)."""
import importlib.util
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_reporting" / "lib" / "claim_workbook.py"
spec = importlib.util.spec_from_file_location("claim_workbook", PATH)
claim_workbook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(claim_workbook)
# the evaluator the tier-2 tests use to recalculate the workbook as a spreadsheet does on opening
SPREADSHEET = PATH.parents[1] / "tests" / "spreadsheet.py"
spec = importlib.util.spec_from_file_location("fami_reporting_spreadsheet", SPREADSHEET)
spreadsheet = importlib.util.module_from_spec(spec)
spec.loader.exec_module(spreadsheet)

BUDGET = [{"wp": "WP1", "category": "B1", "partner": "Alfa", "budget": 1000},
          {"wp": "WP1", "category": "B2", "partner": "Alfa", "budget": 500}]
EXPENSES = [
    {"ref": "fami.expense,1", "wp": "WP1", "category": "B1", "partner": "Alfa", "supplier": "S", "document": "F1",
     "document_date": date(2026, 1, 5), "payment_date": date(2026, 1, 20), "taxable": 100.10, "vat": 22.02,
     "eligible": 100.10},
    {"ref": "fami.expense,2", "wp": "WP1", "category": "B1", "partner": "Alfa", "supplier": "S", "document": "F2",
     "document_date": date(2026, 2, 5), "payment_date": None, "taxable": 200.25, "vat": 0, "eligible": 200.25},
    {"ref": "fami.expense,3", "wp": "WP1", "category": "B2", "partner": "Beta", "supplier": "S", "document": "F3",
     "document_date": date(2026, 2, 5), "payment_date": None, "taxable": 50, "vat": 0, "eligible": 50},
]
STAFF = [{"ref": "fami.staff.cost,7", "wp": "WP1", "category": "B2", "partner": "Alfa", "person": "Rossi",
          "month": "2026-01", "hours": 7.5, "rate": 20.35, "amount": 152.63}]


def workbook():
    content = claim_workbook.write_claim_workbook("Claim 1", BUDGET, EXPENSES, STAFF,
                                                  [{"code": "OS1_COURSES", "name": "Courses", "target": 10,
                                                    "actual": 4}])
    return content, openpyxl.load_workbook(io.BytesIO(content))


def test_sheets_headers_frozen_panes_filters_and_source_references():
    _content, book = workbook()
    assert book.sheetnames == ["Summary", "Expenses", "Staff", "Indicators"]
    expenses = book["Expenses"]
    assert [cell.value for cell in expenses[1]] == claim_workbook.EXPENSE_COLUMNS
    assert expenses.freeze_panes == "A2"
    assert expenses.auto_filter.ref
    assert [row[0].value for row in expenses.iter_rows(min_row=2)] == ["fami.expense,1", "fami.expense,2",
                                                                       "fami.expense,3"]


def test_summary_actuals_are_formulas_over_the_detail_rows():
    _content, book = workbook()
    summary = book["Summary"]
    assert summary["E4"].value.startswith("=SUMIFS(Expenses!")
    assert spreadsheet.evaluate(book, "Summary", "E4") == Decimal("300.35")  # Beta's expense is not Alfa's
    assert spreadsheet.evaluate(book, "Summary", "E5") == Decimal("152.63")
    assert summary["F4"].value == "=D4-E4"
    assert summary["C6"].value == "Beta", "Beta's expense has no budget line: its own row, budget 0"
    assert summary["D7"].value == "=SUM(D4:D6)"


def test_every_formula_shows_its_recalculated_value_without_recalculation():
    content, book = workbook()
    cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    values = spreadsheet.recalculate(book)
    assert ("Summary", "G4") in values and ("Indicators", "E2") in values and ("Summary", "F6") in values
    for (sheet, coordinate), value in values.items():
        assert Decimal(str(cached[sheet][coordinate].value)).quantize(Decimal("0.00001")) == value.quantize(
            Decimal("0.00001")), (sheet, coordinate)
    assert (values["Summary", "E6"], values["Summary", "G6"]) == (Decimal("50"), 0)  # Beta: no budget line
    assert values["Summary", "E7"] == Decimal("502.98")  # 300.35 + 152.63 + 50: every detail row once
    assert values["Indicators", "E2"] == Decimal("0.4")


def test_lines_of_one_key_make_one_summary_row_and_costs_without_a_budget_line_are_kept():
    budget = BUDGET + [{"wp": "WP1", "category": "B1", "partner": "Alfa", "budget": 250}]
    content = claim_workbook.write_claim_workbook("Claim 1", budget, EXPENSES, STAFF, [])
    book = openpyxl.load_workbook(io.BytesIO(content))
    rows = [[cell.value for cell in row[:4]] for row in book["Summary"].iter_rows(min_row=4, max_row=6)]
    assert rows == [["WP1", "B1", "Alfa", 1250], ["WP1", "B2", "Alfa", 500], ["WP1", "B2", "Beta", 0]]
    values = spreadsheet.recalculate(book)
    assert values["Summary", "E4"] == Decimal("300.35"), "two lines of Alfa's B1 count its expenses once"
    assert book["Summary"]["A7"].value == "Total"
    assert values["Summary", "E7"] == Decimal("502.98"), "the summary total is every detail row once"


def test_text_that_looks_like_a_formula_or_a_link_stays_text():
    expenses = [dict(EXPENSES[0], supplier='=HYPERLINK("http://evil.example","x")', document="http://evil.example")]
    content = claim_workbook.write_claim_workbook("Claim 1", BUDGET, expenses, [], [])
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Expenses"]
    assert (sheet["E2"].data_type, sheet["E2"].value) == ("s", expenses[0]["supplier"])
    assert (sheet["F2"].value, sheet["F2"].hyperlink) == ("http://evil.example", None)


def test_the_evaluator_computes_what_a_spreadsheet_does_and_refuses_unknown_functions():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Costi del personale"
    sheet["A1"], sheet["A2"], sheet["B1"], sheet["B2"] = "x", 3, 5, 4
    sheet["C1"] = "=NOSUCHFUNCTION(A1)"
    sheet["C2"] = '=SUMIFS(B1:B2,A1:A2,"X")'  # text criteria match whatever the case
    sheet["C3"] = "=IF(A2=0,0,B2/A2)+SUM(A2:B2)*2-(1)"
    with pytest.raises(Exception, match="NOSUCHFUNCTION"):
        spreadsheet.evaluate(book, "Costi del personale", "C1")
    assert spreadsheet.evaluate(book, "Costi del personale", "C2") == Decimal("5")
    assert spreadsheet.evaluate(book, "Costi del personale", "C3") == Decimal("14.3333333333333")


def test_translated_sheet_names_are_used_by_the_formulas_quoted_when_needed():
    labels = {"summary": "Riepilogo", "expenses": "Spese", "staff": "Costi del personale", "total": "Totale",
              "expense_columns": [f"E{index}" for index in range(len(claim_workbook.EXPENSE_COLUMNS))]}
    content = claim_workbook.write_claim_workbook("Domanda 1", BUDGET, EXPENSES, STAFF, [], labels)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Riepilogo", "Spese", "Costi del personale", "Indicators"]
    assert book["Riepilogo"]["E4"].value.startswith("=SUMIFS(Spese!$K$2:$K$4,")
    assert "+SUMIFS('Costi del personale'!$I$2:$I$2," in book["Riepilogo"]["E4"].value
    assert book["Spese"]["A1"].value == "E0" and book["Riepilogo"]["A7"].value == "Totale"
    values = spreadsheet.recalculate(book)
    assert (values["Riepilogo", "E4"], values["Riepilogo", "E7"]) == (Decimal("300.35"), Decimal("502.98"))
    with pytest.raises(ValueError, match="headers expected"):
        claim_workbook.write_claim_workbook("Domanda 1", BUDGET, EXPENSES, STAFF, [], {"staff_columns": ["x"]})


@pytest.mark.parametrize(("base", "formula_base", "amount"), [
    ("direct_costs", "E7", Decimal("35.21")),  # 7 % of 502.98 = 35.2086
    ("staff_costs", "SUM(Staff!$I$2:$I$2)", Decimal("22.89")),  # 15 % of 152.63 = 22.8945
])
def test_flat_rate_indirect_costs_and_the_amount_requested_recompute_under_the_total(base, formula_base, amount):
    rate = 7 if base == "direct_costs" else 15
    content = claim_workbook.write_claim_workbook("Claim 1", BUDGET, EXPENSES, STAFF, [], indirect={
        "rate": rate, "base": base, "base_label": "Base", "amount": amount})
    book = openpyxl.load_workbook(io.BytesIO(content))
    summary = book["Summary"]
    assert (summary["A8"].value, summary["B8"].value) == ("Indirect costs (flat rate)", f"Base — {rate} %")
    assert summary["E8"].value == f"=ROUND({formula_base}*{rate}/100,2)"
    assert summary["A9"].value == "Amount requested"
    values = spreadsheet.recalculate(book)
    assert values["Summary", "E8"] == amount
    assert values["Summary", "E9"] == Decimal("502.98") + amount
    cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True)["Summary"]
    assert (Decimal(str(cached["E8"].value)), Decimal(str(cached["E9"].value))) == (amount, Decimal("502.98") + amount)


def test_the_evaluator_rounds_half_away_from_zero_as_a_spreadsheet_does():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "S"
    sheet["A1"], sheet["A2"] = "=ROUND(0.125,2)", "=ROUND(-2.5,0)"
    assert (spreadsheet.evaluate(book, "S", "A1"), spreadsheet.evaluate(book, "S", "A2")) == (Decimal("0.13"),
                                                                                           Decimal("-3"))


def test_the_advance_recovered_and_the_net_amount_recompute_under_the_amount_requested():
    content = claim_workbook.write_claim_workbook(
        "Claim 1", BUDGET, EXPENSES, STAFF, [],
        indirect={"rate": 7, "base": "direct_costs", "base_label": "Base", "amount": Decimal("35.21")},
        advance={"amount": Decimal("107.64"), "rule": "20% of each interim claim"})
    book = openpyxl.load_workbook(io.BytesIO(content))
    summary = book["Summary"]
    assert [summary[f"A{row}"].value for row in (9, 10, 11)] == ["Amount requested", "Advance recovered",
                                                                "Net amount requested"]
    assert (summary["B10"].value, summary["E11"].value) == ("20% of each interim claim", "=E9-E10")
    values = spreadsheet.recalculate(book)
    assert values["Summary", "E11"] == Decimal("502.98") + Decimal("35.21") - Decimal("107.64")
    cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True)["Summary"]
    assert Decimal(str(cached["E11"].value)) == Decimal("430.55")


def test_a_claim_without_staff_costs_still_recalculates():
    content = claim_workbook.write_claim_workbook("Claim 1", BUDGET, EXPENSES, [], [])
    values = spreadsheet.recalculate(openpyxl.load_workbook(io.BytesIO(content)))
    assert values["Summary", "E4"] == Decimal("300.35")
