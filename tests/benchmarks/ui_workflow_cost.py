#!/usr/bin/env python3
"""What a workflow designed in the UI costs the model it governs (issue 22): creating and writing contacts.

    python3 tests/benchmarks/ui_workflow_cost.py                  # 5,000 contacts, best of 4 runs
    python3 tests/benchmarks/ui_workflow_cost.py --records 1000 --runs 5

Two databases are made once from the template of the Odoo modules the suite needs (no demo data):
fami_bench_core without the engine, fami_bench_engine with fami_workflow installed. Each run creates `records`
individual contacts one by one, as the form does, then writes each once, in a transaction rolled back afterwards:

- without the engine installed;
- with the engine installed and no workflow on contacts;
- with a workflow governing only companies (the contacts created are individuals: not governed, but their model
  is, so every create and write passes the engine's guard);
- the same workflow, creating companies (governed: each gets its initial state; for information).

The runs of a scenario alternate with runs without the engine (each in turn first), so that both see the same load
of the machine.
Printed for each phase: the seconds of processor time of the Odoo process (the figure judged: wall time on a shared
machine measures the other processes too) and of wall time, the least of the runs (the least disturbed), the SQL
queries per record, and the ratio of the processor times to those without the engine. Target (issue 22): at most
1.05 for the records nobody governs.
"""
import subprocess
import time

from benchenv import arguments, devctl  # first: it enters the project's environment

CORE, ENGINE = "fami_bench_core", "fami_bench_engine"
WORKFLOW_NAME = "Benchmark: companies"


def ensure_databases(pg):
    for database in (CORE, ENGINE):
        if not devctl.database_exists(pg, database):
            print(f"creating {database} from the template of the suite's Odoo dependencies ...", flush=True)
            devctl.create_with_dependencies(pg, database, demo=False)
    if not installed(pg, ENGINE):
        print(f"installing fami_workflow in {ENGINE} ...", flush=True)
        subprocess.run(devctl.odoo_command("odoo-test.conf", pg, "-d", ENGINE, "-i", "fami_workflow",
                                           "--without-demo=all", "--stop-after-init", "--log-level", "warn"),
                       check=True)


def installed(pg, database):
    import psycopg2  # noqa: PLC0415 - Odoo's dependency, importable once the environment is entered

    host, port, user = pg
    with psycopg2.connect(host=host, port=port, user=user, dbname=database) as connection:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM ir_module_module WHERE name = 'fami_workflow' AND state = 'installed'")
            return bool(cursor.fetchone())


def configure(pg):
    import odoo  # noqa: PLC0415

    host, port, user = pg
    odoo.tools.config.parse_config(["--addons-path", devctl.odoo_addons_path(), "--db_host", host, "--db_port",
                                    str(port), "--db_user", user, "--log-level", "warn"])


def registry(database):
    import odoo  # noqa: PLC0415

    return odoo.modules.registry.Registry.new(database)


def create_and_write(env, count, is_company):
    """(processor seconds, wall seconds, queries) to create `count` contacts one by one, then to write each once."""
    partners = env["res.partner"]
    clocks = [(time.process_time(), time.perf_counter(), env.cr.sql_log_count)]
    ids = [partners.create({"name": f"Contact {number}", "is_company": is_company}).id for number in range(count)]
    env.flush_all()
    clocks.append((time.process_time(), time.perf_counter(), env.cr.sql_log_count))
    for number, record_id in enumerate(ids):
        partners.browse(record_id).write({"phone": f"075 {number:06d}"})
    env.flush_all()
    clocks.append((time.process_time(), time.perf_counter(), env.cr.sql_log_count))
    return [tuple(after - before for before, after in zip(start, end, strict=True))
            for start, end in zip(clocks, clocks[1:], strict=False)]


def run_once(reg, count, is_company=False):
    """[(processor s, wall s, queries) of creating, of writing], rolled back."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with reg.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        try:
            return create_and_write(env, count, is_company)
        finally:
            cr.rollback()


def compare(core, engine, count, runs, is_company=False):
    """The least figures of `engine` and of `core` over `runs` alternating runs, after a warm-up of each."""
    run_once(core, min(count, 200))
    run_once(engine, min(count, 200), is_company)
    figures = {"core": [], "engine": []}
    for run in range(runs):  # in turn first and second: the second of two runs is a little slower
        pair = [("core", core, False), ("engine", engine, is_company)]
        for name, reg, companies in pair if run % 2 == 0 else reversed(pair):
            figures[name].append(run_once(reg, count, companies))
    return {name: [tuple(min(run[phase][kind] for run in runs_of) for kind in range(3))
                   for phase in range(2)] for name, runs_of in figures.items()}


def set_workflow(reg, present):
    """The benchmark's workflow governing companies, created (or deleted) through the ORM and committed."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with reg.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        existing = env["fami.workflow"].with_context(active_test=False).search([("name", "=", WORKFLOW_NAME)])
        if present and not existing:
            workflow = env["fami.workflow"].create({
                "name": WORKFLOW_NAME, "model_id": env["ir.model"]._get_id("res.partner"), "active": False,
                "domain": "[('is_company', '=', True)]"})
            proposed, signed = env["fami.workflow.state"].create([
                {"workflow_id": workflow.id, "code": "proposed", "name": "Proposed", "is_initial": True},
                {"workflow_id": workflow.id, "code": "signed", "name": "Signed", "is_final": True, "locked": True}])
            env["fami.workflow.transition"].create({"workflow_id": workflow.id, "code": "sign", "name": "Sign",
                                                    "state_from_id": proposed.id, "state_to_id": signed.id})
            workflow.action_unarchive()
        elif not present and existing:
            existing.unlink()
        cr.commit()


def main():
    args = arguments(__doc__, records=(5000, "contacts created and written per run"),
                     runs=(4, "runs per scenario (the least is kept)"))
    pg = devctl.ensure_postgres()
    ensure_databases(pg)
    configure(pg)
    core, engine = registry(CORE), registry(ENGINE)
    set_workflow(engine, present=False)
    results = {"engine installed, no workflow on contacts": compare(core, engine, args.records, args.runs)}
    set_workflow(engine, present=True)
    results["workflow on companies, individuals created"] = compare(core, engine, args.records, args.runs)
    results["workflow on companies, companies created"] = compare(core, engine, args.records, args.runs,
                                                                  is_company=True)
    set_workflow(engine, present=False)
    print(f"\n{args.records} contacts created then written one by one, best of {args.runs} alternating runs")
    print(f"{'scenario':44} {'create cpu/wall/queries':>28} {'write cpu/wall/queries':>28} {'ratio cpu':>9}")
    ratios = {}
    for name, result in results.items():
        for label, figures in (("  without the engine", result["core"]), (name, result["engine"])):
            cells = [f"{cpu:7.2f}s {wall:7.2f}s {queries / args.records:6.1f}q" for cpu, wall, queries in figures]
            ratio = sum(cpu for cpu, _wall, _queries in result["engine"]) / \
                sum(cpu for cpu, _wall, _queries in result["core"])
            ratios[name] = ratio
            print(f"{label:44} {cells[0]:>28} {cells[1]:>28} {ratio if label == name else 1:9.3f}")
    governed = ratios["workflow on companies, individuals created"]
    print(f"\nrecords nobody governs, on a governed model: {governed:.3f} (target <= 1.05): "
          + ("ok" if governed <= 1.05 else "SLOW"))


if __name__ == "__main__":
    main()
