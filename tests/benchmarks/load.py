#!/usr/bin/env python3
"""Many users at once: Odoo in multi-process mode on a generated database, driven over JSON-RPC by locust.

    python3 tests/benchmarks/load.py -d fami_bench                       # 20 users, 120 s, 2 workers
    python3 tests/benchmarks/load.py -d fami_bench --users 40 --time 300 --workers 4

Trainers take attendance, mediators log and send hours, administrative staff enter, send and check expenses,
managers approve batches of what others sent (the same batches at the same time), an auditor downloads the claim
workbook. Prints requests/s, p50/p95/p99 per operation and the errors, then checks the database: every record
written is there once, nothing was approved twice (concurrent approvals of the same records: one move each),
attendance is what the trainers marked, and every indicator equals a recount of its records. Exit status 1 when
a check fails or a request failed. Loopback only; locust runs in its own environment (.local/locust-venv, from
tests/benchmarks/requirements-load.txt), created on first use.
"""
import csv
import json
from datetime import date, timedelta
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from benchenv import ROOT, arguments, devctl, environment  # first: it enters the project's environment

from odoo.tools import SQL

HERE = Path(__file__).resolve().parent
LOCUST_VENV = ROOT / ".local" / "locust-venv"
ROLES = ("trainer", "mediator", "staff", "manager", "auditor")


def role_counts(users):
    """How many simulated users of each role: at least one of each, then 30% trainers, 30% mediators, 20%
    staff, 15% managers, the rest auditors."""
    counts = {"trainer": max(1, users * 30 // 100), "mediator": max(1, users * 30 // 100),
              "staff": max(1, users * 20 // 100), "manager": max(1, users * 15 // 100)}
    counts["auditor"] = max(1, users - sum(counts.values()))
    return counts


def prepare(env, counts):
    """Accounts for the simulated users (password = login) and what each works on; returns the configuration
    the locustfile reads. Idempotent: a second run reuses the accounts."""
    groups = {role: env.ref(f"fami_partners.group_fami_{name}") for role, name in (
        ("trainer", "trainer"), ("mediator", "mediator"), ("staff", "admin_staff"), ("manager", "manager"),
        ("auditor", "auditor"))}
    project = env["fami.project"].search([("is_template", "=", False)], order="id", limit=1)
    links = env["fami.project.partner"].search([("project_id", "=", project.id)], order="id")
    budget = env["fami.budget"].search([("project_id", "=", project.id)], order="version desc", limit=1)

    def account(role, index, link=None):
        login = f"load_{role}_{index}"
        user = env["res.users"].with_context(active_test=False).search([("login", "=", login)])
        if not user:
            user = env["res.users"].create({"name": f"Load {role} {index}", "login": login, "password": login,
                                            "groups_id": [(6, 0, [env.ref("base.group_user").id,
                                                                  groups[role].id])]})
        if link:
            link.user_ids = [(4, user.id)]
        return user

    config = {"database": env.cr.dbname, "counts": counts, "accounts": {role: [] for role in ROLES}}
    sessions = env["fami.course.session"].search([("project_id", "=", project.id),
                                                  ("workflow_state_code", "=", "draft")], order="id")
    by_trainer = sessions.grouped("trainer_id")
    for index, (trainer, own) in enumerate(list(by_trainer.items())[:counts["trainer"]]):
        # the generated trainers, with a password and the trainers' group, in the organisations of their courses
        trainer.write({"password": trainer.login, "groups_id": [(4, groups["trainer"].id)]})
        for link in links.filtered(lambda item, o=own: item.partner_id in o.course_id.organisation_id):
            link.user_ids = [(4, trainer.id)]
        config["accounts"]["trainer"].append({"login": trainer.login, "sessions": own[:50].ids})
        del index
    timesheet_project = project._get_timesheet_project()
    for index in range(counts["mediator"]):
        user = account("mediator", index, links[index % len(links)])
        employee = env["hr.employee"].search([("user_id", "=", user.id)], limit=1) or env["hr.employee"].create(
            {"name": user.name, "user_id": user.id})
        last = env["account.analytic.line"].search([("employee_id", "=", employee.id)], order="date desc", limit=1)
        config["accounts"]["mediator"].append({"login": user.login, "project": project.id, "employee": employee.id,
                                               "timesheet_project": timesheet_project.id,
                                               "first_day": str(max(last.date or date(2026, 12, 31),
                                                                    date(2026, 12, 31)) + timedelta(days=1))})
    supplier = env["res.partner"].search([("name", "=", "Bench supplier")], limit=1)
    for index in range(counts["staff"]):
        # two by two in the same organisation: each checks what the other sent
        link = links.filtered(lambda item: budget.line_ids.filtered(
            lambda line, i=item: line.organisation_id == i.partner_id))[index // 2 % 8:][:1]
        user = account("staff", index, link)
        lines = budget.line_ids.filtered(lambda line, o=link.partner_id: line.organisation_id == o
                                         and not line.category_id.is_staff)
        config["accounts"]["staff"].append({"login": user.login, "project": project.id,
                                            "organisation": link.partner_id.id, "budget_lines": lines.ids,
                                            "supplier": supplier.id})
    for role in ("manager", "auditor"):
        config["accounts"][role] = [{"login": account(role, index).login} for index in range(counts[role])]
    config["claim"] = sent_claim(env, project).id
    return config


def sent_claim(env, project):
    """A claim of 2026 with its workbook kept on it: what an auditor downloads."""
    claim = env["fami.payment.request"].search([("project_id", "=", project.id), ("name", "=", "Load 2026")],
                                               limit=1)
    if not claim:
        claim = env["fami.payment.request"].create({"name": "Load 2026", "project_id": project.id,
                                                    "date_from": "2026-01-01", "date_to": "2026-12-31"})
        claim.action_collect_items()
        claim.action_export_workbook()  # the workbook, produced and kept on the claim for its readers
    return claim


def ensure_locust():
    locust = LOCUST_VENV / "bin" / "locust"
    if not locust.exists():
        devctl.say(f"creating the load driver's environment in {LOCUST_VENV.relative_to(ROOT)} (locust)")
        subprocess.run([sys.executable, "-m", "venv", str(LOCUST_VENV)], check=True)
        subprocess.run([str(LOCUST_VENV / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                        "-r", str(HERE / "requirements-load.txt")], check=True)
    return locust


def start_odoo(database, workers, port, log):
    host, pg_port, user = devctl.ensure_postgres()
    # a script, not `-m odoo`: the multi-process server starts its websocket process by running sys.argv[0] again
    launcher = log.parent / "odoo-server"
    launcher.write_text("import odoo.cli\nodoo.cli.main()\n", encoding="utf-8")
    command = [sys.executable, str(launcher), "--addons-path", devctl.odoo_addons_path(), "--db_host", host,
               "--db_port", str(pg_port), "--db_user", user, "-d", database, "--db-filter", f"^{database}$",
               "--workers", str(workers), "--max-cron-threads", "0", "--http-interface", "127.0.0.1",
               "--http-port", str(port), "--gevent-port", str(devctl.free_port()), "--log-level", "warn",
               "--limit-time-real", "600", "--limit-time-cpu", "600", "--limit-memory-soft", str(2 * 2**30),
               "--limit-memory-hard", str(3 * 2**30), "--logfile", str(log)]
    server = subprocess.Popen(command, cwd=ROOT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/health", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(1)
        if server.poll() is not None:
            break
    server.terminate()
    raise SystemExit(f"Odoo did not answer on 127.0.0.1:{port}: see {log}")


def warm_up(database, port, workers, login):
    """Each worker loads the registry on its first request of the database: done before the clock starts."""
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
        "service": "common", "method": "login", "args": [database, login, login]}}).encode()

    def one():
        request = urllib.request.Request(f"http://127.0.0.1:{port}/jsonrpc", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=300) as answer:
            answer.read()
    threads = [threading.Thread(target=one) for _i in range(workers * 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def read_stats(prefix):
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def print_stats(rows, seconds):
    print(f"\n{'operation':36} {'requests':>8} {'fails':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all operations"
        print(f"{name:36} {row['Request Count']:>8} {row['Failure Count']:>6} "
              f"{float(row['Requests/s']):7.1f} {row['50%']:>8} {row['95%']:>8} {row['99%']:>8}")
    print(f"(over {seconds} s)")


def check(env, results, since):
    """Problems found in the database after the run (an empty list when nothing was lost or doubled), among the
    records made since the run started (`since`: the greatest ids before it)."""
    problems = []
    since_log = since["fami_workflow_log"]
    env.invalidate_all()
    lines = env["account.analytic.line"].search([("name", "=like", "load-%"),
                                                 ("id", ">", since["account_analytic_line"])])
    if sorted(lines.ids) != sorted(set(results["timesheets"])) or len(results["timesheets"]) != len(
            set(results["timesheets"])):
        problems.append(f"hours: {len(results['timesheets'])} written, {len(lines)} found")
    expenses = env["fami.expense"].search([("document_number", "=like", "LOAD-%"), ("id", ">", since["fami_expense"])])
    if sorted(expenses.ids) != sorted(set(results["expenses"])):
        problems.append(f"expenses: {len(results['expenses'])} written, {len(expenses)} found")
    marked = {int(line): status for line, status in results["attendance"].items()}
    found = {line.id: line.status for line in env["fami.attendance"].browse(list(marked))}
    wrong = [line for line, status in marked.items() if found.get(line) != status]
    if wrong:
        problems.append(f"attendance: {len(wrong)} of {len(marked)} lines are not what the trainer marked")
    # one move per record and transition: concurrent approvals of the same records must not both pass
    env.cr.execute(SQL("""
        SELECT res_model, res_id, transition_id, count(*) FROM fami_workflow_log
         WHERE id > %s GROUP BY res_model, res_id, transition_id HAVING count(*) > 1""", since_log))
    doubled = env.cr.fetchall()
    if doubled:
        problems.append(f"{len(doubled)} records moved twice by the same transition, e.g. {doubled[:3]}")
    env.cr.execute(SQL("""
        SELECT l.res_model, l.res_id FROM fami_workflow_log l JOIN fami_workflow_transition t
            ON t.id = l.transition_id
         WHERE l.id > %s AND t.code = 'approve' GROUP BY 1, 2""", since_log))
    approved_logged = {f"{model},{res_id}" for model, res_id in env.cr.fetchall()}
    claimed = set(results["approved"])
    if claimed - approved_logged:
        problems.append(f"{len(claimed - approved_logged)} approvals answered as done have no log line")
    for model, field in (("account.analytic.line", "name"), ("fami.expense", "document_number")):
        records = env[model].search([(field, "=like", "load-%" if field == "name" else "LOAD-%"),
                                     ("workflow_state_code", "=", "approved"), ("id", ">", since[env[model]._table])])
        unlogged = [record.id for record in records if f"{model},{record.id}" not in approved_logged]
        if unlogged:
            problems.append(f"{model}: {len(unlogged)} approved records without their approval in the log")
    problems += indicator_recount(env)
    return problems


def indicator_recount(env):
    """Every indicator's figure against a recount of its records (ids searched, then summed in SQL)."""
    problems = []
    for indicator in env["fami.indicator"].search([("mode", "=", "records"), ("project_id.is_template", "=",
                                                                             False)]):
        model = env[indicator.model_id.model].sudo()  # sudo: aggregates of the whole project, as indicators are
        ids = model.search(indicator._get_record_domain()).ids
        if indicator.aggregation == "count":
            recount = len(ids)
        else:
            field = model._fields[indicator.field_id.name]
            env.cr.execute(SQL("SELECT %s FROM %s WHERE id = ANY(%s)",
                               SQL("count(DISTINCT %s)", SQL.identifier(field.name))
                               if indicator.aggregation == "count_distinct"
                               else SQL("COALESCE(sum(%s), 0)", SQL.identifier(field.name)),
                               SQL.identifier(model._table), ids))
            recount = env.cr.fetchone()[0]
        indicator.invalidate_recordset()
        if abs(indicator.actual_value - float(recount or 0)) > 1e-6:
            problems.append(f"indicator {indicator.code} of {indicator.project_id.name}: "
                            f"{indicator.actual_value} shown, {recount} recounted")
    return problems


def main():
    args = arguments(__doc__, users=(20, "simulated users"), time=(120, "seconds of load"),
                     workers=(2, "Odoo worker processes (2 or more)"))
    if args.workers < 2:
        raise SystemExit("--workers must be 2 or more: production runs Odoo in multi-process mode")
    counts = role_counts(args.users)
    with environment(args.database) as env:
        config = prepare(env, counts)
        since = {}
        for table in ("fami_workflow_log", "account_analytic_line", "fami_expense"):
            env.cr.execute(SQL("SELECT COALESCE(max(id), 0) FROM %s", SQL.identifier(table)))
            since[table] = env.cr.fetchone()[0]
        env.cr.commit()
    locust = ensure_locust()
    folder = Path(tempfile.mkdtemp(prefix="fami-load-"))
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    port = devctl.free_port()
    server = start_odoo(args.database, args.workers, port, folder / "odoo.log")
    print(f"Odoo: {args.workers} workers on 127.0.0.1:{port}; {args.users} users "
          f"({', '.join(f'{n} {role}' for role, n in counts.items())}) for {args.time} s")
    try:
        warm_up(args.database, port, args.workers, config["accounts"]["manager"][0]["login"])
        subprocess.run([str(locust), "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(args.users),
                        "-r", str(args.users), "-t", f"{args.time}s", "--host", f"http://127.0.0.1:{port}",
                        "--csv", str(folder / "load"), "--only-summary", "--loglevel", "WARNING",
                        "--stop-timeout", "30"],
                       env={**os.environ, "FAMI_LOAD_CONFIG": str(folder / "config.json"),
                            "FAMI_LOAD_RESULTS": str(folder / "results.json")}, check=False,
                       stdout=subprocess.DEVNULL, stderr=(folder / "locust.log").open("w"))
    finally:
        server.terminate()
        server.wait(60)
    rows = read_stats(folder / "load")
    print_stats(rows, args.time)
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    failures = sum(int(row["Failure Count"]) for row in rows if row["Name"] != "Aggregated")
    print(f"errors: {failures}; approvals refused because somebody else moved the records first: "
          f"{results['conflicts']}")
    for error in sorted(set(results["errors"]))[:20]:
        print(f"  {error}")
    with environment(args.database) as env:
        problems = check(env, results, since)
    print(f"written: {len(results['timesheets'])} hour lines, {len(results['expenses'])} expenses, "
          f"{len(results['attendance'])} attendance marks; approvals answered: {len(results['approved'])}")
    print("checks: " + ("nothing lost or doubled, indicators equal a recount" if not problems else "FAILED"))
    for problem in problems:
        print(f"  {problem}")
    print(f"server log: {folder / 'odoo.log'}, locust's: {folder / 'locust.log'}")
    if problems or failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
