"""A course's calendar read from a spreadsheet, without Odoo (tested in tier 1).

``read_rows`` turns the bytes of an .xlsx or CSV file into rows of cell values; ``parse`` finds the columns by
their header (English or Italian names, any order) and turns each row into a session or into problems, never
stopping at the first one; ``overlapping_rows`` finds the rows of one course that overlap each other. Problems
carry a code and parameters: the caller writes the sentence, in the user's language.
"""
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import openpyxl

MAX_ROWS = 1000
MAX_COLUMNS = 30
COLUMNS = ("date", "start", "end", "venue", "trainer", "topic")
REQUIRED = ("date", "start", "end")
HEADERS = {
    "date": ("date", "data", "giorno"),
    "start": ("start", "inizio", "ora inizio", "dalle"),
    "end": ("end", "fine", "ora fine", "alle"),
    "venue": ("venue", "sede", "aula", "luogo"),
    "trainer": ("trainer", "docente", "formatore", "formatrice"),
    "topic": ("topic", "argomento", "modulo", "titolo"),
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")
YEARS = (2000, 2099)
TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?$")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls


class NotASpreadsheet(ValueError):
    """Neither an .xlsx workbook nor a CSV text. `kind`: "xls" (old Excel format), "empty" or "other"."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


class BadLayout(ValueError):
    """The file is a spreadsheet but not a calendar: `missing` columns, no session rows, or too many rows."""

    def __init__(self, missing=(), empty=False, too_many=False):
        super().__init__(missing or ("empty" if empty else "too many rows"))
        self.missing, self.empty, self.too_many = list(missing), empty, too_many


@dataclass
class Problem:
    row: int
    code: str  # "date", "time", "order"
    params: dict = field(default_factory=dict)


@dataclass
class SessionRow:
    row: int
    start: datetime  # local time, naive
    stop: datetime
    venue: str = ""
    trainer: str = ""
    topic: str = ""


# ---------------------------------------------------------------- reading the file

def read_rows(content):
    """Rows (lists of cell values) of the first sheet of an .xlsx, or of a CSV text (separated by ; , or tab)."""
    if not content:
        raise NotASpreadsheet("empty")
    if content.startswith(ZIP_MAGIC):
        return _xlsx_rows(content)
    if content.startswith(OLE_MAGIC):
        raise NotASpreadsheet("xls")
    return _csv_rows(_decode(content))


def _xlsx_rows(content):
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # a zip that is no workbook fails in many ways (BadZipFile, KeyError, ...)
        raise NotASpreadsheet("other") from error
    try:
        rows = []
        for values in workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS + 1:
                raise BadLayout(too_many=True)
        return rows
    finally:
        workbook.close()


def _decode(content):
    if b"\x00" in content:
        raise NotASpreadsheet("other")
    for encoding in ("utf-8-sig", "cp1252"):  # Excel saves Italian CSV files in cp1252
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotASpreadsheet("other")


def _csv_rows(text):
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first_line.count)
    rows = []
    for values in csv.reader(io.StringIO(text), delimiter=delimiter):
        rows.append(values[:MAX_COLUMNS])
        if len(rows) > MAX_ROWS + 1:
            raise BadLayout(too_many=True)
    return rows


# ---------------------------------------------------------------- cells

def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def parse_date(value):
    """A date from a date cell or a text (2026-03-10, 10/03/2026, 10/03/26, 10-03-2026, 10.03.2026); else None."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        text = str(value).strip()
        day = None
        for pattern in DATE_FORMATS:
            try:
                day = datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        if day is None:
            try:
                day = datetime.fromisoformat(text).date()  # "2026-03-10 00:00:00", written by some exports
            except ValueError:
                return None
    return day if YEARS[0] <= day.year <= YEARS[1] else None


def parse_time(value):
    """A time from a time cell, a fraction of a day (0.625), an hour (15, 15.5) or a text (15:30, 15.30, 9)."""
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, timedelta):
        value = value.total_seconds() / 86400
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        minutes = round(value * 1440) if 0 <= value < 1 else round(value * 60) if 1 <= value < 24 else -1
        return time(minutes // 60, minutes % 60) if 0 <= minutes < 1440 else None
    match = TIME.match(str(value).strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _text(value):
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# ---------------------------------------------------------------- rows

def _columns(header):
    """{column: index} of the known columns named in the header row."""
    names = {alias: column for column, aliases in HEADERS.items() for alias in aliases}
    found = {}
    for index, value in enumerate(header):
        column = names.get(_text(value).lower())
        if column and column not in found:
            found[column] = index
    return found


def parse(rows):
    """(sessions, problems) of the rows; the first non-blank row is the header. Row numbers are the
    spreadsheet's (1 = first row). Raises BadLayout when columns are missing or no row holds a session."""
    numbered = [(number, values) for number, values in enumerate(rows, start=1)
                if not all(_blank(value) for value in values)]
    if not numbered:
        raise BadLayout(empty=True)
    if len(numbered) > MAX_ROWS + 1:
        raise BadLayout(too_many=True)
    columns = _columns(numbered[0][1])
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        raise BadLayout(missing=missing)
    sessions, problems = [], []
    for number, values in numbered[1:]:
        cells = {column: values[index] if index < len(values) else None for column, index in columns.items()}
        row_problems = []
        day = parse_date(cells["date"]) if not _blank(cells["date"]) else None
        if day is None:
            row_problems.append(Problem(number, "date", {"value": _text(cells["date"])}))
        moments = {}
        for column in ("start", "end"):
            moments[column] = parse_time(cells[column]) if not _blank(cells[column]) else None
            if moments[column] is None:
                row_problems.append(Problem(number, "time", {"column": column, "value": _text(cells[column])}))
        if not row_problems and moments["end"] <= moments["start"]:
            row_problems.append(Problem(number, "order", {"start": moments["start"].strftime("%H:%M"),
                                                          "end": moments["end"].strftime("%H:%M")}))
        if row_problems:
            problems += row_problems
            continue
        sessions.append(SessionRow(number, datetime.combine(day, moments["start"]),
                                   datetime.combine(day, moments["end"]), _text(cells.get("venue")),
                                   _text(cells.get("trainer")), _text(cells.get("topic"))))
    if not sessions and not problems:
        raise BadLayout(empty=True)
    return sessions, problems


def overlapping_rows(sessions):
    """{row: an earlier-starting row it overlaps} among sessions of one course, which holds one session at a
    time. Back-to-back sessions do not overlap."""
    found = {}
    latest = None  # the session reaching furthest in time among those starting earlier
    for session in sorted(sessions, key=lambda item: (item.start, item.row)):
        if latest and session.start < latest.stop:
            found[session.row] = latest.row
        if latest is None or session.stop > latest.stop:
            latest = session
    return found


def template(examples=()):
    """An .xlsx with the header and example rows (date, start, end, venue, trainer, topic), as bytes."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "sessions"
    sheet.append(list(COLUMNS))
    for example in examples:
        sheet.append(list(example))
    for row in sheet.iter_rows(min_row=2):
        row[0].number_format = "DD/MM/YYYY"
        row[1].number_format = row[2].number_format = "HH:MM"
    for letter, width in zip("ABCDEF", (12, 8, 8, 30, 30, 40)):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
