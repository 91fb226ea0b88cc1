"""Static security checks of the addons' Python code (no Odoo needed).

- Every `.sudo()` carries a comment, on its line or on the line just above, saying why bypassing the access
  rights is safe there: a reviewer must be able to judge each one without reading the whole method.
- No SQL is built by string formatting: `execute()` and `SQL()` take a constant query with `%s` placeholders;
  identifiers go through `SQL.identifier`, values through parameters. An f-string, `%`, `+` or `.format()` in the
  query argument is reported even when today's operands are not user input, because tomorrow's may be.
"""
import ast
import io
import tokenize
from pathlib import Path

MIN_WORDS = 3  # "# sudo" is not a reason; "# the log is written by the engine" is


def python_files(root):
    return sorted(path for path in Path(root).rglob("*.py") if "__pycache__" not in path.parts)


def _comments(source):
    """{line number: comment text} of the source's comments."""
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string.lstrip("#").strip()
    return found


def unexplained_sudo(source, name="<source>"):
    """`file:line` of each `.sudo(` call without an explaining comment on its line or the line above."""
    comments = _comments(source)
    problems = []
    for node in ast.walk(ast.parse(source, filename=str(name))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "sudo":
            line = node.func.end_lineno  # where `.sudo` is written, even inside a multi-line chain
            reason = comments.get(line) or comments.get(line - 1) or ""
            if len(reason.split()) < MIN_WORDS:
                problems.append(f"{name}:{line}: .sudo() without a comment saying why it is safe")
    return problems


def _formatted(node):
    """True when the expression builds a string by formatting (f-string, %, +, .format())."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def formatted_sql(source, name="<source>"):
    """`file:line` of each `execute(...)` / `SQL(...)` whose query is built by string formatting."""
    problems = []
    for node in ast.walk(ast.parse(source, filename=str(name))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if callee in ("execute", "executemany", "SQL") and _formatted(node.args[0]):
            problems.append(f"{name}:{node.lineno}: {callee}() with a query built by string formatting: "
                            "use SQL() with placeholders, SQL.identifier() for names")
    return problems


def check_tree(root):
    """Problems of every Python file under root. Tests are exempt from the sudo rule only: there `sudo()` is the
    attacker's tool (proving that even sudo cannot rewrite a log), never a path a user takes."""
    problems = []
    for path in python_files(root):
        source = path.read_text(encoding="utf-8")
        relative = path.relative_to(Path(root).parent)
        if "tests" not in path.relative_to(root).parts:
            problems += unexplained_sudo(source, relative)
        problems += formatted_sql(source, relative)
    return problems
