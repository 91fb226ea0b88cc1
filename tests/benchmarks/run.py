#!/usr/bin/env python3
"""Time the suite's hot paths against hand-written SQL computing the same figures on the same database.

    python3 tests/benchmarks/run.py -d fami_bench

Each line: the ORM operation (median of 5 after a warm-up), the SQL floor, their ratio, and the SQL queries the
ORM issued. Targets (issue 10): aggregates within 3x of SQL and under 1 s; the yearly claim workbook under 10 s and
300 MiB; approving 1,000 lines under 5 s (these two are not aggregates: the ratio is printed, not judged).
"""
import statistics
import time
import tracemalloc
from datetime import datetime, timedelta

from benchenv import arguments, environment

from odoo.tools import SQL


def timed(env, function, runs=5):
    """Median seconds of `runs` calls after a warm-up, and the queries of the last call."""
    function()
    durations = []
    for _run in range(runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        function()
        durations.append(time.perf_counter() - started)
        queries = env.cr.sql_log_count - before
    return statistics.median(durations), queries


def sql(env, query, params=()):
    def run():
        env.cr.execute(query, params)
        return env.cr.fetchall()
    return run


def report(name, orm, floor, limit=1.0):
    """One line of figures; `limit` in seconds is the absolute target (1 s for aggregates)."""
    (orm_s, queries), (sql_s, _q) = orm, floor
    ratio = orm_s / sql_s if sql_s else float("inf")
    verdict = "ok" if orm_s < limit and (limit > 1 or ratio <= 3) else "SLOW"
    print(f"{name:44} {orm_s * 1000:9.1f} ms {sql_s * 1000:9.1f} ms {ratio:7.1f}x {queries:6d} q  {verdict}")

WORKBOOK_ROWS = 50000  # the yearly workbook of a large project


def clone_expenses(env, claim, target):
    """Benchmark fixture: fill `claim` up to `target` source rows with SQL copies of its own expenses (new
    document numbers). No project of the data set has that many in a year; the export measured stays the ORM's."""
    missing = target - len(claim.expense_ids) - len(claim.staff_cost_ids)
    if missing <= 0 or not claim.expense_ids:
        return
    env.flush_all()
    env.cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'fami_expense' "
                   "AND column_name NOT IN ('id', 'document_number') ORDER BY ordinal_position")
    columns = SQL(", ").join(SQL.identifier(name) for (name,) in env.cr.fetchall())
    env.cr.execute(SQL("""
        INSERT INTO fami_expense (%(columns)s, document_number)
        SELECT %(columns)s, document_number || '-copy-' || copy FROM (
            SELECT * FROM fami_expense WHERE id = ANY(%(ids)s)) source
            CROSS JOIN generate_series(1, %(copies)s) copy
         LIMIT %(missing)s""", columns=columns, ids=claim.expense_ids.ids,
                       copies=missing // len(claim.expense_ids) + 1, missing=missing))
    env.invalidate_all()


def workbook_figures(env, project, year, rows=None):
    """Time the claim workbook of `year` (and its peak memory), with the year's own rows or `rows` in all."""
    with env.cr.savepoint(flush=True) as savepoint:
        claim = env["fami.payment.request"].create({
            "name": f"Bench {year}", "project_id": project.id, "date_from": f"{year}-01-01",
            "date_to": f"{year}-12-31"})
        claim.action_collect_items()
        if not claim.expense_ids:
            # the generator writes no partner declarations (a claim takes only costs of validated ones): the
            # year's approved costs are attached in SQL, inside the savepoint rolled back below
            env.flush_all()
            env.cr.execute(SQL("""
                UPDATE fami_expense SET payment_request_id = %(c)s
                 WHERE project_id = %(p)s AND payment_request_id IS NULL AND workflow_state_code = 'approved'
                   AND document_date BETWEEN %(f)s AND %(t)s""", c=claim.id, p=project.id, f=claim.date_from,
                               t=claim.date_to))
            env.cr.execute(SQL("""
                UPDATE fami_staff_cost SET payment_request_id = %(c)s
                 WHERE project_id = %(p)s AND payment_request_id IS NULL AND month BETWEEN %(f)s AND %(t)s""",
                               c=claim.id, p=project.id, f=claim.date_from, t=claim.date_to))
            env.invalidate_all()
        if rows:
            clone_expenses(env, claim, rows)
        count = len(claim.expense_ids) + len(claim.staff_cost_ids)
        workbook = timed(env, claim.action_export_workbook, runs=3)
        tracemalloc.start()
        env.invalidate_all()
        claim.action_export_workbook()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        floor = timed(env, sql(env, """
            SELECT e.id, s.name, e.document_number, e.document_date, e.payment_date, e.taxable_amount,
                   e.vat_amount, e.eligible_amount FROM fami_expense e JOIN res_partner s ON s.id = e.supplier_id
             WHERE e.payment_request_id = %(c)s
            UNION ALL
            SELECT c.id, NULL, NULL, c.month, NULL, c.hours, c.hourly_rate, c.amount FROM fami_staff_cost c
             WHERE c.payment_request_id = %(c)s""", {"c": claim.id}), runs=3)
        savepoint.rollback()
    report(f"claim workbook of {year} ({count} source rows)", workbook, floor, limit=10)
    print(f"{'':44} peak memory of the workbook export: {peak / 2**20:.0f} MiB (target < 300 MiB)")


def monitoring_return(env, project):
    """The quarterly monitoring return (fami_monitoring): every section computed from the records of a quarter."""
    if "fami.monitoring.report" not in env:
        return
    with env.cr.savepoint(flush=True) as savepoint:
        monitoring = env["fami.monitoring.report"].create({"project_id": project.id, "date_from": "2026-04-01",
                                                            "date_to": "2026-06-30"})
        orm = timed(env, monitoring._compute_sections, runs=3)
        savepoint.rollback()
    floor = timed(env, sql(env, """
        SELECT (SELECT count(*) FROM fami_course_session WHERE project_id = %(p)s
                   AND workflow_state_code = 'approved' AND start >= %(f)s AND start < %(t)s::date + 1),
               (SELECT count(*) FROM fami_event WHERE project_id = %(p)s AND workflow_state_code = 'approved'
                   AND date_start >= %(f)s AND date_start < %(t)s::date + 1),
               (SELECT count(*) FROM fami_service_access a JOIN fami_service s ON s.id = a.service_id
                 WHERE s.project_id = %(p)s AND a.workflow_state_code = 'approved' AND a.date BETWEEN %(f)s AND %(t)s),
               (SELECT sum(unit_amount) FROM account_analytic_line WHERE fami_project_id = %(p)s
                   AND fami_is_mediation AND workflow_state_code = 'approved' AND date BETWEEN %(f)s AND %(t)s),
               (SELECT count(DISTINCT beneficiary_id) FROM fami_monitoring_participation
                 WHERE project_id = %(p)s AND date BETWEEN %(f)s AND %(t)s),
               (SELECT count(DISTINCT beneficiary_id) FROM fami_monitoring_participation
                 WHERE project_id = %(p)s AND date <= %(t)s),
               ARRAY(SELECT ROW(category_id, organisation_id, sum(eligible_amount) FILTER (
                                    WHERE document_date BETWEEN %(f)s AND %(t)s),
                                sum(eligible_amount) FILTER (WHERE document_date <= %(t)s),
                                sum(eligible_amount) FILTER (WHERE payment_date BETWEEN %(f)s AND %(t)s),
                                sum(eligible_amount) FILTER (WHERE payment_date <= %(t)s))::text
                       FROM fami_expense WHERE project_id = %(p)s AND workflow_state_code IN ('approved', 'claimed')
                      GROUP BY category_id, organisation_id),
               ARRAY(SELECT ROW(category_id, organisation_id, sum(amount) FILTER (WHERE month >= %(f)s),
                                sum(amount))::text
                       FROM fami_staff_cost WHERE project_id = %(p)s AND month <= %(t)s
                      GROUP BY category_id, organisation_id)""",
                            {"p": project.id, "f": "2026-04-01", "t": "2026-06-30"}), runs=3)
    report("quarterly monitoring return (all sections)", orm, floor)


def treasury_view(env, project):
    """The treasury graph of a project (fami_reporting): its movements summed by month."""
    lines = env["fami.treasury.line"]
    figures = ["received:sum", "transferred:sum", "spent:sum", "cash_held:sum", "to_justify:sum",
               "guarantee_exposure:sum"]
    report("treasury view: a project by month", timed(env, lambda: lines.web_read_group(
        [("project_id", "=", project.id)], figures, ["date:month"], lazy=False)), timed(env, sql(env, """
            SELECT date_trunc('month', date), sum(received), sum(transferred), sum(spent), sum(cash_held),
                   sum(to_justify), sum(guarantee_exposure), count(*)
              FROM fami_treasury_line WHERE project_id = %s GROUP BY 1 ORDER BY 1""", [project.id])))


def main():
    args = arguments(__doc__)
    with environment(args.database) as env:
        project = env["fami.project"].search([("is_template", "=", False)], order="id", limit=1)
        print(f"{'operation':44} {'ORM':>12} {'SQL':>12} {'ratio':>8} {'queries':>8}")

        def indicators():
            project.indicator_ids.invalidate_recordset()
            return project.indicator_ids.mapped("actual_value")
        report("all UMBRIA 2 indicators of a project", timed(env, indicators), timed(env, sql(env, """
            SELECT (SELECT count(*) FROM fami_course WHERE project_id = %(p)s AND kind = 'operators'
                    AND workflow_state_code = 'approved'),
                   (SELECT sum(unit_amount) FROM account_analytic_line WHERE fami_project_id = %(p)s
                    AND fami_is_mediation AND workflow_state_code = 'approved'),
                   (SELECT count(*) FROM fami_research WHERE project_id = %(p)s
                    AND workflow_state_code = 'approved'),
                   (SELECT count(*) FROM fami_service WHERE project_id = %(p)s AND kind = 'oss' AND active
                    AND workflow_state_code = 'approved'),
                   (SELECT count(*) FROM fami_beneficiary WHERE project_id = %(p)s AND is_reached AND active),
                   (SELECT count(*) FROM fami_service WHERE project_id = %(p)s AND kind = 'vulnerable' AND active
                    AND workflow_state_code = 'approved'),
                   (SELECT sum(participants_total) FROM fami_event WHERE project_id = %(p)s
                    AND workflow_state_code = 'approved')""", {"p": project.id})))

        people = env["fami.beneficiary"]
        report("beneficiaries: first page grouped by nationality",
               timed(env, lambda: people.web_read_group([], ["country_id"], ["country_id"], limit=80)),
               timed(env, sql(env, "SELECT country_id, count(*) FROM fami_beneficiary WHERE active "
                                   "GROUP BY country_id ORDER BY country_id LIMIT 80")))

        session = env["fami.course.session"].search([], order="id", limit=1)
        week_start = session.start - timedelta(days=session.start.weekday())
        week = [("trainer_id", "=", session.trainer_id.id), ("start", ">=", week_start),
                ("start", "<", week_start + timedelta(days=7))]
        report("calendar week of a trainer",
               timed(env, lambda: env["fami.course.session"].search_read(
                   week, ["course_id", "start", "stop", "venue_id", "workflow_state_id"])),
               timed(env, sql(env, """
                   SELECT s.id, s.course_id, c.name, s.start, s.stop, s.venue_id, v.name, s.workflow_state_id,
                          w.name->>'en_US'
                     FROM fami_course_session s JOIN fami_course c ON c.id = s.course_id
                     LEFT JOIN fami_venue v ON v.id = s.venue_id
                     LEFT JOIN fami_workflow_state w ON w.id = s.workflow_state_id
                    WHERE s.trainer_id = %s AND s.start >= %s AND s.start < %s""",
                              (session.trainer_id.id, week_start, week_start + timedelta(days=7)))))

        budget = env["fami.budget"].search([("project_id", "=", project.id)], order="version desc", limit=1)
        report("budget summary (WP x category x partner)", timed(env, budget._summary), timed(env, sql(env, """
            SELECT action_id, category_id, organisation_id, sum(planned), sum(actual), sum(committed) FROM (
                SELECT action_id, category_id, organisation_id, planned_amount AS planned, 0 AS actual,
                       0 AS committed FROM fami_budget_line WHERE budget_id = %(b)s
                UNION ALL
                SELECT action_id, category_id, organisation_id, 0,
                       CASE WHEN workflow_state_code IN ('approved', 'claimed') THEN eligible_amount ELSE 0 END,
                       CASE WHEN workflow_state_code IN ('submitted', 'checked') THEN eligible_amount ELSE 0 END
                  FROM fami_expense WHERE project_id = %(p)s
                UNION ALL
                SELECT action_id, category_id, organisation_id, 0, amount, 0 FROM fami_staff_cost
                 WHERE project_id = %(p)s) costs
            GROUP BY action_id, category_id, organisation_id""", {"b": budget.id, "p": project.id})))

        monitoring_return(env, project)
        treasury_view(env, project)

        for rows in (None, WORKBOOK_ROWS):
            workbook_figures(env, project, 2026, rows)

        lines = env["account.analytic.line"].search([("workflow_state_code", "=", "draft"),
                                                     ("fami_project_id", "!=", False)], limit=1000)
        with env.cr.savepoint(flush=True) as savepoint:
            lines.workflow_fire("submit")
            env.flush_all()
            before = env.cr.sql_log_count
            started = time.perf_counter()
            lines.workflow_fire("approve")
            env.flush_all()
            approve_s = time.perf_counter() - started
            queries = env.cr.sql_log_count - before
            savepoint.rollback()
        with env.cr.savepoint(flush=True) as savepoint:
            started = time.perf_counter()
            env.cr.execute("UPDATE account_analytic_line SET workflow_state_code = 'approved' WHERE id = ANY(%s)",
                           [lines.ids])
            sql_s = time.perf_counter() - started
            savepoint.rollback()
        report(f"approve {len(lines)} timesheet lines in one action", ((approve_s, queries)), (sql_s, 0), limit=5)
        print(f"measured at {datetime.now():%Y-%m-%d %H:%M} on {env.cr.dbname}")
        env.cr.rollback()


if __name__ == "__main__":
    main()
