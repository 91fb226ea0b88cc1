"""The benchmarks cannot rot (they are measurements and stay out of the test run; these check they still work):
the bulk generator leaves the database as the ORM would, and load.py drives a multi-process Odoo on a generated
database without an error, a lost or a doubled record."""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import psycopg2

from odoo.tools import config

from common import IntegrationCase

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "tests" / "benchmarks"


def load_benchmark(name):
    """A module of tests/benchmarks, loaded under its own name (their `benchenv` sits beside them)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.append(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(f"fami_benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestBenchmarkGenerator(IntegrationCase):
    def test_bulk_generation_gives_the_database_the_orm_gives(self):
        generate = load_benchmark("generate")
        fingerprints = load_benchmark("fingerprint")
        env = self.env(context=dict(self.env.context, tracking_disable=True, mail_create_nolog=True,
                                    mail_notrack=True, no_mail_to_attendees=True))
        found = {}
        for mode in ("orm", "bulk"):
            with env.cr.savepoint() as savepoint:
                since = fingerprints.high_water_marks(env.cr)
                generate.MODE = mode
                generate.generate(env, 0.002, 20231)
                env.flush_all()
                found[mode] = fingerprints.fingerprint(env.cr, since)
                savepoint.rollback()
            env.invalidate_all()
        differences = fingerprints.differences(found["orm"], found["bulk"])
        self.assertFalse(differences, "\n".join(differences)[:5000])
        # the bulk path really cloned: most attendance, hours, accesses and expenses (with their logs) were not
        # created one by one, and they are all there
        self.assertEqual(sum(found["bulk"]["fami_attendance"].values()), 800)
        self.assertEqual(sum(found["bulk"]["account_analytic_line"].values()), 500)
        self.assertGreater(generate.CLONED["account.analytic.line"], 300)
        self.assertGreater(generate.CLONED["fami.attendance"], 700)
        self.assertGreater(generate.CLONED["fami.expense"], 40)
        self.assertGreater(generate.CLONED["fami.service.access"], 60)
        # the registers are in the states of a running programme: three in four approved, with their attendance
        sessions = found["bulk"]["fami_course_session"]
        self.assertEqual(sum(sessions.values()), 80)
        self.assertEqual(sum(count for row, count in sessions.items() if ("workflow_state_code", "approved") in row),
                         60)


def test_generate_and_load_smoke():
    """A tiny programme generated in a database of its own, then load.py for a few seconds with 2 workers."""
    database = f"fami_load_smoke_{os.getpid()}"
    environ = dict(os.environ, PYTHONUNBUFFERED="1")
    python = sys.executable
    try:
        generated = subprocess.run([python, str(BENCHMARKS / "generate.py"), "-d", database, "--scale", "0.0005"],
                                   capture_output=True, text=True, env=environ, cwd=ROOT, timeout=900)
        assert generated.returncode == 0, generated.stdout[-3000:] + generated.stderr[-3000:]
        loaded = subprocess.run([python, str(BENCHMARKS / "load.py"), "-d", database, "--users", "5", "--time", "8",
                                 "--workers", "2"], capture_output=True, text=True, env=environ, cwd=ROOT,
                                timeout=600)
        output = loaded.stdout + loaded.stderr
        assert loaded.returncode == 0, output[-5000:]
        assert "nothing lost or doubled, indicators equal a recount" in output, output[-5000:]
        assert "all operations" in output, output[-5000:]
    finally:
        connection = psycopg2.connect(host=config["db_host"], port=config["db_port"], user=config["db_user"],
                                      password=config["db_password"] or None, dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.close()
