"""The claim workbook ("rendicontazione") an auditor can trust, written with xlsxwriter and no ORM.

The summary sheet holds no typed totals: each actual is a SUMIFS over the detail sheets, so the figures recompute
when the file is opened and every one traces back to rows that carry the reference of their source record. Every
formula also carries its computed result, so a reader that does not recalculate (LibreOffice's default for .xlsx,
viewers, openpyxl) shows the same figures. Text is always text: a supplier named "=..." is not a formula.
"""
import io
import re
from decimal import Decimal

import xlsxwriter

EXPENSE_COLUMNS = ["Reference", "Work package", "Category", "Partner", "Supplier", "Document", "Document date",
                   "Payment date", "Taxable", "VAT", "Eligible amount"]
STAFF_COLUMNS = ["Reference", "Work package", "Category", "Partner", "Person", "Month", "Hours", "Hourly rate",
                 "Staff cost"]
SUMMARY_COLUMNS = ["Work package", "Category", "Partner", "Budget", "Actual", "Remaining", "% used"]
INDICATOR_COLUMNS = ["Code", "Indicator", "Target", "Actual", "% reached"]
# the words of the workbook; the addon passes them translated into the user's language
LABELS = {"summary": "Summary", "expenses": "Expenses", "staff": "Staff", "indicators": "Indicators", "total": "Total",
          "indirect": "Indirect costs (flat rate)", "requested": "Amount requested",
          "advance": "Advance recovered", "net": "Net amount requested",
          "summary_columns": SUMMARY_COLUMNS, "expense_columns": EXPENSE_COLUMNS, "staff_columns": STAFF_COLUMNS,
          "indicator_columns": INDICATOR_COLUMNS}


def write_claim_workbook(title, budget_rows, expenses, staff_costs, indicators, labels=None, indirect=None,
                         advance=None):
    """Return the .xlsx bytes.

    budget_rows: dicts with wp, category, partner, budget (one per budget line, see summary_rows); expenses: dicts
    with ref, wp, category, partner, supplier, document, document_date, payment_date, taxable, vat, eligible;
    staff_costs: dicts with ref, wp, category, partner, person, month, hours, rate, amount;
    indicators: dicts with code, name, target, actual; labels: translations of LABELS (sheet names, headers);
    indirect: the flat rate under the total — rate (%), base ("direct_costs" or "staff_costs"), base_label and the
    amount the claim computed — as a ROUND formula over the total or the staff costs, then the amount requested;
    advance: the advance the claim recovers — amount and rule (its description) — under the amount requested, then
    the net amount requested as a formula (requested less recovered).
    """
    labels = dict(LABELS, **(labels or {}))
    for key, columns in LABELS.items():
        if isinstance(columns, list) and len(labels[key]) != len(columns):
            raise ValueError(f"{key}: {len(columns)} headers expected, {len(labels[key])} given")
    expenses_sheet, staff_sheet = _sheet_reference(labels["expenses"]), _sheet_reference(labels["staff"])
    buffer = io.BytesIO()
    # constant_memory flushes each row as it is written (in_memory would switch it off): a 50,000-row claim
    # takes a few MiB instead of a hundred
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True,
                                            "default_date_format": "dd/mm/yyyy",
                                            "strings_to_formulas": False, "strings_to_urls": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    money = workbook.add_format({"num_format": "#,##0.00"})
    percent = workbook.add_format({"num_format": "0.00%"})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})

    summary = workbook.add_worksheet(labels["summary"])
    summary.write(0, 0, title, workbook.add_format({"bold": True, "font_size": 14}))
    _header(summary, 2, labels["summary_columns"], bold)
    # a sheet without rows still gives its formulas a range (row 2, empty): a claim may have no staff costs
    last_expense = max(len(expenses), 1) + 1
    last_staff = max(len(staff_costs), 1) + 1
    rows = summary_rows(budget_rows, expenses, staff_costs)
    for index, row in enumerate(rows, start=3):
        excel_row = index + 1
        summary.write_row(index, 0, [row["wp"], row["category"], row["partner"]])
        summary.write_number(index, 3, float(row["budget"]), money)
        criteria = (f"{expenses_sheet}!$B$2:$B${last_expense},$A{excel_row},"
                    f"{expenses_sheet}!$C$2:$C${last_expense},$B{excel_row},"
                    f"{expenses_sheet}!$D$2:$D${last_expense},$C{excel_row}")
        staff_criteria = (f"{staff_sheet}!$B$2:$B${last_staff},$A{excel_row},"
                          f"{staff_sheet}!$C$2:$C${last_staff},$B{excel_row},"
                          f"{staff_sheet}!$D$2:$D${last_staff},$C{excel_row}")
        summary.write_formula(index, 4, f"=SUMIFS({expenses_sheet}!$K$2:$K${last_expense},{criteria})"
                                        f"+SUMIFS({staff_sheet}!$I$2:$I${last_staff},{staff_criteria})", money,
                              float(row["actual"]))
        summary.write_formula(index, 5, f"=D{excel_row}-E{excel_row}", money, float(row["budget"] - row["actual"]))
        summary.write_formula(index, 6, f'=IF(D{excel_row}=0,0,E{excel_row}/D{excel_row})', percent,
                              _ratio(row["actual"], row["budget"]))
    total_row = len(rows) + 3
    totals = [sum((row[key] for row in rows), Decimal(0)) for key in ("budget", "actual")]
    summary.write(total_row, 0, labels["total"], bold)
    for column, value in zip((3, 4, 5), (totals[0], totals[1], totals[0] - totals[1])):
        letter = "DEF"[column - 3]
        summary.write_formula(total_row, column, f"=SUM({letter}4:{letter}{total_row})", money, float(value))
    if indirect:
        base = f"E{total_row + 1}" if indirect["base"] == "direct_costs" else \
            f"SUM({staff_sheet}!$I$2:$I${last_staff})"
        summary.write(total_row + 1, 0, labels["indirect"], bold)
        summary.write(total_row + 1, 1, f"{indirect['base_label']} — {indirect['rate']:g} %")
        summary.write_formula(total_row + 1, 4, f"=ROUND({base}*{indirect['rate']:g}/100,2)", money,
                              float(indirect["amount"]))
        summary.write(total_row + 2, 0, labels["requested"], bold)
        summary.write_formula(total_row + 2, 4, f"=E{total_row + 1}+E{total_row + 2}", money,
                              float(totals[1]) + float(indirect["amount"]))
    if advance:
        requested = _decimal(totals[1]) + (_decimal(indirect["amount"]) if indirect else 0)
        row = total_row + 3 if indirect else total_row + 1  # under the amount requested (or the total)
        summary.write(row, 0, labels["advance"], bold)
        summary.write(row, 1, advance["rule"])
        summary.write_number(row, 4, float(advance["amount"]), money)
        summary.write(row + 1, 0, labels["net"], bold)
        summary.write_formula(row + 1, 4, f"=E{row}-E{row + 1}", money,
                              float(requested - _decimal(advance["amount"])))
    summary.freeze_panes(3, 0)
    summary.autofilter(2, 0, max(total_row - 1, 3), len(SUMMARY_COLUMNS) - 1)
    summary.set_column(0, 2, 28)
    summary.set_column(3, 6, 14)

    sheet = workbook.add_worksheet(labels["expenses"])
    _header(sheet, 0, labels["expense_columns"], bold)
    for index, row in enumerate(expenses, start=1):
        sheet.write_row(index, 0, [row["ref"], row["wp"], row["category"], row["partner"], row["supplier"],
                                   row["document"]])
        _date(sheet, index, 6, row["document_date"], date_format)
        _date(sheet, index, 7, row["payment_date"], date_format)
        for column, key in ((8, "taxable"), (9, "vat"), (10, "eligible")):
            sheet.write_number(index, column, float(row[key]), money)
    _finish(sheet, len(expenses), EXPENSE_COLUMNS)

    sheet = workbook.add_worksheet(labels["staff"])
    _header(sheet, 0, labels["staff_columns"], bold)
    for index, row in enumerate(staff_costs, start=1):
        sheet.write_row(index, 0, [row["ref"], row["wp"], row["category"], row["partner"], row["person"],
                                   row["month"]])
        sheet.write_number(index, 6, float(row["hours"]))
        sheet.write_number(index, 7, float(row["rate"]), money)
        # the amount is the ORM's hours x rate rounded half up to the cent (Decimal); a spreadsheet ROUND on
        # binary floats can differ by a cent, so the documented amount is written, not recomputed
        sheet.write_number(index, 8, float(row["amount"]), money)
    _finish(sheet, len(staff_costs), STAFF_COLUMNS)

    sheet = workbook.add_worksheet(labels["indicators"])
    _header(sheet, 0, labels["indicator_columns"], bold)
    for index, row in enumerate(indicators, start=1):
        sheet.write_row(index, 0, [row["code"], row["name"]])
        sheet.write_number(index, 2, float(row["target"]))
        sheet.write_number(index, 3, float(row["actual"]))
        sheet.write_formula(index, 4, f"=IF(C{index + 1}=0,0,D{index + 1}/C{index + 1})", percent,
                            _ratio(row["actual"], row["target"]))
    _finish(sheet, len(indicators), INDICATOR_COLUMNS)
    workbook.close()
    return buffer.getvalue()


def summary_rows(budget_rows, expenses, staff_costs):
    """One row per work package × category × partner: the budget of the lines with that key summed (two lines of a
    partner in one category make one row, so the SUMIFS counts their costs once), the actual summed from the
    detail rows exactly as the row's SUMIFS does, in Decimal to the cent. Keys with costs and no budget line (a
    line dropped in a later budget version) get a row with a budget of 0, so the summary total is the claim's."""
    rows = {}

    def row_of(source):
        key = (source["wp"], source["category"], source["partner"])
        return rows.setdefault(key, {"wp": key[0], "category": key[1], "partner": key[2],
                                     "budget": Decimal(0), "actual": Decimal(0)})

    for line in budget_rows:
        row_of(line)["budget"] += _decimal(line["budget"])
    for source, amount in [(e, e["eligible"]) for e in expenses] + [(c, c["amount"]) for c in staff_costs]:
        # the sheets hold the amounts as floats: the SUMIFS adds those, so the expected actual does too
        row_of(source)["actual"] += _decimal(float(amount))
    return list(rows.values())


def _sheet_reference(name):
    """A sheet's name as a formula names it: quoted unless it is a plain word (a translation may hold spaces)."""
    return name if re.fullmatch(r"[^\W\d]\w*", name) else "'" + name.replace("'", "''") + "'"


def _decimal(value):
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _ratio(part, whole):
    """What IF(whole=0,0,part/whole) computes."""
    return float(part) / float(whole) if float(whole) else 0.0


def _header(sheet, row, columns, style):
    for column, label in enumerate(columns):
        sheet.write(row, column, label, style)


def _date(sheet, row, column, value, style):
    if value:
        sheet.write_datetime(row, column, _as_datetime(value), style)


def _as_datetime(value):
    from datetime import datetime, time  # noqa: PLC0415

    return value if isinstance(value, datetime) else datetime.combine(value, time())


def _finish(sheet, rows, columns):
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(rows, 1), len(columns) - 1)
    sheet.set_column(0, len(columns) - 1, 16)
