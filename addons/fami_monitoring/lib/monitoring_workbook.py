"""The monitoring return as a workbook for the Managing Authority, written with xlsxwriter and no ORM (tier 1).

One sheet per section. Totals are formulas over the rows above them (SUM), written with their computed result so
that a reader that does not recalculate shows the same figures; each sheet's rows come from the return's frozen
section lines. The publication version (for the network, the website) shows counts of 1 to 4 people as "<5"
in the participants sheet, with no formula that would give them back. Text is always text.
"""
import io
from decimal import Decimal

import xlsxwriter

from .participants import adds_up, publication_cell

PROCEDURAL_NUMBERS = ("sessions", "hours", "training_hours", "events", "accesses", "mediation_hours")
PROCEDURAL_TEXTS = ("activities", "strengths", "deviations", "problems", "working_group")
FINANCIAL_NUMBERS = ("budget", "incurred_period", "paid_period", "incurred_cumulative", "paid_cumulative")
# the words of the workbook; the addon passes them translated
LABELS = {
    "cover": "General data", "procedural": "Procedural", "physical": "Physical", "participants": "Participants",
    "financial": "Financial", "total": "Total", "title": "Monitoring return",
    "procedural_columns": ["Work package", "Sessions", "Hours held", "Training hours", "Events",
                           "Service accesses", "Mediation hours", "Activities", "Strengths", "Deviations",
                           "Problems and solutions", "Working group"],
    "network_columns": ["Organisation", "Role", "Network category", "Activity in the period"],
    "physical_columns": ["Code", "Indicator", "Unit", "Target", "Period", "Cumulative", "% of target"],
    "participants_columns": ["Breakdown", "Group", "Period", "Cumulative"],
    "financial_columns": ["Cost category", "Partner", "Budget", "Incurred in the period", "Paid in the period",
                          "Incurred (cumulative)", "Paid (cumulative)", "% of budget"],
}


def write_monitoring_workbook(info, procedural, network, indicators, participants, financial, labels=None,
                              publication=False, threshold=5):
    """Return the .xlsx bytes.

    info: [(label, value)] of the cover sheet; procedural: dicts with wp, the PROCEDURAL_NUMBERS and the
    PROCEDURAL_TEXTS; network: dicts with organisation, role, category, activity; indicators: dicts with code,
    name, unit, target, period, cumulative; participants: dicts with dimension, dimension_label, label, period,
    cumulative (in the order of lib/participants.py, the "total" row first); financial: dicts with category,
    partner and the FINANCIAL_NUMBERS.
    """
    labels = dict(LABELS, **(labels or {}))
    for key, columns in LABELS.items():
        if isinstance(columns, list) and len(labels[key]) != len(columns):
            raise ValueError(f"{key}: {len(columns)} headers expected, {len(labels[key])} given")
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "default_date_format": "dd/mm/yyyy"})
    styles = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "header": workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}),
        "bold": workbook.add_format({"bold": True}),
        "number": workbook.add_format({"num_format": "#,##0.##"}),
        "money": workbook.add_format({"num_format": "#,##0.00"}),
        "percent": workbook.add_format({"num_format": "0.00%"}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "total_number": workbook.add_format({"bold": True, "num_format": "#,##0.##", "top": 1}),
        "total_money": workbook.add_format({"bold": True, "num_format": "#,##0.00", "top": 1}),
    }
    _cover(workbook.add_worksheet(labels["cover"]), labels, info, styles)
    _procedural(workbook.add_worksheet(labels["procedural"]), labels, procedural, network, styles)
    _physical(workbook.add_worksheet(labels["physical"]), labels, indicators, styles)
    _participants(workbook.add_worksheet(labels["participants"]), labels, participants, styles, publication,
                  threshold)
    _financial(workbook.add_worksheet(labels["financial"]), labels, financial, styles)
    workbook.close()
    return buffer.getvalue()


def _text(sheet, row, column, value, style=None):
    sheet.write_string(row, column, "" if value is None or value is False else str(value), style)


def _header(sheet, row, columns, styles):
    for column, title in enumerate(columns):
        _text(sheet, row, column, title, styles["header"])


def _cover(sheet, labels, info, styles):
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 70)
    _text(sheet, 0, 0, labels["title"], styles["title"])
    for row, (label, value) in enumerate(info, start=2):
        _text(sheet, row, 0, label, styles["bold"])
        _text(sheet, row, 1, value)


def _sum_row(sheet, row, columns, first, last, values, style):
    """SUM formulas of the given 0-based columns over the 1-based rows first..last, with their results."""
    for column in columns:
        letter = _letter(column)
        formula = f"=SUM({letter}{first}:{letter}{last})" if last >= first else "=0"
        sheet.write_formula(row, column, formula, style, float(values[column]))


def _procedural(sheet, labels, rows, network, styles):
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 6, 12)
    sheet.set_column(7, 11, 45)
    _header(sheet, 0, labels["procedural_columns"], styles)
    totals = {}
    for index, row in enumerate(rows, start=1):
        _text(sheet, index, 0, row["wp"], styles["wrap"])
        for offset, key in enumerate(PROCEDURAL_NUMBERS, start=1):
            value = row.get(key) or 0
            sheet.write_number(index, offset, float(value), styles["number"])
            totals[offset] = totals.get(offset, Decimal(0)) + Decimal(str(value))
        for offset, key in enumerate(PROCEDURAL_TEXTS, start=1 + len(PROCEDURAL_NUMBERS)):
            _text(sheet, index, offset, row.get(key), styles["wrap"])
    total_row = len(rows) + 1
    _text(sheet, total_row, 0, labels["total"], styles["bold"])
    _sum_row(sheet, total_row, range(1, 1 + len(PROCEDURAL_NUMBERS)), 2, total_row,
             {column: totals.get(column, 0) for column in range(1, 1 + len(PROCEDURAL_NUMBERS))},
             styles["total_number"])
    start = total_row + 2
    _header(sheet, start, labels["network_columns"], styles)
    for index, row in enumerate(network, start=start + 1):
        for column, key in enumerate(("organisation", "role", "category", "activity")):
            _text(sheet, index, column, row.get(key), styles["wrap"])


def _physical(sheet, labels, rows, styles):
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 6, 14)
    _header(sheet, 0, labels["physical_columns"], styles)
    for index, row in enumerate(rows, start=1):
        excel_row = index + 1
        for column, key in enumerate(("code", "name", "unit")):
            _text(sheet, index, column, row.get(key), styles["wrap"])
        for column, key in ((3, "target"), (4, "period"), (5, "cumulative")):
            sheet.write_number(index, column, float(row.get(key) or 0), styles["number"])
        target, cumulative = float(row.get("target") or 0), float(row.get("cumulative") or 0)
        sheet.write_formula(index, 6, f"=IF(D{excel_row}=0,0,F{excel_row}/D{excel_row})", styles["percent"],
                            cumulative / target if target else 0)


def _participants(sheet, labels, rows, styles, publication, threshold):
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 3, 14)
    _header(sheet, 0, labels["participants_columns"], styles)
    line = 1
    for block in _blocks(rows):
        dimension = block[0]["dimension"]
        first = line + 1
        for row in block:
            _text(sheet, line, 0, row["dimension_label"])
            _text(sheet, line, 1, row["label"])
            for column, key in ((2, "period"), (3, "cumulative")):
                _count(sheet, line, column, row[key], styles, publication, threshold)
            line += 1
        if dimension != "total" and adds_up(dimension):
            _text(sheet, line, 0, block[0]["dimension_label"], styles["bold"])
            _text(sheet, line, 1, labels["total"], styles["bold"])
            totals = {2: sum(row["period"] for row in block), 3: sum(row["cumulative"] for row in block)}
            if publication:
                for column, value in totals.items():
                    _count(sheet, line, column, value, styles, publication, threshold, bold=True)
            else:
                _sum_row(sheet, line, (2, 3), first, line, totals, styles["total_number"])
            line += 1
        line += 1  # a blank row between breakdowns


def _blocks(rows):
    """The rows cut into runs of the same dimension, in order."""
    blocks = []
    for row in rows:
        if blocks and blocks[-1][0]["dimension"] == row["dimension"]:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


def _count(sheet, row, column, value, styles, publication, threshold, bold=False):
    shown = publication_cell(int(value), threshold) if publication else int(value)
    if isinstance(shown, str):
        sheet.write_string(row, column, shown, styles["bold"] if bold else None)
    else:
        sheet.write_number(row, column, shown, styles["total_number"] if bold else styles["number"])


def _financial(sheet, labels, rows, styles):
    sheet.set_column(0, 1, 34)
    sheet.set_column(2, 7, 16)
    _header(sheet, 0, labels["financial_columns"], styles)
    totals = {}
    for index, row in enumerate(rows, start=1):
        excel_row = index + 1
        _text(sheet, index, 0, row["category"])
        _text(sheet, index, 1, row["partner"])
        for column, key in enumerate(FINANCIAL_NUMBERS, start=2):
            value = Decimal(str(row.get(key) or 0))
            sheet.write_number(index, column, float(value), styles["money"])
            totals[column] = totals.get(column, Decimal(0)) + value
        budget, incurred = float(row.get("budget") or 0), float(row.get("incurred_cumulative") or 0)
        sheet.write_formula(index, 7, f"=IF(C{excel_row}=0,0,F{excel_row}/C{excel_row})", styles["percent"],
                            incurred / budget if budget else 0)
    total_row = len(rows) + 1
    _text(sheet, total_row, 0, labels["total"], styles["bold"])
    columns = range(2, 2 + len(FINANCIAL_NUMBERS))
    _sum_row(sheet, total_row, columns, 2, total_row, {column: totals.get(column, 0) for column in columns},
             styles["total_money"])
    budget, incurred = totals.get(2, Decimal(0)), totals.get(5, Decimal(0))
    sheet.write_formula(total_row, 7, f"=IF(C{total_row + 1}=0,0,F{total_row + 1}/C{total_row + 1})",
                        styles["percent"], float(incurred / budget) if budget else 0)


def _letter(column):
    return xlsxwriter.utility.xl_col_to_name(column)
