import importlib.util
from datetime import date, datetime
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_beneficiaries" / "lib" / "spreadsheet_cells.py"
spec = importlib.util.spec_from_file_location("spreadsheet_cells", PATH)
cells = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cells)


def test_dates_as_spreadsheets_and_people_write_them():
    assert cells.to_date(datetime(1990, 3, 4, 0, 0)) == date(1990, 3, 4)  # an Excel date cell (openpyxl)
    assert cells.to_date(date(1990, 3, 4)) == date(1990, 3, 4)
    assert cells.to_date("1990-03-04") == date(1990, 3, 4)
    assert cells.to_date(" 04/03/1990 ") == date(1990, 3, 4)  # Italian: day first
    assert cells.to_date("04-03-1990") == date(1990, 3, 4)
    assert cells.to_date("04.03.1990") == date(1990, 3, 4)


def test_empty_cells_are_no_date():
    assert cells.to_date(None) is None
    assert cells.to_date("") is None
    assert cells.to_date("   ") is None


@pytest.mark.parametrize("value", ["31/02/1990", "1990/13/01", "yesterday", "04031990", 12])
def test_anything_else_is_refused(value):
    with pytest.raises(ValueError):
        cells.to_date(value)
