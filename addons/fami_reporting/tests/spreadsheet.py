"""Recalculate the formulas of an .xlsx read by openpyxl, as a spreadsheet does when it opens the file.

openpyxl does not compute and the test machines have no office suite: pycel's Excel formula engine evaluates the
workbook in memory. Numbers come back as Decimal with a spreadsheet's 15 significant digits, so that sums of
amounts compare to the cent. Used by the tier-2 tests of the workbook and in tier 1
(tests/tier1/test_fami_reporting_workbook.py).
"""
from decimal import Decimal

from pycel import ExcelCompiler


def _shown(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return Decimal(f"{value:.15g}")


def evaluate(workbook, sheet, coordinate, compiler=None):
    """The value the cell shows once recalculated (Decimal for numbers); a formula pycel cannot evaluate raises."""
    compiler = compiler or ExcelCompiler(excel=workbook)
    return _shown(compiler.evaluate(f"'{sheet}'!{coordinate}"))


def recalculate(workbook):
    """{(sheet, coordinate): value} of every formula cell of the workbook, recalculated."""
    compiler = ExcelCompiler(excel=workbook)
    return {(sheet.title, cell.coordinate): evaluate(workbook, sheet.title, cell.coordinate, compiler)
            for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.data_type == "f"}
