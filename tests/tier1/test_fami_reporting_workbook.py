"""The claim workbook: its formulas recompute the totals of the detail rows (checked by evaluating them)."""
import importlib.util
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_reporting" / "lib" / "claim_workbook.py"
spec = importlib.util.spec_from_file_location("claim_workbook", PATH)
claim_workbook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(claim_workbook)

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


def evaluate_sumifs(book, formula):
    """A small evaluator of the SUMIFS formulas the summary uses: what a spreadsheet computes on opening."""
    total = Decimal(0)
    summary = book["Summary"]
    for sheet, sum_col, criteria in re.findall(r"SUMIFS\((\w+)!\$(\w)\$2:\$\w\$\d+,(.*?)\)", formula):
        pairs = re.findall(r"\w+!\$(\w)\$2:\$\w\$\d+,\$(\w)(\d+)", criteria)
        for row in book[sheet].iter_rows(min_row=2):
            cells = {cell.column_letter: cell.value for cell in row}
            if all(cells[column] == summary[f"{letter}{number}"].value for column, letter, number in pairs):
                total += Decimal(str(cells[sum_col]))
    return total


def test_summary_actuals_are_formulas_over_the_detail_rows():
    _content, book = workbook()
    summary = book["Summary"]
    assert summary["E4"].value.startswith("=SUMIFS(Expenses!")
    assert evaluate_sumifs(book, summary["E4"].value) == Decimal("300.35")  # Beta's expense is not Alfa's
    assert evaluate_sumifs(book, summary["E5"].value) == Decimal("152.63")
    assert summary["F4"].value == "=D4-E4"
    assert summary["D6"].value == "=SUM(D4:D5)"
