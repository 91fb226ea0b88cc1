"""Tier 1: ruff and pylint-odoo (OCA's checks) are clean on the addons and the tooling."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*command):
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean():
    result = run("ruff", "check", "--no-cache", "addons", "tests", "tools")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pylint_odoo_is_clean():
    result = run("pylint", "--rcfile", str(ROOT / ".pylintrc"), *sorted(str(p) for p in (ROOT / "addons").iterdir()
                                                                           if (p / "__manifest__.py").exists()))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
