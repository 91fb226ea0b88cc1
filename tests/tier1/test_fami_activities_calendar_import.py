"""Tier 1: reading a course's calendar from a spreadsheet (fami_activities lib/calendar_import.py), without Odoo."""
import importlib.util
import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_activities" / "lib" / "calendar_import.py"
spec = importlib.util.spec_from_file_location("fami_activities_calendar_import", PATH)
calendar_import = importlib.util.module_from_spec(spec)
spec.loader.exec_module(calendar_import)

HEADER = ["date", "start", "end", "venue", "trainer", "topic"]


def xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_dates_in_cells_and_in_italian_or_iso_text():
    for value in (date(2026, 3, 10), datetime(2026, 3, 10, 0, 0), "2026-03-10", "10/03/2026", "10/03/26",
                  "10-03-2026", "10.03.2026", " 2026-03-10 00:00:00 "):
        assert calendar_import.parse_date(value) == date(2026, 3, 10), value
    for value in ("31/02/2026", "domani", "03/10", "10/03/1899", "2026-13-01", 45000):
        assert calendar_import.parse_date(value) is None, value


def test_times_in_cells_fractions_hours_and_text():
    for value in (time(15, 30), datetime(1899, 12, 30, 15, 30), timedelta(hours=15, minutes=30), 0.6458333333,
                  15.5, "15:30", "15.30", " 15:30:00 "):
        assert calendar_import.parse_time(value) == time(15, 30), value
    assert calendar_import.parse_time("9") == time(9)
    assert calendar_import.parse_time(15) == time(15)
    for value in ("25:00", "15:75", "quindici", "15.5", 24, -1, True, ""):
        assert calendar_import.parse_time(value) is None, value


def test_csv_with_semicolons_italian_headers_and_any_column_order():
    content = ("argomento;data;inizio;fine;sede;docente;note\n"
               "Accoglienza;10/03/2026;15:00;17:00;Aula 1;rossi;x\n"
               "\n"
               "Diritti, doveri;12/03/2026;9.30;12.30;;;\n").encode("cp1252")
    sessions, problems = calendar_import.parse(calendar_import.read_rows(content))
    assert problems == []
    assert [(s.row, s.start, s.stop, s.venue, s.trainer, s.topic) for s in sessions] == [
        (2, datetime(2026, 3, 10, 15), datetime(2026, 3, 10, 17), "Aula 1", "rossi", "Accoglienza"),
        (4, datetime(2026, 3, 12, 9, 30), datetime(2026, 3, 12, 12, 30), "", "", "Diritti, doveri"),
    ]


def test_csv_with_commas_and_a_utf8_bom():
    content = "\ufeffdate,start,end,topic\n2026-03-10,15:00,17:00,\"Lavoro, diritti\"\n".encode()
    sessions, _problems = calendar_import.parse(calendar_import.read_rows(content))
    assert sessions[0].topic == "Lavoro, diritti"


def test_every_bad_row_is_reported_and_the_good_ones_kept():
    rows = calendar_import.read_rows(xlsx([
        HEADER,
        [date(2026, 3, 10), time(15), time(17), "Aula 1", "rossi", "ok"],
        ["31/02/2026", "ore 3", time(17), None, None, None],
        [date(2026, 3, 11), time(17), time(15), None, None, None],
        [None, None, None, None, None, None],
        [date(2026, 3, 12), time(9), None, None, None, None],
    ]))
    sessions, problems = calendar_import.parse(rows)
    assert [session.row for session in sessions] == [2]
    assert [(problem.row, problem.code) for problem in problems] == [(3, "date"), (3, "time"), (4, "order"),
                                                                     (6, "time")]
    assert problems[1].params == {"column": "start", "value": "ore 3"}
    assert problems[2].params == {"start": "17:00", "end": "15:00"}
    assert problems[3].params == {"column": "end", "value": ""}


def test_overlapping_rows_of_one_course():
    def row(number, day, start, end):
        return calendar_import.SessionRow(number, datetime(2026, 3, day, start), datetime(2026, 3, day, end))

    sessions = [row(2, 10, 9, 11), row(3, 10, 11, 13), row(4, 10, 10, 12), row(5, 11, 9, 11), row(6, 10, 8, 14)]
    # row 6 starts first and covers the whole morning: every other session of the 10th overlaps it
    assert calendar_import.overlapping_rows(sessions) == {2: 6, 4: 6, 3: 6}
    assert calendar_import.overlapping_rows(sessions[:2] + sessions[3:4]) == {}, "back to back is fine"


@pytest.mark.parametrize("content, kind", [
    (b"", "empty"), (b"%PDF-1.4\x00\x00", "other"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1...", "xls"),
    (b"PK\x03\x04garbage", "other"),
])
def test_what_is_not_a_spreadsheet(content, kind):
    with pytest.raises(calendar_import.NotASpreadsheet) as raised:
        calendar_import.read_rows(content)
    assert raised.value.kind == kind


def test_layouts_that_are_not_a_calendar():
    with pytest.raises(calendar_import.BadLayout) as raised:
        calendar_import.parse([["nome", "data"], ["Amina", "10/03/2026"]])
    assert raised.value.missing == ["start", "end"]
    with pytest.raises(calendar_import.BadLayout) as raised:
        calendar_import.parse([HEADER, [None] * 6])
    assert raised.value.empty
    with pytest.raises(calendar_import.BadLayout) as raised:
        calendar_import.read_rows(("date;start;end\n" + "10/03/2026;9:00;10:00\n" * 1001).encode())
    assert raised.value.too_many


def test_template_reads_back():
    content = calendar_import.template([(date(2026, 3, 16), time(15), time(17), "Aula 1", "rossi", "Modulo 1")])
    sessions, problems = calendar_import.parse(calendar_import.read_rows(content))
    assert problems == []
    assert (sessions[0].start, sessions[0].stop, sessions[0].venue) == (datetime(2026, 3, 16, 15),
                                                                       datetime(2026, 3, 16, 17), "Aula 1")
