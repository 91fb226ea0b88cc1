#!/usr/bin/env python3
"""Time the suite's hot paths against hand-written SQL computing the same figures on the same database.

    python3 tests/benchmarks/run.py -d fami_bench

Each line: the ORM operation (median of 5 after a warm-up), the SQL floor, their ratio, and the SQL queries the
ORM issued. Targets (issue 10): within 3x of SQL and under 1 s; approving 1,000 lines under 5 s.
"""
import statistics
import time
import tracemalloc
from datetime import datetime, timedelta

from common import arguments, environment


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


def report(name, orm, floor):
    (orm_s, queries), (sql_s, _q) = orm, floor
    ratio = orm_s / sql_s if sql_s else float("inf")
    verdict = "ok" if orm_s < 1 and ratio <= 3 else "SLOW"
    print(f"{name:44} {orm_s * 1000:9.1f} ms {sql_s * 1000:9.1f} ms {ratio:7.1f}x {queries:6d} q  {verdict}")


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
                   (SELECT count(*) FROM fami_research WHERE project_id = %(p)s AND state = 'done'),
                   (SELECT count(*) FROM fami_service WHERE project_id = %(p)s AND kind = 'oss' AND active),
                   (SELECT count(*) FROM fami_beneficiary WHERE project_id = %(p)s AND is_reached AND active),
                   (SELECT count(*) FROM fami_service WHERE project_id = %(p)s AND kind = 'vulnerable' AND active),
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
               timed(env, sql(env, "SELECT id, course_id, start, stop, venue_id, workflow_state_id "
                                   "FROM fami_course_session WHERE trainer_id = %s AND start >= %s AND start < %s",
                              (session.trainer_id.id, week_start, week_start + timedelta(days=7)))))

        if "fami.budget.line" in env and hasattr(env["fami.budget.line"], "_summary"):
            report("budget summary (WP x category x partner)",
                   timed(env, lambda: env["fami.budget.line"]._summary(project)),
                   timed(env, sql(env, "SELECT 1")))
        else:
            print("budget summary and claim workbook: fami_reporting provides no summary API yet (not measured)")

        lines = env["account.analytic.line"].search([("workflow_state_code", "=", "draft"),
                                                     ("fami_is_mediation", "=", True)], limit=1000)
        with env.cr.savepoint(flush=True) as savepoint:
            lines.workflow_fire("submit")
            before = env.cr.sql_log_count
            tracemalloc.start()
            started = time.perf_counter()
            lines.workflow_fire("approve")
            env.flush_all()
            approve_s = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            queries = env.cr.sql_log_count - before
            savepoint.rollback()
        started = time.perf_counter()
        with env.cr.savepoint(flush=True) as savepoint:
            env.cr.execute("UPDATE account_analytic_line SET workflow_state_code = 'approved' WHERE id = ANY(%s)",
                           [lines.ids])
            savepoint.rollback()
        sql_s = time.perf_counter() - started
        print(f"{'approve ' + str(len(lines)) + ' timesheet lines in one action':44} {approve_s * 1000:9.1f} ms "
              f"{sql_s * 1000:9.1f} ms {approve_s / sql_s:7.1f}x {queries:6d} q  "
              f"{'ok' if approve_s < 5 else 'SLOW'} (peak {peak / 2**20:.0f} MiB)")
        print(f"measured at {datetime.now():%Y-%m-%d %H:%M} on {env.cr.dbname}")
        env.cr.rollback()


if __name__ == "__main__":
    main()
