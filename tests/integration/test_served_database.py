"""The database `make run` serves is data people keep: its cluster is durable, and `make backup` / `make restore`
give it back whole (records and files). Run by pytest-odoo beside the other cross-addon tests."""
import base64
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg2
from psycopg2 import sql

from odoo.tools import config

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("devctl_for_served_tests", ROOT / "tools" / "devctl.py")
devctl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(devctl)

FILE = b"%PDF-1.4 giustificativo di spesa\n" * 1000


def test_the_served_cluster_keeps_fsync_and_full_page_writes_and_the_test_cluster_does_not(monkeypatch):
    # a new cluster of each kind, on free ports, in a folder the postgres user can reach when run as root
    folder = Path(tempfile.mkdtemp(prefix="fami-clusters-", dir="/var/tmp"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    monkeypatch.setattr(devctl, "LOCAL", folder)
    monkeypatch.delenv("FAMI_DB_HOST", raising=False)
    durable = ("durable", "pgdata", devctl.free_port(), devctl.DURABLE[3])
    throwaway = ("throw-away", "pgtest", devctl.free_port(), devctl.THROWAWAY[3])
    try:
        served = devctl.ensure_postgres(durable)
        assert (devctl.pg_setting(served, "fsync"), devctl.pg_setting(served, "full_page_writes")) == ("on", "on")
        tests = devctl.ensure_postgres(throwaway)
        assert (devctl.pg_setting(tests, "fsync"), devctl.pg_setting(tests, "full_page_writes")) == ("off", "off")
    finally:
        for kind in (durable, throwaway):
            data = folder / kind[1]
            if (data / "PG_VERSION").exists():
                subprocess.run(devctl.as_postgres_owner([str(devctl.pg_bindir() / "pg_ctl"), "-D", str(data),
                                                         "-m", "immediate", "stop"]), capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def rows_of_every_table(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
        return counts


def odoo_shell(pg, database, code):
    """Run code in `odoo shell` on database, configured as `make run` serves it (its files' folder included)."""
    return subprocess.run([sys.executable, "-m", "odoo", "shell", "-c", str(devctl.server_config(pg, database)),
                           "-d", database, "--no-http"], input=code, text=True, capture_output=True,
                          check=True).stdout.strip().splitlines()[-1]


def test_backup_and_restore_give_back_every_record_and_file():
    pg = (config["db_host"], int(config["db_port"]), config["db_user"])
    source, copy = f"fami_backup_{os.getpid()}", f"fami_restored_{os.getpid()}"
    environment = dict(os.environ, FAMI_DB_HOST=pg[0], FAMI_DB_PORT=str(pg[1]), FAMI_DB_USER=pg[2])
    devctl.create_with_dependencies(pg, source)  # Odoo's modules with their demo data, from the cached template
    try:
        # a file in the filestore of the served configuration, as an attachment uploaded in `make run` is
        attachment_id = int(odoo_shell(pg, source, (
            "a = env['ir.attachment'].create({'name': 'fattura.pdf', 'raw': %r})\n"
            "env.cr.commit()\nprint(a.id)\n") % FILE))
        backup = subprocess.run([sys.executable, str(ROOT / "tools" / "devctl.py"), "backup"], text=True,
                                capture_output=True, env=dict(environment, FAMI_DB=source), check=True)
        archive = backup.stdout.strip().rsplit(" ", 1)[-1]
        subprocess.run([sys.executable, str(ROOT / "tools" / "devctl.py"), "restore", archive], text=True,
                       capture_output=True, env=dict(environment, FAMI_DB=copy), check=True)
        with psycopg2.connect(host=pg[0], port=pg[1], user=pg[2], dbname=source) as before, \
                psycopg2.connect(host=pg[0], port=pg[1], user=pg[2], dbname=copy) as after:
            counts = rows_of_every_table(before)
            assert len(counts) > 200 and counts["ir_attachment"] > 0
            assert rows_of_every_table(after) == counts
        restored = odoo_shell(pg, copy, (
            "import base64\nprint(base64.b64encode(env['ir.attachment'].browse(%d).raw).decode())\n")
            % attachment_id)
        assert hashlib.sha1(base64.b64decode(restored)).hexdigest() == hashlib.sha1(FILE).hexdigest()
        Path(archive).unlink()
    finally:
        for database in (source, copy):
            devctl.drop_database(pg, database)
            shutil.rmtree(devctl.SERVED_FILES / "filestore" / database, ignore_errors=True)
