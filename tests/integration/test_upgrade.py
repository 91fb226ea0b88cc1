"""`-u` of every addon on a database with data keeps all records, states, logs and attachments.

The database where the suite was just installed (demo data) is copied (CREATE DATABASE ... TEMPLATE, with its
filestore); in the copy, a subprocess `odoo shell` moves records through their workflows (states and log lines),
attaches files and posts messages, and commits. Every table of the suite, the FAMI timesheet lines, the suite's
attachments and messages are then fingerprinted (count + md5 of the ordered rows, write_date/write_uid left out),
the five addons are upgraded in a subprocess, and the fingerprints must be identical. The copy is dropped.

Moving demo records matters: demo and data records loaded without noupdate are rewritten by an upgrade, which
would silently put an approved record back in its demo state.

A workflow designer also edits a shipped definition in the form (a workflow, one of its states and transitions,
and a workflow of another addon), as in Settings > FAMI > Workflows: the shipped definitions are noupdate data,
so the edit is still there after the upgrade, value by value.
"""
import json
import os
import shutil
import subprocess
import sys
import time

import odoo
import psycopg2
from odoo.tools import config

SUITE = ["fami_workflow", "fami_partners", "fami_beneficiaries", "fami_activities", "fami_reporting"]
DATA_SCRIPT = '''
from odoo.exceptions import AccessError, UserError, ValidationError
admin = env.ref("base.user_admin")
governed = sorted(name for name, model in env.registry.items() if "workflow_state_id" in model._fields
                  and not model._abstract and not model._transient and name != "fami.workflow.mixin")
moved = 0
for name in governed:
    for record in env[name].search([("workflow_state_id.is_final", "=", False), ("workflow_state_id", "!=", False)],
                                   limit=3):
        transitions = env["fami.workflow.transition"].search([("state_from_id", "=", record.workflow_state_id.id),
                                                              ("approvals_required", "=", 1)])
        for transition in transitions:
            try:
                with env.cr.savepoint():
                    record.with_user(admin).workflow_fire(transition.code, comment="upgrade test")
            except (UserError, ValidationError, AccessError):
                continue
            moved += 1
            break
# models governed from the UI (custom fields, fami_workflow README): a contact signed, an event approved
partner = env.ref("fami_partners.demo_partner_scuola")
partner.vat = "IT01234567897"
partner.with_user(admin).workflow_fire("sign")
env.ref("fami_activities.demo_event_open_day").with_user(admin).workflow_fire("approve")
moved += 2
attached = 0
for index, expense in enumerate(env["fami.expense"].search([], limit=3)):
    env["ir.attachment"].create({"name": f"giustificativo-{index}.pdf", "res_model": "fami.expense",
                                 "res_id": expense.id, "raw": b"%PDF-1.4 upgrade test " + bytes([index]) * 1000})
    expense.message_post(body=f"upgrade test {index}", attachments=[(f"nota-{index}.txt", b"note %d" % index)])
    attached += 2

# a workflow designer edits shipped definitions in the form (Form lives in Odoo's test framework, which refuses to
# load outside test mode)
import json
from odoo.tools import config as odoo_config
odoo_config["test_enable"] = True
from odoo.tests import Form
from odoo.tests.common import new_test_user
designer = new_test_user(env, login="upgrade_designer", groups="base.group_user,fami_workflow.group_workflow_designer")
edited = {}
for xmlid, state_code, transition_code in (("fami_reporting.workflow_expense", "checked", "approve"),
                                           ("fami_activities.workflow_session", "submitted", "reject")):
    workflow = env.ref(xmlid).with_user(designer)
    state = workflow.state_ids.filtered(lambda s: s.code == state_code)
    transition = workflow.transition_ids.filtered(lambda t: t.code == transition_code)[:1]
    with Form(workflow) as form:
        form.name = f"{workflow.name}, revised by the designer"
        with form.state_ids.edit(workflow.state_ids.sorted().ids.index(state.id)) as line:
            line.name = "Checked by the controller"
            line.deadline_days = 5
        with form.transition_ids.edit(workflow.transition_ids.sorted().ids.index(transition.id)) as line:
            line.name = "Approve with two signatures"
            line.approvals_required = 2
            line.comment_required = True
    edited[xmlid] = {"workflow": [workflow.id, workflow.name], "state": [state.id, state.name, state.deadline_days],
                     "transition": [transition.id, transition.name, transition.approvals_required,
                                    transition.comment_required]}
env.cr.commit()
print("DATA OK", moved, attached)
print("EDITED", json.dumps(edited))
'''
# (label, SQL of the rows to fingerprint); suite tables are added from the catalogue
FINGERPRINTED = [
    ("FAMI timesheets", "SELECT * FROM account_analytic_line WHERE fami_project_id IS NOT NULL"),
    ("attachments", "SELECT id, name, res_model, res_id, res_field, checksum, file_size, store_fname "
                    "FROM ir_attachment WHERE res_model LIKE 'fami.%'"),
    ("messages", "SELECT id, model, res_id, body, subtype_id, author_id FROM mail_message WHERE model LIKE 'fami.%'"),
    # models governed from the UI: their states, the engine's custom fields and the views it added
    ("contacts and events governed from the UI",
     "SELECT 'res.partner', id, x_fami_workflow_id, x_fami_workflow_state_id, x_fami_workflow_state_date "
     "FROM res_partner WHERE x_fami_workflow_id IS NOT NULL UNION ALL "
     "SELECT 'calendar.event', id, x_fami_workflow_id, x_fami_workflow_state_id, x_fami_workflow_state_date "
     "FROM calendar_event WHERE x_fami_workflow_id IS NOT NULL"),
    ("custom fields of the workflows",
     "SELECT model, name, ttype, state, relation, store, compute, depends "
     "FROM ir_model_fields WHERE name LIKE 'x\\_fami\\_workflow%' AND state = 'manual'"),
    ("views added by the workflows", "SELECT id, name, model, inherit_id, mode, active, arch_db FROM ir_ui_view "
                                     "WHERE name LIKE 'fami.workflow.%' AND inherit_id IS NOT NULL"),
]


def db_arguments():
    arguments = []
    for option in ("db_host", "db_port", "db_user", "db_password"):
        if config.get(option):
            arguments += [f"--{option}", str(config[option])]
    return arguments


def connect(database):
    return psycopg2.connect(dbname=database, host=config.get("db_host") or None, port=config.get("db_port") or None,
                            user=config.get("db_user") or None, password=config.get("db_password") or None)


def admin_sql(statement):
    connection = connect("postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def copy_database(source, target):
    """CREATE DATABASE ... TEMPLATE needs the source without other sessions: close this process's pool first."""
    odoo.sql_db.close_db(source)
    admin_sql(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
    for attempt in range(10):
        try:
            admin_sql(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
            break
        except psycopg2.errors.ObjectInUse:
            if attempt == 9:
                raise
            time.sleep(1)
    if os.path.isdir(config.filestore(source)):
        shutil.copytree(config.filestore(source), config.filestore(target))


def fingerprints(database):
    connection = connect(database)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                           "AND table_type = 'BASE TABLE' AND table_name LIKE 'fami\\_%' ORDER BY table_name")
            queries = [(table, f'SELECT * FROM "{table}"') for (table,) in cursor.fetchall()] + FINGERPRINTED
            found = {}
            for label, query in queries:
                cursor.execute(f"SELECT count(*), md5(coalesce(string_agg(row, '|' ORDER BY row), '')) FROM ("
                               f"SELECT (to_jsonb(t) - 'write_date' - 'write_uid')::text AS row FROM ({query}) t) s")
                found[label] = cursor.fetchone()
            return found
    finally:
        connection.close()


def odoo_command(database, *extra):
    return [sys.executable, "-m", "odoo", *extra, "--addons-path", config["addons_path"], *db_arguments(),
            "-d", database, "--no-http", "--log-level=warn"]


def assert_designer_edits_kept(database, edited):
    """The values the designer saved in the form are those in the database after the upgrade."""
    connection = connect(database)
    try:
        with connection.cursor() as cursor:
            for xmlid, values in edited.items():
                workflow_id, workflow_name = values["workflow"]
                cursor.execute("SELECT name->>'en_US' FROM fami_workflow WHERE id = %s", [workflow_id])
                assert cursor.fetchone() == (workflow_name,), xmlid
                state_id, *state_values = values["state"]
                cursor.execute("SELECT name->>'en_US', deadline_days FROM fami_workflow_state WHERE id = %s",
                               [state_id])
                assert list(cursor.fetchone()) == state_values, xmlid
                transition_id, *transition_values = values["transition"]
                cursor.execute("SELECT name->>'en_US', approvals_required, comment_required "
                               "FROM fami_workflow_transition WHERE id = %s", [transition_id])
                assert list(cursor.fetchone()) == transition_values, xmlid
                assert "revised by the designer" in workflow_name and transition_values[1] == 2
    finally:
        connection.close()


class TestUpgrade:
    """A plain pytest class: it must not hold a cursor on the database it copies."""

    def test_upgrading_every_addon_keeps_records_states_logs_and_attachments(self):
        source = odoo.tests.common.get_db_name()
        copy = f"{source}_upgrade"[:63]
        copy_database(source, copy)
        try:
            shell = subprocess.run(odoo_command(copy, "shell"), input=DATA_SCRIPT, text=True, capture_output=True,
                                   timeout=600, check=False)
            assert "DATA OK" in shell.stdout and "EDITED" in shell.stdout, shell.stdout[-3000:] + shell.stderr[-3000:]
            moved, attached = (int(number) for number in shell.stdout.split("DATA OK")[1].split()[:2])
            assert moved >= 5 and attached == 6, shell.stdout[-2000:]
            before = fingerprints(copy)
            assert before["fami_workflow_log"][0] > 0 and before["attachments"][0] >= attached
            assert before["custom fields of the workflows"][0] == 8 and before["views added by the workflows"][0] == 6

            upgrade = subprocess.run(odoo_command(copy, "-u", ",".join(SUITE), "--stop-after-init"), text=True,
                                     capture_output=True, timeout=900, check=False)
            log = upgrade.stdout + upgrade.stderr
            assert upgrade.returncode == 0, log[-5000:]
            problems = [line for line in log.splitlines() if " ERROR " in line or " CRITICAL " in line]
            assert not problems, "\n".join(problems[:20])

            after = fingerprints(copy)
            assert_designer_edits_kept(copy, json.loads(shell.stdout.split("EDITED")[1].splitlines()[0]))
            changed = {label: (before.get(label), after.get(label)) for label in before.keys() | after.keys()
                       if before.get(label) != after.get(label)}
            assert not changed, f"the upgrade changed: {changed}"

            # and the fingerprints do see a changed state or log line
            connection = connect(copy)
            with connection, connection.cursor() as cursor:
                cursor.execute("UPDATE fami_workflow_log SET comment = 'rewritten' WHERE id = (SELECT max(id) "
                               "FROM fami_workflow_log)")
            connection.close()
            assert fingerprints(copy)["fami_workflow_log"] != after["fami_workflow_log"]
        finally:
            admin_sql(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
            shutil.rmtree(config.filestore(copy), ignore_errors=True)
