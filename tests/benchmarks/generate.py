#!/usr/bin/env python3
"""Fill a database with a reproducible (seeded) five-year regional programme, through the ORM in batches.

    python3 tests/benchmarks/generate.py -d fami_bench            # default scale (hours)
    python3 tests/benchmarks/generate.py -d fami_bench --scale 0.01

Scale 1 = 5 projects, 40 organisations, 20,000 beneficiaries, 2,000 courses with 40,000 sessions and 400,000
attendance lines, 250,000 timesheet lines, 30,000 expenses, 200 events, 60,000 service accesses; a budget per
project and the monthly staff costs of the approved hours.
"""
import base64
import random
import time
from datetime import date, datetime, timedelta

from common import arguments, environment  # first: it enters the project's environment

from dateutil.relativedelta import relativedelta

DEFAULT = {"projects": 5, "organisations": 40, "beneficiaries": 20000, "courses": 2000, "sessions": 40000,
           "attendance": 400000, "timesheets": 250000, "expenses": 30000, "events": 200, "accesses": 60000}
BATCH = 2000
COUNTRIES = ["ma", "al", "ng", "pk", "bd", "ua", "tn", "sn", "eg", "in", "cn", "pe", "ec", "gh", "af"]


def batched(model, values, size=BATCH):
    records = model.browse()
    for start in range(0, len(values), size):
        records |= model.create(values[start:start + size])
        model.env.flush_all()
        model.env.invalidate_all()
    return records


def approve(records, codes):
    """Move records along their workflow as a manager would (engine path, not SQL)."""
    for code in codes:
        records.workflow_fire(code)


def generate(env, scale, seed):
    rng = random.Random(seed)
    counts = {name: max(1, int(value * scale)) for name, value in DEFAULT.items()}
    counts["projects"] = max(1, min(DEFAULT["projects"], counts["projects"]))
    template = env.ref("fami_partners.umbria2_template")
    projects = env["fami.project"]
    for index in range(counts["projects"]):
        wizard = env["fami.project.template.wizard"].create({
            "template_id": template.id, "name": f"Bench project {index + 1}", "code": f"PROG-{9000 + index}",
            "date_start": date(2025, 1, 1), "date_end": date(2029, 12, 31)})
        projects |= wizard.create_project()
    organisations = batched(env["res.partner"], [{"name": f"Bench organisation {i}", "is_company": True}
                                                 for i in range(counts["organisations"])])
    env["fami.project.partner"].create([{"project_id": project.id, "partner_id": org.id, "role": "partner"}
                                        for project in projects for org in organisations])
    countries = [env.ref(f"base.{code}").id for code in COUNTRIES]
    people = batched(env["fami.beneficiary"], [{
        "gender": rng.choice(["female", "male", "non_binary"]), "country_id": rng.choice(countries),
        "birth_date": date(1960, 1, 1) + timedelta(days=rng.randrange(17000)),
        "project_id": rng.choice(projects).id, "organisation_id": rng.choice(organisations).id,
        "privacy_notice_date": date(2025, 2, 1)} for _i in range(counts["beneficiaries"])])
    trainers = env["res.users"].create([{"name": f"Bench trainer {i}", "login": f"bench_trainer_{i}"}
                                        for i in range(max(2, counts["courses"] // 20))])
    courses = batched(env["fami.course"], [{
        "name": f"Bench course {i}", "kind": "operators" if i % 3 else "italian",
        "project_id": rng.choice(projects).id, "organisation_id": rng.choice(organisations).id,
        "trainer_ids": [(6, 0, [rng.choice(trainers).id])]} for i in range(counts["courses"])])
    operators = batched(env["res.partner"], [{"name": f"Bench operator {i}"} for i in range(200)])
    per_course = max(1, counts["attendance"] // max(1, counts["sessions"]))
    enrolments = []
    for course in courses:
        if course.kind == "operators":
            enrolments += [{"course_id": course.id, "partner_id": partner.id}
                           for partner in rng.sample(list(operators), per_course)]
        else:
            enrolments += [{"course_id": course.id, "beneficiary_id": person.id}
                           for person in rng.sample(list(people), per_course)]
    batched(env["fami.course.enrolment"], enrolments)
    sessions_per_course = max(1, counts["sessions"] // counts["courses"])
    session_values = []
    for index, course in enumerate(courses):
        first = datetime(2025, 2, 3, 8) + timedelta(days=(index * 7) % 1500)
        for number in range(sessions_per_course):
            start = first + timedelta(days=number * 2, hours=(index % 5) * 2)
            session_values.append({"course_id": course.id, "start": start, "stop": start + timedelta(hours=2),
                                   "trainer_id": course.trainer_ids[:1].id})
    sessions = batched(env["fami.course.session"], session_values, size=500)
    attendance = [{"session_id": session.id, "enrolment_id": enrolment.id,
                   "status": "present" if rng.random() < 0.85 else "absent"}
                  for session in sessions for enrolment in session.course_id.enrolment_ids]
    batched(env["fami.attendance"], attendance, size=5000)
    employees = env["hr.employee"].create([{"name": f"Bench mediator {i}"} for i in range(50)])
    timesheet_projects = {project.id: project._get_timesheet_project().id for project in projects}
    lines = []
    for index in range(counts["timesheets"]):
        project = rng.choice(projects)
        day = date(2025, 1, 1) + timedelta(days=index // 40 % 1800)
        lines.append({"name": "Mediazione", "fami_is_mediation": True, "fami_project_id": project.id,
                      "project_id": timesheet_projects[project.id], "employee_id": employees[index % 50].id,
                      "date": day, "unit_amount": 2.0, "fami_time_start": 8 + (index // 50 % 4) * 2.5,
                      "fami_time_end": 10 + (index // 50 % 4) * 2.5, "fami_service_kind": "usl"})
    timesheets = batched(env["account.analytic.line"], lines, size=5000)
    approve(timesheets[: len(timesheets) * 3 // 4], ["submit", "approve"])
    events = batched(env["fami.event"], [{
        "name": f"Bench event {i}", "project_id": rng.choice(projects).id,
        "date_start": datetime(2025, 3, 1) + timedelta(days=i * 7), "date_stop": datetime(2025, 3, 1, 4) +
        timedelta(days=i * 7), "participants_italian": rng.randrange(30), "participants_cpt": rng.randrange(60)}
        for i in range(counts["events"])])
    approve(events, ["submit", "approve"])
    services = env["fami.service"].create([{"name": f"Bench OSS {i}", "kind": "oss" if i % 3 else "vulnerable",
                                            "project_id": rng.choice(projects).id} for i in range(13)])
    approve(services[:10], ["submit", "approve"])  # the indicators count approved services only
    accesses = batched(env["fami.service.access"], [{
        "service_id": rng.choice(services).id, "beneficiary_id": rng.choice(people).id,
        "date": date(2025, 1, 1) + timedelta(days=rng.randrange(1800))} for _i in range(counts["accesses"])],
        size=5000)
    approve(accesses[: len(accesses) // 2], ["submit", "approve"])
    generate_costs(env, rng, projects, organisations, employees, counts["expenses"])
    return counts


def generate_costs(env, rng, projects, organisations, employees, count):
    """An approved budget per project (work package × category × 8 partners), expenses in every state with their
    attachments, a rate per mediator, year and project, and the monthly staff costs of the approved hours."""
    categories = env["fami.cost.category"].search([("is_indirect", "=", False)])
    staff_category = categories.filtered("is_staff")[:1]
    partners = organisations[:8]
    budgets = env["fami.budget"].create([{"project_id": project.id} for project in projects])
    lines = batched(env["fami.budget.line"], [{
        "budget_id": budget.id, "action_id": action.id, "organisation_id": partner.id, "category_id": category.id,
        "quantity": 1, "unit_cost": rng.randrange(5000, 80000)}
        for budget in budgets for action in budget.project_id.action_ids for category in categories
        for partner in partners])
    approve(budgets, ["approve"])
    supplier = env["res.partner"].create({"name": "Bench supplier", "is_company": True})
    proof = base64.b64encode(b"%PDF-1.4 bench")
    cost_lines = lines.filtered(lambda line: not line.category_id.is_staff)
    chosen = [rng.choice(cost_lines) for _i in range(count)]
    expenses = batched(env["fami.expense"], [{
        "project_id": line.project_id.id, "organisation_id": line.organisation_id.id, "budget_line_id": line.id,
        "supplier_id": supplier.id, "document_number": f"B-{index}",
        "document_date": date(2025, 1, 10) + timedelta(days=index * 1800 // count),
        "payment_date": date(2025, 1, 20) + timedelta(days=index * 1800 // count),
        "taxable_amount": rng.randrange(50, 5000), "vat_amount": 0, "document_file": proof, "payment_proof": proof}
        for index, line in enumerate(chosen)], size=1000)
    approve(expenses[: count * 3 // 4], ["submit", "check", "approve"])
    approve(expenses[count * 3 // 4: count * 7 // 8], ["submit"])
    staff_lines = {project: lines.filtered(lambda line, p=project: line.project_id == p
                                            and line.category_id == staff_category)[:1] for project in projects}
    env["fami.staff.rate"].create([{
        "employee_id": employee.id, "year": year, "annual_cost": rng.randrange(28000, 45000),
        "budget_line_id": staff_lines[project].id}
        for employee in employees for year in range(2025, 2030) for project in projects])
    for project in projects:
        month = date(2025, 1, 1)
        while month.year < 2030:
            env["fami.staff.cost"]._generate(project, month, month + relativedelta(months=1, days=-1))
            month += relativedelta(months=1)
        env.flush_all()
        env.invalidate_all()


def main():
    args = arguments(__doc__, scale=(1.0, "fraction of the default scale"), seed=(20231, "random seed"))
    started = time.monotonic()
    with environment(args.database, install=True) as env:
        counts = generate(env, args.scale, args.seed)
        env.cr.commit()
    print(f"generated in {time.monotonic() - started:.1f} s on database {args.database!r}:")
    for name, count in counts.items():
        print(f"  {name:14} {count:>9,}")


if __name__ == "__main__":
    main()
