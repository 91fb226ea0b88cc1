"""Recalculate the formulas of an .xlsx read by openpyxl, as a spreadsheet does when it opens the file.

No LibreOffice on the test machines and openpyxl does not compute: this evaluator knows the formulas the claim
workbook writes (cell and range references across sheets, + - * /, comparisons, SUM, SUMIFS with equality
criteria, IF evaluated lazily) and refuses anything else, so a new kind of formula cannot pass unchecked.
Used by the tier-2 tests of the workbook and proved in tier 1 (tests/tier1/test_fami_reporting_workbook.py).
"""
import re
from decimal import ROUND_HALF_UP, Decimal

SHEET = r"(?:\w+|'(?:[^']|'')+')"  # a plain word, or a quoted name ('' is a quote inside it)
TOKEN = re.compile(r"""\s*(?:
    (?P<range>(?:(?P<rsheet>SHEET)!)?\$?(?P<c1>[A-Z]{1,3})\$?(?P<r1>\d+):\$?(?P<c2>[A-Z]{1,3})\$?(?P<r2>\d+))
  | (?P<ref>(?:(?P<sheet>SHEET)!)?\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)(?![\w(]))
  | (?P<func>[A-Z]+)\(
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<string>"[^"]*")
  | (?P<op><>|<=|>=|[-+*/=<>(),])
)""".replace("SHEET", SHEET), re.VERBOSE)


def column_index(letters):
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _sheet(reference):
    """'Costi del personale' → Costi del personale; a plain word stays as it is."""
    if reference and reference.startswith("'"):
        return reference[1:-1].replace("''", "'")
    return reference


def _tokens(formula):
    position, tokens = 0, []
    while position < len(formula):
        match = TOKEN.match(formula, position)
        if not match or match.end() == position:
            raise ValueError(f"cannot read the formula {formula!r} at {formula[position:]!r}")
        kind = next(name for name in ("range", "ref", "func", "number", "string", "op") if match.group(name))
        tokens.append((kind, match))
        position = match.end()
    return tokens


class Evaluator:
    """evaluate(sheet_name, "E4") → the value the cell shows once recalculated (Decimal for numbers)."""

    def __init__(self, workbook):
        self.workbook = workbook

    def evaluate(self, sheet, coordinate):
        cell = self.workbook[sheet][coordinate]
        value = cell.value
        if cell.data_type == "f":
            self.tokens, self.position, self.sheet = _tokens(value[1:]), 0, sheet
            node = self._comparison()
            if self.position != len(self.tokens):
                raise ValueError(f"unexpected end of the formula {value!r}")
            return self._run(node, sheet)
        if isinstance(value, bool) or value is None:
            return value
        return Decimal(str(value)) if isinstance(value, int | float) else value

    # ---------------------------------------------------------------- parser: nodes are tuples

    def _peek(self, *texts):
        if self.position < len(self.tokens):
            kind, match = self.tokens[self.position]
            if kind == "op" and match.group("op") in texts:
                return match.group("op")
        return None

    def _take(self, text):
        if not self._peek(text):
            raise ValueError(f"expected {text!r}")
        self.position += 1

    def _comparison(self):
        node = self._additive()
        operator = self._peek("=", "<>", "<", ">", "<=", ">=")
        if operator:
            self.position += 1
            node = ("cmp", operator, node, self._additive())
        return node

    def _additive(self):
        node = self._term()
        while operator := self._peek("+", "-"):
            self.position += 1
            node = ("bin", operator, node, self._term())
        return node

    def _term(self):
        node = self._unary()
        while operator := self._peek("*", "/"):
            self.position += 1
            node = ("bin", operator, node, self._unary())
        return node

    def _unary(self):
        if self._peek("-"):
            self.position += 1
            return ("neg", self._unary())
        return self._primary()

    def _primary(self):
        if self._peek("("):
            self.position += 1
            node = self._comparison()
            self._take(")")
            return node
        kind, match = self.tokens[self.position]
        self.position += 1
        if kind == "number":
            return ("value", Decimal(match.group("number")))
        if kind == "string":
            return ("value", match.group("string")[1:-1])
        if kind == "ref":
            return ("ref", _sheet(match.group("sheet")) or self.sheet, match.group("col") + match.group("row"))
        if kind == "range":
            return ("range", _sheet(match.group("rsheet")) or self.sheet, column_index(match.group("c1")),
                    int(match.group("r1")), column_index(match.group("c2")), int(match.group("r2")))
        if kind == "func":
            arguments = []
            if not self._peek(")"):
                arguments.append(self._comparison())
                while self._peek(","):
                    self.position += 1
                    arguments.append(self._comparison())
            self._take(")")
            return ("func", match.group("func"), arguments)
        raise ValueError(f"unexpected {match.group(0)!r}")

    # ---------------------------------------------------------------- evaluation

    def _run(self, node, sheet):
        kind = node[0]
        if kind == "value":
            return node[1]
        if kind == "ref":
            return Evaluator(self.workbook).evaluate(node[1], node[2])
        if kind == "range":
            raise ValueError("a range is only an argument of SUM or SUMIFS")
        if kind == "neg":
            return -self._number(self._run(node[1], sheet))
        if kind == "bin":
            left, right = self._number(self._run(node[2], sheet)), self._number(self._run(node[3], sheet))
            if node[1] == "/":
                if not right:
                    raise ZeroDivisionError("#DIV/0!")
                return left / right
            return {"+": left + right, "-": left - right, "*": left * right}[node[1]]
        if kind == "cmp":
            left, right = self._run(node[2], sheet), self._run(node[3], sheet)
            return {"=": left == right, "<>": left != right, "<": left < right, ">": left > right,
                    "<=": left <= right, ">=": left >= right}[node[1]]
        name, arguments = node[1], node[2]
        if name == "IF":
            condition, when_true, when_false = arguments
            return self._run(when_true if self._run(condition, sheet) else when_false, sheet)
        if name == "ROUND":
            value, digits = (self._number(self._run(argument, sheet)) for argument in arguments)
            return value.quantize(Decimal(1).scaleb(-int(digits)), rounding=ROUND_HALF_UP)  # away from zero
        if name == "SUM":
            return sum((self._number(value) for argument in arguments for value in self._values(argument, sheet)),
                       Decimal(0))
        if name == "SUMIFS":
            values = self._values(arguments[0], sheet)
            keep = [True] * len(values)
            for criteria_range, criterion in zip(arguments[1::2], arguments[2::2]):
                wanted = self._run(criterion, sheet)
                if wanted in (None, ""):
                    raise ValueError("an empty criterion: a spreadsheet's reading of it is not evaluated here")
                if isinstance(wanted, str) and (wanted[:1] in "<>=" or set(wanted) & set("*?~")
                                                or re.fullmatch(r"\s*[-+]?[\d.]+\s*", wanted)):
                    # a spreadsheet reads these as an operator, a wildcard or a number, not as the text itself
                    raise ValueError(f"criterion {wanted!r}: only plain text equality is evaluated here")
                for index, value in enumerate(self._values(criteria_range, sheet)):
                    # text criteria match whatever the case, as in a spreadsheet
                    keep[index] = keep[index] and (value.casefold() == wanted.casefold() if isinstance(
                        value, str) and isinstance(wanted, str) else value == wanted)
            return sum((self._number(value) for value, kept in zip(values, keep) if kept), Decimal(0))
        raise ValueError(f"the function {name} is not evaluated here")

    def _values(self, node, sheet):
        if node[0] != "range":
            return [self._run(node, sheet)]
        _kind, name, col1, row1, col2, row2 = node
        cells = self.workbook[name].iter_rows(min_row=row1, max_row=row2, min_col=col1, max_col=col2)
        return [Evaluator(self.workbook).evaluate(name, cell.coordinate) for row in cells for cell in row]

    @staticmethod
    def _number(value):
        if value is None or value == "":
            return Decimal(0)
        if isinstance(value, Decimal):
            return value
        if isinstance(value, bool):
            return Decimal(int(value))
        raise ValueError(f"{value!r} is not a number")


def recalculate(workbook):
    """{(sheet, coordinate): value} of every formula cell of the workbook, recalculated."""
    evaluator = Evaluator(workbook)
    return {(sheet.title, cell.coordinate): evaluator.evaluate(sheet.title, cell.coordinate)
            for sheet in workbook for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f"}
