"""What a generated data set is, independent of the order its rows were inserted in: for each table, the multiset
of its new rows, with ids left out, references to reproducible tables counted from where the run started, and
references to the tables whose ids depend on the insertion order (the cloned ones and what lies beside them) left
out. generate.py through the ORM and in bulk must give the same fingerprint (tests/integration)."""
import collections
import re
from datetime import datetime, timedelta

from odoo.tools import SQL

# the tables whose new rows get ids in a different order in bulk than through the ORM
ORDER_DEPENDENT = {"account_analytic_line", "fami_attendance", "fami_course_session", "calendar_event",
                   "calendar_attendee", "fami_service_access", "fami_expense",
                   "fami_workflow_log", "fami_workflow_approval", "mail_message", "mail_activity", "mail_followers",
                   "ir_attachment", "mail_notification", "mail_mail", "mail_tracking_value"}
# written by the server, not by the generation; mail_mail is the outgoing queue (deleted once sent)
IGNORED_TABLES = {"bus_bus", "res_users_log", "ir_cron_trigger", "ir_cron_progress", "mail_mail"}
# random or clock-made: tokens, message ids, avatars (their colour comes from the creation time)
IGNORED_COLUMNS = {"id", "create_date", "write_date", "access_token", "message_id", "references",
                   "alias_parent_thread_id", "alias_force_thread_id", "alias_defaults"}  # ids outside foreign keys
AVATAR_COLUMNS = {"store_fname", "checksum", "file_size"}
# links to a record in a text
RECORD_LINK = re.compile(r"(/odoo/|/odoo/[a-z._-]+/|res_id=|active_id=)\d+")
# numbered by an ir.sequence, whose numbers a rolled-back run does not give back
SEQUENCE_NUMBERED = {("fami_beneficiary", "code")}
# a record without a name is called "model,id"
DEFAULT_NAME = re.compile(r"\b([a-z_]+\.[a-z_.]+),\d+\b")


def high_water_marks(cr):
    """{table: last id given} of every table with an integer id: where a run starts (its sequence, not its
    greatest row: a run rolled back leaves its ids used)."""
    cr.execute("""SELECT c.table_name FROM information_schema.columns c
                   JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                  WHERE c.column_name = 'id' AND c.data_type = 'integer' AND c.table_schema = current_schema()
                    AND t.table_type = 'BASE TABLE'""")
    marks = {}
    for (table,) in cr.fetchall():
        cr.execute(SQL("SELECT GREATEST(pg_sequence_last_value(pg_get_serial_sequence(%s, 'id')), "
                       "(SELECT max(id) FROM %s), 0)", SQL.identifier(table).code, SQL.identifier(table)))
        marks[table] = cr.fetchone()[0]
    return marks


def foreign_keys(cr):
    """{(table, column): referenced table} of single-column foreign keys."""
    cr.execute("""
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1""")
    return {(table.strip('"'), column): target.strip('"') for table, column, target in cr.fetchall()}


def fingerprint(cr, since):
    """{table: Counter of normalised new rows} of the rows inserted after `since` (high_water_marks)."""
    keys = foreign_keys(cr)
    cr.execute("SELECT now() AT TIME ZONE 'UTC'")
    recent = cr.fetchone()[0] - timedelta(hours=6)
    result = {}
    for table, mark in sorted(since.items()):
        if table in IGNORED_TABLES:
            continue
        cr.execute(SQL("SELECT * FROM %s WHERE id > %s", SQL.identifier(table), mark))
        names = [column.name for column in cr.description]
        rows = collections.Counter()
        for row in cr.fetchall():
            normal = []
            avatar = table == "ir_attachment" and (dict(zip(names, row)).get("res_field") or "").startswith("image_")
            for name, value in zip(names, row):
                target = keys.get((table, name))
                if name in IGNORED_COLUMNS or name == "res_id" or target in ORDER_DEPENDENT \
                        or (avatar and name in AVATAR_COLUMNS):
                    continue
                if isinstance(value, str):
                    value = RECORD_LINK.sub(r"\1#", DEFAULT_NAME.sub(r"\1,#", value))
                    if (table, name) in SEQUENCE_NUMBERED:
                        value = re.sub(r"\d+", "#", value)
                if target and value is not None and target in since:
                    value = value - since[target] if value > since[target] else value
                elif isinstance(value, datetime) and value > recent:
                    value = "now"
                elif isinstance(value, dict | list):
                    value = repr(value)
                normal.append((name, value))
            rows[tuple(normal)] += 1
        if rows:
            result[table] = rows
    return result


def differences(first, second, limit=5):
    """Readable differences between two fingerprints (empty when they are the same)."""
    lines = []
    for table in sorted(set(first) | set(second)):
        a, b = first.get(table, collections.Counter()), second.get(table, collections.Counter())
        if a == b:
            continue
        lines.append(f"{table}: {sum(a.values())} rows vs {sum(b.values())}")
        for row in list((a - b).elements())[:limit]:
            lines.append(f"  only in the first:  {dict(row)}")
        for row in list((b - a).elements())[:limit]:
            lines.append(f"  only in the second: {dict(row)}")
    return lines
