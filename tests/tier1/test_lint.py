"""Tier 1: the pre-commit hooks of .pre-commit-config.yaml (ruff, pylint-odoo, OCA's module and translation checks)
pass on every file of the repository, so that CI enforces what each commit should."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HOOKS = [hook["id"] for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
         for hook in repo["hooks"]]


def test_the_hooks_are_the_checks_we_rely_on():
    assert HOOKS == ["ruff", "pylint-odoo", "oca-checks-odoo-module", "oca-checks-po"]


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_passes_on_every_file(hook):
    # the hooks' tools live beside this interpreter (the project's environment)
    environment = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "run", hook, "--all-files", "--color", "never"],
                            cwd=ROOT, capture_output=True, text=True, check=False, env=environment)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
