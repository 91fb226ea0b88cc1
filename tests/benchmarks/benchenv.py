"""Opening an Odoo environment on a database from a plain script (shared by generate.py and run.py)."""
import argparse
import contextlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import devctl  # noqa: E402

devctl.enter_environment()  # the benchmarks run in the project's environment, where Odoo is installed


def arguments(description, **extra):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--database", "-d", default="fami_bench", help="database (created by generate.py)")
    for name, (default, help_text) in extra.items():
        parser.add_argument(f"--{name}", type=type(default), default=default, help=help_text)
    return parser.parse_args()


CONFIGURED = []


@contextlib.contextmanager
def environment(database, install=False):
    """An Environment as superuser on `database`, on the PostgreSQL that `make test` uses."""
    import odoo  # noqa: PLC0415 - Odoo is importable only where it is installed
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    host, port, user = devctl.ensure_postgres()
    options = ["--addons-path", devctl.odoo_addons_path(), "--db_host", host, "--db_port", str(port),
               "--db_user", user, "-d", database, "--log-level", "warn"]
    if install:
        options += ["-i", ",".join(devctl.SUITE), "--without-demo", "all"]
    if not CONFIGURED:  # Odoo's configuration is parsed once per process
        odoo.tools.config.parse_config(options)
        CONFIGURED.append(database)
    elif install:
        odoo.tools.config["init"] = dict.fromkeys(devctl.SUITE, 1)
    if install and not devctl.database_exists((host, port, user), database):
        odoo.service.db._create_empty_database(database)
    registry = odoo.modules.registry.Registry.new(database, update_module=install)
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True,
                                                 "mail_notrack": True, "no_mail_to_attendees": True})
