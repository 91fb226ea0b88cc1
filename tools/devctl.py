#!/usr/bin/env python3
"""One entry point for the two jobs a newcomer needs: serve the suite, and test it.

    python3 tools/devctl.py run    # PostgreSQL + Odoo 18 + database with demo data, served on :8069
    python3 tools/devctl.py test   # tier 1 (no Odoo) then tier 2 (inside Odoo 18, throw-away database)
    python3 tools/devctl.py pg     # only make sure PostgreSQL answers, and print how to reach it

Everything that may be missing is set up here: the Python requirements, a PostgreSQL cluster living in
`.local/pgdata` when no server is reachable, and Odoo 18 from its official source when it is not importable.
What cannot be set up ends in one clear sentence, never a traceback.
"""
import argparse
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
INTEGRATION = ROOT / "tests" / "integration"
LOCAL = ROOT / ".local"
SUITE = ["fami_workflow", "fami_partners", "fami_beneficiaries", "fami_activities", "fami_reporting"]
ODOO_OFFICIAL_SOURCE = "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
DB_USER = os.environ.get("FAMI_DB_USER", "odoo")
EMBEDDED_PORT = int(os.environ.get("FAMI_PG_PORT", "54329"))
# "<date> <time> <pid> WARNING <db> <logger>: <message>" where the logger or the message names the suite
LOG_WARNING_ABOUT_SUITE = re.compile(r"^\S+ \S+ \d+ WARNING \S+ (\S*fami|.*\bfami[._])")
ODOO_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
# the test server closing a keep-alive connection the headless browser left idle: noise, not a fault of the suite
SKIPPED_SUITE_TEST = re.compile(r" INFO \S+ odoo\.addons\.fami_\S+: skipped ")
BROWSER_IDLE_TIMEOUT = re.compile(r" ERROR \S+ werkzeug: .*Request timed out: TimeoutError")


class SetupError(Exception):
    """Something the machine lacks; its message is the one sentence the user reads."""


def say(message):
    print(f"[fami] {message}", flush=True)


# ---------------------------------------------------------------- Odoo

def odoo_version():
    """Major version of the importable Odoo, or None."""
    probe = "import odoo.release as r; print(r.version_info[0])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    return int(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip().isdigit() else None


def ensure_odoo(install=True):
    """Return True when Odoo 18 is importable, installing it from Odoo's official source if allowed."""
    if odoo_version() == 18:
        return True
    if not install or os.environ.get("FAMI_NO_ODOO_INSTALL"):
        return False
    say("Odoo 18 is not importable: trying to install it from Odoo's official 18.0 source ...")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--timeout", "20", "--retries", "1",
               ODOO_OFFICIAL_SOURCE]
    try:
        subprocess.run(command, check=False, timeout=1800, capture_output=True)
    except subprocess.TimeoutExpired:
        pass
    return odoo_version() == 18


def odoo_addons_path():
    """Core addon folders of the importable Odoo, followed by the suite's."""
    probe = "import odoo, os; print(os.path.dirname(odoo.__file__))"
    package = Path(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                  check=True).stdout.strip())
    folders = [package / "addons", package.parent / "addons", ADDONS]
    return ",".join(str(folder) for folder in folders if folder.is_dir())


# ---------------------------------------------------------------- PostgreSQL

def pg_answers(host, port):
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def pg_bindir():
    found = shutil.which("pg_config")
    if found:
        bindir = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if (Path(bindir) / "initdb").exists():
            return Path(bindir)
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return candidates[0].parent if candidates else None


def as_postgres_owner(command):
    """PostgreSQL refuses to run as root: run its tools as the `postgres` system user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + command
    return command


def embedded_data_dir():
    """`.local/pgdata` in the project; as root, only if the `postgres` user can reach it (a clone under /root
    cannot), else a folder of that user's own, named after the project path."""
    LOCAL.mkdir(exist_ok=True)
    if os.geteuid() != 0:
        return LOCAL / "pgdata"
    shutil.chown(LOCAL, "postgres")
    reachable = subprocess.run(["runuser", "-u", "postgres", "--", "test", "-w", str(LOCAL)], check=False)
    if reachable.returncode == 0:
        return LOCAL / "pgdata"
    fallback = Path("/var/tmp") / f"fami-pgdata-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]}"
    fallback.parent.mkdir(exist_ok=True)
    return fallback


def ensure_postgres():
    """Return (host, port, user) of a PostgreSQL the suite can use, starting the embedded one if needed."""
    host = os.environ.get("FAMI_DB_HOST")
    if host:
        return host, int(os.environ.get("FAMI_DB_PORT", "5432")), DB_USER
    if pg_answers("127.0.0.1", EMBEDDED_PORT):
        return "127.0.0.1", EMBEDDED_PORT, DB_USER
    bindir = pg_bindir()
    if bindir is None:
        raise SetupError("PostgreSQL is not installed: install it (Debian/Ubuntu: `apt-get install postgresql`) "
                         "or point FAMI_DB_HOST/FAMI_DB_PORT/FAMI_DB_USER at a running server.")
    data = embedded_data_dir()
    if not (data / "PG_VERSION").exists():
        say(f"creating a PostgreSQL cluster in {data}")
        subprocess.run(as_postgres_owner([str(bindir / "initdb"), "-D", str(data), "-U", DB_USER,
                                          "--auth=trust", "-E", "UTF8", "--locale=C"]),
                       check=True, capture_output=True)
    say(f"starting PostgreSQL on 127.0.0.1:{EMBEDDED_PORT}")
    options = f"-p {EMBEDDED_PORT} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(as_postgres_owner([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"),
                                      "-o", options, "-w", "-t", "60", "start"]),
                   check=True, capture_output=True)
    return "127.0.0.1", EMBEDDED_PORT, DB_USER


def db_arguments(pg):
    host, port, user = pg
    arguments = ["--db_host", host, "--db_port", str(port), "--db_user", user]
    if os.environ.get("FAMI_DB_PASSWORD"):
        arguments += ["--db_password", os.environ["FAMI_DB_PASSWORD"]]
    return arguments


def odoo_command(config, pg, *extra):
    return [sys.executable, "-m", "odoo", "-c", str(ROOT / "config" / config),
            "--addons-path", odoo_addons_path(), *db_arguments(pg), *extra]


def database_exists(pg, name):
    import psycopg2  # noqa: PLC0415 - Odoo's dependency, importable only once Odoo is

    host, port, user = pg
    with psycopg2.connect(host=host, port=port, user=user, dbname="postgres",
                          password=os.environ.get("FAMI_DB_PASSWORD")) as connection:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            return cursor.fetchone() is not None


def drop_database(pg, name):
    import psycopg2  # noqa: PLC0415

    host, port, user = pg
    connection = psycopg2.connect(host=host, port=port, user=user, dbname="postgres",
                                  password=os.environ.get("FAMI_DB_PASSWORD"))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


# ---------------------------------------------------------------- jobs

def run(_args):
    if not ensure_odoo():
        raise SetupError("Odoo 18 is not installed and could not be downloaded: install Odoo 18.0 Community "
                         "(https://www.odoo.com/documentation/18.0/administration/on_premise/source.html) "
                         "so that `python3 -c 'import odoo'` works, then run `make run` again.")
    pg = ensure_postgres()
    database = os.environ.get("FAMI_DB", "fami")
    if not database_exists(pg, database):
        say(f"creating database {database!r} with the FAMI suite and its demo data (a few minutes) ...")
        subprocess.run(odoo_command("odoo.conf", pg, "-d", database, "-i", ",".join(SUITE),
                                    "--stop-after-init"), check=True)
        # The users of the suite work in Italian: so does the administrator of a new database.
        shell = [sys.executable, "-m", "odoo", "shell", *odoo_command("odoo.conf", pg)[3:], "-d", database,
                 "--no-http"]
        subprocess.run(shell,
                       input="env.ref('base.user_admin').lang = 'it_IT'\nenv.cr.commit()\n", text=True,
                       check=True, capture_output=True)
    print()
    print("  FAMI UMBRIA 2 is served on http://localhost:8069")
    print(f"  database: {database}   login: admin   password: admin   (Ctrl-C stops the server)")
    print()
    os.execv(sys.executable, odoo_command("odoo.conf", pg, "-d", database, "--db-filter", f"^{database}$"))


def count_tier2_tests():
    files = [*ADDONS.glob("*/tests/test_*.py"), *INTEGRATION.glob("test_*.py")]
    # test methods of classes and pytest functions at module level
    return sum(len(re.findall(r"^[ \t]*def test_", path.read_text(encoding="utf-8"), re.M)) for path in files)


def run_tier1():
    """Tier 1 runs with pytest; returns (passed, failed)."""
    say("tier 1: pytest tests/ (no Odoo needed)")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q",
                             str(ROOT / "tests")], cwd=ROOT, capture_output=True, text=True, check=False)
    sys.stdout.write(result.stdout[-20000:])
    sys.stderr.write(result.stderr[-5000:])
    return pytest_outcome(result.stdout, result.returncode)


def pytest_outcome(stdout, returncode):
    """(passed, failed) from pytest's closing line; a crash without that line counts as one failure."""
    summary = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    passed = sum(int(n) for n in re.findall(r"(\d+) passed", summary))
    failed = sum(int(n) for n in re.findall(r"(\d+) (?:failed|errors?)\b", summary))
    if returncode not in (0, 5) and not failed:
        failed = 1
    return passed, failed


def run_tier2(modules):
    """Install the suite in a throw-away database with tests enabled; returns (passed, failed) or None."""
    if not ensure_odoo():
        say(f"tier 2 not run: Odoo 18 not importable ({count_tier2_tests()} tier-2 tests not run)")
        return None
    try:
        pg = ensure_postgres()
    except (SetupError, subprocess.CalledProcessError) as error:
        say(f"tier 2 not run: no PostgreSQL ({error}) ({count_tier2_tests()} tier-2 tests not run)")
        return None
    database = os.environ.get("FAMI_TEST_DB", f"fami_test_{os.getpid()}")
    drop_database(pg, database)
    tags = ",".join(f"/{module}" for module in modules)
    say(f"tier 2: installing {', '.join(modules)} in {database!r} and running their tests")
    LOCAL.mkdir(exist_ok=True)  # absent on a clean checkout that uses an external PostgreSQL
    log_path = LOCAL / f"tier2-{database}.log"
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(odoo_command("odoo-test.conf", pg, "-d", database, "-i", ",".join(modules),
                                                "--test-enable", "--test-tags", tags, "--stop-after-init",
                                                "--http-port", str(free_port())),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = []
        for line in process.stdout:
            log.write(line)
            lines.append(line)
            if re.search(r" (ERROR|CRITICAL|WARNING) | FAIL: | ERROR: |Ran \d+ tests|tests when loading", line):
                sys.stdout.write(line)
        process.wait()
    outcome = tier2_outcome(lines, process.returncode)
    if modules == SUITE:
        for extra in (run_integration(pg, database), install_without_demo(pg)):
            outcome = (outcome[0] + extra[0], outcome[1] + extra[1])
    say(f"tier 2 took {time.monotonic() - started:.0f} s; full log in {log_path}")
    if not os.environ.get("FAMI_KEEP_DB"):
        drop_database(pg, database)
    return outcome


def install_without_demo(pg):
    """The suite must also install cleanly with no demo data: one check, passed or failed."""
    database = f"fami_nodemo_{os.getpid()}"
    drop_database(pg, database)
    say("tier 2: installing the suite without demo data")
    result = subprocess.run(odoo_command("odoo-test.conf", pg, "-d", database, "-i", ",".join(SUITE),
                                         "--without-demo=all", "--log-level=info", "--stop-after-init",
                                         "--http-port", str(free_port())),
                            capture_output=True, text=True, check=False)
    drop_database(pg, database)
    lines = result.stdout.splitlines() + result.stderr.splitlines()
    (LOCAL / f"nodemo-{database}.log").write_text("\n".join(lines), encoding="utf-8")
    _passed, failed = tier2_outcome(lines, result.returncode)
    say("install without demo data: " + ("failed (log in .local/)" if failed else "clean"))
    return (0, 1) if failed else (1, 0)


def run_integration(pg, database):
    """Cross-addon tests (tests/integration) on the database where the whole suite was just installed."""
    host, port, user = pg
    config = LOCAL / f"integration-{database}.conf"
    config.write_text(f"[options]\naddons_path = {odoo_addons_path()}\ndb_host = {host}\ndb_port = {port}\n"
                      f"db_user = {user}\ndb_password = {os.environ.get('FAMI_DB_PASSWORD', '')}\n"
                      "log_level = warn\n", encoding="utf-8")
    if not any(INTEGRATION.glob("test_*.py")):
        return 0, 0
    say("tier 2: cross-addon tests (tests/integration) with pytest-odoo")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "odoo",
                             "-p", "no:cacheprovider", f"--odoo-database={database}", f"--odoo-config={config}",
                             str(INTEGRATION)], cwd=ROOT, capture_output=True, text=True, check=False)
    sys.stdout.write(result.stdout[-20000:])
    return pytest_outcome(result.stdout, result.returncode)


def tier2_outcome(lines, returncode):
    """Tests counted by Odoo's report; any ERROR/CRITICAL line, or a WARNING about the suite, fails the run."""
    failed = errors = total = 0
    for line in lines:
        match = ODOO_RESULT.search(line)
        if match:
            failed, errors, total = (int(group) for group in match.groups())
    log_problems = [line for line in lines if not ODOO_RESULT.search(line) and not BROWSER_IDLE_TIMEOUT.search(line)
                    and (re.search(r" (ERROR|CRITICAL) ", line) or LOG_WARNING_ABOUT_SUITE.search(line))]
    extra = 1 if (log_problems and not failed + errors) or (returncode and not failed + errors) else 0
    if log_problems:
        say(f"{len(log_problems)} error/warning line(s) in the server log, first: {log_problems[0].strip()}")
    # a skipped test (e.g. a tour without a browser) proved nothing: it counts as failed, never as passed
    skipped = [line for line in lines if SKIPPED_SUITE_TEST.search(line)]
    if skipped:
        say(f"{len(skipped)} test(s) skipped, counted as failed; first: {skipped[0].strip()}")
    return total - failed - errors - len(skipped), failed + errors + extra + len(skipped)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test(args):
    passed, failed = run_tier1()
    say(f"tier 1: {passed} passed, {failed} failed")
    tier2 = None if args.tier1_only else run_tier2(args.modules or SUITE)
    if tier2 is not None:
        say(f"tier 2: {tier2[0]} passed, {tier2[1]} failed")
        passed, failed = passed + tier2[0], failed + tier2[1]
    print(f"total: {passed} passed, {failed} failed")
    return 1 if failed else 0


def pg(_args):
    host, port, user = ensure_postgres()
    say(f"PostgreSQL answers on {host}:{port} (user {user})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    jobs = parser.add_subparsers(dest="job", required=True)
    jobs.add_parser("run", help="serve the suite with demo data on http://localhost:8069").set_defaults(func=run)
    tester = jobs.add_parser("test", help="run tier 1, then tier 2 when Odoo 18 is importable")
    tester.add_argument("--tier1-only", action="store_true")
    tester.add_argument("modules", nargs="*", help="addons whose tier-2 tests to run (default: all five)")
    tester.set_defaults(func=test)
    jobs.add_parser("pg", help="make sure PostgreSQL answers").set_defaults(func=pg)
    args = parser.parse_args()
    try:
        return args.func(args) or 0
    except SetupError as error:
        print(f"[fami] {error}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as error:
        print(f"[fami] a setup step failed: {' '.join(map(str, error.cmd))[:200]} (exit {error.returncode})",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
