#!/usr/bin/env python3
"""One entry point for the two jobs a newcomer needs: serve the suite, and test it.

    python3 tools/devctl.py run    # PostgreSQL + Odoo 18 + database with demo data, served on :8069
    python3 tools/devctl.py test   # tier 1 (no Odoo) then tier 2 (inside Odoo 18, throw-away database)
    python3 tools/devctl.py pg     # only make sure PostgreSQL answers, and print how to reach it

Everything that may be missing is set up here, under `.local/` and never in the system Python:
- a virtual environment `.local/venv` (or the one `make` already runs in) with the Python requirements;
- Odoo 18 in it when it cannot import one: from `FAMI_ODOO_SOURCE` (path or URL of an Odoo 18.0 source archive,
  tar.xz/tar.gz/zip, or of an unpacked source folder) or else from Odoo's official 18.0 source;
- PostgreSQL clusters of the project's own when no server is given: `.local/pgdata` for `run` (durable: fsync and
  full-page writes on) and `.local/pgtest` for `test` (throw-away: both off).
What cannot be set up ends in one clear sentence, never a traceback.
"""
import argparse
import hashlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import sysconfig
import tarfile
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
INTEGRATION = ROOT / "tests" / "integration"
# Limits that fail a stuck run well within CI's 90 minutes, instead of letting CI time out with nothing said.
ODOO_TESTS_TIMEOUT = int(os.environ.get("FAMI_TIER2_TIMEOUT", 50 * 60))
INTEGRATION_TIMEOUT = 15 * 60
INSTALL_TIMEOUT = 15 * 60
ODOO_LINES_SHOWN = r" (ERROR|CRITICAL|WARNING) | FAIL: | ERROR: |Ran \d+ tests|tests when loading"
LOCAL = ROOT / ".local"
VENV = LOCAL / "venv"
ODOO_UNPACKED = LOCAL / "odoo-src"
SERVED_FILES = LOCAL / "odoo-data"  # attachments of the served database (data_dir), beside its cluster
SUITE = ["fami_workflow", "fami_partners", "fami_beneficiaries", "fami_activities", "fami_reporting",
         "fami_outcomes", "fami_monitoring", "fami_verification"]
ODOO_OFFICIAL_SOURCE = "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
DB_USER = os.environ.get("FAMI_DB_USER", "odoo")
EMBEDDED_PORT = int(os.environ.get("FAMI_PG_PORT", "54329"))
# A cluster that loses its last transactions in a crash is fine for throw-away test databases only.
DURABLE = ("durable", "pgdata", EMBEDDED_PORT, "")
THROWAWAY = ("throw-away", "pgtest", EMBEDDED_PORT + 1, " -c fsync=off -c full_page_writes=off")
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


# ---------------------------------------------------------------- Python environment

def in_virtualenv():
    return sys.prefix != sys.base_prefix


def enter_environment():
    """Re-run the running script (this one, or a tool that imports it) inside a virtual environment, so that
    nothing is installed into the system Python: the one `make` already runs in, or else the project's own
    `.local/venv`, created the first time."""
    if in_virtualenv():
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        say(f"creating the project's Python environment in {VENV.relative_to(ROOT)}")
        # an Odoo 18 that the system Python already imports stays visible instead of being installed twice
        inherit = ["--system-site-packages"] if odoo_version() == 18 else []
        LOCAL.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", *inherit, str(VENV)], check=True, capture_output=True)
    os.execv(python, [str(python), str(Path(sys.argv[0]).resolve()), *sys.argv[1:]])


def ensure_requirements():
    """pip-install requirements.txt, with Odoo's own once Odoo was installed here, once per content."""
    files = [ROOT / "requirements.txt", *[path for path in [LOCAL / "odoo-requirements.txt"] if path.exists()]]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()[:16]
    stamp = Path(sys.prefix) / f".fami-requirements-{digest}"
    if stamp.exists():
        return
    say("installing the Python requirements from the package index ...")
    arguments = [word for path in files for word in ("-r", str(path))]
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             *arguments], capture_output=True, text=True, check=False)
    if result.returncode:
        reason = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise SetupError(f"pip could not install the Python requirements ({reason}): make the package index "
                         "reachable (or set PIP_INDEX_URL to a mirror) and run the command again.")
    stamp.touch()


# ---------------------------------------------------------------- Odoo

def odoo_version():
    """Major version of the Odoo this interpreter imports, or None."""
    probe = "import odoo.release as r; print(r.version_info[0])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    return int(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip().isdigit() else None


def ensure_odoo(install=True):
    """Return True when Odoo 18 is importable, installing it first from FAMI_ODOO_SOURCE or Odoo's official
    source when allowed; a source that cannot be used is said in one sentence."""
    if odoo_version() == 18:
        return True
    if not install or os.environ.get("FAMI_NO_ODOO_INSTALL"):
        return False
    source = os.environ.get("FAMI_ODOO_SOURCE") or ODOO_OFFICIAL_SOURCE
    say(f"Odoo 18 is not importable: installing it from {source} ...")
    try:
        install_odoo(source)
    except SetupError as error:
        say(str(error))
        return False
    return odoo_version() == 18


def install_odoo(source):
    """Unpack an Odoo 18.0 source under .local/, install its Python dependencies and make it importable."""
    tree = odoo_source_tree(source)
    requirements = (tree / "requirements.txt").read_text(encoding="utf-8")
    (LOCAL / "odoo-requirements.txt").write_text(wheel_requirements(requirements), encoding="utf-8")
    ensure_requirements()
    # the source tree is importable as it is: a path file instead of a build of Odoo's setup.py
    site_packages = Path(sysconfig.get_paths()["purelib"])
    (site_packages / "fami-odoo-source.pth").write_text(f"{tree}\n", encoding="utf-8")


def wheel_requirements(text):
    """Odoo's requirements.txt as pins that install as wheels here: those for Python 3.12 (wheels exist for 3.11
    too, not for the older pins), psycopg2-binary for psycopg2, and no python-ldap (a C build, LDAP unused)."""
    try:
        from packaging.markers import Marker  # noqa: PLC0415
    except ImportError:  # a bare virtual environment: pip carries packaging
        from pip._vendor.packaging.markers import Marker  # noqa: PLC0415
    chosen = []
    for line in text.splitlines():
        requirement, _, marker = line.split("#", 1)[0].partition(";")
        requirement = requirement.strip()
        if not requirement or (marker.strip() and not Marker(marker.strip()).evaluate(
                {"python_version": "3.12", "python_full_version": "3.12.0"})):
            continue
        name = re.split(r"[=<>~! \[]", requirement, maxsplit=1)[0].lower()
        if name == "python-ldap":
            continue
        chosen.append(re.sub(r"^psycopg2\b", "psycopg2-binary", requirement, flags=re.I))
    return "\n".join(chosen) + "\n"


def odoo_source_tree(source):
    """The folder holding odoo/release.py of an Odoo 18 source: a folder, or an archive (path or URL) unpacked
    once under .local/odoo-src/."""
    if re.match(r"https?://", source):
        source = download(source)
    path = Path(source).expanduser().resolve()
    if path.is_dir():
        return checked_tree(path, source)
    if not path.is_file():
        raise SetupError(f"FAMI_ODOO_SOURCE names {source}, which does not exist: give the path or URL of an Odoo "
                         "18.0 source archive (tar.xz, tar.gz, zip) or of an unpacked source folder.")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    target = ODOO_UNPACKED / digest
    if not (target / ".unpacked").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        say(f"unpacking {path.name} into {target} ...")
        try:
            if tarfile.is_tarfile(path):
                with tarfile.open(path) as archive:
                    archive.extractall(target, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
            elif zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    archive.extractall(target)
            else:
                raise SetupError(f"{source} is not a tar.xz, tar.gz or zip archive: give an Odoo 18.0 source "
                                 "archive or an unpacked source folder.")
        except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
            shutil.rmtree(target, ignore_errors=True)
            raise SetupError(f"{source} could not be unpacked ({error}): give a complete Odoo 18.0 source "
                             "archive.") from error
        (target / ".unpacked").touch()
    return checked_tree(target, source)


def checked_tree(folder, source):
    """The Odoo 18 tree at folder or up to two levels below it."""
    for candidate in [folder, *folder.glob("*"), *folder.glob("*/*")]:
        release = candidate / "odoo" / "release.py"
        if release.is_file():
            major = re.search(r"^version_info = \((\d+)", release.read_text(encoding="utf-8"), re.M)
            if major and major.group(1) == "18":
                return candidate
            raise SetupError(f"{source} holds Odoo {major.group(1) if major else '?'}, not 18: give an Odoo 18.0 "
                             "source.")
    raise SetupError(f"{source} holds no Odoo source (no odoo/release.py): give an Odoo 18.0 source archive or "
                     "folder.")


def download(url):
    """The archive at url, downloaded once into .local/downloads/."""
    target = LOCAL / "downloads" / Path(urllib.parse.urlparse(url).path).name
    if target.exists():
        return str(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=30) as response, open(partial, "wb") as out:  # noqa: S310
            shutil.copyfileobj(response, out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise SetupError(f"{url} could not be downloaded ({error}): with no route to it, set FAMI_ODOO_SOURCE to "
                         "a local Odoo 18.0 source archive or folder.") from error
    partial.rename(target)
    return str(target)


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


def embedded_data_dir(folder):
    """`.local/<folder>` in the project; as root, only if the `postgres` user can reach it (a clone under /root
    cannot), else a folder of that user's own, named after the project path."""
    LOCAL.mkdir(exist_ok=True)
    if os.geteuid() != 0:
        return LOCAL / folder
    shutil.chown(LOCAL, "postgres")
    reachable = subprocess.run(["runuser", "-u", "postgres", "--", "test", "-w", str(LOCAL)], check=False)
    if reachable.returncode == 0:
        return LOCAL / folder
    fallback = Path("/var/tmp") / f"fami-{folder}-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]}"
    fallback.parent.mkdir(exist_ok=True)
    return fallback


def ensure_postgres(cluster=THROWAWAY):
    """Return (host, port, user) of a PostgreSQL the suite can use: FAMI_DB_HOST's, or the project's own cluster
    of that kind, started if needed. The durable one (`make run`) keeps fsync and full-page writes on."""
    host = os.environ.get("FAMI_DB_HOST")
    if host:
        return host, int(os.environ.get("FAMI_DB_PORT", "5432")), DB_USER
    label, folder, port, unsafe_options = cluster
    pg = ("127.0.0.1", port, DB_USER)
    answering = pg_answers("127.0.0.1", port)
    if answering and (unsafe_options or pg_setting(pg, "fsync") == "on"):
        return pg
    bindir = pg_bindir()
    if bindir is None:
        raise SetupError("PostgreSQL is not installed: install it (Debian/Ubuntu: `apt-get install postgresql`) "
                         "or point FAMI_DB_HOST/FAMI_DB_PORT/FAMI_DB_USER at a running server.")
    data = embedded_data_dir(folder)
    if not (data / "PG_VERSION").exists():
        say(f"creating a {label} PostgreSQL cluster in {data}")
        subprocess.run(as_postgres_owner([str(bindir / "initdb"), "-D", str(data), "-U", DB_USER,
                                          "--auth=trust", "-E", "UTF8", "--locale=C"]),
                       check=True, capture_output=True)
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1{unsafe_options}"
    # a durable cluster found running without fsync (started by an older runner) is restarted with it
    action = "restart" if answering else "start"
    say(f"{action}ing the {label} PostgreSQL cluster on 127.0.0.1:{port} (data in {data})")
    subprocess.run(as_postgres_owner([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"),
                                      "-o", options, "-w", "-t", "60", action]),
                   check=True, capture_output=True)
    return pg


def pg_setting(pg, name):
    """A setting of the running server (`SHOW <name>`)."""
    import psycopg2  # noqa: PLC0415 - Odoo's dependency, importable only once Odoo is
    import psycopg2.sql  # noqa: PLC0415

    host, port, user = pg
    with psycopg2.connect(host=host, port=port, user=user, dbname="postgres",
                          password=os.environ.get("FAMI_DB_PASSWORD")) as connection:
        with connection.cursor() as cursor:
            cursor.execute(psycopg2.sql.SQL("SHOW {}").format(psycopg2.sql.Identifier(name)))
            return cursor.fetchone()[0]


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

def server_config(pg, database):
    """`.local/odoo.conf` (mode 0600): config/odoo.conf with what belongs to this machine only — the connection,
    the addons path, the files' folder and the master password, generated on first use into
    `.local/master-password` (0600) and never committed."""
    import configparser  # noqa: PLC0415

    LOCAL.mkdir(exist_ok=True)
    secret_file = LOCAL / "master-password"
    if not secret_file.exists():
        with os.fdopen(os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as secret:
            secret.write(secrets.token_urlsafe(24) + "\n")
        say(f"generated the master password (database manager: off) into {secret_file}, readable by you only")
    config = configparser.RawConfigParser()
    config.read(ROOT / "config" / "odoo.conf", encoding="utf-8")
    host, port, user = pg
    config["options"].update({
        "addons_path": odoo_addons_path(), "db_host": host, "db_port": str(port), "db_user": user,
        "db_password": os.environ.get("FAMI_DB_PASSWORD", ""), "db_name": database, "dbfilter": f"^{database}$",
        "data_dir": str(SERVED_FILES), "admin_passwd": secret_file.read_text(encoding="utf-8").strip(),
    })
    path = LOCAL / "odoo.conf"
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
        config.write(out)
    path.chmod(0o600)
    return path


def served_database():
    """Odoo, the durable cluster, and the config of the database `make run` serves: (pg, database, config)."""
    if not ensure_odoo():
        raise SetupError("Odoo 18 is not installed and could not be installed: set FAMI_ODOO_SOURCE to an Odoo "
                         "18.0 source archive or folder, or install Odoo 18.0 Community "
                         "(https://www.odoo.com/documentation/18.0/administration/on_premise/source.html), "
                         "then run the command again.")
    pg = ensure_postgres(DURABLE)
    database = os.environ.get("FAMI_DB", "fami")
    return pg, database, server_config(pg, database)


def run(_args):
    pg, database, config = served_database()
    odoo = [sys.executable, "-m", "odoo", "-c", str(config)]
    if not database_exists(pg, database):
        say(f"creating database {database!r} with the FAMI suite and its demo data (a few minutes) ...")
        subprocess.run([*odoo, "-i", ",".join(SUITE), "--load-language", "it_IT", "--stop-after-init"], check=True)
        # The users of the suite work in Italian: so do the administrator and the demo users of a new database.
        subprocess.run([sys.executable, "-m", "odoo", "shell", "-c", str(config), "--no-http"],
                       input="env['res.users'].search([('share', '=', False)]).lang = 'it_IT'\nenv.cr.commit()\n",
                       text=True, check=True, capture_output=True)
    print()
    print("  FAMI UMBRIA 2 is served on http://localhost:8069")
    print(f"  database: {database}   login: admin   password: admin   (Ctrl-C stops the server)")
    cluster = pg[0] if os.environ.get("FAMI_DB_HOST") else embedded_data_dir(DURABLE[1])
    print(f"  its data: PostgreSQL cluster {cluster} (port {pg[1]}), files in {SERVED_FILES}")
    print("  back it up with `make backup` (a zip in .local/backups/: database and files), "
          "restore with `make restore FILE=<zip>`")
    print(f"  master password (database manager off): {LOCAL / 'master-password'}")
    print()
    os.execv(sys.executable, odoo)


def click_odoo(tool, *arguments):
    """Run one of OCA's click-odoo-contrib commands of this environment."""
    subprocess.run([str(Path(sys.executable).parent / tool), *arguments], check=True)


def backup(_args):
    _pg, database, config = served_database()
    target = LOCAL / "backups" / f"{database}-{time.strftime('%Y%m%d-%H%M%S')}.zip"
    target.parent.mkdir(exist_ok=True)
    click_odoo("click-odoo-backupdb", "-c", str(config), "--format", "zip", database, str(target))
    say(f"backup of {database!r} (database and files) written to {target}")


def restore(args):
    pg, database, config = served_database()
    if database_exists(pg, database) and not args.replace:
        raise SetupError(f"database {database!r} exists: add --replace (make restore FILE=... REPLACE=1) to "
                         "overwrite it with the backup, or set FAMI_DB to restore under another name.")
    click_odoo("click-odoo-restoredb", "-c", str(config), "--force", "--move", database,
               str(Path(args.file).resolve()))
    say(f"database {database!r} restored from {args.file}")


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
    started = time.monotonic()
    create_with_dependencies(pg, database)
    # FAMI_TEST_TAGS narrows a development run to some tests (Odoo --test-tags syntax, e.g. /fami_reporting:TestClaim)
    tags = os.environ.get("FAMI_TEST_TAGS") or ",".join(f"/{module}" for module in modules)
    say(f"tier 2: installing {', '.join(modules)} in {database!r} and running their tests")
    LOCAL.mkdir(exist_ok=True)  # absent on a clean checkout that uses an external PostgreSQL
    log_path = LOCAL / f"tier2-{database}.log"
    returncode, lines = run_to_log(
        odoo_command("odoo-test.conf", pg, "-d", database, "-i", ",".join(modules), "--test-enable",
                     "--test-tags", tags, "--stop-after-init", "--http-port", str(free_port())),
        log_path, ODOO_TESTS_TIMEOUT, echo=ODOO_LINES_SHOWN, last_line=ODOO_RESULT.pattern)
    outcome = tier2_outcome(lines, returncode)
    if modules == SUITE:
        for extra in (run_integration(pg, database), install_without_demo(pg)):
            outcome = (outcome[0] + extra[0], outcome[1] + extra[1])
    say(f"tier 2 took {time.monotonic() - started:.0f} s; full log in {log_path}")
    if not os.environ.get("FAMI_KEEP_DB"):
        drop_database(pg, database)
    return outcome


def run_to_log(command, log_path, timeout, echo=None, cwd=None, last_line=None):
    """Run `command` with its output written to `log_path`, echoing the lines that match `echo`; returns
    (returncode, lines), returncode 124 (as timeout(1)) when it ran past `timeout` seconds and was killed. The
    output goes to a file, not a pipe, so a browser or daemon it leaves behind cannot keep us waiting for the pipe
    to close; whatever it started is ended with it (its own process group). A process that printed `last_line`
    (its final report) has a minute to exit, then is ended as done."""
    lines, pending, reported = [], "", False

    def collect(reader):
        nonlocal pending, reported
        pending += reader.read()
        *complete, pending = pending.split("\n")
        for line in complete:
            lines.append(line + "\n")
            if echo and re.search(echo, line):
                print(line, flush=True)
            reported = reported or bool(last_line and re.search(last_line, line))

    with open(log_path, "w", encoding="utf-8") as log, open(log_path, encoding="utf-8", errors="replace") as reader:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   cwd=cwd, start_new_session=True)
        deadline = time.monotonic() + timeout
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(1)
            collect(reader)
            if reported:
                deadline = min(deadline, time.monotonic() + 60)
        returncode = process.poll()
        if returncode is None and reported:
            say(f"{Path(command[0]).name} reported and then did not exit within a minute: ended (log: {log_path})")
            returncode = 0
        try:
            os.killpg(process.pid, 9)  # the process if it timed out, and anything it left running
        except ProcessLookupError:
            pass
        process.wait()
        collect(reader)
    if pending:
        lines.append(pending)
    if returncode is None:
        say(f"stopped after {timeout // 60} minutes, unfinished: {Path(command[0]).name} (log: {log_path})")
        return 124, lines
    return returncode, lines


def install_without_demo(pg):
    """The suite must also install cleanly with no demo data: one check, passed or failed."""
    database = f"fami_nodemo_{os.getpid()}"
    drop_database(pg, database)
    say("tier 2: installing the suite without demo data")
    create_with_dependencies(pg, database, demo=False)
    returncode, lines = run_to_log(
        odoo_command("odoo-test.conf", pg, "-d", database, "-i", ",".join(SUITE), "--without-demo=all",
                     "--log-level=info", "--stop-after-init", "--http-port", str(free_port())),
        LOCAL / f"nodemo-{database}.log", INSTALL_TIMEOUT)
    drop_database(pg, database)
    _passed, failed = tier2_outcome(lines, returncode)
    say("install without demo data: " + ("failed (log in .local/)" if failed else "clean"))
    return (0, 1) if failed else (1, 0)


def run_integration(pg, database):
    """Cross-addon tests (tests/integration) on the database where the whole suite was just installed."""
    if not any(INTEGRATION.glob("test_*.py")):
        return 0, 0
    say("tier 2: cross-addon tests (tests/integration) with pytest-odoo")
    returncode, lines = run_to_log([sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "odoo",
                                    "-p", "no:cacheprovider", f"--odoo-database={database}",
                                    f"--odoo-config={connection_config(pg)}", str(INTEGRATION)],
                                   LOCAL / f"integration-{database}.log", INTEGRATION_TIMEOUT, cwd=ROOT)
    output = "".join(lines)
    sys.stdout.write(output[-20000:])
    return pytest_outcome(output, returncode)


def connection_config(pg):
    """An Odoo config file of the test cluster's connection and the addons path, for pytest-odoo and click-odoo."""
    host, port, user = pg
    config = LOCAL / f"test-connection-{port}.conf"
    LOCAL.mkdir(exist_ok=True)
    config.write_text(f"[options]\naddons_path = {odoo_addons_path()}\ndb_host = {host}\ndb_port = {port}\n"
                      f"db_user = {user}\ndb_password = {os.environ.get('FAMI_DB_PASSWORD', '')}\n"
                      "log_level = warn\n", encoding="utf-8")
    return config


def suite_dependencies():
    """The Odoo modules the suite's addons depend on, outside the suite."""
    import ast  # noqa: PLC0415

    names = set()
    for module in SUITE:
        manifest = ast.literal_eval((ADDONS / module / "__manifest__.py").read_text(encoding="utf-8"))
        names.update(manifest.get("depends", []))
    return sorted(names - set(SUITE))


def create_with_dependencies(pg, database, demo=True):
    """Create `database` with the Odoo modules the suite needs already installed, copied from a template database
    that OCA's click-odoo-initdb keeps per checksum of those modules: from the second run on, their install (about
    a minute) is skipped. If that fails the database is left absent and Odoo installs everything itself."""
    command = [str(Path(sys.executable).parent / "click-odoo-initdb"), "-c", str(connection_config(pg)),
               "-n", database, "-m", ",".join(suite_dependencies()), "--demo" if demo else "--no-demo",
               "--cache-prefix", "famitest", "--cache-max-size", "4"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        reason = (result.stderr.strip().splitlines() or ["no message"])[-1]
        say(f"cached template not used ({reason}): installing every module")
        drop_database(pg, database)


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


def tier2_is_required():
    """On CI with an Odoo source given, tier 2 not running is a failure: a fresh machine can always run it."""
    return os.environ.get("CI", "").lower() == "true" and bool(os.environ.get("FAMI_ODOO_SOURCE"))


def test(args):
    passed, failed = run_tier1()
    say(f"tier 1: {passed} passed, {failed} failed")
    tier2 = None if args.tier1_only else run_tier2(args.modules or SUITE)
    if tier2 is not None:
        say(f"tier 2: {tier2[0]} passed, {tier2[1]} failed")
        passed, failed = passed + tier2[0], failed + tier2[1]
    print(f"total: {passed} passed, {failed} failed")
    if tier2 is None and not args.tier1_only and tier2_is_required():
        print("[fami] tier 2 did not run although CI gave an Odoo source (FAMI_ODOO_SOURCE): this run fails, "
              "because a pass on tier 1 alone would prove nothing about the suite inside Odoo.")
        return 1
    return 1 if failed else 0


def pg(_args):
    host, port, user = ensure_postgres()
    say(f"PostgreSQL answers on {host}:{port} (user {user})")


def deps(_args):
    """Only the Python requirements (installed by main before any job)."""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    jobs = parser.add_subparsers(dest="job", required=True)
    jobs.add_parser("run", help="serve the suite with demo data on http://localhost:8069").set_defaults(func=run)
    tester = jobs.add_parser("test", help="run tier 1, then tier 2 when Odoo 18 is importable")
    tester.add_argument("--tier1-only", action="store_true")
    tester.add_argument("modules", nargs="*", help="addons whose tier-2 tests to run (default: all five)")
    tester.set_defaults(func=test)
    jobs.add_parser("pg", help="make sure the test PostgreSQL answers").set_defaults(func=pg)
    jobs.add_parser("deps", help="install the Python requirements").set_defaults(func=deps)
    jobs.add_parser("backup", help="back up the served database and its files").set_defaults(func=backup)
    restorer = jobs.add_parser("restore", help="restore the served database from a backup")
    restorer.add_argument("file", help="a zip written by `backup`")
    restorer.add_argument("--replace", action="store_true", help="overwrite the database if it exists")
    restorer.set_defaults(func=restore)
    args = parser.parse_args()
    try:
        if args.func in (run, backup, restore) or (args.func is test and not args.tier1_only):
            ensure_odoo()  # first: one pip run installs Odoo's requirements with the suite's
        ensure_requirements()
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
    enter_environment()
    sys.exit(main())
