"""Tier 1: every sudo() of the addons says why it is safe, and no SQL is built by string formatting."""
from pathlib import Path

import pytest

import security_checks

ADDONS = Path(__file__).resolve().parents[2] / "addons"


def test_the_addons_pass_the_security_checks():
    assert security_checks.check_tree(ADDONS) == []


def test_the_addons_use_sudo_and_sql_so_the_checks_see_something():
    sources = [path.read_text(encoding="utf-8") for path in security_checks.python_files(ADDONS)]
    assert sum(source.count(".sudo(") for source in sources) > 10
    assert any("cr.execute(SQL(" in source for source in sources)


@pytest.mark.parametrize("source", [
    "records.sudo().unlink()\n",
    "# sudo\nrecords.sudo().unlink()\n",
    "# the engine writes the log\n\nrecords.sudo().unlink()\n",  # the reason must be right above
    "x = (records\n     .sudo()\n     .unlink())  # a reason on the wrong line\n",  # a later line does not count
])
def test_an_unexplained_sudo_is_reported(source):
    assert len(security_checks.unexplained_sudo(source)) == 1


@pytest.mark.parametrize("source", [
    "# logs are written by the engine, never by the user\nlogs.sudo().create(values)\n",
    "logs.sudo().create(values)  # the engine writes logs, users only read them\n",
    "x = (records\n     # the cron anonymises people the user cannot see\n     .sudo()\n     .unlink())\n",
])
def test_an_explained_sudo_passes(source):
    assert security_checks.unexplained_sudo(source) == []


@pytest.mark.parametrize("source", [
    "cr.execute(f'SELECT * FROM {table} WHERE id = %s', (1,))\n",
    "cr.execute('SELECT * FROM x WHERE name = %s' % name)\n",
    "cr.execute('SELECT * FROM x WHERE name = ' + name)\n",
    "cr.execute('SELECT * FROM {}'.format(table))\n",
    "self.env.cr.execute(SQL(f'SELECT * FROM {table}'))\n",
    "cr.executemany('INSERT INTO x VALUES (%s)' % value, rows)\n",
])
def test_sql_built_by_formatting_is_reported(source):
    assert len(security_checks.formatted_sql(source)) == 1


@pytest.mark.parametrize("source", [
    "cr.execute('SELECT * FROM x WHERE name = %s', (name,))\n",
    "cr.execute(SQL('SELECT * FROM %s WHERE id IN %s', SQL.identifier(table), tuple(ids)))\n",
    "cr.execute(query, params)\n",
    "cr.execute(f'SELECT 1')\n",  # an f-string without placeholders is a constant
])
def test_parameterised_sql_passes(source):
    assert security_checks.formatted_sql(source) == []
