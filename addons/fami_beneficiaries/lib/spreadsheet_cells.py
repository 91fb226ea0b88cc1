"""Cells of the Ministry's monitoring spreadsheet read without Odoo (tested in tier 1)."""
from datetime import date, datetime

# ISO first (what Odoo and .csv exports write), then the Italian day-first forms people type in the form
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")


def to_date(value):
    """The date of a cell: a date or datetime as openpyxl reads it, or a text in one of DATE_FORMATS.

    Returns None for an empty cell; raises ValueError for anything else, so the caller names the column.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)
